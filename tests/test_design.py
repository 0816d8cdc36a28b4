"""The book's design rules that need no build: colours (one meaning each, legible in light and
dark mode), French typography at rendering time, the bibliography's order and notes.

The browser suite (``test_browser.py``) checks the same rules on the rendered pages.
"""

from __future__ import annotations

import re

import pybtex.database
import pytest

from chronique import palette
from chronique.charts import count_tick
from chronique.paths import CHRONICLE_KEY
from chronique.rules import CITED_NOTE, EDITORS_NOTE
from chronique.sphinxext.bibstyle import AlphabeticalSorting, register_styles, sort_text, what_the_note_adds
from chronique.typography import BREAKABLE, NARROW_NBSP, NBSP, french_html, french_spacing, unbreakable_segments
from conftest import EDITION, REPO

#: WCAG 2: text (a status mark is a glyph of the text) and graphics
TEXT_CONTRAST = 4.5
GRAPHIC_CONTRAST = 3.0


# --- colours ----------------------------------------------------------------------------------


@pytest.mark.parametrize("status", list(palette.STATUS_STYLE))
def test_status_colours_are_legible_on_both_backgrounds(status):
    style = palette.STATUS_STYLE[status]
    assert palette.contrast(style.colour, palette.LIGHT_BACKGROUND) >= TEXT_CONTRAST
    assert palette.contrast(style.dark, palette.DARK_BACKGROUND) >= TEXT_CONTRAST
    for background in (style.colour, style.dark):  # a badge's label on its colour
        assert palette.contrast(palette.text_colour_on(background), background) >= TEXT_CONTRAST


def test_one_colour_one_meaning():
    """Statuses, sections and supports never share a colour, in either mode; the section ramp
    is an order of lightness; every chart colour has exactly one dark twin."""
    statuses = {c.upper() for s in palette.STATUS_STYLE.values() for c in (s.colour, s.dark)}
    sections = {c.upper() for c in [*palette.SECTION_COLOURS.values(), *palette.SECTION_COLOURS_DARK.values()]}
    supports = {c.upper() for pair in palette.SUPPORT_COLOURS.values() for c in pair}
    assert not statuses & sections and not statuses & supports and not sections & supports
    assert len({s.colour for s in palette.STATUS_STYLE.values()}) == len(palette.STATUS_STYLE)
    light = [palette.relative_luminance(c) for c in palette.SECTION_COLOURS.values()]
    dark = [palette.relative_luminance(c) for c in palette.SECTION_COLOURS_DARK.values()]
    assert light == sorted(light) and dark == sorted(dark, reverse=True)
    assert list(palette.SECTION_COLOURS) == list(EDITION.sections["code"])
    assert len(set(palette.DARK.values())) == len(palette.DARK), "two light colours share a dark twin"


def test_chart_ink_is_legible_on_both_backgrounds():
    for light, dark in (palette.INK, palette.OUTLINE, palette.NEUTRAL):
        assert palette.contrast(light, palette.LIGHT_BACKGROUND) >= GRAPHIC_CONTRAST
        assert palette.contrast(dark, palette.DARK_BACKGROUND) >= GRAPHIC_CONTRAST


# --- French typography --------------------------------------------------------------------------


@pytest.mark.parametrize(("largest", "step"), [(0, 1), (6, 1), (7, 2), (13, 5), (31, 10), (61, 20), (301, 100), (5000, 1000)])
def test_count_axes_keep_six_steps_at_most_whatever_the_count(largest, step):
    """The data grows (the benchmark's copies hold 100 times the checks): no count runs out of steps."""
    assert count_tick(largest) == step and largest / step <= 6


def test_french_spacing_binds_punctuation_and_guillemets():
    assert french_spacing("Faillite, stratégie ou marchandage ?") == f"Faillite, stratégie ou marchandage{NARROW_NBSP}?"
    assert (
        french_spacing("Trump détaille ainsi : « Cela fait ; »") == f"Trump détaille ainsi{NBSP}: «{NARROW_NBSP}Cela fait{NARROW_NBSP};{NARROW_NBSP}»"
    )
    assert french_spacing("nommés : 14 % ;") == f"nommés{NBSP}: 14{NARROW_NBSP}%{NARROW_NBSP};"
    assert french_spacing("Auteur: Maxime Marquette") == "Auteur: Maxime Marquette", "no space is inserted where there is none"


def test_ids_and_dates_keep_their_hyphen_on_one_line():
    segments = unbreakable_segments("voir FA-021 et N-01, les 4-5 novembre, en 2023-2025, le 2025-11-04 (octobre-novembre) ; Jong-un")
    kept = [text for text, keep in segments if keep]
    assert kept == ["FA-021", "N-01", "4-5", "2023-2025", "2025-11-04", "octobre-novembre"]
    assert "".join(text for text, _ in segments).endswith("Jong-un")


def test_every_line_of_the_chronicle_is_left_without_a_breakable_place():
    """Once typeset, no line of the chronicle can break before « : ; ! ? » or inside « »."""
    for line in (REPO / "data" / "chronicle.txt").read_text(encoding="utf-8").splitlines():
        typeset = french_spacing(line)
        assert not BREAKABLE.search(typeset), line
        assert typeset.replace(NARROW_NBSP, " ").replace(NBSP, " ") == line, "only spaces change"


def test_french_html_leaves_tags_attributes_and_code_alone():
    markup = '<a href="#x" title="a : b">Miami : « FA-004 »</a><code>x : y</code>'
    out = french_html(markup)
    assert 'title="a : b"' in out and "<code>x : y</code>" in out
    assert f'Miami{NBSP}: «{NARROW_NBSP}<span class="chronique-nowrap">FA-004</span>{NARROW_NBSP}»' in out


# --- the bibliography -------------------------------------------------------------------------


def test_notes_drop_only_the_citation_policy_sentence():
    for reference in EDITION.references.values():
        note = reference.fields.get("note", "")
        rest = what_the_note_adds(note)
        assert CITED_NOTE not in rest and EDITORS_NOTE not in rest
        assert CHRONICLE_KEY not in rest and "data/" not in rest, f"{reference.key}: an internal key or a file path would show"
        if not note.startswith((CITED_NOTE, EDITORS_NOTE)):
            assert rest == note
    assert (
        what_the_note_adds(f"{CITED_NOTE} (x) ; non vérifié. La chronique situe la crainte en avril 2022.")
        == "La chronique situe la crainte en avril 2022."
    )


def test_one_alphabetical_order_for_persons_and_institutions():
    register_styles()
    data = pybtex.database.parse_file(str(REPO / "references.bib"))
    ordered = AlphabeticalSorting().sort(list(data.entries.values()))
    firsts = [sort_text(" ".join(e.persons["author"][0].last_names)) for e in ordered]
    assert firsts == sorted(firsts)
    assert re.match(r"^[a-z0-9]", firsts[0]) and not any(f.startswith("{") for f in firsts)


def test_an_author_with_several_entries_a_year_gets_letters_in_citations_and_entries():
    """« (Kommersant, 2025a) » cites the entry « Kommersant (2025a) »: the letters follow the
    bibliography's order, and the citation and the entry show the same year."""
    from pybtex.database import Entry, Person

    from chronique.sphinxext.bibstyle import AuthorYearLabels, labelled_year

    def kommersant(year: str) -> Entry:
        return Entry("misc", fields={"year": year}, persons={"author": [Person("{Kommersant}")]})

    entries = [kommersant("2025"), kommersant("2025"), kommersant("2024")]
    labels = list(AuthorYearLabels().format_labels(entries))
    assert labels == ["Kommersant 2025a", "Kommersant 2025b", "Kommersant 2024"]
    shown = [str(labelled_year.format_data({"entry": e, "label": label})) for e, label in zip(entries, labels, strict=True)]
    assert shown == ["2025a", "2025b", "2024"]
