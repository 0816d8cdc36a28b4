"""Local CSS and JS of the edition: badges, assertion blocks, notes and citation tooltips.

Everything is served from the book's own ``_static`` (no CDN). The status colours are not
typed in CSS: ``chronique-status.css`` is written from :mod:`chronique.palette` at each
build, so badges, charts and tables share one palette.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from chronique.palette import STATUS_STYLE, VERDICT_STYLE, text_colour_on

STATIC = Path(__file__).resolve().parent.parent / "static"
GENERATED_CSS = "chronique-status.css"


def status_css() -> str:
    """One rule per status: badge colours, and the left rule of the assertion block."""
    rules = ["/* Generated from chronique/palette.py at build time: do not edit. */"]
    for status, (colour, _) in STATUS_STYLE.items():
        rules.append(f".chronique-badge.chronique-status-{status} {{ background: {colour}; color: {text_colour_on(colour)}; }}")
        rules.append(f".chronique-assertion.chronique-status-{status} {{ border-left-color: {colour}; }}")
    for verdict, (colour, _) in VERDICT_STYLE.items():
        rules.append(f".chronique-verdict.chronique-verdict-{verdict} {{ background: {colour}; color: {text_colour_on(colour)}; }}")
        rules.append(f".chronique-check.chronique-verdict-{verdict} {{ border-left-color: {colour}; }}")
    return "\n".join(rules) + "\n"


def add_static_files(app: Sphinx) -> None:
    """Serve chronique/static/ and the generated CSS (kept beside the doctrees) from _static."""
    generated = Path(app.doctreedir) / "chronique-static"
    generated.mkdir(parents=True, exist_ok=True)
    (generated / GENERATED_CSS).write_text(status_css(), encoding="utf-8")
    for folder in (str(STATIC), str(generated)):
        if folder not in app.config.html_static_path:
            app.config.html_static_path.append(folder)
