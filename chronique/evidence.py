"""Write the consulted documents' BibTeX entries from ``data/evidence.csv``.

    python -m chronique.evidence --write     # refresh the generated block of references.bib

``data/evidence.csv`` is the one record of what the editors consulted; ``references.bib`` holds
its entries between two marker comments so that sphinxcontrib-bibtex can cite and list them.
The validator checks that every entry agrees with its row, and a test that the block is current.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import paths
from .bibliography import evidence_block, refreshed_bibliography
from .edition import Edition


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m chronique.evidence", description="Write the consulted documents' entries of references.bib from data/evidence.csv."
    )
    parser.add_argument("--write", action="store_true", help="update references.bib in place (otherwise print the generated block)")
    parser.add_argument("--root", type=Path, default=None, help="the book's folder (default: the book around the current folder)")
    args = parser.parse_args(argv)
    root = args.root.resolve() if args.root else paths.find_root()
    evidence = Edition.read(root).table("evidence")
    if not args.write:
        sys.stdout.write(evidence_block(evidence))
        return 0
    path = root / paths.BIBLIOGRAPHY
    path.write_text(refreshed_bibliography(path.read_text(encoding="utf-8"), evidence), encoding="utf-8")
    print(f"references.bib: {len(evidence)} consulted documents written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
