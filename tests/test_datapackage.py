"""The data package (data/datapackage.json) that researchers reuse, validated with frictionless."""

from __future__ import annotations

import json

from frictionless import Package, validate

from chronique import paths
from conftest import REPO

DATAPACKAGE = REPO / paths.DATAPACKAGE
DATA_DIR = REPO / paths.DATA


def test_datapackage_is_valid_with_frictionless():
    report = validate(str(DATAPACKAGE))
    errors = [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors] + [e.message for e in report.errors]
    assert report.valid, "\n".join(errors)


def test_datapackage_describes_every_data_file():
    descriptor = json.loads(DATAPACKAGE.read_text(encoding="utf-8"))
    described = {resource["path"] for resource in descriptor["resources"]}
    on_disk = {p.name for p in DATA_DIR.iterdir() if p.suffix in (".csv", ".txt")}
    assert described == on_disk


def test_every_table_has_a_schema_with_described_fields_and_a_licence():
    package = Package(str(DATAPACKAGE))
    assert package.licenses, "the package declares its licence"
    for resource in package.resources:
        if resource.path.endswith(".csv"):
            assert resource.schema is not None and resource.schema.fields, resource.name
            assert all(field.description for field in resource.schema.fields), resource.name
