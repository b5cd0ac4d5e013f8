"""Read plain-text and Markdown articles: optional `---` front matter, title from it or the first line.

Must not change the body text (it is kept exactly as decoded) and must not guess metadata from the prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dashboard.records import Article, Rejected
from dashboard.sources.decode import decode_bytes
from dashboard.sources.fields import ALIASES, article_from_record

_FENCE = "---"
_FENCE_END = ("---", "...")
_KEY_VALUE = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*:\s?(.*?)\s*$")
_MD_HEADING = re.compile(r"^#{1,6}\s+")


def read_text(data: bytes, origin: str, *, markdown: bool = False) -> Iterator[Article | Rejected]:
    """One article from a .txt/.md file; front matter keys map like record fields (title, date, url, ...)."""
    text = decode_bytes(data)
    meta, body = split_front_matter(text)
    if not {k.lower() for k in meta} & set(ALIASES["title"]):
        first = first_line(body)
        if first is not None:
            meta["title"] = _MD_HEADING.sub("", first).strip() if markdown else first
    yield article_from_record(meta, origin, text=body)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """(`key: value` pairs of a leading `---` block, the body after it); no block -> ({}, text unchanged)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").rstrip() != _FENCE:
        return {}, text
    meta: dict[str, str] = {}
    for index, line in enumerate(lines[1:], start=1):
        stripped = line.rstrip("\r\n")
        if stripped.rstrip() in _FENCE_END:
            return meta, "".join(lines[index + 1 :])
        match = _KEY_VALUE.match(stripped)
        if match:
            meta.setdefault(match.group(1), _unquote(match.group(2)))
        elif stripped.strip() and not stripped.startswith((" ", "\t", "#", "-")):
            return {}, text  # not a front-matter block after all: keep the whole text
    return {}, text  # no closing fence


def first_line(text: str) -> str | None:
    """The first non-empty line of `text`, stripped."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return None


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value
