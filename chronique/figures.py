"""How the book shows a figure: interactive in HTML, in the reader's theme; static in the PDF.

:func:`show` displays a plotly figure as a mime bundle holding

- ``text/html``: a div of the figure's height (reserved before anything is drawn) and its
  specification as JSON (``<script type="application/json">``: data, layout, config, and the
  dark-mode twin of each light colour it uses, from :data:`chronique.palette.DARK`). The page's
  ``chronique.js`` draws it with the book's one plotly.js (:mod:`chronique.sphinxext.plotly_assets`)
  when it nears the screen: no inline script, nothing that blocks the page;
- ``application/pdf``: a static twin for LaTeX, on white: drawn by Chromium through kaleido as
  SVG, made a vector PDF by librsvg, which embeds its fonts as TrueType (no Type 3 font) and maps
  ligatures to their letters; symbols the chart's fonts lack (status icons such as ⌛) come from
  Symbola;
- ``text/plain``: the figure's name;
- ``application/vnd.plotly.v1+json``: plotly's own, which JupyterLab's plotly extension draws,
  so that a contributor running a notebook in Jupyter sees the chart; the book makes nothing of
  it (:class:`chronique.sphinxext.plotly_assets.PlotlyForJupyterOnly`).
"""

from __future__ import annotations

import atexit
import base64
import html
import json
import shutil
import subprocess
import warnings

import plotly.graph_objects as go
import plotly.io as pio

from .palette import DARK
from .typography import french_spacing, slug

WIDTH = 900  # px: the static twin's width, about the text width of the book's pages
#: font family appended to the static twin's fonts, for the symbols its own fonts lack (Debian: fonts-symbola)
SYMBOL_FONT = "Symbola"
#: the modebar keeps what a reader of a static chart needs: a picture, zoom, reset
PLOTLY_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "toggleSpikelines", "hoverClosestCartesian", "hoverCompareCartesian"],
}
SPEC_CLASS = "chronique-plotly-spec"

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
    """The figure drawn by Chromium through kaleido, at the book's text width, on white. A PDF is
    Chromium's SVG made a PDF by librsvg (:func:`pdf_from_svg`)."""
    _start_kaleido()
    printed = go.Figure(fig)
    printed.update_layout(paper_bgcolor="white", plot_bgcolor="white")
    family = fig.layout.font.family
    if family and SYMBOL_FONT not in family:
        printed.update_layout(font_family=f"{family}, {SYMBOL_FONT}")
    drawn_format = "svg" if image_format == "pdf" else image_format
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")  # we run our own server on purpose
        image = printed.to_image(format=drawn_format, width=WIDTH, height=fig.layout.height, scale=2 if image_format == "png" else 1)
    return pdf_from_svg(image) if image_format == "pdf" else image


def pdf_from_svg(svg: bytes) -> bytes:
    """A vector PDF of an SVG, by librsvg's ``rsvg-convert``. Chromium's own PDF turns each
    pattern fill (the verdicts' hatching) into a page-sized tile of shapes: 6 MB for one chart,
    where librsvg writes a PDF tiling pattern (30 KB)."""
    command = shutil.which("rsvg-convert")
    if command is None:
        raise RuntimeError("rsvg-convert not found: the charts' PDF twins need it (Debian: apt-get install librsvg2-bin, as .ci/install does)")
    result = subprocess.run([command, "--format", "pdf"], input=svg, capture_output=True, check=False)
    if result.returncode != 0 or not result.stdout.startswith(b"%PDF"):
        raise RuntimeError(f"rsvg-convert could not convert a chart's SVG: {result.stderr.decode(errors='replace').strip()}")
    return result.stdout


def title_of(fig: go.Figure) -> str:
    """The figure's name (``layout.meta.title``; the book's caption is what readers see)."""
    return (fig.layout.meta or {}).get("title") or fig.layout.title.text or ""


def colours_in(value) -> set[str]:
    """Every string of a figure's JSON that is a colour of the palette (upper-cased)."""
    if isinstance(value, str):
        return {value.upper()} & DARK.keys()
    if isinstance(value, dict):
        return set().union(*(colours_in(v) for k, v in value.items() if k != "bdata")) if value else set()
    if isinstance(value, list):
        return set().union(*(colours_in(v) for v in value)) if value else set()
    return set()


def specification(fig: go.Figure) -> dict:
    """Data, layout and config as plotly.js takes them, plus the dark twin of each colour used."""
    figure = json.loads(pio.to_json(fig, validate=False, pretty=False))
    dark = {colour: DARK[colour] for colour in sorted(colours_in(figure))}
    return {"data": figure["data"], "layout": figure["layout"], "config": PLOTLY_CONFIG, "dark": dark}


def script_json(data: dict) -> str:
    """JSON safe inside ``<script>``: no ``<``, ``>`` or ``&`` can close the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def interactive_html(fig: go.Figure, spec: dict | None = None) -> str:
    """The figure's div (its height reserved), its JSON specification (``spec``, made here when not
    given), and its alt text for screen readers."""
    div_id = "plotly-" + slug(title_of(fig), "figure")  # stable: the same page builds the same ids
    alt = html.escape(french_spacing(fig.layout.meta["alt"]))
    height = int(fig.layout.height or 450)
    return (
        f'<div class="chronique-plotly" aria-describedby="{div_id}-alt">'
        f'<div id="{div_id}" class="plotly-graph-div" style="height:{height}px; width:100%;"></div>'
        f'<script type="application/json" class="{SPEC_CLASS}" data-target="{div_id}">{script_json(spec or specification(fig))}</script>'
        f'<p id="{div_id}-alt" class="visually-hidden">{alt}</p></div>'
    )


#: plotly's mime type, drawn by JupyterLab (the book ignores it)
PLOTLY_MIME = "application/vnd.plotly.v1+json"


def mime_bundle(fig: go.Figure) -> dict[str, str | dict]:
    """text/html for the web, a vector PDF twin for LaTeX, plotly's own for Jupyter."""
    spec = specification(fig)
    return {
        "text/html": interactive_html(fig, spec),
        "application/pdf": base64.b64encode(static_image(fig, "pdf")).decode("ascii"),
        "text/plain": f"Figure : {title_of(fig)}",
        PLOTLY_MIME: {"data": spec["data"], "layout": spec["layout"], "config": spec["config"]},
    }


def show(fig: go.Figure) -> None:
    """Display ``fig`` in a notebook so the book renders it interactive in HTML and static in the PDF."""
    from IPython.display import display

    display(mime_bundle(fig), raw=True)
