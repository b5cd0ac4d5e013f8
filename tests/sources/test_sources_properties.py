"""Properties: whatever bytes a .txt/.jsonl/.csv file holds, the readers never raise and always answer."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.records import Article, Rejected
from dashboard.sources import iter_records, read_upload

# Bytes that look like the formats (so the parsers get past the binary check) mixed with raw noise.
_FRAGMENTS = st.sampled_from(
    [
        b"text",
        b"title",
        b",",
        b";",
        b'"',
        b"\n",
        b"\r\n",
        b"{",
        b"}",
        b":",
        b"[",
        b"]",
        b"---",
        b"\xef\xbb\xbf",
    ]
)
CONTENT = st.one_of(
    st.binary(max_size=400),
    st.lists(st.one_of(_FRAGMENTS, st.binary(max_size=8)), max_size=60).map(b"".join),
    st.text(max_size=200).map(lambda s: s.encode("utf-8")),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=CONTENT, ext=st.sampled_from(["txt", "jsonl", "csv"]))
def test_arbitrary_bytes_never_raise(content: bytes, ext: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input.{ext}"
        path.write_bytes(content)
        out = list(iter_records([path]))
    assert out, "every file gives at least one output"
    assert all(isinstance(r, Article | Rejected) for r in out)
    for record in out:
        if isinstance(record, Article):
            assert record.text.strip()
            assert record.origin.startswith(str(path))
        else:
            assert record.reason and "\n" not in record.reason
    assert list(read_upload(f"input.{ext}", content)) == [
        _reorigin(r, str(path), f"input.{ext}") for r in out
    ]


def _reorigin(record: Article | Rejected, old: str, new: str) -> Article | Rejected:
    if isinstance(record, Article):
        return Article(**{**record.__dict__, "origin": record.origin.replace(old, new, 1)})
    return Rejected(record.path.replace(old, new, 1), record.position, record.reason)


_PRINTABLE = st.characters(exclude_categories=["Cc", "Cs"])


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.text(_PRINTABLE, min_size=1, max_size=30), min_size=1, max_size=8))
def test_every_csv_row_gives_exactly_one_output(rows: list[str]) -> None:
    quoted = "".join('"' + row.replace('"', '""') + '"\n' for row in rows)
    out = list(read_upload("rows.csv", ("text\n" + quoted).encode("utf-8")))
    positions = [r.origin.split("#")[1] if isinstance(r, Article) else r.position for r in out]
    assert positions == [f"row {n}" for n in range(1, len(rows) + 1)]
    assert [r.text for r in out if isinstance(r, Article)] == [r for r in rows if r.strip()]
