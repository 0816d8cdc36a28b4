"""One colour-blind-safe palette for the whole book: badges, charts and tables agree.

Colours are Paul Tol's "muted" scheme (distinguishable with the common colour-vision
deficiencies); every status also has an icon and a text label, so colour is never the only cue.
"""

#: status code → (hex colour, icon shown in badges and legends)
STATUS_STYLE = {
    "declaration": ("#332288", "❝"),
    "fait_rapporte": ("#117733", "✔"),
    "contexte_historique": ("#44AA99", "⌛"),
    "allegation": ("#DDCC77", "?"),
    "analyse": ("#88CCEE", "◆"),
    "opinion": ("#CC6677", "✎"),
    "methodologie": ("#AA4499", "ℹ"),
}

#: section code → hex colour (same muted scheme, in chronicle order)
SECTION_COLOURS = {
    "titre": "#999933",
    "faits": "#332288",
    "contexte": "#88CCEE",
    "non_confirmees": "#DDCC77",
    "analyse": "#117733",
    "editorial": "#CC6677",
    "conclusion": "#882255",
    "transparence": "#AA4499",
}


#: text colour that stays legible (WCAG AA) on each status colour
def text_colour_on(background: str) -> str:
    """Black or white, whichever contrasts more with ``background`` (``#RRGGBB``)."""
    r, g, b = (int(background[i : i + 2], 16) / 255 for i in (1, 3, 5))
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    luminance = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#FFFFFF"


#: verdict code (data/verdicts.csv) → (hex colour, icon): Paul Tol's "vibrant" colours, none of
#: which the statuses or sections use, and icons distinct from the statuses' (FreeSerif has them all)
VERDICT_STYLE = {
    "confirme": ("#009988", "☑"),
    "partiellement_exact": ("#EE7733", "◐"),
    "inexact": ("#CC3311", "☒"),
    "non_etaye": ("#BBBBBB", "∅"),
    "inverifiable": ("#33BBEE", "⊘"),
}
