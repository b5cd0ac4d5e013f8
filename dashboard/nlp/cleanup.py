"""Blank out what a web page leaves in an article's text before it is parsed: markdown links keep their
words and lose the address, bare URLs go, and the notices listed in `data/lexicons/web_leftovers.txt`
("Media playback is unsupported on your device", photo credits, newsletter prompts) become spaces, as do
related-story runs glued into a name ("Jane Roe Jane Q. RoeHeadline one Headline two MORE (R-Ohio)" keeps
"Jane Roe (R-Ohio)"), and a hyphen typed for a dash between words becomes the dash.

The result is exactly as long as the input and keeps every line break, so each offset into the parsed Doc
still indexes the stored text; the stored text itself is never changed."""

from __future__ import annotations

import re
from functools import cache

from dashboard.nlp.lexicons import word_list

_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\((?:https?://|www\.)[^()\s]{1,1000}\)")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"“”]+[^\s<>\"“”.,;:!?)\]’']")


# A related-story run: a person's full name glued to headlines, up to "MORE" before a party-state tag
_MORE = re.compile(r"\bMORE(?= \((?:[RDI]-)?[A-Z][A-Za-z. ]{1,14}\))")
_GLUED = re.compile(r"([A-Z][a-z]{2,})(?=[A-Z0-9‘'\"“])")
_WORD = re.compile(r"\b([A-Z][a-z]{2,})\b")
_NAME_GLUED = re.compile(r"\b([A-Z][a-z]{2,})(?=[A-Z][a-z])")  # "TrumpDonald": a card glued to a name
_RUN_CHARS = 600


@cache
def _leftovers() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in word_list("web_leftovers")), re.MULTILINE)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _keep_label(match: re.Match[str]) -> str:
    label = match.group(1)
    return " " + label + " " * (len(match.group(0)) - len(label) - 1)


def _related_runs(text: str) -> list[tuple[int, int]]:
    """Spans of related-story runs: from just after a name's first mention to "MORE", when the name's last
    word comes back glued to a headline within the run (a line at most)."""
    spans: list[tuple[int, int]] = []
    for more in _MORE.finditer(text):
        after_last = spans[-1][1] if spans else 0
        start = max(text.rfind("\n", 0, more.start()) + 1, more.start() - _RUN_CHARS, after_last)
        for glued in _GLUED.finditer(text, start, more.start()):
            first = text.rfind(glued.group(1) + " ", start, glued.start())
            if first >= 0 and glued.start() - first <= 80:
                spans.append((first + len(glued.group(1)), more.end()))
                break
        else:
            repeated = _repeated_name_end(text, start, more.start())
            if repeated is not None:
                spans.append((repeated, more.end()))
    return spans


def _hover_cards(text: str) -> list[tuple[int, int]]:
    """Spans of a link's hover card glued to a name, with or without a party tag after it ("President
    TrumpDonald John TrumpHeadline one Headline two MORE shows ..."): from the end of the name's word to
    "MORE", when that word comes back within the card as the end of the full name."""
    spans: list[tuple[int, int]] = []
    for glued in _NAME_GLUED.finditer(text):
        if spans and glued.start() < spans[-1][1]:
            continue
        word = glued.group(1)
        again = text.find(word, glued.end(), glued.end() + 60)
        line_end = text.find("\n", glued.end())
        limit = min(glued.end() + _RUN_CHARS, line_end if line_end >= 0 else len(text))
        more = text.find(" MORE", glued.end(), limit)
        if again >= 0 and more > again and not text[more + 5 : more + 6].isalpha():
            spans.append((glued.end(), more + 5))
    return spans


def _repeated_name_end(text: str, start: int, end: int) -> int | None:
    """Where a name ends whose word comes back, with a space, in its full form just after it and then runs
    into a headline ("Speaker Paul Ryan Paul Davis Ryan Retirees should say ... MORE"): the end of the last
    such word's first mention."""
    found = None
    for word in _WORD.finditer(text, start, end):
        again = text.find(" " + word.group(1) + " ", word.end(), min(word.end() + 30, end))
        after = again + len(word.group(1)) + 2
        if again >= 0 and after < end and text[after].isupper():
            found = word.end()
    return found


# A hyphen typed for a dash between words ("ERBIL, Kurdistan Region - Sweden said"), which the parser
# reads as a compound; the dash it stands for is as long (one character).
_SPACED_HYPHEN = re.compile(r"(?<=[^\W\d]|[,.;'\")\]’”]) - (?=[^\W\d]|[\"'“‘(])")


def mask_web_leftovers(text: str) -> str:
    """`text` with links reduced to their words, web leftovers blanked and hyphens typed for dashes made
    dashes, same length and lines."""
    masked = _LINK.sub(_keep_label, text)
    masked = _URL.sub(_blank, masked)
    for start, end in [*_hover_cards(masked), *_related_runs(masked)]:
        masked = masked[:start] + " " * (end - start) + masked[end:]
    masked = _SPACED_HYPHEN.sub(" \u2014 ", masked)
    return _leftovers().sub(_blank, masked)
