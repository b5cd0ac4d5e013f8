"""The Corpus of tables the loader returns, the ingest report, and corpus-wide clean-ups of those tables.

Plain pandas: importing this module must not load spaCy (the dashboard reads stores through it)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.schema import TABLES, empty_frame

if TYPE_CHECKING:
    from dashboard.sources.web import WebReport


@dataclass
class IngestReport:
    """What one load did: counts and the reasons records were rejected."""

    read: int = 0
    added: int = 0
    cached: int = 0
    duplicates: int = 0
    not_english: int = 0
    failed: int = 0
    rejected: Counter = field(default_factory=Counter)
    words: int = 0
    cached_ids: list[str] = field(default_factory=list)
    web: WebReport | None = None  # when URLs were read

    def summary(self) -> str:
        lines = [
            f"read {self.read} records: {self.added} added, {self.cached} already in store, "
            f"{self.duplicates} duplicates, {sum(self.rejected.values())} rejected",
        ]
        if self.not_english:
            lines.append(f"{self.not_english} articles not in English (kept, not parsed)")
        if self.failed:
            lines.append(f"{self.failed} articles failed extraction (kept, without statements)")
        if self.web is not None:
            web = self.web
            lines.append(
                f"web: {web.fetched} pages fetched, {web.from_cache} read from the cache, "
                f"{web.duplicates} addresses of a page already read, {web.rejected} URLs rejected"
            )
            lines += [f"  {url}: {n} links" for url, n in web.expanded.items()]
        lines += [f"  rejected x{n}: {reason}" for reason, n in self.rejected.most_common()]
        return "\n".join(lines)


@dataclass
class Corpus:
    """The loader's tables as pandas DataFrames (empty frames with the right columns where a stage has no
    output yet)."""

    articles: pd.DataFrame
    statements: pd.DataFrame
    numbers: pd.DataFrame
    topics: pd.DataFrame
    stances: pd.DataFrame
    rejected: pd.DataFrame
    report: IngestReport = field(default_factory=IngestReport)

    @classmethod
    def from_tables(cls, tables: dict[str, pd.DataFrame], report: IngestReport | None = None) -> Corpus:
        frames = {t: tables.get(t, empty_frame(t)) for t in TABLES}
        frames["statements"] = canonicalise_speakers(frames["statements"])
        frames["stances"] = canonicalise_actors(frames["stances"], frames["statements"])
        return cls(**frames, report=report or IngestReport())

    def tables(self) -> dict[str, pd.DataFrame]:
        return {t: getattr(self, t) for t in TABLES}


def canonicalise_speakers(statements: pd.DataFrame) -> pd.DataFrame:
    """Across the corpus, a person named by surname alone in one article ("Rasmussen") takes the full
    name used elsewhere when exactly one full name ends with it."""
    if statements.empty:
        return statements
    persons = statements.loc[statements["speaker_type"] == "person", "speaker"].dropna().unique()
    mapping = _surname_mapping(persons)
    if not mapping:
        return statements
    out = statements.copy()
    out["speaker"] = out["speaker"].replace(mapping)
    return out


def canonicalise_actors(stances: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    """The same surname-to-full-name rule for stance actors, over the statements' speakers and the actors,
    so that an actor is named as the statements name the speaker."""
    if stances.empty:
        return stances
    persons = pd.concat(
        [
            statements.loc[statements["speaker_type"] == "person", "speaker"],
            stances.loc[stances["actor_type"] == "person", "actor"],
        ]
    )
    mapping = _surname_mapping(persons.dropna().unique())
    if not mapping:
        return stances
    out = stances.copy()
    out["actor"] = out["actor"].replace(mapping)
    return out


def _surname_mapping(persons) -> dict[str, str]:
    full_by_last: dict[str, set[str]] = {}
    for name in persons:
        parts = str(name).split()
        # a description ("The US Treasury Secretary") is no full name: "Secretary" elsewhere is not its holder
        if len(parts) > 1 and parts[0].lower() not in {"the", "a", "an"}:
            full_by_last.setdefault(parts[-1].lower(), set()).add(str(name))
    return {
        name: next(iter(full_by_last[str(name).lower()]))
        for name in persons
        if len(str(name).split()) == 1 and len(full_by_last.get(str(name).lower(), ())) == 1
    }


def content_pieces(start: int, end: int, fragments: object) -> list[tuple[int, int]]:
    """Character spans of a statement's content: its `content_fragments` ("s-e;s-e") when the quote was
    split by its attribution, else (content_start, content_end)."""
    if isinstance(fragments, str) and fragments:
        return [(int(a), int(b)) for a, b in (f.split("-") for f in fragments.split(";"))]
    return [(int(start), int(end))]
