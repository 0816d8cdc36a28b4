"""Accessibility of the built book, checked in Chromium: axe-core on every page, alt text of
figures, status badges readable without colour, every citation reachable by keyboard, and the
theme's own words in French (jupyter-book #1780; fixed by chronique/sphinxext/accessibility.py
and _templates/).

axe-core comes from the npm registry (``npm ci``: package.json and package-lock.json) and is
injected into each page; nothing is fetched at test time.
"""

from __future__ import annotations

import re

import pytest

from chronique.palette import STATUS_STYLE
from chronique.paths import CHRONICLE_KEY
from conftest import EDITION

pytest.register_assert_rewrite("browser")  # before its import: its assertions report like the tests'
from browser import VIEWS, book_pages, require_axe  # noqa: E402

#: the browser fixtures (reader, site, chromium_context), registered once for the whole session
pytest_plugins = ["browser"]
pytestmark = [pytest.mark.book, pytest.mark.browser]

PAGES = book_pages()
CHART_PAGES = [p for p in PAGES if p.startswith("notebooks/")]
#: WCAG 2.1 A and AA, as axe-core tags them
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = ("serious", "critical")
#: "preload: false": axe would fetch the stylesheets again, resolving their @import against
#: the page (404 on /basic.css); the rules that need them are not WCAG A/AA ones.
#: label-content-name-mismatch (WCAG 2.5.3, level A) is still "experimental" in axe-core, so off
#: unless asked for: it is asked for (the theme's search field and colour switch failed it)
AXE_RUN = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, rules: {'label-content-name-mismatch': {enabled: true}},
        resultTypes: ['violations'], preload: false})
    .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => n.target.join(' ') + ' — ' + n.html.slice(0, 160))})))"""
#: words of the theme's English interface (sphinx-book-theme, pydata-sphinx-theme, Jupyter Book,
#: myst-nb, copybutton, togglebutton) that must not show in a French book
ENGLISH_LABEL = re.compile(
    r"\b(search|toggle|contents|on this page|skip to|back to top|download|print to|full ?screen|"
    r"light|dark|system settings|previous|next|copy|copied|click to|show code|hide code|main|home|"
    r"breadcrumb|site navigation|section navigation|launch|open an issue|edit this page|by)\b",
    re.IGNORECASE,
)
#: the interface's words, gathered in the page: every label attribute of the theme's widgets,
#: and the text of the theme's parts outside the article (content titles in menus left out)
INTERFACE_WORDS = """() => {
    const article = document.querySelector('article.bd-article');
    const widgets = '.headerlink, .copybtn, .toggle-button, summary, .cell details';
    const words = [];
    for (const e of document.querySelectorAll('*')) {
        if (article && article.contains(e) && !e.closest(widgets)) continue;
        for (const name of ['title', 'aria-label', 'placeholder', 'data-tooltip', 'data-bs-title', 'alt']) {
            const value = e.getAttribute(name);
            if (value) words.push(`${e.tagName.toLowerCase()}[${name}] ${value}`);
        }
    }
    const menus = '.bd-sidenav, .page-toc nav, .prev-next-title, .logo__title, .bd-breadcrumbs, .caption-text';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        const e = t.parentElement, text = t.textContent.trim();
        if (!text || e.closest('script, style, noscript') || e.closest(menus)) continue;
        if (article && article.contains(e) && !e.closest(widgets)) continue;
        words.push(`${e.tagName.toLowerCase()} ${text}`);
    }
    return words;
}"""
#: how many extra Tab presses beyond the page's focusable elements before giving up
TAB_MARGIN = 10


def assertions():
    return EDITION.assertions


def chronicle_pages() -> list[str]:
    """The chapters that show assertions (and their citations), in data order."""
    return list(dict.fromkeys(f"chapters/{s.replace('_', '-')}.html" for s in assertions()["section"]))


# --- axe-core ---------------------------------------------------------------------------------


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_wcag_violation(reader, path, view):
    """In light and dark colours, on a wide screen and on a phone."""
    axe = require_axe()
    with reader.open(path, view) as page:
        page.add_script_tag(path=str(axe))
        violations = page.evaluate(AXE_RUN, WCAG_TAGS)
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    report = "\n".join(f"{v['impact']}: {v['id']} ({v['help']})\n    " + "\n    ".join(v["nodes"][:5]) for v in blocking)
    assert not blocking, f"{path} ({view}): axe-core finds WCAG 2.1 A/AA violations:\n{report}"


@pytest.mark.parametrize("view", ["wide", "narrow"])
def test_visible_labels_are_part_of_accessible_names(reader, view):
    """WCAG 2.5.3: the theme's search field, colour switch and every button or link named by an
    aria-label include their visible text (axe-core's label-content-name-mismatch, any impact)."""
    axe = require_axe()
    found = {}
    for path in ("chapters/intro.html", CHART_PAGES[0], "chapters/faits.html"):
        with reader.open(path, view) as page:
            page.add_script_tag(path=str(axe))
            violations = page.evaluate(
                """() => axe.run(document, {runOnly: {type: 'rule', values: ['label-content-name-mismatch']}, resultTypes: ['violations'], preload: false})
                .then(r => r.violations.flatMap(v => v.nodes.map(n => n.target.join(' '))))"""
            )
        if violations:
            found[path] = violations
    assert found == {}


def test_status_marks_are_named_for_screen_readers(reader):
    """Each mark after an assertion is a link named with the assertion's id and status in words."""
    labels = dict(zip(*(EDITION.codebook[c] for c in ("code", "label")), strict=False))
    with reader.open(chronicle_pages()[0]) as page:
        marks = page.locator("a.chronique-call").evaluate_all("as => as.map(a => [a.dataset.assertion, a.getAttribute('aria-label'), a.className])")
    rows = assertions().set_index("id")
    assert marks
    for assertion_id, name, classes in marks:
        status = rows.loc[assertion_id, "status"]
        assert name == f"{assertion_id}, {labels[status].lower()} : apparat" and f"chronique-status-{status}" in classes


# --- French interface -------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES)
def test_theme_labels_are_french(reader, path):
    """No English word of the theme's interface, in labels or text, once the page's scripts ran."""
    with reader.open(path) as page:
        words = page.evaluate(INTERFACE_WORDS)
        placeholders = page.locator("form.bd-search input").evaluate_all("inputs => inputs.map(i => i.placeholder)")
    english = [w for w in words if ENGLISH_LABEL.search(w.split(" ", 1)[1])]
    assert not english, f"{path} shows English interface words:\n" + "\n".join(english)
    assert placeholders and set(placeholders) == {"Rechercher dans ce livre…"}, placeholders


def test_in_page_contents_and_sidebar_toggles_are_named_in_french(reader):
    with reader.open(chronicle_pages()[0]) as page:
        heading = page.locator(".onthispage").inner_text().strip()
        primary = page.locator(".header-article-items button.primary-toggle").get_attribute("aria-label")
        secondary = page.locator(".header-article-items button.secondary-toggle").get_attribute("aria-label")
        landmark = page.locator("nav.bd-docs-nav").get_attribute("aria-label")
    assert heading == "Sur cette page"
    assert primary == "Afficher ou masquer la navigation"
    assert secondary == "Afficher ou masquer le sommaire de la page"
    assert landmark == "Navigation principale"


# --- figures, badges, keyboard ----------------------------------------------------------------


@pytest.mark.parametrize("path", CHART_PAGES)
def test_figures_have_alt_text(reader, path):
    """Each chart carries a text alternative (its described-by text or label), and every image an alt."""
    with reader.open(path) as page:
        alternatives = page.locator(".plotly-graph-div").evaluate_all("""charts => charts.map(c => {
            const holder = c.closest('[aria-describedby], [aria-label]');
            if (!holder) return '';
            if (holder.getAttribute('aria-label')) return holder.getAttribute('aria-label');
            return holder.getAttribute('aria-describedby').split(/\\s+/)
                .map(id => (document.getElementById(id) || {textContent: ''}).textContent.trim()).join(' ');
        })""")
        images = page.locator("article img").evaluate_all("imgs => imgs.map(i => [i.getAttribute('src'), i.getAttribute('alt')])")
    assert alternatives, f"{path} holds no chart"
    short = [i + 1 for i, text in enumerate(alternatives) if len(text) < 40]
    assert not short, f"{path}: charts {short} have no real text alternative: {alternatives}"
    assert not [src for src, alt in images if not (alt or "").strip()], f"{path}: images without alt: {images}"


def test_status_badges_are_readable_without_colour(reader):
    """Every status shows its own icon and French label, so colour is never the only cue."""
    labels = dict(zip(*(EDITION.codebook[c] for c in ("code", "label")), strict=False))
    shown: dict[str, set[str]] = {}
    for path in chronicle_pages():
        with reader.open(path) as page:
            for status, text in page.locator(".chronique-badge").evaluate_all(
                "bs => bs.map(b => [[...b.classList].find(c => c.startsWith('chronique-status-')), b.innerText.trim()])"
            ):
                shown.setdefault(status.removeprefix("chronique-status-"), set()).add(" ".join(text.split()))
    assert set(shown) == set(assertions()["status"]), f"statuses shown: {sorted(shown)}"
    for status, texts in shown.items():
        assert texts == {f"{STATUS_STYLE[status][1]} {labels[status]}"}, f"{status} badges read {texts}"
    readings = [next(iter(t)) for t in shown.values()]
    assert len(set(readings)) == len(readings), f"two statuses read alike: {readings}"


def pages_with_citations() -> list[str]:
    """The chapters whose apparatus cites a source (a sentence citing only the chronicle has no
    citation line; an editors' note may cite a document)."""
    notes_cite = {t for n in EDITION.notes.itertuples() for t in n.targets.split(";") if set(n.citations.split(";")) - set(assertions()["id"])}
    citing = assertions()[[c != CHRONICLE_KEY or i in notes_cite for c, i in zip(assertions()["citations"], assertions()["id"], strict=False)]]
    return list(dict.fromkeys(f"chapters/{s.replace('_', '-')}.html" for s in citing["section"]))


@pytest.mark.parametrize("path", pages_with_citations())
def test_keyboard_reaches_every_citation(reader, path):
    """Pressing Tab from the top of the page focuses every citation link in turn."""
    with reader.open(path) as page:
        total = page.evaluate("""() => {
            window.reached = new Set();
            const links = [...document.querySelectorAll('.bibtex-citation a')];
            links.forEach((a, i) => a.dataset.citationIndex = i);
            document.addEventListener('focusin', e => { if (e.target.dataset.citationIndex) window.reached.add(e.target.dataset.citationIndex); });
            return links.length;
        }""")
        focusable = page.evaluate("document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]').length")
        for _ in range(focusable + TAB_MARGIN):
            page.keyboard.press("Tab")
            if page.evaluate("window.reached.size") == total:
                break
        reached = page.evaluate("window.reached.size")
    assert total > 0, f"{path} shows no citation"
    assert reached == total, f"{path}: Tab reaches {reached} of {total} citations"


def test_citation_reference_shows_on_keyboard_focus(reader):
    """Focused from the keyboard, a citation shows its full reference (not only on mouse hover)."""
    with reader.open(chronicle_pages()[0]) as page:
        link = page.locator(".bibtex-citation a").first
        link.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        tooltip = page.locator("[role=tooltip]").first
        reference = link.get_attribute("data-reference") or ""
        assert link.evaluate("a => a === document.activeElement")
        assert tooltip.is_visible(), "no tooltip on keyboard focus"
        assert reference and " ".join(tooltip.inner_text().split()) == " ".join(reference.split())
