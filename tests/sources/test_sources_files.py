"""Paths, folders, zips and uploads: dispatch, positions and origins, and every whole-file rejection."""

from __future__ import annotations

import io
import json
import os
import struct
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from conftest import EN, jsonl, only, read

from dashboard.records import Article, Rejected
from dashboard.sources import iter_records, read_upload

SUPPORTED = ".csv, .htm, .html, .json, .jsonl, .md, .parquet, .txt, .zip"
HTML = f"<html><head><title>Page title</title></head><body><article><p>{EN}</p></article></body></html>"


def _parquet_bytes(records: list[dict]) -> bytes:
    buffer = io.BytesIO()
    pd.DataFrame(records).to_parquet(buffer)
    return buffer.getvalue()


def make_zip(members: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(zipfile.ZipInfo(name), content, compress_type=compression)
    return buffer.getvalue()


def _patch_central_directory(data: bytes, offset: int, fmt: str, value: int) -> bytes:
    """Overwrite a field of the (first) central directory header, as a hostile archive would."""
    start = data.index(b"PK\x01\x02") + offset
    return data[:start] + struct.pack(fmt, value) + data[start + struct.calcsize(fmt) :]


# --- one table of (file name, bytes, expected outputs as (title, text) or reason) for every format ----------
FORMATS = [
    ("a.txt", f"Txt title\n{EN}", [("Txt title", f"Txt title\n{EN}")]),
    ("a.md", f"---\ntitle: Md title\n---\n{EN}", [("Md title", EN)]),
    ("a.html", HTML, [("Page title", EN)]),
    ("a.htm", HTML, [("Page title", EN)]),
    ("a.json", json.dumps({"headline": "Json title", "body": EN}), [("Json title", EN)]),
    (
        "a.jsonl",
        jsonl({"title": "L1", "text": EN}, {"title": "L2", "content": "two"}),
        [("L1", EN), ("L2", "two")],
    ),
    ("a.csv", f'title,text\nC1,"{EN}"\nC2,second\n', [("C1", EN), ("C2", "second")]),
    ("a.parquet", _parquet_bytes([{"title": "P1", "article": EN}]), [("P1", EN)]),
]


def _expected_origins(origin: str, name: str, count: int) -> list[str]:
    kind = {"jsonl": "line", "csv": "row", "parquet": "row"}.get(name.rsplit(".", 1)[1])
    return [f"{origin}#{kind} {n}" for n in range(1, count + 1)] if kind else [origin]


@pytest.mark.parametrize(("name", "content", "expected"), FORMATS, ids=[f[0] for f in FORMATS])
def test_every_format_from_a_path(write, name, content, expected):
    path = write(name, content)
    out = read(path)
    assert [(a.title, a.text) for a in out] == expected
    assert [a.origin for a in out] == _expected_origins(str(path), name, len(expected))


@pytest.mark.parametrize(("name", "content", "expected"), FORMATS, ids=[f[0] for f in FORMATS])
def test_every_format_from_an_upload(name, content, expected):
    data = content.encode("utf-8") if isinstance(content, str) else content
    out = list(read_upload(name, data))
    assert [(a.title, a.text) for a in out] == expected
    assert [a.origin for a in out] == _expected_origins(name, name, len(expected))


@pytest.mark.parametrize(("name", "content", "expected"), FORMATS, ids=[f[0] for f in FORMATS])
def test_every_format_inside_a_zip_folder(write, name, content, expected):
    path = write("bundle.zip", make_zip({f"deep/er/{name}": content}))
    out = read(path)
    assert [(a.title, a.text) for a in out] == expected
    assert [a.origin for a in out] == _expected_origins(f"{path}::deep/er/{name}", name, len(expected))


def test_upload_of_a_zip_and_of_bad_input():
    assert list(read_upload("up.zip", make_zip({"x/a.txt": "Hello\nworld"}))) == [
        Article(text="Hello\nworld", origin="up.zip::x/a.txt", title="Hello")
    ]
    assert list(read_upload("up.exe", b"MZ")) == [
        Rejected("up.exe", "", f"unsupported file type .exe; supported: {SUPPORTED}")
    ]
    assert list(read_upload("up.txt", b"x" * 1_200_000, max_bytes=1_000_000)) == [
        Rejected("up.txt", "", "file is 1.2 MB, over the 1.0 MB limit")
    ]
    assert list(read_upload("up.txt", b"\x00\x01binary")) == [
        Rejected("up.txt", "", "binary or unreadable file")
    ]


# --- folders ------------------------------------------------------------------------------------------------
def test_folder_is_read_recursively_in_sorted_order_skipping_hidden(tmp_path, write):
    write("b.txt", "B title\nbody b")
    write("a.txt", "A title\nbody a")
    write("sub/c.md", "C title\nbody c")
    write("sub/deeper/d.jsonl", jsonl({"text": "d1"}, {"text": "d2"}))
    write("sub/z.csv", "text\nz1\n")
    write(".hidden.txt", "never read")
    write(".git/config.txt", "never read")
    write("sub/.cache/e.txt", "never read")
    write("notes.docx", b"PK\x03\x04")
    out = read(tmp_path)
    assert [(type(r).__name__, r.origin if isinstance(r, Article) else r.path) for r in out] == [
        ("Article", str(tmp_path / "a.txt")),
        ("Article", str(tmp_path / "b.txt")),
        ("Rejected", str(tmp_path / "notes.docx")),
        ("Article", str(tmp_path / "sub/c.md")),
        ("Article", f"{tmp_path / 'sub/deeper/d.jsonl'}#line 1"),
        ("Article", f"{tmp_path / 'sub/deeper/d.jsonl'}#line 2"),
        ("Article", f"{tmp_path / 'sub/z.csv'}#row 1"),
    ]
    assert out[2].reason == f"unsupported file type .docx; supported: {SUPPORTED}"
    assert [r.text for r in out if isinstance(r, Article)] == [
        "A title\nbody a",
        "B title\nbody b",
        "C title\nbody c",
        "d1",
        "d2",
        "z1",
    ]


def test_folder_symlink_loop_and_broken_link_do_not_hang(tmp_path, write):
    write("a.txt", "A\nbody")
    os.symlink(tmp_path, tmp_path / "loop")
    os.symlink(tmp_path / "gone.txt", tmp_path / "broken.txt")
    out = read(tmp_path)
    assert out == [
        Article(text="A\nbody", origin=str(tmp_path / "a.txt"), title="A"),
        Rejected(str(tmp_path / "broken.txt"), "", "cannot read file: no such file or directory"),
    ]


def test_empty_folder_is_reported(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / ".only_hidden.txt").write_text("x")
    assert read(tmp_path / "empty") == [
        Rejected(
            str(tmp_path / "empty"), "", "no records: the folder holds no files (hidden files are skipped)"
        )
    ]


def test_paths_may_be_str_or_pathlike_and_a_single_path(write):
    path = write("a.txt", "T\nx")
    expected = [Article(text="T\nx", origin=str(path), title="T")]
    assert list(iter_records([str(path)])) == expected
    assert list(iter_records([Path(path)])) == expected
    assert list(iter_records(str(path))) == expected


# --- whole-file rejections ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("a.xyz", b"text", f"unsupported file type .xyz; supported: {SUPPORTED}"),
        ("README", b"text", f"unsupported file type (no extension); supported: {SUPPORTED}"),
        ("a.txt", b"", "empty file"),
        ("a.txt", b"\x00\x00\x00\x00", "binary or unreadable file"),
        (
            "a.zip",
            b"PK\x03\x04 not really a zip",
            "corrupt or unreadable zip archive: File is not a zip file",
        ),
        (
            "a.zip",
            make_zip({"a.txt": "hello"})[:-10],
            "corrupt or unreadable zip archive: File is not a zip file",
        ),
        ("a.zip", make_zip({}), "no records: the zip archive holds no files"),
        (
            "a.zip",
            make_zip({".DS_Store": "x", "__MACOSX/a.txt": "x"}),
            "no records: the zip archive holds no files",
        ),
    ],
)
def test_whole_file_rejections(write, name, content, reason):
    path = write(name, content)
    assert read(path) == [Rejected(str(path), "", reason)]


def test_missing_path_is_rejected_and_the_rest_still_read(tmp_path, write):
    good = write("good.txt", "Good\ntext")
    missing = tmp_path / "missing.txt"
    assert read(missing, good) == [
        Rejected(str(missing), "", "cannot read file: no such file or directory"),
        Article(text="Good\ntext", origin=str(good), title="Good"),
    ]
    assert read(tmp_path / "missing.xyz") == [
        Rejected(str(tmp_path / "missing.xyz"), "", "cannot read file: no such file or directory")
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_is_rejected(write):
    path = write("secret.txt", "x")
    path.chmod(0)
    assert read(path) == [Rejected(str(path), "", "cannot read file: permission denied")]


def test_file_over_max_bytes_is_rejected_without_reading(write, tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(60_200_000)  # sparse: the size is checked before any byte is read
    assert read(path) == [Rejected(str(path), "", "file is 60.2 MB, over the 50.0 MB limit")]
    small = write("small.jsonl", b'{"text": "x"}\n' * 100_000)
    assert read(small, max_bytes=1_000_000) == [
        Rejected(str(small), "", "file is 1.4 MB, over the 1.0 MB limit")
    ]


# --- zips ---------------------------------------------------------------------------------------------------
def test_zip_members_sorted_recursive_hidden_skipped_and_unsafe_rejected(write):
    path = write(
        "a.zip",
        make_zip(
            {
                "top/b.txt": "B\nbee",
                "top/sub/a.md": "# A\nay",
                "top/.hidden/x.txt": "never",
                "../evil.txt": "escape",
                "top/../../evil2.txt": "escape",
                "/etc/abs.txt": "absolute",
                "..\\win-evil.txt": "escape",
                "C:/windows/abs.txt": "absolute",
                "top/notes.bin": "x",
                "top/rows.csv": "text,id\nr1,1\n,2\n",
            }
        ),
    )
    z = str(path)
    assert read(path) == [
        Rejected(z, "../evil.txt", "unsafe zip member name: '..' escapes the archive folder"),
        Rejected(z, "..\\win-evil.txt", "unsafe zip member name: '..' escapes the archive folder"),
        Rejected(z, "/etc/abs.txt", "unsafe zip member name: absolute path"),
        Rejected(z, "C:/windows/abs.txt", "unsafe zip member name: absolute path"),
        Rejected(z, "top/../../evil2.txt", "unsafe zip member name: '..' escapes the archive folder"),
        Article(text="B\nbee", origin=f"{z}::top/b.txt", title="B"),
        Rejected(z, "top/notes.bin", f"unsupported file type .bin; supported: {SUPPORTED}"),
        Article(text="r1", origin=f"{z}::top/rows.csv#row 1", record_id="1"),
        Rejected(f"{z}::top/rows.csv", "row 2", "empty text"),
        Article(text="# A\nay", origin=f"{z}::top/sub/a.md", title="A"),
    ]


def test_zip_member_rejections_use_the_member_as_position(write):
    path = write(
        "a.zip", make_zip({"bad.json": "[1, 2", "empty.txt": "", "bin.txt": b"\x00\x01", "ok.txt": "T\nx"})
    )
    out = read(path)
    assert out[0].position == "bad.json" and out[0].reason.startswith("invalid JSON: ")
    assert out[1:] == [
        Rejected(str(path), "bin.txt", "binary or unreadable file"),
        Rejected(str(path), "empty.txt", "empty file"),
        Article(text="T\nx", origin=f"{path}::ok.txt", title="T"),
    ]


def test_nested_zip_is_read_in_memory(write):
    inner = make_zip({"in/a.txt": "Inner\ntext", "../x.txt": "bad"})
    path = write("outer.zip", make_zip({"pack/inner.zip": inner}))
    assert read(path) == [
        Rejected(
            f"{path}::pack/inner.zip", "../x.txt", "unsafe zip member name: '..' escapes the archive folder"
        ),
        Article(text="Inner\ntext", origin=f"{path}::pack/inner.zip::in/a.txt", title="Inner"),
    ]


@pytest.fixture(scope="module")
def zip_bomb(tmp_path_factory) -> Path:
    """200 MB of zeros deflated into under 1 MB, written in chunks so nothing big is held in memory."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("fine.txt", "Fine\nstill read")
        with archive.open("zeros.txt", "w") as member:
            chunk = bytes(1 << 20)
            for _ in range(200):
                member.write(chunk)
    return path


def test_zip_bomb_member_is_rejected_before_reading(zip_bomb):
    out = read(zip_bomb)
    assert out[0] == Article(text="Fine\nstill read", origin=f"{zip_bomb}::fine.txt", title="Fine")
    assert out[1].path == str(zip_bomb) and out[1].position == "zeros.txt"
    assert out[1].reason.startswith("zip bomb suspected: compression ratio ")
    assert out[1].reason.endswith(":1 for 209.7 MB")
    assert len(out) == 2
    assert list(read_upload("bomb.zip", zip_bomb.read_bytes()))[1].reason == out[1].reason


def test_zip_total_uncompressed_size_limit(write):
    members = {
        f"m{i:02}.txt": f"Title {i}\n" + "words " * 10_000 for i in range(40)
    }  # 40 x 60 kB, tiny zipped
    path = write("many.zip", make_zip(members))
    assert path.stat().st_size < 60_000
    assert read(path, max_bytes=70_000) == [
        Rejected(str(path), "", "zip bomb suspected: members unpack to 2.4 MB, over the 1.4 MB limit")
    ]
    assert [r.title for r in read(path, max_bytes=200_000)] == [f"Title {i}" for i in range(40)]


def test_zip_member_over_max_bytes(write):
    path = write("big.zip", make_zip({"big.txt": os.urandom(750_000).hex(), "ok.txt": "T\nx"}))
    assert read(path, max_bytes=1_000_000) == [
        Rejected(str(path), "big.txt", "file is 1.5 MB, over the 1.0 MB limit"),
        Article(text="T\nx", origin=f"{path}::ok.txt", title="T"),
    ]


def test_zip_member_that_lies_about_its_size_is_capped(write):
    # The central directory claims 100 bytes; the member really holds 5000. Only 100 are ever unpacked.
    data = _patch_central_directory(make_zip({"liar.txt": "x" * 5000}), 24, "<I", 100)
    path = write("liar.zip", data)
    rejected = only(read(path))
    assert (rejected.path, rejected.position) == (str(path), "liar.txt")
    assert rejected.reason == "cannot read zip member: Bad CRC-32 for file 'liar.txt'"


@pytest.mark.parametrize(
    ("offset", "fmt", "value", "reason"),
    [
        (8, "<H", 0x1, "zip member is encrypted (password protected)"),
        (10, "<H", 99, "cannot read zip member: That compression method is not supported"),
    ],
)
def test_zip_member_that_cannot_be_opened(write, offset, fmt, value, reason):
    data = _patch_central_directory(make_zip({"a.txt": "T\nx", "b.txt": "B\ny"}), offset, fmt, value)
    path = write("odd.zip", data)
    assert read(path) == [
        Rejected(str(path), "a.txt", reason),
        Article(text="B\ny", origin=f"{path}::b.txt", title="B"),
    ]


def test_corrupt_member_data_does_not_lose_other_members(write):
    data = bytearray(make_zip({"a.txt": "Title\n" + "some words " * 200, "b.txt": "B\ny"}))
    start = data.index(b"PK\x03\x04") + 30 + len("a.txt")
    data[start + 5 : start + 25] = b"\xff" * 20  # damage the deflate stream of a.txt
    path = write("dmg.zip", bytes(data))
    out = read(path)
    assert out[0].position == "a.txt" and out[0].reason.startswith("cannot read zip member: ")
    assert out[1:] == [Article(text="B\ny", origin=f"{path}::b.txt", title="B")]


def test_permission_error_is_rejected_even_as_root(write, monkeypatch):
    import dashboard.sources.files as files

    def deny(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    path = write("secret.txt", "x")
    monkeypatch.setattr(files, "open", deny, raising=False)
    assert read(path) == [Rejected(str(path), "", "cannot read file: permission denied")]


def test_a_crash_inside_a_reader_loses_only_that_file(write, monkeypatch):
    import dashboard.sources.files as files

    def explode(data: bytes, origin: str):
        yield Article(text="kept", origin=origin)
        raise KeyError("boom")

    monkeypatch.setitem(files.READERS, ".txt", explode)
    first, second = write("a.txt", "x"), write("b.md", "B\ny")
    assert read(first, second) == [
        Article(text="kept", origin=str(first)),
        Rejected(str(first), "", "unexpected error: KeyError: 'boom'"),
        Article(text="B\ny", origin=str(second), title="B"),
    ]


def test_a_crash_in_one_record_loses_only_that_record(write, monkeypatch):
    import dashboard.sources.tabular as tabular

    real = tabular.article_from_record

    def flaky(record, origin, **kwargs):
        if record.get("text") == "bad":
            raise ZeroDivisionError("division by zero")
        return real(record, origin, **kwargs)

    monkeypatch.setattr(tabular, "article_from_record", flaky)
    path = write("a.jsonl", jsonl({"text": "good"}, {"text": "bad"}, {"text": "fine"}))
    assert read(path) == [
        Article(text="good", origin=f"{path}#line 1"),
        Rejected(str(path), "line 2", "unexpected error: ZeroDivisionError: division by zero"),
        Article(text="fine", origin=f"{path}#line 3"),
    ]
