"""kill -9 at several points of a real ingest (a subprocess running the CLI, killed by SIGKILL), then a
re-run: the store must end with exactly the rows of an uninterrupted run, table by table. Also two ingests
into one store at once, and re-runs that add nothing. Runs that are not killed run in this process (the
same loader the CLI calls, without loading spaCy again), which keeps the suite fast.

The named points are reached through the store's fault hook (DDD_FAULT_KILL=<point>: the process sends
itself SIGKILL there); one more test kills the process from outside at a moment it does not choose."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from dashboard.loader import load_articles
from dashboard.schema import KEYS, TABLES
from dashboard.store import FAULT_ENV, SNAPSHOT, Store

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "articles"
CLI = [sys.executable, "-m", "dashboard", "ingest"]
BATCH = 3  # articles per commit: 8 articles and the rejected records make 3 batches


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eight sample articles and three records that are rejected."""
    folder = tmp_path_factory.mktemp("kill") / "in"
    folder.mkdir()
    for path in sorted(SAMPLE.iterdir())[:8]:
        shutil.copy(path, folder / path.name)
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not really")
    (folder / "wire.jsonl").write_text('{"title": "no body"}\n', encoding="utf-8")
    return folder


def ingest(
    inputs: Path | list[Path], store: Path, kill_at: str | None = None, check: bool = True
) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != FAULT_ENV}
    if kill_at:
        env[FAULT_ENV] = kill_at
    paths = [str(p) for p in (inputs if isinstance(inputs, list) else [inputs])]
    done = subprocess.run(
        [*CLI, *paths, "--store", str(store), "--batch-size", str(BATCH), "--no-progress"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check:
        assert done.returncode == 0, done.stderr[-3000:]
    return done


def rerun(inputs: Path | list[Path], store: Path):
    """The re-run after a kill, in this process."""
    return load_articles(inputs, store=store, batch_articles=BATCH).report


def sorted_tables(store: Path, drop: tuple[str, ...] = ()) -> dict[str, pd.DataFrame]:
    tables = Store(store).read_all()
    return {
        t: df.drop(columns=[c for c in drop if c in df]).sort_values(KEYS[t]).reset_index(drop=True)
        for t, df in tables.items()
    }


def assert_same_tables(got: dict[str, pd.DataFrame], want: dict[str, pd.DataFrame]) -> None:
    for table in TABLES:
        assert len(got[table]) == len(want[table]), table
        assert not got[table].duplicated(KEYS[table]).any(), table
        pd.testing.assert_frame_equal(got[table], want[table], obj=table)


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    """The tables of one uninterrupted run."""
    store = tmp_path_factory.mktemp("reference") / "store"
    rerun(corpus, store)
    tables = sorted_tables(store)
    assert len(tables["articles"]) == 8 and len(tables["rejected"]) == 3
    assert len(tables["statements"]) > 20 and len(tables["stances"]) > 0
    return tables


@pytest.mark.parametrize(
    "kill_at",
    [
        "commit1:articles",  # the first table of the first batch, before the store has a snapshot
        "commit1:snapshot",  # right after the first batch committed (the store's first snapshot)
        "commit2:statements",  # half-way through the second batch
        "commit3:rejected",  # the last batch, all tables written, snapshot not yet
    ],
)
def test_a_kill_at_any_point_then_a_rerun_gives_the_rows_of_an_uninterrupted_run(
    kill_at: str, corpus: Path, reference: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    store = tmp_path / "store"
    killed = ingest(corpus, store, kill_at=kill_at, check=False)
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    seen = Store(store).read_all()  # what a reader sees after the kill: whole batches only
    assert len(seen["articles"]) in (0, BATCH, 2 * BATCH)
    assert set(seen["statements"]["article_id"]) <= set(seen["articles"]["article_id"])
    rerun(corpus, store)
    assert_same_tables(sorted_tables(store), reference)


def test_a_kill_during_the_rerun_s_recovery_then_another_rerun(
    corpus: Path, reference: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    store = tmp_path / "store"
    assert ingest(corpus, store, kill_at="commit2:numbers", check=False).returncode == -signal.SIGKILL
    # the re-run is killed while it rolls back what the first run left past the snapshot
    assert ingest(corpus, store, kill_at="recover:statements", check=False).returncode == -signal.SIGKILL
    rerun(corpus, store)
    assert_same_tables(sorted_tables(store), reference)


def test_a_kill_from_outside_at_a_moment_the_process_does_not_choose(
    corpus: Path, reference: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    store = tmp_path / "store"
    proc = subprocess.Popen(
        [*CLI, str(corpus), "--store", str(store), "--batch-size", "1", "--no-progress"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not (store / SNAPSHOT).exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.3)  # somewhere in the following batches
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    rerun(corpus, store)
    assert_same_tables(sorted_tables(store), reference)


def test_a_rerun_of_a_finished_ingest_adds_nothing_and_commits_nothing(
    corpus: Path, reference: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    store = tmp_path / "store"
    rerun(corpus, store)
    snapshot = Store(store).snapshot()
    again = ingest(corpus, store)
    assert "0 added, 8 already in store" in again.stdout
    assert "3 rejected" in again.stdout  # reported again, not stored again
    assert Store(store).snapshot() == snapshot
    assert_same_tables(sorted_tables(store), reference)


def test_two_ingests_at_once_with_overlapping_inputs_store_every_row_once(
    corpus: Path, tmp_path: Path
) -> None:
    names = sorted(p.name for p in corpus.iterdir())
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, part in ((first, names[:7]), (second, names[3:])):
        folder.mkdir()
        for name in part:
            shutil.copy(corpus / name, folder / name)
    union = tmp_path / "union"
    rerun([first, second], union)

    store = tmp_path / "store"
    env = {k: v for k, v in os.environ.items() if k != FAULT_ENV}
    procs = [
        subprocess.Popen(
            [*CLI, str(folder), "--store", str(store), "--batch-size", "1", "--no-progress"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in (first, second)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    # an article in both folders is stored once, from whichever writer committed it first
    got = sorted_tables(store, drop=("origin",))
    want = sorted_tables(union, drop=("origin",))
    assert_same_tables(got, want)
    assert len(got["articles"]) == 8
