"""A folder of bad and odd inputs beside good articles, run through the real loader once: every input
record must end up as an article, a counted duplicate or a rejected row whose reason names the problem.

Everything is built under tmp_path at run time (nothing binary is committed). One module-scoped fixture
loads the folder twice into one store; the tests only look at the results."""

from __future__ import annotations

import io
import json
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from dashboard.corpus import Corpus
from dashboard.loader import load_articles
from dashboard.records import normalise_text
from dashboard.store import Store

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
MILLION = 1_000_000  # spaCy's default nlp.max_length


# --- texts -------------------------------------------------------------------------------------------------
# fmt: off
_COUNTRIES = [
    "Poland", "Estonia", "Latvia", "Lithuania", "Finland", "Sweden", "Norway", "Denmark", "Romania",
    "Slovakia", "Czechia", "Hungary", "Portugal", "Greece", "Croatia", "Slovenia", "Bulgaria", "Albania",
    "Belgium", "Luxembourg", "Iceland", "Montenegro", "Spain", "Italy", "Canada",
]
# fmt: on


def news(n: int) -> str:
    """A distinct short English news text (title line first), so no two kinds are duplicates by accident."""
    country = _COUNTRIES[n % len(_COUNTRIES)]
    share = 1.5 + n / 10
    return (
        f"{country} sets defence budget for {2020 + n % 10}\n"
        f"{country} will spend {share:.1f}% of its GDP on defence in {2020 + n % 10}, the government said on "
        f'Tuesday after a cabinet meeting that ran late into the night. "We are doing this because our '
        f'neighbours ask us to and because the threat is real," the defence minister told reporters in the '
        f"capital, adding that case number {n} of the procurement plan would go to parliament next week."
    )


FRENCH = (
    "La France augmente son budget militaire\n"
    "Le gouvernement a annoncé mardi que les dépenses de défense atteindraient deux pour cent du produit "
    "intérieur brut dès l'année prochaine. « Nous devons être prêts », a déclaré la ministre devant les "
    "députés, ajoutant que la loi de programmation serait votée avant l'été."
)
FORMULA = '=HYPERLINK("http://example.com/x","Click here") ' + news(90).replace("\n", " ")


def big_text() -> str:
    """Over a million characters of plain prose. Long words and no quotes or figures keep the parse and the
    extraction to about half a minute (news-like text with a quote per paragraph takes minutes)."""
    paragraph = (
        "Parliamentarians representing neighbouring constituencies acknowledged extraordinary infrastructure "
        "requirements, notwithstanding considerable administrative complications everywhere.\n\n"
    )
    text = "Infrastructure requirements\n\n" + paragraph * (MILLION // len(paragraph) + 2)
    assert len(text) > MILLION
    return text


# --- binary builders ---------------------------------------------------------------------------------------
def png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)
    pixels = zlib.compress(bytes(range(256)) * 3)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def pdf() -> bytes:
    stream = zlib.compress(b"BT /F1 12 Tf 72 712 Td (Defence) Tj ET" * 30)
    return (
        b"%PDF-1.7\n1 0 obj\n<< /Length "
        + str(len(stream)).encode()
        + b" /Filter /FlateDecode >>\nstream\n"
        + stream
        + b"\nendstream\nendobj\n%%EOF\n"
    )


def zip_bytes(members: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(zipfile.ZipInfo(name), content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def encrypted_zip() -> bytes:
    """A zip whose first member carries the 'encrypted' flag (bit 0) in its central directory entry."""
    data = zip_bytes({"locked.txt": news(30), "open.txt": news(31)})
    start = data.index(b"PK\x01\x02") + 8
    return data[:start] + struct.pack("<H", 0x1) + data[start + 2 :]


def parquet(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer)
    return buffer.getvalue()


# --- the corpus: what to write, and where each kind must end up ---------------------------------------------
@dataclass(frozen=True)
class Case:
    kind: str
    where: str  # path under the input folder; for a member or record, what its origin/position starts with
    place: str  # "article", "rejected", "duplicate", or "article or rejected"
    reason: str = ""  # a regex the rejection reason must match (case-insensitive)
    position: str | None = None  # the rejected row's position, when not the whole file
    check: Callable[[pd.Series], None] | None = None  # more about the article row


def _text_is(expected: str) -> Callable[[pd.Series], None]:
    def check(row: pd.Series) -> None:
        assert row["text"] == expected

    return check


def _language(code: str, parsed: bool) -> Callable[[pd.Series], None]:
    def check(row: pd.Series) -> None:
        assert row["language"] == code
        note = row["processing_note"]
        assert (note is None or pd.isna(note) or "not parsed" not in note) == parsed, note

    return check


def _stray_nul(row: pd.Series) -> None:
    assert "\x00" not in row["text"] and row["text"].count("\ufffd") == 1


def _no_script(row: pd.Series) -> None:
    assert "Riga" in row["text"] and "alert" not in row["text"] and "stolen" not in row["text"]


def _controls_kept(row: pd.Series) -> None:
    assert "\x07" in row["text"] and "\x1b" in row["text"]


CASES = [
    Case("good plain text", "good/a_original.txt", "article", check=_language("en", parsed=True)),
    Case("good markdown with front matter", "good/front.md", "article", check=_text_is(news(2) + "\n")),
    Case("empty file", "empty.txt", "rejected", "empty file"),
    Case("whitespace-only file", "blank.txt", "rejected", "empty text"),
    Case("PNG bytes named .txt", "image.txt", "rejected", "binary"),
    Case("PDF bytes named .txt", "report.txt", "rejected", "binary"),
    Case("unsupported extension", "slides.pptx", "rejected", r"unsupported file type \.pptx"),
    Case("no extension", "README", "rejected", r"unsupported file type \(no extension\)"),
    Case("malformed JSON", "broken.json", "rejected", "invalid JSON"),
    Case("JSON array: the good record", "array.json#item 1", "article"),
    Case("JSON array: a record lacking text", "array.json", "rejected", "no text field", "item 2"),
    Case("JSON nested too deeply", "deep.json", "rejected", "nested too deeply"),
    Case("JSONL: good lines", "lines.jsonl#line 1", "article"),
    Case("JSONL: good line after the bad one", "lines.jsonl#line 3", "article"),
    Case("JSONL: a bad line among good ones", "lines.jsonl", "rejected", "invalid JSON", "line 2"),
    Case("CSV without a text column", "nocol.csv", "rejected", "no text field", "row 1"),
    Case("CSV ragged: good row", "ragged.csv#row 1", "article"),
    Case("CSV ragged: row with too many cells", "ragged.csv", "rejected", "4 cells for 3 columns", "row 2"),
    Case("CSV ragged: row with too few cells", "ragged.csv", "rejected", "no text field", "row 3"),
    Case("CSV with formula-looking text", "formula.csv#row 1", "article", check=_text_is(FORMULA)),
    Case("corrupt parquet", "corrupt.parquet", "rejected", "unreadable Parquet"),
    Case("parquet without a text column", "notext.parquet", "rejected", "no text field", "row 1"),
    Case("zip: bomb member", "bomb.zip", "rejected", "zip bomb suspected", "zeros.txt"),
    Case("zip: good member beside the bomb", "bomb.zip::good.txt", "article"),
    Case("zip: '../' member", "escape.zip", "rejected", r"'\.\.' escapes", "../evil.txt"),
    Case("zip: absolute path member", "absolute.zip", "rejected", "absolute path", "/etc/evil.txt"),
    Case("zip: encrypted member", "encrypted.zip", "rejected", "encrypted", "locked.txt"),
    Case("zip: member beside the encrypted one", "encrypted.zip::open.txt", "article"),
    Case("zip: nested too deep", "nested.zip::l1.zip::l2.zip", "rejected", "nested more", "l3.zip"),
    Case("zip: corrupt archive", "corrupt.zip", "rejected", "corrupt or unreadable zip"),
    Case("zip: empty archive", "empty.zip", "rejected", "no records"),
    Case("zip: hidden member", "mac.zip", "rejected", "hidden zip member", ".DS_Store"),
    Case("zip: __MACOSX entry", "mac.zip", "rejected", "hidden zip member", "__MACOSX/._a.txt"),
    Case("zip: article beside hidden members", "mac.zip::a.txt", "article"),
    Case("hidden file", ".hidden.txt", "rejected", "hidden file"),
    Case("hidden folder", ".cache", "rejected", "hidden folder"),
    Case("symlink to /etc/passwd", "passwd.txt", "rejected", "outside the input folder"),
    Case("symlink to a folder outside", "elsewhere", "rejected", "outside the input folder"),
    Case("symlink loop between folders: a -> b", "loop/a/to_b", "rejected", "not followed"),
    Case("symlink loop between folders: b -> a", "loop/b/to_a", "rejected", "not followed"),
    Case("article inside a looped folder", "loop/a/one.txt", "article"),
    Case("dangling symlink", "dangling.txt", "rejected", "broken symlink"),
    Case("symlink to a file inside the folder", "alias.txt", "article"),
    Case("the file that link points to: read again, a duplicate", "target/aliased.txt", "duplicate"),
    Case("named pipe", "pipe.txt", "rejected", "not a regular file"),
    Case("unreadable file (chmod 000)", "unreadable.txt", "rejected", "permission denied"),
    Case("file over the size limit", "huge.txt", "rejected", r"over the 50\.0 MB limit"),
    Case("folders nested too deep", "deep/" + "d/" * 99 + "d", "rejected", "nested more than 100"),
    Case("UTF-16 LE without BOM", "utf16le.txt", "article", check=_text_is(news(40))),
    Case("UTF-16 BE without BOM", "utf16be.txt", "article", check=_text_is(news(41))),
    Case("UTF-16 with BOM", "utf16bom.txt", "article", check=_text_is(news(42))),
    Case("cp1252 text", "cp1252.txt", "article", check=_text_is(news(43).replace('"', "\u201c", 1))),
    Case("text with a stray NUL", "nul.txt", "article", check=_stray_nul),
    Case("HTML with only boilerplate", "menu.html", "rejected", "no main text"),
    Case("HTML with <script> in the article", "script.html", "article", check=_no_script),
    Case("French text", "francais.txt", "article", check=_language("fr", parsed=False)),
    Case("duplicate with other whitespace and quotes", "good/z_duplicate.txt", "duplicate"),
    Case("very short English text", "short.txt", "article", check=_language("en", parsed=True)),
    Case("control characters in an article", "controls.txt", "article", check=_controls_kept),
    Case("text over a million characters", "million.txt", "article or rejected", "long|length|characters"),
    Case("markdown with front matter and no body", "frontonly.md", "rejected", "empty text"),
    Case("JSON text field that is an object", "object.json", "rejected", "text field is a dict"),
    Case("file name that is not UTF-8", "name-\\xff.txt", "article"),
]  # fmt: skip


def build(folder: Path, outside: Path) -> None:
    """Write every kind in CASES into `folder` (links leading out go to `outside` or /etc)."""

    def put(name: str, content: bytes | str) -> Path:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    original = news(1)
    put("good/a_original.txt", original)
    put("good/front.md", f"---\ntitle: Front matter title\ndate: 2024-06-01\n---\n{news(2)}\n")
    put(
        "good/z_duplicate.txt",
        original.replace(" ", "  ").replace('"We', "\u201cWe").replace('real,"', "real,\u201d"),
    )
    put("empty.txt", b"")
    put("blank.txt", "  \n\t \n")
    put("image.txt", png())
    put("report.txt", pdf())
    put("slides.pptx", b"PK\x03\x04 not really")
    put("README", "Read me first.\n")
    put("broken.json", '{"title": "Cut short", "text": "Defence')
    put("array.json", json.dumps([{"title": "First", "text": news(3)}, {"title": "No text here"}]))
    put("deep.json", "[" * 100_000 + "]" * 100_000)
    put("lines.jsonl", json.dumps({"text": news(4)}) + "\n{not json\n" + json.dumps({"text": news(5)}) + "\n")
    put("nocol.csv", "title,date\nA headline without a body,2024-01-01\n")
    ragged = f'title,text,date\nOk,"{news(6).replace(chr(34), chr(34) * 2)}",2024-01-01\n'
    put("ragged.csv", ragged + "Cut,Poland, Germany agree,2024\nOnly a title\n")
    put("formula.csv", "title,text\n" + f'Formula,"{FORMULA.replace(chr(34), chr(34) * 2)}"\n')
    put("corrupt.parquet", b"PAR1" + bytes(range(200)) + b"PAR1")
    put("notext.parquet", parquet(pd.DataFrame({"title": ["Headline only"], "date": ["2024-01-01"]})))
    put("bomb.zip", zip_bytes({"good.txt": news(7), "zeros.txt": bytes(2_000_000)}))
    put("escape.zip", zip_bytes({"../evil.txt": news(8)}))
    put("absolute.zip", zip_bytes({"/etc/evil.txt": news(9)}))
    put("encrypted.zip", encrypted_zip())
    level3 = zip_bytes({"l3.zip": zip_bytes({"deepest.txt": news(10)})})
    put("nested.zip", zip_bytes({"l1.zip": zip_bytes({"l2.zip": level3})}))
    put("corrupt.zip", b"PK\x03\x04" + bytes(range(100)))
    put("empty.zip", zip_bytes({}))
    put("mac.zip", zip_bytes({"a.txt": news(11), ".DS_Store": b"\x00\x01", "__MACOSX/._a.txt": b"\x00\x05"}))
    put(".hidden.txt", news(12))
    put(".cache/cached.txt", news(13))
    os.symlink("/etc/passwd", folder / "passwd.txt")
    (outside / "secret").mkdir()
    (outside / "secret" / "s.txt").write_text(news(14))
    os.symlink(outside / "secret", folder / "elsewhere")
    put("loop/a/one.txt", news(15))
    put("loop/b/two.txt", news(16))
    os.symlink("../b", folder / "loop" / "a" / "to_b")
    os.symlink("../a", folder / "loop" / "b" / "to_a")
    os.symlink(folder / "no-such-file.txt", folder / "dangling.txt")
    put("target/aliased.txt", news(17))
    os.symlink("target/aliased.txt", folder / "alias.txt")
    os.mkfifo(folder / "pipe.txt")
    put("unreadable.txt", news(18)).chmod(0)
    with open(folder / "huge.txt", "wb") as handle:
        handle.truncate(50_200_000)  # sparse: no disk used, and the size is checked before a byte is read
    put("deep/" + "d/" * 101 + "buried.txt", news(19))
    put("utf16le.txt", news(40).encode("utf-16-le"))
    put("utf16be.txt", news(41).encode("utf-16-be"))
    put("utf16bom.txt", news(42).encode("utf-16"))
    put("cp1252.txt", news(43).replace('"', "\u201c", 1).encode("cp1252"))
    put("nul.txt", news(44).replace(" the ", " the\x00", 1))
    put(
        "menu.html",
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a> <a href='/w'>World</a> "
        "<a href='/c'>Contact</a></nav><footer>Cookie settings | Privacy</footer></body></html>",
    )
    put(
        "script.html",
        "<html><head><title>Baltic air policing</title></head><body><article><h1>Baltic air policing</h1>"
        "<p>Allied jets will stay in Riga for another year, officials said on Monday after talks that "
        "lasted most of the day.</p><script>fetch('/steal?c=' + document.cookie); alert('stolen');</script>"
        "<p>The mission began in 2004 and now rotates every four months between allies.</p></article>"
        "</body></html>",
    )
    put("francais.txt", FRENCH)
    put("short.txt", "NATO summit opens in Vilnius.")
    put("controls.txt", news(45).replace(" Tuesday", " \x07Tuesday").replace(" capital", " \x1bcapital"))
    put("million.txt", big_text())
    put("frontonly.md", "---\ntitle: Nothing below\n---\n")
    put("object.json", json.dumps({"title": "Odd", "text": {"body": news(46)}}))
    (folder / os.fsdecode(b"name-\xff.txt")).write_text(news(47))


# --- one loader run (and a second into the same store), shared by every test --------------------------------
@dataclass
class Loaded:
    folder: Path
    store: Path
    first: Corpus
    second: Corpus  # the same folder loaded again into the same store


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Loaded:
    root = tmp_path_factory.mktemp("bad_inputs")
    folder, outside, store = root / "in", root / "outside", root / "store"
    folder.mkdir()
    outside.mkdir()
    build(folder, outside)
    first = load_articles(folder, store=store)
    second = load_articles(folder, store=store)
    return Loaded(folder, store, first, second)


def _articles_at(loaded: Loaded, where: str) -> pd.DataFrame:
    articles = loaded.first.articles
    return articles[articles["origin"].str.startswith(str(loaded.folder / where))]


def _rejected_at(loaded: Loaded, case: Case) -> pd.DataFrame:
    rejected = loaded.first.rejected
    rows = rejected[rejected["path"] == str(loaded.folder / case.where)]
    if case.position is not None:
        rows = rows[rows["position"] == case.position]
    return rows


@pytest.mark.parametrize("case", CASES, ids=[c.kind for c in CASES])
def test_every_kind_ends_where_it_should(loaded: Loaded, case: Case) -> None:
    if case.kind.startswith("unreadable") and AS_ROOT:
        pytest.skip("running as root: root reads a file whatever its permissions")
    articles = _articles_at(loaded, case.where)
    rejected = _rejected_at(loaded, case)
    reasons = list(rejected["reason"])
    if case.place == "article or rejected":
        assert len(articles) == 1 or any(re.search(case.reason, r, re.I) for r in reasons), (
            f"neither an article nor a rejected row naming the problem: {reasons}"
        )
        if len(articles):
            note = articles.iloc[0]["processing_note"]
            assert note is None or pd.isna(note) or "failed" not in note, note
        return
    if case.place == "article":
        assert len(articles) == 1, f"expected one article from {case.where}, rejected: {reasons}"
        if case.check is not None:
            case.check(articles.iloc[0])
    elif case.place == "rejected":
        if case.position is None:
            assert articles.empty, list(articles["origin"])
        else:  # the record or member itself became no article (its siblings may have)
            own = (f"{loaded.folder / case.where}{sep}{case.position}" for sep in ("#", "::"))
            assert not articles["origin"].str.startswith(tuple(own)).any(), list(articles["origin"])
        assert reasons, f"no rejected row for {case.where} at {case.position!r}"
        assert any(re.search(case.reason, r, re.I) for r in reasons), reasons
        assert all("\n" not in r and r.strip() for r in reasons)
    else:  # a duplicate: not stored again, counted, and its original is there
        assert articles.empty and rejected.empty
        assert loaded.first.report.duplicates >= sum(c.place == "duplicate" for c in CASES)


def test_the_kinds_are_many_and_distinct() -> None:
    assert len({c.kind for c in CASES}) == len(CASES) >= 30


def test_accounting_adds_up(loaded: Loaded) -> None:
    report, corpus = loaded.first.report, loaded.first
    assert report.read == len(corpus.articles) + report.duplicates + len(corpus.rejected)
    assert report.added == len(corpus.articles) and report.cached == 0
    assert sum(report.rejected.values()) == len(corpus.rejected)


def test_nothing_under_the_folder_is_silently_skipped(loaded: Loaded) -> None:
    """Every file and link under the folder (not inside a hidden or linked folder) shows up somewhere."""
    origins = list(loaded.first.articles["origin"]) + list(loaded.first.rejected["path"])
    duplicates = {str(loaded.folder / c.where) for c in CASES if c.place == "duplicate"}
    missing = []
    for top, folders, files in os.walk(loaded.folder):
        folders[:] = [
            f for f in folders if not f.startswith(".") and not os.path.islink(os.path.join(top, f))
        ]
        for name in [*files, *(f for f in os.listdir(top) if os.path.islink(os.path.join(top, f)))]:
            path = os.fsencode(os.path.join(top, name)).decode("utf-8", "backslashreplace")
            if path not in duplicates and not any(o.startswith(path) for o in origins):
                missing.append(path)
    deepest = str(loaded.folder / ("deep/" + "d/" * 101 + "buried.txt"))  # its folder has the row
    assert [p for p in sorted(set(missing)) if p != deepest] == []


def test_duplicate_is_the_original_text(loaded: Loaded) -> None:
    original = (loaded.folder / "good/a_original.txt").read_text()
    duplicate = (loaded.folder / "good/z_duplicate.txt").read_text()
    assert original != duplicate and normalise_text(original) == normalise_text(duplicate)


def test_second_load_into_the_same_store_loses_and_doubles_nothing(loaded: Loaded) -> None:
    first, second = loaded.first.report, loaded.second.report
    assert second.read == first.read
    assert second.added == 0
    assert second.cached == len(loaded.first.articles)
    assert second.duplicates == first.duplicates
    assert second.rejected == first.rejected
    assert len(loaded.second.articles) == len(loaded.first.articles)
    assert set(loaded.second.articles["article_id"]) == set(loaded.first.articles["article_id"])
    store = Store(loaded.store)
    assert len(store.read("articles")) == len(loaded.first.articles)
    stored_rejected = store.read("rejected")
    assert len(stored_rejected) == len(loaded.first.rejected), "rejected rows doubled by the second load"
