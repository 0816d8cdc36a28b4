"""The book renders its own data: any copy of it (a fork, a worktree, a trial copy), built with the
conventional ``jupyter-book build .``, shows the copy's data and fails on the copy's errors, never
the data of the checkout this package was installed from.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chronique import build, paths
from chronique.edition import load_edition
from chronique.problems import DataError
from conftest import REPO

#: what a copy of the book leaves out: builds, tooling and the tests themselves
NOT_THE_BOOK = shutil.ignore_patterns(".git", "_build", "node_modules", ".tools", "__pycache__", "*.egg-info", ".pytest_cache", "tests", "benchmarks")


def copy_of_the_book(destination: Path) -> Path:
    shutil.copytree(REPO, destination, ignore=NOT_THE_BOOK)
    return destination


def set_cell(path: Path, row_id: str, column: str, value: str) -> int:
    """Set one cell of a CSV of the copy; return the row's line number."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    line = next(i for i, row in enumerate(rows, start=2) if next(iter(row.values())) == row_id)
    rows[line - 2][column] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return line


def jupyter_book_build(book: Path, *options: str) -> subprocess.CompletedProcess:
    """``jupyter-book build . [options]``, run from inside ``book``."""
    command = [sys.executable, "-c", build.JUPYTER_BOOK, "build", ".", *options]
    return subprocess.run(command, cwd=book, capture_output=True, text=True, stdin=subprocess.DEVNULL)


def test_notebooks_and_tools_find_the_book_around_the_current_folder(tmp_path, monkeypatch):
    book = copy_of_the_book(tmp_path / "copie")
    set_cell(book / "data" / "notes.csv", "N-01", "text", "Note propre à la copie.")
    monkeypatch.chdir(book / "notebooks")  # where a notebook's kernel runs
    edition = load_edition()
    assert edition.root == book.resolve()
    assert edition.rows("notes")["N-01"].text == "Note propre à la copie."
    monkeypatch.chdir(tmp_path)
    with pytest.raises(paths.RootNotFound, match="no book found"):
        load_edition()


def test_a_notebook_on_bad_data_fails_with_every_problem(tmp_path, monkeypatch):
    book = copy_of_the_book(tmp_path / "copie")
    line = set_cell(book / "data" / "assertions.csv", "FA-002", "citations", "cle-inconnue")
    monkeypatch.chdir(book / "notebooks")
    with pytest.raises(DataError, match=f"data/assertions.csv:{line}: citations: unknown citation key 'cle-inconnue'"):
        load_edition()


def glued_number(page: str, key: str) -> str:
    """The text a chapter pastes for a notebook's glued ``key`` (the span myst-nb writes)."""
    found = re.search(r'<span class="pasted-text">(\d+)</span>\s*notes critiques', page)
    assert found, f"no pasted {key} in the page"
    return found.group(1)


@pytest.mark.book
def test_a_copy_of_the_book_builds_its_own_data_and_rebuilds_what_a_change_touches(tmp_path):
    book = copy_of_the_book(tmp_path / "copie")
    first = jupyter_book_build(book)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    html = book / "_build" / "html" / "chapters"
    notes_before = glued_number((html / "intro.html").read_text(encoding="utf-8"), "n_notes")

    # a new editors' note, in the copy only: the notes page shows it, and the notebooks, which
    # count the notes, run again so that the introduction pastes the new count
    notes = book / "data" / "notes.csv"
    with notes.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows.append(rows[0] | {"id": "N-99", "text": "Cette note n’existe que dans la copie du livre."})
    with notes.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    second = jupyter_book_build(book)
    assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
    assert "Cette note n’existe que dans la copie du livre." in (html / "notes.html").read_text(encoding="utf-8")
    assert "Cette note n’existe que dans la copie du livre." not in (REPO / "data" / "notes.csv").read_text(encoding="utf-8")
    assert int(glued_number((html / "intro.html").read_text(encoding="utf-8"), "n_notes")) == int(notes_before) + 1
    assert "running again" in second.stdout


@pytest.mark.parametrize("options", [(), ("-W",)], ids=["plain", "warnings-as-errors"])
def test_an_unknown_key_in_a_copy_fails_its_build_naming_it(tmp_path, options):
    book = copy_of_the_book(tmp_path / "copie")
    line = set_cell(book / "data" / "assertions.csv", "FA-002", "citations", "marquette2025;cle-inconnue")
    result = jupyter_book_build(book, *options)
    problem = f"data/assertions.csv:{line}: citations: unknown citation key 'cle-inconnue' (fix: add the entry to references.bib"
    assert result.returncode != 0
    # Sphinx prints the problem first; jupyter-book then adds its own traceback to any failed build
    assert problem in result.stderr.split("Traceback")[0]
