"""Topic discovery: NMF separates clear synthetic themes; unmatched terms; the topics-suggest command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.loader import load_articles
from dashboard.topic_discovery import format_topics, main_suggest, suggest_topics, unmatched_terms

ROOT = Path(__file__).resolve().parents[1]

FISHING = [
    "Fishermen landed a record catch of cod in the harbour this morning.",
    "The trawler fleet returned to the harbour with herring and cod.",
    "Fish quotas for cod and herring were cut, angering fishermen.",
    "A storm kept the trawler fleet in the harbour for three days.",
    "Fishermen protested the new herring quotas outside the harbour office.",
    "The cod catch fell as the trawler crews faced rising fuel costs.",
    "Young fishermen are leaving the trawler fleet for jobs on land.",
    "Herring prices at the harbour auction rose sharply this week.",
]
ORCHESTRA = [
    "The orchestra performed a symphony by Sibelius at the concert hall.",
    "The violin soloist joined the orchestra for the second concerto.",
    "Tickets for the symphony concert sold out within an hour.",
    "The conductor rehearsed the orchestra for the new symphony season.",
    "A young violin player won the concerto competition at the hall.",
    "The concert hall reopened with a symphony and a violin concerto.",
    "Critics praised the conductor and the orchestra after the concert.",
    "The orchestra announced a concert tour with a famous violin soloist.",
]
FISHING_WORDS = {"fishermen", "trawler", "harbour", "cod", "herring", "fleet", "catch", "quotas"}
ORCHESTRA_WORDS = {"orchestra", "symphony", "concert", "violin", "concerto", "conductor", "hall", "soloist"}


def test_two_clear_themes_give_two_separate_topics():
    topics = suggest_topics(FISHING + ORCHESTRA, n_topics=2, n_terms=5)
    assert len(topics) == 2
    assert all(len(terms) == 5 for terms in topics)
    kinds = []
    for terms in topics:
        if set(terms) <= FISHING_WORDS:
            kinds.append("fishing")
        elif set(terms) <= ORCHESTRA_WORDS:
            kinds.append("orchestra")
        else:
            kinds.append(f"mixed {terms}")
    assert sorted(kinds) == ["fishing", "orchestra"]


def test_suggestions_are_repeatable_and_free_of_stop_words_and_numbers():
    texts = FISHING + ORCHESTRA
    first = suggest_topics(texts, n_topics=3, n_terms=8, random_state=0)
    assert first == suggest_topics(texts, n_topics=3, n_terms=8, random_state=0)
    terms = {t for ts in first for t in ts}
    assert not terms & {"the", "and", "for", "said", "with"}
    assert not any(re.search(r"\d", t) for t in terms)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [([], []), (["", "   "], []), (["the and of"], [])],
)
def test_no_usable_words_gives_no_topics(texts, expected):
    assert suggest_topics(texts) == expected


def test_small_corpus_gives_at_most_one_topic_per_text():
    topics = suggest_topics(["Tanks and artillery.", "Sanctions and tariffs."], n_topics=8)
    assert 1 <= len(topics) <= 2


def test_bad_sizes_are_refused():
    with pytest.raises(ValueError, match="at least 1"):
        suggest_topics(["text"], n_topics=0)


def test_unmatched_terms_flags_terms_outside_the_taxonomy():
    terms = ["sanctions", "nato", "cyber-attacks", "orchestra", "trawler", "sanctions"]
    assert unmatched_terms(terms) == ["orchestra", "trawler"]


def test_format_topics_marks_uncovered_terms():
    lines = format_topics([["nato", "orchestra"], ["tariff"]], ["orchestra"])
    assert lines == ["1: nato orchestra*", "2: tariff"]


def test_main_suggest_prints_one_line_per_topic(tmp_path, capsys):
    files = sorted((ROOT / "data" / "articles").glob("*.md"))[:4]
    store = tmp_path / "store"
    load_articles(files, store=store)
    assert main_suggest(["--store", str(store), "--topics", "3", "--terms", "6"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    for i, line in enumerate(lines, 1):
        number, _, terms = line.partition(": ")
        assert number == str(i)
        assert len(terms.split()) == 6


def test_main_suggest_without_a_store_is_a_clear_error(tmp_path, capsys):
    assert main_suggest(["--store", str(tmp_path / "missing")]) == 2
    assert "no store" in capsys.readouterr().err
