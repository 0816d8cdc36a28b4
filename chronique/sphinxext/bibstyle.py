"""French bibliography and citation styles (« et », « novembre », « (Reuters, 2025 ; BBC, 2025) »).

pybtex and sphinxcontrib-bibtex write English words ("and", "nov"); the book is French.
``_config.yml`` selects them with ``bibtex_default_style: plain_fr`` and
``bibtex_reference_style: author_year_fr``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pybtex.plugin
from pybtex.richtext import Text
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.template import field as bib_field
from pybtex.style.template import names, optional, optional_field, sentence, words
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

MONTHS = dict(
    zip(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"),
        strict=False,
    )
)


def french_month(month: Text) -> Text:
    return Text(MONTHS.get(str(month).strip().lower()[:3], str(month)))


class FrenchPlainStyle(PlainStyle):
    """pybtex's ``plain``, with « et » between names, French month names, and titles kept
    as written (pybtex lower-cases them, which breaks French proper nouns: « washington »)."""

    def format_title(self, e, which_field, as_sentence=True):
        title = bib_field(which_field)
        return sentence[title] if as_sentence else title

    def format_names(self, role, as_sentence=True):
        formatted = names(role, sep=", ", sep2=" et ", last_sep=" et ")
        return sentence[formatted] if as_sentence else formatted

    def get_misc_template(self, e):
        date = words[optional_field("month", apply_func=french_month), bib_field("year")]
        return toplevel[
            optional[sentence[self.format_names("author")]],
            optional[self.format_title(e, "title")],
            sentence[optional[bib_field("howpublished")], optional[date]],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]


@dataclass
class FrenchAuthorYearStyle(AuthorYearReferenceStyle):
    """Author–year citations in parentheses, « ; » between references, « et » between names."""

    bracket_parenthetical: BracketStyle = field(default_factory=lambda: BracketStyle(left="(", right=")", sep=" ; "))
    bracket_textual: BracketStyle = field(default_factory=lambda: BracketStyle(left="(", right=")", sep=" ; "))
    person: PersonStyle = field(default_factory=lambda: PersonStyle(sep2=" et ", last_sep=" et "))


def register_styles() -> None:
    """Make ``plain_fr`` and ``author_year_fr`` known to pybtex and sphinxcontrib-bibtex."""
    pybtex.plugin.register_plugin("pybtex.style.formatting", "plain_fr", FrenchPlainStyle, force=True)
    register_plugin("sphinxcontrib.bibtex.style.referencing", "author_year_fr", FrenchAuthorYearStyle, force=True)
