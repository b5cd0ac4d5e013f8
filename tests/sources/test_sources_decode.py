"""Encodings: BOMs, UTF-16, the cp1252 fallback and binary files, in every text-based format."""

from __future__ import annotations

import codecs
import json

import pytest
from conftest import only, read

from dashboard.records import Article, Rejected

TEXT = "“Smart” quotes – dashes, café, Verteidigungsausgaben € 2 %"


def _as_format(ext: str, text: str) -> str:
    return {
        "txt": f"Title\n{text}",
        "md": f"Title\n{text}",
        "json": json.dumps({"title": "Title", "text": text}, ensure_ascii=False),
        "jsonl": json.dumps({"title": "Title", "text": text}, ensure_ascii=False) + "\n",
        "csv": f'title,text\nTitle,"{text}"\n',
    }[ext]


def _expected_text(ext: str, text: str) -> str:
    return f"Title\n{text}" if ext in ("txt", "md") else text


ENCODINGS = [
    ("utf-8", lambda s: s.encode("utf-8")),
    ("utf-8-bom", lambda s: codecs.BOM_UTF8 + s.encode("utf-8")),
    ("utf-16-le-bom", lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le")),
    ("utf-16-be-bom", lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be")),
    ("cp1252", lambda s: s.encode("cp1252")),
]


@pytest.mark.parametrize(("label", "encode"), ENCODINGS, ids=[e[0] for e in ENCODINGS])
@pytest.mark.parametrize("ext", ["txt", "md", "json", "jsonl", "csv"])
def test_every_encoding_in_every_text_format(write, ext, label, encode):
    path = write(f"{label}.{ext}", encode(_as_format(ext, TEXT)))
    article = only(read(path))
    assert isinstance(article, Article), article
    assert article.title == "Title"  # no BOM left on the first line or the first CSV header
    assert article.text == _expected_text(ext, TEXT)


def test_bom_stripped_from_csv_header(write):
    path = write("a.csv", codecs.BOM_UTF8 + b"text,id\nhello,7\n")
    assert read(path) == [Article(text="hello", origin=f"{path}#row 1", record_id="7")]


def test_cp1252_undefined_bytes_still_decode(write):
    path = write("a.txt", "Title “x” long enough line of text here".encode("cp1252") + b"\x81")
    assert only(read(path)).text == "Title “x” long enough line of text here\x81"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("nul.txt", b"Title\nsome text\x00with a NUL byte"),
        ("nul.jsonl", b'{"text": "a"}\n\x00\x00\x00\n'),
        ("nul.csv", b"text\nabc\x00\n"),
        ("png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"),
        ("controls.md", bytes(range(1, 9)) * 50 + b"some words"),
        ("noBOMutf16.txt", "Title\nsome text".encode("utf-16-le")),
        ("badutf16.txt", codecs.BOM_UTF16_LE + b"abc"),  # odd length: truncated UTF-16
        ("nul.json", b'{"text": "\x00"}'),
        ("nul.html", b"<html><body>\x00\x01\x02</body></html>"),
    ],
)
def test_binary_files_are_rejected(write, name, content):
    path = write(name, content)
    assert read(path) == [Rejected(str(path), "", "binary or unreadable file")]
