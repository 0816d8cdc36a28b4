"""The PDF, built once by the book's pipeline (``pdf_build``: chronique.build), read with pypdf
and poppler (pdftotext, pdffonts), as readers' and indexers' software reads it.

What an academic who downloads it needs: a title page naming the editors under the title, and a
table of contents; every chapter, appendix, assertion (with its id), figure (with its caption) and
bibliography entry; no ``??``; French typography and labels; unhyphenated headings; text that a
search finds (no ligature characters), fonts embedded and none of Type 3; document information
and XMP metadata; page labels naming each page once; and the same file offered by every HTML page.
Without TeX Live the fixture fails (it never skips) and says what to install.
Expected values come from the HTML build, the data and CITATION.cff, never typed here.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from chronique import build
from chronique.bibliography import evidence_key
from conftest import EDITION, EXAMPLE_BASE_URL, REPO

pytestmark = pytest.mark.pdf
logging.getLogger("pypdf").setLevel(logging.ERROR)  # fontTools notices about Type 1 math fonts

#: LaTeX log lines that mean a reference, citation or glyph is missing from the PDF
LATEX_PROBLEMS = re.compile(r"undefined|Missing character|There were multiply-defined labels")


def squeeze(text: str) -> str:
    """Text compared across line breaks: no spaces, no hyphens (end-of-line hyphenation), NFKC."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return re.sub(r"[\s\-\u2010\u2011]+", "", text)


@lru_cache(maxsize=1)
def toc_pages() -> list[str]:
    """The book's pages in _toc.yml order, as HTML paths."""
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [chapter["file"] for part in toc["parts"] for chapter in part["chapters"]]
    return [f"{Path(f).with_suffix('')}.html" for f in files]


def html(build_, page: str) -> BeautifulSoup:
    return BeautifulSoup((build_.html / page).read_text(encoding="utf-8"), "html.parser")


def heading(soup: BeautifulSoup) -> str:
    h1 = soup.find("h1")
    for link in h1.select("a.headerlink"):
        link.decompose()
    return h1.get_text(" ", strip=True)


@pytest.fixture(scope="module")
def pdf_path(pdf_build) -> Path:
    path = pdf_build.latex / build.pdf_name(REPO)
    assert path.exists(), f"no PDF at {path}; see {pdf_build.latex}/*.log"
    return path


@pytest.fixture(scope="module")
def reader(pdf_path) -> PdfReader:
    return PdfReader(pdf_path)


@pytest.fixture(scope="module")
def pages(reader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


@pytest.fixture(scope="module")
def text(pages) -> str:
    return "\n".join(pages)


def test_title_page_has_title_authors_version_and_date_then_a_table_of_contents(pages):
    pub = EDITION.publication
    first = squeeze(pages[0])
    for expected in (*pub.title.split(" : "), pub.author_names, f"Version {pub.version}", pub.french_date):
        assert squeeze(expected) in first, f"title page lacks {expected!r}: {pages[0]!r}"
    contents = next((i for i, page in enumerate(pages) if squeeze("Table des matières") in squeeze(page)), None)
    assert contents is not None and contents <= 3, "no « Table des matières » right after the title page"


def test_every_chapter_and_appendix_title_is_in_the_pdf_and_its_bookmarks(html_build, reader, text):
    titles = [heading(html(html_build, page)) for page in toc_pages()]
    squeezed = squeeze(text)
    assert [t for t in titles if squeeze(t) not in squeezed] == []

    def bookmarks(outline, depth: int = 0) -> list[str]:
        """Titles of the parts (depth 0) and chapters (depth 1) in the PDF's outline."""
        return [title for item in outline for title in (bookmarks(item, depth + 1) if isinstance(item, list) else [item.title]) if depth <= 1]

    marks = [squeeze(m) for m in bookmarks(reader.outline)]
    assert [t for t in titles if marks.count(squeeze(t)) != 1] == [], "each chapter once in the PDF bookmarks"


def test_parts_and_appendices_are_labelled_in_french(html_build, text):
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    squeezed = squeeze(text)
    for caption in (part["caption"] for part in toc["parts"]):
        assert squeeze(caption) in squeezed
    for label in ("Première partie", "Table des matières", "CHAPITRE 1", "ANNEXE A", "Fig.", "Tableau"):
        assert squeeze(label).lower() in squeezed.lower(), f"French label {label!r} missing"  # small caps
    for english in ("Chapter", "Contents", "Appendix", "Table of"):
        assert english not in text, f"English label {english!r} in the PDF"


def test_every_assertion_id_is_in_the_pdf(text):
    found = set(re.findall(r"\b[A-Z]{2}-\d{3}\b", text.replace("\u2011", "-").replace("\u2010", "-")))
    assert sorted(set(EDITION.assertions["id"]) - found) == []


def test_every_bibliography_entry_is_in_the_one_bibliography(html_build, pdf_build, text):
    shown = [e["id"].removeprefix("ref-") for e in html(html_build, "chapters/bibliographie.html").select("div.citation[id^=ref-]")]
    assert shown, "the HTML bibliography lists no entry"
    tex = (pdf_build.latex / build.pdf_name(REPO)).with_suffix(".tex").read_text(encoding="utf-8")
    items = re.findall(r"\\bibitem\[[^\]]*\]\{[^}:]*:ref-([^}]+)\}", tex)
    assert sorted(items) == sorted(shown), "the PDF bibliography has the same entries as the HTML one"
    references = EDITION.references
    squeezed = squeeze(text)
    missing = [key for key in shown if squeeze(references[key].fields["title"].strip("{}")) not in squeezed]
    assert missing == []
    assert tex.count(r"\begin{sphinxthebibliography}") == 3  # its three parts, in one chapter


def test_bibliography_is_one_chapter_with_its_entries_author_date(reader, pages):
    """jupyter-book #1523: no empty « Bibliographie » chapter beside the real one; its entries
    open on their author and year, with no number, as in the HTML."""
    start = [i for i, page in enumerate(pages) if squeeze("Bibliographie") in squeeze(page[:200]) and "ANNEXE" in page]
    assert len(start) == 1
    chapter = "\n".join(pages[start[0] :])
    assert not re.search(r"\[\d+\]", chapter), "an author–date bibliography has no numbers"
    consulted = {evidence_key(row.id) for row in EDITION.rows("evidence").values()}
    named = [r for key, r in EDITION.references.items() if key not in consulted and EDITION.labels("sources", "role").get(key) != "editeurs"]
    first = sorted(named, key=lambda r: squeeze(r.fields["author"].strip("{}")).casefold())[0]
    opening = squeeze(pages[start[0]])
    assert squeeze("La chronique et les sources qu’elle nomme") in opening, "the first part opens the chapter"
    assert squeeze(first.fields["author"].strip("{}")) in opening, "the bibliography chapter opens on its entries"


def test_no_unresolved_reference(pdf_build, text):
    assert "??" not in text
    assert "[?]" not in text
    log = (pdf_build.latex / build.pdf_name(REPO)).with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert [line for line in log.splitlines() if LATEX_PROBLEMS.search(line)] == []


def test_every_figure_is_embedded_with_its_caption(html_build, reader, text):
    figures = [f for page in toc_pages() for f in html(html_build, page).find_all("figure")]
    assert figures, "the HTML book has no figure"
    embedded = set()
    for page in reader.pages:
        xobjects = page.get("/Resources", {}).get_object().get("/XObject")
        for ref in xobjects.get_object().values() if xobjects else ():
            if ref.get_object().get("/Subtype") in ("/Image", "/Form"):
                embedded.add(ref.idnum if hasattr(ref, "idnum") else id(ref))
    assert len(embedded) >= len(figures), f"{len(embedded)} images embedded for {len(figures)} figures"
    captions = [f.select_one(".caption-text").get_text(" ", strip=True) for f in figures if f.select_one(".caption-text")]
    assert len(captions) == len(figures), "every figure has a caption"
    squeezed = squeeze(text)
    assert [c for c in captions if squeeze(c) not in squeezed] == []


def test_french_spacing_keeps_guillemets_and_colons_with_their_words(text):
    """babel-french: « and » hold their word with a non-breaking space, so is « : »; no line
    may start with a closing guillemet or high punctuation, or end on an opening guillemet."""
    lines = text.splitlines()
    assert [line for line in lines if re.match(r"\s*[»:;!]", line)] == []
    assert [line for line in lines if re.search(r"«\s*$", line)] == []


def test_metadata_is_set(reader):
    pub = EDITION.publication
    info = reader.metadata
    assert info.title == pub.title
    assert info.author == ", ".join(a.display for a in pub.authors)
    assert info.subject == pub.abstract
    assert info.get("/Keywords") == ", ".join(pub.keywords)


XMP = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
    "prism": "http://prismstandard.org/namespaces/basic/3.0/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
}


def test_xmp_metadata_gives_title_editors_date_licence_and_language(reader):
    pub = EDITION.publication
    xmp = reader.xmp_metadata
    assert xmp is not None, "no XMP metadata stream"
    assert xmp.dc_title == {"fr-FR": pub.title}
    assert xmp.dc_creator == [a.display for a in pub.authors]
    assert xmp.dc_language == ["fr-FR"]
    assert [d.date() for d in xmp.dc_date] == [pub.released]
    assert xmp.dc_description == {"fr-FR": pub.abstract}
    assert xmp.dc_subject == list(pub.keywords)
    (rights,) = xmp.dc_rights.values()
    assert pub.license in rights and pub.chronicle_author in rights and "aucune licence" in rights
    tree = ET.fromstring(reader.trailer["/Root"]["/Metadata"].get_object().get_data())
    texts = {el.tag: (el.text or "").strip() for el in tree.iter()}
    assert texts[f"{{{XMP['xmpRights']}}}WebStatement"] == pub.license_url
    assert texts[f"{{{XMP['xmpMM']}}}VersionID"] == pub.version
    assert texts[f"{{{XMP['prism']}}}aggregationType"] == "book"
    assert texts[f"{{{XMP['prism']}}}url"] == EXAMPLE_BASE_URL + "chapters/intro.html", "the landing page, at the build's address"


def test_each_page_is_named_once(reader, pages):
    labels = reader.page_labels
    assert len(labels) == len(set(labels)) == len(pages), "page labels name each page once"
    first = labels.index("1")
    assert labels[:first] == ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"][:first], "title, its back and the contents in roman"
    assert squeeze("Introduction") in squeeze(pages[first][:300]), "page 1 opens the introduction"


def pdftotext(pdf_path: Path, *options: str) -> str:
    assert shutil.which("pdftotext"), "pdftotext is missing: apt-get install poppler-utils (or bash .ci/install)"
    return subprocess.run(["pdftotext", *options, str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_editors_stand_under_the_title_and_the_chronicles_author_below_them(pdf_path):
    pub = EDITION.publication
    lines = [line.strip() for line in pdftotext(pdf_path, "-f", "1", "-l", "1").splitlines() if line.strip()]
    title = squeeze(pub.title.replace(" : ", ""))
    consumed, index = "", 0
    while squeeze(consumed) != title:  # the title's lines, however the title page breaks them
        consumed += lines[index]
        index += 1
        assert len(squeeze(consumed)) <= len(title), f"the title page does not open with the title: {lines[:6]}"
    assert lines[index : index + len(pub.authors)] == [a.display for a in pub.authors], "the editors, as authors, under the title"
    author = pub.chronicle_author
    assert all(author not in line for line in lines[: index + len(pub.authors)])
    assert any(author in line for line in lines[index + len(pub.authors) :]), "the chronicle's author, as the edited work's"


def test_text_extracts_without_ligature_characters(pdf_path):
    """« confirmées » and « Telegrafi » (in the figures too) are found by a plain search."""
    text = pdftotext(pdf_path)
    assert sorted({c for c in text if "\ufb00" <= c <= "\ufb06"}) == []
    assert "confirmées" in text and "Telegrafi" in text


def test_fonts_are_embedded_and_none_is_type_3(pdf_path):
    assert shutil.which("pdffonts"), "pdffonts is missing: apt-get install poppler-utils (or bash .ci/install)"
    rows = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert rows, "pdffonts lists no font"
    assert [row for row in rows if "Type 3" in row] == []
    assert [row for row in rows if row.split()[-5] != "yes"] == [], "every font embedded"


def headings(build_) -> list[str]:
    """Every heading (h1-h4) of the book's pages, as the HTML shows it."""
    found: list[str] = []
    for page in toc_pages():
        article = html(build_, page).find("article")
        for h in article.find_all(["h1", "h2", "h3", "h4"]):
            for link in h.select("a.headerlink"):
                link.decompose()
            found.append(" ".join(h.get_text(" ").split()))
    return sorted(set(found))


def test_no_heading_is_hyphenated(html_build, text):
    """A heading found in the PDF's text with a word broken by a hyphen at a line's end is hyphenated."""
    normal = unicodedata.normalize("NFKC", text)
    line_break = r"(?:\s|[-\u2010]\s*\n)*"
    broken, missing = [], []
    for title in headings(html_build):
        chars = [c for c in unicodedata.normalize("NFKC", title) if not c.isspace()]
        # a heading stands at the start of its line and ends a word (its text inside a table cell
        # or a longer word is not the heading)
        start = r"(?:^|(?<=\n))(?:[A-Z]?\.?\d+(?:\.\d+)*\s+)?"  # the line's start, after the heading's number
        matches = list(re.finditer(start + line_break.join(re.escape(c) for c in chars) + r"(?!\w)", normal, flags=re.M))
        if not matches:
            missing.append(title)
        broken += [m.group(0) for m in matches if re.sub(r"\s", "", m.group(0)).count("-") > title.count("-")]
    assert missing == [], "every heading is in the PDF"
    assert broken == []


def test_every_html_page_offers_the_same_pdf(html_build, pdf_build, pdf_path):
    published = html_build.html / build.pdf_name(REPO)
    assert published.read_bytes() == pdf_path.read_bytes(), "the PDF in the HTML output is the one just built"
    for page in sorted(html_build.html.rglob("*.html")):
        relative = page.relative_to(html_build.html)
        if relative.parts[0].startswith("_") or relative.name == "index.html":
            continue  # theme files; index.html is jupyter-book's redirect
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        links = [a["href"] for a in soup.select("a[href]") if a["href"].endswith(build.pdf_name(REPO))]
        assert links, f"{relative} has no link to the PDF"
        assert all((page.parent / href).resolve() == published.resolve() for href in links), f"{relative}: {links}"


# --- the reading text -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tex(pdf_build) -> str:
    return (pdf_build.latex / build.pdf_name(REPO)).with_suffix(".tex").read_text(encoding="utf-8")


SPAN = re.compile(r"\\phantomsection\\label\{\\detokenize\{[^:}]+:([A-Z]{2}-\d{3})\}\}\\DUrole\{chronique-assertion,[^}]*\}\{")
FOOTNOTE = re.compile(r"%?\n?\\begin\{footnote\}\[\d+\].*?\\end\{footnote\}", re.S)


def test_the_chronicle_is_printed_as_paragraphs_each_assertion_calling_its_apparatus_footnote(tex):
    """Each assertion is followed by its apparatus as a footnote (its id first); with the
    footnotes set aside, the assertions of a line of the chronicle run on in one paragraph."""
    rows = EDITION.assertions
    for row in rows.itertuples():
        if row.text == row.subsection:  # a heading's assertion: its section is labelled, its footnote follows the heading
            assert re.search(rf"\\label\{{\\detokenize\{{[^:}}]+:{row.id}\}}\}}", tex), f"{row.id} has no anchor in the PDF"
            continue
        found = re.search(rf"\\label\{{\\detokenize\{{[^:}}]+:{row.id}\}}\}}\\DUrole\{{chronique-assertion,[^}}]*\}}\{{", tex)
        assert found, f"{row.id} has no anchored span in the PDF"
        footnote = re.match(r"[^%]*?\}%\n\\begin\{footnote\}\[\d+\]\\sphinxAtStartFootnote\n(.{0,200})", tex[found.end() :], re.S)
        assert footnote and row.id.replace("-", r"\sphinxhyphen{}") in footnote.group(1), f"{row.id}: no apparatus footnote right after it"
    body = FOOTNOTE.sub("", tex)
    spans = [(m.group(1), m.start(), m.end()) for m in SPAN.finditer(body)]
    line_of = dict(zip(rows["id"], rows["paragraph"], strict=False))
    for (first, _, end), (second, start, _) in zip(spans, spans[1:], strict=False):
        between = body[end:start]
        if line_of[first] == line_of[second]:
            assert "\\sphinxAtStartPar" not in between and "\n\n" not in between, f"{first} and {second} are split into two paragraphs"
        else:
            assert "\\sphinxAtStartPar" in between, f"{first} and {second} run on although they are on two lines of the chronicle"


def body_lines(page: str) -> list[str]:
    """A page's lines without its running head and its foot (page number, chapter name)."""
    lines = [line for line in page.splitlines() if line.strip()]
    if lines and "version" in lines[0] and EDITION.publication.version in lines[0]:
        lines = lines[1:]
    if lines and re.search(r"\d+\s*$", lines[-1]) and len(lines[-1]) < 140:
        lines = lines[:-1]
    return lines


def test_no_page_holds_a_single_line(pages):
    """No page of the book (title page and part pages aside) carries one line of text alone."""
    lonely = [i + 1 for i, page in enumerate(pages[2:], start=2) if len(body_lines(page)) == 1 and "PARTIE" not in page.upper()]
    assert lonely == [], f"pages holding a single line: {lonely}"


def test_no_heading_of_the_chronicle_is_left_at_the_foot_of_a_page(pages):
    """Each of the chronicle's headings shares its page with the start of its first paragraph."""
    rows = EDITION.assertions
    squeezed = [squeeze(page.replace("[sic]", "")) for page in pages]  # the editors' [sic] is not the chronicle's text
    for heading, group in rows.groupby("subsection", sort=False):
        body = group[group["text"] != heading]  # a heading may be an assertion itself (FA-030): its paragraph is the next row
        first = squeeze(body.iloc[0].text)[:30]
        on = [i for i, page in enumerate(squeezed) if squeeze(heading) in page and first in page]
        assert on, f"the heading « {heading} » is not on the page where its text begins"
