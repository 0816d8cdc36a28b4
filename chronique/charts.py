"""The notebooks' figures (plotly): what each chart shows, legible from a phone to the PDF.

Each ``*_chart`` function takes tables computed by :mod:`chronique.analysis` and returns a
``plotly.graph_objects.Figure`` with French labels, the book's palette (:mod:`chronique.palette`:
one meaning per colour, statuses never reused for sections) and hover text naming the
assertions behind each mark. How the book displays a figure (interactive in HTML, in the
reader's light or dark theme, static in the PDF) is :mod:`chronique.figures`.

Designed for a 342-pixel-wide plot (a 390-pixel phone) as much as for the PDF's 900:

- no title inside the figure (the book's caption says what it shows; ``layout.meta.title``
  names it); legends above the plot, their title on a line of its own, so that they wrap;
- long category names wrapped or, for events, written in full above their row, never cut;
- every encoding explained in the figure (legend entries or a key), since the PDF has no hover;
- the timeline split into periods, each at its own scale.
"""

from __future__ import annotations

import html
import math
import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from . import analysis
from .palette import GRID, INK, NEUTRAL, OUTLINE, PAPER, SECTION_COLOURS, STATUS_STYLE, SUPPORT_COLOURS

FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
TRANSPARENT = "rgba(0,0,0,0)"  # the page shows through: the figure follows the reader's theme
#: how assertions are backed: a pattern each, so that colour is never the only cue
SUPPORT_PATTERN = {analysis.NAMED_OUTLET: "", analysis.ANONYMOUS_ONLY: "/", analysis.CHRONICLE_ALONE: "."}
#: event date precision → marker symbol, from the finest to the coarsest
PRECISION_SYMBOL = {"day": "circle", "month": "square", "season": "diamond", "year": "triangle-up"}
HOVER_TEXT_WIDTH = 70  # characters of assertion text per hover line
HOVER_MAX_ITEMS = 12  # assertions listed in one hover box before "… et N autres"
LABEL_WIDTH = 22  # characters per line of a category name on an axis
EVENT_LABEL_WIDTH = 50  # characters per line of an event's label above its row (fits 342 px)


# --- shared layout and text ------------------------------------------------------------------


def base_layout(fig: go.Figure, title: str, height: int, alt: str) -> go.Figure:
    """French number format, the book's font and ink, transparent background; ``title`` and
    ``alt`` travel with the figure (``layout.meta``) rather than being drawn in it."""
    fig.update_layout(
        template="none",  # everything is set here: no default template shipped in every figure's JSON
        height=height,
        font={"family": FONT, "size": 12, "color": INK[0]},
        separators=", ",
        paper_bgcolor=TRANSPARENT,
        plot_bgcolor=TRANSPARENT,
        hoverlabel={"align": "left", "font": {"family": FONT, "size": 12}},
        margin={"l": 8, "r": 12, "t": 12, "b": 8},
        # above the plot, its title on its own line: it wraps on a phone and plotly makes room for it
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom", "title": {"side": "top"}, "font": {"size": 11}},
        modebar={"bgcolor": TRANSPARENT, "color": NEUTRAL[0], "activecolor": INK[0]},
        meta={"title": title, "alt": alt},
    )
    fig.update_xaxes(gridcolor=GRID[0], zerolinecolor=GRID[0], linecolor=GRID[0], automargin=True, tickfont={"size": 11})
    fig.update_yaxes(gridcolor=GRID[0], zerolinecolor=GRID[0], linecolor=GRID[0], automargin=True, tickfont={"size": 11})
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
    return f"{STATUS_STYLE[code].icon} {labels[code]}"


def wrap_label(label: str, width: int = LABEL_WIDTH) -> str:
    """Break a long label over lines (plotly wants ``<br>``); words are never cut, nor split at
    their hyphen (« États-Unis »)."""
    return "<br>".join(textwrap.wrap(label, width, break_long_words=False, break_on_hyphens=False)) or label


def names_on_axis(fig: go.Figure, axis: str, names: list[str], width: int = LABEL_WIDTH, **where) -> None:
    """Category names shown wrapped, while the data keep them whole (hover, tests, alt text)."""
    update = fig.update_yaxes if axis == "y" else fig.update_xaxes
    update(tickvals=names, ticktext=[wrap_label(n, width) for n in names], **where)


def row_height(names: list[str], width: int = LABEL_WIDTH, minimum: int = 26) -> int:
    """Pixels per row of a chart whose rows carry these names, wrapped: no two names touch."""
    lines = max((wrap_label(n, width).count("<br>") + 1 for n in names), default=1)
    return max(minimum, 14 * lines + 14)


def legend_key(fig: go.Figure, title: str, entries: list[tuple[str, dict]]) -> None:
    """What sizes, widths or abbreviations mean, as legend entries: the legend wraps to any
    width and plotly makes room for it, which an annotation does not. An entry's marker is
    ``{}`` for words alone."""
    for i, (name, marker) in enumerate(entries):
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=name,
            marker=marker or {"size": 1, "color": TRANSPARENT},
            legendgroup=title,
            legendgrouptitle_text=title if i == 0 else None,
            hoverinfo="skip",
        )


def count_tick(largest: int) -> int:
    """A tick step for a count axis that leaves room for its labels on a phone: at most six steps,
    of 1, 2 or 5 times a power of ten (1, 2, 5, 10, 20, 50, 100…), however large the count."""
    step = 1
    while largest / step > 6:
        step = step * 5 // 2 if str(step)[0] == "2" else step * 2
    return step


# --- source coverage -------------------------------------------------------------------------


def outlets_by_section_chart(
    counts: pd.DataFrame, cells: dict, texts: dict[str, str], outlet_names: dict[str, str], titles: dict[str, str]
) -> go.Figure:
    """Stacked bars: assertions citing each outlet, in the slate greys of the sections."""
    fig = go.Figure()
    names = [outlet_names[key] for key in counts.index]
    for section in counts.columns:
        hovers = [hover_lines(cells.get((key, section), []), texts) for key in counts.index]
        fig.add_bar(
            y=names,
            x=counts[section],
            orientation="h",
            name=titles[section],
            marker={"color": SECTION_COLOURS[section], "line": {"color": OUTLINE[0], "width": 0.6}},
            customdata=hovers,
            hovertemplate=f"<b>%{{y}}</b> · {titles[section]} : %{{x}} assertion(s)<br>%{{customdata}}<extra></extra>",
        )
    top = counts.sum(axis=1)
    alt = "Diagramme en barres empilées du nombre d’assertions qui citent chaque média nommé, par section. " + " ; ".join(
        f"{outlet_names[key]} : {n}" for key, n in top.items()
    )
    fig.update_layout(barmode="stack", legend_title_text="Section de la chronique", legend_traceorder="normal")
    names_on_axis(fig, "y", names)
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text="Assertions qui le citent", dtick=1)
    # room for the legend too: on a phone it takes a line per section
    return base_layout(fig, "Assertions par média cité et par section", 100 + 20 * len(counts.columns) + row_height(names) * len(names), alt)


def outlet_section_grid(
    counts: pd.DataFrame, cells: dict, texts: dict[str, str], outlet_names: dict[str, str], titles: dict[str, str], prefixes: dict[str, str]
) -> go.Figure:
    """Outlet × section grid: a disc per non-empty cell, its size and number the assertions of
    that section that cite that outlet. Columns are the sections' id prefixes (FA, CH…),
    spelled out in the key under the grid."""
    names = [outlet_names[k] for k in counts.index]
    columns = [prefixes[s] for s in counts.columns]
    xs, ys, ns, hovers = [], [], [], []
    for key, name in zip(counts.index, names, strict=False):
        for section, column in zip(counts.columns, columns, strict=False):
            n = int(counts.loc[key, section])
            if n:
                xs.append(column)
                ys.append(name)
                ns.append(n)
                hovers.append(
                    f"<b>{html.escape(name)}</b> · {titles[section]} : {n} assertion(s)<br>{hover_lines(cells.get((key, section), []), texts)}"
                )
    fig = go.Figure(
        go.Scatter(
            x=xs,
            y=ys,
            mode="markers+text",
            text=[str(n) for n in ns],
            textfont={"color": PAPER[0], "size": 11},
            marker={"size": [16 + 6 * (n - 1) for n in ns], "color": NEUTRAL[0], "line": {"color": OUTLINE[0], "width": 0.6}},
            customdata=[[n, h] for n, h in zip(ns, hovers, strict=False)],
            hovertemplate="%{customdata[1]}<extra></extra>",
            cliponaxis=False,
            showlegend=False,
        )
    )
    alt = (
        f"Grille croisant {len(counts)} médias (lignes) et {len(counts.columns)} sections (colonnes) ; "
        f"{len(ns)} cases sur {counts.size} sont non nulles, chacune marquée d’un disque portant son nombre d’assertions."
    )
    fig.update_xaxes(
        title_text="Section de la chronique",
        categoryorder="array",
        categoryarray=columns,
        range=[-0.6, len(columns) - 0.4],
        side="top",
        showgrid=True,
    )
    names_on_axis(fig, "y", names)
    fig.update_yaxes(categoryorder="array", categoryarray=names, autorange="reversed", showgrid=True)
    legend_key(fig, "Colonnes : les sections", [(f"{prefixes[s]} · {titles[s]}", {}) for s in counts.columns])
    legend_key(fig, "Disque", [("assertions de la section qui citent le média", {"size": 14, "color": NEUTRAL[0]})])
    base_layout(fig, "Médias cités × sections (nombre d’assertions)", 230 + row_height(names) * len(names), alt)
    return fig.update_layout(legend={"y": -0.01, "yanchor": "top"})


def support_shares_chart(counts: pd.DataFrame, members: dict[tuple[str, str], list[str]], texts: dict[str, str], titles: dict[str, str]) -> go.Figure:
    """Horizontal 100 % bars: per section, how assertions are backed (named outlet, anonymous, nobody)."""
    shares = analysis.support_shares(counts)
    fig = go.Figure()
    labels = [titles[s] for s in counts.index]
    for kind in analysis.SUPPORT_KINDS:
        colour = SUPPORT_COLOURS[kind][0]
        hovers = [hover_lines(members.get((section, kind), []), texts) for section in counts.index]
        fig.add_bar(
            y=labels,
            x=shares[kind],
            orientation="h",
            name=analysis.SUPPORT_LABELS[kind],
            marker={
                "color": colour,
                "pattern": {"shape": SUPPORT_PATTERN[kind], "fgcolor": OUTLINE[0], "solidity": 0.25},
                "line": {"color": OUTLINE[0], "width": 0.6},
            },
            customdata=list(zip(counts[kind], hovers, strict=False)),
            hovertemplate="<b>%{y}</b> · "
            + analysis.SUPPORT_LABELS[kind]
            + " : %{x:.0f} % (%{customdata[0]} assertion(s))<br>%{customdata[1]}<extra></extra>",
        )
    alt = "Barres horizontales à 100 % : part des assertions de chaque section appuyées par un média nommé. " + " ; ".join(
        f"{titles[s]} : {shares.loc[s, analysis.NAMED_OUTLET]:.0f} %" for s in counts.index
    )
    fig.update_layout(barmode="stack", legend_title_text="Sur quoi repose l’assertion", legend_traceorder="normal")
    fig.update_xaxes(title_text="Part de la section", range=[0, 100], ticksuffix=" %", dtick=25)
    names_on_axis(fig, "y", labels, width=16)
    fig.update_yaxes(autorange="reversed")
    return base_layout(fig, "Sur quoi reposent les assertions, section par section", 140 + 42 * len(labels), alt)


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
            marker_color=STATUS_STYLE[status].colour,
            customdata=[[hover_line(r.id, r.text), ", ".join(outlet_names[key] for key in r.outlets)] for r in rows.itertuples()],
            hovertemplate="%{customdata[0]}<br>%{x} média(s) distinct(s) : %{customdata[1]}<extra></extra>",
        )
    alt = (
        f"Barres horizontales, une par assertion citant au moins un média nommé ({len(backed)} assertions) : "
        + " ; ".join(f"{r.id} {r.n_outlets}" for r in backed.itertuples())
        + f". Les {unbacked} autres assertions n’en citent aucun."
    )
    fig.update_layout(legend_title_text="Statut de l’assertion", barmode="overlay")
    fig.update_yaxes(title_text="Assertion", categoryorder="array", categoryarray=list(backed["id"]), autorange="reversed")
    fig.update_xaxes(title_text="Médias nommés distincts", dtick=1)
    title = f"Médias distincts par assertion ({unbacked} assertions sur {len(supported)} n’en citent aucune)"
    return base_layout(fig, title, 120 + 26 * len(backed), alt)


def arc(y0: float, y1: float, bulge: float, points: int = 17) -> tuple[list[float], list[float]]:
    """A half-ellipse from (0, ``y0``) to (0, ``y1``), bulging right by ``bulge`` (rounded: the
    page carries every point)."""
    mid, radius = (y0 + y1) / 2, (y1 - y0) / 2
    angles = [math.pi * i / (points - 1) for i in range(points)]
    return [round(bulge * math.sin(a), 3) for a in angles], [round(mid - radius * math.cos(a), 3) for a in angles]


def cocitation_chart(
    pairs: dict[tuple[str, str], list[str]], cited_by: dict[str, list[str]], texts: dict[str, str], outlet_names: dict[str, str]
) -> go.Figure:
    """An arc diagram: the outlets one per row (most cited first), an arc joining two outlets
    that one assertion cites together, as thick as the assertions they share. Rows carry the
    names, as in a bar chart, so the figure reads on a phone as in the PDF."""
    nodes = sorted(cited_by, key=lambda k: (-len(cited_by[k]), outlet_names[k]))
    row = {k: i for i, k in enumerate(nodes)}
    names = [outlet_names[k] for k in nodes]
    span = max(len(nodes) - 1, 1)
    fig = go.Figure()
    for (a, b), ids in sorted(pairs.items(), key=lambda item: len(item[1])):
        y0, y1 = sorted((row[a], row[b]))
        xs, ys = arc(y0, y1, 0.5 * (y1 - y0) / span)
        fig.add_scatter(
            x=xs, y=ys, mode="lines", line={"width": 0.8 + 1.6 * (len(ids) - 1), "color": NEUTRAL[0]}, opacity=0.6, hoverinfo="skip", showlegend=False
        )
    # an invisible marker at the outer point of each arc carries its hover text
    fig.add_scatter(
        x=[0.5 * abs(row[a] - row[b]) / span for a, b in pairs],
        y=[(row[a] + row[b]) / 2 for a, b in pairs],
        mode="markers",
        name="Liens",
        marker={"size": 10, "color": NEUTRAL[0], "opacity": 0},
        customdata=[[outlet_names[a], outlet_names[b], len(ids), hover_lines(ids, texts)] for (a, b), ids in pairs.items()],
        hovertemplate="<b>%{customdata[0]}</b> et <b>%{customdata[1]}</b> : %{customdata[2]} assertion(s)<br>%{customdata[3]}<extra></extra>",
        showlegend=False,
    )
    fig.add_scatter(
        x=[0] * len(nodes),
        y=list(range(len(nodes))),
        mode="markers",
        name="Médias",
        text=names,
        showlegend=False,
        cliponaxis=False,
        marker={"size": [8 + 3 * len(cited_by[k]) for k in nodes], "color": INK[0], "line": {"color": PAPER[0], "width": 1}},
        customdata=[[len(cited_by[k]), hover_lines(cited_by[k], texts)] for k in nodes],
        hovertemplate="<b>%{text}</b> : citée par %{customdata[0]} assertion(s)<br>%{customdata[1]}<extra></extra>",
    )
    strongest = max(pairs.items(), key=lambda item: len(item[1]))
    alt = (
        f"Diagramme en arcs de la co-citation : {len(nodes)} médias, un par ligne, {len(pairs)} arcs entre médias cités dans une même assertion ; "
        f"l’arc le plus épais joint {outlet_names[strongest[0][0]]} et {outlet_names[strongest[0][1]]} ({len(strongest[1])} assertions)."
    )
    fig.update_xaxes(visible=False, range=[-0.06, 0.55], fixedrange=True)
    fig.update_yaxes(
        tickvals=list(range(len(nodes))), ticktext=[wrap_label(n) for n in names], range=[len(nodes) - 0.5, -0.7], showgrid=False, zeroline=False
    )
    legend_key(
        fig,
        "Lecture",
        [
            ("disque : assertions qui citent le média", {"size": 14, "color": INK[0]}),
            ("arc : assertions qui citent les deux", {"symbol": "line-ew", "size": 16, "line": {"color": NEUTRAL[0], "width": 3}}),
        ],
    )
    return base_layout(fig, "Médias cités ensemble dans une même assertion", 110 + row_height(names) * len(nodes), alt)


def notes_chart(
    by_kind: pd.Series,
    by_section: pd.Series,
    notes: pd.DataFrame,
    note_sections: dict[str, list[str]],
    titles: dict[str, str],
    kind_labels: dict[str, str],
) -> go.Figure:
    """Two panels: the editors' notes by kind, and by section of the assertions they target."""
    fig = make_subplots(rows=2, cols=1, vertical_spacing=0.16, subplot_titles=("Par nature", "Par section visée"))
    notes_of_kind = {kind: list(notes.loc[notes["kind"] == kind, "id"]) for kind in by_kind.index}
    notes_in_section = {s: [n for n, spanned in note_sections.items() if s in spanned] for s in by_section.index}
    targets = dict(zip(notes["id"], notes["targets"], strict=False))
    describe = lambda ids: "<br>".join(f"<b>{n}</b> → {targets[n].replace(';', ', ')}" for n in ids)  # noqa: E731
    kinds = [kind_labels[k] for k in by_kind.index]
    sections = [titles[s] for s in by_section.index]
    fig.add_bar(
        y=kinds,
        x=by_kind,
        orientation="h",
        marker_color=NEUTRAL[0],
        showlegend=False,
        customdata=[describe(notes_of_kind[k]) for k in by_kind.index],
        hovertemplate="<b>%{y}</b> : %{x} note(s)<br>%{customdata}<extra></extra>",
        row=1,
        col=1,
    )
    fig.add_bar(
        y=sections,
        x=by_section,
        orientation="h",
        marker={"color": [SECTION_COLOURS[s] for s in by_section.index], "line": {"color": OUTLINE[0], "width": 0.6}},
        showlegend=False,
        customdata=[describe(notes_in_section[s]) for s in by_section.index],
        hovertemplate="<b>%{y}</b> : %{x} note(s)<br>%{customdata}<extra></extra>",
        row=2,
        col=1,
    )
    alt = (
        "Deux diagrammes en barres horizontales. Notes par nature : "
        + " ; ".join(f"{kind_labels[k]} {n}" for k, n in by_kind.items())
        + ". Notes par section visée : "
        + " ; ".join(f"{titles[s]} {n}" for s, n in by_section.items())
        + "."
    )
    names_on_axis(fig, "y", kinds, width=18, row=1, col=1)
    names_on_axis(fig, "y", sections, width=18, row=2, col=1)
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text="Nombre de notes", dtick=count_tick(max(int(by_kind.max()), int(by_section.max()))))
    fig.update_annotations(font_size=12, xanchor="left", x=0)
    base_layout(fig, "Notes des éditeurs", 160 + row_height(kinds + sections, 18) * (len(kinds) + len(sections)), alt)
    return fig.update_layout(margin_t=34)


# --- event density ---------------------------------------------------------------------------

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")
SHORT_MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")


def french_date(date: str) -> str:
    """``2025-11-04`` → ``4 novembre 2025``; ``2022-02`` → ``février 2022``; ``2014`` → ``2014``."""
    parts = date.split("-")
    if len(parts) == 1:
        return date
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def event_when(row) -> str:
    """The event's date as the data gives it, in words: ``4–5 novembre 2025``, ``2023 – 2025``."""
    return french_date(row.date_start) + (f" – {french_date(row.date_end)}" if row.date_end else "")


def event_label(row, width: int = EVENT_LABEL_WIDTH) -> str:
    """The event's full label, its date first (in bold), wrapped to fit a phone: never cut."""
    when = event_when(row)
    wrapped = wrap_label(html.escape(f"{when} · {row.label}", quote=False), width)
    return f"<b>{html.escape(when, quote=False)}</b>{wrapped[len(html.escape(when, quote=False)) :]}"


def event_hover(row, mentioned_by: list[str], texts: dict[str, str]) -> str:
    """Label, date as the data gives it and who dates it, then the assertions that mention the event."""
    source = f"la chronique (« {row.chronicle_date} »)" if row.date_source == "chronicle" else "les éditeurs"
    return (
        f"<b>{html.escape(row.label)}</b><br>{event_when(row)} · précision : {analysis.PRECISION_LABELS[row.precision]} · daté par {source}"
        f"<br>Mentionné par :<br>{hover_lines(mentioned_by, texts)}"
    )


ROW_GAP = 22  # pixels between an event's marker and the next row's label


def event_rows(spans: pd.DataFrame) -> tuple[dict[str, float], float]:
    """Each event's row position (in pixels from the top, its label above it) and the total
    height the rows need: a label on three lines gets more room than one on one."""
    positions, y = {}, 0.0
    for row in spans.itertuples():
        y += 14 * (event_label(row).count("<br>") + 1) + 8
        positions[row.id] = y
        y += ROW_GAP
    return positions, y


def row_labels(fig: go.Figure, spans: pd.DataFrame, positions: dict[str, float], yref: str = "y") -> None:
    """Each event's label above its row, across the whole width: full, readable without hover."""
    for row in spans.itertuples():
        fig.add_annotation(
            text=event_label(row),
            xref="paper",
            x=0,
            yref=yref,
            y=positions[row.id],
            xanchor="left",
            yanchor="bottom",
            yshift=7,
            align="left",
            showarrow=False,
            font={"size": 11},
        )


def events_timeline_chart(
    spans: pd.DataFrame, mentions: pd.DataFrame, first_sections: dict[str, str], texts: dict[str, str], titles: dict[str, str]
) -> go.Figure:
    """A timeline of every event, one row each, on an axis split into periods
    (:func:`chronique.analysis.timeline_eras`) so that the 2020s are not crushed by the 1950s."""
    eras = analysis.timeline_eras(spans)
    mentioned_by = mentions.groupby("event")["assertion"].apply(list).to_dict()
    hovers = {r.id: event_hover(r, mentioned_by.get(r.id, []), texts) for r in spans.itertuples()}
    positions, total = event_rows(spans)
    # the old, sparse period narrow; the recent ones share the rest
    widths = [0.2, *[0.8 / (len(eras) - 1)] * (len(eras) - 1)] if len(eras) == 3 else [1 / len(eras)] * len(eras)
    fig = make_subplots(rows=1, cols=len(eras), shared_yaxes=True, column_widths=widths, horizontal_spacing=0.035)
    colour = {r.id: SECTION_COLOURS.get(first_sections.get(r.id, ""), NEUTRAL[0]) for r in spans.itertuples()}
    for col, era in enumerate(eras, start=1):
        for row in spans.itertuples():
            start, end = max(row.start, era.start), min(row.end, era.end)
            if end > start:  # the part of the event's span in this period
                fig.add_bar(
                    base=[start],
                    x=[(end + pd.Timedelta(days=1) - start).total_seconds() * 1000],
                    y=[positions[row.id]],
                    orientation="h",
                    width=9,
                    showlegend=False,
                    marker={"color": colour[row.id], "opacity": 0.5, "line": {"width": 0}},
                    customdata=[hovers[row.id]],
                    hovertemplate="%{customdata}<extra></extra>",
                    row=1,
                    col=col,
                )
        starts = spans[(spans["start"] >= era.start) & (spans["start"] <= era.end)]
        for precision, symbol in PRECISION_SYMBOL.items():
            subset = starts[starts["precision"] == precision]
            if len(subset):
                fig.add_scatter(
                    x=subset["start"],
                    y=[positions[i] for i in subset["id"]],
                    mode="markers",
                    showlegend=False,
                    cliponaxis=False,
                    marker={"symbol": symbol, "size": 11, "color": [colour[i] for i in subset["id"]], "line": {"color": OUTLINE[0], "width": 1}},
                    customdata=[hovers[i] for i in subset["id"]],
                    hovertemplate="%{customdata}<extra></extra>",
                    row=1,
                    col=col,
                )
        fig.update_xaxes(
            type="date",
            range=[era.start, era.end + pd.Timedelta(days=1)],
            tickvals=era.ticks,
            ticktext=[SHORT_MONTHS[t.month - 1] if era.monthly else str(t.year) for t in era.ticks],
            title_text=era.label,
            title_font={"size": 11},
            showgrid=True,
            row=1,
            col=col,
        )
    row_labels(fig, spans, positions)
    used = [code for code in titles if code in set(first_sections.values())]
    legend_entries(fig, "Section de première mention", [(titles[c], {"symbol": "square", "color": SECTION_COLOURS[c]}) for c in used])
    hollow = {"color": PAPER[0], "line": {"color": OUTLINE[0], "width": 1}}
    legend_entries(fig, "Précision de la date", [(analysis.PRECISION_LABELS[p], {"symbol": s, **hollow}) for p, s in PRECISION_SYMBOL.items()])
    legend_entries(
        fig,
        "Bande",
        [("durée, ou incertitude de la date", {"symbol": "line-ew", "size": 14, "color": NEUTRAL[0], "line": {"color": NEUTRAL[0], "width": 5}})],
    )
    fig.update_yaxes(range=[total, 0], visible=False, fixedrange=True)
    fig.update_layout(barmode="overlay", legend_tracegroupgap=6)
    alt = (
        f"Frise chronologique de {len(spans)} événements, un par ligne, du {french_date(spans.iloc[0]['date_start'])} à novembre 2025, "
        f"sur un axe coupé en {len(eras)} périodes ({', '.join(e.label for e in eras)}) ; chaque ligne porte le nom et la date de l’événement, "
        "les bandes montrent les durées et l’imprécision des dates, le symbole la précision, la couleur la section de première mention."
    )
    return base_layout(fig, "Frise des événements mentionnés par la chronique", int(total) + 250, alt)


def legend_entries(fig: go.Figure, title: str, entries: list[tuple[str, dict]]) -> None:
    """Legend-only traces: per-point colours and symbols cannot label themselves in plotly's legend."""
    legend_key(fig, title, [(name, {"size": 11, **marker}) for name, marker in entries])


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
        vertical_spacing=0.2,
        subplot_titles=(f"Par année de début ({per_year.index[0]}–{per_year.index[-1]})", "Par mois (dates connues au mois près)"),
    )
    for section in [s for s in per_year.columns if per_year[s].sum() or per_month[s].sum()]:
        name = titles.get(section, "Jamais mentionné")
        style = {
            "name": name,
            "marker": {"color": SECTION_COLOURS.get(section, NEUTRAL[0]), "line": {"color": OUTLINE[0], "width": 0.5}},
            "legendgroup": section,
        }
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
    first_decade = 10 * (int(per_year.index[0]) // 10)
    fig.update_xaxes(title_text="Année", tick0=first_decade, dtick=10, row=1, col=1)
    fig.update_xaxes(title_text="Mois (mm/aaaa)", tickvals=month_ticks[::12], tickangle=0, row=2, col=1)
    fig.update_annotations(font_size=12, xanchor="left", x=0)
    return base_layout(fig, "Combien d’événements, et quand ?", 780, alt)


def mentions_along_text_chart(
    mentions: pd.DataFrame, spans: pd.DataFrame, positions: pd.DataFrame, titles: dict[str, str], prefixes: dict[str, str]
) -> go.Figure:
    """Where the chronicle mentions each event: assertion position (x) against the events in date
    order, one row each with its label above it (y); bands and their prefixes mark the sections."""
    rows, total = event_rows(spans)
    fig = go.Figure()
    for section, group in positions.groupby("section", sort=False):
        fig.add_vrect(
            x0=group["position"].min() - 0.5,
            x1=group["position"].max() + 0.5,
            fillcolor=SECTION_COLOURS[section],
            opacity=0.12,
            line_width=0,
            layer="below",
        )
    for section in titles:
        subset = mentions[mentions["section"] == section]
        if subset.empty:
            continue
        fig.add_scatter(
            x=subset["position"],
            y=[rows[e] for e in subset["event"]],
            mode="markers",
            name=f"{prefixes[section]} · {titles[section]}",
            cliponaxis=False,
            marker={"size": 11, "color": SECTION_COLOURS[section], "line": {"color": OUTLINE[0], "width": 1}},
            customdata=[
                [hover_line(a, t), html.escape(label)]
                for a, t, label in zip(
                    subset["assertion"], subset["text"], subset["event"].map(dict(zip(spans["id"], spans["label"], strict=False))), strict=False
                )
            ],
            hovertemplate="%{customdata[0]}<br>Événement : %{customdata[1]}<br>Position %{x}<extra></extra>",
        )
    bounds = positions.groupby("section", sort=False)["position"].agg(["min", "max"])
    for section, (lo, hi) in bounds.iterrows():
        fig.add_annotation(
            x=(lo + hi) / 2, y=0, yref="y", yanchor="bottom", yshift=-2, text=f"<b>{prefixes[section]}</b>", showarrow=False, font={"size": 10}
        )
    row_labels(fig, spans, rows)
    fig.update_xaxes(title_text="Position dans la chronique", range=[0.5, positions["position"].max() + 0.5], showgrid=False, nticks=6)
    fig.update_yaxes(range=[total, -16], visible=False, fixedrange=True)
    fig.update_layout(legend_title_text="Section de l’assertion, et sa bande")
    alt = (
        f"Nuage de points : {len(mentions)} mentions d’événements, placées selon la position de l’assertion dans la chronique (abscisse, "
        f"bandes par section) et l’événement, du plus ancien en haut au plus récent en bas, chacun nommé au-dessus de sa ligne."
    )
    return base_layout(fig, "Où la chronique mentionne-t-elle chaque événement ?", int(total) + 260, alt)
