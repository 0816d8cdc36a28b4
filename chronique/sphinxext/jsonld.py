"""schema.org JSON-LD for each page of the book: one graph that processors merge across pages.

Every node has a stable ``@id`` (:class:`Ids`), and a node refers to another by that ``@id`` only;
the same thing described on several pages is therefore one node once a processor merges the pages.
With a publication address ``B`` (:mod:`.addresses`) the ids are absolute; without one they are
relative to the page, which resolves them against its own address to the same ids.

==========================  ==========================================  ==========================
node                        ``@id``                                     on
==========================  ==========================================  ==========================
the edition (``Book``)      ``B#edition``                               every page of the book
its editors                 ``B#editeurs`` (CITATION.cff's one team;    every page of the book
                            a person: ``B#agent-<slug>``)
its PDF (``MediaObject``)   the PDF's address                           every page of the book
the page (``WebPage``)      the page's address                          its page
the chronicle and each      their entry in the bibliography page:       the bibliography page (the
reference (``CreativeWork``) ``B chapters/bibliographie.html#ref-<key>`` chronicle: every page);
                                                                        its @id on pages citing it
a person or organisation    ``B#agent-<slug of the name>``              pages naming them
an assertion (``Claim``)    its permalink: ``page#FA-001``              the page that anchors it
a fact-check                its permalink in the register of checks:    the page of the assertion
(``ClaimReview``)           ``chapters/verifications.html#C-001``       it checks
==========================  ==========================================  ==========================

The edition's licence is its SPDX URL; its abstract, title, version and date come from
CITATION.cff. Each Claim gives its text, author (the attribution: the chronicle's author for
« Le chroniqueur »), appearance (the one chronicle node), citations (reference nodes) and genre (its
status).

Extending the graph: a *contributor* is a function ``(graph: PageGraph) -> None`` that adds nodes
with ``graph.add(node)`` (which returns ``{"@id": …}`` to refer to it) and finds ids with
``graph.ids``; :data:`CONTRIBUTORS` runs them in order (:func:`add_claim_reviews` is one:
a ClaimReview per fact-check of the page's assertions). ``graph.editors`` refers to the editors'
one Organization, ``graph.reference`` to a source (whose CreativeWork the bibliography page
describes, :func:`add_references`). Give nested nodes an ``@id`` too, so that no blank node is
repeated.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from docutils import nodes
from sphinx.application import Sphinx

from chronique import bibliography
from chronique.edition import Edition
from chronique.paths import CHRONICLE_KEY
from chronique.publication import Person, Publication, doi_url
from chronique.typography import slug

from .addresses import address, page_file, pdf_name
from .domain import edition_of, page_of
from .pages import LANDING, PageInfo

CONTEXT = "https://schema.org"

#: attribution kinds (data/attributions.csv) that are people; the others are organisations
PERSON_KINDS = {"personne", "chroniqueur"}
#: the attribution kind of the chronicle's author speaking in his own name
AUTHOR_KIND = "chroniqueur"


class Ids:
    """Stable ``@id``\\ s, written from the page ``from_file`` (absolute with a publication address)."""

    def __init__(self, app: Sphinx, from_file: str):
        self.app, self.config, self.from_file = app, app.config, from_file

    def at(self, path: str) -> str:
        """``path`` (from the book's root, ``#x`` for the root itself) as an id."""
        return address(self.config, path, self.from_file)

    @property
    def edition(self) -> str:
        return self.at("#edition")

    @property
    def editors(self) -> str:
        return self.at("#editeurs")

    def agent(self, name: str) -> str:
        return self.at(f"#agent-{slug(name)}")

    def page(self, docname: str) -> str:
        return self.at(page_file(self.config, docname))

    def claim(self, assertion_id: str, docname: str) -> str:
        return self.at(f"{page_file(self.config, docname)}#{assertion_id}")

    def pdf(self) -> str:
        return self.at(pdf_name(self.config))

    @cached_property
    def entries(self) -> dict[str, tuple[str, str]]:
        """Key → (page, anchor) of each entry of the book's bibliography."""
        return bibliography_entries(self.app)

    def reference(self, key: str) -> str:
        """The entry of ``key`` in the book's bibliography page."""
        entry = self.entries.get(key)
        return self.at(f"{page_file(self.config, entry[0])}#{entry[1]}" if entry else f"#source-{slug(key)}")


def bibliography_entries(app: Sphinx) -> dict[str, tuple[str, str]]:
    """Key → (page, anchor) of each entry in a ``bibliography`` directive (sphinxcontrib-bibtex)."""
    domain = app.env.get_domain("cite")
    return {citation.key: (citation.bibliography_key.docname, citation.citation_id) for citation in domain.citations}


@dataclass
class PageGraph:
    """The nodes of one page's JSON-LD, each once, by ``@id``."""

    app: Sphinx
    page: PageInfo
    doctree: nodes.document
    nodes: dict[str, dict] = field(default_factory=dict)

    @cached_property
    def edition(self) -> Edition:
        return edition_of(self.app)

    @property
    def pub(self) -> Publication:
        return self.edition.publication

    @cached_property
    def ids(self) -> Ids:
        return Ids(self.app, self.page.file)

    def add(self, node: dict) -> dict:
        """Add ``node`` (or complete the node of the same ``@id``); return a reference to it.
        Empty values are left out."""
        node = {key: value for key, value in node.items() if value not in ("", [], None)}
        existing = self.nodes.setdefault(node["@id"], node)
        if existing is not node:
            for key, value in node.items():
                existing.setdefault(key, value)
        return {"@id": node["@id"]}

    @cached_property
    def assertion_ids(self) -> list[str]:
        """Assertion ids that are anchors (HTML ``id``) on this page, in page order."""
        known = self.edition.assertion
        found: dict[str, None] = {}
        for element in self.doctree.findall(nodes.Element):
            for node_id in element.get("ids", ()):
                if node_id in known:
                    found.setdefault(node_id)
        return list(found)

    # --- nodes shared by contributors -----------------------------------------------------------

    @property
    def editors(self) -> list[dict]:
        """References to the edition's authors (added on first use)."""
        pub = self.pub
        team = len(pub.authors) == 1 and pub.authors[0].name
        return [self.add(author.json_ld(self.ids.editors if team else self.ids.agent(author.display))) for author in pub.authors]

    @cached_property
    def agent_names(self) -> dict[str, list[str]]:
        """Id fragment → every spelling the edition gives that agent (attributions, BibTeX authors), sorted."""
        names: dict[str, set[str]] = {}
        references = self.edition.references.values()
        spellings = [*self.edition.attribution_kind, *(name for ref in references for name, _ in bib_agents(ref.fields.get("author", "")))]
        for name in spellings:
            names.setdefault(slug(name), set()).add(name)
        return {key: sorted(values) for key, values in names.items()}

    def agent(self, name: str, person: bool, **extra) -> dict:
        """A person or organisation, one node per id: names that differ only in case or accents
        (« Politico », « POLITICO ») are one agent, under one name whatever the page."""
        names = self.agent_names.get(slug(name), [name])
        node = {"@type": "Person" if person else "Organization", "@id": self.ids.agent(name), "name": names[0]}
        if len(names) > 1:
            node["alternateName"] = names[1:]
        return self.add(node | extra)

    @property
    def chronicle_author(self) -> list[dict]:
        authors = [Person.from_cff(a) for a in self.pub.chronicle["authors"]]
        return [self.add(author.json_ld(self.ids.agent(author.display))) for author in authors]

    @property
    def chronicle(self) -> dict:
        """The edited chronicle (CITATION.cff ``references[0]``), at its bibliography entry."""
        chronicle = self.pub.chronicle
        ref = self.edition.references.get(CHRONICLE_KEY)
        node = {
            "@type": "CreativeWork",
            "@id": self.ids.reference(CHRONICLE_KEY),
            "identifier": CHRONICLE_KEY,
            "name": chronicle["title"],
            "author": self.chronicle_author,
            "copyrightHolder": self.chronicle_author,
            "datePublished": self.pub.chronicle_date,
            "inLanguage": "fr",
        }
        if ref is not None and ref.fields.get("howpublished"):
            node["genre"] = ref.fields["howpublished"]
        return self.add(node)

    def reference(self, key: str) -> dict:
        """A references.bib entry: a CreativeWork described on the page that lists it (where its
        ``@id`` leads), referred to by that ``@id`` only on the others, so that each source is
        described once in the book (the chronicle, :attr:`chronicle`, on every page)."""
        if key == CHRONICLE_KEY:
            return self.chronicle
        entry = self.ids.entries.get(key)
        if entry and entry[0] != self.page.name:
            return {"@id": self.ids.reference(key)}
        ref = self.edition.references[key]
        node = {"@type": "CreativeWork", "@id": self.ids.reference(key), "identifier": key, "name": ref.fields.get("title", "").strip("{}")}
        if ref.fields.get("author"):
            node["author"] = [self.agent(name, person) for name, person in bib_agents(ref.fields["author"])]
        if ref.fields.get("year"):
            node["datePublished"] = ref.fields["year"]
        if ref.fields.get("url"):
            node["url"] = ref.fields["url"]
        return self.add(node)

    def document(self) -> dict:
        return {"@context": CONTEXT, "@graph": list(self.nodes.values())}


def bib_agents(field_value: str) -> list[tuple[str, bool]]:
    """BibTeX ``author`` (``Marquette, Maxime and {Reuters}``) as (display name, is a person)."""
    agents = []
    for name in (n.strip() for n in field_value.split(" and ") if n.strip()):
        if name.startswith("{"):
            agents.append((name.strip("{}"), False))
        else:
            family, _, given = name.partition(",")
            agents.append((f"{given.strip()} {family.strip()}".strip(), True))
    return agents


# --- contributors ------------------------------------------------------------------------------


def add_book(graph: PageGraph) -> None:
    """The edition, its editors, its PDF and the chronicle it edits."""
    pub, ids = graph.pub, graph.ids
    pdf = graph.add({"@type": "MediaObject", "@id": ids.pdf(), "contentUrl": ids.pdf(), "encodingFormat": "application/pdf", "name": pub.title})
    book = {
        "@type": "Book",
        "@id": ids.edition,
        "name": pub.title,
        "author": graph.editors,
        "version": pub.version,
        "datePublished": pub.released.isoformat(),
        "inLanguage": "fr",
        "keywords": list(pub.keywords),
        "abstract": pub.abstract,
        "license": pub.license_url,
        "url": ids.page(graph.app.config.root_doc),
        "isBasedOn": graph.chronicle,
        "encoding": pdf,
    }
    if pub.doi:
        book["identifier"] = book["sameAs"] = doi_url(pub.doi)
    graph.add(book)


def add_web_page(graph: PageGraph) -> None:
    page, ids = graph.page, graph.ids
    node = {
        "@type": "WebPage",
        "@id": ids.page(page.name),
        "url": ids.page(page.name),
        "name": page.title,
        "description": page.description,
        "inLanguage": "fr",
        "isPartOf": {"@id": ids.edition},
    }
    if page.kind == LANDING:
        node["about"] = {"@id": ids.edition}
    graph.add(node)


def add_claims(graph: PageGraph) -> None:
    """One Claim per assertion the page anchors."""
    edition, ids = graph.edition, graph.ids
    rows, labels, citations = edition.assertion, edition.status_label, edition.lists("assertions", "citations")
    kinds, descriptions = edition.attribution_kind, edition.labels("attributions", "description")
    for assertion_id in graph.assertion_ids:
        row = rows[assertion_id]
        kind = kinds.get(row.attributed_to, "")
        if kind == AUTHOR_KIND:
            author = graph.chronicle_author
        else:
            author = graph.agent(row.attributed_to, kind in PERSON_KINDS, description=descriptions.get(row.attributed_to, ""))
        claim = ids.claim(assertion_id, graph.page.name)
        graph.add(
            {
                "@type": "Claim",
                "@id": claim,
                "identifier": assertion_id,
                "url": claim,
                "text": row.text,
                "inLanguage": "fr",
                "genre": labels.get(row.status, row.status),
                "author": author,
                "appearance": graph.chronicle,
                "citation": [graph.reference(key) for key in citations[assertion_id]],
                "isPartOf": {"@id": ids.edition},
            }
        )


def add_claim_reviews(graph: PageGraph) -> None:
    """One ClaimReview per fact-check of each assertion on the page (schema.org's ClaimReview, as
    fact-checking tools read it): the claim reviewed (the editors' wording of its checkable part),
    the Claim it reviews, the editors as authors, the verdict as the rating's ``alternateName``,
    the explanation as the review's body, and the consulted documents as its citations."""
    edition, ids = graph.edition, graph.ids
    labels = edition.labels("verdicts")
    for assertion_id in graph.assertion_ids:
        for check in edition.checks_on(assertion_id):
            where = page_of(graph.app, check.id)
            review = (
                ids.at(f"{page_file(graph.app.config, where)}#{check.id}") if where else ids.claim(assertion_id, graph.page.name) + f"-{check.id}"
            )
            graph.add(
                {
                    "@type": "ClaimReview",
                    "@id": review,
                    "identifier": check.id,
                    "url": review,
                    "claimReviewed": check.claim,
                    "itemReviewed": {"@id": ids.claim(assertion_id, graph.page.name)},
                    "author": graph.editors,
                    "datePublished": graph.pub.released.isoformat(),
                    "inLanguage": "fr",
                    "reviewBody": check.explanation,
                    "reviewRating": {"@type": "Rating", "@id": f"{review}-verdict", "alternateName": labels[check.verdict]},
                    "citation": [graph.reference(bibliography.evidence_key(row.id)) for row, _ in edition.evidence_for(check.id)],
                    "isPartOf": {"@id": ids.edition},
                }
            )


def add_references(graph: PageGraph) -> None:
    """Each bibliography entry the page lists (its one description in the book)."""
    for key, (docname, _) in graph.ids.entries.items():
        if docname == graph.page.name:
            graph.reference(key)


#: what each page's graph is made of, in order
CONTRIBUTORS: list[Callable[[PageGraph], None]] = [add_book, add_web_page, add_claims, add_claim_reviews, add_references]


def json_ld(app: Sphinx, page: PageInfo, doctree: nodes.document) -> dict:
    """The JSON-LD document of one page of the book."""
    graph = PageGraph(app, page, doctree)
    for contribute in CONTRIBUTORS:
        contribute(graph)
    return graph.document()


def script_json(data: dict) -> str:
    """JSON safe inside ``<script>``: no ``</script>`` or ``<!--`` can come from the data."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
