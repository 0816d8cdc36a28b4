"""Where the project's files are, so no caller hard-codes a relative path."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
BIBLIOGRAPHY = PROJECT_ROOT / "references.bib"
DATAPACKAGE = DATA_DIR / "datapackage.json"
CHRONICLE = DATA_DIR / "chronicle.txt"

#: the key of the chronicle itself in ``references.bib``
CHRONICLE_KEY = "marquette2025"
