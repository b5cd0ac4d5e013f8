"""The taxonomies in data/ (topics, stance targets) as the dashboard shows them: names, labels, descriptions.
No spaCy: the UI reads its labels here; `dashboard.nlp` builds its matchers from the same files.

Every taxonomy-like file is read by `read_labelled_tables`, which checks it."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from dashboard.nlp.lexicons import DATA_DIR

TAXONOMY_PATH = DATA_DIR / "topics.toml"
TARGETS_PATH = DATA_DIR / "stance_targets.toml"


class TaxonomyError(ValueError):
    """The taxonomy file is malformed."""


@cache
def _entries(path: Path) -> tuple[tuple[str, dict], ...]:
    return tuple((name, table) for name, table, _ in read_labelled_tables(str(path), TaxonomyError, "entry"))


def labels(path: Path = TAXONOMY_PATH) -> dict[str, str]:
    """Name -> label of every entry of a taxonomy file (default: topics), in file order."""
    return {name: table["label"] for name, table in _entries(path)}


def descriptions(path: Path = TAXONOMY_PATH) -> dict[str, str]:
    """Name -> what it covers, of every entry of a taxonomy file (default: topics), in file order."""
    return {name: table["description"] for name, table in _entries(path)}


def target_topics(path: Path = TARGETS_PATH) -> dict[str, str]:
    """Stance target -> the topic (data/topics.toml) whose sentences are about it, for the targets that name
    one; an unknown topic is an error."""
    out = {name: table["topic"] for name, table in _entries(path) if "topic" in table}
    unknown = sorted(set(out.values()) - set(labels()))
    if unknown:
        raise TaxonomyError(f"{path}: `topic` names no topic of {TAXONOMY_PATH.name}: {unknown}")
    return out


def read_labelled_tables(
    path: str, error: type[ValueError], what: str, lists: tuple[str, ...] = ()
) -> list[tuple[str, dict, dict[str, tuple[str, ...]]]]:
    """The tables of a taxonomy-like TOML file (topics, stance targets), in file order: each needs a string
    `label` and `description` and `patterns`, a non-empty list of lower-case phrases; each key of `lists`
    is an optional list of lower-case phrases. Returns (name, table, {key: its phrases, spaces normalised
    and duplicates dropped}); a malformed file raises `error` naming the file, the entry and the problem."""
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    out = []
    for name, table in data.items():
        if not isinstance(table, dict):
            raise error(f"{path}: {name!r} must be a table with label, description and patterns")
        if not isinstance(table.get("label"), str) or not isinstance(table.get("description"), str):
            raise error(f"{path}: {what} {name!r} needs a string `label` and `description`")
        phrases = {}
        for key in ("patterns", *lists):
            value = table.get(key, [])
            if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
                raise error(f"{path}: {what} {name!r}: `{key}` must be a list of strings")
            cleaned = tuple(dict.fromkeys(" ".join(p.split()) for p in value))
            bad = [p for p in cleaned if not p or p != p.lower()]
            if bad:
                raise error(f"{path}: {what} {name!r}: `{key}` must hold non-empty lower-case phrases: {bad}")
            phrases[key] = cleaned
        if not phrases["patterns"]:
            raise error(f"{path}: {what} {name!r} needs `patterns`, a non-empty list of lower-case phrases")
        out.append((name, table, phrases))
    return out
