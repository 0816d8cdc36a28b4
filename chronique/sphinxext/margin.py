"""HTML: the apparatus in the margin, its calls as discreet status marks, the [sic] drawn by CSS.

The document tree says what the apparatus is, for every format: each assertion is followed by
the call of its entry, and the entries of a paragraph sit in a ``margin`` container beside it
(:mod:`.rendering`). For HTML this post-transform turns each call into a mark: an empty link to
the entry, whose icon (the status's, in its colour) is drawn by CSS, so that a paragraph's
text stays exactly the chronicle's line; its accessible name says which assertion and which
status. ``chronique.css`` places the entries beside the paragraph on a wide screen (the
theme's margin column) and below it, closed until their mark is tapped, on a phone.
"""

from __future__ import annotations

import html

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .domain import edition_of
from .rendering import CALL_CLASS, SIC_CLASS, SIC_IN_TEXT_CLASS, apparatus_id

#: a [sic] in the reading text, drawn by CSS (« [sic] », *sic* in italics) and read by screen readers
SIC_HTML = f'<span class="{SIC_CLASS} {SIC_IN_TEXT_CLASS}" role="note" aria-label="sic"><span class="chronique-sic-word"></span></span>'


def mark_html(assertion_id: str, status: str, status_label: str) -> str:
    """The mark after an assertion: a link to its entry, named for screen readers."""
    name = html.escape(f"{assertion_id}, {status_label.lower()} : apparat", quote=True)
    return (
        f'<a class="{CALL_CLASS} chronique-status-{html.escape(status, quote=True)}" href="#{apparatus_id(assertion_id)}" '
        f'aria-label="{name}" data-assertion="{assertion_id}"></a>'
    )


class ApparatusInMargin(SphinxPostTransform):
    """Each call of an apparatus entry becomes its status mark, each [sic] of the reading text a
    mark CSS draws (HTML only): a paragraph's text stays exactly the chronicle's line."""

    default_priority = 200
    formats = ("html",)

    def run(self, **kwargs) -> None:
        labels = edition_of(self.env).status_label
        for call in list(self.document.findall(nodes.inline)):
            if CALL_CLASS in call["classes"]:
                # parent.replace, not replace_self: the latter would copy the call's classes onto the
                # raw node, which the HTML writer then wraps in a span
                call.parent.replace(call, nodes.raw("", mark_html(call["assertion"], call["status"], labels[call["status"]]), format="html"))
            elif SIC_IN_TEXT_CLASS in call["classes"]:
                call.parent.replace(call, nodes.raw("", SIC_HTML, format="html"))
