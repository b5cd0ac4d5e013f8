"""AppTest checks of every page against a small store: renders with its expected elements, counts, the
country filter (charts' data narrowed to the chosen country, read from the figure JSON), URL, search, empty
results, the statements behind a stance cell and the selected statement's article shown as plain text.

Drives the app through `streamlit.testing.v1.AppTest` only; browser behaviour is in test_browser.py."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import corrections
from dashboard.queries.sql import StoreSQL
from dashboard.store import Store

APP = Path(__file__).resolve().parents[2] / "app.py"
PAGE_DIR = "dashboard/ui/pages"
TITLES = {
    "overview": "Overview",
    "statements": "Statements",
    "spending": "Spending claims",
    "stances": "Actor stances",
    "topics": "Topics",
    "data": "Data",
    "review": "Review",
}
# Charts each page draws on the small store (title prefixes, in order); None: the page draws none there.
CHARTS = {
    "overview": [
        "Statements per quarter",
        "Articles per quarter",
        "Top 10 speakers",
        "Top 10 topics",
        "Statements by the speaker's country",
    ],
    "spending": [
        "Defence spending claims against NATO",
        "Spending targets against the latest reported level",
        "Money amounts by currency",
    ],
    "topics": ["Topic prevalence per month", "Topic prevalence by country", "Top "],
    "stances": [
        "Actor stance by target",
        "Country stance by target",
        "Stance over time",
        "Discourse network",
    ],
}


def page(name: str) -> str:
    return f"{PAGE_DIR}/{name}.py"


@pytest.fixture
def app(small_store: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("DDD_STORE", str(small_store))
    return AppTest.from_file(APP, default_timeout=60)


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _figures(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def _titled(at: AppTest, prefix: str) -> dict:
    found = [f for f in _figures(at) if f["layout"]["title"]["text"].startswith(prefix)]
    assert len(found) == 1, f"one chart titled {prefix!r} expected"
    return found[0]


def _choose_country(at: AppTest, code: str) -> None:
    at.multiselect(key="filter_country").select(code).run()
    assert not at.exception


def _statements_matching(tables: dict[str, pd.DataFrame], code: str) -> pd.DataFrame:
    """Independent of dashboard.queries: speaker from `code` or article mentioning `code`, or holding a
    number about `code`."""
    arts = tables["articles"]
    mentioning = set(arts.loc[arts["countries"].map(lambda cs: code in cs), "article_id"])
    nums = tables["numbers"]
    with_number = set(nums.loc[(nums["country"] == code).fillna(False), "statement_id"].dropna())
    st_ = tables["statements"]
    return st_[
        (st_["speaker_country"] == code).fillna(False)
        | st_["article_id"].isin(mentioning)
        | st_["statement_id"].isin(with_number)
    ]


@pytest.mark.parametrize("name", list(TITLES))
def test_every_page_renders_with_its_elements(app: AppTest, name: str) -> None:
    app.run()
    assert not app.exception
    app.switch_page(page(name)).run()
    assert not app.exception, [e.message for e in app.exception]
    assert app.title[0].value == TITLES[name]
    assert "match the filters" in app.caption[0].value
    titles = [f["layout"]["title"]["text"] for f in _figures(app)]
    for title, prefix in zip(titles, CHARTS.get(name, titles), strict=True):
        assert title.startswith(prefix)
    if name in CHARTS:  # every chart comes with its data as CSV, and the page with one report button
        labels = [b.label for b in app.get("download_button")]
        assert labels.count("CSV") >= len(CHARTS[name]) and labels.count("Download report") == 1


def test_overview_metrics_and_charts_match_the_tables(
    app: AppTest, small_tables: dict[str, pd.DataFrame]
) -> None:
    app.run()
    statements, articles = small_tables["statements"], small_tables["articles"]
    assert _metrics(app) == {
        "Articles": f"{len(articles):,}",
        "Statements": f"{len(statements):,}",
        "Speakers": f"{statements['speaker'].dropna().nunique():,}",
        "Countries": f"{statements['speaker_country'].dropna().nunique():,}",
    }
    over_time, articles_time, speakers, topics, countries = _figures(app)
    assert articles["published"].notna().all()
    assert sum(sum(trace["y"]) for trace in over_time["data"]) == len(statements)
    assert sum(articles_time["data"][0]["y"]) == len(articles)
    assert speakers["data"][0]["orientation"] == "h"
    article_topics = small_tables["topics"][["article_id", "topic"]].drop_duplicates()
    assert max(topics["data"][0]["x"]) == article_topics["topic"].value_counts().max()
    shaded = countries["data"][1]
    expected = statements["speaker_country"].value_counts()
    assert dict(zip(shaded["locations"], shaded["z"], strict=True)) == expected.to_dict()


def test_overview_map_by_claims_counts_spending_figures(
    app: AppTest, small_tables: dict[str, pd.DataFrame]
) -> None:
    app.run()
    app.segmented_control(key="overview_map_measure").set_value("claims").run()
    assert not app.exception
    shaded = _titled(app, "Spending figures")["data"][1]
    nums = small_tables["numbers"]
    claims = nums[nums["unit"].isin(["percent_of_gdp", "money"]).fillna(False)]["country"].value_counts()
    assert dict(zip(shaded["locations"], shaded["z"], strict=True)) == claims.to_dict()


def test_country_filter_narrows_the_chart_and_sets_the_url(
    app: AppTest, small_tables: dict[str, pd.DataFrame]
) -> None:
    app.run()
    country = app.multiselect(key="filter_country")
    assert "France" in country.options and "FRA" not in country.options  # shown by name
    before = _figures(app)[0]
    _choose_country(app, "FRA")
    expected = _statements_matching(small_tables, "FRA")
    assert 0 < len(expected) < len(small_tables["statements"])
    after = _figures(app)[0]
    assert after != before
    assert sum(sum(trace["y"]) for trace in after["data"]) == len(expected)
    years = {pd.Timestamp(x).year for trace in after["data"] for x in trace["x"]}
    published = small_tables["articles"].set_index("article_id")["published"]
    assert years == {published[a].year for a in expected["article_id"].unique()}
    assert _metrics(app)["Statements"] == f"{len(expected):,}"
    assert app.query_params["country"] == "FRA"
    assert "France" in app.caption[0].value


def test_country_filter_is_read_from_the_url_and_kept_across_pages(
    app: AppTest, small_tables: dict[str, pd.DataFrame]
) -> None:
    app.query_params["country"] = ["DEU", "XXX"]  # unknown codes are dropped
    app.run()
    assert app.multiselect(key="filter_country").value == ["DEU"]
    assert _metrics(app)["Statements"] == f"{len(_statements_matching(small_tables, 'DEU')):,}"
    for name in ("spending", "topics", "statements"):
        app.switch_page(page(name)).run()
        assert not app.exception
        assert app.multiselect(key="filter_country").value == ["DEU"]
        assert app.query_params["country"] == "DEU"
        assert "Germany" in app.caption[0].value


def test_frequency_choice_changes_the_periods(app: AppTest) -> None:
    app.run()
    app.segmented_control(key="overview_freq").set_value("Year").run()
    for prefix in ("Statements per year", "Articles per year"):
        figure = _titled(app, prefix)
        periods = [pd.Timestamp(x) for trace in figure["data"] for x in trace["x"]]
        assert periods and all((p.month, p.day) == (1, 1) for p in periods)


def test_spending_charts_show_only_the_chosen_country(
    app: AppTest, small_tables: dict[str, pd.DataFrame]
) -> None:
    app.run()
    app.switch_page(page("spending")).run()
    everything = _titled(app, "Defence spending claims")
    assert len({t["name"] for t in everything["data"] if t["mode"] == "lines"}) > 1
    _choose_country(app, "DEU")
    nums = small_tables["numbers"]
    deu = nums[(nums["country"] == "DEU").fillna(False)]
    reported = deu[(deu["unit"] == "percent_of_gdp") & (deu["kind"] == "reported")]

    line = _titled(app, "Defence spending claims")
    assert {t["name"] for t in line["data"] if t["mode"] == "lines"} == {"Germany (NATO)"}
    markers = [t for t in line["data"] if t["mode"] == "markers"]
    assert {c[0] for t in markers for c in t["customdata"]} == {"Germany"}
    assert sorted(y for t in markers for y in t["y"]) == sorted(reported["value"].astype(float))
    assert sorted(s["y0"] for s in line["layout"]["shapes"]) == [2.0, 3.5, 5.0]

    targets = _titled(app, "Spending targets")
    assert {y for t in targets["data"] for y in t["y"]} == {"Germany"}
    n_targets = ((deu["unit"] == "percent_of_gdp") & (deu["kind"] == "target") & deu["value"].notna()).sum()
    assert len(targets["data"][1]["x"]) == n_targets

    money = _titled(app, "Money amounts")
    assert {c[1] for t in money["data"] for c in t["customdata"]} == {"Germany"}
    assert sum(len(t["x"]) for t in money["data"]) == int((deu["unit"] == "money").sum())

    table = app.dataframe[0].value  # the claims table
    assert {"sentence", "official", "edition", "verdict"} <= set(table.columns)
    assert "Germany" in set(table["country"])


def test_spending_page_says_when_a_country_has_no_claims(
    app: AppTest, small_tables: dict[str, pd.DataFrame]
) -> None:
    nums = small_tables["numbers"]
    with_claims = set(nums.loc[(nums["unit"] == "percent_of_gdp").fillna(False), "country"].dropna())
    app.run()
    app.switch_page(page("spending")).run()
    codes = sorted(set(small_tables["statements"]["speaker_country"].dropna()) - with_claims)
    assert codes, "the small store has a speaker country without percent-of-GDP claims"
    _choose_country(app, codes[0])
    infos = [i.value for i in app.info]
    assert any("No reported percent-of-GDP claims" in i for i in infos)
    assert not any(f["layout"]["title"]["text"].startswith("Defence spending") for f in _figures(app))


def test_topics_charts_follow_the_country_filter(app: AppTest, small_tables: dict[str, pd.DataFrame]) -> None:
    app.run()
    app.switch_page(page("topics")).run()
    assert len(_titled(app, "Topic prevalence by country")["data"][0]["x"]) > 1
    _choose_country(app, "DEU")
    by_country = _titled(app, "Topic prevalence by country")["data"][0]
    assert list(by_country["x"]) == ["Germany"]
    arts = small_tables["articles"]
    mentioning = arts[arts["countries"].map(lambda cs: "DEU" in cs)]
    assert {c[1] for row in by_country["customdata"] for c in row} == {len(mentioning)}
    app.segmented_control(key="topics_freq").set_value("Y").run()
    by_year = _titled(app, "Topic prevalence per year")["data"][0]
    assert all(len(x) == 4 and x.isdigit() for x in by_year["x"])


def test_stances_page_with_an_empty_stances_table_says_so(
    small_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "store"
    tables = Store(small_store).read_all()
    Store(store).commit({t: df for t, df in tables.items() if t != "stances"})  # no stance found
    monkeypatch.setenv("DDD_STORE", str(store))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(page("stances")).run()
    assert not at.exception
    assert "No stances match" in at.info[0].value
    assert not at.get("plotly_chart")


@pytest.fixture
def stance_store(small_store: Path, small_tables: dict[str, pd.DataFrame], tmp_path: Path) -> Path:
    """A copy of the small store with hand-made stances on two real statements."""
    store = tmp_path / "store"
    shutil.copytree(small_store, store)
    statements = small_tables["statements"].dropna(subset=["speaker"]).head(2)
    rows = []
    for i, (polarity, score, target) in enumerate(
        [("support", 0.8, "NATO"), ("oppose", -0.6, "NATO"), ("support", 0.5, "defence spending")]
    ):
        s = statements.iloc[min(i, 1)]
        rows.append(
            {
                "stance_id": f"test-stance-{i}",
                "article_id": s["article_id"],
                "statement_id": s["statement_id"],
                "actor": ["Test Actor <b>A</b>", "Test Actor B", "Test Actor <b>A</b>"][i],
                "actor_type": "person",
                "actor_country": ["DEU", "USA", "DEU"][i],
                "target": target,
                "polarity": polarity,
                "score": score,
                "evidence": f"<script>window.__pwned={i}</script> evidence {i}",
                "evidence_start": 0,
                "evidence_end": 10,
                "confidence": 0.9,
                "method": "rule:stance_cue",
            }
        )
    Store(store).commit({"stances": pd.DataFrame(rows)})
    return store


def test_stances_page_draws_heatmaps_and_lists_the_statements_behind_a_cell(
    stance_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DDD_STORE", str(stance_store))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(page("stances")).run()
    assert not at.exception, [e.message for e in at.exception]
    heat = _titled(at, "Actor stance by target")["data"][0]
    assert (heat["zmin"], heat["zmax"]) == (-1, 1)
    cell = dict(zip(heat["y"], heat["z"], strict=True))
    assert "Test Actor &lt;b&gt;A&lt;/b&gt;" in cell and "Test Actor B" in cell  # escaped for plotly
    countries = _titled(at, "Country stance by target")["data"][0]
    assert set(countries["y"]) >= {"Germany", "United States"}
    at.selectbox(key="stances_actor").select("Test Actor <b>A</b>").run()
    at.selectbox(key="stances_target").select("NATO").run()
    assert not at.exception
    behind = at.dataframe[0].value  # the statements behind the chosen cell
    assert behind["actor"].tolist() == ["Test Actor <b>A</b>"] and behind["target"].tolist() == ["NATO"]
    assert behind["evidence"].iloc[0].startswith("<script>")  # a dataframe cell: shown as text
    positions = at.dataframe[1].value  # the cell's position per article
    assert len(positions) == behind["article_id"].nunique()
    assert set(positions["polarity"]) <= set(behind["polarity"]) | {"mixed"}
    assert positions["confidence"].between(0, 1).all()
    for md in [*at.markdown, *at.caption]:
        assert "<script" not in md.value
    labels = [b.label for b in at.get("download_button")]
    assert "GRAPHML" in labels and "GEXF" in labels


def test_an_analyst_corrects_a_stance_and_every_page_uses_it(
    stance_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DDD_STORE", str(stance_store))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(page("stances")).run()
    at.selectbox(key="stances_actor").select("Test Actor B").run()
    assert at.button(key="stances_fix_save").disabled  # nothing chosen yet
    row = at.selectbox(key="stances_fix_row")
    assert len(row.options) == 1 and "<script>" in row.options[0]  # the evidence, as plain option text
    row.select("test-stance-1").run()
    verdict = next(b for b in at.get("button_group") if b.key == "stances_fix_verdict")
    verdict.set_value("support").run()
    at.text_input(key="stances_fix_note").input("quoted to be rebutted").run()
    at.button(key="stances_fix_save").click().run()
    assert not at.exception, [e.message for e in at.exception]
    saved = corrections.read_corrections(stance_store)
    assert saved[["table", "field", "new", "note"]].values.tolist() == [
        ["stances", "polarity", '"support"', "quoted to be rebutted"]
    ]
    assert saved["analyst"].iloc[0] and saved["old"].iloc[0] == '"oppose"'  # who, and what it was
    behind = at.dataframe[0].value
    assert behind[["polarity", "score", "method"]].values.tolist() == [["support", 0.6, "analyst"]]
    heat = _titled(at, "Actor stance by target")["data"][0]
    cells = dict(zip(heat["y"], heat["z"], strict=True))["Test Actor B"]
    assert [v for v in cells if v is not None] == [0.6]  # the heatmap follows (was -0.6)
    # "not a stance" removes the row everywhere
    at.selectbox(key="stances_fix_row").select("test-stance-1").run()
    next(b for b in at.get("button_group") if b.key == "stances_fix_verdict").set_value("not_a_stance").run()
    at.button(key="stances_fix_save").click().run()
    assert "Test Actor B" not in _titled(at, "Actor stance by target")["data"][0]["y"]


def test_statements_search_shows_only_matching_rows(app: AppTest) -> None:
    app.run()
    app.switch_page(page("statements")).run()
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
    app.switch_page(page("statements")).run()
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
    app.switch_page(page("statements")).run()
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


@pytest.fixture
def store_copy(small_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the small store, the one the app reads (DDD_STORE): for tests that record corrections."""
    store = tmp_path / "store"
    shutil.copytree(small_store, store)
    monkeypatch.setenv("DDD_STORE", str(store))
    return store


def _opened(name: str) -> AppTest:
    """The app run on page `name` (of the store DDD_STORE names)."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(page(name)).run()
    return at


def test_an_analyst_corrects_a_statement_sees_its_history_and_undoes_it(
    store_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = store_copy
    monkeypatch.setenv(corrections.ANALYST_ENV, "Test Analyst")
    at = _opened("statements")
    at.text_input[0].input("airspace").run()
    before = at.dataframe[0].value
    assert len(before) == 1 and before["country"].iloc[0] != "France"
    at.session_state[at.dataframe[0].key] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert "No correction of this row yet." in [c.value for c in at.caption]
    at.selectbox(key="statement_fix_speaker_country").select("FRA")
    at.text_input(key="statement_fix_note").input("the minister is French")
    at.button(key="statement_fix_save").click().run()
    assert not at.exception, [e.message for e in at.exception]
    saved = corrections.read_corrections(store)
    assert saved[["table", "field", "new", "analyst", "note"]].values.tolist() == [
        ["statements", "speaker_country", '"FRA"', "Test Analyst", "the minister is French"]
    ]
    assert at.dataframe[0].value["country"].tolist() == ["France"]  # the table reads the correction
    assert "Corrections of this row, newest first:" in [c.value for c in at.caption]
    history = at.dataframe[1].value  # below the statements table
    assert history["field"].tolist() == ["speaker_country"]
    at.button(key="statement_undo").click().run()
    assert at.dataframe[0].value["country"].tolist() == before["country"].tolist()  # undone
    assert corrections.read_corrections(store)["action"].tolist() == ["set", "undo"]


def test_an_analyst_corrects_a_figure_and_rejects_one_on_the_spending_page(store_copy: Path) -> None:
    store = store_copy
    at = _opened("spending")
    claims = at.dataframe[0]
    first = claims.value.iloc[0]
    checked = int(_metrics(at)["Checked claims"].replace(",", ""))
    at.session_state[claims.key] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    at.number_input(key="number_fix_value").set_value(float(first["claimed"]) + 1.5)
    at.button(key="number_fix_save").click().run()
    assert not at.exception, [e.message for e in at.exception]
    saved = corrections.read_corrections(store)
    assert saved[["table", "field"]].values.tolist() == [["numbers", "value"]]
    row = at.dataframe[0].value.set_index("number_id").loc[first["number_id"]]
    assert row["claimed"] == pytest.approx(float(first["claimed"]) + 1.5)  # and checked against NATO again
    assert row["difference"] == pytest.approx(float(first["difference"]) + 1.5)
    # "not a claim": the figure leaves the table and the counts, and the selection does not move on
    at.checkbox(key="number_fix_rejected").check()
    at.button(key="number_fix_save").click().run()
    assert first["number_id"] not in set(at.dataframe[0].value["number_id"])
    assert int(_metrics(at)["Checked claims"].replace(",", "")) == checked - 1
    assert "Select a row (the box at its left) to correct its figure." in [c.value for c in at.caption]


def _queue_size(at: AppTest) -> int:
    caption = next(c.value for c in at.caption if "not reviewed yet" in c.value)
    return int(caption.split()[0].replace(",", ""))


def test_the_review_queue_accepts_corrects_and_counts_the_agreement(store_copy: Path) -> None:
    store = store_copy
    at = _opened("review")
    assert not at.exception, [e.message for e in at.exception]
    statements = Store(store).read("statements")
    assert _queue_size(at) == len(statements)  # nothing reviewed yet
    assert "No row reviewed yet." in [c.value for c in at.caption]
    at.button(key="review_accept").click().run()  # right as extracted: it leaves the queue
    assert _queue_size(at) == len(statements) - 1
    next(b for b in at.button if b.label == "Next").click().run()
    assert "Row 2 of" in " ".join(c.value for c in at.caption)
    shown = at.session_state["review_add_for"]  # the form holds the values of the row shown, not the last
    row = statements[(statements["article_id"] == shown[0]) & (statements["content_start"] == shown[1])]
    assert at.selectbox(key="review_statements_fix_speaker").value == (row["speaker"].iloc[0] or "")
    assert (
        at.text_input(key="review_statements_fix_speaker_role").value
        == (row["speaker_role"].fillna("").iloc[0])
    )
    at.checkbox(key="review_statements_fix_rejected").check()
    at.button(key="review_statements_fix_save").click().run()
    assert _queue_size(at) == len(statements) - 2
    agreement = at.dataframe[-1].value.set_index("table")
    assert agreement.loc["statements", ["reviewed", "confirmed", "rejected"]].tolist() == [2, 1, 1]
    assert agreement.loc["statements", "precision"] == pytest.approx(0.5)
    # a stance the extractor missed, added from the statement shown: on the Actor stances page at once
    speaker = at.text_input(key="review_add_actor").value
    at.selectbox(key="review_add_target").select("military_aid_to_ukraine")
    at.button(key="review_add_save").click().run()
    assert not at.exception, [e.message for e in at.exception]
    added = corrections.read_corrections(store).query("action == 'add'")
    assert len(added) == 1 and '"military_aid_to_ukraine"' in added["new"].iloc[0]
    with StoreSQL(store) as sql:  # what every page reads
        rows = sql.con.execute(
            "SELECT actor, target, method FROM stances WHERE contains(stance_id, ':analyst')"
        )
        assert rows.fetchall() == [(speaker, "military_aid_to_ukraine", "analyst")]
    # stances: the queue holds the stances, least confident first (not the one an analyst added)
    at.switch_page(page("review")).run()
    next(b for b in at.get("button_group") if b.key == "review_table").set_value("stances").run()
    assert not at.exception, [e.message for e in at.exception]
    assert _queue_size(at) == len(Store(store).read("stances"))


def test_the_missed_stances_queue_takes_a_no_and_an_added_stance(store_copy: Path) -> None:
    at = _opened("review")
    next(b for b in at.get("button_group") if b.key == "review_table").set_value("sentences").run()
    assert not at.exception, [e.message for e in at.exception]

    def size() -> int:
        caption = next(c.value for c in at.caption if "with no stance on it" in c.value)
        return int(caption.split()[0].replace(",", ""))

    total = size()
    assert total > 0
    at.button(key="review_no_stance").click().run()  # no stance here: it leaves the queue
    assert size() == total - 1
    checked = corrections.read_no_stance(store_copy)
    assert len(checked) == 1
    # the next sentence: the stance the extractor missed, on the queued target, with the sentence as evidence
    target = at.selectbox(key="review_add_target").value
    at.text_input(key="review_add_actor").input("Test Actor")
    at.selectbox(key="review_add_country").select("POL")
    at.button(key="review_add_save").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert size() == total - 2
    with StoreSQL(store_copy) as sql:
        added = sql.con.execute(
            "SELECT s.target, s.method, s.actor_country, a.text, s.evidence_start, s.evidence_end, "
            "s.evidence FROM stances s JOIN articles a USING (article_id) WHERE s.actor = 'Test Actor'"
        ).fetchall()
    assert len(added) == 1
    got_target, method, country, text, start, end, evidence = added[0]
    assert (got_target, method, country) == (target, "analyst", "POL")
    assert text[start:end] == evidence and evidence.rstrip()[-1] in '.!?"”'  # a whole sentence


def test_an_analyst_adds_a_statement_the_extractor_missed_from_the_article(store_copy: Path) -> None:
    at = _opened("statements")
    shown = at.dataframe[0].value.iloc[0]
    at.session_state[at.dataframe[0].key] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    statements = Store(store_copy).read("statements")
    article_id = statements.loc[statements["content"] == shown["content"], "article_id"].iloc[0]
    text = Store(store_copy).read("articles").set_index("article_id").loc[article_id, "text"]
    words = " ".join(text.split()[2:14])  # as pasted from the page: spacing and line breaks may differ
    at.text_area(key="statement_add_content").input("words that are nowhere in it")
    at.button(key="statement_add_save").click().run()
    assert any("not in the article" in e.value for e in at.error)
    at.text_area(key="statement_add_content").input(words)
    at.selectbox(key="statement_add_speaker").set_value("Abbas Araghchi")  # picked from the gazetteer
    at.selectbox(key="statement_add_speaker_country").select("FRA")
    at.button(key="statement_add_save").click().run()
    assert not at.exception, [e.message for e in at.exception]
    added = corrections.read_corrections(store_copy)
    assert added["action"].tolist() == ["add"]
    row = json.loads(added["new"].iloc[0])
    assert row["article_id"] == article_id and row["speaker_country"] == "FRA"
    assert text[row["content_start"] : row["content_end"]].split() == words.split()
    at.text_input[0].input("Araghchi").run()  # the page lists it, with its article
    assert at.dataframe[0].value[["speaker", "country"]].values.tolist() == [["Abbas Araghchi", "France"]]


def test_the_review_page_lists_corrections_whose_row_is_gone(store_copy: Path) -> None:
    ghost = Store(store_copy).read("statements").iloc[0].to_dict() | {
        "content_start": 99_999,
        "content_end": 100_000,
    }
    corrections.record(store_copy, "statements", ghost, {"speaker": "Nobody"})
    at = _opened("review")
    assert not at.exception, [e.message for e in at.exception]
    assert [e.label for e in at.expander if "row is gone" in e.label] == ["Corrections whose row is gone (1)"]


def test_the_pages_import_no_spacy(small_store: Path) -> None:
    """The UI reads labels and taxonomies from spaCy-free modules: a fresh process that renders every page
    has not imported spaCy (nor the extractors)."""
    code = f"""
import os, sys
os.environ["DDD_STORE"] = {str(small_store)!r}
from streamlit.testing.v1 import AppTest
at = AppTest.from_file({str(APP)!r}, default_timeout=120)
at.run()
for page in {[f"{PAGE_DIR}/{name}.py" for name in TITLES]!r}:
    at.switch_page(page).run()
    assert not at.exception, (page, at.exception)
print(sorted(m for m in sys.modules if m == "spacy" or m.startswith(("spacy.", "dashboard.nlp.stances"))))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=APP.parent
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"
