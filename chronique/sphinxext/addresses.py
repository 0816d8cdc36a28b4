"""Where a page, the PDF or a described thing is: an absolute URL, or a path relative to a page.

The publication address is configuration, never code: ``html.baseurl`` in ``_config.yml``
(Sphinx's ``html_baseurl``), or the environment variable :data:`BASE_URL_VARIABLE` for a preview
build, which wins over it. Every absolute URL of the book derives from it: canonical links,
``og:url``, ``citation_public_url`` and ``citation_pdf_url``, the JSON-LD ``@id``\\ s, the ``url`` of
the published CITATION.cff and of the PDF's XMP metadata, the permalinks of the citation page.

Until the edition has an address the setting stays unset: the build says which features are off
(:data:`OFF_WITHOUT_ADDRESS`), and identifiers are written relative to each page, which a JSON-LD
processor resolves against the page's own address.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from urllib.parse import urlsplit

from sphinx.application import Sphinx
from sphinx.util import logging

from chronique import paths

from .domain import ChroniqueError

logger = logging.getLogger(__name__)

#: overrides ``html.baseurl`` for one build (a preview, or the tests' example address)
BASE_URL_VARIABLE = "CHRONIQUE_BASEURL"

#: what needs an absolute address, and so is left out while there is none
OFF_WITHOUT_ADDRESS = (
    "canonical links",
    "og:url",
    "citation_public_url and citation_pdf_url",
    "absolute JSON-LD identifiers (written relative to each page instead)",
    "the url of the published CITATION.cff",
    "the URL in the PDF's XMP metadata",
    "absolute permalinks on the citation page",
)


def normalized_base_url(value: str, source: str) -> str:
    """``value`` as a base URL (``https://host/path/``), or a :class:`ChroniqueError` saying why not."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ChroniqueError(
            f"{source}: '{value}' is not a publication address (an absolute http(s) URL without query or fragment, "
            "e.g. https://host/path/); leave it unset until the edition is published"
        )
    return value.strip().rstrip("/") + "/"


def set_base_url(app: Sphinx, config) -> None:
    """``config-inited``: the publication address from the environment or ``_config.yml``, checked;
    a ``url`` in CITATION.cff must be that address."""
    override = os.environ.get(BASE_URL_VARIABLE, "").strip()
    source = f"environment variable {BASE_URL_VARIABLE}" if override else "html.baseurl (_config.yml)"
    value = override or (config.html_baseurl or "").strip()
    config.html_baseurl = normalized_base_url(value, source) if value else ""
    app.chronique_base_url_source = source if value else None
    pub = app.chronique_edition.publication
    if pub.url and pub.url.rstrip("/") + "/" != config.html_baseurl:
        where = f"the publication address is {config.html_baseurl}" if config.html_baseurl else "no publication address is configured"
        raise ChroniqueError(
            f"{paths.CITATION}: url is {pub.url} but {where} (fix: remove url from {paths.CITATION}, "
            "the build adds the configured address to the published copy, or set html.baseurl in _config.yml to it)"
        )


def report_base_url(app: Sphinx) -> None:
    """``builder-inited``: say which address the build uses, or which features are off without one."""
    if app.builder.format not in ("html", "latex"):
        return
    base = base_url(app.config)
    if base:
        logger.info(f"chronique: publication address {base} (from {app.chronique_base_url_source})")
    else:
        logger.info(
            f"chronique: no publication address (set html.baseurl in _config.yml, or {BASE_URL_VARIABLE} for a preview build); "
            f"off until there is one: {'; '.join(OFF_WITHOUT_ADDRESS)}"
        )


def base_url(config) -> str | None:
    return config.html_baseurl or None


def pdf_name(config) -> str:
    """The PDF's file name: the ``targetname`` of ``latex_documents`` (``_config.yml``), as .pdf."""
    return Path(config.latex_documents[0][1]).with_suffix(".pdf").name


def absolute(config, path: str) -> str | None:
    """``path`` (relative to the book's root, may hold a ``#fragment``) as a URL, when the
    publication address is known."""
    base = config.html_baseurl
    return posixpath.join(base if base.endswith("/") else base + "/", path) if base else None


def relative(path: str, from_file: str) -> str:
    """``path`` (relative to the book's root; ``""`` is the root itself) as seen from the page
    ``from_file``: ``#edition`` from ``chapters/faits.html`` is ``../#edition``."""
    target, hashmark, fragment = path.partition("#")
    here = posixpath.dirname(from_file) or "."
    if target:
        link = posixpath.relpath(target, here)
    else:  # the root folder: "./" (a bare "#x" would be the page itself)
        up = posixpath.relpath(".", here)
        link = "./" if up == "." else up + "/"
    return link + hashmark + fragment


def address(config, path: str, from_file: str) -> str:
    """``path`` as an absolute URL when the publication address is known, else relative to ``from_file``."""
    return absolute(config, path) or relative(path, from_file)


def page_file(config, docname: str) -> str:
    """The HTML file of ``docname`` relative to the book's root (``chapters/faits.html``)."""
    return docname + (config.html_file_suffix or ".html")
