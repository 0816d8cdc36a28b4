"""What the data says: the counts behind the notebooks' figures and the numbers their prose glues.

Every function takes the tables it needs (as returned by :mod:`chronique.load`) so that tests can
feed it small hand-made frames; :func:`tables` reads them all once from ``data/``.
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

#: the kinds of editors' notes (data/notes.csv), as the book names them
NOTE_KIND_LABELS = {
    "contradiction_interne": "Contradiction interne",
    "contradiction_faits": "Contradiction avec les faits",
    "anachronisme": "Anachronisme",
    "erreur_date": "Erreur de date",
    "generalisation_non_sourcee": "Généralisation non sourcée",
    "source_ambigue": "Source ambiguë",
}


class Tables(NamedTuple):
    """The data files the analyses read, loaded once per notebook."""

    assertions: pd.DataFrame
    sources: pd.DataFrame
    attributions: pd.DataFrame
    sections: pd.DataFrame
    notes: pd.DataFrame
    events: pd.DataFrame


def tables() -> Tables:
    """Read every table the analyses need from ``data/``."""
    return Tables(load.assertions(), load.sources(), load.attributions(), load.sections(), load.notes(), load.events())


def section_codes(sections: pd.DataFrame) -> list[str]:
    """Section codes in chronicle order, the order of every axis and legend."""
    return list(sections.sort_values("order")["code"])


def section_titles(sections: pd.DataFrame) -> dict[str, str]:
    """Section code → chapter title, for French labels."""
    return dict(zip(sections["code"], sections["title"]))


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
    frame["support"] = [support_kind(c, who, outlets, anonymous) for c, who in zip(frame["citations"], frame["attributed_to"])]
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
    pairs = supported[["section", "outlets"]].explode("outlets").dropna(subset=["outlets"])
    counts = pd.crosstab(pairs["outlets"], pairs["section"]).reindex(index=outlet_keys(sources), columns=section_codes(sections), fill_value=0)
    order = counts.sum(axis=1).sort_values(ascending=False, kind="stable").index
    return counts.loc[order]


def outlet_section_assertions(supported: pd.DataFrame) -> dict[tuple[str, str], list[str]]:
    """(outlet, section) → ids of the assertions behind that cell, for hover text."""
    cells: dict[tuple[str, str], list[str]] = {}
    for row in supported.itertuples():
        for outlet in row.outlets:
            cells.setdefault((outlet, row.section), []).append(row.id)
    return cells


def independent_source_counts(supported: pd.DataFrame) -> pd.DataFrame:
    """Assertions per number of distinct named outlets (rows 0…max) and status (columns)."""
    counts = pd.crosstab(supported["n_outlets"], supported["status"])
    return counts.reindex(range(int(supported["n_outlets"].max()) + 1), fill_value=0)


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
    section_of = dict(zip(assertions["id"], assertions["section"]))
    position_of = dict(zip(assertions["id"], assertions["position"]))
    result = {}
    for note in notes.itertuples():
        targets = sorted(load.split_list(note.targets), key=lambda target: position_of[target])
        result[note.id] = list(dict.fromkeys(section_of[target] for target in targets))
    return result


def notes_by_section(notes: pd.DataFrame, assertions: pd.DataFrame, sections: pd.DataFrame) -> pd.Series:
    """Notes touching each section; a note whose targets span two sections counts in both."""
    counts = Counter(section for spanned in note_sections(notes, assertions).values() for section in spanned)
    return pd.Series({code: counts.get(code, 0) for code in section_codes(sections)}, dtype=int)


def notes_by_kind(notes: pd.DataFrame) -> pd.Series:
    """Notes per kind, in the order of :data:`NOTE_KIND_LABELS`, kinds never used included."""
    counts = Counter(notes["kind"])
    return pd.Series({kind: counts.get(kind, 0) for kind in NOTE_KIND_LABELS}, dtype=int)


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
