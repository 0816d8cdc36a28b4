"""Sphinx extension of the edition, loaded from ``_config.yml`` (``sphinx.extra_extensions``).

One module per concern, each with its own ``setup(app)``:

- :mod:`.assertions`: the ``assertions`` directive and the data check at build start;
- :mod:`.registers`: register, reverse index of sources, codebook and notes appendices;
- :mod:`.plotly_assets`: ships the plotly package's own ``plotly.min.js`` once in ``_static``;
- :mod:`.metadata`: Highwire ``citation_*`` meta tags and schema.org JSON-LD;
- :mod:`.accessibility`: fixes to the theme's markup and French labels.
"""

from importlib import import_module

MODULES = ("assertions", "registers", "plotly_assets", "metadata", "accessibility")


def setup(app):
    for name in MODULES:
        module = import_module(f"{__name__}.{name}")
        module.setup(app)
    from chronique import __version__

    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
