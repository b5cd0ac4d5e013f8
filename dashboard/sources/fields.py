"""Map one input record (a dict of whatever fields a file had) onto an Article: field aliases, dates.

Must not read files or know about formats; a record that cannot be an article raises RecordError.

JSON may spell lone UTF-16 surrogates ("\\ud800"), which no UTF-8 file or Parquet table can hold; each one
in a text or label becomes U+FFFD, one character for one, so offsets into the text stay as they were.
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Mapping
from datetime import UTC, date, datetime

import pandas as pd

from dashboard.records import Article

# Accepted field names per Article field, matched case-insensitively; the first non-empty one wins.
ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article"),
    "title": ("title", "headline"),
    "published": ("published", "date", "publish_date", "timestamp"),
    "source": ("source", "outlet", "publisher", "domain"),
    "url": ("url", "link"),
    "record_id": ("id",),
}

NO_TEXT_REASON = f"no text field (expected one of {', '.join(ALIASES['text'])})"
EMPTY_TEXT_REASON = "empty text"

_YEARS = (1000, 2999)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_DIGITS = re.compile(r"[+-]?\d{9,}(\.\d+)?")


class RecordError(ValueError):
    """The record cannot become an article; the message is the one-line reason."""


def article_from_record(record: Mapping[object, object], origin: str, *, text: str | None = None) -> Article:
    """The Article for `record`; `text` (when given) replaces the record's text field, as for a file body."""
    fields = _by_alias(record)
    if text is None:
        if "text" not in fields:
            raise RecordError(NO_TEXT_REASON)
        text = _text_value(fields["text"])
    if not text.strip():
        raise RecordError(EMPTY_TEXT_REASON)
    return Article(
        text=_LONE_SURROGATE.sub("\ufffd", text),
        origin=origin,
        title=_label(fields.get("title")),
        source=_label(fields.get("source")),
        url=_label(fields.get("url")),
        published=parse_published(fields.get("published")),
        record_id=_record_id(fields.get("record_id")),
    )


def _by_alias(record: Mapping[object, object]) -> dict[str, object]:
    """Canonical field -> raw value; a present-but-empty alias is kept only if no later alias has a value."""
    lowered: dict[str, object] = {}
    for key, value in record.items():
        if isinstance(key, str):
            lowered.setdefault(key.strip().lstrip("\ufeff").lower(), value)
    found: dict[str, object] = {}
    for field_name, aliases in ALIASES.items():
        present = [lowered[a] for a in aliases if a in lowered]
        if present:
            found[field_name] = next((v for v in present if not _is_empty(v)), present[0])
    return found


def _is_empty(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _text_value(value: object) -> str:
    if _is_empty(value):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RecordError(f"text field is a {type(value).__name__}, not a string")
    return str(value)


def _label(value: object) -> str | None:
    """A short string field (title, source, url): stripped, None when empty or not a scalar."""
    if _is_empty(value) or isinstance(value, Mapping | list | tuple | bytes):
        return None
    return _LONE_SURROGATE.sub("\ufffd", str(value)).strip() or None


def _record_id(value: object) -> str | None:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _label(value)


def parse_published(value: object) -> datetime | None:
    """A timezone-aware UTC datetime from an ISO string, a date, or unix seconds/milliseconds; else None."""
    if _is_empty(value) or isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip()
        if _DIGITS.fullmatch(value):
            value = float(value)
    try:
        if isinstance(value, int | float) and _YEARS[0] <= value <= _YEARS[1] and float(value).is_integer():
            stamp = pd.Timestamp(year=int(value), month=1, day=1, tz="UTC")  # a bare year, not 1970 + 2018 s
        elif isinstance(value, int | float):
            stamp = pd.Timestamp(_epoch_seconds(float(value)), unit="s", tz="UTC")
        elif isinstance(value, datetime | date | str | pd.Timestamp):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "could not infer format" and dayfirst chatter
                stamp = pd.to_datetime(value, utc=True)
        else:
            return None
    except (ValueError, TypeError, OverflowError, pd.errors.OutOfBoundsDatetime):
        return None
    if stamp is None or pd.isna(stamp):
        return None
    return stamp.to_pydatetime().astimezone(UTC)


def _epoch_seconds(number: float) -> float:
    """Unix time in seconds, whether `number` was written in seconds, milliseconds, micro- or nanoseconds."""
    if not math.isfinite(number):
        raise ValueError("not a finite timestamp")
    for _ in range(3):
        if abs(number) < 1e11:  # seconds up to the year 5138
            break
        number /= 1000
    return number
