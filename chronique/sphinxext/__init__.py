"""Sphinx extension of the edition, loaded from ``_config.yml`` (``sphinx.extra_extensions``).

One :func:`setup` registers every part, as sphinxcontrib-bibtex and sphinx-design do; each
module holds one concern and registers nothing itself:

- :mod:`.domain`: the edition read from the book being built (``app.confdir``), validated,
  kept in the environment with the per-page state; what a changed data file makes outdated;
- :mod:`.rendering`: docutils nodes for the reading text (assertion spans, their apparatus
  entries as footnotes), badges, citations and notes;
- :mod:`.assertions`, :mod:`.registers`: the directives that render the data (chapters, register,
  reverse index of sources, codebook, notes);
- :mod:`.margin`: in HTML, the apparatus in the margin and its calls as status marks;
- :mod:`.typography`: French spacing, unbreakable ids and dates in HTML;
- :mod:`.bibstyle`: French author–date bibliography and citation styles; :mod:`.bibgroups`: the
  bibliography in its three parts (named by the chronicle, consulted, added by the editors);
- :mod:`.assets`: the edition's local CSS, JS and icon; :mod:`.plotly_assets`: plotly.js, once;
- :mod:`.addresses`, :mod:`.pages`, :mod:`.jsonld`, :mod:`.headtags`, :mod:`.citing`,
  :mod:`.downloads`, :mod:`.published`: citability (the publication address, what each page is,
  schema.org, the HTML head, the citation page, data downloads, the root index.html and the
  published CITATION.cff);
- :mod:`.verification`: the « Vérification » chapter (verdicts' codebook, summary, register of
  checks, search for the named sources);
- :mod:`.latex`: the PDF's structure and metadata; :mod:`.accessibility`: the theme, in French
  and accessible.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from chronique import __version__

from . import (
    accessibility,
    addresses,
    assets,
    bibgroups,
    bibstyle,
    citing,
    domain,
    headtags,
    latex,
    margin,
    plotly_assets,
    published,
    rendering,
    typography,
    verification,
)
from .assertions import AssertionsDirective
from .citing import EditionCitation, pending_citation
from .downloads import DataDownloads
from .registers import AssertionRegister, Codebook, EditorsNotes, NoteKinds, SourceIndex, SpeakerIndex

DIRECTIVES = {
    "assertions": AssertionsDirective,
    "assertion-register": AssertionRegister,
    "source-index": SourceIndex,
    "speaker-index": SpeakerIndex,
    "codebook": Codebook,
    "note-kinds": NoteKinds,
    "editors-notes": EditorsNotes,
    "edition-citation": EditionCitation,
    "data-downloads": DataDownloads,
    **verification.DIRECTIVES,
}


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinxcontrib.bibtex")
    bibstyle.register_styles()
    app.add_domain(domain.ChroniqueDomain)
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    app.add_node(pending_citation)
    for transform in (
        latex.PlaceBibliography,
        latex.BookStructure,
        latex.WrapLongTables,
        bibgroups.GroupedBibliography,
        latex.ChecksInFootnotes,
        latex.ApparatusAsFootnotes,
        latex.AssertionAnchors,
        margin.ApparatusInMargin,
        bibstyle.AuthorDateEntries,
    ):
        app.add_post_transform(transform)
    latex.texescape.init()  # Sphinx does it only when the LaTeX builder starts, after config-inited

    # the edition: read and checked first, then everything that depends on it
    app.connect("config-inited", domain.read_edition, priority=100)
    app.connect("config-inited", addresses.set_base_url, priority=150)
    app.connect("config-inited", latex.add_publication_to_latex, priority=950)  # after sphinx-external-toc sets root_doc
    app.connect("config-inited", plotly_assets.set_mime_priorities)
    app.connect("config-inited", plotly_assets.check_bundle)
    app.connect("config-inited", accessibility.french_theme)
    app.connect("config-inited", assets.set_favicon)
    app.connect("builder-inited", domain.attach_edition, priority=100)
    app.connect("builder-inited", assets.add_static_files)
    app.connect("builder-inited", addresses.report_base_url)
    app.connect("env-get-outdated", domain.outdated_by_data)
    app.connect("doctree-read", domain.collect_page_state)
    app.connect("env-check-consistency", domain.check_cited_keys)
    app.connect("doctree-resolved", citing.resolve_citations)
    app.connect("missing-reference", rendering.unlinked_when_optional)
    app.connect("doctree-resolved", typography.typeset_page, priority=900)  # last: every text is there

    # the HTML pages
    app.add_css_file("chronique.css")
    app.add_css_file(assets.GENERATED_CSS)
    app.add_js_file("chronique.js", loading_method="defer")
    app.connect("html-page-context", headtags.html_page_context, priority=600)
    app.connect("html-page-context", plotly_assets.add_plotly_to_figure_pages)
    app.connect("html-page-context", typography.french_chrome, priority=800)
    app.connect("html-page-context", assets.without_icon_script, priority=800)
    app.connect("html-page-context", accessibility.mend_page, priority=900)  # after the themes and sphinx-thebe
    app.connect("build-finished", published.write_published_files, priority=400)  # before sphinx-external-toc's index.html
    return {"version": __version__, "env_version": 3, "parallel_read_safe": True, "parallel_write_safe": True}
