"""The « Citer cette édition » page: the recommended citation of the book or of one assertion.

``edition-citation`` writes the citation as text and as BibTeX, from ``CITATION.cff``; with
``:assertion: FA-001`` it cites one assertion by its permalink, which is known only once every
page has been read (a placeholder node is filled at ``doctree-resolved``).
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from chronique import paths
from chronique.publication import MONTHS, Person, Publication, doi_url

from .addresses import absolute, page_file
from .domain import edition_of, page_of
from .rendering import Page

logger = logging.getLogger(__name__)


class pending_citation(nodes.General, nodes.Element):
    """Placeholder for an assertion's citation, filled once every page's anchors are known."""


def bibtex_entry(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(f"  {name.ljust(width)} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}"


def book_key(pub: Publication) -> str:
    return f"editioncritique{pub.year}"


def book_citation(pub: Publication, url: str | None) -> tuple[list[nodes.Node], str]:
    """The book's citation; its link is the DOI once there is one, else the publication address."""
    link = doi_url(pub.doi) if pub.doi else url
    text = [
        nodes.Text(f"{pub.author_names} ({pub.year}). "),
        nodes.emphasis("", pub.title),
        nodes.Text(f", version {pub.version}, {pub.french_date}" + (f". {link}" if link else "") + "."),
    ]
    fields = [
        ("author", " and ".join(a.bibtex for a in pub.authors)),
        ("title", pub.title),
        ("year", str(pub.year)),
        ("month", MONTHS[pub.released.month - 1]),
        ("edition", f"version {pub.version}"),
        ("language", "french"),
        (
            "note",
            f"Édition critique de : {pub.chronicle_author}, « {pub.chronicle['title']} », {MONTHS[pub.chronicle['month'] - 1]} {pub.chronicle['year']}",
        ),
    ]
    if pub.doi:
        fields.append(("doi", pub.doi))
    if url:
        fields.append(("url", url))
    return text, bibtex_entry("book", book_key(pub), fields)


def shortened(text: str, limit: int = 70) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def assertion_citation(pub: Publication, row, chapter: str, permalink: str, link: nodes.Node) -> tuple[list[nodes.Node], str]:
    chronicle = pub.chronicle
    text = [
        nodes.Text(
            f"{pub.chronicle_author}, « {chronicle['title']} », {MONTHS[chronicle['month'] - 1]} {chronicle['year']}, "
            f"assertion {row.id} (« {shortened(row.text)} »), dans {pub.author_names} ({pub.year}), "
        ),
        nodes.emphasis("", pub.title),
        nodes.Text(f", version {pub.version}, chapitre « {chapter} », "),
        link,
        nodes.Text("."),
    ]
    fields = [
        ("author", " and ".join(Person.from_cff(a).bibtex for a in chronicle["authors"])),
        ("title", f"Assertion {row.id} : « {shortened(row.text)} »"),
        ("booktitle", pub.title),
        ("editor", " and ".join(a.bibtex for a in pub.authors)),
        ("chapter", chapter),
        ("year", str(pub.year)),
        ("edition", f"version {pub.version}"),
        ("language", "french"),
        ("url", permalink),
        ("note", f"Texte de la chronique ({chronicle['year']}) ; identifiant, statut, attribution et sources établis par les éditeurs"),
    ]
    return text, bibtex_entry("incollection", f"{book_key(pub)}-{row.id}", fields)


def citation_nodes(text: list[nodes.Node], bibtex: str) -> list[nodes.Node]:
    paragraph = nodes.paragraph("", "", *text, classes=["chronique-citation-text"])
    block = nodes.literal_block(bibtex, bibtex, language="bibtex", classes=["chronique-citation-bibtex"])
    return [paragraph, block]


class EditionCitation(SphinxDirective):
    """``edition-citation``: the book's recommended citation; ``:assertion: FA-001`` for one assertion."""

    option_spec = {"assertion": directives.unchanged_required}
    depends_on = ("assertions", paths.CITATION)

    def run(self) -> list[nodes.Node]:
        page = Page.of(self)
        assertion_id = self.options.get("assertion", "").strip()
        if assertion_id:
            if assertion_id not in page.edition.assertion:
                raise self.error(f"edition-citation: unknown assertion id '{assertion_id}' (use an id of data/assertions.csv, e.g. FA-001)")
            node = pending_citation(assertion=assertion_id)
            self.set_source_info(node)
            return [node]
        pub = page.edition.publication
        return citation_nodes(*book_citation(pub, absolute(self.config, page_file(self.config, self.config.root_doc))))


def resolve_citations(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Fill each assertion citation with its permalink, now that anchors are known."""
    edition = edition_of(app)
    pub = edition.publication
    for node in list(doctree.findall(pending_citation)):
        assertion_id = node["assertion"]
        row = edition.assertion[assertion_id]
        target = page_of(app, assertion_id)
        if target is None:
            logger.warning(f"edition-citation: no page anchors assertion {assertion_id}", location=node, type="chronique", subtype="citation")
            node.replace_self([])
            continue
        path = f"{page_file(app.config, target)}#{assertion_id}"
        permalink = absolute(app.config, path) or path  # what a reader copies
        refuri = f"{app.builder.get_relative_uri(docname, target)}#{assertion_id}"  # works wherever the book is opened
        link = nodes.reference("", permalink, refuri=refuri, internal=True)
        chapter = app.env.titles[target].astext() if target in app.env.titles else target
        node.replace_self(citation_nodes(*assertion_citation(pub, row, chapter, permalink, link)))
