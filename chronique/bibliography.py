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
