"""The ``assertions`` directive: chapters show the chronicle from data/, never retyped.

``:section: faits`` renders every assertion of a section, in chronicle order, under the
chronicle's own subheadings (the ``subsection`` column); ``:ids: FA-001 FA-002`` renders
the listed assertions only. Each assertion carries the editors' notes that concern it.
"""

from __future__ import annotations

import re
from itertools import groupby

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .rendering import ASSERTION_FILES, Page, assertion_block


class AssertionsDirective(SphinxDirective):
    """Render assertions of ``data/assertions.csv`` by section or by id."""

    option_spec = {"section": directives.unchanged_required, "ids": directives.unchanged_required}
    depends_on = ASSERTION_FILES

    def run(self) -> list[nodes.Node]:
        page = Page.of(self)
        if ("section" in self.options) == ("ids" in self.options):
            page.fail(
                "assertions",
                ["give exactly one of the options :section: or :ids:"],
                "write ':section: faits' (a code of data/sections.csv) or ':ids: FA-001 FA-002'",
            )
        if "section" in self.options:
            return self.by_section(page, self.options["section"].strip())
        return self.by_ids(page, re.split(r"[\s,;]+", self.options["ids"].strip()))

    def by_section(self, page: Page, code: str) -> list[nodes.Node]:
        edition = page.edition
        if code not in edition.section_title:
            page.fail("assertions", [f"unknown section '{code}'"], f"use one of: {', '.join(edition.section_title)}")
        rows = edition.assertions[edition.assertions["section"] == code]
        return [self.subsection(page, heading, list(group)) for heading, group in groupby(rows.itertuples(index=False), key=lambda r: r.subsection)]

    def subsection(self, page: Page, heading: str, rows: list) -> nodes.section:
        """A section titled with the chronicle's subheading (escaped text), holding its assertions."""
        section = nodes.section("", nodes.title(heading, heading, support_smartquotes=False), names=[nodes.fully_normalize_name(heading)])
        page.document.note_implicit_target(section, section)
        for row in rows:
            section.extend(assertion_block(page, row))
        return section

    def by_ids(self, page: Page, ids: list[str]) -> list[nodes.Node]:
        unknown = [i for i in ids if i not in page.edition.assertion]
        if unknown:
            page.fail("assertions", [f"unknown assertion id '{i}'" for i in unknown], "use ids that exist in data/assertions.csv (e.g. FA-001)")
        return [node for i in ids for node in assertion_block(page, page.edition.assertion[i])]
