"""The notebooks' figures (plotly): what each chart shows.

Each ``*_chart`` function takes tables computed by :mod:`chronique.analysis` and returns a
``plotly.graph_objects.Figure`` with French titles and labels, the book's one palette
(:mod:`chronique.palette`) and hover text naming the assertions behind each mark. How the book
displays a figure (interactive in HTML, static in the PDF) is :mod:`chronique.figures`.
"""

from __future__ import annotations

import html
import math
import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from . import analysis
from .palette import SECTION_COLOURS, STATUS_STYLE

FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
NEUTRAL = "#555555"  # marks that encode neither a status nor a section
GRID = "#DDDDDD"
#: how assertions are backed: Tol muted colours not used for statuses or sections, plus a pattern,
#: so that colour is never the only cue
SUPPORT_STYLE = {
    analysis.NAMED_OUTLET: ("#999933", ""),
    analysis.ANONYMOUS_ONLY: ("#777777", "/"),
    analysis.CHRONICLE_ALONE: ("#DDDDDD", "."),
}
#: event date precision → marker symbol and span pattern, from the finest to the coarsest
PRECISION_STYLE = {"day": ("circle", ""), "month": ("square", "/"), "season": ("diamond", "x"), "year": ("triangle-up", ".")}
HOVER_TEXT_WIDTH = 70  # characters of assertion text per hover line
HOVER_MAX_ITEMS = 12  # assertions listed in one hover box before "… et N autres"


# --- shared layout and hover text ------------------------------------------------------------


def base_layout(fig: go.Figure, title: str, height: int, alt: str) -> go.Figure:
    """French number format, the book's font, white background; ``alt`` travels with the figure."""
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        height=height,
        font={"family": FONT, "size": 13, "color": "#222222"},
        separators=", ",
        plot_bgcolor="white",
        paper_bgcolor="white",
        hoverlabel={"align": "left", "font": {"family": FONT, "size": 12}},
        margin={"l": 10, "r": 10, "t": 70, "b": 10},
        legend={"orientation": "h", "xref": "container", "yref": "container", "x": 0, "y": 0, "yanchor": "bottom"},
        meta={"alt": alt},
    )
    fig.update_xaxes(gridcolor=GRID, zerolinecolor=GRID, automargin=True)
    fig.update_yaxes(gridcolor=GRID, zerolinecolor=GRID, automargin=True)
    return fig


def hover_line(assertion_id: str, text: str) -> str:
    """``FA-001 : Selon une déclaration…``: one assertion, cut to fit a hover box."""
    return f"<b>{assertion_id}</b> : {html.escape(textwrap.shorten(text, HOVER_TEXT_WIDTH, placeholder=' …'))}"


def hover_lines(ids: list[str], texts: dict[str, str]) -> str:
    """The assertions behind a mark, one per line; long lists end with how many are left out."""
    lines = [hover_line(i, texts[i]) for i in ids[:HOVER_MAX_ITEMS]]
    if len(ids) > HOVER_MAX_ITEMS:
        lines.append(f"… et {len(ids) - HOVER_MAX_ITEMS} autres")
    return "<br>".join(lines)


def status_legend(code: str, labels: dict[str, str]) -> str:
    """``✔ Fait rapporté``: icon and label, so the legend does not rely on colour alone."""
    return f"{STATUS_STYLE[code][1]} {labels[code]}"


def wrap_label(label: str, width: int = 28) -> str:
    """Break a long axis label over lines (plotly wants ``<br>``)."""
    return "<br>".join(textwrap.wrap(label, width)) or label


# --- source coverage -------------------------------------------------------------------------


def outlets_by_section_chart(
    counts: pd.DataFrame, cells: dict, texts: dict[str, str], outlet_names: dict[str, str], titles: dict[str, str]
) -> go.Figure:
    """Stacked bars: assertions citing each outlet, coloured by section."""
    fig = go.Figure()
    names = [outlet_names[key] for key in counts.index]
    for section in counts.columns:
        hovers = [hover_lines(cells.get((key, section), []), texts) for key in counts.index]
        fig.add_bar(
            y=names,
            x=counts[section],
            orientation="h",
            name=titles[section],
            marker_color=SECTION_COLOURS[section],
            customdata=hovers,
            hovertemplate=f"<b>%{{y}}</b> · {titles[section]} : %{{x}} assertion(s)<br>%{{customdata}}<extra></extra>",
        )
    top = counts.sum(axis=1)
    alt = "Diagramme en barres empilées du nombre d’assertions qui citent chaque média nommé, par section. " + "; ".join(
        f"{outlet_names[key]} : {n}" for key, n in top.items()
    )
    fig.update_layout(barmode="stack", legend_title_text="Section", legend_traceorder="normal")
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text="Nombre d’assertions qui le citent", dtick=1)
    return base_layout(fig, "Assertions par média cité et par section", 560, alt)


def outlet_section_heatmap(
    counts: pd.DataFrame, cells: dict, texts: dict[str, str], outlet_names: dict[str, str], titles: dict[str, str]
) -> go.Figure:
    """Outlet × section grid: how many assertions of each section cite each outlet."""
    hovers = [[hover_lines(cells.get((key, section), []), texts) or "aucune assertion" for section in counts.columns] for key in counts.index]
    fig = go.Figure(
        go.Heatmap(
            z=counts.to_numpy(),
            x=[titles[s] for s in counts.columns],
            y=[wrap_label(outlet_names[k], 40) for k in counts.index],
            colorscale=[[0, "#FFFFFF"], [0.001, "#EEEEEE"], [1, "#332288"]],
            xgap=2,
            ygap=2,
            text=[[str(n) if n else "" for n in row] for row in counts.to_numpy()],
            texttemplate="%{text}",
            customdata=hovers,
            colorbar={"title": {"text": "Assertions"}, "dtick": 1},
            hovertemplate="<b>%{y}</b> · %{x} : %{z} assertion(s)<br>%{customdata}<extra></extra>",
        )
    )
    nonzero = int((counts.to_numpy() > 0).sum())
    alt = (
        f"Carte de chaleur croisant {len(counts)} médias (lignes) et {len(counts.columns)} sections (colonnes) ; "
        f"{nonzero} cases sur {counts.size} sont non nulles, et chaque case affiche son nombre d’assertions."
    )
    fig.update_yaxes(autorange="reversed", showgrid=False, tickfont={"size": 11})
    fig.update_xaxes(
        title_text="Section de la chronique",
        tickvals=[titles[s] for s in counts.columns],
        ticktext=[wrap_label(titles[s], 12) for s in counts.columns],
        tickangle=0,
        tickfont={"size": 11},
        showgrid=False,
    )
    return base_layout(fig, "Médias cités × sections (nombre d’assertions)", 620, alt)


def support_shares_chart(counts: pd.DataFrame, members: dict[tuple[str, str], list[str]], texts: dict[str, str], titles: dict[str, str]) -> go.Figure:
    """Horizontal 100 % bars: per section, how assertions are backed (named outlet, anonymous, nobody)."""
    shares = analysis.support_shares(counts)
    fig = go.Figure()
    labels = [titles[s] for s in counts.index]
    for kind in analysis.SUPPORT_KINDS:
        colour, pattern = SUPPORT_STYLE[kind]
        hovers = [hover_lines(members.get((section, kind), []), texts) for section in counts.index]
        fig.add_bar(
            y=labels,
            x=shares[kind],
            orientation="h",
            name=analysis.SUPPORT_LABELS[kind],
            marker={
                "color": colour,
                "pattern": {"shape": pattern, "fgcolor": "#222222", "solidity": 0.25},
                "line": {"color": "#222222", "width": 0.5},
            },
            customdata=list(zip(counts[kind], hovers, strict=False)),
            hovertemplate="<b>%{y}</b> · "
            + analysis.SUPPORT_LABELS[kind]
            + " : %{x:.0f} % (%{customdata[0]} assertion(s))<br>%{customdata[1]}<extra></extra>",
        )
    alt = "Barres horizontales à 100 % : part des assertions de chaque section appuyées par un média nommé. " + "; ".join(
        f"{titles[s]} : {shares.loc[s, analysis.NAMED_OUTLET]:.0f} %" for s in counts.index
    )
    fig.update_layout(barmode="stack", legend_title_text="Appui", legend_traceorder="normal", margin_r=30)
    fig.update_xaxes(title_text="Part des assertions de la section (%)", range=[0, 100], ticksuffix=" %")
    fig.update_yaxes(autorange="reversed")
    return base_layout(fig, "Sur quoi reposent les assertions, section par section", 480, alt)


def independent_sources_chart(supported: pd.DataFrame, status_labels: dict[str, str], outlet_names: dict[str, str]) -> go.Figure:
    """One bar per assertion citing a named outlet: how many distinct outlets back it, coloured by status."""
    backed = supported[supported["n_outlets"] > 0].sort_values(["n_outlets", "position"], ascending=[False, True], kind="stable")
    unbacked = int((supported["n_outlets"] == 0).sum())
    fig = go.Figure()
    for status in [code for code in STATUS_STYLE if code in set(backed["status"])]:
        rows = backed[backed["status"] == status]
        fig.add_bar(
            y=rows["id"],
            x=rows["n_outlets"],
            orientation="h",
            name=status_legend(status, status_labels),
            marker_color=STATUS_STYLE[status][0],
            customdata=[[hover_line(r.id, r.text), ", ".join(outlet_names[key] for key in r.outlets)] for r in rows.itertuples()],
            hovertemplate="%{customdata[0]}<br>%{x} média(s) distinct(s) : %{customdata[1]}<extra></extra>",
        )
    alt = (
        f"Barres horizontales, une par assertion citant au moins un média nommé ({len(backed)} assertions) : "
        + "; ".join(f"{r.id} {r.n_outlets}" for r in backed.itertuples())
        + f". Les {unbacked} autres assertions n’en citent aucun."
    )
    fig.update_layout(legend_title_text="Statut", barmode="overlay")
    fig.update_yaxes(title_text="Assertion", categoryorder="array", categoryarray=list(backed["id"]), autorange="reversed")
    fig.update_xaxes(title_text="Médias nommés distincts cités (un média cité deux fois compte une fois)", dtick=1)
    title = f"Sources indépendantes par assertion ({unbacked} assertions sur {len(supported)} n’en citent aucune)"
    return base_layout(fig, title, 200 + 28 * len(backed), alt)


def circle_layout(nodes: list[str]) -> dict[str, tuple[float, float]]:
    """Nodes evenly spaced on a circle, first at the top, clockwise: deterministic, no solver."""
    n = len(nodes)
    return {node: (math.sin(2 * math.pi * i / n), math.cos(2 * math.pi * i / n)) for i, node in enumerate(nodes)}


def cocitation_chart(
    pairs: dict[tuple[str, str], list[str]], cited_by: dict[str, list[str]], texts: dict[str, str], outlet_names: dict[str, str]
) -> go.Figure:
    """Network: outlets (nodes sized by assertions) joined when one assertion cites both (width = how often)."""
    nodes = [key for key in outlet_names if cited_by.get(key)]
    xy = circle_layout(nodes)
    fig = go.Figure()
    for (a, b), ids in sorted(pairs.items(), key=lambda item: len(item[1])):
        fig.add_scatter(
            x=[xy[a][0], xy[b][0]],
            y=[xy[a][1], xy[b][1]],
            mode="lines",
            line={"width": 1 + 2 * (len(ids) - 1), "color": "#999999"},
            hoverinfo="skip",
            showlegend=False,
        )
    midpoints = sorted(pairs.items())
    fig.add_scatter(
        x=[(xy[a][0] + xy[b][0]) / 2 for (a, b), _ in midpoints],
        y=[(xy[a][1] + xy[b][1]) / 2 for (a, b), _ in midpoints],
        mode="markers",
        marker={"size": 8, "color": "rgba(0,0,0,0)"},
        showlegend=False,
        customdata=[[outlet_names[a], outlet_names[b], len(ids), hover_lines(ids, texts)] for (a, b), ids in midpoints],
        hovertemplate="<b>%{customdata[0]} + %{customdata[1]}</b> : %{customdata[2]} assertion(s)<br>%{customdata[3]}<extra></extra>",
    )
    fig.add_scatter(
        x=[xy[k][0] for k in nodes],
        y=[xy[k][1] for k in nodes],
        mode="markers+text",
        showlegend=False,
        cliponaxis=False,
        text=[wrap_label(outlet_names[k], 24) for k in nodes],
        textposition=["middle right" if xy[k][0] >= 0 else "middle left" for k in nodes],
        marker={"size": [10 + 4 * len(cited_by[k]) for k in nodes], "color": NEUTRAL, "line": {"color": "white", "width": 1}},
        customdata=[[len(cited_by[k]), hover_lines(cited_by[k], texts)] for k in nodes],
        hovertemplate="<b>%{text}</b> : citée par %{customdata[0]} assertion(s)<br>%{customdata[1]}<extra></extra>",
    )
    strongest = max(pairs.items(), key=lambda item: len(item[1]))
    alt = (
        f"Réseau de co-citation : {len(nodes)} médias disposés en cercle, {len(pairs)} liens entre médias cités dans une même assertion ; "
        f"le lien le plus épais joint {outlet_names[strongest[0][0]]} et {outlet_names[strongest[0][1]]} ({len(strongest[1])} assertions)."
    )
    fig.update_xaxes(visible=False, range=[-2.2, 2.2])
    fig.update_yaxes(visible=False, range=[-1.15, 1.15], scaleanchor="x")
    return base_layout(fig, "Médias cités ensemble dans une même assertion", 620, alt)


def notes_chart(
    by_kind: pd.Series,
    by_section: pd.Series,
    notes: pd.DataFrame,
    note_sections: dict[str, list[str]],
    titles: dict[str, str],
    kind_labels: dict[str, str],
) -> go.Figure:
    """Two panels: the editors' notes by kind, and by section of the assertions they target."""
    fig = make_subplots(rows=2, cols=1, vertical_spacing=0.18, subplot_titles=("Par nature", "Par section visée"))
    notes_of_kind = {kind: list(notes.loc[notes["kind"] == kind, "id"]) for kind in by_kind.index}
    notes_in_section = {s: [n for n, spanned in note_sections.items() if s in spanned] for s in by_section.index}
    targets = dict(zip(notes["id"], notes["targets"], strict=False))
    describe = lambda ids: "<br>".join(f"<b>{n}</b> → {targets[n].replace(';', ', ')}" for n in ids)  # noqa: E731
    fig.add_bar(
        y=[kind_labels[k] for k in by_kind.index],
        x=by_kind,
        orientation="h",
        marker_color=NEUTRAL,
        showlegend=False,
        customdata=[describe(notes_of_kind[k]) for k in by_kind.index],
        hovertemplate="<b>%{y}</b> : %{x} note(s)<br>%{customdata}<extra></extra>",
        row=1,
        col=1,
    )
    fig.add_bar(
        y=[titles[s] for s in by_section.index],
        x=by_section,
        orientation="h",
        marker_color=[SECTION_COLOURS[s] for s in by_section.index],
        showlegend=False,
        customdata=[describe(notes_in_section[s]) for s in by_section.index],
        hovertemplate="<b>%{y}</b> : %{x} note(s)<br>%{customdata}<extra></extra>",
        row=2,
        col=1,
    )
    alt = (
        "Deux diagrammes en barres horizontales. Notes par nature : "
        + "; ".join(f"{kind_labels[k]} {n}" for k, n in by_kind.items())
        + ". Notes par section visée : "
        + "; ".join(f"{titles[s]} {n}" for s, n in by_section.items())
        + "."
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text="Nombre de notes", dtick=1)
    return base_layout(fig, "Notes des éditeurs", 640, alt)


# --- event density ---------------------------------------------------------------------------

SHORT_LABEL = 34  # characters of an event label on an axis


def event_axis_label(row) -> str:
    """``1953 · Accord d’armistice de la guerre…``: the year first, so the axis reads as a timeline."""
    return f"{row.start.year} · {textwrap.shorten(row.label, SHORT_LABEL, placeholder='…')}"


def french_date(date: str) -> str:
    """``2025-11-04`` → ``4 novembre 2025``; ``2022-02`` → ``février 2022``; ``2014`` → ``2014``."""
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
    parts = date.split("-")
    if len(parts) == 1:
        return date
    month = months[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def event_hover(row, mentioned_by: list[str], texts: dict[str, str]) -> str:
    """Label, date as the data gives it and who dates it, then the assertions that mention the event."""
    when = french_date(row.date_start) + (f" – {french_date(row.date_end)}" if row.date_end else "")
    source = f"la chronique (« {row.chronicle_date} »)" if row.date_source == "chronicle" else "les éditeurs"
    return (
        f"<b>{html.escape(row.label)}</b><br>{when} · précision : {analysis.PRECISION_LABELS[row.precision]} · daté par {source}"
        f"<br>Mentionné par :<br>{hover_lines(mentioned_by, texts)}"
    )


def _timeline_panel(fig: go.Figure, spans: pd.DataFrame, hovers: dict[str, str], first_sections: dict[str, str], row: int) -> None:
    """Spans as bars (pattern = precision), every event as a marker at its start (symbol = precision)."""
    frame = spans.assign(
        colour=[SECTION_COLOURS.get(first_sections.get(i, ""), NEUTRAL) for i in spans["id"]],
        axis_label=[event_axis_label(r) for r in spans.itertuples()],
    )
    for precision, (symbol, pattern) in PRECISION_STYLE.items():
        subset = frame[frame["precision"] == precision]
        # one bar trace per colour: plotly.js mishandles a pattern over an array of colours
        for colour, bars in subset[subset["end"] > subset["start"]].groupby("colour", sort=False):
            fig.add_bar(
                base=bars["start"],
                x=(bars["end"] + pd.Timedelta(days=1) - bars["start"]).dt.total_seconds() * 1000,
                y=bars["axis_label"],
                orientation="h",
                width=0.6,
                showlegend=False,
                marker={"color": colour, "opacity": 0.55, "pattern": {"shape": pattern, "fgcolor": "#222222", "solidity": 0.3}},
                customdata=[hovers[i] for i in bars["id"]],
                hovertemplate="%{customdata}<extra></extra>",
                row=row,
                col=1,
            )
        if len(subset):
            fig.add_scatter(
                x=subset["start"],
                y=subset["axis_label"],
                mode="markers",
                showlegend=False,
                cliponaxis=False,
                marker={"symbol": symbol, "size": 11, "color": subset["colour"], "line": {"color": "#222222", "width": 1}},
                customdata=[hovers[i] for i in subset["id"]],
                hovertemplate="%{customdata}<extra></extra>",
                row=row,
                col=1,
            )
    fig.update_yaxes(categoryorder="array", categoryarray=list(frame["axis_label"]), row=row, col=1)


def legend_entries(fig: go.Figure, title: str, entries: list[tuple[str, dict]]) -> None:
    """Legend-only traces: per-point colours and symbols cannot label themselves in plotly's legend."""
    for i, (name, marker) in enumerate(entries):
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=name,
            marker={"size": 11, **marker},
            legendgroup=title,
            legendgrouptitle_text=title if i == 0 else None,
        )


def events_timeline_chart(
    spans: pd.DataFrame,
    mentions: pd.DataFrame,
    first_sections: dict[str, str],
    texts: dict[str, str],
    titles: dict[str, str],
    zoom_from: str = analysis.ZOOM_FROM,
    zoom_to: str = analysis.ZOOM_TO,
) -> go.Figure:
    """Two panels: every event from the 1950s to 2025, then the autumn of 2025 at the scale of days."""
    mentioned_by = mentions.groupby("event")["assertion"].apply(list).to_dict()
    hovers = {r.id: event_hover(r, mentioned_by.get(r.id, []), texts) for r in spans.itertuples()}
    zoomed = analysis.in_window(spans, zoom_from, zoom_to)
    first_year = int(spans["start"].dt.year.min())
    fig = make_subplots(
        rows=2,
        cols=1,
        row_heights=[len(spans), max(len(zoomed), 2) + 1.5],
        vertical_spacing=0.1,
        subplot_titles=(
            f"De {first_year} à 2025 : toute la période",
            f"Zoom sur l’automne 2025 ({zoom_from[8:]}/{zoom_from[5:7]} – {zoom_to[8:]}/{zoom_to[5:7]})",
        ),
    )
    _timeline_panel(fig, spans, hovers, first_sections, row=1)
    _timeline_panel(fig, zoomed, hovers, first_sections, row=2)
    used = [code for code in titles if code in set(first_sections.values())]
    legend_entries(fig, "Section de première mention", [(titles[c], {"symbol": "square", "color": SECTION_COLOURS[c]}) for c in used])
    outline = {"color": "white", "line": {"color": "#222222", "width": 1}}
    legend_entries(
        fig, "Précision de la date", [(analysis.PRECISION_LABELS[p], {"symbol": symbol, **outline}) for p, (symbol, _) in PRECISION_STYLE.items()]
    )
    fig.update_yaxes(autorange="reversed", showgrid=False, tickfont={"size": 11})
    fig.update_xaxes(type="date", title_text="Année", tickformat="%Y", dtick="M120", range=[f"{first_year - 3}-01-01", "2027-01-01"], row=1, col=1)
    fig.update_xaxes(type="date", title_text="Jour (jj/mm/2025)", tickformat="%d/%m", dtick=7 * 86400000, range=[zoom_from, zoom_to], row=2, col=1)
    fig.update_layout(barmode="overlay", legend_tracegroupgap=20)
    alt = (
        f"Frise chronologique en deux panneaux : {len(spans)} événements, du {french_date(spans.iloc[0]['date_start'])} à novembre 2025, "
        f"dont {len(zoomed)} dans le zoom sur l’automne 2025 ; les barres montrent les durées et l’imprécision des dates, "
        "le symbole la précision, la couleur la section de première mention."
    )
    return base_layout(fig, "Frise des événements mentionnés par la chronique", 380 + 26 * (len(spans) + len(zoomed)), alt)


def events_per_period_chart(per_year: pd.DataFrame, per_month: pd.DataFrame, dated: pd.DataFrame, titles: dict[str, str]) -> go.Figure:
    """Two panels of bars stacked by section of first mention: events per start year, then per month."""
    label_of = dict(zip(dated["id"], dated["label"], strict=False))
    describe = lambda ids: "<br>".join(html.escape(label_of[i]) for i in ids)  # noqa: E731
    in_year = analysis.group_ids(dated, ["year", "first_section"])
    in_month = analysis.group_ids(dated.dropna(subset=["month"]), ["month", "first_section"])
    month_ticks = [f"{p.month:02d}/{p.year}" for p in per_month.index]
    fig = make_subplots(
        rows=2,
        cols=1,
        vertical_spacing=0.16,
        subplot_titles=(
            f"Par année de début ({per_year.index[0]}–{per_year.index[-1]})",
            f"Par mois de début ({month_ticks[0]} – {month_ticks[-1]}, dates connues au mois près)",
        ),
    )
    for section in [s for s in per_year.columns if per_year[s].sum() or per_month[s].sum()]:
        name = titles.get(section, "Jamais mentionné")
        style = {"name": name, "marker_color": SECTION_COLOURS.get(section, NEUTRAL), "legendgroup": section}
        hover = "<b>%{customdata[0]}</b> · " + name + " : %{y}<br>%{customdata[1]}<extra></extra>"
        fig.add_bar(
            x=list(per_year.index),
            y=per_year[section],
            customdata=[[y, describe(in_year.get((y, section), []))] for y in per_year.index],
            hovertemplate=hover,
            row=1,
            col=1,
            **style,
        )
        fig.add_bar(
            x=month_ticks,
            y=per_month[section],
            customdata=[[french_date(str(m)), describe(in_month.get((m, section), []))] for m in per_month.index],
            hovertemplate=hover,
            showlegend=False,
            row=2,
            col=1,
            **style,
        )
    year_totals, month_totals = per_year.sum(axis=1), per_month.sum(axis=1)
    alt = (
        f"Deux histogrammes empilés par section de première mention. Par année : l’année la plus chargée est {year_totals.idxmax()} "
        f"({int(year_totals.max())} événements). Par mois : le mois le plus chargé est {french_date(str(month_totals.idxmax()))} "
        f"({int(month_totals.max())} événements)."
    )
    fig.update_layout(barmode="stack", bargap=0.15, legend_title_text="Section de première mention")
    fig.update_yaxes(title_text="Événements", dtick=1)
    fig.update_xaxes(title_text="Année", dtick=5, row=1, col=1)
    fig.update_xaxes(title_text="Mois (mm/aaaa)", tickvals=month_ticks[::3], tickangle=-45, row=2, col=1)
    return base_layout(fig, "Combien d’événements, et quand ?", 720, alt)


def mentions_along_text_chart(
    mentions: pd.DataFrame, spans: pd.DataFrame, positions: pd.DataFrame, titles: dict[str, str], prefixes: dict[str, str]
) -> go.Figure:
    """Where the chronicle mentions each event: assertion position (x) against the events in date order (y)."""
    label_of = {r.id: event_axis_label(r) for r in spans.itertuples()}
    fig = go.Figure()
    for section, group in positions.groupby("section", sort=False):
        fig.add_vrect(
            x0=group["position"].min() - 0.5,
            x1=group["position"].max() + 0.5,
            fillcolor=SECTION_COLOURS[section],
            opacity=0.08,
            line_width=0,
            layer="below",
        )
    for section in titles:
        subset = mentions[mentions["section"] == section]
        if subset.empty:
            continue
        fig.add_scatter(
            x=subset["position"],
            y=[label_of[e] for e in subset["event"]],
            mode="markers",
            name=titles[section],
            marker={"size": 11, "color": SECTION_COLOURS[section], "line": {"color": "#222222", "width": 1}},
            customdata=[[hover_line(a, t)] for a, t in zip(subset["assertion"], subset["text"], strict=False)],
            hovertemplate="%{customdata[0]}<br>Événement : %{y}<br>Position %{x}<extra></extra>",
        )
    bounds = positions.groupby("section", sort=False)["position"].agg(["min", "max"])
    for section, (lo, hi) in bounds.iterrows():
        fig.add_annotation(
            x=(lo + hi) / 2,
            y=1,
            yref="paper",
            yanchor="bottom",
            text=f"<b>{prefixes[section]}</b>",
            showarrow=False,
            font={"color": SECTION_COLOURS[section]},
        )
    fig.update_xaxes(
        title_text="Position de l’assertion dans la chronique (bandes : sections)",
        range=[0.5, positions["position"].max() + 0.5],
        dtick=10,
        showgrid=False,
    )
    fig.update_yaxes(categoryorder="array", categoryarray=[label_of[i] for i in spans["id"]], autorange="reversed", tickfont={"size": 11})
    fig.update_layout(legend_title_text="Section de l’assertion", margin_t=90)
    alt = (
        f"Nuage de points : {len(mentions)} mentions d’événements, placées selon la position de l’assertion dans la chronique (abscisse, "
        f"bandes colorées par section) et l’événement, du plus ancien en haut au plus récent en bas (ordonnée)."
    )
    return base_layout(fig, "Où la chronique mentionne-t-elle chaque événement ?", 300 + 24 * len(spans), alt)
