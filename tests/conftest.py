"""Shared fixtures, in three layers (as sphinxcontrib-bibtex's tests are):

1. the data, with no build: :func:`edition` (this book's, read once), :func:`broken_copy` (a
   copy of this book's data to corrupt);
2. tiny Sphinx projects: :func:`mini_root`, a copy of ``tests/roots/mini`` (four assertions,
   one note) with this book's schema, built in-process by ``tests/test_sphinxext.py``;
3. the one full build: :func:`html_build` and :func:`pdf_build`, made once per session by the
   book's own pipeline (``chronique.build``) into a temporary folder.

Tests that use the full build are marked automatically (``book``, ``pdf``, ``browser``), so the
fast layers run alone with ``pytest -m "not book and not pdf and not browser"``.
Set ``CHRONIQUE_BUILD_DIR`` to an existing ``--path-output`` folder to reuse a build while
developing (CI never sets it); build it with ``--base-url`` :data:`EXAMPLE_BASE_URL`, as the
fixtures do.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from chronique import build, paths
from chronique.edition import Edition

#: the book these tests check: the checkout that holds this tests/ folder
REPO = Path(__file__).resolve().parent.parent
ROOTS = Path(__file__).resolve().parent / "roots"

#: the publication address the test build uses (the book has none yet: reserved example domain)
EXAMPLE_BASE_URL = "https://example.org/edition-critique/"

#: fixture → marker of the tests that use it (directly or through another fixture)
LAYER_MARKERS = {"html_build": "book", "pdf_build": "pdf", "chromium_context": "browser"}


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        for fixture, marker in LAYER_MARKERS.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)


#: this book's edition, read once when the tests are collected
EDITION = Edition.read(REPO)


@pytest.fixture(scope="session")
def edition() -> Edition:
    """This book's edition (the one :data:`EDITION`)."""
    return EDITION


def copy_book_data(source: Path, destination: Path) -> Path:
    """``data/``, ``references.bib`` and ``CITATION.cff`` of ``source`` into ``destination``."""
    shutil.copytree(source / paths.DATA, destination / paths.DATA)
    for name in (paths.BIBLIOGRAPHY, paths.CITATION):
        shutil.copy(source / name, destination / name)
    return destination


@pytest.fixture
def broken_copy(tmp_path) -> Path:
    """A copy of this book's data and bibliography that a test may corrupt."""
    return copy_book_data(REPO, tmp_path / "book")


@pytest.fixture
def mini_root(tmp_path) -> Path:
    """A copy of the tiny test book ``tests/roots/mini``, with this book's data schema."""
    root = tmp_path / "mini"
    shutil.copytree(ROOTS / "mini", root)
    shutil.copy(REPO / paths.DATAPACKAGE, root / paths.DATAPACKAGE)
    return root


@dataclass
class Build:
    """A finished build: where its output is, and what it printed."""

    output: Path  # the --path-output folder (holds _build/)
    log: str

    @property
    def html(self) -> Path:
        return self.output / "_build" / "html"

    @property
    def latex(self) -> Path:
        return self.output / "_build" / "latex"


@pytest.fixture(scope="session")
def book_output(tmp_path_factory) -> Path:
    reuse = os.environ.get("CHRONIQUE_BUILD_DIR")
    return Path(reuse) if reuse else tmp_path_factory.mktemp("book")


@pytest.fixture(scope="session")
def html_build(book_output) -> Build:
    """The HTML book, built once at :data:`EXAMPLE_BASE_URL`; the build must succeed with warnings as errors."""
    if os.environ.get("CHRONIQUE_BUILD_DIR") and (book_output / "_build" / "html" / "index.html").exists():
        return Build(book_output, (book_output / "html-build.log").read_text() if (book_output / "html-build.log").exists() else "")
    result = build.build_html(REPO, book_output, capture=True, base_url=EXAMPLE_BASE_URL)
    log = result.stdout + result.stderr
    (book_output / "html-build.log").write_text(log)
    assert result.returncode == 0, f"HTML build failed:\n{log[-6000:]}"
    return Build(book_output, log)


@pytest.fixture(scope="session")
def pdf_build(html_build) -> Build:
    """The PDF, built once after the HTML by the book's own pipeline (chronique.build): same
    output folder, so notebooks are not re-run; the PDF is then copied into the HTML output.
    Never skips: without TeX Live it fails and says what to install."""
    missing = build.missing_tex_tools()
    if missing:
        pytest.fail(f"TeX Live is not installed ({', '.join(missing)} not on PATH): {build.TEX_INSTALL} (or bash .ci/install)")
    if os.environ.get("CHRONIQUE_BUILD_DIR") and (html_build.latex / build.pdf_name(REPO)).exists():
        build.publish_pdf(REPO, html_build.output)
        return Build(html_build.output, "")
    result = build.build_pdf(REPO, html_build.output, capture=True, base_url=EXAMPLE_BASE_URL)
    log = result.stdout + result.stderr
    (html_build.output / "pdf-build.log").write_text(log)
    assert result.returncode == 0, f"PDF build failed:\n{log[-6000:]}"
    build.publish_pdf(REPO, html_build.output)
    return Build(html_build.output, log)


# --- editing a copy of the data and reading what the validator says ---------------------------


def line_of(path: Path, needle: str) -> int:
    """1-based number of the first line containing ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def replace(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in ``path`` (which must hold it) by ``new``."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def reported(root: Path) -> list[str]:
    """What the validator says of the book at ``root``, one ``file:line: field: message`` each."""
    return [str(p) for p in Edition.read(root).validate()]


def assert_reported(root: Path, expected_start: str, contains: str) -> None:
    """A problem starting ``expected_start`` and containing ``contains`` is reported, with its fix."""
    problems = reported(root)
    matching = [p for p in problems if p.startswith(expected_start) and contains in p]
    assert matching, f"no problem starting {expected_start!r} containing {contains!r} in:\n" + "\n".join(problems)
    assert "(fix: " in matching[0]
