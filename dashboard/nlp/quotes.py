"""Quotation spans in raw article text: pairs opening and closing marks, including quotes running over
sentences and paragraphs, and finds them by offset. Works on characters only; knows nothing of the parse."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

OPENERS = {"\u201c": "\u201d", "\u201e": "\u201d", "\u00ab": "\u00bb", '"': '"'}
CLOSERS = {"\u201d", "\u00bb", '"'}
_MARKS = re.compile(r"''|[\"\u201c\u201d\u201e\u00ab\u00bb]")  # '' is a double quote in some archives
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_NEWLINE = re.compile(r"\n\s*")


@dataclass(frozen=True)
class Quote:
    """A quotation: `start`/`end` include the marks; `inner_start`/`inner_end` are the quoted words.

    `continues` is True when the quote is left open at a paragraph end and the next paragraph reopens it
    (the newspaper convention for a quotation running over several paragraphs)."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    continues: bool = False
    closed: bool = True

    def __contains__(self, pos: int) -> bool:
        return self.start <= pos < self.end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: split at blank lines, or at newlines if the text has no blank line."""
    breaks = _BLANK_LINE if _BLANK_LINE.search(text) else _NEWLINE
    spans, pos = [], 0
    for m in breaks.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _is_opening_straight(text: str, i: int, width: int = 1) -> bool | None:
    """Direction of a straight double quote from its neighbours: True opening, False closing, None unclear."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    if (before.isspace() or before in "([{-\u2014\u2013:'") and not after.isspace():
        return True
    if (after.isspace() or after in ".,;:!?)]}-\u2014\u2013'") and not before.isspace():
        return False
    return None


def find_quotes(text: str) -> list[Quote]:
    """All quotations in `text`, in order. Unclosed quotes end at their paragraph's end."""
    quotes: list[Quote] = []
    for p_start, p_end in paragraphs(text):
        open_at: int | None = None
        closer = ""
        for m in _MARKS.finditer(text, p_start, p_end):
            i, ch, width = m.start(), m.group(), len(m.group())
            straight = ch in {'"', "''"}
            if open_at is None:
                # a curly mark that reads as closing (",“ Kubilius said"; "„...“" style) opens nothing
                backwards = ch == "\u201c" and _is_opening_straight(text, i, width) is False
                if (
                    (ch in OPENERS or ch == "''")
                    and not backwards
                    and (not straight or _is_opening_straight(text, i, width) is not False)
                ):
                    open_at, open_width, closer = i, width, ch if straight else OPENERS[ch]
                continue
            german = text[open_at] == "\u201e" and ch == "\u201c"  # „...“ closes too
            closes = ch == closer or german or (ch in CLOSERS and closer not in {'"', "''"})
            if straight and ch == closer:
                closes = _is_opening_straight(text, i, width) is not True or i + width >= p_end
            if closes:
                quotes.append(Quote(open_at, i + width, open_at + open_width, i))
                open_at = None
        if open_at is not None:
            end = p_end
            while end > open_at + 1 and text[end - 1].isspace():
                end -= 1
            nxt = p_end  # the next paragraph's first character (not a copy of the rest of the text)
            while nxt < len(text) and text[nxt].isspace():
                nxt += 1
            reopens = text.startswith(text[open_at : open_at + open_width], nxt)
            quotes.append(Quote(open_at, end, open_at + open_width, end, continues=reopens, closed=False))
    return [q for q in quotes if text[q.inner_start : q.inner_end].strip()]


def merge_continued(quotes: list[Quote]) -> list[Quote]:
    """Join quotes left open at a paragraph end with the quote that reopens the next paragraph."""
    merged: list[Quote] = []
    for q in quotes:
        if merged and merged[-1].continues:
            prev = merged.pop()
            q = Quote(prev.start, q.end, prev.inner_start, q.inner_end, q.continues, q.closed)
        merged.append(q)
    return merged


class QuoteIndex:
    """Quotes by offset, by bisection. The quotes must be in text order and must not overlap, as those of
    `find_quotes` and `merge_continued` are; then both their starts and their ends ascend."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = quotes
        self.starts = [q.start for q in quotes]
        self.ends = [q.end for q in quotes]

    def last_ending_by(self, pos: int) -> Quote | None:
        """The last quote with `end <= pos`."""
        i = bisect_right(self.ends, pos)
        return self.quotes[i - 1] if i else None

    def first_starting_from(self, pos: int) -> Quote | None:
        """The first quote with `start >= pos`."""
        i = bisect_left(self.starts, pos)
        return self.quotes[i] if i < len(self.quotes) else None

    def holding(self, pos: int) -> Quote | None:
        """The quote whose marks enclose `pos` (`start <= pos < end`)."""
        i = bisect_right(self.starts, pos) - 1
        return self.quotes[i] if i >= 0 and pos < self.ends[i] else None

    def within(self, start: int, end: int) -> list[Quote]:
        """The quotes with `start <= q.start` and `q.end <= end`, in order."""
        i = bisect_left(self.starts, start)
        return self.quotes[i : bisect_right(self.ends, end, lo=i)]
