"""Analysts' corrections at scale: what N corrections add to a page rerun on a generated store of --statements
statements (issue 14: 100,000 corrections on 1,000,000 statements add <= 200 ms).

Builds the generated store (bench/dashboard_speed.py), measures every page's median rerun after a filter
change without corrections, records N corrections in one transaction (60% statements: a speaker's country
changed or the statement rejected; 20% numbers: country and year; 20% stances: polarity), then measures the
pages again, and the time DuckDB needs to open the store with them (once per new correction).

    .venv/bin/python bench/corrections_speed.py [--statements 1000000] [--corrections 100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.dashboard_speed import PAGES, generated_store, in_child, sample_store  # noqa: E402
from dashboard import corrections  # noqa: E402
from dashboard.queries.sql import StoreSQL  # noqa: E402
from dashboard.store import Store  # noqa: E402

GOAL_MS = 200


def record(store: Path, n: int) -> float:
    """Record `n` corrections spread over the three tables; seconds taken."""
    started = time.perf_counter()
    counts = {"statements": n * 6 // 10, "numbers": n * 2 // 10}
    counts["stances"] = n - sum(counts.values())
    for table, k in counts.items():
        rows = Store(store).read(table).sample(k, random_state=3) if k else None
        if rows is None:
            continue
        items = []
        for i, row in enumerate(rows.to_dict("records")):
            if table == "statements":
                change = {"rejected": True} if i % 5 == 0 else {"speaker_country": "FRA"}
            elif table == "numbers":
                change = {"country": "POL", "year": 2024}
            else:
                change = {"polarity": "oppose" if row["polarity"] != "oppose" else "support"}
            items.append((row, change))
        corrections.record_many(store, table, items, analyst="bench")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--corrections", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3, help="filter changes measured per page")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ddd-bench-") as tmp:
        big = generated_store(sample_store(Path(tmp) / "sample"), Path(tmp) / "generated", args.statements)
        before, _ = in_child(big, args.runs)
        opened = time.perf_counter()
        StoreSQL(big).close()
        open_before = time.perf_counter() - opened
        seconds = record(big, args.corrections)
        stored = len(corrections.read_corrections(big))
        opened = time.perf_counter()
        StoreSQL(big).close()
        open_after = time.perf_counter() - opened
        after, peak = in_child(big, args.runs)
    print(f"{stored:,} corrections recorded in {seconds:.1f} s ({stored / seconds:,.0f}/s)")
    print(f"opening the store in DuckDB: {open_before:.2f} s without, {open_after:.2f} s with them")
    print(f"\nmedian rerun after a filter change ({args.runs} per page), {args.statements:,} statements")
    print(f"{'page':<18}{'without':>10}{'with':>10}{'added':>10}")
    added = []
    for title in PAGES:
        if title not in before or title not in after:
            print(f"{title:<18}{'error':>10}")
            continue
        a, b = statistics.median(before[title]) * 1000, statistics.median(after[title]) * 1000
        added.append(b - a)
        print(f"{title:<18}{a:>8.0f} ms{b:>8.0f} ms{b - a:>+8.0f} ms")
    print(f"app peak memory with corrections: {peak:.0f} MB")
    worst = max(added) if added else float("nan")
    verdict = "met" if worst <= GOAL_MS else "NOT met"
    print(f"most added to a page: {worst:+.0f} ms, goal <= {GOAL_MS} ms: {verdict}")


if __name__ == "__main__":
    main()
