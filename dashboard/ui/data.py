"""Data access for the Streamlit app: the store folder, first-start ingest, uploads, the DuckDB object over
the store (`dashboard.queries.sql`) every page queries, the filter options, taxonomy labels and country names.

The only module with `st.cache_resource`: one DuckDB object per store snapshot and corrections file, shared
by every session (its queries run on cursors of their own). No table is held whole in memory; nothing is
drawn here."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import corrections, taxonomy
from dashboard.queries import TABLE_NAMES
from dashboard.queries.sql import StoreSQL
from dashboard.store import SNAPSHOT, Store, StoreError

STORE_ENV = "DDD_STORE"
MAX_UPLOAD_MB = 50  # per uploaded file; the loader's own per-record limit is the same
ALLOW_PRIVATE_ENV = "DDD_WEB_ALLOW_PRIVATE"  # "1": the Data page may read loopback and private addresses
UPLOADS = "uploads"  # uploaded files are kept under <store>/uploads/<time>/ so `origin` still points at them
DEFAULT_STORE = ".store"
SAMPLE_ARTICLES = Path(__file__).resolve().parents[2] / "data" / "articles"


def store_dir() -> str:
    """The store folder: env var DDD_STORE, default `.store` (relative to the working directory)."""
    return os.environ.get(STORE_ENV) or DEFAULT_STORE


@dataclass(frozen=True)
class StoreState:
    """What the app finds at the store folder: `new` (nothing there yet), `ready`, or a problem
    (`unfinished`, `legacy`, `damaged`) with a message that says what to do."""

    kind: str
    message: str = ""


_checked: set[tuple] = set()  # stamps of stores found readable


def _files_stamp(db: Store) -> tuple:
    """What changes when a store's snapshot or any table's log changes: their paths, sizes and times."""
    paths = [db.root / SNAPSHOT, *(db.root / table / "_delta_log" for table in TABLE_NAMES)]
    stamp = [str(db.root.resolve())]
    for path in paths:
        try:
            info = path.stat()
            stamp.append((path.name, info.st_size, info.st_mtime_ns))
        except OSError:
            stamp.append((path.name, None))
    return tuple(stamp)


def store_state(store: str) -> StoreState:
    """The state of the store folder, read without writing anything."""
    db = Store(store)
    ingest = f"`python -m dashboard ingest PATH --store {store}`"
    if db.is_legacy():
        return StoreState(
            "legacy",
            f"The store at {store} was written by an earlier version of the dashboard. Converting it keeps "
            f"every row (duplicates an old re-ingest left are dropped); {ingest} converts it too.",
        )
    try:
        stamp = _files_stamp(db)
        problem = None if stamp in _checked else db.check()
        committed = db.exists()
    except StoreError as exc:
        problem, committed = str(exc), False
    if committed and problem is None:
        _checked.add(stamp)  # the same files are not opened again at the next rerun
    if problem:
        return StoreState(
            "damaged",
            f"The store at {store} cannot be read: {problem}. Nothing was changed. Restore the folder from "
            f"a backup, or ingest your articles into a new folder ({ingest} with another --store).",
        )
    if committed:
        return StoreState("ready")
    if db.holds_files():
        return StoreState(
            "unfinished",
            f"The folder {store} holds files but no finished ingest (an ingest stopped before its first "
            f"batch was committed, or the folder is not a store). Nothing was changed and no sample "
            f"articles were added. Run {ingest} to finish the ingest (what the stopped one left is "
            f"cleaned up), or open the dashboard on another folder (`make run STORE=DIR`).",
        )
    return StoreState("new")


@st.cache_resource(show_spinner=False)
def _ingest_lock(store: str) -> threading.Lock:
    """One lock per store folder shared by all sessions, so two first visitors do not ingest twice."""
    return threading.Lock()


def ensure_store(store: str, articles: str | os.PathLike = SAMPLE_ARTICLES) -> bool:
    """Ingest `articles` into `store` only when the folder is missing or empty (never into a folder that
    holds anything); True when an ingest ran."""
    if store_state(store).kind != "new":
        return False
    with _ingest_lock(store):
        if store_state(store).kind != "new":
            return False
        from dashboard.loader import load_articles  # spaCy is only needed for this first start

        load_articles(articles, store=store)
        return True


def convert_legacy_store(store: str) -> None:
    """Convert a store written by an earlier version (see `Store.upgrade`)."""
    Store(store).upgrade()
    clear_caches()


def ingest_urls(
    store: str, text: str, progress: Callable[[str, str, int, int], None] | None = None
) -> dict[str, object]:
    """Read the http(s) URLs in `text` (pages, RSS/Atom feeds, sitemaps; separated by spaces or lines) into
    the store, calling `progress(url, outcome, done, known)` after each page. Returns what
    `ingest_uploads` does, with each rejected URL's reason, and the ingest summary as the command line
    prints it.
    Loopback and private addresses are refused unless DDD_WEB_ALLOW_PRIVATE=1 (a dashboard must not be a
    way into its own network)."""
    from dashboard.loader import IngestReport, ingest
    from dashboard.sources.web import WebOptions, is_url

    words = text.split()
    outcomes: list[dict[str, str]] = []

    def listener(url: str, outcome: str, done: int, known: int) -> None:
        outcomes.append({"url": url, "outcome": outcome})
        if progress is not None:
            progress(url, outcome, done, known)

    options = WebOptions(allow_private=os.environ.get(ALLOW_PRIVATE_ENV) == "1", listener=listener)
    report = IngestReport()
    statements = 0
    urls = [w for w in words if is_url(w)]
    with _ingest_lock(store):
        if urls:
            for batch in ingest(urls, store=store, report=report, web=options):
                statements += len(batch["statements"])
    rejected = [
        {"file": w[:200], "position": "", "reason": "not an http(s) address"} for w in words if not is_url(w)
    ]
    rejected += [
        {"file": o["url"], "position": "", "reason": o["outcome"]}
        for o in outcomes
        if o["outcome"] != "parsed"
    ]
    return {
        "added": report.added,
        "cached": report.cached,
        "duplicates": report.duplicates + (report.web.duplicates if report.web is not None else 0),
        "statements": statements,
        "rejected": pd.DataFrame(rejected, columns=["file", "position", "reason"]),
        "summary": report.summary() if urls else "No http(s) address given.",
    }


def ingest_uploads(
    store: str,
    files: list[tuple[str, bytes]],
    progress: Callable[[int, int, str], None] | None = None,
) -> dict[str, object]:
    """Write uploaded (name, bytes) files under `<store>/uploads/<time>/` and load them into the store one
    by one, calling `progress(done, total, name)` after each. Returns counts (added, cached, duplicates,
    statements) and the rejected records (file, position, reason). Files over MAX_UPLOAD_MB are rejected
    without being written."""
    from dashboard.loader import load_articles

    folder = Path(store) / UPLOADS / f"{pd.Timestamp.now(tz='UTC'):%Y%m%dT%H%M%S%f}"
    folder.mkdir(parents=True, exist_ok=True)
    result: dict[str, object] = {"added": 0, "cached": 0, "duplicates": 0, "statements": 0}
    rejected: list[dict[str, str]] = []
    with _ingest_lock(store):
        for done, (name, data) in enumerate(files, 1):
            safe = Path(name).name.lstrip(".") or f"upload-{done}"
            if len(data) > MAX_UPLOAD_MB * 1_000_000:
                rejected.append({"file": safe, "position": "", "reason": f"over {MAX_UPLOAD_MB} MB"})
            else:
                path = folder / safe
                if path.exists():
                    path = folder / f"{done}-{safe}"
                path.write_bytes(data)
                corpus = load_articles(path, store=store)
                report = corpus.report
                result["added"] += report.added
                result["cached"] += report.cached
                result["duplicates"] += report.duplicates
                result["statements"] += len(corpus.statements)
                for row in corpus.rejected.itertuples(index=False):
                    file = str(row.path).replace(f"{folder}{os.sep}", "")
                    rejected.append(
                        {"file": file, "position": str(row.position or ""), "reason": str(row.reason)}
                    )
            if progress is not None:
                progress(done, len(files), safe)
    result["rejected"] = pd.DataFrame(rejected, columns=["file", "position", "reason"])
    return result


def _key(store_dir: str) -> tuple[str, str]:
    """(resolved store folder, stamp): what the caches are keyed on. The stamp is the store's snapshot
    (its sequence number and time) and the newest correction, so a new commit or correction is read
    again."""
    saved = corrections.version(store_dir)
    snap = Store(store_dir).snapshot()
    committed = f"{snap.seq}@{snap.updated}" if snap is not None else ""
    return str(Path(store_dir).resolve()), f"{committed}|{saved}"


# the first call of a snapshot: opening it builds the fact tables (about 5 s at a million statements,
# 20 s at ten million)
@st.cache_resource(show_spinner="Opening the store…", max_entries=2)
def _options(store: str, stamp: str) -> dict[str, object]:
    return _sql(store, stamp).options()


def filter_options(store_dir: str) -> dict[str, object]:
    """What the sidebar filters offer: countries (ISO3), outlets, actors, topics present in the store and
    the (first, last) publication day; computed in DuckDB, cached per store snapshot."""
    return _options(*_key(store_dir))


@st.cache_resource(show_spinner=False, max_entries=2)
def _sql(store: str, stamp: str) -> StoreSQL:
    return StoreSQL(store)


def store_sql(store_dir: str) -> StoreSQL:
    """DuckDB over the store's committed snapshot with the analysts' corrections (dashboard.queries.sql),
    shared by all sessions; a new commit or correction opens a new one."""
    return _sql(*_key(store_dir))


def clear_caches() -> None:
    """Forget the cached DuckDB object and options (after an upload changed the store)."""
    _sql.clear()
    _options.clear()


def topic_labels() -> dict[str, str]:
    """Topic name -> label from the taxonomy (data/topics.toml), in file order."""
    return taxonomy.labels()


def topic_descriptions() -> dict[str, str]:
    """Topic name -> what it covers, from the taxonomy (data/topics.toml), in file order."""
    return taxonomy.descriptions()


def target_labels() -> dict[str, str]:
    """Stance target name -> label (data/stance_targets.toml), in file order."""
    return taxonomy.labels(taxonomy.TARGETS_PATH)


@st.cache_resource(show_spinner=False)
def _gazetteer():
    from dashboard.nlp.gazetteer import Gazetteer

    return Gazetteer.load()


def known_actors() -> list[str]:
    """The persons and organisations the gazetteer knows, by name, sorted: what an analyst picks a speaker
    or an actor from (or types another)."""
    return sorted({actor.name for actor in _gazetteer().actors})


def country_names(codes: tuple[str, ...] | list[str] | None = None) -> dict[str, str]:
    """ISO3 -> English short name from the gazetteer (the code itself when unknown), for `codes` or for
    every country the gazetteer knows."""
    gaz = _gazetteer()
    return {code: gaz.country_name(code) or code for code in (gaz.countries if codes is None else codes)}
