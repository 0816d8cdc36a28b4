"""Read ``references.bib`` with bibtexparser 2 and say what it could not read.

bibtexparser 2 keeps blocks it cannot parse (and duplicate keys) aside in
``library.failed_blocks`` instead of raising: we turn each into a :class:`Problem`,
so nothing is dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass

import bibtexparser
from bibtexparser.model import DuplicateBlockKeyBlock

from .problems import Problem


@dataclass(frozen=True)
class Reference:
    """One BibTeX entry: its key, type, fields (lower-case names) and 1-based line."""

    key: str
    entry_type: str
    fields: dict[str, str]
    line: int


def read_bibliography(text: str, name: str = "references.bib") -> tuple[dict[str, Reference], list[Problem]]:
    """Entries by key, and one problem per block bibtexparser could not use (``name``: the file
    as messages call it)."""
    library = bibtexparser.parse_string(text)
    problems = []
    for block in library.failed_blocks:
        line = block.start_line + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            problems.append(Problem(name, line, "key", f"duplicate key '{block.key}'", "give each entry its own key, or merge the two entries"))
        else:
            head = block.raw.strip().splitlines()[0][:60] if block.raw.strip() else ""
            problems.append(
                Problem(name, line, "entry", f"unparsable BibTeX block starting '{head}'", "check braces are balanced and fields end with a comma")
            )
    references = {}
    for entry in library.entries:
        fields = {f.key.lower(): str(f.value).strip() for f in entry.fields}
        references[entry.key] = Reference(entry.key, entry.entry_type.lower(), fields, entry.start_line + 1)
    return references, problems


# --- the consulted documents: generated from data/evidence.csv ------------------------------------

BEGIN = "% evidence:begin (generated from data/evidence.csv by python -m chronique.evidence --write: do not edit by hand)"
END = "% evidence:end"
UNDATED = "s. d."  # « sans date », the French bibliographic mark for an undated document


def evidence_key(evidence_id: str) -> str:
    """``EV-012`` → ``ev-012``: the BibTeX key of a consulted document."""
    return evidence_id.lower()


def _braced(value: str) -> str:
    """A BibTeX value: braces balanced, so a title or note cannot break the entry."""
    return value.replace("{", "(").replace("}", ")")


def evidence_entry(row) -> str:
    """One ``@online`` entry with exactly what the evidence row records: who published the page,
    the editors' bracketed title, the page's date (or « s. d. »), the address as the search tool
    gave it, the day the editors read it, and (as a note) the outlet it republishes and a date
    read from the address. Nothing else is supplied."""
    fields = [
        ("author", "{" + _braced(row.outlet) + "}"),
        ("title", _braced(row.title)),
        ("year", row.published[:4] if row.published else UNDATED),
    ]
    if row.published:
        fields.append(("date", row.published))
    fields += [("url", row.url), ("urldate", row.consulted), ("language", row.language)]
    note = []
    if row.via:
        note.append(f"Reprend {_braced(row.via)}.")
    if row.published_from == "url":
        note.append("Date lue dans l’adresse de la page.")
    if note:
        fields.append(("note", " ".join(note)))
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(f"  {name.ljust(width)} = {{{value}}}" for name, value in fields)
    return f"@online{{{evidence_key(row.id)},\n{body}\n}}"


def evidence_block(evidence) -> str:
    """The generated part of references.bib: one entry per row of ``evidence`` (a DataFrame)."""
    entries = [evidence_entry(row) for row in evidence.itertuples(index=False)]
    return "\n".join([BEGIN, "", "\n\n".join(entries), "", END]) + "\n"


def refreshed_bibliography(text: str, evidence) -> str:
    """``references.bib`` with its generated block replaced (appended when there is none yet)."""
    head, found, rest = text.partition(BEGIN)
    if not found:
        return text.rstrip("\n") + "\n\n" + evidence_block(evidence)
    _, _, tail = rest.partition(END + "\n")
    return head + evidence_block(evidence) + tail


if __name__ == "__main__":  # ``python -m chronique.bibliography --write`` is ``python -m chronique.evidence --write``
    from .evidence import main

    raise SystemExit(main())
