"""Topic tagging: the taxonomy in `data/topics.toml`, lemma phrase matching, and rows for the `topics` table.

Must not change the shared `nlp` (matchers sit beside it, not in its pipeline) nor touch the store."""

from __future__ import annotations

import csv
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import numpy
from spacy.attrs import IS_QUOTE, TAG
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from dashboard.nlp.lexicons import DATA_DIR, word_list, word_set
from dashboard.nlp.sentences import Sentences, doc_text
from dashboard.taxonomy import TAXONOMY_PATH, TaxonomyError, read_labelled_tables

# Components that do not set lemmas; skipped when the pattern phrases are parsed at build time.
_NOT_FOR_LEMMAS = ("parser", "ner", "ddd_actor_ruler", "ddd_paragraph_breaks")


@dataclass(frozen=True)
class Topic:
    name: str  # the table key, stored in `topics.topic`
    label: str
    description: str
    patterns: tuple[str, ...]  # lower-case phrases, matched on lemmas and on lower-cased words


@dataclass(frozen=True)
class TopicHit:
    """One pattern found in a doc: tokens [start, end) and their character span."""

    topic: str
    pattern: str
    start: int
    end: int
    start_char: int
    end_char: int


def load_taxonomy(path: str | Path | None = None) -> dict[str, Topic]:
    """Topics by name, in file order, from `path` (default `data/topics.toml`); the file is read once."""
    return dict(_load_taxonomy(str(Path(path or TAXONOMY_PATH).resolve())))


@cache
def _load_taxonomy(path: str) -> tuple[tuple[str, Topic], ...]:
    tables = read_labelled_tables(path, TaxonomyError, "topic")
    return tuple(
        (name, Topic(name, table["label"], table["description"], phrases["patterns"]))
        for name, table, phrases in tables
    )


@cache
def proper_words() -> dict[str, str]:
    """Lower-case word -> its form as a proper noun ("kyiv" -> "Kyiv"): one-word country names and capitals
    from the gazetteer, and `data/lexicons/proper_words.txt`."""
    out: dict[str, str] = {}
    with (DATA_DIR / "gazetteer" / "countries.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            for word in (row["name"], row["capital"]):
                if word and " " not in word:
                    out[word.lower()] = word
    for word in word_list("proper_words"):
        out[word.lower()] = word
    return out


def _proper_variant(pattern: Doc) -> list[Doc]:
    """The pattern with its proper nouns' lemmas as the pipeline gives them in running text, when it has any:
    "supply kyiv" also as supply + "Kyiv", so that "supplying Kyiv" matches on lemmas."""
    proper = proper_words()
    if len(pattern) < 2 or not any(t.lower_ in proper for t in pattern):
        return []
    variant = Doc(
        pattern.vocab, words=[t.text for t in pattern], spaces=[bool(t.whitespace_) for t in pattern]
    )
    for tok, src in zip(variant, pattern, strict=True):
        tok.lemma_ = proper.get(src.lower_, src.lemma_)
    return [variant]


_REACH = 12  # more tokens than any pattern has (7 words): a hit with a dropped token inside lies this near


class TopicMatcher:
    """Finds taxonomy patterns in docs made by `nlp`. Each pattern is matched twice and the hits merged:
    on LEMMA (the phrase parsed by `nlp` once, here, so inflections match: "defence budgets", "spent on
    defence") and on LOWER (so proper nouns whose lemma keeps its case match: "NATO", "Kremlin").
    With a pipeline that sets no lemmas only the LOWER matches are made."""

    def __init__(self, nlp: Language, taxonomy: dict[str, Topic] | None = None) -> None:
        self.vocab = nlp.vocab
        self.taxonomy = dict(taxonomy if taxonomy is not None else load_taxonomy())
        self._nlp = nlp
        self._disable = [name for name in _NOT_FOR_LEMMAS if name in nlp.pipe_names]
        self._lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._keys: dict[int, tuple[str, str]] = {}
        words: set[str] = set()
        pairs = [(t.name, p) for t in self.taxonomy.values() for p in t.patterns]
        docs = nlp.pipe((p for _, p in pairs), disable=self._disable)
        for (topic, pattern), pattern_doc in zip(pairs, docs, strict=True):
            key = f"topic:{topic}:{pattern}"
            self._keys[nlp.vocab.strings.add(key)] = (topic, pattern)
            if pattern_doc.has_annotation("LEMMA"):  # a pipeline without a lemmatizer matches words only
                self._lemma.add(key, [pattern_doc, *_proper_variant(pattern_doc)])
            self._lower.add(key, [nlp.make_doc(pattern)])
            words.update(w for t in pattern_doc for w in (t.lower_, t.lemma_.lower()))
        self.pattern_words = frozenset(words)  # every word and lemma of every pattern, lower-cased
        # the patterns' words (not their punctuation), which a quotation mark inside a hit lies between
        self._word_ids = frozenset(self.vocab.strings.add(w) for w in words if any(c.isalnum() for c in w))

    def covers(self, term: str) -> bool:
        """Whether the taxonomy already knows `term`: it matches a pattern, or each of its words (or their
        lemmas) occurs in some pattern ("budget" is part of "defence budget"). Used to flag new terms."""
        doc = self._nlp(term, disable=self._disable)
        if self.hits(doc):
            return True
        words = [t for t in doc if not (t.is_punct or t.is_space)]
        return bool(words) and all(
            t.lower_ in self.pattern_words or t.lemma_.lower() in self.pattern_words for t in words
        )

    def hits(self, doc: Doc | Span) -> list[TopicHit]:
        """Distinct (topic, pattern, token span) hits in `doc`, in text order."""
        if isinstance(doc, Span):
            doc = doc.as_doc()
        if doc.vocab is not self.vocab:
            raise ValueError(
                "the doc was made by another pipeline than this TopicMatcher's; build one for it"
            )
        lemmas = doc.has_annotation("LEMMA")
        found = (
            self._matches(doc, lemmas)
            | self._through_quotes(doc, lemmas)
            | self._through_adverbs(doc, lemmas)
        )
        out = []
        for key, start, end in sorted(found, key=lambda m: (m[1], m[2], m[0])):
            topic, pattern = self._keys[key]
            span = doc[start:end]
            out.append(TopicHit(topic, pattern, start, end, span.start_char, span.end_char))
        return out

    def _matches(self, doc: Doc, lemmas: bool) -> set[tuple[int, int, int]]:
        """(key, start, end) of the patterns matched on LOWER, and on LEMMA when the doc has lemmas."""
        found = set(self._lower(doc))
        if lemmas:
            found.update(self._lemma(doc))
        return found

    def _through_quotes(self, doc: Doc, lemmas: bool) -> set[tuple[int, int, int]]:
        """Hits with quotation marks inside them ('build a “great partnership” with Moscow'): the patterns
        matched on the doc's words without its quotation marks, mapped back to the doc's tokens."""
        quotes = numpy.flatnonzero(doc.to_array(IS_QUOTE)).tolist()
        inner = [i for i in quotes if 0 < i < len(doc) - 1]
        if not self._between_pattern_words(doc, inner):
            return set()
        return self._through(doc, lemmas, set(quotes))

    def _through_adverbs(self, doc: Doc, lemmas: bool) -> set[tuple[int, int, int]]:
        """Hits with an adverb inside them ("negotiating directly with Russia"), as `_through_quotes`; not a
        negation ("talks not with Russia")."""
        negations = word_set("stance_negations")
        tags = doc.to_array(TAG) if len(doc) else numpy.zeros(0)
        adverbs = numpy.flatnonzero(tags == doc.vocab.strings["RB"]).tolist()
        inner = [
            i
            for i in adverbs
            if 0 < i < len(doc) - 1 and doc[i].lower not in self._word_ids and doc[i].lower_ not in negations
        ]
        dropped = set(self._between_pattern_words(doc, inner))
        return self._through(doc, lemmas, dropped) if dropped else set()

    def _between_pattern_words(self, doc: Doc, inner: list[int]) -> list[int]:
        """The tokens at `inner` that stand between two words of the patterns."""
        known = self._word_ids
        return [
            i for i in inner if all(n.lower in known or n.lemma in known for n in (doc[i - 1], doc[i + 1]))
        ]

    def _through(self, doc: Doc, lemmas: bool, dropped: set[int]) -> set[tuple[int, int, int]]:
        """The patterns matched on the doc without the tokens in `dropped`, mapped back to the doc's tokens:
        only hits with a dropped token inside them, so only the words near one are matched."""
        near = {j for i in dropped for j in range(max(i - _REACH, 0), min(i + _REACH + 1, len(doc)))}
        kept = sorted(near - dropped)
        toks = [doc[i] for i in kept]
        bare = Doc(self.vocab, words=[t.text for t in toks], lemmas=[t.lemma_ or t.text for t in toks])
        found = set()
        for key, start, end in self._matches(bare, lemmas):
            first, last = kept[start], kept[end - 1]
            gaps = set(range(first, last + 1)) - set(kept[start:end])
            if gaps and gaps <= dropped:  # a dropped token inside, and nothing else left out
                found.add((key, first, last + 1))
        return found

    def topics_in(self, doc: Doc | Span) -> set[str]:
        return {hit.topic for hit in self.hits(doc)}


@lru_cache(maxsize=4)
def topic_matcher(nlp: Language) -> TopicMatcher:
    """The TopicMatcher for `nlp` and the default taxonomy, built once per pipeline object."""
    return TopicMatcher(nlp)


def topic_rows(
    doc: Doc,
    article_id: str,
    statements: Iterable[tuple[str, int, int]] = (),
    matcher: TopicMatcher | None = None,
) -> list[dict]:
    """Rows for the `topics` table from one parsed article.

    Sentence rows: one per (sentence, topic) with a hit; `sentence_start` is the sentence's first character,
    `score` the number of distinct pattern hits (pattern, position) of the topic in the sentence, and
    `statement_id` the statement (id, start_char, end_char) overlapping the sentence most (None if none).
    Article rows: one per topic found; `statement_id` and `sentence_start` are None and `score` is the share
    of the article's sentences that mention the topic, in (0, 1].

    `matcher` defaults to the matcher of `load_model()`; pass `topic_matcher(nlp)` for docs of another nlp."""
    if matcher is None:
        from dashboard.nlp.pipeline import load_model

        matcher = topic_matcher(load_model())
    spans = [(sid, start, end) for sid, start, end in statements]
    order = {name: i for i, name in enumerate(matcher.taxonomy)}
    hits = matcher.hits(doc)
    sentences = list(_sentences(doc))
    starts = [sent.start for sent in sentences]
    by_sentence: dict[int, dict[str, set[tuple[str, int]]]] = {}
    for hit in hits:
        i = bisect_right(starts, hit.start) - 1
        if i >= 0 and hit.end <= sentences[i].end:  # a hit across a sentence boundary belongs to neither
            by_sentence.setdefault(i, {}).setdefault(hit.topic, set()).add((hit.pattern, hit.start))
    statement_of = _overlapping_statements(spans, sentences)
    sentence_rows: list[dict] = []
    sentences_with: dict[str, int] = {}
    for i, in_sent in sorted(by_sentence.items()):
        sent = sentences[i]
        statement_id = statement_of.get(i)
        for topic in sorted(in_sent, key=order.__getitem__):
            sentences_with[topic] = sentences_with.get(topic, 0) + 1
            sentence_rows.append(
                {
                    "article_id": article_id,
                    "statement_id": statement_id,
                    "topic": topic,
                    "score": float(len(in_sent[topic])),
                    "sentence_start": sent.start_char,
                }
            )
    n_sentences = max(1, len(sentences))
    article_rows = [
        {
            "article_id": article_id,
            "statement_id": None,
            "topic": topic,
            "score": sentences_with[topic] / n_sentences,
            "sentence_start": None,
        }
        for topic in sorted(sentences_with, key=order.__getitem__)
    ]
    return sentence_rows + article_rows


def _sentences(doc: Doc) -> list[Span]:
    """The doc's sentences with some text in them (the whole doc when it has no sentence boundaries)."""
    text = doc_text(doc)
    return [s for s in Sentences(doc).spans if text[s.start_char : s.end_char].strip()]


def _overlapping_statements(spans: Sequence[tuple[str, int, int]], sentences: list[Span]) -> dict[int, str]:
    """Sentence index -> the statement overlapping it most (the first one on a tie), for the sentences some
    statement overlaps. Each statement is held against the sentences it reaches only (found by bisection in
    the sentences, which are in order and apart), not against every sentence."""
    starts = [s.start_char for s in sentences]
    ends = [s.end_char for s in sentences]
    best: dict[int, tuple[int, str]] = {}  # sentence index -> (overlap, statement id)
    for sid, s_start, s_end in spans:
        for i in range(bisect_right(ends, s_start), bisect_left(starts, s_end)):
            overlap = min(ends[i], s_end) - max(starts[i], s_start)
            if overlap > best.get(i, (0, None))[0]:
                best[i] = (overlap, sid)
    return {i: sid for i, (_, sid) in best.items()}
