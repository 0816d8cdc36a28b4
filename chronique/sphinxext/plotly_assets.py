"""Serve plotly.js once for the whole book, from the book itself, and pick the right output per builder.

The notebooks display each figure as ``text/html`` (a div plus a ``Plotly.newPlot`` call, without
the library) and a static twin (``application/pdf``); see :func:`chronique.charts.show`.
This module:

- copies the plotly package's own ``plotly.min.js`` into ``_static`` once per HTML build
  (no CDN, no copy embedded per figure, no require.js);
- adds a ``<script>`` for it only to the pages that hold a plotly figure, before their body
  runs, so that ``Plotly`` exists when the figure's inline script calls it;
- sets myst-nb's mime priorities: HTML builders take ``text/html``, LaTeX the PDF twin
  and never the HTML.
"""

from __future__ import annotations

from pathlib import Path

import plotly
from sphinx.util.fileutil import copy_asset_file

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
STATIC_NAME = "plotly.min.js"
FIGURE_MARKER = "plotly-graph-div"  # class of the div plotly's to_html writes
HTML_BUILDERS = ("html", "dirhtml", "singlehtml")

#: (builder, mime type, priority: lower wins, None = never): the charts' bundles hold
#: text/html, application/pdf and text/plain, and no plotly mime type (PNG stays LaTeX's fallback)
MIME_PRIORITIES = [
    *[(builder, "text/html", 10) for builder in HTML_BUILDERS],
    *[(builder, "application/pdf", None) for builder in HTML_BUILDERS],
    ("latex", "application/pdf", 10),
    ("latex", "image/png", 20),
    ("latex", "text/html", None),
]


def set_mime_priorities(app, config) -> None:
    """Put our priorities first, so that a project's own ``nb_mime_priority_overrides`` still wins
    (a project without myst-nb, such as the extension's test books, has none to set)."""
    if "nb_mime_priority_overrides" not in config:
        return
    config.nb_mime_priority_overrides = [*MIME_PRIORITIES, *config.nb_mime_priority_overrides]


def add_plotly_to_figure_pages(app, pagename, templatename, context, doctree) -> None:
    """Load ``_static/plotly.min.js`` on the pages that draw a figure, and on no other."""
    if app.builder.format == "html" and FIGURE_MARKER in context.get("body", ""):
        app.add_js_file(STATIC_NAME, priority=300)


def copy_plotly_js(app, exception) -> None:
    """Ship the one copy of plotly.js the book uses, taken from the installed plotly package."""
    if exception is None and app.builder.format == "html":
        copy_asset_file(str(PLOTLY_JS), str(Path(app.outdir) / "_static"))
