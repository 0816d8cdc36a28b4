"""Docutils nodes for the edition's data: anchors, badges, citations, assertions and notes.

Only standard docutils and Sphinx nodes are used (containers, paragraphs, admonitions,
pending cross-references), so every builder, LaTeX included, knows how to write them.
Every text that comes from the data is inserted as a ``Text`` node, never parsed: an
assertion containing markup or ``<script>`` is shown as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from chronique import paths, verification
from chronique.edition import Edition
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
#: what rendering an assertion reads, its checks included
ASSERTION_FILES = ("assertions", "codebook", "attributions", "notes", "note_kinds", "sections", *CHECK_FILES[:-2], paths.BIBLIOGRAPHY)


@dataclass(frozen=True)
class Page:
    """Where nodes are being built: the data, and the directive's document, line and inliner."""

    edition: Edition
    docname: str
    source: str  # the page's path relative to the source folder, for messages
    lineno: int
    inliner: Any  # what roles (``cite:p``) need to run from a directive

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
        return cls(edition, env.docname, str(env.doc2path(env.docname, base=False)), directive.lineno, directive.state.inliner)

    @property
    def document(self) -> nodes.document:
        return self.inliner.document

    def fail(self, field: str, messages: list[str], hint: str) -> None:
        fail([Problem(self.source, self.lineno, field, m, hint) for m in messages], f"{self.source}: the {field} directive cannot be rendered:")


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
    :func:`link` reach. Docutils moves the id onto ``node`` (HTML ``id="FA-001"``) and the
    LaTeX writer turns the target into a hypertarget."""
    target = nodes.target("", "", ids=[node_id], names=[nodes.fully_normalize_name(node_id)])
    page.document.note_explicit_target(target, target)
    return [target, node]


def link(page: Page, target_id: str, text: str | None = None) -> addnodes.pending_xref:
    """A link to an assertion or note anchor, wherever its page is (resolved by Sphinx)."""
    reference = addnodes.pending_xref(
        "",
        nodes.inline("", text or target_id, classes=["chronique-link"]),
        refdomain="std",
        reftype="ref",
        reftarget=nodes.fully_normalize_name(target_id),
        refexplicit=True,
        refwarn=True,
        refdoc=page.docname,
    )
    reference.source, reference.line = page.document["source"], page.lineno  # for "file:line" in warnings
    return reference


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
    _, icon = STATUS_STYLE[status]
    node = nodes.inline("", "", classes=["chronique-badge", f"chronique-status-{status}"])
    node += nodes.inline("", icon, classes=["chronique-badge-icon"])
    node += nodes.Text(" " + edition.status_label[status])
    return node


def attribution(edition: Edition, name: str) -> nodes.inline:
    kind = ATTRIBUTION_KIND_LABEL.get(edition.attribution_kind.get(name, ""), "")
    text = f"Attribution : {name}" + (f" ({kind})" if kind else "")
    return nodes.inline("", text, classes=["chronique-attribution"])


def assertion_block(page: Page, row: tuple) -> list[nodes.Node]:
    """One anchored assertion: permalink id, badge, attribution, verbatim text, citations,
    then the editors' notes on it."""
    block = nodes.container(classes=["chronique-assertion", f"chronique-status-{row.status}"])
    permalink = nodes.reference("", row.id, refid=row.id, classes=["chronique-permalink"])
    block += text_paragraph(
        "",
        permalink,
        nodes.Text(" "),
        badge(page.edition, row.status),
        nodes.Text(" · "),
        attribution(page.edition, row.attributed_to),
        classes=("chronique-assertion-meta",),
    )
    block += text_paragraph(row.text, classes=("chronique-assertion-text",))
    block += text_paragraph("Sources : ", *cite(page, list(page.edition.lists("assertions", "citations")[row.id])), classes=("chronique-citations",))
    for note in page.edition.notes_on(row.id):
        block += note_box(page, note, beside=row.id)
    block.extend(checks_beside(page, row.id))
    return anchored(page, row.id, block)


def note_box(page: Page, note: tuple, beside: str | None = None) -> nodes.admonition:
    """An editors' note, boxed and titled as theirs. Beside an assertion it links to the
    appendix; in the appendix (anchored there as ``N-03``) it lists its targets."""
    title = f"Note des éditeurs {note.id} — {page.edition.note_kind_label[note.kind]}"
    box = nodes.admonition(classes=["chronique-note", f"chronique-note-{note.kind}"])
    box += nodes.title(title, title, support_smartquotes=False)
    if beside is None:
        targets = [link(page, target) for target in page.edition.lists("notes", "targets")[note.id]]
        box += text_paragraph("Porte sur : ", *joined(targets), classes=("chronique-note-targets",))
    box += text_paragraph(note.text, classes=("chronique-note-text",))
    supports = page.edition.lists("notes", "citations")[note.id]
    ids = [link(page, c) for c in supports if c in page.edition.assertion]
    keys = [c for c in supports if c not in page.edition.assertion]
    box += text_paragraph(
        "Appuis : ", *joined(ids), *([nodes.Text(" ")] if ids and keys else []), *cite(page, keys), classes=("chronique-note-supports",)
    )
    if beside is not None:
        box += text_paragraph("", link(page, note.id, f"Note {note.id} dans l’apparat critique"), classes=("chronique-note-appendix",))
    return box


# --- fact-checks --------------------------------------------------------------------------------


def verdict_badge(page: Page, code: str) -> nodes.inline:
    """The verdict as icon and label (readable without colour); colour comes from CSS."""
    _, icon = VERDICT_STYLE[code]
    node = nodes.inline("", "", classes=["chronique-verdict", f"chronique-verdict-{code}"])
    node += nodes.inline("", icon, classes=["chronique-badge-icon"])
    node += nodes.Text(" " + page.edition.labels("verdicts")[code])
    return node


def evidence_item(row, stance: str) -> nodes.list_item:
    """« Reuters (repris par …), 5 novembre 2025 : [titre] — lien ; consulté le … — appuie »."""
    who = row.outlet + (f" (reprend {row.via})" if row.via else "")
    when = french_day(row.published) if row.published else "sans date"
    if row.published and row.published_from == "url":
        when += " (date lue dans l’adresse)"
    paragraph = text_paragraph(
        f"{who}, {when} : {row.title} ",
        nodes.reference(row.url, "lien", refuri=row.url, classes=["chronique-evidence-link"]),
        nodes.Text(f" ; consulté le {french_day(row.consulted)} — "),
        nodes.inline("", verification.STANCE_LABELS[stance], classes=["chronique-stance", f"chronique-stance-{stance}"]),
        nodes.Text(" (" + row.id + ")"),
        classes=("chronique-evidence",),
    )
    item = nodes.list_item("", paragraph)
    if row.caution:
        item += text_paragraph(f"Mise en garde : {row.caution}", classes=("chronique-evidence-caution",))
    return item


def check_block(page: Page, check, with_assertion: bool = False) -> nodes.container:
    """One fact-check: verdict, the claim checked, the editors' explanation, when the decisive
    documents appeared, and the documents themselves."""
    block = nodes.container(classes=["chronique-check", f"chronique-verdict-{check.verdict}"])
    head = [verdict_badge(page, check.verdict), nodes.Text(f" {check.id} — ")]
    if with_assertion:
        head += [link(page, check.assertion), nodes.Text(" — ")]
    block += text_paragraph("", *head, nodes.Text(check.claim), classes=("chronique-check-claim",))
    block += text_paragraph(check.explanation, classes=("chronique-check-explanation",))
    timing = verification.timing(page.edition, check.id)
    block += text_paragraph(f"Date des documents décisifs : {verification.TIMING_LABELS[timing]}.", classes=("chronique-check-timing",))
    documents = page.edition.evidence_for(check.id)
    if documents:
        block += nodes.bullet_list("", *(evidence_item(row, stance) for row, stance in documents), classes=["chronique-evidence-list"])
    return block


def checks_beside(page: Page, assertion_id: str) -> list[nodes.Node]:
    """The checks of one assertion, for its apparatus in the chapters (empty when it has none)."""
    return [check_block(page, check) for check in page.edition.checks_on(assertion_id)]
