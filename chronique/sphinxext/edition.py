"""The edition's data as the extension sees it, and the checks that stop a build on bad data.

The data is read from ``chronique_root`` (default: the project), validated once at build
start, and cached per build so that every directive renders from the same tables. Data
problems raise :class:`ChroniqueError` rather than warn, so the build fails with or without
``-W`` and the message says which file, which id or key, and how to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.errors import SphinxError

from chronique import load
from chronique.bibliography import Reference, read_bibliography
from chronique.paths import PROJECT_ROOT
from chronique.problems import Problem
from chronique.validate import validate

#: files whose change must re-render every page that shows data
DATA_FILES = load.TABLES


class ChroniqueError(SphinxError):
    """Bad data or an unknown id or key in a chapter: the build cannot honestly go on."""

    category = "Chronique data error"


def fail(problems: list[Problem], summary: str) -> None:
    """Raise one error listing every problem, one ``file:line: field: message (fix: …)`` a line."""
    raise ChroniqueError("\n".join([summary, *(str(p) for p in problems)]))


@dataclass(frozen=True)
class Edition:
    """Every table the pages render, read from one project root."""

    root: Path
    assertions: pd.DataFrame
    notes: pd.DataFrame
    codebook: pd.DataFrame
    sections: pd.DataFrame
    attributions: pd.DataFrame
    sources: pd.DataFrame
    events: pd.DataFrame
    note_kinds: pd.DataFrame
    references: dict[str, Reference]

    @cached_property
    def assertion(self) -> dict[str, tuple]:
        """Assertion rows (named tuples) by id."""
        return {row.id: row for row in self.assertions.itertuples(index=False)}

    @cached_property
    def status_label(self) -> dict[str, str]:
        return dict(zip(self.codebook["code"], self.codebook["label"]))

    @cached_property
    def note_kind_label(self) -> dict[str, str]:
        return dict(zip(self.note_kinds["code"], self.note_kinds["label"]))

    @cached_property
    def attribution_kind(self) -> dict[str, str]:
        return dict(zip(self.attributions["name"], self.attributions["kind"]))

    @cached_property
    def section_title(self) -> dict[str, str]:
        return dict(zip(self.sections["code"], self.sections["title"]))

    def notes_on(self, assertion_id: str) -> list[tuple]:
        """The editors' notes whose targets include ``assertion_id``, in note order."""
        return [note for note in self.notes.itertuples(index=False) if assertion_id in load.split_list(note.targets)]

    def citing(self, key: str, table: pd.DataFrame) -> list[str]:
        """Ids of the rows of ``table`` (assertions, notes, events) whose citations include ``key``."""
        return [row.id for row in table.itertuples() if key in load.split_list(row.citations)]



def project_root(app_or_env) -> Path:
    return Path(app_or_env.config.chronique_root).resolve()


def edition_of(app_or_env) -> Edition:
    """The data under ``chronique_root``, read once per state of its files."""
    root = project_root(app_or_env)
    signature = tuple(p.stat().st_mtime_ns if p.exists() else 0 for p in data_paths(root))
    return _read(root, signature)


def data_paths(root: Path) -> list[Path]:
    """The files a rendered page depends on (Sphinx re-reads the page when one changes)."""
    return [root / "data" / f"{name}.csv" for name in DATA_FILES] + [root / "references.bib"]


@lru_cache(maxsize=4)
def _read(root: Path, signature: tuple[int, ...]) -> Edition:
    references, _ = read_bibliography(root=root)
    tables = {name: getattr(load, name)(root) for name in DATA_FILES}
    return Edition(root=root, references=references, **tables)


def check_data(app: Sphinx) -> None:
    """At build start: fail with every problem of the data and bibliography, or read them."""
    root = project_root(app)
    problems = validate(root)
    if problems:
        fail(problems, f"{len(problems)} problem(s) in the data under {root}; fix them (run chronique-validate --root {root}) and rebuild:")
    edition_of(app)


def check_cited_keys(app: Sphinx, env) -> None:
    """Every key cited in a page (``{cite}`` roles and rendered data) exists in references.bib."""
    known = set(edition_of(app).references)
    domain = env.get_domain("cite")
    problems = [
        Problem(str(env.doc2path(ref.docname, base=False)), ref.line or _line_of(env, ref), "cite",
                f"unknown citation key '{target.key}'", "add the entry to references.bib or correct the key")
        for ref in domain.citation_refs
        for target in ref.targets
        if target.key not in known
    ]
    if problems:
        fail(sorted(set(problems), key=str), f"{len(problems)} unknown citation key(s):")


def _line_of(env, citation_ref) -> int:
    """The line of a citation in its page (sphinxcontrib-bibtex does not always record it)."""
    for node in env.get_doctree(citation_ref.docname).findall(addnodes.pending_xref):
        if citation_ref.citation_ref_id in node["ids"]:
            return node.line or 0
    return 0


def setup(app: Sphinx):
    app.add_config_value("chronique_root", str(PROJECT_ROOT), "env", types=[str, Path])
    app.connect("builder-inited", check_data)
    app.connect("env-check-consistency", check_cited_keys)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
