"""Lighthouse on every page of the book and of the ``jupyter-book create`` template, side by side.

    python benchmarks/lighthouse.py [--book DIR] [--template DIR] [--runs 3] [--keep]

A measurement, not a test (scores move with the machine's load): it prints a table and writes
``benchmarks/results/lighthouse.json``, and exits 0 whether the targets are met or not (1 only
when a build or Lighthouse itself fails).

1. Builds the HTML of a copy of this book and of the template book of ``jupyter-book create``
   into a temporary folder (or takes ``--book``/``--template``, ``--path-output`` folders already
   built, e.g. by ``python -m chronique.build --no-pdf``);
2. serves each on 127.0.0.1 and runs Lighthouse 12.2.3 from the npm registry (``npx``) in Debian's
   Chromium (``CHROME_PATH``, default ``/usr/bin/chromium``): desktop preset, categories
   performance, accessibility, best practices and SEO; every page of both books, ``--runs``
   times, the two books' pages interleaved so that both see the same load; the median of the
   runs is kept per page;
3. reports, per page, the four scores, the main metrics and the bytes the page loaded; then the
   targets of issue 11: each page's performance at least the template's notebook page's, and a
   chart page at most 1.5 MiB heavier than a text page. A chart page fetches plotly.js only at
   the reader's first scroll, which Lighthouse never makes: its weight is given as loaded and
   with plotly.js, and the target is checked on the latter.

The template's notebook page (``notebooks.html``) is the reference the issue names; the
template's lowest score is reported too.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from run import copy_project, project_env  # noqa: E402 - the build benchmark's copy of the project (outputs, caches, tools left out)

from chronique import build as book_build  # noqa: E402
from chronique.sphinxext.plotly_assets import PLOTLY_JS  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
LIGHTHOUSE = "lighthouse@12.2.3"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {
    "first-contentful-paint": "FCP (ms)",
    "largest-contentful-paint": "LCP (ms)",
    "total-blocking-time": "TBT (ms)",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI (ms)",
    "total-byte-weight": "bytes",
}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --no-first-run"
#: the pages Sphinx writes besides those of _toc.yml (the root index.html only redirects)
EXTRA_PAGES = ("search.html", "genindex.html")
TEMPLATE_REFERENCE = "notebooks.html"
MIB = 2**20
CHART_PAGE_EXTRA_LIMIT = 1.5 * MIB


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def toc_pages(book: Path) -> list[str]:
    """The HTML pages of a book, in its _toc.yml order, then search and index."""
    toc = yaml.safe_load((book / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [chapter["file"] for chapter in part.get("chapters", [])]
    files += [chapter["file"] for chapter in toc.get("chapters", [])]
    return [f"{Path(name).with_suffix('')}.html" for name in files] + list(EXTRA_PAGES)


def build_copy(work: Path) -> Path:
    """This book, copied and built (HTML only), with the copy's own ``chronique``."""
    copy = copy_project(work / "book")
    result = subprocess.run(
        [sys.executable, "-m", "chronique.build", "--path-output", str(work / "book-out"), "--no-pdf"],
        cwd=copy,
        env=project_env(copy),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    if result.returncode:
        raise SystemExit(f"lighthouse: the book's build failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return work / "book-out"


def build_template(work: Path) -> tuple[Path, Path]:
    """The template book of ``jupyter-book create``, built; its source and output folders."""
    source = work / "template"
    jb = [sys.executable, "-c", book_build.JUPYTER_BOOK]
    subprocess.run([*jb, "create", str(source)], check=True, capture_output=True, stdin=subprocess.DEVNULL)
    result = subprocess.run(
        [*jb, "build", str(source), "--path-output", str(work / "template-out")], capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    if result.returncode:
        raise SystemExit(f"lighthouse: the template's build failed:\n{result.stdout[-3000:]}")
    return source, work / "template-out"


def lighthouse(url: str, out: Path) -> dict:
    """One Lighthouse run (desktop preset) of ``url``: its scores (0–100) and metrics."""
    command = [
        "npx",
        "--yes",
        LIGHTHOUSE,
        url,
        "--preset=desktop",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    env = os.environ | {"CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    result = subprocess.run(command, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300)
    if result.returncode or not out.exists():
        raise SystemExit(f"lighthouse: {url} failed:\n{result.stderr[-3000:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    metrics = {key: report["audits"][key].get("numericValue") for key in METRICS}
    return {**scores, **metrics, "lighthouse": report["lighthouseVersion"], "user_agent": report["environment"]["hostUserAgent"]}


def median_of(runs: list[dict]) -> dict:
    keys = [*CATEGORIES, *METRICS]
    return {k: statistics.median(r[k] for r in runs) for k in keys if all(r.get(k) is not None for r in runs)}


def measure(books: dict[str, tuple[str, list[str]]], runs: int, reports: Path) -> dict[str, dict[str, dict]]:
    """Every page of every book, ``runs`` times, the books' pages interleaved."""
    raw: dict[str, dict[str, list[dict]]] = {name: {page: [] for page in pages} for name, (_, pages) in books.items()}
    order = []
    for i in range(max(len(pages) for _, pages in books.values())):
        for name, (_, pages) in books.items():
            if i < len(pages):
                order.append((name, pages[i]))
    for run in range(1, runs + 1):
        for name, page in order:
            base = books[name][0]
            started = time.perf_counter()
            found = lighthouse(base + page, reports / f"{name}-{page.replace('/', '_')}-{run}.json")
            raw[name][page].append(found)
            print(f"  run {run}/{runs} {name:8} {page:42} perf {found['performance']:3} ({time.perf_counter() - started:.0f} s)", flush=True)
    return {name: {page: {"median": median_of(found), "runs": found} for page, found in pages.items()} for name, pages in raw.items()}


def mib(size: float) -> str:
    return f"{size / MIB:.2f} MiB"


def table(results: dict[str, dict[str, dict]]) -> str:
    head = f"{'book':9} {'page':42} {'perf':>4} {'a11y':>4} {'best':>4} {'seo':>4} {'FCP':>6} {'LCP':>6} {'TBT':>5} {'CLS':>5} {'weight':>10}"
    lines = [head, "-" * len(head)]
    for name, pages in results.items():
        for page, found in pages.items():
            m = found["median"]
            lines.append(
                f"{name:9} {page:42} {m['performance']:4.0f} {m['accessibility']:4.0f} {m['best-practices']:4.0f} {m['seo']:4.0f} "
                f"{m['first-contentful-paint']:6.0f} {m['largest-contentful-paint']:6.0f} {m['total-blocking-time']:5.0f} "
                f"{m['cumulative-layout-shift']:5.3f} {mib(m['total-byte-weight']):>10}"
            )
    return "\n".join(lines)


def verdicts(medians: dict[str, dict[str, dict]], chart_pages: list[str], text_pages: list[str], plotly_bytes: int) -> dict:
    """The issue's targets, from each page's median results (book and template)."""
    book, template = medians["book"], medians["template"]
    reference = template[TEMPLATE_REFERENCE]["performance"] if TEMPLATE_REFERENCE in template else None
    lowest_template = min(p["performance"] for p in template.values())
    below = {page: p["performance"] for page, p in book.items() if reference is not None and p["performance"] < reference}
    weight = {page: book[page]["total-byte-weight"] for page in book}
    text_weight = statistics.median(weight[p] for p in text_pages)
    heaviest_text = max(weight[p] for p in text_pages)
    # plotly.js comes at the reader's first scroll, after Lighthouse has stopped: it is added here
    with_plotly = {page: weight[page] + (plotly_bytes if weight[page] < text_weight + plotly_bytes / 2 else 0) for page in chart_pages}
    extra = {page: with_plotly[page] - text_weight for page in chart_pages}
    return {
        "template_notebook_page_performance": reference,
        "template_lowest_performance": lowest_template,
        "book_lowest_performance": min(p["performance"] for p in book.values()),
        "book_pages_below_the_template_notebook_page": below,
        "every_page_at_least_the_template_notebook_page": not below,
        "text_page_weight_median_bytes": text_weight,
        "text_page_weight_max_bytes": heaviest_text,
        "plotly_js_bytes": plotly_bytes,
        "chart_page_weight_as_loaded_bytes": {page: weight[page] for page in chart_pages},
        "chart_page_weight_with_plotly_bytes": with_plotly,
        "chart_page_extra_bytes_over_median_text_page": extra,
        "chart_page_at_most_1_5_MiB_heavier": all(v <= CHART_PAGE_EXTRA_LIMIT for v in extra.values()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python benchmarks/lighthouse.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--book", type=Path, help="an already built --path-output folder of this book (default: build a copy)")
    parser.add_argument("--template", type=Path, help="an already built --path-output folder of the template book (default: build it)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median is kept (default 3)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (builds and every Lighthouse report)")
    parser.add_argument(
        "--only", default="", help="measure only the book's pages whose path contains this text (a quick look; the targets need every page)"
    )
    args = parser.parse_args(argv)
    if not shutil.which("npx"):
        print("lighthouse: npx not found (install Node.js and npm)", file=sys.stderr)
        return 1

    work = Path(tempfile.mkdtemp(prefix="chronique-lighthouse-"))
    try:
        print("lighthouse: building the book and the template…", flush=True)
        book_out = args.book.resolve() if args.book else build_copy(work)
        template_source, template_out = (None, args.template.resolve()) if args.template else build_template(work)
        template_pages = (
            toc_pages(template_source) if template_source else [TEMPLATE_REFERENCE, "intro.html", "markdown.html", "markdown-notebooks.html"]
        )
        book_pages = [p for p in toc_pages(ROOT) if args.only in p]
        servers = [serve(book_out / "_build" / "html"), serve(template_out / "_build" / "html")]
        books = {"book": (servers[0][1], book_pages), "template": (servers[1][1], template_pages)}
        reports = work / "reports"
        reports.mkdir()
        print(f"lighthouse: {LIGHTHOUSE}, desktop, {args.runs} runs of {len(book_pages)} + {len(template_pages)} pages", flush=True)
        results = measure(books, args.runs, reports)
        for server, _ in servers:
            server.shutdown()
        chart_pages = [p for p in book_pages if p.startswith("notebooks/")]
        text_pages = [p for p in book_pages if p.startswith("chapters/")] or [p for p in book_pages if p not in chart_pages] or book_pages
        medians = {name: {page: p["median"] for page, p in pages.items()} for name, pages in results.items()}
        found = verdicts(medians, chart_pages, text_pages, PLOTLY_JS.stat().st_size)
        any_run = next(iter(results["book"].values()))["runs"][0]
        summary = {
            "lighthouse": any_run["lighthouse"],
            "browser": any_run["user_agent"],
            "preset": "desktop",
            "categories": list(CATEGORIES),
            "runs_per_page": args.runs,
            "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
            "pages": medians,
            "runs": {name: {page: p["runs"] for page, p in pages.items()} for name, pages in results.items()},
            "targets": found,
        }
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "lighthouse.json").write_text(json.dumps(summary, indent=1, ensure_ascii=False), encoding="utf-8")
        print()
        print(table(results))
        print()
        print(
            f"template's notebook page, performance: {found['template_notebook_page_performance']} (lowest template page: {found['template_lowest_performance']})"
        )
        print(
            f"book's lowest performance: {found['book_lowest_performance']}; pages below the template's notebook page: {found['book_pages_below_the_template_notebook_page'] or 'none'}"
        )
        print(f"text page (median): {mib(found['text_page_weight_median_bytes'])}; heaviest text page: {mib(found['text_page_weight_max_bytes'])}")
        for page, extra in found["chart_page_extra_bytes_over_median_text_page"].items():
            print(
                f"chart page {page}: {mib(found['chart_page_weight_as_loaded_bytes'][page])} as loaded, "
                f"{mib(found['chart_page_weight_with_plotly_bytes'][page])} with plotly.js: {mib(extra)} more than a text page (target ≤ 1.50 MiB)"
            )
        print(f"results: {RESULTS / 'lighthouse.json'}")
        return 0
    finally:
        if args.keep:
            print(f"lighthouse: kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
