"""Unit tests of the dashboard's pure layers: queries (filters, counts, periods, speakers, context),
charts (traces, titles, colours) and markdown escaping, on small hand-made frames.

No Streamlit session and no store here; page behaviour is in test_pages_apptest.py."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import charts, queries
from dashboard.schema import conform
from dashboard.ui.components import escape_markdown, table_height


@pytest.fixture
def tables() -> dict[str, pd.DataFrame]:
    articles = conform(
        pd.DataFrame(
            [
                {
                    "article_id": "a1",
                    "title": "T1",
                    "source": "S1",
                    "published": "2024-01-15",
                    "countries": ["FRA"],
                },
                {
                    "article_id": "a2",
                    "title": "T2",
                    "source": "S2",
                    "published": "2024-05-02",
                    "countries": ["DEU"],
                },
                {"article_id": "a3", "title": "T3", "source": "S3", "published": None, "countries": []},
            ]
        ),
        "articles",
    )
    rows = [
        ("a1", "s1", "direct", "Emmanuel Macron", "FRA", "President", "Europe must defend itself"),
        ("a1", "s2", "indirect", "Olaf Scholz", "DEU", "Chancellor", "spending will rise"),
        ("a2", "s3", "indirect", "Olaf Scholz", "DEU", "Chancellor", "the debt brake stays"),
        ("a2", "s4", "partial", None, None, None, "a turning point"),
        ("a3", "s5", "direct", "Kaja Kallas", "EST", "Prime Minister", "Russia is a threat"),
    ]
    statements = conform(
        pd.DataFrame(
            [
                {
                    "statement_id": f"{a}:{s}",
                    "article_id": a,
                    "kind": k,
                    "speaker": sp,
                    "speaker_country": c,
                    "speaker_role": r,
                    "content": content,
                    "content_start": 0,
                    "content_end": len(content),
                }
                for a, s, k, sp, c, r, content in rows
            ]
        ),
        "statements",
    )
    return {"articles": articles, "statements": statements}


@pytest.mark.parametrize(
    ("countries", "expected"),
    [
        (None, {"a1:s1", "a1:s2", "a2:s3", "a2:s4", "a3:s5"}),
        ([], {"a1:s1", "a1:s2", "a2:s3", "a2:s4", "a3:s5"}),
        (["FRA"], {"a1:s1", "a1:s2"}),  # article a1 mentions France
        (["DEU"], {"a1:s2", "a2:s3", "a2:s4"}),  # a German speaker in a1, a2 mentions Germany
        (["est"], {"a3:s5"}),  # codes are case-insensitive
        (["USA"], set()),
    ],
)
def test_filter_statements_by_speaker_or_mentioned_country(tables, countries, expected) -> None:
    assert set(queries.filter_statements(tables, countries)["statement_id"]) == expected


def test_filter_statements_search_is_literal_and_case_insensitive(tables) -> None:
    assert set(queries.filter_statements(tables, search="SCHOLZ")["statement_id"]) == {"a1:s2", "a2:s3"}
    assert set(queries.filter_statements(tables, search="debt")["statement_id"]) == {"a2:s3"}
    assert queries.filter_statements(tables, search="(.*)").empty  # not a regex


def test_filter_statements_joins_article_fields_newest_first(tables) -> None:
    out = queries.filter_statements(tables)
    assert {"title", "source", "published", "url"} <= set(out.columns)
    assert list(out["article_id"]) == ["a2", "a2", "a1", "a1", "a3"]  # undated last


def test_filter_articles_and_headline_counts(tables) -> None:
    statements = queries.filter_statements(tables, ["DEU"])
    articles = queries.filter_articles(tables, ["DEU"])
    assert set(articles["article_id"]) == {"a1", "a2"}  # a1 has a German speaker
    assert queries.headline_counts(articles, statements) == {
        "articles": 2,
        "statements": 3,
        "speakers": 1,
        "countries": 1,
    }
    searched = queries.filter_statements(tables, ["DEU"], search="debt")
    assert set(queries.filter_articles(tables, ["DEU"], statements=searched)["article_id"]) == {"a2"}


def test_country_options_union(tables) -> None:
    assert queries.country_options(tables) == ["DEU", "EST", "FRA"]


@pytest.mark.parametrize(
    ("freq", "periods"),
    [("M", ["2024-01-01", "2024-05-01"]), ("Q", ["2024-01-01", "2024-04-01"]), ("Y", ["2024-01-01"])],
)
def test_statements_over_time(tables, freq, periods) -> None:
    out = queries.statements_over_time(queries.filter_statements(tables), freq)
    assert list(out.columns) == ["period", "kind", "statements"]
    assert sorted({str(p.date()) for p in out["period"]}) == periods
    assert out["statements"].sum() == 4  # the undated article's statement is left out


def test_statements_over_time_rejects_unknown_frequency(tables) -> None:
    with pytest.raises(ValueError, match="supported: M, Q, Y"):
        queries.statements_over_time(tables["statements"], "W")


def test_top_speakers(tables) -> None:
    out = queries.top_speakers(queries.filter_statements(tables), n=2)
    assert list(out["speaker"]) == ["Olaf Scholz", "Emmanuel Macron"]
    assert list(out["statements"]) == [2, 1]
    assert out.loc[0, "speaker_country"] == "DEU"


def test_statement_context_uses_offsets() -> None:
    text = "First. Second sentence here. Third."
    statement = {
        "sentence": "Second sentence here.",
        "sentence_start": 7,
        "content_start": 7,
        "content_end": 13,
    }
    assert queries.statement_context(text, statement) == ("First. ", "Second sentence here.", " Third.")
    stale = {"sentence": "Other.", "sentence_start": 0, "content_start": 99, "content_end": 120}
    assert queries.statement_context(text, stale) == (text, "", "")


def test_charts_build_labelled_figures(tables) -> None:
    statements = queries.filter_statements(tables)
    over_time = charts.statements_over_time_chart(queries.statements_over_time(statements, "Q"), "Q")
    assert over_time.layout.barmode == "stack"
    assert [t.name for t in over_time.data] == ["Direct quote", "Partial quote", "Reported speech"]
    assert over_time.layout.yaxis.title.text == "Statements"
    assert "quarter" in over_time.layout.title.text
    speakers = charts.top_speakers_chart(queries.top_speakers(statements), {"DEU": "Germany"})
    assert speakers.data[0].orientation == "h"
    assert speakers.data[0].y[-1] == "Olaf Scholz (Germany)"  # most statements drawn at the top


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "**bold** _it_ `code` $x^2$ :red[red] # head",
        'a <img src=x onerror="y()"> b',
    ],
)
def test_escape_markdown_escapes_every_special_character(text) -> None:
    escaped = escape_markdown(text)
    for i, ch in enumerate(escaped):
        if ch in "<>[]()*_`$:#":
            assert escaped[i - 1] == "\\", (text, escaped)
    assert escaped.replace("\\", "") == text.replace("\\", "")


def test_table_height_grows_then_stops() -> None:
    assert table_height(1) < table_height(5) < table_height(50) == table_height(500)
