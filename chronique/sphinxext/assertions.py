"""Placeholder: filled in by its own issue."""


def setup(app):
    return {"parallel_read_safe": True}
