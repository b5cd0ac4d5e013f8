"""Table contracts: the columns, dtypes and allowed values of every table the loader produces.

Frames are checked here where they are built; this module knows nothing about how rows are made.
"""

from __future__ import annotations

import re

import pandas as pd

STR = "string"
INT = "Int64"
FLOAT = "Float64"
BOOL = "boolean"
DATE = "datetime64[ns, UTC]"
LIST = "object"  # list[str] cells

TABLES: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": STR,
        "title": STR,
        "source": STR,
        "url": STR,
        "published": DATE,
        "text": STR,
        "language": STR,
        "n_words": INT,
        "countries": LIST,
        "origin": STR,  # file path (and member / record position) the article was read from
        "content_hash": STR,
        "pipeline": STR,  # model and extractor version that produced the article's rows
        "processing_note": STR,  # why an article has no extraction (not English, extraction failed)
    },
    "statements": {
        "statement_id": STR,
        "article_id": STR,
        "kind": STR,
        "speaker": STR,
        "speaker_type": STR,
        "speaker_country": STR,
        "speaker_role": STR,
        "speaker_org": STR,
        "speaker_mention": STR,
        "cue": STR,
        "content": STR,
        "sentence": STR,
        "content_start": INT,
        "content_end": INT,
        "content_fragments": STR,  # "start-end;start-end" when quoted pieces sit around the attribution
        "speaker_start": INT,
        "speaker_end": INT,
        "cue_start": INT,
        "cue_end": INT,
        "sentence_start": INT,
        "confidence": FLOAT,
    },
    "numbers": {
        "number_id": STR,
        "article_id": STR,
        "statement_id": STR,
        "value": FLOAT,
        "unit": STR,
        "currency": STR,
        "total": FLOAT,
        "qualifier": STR,
        "country": STR,
        "year": INT,
        "kind": STR,
        "is_defence_spending": BOOL,
        "text": STR,
        "sentence": STR,
        "start": INT,
        "end": INT,
        # claim check against NATO's series (dashboard.claims): percent-of-GDP figures with country and year
        "official_value": FLOAT,
        "edition": STR,
        "difference": FLOAT,
        "verdict": STR,
        "met_guideline": BOOL,
    },
    "topics": {
        "article_id": STR,
        "statement_id": STR,
        "topic": STR,
        "score": FLOAT,
        "sentence_start": INT,
    },
    "stances": {
        "stance_id": STR,
        "article_id": STR,
        "statement_id": STR,
        "actor": STR,
        "actor_type": STR,
        "actor_country": STR,
        "target": STR,
        "polarity": STR,
        "score": FLOAT,
        "evidence": STR,
        "evidence_start": INT,
        "evidence_end": INT,
        "confidence": FLOAT,
        "method": STR,
    },
    "rejected": {
        "path": STR,
        "position": STR,  # record position inside the file: zip member, line number, row index
        "reason": STR,
    },
}

# What identifies a row of each table: the store never holds two rows with the same key.
KEYS: dict[str, list[str]] = {
    "articles": ["article_id"],
    "statements": ["statement_id"],
    "numbers": ["number_id"],
    "topics": ["article_id", "statement_id", "topic", "sentence_start"],
    "stances": ["stance_id"],
    "rejected": ["path", "position", "reason"],
}

ALLOWED: dict[tuple[str, str], set[str]] = {
    ("statements", "kind"): {"direct", "partial", "indirect"},
    ("statements", "speaker_type"): {"person", "organization", "country", "anonymous", "unknown"},
    ("stances", "polarity"): {"support", "oppose", "neutral"},
    ("stances", "actor_type"): {"person", "organization", "country"},
    ("numbers", "unit"): {"percent_of_gdp", "percent", "money", "count"},
    ("numbers", "kind"): {"reported", "target", "other"},
    ("numbers", "verdict"): {"consistent", "overstated", "understated"},
}


# Values given by a pattern: a stance row cites the rule that decided it (`rule:<id>`, the ids of
# dashboard/nlp/stance_rules.py; a bare `rule` in rows stored before rules had ids) or was corrected by hand.
PATTERNS: dict[tuple[str, str], re.Pattern[str]] = {
    ("stances", "method"): re.compile(r"rule(:[a-z][a-z0-9_]*)?|analyst"),
}


class SchemaError(ValueError):
    """A frame does not meet its table contract."""


def empty_frame(table: str) -> pd.DataFrame:
    """An empty frame with the table's columns and dtypes."""
    return pd.DataFrame({col: pd.Series(dtype=dtype) for col, dtype in TABLES[table].items()})


def conform(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """Return `df` with exactly the table's columns (missing ones null) cast to the contract's dtypes."""
    spec = TABLES[table]
    out = pd.DataFrame(index=df.index)
    for col, dtype in spec.items():
        series = df[col] if col in df.columns else pd.Series([None] * len(df), index=df.index)
        if dtype == DATE:
            out[col] = pd.to_datetime(series, utc=True, errors="coerce").astype(DATE)
        elif dtype == LIST:
            out[col] = series.map(lambda v: list(v) if v is not None and not _is_na(v) else [])
        else:
            out[col] = series.astype(dtype)
    out = out.reset_index(drop=True)
    validate(out, table)
    return out


def validate(df: pd.DataFrame, table: str) -> None:
    """Raise SchemaError when `df` breaks the table contract."""
    spec = TABLES[table]
    missing = [c for c in spec if c not in df.columns]
    if missing:
        raise SchemaError(f"{table}: missing columns {missing}")
    for col, dtype in spec.items():
        if str(df[col].dtype) != dtype:
            raise SchemaError(f"{table}.{col}: dtype {df[col].dtype}, expected {dtype}")
    for (tab, col), allowed in ALLOWED.items():
        if tab == table:
            bad = set(df[col].dropna().unique()) - allowed
            if bad:
                raise SchemaError(f"{table}.{col}: values {sorted(bad)} not in {sorted(allowed)}")
    for (tab, col), pattern in PATTERNS.items():
        if tab == table:
            bad = {v for v in df[col].dropna().unique() if not pattern.fullmatch(v)}
            if bad:
                raise SchemaError(f"{table}.{col}: values {sorted(bad)} do not match {pattern.pattern}")


def _is_na(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def arrow_schema(table: str):
    """The table's columns as a pyarrow schema (how the store writes them: microsecond UTC timestamps,
    lists of strings), so a batch whose list cells are all empty is still written with the right type."""
    import pyarrow as pa

    types = {
        STR: pa.string(),
        INT: pa.int64(),
        FLOAT: pa.float64(),
        BOOL: pa.bool_(),
        DATE: pa.timestamp("us", tz="UTC"),
        LIST: pa.list_(pa.string()),
    }
    return pa.schema([(col, types[dtype]) for col, dtype in TABLES[table].items()])
