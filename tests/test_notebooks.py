"""The analysis notebooks: they run clean in the book's build, are committed without outputs, glue
the numbers the chapters paste, and every figure shows the counts that the CSV files give.

The expected counts are computed here from ``data/*.csv`` with the ``csv`` module alone, never
with :mod:`chronique.analysis`, so that a bug there cannot hide behind the same bug here.
The figures' numbers are read back from the notebooks as the book's build executed them (in a
fresh kernel, ``_build/jupyter_execute/``), from their ``text/html`` outputs (the
``Plotly.newPlot`` call), i.e. from what the reader actually sees. How long they take is measured
in ``benchmarks/``, never asserted here.
"""

from __future__ import annotations

import base64
import calendar
import csv
import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import nbformat
import numpy as np
import pytest

from chronique.palette import SECTION_COLOURS
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
        """Figure title → (traces, layout), decoded from each text/html output."""
        figures = {}
        for cell in self.notebook.cells:
            for output in cell.get("outputs", []):
                html = output.get("data", {}).get("text/html", "")
                if "Plotly.newPlot" in html:
                    traces, layout = plotly_call(html)
                    figures[layout["title"]["text"]] = (traces, layout)
        return figures

    def bundles(self) -> list[dict]:
        return [
            o["data"]
            for c in self.notebook.cells
            for o in c.get("outputs", [])
            if "text/html" in o.get("data", {}) and "Plotly.newPlot" in o["data"]["text/html"]
        ]


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


def plotly_call(html: str) -> tuple[list[dict], dict]:
    """The data and layout arguments of the ``Plotly.newPlot`` call in a figure's HTML."""
    match = re.search(r'Plotly\.newPlot\(\s*"[^"]+",\s*', html)
    decoder = json.JSONDecoder()
    traces, end = decoder.raw_decode(html, match.end())
    layout, _ = decoder.raw_decode(html[end:].lstrip(", \n"))
    return traces, layout


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
def test_every_figure_is_html_plus_static_twin_and_no_plotly_mime(name, request):
    bundles = request.getfixturevalue(name).bundles()
    assert len(bundles) >= 3
    for bundle in bundles:
        assert PLOTLY_MIME not in bundle
        assert {"text/html", "application/pdf"} <= set(bundle)
        assert base64.b64decode(bundle["application/pdf"]).startswith(b"%PDF")
        html = bundle["text/html"]
        assert "<script src" not in html and "cdn.plot.ly" not in html  # plotly.js comes from the book's _static
        assert 'class="visually-hidden"' in html  # the alt text, for screen readers


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
    """Every {glue:…} role in the prose names a key the notebook glues."""
    for executed in (coverage, density, checked):
        keys = set(executed.glued())
        prose = "\n".join(c.source for c in executed.notebook.cells if c.cell_type == "markdown")
        used = set(re.findall(r"\{glue:(?:text|md)\}`([a-z0-9_]+)", prose))
        assert used and used <= keys, used - keys


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
    assert [t["marker"]["color"] for t in traces] == [SECTION_COLOURS[code] for code in SECTION_CODES]


def test_outlet_section_heatmap(coverage):
    (heatmap,), _ = coverage.figures()["Médias cités × sections (nombre d’assertions)"]
    grid = values(heatmap["z"])
    shown = {(label(outlet), section): grid[i][j] for i, outlet in enumerate(heatmap["y"]) for j, section in enumerate(heatmap["x"]) if grid[i][j]}
    expected = Counter((OUTLETS[key], TITLES[a["section"]]) for a in ASSERTIONS for key in outlets_of(a))
    assert shown == dict(expected)
    assert set(map(label, heatmap["y"])) == set(OUTLETS.values())


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
    traces, _ = next(f for title, f in coverage.figures().items() if title.startswith("Sources indépendantes par assertion"))
    shown = {i: n for t in traces for i, n in zip(t["y"], values(t["x"]), strict=False)}
    expected = {a["id"]: len(outlets_of(a)) for a in ASSERTIONS if outlets_of(a)}
    assert shown == expected
    fa001 = next(a for a in ASSERTIONS if a["id"] == "FA-001")
    assert len(cell_list(fa001["citations"])) >= shown["FA-001"]  # several citations of one outlet count once


def test_cocitation_network(coverage):
    traces, _ = coverage.figures()["Médias cités ensemble dans une même assertion"]
    nodes = next(t for t in traces if t.get("mode") == "markers+text")
    cited_by = Counter(key for a in ASSERTIONS for key in outlets_of(a))
    assert {label(name): data[0] for name, data in zip(nodes["text"], nodes["customdata"], strict=False)} == {
        OUTLETS[k]: n for k, n in cited_by.items()
    }
    edges = next(t for t in traces if t.get("mode") == "markers" and t.get("customdata"))
    pairs = Counter()
    for a in ASSERTIONS:
        keys = outlets_of(a)
        pairs.update(frozenset((OUTLETS[x], OUTLETS[y])) for i, x in enumerate(keys) for y in keys[i + 1 :])
    assert {frozenset(d[:2]): d[2] for d in edges["customdata"]} == dict(pairs)


def test_notes_by_kind_and_by_section(coverage):
    (by_kind, by_section), _ = coverage.figures()["Notes des éditeurs"]
    assert sorted(n for n in values(by_kind["x"]) if n) == sorted(Counter(n["kind"] for n in NOTES).values())
    assert sum(values(by_kind["x"])) == len(NOTES)
    touching = Counter(section for n in NOTES for section in {SECTION_OF[t] for t in cell_list(n["targets"])})
    assert dict(zip(by_section["y"], values(by_section["x"]), strict=False)) == {TITLES[c]: touching.get(c, 0) for c in SECTION_CODES}


# --- event density figures -------------------------------------------------------------------


def event_days(event: dict) -> tuple[date, date]:
    return first_day(event["date_start"]), last_day(event["date_end"] or event["date_start"])


def test_timeline_places_every_event_at_its_start(density):
    traces, layout = density.figures()["Frise des événements mentionnés par la chronique"]
    markers = [t for t in traces if t["type"] == "scatter" and t.get("x") and t["x"][0] is not None]
    whole = [t for t in markers if t.get("xaxis", "x") == "x"]
    starts = sorted(str(x)[:10] for t in whole for x in values(t["x"]))
    assert starts == sorted(str(event_days(e)[0]) for e in EVENTS)
    assert len(layout["yaxis"]["categoryarray"]) == len(EVENTS)
    zoom_from, zoom_to = (date.fromisoformat(d[:10]) for d in layout["xaxis2"]["range"])
    in_zoom = [e for e in EVENTS if event_days(e)[1] >= zoom_from and event_days(e)[0] <= zoom_to]
    assert sum(len(values(t["x"])) for t in markers if t.get("xaxis") == "x2") == len(in_zoom)
    assert zoom_from.year == zoom_to.year == 2025  # the autumn of 2025 is drawn day by day


def test_timeline_draws_ranges_and_imprecision_as_spans(density):
    traces, _ = density.figures()["Frise des événements mentionnés par la chronique"]
    bars = [t for t in traces if t["type"] == "bar" and t.get("xaxis", "x") == "x"]
    spanned = [e for e in EVENTS if event_days(e)[1] > event_days(e)[0]]
    assert sum(len(t["y"]) for t in bars) == len(spanned)
    durations = sorted(round(ms / 86_400_000) for t in bars for ms in values(t["x"]))
    assert durations == sorted((event_days(e)[1] - event_days(e)[0]).days + 1 for e in spanned)


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
    points = [t for t in traces if t["type"] == "scatter"]
    shown = Counter((position, t["name"]) for t in points for position in values(t["x"]))
    expected = Counter((int(a["position"]), TITLES[a["section"]]) for a in ASSERTIONS for _ in cell_list(a["events"]))
    assert shown == expected
    hovers = [d[0] for t in points for d in t["customdata"]]
    assert all(re.match(r"<b>[A-Z]{2}-\d{3}</b> : ", h) for h in hovers)  # each mark names its assertion and text


# --- the built book (slow: the session builds it once) ---------------------------------------


@pytest.mark.book
def test_one_plotly_js_for_the_whole_book_from_the_package(html_build):
    import plotly

    html = html_build.html
    copies = [p for p in html.rglob("*.js") if p.name.startswith("plotly")]
    assert [p.relative_to(html).as_posix() for p in copies] == ["_static/plotly.min.js"]
    assert copies[0].read_bytes() == (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_bytes()
    for page in html.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        has_figure = "plotly-graph-div" in text
        assert ("_static/plotly.min.js" in text) == has_figure, page
        assert "cdn.plot.ly" not in text and "require.min.js" not in text, page
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
