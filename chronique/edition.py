"""The edition's data as one object, read once from one book folder.

:class:`Edition` holds everything under a book's root that the book renders: the tables of
``data/`` (as declared by ``data/datapackage.json``), the chronicle's text, ``references.bib``
and ``CITATION.cff``. Each file is read once; the rules (:mod:`chronique.rules`) check
the very tables the edition holds, and the Sphinx extension, the notebooks, the analyses and the
command-line tools all ask this object. Nothing here knows where the package is installed: the
root is the book being built (:func:`chronique.paths.find_root`).

    edition = load_edition()          # the book around the current folder, validated
    edition.assertions                # a pandas DataFrame, in chronicle order
    edition.assertion["FA-001"]       # one row (a named tuple)
    edition.notes_on("FA-001")        # the editors' notes on it
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from functools import cached_property
from pathlib import Path

import pandas as pd

from . import load, paths, rules
from .bibliography import Reference, read_bibliography
from .problems import DataError, Problem
from .publication import Publication, parse_cff


class Edition:
    """Every table, the chronicle, the bibliography and the publication metadata of one book.

    Build it with :meth:`read` (which never raises on bad data: the problems are kept and
    :meth:`validate` reports them with everything else) or :func:`load_edition` (read and
    validate, raising :class:`~chronique.problems.DataError` on any problem).
    """

    def __init__(
        self,
        root: Path,
        package: load.DataPackage,
        raw: dict[str, pd.DataFrame],
        references: dict[str, Reference],
        chronicle: str,
        cff: dict | None,
        read_problems: list[Problem],
        digests: dict[str, str],
    ):
        self.root = root
        self.package = package
        self.raw = raw  # tables as read: strings, plus each row's line (load.LINE), for the validator
        self.references = references
        self.chronicle = chronicle
        self.cff = cff
        self.read_problems = read_problems
        self.digests = digests  # file (relative to root) → sha256 of its bytes, what a rebuild compares

    # --- reading ---------------------------------------------------------------------------------

    @classmethod
    def read(cls, root: Path | str) -> Edition:
        """Read every file of the book at ``root`` once, keeping what stops a file from being read."""
        root = Path(root).resolve()
        problems: list[Problem] = []
        digests: dict[str, str] = {}

        def bytes_of(relative: str) -> bytes | None:
            path = root / relative
            if not path.is_file():
                return None
            data = path.read_bytes()
            digests[relative] = hashlib.sha256(data).hexdigest()
            return data

        def text_of(relative: str) -> str | None:
            data = bytes_of(relative)
            if data is None:
                problems.append(Problem(relative, 0, "file", "file is missing", f"restore {relative} (see data/README.md)"))
                return None
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError as err:
                problems.append(Problem(relative, data[: err.start].count(b"\n") + 1, "encoding", "not valid UTF-8", f"save {relative} as UTF-8"))
                return None

        descriptor = text_of(paths.DATAPACKAGE)
        if descriptor is None:
            raise DataError(problems)  # without the schema there is no table to read
        package = load.DataPackage.parse(descriptor)
        raw = {}
        for name, schema in package.tables.items():
            relative = f"{paths.DATA}/{schema.path}"
            frame, table_problems = load.read_table(bytes_of(relative), relative, schema)
            raw[name] = frame
            problems.extend(table_problems)
        chronicle = text_of(paths.CHRONICLE) or ""
        bibliography = text_of(paths.BIBLIOGRAPHY)
        references, bib_problems = read_bibliography(bibliography, paths.BIBLIOGRAPHY) if bibliography is not None else ({}, [])
        problems.extend(bib_problems)
        cff_text = text_of(paths.CITATION)
        cff = parse_cff(cff_text) if cff_text is not None else None
        return cls(root, package, raw, references, chronicle, cff, problems, digests)

    def validate(self) -> list[Problem]:
        """Every problem of the data, bibliography and metadata, sorted by file and line."""
        return rules.check(self)

    def files(self) -> list[Path]:
        """The files the edition was read from (a page that renders data depends on them)."""
        return [self.root / relative for relative in self.digests]

    def table_file(self, table: str) -> str:
        """``data/assertions.csv``: where ``table`` lives, relative to the root."""
        return f"{paths.DATA}/{self.package.tables[table].path}"

    # --- tables ------------------------------------------------------------------------------------

    def table(self, name: str) -> pd.DataFrame:
        """A table as analyses use it (integers typed, no line numbers), in its display order:
        by ``position`` (chronicle order) or ``order`` when it has one."""
        return self._tables[name]

    @cached_property
    def _tables(self) -> dict[str, pd.DataFrame]:
        tables = {}
        for name, frame in self.raw.items():
            frame = load.public(frame)
            for column in ("position", "order"):
                if column in frame.columns:
                    frame = frame.sort_values(column, kind="stable").reset_index(drop=True)
                    break
            tables[name] = frame
        return tables

    @property
    def assertions(self) -> pd.DataFrame:
        return self.table("assertions")

    @property
    def events(self) -> pd.DataFrame:
        return self.table("events")

    @property
    def sources(self) -> pd.DataFrame:
        return self.table("sources")

    @property
    def codebook(self) -> pd.DataFrame:
        return self.table("codebook")

    @property
    def sections(self) -> pd.DataFrame:
        return self.table("sections")

    @property
    def attributions(self) -> pd.DataFrame:
        return self.table("attributions")

    @property
    def note_kinds(self) -> pd.DataFrame:
        return self.table("note_kinds")

    @property
    def notes(self) -> pd.DataFrame:
        return self.table("notes")

    @cached_property
    def publication(self) -> Publication | None:
        """CITATION.cff as a :class:`~chronique.publication.Publication` (None when it is missing)."""
        return Publication.from_cff(self.cff) if self.cff else None

    # --- lookups, built once ------------------------------------------------------------------------

    def rows(self, table: str) -> dict[str, tuple]:
        """Rows (named tuples) of ``table`` by their first column (``id``, ``code``, ``key``, ``name``)."""
        return self._rows[table]

    @cached_property
    def _rows(self) -> dict[str, dict[str, tuple]]:
        return {name: {row[0]: row for row in frame.itertuples(index=False)} for name, frame in self._tables.items()}

    @property
    def assertion(self) -> dict[str, tuple]:
        """Assertion rows (named tuples) by id."""
        return self.rows("assertions")

    def lists(self, table: str, column: str) -> dict[str, tuple[str, ...]]:
        """A list column (``a;b``) split once: first-column value → tuple of items."""
        key = (table, column)
        if key not in self._lists:
            frame = self._tables[table]
            self._lists[key] = {first: tuple(load.split_list(value)) for first, value in zip(frame.iloc[:, 0], frame[column], strict=False)}
        return self._lists[key]

    @cached_property
    def _lists(self) -> dict[tuple[str, str], dict[str, tuple[str, ...]]]:
        return {}

    def labels(self, table: str, column: str = "label") -> dict[str, str]:
        """Code → label (or another column) of a vocabulary table, in its display order."""
        frame = self._tables[table]
        return dict(zip(frame.iloc[:, 0], frame[column], strict=False))

    @property
    def status_label(self) -> dict[str, str]:
        return self.labels("codebook")

    @property
    def note_kind_label(self) -> dict[str, str]:
        return self.labels("note_kinds")

    @property
    def attribution_kind(self) -> dict[str, str]:
        return self.labels("attributions", "kind")

    @property
    def section_title(self) -> dict[str, str]:
        return self.labels("sections", "title")

    def notes_on(self, assertion_id: str) -> list[tuple]:
        """The editors' notes whose targets include ``assertion_id``, in note order."""
        return self._notes_on.get(assertion_id, [])

    @cached_property
    def _notes_on(self) -> dict[str, list[tuple]]:
        index: dict[str, list[tuple]] = defaultdict(list)
        targets = self.lists("notes", "targets")
        for note in self.rows("notes").values():
            for target in targets[note.id]:
                index[target].append(note)
        return dict(index)

    def sic_on(self, assertion_id: str) -> list[tuple]:
        """The [sic] marks of an assertion (rows of sic.csv), in the order of its text."""
        return self._sic_on.get(assertion_id, [])

    @cached_property
    def _sic_on(self) -> dict[str, list[tuple]]:
        index: dict[str, list[tuple]] = defaultdict(list)
        for sic in self.rows("sic").values():
            index[sic.assertion].append(sic)
        texts = self.assertion
        return {key: sorted(marks, key=lambda row: texts[key].text.find(row.text)) for key, marks in index.items()}

    def citing(self, key: str, table: str) -> list[str]:
        """Ids of the rows of ``table`` (assertions, notes, events) whose citations include ``key``."""
        return [first for first, keys in self.lists(table, "citations").items() if key in keys]

    # --- the verification ---------------------------------------------------------------------------

    def checks_on(self, assertion_id: str) -> list[tuple]:
        """The fact-checks of ``assertion_id`` (rows of checks.csv), in check order."""
        return self._checks_on.get(assertion_id, [])

    @cached_property
    def _checks_on(self) -> dict[str, list[tuple]]:
        index: dict[str, list[tuple]] = defaultdict(list)
        for check in self.rows("checks").values():
            index[check.assertion].append(check)
        return dict(index)

    def evidence_for(self, check_id: str) -> list[tuple[tuple, str]]:
        """The documents a check rests on, each with its stance (appuie, contredit, contexte),
        supporting first, then contradicting, then context; by date within each."""
        return self._evidence_for.get(check_id, [])

    @cached_property
    def _evidence_for(self) -> dict[str, list[tuple[tuple, str]]]:
        evidence, order = self.rows("evidence"), {"appuie": 0, "contredit": 1, "contexte": 2}
        index: dict[str, list[tuple[tuple, str]]] = defaultdict(list)
        for link in self.table("check_evidence").itertuples(index=False):
            index[link.check].append((evidence[link.evidence], link.stance))
        for links in index.values():
            links.sort(key=lambda pair: (order[pair[1]], pair[0].published or "9999", pair[0].id))
        return dict(index)

    @cached_property
    def chronicle_published(self) -> str:
        """The day the chronicle was put online (its evidence row of kind ``chronique``), or ""."""
        dates = [row.published for row in self.rows("evidence").values() if row.kind == "chronique" and row.published]
        return min(dates, default="")


def load_edition(root: Path | str | None = None) -> Edition:
    """The book at ``root`` (default: the one around the current folder, see
    :func:`chronique.paths.find_root`), read and validated.

    Raises :class:`~chronique.problems.DataError` listing every problem as
    ``file:line: field: message (fix: …)``: a notebook or tool never works on bad data.
    """
    edition = Edition.read(root if root is not None else paths.find_root())
    problems = edition.validate()
    if problems:
        raise DataError(problems)
    return edition
