"""Read record files (JSON, JSON Lines, CSV, Parquet): one article or one rejection per object/line/row.

Must not drop a record silently or let one bad record stop the rest; must not unpickle or eval anything.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping

import pyarrow as pa
import pyarrow.parquet as pq

from dashboard.records import Article, Rejected
from dashboard.sources.decode import decode_bytes
from dashboard.sources.fields import RecordError, article_from_record

_CSV_DELIMITERS = (",", ";", "\t", "|")
_MAX_CSV_ERRORS_IN_A_ROW = 100
_PARQUET_BATCH_ROWS = 1_000
# Article bodies can exceed csv's default 128 KiB field limit; the file size limit already bounds them.
_CSV_FIELD_LIMIT = 2**31 - 1


def read_json(data: bytes, origin: str) -> Iterator[Article | Rejected]:
    """A JSON file holding one object (one article) or a list of objects (one article per item)."""
    try:
        value = json.loads(decode_bytes(data))
    except json.JSONDecodeError as exc:
        raise RecordError(f"invalid JSON: {exc}") from exc
    except RecursionError as exc:
        raise RecordError("invalid JSON: nested too deeply") from exc
    if isinstance(value, dict):
        yield article_from_record(value, origin)
    elif isinstance(value, list):
        if not value:
            raise RecordError("no records: the JSON list is empty")
        for number, item in enumerate(value, start=1):
            yield _record(item, origin, f"item {number}")
    else:
        raise RecordError(f"JSON must be an object or a list of objects, got {_json_kind(value)}")


def read_jsonl(data: bytes, origin: str) -> Iterator[Article | Rejected]:
    """A JSON Lines file: one object per line; blank lines are skipped, every other line gives one output."""
    text = decode_bytes(data)
    seen = False
    # Split on "\n" only: JSON strings may hold U+2028 and other characters str.splitlines() would break on.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        seen = True
        position = f"line {number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejected(origin, position, f"invalid JSON: {exc.msg} at column {exc.colno}")
            continue
        except RecursionError:
            yield Rejected(origin, position, "invalid JSON: nested too deeply")
            continue
        yield _record(item, origin, position)
    if not seen:
        raise RecordError("no records: the file has no JSON lines")


def read_csv(data: bytes, origin: str) -> Iterator[Article | Rejected]:
    """A CSV file with a header row; each data row gives one output (`row 1` is the first data row).

    A row with more non-empty cells than the header has columns is rejected, not cut to fit; a shorter row
    is read with the missing columns empty."""
    text = decode_bytes(data)
    if not text.strip():
        raise RecordError("empty file")
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=_guess_delimiter(text))
    header: list[str] | None = None
    number = errors_in_a_row = 0
    while True:
        try:
            cells = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            if header is None:
                raise RecordError(f"malformed CSV header: {_one_line(exc)}") from exc
            errors_in_a_row += 1
            if errors_in_a_row > _MAX_CSV_ERRORS_IN_A_ROW:
                raise RecordError(f"malformed CSV after row {number}: {_one_line(exc)}") from exc
            number += 1
            yield Rejected(origin, f"row {number}", f"malformed CSV row: {_one_line(exc)}")
            continue
        errors_in_a_row = 0
        if not cells:
            continue  # an empty line is not a record (a line of blanks or commas is, and gets "empty text")
        if header is None:
            header = cells
            continue
        number += 1
        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header) :]):
            # most often an unquoted delimiter inside the text: reading it would cut the text short
            yield Rejected(
                origin, f"row {number}", f"malformed CSV row: {len(cells)} cells for {len(header)} columns"
            )
            continue
        yield _record(dict(zip(header, cells, strict=False)), origin, f"row {number}")
    if header is None:
        raise RecordError("empty file")
    if number == 0:
        raise RecordError("no records: the CSV has a header row but no data rows")


def read_parquet(data: bytes, origin: str) -> Iterator[Article | Rejected]:
    """A Parquet table; each row gives one output (`row 1` is the first row)."""
    try:
        table = pq.ParquetFile(io.BytesIO(data))
        batches = table.iter_batches(batch_size=_PARQUET_BATCH_ROWS)
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise RecordError(f"unreadable Parquet file: {_one_line(exc)}") from exc
    number = 0
    for batch in batches:
        for row in batch.to_pylist():
            number += 1
            yield _record(row, origin, f"row {number}")
    if number == 0:
        raise RecordError("no records: the Parquet table has no rows")


def _record(item: object, origin: str, position: str) -> Article | Rejected:
    """One record -> Article, or Rejected with the reason; no exception escapes."""
    if not isinstance(item, Mapping):
        return Rejected(origin, position, f"expected a JSON object, got {_json_kind(item)}")
    try:
        return article_from_record(item, f"{origin}#{position}")
    except RecordError as exc:
        return Rejected(origin, position, str(exc))
    except Exception as exc:  # a crash in one record must not lose the others
        return Rejected(origin, position, f"unexpected error: {type(exc).__name__}: {_one_line(exc)}")


def _guess_delimiter(text: str) -> str:
    """The most frequent of , ; tab | in the header line (comma when none appears)."""
    header = text.lstrip("\r\n").split("\n", 1)[0]
    counts = {d: header.count(d) for d in _CSV_DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _json_kind(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number" if isinstance(value, int | float) else type(value).__name__)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__
