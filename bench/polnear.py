"""PolNeAR dev attribution benchmark: runs the statement extractor over whole articles and scores it with
the shared scorer. Reads ../shared/eval at run time (never copied); skips with a message when absent."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--eval-dir", type=Path, default=EVAL)
    ap.add_argument("--model", default=None)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    gold = args.eval_dir / "polnear_dev.jsonl"
    if not gold.exists():
        print(f"SKIP: {gold} not found (evaluation data lives outside the repository)")
        return 0
    sys.path.insert(0, str(ROOT))
    from dashboard.nlp.pipeline import load_model, statements_for_doc

    nlp = load_model(args.model)
    rows = [json.loads(line) for line in gold.open(encoding="utf-8")]
    if args.limit:
        rows = rows[: args.limit]
    crashes = 0
    t0 = time.perf_counter()
    preds = []
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows), strict=True):
        try:
            stmts = statements_for_doc(doc)
        except Exception:
            crashes += 1
            traceback.print_exc()
            stmts = []
        atts = []
        for s in stmts:
            atts.append(
                {
                    "source": None
                    if s.speaker_mention is None
                    else {"start": s.speaker_mention.start, "end": s.speaker_mention.end},
                    "cue": None if s.cue is None else {"start": s.cue.start, "end": s.cue.end},
                    "content": {
                        "start": s.content.start,
                        "end": s.content.end,
                        "fragments": [[f.start, f.end] for f in s.fragments] or None,
                    },
                }
            )
        preds.append({"id": row["id"], "attributions": atts})
    elapsed = time.perf_counter() - t0
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        for p in preds:
            fh.write(json.dumps(p) + "\n")
    gold_path = gold
    if args.limit:
        gold_path = Path(fh.name + ".gold.jsonl")
        gold_path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    res = subprocess.run(
        [sys.executable, str(args.eval_dir / "score_attributions.py"), str(gold_path), fh.name, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    scores = json.loads(res.stdout)
    p, r, f = scores["attribution(content)"]
    print(f"PolNeAR dev: {len(rows)} articles, {crashes} crashed, {elapsed:.1f}s")
    print(f"attribution(content)  P={p:.3f} R={r:.3f} F1={f:.3f}  (goal F1 >= 0.60)")
    print(f"source_acc_on_matched {scores['source_acc_on_matched']:.3f}  (goal >= 0.85)")
    print(f"cue_acc_on_matched    {scores['cue_acc_on_matched']:.3f}")
    print(f"gold {scores['n_gold_attributions']}  predicted {scores['n_pred_attributions']}")
    for role in ("source", "cue", "content"):
        ep, er, ef = scores[role + "_overlap"]
        print(f"{role:<8} overlap P={ep:.3f} R={er:.3f} F1={ef:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
