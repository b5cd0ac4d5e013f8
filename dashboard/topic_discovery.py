"""Topic discovery: TF-IDF + NMF over article texts, to suggest themes and terms the taxonomy lacks.

Only suggests: must not write data/topics.toml or the store, and must not import streamlit."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dashboard.nlp.topics import TopicMatcher

DEFAULT_STORE = ".store"  # the CLI's default store folder
# News-prose words that say nothing about a theme, on top of scikit-learn's English stop words.
NEWS_STOP_WORDS = frozenset({"said", "says", "say", "told", "mr", "ms", "mrs", "according", "added"})
WORD_PATTERN = r"(?u)\b[^\W\d_][^\W\d_-]*(?:-[^\W\d_]+)*\b"  # words and hyphenated words, no numbers


def suggest_topics(
    texts: Sequence[str], n_topics: int = 8, n_terms: int = 10, random_state: int = 0
) -> list[list[str]]:
    """Up to `n_topics` themes in `texts`, each as its `n_terms` highest-weighted terms (best first).

    TF-IDF (English and news stop words, unigrams) factorised with NMF. Terms must occur in at least two
    texts when there are ten or more texts (in one otherwise) and in at most 90% of them when there are
    five or more, so one-off names and words every text shares do not make themes. Fewer themes come
    back when the corpus is too small for `n_topics`; an empty list when it has no usable words."""
    if n_topics < 1 or n_terms < 1:
        raise ValueError("n_topics and n_terms must be at least 1")
    import numpy as np  # scikit-learn takes seconds to import: only when suggesting
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

    docs = [t for t in texts if t and t.strip()]
    if not docs:
        return []
    vectorizer = TfidfVectorizer(
        stop_words=sorted(ENGLISH_STOP_WORDS | NEWS_STOP_WORDS),
        token_pattern=WORD_PATTERN,
        min_df=2 if len(docs) >= 10 else 1,
        max_df=0.9 if len(docs) >= 5 else 1.0,
        sublinear_tf=True,
    )
    try:
        matrix = vectorizer.fit_transform(docs)
    except ValueError:  # no term left after stop words and document-frequency limits
        return []
    terms = vectorizer.get_feature_names_out()
    k = min(n_topics, matrix.shape[0], matrix.shape[1])
    model = NMF(n_components=k, init="nndsvda", random_state=random_state, max_iter=1000)
    model.fit(matrix)
    topics = []
    for weights in model.components_:
        order = np.argsort(-weights, kind="stable")[:n_terms]
        top = [str(terms[i]) for i in order if weights[i] > 0]
        if top:
            topics.append(top)
    return topics


def unmatched_terms(terms: Iterable[str], matcher: TopicMatcher | None = None) -> list[str]:
    """The terms no taxonomy pattern covers (see `TopicMatcher.covers`): candidates for new patterns or
    topics. `matcher` defaults to the one for `load_model()`."""
    if matcher is None:
        from dashboard.nlp.pipeline import load_model
        from dashboard.nlp.topics import topic_matcher

        matcher = topic_matcher(load_model())
    return [t for t in dict.fromkeys(terms) if not matcher.covers(t)]


def format_topics(topics: list[list[str]], uncovered: Iterable[str]) -> list[str]:
    """One line per topic, its terms separated by spaces, terms not in the taxonomy marked with `*`."""
    new = set(uncovered)
    return [
        f"{i}: " + " ".join(f"{t}*" if t in new else t for t in terms) for i, terms in enumerate(topics, 1)
    ]


def main_suggest(argv: list[str] | None = None) -> int:
    """`topics-suggest --store DIR --topics N --terms N`: print suggested topics of the stored articles."""
    parser = argparse.ArgumentParser(
        prog="python -m dashboard topics-suggest",
        description="Suggest topics in the stored articles (TF-IDF + NMF); terms that no pattern in "
        "data/topics.toml covers are marked with *.",
    )
    parser.add_argument("--store", default=DEFAULT_STORE, help=f"store folder (default {DEFAULT_STORE})")
    parser.add_argument("--topics", type=int, default=8, help="number of topics (default 8)")
    parser.add_argument("--terms", type=int, default=10, help="terms per topic (default 10)")
    parser.add_argument("--seed", type=int, default=0, help="NMF random state (default 0)")
    args = parser.parse_args(argv)
    if args.topics < 1 or args.terms < 1:
        parser.error("--topics and --terms must be at least 1")

    from dashboard.store import Store

    store = Store(args.store)
    if not store.exists():
        print(store.missing_message(), file=sys.stderr)
        return 2
    texts = [t for t in store.read("articles", columns=["text"])["text"].dropna().tolist() if t.strip()]
    if not texts:
        print(f"error: the store at {args.store} holds no article text", file=sys.stderr)
        return 1
    topics = suggest_topics(texts, n_topics=args.topics, n_terms=args.terms, random_state=args.seed)
    if not topics:
        print("error: no topics found: the articles have too few distinct words", file=sys.stderr)
        return 1
    uncovered = unmatched_terms(t for terms in topics for t in terms)
    for line in format_topics(topics, uncovered):
        print(line)
    print("(* = not covered by any pattern in data/topics.toml)", file=sys.stderr)
    return 0
