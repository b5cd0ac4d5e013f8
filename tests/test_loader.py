"""The loader end to end: every record accounted for, offsets into articles.text, the store's cache, crash
isolation, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from dashboard.cli import main as cli
from dashboard.corpus import canonicalise_speakers, content_pieces
from dashboard.loader import load_articles
from dashboard.nlp import extract as extraction
from dashboard.nlp.pipeline import ModelNotFoundError, load_model
from dashboard.schema import TABLES, validate
from dashboard.store import Store

ARTICLE_A = (
    "---\ntitle: Allies meet in Brussels\npublished: 2018-07-12\nsource: Test Desk\n---\n"
    '"All allies have heard the message," NATO Secretary General Jens Stoltenberg said on Thursday.\n\n'
    "German Chancellor Angela Merkel said Germany would raise its spending over time.\n"
)
ARTICLE_B = (
    "Spain rejects the new target\n\n"
    "Spanish Prime Minister Pedro Sánchez said on Sunday that Spain could meet its obligations "
    "while spending about 2.1% of GDP. One diplomat said the talks had been tense."
)
FRENCH = (
    "La France augmente son budget de défense\n\nLe président a annoncé mardi une hausse importante "
    "du budget des armées pour les prochaines années, selon le ministère."
)


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.md").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    # the same text as b.txt with other quotes and spacing: a duplicate, stored once
    (folder / "b_copy.txt").write_text(ARTICLE_B.replace("  ", " ") + "\n\n", encoding="utf-8")
    (folder / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    rows = [
        json.dumps({"id": "wire-1", "title": "Wire", "text": ARTICLE_B.replace("Sunday", "Monday")}),
        "{not json",
        json.dumps({"title": "no body here"}),
    ]
    (folder / "wire.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    return folder


def test_every_record_ends_in_articles_or_rejected(inputs: Path):
    corpus = load_articles(inputs)
    report = corpus.report
    assert report.read == 9
    assert len(corpus.articles) == 4  # a, b, fr, wire-1
    assert report.duplicates == 1
    assert len(corpus.rejected) == 4
    assert report.read == len(corpus.articles) + report.duplicates + len(corpus.rejected)
    reasons = dict(
        zip(
            corpus.rejected["position"].fillna("")
            + "@"
            + corpus.rejected["path"].map(lambda p: Path(p).name),
            corpus.rejected["reason"],
            strict=True,
        )
    )
    assert "empty" in reasons["@empty.txt"]
    assert "binary" in reasons["@image.txt"]
    assert "line 2@wire.jsonl" in reasons and "JSON" in reasons["line 2@wire.jsonl"]
    assert "no text field" in reasons["line 3@wire.jsonl"]
    for table in TABLES:
        validate(getattr(corpus, table), table)


def test_articles_keep_text_ids_language_and_dates(inputs: Path):
    arts = load_articles(inputs).articles.set_index("article_id")
    assert "wire-1" in arts.index  # a record's own id is kept
    a = arts[arts["title"] == "Allies meet in Brussels"].iloc[0]
    assert a["text"] == ARTICLE_A.split("---\n", 2)[2]
    assert a["published"] == pd.Timestamp("2018-07-12", tz="UTC")
    assert a["source"] == "Test Desk"
    assert set(a["countries"]) >= {"DEU"}
    fr = arts[arts["language"] == "fr"].iloc[0]
    assert "not parsed" in fr["processing_note"]
    b = arts[arts["text"] == ARTICLE_B].iloc[0]
    assert pd.isna(b["published"]) and b["language"] == "en"
    assert b["countries"] == ["ESP"]


def test_statements_have_speakers_and_offsets_into_the_article_text(inputs: Path):
    corpus = load_articles(inputs)
    st = corpus.statements
    texts = corpus.articles.set_index("article_id")["text"]
    assert len(st) >= 5
    for row in st.itertuples():
        text = texts[row.article_id]
        pieces = content_pieces(row.content_start, row.content_end, row.content_fragments)
        assert " … ".join(text[a:b] for a, b in pieces) == row.content
        assert text[row.speaker_start : row.speaker_end] == row.speaker_mention
        assert text[row.cue_start : row.cue_end] == row.cue
    topics = corpus.topics
    assert {"defence_spending", "nato"} <= set(topics["topic"])
    article_level = topics[topics["sentence_start"].isna()]
    assert article_level["score"].between(0, 1).all()
    assert set(topics["statement_id"].dropna()) <= set(st["statement_id"])
    people = st.set_index("speaker")
    assert people.loc["Jens Stoltenberg", "speaker_org"] == "NATO"
    assert people.loc["Angela Merkel", "speaker_country"] == "DEU"
    sanchez = st[st["speaker"] == "Pedro Sánchez"]
    assert set(sanchez["speaker_country"]) == {"ESP"}
    assert "anonymous" in set(st["speaker_type"])
    assert st["statement_id"].is_unique


def test_store_caches_by_content_hash(inputs: Path, tmp_path: Path):
    store = tmp_path / "store"
    first = load_articles(inputs, store=store)
    assert first.report.added == 4 and first.report.cached == 0
    second = load_articles(inputs, store=store)
    assert second.report.added == 0 and second.report.cached == 4
    pd.testing.assert_frame_equal(
        first.statements.sort_values("statement_id").reset_index(drop=True),
        second.statements.sort_values("statement_id").reset_index(drop=True),
    )
    (inputs / "c.txt").write_text(ARTICLE_B.replace("Spain", "Portugal"), encoding="utf-8")
    third = load_articles(inputs, store=store)
    assert third.report.added == 1 and third.report.cached == 4
    stored = Store(store).read_all()
    assert len(stored["articles"]) == 5  # nothing stored twice


def test_a_change_to_the_extractors_code_or_rule_data_changes_the_pipeline_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A store processes its articles again after an upgrade that changes a rule's code, not its words."""
    import shutil

    data, nlp = tmp_path / "data", tmp_path / "nlp"
    for name in ("lexicons", "gazetteer", "reference"):
        shutil.copytree(extraction.DATA_DIR / name, data / name)
    for name in ("topics.toml", "stance_targets.toml"):
        shutil.copy(extraction.DATA_DIR / name, data / name)
    shutil.copytree(extraction.NLP_DIR, nlp)
    monkeypatch.setattr(extraction, "DATA_DIR", data)
    monkeypatch.setattr(extraction, "NLP_DIR", nlp)
    versions = [extraction.pipeline_version(None)]
    with open(nlp / "stance_rules.py", "a", encoding="utf-8") as fh:
        fh.write("\n# a changed rule\n")
    versions.append(extraction.pipeline_version(None))
    with open(data / "stance_targets.toml", "a", encoding="utf-8") as fh:
        fh.write("\n# a changed word list\n")
    versions.append(extraction.pipeline_version(None))
    assert len(set(versions)) == 3


def test_one_failing_article_loses_nothing_else(inputs: Path, monkeypatch: pytest.MonkeyPatch):
    real = extraction.statements_for_doc

    def flaky(doc, when=None, gazetteer=None):
        if "Sánchez" in doc.text and "Sunday" in doc.text:
            raise RuntimeError("boom")
        return real(doc, when, gazetteer)

    monkeypatch.setattr(extraction, "statements_for_doc", flaky)
    corpus = load_articles(inputs)
    assert corpus.report.failed == 1
    assert len(corpus.articles) == 4
    failed = corpus.articles[corpus.articles["processing_note"].fillna("").str.contains("boom")]
    assert len(failed) == 1
    assert "Jens Stoltenberg" in set(corpus.statements["speaker"])


def test_two_workers_give_the_same_tables(inputs: Path):
    one = load_articles(inputs, workers=1).statements
    two = load_articles(inputs, workers=2).statements
    cols = ["statement_id", "speaker", "content_start", "content_end"]
    pd.testing.assert_frame_equal(
        one[cols].sort_values("statement_id").reset_index(drop=True),
        two[cols].sort_values("statement_id").reset_index(drop=True),
    )


def test_unknown_model_is_a_clear_error(inputs: Path):
    with pytest.raises(ModelNotFoundError, match="not installed"):
        load_articles(inputs, model="no_such_pipeline_xx")


def test_cli_ingest_and_export(inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    store = tmp_path / "cli-store"
    assert cli(["ingest", str(inputs), "--store", str(store), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "4 added" in out and "1 duplicates" in out and "4 rejected" in out
    assert cli(["ingest", str(inputs), "--store", str(store), "--no-progress"]) == 0
    assert "0 added, 4 already in store" in capsys.readouterr().out
    for fmt in ("csv", "parquet", "xlsx"):
        out_dir = tmp_path / f"export-{fmt}"
        assert cli(["export", "--store", str(store), "--out", str(out_dir), "--format", fmt]) == 0
        assert {p.name for p in out_dir.iterdir()} == {f"{t}.{fmt}" for t in TABLES}
    articles = pd.read_csv(tmp_path / "export-csv" / "articles.csv")
    assert len(articles) == 4 and "text" in articles.columns
    statements = pd.read_excel(tmp_path / "export-xlsx" / "statements.xlsx")
    assert len(statements) >= 5
    assert cli(["export", "--store", str(tmp_path / "nowhere"), "--out", str(tmp_path / "x")]) == 2
    capsys.readouterr()
    assert cli(["topics-suggest", "--store", str(store), "--topics", "2", "--terms", "4"]) == 0
    assert len([line for line in capsys.readouterr().out.splitlines() if line[:2] in {"1:", "2:"}]) == 2


def test_numbers_are_checked_against_nato_figures(tmp_path: Path):
    (tmp_path / "p.md").write_text(
        "---\ntitle: Poland leads\npublished: 2024-06-18\n---\n"
        "NATO estimates that Poland spent 4.12% of GDP on defence in 2024. "
        "Germany spent 3.5% of GDP on defence in 2024, a Berlin newspaper claimed.\n",
        encoding="utf-8",
    )
    numbers = load_articles(tmp_path).numbers.set_index("text")
    poland = numbers.loc["4.12% of GDP"]
    assert (poland["country"], poland["year"], poland["kind"]) == ("POL", 2024, "reported")
    assert (poland["verdict"], poland["edition"]) == ("consistent", "2024-06-17")
    germany = numbers.loc["3.5% of GDP"]
    assert germany["country"] == "DEU" and germany["verdict"] == "overstated"
    assert germany["difference"] > 1 and bool(germany["met_guideline"]) is True


def test_an_article_over_the_model_s_limit_is_parsed_in_pieces_with_exact_offsets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(load_model(), "max_length", 2_000)  # the real limit is 1,000,000 characters
    paragraphs = [
        f'"We will raise spending by {n} percent," German Chancellor Angela Merkel said in Berlin on day {n}.'
        for n in range(1, 61)
    ]
    text = "Berlin plans\n\n" + "\n\n".join(paragraphs) + "\n"
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    corpus = load_articles(tmp_path)
    article = corpus.articles.iloc[0]
    assert len(article["text"]) > 2 * 2_000 and pd.isna(article["processing_note"])
    statements = corpus.statements
    assert len(statements) == 60 and set(statements["speaker"]) == {"Angela Merkel"}
    for row in statements.itertuples():
        assert article["text"][row.content_start : row.content_end] == row.content
        assert article["text"][row.speaker_start : row.speaker_end] == row.speaker_mention


def test_a_chunk_whose_parse_raises_is_parsed_article_by_article(
    inputs: Path, monkeypatch: pytest.MonkeyPatch
):
    expected = load_articles(inputs).statements
    nlp = load_model()

    def broken_pipe(*args, **kwargs):
        raise RuntimeError("a batch of the parser died")
        yield  # a generator, as Language.pipe is

    monkeypatch.setattr(nlp, "pipe", broken_pipe)
    corpus = load_articles(inputs)
    assert corpus.report.failed == 0
    pd.testing.assert_frame_equal(corpus.statements, expected)


def test_an_article_whose_rows_cannot_be_stored_is_rejected_and_costs_no_other(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    real = extraction.statement_rows

    def bad_rows(article_id, statements):
        rows = real(article_id, statements)
        if any("Sánchez" in (s.speaker or "") for s in statements):
            rows[0]["kind"] = "shouted"  # breaks the statements table's contract
        return rows

    monkeypatch.setattr(extraction, "statement_rows", bad_rows)
    store = tmp_path / "store"
    corpus = load_articles(inputs, store=store)
    report = corpus.report
    assert report.read == len(corpus.articles) + report.duplicates + len(corpus.rejected)
    bad = corpus.rejected[corpus.rejected["reason"].str.startswith("could not be stored: SchemaError")]
    assert len(bad) == 2  # b.txt and the wire copy (Sánchez speaks in both)
    assert "Jens Stoltenberg" in set(corpus.statements["speaker"])
    assert len(Store(store).read("articles")) == len(corpus.articles) == 2


def test_a_surname_takes_the_one_full_name_the_corpus_uses_and_a_bare_title_takes_no_description() -> None:
    persons = ["Rasmussen", "Anders Fogh Rasmussen", "Secretary", "The US Treasury Secretary", "Kallas"]
    statements = pd.DataFrame({"speaker": persons, "speaker_type": "person"})
    assert canonicalise_speakers(statements)["speaker"].tolist() == [
        "Anders Fogh Rasmussen",
        "Anders Fogh Rasmussen",
        "Secretary",
        "The US Treasury Secretary",
        "Kallas",
    ]
