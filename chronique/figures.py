"""How the book shows a figure: interactive in HTML, static in the PDF.

:func:`show` displays a plotly figure as a mime bundle holding ``text/html`` (a div that the
book's single ``_static/plotly.min.js`` draws, see :mod:`chronique.sphinxext.plotly_assets`) and a
static twin (``application/pdf``, a vector image drawn by Chromium through kaleido, for LaTeX),
with no plotly mime type, which myst-nb would not know.

The static twin is made to read well in the book's PDF: its symbols (status icons such as ⌛) are
drawn from Symbola, a TrueType font Chromium embeds as such (from a CFF font it would make a
Type 3 font), and its ligatures extract as their letters (Chromium maps the ﬁ glyph to U+FB01,
so a search for « confirmées » would miss it; :func:`plain_ligatures` maps it to « fi »).
"""

from __future__ import annotations

import atexit
import base64
import html
import io
import re
import unicodedata
import warnings

import plotly.graph_objects as go

WIDTH = 900  # px: the static twin's width, about the text width of the book's pages
#: font family appended to the static twin's fonts, for the symbols its own fonts lack (Debian: fonts-symbola)
SYMBOL_FONT = "Symbola"
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
    """The figure drawn by Chromium through kaleido, at the book's text width (a PDF: with its
    symbols in a TrueType font and its ligatures extracting as letters)."""
    _start_kaleido()
    twin = go.Figure(fig)
    family = fig.layout.font.family
    if family and SYMBOL_FONT not in family:
        twin.update_layout(font_family=f"{family}, {SYMBOL_FONT}")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")  # we run our own server on purpose
        image = twin.to_image(format=image_format, width=WIDTH, height=fig.layout.height, scale=2 if image_format == "png" else 1)
    return plain_ligatures(image) if image_format == "pdf" else image


#: ToUnicode CMap entries: ``<glyph> <unicode>`` (bfchar) and ``<first> <last> <unicode>`` (bfrange)
_BFCHAR = re.compile(r"(\d+)\s+beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(r"(\d+)\s+beginbfrange(.*?)endbfrange", re.S)
_HEX = re.compile(r"<([0-9A-Fa-f]+)>")


def _letters(code: str) -> str | None:
    """``FB01`` → ``00660069`` (the letters of a ligature, UTF-16BE), or None for other characters."""
    character = chr(int(code, 16)) if len(code) <= 6 else ""
    if "\ufb00" <= character <= "\ufb06":
        return unicodedata.normalize("NFKC", character).encode("utf-16-be").hex().upper()
    return None


def _plain_cmap(cmap: str) -> str:
    """A ToUnicode CMap whose ligature glyphs map to their letters (``ﬁ`` → ``fi``)."""

    def chars(match: re.Match) -> str:
        entries = []
        for line in match.group(2).strip().splitlines():
            codes = _HEX.findall(line)
            if len(codes) == 2 and _letters(codes[1]):
                line = f"<{codes[0]}> <{_letters(codes[1])}>"
            entries.append(line.strip())
        return f"{len(entries)} beginbfchar\n" + "\n".join(entries) + "\nendbfchar"

    def ranges(match: re.Match) -> str:
        kept, split = [], []
        for line in match.group(2).strip().splitlines():
            codes = _HEX.findall(line)
            if len(codes) == 3:
                first, last, start = (int(c, 16) for c in codes)
                width = len(codes[0])
                mapped = [(f"{g:0{width}X}", f"{start + g - first:04X}") for g in range(first, last + 1)]
                if any(_letters(u) for _, u in mapped):
                    split += [f"<{g}> <{_letters(u) or u}>" for g, u in mapped]
                    continue
            kept.append(line.strip())
        extra = f"\n{len(split)} beginbfchar\n" + "\n".join(split) + "\nendbfchar" if split else ""
        return (f"{len(kept)} beginbfrange\n" + "\n".join(kept) + "\nendbfrange" if kept else "") + extra

    return _BFRANGE.sub(ranges, _BFCHAR.sub(chars, cmap))


def plain_ligatures(pdf: bytes) -> bytes:
    """``pdf`` with every font's ligature glyphs (U+FB00–U+FB06) extracting as their letters."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    changed, seen = False, set()

    def visit(resources) -> None:
        nonlocal changed
        resources = resources.get_object() if resources is not None else {}
        fonts = resources.get("/Font")
        for font in fonts.get_object().values() if fonts else ():
            to_unicode = font.get_object().get(NameObject("/ToUnicode"))
            if to_unicode is None or id(to_unicode.get_object()) in seen:
                continue
            stream = to_unicode.get_object()
            seen.add(id(stream))
            cmap = stream.get_data().decode("latin-1")
            plain = _plain_cmap(cmap)
            if plain != cmap:
                stream.set_data(plain.encode("latin-1"))
                changed = True
        xobjects = resources.get("/XObject")
        for xobject in xobjects.get_object().values() if xobjects else ():
            form = xobject.get_object()
            if form.get("/Subtype") == "/Form" and id(form) not in seen:
                seen.add(id(form))
                visit(form.get("/Resources"))

    for page in writer.pages:
        visit(page.get("/Resources"))
    if not changed:
        return pdf
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


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
