"""Quality on real outlet articles: the loader run on the annotated articles of ../shared/eval/real_dev
(read at run time, never copied) and scored against tests/gold_real (offsets and labels only).

Statements, numbers and stances are scored as on the sample gold set (bench/evaluation.py,
bench/stance_evaluation.py). Measures only; never changes what the loader extracts."""

from __future__ import annotations

import importlib.util
import json
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from bench.evaluation import NumberScores, StatementScores, score_numbers, score_statements
from bench.stance_evaluation import StanceScores, article_triples, score_stances
from dashboard.corpus import Corpus

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT.parent / "shared" / "eval" / "real_dev" / "articles.jsonl"
GOLD_REAL = ROOT / "tests" / "gold_real"
SPLITS = ("dev", "test")


def available() -> bool:
    """True when the real articles (outside the repository) and their gold are here."""
    return ARTICLES.is_file() and any((GOLD_REAL / "dev").glob("*.json"))


def real_gold(split: str) -> list[dict]:
    """The gold records of `split` ("dev": rules may be written from it; "test": measured only)."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((GOLD_REAL / split).glob("*.json"))]


@cache
def _texts() -> dict[str, dict]:
    with open(ARTICLES, encoding="utf-8") as fh:
        return {row["id"]: row for row in map(json.loads, fh)}


@cache
def real_corpus(split: str, disabled_rules: frozenset[str] = frozenset()) -> Corpus:
    """The loader's tables for the annotated articles of `split` (once per process and rule set; callers
    must not modify them)."""
    from dashboard.loader import load_articles

    rows = [_texts()[g["id"]] for g in real_gold(split)]
    with tempfile.TemporaryDirectory(prefix="ddd-real-") as tmp:
        path = Path(tmp) / f"real_{split}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        kwargs = {"disabled_rules": disabled_rules} if disabled_rules else {}
        return load_articles(path, **kwargs)


@dataclass
class RealScores:
    statements: StatementScores
    numbers: NumberScores
    stances: StanceScores
    articles: int


@cache
def _real_gold_module():
    spec = importlib.util.spec_from_file_location("real_gold", GOLD_REAL / "real_gold.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def uniform(name):
    """A speaker or actor name as the gazetteer of today spells it, on both sides of the comparison: the gold
    labels were made uniform through the gazetteer of their day, which has since gained names and aliases
    ("House of Representatives" for "US House of Representatives")."""
    if name is None or (not isinstance(name, str) and pd.isna(name)):
        return None
    return _real_gold_module().canonical(name)


def evaluate_real(split: str, disabled_rules: frozenset[str] = frozenset()) -> RealScores:
    """Score the loader on every annotated article of `split`; speaker and actor names on both sides are
    compared as the gazetteer spells them (`uniform`)."""
    corpus = real_corpus(split, disabled_rules)
    by_id = corpus.articles.set_index("article_id")
    st, nu, sa = StatementScores(), NumberScores(), StanceScores()
    golds = real_gold(split)
    for gold in golds:
        if gold["id"] not in by_id.index:
            raise RuntimeError(f"real article was not loaded: {gold['id']}")
        text = by_id.loc[gold["id"], "text"]
        mine = {t: df[df["article_id"] == gold["id"]] for t, df in corpus.tables().items() if t != "rejected"}
        statements = [{**g, "speaker": uniform(g["speaker"])} for g in gold["statements"]]
        predicted = mine["statements"].assign(speaker=mine["statements"]["speaker"].map(uniform))
        score_statements(text, statements, predicted, st)
        score_numbers(text, gold["numbers"], mine["numbers"], nu)
        mine["stances"] = mine["stances"].assign(actor=mine["stances"]["actor"].map(uniform))
        expected = {(uniform(s["actor"]), s["target"], s["polarity"]) for s in gold["stances"]}
        score_stances(gold["id"], expected, article_triples(mine["stances"]), sa)
    return RealScores(st, nu, sa, len(golds))


def stance_scores(split: str = "dev", disabled_rules: frozenset[str] = frozenset()) -> StanceScores:
    """Stance scores on `split` (for the rule ablation)."""
    return evaluate_real(split, frozenset(disabled_rules)).stances


def gold_stance_rows(split: str) -> pd.DataFrame:
    """Every gold stance row of `split` with its article id (for per-target counts)."""
    return pd.DataFrame([{"article_id": g["id"], **s} for g in real_gold(split) for s in g["stances"]])
