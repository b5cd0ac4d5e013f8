"""The store's transactions on hand-made batches (no NLP): keys, replacement, recovery from a killed
writer's leftovers, legacy stores, compaction. The kill -9 and two-writer tests on real ingests live in
tests/reliability/."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from deltalake import DeltaTable, write_deltalake

from dashboard import store as store_module
from dashboard import word_index
from dashboard.cli import main as cli
from dashboard.schema import TABLES, arrow_schema, conform
from dashboard.store import SNAPSHOT, Store, StoreError


def batch(*articles: tuple[str, str], pipeline: str = "p1", rejected: tuple[str, ...] = ()) -> dict:
    """Tables for articles (id, content hash), each with two statements and a stance."""
    arts, sts, stances = [], [], []
    for aid, h in articles:
        arts.append({"article_id": aid, "text": f"text {h}", "content_hash": h, "pipeline": pipeline})
        for n in (1, 2):
            sts.append({"statement_id": f"{aid}:s{n}", "article_id": aid, "kind": "direct", "content": h})
        stances.append(
            {
                "stance_id": f"{aid}:p1",
                "article_id": aid,
                "statement_id": f"{aid}:s1",
                "actor": "X",
                "target": "nato_alliance",
                "polarity": "support",
                "score": 0.5,
                "method": "rule:stance_cue",
            }
        )
    rej = [{"path": p, "position": "", "reason": "empty file"} for p in rejected]
    return {
        "articles": conform(pd.DataFrame(arts), "articles"),
        "statements": conform(pd.DataFrame(sts), "statements"),
        "stances": conform(pd.DataFrame(stances), "stances"),
        "rejected": conform(pd.DataFrame(rej), "rejected"),
    }


def sizes(store: Store) -> dict[str, int]:
    return {t: len(df) for t, df in store.read_all().items()}


def test_a_commit_is_read_back_and_a_second_identical_commit_writes_nothing(tmp_path: Path):
    store = Store(tmp_path / "s")
    assert store.snapshot() is None and not store.exists()
    first = store.commit(batch(("a", "h1"), ("b", "h2"), rejected=("x.bin",)), pipeline="p1")
    assert first.seq == 1
    assert sizes(store) == {
        "articles": 2,
        "statements": 4,
        "numbers": 0,
        "topics": 0,
        "stances": 2,
        "rejected": 1,
    }
    again = store.commit(batch(("a", "h1"), ("b", "h2"), rejected=("x.bin",)), pipeline="p1")
    assert set(again.already_stored) == {"a", "b"} and again.seq == 1
    assert store.snapshot().seq == 1  # nothing new: no commit at all
    assert sizes(store)["rejected"] == 1
    assert store.known_articles() == {"h1": ("a", "p1"), "h2": ("b", "p1")}


def test_the_same_text_under_another_id_is_not_stored_twice(tmp_path: Path):
    store = Store(tmp_path / "s")
    store.commit(batch(("a", "h1")))
    result = store.commit(batch(("other-id", "h1"), ("c", "h3")))
    assert result.already_stored == {"other-id": "a"}
    assert sorted(store.read("articles")["article_id"]) == ["a", "c"]
    assert not store.read("statements")["article_id"].eq("other-id").any()


def test_an_article_id_taken_by_another_text_gets_a_suffix_in_every_table(tmp_path: Path):
    store = Store(tmp_path / "s")
    store.commit(batch(("1", "aaaaaaaaaaaaaaaa")))
    result = store.commit(batch(("1", "bbbbbbbbbbbbbbbb")))
    assert result.renamed == {"1": "1~bbbbbbbb"}
    statements = store.read("statements")
    assert set(statements["statement_id"]) == {"1:s1", "1:s2", "1~bbbbbbbb:s1", "1~bbbbbbbb:s2"}
    stances = store.read("stances").set_index("stance_id")
    assert stances.loc["1~bbbbbbbb:p1", "statement_id"] == "1~bbbbbbbb:s1"
    assert stances.loc["1~bbbbbbbb:p1", "article_id"] == "1~bbbbbbbb"


def test_an_article_processed_by_a_new_pipeline_replaces_its_rows(tmp_path: Path):
    store = Store(tmp_path / "s")
    store.commit(batch(("a", "h1"), ("b", "h2")), pipeline="p1")
    newer = batch(("a", "h1"), pipeline="p2")
    newer["statements"] = newer["statements"].head(1)  # the new pipeline finds one statement only
    result = store.commit(newer, pipeline="p2")
    assert result.replaced == 1
    articles = store.read("articles").set_index("article_id")
    assert articles.loc["a", "pipeline"] == "p2" and articles.loc["b", "pipeline"] == "p1"
    statements = store.read("statements")
    assert sorted(statements["statement_id"]) == ["a:s1", "b:s1", "b:s2"]
    assert store.snapshot().pipeline == "p2"


def test_rows_for_a_stored_article_are_added_once(tmp_path: Path):
    store = Store(tmp_path / "s")
    store.commit(batch(("a", "h1")))
    extra = batch(("a", "h1"))["stances"].assign(stance_id="a:p9")
    store.commit({"stances": extra})
    store.commit({"stances": extra})
    assert sorted(store.read("stances")["stance_id"]) == ["a:p1", "a:p9"]


def test_what_a_killed_writer_left_past_the_snapshot_is_invisible_and_rolled_back(tmp_path: Path):
    store = Store(tmp_path / "s")
    store.commit(batch(("a", "h1")))
    # a writer killed after writing statements (and creating the numbers table) but before the snapshot
    orphan = batch(("z", "h9"))["statements"]
    write_deltalake(
        store.root / "statements",
        pa.Table.from_pandas(orphan, schema=arrow_schema("statements")),
        mode="append",
    )
    numbers = conform(pd.DataFrame([{"number_id": "z:n1", "article_id": "z", "value": 2.0}]), "numbers")
    write_deltalake(store.root / "numbers", pa.Table.from_pandas(numbers, schema=arrow_schema("numbers")))
    assert sizes(store)["statements"] == 2 and sizes(store)["numbers"] == 0  # readers see the snapshot
    store.commit(batch(("b", "h2")))
    assert sorted(store.read("statements")["article_id"].unique()) == ["a", "b"]
    assert sizes(store)["numbers"] == 0
    assert not (store.root / "numbers").exists()


def test_a_store_whose_first_batch_never_committed_is_empty_and_cleaned_on_the_next_write(tmp_path: Path):
    root = tmp_path / "s"
    write_deltalake(
        root / "articles",
        pa.Table.from_pandas(batch(("z", "h9"))["articles"], schema=arrow_schema("articles")),
    )
    store = Store(root)
    assert not store.exists() and store.holds_files()
    assert sizes(store)["articles"] == 0
    store.commit(batch(("a", "h1")))
    assert list(store.read("articles")["article_id"]) == ["a"]


def test_a_damaged_store_says_what_is_wrong(tmp_path: Path):
    store = Store(tmp_path / "s")
    store.commit(batch(("a", "h1")))
    assert store.check() is None
    (store.root / SNAPSHOT).write_text("{not json", encoding="utf-8")
    with pytest.raises(StoreError, match="damaged"):
        store.read("articles")
    store.root.joinpath(SNAPSHOT).write_text(json.dumps({"seq": 1, "versions": {"articles": 7}}))
    assert "cannot be opened at version 7" in store.check()


def test_a_legacy_store_of_parquet_parts_is_converted_on_its_next_write(tmp_path: Path):
    root = tmp_path / "s"
    old = batch(("a", "h1"), ("b", "h2"), rejected=("x.bin",))
    for n, copy in enumerate((1, 2)):  # the legacy loader appended duplicates on a pipeline change
        for table, df in old.items():
            (root / table).mkdir(parents=True, exist_ok=True)
            pq.write_table(
                pa.Table.from_pandas(df, preserve_index=False), root / table / f"part-{n}{copy}.parquet"
            )
    (root / "manifest.json").write_text(json.dumps({"updated": "2026-11-28"}))
    store = Store(root)
    assert store.is_legacy()
    store.commit(batch(("c", "h3")))
    assert not store.is_legacy() and not (root / "manifest.json").exists()
    assert sizes(store) == {
        "articles": 3,
        "statements": 6,
        "numbers": 0,
        "topics": 0,
        "stances": 3,
        "rejected": 1,
    }


def test_compaction_keeps_every_row_and_leaves_fewer_files(tmp_path: Path):
    store = Store(tmp_path / "s")
    for n in range(6):
        store.commit(batch((f"a{n}", f"h{n}")))
    before = store.read_all()
    files = len(store.file_uris("statements"))
    store.compact(retain_hours=0)
    after = store.read_all()
    assert len(store.file_uris("statements")) < files == 6
    for table in TABLES:
        key = after[table].columns[0]
        pd.testing.assert_frame_equal(
            before[table].sort_values(key).reset_index(drop=True),
            after[table].sort_values(key).reset_index(drop=True),
        )


def _commit_in_process(root: str, start: int) -> None:
    store = Store(root)
    for n in range(start, start + 8):
        store.commit(batch((f"a{n}", f"h{n}"), rejected=("same.bin",)))


def test_two_writers_with_overlapping_batches_store_each_row_once(tmp_path: Path):
    root = str(tmp_path / "s")
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_commit_in_process, args=(root, start)) for start in (0, 4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    tables = Store(root).read_all()
    assert sorted(tables["articles"]["article_id"]) == sorted(f"a{n}" for n in range(12))
    assert tables["statements"]["statement_id"].is_unique and len(tables["statements"]) == 24
    assert len(tables["rejected"]) == 1
    assert DeltaTable(Path(root) / "articles").version() >= 1


def _words(store: Store) -> dict[str, set[str]]:
    """Per statements data file, the words its index part holds (as the file's rows' contents give them)."""
    out = {}
    for uri in store.file_uris("statements"):
        part = word_index.part_path(store.root, uri)
        out[uri] = set(pq.read_table(part)["w"].to_pylist()) if word_index.indexed(store.root, uri) else None
    return out


def test_every_statements_file_gets_a_word_index_part_that_compaction_and_cleanup_keep_in_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    store = Store(tmp_path / "s")
    for n in range(3):
        store.commit(batch((f"a{n}", f"Word{n} NATO's 2%")))
    words = _words(store)
    assert len(words) == 3 and all(w and w >= {"nato", "s", "2"} for w in words.values())
    assert {w for ws in words.values() for w in ws if w.startswith("word")} == {"word0", "word1", "word2"}
    postings = pq.read_table(
        word_index.part_path(store.root, store.file_uris("statements")[0], word_index.ROWS)
    )
    assert [r["row"] for r in postings.to_pylist() if r["w"] == "nato"] == [0, 1]  # both statements
    store.compact(retain_hours=0)  # one new file, indexed; the parts of the files deleted go with them
    (compacted,) = _words(store).values()
    assert compacted >= {"word0", "word1", "word2", "nato"}
    assert len(list(word_index.folder(store.root).iterdir())) == 2  # its words and its postings
    # a part that fails to build (or a kill) leaves the file unindexed, the commit done and no file behind
    monkeypatch.setattr(word_index, "WORD", "(")  # the index's query fails
    store.commit(batch(("a9", "Word9")))
    assert sizes(store)["articles"] == 4
    assert sorted(v is None for v in _words(store).values()) == [False, True]
    assert not [p for p in word_index.folder(store.root).iterdir() if p.name.endswith(".tmp")]
    monkeypatch.undo()
    leftovers = [  # of a killed build, and a part of an older layout
        word_index.folder(store.root) / ".left-by-a-kill.tmp",
        word_index.folder(store.root) / (Path(store.file_uris("statements")[0]).name + ".words.parquet"),
    ]
    for path in leftovers:
        path.write_bytes(b"")
    assert cli(["index", "--store", str(store.root)]) == 0  # the missing part built, the leftovers gone
    assert capsys.readouterr().out == "word index: 1 files indexed\n"
    assert all(v is not None for v in _words(store).values())
    assert not any(path.exists() for path in leftovers)


def test_statements_are_written_in_small_row_groups_for_a_page_to_read_its_rows_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(store_module, "STATEMENT_ROW_GROUP", 4)
    store = Store(tmp_path / "s")
    store.commit(batch(*[(f"a{n}", f"h{n}") for n in range(5)]))  # ten statements
    store.commit(batch(("a9", "h9")))
    store.compact(retain_hours=0)
    (statements,) = store.file_uris("statements")
    meta = pq.ParquetFile(statements.removeprefix("file://")).metadata
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [4, 4, 4]
    assert meta.row_group(0).column(0).compression == "SNAPPY"  # compressed as the other tables are


def test_ctrl_c_while_the_word_index_is_written_stops_the_writer_after_its_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """DuckDB turns Ctrl-C into its own exception; the index must not swallow it as a failed part."""
    import duckdb

    class Interrupted:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def execute(self, *args):
            raise duckdb.InterruptException("INTERRUPT Error: Interrupted!")

    store = Store(tmp_path / "s")
    monkeypatch.setattr(word_index.duckdb, "connect", lambda **kw: Interrupted())
    with pytest.raises(KeyboardInterrupt):
        store.commit(batch(("a1", "h1")))
    monkeypatch.undo()
    assert sizes(store)["articles"] == 1  # committed before its index was written
    assert not list(word_index.folder(store.root).iterdir())
