"""Ligatures that extract as letters: the figures' PDF twins are searchable like the book's text.

A PDF writer may map a ligature glyph such as « ﬁ » to U+FB01 in the PDF's ToUnicode tables
(Chromium did, when it wrote the figures' static twins; librsvg, which writes them now, maps
it to its letters, and this is then a check that changes nothing), so a reader searching the PDF for « confirmées »
would miss « conﬁrmées ». :func:`plain_ligatures` rewrites those tables so the glyphs map to
their letters; nothing is redrawn.
"""

from __future__ import annotations

import io
import re
import unicodedata

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
