"""AppTest checks of every page against a small store: renders, counts, country filter, URL, search, empty
results and the selected statement's article shown as plain text.

Drives the app through `streamlit.testing.v1.AppTest` only; browser behaviour is in test_browser.py."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "app.py"
PAGES = ["dashboard/ui/pages/overview.py", "dashboard/ui/pages/statements.py"]


@pytest.fixture
def app(small_store: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("DDD_STORE", str(small_store))
    return AppTest.from_file(APP, default_timeout=60)


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _figures(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def _statements_matching(tables: dict[str, pd.DataFrame], code: str) -> pd.DataFrame:
    """Independent of dashboard.queries: speaker from `code` or article mentioning `code`."""
    arts = tables["articles"]
    mentioning = set(arts.loc[arts["countries"].map(lambda cs: code in cs), "article_id"])
    st_ = tables["statements"]
    return st_[(st_["speaker_country"] == code).fillna(False) | st_["article_id"].isin(mentioning)]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_exception(app: AppTest, page: str) -> None:
    app.run()
    assert not app.exception
    app.switch_page(page).run()
    assert not app.exception
    assert app.title[0].value in {"Overview", "Statements"}
    assert "match the filters" in app.caption[0].value


def test_overview_metrics_match_the_tables(app: AppTest, small_tables: dict[str, pd.DataFrame]) -> None:
    app.run()
    statements = small_tables["statements"]
    assert _metrics(app) == {
        "Articles": f"{len(small_tables['articles']):,}",
        "Statements": f"{len(statements):,}",
        "Speakers": f"{statements['speaker'].dropna().nunique():,}",
        "Countries": f"{statements['speaker_country'].dropna().nunique():,}",
    }
    over_time, speakers = _figures(app)
    assert small_tables["articles"]["published"].notna().all()
    assert sum(sum(trace["y"]) for trace in over_time["data"]) == len(statements)
    assert speakers["data"][0]["orientation"] == "h"
    assert len(app.get("download_button")) == 2


def test_country_filter_narrows_the_chart_and_sets_the_url(
    app: AppTest, small_tables: dict[str, pd.DataFrame]
) -> None:
    app.run()
    country = app.sidebar.multiselect[0]
    assert "France" in country.options and "FRA" not in country.options  # shown by name
    before = _figures(app)[0]
    country.select("FRA").run()
    assert not app.exception
    expected = _statements_matching(small_tables, "FRA")
    assert 0 < len(expected) < len(small_tables["statements"])
    after = _figures(app)[0]
    assert after != before
    assert sum(sum(trace["y"]) for trace in after["data"]) == len(expected)
    years = {pd.Timestamp(x).year for trace in after["data"] for x in trace["x"]}
    published = small_tables["articles"].set_index("article_id")["published"]
    assert years == {published[a].year for a in expected["article_id"].unique()}
    assert _metrics(app)["Statements"] == f"{len(expected):,}"
    assert app.query_params == {"country": "FRA"}
    assert "France" in app.caption[0].value


def test_country_filter_is_read_from_the_url_and_kept_across_pages(
    app: AppTest, small_tables: dict[str, pd.DataFrame]
) -> None:
    app.query_params["country"] = ["DEU", "XXX"]  # unknown codes are dropped
    app.run()
    assert app.sidebar.multiselect[0].value == ["DEU"]
    assert _metrics(app)["Statements"] == f"{len(_statements_matching(small_tables, 'DEU')):,}"
    app.switch_page(PAGES[1]).run()
    assert app.sidebar.multiselect[0].value == ["DEU"]
    assert app.query_params == {"country": "DEU"}
    assert "Germany" in app.caption[0].value


def test_frequency_choice_changes_the_periods(app: AppTest) -> None:
    app.run()
    app.segmented_control[0].set_value("Year").run()
    periods = [pd.Timestamp(x) for trace in _figures(app)[0]["data"] for x in trace["x"]]
    assert periods and all((p.month, p.day) == (1, 1) for p in periods)
    assert "per year" in _figures(app)[0]["layout"]["title"]["text"]


def test_statements_search_shows_only_matching_rows(app: AppTest) -> None:
    app.run()
    app.switch_page(PAGES[1]).run()
    everything = app.dataframe[0].value
    app.text_input[0].input("pistorius").run()
    rows = app.dataframe[0].value
    assert 0 < len(rows) < len(everything)
    hit = rows["content"].str.contains("pistorius", case=False) | rows["speaker"].str.contains(
        "pistorius", case=False
    ).fillna(False)
    assert hit.all()
    assert f"{len(rows)} statement" in app.caption[0].value


def test_empty_result_says_so(app: AppTest) -> None:
    app.run()
    app.switch_page(PAGES[1]).run()
    app.text_input[0].input("no statement says this zzqx").run()
    assert not app.exception
    assert not app.dataframe
    assert "No statements match" in app.info[0].value
    assert "0 statements" in app.caption[0].value


def test_selected_statement_shows_its_article_as_plain_text(
    app: AppTest, injection_tags: tuple[str, str]
) -> None:
    script_tag, img_tag = injection_tags
    app.run()
    app.switch_page(PAGES[1]).run()
    app.text_input[0].input("airspace").run()
    assert len(app.dataframe[0].value) == 1
    app.session_state[app.dataframe[0].key] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    app.run()
    assert not app.exception
    texts = "\n".join(t.value for t in app.text)
    assert script_tag in texts and img_tag in texts  # st.text: shown literally, never parsed
    assert "We will not leave our airspace unprotected" in texts
    for md in [*app.markdown, *app.caption, *app.subheader]:
        assert "<script" not in md.value and "<img" not in md.value
        assert "](javascript" not in md.value
    assert any("Drone budget row" in md.value.replace("\\", "") for md in app.markdown)
