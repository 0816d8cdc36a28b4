"""The analysis notebooks: they run clean in the book's build, are committed without outputs, glue
the numbers the chapters paste, and every figure shows the counts that the CSV files give.

The expected counts are computed here from ``data/*.csv`` with the ``csv`` module alone, never
with :mod:`chronique.analysis`, so that a bug there cannot hide behind the same bug here.
The figures' numbers are read back from the notebooks as the book's build executed them (in a
fresh kernel, ``_build/jupyter_execute/``), from their ``text/html`` outputs (the JSON
specification the page's plotly.js draws), i.e. from what the reader actually sees. How long
they take is measured in ``benchmarks/``, never asserted here.
"""

from __future__ import annotations

import base64
import calendar
import csv
import io
import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import nbformat
import numpy as np
import plotly
import pytest
from pypdf import PdfReader

from chronique import palette
from chronique.figures import SPEC_CLASS
from chronique.sphinxext.plotly_assets import PLOTLY_JS, PYTHON_PLOTLY_JS, bundle_version
from conftest import REPO

NOTEBOOKS = REPO / "notebooks"
DATA_DIR = REPO / "data"
COVERAGE = NOTEBOOKS / "couverture-des-sources.ipynb"
DENSITY = NOTEBOOKS / "densite-des-evenements.ipynb"
VERIFICATION = NOTEBOOKS / "verification.ipynb"
ALL_NOTEBOOKS = [COVERAGE, DENSITY, VERIFICATION]
PLOTLY_MIME = "application/vnd.plotly.v1+json"


# --- the CSV files, read plainly -------------------------------------------------------------


def rows(table: str) -> list[dict[str, str]]:
    with open(DATA_DIR / f"{table}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def cell_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(";") if item.strip()]


ASSERTIONS = sorted(rows("assertions"), key=lambda a: int(a["position"]))
SECTIONS = sorted(rows("sections"), key=lambda s: int(s["order"]))
SECTION_CODES = [s["code"] for s in SECTIONS]
TITLES = {s["code"]: s["title"] for s in SECTIONS}
SOURCES = rows("sources")
OUTLETS = {s["key"]: s["name"] for s in SOURCES if s["role"] == "citee"}
ANONYMOUS = {a["name"] for a in rows("attributions") if a["kind"] == "anonyme"}
NOTES = rows("notes")
EVENTS = rows("events")
SECTION_OF = {a["id"]: a["section"] for a in ASSERTIONS}


def outlets_of(assertion: dict) -> list[str]:
    """Distinct named outlets an assertion cites."""
    return sorted({key for key in cell_list(assertion["citations"]) if key in OUTLETS})


def support_of(assertion: dict) -> str:
    if outlets_of(assertion):
        return "named"
    return "anonymous" if assertion["attributed_to"] in ANONYMOUS else "chronicle"


def first_day(value: str) -> date:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def last_day(value: str) -> date:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(*parts)


# --- executing the notebooks once ------------------------------------------------------------


@dataclass
class Executed:
    notebook: nbformat.NotebookNode
    glue: dict  # glue key → its output, as myst-nb stored it

    def glued(self) -> dict[str, str]:
        """Glue key → the text/plain (or text/markdown) the chapters will paste, as myst-nb stored it
        beside the executed notebook (``<name>.glue.json``)."""
        return {name: output["data"].get("text/markdown", output["data"].get("text/plain")) for name, output in self.glue.items()}

    def figures(self) -> dict[str, tuple[list[dict], dict]]:
        """Figure name (``layout.meta.title``) → (traces, layout), decoded from each text/html output."""
        figures = {}
        for bundle in self.bundles():
            spec = plotly_spec(bundle["text/html"])
            figures[spec["layout"]["meta"]["title"]] = (spec["data"], spec["layout"])
        return figures

    def bundles(self) -> list[dict]:
        return [o["data"] for c in self.notebook.cells for o in c.get("outputs", []) if SPEC_CLASS in o.get("data", {}).get("text/html", "")]


def executed(build, path: Path) -> Executed:
    """The notebook as the book's build executed it (myst-nb keeps it in ``_build/jupyter_execute``)."""
    folder = build.output / "_build" / "jupyter_execute" / "notebooks"
    glue = json.loads((folder / f"{path.stem}.glue.json").read_text(encoding="utf-8"))
    return Executed(nbformat.read(folder / path.name, as_version=4), glue)


@pytest.fixture(scope="module")
def coverage(html_build) -> Executed:
    return executed(html_build, COVERAGE)


@pytest.fixture(scope="module")
def density(html_build) -> Executed:
    return executed(html_build, DENSITY)


@pytest.fixture(scope="module")
def checked(html_build) -> Executed:
    return executed(html_build, VERIFICATION)


def plotly_spec(html: str) -> dict:
    """The JSON specification (data, layout, config, dark colours) in a figure's HTML."""
    match = re.search(rf'<script type="application/json" class="{SPEC_CLASS}" data-target="([^"]+)">(.*?)</script>', html, flags=re.S)
    assert match, "no figure specification in the HTML"
    spec = json.loads(match.group(2))
    spec["target"] = match.group(1)
    return spec


def values(array) -> list:
    """A trace array as a list: plotly writes numeric arrays as base64 typed arrays (``bdata``)."""
    if isinstance(array, dict) and "bdata" in array:
        decoded = np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"]))
        if "shape" in array:
            decoded = decoded.reshape([int(n) for n in str(array["shape"]).split(",")])
        return decoded.tolist()
    return list(array)


def label(text: str) -> str:
    """An axis label without the line breaks the charts add to long names."""
    return text.replace("<br>", " ")


# --- running ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: outputs committed in {cell.id}"
            assert cell.execution_count is None, f"{path.name}: execution_count committed in {cell.id}"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_opens_with_overview_and_ends_with_summary(path):
    notebook = nbformat.read(path, as_version=4)
    first, last = notebook.cells[0], notebook.cells[-1]
    assert first.cell_type == "markdown" and first.source.startswith("# ") and "## Aperçu" in first.source
    assert last.cell_type == "markdown" and last.source.startswith("## Résumé")
    imports = next(c for c in notebook.cells if c.cell_type == "code")
    assert "from chronique import" in imports.source and "import" in imports.source.splitlines()[0]


@pytest.mark.book  # the executed notebooks come from the book's build (fixture looked up by name)
@pytest.mark.parametrize("name", ["coverage", "density", "checked"])
def test_executes_without_error_or_warning(name, request):
    executed = request.getfixturevalue(name)
    errors = [o for c in executed.notebook.cells for o in c.get("outputs", []) if o.output_type == "error"]
    stderr = [o.text for c in executed.notebook.cells for o in c.get("outputs", []) if o.get("name") == "stderr"]
    assert errors == [] and stderr == []


@pytest.mark.book
@pytest.mark.parametrize("name", ["coverage", "density", "checked"])
def test_every_figure_is_html_plus_static_twin_plus_plotly_for_jupyter(name, request):
    bundles = request.getfixturevalue(name).bundles()
    assert len(bundles) >= 3
    for bundle in bundles:
        assert set(bundle[PLOTLY_MIME]) == {"data", "layout", "config"}, "JupyterLab's plotly extension draws it"
        assert bundle[PLOTLY_MIME]["data"] == plotly_spec(bundle["text/html"])["data"]
        assert {"text/html", "application/pdf"} <= set(bundle)
        assert base64.b64decode(bundle["application/pdf"]).startswith(b"%PDF")
        html = bundle["text/html"]
        assert "<script src" not in html and "cdn.plot.ly" not in html  # plotly.js comes from the book's _static
        assert "Plotly.newPlot" not in html and "<script>" not in html  # no inline script: chronique.js draws the specification
        assert 'class="visually-hidden"' in html  # the alt text, for screen readers
        spec = plotly_spec(html)
        assert re.search(rf'id="{spec["target"]}" class="plotly-graph-div" style="height:\d+px', html), "the figure's height is reserved"
        assert not spec["layout"].get("title", {}).get("text"), "no title drawn inside the figure: the caption says it"


@pytest.mark.book
def test_pattern_fills_stay_patterns_in_the_pdf_twins(checked):
    """The verdicts' hatching is a PDF tiling pattern of one small tile (librsvg), not a tile the
    size of the chart holding every stroke (Chromium's PDF: 6 MB for one chart)."""
    tiles = []
    for bundle in checked.bundles():
        (page,) = PdfReader(io.BytesIO(base64.b64decode(bundle["application/pdf"]))).pages
        patterns = page["/Resources"].get("/Pattern", {})
        tiles += [pattern.get_object()["/XStep"] for pattern in patterns.values()]
    assert tiles, "the verification charts hatch their bars"
    assert max(tiles) <= 32


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_readers_see_no_code(path):
    """Every code cell is hidden in the book (its input, or the whole cell when it shows
    nothing), and so is the « Imports » heading; the notebook itself keeps them all."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        tags = set(cell.metadata.get("tags", []))
        if cell.cell_type == "code":
            wanted = {"remove-input"} if "figures.show(" in cell.source else {"remove-cell"}
            assert wanted <= tags, f"{path.name} {cell.id}: tags {sorted(tags)}, expected {sorted(wanted)}"
        elif cell.source.strip() == "## Imports":
            assert "remove-cell" in tags, f"{path.name}: the « Imports » heading is shown"
    assert any(c.cell_type == "code" and "import" in c.source for c in notebook.cells), "the notebook stays whole for contributors"


@pytest.mark.book
def test_built_notebook_pages_show_no_code(html_build):
    for name in ALL_NOTEBOOKS:
        page = (html_build.html / "notebooks" / f"{name.stem}.html").read_text(encoding="utf-8")
        assert "cell_input" not in page and "highlight-ipython3" not in page, name.stem
        assert "Imports" not in re.sub(r"<[^>]+>", " ", page.split("<article", 1)[1]), name.stem


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_every_figure_cell_has_caption_name_and_alt(path):
    notebook = nbformat.read(path, as_version=4)
    figure_cells = [c for c in notebook.cells if c.cell_type == "code" and "figures.show(" in c.source]
    assert figure_cells
    for cell in figure_cells:
        options = cell.metadata["mystnb"]
        assert options["figure"]["name"].startswith("fig-") and options["figure"]["caption"]
        assert options["image"]["alt"]
        assert "{cite" not in options["figure"]["caption"]  # a citation in a caption breaks LaTeX


# --- glued numbers: the contract with the chapters -------------------------------------------


def test_coverage_glues_the_contract_keys(coverage):
    glued = coverage.glued()
    named = [a for a in ASSERTIONS if support_of(a) == "named"]
    assert glued["n_assertions"] == str(len(ASSERTIONS))
    assert glued["n_notes"] == str(len(NOTES))
    assert float(glued["share_named_outlet"]) == pytest.approx(100 * len(named) / len(ASSERTIONS))
    for code in SECTION_CODES:
        in_section = [a for a in ASSERTIONS if a["section"] == code]
        touching = [n for n in NOTES if code in {SECTION_OF[t] for t in cell_list(n["targets"])}]
        assert glued[f"n_assertions_{code}"] == str(len(in_section))
        assert float(glued[f"share_named_outlet_{code}"]) == pytest.approx(100 * sum(support_of(a) == "named" for a in in_section) / len(in_section))
        assert glued[f"n_notes_{code}"] == str(len(touching))


def test_contract_values_have_the_promised_types(coverage, density):
    glued = coverage.glued()
    for key in ["n_assertions", "n_notes", *[f"n_assertions_{c}" for c in SECTION_CODES], *[f"n_notes_{c}" for c in SECTION_CODES]]:
        assert re.fullmatch(r"\d+", glued[key]), key
    for key in ["share_named_outlet", *[f"share_named_outlet_{c}" for c in SECTION_CODES]]:
        assert 0 <= float(glued[key]) <= 100 and "." in glued[key], key
    assert density.glued()["n_events"] == str(len(EVENTS))


def test_prose_only_uses_glued_keys(coverage, density, checked):
    """Every {glue:…} role in the prose names a key the notebook glues, or (``other.ipynb::key``)
    a key that other notebook glues."""
    notebooks = {"couverture-des-sources.ipynb": coverage, "densite-des-evenements.ipynb": density, "verification.ipynb": checked}
    for executed in notebooks.values():
        prose = "\n".join(c.source for c in executed.notebook.cells if c.cell_type == "markdown")
        used = re.findall(r"\{glue:(?:text|md)\}`(?:([\w.-]+\.ipynb)::)?([a-z0-9_]+)", prose)
        missing = [(other, key) for other, key in used if key not in (notebooks[other] if other else executed).glued()]
        assert used and missing == [], missing


# --- source coverage figures -----------------------------------------------------------------


def test_outlets_by_section_bars(coverage):
    traces, _ = coverage.figures()["Assertions par média cité et par section"]
    expected = Counter((OUTLETS[key], TITLES[a["section"]]) for a in ASSERTIONS for key in outlets_of(a))
    shown = Counter()
    for trace in traces:
        for outlet, n in zip(trace["y"], values(trace["x"]), strict=False):
            if n:
                shown[(outlet, trace["name"])] += n
    assert shown == expected
    assert [t["marker"]["color"] for t in traces] == [palette.SECTION_COLOURS[code] for code in SECTION_CODES]


def test_outlet_section_grid(coverage):
    traces, layout = coverage.figures()["Médias cités × sections (nombre d’assertions)"]
    (grid,) = [t for t in traces if drawn(t)]
    prefixes = {s["id_prefix"]: s["title"] for s in SECTIONS}
    shown = {(outlet, prefixes[column]): int(n) for outlet, column, n in zip(grid["y"], grid["x"], grid["text"], strict=False)}
    expected = Counter((OUTLETS[key], TITLES[a["section"]]) for a in ASSERTIONS for key in outlets_of(a))
    assert shown == dict(expected)
    assert layout["xaxis"]["categoryarray"] == [s["id_prefix"] for s in SECTIONS]  # every section a column, in order
    keyed = {t["name"] for t in traces if t.get("x") == [None]}
    assert {f"{s['id_prefix']} · {s['title']}" for s in SECTIONS} <= keyed, "the legend spells out every column's prefix"


def test_support_shares_by_section(coverage):
    traces, _ = coverage.figures()["Sur quoi reposent les assertions, section par section"]
    by_name = {t["name"]: t for t in traces}
    kinds = {"Média ou source nommés": "named", "Sources anonymes seulement": "anonymous", "La chronique seule": "chronicle"}
    for name, kind in kinds.items():
        trace = by_name[name]
        for section_title, share, (count, _hover) in zip(trace["y"], values(trace["x"]), trace["customdata"], strict=False):
            in_section = [a for a in ASSERTIONS if TITLES[a["section"]] == section_title]
            expected = sum(support_of(a) == kind for a in in_section)
            assert count == expected and share == pytest.approx(100 * expected / len(in_section))


def test_independent_sources_per_assertion(coverage):
    traces, _ = next(f for title, f in coverage.figures().items() if title.startswith("Médias distincts par assertion"))
    shown = {i: n for t in traces for i, n in zip(t["y"], values(t["x"]), strict=False)}
    expected = {a["id"]: len(outlets_of(a)) for a in ASSERTIONS if outlets_of(a)}
    assert shown == expected
    fa001 = next(a for a in ASSERTIONS if a["id"] == "FA-001")
    assert len(cell_list(fa001["citations"])) >= shown["FA-001"]  # several citations of one outlet count once


def test_cocitation_arcs(coverage):
    traces, _ = coverage.figures()["Médias cités ensemble dans une même assertion"]
    nodes = next(t for t in traces if t.get("name") == "Médias")
    cited_by = Counter(key for a in ASSERTIONS for key in outlets_of(a))
    assert {name: data[0] for name, data in zip(nodes["text"], nodes["customdata"], strict=False)} == {OUTLETS[k]: n for k, n in cited_by.items()}
    edges = next(t for t in traces if t.get("name") == "Liens")
    pairs = Counter()
    for a in ASSERTIONS:
        keys = outlets_of(a)
        pairs.update(frozenset((OUTLETS[x], OUTLETS[y])) for i, x in enumerate(keys) for y in keys[i + 1 :])
    assert {frozenset(d[:2]): d[2] for d in edges["customdata"]} == dict(pairs)


@pytest.mark.book
@pytest.mark.parametrize("name", ["coverage", "density"])
def test_every_colour_of_a_figure_has_its_dark_twin(name, request):
    """Each figure carries the dark-mode colour of every palette colour it uses, and a status
    colour marks a status only (its trace is named with the status's icon)."""
    statuses = {style.colour.upper() for style in palette.STATUS_STYLE.values()}
    icons = tuple(f"{style.icon} " for style in palette.STATUS_STYLE.values())
    for bundle in request.getfixturevalue(name).bundles():
        spec = plotly_spec(bundle["text/html"])
        text = json.dumps([spec["data"], spec["layout"]]).upper()
        used = {c for c in palette.DARK if f'"{c}"' in text}
        assert used and used <= set(spec["dark"]) and all(spec["dark"][c] == palette.DARK[c] for c in used)
        for trace in spec["data"]:
            colours = (trace.get("marker") or {}).get("color") or []
            colours = {colours.upper()} if isinstance(colours, str) else {c.upper() for c in colours if isinstance(c, str)}
            if colours & statuses:
                assert trace.get("name", "").startswith(icons), f"a status colour on {trace.get('name')!r}"


def test_notes_by_kind_and_by_section(coverage):
    (by_kind, by_section), _ = coverage.figures()["Notes des éditeurs"]
    assert sorted(n for n in values(by_kind["x"]) if n) == sorted(Counter(n["kind"] for n in NOTES).values())
    assert sum(values(by_kind["x"])) == len(NOTES)
    touching = Counter(section for n in NOTES for section in {SECTION_OF[t] for t in cell_list(n["targets"])})
    assert dict(zip(by_section["y"], values(by_section["x"]), strict=False)) == {TITLES[c]: touching.get(c, 0) for c in SECTION_CODES}


# --- event density figures -------------------------------------------------------------------


def event_days(event: dict) -> tuple[date, date]:
    return first_day(event["date_start"]), last_day(event["date_end"] or event["date_start"])


def drawn(trace: dict) -> bool:
    """A trace that draws marks (legend-only entries have ``x = [None]``)."""
    return bool(trace.get("x")) and trace["x"] != [None]


def timeline_markers(traces: list[dict]) -> list[dict]:
    return [t for t in traces if t["type"] == "scatter" and drawn(t)]


def test_timeline_places_every_event_at_its_start(density):
    """One row per event, its marker at its start in the period (panel) holding that date."""
    traces, layout = density.figures()["Frise des événements mentionnés par la chronique"]
    starts = sorted(str(x)[:10] for t in timeline_markers(traces) for x in values(t["x"]))
    assert starts == sorted(str(event_days(e)[0]) for e in EVENTS)
    rows = [y for t in timeline_markers(traces) for y in values(t["y"])]
    assert len(set(rows)) == len(EVENTS), "each event on a row of its own"
    for trace in timeline_markers(traces):
        axis = "xaxis" + trace.get("xaxis", "x")[1:]
        first, last = (date.fromisoformat(str(d)[:10]) for d in layout[axis]["range"])
        assert all(first <= date.fromisoformat(str(x)[:10]) <= last for x in values(trace["x"]))


def test_timeline_axis_is_split_so_that_recent_years_are_not_crushed(density):
    """The 1950–2025 axis is cut into periods: no panel spans more than half a century, the
    latest year has a panel of its own, and most events fall in the recent panels."""
    _, layout = density.figures()["Frise des événements mentionnés par la chronique"]
    axes = sorted(k for k in layout if re.fullmatch(r"xaxis\d*", k))
    assert len(axes) >= 2
    spans = [tuple(date.fromisoformat(str(d)[:10]) for d in layout[a]["range"]) for a in axes]
    assert max((b - a).days for a, b in spans) <= 51 * 366
    latest = max(event_days(e)[0] for e in EVENTS)
    assert (spans[-1][1] - spans[-1][0]).days <= 366 and spans[-1][0] <= latest <= spans[-1][1]


def test_timeline_names_every_event_in_full(density):
    """Every event's full label and date are written in the figure (no hover in the PDF)."""
    _, layout = density.figures()["Frise des événements mentionnés par la chronique"]
    written = [re.sub(r"<[^>]+>", " ", a["text"]) for a in layout["annotations"]]
    flat = " ".join(" ".join(w.split()) for w in written)
    for event in EVENTS:
        assert " ".join(event["label"].split()) in flat, event["id"]


def test_timeline_draws_ranges_and_imprecision_as_spans(density):
    """Each event with a duration (or a date known to the month or year only) has a band from
    its first to its last day, cut at the periods' edges."""
    traces, layout = density.figures()["Frise des événements mentionnés par la chronique"]
    shown = sorted(round(ms / 86_400_000) for t in traces if t["type"] == "bar" for ms in values(t["x"]))
    axes = sorted(k for k in layout if re.fullmatch(r"xaxis\d*", k))
    periods = [tuple(date.fromisoformat(str(d)[:10]) for d in layout[a]["range"]) for a in axes]  # [first day, day after the last)
    expected = []
    for event in EVENTS:
        first, last = event_days(event)
        for start, stop in periods:
            piece = (max(first, start), min(last, stop - timedelta(days=1)))
            if piece[1] > piece[0]:
                expected.append((piece[1] - piece[0]).days + 1)
    assert shown == sorted(expected)


def test_events_per_year_and_month(density):
    traces, _ = density.figures()["Combien d’événements, et quand ?"]
    per_year, per_month = Counter(), Counter()
    for trace in traces:
        target = per_month if trace.get("xaxis") == "x2" else per_year
        for x, n in zip(trace["x"], values(trace["y"]), strict=False):
            target[x] += n
    assert +per_year == Counter(first_day(e["date_start"]).year for e in EVENTS)
    months = list(per_month)
    window = (tuple(map(int, months[0].split("/")))[::-1], tuple(map(int, months[-1].split("/")))[::-1])
    expected = Counter(
        f"{d.month:02d}/{d.year}"
        for e in EVENTS
        if e["precision"] != "year"
        for d in [first_day(e["date_start"])]
        if window[0] <= (d.year, d.month) <= window[1]
    )
    assert +per_month == expected


def test_mentions_along_the_text(density):
    traces, layout = density.figures()["Où la chronique mentionne-t-elle chaque événement ?"]
    points = [t for t in traces if t["type"] == "scatter" and drawn(t)]
    names = {f"{s['id_prefix']} · {s['title']}": s["title"] for s in SECTIONS}
    shown = Counter((position, names[t["name"]]) for t in points for position in values(t["x"]))
    expected = Counter((int(a["position"]), TITLES[a["section"]]) for a in ASSERTIONS for _ in cell_list(a["events"]))
    assert shown == expected
    hovers = [d[0] for t in points for d in t["customdata"]]
    assert all(re.match(r"<b>[A-Z]{2}-\d{3}</b> : ", h) for h in hovers)  # each mark names its assertion and text


# --- the built book (slow: the session builds it once) ---------------------------------------


def test_the_served_plotly_js_is_the_pinned_basic_bundle_of_the_same_major_version():
    """plotly.js's official basic partial bundle, vendored, byte for byte the npm package
    package-lock.json pins, and of the major version the Python plotly writes figures for."""
    pinned = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))["packages"]["node_modules/plotly.js-basic-dist-min"]["version"]
    assert bundle_version(PLOTLY_JS) == pinned
    assert bundle_version(PLOTLY_JS).split(".")[0] == bundle_version(PYTHON_PLOTLY_JS).split(".")[0], plotly.__version__
    installed = REPO / "node_modules" / "plotly.js-basic-dist-min" / "plotly-basic.min.js"
    assert installed.exists(), "run npm ci (package-lock.json pins plotly.js-basic-dist-min)"
    assert installed.read_bytes() == PLOTLY_JS.read_bytes()
    assert PLOTLY_JS.stat().st_size < 1.5 * 2**20


@pytest.mark.book
def test_one_plotly_js_for_the_whole_book_announced_on_chart_pages_only(html_build):
    """One copy of the bundle; the pages that draw a figure name it (chronique.js loads it once
    the page has loaded, when a figure nears the screen); no page loads it itself."""
    html = html_build.html
    copies = [p for p in html.rglob("*.js") if "plotly" in p.name]
    assert [p.relative_to(html).as_posix() for p in copies] == ["_static/plotly-basic.min.js"]
    assert copies[0].read_bytes() == PLOTLY_JS.read_bytes()
    for page in html.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        has_figure = "plotly-graph-div" in text
        links = re.findall(r'<meta name="chronique-plotly" content="([^"]*plotly-basic\.min\.js)" />', text)
        assert bool(links) == has_figure, page
        assert all((page.parent / href).resolve() == copies[0].resolve() for href in links), links
        assert not re.search(r"<(script|link)[^>]*plotly-basic[^>]*>", text), f"{page}: plotly.js must not be fetched by the page itself"
        assert "cdn.plot.ly" not in text and "require.min.js" not in text, page
        assert PLOTLY_MIME not in text and "plotly.v1" not in text, f"{page}: plotly's own mime type is for Jupyter only"
    for notebook in ("couverture-des-sources", "densite-des-evenements"):
        assert "plotly-graph-div" in (html / "notebooks" / f"{notebook}.html").read_text(encoding="utf-8")


@pytest.mark.pdf
def test_pdf_has_every_figure(pdf_build):
    """Each notebook figure is a LaTeX figure with its static twin and its caption."""
    tex = next(pdf_build.latex.glob("*.tex")).read_text(encoding="utf-8")
    figures = re.findall(r"\\begin\{figure\}.*?\\end\{figure\}", tex, flags=re.S)
    shown = {}
    for figure in figures:
        label = re.search(r"\\label\{\\detokenize\{notebooks/[a-z-]+:(fig-[a-z-]+)\}\}", figure)
        if label:
            graphic = re.search(r"\\sphinxincludegraphics(?:\[[^\]]*\])?\{\{?([^}]+)\}?\.pdf\}", figure)
            shown[label.group(1)] = bool(graphic and (pdf_build.latex / f"{graphic.group(1)}.pdf").exists() and "\\caption{" in figure)
    expected = [
        c.metadata["mystnb"]["figure"]["name"] for path in ALL_NOTEBOOKS for c in nbformat.read(path, as_version=4).cells if "mystnb" in c.metadata
    ]
    assert sorted(shown) == sorted(expected)
    assert all(shown.values()), shown


# --- verification: numbers and figures against the CSV files ----------------------------------

CHECKS = rows("checks")
LINKS = rows("check_evidence")
EVIDENCE = {e["id"]: e for e in rows("evidence")}
SEARCHES = rows("source_resolution")
CHRONICLE_ONLINE = min(e["published"] for e in EVIDENCE.values() if e["kind"] == "chronique")


def check_timing(check_id: str) -> str:
    """The same rule as the notebook's, written again from the CSV files."""
    decisive = [EVIDENCE[link["evidence"]] for link in LINKS if link["check"] == check_id and link["stance"] in ("appuie", "contredit")]
    if not decisive:
        return "sans_document"
    dated = [e["published"] for e in decisive if e["published"]]
    if not dated:
        return "non_date"
    before, after = any(d <= CHRONICLE_ONLINE for d in dated), any(d > CHRONICLE_ONLINE for d in dated)
    return "mixte" if before and after else "avant" if before else "apres"


def test_verification_glues_the_counts_of_the_csv_files(checked):
    glued = checked.glued()
    verdicts = Counter(c["verdict"] for c in CHECKS)
    assert glued["n_checks"] == str(len(CHECKS))
    assert glued["n_checked_assertions"] == str(len({c["assertion"] for c in CHECKS}))
    assert glued["n_evidence"] == str(len(EVIDENCE))
    for verdict in (v["code"] for v in rows("verdicts")):
        assert glued[f"n_checks_{verdict}"] == str(verdicts[verdict]), verdict
    timings = Counter(check_timing(c["id"]) for c in CHECKS)
    for timing in ("avant", "mixte", "apres", "non_date", "sans_document"):
        assert glued[f"n_checks_timing_{timing}"] == str(timings[timing]), timing
    results = Counter(s["result"] for s in SEARCHES)
    assert (glued["n_searches"], glued["n_searches_not_found"]) == (str(len(SEARCHES)), str(results["non_trouve"]))
    assert glued["n_searches_own_site"] == str(results["site_propre"])
    assert glued["chronicle_published"] == repr(CHRONICLE_ONLINE) or glued["chronicle_published"] == CHRONICLE_ONLINE


def test_verdicts_by_section_bars(checked):
    traces, _ = checked.figures()["Verdicts par section"]
    labels = {v["code"]: v["label"] for v in rows("verdicts")}
    shown = {(label(y), t["name"].split(" ", 1)[1]): x for t in traces for y, x in zip(t["y"], values(t["x"]), strict=True)}
    expected = Counter((TITLES[SECTION_OF[c["assertion"]]], labels[c["verdict"]]) for c in CHECKS)
    assert {key: n for key, n in shown.items() if n} == dict(expected)


def test_named_sources_found_or_not(checked):
    traces, _ = checked.figures()["Les sources nommées : trouvées ou non"]
    total = sum(sum(values(t["x"])) for t in traces)
    assert total == len(SEARCHES)
    not_found = next(t for t in traces if t["name"] == "Non trouvée")
    assert sum(values(not_found["x"])) == sum(s["result"] == "non_trouve" for s in SEARCHES)


def test_documents_timeline_marks_the_chronicles_day(checked):
    traces, layout = checked.figures()["Ce que l’on savait quand la chronique a paru"]
    lines = [shape for shape in layout.get("shapes", []) if shape.get("type") == "line"]
    assert [datetime.fromtimestamp(shape["x0"] / 1000, tz=UTC).date().isoformat() for shape in lines] == [CHRONICLE_ONLINE]
    in_window = [
        (link["check"], EVIDENCE[link["evidence"]]["published"])
        for link in LINKS
        if "2025-10-01" <= EVIDENCE[link["evidence"]]["published"] <= "2025-12-31"
    ]
    assert sum(len(values(t["x"])) for t in traces) == len(in_window)
