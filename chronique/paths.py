"""Where a book's files are, relative to the book's own folder (its *root*).

The root is always the book being worked on: Sphinx's configuration folder during a build, the
folder a notebook runs in (or the nearest one above it holding ``_config.yml``), or the current
folder for the command-line tools. Never the folder this package was installed from: a fork, a
worktree or a copy of the book must render its own data.
"""

from __future__ import annotations

from pathlib import Path

CONFIG = "_config.yml"
DATA = "data"
DATAPACKAGE = "data/datapackage.json"
CHRONICLE = "data/chronicle.txt"
BIBLIOGRAPHY = "references.bib"
CITATION = "CITATION.cff"

#: the key of the chronicle itself in ``references.bib``
CHRONICLE_KEY = "marquette2025"


class RootNotFound(FileNotFoundError):
    """No book folder (one holding ``_config.yml`` and ``data/``) at or above the start folder."""


def is_root(folder: Path) -> bool:
    return (folder / CONFIG).is_file() and (folder / DATAPACKAGE).is_file()


def find_root(start: Path | str | None = None) -> Path:
    """The book folder: ``start`` (default: the current folder) or the nearest folder above it
    that holds ``_config.yml`` and ``data/datapackage.json``."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_root(folder):
            return folder
    raise RootNotFound(f"no book found at or above {here}: a book folder holds {CONFIG} and {DATAPACKAGE} (run from inside the book, or pass --root)")
