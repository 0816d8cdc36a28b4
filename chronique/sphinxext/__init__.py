"""Sphinx extension of the edition, loaded from ``_config.yml`` (``sphinx.extra_extensions``).

One module per concern, each with its own ``setup(app)``:

- :mod:`.edition`: the data under ``chronique_root``, checked at build start;
- :mod:`.bibstyle`: French bibliography and citation styles;
- :mod:`.assets`: the edition's local CSS and JS (badges, notes, citation tooltips);
- :mod:`.assertions`: the ``assertions`` directive (nodes built in :mod:`.rendering`);
- :mod:`.registers`: register, reverse index of sources, codebook and notes appendices;
- :mod:`.plotly_assets`: ships the plotly package's own ``plotly.min.js`` once in ``_static``;
- :mod:`.metadata`: Highwire ``citation_*`` meta tags and schema.org JSON-LD;
- :mod:`.accessibility`: fixes to the theme's markup and French labels.
"""

MODULES = ("edition", "bibstyle", "assets", "assertions", "registers", "plotly_assets", "metadata", "accessibility")


def setup(app):
    for name in MODULES:  # setup_extension: a module that another one also needs is set up once
        app.setup_extension(f"{__name__}.{name}")
    from chronique import __version__

    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
