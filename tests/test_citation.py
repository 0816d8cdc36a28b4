"""Citability, read back with the tools the edition's readers' software runs.

- The HTML head (``html_build``, built at the example address ``EXAMPLE_BASE_URL``): Highwire
  ``citation_*`` tags as Google Scholar asks (the book on the landing page, each chapter its own),
  description, OpenGraph and canonical links, read as crawlers and Zotero do (extruct);
- the JSON-LD of every page, expanded and merged by PyLD with schema.org's context served from
  ``tests/schemas`` (no network): one graph, counted;
- every page validated by the W3C Nu HTML checker (vnu-jar, on Java): zero errors;
- CITATION.cff, valid against the official CFF 1.2.0 schema and converted by cffconvert (its own
  environment, ``.tools/cffconvert``) to BibTeX, APA, CodeMeta and Zenodo, from the project's
  file and from the published copy that carries the address;
- the « Citer cette édition » page, the publication address (configuration, never code) and a
  build without one (the tiny book of ``tests/roots/mini``), which says what is off.

Expected values come from CITATION.cff, data/ and the configuration, never typed here.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
import shutil
import subprocess
from collections import Counter
from copy import deepcopy
from functools import lru_cache
from pathlib import Path

import bibtexparser
import extruct
import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup
from pyld import jsonld
from sphinx.testing.util import SphinxTestApp

import chronique
from chronique import build, load, paths
from chronique.bibliography import evidence_key
from chronique.paths import CHRONICLE_KEY
from chronique.publication import check_cff, parse_cff
from chronique.sphinxext.addresses import BASE_URL_VARIABLE, absolute, normalized_base_url, relative
from chronique.sphinxext.citing import book_citation
from chronique.sphinxext.domain import ChroniqueError
from chronique.sphinxext.headtags import highwire_tags
from chronique.sphinxext.latex import hypersetup
from chronique.sphinxext.pages import PageInfo
from chronique.sphinxext.published import published_cff
from conftest import EDITION, EXAMPLE_BASE_URL, REPO

DATAPACKAGE = REPO / paths.DATAPACKAGE
SCHEMAS = Path(__file__).parent / "schemas"
CFF_SCHEMA = SCHEMAS / "citation-file-format-1.2.0.json"
SCHEMA_ORG_CONTEXT = SCHEMAS / "schemaorg-context.jsonld"
VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CFFCONVERT = REPO / ".tools" / "cffconvert" / "bin" / "cffconvert"
SCHEMA = "http://schema.org/"
LANDING = "chapters/intro.html"


def read_cff() -> dict:
    return parse_cff((REPO / paths.CITATION).read_text(encoding="utf-8"))


def publication():
    return EDITION.publication


@lru_cache(maxsize=64)
def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def book_pages(build_) -> list[Path]:
    """Every page of the book (theme assets, Sphinx's search and index and the root redirect aside)."""
    return [
        p
        for p in sorted(build_.html.rglob("*.html"))
        if not p.relative_to(build_.html).parts[0].startswith("_") and len(p.relative_to(build_.html).parts) > 1
    ]


def sphinx_pages(build_) -> list[Path]:
    return [build_.html / "search.html", build_.html / "genindex.html"]


def url_of(build_, path: Path) -> str:
    return EXAMPLE_BASE_URL + path.relative_to(build_.html).as_posix()


def meta(page: BeautifulSoup, name: str, attribute: str = "name") -> list[str]:
    return [m["content"] for m in page.head.find_all("meta", attrs={attribute: name})]


def heading(page: BeautifulSoup) -> str:
    h1 = deepcopy(page.find("h1"))
    for link in h1.select("a.headerlink"):
        link.decompose()
    return " ".join(h1.get_text(" ", strip=True).split())


def json_ld(page: BeautifulSoup) -> list[dict]:
    return [json.loads(script.string) for script in page.head.find_all("script", type="application/ld+json")]


def graph(page: BeautifulSoup) -> list[dict]:
    return [node for data in json_ld(page) for node in data.get("@graph", [data])]


def anchored_assertions(page: BeautifulSoup) -> list[str]:
    ids = set(EDITION.assertions["id"])
    return [element["id"] for element in page.find_all(id=True) if element["id"] in ids]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- the publication address: configuration, never code --------------------------------------


def test_the_book_has_no_publication_address_yet():
    """Nothing is invented: no address in _config.yml nor CITATION.cff until the edition has one."""
    config = yaml.safe_load((REPO / paths.CONFIG).read_text(encoding="utf-8"))
    assert not config.get("html", {}).get("baseurl")
    assert "url" not in read_cff() and "doi" not in read_cff()


def test_addresses_are_absolute_with_a_base_url_and_relative_to_the_page_without():
    class Config:
        html_baseurl = EXAMPLE_BASE_URL

    assert absolute(Config, "chapters/faits.html#FA-001") == f"{EXAMPLE_BASE_URL}chapters/faits.html#FA-001"
    Config.html_baseurl = ""
    assert absolute(Config, "chapters/faits.html") is None
    assert relative("#edition", "chapters/faits.html") == "../#edition"
    assert relative("#edition", "search.html") == "./#edition"
    assert relative("chapters/faits.html#FA-001", "chapters/faits.html") == "faits.html#FA-001"
    assert relative("chapters/bibliographie.html#ref-x", "notebooks/n.html") == "../chapters/bibliographie.html#ref-x"


@pytest.mark.parametrize("value", ["example.org/edition", "ftp://example.org/", "https://example.org/?page=1", "/edition/"])
def test_a_base_url_that_is_no_address_fails(value):
    with pytest.raises(ChroniqueError, match="is not a publication address"):
        normalized_base_url(value, "html.baseurl (_config.yml)")


def test_a_base_url_gets_its_trailing_slash():
    assert normalized_base_url(" https://example.org/edition ", "test") == "https://example.org/edition/"


# --- the tiny book, without and with an address (built in-process) ------------------------------


def build_mini(root: Path, **overrides) -> tuple[str, str, BeautifulSoup]:
    (root / "index.rst").write_text(
        "Essai\n=====\n\nUne édition minuscule pour les tests, avec assez de texte pour une description.\n\n"
        ".. assertions::\n   :section: titre\n\n.. assertions::\n   :section: faits\n\n.. assertions::\n   :section: contexte\n\n"
        ".. editors-notes::\n\n.. checks-register::\n\n.. bibliography::\n   :all:\n",
        encoding="utf-8",
    )
    status, warnings = io.StringIO(), io.StringIO()
    app = SphinxTestApp("html", srcdir=root, status=status, warning=warnings, freshenv=True, confoverrides=overrides)
    try:
        app.build()
    finally:
        app.cleanup()
    return status.getvalue(), warnings.getvalue(), BeautifulSoup((root / "_build" / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_without_an_address_the_build_says_what_is_off_and_writes_no_absolute_url(mini_root, monkeypatch):
    monkeypatch.delenv(BASE_URL_VARIABLE, raising=False)
    status, warnings, page = build_mini(mini_root)
    assert warnings == ""
    assert "no publication address" in status
    assert "canonical links" in status and "citation_public_url and citation_pdf_url" in status, "what is off, named"
    assert page.head.find("link", rel="canonical") is None
    assert meta(page, "og:url", "property") == [] and meta(page, "citation_public_url") == [] and meta(page, "citation_pdf_url") == []
    ids = [node["@id"] for node in graph(page)]
    assert "./#edition" in ids and all("://" not in i for i in ids), "ids relative to the page"
    assert (mini_root / "_build" / "html" / "CITATION.cff").read_text(encoding="utf-8") == (mini_root / "CITATION.cff").read_text(encoding="utf-8")


def test_the_environment_variable_gives_the_address(mini_root, monkeypatch):
    monkeypatch.setenv(BASE_URL_VARIABLE, "https://example.org/essai")
    status, warnings, page = build_mini(mini_root, html_baseurl="https://example.net/autre/")
    assert warnings == ""
    assert "publication address https://example.org/essai/ (from environment variable CHRONIQUE_BASEURL)" in status
    assert page.head.find("link", rel="canonical")["href"] == "https://example.org/essai/index.html"
    assert meta(page, "citation_public_url") == ["https://example.org/essai/index.html"]
    assert "https://example.org/essai/#edition" in [node["@id"] for node in graph(page)]
    assert parse_cff((mini_root / "_build" / "html" / "CITATION.cff").read_text(encoding="utf-8"))["url"] == "https://example.org/essai/"


def test_a_bad_address_or_a_url_in_citation_cff_that_is_not_it_fails(mini_root, monkeypatch):
    monkeypatch.delenv(BASE_URL_VARIABLE, raising=False)
    with pytest.raises(ChroniqueError, match="is not a publication address"):
        build_mini(mini_root, html_baseurl="www.example.org")
    cff = mini_root / "CITATION.cff"
    cff.write_text(cff.read_text(encoding="utf-8") + 'url: "https://example.org/ailleurs/"\n', encoding="utf-8")
    with pytest.raises(ChroniqueError, match="url is https://example.org/ailleurs/ but no publication address is configured"):
        build_mini(mini_root)


# --- HTML head: Highwire tags (Google Scholar, Zotero) -------------------------------------------


@pytest.mark.book
def test_the_landing_page_carries_the_books_citation_tags(html_build):
    pub = publication()
    page = soup(html_build.html / LANDING)
    assert meta(page, "citation_title") == [pub.title]
    assert meta(page, "citation_author") == [a.inverted for a in pub.authors]
    assert meta(page, "citation_publication_date") == [pub.released.strftime("%Y/%m/%d")]
    assert meta(page, "citation_language") == ["fr"]
    assert meta(page, "citation_abstract") == [pub.abstract]
    assert meta(page, "citation_pdf_url") == [EXAMPLE_BASE_URL + build.pdf_name(REPO)]
    assert meta(page, "citation_public_url") == [EXAMPLE_BASE_URL + LANDING]
    assert meta(page, "citation_inbook_title") == []
    assert pub.title in page.title.get_text(), "the book's title is the landing page's title"


@pytest.mark.book
def test_each_chapter_is_cited_by_its_own_title_in_the_book(html_build):
    pub = publication()
    chapters = [p for p in book_pages(html_build) if p != html_build.html / LANDING]
    assert len(chapters) == len(book_pages(html_build)) - 1
    for path in chapters:
        page, where = soup(path), path.relative_to(html_build.html)
        assert meta(page, "citation_title") == [heading(page)], where
        assert meta(page, "citation_inbook_title") == [pub.title], where
        assert meta(page, "citation_author") == [a.inverted for a in pub.authors], where
        assert meta(page, "citation_public_url") == [url_of(html_build, path)], where
        assert meta(page, "citation_pdf_url") == [] and meta(page, "citation_abstract") == [], f"{where}: the book's PDF is not the chapter's"


@pytest.mark.book
def test_sphinx_pages_carry_no_citation_metadata(html_build):
    for path in sphinx_pages(html_build):
        page = soup(path)
        assert [m for m in page.head.find_all("meta", attrs={"name": True}) if m["name"].startswith("citation_")] == [], path.name
        assert json_ld(page) == [], path.name


# --- description, OpenGraph, canonical: what crawlers see ----------------------------------------


@pytest.mark.book
def test_every_page_has_a_description_from_its_own_content(html_build):
    for path in [*book_pages(html_build), *sphinx_pages(html_build)]:
        page, where = soup(path), path.relative_to(html_build.html)
        (description,) = meta(page, "description")
        assert 40 <= len(description) <= 160, where
        if path in book_pages(html_build):
            body = squeeze(page.find("main").get_text(" "))
            assert squeeze(description.rstrip("…")) in body, f"{where}: the description is the page's opening words"


@pytest.mark.book
def test_crawlers_read_opengraph_and_canonical_links_on_every_page(html_build):
    pub = publication()
    for path in [*book_pages(html_build), *sphinx_pages(html_build)]:
        page, url = soup(path), url_of(html_build, path)
        data = extruct.extract(path.read_text(encoding="utf-8"), base_url=url, syntaxes=["opengraph"], uniform=True)
        (og,) = data["opengraph"]
        assert og["og:url"] == url and page.head.find("link", rel="canonical")["href"] == url, path.name
        assert og["og:site_name"] == pub.title and og["og:locale"] == "fr_FR"
        assert og["og:description"] == meta(page, "description")[0]
        landing = path.relative_to(html_build.html).as_posix() == LANDING
        if path in book_pages(html_build):
            assert og["og:title"] == (pub.title if landing else heading(page)), path.name
            assert og["@type"] == ("book" if landing else "article"), path.name  # og:type, as extruct's uniform output names it


@pytest.mark.book
def test_the_root_index_is_a_valid_page_that_sends_readers_to_the_landing_page(html_build):
    index = html_build.html / "index.html"
    text = index.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    page = soup(index)
    # the title, typeset in French (no-break spaces) like every page
    assert page.html["lang"] == "fr" and page.title.get_text().replace("\u00a0", " ").replace("\u202f", " ") == publication().title
    assert page.head.find("link", rel="icon")["href"] == "_static/favicon.svg" and (html_build.html / "_static" / "favicon.svg").is_file()
    refresh = page.head.find("meta", attrs={"http-equiv": "refresh"})["content"]
    assert refresh == f"0; url={LANDING}" and page.find("a", href=LANDING) is not None
    assert (html_build.html / LANDING).is_file()
    assert page.head.find("link", rel="canonical")["href"] == EXAMPLE_BASE_URL + LANDING


@pytest.mark.book
def test_no_page_carries_scoped_styles(html_build):
    assert [p.name for p in html_build.html.rglob("*.html") if "<style scoped" in p.read_text(encoding="utf-8")] == []


@pytest.mark.book
def test_every_page_validates_with_the_nu_html_checker(html_build):
    assert VNU.is_file(), f"{VNU} is missing: run npm ci (or bash .ci/install)"
    assert shutil.which("java"), "java is missing: run bash .ci/install"
    targets = [html_build.html / "index.html", *book_pages(html_build), *sphinx_pages(html_build)]
    assert vnu_errors(targets) == []


def vnu_errors(paths_: list[Path]) -> list[str]:
    """The Nu HTML checker's errors on ``paths_``, as ``file:line: message``."""
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *map(str, paths_)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    messages = json.loads(result.stderr)["messages"]
    return [f"{m['url'].split('/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages if m["type"] in ("error", "non-document-error")]


def test_the_nu_html_checker_runs_and_catches_an_invalid_page(tmp_path):
    assert VNU.is_file() and shutil.which("java"), "vnu-jar or java is missing: run bash .ci/install"
    page = tmp_path / "index.html"
    page.write_text('<meta http-equiv="Refresh" content="0; url=chapters/intro.html" />\n', encoding="utf-8")  # jupyter-book's redirect
    errors = vnu_errors([page])
    assert any("doctype" in e for e in errors) and any("title" in e for e in errors), errors


# --- JSON-LD: one graph across pages (PyLD, schema.org's context served locally) -----------------


def local_documents(url: str, options=None) -> dict:
    """PyLD's document loader: schema.org's context from tests/schemas, and nothing from the network."""
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        document = json.loads(SCHEMA_ORG_CONTEXT.read_text(encoding="utf-8"))
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": document}
    raise jsonld.JsonLdError(f"no network in the tests: {url}", "jsonld.LoadDocumentError", code="loading document failed")


def test_the_json_ld_loader_serves_schema_org_locally_and_nothing_else():
    expanded = jsonld.expand(
        {"@context": "https://schema.org", "@type": "Book", "license": "https://spdx.org/licenses/CC-BY-4.0"}, {"documentLoader": local_documents}
    )
    assert expanded[0]["@type"] == [f"{SCHEMA}Book"]
    assert expanded[0][f"{SCHEMA}license"] == [{"@id": "https://spdx.org/licenses/CC-BY-4.0"}]
    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand({"@context": "https://example.org/context.jsonld", "name": "x"}, {"documentLoader": local_documents})


@pytest.fixture(scope="module")
def merged(html_build) -> dict[str, dict]:
    """Every page's JSON-LD, expanded against its own address and flattened together: node by @id."""
    expanded = []
    for path in book_pages(html_build):
        for document in json_ld(soup(path)):
            expanded += jsonld.expand(document, {"base": url_of(html_build, path), "documentLoader": local_documents})
    flat = jsonld.flatten(expanded, None, {"documentLoader": local_documents})
    return {node["@id"]: node for node in flat}


def of_type(nodes: dict[str, dict], kind: str) -> list[dict]:
    return [node for node in nodes.values() if f"{SCHEMA}{kind}" in node.get("@type", [])]


def ids(node: dict, prop: str) -> list[str]:
    return [value["@id"] for value in node.get(f"{SCHEMA}{prop}", [])]


def values(node: dict, prop: str) -> list:
    return [value["@value"] for value in node.get(f"{SCHEMA}{prop}", [])]


@pytest.mark.book
def test_json_ld_merges_into_one_book_its_pages_and_one_claim_per_assertion(html_build, merged):
    pub = publication()
    counts = Counter(kind.removeprefix(SCHEMA) for node in merged.values() for kind in node.get("@type", []))
    cited = {key for keys in EDITION.lists("assertions", "citations").values() for key in keys} | {CHRONICLE_KEY}
    cited |= {evidence_key(row.id) for check in EDITION.rows("checks") for row, _ in EDITION.evidence_for(check)}
    assert counts["Book"] == 1 and counts["MediaObject"] == 1
    assert counts["WebPage"] == len(book_pages(html_build))
    assert counts["Claim"] == len(EDITION.assertions)
    assert counts["CreativeWork"] == len(EDITION.references), "every entry of the bibliography, once"
    works = {node["@id"].rsplit("#ref-", 1)[1] for node in of_type(merged, "CreativeWork")}
    assert cited <= works
    assert [i for i in merged if not i.startswith(EXAMPLE_BASE_URL) and not i.startswith("https://spdx.org/")] == [], "no blank node"
    assert [i for i, node in merged.items() if len(node.get(f"{SCHEMA}name", [])) > 1] == [], "one name per node: the pages agree"

    (book,) = of_type(merged, "Book")
    assert book["@id"] == EXAMPLE_BASE_URL + "#edition"
    assert book["@id"] not in {page["@id"] for page in of_type(merged, "WebPage")}
    assert values(book, "name") == [pub.title] and values(book, "version") == [pub.version]
    assert values(book, "abstract") == [pub.abstract]
    assert ids(book, "license") == [f"https://spdx.org/licenses/{pub.license}"]
    assert ids(book, "url") == [EXAMPLE_BASE_URL + LANDING]
    assert [merged[i]["@type"] for i in ids(book, "author")] == [[f"{SCHEMA}Organization"]]
    assert ids(book, "author") == [EXAMPLE_BASE_URL + "#editeurs"]
    assert ids(merged[ids(book, "encoding")[0]], "contentUrl") == [EXAMPLE_BASE_URL + build.pdf_name(REPO)]
    assert all(ids(page, "isPartOf") == [book["@id"]] for page in of_type(merged, "WebPage"))


@pytest.mark.book
def test_every_claim_refers_to_the_one_chronicle_and_to_reference_nodes(merged):
    rows = {row.id: row for row in EDITION.assertions.itertuples()}
    references = EDITION.references
    chronicle = f"{EXAMPLE_BASE_URL}chapters/bibliographie.html#ref-{CHRONICLE_KEY}"
    assert values(merged[chronicle], "name") == [references[CHRONICLE_KEY].fields["title"]]
    assert ids(merged[chronicle], "author") == ids(merged[chronicle], "copyrightHolder") == [EXAMPLE_BASE_URL + "#agent-maxime-marquette"]
    kinds = EDITION.attribution_kind
    for claim in of_type(merged, "Claim"):
        (identifier,) = values(claim, "identifier")
        row = rows[identifier]
        assert claim["@id"].endswith(f".html#{identifier}") and ids(claim, "url") == [claim["@id"]]
        assert values(claim, "text") == [row.text]
        assert ids(claim, "appearance") == [chronicle]
        cited = [f"{EXAMPLE_BASE_URL}chapters/bibliographie.html#ref-{key}" for key in load.split_list(row.citations)]
        assert sorted(ids(claim, "citation")) == sorted(cited)
        assert all(values(merged[c], "name") == [references[c.rsplit("ref-", 1)[1]].fields["title"].strip("{}")] for c in cited)
        (author,) = ids(claim, "author")
        expected = "Maxime Marquette" if kinds[row.attributed_to] == "chroniqueur" else row.attributed_to
        assert values(merged[author], "name") == [expected], identifier


@pytest.mark.book
def test_one_claim_review_per_check_rates_its_claim_with_the_verdict(merged):
    """schema.org ClaimReview, as fact-checking tools read it: the Claim reviewed, the editors, the
    verdict as the rating's alternateName, the explanation, the consulted documents."""
    checks, labels = EDITION.rows("checks"), EDITION.labels("verdicts")
    reviews = of_type(merged, "ClaimReview")
    assert sorted(values(review, "identifier")[0] for review in reviews) == sorted(checks)
    claims = {values(claim, "identifier")[0]: claim["@id"] for claim in of_type(merged, "Claim")}
    for review in reviews:
        (identifier,) = values(review, "identifier")
        check = checks[identifier]
        assert review["@id"] == f"{EXAMPLE_BASE_URL}chapters/verifications.html#{identifier}"
        assert ids(review, "itemReviewed") == [claims[check.assertion]]
        assert ids(review, "author") == [EXAMPLE_BASE_URL + "#editeurs"]
        assert values(review, "claimReviewed") == [check.claim] and values(review, "reviewBody") == [check.explanation]
        (rating,) = ids(review, "reviewRating")
        assert values(merged[rating], "alternateName") == [labels[check.verdict]]
        documents = [f"{EXAMPLE_BASE_URL}chapters/bibliographie.html#ref-{evidence_key(row.id)}" for row, _ in EDITION.evidence_for(identifier)]
        assert sorted(ids(review, "citation")) == sorted(documents)
        assert all(ids(merged[d], "url") == [EDITION.rows("evidence")[d.rsplit("ref-", 1)[1].upper()].url] for d in documents)


@pytest.mark.book
def test_each_chapter_page_has_one_claim_per_assertion_it_shows(html_build):
    seen = []
    for path in book_pages(html_build):
        page = soup(path)
        on_page = anchored_assertions(page)
        assert [c["identifier"] for c in graph(page) if c["@type"] == "Claim"] == on_page, path.relative_to(html_build.html)
        assert all(c["@id"] == f"{url_of(html_build, path)}#{c['identifier']}" for c in graph(page) if c["@type"] == "Claim")
        seen += on_page
    assert sorted(seen) == sorted(EDITION.assertions["id"]), "every assertion is a Claim on the page that shows it"


@pytest.mark.book
def test_each_reference_is_described_on_the_bibliography_page_only(html_build):
    """A source is described where its @id leads (its entry in the bibliography) and named by that
    @id elsewhere: the description is not repeated on every page that cites it."""
    described = {}
    for path in book_pages(html_build):
        works = [node for node in graph(soup(path)) if node["@type"] == "CreativeWork"]
        described[path.relative_to(html_build.html).as_posix()] = {node["identifier"] for node in works}
    assert described.pop("chapters/bibliographie.html") == set(EDITION.references)
    assert {key for keys in described.values() for key in keys} == {CHRONICLE_KEY}, "elsewhere, the edited chronicle only"


@pytest.mark.book
def test_json_ld_cannot_be_closed_by_the_data(html_build):
    """Assertion text goes into ``<script>``: no ``</script>`` or ``<!--`` may come through."""
    for path in book_pages(html_build):
        for script in soup(path).head.find_all("script", type="application/ld+json"):
            assert "<" not in script.string


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
    assert any(pub.title in t and pub.version in t and pub.french_date in t and EXAMPLE_BASE_URL + LANDING in t for t in texts)
    book = bibtex_entries(page)[f"editioncritique{pub.year}"]
    assert (book["title"], book["year"], book["edition"], book["url"]) == (
        pub.title,
        str(pub.year),
        f"version {pub.version}",
        EXAMPLE_BASE_URL + LANDING,
    )


@pytest.mark.book
def test_citer_gives_an_assertion_citation_with_its_permalink(html_build):
    pub = publication()
    page = citer(html_build)
    permalink = f"{EXAMPLE_BASE_URL}chapters/faits.html#FA-001"
    entry = bibtex_entries(page)[f"editioncritique{pub.year}-FA-001"]
    assert entry["url"] == permalink
    assert entry["author"] == "Marquette, Maxime" and entry["booktitle"] == pub.title
    (link,) = [a for a in page.select(".chronique-citation-text a") if a.get_text() == permalink]
    target, anchor = link["href"].split("#")
    assert anchor == "FA-001" and "://" not in target, "the link works wherever the book is opened"
    assert soup((html_build.html / "chapters" / target).resolve()).find(id="FA-001") is not None


@pytest.mark.book
def test_citer_offers_every_data_file_for_download(html_build):
    descriptor = json.loads(DATAPACKAGE.read_text(encoding="utf-8"))
    page = citer(html_build)
    downloads = {Path(a["href"]).name: (html_build.html / "chapters" / a["href"]).resolve() for a in page.select("a.download[href]")}
    for name in ["datapackage.json", *(r["path"] for r in descriptor["resources"])]:
        assert name in downloads, f"no download link for {name}"
        assert downloads[name].read_bytes() == (DATAPACKAGE.parent / name).read_bytes()
    for name in ("references.bib", "LICENSE"):
        assert downloads[name].read_bytes() == (REPO / name).read_bytes()
    assert downloads["CITATION.cff"].read_bytes() == (html_build.html / "CITATION.cff").read_bytes(), "the published CITATION.cff, with its url"


# --- CITATION.cff: valid, and converted cleanly by cffconvert -----------------------------------


def cff_errors(document: dict) -> list[str]:
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(document)]


def test_vendored_schema_is_the_official_cff_1_2_0():
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["$id"] == "https://citation-file-format.github.io/1.2.0/schema.json"


def test_citation_cff_is_valid():
    assert cff_errors(read_cff()) == []
    assert check_cff(read_cff(), paths.CITATION) == []


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


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"license": ["CC-BY-4.0", "MIT"]}, "several licences (CC-BY-4.0, MIT)"),
        ({"license": "CC BY 4.0"}, "is not an SPDX licence identifier"),
        ({"doi": "https://doi.org/10.5281/zenodo.1"}, "is not a DOI"),
        ({"url": "example.org"}, "is not an absolute http(s) address"),
        ({"preferred-citation": {"type": "book", "version": "1.0.0"}}, "citation-js then cites the book as software"),
    ],
)
def test_the_data_rules_reject_what_converters_would_mangle(change, message):
    document = read_cff() | change
    assert any(message in str(p) for p in check_cff(document, paths.CITATION)), check_cff(document, paths.CITATION)


def test_citation_cff_agrees_with_the_book_the_package_and_the_data():
    cff = read_cff()
    config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
    descriptor = json.loads(DATAPACKAGE.read_text(encoding="utf-8"))
    assert cff["title"] == config["title"] == cff["preferred-citation"]["title"]
    assert [a["name"] for a in cff["authors"]] == [config["author"]]
    assert cff["version"] == chronique.__version__ == descriptor["version"]
    assert cff["preferred-citation"]["edition"] == f"version {cff['version']}"
    assert [lic["name"] for lic in descriptor["licenses"]] == [cff["license"]], "the data's licence is the edition's"
    references = EDITION.references
    chronicle = references[CHRONICLE_KEY].fields
    assert cff["references"][0]["title"] == chronicle["title"]
    assert str(cff["references"][0]["year"]) == chronicle["year"]


def test_the_codes_licence_is_where_python_tools_read_it():
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == {"text": "MIT"}
    assert "License :: OSI Approved :: MIT License" in project["classifiers"]
    assert json.loads((REPO / "package.json").read_text(encoding="utf-8"))["license"] == "MIT"


def test_licences_cover_the_editors_work_and_not_the_chronicle():
    notice = (REPO / "LICENSE").read_text(encoding="utf-8")
    for needle in ("CC BY 4.0", "MIT", "Maxime Marquette", "NON LICENCIÉ", "data/chronicle.txt", "LICENSES/CC-BY-4.0.txt", "LICENSES/MIT.txt"):
        assert needle in notice
    assert (REPO / "LICENSES" / "CC-BY-4.0.txt").read_text(encoding="utf-8").startswith("Attribution 4.0 International")
    assert "Permission is hereby granted" in (REPO / "LICENSES" / "MIT.txt").read_text(encoding="utf-8")
    assert re.search(r"aucune.*licence", read_cff()["references"][0]["notes"])


def test_the_published_copy_adds_the_address_and_nothing_else():
    text = (REPO / paths.CITATION).read_text(encoding="utf-8")
    assert published_cff(text, None) == text
    published = parse_cff(published_cff(text, EXAMPLE_BASE_URL))
    expected = read_cff() | {"url": EXAMPLE_BASE_URL}
    expected["preferred-citation"] = expected["preferred-citation"] | {"url": EXAMPLE_BASE_URL}
    assert published == expected
    assert cff_errors(published) == []


def test_a_doi_once_minted_reaches_the_head_the_citations_and_the_pdf():
    """A DOI is added to CITATION.cff only; here a test value (prefix 10.0000 is no registrant's)."""
    doi = "10.0000/test-edition-critique"
    assert check_cff(read_cff() | {"doi": doi}, paths.CITATION) == []
    pub = dataclasses.replace(publication(), doi=doi)
    landing = PageInfo("chapters/intro", "landing", "Introduction", "Une description.", LANDING, None)
    assert ("citation_doi", doi) in highwire_tags(pub, landing, None)
    text, bibtex = book_citation(pub, None)
    assert f"https://doi.org/{doi}" in "".join(node.astext() for node in text) and f"doi = {{{doi}}}" in re.sub(r"\s+", " ", bibtex)
    assert f"pdfdoi={{{doi}}}" in hypersetup(pub, None) and f"pdfidentifier={{https://doi.org/{doi}}}" in hypersetup(pub, None)


def cffconvert(path: Path, fmt: str) -> str:
    assert CFFCONVERT.is_file(), f"{CFFCONVERT} is missing: run bash .ci/install (cffconvert in its own environment)"
    result = subprocess.run([str(CFFCONVERT), "-i", str(path), "-f", fmt], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


#: what a converter writes when it misreads a field: a Python list or None as text, a list in a URL
BROKEN = re.compile(r"\['|\bNone\b|\bnull\b|spdx\.org/licenses/\[")


def check_conversions(path: Path, url: str | None) -> dict[str, str]:
    pub = publication()
    out = {fmt: cffconvert(path, fmt) for fmt in ("bibtex", "apalike", "codemeta", "zenodo")}
    assert [fmt for fmt, text in out.items() if BROKEN.search(text)] == [], out
    bibtex = bibtexparser.parse_string(out["bibtex"])
    assert not bibtex.failed_blocks
    fields = {f.key: f.value for f in bibtex.entries[0].fields}
    assert (fields["title"], fields["year"], fields["author"]) == (pub.title, str(pub.year), pub.author_names)
    assert fields.get("url") == url
    assert pub.title in out["apalike"] and f"version {pub.version}" in out["apalike"]
    assert (url in out["apalike"]) if url else ("URL" not in out["apalike"]), "the address, and no invented one"
    codemeta, zenodo = json.loads(out["codemeta"]), json.loads(out["zenodo"])
    assert codemeta["license"] == f"https://spdx.org/licenses/{pub.license}" and codemeta["version"] == pub.version
    assert codemeta.get("url") == url and codemeta["description"] == pub.abstract
    assert zenodo["license"] == {"id": pub.license} and zenodo["publication_date"] == pub.released.isoformat()
    assert zenodo["description"] == pub.abstract and zenodo["keywords"] == list(pub.keywords)
    return out


def test_cffconvert_converts_the_projects_citation_cff_without_broken_fields():
    check_conversions(REPO / paths.CITATION, None)


@pytest.mark.book
def test_cffconvert_gives_the_address_from_the_published_citation_cff(html_build):
    published = html_build.html / paths.CITATION
    assert parse_cff(published.read_text(encoding="utf-8"))["url"] == EXAMPLE_BASE_URL
    check_conversions(published, EXAMPLE_BASE_URL)
