"""Long articles: extraction time grows about linearly with an article's length (a guard against lookups that
scan every quote, entity or statement for each one), the offset indexes agree with a scan, and a long
article's local results are those of its parts. Articles are written by bench/extraction_scaling.py."""

from __future__ import annotations

import gc
import importlib.util
import time
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.tokens import Doc

from dashboard.nlp.extract import statement_rows
from dashboard.nlp.gazetteer import Gazetteer
from dashboard.nlp.intervals import Cover, longest_holding
from dashboard.nlp.numbers import extract_numbers
from dashboard.nlp.parse import parse_text
from dashboard.nlp.pipeline import load_model, statements_for_doc
from dashboard.nlp.quotes import QuoteIndex, find_quotes, merge_continued
from dashboard.nlp.stances import extract_stances, stance_matcher
from dashboard.nlp.topics import topic_matcher, topic_rows

BENCH = Path(__file__).resolve().parents[2] / "bench" / "extraction_scaling.py"


def _load_bench():
    spec = importlib.util.spec_from_file_location("extraction_scaling", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _load_bench()


@pytest.fixture(scope="module")
def tools():
    nlp = load_model()
    return nlp, Gazetteer.load(), topic_matcher(nlp), stance_matcher(nlp)


def _extract(doc, tools):
    _, gaz, topics, targets = tools
    return bench.extract(doc, gaz, topics, targets)


def _cpu_seconds(fn, calls: int, repeat: int = 3) -> float:
    """Best CPU time of this process for `calls` calls of `fn`, over `repeat` tries: other processes on the
    machine do not count, nor does the garbage collector."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            t0 = time.process_time()
            for _ in range(calls):
                fn()
            best = min(best, time.process_time() - t0)
    finally:
        gc.enable()
    return best


def _steps(doc: Doc, tools) -> dict:
    """The loader's extraction steps on `doc`, each as a call of no arguments."""
    _, gaz, topics, targets = tools
    statements = statements_for_doc(doc, None, gaz)
    spans = [
        (r["statement_id"], r["content_start"], r["content_end"]) for r in statement_rows("a", statements)
    ]
    return {
        "statements": lambda: statements_for_doc(doc, None, gaz),
        "numbers": lambda: extract_numbers(doc, None, gaz),
        "topics": lambda: topic_rows(doc, "a", spans, matcher=topics),
        "stances": lambda: extract_stances(doc, statements, None, gaz, matcher=targets),
    }


def test_extraction_time_grows_about_linearly(tools):
    # one parse of a quote-dense article of 40,000 characters, and the same parse four times over: each
    # step takes about 4 times as long on the long one when it is linear, 16 times when it is quadratic
    # (before the offset indexes: statements 26, numbers 10, topics 14, stances 11)
    doc = parse_text(tools[0], bench.long_article(40_000))
    long_doc = Doc.from_docs([doc] * 4, ensure_whitespace=False)
    assert len(long_doc.text) == 4 * len(doc.text)
    short, long = _steps(doc, tools), _steps(long_doc, tools)
    ratios = {}
    for step, run in short.items():
        run()  # fills the lookup caches
        calls = max(1, round(0.05 / max(_cpu_seconds(run, 1, repeat=1), 1e-3)))  # at least ~50 ms a try
        ratios[step] = _cpu_seconds(long[step], calls) / _cpu_seconds(run, calls)
    assert all(ratio < 8 for ratio in ratios.values()), ratios


def test_long_article_has_the_local_results_of_its_parts(tools):
    """Statements with a cue, numbers and topic hits depend on their own sentence: in an article made of
    parts they are those of each part alone, at its offset (speakers and years may come from context)."""
    nlp = tools[0]
    parts = [parse_text(nlp, bench.long_article(3_000, seed=seed)) for seed in range(4)]
    whole = Doc.from_docs(parts, ensure_whitespace=False)

    def local(doc: Doc, offset: int = 0) -> list[tuple]:
        rows, numbers, topics, _ = _extract(doc, tools)
        statements = [
            ("statement", r["kind"], r["content"], r["content_start"] + offset, r["cue_start"] + offset)
            for r in rows
            if r["cue_start"] is not None
        ]
        figures = [("number", n.text, n.start + offset, n.value, n.unit, n.currency) for n in numbers]
        hits = [
            ("topic", t["topic"], t["sentence_start"] + offset, t["score"])
            for t in topics
            if t["sentence_start"] is not None
        ]
        return statements + figures + hits

    expected, offset = [], 0
    for part in parts:
        expected += local(part, offset)
        offset += len(part.text)
    assert sorted(local(whole)) == sorted(expected)
    assert len(expected) > 100


# --- the indexes agree with the scans they replace ------------------------------------------------------

QUOTE_TEXT = st.text(alphabet="ab ,.:\n\"'\u201c\u201d\u201e\u00ab\u00bb\u2014", max_size=60)


@given(QUOTE_TEXT)
def test_quotes_are_in_order_and_apart(text):
    """QuoteIndex's bisection needs it: find_quotes and merge_continued give quotes in order that do not
    overlap."""
    quotes = merge_continued(find_quotes(text))
    assert all(q.start < q.end for q in quotes)
    assert all(a.end <= b.start for a, b in pairwise(quotes))


@given(QUOTE_TEXT, st.integers(0, 60), st.integers(0, 60))
def test_quote_index_agrees_with_a_scan(text, a, b):
    quotes = merge_continued(find_quotes(text))
    index = QuoteIndex(quotes)
    start, end = min(a, b), max(a, b)
    assert index.last_ending_by(a) == next((q for q in reversed(quotes) if q.end <= a), None)
    assert index.first_starting_from(a) == next((q for q in quotes if q.start >= a), None)
    assert index.holding(a) == next((q for q in quotes if q.start <= a < q.end), None)
    assert index.within(start, end) == [q for q in quotes if start <= q.start and q.end <= end]


INTERVALS = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=12)


@given(INTERVALS, st.lists(st.integers(-2, 42), max_size=10))
def test_cover_agrees_with_a_scan(intervals, positions):
    cover = Cover(intervals)
    assert [cover.holds(p) for p in positions] == [any(a <= p < b for a, b in intervals) for p in positions]


@given(
    st.lists(INTERVALS.map(lambda spans: spans[:3]), max_size=8), st.lists(st.integers(-2, 42), max_size=10)
)
def test_longest_holding_agrees_with_a_scan(groups, positions):
    def scan(pos: int, sign: int) -> int | None:
        best, best_len = None, None
        for i, spans in enumerate(groups):
            if any(a <= pos < b for a, b in spans):
                length = sign * sum(b - a for a, b in spans)
                if best_len is None or length > best_len:
                    best, best_len = i, length
        return best

    assert longest_holding(groups, positions) == [scan(p, 1) for p in positions]
    assert longest_holding(groups, positions, shortest=True) == [scan(p, -1) for p in positions]
