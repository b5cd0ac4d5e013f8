"""The Parquet store: one folder per table, append-only part files, read back as conformed DataFrames.

Knows tables and files only; it never runs NLP and never unpickles anything (Parquet and JSON only)."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from dashboard.schema import TABLES, conform, empty_frame

MANIFEST = "manifest.json"


class Store:
    """A folder holding `<table>/part-*.parquet` for every table and a small JSON manifest."""

    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root)

    def exists(self) -> bool:
        return (self.root / MANIFEST).exists()

    def missing_message(self) -> str:
        """What to tell a user who points a command at a folder that holds no store."""
        return f"error: no store at {self.root}; run `python -m dashboard ingest PATH --store {self.root}`"

    def append(self, table: str, df: pd.DataFrame) -> None:
        """Write `df` as a new part of `table` (atomic: written to a temporary name, then renamed)."""
        if df.empty:
            return
        folder = self.root / table
        folder.mkdir(parents=True, exist_ok=True)
        df = conform(df, table)
        name = f"part-{pd.Timestamp.now(tz='UTC'):%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:8]}.parquet"
        tmp = folder / f".{name}.tmp"
        pq.write_table(pa.Table.from_pandas(df, preserve_index=False), tmp)
        tmp.replace(folder / name)

    def read(self, table: str, columns: list[str] | None = None) -> pd.DataFrame:
        """All parts of `table` as one frame with the contract's dtypes (empty frame when none)."""
        parts = sorted((self.root / table).glob("part-*.parquet")) if (self.root / table).exists() else []
        if not parts:
            frame = empty_frame(table)
            return frame[columns] if columns else frame
        frames = [pq.read_table(p, columns=columns).to_pandas() for p in parts]
        df = pd.concat(frames, ignore_index=True)
        if columns:
            spec = TABLES[table]
            return pd.DataFrame(
                {c: conform(df.assign(**{k: None for k in spec if k not in df}), table)[c] for c in columns}
            )
        return conform(df, table)

    def read_all(self) -> dict[str, pd.DataFrame]:
        return {table: self.read(table) for table in TABLES}

    def manifest(self) -> dict:
        path = self.root / MANIFEST
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}

    def write_manifest(self, data: dict) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.root / f".{MANIFEST}.tmp"
        tmp.write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")
        tmp.replace(self.root / MANIFEST)

    def known_articles(self) -> dict[str, tuple[str, str]]:
        """content_hash -> (article_id, pipeline version) for every stored article."""
        path = self.root / "articles"
        parts = sorted(path.glob("part-*.parquet")) if path.exists() else []
        known: dict[str, tuple[str, str]] = {}
        for part in parts:
            t = pq.read_table(part, columns=["content_hash", "article_id", "pipeline"]).to_pydict()
            for h, a, p in zip(t["content_hash"], t["article_id"], t["pipeline"], strict=True):
                known[h] = (a, p)
        return known
