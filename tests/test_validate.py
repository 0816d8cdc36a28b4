"""Each kind of bad input is reported once, at the right file, line and field, with a hint."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from chronique.validate import main
from conftest import assert_reported, line_of, replace, reported


@pytest.fixture
def project(broken_copy) -> Path:
    """A copy of this book's data and bibliography to break."""
    return broken_copy


#: (file, line marker, old text, new text, field, expected message): one edit, one problem at the marker's line
SINGLE_EDITS = {
    "unknown citation key": (
        "data/assertions.csv",
        "FA-002,",
        "marquette2025,forum-miami-2025-11-04;guerre-depuis-2014",
        "lemonde2025,forum-miami-2025-11-04;guerre-depuis-2014",
        "citations",
        "unknown citation key 'lemonde2025'",
    ),
    "duplicate id": ("data/assertions.csv", "FA-003,", "FA-003,", "FA-002,", "id", "duplicate id 'FA-002'"),
    "malformed BibTeX entry": (
        "references.bib",
        "@misc{bbc,",
        "@misc{bbc,\n  author = {{BBC}},",
        "@misc{bbc,\n  author = {{BBC},",
        "entry",
        "unparsable BibTeX block",
    ),
    "duplicate BibTeX key": ("references.bib", "@misc{cnn,", "@misc{cnn,", "@misc{bbc,", "key", "duplicate key 'bbc'"),
    "invented url": (
        "references.bib",
        "@misc{reuters,",
        "@misc{reuters,\n",
        "@misc{reuters,\n  url = {https://example.org/a},\n",
        "url",
        "gives a url but is not a document the editors consulted",
    ),
    "text not in chronicle": (
        "data/assertions.csv",
        "FA-005,",
        "refuse de donner des détails",
        "refuse de donner le moindre détail",
        "text",
        "not found verbatim in the chronicle",
    ),
    "impossible date": ("data/events.csv", "accord-doha-2020,", "2020-02-29", "2020-02-30", "date_start", "'2020-02-30' is not a real calendar date"),
    "date not ISO": ("data/events.csv", "accord-doha-2020,", "2020-02-29", "29/02/2020", "date_start", "does not match the expected form"),
    "end before start": (
        "data/events.csv",
        "accords-dayton-1995,",
        "1995-11-21,1995-12-14",
        "1995-11-21,1995-10-14",
        "date_end",
        "ends (1995-10-14) before it starts (1995-11-21)",
    ),
    "precision does not match": (
        "data/events.csv",
        "accord-doha-2020,",
        "2020-02-29,,day",
        "2020-02-29,,year",
        "date_start",
        "does not have the form of precision 'year'",
    ),
    "missing citation": (
        "data/assertions.csv",
        "FA-003,",
        'mondiale.",opinion,Le chroniqueur,marquette2025,',
        'mondiale.",opinion,Le chroniqueur,,',
        "citations",
        "empty value in a required column",
    ),
    "unknown status": (
        "data/assertions.csv",
        "FA-003,",
        'mondiale.",opinion,',
        'mondiale.",rumeur,',
        "status",
        "unknown value 'rumeur' (not in codebook.csv)",
    ),
    "unknown event": (
        "data/assertions.csv",
        "FA-006,",
        "refus-tomahawk-2025-11-04,",
        "refus-tomahawk-2025,",
        "events",
        "unknown event id 'refus-tomahawk-2025'",
    ),
    "wrong subsection": (
        "data/assertions.csv",
        "CH-001,",
        "CH-001,contexte,Un « dealmaker »",
        "CH-001,contexte,Un « faiseur de paix »",
        "subsection",
        "use 'Un « dealmaker » en héritage : promesse ou mirage ?'",
    ),
    "note with unknown target": ("data/notes.csv", "N-05,", "N-05,AN-005,", "N-05,AN-099,", "targets", "unknown assertion id 'AN-099'"),
    "sic fragment not in its assertion": (
        "data/sic.csv",
        "S-03,",
        "S-03,CH-009,de nouveaux offensives",
        "S-03,CH-009,des offensives nouvelles",
        "text",
        "'des offensives nouvelles' does not occur in the text of CH-009",
    ),
    "retired id still in use": ("data/assertions.csv", "ED-004,", "ED-005;ED-006", "ED-003;ED-006", "aliases", "'ED-003' is a retired id"),
    "note misquotes the chronicle": (
        "data/notes.csv",
        "N-02,",
        "« ringardiser »",
        "« ridiculiser »",
        "text",
        "quotation « ridiculiser » is not in the chronicle",
    ),
    "editors' sentence opens with a digit": (
        "data/notes.csv",
        "N-02,",
        "Son mandat a pris fin le 20 janvier 2025",
        "2025 marque la fin de son mandat",
        "text",
        "opens with a digit",
    ),
    "range with a hyphen": (
        "data/events.csv",
        "armistice-coree-1953,",
        "Accord d’armistice de la guerre de Corée",
        "Accord d’armistice de la guerre de Corée (1950-1953)",
        "label",
        "range '1950-1953' written with a hyphen",
    ),
    "non-breaking space in the data": ("data/notes.csv", "N-02,", "pris fin le 20", "pris fin le\u00a020", "text", "non-breaking space in the data"),
    "chronicle's date citing a document": (
        "data/events.csv",
        "guerre-depuis-2014,",
        "depuis 2014,marquette2025",
        "depuis 2014,marquette2025;trump2025inaugural",
        "citations",
        "a date taken from the chronicle must cite the chronicle only",
    ),
}


@pytest.mark.parametrize("case", SINGLE_EDITS, ids=list(SINGLE_EDITS))
def test_single_edit_is_reported_at_its_line(project, case):
    file, marker, old, new, field, message = SINGLE_EDITS[case]
    line = line_of(project / file, marker)
    replace(project / file, old, new)
    assert_reported(project, f"{file}:{line}: {field}:", message)


def test_uncovered_sentence(project):
    table = project / "data" / "assertions.csv"
    lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
    table.write_text("".join(line for line in lines if not line.startswith("FA-010,")), encoding="utf-8")
    assert_reported(project, "data/chronicle.txt:8: text:", "not covered by any assertion: 'Mais aucune déclaration publique directe de Poutine.")


def test_unused_bibliography_entry(project):
    bib = project / "references.bib"
    with bib.open("a", encoding="utf-8") as f:
        f.write("\n@misc{lemonde,\n  author = {{Le Monde}},\n  title = {[Article]},\n  year = {2025},\n  note = {x}\n}\n")
    line = line_of(bib, "@misc{lemonde,")
    assert_reported(project, f"references.bib:{line}: key:", "entry 'lemonde' is cited nowhere")
    assert_reported(project, f"references.bib:{line}: key:", "entry 'lemonde' has no row in data/sources.csv")


def test_empty_file(project):
    (project / "data" / "events.csv").write_text("", encoding="utf-8")
    assert_reported(project, "data/events.csv:1: file:", "file is empty")


def test_non_utf8_file(project):
    table = project / "data" / "notes.csv"
    data = table.read_bytes()
    line = data[: data.index(b"anachronisme")].count(b"\n") + 1
    table.write_bytes(data.replace(b"anachronisme", b"anachronisme" + b"\xe9", 1))
    assert_reported(project, f"data/notes.csv:{line}: encoding:", "not valid UTF-8 (byte 0xe9)")


def test_missing_column(project):
    path = project / "data" / "assertions.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    index = rows[0].index("status")
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(row[:index] + row[index + 1 :] for row in rows)
    assert_reported(project, "data/assertions.csv:1: status:", "required column is missing from the header")


def test_all_problems_reported_at_once(project, capsys):
    (project / "data" / "events.csv").write_text("", encoding="utf-8")
    replace(project / "data" / "assertions.csv", "FA-003,", "FA-002,")
    problems = reported(project)
    assert any("events.csv:1: file:" in p for p in problems)
    assert any("duplicate id 'FA-002'" in p for p in problems)
    assert main(["--root", str(project)]) == 1
    assert "problem(s) found" in capsys.readouterr().err
