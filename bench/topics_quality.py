"""Topic quality: article-level topic rows against the gold topics in tests/gold/*.json.

Prints micro recall and precision over (article, topic) pairs, per topic, and with -v the misses and extras
per article; `--min-share X` counts only article rows with score >= X (default: every article row)."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def gold_topics() -> list[tuple[Path, set[str]]]:
    out = []
    for path in sorted((ROOT / "tests" / "gold").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if "topics" in data:
            out.append(((ROOT / data["file"]).resolve(), set(data["topics"])))
    return out


def predicted_topics(path: Path, nlp, matcher, min_share: float) -> set[str]:
    from dashboard.nlp.topics import topic_rows
    from dashboard.records import Article
    from dashboard.sources import iter_records

    articles = [r for r in iter_records([path]) if isinstance(r, Article)]
    found: set[str] = set()
    for article in articles:
        rows = topic_rows(nlp(article.text), path.name, matcher=matcher)
        found |= {r["topic"] for r in rows if r["sentence_start"] is None and r["score"] >= min_share}
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--min-share", type=float, default=0.0)
    args = parser.parse_args(argv)

    from dashboard.nlp.pipeline import load_model
    from dashboard.nlp.topics import topic_matcher

    nlp = load_model()
    matcher = topic_matcher(nlp)
    tp = fp = fn = 0
    per_topic: dict[str, Counter] = {t: Counter() for t in matcher.taxonomy}
    gold = gold_topics()
    for path, expected in gold:
        got = predicted_topics(path, nlp, matcher, args.min_share)
        tp += len(got & expected)
        fp += len(got - expected)
        fn += len(expected - got)
        for t in got & expected:
            per_topic[t]["tp"] += 1
        for t in got - expected:
            per_topic[t]["fp"] += 1
        for t in expected - got:
            per_topic[t]["fn"] += 1
        if args.verbose and (got ^ expected):
            print(f"{path.name}: missed {sorted(expected - got)} extra {sorted(got - expected)}")
    recall = tp / (tp + fn) if tp + fn else 0.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"Gold set: {len(gold)} articles, {tp + fn} gold (article, topic) pairs, {tp + fp} predicted")
    print(
        f"  topics R={recall:.3f} (goal >= 0.9) P={precision:.3f} F1={f1:.3f}  (min share {args.min_share})"
    )
    print(f"  {'topic':<25} {'tp':>3} {'fp':>3} {'fn':>3}")
    for topic, c in per_topic.items():
        print(f"  {topic:<25} {c['tp']:>3} {c['fp']:>3} {c['fn']:>3}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
