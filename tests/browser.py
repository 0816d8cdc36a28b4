"""The book as a reader gets it: served on 127.0.0.1, read in Debian's Chromium through Playwright.

Test modules load it as a plugin (``pytest_plugins = ["browser"]``), so that its
session fixtures exist once however many modules use them, and ``conftest.py`` stays the
shared, build-only one. One browser serves the whole test session;
every page it opens is watched (console errors, failed requests, HTTP errors), and every request
is routed: only the local server answers, any other host is aborted and counted as a failure,
so the tests also prove that the book works offline.

Nothing is skipped: without Chromium, Playwright or axe-core the fixtures fail and say what to
install (``apt-get install chromium``, ``pip install playwright``, ``npm ci``).
"""

from __future__ import annotations

import os
import shutil
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import REPO

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
#: headless, sandbox-free (root in CI), and silent: no update, sync or background request
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
LOCAL_HOST = "127.0.0.1"
VIEWPORT = {"width": 1280, "height": 900}
#: how readers see the book: the theme follows the system's colour scheme (light or dark), and
#: on a phone the sidebars fold behind buttons
VIEWS = {
    "wide": (VIEWPORT, "light"),
    "dark": (VIEWPORT, "dark"),
    "narrow": ({"width": 390, "height": 844}, "light"),
}
SETTLE_MS = 400
#: pages Sphinx writes besides the chapters of _toc.yml
EXTRA_PAGES = ("index.html", "search.html", "genindex.html")


def project_yaml(name: str) -> dict:
    return yaml.safe_load((REPO / name).read_text(encoding="utf-8"))


BOOK_TITLE = project_yaml("_config.yml")["title"]
ROOT_PAGE = f"{project_yaml('_toc.yml')['root']}.html"
#: pages that send the reader on at once (Sphinx's index.html: a meta refresh to the root page)
REDIRECTS = {"index.html": ROOT_PAGE}


def book_pages() -> list[str]:
    """Every HTML page of the book, read from _toc.yml (so tests are parametrized before any build)."""
    toc = project_yaml("_toc.yml")
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [chapter["file"] for chapter in part.get("chapters", [])]
    return [f"{name}.html" for name in files] + list(EXTRA_PAGES)


class QuietHandler(SimpleHTTPRequestHandler):
    """A static file server that keeps the test output clean."""

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


@contextmanager
def serve(folder: Path):
    """Serve ``folder`` on 127.0.0.1 at an ephemeral port, in a thread; yield its base URL."""
    server = ThreadingHTTPServer((LOCAL_HOST, 0), partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, name="book-server", daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@dataclass
class Traffic:
    """What one page did on the network and in its console while a test watched it."""

    requests: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"request to another host (aborted): {u}" for u in self.outside]
            + [f"failed request: {u}" for u in self.failed]
            + [f"console error: {m}" for m in self.console_errors]
        )


@dataclass
class Reader:
    """The session's browser context and the served book: opens pages and watches them."""

    context: object  # playwright BrowserContext
    base_url: str
    html: Path  # the built HTML folder being served
    traffic: Traffic = field(default_factory=Traffic)

    def url(self, path: str) -> str:
        return self.base_url + path

    @contextmanager
    def open(self, path: str, view: str = "wide"):
        """Open ``path`` in a new tab seen as ``view`` (a key of VIEWS), watched from its first
        request, once loaded and settled; close it afterwards."""
        self.traffic = Traffic()
        page = self.context.new_page()
        viewport, scheme = VIEWS[view]
        page.set_viewport_size(viewport)
        page.emulate_media(color_scheme=scheme)
        watch(page, self.traffic)
        try:
            page.goto(self.url(path), wait_until="load")
            if path in REDIRECTS:
                page.wait_for_url("**/" + REDIRECTS[path], wait_until="load")
            settle(page)
            yield page
        finally:
            page.close()


def settle(page) -> None:
    """Wait past the load event for the theme's debounced scripts (tab stops on scrollable
    blocks, 300 ms). Playwright's "networkidle" is not used: with Debian's Chromium it fires
    before the page has even loaded."""
    page.wait_for_function("document.readyState === 'complete'")
    page.wait_for_timeout(SETTLE_MS)


def watch(page, traffic: Traffic) -> None:
    """Record console errors, uncaught exceptions, failed requests and HTTP errors of ``page``."""
    page.on("console", lambda m: traffic.console_errors.append(f"{m.text} ({m.location.get('url', '')})") if m.type == "error" else None)
    page.on("pageerror", lambda e: traffic.console_errors.append(f"uncaught {e}"))
    page.on("requestfailed", lambda r: None if is_outside(r.url) else traffic.failed.append(f"{r.url} ({r.failure})"))
    page.on("response", lambda r: traffic.failed.append(f"{r.url} (HTTP {r.status})") if r.status >= 400 else None)


def is_outside(url: str) -> bool:
    """True for a request that would leave this machine (data: and blob: URLs never do)."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != LOCAL_HOST


def route_locally(reader: Reader, route) -> None:
    """Let requests to 127.0.0.1 through; abort and record any other host (in the open tab's log)."""
    url = route.request.url
    traffic = reader.traffic
    traffic.requests.append(url)
    if is_outside(url):
        traffic.outside.append(url)
        route.abort("blockedbyclient")
    else:
        route.continue_()


def require_chromium() -> None:
    """Fail (never skip) with what to install when the browser is missing."""
    if not CHROMIUM.exists() and not shutil.which(str(CHROMIUM)):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's package (apt-get install chromium) "
            "or set CHROMIUM to its path; the browser tests never download a browser"
        )


def require_axe() -> Path:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing ({AXE}): run `npm ci` at the project root (package-lock.json pins it)")
    return AXE


@pytest.fixture(scope="session")
def site(html_build):
    """The built HTML book served on 127.0.0.1 for the whole session."""
    with serve(html_build.html) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def chromium_context(tmp_path_factory):
    """One Chromium for the session, with a fresh profile, driven by Playwright."""
    require_chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is not installed: pip install -r requirements.txt (its browsers are not needed)")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport=VIEWPORT,
            locale="fr-FR",
            service_workers="block",
        )
        context.set_default_timeout(15_000)
        try:
            yield context
        finally:
            context.close()


@pytest.fixture(scope="session")
def reader(chromium_context, site, html_build) -> Reader:
    """The served book in the session's browser; every request of every tab is routed locally."""
    reader = Reader(chromium_context, site, html_build.html)
    chromium_context.route("**/*", partial(route_locally, reader))
    return reader
