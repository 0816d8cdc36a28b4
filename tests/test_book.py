"""The real book, built once (``html_build``): every assertion, note, citation and link from data/ is there.

The expected values are read from data/ and references.bib, never typed here, so the tests
follow the data when it changes. Rendered text is compared with French typography's no-break
spaces read as spaces (:func:`plain`): the data stay verbatim, the page binds the punctuation.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from chronique import analysis, load
from chronique.bibliography import evidence_key
from chronique.palette import STATUS_STYLE
from chronique.paths import CHRONICLE_KEY
from chronique.rules import CITED_NOTE, EDITORS_NOTE
from chronique.typography import BREAKABLE, UNBREAKABLE
from conftest import EDITION, REPO

pytestmark = pytest.mark.book

ASSERTION_ID = re.compile(r"^[A-Z]{2}-\d{3}$")
SPHINX_PROBLEM = re.compile(r"(WARNING|ERROR|CRITICAL|SEVERE): ")
#: the French kind labels, as data/note_kinds.csv gives them
NOTE_KINDS_FR = EDITION.note_kind_label


@lru_cache(maxsize=64)
def _parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page(build, name: str) -> BeautifulSoup:
    return _parse(build.html / name)


def chapter_page(section_code: str) -> str:
    return f"chapters/{section_code.replace('_', '-')}.html"


def all_pages(build) -> dict[str, BeautifulSoup]:
    return {str(p.relative_to(build.html)): _parse(p) for p in sorted(build.html.rglob("*.html"))}


def cited_keys(node) -> list[str]:
    """The BibTeX keys a node's citation links point to (``…/bibliographie.html#ref-KEY``)."""
    return [a["href"].split("#ref-", 1)[1] for a in node.select(".bibtex-citation a")]


def linked_ids(node, css: str) -> list[str]:
    return [a.get_text() for a in node.select(f"{css} a.reference")]


def plain(text: str) -> str:
    """Rendered text with the no-break spaces of French typography read as plain spaces."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def entry(build, row):
    """The apparatus entry of an assertion, on its chapter's page."""
    return page(build, chapter_page(row.section)).find(id=f"apparat-{row.id}")


def chronicle_lines() -> list[str]:
    return (REPO / "data" / "chronicle.txt").read_text(encoding="utf-8").splitlines()


def test_build_log_has_no_warning(html_build):
    assert [line for line in html_build.log.splitlines() if SPHINX_PROBLEM.search(line)] == []
    assert "build succeeded." in html_build.log


def test_every_assertion_is_anchored_once_in_chronicle_order_in_its_chapter(html_build):
    anchors: dict[str, list[str]] = {}
    for name, soup in all_pages(html_build).items():
        for element in soup.find_all(id=ASSERTION_ID):
            anchors.setdefault(element["id"], []).append(name)
    assertions = EDITION.assertions
    retired = EDITION.lists("assertions", "aliases")
    expected = {row.id: [chapter_page(row.section)] for row in assertions.itertuples()}
    expected |= {alias: [chapter_page(row.section)] for row in assertions.itertuples() for alias in retired[row.id]}
    assert anchors == expected, "each assertion, and each retired id merged into one, anchored once, in its chapter"
    for section, rows in assertions.groupby("section", sort=False):
        rendered = [anchor_of(b) for b in page(html_build, chapter_page(section)).select("article.bd-article .chronique-assertion")]
        assert rendered == list(rows["id"])


def anchor_of(span) -> str:
    """The assertion a span shows: its own id, or its heading's section's (a heading's assertion
    is anchored by its section, whose title the page's contents repeat)."""
    return span.get("id") or span.find_parent("section")["id"]


def is_heading(row) -> bool:
    return row.text == row.subsection


def test_reading_text_is_the_chronicle_in_its_paragraphs(html_build):
    """Each line of the chronicle is one paragraph whose text is that line, made of its
    assertions' spans in order; headings are the chronicle's, as written."""
    lines = chronicle_lines()
    for section, rows in EDITION.assertions.groupby("section", sort=False):
        soup = page(html_build, chapter_page(section))
        paragraphs = soup.select(".chronique-passage > p.chronique-text")
        numbers = list(dict.fromkeys(row.paragraph for row in rows.itertuples() if not is_heading(row)))
        assert [plain(p.get_text()) for p in paragraphs] == [lines[n - 1] for n in numbers], section
        for paragraph, number in zip(paragraphs, numbers, strict=True):
            assert [s["id"] for s in paragraph.select(".chronique-assertion")] == list(rows.loc[rows["paragraph"] == number, "id"])
        for link in soup.select("a.headerlink"):
            link.decompose()
        headings = [plain(h.get_text()) for h in soup.select("section.chronique-heading > h2, section.chronique-heading > h3")]
        expected = [h for h in [EDITION.rows("sections")[section].chronicle_heading, *dict.fromkeys(rows["subsection"])] if h]
        assert headings == list(dict.fromkeys(expected)), section


def test_assertions_show_verbatim_text_and_their_apparatus(html_build):
    """The span holds the verbatim text; its mark (an empty link, the icon drawn by CSS) leads to
    its entry: id linking back, status with icon and label, attribution."""
    labels = dict(zip(EDITION.codebook["code"], EDITION.codebook["label"], strict=False))
    for row in EDITION.assertions.itertuples():
        anchored = page(html_build, chapter_page(row.section)).find(id=row.id)
        if is_heading(row):  # its section is its anchor; its span is in the section's title
            assert anchored.name == "section"
            span = anchored.find(class_="chronique-assertion")
            assert plain(span.get_text()) == row.text and span.find_parent(["h1", "h2", "h3"]) is not None
            continue
        span = anchored
        assert span.name == "span" and plain(span.get_text()) == row.text
        call = span.find_next_sibling()
        assert call.name == "a" and "chronique-call" in call["class"] and call.get_text() == ""
        assert call["href"] == f"#apparat-{row.id}" and call["aria-label"].startswith(f"{row.id}, {labels[row.status].lower()}")
        box = entry(html_build, row)
        assert box.find_parent(class_="chronique-apparatus").find_previous_sibling("p") is span.parent
        assert box.select_one("a.chronique-permalink")["href"] == f"#{row.id}"
        assert box.select_one(".chronique-badge").get_text().endswith(labels[row.status])
        assert row.attributed_to in plain(box.select_one(".chronique-attribution").get_text())


def test_citations_link_to_entries_of_the_one_bibliography(html_build):
    """An assertion's apparatus cites what the chronicle names for it; one that names nothing
    (it rests on the chronicle alone) has no citation line."""
    bibliography = page(html_build, "chapters/bibliographie.html")
    for row in EDITION.assertions.itertuples():
        box = entry(html_build, row)
        keys = load.split_list(row.citations)
        line = box.select_one(".chronique-citations")
        if keys == [CHRONICLE_KEY]:
            assert line is None, f"{row.id} cites only the chronicle: no citation line"
            continue
        assert sorted(cited_keys(line)) == sorted(keys)
        for link in line.select(".bibtex-citation a"):
            target, fragment = link["href"].split("#")
            assert target == "bibliographie.html" and bibliography.find(id=fragment) is not None
            assert link.get("title"), "the tooltip text is the link's title"
    entries = {e["id"] for e in bibliography.select(".citation-list > .citation")}
    assert entries == {f"ref-{key}" for key in EDITION.references}


def test_bibliography_is_author_date_in_three_parts_each_in_alphabetical_order(html_build):
    """No number, entries opening with the author and year the citations show (with a letter when
    an author has several entries that year), in three parts (named by the chronicle, consulted,
    added by the editors), each in alphabetical order, with no internal key, file path or
    repeated policy sentence."""
    bibliography = page(html_build, "chapters/bibliographie.html")
    entries = bibliography.select(".citation-list > .citation")
    texts = [plain(e.get_text(" ", strip=True)) for e in entries]
    assert not bibliography.select(".citation .label") and not any(re.match(r"\[\d+\]", t) for t in texts)
    for text in texts:
        assert CITED_NOTE not in text and EDITORS_NOTE not in text and CHRONICLE_KEY not in text and "data/" not in text, text
        assert re.match(r"^.+? \((\d{4}[a-z]*|s\. d\.[a-z]*)\)\. ", text), text  # « s. d. » : undated
    parts = bibliography.select("section.chronique-bibliography-part")
    consulted = {evidence_key(row.id) for row in EDITION.rows("evidence").values()}
    keys = [[e["id"].removeprefix("ref-") for e in part.select(".citation-list > .citation")] for part in parts]
    assert [set(k) & consulted for k in keys] == [set(), consulted, set()]
    assert sum(len(k) for k in keys) == len(entries) == len(EDITION.references)
    for part in parts:
        texts = [plain(e.get_text(" ", strip=True)) for e in part.select(".citation-list > .citation")]
        # French alphabetical order: accents, case and punctuation ignored (« L’Envers » as « Lenvers »)
        names = [unicodedata.normalize("NFKD", re.split(r" \((?:\d{4}|s\. d\.)", t)[0]).encode("ascii", "ignore").decode() for t in texts]
        authors = [" ".join(re.sub(r"[^\w\s]", "", name).casefold().split()) for name in names]
        assert authors == sorted(authors)
    # a citation's label (« Reuters, 2025 ») opens its entry (« Reuters (2025). »)
    faits = page(html_build, "chapters/faits.html")
    for link in faits.select(".bibtex-citation a"):
        author, year = plain(link.get_text()).rsplit(", ", 1)  # the year with its letter, as the entry has it
        target = bibliography.find(id=link["href"].split("#")[1])
        assert plain(target.get_text(" ", strip=True)).startswith(author.split(" et ")[0].split(" ")[0]) and f"({year})" in target.get_text()


def test_bibliography_entries_are_the_items_of_a_list(html_build):
    """No deprecated role (DPUB-ARIA 1.1 drops doc-biblioentry): each entry is an item of its list."""
    lists = page(html_build, "chapters/bibliographie.html").select('[role="list"].citation-list')
    assert len(lists) == 3, "one list per part"
    assert all(entry.get("role") == "listitem" for entries in lists for entry in entries.find_all(recursive=False))
    assert [name for name, soup in all_pages(html_build).items() if soup.select('[role="doc-biblioentry"]')] == []


def test_bibliography_is_only_on_its_page(html_build):
    elsewhere = [
        name for name, soup in all_pages(html_build).items() if soup.select(".citation-list > .citation") and name != "chapters/bibliographie.html"
    ]
    assert elsewhere == []


def test_reverse_index_lists_exactly_the_assertions_citing_each_reference(html_build):
    index = page(html_build, "chapters/sources.html")
    assertions = EDITION.assertions
    for source in EDITION.sources.itertuples():
        term = index.find(id=f"source-{source.key}")
        entry = term.find_next_sibling("dd")
        citing = [row.id for row in assertions.itertuples() if source.key in load.split_list(row.citations)]
        assert linked_ids(entry, ".chronique-cited-by") == citing
        assert cited_keys(term) == [source.key]
        assert source.country in plain(entry.select_one(".chronique-source-metadata").get_text())


def test_register_lists_every_assertion_with_its_text_linked_to_its_anchor(html_build):
    """The analytic view: one row per assertion, one table per chapter, with its text."""
    soup = page(html_build, "chapters/registre.html")
    rows = soup.select("table.chronique-register tbody tr")
    assertions = EDITION.assertions
    assert len(soup.select("table.chronique-register")) == EDITION.assertions["section"].nunique()
    assert [r.select_one("td a").get_text() for r in rows] == list(assertions["id"])
    for row, data in zip(rows, assertions.itertuples(), strict=False):
        cells = row.find_all("td")
        assert row.select_one("td a")["href"] == f"{Path(chapter_page(data.section)).name}#{data.id}"
        assert plain(cells[1].get_text()) == data.text
        assert sorted(cited_keys(row)) == sorted(load.split_list(data.citations))
        assert [a.get_text() for a in cells[5].select("a")] == [n.id for n in EDITION.notes_on(data.id)]


def test_every_note_target_exists():
    ids = set(EDITION.assertions["id"])
    for note in EDITION.notes.itertuples():
        assert set(load.split_list(note.targets)) <= ids


def note_titles(node) -> list[str]:
    return [box.select_one(".admonition-title").get_text() for box in node.select(".admonition.chronique-note")]


def test_each_note_is_printed_once_per_page_beside_its_first_target(html_build):
    """On each chapter page a note concerns, its text is printed once, in the apparatus entry of
    its first target there; its other targets on that page link to it. The appendix has it once."""
    assertions = EDITION.assertions.set_index("id")
    appendix = page(html_build, "chapters/notes.html")
    for note in EDITION.notes.itertuples():
        title = f"Note des éditeurs {note.id} — {NOTE_KINDS_FR[note.kind]}"
        targets = load.split_list(note.targets)
        by_page: dict[str, list[str]] = {}
        for target in sorted(targets, key=lambda t: assertions.loc[t, "position"]):
            by_page.setdefault(chapter_page(assertions.loc[target, "section"]), []).append(target)
        for name, on_page in by_page.items():
            soup = page(html_build, name)
            printed = [b for b in soup.select(".chronique-entry .chronique-note") if plain(b.select_one(".chronique-note-title").get_text()) == title]
            assert len(printed) == 1, f"{note.id} on {name}"
            assert printed[0].find_parent(class_="chronique-entry")["id"] == f"apparat-{on_page[0]}"
            assert printed[0].find(id=f"note-{note.id}") is not None
            for other in on_page[1:]:
                reminders = [r.select_one("a")["href"] for r in soup.find(id=f"apparat-{other}").select(".chronique-note-reminder")]
                assert f"#note-{note.id}" in reminders, f"{note.id} beside {other}"
        assert note_titles(appendix).count(title) == 1
        assert appendix.find(id=note.id).select_one(".admonition-title").get_text() == title


def test_note_supports_link_to_assertion_anchors_and_bibliography(html_build):
    assertions = EDITION.assertions.set_index("id")
    appendix = page(html_build, "chapters/notes.html")
    for note in EDITION.notes.itertuples():
        box = appendix.find(id=note.id)
        supports = load.split_list(note.citations)
        ids = [s for s in supports if s in assertions.index]
        links = [a for a in box.select(".chronique-note-supports a.reference") if not a.find_parent(class_="bibtex-citation")]
        assert [a.get_text() for a in links] == ids
        for a in links:
            assert a["href"] == f"{Path(chapter_page(assertions.loc[a.get_text(), 'section'])).name}#{a.get_text()}"
        assert sorted(cited_keys(box.select_one(".chronique-note-supports"))) == sorted(set(supports) - set(ids))
        assert linked_ids(box, ".chronique-note-targets") == load.split_list(note.targets)


def test_chapter_figures_are_the_glued_numbers(html_build):
    numbers = analysis.coverage_numbers(EDITION)
    for code in EDITION.sections["code"]:
        pasted = [span.get_text() for span in page(html_build, chapter_page(code)).select(".pasted-text")]
        assert pasted == [str(numbers[f"n_assertions_{code}"]), f"{numbers[f'share_named_outlet_{code}']:.0f}", str(numbers[f"n_notes_{code}"])]


def test_chapters_type_no_assertion_text_and_no_figure():
    sources = {p.name: p.read_text(encoding="utf-8") for p in (REPO / "chapters").glob("*.md")}
    for row in EDITION.assertions.itertuples():
        if len(row.text) >= 25:
            assert not [name for name, text in sources.items() if row.text in text], row.id
    for name, text in sources.items():
        for line in text.splitlines():
            if line.startswith("**En chiffres.**"):
                assert not re.search(r"\d", re.sub(r"\{glue:text\}`[^`]*`", "", line)), name


def test_no_third_party_script_stylesheet_font_or_image(html_build):
    external = []
    for name, soup in all_pages(html_build).items():
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("source", "src")):
            for element in soup.find_all(tag):
                if element.get("rel") == ["canonical"]:
                    continue  # names the page's own published address; nothing is fetched
                url = element.get(attribute, "")
                if urlsplit(url).netloc or url.startswith("//"):
                    external.append((name, tag, url))
    assert external == []


def test_tooltip_script_and_status_colours_are_served_locally(html_build):
    faits = page(html_build, "chapters/faits.html")
    scripts = [s.get("src", "").split("?")[0] for s in faits.find_all("script")]
    styles = [s.get("href", "").split("?")[0] for s in faits.find_all("link", rel="stylesheet")]
    assert "../_static/chronique.js" in scripts
    assert {"../_static/chronique.css", "../_static/chronique-status.css"} <= set(styles)
    generated = (html_build.html / "_static" / "chronique-status.css").read_text(encoding="utf-8")
    for status, style in STATUS_STYLE.items():
        assert f"--chronique-{status}: {style.colour};" in generated and f"--chronique-{status}: {style.dark};" in generated


def article_texts(soup: BeautifulSoup) -> list[tuple[str, bool]]:
    """(text, inside a no-wrap span) for every text of the page's article, code left out."""
    article = soup.select_one("article") or soup.body
    out = []
    if article is None:  # jupyter-book's index.html: a redirect, no text
        return out
    for text in article.find_all(string=True):
        parents = list(text.parents)
        if any(p.name in ("script", "style", "code", "pre", "kbd") or "visually-hidden" in (p.get("class") or []) for p in parents):
            continue  # code, or a text no line ever shows (a chart's description for screen readers)
        out.append((str(text), any("chronique-nowrap" in (p.get("class") or []) for p in parents)))
    return out


def test_french_typography_leaves_no_breakable_place(html_build):
    """In every page's text: no ordinary space before « : ; ! ? » or after « », and every id
    or date with a hyphen inside a no-wrap span. The data files are untouched."""
    problems = []
    for name, soup in all_pages(html_build).items():
        if name.startswith("_"):
            continue  # the theme's own files
        for text, nowrap in article_texts(soup):
            problems += [f"{name}: {text[max(0, m.start() - 20) : m.end() + 20]!r}" for m in BREAKABLE.finditer(text)]
            if not nowrap:
                problems += [f"{name}: {m.group()!r} may break at its hyphen" for m in UNBREAKABLE.finditer(text)]
    assert problems == []
    assert "\u202f" not in (REPO / "data" / "assertions.csv").read_text(encoding="utf-8")


def test_site_chrome_one_search_box_named_downloads_and_a_favicon(html_build):
    for name, soup in all_pages(html_build).items():
        if name.startswith("_") or name == "index.html":
            continue  # the theme's files; jupyter-book's redirect to the introduction
        assert len(soup.select("button.search-button-field")) <= 1, f"{name}: two search fields"
        assert not soup.select("header.bd-header .search-button-field, header.bd-header .navbar-item"), f"{name}: a header bar over the theme's own"
        menu = [a.get_text(" ", strip=True) for a in soup.select(".dropdown-download-buttons .dropdown-item")]
        assert not any(text.startswith(".") for text in menu), f"{name}: {menu}"
        assert soup.find("link", rel="icon") is not None, f"{name} has no favicon"
