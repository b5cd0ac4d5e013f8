"""Loader speed in one run, on the same texts: bare `nlp.pipe` of the same spaCy model versus the full
loader (workers 1 and 2), re-ingest of an unchanged corpus into a store, and peak memory against corpus size.

Prints words/s, ratios and peak RSS. The corpus is the bundled sample articles, repeated with a numbered
line so each copy is a distinct article (PolNeAR dev texts are added when ../shared/eval is present)."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
EVAL = ROOT.parent / "shared" / "eval" / "polnear_dev.jsonl"


def corpus_texts(n: int) -> list[str]:
    from dashboard.sources import iter_records

    base = [r.text for r in iter_records([ROOT / "data" / "articles"]) if hasattr(r, "text")]
    if EVAL.exists():
        base += [json.loads(line)["text"] for line in EVAL.open(encoding="utf-8")]
    return [f"{base[i % len(base)]}\n\nCopy {i}." for i in range(n)]


def write_corpus(texts: list[str], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"a{i:05d}.txt").write_text(text, encoding="utf-8")


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def peak_rss_mb(folder: Path, store: Path) -> float:
    """Peak RSS of a fresh process that ingests `folder` into `store` (streams to disk)."""
    code = (
        f"import resource, sys; sys.path.insert(0, {str(ROOT)!r})\n"
        "from dashboard.loader import ingest\n"
        f"for _ in ingest({str(folder)!r}, store={str(store)!r}): pass\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return int(out.strip().splitlines()[-1]) / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=400, help="articles in the timed corpus")
    args = ap.parse_args()

    import spacy

    from dashboard.loader import load_articles
    from dashboard.nlp.pipeline import DEFAULT_MODEL, load_model

    texts = corpus_texts(args.articles)
    words = sum(len(t.split()) for t in texts)
    tmp = Path(tempfile.mkdtemp(prefix="ddd-bench-"))
    try:
        write_corpus(texts, tmp / "corpus")
        bare = spacy.load(DEFAULT_MODEL)
        load_model()
        # both sides are warmed on the same 20 texts so both time processing only: the bare model's lazy
        # set-up, and the loader's one-time set-up (language identifier, topic and stance matchers)
        list(bare.pipe(texts[:20]))
        write_corpus(texts[:20], tmp / "warm")
        t_warm = timed(lambda: load_articles(tmp / "warm", workers=1))

        rows = []
        t_bare1 = timed(lambda: [None for _ in bare.pipe(texts, batch_size=32)])
        rows.append(("bare nlp.pipe, 1 process", t_bare1, None))
        t_load1 = timed(lambda: load_articles(tmp / "corpus", workers=1))
        rows.append(("loader, workers=1", t_load1, t_bare1))
        t_bare2 = timed(lambda: [None for _ in bare.pipe(texts, batch_size=32, n_process=2)])
        rows.append(("bare nlp.pipe, 2 processes", t_bare2, None))
        t_load2 = timed(lambda: load_articles(tmp / "corpus", workers=2))
        rows.append(("loader, workers=2", t_load2, t_bare2))

        print(f"corpus: {len(texts)} articles, {words:,} words")
        print(f"{'run':<30}{'seconds':>9}{'words/s':>11}{'vs bare':>9}")
        for name, secs, base in rows:
            ratio = f"{base / secs:.2f}" if base else ""
            print(f"{name:<30}{secs:>9.2f}{words / secs:>11,.0f}{ratio:>9}")
        print("goal: loader throughput >= 0.85 x bare nlp.pipe (ratio column)")
        print(f"loader warm-up, first call on 20 articles (one-time set-up included): {t_warm:.2f}s")

        store = tmp / "store"
        t_first = timed(lambda: load_articles(tmp / "corpus", store=store))
        t_again = timed(lambda: load_articles(tmp / "corpus", store=store))
        print(
            f"\nstore: first ingest {t_first:.2f}s, re-ingest unchanged {t_again:.2f}s, "
            f"{t_first / t_again:.0f}x faster (goal >= 50x)"
        )

        print("\npeak RSS of a fresh ingest process (streaming into a store):")
        small = tmp / "small"
        big = tmp / "big"
        write_corpus(texts[: len(texts) // 4], small)
        write_corpus(texts, big)
        rss_small = peak_rss_mb(small, tmp / "s1")
        rss_big = peak_rss_mb(big, tmp / "s2")
        print(f"  {len(texts) // 4:>5} articles: {rss_small:7.0f} MB")
        growth = rss_big / rss_small
        print(f"  {len(texts):>5} articles: {rss_big:7.0f} MB   (4x the corpus: {growth:.2f}x the memory)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
