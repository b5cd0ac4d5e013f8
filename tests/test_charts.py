"""Unit tests of the page charts in dashboard.charts on small hand-made frames and graphs: traces, values,
colours, guideline lines, escaped hover text, the offline map and the fixed network layout."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import charts

NAMES = {"DEU": "Germany", "FRA": "France", "POL": "Poland"}


def test_hover_text_escapes_wraps_and_shortens() -> None:
    text = charts.hover_text('He said <script>alert(1)</script> and <b>bold</b> & "quoted"')
    assert "<script>" not in text and "&lt;script&gt;" in text and "&lt;b&gt;bold" in text
    assert "&amp;" in text
    long = charts.hover_text("word " * 200, width=40, limit=100)
    assert long.count("<br>") >= 2 and long.endswith("…") and len(long.replace("<br>", " ")) <= 100
    assert charts.hover_text(None) == "" and charts.hover_text(pd.NA) == ""


def test_articles_over_time_chart_draws_one_bar_per_period() -> None:
    counts = pd.DataFrame({"period": pd.to_datetime(["2024-01-01", "2024-04-01"]), "articles": [3, 1]})
    fig = charts.articles_over_time_chart(counts, "Q")
    assert fig.data[0].y == (3, 1)
    assert [pd.Timestamp(x) for x in fig.data[0].x] == list(counts["period"])
    assert fig.layout.title.text == "Articles per quarter"
    with pytest.raises(ValueError):
        charts.articles_over_time_chart(counts, "W")


def test_choropleth_uses_iso3_locations_and_the_bundled_outlines() -> None:
    counts = pd.DataFrame({"iso3": ["DEU", "FRA"], "country": ["Germany", "France"], "count": [5, 2]})
    fig = charts.choropleth_chart(counts, "claims")
    background, shaded = fig.data
    assert shaded.type == "choroplethmap" and list(shaded.locations) == ["DEU", "FRA"]
    assert list(shaded.z) == [5, 2] and list(shaded.text) == ["Germany", "France"]
    assert sorted(f["id"] for f in shaded.geojson["features"]) == ["DEU", "FRA"]
    others = {f["id"] for f in background.geojson["features"]}
    assert "DEU" not in others and {"POL", "USA", "RUS"} <= others
    assert fig.layout.map.style == "white-bg"  # no tile server, no topojson from a CDN
    assert fig.layout.title.text.startswith("Spending figures")
    world = charts.world_geojson()
    assert len(world["features"]) > 150 and len({f["id"] for f in world["features"]}) == len(
        world["features"]
    )
    europe = charts.choropleth_chart(counts.iloc[:1]).layout.map
    assert 5 < europe.center.lon < 15 and 45 < europe.center.lat < 56 and europe.zoom > 3  # zoomed on Germany


def test_top_topics_chart_puts_the_most_frequent_topic_on_top() -> None:
    top = pd.DataFrame(
        {"topic": ["nato", "eu"], "label": ["NATO", "EU"], "articles": [9, 4], "sentences": [20, 5]}
    )
    fig = charts.top_topics_chart(top)
    assert list(fig.data[0].y) == ["EU", "NATO"] and list(fig.data[0].x) == [4, 9]
    assert list(fig.data[0].customdata) == [5, 20]


def _claims() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "iso3": ["DEU", "DEU", "POL"],
            "country": ["Germany", "Germany", "Poland"],
            "year": [2017, 2024, 2024],
            "value": [2.0, 2.12, 4.12],
            "qualifier": [None, None, "about"],
            "official_value": [1.21, 2.12, 4.12],
            "verdict": ["overstated", "consistent", None],
            "sentence": ["Germany <i>spends</i> 2%", "2.12% in 2024", "Poland about 4.12%"],
        }
    )


def _series() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "iso3": ["DEU", "DEU", "POL"],
            "country": ["Germany", "Germany", "Poland"],
            "year": [2017, 2024, 2024],
            "pct_gdp": [1.21, 2.12, 4.12],
            "edition": ["2025-08-28"] * 3,
            "estimate": [False, True, True],
        }
    )


def test_spending_chart_lines_per_country_markers_by_verdict_and_guidelines() -> None:
    fig = charts.spending_chart(_claims(), _series())
    lines = [t for t in fig.data if t.mode == "lines"]
    assert [t.name for t in lines] == ["Germany (NATO)", "Poland (NATO)"]
    assert list(lines[0].x) == [2017, 2024] and list(lines[0].y) == [1.21, 2.12]
    markers = {t.name: t for t in fig.data if t.mode == "markers"}
    assert set(markers) == {"Consistent", "Overstated", "Not checked"}
    assert markers["Overstated"].marker.color == charts.VERDICT_COLOURS["overstated"]
    assert list(markers["Overstated"].y) == [2.0]
    assert markers["Not checked"].marker.color == charts.VERDICT_COLOURS["not checked"]
    hover = markers["Overstated"].customdata[0]
    assert hover[0] == "Germany" and "&lt;i&gt;spends" in hover[3]
    assert sorted(shape.y0 for shape in fig.layout.shapes) == [2.0, 3.5, 5.0]
    assert all(shape.y0 == shape.y1 for shape in fig.layout.shapes)  # horizontal guideline lines


def test_a_claim_repeated_across_articles_is_one_marker_that_says_how_many() -> None:
    claims = _claims()
    repeated = pd.concat([claims, claims.iloc[[0, 0, 2]]], ignore_index=True)
    repeated.loc[3, "sentence"] = "Another article: Germany spends 2%"
    markers = {t.name: t for t in charts.spending_chart(repeated, _series()).data if t.mode == "markers"}
    overstated = markers["Overstated"]
    assert list(overstated.y) == [2.0]  # three identical claims, one marker
    assert "&lt;i&gt;spends" in overstated.customdata[0][3]  # the first one's sentence
    assert overstated.customdata[0][4] == "<br>3 claims with these values; one shown"
    assert markers["Consistent"].customdata[0][4] == ""  # a claim made once says nothing more
    assert list(markers["Not checked"].y) == [4.12] and "2 claims" in markers["Not checked"].customdata[0][4]
    other_year = repeated.assign(year=[2017, 2024, 2024, 2018, 2017, 2024])
    markers = {t.name: t for t in charts.spending_chart(other_year, _series()).data if t.mode == "markers"}
    assert sorted(markers["Overstated"].x) == [2017, 2018]  # a different year: a marker of its own


def test_targets_chart_bars_for_levels_diamonds_for_targets() -> None:
    rows = pd.DataFrame(
        {
            "iso3": ["POL", "POL", "DEU", "DEU"],
            "country": ["Poland", "Poland", "Germany", "Germany"],
            "measure": ["reported level", "target", "reported level", "target"],
            "value": [4.48, 5.0, 2.0, 3.5],
            "year": [2025, 2030, 2024, None],
            "source": ["NATO 2025-08-28", "article", "NATO 2025-08-28", "article"],
            "sentence": [None, "Poland aims at 5%", None, "Germany: 3.5%"],
        }
    ).astype({"year": "Int64"})
    fig = charts.targets_chart(rows)
    bars, diamonds = fig.data
    assert bars.type == "bar" and list(bars.x) == [4.48, 2.0] and list(bars.y) == ["Poland", "Germany"]
    assert diamonds.marker.symbol == "diamond" and list(diamonds.x) == [5.0, 3.5]
    assert [c[0] for c in diamonds.customdata] == ["by 2030", "no year"]
    assert list(fig.layout.yaxis.categoryarray) == ["Germany", "Poland"]  # first row on top
    assert sorted(shape.x0 for shape in fig.layout.shapes) == [2.0, 3.5, 5.0]


def test_money_chart_log_axis_one_trace_per_kind() -> None:
    amounts = pd.DataFrame(
        {
            "currency": ["EUR", "EUR", "GBP"],
            "value": [1e11, 2e9, 5e8],
            "kind": ["target", "reported", "target"],
            "iso3": ["DEU", "FRA", None],
            "country": ["Germany", "France", None],
            "year": [2022, None, None],
            "text": ["€100bn", "€2bn", "£500m"],
            "sentence": ["a", "b", "c"],
        }
    ).astype({"year": "Int64"})
    fig = charts.money_chart(amounts)
    assert fig.layout.xaxis.type == "log"
    by_kind = {t.name: t for t in fig.data}
    assert set(by_kind) == {"Target", "Reported"}
    assert list(by_kind["Target"].y) == ["EUR (2)", "GBP (1)"]
    assert by_kind["Target"].customdata[0][0] == "100bn EUR"
    assert list(fig.layout.yaxis.categoryarray) == ["GBP (1)", "EUR (2)"]


def _matrix() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "actor": ["Scholz", "Scholz", "Trump"],
            "target": ["NATO", "defence spending", "NATO"],
            "mean_score": [0.8, 0.5, -0.6],
            "count": [4, 2, 3],
            "share_support": [1.0, 0.5, 0.0],
            "share_oppose": [0.0, 0.0, 0.67],
        }
    )


def test_stance_heatmap_diverging_scale_counts_in_hover() -> None:
    fig = charts.stance_heatmap(_matrix())
    heat = fig.data[0]
    assert (heat.zmin, heat.zmax, heat.zmid) == (-1, 1, 0)
    assert heat.colorscale == go.Heatmap(colorscale="RdBu").colorscale
    assert list(heat.y) == ["Scholz", "Trump"] and list(heat.x) == ["NATO", "defence spending"]
    assert [list(r) for r in heat.z] == [[0.8, 0.5], [-0.6, None]]
    assert heat.customdata[1][0][0] == 3 and heat.customdata[1][1][0] == 0  # counts, empty cell 0
    assert "statements" in heat.hovertemplate
    labelled = charts.stance_heatmap(_matrix(), target_labels={"defence spending": "Raise defence spending"})
    assert list(labelled.data[0].x) == ["NATO", "Raise defence spending"]


def test_heatmap_and_bar_labels_from_articles_are_escaped() -> None:
    matrix = _matrix().assign(actor=["<b>Scholz</b>", "<b>Scholz</b>", "Trump"])
    assert charts.stance_heatmap(matrix).data[0].y[0] == "&lt;b&gt;Scholz&lt;/b&gt;"
    speakers = pd.DataFrame(
        {"speaker": ["<img src=x>"], "speaker_country": ["DEU"], "speaker_role": [None], "statements": [3]}
    )
    assert charts.top_speakers_chart(speakers, NAMES).data[0].y == ("&lt;img src=x&gt; (Germany)",)


def test_country_heatmap_shows_country_names() -> None:
    matrix = _matrix().rename(columns={"actor": "actor_country"})
    matrix["actor_country"] = ["DEU", "DEU", "USA"]
    fig = charts.stance_heatmap(matrix, row="actor_country", row_title="Country", names={"DEU": "Germany"})
    assert list(fig.data[0].y) == ["Germany", "USA"]
    assert fig.layout.title.text == "Country stance by target"


def test_stance_over_time_chart_one_line_per_target() -> None:
    over_time = pd.DataFrame(
        {
            "period": pd.to_datetime(["2024-01-01", "2024-04-01", "2024-01-01"]),
            "target": ["NATO", "NATO", "Russia"],
            "mean_score": [0.5, 0.25, -1.0],
            "count": [2, 1, 5],
        }
    )
    fig = charts.stance_over_time_chart(over_time, "Q")
    assert [t.name for t in fig.data] == ["Russia", "NATO"]  # most statements first
    nato = next(t for t in fig.data if t.name == "NATO")
    assert list(nato.y) == [0.5, 0.25] and list(nato.customdata) == [2, 1]
    assert tuple(fig.layout.yaxis.range) == (-1.05, 1.05)


def _two_mode() -> nx.Graph:
    graph = nx.Graph()
    for actor in ("Scholz", "Trump", "Macron"):
        graph.add_node(actor, kind="actor")
    for target in ("NATO", "Russia"):
        graph.add_node(target, kind="target")
    graph.add_edge("Scholz", "NATO", weight=3, mean_score=0.8)
    graph.add_edge("Trump", "NATO", weight=2, mean_score=-0.5)
    graph.add_edge("Macron", "Russia", weight=1, mean_score=-1.0)
    graph.add_edge("Macron", "NATO", weight=1, mean_score=0.0)
    return graph


def test_network_chart_distinguishes_actors_targets_and_edge_signs() -> None:
    fig = charts.network_chart(_two_mode())
    traces = {t.name: t for t in fig.data}
    assert traces["Actors"].marker.symbol == "circle" and traces["Targets"].marker.symbol == "square"
    assert len(traces["Actors"].x) == 3 and len(traces["Targets"].x) == 2
    assert traces["Support"].line.color == charts.EDGE_COLOURS["support"]
    assert len([x for x in traces["Oppose"].x if x is None]) == 2  # two opposing edges
    assert len([x for x in traces["Tie"].x if x is None]) == 1
    assert sorted(traces["Targets"].text) == ["NATO", "Russia"]  # every target labelled
    assert list(charts.network_chart(_two_mode(), max_labels=1).data[-2].text).count("") == 2
    renamed = charts.network_chart(_two_mode(), target_labels={"Russia": "Dialogue with Russia"})
    assert "Dialogue with Russia" in renamed.data[-1].text
    again = charts.network_chart(_two_mode())
    assert again.to_dict() == fig.to_dict()  # fixed seed: the same drawing every rerun
    assert charts.network_chart(nx.Graph()).data == ()


def test_network_chart_escapes_node_names() -> None:
    graph = nx.Graph()
    graph.add_node("actor:1", label="<img src=x onerror=alert(1)>", kind="actor")
    graph.add_node("NATO", kind="target")
    graph.add_edge("actor:1", "NATO")
    fig = charts.network_chart(graph)
    actors = next(t for t in fig.data if t.name == "Actors")
    assert actors.text[0].startswith("&lt;img") and "<img" not in actors.customdata[0][0]
    targets = next(t for t in fig.data if t.name == "Targets")
    assert targets.text == ("NATO",)  # no label attribute: the node itself


def test_topic_heatmaps_show_shares_with_counts() -> None:
    by_period = pd.DataFrame(
        {
            "period": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-05-01"]),
            "topic": ["nato", "eu", "nato"],
            "label": ["NATO", "EU", "NATO"],
            "articles": [2, 1, 1],
            "period_articles": [2, 2, 4],
            "share": [1.0, 0.5, 0.25],
        }
    )
    fig = charts.topic_period_chart(by_period, "M")
    heat = fig.data[0]
    assert list(heat.x) == ["Jan 2024", "May 2024"] and list(heat.y) == ["NATO", "EU"]
    assert [list(r) for r in heat.z] == [[1.0, 0.25], [0.5, 0.0]]
    assert heat.customdata[1][1] == [0, 4]  # EU in May: 0 of the period's 4 articles
    assert (heat.zmin, heat.zmax) == (0, 1)
    assert charts.period_label(pd.Timestamp("2024-04-01"), "Q") == "2024 Q2"
    by_country = by_period.drop(columns=["period", "period_articles"]).assign(
        country=["Germany", "Germany", "France"], country_articles=[2, 2, 4]
    )
    fig = charts.topic_country_chart(by_country)
    assert list(fig.data[0].x) == ["Germany", "France"]


@pytest.mark.parametrize(("counts", "dtick"), [([1, 0, 1], 1), ([3, 40, 12], None)])
def test_count_axes_never_repeat_a_tick_label(counts: list[int], dtick: int | None) -> None:
    periods = pd.date_range("2024-01-01", periods=len(counts), freq="QS")
    fig = charts.articles_over_time_chart(pd.DataFrame({"period": periods, "articles": counts}), "Q")
    assert fig.layout.yaxis.dtick == dtick
    assert fig.layout.yaxis.tickformat == ",d"
