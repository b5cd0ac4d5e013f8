"""Quality against the hand-annotated gold set in `tests/gold/`: statements matched by content overlap, then
speaker, country and kind compared. Measures only; it never changes what the loader extracts."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from dashboard.corpus import Corpus, content_pieces

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "tests" / "gold"
_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass
class GoldArticle:
    path: Path
    statements: list[dict]
    raw: dict = field(repr=False)


def gold_articles(gold_dir: Path = GOLD_DIR) -> list[GoldArticle]:
    """Every gold file whose article exists (the seed lives outside the repository, in ../shared)."""
    out = []
    for path in sorted(gold_dir.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        article = (ROOT / raw["file"]).resolve()
        if article.exists():
            out.append(GoldArticle(article, raw.get("statements", []), raw))
    return out


@cache
def gold_corpus(gold_dir: Path = GOLD_DIR, model: str | None = None) -> Corpus:
    """Every gold article through the loader, once per process (the quality tests and benches share it;
    callers must not modify the tables)."""
    from dashboard.loader import load_articles

    return load_articles([a.path for a in gold_articles(gold_dir)], model=model)


def _tokens(text: str, start: int, end: int) -> frozenset[int]:
    return frozenset(m.start() for m in _TOKEN.finditer(text, start, end))


def _jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def gold_span(text: str, item: dict) -> tuple[int, int]:
    """(start, end) of a gold statement: explicit offsets, or the first occurrence of its content."""
    if "start" in item:
        return item["start"], item["end"]
    i = text.find(item["content"])
    if i < 0:
        raise ValueError(f"gold content not in article: {item['content'][:60]!r}")
    return i, i + len(item["content"])


@dataclass
class Counts:
    """Gold, predicted and matched items, with precision, recall and F1."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class StatementScores(Counts):
    speaker_ok: int = 0
    country_ok: int = 0
    kind_ok: int = 0
    errors: list[dict] = field(default_factory=list)

    def accuracy(self, what: str) -> float:
        return getattr(self, f"{what}_ok") / self.matched if self.matched else 0.0


def score_statements(text: str, gold: list[dict], predicted: pd.DataFrame, scores: StatementScores) -> None:
    """Add one article's comparison to `scores`: greedy one-to-one matching by content token Jaccard >= 0.5
    (as the PolNeAR scorer does), then speaker / speaker_country / kind agreement on matched pairs."""
    g_spans = [gold_span(text, g) for g in gold]
    g_toks = [_tokens(text, s, e) for s, e in g_spans]
    p_rows = list(predicted.itertuples(index=False))
    p_toks = [
        frozenset().union(
            *(
                _tokens(text, a, b)
                for a, b in content_pieces(r.content_start, r.content_end, r.content_fragments)
            )
        )
        for r in p_rows
    ]
    pairs = sorted(
        ((_jaccard(p, g), i, j) for i, p in enumerate(p_toks) for j, g in enumerate(g_toks)), reverse=True
    )
    used_p, used_g = set(), set()
    for sim, i, j in pairs:
        if sim < 0.5:
            break
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        g, p = gold[j], p_rows[i]
        speaker = None if pd.isna(p.speaker) else p.speaker
        country = None if pd.isna(p.speaker_country) else p.speaker_country
        ok_speaker = speaker == g.get("speaker")
        ok_country = country == g.get("speaker_country")
        scores.speaker_ok += ok_speaker
        scores.country_ok += ok_country
        scores.kind_ok += p.kind == g.get("kind")
        if not (ok_speaker and ok_country):
            scores.errors.append(
                {
                    "gold": (g.get("speaker"), g.get("speaker_country")),
                    "predicted": (speaker, country),
                    "content": text[g_spans[j][0] : g_spans[j][1]][:80],
                }
            )
    for j in set(range(len(gold))) - used_g:
        scores.errors.append(
            {"missed": text[g_spans[j][0] : g_spans[j][1]][:80], "gold": gold[j].get("speaker")}
        )
    for i in set(range(len(p_rows))) - used_p:
        scores.errors.append({"spurious": p_rows[i].content[:80], "predicted": p_rows[i].speaker})
    scores.gold += len(gold)
    scores.predicted += len(p_rows)
    scores.matched += len(used_p)


def evaluate_statements(gold_dir: Path = GOLD_DIR, model: str | None = None) -> StatementScores:
    """Run the loader on every gold article and score its statements."""
    articles = gold_articles(gold_dir)
    corpus = gold_corpus(gold_dir, model)
    scores = StatementScores()
    by_origin = corpus.articles.set_index("origin")
    for art in articles:
        row = by_origin.loc[str(art.path)] if str(art.path) in by_origin.index else None
        if row is None:
            raise RuntimeError(f"gold article was not loaded: {art.path}")
        predicted = corpus.statements[corpus.statements["article_id"] == row["article_id"]]
        score_statements(row["text"], art.statements, predicted, scores)
    return scores


@dataclass
class NumberScores:
    """Gold numbers found (same value, overlapping offsets) and the fields right on those found."""

    gold: int = 0
    matched: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(NUMBER_FIELDS, 0))
    verdicts: int = 0
    verdicts_right: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    def accuracy(self, name: str) -> float:
        return self.right[name] / self.matched if self.matched else 0.0


NUMBER_FIELDS = ("country", "year", "kind", "unit")


def _cell(value: object) -> object:
    if value is None or pd.isna(value):
        return None
    return int(value) if isinstance(value, float) and value.is_integer() else value


def score_numbers(text: str, gold: list[dict], predicted: pd.DataFrame, scores: NumberScores) -> None:
    """Match each gold number to an unused predicted one with the same value over the same text, in order;
    compare country, year, kind and unit, and the claim check's verdict where NATO's series has one."""
    from dashboard.claims import check_claims

    used: set[int] = set()
    pos = 0
    rows = list(predicted.to_dict("records"))
    for g in gold:
        scores.gold += 1
        if "start" in g:  # real articles' gold: offsets, no text in the repository
            start, end = g["start"], g["end"]
        else:  # the gold text as a whole number: "5%" must not match inside "3.5%"
            pattern = re.compile(r"(?<![\d.,])" + re.escape(g["text"]))
            found = pattern.search(text, pos) or pattern.search(text)
            start = found.start() if found else -1
            pos = start + 1
            end = start + len(g["text"])
        label = text[start:end]
        hit = next(
            (
                n
                for n, p in enumerate(rows)
                if n not in used
                and p["start"] < end
                and start < p["end"]
                and abs(float(p["value"]) - float(g["value"])) < 1e-6 * max(1.0, abs(float(g["value"])))
            ),
            None,
        )
        if hit is None:
            scores.errors.append(f"missed {label!r} | {text[max(0, start - 40) : end + 20]!r}")
            continue
        used.add(hit)
        p = rows[hit]
        scores.matched += 1
        diff = {}
        for name in NUMBER_FIELDS:
            ok = _cell(p[name]) == g[name]
            scores.right[name] += ok
            if not ok:
                diff[name] = (g[name], _cell(p[name]))
        expected = check_claims(pd.DataFrame([g]))["verdict"].iloc[0]
        if not pd.isna(expected):  # a gold claim the NATO series can check
            scores.verdicts += 1
            right = not pd.isna(p["verdict"]) and p["verdict"] == expected
            scores.verdicts_right += right
            if not right:
                diff["verdict"] = (expected, _cell(p["verdict"]))
        if diff:
            sentence = str(p["sentence"])[:140].replace("\n", " ")
            scores.errors.append(f"{label!r} (gold, predicted) {diff} | {sentence}")


def evaluate_numbers(gold_dir: Path = GOLD_DIR) -> NumberScores:
    """Load every gold article that has numbers with the default pipeline and score its numbers."""
    articles = [a for a in gold_articles(gold_dir) if a.raw.get("numbers")]
    corpus = gold_corpus(gold_dir)
    by_origin = corpus.articles.set_index("origin")
    scores = NumberScores()
    for art in articles:
        row = by_origin.loc[str(art.path)]
        predicted = corpus.numbers[corpus.numbers["article_id"] == row["article_id"]]
        score_numbers(row["text"], art.raw["numbers"], predicted, scores)
    return scores
