"""The verification notebook's figures: verdicts by section and by status, what was known when the
chronicle was written, and what the search for the named sources found.

Same conventions as :mod:`chronique.charts` (its layout, French labels, hover text naming what a
mark stands for); the verdicts' colours and icons come from :data:`chronique.palette.VERDICT_STYLE`,
and each verdict also has a pattern, so that colour is never the only cue. The hues belong to the
statuses: verdicts, stances and search results are greys, symbols and patterns.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from .charts import base_layout, count_tick, names_on_axis, row_height
from .palette import INK, NEUTRAL, OUTLINE, RESOLUTION_COLOURS, VERDICT_STYLE
from .verification import RESOLUTION_LABELS

#: verdict → bar pattern (with the icon in the legend: neither colour nor pattern alone carries it)
VERDICT_PATTERN = {"confirme": "", "partiellement_exact": "/", "inexact": "x", "non_etaye": ".", "inverifiable": "\\"}
#: stance → marker symbol and colour in the timeline
STANCE_STYLE = {"appuie": ("circle", INK[0]), "contredit": ("x-thin-open", INK[0]), "contexte": ("diamond-open", NEUTRAL[0])}
STANCE_LABELS = {"appuie": "document qui appuie", "contredit": "document qui contredit", "contexte": "document de contexte"}
#: search result → colour and pattern
RESOLUTION_STYLE = {
    "site_propre": (RESOLUTION_COLOURS["site_propre"][0], ""),
    "republication": (RESOLUTION_COLOURS["republication"][0], "/"),
    "non_trouve": (RESOLUTION_COLOURS["non_trouve"][0], "."),
}


def verdict_legend(code: str, labels: dict[str, str]) -> str:
    return f"{VERDICT_STYLE[code][1]} {labels[code]}"


def verdicts_chart(
    counts: pd.DataFrame, row_labels: dict[str, str], verdict_labels: dict[str, str], members: dict[tuple[str, str], list[str]], title: str
) -> go.Figure:
    """Horizontal stacked bars: checks per row (section or status) and verdict."""
    fig = go.Figure()
    rows = [row_labels[code] for code in counts.index]
    for verdict in counts.columns:
        colour = VERDICT_STYLE[verdict][0]
        hovers = ["<br>".join(members.get((code, verdict), [])) or "—" for code in counts.index]
        fig.add_bar(
            y=rows,
            x=counts[verdict],
            orientation="h",
            name=verdict_legend(verdict, verdict_labels),
            marker={
                "color": colour,
                "pattern": {"shape": VERDICT_PATTERN.get(verdict, ""), "fgcolor": OUTLINE[0], "solidity": 0.25},
                "line": {"color": OUTLINE[0], "width": 0.6},
            },
            customdata=hovers,
            hovertemplate="<b>%{y}</b> · " + html.escape(verdict_labels[verdict]) + " : %{x}<br>%{customdata}<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text="Nombre de vérifications", dtick=count_tick(int(counts.sum(axis=1).max())))
    total = int(counts.to_numpy().sum())
    alt = (
        f"Barres empilées : {total} vérifications réparties par verdict pour {len(counts)} lignes ({', '.join(row_labels[c] for c in counts.index)})."
    )
    return base_layout(fig, title, 120 + 38 * len(counts), alt)


def timeline_chart(dates: pd.DataFrame, published: str, first: str, last: str, claims: dict[str, str]) -> go.Figure:
    """One row per check, one mark per dated document (by stance) between ``first`` and ``last``;
    a vertical line on the day the chronicle was put online."""
    window = dates[(dates["published"] >= pd.Timestamp(first)) & (dates["published"] <= pd.Timestamp(last))]
    order = list(dict.fromkeys(window.sort_values(["check"])["check"]))
    fig = go.Figure()
    for stance, (symbol, colour) in STANCE_STYLE.items():
        part = window[window["stance"] == stance]
        fig.add_scatter(
            x=part["published"],
            y=part["check"],
            mode="markers",
            name=STANCE_LABELS[stance],
            marker={"symbol": symbol, "color": colour, "size": 9, "line": {"width": 1.5, "color": colour}},
            customdata=[f"{row.evidence} · {html.escape(row.outlet)}<br>{html.escape(claims[row.check])}" for row in part.itertuples()],
            hovertemplate="<b>%{y}</b> · %{x|%d/%m/%Y}<br>%{customdata}<extra></extra>",
        )
    fig.add_vline(x=pd.Timestamp(published).timestamp() * 1000, line={"color": INK[0], "dash": "dash", "width": 1.5})
    fig.add_annotation(x=pd.Timestamp(published), y=1, yref="paper", yanchor="bottom", text="chronique en ligne", showarrow=False, font={"size": 11})
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], title_text="Vérification", tickfont={"size": 10})
    fig.update_xaxes(title_text="Publication du document", range=[pd.Timestamp(first), pd.Timestamp(last)], tickformat="%d/%m", nticks=6)
    before = int((window["published"] <= pd.Timestamp(published)).sum())
    alt = (
        f"Nuage de points : pour {len(order)} vérifications, {len(window)} documents datés entre le {first} et le {last}, "
        f"dont {before} parus au plus tard le jour de la mise en ligne de la chronique ({published}), marquée d’un trait vertical."
    )
    return base_layout(fig, "Ce que l’on savait quand la chronique a paru", 160 + 16 * len(order), alt)


def resolution_chart(counts: pd.DataFrame, outlet_names: dict[str, str]) -> go.Figure:
    """Horizontal stacked bars: per named source, searches by result."""
    fig = go.Figure()
    rows = [outlet_names.get(key, key) for key in counts.index]
    for result, (colour, pattern) in RESOLUTION_STYLE.items():
        fig.add_bar(
            y=rows,
            x=counts[result],
            orientation="h",
            name=RESOLUTION_LABELS[result].capitalize(),
            marker={
                "color": colour,
                "pattern": {"shape": pattern, "fgcolor": OUTLINE[0], "solidity": 0.25},
                "line": {"color": OUTLINE[0], "width": 0.6},
            },
            hovertemplate="<b>%{y}</b> · " + RESOLUTION_LABELS[result] + " : %{x}<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    names_on_axis(fig, "y", rows, width=16)
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text="Assertions qui la nomment", dtick=count_tick(int(counts.sum(axis=1).max())))
    found = int(counts[["site_propre", "republication"]].to_numpy().sum())
    alt = f"Barres empilées : pour {len(counts)} sources nommées par la chronique, {int(counts.to_numpy().sum())} recherches, dont {found} ont trouvé une pièce correspondante."
    return base_layout(fig, "Les sources nommées : trouvées ou non", 150 + row_height(rows, 16) * len(counts), alt)
