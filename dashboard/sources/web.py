"""Articles from the web: page URLs, RSS and Atom feeds, sitemaps (news sitemaps and sitemap indexes) and
lists of URLs (a text file, or a CSV with a `url` column such as Media Cloud and GDELT exports), as Article
and Rejected records.

Fetching is polite and safe: a clear User-Agent, robots.txt obeyed, at most `per_host` requests to a host at
a time with `delay` seconds between them, timeouts, retries with backoff on 429 and 5xx (honouring
`Retry-After`), a size limit per response, http and https only, redirects followed within a limit and
checked at every hop, and no request to a loopback, private, link-local or reserved address unless allowed.

Pages are cached in the store (`<store>/web/pages.sqlite`: the raw bytes compressed, with the HTTP date, ETag
and Last-Modified), so a re-run fetches nothing it has; `refresh` revalidates with conditional requests.
Addresses are compared in a canonical form (tracking parameters, fragments and AMP markers dropped), every
address given is kept with the canonical one (`addresses`), and a page is fetched once.

Every URL ends as an Article or a Rejected with a one-line reason (HTTP 404, timeout, not HTML, too large,
no main text, robots.txt, too little text)."""

from __future__ import annotations

import csv
import email.utils
import gzip
import io
import ipaddress
import socket
import sys
import threading
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import feedparser
import urllib3
from lxml import etree

from dashboard.records import Article, Rejected
from dashboard.sources.fields import RecordError
from dashboard.sources.html import page_article
from dashboard.sqlite_wal import open_wal

AGENT_TOKEN = "DefenceDiscourseDashboard"  # noqa: S105 (the name robots.txt files address us by)
USER_AGENT = f"{AGENT_TOKEN}/0.1 (news research; obeys robots.txt)"
CACHE_PATH = Path("web") / "pages.sqlite"
TRACKING_PREFIXES = ("utm_", "at_")
TRACKING_PARAMS = {
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "ocid", "cmpid", "igshid", "ref_src", "smid",
    "amp", "outputtype",
}  # fmt: skip
REDIRECTS = {301, 302, 303, 307, 308}
RETRIED = {429, 500, 502, 503, 504}
CHUNK = 64 * 1024


@dataclass(frozen=True)
class WebOptions:
    """How the web is read; the command line sets them (`python -m dashboard ingest --help`)."""

    user_agent: str = USER_AGENT
    concurrency: int = 8  # pages fetched at once, over all hosts
    per_host: int = 2  # requests to one host at once
    delay: float = 1.0  # seconds between two requests to one host
    timeout: float = 20.0  # seconds for a response (connect, each read, and the whole body)
    retries: int = 3  # more tries after a 429 or 5xx
    max_retry_wait: float = 60.0  # the longest wait a Retry-After gets
    max_bytes: int = 10 * 2**20  # per response
    max_redirects: int = 5
    allow_private: bool = False  # loopback and private addresses (tests, an intranet)
    refresh: bool = False  # revalidate cached pages with conditional requests
    min_words: int = 80  # fewer words of main text: a paywall or consent stub, rejected
    max_depth: int = 3  # sitemap indexes within sitemap indexes
    progress: bool = False
    # called after each URL read: (url, "parsed" or the reason it was rejected, URLs done, URLs known)
    listener: Callable[[str, str, int, int], None] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Link:
    """A page address and what its list, feed or sitemap said about it (used when the page lacks it)."""

    url: str
    title: str | None = None
    date: str | None = None
    source: str | None = None

    def fallback(self, url: str) -> dict[str, str | None]:
        """What the page's own metadata falls back on, with `url` as its address."""
        return {"title": self.title, "date": self.date, "source": self.source, "url": url}


class FetchError(Exception):
    """A URL that gave no usable response; the message is the one-line reason."""


@dataclass
class Page:
    url: str  # as asked
    final_url: str  # after redirects
    status: int
    content_type: str = ""
    body: bytes = b""
    http_date: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    cached: bool = False


@dataclass
class WebReport:
    """What a web read did (the CLI prints it; the Data page shows it)."""

    fetched: int = 0
    from_cache: int = 0
    parsed: int = 0
    duplicates: int = 0
    rejected: int = 0
    expanded: dict[str, int] = field(default_factory=dict)  # feed or sitemap -> its article links


def is_url(value: object) -> bool:
    return isinstance(value, str) and value.strip().lower().startswith(("http://", "https://"))


def is_web_input(value: object) -> bool:
    """Whether an input is read from the web: an http(s) address, or a Link from a list of them."""
    return isinstance(value, Link) or is_url(value)


def canonical_url(url: str) -> str:
    """`url` in the form duplicates are found by: scheme and host lower-cased, default port, fragment,
    tracking parameters (utm_*, fbclid, gclid, ...) and AMP markers (an `amp.` host, an `/amp` path end,
    `?amp`, `outputType=amp`) dropped; the rest of the query kept in its order."""
    parts = urlsplit(url.strip())
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if host.startswith("amp."):
        host = host[4:]
    port = parts.port
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    path = parts.path or "/"
    for marker in ("/amp/", "/amp"):
        if path.endswith(marker) and len(path) > len(marker):
            path = path[: -len(marker)] or "/"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(TRACKING_PREFIXES) and k.lower() not in TRACKING_PARAMS
    ]
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


class PageCache:
    """Fetched pages in the store: `<store>/web/pages.sqlite` (SQLite, WAL), bodies zlib-compressed; and
    every address read with the canonical address of its page."""

    def __init__(self, store: str | Path) -> None:
        self._con = open_wal(
            Path(store) / CACHE_PATH,
            "CREATE TABLE IF NOT EXISTS pages (url TEXT PRIMARY KEY, final_url TEXT, status INTEGER, "
            "content_type TEXT, http_date TEXT, etag TEXT, last_modified TEXT, fetched_at TEXT, body BLOB);"
            "CREATE TABLE IF NOT EXISTS addresses (url TEXT PRIMARY KEY, canonical TEXT NOT NULL, "
            "first_seen TEXT NOT NULL);",
            check_same_thread=False,
        )
        self._lock = threading.Lock()

    def get(self, url: str) -> Page | None:
        with self._lock:
            row = self._con.execute(
                "SELECT final_url, status, content_type, http_date, etag, last_modified, body FROM pages "
                "WHERE url = ?",
                [url],
            ).fetchone()
        if row is None:
            return None
        final_url, status, content_type, http_date, etag, last_modified, body = row
        return Page(
            url, final_url, status, content_type, zlib.decompress(body), http_date, etag, last_modified, True
        )

    def put(self, page: Page) -> None:
        with self._lock:
            self._con.execute(
                "INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    page.url, page.final_url, page.status, page.content_type, page.http_date, page.etag,
                    page.last_modified, _now(), zlib.compress(page.body, 6),
                ],
            )  # fmt: skip

    def remember(self, url: str, canonical: str) -> None:
        with self._lock:
            self._con.execute(
                "INSERT OR IGNORE INTO addresses VALUES (?, ?, ?)", [url.strip(), canonical, _now()]
            )

    def addresses(self) -> dict[str, list[str]]:
        """Canonical address -> every address read for it, in the order first seen."""
        with self._lock:
            rows = self._con.execute("SELECT canonical, url FROM addresses ORDER BY rowid").fetchall()
        out: dict[str, list[str]] = {}
        for canonical, url in rows:
            out.setdefault(canonical, []).append(url)
        return out

    def close(self) -> None:
        self._con.close()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class PrivateAddressError(urllib3.exceptions.NewConnectionError):
    """A connection reached a loopback, private, link-local or reserved address."""


class _PublicOnly:
    """A connection that checks the address it reached: a name that resolved to a public address when it
    was checked may resolve to a private one when connecting (DNS rebinding)."""

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()  # type: ignore[misc]
        address = ipaddress.ip_address(sock.getpeername()[0])
        if not address.is_global:
            sock.close()
            raise PrivateAddressError(self, f"{self.host} is a private or local address ({address})")  # type: ignore[attr-defined]
        return sock


class _PublicHTTPConnection(_PublicOnly, urllib3.connection.HTTPConnection):
    pass


class _PublicHTTPSConnection(_PublicOnly, urllib3.connection.HTTPSConnection):
    pass


class _PublicHTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _PublicHTTPConnection


class _PublicHTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _PublicHTTPSConnection


class Fetcher:
    """Polite, safe HTTP GETs (see the module doc), thread-safe; `get` reads through the cache."""

    def __init__(self, options: WebOptions, cache: PageCache | None = None) -> None:
        self.options = options
        self.cache = cache
        self.http = urllib3.PoolManager(
            num_pools=64,
            maxsize=max(1, options.per_host),
            retries=False,
            timeout=urllib3.Timeout(connect=options.timeout, read=options.timeout),
            headers={"User-Agent": options.user_agent, "Accept-Encoding": "gzip, deflate"},
        )
        if not options.allow_private:  # every connection checks the address it reached
            self.http.pool_classes_by_scheme = {"http": _PublicHTTPPool, "https": _PublicHTTPSPool}
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}
        self._next: dict[str, float] = {}  # host -> earliest time of its next request
        self._robots: dict[str, tuple[RobotFileParser, str | None]] = {}  # origin -> (rules, refusal)
        self._robots_locks: dict[str, threading.Lock] = {}

    def get(self, url: str, revalidate: bool = False) -> Page:
        """The page at `url`: from the cache unless refreshing or `revalidate` (then with a conditional
        request); FetchError with the reason otherwise."""
        cached = self.cache.get(url) if self.cache is not None else None
        if cached is not None and not (self.options.refresh or revalidate):
            return cached
        headers = {}
        if cached is not None:
            if cached.etag:
                headers["If-None-Match"] = cached.etag
            if cached.last_modified:
                headers["If-Modified-Since"] = cached.last_modified
        page = self._follow(url, headers)
        if page.status == 304 and cached is not None:
            return cached
        if self.cache is not None:
            self.cache.put(page)
        return page

    def _follow(self, url: str, headers: Mapping[str, str], robots: bool = True) -> Page:
        seen = {url}
        current = url
        for _ in range(self.options.max_redirects + 1):
            self._check(current)
            refusal = self._robots_refusal(current) if robots else None
            if refusal is not None:
                raise FetchError(refusal)
            status, response_headers, body = self._request(current, headers)
            if status in REDIRECTS:
                location = response_headers.get("Location")
                if not location:
                    raise FetchError(f"HTTP {status} without a Location")
                current = urljoin(current, location)
                if current in seen:
                    raise FetchError("redirect loop")
                seen.add(current)
                continue
            if status == 304:
                return Page(url, current, 304)
            if status >= 400:
                raise FetchError(f"HTTP {status}")
            return Page(
                url,
                current,
                status,
                response_headers.get("Content-Type", ""),
                body,
                response_headers.get("Date"),
                response_headers.get("ETag"),
                response_headers.get("Last-Modified"),
            )
        raise FetchError(f"more than {self.options.max_redirects} redirects")

    def _check(self, url: str) -> None:
        """Only http(s) addresses (the address a connection reaches is checked by the connection itself)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"not an http(s) address: {url[:100]}")

    def _robots_refusal(self, url: str) -> str | None:
        """Why robots.txt keeps us from `url`, or None (RFC 9309: no file or a 4xx allows all; a 5xx allows
        nothing; a host that cannot be reached gives its own reason)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:
            if origin not in self._robots:
                parser, refusal = RobotFileParser(), None
                try:
                    page = self._follow(f"{origin}/robots.txt", {}, robots=False)
                    parser.parse(page.body.decode("utf-8", "replace").splitlines())
                except FetchError as err:
                    reason = str(err)
                    if reason.startswith("HTTP 4"):
                        parser.allow_all = True
                    elif reason.startswith("HTTP "):
                        refusal = f"robots.txt unavailable ({reason}): nothing may be fetched"
                    else:
                        refusal = reason
                self._robots[origin] = (parser, refusal)
        parser, refusal = self._robots[origin]
        if refusal is None and not parser.can_fetch(AGENT_TOKEN, url):
            return "robots.txt forbids it"
        return refusal

    def _slot(self, host: str) -> threading.Semaphore:
        with self._lock:
            slot = self._slots.setdefault(host, threading.Semaphore(max(1, self.options.per_host)))
            now = time.monotonic()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + self.options.delay
        if start > now:
            time.sleep(start - now)
        return slot

    def _request(self, url: str, headers: Mapping[str, str]) -> tuple[int, Mapping[str, str], bytes]:
        host = urlsplit(url).netloc
        options = self.options
        for attempt in range(options.retries + 1):
            with self._slot(host):
                try:
                    response = self.http.request(
                        "GET", url, headers=dict(headers), preload_content=False, redirect=False
                    )
                except PrivateAddressError as err:  # before its base classes
                    raise FetchError(f"{err}; allow with --allow-private-addresses") from err
                except urllib3.exceptions.NewConnectionError as err:  # a TimeoutError subclass too
                    raise FetchError(f"connection failed ({_cause(err)})") from err
                except urllib3.exceptions.TimeoutError as err:
                    raise FetchError(f"timeout after {options.timeout:g} s") from err
                except urllib3.exceptions.HTTPError as err:
                    raise FetchError(f"connection failed ({type(err).__name__})") from err
                try:
                    if response.status in RETRIED and attempt < options.retries:
                        wait_for = _retry_after(response.headers.get("Retry-After"))
                        wait_for = min(
                            options.max_retry_wait, wait_for if wait_for is not None else 2**attempt
                        )
                        response.drain_conn()
                    else:
                        body = b"" if response.status in REDIRECTS else self._body(response)
                        return response.status, response.headers, body
                except FetchError:
                    response.close()  # the rest of the body is not read: the connection is not reused
                    raise
                finally:
                    response.release_conn()
            time.sleep(wait_for)
        raise AssertionError("unreachable")

    def _body(self, response: urllib3.BaseHTTPResponse) -> bytes:
        """The body, read within the size limit and the time limit."""
        limit = self.options.max_bytes
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise FetchError(f"too large ({int(declared):,} bytes; the limit is {limit:,})")
        started = time.monotonic()
        out = io.BytesIO()
        try:
            for chunk in response.stream(CHUNK, decode_content=True):
                out.write(chunk)
                if out.tell() > limit:
                    raise FetchError(f"too large (more than {limit:,} bytes)")
                if time.monotonic() - started > self.options.timeout:
                    raise FetchError(f"timeout after {self.options.timeout:g} s")
        except urllib3.exceptions.TimeoutError as err:
            raise FetchError(f"timeout after {self.options.timeout:g} s") from err
        except urllib3.exceptions.HTTPError as err:
            raise FetchError(f"connection failed ({type(err).__name__})") from err
        return out.getvalue()


def _cause(err: Exception) -> str:
    """The last line of what a connection error says, without urllib3's object names."""
    text = str(err).rsplit(": ", 1)[-1].strip()
    return text[:120] or type(err).__name__


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (seconds, or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def page_kind(page: Page) -> str:
    """ "html", "feed" (RSS, Atom, RDF), "sitemap", "sitemapindex", or "other"."""
    head = _unzipped(page.body)[:4096].lstrip().lower()
    if b"<sitemapindex" in head:
        return "sitemapindex"
    if b"<urlset" in head:
        return "sitemap"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    content_type = page.content_type.lower()
    if "html" in content_type or head.startswith(b"<!doctype html") or b"<html" in head:
        return "html"
    return "other"


def _unzipped(body: bytes, limit: int = 50 * 2**20) -> bytes:
    """A gzipped sitemap (`.xml.gz`) unpacked (at most `limit` bytes), else `body`."""
    if body[:2] != b"\x1f\x8b":
        return body
    with gzip.GzipFile(fileobj=io.BytesIO(body)) as unzipped:
        return unzipped.read(limit)


def feed_links(page: Page) -> list[Link]:
    """The article links of an RSS or Atom feed, with their titles, dates and the feed's title as outlet."""
    parsed = feedparser.parse(page.body)
    outlet = parsed.feed.get("title")
    links = []
    for entry in parsed.entries:
        url = entry.get("link")
        if url:
            date = entry.get("published") or entry.get("updated")
            links.append(Link(urljoin(page.final_url, url), entry.get("title"), date, outlet))
    return links


def sitemap_links(page: Page) -> tuple[list[Link], list[str]]:
    """A sitemap's page links (with a news sitemap's title, date and publication) and a sitemap index's
    sitemaps."""
    # no entities, no DTD, no network: a sitemap is untrusted
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(_unzipped(page.body), parser)
    except etree.XMLSyntaxError as err:
        raise FetchError(f"not a readable sitemap ({err})") from err
    pages, sitemaps = [], []
    for element in root:
        if not isinstance(element.tag, str):  # a comment
            continue
        name = _local(element.tag)
        values = {_local(child.tag): child for child in element.iter() if isinstance(child.tag, str)}
        loc = values.get("loc")
        if loc is None or not (loc.text or "").strip():
            continue
        url = urljoin(page.final_url, loc.text.strip())
        if name == "sitemap":
            sitemaps.append(url)
        elif name == "url":
            date = _text(values.get("publication_date")) or _text(values.get("lastmod"))
            pages.append(Link(url, _text(values.get("title")), date, _text(values.get("name"))))
    return pages, sitemaps


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(element: etree._Element | None) -> str | None:
    """An element's text (an lxml element with no children is false: compared with None here)."""
    return None if element is None or not (element.text or "").strip() else element.text.strip()


def read_url_list(path: str | Path) -> list[Link]:
    """The URLs of a file: a CSV with a `url` column (also `link`, GDELT's `SOURCEURL`), keeping its
    title, date (`publish_date`, `date`, `published`, GDELT's `DATEADDED`) and outlet (`media_name`,
    `outlet`, `source`, `domain`); or a text file of one URL per line (`#` starts a comment)."""
    text = Path(path).read_text(encoding="utf-8-sig", errors="replace")
    first = text.split("\n", 1)[0].lower()
    if Path(path).suffix.lower() in (".csv", ".tsv") or any(n in first for n in ("url", "link")):
        dialect = "excel-tab" if "\t" in first else "excel"
        rows = csv.DictReader(io.StringIO(text), dialect=dialect)
        links = []
        for row in rows:
            fields = {str(k).strip().lower(): (v or "").strip() for k, v in row.items() if k}
            url = _first(fields, ("url", "link", "sourceurl"))
            if url:
                date = _first(fields, ("publish_date", "date", "published", "seendate", "dateadded"))
                links.append(
                    Link(
                        url,
                        _first(fields, ("title",)),
                        _gdelt_date(date),
                        _first(fields, ("media_name", "outlet", "source", "domain")),
                    )
                )
        return links
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [Link(line) for line in lines if line]


def _first(fields: Mapping[str, str], names: Iterable[str]) -> str | None:
    return next((fields[n] for n in names if fields.get(n)), None)


def _gdelt_date(value: str | None) -> str | None:
    """GDELT's 20250301123000 (and 20250301T123000Z) as an ISO date; other forms unchanged."""
    digits = (value or "").replace("T", "").rstrip("Z")
    if len(digits) == 14 and digits.isdigit():
        return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}T{digits[8:10]}:{digits[10:12]}:{digits[12:]}Z"
    return value


def iter_web_records(
    inputs: Iterable[str | Link],
    options: WebOptions = WebOptions(),
    store: str | Path | None = None,
    report: WebReport | None = None,
) -> Iterator[Article | Rejected]:
    """One Article or Rejected per page of `inputs` (page, feed and sitemap URLs, or Links from a URL list),
    feeds and sitemaps standing for their pages (sitemap indexes followed `max_depth` deep). URLs are
    fetched `options.concurrency` at a time and parsed as they arrive, so that fetching goes on while the
    caller works on the articles; a page reached again under another address is read once."""
    report = report if report is not None else WebReport()
    cache = PageCache(store) if store is not None else None
    fetcher = Fetcher(options, cache)
    todo: deque[tuple[Link, int]] = deque()
    seen: set[str] = set()

    def add(links: Iterable[Link], depth: int) -> None:
        for link in links:
            canonical = canonical_url(link.url)
            if cache is not None:
                cache.remember(link.url, canonical)
            if canonical in seen:
                report.duplicates += 1
            else:
                seen.add(canonical)
                todo.append((link, depth))

    add((i if isinstance(i, Link) else Link(i.strip()) for i in inputs), 0)
    bar = _bar(len(todo)) if options.progress else None
    window = max(1, options.concurrency) * 4
    pool = ThreadPoolExecutor(max_workers=max(1, options.concurrency), thread_name_prefix="fetch")
    pending: set[Future] = set()
    try:
        while todo or pending:
            while todo and len(pending) < window:
                link, depth = todo.popleft()
                pending.add(pool.submit(_read, fetcher, link, depth))
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                link, depth, record, found, cached = future.result()
                report.from_cache += cached
                if found is not None:  # a feed or a sitemap: its pages are read next
                    report.expanded[link.url] = len(found)
                    add(found, depth + 1)
                    if bar is not None:
                        bar.total += len(found)
                if record is None:
                    continue
                if isinstance(record, Rejected):
                    report.rejected += 1
                else:
                    report.parsed += 1
                    report.fetched += not cached
                if bar is not None:
                    bar.update(1)
                    bar.set_postfix(parsed=report.parsed, rejected=report.rejected, cached=report.from_cache)
                if options.listener is not None:
                    done_urls = report.parsed + report.rejected
                    outcome = record.reason if isinstance(record, Rejected) else "parsed"
                    options.listener(link.url, outcome, done_urls, done_urls + len(todo) + len(pending))
                yield record
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if bar is not None:
            bar.close()
        if cache is not None:
            cache.close()
        fetcher.http.clear()


def _read(
    fetcher: Fetcher, link: Link, depth: int
) -> tuple[Link, int, Article | Rejected | None, list[Link] | None, bool]:
    """Fetch one URL: (link, depth, its record or None, the links of a feed or sitemap or None, whether it
    came from the cache)."""
    try:
        page = fetcher.get(link.url)
    except FetchError as err:
        return link, depth, Rejected(link.url, "", str(err)), None, False
    kind = page_kind(page)
    if page.cached and depth == 0 and kind != "html":  # a feed or sitemap given: asked for what is new
        try:
            page = fetcher.get(link.url, revalidate=True)
        except FetchError as err:
            return link, depth, Rejected(link.url, "", str(err)), None, False
        kind = page_kind(page)
    try:
        if kind == "feed":
            return link, depth, None, feed_links(page), page.cached
        if kind in ("sitemap", "sitemapindex"):
            pages, sitemaps = sitemap_links(page)
            if sitemaps and depth >= fetcher.options.max_depth:
                reason = f"sitemap index more than {fetcher.options.max_depth} levels deep"
                return link, depth, Rejected(link.url, "", reason), pages, page.cached
            return link, depth, None, pages + [Link(s) for s in sitemaps], page.cached
    except FetchError as err:
        return link, depth, Rejected(link.url, "", str(err)), None, page.cached
    if kind != "html":
        shown = page.content_type.split(";")[0].strip() or "unknown type"
        return link, depth, Rejected(link.url, "", f"not HTML ({shown})"), None, page.cached
    fallback = link.fallback(canonical_url(page.final_url))
    try:
        article = page_article(page.body, link.url, fallback, fetcher.options.min_words)
    except RecordError as err:
        return link, depth, Rejected(link.url, "", str(err)), None, page.cached
    if article.url:
        article = replace(article, url=canonical_url(article.url))
    return link, depth, article, None, page.cached


def _bar(total: int):
    from tqdm import tqdm

    return tqdm(total=total, unit="page", desc="web", mininterval=0.5, file=sys.stderr)


def addresses(store: str | Path) -> dict[str, list[str]]:
    """Canonical page address -> every address read for it (a page reached by several links, AMP pages,
    tracking parameters), from the store's web cache."""
    if not (Path(store) / CACHE_PATH).is_file():
        return {}
    cache = PageCache(store)
    try:
        return cache.addresses()
    finally:
        cache.close()
