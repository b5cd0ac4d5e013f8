"""Ingest on a Dask cluster against one process, same texts, same run: `python -m dashboard ingest` with
`--workers 1` and with `--cluster local:N`, each into a fresh store, timed end to end (start-up, model
loads and store commits included). Checks that both stores hold the same rows in every table.

Prints seconds, words/s, words/s per worker and the speed-up. The corpus is loader_speed's: the sample
articles, each copy numbered (PolNeAR dev texts added when ../shared/eval is present)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.loader_speed import corpus_texts, write_corpus  # noqa: E402
from dashboard.store import Store  # noqa: E402


def ingest_seconds(folder: Path, store: Path, *options: str) -> float:
    cmd = [sys.executable, "-m", "dashboard", "ingest", str(folder), "--store", str(store), "--no-progress"]
    t0 = time.perf_counter()
    subprocess.run([*cmd, *options], check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - t0


@contextmanager
def running_cluster(workers: int):
    """A scheduler and `workers` one-thread worker processes started as `dask` commands (as on machines of a
    cluster); yields the scheduler's address."""
    dask = str(Path(sys.executable).with_name("dask"))
    port = 8786 + os.getpid() % 1000
    env = {
        **os.environ,
        "DASK_DISTRIBUTED__SCHEDULER__WORKER_SATURATION": "1.0",
        "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False",
    }
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env}
    procs = [subprocess.Popen([dask, "scheduler", "--port", str(port), "--no-dashboard"], **quiet)]
    address = f"tcp://127.0.0.1:{port}"
    procs.append(
        subprocess.Popen(
            [dask, "worker", address, "--nworkers", str(workers), "--nthreads", "1", "--no-dashboard"],
            cwd=ROOT,
            **quiet,
        )
    )
    try:
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
            proc.wait(timeout=60)


def warm_seconds(folder: Path, store: Path, cluster: str | None) -> float:
    """`ingest` in this process with the model (or the cluster's workers' models) already loaded: the
    throughput once started, start-up excluded on both sides."""
    from dashboard.loader import ingest
    from dashboard.nlp.pipeline import load_model

    load_model()
    warm_up = sorted(folder.iterdir())[:2]
    for _ in ingest(warm_up, store=store.with_name(store.name + "-warm-up"), cluster=cluster):
        pass
    t0 = time.perf_counter()
    for _ in ingest(folder, store=store, cluster=cluster):
        pass
    return time.perf_counter() - t0


def differing_tables(left: dict, right: dict) -> list[str]:
    """The tables (dicts of frames, as `Store.read_all` gives) whose rows differ, order aside."""
    from dashboard.schema import TABLES

    differ = []
    for table in TABLES:
        x, y = left[table], right[table][list(left[table].columns)]
        key = list(x.columns[:2])
        x, y = (f.sort_values(key).reset_index(drop=True).astype(str) for f in (x, y))
        if not x.equals(y):
            differ.append(table)
    return differ


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--workers", type=int, default=2, help="Dask worker processes (local:N)")
    args = ap.parse_args()
    texts = corpus_texts(args.articles)
    words = sum(len(t.split()) for t in texts)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        write_corpus(texts, tmp / "corpus")
        one = ingest_seconds(tmp / "corpus", tmp / "one", "--workers", "1")
        many = ingest_seconds(tmp / "corpus", tmp / "dask", "--cluster", f"local:{args.workers}")
        with running_cluster(args.workers) as address:
            write_corpus(corpus_texts(args.workers)[::-1], tmp / "warm-up")
            first = ingest_seconds(tmp / "warm-up", tmp / "warm-up-store", "--cluster", address)
            warm = ingest_seconds(tmp / "corpus", tmp / "warm", "--cluster", address)
            steady_one = warm_seconds(tmp / "corpus", tmp / "steady-one", None)
            steady_many = warm_seconds(tmp / "corpus", tmp / "steady-dask", address)
        single = Store(tmp / "one").read_all()
        differ = sorted(
            {
                *differing_tables(single, Store(tmp / "dask").read_all()),
                *differing_tables(single, Store(tmp / "warm").read_all()),
            }
        )
    print(f"corpus: {len(texts)} articles, {words:,} words")
    print(f"--workers 1:            {one:6.1f} s  {words / one:8,.0f} words/s")
    print(
        f"--cluster local:{args.workers}:     {many:6.1f} s  {words / many:8,.0f} words/s  "
        f"({words / many / args.workers:,.0f} words/s per worker)"
    )
    print(
        f"running cluster:       {warm:6.1f} s  {words / warm:8,.0f} words/s  "
        f"({words / warm / args.workers:,.0f} words/s per worker; its start and model loads, "
        f"{first:.1f} s, not counted)"
    )
    print(
        f"started, one process:  {steady_one:6.1f} s  {words / steady_one:8,.0f} words/s;  "
        f"started, cluster: {steady_many:6.1f} s  {words / steady_many:8,.0f} words/s  "
        f"({words / steady_many / args.workers:,.0f} per worker)"
    )
    print(f"speed-up once started: {steady_one / steady_many:.2f}x")
    print(f"speed-up: {one / many:.2f}x cold (local:{args.workers}), {one / warm:.2f}x on a running cluster")
    print("tables: " + ("identical" if not differ else f"DIFFER in {', '.join(differ)}"))
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
