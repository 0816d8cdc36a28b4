"""The built book read as a reader would: in Chromium, from a local server, with no network.

Every page loads with no console error, no failed request and no request to another host;
the chapters read as the chronicle's text, with the apparatus in the margin on a wide screen and
under each paragraph, on demand, on a phone; each chart draws, answers the mouse and keeps all
its text inside its frame on a phone; no French punctuation, id or date can break at the end of
a line; dark mode keeps the status marks legible and paints no white box; citations, tooltips,
permalinks, search and the PDF link work. Screenshots of the reading view (desktop, phone, dark)
and of a chart page are left in the build folder (``_build/screenshots/``) for a person to look
at. The expected values come from data/ and _toc.yml, never typed here.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from chronique.palette import contrast
from chronique.typography import BREAKABLE, UNBREAKABLE
from conftest import EDITION, REPO

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


def chronicle_pages() -> list[str]:
    return list(dict.fromkeys(chapter_page(s) for s in assertions()["section"]))


def plain(text: str) -> str:
    """Rendered text with French typography's no-break spaces read as spaces."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


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


def test_screenshots_of_the_reading_view_and_a_chart_page(reader, html_build):
    """PNGs a person can look at, written beside the HTML (``_build/screenshots``): the reading
    view on a desktop, on a phone with an apparatus entry open, in dark mode; a chart page on a
    desktop and on a phone."""
    folder = html_build.html.parent / "screenshots"
    folder.mkdir(exist_ok=True)
    first = assertions().iloc[0]
    shots = []
    with reader.open("index.html") as page:
        page.screenshot(path=str(folder / "landing.png"))
        shots.append("landing.png")
    for view in ("wide", "dark"):
        with reader.open(f"{chapter_page(first.section)}#{first.id}", view) as page:
            page.screenshot(path=str(folder / f"reading-{view}.png"))
            shots.append(f"reading-{view}.png")
    with reader.open(chapter_page(first.section), "narrow") as page:
        call = page.locator(f'a.chronique-call[data-assertion="{first.id}"]')
        call.scroll_into_view_if_needed()
        call.click()
        page.locator(f'[id="apparat-{first.id}"]').scroll_into_view_if_needed()
        page.screenshot(path=str(folder / "reading-phone.png"))
        shots.append("reading-phone.png")
    for view in ("wide", "narrow", "dark"):
        with reader.open(CHART_PAGES[0], view) as page:
            chart = page.locator(".plotly-graph-div").first
            chart.scroll_into_view_if_needed()
            chart.locator(MARKS).first.wait_for(state="attached")
            page.screenshot(path=str(folder / f"chart-{view}.png"))
            shots.append(f"chart-{view}.png")
    for name in shots:
        data = (folder / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000, f"{name}: not a real screenshot ({len(data)} bytes)"


# --- citations, permalinks, search, PDF --------------------------------------------------------


def test_clicking_a_citation_lands_on_its_bibliography_entry(reader):
    """The first citation of the first chronicle chapter opens the bibliography at its entry,
    which shows the same reference as the citation's tooltip."""
    first = assertions().iloc[0]
    with reader.open(chapter_page(first.section)) as page:
        link = page.locator(f'[id="apparat-{first.id}"] .bibtex-citation a').first
        key = link.get_attribute("href").split("#", 1)[1]
        reference = link.get_attribute("data-reference") or link.get_attribute("title")
        link.click()
        page.wait_for_url(f"**/bibliographie.html#{key}")
        entry = page.locator(f'[id="{key}"]')
        assert entry.evaluate("e => e.matches(':target')")
        assert in_view(entry), f"the entry {key} is not scrolled into view"
        assert " ".join(reference.split()) in " ".join(entry.inner_text().split())


def in_view(locator) -> bool:
    """The element's first line (an inline span's first box) is in the viewport and not hidden
    under the sticky header."""
    return locator.evaluate("""e => {
        const r = e.getClientRects()[0] || e.getBoundingClientRect();
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
    """``faits.html#FA-004`` lands on the assertion's text, highlighted, and on its apparatus entry."""
    row = assertions().set_index("id").loc[assertion_id]
    with reader.open(f"{chapter_page(row.section)}#{assertion_id}") as page:
        block = page.locator(f'[id="{assertion_id}"]')
        assert block.count() == 1, f"no element has the id {assertion_id}"
        assert block.evaluate("e => e.matches(':target')")
        assert in_view(block), f"{assertion_id} is not scrolled into view"
        assert " ".join(row.text.split()) == " ".join(plain(block.inner_text()).split())
        other = page.locator(".chronique-assertion:not(:target)").first
        assert style_of(block) != style_of(other), f"{assertion_id} looks like any other assertion: not highlighted"
        entry = page.locator(f'[id="apparat-{assertion_id}"]')
        assert entry.evaluate("e => e.classList.contains('is-current')") and entry.is_visible()


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


# --- the reading view ---------------------------------------------------------------------------


def test_each_paragraph_of_the_chronicle_is_one_block_whose_text_is_its_line(reader):
    """What a reader sees (and copies) of a paragraph is the chronicle's line, nothing added:
    the status marks are drawn by CSS, the apparatus is beside the paragraph, not in it."""
    lines = (REPO / "data" / "chronicle.txt").read_text(encoding="utf-8").splitlines()
    for path in chronicle_pages():
        rows = assertions()[[chapter_page(s) == path for s in assertions()["section"]]]
        with reader.open(path) as page:
            shown = page.locator(".chronique-passage > p.chronique-text").evaluate_all("ps => ps.map(p => p.innerText)")
        # a heading's assertion (its text is its subsection's) is a heading, not a paragraph
        expected = [lines[n - 1] for n in dict.fromkeys(row.paragraph for row in rows.itertuples() if row.text != row.subsection)]
        assert [" ".join(plain(t).split()) for t in shown] == [" ".join(line.split()) for line in expected], path


def boxes(page, selector: str) -> list[dict]:
    return page.locator(selector).evaluate_all("""es => es.map(e => {
        const r = e.getBoundingClientRect();
        return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, visible: r.width > 0 && r.height > 0};
    })""")


def test_apparatus_is_in_the_margin_beside_its_paragraph_on_a_wide_screen(reader):
    """At desktop width every entry is shown in a column to the right of the text, its first
    entry level with its paragraph, and inside the window."""
    with reader.open(chapter_page("faits"), "wide") as page:  # the longest chapter of the chronicle
        width = page.evaluate("document.documentElement.clientWidth")
        passages = page.locator(".chronique-passage")
        assert passages.count() > 3
        for index in range(passages.count()):
            passage = passages.nth(index)
            passage.scroll_into_view_if_needed()
            (text,) = boxes(passage, ":scope > p.chronique-text")
            entries = boxes(passage, ".chronique-entry")
            assert entries and all(e["visible"] for e in entries), f"passage {index + 1}: hidden entries"
            assert all(e["left"] >= text["right"] and e["right"] <= width for e in entries), f"passage {index + 1}: {text} {entries}"
            assert abs(entries[0]["top"] - text["top"]) < 8, f"passage {index + 1}: the apparatus is not level with its paragraph"
            assert entries[0]["width"] >= 180, "the margin column is too narrow to read"


def test_apparatus_opens_under_its_paragraph_on_a_phone(reader):
    """At 390 pixels the entries are closed; a mark opens its entry under the paragraph, says so
    (aria-expanded) and closes it again; the paragraph keeps the full width."""
    first = assertions().iloc[0]
    with reader.open(chapter_page(first.section), "narrow") as page:
        width = page.evaluate("document.documentElement.clientWidth")
        assert all(not e["visible"] for e in boxes(page, ".chronique-entry")), "entries shown before they are asked for"
        call = page.locator(f'a.chronique-call[data-assertion="{first.id}"]')
        entry = page.locator(f'[id="apparat-{first.id}"]')
        assert call.get_attribute("aria-expanded") == "false" and call.get_attribute("aria-controls") == f"apparat-{first.id}"
        size = call.bounding_box()
        assert size["width"] >= 24 and size["height"] >= 24, f"the mark is too small to tap: {size}"
        call.scroll_into_view_if_needed()
        call.click()
        assert entry.is_visible() and call.get_attribute("aria-expanded") == "true"
        (text,) = boxes(page, f'.chronique-passage:has([id="{first.id}"]) > p.chronique-text')
        (opened,) = boxes(page, f'[id="apparat-{first.id}"]')
        assert opened["top"] >= text["bottom"] - 1 and opened["right"] <= width and text["width"] > 0.8 * width
        call.click()
        assert not entry.is_visible() and call.get_attribute("aria-expanded") == "false"
    with reader.open(f"{chapter_page(first.section)}#{first.id}", "narrow") as page:
        assert page.locator(f'[id="apparat-{first.id}"]').is_visible(), "a permalink opens its entry on a phone"


def test_tooltips_stay_inside_the_window(reader):
    """A citation's reference, shown on focus, lies wholly inside the window, at desktop width
    (citations sit in the margin, by the window's right edge) and on a phone."""
    first = assertions().iloc[0]
    for view in ("wide", "narrow"):
        with reader.open(chapter_page(first.section), view) as page:
            if view == "narrow":
                page.locator(f'a.chronique-call[data-assertion="{first.id}"]').click()
            links = page.locator(f'[id="apparat-{first.id}"] .bibtex-citation a')
            for index in range(links.count()):
                link = links.nth(index)
                link.scroll_into_view_if_needed()
                link.focus()
                box = page.locator("#chronique-tooltip").bounding_box()
                size = page.evaluate("[document.documentElement.clientWidth, window.innerHeight]")
                assert box and box["x"] >= 0 and box["x"] + box["width"] <= size[0], f"{view}: {box} in {size}"
                assert box["y"] >= 0 and box["y"] + box["height"] <= size[1], f"{view}: {box} in {size}"  # viewport coordinates


# --- French typography --------------------------------------------------------------------------

#: every text of the page the reader sees, with whether its element may wrap there
RENDERED_TEXTS = """() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        const e = t.parentElement;
        if (!t.textContent.trim() || e.closest('script, style, svg, code, pre, kbd, noscript, .visually-hidden')) continue;
        if (!e.getClientRects().length) continue;  // not displayed
        const ws = getComputedStyle(e).whiteSpace;
        out.push([t.textContent, ws === 'nowrap' || ws === 'pre']);
    }
    return out;
}"""


@pytest.mark.parametrize("path", PAGES)
def test_no_breakable_french_punctuation_id_or_date(reader, path):
    """Counted in the rendered page: no space a line may break at before « : ; ! ? % » or after
    « «, no id or date that may break at its hyphen. Zero."""
    with reader.open(path) as page:
        texts = page.evaluate(RENDERED_TEXTS)
    breakable = [text[max(0, m.start() - 20) : m.end() + 20] for text, _ in texts for m in BREAKABLE.finditer(text)]
    hyphens = [m.group() for text, nowrap in texts if not nowrap for m in UNBREAKABLE.finditer(text)]
    assert breakable == [] and hyphens == [], f"{path}: {len(breakable) + len(hyphens)} breakable places: {breakable[:5]} {hyphens[:5]}"


# --- charts on a phone --------------------------------------------------------------------------

#: every text plotly drew in a figure, and the figure's frame, in page pixels
CHART_TEXTS = """chart => {
    const frame = chart.getBoundingClientRect();
    const texts = [...chart.querySelectorAll('svg text')]
        .filter(t => t.textContent.trim() && getComputedStyle(t).display !== 'none')
        .map(t => {
            const r = t.getBoundingClientRect();
            const layer = t.closest('[class*="axislayer"]'), subplot = t.closest('g.subplot');
            return {text: t.textContent, cls: t.getAttribute('class') || '',
                axis: layer ? (subplot ? subplot.getAttribute('class') : '') + ' ' + layer.getAttribute('class') : '',
                annotation: !!t.closest('g.annotation'),
                left: r.left, right: r.right, top: r.top, bottom: r.bottom};
        })
        .filter(t => t.right > t.left);
    return {frame: {left: frame.left, right: frame.right, top: frame.top, bottom: frame.bottom}, texts};
}"""


def overlapping(texts: list[dict]) -> list[tuple[str, str]]:
    """Pairs of texts whose boxes intersect (more than a pixel each way)."""
    pairs = []
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            if min(a["right"], b["right"]) - max(a["left"], b["left"]) > 1 and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 1:
                pairs.append((a["text"], b["text"]))
    return pairs


@pytest.mark.parametrize("path", CHART_PAGES)
def test_no_chart_text_is_clipped_or_fused_on_a_phone(reader, path):
    """At 390 pixels every title, tick label, legend entry and annotation of every figure lies
    inside the figure's frame, and no two tick labels of an axis overlap (a fused heatmap)."""
    with reader.open(path, "narrow") as page:
        charts = page.locator(".plotly-graph-div")
        assert charts.count() >= 1
        for index in range(charts.count()):
            chart = charts.nth(index)
            chart.scroll_into_view_if_needed()
            chart.locator("svg.main-svg").first.wait_for(state="attached")
            page.wait_for_timeout(150)
            drawn = chart.evaluate(CHART_TEXTS)
            frame = drawn["frame"]
            outside = [
                t["text"]
                for t in drawn["texts"]
                if t["left"] < frame["left"] - 1
                or t["right"] > frame["right"] + 1
                or t["top"] < frame["top"] - 1
                or t["bottom"] > frame["bottom"] + 1
            ]
            assert outside == [], f"{path}, figure {index + 1}: text outside the figure at 390 px: {outside[:6]}"
            ticks = {}
            for text in drawn["texts"]:
                if text["axis"]:
                    ticks.setdefault(text["axis"], []).append(text)
            fused = [pair for group in ticks.values() for pair in overlapping(group)]
            assert fused == [], f"{path}, figure {index + 1}: tick labels overlap: {fused[:6]}"
            labels = [t for t in drawn["texts"] if t["annotation"] or "legendtext" in t["cls"]]
            assert overlapping(labels) == [], f"{path}, figure {index + 1}: labels overlap: {overlapping(labels)[:6]}"


# --- dark mode ------------------------------------------------------------------------------------

#: the colour of each status's mark (CSS ::after of a.chronique-call), and the page's background
MARK_COLOURS = r"""() => {
    const hex = c => '#' + c.match(/\d+(\.\d+)?/g).slice(0, 3).map(n => Math.round(+n).toString(16).padStart(2, '0')).join('');
    const marks = {};
    for (const a of document.querySelectorAll('a.chronique-call')) {
        const status = [...a.classList].find(c => c.startsWith('chronique-status-'));
        if (!marks[status]) marks[status] = [hex(getComputedStyle(a, '::after').color), getComputedStyle(a, '::after').content];
    }
    let e = document.querySelector('.chronique-passage'), bg = 'rgba(0, 0, 0, 0)';
    while (e && /rgba\(0, 0, 0, 0\)|transparent/.test(bg)) { bg = getComputedStyle(e).backgroundColor; e = e.parentElement; }
    return {marks, background: hex(bg)};
}"""


@pytest.mark.parametrize("view", ["wide", "dark"])
def test_status_marks_keep_their_contrast_in_light_and_dark_mode(reader, view):
    """Each status's mark contrasts at least 3:1 with the page (WCAG 1.4.11), in both themes, and
    each status draws its own icon (readable without colour)."""
    seen = {}
    for path in chronicle_pages():
        with reader.open(path, view) as page:
            found = page.evaluate(MARK_COLOURS)
        for status, (colour, icon) in found["marks"].items():
            seen[status] = icon
            assert contrast(colour, found["background"]) >= 3, f"{view}: {status} mark {colour} on {found['background']}"
    assert set(seen) == {f"chronique-status-{s}" for s in assertions()["status"]}
    assert len(set(seen.values())) == len(seen), f"two statuses draw the same icon: {seen}"


#: elements of the article that paint a light background (a white box in dark mode)
LIGHT_BOXES = r"""() => {
    const light = c => { const m = c.match(/[\d.]+/g); if (!m) return false; const [r, g, b, a = 1] = m.map(Number);
        return a > 0.5 && (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 > 0.75; };
    const out = [];
    for (const e of document.querySelectorAll('article, article *')) {
        const r = e.getBoundingClientRect();
        if (r.width * r.height < 400) continue;
        const s = getComputedStyle(e);
        const fill = e instanceof SVGElement ? s.fill : s.backgroundColor;
        if ((e instanceof SVGRectElement || !(e instanceof SVGElement)) && light(fill)) out.push(e.tagName + '.' + (e.getAttribute('class') || ''));
    }
    return out;
}"""


@pytest.mark.parametrize("path", [p for p in PAGES if p.startswith(("chapters/", "notebooks/"))])
def test_dark_mode_paints_no_white_box(reader, path):
    """In dark mode nothing in the article (notes, tables, code, figures) keeps a light background."""
    with reader.open(path, "dark") as page:
        for chart in page.locator(".plotly-graph-div").all():
            chart.scroll_into_view_if_needed()
            chart.locator("svg.main-svg").first.wait_for(state="attached")
        boxes_ = page.evaluate(LIGHT_BOXES)
    assert boxes_ == [], f"{path}: light boxes in dark mode: {boxes_[:8]}"


@pytest.mark.parametrize("view", ["wide", "narrow"])
@pytest.mark.parametrize("path", CHART_PAGES)
def test_readers_see_no_code(reader, path, view):
    with reader.open(path, view) as page:
        visible = page.locator(".cell_input").evaluate_all("cs => cs.filter(c => c.getClientRects().length).length")
        shown = page.locator("article").inner_text()
    assert visible == 0, f"{path}: {visible} code cells shown"
    assert "import " not in shown and "load_edition" not in shown
