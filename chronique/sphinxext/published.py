"""Files the HTML output publishes beside the pages: the root ``index.html`` and ``CITATION.cff``.

- ``index.html``: when the landing page is not the root document, readers who open the site's
  root are sent to it. jupyter-book writes a bare ``<meta http-equiv="Refresh">`` (no doctype, no
  title: invalid HTML); this is a valid page in French that does the same, names the book, links
  to the landing page for those who do not follow refreshes, and points its canonical link there.
- ``CITATION.cff``: the project's file with the publication address as ``url`` (top level, and in
  ``preferred-citation``), so that cffconvert, citation-js or GitHub give a link. It is written at
  the site's root and over the copy the citation page offers for download. Without an address it
  is the project's file unchanged.
"""

from __future__ import annotations

import html
from pathlib import Path

from sphinx.application import Sphinx

from chronique import paths
from chronique.publication import Publication, parse_cff
from chronique.typography import french_spacing

from .addresses import absolute, page_file
from .domain import ChroniqueError, edition_of


def published_cff(text: str, url: str | None) -> str:
    """CITATION.cff's ``text`` with ``url`` added (top level and ``preferred-citation``), its
    comments and layout kept."""
    cff = parse_cff(text)
    if not url or cff.get("url"):
        return text  # a url already there was checked against the configuration
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    for index, line in enumerate(lines):
        if line.startswith("preferred-citation:"):
            out.append(f'url: "{url}"\n')
            out.append(line)
            following = next((n for n in lines[index + 1 :] if n.strip() and not n.lstrip().startswith("#")), "  ")
            indent = following[: len(following) - len(following.lstrip())]
            out.append(f'{indent}url: "{url}"\n')
        else:
            out.append(line)
    if "preferred-citation" not in cff:
        out.append(f'url: "{url}"\n')
    result = "".join(out)
    expected = cff | {"url": url}
    if "preferred-citation" in cff:
        expected["preferred-citation"] = cff["preferred-citation"] | {"url": url}
    if parse_cff(result) != expected:
        raise ChroniqueError(f"{paths.CITATION}: could not add url to the published copy (is preferred-citation a block mapping?)")
    return result


def redirect_page(pub: Publication, target: str, canonical: str | None) -> str:
    """A valid HTML page that sends the reader to ``target`` (relative to the site's root)."""
    title, href = html.escape(french_spacing(pub.title)), html.escape(target, quote=True)
    link = f'\n<link rel="canonical" href="{html.escape(canonical, quote=True)}">' if canonical else ""
    return f"""<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="_static/favicon.svg" type="image/svg+xml">
<meta name="description" content="{html.escape(pub.abstract, quote=True)}">{link}
<meta http-equiv="refresh" content="0; url={href}">
</head>
<body>
<main>
<h1>{title}</h1>
<p><a href="{href}">Ouvrir l’édition critique</a></p>
</main>
</body>
</html>
"""


def write_published_files(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished`` (before sphinx-external-toc's own index.html): the root files."""
    if exception is not None or app.builder.format != "html":
        return
    pub = edition_of(app).publication
    outdir = Path(app.outdir)
    root_doc = app.config.root_doc
    if root_doc != "index":
        target = page_file(app.config, root_doc)
        (outdir / "index.html").write_text(redirect_page(pub, target, absolute(app.config, target)), encoding="utf-8")
    source = Path(app.confdir) / paths.CITATION
    if not source.is_file():
        return
    text = published_cff(source.read_text(encoding="utf-8"), absolute(app.config, ""))
    (outdir / paths.CITATION).write_text(text, encoding="utf-8")
    for filename, (_docs, destination) in app.env.dlfiles.items():
        if Path(app.srcdir, filename).resolve() == source.resolve():
            (outdir / "_downloads" / destination).write_text(text, encoding="utf-8")
