"""Citability, read back from the built HTML (``html_build``) and the project's files.

Highwire ``citation_*`` meta tags (Zotero, Google Scholar) and schema.org JSON-LD in every
page's head; one ``Claim`` per assertion on its chapter page; the « Citer cette édition » page;
CITATION.cff valid against the official CFF 1.2.0 schema (vendored in tests/schemas); licences.
Expected values come from CITATION.cff and data/, never typed here.
"""

from __future__ import annotations

import json
import re
from copy import deepcopy
from functools import lru_cache
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

import chronique
from chronique import build, load, paths
from chronique.paths import CHRONICLE_KEY
from chronique.publication import parse_cff
from chronique.sphinxext.addresses import absolute
from chronique.sphinxext.headtags import highwire_tags
from conftest import EDITION, REPO

DATAPACKAGE = REPO / paths.DATAPACKAGE


def read_cff() -> dict:
    return parse_cff((REPO / paths.CITATION).read_text(encoding="utf-8"))


def publication():
    return EDITION.publication


CFF_SCHEMA = Path(__file__).parent / "schemas" / "citation-file-format-1.2.0.json"


@lru_cache(maxsize=64)
def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def book_pages(build_) -> list[Path]:
    """Every HTML page a reader can open (theme assets and jupyter-book's redirect aside)."""
    return [
        p
        for p in sorted(build_.html.rglob("*.html"))
        if not p.relative_to(build_.html).parts[0].startswith("_") and p.relative_to(build_.html) != Path("index.html")
    ]


def meta(page: BeautifulSoup, name: str) -> list[str]:
    return [m["content"] for m in page.head.find_all("meta", attrs={"name": name})]


def json_ld(page: BeautifulSoup) -> list[dict]:
    return [json.loads(script.string) for script in page.head.find_all("script", type="application/ld+json")]


def claims(page: BeautifulSoup) -> list[dict]:
    return [node for data in json_ld(page) for node in data.get("@graph", [data]) if node.get("@type") == "Claim"]


def anchored_assertions(page: BeautifulSoup) -> list[str]:
    ids = set(EDITION.assertions["id"])
    return [element["id"] for element in page.find_all(id=True) if element["id"] in ids]


# --- HTML head: Highwire tags and JSON-LD -----------------------------------------------------


@pytest.mark.book
def test_every_page_has_highwire_citation_tags(html_build):
    pub = publication()
    for path in book_pages(html_build):
        page = soup(path)
        where = path.relative_to(html_build.html)
        assert meta(page, "citation_title") == [pub.title], where
        assert meta(page, "citation_author") == [a.inverted for a in pub.authors], where
        assert meta(page, "citation_publication_date") == [pub.released.strftime("%Y/%m/%d")], where
        assert meta(page, "citation_language") == ["fr"], where
        (pdf_url,) = meta(page, "citation_pdf_url")
        assert (path.parent / pdf_url).resolve() == (html_build.html / build.pdf_name(REPO)).resolve(), where


@pytest.mark.book
def test_every_page_has_json_ld_naming_the_book_and_its_pdf(html_build):
    pub = publication()
    for path in book_pages(html_build):
        graph = [node for data in json_ld(soup(path)) for node in data["@graph"]]
        (book,) = [node for node in graph if node["@type"] == "Book"]
        assert (book["name"], book["version"], book["inLanguage"]) == (pub.title, pub.version, "fr")
        assert book["encoding"]["contentUrl"].endswith(build.pdf_name(REPO))


@pytest.mark.book
def test_each_chapter_page_has_one_claim_per_assertion_it_shows(html_build):
    seen = []
    for path in book_pages(html_build):
        page = soup(path)
        on_page = anchored_assertions(page)
        assert [c["identifier"] for c in claims(page)] == on_page, path.relative_to(html_build.html)
        seen += on_page
    assert sorted(seen) == sorted(EDITION.assertions["id"]), "every assertion is a Claim on the page that shows it"


@pytest.mark.book
def test_claims_carry_text_author_appearance_and_citations(html_build):
    rows = {row.id: row for row in EDITION.assertions.itertuples()}
    references = EDITION.references
    chronicle_title = references[CHRONICLE_KEY].fields["title"]
    for path in book_pages(html_build):
        for claim in claims(soup(path)):
            row = rows[claim["identifier"]]
            assert claim["text"] == row.text
            assert claim["author"]["name"] == row.attributed_to
            assert claim["appearance"]["@type"] == "CreativeWork"
            assert claim["appearance"]["name"] == chronicle_title
            assert [c["identifier"] for c in claim["citation"]] == load.split_list(row.citations)
            assert all(c["name"] == references[c["identifier"]].fields["title"] for c in claim["citation"])
            page_url, anchor = claim["url"].split("#")
            assert anchor == row.id
            if "://" not in page_url:
                assert (path.parent / page_url).resolve() == path.resolve(), "the Claim's URL is its anchor on this page"


@pytest.mark.book
def test_json_ld_cannot_be_closed_by_the_data(html_build):
    """Assertion text goes into ``<script>``: no ``</script>`` or ``<!--`` may come through."""
    for path in book_pages(html_build):
        for script in soup(path).head.find_all("script", type="application/ld+json"):
            assert "<" not in script.string


def test_addresses_are_absolute_once_the_book_has_a_base_url():
    """With ``html.baseurl`` set (the published site), Scholar gets absolute URLs."""

    class Config:
        html_baseurl = "https://example.org/edition"

    pdf = absolute(Config, build.pdf_name(REPO))
    assert pdf == f"https://example.org/edition/{build.pdf_name(REPO)}"
    tags = dict(highwire_tags(publication(), pdf, absolute(Config, "chapters/faits.html")))
    assert tags["citation_pdf_url"] == pdf and tags["citation_public_url"] == "https://example.org/edition/chapters/faits.html"
    Config.html_baseurl = ""
    assert absolute(Config, "chapters/faits.html") is None


# --- the « Citer cette édition » page -----------------------------------------------------------


def citer(build_) -> BeautifulSoup:
    return soup(build_.html / "chapters" / "citer.html")


def bibtex_entries(page: BeautifulSoup) -> dict:
    blocks = [pre.get_text() for pre in page.select(".chronique-citation-bibtex pre")]
    library = bibtexparser.parse_string("\n".join(blocks))
    assert not library.failed_blocks
    return {entry.key: {f.key: f.value for f in entry.fields} for entry in library.entries}


@pytest.mark.book
def test_citer_gives_the_book_citation_as_text_and_bibtex(html_build):
    pub = publication()
    page = citer(html_build)
    # the page typesets French punctuation (no-break spaces); the citation's words are CITATION.cff's
    texts = [p.get_text(" ", strip=True).replace("\u202f", " ").replace("\u00a0", " ") for p in page.select(".chronique-citation-text")]
    assert any(pub.title in t and pub.version in t and pub.french_date in t for t in texts)
    book = bibtex_entries(page)[f"editioncritique{pub.year}"]
    assert (book["title"], book["year"], book["edition"]) == (pub.title, str(pub.year), f"version {pub.version}")


@pytest.mark.book
def test_citer_gives_an_assertion_citation_with_its_permalink(html_build):
    pub = publication()
    page = citer(html_build)
    entry = bibtex_entries(page)[f"editioncritique{pub.year}-FA-001"]
    assert entry["url"] == "chapters/faits.html#FA-001"
    assert entry["author"] == "Marquette, Maxime" and entry["booktitle"] == pub.title
    (link,) = [a for a in page.select(".chronique-citation-text a") if a.get_text() == "chapters/faits.html#FA-001"]
    target, anchor = link["href"].split("#")
    assert anchor == "FA-001"
    assert soup((html_build.html / "chapters" / target).resolve()).find(id="FA-001") is not None


@pytest.mark.book
def test_citer_offers_every_data_file_for_download(html_build):
    descriptor = json.loads(DATAPACKAGE.read_text(encoding="utf-8"))
    page = citer(html_build)
    downloads = {Path(a["href"]).name: (html_build.html / "chapters" / a["href"]).resolve() for a in page.select("a.download[href]")}
    for name in ["datapackage.json", *(r["path"] for r in descriptor["resources"])]:
        assert name in downloads, f"no download link for {name}"
        assert downloads[name].read_bytes() == (DATAPACKAGE.parent / name).read_bytes()
    for name in ("CITATION.cff", "references.bib", "LICENSE"):
        assert downloads[name].read_bytes() == (REPO / name).read_bytes()


# --- CITATION.cff and licences ----------------------------------------------------------------


def cff_errors(document: dict) -> list[str]:
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(document)]


def test_vendored_schema_is_the_official_cff_1_2_0():
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["$id"] == "https://citation-file-format.github.io/1.2.0/schema.json"


def test_citation_cff_is_valid():
    assert cff_errors(read_cff()) == []


@pytest.mark.parametrize("breakage", ["no authors", "bad date", "unknown key"])
def test_schema_rejects_a_broken_citation_cff(breakage):
    document = deepcopy(read_cff())
    if breakage == "no authors":
        del document["authors"]
    elif breakage == "bad date":
        document["date-released"] = "26/11/2026"
    else:
        document["citation"] = "x"
    assert cff_errors(document) != []


def test_citation_cff_agrees_with_the_book_the_package_and_the_data():
    cff = read_cff()
    config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
    descriptor = json.loads(DATAPACKAGE.read_text(encoding="utf-8"))
    assert cff["title"] == config["title"]
    assert [a["name"] for a in cff["authors"]] == [config["author"]]
    assert cff["version"] == chronique.__version__ == descriptor["version"]
    assert {lic["name"] for lic in descriptor["licenses"]} <= set(cff["license"])
    references = EDITION.references
    chronicle = references[CHRONICLE_KEY].fields
    assert cff["references"][0]["title"] == chronicle["title"]
    assert str(cff["references"][0]["year"]) == chronicle["year"]


def test_licences_cover_the_editors_work_and_not_the_chronicle():
    notice = (REPO / "LICENSE").read_text(encoding="utf-8")
    for needle in ("CC BY 4.0", "MIT", "Maxime Marquette", "NON LICENCIÉ", "data/chronicle.txt", "LICENSES/CC-BY-4.0.txt", "LICENSES/MIT.txt"):
        assert needle in notice
    assert (REPO / "LICENSES" / "CC-BY-4.0.txt").read_text(encoding="utf-8").startswith("Attribution 4.0 International")
    assert "Permission is hereby granted" in (REPO / "LICENSES" / "MIT.txt").read_text(encoding="utf-8")
    assert re.search(r"aucune.*licence", read_cff()["references"][0]["notes"])
