"""The built book read as a reader would: in Chromium, from a local server, with no network.

Every page loads with no console error, no failed request and no request to another host;
each chart draws and answers the mouse; citations, permalinks, search and the PDF link work;
screenshots of the landing page and of a chart page are left in the build folder
(``_build/screenshots/``) for a person to look at. The expected values come from data/ and
_toc.yml, never typed here.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import EDITION

pytest.register_assert_rewrite("browser")  # before its import: its assertions report like the tests'
from browser import BOOK_TITLE, ROOT_PAGE, book_pages  # noqa: E402

#: the browser fixtures (reader, site, chromium_context), registered once for the whole session
pytest_plugins = ["browser"]
pytestmark = [pytest.mark.book, pytest.mark.browser]

PAGES = book_pages()
CHART_PAGES = [p for p in PAGES if p.startswith("notebooks/")]
ASSERTION_ID = re.compile(r"\b[A-Z]{2}-\d{3}\b")
#: plotly's drawn marks: bars and points, heatmap images, pie slices
MARKS = "g.trace .point path, g.trace path.point, g.hm image, .pielayer .slice path"
PDF_BUTTON = "a.btn-download-book-pdf-button"


def chapter_page(section: str) -> str:
    return f"chapters/{section.replace('_', '-')}.html"


def assertions():
    return EDITION.assertions


# --- every page -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_offline_without_errors(reader, path):
    """No console error, no failed request, nothing fetched from another host."""
    with reader.open(path) as page:
        title = page.title()
        landed = page.url
    traffic = reader.traffic
    assert traffic.requests, "the local-only route saw no request: the test watched nothing"
    assert any("/_static/" in url for url in traffic.requests), "the page loaded none of the book's own assets"
    assert not traffic.problems(), f"{path}:\n" + "\n".join(traffic.problems())
    assert BOOK_TITLE in title, f"{path} has the title {title!r}"
    if path == "index.html":
        assert landed.endswith(ROOT_PAGE), f"index.html should open the introduction, not {landed}"


def test_a_request_to_another_host_is_aborted_and_reported(reader):
    """The guard itself: what a page would fetch from a CDN never leaves, and is counted."""
    with reader.open(ROOT_PAGE) as page:
        outcome = page.evaluate("""() => fetch('https://cdn.example.invalid/plotly.min.js')
            .then(() => 'fetched', () => 'blocked')""")
    assert outcome == "blocked"
    assert reader.traffic.outside == ["https://cdn.example.invalid/plotly.min.js"]


# --- charts -----------------------------------------------------------------------------------


def hover_text(page, chart) -> str:
    """Move the mouse over the chart's largest marks, one after another, until plotly shows a
    hover label; return its text."""
    centres = chart.locator(MARKS).evaluate_all("""marks => marks
        .map(m => m.getBoundingClientRect())
        .filter(r => r.width >= 2 && r.height >= 2 && r.top + r.height / 2 > 0 && r.top + r.height / 2 < innerHeight)
        .sort((a, b) => b.width * b.height - a.width * a.height)
        .slice(0, 8)
        .map(r => [r.left + r.width / 2, r.top + r.height / 2])""")
    label = chart.locator(".hoverlayer .hovertext").first
    for x, y in centres:
        page.mouse.move(x, y, steps=2)
        try:
            label.wait_for(state="attached", timeout=1500)
        except PlaywrightTimeout:  # this mark shows nothing: try the next one
            continue
        return label.text_content() or ""
    return ""


@pytest.mark.parametrize("path", CHART_PAGES)
def test_each_chart_draws_and_shows_hover_text(reader, path):
    """Each plotly figure is drawn (an SVG holding marks) and answers the mouse with hover text
    that names the assertions behind the marks."""
    with reader.open(path) as page:
        charts = page.locator(".plotly-graph-div")
        assert charts.count() >= 1, f"{path} holds no plotly figure"
        texts = []
        for index in range(charts.count()):
            chart = charts.nth(index)
            chart.scroll_into_view_if_needed()
            chart.locator("svg.main-svg").first.wait_for(state="attached")
            assert chart.locator(MARKS).count() > 0, f"{path}: figure {index + 1} drew no mark"
            text = hover_text(page, chart)
            assert re.search(r"[A-Za-zÀ-ÿ]{3}", text), f"{path}: figure {index + 1} shows no hover text"
            texts.append(text)
        assert any(ASSERTION_ID.search(t) for t in texts), f"{path}: no hover text names an assertion: {texts}"
    assert not reader.traffic.problems(), "\n".join(reader.traffic.problems())


def test_screenshots_of_the_landing_page_and_a_chart_page(reader, html_build):
    """PNGs a person can look at, written beside the HTML (``_build/screenshots``)."""
    folder = html_build.html.parent / "screenshots"
    folder.mkdir(exist_ok=True)
    with reader.open("index.html") as page:
        page.screenshot(path=str(folder / "landing.png"))
    with reader.open(CHART_PAGES[0]) as page:
        chart = page.locator(".plotly-graph-div").first
        chart.scroll_into_view_if_needed()
        chart.locator(MARKS).first.wait_for(state="attached")
        page.screenshot(path=str(folder / "chart.png"))
    for name in ("landing.png", "chart.png"):
        data = (folder / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000, f"{name}: not a real screenshot ({len(data)} bytes)"


# --- citations, permalinks, search, PDF --------------------------------------------------------


def test_clicking_a_citation_lands_on_its_bibliography_entry(reader):
    """The first citation of the first chronicle chapter opens the bibliography at its entry,
    which shows the same reference as the citation's tooltip."""
    first = assertions().iloc[0]
    with reader.open(chapter_page(first.section)) as page:
        link = page.locator(f'[id="{first.id}"] .bibtex-citation a').first
        key = link.get_attribute("href").split("#", 1)[1]
        reference = link.get_attribute("data-reference") or link.get_attribute("title")
        link.click()
        page.wait_for_url(f"**/bibliographie.html#{key}")
        entry = page.locator(f'[id="{key}"]')
        assert entry.evaluate("e => e.matches(':target')")
        assert in_view(entry), f"the entry {key} is not scrolled into view"
        assert " ".join(reference.split()) in " ".join(entry.inner_text().split())


def in_view(locator) -> bool:
    """The element's first line is in the viewport and not hidden under the sticky header."""
    return locator.evaluate("""e => {
        const r = e.getBoundingClientRect();
        if (r.top < 0 || r.top >= window.innerHeight) return false;
        const hit = document.elementFromPoint(r.left + Math.min(20, r.width / 2), r.top + Math.min(8, r.height / 2));
        return e.contains(hit);
    }""")


def permalink_cases() -> list[str]:
    """The first and the last assertion of the chronicle: the top of a page and deep down another."""
    table = assertions()
    return [table.iloc[0].id, table.iloc[-1].id]


@pytest.mark.parametrize("assertion_id", permalink_cases())
def test_assertion_permalink_scrolls_to_it_and_highlights_it(reader, assertion_id):
    row = assertions().set_index("id").loc[assertion_id]
    with reader.open(f"{chapter_page(row.section)}#{assertion_id}") as page:
        block = page.locator(f'[id="{assertion_id}"]')
        assert block.count() == 1, f"no element has the id {assertion_id}"
        assert block.evaluate("e => e.matches(':target')")
        assert in_view(block), f"{assertion_id} is not scrolled into view"
        assert " ".join(row.text.split()) in " ".join(block.inner_text().split())
        other = page.locator(".chronique-assertion:not(:target)").first
        assert style_of(block) != style_of(other), f"{assertion_id} looks like any other assertion: not highlighted"


def style_of(locator) -> tuple[str, str]:
    return tuple(locator.evaluate("e => { const s = getComputedStyle(e); return [s.outlineStyle + ' ' + s.outlineColor, s.backgroundColor]; }"))


def quote_from_the_chronicle() -> tuple[str, str]:
    """A quotation (« … ») of two words or more from the chronicle, and the page that shows it."""
    for row in assertions().itertuples(index=False):
        for quote in re.findall(r"«\s*([^»]+?)\s*»", row.text):
            if 2 <= len(quote.split()) <= 6:
                return quote, chapter_page(row.section)
    raise AssertionError("no short quotation in data/assertions.csv")


def test_search_finds_a_quote_from_the_chronicle(reader):
    quote, expected = quote_from_the_chronicle()
    with reader.open("search.html?q=" + quote.replace(" ", "+")) as page:
        page.locator("#search-results .search-summary").wait_for()
        page.wait_for_function("document.querySelector('#search-results .search-summary').textContent.trim().length > 0")
        hits = page.locator("#search-results ul.search li a").evaluate_all("links => links.map(a => a.href)")
    pages = {urljoin(reader.base_url, hit).split("?")[0].split("#")[0].removeprefix(reader.base_url) for hit in hits}
    assert expected in pages, f"searching « {quote} » found {sorted(pages)}, not {expected}"
    assert not reader.traffic.problems(), "\n".join(reader.traffic.problems())


@pytest.mark.pdf
def test_pdf_download_link_answers_on_every_page(reader, pdf_build):
    """Every page links the whole book's PDF, and that address serves the PDF."""
    targets = {}
    for path in PAGES:
        with reader.open(path) as page:
            link = page.locator(PDF_BUTTON)
            assert link.count() == 1, f"{path} has {link.count()} « Livre entier (PDF) » links"
            targets[path] = link.evaluate("a => a.href")
    assert len(set(targets.values())) == 1, f"pages link different PDFs: {targets}"
    response = reader.context.request.get(next(iter(targets.values())))
    assert response.status == 200, f"the PDF link answers HTTP {response.status}"
    assert response.headers.get("content-type", "").startswith("application/pdf")
    assert response.body()[:5] == b"%PDF-"
