"""Ingest on a Dask cluster: the same rows as one process, a worker killed mid-run costs nothing, an
article that keeps killing its worker is kept with the reason, and a bad address is a clear error."""

from __future__ import annotations

import os
import shutil
import signal
import sys
from pathlib import Path

import dask
import pytest
from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from bench.cluster_speed import differing_tables
from dashboard.cli import main as cli
from dashboard.cluster import ClusterError, open_cluster
from dashboard.loader import ingest
from dashboard.store import Store

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "articles"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for path in sorted(SAMPLE.glob("*.md"))[:16]:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> dict:
    store = tmp_path_factory.mktemp("one") / "store"
    for _ in ingest(corpus, store=store):
        pass
    return Store(store).read_all()


def assert_same_rows(store: Path, reference: dict) -> None:
    tables = Store(store).read_all()
    assert differing_tables(reference, tables) == []
    assert tables["statements"]["statement_id"].is_unique


def test_local_cluster_stores_the_rows_one_process_stores(corpus, reference, tmp_path, capsys):
    store = tmp_path / "store"
    assert cli(["ingest", str(corpus), "--store", str(store), "--cluster", "local:2", "--no-progress"]) == 0
    assert "read 16 records: 16 added" in capsys.readouterr().out
    assert_same_rows(store, reference)
    assert len(reference["statements"]) > 50


def test_the_ingesting_process_of_a_cluster_run_never_imports_spacy(corpus, tmp_path):
    """Only the workers parse: the client reads, commits and waits, and spends no start-up on spaCy."""
    import subprocess

    two = tmp_path / "two"
    two.mkdir()
    for path in sorted(corpus.iterdir())[:2]:
        shutil.copy(path, two / path.name)
    store = tmp_path / "store"
    code = (
        "import sys\n"
        "from dashboard.cli import main\n"
        f"rc = main(['ingest', {str(two)!r}, '--store', {str(store)!r}, '--cluster', 'local:1',"
        " '--no-progress'])\n"
        "print('spacy imported:', 'spacy' in sys.modules)\n"
        "sys.exit(rc)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "read 2 records: 2 added" in done.stdout
    assert "spacy imported: False" in done.stdout
    assert len(Store(store).read("statements")) > 0


def test_local_workers_start_with_the_model_loaded_once_before_them():
    def model_loads() -> tuple[bool, int, int]:
        from dashboard.nlp.extract import worker_version

        info = worker_version.cache_info()
        return "dashboard.cluster_preload" in sys.modules, info.misses, info.hits

    with open_cluster("local:2", None) as workers:
        pids = workers.client.run(os.getpid)
        loads = workers.client.run(model_loads)
    assert len(set(pids.values())) == 2 and os.getpid() not in pids.values()
    # forked from the fork server that loaded it (its one load is the workers' one miss): the warm-up
    # every worker ran found the model there
    assert list(loads.values()) == [(True, 1, 1), (True, 1, 1)]


def _processing_worker_pid(client: Client) -> int:
    pids = client.run(os.getpid)
    busy = [w for w, keys in client.processing().items() if keys]
    return pids[busy[0] if busy else next(iter(pids))]


def test_a_worker_killed_mid_run_costs_no_row(corpus, reference, tmp_path):
    store = tmp_path / "store"
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as local,
        Client(local) as client,
    ):
        batches = ingest(corpus, store=store, cluster=local.scheduler_address, batch_articles=4)
        first = next(batches)  # the first batch is committed; the other tasks are running
        assert len(first["articles"]) >= 4
        killed = _processing_worker_pid(client)
        os.kill(killed, signal.SIGKILL)
        for _ in batches:
            pass
        assert killed not in client.run(os.getpid).values()  # the nanny started a new worker
    assert_same_rows(store, reference)


class _Poison(WorkerPlugin):
    """Makes every worker, including those started after a kill, die on one article."""

    def __init__(self, article_id: str) -> None:
        self.article_id = article_id

    def setup(self, worker) -> None:
        import dashboard.nlp.extract as extraction

        extract, poisoned = extraction.extract_article, self.article_id

        def extract_article(nlp, doc, article, *args):
            if article["article_id"] == poisoned:
                os._exit(1)
            return extract(nlp, doc, article, *args)

        extraction.extract_article = extract_article


def test_an_article_that_kills_every_worker_is_kept_with_the_reason(corpus, reference, tmp_path):
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    poisoned = reference["articles"]["article_id"].sort_values().iloc[3]
    store = tmp_path / "store"
    with (
        dask.config.set(
            {"distributed.scheduler.allowed-failures": 0, "distributed.scheduler.worker-saturation": 1.0}
        ),
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as local,
        Client(local) as client,
    ):
        client.register_plugin(_Poison(poisoned))
        for _ in ingest(corpus, store=store, cluster=local.scheduler_address):
            pass
    tables = Store(store).read_all()
    articles = tables["articles"].set_index("article_id")
    assert len(articles) == 16
    assert articles.loc[poisoned, "processing_note"].startswith("extraction failed on the cluster")
    assert poisoned not in set(tables["statements"]["article_id"])
    others = reference["statements"][reference["statements"]["article_id"] != poisoned]
    assert sorted(tables["statements"]["statement_id"]) == sorted(others["statement_id"])


def test_an_unreachable_scheduler_is_a_clear_error(capsys, corpus, tmp_path):
    with (
        pytest.raises(ClusterError, match="cannot reach the Dask scheduler"),
        open_cluster("tcp://127.0.0.1:9", None, timeout="1s"),
    ):
        pass
    assert cli(["ingest", str(corpus), "--store", str(tmp_path / "s"), "--cluster", "local:0"]) == 2
    assert "local:N with N >= 1" in capsys.readouterr().err
    assert not (tmp_path / "s").exists()


def test_a_model_the_workers_cannot_load_is_a_clear_error(capsys, corpus, tmp_path):
    store = tmp_path / "s"
    args = [
        "ingest",
        str(corpus),
        "--store",
        str(store),
        "--cluster",
        "local:1",
        "--model",
        "no_such_pipeline",
    ]
    assert cli(args) == 2
    err = capsys.readouterr().err
    assert "a worker cannot load the pipeline" in err and "no_such_pipeline" in err
    assert not store.exists()
