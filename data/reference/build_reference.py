"""Build data/reference/nato_defence_expenditure.csv from the parsed NATO tables in ../shared/reference.

Reads the two source CSVs and writes one tidy file; it never fetches anything and never fills a blank cell.

Run from the repository root:  python data/reference/build_reference.py [--source DIR] [--out FILE]

Each source row names the NATO publication it was read from in its `source` column. The edition of a row is
taken from that text, not from the file it sits in: the June 2024 file also carries 2025 rows copied from the
August 2025 edition (the June 2024 edition stops at 2024). Rows that appear in both files must agree; they are
kept once. Rows without a percentage (Iceland, which NATO does not report; Germany 2025, blank in the 2025
edition) are skipped.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
DEFAULT_SOURCE = REPO_ROOT.parent / "shared" / "reference"
DEFAULT_OUT = HERE / "nato_defence_expenditure.csv"

SOURCE_FILES = ("nato_defence_expenditure.csv", "nato_defence_expenditure_2025_edition.csv")

# How a source row's `source` text names its publication -> the edition's publication date.
EDITIONS = {
    "NATO Defence Expenditure of NATO Countries 2014-2024; 17 Jun 2024": "2024-06-17",
    "NATO Defence Expenditure of NATO Countries 2014-2025; 28 Aug 2025": "2025-08-28",
}
# Last year each edition covers; a row claiming a later year is a parsing error.
LAST_YEAR = {"2024-06-17": 2024, "2025-08-28": 2025}

COLUMNS = ["iso3", "country", "year", "pct_gdp", "edition", "estimate", "usd_million_current"]
BOOLS = {"true": True, "false": False}


def _edition_of(source: str) -> str | None:
    found = {date for marker, date in EDITIONS.items() if marker in source}
    if len(found) > 1:
        raise ValueError(f"source names more than one edition: {source!r}")
    return found.pop() if found else None


def read_source(path: Path) -> pd.DataFrame:
    """One source CSV as tidy rows with an edition, blank percentages dropped."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    raw = raw[raw["pct_gdp"].str.strip() != ""].copy()
    raw["edition"] = raw["source"].map(_edition_of)
    unnamed = raw[raw["edition"].isna()]
    if not unnamed.empty:
        rows = unnamed[["iso3", "year"]].to_dict("records")
        raise ValueError(f"{path.name}: rows with a figure but no known edition in `source`: {rows}")
    bad_estimate = set(raw["estimate"]) - set(BOOLS)
    if bad_estimate:
        raise ValueError(f"{path.name}: estimate values {sorted(bad_estimate)} are not true/false")
    return pd.DataFrame(
        {
            "iso3": raw["iso3"].str.strip(),
            "country": raw["country"].str.strip(),
            "year": raw["year"].astype(int),
            "pct_gdp": raw["pct_gdp"].astype(float),
            "edition": raw["edition"],
            "estimate": raw["estimate"].map(BOOLS).astype(bool),
            "usd_million_current": pd.to_numeric(raw["usd_million_current"].replace("", None)).astype(float),
        }
    )


def build(source_dir: Path = DEFAULT_SOURCE) -> pd.DataFrame:
    """The reference table: one row per (iso3, year, edition), sorted by edition, iso3, year."""
    frames = [read_source(Path(source_dir) / name) for name in SOURCE_FILES]
    rows = pd.concat(frames, ignore_index=True)
    late = rows[rows["year"] > rows["edition"].map(LAST_YEAR)]
    if not late.empty:
        raise ValueError(f"rows after their edition's last year: {late[['iso3', 'year', 'edition']]}")
    key = ["iso3", "year", "edition"]
    # The same (iso3, year, edition) read from both files must be the same figure.
    check = rows.groupby(key).agg(
        n=("pct_gdp", "size"), values=("pct_gdp", "nunique"), estimates=("estimate", "nunique")
    )
    conflicts = check[(check["values"] > 1) | (check["estimates"] > 1)]
    if not conflicts.empty:
        raise ValueError(f"conflicting duplicate rows: {conflicts.index.tolist()}")
    # Keep the row with the most information (a USD figure) when a row appears twice.
    rows = rows.sort_values([*key, "usd_million_current"], na_position="last")
    rows = rows.drop_duplicates(key, keep="first")
    return rows.sort_values(["edition", "iso3", "year"]).reset_index(drop=True)[COLUMNS]


def to_csv_text(table: pd.DataFrame) -> str:
    """The shipped CSV's exact text for a built table (booleans as true/false, blanks for missing USD)."""
    out = table.copy()
    out["estimate"] = out["estimate"].map({True: "true", False: "false"})
    return out.to_csv(index=False, lineterminator="\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="folder with the source CSVs")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="CSV to write")
    args = parser.parse_args(argv)
    table = build(args.source)
    args.out.write_text(to_csv_text(table), encoding="utf-8")
    counts = table.groupby("edition").size().to_dict()
    print(f"wrote {len(table)} rows to {args.out} ({counts})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
