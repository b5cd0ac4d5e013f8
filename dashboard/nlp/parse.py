"""Parse (text, context) pairs with spaCy so that no one text can stop the run: an over-long text in pieces
joined into one exact Doc, a failing text reported. Must not mutate `nlp` or read the whole stream at once."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

C = TypeVar("C")

# Where a long text may be cut, best first, each as "the last such break in the window": `(?s).*` runs to
# the window's end and backs off to the last match. A cut always falls after a whole run of whitespace.
_BREAKS = tuple(
    re.compile(r"(?s).*(" + brk + ")")
    for brk in (
        r"\n[^\S\n]*\n\s*",  # paragraph: a blank line
        r"\n\s*",  # line
        r"[.!?…][\"'”’)\]]*\s+",  # sentence-ish: terminal punctuation, closing quotes, whitespace
    )
)
_LAST_WHITESPACE = re.compile(r"(?s).*(\s+)")
# Pieces of a long text are at most this long (or the limit, if lower): a paragraph's parse does not depend
# on text far from it, and smaller pieces keep memory down and avoid per-Doc costs that grow faster than
# its length (ddd_paragraph_breaks takes ~24 s on one 735,000-character Doc, ~0.3 s per 100,000).
PIECE_CHARS = 100_000
REASON_CHARS = 300


def split_text(text: str, limit: int) -> list[str]:
    """Cut `text` into consecutive non-empty pieces of at most `limit` characters whose concatenation is
    `text`: after the last paragraph break in the second half of the limit, else line break, else sentence
    end; else after the last whitespace; else (one word longer than `limit`) exactly at `limit`."""
    if limit < 1:
        raise ValueError(f"limit must be a positive number of characters, got {limit}")
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        end = start + _cut(window)
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def _cut(window: str) -> int:
    for brk in _BREAKS:
        if found := brk.match(window, len(window) // 2):
            return found.end(1)
    found = _LAST_WHITESPACE.match(window)
    return found.end(1) if found else len(window)


def parse_text(nlp: Language, text: str, limit: int | None = None) -> Doc:
    """`nlp(text)`, or for a text over `limit` (at most, and by default, `nlp.max_length`) its pieces from
    `split_text` (at most `PIECE_CHARS` each) parsed one by one and joined into one Doc whose text is
    `text`, character for character, so every offset into the Doc indexes `text`."""
    limit = nlp.max_length if limit is None else min(limit, nlp.max_length)
    if len(text) <= limit:
        return nlp(text)
    docs = [nlp(piece) for piece in split_text(text, min(limit, PIECE_CHARS))]
    return Doc.from_docs(docs, ensure_whitespace=False)


def parse_stream(
    nlp: Language,
    items: Iterable[tuple[str, C]],
    *,
    n_process: int = 1,
    batch_size: int = 32,
    chunk_articles: int = 200,
    max_chars: int | None = None,
) -> Iterator[tuple[Doc | None, C, str | None]]:
    """Yield, in input order, `(doc, context, None)` for each text parsed, or `(None, context, reason)` for
    a text that could not be, with a one-line `reason`. `items` is read lazily, `chunk_articles` at a time;
    each chunk goes through one `nlp.pipe(..., n_process, batch_size)`, and if that raises, the chunk's
    remaining texts are parsed one by one so that a bad text costs only itself. Texts over `max_chars`
    (at most, and by default, `nlp.max_length`) are parsed in pieces by `parse_text`."""
    limit = nlp.max_length if max_chars is None else min(max_chars, nlp.max_length)
    source = iter(items)
    while chunk := list(islice(source, chunk_articles)):
        yield from _parse_chunk(nlp, chunk, limit, n_process, batch_size)


def _parse_chunk(
    nlp: Language, chunk: list[tuple[str, C]], limit: int, n_process: int, batch_size: int
) -> Iterator[tuple[Doc | None, C, str | None]]:
    docs = nlp.pipe(
        [text for text, _ in chunk if len(text) <= limit], n_process=n_process, batch_size=batch_size
    )
    broken = False
    try:
        for text, context in chunk:
            if not broken and len(text) <= limit:
                try:
                    doc = next(docs)
                except Exception:  # the batch died; parsing one by one finds the text that did it
                    broken = True
                else:
                    yield doc, context, None
                    continue
            yield _parse_alone(nlp, text, context, limit)
    finally:
        docs.close()  # stops nlp.pipe's worker processes when the consumer stops early


def _parse_alone(nlp: Language, text: str, context: C, limit: int) -> tuple[Doc | None, C, str | None]:
    try:
        return parse_text(nlp, text, limit), context, None
    except Exception as exc:  # one text's failure must not stop the stream
        reason = " ".join(f"parse failed: {type(exc).__name__}: {exc}".split())
        return None, context, reason[:REASON_CHARS]
