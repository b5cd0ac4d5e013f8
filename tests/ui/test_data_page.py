"""AppTest checks of the INFRA side of the dashboard: the global sidebar filters (URL in and out, kept
across pages), the Statements and Data pages, uploads into the store, and `components.chart` download
buttons (built only when clicked; a one-line hint instead of PNG/SVG without Chromium).

Drives the app through `streamlit.testing.v1.AppTest`; browser behaviour is in test_browser.py."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import exports
from dashboard.queries import search_statements
from dashboard.store import Store
from dashboard.ui import data as ui_data

APP = Path(__file__).resolve().parents[2] / "app.py"
STATEMENTS = "dashboard/ui/pages/statements.py"
DATA = "dashboard/ui/pages/data.py"
NEW_ARTICLE = """---
title: Lisbon budget debate
source: Upload Test Wire
published: 2025-09-01
---
Portugal will raise defence spending to 2% of GDP this year, Prime Minister Luis Montenegro said on Tuesday.

"We will meet our commitment to our allies," Montenegro told parliament.
"""


@pytest.fixture
def app(small_store: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("DDD_STORE", str(small_store))
    return AppTest.from_file(APP, default_timeout=90)


def _sidebar(at: AppTest, label: str):
    return next(w for w in at.sidebar.multiselect if w.label == label)


def _param(at: AppTest, name: str) -> list[str]:
    value = at.query_params.get(name, [])
    return [value] if isinstance(value, str) else list(value)


def test_every_filter_is_read_from_the_url_and_written_back(app: AppTest, small_tables) -> None:
    outlet = sorted(small_tables["articles"]["source"].dropna())[0]
    actor = small_tables["statements"]["speaker"].value_counts().index[0]
    app.query_params.update(
        {
            "country": ["DEU", "XXX"],
            "country_in": ["speaker"],
            "from": "2015-01-01",
            "to": "2024-12-31",
            "outlet": [outlet, "No Such Outlet"],
            "topic": ["defence_spending"],
            "actor": [actor],
        }
    )
    app.run()
    assert not app.exception
    assert _sidebar(app, "Countries").value == ["DEU"]  # the unknown code is dropped
    assert app.sidebar.get("pills")[0].value == ["speaker"]
    assert app.sidebar.date_input[0].value == (date(2015, 1, 1), date(2024, 12, 31))
    assert _sidebar(app, "Outlets").value == [outlet]
    assert _sidebar(app, "Topics").value == ["defence_spending"]
    assert _sidebar(app, "Actors").value == [actor]
    assert _param(app, "country") == ["DEU"]
    assert _param(app, "outlet") == [outlet]
    assert _param(app, "from") == ["2015-01-01"] and _param(app, "to") == ["2024-12-31"]
    caption = app.caption[0].value.replace("\\", "")
    assert "Germany (speaker's country); 2015-01-01 to 2024-12-31" in caption
    # kept on another page, with the URL
    app.switch_page(STATEMENTS).run()
    assert _sidebar(app, "Actors").value == [actor]
    assert app.sidebar.date_input[0].value == (date(2015, 1, 1), date(2024, 12, 31))
    assert _param(app, "actor") == [actor]


def test_clearing_filters_clears_the_url(app: AppTest) -> None:
    app.query_params["country"] = "FRA"
    app.run()
    assert app.query_params == {"country": "FRA"}
    _sidebar(app, "Countries").unselect("FRA").run()
    assert not app.exception
    assert app.query_params == {}
    assert "(all articles)" in app.caption[0].value


def test_statements_page_follows_the_sidebar_filters(app: AppTest, small_tables) -> None:
    app.run()
    app.switch_page(STATEMENTS).run()
    everything = app.dataframe[0].value
    assert len(everything) == len(small_tables["statements"])
    arts = small_tables["articles"]
    outlet = arts["source"].value_counts().index[0]
    expected = small_tables["statements"]["article_id"].isin(
        set(arts.loc[arts["source"] == outlet, "article_id"])
    )
    _sidebar(app, "Outlets").select(outlet).run()
    assert not app.exception
    rows = app.dataframe[0].value
    assert len(rows) == int(expected.sum()) < len(everything)
    assert set(rows["outlet"]) == {outlet}
    assert f"{len(rows)} statement" in app.caption[0].value


def test_statements_search_needs_every_word(app: AppTest) -> None:
    app.run()
    app.switch_page(STATEMENTS).run()
    app.text_input[0].input("airspace unprotected").run()
    rows = app.dataframe[0].value
    assert len(rows) == 1 and "airspace unprotected" in rows["content"].iloc[0]
    app.text_input[0].input('"unprotected airspace"').run()  # a phrase in the wrong order
    assert not app.dataframe
    assert "No statements match" in app.info[0].value
    assert "0 statements" in app.caption[0].value


def test_statements_come_a_page_at_a_time(app: AppTest, small_tables) -> None:
    app.run()
    app.switch_page(STATEMENTS).run()
    assert not app.number_input  # one page: no page number to choose
    app.selectbox(key="statements_page_rows").select(50).run()
    n = len(small_tables["statements"])
    assert n > 50, "the small store needs more than one page of statements"
    page = app.number_input[0]
    assert page.value == 1 and page.label == f"Page (of {-(-n // 50)})"
    assert len(app.dataframe[0].value) == 50
    page.set_value(2).run()
    second = app.dataframe[0].value
    want = search_statements(small_tables)["statement_id"].iloc[50:100].tolist()
    assert second["statement_id"].tolist() == want
    assert f"{n} statements" in app.caption[0].value  # the count is of every match, not of the page


def test_data_page_counts_and_exports(app: AppTest, small_tables) -> None:
    app.run()
    app.switch_page(DATA).run()
    assert not app.exception
    assert app.title[0].value == "Data"
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Articles"] == f"{len(small_tables['articles']):,}"
    assert metrics["Statements"] == f"{len(small_tables['statements']):,}"
    counts = next(df.value for df in app.dataframe if list(df.value.columns) == ["table", "rows", "filtered"])
    assert dict(zip(counts["table"], counts["rows"], strict=True)) == {
        t: len(small_tables[t])
        for t in ("articles", "statements", "numbers", "topics", "stances", "rejected")
    }
    labels = [b.proto.label for b in app.get("download_button")]
    assert labels == [
        f"{t} ({len(small_tables[t]):,})"
        for t in ("articles", "statements", "numbers", "topics", "stances", "rejected")
    ]
    # with a country chosen, the export shows the filtered row counts
    _sidebar(app, "Countries").select("FRA").run()
    labels = [b.proto.label for b in app.get("download_button")]
    assert labels[1] != f"statements ({len(small_tables['statements']):,})"


def test_upload_adds_articles_rejects_bad_files_and_refreshes_the_tables(
    small_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "store"
    shutil.copytree(small_store, store)
    before = ui_data.store_sql(str(store)).corpus_stats()
    monkeypatch.setenv("DDD_STORE", str(store))
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page(DATA).run()
    first, last = at.sidebar.date_input[0].value
    calls = []
    result = ui_data.ingest_uploads(
        str(store),
        [
            ("lisbon.md", NEW_ARTICLE.encode()),
            ("broken.jsonl", b'{"title": "no text here"}\n{not json\n'),
            ("../../escape.txt", b"A file name trying to leave the upload folder."),
        ],
        progress=lambda done, total, name: calls.append((done, total, name)),
    )
    assert [c[:2] for c in calls] == [(1, 3), (2, 3), (3, 3)]
    assert result["added"] == 2 and result["statements"] >= 1
    rejected = result["rejected"]
    assert list(rejected.columns) == ["file", "position", "reason"]
    assert len(rejected) == 2 and set(rejected["file"]) == {"broken.jsonl"}
    uploads = list((store / ui_data.UPLOADS).rglob("*"))
    assert {p.name for p in uploads if p.is_file()} == {"lisbon.md", "broken.jsonl", "escape.txt"}
    assert all(store in p.parents for p in uploads)  # nothing written outside the store
    after = ui_data.store_sql(str(store))  # the snapshot changed: a new one
    assert after.corpus_stats()["articles"] == before["articles"] + 2
    assert "Upload Test Wire" in set(after.articles_per_outlet()["outlet"])
    assert len(Store(store).read("articles")) == after.corpus_stats()["articles"]
    # the open session sees the new articles; the unfiltered date range grows to the new last day
    at.run()
    assert not at.exception
    assert last < date(2025, 9, 1)
    assert at.sidebar.date_input[0].value == (first, date(2025, 9, 1))
    assert {m.label: m.value for m in at.metric}["Articles"] == f"{after.corpus_stats()['articles']:,}"
    assert "(all articles)" in at.caption[0].value
    assert "Upload Test Wire" in _sidebar(at, "Outlets").options


def test_upload_over_the_limit_is_rejected_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ui_data, "MAX_UPLOAD_MB", 0)
    result = ui_data.ingest_uploads(str(tmp_path / "store"), [("big.txt", b"x" * 10)])
    assert result["added"] == 0
    assert result["rejected"].to_dict("records") == [
        {"file": "big.txt", "position": "", "reason": "over 0 MB"}
    ]
    assert not (tmp_path / "store" / "articles").exists()


def _chart_app() -> None:
    import pandas as pd
    import plotly.graph_objects as go

    from dashboard.ui import components

    data = pd.DataFrame({"country": ["France", "Germany"], "value": [2.1, 3.5]})
    components.chart(go.Figure(go.Bar(x=data["country"], y=data["value"])), data, "spending by country", "c1")
    components.chart(go.Figure(go.Bar(x=[1], y=[1])), data.head(1), "second", "c2")
    components.report_button("Test page")


def test_chart_buttons_are_built_only_when_clicked(monkeypatch: pytest.MonkeyPatch) -> None:
    built = []
    monkeypatch.setattr(exports, "figure_bytes", lambda fig, fmt: built.append(fmt) or b"")
    monkeypatch.setattr(exports, "table_bytes", lambda df, fmt: built.append(fmt) or b"")
    monkeypatch.setattr(exports, "report_zip", lambda items, note="": built.append("zip") or b"")
    monkeypatch.setattr(exports, "image_export_available", lambda: True)
    at = AppTest.from_function(_chart_app, default_timeout=60)
    at.run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 2
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["PNG", "SVG", "HTML", "CSV"] * 2 + ["Download report"]
    at.run()  # a rerun builds nothing either
    assert built == []


def test_without_chromium_png_and_svg_give_way_to_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exports, "image_export_available", lambda: False)
    at = AppTest.from_function(_chart_app, default_timeout=60)
    at.run()
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["HTML", "CSV"] * 2 + ["Download report"]
    hints = [c.value for c in at.caption if "need Chromium" in c.value]
    assert len(hints) == 2 and "apt-get install chromium" in hints[0]


def test_empty_tables_render_every_infra_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store whose tables are all empty (but which exists) shows counts of zero, never an exception."""
    store = Store(tmp_path / "empty")
    store.commit({"rejected": pd.DataFrame([{"path": "x.bin", "position": "", "reason": "binary file"}])})
    monkeypatch.setenv("DDD_STORE", str(store.root))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    for page in (STATEMENTS, DATA):
        at.switch_page(page).run()
        assert not at.exception, page
        assert "0 articles and 0 statements" in at.caption[0].value


MORE = (
    "Opposition leaders in Lisbon questioned how the government would pay for the increase, and several "
    "economists warned that the budget rules of the European Union left little room for new borrowing."
)


def _served_article(n: int) -> str:
    text = (
        f"Article {n}. Portugal will raise defence spending to 2% of GDP this year, Prime Minister Luis "
        "Montenegro said on Tuesday, and the defence minister added that the army would buy new air defence "
        "systems before the end of the decade to meet the commitments made to the allies at the summit."
    )
    return (
        f"<html><head><title>Lisbon story {n}</title><meta property='og:site_name' content='Web Wire'></head>"
        f"<body><article><h1>Lisbon story {n}</h1><p>{text}</p><p>{MORE}</p></article></body></html>"
    )


def test_urls_pasted_on_the_data_page_are_read_with_progress_and_a_summary(
    small_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pytest_httpserver import HTTPServer

    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        server.expect_request("/robots.txt").respond_with_data("", status=404)
        server.expect_request("/missing").respond_with_data("gone", status=404)
        items = ""
        for n in (1, 2):
            server.expect_request(f"/lisbon/{n}").respond_with_data(
                _served_article(n), content_type="text/html"
            )
            items += (
                f"<item><title>Lisbon story {n}</title><link>{server.url_for(f'/lisbon/{n}')}</link></item>"
            )
        feed = f"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>{items}</channel></rss>"
        server.expect_request("/rss").respond_with_data(feed, content_type="application/rss+xml")
        store = tmp_path / "store"
        shutil.copytree(small_store, store)
        monkeypatch.setenv("DDD_STORE", str(store))
        at = AppTest.from_file(APP, default_timeout=90)
        at.run()
        at.switch_page(DATA).run()
        articles = int({m.label: m.value for m in at.metric}["Articles"].replace(",", ""))
        pasted = f"{server.url_for('/rss')}\n{server.url_for('/missing')}\nnot-a-url"
        # a dashboard is no way into its own network: local addresses are refused by default
        at.text_area(key="urls_text").input(pasted)
        next(b for b in at.button if b.label == "Read from the web").click().run()
        reasons = " ".join(at.dataframe[0].value["reason"])
        assert "private or local address" in reasons and "not an http(s) address" in reasons
        monkeypatch.setenv(ui_data.ALLOW_PRIVATE_ENV, "1")
        next(b for b in at.button if b.label == "Read from the web").click().run()
        assert not at.exception, [e.message for e in at.exception]
        metrics = {m.label: m.value for m in at.metric}
        assert (metrics["Articles added"], metrics["Rejected"]) == ("2", "2")  # the 404 and the non-address
        assert int(metrics["Articles"].replace(",", "")) == articles + 2
        summary = "\n".join(t.value for t in at.text)
        assert "web: 2 pages fetched" in summary and f"{server.url_for('/rss')}: 2 links" in summary
        rejected = at.dataframe[0].value
        assert rejected[["file", "reason"]].values.tolist() == [
            ["not-a-url", "not an http(s) address"],
            [server.url_for("/missing"), "HTTP 404"],
        ]
        assert "Web Wire" in _sidebar(at, "Outlets").options
    finally:
        server.clear()
        server.stop()
