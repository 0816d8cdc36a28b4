"""The HTML head and the download menu: what Zotero, Google Scholar, search engines and readers find.

- ``<meta name="description">`` and OpenGraph (``og:*``) on every page, from the page's own
  content (:mod:`.pages`);
- Highwire Press ``citation_*`` tags, as Google Scholar's inclusion guidelines ask: the book's
  (title, editors, date, abstract, PDF) on the landing page only; on each chapter its own title,
  with the book as ``citation_inbook_title``; none on Sphinx's search and index pages;
- the JSON-LD of :mod:`.jsonld` on every page of the book;
- a « Livre entier (PDF) » entry in the theme's download menu, pointing to the PDF that
  ``python -m chronique.build`` copies to the root of the HTML output.

Everything comes from ``CITATION.cff`` (through the edition) and the page itself, so the citation
never disagrees with itself across formats. Absolute addresses (``citation_pdf_url``,
``citation_public_url``, ``og:url``; Sphinx writes the canonical link) need the publication address
(:mod:`.addresses`) and are left out without it.
"""

from __future__ import annotations

import html

from sphinx.application import Sphinx

from chronique.publication import Publication

from .addresses import absolute, pdf_name
from .domain import edition_of
from .jsonld import json_ld, script_json
from .pages import CHAPTER, GENERATED, LANDING, PageInfo, page_info

OPENGRAPH_TYPES = {LANDING: "book", CHAPTER: "article", GENERATED: "website"}


def highwire_tags(pub: Publication, page: PageInfo, pdf_url: str | None) -> list[tuple[str, str]]:
    """``citation_*`` tags of ``page``: the book on the landing page, the chapter elsewhere."""
    if page.kind == GENERATED:
        return []
    tags = [("citation_title", pub.title if page.kind == LANDING else page.title)]
    if page.kind == CHAPTER:
        tags.append(("citation_inbook_title", pub.title))
    tags += [("citation_author", a.inverted) for a in pub.authors]
    tags += [("citation_publication_date", pub.released.strftime("%Y/%m/%d")), ("citation_language", "fr")]
    if page.kind == LANDING:
        tags += [("citation_abstract", pub.abstract), ("citation_keywords", "; ".join(pub.keywords))]
        if pub.doi:
            tags.append(("citation_doi", pub.doi))
        if pdf_url:
            tags.append(("citation_pdf_url", pdf_url))
    if page.url:
        tags.append(("citation_public_url", page.url))
    return tags


def opengraph_tags(pub: Publication, page: PageInfo) -> list[tuple[str, str]]:
    tags = [
        ("og:type", OPENGRAPH_TYPES[page.kind]),
        ("og:title", pub.title if page.kind == LANDING else page.title),
        ("og:description", page.description),
        ("og:site_name", pub.title),
        ("og:locale", "fr_FR"),
    ]
    if page.url:
        tags.append(("og:url", page.url))
    if page.kind == LANDING:
        tags.append(("book:release_date", pub.released.isoformat()))
        tags += [("book:tag", keyword) for keyword in pub.keywords]
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


def meta(attribute: str, tags: list[tuple[str, str]]) -> str:
    return "".join(f'\n<meta {attribute}="{name}" content="{html.escape(value, quote=True)}" />' for name, value in tags if value)


def html_page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.format != "html":
        return
    pub = edition_of(app).publication
    name = pdf_name(app.config)
    add_pdf_button(context, context["pathto"](name, 1))  # relative: the link works wherever the book is opened
    page = page_info(app, pagename, context, doctree)
    head = meta("name", [("description", page.description)])
    head += meta("property", opengraph_tags(pub, page))
    head += meta("name", highwire_tags(pub, page, absolute(app.config, name)))
    if page.kind != GENERATED and doctree is not None:
        head += f'\n<script type="application/ld+json">\n{script_json(json_ld(app, page, doctree))}\n</script>\n'
    context["metatags"] = context.get("metatags", "") + head
