"""SQLite databases in the store shared by processes: opened in WAL mode, set up under a file lock."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from filelock import FileLock

WAIT_S = 30.0


def open_wal(
    path: Path,
    schema: str,
    setup: Callable[[sqlite3.Connection], None] | None = None,
    *,
    check_same_thread: bool = True,
) -> sqlite3.Connection:
    """A connection to `path` in autocommit mode that waits up to 30 s for another writer, after switching
    the database to WAL, creating `schema` and running `setup` under a file lock beside it.

    The lock is needed: switching a new database to WAL while another process does the same can fail at
    once with "database is locked", since SQLite calls no busy handler for that deadlock."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=WAIT_S, isolation_level=None, check_same_thread=check_same_thread)
    try:
        con.execute(f"PRAGMA busy_timeout={int(WAIT_S * 1000)}")
        with FileLock(path.with_name(path.name + ".lock"), timeout=WAIT_S):
            con.execute("PRAGMA journal_mode=WAL")
            con.executescript(schema)
            if setup is not None:
                setup(con)
    except BaseException:
        con.close()
        raise
    return con
