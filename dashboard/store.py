"""The store: one Delta Lake table per table (atomic, versioned commits over Parquet) and a snapshot file
naming the version of each, so that a batch written to six tables is one transaction.

Knows tables and files only; it never runs NLP and never unpickles anything (Parquet and JSON only).

How a batch is committed (`Store.commit`), under the store's write lock:
1. recover: a table written past the snapshot's version by a writer that was killed is restored to it;
2. resolve keys: articles whose text is already stored by the same pipeline are dropped with their rows,
   an article id taken by another text gets a suffix, rejected rows already stored are dropped;
3. write every table (a re-processed article's old rows are deleted first);
4. replace the snapshot file atomically (write, fsync, rename). Until then readers, who open every table
   at the snapshot's versions, see the store as it was before the batch."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import signal
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset
import pyarrow.parquet as pq
from deltalake import DeltaTable, WriterProperties, write_deltalake
from filelock import FileLock, Timeout

from dashboard import word_index
from dashboard.schema import KEYS, TABLES, arrow_schema, conform, empty_frame

log = logging.getLogger(__name__)

SNAPSHOT = "snapshot.json"
LOCK = ".write.lock"
LEGACY_MANIFEST = "manifest.json"  # stores written before the Delta tables: append-only Parquet parts
LEGACY = ".legacy"  # where a legacy store's parts wait while they are converted
LOCK_TIMEOUT_S = 600.0
FAULT_ENV = "DDD_FAULT_KILL"  # reliability tests: SIGKILL the process at a named point of a commit
COMPACT_FILES = 64  # a table with more data files than this is compacted by the commit that wrote it
# Statements are written in row groups of this many rows: a page of search results reads its rows' texts by
# their place in the files, and a reader decompresses whole row groups (500 rows spread over ten million:
# 0.09 s in groups of 4,096 rows, 0.4 s in one group per file; a scan of the texts costs the same either way)
STATEMENT_ROW_GROUP = 4096
CHILD_TABLES = ("statements", "numbers", "topics", "stances")
ID_COLUMNS = ("statement_id", "number_id", "stance_id")  # ids that start with "<article_id>:"


class StoreError(RuntimeError):
    """The store cannot be read or written; the message says why and what to do."""


@dataclass(frozen=True)
class Snapshot:
    """A committed state of the store: the Delta version of every table written so far."""

    seq: int = 0
    versions: Mapping[str, int] = field(default_factory=dict)
    updated: str = ""
    pipeline: str = ""


@dataclass
class _StoredArticles:
    by_hash: dict[str, tuple[str, str]]  # content hash -> (article id, pipeline version)
    ids: set[str]


@dataclass
class CommitResult:
    """What a commit stored, after dropping what the store already held."""

    frames: dict[str, pd.DataFrame]
    already_stored: dict[str, str] = field(default_factory=dict)  # batch id -> id of the same text stored
    # by the same pipeline (meanwhile, by another writer): dropped with its rows
    renamed: dict[str, str] = field(default_factory=dict)  # article id -> new id (id used by another text)
    replaced_ids: list[str] = field(default_factory=list)  # stored by another pipeline: rows replaced
    seq: int = 0  # the snapshot the commit made (unchanged when nothing was new)

    @property
    def replaced(self) -> int:
        return len(self.replaced_ids)


class Store:
    """A folder of Delta tables (`articles/`, `statements/`, ...) and `snapshot.json`."""

    def __init__(self, root: str | os.PathLike, *, lock_timeout: float = LOCK_TIMEOUT_S) -> None:
        self.root = Path(root)
        self.lock_timeout = lock_timeout
        self._commits = 0
        self._articles: tuple[int, _StoredArticles] | None = None  # (articles version, their keys)
        self._rejected: tuple[int, set[tuple[str, ...]]] | None = None  # (rejected version, keys)
        self._open: dict[str, DeltaTable] = {}  # tables this writer has open (see _table)

    # -- reading ------------------------------------------------------------------------------------

    def snapshot(self) -> Snapshot | None:
        """The committed state, or None when nothing was ever committed. Raises StoreError when the
        snapshot file is unreadable."""
        path = self.root / SNAPSHOT
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return Snapshot(
                seq=int(raw["seq"]),
                versions={str(t): int(v) for t, v in raw["versions"].items()},
                updated=str(raw.get("updated", "")),
                pipeline=str(raw.get("pipeline", "")),
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise StoreError(f"the store's {SNAPSHOT} at {self.root} is damaged ({exc})") from exc

    def exists(self) -> bool:
        """True when the store holds at least one committed batch."""
        return self.snapshot() is not None

    def is_legacy(self) -> bool:
        """True for a store written before the Delta tables (converted on its next write)."""
        return not (self.root / SNAPSHOT).exists() and (
            (self.root / LEGACY_MANIFEST).exists() or (self.root / LEGACY).is_dir()
        )

    def holds_files(self) -> bool:
        """True when the folder exists and holds anything at all (committed or not)."""
        return self.root.is_dir() and any(self.root.iterdir())

    def missing_message(self) -> str:
        """What to tell a user who points a command at a folder that holds no store."""
        ingest = f"`python -m dashboard ingest PATH --store {self.root}`"
        if self.is_legacy():
            return f"error: the store at {self.root} is in the old format; {ingest} converts it"
        return f"error: no store at {self.root}; run {ingest}"

    def check(self) -> str | None:
        """None when every table opens at the snapshot's version; else what is wrong, in one line."""
        try:
            snap = self.snapshot()
            if snap is None:
                return None
            for table, version in snap.versions.items():
                DeltaTable(self._path(table), version=version)
        except StoreError as exc:
            return str(exc)
        except Exception as exc:  # deltalake raises several kinds for a missing or broken log
            return f"table {table!r} cannot be opened at version {version}: {type(exc).__name__}: {exc}"
        return None

    def read(
        self, table: str, columns: list[str] | None = None, snapshot: Snapshot | None = None
    ) -> pd.DataFrame:
        """`table` at the committed snapshot (or `snapshot`), with the contract's dtypes; an empty frame
        when the table has no rows."""
        snap = snapshot if snapshot is not None else self.snapshot()
        version = None if snap is None else snap.versions.get(table)
        if version is None:
            frame = empty_frame(table)
            return frame[columns] if columns else frame
        try:
            # the table's Parquet files at that version, read by pyarrow itself: the dataset deltalake
            # builds (to_pyarrow_table) aborts the interpreter at exit now and then (delta-rs #2184)
            files = DeltaTable(self._path(table), version=version).file_uris()
            data = pyarrow.dataset.dataset(files, schema=arrow_schema(table), format="parquet")
            data = data.to_table(columns=columns)
        except Exception as exc:
            raise StoreError(
                f"table {table!r} of the store at {self.root} cannot be read at version {version}: "
                f"{type(exc).__name__}: {exc}"
            ) from exc
        df = data.to_pandas()
        if columns:
            full = conform(df.assign(**{c: None for c in TABLES[table] if c not in df}), table)
            return full[columns]
        return conform(df, table)

    def read_all(self) -> dict[str, pd.DataFrame]:
        """Every table at one snapshot (a commit in between is not half seen)."""
        snap = self.snapshot()
        return {table: self.read(table, snapshot=snap) for table in TABLES}

    def known_articles(self) -> dict[str, tuple[str, str]]:
        """content_hash -> (article_id, pipeline version) for every stored article."""
        return dict(self._stored_articles(self.snapshot() or Snapshot()).by_hash)

    def file_uris(self, table: str, snapshot: Snapshot | None = None) -> list[str]:
        """The Parquet files that make up `table` at the snapshot (for DuckDB or Dask to scan)."""
        snap = snapshot if snapshot is not None else self.snapshot()
        version = None if snap is None else snap.versions.get(table)
        return [] if version is None else DeltaTable(self._path(table), version=version).file_uris()

    # -- writing ------------------------------------------------------------------------------------

    def commit(self, batch: Mapping[str, pd.DataFrame], *, pipeline: str = "") -> CommitResult:
        """Store `batch` (table -> rows) as one transaction; see the module docstring. Returns the rows
        actually stored; nothing is written (and the snapshot stays) when nothing in it is new."""
        frames = {t: conform(df, t) for t, df in batch.items() if df is not None and len(df)}
        with self.write_lock():
            self._commits += 1
            snap, tables = self._recover()
            result = _resolve(frames, self._stored_articles(snap), lambda t: self._stored_keys(t, snap))
            result.seq = snap.seq
            if not any(len(df) for df in result.frames.values()):
                return result
            versions = dict(snap.versions)
            for table in TABLES:
                df = result.frames.get(table)
                dt = tables.get(table)
                if result.replaced_ids and dt is not None and table != "rejected":
                    dt.delete(_in_predicate("article_id", result.replaced_ids), _writer(table))
                if df is not None and len(df):
                    _append(self._path(table) if dt is None else dt, df, table)
                    dt = dt or self._table(table)
                    if len(dt.file_uris()) > COMPACT_FILES:  # many small files make every read slow
                        dt.optimize.compact(writer_properties=_writer(table))
                if dt is not None:
                    versions[table] = dt.version()
                self._fault(f"commit{self._commits}:{table}")
            result.seq = snap.seq + 1
            self._write_snapshot(Snapshot(result.seq, versions, _now(), pipeline or snap.pipeline))
            self._fault(f"commit{self._commits}:snapshot")
            self._remember(snap, versions, result)
            if "statements" in result.frames:
                self._index_words(self._table("statements"))
        return result

    def upgrade(self) -> None:
        """Convert a legacy store and roll back what a killed writer left, without adding anything."""
        with self.write_lock():
            self._recover()

    def compact(self, retain_hours: int = 24) -> dict[str, int]:
        """Rewrite each table's small files into large ones (one commit per table, then one snapshot)
        and delete files no snapshot younger than `retain_hours` uses. Returns files removed per table."""
        removed: dict[str, int] = {}
        with self.write_lock():
            snap, tables = self._recover()
            versions = dict(snap.versions)
            for table, dt in tables.items():
                dt.optimize.compact(writer_properties=_writer(table))
                versions[table] = dt.version()
            self._write_snapshot(Snapshot(snap.seq + 1, versions, _now(), snap.pipeline))
            for table, version in versions.items():
                dt = DeltaTable(self._path(table))
                removed[table] = len(
                    dt.vacuum(
                        retention_hours=retain_hours,
                        dry_run=False,
                        enforce_retention_duration=False,
                        keep_versions=[version],
                    )
                )
            if "statements" in versions:
                self._index_words(DeltaTable(self._path("statements")))
        return removed

    def index_words(self) -> int:
        """Write the word index parts the statements' data files lack (`dashboard.word_index`)."""
        with self.write_lock():
            _, tables = self._recover()
            return self._index_words(tables["statements"]) if "statements" in tables else 0

    def _index_words(self, statements: DeltaTable) -> int:
        """Index parts for the statements' data files that lack one, and none for files gone. The data is
        committed already: a part that fails (or a kill) leaves that file to be scanned, not the commit
        undone."""
        try:
            built = word_index.build(self.root, statements.file_uris())
            word_index.prune(self.root)
            return built
        except Exception:
            log.warning("the word index of %s was not brought up to date", self.root, exc_info=True)
            return 0

    @contextlib.contextmanager
    def write_lock(self) -> Iterator[None]:
        """The store's writer lock (an OS file lock: a killed writer's lock is released with it)."""
        self.root.mkdir(parents=True, exist_ok=True)
        lock = FileLock(self.root / LOCK, timeout=self.lock_timeout)
        try:
            with lock:
                yield
        except Timeout as exc:
            raise StoreError(
                f"another process has been writing to the store at {self.root} for over "
                f"{self.lock_timeout:.0f} s; try again when it has finished"
            ) from exc

    # -- internals ----------------------------------------------------------------------------------

    def _path(self, table: str) -> Path:
        return self.root / table

    def _recover(self) -> tuple[Snapshot, dict[str, DeltaTable]]:
        """Undo what a killed writer left past the snapshot (under the write lock); convert a legacy
        store. Returns the snapshot to build on (with the versions recovery itself made) and every table
        the snapshot names, opened at that version."""
        if self.is_legacy():
            self._convert_legacy()
        elif (self.root / LEGACY).exists():  # a conversion killed after its snapshot: only leftovers
            _remove_tree(self.root / LEGACY)
        snap = self.snapshot() or Snapshot()
        versions = dict(snap.versions)
        tables = {}
        for table in TABLES:
            path = self._path(table)
            if table not in versions:
                self._open.pop(table, None)
                if path.exists():  # written by a batch that never committed: none of it is visible
                    _remove_tree(path)
                continue
            try:
                dt = self._table(table)
                if dt.version() > versions[table]:
                    dt.restore(versions[table])
                    self._fault(f"recover:{table}")
            except Exception as exc:
                raise StoreError(
                    f"the store at {self.root} is damaged: table {table!r} cannot be opened or rolled "
                    f"back to version {versions[table]} ({type(exc).__name__}: {exc}); nothing was written"
                ) from exc
            versions[table] = dt.version()
            tables[table] = dt
        return Snapshot(snap.seq, versions, snap.updated, snap.pipeline), tables

    def _table(self, table: str) -> DeltaTable:
        """`table` at its latest version; kept open between this writer's commits and brought up to date
        by reading only the log entries added since (replaying the whole log costs more each commit)."""
        dt = self._open.get(table)
        if dt is not None:
            try:
                dt.update_incremental()
                return dt
            except Exception:  # changed under us in a way an update cannot follow: open it anew
                log.info("reopening table %s of %s", table, self.root)
        dt = self._open[table] = DeltaTable(self._path(table))
        return dt

    def _stored_articles(self, snap: Snapshot) -> _StoredArticles:
        """The stored articles' hashes and ids, read once per articles version; this writer's own
        commits update them instead of reading the table again."""
        version = snap.versions.get("articles")
        if version is None:
            return _StoredArticles({}, set())
        if self._articles is None or self._articles[0] != version:
            keys = self.read("articles", columns=["article_id", "content_hash", "pipeline"], snapshot=snap)
            ids, hashes, pipelines = (keys[c].tolist() for c in ("article_id", "content_hash", "pipeline"))
            stored = _StoredArticles(
                dict(zip(hashes, zip(ids, pipelines, strict=True), strict=True)), set(ids)
            )
            self._articles = (version, stored)
        return self._articles[1]

    def _stored_keys(self, table: str, snap: Snapshot) -> set[tuple[str, ...]]:
        """The keys of a table's stored rows (rejected rows' kept between commits like the articles')."""
        version = snap.versions.get(table)
        if version is None:
            return set()
        if table == "rejected" and self._rejected is not None and self._rejected[0] == version:
            return self._rejected[1]
        keys = set(_key_tuples(self.read(table, columns=KEYS[table], snapshot=snap), KEYS[table]))
        if table == "rejected":
            self._rejected = (version, keys)
        return keys

    def _remember(self, before: Snapshot, versions: Mapping[str, int], result: CommitResult) -> None:
        """Bring the kept keys up to date with what this commit stored (or forget them)."""
        if self._articles is not None and self._articles[0] == before.versions.get("articles", -1):
            stored = self._articles[1]
            new = result.frames.get("articles")
            if new is not None:
                for aid, h, pipeline in zip(
                    new["article_id"], new["content_hash"], new["pipeline"], strict=True
                ):
                    stored.by_hash[h] = (aid, pipeline)
                    stored.ids.add(aid)
            self._articles = (versions["articles"], stored) if "articles" in versions else None
        else:
            self._articles = None
        if self._rejected is not None and self._rejected[0] == before.versions.get("rejected", -1):
            new = result.frames.get("rejected")
            if new is not None:
                self._rejected[1].update(_key_tuples(new, KEYS["rejected"]))
            self._rejected = (versions["rejected"], self._rejected[1])
        else:
            self._rejected = None

    def _write_snapshot(self, snap: Snapshot) -> None:
        data = {"format": 2, "seq": snap.seq, "versions": dict(snap.versions), "updated": snap.updated}
        data["pipeline"] = snap.pipeline
        tmp = self.root / f".{SNAPSHOT}.{uuid.uuid4().hex[:8]}.tmp"
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=2, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(self.root / SNAPSHOT)
        _fsync_dir(self.root)

    def _convert_legacy(self) -> None:
        """Move a legacy store's Parquet parts aside, commit them as the first snapshot (duplicates
        dropped as any commit drops them), then delete them. A kill at any step leaves either the legacy
        parts (converted again next time) or the converted store."""
        legacy = self.root / LEGACY
        legacy.mkdir(exist_ok=True)
        for table in TABLES:
            if (self.root / table).is_dir() and not (self.root / table / "_delta_log").exists():
                (self.root / table).replace(legacy / table)
        (self.root / LEGACY_MANIFEST).unlink(missing_ok=True)
        frames = {}
        for table in TABLES:
            parts = sorted((legacy / table).glob("part-*.parquet"))
            if parts:
                df = pd.concat([pq.read_table(p).to_pandas() for p in parts], ignore_index=True)
                frames[table] = conform(df, table).drop_duplicates(KEYS[table], keep="last")
        for table in TABLES:  # anything a killed conversion wrote
            if self._path(table).exists():
                _remove_tree(self._path(table))
        if "articles" in frames:
            arts = frames["articles"].drop_duplicates("content_hash", keep="last")
            frames["articles"] = arts.drop_duplicates("article_id", keep="last")
        ids = set(frames["articles"]["article_id"]) if "articles" in frames else set()
        for table in CHILD_TABLES:
            if table in frames:
                frames[table] = frames[table][frames[table]["article_id"].isin(ids)]
        versions = {}
        for table, df in frames.items():
            if len(df):
                _append(self._path(table), df, table)
                versions[table] = 0
        if versions:
            self._write_snapshot(Snapshot(1, versions, _now(), ""))
        _remove_tree(legacy)

    def _fault(self, point: str) -> None:
        """Fault injection for the reliability tests: a real SIGKILL at a named point of a commit."""
        if os.environ.get(FAULT_ENV) == point:
            os.kill(os.getpid(), signal.SIGKILL)


def _resolve(frames: dict[str, pd.DataFrame], stored: _StoredArticles, stored_keys) -> CommitResult:
    """Drop from `frames` what the store already holds and make article ids unique (see Store.commit).
    `stored` holds the stored articles' hashes and ids; `stored_keys(table)` the keys of a table's rows."""
    frames = dict(frames)
    result = CommitResult(frames)
    articles = frames.get("articles")
    if articles is not None and len(articles):
        taken: set[str] = set()  # ids given in this batch
        for aid, h, pipeline in zip(
            articles["article_id"], articles["content_hash"], articles["pipeline"], strict=True
        ):
            old = stored.by_hash.get(h)
            if old is not None and old[1] == pipeline:
                result.already_stored[aid] = old[0]
                continue
            if old is not None:  # stored by another pipeline: replace its rows, keep its id
                new_id = old[0]
                result.replaced_ids.append(new_id)
            else:
                new_id = aid
                if new_id in stored.ids or new_id in taken:
                    new_id = f"{aid}~{h[:8]}"
            taken.add(new_id)
            if new_id != aid:
                result.renamed[aid] = new_id
        for table, df in frames.items():
            if table == "rejected":
                continue
            df = df[~df["article_id"].isin(result.already_stored)]
            frames[table] = _rename_articles(df, result.renamed) if result.renamed else df
    batch_ids = set(frames["articles"]["article_id"]) if "articles" in frames else set()
    for table, df in frames.items():
        if table == "articles":
            continue
        # a row of an article in the batch is new with it; any other row is new only if its key is
        loose = df["article_id"].isna() | ~df["article_id"].isin(batch_ids) if table != "rejected" else None
        if loose is None or loose.any():
            have = stored_keys(table)
            stored_before = pd.Series([key in have for key in _key_tuples(df, KEYS[table])], index=df.index)
            df = df[~stored_before] if loose is None else df[~(stored_before & loose)]
        frames[table] = df.drop_duplicates(KEYS[table]).reset_index(drop=True)
    return result


def _key_tuples(df: pd.DataFrame, keys: list[str]) -> list[tuple[str, ...]]:
    """Each row's key as a tuple of strings (null as "")."""
    return list(zip(*(df[k].astype("string").fillna("").tolist() for k in keys), strict=True))


def _rename_articles(df: pd.DataFrame, renamed: Mapping[str, str]) -> pd.DataFrame:
    """`df` with article ids in `renamed` replaced, in `article_id` and in the ids that start with it."""
    df = df.copy()
    old_ids = df["article_id"]
    df["article_id"] = old_ids.replace(renamed)
    for col in ID_COLUMNS:
        if col in df:
            for old, new in renamed.items():
                mask = old_ids.eq(old).fillna(False) & df[col].notna()
                df.loc[mask, col] = new + df.loc[mask, col].str.slice(len(old))
    return df


def _append(target: Path | DeltaTable, df: pd.DataFrame, table: str) -> None:
    data = pa.Table.from_pandas(df, schema=arrow_schema(table), preserve_index=False, safe=False)
    write_deltalake(target, data, mode="append", writer_properties=_writer(table))


def _writer(table: str) -> WriterProperties | None:
    """How a table's files are written: statements in small row groups (STATEMENT_ROW_GROUP)."""
    if table != "statements":
        return None
    return WriterProperties(max_row_group_size=STATEMENT_ROW_GROUP, compression="SNAPPY")  # (the default's)


def _in_predicate(column: str, values: list[str]) -> str:
    quoted = ", ".join("'" + str(v).replace("'", "''") + "'" for v in values)
    return f"{column} IN ({quoted})"


def _remove_tree(path: Path) -> None:
    """Delete a folder: first renamed (atomic), so a kill mid-way never leaves a half table in place."""
    trash = path.with_name(f".trash-{path.name}-{uuid.uuid4().hex[:8]}")
    path.replace(trash)
    shutil.rmtree(trash, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _now() -> str:
    return pd.Timestamp.now(tz="UTC").isoformat()
