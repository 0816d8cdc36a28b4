"""The PDF's structure and metadata (Sphinx's LaTeX builder, xelatex, no sphinx-jupyterbook-latex).

Static LaTeX settings (paper, French, table of contents, fonts) are in ``_config.yml``
(``sphinx.config.latex_elements``); this module adds what depends on the data or on the book's
document tree. All of it is LaTeX-only (post-transforms of the LaTeX builder, LaTeX elements):
the HTML is untouched.

- Title page, running head and PDF metadata from ``CITATION.cff``: the document information
  and an XMP stream (``hyperxmp``: title, editors, abstract, keywords, date, version, licence,
  rights, language, and the address and DOI once known), with the citation and rights on the
  title's back. Under the title, the editors (the authors, where Google Scholar looks for them);
  below them, the edited chronicle and its author.
- Each page is named once: the title page and its back are i and ii, the table of contents goes
  on in roman numerals, the text starts at 1 (Sphinx would number the title page and its back 1
  and restart the contents at i).
- Headings are never hyphenated (ragged right instead).
- The root page (the introduction): Sphinx takes its title for the book's and drops it, and
  would make its sections chapters; it becomes one unnumbered chapter « Introduction » whose
  sections are unnumbered sections.
- The parts of ``_toc.yml`` become ``\\part``; ``\\appendix`` comes before the « Annexes » part,
  so its chapters are lettered « Annexe A », « Annexe B »…
- jupyter-book #1523: Sphinx moves every citation to one bibliography at the end of the book,
  which leaves the page holding the ``bibliography`` directive an empty chapter (or a chapter
  of one paragraph, then a second « Bibliographie »). The bibliography goes back into that
  page's chapter; a page with nothing else loses its chapter to the bibliography's own.
- Long tables (over 30 rows, Sphinx's ``longtable``) without column widths get ragged-right
  columns sized from their content, so that cells wrap instead of running off the page.
- The reading text: each assertion's span gets the PDF anchor its links point to (the LaTeX
  writer gives an inline none), and its apparatus entry becomes a footnote called right after
  it, numbered per chapter.
- Page layout: no line of a paragraph left alone at the top or foot of a page, and the
  bibliography as an author–date list (no numbers, hanging indent), like the HTML one.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.latex.nodes import thebibliography
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import texescape

from chronique.publication import Person, Publication, doi_url

from .addresses import absolute, page_file
from .bibgroups import latex_parts
from .domain import edition_of
from .rendering import CALL_CLASS, CHECK_DETAILS_CLASS, ENTRY_CLASS

#: the ``_toc.yml`` part caption whose chapters are appendices
APPENDIX_CAPTION = "Annexes"
#: Sphinx's LaTeX writer makes a table with more rows than this a ``longtable``
LONGTABLE_ROWS = 30


def tex(text: str) -> str:
    """``text`` escaped for xelatex; plain hyphens (``\\sphinxhyphen`` is not allowed in PDF strings)."""
    return texescape.escape(text, "xelatex").replace(r"\sphinxhyphen{}", "-")


def raw_latex(text: str) -> nodes.raw:
    return nodes.raw("", text, format="latex")


def label(docname: str, node_id: str) -> str:
    """What the LaTeX writer's ``hypertarget`` writes for ``node_id`` in ``docname``."""
    escaped = f"{docname}:{node_id}".translate(texescape.tex_replace_map).encode("ascii", "backslashreplace").decode("ascii").replace("\\", "_")
    return rf"\phantomsection\label{{\detokenize{{{escaped}}}}}"


# --- title page, running head, PDF metadata --------------------------------------------------


def hypersetup(pub: Publication, url: str | None) -> str:
    """PDF document information and XMP metadata (hyperxmp), from CITATION.cff and the address."""
    chronicle_authors = " et ".join(Person.from_cff(a).display for a in pub.chronicle["authors"])
    fields = {
        "pdftitle": pub.title,
        "pdfauthor": ", ".join(a.display for a in pub.authors),  # hyperxmp: one dc:creator per comma
        "pdfsubject": pub.abstract,
        "pdfkeywords": ", ".join(pub.keywords),
        "pdfcopyright": (
            f"© {pub.year} {pub.author_names} : appareil critique, données et textes des éditeurs sous licence {pub.license} "
            f"({pub.license_url}). Le texte de la chronique appartient à son auteur, {chronicle_authors}, "
            "et n’est couvert par aucune licence de ce projet."
        ),
        "pdflicenseurl": pub.license_url,
        "pdfdate": f"D:{pub.released:%Y%m%d}000000Z",
        "pdfversionid": pub.version,
        "pdfpubtype": "book",
        "pdftype": "Text",
    }
    if url:
        fields["pdfurl"] = url
    if pub.doi:
        fields["pdfdoi"] = pub.doi
        fields["pdfidentifier"] = doi_url(pub.doi)
    elif url:
        fields["pdfidentifier"] = url
    body = ",\n  ".join(f"{key}={{{tex(value)}}}" for key, value in fields.items())
    # keeppdfinfo: hyperxmp would otherwise leave the author and keywords out of the document information
    return f"\\usepackage{{hyperxmp}}\n\\hypersetup{{\n  keeppdfinfo=true,\n  {body},\n  pdflang={{fr-FR}},\n  pdfmetalang={{fr-FR}}\n}}\n"


#: Each page named once (PDF page labels): the title page sets roman numbering, the table of
#: contents goes on with it instead of restarting at i; headings are ragged right, never
#: hyphenated (titlesec's sections use \py@HeaderFamily; fncychap's chapter titles \CTV).
PAGES_AND_HEADINGS = r"""\makeatletter
\renewcommand{\sphinxtableofcontents}{%
  \begingroup\parskip\z@skip\sphinxtableofcontentshook\tableofcontents\endgroup
  \if@openright\cleardoublepage\else\clearpage\fi
  \pagenumbering{arabic}}
\newcommand{\chroniqueunhyphenated}{\hyphenpenalty\@M\exhyphenpenalty\@M}
\renewcommand{\py@HeaderFamily}{\spx@opt@HeaderFamily\raggedright\chroniqueunhyphenated}
\ChTitleVar{\Large\sf\chroniqueunhyphenated}
\makeatother
"""


def short_title(pub: Publication) -> str:
    """The title before its colon: « Poutine, Trump et la guerre en Ukraine »."""
    return pub.title.split(" : ")[0]


def running_head(pub: Publication) -> str:
    """Sphinx's ``normal`` page style with the short title and version in the head (the full
    title takes two lines there)."""
    head = rf"{{\py@HeaderFamily {tex(short_title(pub))}, version {tex(pub.version)}}}"
    return rf"""\makeatletter
\setlength{{\headheight}}{{14pt}}
\fancypagestyle{{normal}}{{%
  \fancyhf{{}}%
  \fancyfoot[RO]{{{{\py@HeaderFamily\thepage}}}}%
  \fancyfoot[LO]{{{{\py@HeaderFamily\nouppercase{{\rightmark}}}}}}%
  \fancyhead[RO]{{{head}}}%
  \if@twoside
    \fancyfoot[LE]{{{{\py@HeaderFamily\thepage}}}}%
    \fancyfoot[RE]{{{{\py@HeaderFamily\nouppercase{{\leftmark}}}}}}%
    \fancyhead[LE]{{{head}}}%
  \fi
  \renewcommand{{\headrulewidth}}{{0.4pt}}%
  \renewcommand{{\footrulewidth}}{{0.4pt}}%
}}
\makeatother
"""


def title_page(pub: Publication, link: str | None) -> str:
    """Title and subtitle, then the editors (the authors), then the edited chronicle and its
    author, version and date; citation and rights on the back. The title page and its back are
    pages i and ii."""
    chronicle = pub.chronicle
    title, _, subtitle = pub.title.partition(" : ")
    authors = r" \\ ".join(tex(a.display) for a in pub.authors)
    chronicle_authors = " et ".join(tex(Person.from_cff(a).display) for a in chronicle["authors"])
    where = rf" \url{{{link}}}." if link else ""
    return rf"""\pagenumbering{{roman}}
\begin{{titlepage}}
  \centering
  \vspace*{{2.5cm}}
  {{\sffamily\bfseries\Huge {tex(title)}\par}}
  \vspace{{1em}}
  {{\sffamily\LARGE {tex(subtitle)}\par}}
  \vspace{{2.5em}}
  {{\Large {authors}\par}}
  \vspace{{5em}}
  {{\large Édition critique de la chronique de {chronicle_authors}\par
   \vspace{{0.5em}}\emph{{{tex(chronicle["title"])}}}\par}}
  \vfill
  {{\large Version {tex(pub.version)}\par\vspace{{0.5em}}{tex(pub.french_date)}\par}}
\end{{titlepage}}
\setcounter{{page}}{{2}}
\thispagestyle{{empty}}
\null\vfill
\begin{{small}}
\noindent\textbf{{Citer cette édition.}} {tex(pub.author_names)} ({pub.year}). \emph{{{tex(pub.title)}}}, version {tex(pub.version)}, {tex(pub.french_date)}.{where}
Le chapitre « Citer cette édition » donne aussi la citation d’une assertion par son identifiant.

\medskip
\noindent\textbf{{Droits.}} Le texte de la chronique appartient à son auteur, {chronicle_authors} ; il est reproduit aux seules fins de l’édition critique et de la citation, et n’est couvert par aucune licence de ce projet.
Le travail des éditeurs (découpage, codage, notes, données, textes d’accompagnement, graphiques) est placé sous licence {tex(pub.license)} (\url{{{pub.license_url}}}) ; le code, sous licence MIT. Voir le fichier LICENSE du projet.
\end{{small}}
\clearpage
"""


#: pages: no widow or orphan line (a paragraph's last line alone atop a page, its first at the
#: foot), no apparatus footnote split over two pages; a heading keeps at least three lines of
#: its text below it on its page
PAGE_LAYOUT = r"""\widowpenalty=10000
\clubpenalty=10000
\displaywidowpenalty=10000
\interfootnotelinepenalty=10000
\makeatletter
\let\chronique@section\section
\renewcommand{\section}{\Needspace{5\baselineskip}\chronique@section}
\let\chronique@subsection\subsection
\renewcommand{\subsection}{\Needspace{5\baselineskip}\chronique@subsection}
\makeatother
"""

#: the bibliography as an author–date list: entries in alphabetical order with a hanging
#: indent and no label (report.cls numbers them « [1] »)
AUTHOR_DATE_BIBLIOGRAPHY = r"""\makeatletter
\renewenvironment{thebibliography}[1]{%
  \chapter*{\bibname}\@mkboth{\bibname}{\bibname}%
  \list{}{\setlength{\labelwidth}{0pt}\setlength{\labelsep}{0pt}%
    \setlength{\leftmargin}{1.5em}\setlength{\itemindent}{-1.5em}%
    \setlength{\itemsep}{0.35\baselineskip}}%
  \sloppy\clubpenalty4000\widowpenalty4000\sfcode`\.\@m}
  {\def\@noitemerr{\@latex@warning{Empty `thebibliography' environment}}\endlist}
\renewcommand{\@biblabel}[1]{}
\makeatother
"""


def add_publication_to_latex(app: Sphinx, config) -> None:
    """Title page, running head and PDF metadata from CITATION.cff and the publication address
    (``_config.yml`` may override the title page), then the page layout and the bibliography's
    style. Runs at ``config-inited`` after the edition is read (:func:`.domain.read_edition`) and
    the address set (:func:`.addresses.set_base_url`)."""
    pub = app.chronique_edition.publication
    url = absolute(config, page_file(config, config.root_doc))
    elements = dict(config.latex_elements)
    elements.setdefault("maketitle", title_page(pub, doi_url(pub.doi) if pub.doi else url))
    elements["preamble"] = (
        elements.get("preamble", "")
        + "\n% From CITATION.cff (chronique/sphinxext/latex.py)\n"
        + hypersetup(pub, url)
        + running_head(pub)
        + PAGES_AND_HEADINGS
        + "% Page layout and bibliography (chronique/sphinxext/latex.py)\n"
        + PAGE_LAYOUT
        + AUTHOR_DATE_BIBLIOGRAPHY
    )
    config.latex_elements = elements


# --- the book's structure ---------------------------------------------------------------------


class BookStructure(SphinxPostTransform):
    """Introduction as an unnumbered chapter, ``_toc.yml`` parts as ``\\part``, appendices."""

    default_priority = 770
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        root = self.config.root_doc
        if self.document.get("docname") != root:
            return
        section = self.document.next_node(nodes.section)
        if section is None or not isinstance(section[0], nodes.title):
            return
        title = tex(section[0].astext())
        section.insert(1, raw_latex(f"\\chapter*{{{title}}}\\addcontentsline{{toc}}{{chapter}}{{{title}}}\\markboth{{{title}}}{{{title}}}\n"))
        for child in [c for c in section.children if isinstance(c, nodes.section)]:
            child.replace_self(unnumbered(child, root, depth=1))
        # the root page's toctrees, inlined: their captions are read from the page as written
        wrappers = [c for c in section.findall(nodes.compound) if "toctree-wrapper" in c["classes"] and not in_included_page(c)]
        captions = [t.get("caption") for t in self.env.get_doctree(root).findall(addnodes.toctree)]
        if len(wrappers) != len(captions):
            return
        for wrapper, caption in zip(wrappers, captions, strict=False):
            if caption:
                command = ("\\appendix\n" if caption == APPENDIX_CAPTION else "") + f"\\part{{{tex(caption)}}}\n"
                wrapper.parent.insert(wrapper.parent.index(wrapper), raw_latex(command))


def in_included_page(node: nodes.Node) -> bool:
    return included_page(node) is not None


def included_page(node: nodes.Node) -> str | None:
    """The docname of the page ``node`` comes from in the assembled book (None: the root page).

    Sphinx's ``inline_all_toctrees`` moves each page's nodes under a ``start_of_file`` without
    updating their ``parent``, so the walk up may end in the page's own tree: the page's
    sections carry its docname there."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, addnodes.start_of_file) or (isinstance(parent, nodes.section) and parent.get("docname")):
            return parent["docname"]
        parent = parent.parent
    return None


class ApparatusAsFootnotes(SphinxPostTransform):
    """Each apparatus entry becomes the footnote of its assertion, called where the text calls
    it; Sphinx's own footnote transform (priority 600) then places and writes it."""

    default_priority = 590
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        entries = {}
        for entry in self.document.findall(nodes.container):
            if ENTRY_CLASS in entry["classes"]:
                entries[(included_page(entry) or self.config.root_doc, entry["assertion"])] = entry
        numbers: dict[str, int] = {}
        for call in list(self.document.findall(nodes.inline)):
            if CALL_CLASS not in call["classes"]:
                continue
            docname = included_page(call) or self.config.root_doc
            entry = entries.pop((docname, call["assertion"]), None)
            if entry is None:
                call.parent.remove(call)
                continue
            numbers[docname] = number = numbers.get(docname, self.first_number(docname)) + 1
            ids = list(entry["ids"])
            footnote = nodes.footnote("", nodes.label("", str(number)), *one_line(entry.children), ids=ids, docname=docname, auto=1)
            entry.replace_self(footnote)
            call.replace_self(nodes.footnote_reference("", str(number), refid=ids[0], docname=docname, auto=1))

    def first_number(self, docname: str) -> int:
        """The highest number the page's own footnotes use (ours follow them)."""
        used = [
            int(f[0].astext())
            for f in self.document.findall(nodes.footnote)
            if f.get("docname") == docname and f.children and isinstance(f[0], nodes.label) and f[0].astext().isdigit()
        ]
        return max(used, default=0)


class ChecksInFootnotes(SphinxPostTransform):
    """In an apparatus footnote, a fact-check keeps its first line (verdict, id, claim): its
    explanation and documents are in the register of checks, which the id links to."""

    default_priority = 580  # before ApparatusAsFootnotes makes the entries footnotes
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for entry in list(self.document.findall(nodes.container)):
            if ENTRY_CLASS in entry["classes"]:
                for details in [c for c in entry.findall(nodes.container) if CHECK_DETAILS_CLASS in c["classes"]]:
                    details.parent.remove(details)


def one_line(items: list[nodes.Node]) -> list[nodes.Node]:
    """An entry's opening paragraphs (id and status, attribution, sources) run on as one line
    of the footnote, joined by « — »; what follows (the editors' notes) keeps its paragraphs."""
    head: list[nodes.paragraph] = []
    for item in items:
        if not isinstance(item, nodes.paragraph):
            break
        head.append(item)
    if len(head) < 2:
        return list(items)
    merged = nodes.paragraph("", "", support_smartquotes=False)
    for i, paragraph in enumerate(head):
        if i:
            merged += nodes.Text(" — ")
        merged.extend(paragraph.children)
    return [merged, *items[len(head) :]]


class AssertionAnchors(SphinxPostTransform):
    """Each assertion span of the reading text preceded by its PDF anchor, the one the
    register's and the notes' links point to (``\\hyperref[chapters/faits:FA-001]``); in a
    heading, the anchor follows the heading instead (a label cannot sit in a title)."""

    default_priority = 790
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for span in list(self.document.findall(nodes.inline)):
            if "chronique-assertion" not in span["classes"] or not span["ids"]:
                continue  # a heading's assertion is anchored by its section, which LaTeX labels
            docname = included_page(span) or self.config.root_doc
            own, *retired = span["ids"]  # the retired ids merged into it (aliases) first, its own next to it
            anchor = raw_latex("".join(label(docname, i) for i in [*retired, own]))
            title = span.parent if isinstance(span.parent, nodes.title) else None
            if title is not None and isinstance(title.parent, nodes.section):
                title.parent.insert(title.parent.index(title) + 1, anchor)
            else:
                span.parent.insert(span.parent.index(span), anchor)


def unnumbered(section: nodes.section, docname: str, depth: int) -> list[nodes.Node]:
    """``section`` and its subsections as unnumbered LaTeX headings followed by their content."""
    command = ("section", "subsection", "subsubsection")[min(depth, 3) - 1]
    title = tex(section[0].astext()) if isinstance(section[0], nodes.title) else ""
    out: list[nodes.Node] = [raw_latex(f"\\{command}*{{{title}}}" + "".join(label(docname, i) for i in section["ids"]) + "\n")]
    for child in section.children[1 if title else 0 :]:
        out.extend(unnumbered(child, docname, depth + 1) if isinstance(child, nodes.section) else [child])
    return out


#: around the bibliography when it stays in its page's chapter: no heading, page break or
#: table-of-contents line of its own (report.cls's thebibliography opens with \chapter*)
BIBLIOGRAPHY_IN_CHAPTER = (
    r"\begingroup\let\clearpage\relax\let\cleardoublepage\relax"
    r"\expandafter\let\expandafter\chapter\csname @gobbletwo\endcsname"
    r"\expandafter\let\expandafter\addcontentsline\csname @gobblethree\endcsname"
    "\n",
    "\\endgroup\n",
)


class PlaceBibliography(SphinxPostTransform):
    """jupyter-book #1523: Sphinx moves every citation to one bibliography at the end of the
    book, leaving the page that holds the ``bibliography`` directive an empty chapter. If that
    page has nothing else, its chapter is dropped (its labels go to the bibliography, which has
    its own « Bibliographie » heading); otherwise the bibliography moves back to the end of the
    page's chapter, under that chapter's heading only, cut into its parts (:mod:`.bibgroups`),
    each under its unnumbered section."""

    default_priority = 760  # after Sphinx's BibliographyTransform (750) gathered the citations
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        bibliography = next(iter(self.document.findall(thebibliography)), None)
        if bibliography is None:
            return
        pages = {key.docname for key in self.env.get_domain("cite").bibliographies}
        for start in list(self.document.findall(addnodes.start_of_file)):
            sections = [child for child in start.children if not isinstance(child, (nodes.target, nodes.comment))]
            if start["docname"] not in pages or len(sections) != 1 or not isinstance(sections[0], nodes.section):
                continue
            section = sections[0]
            if all(isinstance(child, (nodes.title, nodes.target, addnodes.index, nodes.comment)) for child in section.children):
                ids = [*section["ids"], *(i for target in section.findall(nodes.target) for i in target["ids"])]
                bibliography.parent.insert(bibliography.parent.index(bibliography), raw_latex("".join(label(start["docname"], i) for i in ids)))
                start.parent.remove(start)
            else:
                bibliography.parent.remove(bibliography)
                for heading, part in latex_parts(edition_of(self.env), bibliography):
                    section.extend(
                        [
                            raw_latex(f"\\section*{{{tex(heading)}}}\n"),
                            raw_latex(BIBLIOGRAPHY_IN_CHAPTER[0]),
                            part,
                            raw_latex(BIBLIOGRAPHY_IN_CHAPTER[1]),
                        ]
                    )
            return


class WrapLongTables(SphinxPostTransform):
    """Long tables without a column specification get ragged-right wrapping columns, as wide as
    their longest word or their average cell, whichever is more (Sphinx would write ``l``
    columns, which run off the page)."""

    default_priority = 780
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for table in list(self.document.findall(nodes.table)):
            group = table.next_node(nodes.tgroup)
            previous = table.previous_sibling() if table.parent is not None else None
            if group is None or "colwidths-given" in table["classes"] or isinstance(previous, addnodes.tabular_col_spec):
                continue
            rows = list(group.findall(nodes.row))
            if len(rows) <= LONGTABLE_ROWS:
                continue
            columns = [[] for _ in range(int(group["cols"]))]
            for row in rows:
                for column, entry in zip(columns, row.children, strict=False):
                    column.append(entry.astext())
            weights = [column_weight(cells) for cells in columns]
            total = sum(weights)
            spec = "".join(rf">{{\raggedright\arraybackslash}}\X{{{w}}}{{{total}}}" for w in weights)
            table.parent.insert(table.parent.index(table), addnodes.tabular_col_spec(spec=spec))


def column_weight(cells: list[str]) -> int:
    longest_word = max((len(word) for cell in cells for word in cell.split()), default=1)
    average = sum(len(cell) for cell in cells) / max(len(cells), 1)
    return max(6, min(60, round(max(1.2 * longest_word, average))))
