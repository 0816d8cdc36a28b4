"""The ``assertions`` directive: chapters show the chronicle as a text, from data/, never retyped.

``:section: faits`` renders a section of the chronicle as it is written: its heading and
subheadings (``sections.chronicle_heading``, the ``subsection`` column), then each paragraph (a
line of ``data/chronicle.txt``) as one block made of its assertions, joined by a space as the
data README promises. Each assertion is an inline span carrying its id, followed by the call
of its apparatus entry (:mod:`.rendering`). ``:ids: FA-001 FA-002`` renders the listed
assertions only, grouped by paragraph.

A heading line of the chronicle may itself hold assertions (``paragraph`` = the heading's line):
the heading is then made of their spans, as a paragraph would be.
"""

from __future__ import annotations

import re
from itertools import groupby

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from chronique.palette import STATUS_STYLE

from .rendering import ASSERTION_FILES, Page, apparatus_call, apparatus_entry, assertion_span, badge, joined, text_paragraph


def spans_and_entries(page: Page, rows: list) -> tuple[list[nodes.Node], list[nodes.Node]]:
    """The inline content of a chronicle line (assertion spans and their calls, joined by a
    space) and the apparatus entries of its assertions."""
    inline: list[nodes.Node] = []
    entries: list[nodes.Node] = []
    for i, row in enumerate(rows):
        if i:
            inline.append(nodes.Text(" "))
        inline += [assertion_span(page, row), apparatus_call(page, row)]
        entries.append(apparatus_entry(page, row))
    return inline, entries


def anchor_on_section(page: Page, span: nodes.inline, section: nodes.section) -> None:
    """A heading's assertion is anchored by its section, not by its span: Sphinx copies a
    heading's content into the page's table of contents, which would repeat the span's id (the
    PDF labels the section, as every section)."""
    for node_id in span["ids"]:
        page.document.ids[node_id] = section
    section["ids"] = [*span["ids"], *section["ids"]]
    section["names"] = [*span["names"], *section["names"]]
    span["ids"], span["names"] = [], []


def apparatus(entries: list[nodes.Node]) -> nodes.container:
    """The entries of one chronicle line, together: the margin beside it on a wide screen (the
    theme's ``margin`` class), below it on demand on a phone."""
    return nodes.container("", *entries, classes=["margin", "chronique-apparatus"])


def passage(page: Page, line: int, rows: list) -> nodes.container:
    """One line of the chronicle: a paragraph whose text is the line, and its apparatus."""
    inline, entries = spans_and_entries(page, rows)
    paragraph = text_paragraph("", *inline, classes=("chronique-text",))
    return nodes.container("", paragraph, apparatus(entries), classes=["chronique-passage"], line=line)


def heading_section(page: Page, heading: str, rows_on_heading: list) -> nodes.section:
    """A section titled with a heading of the chronicle: its text (escaped), or the spans of the
    assertions the heading line holds."""
    if rows_on_heading:
        inline, entries = spans_and_entries(page, rows_on_heading)
        title = nodes.title("", "", *inline, support_smartquotes=False)
    else:
        title, entries = nodes.title(heading, heading, support_smartquotes=False), []
    section = nodes.section("", title, names=[nodes.fully_normalize_name(heading)], classes=["chronique-heading"])
    page.document.note_implicit_target(section, section)
    for span in (n for n in inline if isinstance(n, nodes.inline) and n["ids"]) if rows_on_heading else ():
        anchor_on_section(page, span, section)
    if entries:
        section += apparatus(entries)
    return section


def status_key(page: Page) -> nodes.container:
    """The marks' key, at the top of each chapter: which icon is which status (the
    introduction explains how to read them)."""
    codes = [code for code in page.edition.status_label if code in STATUS_STYLE]
    key = text_paragraph("Statuts : ", *joined([badge(page.edition, code) for code in codes], " "), classes=("chronique-key-statuses",))
    return nodes.container("", key, classes=["chronique-key"])


class AssertionsDirective(SphinxDirective):
    """Render assertions of ``data/assertions.csv`` by section (as a text) or by id."""

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
        """The section's heading as written (when the chronicle gives one), its subheadings,
        and its paragraphs, in the chronicle's order."""
        edition = page.edition
        if code not in edition.section_title:
            page.fail("assertions", [f"unknown section '{code}'"], f"use one of: {', '.join(edition.section_title)}")
        rows = list(edition.assertions[edition.assertions["section"] == code].itertuples(index=False))
        chronicle_heading = edition.rows("sections")[code].chronicle_heading
        lines = edition.chronicle.splitlines()
        at_line = {line: list(group) for line, group in groupby(rows, key=lambda r: r.paragraph)}
        top = heading_section(page, chronicle_heading, at_line.pop(line_of(lines, chronicle_heading, rows), [])) if chronicle_heading else None
        out: list[nodes.Node] = [status_key(page)] + ([top] if top is not None else [])
        for subheading, group in groupby(rows, key=lambda r: r.subsection):
            group = [r for r in group if r.paragraph in at_line]
            if not group:
                continue
            if subheading == chronicle_heading and top is not None:
                parent = top
            else:
                parent = heading_section(page, subheading, at_line.pop(line_of(lines, subheading, group), []))
                (out if top is None else top).append(parent)
            for line in dict.fromkeys(r.paragraph for r in group):
                if line in at_line:
                    parent += passage(page, line, at_line.pop(line))
        return out

    def by_ids(self, page: Page, ids: list[str]) -> list[nodes.Node]:
        unknown = [i for i in ids if i not in page.edition.assertion]
        if unknown:
            page.fail("assertions", [f"unknown assertion id '{i}'" for i in unknown], "use ids that exist in data/assertions.csv (e.g. FA-001)")
        rows = [page.edition.assertion[i] for i in ids]
        return [passage(page, line, list(group)) for line, group in groupby(rows, key=lambda r: r.paragraph)]


def line_of(lines: list[str], heading: str, rows: list) -> int:
    """The line number of ``heading``: the nearest line holding exactly its text, at or above the first of ``rows``."""
    first = min((r.paragraph for r in rows), default=len(lines))
    for number in range(min(first, len(lines)), 0, -1):
        if lines[number - 1] == heading:
            return number
    return 0
