"""Stance quality: precision, recall and F1 on (actor, target, polarity) per article, with a per-target
breakdown (and with -v the differences per article), on three sets: the gold set the rules were written
against (tests/gold: seed + sample articles), a development set annotated blind (tests/gold_dev) and a
test set of new articles annotated blind and never used to choose rules (tests/gold_test)."""

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

    from bench.evaluation import GOLD_DIR, gold_articles
    from bench.stance_evaluation import DEV_DIR, TEST_DIR, evaluate_stances

    sets = [
        ("gold (rules tuned on it)", GOLD_DIR),
        ("dev (annotated blind, used to choose rules)", DEV_DIR),
        ("test (new articles annotated blind, never tuned on)", TEST_DIR),
    ]
    for name, folder in sets:
        if not gold_articles(folder):
            print(f"{name}: no files in {folder}")
            continue
        s, rows = evaluate_stances(folder)
        print(
            f"{name}: {len(gold_articles(folder))} articles, {s.gold} gold stances, {s.predicted} predicted "
            f"({len(rows)} rows): P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f}"
        )
        print(f"  {'target':<30} {'tp':>3} {'fp':>3} {'fn':>3}")
        for target, c in sorted(s.per_target.items()):
            print(f"  {target:<30} {c['tp']:>3} {c['fp']:>3} {c['fn']:>3}")
        if args.verbose:
            for d in s.differences:
                print(f"  {d['article']}")
                for t in d["missed"]:
                    print(f"      missed {t}")
                for t in d["extra"]:
                    print(f"      extra  {t}")
    print("goal on the gold set: P >= 0.85 and R >= 0.85")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
