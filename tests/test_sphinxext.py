"""The extension on a tiny book (``tests/roots/mini``), built in-process with ``sphinx.testing``.

Each test builds its own copy of the tiny book (four assertions, one note), so a corrupted table,
an unknown key or id, or an assertion full of markup can be tried in a second, without the real
book. The root is the book being built: the extension reads the data beside ``conf.py``.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from chronique.edition import Edition
from chronique.sphinxext.domain import ChroniqueError

PAGE = """Essai
=====

{body}

.. bibliography::
   :all:
"""
WHOLE_BOOK = (
    "\n\n".join(f".. assertions::\n   :section: {code}" for code in ("titre", "faits", "contexte")) + "\n\n.. editors-notes::\n\n.. checks-register::"
)


def write_page(root: Path, body: str, name: str = "index") -> None:
    (root / f"{name}.rst").write_text(PAGE.format(body=body) if name == "index" else body, encoding="utf-8")


def make_app(root: Path, builder: str = "html", fresh: bool = True) -> tuple[SphinxTestApp, io.StringIO, io.StringIO]:
    status, warnings = io.StringIO(), io.StringIO()
    app = SphinxTestApp(builder, srcdir=root, status=status, warning=warnings, freshenv=fresh)
    return app, status, warnings


def build(root: Path, builder: str = "html", fresh: bool = True) -> tuple[str, str]:
    """Build the book at ``root``; return what Sphinx printed and warned."""
    app, status, warnings = make_app(root, builder, fresh)
    try:
        app.build()
    finally:
        app.cleanup()
    return status.getvalue(), warnings.getvalue()


def build_html(root: Path, body: str) -> BeautifulSoup:
    write_page(root, body)
    _, warnings = build(root)
    assert warnings == ""
    return BeautifulSoup((root / "_build" / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")


def edit_row(root: Path, table: str, row_id: str, **values: str) -> int:
    """Set columns of one row of the copy's ``data/<table>.csv``; return the row's line number."""
    path = root / "data" / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    line = next(i for i, row in enumerate(rows, start=2) if next(iter(row.values())) == row_id)
    rows[line - 2].update(values)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return line


def build_error(root: Path, body: str = "") -> str:
    write_page(root, body)
    with pytest.raises(ChroniqueError) as caught:
        app, _, _ = make_app(root)
        try:
            app.build()
        finally:
            app.cleanup()
    return str(caught.value)


def reading_text(paragraph) -> str:
    """A paragraph's text as the chronicle has it: the editors' [sic] marks left out."""
    copy = BeautifulSoup(str(paragraph), "html.parser")
    for mark in copy.select(".chronique-sic"):
        mark.decompose()
    return plain(copy.get_text())


def plain(text: str) -> str:
    """Rendered text with the no-break spaces of French typography read as spaces."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def test_listed_assertions_render_as_text_with_their_apparatus(mini_root):
    page = build_html(mini_root, ".. assertions::\n   :ids: FA-001 CH-001")
    span = page.find(id="FA-001")
    assert span.name == "span" and "chronique-assertion" in span["class"]
    assert plain(span.get_text()) == "Trump parle à Miami (Reuters, 2025)."
    call = span.find_next_sibling("a")
    assert "chronique-call" in call["class"] and call["href"] == "#apparat-FA-001" and call.get_text() == ""
    assert call["aria-label"] == "FA-001, déclaration rapportée : apparat"
    entry = page.find(id="apparat-FA-001")
    assert "chronique-entry" in entry["class"] and entry.find_parent(class_="chronique-apparatus") is not None
    assert entry.select_one("a.chronique-permalink")["href"] == "#FA-001"
    assert entry.select_one(".chronique-badge").get_text(" ", strip=True) == "❝ Déclaration rapportée"
    assert plain(entry.select_one(".chronique-attribution").get_text()) == "Attribution : Donald Trump (personne nommée)"
    citation = entry.select_one(".chronique-citations .bibtex-citation a")
    assert citation["href"] == "#ref-reuters" and citation.get_text() == "Reuters, 2025"
    assert page.find(id="ref-reuters") is not None
    assert [b["id"] for b in page.select(".chronique-assertion")] == ["FA-001", "CH-001"]
    # CH-001 names no source: it rests on the chronicle alone, and its entry has no citation line
    assert page.find(id="apparat-CH-001").select_one(".chronique-citations") is None


def test_assertion_text_with_markup_and_script_renders_as_text(mini_root):
    old = "Tout indique une paix imposée."
    new = "Tout <script>alert('x')</script> *indique* une **paix** <b>imposée</b> :cite:p:`reuters`."
    chronicle = mini_root / "data" / "chronicle.txt"
    chronicle.write_text(chronicle.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    edit_row(mini_root, "assertions", "CH-002", text=new)
    page = build_html(mini_root, WHOLE_BOOK)
    text = page.find(id="CH-002")
    assert plain(text.get_text()) == new
    anchors_of_retired_ids = [e for e in text.find_all("span") if e.get("id") and not e.contents]
    assert [e for e in text.find_all(True) if e not in anchors_of_retired_ids] == []  # not <script>, <b>, <em> nor a citation
    assert [e["id"] for e in anchors_of_retired_ids] == ["CH-003"]  # CH-003 was merged into CH-002 (aliases)
    scripts = page.find_all("script")
    assert not any("alert" in script.get_text() for script in scripts if script.get("type") != "application/ld+json")
    assert all("<" not in script.get_text() for script in scripts if script.get("type") == "application/ld+json")


def test_sections_render_as_the_chronicle_is_written(mini_root):
    """Headings as written (a section's own heading, then its subheadings), each paragraph of
    the chronicle one block whose text is its line, its assertions in order."""
    page = build_html(mini_root, WHOLE_BOOK)
    for link in page.select("a.headerlink"):
        link.decompose()
    chronicle = [h2 for h2 in page.select("section > h2") if "chronique-bibliography-part" not in h2.parent.get("class", [])]
    rendered = [(h2.get_text(), [b["id"] for b in h2.parent.select(".chronique-assertion")]) for h2 in chronicle]
    assertions = Edition.read(mini_root).assertions
    expected = [(heading, list(group["id"])) for (_, heading), group in assertions.groupby(["section", "subsection"], sort=False)]
    assert rendered == expected
    lines = (mini_root / "data" / "chronicle.txt").read_text(encoding="utf-8").splitlines()
    paragraphs = [reading_text(p) for p in page.select(".chronique-passage > p.chronique-text")]
    assert paragraphs == [lines[n - 1] for n in dict.fromkeys(assertions["paragraph"])]


def test_a_note_is_printed_once_per_page_beside_its_first_target_and_linked_from_the_others(mini_root):
    page = build_html(mini_root, WHOLE_BOOK)
    full = page.select(".chronique-entry .chronique-note")
    assert len(full) == 1  # N-01 targets FA-002 and CH-002, both on this page
    assert full[0].find_parent(class_="chronique-entry")["id"] == "apparat-FA-002"
    anchor = full[0].find(id="note-N-01")
    assert anchor is not None
    reminder = page.find(id="apparat-CH-002").select_one(".chronique-note-reminder")
    assert reminder.select_one("a")["href"] == "#note-N-01" and "FA-002" in reminder.get_text()
    assert page.find(id="N-01") is not None  # the appendix's copy


def test_invalid_data_fails_listing_every_problem(mini_root):
    status_line = edit_row(mini_root, "assertions", "FA-002", status="rumeur")
    speaker_line = edit_row(mini_root, "assertions", "CH-001", attributed_to="Personne inconnue")
    message = build_error(mini_root)
    assert f"data/assertions.csv:{status_line}: status: unknown value 'rumeur'" in message
    assert f"data/assertions.csv:{speaker_line}: attributed_to: unknown value 'Personne inconnue'" in message
    assert "(fix: " in message


def test_unknown_citation_key_in_data_fails(mini_root):
    line = edit_row(mini_root, "assertions", "FA-002", citations="marquette2025;cle-inconnue")
    message = build_error(mini_root)
    assert f"data/assertions.csv:{line}: citations: unknown citation key 'cle-inconnue'" in message
    assert "add the entry to references.bib" in message


def test_a_status_without_a_style_is_a_data_problem_not_a_crash(mini_root):
    codebook = mini_root / "data" / "codebook.csv"
    codebook.write_text(codebook.read_text(encoding="utf-8") + "rumeur,6,Rumeur,Un bruit.,Le texte dit rumeur.,FA-002,sans_objet\n", encoding="utf-8")
    edit_row(mini_root, "assertions", "FA-002", status="rumeur")
    message = build_error(mini_root)
    assert "data/codebook.csv:7: code: 'rumeur' has no style in chronique/palette.py (fix: add 'rumeur' to STATUS_STYLE" in message


def test_unknown_citation_key_in_a_page_fails(mini_root):
    message = build_error(mini_root, "Voir :cite:p:`cle-inconnue`.")
    assert "index.rst:4: cite: unknown citation key 'cle-inconnue'" in message
    assert "add the entry to references.bib or correct the key" in message


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (":ids: FA-001 FA-999", "index.rst:4: assertions: unknown assertion id 'FA-999' (fix: use ids that exist in data/assertions.csv"),
        (":section: epilogue", "index.rst:4: assertions: unknown section 'epilogue' (fix: use one of: titre, faits, contexte"),
        (":ids: FA-001\n   :section: faits", "give exactly one of the options :section: or :ids:"),
    ],
)
def test_bad_directive_fails_naming_page_and_id(mini_root, options, expected):
    assert expected in build_error(mini_root, f".. assertions::\n   {options}")


def test_latex_builder_writes_the_text_its_apparatus_as_footnotes_notes_and_citations(mini_root):
    write_page(mini_root, WHOLE_BOOK)
    _, warnings = build(mini_root, "latex")
    assert warnings == ""
    tex = (mini_root / "_build" / "latex" / "essai.tex").read_text(encoding="utf-8")
    assert r"\label{\detokenize{index:FA-002}}" in tex
    # the paragraph as text, each assertion followed by its apparatus as a footnote
    call = re.search(r"Trump parle à Miami \(Reuters, 2025\)\.\}%?\s*\\begin\{footnote\}\[(\d+)\]", tex)
    assert call
    footnote = tex.split(rf"\begin{{footnote}}[{call.group(1)}]", 1)[1].split(r"\end{footnote}", 1)[0]
    assert "FA" in footnote and "Donald Trump (personne nommée)" in footnote and r"\hyperlink{cite.index:ref-reuters}{Reuters, 2025}" in footnote
    assert tex.count(r"\begin{footnote}") == len(Edition.read(mini_root).assertions)  # one per assertion
    assert "Confirmé" in footnote and "Une dépêche reprise" not in footnote  # a check's first line; its details are in the register
    assert re.search(r"Auteur:(\\DUrole\{chronique-sic[^}]*\}\{)+ \{\[\}\\sphinxstyleemphasis\{sic\}\{\]\}", tex)
    assert r"\begin{sphinxadmonition}{note}{Note des éditeurs N\sphinxhyphen{}01 — contradiction interne}" in tex
    assert r"\hyperlink{cite.index:ref-dayton1995}{Nations unies, 1995}" in tex
    assert r"]{index:ref-dayton1995}" in tex  # its \bibitem


def reread(status: str) -> set[str]:
    """The pages Sphinx says it read in this build (``reading sources... [100%] index``)."""
    lines = strip_colors(status).splitlines()
    return {line.rsplit(" ", 1)[-1] for line in lines if line.startswith("reading sources... [")}


def test_a_changed_table_rereads_exactly_the_pages_that_render_it(mini_root):
    write_page(mini_root, WHOLE_BOOK)
    write_page(mini_root, "Codes\n=====\n\n.. codebook::\n", name="codes")
    write_page(mini_root, "Texte\n=====\n\nAucune donnée ici.\n", name="texte")
    write_page(mini_root, "Notes\n=====\n\n.. note-kinds::\n", name="natures")
    (mini_root / "index.rst").write_text(
        (mini_root / "index.rst").read_text(encoding="utf-8") + "\n.. toctree::\n\n   codes\n   texte\n   natures\n", encoding="utf-8"
    )
    status, warnings = build(mini_root)
    assert warnings == "" and reread(status) == {"index", "codes", "texte", "natures"}
    assert reread(build(mini_root, fresh=False)[0]) == set()  # nothing changed: nothing read

    edit_row(mini_root, "notes", "N-01", text="Une note récrite.")
    assert reread(build(mini_root, fresh=False)[0]) == {"index", "natures"}  # the assertions and the note kinds show notes
    html = (mini_root / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "Une note récrite." in html

    edit_row(mini_root, "codebook", "analyse", label="Interprétation")
    assert reread(build(mini_root, fresh=False)[0]) == {"index", "codes"}  # badges and the codebook


def test_the_speaker_index_gives_the_editors_identification_and_the_assertions(mini_root):
    page = build_html(mini_root, WHOLE_BOOK + "\n\n.. speaker-index::")
    entries = {
        dt.get_text(): dd for dt, dd in zip(page.select(".chronique-speaker-index dt"), page.select(".chronique-speaker-index dd"), strict=True)
    }
    assert list(entries)[:2] == ["Le chroniqueur", "Donald Trump"], "in the order of data/attributions.csv"
    trump = entries["Donald Trump"]
    assert trump.select_one(".chronique-speaker-kind").get_text() == "Nature\u00a0: personne nommée."
    assert trump.select_one(".chronique-speaker-identification").get_text().endswith("Président des États-Unis depuis le 20 janvier 2025.")
    said = Edition.read(mini_root).assertions.query("attributed_to == 'Donald Trump'")["id"].tolist()
    assert [a.get_text() for a in trump.select(".chronique-speaker-assertions a")] == said and said
    chronicler = entries["Le chroniqueur"]
    assert "l’auteur de la chronique" in chronicler.get_text() and not chronicler.select(".chronique-speaker-identification")


def test_verification_chapter_and_checks_beside_their_assertion(mini_root):
    body = WHOLE_BOOK + "\n\n.. verdict-codebook::\n\n.. verification-summary::\n\n.. source-resolution::"
    page = build_html(mini_root, body)
    check = page.find(id="C-001")
    assert check.select_one(".chronique-verdict").get_text(" ", strip=True) == "☑ Confirmé"
    evidence = check.select_one(".chronique-evidence-list > li > p")
    assert evidence.select_one("a")["href"] == "https://exemple.org/depeche-miami"
    assert evidence.get_text() == "Agence d’essai (reprend Reuters), 5 novembre 2025\u00a0: [Dépêche sur le discours de Miami] — appuie (EV-002)"
    assert evidence.select_one("em").get_text() == "appuie"
    assert check.select_one(".chronique-evidence-heading").get_text() == "Documents consultés le 28 novembre 2026\u00a0:"
    assert "documents antérieurs à la chronique" in check.get_text()
    beside = page.find(id="apparat-FA-001").select(".chronique-check")
    assert [b.select_one(".chronique-verdict").get_text(" ", strip=True) for b in beside] == ["☑ Confirmé"]
    # beside the text, the documents are named with their stance; the register describes them
    (summary,) = beside[0].select(".chronique-evidence-summary")
    assert summary.get_text() == "Documents\u00a0: Agence d’essai (appuie)\u202f; titres, dates et liens au registre, C-001."
    assert summary.select_one("a")["href"].endswith("#C-001") and not beside[0].select("a[href^='https:']")
    summary = page.select_one("table.chronique-verification-summary")
    assert [th.get_text() for th in summary.select("thead th")] == ["Section", "Confirmé", "Invérifiable", "Total"]
    assert summary.select("tbody tr")[-1].get_text(" ", strip=True) == "Ensemble 2 1 3"
    resolution = page.select_one("table.chronique-source-resolution tbody tr")
    assert "trouvée par une reprise" in resolution.get_text() and resolution.select_one("a[href='https://exemple.org/depeche-miami']")


def test_the_bibliography_comes_in_three_parts_each_in_alphabetical_order(mini_root):
    page = build_html(mini_root, WHOLE_BOOK)
    parts = page.select("section.chronique-bibliography-part")
    assert [p.h2.get_text().rstrip("¶#") for p in parts] == [
        "La chronique et les sources qu’elle nomme",
        "Documents consultés par les éditeurs",
        "Références ajoutées par les éditeurs",
    ]
    keys = [[c["id"].removeprefix("ref-") for c in p.select(".citation")] for p in parts]
    assert keys == [["marquette2025", "reuters"], ["ev-002", "ev-003", "ev-001"], ["dayton1995"]]
