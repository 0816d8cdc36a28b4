"""Read the data package: its schema (``data/datapackage.json``) and its tables, with line numbers.

The schema declares the tables, their columns and which are required, so the reader, the
validator, the Frictionless check and the data dictionary agree. Reading never raises on bad
data: a file that cannot be read as a table at all (missing, empty, not UTF-8, columns missing)
gives an empty table and the problems that stop it; everything else is the validator's job, so
that all problems are reported at once. :class:`chronique.edition.Edition` is the one caller.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass

import pandas as pd

from .problems import Problem

INTEGER_COLUMNS = {"paragraph", "position", "order"}
LINE = "csv_line"  # column holding each row's line number in its file


@dataclass(frozen=True)
class Schema:
    """One table as ``datapackage.json`` declares it."""

    name: str
    path: str  # relative to data/
    columns: tuple[str, ...]
    required: frozenset[str]
    descriptor: dict  # the whole resource, for the validator's generic rules


@dataclass(frozen=True)
class DataPackage:
    """The parsed ``datapackage.json``: the tables in declaration order, and the whole descriptor."""

    descriptor: dict
    tables: dict[str, Schema]

    @classmethod
    def parse(cls, text: str) -> DataPackage:
        descriptor = json.loads(text)
        tables = {}
        for resource in descriptor["resources"]:
            if "schema" not in resource:
                continue
            fields = resource["schema"]["fields"]
            tables[resource["name"]] = Schema(
                name=resource["name"],
                path=resource["path"],
                columns=tuple(f["name"] for f in fields),
                required=frozenset(f["name"] for f in fields if f.get("constraints", {}).get("required")),
                descriptor=resource,
            )
        return cls(descriptor, tables)


def split_list(value: str) -> list[str]:
    """``"a;b"`` → ``["a", "b"]``; the empty cell → ``[]``. Lists in cells use ``;``."""
    return [item.strip() for item in str(value or "").split(";") if item.strip()]


def read_table(raw: bytes | None, name: str, expected: Schema) -> tuple[pd.DataFrame, list[Problem]]:
    """One CSV file's bytes (None: the file is missing) as strings plus a ``csv_line`` column,
    and the problems that stop it.

    ``name`` is how messages call the file (``data/assertions.csv``). Returns an empty frame and
    at least one problem when the file cannot be used.
    """
    empty = pd.DataFrame({column: pd.Series(dtype=str) for column in expected.columns} | {LINE: pd.Series(dtype=int)})
    header_hint = ",".join(expected.columns)
    if raw is None:
        return empty, [Problem(name, 0, "file", "file is missing", f"create {name} with header: {header_hint}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return empty, [Problem(name, line, "encoding", f"not valid UTF-8 (byte 0x{raw[err.start]:02x})", "save the file as UTF-8")]
    if not text.strip():
        return empty, [Problem(name, 1, "file", "file is empty", f"the first line must be the header: {header_hint}")]
    reader = csv.reader(text.lstrip("\ufeff").splitlines(keepends=True))
    header = next(reader)
    problems = []
    for column in (c for c in expected.columns if c not in header and c in expected.required):
        problems.append(Problem(name, 1, column, "required column is missing from the header", f"add a '{column}' column (see data/README.md)"))
    for column in (c for c in header if c not in expected.columns):
        problems.append(
            Problem(name, 1, column, "unknown column", f"remove it or declare it in data/datapackage.json; expected {', '.join(expected.columns)}")
        )
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
        record = dict(zip(header, values, strict=False))
        record[LINE] = start
        records.append(record)
    if not records:
        return empty, problems
    frame = pd.DataFrame.from_records(records)
    for column in expected.columns:
        if column not in frame:
            frame[column] = ""
    return frame[[*expected.columns, LINE]].astype({LINE: int}), problems


def public(frame: pd.DataFrame) -> pd.DataFrame:
    """A table as analyses use it: no line numbers, whole numbers as integers (text that is not a
    number becomes 0, which only an invalid table holds and the validator reports)."""
    frame = frame.drop(columns=LINE)
    for column in INTEGER_COLUMNS & set(frame.columns):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").fillna(0).astype(int)
    return frame.reset_index(drop=True)
