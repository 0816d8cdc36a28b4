"""The rules every book's data obeys, checked on the tables an :class:`~chronique.edition.Edition` holds.

:func:`check` returns every problem at once, each as ``file:line: field: message (fix: hint)``.
The rules are listed in ``data/README.md``; each check below names the rule it enforces.
``python -m chronique.validate`` runs them from the command line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import TYPE_CHECKING

import pandas as pd

from . import load, paths
from .palette import SECTION_COLOURS, STATUS_STYLE
from .paths import CHRONICLE_KEY
from .problems import Problem
from .publication import check_cff

if TYPE_CHECKING:
    from .edition import Edition

#: lines 1 and 2 of the chronicle are its title and author line, not body text
HEADER_LINES = 2
PRECISION_FORMATS = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "season": r"\d{4}-\d{2}", "year": r"\d{4}"}
FORBIDDEN_BIB_FIELDS = ("url", "doi", "pages", "isbn", "issn")
REQUIRED_BIB_FIELDS = ("author", "title", "year", "note")
CITED_NOTE = "Tel que cité par la chronique"
EDITORS_NOTE = "Référence des éditeurs"


class _Report:
    """Collects problems for one file so checks read as one line each."""

    def __init__(self, problems: list[Problem], file: str):
        self.problems, self.file = problems, file

    def add(self, line: int, field: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.file, int(line), field, message, hint))


def _generic_checks(table: str, frame: pd.DataFrame, descriptor: dict, report: _Report) -> None:
    """Required, pattern, enum, unique and integer rules declared in datapackage.json."""
    for field in descriptor["schema"]["fields"]:
        name, constraints = field["name"], field.get("constraints", {})
        seen: dict[str, int] = {}
        for value, line in zip(frame[name], frame[load.LINE], strict=False):
            value = str(value)
            if not value.strip():
                if constraints.get("required"):
                    report.add(line, name, "empty value in a required column", f"fill in '{name}' (see data/README.md)")
                continue
            if value != value.strip():
                report.add(line, name, f"leading or trailing spaces in '{value}'", "remove the spaces")
            if field["type"] == "integer":
                if not re.fullmatch(r"\d+", value):
                    report.add(line, name, f"'{value}' is not a whole number", "write digits only")
                    continue
                if int(value) < constraints.get("minimum", 0):
                    report.add(line, name, f"{value} is below the minimum {constraints['minimum']}", "use a positive number")
            if "pattern" in constraints and not re.fullmatch(constraints["pattern"], value):
                report.add(line, name, f"'{value}' does not match the expected form {constraints['pattern']}", "see data/README.md for the format")
            if "enum" in constraints and value not in constraints["enum"]:
                report.add(line, name, f"unknown value '{value}'", f"use one of: {', '.join(constraints['enum'])}")
            if constraints.get("unique"):
                if value in seen:
                    report.add(line, name, f"duplicate {name} '{value}' (first on line {seen[value]})", f"give each row its own {name}")
                else:
                    seen[value] = line


def _foreign_keys(frame: pd.DataFrame, descriptor: dict, tables: dict[str, pd.DataFrame], report: _Report) -> None:
    for fk in descriptor["schema"].get("foreignKeys", []):
        (column,), target = fk["fields"], fk["reference"]
        allowed = set(tables[target["resource"]][target["fields"][0]])
        for value, line in zip(frame[column], frame[load.LINE], strict=False):
            if value and value not in allowed:
                report.add(
                    line,
                    column,
                    f"unknown value '{value}' (not in {target['resource']}.csv)",
                    f"use one of: {', '.join(sorted(allowed))}" if len(allowed) <= 12 else f"add it to data/{target['resource']}.csv first",
                )


def _parse_date(value: str) -> dt.date | None:
    parts = [int(p) for p in value.split("-")]
    try:
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None


def _date_end_bound(value: str) -> tuple[int, ...]:
    """Comparable tuple, so that '2022' ≤ '2022-03' and '2022-03' ≤ '2022-03-31'."""
    return tuple(int(p) for p in value.split("-"))


def _check_events(events: pd.DataFrame, report: _Report) -> None:
    for row in events.itertuples():
        start, end = row.date_start, row.date_end
        for name, value in (("date_start", start), ("date_end", end)):
            if value and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value) and _parse_date(value) is None:
                report.add(row.csv_line, name, f"'{value}' is not a real calendar date", "check month (01-12) and day")
        fmt = PRECISION_FORMATS.get(row.precision)
        if fmt:
            for name, value in (("date_start", start), ("date_end", end)):
                if value and not re.fullmatch(fmt, value):
                    report.add(
                        row.csv_line,
                        name,
                        f"'{value}' does not have the form of precision '{row.precision}'",
                        "write YYYY-MM-DD for day, YYYY-MM for month or season, YYYY for year",
                    )
        if start and end and _parse_date(start) and _parse_date(end) and _date_end_bound(end) < _date_end_bound(start):
            report.add(row.csv_line, "date_end", f"ends ({end}) before it starts ({start})", "swap the dates or correct one of them")
        if row.date_source == "chronicle" and not row.chronicle_date:
            report.add(
                row.csv_line,
                "chronicle_date",
                "date_source is 'chronicle' but the chronicle's wording is missing",
                "copy the date as the chronicle writes it",
            )
        if row.date_source == "editors" and set(load.split_list(row.citations)) <= {CHRONICLE_KEY}:
            report.add(
                row.csv_line,
                "citations",
                "a date supplied by the editors must cite where it comes from",
                "add the key of the document that establishes the date",
            )


def _nearest_heading_above(lines: list[str], headings: set[str]) -> list[str]:
    """For each 1-based line number, the closest heading on an earlier line ("(none)" if none), in one pass."""
    above, current = ["(none)", "(none)"], "(none)"
    for text in lines[:-1]:
        current = text if text in headings else current
        above.append(current)
    return above


def _check_coverage(
    assertions: pd.DataFrame, sections: pd.DataFrame, chronicle: str, report: _Report, chronicle_name: str, problems: list[Problem]
) -> None:
    """Verbatim text, order, headings, and every body sentence covered exactly once."""
    lines = chronicle.split("\n")
    headings = set(assertions["subsection"]) | {h for h in sections["chronicle_heading"] if h}
    heading_above = _nearest_heading_above(lines, headings)
    covered: dict[int, list[tuple[int, int, int]]] = {}
    for row in assertions.itertuples():
        if not re.fullmatch(r"\d+", str(row.paragraph)):
            continue
        number = int(row.paragraph)
        if not 1 <= number <= len(lines) or number <= HEADER_LINES:
            report.add(
                row.csv_line,
                "paragraph",
                f"line {number} is not a body line of data/chronicle.txt",
                f"use a line number between {HEADER_LINES + 1} and {len(lines)}",
            )
            continue
        line_text = lines[number - 1]
        at = line_text.find(row.text) if row.text else -1
        if at < 0:
            message = (
                f"found in the chronicle but not in paragraph {number}"
                if row.text and row.text in chronicle
                else "not found verbatim in the chronicle"
            )
            report.add(
                row.csv_line,
                "text",
                message,
                "copy the excerpt character for character from data/chronicle.txt (apostrophes ’, quotes « », non-breaking spaces)",
            )
            continue
        covered.setdefault(number, []).append((at, at + len(row.text), row.csv_line))
        expected = heading_above[number]
        if row.subsection and row.subsection != expected:
            report.add(row.csv_line, "subsection", f"'{row.subsection}' is not the heading above paragraph {number}", f"use '{expected}'")
    order = (
        assertions.assign(sort_position=pd.to_numeric(assertions["position"], errors="coerce"))
        .dropna(subset=["sort_position"])
        .sort_values("sort_position")
    )
    expected_order = sorted(((n, s, line) for n, spans in covered.items() for s, _, line in spans))
    by_line = {line: i for i, (_, _, line) in enumerate(expected_order)}
    for rank, row in enumerate(order.itertuples(), start=1):
        if int(row.sort_position) != rank:
            report.add(
                row.csv_line,
                "position",
                f"position {int(row.sort_position)} breaks the sequence (expected {rank})",
                "number positions 1, 2, 3… without gaps or repeats",
            )
            break
        if row.csv_line in by_line and by_line[row.csv_line] != rank - 1:
            report.add(
                row.csv_line,
                "position",
                f"position {rank} does not follow the order of the text",
                "order positions as the excerpts appear in the chronicle",
            )
            break
    for number, line_text in enumerate(lines, start=1):
        if number <= HEADER_LINES or not line_text.strip() or (line_text in headings and number not in covered):
            continue
        spans = sorted(covered.get(number, []))
        cursor = 0
        for start, end, csv_line in spans:
            if start < cursor:
                report.add(csv_line, "text", f"overlaps another assertion of paragraph {number}", "split the paragraph without overlaps")
            elif line_text[cursor:start].strip():
                problems.append(
                    Problem(
                        chronicle_name,
                        number,
                        "text",
                        f"not covered by any assertion: '{line_text[cursor:start].strip()[:70]}'",
                        "add a row to data/assertions.csv for this sentence",
                    )
                )
            cursor = max(cursor, end)
        if line_text[cursor:].strip():
            problems.append(
                Problem(
                    chronicle_name,
                    number,
                    "text",
                    f"not covered by any assertion: '{line_text[cursor:].strip()[:70]}'",
                    "add a row to data/assertions.csv for this sentence",
                )
            )


def check(edition: Edition) -> list[Problem]:
    """Every problem in the tables, chronicle, bibliography and metadata ``edition`` holds."""
    problems: list[Problem] = list(edition.read_problems) + check_cff(edition.cff, paths.CITATION)
    tables = edition.raw
    files = {table: edition.table_file(table) for table in tables}
    readable = {
        table: not any(
            p.file == files[table] and (p.field in {"file", "encoding"} or p.line == 1 and "column" in p.message) for p in edition.read_problems
        )
        for table in tables
    }
    reports = {table: _Report(problems, name) for table, name in files.items()}
    for table, frame in tables.items():
        _generic_checks(table, frame, edition.package.tables[table].descriptor, reports[table])
        _foreign_keys(frame, edition.package.tables[table].descriptor, tables, reports[table])
    _check_presentation(edition, reports)

    references = edition.references
    bib = _Report(problems, paths.BIBLIOGRAPHY)
    assertions, events, notes, sources = (tables[t] for t in ("assertions", "events", "notes", "sources"))
    assertion_ids, event_ids = set(assertions["id"]), set(events["id"])

    # citations resolve; every key is used
    used: Counter[str] = Counter()
    for table, column, allow_ids in (("assertions", "citations", False), ("events", "citations", False), ("notes", "citations", True)):
        for value, line in zip(tables[table][column], tables[table][load.LINE], strict=False):
            for key in load.split_list(value):
                used[key] += 1
                if key in references or (allow_ids and key in assertion_ids):
                    continue
                hint = "cite an assertion id or a key of references.bib" if allow_ids else "add the entry to references.bib or correct the key"
                reports[table].add(line, column, f"unknown citation key '{key}'", hint)
    for value, line in zip(assertions["events"], assertions[load.LINE], strict=False):
        for event in load.split_list(value):
            if event not in event_ids:
                reports["assertions"].add(line, "events", f"unknown event id '{event}'", "add it to data/events.csv or correct the id")
    mentioned = {e for value in assertions["events"] for e in load.split_list(value)}
    for event, line in zip(events["id"], events[load.LINE], strict=False):
        if readable["assertions"] and event not in mentioned:
            reports["events"].add(
                line,
                "id",
                f"event '{event}' is mentioned by no assertion",
                "list it in the 'events' column of the assertions that mention it, or remove it",
            )
    for value, line in zip(notes["targets"], notes[load.LINE], strict=False):
        for target in load.split_list(value):
            if target not in assertion_ids:
                reports["notes"].add(line, "targets", f"unknown assertion id '{target}'", "use an id from data/assertions.csv")

    # the bibliography: honest, complete, and described in sources.csv
    roles = dict(zip(sources["key"], sources["role"], strict=False))
    for key, reference in references.items():
        for field in REQUIRED_BIB_FIELDS:
            if not reference.fields.get(field):
                bib.add(reference.line, field, f"entry '{key}' has no {field}", f"add a {field} field (see data/README.md, citation policy)")
        for field in FORBIDDEN_BIB_FIELDS:
            if field in reference.fields:
                bib.add(
                    reference.line,
                    field,
                    f"entry '{key}' gives a {field}, which the chronicle never provides",
                    "remove it: nothing is invented (data/README.md, citation policy)",
                )
        title, note, role = reference.fields.get("title", ""), reference.fields.get("note", ""), roles.get(key)
        if role in {"citee", "editeurs"} and title and not (title.startswith("[") and title.endswith("]")):
            bib.add(
                reference.line,
                "title",
                f"entry '{key}': a title supplied by the editors must be in [square brackets]",
                "write the descriptive title as [ … ]",
            )
        if role == "citee" and CITED_NOTE not in note:
            bib.add(reference.line, "note", f"entry '{key}' does not say it is as cited by the chronicle", f"start the note with '{CITED_NOTE}'")
        if role == "editeurs" and EDITORS_NOTE not in note:
            bib.add(reference.line, "note", f"entry '{key}' does not say it is the editors' reference", f"start the note with '{EDITORS_NOTE}'")
        if role is None and readable["sources"]:
            bib.add(
                reference.line,
                "key",
                f"entry '{key}' has no row in data/sources.csv",
                "describe it in data/sources.csv (kind, country, language, role)",
            )
        if not used[key] and readable["assertions"]:
            bib.add(reference.line, "key", f"entry '{key}' is cited nowhere", "cite it from an assertion, event or note, or remove it")
    for key, line in zip(sources["key"], sources[load.LINE], strict=False):
        if references and key not in references:
            reports["sources"].add(line, "key", f"'{key}' is not a key of references.bib", "remove the row or add the entry")

    # sections, codebook and attributions are all in use and consistent
    prefixes = dict(zip(tables["sections"]["code"], tables["sections"]["id_prefix"], strict=False))
    for row in assertions.itertuples():
        prefix = prefixes.get(row.section)
        if prefix and not row.id.startswith(prefix + "-"):
            reports["assertions"].add(
                row.csv_line, "id", f"id '{row.id}' does not start with the prefix of section '{row.section}' ({prefix}-)", f"rename it {prefix}-NNN"
            )
    if readable["assertions"]:
        in_use = (
            ("sections", "code", set(assertions["section"])),
            ("attributions", "name", set(assertions["attributed_to"])),
            ("codebook", "code", set(assertions["status"])),
            ("note_kinds", "code", set(notes["kind"])),
        )
        for table, column, used_values in in_use:
            for value, line in zip(tables[table][column], tables[table][load.LINE], strict=False):
                if value not in used_values:
                    reports[table].add(line, column, f"'{value}' is used by no assertion", "remove the row or use it")
        statuses = dict(zip(assertions["id"], assertions["status"], strict=False))
        for row in tables["codebook"].itertuples():
            if row.example in statuses and statuses[row.example] != row.code:
                reports["codebook"].add(
                    row.csv_line,
                    "example",
                    f"example {row.example} has status '{statuses[row.example]}', not '{row.code}'",
                    "pick an assertion with this status",
                )

    _check_events(events, reports["events"])
    if readable["assertions"] and readable["sections"] and edition.chronicle:
        _check_coverage(assertions, tables["sections"], edition.chronicle, reports["assertions"], paths.CHRONICLE, problems)
        for row in events.itertuples():
            if row.chronicle_date and row.chronicle_date not in edition.chronicle:
                reports["events"].add(
                    row.csv_line,
                    "chronicle_date",
                    f"'{row.chronicle_date}' is not in the chronicle",
                    "copy the date verbatim from data/chronicle.txt",
                )
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.field, p.message))


def _check_presentation(edition: Edition, reports: dict[str, _Report]) -> None:
    """Every value of a vocabulary the book styles (statuses, sections) has its style: a status
    added to the data without a colour and an icon is a data problem, not a crash at render time."""
    for table, styled, where in (("codebook", STATUS_STYLE, "STATUS_STYLE"), ("sections", SECTION_COLOURS, "SECTION_COLOURS")):
        for code, line in zip(edition.raw[table]["code"], edition.raw[table][load.LINE], strict=False):
            if code and code not in styled:
                reports[table].add(
                    line,
                    "code",
                    f"'{code}' has no style in chronique/palette.py",
                    f"add '{code}' to {where} (colour and icon), or use an existing code",
                )
