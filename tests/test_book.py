"""The real book, built once (``html_build``): every assertion, note, citation and link from data/ is there.

The expected values are read from data/ and references.bib, never typed here, so the tests
follow the data when it changes.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from chronique import analysis, load
from chronique.palette import STATUS_STYLE
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


def test_build_log_has_no_warning(html_build):
    assert [line for line in html_build.log.splitlines() if SPHINX_PROBLEM.search(line)] == []
    assert "build succeeded." in html_build.log


def test_every_assertion_is_anchored_once_in_chronicle_order_in_its_chapter(html_build):
    anchors: dict[str, list[str]] = {}
    for name, soup in all_pages(html_build).items():
        for element in soup.find_all(id=ASSERTION_ID):
            anchors.setdefault(element["id"], []).append(name)
    assertions = EDITION.assertions
    assert anchors == {row.id: [chapter_page(row.section)] for row in assertions.itertuples()}
    for section, rows in assertions.groupby("section", sort=False):
        rendered = [b["id"] for b in page(html_build, chapter_page(section)).select(".chronique-assertion")]
        assert rendered == list(rows["id"])


def test_assertions_show_verbatim_text_status_and_attribution(html_build):
    labels = dict(zip(EDITION.codebook["code"], EDITION.codebook["label"], strict=False))
    for row in EDITION.assertions.itertuples():
        block = page(html_build, chapter_page(row.section)).find(id=row.id)
        assert block.select_one(".chronique-assertion-text").get_text() == row.text
        assert block.select_one("a.chronique-permalink")["href"] == f"#{row.id}"
        assert block.select_one(".chronique-badge").get_text().endswith(labels[row.status])
        assert row.attributed_to in block.select_one(".chronique-attribution").get_text()


def test_citations_link_to_entries_of_the_one_bibliography(html_build):
    bibliography = page(html_build, "chapters/bibliographie.html")
    for row in EDITION.assertions.itertuples():
        block = page(html_build, chapter_page(row.section)).find(id=row.id)
        links = block.select(".chronique-citations .bibtex-citation a")
        assert sorted(cited_keys(block.select_one(".chronique-citations"))) == sorted(load.split_list(row.citations))
        for link in links:
            target, fragment = link["href"].split("#")
            assert target == "bibliographie.html" and bibliography.find(id=fragment) is not None
            assert link.get("title"), "the tooltip text is the link's title"
    entries = {e["id"] for e in bibliography.select('[role="doc-biblioentry"]')}
    assert entries == {f"ref-{key}" for key in EDITION.references}


def test_bibliography_is_only_on_its_page(html_build):
    elsewhere = [
        name for name, soup in all_pages(html_build).items() if soup.select('[role="doc-biblioentry"]') and name != "chapters/bibliographie.html"
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
        assert source.country in entry.select_one(".chronique-source-metadata").get_text()


def test_register_lists_every_assertion_linked_to_its_anchor(html_build):
    rows = page(html_build, "chapters/registre.html").select("table.chronique-register tbody tr")
    assertions = EDITION.assertions
    assert [r.select_one("td a").get_text() for r in rows] == list(assertions["id"])
    for row, data in zip(rows, assertions.itertuples(), strict=False):
        assert row.select_one("td a")["href"] == f"{Path(chapter_page(data.section)).name}#{data.id}"
        assert sorted(cited_keys(row)) == sorted(load.split_list(data.citations))


def test_every_note_target_exists():
    ids = set(EDITION.assertions["id"])
    for note in EDITION.notes.itertuples():
        assert set(load.split_list(note.targets)) <= ids


def note_titles(node) -> list[str]:
    return [box.select_one(".admonition-title").get_text() for box in node.select(".admonition.chronique-note")]


def test_each_note_renders_once_beside_each_target_and_once_in_the_appendix(html_build):
    notes = EDITION.notes
    assertions = EDITION.assertions.set_index("id")
    appendix = page(html_build, "chapters/notes.html")
    for note in notes.itertuples():
        title = f"Note des éditeurs {note.id} — {NOTE_KINDS_FR[note.kind]}"
        for target in load.split_list(note.targets):
            block = page(html_build, chapter_page(assertions.loc[target, "section"])).find(id=target)
            assert note_titles(block).count(title) == 1
        beside = sum(note_titles(soup).count(title) for name, soup in all_pages(html_build).items() if name != "chapters/notes.html")
        assert beside == len(load.split_list(note.targets))
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
    for status, (colour, _) in STATUS_STYLE.items():
        assert f".chronique-badge.chronique-status-{status} {{ background: {colour};" in generated
