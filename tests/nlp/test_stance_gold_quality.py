"""Stance quality on the hand-annotated gold set (seed + sample articles), (actor, target, polarity) per
article. The issue's goal is P and R >= 0.85; these guards hold the level measured (README, Stances)."""

from __future__ import annotations

import pandas as pd
import pytest

from bench.evaluation import ROOT, gold_articles
from bench.stance_evaluation import (
    DEV_DIR,
    StanceScores,
    article_triples,
    evaluate_stances,
    score_stances,
)
from dashboard.nlp.stance_rules import stance_rules

SEED = ROOT.parent / "shared" / "seed" / "000_ee8831fa031bc108.txt"


@pytest.fixture(scope="module")
def evaluated():
    return evaluate_stances()


def test_gold_stances_cover_enough_articles():
    with_stances = [a for a in gold_articles() if a.raw.get("stances")]
    assert len(with_stances) >= 16  # the seed article plus at least 15 sample articles
    assert sum(len(a.raw["stances"]) for a in with_stances) >= 150


@pytest.mark.skipif(
    not SEED.is_file(), reason="the seed article lives in ../shared/seed, outside the repository"
)
def test_stance_precision_and_recall(evaluated):
    scores, _ = evaluated
    # the goal, met on the adjudicated gold (156 stances: P 0.905, R 0.853). The rules were written
    # against this set, so the blind sets below and in bench/stances_quality.py say how well they carry over.
    # P was 0.887 after issue 12's speaker work gave Donald Trump a NATO row from "pay its fair share of
    # NATO" (burden-sharing, no stance on the alliance: adjunct_of_mention); 0.893 since
    assert scores.precision >= 0.89, scores.differences
    assert scores.recall >= 0.85, scores.differences


def test_stance_precision_and_recall_on_the_sample_articles_alone():
    # the same gold without the seed (in ../shared, which a user's clone lacks): 150 stances, measured
    # P 0.901, R 0.847 (P 0.888 after issue 12's speaker work, see above)
    scores, _ = evaluate_stances(samples_only=True)
    assert scores.gold >= 150
    assert scores.precision >= 0.89, scores.differences
    assert scores.recall >= 0.84, scores.differences


def test_stance_quality_on_the_blind_development_set():
    # 22 sample articles annotated blind (128 stances); measured P 0.923, R 0.750
    scores, _ = evaluate_stances(DEV_DIR)
    assert scores.gold >= 120
    assert scores.precision >= 0.90, scores.differences
    assert scores.recall >= 0.73, scores.differences


def test_stance_rows_keep_their_contract(evaluated):
    _, rows = evaluated
    assert len(rows) > 0
    cited = {method.removeprefix("rule:") for method in rows["method"]}
    assert rows["method"].str.startswith("rule:").all() and cited <= {r.id for r in stance_rules()}
    assert rows["stance_id"].is_unique
    assert rows["score"].between(-1, 1).all() and rows["confidence"].between(0, 1).all()
    assert (rows.loc[rows["polarity"] == "support", "score"] > 0).all()
    assert (rows.loc[rows["polarity"] == "oppose", "score"] < 0).all()


def test_article_triples_take_the_majority_of_the_rows_weighted_by_confidence_and_strength():
    rows = pd.DataFrame(
        {
            "actor": ["A", "A", "B", "C", "D"],
            "target": ["t", "t", "t", "t", "t"],
            "polarity": ["support", "oppose", "oppose", "neutral", "support"],
            "score": [1.0, -0.5, -0.3, 0.0, 0.5],
            "confidence": [0.72, 0.72, 0.72, 0.72, 0.36],
        }
    )
    assert article_triples(rows) == {
        ("A", "t", "support"),
        ("B", "t", "oppose"),
        ("C", "t", "neutral"),
        ("D", "t", "support"),
    }
    # a bare mention (+0.5, confidence 0.36) weighs less than a cue-decided row (-0.4, 0.72)
    weaker = pd.DataFrame(
        {
            "actor": ["E", "E"],
            "target": ["t", "t"],
            "polarity": ["support", "oppose"],
            "score": [0.5, -0.4],
            "confidence": [0.36, 0.72],
        }
    )
    assert article_triples(weaker) == {("E", "t", "oppose")}
    # support and opposition of equal weight are mixed, not averaged into neutral; neutral mentions
    # never outvote a stance
    tied = pd.DataFrame(
        {
            "actor": ["F", "F", "G", "G", "G"],
            "target": ["t", "t", "t", "t", "t"],
            "polarity": ["support", "oppose", "neutral", "neutral", "oppose"],
            "score": [0.8, -0.8, 0.0, 0.0, -0.6],
            "confidence": [0.72, 0.72, 0.72, 0.72, 0.72],
        }
    )
    assert article_triples(tied) == {("F", "t", "mixed"), ("G", "t", "oppose")}
    rows = rows.iloc[:4]
    scores = StanceScores()
    score_stances("x", {("A", "t", "support"), ("D", "t", "oppose")}, article_triples(rows), scores)
    assert (scores.gold, scores.predicted, scores.matched) == (2, 3, 1)
    assert scores.precision == pytest.approx(1 / 3) and scores.recall == pytest.approx(0.5)
