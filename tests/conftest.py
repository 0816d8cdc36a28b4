"""Shared fixtures: the real project, and the book built once per test session.

The HTML book is built a single time (``jupyter-book build -W -n --keep-going``) into a
temporary folder and shared by every test that needs it; the PDF likewise, reusing the same
execution cache. Set ``CHRONIQUE_BUILD_DIR`` to an existing ``--path-output`` folder to reuse a
build while developing (CI never sets it).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from chronique import build
from chronique.paths import PROJECT_ROOT


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
    """The HTML book, built once; the build must succeed with warnings as errors."""
    if os.environ.get("CHRONIQUE_BUILD_DIR") and (book_output / "_build" / "html" / "index.html").exists():
        return Build(book_output, (book_output / "html-build.log").read_text() if (book_output / "html-build.log").exists() else "")
    result = build.build_html(book_output, capture=True)
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
    if os.environ.get("CHRONIQUE_BUILD_DIR") and (html_build.latex / build.pdf_name()).exists():
        build.publish_pdf(html_build.output)
        return Build(html_build.output, "")
    result = build.build_pdf(html_build.output, capture=True)
    log = result.stdout + result.stderr
    (html_build.output / "pdf-build.log").write_text(log)
    assert result.returncode == 0, f"PDF build failed:\n{log[-6000:]}"
    build.publish_pdf(html_build.output)
    return Build(html_build.output, log)
