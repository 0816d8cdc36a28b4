"""The book's colours: one meaning per colour, in light and in dark mode, badges and charts alike.

- **Statuses** (the codebook) are the only hues: seven saturated colours, each with an icon, so
  colour is never the only cue. Each has a light-mode shade (dark enough to read on white) and
  a dark-mode shade (light enough to read on the theme's near-black), both at least 4.5:1
  against their background, i.e. legible as text and well above the 3:1 of a graphic mark.
- **Sections** are an order (the chronicle's), not a category: a ramp of slate greys, from the
  first section to the last. No status colour is ever used for a section.
- **How an assertion is backed** (named outlet, anonymous only, the chronicle alone): warm greys
  with patterns; neutral marks (counts that encode nothing else) are a plain grey.

Charts are drawn in the light colours; :data:`DARK` maps every one of them to its dark-mode
equivalent, which the page applies when the reader's theme is dark (see ``chronique.js``).
"""

from __future__ import annotations

from typing import NamedTuple

#: the page backgrounds the colours are checked against (sphinx-book-theme's light and dark)
LIGHT_BACKGROUND = "#FFFFFF"
DARK_BACKGROUND = "#121212"


class StatusStyle(NamedTuple):
    colour: str  # light mode: text, marks and badges on white
    icon: str  # shown in badges, marks and legends
    dark: str  # dark mode


#: status code → colours and icon
STATUS_STYLE = {
    "declaration": StatusStyle("#1F5FA8", "❝", "#7EB3F2"),
    "fait_rapporte": StatusStyle("#1F7A3A", "✔", "#6CCB8A"),
    "contexte_historique": StatusStyle("#875F00", "⌛", "#D8B257"),
    "allegation": StatusStyle("#B83A12", "?", "#F4906C"),
    "analyse": StatusStyle("#6A4BB0", "◆", "#B9A0F0"),
    "opinion": StatusStyle("#A3306B", "✎", "#F08BC0"),
    "methodologie": StatusStyle("#00707A", "ℹ", "#5CCFD6"),
}

#: section code → slate grey, darkest for the first section (light mode), in chronicle order:
#: CIELAB lightness 20 to 86 in even steps (eight sections), a faint blue cast setting them apart
#: from neutral greys
SECTION_COLOURS = {
    "titre": "#25323D",
    "faits": "#3A4753",
    "contexte": "#505D6A",
    "non_confirmees": "#667482",
    "analyse": "#7E8C9A",
    "editorial": "#97A5B3",
    "conclusion": "#B0BFCD",
    "transparence": "#CAD9E8",
}
#: the same ramp for dark mode, lightest for the first section
SECTION_COLOURS_DARK = {
    "titre": "#DBEAF9",
    "faits": "#C2D1DF",
    "contexte": "#A9B8C6",
    "non_confirmees": "#91A0AE",
    "analyse": "#7A8896",
    "editorial": "#63717E",
    "conclusion": "#4E5B68",
    "transparence": "#394652",
}

#: how assertions are backed → (light, dark) warm greys; the charts add a pattern to each
SUPPORT_COLOURS = {
    "media_nomme": ("#5B5047", "#D3CAC2"),
    "anonyme_seul": ("#9C8F84", "#8E8379"),
    "chronique_seule": ("#E6E0DA", "#453E38"),
}


class VerdictStyle(NamedTuple):
    colour: str  # light mode: the verdict's fill in charts
    icon: str  # shown in badges and legends, with the verdict in words
    dark: str  # dark mode


#: verdict code (data/verdicts.csv) → fill, icon and dark fill. The hues belong to the statuses, so
#: verdicts are neutral greys (no cast, unlike the sections' slate): in the text a verdict is its
#: icon and its word, in ink; in charts a grey and a pattern (chronique.verification_charts)
VERDICT_STYLE = {
    "confirme": VerdictStyle("#404040", "☑", "#C8C8C8"),
    "partiellement_exact": VerdictStyle("#6E6E6E", "◐", "#A3A3A3"),
    "inexact": VerdictStyle("#202020", "☒", "#E8E8E8"),
    "non_etaye": VerdictStyle("#9A9A9A", "∅", "#767676"),
    "inverifiable": VerdictStyle("#D0D0D0", "⊘", "#484848"),
}

#: what the search for a named source found → (light, dark) neutral greys; the chart adds a pattern
RESOLUTION_COLOURS = {
    "site_propre": ("#333333", "#D6D6D6"),
    "republication": ("#7F7F7F", "#9E9E9E"),
    "non_trouve": ("#C9C9C9", "#5A5A5A"),
}

#: chart ink: text, outlines, grid and neutral marks → (light, dark)
INK = ("#222222", "#E2E2E2")
OUTLINE = ("#1A1A1A", "#F0F0F0")
GRID = ("#E3E3E3", "#383838")
NEUTRAL = ("#555555", "#B4B4B4")
PAPER = ("#FFFFFF", DARK_BACKGROUND)  # fills that must look like the page (hollow symbols)


def _dark_map() -> dict[str, str]:
    pairs = [(style.colour, style.dark) for style in STATUS_STYLE.values()]
    pairs += [(SECTION_COLOURS[code], SECTION_COLOURS_DARK[code]) for code in SECTION_COLOURS]
    pairs += [(style.colour, style.dark) for style in VERDICT_STYLE.values()]
    pairs += list(RESOLUTION_COLOURS.values())
    pairs += list(SUPPORT_COLOURS.values()) + [INK, OUTLINE, GRID, NEUTRAL, PAPER]
    return {light.upper(): dark.upper() for light, dark in pairs}


#: every light chart colour → its dark-mode equivalent (one colour, one meaning, in both modes)
DARK = _dark_map()


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#RRGGBB``."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two ``#RRGGBB`` colours (1 to 21)."""
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_colour_on(background: str) -> str:
    """Black or white, whichever contrasts more with ``background`` (``#RRGGBB``)."""
    return "#000000" if contrast("#000000", background) >= contrast("#FFFFFF", background) else "#FFFFFF"
