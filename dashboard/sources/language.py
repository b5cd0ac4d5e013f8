"""Guess the language of an article's text with py3langid, as an ISO 639-1 code.

Must not change the text or decide anything else about it; too little text gives "und", never a guess.
"""

from __future__ import annotations

import re

import py3langid

UNDETERMINED = "und"
MIN_LETTERS = 12  # below this many letters a guess is noise
_SAMPLE_CHARS = 3_000  # the opening of a long text is enough to tell its language

_LETTER = re.compile(r"[^\W\d_]")


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language of `text` ("en", "fr", ...), or "und" for empty or too short text."""
    sample = text[:_SAMPLE_CHARS] if text else ""
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return UNDETERMINED
    code, _score = py3langid.classify(sample)  # py3langid loads its (pickle-free) model once and shares it
    return str(code) if code else UNDETERMINED
