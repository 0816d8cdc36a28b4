"""Check a book's data, bibliography and metadata, reporting every problem at once.

Run ``python -m chronique.validate`` (or ``chronique-validate``) from inside the book, or with
``--root``: it prints one line per problem as ``file:line: field: message (fix: hint)`` and exits
1 if there is any. The rules are in :mod:`chronique.rules` and listed in ``data/README.md``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import paths
from .edition import Edition
from .problems import DataError, Problem


def validate(root: Path | str) -> list[Problem]:
    """Every problem in the book at ``root`` (data, bibliography, metadata), sorted by file and line."""
    return Edition.read(root).validate()


def summary(edition: Edition) -> str:
    return ", ".join(f"{len(edition.table(t))} {t}" for t in ("assertions", "events", "notes", "sources"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="chronique-validate", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=None, help="the book's folder (default: the book around the current folder)")
    args = parser.parse_args(argv)
    try:
        root = args.root.resolve() if args.root else paths.find_root()
        edition = Edition.read(root)
    except (paths.RootNotFound, DataError) as err:
        print(f"chronique-validate: {err}", file=sys.stderr)
        return 2
    problems = edition.validate()
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    print(f"Data OK: {summary(edition)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
