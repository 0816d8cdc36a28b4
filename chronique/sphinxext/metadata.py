"""Citability: what an academic needs to cite the edition, or one assertion, and reuse its data.

Everything comes from ``CITATION.cff`` (title, authors, version, date, keywords, abstract,
licences), so the citation never disagrees with itself across formats:

- Highwire Press ``citation_*`` meta tags in every HTML page's head (Zotero, Google Scholar);
- schema.org JSON-LD in every page's head: the book, the page, and one ``Claim`` per
  assertion anchored on the page (text, author = the attribution, appearance = the chronicle,
  citation = its references);
- a « Livre entier (PDF) » entry in the theme's download menu of every page, pointing to the
  PDF that ``python -m chronique.build`` copies to the root of the HTML output;
- the ``edition-citation`` directive (recommended citation, text and BibTeX, of the book or of
  one assertion by its id and permalink) and the ``data-downloads`` directive (every file of
  ``data/datapackage.json``, downloadable).

Addresses are absolute when ``html.baseurl`` is set in ``_config.yml`` (do set it when the
book is published: Google Scholar wants absolute ``citation_pdf_url``), else relative.
The LaTeX side (title page, parts, bibliography) is :mod:`chronique.sphinxext.latex`.
"""

from __future__ import annotations

import html
import json
import posixpath
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .edition import edition_of

from chronique import load
from chronique.paths import CHRONICLE, CHRONICLE_KEY, DATAPACKAGE, PROJECT_ROOT

logger = logging.getLogger(__name__)

CITATION_FILE = PROJECT_ROOT / "CITATION.cff"
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")
CHRONICLE_RIGHTS = "le texte tel que transmis aux éditeurs ; il appartient à son auteur et n’est couvert par aucune licence du projet (voir plus bas)."
#: attribution kinds (data/attributions.csv) that are people; the others are organisations
PERSON_KINDS = {"personne", "chroniqueur"}


class _CffLoader(yaml.SafeLoader):
    """YAML as CFF tools read it: dates stay strings (the CFF schema wants ``"2026-11-26"``)."""


_CffLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_cff(path: Path = CITATION_FILE) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_CffLoader)


@dataclass(frozen=True)
class Person:
    """A CFF author: a person (family and given names) or an entity (a name)."""

    name: str = ""
    family: str = ""
    given: str = ""

    @classmethod
    def from_cff(cls, author: dict) -> Person:
        return cls(author.get("name", ""), author.get("family-names", ""), author.get("given-names", ""))

    @property
    def display(self) -> str:
        return self.name or f"{self.given} {self.family}".strip()

    @property
    def inverted(self) -> str:
        """``Family, Given`` (Highwire, BibTeX) or the entity's name."""
        return self.name or ", ".join(p for p in (self.family, self.given) if p)

    @property
    def bibtex(self) -> str:
        return "{" + self.name + "}" if self.name else self.inverted

    def json_ld(self) -> dict:
        if self.name:
            return {"@type": "Organization", "name": self.name}
        return {"@type": "Person", "name": self.display, "familyName": self.family, "givenName": self.given}


@dataclass(frozen=True)
class Publication:
    """The edition as CITATION.cff describes it."""

    title: str
    authors: tuple[Person, ...]
    version: str
    released: date
    keywords: tuple[str, ...]
    abstract: str
    licenses: tuple[str, ...]
    chronicle: dict  # the cited work (CFF ``references[0]``): the chronicle itself

    @property
    def year(self) -> int:
        return self.released.year

    @property
    def french_date(self) -> str:
        return french_date(self.released)

    @property
    def author_names(self) -> str:
        return " ; ".join(a.display for a in self.authors)

    @property
    def chronicle_author(self) -> str:
        return " ; ".join(Person.from_cff(a).display for a in self.chronicle["authors"])


def french_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@lru_cache(maxsize=2)
def publication(path: Path = CITATION_FILE) -> Publication:
    cff = read_cff(path)
    return Publication(
        title=cff["title"],
        authors=tuple(Person.from_cff(a) for a in cff["authors"]),
        version=str(cff["version"]),
        released=date.fromisoformat(str(cff["date-released"])),
        keywords=tuple(cff.get("keywords", ())),
        abstract=" ".join(str(cff.get("abstract", "")).split()),
        licenses=tuple(cff.get("license", ())) if isinstance(cff.get("license"), list) else (cff.get("license", ""),),
        chronicle=cff["references"][0],
    )


def pdf_name(config) -> str:
    """The PDF's file name: the ``targetname`` of ``latex_documents`` (``_config.yml``), as .pdf."""
    return Path(config.latex_documents[0][1]).with_suffix(".pdf").name


def absolute(config, path: str) -> str | None:
    """``path`` (relative to the book's root) as a URL, when ``html_baseurl`` is known."""
    base = config.html_baseurl
    return posixpath.join(base if base.endswith("/") else base + "/", path) if base else None


def page_file(config, docname: str) -> str:
    """The HTML file of ``docname`` relative to the book's root (``chapters/faits.html``)."""
    return docname + (config.html_file_suffix or ".html")


# --- assertions anchored on each page -------------------------------------------------------


def assertion_rows(app_or_env) -> dict:
    """Assertion rows by id, from the edition the whole build shares (:mod:`.edition`)."""
    return edition_of(app_or_env).assertion


def anchored_ids(doctree: nodes.Node, known) -> list[str]:
    """Assertion ids that are anchors (HTML ``id``) in ``doctree``, in page order."""
    found: dict[str, None] = {}
    for node in doctree.findall(nodes.Element):
        for node_id in node.get("ids", ()):
            if node_id in known:
                found.setdefault(node_id)
    return list(found)


def collect_anchors(app: Sphinx, doctree: nodes.document) -> None:
    """Remember which page anchors which assertion (for permalinks in other pages)."""
    anchors = app.env.__dict__.setdefault("chronique_anchors", {})
    for node_id in anchored_ids(doctree, assertion_rows(app)):
        anchors.setdefault(node_id, app.env.docname)


def purge_anchors(app: Sphinx, env, docname: str) -> None:
    anchors = env.__dict__.get("chronique_anchors", {})
    for node_id in [i for i, doc in anchors.items() if doc == docname]:
        del anchors[node_id]


def merge_anchors(app: Sphinx, env, docnames, other) -> None:
    anchors = env.__dict__.setdefault("chronique_anchors", {})
    for node_id, doc in other.__dict__.get("chronique_anchors", {}).items():
        if doc in docnames:
            anchors.setdefault(node_id, doc)


def page_of(app: Sphinx, assertion_id: str) -> str | None:
    """The page that anchors ``assertion_id``; failing that, its section's chapter if it exists."""
    doc = app.env.__dict__.get("chronique_anchors", {}).get(assertion_id)
    if doc:
        return doc
    row = assertion_rows(app)[assertion_id]
    candidate = "chapters/" + row.section.replace("_", "-")
    return candidate if candidate in app.env.all_docs else None


# --- schema.org JSON-LD ---------------------------------------------------------------------


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
    agent_kind = edition.attribution_kind
    agent_description = dict(zip(edition.attributions["name"], edition.attributions["description"]))
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
    graph: list[dict] = [book, {"@type": "WebPage", "@id": here, "name": context.get("title", ""), "isPartOf": {"@id": book["@id"]}, "inLanguage": "fr"}]
    for assertion_id in anchored_ids(doctree, rows) if doctree is not None else []:
        row = rows[assertion_id]
        kind = agent_kind.get(row.attributed_to, "")
        graph.append({
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
            "citation": [creative_work(key, references) for key in load.split_list(row.citations)],
            "isPartOf": {"@id": book["@id"]},
        })
    return {"@context": "https://schema.org", "@graph": graph}


def script_json(data: dict) -> str:
    """JSON safe inside ``<script>``: no ``</script>`` or ``<!--`` can come from the data."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# --- the HTML head and the download menu ----------------------------------------------------


def highwire_tags(pub: Publication, pdf_url: str, public_url: str | None) -> list[tuple[str, str]]:
    tags = [("citation_title", pub.title)]
    tags += [("citation_author", a.inverted) for a in pub.authors]
    tags += [
        ("citation_publication_date", pub.released.strftime("%Y/%m/%d")),
        ("citation_language", "fr"),
        ("citation_pdf_url", pdf_url),
        ("citation_keywords", "; ".join(pub.keywords)),
    ]
    if public_url:
        tags.append(("citation_public_url", public_url))
    return tags


def add_pdf_button(context: dict, pdf_url: str) -> None:
    """« Livre entier (PDF) » first in the theme's download menu, or its own button without one."""
    button = {
        "type": "link",
        "url": pdf_url,
        "text": "Livre entier (PDF)",
        "tooltip": "Télécharger l’édition complète en PDF",
        "icon": "fas fa-book",
        "label": "download-book-pdf-button",
    }
    buttons = context.setdefault("header_buttons", [])
    for group in buttons:
        if group.get("label") == "download-buttons":
            group["buttons"].insert(0, button)
            for other in group["buttons"]:
                if other.get("label") == "download-pdf-button":  # the theme's window.print()
                    other["text"] = "Cette page (impression)"
            return
    buttons.insert(0, button | {"text": None})


def html_page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.format != "html":
        return
    pub = publication()
    name = pdf_name(app.config)
    pdf_url = absolute(app.config, name) or context["pathto"](name, 1)
    add_pdf_button(context, pdf_url)
    tags = highwire_tags(pub, pdf_url, absolute(app.config, page_file(app.config, pagename)))
    head = "".join(f'\n<meta name="{n}" content="{html.escape(v, quote=True)}" />' for n, v in tags)
    head += f'\n<script type="application/ld+json">\n{script_json(json_ld(app, pagename, context, doctree, pub, pdf_url))}\n</script>\n'
    context["metatags"] = context.get("metatags", "") + head


# --- directives ------------------------------------------------------------------------------


class pending_citation(nodes.General, nodes.Element):
    """Placeholder for an assertion's citation, filled once every page's anchors are known."""


def bibtex_entry(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(f"  {name.ljust(width)} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}"


def book_key(pub: Publication) -> str:
    return f"editioncritique{pub.year}"


def book_citation(pub: Publication, url: str | None) -> tuple[list[nodes.Node], str]:
    text = [
        nodes.Text(f"{pub.author_names} ({pub.year}). "),
        nodes.emphasis("", pub.title),
        nodes.Text(f", version {pub.version}, {pub.french_date}" + (f". {url}" if url else "") + "."),
    ]
    fields = [
        ("author", " and ".join(a.bibtex for a in pub.authors)),
        ("title", pub.title),
        ("year", str(pub.year)),
        ("month", MONTHS[pub.released.month - 1]),
        ("edition", f"version {pub.version}"),
        ("language", "french"),
        ("note", f"Édition critique de : {pub.chronicle_author}, « {pub.chronicle['title']} », {MONTHS[pub.chronicle['month'] - 1]} {pub.chronicle['year']}"),
    ]
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
        nodes.Text(f"{pub.chronicle_author}, « {chronicle['title']} », {MONTHS[chronicle['month'] - 1]} {chronicle['year']}, "
                   f"assertion {row.id} (« {shortened(row.text)} »), dans {pub.author_names} ({pub.year}), "),
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

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(CITATION_FILE))
        assertion_id = self.options.get("assertion", "").strip()
        if assertion_id:
            if assertion_id not in assertion_rows(self.env):
                raise self.error(f"edition-citation: unknown assertion id '{assertion_id}' (use an id of data/assertions.csv, e.g. FA-001)")
            node = pending_citation(assertion=assertion_id)
            self.set_source_info(node)
            return [node]
        pub = publication()
        return citation_nodes(*book_citation(pub, absolute(self.config, page_file(self.config, self.config.root_doc))))


def resolve_citations(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Fill each assertion citation with its permalink, now that anchors are known."""
    pub = publication()
    for node in list(doctree.findall(pending_citation)):
        assertion_id = node["assertion"]
        row = assertion_rows(app)[assertion_id]
        target = page_of(app, assertion_id)
        if target is None:
            logger.warning(f"edition-citation: no page anchors assertion {assertion_id}", location=node, type="chronique", subtype="citation")
            node.replace_self([])
            continue
        path = f"{page_file(app.config, target)}#{assertion_id}"
        permalink = absolute(app.config, path) or path
        refuri = absolute(app.config, path) or f"{app.builder.get_relative_uri(docname, target)}#{assertion_id}"
        link = nodes.reference("", permalink, refuri=refuri, internal=not absolute(app.config, path))
        chapter = app.env.titles[target].astext() if target in app.env.titles else target
        node.replace_self(citation_nodes(*assertion_citation(pub, row, chapter, permalink, link)))


class DataDownloads(SphinxDirective):
    """``data-downloads``: the data package descriptor and each of its resources, downloadable."""

    def run(self) -> list[nodes.Node]:
        descriptor = json.loads(DATAPACKAGE.read_text(encoding="utf-8"))
        self.env.note_dependency(str(DATAPACKAGE))
        items = [("datapackage.json", "Descripteur Frictionless", "Le schéma de chaque table : colonnes, types, contraintes, licence.")]
        items += [(r["path"], r.get("title", r["name"]), CHRONICLE_RIGHTS if r["path"] == CHRONICLE.name else r.get("description", ""))
                  for r in descriptor["resources"]]
        here = Path(self.env.doc2path(self.env.docname)).parent
        bullets = nodes.bullet_list()
        for path, title, description in items:
            target = Path(posixpath.relpath(DATAPACKAGE.parent / path, here)).as_posix()
            link = addnodes.download_reference("", "", nodes.literal(path, path), refdoc=self.env.docname, reftarget=target, refexplicit=True, reftype="download")
            paragraph = nodes.paragraph("", "", link, nodes.Text(f" — {title}" + (f" : {description}" if description else "")))
            bullets += nodes.list_item("", paragraph)
        return [bullets]


def setup(app: Sphinx):
    app.setup_extension("chronique.sphinxext.edition")
    app.setup_extension("chronique.sphinxext.latex")
    app.add_node(pending_citation)
    app.add_directive("edition-citation", EditionCitation)
    app.add_directive("data-downloads", DataDownloads)
    app.connect("doctree-read", collect_anchors)
    app.connect("env-purge-doc", purge_anchors)
    app.connect("env-merge-info", merge_anchors)
    app.connect("doctree-resolved", resolve_citations)
    app.connect("html-page-context", html_page_context, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
