"""Docutils nodes for the edition's data: the reading text, its apparatus, badges, citations, notes.

Only standard docutils and Sphinx nodes are used (paragraphs, inlines, containers, pending
cross-references), so every builder knows how to write them:

- an assertion is an inline span of the chronicle's paragraph, whose id is the assertion's
  (the permalink ``faits.html#FA-004``), followed by an empty inline, the *call* of its entry;
- its **apparatus entry** (id, status, attribution, citations, the editors' notes) is a
  container beside the paragraph. Each format places it: in HTML, :mod:`.margin` makes the
  call a discreet status mark and the entry a block of the margin; in the PDF,
  :mod:`.latex` makes the entry a footnote called from the assertion.

Every text that comes from the data is inserted as a ``Text`` node, never parsed: an assertion
containing markup or ``<script>`` is shown as written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from chronique import paths, verification
from chronique.edition import Edition
from chronique.load import split_list
from chronique.palette import STATUS_STYLE, VERDICT_STYLE
from chronique.problems import Problem
from chronique.publication import french_day

from .domain import edition_of, fail

ATTRIBUTION_KIND_LABEL = {
    "chroniqueur": "",
    "personne": "personne nommée",
    "institution": "institution",
    "collectif": "collectif",
    "anonyme": "source anonyme",
}

#: what rendering a fact-check reads (see :meth:`Page.of`)
CHECK_FILES = ("checks", "check_evidence", "evidence", "verdicts", "assertions", paths.BIBLIOGRAPHY)
#: what rendering an assertion reads: its text and [sic] marks, apparatus, notes and checks
ASSERTION_FILES = ("assertions", "codebook", "attributions", "notes", "note_kinds", "sections", "sic", *CHECK_FILES[:-2], paths.BIBLIOGRAPHY)
#: ``temp_data`` key: the editors' notes already printed on the page being read
NOTES_PLACED = "chronique_notes_placed"


@dataclass(frozen=True)
class Page:
    """Where nodes are being built: the data, and the directive's document, line and inliner."""

    edition: Edition
    docname: str
    source: str  # the page's path relative to the source folder, for messages
    lineno: int
    inliner: Any  # what roles (``cite:p``) need to run from a directive
    temp_data: dict  # Sphinx's per-page scratch space, emptied after each page is read

    @classmethod
    def of(cls, directive: SphinxDirective) -> Page:
        """The page of ``directive``, which depends on the files its ``depends_on`` names (table
        names of the data package, or paths relative to the book): Sphinx reads the page again
        when one of them changes, and only then."""
        env = directive.env
        edition = edition_of(env)
        for name in directive.depends_on:
            relative = edition.table_file(name) if name in edition.package.tables else name
            env.note_dependency(str(edition.root / relative))
        source = str(env.doc2path(env.docname, base=False))
        return cls(edition, env.docname, source, directive.lineno, directive.state.inliner, env.temp_data)

    @property
    def document(self) -> nodes.document:
        return self.inliner.document

    @property
    def notes_placed(self) -> dict[str, str]:
        """Note id → the assertion beside which its text is printed on this page (once per page)."""
        return self.temp_data.setdefault(NOTES_PLACED, {})

    def fail(self, field: str, messages: list[str], hint: str) -> None:
        fail([Problem(self.source, self.lineno, field, m, hint) for m in messages], f"{self.source}: the {field} directive cannot be rendered:")


# --- small pieces ------------------------------------------------------------------------------


def text_paragraph(text: str, *children: nodes.Node, classes: tuple[str, ...] = ()) -> nodes.paragraph:
    """A paragraph opening with ``text`` (escaped, never parsed), then ``children``; exempt
    from smart quotes, which would turn a verbatim ``'`` or ``--`` into other characters."""
    paragraph = nodes.paragraph("", "", classes=list(classes), support_smartquotes=False)
    if text:
        paragraph += nodes.Text(text)
    paragraph.extend(children)
    return paragraph


def anchored(page: Page, node_id: str, node: nodes.Element) -> list[nodes.Node]:
    """``node`` preceded by a target whose id is exactly ``node_id``, which ``{ref}`` and
    :func:`link` reach. Docutils moves the id onto ``node`` (HTML ``id="N-01"``) and the
    LaTeX writer turns the target into a hypertarget."""
    target = nodes.target("", "", ids=[node_id], names=[nodes.fully_normalize_name(node_id)])
    page.document.note_explicit_target(target, target)
    return [target, node]


OPTIONAL_LINK = "chronique_optional"


def link(page: Page, target_id: str, text: str | None = None, warn: bool = True) -> addnodes.pending_xref:
    """A link to an assertion or note anchor, wherever its page is (resolved by Sphinx); with
    ``warn=False``, a book without that anchor shows the text unlinked (a check's id, in a book
    without the register of checks; see :func:`unlinked_when_optional`)."""
    reference = addnodes.pending_xref(
        "",
        nodes.inline("", text or target_id, classes=["chronique-link"]),
        refdomain="std",
        reftype="ref",
        reftarget=nodes.fully_normalize_name(target_id),
        refexplicit=True,
        refwarn=warn,
        refdoc=page.docname,
    )
    reference[OPTIONAL_LINK] = not warn
    reference.source, reference.line = page.document["source"], page.lineno  # for "file:line" in warnings
    return reference


def unlinked_when_optional(app, env, node, contnode):
    """``missing-reference``: an optional link whose anchor the book lacks is its text, unlinked,
    without a warning (Sphinx warns for every missing target when ``nitpicky`` is on)."""
    return contnode if node.get(OPTIONAL_LINK) else None


def joined(items: list[nodes.Node], separator: str = ", ") -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for i, item in enumerate(items):
        if i:
            out.append(nodes.Text(separator))
        out.append(item)
    return out


def cite(page: Page, keys: list[str]) -> list[nodes.Node]:
    """Author–year citations of ``keys`` made by sphinxcontrib-bibtex's own ``cite:p`` role,
    so they link to the bibliography in HTML and become citations in LaTeX."""
    if not keys:
        return []
    role = page.document.settings.env.get_domain("cite").role("p")
    target = ",".join(keys)
    made, messages = role("cite:p", f":cite:p:`{target}`", target, page.lineno, page.inliner)
    return [*made, *messages]


def badge(edition: Edition, status: str) -> nodes.inline:
    """The status as icon and text label (readable without colour); colour comes from CSS."""
    node = nodes.inline("", "", classes=["chronique-badge", f"chronique-status-{status}"])
    node += nodes.inline("", STATUS_STYLE[status].icon, classes=["chronique-badge-icon"])
    node += nodes.Text(" " + edition.status_label[status])
    return node


def attribution_text(edition: Edition, name: str) -> str:
    """``Donald Trump (personne nommée)``: who asserts, and what kind of source that is."""
    kind = ATTRIBUTION_KIND_LABEL.get(edition.attribution_kind.get(name, ""), "")
    return name + (f" ({kind})" if kind else "")


def attribution(edition: Edition, name: str) -> nodes.inline:
    return nodes.inline("", f"Attribution : {attribution_text(edition, name)}", classes=["chronique-attribution"])


def citation_keys(edition: Edition, assertion_id: str) -> list[str]:
    return list(edition.lists("assertions", "citations")[assertion_id])


def cites_only_the_chronicle(edition: Edition, assertion_id: str) -> bool:
    """True when the assertion names no source: it rests on the chronicle alone, which every
    page already cites; its apparatus then carries no citation line."""
    return citation_keys(edition, assertion_id) == [paths.CHRONICLE_KEY]


# --- the reading text --------------------------------------------------------------------------


SIC_CLASS = "chronique-sic"
#: a [sic] inside the reading text: drawn by CSS in HTML (:mod:`.margin`), so that what a reader
#: copies of a paragraph is exactly the chronicle's line; written out in the PDF
SIC_IN_TEXT_CLASS = "chronique-sic-in-text"


def assertion_span(page: Page, row: tuple) -> nodes.inline:
    """The assertion's verbatim text as an inline span whose HTML id is the assertion's own
    (``{ref}`` and :func:`link` reach it; :mod:`.latex` gives it its PDF anchor). Retired ids
    that were merged into it (``aliases``) are anchors of the same span, so their permalinks
    still land here; the chronicle's own slips are followed by the editors' [sic] mark."""
    ids = [row.id, *split_list(row.aliases)]
    span = nodes.inline(
        "", "", ids=ids, names=[nodes.fully_normalize_name(i) for i in ids], classes=["chronique-assertion", f"chronique-status-{row.status}"]
    )
    span.extend(text_with_sic(page.edition, row))
    page.document.note_explicit_target(span, span)
    for node_id in ids:  # docutils maps every name of a node to its last id: each name to its own
        page.document.nameids[nodes.fully_normalize_name(node_id)] = node_id
    return span


def sic_mark(in_text: bool = False) -> nodes.inline:
    """« [sic] », the editors' mark (italic *sic* in square brackets, French usage), set apart
    from the verbatim text by its class: readers' tools and tests can tell it from the chronicle."""
    classes = [SIC_CLASS, SIC_IN_TEXT_CLASS] if in_text else [SIC_CLASS]
    return nodes.inline("", "", nodes.Text(" ["), nodes.emphasis("sic", "sic"), nodes.Text("]"), classes=classes)


def text_with_sic(edition: Edition, row: tuple) -> list[nodes.Node]:
    """The verbatim text as Text nodes, each slip recorded in sic.csv followed by its mark."""
    out: list[nodes.Node] = []
    cursor = 0
    for sic in edition.sic_on(row.id):
        end = row.text.find(sic.text, cursor) + len(sic.text)
        out += [nodes.Text(row.text[cursor:end]), sic_mark(in_text=True)]
        cursor = end
    if row.text[cursor:]:
        out.append(nodes.Text(row.text[cursor:]))
    return out


CALL_CLASS = "chronique-call"
ENTRY_CLASS = "chronique-entry"


def apparatus_call(page: Page, row: tuple) -> nodes.inline:
    """Where the text calls the assertion's apparatus entry: an empty inline that each format
    replaces (a status mark in HTML, a footnote in the PDF)."""
    return nodes.inline("", "", classes=[CALL_CLASS], assertion=row.id, status=row.status)


def apparatus_id(assertion_id: str) -> str:
    """``apparat-FA-004``: the id of an assertion's apparatus entry."""
    return f"apparat-{assertion_id}"


def apparatus_entry(page: Page, row: tuple) -> nodes.container:
    """The assertion's apparatus entry, the one its :func:`apparatus_call` calls."""
    entry = nodes.container(
        "",
        *apparatus_items(page, row),
        ids=[apparatus_id(row.id)],
        classes=[ENTRY_CLASS, f"chronique-status-{row.status}"],
        assertion=row.id,
    )
    page.document.set_id(entry)
    return entry


def entry_head(page: Page, row: tuple) -> list[nodes.Node]:
    """``FA-004 ✎ Opinion ou spéculation``: the id (a link back to the text) and the status."""
    permalink = nodes.reference("", row.id, refid=row.id, classes=["chronique-permalink"])
    return [text_paragraph("", permalink, nodes.Text(" "), badge(page.edition, row.status), classes=("chronique-entry-head",))]


def entry_attribution(page: Page, row: tuple) -> list[nodes.Node]:
    return [text_paragraph("", attribution(page.edition, row.attributed_to))]


def entry_citations(page: Page, row: tuple) -> list[nodes.Node]:
    """The sources the chronicle names in this sentence; none when it names none."""
    if cites_only_the_chronicle(page.edition, row.id):
        return []
    return [text_paragraph("Sources : ", *cite(page, citation_keys(page.edition, row.id)), classes=("chronique-citations",))]


def entry_sic(page: Page, row: tuple) -> list[nodes.Node]:
    """What each [sic] of the sentence marks, and the correct form, in the editors' words."""
    return [
        text_paragraph("", sic_mark(), nodes.Text(f" « {sic.text} » : {sic.explanation}"), classes=("chronique-sic-explanation",))
        for sic in page.edition.sic_on(row.id)
    ]


def entry_checks(page: Page, row: tuple) -> list[nodes.Node]:
    """The fact-checks of the assertion: verdict, claim, explanation and documents."""
    return [check_block(page, check, in_apparatus=True) for check in page.edition.checks_on(row.id)]


def entry_notes(page: Page, row: tuple) -> list[nodes.Node]:
    """The editors' notes on the assertion: printed in full beside their first target on the
    page, and a link to that text beside the others."""
    out: list[nodes.Node] = []
    for note in page.edition.notes_on(row.id):
        first_target = page.notes_placed.setdefault(note.id, row.id)
        out.append(note_in_apparatus(page, note) if first_target == row.id else note_reminder(page, note, first_target))
    return out


#: what an apparatus entry shows, in order: each part takes (page, row) and returns nodes
APPARATUS_PARTS: tuple[Callable[[Page, tuple], list[nodes.Node]], ...] = (
    entry_head,
    entry_attribution,
    entry_citations,
    entry_sic,
    entry_checks,
    entry_notes,
)


def apparatus_items(page: Page, row: tuple) -> list[nodes.Node]:
    """Everything the apparatus says about one assertion, in the order of :data:`APPARATUS_PARTS`.

    This is the one place an entry is assembled, for the margin (HTML) and the footnote (PDF)
    alike: a new kind of information about an assertion (a verdict, evidence links) is a new
    part function added to :data:`APPARATUS_PARTS`, returning paragraphs or containers (no
    admonition or table: a PDF footnote cannot hold one)."""
    return [node for part in APPARATUS_PARTS for node in part(page, row)]


# --- editors' notes ----------------------------------------------------------------------------


def note_anchor(note_id: str) -> str:
    """``note-N-01``: the anchor of a note's text on a chapter page (``N-01`` is the appendix's)."""
    return f"note-{note_id}"


def note_title(edition: Edition, note: tuple) -> str:
    return f"Note des éditeurs {note.id} — {edition.note_kind_label[note.kind]}"


def note_supports(page: Page, note: tuple) -> nodes.paragraph:
    supports = page.edition.lists("notes", "citations")[note.id]
    ids = [link(page, c) for c in supports if c in page.edition.assertion]
    keys = [c for c in supports if c not in page.edition.assertion]
    return text_paragraph(
        "Appuis : ", *joined(ids), *([nodes.Text(" ")] if ids and keys else []), *cite(page, keys), classes=("chronique-note-supports",)
    )


def note_in_apparatus(page: Page, note: tuple) -> nodes.container:
    """A note's full text in an apparatus entry, anchored (``note-N-01``) for its other targets."""
    anchor = nodes.target("", "", ids=[note_anchor(note.id)])
    title = note_title(page.edition, note)
    box = nodes.container(classes=["chronique-note", f"chronique-note-{note.kind}"])
    box += text_paragraph("", anchor, nodes.strong(title, title), classes=("chronique-note-title",))
    box += text_paragraph(note.text, classes=("chronique-note-text",))
    box += note_supports(page, note)
    box += text_paragraph("", link(page, note.id, f"{note.id} dans l’apparat critique"), classes=("chronique-note-appendix",))
    return box


def note_reminder(page: Page, note: tuple, first_target: str) -> nodes.paragraph:
    """One line pointing to the note's text, printed beside ``first_target`` on the same page."""
    reference = nodes.reference("", f"note des éditeurs {note.id}", refid=note_anchor(note.id), classes=["chronique-note-link"])
    return text_paragraph(
        "Voir la ",
        reference,
        nodes.Text(f" ({page.edition.note_kind_label[note.kind]}), auprès de {first_target}."),
        classes=("chronique-note-reminder",),
    )


def note_box(page: Page, note: tuple) -> nodes.admonition:
    """An editors' note in the apparatus appendix (anchored there as ``N-03``): boxed, titled
    as theirs, with the assertions it concerns."""
    title = note_title(page.edition, note)
    box = nodes.admonition(classes=["chronique-note", f"chronique-note-{note.kind}"])
    box += nodes.title(title, title, support_smartquotes=False)
    targets = [link(page, target) for target in page.edition.lists("notes", "targets")[note.id]]
    box += text_paragraph("Porte sur : ", *joined(targets), classes=("chronique-note-targets",))
    box += text_paragraph(note.text, classes=("chronique-note-text",))
    box += note_supports(page, note)
    return box


# --- fact-checks ----------------------------------------------------------------------------------

CHECK_CLASS = "chronique-check"
CHECK_DETAILS_CLASS = "chronique-check-details"


def verdict_badge(page: Page, code: str) -> nodes.inline:
    """The verdict as icon and word, in ink: readable without colour (hues belong to statuses)."""
    node = nodes.inline("", "", classes=["chronique-verdict", f"chronique-verdict-{code}"])
    node += nodes.inline("", VERDICT_STYLE[code].icon, classes=["chronique-badge-icon"])
    node += nodes.Text(" " + page.edition.labels("verdicts")[code])
    return node


def evidence_item(row, stance: str, consulted_said: bool) -> nodes.list_item:
    """In the register: « Reuters (reprend AP), 5 novembre 2025 : [titre] — *appuie* (EV-012) », the
    title linking to the document; its consultation day unless the list's heading gives it. The
    markup stays bare (no class): the register lists hundreds of documents."""
    who = row.outlet + (f" (reprend {row.via})" if row.via else "")
    when = french_day(row.published) if row.published else "sans date"
    if row.published and row.published_from == "url":
        when += " (date lue dans l’adresse)"
    consulted = "" if consulted_said else f" ; consulté le {french_day(row.consulted)}"
    paragraph = text_paragraph(
        f"{who}, {when} : ",
        nodes.reference("", row.title, refuri=row.url),
        nodes.Text(f"{consulted} — "),
        nodes.emphasis("", verification.STANCE_LABELS[stance]),
        nodes.Text(f" ({row.id})"),
    )
    item = nodes.list_item("", paragraph)
    if row.caution:
        item += text_paragraph(f"Mise en garde : {row.caution}", classes=("chronique-evidence-caution",))
    return item


def evidence_list(documents: list[tuple[tuple, str]]) -> list[nodes.Node]:
    """The register's documents of one check, under a heading that gives their consultation day
    when they share one (as the search was made, they usually do)."""
    days = {row.consulted for row, _ in documents}
    shared = len(days) == 1
    heading = f"Documents consultés le {french_day(next(iter(days)))} :" if shared else "Documents consultés :"
    items = [evidence_item(row, stance, consulted_said=shared) for row, stance in documents]
    return [text_paragraph(heading, classes=("chronique-evidence-heading",)), nodes.bullet_list("", *items, classes=["chronique-evidence-list"])]


def evidence_summary(page: Page, check, documents: list[tuple[tuple, str]]) -> nodes.paragraph:
    """Beside the text, documents are named with their stance only: « Documents : Reuters (appuie) ;
    TASS (contredit) ; titres, dates et liens au registre, C-002 ». The margin stays short, and each
    document is described once, in the register of checks (and the bibliography)."""
    named = [nodes.Text(f"{row.outlet} ({verification.STANCE_LABELS[stance]})") for row, stance in documents]
    return text_paragraph(
        "Documents : ",
        *joined(named, " ; "),
        nodes.Text(" ; titres, dates et liens au registre, "),
        link(page, check.id, warn=False),
        nodes.Text("."),
        classes=("chronique-evidence-summary",),
    )


def check_block(page: Page, check, with_assertion: bool = False, in_apparatus: bool = False) -> nodes.container:
    """One fact-check: its verdict and the claim checked (a link to its entry in the register of
    checks when shown in an apparatus), then its details: the editors' explanation and the
    documents. The register gives each document in full and when the decisive ones appeared;
    an apparatus names the documents and links to the register (the PDF's footnotes keep only
    the first line)."""
    block = nodes.container(classes=[CHECK_CLASS, f"chronique-verdict-{check.verdict}"])
    head: list[nodes.Node] = [verdict_badge(page, check.verdict), nodes.Text(" ")]
    head += [link(page, check.id, warn=False), nodes.Text(" : ")] if in_apparatus else [nodes.Text(f"{check.id} — ")]
    if with_assertion:
        head += [link(page, check.assertion), nodes.Text(" — ")]
    block += text_paragraph("", *head, nodes.Text(check.claim), classes=("chronique-check-claim",))
    details = nodes.container(classes=[CHECK_DETAILS_CLASS])
    details += text_paragraph(check.explanation, classes=("chronique-check-explanation",))
    documents = page.edition.evidence_for(check.id)
    if in_apparatus:
        if documents:
            details += evidence_summary(page, check, documents)
    else:
        timing = verification.timing(page.edition, check.id)
        details += text_paragraph(f"Date des documents décisifs : {verification.TIMING_LABELS[timing]}.", classes=("chronique-check-timing",))
        if documents:
            details += evidence_list(documents)
    block += details
    return block
