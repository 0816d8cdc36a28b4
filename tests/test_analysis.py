"""Unit tests of chronique.analysis on small hand-made tables, where every expected count is obvious."""

import pandas as pd
import pytest

from chronique import analysis
from chronique.analysis import ANONYMOUS_ONLY, CHRONICLE_ALONE, NAMED_OUTLET

SECTIONS = pd.DataFrame(
    {"code": ["faits", "analyse"], "order": [1, 2], "id_prefix": ["FA", "AN"], "title": ["Faits", "Analyse"], "chronicle_heading": ["", "Analyse"]}
)
SOURCES = pd.DataFrame(
    {
        "key": ["marquette2025", "reuters", "bbc", "korea1953"],
        "name": ["Chronique", "Reuters", "BBC", "Armistice"],
        "role": ["chronique", "citee", "citee", "editeurs"],
    }
)
ATTRIBUTIONS = pd.DataFrame({"name": ["Le chroniqueur", "Un diplomate (anonyme)"], "kind": ["chroniqueur", "anonyme"]})
ASSERTIONS = pd.DataFrame(
    {
        "id": ["FA-001", "FA-002", "FA-003", "AN-001", "AN-002"],
        "section": ["faits", "faits", "faits", "analyse", "analyse"],
        "position": [1, 2, 3, 4, 5],
        "text": ["Un.", "Deux.", "Trois.", "Quatre.", "Cinq."],
        "status": ["declaration", "fait_rapporte", "declaration", "analyse", "opinion"],
        # FA-001 cites Reuters twice and BBC once; FA-002 the chronicle (anonymous speaker); AN-002 an editors' key only
        "attributed_to": ["Le chroniqueur", "Un diplomate (anonyme)", "Le chroniqueur", "Le chroniqueur", "Le chroniqueur"],
        "citations": ["reuters;bbc;reuters", "marquette2025", "bbc", "marquette2025", "korea1953"],
        "events": ["miami;appel", "", "miami", "coree", ""],
    }
)
NOTES = pd.DataFrame(
    {
        "id": ["N-01", "N-02", "N-03"],
        "targets": ["FA-001;AN-001", "FA-002", "FA-003;FA-001"],
        "kind": ["anachronisme", "erreur_date", "anachronisme"],
        "text": ["…", "…", "…"],
        "citations": ["FA-001", "FA-002", "FA-003"],
    }
)
EVENTS = pd.DataFrame(
    {
        "id": ["coree", "guerre", "invasion", "appel", "miami"],
        "date_start": ["1953-07-27", "2014", "2022-02", "2025-10-16", "2025-11-04"],
        "date_end": ["", "", "", "", "2025-11-05"],
        "precision": ["day", "year", "month", "day", "day"],
        "label": ["Armistice", "Guerre", "Invasion", "Appel", "Miami"],
        "date_source": ["editors", "chronicle", "chronicle", "chronicle", "chronicle"],
    }
)
NOTE_KINDS = pd.DataFrame(
    {"code": ["source_ambigue", "anachronisme", "erreur_date"], "order": [3, 1, 2], "label": ["source ambiguë", "anachronisme", "erreur de date"]}
)
DATA = analysis.Tables(ASSERTIONS, SOURCES, ATTRIBUTIONS, SECTIONS, NOTES, EVENTS, NOTE_KINDS)


@pytest.fixture
def supported():
    return analysis.with_support(ASSERTIONS, SOURCES, ATTRIBUTIONS)


# --- sources ---------------------------------------------------------------------------------


def test_an_outlet_cited_twice_counts_once():
    assert analysis.cited_outlets("reuters;bbc;reuters", {"reuters", "bbc"}) == ["reuters", "bbc"]


def test_only_outlets_the_chronicle_names_count():
    """The chronicle itself and the editors' references are not outlets."""
    assert analysis.outlet_keys(SOURCES) == ["reuters", "bbc"]
    assert analysis.cited_outlets("marquette2025;korea1953", set(analysis.outlet_keys(SOURCES))) == []


@pytest.mark.parametrize(
    "citations, speaker, expected",
    [
        ("bbc", "Un diplomate (anonyme)", NAMED_OUTLET),  # a named outlet wins over an anonymous speaker
        ("marquette2025", "Un diplomate (anonyme)", ANONYMOUS_ONLY),
        ("marquette2025", "Le chroniqueur", CHRONICLE_ALONE),
        ("korea1953", "Le chroniqueur", CHRONICLE_ALONE),
    ],
)
def test_support_kind_rules(citations, speaker, expected):
    assert analysis.support_kind(citations, speaker, {"reuters", "bbc"}, {"Un diplomate (anonyme)"}) == expected


def test_with_support_adds_outlets_counts_and_kind(supported):
    assert list(supported["n_outlets"]) == [2, 0, 1, 0, 0]
    assert list(supported["support"]) == [NAMED_OUTLET, ANONYMOUS_ONLY, NAMED_OUTLET, CHRONICLE_ALONE, CHRONICLE_ALONE]


def test_support_by_section_keeps_chronicle_order_and_zero_fills(supported):
    counts = analysis.support_by_section(supported, SECTIONS)
    assert list(counts.index) == ["faits", "analyse"]
    assert counts.loc["faits"].tolist() == [2, 1, 0]
    assert counts.loc["analyse"].tolist() == [0, 0, 2]
    shares = analysis.support_shares(counts)
    assert shares.loc["faits", NAMED_OUTLET] == pytest.approx(200 / 3)
    assert shares.sum(axis=1).tolist() == pytest.approx([100, 100])


def test_percent_of_nothing_is_zero():
    assert analysis.percent(0, 0) == 0.0
    assert analysis.percent(1, 4) == 25.0


def test_outlet_section_counts_most_cited_first(supported):
    counts = analysis.outlet_section_counts(supported, SOURCES, SECTIONS)
    assert list(counts.index) == ["bbc", "reuters"]
    assert counts.loc["bbc", "faits"] == 2 and counts.loc["reuters", "faits"] == 1
    assert counts["analyse"].sum() == 0


def test_hover_members_name_the_assertions_behind_each_mark(supported):
    assert analysis.outlet_section_assertions(supported) == {("reuters", "faits"): ["FA-001"], ("bbc", "faits"): ["FA-001", "FA-003"]}
    assert analysis.outlet_assertions(supported) == {"reuters": ["FA-001"], "bbc": ["FA-001", "FA-003"]}
    assert analysis.group_ids(supported, ["section", "support"])[("analyse", CHRONICLE_ALONE)] == ["AN-001", "AN-002"]


def test_cocitations_pair_outlets_of_one_assertion(supported):
    assert analysis.cocitations(supported) == {("bbc", "reuters"): ["FA-001"]}


# --- notes -----------------------------------------------------------------------------------


def test_a_note_belongs_to_every_section_it_targets():
    assert analysis.note_sections(NOTES, ASSERTIONS) == {"N-01": ["faits", "analyse"], "N-02": ["faits"], "N-03": ["faits"]}
    assert analysis.notes_by_section(NOTES, ASSERTIONS, SECTIONS).to_dict() == {"faits": 3, "analyse": 1}


def test_notes_by_kind_lists_every_kind():
    counts = analysis.notes_by_kind(NOTES, NOTE_KINDS)
    assert list(counts.index) == ["anachronisme", "erreur_date", "source_ambigue"]
    assert analysis.note_kind_labels(NOTE_KINDS)["erreur_date"] == "Erreur de date"
    assert counts["anachronisme"] == 2 and counts["erreur_date"] == 1 and counts["source_ambigue"] == 0


# --- the glued numbers -----------------------------------------------------------------------


def test_coverage_numbers_hold_exactly_the_contract_keys():
    numbers = analysis.coverage_numbers(DATA)
    expected = {"n_assertions", "n_notes", "share_named_outlet"} | {
        f"{k}_{s}" for s in ("faits", "analyse") for k in ("n_assertions", "share_named_outlet", "n_notes")
    }
    assert set(numbers) == expected
    assert numbers["n_assertions"] == 5 and numbers["n_notes"] == 3
    assert numbers["share_named_outlet"] == pytest.approx(40.0)
    assert numbers["share_named_outlet_faits"] == pytest.approx(200 / 3) and numbers["share_named_outlet_analyse"] == 0.0
    assert numbers["n_notes_faits"] == 3 and numbers["n_notes_analyse"] == 1
    assert all(isinstance(numbers[k], int) for k in numbers if k.startswith("n_"))
    assert all(isinstance(numbers[k], float) for k in numbers if k.startswith("share_"))


def test_coverage_details_and_names():
    details = analysis.coverage_details(DATA)
    assert details["n_assertions_anonymous_only"] == 1 and details["n_assertions_chronicle_alone"] == 2
    assert details["max_independent_sources"] == 2 and details["n_notes_spanning_sections"] == 1
    assert analysis.coverage_names(DATA) == {
        "most_cited_outlet": "BBC",
        "strongest_pair": "BBC et Reuters",
        "top_note_kind": "anachronisme",
        "top_note_sections": "la section *Faits* (3), puis la section *Analyse* (1)",
    }


# --- events ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, first, last",
    [("2014", "2014-01-01", "2014-12-31"), ("2024-02", "2024-02-01", "2024-02-29"), ("2025-11-04", "2025-11-04", "2025-11-04")],
)
def test_date_bounds_span_what_a_reduced_date_can_mean(value, first, last):
    assert analysis.date_bounds(value) == (pd.Timestamp(first), pd.Timestamp(last))


def test_event_spans_oldest_first_with_ranges():
    spans = analysis.event_spans(EVENTS)
    assert list(spans["id"]) == ["coree", "guerre", "invasion", "appel", "miami"]
    assert spans.set_index("id").loc["guerre", "end"] == pd.Timestamp("2014-12-31")
    assert list(spans["is_range"]) == [False, False, False, False, True]


def test_mentions_and_first_section():
    mentions = analysis.event_mentions(ASSERTIONS)
    assert list(zip(mentions["assertion"], mentions["event"], strict=False)) == [
        ("FA-001", "miami"),
        ("FA-001", "appel"),
        ("FA-003", "miami"),
        ("AN-001", "coree"),
    ]
    assert analysis.first_mention_sections(mentions) == {"miami": "faits", "appel": "faits", "coree": "analyse"}


def test_per_year_and_per_month_counts():
    spans = analysis.event_spans(EVENTS)
    dated = analysis.periods(spans, analysis.first_mention_sections(analysis.event_mentions(ASSERTIONS)))
    per_year = analysis.events_per_year(dated, SECTIONS)
    assert per_year.index[0] == 1953 and per_year.index[-1] == 2025 and len(per_year) == 73
    assert per_year.loc[2025, "faits"] == 2 and per_year.loc[1953, "analyse"] == 1
    assert per_year.loc[2014, analysis.UNMENTIONED] == 1  # an event no assertion mentions still counts
    per_month = analysis.events_per_month(dated, SECTIONS, "2022-01", "2025-11")
    assert per_month.to_numpy().sum() == 3  # 2014 is known to the year only
    assert per_month.loc[pd.Period("2022-02", "M"), analysis.UNMENTIONED] == 1
    assert per_month.loc[pd.Period("2025-10", "M"), "faits"] == 1


def test_in_window_keeps_events_that_meet_it():
    spans = analysis.event_spans(EVENTS)
    assert list(analysis.in_window(spans, "2025-11-05", "2025-11-30")["id"]) == ["miami"]


def test_density_numbers():
    numbers = analysis.density_numbers(DATA)
    assert numbers["n_events"] == 5 and numbers["n_events_dated_by_editors"] == 1
    assert numbers["n_mentions"] == 4 and numbers["n_assertions_with_events"] == 3
    assert numbers["n_events_year_precision"] == 1 and numbers["busiest_year"] == 2025
    assert analysis.density_names(DATA) == {"most_mentioned_event": "Miami", "busiest_years": "2025"}


def test_years_that_tie_are_all_named():
    assert [analysis.french_list(years) for years in (["2025"], ["2022", "2025"], ["2014", "2022", "2025"])] == [
        "2025",
        "2022 et 2025",
        "2014, 2022 et 2025",
    ]
