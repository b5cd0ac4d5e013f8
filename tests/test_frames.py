"""Unit tests of dashboard.queries.frames on small hand-made tables: periods, country counts, topics,
claims against a hand-made NATO series, targets against levels, money and the claims table."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.claims import load_reference
from dashboard.queries import frames as ag
from dashboard.schema import conform

NAMES = {"DEU": "Germany", "FRA": "France", "POL": "Poland", "UKR": "Ukraine"}
LABELS = {"nato": "NATO", "defence_spending": "Defence spending"}


@pytest.fixture
def articles() -> pd.DataFrame:
    return conform(
        pd.DataFrame(
            [
                {"article_id": "a1", "published": "2024-01-15", "countries": ["FRA", "DEU"]},
                {"article_id": "a2", "published": "2024-01-30", "countries": ["DEU"]},
                {"article_id": "a3", "published": "2024-05-02", "countries": ["POL"]},
                {"article_id": "a4", "published": None, "countries": ["DEU"]},
            ]
        ),
        "articles",
    )


@pytest.fixture
def topics() -> pd.DataFrame:
    rows = [
        # sentence rows (sentence_start set) and one article row per (article, topic)
        ("a1", "s1", "nato", 2.0, 0),
        ("a1", None, "nato", 0.5, None),
        ("a1", "s2", "defence_spending", 1.0, 40),
        ("a1", None, "defence_spending", 0.5, None),
        ("a2", None, "nato", 0.2, None),
        ("a2", "s3", "nato", 1.0, 10),
        ("a3", None, "defence_spending", 1.0, None),
        ("a3", "s4", "defence_spending", 1.0, 0),
        ("a4", None, "nato", 1.0, None),
    ]
    cols = ["article_id", "statement_id", "topic", "score", "sentence_start"]
    return conform(pd.DataFrame(rows, columns=cols), "topics")


def _number(**kw) -> dict:
    base = {
        "number_id": f"n{kw.get('i', 0)}",
        "article_id": "a1",
        "unit": "percent_of_gdp",
        "kind": "reported",
    }
    base.update({k: v for k, v in kw.items() if k != "i"})
    return base


@pytest.fixture
def numbers() -> pd.DataFrame:
    rows = [
        _number(i=1, value=2.15, country="DEU", year=2024, sentence="Germany spent 2.15% in 2024."),
        _number(i=2, value=1.5, country="DEU", year=2019, sentence="Germany spent 1.5% in 2019."),
        _number(i=3, value=4.1, country="POL", year=2024, sentence="Poland <b>spent</b> 4.1%."),
        _number(i=4, value=3.5, country="DEU", year=2029, kind="target", sentence="3.5% by 2029."),
        _number(i=5, value=2.0, country=None, year=2014, kind="target", sentence="Allies aim at 2%."),
        _number(i=6, value=20.0, country="UKR", year=None, kind="target", sentence="Ukraine wants 20%."),
        _number(i=7, value=5.0, country="UKR", year=2023, sentence="Ukraine spent 5%."),
        _number(i=8, unit="money", value=1e11, currency="EUR", country="DEU", kind="target", text="€100bn"),
        _number(i=9, unit="money", value=5e8, currency="GBP", country=None, kind="reported", text="£500m"),
        _number(i=10, unit="money", value=2e9, currency="EUR", country="FRA", kind="other", text="€2bn"),
        _number(i=11, unit="count", value=300.0, country="DEU", kind="other"),
    ]
    from dashboard.claims import check_claims

    return check_claims(conform(pd.DataFrame(rows), "numbers"), reference())


def reference() -> pd.DataFrame:
    rows = [
        ("DEU", "Germany", 2019, 1.36, "2024-06-17", False),
        ("DEU", "Germany", 2024, 2.12, "2024-06-17", True),
        ("DEU", "Germany", 2024, 2.00, "2025-08-28", False),
        ("POL", "Poland", 2024, 4.12, "2024-06-17", True),
        ("POL", "Poland", 2025, 4.48, "2025-08-28", True),
        ("FRA", "France", 2024, 2.06, "2024-06-17", True),
    ]
    cols = ["iso3", "country", "year", "pct_gdp", "edition", "estimate"]
    ref = pd.DataFrame(rows, columns=cols)
    return ref.astype(
        {"iso3": "string", "country": "string", "year": "Int64", "pct_gdp": "Float64", "edition": "string"}
    ).assign(estimate=lambda d: d["estimate"].astype("boolean"), usd_million_current=pd.NA)


def test_articles_over_time_counts_dated_articles_per_period(articles: pd.DataFrame) -> None:
    months = ag.articles_over_time(articles, "M")
    assert months["period"].tolist() == [pd.Timestamp("2024-01-01"), pd.Timestamp("2024-05-01")]
    assert months["articles"].tolist() == [2, 1]
    assert ag.articles_over_time(articles, "Y")["articles"].tolist() == [3]
    assert ag.articles_over_time(articles.iloc[:0], "M").empty
    with pytest.raises(ValueError, match="frequency"):
        ag.articles_over_time(articles, "W")


def test_country_counts_by_statements_and_by_claims(numbers: pd.DataFrame) -> None:
    statements = pd.DataFrame({"speaker_country": ["DEU", "DEU", "FRA", None]}, dtype="string")
    by_speaker = ag.country_counts(statements, numbers, "statements", NAMES)
    assert by_speaker.to_dict("records") == [
        {"iso3": "DEU", "country": "Germany", "count": 2},
        {"iso3": "FRA", "country": "France", "count": 1},
    ]
    claims = ag.country_counts(statements, numbers, "claims", NAMES).set_index("iso3")["count"].to_dict()
    # percent-of-GDP and money figures with a country; the count (n11) and country-less figures are left out
    assert claims == {"DEU": 4, "UKR": 2, "POL": 1, "FRA": 1}
    with pytest.raises(ValueError, match="measure"):
        ag.country_counts(statements, numbers, "quotes")


def test_top_topics_counts_articles_and_sentences(topics: pd.DataFrame) -> None:
    top = ag.top_topics(topics, LABELS)
    assert top.to_dict("records") == [
        {"topic": "nato", "label": "NATO", "articles": 3, "sentences": 2},
        {"topic": "defence_spending", "label": "Defence spending", "articles": 2, "sentences": 2},
    ]
    assert len(ag.top_topics(topics, LABELS, n=1)) == 1


def test_topic_prevalence_by_period_is_a_share_of_the_periods_articles(
    articles: pd.DataFrame, topics: pd.DataFrame
) -> None:
    prev = ag.topic_prevalence_by_period(topics, articles, LABELS, "M")
    jan = prev[prev["period"] == pd.Timestamp("2024-01-01")].set_index("topic")
    assert jan.loc["nato", "articles"] == 2 and jan.loc["nato", "period_articles"] == 2
    assert jan.loc["defence_spending", "share"] == pytest.approx(0.5)
    may = prev[prev["period"] == pd.Timestamp("2024-05-01")]
    assert may[["label", "share"]].values.tolist() == [["Defence spending", 1.0]]
    assert "a4" not in set(prev.get("article_id", []))  # undated a4 (nato) adds to no period
    assert prev["articles"].sum() == 4


def test_topic_prevalence_by_country_uses_mentioned_countries(
    articles: pd.DataFrame, topics: pd.DataFrame
) -> None:
    prev = ag.topic_prevalence_by_country(topics, articles, LABELS, NAMES)
    deu = prev[prev["iso3"] == "DEU"].set_index("topic")
    assert deu.loc["nato", "articles"] == 3 and deu.loc["nato", "country_articles"] == 3  # a1, a2, a4
    assert deu.loc["defence_spending", "share"] == pytest.approx(1 / 3)
    assert set(prev["country"]) == {"Germany", "France", "Poland"}
    assert prev["country"].iloc[0] == "Germany"  # most articles first
    only = ag.topic_prevalence_by_country(topics, articles, LABELS, NAMES, countries=["pol"])
    assert set(only["iso3"]) == {"POL"}
    top1 = ag.topic_prevalence_by_country(topics, articles, LABELS, NAMES, n_countries=1)
    assert set(top1["iso3"]) == {"DEU"}


def test_spending_chart_data_pairs_reported_claims_with_the_latest_series(numbers: pd.DataFrame) -> None:
    claims, series = ag.spending_chart_data(numbers, reference(), NAMES)
    assert set(claims["kind"]) == {"reported"}
    assert sorted(claims["iso3"].unique()) == ["DEU", "POL", "UKR"]
    deu_2024 = claims[(claims["iso3"] == "DEU") & (claims["year"] == 2024)].iloc[0]
    assert deu_2024["verdict"] == "consistent" and deu_2024["edition"] == "2024-06-17"  # 2.12, not 2.00
    # series: latest edition per (country, year), names from NAMES, no Ukraine (not in NATO's data)
    deu = series[series["iso3"] == "DEU"].set_index("year")["pct_gdp"].to_dict()
    assert deu == {2019: 1.36, 2024: 2.0}
    assert set(series["country"]) == {"Germany", "Poland"}
    only, only_series = ag.spending_chart_data(numbers, reference(), NAMES, countries=["POL"])
    assert set(only["iso3"]) == {"POL"} and set(only_series["iso3"]) == {"POL"}
    top, _ = ag.spending_chart_data(numbers, reference(), NAMES, max_countries=1)
    assert set(top["iso3"]) == {"DEU"}  # the country with most reported claims


def test_targets_vs_levels_takes_nato_level_or_an_article_level(numbers: pd.DataFrame) -> None:
    rows = ag.targets_vs_levels(numbers, reference(), NAMES)
    deu = rows[rows["iso3"] == "DEU"]
    assert deu[["measure", "value", "year", "source"]].values.tolist() == [
        ["reported level", 2.0, 2024, "NATO 2025-08-28"],
        ["target", 3.5, 2029, "article"],
    ]
    ukr = rows[rows["iso3"] == "UKR"]
    assert ukr[["measure", "value", "source"]].values.tolist() == [
        ["reported level", 5.0, "article"],
        ["target", 20.0, "article"],
    ]
    assert rows["country"].iloc[0] == "Ukraine"  # highest level first (5% > 2%)
    assert ag.targets_vs_levels(numbers, reference(), NAMES, countries=["FRA"]).empty


def test_money_amounts_keep_money_with_a_currency(numbers: pd.DataFrame) -> None:
    money = ag.money_amounts(numbers, NAMES)
    assert money["currency"].tolist() == ["EUR", "EUR", "GBP"]  # most figures first, then by value
    assert money["value"].tolist() == [2e9, 1e11, 5e8]
    assert money["country"].tolist()[:2] == ["France", "Germany"]
    assert ag.money_amounts(numbers, NAMES, countries=["DEU"])["text"].tolist() == ["€100bn"]


def test_claims_table_lists_checked_claims_first_with_their_evidence(numbers: pd.DataFrame) -> None:
    table = ag.claims_table(numbers, NAMES)
    assert len(table) == 7  # every percent-of-GDP figure
    checked = table[table["verdict"].notna()]
    assert table.index[: len(checked)].tolist() == list(range(len(checked)))
    assert checked["country"].tolist() == ["Germany", "Germany", "Poland"]
    assert checked.iloc[0][["year", "claimed", "official", "verdict"]].tolist() == [
        2019,
        1.5,
        1.36,
        "overstated",
    ]
    assert "Poland <b>spent</b> 4.1%." in table["sentence"].tolist()  # raw text: escaped where displayed
    assert ag.verdict_counts(numbers) == {
        "claims": 7, "checked": 3, "consistent": 2, "overstated": 1, "understated": 0
    }  # fmt: skip


def test_spending_points_collapse_repeated_figures_and_count_as_the_rows(numbers: pd.DataFrame) -> None:
    # every figure quoted three times, in other sentences and articles
    copies = [
        numbers.assign(number_id=numbers["number_id"] + f"-{n}", sentence=numbers["sentence"] + f" ({n})")
        for n in range(3)
    ]
    rows = pd.concat(copies, ignore_index=True)
    points = ag.spending_points(rows)
    assert len(points) == 10 and set(points["n"]) == {3}  # the count (unit "count") is no spending claim
    assert points["sentence"].str.endswith("(0)").all()  # the first figure's evidence
    assert ag.verdict_counts(points) == ag.verdict_counts(rows) == {
        "claims": 21, "checked": 9, "consistent": 6, "overstated": 3, "understated": 0
    }  # fmt: skip
    top, _ = ag.spending_chart_data(points, reference(), NAMES, max_countries=1)
    assert top["iso3"].unique().tolist() == ["DEU"] and top["n"].sum() == 6
    money = ag.money_amounts(points, NAMES)
    assert money["currency"].tolist() == ["EUR", "EUR", "GBP"] and money["n"].tolist() == [3, 3, 3]


def test_official_series_on_the_shipped_reference_has_one_row_per_country_year() -> None:
    series = ag.official_series(load_reference(), ["DEU", "FRA"])
    assert not series.duplicated(["iso3", "year"]).any()
    assert set(series["country"]) == {"Germany", "France"}
    assert series["year"].min() == 2014


def test_limit_matrix_keeps_the_most_counted_rows() -> None:
    matrix = pd.DataFrame(
        {
            "actor": ["A", "A", "B", "C"],
            "target": ["x", "y", "x", "x"],
            "count": [1, 1, 5, 1],
            "mean_score": 0.0,
        }
    )
    assert set(ag.limit_matrix(matrix, "actor", 2)["actor"]) == {"A", "B"}
    assert ag.limit_matrix(matrix.iloc[:0], "actor", 2).empty
