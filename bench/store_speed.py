"""Store speed: many batch commits into one store, against plain Parquet appends of the same frames (the
store before it had transactions) measured in the same run; then reads of the whole store and compaction.

Prints seconds per commit (first and last tenth), the ratio to a bare Parquet write, read time and the
files per table before and after `compact`. The batches are the rows of the bundled sample articles
(ingested once), each commit under new article ids."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ID_COLUMNS = ("article_id", "statement_id", "number_id", "stance_id", "content_hash")


def renamed(tables: dict, k: int) -> dict:
    """The sample tables with every id suffixed by ~k (a distinct batch of the same size)."""
    out = {}
    for table, df in tables.items():
        df = df.copy()
        for col in ID_COLUMNS:
            if col in df:
                df[col] = df[col].where(df[col].isna(), df[col] + f"~{k}")
        out[table] = df
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--commits", type=int, default=100, help="batches to commit (default 100)")
    args = ap.parse_args()

    import pyarrow as pa
    import pyarrow.parquet as pq

    from dashboard.loader import load_articles
    from dashboard.schema import arrow_schema
    from dashboard.store import Store

    tmp = Path(tempfile.mkdtemp(prefix="ddd-store-bench-"))
    try:
        tables = load_articles(ROOT / "data" / "articles").tables()
        rows = sum(len(df) for df in tables.values())
        store = Store(tmp / "store")
        commit_s, plain_s = [], []
        for k in range(args.commits):
            batch = renamed(tables, k)
            t0 = time.perf_counter()
            store.commit(batch, pipeline="bench")
            commit_s.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            for table, df in batch.items():
                folder = tmp / "plain" / table
                folder.mkdir(parents=True, exist_ok=True)
                data = pa.Table.from_pandas(df, schema=arrow_schema(table), preserve_index=False, safe=False)
                pq.write_table(data, folder / f"part-{k:05d}.parquet")
            plain_s.append(time.perf_counter() - t0)
        tenth = max(1, args.commits // 10)
        first, last = sum(commit_s[:tenth]) / tenth, sum(commit_s[-tenth:]) / tenth
        plain = sum(plain_s) / len(plain_s)
        print(f"{args.commits} commits of {rows:,} rows each ({len(tables['articles'])} articles)")
        print(f"  commit, first tenth  {first * 1000:7.0f} ms   ({first / plain:.1f}x a bare Parquet write)")
        print(f"  commit, last tenth   {last * 1000:7.0f} ms   ({last / plain:.1f}x)")
        print(f"  bare Parquet write   {plain * 1000:7.0f} ms   (no transaction, no keys)")
        t0 = time.perf_counter()
        stored = store.read_all()
        print(f"read_all: {time.perf_counter() - t0:.2f} s for {len(stored['statements']):,} statements")
        before = {t: len(store.file_uris(t)) for t in ("articles", "statements", "topics")}
        t0 = time.perf_counter()
        store.compact(retain_hours=0)
        after = {t: len(store.file_uris(t)) for t in before}
        print(f"compact: {time.perf_counter() - t0:.2f} s; files per table {before} -> {after}")
        t0 = time.perf_counter()
        store.read_all()
        print(f"read_all after compact: {time.perf_counter() - t0:.2f} s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
