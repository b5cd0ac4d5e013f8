"""Shared helpers for the source-reader tests: write inputs under tmp_path and read them back as lists."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from dashboard.records import Article, Rejected
from dashboard.sources import iter_records

EN = (
    "Defence ministers agreed on Tuesday to raise military spending to two percent of GDP, "
    "officials in Brussels said after a long meeting."
)


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, bytes | str], Path]:
    """write(name, content) -> path; str content is written as UTF-8, nested folders are created."""

    def _write(name: str, content: bytes | str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return _write


def read(*paths: object, **kwargs: int) -> list[Article | Rejected]:
    return list(iter_records(list(paths), **kwargs))


def only(records: list[Article | Rejected]) -> Article | Rejected:
    assert len(records) == 1, records
    return records[0]


def jsonl(*objects: object) -> str:
    return "".join(json.dumps(o) + "\n" for o in objects)
