"""Read saved web pages: main text and title/date/url/site name extracted by trafilatura.

Must not extract text with hand-written regexes or fetch anything over the network; the text is trafilatura's.

trafilatura's default extraction falls back to a page's menus when it finds no article ("Home About
Contact" from a page of links). So a page is rejected as having no main text when its precision-oriented
extraction finds nothing; otherwise the default (recall-oriented) text is kept, as before.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import trafilatura

from dashboard.records import Article, Rejected
from dashboard.sources.decode import decode_bytes
from dashboard.sources.fields import RecordError, article_from_record

NO_MAIN_TEXT_REASON = "no main text found in the HTML page"


def read_html(data: bytes, origin: str) -> Iterator[Article | Rejected]:
    """One article from an .html/.htm page (trafilatura's main text; metadata from the page itself)."""
    yield page_article(data, origin)


def page_article(
    data: bytes, origin: str, fallback: Mapping[str, object] | None = None, min_words: int = 0
) -> Article:
    """The article of a web page: trafilatura's main text, the page's own title, date, address (its
    canonical link) and site name, else those of `fallback` (a feed's or a URL list's: title, date, url,
    source). RecordError when the page has no main text, or fewer than `min_words` words of it (a paywall
    or consent stub)."""
    page = decode_bytes(data)
    document = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False)
    if document is None or not (document.text or "").strip():
        raise RecordError(NO_MAIN_TEXT_REASON)
    precise = trafilatura.bare_extraction(page, include_comments=False, favor_precision=True)
    if precise is None or not (precise.text or "").strip():  # only navigation, footers and the like
        raise RecordError(NO_MAIN_TEXT_REASON)
    words = len(document.text.split())
    if words < min_words:
        raise RecordError(f"too little text ({words} words, fewer than {min_words}): a paywall or a stub")
    given = fallback or {}
    record = {
        "title": document.title or given.get("title"),
        "date": document.date or given.get("date"),
        "url": document.url or given.get("url"),
        "source": document.sitename or given.get("source") or document.hostname,
    }
    return article_from_record(record, origin, text=document.text)
