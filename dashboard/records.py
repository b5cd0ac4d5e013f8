"""Small typed records that flow from sources through nlp into tables.

Plain frozen dataclasses only: no I/O, no NLP, no pandas.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Article:
    """One article as read from an input record; `text` is exactly what was read (after decoding)."""

    text: str
    origin: str  # "path" or "path::member" or "path#line 3" — where the record came from
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: datetime | None = None
    record_id: str | None = None  # the record's own `id` field, kept as article_id when present


@dataclass(frozen=True)
class Rejected:
    """An input record that could not become an article, with a one-line reason."""

    path: str
    position: str
    reason: str


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Statement:
    """Direct, partial or indirect speech: who (speaker), how (cue), what (content); offsets into the text."""

    kind: str
    content: Span
    cue: Span | None
    speaker_mention: Span | None
    speaker: str | None
    speaker_type: str
    speaker_country: str | None = None
    speaker_role: str | None = None
    speaker_org: str | None = None
    sentence: Span | None = None
    confidence: float = 0.5
    fragments: tuple[Span, ...] = ()  # the quoted pieces when one utterance is split by its attribution


_WS = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """The form used for duplicate detection: NFKC, plain quotes and dashes, one space, casefolded."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_PUNCT)
    return _WS.sub(" ", text).strip().casefold()


_PUNCT = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)


def content_hash(text: str) -> str:
    """Stable id of an article's normalised text (16 hex digits of SHA-256)."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]
