"""Read the data files into pandas DataFrames, keeping each row's line number.

The schema (columns, which are required) comes from ``data/datapackage.json``, so the
loaders, the validator, the Frictionless check and the data dictionary agree.
Loaders raise :class:`~chronique.problems.DataError` only when a file cannot be read as a
table at all (missing, empty, not UTF-8, columns missing); everything else is the
validator's job, so that all problems are reported at once.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .paths import PROJECT_ROOT
from .problems import DataError, Problem, display_path

#: tables in data/, in the order the validator reads them
TABLES = ("sections", "codebook", "attributions", "sources", "events", "assertions", "note_kinds", "notes")
INTEGER_COLUMNS = {"paragraph", "position", "order"}
LINE = "csv_line"  # column holding each row's line number in its file


@dataclass(frozen=True)
class Schema:
    """The columns of one table, as declared in datapackage.json."""

    name: str
    columns: tuple[str, ...]
    required: frozenset[str]


@lru_cache(maxsize=8)
def _schemas(datapackage: Path) -> dict[str, Schema]:
    descriptor = json.loads(datapackage.read_text(encoding="utf-8"))
    schemas = {}
    for resource in descriptor["resources"]:
        if "schema" not in resource:
            continue
        fields = resource["schema"]["fields"]
        schemas[resource["name"]] = Schema(
            name=resource["name"],
            columns=tuple(f["name"] for f in fields),
            required=frozenset(f["name"] for f in fields if f.get("constraints", {}).get("required")),
        )
    return schemas


def schema(table: str, root: Path = PROJECT_ROOT) -> Schema:
    return _schemas(root / "data" / "datapackage.json")[table]


def split_list(value: str) -> list[str]:
    """``"a;b"`` → ``["a", "b"]``; the empty cell → ``[]``. Lists in cells use ``;``."""
    return [item.strip() for item in str(value or "").split(";") if item.strip()]


def read_table(table: str, root: Path = PROJECT_ROOT) -> tuple[pd.DataFrame, list[Problem]]:
    """Read ``data/<table>.csv`` as strings plus a ``csv_line`` column, and the problems that stop it.

    Returns an empty frame and at least one problem when the file cannot be used.
    """
    path = root / "data" / f"{table}.csv"
    name = display_path(path, root)
    expected = schema(table, root)
    empty = pd.DataFrame(columns=[*expected.columns, LINE])
    if not path.exists():
        return empty, [Problem(name, 0, "file", "file is missing", f"create data/{table}.csv with header: {','.join(expected.columns)}")]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return empty, [Problem(name, line, "encoding", f"not valid UTF-8 (byte 0x{raw[err.start]:02x})", "save the file as UTF-8")]
    if not text.strip():
        return empty, [Problem(name, 1, "file", "file is empty", f"the first line must be the header: {','.join(expected.columns)}")]
    reader = csv.reader(text.lstrip("\ufeff").splitlines(keepends=True))
    header = next(reader)
    problems = []
    missing = [c for c in expected.columns if c not in header and c in expected.required]
    for column in missing:
        problems.append(Problem(name, 1, column, "required column is missing from the header", f"add a '{column}' column (see data/README.md)"))
    unknown = [c for c in header if c not in expected.columns]
    for column in unknown:
        problems.append(Problem(name, 1, column, "unknown column", f"remove it or declare it in data/datapackage.json; expected {', '.join(expected.columns)}"))
    if problems:
        return empty, problems
    records, previous_end = [], 1
    for values in reader:
        start = previous_end + 1
        previous_end = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            problems.append(Problem(name, start, "row", f"{len(values)} cells where the header has {len(header)}", "quote cells that contain commas"))
            continue
        record = dict(zip(header, values))
        record[LINE] = start
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=[*header, LINE]) if records else empty.copy()
    for column in expected.columns:
        if column not in frame:
            frame[column] = ""
    return frame[[*expected.columns, LINE]].astype({LINE: int}), problems


def _public(table: str, root: Path) -> pd.DataFrame:
    frame, problems = read_table(table, root)
    if problems:
        raise DataError(problems)
    frame = frame.drop(columns=LINE)
    for column in INTEGER_COLUMNS & set(frame.columns):
        frame[column] = pd.to_numeric(frame[column], errors="raise").astype(int)
    return frame.reset_index(drop=True)


def assertions(root: Path = PROJECT_ROOT) -> pd.DataFrame:
    """Every assertion, in chronicle order (one row per sentence or clause)."""
    return _public("assertions", root).sort_values("position", kind="stable").reset_index(drop=True)


def events(root: Path = PROJECT_ROOT) -> pd.DataFrame:
    """Every dated or datable event the chronicle mentions."""
    return _public("events", root)


def sources(root: Path = PROJECT_ROOT) -> pd.DataFrame:
    """Metadata (kind, country, language, role) for every key of references.bib."""
    return _public("sources", root)


def codebook(root: Path = PROJECT_ROOT) -> pd.DataFrame:
    """The assertion statuses, in display order."""
    return _public("codebook", root).sort_values("order").reset_index(drop=True)


def sections(root: Path = PROJECT_ROOT) -> pd.DataFrame:
    """The chronicle's seven sections, in order."""
    return _public("sections", root).sort_values("order").reset_index(drop=True)


def attributions(root: Path = PROJECT_ROOT) -> pd.DataFrame:
    """Who asserts what, with the kind of speaker (anonyme, personne, …)."""
    return _public("attributions", root)


def note_kinds(root: Path = PROJECT_ROOT) -> pd.DataFrame:
    """The kinds of editors' notes, with label and definition, in display order."""
    return _public("note_kinds", root).sort_values("order").reset_index(drop=True)


def notes(root: Path = PROJECT_ROOT) -> pd.DataFrame:
    """The editors' critical notes."""
    return _public("notes", root)


def chronicle_text(root: Path = PROJECT_ROOT) -> str:
    """The chronicle, verbatim."""
    return (root / "data" / "chronicle.txt").read_text(encoding="utf-8")
