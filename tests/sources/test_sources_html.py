"""HTML pages: trafilatura's main text and metadata."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from conftest import only, read

from dashboard.records import Article, Rejected

P1 = "Defence ministers agreed on Tuesday to raise military spending to two percent of GDP, officials said."
P2 = "The decision followed months of debate among member states about burden sharing in the alliance."

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>NATO allies raise spending | Example News</title>
<meta property="og:title" content="NATO allies raise spending">
<meta property="og:url" content="https://example.com/nato-spending">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2018-08-27T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>NATO allies raise spending</h1><p>{P1}</p><p>{P2}</p></article>
<footer>Copyright Example News. All rights reserved.</footer>
</body></html>"""


@pytest.mark.parametrize("name", ["page.html", "page.htm", "PAGE.HTML"])
def test_html_main_text_and_metadata(write, name):
    path = write(name, PAGE)
    article = only(read(path))
    assert isinstance(article, Article)
    assert article.title == "NATO allies raise spending"
    assert article.url == "https://example.com/nato-spending"
    assert article.source == "Example News"
    assert article.published == datetime(2018, 8, 27, tzinfo=UTC)
    assert P1 in article.text and P2 in article.text
    assert "Home" not in article.text and "Copyright" not in article.text
    assert article.origin == str(path)


def test_html_in_cp1252_with_bom_free_bytes(write):
    page = PAGE.replace(P1, "“Spending must rise,” the minister said – and allies agreed on a long plan.")
    path = write("cp.html", page.replace('charset="utf-8"', 'charset="windows-1252"').encode("cp1252"))
    assert "“Spending must rise,” the minister said – and allies" in only(read(path)).text


@pytest.mark.parametrize(
    "content",
    [
        "<html><head><title>Empty</title></head><body></body></html>",
        "<html></html>",
        "   ",
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a> <a href='/a'>About</a> "
        "<a href='/c'>Contact</a></nav><footer>Cookie settings | Privacy | Terms</footer></body></html>",
        "<html><body><div class='menu'><ul><li><a href='/'>Home</a></li><li><a href='/w'>World</a></li>"
        "</ul></div><div class='footer'>Copyright 2024 Example News. All rights reserved.</div></body>",
    ],
)
def test_html_without_main_text_is_rejected(write, content):
    path = write("empty.html", content)
    assert read(path) == [Rejected(str(path), "", "no main text found in the HTML page")]


def test_script_inside_the_article_is_not_text(write):
    script = "<script>document.write('<p>injected by a script</p>'); alert(1);</script>"
    path = write("s.html", PAGE.replace(f"<p>{P2}</p>", f"{script}<p>{P2}</p>"))
    article = only(read(path))
    assert P1 in article.text and P2 in article.text
    assert "alert" not in article.text and "injected" not in article.text


def test_a_one_sentence_page_is_still_an_article(write):
    path = write(
        "short.html", "<html><body><article><p>NATO summit opens in Vilnius.</p></article></body></html>"
    )
    assert only(read(path)).text == "NATO summit opens in Vilnius."
