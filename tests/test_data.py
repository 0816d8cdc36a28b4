"""The real data: it validates, honours the contract other issues rely on, and reads the same in both BibTeX parsers."""

import csv
import re

import pybtex.database
import pytest

from chronique import load, paths
from chronique.bibliography import evidence_key, read_bibliography
from chronique.validate import main
from conftest import REPO

SHARED_CHRONICLE = REPO.parent / "shared" / "chronicle" / "000_c1df462ef421ffc1.txt"
DATA_DIR = REPO / paths.DATA


def test_real_data_has_no_problem(edition):
    assert [str(p) for p in edition.validate()] == []


def test_validate_command_finds_the_book_around_the_current_folder(capsys, monkeypatch, edition):
    monkeypatch.chdir(REPO / "notebooks")
    assert main([]) == 0
    assert f"{len(edition.assertions)} assertions" in capsys.readouterr().out


@pytest.mark.skipif(not SHARED_CHRONICLE.exists(), reason="../shared is not beside this checkout")
def test_chronicle_copy_is_verbatim():
    assert (REPO / paths.CHRONICLE).read_bytes() == SHARED_CHRONICLE.read_bytes()


def test_contract_columns():
    with open(DATA_DIR / "assertions.csv", encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert {"id", "section", "text", "citations"} <= set(header)
    with open(DATA_DIR / "events.csv", encoding="utf-8") as f:
        assert "date_start" in next(csv.reader(f))


def test_four_core_sections_are_distinct_and_all_used(edition):
    used = set(edition.assertions["section"])
    assert {"faits", "contexte", "non_confirmees", "analyse"} <= used
    assert used == set(edition.sections["code"])


def test_assertions_rebuild_every_body_paragraph(edition):
    """Joining a paragraph's assertions with single spaces gives back the paragraph."""
    lines = edition.chronicle.split("\n")
    assertions = edition.assertions
    for paragraph, group in assertions.groupby("paragraph"):
        assert " ".join(group.sort_values("position")["text"]) == lines[paragraph - 1]


def test_ids_are_section_prefix_and_number(edition):
    assertions = edition.assertions
    prefixes = edition.labels("sections", "id_prefix")
    for row in assertions.itertuples():
        assert re.fullmatch(rf"{prefixes[row.section]}-\d{{3}}", row.id)
    assert list(assertions["position"]) == list(range(1, len(assertions) + 1))


def test_every_assertion_cites_and_unsourced_ones_cite_the_chronicle(edition):
    assertions = edition.assertions
    assert all(load.split_list(c) for c in assertions["citations"])
    # FA-002 names no outlet: it cites the chronicle itself
    assert assertions.set_index("id").loc["FA-002", "citations"] == "marquette2025"
    assert set(load.split_list(assertions.set_index("id").loc["FA-001", "citations"])) == {
        "ukrinform",
        "interfax",
        "telegrafi",
        "unn",
        "politico",
        "reuters",
    }


def test_pybtex_and_bibtexparser_see_the_same_entries():
    references, problems = read_bibliography((REPO / paths.BIBLIOGRAPHY).read_text(encoding="utf-8"))
    assert problems == []
    pybtex_data = pybtex.database.parse_file(str(REPO / paths.BIBLIOGRAPHY))
    assert set(pybtex_data.entries) == set(references)
    for key, entry in pybtex_data.entries.items():
        assert entry.fields["title"] == references[key].fields["title"], key
        assert entry.fields.get("note") == references[key].fields.get("note"), key


def test_bibliography_is_honest(edition):
    """A URL only on the documents the editors consulted, exactly as data/evidence.csv records it;
    no DOI or page anywhere; supplied titles bracketed; cited outlets say they are as cited by the chronicle."""
    references = edition.references
    roles = edition.labels("sources", "role")
    consulted = {evidence_key(row.id): row for row in edition.rows("evidence").values()}
    assert set(roles) | set(consulted) == set(references) and not set(roles) & set(consulted)
    for key, row in consulted.items():
        fields = references[key].fields
        assert (fields["url"], fields["urldate"], fields["title"]) == (row.url, row.consulted, row.title), key
        assert row.title.startswith("[") and row.title.endswith("]"), key
    for key in roles:
        ref = references[key]
        assert not {"url", "doi", "pages"} & set(ref.fields), key
        if roles[key] != "chronique":
            assert ref.fields["title"].startswith("[") and ref.fields["title"].endswith("]"), key
        if roles[key] == "citee":
            assert "Tel que cité par la chronique" in ref.fields["note"], key


def test_supplied_dates_cite_a_document_other_than_the_chronicle(edition):
    events = edition.events
    for row in events[events["date_source"] == "editors"].itertuples():
        assert set(load.split_list(row.citations)) - {"marquette2025"}, row.id
    first_term = events.set_index("id").loc["premier-mandat-trump"]
    assert (first_term["date_start"], first_term["date_end"], first_term["chronicle_date"]) == ("2017-01-20", "2021-01-20", "De 2016 à 2020")


def test_data_dictionary_is_up_to_date():
    from chronique import dictionary

    assert (REPO / dictionary.README).read_text(encoding="utf-8") == dictionary.refreshed_readme(REPO), "run: python -m chronique.dictionary --write"


def test_sources_keep_ordinary_spaces_the_book_adds_french_ones_when_it_renders():
    """Typography is applied at rendering time (data/README.md): no source holds a non-breaking space."""
    import json

    sources = [*(REPO / "chapters").glob("*.md"), REPO / "data" / "README.md", REPO / "references.bib"]
    texts = {str(p.relative_to(REPO)): p.read_text(encoding="utf-8") for p in sources}
    for notebook in (REPO / "notebooks").glob("*.ipynb"):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        texts[str(notebook.relative_to(REPO))] = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert {name for name, text in texts.items() if "\u00a0" in text or "\u202f" in text} == set()


def test_every_enumerated_value_has_a_french_label(edition):
    """Values the schema allows (source kinds and roles, attribution kinds) all have a label to show."""
    from chronique.sphinxext.registers import SOURCE_KIND_LABEL, SOURCE_ROLE_LABEL
    from chronique.sphinxext.rendering import ATTRIBUTION_KIND_LABEL

    def allowed(table: str, column: str) -> set[str]:
        fields = edition.package.tables[table].descriptor["schema"]["fields"]
        return set(next(f for f in fields if f["name"] == column)["constraints"]["enum"])

    assert allowed("sources", "kind") == set(SOURCE_KIND_LABEL)
    assert allowed("sources", "role") == set(SOURCE_ROLE_LABEL)
    assert allowed("attributions", "kind") == set(ATTRIBUTION_KIND_LABEL)


def test_the_consulted_documents_entries_are_generated_and_current(edition):
    """references.bib's block of consulted documents is what python -m chronique.evidence --write makes."""
    from chronique.bibliography import BEGIN, END, evidence_block

    text = (REPO / paths.BIBLIOGRAPHY).read_text(encoding="utf-8")
    assert BEGIN + text.split(BEGIN, 1)[1].split(END, 1)[0] + END + "\n" == evidence_block(edition.table("evidence")), (
        "run: python -m chronique.evidence --write"
    )
