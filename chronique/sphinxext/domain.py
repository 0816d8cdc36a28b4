"""The edition inside a Sphinx build: read once from the book being built, kept in the environment.

- At ``config-inited`` the :class:`~chronique.edition.Edition` is read from ``app.confdir`` (the
  book's folder: ``jupyter-book build .`` of any copy renders that copy's data) and validated;
  any problem stops the build with every ``file:line: field: message (fix: …)`` at once, with or
  without ``-W``. The LaTeX settings that depend on it are made there too.
- :class:`ChroniqueDomain` holds it for the rest of the build (``edition_of(env)``), and keeps
  the per-page state Sphinx must purge and merge: which page anchors which assertion, which
  pages paste numbers glued by a notebook.
- Incremental builds: a page that renders data notes the files it depends on
  (:meth:`Page.of <chronique.sphinxext.rendering.Page.of>`), so Sphinx re-reads exactly those
  pages when a file changes. Notebooks read the data at execution time, which their
  jupyter-cache key does not see: when the data changed since their cached run, their cache
  records are dropped, and they and the pages pasting their numbers are read again.
"""

from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.errors import SphinxError
from sphinx.util import logging

from chronique import paths
from chronique.edition import Edition
from chronique.problems import DataError, Problem

logger = logging.getLogger(__name__)

#: the data digests the notebooks' cached outputs were computed from, beside jupyter-cache's files
NOTEBOOK_DATA_STAMP = "chronique-data.json"


class ChroniqueError(SphinxError):
    """Bad data or an unknown id or key in a chapter: the build cannot honestly go on."""

    category = "Chronique data error"


def fail(problems: list[Problem], summary: str) -> None:
    """Raise one error listing every problem, one ``file:line: field: message (fix: …)`` a line."""
    raise ChroniqueError("\n".join([summary, *(str(p) for p in problems)]))


class ChroniqueDomain(Domain):
    """The edition (:attr:`edition`, read at start, never pickled) and the per-page state."""

    name = "chronique"
    label = "Édition critique"
    data_version = 2
    initial_data = {
        "anchors": {},  # assertion or check id → the page that anchors it
        "glue": {},  # page → the notebooks whose glued numbers it pastes
        "digests": {},  # file → sha256 at the last build (CITATION.cff changes every page's head)
    }
    edition: Edition | None = None

    @property
    def anchors(self) -> dict[str, str]:
        return self.data["anchors"]

    def clear_doc(self, docname: str) -> None:
        for node_id in [i for i, doc in self.anchors.items() if doc == docname]:
            del self.anchors[node_id]
        self.data["glue"].pop(docname, None)

    def merge_domaindata(self, docnames, otherdata: dict) -> None:
        for node_id, doc in otherdata["anchors"].items():
            if doc in docnames:
                self.anchors.setdefault(node_id, doc)
        for doc, notebooks in otherdata["glue"].items():
            if doc in docnames:
                self.data["glue"][doc] = notebooks

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []


def edition_of(app_or_env) -> Edition:
    """The edition of the book being built (read at ``config-inited``)."""
    env = getattr(app_or_env, "env", app_or_env)
    edition = env.get_domain(ChroniqueDomain.name).edition
    if edition is None:
        raise ChroniqueError("the edition was not read: is chronique.sphinxext loaded as an extension?")
    return edition


def read_edition(app: Sphinx, config) -> None:
    """``config-inited``: read and validate the book at ``app.confdir``; stop on any problem."""
    root = Path(app.confdir)
    try:
        edition = Edition.read(root)
    except DataError as err:
        fail(err.problems, f"the data under {root} cannot be read:")
    problems = edition.validate()
    if problems:
        fail(problems, f"{len(problems)} problem(s) in the data under {root}; fix them (run chronique-validate --root {root}) and rebuild:")
    app.chronique_edition = edition  # handed to the environment's domain at builder-inited


def attach_edition(app: Sphinx) -> None:
    """``builder-inited``: the environment now exists; its domain keeps the edition."""
    app.env.get_domain(ChroniqueDomain.name).edition = app.chronique_edition


def outdated_by_data(app: Sphinx, env, added, changed, removed) -> list[str]:
    """``env-get-outdated``: pages that must be read again although their source did not change.

    Every page when CITATION.cff changed (each page's head cites the edition); the notebooks, and
    the pages pasting their numbers, when the data changed since the notebooks' cached run.
    """
    domain = env.get_domain(ChroniqueDomain.name)
    edition = edition_of(env)
    outdated: set[str] = set()
    previous = domain.data["digests"]
    if previous and previous.get(paths.CITATION) != edition.digests.get(paths.CITATION):
        outdated |= set(env.found_docs)
    domain.data["digests"] = dict(edition.digests)
    notebooks = stale_notebooks(app, env, edition)
    if notebooks:
        outdated |= notebooks
        outdated |= {doc for doc, sources in domain.data["glue"].items() if notebooks & set(sources)}
    return sorted(outdated - set(added) - set(removed))


def stale_notebooks(app: Sphinx, env, edition: Edition) -> set[str]:
    """Notebook pages whose cached execution used other data than this build's: their cache
    records are removed, so that myst-nb runs them again."""
    notebooks_config = getattr(env, "mystnb_config", None)  # myst-nb's resolved settings (cache folder in _build)
    if notebooks_config is None or notebooks_config.execution_mode != "cache":
        return set()
    folder = notebooks_config.execution_cache_path
    data_digests = {f: d for f, d in edition.digests.items() if f.startswith(paths.DATA + "/") or f == paths.BIBLIOGRAPHY}
    stamp = Path(folder) / NOTEBOOK_DATA_STAMP
    recorded = json.loads(stamp.read_text(encoding="utf-8")) if stamp.is_file() else None
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(json.dumps(data_digests, indent=1, sort_keys=True), encoding="utf-8")
    if recorded is None or recorded == data_digests:
        return set()  # first run of this cache (nothing stale), or the same data
    from jupyter_cache import get_cache

    cache = get_cache(folder)
    srcdir = Path(app.srcdir).resolve()
    notebooks = set()
    for record in cache.list_cache_records():
        path = Path(record.uri).resolve()
        if srcdir in path.parents:
            cache.remove_cache(record.pk)
            docname = env.path2doc(str(path))
            if docname:
                notebooks.add(docname)
    if notebooks:
        logger.info(f"chronique: the data changed since the notebooks last ran; running again: {', '.join(sorted(notebooks))}")
    return notebooks


def collect_page_state(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: which assertions and checks this page anchors, which notebooks it pastes from."""
    domain = app.env.get_domain(ChroniqueDomain.name)
    edition = edition_of(app)
    known = edition.assertion.keys() | edition.rows("checks").keys()
    for node in doctree.findall(nodes.Element):
        for node_id in node.get("ids", ()):
            if node_id in known:
                domain.anchors.setdefault(node_id, app.env.docname)
    sources = sorted({node["refdoc"] for node in doctree.findall(nodes.Element) if type(node).__name__ == "PendingGlueReference"})
    if sources:
        domain.data["glue"][app.env.docname] = sources


def page_of(app: Sphinx, assertion_id: str) -> str | None:
    """The page that anchors ``assertion_id`` (or a check's id); failing that, an assertion's
    section chapter if it exists."""
    doc = app.env.get_domain(ChroniqueDomain.name).anchors.get(assertion_id)
    if doc or assertion_id not in edition_of(app).assertion:
        return doc
    row = edition_of(app).assertion[assertion_id]
    candidate = "chapters/" + row.section.replace("_", "-")
    return candidate if candidate in app.env.all_docs else None


def check_cited_keys(app: Sphinx, env) -> None:
    """``env-check-consistency``: every key cited in a page (``{cite}`` roles and rendered data)
    exists in references.bib."""
    known = set(edition_of(env).references)
    domain = env.get_domain("cite")
    problems = [
        Problem(
            str(env.doc2path(ref.docname, base=False)),
            ref.line or _line_of(env, ref),
            "cite",
            f"unknown citation key '{target.key}'",
            "add the entry to references.bib or correct the key",
        )
        for ref in domain.citation_refs
        for target in ref.targets
        if target.key not in known
    ]
    if problems:
        fail(sorted(set(problems), key=str), f"{len(problems)} unknown citation key(s):")


def _line_of(env, citation_ref) -> int:
    """The line of a citation in its page (sphinxcontrib-bibtex does not always record it)."""
    for node in env.get_doctree(citation_ref.docname).findall(addnodes.pending_xref):
        if citation_ref.citation_ref_id in node["ids"]:
            return node.line or 0
    return 0
