"""Parse and extract on a Dask distributed cluster: `ingest(..., cluster="tcp://host:8786")` or
`cluster="local:N"` (a LocalCluster of N single-threaded worker processes on this machine).

Small batches of articles are tasks (`nlp.extract.extract_texts`); each worker process loads the spaCy model
once. Tasks are pure (text in, rows out) and the client alone writes the store, one transaction per batch,
so a task the scheduler runs again after a worker died cannot double a row. A batch that keeps killing its
workers is split into single articles, and an article that still does is kept with the reason as its
processing note, like any article whose extraction failed.

Everyone who can reach the scheduler can run code on the workers: run a cluster on a network you trust."""

from __future__ import annotations

import logging
from collections import Counter, deque
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice

log = logging.getLogger(__name__)

TASK_ARTICLES = 8  # articles per task: small enough to spread 200 articles over the workers evenly
TASKS_PER_WORKER = 4  # tasks in flight per worker thread: keeps workers busy, bounds the client's memory
CONNECT_TIMEOUT = "20s"
# Tasks a worker thread holds at once (Dask's default is 1.1, so two for a one-thread worker): at 1.0 a
# worker that dies takes only the task it was running down with it, not an innocent queued one.
SATURATION = 1.0
# Dask's worker profiler samples the task thread's stack every 10 ms; off, extraction runs ~10% faster.
LOCAL_CONFIG = {
    "distributed.scheduler.worker-saturation": SATURATION,
    "distributed.worker.profile.enabled": False,
}
PRELOAD_MODEL = "DDD_PRELOAD_MODEL"  # the model local workers' fork server loads (empty: the default)
ATTEMPTS = 2  # client-side tries of a single article whose task failed, before it is kept with the reason


class ClusterError(RuntimeError):
    """The cluster cannot be reached or started, or a worker runs a different pipeline."""


def start_fork_server(model: str | None) -> bool:
    """Start the fork server that `local:N` workers are forked from, now: it imports the extractors
    (`dashboard.nlp.extract`, not the loader with its store and sources) and loads `model` once
    (`dashboard.cluster_preload`), in parallel with whatever this process does until the cluster starts,
    and every worker then starts with both instead of importing spaCy and loading the model itself (on two
    cores, workers are ready about 4 s in instead of 10). False where there is no fork server (Windows):
    workers are spawned and load the model themselves."""
    import multiprocessing
    import multiprocessing.forkserver
    import os

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return False
    os.environ[PRELOAD_MODEL] = model or ""
    # a fork server already running (an earlier cluster of this process) keeps its modules and model
    multiprocessing.get_context("forkserver").set_forkserver_preload(
        ["distributed", "dashboard.cluster_preload"]
    )
    multiprocessing.forkserver.ensure_running()
    return True


@contextmanager
def connect(address: str, timeout: str = CONNECT_TIMEOUT, model: str | None = None):
    """A Dask `Client` for `address`: a scheduler (`tcp://host:8786`) or `local:N`, which starts N worker
    processes here (with `model` loaded) for the duration of the block."""
    import dask
    from distributed import Client, LocalCluster

    if address.startswith("local:"):
        try:
            n = int(address.removeprefix("local:"))
        except ValueError:
            n = 0
        if n < 1:
            raise ClusterError(f"--cluster {address!r}: expected local:N with N >= 1 worker processes")
        method = "forkserver" if start_fork_server(model) else "spawn"
        with (
            dask.config.set({**LOCAL_CONFIG, "distributed.worker.multiprocessing-method": method}),
            LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None) as local,
            Client(local) as client,
        ):
            yield client
        return
    try:
        client = Client(address, timeout=timeout)
    except OSError as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    with client:
        yield client


@contextmanager
def open_cluster(address: str, model: str | None, timeout: str = CONNECT_TIMEOUT) -> Iterator[Workers]:
    """Connect (or start `local:N`), have every worker load the model now, and check that all of them run
    the same pipeline version."""
    from distributed import wait

    with connect(address, timeout, model) as client:
        client.wait_for_workers(1, timeout=timeout)
        warm = [
            client.submit(_worker_version, model, workers=[w], allow_other_workers=False, pure=False)
            for w in client.scheduler_info()["workers"]
        ]
        wait(warm)
        versions = set()
        for future in warm:
            try:
                versions.add(future.result())
            except Exception as exc:
                raise ClusterError(f"a worker cannot load the pipeline: {type(exc).__name__}: {exc}") from exc
        if len(versions) != 1:
            raise ClusterError(
                f"the workers run different pipelines ({', '.join(sorted(versions))}): install the same "
                "lock file and data on every machine"
            )
        yield Workers(client, model, versions.pop())


# The tasks, run on the workers: this process (the client) never imports spaCy.
def _worker_version(model: str | None) -> str:
    from dashboard.nlp.extract import worker_version

    return worker_version(model)


def _extract_texts(payload: list[tuple[str, dict]], model: str | None, disabled_rules: frozenset[str]):
    from dashboard.nlp.extract import extract_texts

    return extract_texts(payload, model, disabled_rules)


class Workers:
    """A connected cluster whose workers run pipeline `version`."""

    def __init__(self, client, model: str | None, version: str) -> None:
        self.client, self.model, self.version = client, model, version

    def extract(
        self,
        items: Iterator[tuple[str, dict]],
        disabled_rules: frozenset[str],
        task_articles: int = TASK_ARTICLES,
    ) -> Iterator[tuple[dict, dict[str, list[dict]], str | None]]:
        """For each `(text, article row)` of `items`: `(row, rows per table, processing note)`, in the
        order tasks finish."""
        from distributed import as_completed

        client = self.client
        threads = max(1, sum(client.nthreads().values()))
        pending: dict = {}  # future -> the (text, row) pairs it carries
        running = as_completed()
        backlog: deque[list[tuple[str, dict]]] = deque()  # batches split after killing their worker
        tries: Counter[str] = Counter()  # article id -> failed single-article tasks

        def submit(batch: list[tuple[str, dict]]) -> None:
            payload = [(text, _task_article(row)) for text, row in batch]
            future = client.submit(_extract_texts, payload, self.model, disabled_rules, pure=False)
            pending[future] = batch
            running.add(future)

        def fill(source: Iterator[tuple[str, dict]]) -> None:
            while len(pending) < threads * TASKS_PER_WORKER:
                batch = backlog.popleft() if backlog else list(islice(source, task_articles))
                if not batch:
                    return
                submit(batch)

        source = iter(items)
        fill(source)
        for future in running:
            batch = pending.pop(future)
            try:
                version, results = future.result()
            except Exception as exc:  # the batch killed more workers than the scheduler allows
                row = batch[0][1]
                if len(batch) == 1:
                    tries[row["article_id"]] += 1
                if len(batch) > 1 or tries[row["article_id"]] < ATTEMPTS:
                    log.warning(
                        "%d articles failed on the cluster (%s); retrying one by one", len(batch), exc
                    )
                    backlog.extend([item] for item in batch)
                else:
                    log.error("extraction failed on the cluster for %s: %s", row["origin"], exc)
                    yield row, {}, f"extraction failed on the cluster: {type(exc).__name__}: {exc}"[:300]
            else:
                if version != self.version:
                    raise ClusterError(
                        f"a worker that joined runs pipeline {version}, the others {self.version}: "
                        "install the same lock file and data on every machine"
                    )
                for (_, row), (rows, note) in zip(batch, results, strict=True):
                    yield row, rows, note
            fill(source)


def _task_article(row: dict) -> dict:
    """What a task needs of an article row (the text travels once, as the text to parse)."""
    return {"article_id": row["article_id"], "published": row["published"], "origin": row["origin"]}
