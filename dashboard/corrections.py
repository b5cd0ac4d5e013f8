"""Analysts' corrections of statements, numbers and stances: an embedded SQLite database in the store,
applied whenever its tables are read.

`<store>/corrections/corrections.sqlite` (SQLite in WAL mode: several analysts in several processes write at
once, each correction one short transaction, and readers never wait) holds one row per correction:

- `set`: one column of one row changed (`field`, `old`, `new`); `rejected` set to true marks "not a
  statement" / "not a claim" / "not a stance" (false restores the row); `confirmed` marks a row an analyst
  checked and found right (it changes nothing; it counts in `agreement`);
- `add`: a row the extractor missed (`new` holds its columns as JSON);
- `undo`: takes back an earlier correction (`undoes`).

A second table, `no_stance`, holds the sentences on a stance target an analyst checked and found to state no
stance on it (`mark_no_stance`): they leave the review queue of missed stances.

Every correction records who (`analyst`: given, else `DDD_ANALYST`, else the user name), when (UTC) and an
optional note. A row is found again by its article and text span, not by a row number: statements by their
content span, numbers by their span, stances by their evidence span, target and (as extracted) actor. So a
correction survives a re-ingest and a pipeline version change; one whose row is gone is listed by
`orphaned`, never dropped. The newest correction of a field wins; a changed stance gets method `analyst`
and confidence 1 (its polarity sets the sign of its score), a changed number is checked against NATO's
figures again. Values are JSON in the database, never pickled; notes are only ever shown as text.

Python: `record`, `add_row`, `undo`, `history`, `read_corrections`, `apply_corrections(frame, corrections,
table)`, `orphaned`, `mark_no_stance`, `jsonl`."""

from __future__ import annotations

import getpass
import json
import os
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.schema import KEYS, TABLES, conform
from dashboard.sqlite_wal import open_wal

TABLES_CORRECTED = ("statements", "numbers", "stances")
RELATIVE_PATH = Path("corrections") / "corrections.sqlite"
LEGACY_PATH = Path("corrections") / "stances.csv"  # stance verdicts before the database, imported once
ANALYST_ENV = "DDD_ANALYST"
MAX_NOTE = 500  # characters kept of an analyst's note
MAX_VALUE = 5_000  # characters of a corrected text value
CORRECTED_MAGNITUDE = 0.5  # |score| given to a row corrected from neutral (its own score was about 0)
NEAR_ZERO = 0.05  # a score this close to 0 is neutral (as in the stance extractor)
VERDICTS = ("support", "oppose", "neutral", "not_a_stance")  # the stance page's choices
# (start, end) columns of the span a row is found by, and the other key columns
SPAN = {
    "statements": ("content_start", "content_end"),
    "numbers": ("start", "end"),
    "stances": ("evidence_start", "evidence_end"),
}
EXTRA_KEY = {"statements": (), "numbers": (), "stances": ("target", "actor")}
EDITABLE = {
    "statements": (
        "speaker",
        "speaker_type",
        "speaker_country",
        "speaker_role",
        "kind",
        "rejected",
        "confirmed",
    ),
    "numbers": ("value", "unit", "currency", "qualifier", "country", "year", "kind", "rejected", "confirmed"),
    "stances": ("polarity", "actor", "actor_type", "actor_country", "target", "rejected", "confirmed"),
}
FLAGS = ("rejected", "confirmed")  # not columns: "not a ..." and "checked, right as extracted"
COLUMNS = [
    "id", "table", "article_id", "span_start", "span_end", "target", "actor", "action", "field", "old",
    "new", "analyst", "at", "note", "undoes",
]  # fmt: skip
# what a correction finds its row by
KEY_COLUMNS = ["article_id", "span_start", "span_end", "target", "actor"]
_DTYPES = {c: "string" for c in COLUMNS} | {
    "id": "int64",
    "span_start": "Int64",
    "span_end": "Int64",
    "undoes": "Int64",
}
_QUOTED = [f'"{c}"' for c in COLUMNS]  # "table" is a keyword
_SELECT = f"SELECT {', '.join(_QUOTED)} FROM corrections"
_INSERT = f"INSERT INTO corrections ({', '.join(_QUOTED[1:])}) VALUES ({', '.join('?' * (len(COLUMNS) - 1))})"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "table" TEXT NOT NULL CHECK ("table" IN ('statements', 'numbers', 'stances')),
    article_id TEXT NOT NULL,
    span_start INTEGER,
    span_end INTEGER,
    target TEXT,
    actor TEXT,
    action TEXT NOT NULL CHECK (action IN ('set', 'add', 'undo')),
    field TEXT,
    old TEXT,
    new TEXT,
    analyst TEXT NOT NULL,
    at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    undoes INTEGER REFERENCES corrections(id)
);
CREATE INDEX IF NOT EXISTS corrections_row ON corrections ("table", article_id, span_start);
CREATE TABLE IF NOT EXISTS imported (name TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS no_stance (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    target TEXT NOT NULL,
    analyst TEXT NOT NULL,
    at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (article_id, span_start, target)
);
"""
NO_STANCE_COLUMNS = ["id", "article_id", "span_start", "span_end", "target", "analyst", "at", "note"]


class CorrectionError(ValueError):
    """A correction that cannot be recorded (unknown table, field or row, a bad value)."""


def database_path(store: str | Path) -> Path:
    return Path(store) / RELATIVE_PATH


def analyst_name(name: str | None = None) -> str:
    """Who makes a correction: `name`, else $DDD_ANALYST, else the login name."""
    chosen = " ".join(str(name or os.environ.get(ANALYST_ENV) or _login()).split())[:100]
    return chosen or "analyst"


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "analyst"


@contextmanager
def _connect(store: str | Path) -> Iterator[sqlite3.Connection]:
    """The store's corrections database (created on first use; the legacy stance CSV is imported once)."""
    with closing(
        open_wal(database_path(store), _SCHEMA, lambda con: _import_legacy(con, Path(store)))
    ) as con:
        yield con


def _now() -> str:
    return pd.Timestamp.now(tz="UTC").isoformat(timespec="microseconds")


def _stamp(analyst: str | None, note: str | None) -> dict[str, str]:
    """Who records a correction, when, and the note as one line."""
    return {
        "analyst": analyst_name(analyst),
        "at": _now(),
        "note": " ".join(str(note or "").split())[:MAX_NOTE],
    }


def _json(value: object) -> str | None:
    if value is None or (not isinstance(value, (list, dict, str)) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()  # numpy scalars
    return json.dumps(value, ensure_ascii=False)


def _insert(con: sqlite3.Connection, rows: list[dict[str, object]]) -> list[int]:
    """Insert correction rows in one transaction; their ids."""
    ids = []
    con.execute("BEGIN IMMEDIATE")
    try:
        for row in rows:
            cur = con.execute(_INSERT, [row.get(c) for c in COLUMNS[1:]])
            ids.append(int(cur.lastrowid))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return ids


def _key_of(table: str, row: Mapping[str, object]) -> dict[str, object]:
    """The columns a row is found again by (article, span, and for stances target and actor)."""
    start, end = SPAN[table]
    key = {"article_id": row.get("article_id"), "span_start": row.get(start), "span_end": row.get(end)}
    for column in ("target", "actor"):
        key[column] = row.get(column) if column in EXTRA_KEY[table] else None
    if not key["article_id"] or any(pd.isna(key[c]) for c in ("span_start", "span_end")):
        raise CorrectionError(f"a {table} row needs its article and span to be corrected: {dict(row)!r}")
    return {k: (int(v) if k.startswith("span") else v) for k, v in key.items()}


def stored_row(store: str | Path, table: str, row_id: str) -> dict[str, object]:
    """One row of the store's current snapshot by its id, as extracted (no correction applied)."""
    from dashboard.store import Store

    _check_table(table)
    article_id, _, added = str(row_id).rpartition(":analyst")
    if article_id and added.isdigit():  # a row an analyst added
        with _connect(store) as con:
            found = con.execute(
                "SELECT new FROM corrections WHERE id = ? AND action = 'add' AND \"table\" = ?",
                [int(added), table],
            ).fetchone()
        if found is None:
            raise CorrectionError(f"no {table} row {row_id!r} added by an analyst")
        return json.loads(found[0]) | {KEYS[table][0]: row_id}
    files = Store(store).file_uris(table)
    id_column = KEYS[table][0]
    if files:
        with closing(duckdb.connect()) as con:
            found = (
                con.sql(
                    f"SELECT * FROM read_parquet($files) WHERE {id_column} = $id",
                    params={"files": files, "id": row_id},
                )
                .to_arrow_table()
                .to_pandas()
            )
        if len(found):
            return found.iloc[0].to_dict()
    raise CorrectionError(f"no {table} row {row_id!r} in the store")


def _check_table(table: str) -> None:
    if table not in TABLES_CORRECTED:
        raise CorrectionError(f"corrections apply to {', '.join(TABLES_CORRECTED)}, not {table!r}")


def _value(table: str, field: str, value: object) -> object:
    """`value` checked and cast for `field` of `table`."""
    if field in FLAGS:
        return bool(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    dtype = TABLES[table][field]
    try:
        if dtype == "Float64":
            return float(value)
        if dtype == "Int64":
            return int(value)
    except (TypeError, ValueError) as err:
        raise CorrectionError(f"{field} must be a number, not {value!r}") from err
    text = " ".join(str(value).split())[:MAX_VALUE]
    allowed = _allowed(table, field)
    if allowed and text not in allowed:
        raise CorrectionError(f"{field} must be one of {', '.join(sorted(allowed))}, not {text!r}")
    return text


def _allowed(table: str, field: str) -> set[str]:
    from dashboard.schema import ALLOWED

    return ALLOWED.get((table, field), set())


def record(
    store: str | Path,
    table: str,
    row: Mapping[str, object] | str,
    changes: Mapping[str, object],
    *,
    analyst: str | None = None,
    note: str = "",
) -> list[int]:
    """Record `changes` (column -> new value; `rejected: True` for "not a statement/claim/stance") of one
    row of `table`, given as its id (looked up in the store) or as the stored row itself. One transaction;
    the ids of the corrections."""
    if isinstance(row, str):
        row = stored_row(store, table, row)
    rows = _set_rows(table, [(row, changes)], analyst, note)
    with _connect(store) as con:
        return _insert(con, rows)


def record_many(
    store: str | Path,
    table: str,
    items: list[tuple[Mapping[str, object], Mapping[str, object]]],
    *,
    analyst: str | None = None,
    note: str = "",
) -> int:
    """`record` for many (stored row, changes) pairs of `table` in one transaction (an import of another
    team's coding, a benchmark); how many corrections were stored."""
    rows = _set_rows(table, items, analyst, note)
    with _connect(store) as con:
        return len(_insert(con, rows))


def _set_rows(
    table: str, items: list[tuple[Mapping[str, object], Mapping[str, object]]], analyst: str | None, note: str
) -> list[dict[str, object]]:
    """The `set` corrections of (stored row, changes) pairs, checked."""
    _check_table(table)
    stamp = _stamp(analyst, note)
    rows = []
    for row, changes in items:
        unknown = [f for f in changes if f not in EDITABLE[table]]
        if unknown or not changes:
            raise CorrectionError(
                f"{table}: can change {', '.join(EDITABLE[table])}, not {unknown or 'nothing'}"
            )
        base = _key_of(table, row) | {"table": table, "action": "set"} | stamp
        for field, value in changes.items():
            old = _json(row.get(field, False if field in FLAGS else None))
            rows.append(base | {"field": field, "old": old, "new": _json(_value(table, field, value))})
    return rows


def add_row(
    store: str | Path, table: str, values: Mapping[str, object], *, analyst: str | None = None, note: str = ""
) -> int:
    """Record a row the extractor missed: a statement (article_id, content_start, content_end, content and
    any of speaker, speaker_country, speaker_role, kind, speaker_start, speaker_end) or a stance (article_id,
    evidence_start, evidence_end, evidence, actor, target, polarity and any of actor_type, actor_country,
    statement_id). Its id."""
    if table not in ("statements", "stances"):
        raise CorrectionError(f"rows can be added to statements and stances, not {table}")
    needed = {
        "statements": ("article_id", "content_start", "content_end", "content"),
        "stances": (
            "article_id",
            "evidence_start",
            "evidence_end",
            "evidence",
            "actor",
            "target",
            "polarity",
        ),
    }[table]
    missing = [c for c in needed if values.get(c) in (None, "")]
    if missing:
        raise CorrectionError(f"a new {table} row needs {', '.join(missing)}")
    clean = {}
    for column, value in values.items():
        if column not in TABLES[table]:
            raise CorrectionError(f"{table} has no column {column!r}")
        clean[column] = value if column in ("article_id", "statement_id") else _value(table, column, value)
    key = _key_of(table, clean)
    entry = key | {"table": table, "action": "add", "new": json.dumps(clean, ensure_ascii=False)}
    entry |= _stamp(analyst, note)
    with _connect(store) as con:
        return _insert(con, [entry])[0]


def undo(store: str | Path, correction_id: int, *, analyst: str | None = None, note: str = "") -> int:
    """Take back correction `correction_id` (its row returns to what it was before it); the undo's id."""
    with _connect(store) as con:
        found = con.execute(
            f'SELECT action, "table", {", ".join(KEY_COLUMNS)} FROM corrections WHERE id = ?',
            [int(correction_id)],
        ).fetchone()
        if found is None:
            raise CorrectionError(f"no correction {correction_id}")
        if found[0] == "undo":
            raise CorrectionError("an undo cannot be undone; record the correction again")
        entry = dict(zip(["table", *KEY_COLUMNS], found[1:], strict=True))
        entry |= {"action": "undo", "undoes": int(correction_id)} | _stamp(analyst, note)
        return _insert(con, [entry])[0]


def mark_no_stance(
    store: str | Path,
    article_id: str,
    start: int,
    end: int,
    target: str,
    *,
    analyst: str | None = None,
    note: str = "",
) -> int:
    """Record that the sentence `start:end` of an article, on `target`'s topic, states no stance on it (so
    it leaves the queue of missed stances); its id. Checking a sentence again keeps the first check."""
    if not article_id or not target or not 0 <= int(start) < int(end):
        raise CorrectionError("a checked sentence needs its article, its span and the target")
    stamp = _stamp(analyst, note)
    with _connect(store) as con:
        con.execute(
            "INSERT OR IGNORE INTO no_stance (article_id, span_start, span_end, target, analyst, at, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [article_id, int(start), int(end), target, stamp["analyst"], stamp["at"], stamp["note"]],
        )
        found = con.execute(
            "SELECT id FROM no_stance WHERE article_id = ? AND span_start = ? AND target = ?",
            [article_id, int(start), target],
        ).fetchone()
    return int(found[0])


def read_no_stance(store: str | Path) -> pd.DataFrame:
    """The sentences analysts found to state no stance on a target (NO_STANCE_COLUMNS), oldest first."""
    rows: list[tuple] = []
    if database_path(store).is_file():
        with _connect(store) as con:
            rows = con.execute(f"SELECT {', '.join(NO_STANCE_COLUMNS)} FROM no_stance ORDER BY id").fetchall()
    dtypes = {c: "string" for c in NO_STANCE_COLUMNS} | {
        "id": "int64",
        "span_start": "int64",
        "span_end": "int64",
    }
    return pd.DataFrame(rows, columns=NO_STANCE_COLUMNS).astype(dtypes)


def jsonl(corrections: pd.DataFrame) -> bytes:
    """Corrections (as `read_corrections` gives them) as JSON Lines: one object per correction, its old and
    new values as JSON values (a number stays a number, an added row is an object)."""
    lines = []
    for row in corrections.to_dict("records"):
        out = {k: (None if not isinstance(v, (list, dict)) and pd.isna(v) else v) for k, v in row.items()}
        for column in ("old", "new"):
            out[column] = None if out[column] is None else json.loads(out[column])
        lines.append(json.dumps(out, ensure_ascii=False, default=int))
    return "".join(f"{line}\n" for line in lines).encode("utf-8")


def read_corrections(store: str | Path) -> pd.DataFrame:
    """Every correction of the store, oldest first (COLUMNS; empty when there is none)."""
    if not database_path(store).is_file() and not (Path(store) / LEGACY_PATH).is_file():
        return _empty()
    with _connect(store) as con:
        rows = con.execute(f"{_SELECT} ORDER BY id").fetchall()
    return _frame(rows)


def _frame(rows: list[tuple]) -> pd.DataFrame:
    """Correction rows from the database as a typed frame (COLUMNS)."""
    return pd.DataFrame(rows, columns=COLUMNS).astype(_DTYPES)


def _empty() -> pd.DataFrame:
    return _frame([])


def version(store: str | Path) -> str:
    """Changes whenever a correction is recorded (for caches): the newest id, or "" with none."""
    if not database_path(store).is_file():
        legacy = Path(store) / LEGACY_PATH
        return f"legacy:{legacy.stat().st_mtime_ns}" if legacy.is_file() else ""
    with _connect(store) as con:
        newest = con.execute("SELECT max(id) FROM corrections").fetchone()[0]
        checked = con.execute("SELECT max(id) FROM no_stance").fetchone()[0]
    return "" if newest is None and checked is None else f"{newest or 0}.{checked or 0}"


def active(corrections: pd.DataFrame) -> pd.DataFrame:
    """The corrections in force: every `set` and `add` that no `undo` takes back, oldest first."""
    if corrections.empty:
        return corrections
    undone = set(corrections.loc[corrections["action"] == "undo", "undoes"].dropna().astype(int))
    kept = corrections["action"].isin(["set", "add"]) & ~corrections["id"].isin(undone)
    return corrections[kept].reset_index(drop=True)


def history(store: str | Path, table: str, row: Mapping[str, object] | str) -> pd.DataFrame:
    """Every correction of one row (given as its id or as the stored row), undone ones and undos
    included, oldest first."""
    _check_table(table)
    if isinstance(row, str):
        row = stored_row(store, table, row)
    key = _key_of(table, row)
    where = ['"table" = ?', "article_id = ?", "span_start = ?", "span_end = ?"]
    values = [table, key["article_id"], key["span_start"], key["span_end"]]
    for column in EXTRA_KEY[table]:
        where.append(f"{column} = ?")
        values.append(key[column])
    if not database_path(store).is_file():
        return _empty()
    with _connect(store) as con:  # the row's corrections only (an index on table, article and span)
        rows = con.execute(f"{_SELECT} WHERE {' AND '.join(where)} ORDER BY id", values).fetchall()
    return _frame(rows)


def agreement(store: str | Path) -> pd.DataFrame:
    """How the analysts' review went, per table (and per stance target): rows reviewed, confirmed as
    extracted, changed, rejected, and rows added; `precision` is the share of reviewed rows confirmed (the
    extractor's precision as the analysts see it) and `recall` extracted rows found right or changed over
    those plus the rows added (what it found of what the analysts know is there)."""
    found = active(read_corrections(store))
    columns = [
        "table",
        "target",
        "reviewed",
        "confirmed",
        "changed",
        "rejected",
        "added",
        "precision",
        "recall",
    ]
    if found.empty:
        return pd.DataFrame(
            {c: pd.Series(dtype="string" if c in ("table", "target") else "float64") for c in columns}
        )
    found = found.assign(target=found["target"].fillna(""))
    rows = []
    for (table, target), mine in found.groupby(["table", "target"], sort=True):
        sets = mine[mine["action"] == "set"]
        keys = ["article_id", "span_start", "span_end", "actor"]
        per_row = sets.groupby(keys, dropna=False)["field"].apply(lambda fields: set(fields.astype(str)))
        verdicts = per_row.map(
            lambda f: "rejected" if "rejected" in f else "changed" if f - set(FLAGS) else "confirmed"
        )
        confirmed, changed, rejected = (
            int((verdicts == v).sum()) for v in ("confirmed", "changed", "rejected")
        )
        added = int((mine["action"] == "add").sum())
        reviewed = len(per_row)
        found_right = confirmed + changed
        rows.append(
            {
                "table": table, "target": target, "reviewed": reviewed, "confirmed": confirmed,
                "changed": changed, "rejected": rejected, "added": added,
                "precision": confirmed / reviewed if reviewed else float("nan"),
                "recall": found_right / (found_right + added) if found_right + added else float("nan"),
            }
        )  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def count(store: str | Path) -> int:
    """How many corrections the store holds (undos included)."""
    if not database_path(store).is_file():
        return len(read_corrections(store))  # a legacy file is imported on the way
    with _connect(store) as con:
        return int(con.execute("SELECT count(*) FROM corrections").fetchone()[0])


def _row_keys(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """Each row's key as corrections hold it: columns KEY_COLUMNS (a part a table's key lacks is "")."""
    start, end = SPAN[table]
    parts = {"article_id": frame["article_id"], "span_start": frame[start], "span_end": frame[end]}
    for column in ("target", "actor"):
        parts[column] = frame[column] if column in EXTRA_KEY[table] else pd.Series("", index=frame.index)
    return _keys(pd.DataFrame(parts, index=frame.index))


def _correction_keys(corrections: pd.DataFrame) -> pd.DataFrame:
    return _keys(corrections[KEY_COLUMNS])


def _keys(parts: pd.DataFrame) -> pd.DataFrame:
    """Key columns in one form on both sides of a merge: strings ("" for none), spans int64 (-1 for none)."""
    out = pd.DataFrame(index=parts.index)
    for column in KEY_COLUMNS:
        values = parts[column]
        if column.startswith("span"):
            out[column] = pd.to_numeric(values, errors="coerce").fillna(-1).astype("int64")
        else:
            out[column] = values.astype("string").fillna("").astype(str)
    return out


def apply_corrections(
    frame: pd.DataFrame,
    corrections: pd.DataFrame,
    table: str = "stances",
    reference: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """`frame` (rows of `table` as extracted) with the corrections in force applied: each row's newest value
    of each field, rejected rows dropped, rows added by analysts appended. A new frame; `frame` is not
    changed. Corrections whose row is not in `frame` are left (see `orphaned`). Changed numbers are checked
    against `reference` (NATO's figures; the shipped ones by default)."""
    _check_table(table)
    mine = active(corrections)
    mine = mine[mine["table"] == table] if not mine.empty else mine
    if mine.empty:
        return frame
    sets, adds = mine[mine["action"] == "set"], mine[mine["action"] == "add"]
    out = frame.reset_index(drop=True)
    changed = pd.Series(False, index=out.index)
    if not adds.empty:  # rows analysts added (their id: article id, ":analyst", the correction's id)
        added = pd.DataFrame([json.loads(v) for v in adds["new"]])
        added[KEYS[table][0]] = (
            added["article_id"].astype(str) + ":analyst" + adds["id"].astype(str).to_numpy()
        )
        out = pd.concat([out, conform(added, table)], ignore_index=True)
        changed = pd.concat([changed, pd.Series(True, index=range(len(frame), len(out)))])
    rejected = pd.Series(False, index=out.index)
    if not sets.empty and not out.empty:
        # the newest value of each (row, field), matched to the rows by key
        newest = pd.concat([_correction_keys(sets), sets[["field", "new"]]], axis=1)
        newest = newest.drop_duplicates([*KEY_COLUMNS, "field"], keep="last")
        hits = _row_keys(out, table).assign(row=out.index).merge(newest, on=KEY_COLUMNS)
        for field, group in hits.groupby("field"):
            values = [None if pd.isna(v) else json.loads(v) for v in group["new"]]
            if field == "rejected":
                rejected.loc[group["row"].to_numpy()] = [bool(v) for v in values]
                continue
            if field == "confirmed":
                continue
            column = out[field].astype(object)
            column.loc[group["row"].to_numpy()] = values
            out[field] = column.astype(out[field].dtype)
            changed.loc[group["row"].to_numpy()] = True
    return conform(_finish(out, changed, rejected, table, reference), table)


def _finish(
    rows: pd.DataFrame, changed: pd.Series, rejected: pd.Series, table: str, reference: pd.DataFrame | None
) -> pd.DataFrame:
    """Corrected rows made whole: a stance's score follows its polarity, method `analyst`, confidence 1; a
    statement's confidence 1; a number is checked against NATO again. Rejected rows dropped."""
    rows = rows.copy()
    if changed.any():
        if table == "stances":
            polarity = rows.loc[changed, "polarity"].astype(str)
            magnitude = rows.loc[changed, "score"].astype("Float64").abs().fillna(0.0).astype("float64")
            magnitude = magnitude.where(magnitude > NEAR_ZERO, CORRECTED_MAGNITUDE)
            sign = polarity.map({"support": 1.0, "oppose": -1.0}).fillna(0.0).astype("float64")
            rows.loc[changed, "score"] = (magnitude * sign).round(3)
            rows.loc[changed, "method"] = "analyst"
            rows.loc[changed, "confidence"] = 1.0
        elif table == "statements":
            rows.loc[changed, "confidence"] = 1.0
        else:
            from dashboard.claims import check_claims

            checked = check_claims(conform(rows.loc[changed], "numbers"), reference)
            for column in ("official_value", "edition", "difference", "verdict", "met_guideline"):
                rows[column] = rows[column].astype(checked[column].dtype)
                rows.loc[changed, column] = checked[column].to_numpy()
    return rows.loc[~rejected.to_numpy()]


def orphaned(store: str | Path, tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The corrections in force whose row is in none of `tables` (as extracted): kept, and listed here, never
    silently dropped."""
    return unmatched(read_corrections(store), tables)


def unmatched(corrections: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The `set` corrections in force of `corrections` whose row is in none of `tables` (the stored rows
    they could be about: whole tables, or the rows found by their keys)."""
    mine = active(corrections)
    if mine.empty:
        return mine
    mine = mine[mine["action"] == "set"]
    lost = pd.Series(False, index=mine.index)
    wanted = _correction_keys(mine)
    for table in TABLES_CORRECTED:
        rows = (mine["table"] == table).to_numpy()
        present = (
            _row_keys(tables[table], table)
            if table in tables
            else _keys(pd.DataFrame({c: [] for c in KEY_COLUMNS}))
        )
        found = wanted.merge(present.drop_duplicates(), on=KEY_COLUMNS, how="left", indicator=True)["_merge"]
        lost |= rows & (found == "left_only").to_numpy()
    return mine[lost.to_numpy()].reset_index(drop=True)


def add_correction(
    store: str | Path, stance_id: str, verdict: str, note: str = "", *, analyst: str | None = None
) -> list[int]:
    """The stance page's correction of one stance row (by id): a polarity, or `not_a_stance`."""
    if verdict not in VERDICTS:
        raise CorrectionError(f"verdict must be one of {', '.join(VERDICTS)}, not {verdict!r}")
    if not stance_id:
        raise CorrectionError("a correction needs the stance_id of the row it corrects")
    change = {"rejected": True} if verdict == "not_a_stance" else {"polarity": verdict}
    return record(store, "stances", stance_id, change, analyst=analyst, note=note)


def _import_legacy(con: sqlite3.Connection, store: Path) -> None:
    """Stance verdicts saved before the database (`corrections/stances.csv`, keyed by stance id) become
    corrections, once; a verdict whose stance is no longer in the store is left in the file."""
    legacy = store / LEGACY_PATH
    if not legacy.is_file() or con.execute("SELECT 1 FROM imported WHERE name = 'stances.csv'").fetchone():
        return
    saved = pd.read_csv(legacy, dtype="string", keep_default_na=False)
    rows = []
    for line in saved.itertuples(index=False):
        verdict = getattr(line, "verdict", "")
        if verdict not in VERDICTS:
            continue
        try:
            row = stored_row(store, "stances", str(line.stance_id))
        except CorrectionError:
            continue
        field, new = ("rejected", True) if verdict == "not_a_stance" else ("polarity", verdict)
        rows.append(
            _key_of("stances", row)
            | {"table": "stances", "action": "set", "field": field, "old": _json(row.get(field, False))}
            | {
                "new": _json(new),
                "analyst": "imported",
                "at": str(getattr(line, "corrected_at", "") or _now()),
            }
            | {"note": str(getattr(line, "note", ""))}
        )
    con.execute("BEGIN IMMEDIATE")
    try:
        if not con.execute("SELECT 1 FROM imported WHERE name = 'stances.csv'").fetchone():  # not by another
            for row in rows:
                con.execute(_INSERT, [row.get(c) for c in COLUMNS[1:]])
            con.execute("INSERT INTO imported VALUES ('stances.csv')")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
