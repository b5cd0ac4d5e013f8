"""Number extraction quality: NewsQuant dev (percentages and currencies: value F1, qualifier accuracy) and
the gold set (recall of gold numbers, country / year / kind accuracy on matched numbers).

Reads ../shared/eval at run time (never copied into the repository); skips that part when it is absent."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
NEWSQUANT = ROOT.parent / "shared" / "eval" / "newsquant_dev.jsonl"
CURRENCY_WORDS = (
    "dollar",
    "euro",
    "pound sterling",
    "yen",
    "shekel",
    "ringgit",
    "rupee",
    "yuan",
    "franc",
    "krone",
    "krona",
    "zloty",
    "ruble",
    "rouble",
    "won",
    "peso",
    "rand",
    "real",
    "lira",
    "dinar",
    "dirham",
    "riyal",
    "naira",
    "baht",
    "rupiah",
    "sen",
)
CHANGE = {"=": {None}, "~": {"about"}, ">": {"more than", "at least"}, "<": {"less than", "up to", "at most"}}


def _category(unit: str) -> str | None:
    if unit in {"percent", "percent_of_gdp"}:
        return "percent"
    return "money" if unit == "money" else None


def _gold_category(q: dict) -> str | None:
    norm = q.get("normalized_unit", "")
    if norm == "percentage":
        return "percent"
    return "money" if any(w in norm for w in CURRENCY_WORDS) else None


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def newsquant(nlp) -> None:
    from dashboard.nlp.numbers import extract_numbers

    if not NEWSQUANT.exists():
        print(f"SKIP NewsQuant: {NEWSQUANT} not found")
        return
    rows = [json.loads(line) for line in NEWSQUANT.open(encoding="utf-8")]
    tp = n_pred = n_gold = qual_ok = 0
    misses: Counter = Counter()
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows), strict=True):
        gold = [
            (cat, float(v), q["change"])  # a range "a-b" counts as its two ends
            for q in row["quantities"]
            if (cat := _gold_category(q))
            for v in str(q["value"]).split("-")
            if v
        ]
        pred = [(cat, c.value, c.qualifier) for c in extract_numbers(doc) if (cat := _category(c.unit))]
        n_gold += len(gold)
        n_pred += len(pred)
        used: set[int] = set()
        for cat, value, change in gold:
            hit = next(
                (i for i, p in enumerate(pred) if i not in used and p[0] == cat and _same(p[1], value)), None
            )
            if hit is None:
                misses[cat] += 1
                continue
            used.add(hit)
            tp += 1
            qual_ok += pred[hit][2] in CHANGE.get(change, {None})
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"NewsQuant dev, percentages and currencies: {n_gold} gold, {n_pred} predicted")
    print(f"  value P={p:.3f} R={r:.3f} F1={f:.3f}  (goal F1 >= 0.92)")
    print(f"  qualifier accuracy on matched {qual_ok / tp if tp else 0:.3f}  (goal >= 0.85)")
    print(f"  missed by category: {dict(misses)}")


def gold_set(verbose: bool) -> None:
    from bench.evaluation import evaluate_numbers

    scores = evaluate_numbers()
    if verbose:
        for line in scores.errors:
            print("   ", line)
    print(f"Gold set: {scores.gold} gold numbers")
    print(f"  recall {scores.recall:.3f}  (goal >= 0.95)")
    print(
        f"  claim-check verdicts right on {scores.verdicts_right} of {scores.verdicts} checkable gold claims"
    )
    for name in ("country", "year", "kind", "unit"):
        goal = "  (goal >= 0.9)" if name in {"country", "year"} else ""
        print(f"  {name} accuracy on matched {scores.accuracy(name):.3f}{goal}")


def main() -> int:
    from dashboard.nlp.pipeline import load_model

    newsquant(load_model())
    print()
    gold_set("-v" in sys.argv)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
