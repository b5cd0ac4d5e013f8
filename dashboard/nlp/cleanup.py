"""Blank out what a web page leaves in an article's text before it is parsed: markdown links keep their
words and lose the address, bare URLs go, and the notices listed in `data/lexicons/web_leftovers.txt`
("Media playback is unsupported on your device", photo credits, newsletter prompts) become spaces.

The result is exactly as long as the input and keeps every line break, so each offset into the parsed Doc
still indexes the stored text; the stored text itself is never changed."""

from __future__ import annotations

import re
from functools import cache

from dashboard.nlp.lexicons import word_list

_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\((?:https?://|www\.)[^()\s]{1,1000}\)")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"“”]+[^\s<>\"“”.,;:!?)\]’']")


@cache
def _leftovers() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in word_list("web_leftovers")), re.MULTILINE)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _keep_label(match: re.Match[str]) -> str:
    label = match.group(1)
    return " " + label + " " * (len(match.group(0)) - len(label) - 1)


def mask_web_leftovers(text: str) -> str:
    """`text` with links reduced to their words and web leftovers blanked, same length and lines."""
    masked = _LINK.sub(_keep_label, text)
    masked = _URL.sub(_blank, masked)
    return _leftovers().sub(_blank, masked)
