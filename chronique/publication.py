"""The edition as ``CITATION.cff`` describes it: title, authors, version, date, licences, edited work.

One file says how the edition is cited, so the HTML head, the JSON-LD, the citation page and the
PDF's title page and metadata never disagree. :class:`chronique.edition.Edition` reads it once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import yaml

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")


class _CffLoader(yaml.SafeLoader):
    """YAML as CFF tools read it: dates stay strings (the CFF schema wants ``"2026-11-26"``)."""


_CffLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"] for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_cff(text: str) -> dict:
    return yaml.load(text, Loader=_CffLoader)


@dataclass(frozen=True)
class Person:
    """A CFF author: a person (family and given names) or an entity (a name)."""

    name: str = ""
    family: str = ""
    given: str = ""

    @classmethod
    def from_cff(cls, author: dict) -> Person:
        return cls(author.get("name", ""), author.get("family-names", ""), author.get("given-names", ""))

    @property
    def display(self) -> str:
        return self.name or f"{self.given} {self.family}".strip()

    @property
    def inverted(self) -> str:
        """``Family, Given`` (Highwire, BibTeX) or the entity's name."""
        return self.name or ", ".join(p for p in (self.family, self.given) if p)

    @property
    def bibtex(self) -> str:
        return "{" + self.name + "}" if self.name else self.inverted

    def json_ld(self) -> dict:
        if self.name:
            return {"@type": "Organization", "name": self.name}
        return {"@type": "Person", "name": self.display, "familyName": self.family, "givenName": self.given}


@dataclass(frozen=True)
class Publication:
    """The edition as CITATION.cff describes it."""

    title: str
    authors: tuple[Person, ...]
    version: str
    released: date
    keywords: tuple[str, ...]
    abstract: str
    licenses: tuple[str, ...]
    chronicle: dict  # the cited work (CFF ``references[0]``): the chronicle itself

    @classmethod
    def from_cff(cls, cff: dict) -> Publication:
        licence = cff.get("license", ())
        return cls(
            title=cff["title"],
            authors=tuple(Person.from_cff(a) for a in cff["authors"]),
            version=str(cff["version"]),
            released=date.fromisoformat(str(cff["date-released"])),
            keywords=tuple(cff.get("keywords", ())),
            abstract=" ".join(str(cff.get("abstract", "")).split()),
            licenses=tuple(licence) if isinstance(licence, list) else (licence,),
            chronicle=cff["references"][0],
        )

    @property
    def year(self) -> int:
        return self.released.year

    @property
    def french_date(self) -> str:
        return french_date(self.released)

    @property
    def author_names(self) -> str:
        return " ; ".join(a.display for a in self.authors)

    @property
    def chronicle_author(self) -> str:
        return " ; ".join(Person.from_cff(a).display for a in self.chronicle["authors"])


def french_date(day: date) -> str:
    """« 5 novembre 2025 », « 1er janvier 2026 »."""
    return f"{day.day}{'er' if day.day == 1 else ''} {MONTHS[day.month - 1]} {day.year}"


def french_day(iso: str) -> str:
    """``2025-11-05`` → « 5 novembre 2025 »."""
    return french_date(date.fromisoformat(iso))
