"""Keep the real-article gold honest: every file's offsets and labels must fit the article it describes,
which lives outside the repository (../shared/eval/real_dev) and is read here, never copied."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent / "gold_real"
_spec = importlib.util.spec_from_file_location("real_gold", HERE / "real_gold.py")
assert _spec is not None and _spec.loader is not None
real_gold = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(real_gold)

FILES = [p for split in real_gold.SPLITS for p in real_gold.gold_files(split)]
needs_articles = pytest.mark.skipif(
    not real_gold.ARTICLES.is_file(),
    reason="the real articles live in ../shared/eval/real_dev, outside the repository",
)


def test_the_split_is_disjoint_and_large_enough() -> None:
    split = real_gold.split()
    assert not set(split["dev"]) & set(split["test"])
    assert len(split["dev"]) >= 35 and len(split["test"]) >= 15


def test_each_gold_file_sits_in_its_split() -> None:
    for split in real_gold.SPLITS:
        for path in real_gold.gold_files(split):
            assert path.stem in real_gold.split()[split], path


def test_no_gold_file_holds_article_text() -> None:
    allowed = {"id", "text_sha256", "statements", "numbers", "stances"}
    for path in FILES:
        gold = json.loads(path.read_text(encoding="utf-8"))
        assert set(gold) == allowed, path
        texts = [v for rows in ("statements", "numbers", "stances") for r in gold[rows] for v in r.values()]
        # labels are names, codes and numbers: nothing long enough to be an excerpt
        assert all(len(v) < 80 for v in texts if isinstance(v, str)), path


@needs_articles
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_gold_file_fits_its_article(path: Path) -> None:
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert real_gold.check(gold, real_gold.articles()[gold["id"]]["text"]) == []
