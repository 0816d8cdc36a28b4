"""The verification layer on the tiny book (``tests/roots/mini``): its rules, its derived timing,
and its numbers, each bad input reported once at the right file, line and field."""

from __future__ import annotations

import pytest

from chronique import verification
from chronique.edition import Edition
from chronique.evidence import main as write_evidence
from conftest import assert_reported, replace, reported


def test_the_tiny_book_validates(mini_root):
    assert reported(mini_root) == []


#: (file, old, new, expected start of the problem, expected words)
BAD_INPUTS = {
    "verdict without a document": (
        "data/check_evidence.csv",
        "C-001,EV-002,appuie",
        "C-001,EV-002,contexte",
        "data/checks.csv:2: verdict:",
        "verdict 'confirme' rests on no document (appuie)",
    ),
    "consulted in the future": (
        "data/evidence.csv",
        "2025-11-05,page,2026-11-28",
        "2025-11-05,page,2999-01-01",
        "data/evidence.csv:3: consulted:",
        "consulted on 2999-01-01, which is in the future",
    ),
    "consulted before published": (
        "data/evidence.csv",
        "2025-11-05,page,2026-11-28",
        "2025-11-05,page,2025-11-01",
        "data/evidence.csv:3: consulted:",
        "consulted (2025-11-01) before it was published (2025-11-05)",
    ),
    "duplicate url": (
        "data/evidence.csv",
        "https://exemple.org/dayton,",
        "https://exemple.org/depeche-miami,",
        "data/evidence.csv:4: url:",
        "duplicate url 'https://exemple.org/depeche-miami' (first on line 3)",
    ),
    "malformed url": (
        "data/evidence.csv",
        "https://exemple.org/dayton,",
        "exemple.org/dayton,",
        "data/evidence.csv:4: url:",
        "does not match the expected form",
    ),
    "date without its origin": (
        "data/evidence.csv",
        "2025-11-05,page,",
        "2025-11-05,,",
        "data/evidence.csv:3: published_from:",
        "say where the date comes from",
    ),
    "unknown verdict": (
        "data/checks.csv",
        ",confirme,Une dépêche",
        ",vrai,Une dépêche",
        "data/checks.csv:2: verdict:",
        "unknown value 'vrai' (not in verdicts.csv)",
    ),
    "unknown stance": (
        "data/check_evidence.csv",
        "C-001,EV-002,appuie",
        "C-001,EV-002,confirme",
        "data/check_evidence.csv:2: stance:",
        "unknown value 'confirme'",
    ),
    "unknown evidence": (
        "data/check_evidence.csv",
        "C-002,EV-003",
        "C-002,EV-009",
        "data/check_evidence.csv:3: evidence:",
        "unknown value 'EV-009' (not in evidence.csv)",
    ),
    "unknown assertion": (
        "data/checks.csv",
        "C-002,CH-001,",
        "C-002,CH-009,",
        "data/checks.csv:3: assertion:",
        "unknown value 'CH-009' (not in assertions.csv)",
    ),
    "assertion that must be checked has none": (
        "data/checks.csv",
        "C-002,CH-001,",
        "C-002,CH-002,",
        "data/assertions.csv:6: id:",
        "CH-001 (contexte_historique) has no check",
    ),
    "a found source without its document": (
        "data/source_resolution.csv",
        "republication,EV-002,",
        "republication,,",
        "data/source_resolution.csv:2: evidence:",
        "result 'republication' without the document found",
    ),
    "a named source never searched": (
        "data/source_resolution.csv",
        "FA-001,reuters,",
        "FA-002,reuters,",
        "data/assertions.csv:4: citations:",
        "no search recorded for 'reuters', named by FA-001",
    ),
    "a url on an entry that is no consulted document": (
        "references.bib",
        "  title = {[Dépêches de Reuters]},",
        "  title = {[Dépêches de Reuters]},\n  url = {https://exemple.org/reuters},",
        "references.bib:",
        "entry 'reuters' gives a url but is not a document the editors consulted",
    ),
    "an entry that disagrees with its row": (
        "data/evidence.csv",
        "[Texte des accords de Dayton]",
        "[Texte des accords de Dayton de 1995]",
        "references.bib:",
        "entry 'ev-003' does not say what data/evidence.csv says of EV-003 (fix: run python -m chronique.evidence --write)",
    ),
}


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_bad_verification_data_is_reported_at_its_line(mini_root, case):
    file, old, new, where, words = BAD_INPUTS[case]
    replace(mini_root / file, old, new)
    assert_reported(mini_root, where, words)


def test_a_document_no_check_uses_is_reported(mini_root):
    replace(mini_root / "data" / "check_evidence.csv", "C-003,EV-001,contexte\n", "")
    assert any(p.startswith("data/evidence.csv:2: id: EV-001 is used by no check") for p in reported(mini_root))


def test_the_generator_writes_what_the_rows_say(mini_root):
    replace(mini_root / "data" / "evidence.csv", "[Texte des accords de Dayton]", "[Texte des accords de Dayton de 1995]")
    assert write_evidence(["--write", "--root", str(mini_root)]) == 0
    assert reported(mini_root) == []
    assert "title    = {[Texte des accords de Dayton de 1995]}" in (mini_root / "references.bib").read_text(encoding="utf-8")


def test_timing_compares_the_decisive_documents_with_the_chronicles_publication(mini_root):
    edition = Edition.read(mini_root)
    assert edition.chronicle_published == "2025-11-06"
    assert verification.timing(edition, "C-001") == "avant"  # a document of 5 November
    assert verification.timing(edition, "C-002") == "non_date"  # an undated copy of the accords
    assert verification.timing(edition, "C-003") == "sans_document"  # context only
    replace(mini_root / "data" / "evidence.csv", "2025-11-05,page", "2025-11-20,page")
    assert verification.timing(Edition.read(mini_root), "C-001") == "apres"


def test_numbers(mini_root):
    numbers = verification.numbers(Edition.read(mini_root))
    assert (numbers["n_checks"], numbers["n_checks_confirme"], numbers["n_checks_inverifiable"]) == (3, 2, 1)
    assert (numbers["n_searches"], numbers["n_searches_republication"], numbers["n_searches_not_found"]) == (1, 1, 0)
    assert numbers["chronicle_published"] == "2025-11-06"
