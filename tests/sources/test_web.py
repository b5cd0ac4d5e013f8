"""Web sources (dashboard.sources.web) against a local HTTP server (pytest-httpserver on 127.0.0.1; no test
reaches the internet): pages, feeds, sitemaps, every failure a rejected URL with its reason, polite retries,
the page cache and conditional requests, duplicates, private addresses, URL lists; and end to end through
`python -m dashboard ingest URL... --urls FILE` and `watch` into a store."""

from __future__ import annotations

import gzip
import multiprocessing
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from dashboard import cli
from dashboard.records import Article, Rejected
from dashboard.sources import web
from dashboard.sources.web import Link, WebOptions, WebReport, canonical_url, iter_web_records, read_url_list
from dashboard.store import Store
from tests.forked import needs_fork, released_together

OPTIONS = WebOptions(allow_private=True, delay=0.0, timeout=2.0, retries=2, max_retry_wait=3.0, min_words=30)
WORDS = (
    "Defence ministers met in Brussels on Thursday to discuss how quickly the alliance could raise its "
    "spending, and several of them said that the current pace was not enough given the threat on the "
    "eastern flank. The German minister said Berlin would keep its budget above the guideline for years."
)


def page(
    title: str, body: str = WORDS, *, site: str | None = "Test Herald", date: str | None = "2025-03-04"
) -> str:
    """An article page as outlets write them: title, site name and date in meta tags, a menu, the story."""
    meta = [f'<meta property="og:title" content="{title}">'] if title else []
    meta += [f'<meta property="og:site_name" content="{site}">'] if site else []
    meta += [f'<meta property="article:published_time" content="{date}">'] if date else []
    heading = f"<h1>{title}</h1>" if title else ""
    paragraphs = "".join(f"<p>{body} ({i})</p>" for i in range(3))
    return (
        f"<!doctype html><html><head><title>{title}</title>{''.join(meta)}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article>{heading}{paragraphs}</article><footer>Contact us</footer></body></html>"
    )


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    """A threaded local server (concurrent fetches reach it at once) with an empty robots.txt."""
    httpserver = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    httpserver.start()
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    yield httpserver
    httpserver.clear()
    httpserver.stop()


def _html(server: HTTPServer, path: str, html: str, **kwargs) -> str:
    server.expect_request(path, **kwargs).respond_with_data(html, content_type="text/html; charset=utf-8")
    return server.url_for(path)


def _read(inputs, options: WebOptions = OPTIONS, store: Path | None = None, report: WebReport | None = None):
    return list(iter_web_records(inputs, options, store, report))


def _where(record: Article | Rejected) -> str:
    return record.origin if isinstance(record, Article) else record.path


def _requests(server: HTTPServer, path: str) -> int:
    return sum(1 for request, _ in server.log if request.path == path)


def test_a_page_becomes_an_article_with_its_title_date_outlet_and_address(server: HTTPServer) -> None:
    url = _html(server, "/news/1", page("Ministers weigh faster rise in spending"))
    [article] = _read([url + "?utm_source=feed&id=7#top"])
    assert isinstance(article, Article)
    assert "Defence ministers met in Brussels" in article.text and "Contact us" not in article.text
    assert article.title == "Ministers weigh faster rise in spending"
    assert article.source == "Test Herald" and article.published.date().isoformat() == "2025-03-04"
    assert article.url == url + "?id=7"  # tracking parameters and fragment dropped
    assert article.origin == url + "?utm_source=feed&id=7#top"  # as given


def test_a_feed_of_twenty_items_is_read_as_its_twenty_pages_in_parallel(server: HTTPServer) -> None:
    items = []
    for i in range(20):
        _html(server, f"/story/{i}", page(f"Story {i}", site=None))
        items.append(
            f"<item><title>Story {i}</title><link>{server.url_for(f'/story/{i}')}</link>"
            "<pubDate>Tue, 04 Mar 2025 10:00:00 GMT</pubDate></item>"
        )
    channel = f"<channel><title>Herald World</title>{''.join(items)}</channel>"
    rss = f"<?xml version='1.0'?><rss version='2.0'>{channel}</rss>"
    server.expect_request("/feed.xml").respond_with_data(rss, content_type="application/rss+xml")
    report = WebReport()
    records = _read([server.url_for("/feed.xml")], report=report)
    assert sorted(r.title for r in records) == sorted(f"Story {i}" for i in range(20))
    assert {r.source for r in records} == {"Herald World"}  # the pages name no site: the feed's title
    assert report.expanded == {server.url_for("/feed.xml"): 20} and report.parsed == 20


def test_an_atom_feed_is_read_too(server: HTTPServer) -> None:
    _html(server, "/a/1", page("Atom story"))
    atom = (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        "<title>Atom desk</title>"
        f"<entry><title>Atom story</title><link href='{server.url_for('/a/1')}'/>"
        "<updated>2025-03-04T10:00:00Z</updated></entry></feed>"
    )
    server.expect_request("/atom").respond_with_data(atom, content_type="application/atom+xml")
    assert [r.title for r in _read([server.url_for("/atom")])] == ["Atom story"]


def test_a_sitemap_index_leads_to_a_news_sitemap_and_a_gzipped_sitemap(server: HTTPServer) -> None:
    _html(server, "/p/news", page("", site=None, date=None))  # the page lacks title, date and outlet
    _html(server, "/p/plain", page("Plain story"))
    news = (
        "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
        "xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'><!-- news -->"
        f"<url><loc>{server.url_for('/p/news')}</loc><news:news><news:publication><news:name>Sitemap Times"
        "</news:name><news:language>en</news:language></news:publication><news:publication_date>2024-06-20"
        "</news:publication_date><news:title>From the sitemap</news:title></news:news></url></urlset>"
    )
    plain = (
        "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        f"<url><loc>{server.url_for('/p/plain')}</loc></url></urlset>"
    )
    index = (
        "<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        f"<sitemap><loc>{server.url_for('/news.xml')}</loc></sitemap>"
        f"<sitemap><loc>{server.url_for('/plain.xml.gz')}</loc></sitemap></sitemapindex>"
    )
    server.expect_request("/news.xml").respond_with_data(news, content_type="application/xml")
    server.expect_request("/plain.xml.gz").respond_with_data(
        gzip.compress(plain.encode()), content_type="application/gzip"
    )
    server.expect_request("/sitemap.xml").respond_with_data(index, content_type="application/xml")
    records = {_where(r): r for r in _read([server.url_for("/sitemap.xml")])}
    from_news = records[server.url_for("/p/news")]
    assert (from_news.title, from_news.source) == ("From the sitemap", "Sitemap Times")
    assert from_news.published.date().isoformat() == "2024-06-20"
    assert records[server.url_for("/p/plain")].title == "Plain story"


def test_a_sitemap_with_an_entity_bomb_is_read_without_expanding_it(server: HTTPServer) -> None:
    bomb = (
        "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'><!ENTITY lol2 '&lol;&lol;&lol;&lol;'>]>"
        "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url><loc>&lol2;</loc></url></urlset>"
    )
    server.expect_request("/bomb.xml").respond_with_data(bomb, content_type="application/xml")
    records = _read([server.url_for("/bomb.xml")])
    assert all(isinstance(r, Rejected) for r in records)  # nothing fetched from an entity's text


def _slow(request: Request) -> Response:
    time.sleep(4)
    return Response(page("Too late"), content_type="text/html")


def _endless(request: Request) -> Response:
    def chunks() -> Iterator[bytes]:
        for _ in range(40):
            yield b"<p>" + b"x" * (1024 * 1024) + b"</p>"

    return Response(chunks(), content_type="text/html")  # chunked: no Content-Length to refuse it by


def test_every_url_that_gives_no_article_is_rejected_with_its_reason(server: HTTPServer) -> None:
    server.expect_request("/gone").respond_with_data("not here", status=404)
    server.expect_request("/slow").respond_with_handler(_slow)
    server.expect_request("/loop-a").respond_with_data("", status=302, headers={"Location": "/loop-b"})
    server.expect_request("/loop-b").respond_with_data("", status=302, headers={"Location": "/loop-a"})
    server.expect_request("/huge").respond_with_data(
        b"<html>" + b"x" * (30 * 2**20), content_type="text/html"
    )
    server.expect_request("/endless").respond_with_handler(_endless)
    server.expect_request("/report.pdf").respond_with_data(b"%PDF-1.7 ...", content_type="application/pdf")
    _html(server, "/stub", page("Subscribe to read", body="Subscribe to keep reading this story."))
    _html(server, "/menu", "<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>")
    _html(server, "/blank", "<html><head><title>Blank</title></head><body></body></html>")
    reasons = {
        "/gone": "HTTP 404",
        "/slow": "timeout after 2 s",
        "/loop-a": "redirect loop",
        "/huge": "too large (31,457,286 bytes; the limit is 10,485,760)",
        "/endless": "too large (more than 10,485,760 bytes)",
        "/report.pdf": "not HTML (application/pdf)",
        "/stub": "too little text",
        "/menu": "too little text (2 words",
        "/blank": "no main text",
    }
    records = _read([server.url_for(path) for path in reasons])
    assert len(records) == len(reasons)  # every URL ends as one record
    got = {r.path.removeprefix(server.url_for("")[:-1]): r.reason for r in records}
    for path, reason in reasons.items():
        assert reason in got[path], (path, got[path])


def test_a_redirect_is_followed_and_robots_txt_is_obeyed(server: HTTPServer) -> None:
    server.clear_all_handlers()
    server.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /private/\n")
    _html(server, "/private/memo", page("Internal memo"))
    _html(server, "/moved-here", page("Moved story"))
    server.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/moved-here"})
    records = {_where(r): r for r in _read([server.url_for("/private/memo"), server.url_for("/old")])}
    assert records[server.url_for("/private/memo")].reason == "robots.txt forbids it"
    assert records[server.url_for("/old")].title == "Moved story"
    assert _requests(server, "/private/memo") == 0 and _requests(server, "/robots.txt") == 1


def test_a_429_is_retried_after_the_time_retry_after_asks(server: HTTPServer) -> None:
    calls = []

    def busy_then_ready(request: Request) -> Response:
        calls.append(time.monotonic())
        if len(calls) == 1:
            return Response("slow down", status=429, headers={"Retry-After": "1"})
        return Response(page("Served on the second try"), content_type="text/html")

    server.expect_request("/busy").respond_with_handler(busy_then_ready)
    [article] = _read([server.url_for("/busy")])
    assert article.title == "Served on the second try"
    assert len(calls) == 2 and calls[1] - calls[0] >= 0.95


def test_a_host_gets_at_most_per_host_requests_at_once_with_the_delay_between_them(
    server: HTTPServer,
) -> None:
    lock, active, most, starts = threading.Lock(), [0], [0], []

    def counted(request: Request) -> Response:
        with lock:
            active[0] += 1
            most[0] = max(most[0], active[0])
            starts.append(time.monotonic())
        time.sleep(0.2)
        with lock:
            active[0] -= 1
        return Response(page(f"Story {request.path}"), content_type="text/html")

    for i in range(6):
        server.expect_request(f"/s/{i}").respond_with_handler(counted)
    options = WebOptions(allow_private=True, delay=0.1, per_host=2, concurrency=8, min_words=30)
    records = _read([server.url_for(f"/s/{i}") for i in range(6)], options)
    assert all(isinstance(r, Article) for r in records) and len(records) == 6
    assert most[0] <= 2
    assert max(starts) - min(starts) >= 5 * 0.1 * 0.9  # the delay between two requests to the host


def test_pages_are_cached_in_the_store_and_revalidated_on_refresh(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/cached", headers={"If-None-Match": '"v1"'}).respond_with_data("", status=304)
    server.expect_request("/cached").respond_with_data(
        page("Cached story"),
        content_type="text/html",
        headers={"ETag": '"v1"', "Date": "Tue, 04 Mar 2025 10:00:00 GMT"},
    )
    url = server.url_for("/cached")
    assert [r.title for r in _read([url], store=tmp_path)] == ["Cached story"]
    report = WebReport()
    assert [r.title for r in _read([url], store=tmp_path, report=report)] == ["Cached story"]
    assert _requests(server, "/cached") == 1 and report.from_cache == 1  # nothing fetched again
    refreshed = WebOptions(**{**OPTIONS.__dict__, "refresh": True})
    assert [r.title for r in _read([url], refreshed, store=tmp_path)] == ["Cached story"]
    last = [request for request, _ in server.log if request.path == "/cached"][-1]
    assert last.headers.get("If-None-Match") == '"v1"'  # a conditional request, answered 304


def test_one_page_under_several_addresses_is_fetched_once_and_every_address_kept(
    server: HTTPServer, tmp_path: Path
) -> None:
    url = _html(server, "/story", page("One story"))
    given = [url, url + "?utm_medium=social", url + "/amp", url + "#comments"]
    report = WebReport()
    records = _read(given, store=tmp_path, report=report)
    assert [r.title for r in records] == ["One story"] and report.duplicates == 3
    assert _requests(server, "/story") == 1
    assert web.addresses(tmp_path) == {canonical_url(url): given}


def test_private_addresses_are_refused_unless_allowed(server: HTTPServer) -> None:
    url = _html(server, "/local", page("Local story"))
    [refused] = _read([url], WebOptions(delay=0.0))
    assert isinstance(refused, Rejected) and "private or local address" in refused.reason
    assert "--allow-private-addresses" in refused.reason and _requests(server, "/local") == 0
    [bad] = _read(["ftp://example.org/file"], OPTIONS)
    assert bad.reason.startswith("not an http(s) address")


def test_a_media_cloud_csv_and_a_gdelt_export_keep_their_titles_dates_and_outlets(
    server: HTTPServer, tmp_path: Path
) -> None:
    _html(server, "/bare", page("", site=None, date=None))
    media_cloud = tmp_path / "mediacloud.csv"
    media_cloud.write_text(
        "id,publish_date,title,url,language,media_name,media_url\n"
        f"1,2025-03-01 08:00:00,Listed title,{server.url_for('/bare')},en,Listed Outlet,listed.example\n"
    )
    [link] = read_url_list(media_cloud)
    assert link == Link(server.url_for("/bare"), "Listed title", "2025-03-01 08:00:00", "Listed Outlet")
    [article] = _read([link])
    assert (article.title, article.source) == ("Listed title", "Listed Outlet")
    assert article.published.isoformat().startswith("2025-03-01T08:00")
    gdelt = tmp_path / "gdelt.csv"
    gdelt.write_text("GLOBALEVENTID\tDATEADDED\tSOURCEURL\n1\t20250301123000\thttps://example.org/a\n")
    assert read_url_list(gdelt) == [Link("https://example.org/a", None, "2025-03-01T12:30:00Z", None)]
    plain = tmp_path / "urls.txt"
    plain.write_text("# my list\nhttps://example.org/a\n\nhttps://example.org/b  # second\n")
    assert [link.url for link in read_url_list(plain)] == ["https://example.org/a", "https://example.org/b"]


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("HTTPS://Example.ORG:443/a/b?utm_source=x&id=3&fbclid=y#frag", "https://example.org/a/b?id=3"),
        ("https://amp.example.org/story/amp/", "https://example.org/story"),
        ("https://example.org/story?amp=1&outputType=amp", "https://example.org/story"),
        ("http://example.org:8080", "http://example.org:8080/"),
    ],
)
def test_addresses_are_compared_without_tracking_and_amp_markers(given: str, canonical: str) -> None:
    assert canonical_url(given) == canonical


LOCAL = ["--allow-private-addresses", "--delay", "0", "--timeout", "5"]


def story(n: int) -> str:
    body = (
        f"Story number {n}: the defence minister said on Monday that the government would raise military "
        f"spending to {2 + n / 10:.1f}% of GDP by 2030, and that the alliance expected every member to do "
        "the same after the summit in The Hague, where leaders agreed a new target for core defence."
    )
    return page(f"Defence story {n}", body)


def rss(server: HTTPServer, numbers: list[int]) -> str:
    items = "".join(
        f"<item><title>Defence story {n}</title><link>{server.url_for(f'/story/{n}')}</link></item>"
        for n in numbers
    )
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>{items}</channel></rss>"


def _stories(server: HTTPServer) -> None:
    for n in range(1, 5):
        server.expect_request(f"/story/{n}").respond_with_data(story(n), content_type="text/html")
    server.expect_request("/copy-of-1").respond_with_data(story(1), content_type="text/html")


def _fetches(server: HTTPServer) -> int:
    return sum(1 for request, _ in server.log if request.path.startswith(("/story", "/copy")))


def test_a_feed_and_a_media_cloud_csv_are_ingested_with_every_url_accounted_for(
    server: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _stories(server)
    server.expect_request("/missing").respond_with_data("gone", status=404)
    server.expect_request("/feed").respond_with_data(
        rss(server, [1, 2, 3]), content_type="application/rss+xml"
    )
    listed = tmp_path / "mediacloud.csv"
    listed.write_text(
        "publish_date,title,url,media_name\n"
        f"2025-03-01,Copy,{server.url_for('/copy-of-1')},Copy Desk\n"
        f"2025-03-02,Gone,{server.url_for('/missing')},Copy Desk\n"
    )
    store = tmp_path / "store"
    argv = ["ingest", server.url_for("/feed"), "--urls", str(listed), "--store", str(store), "--no-progress"]
    assert cli.main(argv + LOCAL) == 0
    out = capsys.readouterr().out
    assert "web: 4 pages fetched" in out and f"{server.url_for('/feed')}: 3 links" in out
    articles = Store(store).read("articles")
    assert sorted(articles["title"]) == [
        "Defence story 1",
        "Defence story 2",
        "Defence story 3",
    ]  # copy: once
    assert (articles["source"] == "Test Herald").all() and articles["url"].str.startswith("http://").all()
    rejected = Store(store).read("rejected")
    assert rejected[["path", "reason"]].values.tolist() == [[server.url_for("/missing"), "HTTP 404"]]
    assert len(Store(store).read("statements")) > 0  # parsed like any article
    # a second run fetches no page again and adds nothing
    fetched = _fetches(server)
    assert cli.main(argv + LOCAL) == 0
    assert _fetches(server) == fetched and len(Store(store).read("articles")) == 3
    assert "0 added, 3 already in store" in capsys.readouterr().out
    assert web.addresses(store)[web.canonical_url(server.url_for("/copy-of-1"))] == [
        server.url_for("/copy-of-1")
    ]


def test_watch_takes_only_new_items_and_a_failing_source_does_not_stop_the_others(
    server: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _stories(server)
    polls = []

    def growing(request: Request) -> Response:
        polls.append(request.headers.get("If-None-Match"))
        numbers = [1, 2] if len(polls) == 1 else [1, 2, 3, 4]
        return Response(
            rss(server, numbers), content_type="application/rss+xml", headers={"ETag": f'"{len(polls)}"'}
        )

    server.expect_request("/live").respond_with_handler(growing)
    store = tmp_path / "store"
    missing = str(tmp_path / "no-such-list.txt")
    argv = [
        "watch",
        missing,
        server.url_for("/live"),
        "--every",
        "0.1s",
        "--rounds",
        "2",
        "--store",
        str(store),
    ]
    assert cli.main(argv + LOCAL) == 0
    captured = capsys.readouterr()
    assert captured.err.count(f"{missing}: failed") == 2  # reported at every poll, the feed polled still
    lines = [line for line in captured.out.splitlines() if line.startswith(server.url_for("/live"))]
    assert lines == [
        f"{server.url_for('/live')}: 2 new articles, 0 already in the store",
        f"{server.url_for('/live')}: 2 new articles, 2 already in the store",
    ]
    assert polls == [None, '"1"']  # the second poll asks what changed since the first
    assert sorted(Store(store).read("articles")["title"]) == [f"Defence story {n}" for n in range(1, 5)]
    assert [request.path for request, _ in server.log].count(
        "/story/1"
    ) == 1  # an old item: not fetched again


def test_watch_stops_cleanly_on_ctrl_c(server: HTTPServer, tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    _stories(server)
    server.expect_request("/live").respond_with_data(rss(server, [1]), content_type="application/rss+xml")
    store = tmp_path / "store"
    argv = ["watch", server.url_for("/live"), "--every", "1h", "--store", str(store), *LOCAL]
    watch = subprocess.Popen(
        [sys.executable, "-m", "dashboard", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        # a suite started in the background (`make test &`) ignores SIGINT, and so would the watch
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    first = watch.stdout.readline()  # the first poll is done: the watch sleeps until the next
    watch.send_signal(signal.SIGINT)
    _, err = watch.communicate(timeout=60)
    assert first.endswith("1 new articles, 0 already in the store\n")
    assert watch.returncode == 0 and "stopped" in err and "Traceback" not in err
    assert len(Store(store).read("articles")) == 1


def test_a_name_that_resolves_to_a_private_address_on_connecting_is_refused(server: HTTPServer) -> None:
    """DNS rebinding: the address is checked on the connection itself, once it is made (no name is
    resolved beforehand), so what a name resolved to at another moment does not matter."""
    url = _html(server, "/rebound", page("Rebound story"))
    [refused] = _read([url], WebOptions(delay=0.0))
    assert isinstance(refused, Rejected) and "private or local address (127.0.0.1)" in refused.reason
    assert _requests(server, "/rebound") == 0


def _cache_one_page(store: str, worker: int, start: multiprocessing.synchronize.Barrier) -> None:
    start.wait()
    url = f"https://example.org/{worker}"
    cache = web.PageCache(store)
    cache.put(web.Page(url, url, 200, "text/html", b"<p>page</p>"))
    cache.close()


@needs_fork
def test_processes_opening_a_new_page_cache_at_the_same_moment_all_succeed(tmp_path: Path) -> None:
    # Two ingests from the web into one store: setting up the cache at once must not fail in either.
    for rep in range(30):
        store = tmp_path / str(rep)
        assert released_together(_cache_one_page, str(store)) == [0] * 8, f"round {rep}"
        cache = web.PageCache(store)
        assert all(cache.get(f"https://example.org/{w}") for w in range(8))
        cache.close()
