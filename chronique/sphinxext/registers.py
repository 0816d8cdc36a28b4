"""The appendices, rendered from data/: register, reverse index of sources, codebook, notes.

- ``{assertion-register}``: the analytic view, one table row per assertion (id linked to its
  anchor in the reading text, its text, status, attribution, citations, notes), one table
  per chapter;
- ``{source-index}``: each reference of references.bib with its metadata (data/sources.csv)
  and exactly the assertions, notes and events that cite it;
- ``{speaker-index}``: who speaks in the chronicle (data/attributions.csv): how it designates each
  speaker, the editors' identification, and the assertions attributed to them;
- ``{codebook}``: the statuses with their badges (``:legend:`` for the short form);
- ``{editors-notes}``: every editors' note, anchored as ``N-01``….
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from chronique import paths

from .rendering import (
    ASSERTION_FILES,
    ATTRIBUTION_KIND_LABEL,
    Page,
    anchored,
    attribution_text,
    badge,
    citation_keys,
    cite,
    joined,
    link,
    note_box,
    text_paragraph,
)

SOURCE_KIND_LABEL = {
    "chronique": "chronique",
    "agence": "agence de presse",
    "presse": "presse écrite ou en ligne",
    "audiovisuel": "audiovisuel",
    "think_tank": "think tank",
    "gouvernement": "gouvernement",
    "non_precise": "non précisée",
    "document_officiel": "document officiel",
    "declaration_publique": "déclaration publique",
}
#: the kind of a speaker, in the index of speakers (beside an assertion, the chronicler's goes unsaid)
SPEAKER_KIND_LABEL = ATTRIBUTION_KIND_LABEL | {"chroniqueur": "l’auteur de la chronique, en son nom"}
SOURCE_ROLE_LABEL = {
    "chronique": "le texte édité",
    "citee": "nommée par la chronique",
    "editeurs": "référence ajoutée par les éditeurs",
}


def table(headers: list[str], rows: list[list[nodes.Node]], classes: list[str], widths: list[int] | None = None) -> nodes.table:
    """A plain docutils table (HTML and LaTeX both write it) from header texts and cell nodes;
    ``widths`` (relative) fix the columns' shares of the line."""
    group = nodes.tgroup(cols=len(headers))
    group.extend(nodes.colspec(colwidth=w) for w in (widths or [1] * len(headers)))
    if widths:
        classes = [*classes, "colwidths-given"]
    group += nodes.thead("", table_row([nodes.Text(h) for h in headers]))
    group += nodes.tbody("", *(table_row(cells) for cells in rows))
    return nodes.table("", group, classes=classes)


def table_row(cells: list[nodes.Node]) -> nodes.row:
    return nodes.row("", *(nodes.entry("", text_paragraph("", cell)) for cell in cells))


def inline(*children: nodes.Node) -> nodes.inline:
    return nodes.inline("", "", *children)


class AssertionRegister(SphinxDirective):
    """Every assertion in chronicle order, one table per chapter: each id linked to its place
    in the reading text, then its text, status, attribution, citations and notes."""

    depends_on = ("assertions", "sections", "codebook", "attributions", "notes", paths.BIBLIOGRAPHY)
    HEADERS = ["Assertion", "Texte", "Statut", "Attribution", "Citations", "Notes"]
    WIDTHS = [10, 40, 16, 14, 14, 6]

    def run(self) -> list[nodes.Node]:
        page = Page.of(self)
        edition = page.edition
        out = []
        for code, title in edition.section_title.items():
            rows = [self.row(page, row) for row in edition.assertions[edition.assertions["section"] == code].itertuples()]
            if not rows:
                continue
            section = nodes.section("", nodes.title(title, title), names=[nodes.fully_normalize_name(f"registre {title}")])
            page.document.note_implicit_target(section, section)
            # full-width: the theme folds its in-page contents away while the table is on screen
            section += table(self.HEADERS, rows, ["chronique-register", "full-width"], self.WIDTHS)
            out.append(section)
        return out

    def row(self, page: Page, row) -> list[nodes.Node]:
        edition = page.edition
        return [
            link(page, row.id),
            inline(nodes.Text(row.text)),
            badge(edition, row.status),
            nodes.Text(attribution_text(edition, row.attributed_to)),
            inline(*cite(page, citation_keys(edition, row.id))),
            inline(*joined([link(page, note.id) for note in edition.notes_on(row.id)])),
        ]


class SourceIndex(SphinxDirective):
    """Each reference, its metadata, and exactly what cites it (the reverse index)."""

    depends_on = ("sources", "assertions", "notes", "events", paths.BIBLIOGRAPHY)

    def run(self) -> list[nodes.Node]:
        page = Page.of(self)
        index = nodes.definition_list(classes=["chronique-source-index"])
        for source in page.edition.sources.itertuples():
            term = nodes.term(
                "",
                "",
                nodes.Text(f"{source.name} "),
                *cite(page, [source.key]),
                ids=[f"source-{source.key}"],
                names=[f"source-{source.key}"],
                support_smartquotes=False,
            )
            page.document.note_explicit_target(term, term)
            index += nodes.definition_list_item("", term, nodes.definition("", *self.description(page, source)))
        return [index]

    def description(self, page: Page, source) -> list[nodes.paragraph]:
        edition = page.edition
        metadata = (
            f"Nature : {SOURCE_KIND_LABEL[source.kind]} ; pays : {source.country} ; "
            f"langue (ISO 639) : {source.language.replace(';', ', ')} ; rôle : {SOURCE_ROLE_LABEL[source.role]}."
        )
        cited_by = edition.citing(source.key, "assertions")
        paragraphs = [
            text_paragraph(metadata, classes=("chronique-source-metadata",)),
            text_paragraph(
                f"Citée par {len(cited_by)} assertion(s) : " if cited_by else "Citée par aucune assertion.",
                *joined([link(page, i) for i in cited_by]),
                classes=("chronique-cited-by",),
            ),
        ]
        notes = edition.citing(source.key, "notes")
        if notes:
            paragraphs.append(
                text_paragraph(
                    "Notes des éditeurs qui s’y appuient : ", *joined([link(page, i) for i in notes]), classes=("chronique-cited-by-notes",)
                )
            )
        events = edition.events[edition.events["id"].isin(edition.citing(source.key, "events"))]
        if len(events):
            labels = [f"{e.label} ({e.date_start})" for e in events.itertuples()]
            paragraphs.append(text_paragraph("Date établie pour : " + " ; ".join(labels) + ".", classes=("chronique-cited-by-events",)))
        return paragraphs


class SpeakerIndex(SphinxDirective):
    """Who speaks: each attribution of data/attributions.csv, as the chronicle designates it and
    as the editors identify it (or say they cannot), with the assertions attributed to it."""

    depends_on = ("attributions", "assertions")

    def run(self) -> list[nodes.Node]:
        page = Page.of(self)
        edition = page.edition
        attributed = {name: list(group["id"]) for name, group in edition.assertions.groupby("attributed_to", sort=False)}
        index = nodes.definition_list(classes=["chronique-speaker-index"])
        for speaker in edition.attributions.itertuples():
            said = attributed.get(speaker.name, [])
            body = [
                text_paragraph(f"Nature : {SPEAKER_KIND_LABEL[speaker.kind]}.", classes=("chronique-speaker-kind",)),
                text_paragraph(f"Dans la chronique : {speaker.description}", classes=("chronique-speaker-designation",)),
            ]
            if speaker.identification:
                body.append(text_paragraph(f"Identification des éditeurs : {speaker.identification}", classes=("chronique-speaker-identification",)))
            body.append(
                text_paragraph(
                    f"{len(said)} assertion(s) : " if said else "Aucune assertion.",
                    *joined([link(page, i) for i in said]),
                    classes=("chronique-speaker-assertions",),
                )
            )
            index += nodes.definition_list_item("", nodes.term("", speaker.name), nodes.definition("", *body))
        return [index]


class Codebook(SphinxDirective):
    """The statuses, each with its badge; ``:legend:`` keeps only the definitions."""

    option_spec = {"legend": directives.flag}
    depends_on = ("codebook", "assertions")

    def run(self) -> list[nodes.Node]:
        page = Page.of(self)
        edition = page.edition
        codebook = nodes.definition_list(classes=["chronique-codebook"])
        for status in edition.codebook.itertuples():
            count = int((edition.assertions["status"] == status.code).sum())
            term = nodes.term("", "", badge(edition, status.code), nodes.Text(" "), nodes.literal(status.code, status.code))
            body = [text_paragraph(status.definition)]
            if "legend" not in self.options:
                example = edition.assertion[status.example]
                body += [
                    text_paragraph(f"Règle de décision : {status.decision_rule}"),
                    text_paragraph("Exemple : ", link(page, status.example), nodes.Text(f", « {example.text} »")),
                    text_paragraph(f"Assertions de ce statut : {count}."),
                ]
            codebook += nodes.definition_list_item("", term, nodes.definition("", *body))
        return [codebook]


class NoteKinds(SphinxDirective):
    """The kinds of editors' notes (data/note_kinds.csv), each with its definition and its notes."""

    depends_on = ("note_kinds", "notes")

    def run(self) -> list[nodes.Node]:
        page = Page.of(self)
        edition = page.edition
        kinds = nodes.definition_list(classes=["chronique-note-kinds"])
        for kind in edition.note_kinds.itertuples():
            notes = list(edition.notes.loc[edition.notes["kind"] == kind.code, "id"])
            term = nodes.term("", kind.label[:1].upper() + kind.label[1:])
            body = [text_paragraph(kind.definition), text_paragraph("Notes : ", *joined([link(page, n) for n in notes]))]
            kinds += nodes.definition_list_item("", term, nodes.definition("", *body))
        return [kinds]


class EditorsNotes(SphinxDirective):
    """Every editors' note, in order, each anchored by its id."""

    depends_on = ASSERTION_FILES

    def run(self) -> list[nodes.Node]:
        page = Page.of(self)
        return [node for note in page.edition.notes.itertuples() for node in anchored(page, note.id, note_box(page, note))]
