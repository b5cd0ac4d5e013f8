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
def test_folder_is_read_recursively_in_sorted_order_with_a_row_per_hidden_entry(tmp_path, write):
    write("b.txt", "B title\nbody b")
    write("a.txt", "A title\nbody a")
    write("sub/c.md", "C title\nbody c")
    write("sub/deeper/d.jsonl", jsonl({"text": "d1"}, {"text": "d2"}))
    write("sub/z.csv", "text\nz1\n")
    write(".hidden.txt", "never read")
    write(".git/config.txt", "never read")
    write(".git/objects/x.txt", "never read")
    write("sub/.cache/e.txt", "never read")
    write("notes.docx", b"PK\x03\x04")
    out = read(tmp_path)
    assert [(type(r).__name__, r.origin if isinstance(r, Article) else r.path) for r in out] == [
        ("Rejected", str(tmp_path / ".git")),
        ("Rejected", str(tmp_path / ".hidden.txt")),
        ("Article", str(tmp_path / "a.txt")),
        ("Article", str(tmp_path / "b.txt")),
        ("Rejected", str(tmp_path / "notes.docx")),
        ("Rejected", str(tmp_path / "sub/.cache")),
        ("Article", str(tmp_path / "sub/c.md")),
        ("Article", f"{tmp_path / 'sub/deeper/d.jsonl'}#line 1"),
        ("Article", f"{tmp_path / 'sub/deeper/d.jsonl'}#line 2"),
        ("Article", f"{tmp_path / 'sub/z.csv'}#row 1"),
    ]
    assert [r.reason for r in out if isinstance(r, Rejected)] == [
        "hidden folder: skipped",
        "hidden file: skipped",
        f"unsupported file type .docx; supported: {SUPPORTED}",
        "hidden folder: skipped",
    ]
    assert [r.text for r in out if isinstance(r, Article)] == [
        "A title\nbody a",
        "B title\nbody b",
        "C title\nbody c",
        "d1",
        "d2",
        "z1",
    ]


def test_an_explicit_hidden_path_is_read(tmp_path, write):
    path = write(".drafts/.one.txt", "One\nbody")
    expected = [Article(text="One\nbody", origin=str(path), title="One")]
    assert read(path) == expected
    assert read(tmp_path / ".drafts") == [Rejected(str(path), "", "hidden file: skipped")]


def test_folder_symlink_loop_and_broken_link_do_not_hang(tmp_path, write):
    write("a.txt", "A\nbody")
    os.symlink(tmp_path, tmp_path / "loop")
    os.symlink(tmp_path / "gone.txt", tmp_path / "broken.txt")
    os.symlink(tmp_path / "self.txt", tmp_path / "self.txt")
    out = read(tmp_path)
    assert out == [
        Article(text="A\nbody", origin=str(tmp_path / "a.txt"), title="A"),
        Rejected(str(tmp_path / "broken.txt"), "", "broken symlink: its target does not exist"),
        Rejected(
            str(tmp_path / "loop"),
            "",
            "symlink to a folder inside the input folder: not followed (read where it is)",
        ),
        Rejected(str(tmp_path / "self.txt"), "", "symlink loop: not followed"),
    ]


def test_symlink_loop_between_two_folders(tmp_path, write):
    write("a/one.txt", "One\nbody")
    write("b/two.txt", "Two\nbody")
    os.symlink("../b", tmp_path / "a" / "to_b")
    os.symlink("../a", tmp_path / "b" / "to_a")
    out = read(tmp_path)
    reason = "symlink to a folder inside the input folder: not followed (read where it is)"
    assert [r.title if isinstance(r, Article) else (r.path, r.reason) for r in out] == [
        "One",
        (str(tmp_path / "a/to_b"), reason),
        (str(tmp_path / "b/to_a"), reason),  # "to_a" sorts before "two.txt"
        "Two",
    ]


@pytest.fixture
def outside(tmp_path_factory) -> Path:
    """A folder beside the input folder holding an article that must never be read through a link."""
    folder = tmp_path_factory.mktemp("outside")
    (folder / "secret.txt").write_text("Secret\nnot for the corpus")
    (folder / "more").mkdir()
    (folder / "more" / "x.txt").write_text("X\nnot for the corpus either")
    return folder


def test_symlinks_out_of_the_input_folder_are_not_followed(tmp_path, write, outside):
    write("in/a.txt", "A\nbody")
    os.symlink("/etc/passwd", tmp_path / "in" / "passwd.txt")
    os.symlink("/etc", tmp_path / "in" / "etc")
    os.symlink(outside / "secret.txt", tmp_path / "in" / "secret.txt")
    os.symlink(outside / "more", tmp_path / "in" / "more")
    os.symlink("../../outside-gone.txt", tmp_path / "in" / "gone-outside.txt")
    (tmp_path / "in" / "sub").mkdir()
    os.symlink("../..", tmp_path / "in" / "sub" / "up")  # relative, and leads above the input folder
    reason = "symlink points outside the input folder: not followed"
    folder = tmp_path / "in"
    assert read(folder) == [
        Article(text="A\nbody", origin=str(folder / "a.txt"), title="A"),
        Rejected(str(folder / "etc"), "", reason),
        Rejected(str(folder / "gone-outside.txt"), "", reason),
        Rejected(str(folder / "more"), "", reason),
        Rejected(str(folder / "passwd.txt"), "", reason),
        Rejected(str(folder / "secret.txt"), "", reason),
        Rejected(str(folder / "sub" / "up"), "", reason),
    ]


def test_symlink_to_a_file_inside_the_folder_is_read(tmp_path, write):
    write("in/deep/a.txt", "A\nbody")
    write("in/.private/p.txt", "P\nprivate but inside")
    os.symlink("deep/a.txt", tmp_path / "in" / "alias.txt")
    os.symlink(tmp_path / "in" / ".private" / "p.txt", tmp_path / "in" / "p.txt")
    folder = tmp_path / "in"
    assert read(folder) == [
        Rejected(str(folder / ".private"), "", "hidden folder: skipped"),
        Article(text="A\nbody", origin=str(folder / "alias.txt"), title="A"),
        Article(text="A\nbody", origin=str(folder / "deep/a.txt"), title="A"),
        Article(text="P\nprivate but inside", origin=str(folder / "p.txt"), title="P"),
    ]


def test_a_folder_given_through_a_symlink_is_the_input_folder(tmp_path, write, outside):
    os.symlink(outside, tmp_path / "link-to-outside")
    assert [r.title for r in read(tmp_path / "link-to-outside")] == ["X", "Secret"]
    assert read(tmp_path / "link-to-outside" / "secret.txt")[0].title == "Secret"  # explicit: read


def test_explicit_symlink_to_a_file_anywhere_is_read(tmp_path, outside):
    os.symlink(outside / "secret.txt", tmp_path / "explicit.txt")
    assert read(tmp_path / "explicit.txt") == [
        Article(text="Secret\nnot for the corpus", origin=str(tmp_path / "explicit.txt"), title="Secret")
    ]


def test_pipes_are_not_opened(tmp_path, write):
    write("a.txt", "A\nbody")
    os.mkfifo(tmp_path / "pipe.txt")
    reason = "not a regular file (a pipe, socket or device): not read"
    assert read(tmp_path) == [
        Article(text="A\nbody", origin=str(tmp_path / "a.txt"), title="A"),
        Rejected(str(tmp_path / "pipe.txt"), "", reason),
    ]
    assert read(tmp_path / "pipe.txt") == [Rejected(str(tmp_path / "pipe.txt"), "", reason)]


def test_a_file_swapped_for_a_link_after_the_walk_is_not_followed(write, monkeypatch):
    import dashboard.sources.files as files

    path = write("a.txt", "A\nbody")
    path.unlink()
    os.symlink("/etc/hostname", path)
    records = list(files._read_path(str(path), files.DEFAULT_MAX_BYTES, follow=False))
    assert records == [Rejected(str(path), "", "cannot read file: too many levels of symbolic links")]


def test_folders_nested_too_deep_are_reported_not_crashed_on(tmp_path, write):
    deep = tmp_path.joinpath(*["d"] * 102)
    deep.mkdir(parents=True)
    (deep / "a.txt").write_text("A\nbody")
    write("z.txt", "Z\nbody")
    too_deep = tmp_path.joinpath(*["d"] * 101)
    assert read(tmp_path) == [
        Rejected(str(too_deep), "", "folders nested more than 100 deep are not read"),
        Article(text="Z\nbody", origin=str(tmp_path / "z.txt"), title="Z"),
    ]


def test_empty_folder_is_reported(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "only-hidden").mkdir()
    (tmp_path / "only-hidden" / ".only_hidden.txt").write_text("x")
    assert read(tmp_path / "empty", tmp_path / "only-hidden") == [
        Rejected(str(tmp_path / "empty"), "", "no records: the folder holds no files"),
        Rejected(str(tmp_path / "only-hidden" / ".only_hidden.txt"), "", "hidden file: skipped"),
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
        ("a.zip", make_zip({"folder/": ""}), "no records: the zip archive holds no files"),
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
def test_zip_of_hidden_members_gives_a_row_per_member(write):
    path = write("mac.zip", make_zip({".DS_Store": "x", "__MACOSX/._a.txt": "x", "__MACOSX/a.txt": "x"}))
    assert read(path) == [
        Rejected(str(path), ".DS_Store", "hidden zip member: skipped"),
        Rejected(str(path), "__MACOSX/._a.txt", "hidden zip member: skipped"),
        Rejected(str(path), "__MACOSX/a.txt", "hidden zip member: skipped"),
    ]


def test_zip_members_sorted_recursive_hidden_and_unsafe_rejected(write):
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
        Rejected(z, "top/.hidden/x.txt", "hidden zip member: skipped"),
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


@pytest.mark.parametrize("max_bytes", [50_000_000, 5_000_000, 1_000_000])
def test_zip_bomb_beside_a_good_member_whatever_the_budget(zip_bomb, max_bytes):
    # 200 MB declared is over the 100 MB / 20 MB the archive may unpack to at the two smaller limits: that
    # once rejected the whole archive in one row; now only the bomb is rejected and fine.txt is read.
    out = read(zip_bomb, max_bytes=max_bytes)
    assert out[0] == Article(text="Fine\nstill read", origin=f"{zip_bomb}::fine.txt", title="Fine")
    assert (out[1].path, out[1].position) == (str(zip_bomb), "zeros.txt")
    assert out[1].reason.startswith("zip bomb suspected: compression ratio ")
    assert len(out) == 2


def test_zip_total_uncompressed_size_limit(write):
    members = {
        f"m{i:02}.txt": f"Title {i}\n" + "words " * 10_000 for i in range(40)
    }  # 40 x 60 kB, tiny zipped
    path = write("many.zip", make_zip(members))
    assert path.stat().st_size < 60_000
    out = read(path, max_bytes=70_000)  # the archive may unpack to 20 x 70 kB = 1.4 MB: 23 members fit
    assert [r.title for r in out[:23]] == [f"Title {i}" for i in range(23)]
    assert out[23:] == [
        Rejected(
            str(path), f"m{i:02}.txt", "zip bomb suspected: the archive unpacks to more than its 1.4 MB limit"
        )
        for i in range(23, 40)
    ]
    assert [r.title for r in read(path, max_bytes=200_000)] == [f"Title {i}" for i in range(40)]


def test_zip_budget_is_shared_with_archives_inside(write):
    words = "words " * 10_000  # 60 kB
    inner = make_zip({f"in{i:02}.txt": f"Inner {i}\n{words}" for i in range(30)})
    path = write("shared.zip", make_zip({"a.txt": f"A\n{words}", "b.zip": inner, "c.txt": f"C\n{words}"}))
    out = read(path, max_bytes=70_000)  # 1.4 MB for everything: a.txt, b.zip itself, then 22 of its members
    reason = "zip bomb suspected: the archive unpacks to more than its 1.4 MB limit"
    articles = [r for r in out if isinstance(r, Article)]
    assert [r.title for r in articles] == ["A"] + [f"Inner {i}" for i in range(22)]
    assert [(r.path, r.position, r.reason) for r in out if isinstance(r, Rejected)] == [
        *[(f"{path}::b.zip", f"in{i:02}.txt", reason) for i in range(22, 30)],
        (str(path), "c.txt", reason),
    ]


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


def test_file_names_that_are_not_utf8_are_shown_with_escapes(tmp_path):
    (tmp_path / os.fsdecode(b"caf\xe9.txt")).write_text("Cafe\nbody")
    (tmp_path / os.fsdecode(b"notes-\xff.doc")).write_text("x")
    out = read(tmp_path)
    assert out == [
        Article(text="Cafe\nbody", origin=f"{tmp_path}/caf\\xe9.txt", title="Cafe"),
        Rejected(f"{tmp_path}/notes-\\xff.doc", "", f"unsupported file type .doc; supported: {SUPPORTED}"),
    ]
    for record in out:
        for value in vars(record).values():
            if isinstance(value, str):
                value.encode("utf-8")  # storable: no lone surrogates left
