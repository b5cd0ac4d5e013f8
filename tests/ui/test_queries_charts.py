"""Unit tests of the dashboard's pure layers: queries (filters, counts, periods, speakers, context),
charts (traces, titles, colours) and markdown escaping, on small hand-made frames.

No Streamlit session and no store here; page behaviour is in test_pages_apptest.py."""

from __future__ import annotations

from datetime import date

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


def test_country_options_union(tables) -> None:
    assert queries.country_options(tables) == ["DEU", "EST", "FRA"]


@pytest.mark.parametrize(
    ("freq", "periods"),
    [("M", ["2024-01-01", "2024-05-01"]), ("Q", ["2024-01-01", "2024-04-01"]), ("Y", ["2024-01-01"])],
)
def test_statements_over_time(tables, freq, periods) -> None:
    out = queries.statements_over_time(queries.search_statements(tables), freq)
    assert list(out.columns) == ["period", "kind", "statements"]
    assert sorted({str(p.date()) for p in out["period"]}) == periods
    assert out["statements"].sum() == 4  # the undated article's statement is left out


def test_statements_over_time_rejects_unknown_frequency(tables) -> None:
    with pytest.raises(ValueError, match="supported: M, Q, Y"):
        queries.statements_over_time(tables["statements"], "W")


def test_top_speakers(tables) -> None:
    out = queries.top_speakers(queries.search_statements(tables), n=2)
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
    statements = queries.search_statements(tables)
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


# --- the global filters -------------------------------------------------------------------------------


@pytest.fixture
def full_tables(tables) -> dict[str, pd.DataFrame]:
    """The small tables plus numbers, topics, stances and rejected rows pointing into them."""
    numbers = conform(
        pd.DataFrame(
            [
                # a number about Poland inside Macron's statement (a1 mentions France only)
                {
                    "number_id": "n1",
                    "article_id": "a1",
                    "statement_id": "a1:s1",
                    "country": "POL",
                    "value": 4.1,
                },
                {"number_id": "n2", "article_id": "a2", "statement_id": None, "country": "DEU", "value": 2.0},
                {
                    "number_id": "n3",
                    "article_id": "a2",
                    "statement_id": "a2:s3",
                    "country": "DEU",
                    "value": 3.5,
                },
            ]
        ),
        "numbers",
    )
    topics = conform(
        pd.DataFrame(
            [
                {"article_id": "a1", "statement_id": None, "topic": "defence_spending"},
                {"article_id": "a1", "statement_id": None, "topic": "nato"},
                {"article_id": "a2", "statement_id": None, "topic": "nato"},
            ]
        ),
        "topics",
    )
    stances = conform(
        pd.DataFrame(
            [
                {
                    "stance_id": "t1",
                    "article_id": "a1",
                    "statement_id": "a1:s1",
                    "actor": "Emmanuel Macron",
                    "actor_country": "FRA",
                    "target": "defence_spending",
                    "polarity": "support",
                },
                {
                    "stance_id": "t2",
                    "article_id": "a2",
                    "statement_id": "a2:s3",
                    "actor": "Olaf Scholz",
                    "actor_country": "DEU",
                    "target": "debt_brake",
                    "polarity": "support",
                },
            ]
        ),
        "stances",
    )
    rejected = conform(pd.DataFrame([{"path": "x.bin", "position": "", "reason": "binary"}]), "rejected")
    return {**tables, "numbers": numbers, "topics": topics, "stances": stances, "rejected": rejected}


def _ids(out: dict[str, pd.DataFrame]) -> dict[str, set[str]]:
    return {
        "articles": set(out["articles"]["article_id"]),
        "statements": set(out["statements"]["statement_id"]),
        "numbers": set(out["numbers"]["number_id"]),
        "stances": set(out["stances"]["stance_id"]),
    }


def test_no_filter_returns_every_table_unchanged(full_tables) -> None:
    out = queries.apply_filters(full_tables, queries.Filters())
    assert set(out) == set(queries.TABLE_NAMES)
    for name in queries.TABLE_NAMES:
        assert out[name].equals(full_tables[name])


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # speaker's country only: the German speaker in a1 and in a2, and their stance
        (
            ("speaker",),
            {
                "articles": {"a1", "a2"},
                "statements": {"a1:s2", "a2:s3"},
                "numbers": {"n3"},
                "stances": {"t2"},
            },
        ),
        # mentioned only: everything in a2 (it mentions Germany)
        (
            ("mentioned",),
            {
                "articles": {"a2"},
                "statements": {"a2:s3", "a2:s4"},
                "numbers": {"n2", "n3"},
                "stances": {"t2"},
            },
        ),
        # number's country only: the numbers about Germany and the statement holding one
        (
            ("number",),
            {"articles": {"a2"}, "statements": {"a2:s3"}, "numbers": {"n2", "n3"}, "stances": {"t2"}},
        ),
    ],
)
def test_country_filter_applies_to_the_chosen_fields(full_tables, fields, expected) -> None:
    out = queries.apply_filters(full_tables, queries.Filters(countries=("DEU",), country_fields=fields))
    assert _ids(out) == expected


def test_country_filter_on_every_field_is_the_union(full_tables) -> None:
    out = queries.apply_filters(full_tables, queries.Filters(countries=("deu",)))
    assert _ids(out) == {
        "articles": {"a1", "a2"},
        "statements": {"a1:s2", "a2:s3", "a2:s4"},
        "numbers": {"n2", "n3"},
        "stances": {"t2"},
    }
    # Poland appears only as a number's country: Macron's statement holding it is kept
    poland = queries.apply_filters(full_tables, queries.Filters(countries=("POL",)))
    assert _ids(poland) == {"articles": {"a1"}, "statements": {"a1:s1"}, "numbers": {"n1"}, "stances": {"t1"}}


def test_date_range_drops_undated_and_outside_articles(full_tables) -> None:
    out = queries.apply_filters(full_tables, queries.Filters(date_from=date(2024, 2, 1)))
    assert _ids(out)["articles"] == {"a2"}
    assert _ids(out)["statements"] == {"a2:s3", "a2:s4"}
    inclusive = queries.apply_filters(full_tables, queries.Filters(date_to=date(2024, 1, 15)))
    assert _ids(inclusive)["articles"] == {"a1"}  # the last day counts, the undated article does not


def test_outlet_topic_and_actor_filters(full_tables) -> None:
    assert _ids(queries.apply_filters(full_tables, queries.Filters(outlets=("S2",))))["articles"] == {"a2"}
    by_topic = queries.apply_filters(full_tables, queries.Filters(topics=("defence_spending",)))
    assert _ids(by_topic)["articles"] == {"a1"}
    assert set(by_topic["topics"]["topic"]) == {"defence_spending"}  # other topics' rows are dropped
    by_actor = queries.apply_filters(full_tables, queries.Filters(actors=("Olaf Scholz",)))
    assert _ids(by_actor) == {
        "articles": {"a1", "a2"},
        "statements": {"a1:s2", "a2:s3"},
        "numbers": {"n3"},
        "stances": {"t2"},
    }
    assert len(by_actor["rejected"]) == 1  # never filtered


def test_filters_combine_and_can_leave_nothing(full_tables) -> None:
    out = queries.apply_filters(
        full_tables, queries.Filters(countries=("FRA",), actors=("Olaf Scholz",), outlets=("S1",))
    )
    assert _ids(out) == {"articles": {"a1"}, "statements": {"a1:s2"}, "numbers": set(), "stances": set()}
    nothing = queries.apply_filters(full_tables, queries.Filters(countries=("USA",)))
    assert all(len(nothing[t]) == 0 for t in ("articles", "statements", "numbers", "topics", "stances"))
    assert list(nothing["statements"].columns) == list(full_tables["statements"].columns)


def test_filters_are_hashable_and_described(full_tables) -> None:
    f = queries.Filters(countries=("FRA", "DEU"), country_fields=("speaker",), date_from=date(2019, 1, 1))
    assert hash(f) == hash(
        queries.Filters(countries=("FRA", "DEU"), country_fields=("speaker",), date_from=date(2019, 1, 1))
    )
    text = queries.describe_filters(f, {"FRA": "France", "DEU": "Germany"})
    assert text == "France, Germany (speaker's country); 2019-01-01 to last"
    assert queries.describe_filters(queries.Filters(), {}) == "all articles"


def test_filter_options(full_tables) -> None:
    assert queries.outlet_options(full_tables) == ["S1", "S2", "S3"]
    assert queries.actor_options(full_tables) == ["Olaf Scholz", "Emmanuel Macron", "Kaja Kallas"]
    assert queries.topic_options(full_tables) == ["defence_spending", "nato"]
    assert queries.date_bounds(full_tables) == (date(2024, 1, 15), date(2024, 5, 2))
    assert queries.country_options(full_tables) == ["DEU", "EST", "FRA", "POL"]  # numbers' countries too


def test_top_speakers_takes_each_speakers_most_frequent_country_and_role() -> None:
    rows = [
        ("Olaf Scholz", "DEU", "Minister"),
        ("Olaf Scholz", "DEU", "Chancellor"),
        ("Olaf Scholz", "FRA", None),
        ("Kaja Kallas", None, None),
    ]
    statements = conform(
        pd.DataFrame(
            [
                {
                    "statement_id": str(i),
                    "article_id": "a",
                    "speaker": who,
                    "speaker_country": c,
                    "speaker_role": r,
                }
                for i, (who, c, r) in enumerate(rows)
            ]
        ),
        "statements",
    )
    out = queries.top_speakers(statements)
    assert out.to_dict("records")[0] == {
        "speaker": "Olaf Scholz",
        "speaker_country": "DEU",  # two of three
        "speaker_role": "Chancellor",  # a tie: the first in order
        "statements": 3,
    }
    assert out.loc[1, "speaker"] == "Kaja Kallas" and pd.isna(out.loc[1, "speaker_country"])
    assert len(queries.top_speakers(statements, n=1)) == 1


def test_an_analysts_selection_is_found_in_the_article_despite_spacing_and_quotes() -> None:
    text = "Intro.\nHe said: “We must spend more.” Then he left.\n\nLater he said: “We must spend more.”"
    assert queries.find_span(text, '"We must spend  more."') == (16, 37)
    assert queries.find_span(text, "“We must spend more.”", near=80) == (text.rindex("“"), len(text))
    assert queries.find_span(text, "Then he\nleft") == (38, 50)
    assert queries.find_span(text, "spend less") is None
    assert queries.find_span(text, "   ") is None
    assert queries.find_span("a (b) c", "(b)") == (2, 5)  # regex characters are words


def test_a_sentence_known_by_its_start_ends_at_its_end_mark() -> None:
    text = 'He said "We will." The U.S. forces stayed 2.5 years. Last line\nNext one'
    assert text[: queries.sentence_end(text, 0)] == 'He said "We will."'
    assert text[19 : queries.sentence_end(text, 19)] == "The U.S. forces stayed 2.5 years."
    assert text[53 : queries.sentence_end(text, 53)] == "Last line"
    assert queries.sentence_end("no end mark", 0) == len("no end mark")
