"""Stance quality against the gold set in `tests/gold/`: (actor, target, polarity) per article, the article's
stance of an actor on a target being the sign of its rows' mean score. Measures only; never changes rows."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from bench.evaluation import GOLD_DIR, Counts, gold_articles, gold_corpus
from dashboard.queries.stance_frames import article_positions

Triple = tuple[str, str, str]  # actor, target, polarity
DEV_DIR = GOLD_DIR.parent / "gold_dev"  # annotated blind after the rules were written (development set)
TEST_DIR = GOLD_DIR.parent / "gold_test"  # new articles annotated blind; measured only, never tuned on


@dataclass
class StanceScores(Counts):
    per_target: dict[str, Counter] = field(default_factory=dict)
    differences: list[dict] = field(default_factory=list)


def article_triples(stances: pd.DataFrame) -> set[Triple]:
    """One (actor, target, polarity) per actor and target of one article's stance rows: the majority of its
    rows weighted by confidence (`stance_frames.article_positions`; a support/oppose tie is `mixed`,
    which matches no gold polarity)."""
    positions = article_positions(stances.assign(article_id="article"))  # rows of one article
    return set(
        zip(
            positions["actor"].astype(str),
            positions["target"].astype(str),
            positions["polarity"],
            strict=True,
        )
    )


def score_stances(name: str, gold: set[Triple], predicted: set[Triple], scores: StanceScores) -> None:
    """Add one article's comparison to `scores` (exact match on the triple)."""
    scores.gold += len(gold)
    scores.predicted += len(predicted)
    scores.matched += len(gold & predicted)
    for _, target, _ in gold & predicted:
        scores.per_target.setdefault(target, Counter())["tp"] += 1
    for _, target, _ in predicted - gold:
        scores.per_target.setdefault(target, Counter())["fp"] += 1
    for _, target, _ in gold - predicted:
        scores.per_target.setdefault(target, Counter())["fn"] += 1
    if gold != predicted:
        scores.differences.append(
            {"article": name, "missed": sorted(gold - predicted), "extra": sorted(predicted - gold)}
        )


def evaluate_stances(
    gold_dir: Path = GOLD_DIR, model: str | None = None, *, samples_only: bool = False
) -> tuple[StanceScores, pd.DataFrame]:
    """Score the stances of every gold article (one shared loader run); also returns the stance rows.
    `samples_only` leaves out the articles that live outside the repository (the seed, in ../shared)."""
    articles = [a for a in gold_articles(gold_dir) if not (samples_only and a.raw["file"].startswith("../"))]
    corpus = gold_corpus(gold_dir, model)
    by_origin = corpus.articles.set_index("origin")
    scores = StanceScores()
    for art in articles:
        if str(art.path) not in by_origin.index:
            raise RuntimeError(f"gold article was not loaded: {art.path}")
        article_id = by_origin.loc[str(art.path), "article_id"]
        rows = corpus.stances[corpus.stances["article_id"] == article_id]
        gold = {(g["actor"], g["target"], g["polarity"]) for g in art.raw.get("stances", [])}
        score_stances(art.path.name, gold, article_triples(rows), scores)
    return scores, corpus.stances
