"""The app on a store it cannot simply open: an interrupted first ingest, a damaged snapshot, a store of
the earlier format, an empty folder. It says so and what to do, and never writes the sample articles
into a folder that holds anything."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.store import SNAPSHOT, Store
from dashboard.ui import data as ui_data

APP = Path(__file__).resolve().parents[2] / "app.py"


def files_under(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_size for p in folder.rglob("*") if p.is_file()}


def run_app(store: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("DDD_STORE", str(store))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    return at


def test_an_interrupted_first_ingest_is_reported_and_left_alone(
    small_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "store"
    shutil.copytree(small_store, store)
    (store / SNAPSHOT).unlink()  # the tables were written, the first snapshot never was
    before = files_under(store)
    at = run_app(store, monkeypatch)
    assert "no finished ingest" in at.error[0].value and "no sample articles were added" in at.error[0].value
    assert "python -m dashboard ingest" in at.error[0].value
    assert not at.get("plotly_chart")
    assert files_under(store) == before


def test_a_folder_of_other_files_gets_no_sample_articles(tmp_path: Path, monkeypatch) -> None:
    store = tmp_path / "my-notes"
    store.mkdir()
    (store / "todo.txt").write_text("not a store", encoding="utf-8")
    at = run_app(store, monkeypatch)
    assert "holds files but no finished ingest" in at.error[0].value
    assert ui_data.ensure_store(str(store)) is False
    assert files_under(store) == {"todo.txt": 11}


def test_a_damaged_store_says_what_is_wrong_and_changes_nothing(
    small_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "store"
    shutil.copytree(small_store, store)
    assert ui_data.store_state(str(store)).kind == "ready"  # checked once, then not opened at each rerun...
    shutil.rmtree(store / "statements")  # ... until a table the snapshot names is gone
    before = files_under(store)
    at = run_app(store, monkeypatch)
    message = at.error[0].value
    assert "cannot be read" in message and "'statements'" in message and "Nothing was changed" in message
    assert files_under(store) == before
    (store / SNAPSHOT).write_text("{", encoding="utf-8")
    assert "damaged" in run_app(store, monkeypatch).error[0].value


def test_a_store_of_the_earlier_format_is_converted_on_request(
    small_store: Path, small_tables, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "old"
    for table, df in Store(small_store).read_all().items():
        (store / table).mkdir(parents=True)
        pq.write_table(pa.Table.from_pandas(df, preserve_index=False), store / table / "part-1.parquet")
    (store / "manifest.json").write_text(json.dumps({"updated": "2026-11-28"}), encoding="utf-8")
    at = run_app(store, monkeypatch)
    assert "earlier version" in at.error[0].value
    at.button[0].click().run()
    assert not at.exception and not at.error
    assert {m.label: m.value for m in at.metric}["Articles"] == f"{len(small_tables['articles']):,}"
    assert Store(store).exists() and not (store / "manifest.json").exists()


def test_the_samples_go_only_into_a_missing_or_empty_folder(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text(
        "Allies agree\n\nDefence ministers agreed to raise spending, officials said on Tuesday.",
        encoding="utf-8",
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    assert ui_data.store_state(str(empty)).kind == "new"
    assert ui_data.ensure_store(str(empty), articles) is True
    assert ui_data.store_state(str(empty)).kind == "ready"
    assert len(Store(empty).read("articles")) == 1
    assert ui_data.ensure_store(str(empty), articles) is False  # a store now: never again


def test_a_table_log_damaged_after_a_good_check_is_found_at_the_next_rerun(
    small_store: Path, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    shutil.copytree(small_store, store)
    assert ui_data.store_state(str(store)).kind == "ready"
    for entry in (store / "stances" / "_delta_log").glob("*.json"):
        entry.unlink()  # the log the snapshot's version needs
    state = ui_data.store_state(str(store))
    assert state.kind == "damaged" and "'stances'" in state.message
