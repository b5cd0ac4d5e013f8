"""Stance aggregates: matrices, stance over time, DNA networks and their GraphML / GEXF round trip."""

from __future__ import annotations

import io

import networkx as nx
import pandas as pd
import pytest

from dashboard.queries.frames import positions_behind, stances_behind
from dashboard.queries.stance_frames import (
    actor_network,
    actor_target_matrix,
    actor_target_pairs,
    article_positions,
    country_target_matrix,
    network_bytes,
    stance_over_time,
    two_mode_network,
)
from dashboard.schema import conform, empty_frame

ROWS = [
    # actor, country, target, polarity, score, article
    ("Emmanuel Macron", "FRA", "european_defence_cooperation", "support", 1.0, "a1"),
    ("Emmanuel Macron", "FRA", "european_defence_cooperation", "support", 0.5, "a2"),
    ("Emmanuel Macron", "FRA", "nato_alliance", "oppose", -1.0, "a2"),
    ("Angela Merkel", "DEU", "european_defence_cooperation", "support", 0.8, "a1"),
    ("Angela Merkel", "DEU", "nato_alliance", "support", 1.0, "a2"),
    ("Heiko Maas", "DEU", "european_defence_cooperation", "oppose", -0.5, "a3"),
    ("Donald Trump", "USA", "european_defence_cooperation", "oppose", -1.0, "a3"),
    ("Donald Trump", "USA", "defence_spending_increase", "neutral", 0.0, "a3"),
]


@pytest.fixture
def stances() -> pd.DataFrame:
    df = pd.DataFrame(
        [
            {
                "stance_id": f"p{i}",
                "article_id": art,
                "actor": actor,
                "actor_type": "person",
                "actor_country": country,
                "target": target,
                "polarity": pol,
                "score": score,
                "method": "rule:stance_cue",
            }
            for i, (actor, country, target, pol, score, art) in enumerate(ROWS)
        ]
    )
    return conform(df, "stances")


@pytest.fixture
def articles() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article_id": ["a1", "a2", "a3"],
            "published": pd.to_datetime(["2018-08-28", "2018-11-13", "2019-01-02"], utc=True),
        }
    )


def test_actor_target_matrix(stances):
    m = actor_target_matrix(stances).set_index(["actor", "target"])
    row = m.loc[("Emmanuel Macron", "european_defence_cooperation")]
    assert row["count"] == 2 and row["mean_score"] == pytest.approx(0.75)
    assert row["share_support"] == 1.0 and row["share_oppose"] == 0.0
    assert m.loc[("Emmanuel Macron", "nato_alliance"), "share_oppose"] == 1.0
    assert len(m) == 7


def test_mean_scores_weigh_rows_by_confidence(stances):
    weighted = stances.assign(confidence=1.0)
    macron = (weighted["actor"] == "Emmanuel Macron") & (weighted["target"] == "european_defence_cooperation")
    first, second = weighted.index[macron][:2]
    weighted.loc[first, "confidence"] = 0.25
    scores = weighted.loc[[first, second], "score"].astype(float).to_numpy()
    expected = (0.25 * scores[0] + 1.0 * scores[1]) / 1.25
    assert scores[0] != scores[1]  # otherwise the weights could not show
    m = actor_target_matrix(weighted).set_index(["actor", "target"])
    assert m.loc[("Emmanuel Macron", "european_defence_cooperation"), "mean_score"] == pytest.approx(expected)


def test_country_target_matrix(stances):
    m = country_target_matrix(stances).set_index(["actor_country", "target"])
    row = m.loc[("DEU", "european_defence_cooperation")]
    assert row["count"] == 2
    assert row["mean_score"] == pytest.approx(0.15)
    assert row["share_support"] == 0.5 and row["share_oppose"] == 0.5


@pytest.mark.parametrize("freq, periods", [("M", 3), ("Q", 3)])
def test_stance_over_time(stances, articles, freq, periods):
    out = stance_over_time(stances, articles, freq=freq)
    assert list(out.columns) == ["period", "target", "mean_score", "count"]
    assert out["period"].nunique() == periods
    assert all(isinstance(p, pd.Timestamp) for p in out["period"])
    edc = out[out["target"] == "european_defence_cooperation"].set_index("period")
    first = pd.Timestamp("2018-08-01") if freq == "M" else pd.Timestamp("2018-07-01")
    assert edc.loc[first, "count"] == 2 and edc.loc[first, "mean_score"] == pytest.approx(0.9)


def test_stance_over_time_skips_undated_articles(stances, articles):
    articles = articles.assign(published=[articles["published"][0], pd.NaT, pd.NaT])
    out = stance_over_time(stances, articles, freq="Q")
    assert out["count"].sum() == 2  # only the two stances of the dated article


def test_two_mode_network(stances):
    g = two_mode_network(actor_target_pairs(stances))
    kinds = nx.get_node_attributes(g, "kind")
    assert sorted(set(kinds.values())) == ["actor", "target"]
    assert sum(1 for k in kinds.values() if k == "actor") == 4
    edge = g.edges["actor:Emmanuel Macron", "target:european_defence_cooperation"]
    assert edge["weight"] == 2 and edge["polarity"] == "support" and edge["mean_score"] == pytest.approx(0.75)
    assert g.edges["actor:Emmanuel Macron", "target:nato_alliance"]["polarity"] == "oppose"
    assert nx.is_bipartite(g)


def test_congruence_and_conflict_networks(stances):
    congruence = actor_network(actor_target_pairs(stances), "congruence")
    conflict = actor_network(actor_target_pairs(stances), "conflict")
    # Macron and Merkel both support European defence cooperation; Maas and Trump both oppose it
    assert congruence.edges["Emmanuel Macron", "Angela Merkel"]["weight"] == 1
    assert congruence.edges["Heiko Maas", "Donald Trump"]["targets"] == "european_defence_cooperation"
    # Macron opposes NATO, Merkel supports it: a conflict tie; supporters of EDC conflict with opponents
    assert conflict.edges["Emmanuel Macron", "Angela Merkel"]["weight"] == 1
    assert conflict.edges["Emmanuel Macron", "Donald Trump"]["weight"] == 1
    assert not congruence.has_edge("Emmanuel Macron", "Donald Trump")
    # a neutral stance ties no one: Trump's neutral defence-spending stance appears in no tie
    for g in (congruence, conflict):
        assert all("defence_spending_increase" not in t for _, _, t in g.edges(data="targets"))
    assert congruence.number_of_nodes() == 4


def test_weights_count_shared_targets(stances):
    extra = conform(
        pd.DataFrame(
            [
                {
                    "article_id": "a1",
                    "actor": "Emmanuel Macron",
                    "target": "defence_spending_increase",
                    "polarity": "support",
                    "score": 1.0,
                },
                {
                    "article_id": "a1",
                    "actor": "Angela Merkel",
                    "target": "defence_spending_increase",
                    "polarity": "support",
                    "score": 0.5,
                },
            ]
        ),
        "stances",
    )
    g = actor_network(actor_target_pairs(pd.concat([stances, extra], ignore_index=True)), "congruence")
    edge = g.edges["Emmanuel Macron", "Angela Merkel"]
    assert edge["weight"] == 2
    assert edge["targets"] == "defence_spending_increase;european_defence_cooperation"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
@pytest.mark.parametrize("build", [two_mode_network, lambda s: actor_network(s, "conflict")])
def test_network_round_trip(stances, fmt, build):
    g = build(actor_target_pairs(stances))
    data = network_bytes(g, fmt)
    assert isinstance(data, bytes) and data.startswith(b"<?xml")
    back = nx.read_graphml(io.BytesIO(data)) if fmt == "graphml" else nx.read_gexf(io.BytesIO(data))
    assert back.number_of_nodes() == g.number_of_nodes()
    assert back.number_of_edges() == g.number_of_edges()
    for u, v, attrs in g.edges(data=True):
        assert int(back.edges[u, v]["weight"]) == attrs["weight"]


def test_article_positions_keep_one_row_per_article_actor_and_target(stances):
    positions = article_positions(stances).set_index(["article_id", "actor", "target"])
    assert len(positions) == len(stances)  # every (article, actor, target) of ROWS occurs once
    macron = positions.loc[("a2", "Emmanuel Macron", "nato_alliance")]
    assert (macron.polarity, macron.confidence, macron.rows, macron.oppose) == ("oppose", 1.0, 1, 1)
    assert positions.loc[("a3", "Donald Trump", "defence_spending_increase")].polarity == "neutral"


def test_article_positions_are_the_majority_not_the_mean(stances):
    extra = stances.iloc[[0, 0, 0]].assign(
        stance_id=["x1", "x2", "x3"], polarity=["oppose", "oppose", "neutral"], score=[-1.0, -0.5, 0.0]
    )
    position = article_positions(pd.concat([stances, extra])).set_index(["article_id", "actor", "target"])
    row = position.loc[("a1", "Emmanuel Macron", "european_defence_cooperation")]
    # +1.0 against -1.0 and -0.5: opposition wins; the neutral mention only lowers the confidence
    assert (row.polarity, row.rows, row.support, row.oppose) == ("oppose", 4, 1, 2)
    assert row.confidence == pytest.approx(1.5 / 3.0)
    tied = pd.concat(
        [stances.iloc[[0]], stances.iloc[[0]].assign(stance_id="t", polarity="oppose", score=-1.0)]
    )
    assert article_positions(tied)["polarity"].tolist() == ["mixed"]


def test_rows_behind_a_cell_carry_their_article_newest_first(stances, articles):
    articles = articles.assign(
        source=["Outlet A", "Outlet B", "Outlet C"],
        title=["One", "Two", "Three"],
        published=pd.to_datetime(["2018-08-28 17:30", "2018-11-13 09:00", None], utc=True),
    )
    rows = stances_behind(stances, articles, target="european_defence_cooperation")
    assert rows["article_id"].tolist() == ["a2", "a1", "a1", "a3", "a3"]  # undated last
    assert rows["stance_id"].tolist() == ["p1", "p0", "p3", "p5", "p6"]
    assert rows["date"].iloc[1] == pd.Timestamp("2018-08-28")  # the day, naive
    positions = positions_behind(stances, articles, target="european_defence_cooperation")
    assert (
        list(positions.columns[:3]) == ["date", "outlet", "title"] and positions.columns[-1] == "article_id"
    )
    assert list(zip(positions["article_id"], positions["actor"], positions["outlet"], strict=True)) == [
        ("a2", "Emmanuel Macron", "Outlet B"),
        ("a1", "Angela Merkel", "Outlet A"),
        ("a1", "Emmanuel Macron", "Outlet A"),
        ("a3", "Donald Trump", "Outlet C"),
        ("a3", "Heiko Maas", "Outlet C"),
    ]


def test_empty_frames_give_empty_results():
    empty = empty_frame("stances")
    assert article_positions(empty).empty
    assert actor_target_matrix(empty).empty
    assert list(actor_target_matrix(empty).columns) == [
        "actor",
        "target",
        "mean_score",
        "count",
        "share_support",
        "share_oppose",
    ]
    assert country_target_matrix(empty).empty
    assert stance_over_time(empty, empty_frame("articles"), "Q").empty
    assert two_mode_network(actor_target_pairs(empty)).number_of_nodes() == 0
    assert actor_network(actor_target_pairs(empty), "conflict").number_of_nodes() == 0
    for fmt in ("graphml", "gexf"):
        assert network_bytes(two_mode_network(actor_target_pairs(empty)), fmt).startswith(b"<?xml")


def test_bad_arguments_are_named(stances, articles):
    with pytest.raises(ValueError, match="freq"):
        stance_over_time(stances, articles, freq="W")
    with pytest.raises(ValueError, match="mode"):
        actor_network(actor_target_pairs(stances), "agreement")
    with pytest.raises(ValueError, match="fmt"):
        network_bytes(nx.Graph(), "gml")
