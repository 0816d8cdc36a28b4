"""French typography for the screen, applied when a page is rendered, never to the data.

The data keep the chronicle's characters verbatim (an ordinary space before « : », a plain
hyphen in « 4-5 novembre »). A browser may break a line at such a space or hyphen, which French
typography forbids: a colon, a semicolon or a guillemet alone at the start of a line, « FA- »
and « 004 » on two lines. Rendering therefore:

- turns the ordinary space before ``; ! ?`` and ``%`` and inside ``« »`` into a narrow
  no-break space (U+202F), and the one before ``:`` into a no-break space (U+00A0);
- marks the tokens that must not break at their hyphen (assertion, check, document, note and
  [sic] ids, dates and date ranges: ``FA-004``, ``C-012``, ``EV-101``, ``N-01``, ``S-03``, ``4-5``, ``2023-2025``, ``2025-11-04``, ``octobre-novembre``)
  so that the page keeps them on one line (``white-space: nowrap``), their hyphen unchanged.

Only spaces that are there are replaced: nothing is inserted (``Auteur: Maxime`` stays as
written). The PDF gets the same rules from babel-french.
"""

from __future__ import annotations

import re
import unicodedata

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")

#: (pattern, replacement): a breakable space that French typography binds to its neighbour
SPACING = (
    (re.compile(r" (?=[;!?])"), NARROW_NBSP),
    (re.compile(r" (?=:)"), NBSP),
    (re.compile(r" (?=%)"), NARROW_NBSP),  # after a number, which may be in another node (a glued value)
    (re.compile(r"(?<=«) "), NARROW_NBSP),
    (re.compile(r" (?=»)"), NARROW_NBSP),
)

_MONTH = "|".join(MONTHS)
#: tokens a line must not break at their hyphen: ids, numbers joined by hyphens, month ranges
UNBREAKABLE = re.compile(rf"\b[A-Z]{{1,2}}-\d{{3}}\b|\b[NS]-\d{{2}}\b|\d+(?:-\d+)+|\b(?:{_MONTH})(?:-(?:{_MONTH}))+\b", re.IGNORECASE)

#: what the browser may break at, once rendered: the test of the book counts these (zero)
BREAKABLE = re.compile(r"[ \t\n](?=[:;!?»%])|(?<=«)[ \t\n]")


def french_spacing(text: str) -> str:
    """``text`` with the spaces French typography binds made non-breaking."""
    for pattern, replacement in SPACING:
        text = pattern.sub(replacement, text)
    return text


def unbreakable_segments(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (segment, must stay on one line) pairs, in order; joined, they are ``text``."""
    segments, start = [], 0
    for match in UNBREAKABLE.finditer(text):
        if match.start() > start:
            segments.append((text[start : match.start()], False))
        segments.append((match.group(), True))
        start = match.end()
    if start < len(text):
        segments.append((text[start:], False))
    return segments


_TAG = re.compile(r"(<[^>]*>)")
_VERBATIM = re.compile(r"<(script|style|pre|code|textarea)\b", re.IGNORECASE)


def french_html(markup: str) -> str:
    """French spacing in the text of an HTML fragment the theme renders (a table of contents, a
    title), tags and attributes untouched; hyphenated tokens are wrapped in a no-wrap span."""
    out, verbatim = [], None
    for part in _TAG.split(markup):
        if part.startswith("<"):
            opened = _VERBATIM.match(part)
            if opened and verbatim is None:
                verbatim = opened.group(1).lower()
            elif verbatim and part.lower().startswith(f"</{verbatim}"):
                verbatim = None
            out.append(part)
        elif verbatim or not part:
            out.append(part)
        else:
            spaced = french_spacing(part)
            out.append("".join(f'<span class="chronique-nowrap">{s}</span>' if keep else s for s, keep in unbreakable_segments(spaced)))
    return "".join(out)


def slug(text: str, default: str = "x") -> str:
    """``Équipe de l’édition`` → ``equipe-de-l-edition``: an ASCII id fragment, stable for a text
    (``default`` when nothing is left)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or default
