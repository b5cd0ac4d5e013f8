"""Statements search speed: the Statements page's query (one page of 500 matching statements, newest first,
with the count of matches) for common and rare words, phrases and a speaker, with and without a country
filter (through the store's word index where it has one, `python -m dashboard index`); and the bare scan in
DuckDB four ways (lower+contains, ILIKE, regexp with (?i) and with the page's classes of either case), to
choose by the numbers.

    .venv/bin/python bench/search_speed.py STORE [--runs N]

STORE is any store, e.g. one written by bench/dashboard_speed.generated_store. Prints medians in ms."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard import word_index  # noqa: E402
from dashboard.queries import Filters  # noqa: E402
from dashboard.queries.sql import StoreSQL, _search_patterns  # noqa: E402

SEARCHES = [
    "nato",
    "zeitenwende",
    '"brain death"',
    "macron spending",
    "kallas",
    "nato's",
    '"defence spending"',
    '"of the"',
]
SCANS = {
    "lower + contains": "contains(lower(content), $t)",
    "ILIKE": "content ILIKE '%' || $t || '%'",
    "regexp (?i)": "regexp_matches(content, '(?i)' || $t)",
    "regexp, classes": "regexp_matches(content, $pattern)",  # the page's: _search_patterns
}


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with StoreSQL(args.store) as sql:
        n = sql.count(Filters(), ("statements",))["statements"]
        files = sql._files["statements"]
        indexed = sum(word_index.indexed(args.store, f) for f in files) if sql._in_files else 0
        print(f"store: {n:,} statements; word index for {indexed} of its {len(files)} statements files")
        print(f"{'search':<22}{'matches':>12}{'page (all)':>13}{'page (DEU)':>13}")
        for search in SEARCHES:
            _, counts = sql.statements_page(Filters(), search)
            every = median_ms(lambda s=search: sql.statements_page(Filters(), s), args.runs)
            deu = median_ms(lambda s=search: sql.statements_page(Filters(countries=("DEU",)), s), args.runs)
            print(f"{search:<22}{counts['statements']:>12,}{every:>10.0f} ms{deu:>10.0f} ms")
        print("bare count of the statements holding a term, four ways:")
        print(f"  {'term':<10}" + "".join(f"{name:>18}" for name in SCANS))
        for term in ("nato", "spending"):
            params = {"t": term, "pattern": _search_patterns(term)[0]}
            times = [
                median_ms(
                    lambda p=predicate, given=params: sql._query(
                        f"SELECT count(*) FROM raw_statements WHERE {p}",
                        {k: v for k, v in given.items() if f"${k}" in p},
                    ).fetchone(),
                    args.runs,
                )
                for predicate in SCANS.values()
            ]
            print(f"  {term:<10}" + "".join(f"{ms:15.0f} ms" for ms in times))


if __name__ == "__main__":
    main()
