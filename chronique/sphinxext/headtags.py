"""The HTML head and the download menu: what Zotero, Google Scholar and readers find on every page.

- Highwire Press ``citation_*`` meta tags (title, authors, date, language, PDF address);
- the JSON-LD of :mod:`.jsonld`;
- a « Livre entier (PDF) » entry in the theme's download menu, pointing to the PDF that
  ``python -m chronique.build`` copies to the root of the HTML output.

Everything comes from ``CITATION.cff`` (through the edition), so the citation never disagrees
with itself across formats.
"""

from __future__ import annotations

import html

from sphinx.application import Sphinx

from chronique.publication import Publication

from .addresses import absolute, page_file, pdf_name
from .domain import edition_of
from .jsonld import json_ld, script_json


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
    pub = edition_of(app).publication
    name = pdf_name(app.config)
    pdf_url = absolute(app.config, name) or context["pathto"](name, 1)
    add_pdf_button(context, pdf_url)
    tags = highwire_tags(pub, pdf_url, absolute(app.config, page_file(app.config, pagename)))
    head = "".join(f'\n<meta name="{n}" content="{html.escape(v, quote=True)}" />' for n, v in tags)
    head += f'\n<script type="application/ld+json">\n{script_json(json_ld(app, pagename, context, doctree, pub, pdf_url))}\n</script>\n'
    context["metatags"] = context.get("metatags", "") + head
