"""Statement quality: the gold set (tests/gold: seed article + sample articles) and PolNeAR dev.

Prints precision/recall of statements and speaker / speaker_country accuracy on matched statements."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    from bench.evaluation import evaluate_statements, gold_articles

    n = len(gold_articles())
    s = evaluate_statements()
    print(f"Gold set: {n} articles, {s.gold} gold statements, {s.predicted} predicted")
    print(f"  statements P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f}")
    print(f"  speaker accuracy         {s.accuracy('speaker'):.3f}  (goal >= 0.9)")
    print(f"  speaker_country accuracy {s.accuracy('country'):.3f}  (goal >= 0.9)")
    print(f"  kind accuracy            {s.accuracy('kind'):.3f}")
    kinds = Counter(next(iter(e)) for e in s.errors)
    print(f"  errors: {dict(kinds)}")
    if "-v" in sys.argv:
        for e in s.errors:
            print("   ", e)
    print()
    subprocess.run([sys.executable, str(ROOT / "bench" / "polnear.py")], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
