"""Fixes to the theme's markup, and its labels in French.

With ``language: fr`` Sphinx and the themes translate most of their words, but not all
(jupyter-book #1780): Jupyter Book hard-codes the search box's "Search this book...",
sphinx-book-theme writes "Toggle primary sidebar", "Toggle secondary sidebar" and a "Main"
landmark whatever the language, and its in-page table of contents says "Contents". This
module gives them French words, through theme options and templates
(``chronique/templates/``, registered ahead of the themes' own), so that no page mixes languages.

It also mends what an accessibility checker (axe-core, ``tests/test_accessibility.py``) or a
reader's console finds in the stock pages:

- docutils gives the bibliography entries ``role="doc-biblioentry"``, deprecated in DPUB-ARIA
  1.1, inside a ``role="list"`` that axe-core then finds without a single list item (critical):
  the entries become the list's items (``role="listitem"``);
- a script registered twice (sphinx-thebe's inline configuration) runs twice and throws
  "Identifier 'THEBE_JS_URL' has already been declared" on every page: each page's scripts
  and stylesheets are kept once;
- the pydata theme reads an empty colour mode on a reader's first visit and logs an error:
  the default mode is set (``auto``, the reader's system setting);
- pydata-sphinx-theme 0.17 adds a second search field in a header bar over sphinx-book-theme's
  own (``navbar_persistent``): the header bar goes, one search box stays (the sidebar's on a
  wide screen, the article header's button on a phone);
- the search field and the colour-mode switch had accessible names that left out what they
  show (axe-core's ``label-content-name-mismatch``): templates ``search-button-field.html``
  and ``theme-switcher.html``;
- the download menu offered a chapter's Markdown source as « .md », which a reader has no use
  for: gone from chapters; a notebook's source is offered as « Carnet Jupyter (.ipynb) ».
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

#: the templates that replace the theme's English or inaccessible ones (shipped with this package)
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
#: the theme these fixes are for; other themes (e.g. in the extension's test projects) are left alone
THEME = "sphinx_book_theme"
#: theme option → (French value, the English default it replaces); a value set in _config.yml wins
THEME_OPTIONS = {
    "search_bar_text": ("Rechercher dans ce livre…", "Search this book..."),
    "toc_title": ("Sur cette page", "Contents"),
}
#: myst-nb's labels of hidden code cells ("Show code cell source" by default)
NOTEBOOK_PROMPTS = {
    "nb_code_prompt_show": ("Afficher la cellule de code", "Show code cell {type}"),
    "nb_code_prompt_hide": ("Masquer la cellule de code", "Hide code cell {type}"),
}
#: source suffix → the download menu's entry for it (None: not offered to readers)
SOURCE_DOWNLOADS = {".md": None, ".ipynb": ("Carnet Jupyter (.ipynb)", "Télécharger le carnet, à ouvrir et exécuter dans Jupyter")}
#: (markup docutils writes, accessible markup): a list whose items had a deprecated role instead
BODY_FIXES = (('role="doc-biblioentry"', 'role="listitem"'),)


def french_theme(app: Sphinx, config) -> None:
    """Put our templates first and French words in the theme options left at their English default."""
    if config.html_theme != THEME:
        return
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path.insert(0, str(TEMPLATES))
    options = config.html_theme_options
    for key, (french, english) in THEME_OPTIONS.items():
        if options.get(key, english) == english:
            options[key] = french
    options.setdefault("navbar_persistent", [])  # no header bar with a second search field
    config.html_context.setdefault("default_mode", "auto")  # pydata reads it from the context
    for key, (french, english) in NOTEBOOK_PROMPTS.items():
        if getattr(config, key, english) == english:
            setattr(config, key, french)


def once(assets: list) -> list:
    """``assets`` (scripts or stylesheets) without repeats, in their order. An inline script's
    file name is ``None`` or ``""`` depending on when it was added: both count as none."""
    seen, kept = set(), []
    for asset in assets:
        key = (asset.filename or "", tuple(sorted((k, str(v)) for k, v in asset.attributes.items())))
        if key not in seen:
            seen.add(key)
            kept.append(asset)
    return kept


def name_downloads(context: dict) -> None:
    """The download menu's source entry: a notebook's, named; a chapter's Markdown, left out."""
    for group in context.get("header_buttons", []):
        if group.get("label") != "download-buttons":
            continue
        kept = []
        for button in group.get("buttons", []):
            if button.get("label") == "download-source-button" and button.get("text") in SOURCE_DOWNLOADS:
                named = SOURCE_DOWNLOADS[button["text"]]
                if named is None:
                    continue
                button = {**button, "text": named[0], "tooltip": named[1]}
            kept.append(button)
        group["buttons"] = kept


def mend_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Each script and stylesheet once, accessible roles in the page's body, a named download menu."""
    name_downloads(context)
    for key in ("script_files", "css_files"):
        if key in context:  # in place: the builder's own list, restored for the next page
            context[key][:] = once(list(context[key]))
    body = context.get("body")
    if body:
        for stock, fixed in BODY_FIXES:
            body = body.replace(stock, fixed)
        context["body"] = body
