"""Dashboard speed: median time of a page rerun after a filter change, on every page, measured with
Streamlit's AppTest (script run plus element serialisation, no browser) on two corpora:

- the sample corpus (data/articles ingested into a temporary store, or --store DIR), goal <= 150 ms;
- a generated corpus of --statements statements (default 100,000): the sample's rows copied with new ids
  and shifted dates, written with dashboard.store.Store, goal <= 500 ms (<= 1 s from 5,000,000 up).

Each measured rerun picks a country not chosen before (so the filtered tables are not cached yet), after
one warm-up run that reads the store. The pages of each corpus run in a process of their own, whose peak
memory is the app's. Prints a table of medians, the peak memory and the goals.

    .venv/bin/python bench/dashboard_speed.py [--store DIR] [--statements N] [--runs N]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard.store import Store  # noqa: E402

APP = ROOT / "app.py"
PAGES = {
    "Overview": "dashboard/ui/pages/overview.py",
    "Spending claims": "dashboard/ui/pages/spending.py",
    "Actor stances": "dashboard/ui/pages/stances.py",
    "Statements": "dashboard/ui/pages/statements.py",
    "Topics": "dashboard/ui/pages/topics.py",
    "Data": "dashboard/ui/pages/data.py",
}
# Issue 13: sample <= 150 ms; 1,000,000 statements <= 500 ms (app < 3 GB); 10,000,000 <= 1 s (< 4 GB).
GOALS = {"sample": 0.150, "generated": 0.500}
GOALS_10M = 1.0
CHUNK_STATEMENTS = 500_000
ID_COLUMNS = {
    "articles": ["article_id", "content_hash"],
    "statements": ["statement_id", "article_id"],
    "numbers": ["number_id", "article_id", "statement_id"],
    "topics": ["article_id", "statement_id"],
    "stances": ["stance_id", "article_id", "statement_id"],
}
TEXT_COLUMNS = {"statements": ["content", "sentence"]}


def sample_store(path: Path) -> Path:
    """Ingest data/articles into `path` with the dashboard's CLI (skipped when it already holds a store)."""
    if not Store(path).exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "dashboard",
                "ingest",
                str(ROOT / "data" / "articles"),
                "--store",
                str(path),
            ],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    return path


def generated_store(sample: Path, path: Path, n_statements: int, seed: int = 7) -> Path:
    """A store with at least `n_statements` statements: the sample's rows copied `k` times, each copy with
    its own ids (suffix ~k), its statements' texts made its own (the same suffix: repeated texts would let
    the Parquet files and DuckDB work on a few hundred distinct strings, and a search would scan them far
    faster than a real corpus), and its articles' dates shifted by up to two years. Committed in parts of
    about CHUNK_STATEMENTS statements, so that memory stays flat whatever the size."""
    tables = Store(sample).read_all()
    per_copy = max(len(tables["statements"]), 1)
    copies = -(-n_statements // per_copy)
    rng = np.random.default_rng(seed)
    store = Store(path)
    for first in range(0, copies, max(1, CHUNK_STATEMENTS // per_copy)):
        parts: dict[str, list[pd.DataFrame]] = {t: [] for t in ID_COLUMNS}
        for k in range(first, min(copies, first + max(1, CHUNK_STATEMENTS // per_copy))):
            shift = pd.to_timedelta(rng.integers(-365, 365, len(tables["articles"])), unit="D")
            for table, frames in parts.items():
                df = tables[table].copy()
                for col in ID_COLUMNS[table] + TEXT_COLUMNS.get(table, []):
                    df[col] = df[col].where(df[col].isna(), df[col] + f"~{k}")
                if table == "articles":
                    df["published"] = df["published"] + shift
                frames.append(df)
        store.commit({table: pd.concat(frames, ignore_index=True) for table, frames in parts.items()})
    return path


def page_times(store: Path, runs: int) -> dict[str, list[float]]:
    """Seconds per rerun after choosing a new country, for every page."""
    from streamlit.testing.v1 import AppTest

    from dashboard.queries import Filters
    from dashboard.queries.sql import StoreSQL

    with StoreSQL(store) as sql:  # the countries with most statements first (no table read whole)
        codes = sql.country_counts(Filters(), "statements")["iso3"].tolist()
    os.environ["DDD_STORE"] = str(store)
    out: dict[str, list[float]] = {}
    for title, page in PAGES.items():
        at = AppTest.from_file(str(APP), default_timeout=600)
        at.run()
        at.switch_page(page).run()  # warm-up: store read, options, first page run
        times = []
        for code in codes[: runs + 1]:
            at.sidebar.multiselect[0].set_value([code])
            start = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - start)
            if at.exception:
                print(f"{title}: page raised {at.exception[0].message}", file=sys.stderr)
                break
        else:
            out[title] = times[1:]  # the first change also warms per-page caches
    return out


def _peak_mb() -> float:
    """This process's peak resident memory in MB: VmHWM, which starts anew at exec (ru_maxrss would carry
    the parent's peak into a spawned child)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _measured(store: Path, runs: int) -> tuple[dict[str, list[float]], float]:
    """page_times in this (child) process, and its peak resident memory in MB."""
    times = page_times(store, runs)
    return times, _peak_mb()


def in_child(store: Path, runs: int) -> tuple[dict[str, list[float]], float]:
    """page_times run in a fresh process (spawned, so it holds nothing of this one's), with its peak MB."""
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(_measured, store, runs).result()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="sample store (default: ingest data/articles anew)")
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7, help="filter changes measured per page")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ddd-bench-") as tmp:
        sample = sample_store(args.store or Path(tmp) / "sample")
        started = time.perf_counter()
        big = generated_store(sample, Path(tmp) / "generated", args.statements)
        n_big = len(Store(big).read("statements", columns=["statement_id"]))
        print(f"generated corpus: {n_big:,} statements in {time.perf_counter() - started:.1f} s")
        results, peaks = {}, {}
        for corpus, store in (("sample", sample), ("generated", big)):
            results[corpus], peaks[corpus] = in_child(store, args.runs)
    print(f"\nmedian rerun after a filter change (AppTest, {args.runs} changes per page)")
    print(f"{'page':<18}{'sample':>10}{'generated':>12}")
    for title in PAGES:
        row = [
            f"{statistics.median(results[c][title]) * 1000:.0f} ms" if title in results[c] else "error"
            for c in ("sample", "generated")
        ]
        print(f"{title:<18}{row[0]:>10}{row[1]:>12}")
    print(f"{'app peak memory':<18}{peaks['sample']:>7.0f} MB{peaks['generated']:>9.0f} MB")
    own = _peak_mb()
    print(f"benchmark process (generating the corpus) peak memory: {own:.0f} MB")
    goals = GOALS | ({"generated": GOALS_10M} if n_big >= 5_000_000 else {})
    for corpus, goal in goals.items():
        worst = max(statistics.median(t) for t in results[corpus].values())
        failed = len(PAGES) - len(results[corpus])
        verdict = ("met" if worst <= goal else "NOT met") + (f" ({failed} page(s) failed)" if failed else "")
        print(f"{corpus}: slowest page median {worst * 1000:.0f} ms, goal <= {goal * 1000:.0f} ms: {verdict}")


if __name__ == "__main__":
    main()
