"""Reading articles from the web: N local pages fetched with 8 concurrent fetches, alone and with extraction
(issue 15), and whether fetching overlaps with parsing.

A local threaded HTTP server (127.0.0.1) serves N generated article pages (distinct text, ~450 words each)
after `--latency` ms, as a remote site would. Measured in one run:
- fetch: every page fetched (dashboard.sources.web.Fetcher, no cache), pages/s;
- parse: the same pages ingested from the store's page cache (trafilatura and the spaCy pipeline, no
  network), pages/s;
- fetch + parse: a fresh store ingesting the URLs (`loader.ingest`), pages/s; overlap means its wall time is
  less than fetch + parse.

    .venv/bin/python bench/web_speed.py [--pages 500] [--concurrency 8] [--latency 50]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard.loader import IngestReport, ingest  # noqa: E402
from dashboard.sources.web import Fetcher, PageCache, WebOptions  # noqa: E402

COUNTRIES = ["Poland", "Germany", "France", "Spain", "Italy", "Estonia", "Norway", "Canada", "Latvia"]


def article(n: int) -> bytes:
    """A page with a distinct text of about 450 words: statements, figures, a stance."""
    country = COUNTRIES[n % len(COUNTRIES)]
    share = 1.5 + (n % 30) / 10
    paragraphs = [
        f"{country} will raise defence spending to {share:.1f}% of GDP by {2026 + n % 5}, the defence "
        f"minister said on Tuesday in report number {n}, adding that the government would buy air defence.",
        f'"We cannot rely on others for our security," the prime minister told parliament. "Europe must be '
        f'able to defend itself, and {country} will do its part."',
        f"Opposition leaders questioned how the increase of {n % 9 + 1} billion euros would be paid for, and "
        "economists warned that the budget rules left little room for new borrowing this year.",
        "NATO's secretary general welcomed the plan and said every ally should spend at least 3.5% of GDP on "
        "core defence, as leaders agreed at the summit in The Hague in June 2025.",
    ]
    body = "".join(f"<p>{p} {p}</p>" for p in paragraphs)
    html = (
        f"<!doctype html><html><head><title>Defence report {n}</title>"
        f"<meta property='og:site_name' content='Bench Herald'><meta property='article:published_time' "
        f"content='2025-0{1 + n % 9}-15'></head><body><nav>Home World Politics</nav>"
        f"<article><h1>Defence report {n}</h1>{body}</article><footer>Contact</footer></body></html>"
    )
    return html.encode()


def serve(pages: int, latency: float) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            time.sleep(latency)
            if self.path == "/robots.txt":
                self.send_response(404)
                self.end_headers()
                return
            n = int(self.path.rsplit("/", 1)[-1])
            body = article(n) if 0 <= n < pages else b""
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def timed_ingest(urls: list[str], store: Path, options: WebOptions) -> tuple[float, IngestReport]:
    report = IngestReport()
    started = time.perf_counter()
    for _ in ingest(urls, store=store, report=report, web=options):
        pass
    return time.perf_counter() - started, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--latency", type=float, default=50.0, help="ms before the server answers")
    args = parser.parse_args()
    server, base = serve(args.pages, args.latency / 1000)
    urls = [f"{base}/news/{n}" for n in range(args.pages)]
    options = WebOptions(
        allow_private=True, delay=0.0, per_host=args.concurrency, concurrency=args.concurrency, min_words=50
    )
    with tempfile.TemporaryDirectory(prefix="ddd-web-") as tmp:
        # fetch alone: the pages into a page cache, 8 at a time
        cache = PageCache(Path(tmp) / "cached")
        fetcher = Fetcher(options, cache)
        started = time.perf_counter()
        with ThreadPoolExecutor(args.concurrency) as pool:
            sizes = list(pool.map(lambda url: len(fetcher.get(url).body), urls))
        fetch = time.perf_counter() - started
        cache.close()
        # parse alone: an ingest that finds every page in the cache (a warm-up first loads the model)
        timed_ingest(urls[:1], Path(tmp) / "warm", options)
        parse, parsed = timed_ingest(urls, Path(tmp) / "cached", options)
        assert parsed.web.fetched == 0 and parsed.added == args.pages, parsed.summary()
        # fetch and parse: a fresh store
        both, report = timed_ingest(urls, Path(tmp) / "fresh", options)
        assert report.added == args.pages, report.summary()
        shutil.rmtree(Path(tmp) / "fresh")
    server.shutdown()
    words = report.words
    print(
        f"{args.pages} pages ({sum(sizes) / 2**20:.1f} MB, {words:,} words), {args.concurrency} concurrent "
        f"fetches, server latency {args.latency:.0f} ms"
    )
    print(f"fetch alone          {fetch:7.1f} s  {args.pages / fetch:7.1f} pages/s")
    rate = f"{args.pages / parse:7.1f} pages/s  {words / parse:,.0f} words/s"
    print(f"parse alone (cached) {parse:7.1f} s  {rate}")
    print(f"fetch + parse        {both:7.1f} s  {args.pages / both:7.1f} pages/s")
    print(
        f"overlap: fetch + parse took {both:.1f} s, {fetch + parse - both:.1f} s less than fetch and parse "
        f"one after the other ({fetch + parse:.1f} s): {'yes' if both < fetch + parse else 'NO'}"
    )


if __name__ == "__main__":
    main()
