"""The one bibliography in three parts: what the chronicle names, what the editors consulted, what
the editors added.

sphinxcontrib-bibtex gives one bibliography per page, and two ``bibliography`` directives on a
page collide (each makes an id for every entry). So the bibliography stays one list, in one
alphabetical order, and is cut into its parts once written:

- in HTML (:class:`GroupedBibliography`), each part a section under its heading (``h2``),
  entries in their order;
- in LaTeX (:func:`latex_parts`, called by :class:`.latex.PlaceBibliography`), one
  ``thebibliography`` per part, each under its unnumbered section.

An entry's part comes from the data: a row of ``data/evidence.csv`` (its key is the document's
id in lower case) is a consulted document; a key whose ``data/sources.csv`` role is
``editeurs`` is an editors' reference; everything else (the chronicle and the sources it
names) comes first.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from chronique import bibliography
from chronique.edition import Edition

from .domain import edition_of

#: (part, heading), in the order the parts are printed
PARTS = (
    ("nommees", "La chronique et les sources qu’elle nomme"),
    ("consultes", "Documents consultés par les éditeurs"),
    ("editeurs", "Références ajoutées par les éditeurs"),
)
#: sphinxcontrib-bibtex's ``bibtex_cite_id`` (``_config.yml``): an entry's id is this prefix and its key
ENTRY_ID_PREFIX = "ref-"


def part_of(edition: Edition) -> dict[str, str]:
    """Key → ``nommees``, ``consultes`` or ``editeurs``: the part of the bibliography each entry
    of references.bib belongs to."""
    consulted = {bibliography.evidence_key(i) for i in edition.rows("evidence")}
    roles = edition.labels("sources", "role")
    return {key: "consultes" if key in consulted else "editeurs" if roles.get(key) == "editeurs" else "nommees" for key in edition.references}


def entry_key(citation: nodes.Element) -> str | None:
    ids = [i for i in citation.get("ids", ()) if i.startswith(ENTRY_ID_PREFIX)]
    return ids[0][len(ENTRY_ID_PREFIX) :] if ids else None


def parts(edition: Edition, citations: list[nodes.Element]) -> dict[str, list[nodes.Element]]:
    """The citations by part, each part keeping their order."""
    grouped: dict[str, list[nodes.Element]] = {part: [] for part, _ in PARTS}
    part = part_of(edition)
    for citation in citations:
        grouped[part.get(entry_key(citation) or "", "nommees")].append(citation)
    return grouped


class GroupedBibliography(SphinxPostTransform):
    """HTML: the written bibliography cut into its parts, each under its heading."""

    default_priority = 8  # after sphinxcontrib-bibtex wrote the entries (its transform: 5)
    formats = ("html",)

    def run(self, **kwargs) -> None:
        citations = [c for c in self.document.findall(nodes.citation) if entry_key(c)]
        if not citations:
            return
        parent = citations[0].parent
        if any(c.parent is not parent for c in citations):
            return  # not one list: leave it as written
        at = parent.index(citations[0])
        for citation in citations:
            parent.remove(citation)
        grouped = parts(edition_of(self.env), citations)
        sections = []
        for part, heading in PARTS:
            members = grouped[part]
            if members:
                section = nodes.section("", nodes.title(heading, heading), ids=[f"bibliographie-{part}"], classes=["chronique-bibliography-part"])
                section.extend(members)
                sections.append(section)
        parent[at:at] = sections


def latex_parts(edition: Edition, bibliography_node: nodes.Element) -> list[tuple[str, nodes.Element]]:
    """LaTeX: the ``thebibliography`` node cut into one per part, each with its heading."""
    grouped = parts(edition, [c for c in bibliography_node.children if isinstance(c, nodes.citation)])
    out = []
    for part, heading in PARTS:
        if grouped[part]:
            copy = bibliography_node.copy()
            copy.extend(grouped[part])
            out.append((heading, copy))
    return out
