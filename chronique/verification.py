"""What the fact-checks say: verdicts by section and status, when the decisive documents appeared,
what the search for the named sources found. The chapters, the notebook and the JSON-LD ask here.

A check's *timing* is derived, never typed: its decisive documents (those that support or
contradict it) against the day the chronicle was put online (its evidence row of kind
``chronique``). ``avant``: every dated decisive document was published by then, so the chronicle
could have known; ``apres``: all came later; ``mixte``: both; ``non_date``: the decisive documents
show no date; ``sans_document``: nothing decisive (non étayé, invérifiable).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .analysis import percent

if TYPE_CHECKING:
    from .edition import Edition

DECISIVE = ("appuie", "contredit")
TIMINGS = ("avant", "mixte", "apres", "non_date", "sans_document")
TIMING_LABELS = {
    "avant": "documents antérieurs à la chronique",
    "mixte": "documents antérieurs et postérieurs",
    "apres": "documents postérieurs à la chronique",
    "non_date": "documents non datés",
    "sans_document": "aucun document décisif",
}
RESOLUTION_LABELS = {"site_propre": "trouvée sur le site du média", "republication": "trouvée par une reprise", "non_trouve": "non trouvée"}
STANCE_LABELS = {"appuie": "appuie", "contredit": "contredit", "contexte": "contexte"}


def timing(edition: Edition, check_id: str) -> str:
    """``avant``, ``mixte``, ``apres``, ``non_date`` or ``sans_document`` (see the module's docstring)."""
    decisive = [row for row, stance in edition.evidence_for(check_id) if stance in DECISIVE]
    if not decisive:
        return "sans_document"
    published, dated = edition.chronicle_published, [row.published for row in decisive if row.published]
    if not dated or not published:
        return "non_date"
    before, after = any(day <= published for day in dated), any(day > published for day in dated)
    return "mixte" if before and after else "avant" if before else "apres"


def checks(edition: Edition) -> pd.DataFrame:
    """One row per check, with its assertion's section, status and position, and its timing."""
    assertions = edition.assertion
    rows = []
    for check in edition.table("checks").itertuples(index=False):
        assertion = assertions[check.assertion]
        links = edition.evidence_for(check.id)
        rows.append(
            {
                "id": check.id,
                "assertion": check.assertion,
                "section": assertion.section,
                "status": assertion.status,
                "position": assertion.position,
                "verdict": check.verdict,
                "timing": timing(edition, check.id),
                "n_evidence": len(links),
                "n_supporting": sum(stance == "appuie" for _, stance in links),
                "n_contradicting": sum(stance == "contredit" for _, stance in links),
            }
        )
    columns = ["id", "assertion", "section", "status", "position", "verdict", "timing", "n_evidence", "n_supporting", "n_contradicting"]
    return pd.DataFrame(rows, columns=columns).sort_values(["position", "id"], kind="stable").reset_index(drop=True)


def verdict_counts(edition: Edition, by: str) -> pd.DataFrame:
    """Checks per ``by`` (``section`` or ``status``, rows in the book's order) and verdict (columns, codebook order)."""
    frame = checks(edition)
    rows = list(edition.table("sections" if by == "section" else "codebook")["code"])
    counts = pd.crosstab(frame[by], frame["verdict"]) if len(frame) else pd.DataFrame()
    counts = counts.reindex(index=rows, columns=list(edition.table("verdicts")["code"]), fill_value=0)
    return counts[counts.sum(axis=1) > 0]


def evidence_dates(edition: Edition) -> pd.DataFrame:
    """One row per (check, dated document): the document's date and stance, for the timeline of
    what was known when the chronicle was written."""
    rows = [
        {
            "check": check.id,
            "assertion": check.assertion,
            "evidence": row.id,
            "outlet": row.outlet,
            "published": pd.Timestamp(row.published),
            "stance": stance,
        }
        for check in edition.table("checks").itertuples(index=False)
        for row, stance in edition.evidence_for(check.id)
        if row.published
    ]
    return pd.DataFrame(rows, columns=["check", "assertion", "evidence", "outlet", "published", "stance"])


def resolution_counts(edition: Edition) -> pd.DataFrame:
    """Per named source (rows, most searched first): searches by result (columns)."""
    frame = edition.table("source_resolution")
    counts = pd.crosstab(frame["outlet"], frame["result"]) if len(frame) else pd.DataFrame()
    counts = counts.reindex(columns=list(RESOLUTION_LABELS), fill_value=0)
    return counts.loc[counts.sum(axis=1).sort_values(ascending=False, kind="stable").index]


def numbers(edition: Edition) -> dict[str, int | float | str]:
    """Every number the verification notebook and chapter glue, keyed by its glue name."""
    frame = checks(edition)
    verdicts = frame["verdict"].value_counts()
    timings = frame["timing"].value_counts()
    resolution = edition.table("source_resolution")
    results = resolution["result"].value_counts()
    must = set(edition.codebook.loc[edition.codebook["verification"] == "obligatoire", "code"])
    result: dict[str, int | float | str] = {
        "n_checks": len(frame),
        "n_checked_assertions": int(frame["assertion"].nunique()),
        "n_assertions_to_check": int(edition.assertions["status"].isin(must).sum()),
        "n_evidence": len(edition.table("evidence")),
        "n_evidence_links": len(edition.table("check_evidence")),
        "n_searches": len(resolution),
        "n_outlets_searched": int(resolution["outlet"].nunique()),
        "n_searches_found": int(results.get("site_propre", 0) + results.get("republication", 0)),
        "n_searches_own_site": int(results.get("site_propre", 0)),
        "n_searches_republication": int(results.get("republication", 0)),
        "n_searches_not_found": int(results.get("non_trouve", 0)),
        "share_searches_not_found": percent(int(results.get("non_trouve", 0)), len(resolution)),
        "chronicle_published": edition.chronicle_published,
    }
    for code in edition.table("verdicts")["code"]:
        result[f"n_checks_{code}"] = int(verdicts.get(code, 0))
        result[f"share_checks_{code}"] = percent(int(verdicts.get(code, 0)), len(frame))
    for code in TIMINGS:
        result[f"n_checks_timing_{code}"] = int(timings.get(code, 0))
    return result
