"""Ingest on a Dask cluster against one process, same texts, same run: `python -m dashboard ingest` with
`--workers 1` and with `--cluster local:N`, each into a fresh store, timed end to end (start-up, model
loads and store commits included). Checks that both stores hold the same rows in every table.

Prints seconds, words/s, words/s per worker and the speed-up. The corpus is loader_speed's: the sample
articles, each copy numbered (PolNeAR dev texts added when ../shared/eval is present)."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.loader_speed import corpus_texts, write_corpus  # noqa: E402


def ingest_seconds(folder: Path, store: Path, *options: str) -> float:
    cmd = [sys.executable, "-m", "dashboard", "ingest", str(folder), "--store", str(store), "--no-progress"]
    t0 = time.perf_counter()
    subprocess.run([*cmd, *options], check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - t0


def same_rows(a: Path, b: Path) -> list[str]:
    """The tables whose rows differ between stores `a` and `b` (order aside)."""
    from dashboard.schema import TABLES
    from dashboard.store import Store

    left, right = Store(a).read_all(), Store(b).read_all()
    differ = []
    for table in TABLES:
        x, y = left[table], right[table][list(left[table].columns)]
        key = list(x.columns[:2])
        x, y = (f.sort_values(key).reset_index(drop=True).astype(str) for f in (x, y))
        if not x.equals(y):
            differ.append(table)
    return differ


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--workers", type=int, default=2, help="Dask worker processes (local:N)")
    args = ap.parse_args()
    texts = corpus_texts(args.articles)
    words = sum(len(t.split()) for t in texts)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        write_corpus(texts, tmp / "corpus")
        one = ingest_seconds(tmp / "corpus", tmp / "one", "--workers", "1")
        many = ingest_seconds(tmp / "corpus", tmp / "dask", "--cluster", f"local:{args.workers}")
        differ = same_rows(tmp / "one", tmp / "dask")
    print(f"corpus: {len(texts)} articles, {words:,} words")
    print(f"--workers 1:            {one:6.1f} s  {words / one:8,.0f} words/s")
    print(
        f"--cluster local:{args.workers}:     {many:6.1f} s  {words / many:8,.0f} words/s  "
        f"({words / many / args.workers:,.0f} words/s per worker)"
    )
    print(f"speed-up: {one / many:.2f}x")
    print("tables: " + ("identical" if not differ else f"DIFFER in {', '.join(differ)}"))
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
