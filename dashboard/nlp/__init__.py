"""Parsing and extraction: the spaCy pipeline (`pipeline`), the extractors, and `extract`, texts in and rows
out. Only the names defined here can be imported without importing spaCy."""


class ModelNotFoundError(RuntimeError):
    """The requested spaCy pipeline is not installed."""
