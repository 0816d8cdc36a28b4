"""Critical edition of Maxime Marquette's chronicle (November 2025).

One package for everything the book, notebooks and tests share: where the data lives
(:mod:`chronique.paths`), how it is read (:mod:`chronique.load`), how it is checked
(:mod:`chronique.validate`), what it says (:mod:`chronique.analysis`), how it is drawn
(:mod:`chronique.charts`) and how Sphinx renders it (:mod:`chronique.sphinxext`).
"""

__version__ = "1.0.0"
