"""Local CSS and JS of the edition: the reading text, its apparatus, badges, tooltips and charts.

Everything is served from the book's own ``_static`` (no CDN). The status colours and icons
are not typed in CSS: ``chronique-status.css`` is written from :mod:`chronique.palette` at
each build (light and dark values, as custom properties), so badges, marks, charts and
tables share one palette. ``favicon.svg`` is the book's icon (no request for a missing
``/favicon.ico``).

The theme's pages also load pydata-sphinx-theme's ``fontawesome.js`` (1.4 MiB, 60 % of a text
page's weight), which only redraws the theme's ``<i class="fa-…">`` icons as inline SVG: the
theme's stylesheet already draws the same icons with the Font Awesome webfont it loads anyway.
:func:`without_icon_script` points that one script at an empty one.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from chronique.palette import STATUS_STYLE, text_colour_on

STATIC = Path(__file__).resolve().parent.parent / "static"
GENERATED_CSS = "chronique-status.css"
FAVICON = STATIC / "favicon.svg"
#: icons a browser may draw as colour emoji: the text variation selector keeps them monochrome
TEXT_PRESENTATION = "\ufe0e"


def css_string(text: str) -> str:
    """``text`` as a CSS string literal, every character escaped (``"\\231B\\FE0E"``)."""
    return '"' + "".join(f"\\{ord(c):X} " if ord(c) > 126 or c in '"\\' else c for c in text) + '"'


def status_css() -> str:
    """Per status: its colour and the text colour on it, light and dark, and its icon."""
    light = [f"  --chronique-{s}: {style.colour}; --chronique-{s}-ink: {text_colour_on(style.colour)};" for s, style in STATUS_STYLE.items()]
    dark = [f"  --chronique-{s}: {style.dark}; --chronique-{s}-ink: {text_colour_on(style.dark)};" for s, style in STATUS_STYLE.items()]
    rules = [
        "/* Generated from chronique/palette.py at build time: do not edit. */",
        ":root {",
        *light,
        "}",
        'html[data-theme="dark"] {',
        *dark,
        "}",
        '@media (prefers-color-scheme: dark) {\n  html[data-theme="auto"] {',
        *dark,
        "  }\n}",
    ]
    for status, style in STATUS_STYLE.items():
        icon = css_string(style.icon + TEXT_PRESENTATION)
        rules.append(
            f".chronique-status-{status} {{ --chronique-status: var(--chronique-{status}); "
            f"--chronique-status-ink: var(--chronique-{status}-ink); --chronique-icon: {icon}; }}"
        )
    return "\n".join(rules) + "\n"


#: the theme's icon script (pydata-sphinx-theme's webpack macros write its tag) and its stand-in:
#: an empty script (``//`` makes the theme's ``?digest=…`` suffix a comment), nothing fetched
ICON_SCRIPT = "_static/scripts/fontawesome.js"
EMPTY_SCRIPT = "data:text/javascript,//"


def without_icon_script(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``html-page-context``: the page's ``pathto`` answers the empty script for fontawesome.js."""
    pathto = context.get("pathto")
    if not callable(pathto) or getattr(pathto, "without_icon_script", False):
        return

    def chronique_pathto(target, *args, **kwargs):
        return EMPTY_SCRIPT if target == ICON_SCRIPT else pathto(target, *args, **kwargs)

    chronique_pathto.without_icon_script = True
    context["pathto"] = chronique_pathto


def set_favicon(app: Sphinx, config) -> None:
    """``config-inited``: the book's icon, unless the book sets its own."""
    if not config.html_favicon:
        config.html_favicon = str(FAVICON)


def add_static_files(app: Sphinx) -> None:
    """Serve chronique/static/ and the generated CSS (kept beside the doctrees) from _static."""
    generated = Path(app.doctreedir) / "chronique-static"
    generated.mkdir(parents=True, exist_ok=True)
    (generated / GENERATED_CSS).write_text(status_css(), encoding="utf-8")
    for folder in (str(STATIC), str(generated)):
        if folder not in app.config.html_static_path:
            app.config.html_static_path.append(folder)
