"""Where a page or the PDF is, as a path in the book or as an absolute URL.

Addresses are absolute when ``html.baseurl`` (Sphinx's ``html_baseurl``) is set in
``_config.yml``; otherwise they are relative, which is what the book does until it knows its
publication address.
"""

from __future__ import annotations

import posixpath
from pathlib import Path


def pdf_name(config) -> str:
    """The PDF's file name: the ``targetname`` of ``latex_documents`` (``_config.yml``), as .pdf."""
    return Path(config.latex_documents[0][1]).with_suffix(".pdf").name


def absolute(config, path: str) -> str | None:
    """``path`` (relative to the book's root) as a URL, when ``html_baseurl`` is known."""
    base = config.html_baseurl
    return posixpath.join(base if base.endswith("/") else base + "/", path) if base else None


def page_file(config, docname: str) -> str:
    """The HTML file of ``docname`` relative to the book's root (``chapters/faits.html``)."""
    return docname + (config.html_file_suffix or ".html")
