"""Plain text and Markdown: front matter, titles, text kept exactly as written."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from conftest import EN, only, read

from dashboard.records import Article, Rejected


@pytest.mark.parametrize(
    ("name", "content", "title", "text"),
    [
        ("plain.txt", f"NATO summit\n\n{EN}\n", "NATO summit", f"NATO summit\n\n{EN}\n"),
        (
            "blank_first.txt",
            f"\n\n   Leading blanks  \n{EN}",
            "Leading blanks",
            f"\n\n   Leading blanks  \n{EN}",
        ),
        ("one_line.txt", EN, EN, EN),
        ("crlf.txt", f"Title line\r\n{EN}\r\n", "Title line", f"Title line\r\n{EN}\r\n"),
        ("heading.md", f"# Budget talks\n\n{EN}", "Budget talks", f"# Budget talks\n\n{EN}"),
        ("heading2.md", f"## Sub heading\n{EN}", "Sub heading", f"## Sub heading\n{EN}"),
        ("plain.md", f"No heading here\n{EN}", "No heading here", f"No heading here\n{EN}"),
        ("hash.txt", f"# not markdown\n{EN}", "# not markdown", f"# not markdown\n{EN}"),
        (
            "spaces.txt",
            "Title\n  inner   spaces\t\tand “smart” quotes  \n\n\n",
            "Title",
            "Title\n  inner   spaces\t\tand “smart” quotes  \n\n\n",
        ),
    ],
)
def test_title_is_first_line_and_text_is_whole_file(write, name, content, title, text):
    article = only(read(write(name, content)))
    assert isinstance(article, Article)
    assert article.title == title
    assert article.text == text
    assert article.origin.endswith(name)
    assert article.published is None


FRONT = (
    "---\n"
    'title: "Spending rises"\n'
    "date: 2018-08-27T10:30:00+02:00\n"
    "source: Example News\n"
    "url: https://example.com/a\n"
    "id: 42\n"
    "---\n"
    "First body line.\n\nSecond paragraph.\n"
)


@pytest.mark.parametrize("name", ["front.md", "front.txt"])
def test_front_matter_gives_metadata_and_is_stripped(write, name):
    path = write(name, FRONT)
    assert only(read(path)) == Article(
        text="First body line.\n\nSecond paragraph.\n",
        origin=str(path),
        title="Spending rises",
        source="Example News",
        url="https://example.com/a",
        published=datetime(2018, 8, 27, 8, 30, tzinfo=UTC),
        record_id="42",
    )


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("headline: From headline", {"title": "From headline"}),
        ("Title: Upper case key", {"title": "Upper case key"}),
        ("title: 'single quoted'", {"title": "single quoted"}),
        ("published: 2020-01-02", {"published": datetime(2020, 1, 2, tzinfo=UTC)}),
        ("publish_date: 1535328000", {"published": datetime(2018, 8, 27, tzinfo=UTC)}),
        ("timestamp: 1535328000000", {"published": datetime(2018, 8, 27, tzinfo=UTC)}),
        ("date: not a date", {"published": None}),
        ("outlet: The Outlet", {"source": "The Outlet"}),
        ("publisher: The Publisher", {"source": "The Publisher"}),
        ("domain: example.org", {"source": "example.org"}),
        ("link: https://x.test/1", {"url": "https://x.test/1"}),
    ],
)
def test_front_matter_keys_map_like_record_fields(write, front, expected):
    article = only(read(write("a.md", f"---\n{front}\n---\nBody first line\nmore\n")))
    assert article.text == "Body first line\nmore\n"
    for field_name, value in expected.items():
        assert getattr(article, field_name) == value
    if "title" not in expected:
        assert article.title == "Body first line"


@pytest.mark.parametrize(
    "content",
    [
        "---\ntitle: never closed\nBody\n",  # no closing fence: not front matter
        "---\nThis is a sentence, not a key.\n---\nBody\n",  # not key: value lines
    ],
)
def test_text_without_valid_front_matter_is_kept_whole(write, content):
    article = only(read(write("a.txt", content)))
    assert article.text == content
    assert article.title == "---"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("", "empty file"),
        ("   \n\t\n", "empty text"),
        ("---\ntitle: Only metadata\n---\n", "empty text"),
        ("---\ntitle: x\n---\n  \n", "empty text"),
    ],
)
def test_empty_or_whitespace_text_is_rejected(write, content, reason):
    path = write("empty.txt", content)
    assert read(path) == [Rejected(str(path), "", reason)]
