"""Encodings: BOMs, UTF-16, the cp1252 fallback and binary files, in every text-based format."""

from __future__ import annotations

import codecs
import json
import random
import struct
import zlib

import pytest
from conftest import jsonl, only, read
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.records import Article, Rejected
from dashboard.sources.decode import BinaryFileError, decode_bytes

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
    ("utf-16-le", lambda s: s.encode("utf-16-le")),
    ("utf-16-be", lambda s: s.encode("utf-16-be")),
    ("utf-32-le-bom", lambda s: s.encode("utf-32")),
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
        ("nul.jsonl", b'{"text": "a"}\n\x00\x00\x00\n'),
        ("nul.csv", b"text\nabc\x00\n"),
        ("png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"),
        ("controls.md", bytes(range(1, 9)) * 50 + b"some words"),
        ("badutf16.txt", codecs.BOM_UTF16_LE + b"abc"),  # odd length: truncated UTF-16
        ("nul.json", b'{"text": "\x00"}'),
        ("nul.html", b"<html><body>\x00\x01\x02</body></html>"),
    ],
)
def test_binary_files_are_rejected(write, name, content):
    path = write(name, content)
    assert read(path) == [Rejected(str(path), "", "binary or unreadable file")]


def _random_bytes(size: int, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(size)


def _png() -> bytes:
    """A small but real PNG: signature, IHDR, one IDAT of deflated noise, IEND."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 64, 64, 8, 2, 0, 0, 0)
    pixels = zlib.compress(_random_bytes(64 * (64 * 3 + 1)))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def _pdf() -> bytes:
    stream = zlib.compress(b"BT /F1 12 Tf 72 712 Td (Defence spending rose) Tj ET" * 40)
    head = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length " + str(len(stream)).encode()
    return (
        head
        + b" /Filter /FlateDecode >>\nstream\n"
        + stream
        + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def _elf() -> bytes:
    return b"\x7fELF\x02\x01\x01" + bytes(9) + struct.pack("<HHI", 2, 62, 1) + _random_bytes(2000, seed=3)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("real.png.txt", _png()),
        ("noise-without-signature.txt", _png()[8:]),  # no signature: the control characters tell
        ("doc.pdf.txt", _pdf()),
        ("random.txt", _random_bytes(20_000)),
        ("random.csv", _random_bytes(300, seed=11)),
        ("program.md", _elf()),
        ("archive.txt", zlib.compress(b"Defence " * 500)),
        ("gzip.jsonl", b"\x1f\x8b\x08\x00" + _random_bytes(500)),
        ("jpeg.html", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + _random_bytes(500)),
        ("docx.txt", b"PK\x03\x04" + b"word/document.xml" * 10),
        ("utf16-odd-length.txt", "Title\nsome text".encode("utf-16-le") + b"x"),
        ("utf16-lone-surrogate.txt", "Title\nsome text".encode("utf-16-le") + b"\x00\xd8"),
        ("sparse-zeros.txt", b"Title\n" + b"ab\x00\x00" * 100),
    ],
)
def test_real_binary_files_are_still_rejected(write, name, content):
    path = write(name, content)
    assert read(path) == [Rejected(str(path), "", "binary or unreadable file")]


BODY = (
    "Title\nDefence ministers agreed on Tuesday to raise military spending, officials said, and the "
    "alliance's secretary general called it “a turning point” for Europe – café talk no more."
)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("ext", ["txt", "md", "json", "jsonl", "csv", "html"])
def test_utf16_without_bom_is_decoded(write, ext, encoding):
    if ext == "html":
        content = f"<html><body><article><p>{BODY[6:]}</p></article></body></html>"
    else:
        content = _as_format(ext, BODY[6:])
    article = only(read(write(f"a.{ext}", content.encode(encoding))))
    assert isinstance(article, Article), article
    assert article.text == (BODY[6:] if ext in ("html",) else _expected_text(ext, BODY[6:]))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (BODY[:30] + "\x00" + BODY[30:], BODY[:30] + "\ufffd" + BODY[30:]),
        ("\x00" + BODY, "\ufffd" + BODY),
        (BODY + "\x00", BODY + "\ufffd"),
        (BODY.replace(" the ", " the\x00"), BODY.replace(" the ", " the\ufffd")),
        ("Title\nsome text\x00with a NUL byte", "Title\nsome text\ufffdwith a NUL byte"),
    ],
)
def test_stray_nul_bytes_become_replacement_characters(write, content, expected):
    article = only(read(write("a.txt", content)))
    assert isinstance(article, Article), article
    assert article.text == expected
    assert len(article.text) == len(content)  # every other character keeps its offset


def test_stray_nul_in_cp1252_text_and_in_a_jsonl_line(write):
    cp = write("cp.txt", ("Title\n" + BODY[6:]).encode("cp1252").replace(b" the ", b" the\x00", 1))
    assert only(read(cp)).text == ("Title\n" + BODY[6:]).replace(" the ", " the\ufffd", 1)
    lines = write("a.jsonl", jsonl({"text": BODY}, {"text": "second"}).encode().replace(b"}\n{", b"}\n\x00{"))
    out = read(lines)
    assert [type(r).__name__ for r in out] == ["Article", "Rejected"]
    assert out[1].position == "line 2" and out[1].reason.startswith("invalid JSON")


def test_many_nuls_are_binary_even_in_long_text(write):
    text = (BODY + "\x00") * 20  # 20 NULs in ~3 700 characters: over MAX_STRAY_NULS and one in a thousand
    assert read(path := write("a.txt", text)) == [Rejected(str(path), "", "binary or unreadable file")]


_LATIN_TEXT = st.text(
    st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_categories=["Cc", "Cs"]),
    min_size=2,
    max_size=300,
)


@settings(max_examples=200, deadline=None)
@given(text=_LATIN_TEXT, encoding=st.sampled_from(["utf-16-le", "utf-16-be"]))
def test_bomless_utf16_of_latin_text_round_trips(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding)) == text


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=600))
def test_decode_answers_text_or_binary_error_only(data: bytes) -> None:
    try:
        text = decode_bytes(data)
    except BinaryFileError:
        return
    assert "\x00" not in text
