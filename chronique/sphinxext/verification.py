"""The « Vérification » chapter: the verdicts' codebook, the summary, the register of checks (each
anchored by its id, ``C-001``) and the search for the named sources. One check is rendered by
:func:`.rendering.check_block`, beside its assertion in the chapters and here.

- ``verdict-codebook``, ``verification-summary``, ``checks-register`` and ``source-resolution``
  are the directives of the « Vérification » chapter.

Only plain docutils nodes (containers, paragraphs, tables, references), so LaTeX writes them too.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from chronique import verification
from chronique.load import split_list

from .registers import table
from .rendering import CHECK_FILES, Page, anchored, check_block, joined, link, text_paragraph, verdict_badge


class VerdictCodebook(SphinxDirective):
    """The verdicts: badge, definition, decision rule, an example and how many checks have it."""

    depends_on = ("verdicts", "checks", "assertions")

    def run(self) -> list[nodes.Node]:
        page = Page.of(self)
        counts = verification.checks(page.edition)["verdict"].value_counts()
        items = nodes.definition_list(classes=["chronique-verdict-codebook"])
        for verdict in page.edition.table("verdicts").itertuples():
            example = page.edition.rows("checks")[verdict.example]
            body = [
                text_paragraph(verdict.definition),
                text_paragraph(f"Règle de décision : {verdict.decision_rule}"),
                text_paragraph("Exemple : ", link(page, example.id), nodes.Text(f" (sur {example.assertion}) : {example.claim}")),
                text_paragraph(f"Vérifications de ce verdict : {int(counts.get(verdict.code, 0))}."),
            ]
            term = nodes.term("", "", verdict_badge(page, verdict.code), nodes.Text(" "), nodes.literal(verdict.code, verdict.code))
            items += nodes.definition_list_item("", term, nodes.definition("", *body))
        return [items]


class VerificationSummary(SphinxDirective):
    """Checks per section (rows) and verdict (columns), with totals."""

    depends_on = ("checks", "verdicts", "assertions", "sections")

    def run(self) -> list[nodes.Node]:
        page = Page.of(self)
        counts = verification.verdict_counts(page.edition, "section")
        labels = page.edition.labels("verdicts")
        headers = ["Section", *(labels[code] for code in counts.columns), "Total"]
        rows = [
            [
                nodes.Text(page.edition.section_title[code]),
                *(nodes.Text(str(int(n))) for n in counts.loc[code]),
                nodes.Text(str(int(counts.loc[code].sum()))),
            ]
            for code in counts.index
        ]
        rows.append(
            [
                nodes.strong("", "Ensemble"),
                *(nodes.strong("", str(int(n))) for n in counts.sum()),
                nodes.strong("", str(int(counts.to_numpy().sum()))),
            ]
        )
        # LaTeX: a wide first column whose section titles are never hyphenated, narrow count columns
        whole = 4 + len(headers) - 1
        spec = rf">{{\raggedright\arraybackslash\hyphenpenalty=10000}}\X{{4}}{{{whole}}}" + rf">{{\centering\arraybackslash}}\X{{1}}{{{whole}}}" * (
            len(headers) - 1
        )
        return [addnodes.tabular_col_spec(spec=spec), table(headers, rows, ["chronique-verification-summary"])]


class ChecksRegister(SphinxDirective):
    """Every check in chronicle order, each anchored by its id (``C-001``)."""

    depends_on = CHECK_FILES

    def run(self) -> list[nodes.Node]:
        page = Page.of(self)
        out: list[nodes.Node] = []
        for check in verification.checks(page.edition).itertuples():
            row = page.edition.rows("checks")[check.id]
            out += anchored(page, check.id, check_block(page, row, with_assertion=True))
        return out


class SourceResolution(SphinxDirective):
    """For each assertion and each source it names: what the search found, with the queries tried."""

    depends_on = ("source_resolution", "evidence", "sources", "assertions")

    def run(self) -> list[nodes.Node]:
        page = Page.of(self)
        names = page.edition.labels("sources", "name")
        rows = []
        for search in page.edition.table("source_resolution").itertuples():
            documents = [page.edition.rows("evidence")[e] for e in split_list(search.evidence)]
            found = [nodes.reference(row.id, row.id, refuri=row.url) for row in documents]
            rows.append(
                [
                    link(page, search.assertion),
                    nodes.Text(names.get(search.outlet, search.outlet)),
                    nodes.inline("", verification.RESOLUTION_LABELS[search.result], classes=[f"chronique-resolution-{search.result}"]),
                    nodes.inline("", "", *joined(found)) if found else nodes.Text("—"),
                    nodes.Text(search.comment),
                    nodes.inline("", search.queries, classes=["chronique-queries"]),
                ]
            )
        headers = ["Assertion", "Source nommée", "Résultat", "Documents", "Ce que la recherche montre", "Requêtes essayées"]
        return [table(headers, rows, ["chronique-source-resolution"])]


DIRECTIVES = {
    "verdict-codebook": VerdictCodebook,
    "verification-summary": VerificationSummary,
    "checks-register": ChecksRegister,
    "source-resolution": SourceResolution,
}
