"""Stance quality on the gold set (tests/gold: seed + sample articles): precision, recall and F1 on
(actor, target, polarity) per article, a per-target breakdown, and with -v the differences per article."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="print missed and extra stances")
    args = parser.parse_args(argv)

    from dashboard.evaluation import gold_articles
    from dashboard.stance_evaluation import DEV_DIR, evaluate_stances

    held = evaluate_stances(DEV_DIR)[0]
    n = len(gold_articles())
    s, rows = evaluate_stances()
    print(f"Gold set: {n} articles, {s.gold} gold stances, {s.predicted} predicted ({len(rows)} stance rows)")
    print(f"  stances P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f}  (goal P, R >= 0.85)")
    print(
        f"Dev set (annotated blind, used to choose rules): {len(gold_articles(DEV_DIR))} articles, {held.gold} gold, "
        f"{held.predicted} predicted: P={held.precision:.3f} R={held.recall:.3f} F1={held.f1:.3f}"
    )
    print(f"  {'target':<30} {'tp':>3} {'fp':>3} {'fn':>3}")
    for target, c in sorted(s.per_target.items()):
        print(f"  {target:<30} {c['tp']:>3} {c['fp']:>3} {c['fn']:>3}")
    if args.verbose:
        for d in s.differences + ([{"article": "DEV SET:", "missed": [], "extra": []}] + held.differences):
            print(f"{d['article']}")
            for t in d["missed"]:
                print(f"    missed {t}")
            for t in d["extra"]:
                print(f"    extra  {t}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
