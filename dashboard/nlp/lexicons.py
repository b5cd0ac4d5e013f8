"""Every word list the extractors read, from `data/lexicons/`: one file per list, `.txt` (one entry a line)
or `.csv` (a word and its attributes), each opening with `#` lines that say what it is and who reads it.

Loaded once per process and returned immutable (tuples, frozensets, read-only mappings); no extraction
logic lives here."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
LEXICON_DIR = DATA_DIR / "lexicons"


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]


@cache
def word_list(name: str) -> tuple[str, ...]:
    """The entries of `data/lexicons/<name>.txt` in file order (blank lines and `#` lines skipped)."""
    return tuple(line.strip() for line in _lines(LEXICON_DIR / f"{name}.txt") if line.strip())


@cache
def word_set(name: str) -> frozenset[str]:
    """The entries of `data/lexicons/<name>.txt` as a set."""
    return frozenset(word_list(name))


@cache
def table(name: str) -> tuple[Mapping[str, str], ...]:
    """The rows of `data/lexicons/<name>.csv` in file order, each a read-only mapping from its header."""
    rows = csv.DictReader(_lines(LEXICON_DIR / f"{name}.csv"))
    return tuple(MappingProxyType(row) for row in rows)


@cache
def table_words(name: str) -> frozenset[str]:
    """The `word` column of `data/lexicons/<name>.csv`."""
    return frozenset(row["word"] for row in table(name))


@cache
def scores(name: str, column: str = "score") -> Mapping[str, float]:
    """word -> number of a `word,<column>` list (stance cues and their scores, hedges and their factors)."""
    return MappingProxyType({row["word"]: float(row[column]) for row in table(name)})


# -- statements and speakers -------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReportingVerb:
    lemma: str
    cls: str  # "speech", "belief" or "evidence"
    content: frozenset[str]  # how the content attaches: ccomp, quote, dobj, xcomp, xcomp_obj, oprd, prep_<p>


@cache
def reporting_verbs() -> Mapping[str, ReportingVerb]:
    """Reporting verbs by lemma."""
    return MappingProxyType(
        {
            r["lemma"]: ReportingVerb(r["lemma"], r["class"], frozenset(r["content"].split(";")))
            for r in table("reporting_verbs")
        }
    )


@cache
def generic_orgs() -> Mapping[str, str]:
    """Common nouns that stand for an organisation named in the article ("the alliance" for NATO)."""
    return MappingProxyType({r["lemma"]: r["organisation"] for r in table("generic_orgs")})


@dataclass(frozen=True)
class Honorific:
    gender: str | None  # "m", "f", or None when it tells nothing
    dropped_from_names: bool  # taken out of a speaker's name wherever it stands ("Lord X" is "X")


@cache
def honorifics() -> Mapping[str, Honorific]:
    """Titles of address by lower-case form ("mr", "mrs.", "dr", "señor")."""
    return MappingProxyType(
        {
            r["form"]: Honorific(r["gender"] or None, r["dropped_from_names"] == "yes")
            for r in table("honorifics")
        }
    )


@cache
def person_pronouns() -> Mapping[str, str]:
    """Pronoun -> gender ("he" -> "m")."""
    return MappingProxyType({r["pronoun"]: r["gender"] for r in table("speaker_person_pronouns")})


@cache
def subject_pronouns() -> frozenset[str]:
    """The person pronouns that are subjects ("he", "she"): the model sometimes tags them as names."""
    return frozenset(r["pronoun"] for r in table("speaker_person_pronouns") if r["case"] == "subject")


# -- numbers and claims ------------------------------------------------------------------------------------
@cache
def currencies() -> Mapping[str, Mapping[str, str]]:
    """Currency forms by where they stand: `before` the number ("€", "PLN"), `after` it ("euros",
    "Danish crowns"), or glued to it as a `prefix` ("PS2.7m", "RM23.50", "$US55,931"); form -> ISO code."""
    forms: dict[str, dict[str, str]] = {"before": {}, "after": {}, "prefix": {}}
    for row in table("currencies"):
        forms[row["position"]][row["form"]] = row["code"]
    return MappingProxyType({position: MappingProxyType(f) for position, f in forms.items()})


@cache
def number_cues() -> Mapping[str, str]:
    """Lemma -> the kind of figure it marks (`target` or `reported`)."""
    return MappingProxyType({r["lemma"]: r["kind"] for r in table("number_cues")})


@cache
def number_scales() -> Mapping[str, float]:
    """Scale word -> factor ("bn" -> 1e9, "million" -> 1e6)."""
    return MappingProxyType({r["word"]: float(r["factor"]) for r in table("number_scales")})


@cache
def glued_forms(name: str) -> tuple[str, ...]:
    """The forms of a `number_scales` or `number_percent_words` list that may be glued to digits ("13.4bn",
    "5pc"), in file order."""
    return tuple(r["word"] for r in table(name) if r["glued"] == "yes")


@cache
def number_qualifiers() -> tuple[tuple[tuple[str, ...], str], ...]:
    """(words, qualifier) in file order: the first whose words end right before a number qualifies it
    ("at least" -> "at least", "no less than" -> "at least", "roughly" -> "about")."""
    return tuple((tuple(r["phrase"].split()), r["qualifier"]) for r in table("number_qualifiers"))


@cache
def relative_years() -> Mapping[str, int]:
    """Word before "year" -> years from the article's ("last" -> -1)."""
    return MappingProxyType({r["word"]: int(r["offset"]) for r in table("number_relative_years")})


@cache
def period_years() -> Mapping[str, int]:
    """Period word -> its length in years ("decade" -> 10)."""
    return MappingProxyType({r["word"]: int(r["years"]) for r in table("number_periods")})


@dataclass(frozen=True)
class Guideline:
    name: str  # "floor", "core", "total"
    value: float  # percent of GDP
    label: str  # as the charts name it
    written: frozenset[str]  # how an article writes the value ("2", "two")


@cache
def nato_guidelines() -> tuple[Guideline, ...]:
    """NATO's spending guidelines in percent of GDP, in file order."""
    return tuple(
        Guideline(r["name"], float(r["value"]), r["label"], frozenset(r["written"].split(";")))
        for r in table("nato_guidelines")
    )


def nato_guideline(name: str) -> Guideline:
    """One of NATO's guidelines by name ("floor", "core", "total")."""
    return next(g for g in nato_guidelines() if g.name == name)


# -- stances -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StanceLexicon:
    support: Mapping[str, float]  # cue -> score in (0, 1]
    oppose: Mapping[str, float]  # cue -> score in [-1, 0)
    negations: frozenset[str]
    hedges: Mapping[str, float]  # weakener -> factor in (0, 1)
    anaphora: frozenset[str]  # proposal nouns that take a nearby target ("the plan")
    heads: frozenset[str]  # nouns a target mention may modify and still be the stance's object
    org_nouns: frozenset[str]  # apposition heads that make a one-word name an organisation
    act_nouns: Mapping[str, float]  # "Germany's decision to send ...": factor
    agents: Mapping[str, float]  # "a critic of", "a donor of": cues for what someone is said to be

    def cue(self, key: str) -> float | None:
        return self.support.get(key, self.oppose.get(key, self.agents.get(key)))


@cache
def stance_lexicon() -> StanceLexicon:
    """The stance cue lexicons (`stance_support.csv`, `stance_oppose.csv`, ...)."""
    return StanceLexicon(
        support=scores("stance_support"),
        oppose=scores("stance_oppose"),
        negations=word_set("stance_negations"),
        hedges=scores("stance_hedges", "factor"),
        anaphora=word_set("stance_anaphora"),
        heads=word_set("stance_heads"),
        org_nouns=word_set("stance_org_nouns"),
        act_nouns=scores("stance_act_nouns", "factor"),
        agents=scores("stance_agent_nouns"),
    )


@dataclass(frozen=True)
class MembershipVerb:
    particle: str | None  # the object that makes the verb a membership verb ("take part")
    preps: frozenset[str]  # prepositions that name what is joined ("join in", "apply for")


@cache
def membership_verbs() -> Mapping[str, MembershipVerb]:
    """Verbs of joining by lemma ("join", "take part", "apply")."""
    return MappingProxyType(
        {
            r["lemma"]: MembershipVerb(r["particle"] or None, frozenset(r["preps"].split(";")))
            for r in table("stance_membership_verbs")
        }
    )
