"""A doc's sentences, read once from its sentence-start array: iterating `doc.sents` (or calling
`Token.sent`) walks the tokens in Python and costs more than the extractors that use it."""

from __future__ import annotations

from bisect import bisect_right

import numpy
from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per doc: spaCy joins its tokens again on every read."""
    text = doc.user_data.get("ddd_text")
    if text is None:
        text = doc.user_data["ddd_text"] = doc.text
    return text


def sentence_starts(doc: Doc) -> list[int]:
    """Token index of each sentence's start; [0] for a doc without sentence boundaries."""
    if len(doc) == 0 or not doc.has_annotation("SENT_START"):
        return [0]
    starts = numpy.flatnonzero(doc.to_array([SENT_START]) == 1).tolist()
    return starts if starts and starts[0] == 0 else [0, *starts]


class Sentences:
    """The doc's sentences as spans, with the sentence of any token by bisection."""

    def __init__(self, doc: Doc) -> None:
        self.starts = sentence_starts(doc)
        ends = [*self.starts[1:], len(doc)]
        self.spans = [doc[a:b] for a, b in zip(self.starts, ends, strict=True)] if len(doc) else []

    def of(self, token_index: int) -> Span:
        return self.spans[bisect_right(self.starts, token_index) - 1]
