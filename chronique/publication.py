"""The edition as ``CITATION.cff`` describes it: title, authors, version, date, licence, edited work.

One file says how the edition is cited, so the HTML head, the JSON-LD, the citation page and the
PDF's title page and metadata never disagree. :class:`chronique.edition.Edition` reads it once;
:func:`check_cff` says what in it the citation tools would mangle (run with the data rules).

The publication *address* is not here but in the build's configuration (``html.baseurl``, see
:mod:`chronique.sphinxext.addresses`): a ``url`` in CITATION.cff must repeat it. A DOI, once one is
minted, goes here (``doi:``) and reaches every format from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import yaml

from .problems import Problem

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

    def json_ld(self, node_id: str) -> dict:
        """The schema.org node of this author, under ``node_id``."""
        if self.name:
            return {"@type": "Organization", "@id": node_id, "name": self.name}
        return {"@type": "Person", "@id": node_id, "name": self.display, "familyName": self.family, "givenName": self.given}


def spdx_url(identifier: str) -> str:
    """``CC-BY-4.0`` → ``https://spdx.org/licenses/CC-BY-4.0``, the form cffconvert's CodeMeta writes."""
    return f"https://spdx.org/licenses/{identifier}"


def doi_url(doi: str) -> str:
    return f"https://doi.org/{doi}"


@dataclass(frozen=True)
class Publication:
    """The edition as CITATION.cff describes it."""

    title: str
    authors: tuple[Person, ...]
    version: str
    released: date
    keywords: tuple[str, ...]
    abstract: str
    license: str  # one SPDX identifier: the editors' work (the code's licence is in pyproject.toml)
    chronicle: dict  # the cited work (CFF ``references[0]``): the chronicle itself
    doi: str | None = None  # once minted (CFF ``doi``)
    url: str | None = None  # CFF ``url``: must be the configured publication address

    @classmethod
    def from_cff(cls, cff: dict) -> Publication:
        return cls(
            title=cff["title"],
            authors=tuple(Person.from_cff(a) for a in cff["authors"]),
            version=str(cff["version"]),
            released=date.fromisoformat(str(cff["date-released"])),
            keywords=tuple(cff.get("keywords", ())),
            abstract=" ".join(str(cff.get("abstract", "")).split()),
            license=cff["license"],
            chronicle=cff["references"][0],
            doi=cff.get("doi"),
            url=cff.get("url"),
        )

    @property
    def license_url(self) -> str:
        return spdx_url(self.license)

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

    @property
    def chronicle_date(self) -> str:
        """``2025-11`` (ISO 8601, as precise as CITATION.cff is)."""
        month = self.chronicle.get("month")
        return f"{self.chronicle['year']}-{int(month):02d}" if month else str(self.chronicle["year"])


def french_date(day: date) -> str:
    """« 5 novembre 2025 », « 1er janvier 2026 »."""
    return f"{day.day}{'er' if day.day == 1 else ''} {MONTHS[day.month - 1]} {day.year}"


def french_day(iso: str) -> str:
    """``2025-11-05`` → « 5 novembre 2025 »."""
    return french_date(date.fromisoformat(iso))


# --- what the citation tools would mangle ------------------------------------------------------

#: the CFF 1.2.0 schema's DOI pattern
DOI = re.compile(r"^10\.\d{4,9}(\.\d+)?/[A-Za-z0-9:/_;\-\.\(\)\[\]\\]+$")
SPDX_ID = re.compile(r"^[A-Za-z0-9.+-]+$")


def check_cff(cff: dict | None, file: str) -> list[Problem]:
    """What in CITATION.cff stops the book or the converters (cffconvert, citation-js) from citing
    the edition correctly; the full CFF schema is checked by the tests."""
    if cff is None:
        return []  # a missing file is reported by the reader
    problems: list[Problem] = []

    def problem(field: str, message: str, hint: str) -> None:
        problems.append(Problem(file, 0, field, message, hint))

    for field in ("title", "authors", "version", "date-released", "license", "references"):
        if not cff.get(field):
            problem(field, f"CITATION.cff has no {field}", f"add {field} (Citation File Format 1.2.0)")
    licence = cff.get("license")
    if isinstance(licence, list):
        problem(
            "license",
            f"several licences ({', '.join(map(str, licence))}): the CFF reads a list as a choice between them, and cffconvert writes it into one broken URL",
            "give the licence of the edition (the editors' work) as one SPDX identifier; the code's licence belongs in pyproject.toml",
        )
    elif licence and not SPDX_ID.match(str(licence)):
        problem("license", f"'{licence}' is not an SPDX licence identifier", "use an identifier of https://spdx.org/licenses/, e.g. CC-BY-4.0")
    released = str(cff.get("date-released", ""))
    if released and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", released):
        problem("date-released", f"'{released}' is not a date YYYY-MM-DD", 'write it as "2026-11-26"')
    doi = cff.get("doi")
    if doi is not None and not DOI.match(str(doi)):
        problem("doi", f"'{doi}' is not a DOI (10.NNNN/…)", "give the DOI itself, without https://doi.org/")
    url = cff.get("url")
    if url is not None and not re.match(r"^https?://[^/]+", str(url)):
        problem("url", f"'{url}' is not an absolute http(s) address", "remove it: the build adds the configured publication address")
    preferred = cff.get("preferred-citation") or {}
    if "version" in preferred:
        problem(
            "preferred-citation",
            "preferred-citation gives a version: citation-js then cites the book as software",
            'write edition: "version …" instead',
        )
    if preferred.get("edition") and preferred["edition"] != f"version {cff.get('version')}":
        problem(
            "preferred-citation",
            f"edition '{preferred['edition']}' is not the version {cff.get('version')}",
            f'write edition: "version {cff.get("version")}"',
        )
    for field in ("title", "date-released"):
        if preferred.get(field) and str(preferred[field]) != str(cff.get(field)):
            problem(
                "preferred-citation",
                f"{field} '{preferred[field]}' differs from the edition's ('{cff.get(field)}')",
                f"give the same {field} in both",
            )
    if cff.get("references") and not cff["references"][0].get("authors"):
        problem("references", "the edited chronicle (references[0]) has no authors", "name the chronicle's author")
    return problems
