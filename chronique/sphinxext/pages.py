"""What each HTML page is, for the head and the JSON-LD: its kind, title, description and addresses.

- the *landing page* (the root document, where ``index.html`` sends readers) carries the book;
- a *chapter* is any other page of the book, part of it;
- Sphinx's own pages (search, general index) are neither, and carry no citation metadata.

The description is the page's own opening words: its first paragraph of running text (not a
note, table, figure or citation), cut at a word before :data:`DESCRIPTION_LENGTH` characters;
a page without one is described by its title, in the book.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from .addresses import absolute, page_file
from .domain import edition_of

LANDING, CHAPTER, GENERATED = "landing", "chapter", "generated"

#: characters a search engine shows of a description (Google cuts near 155-160)
DESCRIPTION_LENGTH = 160

#: Sphinx's own pages: their title and what they are, in the book's language
GENERATED_PAGES = {
    "search": ("Recherche", "Recherche plein texte dans l’édition critique : assertions, notes des éditeurs, sources et analyses."),
    "genindex": ("Index", "Index général de l’édition critique : les termes indexés et les pages où ils apparaissent."),
}

#: containers whose paragraphs are not the page's running text
NOT_RUNNING_TEXT = (
    nodes.Admonition,
    nodes.topic,
    nodes.sidebar,
    nodes.table,
    nodes.figure,
    nodes.citation,
    nodes.footnote,
    nodes.field_list,
    nodes.option_list,
    nodes.line_block,
    nodes.literal_block,
    nodes.container,
    addnodes.toctree,
    addnodes.desc,
)


@dataclass(frozen=True)
class PageInfo:
    name: str  # Sphinx's page name (chapters/faits)
    kind: str  # LANDING, CHAPTER or GENERATED
    title: str  # plain text
    description: str
    file: str  # chapters/faits.html
    url: str | None  # absolute, when the publication address is known


def page_info(app: Sphinx, pagename: str, context: dict, doctree: nodes.document | None) -> PageInfo:
    config = app.config
    title = plain(context.get("title", ""))
    if pagename not in app.env.all_docs:
        kind = GENERATED
        generated_title, description = GENERATED_PAGES.get(pagename, ("", ""))
        title = title or generated_title
    else:
        kind = LANDING if pagename == config.root_doc else CHAPTER
        description = describe(doctree) if doctree is not None else ""
    title = title or config.html_title or config.project
    if not description:  # a page without running text: its title, in the book
        book = edition_of(app).publication.title
        description = title if title == book else f"{title} — {book}"
    file = page_file(config, pagename)
    return PageInfo(pagename, kind, title, description, file, absolute(config, file))


def plain(markup: str) -> str:
    """A title as text: Sphinx gives it as HTML."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def describe(doctree: nodes.document) -> str:
    """The page's first paragraph of running text, shortened to :data:`DESCRIPTION_LENGTH`."""
    for paragraph in doctree.findall(nodes.paragraph):
        if any(isinstance(parent, NOT_RUNNING_TEXT) for parent in ancestors(paragraph)):
            continue
        text = " ".join(paragraph.astext().split())
        if len(text) >= 40:
            return shorten(text)
    return ""


def ancestors(node: nodes.Node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:(«—–-")
    return cut + "…"
