"""Rule lexicons read from `data/lexicons/`: reporting verbs, cue phrases, anonymous-source nouns.

Loaded once and returned as immutable objects; no extraction logic lives here."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


@dataclass(frozen=True)
class ReportingVerb:
    lemma: str
    cls: str  # "speech" or "belief"
    content: frozenset[str]  # how the content attaches: ccomp, quote, dobj, xcomp, xcomp_obj, oprd, prep_<p>


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / "lexicons" / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@cache
def reporting_verbs() -> dict[str, ReportingVerb]:
    """Reporting verbs by lemma."""
    return {
        r["lemma"]: ReportingVerb(r["lemma"], r["class"], frozenset(r["content"].split(";")))
        for r in _rows("reporting_verbs.csv")
    }


@cache
def speech_nouns() -> frozenset[str]:
    """Nouns that make a light verb a speech act ("gave only muted backing", "issued a warning")."""
    return frozenset(r["lemma"] for r in _rows("speech_nouns.csv"))


@cache
def anonymous_nouns() -> frozenset[str]:
    """Lemmas of nouns that name an unnamed source ("one diplomat", "officials")."""
    return frozenset(r["lemma"] for r in _rows("anonymous_sources.csv"))


@cache
def document_nouns() -> frozenset[str]:
    """Nouns for documents and data that speak for their owner ("NATO's estimates show ...")."""
    return frozenset(r["lemma"] for r in _rows("document_nouns.csv"))


@cache
def generic_orgs() -> dict[str, str]:
    """Common nouns that stand for an organisation named in the article ("the alliance" for NATO)."""
    return {r["lemma"]: r["organisation"] for r in _rows("generic_orgs.csv")}
