"""How the book shows a figure: interactive in HTML, static in the PDF.

:func:`show` displays a plotly figure as a mime bundle holding ``text/html`` (a div that the
book's single ``_static/plotly.min.js`` draws, see :mod:`chronique.sphinxext.plotly_assets`) and a
static twin (``application/pdf``, a vector image drawn by Chromium through kaleido, for LaTeX),
with no plotly mime type, which myst-nb would not know.
"""

from __future__ import annotations

import atexit
import base64
import html
import re
import unicodedata
import warnings

import plotly.graph_objects as go

WIDTH = 900  # px: the static twin's width, about the text width of the book's pages
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}

_kaleido_started = False


def _start_kaleido() -> None:
    """One kaleido server (Chromium) per kernel: a cold export costs seconds, a warm one a fraction."""
    global _kaleido_started
    if not _kaleido_started:
        import kaleido

        kaleido.start_sync_server(mathjax=False, silence_warnings=True)  # mathjax=False: no network
        atexit.register(kaleido.stop_sync_server, silence_warnings=True)
        _kaleido_started = True


def static_image(fig: go.Figure, image_format: str) -> bytes:
    """The figure drawn by Chromium through kaleido, at the book's text width."""
    _start_kaleido()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")  # we run our own server on purpose
        return fig.to_image(format=image_format, width=WIDTH, height=fig.layout.height, scale=2 if image_format == "png" else 1)


def slug(text: str) -> str:
    """A stable HTML id from a figure title (the same page builds the same ids): ``Médias cités`` → ``medias-cites``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "figure"


def interactive_html(fig: go.Figure) -> str:
    """A div that the page's plotly.min.js draws, with the alt text for screen readers beside it."""
    div_id = "plotly-" + slug(fig.layout.title.text or "")
    plot = fig.to_html(include_plotlyjs=False, full_html=False, div_id=div_id, config=PLOTLY_CONFIG, default_width="100%")
    alt = html.escape(fig.layout.meta["alt"])
    return f'<div class="chronique-plotly" aria-describedby="{div_id}-alt">{plot}<p id="{div_id}-alt" class="visually-hidden">{alt}</p></div>'


def mime_bundle(fig: go.Figure) -> dict[str, str]:
    """text/html for the web, a vector PDF twin for LaTeX; never plotly's own mime type (myst-nb does not know it)."""
    return {
        "text/html": interactive_html(fig),
        "application/pdf": base64.b64encode(static_image(fig, "pdf")).decode("ascii"),
        "text/plain": f"Figure : {fig.layout.title.text}",
    }


def show(fig: go.Figure) -> None:
    """Display ``fig`` in a notebook so the book renders it interactive in HTML and static in the PDF."""
    from IPython.display import display

    display(mime_bundle(fig), raw=True)
