"""The statements' word index: for each statements data file of a store, two Parquet files, its words (runs
of ASCII letters and digits, lower-cased) and its postings, every word of every row with its place in the
row and the characters before it, sorted by word, so that a search for a word reads a few thousand words and
the rows of those that hold it instead of every text, and a phrase joins its words' postings on their
places.

A store's data files never change once written (a commit adds files, a compaction replaces them), so each
index part belongs to one data file, is written once (to temporary names, then renamed, the words file
last: a part is used only when both are there) and is deleted when its data file is gone. A data file
without a whole part is searched by a scan of its texts, so the index can be missing, partly built or
deleted without changing what a search finds; `python -m dashboard index --store DIR` builds the missing
parts of a store written before it.

Why it is exact: a statement holds a search term made only of ASCII letters and digits, in either case
(the search's own pattern, `dashboard.queries.sql._search_patterns`), exactly when one of its words holds
the term lower-cased, since a match can only lie inside one such run of letters and digits. A term of
several words, w1 s1 w2 ... wk (the s are what lies between them), matches exactly where k words follow
each other with w1 the end of the first, w2 ... the whole of the next ones and wk the start of the last,
and the characters between them are s1 ... exactly; when the s hold no letter, since the pattern matches
a letter outside A-Z in either case (`phrase`)."""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

import duckdb

WORD = "[A-Za-z0-9]+"
# a part: its distinct words, and (word, row, place in the row, the characters before it) sorted by word;
# the version changes with the layout
WORDS, ROWS = ".words-v2.parquet", ".rows-v2.parquet"
ROW_GROUP = 16_384  # postings per row group: a search reads the few groups that hold its words


def folder(root: str | os.PathLike) -> Path:
    return Path(root) / "search" / "statements"


def part_path(root: str | os.PathLike, data_file: str, suffix: str = WORDS) -> Path:
    """Where the index part of one statements data file is (by the file's name, which is unique): its
    words file (`suffix=ROWS`: its rows file)."""
    return folder(root) / (Path(data_file.removeprefix("file://")).name + suffix)


def indexed(root: str | os.PathLike, data_file: str) -> bool:
    """Whether a data file's part is whole (the words file is written last)."""
    return part_path(root, data_file).exists() and part_path(root, data_file, ROWS).exists()


def phrase(term: str) -> tuple[list[str], list[str]] | None:
    """A search term as the index answers it: its words lower-cased and what lies between them (none for
    one word); None when the index cannot answer it exactly (it does not begin and end with a word, or a
    letter lies between its words)."""
    parts = re.split(f"({WORD})", term)  # "", w1, s1, w2, ..., wk, ""
    if len(parts) < 3 or parts[0] or parts[-1]:
        return None
    between = parts[2:-1:2]
    if any(c.isalpha() for s in between for c in s):
        return None
    return [w.lower() for w in parts[1::2]], between


def build(root: str | os.PathLike, data_files: list[str]) -> int:
    """Write the missing index parts of `data_files` (statements data files of the store at `root`);
    returns how many were written."""
    written = 0
    for data_file in data_files:
        words = part_path(root, data_file)
        if indexed(root, data_file):
            continue
        words.parent.mkdir(parents=True, exist_ok=True)
        tmp = [words.with_name(f".{uuid.uuid4().hex}.tmp") for _ in range(2)]
        out = [str(t).replace("'", "''") for t in tmp]  # paths of ours (the store's folder, random names)
        try:
            with duckdb.connect(config={"autoload_known_extensions": False}) as con:
                con.execute("SET enable_progress_bar = false")  # (DuckDB would draw it on stdout)
                # a text split at its words gives what lies before each word (and after the last,
                # which has no word: unnest pads the shorter lists with NULL)
                con.execute(
                    "CREATE TABLE postings AS SELECT * FROM (SELECT file_row_number::INTEGER AS row, "
                    "unnest(list_transform(words, lambda x: lower(x))) AS w, "
                    "unnest(range(len(words)))::INTEGER AS place, "
                    f"unnest(regexp_split_to_array(content, '{WORD}')) AS sep FROM (SELECT *, "
                    f"regexp_extract_all(content, '{WORD}') AS words FROM read_parquet($source, "
                    "file_row_number = true) WHERE content IS NOT NULL)) WHERE w IS NOT NULL",
                    {"source": data_file.removeprefix("file://")},
                )
                con.execute(
                    f"COPY (SELECT w, row, place, sep FROM postings ORDER BY w, row, place) TO '{out[0]}' "
                    f"(FORMAT parquet, ROW_GROUP_SIZE {ROW_GROUP})"
                )
                con.execute(
                    f"COPY (SELECT DISTINCT w FROM postings ORDER BY w) TO '{out[1]}' (FORMAT parquet)"
                )
            os.replace(tmp[0], part_path(root, data_file, ROWS))
            os.replace(tmp[1], words)
        except duckdb.InterruptException as exc:  # Ctrl-C in a query: DuckDB's exception, Python's meaning
            raise KeyboardInterrupt from exc
        finally:
            for t in tmp:
                t.unlink(missing_ok=True)
        written += 1
    return written


def prune(root: str | os.PathLike) -> int:
    """Delete the parts whose data file is gone, parts of an older layout and temporary files a killed
    build left; returns how many files were deleted."""
    where = folder(root)
    if not where.is_dir():
        return 0
    data = Path(root) / "statements"
    removed = 0
    for path in where.iterdir():
        name = path.name.removesuffix(WORDS).removesuffix(ROWS)
        if name == path.name or not (data / name).exists():
            path.unlink(missing_ok=True)
            removed += 1
    return removed
