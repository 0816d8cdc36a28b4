"""Build the book: the HTML, then the PDF when TeX Live is installed, then the PDF into the HTML.

    python -m chronique.build [--root BOOK] [--path-output DIR] [--no-pdf] [--base-url URL]

1. ``jupyter-book build`` (HTML), warnings as errors (``-W -n --keep-going``);
2. when ``xelatex`` and ``latexmk`` are on PATH, ``jupyter-book build --builder pdflatex`` into the
   same output folder (same execution cache: the notebooks are not run again); otherwise it says
   so and skips the PDF;
3. copies the PDF to ``_build/html/<name>.pdf``, the address the « Livre entier (PDF) » entry of
   every page's download menu points to (:mod:`chronique.sphinxext.headtags`).

The book is the one around the current folder (or ``--root``); the output goes to
``DIR/_build`` (default: the book, as ``jupyter-book build .`` does). ``--base-url`` builds a
preview at another address than ``html.baseurl`` (both builds get it, through the environment
variable ``CHRONIQUE_BASEURL``); without either the book has no publication address, and the
build says which features are off. The test fixtures (``tests/conftest.py``) call the same
functions, with an example address.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from . import paths
from .sphinxext.addresses import BASE_URL_VARIABLE

TEX_TOOLS = ("xelatex", "latexmk")
TEX_INSTALL = "apt-get install texlive-xetex texlive-latex-extra texlive-fonts-recommended texlive-lang-french latexmk fonts-freefont-otf xindy"
#: the ``jupyter-book`` command with this Python (``python -m jupyter_book.cli.main`` runs nothing:
#: that module has no ``__main__`` block)
JUPYTER_BOOK = "import sys; from jupyter_book.cli.main import main; sys.exit(main())"
#: xelatex must stop on an error instead of waiting for an answer on standard input
LATEX_OPTIONS = "-interaction=nonstopmode -halt-on-error -file-line-error"


def pdf_name(root: Path) -> str:
    """``edition-critique.pdf``: the LaTeX ``targetname`` of the book's ``_config.yml``, as .pdf."""
    config = yaml.safe_load((root / paths.CONFIG).read_text(encoding="utf-8"))
    return Path(config["latex"]["latex_documents"]["targetname"]).with_suffix(".pdf").name


def missing_tex_tools() -> list[str]:
    return [tool for tool in TEX_TOOLS if shutil.which(tool) is None]


def jupyter_book(root: Path, output: Path, *extra: str, capture: bool = False, base_url: str | None = None) -> subprocess.CompletedProcess:
    """``jupyter-book build`` of the book at ``root`` into ``output/_build``, warnings as errors;
    ``base_url`` overrides the publication address (``html.baseurl``)."""
    command = [sys.executable, "-c", JUPYTER_BOOK, "build", str(root), "--path-output", str(output), "-W", "-n", "--keep-going", *extra]
    env = os.environ | {"LATEXOPTS": LATEX_OPTIONS}
    if base_url is not None:
        env[BASE_URL_VARIABLE] = base_url
    return subprocess.run(command, cwd=root, env=env, stdin=subprocess.DEVNULL, capture_output=capture, text=True)


def build_html(root: Path, output: Path, capture: bool = False, base_url: str | None = None) -> subprocess.CompletedProcess:
    return jupyter_book(root, output, capture=capture, base_url=base_url)


def build_pdf(root: Path, output: Path, capture: bool = False, base_url: str | None = None) -> subprocess.CompletedProcess:
    """The PDF (``output/_build/latex/<name>.pdf``); TeX Live must be installed."""
    return jupyter_book(root, output, "--builder", "pdflatex", capture=capture, base_url=base_url)


def publish_pdf(root: Path, output: Path) -> Path:
    """Copy the PDF to the root of the HTML output, where every page links to it."""
    name = pdf_name(root)
    source = output / "_build" / "latex" / name
    if not source.exists():
        raise FileNotFoundError(f"{source} is missing: the LaTeX build did not produce the PDF (see _build/latex/*.log)")
    destination = output / "_build" / "html" / name
    shutil.copyfile(source, destination)
    return destination


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m chronique.build", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=None, help="the book's folder (default: the book around the current folder)")
    parser.add_argument("--path-output", type=Path, default=None, help="folder that receives _build/ (default: the book)")
    parser.add_argument("--no-pdf", action="store_true", help="build the HTML only")
    parser.add_argument(
        "--base-url", default=None, help=f"publication address for this build (a preview), instead of html.baseurl; same as {BASE_URL_VARIABLE}"
    )
    args = parser.parse_args(argv)
    try:
        root = args.root.resolve() if args.root else paths.find_root()
    except paths.RootNotFound as err:
        print(f"chronique.build: {err}", file=sys.stderr)
        return 2
    output = (args.path_output or root).resolve()

    print(f"chronique.build: HTML → {output / '_build' / 'html'}", flush=True)
    if build_html(root, output, base_url=args.base_url).returncode != 0:
        print("chronique.build: the HTML build failed (see above)", file=sys.stderr)
        return 1
    if args.no_pdf:
        print("chronique.build: PDF not built (--no-pdf)")
        return 0
    missing = missing_tex_tools()
    if missing:
        print(
            f"chronique.build: PDF SKIPPED: TeX Live is not installed ({', '.join(missing)} not on PATH). "
            f"The HTML is built, but its « Livre entier (PDF) » link has no file behind it. "
            f"Install TeX Live with: {TEX_INSTALL}"
        )
        return 0
    print(f"chronique.build: PDF → {output / '_build' / 'latex' / pdf_name(root)}", flush=True)
    if build_pdf(root, output, base_url=args.base_url).returncode != 0:
        print("chronique.build: the PDF build failed (see above and _build/latex/*.log)", file=sys.stderr)
        return 1
    print(f"chronique.build: PDF copied to {publish_pdf(root, output)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
