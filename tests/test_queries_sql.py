"""The filters computed in DuckDB over the store (dashboard/queries/sql.py) give the same rows as the pandas
reference (dashboard.queries.apply_filters on the tables the app reads), for every combination of filters."""

from __future__ import annotations

import io
import itertools
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from dashboard import charts, corrections, exports, queries, taxonomy, word_index
from dashboard.claims import load_reference
from dashboard.corpus import Corpus
from dashboard.loader import load_articles
from dashboard.queries import (
    ARTICLE_COLUMNS,
    COUNTRY_FIELDS,
    TABLE_NAMES,
    Filters,
    apply_filters,
    facts,
    frames,
    search_statements,
    stance_frames,
)
from dashboard.queries import sql as sql_module
from dashboard.queries.sql import PAGE_COLUMNS, StoreSQL
from dashboard.schema import KEYS, conform
from dashboard.store import Store

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "articles"
ARTICLES = [
    "2014-09-05_wales-summit-pledge.md",
    "2017-11-13_pesco-notification.md",
    "2018-07-12_trump-brussels-summit.md",
    "2018-11-13_european-army-row.md",
    "2019-11-08_macron-brain-death.md",
    "2022-02-27_scholz-zeitenwende.md",
    "2024-06-20_poland-spending-surge.md",
    "2025-03-18_bundestag-debt-brake.md",
    "briefs.csv",
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("sql")
    (base / "in").mkdir()
    for name in ARTICLES:
        shutil.copy(SAMPLE / name, base / "in" / name)
    load_articles(base / "in", store=base / "store")
    # analysts' corrections: a polarity changed, a row rejected, a row corrected twice (the newest wins)
    stances = Store(base / "store").read("stances").sort_values("stance_id")
    first, second, third = stances["stance_id"].iloc[:3]
    flipped = "oppose" if stances["polarity"].iloc[0] == "support" else "support"
    corrections.add_correction(base / "store", first, flipped, "wrong sign")
    corrections.add_correction(base / "store", second, "not_a_stance")
    corrections.add_correction(base / "store", third, "oppose")
    corrections.add_correction(base / "store", third, "neutral", "on second reading")
    # and of the other tables: a speaker and country changed, a statement rejected, a number moved to
    # another country and year (checked against NATO again) and one rejected, a statement and a stance added
    root = base / "store"
    statements = Store(root).read("statements").sort_values("statement_id")
    german = statements[statements["speaker_country"] == "DEU"].iloc[0]
    corrections.record(
        root, "statements", german["statement_id"], {"speaker": "Olaf Scholz", "speaker_country": "FRA"}
    )
    corrections.record(root, "statements", statements["statement_id"].iloc[1], {"rejected": True})
    ghost = statements.iloc[2].to_dict() | {"content_start": 99_999, "content_end": 100_000}
    corrections.record(root, "statements", ghost, {"speaker": "Nobody"})  # its row is not in the store
    numbers = Store(root).read("numbers")
    pct = numbers[numbers["unit"] == "percent_of_gdp"].sort_values("number_id")
    corrections.record(
        root, "numbers", pct["number_id"].iloc[0], {"country": "POL", "year": 2024, "kind": "reported"}
    )
    corrections.record(root, "numbers", pct["number_id"].iloc[1], {"rejected": True})
    article = german["article_id"]
    corrections.add_row(
        root,
        "statements",
        {
            "article_id": article,
            "content_start": 0,
            "content_end": 12,
            "content": "Added by hand",
            "speaker": "Friedrich Merz",
            "speaker_country": "DEU",
            "kind": "direct",
        },
    )
    corrections.add_row(
        root,
        "stances",
        {
            "article_id": article,
            "evidence_start": 0,
            "evidence_end": 12,
            "evidence": "Added by hand",
            "actor": "Friedrich Merz",
            "actor_type": "person",
            "actor_country": "DEU",
            "target": "nato_alliance",
            "polarity": "support",
        },
    )
    return root


@pytest.fixture(scope="module")
def tables(store: Path) -> dict[str, pd.DataFrame]:
    """The tables as the app reads them: corpus-wide names, analysts' corrections applied."""
    raw = Store(store).read_all()
    found = corrections.read_corrections(store)
    for table in corrections.TABLES_CORRECTED:
        raw[table] = corrections.apply_corrections(raw[table], found, table)
    return Corpus.from_tables(raw).tables()


@pytest.fixture(scope="module")
def db(store: Path):
    with StoreSQL(store) as sql:
        yield sql


def _sorted(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    return frame.sort_values(KEYS[table]).reset_index(drop=True)


def _same(got: dict[str, pd.DataFrame], want: dict[str, pd.DataFrame], label: str) -> None:
    for table in TABLE_NAMES:
        pd.testing.assert_frame_equal(
            _sorted(got[table], table), _sorted(want[table], table), obj=f"{table} under {label}"
        )


def _grid(tables: dict[str, pd.DataFrame]) -> list[Filters]:
    statements = tables["statements"]
    outlets = tables["articles"]["source"].value_counts().index[:2].tolist()
    topics = tables["topics"]["topic"].value_counts().index[:2].tolist()
    speakers = statements["speaker"].value_counts().index[:3].tolist()
    countries = [(), ("DEU",), ("USA", "fra")]
    fields = [COUNTRY_FIELDS, ("speaker",), ("mentioned",), ("number",), ("speaker", "number")]
    dates = [(None, None), (date(2018, 1, 1), date(2022, 12, 31)), (date(2024, 6, 20), None)]
    every = [
        Filters(countries=c, country_fields=f, date_from=d[0], date_to=d[1], outlets=o, topics=t, actors=a)
        for c, f, d, o, t, a in itertools.product(
            countries,
            fields,
            dates,
            [(), tuple(outlets)],
            [(), (topics[0],)],
            [(), (speakers[0],), tuple(speakers[1:])],
        )
        if c or f == COUNTRY_FIELDS  # the fields matter only with a country
    ]
    # every fifth (5 is prime to the 12 combinations of the last three filters, so each pairing comes up)
    return every[::5]


def test_every_filter_combination_gives_the_pandas_rows(tables, db) -> None:
    grid = _grid(tables)
    assert len(grid) > 75
    hits = 0
    for filters in grid:
        want = apply_filters(tables, filters)
        _same(db.filtered(filters), want, repr(filters))
        assert db.count(filters) == {t: len(want[t]) for t in TABLE_NAMES}
        hits += bool(len(want["statements"])) and len(want["statements"]) < len(tables["statements"])
    assert hits > 25  # most combinations keep some rows and drop others: the comparison has teeth


def test_no_filter_is_every_row_with_the_corpus_wide_names(tables, db) -> None:
    _same(db.filtered(Filters()), tables, "no filter")
    shown = tables["statements"].set_index("statement_id")
    raw = Store(db.store.root).read("statements")
    raw = raw[raw["statement_id"].isin(shown.index)]  # not the one an analyst rejected
    full = shown.loc[raw["statement_id"], "speaker"]
    # a surname-only speaker takes the full name the corpus uses elsewhere (not a speaker an analyst changed)
    surname = [
        isinstance(f, str) and isinstance(r, str) and f.endswith(" " + r)
        for f, r in zip(full, raw["speaker"], strict=True)
    ]
    renamed = raw["speaker"].ne(full.values) & pd.Series(surname, index=raw.index)
    assert db.con.execute("SELECT count(*) FROM statements").fetchone()[0] == len(shown)
    if renamed.any():
        short = raw.loc[renamed, "speaker"].iloc[0]
        assert db.con.execute("SELECT count(*) FROM statements WHERE speaker = ?", [short]).fetchone()[0] == 0


def test_filter_values_are_parameters_not_sql(db) -> None:
    hostile = Filters(
        countries=("DEU') OR true --",), outlets=("x' OR '1'='1",), actors=("'; DROP VIEW articles; --",)
    )
    assert db.count(hostile) == {t: 0 for t in TABLE_NAMES} | {"rejected": db.count(Filters())["rejected"]}
    assert db.count(Filters())["articles"] > 0


def test_a_view_sees_its_snapshot_only(tmp_path: Path) -> None:
    shutil.copytree(SAMPLE, tmp_path / "in", ignore=shutil.ignore_patterns("2025*", "*.csv", "*.jsonl"))
    load_articles(tmp_path / "in" / "2014-09-05_wales-summit-pledge.md", store=tmp_path / "store")
    before = StoreSQL(tmp_path / "store")
    load_articles(tmp_path / "in" / "2018-07-12_trump-brussels-summit.md", store=tmp_path / "store")
    after = StoreSQL(tmp_path / "store")
    assert before.count(Filters())["articles"] == 1
    assert after.count(Filters())["articles"] == 2


def test_an_empty_store_gives_empty_tables(tmp_path: Path) -> None:
    with StoreSQL(tmp_path / "nothing") as db:
        got = db.filtered(Filters(countries=("DEU",)))
        page, counts = db.statements_page(Filters(), "nato spending")  # no speaker names to match either
    assert all(got[t].empty for t in TABLE_NAMES)
    assert counts == {"statements": 0, "articles": 0} and page.empty
    assert list(got["statements"].columns) == list(Store(tmp_path).read("statements").columns)


@pytest.mark.parametrize(
    ("filters", "search"),
    [
        (Filters(), None),
        (Filters(countries=("DEU",)), "nato"),
        (Filters(date_from=date(2018, 1, 1)), '"european army" macron'),
        (Filters(), "SPENDING"),
        (Filters(), "no statement holds this"),
        (Filters(), '"added by hand"'),  # the analyst's row
        (Filters(countries=("FRA",)), "scholz"),  # a corrected speaker and country
        (Filters(), "olaf"),  # in speakers' full names only, some of them given in the corpus only
        (Filters(), "2% $"),  # literal: no pattern syntax
        (Filters(), "a.s"),  # as a pattern it would match 130 statements, literally none
    ],
)
def test_a_statements_page_is_the_pandas_search_sliced(tables, db, filters: Filters, search) -> None:
    want = search_statements(apply_filters(tables, filters), search)
    page, counts = db.statements_page(filters, search, limit=len(want) + 5)
    articles = want["article_id"] if search else apply_filters(tables, filters)["articles"]["article_id"]
    assert counts == {"statements": len(want), "articles": articles.nunique()}
    assert list(page.columns) == PAGE_COLUMNS + ARTICLE_COLUMNS[1:]
    pd.testing.assert_frame_equal(page, want[list(page.columns)])
    if len(want) > 12:
        second, again = db.statements_page(filters, search, limit=5, offset=5)
        assert again == counts
        assert second["statement_id"].tolist() == want["statement_id"].iloc[5:10].tolist()
    # the download: every match as the page shows rows, written by DuckDB in the page's order
    names = {"DEU": "Germany", "FRA": "France"}
    shown = queries.statement_rows(want, names)
    written = pd.read_csv(
        io.BytesIO(db.statements_csv(filters, search, names)), dtype=str, keep_default_na=False
    )
    assert list(written.columns) == list(shown.columns) and len(written) == len(shown)
    for column in ("statement_id", "speaker", "country", "outlet"):
        assert written[column].tolist() == shown[column].fillna("").tolist(), column
    assert written["date"].tolist() == [str(d) if pd.notna(d) else "" for d in shown["date"]]
    assert written["content"].str.lstrip("'").tolist() == shown["content"].fillna("").tolist()


def test_an_article_by_id(tables, db) -> None:
    first = tables["articles"].iloc[0]
    assert db.article(first["article_id"])["text"] == first["text"]
    with pytest.raises(KeyError):
        db.article("no-such-article")


def test_the_sidebar_options_are_the_pandas_ones(tables, db) -> None:
    assert db.options() == {
        "countries": queries.country_options(tables),
        "outlets": queries.outlet_options(tables),
        "actors": queries.actor_options(tables),
        "topics": queries.topic_options(tables),
        "dates": queries.date_bounds(tables),
    }
    assert StoreSQL(Path("/nonexistent-store")).options()["dates"] is None


def test_the_analysts_corrections_apply_in_sql(store: Path, db) -> None:
    raw = Store(store).read("stances").set_index("stance_id")
    got = db.con.execute("SELECT * FROM stances").df().set_index("stance_id")
    assert len(got) == len(raw) - 1 + 1  # the rejected row is gone, the added one is there
    added = got[got.index.str.contains(":analyst")]
    assert added[["actor", "target", "polarity", "method", "score"]].values.tolist() == [
        ["Friedrich Merz", "nato_alliance", "support", "analyst", corrections.CORRECTED_MAGNITUDE]
    ]
    found = corrections.active(corrections.read_corrections(store))
    verdicts = found[found["table"] == "stances"].dropna(subset=["field"])
    for row in verdicts.itertuples():
        stance = raw[
            (raw["evidence_start"] == row.span_start)
            & (raw["target"] == row.target)
            & (raw["actor"] == row.actor)
        ]
        stance_id = stance.index[0]
        if row.field == "rejected":
            assert stance_id not in got.index
            continue
        latest = verdicts[(verdicts["span_start"] == row.span_start) & (verdicts["actor"] == row.actor)][
            "new"
        ].iloc[-1]
        verdict = latest.strip('"')
        line = got.loc[stance_id]
        assert (line["polarity"], line["method"], line["confidence"]) == (verdict, "analyst", 1.0)
        assert line["score"] == 0.0 if verdict == "neutral" else (line["score"] > 0) == (verdict == "support")
    # the moved number is checked against NATO's Polish figure for 2024
    numbers = db.con.execute("SELECT * FROM numbers WHERE country = 'POL' AND year = 2024").df()
    moved = numbers[
        numbers["number_id"]
        == found[(found["table"] == "numbers") & (found["field"] == "country")].pipe(
            lambda f: (
                Store(store)
                .read("numbers")
                .set_index(["article_id", "start"])
                .loc[(f["article_id"].iloc[0], int(f["span_start"].iloc[0])), "number_id"]
            )
        )
    ]
    assert len(moved) == 1 and moved["official_value"].notna().all() and moved["verdict"].notna().all()


def test_a_correction_whose_row_is_gone_is_listed_not_applied(store: Path, db) -> None:
    assert db.orphans[["table", "span_start", "new"]].values.tolist() == [["statements", 99_999, '"Nobody"']]
    assert db.con.execute("SELECT count(*) FROM statements WHERE speaker = 'Nobody'").fetchone()[0] == 0
    raw = Store(store).read_all()
    pd.testing.assert_frame_equal(db.orphans, corrections.orphaned(store, raw))


def test_corpus_counts_are_the_pandas_ones(tables, db) -> None:
    assert db.corpus_stats() == queries.corpus_stats(tables)
    pd.testing.assert_frame_equal(db.articles_per_outlet(), queries.articles_per_outlet(tables["articles"]))
    filters = Filters(countries=("DEU",))
    want = queries.table_counts(tables, apply_filters(tables, filters))
    pd.testing.assert_frame_equal(db.table_counts(filters), want, check_dtype=False)


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_exports_written_by_duckdb_hold_the_filtered_rows(tables, db, table: str) -> None:
    filters = Filters(countries=("DEU",), date_from=date(2018, 1, 1))
    want = _sorted(apply_filters(tables, filters)[table], table)
    got = pd.read_csv(io.BytesIO(db.export(table, "csv", filters)), dtype=str, keep_default_na=False)
    ref = pd.read_csv(io.BytesIO(exports.table_bytes(want, "csv")), dtype=str, keep_default_na=False)
    assert list(got.columns) == list(ref.columns) and len(got) == len(ref)
    for column in got.columns:  # the same cells; DuckDB writes true/false and full timestamps
        if column == "published":
            assert (pd.to_datetime(got[column]) == pd.to_datetime(ref[column])).all()
        else:
            assert got[column].str.lower().tolist() == ref[column].str.lower().tolist(), column
    parquet = pd.read_parquet(io.BytesIO(db.export(table, "parquet", filters)))
    pd.testing.assert_frame_equal(conform(parquet, table), want)


def test_a_formula_in_article_text_is_exported_as_text(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        '=HYPERLINK("http://example.org")\n\nThe minister said the budget would rise, officials said.',
        encoding="utf-8",
    )
    load_articles(tmp_path / "in", store=tmp_path / "store")
    with StoreSQL(tmp_path / "store") as db:
        got = pd.read_csv(io.BytesIO(db.export("articles", "csv")), dtype=str, keep_default_na=False)
    assert got["text"].iloc[0].startswith("'=HYPERLINK")


def test_excel_past_its_row_limit_is_refused(db, monkeypatch: pytest.MonkeyPatch) -> None:
    assert db.export("articles", "xlsx")[:2] == b"PK"
    monkeypatch.setattr(sql_module, "EXCEL_ROWS", 3)
    with pytest.raises(ValueError, match="do not fit in an Excel sheet"):
        db.export("statements", "xlsx")
    with pytest.raises(KeyError):
        db.export("no_such_table", "csv")


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(countries=("DEU",)),
        Filters(date_from=date(2018, 1, 1), topics=("defence_spending",)),
    ],
)
def test_the_overview_frames_are_the_pandas_ones(tables, db, filters: Filters) -> None:
    shown = apply_filters(tables, filters)
    statements = frames.with_published(shown["statements"], shown["articles"])
    names = {"DEU": "Germany", "FRA": "France", "USA": "United States"}
    labels = {"defence_spending": "Defence spending", "nato": "NATO"}
    assert db.headline_counts(filters) == queries.headline_counts(shown["articles"], statements)
    for freq in queries.FREQUENCIES:
        pd.testing.assert_frame_equal(
            db.statements_over_time(filters, freq), queries.statements_over_time(statements, freq)
        )
        pd.testing.assert_frame_equal(
            db.articles_over_time(filters, freq), frames.articles_over_time(shown["articles"], freq)
        )
    pd.testing.assert_frame_equal(db.top_speakers(filters, 5), queries.top_speakers(statements, 5))
    pd.testing.assert_frame_equal(
        db.top_topics(filters, labels, 4), frames.top_topics(shown["topics"], labels, 4)
    )
    for measure in ("statements", "claims"):
        pd.testing.assert_frame_equal(
            db.country_counts(filters, measure, names),
            frames.country_counts(statements, shown["numbers"], measure, names),
        )
    with pytest.raises(ValueError):
        db.statements_over_time(filters, "W")


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(countries=("FRA",)),
        Filters(actors=("Emmanuel Macron",)),
        Filters(topics=("nato", "defence_spending"), date_from=date(2018, 1, 1)),
    ],
)
def test_the_topics_frames_are_the_pandas_ones(tables, db, filters: Filters) -> None:
    shown = apply_filters(tables, filters)
    names = {"DEU": "Germany", "FRA": "France"}
    labels = {"defence_spending": "Defence spending", "nato": "NATO"}
    for freq in queries.FREQUENCIES:
        pd.testing.assert_frame_equal(
            db.topic_prevalence_by_period(filters, labels, freq),
            frames.topic_prevalence_by_period(shown["topics"], shown["articles"], labels, freq),
        )
    for countries in (None, ("DEU", "FRA"), ("XXX",)):
        pd.testing.assert_frame_equal(
            db.topic_prevalence_by_country(filters, labels, names, countries, n_countries=4),
            frames.topic_prevalence_by_country(
                shown["topics"], shown["articles"], labels, names, countries, n_countries=4
            ),
        )


@pytest.mark.parametrize(
    "filters", [Filters(), Filters(countries=("DEU", "POL")), Filters(date_to=date(2019, 1, 1))]
)
def test_the_spending_figures_give_the_pandas_charts(tables, db, filters: Filters) -> None:
    every = apply_filters(tables, filters)["numbers"].sort_values("number_id")
    points = db.spending_points(filters)
    pd.testing.assert_frame_equal(points, frames.spending_points(every))
    assert points["n"].sum() == every["unit"].isin(frames.CLAIM_UNITS).sum()
    reference = load_reference()
    names = {"DEU": "Germany", "POL": "Poland"}
    chosen = list(filters.countries) or None
    # the collapsed figures count and chart as the rows do
    assert frames.verdict_counts(points) == frames.verdict_counts(every)
    marker = ["country", "year", "value", "qualifier", "official_value", "verdict"]
    for got, want, keys in [
        (
            frames.spending_chart_data(points, reference, names, chosen)[0],
            frames.spending_chart_data(every, reference, names, chosen)[0],
            marker,
        ),
        (
            frames.targets_vs_levels(points, reference, names, chosen),
            frames.targets_vs_levels(every, reference, names, chosen),
            ["country", "measure", "value", "year"],
        ),
        (
            frames.money_amounts(points, names, chosen),
            frames.money_amounts(every, names, chosen),
            ["currency", "kind", "value", "country", "year"],
        ),
    ]:
        shown, wanted = (charts.same_points(f, keys)[[*keys, "n"]].map(str) for f in (got, want))
        assert sorted(map(tuple, shown.values)) == sorted(map(tuple, wanted.values))
    table = db.claims_table(filters, names, limit=3)
    want = frames.claims_table(every, names)
    assert frames.verdict_counts(points)["claims"] == len(want)
    pd.testing.assert_frame_equal(table, want.head(3))
    written = pd.read_csv(io.BytesIO(db.claims_csv(filters, names)), dtype=str, keep_default_na=False)
    for column in ("article_id", "statement_id", "verdict"):
        assert written[column].tolist() == want[column].fillna("").tolist()
    assert written["sentence"].str.lstrip("'").tolist() == want["sentence"].fillna("").tolist()


@pytest.mark.parametrize("filters", [Filters(), Filters(countries=("FRA",)), Filters(topics=("nato",))])
def test_the_stance_rows_give_the_pandas_stance_frames(tables, db, filters: Filters) -> None:
    shown = apply_filters(tables, filters)
    stances, articles = db.stance_cell(filters)
    pd.testing.assert_frame_equal(stances, _sorted(shown["stances"], "stances"))
    assert set(articles["article_id"]) == set(stances["article_id"])
    assert "text" not in articles  # titles and dates only
    actor = stances["actor"].value_counts().index[0] if len(stances) else None
    pd.testing.assert_frame_equal(
        stance_frames.actor_target_matrix(stances), stance_frames.actor_target_matrix(shown["stances"])
    )
    for freq in ("M", "Q"):
        pd.testing.assert_frame_equal(
            stance_frames.stance_over_time(stances, articles, freq),
            stance_frames.stance_over_time(shown["stances"], shown["articles"], freq),
        )
    for behind in (frames.stances_behind, frames.positions_behind):
        got = behind(stances, articles, actor=actor, target=None).drop(columns="stance_id", errors="ignore")
        want = behind(shown["stances"], shown["articles"], actor=actor, target=None)
        pd.testing.assert_frame_equal(
            got.reset_index(drop=True), want.drop(columns="stance_id", errors="ignore").reset_index(drop=True)
        )


def test_the_stance_aggregates_in_sql_are_the_pandas_ones(tables, db) -> None:
    grid = _grid(tables)[::3]
    nonempty = 0
    for filters in grid:
        shown = apply_filters(tables, filters)
        stances, articles = shown["stances"], shown["articles"]
        nonempty += not stances.empty
        for row, pandas_matrix in (
            ("actor", stance_frames.actor_target_matrix),
            ("actor_country", stance_frames.country_target_matrix),
        ):
            got, want = db.stance_matrix(filters, row), pandas_matrix(stances)
            pd.testing.assert_frame_equal(got, want, check_index_type=False, obj=f"{row} matrix {filters}")
        for freq in ("M", "Q"):
            pd.testing.assert_frame_equal(
                db.stance_over_time(filters, freq),
                stance_frames.stance_over_time(stances, articles, freq),
                check_index_type=False,
                obj=f"over time {freq} {filters}",
            )
        pd.testing.assert_frame_equal(
            db.actor_target_pairs(filters), stance_frames.actor_target_pairs(stances), check_index_type=False
        )
        if not stances.empty:
            actor, target = stances.iloc[0][["actor", "target"]]
            for a, t in ((actor, None), (None, target), (actor, target)):
                cell, cell_articles = db.stance_cell(filters, actor=a, target=t)
                for behind in (frames.stances_behind, frames.positions_behind):
                    pd.testing.assert_frame_equal(
                        behind(cell, cell_articles, actor=a, target=t),
                        behind(stances, articles, actor=a, target=t),
                        check_index_type=False,
                    )
    assert nonempty > 10
    with pytest.raises(ValueError, match="row"):
        db.stance_matrix(Filters(), "outlet")


def test_the_articles_a_filter_set_selects_are_kept_for_the_last_filter_sets_only(
    tables, store, monkeypatch
) -> None:
    grid = [f for f in _grid(tables) if f.countries or f.actors]
    assert len(grid) > sql_module.SELECTIONS + 1

    def tables_kept(sql: StoreSQL) -> set[str]:
        names = sql._query("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'selected_%'")
        return {name for (name,) in names.fetchall()}

    with StoreSQL(store) as db:
        first_ctes, first_params = db._ctes(grid[0])  # as a query in another session holds them
        for filters in grid[1:]:
            # the second call reads the kept selection
            assert len(db.table("articles", filters)) == len(db.table("articles", filters))
        # the first filter set's table left the selections but is kept a while: a query started on it ends
        assert len(tables_kept(db)) == len(grid)
        assert db._query(f"WITH {first_ctes} SELECT count(*) FROM f_articles", first_params).fetchone()
        monkeypatch.setattr(sql_module, "RETIRED_SECONDS", 0.0)
        shown = apply_filters(tables, grid[0])
        _same(db.filtered(grid[0]), shown, "computed again")
        db.table("articles", grid[-1])  # the next call drops what was retired before it
        assert len(tables_kept(db)) == sql_module.SELECTIONS


def test_a_large_store_read_from_its_files_gives_the_rows_of_a_small_one_held_in_memory(
    store, tables, db, monkeypatch
) -> None:
    monkeypatch.setattr(sql_module, "IN_MEMORY_STATEMENTS", 0)
    with StoreSQL(store) as disk:
        kinds = {
            name: kind
            for name, kind in disk._query(
                "SELECT table_name, table_type FROM information_schema.tables"
            ).fetchall()
        }
        assert kinds["raw_statements"] == "VIEW"
        for filters in _grid(tables)[::4]:
            _same(disk.filtered(filters), db.filtered(filters), str(filters))
        # a search finds rows by their place in the files (and corrected rows by theirs)
        for search in ("nato", '"added by hand"', "scholz", None):
            page, counts = disk.statements_page(Filters(), search)
            want, want_counts = db.statements_page(Filters(), search)
            assert counts == want_counts and counts["statements"] > 0
            pd.testing.assert_frame_equal(page, want)
    in_memory = dict(db._query("SELECT table_name, table_type FROM information_schema.tables").fetchall())
    assert in_memory["raw_statements"] == "BASE TABLE"


def test_a_search_of_words_through_the_word_index_finds_the_rows_a_scan_finds(
    store, db, tmp_path, monkeypatch
) -> None:
    """The same articles stored in several commits (so several data files, one left without its index part,
    which is then scanned) with the same corrections: every search of words goes through the word index
    and gives the page of the store held in memory (found by a scan)."""
    copy = tmp_path / "store"
    load_articles(store.parent / "in", store=copy, batch_articles=3)
    corrections.database_path(copy).parent.mkdir(exist_ok=True)
    shutil.copy(corrections.database_path(store), corrections.database_path(copy))
    files = Store(copy).file_uris("statements")
    assert len(files) >= 3 and all(word_index.indexed(copy, f) for f in files)
    word_index.part_path(copy, files[1]).unlink()  # that file's part is not whole: the file is scanned
    monkeypatch.setattr(sql_module, "IN_MEMORY_STATEMENTS", 0)
    indexed = []
    through_index = StoreSQL._indexed_page
    monkeypatch.setattr(
        StoreSQL, "_indexed_page", lambda self, *a: indexed.append(a) or through_index(self, *a)
    )
    searches = [
        "nato",
        "NATO spending",
        "spend",
        "scholz",
        "olaf",
        "hand",
        "20",
        "Kallas",
        "zzzz",
        "nato's",
        '"of GDP"',
        '"added by hand"',  # the analyst's row
        '"ence spen"',  # the end of a word, then the start of one
        '"european army" macron',
    ]
    with StoreSQL(copy) as disk:
        for search, filters in itertools.product(searches, (Filters(), Filters(countries=("FRA",)))):
            page, counts = disk.statements_page(filters, search)
            want, want_counts = db.statements_page(filters, search)
            assert counts == want_counts, (search, filters)
            pd.testing.assert_frame_equal(page, want, obj=f"{search} under {filters}")
        assert len(indexed) == 2 * len(searches)
        assert disk.statements_page(Filters(), "2%")[1] == db.statements_page(Filters(), "2%")[1]
        assert len(indexed) == 2 * len(searches)  # not ending in a word: scanned
        for search in ("nato", "nato's", '"of GDP"', '"ence spen"', '"european army" macron', "hand"):
            assert disk.statements_page(Filters(), search)[1]["statements"] >= 1, search


# texts where a phrase's words are near each other in other ways than the phrase says
TRICKY = [
    "NATO\u2019s brain death",
    "nato's brain-death",
    "a brain  death",
    "Brain Death, said the 2% of GDP",
    "xbrain deathy 2 % of gdp",
    "brain\ndeath",
    "the brain, death of the of the alliance",
    "D\u00e9fense spending: S\u00e9bastien's",
    "nato s brain death",
    "the brain scan before death",
]


@pytest.mark.parametrize(
    "search",
    [
        '"brain death"',
        '"brain-death"',
        '"rain deat"',
        "nato's",
        '"nato\u2019s"',
        '"2% of gdp"',
        '"of the alliance"',
        '"of the of"',
        '"s brain death"',
        "sébastien",  # a letter outside A-Z inside the term: scanned
        '"éfense spending"',
    ],
)
def test_a_phrase_through_the_word_index_matches_exactly_where_the_scan_does(
    store, tmp_path, monkeypatch, search
) -> None:
    """Statements whose texts hold a phrase's words next to each other, apart, with other characters
    between them, or as parts of longer words: the word index finds exactly the rows the scan of the texts
    finds."""
    tables = Store(store).read_all()
    rows = tables["statements"].sort_values("statement_id").iloc[: len(TRICKY)].copy()
    rows["content"] = TRICKY
    Store(tmp_path).commit({"articles": tables["articles"], "statements": rows})
    with StoreSQL(tmp_path) as scanned:
        want, counts = scanned.statements_page(Filters(), search)
    monkeypatch.setattr(sql_module, "IN_MEMORY_STATEMENTS", 0)
    indexed = []
    through_index = StoreSQL._indexed_page
    monkeypatch.setattr(
        StoreSQL, "_indexed_page", lambda self, *a: indexed.append(a) or through_index(self, *a)
    )
    with StoreSQL(tmp_path) as disk:
        page, got = disk.statements_page(Filters(), search)
    assert got == counts and bool(indexed) == (word_index.phrase(search.strip('"')) is not None)
    pd.testing.assert_frame_equal(page, want)


def test_masks_of_several_words_and_compressed_facts_filter_and_count_as_one_word_does(
    store, tables, monkeypatch
) -> None:
    """The sample's countries fit in one 64-bit word; with three bits a word they take many, and every
    filter set still counts and charts the pandas rows (the tables compressed, as a large store's are)."""
    monkeypatch.setattr(facts, "WORD_BITS", 3)
    monkeypatch.setattr(facts, "COMPRESS_FROM", 0)
    names = {"DEU": "Germany", "FRA": "France", "USA": "United States"}
    labels = {"defence_spending": "Defence spending", "nato": "NATO"}
    with StoreSQL(store) as db:
        assert db.codes.country_words > 5 and db.codes.topic_words > 1
        grid = [*_grid(tables)[::2], Filters(countries=tuple(db.codes.countries)[-2:])]
        for filters in grid:
            shown = apply_filters(tables, filters)
            assert db.count(filters) == {t: len(shown[t]) for t in TABLE_NAMES}, filters
            statements = frames.with_published(shown["statements"], shown["articles"])
            assert db.headline_counts(filters) == queries.headline_counts(shown["articles"], statements)
            pd.testing.assert_frame_equal(
                db.stance_matrix(filters, "actor_country"),
                stance_frames.country_target_matrix(shown["stances"]),
                check_index_type=False,
            )
        for filters in grid[::6]:
            shown = apply_filters(tables, filters)
            pd.testing.assert_frame_equal(
                db.topic_prevalence_by_country(filters, labels, names, n_countries=40),
                frames.topic_prevalence_by_country(
                    shown["topics"], shown["articles"], labels, names, n_countries=40
                ),
            )


def test_the_speaker_counts_one_scan_serves_are_the_pandas_ones_for_every_filter_set(tables, db) -> None:
    names = {"DEU": "Germany", "FRA": "France", "USA": "United States"}
    grid = [*_grid(tables)[1::3], Filters(actors=("Nobody Atall",)), Filters(date_from=date(2031, 1, 1))]
    for filters in grid:
        shown = apply_filters(tables, filters)
        statements = frames.with_published(shown["statements"], shown["articles"])
        assert db.headline_counts(filters) == queries.headline_counts(shown["articles"], statements), filters
        pd.testing.assert_frame_equal(db.top_speakers(filters, 5), queries.top_speakers(statements, 5))
        pd.testing.assert_frame_equal(
            db.country_counts(filters, "statements", names),
            frames.country_counts(statements, shown["numbers"], "statements", names),
        )
    assert db.headline_counts(grid[-1]) == {"articles": 0, "statements": 0, "speakers": 0, "countries": 0}


@pytest.mark.parametrize("table", ["statements", "numbers", "stances"])
def test_the_review_queues_are_the_filtered_rows_no_analyst_has_seen_least_confident_first(
    tables, db, table: str
) -> None:
    id_column = KEYS[table][0]
    seen = {i for (i,) in db.con.execute(f"SELECT {id_column} FROM replaced_{table}").fetchall()}
    assert seen  # the store's corrections are about some rows of each table
    for filters in [
        Filters(),
        Filters(countries=("DEU",)),
        Filters(topics=("nato",), actors=("Emmanuel Macron",)),
    ]:
        rows = apply_filters(tables, filters)[table]
        rows = rows[~rows[id_column].isin(seen) & ~rows[id_column].str.contains(":analyst")]
        if table == "numbers":
            rows = rows[rows["unit"].isin(frames.CLAIM_UNITS)]
            rows = rows.assign(_key=~(rows["country"].isna() | rows["year"].isna()))
        else:
            rows = rows.assign(_key=rows["confidence"].fillna(-1.0))
        want = rows.sort_values(["_key", id_column])[id_column].tolist()
        total = db.review_queue(filters, table)[1]
        assert total == len(want), filters
        for position in sorted(p for p in {0, 1, total // 2, total - 1} if 0 <= p < total):
            row, _ = db.review_queue(filters, table, position)
            assert row[id_column] == want[position]
        assert db.review_queue(filters, table, total)[0] is None


def _missed_stances(tables: dict[str, pd.DataFrame], filters: Filters, checked: set) -> list[tuple]:
    """The queue of missed stances in pandas: sentences of the filtered articles on a target's topic that
    no stance on the target covers (evidence from the sentence's start) and no analyst checked."""
    topics = apply_filters(tables, filters)["topics"].dropna(subset=["sentence_start"])
    stances = tables["stances"]
    out = []
    for row in topics.itertuples():
        for target, topic in taxonomy.target_topics().items():
            if row.topic != topic or (row.article_id, row.sentence_start, target) in checked:
                continue
            mine = stances[(stances["article_id"] == row.article_id) & (stances["target"] == target)]
            covered = (mine["evidence_start"] <= row.sentence_start) & (
                row.sentence_start < mine["evidence_end"]
            )
            if not covered.any():
                out.append((-row.score, row.article_id, int(row.sentence_start), target))
    return [tuple(r[1:]) for r in sorted(out)]


def test_the_missed_stances_queue_is_the_pandas_one_and_leaves_out_checked_sentences(
    tables, store: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "store"
    shutil.copytree(store, copy)
    grid = [Filters(), Filters(countries=("DEU",)), Filters(topics=("nato",)), Filters(outlets=("nobody",))]
    first = None
    for filters in grid:
        with StoreSQL(copy) as db:
            total = db.missed_stances(filters)[1]
            got = [db.missed_stances(filters, i)[0] for i in range(total)]
        want = _missed_stances(tables, filters, set())
        assert [(r["article_id"], r["sentence_start"], r["target"]) for r in got] == want, repr(filters)
        first = first or (want[0] if want else None)
    assert first is not None
    # a sentence an analyst found to state no stance on the target leaves the queue, once
    article_id, start, target = first
    for _ in range(2):
        corrections.mark_no_stance(copy, article_id, start, start + 40, target, analyst="A")
    with StoreSQL(copy) as db:
        total = db.missed_stances(Filters())[1]
        got = [db.missed_stances(Filters(), i)[0] for i in range(total)]
    left = [(r["article_id"], r["sentence_start"], r["target"]) for r in got]
    assert left == _missed_stances(tables, Filters(), {first})
    assert len(left) == len(_missed_stances(tables, Filters(), set())) - 1 and first not in left
