"""French typography in the HTML pages (:mod:`chronique.typography`), at rendering time.

- :func:`typeset_page`, for the HTML builders, rewrites every text of the page's body
  (chapters, data, glued numbers, citations, bibliography, notebooks' prose) but code and raw
  output: binding spaces become no-break spaces, and ids and dates are wrapped in a
  ``chronique-nowrap`` span. It runs last, at ``doctree-resolved``, once every text is there:
  after the post-transforms (citations, glued numbers) and the handlers that fill pages then
  (the « Citer » page's assertion citation).
- :func:`french_chrome` does the same to what the theme renders around the body: the in-page
  table of contents, the navigation, the previous/next links and the book's title in the sidebar.

The LaTeX builder is left alone: babel-french does this in the PDF.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from chronique.typography import french_html, french_spacing, unbreakable_segments

NOWRAP = "chronique-nowrap"
#: elements whose text is code, markup or an exact quotation of output: never respaced
VERBATIM = (nodes.FixedTextElement, nodes.literal, nodes.raw, nodes.math, nodes.comment, nodes.option_string, addnodes.desc_signature)


def is_prose(text: nodes.Text) -> bool:
    node = text.parent
    while node is not None:
        if isinstance(node, VERBATIM) or NOWRAP in node.get("classes", ()):
            return False
        node = node.parent
    return True


def typeset(text: str) -> list[nodes.Node] | None:
    """``text`` as nodes with French spacing and no-wrap tokens; None when nothing changes."""
    spaced = french_spacing(text)
    segments = unbreakable_segments(spaced)
    if not any(keep for _, keep in segments):
        return None if spaced == text else [nodes.Text(spaced)]
    return [nodes.inline(s, s, classes=[NOWRAP]) if keep else nodes.Text(s) for s, keep in segments]


def typeset_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: no-break spaces where French typography binds, unbreakable ids and
    dates (HTML only; texts already typeset are left as they are)."""
    if app.builder.format != "html":
        return
    for text in list(doctree.findall(nodes.Text)):
        if text.parent is not None and is_prose(text):
            replacement = typeset(str(text))
            if replacement is not None:
                text.parent.replace(text, replacement)
    for reference in doctree.findall(nodes.reference):
        if reference.get("reftitle"):  # a citation's tooltip: the full reference
            reference["reftitle"] = french_spacing(reference["reftitle"])


def french_chrome(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``html-page-context``: the theme's own renderings of titles get the same typography."""
    if app.builder.format != "html":
        return
    if context.get("docstitle") and isinstance(context.get("theme_logo"), dict) and not context["theme_logo"].get("text"):
        # the sidebar's title (the theme shows the logo's text, else the book's title); the
        # window title (<title>) keeps the book's title as written
        context["theme_logo"] = {**context["theme_logo"], "text": french_spacing(context["docstitle"])}
    for key in ("prev", "next"):
        if context.get(key) and context[key].get("title"):
            context[key] = {**context[key], "title": french_html(context[key]["title"])}
    for key in ("generate_toctree_html", "generate_toc_html"):  # the navigation; the in-page table of contents
        render = context.get(key)
        if callable(render) and not getattr(render, "french", False):
            context[key] = _french_rendering(render)


def _french_rendering(render):
    def rendered(*args, **kwargs):
        return french_html(str(render(*args, **kwargs)))

    rendered.french = True
    return rendered
