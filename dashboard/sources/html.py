"""Read saved web pages: main text and title/date/url/site name extracted by trafilatura.

Must not extract text with hand-written regexes or fetch anything over the network; the text is trafilatura's.

trafilatura's default extraction falls back to a page's menus when it finds no article ("Home About
Contact" from a page of links). So a page is rejected as having no main text when its precision-oriented
extraction finds nothing; otherwise the default (recall-oriented) text is kept, as before.
"""

from __future__ import annotations

from collections.abc import Iterator

import trafilatura

from dashboard.records import Article, Rejected
from dashboard.sources.decode import decode_bytes
from dashboard.sources.fields import RecordError, article_from_record

NO_MAIN_TEXT_REASON = "no main text found in the HTML page"


def read_html(data: bytes, origin: str) -> Iterator[Article | Rejected]:
    """One article from an .html/.htm page (trafilatura's main text; metadata from the page itself)."""
    page = decode_bytes(data)
    document = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False)
    if document is None or not (document.text or "").strip():
        raise RecordError(NO_MAIN_TEXT_REASON)
    precise = trafilatura.bare_extraction(page, include_comments=False, favor_precision=True)
    if precise is None or not (precise.text or "").strip():  # only navigation, footers and the like
        raise RecordError(NO_MAIN_TEXT_REASON)
    record = {
        "title": document.title,
        "date": document.date,
        "url": document.url,
        "source": document.sitename or document.hostname,
    }
    yield article_from_record(record, origin, text=document.text)
