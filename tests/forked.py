"""Processes released together: for tests of several writers opening one store at the same moment."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable

import pytest

needs_fork = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="needs fork to start fast"
)


def released_together(target: Callable[..., None], store: str, n: int = 8) -> list[int | None]:
    """The exit codes of `n` forked processes running `target(store, worker, barrier)`, each waiting at the
    barrier so that all of them start their work at once."""
    ctx = multiprocessing.get_context("fork")
    start = ctx.Barrier(n)
    workers = [ctx.Process(target=target, args=(store, w, start)) for w in range(n)]
    for p in workers:
        p.start()
    for p in workers:
        p.join(60)
    return [p.exitcode for p in workers]
