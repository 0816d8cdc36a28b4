"""French author–date styles: the bibliography reads like its citations.

A citation reads « (Reuters, 2025 ; BBC, 2025) »; its entry in the bibliography opens the same
way, « Reuters (2025). [Publications non identifiées…]. Agence de presse. » (a document the editors
consulted ends « En ligne : <adresse> (consulté le 28 novembre 2026). »), in one alphabetical
order of authors (persons and institutions together, accents and braces ignored), with no
number. pybtex and sphinxcontrib-bibtex would write English words ("and", "nov"), numbers
([1]–[26]) and sort institutions after persons.

The citation policy puts a standard sentence in every entry's ``note`` (« Tel que cité par la
chronique (marquette2025)… ; non vérifié. », « Référence des éditeurs… »): the validator checks
it, and the bibliography page explains it once. Each entry shows only what its note adds.

``_config.yml`` selects them with ``bibtex_default_style: author_date_fr`` and
``bibtex_reference_style: author_year_fr``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, fields
from string import ascii_lowercase

import pybtex.plugin
from docutils import nodes
from pybtex.richtext import Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle, toplevel
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import FieldIsMissing, href, join, names, node, optional, optional_field, sentence, words
from pybtex.style.template import field as bib_field
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.referencing.basic_author_year import (
    BasicAuthorYearParentheticalReferenceStyle,
    BasicAuthorYearTextualReferenceStyle,
)
from sphinxcontrib.bibtex.style.template import join2, post_text, pre_text, reference

from chronique.publication import french_day
from chronique.rules import CITED_NOTE, EDITORS_NOTE

MONTHS = dict(
    zip(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"),
        strict=False,
    )
)
#: the first sentence of a note that only states the citation policy
POLICY_SENTENCE = re.compile(rf"^(?:{re.escape(CITED_NOTE)}|{re.escape(EDITORS_NOTE)})[^.]*\.\s*")


def french_day_text(day: Text) -> Text:
    """``2026-11-28`` → « 28 novembre 2026 »."""
    return Text(french_day(str(day)))


def french_month(month: Text) -> Text:
    return Text(MONTHS.get(str(month).strip().lower()[:3], str(month)))


def what_the_note_adds(note: str) -> str:
    """The note without the citation policy's standard sentence (said once on the page)."""
    return POLICY_SENTENCE.sub("", note.strip(), count=1).strip()


@node
def specific_note(children, context):
    """The entry's note, minus the policy sentence; missing when nothing is left."""
    entry = context["entry"]
    rest = what_the_note_adds(entry.fields.get("note", ""))
    if not rest:
        raise FieldIsMissing("note", entry)
    return Text(rest)


def sort_text(text: str) -> str:
    """``{États-Unis}`` → ``etatsunis``: braces, accents, punctuation and case ignored when sorting."""
    plain = unicodedata.normalize("NFKD", text.replace("{", "").replace("}", ""))
    letters = "".join(c for c in plain if not unicodedata.combining(c) and (c.isalnum() or c.isspace()))  # « L’Envers » sorts as « Lenvers »
    return " ".join(letters.casefold().split())


class AlphabeticalSorting(BaseSortingStyle):
    """One alphabetical order: first author (persons by surname, institutions by name), then
    year, then title without its brackets."""

    def sorting_key(self, entry):
        persons = entry.persons.get("author", [])
        author = " ".join(sort_text(" ".join(p.prelast_names + p.last_names + p.first_names + p.middle_names)) for p in persons)
        return (author, sort_text(entry.fields.get("year", "")), sort_text(entry.fields.get("title", "").strip("[]")))


class AuthorYearLabels(BaseLabelStyle):
    """``Reuters 2025``, never shown as a number (the page shows no label at all); entries with
    the same author and year get a letter, in the bibliography's order: ``Reuters 2025a``,
    ``Reuters 2025b``, which the citations and the entries then show (:func:`labelled_year`)."""

    def format_labels(self, sorted_entries):
        sorted_entries = list(sorted_entries)
        bases = []
        for entry in sorted_entries:
            persons = entry.persons.get("author", [])
            first = " ".join(persons[0].last_names).replace("{", "").replace("}", "") if persons else entry.key
            bases.append(f"{first} {entry.fields.get('year', '')}".strip())
        counts = Counter(bases)
        seen: Counter[str] = Counter()
        for base in bases:
            if counts[base] > 1:
                yield base + ascii_lowercase[seen[base] % 26] * (1 + seen[base] // 26)
                seen[base] += 1
            else:
                yield base


def year_suffix(label: str, year: str) -> str:
    """The letter :class:`AuthorYearLabels` added after ``year`` in ``label`` (``a``), or ""."""
    _, found, tail = label.rpartition(year)
    return tail if found and year else ""


@node
def labelled_year(children, data):
    """The entry's year with its letter when another entry has the same author and year
    (« 2025a »); « s. d. » for an undated document. Works for entries (the label is in
    ``data["label"]``) and citations (in the formatted entry)."""
    entry = data["entry"]
    year = entry.fields.get("year", "")
    label = data.get("label") or getattr(data.get("formatted_entry"), "label", "")
    return Text(year + year_suffix(label, year))


class FrenchAuthorDateStyle(BaseStyle):
    """``Nom, Prénom (année). Titre. Nature, mois année. Ce que la note ajoute.``"""

    default_name_style = "lastfirst"
    default_label_style = "author_year_labels_fr"
    default_sorting_style = "alphabetical_fr"

    def format_names(self, role):
        return names(role, sep=", ", sep2=" et ", last_sep=" et ")

    def get_misc_template(self, e):
        month_and_year = optional[words[optional_field("month", apply_func=french_month), bib_field("year")]] if "month" in e.fields else ""
        return toplevel[
            sentence[join[self.format_names("author"), " (", labelled_year, ")"]],
            sentence[bib_field("title")],
            sentence[optional[bib_field("howpublished")], month_and_year],
            optional[sentence[specific_note]],
            optional[
                sentence[
                    join[
                        "En ligne : ",
                        href(bib_field("url", raw=True))[bib_field("url", raw=True)],
                        " (consulté le ",
                        bib_field("urldate", apply_func=french_day_text),
                        ")",
                    ]
                ]
            ],
        ]

    def format_entry(self, label, entry, bib_data=None):
        """Every entry of references.bib is a ``@misc`` (the citation policy forbids inventing
        the fields other types need); any other type is written the same way."""
        text = self.get_misc_template(entry).format_data({"entry": entry, "style": self, "bib_data": bib_data, "label": label})
        return FormattedEntry(entry.key, text, label)


@dataclass
class LabelledYearParentheticalStyle(BasicAuthorYearParentheticalReferenceStyle):
    """« (Reuters, 2025a) »: the year with the letter of its entry."""

    def inner(self, role_name: str):
        return join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
            pre_text,
            reference[join(sep=self.author_year_sep)[self.person.author_or_editor_or_title(full="s" in role_name), labelled_year]],
            post_text,
        ]


@dataclass
class LabelledYearTextualStyle(BasicAuthorYearTextualReferenceStyle):
    """« Reuters (2025a) »: the year with the letter of its entry."""

    def inner(self, role_name: str):
        return join(sep=self.text_reference_sep)[
            self.person.author_or_editor_or_title(full="s" in role_name),
            join[
                self.bracket.left,
                join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[pre_text, reference[labelled_year], post_text],
                self.bracket.right,
            ],
        ]


@dataclass
class FrenchAuthorYearStyle(AuthorYearReferenceStyle):
    """Author–year citations in parentheses, « ; » between references, « et » between names,
    the year with its entry's letter when an author has several entries that year."""

    bracket_parenthetical: BracketStyle = field(default_factory=lambda: BracketStyle(left="(", right=")", sep=" ; "))
    bracket_textual: BracketStyle = field(default_factory=lambda: BracketStyle(left="(", right=")", sep=" ; "))
    person: PersonStyle = field(default_factory=lambda: PersonStyle(sep2=" et ", last_sep=" et "))

    def __post_init__(self):
        super().__post_init__()
        replacements = {
            BasicAuthorYearParentheticalReferenceStyle: LabelledYearParentheticalStyle,
            BasicAuthorYearTextualReferenceStyle: LabelledYearTextualStyle,
        }
        self.styles = [
            replacements[type(style)](**{f.name: getattr(style, f.name) for f in fields(style)}) if type(style) in replacements else style
            for style in self.styles
        ]
        self.role_style.update((role, style) for style in self.styles for role in style.role_names())


def register_styles() -> None:
    """Make the styles known to pybtex and sphinxcontrib-bibtex."""
    pybtex.plugin.register_plugin("pybtex.style.formatting", "author_date_fr", FrenchAuthorDateStyle, force=True)
    pybtex.plugin.register_plugin("pybtex.style.sorting", "alphabetical_fr", AlphabeticalSorting, force=True)
    pybtex.plugin.register_plugin("pybtex.style.labels", "author_year_labels_fr", AuthorYearLabels, force=True)
    register_plugin("sphinxcontrib.bibtex.style.referencing", "author_year_fr", FrenchAuthorYearStyle, force=True)


class AuthorDateEntries(SphinxPostTransform):
    """HTML: bibliography entries without their label (an author–date list has none; the
    entry itself opens with the author and year its citations show)."""

    default_priority = 800
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for citation in self.document.findall(nodes.citation):
            for label in [child for child in citation.children if isinstance(child, nodes.label)]:
                citation.remove(label)
