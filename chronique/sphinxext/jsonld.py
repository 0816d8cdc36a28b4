"""schema.org JSON-LD for each HTML page: the book, the page, and one ``Claim`` per assertion it anchors.

Each ``Claim`` carries the assertion's text, its author (the attribution), its appearance (the
chronicle) and its citations (the references it cites), so that fact-checking tools and
search engines read the edition's data without scraping the page.
"""

from __future__ import annotations

import json
import posixpath

from docutils import nodes
from sphinx.application import Sphinx

from chronique.paths import CHRONICLE_KEY
from chronique.publication import Publication

from .addresses import absolute, page_file
from .domain import edition_of

#: attribution kinds (data/attributions.csv) that are people; the others are organisations
PERSON_KINDS = {"personne", "chroniqueur"}


def anchored_ids(doctree: nodes.Node, known) -> list[str]:
    """Assertion ids that are anchors (HTML ``id``) in ``doctree``, in page order."""
    found: dict[str, None] = {}
    for node in doctree.findall(nodes.Element):
        for node_id in node.get("ids", ()):
            if node_id in known:
                found.setdefault(node_id)
    return list(found)


def bib_authors(field: str) -> list[dict]:
    """BibTeX ``author`` (``Marquette, Maxime and {Reuters}``) as schema.org agents."""
    agents = []
    for name in (n.strip() for n in field.split(" and ") if n.strip()):
        if name.startswith("{"):
            agents.append({"@type": "Organization", "name": name.strip("{}")})
        else:
            family, _, given = name.partition(",")
            agents.append({"@type": "Person", "name": f"{given.strip()} {family.strip()}".strip()})
    return agents


def creative_work(key: str, references: dict) -> dict:
    """A references.bib entry as a schema.org CreativeWork."""
    ref = references.get(key)
    if ref is None:
        return {"@type": "CreativeWork", "identifier": key}
    work = {"@type": "CreativeWork", "identifier": key, "name": ref.fields.get("title", "").strip("{}")}
    if ref.fields.get("author"):
        work["author"] = bib_authors(ref.fields["author"])
    if ref.fields.get("year"):
        work["datePublished"] = ref.fields["year"]
    if ref.fields.get("url"):
        work["url"] = ref.fields["url"]
    return work


def json_ld(app: Sphinx, pagename: str, context: dict, doctree, pub: Publication, pdf_url: str) -> dict:
    """The book, this page, and one Claim per assertion anchored on this page."""
    edition = edition_of(app)
    references, rows, labels = edition.references, edition.assertion, edition.status_label
    citations = edition.lists("assertions", "citations")
    agent_kind = edition.attribution_kind
    agent_description = edition.labels("attributions", "description")
    here = absolute(app.config, page_file(app.config, pagename)) or posixpath.basename(page_file(app.config, pagename))
    book = {
        "@type": "Book",
        "@id": absolute(app.config, page_file(app.config, app.config.root_doc)) or context["pathto"](app.config.root_doc),
        "name": pub.title,
        "author": [a.json_ld() for a in pub.authors],
        "version": pub.version,
        "datePublished": pub.released.isoformat(),
        "inLanguage": "fr",
        "keywords": ", ".join(pub.keywords),
        "license": list(pub.licenses),
        "encoding": {"@type": "MediaObject", "encodingFormat": "application/pdf", "contentUrl": pdf_url},
    }
    chronicle = creative_work(CHRONICLE_KEY, references) | {"inLanguage": "fr"}
    graph: list[dict] = [
        book,
        {"@type": "WebPage", "@id": here, "name": context.get("title", ""), "isPartOf": {"@id": book["@id"]}, "inLanguage": "fr"},
    ]
    for assertion_id in anchored_ids(doctree, rows) if doctree is not None else []:
        row = rows[assertion_id]
        kind = agent_kind.get(row.attributed_to, "")
        graph.append(
            {
                "@type": "Claim",
                "@id": f"{here}#{assertion_id}",
                "identifier": assertion_id,
                "url": f"{here}#{assertion_id}",
                "text": row.text,
                "inLanguage": "fr",
                "genre": labels.get(row.status, row.status),
                "author": {
                    "@type": "Person" if kind in PERSON_KINDS else "Organization",
                    "name": row.attributed_to,
                    "description": agent_description.get(row.attributed_to, ""),
                },
                "appearance": chronicle,
                "citation": [creative_work(key, references) for key in citations[assertion_id]],
                "isPartOf": {"@id": book["@id"]},
            }
        )
    return {"@context": "https://schema.org", "@graph": graph}


def script_json(data: dict) -> str:
    """JSON safe inside ``<script>``: no ``</script>`` or ``<!--`` can come from the data."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
