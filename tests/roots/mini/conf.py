"""A tiny book for the extension's tests: two sections, four assertions, one note."""

extensions = ["chronique.sphinxext"]
bibtex_bibfiles = ["references.bib"]
bibtex_reference_style = "author_year_fr"
bibtex_default_style = "author_date_fr"
bibtex_cite_id = "ref-{key}"
language = "fr"
nitpicky = True
exclude_patterns = ["data"]
latex_documents = [("index", "essai.tex", "Essai", "Équipe", "manual")]
