"""``data-downloads``: the data package descriptor and each of its files, downloadable from the book."""

from __future__ import annotations

import posixpath
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from chronique import paths

from .rendering import Page

CHRONICLE_RIGHTS = (
    "le texte tel que transmis aux éditeurs ; il appartient à son auteur et n’est couvert par aucune licence du projet (voir plus bas)."
)


class DataDownloads(SphinxDirective):
    """``data-downloads``: the data package descriptor and each of its resources, downloadable."""

    depends_on = (paths.DATAPACKAGE,)

    def run(self) -> list[nodes.Node]:
        edition = Page.of(self).edition
        descriptor = edition.package.descriptor
        datapackage = edition.root / paths.DATAPACKAGE
        items = [("datapackage.json", "Descripteur Frictionless", "Le schéma de chaque table : colonnes, types, contraintes, licence.")]
        items += [
            (r["path"], r.get("title", r["name"]), CHRONICLE_RIGHTS if f"{paths.DATA}/{r['path']}" == paths.CHRONICLE else r.get("description", ""))
            for r in descriptor["resources"]
        ]
        here = Path(self.env.doc2path(self.env.docname)).parent
        bullets = nodes.bullet_list()
        for path, title, description in items:
            target = Path(posixpath.relpath(datapackage.parent / path, here)).as_posix()
            link = addnodes.download_reference(
                "", "", nodes.literal(path, path), refdoc=self.env.docname, reftarget=target, refexplicit=True, reftype="download"
            )
            paragraph = nodes.paragraph("", "", link, nodes.Text(f" — {title}" + (f" : {description}" if description else "")))
            bullets += nodes.list_item("", paragraph)
        return [bullets]
