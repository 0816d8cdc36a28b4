"""How fast the book builds, how heavy its pages are, and how both grow with the data.

    python benchmarks/run.py [--scales 10,100] [--keep]

Everything runs on copies in a temporary folder (the project is never built in place and no
real file is touched), in one run, so that ratios compare like with like on the same machine:

1. the template book of ``jupyter-book create``, built clean: the reference;
2. the edition, copied: clean HTML build (notebooks executed), no-op rebuild, rebuild after
   editing one chapter of the copy, and the PDF when TeX Live is installed;
3. the weight of each page's own HTML, and of the assets the pages load (counted once);
4. each figure's static export through kaleido (the PDF's twin of the interactive chart);
5. synthetic data at 10× and 100× the assertions, made from the real data under the real
   schema (the chronicle's body repeated, each assertion copied with a new id, paragraph and
   position, so that the validator's every check still applies): validation and clean build
   time against 1×.

It prints a table and writes ``benchmarks/results/latest.json`` (git-ignored). The targets
of the issue are checked in the same run; the script is a measurement, not a test, and exits 0
whether they are met or not (1 only when a build it needs fails).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chronique import build as book_build  # noqa: E402
from chronique import figures  # noqa: E402
from chronique.validate import validate  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
#: what the copy of the project leaves out: outputs, caches, tooling
IGNORE = shutil.ignore_patterns(
    "_build", ".git", "node_modules", ".tools", ".pytest_cache", ".benchmarks", "__pycache__", "*.egg-info", ".ipynb_checkpoints", "results"
)
ANSI = re.compile(r"\x1b\[[0-9;]*m")  # Sphinx colours its log
EXECUTED = re.compile(r"Executing notebook|Executing: ")
READ = re.compile(r"reading sources\.\.\. .*?\[\s*\d+%\]\s*(\S+)")
PAGE_LIMIT = 250 * 1024
GROWTH_TOLERANCE = 0.1
TARGETS = {
    "clean build ≤ 5 × the template book's": ("clean_vs_template", 5.0),
    "no-op rebuild ≤ 15 % of the clean build": ("noop_share", 0.15),
    "one-chapter edit ≤ 30 % of the clean build": ("edit_share", 0.30),
}
EDIT = "\n\nParagraphe ajouté par le banc d’essai (benchmarks/run.py), dans une copie du projet.\n"


@dataclass
class Run:
    """One timed command: seconds, exit code, and what its log shows."""

    seconds: float
    returncode: int
    executed: int = 0  # notebooks run
    read: list[str] = field(default_factory=list)  # documents (re-)read
    log: str = ""

    def summary(self) -> dict:
        return {"seconds": round(self.seconds, 2), "returncode": self.returncode, "notebooks_executed": self.executed, "documents_read": self.read}


def timed(command: list[str], cwd: Path, env: dict | None = None, log: Path | None = None) -> Run:
    """Run ``command`` and time it; keep its output in ``log``."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    output = ANSI.sub("", result.stdout + result.stderr)
    if log:
        log.write_text(output, encoding="utf-8")
    return Run(seconds, result.returncode, len(EXECUTED.findall(output)), READ.findall(output), output)


def jupyter_book(book: Path, output: Path, *extra: str) -> list[str]:
    return [sys.executable, "-c", book_build.JUPYTER_BOOK, "build", str(book), "--path-output", str(output), *extra]


def project_env(copy: Path) -> dict:
    """Build the copy with the copy's own ``chronique`` (and so its own data and templates)."""
    return os.environ | {"PYTHONPATH": str(copy), "LATEXOPTS": book_build.LATEX_OPTIONS}


def copy_project(destination: Path) -> Path:
    shutil.copytree(ROOT, destination, ignore=IGNORE)
    return destination


def build_book(copy: Path, output: Path, name: str, logs: Path, *extra: str) -> Run:
    """``jupyter-book build`` of a copy of the edition, as its pipeline runs it (warnings as errors)."""
    return timed(jupyter_book(copy, output, "-W", "-n", "--keep-going", *extra), copy, project_env(copy), logs / f"{name}.log")


def fail_unless(run: Run, what: str) -> None:
    if run.returncode != 0:
        print(run.log[-4000:], file=sys.stderr)
        raise SystemExit(f"benchmark: the {what} failed (exit {run.returncode})")


# --- the reference: the template book -----------------------------------------------------------


def template_build(work: Path, logs: Path) -> tuple[Run, int]:
    """``jupyter-book create`` then a clean build of it; its page count."""
    book = work / "template"
    subprocess.run([sys.executable, "-c", book_build.JUPYTER_BOOK, "create", str(book)], check=True, capture_output=True, stdin=subprocess.DEVNULL)
    run = timed(jupyter_book(book, work / "template-out", "-n", "--keep-going"), book, None, logs / "template.log")
    fail_unless(run, "template book's build")
    return run, len(list((work / "template-out" / "_build" / "html").rglob("*.html")))


# --- the edition: clean, no-op, one chapter, PDF -----------------------------------------------


def edited_chapter(copy: Path) -> Path:
    """The last chapter of the chronicle in _toc.yml: the one the benchmark edits (in the copy)."""
    import yaml

    toc = yaml.safe_load((copy / "_toc.yml").read_text(encoding="utf-8"))
    return copy / f"{toc['parts'][0]['chapters'][-1]['file']}.md"


def edition_builds(copy: Path, output: Path, logs: Path, with_pdf: bool) -> dict[str, Run]:
    runs = {"clean": build_book(copy, output, "clean", logs)}
    fail_unless(runs["clean"], "clean HTML build")
    runs["noop"] = build_book(copy, output, "noop", logs)
    chapter = edited_chapter(copy)
    chapter.write_text(chapter.read_text(encoding="utf-8") + EDIT, encoding="utf-8")
    runs["edit"] = build_book(copy, output, "edit", logs)
    runs["edit"].read.insert(0, f"(edited: {chapter.relative_to(copy)})")
    if with_pdf:
        runs["pdf"] = build_book(copy, output, "pdf", logs, "--builder", "pdflatex")
    return runs


def fast_tests(logs: Path) -> Run:
    """The contributor's fast layer (data, validator, edition, tiny Sphinx books), as the README gives it."""
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not book and not pdf and not browser"]
    return timed(command, ROOT, log=logs / "fast-tests.log")


# --- page weight ------------------------------------------------------------------------------


PLOTLY_HEADER = re.compile(rb"plotly\.js(?: \([^)]*\))? v\d")  # the full bundle's or a partial one's (« plotly.js (basic - minified) v4.1.1 »)
ASSET = re.compile(r'<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"#?]+)(?:\?[^"]*)?"', re.IGNORECASE)


def page_weights(html: Path) -> dict:
    """Each page's own HTML, the local assets its pages load (each counted once), and the copies of plotly.js."""
    pages, assets = {}, set()
    for page in sorted(html.rglob("*.html")):
        if "_static" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        pages[str(page.relative_to(html))] = page.stat().st_size
        for ref in ASSET.findall(text):
            target = (page.parent / ref).resolve()
            if "://" not in ref and target.is_file() and html.resolve() in target.parents and target.suffix in (".js", ".css"):
                assets.add(target)
    plotly_copies = [
        str(p.relative_to(html)) for p in html.rglob("*.js") if p.stat().st_size > 1_000_000 and PLOTLY_HEADER.search(p.read_bytes()[:2000])
    ]
    inline = [name for name, _ in pages.items() if "plotly.js v" in (html / name).read_text(encoding="utf-8")]
    shared = sorted(((str(a.relative_to(html.resolve())), a.stat().st_size) for a in assets), key=lambda t: -t[1])
    return {
        "pages": pages,
        "largest_page": max(pages.items(), key=lambda t: t[1]),
        "pages_over_limit": {k: v for k, v in pages.items() if v > PAGE_LIMIT},
        "shared_assets_bytes": sum(size for _, size in shared),
        "shared_assets_heaviest": shared[:5],
        "plotly_js_files": plotly_copies,
        "pages_embedding_plotly_js": inline,
    }


# --- static figures ---------------------------------------------------------------------------


def notebook_figures(copy: Path) -> list[tuple[str, object]]:
    """The figures the notebooks show, made by running their code (in the copy) with ``figures.show`` collecting."""
    collected: list[tuple[str, object]] = []
    shown = figures.show
    here = Path.cwd()
    try:
        for notebook in sorted((copy / "notebooks").glob("*.ipynb")):
            os.chdir(notebook.parent)  # the notebook finds its book from where it runs
            figures.show = lambda fig, nb=notebook.stem: collected.append((figure_name(nb, fig, collected), fig))
            scope: dict = {}
            cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
            with contextlib.redirect_stdout(io.StringIO()):
                for cell in (c for c in cells if c["cell_type"] == "code"):
                    exec(compile("".join(cell["source"]), str(notebook), "exec"), scope)  # noqa: S102 - the book's own notebooks
    finally:
        figures.show = shown
        os.chdir(here)
    return collected


def figure_name(notebook: str, fig, collected: list) -> str:
    """``verification, figure 2``, with the figure's title when it has one (captions carry most)."""
    number = 1 + sum(name.startswith(f"{notebook}, ") for name, _ in collected)
    title = fig.layout.title.text
    return f"{notebook}, figure {number}" + (f": {title}" if title else "")


def static_exports(copy: Path) -> dict:
    """Seconds to export each figure to PDF and PNG with kaleido (server started once, timed apart)."""
    start = time.perf_counter()
    figures._start_kaleido()
    cold = time.perf_counter() - start
    exports = {}
    for name, fig in notebook_figures(copy):
        row = {}
        for image_format in ("pdf", "png"):
            start = time.perf_counter()
            size = len(figures.static_image(fig, image_format))
            row[image_format] = {"seconds": round(time.perf_counter() - start, 2), "bytes": size}
        exports[name] = row
    return {"kaleido_start_seconds": round(cold, 2), "figures": exports}


# --- synthetic data at scale ------------------------------------------------------------------


def read_csv(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def widen_id_patterns(datapackage: Path) -> None:
    """Three-digit assertion numbers cap a section at 999; the synthetic copies need five."""
    text = datapackage.read_text(encoding="utf-8").replace("[0-9]{3}", "[0-9]{3,5}")
    datapackage.write_text(text, encoding="utf-8")


#: the title and byline (section « titre ») open the chronicle once, however long the body grows
TITLE_LINES = 2


def synthesize(copy: Path, factor: int) -> int:
    """Scale the copy's data ``factor`` times: the chronicle's body repeated after its title, and
    each body assertion copied onto its repeat (new id, paragraph and position; same section,
    heading, status, attribution, citations and events), with its checks and the searches for the
    sources it names; notes and [sic] stay on the originals. Returns the number of assertions."""
    data = copy / "data"
    widen_id_patterns(data / "datapackage.json")
    lines = (data / "chronicle.txt").read_text(encoding="utf-8").split("\n")
    header, body = lines[:TITLE_LINES], lines[TITLE_LINES:]
    (data / "chronicle.txt").write_text("\n".join(header + body * factor), encoding="utf-8")
    tables = {name: read_csv(data / f"{name}.csv") for name in ("assertions", "source_resolution", "checks", "check_evidence")}
    rows, searches, checks, links = (tables[name][1] for name in tables)
    scaled = {name: [] for name in tables}
    for copy_index in range(factor):
        for row in rows:
            if copy_index and int(row["paragraph"]) <= TITLE_LINES:
                continue
            new_id = row["id"] if copy_index == 0 else f"{row['id'][:3]}{copy_index:02d}{row['id'][3:]}"
            paragraph = int(row["paragraph"]) + copy_index * len(body)
            scaled["assertions"].append(
                (
                    paragraph,
                    int(row["position"]),
                    row | {"id": new_id, "paragraph": str(paragraph), "aliases": row["aliases"] if not copy_index else ""},
                )
            )
            scaled["source_resolution"] += [search | {"assertion": new_id} for search in searches if search["assertion"] == row["id"]]
            for check in (c for c in checks if c["assertion"] == row["id"]):
                check_id = check["id"] if not copy_index else f"C-{copy_index:02d}{check['id'][2:]}"
                scaled["checks"].append(check | {"id": check_id, "assertion": new_id})
                scaled["check_evidence"] += [link | {"check": check_id} for link in links if link["check"] == check["id"]]
    ordered = [row for _, _, row in sorted(scaled["assertions"], key=lambda item: item[:2])]
    for position, row in enumerate(ordered, start=1):
        row["position"] = str(position)
    scaled["assertions"] = ordered
    for name, (columns, _) in tables.items():
        write_csv(data / f"{name}.csv", columns, scaled[name])
    return len(ordered)


def validation_seconds(root: Path, repeat: int) -> tuple[float, int]:
    """Best of ``repeat`` runs of the validator, and how many problems it found (0 expected)."""
    best, problems = math.inf, []
    for _ in range(repeat):
        start = time.perf_counter()
        problems = validate(root)
        best = min(best, time.perf_counter() - start)
    return best, len(problems)


def scale_runs(work: Path, logs: Path, factors: list[int], clean: Run) -> dict:
    """Validation and clean build time at 1× (the edition's own clean build) and each factor."""
    base_seconds, base_problems = validation_seconds(ROOT, 3)
    rows = {
        1: {
            "assertions": len(read_csv(ROOT / "data" / "assertions.csv")[1]),
            "validation_seconds": round(base_seconds, 3),
            "validation_problems": base_problems,
            "build_seconds": round(clean.seconds, 1),
        }
    }
    for factor in factors:
        copy = copy_project(work / f"scale-{factor}")
        count = synthesize(copy, factor)
        seconds, problems = validation_seconds(copy, 3 if factor <= 10 else 1)
        run = build_book(copy, work / f"scale-{factor}-out", f"scale-{factor}", logs)
        if run.returncode != 0:  # a failed build's time says nothing of growth: show why, count it missed
            print(f"benchmark: the {factor}× build failed (exit {run.returncode}):\n{run.log[-3000:]}", file=sys.stderr)
        rows[factor] = {
            "assertions": count,
            "validation_seconds": round(seconds, 3),
            "validation_problems": problems,
            "build_seconds": round(run.seconds, 1),
            "build_returncode": run.returncode,
            "largest_page_bytes": max((p.stat().st_size for p in (work / f"scale-{factor}-out" / "_build" / "html").rglob("*.html")), default=0),
        }
    add_growth(rows)
    return {str(k): v for k, v in rows.items()}


def add_growth(rows: dict[int, dict]) -> None:
    """Growth against the previous scale, as an exponent: time ∝ data^k, k ≤ 1 being linear or
    better (a tolerance of 0.1 absorbs timing noise on a shared machine)."""
    factors = sorted(rows)
    for previous, factor in zip(factors, factors[1:], strict=False):
        row, before = rows[factor], rows[previous]
        span = math.log(factor / previous)
        for key in ("validation", "build"):
            row[f"{key}_exponent"] = round(math.log(row[f"{key}_seconds"] / before[f"{key}_seconds"]) / span, 2)
        row["linear_or_better"] = max(row["validation_exponent"], row["build_exponent"]) <= 1 + GROWTH_TOLERANCE


# --- report -----------------------------------------------------------------------------------


def ratios(runs: dict[str, Run], template: Run) -> dict[str, float]:
    clean = runs["clean"].seconds
    return {
        "clean_vs_template": round(clean / template.seconds, 2),
        "noop_share": round(runs["noop"].seconds / clean, 3),
        "edit_share": round(runs["edit"].seconds / clean, 3),
    }


def verdicts(found: dict[str, float], weights: dict, runs: dict[str, Run], scale: dict) -> dict[str, bool]:
    checks = {label: found[key] <= limit for label, (key, limit) in TARGETS.items()}
    checks["no notebook re-run after a chapter edit"] = runs["edit"].executed == 0
    checks["each page's own HTML ≤ 250 KB"] = not weights["pages_over_limit"]
    checks["one plotly.js for the whole book"] = len(weights["plotly_js_files"]) == 1 and not weights["pages_embedding_plotly_js"]
    checks["the book builds at every scale"] = all(row.get("build_returncode", 0) == 0 for row in scale.values())
    checks["growth no worse than linear"] = checks["the book builds at every scale"] and all(
        row.get("linear_or_better", True) for row in scale.values()
    )
    return checks


def table(rows: list[tuple[str, str]]) -> str:
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name.ljust(width)}  {value}" for name, value in rows)


def kib(size: int) -> str:
    return f"{size / 1024:,.1f} KiB"


def report_rows(result: dict) -> list[tuple[str, str]]:
    runs, found, weights = result["builds"], result["ratios"], result["page_weight"]
    rows = [("template book, clean build", f"{result['template']['seconds']:.1f} s ({result['template_pages']} pages)")]
    for name, label in (
        ("clean", "edition, clean build (executes notebooks)"),
        ("noop", "edition, no-op rebuild"),
        ("edit", "edition, one chapter edited"),
        ("pdf", "edition, PDF build"),
    ):
        if name in runs:
            run = runs[name]
            rows.append(
                (
                    label,
                    f"{run['seconds']:.1f} s, {run['notebooks_executed']} notebook(s) run, {len([d for d in run['documents_read'] if not d.startswith('(')])} document(s) read, exit {run['returncode']}",
                )
            )
    rows += [
        ("clean / template", f"{found['clean_vs_template']:.2f} × (target ≤ 5)"),
        ("no-op / clean", f"{found['noop_share']:.1%} (target ≤ 15 %)"),
        ("one chapter / clean", f"{found['edit_share']:.1%} (target ≤ 30 %)"),
        ("largest page's own HTML", f"{weights['largest_page'][0]}: {kib(weights['largest_page'][1])} (target ≤ 250 KB)"),
        (
            "shared assets (once)",
            f"{kib(weights['shared_assets_bytes'])}; heaviest {weights['shared_assets_heaviest'][0][0]} {kib(weights['shared_assets_heaviest'][0][1])}",
        ),
        ("plotly.js files / pages embedding it", f"{len(weights['plotly_js_files'])} / {len(weights['pages_embedding_plotly_js'])}"),
        ("kaleido start", f"{result['static_export']['kaleido_start_seconds']:.1f} s"),
        (
            "fast tests (not book, pdf, browser)",
            f"{result['fast_tests']['seconds']:.1f} s, exit {result['fast_tests']['returncode']} (target < 60 s)",
        ),
    ]
    rows += [
        (f"  export {name[:60]}", f"pdf {v['pdf']['seconds']:.2f} s, png {v['png']['seconds']:.2f} s")
        for name, v in result["static_export"]["figures"].items()
    ]
    for factor, row in result["scale"].items():
        growth = f" (growth exponent: validation {row['validation_exponent']}, build {row['build_exponent']})" if factor != "1" else ""
        rows.append(
            (
                f"scale {factor}×: {row['assertions']} assertions",
                f"validate {row['validation_seconds']:.3f} s ({row['validation_problems']} problems), build {row['build_seconds']:.1f} s"
                + (f" FAILED (exit {row['build_returncode']})" if row.get("build_returncode") else "")
                + (f", largest page {kib(row['largest_page_bytes'])}" if row.get("largest_page_bytes") else "")
                + growth,
            )
        )
    rows += [(("MET  " if ok else "MISSED ") + label, "") for label, ok in result["targets"].items()]
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="10,100", help="data factors for the scale run (default 10,100)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")
    args = parser.parse_args(argv)
    factors = [int(f) for f in args.scales.split(",") if f.strip()]
    work = Path(tempfile.mkdtemp(prefix="chronique-bench-"))
    logs = work / "logs"
    logs.mkdir()
    try:
        print(f"benchmark: working in {work}", flush=True)
        template, template_pages = template_build(work, logs)
        copy = copy_project(work / "project")
        with_pdf = not book_build.missing_tex_tools()
        runs = edition_builds(copy, work / "out", logs, with_pdf)
        weights = page_weights(work / "out" / "_build" / "html")
        exports = static_exports(copy)
        scale = scale_runs(work, logs, factors, runs["clean"])
        fast = fast_tests(logs)
        found = ratios(runs, template)
        result = {
            "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
            "template": template.summary(),
            "template_pages": template_pages,
            "builds": {name: run.summary() for name, run in runs.items()},
            "fast_tests": {"seconds": round(fast.seconds, 1), "returncode": fast.returncode, "target_seconds": 60},
            "pdf_built": with_pdf,
            "ratios": found,
            "page_weight": weights,
            "static_export": exports,
            "scale": scale,
            "targets": verdicts(found, weights, runs, scale),
        }
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "latest.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
        print(table(report_rows(result)))
        print(f"\nbenchmark: written to {RESULTS / 'latest.json'}")
    finally:
        if args.keep:
            print(f"benchmark: kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
