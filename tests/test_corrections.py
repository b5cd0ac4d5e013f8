"""Analysts' corrections (dashboard.corrections): an SQLite database in the store; every correction with who,
when, old and new value; the newest of a field wins, undo takes one back; rows found again by article and
span, so corrections survive a re-ingest; concurrent writers lose nothing."""

from __future__ import annotations

import json
import multiprocessing
import shutil
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from dashboard import corrections
from dashboard.corrections import CorrectionError
from dashboard.loader import load_articles
from dashboard.schema import conform, validate
from dashboard.store import Store
from tests.forked import needs_fork, released_together

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "articles"


def _stances() -> pd.DataFrame:
    rows = {
        "stance_id": ["s1", "s2", "s3", "s4"],
        "article_id": ["a"] * 4,
        "actor": ["A", "B", "C", "D"],
        "actor_type": ["person"] * 4,
        "target": ["nato_alliance"] * 4,
        "polarity": ["support", "oppose", "neutral", "support"],
        "score": [0.8, -0.6, 0.0, 0.5],
        "confidence": [0.7, 0.7, 0.4, 0.4],
        "method": ["rule:stance_cue"] * 4,
        "evidence_start": [0, 10, 20, 30],
        "evidence_end": [9, 19, 29, 39],
    }
    return conform(pd.DataFrame(rows), "stances")


def _row(frame: pd.DataFrame, row_id: str) -> dict[str, object]:
    return frame.set_index(frame.columns[0]).loc[row_id].to_dict() | {frame.columns[0]: row_id}


def test_corrections_record_who_when_old_and_new_and_the_newest_wins(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(corrections.ANALYST_ENV, "Ana Lyst")
    stances = _stances()
    assert corrections.read_corrections(tmp_path).empty
    corrections.record(
        tmp_path, "stances", _row(stances, "s1"), {"polarity": "oppose"}, note="sarcasm,\n see 2"
    )
    corrections.record(tmp_path, "stances", _row(stances, "s1"), {"polarity": "neutral"}, analyst="Bo")
    saved = corrections.read_corrections(tmp_path)
    assert saved[["analyst", "field", "old", "new"]].values.tolist() == [
        ["Ana Lyst", "polarity", '"support"', '"oppose"'],
        ["Bo", "polarity", '"support"', '"neutral"'],
    ]
    assert saved["note"].iloc[0] == "sarcasm, see 2"  # one line, kept as text
    assert pd.Timestamp(saved["at"].iloc[0]).tzinfo is not None
    out = corrections.apply_corrections(stances, saved, "stances").set_index("stance_id")
    assert out.loc["s1", ["polarity", "score", "method", "confidence"]].tolist() == [
        "neutral",
        0.0,
        "analyst",
        1.0,
    ]
    assert len(corrections.history(tmp_path, "stances", _row(stances, "s1"))) == 2
    assert corrections.database_path(tmp_path).is_file()


def test_applying_sets_polarity_and_sign_drops_rejected_rows_and_keeps_the_input(tmp_path: Path) -> None:
    stances = _stances()
    corrections.record(tmp_path, "stances", _row(stances, "s1"), {"polarity": "oppose"})
    corrections.record(tmp_path, "stances", _row(stances, "s2"), {"rejected": True})
    corrections.record(tmp_path, "stances", _row(stances, "s3"), {"polarity": "support"})
    out = corrections.apply_corrections(stances, corrections.read_corrections(tmp_path), "stances")
    validate(out, "stances")
    rows = out.set_index("stance_id")
    assert rows.index.tolist() == ["s1", "s3", "s4"]
    assert rows.loc["s1", ["polarity", "score"]].tolist() == ["oppose", -0.8]
    assert rows.loc["s3", ["polarity", "score"]].tolist() == ["support", corrections.CORRECTED_MAGNITUDE]
    assert rows.loc["s4", ["polarity", "score", "method"]].tolist() == ["support", 0.5, "rule:stance_cue"]
    assert stances["polarity"].tolist() == ["support", "oppose", "neutral", "support"]  # input unchanged


def test_undo_takes_a_correction_back_and_both_stay_in_the_history(tmp_path: Path) -> None:
    stances = _stances()
    (rejected,) = corrections.record(tmp_path, "stances", _row(stances, "s2"), {"rejected": True})
    corrections.undo(tmp_path, rejected, note="it is a stance after all")
    saved = corrections.read_corrections(tmp_path)
    assert saved["action"].tolist() == ["set", "undo"] and saved["undoes"].iloc[1] == rejected
    assert corrections.active(saved).empty
    out = corrections.apply_corrections(stances, saved, "stances")
    assert out["stance_id"].tolist() == ["s1", "s2", "s3", "s4"]
    with pytest.raises(CorrectionError):
        corrections.undo(tmp_path, int(saved["id"].iloc[1]))  # an undo is not undone
    with pytest.raises(CorrectionError):
        corrections.undo(tmp_path, 999)


def test_numbers_are_checked_against_nato_again_after_a_correction(tmp_path: Path) -> None:
    number = {
        "number_id": "n1", "article_id": "a", "value": 2.1, "unit": "percent_of_gdp", "country": "FRA",
        "year": 2024, "kind": "reported", "start": 5, "end": 9, "text": "2.1%",
    }  # fmt: skip
    from dashboard.claims import check_claims

    numbers = check_claims(conform(pd.DataFrame([number]), "numbers"))
    corrections.record(tmp_path, "numbers", _row(numbers, "n1"), {"country": "POL", "value": "4.1"})
    out = corrections.apply_corrections(numbers, corrections.read_corrections(tmp_path), "numbers")
    validate(out, "numbers")
    assert out[["country", "value"]].values.tolist() == [["POL", 4.1]]
    assert out["official_value"].iloc[0] != numbers["official_value"].iloc[0]  # Poland's figure, not France's
    assert out["verdict"].iloc[0] == "consistent"


@pytest.mark.parametrize(
    "table, changes",
    [
        ("stances", {"polarity": "maybe"}),
        ("stances", {"score": 1.0}),  # not a field analysts set
        ("numbers", {"year": "next year"}),
        ("topics", {"topic": "nato"}),
        ("stances", {}),
    ],
)
def test_a_bad_correction_is_refused_and_nothing_is_written(tmp_path: Path, table: str, changes) -> None:
    row = _row(_stances(), "s1") | {"start": 0, "end": 3}
    with pytest.raises(CorrectionError):
        corrections.record(tmp_path, table, row, changes)
    assert corrections.read_corrections(tmp_path).empty


def test_added_rows_are_appended_with_their_own_ids(tmp_path: Path) -> None:
    new = {
        "article_id": "a", "evidence_start": 40, "evidence_end": 60, "evidence": "We back the alliance",
        "actor": "E", "actor_type": "person", "target": "nato_alliance", "polarity": "support",
    }  # fmt: skip
    added = corrections.add_row(tmp_path, "stances", new)
    out = corrections.apply_corrections(_stances(), corrections.read_corrections(tmp_path), "stances")
    validate(out, "stances")
    last = out.iloc[-1]
    assert last["stance_id"] == f"a:analyst{added}" and last["method"] == "analyst" and last["score"] > 0
    with pytest.raises(CorrectionError):
        corrections.add_row(tmp_path, "stances", {k: v for k, v in new.items() if k != "target"})


def _write_many(store: str, worker: int, start: multiprocessing.synchronize.Barrier) -> None:
    start.wait()
    row = {"article_id": "a", "content_start": worker * 1000, "content_end": worker * 1000 + 5}
    for i in range(25):
        corrections.record(
            store, "statements", row, {"speaker": f"speaker {worker}-{i}"}, analyst=f"w{worker}"
        )


@needs_fork
def test_eight_processes_writing_at_once_lose_no_correction(tmp_path: Path) -> None:
    assert released_together(_write_many, str(tmp_path)) == [0] * 8
    saved = corrections.read_corrections(tmp_path)
    assert len(saved) == 200 and saved["id"].is_unique
    assert saved.groupby("analyst").size().to_dict() == {f"w{w}": 25 for w in range(8)}
    with sqlite3.connect(corrections.database_path(tmp_path)) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def _record_once(store: str, worker: int, start: multiprocessing.synchronize.Barrier) -> None:
    start.wait()
    row = {"article_id": "a", "content_start": worker, "content_end": worker + 5}
    corrections.record(store, "statements", row, {"speaker": f"speaker {worker}"}, analyst=f"w{worker}")


@needs_fork
def test_processes_creating_the_database_at_the_same_moment_all_succeed(tmp_path: Path) -> None:
    # Eight processes released together on a new store: switching to WAL at once used to fail in one of
    # them now and then with "database is locked" (SQLite calls no busy handler for that deadlock).
    for rep in range(30):
        store = tmp_path / str(rep)
        assert released_together(_record_once, str(store)) == [0] * 8, f"round {rep}"
        assert len(corrections.read_corrections(store)) == 8


def test_corrections_survive_a_re_ingest_and_an_orphan_is_listed(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    shutil.copy(SAMPLE / "2022-02-27_scholz-zeitenwende.md", source)
    load_articles(source, store=tmp_path / "one")
    stored = Store(tmp_path / "one").read("statements").sort_values("statement_id")
    corrections.record(
        tmp_path / "one", "statements", stored["statement_id"].iloc[0], {"speaker_country": "FRA"}
    )
    ghost = _row(stored, stored["statement_id"].iloc[1]) | {"content_start": 99_999, "content_end": 100_000}
    corrections.record(tmp_path / "one", "statements", ghost, {"rejected": True})
    # the same article ingested again into another store (ids and row order may differ): the corrections
    # database moves with it and still finds its row by article and span
    load_articles(source, store=tmp_path / "two")
    shutil.copytree(tmp_path / "one" / "corrections", tmp_path / "two" / "corrections")
    again = Store(tmp_path / "two").read_all()
    saved = corrections.read_corrections(tmp_path / "two")
    fixed = corrections.apply_corrections(again["statements"], saved, "statements")
    row = fixed[fixed["content_start"] == stored["content_start"].iloc[0]]
    assert row["speaker_country"].tolist() == ["FRA"] and row["confidence"].tolist() == [1.0]
    assert len(fixed) == len(again["statements"])  # the ghost rejects nothing
    lost = corrections.orphaned(tmp_path / "two", again)
    assert lost["span_start"].tolist() == [99_999] and lost["field"].tolist() == ["rejected"]


def test_the_stance_pages_verdicts_of_the_old_csv_are_imported_once(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    shutil.copy(SAMPLE / "2019-11-08_macron-brain-death.md", source)
    load_articles(source, store=tmp_path / "store")
    stance_id = Store(tmp_path / "store").read("stances")["stance_id"].iloc[0]
    legacy = tmp_path / "store" / corrections.LEGACY_PATH
    legacy.parent.mkdir(parents=True)
    legacy.write_text(
        f"stance_id,verdict,note,corrected_at\n{stance_id},not_a_stance,old,2025-01-01T00:00:00+00:00\n"
        "gone,support,,\nx,bad,,\n",
        encoding="utf-8",
    )
    for _ in range(2):
        saved = corrections.read_corrections(tmp_path / "store")
        assert saved[["field", "new", "analyst", "note"]].values.tolist() == [
            ["rejected", "true", "imported", "old"]
        ]


def test_the_agreement_counts_what_analysts_confirmed_changed_rejected_and_added(tmp_path: Path) -> None:
    stances = _stances()
    corrections.record(tmp_path, "stances", _row(stances, "s1"), {"confirmed": True})
    corrections.record(tmp_path, "stances", _row(stances, "s2"), {"confirmed": True})
    corrections.record(tmp_path, "stances", _row(stances, "s3"), {"polarity": "oppose"})
    corrections.record(tmp_path, "stances", _row(stances, "s4"), {"rejected": True})
    new = {
        "article_id": "a", "evidence_start": 40, "evidence_end": 60, "evidence": "We back the alliance",
        "actor": "E", "target": "nato_alliance", "polarity": "support",
    }  # fmt: skip
    corrections.add_row(tmp_path, "stances", new)
    row = corrections.agreement(tmp_path).set_index(["table", "target"]).loc[("stances", "nato_alliance")]
    assert row[["reviewed", "confirmed", "changed", "rejected", "added"]].tolist() == [4, 2, 1, 1, 1]
    assert row["precision"] == pytest.approx(0.5) and row["recall"] == pytest.approx(3 / 4)
    # a confirmation changes nothing in the rows
    out = corrections.apply_corrections(stances, corrections.read_corrections(tmp_path), "stances")
    assert out.set_index("stance_id").loc["s1", "method"] == "rule:stance_cue"


def test_a_sentence_checked_for_no_stance_is_stored_once_and_changes_the_version(tmp_path: Path) -> None:
    before = corrections.version(tmp_path)
    first = corrections.mark_no_stance(tmp_path, "a", 10, 50, "nato_alliance", analyst="Ana", note=" none\n")
    assert corrections.version(tmp_path) != before
    again = corrections.mark_no_stance(tmp_path, "a", 10, 50, "nato_alliance", analyst="Bo")
    other = corrections.mark_no_stance(tmp_path, "a", 10, 50, "dialogue_with_russia")
    checked = corrections.read_no_stance(tmp_path)
    assert again == first != other
    assert checked[["article_id", "span_start", "span_end", "target", "analyst", "note"]].values.tolist() == [
        ["a", 10, 50, "nato_alliance", "Ana", "none"],
        ["a", 10, 50, "dialogue_with_russia", corrections.analyst_name(), ""],
    ]
    assert corrections.read_corrections(tmp_path).empty  # not a correction of a row
    with pytest.raises(CorrectionError):
        corrections.mark_no_stance(tmp_path, "a", 50, 10, "nato_alliance")


def test_corrections_export_as_json_lines_with_their_values_as_json(tmp_path: Path) -> None:
    stances = _stances()
    corrections.record(tmp_path, "stances", _row(stances, "s1"), {"polarity": "oppose"}, note='a "quote"')
    undone = corrections.record(tmp_path, "stances", _row(stances, "s2"), {"rejected": True})[0]
    corrections.undo(tmp_path, undone)
    corrections.add_row(
        tmp_path,
        "stances",
        {"article_id": "a", "evidence_start": 40, "evidence_end": 49, "evidence": "x", "actor": "E"}
        | {"target": "nato_alliance", "polarity": "support"},
    )
    saved = corrections.read_corrections(tmp_path)
    lines = [json.loads(line) for line in corrections.jsonl(saved).decode("utf-8").splitlines()]
    assert [line["id"] for line in lines] == saved["id"].tolist()
    assert [(line["action"], line["old"], line["new"]) for line in lines[:3]] == [
        ("set", "support", "oppose"),
        ("set", False, True),
        ("undo", None, None),
    ]
    assert lines[0]["note"] == 'a "quote"' and lines[2]["undoes"] == undone and lines[0]["undoes"] is None
    assert lines[3]["new"]["actor"] == "E" and lines[3]["span_start"] == 40
    assert corrections.jsonl(corrections.read_corrections(tmp_path / "none")) == b""
