"""The extension on tiny Sphinx projects (sphinx.testing) pointed at a copy of data/ and references.bib.

Each test edits its own copy, so a corrupted table, an unknown key or id, or an assertion
full of markup can be tried without touching the real book.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from chronique import load
from chronique.paths import PROJECT_ROOT
from chronique.sphinxext.edition import ChroniqueError

CONF = """
extensions = ["chronique.sphinxext.assertions", "chronique.sphinxext.registers"]
chronique_root = {root!r}
bibtex_bibfiles = [{bib!r}]
bibtex_reference_style = "author_year_fr"
bibtex_default_style = "plain_fr"
bibtex_cite_id = "ref-{{key}}"
language = "fr"
nitpicky = True
"""

PAGE = """Essai
=====

{body}

.. bibliography::
   :all:
"""


WHOLE_BOOK = "\n\n".join(f".. assertions::\n   :section: {code}" for code in
                           ("faits", "contexte", "non_confirmees", "analyse", "editorial", "conclusion", "transparence")) + "\n\n.. editors-notes::"


@pytest.fixture
def edition(tmp_path) -> Path:
    """A copy of the project's data and bibliography that a test may corrupt."""
    root = tmp_path / "edition"
    shutil.copytree(PROJECT_ROOT / "data", root / "data")
    shutil.copy(PROJECT_ROOT / "references.bib", root / "references.bib")
    return root


def make_app(tmp_path: Path, root: Path, body: str, builder: str = "html") -> tuple[SphinxTestApp, io.StringIO]:
    source = tmp_path / "src"
    source.mkdir(exist_ok=True)
    (source / "conf.py").write_text(CONF.format(root=str(root), bib=str(root / "references.bib")), encoding="utf-8")
    (source / "index.rst").write_text(PAGE.format(body=body), encoding="utf-8")
    warnings = io.StringIO()
    app = SphinxTestApp(builder, srcdir=source, status=io.StringIO(), warning=warnings, freshenv=True)
    return app, warnings


def build_html(tmp_path: Path, root: Path, body: str) -> BeautifulSoup:
    app, warnings = make_app(tmp_path, root, body)
    try:
        app.build()
    finally:
        app.cleanup()
    assert warnings.getvalue() == ""
    return BeautifulSoup((Path(app.outdir) / "index.html").read_text(encoding="utf-8"), "html.parser")


def edit_assertion(root: Path, assertion_id: str, **values: str) -> int:
    """Set columns of one row of the copy's assertions.csv; return the row's line number."""
    path = root / "data" / "assertions.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    line = next(i for i, row in enumerate(rows, start=2) if row["id"] == assertion_id)
    rows[line - 2].update(values)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return line


def build_error(tmp_path: Path, root: Path, body: str) -> str:
    with pytest.raises(ChroniqueError) as caught:
        app, _ = make_app(tmp_path, root, body)
        try:
            app.build()
        finally:
            app.cleanup()
    return str(caught.value)


def test_listed_assertions_render_with_anchor_badge_attribution_and_citations(tmp_path, edition):
    page = build_html(tmp_path, edition, ".. assertions::\n   :ids: FA-002 FA-003")
    block = page.find(id="FA-002")
    assert "chronique-assertion" in block["class"]
    assert block.select_one("a.chronique-permalink")["href"] == "#FA-002"
    assert block.select_one(".chronique-badge").get_text(" ", strip=True) == "❝ Déclaration rapportée"
    assert block.select_one(".chronique-attribution").get_text() == "Attribution : Donald Trump (personne nommée)"
    citation = block.select_one(".chronique-citations .bibtex-citation a")
    assert citation["href"] == "#ref-marquette2025" and citation.get_text() == "Marquette, 2025"
    assert page.find(id="ref-marquette2025") is not None
    assert [b["id"] for b in page.select(".chronique-assertion")] == ["FA-002", "FA-003"]


def test_assertion_text_with_markup_and_script_renders_as_text(tmp_path, edition):
    old = "Rien de moins qu’un passage de relais, en pleine lumière, sur la scène mondiale."
    new = "Rien de moins <script>alert('x')</script> qu’un *passage* de **relais**, <b>en</b> `pleine` lumière, sur la scène :cite:p:`bbc`."
    chronicle = edition / "data" / "chronicle.txt"
    chronicle.write_text(chronicle.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    edit_assertion(edition, "FA-003", text=new)
    page = build_html(tmp_path, edition, ".. assertions::\n   :ids: FA-003")
    text = page.find(id="FA-003").select_one(".chronique-assertion-text")
    assert text.get_text() == new
    assert text.find_all(True) == []  # no element at all inside: not <script>, <b>, <em> nor a citation
    assert not any("alert" in script.get_text() for script in page.find_all("script"))


def test_sections_render_under_the_chronicles_subheadings_in_order(tmp_path, edition):
    page = build_html(tmp_path, edition, WHOLE_BOOK)
    for link in page.select("a.headerlink"):
        link.decompose()
    rendered = [(h2.get_text(), [b["id"] for b in h2.parent.select(".chronique-assertion")]) for h2 in page.select("section > h2")]
    assertions = load.assertions(edition)
    expected = [(heading, list(group["id"])) for (_, heading), group in assertions.groupby(["section", "subsection"], sort=False)]
    assert rendered == expected


def test_invalid_data_fails_listing_every_problem(tmp_path, edition):
    status_line = edit_assertion(edition, "FA-002", status="rumeur")
    speaker_line = edit_assertion(edition, "FA-003", attributed_to="Personne inconnue")
    message = build_error(tmp_path, edition, "")
    assert f"data/assertions.csv:{status_line}: status: unknown value 'rumeur'" in message
    assert f"data/assertions.csv:{speaker_line}: attributed_to: unknown value 'Personne inconnue'" in message
    assert "(fix: " in message


def test_unknown_citation_key_in_data_fails(tmp_path, edition):
    line = edit_assertion(edition, "FA-002", citations="marquette2025;cle-inconnue")
    message = build_error(tmp_path, edition, "")
    assert f"data/assertions.csv:{line}: citations: unknown citation key 'cle-inconnue'" in message
    assert "add the entry to references.bib" in message


def test_unknown_citation_key_in_a_page_fails(tmp_path, edition):
    message = build_error(tmp_path, edition, "Voir :cite:p:`cle-inconnue`.")
    assert "index.rst:4: cite: unknown citation key 'cle-inconnue'" in message
    assert "add the entry to references.bib or correct the key" in message


@pytest.mark.parametrize(("options", "expected"), [
    (":ids: FA-002 FA-999", "index.rst:4: assertions: unknown assertion id 'FA-999' (fix: use ids that exist in data/assertions.csv"),
    (":section: epilogue", "index.rst:4: assertions: unknown section 'epilogue' (fix: use one of: faits, contexte"),
    (":ids: FA-002\n   :section: faits", "give exactly one of the options :section: or :ids:"),
])
def test_bad_directive_fails_naming_page_and_id(tmp_path, edition, options, expected):
    assert expected in build_error(tmp_path, edition, f".. assertions::\n   {options}")


def test_latex_builder_writes_assertions_notes_and_citations(tmp_path, edition):
    app, warnings = make_app(tmp_path, edition, WHOLE_BOOK, builder="latex")
    try:
        app.build()
    finally:
        app.cleanup()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert warnings.getvalue() == ""
    assert r"\label{\detokenize{index:FA-024}}" in tex
    assert r"\begin{sphinxadmonition}{note}{Note des éditeurs N\sphinxhyphen{}03 — contradiction interne}" in tex
    assert r"\hyperlink{cite.index:ref-trump2025inaugural}{Trump, 2025}" in tex
    assert r"]{index:ref-trump2025inaugural}" in tex  # its \bibitem
