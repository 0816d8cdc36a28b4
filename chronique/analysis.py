"""What the data says: the counts behind the notebooks' figures and the numbers their prose glues.

Every function takes the tables it needs (the frames of :class:`chronique.edition.Edition`) so
that tests can feed it small hand-made frames; the ``*_numbers`` and ``*_names`` functions take
the edition itself (or any object with the same tables, such as :class:`Tables`).
The notebooks tell the story; this module does the arithmetic, so the numbers are tested once.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import NamedTuple

import pandas as pd

from . import load

#: the three ways an assertion can be backed, from the strongest to the weakest
NAMED_OUTLET = "media_nomme"
ANONYMOUS_ONLY = "anonyme_seul"
CHRONICLE_ALONE = "chronique_seule"
SUPPORT_KINDS = (NAMED_OUTLET, ANONYMOUS_ONLY, CHRONICLE_ALONE)
SUPPORT_LABELS = {
    NAMED_OUTLET: "Média ou source nommés",
    ANONYMOUS_ONLY: "Sources anonymes seulement",
    CHRONICLE_ALONE: "La chronique seule",
}


class Tables(NamedTuple):
    """The tables the analyses read: what an :class:`~chronique.edition.Edition` offers, for
    tests that build small ones by hand."""

    assertions: pd.DataFrame
    sources: pd.DataFrame
    attributions: pd.DataFrame
    sections: pd.DataFrame
    notes: pd.DataFrame
    events: pd.DataFrame
    note_kinds: pd.DataFrame


def section_codes(sections: pd.DataFrame) -> list[str]:
    """Section codes in chronicle order, the order of every axis and legend."""
    return list(sections.sort_values("order")["code"])


def section_titles(sections: pd.DataFrame) -> dict[str, str]:
    """Section code → chapter title, for French labels."""
    return dict(zip(sections["code"], sections["title"], strict=False))


# --- sources ---------------------------------------------------------------------------------


def outlet_keys(sources: pd.DataFrame) -> list[str]:
    """Keys of the outlets the chronicle names (role ``citee``), in references order."""
    return list(sources.loc[sources["role"] == "citee", "key"])


def cited_outlets(citations: str, outlets: list[str] | set[str]) -> list[str]:
    """The distinct named outlets in one ``citations`` cell, first citation first.

    An outlet cited twice in one assertion is still one independent source.
    """
    keys = [key for key in load.split_list(citations) if key in outlets]
    return list(dict.fromkeys(keys))


def support_kind(citations: str, attributed_to: str, outlets: set[str], anonymous: set[str]) -> str:
    """Classify one assertion: backed by a named outlet, by anonymous sources only, or by nobody but the chronicle."""
    if cited_outlets(citations, outlets):
        return NAMED_OUTLET
    if attributed_to in anonymous:
        return ANONYMOUS_ONLY
    return CHRONICLE_ALONE


def with_support(assertions: pd.DataFrame, sources: pd.DataFrame, attributions: pd.DataFrame) -> pd.DataFrame:
    """The assertions plus ``outlets`` (list of named outlet keys), ``n_outlets`` and ``support``."""
    outlets = set(outlet_keys(sources))
    anonymous = set(attributions.loc[attributions["kind"] == "anonyme", "name"])
    frame = assertions.copy()
    frame["outlets"] = [cited_outlets(c, outlets) for c in frame["citations"]]
    frame["n_outlets"] = frame["outlets"].map(len)
    frame["support"] = [support_kind(c, who, outlets, anonymous) for c, who in zip(frame["citations"], frame["attributed_to"], strict=False)]
    return frame


def support_by_section(supported: pd.DataFrame, sections: pd.DataFrame) -> pd.DataFrame:
    """Assertions per section (rows, chronicle order) and support kind (columns), as counts."""
    counts = pd.crosstab(supported["section"], supported["support"])
    return counts.reindex(index=section_codes(sections), columns=list(SUPPORT_KINDS), fill_value=0)


def percent(part: int, whole: int) -> float:
    """``part`` as a percentage of ``whole``; 0 when there is nothing to divide."""
    return 100.0 * part / whole if whole else 0.0


def support_shares(counts: pd.DataFrame) -> pd.DataFrame:
    """The counts of :func:`support_by_section` as row percentages (each section sums to 100)."""
    totals = counts.sum(axis=1)
    return counts.div(totals.where(totals > 0, 1), axis=0) * 100


def outlet_section_counts(supported: pd.DataFrame, sources: pd.DataFrame, sections: pd.DataFrame) -> pd.DataFrame:
    """Assertions citing each outlet (rows, most cited first) in each section (columns)."""
    pairs = outlet_rows(supported)
    counts = pd.crosstab(pairs["outlets"], pairs["section"]).reindex(index=outlet_keys(sources), columns=section_codes(sections), fill_value=0)
    order = counts.sum(axis=1).sort_values(ascending=False, kind="stable").index
    return counts.loc[order]


def group_ids(frame: pd.DataFrame, by: list[str], id_column: str = "id") -> dict[tuple, list[str]]:
    """(values of ``by``) → the ids of the rows sharing them, in frame order: what a mark stands for."""
    return {key: list(group[id_column]) for key, group in frame.groupby(by, sort=False)}


def outlet_rows(supported: pd.DataFrame) -> pd.DataFrame:
    """One row per (assertion, named outlet it cites); assertions citing none drop out."""
    return supported.explode("outlets").dropna(subset=["outlets"])


def outlet_section_assertions(supported: pd.DataFrame) -> dict[tuple[str, str], list[str]]:
    """(outlet, section) → ids of the assertions behind that cell, for hover text."""
    return group_ids(outlet_rows(supported), ["outlets", "section"])


def outlet_assertions(supported: pd.DataFrame) -> dict[str, list[str]]:
    """Outlet key → ids of the assertions that cite it."""
    return {outlet: ids for (outlet,), ids in group_ids(outlet_rows(supported), ["outlets"]).items()}


def cocitations(supported: pd.DataFrame) -> dict[tuple[str, str], list[str]]:
    """Pairs of outlets cited together → the ids of the assertions that cite both."""
    pairs: dict[tuple[str, str], list[str]] = {}
    for row in supported.itertuples():
        for a, b in combinations(sorted(row.outlets), 2):
            pairs.setdefault((a, b), []).append(row.id)
    return pairs


# --- editors' notes --------------------------------------------------------------------------


def note_sections(notes: pd.DataFrame, assertions: pd.DataFrame) -> dict[str, list[str]]:
    """Note id → the sections of its target assertions (chronicle order, each once)."""
    section_of = dict(zip(assertions["id"], assertions["section"], strict=False))
    position_of = dict(zip(assertions["id"], assertions["position"], strict=False))
    result = {}
    for note in notes.itertuples():
        targets = sorted(load.split_list(note.targets), key=lambda target: position_of[target])
        result[note.id] = list(dict.fromkeys(section_of[target] for target in targets))
    return result


def notes_by_section(notes: pd.DataFrame, assertions: pd.DataFrame, sections: pd.DataFrame) -> pd.Series:
    """Notes touching each section; a note whose targets span two sections counts in both."""
    counts = Counter(section for spanned in note_sections(notes, assertions).values() for section in spanned)
    return pd.Series({code: counts.get(code, 0) for code in section_codes(sections)}, dtype=int)


def notes_by_kind(notes: pd.DataFrame, note_kinds: pd.DataFrame) -> pd.Series:
    """Notes per kind, in the order of data/note_kinds.csv, kinds never used included."""
    counts = Counter(notes["kind"])
    return pd.Series({kind: counts.get(kind, 0) for kind in note_kinds.sort_values("order")["code"]}, dtype=int)


def note_kind_labels(note_kinds: pd.DataFrame) -> dict[str, str]:
    """Kind code → label as a chart shows it (capitalised)."""
    return {code: label[:1].upper() + label[1:] for code, label in zip(note_kinds["code"], note_kinds["label"], strict=False)}


# --- the numbers the chapters glue -----------------------------------------------------------


def coverage_numbers(data: Tables) -> dict[str, int | float]:
    """Every number glued by the source-coverage notebook, keyed by its glue name.

    The chapters paste these keys (see the notebook), so their names are a contract.
    """
    supported = with_support(data.assertions, data.sources, data.attributions)
    counts = support_by_section(supported, data.sections)
    per_section_notes = notes_by_section(data.notes, data.assertions, data.sections)
    numbers: dict[str, int | float] = {
        "n_assertions": int(len(supported)),
        "n_notes": int(len(data.notes)),
        "share_named_outlet": percent(int(counts[NAMED_OUTLET].sum()), int(counts.to_numpy().sum())),
    }
    for code in section_codes(data.sections):
        total = int(counts.loc[code].sum())
        numbers[f"n_assertions_{code}"] = total
        numbers[f"share_named_outlet_{code}"] = percent(int(counts.loc[code, NAMED_OUTLET]), total)
        numbers[f"n_notes_{code}"] = int(per_section_notes[code])
    return numbers


def coverage_details(data: Tables) -> dict[str, int | float]:
    """The further numbers the source-coverage notebook's own prose states (not part of the contract)."""
    supported = with_support(data.assertions, data.sources, data.attributions)
    kinds = supported["support"].value_counts()
    cited_by = outlet_assertions(supported)
    spanning = [spanned for spanned in note_sections(data.notes, data.assertions).values() if len(spanned) > 1]
    pairs = cocitations(supported)
    return {
        "n_outlets_named": len(outlet_keys(data.sources)),
        "n_outlets_cited": len(cited_by),
        "n_assertions_named_outlet": int(kinds.get(NAMED_OUTLET, 0)),
        "n_assertions_anonymous_only": int(kinds.get(ANONYMOUS_ONLY, 0)),
        "n_assertions_chronicle_alone": int(kinds.get(CHRONICLE_ALONE, 0)),
        "share_anonymous_only": percent(int(kinds.get(ANONYMOUS_ONLY, 0)), len(supported)),
        "share_chronicle_alone": percent(int(kinds.get(CHRONICLE_ALONE, 0)), len(supported)),
        "n_assertions_several_outlets": int((supported["n_outlets"] >= 2).sum()),
        "max_independent_sources": int(supported["n_outlets"].max()),
        "most_cited_outlet_count": max((len(ids) for ids in cited_by.values()), default=0),
        "n_cocitation_pairs": len(pairs),
        "max_cocitations": max((len(ids) for ids in pairs.values()), default=0),
        "n_notes_spanning_sections": len(spanning),
        "n_note_kinds_used": int(data.notes["kind"].nunique()),
        "n_notes_top_kind": int(notes_by_kind(data.notes, data.note_kinds).max()),
    }


def coverage_names(data: Tables) -> dict[str, str]:
    """The names the source-coverage prose states (most cited outlet, most frequent note kind…), computed too."""
    supported = with_support(data.assertions, data.sources, data.attributions)
    outlet_name = dict(zip(data.sources["key"], data.sources["name"], strict=False))
    cited_by = outlet_assertions(supported)
    top_outlet = max(cited_by, key=lambda key: len(cited_by[key]))
    (first, second), _ = max(cocitations(supported).items(), key=lambda item: len(item[1]))
    return {
        "most_cited_outlet": outlet_name[top_outlet],
        "strongest_pair": f"{outlet_name[first]} et {outlet_name[second]}",
        "top_note_kind": dict(zip(data.note_kinds["code"], data.note_kinds["label"], strict=False))[
            notes_by_kind(data.notes, data.note_kinds).idxmax()
        ],
        "top_note_sections": top_note_sections(data),
    }


def top_note_sections(data: Tables) -> str:
    """« la section *A* (n), puis la section *B* (m) »: the two sections the editors' notes touch
    most (ties in chronicle order), in Markdown."""
    counts = notes_by_section(data.notes, data.assertions, data.sections)
    label = section_titles(data.sections)
    ranked = sorted(counts.index, key=lambda code: -counts[code])[:2]  # a stable sort keeps chronicle order among ties
    return ", puis ".join(f"la section *{label[code]}* ({counts[code]})" for code in ranked)


# --- events ----------------------------------------------------------------------------------

#: date precision (data/events.csv) → French label, from the finest to the coarsest
PRECISION_LABELS = {"day": "jour", "month": "mois", "season": "saison", "year": "année"}


def date_bounds(date: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day a reduced ISO date (``AAAA``, ``AAAA-MM``, ``AAAA-MM-JJ``) can mean."""
    start = pd.Timestamp(date if len(date) == 10 else f"{date}-01" if len(date) == 7 else f"{date}-01-01")
    if len(date) == 10:
        return start, start
    period = pd.Period(start, freq="M" if len(date) == 7 else "Y")
    return start, period.end_time.normalize()


def event_spans(events: pd.DataFrame) -> pd.DataFrame:
    """The events, oldest first, with ``start`` and ``end`` days and whether they are a stated range.

    An event dated ``2014`` spans the whole year: the span shows how imprecise the date is,
    while ``is_range`` marks events the data gives an explicit end for.
    """
    frame = events.copy()
    frame["start"] = [date_bounds(d)[0] for d in frame["date_start"]]
    frame["end"] = [date_bounds(end or start)[1] for start, end in zip(frame["date_start"], frame["date_end"], strict=False)]
    frame["is_range"] = frame["date_end"] != ""
    return frame.sort_values(["start", "end"], kind="stable").reset_index(drop=True)


def event_mentions(assertions: pd.DataFrame) -> pd.DataFrame:
    """One row per (assertion, event it mentions), in chronicle order."""
    rows = [
        {"assertion": row.id, "position": row.position, "section": row.section, "text": row.text, "event": event}
        for row in assertions.sort_values("position").itertuples()
        for event in load.split_list(row.events)
    ]
    return pd.DataFrame(rows, columns=["assertion", "position", "section", "text", "event"])


def first_mention_sections(mentions: pd.DataFrame) -> dict[str, str]:
    """Event id → section where the chronicle first mentions it (events never mentioned are absent)."""
    first = mentions.sort_values("position", kind="stable").drop_duplicates("event")
    return dict(zip(first["event"], first["section"], strict=False))


#: the months charted one by one: from the invasion's year to the chronicle
MONTHS_FIRST, MONTHS_LAST = "2022-01", "2025-11"
#: the autumn of 2025, drawn day by day in the timeline's second panel
ZOOM_FROM, ZOOM_TO = "2025-09-22", "2025-11-12"


class Era(NamedTuple):
    """A stretch of the timeline drawn at its own scale (a panel of the split axis)."""

    label: str  # « 1950–2000 »
    start: pd.Timestamp  # first day
    end: pd.Timestamp  # last day
    ticks: list[pd.Timestamp]

    @property
    def monthly(self) -> bool:
        """True for a period of a year or less, whose ticks are months."""
        return (self.end - self.start).days < 370


#: a gap of at least this many years between two events' start years splits the timeline
ERA_GAP_YEARS = 10


def timeline_eras(spans: pd.DataFrame) -> list[Era]:
    """The timeline's panels, so that no stretch of time crushes another: the years before the
    last long gap (≥ :data:`ERA_GAP_YEARS` without an event) in one panel by decades, the
    years from there to the year before the latest in a second, and the latest year (where the
    chronicle's own events are) month by month in a third."""
    years = sorted({int(y) for y in spans["start"].dt.year})
    last, earlier = years[-1], years[:-1]
    cut = next((b for a, b in reversed(list(zip(earlier, earlier[1:], strict=False))) if b - a >= ERA_GAP_YEARS), None)
    eras = []
    if cut is not None:
        old = [y for y in earlier if y < cut]
        first, stop = 10 * (old[0] // 10), 10 * -(-(old[-1] + 1) // 10)
        step = 50 if stop - first >= 50 else 10  # a narrow panel: one tick; its title gives the span
        eras.append(
            Era(
                f"{first}–{stop}",
                pd.Timestamp(f"{first}-01-01"),
                pd.Timestamp(f"{stop}-12-31"),
                [pd.Timestamp(f"{y}-01-01") for y in range(first, stop, step)],  # its end left bare: the next period starts there
            )
        )
        earlier = [y for y in earlier if y >= cut]
    if earlier:
        first, stop = earlier[0], last - 1
        eras.append(
            Era(
                f"{first}–{stop}",
                pd.Timestamp(f"{first}-01-01"),
                pd.Timestamp(f"{stop}-12-31"),
                [pd.Timestamp(f"{y}-01-01") for y in range(first + (-first) % 5, stop + 1, 5)],
            )
        )
    eras.append(
        Era(str(last), pd.Timestamp(f"{last}-01-01"), pd.Timestamp(f"{last}-12-31"), [pd.Timestamp(f"{last}-{m:02d}-01") for m in (1, 4, 7, 10)])
    )
    return eras


def in_window(spans: pd.DataFrame, first: str = ZOOM_FROM, last: str = ZOOM_TO) -> pd.DataFrame:
    """The events whose span meets the window from ``first`` to ``last`` (inclusive days)."""
    return spans[(spans["end"] >= pd.Timestamp(first)) & (spans["start"] <= pd.Timestamp(last))]


def periods(spans: pd.DataFrame, first_sections: dict[str, str]) -> pd.DataFrame:
    """The spans plus start ``year``, start ``month`` (None when only the year is known) and ``first_section``."""
    frame = spans.copy()
    frame["year"] = frame["start"].dt.year
    frame["month"] = [
        None if precision == "year" else start.to_period("M") for start, precision in zip(frame["start"], frame["precision"], strict=False)
    ]
    frame["first_section"] = frame["id"].map(first_sections).fillna(UNMENTIONED)
    return frame


UNMENTIONED = ""  # the "section" of an event no assertion mentions


def _period_counts(periods: pd.Series, sections_of: pd.Series, index: list, sections: pd.DataFrame) -> pd.DataFrame:
    """Events per period (rows, ``index`` order, zero-filled) and section of first mention (columns).

    Events no assertion mentions get a last column of their own rather than vanishing.
    """
    counts = pd.crosstab(periods, sections_of) if len(periods) else pd.DataFrame()
    columns = section_codes(sections) + ([UNMENTIONED] if (sections_of == UNMENTIONED).any() else [])
    return counts.reindex(index=index, columns=columns, fill_value=0)


def events_per_year(dated: pd.DataFrame, sections: pd.DataFrame) -> pd.DataFrame:
    """Events per start year, every year from the first to the last, by section of first mention."""
    index = list(range(int(dated["year"].min()), int(dated["year"].max()) + 1))
    return _period_counts(dated["year"], dated["first_section"], index, sections)


def events_per_month(dated: pd.DataFrame, sections: pd.DataFrame, first: str = MONTHS_FIRST, last: str = MONTHS_LAST) -> pd.DataFrame:
    """Events dated to the month or finer, per start month from ``first`` to ``last`` (``AAAA-MM``)."""
    index = list(pd.period_range(first, last, freq="M"))
    in_window = dated[dated["month"].map(lambda month: month is not None and index[0] <= month <= index[-1])]
    return _period_counts(in_window["month"], in_window["first_section"], index, sections)


def density_numbers(data: Tables) -> dict[str, int | float]:
    """Every number glued by the event-density notebook, keyed by its glue name."""
    spans = event_spans(data.events)
    mentions = event_mentions(data.assertions)
    first_sections = first_mention_sections(mentions)
    per_section = Counter(first_sections.values())
    dated = periods(spans, first_sections)
    numbers: dict[str, int | float] = {
        "n_events": int(len(spans)),
        "n_events_dated_by_editors": int((spans["date_source"] == "editors").sum()),
        "n_events_dated_by_chronicle": int((spans["date_source"] == "chronicle").sum()),
        "n_events_ranges": int(spans["is_range"].sum()),
        "n_events_year_precision": int((spans["precision"] == "year").sum()),
        "n_events_before_2000": int((spans["start"].dt.year < 2000).sum()),
        "n_events_2022": int((spans["start"].dt.year == 2022).sum()),
        "n_events_in_zoom": int(len(in_window(spans))),
        "n_events_start_in_zoom": int((in_window(spans)["start"] >= pd.Timestamp(ZOOM_FROM)).sum()),
        "n_timeline_eras": len(timeline_eras(spans)),
        "n_events_last_year": int((spans["start"].dt.year == spans["start"].dt.year.max()).sum()),
        "last_event_year": int(spans["start"].dt.year.max()),
        "n_events_in_last_two_eras": int((spans["start"] >= timeline_eras(spans)[-2].start).sum())
        if len(timeline_eras(spans)) > 1
        else int(len(spans)),
        "busiest_year": int(events_per_year(dated, data.sections).sum(axis=1).idxmax()),
        "n_events_busiest_year": int(events_per_year(dated, data.sections).sum(axis=1).max()),
        "first_event_year": int(spans["start"].dt.year.min()),
        "n_events_in_month_window": int(events_per_month(dated, data.sections).to_numpy().sum()),
        "n_events_dated_to_month": int(dated["month"].notna().sum()),
        "n_mentions": int(len(mentions)),
        "n_assertions_total": int(len(data.assertions)),
        "n_assertions_with_events": int(mentions["assertion"].nunique()),
        "share_assertions_with_events": percent(int(mentions["assertion"].nunique()), int(len(data.assertions))),
        "most_mentioned_event_count": int(mentions["event"].value_counts().max()),
    }
    for code in section_codes(data.sections):
        numbers[f"n_events_first_in_{code}"] = int(per_section.get(code, 0))
        numbers[f"n_mentions_{code}"] = int((mentions["section"] == code).sum())
    return numbers


def density_names(data: Tables) -> dict[str, str]:
    """The names the event-density prose states, computed: the most mentioned event, the years
    with the most events (every one of them, when several tie)."""
    counts = event_mentions(data.assertions)["event"].value_counts()
    label_of = dict(zip(data.events["id"], data.events["label"], strict=False))
    per_year = events_per_year(periods(event_spans(data.events), first_mention_sections(event_mentions(data.assertions))), data.sections).sum(axis=1)
    busiest = [str(year) for year, count in per_year.items() if count == per_year.max()]
    return {"most_mentioned_event": label_of[counts.idxmax()], "busiest_years": french_list(busiest)}


def french_list(items: list[str]) -> str:
    """``["2022", "2025"]`` → « 2022 et 2025 »; three or more: « a, b et c »."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]
