"""Throughput of `dashboard.nlp.parse.parse_stream` against a bare `nlp.pipe` over the same texts and model,
with 1 and 2 processes. Prints words/s and the ratio (goal >= 0.85); times are the best of --repeat runs.

The corpus is the bundled sample articles repeated with a numbered line, as in bench/loader_speed.py."""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def corpus_texts(n: int) -> list[str]:
    from dashboard.sources import iter_records

    base = [r.text for r in iter_records([ROOT / "data" / "articles"]) if hasattr(r, "text")]
    return [f"{base[i % len(base)]}\n\nCopy {i}." for i in range(n)]


def run_bare(nlp, texts: list[str], n_process: int) -> None:
    for _ in nlp.pipe(texts, batch_size=32, n_process=n_process):
        pass


def run_stream(nlp, texts: list[str], n_process: int, chunk: int) -> None:
    from dashboard.nlp.parse import parse_stream

    items = ((text, i) for i, text in enumerate(texts))
    for _ in parse_stream(nlp, items, n_process=n_process, batch_size=32, chunk_articles=chunk):
        pass


def timed(fn, *args) -> tuple[float, float]:
    """Wall seconds and CPU seconds (this process and its finished worker processes) of `fn(*args)`."""
    t0, c0 = time.perf_counter(), cpu_seconds()
    fn(*args)
    return time.perf_counter() - t0, cpu_seconds() - c0


def cpu_seconds() -> float:
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=400, help="texts in the timed corpus")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is kept")
    ap.add_argument("--chunk", type=int, nargs="*", default=[200], help="chunk_articles values to time")
    ap.add_argument("--processes", type=int, nargs="*", default=[1, 2], help="n_process values to time")
    args = ap.parse_args()

    from dashboard.nlp.pipeline import load_model

    nlp = load_model()
    texts = corpus_texts(args.articles)
    words = sum(len(t.split()) for t in texts)
    list(nlp.pipe(texts[:20]))  # warm up

    print(f"corpus: {len(texts)} texts, {words:,} words; best of {args.repeat} runs in rotating order")
    print("CPU s counts this process and its nlp.pipe workers; on a busy machine its ratio is the steadier")
    print(f"{'run':<42}{'wall s':>8}{'words/s':>9}{'vs bare':>8}{'CPU s':>8}{'vs bare':>8}")
    for n_process in args.processes:
        runs = [("bare", run_bare, ()), *((c, run_stream, (c,)) for c in args.chunk)]
        best: dict[object, tuple[float, float]] = {}
        for r in range(args.repeat):  # rotated, so that drift in machine load hits every run alike
            for key, fn, extra in runs[r % len(runs) :] + runs[: r % len(runs)]:
                wall, cpu = timed(fn, nlp, texts, n_process, *extra)
                old = best.get(key, (wall, cpu))
                best[key] = (min(wall, old[0]), min(cpu, old[1]))
        bare_wall, bare_cpu = best.pop("bare")
        name = f"bare nlp.pipe, n_process={n_process}"
        print(f"{name:<42}{bare_wall:>8.2f}{words / bare_wall:>9,.0f}{'':>8}{bare_cpu:>8.2f}")
        for chunk, (wall, cpu) in best.items():
            name = f"parse_stream, n_process={n_process}, chunk={chunk}"
            print(
                f"{name:<42}{wall:>8.2f}{words / wall:>9,.0f}{bare_wall / wall:>8.2f}"
                f"{cpu:>8.2f}{bare_cpu / cpu:>8.2f}"
            )
    print("goal: parse_stream throughput >= 0.85 x bare nlp.pipe (ratio column)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
