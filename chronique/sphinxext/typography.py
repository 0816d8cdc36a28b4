"""French typography in the HTML pages (:mod:`chronique.typography`), at rendering time.

- :class:`FrenchTypography`, a post-transform of the HTML builders, rewrites every text of the
  page's body (chapters, data, glued numbers, citations, bibliography, notebooks' prose) but
  code and raw output: binding spaces become no-break spaces, and ids and dates are wrapped in
  a ``chronique-nowrap`` span. It runs last, after citations and glued numbers are resolved.
- :func:`french_chrome` does the same to what the theme renders around the body: the in-page
  table of contents, the navigation, the previous/next links and the book's title.

The LaTeX builder is left alone: babel-french does this in the PDF.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

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


class FrenchTypography(SphinxPostTransform):
    """No-break spaces where French typography binds, unbreakable ids and dates (HTML only)."""

    default_priority = 950
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for text in list(self.document.findall(nodes.Text)):
            if text.parent is not None and is_prose(text):
                replacement = typeset(str(text))
                if replacement is not None:
                    text.parent.replace(text, replacement)
        for reference in self.document.findall(nodes.reference):
            if reference.get("reftitle"):  # a citation's tooltip: the full reference
                reference["reftitle"] = french_spacing(reference["reftitle"])


def french_chrome(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``html-page-context``: the theme's own renderings of titles get the same typography."""
    if app.builder.format != "html":
        return
    if context.get("toc"):
        context["toc"] = french_html(context["toc"])
    if context.get("docstitle"):
        context["docstitle"] = french_spacing(context["docstitle"])
    for key in ("prev", "next"):
        if context.get(key) and context[key].get("title"):
            context[key] = {**context[key], "title": french_html(context[key]["title"])}
    for key in ("generate_toctree_html",):
        render = context.get(key)
        if callable(render) and not getattr(render, "french", False):
            context[key] = _french_rendering(render)


def _french_rendering(render):
    def rendered(*args, **kwargs):
        return french_html(str(render(*args, **kwargs)))

    rendered.french = True
    return rendered
