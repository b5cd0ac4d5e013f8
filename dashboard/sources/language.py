"""Guess the language of an article's text with py3langid, as an ISO 639-1 code; short texts lean English.

Must not change the text or decide anything else about it; too little text gives "und", never a guess.

py3langid alone throws away many short English lines (headlines full of names come out as Nigerian Pidgin,
Frisian or German), and the corpus is English news, so a short sample (under SHORT_LETTERS letters) is
judged differently: only MAJOR_LANGUAGES are candidates (no short line tells Pidgin from English), and a
non-English best guess wins only when it beats English by more than ENGLISH_MARGIN per letter, or by more
than ENGLISH_MARGIN_WITH_FUNCTION_WORDS when the line holds an English function word ("the", "of", ...).
Measured on the lines in tests/sources/test_sources_language.py: real French, German, Spanish... lines of
five words or more beat English by over 1.0 per letter (three-word ones by 0.59 and 0.72); misread English
headlines mostly by under 0.4, but two with German names in them ("Zeitenwende", "Von der Leyen") by more
and stay misread.
"""

from __future__ import annotations

import re
from pathlib import Path

import py3langid

UNDETERMINED = "und"
MIN_LETTERS = 12  # below this many letters a guess is noise
SHORT_LETTERS = 400  # about two sentences: below this py3langid's guess needs a second look
ENGLISH_MARGIN = 0.5  # score points per letter a non-English guess must beat English by in a short text
ENGLISH_MARGIN_WITH_FUNCTION_WORDS = 1.0
_SAMPLE_CHARS = 3_000  # the opening of a long text is enough to tell its language

LEXICONS = Path(__file__).resolve().parents[2] / "data" / "lexicons"


def _words(name: str) -> frozenset[str]:
    """The entries of a one-word-per-line list in data/lexicons (lines starting with # are comments)."""
    lines = (LEXICONS / name).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


MAJOR_LANGUAGES = _words("short_text_languages.txt")  # the labels a short text may get
ENGLISH_FUNCTION_WORDS = _words("english_function_words.txt")

_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language of `text` ("en", "fr", ...), or "und" for empty or too short text."""
    sample = text[:_SAMPLE_CHARS] if text else ""
    letters = len(_LETTER.findall(sample))
    if letters < MIN_LETTERS:
        return UNDETERMINED
    if letters >= SHORT_LETTERS:
        code, _score = py3langid.classify(sample)  # py3langid loads its (pickle-free) model once, shared
        return str(code) if code else UNDETERMINED
    return _short_text_language(sample, letters)


def warm_up_detection() -> None:
    """Load py3langid's model now (about 0.7 s), not at the first article."""
    py3langid.classify("load the model")


def _short_text_language(sample: str, letters: int) -> str:
    # rank() scores every language without touching the shared identifier (set_languages would mutate it)
    scores = {code: score for code, score in py3langid.rank(sample) if code in MAJOR_LANGUAGES}
    best = max(scores, key=scores.__getitem__)
    if best == "en":
        return "en"
    lead = (scores[best] - scores["en"]) / letters
    words = {word.lower() for word in _WORD.findall(sample)}
    margin = ENGLISH_MARGIN_WITH_FUNCTION_WORDS if words & ENGLISH_FUNCTION_WORDS else ENGLISH_MARGIN
    return "en" if lead <= margin else str(best)
