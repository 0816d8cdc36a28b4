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

from . import bibliography, load, paths
from .palette import SECTION_COLOURS, STATUS_STYLE, VERDICT_STYLE
from .paths import CHRONICLE_KEY
from .problems import Problem
from .publication import check_cff

if TYPE_CHECKING:
    from .edition import Edition

PRECISION_FORMATS = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "season": r"\d{4}-\d{2}", "year": r"\d{4}"}
FORBIDDEN_BIB_FIELDS = ("url", "doi", "pages", "isbn", "issn")
#: fields a consulted document's entry (and only it) carries, as data/evidence.csv records them
EVIDENCE_BIB_FIELDS = ("url", "urldate", "date")
#: what a consulted document's entry always has (its note only says what there is to say)
EVIDENCE_REQUIRED_FIELDS = ("author", "title", "year", "url", "urldate")
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


NO_HEADING = "(none)"


def _nearest_heading_above(lines: list[str], headings: set[str]) -> list[str]:
    """For each 1-based line number, the closest heading on an earlier line (``NO_HEADING`` if none), in one pass."""
    above, current = [NO_HEADING, NO_HEADING], NO_HEADING
    for text in lines[:-1]:
        current = text if text in headings else current
        above.append(current)
    return above


def _check_coverage(
    assertions: pd.DataFrame, sections: pd.DataFrame, chronicle: str, report: _Report, chronicle_name: str, problems: list[Problem]
) -> None:
    """Verbatim text, order, headings, and every line of the chronicle covered exactly once.

    Every line counts, title and byline included (section « titre »). A row's ``subsection`` is
    the nearest heading above its line; a heading that is itself an assertion (line 3, a dated
    claim) has its own text; rows before any heading take their section's title."""
    lines = chronicle.split("\n")
    headings = set(assertions["subsection"]) | {h for h in sections["chronicle_heading"] if h}
    heading_above = _nearest_heading_above(lines, headings)
    section_titles = dict(zip(sections["code"], sections["title"], strict=False))
    covered: dict[int, list[tuple[int, int, int]]] = {}
    for row in assertions.itertuples():
        if not re.fullmatch(r"\d+", str(row.paragraph)):
            continue
        number = int(row.paragraph)
        if not 1 <= number <= len(lines):
            report.add(
                row.csv_line,
                "paragraph",
                f"line {number} is not a line of data/chronicle.txt",
                f"use a line number between 1 and {len(lines)}",
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
        if row.text == line_text and row.subsection == line_text:
            expected = line_text  # a heading that is an assertion heads itself
        elif expected == NO_HEADING:
            expected = section_titles.get(row.section, NO_HEADING)
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
        if not line_text.strip() or (line_text in headings and number not in covered):
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
    _check_editorial_layers(edition, reports)
    evidence_keys = _check_verification(edition, reports)

    references = edition.references
    bib = _Report(problems, paths.BIBLIOGRAPHY)
    assertions, events, notes, sources = (tables[t] for t in ("assertions", "events", "notes", "sources"))
    assertion_ids, event_ids = set(assertions["id"]), set(events["id"])

    # citations resolve; every key is used
    used: Counter[str] = Counter()
    used.update(evidence_keys)  # a consulted document is used by its checks (see _check_verification)
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
        for field in REQUIRED_BIB_FIELDS if key not in evidence_keys else EVIDENCE_REQUIRED_FIELDS:
            if not reference.fields.get(field):
                bib.add(reference.line, field, f"entry '{key}' has no {field}", f"add a {field} field (see data/README.md, citation policy)")
        for field in FORBIDDEN_BIB_FIELDS:
            if field in reference.fields and not (field in EVIDENCE_BIB_FIELDS and key in evidence_keys):
                bib.add(
                    reference.line,
                    field,
                    f"entry '{key}' gives a {field} but is not a document the editors consulted (data/evidence.csv)",
                    "remove it: a url is only given for a consulted document, nothing is invented (data/README.md, citation policy)",
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
        if role is None and readable["sources"] and key not in evidence_keys:
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
    """Every value of a vocabulary the book styles (statuses, sections, verdicts) has its style: a status
    added to the data without a colour and an icon is a data problem, not a crash at render time."""
    for table, styled, where in (
        ("codebook", STATUS_STYLE, "STATUS_STYLE (colour and icon)"),
        ("sections", SECTION_COLOURS, "SECTION_COLOURS (colour)"),
        ("verdicts", VERDICT_STYLE, "VERDICT_STYLE (colour and icon)"),
    ):
        for code, line in zip(edition.raw[table]["code"], edition.raw[table][load.LINE], strict=False):
            if code and code not in styled:
                reports[table].add(
                    line,
                    "code",
                    f"'{code}' has no style in chronique/palette.py",
                    f"add '{code}' to {where}, or use an existing code",
                )


#: a sentence of the editors' prose that opens with a digit (French style writes the number out or
#: rephrases: « Le 20 janvier 2025, … », not « 20 janvier 2025 : … »)
DIGIT_OPENING = re.compile(r"(?:^|[.!?]\s+)(\d)")
#: a range written with a hyphen (« 2023-2025 », « 4-5 novembre ») where French typography wants an en dash
HYPHEN_RANGE = re.compile(r"(?<![\w-])\d{1,4}-\d{1,4}(?![\w-])")
NO_BREAK_SPACES = ("\u00a0", "\u202f")


def outside_quotations(text: str) -> str:
    """``text`` without what stands between « and » (the chronicle's words, quoted verbatim)."""
    kept, depth = [], 0
    for character in text:
        depth += character == "«"
        if depth == 0:
            kept.append(character)
        depth -= character == "»" and depth > 0
    return "".join(kept)


def quotations(text: str) -> list[str]:
    """The outermost « … » quotations of ``text``, nested guillemets included in them."""
    found, depth, start = [], 0, 0
    for index, character in enumerate(text):
        if character == "«":
            depth += 1
            start = index + 1 if depth == 1 else start
        elif character == "»" and depth:
            depth -= 1
            if depth == 0:
                found.append(text[start:index].strip())
    return found


def _check_editorial_layers(edition: Edition, reports: dict[str, _Report]) -> None:
    """What the editors add around the verbatim text is exact, and marked as theirs: retired ids,
    [sic] marks, quotations of the chronicle in notes, and French typography in their prose."""
    tables, chronicle = edition.raw, edition.chronicle
    assertions = tables["assertions"]
    ids = set(assertions["id"])
    prefixes = dict(zip(tables["sections"]["code"], tables["sections"]["id_prefix"], strict=False))
    seen_aliases: dict[str, int] = {}
    for row in assertions.itertuples():
        for alias in load.split_list(row.aliases):
            if alias in ids:
                reports["assertions"].add(
                    row.csv_line,
                    "aliases",
                    f"'{alias}' is a retired id but still the id of an assertion",
                    "remove it from aliases, or retire the assertion",
                )
            elif alias in seen_aliases:
                reports["assertions"].add(
                    row.csv_line,
                    "aliases",
                    f"'{alias}' is already an alias on line {seen_aliases[alias]}",
                    "a retired id lands on one assertion only",
                )
            seen_aliases.setdefault(alias, row.csv_line)
            prefix = prefixes.get(row.section)
            if prefix and not alias.startswith(prefix + "-"):
                reports["assertions"].add(
                    row.csv_line,
                    "aliases",
                    f"'{alias}' does not have the prefix of section '{row.section}' ({prefix}-)",
                    "an id is retired into its own section",
                )

    texts = dict(zip(assertions["id"], assertions["text"], strict=False))
    for row in tables["sic"].itertuples():
        text = texts.get(row.assertion)
        if text is not None and row.text and text.count(row.text) != 1:
            where = "does not occur" if row.text not in text else f"occurs {text.count(row.text)} times"
            reports["sic"].add(
                row.csv_line,
                "text",
                f"'{row.text}' {where} in the text of {row.assertion}",
                "copy a fragment that occurs exactly once in the assertion (the [sic] mark goes right after it)",
            )

    chronicler = {name for name, kind in zip(tables["attributions"]["name"], tables["attributions"]["kind"], strict=False) if kind == "chroniqueur"}
    for row in assertions.itertuples():
        if row.section == "faits" and "«" in row.text and row.attributed_to in chronicler and quotations(row.text):
            reports["assertions"].add(
                row.csv_line,
                "attributed_to",
                f"{row.id} quotes someone's words but is attributed to the chronicler",
                "attribute the sentence to the speaker it quotes (see the codebook's precedence)",
            )

    for row in tables["events"].itertuples():
        if row.date_source == "chronicle" and load.split_list(row.citations) != [CHRONICLE_KEY]:
            reports["events"].add(
                row.csv_line,
                "citations",
                "a date taken from the chronicle must cite the chronicle only",
                f"cite '{CHRONICLE_KEY}'; put the record's evidence on the date the editors establish",
            )

    for row in tables["notes"].itertuples():
        for quoted in quotations(row.text):
            pieces = [p.strip(" ,;:") for p in quoted.replace("“", "« ").replace("”", " »").split("[…]")]
            missing = [p for p in pieces if p and p not in chronicle]
            if missing:
                reports["notes"].add(
                    row.csv_line,
                    "text",
                    f"quotation « {missing[0][:60]} » is not in the chronicle",
                    "quote the chronicle character for character; mark cuts with […]",
                )

    prose = (
        ("notes", "text"),
        ("sic", "explanation"),
        ("attributions", "identification"),
        ("codebook", "definition"),
        ("codebook", "decision_rule"),
        ("verdicts", "definition"),
    )
    for table, column in prose:
        if table not in tables:
            continue
        for value, line in zip(tables[table][column], tables[table][load.LINE], strict=False):
            if DIGIT_OPENING.search(outside_quotations(value)):
                reports[table].add(
                    line,
                    column,
                    "a sentence of the editors' prose opens with a digit",
                    "write the number out or rephrase (« Le 20 janvier 2025, … »)",
                )
    for table, column in (("events", "label"), ("sources", "name")):
        for value, line in zip(tables[table][column], tables[table][load.LINE], strict=False):
            found = HYPHEN_RANGE.search(outside_quotations(value))
            if found:
                reports[table].add(
                    line, column, f"range '{found.group(0)}' written with a hyphen", "use an en dash (–) between the bounds of a range"
                )
    for table, frame in tables.items():
        for column in (c for c in frame.columns if c != load.LINE):
            for value, line in zip(frame[column], frame[load.LINE], strict=False):
                if any(space in str(value) for space in NO_BREAK_SPACES):
                    reports[table].add(
                        line,
                        column,
                        "non-breaking space in the data",
                        "write ordinary spaces: the book adds French non-breaking spaces when it renders (data/README.md)",
                    )


#: a verdict that rests on documents needs at least one of these stances among its evidence
VERDICT_STANCES = {"confirme": {"appuie"}, "inexact": {"contredit"}, "partiellement_exact": {"appuie", "contredit"}}


def _check_verification(edition: Edition, reports: dict[str, _Report]) -> set[str]:
    """The fact-checks hold together: dated, consulted documents; verdicts that rest on evidence;
    every assertion that must be checked is; every named source was searched for; the consulted
    documents' BibTeX entries say what their rows say. Returns the documents' BibTeX keys."""
    tables = edition.raw
    evidence, checks, links, resolution = (tables[t] for t in ("evidence", "checks", "check_evidence", "source_resolution"))
    bib = _Report(reports["assertions"].problems, paths.BIBLIOGRAPHY)
    today = dt.date.today()
    keys = {bibliography.evidence_key(i): i for i in evidence["id"]}

    for row in evidence.itertuples():
        consulted = _parse_date(row.consulted) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", row.consulted) else None
        published = _parse_date(row.published) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", row.published) else None
        for name, value, parsed in (("consulted", row.consulted, consulted), ("published", row.published, published)):
            if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) and parsed is None:
                reports["evidence"].add(row.csv_line, name, f"'{value}' is not a real calendar date", "check month (01-12) and day")
        if consulted and consulted > today:
            reports["evidence"].add(
                row.csv_line, "consulted", f"consulted on {row.consulted}, which is in the future", "write the day the stored copy was read"
            )
        if consulted and published and consulted < published:
            reports["evidence"].add(
                row.csv_line, "consulted", f"consulted ({row.consulted}) before it was published ({row.published})", "correct one of the two dates"
            )
        if bool(row.published) != bool(row.published_from):
            reports["evidence"].add(
                row.csv_line,
                "published_from",
                "say where the date comes from (page or url) exactly when there is a date",
                "set published_from to page or url, or empty both",
            )
        reference = edition.references.get(bibliography.evidence_key(row.id))
        regenerate = "run python -m chronique.evidence --write"
        if reference is None:
            reports["evidence"].add(row.csv_line, "id", f"no BibTeX entry '{bibliography.evidence_key(row.id)}' for {row.id}", regenerate)
            continue
        for field, value in (("url", row.url), ("urldate", row.consulted), ("title", row.title), ("date", row.published)):
            if reference.fields.get(field, "") != value:
                bib.add(reference.line, field, f"entry '{reference.key}' does not say what data/evidence.csv says of {row.id}", regenerate)
                break

    stances: dict[str, set[str]] = {}
    for check, stance in zip(links["check"], links["stance"], strict=False):
        stances.setdefault(check, set()).add(stance)
    for row in checks.itertuples():
        needed = VERDICT_STANCES.get(row.verdict)
        if needed and not needed & stances.get(row.id, set()):
            reports["checks"].add(
                row.csv_line,
                "verdict",
                f"verdict '{row.verdict}' rests on no document ({' or '.join(sorted(needed))})",
                "link the documents in data/check_evidence.csv, or use non_etaye or inverifiable",
            )

    must_check = {code for code, rule in zip(tables["codebook"]["code"], tables["codebook"]["verification"], strict=False) if rule == "obligatoire"}
    checked = set(checks["assertion"])
    for row in tables["assertions"].itertuples():
        if row.status in must_check and row.id not in checked:
            reports["assertions"].add(
                row.csv_line,
                "id",
                f"{row.id} ({row.status}) has no check",
                "add a row to data/checks.csv (inverifiable, said so, when nothing public bears on it)",
            )

    roles = dict(zip(tables["sources"]["key"], tables["sources"]["role"], strict=False))
    named = {
        (row.id, key): row.csv_line
        for row in tables["assertions"].itertuples()
        for key in load.split_list(row.citations)
        if roles.get(key) == "citee"
    }
    searched = set()
    for row in resolution.itertuples():
        searched.add((row.assertion, row.outlet))
        if row.assertion and row.outlet and (row.assertion, row.outlet) not in named:
            reports["source_resolution"].add(
                row.csv_line,
                "outlet",
                f"{row.assertion} does not name '{row.outlet}'",
                "record the searches for the sources an assertion cites (role citee)",
            )
        found = load.split_list(row.evidence)
        if row.result in {"site_propre", "republication"} and not found:
            reports["source_resolution"].add(
                row.csv_line, "evidence", f"result '{row.result}' without the document found", "give the evidence id(s) of what was found"
            )
        if row.result == "non_trouve" and found:
            reports["source_resolution"].add(
                row.csv_line, "evidence", "documents given for a search that found nothing", "use site_propre or republication, or empty evidence"
            )
        for evidence_id in found:
            if bibliography.evidence_key(evidence_id) not in keys:
                reports["source_resolution"].add(row.csv_line, "evidence", f"unknown evidence id '{evidence_id}'", "use an id of data/evidence.csv")
    for (assertion, key), line in named.items():
        if (assertion, key) not in searched:
            reports["assertions"].add(
                line,
                "citations",
                f"no search recorded for '{key}', named by {assertion}",
                "add the search and its result to data/source_resolution.csv",
            )

    used = set(links["evidence"]) | {i for value in resolution["evidence"] for i in load.split_list(value)}
    used |= {keys[key] for table in ("events", "notes") for value in tables[table]["citations"] for key in load.split_list(value) if key in keys}
    for row in evidence.itertuples():
        if row.id and row.id not in used:
            reports["evidence"].add(
                row.csv_line,
                "id",
                f"{row.id} is used by no check, search, event or note",
                "link it from data/check_evidence.csv or data/source_resolution.csv, or remove it",
            )
    return set(keys)
