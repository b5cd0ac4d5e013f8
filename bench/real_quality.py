"""Quality on real outlet articles beside the project's own gold set: statements (speaker and country
accuracy), numbers (found, country, year) and stances (P, R, F1 on (actor, target, polarity) per article),
for the real dev split (rules may be written from it) and the real test split (measured only).

Reads ../shared/eval/real_dev at run time (never copied) and skips with a message when it is absent.
-v prints every difference on the dev split (never on the test split: no rule is written from it)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="differences on the dev split")
    parser.add_argument("--no-gold", action="store_true", help="skip the project's own gold column")
    parser.add_argument(
        "--split", choices=("dev", "test"), action="append", help="only this split (repeatable)"
    )
    args = parser.parse_args(argv)

    from bench import real_evaluation as real

    if not real.available():
        print(f"real articles not available ({real.ARTICLES} or {real.GOLD_REAL}/dev): skipped")
        return 0
    columns: dict[str, dict[str, str]] = {}
    if not args.no_gold:
        from bench.evaluation import evaluate_numbers, evaluate_statements
        from bench.stance_evaluation import evaluate_stances

        st, nu, (sa, _) = evaluate_statements(), evaluate_numbers(), evaluate_stances()
        columns["own gold"] = figures(st, nu, sa, "seed + samples")
    for split in args.split or real.SPLITS:
        scores = real.evaluate_real(split)
        columns[f"real {split}"] = figures(
            scores.statements, scores.numbers, scores.stances, f"{scores.articles} articles"
        )
        if args.verbose and split == "dev":
            print_differences(scores)
    names = list(next(iter(columns.values())))
    print(f"{'measure':<38}" + "".join(f"{c:>20}" for c in columns))
    for name in names:
        print(f"{name:<38}" + "".join(f"{col[name]:>20}" for col in columns.values()))
    print("goals on real test: speaker >= 0.88, speaker country >= 0.85, stance F1 >= 0.60 with P >= 0.70,")
    print("                    number country and year >= 0.85")
    return 0


def figures(st, nu, sa, size: str) -> dict[str, str]:
    return {
        "articles": size,
        "statements gold / predicted": f"{st.gold} / {st.predicted}",
        "statements P / R": f"{st.precision:.3f} / {st.recall:.3f}",
        "speaker accuracy (matched)": f"{st.accuracy('speaker'):.3f}",
        "speaker country accuracy (matched)": f"{st.accuracy('country'):.3f}",
        "numbers gold / found (value + span)": f"{nu.gold} / {nu.matched} ({nu.recall:.3f})",
        "number country / year (found)": f"{nu.accuracy('country'):.3f} / {nu.accuracy('year'):.3f}",
        "number unit / kind (found)": f"{nu.accuracy('unit'):.3f} / {nu.accuracy('kind'):.3f}",
        "stances gold / predicted": f"{sa.gold} / {sa.predicted}",
        "stances P / R": f"{sa.precision:.3f} / {sa.recall:.3f}",
        "stances F1": f"{sa.f1:.3f}",
    }


def print_differences(scores) -> None:
    print("== real dev: statement differences")
    for e in scores.statements.errors:
        print("   ", e)
    print("== real dev: number differences")
    for e in scores.numbers.errors:
        print("   ", e)
    print("== real dev: stance differences")
    for d in scores.stances.differences:
        print("   ", d)
    print()


if __name__ == "__main__":
    raise SystemExit(main())
