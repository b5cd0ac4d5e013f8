"""The loader: input paths in, a Corpus of tables out (articles, statements, numbers, topics, stances,
rejected), streamed through spaCy in batches and optionally cached in a Parquet store by content hash.

It wires sources, nlp and store together; extraction rules live in `dashboard.nlp` (texts to rows:
`dashboard.nlp.extract`, imported only where this process parses), readers in `sources`."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.claims import check_claims
from dashboard.corpus import Corpus, IngestReport
from dashboard.nlp.cleanup import mask_web_leftovers
from dashboard.nlp.gazetteer import Gazetteer
from dashboard.records import Article, Rejected, content_hash
from dashboard.schema import TABLES, conform, empty_frame
from dashboard.sources import iter_records
from dashboard.sources.language import detect_language, warm_up_detection
from dashboard.sources.web import Link, WebOptions, WebReport, is_web_input, iter_web_records
from dashboard.store import Store, StoreError

if TYPE_CHECKING:
    from dashboard.nlp.extract import Extracted

log = logging.getLogger(__name__)

BATCH_ARTICLES = 200  # articles per flush to the store: bounds memory whatever the corpus size


def load_articles(
    paths: str | os.PathLike | Iterable[str | os.PathLike],
    model: str | None = None,
    workers: int = 1,
    store: str | os.PathLike | None = None,
    progress: bool = False,
    batch_articles: int = BATCH_ARTICLES,
    disabled_rules: Collection[str] = frozenset(),
    cluster: str | None = None,
    web: WebOptions | None = None,
) -> Corpus:
    """Read, parse and extract every article under `paths` (files, folders, zips, and http(s) URLs of pages,
    feeds and sitemaps or `Link`s, read as `web` says).

    With `store`, new results are appended to that Parquet store and articles it already holds (same
    content hash, same pipeline version) are not processed again; the returned Corpus holds the rows for
    this call's articles (new and cached). `disabled_rules` switches stance rules off (an ablation);
    `cluster` parses and extracts on a Dask cluster (see `ingest`)."""
    batches: dict[str, list[pd.DataFrame]] = {t: [] for t in TABLES}
    report = IngestReport()
    for batch in ingest(
        paths,
        model=model,
        workers=workers,
        store=store,
        progress=progress,
        report=report,
        batch_articles=batch_articles,
        disabled_rules=disabled_rules,
        cluster=cluster,
        web=web,
    ):
        for table, df in batch.items():
            batches[table].append(df)
    tables = {t: _concat(t, frames) for t, frames in batches.items()}
    if store is not None and report.cached_ids:
        tables = _with_cached_rows(Store(store), tables, set(report.cached_ids))
    return Corpus.from_tables(tables, report)


def ingest(
    paths: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    model: str | None = None,
    workers: int = 1,
    store: str | os.PathLike | None = None,
    progress: bool = False,
    report: IngestReport | None = None,
    batch_articles: int = BATCH_ARTICLES,
    disabled_rules: Collection[str] = frozenset(),
    cluster: str | None = None,
    web: WebOptions | None = None,
) -> Iterator[dict[str, pd.DataFrame]]:
    """Stream the load in batches of tables; each batch is committed to `store` (one transaction: every
    table or none) before it is yielded, as the rows the store took. `disabled_rules` switches stance rules
    off (an ablation); the pipeline version names them, so a store never mixes their rows with others.
    `cluster` (a Dask scheduler address, or `local:N`) parses and extracts on a Dask cluster instead of
    in this process and `workers`; the store and its transactions stay with this process. URLs among
    `paths` are read from the web as `web` says (`dashboard.sources.web`; pages cached in the store)."""
    report = report if report is not None else IngestReport()
    disabled_rules = _rule_ids(disabled_rules)
    with _extractor(model, workers, cluster, batch_articles, disabled_rules) as (version, extract):
        paths = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
        records = _records(paths, web, store, progress, report)
        yield from _ingest(records, paths, extract, version, store, progress, report, batch_articles)


def _records(
    paths: list[str | os.PathLike | Link],
    web: WebOptions | None,
    store: str | os.PathLike | None,
    progress: bool,
    report: IngestReport,
) -> Iterator[Article | Rejected]:
    """The records of the files, folders and zips among `paths`, then of its URLs and Links."""
    urls = [item for item in paths if is_web_input(item)]
    yield from iter_records([item for item in paths if not is_web_input(item)])
    if urls:
        options = replace(web or WebOptions(), progress=progress)
        report.web = WebReport()
        yield from iter_web_records(urls, options, store, report.web)


def _rule_ids(names: Collection[str]) -> frozenset[str]:
    """The stance rules `names` (checked against the rule table, which imports spaCy only when needed)."""
    if not names:
        return frozenset()
    from dashboard.nlp.stance_rules import rule_ids

    return rule_ids(names)


@contextmanager
def _extractor(
    model: str | None,
    workers: int,
    cluster: str | None,
    chunk_articles: int,
    disabled_rules: frozenset[str],
) -> Iterator[tuple[str, Callable[[Iterator[tuple[str, dict]]], Iterator[Extracted]]]]:
    """The pipeline version and the function that parses and extracts `(text, article row)` pairs: in this
    process (with `workers` spaCy processes), or on a Dask cluster that holds the model."""
    suffix = "".join(f"-{rule}" for rule in sorted(disabled_rules))
    if cluster is not None:
        from dashboard.cluster import open_cluster

        warm_up_detection()  # while the workers start: their first tasks then wait for no article of ours
        with open_cluster(cluster, model) as remote:
            yield remote.version + suffix, partial(remote.extract, disabled_rules=disabled_rules)
        return
    from dashboard.nlp.extract import extract_here, pipeline_version
    from dashboard.nlp.pipeline import load_model

    nlp = load_model(model)
    n_process = max(1, int(workers))
    yield (
        pipeline_version(model) + suffix,
        partial(
            extract_here,
            nlp,
            n_process=n_process,
            chunk_articles=chunk_articles,
            disabled_rules=disabled_rules,
        ),
    )


def _ingest(
    records: Iterator[Article | Rejected],
    paths: str | os.PathLike | Iterable[str | os.PathLike],
    extract: Callable[[Iterator[tuple[str, dict]]], Iterator[Extracted]],
    version: str,
    store: str | os.PathLike | None,
    progress: bool,
    report: IngestReport,
    batch_articles: int,
) -> Iterator[dict[str, pd.DataFrame]]:
    gaz = Gazetteer.load()
    db = Store(store) if store is not None else None
    known = db.known_articles() if db is not None else {}
    seen: dict[str, str] = {}  # content hash -> article id, this run
    ids: set[str] = set()
    bar = _progress_bar(paths) if progress else None

    def articles_to_parse() -> Iterator[tuple[str, dict]]:
        for record in records:
            report.read += 1
            if isinstance(record, Rejected):
                report.rejected[record.reason] += 1
                pending["rejected"].append(
                    {"path": record.path, "position": record.position, "reason": record.reason}
                )
                continue
            h = content_hash(record.text)
            if h in seen:
                report.duplicates += 1
                continue
            if h in known and known[h][1] == version:
                report.cached += 1
                report.cached_ids.append(known[h][0])
                seen[h] = known[h][0]
                continue
            row = _article_row(record, h, gaz, version)
            if h in known:  # stored by another pipeline: processed again under the same id
                row["article_id"] = known[h][0]
            elif row["article_id"] in ids:
                row["article_id"] = f"{row['article_id']}~{h[:8]}"
            seen[h] = row["article_id"]
            ids.add(row["article_id"])
            report.added += 1
            report.words += row["n_words"]
            if row["language"] != "en":
                report.not_english += 1
                row["processing_note"] = f"language {row['language']}: not parsed"
                pending["articles"].append(row)
                continue
            yield mask_web_leftovers(record.text), row  # same length: offsets index the text

    pending: dict[str, list] = {t: [] for t in TABLES}
    for done, (row, rows, note) in enumerate(extract(articles_to_parse()), 1):
        if note is not None:
            report.failed += 1
            row["processing_note"] = note
        pending["articles"].append(row)
        for table, table_rows in rows.items():
            pending[table].extend(table_rows)
        if bar is not None:
            bar.update(len(row["text"].encode("utf-8")))
            bar.set_postfix_str(f"{done} articles, {done / max(bar.format_dict['elapsed'], 1e-9):.1f}/s")
        if len(pending["articles"]) >= batch_articles:
            yield _flush(pending, db, report, version)
    if bar is not None:
        bar.total = bar.n
        bar.close()
    if any(pending.values()):
        yield _flush(pending, db, report, version)


def _flush(
    pending: dict[str, list], db: Store | None, report: IngestReport, version: str
) -> dict[str, pd.DataFrame]:
    """The pending rows as tables, committed to `db` when there is one; the tables the store took. When
    the batch cannot be built or stored, each article is tried alone: one whose rows cannot be stored
    becomes a rejected record with the reason, and costs no other article."""
    rows = {table: list(pending[table]) for table in TABLES}
    for table in TABLES:
        pending[table].clear()
    try:
        return _store_rows(rows, db, report, version)
    except StoreError:
        raise
    except Exception:
        log.exception("a batch could not be stored; storing its articles one by one")
    parts = [{"rejected": rows["rejected"]}]
    for article in rows["articles"]:
        aid = article["article_id"]
        parts.append({t: [r for r in rows[t] if r["article_id"] == aid] for t in TABLES if t != "rejected"})
    stored: dict[str, list[pd.DataFrame]] = {t: [] for t in TABLES}
    for part in parts:
        try:
            frames = _store_rows(part, db, report, version)
        except StoreError:
            raise
        except Exception as exc:
            article = part["articles"][0] if part.get("articles") else None
            if article is None:
                raise
            reason = " ".join(f"could not be stored: {type(exc).__name__}: {exc}".split())[:300]
            report.added -= 1
            report.rejected[reason] += 1
            frames = _store_rows(
                {"rejected": [{"path": article["origin"], "position": "", "reason": reason}]},
                db,
                report,
                version,
            )
        for table, df in frames.items():
            stored[table].append(df)
    return {t: _concat(t, frames) for t, frames in stored.items()}


def _store_rows(
    rows: dict[str, list], db: Store | None, report: IngestReport, version: str
) -> dict[str, pd.DataFrame]:
    out = {}
    for table in TABLES:
        df = pd.DataFrame(rows.get(table, []))
        if table == "numbers" and len(df):
            df = check_claims(df)  # official NATO figure, edition, difference and verdict
        out[table] = conform(df, table) if len(df) else empty_frame(table)
    if db is None:
        return out
    result = db.commit(out, pipeline=version)
    if result.already_stored:  # another writer stored the same texts meanwhile
        report.added -= len(result.already_stored)
        report.cached += len(result.already_stored)
        report.cached_ids.extend(result.already_stored.values())
    return {t: result.frames.get(t, empty_frame(t)) for t in TABLES}


def _concat(table: str, frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if not f.empty]
    return conform(pd.concat(frames, ignore_index=True), table) if frames else empty_frame(table)


def _with_cached_rows(db: Store, tables: dict[str, pd.DataFrame], ids: set[str]) -> dict[str, pd.DataFrame]:
    out = {}
    for table, df in tables.items():
        if table == "rejected":
            out[table] = df
            continue
        stored = db.read(table)
        stored = stored[stored["article_id"].isin(ids)]
        out[table] = conform(pd.concat([stored, df], ignore_index=True), table) if len(stored) else df
    return out


def _article_row(article: Article, h: str, gaz: Gazetteer, version: str) -> dict:
    return {
        "article_id": article.record_id or h,
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "published": article.published,
        "text": article.text,
        "language": detect_language(article.text),
        "n_words": len(article.text.split()),
        "countries": gaz.countries_in(article.text),
        "origin": article.origin,
        "content_hash": h,
        "pipeline": version,
        "processing_note": None,
    }


def _progress_bar(paths: str | os.PathLike | Iterable[str | os.PathLike]):
    """A tqdm bar over input bytes (so it has an ETA) that also shows articles and articles/s."""
    from tqdm import tqdm

    total = 0
    for p in [paths] if isinstance(paths, str | os.PathLike) else paths:
        if is_web_input(p):
            continue
        p = Path(p)
        if p.is_dir():
            total += sum(f.stat().st_size for f in p.rglob("*") if f.is_file())
        elif p.is_file():
            total += p.stat().st_size
    return tqdm(
        total=total or None,
        unit="B",
        unit_scale=True,
        desc="ingest",
        smoothing=0.1,
        mininterval=0.5,
        file=sys.stderr,
    )
