"""Keep the hand-annotated gold set honest: every gold file must match the sample article it describes.

Runs the same checks as `python tests/gold/check_gold.py`; it reads files only and never edits them.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

GOLD_DIR = Path(__file__).resolve().parent / "gold"
_spec = importlib.util.spec_from_file_location("check_gold", GOLD_DIR / "check_gold.py")
assert _spec is not None and _spec.loader is not None
check_gold = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_gold)

GOLD_FILES = check_gold.gold_files(GOLD_DIR)


def test_there_are_enough_gold_files() -> None:
    assert len(GOLD_FILES) >= 18


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_file_matches_its_article(path: Path) -> None:
    article = json.loads(path.read_text(encoding="utf-8"))["file"]
    if article.startswith("../shared/") and not (check_gold.REPO_ROOT / article).is_file():
        pytest.skip(f"{article} lives outside the repository (../shared), which this checkout does not have")
    assert check_gold.check_gold_file(path) == []


def test_gold_totals() -> None:
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in GOLD_FILES]
    assert sum(len(g["statements"]) for g in golds) >= 120
    assert sum(len(g["numbers"]) for g in golds) >= 80


def test_checker_flags_a_missing_substring(tmp_path: Path) -> None:
    article = tmp_path / "data" / "articles" / "2020-01-01_x.md"
    article.parent.mkdir(parents=True)
    article.write_text("---\ntitle: t\n---\nThe minister said spending would rise.\n", encoding="utf-8")
    gold = {
        "file": "data/articles/2020-01-01_x.md",
        "statements": [
            {
                "content": "spending would fall",
                "speaker": None,
                "speaker_type": "anonymous",
                "speaker_country": None,
                "speaker_role": None,
                "kind": "indirect",
            }
        ],
        "numbers": [],
        "stances": [],
        "topics": ["defence_spending"],
    }
    gold_path = tmp_path / "2020-01-01_x.json"
    gold_path.write_text(json.dumps(gold), encoding="utf-8")
    problems = check_gold.check_gold_file(gold_path, root=tmp_path)
    assert len(problems) == 1
    assert "content not found" in problems[0]


def test_article_body_skips_front_matter() -> None:
    text = "---\ntitle: said that\n---\nBody text.\n"
    assert check_gold.article_body(text) == "Body text.\n"


STANCE_ONLY_FILES = sorted((GOLD_DIR.parent / "gold_dev").glob("*.json")) + sorted(
    (GOLD_DIR.parent / "gold_test").glob("*.json")
)


@pytest.mark.parametrize("path", STANCE_ONLY_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_stance_only_gold_file_is_well_formed(path: Path) -> None:
    """The development and test stance sets: an existing article, valid rows, one row per actor and target."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert set(gold) == {"file", "stances"}
    assert (check_gold.REPO_ROOT / gold["file"]).is_file()
    problems = [p for i, s in enumerate(gold["stances"]) for p in check_gold.check_stance(s, f"[{i}]")]
    assert problems == []
    pairs = [(s["actor"], s["target"]) for s in gold["stances"]]
    assert len(pairs) == len(set(pairs))
