"""Stance rule ablation: for each rule of the stance rule table (dashboard/nlp/stance_rules.py), precision,
recall and F1 on the gold set (tests/gold, scored as bench/stances_quality.py scores it) with that rule
switched off, and the change in F1 against all rules on; sorted by contribution (largest loss first).

The model is loaded once and each gold article parsed once; only the stance extraction runs again per rule.
A column for the real dev set is added when bench.real_evaluation offers `stance_scores(split="dev",
disabled_rules=...)` ("n/a" otherwise; `--gold-only` leaves it out: it runs the loader once per rule)."""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.evaluation import GOLD_DIR, gold_articles, gold_corpus  # noqa: E402
from bench.stance_evaluation import StanceScores, article_triples, evaluate_stances, score_stances  # noqa: E402
from dashboard.corpus import canonicalise_actors  # noqa: E402
from dashboard.nlp.gazetteer import Gazetteer  # noqa: E402
from dashboard.nlp.parse import parse_text  # noqa: E402
from dashboard.nlp.pipeline import load_model, statements_for_doc  # noqa: E402
from dashboard.nlp.stance_rules import stance_rules  # noqa: E402
from dashboard.nlp.stances import extract_stances, stance_matcher  # noqa: E402
from dashboard.records import Statement  # noqa: E402


@dataclass
class ParsedArticle:
    article_id: str
    name: str
    when: date | None
    doc: Doc
    statements: list[Statement]
    gold: set[tuple[str, str, str]]


def parse_gold() -> tuple[list[ParsedArticle], pd.DataFrame]:
    """Every gold article as the loader reads it, parsed once with its statements; and the loader's
    statements table (for the corpus-wide naming of actors)."""
    corpus = gold_corpus(GOLD_DIR)
    nlp, gaz = load_model(), Gazetteer.load()
    rows = corpus.articles.set_index("origin")
    out = []
    for art in gold_articles(GOLD_DIR):
        row = rows.loc[str(art.path)]
        when = row["published"].date() if pd.notna(row["published"]) else None
        doc = parse_text(nlp, row["text"])
        gold = {(g["actor"], g["target"], g["polarity"]) for g in art.raw.get("stances", [])}
        out.append(
            ParsedArticle(
                row["article_id"], art.path.name, when, doc, statements_for_doc(doc, when, gaz), gold
            )
        )
    return out, corpus.statements


def gold_scores(
    articles: list[ParsedArticle], statements: pd.DataFrame, disabled: frozenset[str]
) -> StanceScores:
    """Stance scores on the parsed gold articles with the rules `disabled` switched off."""
    nlp, gaz = load_model(), Gazetteer.load()
    matcher = stance_matcher(nlp)
    rows = []
    for art in articles:
        for s in extract_stances(art.doc, art.statements, art.when, gaz, matcher, disabled):
            rows.append(
                {
                    "article_id": art.article_id,
                    "actor": s.actor,
                    "actor_type": s.actor_type,
                    "target": s.target,
                    "polarity": s.polarity,
                    "score": s.score,
                    "confidence": s.confidence,
                }
            )
    stances = canonicalise_actors(pd.DataFrame(rows), statements)
    scores = StanceScores()
    for art in articles:
        score_stances(
            art.name, art.gold, article_triples(stances[stances["article_id"] == art.article_id]), scores
        )
    return scores


def real_dev_scorer():
    """bench.real_evaluation.stance_scores when it is there and its data is present, else None."""
    try:
        from bench import real_evaluation
    except ImportError:
        return None
    scorer = getattr(real_evaluation, "stance_scores", None)
    available = getattr(real_evaluation, "available", lambda: True)
    return scorer if scorer is not None and available() else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gold-only", action="store_true", help="leave out the real dev column")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    articles, statements = parse_gold()
    full = gold_scores(articles, statements, frozenset())
    loader, _ = evaluate_stances(GOLD_DIR)
    counts = (full.gold, full.predicted, full.matched)
    if counts != (loader.gold, loader.predicted, loader.matched):  # the re-run must score as the loader does
        raise RuntimeError(f"gold, predicted, matched {counts} differ from the loader's {loader}")
    real = None if args.gold_only else real_dev_scorer()
    real_full = real(split="dev", disabled_rules=frozenset()).f1 if real else None

    table = []
    for rule in stance_rules():
        off = gold_scores(articles, statements, frozenset({rule.id}))
        real_off = real(split="dev", disabled_rules=frozenset({rule.id})).f1 if real else None
        table.append((rule.id, off, real_off))
    table.sort(key=lambda row: (row[1].f1 - full.f1, row[0]))

    print(
        f"gold: {len(articles)} articles, {full.gold} gold stances; all rules on: P={full.precision:.3f} "
        f"R={full.recall:.3f} F1={full.f1:.3f}" + (f"; real dev F1={real_full:.3f}" if real else "")
    )
    print(f"{'rule off':26s} {'P':>6s} {'R':>6s} {'F1':>6s} {'dF1':>7s} {'real dev F1':>12s} {'dF1':>7s}")
    for rule_id, off, real_off in table:
        real_cols = f"{real_off:12.3f} {real_off - real_full:+7.3f}" if real else f"{'n/a':>12s} {'':>7s}"
        gold_cols = f"{off.precision:6.3f} {off.recall:6.3f} {off.f1:6.3f} {off.f1 - full.f1:+7.3f}"
        print(f"{rule_id:26s} {gold_cols} {real_cols}")
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
