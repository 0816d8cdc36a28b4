"""plotly.js for the chart pages only, the smallest official bundle, loaded without blocking; and
the right output per builder.

The notebooks display each figure as ``text/html`` (a div and its JSON specification, no
script, see :mod:`chronique.figures`) and a static twin (``application/pdf``). This module:

- serves plotly.js's official *basic* partial bundle (scatter, bar, pie: all the book's figures
  draw with these), 1.1 MiB against 4.6 MiB for the full ``plotly.min.js`` the Python plotly
  ships. It is vendored in ``chronique/static/`` (served with the edition's static files, so any
  copy of the book builds offline), pinned in ``package.json`` / ``package-lock.json``, and must
  be of the same major version as the plotly.js of the installed Python plotly, which produced
  the figures' JSON: the build stops otherwise;
- names it on the pages that hold a figure, and on no other (``<meta name="chronique-plotly">``,
  which fetches nothing); ``chronique.js`` loads it, asynchronously, after the page's own load, at
  the reader's first scroll or key (or at once if a figure is already on screen), and draws each
  figure when it comes on screen: the text renders as fast as a text page's;
- sets myst-nb's mime priorities: HTML builders take ``text/html``, LaTeX the PDF twin and
  never the HTML.
"""

from __future__ import annotations

import re
from pathlib import Path

import plotly

from chronique.figures import PLOTLY_MIME

from .assets import STATIC
from .domain import ChroniqueError

PLOTLY_JS = STATIC / "plotly-basic.min.js"
STATIC_NAME = PLOTLY_JS.name
#: the full bundle of the Python plotly package: its version is the one the figures' JSON targets
PYTHON_PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
FIGURE_MARKER = "plotly-graph-div"  # class of the div each figure is drawn in
HTML_BUILDERS = ("html", "dirhtml", "singlehtml")

#: (builder, mime type, priority: lower wins, None = never): the charts' bundles hold
#: text/html, application/pdf, text/plain and plotly's own mime type, which myst-nb's priorities
#: never list (:class:`PlotlyForJupyterOnly`; PNG stays LaTeX's fallback)
MIME_PRIORITIES = [
    *[(builder, "text/html", 10) for builder in HTML_BUILDERS],
    *[(builder, "application/pdf", None) for builder in HTML_BUILDERS],
    ("latex", "application/pdf", 10),
    ("latex", "image/png", 20),
    ("latex", "text/html", None),
]


def bundle_version(path: Path) -> str:
    """``4.1.1``: the version in a plotly.js bundle's licence header."""
    head = path.read_text(encoding="utf-8", errors="replace")[:400]
    found = re.search(r"plotly\.js(?: \([^)]*\))? v(\d+\.\d+\.\d+)", head)
    if not found:
        raise ChroniqueError(f"{path}: no plotly.js version in its header")
    return found.group(1)


def check_bundle(app, config) -> None:
    """``config-inited``: the served bundle draws what the installed plotly writes (same major)."""
    served, python = bundle_version(PLOTLY_JS), bundle_version(PYTHON_PLOTLY_JS)
    if served.split(".")[0] != python.split(".")[0]:
        raise ChroniqueError(
            f"{PLOTLY_JS}: plotly.js {served}, but the installed plotly {plotly.__version__} writes figures for plotly.js {python} "
            f"(fix: npm install --save-exact plotly.js-basic-dist-min@{python} and copy its plotly-basic.min.js there)"
        )


def set_mime_priorities(app, config) -> None:
    """Put our priorities first, so that a project's own ``nb_mime_priority_overrides`` still wins
    (a project without myst-nb, such as the extension's test books, has none to set)."""
    if "nb_mime_priority_overrides" not in config:
        return
    config.nb_mime_priority_overrides = [*MIME_PRIORITIES, *config.nb_mime_priority_overrides]


class PlotlyForJupyterOnly:
    """A myst-nb mime renderer (entry point ``myst_nb.mime_renderers``, in pyproject.toml) for
    plotly's own mime type, which the figures carry so that Jupyter draws them: the book makes
    nothing of it (it draws the text/html twin), and myst-nb does not warn of an unknown type.
    myst-nb's priorities never list that type, so no output is ever chosen from it."""

    @staticmethod
    def handle_mime(renderer, data, inline: bool) -> list | None:
        return [] if data.mime_type == PLOTLY_MIME else None


#: where chronique.js finds plotly.js (a link would have the browser fetch it at once, competing
#: with the page's own text and styles)
META = '<meta name="chronique-plotly" content="{href}" />'


def add_plotly_to_figure_pages(app, pagename, templatename, context, doctree) -> None:
    """Announce ``_static/plotly-basic.min.js`` on the pages that draw a figure, and on no other."""
    if app.builder.format == "html" and FIGURE_MARKER in context.get("body", ""):
        href = context["pathto"](f"_static/{STATIC_NAME}", 1)
        context["metatags"] = context.get("metatags", "") + "\n" + META.format(href=href) + "\n"
