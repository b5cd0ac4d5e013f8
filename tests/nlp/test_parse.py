"""parse_stream and split_text: long texts in pieces joined into one exact Doc, a failing text costing only
itself, worker processes, lazy reading. Texts are written for these tests."""

from __future__ import annotations

import itertools

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from dashboard.nlp.parse import parse_stream, parse_text, split_text
from dashboard.nlp.pipeline import ACTOR_RULER, PARAGRAPHS, load_model

MARKER = "KABOOM"


@Language.component("test_parse_fail_on_marker")
def fail_on_marker(doc):
    if any(tok.text == MARKER for tok in doc):
        raise RuntimeError(f"component hit the marker\nsecond line in {len(doc)} tokens")
    return doc


@pytest.fixture(scope="module")
def nlp():
    return load_model()


@pytest.fixture
def fragile():
    """A small pipeline of our own (never the shared model) whose last component raises on MARKER."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("test_parse_fail_on_marker")
    return nlp


ARTICLE = (
    "Allies weigh a higher spending goal\n"
    "Defence ministers met in Brussels on Tuesday. They discussed how quickly the alliance could rebuild "
    "its stocks of ammunition.\n\n"
    "Olaf Scholz told reporters in Berlin that Germany would keep its promise. The chancellor did not give "
    "a date.\n\n"
    "Emmanuel Macron said in Paris that Europe had to produce more of its own weapons. He spoke after a "
    "meeting with Ursula von der Leyen, who leads the European Commission.\n"
    "A second line without a full stop\n\n"
    "Officials at NATO said the figures for Poland and Lithuania would be published in June."
)


def borders(pieces: list[str]) -> list[int]:
    return list(itertools.accumulate(len(p) for p in pieces))[:-1]


# --- split_text -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "limit", "pieces"),
    [
        ("short", 10, ["short"]),
        ("exactly 10", 10, ["exactly 10"]),
        # a blank line wins over a later line break or sentence end in the window's second half
        (
            "One two three.\n\nFour five.\nSix seven. Eight",
            28,
            ["One two three.\n\n", "Four five.\nSix seven. Eight"],
        ),
        # no blank line in the second half: the last line break
        (
            "One two three four.\nFive six. Seven eight nine",
            26,
            ["One two three four.\n", "Five six. Seven eight nine"],
        ),
        # no line break: the last sentence end, its closing quote and space staying in front
        ('He said "No more." Then he left the room', 25, ['He said "No more." ', "Then he left the room"]),
        # a blank line in the first half only is passed over for a sentence end in the second half
        ("Ab.\n\nCd ef gh. Ij kl mn op", 16, ["Ab.\n\nCd ef gh. ", "Ij kl mn op"]),
        # no break at all: after the last whitespace run, whole
        ("alpha beta  gamma delta", 13, ["alpha beta  ", "gamma delta"]),
        # one word longer than the limit: a hard cut
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
        # a run of blank lines stays whole in the earlier piece
        ("Aaaa bbbb.\n\n\n\nCccc dddd", 16, ["Aaaa bbbb.\n\n\n\n", "Cccc dddd"]),
    ],
)
def test_split_text_prefers_paragraphs_then_lines_then_sentences(text, limit, pieces):
    assert split_text(text, limit) == pieces


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='ab .!\n\r\t"\u2028…”', max_size=200), st.integers(min_value=1, max_value=40))
def test_split_text_pieces_rejoin_exactly_within_the_limit(text, limit):
    pieces = split_text(text, limit)
    assert "".join(pieces) == text
    assert all(0 < len(p) <= limit for p in pieces) or pieces == [""]


def test_split_text_rejects_a_limit_below_one():
    with pytest.raises(ValueError, match="positive"):
        split_text("text", 0)


# --- pieces joined into one Doc ----------------------------------------------------------------------------


def test_long_text_in_pieces_is_one_doc_with_the_exact_text_sentences_and_entities(nlp):
    limit = 160
    pieces = split_text(ARTICLE, limit)
    assert len(pieces) >= 3
    (doc, ctx, reason), *rest = parse_stream(nlp, [(ARTICLE, "a1")], max_chars=limit)
    assert not rest and ctx == "a1" and reason is None
    assert doc.text == ARTICLE and len(doc.text) > limit
    assert doc.has_annotation("DEP") and doc.has_annotation("ENT_IOB") and doc.has_annotation("TAG")

    # each piece parsed alone, shifted by its offset, is exactly what the joined Doc holds: the statistical
    # components, the paragraph-break component and the actor ruler all behaved the same on the pieces
    offsets = [0, *borders(pieces)]
    alone = [nlp(p) for p in pieces]
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [
        (e.start_char + off, e.end_char + off, e.label_)
        for off, d in zip(offsets, alone, strict=True)
        for e in d.ents
    ]
    assert [s.start_char for s in doc.sents] == [
        s.start_char + off for off, d in zip(offsets, alone, strict=True) for s in d.sents
    ]
    assert [(t.dep_, t.head.idx) for t in doc] == [
        (t.dep_, t.head.idx + off) for off, d in zip(offsets, alone, strict=True) for t in d
    ]

    # entities after the first piece index the original text
    late = [e for e in doc.ents if e.start_char >= offsets[1]]
    assert {"Emmanuel Macron", "Ursula von der Leyen", "NATO", "Poland"} <= {e.text for e in late}
    assert all(ARTICLE[e.start_char : e.end_char] == e.text for e in doc.ents)
    leyen = next(e for e in late if e.text == "Ursula von der Leyen")
    assert leyen.start_char == ARTICLE.index("Ursula von der Leyen") and leyen.label_ == "PERSON"

    # no sentence runs over a piece border, and every piece starts a sentence
    sents = list(doc.sents)
    assert sents
    for border in offsets[1:]:
        assert not any(s.start_char < border < s.end_char for s in sents)
        assert border in {s.start_char for s in sents}
    # the line break without a full stop still starts a sentence (ddd_paragraph_breaks on a piece)
    assert ARTICLE.index("A second line") in {s.start_char for s in sents}


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("Poland spends more.Germanyspendslesstodaythanitdidbefore and NATO counts it.", 20),  # hard cuts
        ("Finland joined NATO in 2023.   \n  \n   Sweden followed in 2024.  ", 12),  # whitespace at cuts
        ("Poland \u2028 Lithuania\u00a0Latvia   Estonia.\r\n\r\nDenmark.", 9),  # unusual whitespace
        ("\n\n\nLeading and trailing breaks around Estonia.\n\n\n", 15),
    ],
)
def test_joined_doc_text_is_exact_however_the_pieces_end(nlp, text, limit):
    doc = parse_text(nlp, text, limit)
    assert doc.text == text
    assert [t.idx for t in doc] == sorted(t.idx for t in doc)
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)
    assert all(text[e.start_char : e.end_char] == e.text for e in doc.ents)


def test_default_limit_is_nlp_max_length_and_max_chars_cannot_exceed_it():
    nlp = spacy.blank("en")  # our own pipeline, so lowering its max_length touches nothing shared
    nlp.max_length = 50
    text = "Tallinn and Riga asked for more air defence. " * 5
    ((doc, _, reason),) = parse_stream(nlp, [(text, 0)])
    assert reason is None and doc.text == text
    ((doc, _, reason),) = parse_stream(nlp, [(text, 0)], max_chars=10_000)
    assert reason is None and doc.text == text


# --- failures cost only their own text ---------------------------------------------------------------------


@pytest.mark.parametrize("n_process", [1, 2])
def test_an_exception_in_a_chunk_costs_only_the_text_that_caused_it(fragile, n_process):
    texts = [f"Text number {i} about the Baltic states." for i in range(11)]
    texts[5] = f"This one says {MARKER} and fails."
    out = list(
        parse_stream(
            fragile,
            ((t, i) for i, t in enumerate(texts)),
            n_process=n_process,
            batch_size=2,
            chunk_articles=4,
        )
    )
    assert [ctx for _, ctx, _ in out] == list(range(11))
    failed = {ctx: reason for doc, ctx, reason in out if doc is None}
    assert set(failed) == {5}
    assert failed[5].startswith("parse failed: RuntimeError: component hit the marker")
    assert "\n" not in failed[5]
    assert all(doc.text == texts[ctx] and reason is None for doc, ctx, reason in out if ctx != 5)


def test_a_failing_piece_of_a_long_text_costs_only_that_text(fragile):
    long = "Harmless words about Norway. " * 10 + f"Then {MARKER} in a later piece."
    items = [("Before it.", "a"), (long, "b"), ("After it.", "c")]
    out = list(parse_stream(fragile, items, max_chars=60))
    assert [(ctx, doc is None) for doc, ctx, _ in out] == [("a", False), ("b", True), ("c", False)]
    assert out[1][2].startswith("parse failed: RuntimeError")


def test_an_error_in_the_input_itself_is_not_swallowed(fragile):
    def source():
        yield "Fine.", 1
        raise OSError("disk gone")

    with pytest.raises(OSError, match="disk gone"):
        list(parse_stream(fragile, source()))


def test_the_shared_model_is_not_mutated(nlp):
    before = (list(nlp.pipe_names), nlp.max_length, nlp.batch_size)
    list(parse_stream(nlp, [(ARTICLE, 0), ("Short text on Latvia.", 1)], max_chars=100))
    assert (list(nlp.pipe_names), nlp.max_length, nlp.batch_size) == before
    assert PARAGRAPHS in nlp.pipe_names and ACTOR_RULER in nlp.pipe_names


# --- processes and laziness --------------------------------------------------------------------------------


def test_two_processes_give_the_same_docs_in_order(nlp):
    items = [
        ("Mark Rutte spoke in The Hague about Article 5.", 0),
        (ARTICLE, 1),
        ("Warsaw wants to spend 4 percent of GDP on defence.", 2),
        ("", 3),
        ("Helsinki and Stockholm joined the alliance.", 4),
    ]
    one = list(parse_stream(nlp, items, n_process=1, max_chars=200))
    two = list(parse_stream(nlp, items, n_process=2, batch_size=2, chunk_articles=3, max_chars=200))
    assert [ctx for _, ctx, _ in two] == [0, 1, 2, 3, 4]
    assert all(reason is None for _, _, reason in two)
    for (d1, _, _), (d2, _, _) in zip(one, two, strict=True):
        assert d2.text == d1.text
        assert [(e.start_char, e.label_) for e in d2.ents] == [(e.start_char, e.label_) for e in d1.ents]
        assert [(t.dep_, t.head.i) for t in d2] == [(t.dep_, t.head.i) for t in d1]


@pytest.mark.parametrize("n_process", [1, 2])
def test_input_is_read_lazily_chunk_by_chunk(fragile, n_process):
    pulled = itertools.count()

    def endless():
        while True:
            i = next(pulled)
            yield f"Text {i} on Estonia.", i

    stream = parse_stream(fragile, endless(), n_process=n_process, chunk_articles=5)
    first = list(itertools.islice(stream, 3))
    stream.close()  # stops the worker processes
    assert [ctx for _, ctx, _ in first] == [0, 1, 2]
    assert next(pulled) == 5  # one chunk read, nothing more
