"""Aggregates of the `stances` table for the dashboard: actor x target and country x target matrices, stance
over time, and Discourse Network Analyzer's networks (GraphML / GEXF). Pure pandas and networkx, no Streamlit.

Mean scores weigh each row by its confidence, so a stance decided by a cue outweighs a bare mention of the
target. Every function accepts an empty frame and then returns an empty result; none changes its input."""

from __future__ import annotations

import io

import networkx as nx
import numpy as np
import pandas as pd

MATRIX_COLUMNS = ["mean_score", "count", "share_support", "share_oppose"]
POLARITIES = ("support", "oppose", "neutral")
NETWORK_FORMATS = ("graphml", "gexf")


def _valid(stances: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Rows that have every key and a score."""
    if stances is None or stances.empty or any(k not in stances.columns for k in [*keys, "score"]):
        return pd.DataFrame(columns=[*keys, "score", "polarity"])
    return stances.dropna(subset=[*keys, "score"])


def _plain(df: pd.DataFrame, keys: list[str], **values: np.ndarray) -> pd.DataFrame:
    """Key columns as Python objects next to float value columns: pandas groups these several times faster
    than Arrow strings and nullable floats on the small frames the dashboard's filters leave."""
    return pd.DataFrame({**{k: df[k].to_numpy(object) for k in keys}, **values})


def _confidence(df: pd.DataFrame) -> np.ndarray:
    """Each row's weight in a mean score: its confidence (a cue-decided row outweighs a bare mention of the
    target), 1 where the table has none."""
    if "confidence" not in df.columns:
        return np.ones(len(df))
    return pd.to_numeric(df["confidence"], errors="coerce").fillna(1.0).to_numpy(float)


def _weighted_means(groups, column: str = "weighted") -> pd.Series:
    """Per group: sum of score x confidence over sum of confidence."""
    sums = groups[[column, "confidence"]].sum()
    return sums[column] / sums["confidence"]


def _matrix(stances: pd.DataFrame, row: str) -> pd.DataFrame:
    df = _valid(stances, [row, "target"])
    columns = [row, "target", *MATRIX_COLUMNS]
    if df.empty:
        return pd.DataFrame(
            {c: pd.Series(dtype="float64" if c in MATRIX_COLUMNS else "str") for c in columns}
        ).astype({"count": "int64"})
    polarity = df["polarity"]
    weights = _confidence(df)
    plain = _plain(
        df,
        [row, "target"],
        share_support=(polarity == "support").fillna(False).to_numpy(float),
        share_oppose=(polarity == "oppose").fillna(False).to_numpy(float),
        weighted=df["score"].to_numpy(float) * weights,
        confidence=weights,
    )
    groups = plain.groupby([row, "target"], sort=True)
    out = groups[["share_support", "share_oppose"]].mean()
    out.insert(0, "mean_score", _weighted_means(groups))
    out.insert(1, "count", groups.size().astype("int64"))
    return out.reset_index()[columns]


def actor_target_matrix(stances: pd.DataFrame) -> pd.DataFrame:
    """One row per (actor, target): mean score (weighted by confidence), number of stance rows, share
    supporting and opposing."""
    return _matrix(stances, "actor")


def country_target_matrix(stances: pd.DataFrame) -> pd.DataFrame:
    """One row per (actor_country, target), over the stances of every actor of that country."""
    return _matrix(stances, "actor_country")


POSITION_COLUMNS = ["article_id", "actor", "target", "polarity", "confidence", "rows", "support", "oppose"]


def article_positions(stances: pd.DataFrame) -> pd.DataFrame:
    """One row per (article, actor, target): the actor's position in that article by majority of its
    evidence, each row weighing its confidence times its strength (|score|; a neutral mention counts half).
    Support and opposition outvote neutral mentions; a tie between them is `mixed`, so an article quoting
    both sides is never averaged into neutral. `confidence` is the winning side's share of all the weight
    (1.0: every row agrees); `rows`, `support` and `oppose` count the rows behind it."""
    df = _valid(stances, ["article_id", "actor", "target"])
    if df.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in POSITION_COLUMNS}).astype(
            {"confidence": "float64", "rows": "int64", "support": "int64", "oppose": "int64"}
        )
    polarity = df["polarity"].fillna("neutral").to_numpy(object)
    strength = np.where(polarity == "neutral", 0.5, np.abs(df["score"].to_numpy(float)))
    weights = _confidence(df) * strength
    plain = _plain(
        df,
        ["article_id", "actor", "target"],
        **{f"w_{p}": np.where(polarity == p, weights, 0.0) for p in POLARITIES},
        **{p: (polarity == p).astype(float) for p in ("support", "oppose")},
    )
    sums = plain.groupby(["article_id", "actor", "target"], sort=True).agg(
        w_support=("w_support", "sum"),
        w_oppose=("w_oppose", "sum"),
        w_neutral=("w_neutral", "sum"),
        rows=("w_neutral", "size"),
        support=("support", "sum"),
        oppose=("oppose", "sum"),
    )
    sup, opp, neu = (sums[f"w_{p}"].to_numpy() for p in POLARITIES)
    out = sums.reset_index()
    out["polarity"] = np.select(
        [sup > opp, opp > sup, (sup == opp) & (sup > 0)], ["support", "oppose", "mixed"], "neutral"
    )
    total = sup + opp + neu
    winner = np.where(sup + opp > 0, np.maximum(sup, opp), neu)
    out["confidence"] = np.round(np.divide(winner, total, out=np.zeros_like(total), where=total > 0), 3)
    return out.astype({"rows": "int64", "support": "int64", "oppose": "int64"})[POSITION_COLUMNS]


def stance_over_time(stances: pd.DataFrame, articles: pd.DataFrame, freq: str = "M") -> pd.DataFrame:
    """Mean score and count per period (month "M" or quarter "Q", by the article's `published` date) and
    target; stances of undated articles are left out. `period` is the period's first day (a Timestamp)."""
    if freq not in {"M", "Q"}:
        raise ValueError(f"freq must be 'M' or 'Q', not {freq!r}")
    columns = ["period", "target", "mean_score", "count"]
    df = _valid(stances, ["article_id", "target"])
    if df.empty or articles is None or articles.empty or "published" not in articles.columns:
        return _empty_over_time(columns)
    dates = articles[["article_id", "published"]].dropna().drop_duplicates("article_id")
    df = df.merge(dates, on="article_id", how="inner")
    if df.empty:
        return _empty_over_time(columns)
    published = pd.to_datetime(df["published"], utc=True).dt.tz_localize(None)
    weights = _confidence(df)
    plain = _plain(df, ["target"], weighted=df["score"].to_numpy(float) * weights, confidence=weights)
    plain.insert(0, "period", published.dt.to_period(freq).dt.start_time.astype("datetime64[ns]").to_numpy())
    groups = plain.groupby(["period", "target"], sort=True)
    out = _weighted_means(groups).to_frame("mean_score")
    out["count"] = groups.size().astype("int64")
    return out.reset_index()[columns]


def _empty_over_time(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": pd.Series(dtype="datetime64[ns]"),
            "target": pd.Series(dtype="str"),
            "mean_score": pd.Series(dtype="float64"),
            "count": pd.Series(dtype="int64"),
        }
    )[columns]


PAIR_COLUMNS = ["actor", "target", "weight", "mean_score", "polarity"]


def actor_target_pairs(stances: pd.DataFrame) -> pd.DataFrame:
    """One row per (actor, target), sorted: its weight (stance rows), mean score (weighted by confidence) and
    majority polarity (ties: neutral). The networks are drawn from it."""
    df = _valid(stances, ["actor", "target"])
    if df.empty:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    polarity = df["polarity"]
    weights = _confidence(df)
    plain = _plain(
        df,
        ["actor", "target"],
        weighted=df["score"].to_numpy(float) * weights,
        confidence=weights,
        **{p: (polarity == p).fillna(False).to_numpy(float) for p in POLARITIES},
    )
    groups = plain.groupby(["actor", "target"], sort=True)
    out = _weighted_means(groups).rename("mean_score").reset_index()
    out.insert(2, "weight", groups.size().to_numpy().astype("int64"))
    return with_majority(out, groups[list(POLARITIES)].sum().to_numpy())


def with_majority(pairs: pd.DataFrame, counts: np.ndarray) -> pd.DataFrame:
    """`pairs` (actor, target, weight, mean_score) with the majority `polarity` of `counts` (rows of support,
    oppose and neutral counts; a tie is neutral), as `actor_target_pairs` gives them."""
    if pairs.empty:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    winners = counts == counts.max(axis=1, keepdims=True)
    majority = np.where(winners.sum(axis=1) == 1, np.array(POLARITIES)[winners.argmax(axis=1)], "neutral")
    out = pairs.assign(
        polarity=majority, actor=pairs["actor"].astype(str), target=pairs["target"].astype(str)
    )
    return out.astype({"weight": "int64", "mean_score": "float64"})[PAIR_COLUMNS].reset_index(drop=True)


def two_mode_network(pairs: pd.DataFrame) -> nx.Graph:
    """Actor-target network of `actor_target_pairs`: nodes with `kind` "actor" or "target", an edge per
    (actor, target) with `weight` (stance rows), `mean_score` and `polarity` (the majority polarity)."""
    graph = nx.Graph()
    for row in pairs.itertuples(index=False):
        graph.add_node(f"actor:{row.actor}", label=row.actor, kind="actor")
        graph.add_node(f"target:{row.target}", label=row.target, kind="target")
        graph.add_edge(
            f"actor:{row.actor}",
            f"target:{row.target}",
            weight=int(row.weight),
            mean_score=round(float(row.mean_score), 4),
            polarity=row.polarity,
        )
    return graph


def actor_network(pairs: pd.DataFrame, mode: str = "congruence") -> nx.Graph:
    """One-mode actor network of `actor_target_pairs` as Discourse Network Analyzer defines it: actors are
    tied by the targets on which they take the same polarity (congruence) or opposite ones, support against
    oppose (conflict); `weight` is the number of such shared targets, `targets` lists them. Neutral stances
    tie no one."""
    if mode not in {"congruence", "conflict"}:
        raise ValueError(f"mode must be 'congruence' or 'conflict', not {mode!r}")
    graph = nx.Graph()
    if pairs.empty:
        return graph
    for actor in sorted(pairs["actor"].unique()):
        graph.add_node(actor, label=actor, kind="actor")
    polar = pairs[pairs["polarity"].isin(["support", "oppose"])]
    for target, group in polar.groupby("target", sort=True):
        held = list(zip(group["actor"], group["polarity"], strict=True))
        for i, (a, pa) in enumerate(held):
            for b, pb in held[i + 1 :]:
                if (pa == pb) != (mode == "congruence"):
                    continue
                if graph.has_edge(a, b):
                    edge = graph.edges[a, b]
                    edge["weight"] += 1
                    edge["targets"] = ";".join(sorted({*edge["targets"].split(";"), str(target)}))
                else:
                    graph.add_edge(a, b, weight=1, targets=str(target))
    return graph


def network_bytes(graph: nx.Graph, fmt: str = "graphml") -> bytes:
    """The graph as GraphML or GEXF 1.2 (UTF-8), the formats Gephi and visone open."""
    if fmt not in NETWORK_FORMATS:
        raise ValueError(f"fmt must be one of {NETWORK_FORMATS}, not {fmt!r}")
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(graph, buffer, encoding="utf-8")
    else:
        nx.write_gexf(graph, buffer, encoding="utf-8")
    return buffer.getvalue()
