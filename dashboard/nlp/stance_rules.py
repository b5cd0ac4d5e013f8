"""The stance rules, one table: each rule is a small named function registered in `RULES` with an id, a
one-line description and example sentences on which it decides the result and on which it must not.
`extract_stances` (stances.py) runs them: mention rules find what a sentence says a stance on, reading rules
climb the parse from a mention and weigh the cues met, holder rules say who holds it. Any rule can be
switched off for an ablation (`switched_off`); a rule that is off does not fire (returns None).

Reads the parse, the lexicons and the targets; never changes the doc, the statements or the shared `nlp`."""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

import numpy
from spacy.attrs import LEMMA, LOWER, POS
from spacy.parts_of_speech import NOUN
from spacy.tokens import Doc, Span, Token

from dashboard.nlp.gazetteer import Gazetteer
from dashboard.nlp.intervals import Cover
from dashboard.nlp.lexicons import (
    StanceLexicon,
    membership_verbs,
    person_pronouns,
    scores,
    subject_pronouns,
    table,
    word_list,
    word_set,
)
from dashboard.nlp.sentences import doc_text
from dashboard.nlp.speakers import ArticleSpeakers, Speaker
from dashboard.nlp.statements import (
    _subject,
    appositive_noun,
    directed_by,
    event_noun,
    led_the_way,
    occasion_of_report,
)
from dashboard.records import Statement

if TYPE_CHECKING:
    from dashboard.nlp.stances import Target

ACTOR_TYPES = {"person", "organization", "country"}
BARE_SCORE = 0.5  # a target named in a statement with no cue on its path: mild support
MIXED = 0.05  # a cue contrasted by one of the other sign ("welcomed ... but warned against ..."): neutral
CONTRARY = "~"  # suffix of the matcher key for a target's contrary phrases
PAST_YEARS = 10  # "in 1992" in a 2023 article is background (decades before), not a stance
EARLIER_WEIGHT = 0.2  # "in 2019" in a 2023 article: an earlier position, outweighed by a present one
REACTION = "~reaction"  # matcher key of the counter-move phrases
_MODIFIER_DEPS = {"poss", "compound", "nmod"}
_RUNNING_TIME = re.compile(r"(?:\d{1,2}:)?\d{1,2}:\d{2}")
_STOP_DEPS = {"relcl", "appos", "parataxis"}  # a relative clause or apposition speaks about its noun
_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "csubj", "parataxis"}
# what is not said of a subject: other clauses, and modals ("NATO members should spend" is their obligation)
_NOT_PREDICATE = {"nsubj", "nsubjpass", "ccomp", "advcl", "conj", "relcl", "mark", "punct", "cc", "aux"}


# -- the table ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Rule:
    """A stance rule. Its examples map a text to the stances expected with every rule on, each written
    "actor target polarity" ("Jens Stoltenberg nato_alliance support"); on a `fires` text switching the rule
    off changes the result, on a `spares` text it does not."""

    id: str
    description: str
    fires: Mapping[str, tuple[str, ...]]
    spares: Mapping[str, tuple[str, ...]]
    function: Callable = field(repr=False)


RULES: dict[str, Rule] = {}
_OFF: ContextVar[frozenset[str]] = ContextVar("stance_rules_off", default=frozenset())


def rule(id: str, description: str, *, fires: dict[str, list[str]], spares: dict[str, list[str]]):
    """Register the decorated function as the stance rule `id`; while it is switched off it returns None."""

    def register(function: Callable) -> Callable:
        @functools.wraps(function)
        def run(*args, **kwargs):
            return None if id in _OFF.get() else function(*args, **kwargs)

        RULES[id] = Rule(id, description, _examples(fires), _examples(spares), run)
        return run

    return register


def _examples(examples: dict[str, list[str]]) -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType({text: tuple(stances) for text, stances in examples.items()})


def stance_rules() -> tuple[Rule, ...]:
    """Every stance rule, in the order they are defined: mention rules, reading rules, holder rules."""
    return tuple(RULES.values())


def rule_ids(ids: Collection[str]) -> frozenset[str]:
    """`ids` as a set, checked: a ValueError names the rules when one of them is no rule's id."""
    unknown = sorted(set(ids) - set(RULES))
    if unknown:
        raise ValueError(f"unknown stance rules {unknown}; the rules are: {', '.join(RULES)}")
    return frozenset(ids)


@contextmanager
def switched_off(ids: Collection[str]) -> Iterator[None]:
    """Run the enclosed extraction with the rules `ids` switched off."""
    token = _OFF.set(rule_ids(ids))
    try:
        yield
    finally:
        _OFF.reset(token)


# -- what the rules work on --------------------------------------------------------------------------------
class Mention(NamedTuple):
    """A token that names a target: its score before any cue (-1 for a contrary phrase) and the mention
    rule that found it (None for a phrase of the targets file)."""

    target: str
    base: float
    root: Token
    rule: str | None = None


@dataclass
class Reading:
    """How one target mention reads: signed score, whether a cue decided it, the cue words, the token
    where a plain-sentence cue sits (its subject is the actor), and the rules to cite for it."""

    score: float
    informative: bool
    cues: list[str]
    rule: str | None = None  # the rule that set its polarity last
    actor_verb: Token | None = None
    holder: str | None = None  # a rule that chose the holder, when not the speaker or the cue's subject
    directed: bool = False  # a target's own verb gave the mention a direction ("replace the alliance")
    judged: bool = False  # what is said of the mention as a subject decided it ("X would weaken the bond")
    # the rule that judged it already ("too little": amount_judged; "appeasement": pejorative): a complaint
    # about it does not reverse it
    amount: str | None = None
    needed: bool = False  # a necessary condition of a negated clause ("will not ... unless"): a demand

    def cite(self) -> str:
        """The rule a stance row cites: the one that chose its holder, else the one that set its polarity."""
        return self.holder or self.rule or "bare_mention"


class Scope:
    """Character pieces a climb from a mention may not leave (a statement's content)."""

    def __init__(self, pieces: Sequence[tuple[int, int]]) -> None:
        self.pieces = list(pieces)

    def __contains__(self, tok: Token) -> bool:
        return any(a <= tok.idx < b for a, b in self.pieces)


@dataclass
class Article:
    """One article's parse and what the rules read with it."""

    doc: Doc
    when: date | None
    gaz: Gazetteer
    targets: dict[str, Target]
    lex: StanceLexicon

    @cached_property
    def speakers(self) -> ArticleSpeakers:
        return ArticleSpeakers.for_doc(self.doc, self.when, self.gaz)

    @cached_property
    def other_alliance(self) -> bool:
        """Whether the article names an organisation called an alliance ("the Alliance to Reclaim Our
        Schools") and never the North Atlantic one (stance_nato_names.txt)."""
        names = word_set("stance_nato_names")
        if any(t.lower_ in names for t in self.doc):
            return False
        return any(t.text == "Alliance" and t.pos_ == "PROPN" for t in self.doc)


# -- mention rules: what a sentence takes a stance on ------------------------------------------------------
class _WordIndex:
    """The tokens of a doc whose lower-case form or lemma is in a word list, from one pass over the doc."""

    def __init__(self, doc: Doc) -> None:
        self._strings = doc.vocab.strings
        self._attrs = doc.to_array([LOWER, LEMMA, POS])

    def lower(self, words: Iterable[str]) -> list[int]:
        return self._find(0, words)

    def lemma(self, words: Iterable[str], pos: int | None = None) -> list[int]:
        return self._find(1, words, pos)

    def _find(self, column: int, words: Iterable[str], pos: int | None = None) -> list[int]:
        wanted = numpy.array([self._strings[w] for w in words], dtype="uint64")
        found = numpy.isin(self._attrs[:, column], wanted)
        if pos is not None:
            found &= self._attrs[:, 2] == pos
        return numpy.flatnonzero(found).tolist()


def find_mentions(
    art: Article,
    hits: list[tuple[str, int, int]],
    starts: list[int],
    pieces: Sequence[Sequence[tuple[int, int]]] = (),
) -> list[Mention]:
    """Every target mention: the targets file's phrases (contrary ones with base -1), then what the other
    mention rules find, most of them taking the target the article names most."""
    doc, lex = art.doc, art.lex
    out: list[Mention] = []
    covered: set[int] = set()
    by_sent: dict[int, list[str]] = {}
    reactions = []
    spans = {i: key.removesuffix(CONTRARY) for key, start, end in hits for i in range(start, end)}
    for key, start, end in hits:
        if key == REACTION:
            reactions.append(doc[start:end].root)
            continue
        root = _mention_root(doc[start:end])
        if key.endswith(CONTRARY):
            mention = contrary_phrase(key.removesuffix(CONTRARY), root)
        else:
            mention = Mention(key, 1.0, root)
        if mention is None:
            continue
        target = art.targets[mention.target]
        if (
            modifier_of_other_noun(root, lex, target)
            or civil_aid(root)
            or (mention.target == "defence_spending_increase" and level_comparison(root))
            or asked_about(root)
            or _elsewhere(art, doc[start:end], target)
        ):
            continue
        if target.recipients and invader_forces(root):
            continue
        if adjunct_of_mention(root, mention.target, spans) or dash_restatement(root, mention.target, spans):
            continue
        out.append(mention)
        covered.update(range(start, end))
        by_sent.setdefault(bisect_right(starts, start) - 1, []).append(mention.target)
    in_statement = Cover(piece for p in pieces for piece in p)
    out += [act for m in list(out) for act in relative_act(m, in_statement) or []]
    words = _WordIndex(doc)
    if "dialogue_with_russia" in art.targets:
        for i in words.lower(word_list("stance_russian_leadership")):
            out += contact_with_russia(doc[i], covered) or contact_noun_with_russia(doc[i], covered) or []
            out += reciprocal_contact(doc[i], covered) or []
        for i in words.lemma(word_list("stance_talks_words")):
            out += russian_side_talks(doc[i], covered) or []
    if "defence_spending_increase" in art.targets:
        for i in words.lemma(word_list("stance_outlay_verbs")):
            out += outlay_on_defence(doc[i], covered) or []
    for target in (t for t in art.targets.values() if t.recipients and words.lower(list(t.recipients))):
        for i in words.lemma(list(lex.agents), pos=NOUN):
            out += recipient_backer(doc[i], covered, target) or []
    if "european_defence_cooperation" in art.targets:
        joint = word_set("stance_joint_acts")
        companions = word_set("stance_companion_words")
        verbs = {
            _nearest_verb(doc[i]) for i in words.lemma([*(w for e in joint for w in e.split()), *companions])
        }
        for verb in sorted(verbs, key=lambda t: t.i):
            if verb.pos_ == "VERB" and verb.i not in covered:
                out += joint_european_act(art, verb, joint) or []
    if any(t in art.targets for t in own_targets().values()):
        for i in words.lemma(word_list("stance_build_verbs")):
            if doc[i].pos_ == "VERB" and i not in covered:
                out += own_build(art, doc[i]) or []
    if not by_sent:
        return out + (target_object(art, hits) or [])
    everywhere = [name for names in by_sent.values() for name in names]
    main = main_target(by_sent)
    for tok in reactions:
        out += counter_move(tok, by_sent, starts, main, art.gaz) or []
    for i in words.lemma(lex.anaphora, pos=NOUN):
        named = object_noun_target(doc[i], art.targets, everywhere) or main
        out += proposal_noun(doc[i], covered, in_statement, lex, art.targets[named]) or []
    for i in words.lemma(["vote"]):
        out += vote_without_object(doc[i], main) or []
    if "join" in art.targets[main].support:  # an alliance or a club, not a spending level
        for i in words.lemma(membership_verbs()):
            out += objectless_join(doc[i], covered, main) or []
    for i in words.lower(word_list("stance_event_pronouns")):
        out += event_pronoun(doc[i], covered, lex, main, by_sent, starts) or []
    return out + (target_object(art, hits) or [])


def main_target(by_sent: Mapping[int, Sequence[str]]) -> str:
    """What the article is about: the target named in most sentences (a sentence that names one thrice,
    "the package includes €3bn in military aid", counts once), the lede's counting twice; a tie goes to
    the one named first."""
    counts: Counter[str] = Counter()
    for names in by_sent.values():
        counts.update(set(names))
    counts.update(set(by_sent[min(by_sent)]))
    first = dict.fromkeys(name for i in sorted(by_sent) for name in by_sent[i])
    return max(first, key=counts.__getitem__)


@rule(
    "relative_act",
    "a relative clause that acts on a mention is its subject's act: 'NATO, which Finland joined this year'",
    fires={
        "The jets patrol under the banner of NATO, which Finland joined this year.": [
            "Finland nato_alliance support"
        ],
        "Paris launched a European Intervention Initiative, a ten-nation endeavour, which Germany backed.": [
            "France european_defence_cooperation support",
            "Germany european_defence_cooperation support",
        ],
        "He is overseeing a European Intervention Initiative, a ten-nation endeavour, which is backed by"
        " Germany and the UK.": [
            "Germany european_defence_cooperation support",
            "United Kingdom european_defence_cooperation support",
        ],
    },
    spares={
        "The jets patrol under the banner of NATO, which Finland joins every year.": [],
        "Macron said he wanted a European army, which Germany has long opposed.": [
            "Emmanuel Macron european_defence_cooperation support"
        ],
    },
)
def relative_act(mention: Mention, in_statement: Cover) -> list[Mention]:
    """A phrase mention (or the noun in apposition to it) outside statements with a relative clause whose
    pronoun is the object of a target verb or a general cue (or the subject of one in the passive, with an
    agent), told as done: the clause's verb is a mention of its own, read as the act of its subject or
    agent (`read_mention`)."""
    if mention.rule is not None or in_statement.holds(mention.root.idx):
        return []
    root = mention.root
    nouns = [root, *(c for c in root.children if c.dep_ == "appos")]
    out = []
    for clause in (c for n in nouns for c in n.children if c.dep_ == "relcl"):
        relative = next((c for c in clause.children if c.dep_ == "dobj"), None)
        if relative is None and any(c.dep_ == "agent" for c in clause.children):  # "which is backed by"
            relative = next((c for c in clause.children if c.dep_ == "nsubjpass"), None)
        if relative is None or relative.lower_ not in word_set("relative_pronouns"):
            continue
        if (
            _done(clause, clause=True)
            and (subject := _subject(clause)) is not None
            and subject.root != relative
        ):
            out.append(Mention(mention.target, 1.0, clause, "relative_act"))
    return out


@rule(
    "contrary_phrase",
    "a contrary phrase of a target mentions it reversed: 'rely on the United States', 'arms race'",
    fires={
        "Macron said NATO was brain dead.": ["Emmanuel Macron nato_alliance oppose"],
    },
    spares={
        "Macron said NATO remained indispensable.": ["Emmanuel Macron nato_alliance support"],
        'Erdogan suggested that Macron should have his own "brain death" checked.': [],
        "Russia's war machine keeps growing, said Jens Stoltenberg.": [],
    },
)
def contrary_phrase(target: str, root: Token) -> Mention | None:
    """None for a phrase a person or a country owns ("his own brain death", "Russia's war machine"): it is
    said of them, not the target."""
    if any(
        c.dep_ == "poss" and (c.lower_ in {"my", "your", "his", "her"} or c.ent_type_ in {"GPE", "PERSON"})
        for c in root.children
    ):
        return None
    return Mention(target, -1.0, root, "contrary_phrase")


@rule(
    "modifier_of_other_noun",
    "a mention modifying another noun is about that noun ('NATO's guideline'), unless it is a stance head",
    fires={
        "Germany criticised the NATO summit in Vilnius.": [],
        "Germany has not met its NATO spending commitments.": ["Germany defence_spending_increase oppose"],
        "Pete Hegseth said the Baltic states will meet the NATO 5% spending commitment.": [
            "Pete Hegseth defence_spending_increase support"
        ],
        "Donald Trump criticised the Canadian leader for not meeting NATO members' target of spending 2%.": [
            "Donald Trump defence_spending_increase support"
        ],
        "Pete Hegseth urged NATO members to spend 5% of GDP on defence.": [  # the members' act
            "Pete Hegseth defence_spending_increase support"
        ],
        "Pete Hegseth pushed for NATO members to spend 5% of GDP on defence.": [
            "Pete Hegseth defence_spending_increase support"
        ],
    },
    spares={
        "Germany backed NATO membership for Ukraine.": ["Germany nato_alliance support"],
        "Donald Trump says he will not defend delinquent NATO allies.": ["Donald Trump nato_alliance oppose"],
    },
)
def modifier_of_other_noun(root: Token, lex: StanceLexicon, target: Target | None = None) -> bool:
    """ "NATO's guideline", "a NATO summit" are about the head noun, and "NATO members" who are to do what an
    infinitive says ("urged NATO members to spend") about that act; "NATO membership" is not, nor "NATO
    allies" (stance_member_nouns.txt) as the object of the target's own verb ("defend NATO allies")."""
    if root.dep_ not in _MODIFIER_DEPS:
        return False
    between = root.doc[root.i + 1 : root.head.i]  # a noun of its own between, not a part of "build-up"
    inner = root.dep_ in {"compound", "nmod"} and any(
        t.dep_ == "compound" and t.pos_ == "NOUN" and t.whitespace_ for t in between
    )
    head = root.head
    if (
        head.lemma_.lower() in word_set("stance_member_nouns")
        and head.dep_ == "poss"
        and _head_word(head.head) not in lex.heads
    ):
        return True  # "NATO members' target of spending 2%" is the target, not the alliance
    if _infinitive_agent(head):
        return True  # "urged NATO members to spend more": the members' act, not the alliance
    if _head_word(head) in lex.heads and not inner:
        return False  # "NATO commitments"; but "its NATO spending commitments" are spending commitments
    members = head.lemma_.lower() in word_set("stance_member_nouns") and head.dep_ == "dobj"
    return not (members and target is not None and target_verb(head.head, target) is not None)


def _infinitive_agent(noun: Token) -> bool:
    """Members (stance_member_nouns.txt) who are to do what an infinitive says: the object of a verb with a
    "to" clause ("urged NATO members to spend"), or after "for" ("a push for NATO members to spend")."""
    if noun.lemma_.lower() not in word_set("stance_member_nouns"):
        return False
    if noun.dep_ == "dobj":
        return any(c.dep_ in {"xcomp", "ccomp"} and _to_infinitive(c) for c in noun.head.children)
    if noun.dep_ == "nsubj":  # "pushed for NATO members to spend"
        return _to_infinitive(noun.head)
    if noun.dep_ == "pobj" and noun.head.lower_ == "for":
        owner = noun.head.head
        return any(c.dep_ in {"acl", "advcl", "relcl"} and _to_infinitive(c) for c in owner.children)
    return False


@rule(
    "adjunct_of_mention",
    "a mention in a phrase on another target's mention is its setting: 'burden-sharing within NATO'",
    fires={
        "Emmanuel Macron said Europe needs much better burden-sharing within NATO.": [
            "Emmanuel Macron defence_spending_increase support"
        ],
        "Donald Trump said the Europeans must first pay their fair share of NATO.": [
            "Donald Trump defence_spending_increase support"
        ],
        "Donald Trump has called for Nato allies to shoulder more of the burden of European defence.": [
            "Donald Trump defence_spending_increase support"
        ],
    },
    spares={
        "Emmanuel Macron said Europe needs much better burden-sharing and a strong NATO.": [
            "Emmanuel Macron defence_spending_increase support",
            "Emmanuel Macron nato_alliance support",
        ],
    },
)
def adjunct_of_mention(root: Token, target: str, spans: Mapping[int, str]) -> bool:
    """The object of a preposition of place (stance_setting_preps.txt: "within", "into", "in") on a token of
    another target's phrase ("paying their fair share into NATO", "burden-sharing within NATO"), or what a
    share word or shared cost (stance_burden_nouns.txt) of such a phrase is "of" ("pay their fair share of
    NATO", "shoulder more of the burden of European defence": the share is the stance)."""
    if root.dep_ != "pobj" or root.head.dep_ != "prep":
        return False
    prep, head = root.head.lower_, root.head.head
    shares = word_set("stance_share_words") | word_set("stance_burden_nouns")
    shared = prep == "of" and head.lemma_.lower() in shares
    if prep not in word_set("stance_setting_preps") and not shared:
        return False
    other = spans.get(head.i)
    return other is not None and other != target


@rule(
    "dash_restatement",
    "a phrase set off by a dash naming the target just named restates it: '... within Nato - the alliance'",
    fires={
        'Emmanuel Macron said he agreed that "we need a much better burden-sharing within Nato" \u2014 the '
        "Euro-Atlantic alliance.": ["Emmanuel Macron defence_spending_increase support"],
    },
    spares={
        "Emmanuel Macron said Europe needs better burden-sharing \u2014 and a strong Atlantic alliance.": [
            "Emmanuel Macron defence_spending_increase support",
            "Emmanuel Macron nato_alliance support",
        ],
    },
)
def dash_restatement(root: Token, target: str, spans: Mapping[int, str]) -> bool:
    """A mention right after a dash whose target was named in the few words before the dash: the second
    name stands beside the first (which is read in its own place), whatever the parse hangs it on."""
    dash = root.left_edge.i - 1
    while dash >= 0 and root.doc[dash].is_quote:
        dash -= 1
    if dash < 1 or root.doc[dash].text not in {"\u2014", "\u2013", "-"}:
        return False
    before = range(max(dash - 4, 0), dash)
    return any(spans.get(i) == target for i in before)


@rule(
    "civil_aid",
    "aid that is not military ('humanitarian aid', 'economic support') is no mention of a target",
    fires={
        "Germany pledged economic support for Ukraine.": [],
    },
    spares={
        "Germany gave military aid to Ukraine.": ["Germany military_aid_to_ukraine support"],
        "The Senate voted to pass a military, economic and humanitarian aid package for Ukraine.": [
            "US Senate military_aid_to_ukraine support"
        ],
    },
)
def civil_aid(root: Token) -> bool:
    """A mention or object word with a civil modifier (stance_civil_words.txt) and no military one ("a
    military, economic and humanitarian aid package" is military aid too)."""
    civil = word_set("stance_civil_words")
    modifiers = [c for c in root.children if c.dep_ in {"amod", "compound", "nmod"}]
    modifiers += [t for c in modifiers for t in c.conjuncts]
    if any(c.lemma_.lower() in word_set("defence_cues") for c in modifiers):
        return False
    return any(c.lower_ in civil for c in modifiers)


@rule(
    "level_comparison",
    "spending more than another ('the US spends more on defence than other allies') compares levels",
    fires={
        "The United States has spent far more on defence than all other allies combined.": [],
        "Poland spent more on defence than Germany did.": [],
    },
    spares={
        "Germany must spend more on defence than it did last year.": [
            "Germany defence_spending_increase support"
        ],
        "Germany will spend far more on defence than today.": ["Germany defence_spending_increase support"],
        "Poland will spend more than 4% of GDP on defence.": ["Poland defence_spending_increase support"],
    },
)
def level_comparison(root: Token) -> bool:
    """A spending verb whose comparative ("more", stance_comparatives.txt) is measured against another
    spender ("than Italy", "than other members", "than Germany does"), not against a past level or a
    figure: it ranks the two, it does not raise anything."""
    if root.pos_ != "VERB" or not any(c.lower_ in word_set("stance_comparatives") for c in root.children):
        return False
    spenders = word_set("stance_level_subjects")

    def spender(word: Token) -> bool:
        return (word.pos_ == "PROPN" or word.lemma_.lower() in spenders) and not any(
            c.like_num or c.dep_ == "nummod" for c in word.children
        )

    for than in (t for t in root.subtree if t.lower_ == "than"):
        if than.dep_ == "prep" and any(spender(o) for o in than.children if o.dep_ == "pobj"):
            return True
        if than.dep_ == "mark" and any(spender(o) for o in than.head.children if o.dep_ == "nsubj"):
            return True  # "than Germany did"; not "than it did last year"
    return False


@rule(
    "asked_about",
    "what a speaker was asked about ('said, when asked whether spending would rise') is the question's",
    fires={
        "When asked by reporters whether it was true that defence spending would be increased to 3% of GDP, "
        "Robert Golob said that the draft budget was still pending.": [],
    },
    spares={
        "Robert Golob said defence spending would rise to 3%.": [
            "Robert Golob defence_spending_increase support"
        ],
    },
)
def asked_about(root: Token) -> bool:
    """A mention in the clause of a question put to the speaker (`statements.occasion_of_report`)."""
    return any(occasion_of_report(t) for t in (root, *root.ancestors))


def _elsewhere(art: Article, phrase: Span, target: Target) -> bool:
    """Whether a phrase of the targets file that also fits other news is about something else there: other
    spending, civil security, another conflict, another alliance, cooperation outside Europe, aid to
    another."""
    return bool(
        other_outlay(phrase)
        or any(civil_security(t) for t in phrase)
        or other_level(phrase)
        or other_conflict(phrase)
        or other_alliance(phrase)
        or other_cooperation(phrase, art.gaz, {r for t in art.targets.values() for r in t.recipients})
        or national_fund(phrase, art.gaz)
        or plain_cooperation(phrase)
        or outlay_out_of_context(phrase)
        or alliance_out_of_context(art, phrase)
        or (target.recipients and other_recipient(phrase, target))
    )


@rule(
    "civil_security",
    "security a civil word modifies is no defence: 'social security spending', 'invest in energy security'",
    fires={
        "Rachel Reeves said the government would increase social security spending.": [],
        "Emmanuel Macron said France would invest in energy security.": [],
    },
    spares={
        "Rachel Reeves said the government would increase security spending.": [
            "Rachel Reeves defence_spending_increase support"
        ],
        "Emmanuel Macron said France would invest in security.": [
            "Emmanuel Macron defence_spending_increase support"
        ],
    },
)
def civil_security(tok: Token) -> bool:
    """ "security" with a modifier of stance_civil_security.txt, on it or, where the parse hung the modifier
    on the noun after ("social security spending"), just before it."""
    civil = word_set("stance_civil_security")
    if tok.lower_ != "security":
        return False
    if any(c.dep_ in {"amod", "compound"} and c.lower_ in civil for c in tok.children):
        return True
    return tok.i > 0 and tok.doc[tok.i - 1].lower_ in civil


@rule(
    "other_outlay",
    "a phrase of spending naming no defence, with an object of its own, is about that: 'pay more for gas'",
    fires={
        "NATO allies met. Christian Lindner said households would pay more for energy this winter.": [],
        "NATO allies met on Monday. Emmanuel Macron said farmers must produce more food.": [],
        "NATO allies met. Christian Lindner said consumers would spend more next year.": [],
        "NATO allies met on Monday. Rishi Sunak said Britain would spend more on the NHS.": [],
        "NATO allies met on Monday. Joe Biden said the rich should pay their fair share of taxes.": [],
    },
    spares={
        "Christian Lindner said allies must pay more for their defence.": [
            "Christian Lindner defence_spending_increase support"
        ],
        "Rishi Sunak said the government would spend more on the armed forces.": [
            "Rishi Sunak defence_spending_increase support"
        ],
        "Emmanuel Macron said Europe must produce more shells.": [
            "Emmanuel Macron defence_spending_increase support"
        ],
        "Joe Biden said allies should pay their fair share.": ["Joe Biden defence_spending_increase support"],
    },
)
def other_outlay(phrase: Span) -> bool:
    """A phrase of stance_generic_outlays.txt whose head has an object, or a "for" / "in" / "on" / "of"
    complement, that is a common noun or an organisation outside the phrase and no word of defence
    (defence_cues.txt, an arms word: stance_materiel_nouns.txt, or a shared cost: stance_burden_nouns.txt),
    or whose subject is a common noun that is no spender of the target's (stance_level_subjects.txt)."""
    if phrase.text.lower() not in word_set("stance_generic_outlays"):
        return False
    defence = word_set("defence_cues") | word_set("stance_materiel_nouns") | word_set("stance_burden_nouns")
    root = phrase.root
    objects = [c for c in root.children if c.dep_ == "dobj"]
    objects += [
        g
        for c in (*root.children, *(t for t in phrase if t.dep_ == "dobj"))
        for g in c.children
        if c.dep_ == "prep" and c.lower_ in {"for", "in", "on", "of"} and g.dep_ == "pobj"
    ]
    objects += [c for t in phrase for c in t.children if c.dep_ == "dobj" and c.i >= phrase.end]
    verb = root if root.pos_ in {"VERB", "AUX"} else root.head
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    spenders = word_set("stance_level_subjects") | defence
    if subj is not None and subj.pos_ == "NOUN" and not subj.ent_type_ and subj.lemma_ not in spenders:
        return True  # "consumers would spend more", "households will pay more"
    return any(
        o.i not in range(phrase.start, phrase.end)
        and ((o.pos_ == "NOUN" and not o.ent_type_) or (o.pos_ == "PROPN" and o.ent_type_ == "ORG"))
        and o.lemma_.lower() not in defence
        and not any(c.dep_ in {"amod", "compound"} and c.lemma_.lower() in defence for c in o.children)
        for o in objects
    )


@rule(
    "outlay_out_of_context",
    "spending or a limit naming no defence, with no word of defence near it or with its own modifier: other",
    fires={
        "College fees keep rising. Hillary Clinton said the states should chip in.": [],
        "Tuition keeps rising. Donald Trump said they should spend more.": [],
        "Loretta Lynch said women in law firms still face a ceiling.": [],
        "NATO allies met. Joe Biden said Congress must raise the debt ceiling.": [],
    },
    spares={
        "The alliance is under strain. Donald Trump said allies should chip in.": [
            "Donald Trump defence_spending_increase support"
        ],
        "Germany's army lacks tanks. Christian Lindner said Germany should spend more.": [
            "Christian Lindner defence_spending_increase support"
        ],
    },
)
def outlay_out_of_context(phrase: Span) -> bool:
    """A phrase of stance_generic_outlays.txt ("spend more", "chip in") or stance_generic_limits.txt
    ("ceiling", "arms race") in a sentence that, with the two before it, has no word of defence
    (defence_cues.txt), of the alliance or of Europe (stance_defence_context.txt): a piece on college fees
    where "states should chip in"; or a limit with a noun of another field on it ("the debt ceiling", "a
    glass ceiling", "a cyber arms race"; not "a new arms race")."""
    text = phrase.text.lower()
    limit = text in word_set("stance_generic_limits")
    if not limit and text not in word_set("stance_generic_outlays"):
        return False
    if limit and any(
        c.dep_ in {"compound", "nmod"} and c.lemma_.lower() not in _defence_words()
        for t in phrase
        for c in t.children
        if c.i < phrase.start
    ):
        return True
    doc, sent = phrase.doc, phrase.sent
    start = sent.start
    for _ in range(2):
        if start > 0:
            start = doc[start - 1].sent.start
    return not _speaks_of_defence(doc[start : sent.end])


@functools.cache
def _defence_words() -> frozenset[str]:
    """Words of defence (defence_cues.txt), of the alliance or of Europe (stance_defence_context.txt)."""
    return word_set("defence_cues") | word_set("stance_defence_context")


def _speaks_of_defence(tokens: Iterable[Token]) -> bool:
    """Whether any of the tokens is a word of defence, the alliance or Europe, as a lemma or as written."""
    return any(t.lemma_.lower() in _defence_words() or t.lower_ in _defence_words() for t in tokens)


@rule(
    "alliance_out_of_context",
    "'the alliance' or 'membership' in an article naming another alliance, and never NATO, is that one's",
    fires={
        "More than 100,000 took part, according to the organiser, the Alliance to Reclaim Our Schools. "
        "Tim Kaine said the alliance should grow stronger.": [],
    },
    spares={
        "NATO leaders met in Vilnius. Tim Kaine said the alliance should grow stronger.": [
            "Tim Kaine nato_alliance support"
        ],
    },
)
def alliance_out_of_context(art: Article, phrase: Span) -> bool:
    """A phrase of the alliance's that names no alliance (stance_generic_alliance.txt: "the alliance", "its
    membership") in an article that names another alliance and never NATO: a piece on the Alliance to
    Reclaim Our Schools."""
    return phrase.text.lower() in word_set("stance_generic_alliance") and art.other_alliance


@rule(
    "other_conflict",
    "a ceasefire or peace deal with a place or party of its own outside the war with Russia is about that",
    fires={
        "Emmanuel Macron welcomed the ceasefire in Gaza.": [],
        "Antony Blinken said the ceasefire between Israel and Hamas must hold.": [],
    },
    spares={
        "Emmanuel Macron welcomed the ceasefire in eastern Ukraine.": [
            "Emmanuel Macron dialogue_with_russia support"
        ],
        "Emmanuel Macron welcomed the ceasefire.": ["Emmanuel Macron dialogue_with_russia support"],
    },
)
def other_conflict(phrase: Span) -> bool:
    """A phrase of stance_generic_peace.txt whose words (a modifier, or an "in" / "between" / "for" / "with"
    / "on" / "over" complement of its root) name a place or party, none of the war with Russia
    (stance_russia_war_words.txt)."""
    if phrase.text.lower() not in word_set("stance_generic_peace"):
        return False
    root = phrase.root
    words = [c for c in root.children if c.dep_ in {"compound", "nmod", "amod"} and c.i < phrase.start]
    for prep in (c for c in root.children if c.dep_ == "prep"):
        if prep.lower_ in {"in", "between", "for", "with", "on", "over"}:
            words += [g for g in prep.children if g.dep_ == "pobj"]
            words += [c for g in prep.children if g.dep_ == "pobj" for c in g.conjuncts]
    places = [w for w in words if w.ent_type_ in {"GPE", "NORP", "LOC", "ORG", "PERSON"}]
    war = word_set("stance_russia_war_words")
    return bool(places) and not any(t.lower_ in war for w in words for t in w.subtree)


@rule(
    "other_level",
    "a share of GDP that a verb gives to another outlay than defence is that outlay's: 'aid budget to 0.7%'",
    fires={
        "Keir Starmer said Britain would increase its aid budget to 0.7% of GDP.": [],
        "Christian Lindner said public debt would reach 70% of GDP.": [],
    },
    spares={
        "Keir Starmer said Britain would increase its defence budget to 2.5% of GDP.": [
            "Keir Starmer defence_spending_increase support"
        ],
        "Keir Starmer said Britain would increase spending to 2.5% of GDP.": [
            "Keir Starmer defence_spending_increase support"
        ],
    },
)
def other_level(phrase: Span) -> bool:
    """A share-of-GDP phrase ("% of GDP") taken by a verb ("increase ... to 0.7% of GDP", "reach 70% of
    GDP") whose object or subject is another economic quantity (stance_other_outlays.txt: "public debt"),
    or a budget or spending that such a noun modifies ("its aid budget", "health spending")."""
    lowered = phrase.text.lower()
    if "gdp" not in lowered and "gross domestic product" not in lowered:
        return False
    root = phrase.root
    verb = root.head.head if root.dep_ == "pobj" and root.head.dep_ == "prep" else root.head
    if verb.pos_ != "VERB":
        return False
    others = word_set("stance_other_outlays")
    for noun in (c for c in verb.children if c.dep_ in {"dobj", "nsubj", "nsubjpass"} and c.pos_ == "NOUN"):
        if noun.i in range(phrase.start, phrase.end):
            continue
        if noun.lemma_.lower() in others or (
            noun.lemma_.lower() in word_set("stance_burden_nouns")
            and any(c.dep_ == "compound" and c.lemma_.lower() in others for c in noun.children)
        ):
            return True
    return False


@rule(
    "other_recipient",
    "aid given to another than the target's recipients, or for a civil end of theirs, is no aid to them",
    fires={
        "Joe Biden said the United States would keep sending military aid to Israel.": [],
        "Ursula von der Leyen said the EU would help Ukraine rebuild its power grid.": [],
        "Olaf Scholz said Germany would support Ukraine's EU membership bid.": [],
        "Emmanuel Macron said France would help Ukraine export grain.": [],
    },
    spares={
        "Joe Biden said the United States would keep sending military aid to the Ukrainian army.": [
            "Joe Biden military_aid_to_ukraine support"
        ],
        "Ursula von der Leyen said the EU would help Ukraine defend itself.": [
            "Ursula von der Leyen military_aid_to_ukraine support"
        ],
    },
)
def other_recipient(phrase: Span, target: Target) -> bool:
    """A mention of a target with recipients (aid to Ukraine) whose "to" / "for" object, on its noun or on
    the verb that takes it, names none of them ("military aid to Israel"); whose recipient is the possessor
    of a civil thing ("support Ukraine's EU membership bid"); or that helps a recipient to a civil end
    ("help Ukraine rebuild its power grid"; stance_civil_goals.txt)."""
    civil = word_set("stance_civil_goals")
    ours = {*target.recipients, "ukrainian"}
    last = phrase[-1]
    if last.lower_ in ours and last.dep_ in {"poss", "compound"} and last.head.lemma_.lower() in civil:
        return True
    if last.lower_ in ours and any(
        c.dep_ in {"xcomp", "ccomp"} and c.lemma_.lower() in civil for c in phrase.root.children
    ):
        return True
    root = phrase.root
    holders = [root, root.head] if root.dep_ in {"dobj", "nsubjpass"} else [root]
    given = [
        g
        for h in holders
        for c in h.children
        if c.dep_ in {"prep", "dative"} and c.lower_ in {"to", "for"}
        for g in (c.children if c.dep_ == "prep" else [c])
        if g.dep_ == "pobj" or c.dep_ == "dative"
    ]
    given = [g for o in given for g in (o, *o.conjuncts)]
    if any(t.i in range(phrase.start, phrase.end) for t in given):
        return False
    named = [g for g in given if g.ent_type_ in {"GPE", "NORP", "ORG", "LOC"} or g.pos_ == "PROPN"]
    return bool(named) and not any(t.lower_ in ours for g in given for t in g.subtree)


@rule(
    "other_alliance",
    "'the alliance' or 'enlargement' of, between or with another party is not NATO: 'the alliance of SPD'",
    fires={
        "Carlos Ghosn said the alliance between Renault and Nissan would grow stronger.": [],
        "Jens Stoltenberg said the enlargement of the EU was good for Europe.": [],
    },
    spares={
        "Jens Stoltenberg said the enlargement of the alliance was good for Europe.": [
            "Jens Stoltenberg nato_alliance support"
        ],
        "Carlos Ghosn said the alliance would grow stronger.": ["Carlos Ghosn nato_alliance support"],
    },
)
def other_alliance(phrase: Span) -> bool:
    """ "the alliance" or "enlargement" whose "of" / "between" complement, or "with" a party that is no
    country, names something that is not the North Atlantic alliance (stance_alliance_names.txt): "the
    alliance between Renault and Nissan", "the alliance with the Liberal Democrats", "the enlargement of
    the EU"."""
    if phrase.text.lower() not in {"the alliance", "enlargement"}:
        return False
    root = phrase.root
    ours = word_set("stance_alliance_names")
    for prep in (c for c in root.children if c.dep_ == "prep" and c.lower_ in {"of", "between", "with"}):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            if any(t.lower_ in ours for t in obj.subtree):
                return False
            named = obj.ent_type_ in {"ORG", "GPE", "NORP", "PERSON"} or obj.pos_ == "PROPN"
            if prep.lower_ == "with" and obj.ent_type_ == "GPE":
                continue  # "the alliance with the United States"
            if named:
                return True
    return False


@rule(
    "national_fund",
    "a country's own defence fund is no European cooperation: 'Germany's €100bn special defence fund'",
    fires={
        "Olaf Scholz announced a €100 billion special defence fund.": [],
        "Olaf Scholz defended Germany's defence fund.": [],
    },
    spares={
        "Thierry Breton proposed a €100bn defence fund to boost arms production.": [
            "Thierry Breton european_defence_cooperation support"
        ],
    },
)
def national_fund(phrase: Span, gaz: Gazetteer) -> bool:
    """A phrase of stance_generic_funds.txt with a national mark on it (stance_national_marks.txt) or a
    country as its owner."""
    if phrase.text.lower() not in word_set("stance_generic_funds"):
        return False
    root = phrase.root
    marks = word_set("stance_national_marks")
    marked = any(c.dep_ == "amod" and c.lower_ in marks for t in phrase for c in t.children)
    owners = [t for c in root.children if c.dep_ in {"poss", "compound"} for t in c.subtree]
    return marked or any(t.ent_type_ == "GPE" and gaz.country_code(t.text) for t in owners)


@rule(
    "other_cooperation",
    "defence cooperation or autonomy of parties all outside Europe is not European: 'Japan and Australia'",
    fires={
        "Japan and Australia agreed to deepen defence cooperation.": [],
        "Xi Jinping called for strategic autonomy for Asian nations.": [],
        "Emmanuel Macron said France would train pilots as part of military cooperation with Kyiv.": [],
    },
    spares={
        "France and Germany agreed to deepen defence cooperation.": [
            "France european_defence_cooperation support",
            "Germany european_defence_cooperation support",
        ],
        "Emmanuel Macron called for strategic autonomy.": [
            "Emmanuel Macron european_defence_cooperation support"
        ],
    },
)
def other_cooperation(phrase: Span, gaz: Gazetteer, aid_recipients: Collection[str] = ()) -> bool:
    """A phrase of stance_generic_cooperation.txt whose parties (its "with" / "between" / "for" / "among"
    objects, a nationality on it, the subjects of the verb that takes it) name places, none of them in
    Europe (an EU member, a European NATO member, or Europe itself); or one "with" the recipient of aid
    ("military cooperation with Kyiv" is help to Ukraine, not Europe's own defence)."""
    if phrase.text.lower() not in word_set("stance_generic_cooperation"):
        return False
    root = phrase.root
    partners = [t for c in root.children if c.dep_ == "prep" and c.lower_ == "with" for t in c.subtree]
    if any(t.lower_ in aid_recipients for t in partners):
        return True
    parties = [c for c in root.children if c.dep_ == "amod" and c.ent_type_ == "NORP"]
    for prep in (
        c for c in root.children if c.dep_ == "prep" and c.lower_ in {"with", "between", "for", "among"}
    ):
        parties += [t for g in prep.children if g.dep_ == "pobj" for t in g.subtree]
    verb = root.head
    for _ in range(3):  # "agreed to deepen defence cooperation": the subject of "agreed"
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects or verb.head.i == verb.i:
            parties += [t for c in subjects for t in c.subtree]
            break
        verb = verb.head
    places = [t for t in parties if t.ent_type_ in {"GPE", "NORP", "LOC"}]
    if not places:
        return False
    return not any(
        tok.lower_ in {"europe", "european", "europeans", "eu"}
        or _european_country(gaz.country_code(tok.text), gaz)
        for tok in places
    )


@rule(
    "plain_cooperation",
    "cooperating in a sentence of no defence and no Europe is other cooperation: 'cooperated with the FBI'",
    fires={
        "Jason Chaffetz said aides should cooperate with the FBI.": [],
        "Elijah Cummings said Ms Mills cooperated fully with the Justice Department.": [],
    },
    spares={
        "Anders Fogh Rasmussen said Denmark must cooperate within the limits of its defence opt-out.": [
            "Anders Fogh Rasmussen european_defence_cooperation support"
        ],
    },
)
def plain_cooperation(phrase: Span) -> bool:
    """A plain word of cooperation (stance_plain_cooperation.txt: "cooperate") in a sentence with no word of
    defence (defence_cues.txt), of the alliance or of Europe (stance_defence_context.txt)."""
    if phrase.lemma_.lower() not in word_set("stance_plain_cooperation"):
        return False  # "cooperated", "cooperating"
    return not _speaks_of_defence(phrase.sent)


@rule(
    "invader_forces",
    "the invader's troops or weapons in the country aid is for are no aid to it: 'Russian troops in Ukraine'",
    fires={
        "NATO claims there are at least 1,000 Russian troops in Ukraine.": [],
    },
    spares={
        "France said it would not rule out Western troops in Ukraine.": [
            "France military_aid_to_ukraine support"
        ],
    },
)
def invader_forces(root: Token) -> bool:
    """A mention of a target with recipients (aid to Ukraine) whose noun the invader's name modifies
    (stance_invader_words.txt: "Russian troops in Ukraine", "Russia's weapons")."""
    invader = word_set("stance_invader_words")
    return any(c.dep_ in {"amod", "compound", "poss", "nmod"} and c.lower_ in invader for c in root.children)


@rule(
    "counter_move",
    "a counter-move opposes the one target its sentence names, or else the article's main target",
    fires={
        "Finland joined NATO on Tuesday. Russia said it would take counter-measures.": [
            "Finland nato_alliance support",
            "Russia nato_alliance oppose",
        ],
    },
    spares={
        "Finland joined NATO on Tuesday. Russia said it would take part in the exercise.": [
            "Finland nato_alliance support"
        ],
        "Finland joined NATO on Tuesday. Adam Schiff urged retaliation against Russia.": [
            "Finland nato_alliance support"
        ],
    },
)
def counter_move(
    tok: Token, by_sent: dict[int, list[str]], starts: list[int], main: str, gaz: Gazetteer
) -> list[Mention]:
    """ "would take counter-measures to ensure its security" (stance_reactions.txt); not one aimed at a
    country outside the alliance and the EU ("urged retaliation on Russia", "retaliate against Iran")."""
    named = set(by_sent.get(bisect_right(starts, tok.i) - 1, ()))
    for prep in (c for t in (tok, tok.head) for c in t.children if c.dep_ == "prep"):
        if prep.lower_ in {"against", "on", "at"}:
            aimed = [gaz.country_code(g.text) for g in prep.children if g.dep_ == "pobj"]
            if any(code is not None and not _allied_country(code, gaz) for code in aimed):
                return []
    return [Mention(named.pop() if len(named) == 1 else main, -1.0, tok, "counter_move")]


@rule(
    "proposal_noun",
    "'the plan', 'the idea' under a cue, judged, or definite in a statement take the article's main target",
    fires={
        "Germany raised defence spending. France welcomed the plan.": [
            "Germany defence_spending_increase support",
            "France defence_spending_increase support",
        ],
        "Congress debated aid to Ukraine. That aid was withheld by the White House.": [
            "White House military_aid_to_ukraine oppose"
        ],
        "Estonia raised defence spending. Latvia announced plans to raise spending sharply.": [
            "Estonia defence_spending_increase support",
            "Latvia defence_spending_increase support",
        ],
        "Twenty EU states launched PESCO. Denmark and Malta did not join the pact.": [
            "Denmark european_defence_cooperation oppose",
            "Malta european_defence_cooperation oppose",
        ],
    },
    spares={
        "Germany raised defence spending. Anna Berg criticised the decision to freeze USAID.": [
            "Germany defence_spending_increase support"
        ],
        "Germany raised defence spending. Russia backed its plans to conquer Ukraine.": [
            "Germany defence_spending_increase support"
        ],
        "Germany raised defence spending. France welcomed the plan for a European army.": [
            "Germany defence_spending_increase support",
            "France european_defence_cooperation support",
        ],
        "Obama raised defence spending. That move had halted years of defence cuts, Jens Stoltenberg said.": [
            "Barack Obama defence_spending_increase support",
            "Jens Stoltenberg defence_spending_increase support",
        ],
    },
)
def proposal_noun(
    tok: Token, covered: set[int], in_statement: Cover, lex: StanceLexicon, main: Target
) -> list[Mention]:
    """A proposal noun (stance_anaphora.txt) stands for what the article is about, unless its own phrase
    names a target ("the proposal for a three-way meeting" is about that meeting); when it is under a cue,
    judged, definite in a statement, or the subject or object of one of the target's own verbs ("That aid
    was temporarily withheld")."""
    if tok.i in covered or any(t.i in covered for t in tok.subtree) or specific_noun(tok) or civil_aid(tok):
        return []  # "foreign aid will be cut to boost defence spending": development aid, no anaphor
    if any(_other_act(c, main) for c in tok.children):
        return []  # "criticised Trump's decision to freeze USAID", not "plans to raise spending"
    if _object_speaks(tok, covered):
        return []  # "That move had halted and reversed years of defence cuts": the object's mention speaks
    judged = tok.dep_ in {"nsubj", "nsubjpass"} and any(
        stance_cue(w, lex) for w in _predicate_words(tok.head, tok)
    )  # "the idea was very insulting"
    said = _is_definite_np(tok) and in_statement.holds(tok.idx)
    done = (
        tok.dep_ in {"nsubjpass", "dobj"}
        and any(c.dep_ == "det" and c.lower_ in {"the", "that", "this"} for c in tok.children)
        and target_verb(tok.head, main) is not None
    )  # "That aid was temporarily withheld", "the president decided to withhold the aid"
    if not (judged or said or done or _has_cue_above(tok, lex, steps=3)):
        return []
    return [Mention(main.name, 1.0, tok, "proposal_noun")]


def _object_speaks(tok: Token, covered: set[int]) -> bool:
    """A subject with no possessor whose verb, or a verb conjoined to it with no subject of its own, takes
    an object that holds a mention."""
    if tok.dep_ != "nsubj" or any(c.dep_ == "poss" for c in tok.children):
        return False
    verbs = [tok.head, *(v for v in tok.head.conjuncts if not any(c.dep_ == "nsubj" for c in v.children))]
    objects = (c for v in verbs for c in v.children if c.dep_ == "dobj")
    return any(t.i in covered for c in objects for t in c.subtree)


def _other_act(clause: Token, main: Target) -> bool:
    """A "to" clause on a noun that says what it is, acting on something named ("the decision to freeze
    USAID", "its plans to conquer Ukraine"); "plans to raise spending", "a programme to fortify the borders",
    "a plan to defend Poland" (one of the target's own verbs) are the article's own acts."""
    if clause.dep_ != "acl" or clause.i < clause.head.i:
        return False
    if not _to_infinitive(clause):
        return False
    named = {"ORG", "PERSON", "FAC", "PRODUCT"} | ({"GPE"} if target_verb(clause, main) is None else set())
    return any(c.ent_type_ in named for c in clause.rights)


@rule(
    "object_noun_target",
    "'the aid', 'the assistance' stand for the target named in the article whose own object words they are",
    fires={
        "NATO leaders met in Vilnius. NATO welcomed Sweden. Congress debated aid to Ukraine. The House "
        "blocked the assistance.": ["US House of Representatives military_aid_to_ukraine oppose"],
    },
    spares={
        "NATO leaders met in Vilnius. NATO welcomed Sweden. Congress debated aid to Ukraine. The House "
        "blocked the plan.": ["US House of Representatives nato_alliance oppose"],
    },
)
def object_noun_target(tok: Token, targets: Mapping[str, Target], named: Sequence[str]) -> str | None:
    """The target whose `objects` hold the noun ("aid", "assistance", "package" are aid to Ukraine's),
    when the article names that target; None when there is none (the noun takes the main target)."""
    lemma = tok.lemma_.lower()
    return next((t.name for t in targets.values() if lemma in t.objects and t.name in named), None)


@rule(
    "specific_noun",
    "a proposal noun with its own content ('his nuclear weapons program', 'a call for peace') is no anaphor",
    fires={
        "Germany raised defence spending. France welcomed the call for peace through strength.": [
            "Germany defence_spending_increase support"
        ],
        "Germany raised defence spending. The White House said the calls between Kyiv and Washington were "
        "very positive.": ["Germany defence_spending_increase support"],
        "Germany raised defence spending. Anna Berg says the idea that France would follow is naive.": [
            "Germany defence_spending_increase support"
        ],
        "Germany raised defence spending. Anna Berg says the idea of a smaller army is naive.": [
            "Germany defence_spending_increase support"
        ],
        "Finland joined NATO. Anna Berg needs the votes of half of the lawmakers to become prime minister.": [
            "Finland nato_alliance support"
        ],
        "France raised defence spending. Emmanuel Macron said the decision on nuclear weapons would stay "
        "with him.": ["France defence_spending_increase support"],
    },
    spares={
        "Germany raised defence spending. France welcomed the call.": [
            "Germany defence_spending_increase support",
            "France defence_spending_increase support",
        ],
    },
)
def specific_noun(tok: Token) -> bool:
    """A noun modified by another noun ("nuclear weapons program"), with a "for", "towards", "between", "on"
    or "about" complement of its own ("call for peace", "steps towards Moscow", "calls between Kyiv and
    Washington", "the decision on nuclear weapons"),
    an "of" with a common noun ("the idea of a smaller force"), or a "that" clause that says what it is
    ("the idea that Britain would share ...") names its own content, not the target the article is about."""
    return any(
        (c.dep_ == "compound" and c.pos_ in {"NOUN", "PROPN"})
        or (
            c.dep_ == "prep"
            and c.lower_ in {"for", "towards", "toward", "between", "on", "about"}
            and any(_content(g) for g in c.children)
            and not (  # "a vote on aid for Israel and Ukraine": another proposal noun, the article's
                c.lower_ in {"on", "about"}
                and any(g.lemma_.lower() in word_set("stance_anaphora") for g in c.children)
            )
        )
        or (
            c.dep_ == "prep"
            and c.lower_ == "of"
            and any(
                g.dep_ == "pobj" and g.pos_ == "NOUN" and g.ent_type_ not in {"DATE", "TIME"}
                for g in c.children
            )
        )  # "the idea of a smaller force", "the votes of half of the 749 lawmakers"
        or (c.dep_ in {"acl", "ccomp"} and c.i > tok.i and any(m.lower_ == "that" for m in c.children))
        for c in tok.children
    )


def _content(tok: Token) -> bool:
    """A preposition's object that says what a noun is about: not a time or an amount ("for weeks")."""
    return tok.dep_ == "pobj" and tok.ent_type_ not in {
        "DATE",
        "TIME",
        "MONEY",
        "QUANTITY",
        "CARDINAL",
        "PERCENT",
    }


@rule(
    "vote_without_object",
    "'voted against', 'voted for', 'voted no' with nothing after are on the article's main target",
    fires={
        "Finland joined NATO on Tuesday. Hungary voted against.": [
            "Finland nato_alliance support",
            "Hungary nato_alliance oppose",
        ],
    },
    spares={
        "Finland joined NATO on Tuesday. Hungary voted against the motion.": [
            "Finland nato_alliance support"
        ],
    },
)
def vote_without_object(vote: Token, main: str) -> list[Mention]:
    out = []
    for word in vote.children:
        against = (
            word.dep_ == "prep" and word.lower_ in word_set("stance_vote_preps") and not any(word.children)
        )
        no = (
            word.dep_ in {"intj", "advmod"}
            and word.lower_ in word_set("stance_vote_answers")
            and word.i == vote.i + 1
        )
        if against or no:
            out.append(Mention(main, 1.0, word, "vote_without_object"))
    return out


@rule(
    "objectless_join",
    "'join', 'take part', 'apply' with no object are membership of what the article is about",
    fires={
        "Finland joined NATO on Tuesday. Ireland is still considering whether to join.": [
            "Finland nato_alliance support",
            "Ireland nato_alliance neutral",
        ],
    },
    spares={
        "Norway will raise defence spending to 3% of GDP. Minister Gram said Finland and Sweden had "
        "joined.": ["Norway defence_spending_increase support"],
        "Finland joined NATO in 2023. Austria will join the Sky Shield initiative. Negotiations to join are "
        "ongoing, the Defence Ministry said.": ["Finland nato_alliance support"],
        "Finland joined NATO in 2023. At the meeting we were also joined by Hungary and Slovakia.": [
            "Finland nato_alliance support"
        ],
        "Finland joined NATO in 2023. Ukraine and Moldova joined as observers.": [
            "Finland nato_alliance support"
        ],
    },
)
def objectless_join(tok: Token, covered: set[int], main: str) -> list[Mention]:
    """ "Ireland is still considering whether to join", "notified their intention to take part"; only when
    the article's main target is something one joins (its own verbs include "join"), and the last thing
    joined before, if any, was a mention of a target; not a passive ("we were joined by Hungary": company),
    nor in a role other than a member's ("joined as observers")."""
    if tok.pos_ != "VERB" or tok.i in covered or not _objectless(tok):
        return []
    if any(c.dep_ == "auxpass" for c in tok.children):
        return []
    roles = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children]
    if any(g.lemma_.lower() not in word_set("stance_member_nouns") for g in roles):
        return []  # "joined as observers"; not "joined as its 32nd member"
    joined = [
        t
        for t in tok.doc[: tok.i]
        if t.pos_ == "VERB" and t.lemma_ in membership_verbs() and not _objectless(t)
    ]
    objects = (
        [t for c in joined[-1].children if c.dep_ in {"dobj", "prep"} for t in c.subtree] if joined else []
    )
    if objects and not any(t.i in covered for t in objects):
        return []  # "Austria will join the Sky Shield initiative. ... Negotiations to join are ongoing"
    return [Mention(main, 1.0, tok, "objectless_join")]


@rule(
    "contact_with_russia",
    "speaking with, meeting, calling or hosting Russia's leadership is dialogue: 'spoke with Putin'",
    fires={
        "Donald Trump spoke with Russian President Vladimir Putin on Wednesday.": [
            "Donald Trump dialogue_with_russia support"
        ],
    },
    spares={
        "Donald Trump spoke about Russian President Vladimir Putin on Wednesday.": [],
    },
)
def contact_with_russia(tok: Token, covered: set[int]) -> list[Mention]:
    """Russia's leadership (stance_russian_leadership.txt) as the object of a contact verb, or its "with"
    / "to" object (stance_contact_verbs.txt): the leader is a mention of dialogue with Russia."""
    if tok.i in covered or tok.dep_ not in {"dobj", "pobj"}:
        return []
    verb = tok.head
    if tok.dep_ == "pobj":
        if verb.lower_ not in {"with", "to"}:
            return []
        verb = verb.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in word_set("stance_contact_verbs"):
        return []
    return [Mention("dialogue_with_russia", 1.0, tok, "contact_with_russia")]


@rule(
    "reciprocal_contact",
    "Russia's leadership and others meeting or talking, with no one else named, is dialogue for each of them",
    fires={
        "Donald Trump and Vladimir Putin have both said they are keen to meet in person.": [
            "Donald Trump dialogue_with_russia support",
            "Vladimir Putin dialogue_with_russia support",
        ],
        "Donald Trump and Vladimir Putin met in Helsinki on Monday.": [
            "Donald Trump dialogue_with_russia support",
            "Vladimir Putin dialogue_with_russia support",
        ],
        "Donald Trump and Vladimir Putin met in Helsinki, John McCain said.": [  # theirs, not McCain's
            "Donald Trump dialogue_with_russia support",
            "Vladimir Putin dialogue_with_russia support",
        ],
        "The United States, the European Union and Russia met in Geneva, John Kerry said.": [
            "United States dialogue_with_russia support",
            "European Union dialogue_with_russia support",
            "Russia dialogue_with_russia support",
        ],
    },
    spares={
        "Donald Trump and Vladimir Putin met the press in Helsinki.": [],
    },
)
def reciprocal_contact(leader: Token, covered: set[int]) -> list[Mention]:
    """Russia's leadership (stance_russian_leadership.txt) conjoined with another in the subject of a contact
    verb (stance_contact_verbs.txt) that has no object of its own: the verb mentions dialogue with Russia,
    and every part of its subject holds it."""
    top = leader
    while top.dep_ == "conj":
        top = top.head
    if leader.i in covered or top.dep_ not in {"nsubj", "nsubjpass"} or not top.conjuncts:
        return []
    verb: Token | None = top.head
    for _ in range(4):  # "are keen to meet", "have said they are keen to meet"
        if verb is None or verb.lemma_.lower() in word_set("stance_contact_verbs"):
            break
        verb = _reciprocal_step(verb)
    if verb is None or verb.lemma_.lower() not in word_set("stance_contact_verbs"):
        return []
    if verb.pos_ != "VERB" or any(
        c.dep_ in {"dobj", "dative"} or (c.dep_ == "prep" and c.lower_ in {"with", "to"})
        for c in verb.children
    ):
        return []
    return [Mention("dialogue_with_russia", 1.0, verb, "reciprocal_contact")]


def contact_parties(mention: Mention) -> list[Span]:
    """The parts of the subject of a reciprocal contact mention ("Trump and Putin met"), or none."""
    if mention.rule != "reciprocal_contact":
        return []
    verb = mention.root
    for _ in range(4):  # "are keen to meet", "seemed to be speaking": the subject above
        subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None:
            return list(parts(subj.doc[subj.left_edge.i : subj.right_edge.i + 1])[0])
        if verb.dep_ not in {"xcomp", "ccomp"}:
            break
        verb = verb.head
    return []


@rule(
    "recipient_backer",
    "an agent noun owned by a target's recipient names the target: 'one of Kyiv's most vocal backers'",
    fires={
        "Giorgia Meloni has been one of Kyiv's most vocal backers.": [
            "Giorgia Meloni military_aid_to_ukraine support"
        ],
        "Estonia is Ukraine's staunchest supporter.": ["Estonia military_aid_to_ukraine support"],
    },
    spares={
        "Giorgia Meloni has been one of Rome's most vocal backers.": [],
        "Giorgia Meloni met Ukraine's backers in Rome.": [],
    },
)
def recipient_backer(noun: Token, covered: set[int], target: Target) -> list[Mention] | None:
    """The recipient possessing an agent noun (stance_agent_nouns.csv: "Ukraine's supporter", "Kyiv's
    backers") as a mention of the target it receives; the noun, a cue, says where its holder stands."""
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.lower_ in target.recipients), None)
    if owner is None or owner.i in covered:
        return None
    return [Mention(target.name, 1.0, owner, "recipient_backer")]


@rule(
    "russian_side_talks",
    "talks Russia's leadership calls for, offers or refuses are dialogue with Russia: 'open to talks'",
    fires={
        "Vladimir Putin is calling on Ukraine to immediately start talks on a political solution.": [
            "Vladimir Putin dialogue_with_russia support"
        ],
        "Sergei Lavrov said Moscow was open to negotiations.": ["Sergei Lavrov dialogue_with_russia support"],
    },
    spares={
        "Emmanuel Macron is calling on Ukraine to immediately start talks on a political solution.": [],
        "Sergei Lavrov said Moscow was open to trade.": [],
    },
)
def russian_side_talks(tok: Token, covered: set[int]) -> list[Mention]:
    """A word of talks (stance_talks_words.txt; a noun, or the verb "negotiate") the targets file's phrases
    did not take, whose nearest subject above it (within six steps; a pronoun passes to the next one up:
    "Putin said he was ready to negotiate") is Russia's leadership or Russia."""
    if (
        tok.i in covered
        or tok.pos_ not in {"NOUN", "VERB"}
        or (tok.pos_ == "VERB" and tok.lemma_ != "negotiate")
    ):
        return []
    leaders = {*word_set("stance_russian_leadership"), "russia"}
    up = tok
    for _ in range(6):
        subj = next((c for c in up.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i != tok.i), None)
        if subj is not None and subj.tag_ != "PRP":
            return (
                [Mention("dialogue_with_russia", 1.0, tok, "russian_side_talks")]
                if subj.lower_ in leaders
                else []
            )
        if up.head.i == up.i:
            return []
        up = up.head
    return []


def _reciprocal_step(verb: Token) -> Token | None:
    """The verb below that the same subject does: an open complement ("are keen to meet", "plan to meet"),
    or a clause whose subject is "they" ("said they are keen to meet")."""
    below = [*verb.children, *(g for c in verb.children if c.dep_ == "acomp" for g in c.children)]
    return next(
        (
            c
            for c in below
            if c.dep_ == "xcomp"
            or (c.dep_ == "ccomp" and any(g.dep_ == "nsubj" and g.lower_ == "they" for g in c.children))
        ),
        None,
    )


@rule(
    "contact_noun_with_russia",
    "a meeting, summit, call or talks 'with' Russia's leadership mention dialogue with Russia",
    fires={
        "Trump will head to Helsinki for a meeting on Monday with Russian President Vladimir Putin.": [
            "Donald Trump dialogue_with_russia support"
        ],
        "Donald Trump held a summit with Russian President Vladimir Putin in Helsinki.": [
            "Donald Trump dialogue_with_russia support"
        ],
    },
    spares={
        "Donald Trump held a summit about Russian President Vladimir Putin in Helsinki.": [],
    },
)
def contact_noun_with_russia(tok: Token, covered: set[int]) -> list[Mention]:
    """Russia's leadership as the "with" object of a noun of contact (stance_contact_nouns.txt): the noun is
    a mention of dialogue with Russia, read like the targets file's "meeting with putin" (which the words
    between, "on Monday", "Russian President Vladimir", keep the phrase from matching)."""
    if tok.i in covered or tok.dep_ != "pobj" or tok.head.lower_ != "with":
        return []
    noun = tok.head.head
    if (
        noun.pos_ != "NOUN"
        or noun.i in covered
        or noun.lemma_.lower() not in word_set("stance_contact_nouns")
    ):
        return []
    return [Mention("dialogue_with_russia", 1.0, noun, "contact_noun_with_russia")]


@rule(
    "outlay_on_defence",
    "an amount spent or invested 'on' defence mentions defence spending: 'spend an extra €100bn on defence'",
    fires={
        "Olaf Scholz has pledged to spend an extra €100bn on defence in the coming years.": [
            "Olaf Scholz defence_spending_increase support"
        ],
        "Ben Wallace wants to invest £5bn in the armed forces.": [
            "Ben Wallace defence_spending_increase support"
        ],
        "Olaf Scholz pledged to spend €100bn to prepare the Bundeswehr to be more assertive.": [
            "Olaf Scholz defence_spending_increase support"
        ],
    },
    spares={
        "Olaf Scholz has pledged to spend an extra €100bn on schools in the coming years.": [],
        "Olaf Scholz pledged to spend €100bn to modernise schools.": [],
        "Germany spends €50bn on defence.": [],
    },
)
def outlay_on_defence(verb: Token, covered: set[int]) -> list[Mention]:
    """A verb of outlay (stance_outlay_verbs.txt) whose "on" / "in" object, or the object of its amount's
    purpose, is defence or the armed forces (defence_cues.txt, on the noun or a modifier: "armed forces"):
    the targets file's "spend on defence" with an amount between. The verb is the act of its subject
    (verb_mention), as the phrase's is."""
    if verb.pos_ != "VERB" or any(t.i in covered for t in verb.subtree) or level_comparison(verb):
        return []  # "spend 2% of GDP on defence": the level is the mention
    amounts = [c for c in verb.children if c.dep_ == "dobj"]  # "spend €100bn on defence": on the amount
    objects = [
        o
        for w in (verb, *amounts)
        for c in w.children
        if c.dep_ == "prep" and c.lower_ in {"on", "in"}
        for o in c.children
        if o.dep_ == "pobj"
    ]
    # what the amount is for: "spend €100bn to modernise the armed forces", "to prepare the Bundeswehr to be"
    if amounts:
        for c in verb.children:
            if c.dep_ in {"advcl", "xcomp"} and _to_infinitive(c):
                clauses = [g for g in c.children if g.dep_ in {"ccomp", "xcomp"}]
                objects += [o for o in c.children if o.dep_ == "dobj"]
                objects += [o for g in clauses for o in g.children if o.dep_ == "nsubj"]
    cues = word_set("defence_cues")
    for o in objects:  # "on defence", "on the armed forces"
        named = [o, *(m for m in o.children if m.dep_ in {"amod", "compound"})]
        if any(t.lemma_.lower() in cues for t in named) and not civil_security(o):
            return [Mention("defence_spending_increase", 1.0, verb, "outlay_on_defence")]
    return []


@rule(
    "joint_european_act",
    "European states teaming up, joining forces or acting jointly on arms is European defence cooperation",
    fires={
        "Germany, the Netherlands and Spain teamed up to order 1,000 Patriot missiles in January.": [
            "Germany european_defence_cooperation support",
            "Netherlands european_defence_cooperation support",
            "Spain european_defence_cooperation support",
        ],
        "France, Spain and Germany struck a deal to build a new fighter jet.": [
            "France european_defence_cooperation support",
            "Spain european_defence_cooperation support",
            "Germany european_defence_cooperation support",
        ],
        "The Netherlands together with Germany and Poland announced a plan to build a military corridor.": [
            "Netherlands european_defence_cooperation support",
            "Germany european_defence_cooperation support",
            "Poland european_defence_cooperation support",
        ],
    },
    spares={
        "Germany, the Netherlands and Spain teamed up to cut gas prices in January.": [],
        "France and Germany struck a deal to buy more gas.": [],
        "France, along with Belgium, took over a NATO air-policing operation in Lithuania.": [],
        "Germany and the United States teamed up to order 1,000 Patriot missiles in January.": [],
    },
)
def joint_european_act(art: Article, verb: Token, joint: Collection[str]) -> list[Mention]:
    """A verb of joint action (stance_joint_acts.txt: "team up", "join forces", "strike a deal", "jointly"),
    or a build-up done "together with" others (stance_build_verbs.txt), whose subject names two or more
    European states (EU members, or NATO's members in Europe), in a sentence about arms (defence_cues.txt,
    stance_materiel_nouns.txt): the verb mentions European defence cooperation, and its subject does it
    (verb_mention)."""
    words = {verb.lemma_.lower()} | {f"{verb.lemma_.lower()} {c.lower_}" for c in verb.children}
    subj = _subject(verb)
    if subj is None:
        return []
    companions = together_with(verb, subj.root) or []  # "the Netherlands together with Germany and Poland"
    if companions and not any(t.lemma_.lower() in word_set("stance_build_verbs") for t in verb.subtree):
        companions = []  # "France (along with Belgium) took over a NATO mission": no build-up of their own
    if not companions and not words.intersection(joint) and not any(c.lower_ in joint for c in verb.children):
        return []
    states = [art.speakers.resolve(part) for part in [*parts(subj)[0], *companions]]
    if len(states) < 2 or not all(_european(s, art.gaz) for s in states):
        return []
    cues = word_set("defence_cues") | word_set("stance_materiel_nouns")
    if not any(t.lemma_.lower() in cues for t in verb.sent):
        return []
    return [Mention("european_defence_cooperation", 1.0, verb, "joint_european_act")]


@functools.cache
def own_targets() -> Mapping[str, str]:
    """Organisations whose own build-up is a stance on a target (stance_own_targets.csv)."""
    return MappingProxyType({row["actor"]: row["target"] for row in table("stance_own_targets")})


@rule(
    "own_build",
    "an alliance or union building up forces or defence supports itself: 'NATO leaders approved new plans'",
    fires={
        "NATO members agreed on Friday to form a spearhead force of several thousand troops.": [
            "NATO nato_alliance support"
        ],
        "The European Commission proposed €6.5bn to fund projects that improve military mobility.": [
            "European Commission european_defence_cooperation support"
        ],
    },
    spares={
        "NATO members agreed on Friday to form a working group on climate change.": [],
        "Russia agreed on Friday to form a spearhead force of several thousand troops.": [],
    },
)
def own_build(art: Article, verb: Token) -> list[Mention]:
    """A build verb (stance_build_verbs.txt: "form", "bolster", "fund") acting on military capability
    (stance_capability_nouns.txt) in its object or phrase, done by an organisation of
    stance_own_targets.csv, directly or through the verbs and nouns above it ("NATO unveiled details of a plan
    to bolster its presence"): the verb with that subject mentions the organisation's own target."""
    capability = word_set("stance_capability_nouns")
    if not any(
        t.lemma_.lower() in capability
        for c in verb.children
        if c.dep_ in {"dobj", "prep", "dative", "advcl", "xcomp"}  # "fund projects to support mobility"
        for t in c.subtree
    ):
        return []
    act = verb
    for _ in range(5):
        if any(c.dep_ in {"nsubj", "nsubjpass"} for c in act.children) or act.head.i == act.i:
            break
        act = act.head
    subj = _subject(act) if act.pos_ == "VERB" else None
    if subj is None:
        return []
    target = own_targets().get(art.speakers.resolve(subj).name or "")
    if target is None or target not in art.targets:
        return []
    return [Mention(target, 1.0, act, "own_build")]


def _nearest_verb(tok: Token) -> Token:
    """The word itself if a verb, else the nearest verb above it within three steps, else its head."""
    for up in [tok, *list(tok.ancestors)[:3]]:
        if up.pos_ == "VERB":
            return up
    return tok.head


def _european(actor: Speaker, gaz: Gazetteer) -> bool:
    return actor.type == "country" and _european_country(actor.country, gaz)


def _allied_country(code: str, gaz: Gazetteer) -> bool:
    """A NATO or EU member."""
    country = gaz.countries.get(code)
    return country is not None and (
        country.eu_member_since is not None or country.nato_member_since is not None
    )


def _european_country(code: str | None, gaz: Gazetteer) -> bool:
    """An EU member or a European NATO member."""
    country = gaz.countries.get(code or "")
    if country is None:
        return False
    return country.eu_member_since is not None or (
        country.nato_member_since is not None and country.iso3 not in {"USA", "CAN"}
    )


@rule(
    "event_pronoun",
    "'this' or 'it' judged by an evaluation ('it was a historic day') is the article's main target",
    fires={
        "Finland joined NATO on Tuesday. Stoltenberg said it was a historic day.": [
            "Finland nato_alliance support",
            "Jens Stoltenberg nato_alliance support",
        ],
    },
    spares={
        "Finland joined NATO on Tuesday. Stoltenberg said it was Tuesday.": ["Finland nato_alliance support"],
        "Finland joined NATO on Tuesday. Stoltenberg did not think it was a historic day.": [
            "Finland nato_alliance support"
        ],
        "Finland joined NATO. Erdogan criticised the Quran burning, saying it was an insult to Muslims.": [
            "Finland nato_alliance support"
        ],
        "Finland joined NATO. Orban said it was a mistake to go.": ["Finland nato_alliance support"],
        "Finland joined NATO. Erdogan welcomed the deal. Stoltenberg said it was a historic day.": [
            "Finland nato_alliance support"
        ],
    },
)
def event_pronoun(
    tok: Token,
    covered: set[int],
    lex: StanceLexicon,
    main: str,
    by_sent: Mapping[int, object],
    starts: list[int],
) -> list[Mention]:
    """ "It" or "this" judged by an evaluation; not after a sentence that names no target and backs or
    opposes something else, which the pronoun stands for ("ready to support the sanctions. This is a good
    approach")."""
    if tok.dep_ != "nsubj" or tok.head.lemma_ != "be" or tok.i in covered:
        return []
    k = bisect_right(starts, tok.i) - 1
    if k > 0 and not {k, k - 1} & by_sent.keys():
        doc = tok.doc
        before = doc[starts[k - 1] : starts[k]]
        if any(
            t.dep_ == "dobj" and t.pos_ == "NOUN" and t.i not in covered and stance_cue(t.head, lex)
            for t in before
        ):
            return []
    if any(negation(t, lex) for t in tok.head.ancestors):
        return []  # "I did not think this was a good moment": no event judged ("this is not the end" is)
    if any(
        c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"} and c.i < tok.i and c.i not in covered
        for a in tok.head.ancestors
        for c in a.children
    ):
        return []  # "criticised Paludan's Quran-burning action, saying it was an insult": that action
    attr = next((c for c in tok.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
    if (
        tok.lower_ == "it"
        and attr is not None
        and any(
            c.dep_ in {"acl", "relcl", "xcomp"} and _to_infinitive(c)
            for c in (*attr.children, *tok.head.children)
        )
    ):
        return []  # "it would be a mistake to take a hard stance": what is judged is the infinitive
    if attr is not None and (
        stance_cue(attr, lex) or any(c.dep_ == "amod" and stance_cue(c, lex) for c in attr.children)
    ):
        return [Mention(main, 1.0, tok, "event_pronoun")]
    return []


@rule(
    "target_object",
    "a target's object word ('%', 'level') is a mention as the object of one of its own verbs ('reach 2%')",
    fires={
        "Germany pledged to reach that level by 2030.": ["Germany defence_spending_increase support"],
        "Spain shipped a new batch of missiles to Ukraine.": ["Spain military_aid_to_ukraine support"],
        "The German government announced another €400m of arms for Ukraine.": [
            "Germany military_aid_to_ukraine support"
        ],
        "Mark Rutte said 2% is not enough.": ["Mark Rutte defence_spending_increase support"],
    },
    spares={
        "Germany pledged to reach that level of support by 2030.": [],
        "Christian Lindner said inflation would rise to 5% next year.": [],
        "Spain shipped a new batch of grain to Ukraine.": [],
        "The United States would pledge to increase its target for reducing carbon emissions by 2025.": [],
        "The German DAX increased by 2 percent.": [],
        "EU will miss target of supplying one million artillery shells, German defence minister says": [],
        "Germany fears the missiles could be used to hit targets deep inside Russia.": [],
    },
)
def target_object(art: Article, hits: list[tuple[str, int, int]]) -> list[Mention]:
    """A target's `objects` words outside its phrases, as the object of one of the target's own verbs
    ("pledged to reach that level", "reaching 2% by 2029"), or carrying a level or a comparative under any
    cue ("pushed for the 5% figure", "called for a higher target"); for aid with a recipient in the clause."""
    doc = art.doc
    covered = {i for _, start, end in hits for i in range(start, end)}
    out = []
    strings = doc.vocab.strings
    words = doc.to_array([LOWER, LEMMA]) if len(doc) else None
    for t in art.targets.values():
        if not t.objects or words is None:
            continue
        wanted = numpy.array([strings[w] for w in t.objects], dtype="uint64")
        found = numpy.flatnonzero(numpy.isin(words, wanted).any(axis=1)).tolist()
        candidates = sorted({i for j in found for i in (j, doc[j].head.i)})  # the word or the noun it levels
        for word in (doc[i] for i in candidates):
            quantity = _quantity_of(word)
            tok = quantity or word  # "sent quantities of shells": the quantity is the verb's object
            if (
                tok.i not in covered
                and tok.dep_ in {"dobj", "pobj"}
                and not civil_aid(word)
                and _names_level(tok, t, art.lex, art.gaz, covered, counted=quantity is not None)
            ) or (tok.i not in covered and not t.recipients and _judged_level(tok, art.lex)):
                out.append(Mention(t.name, 1.0, tok, "target_object"))
    return out


def _judged_level(tok: Token, lex: StanceLexicon) -> bool:
    """Whether a level ("2%") is the subject of "be" with an amount judgement as its predicate ("2% is not
    enough", "2% is too low"; stance_amount_words.csv): the level is the target's, judged."""
    be = tok.head
    if tok.dep_ != "nsubj" or be.lemma_ != "be" or not any(c.like_num for c in tok.children):
        return False
    return any(_amount_sign(w, be, lex) is not None for w in be.children if w.dep_ in {"acomp", "attr"})


def _amount_sign(word: Token, negated_on: Token, lex: StanceLexicon) -> float | None:
    """How an amount judgement reads (stance_amount_words.csv): +1 a call for more ("too low", "not
    (high) enough", negated on `word` or on `negated_on`), -1 for less ("too much"); None for no judgement
    ("enough" not negated, "high" without "too")."""
    if "enough" in {word.lower_, *(c.lower_ for c in word.children)}:
        return 1.0 if negation(negated_on, lex) or negation(word, lex) else None
    signs, needs_too = scores("stance_amount_words", "sign"), scores("stance_amount_words", "too")
    if word.lower_ not in signs or (
        needs_too[word.lower_] and not any(c.lower_ == "too" for c in word.children)
    ):
        return None
    return signs[word.lower_]


def _quantity_of(tok: Token) -> Token | None:
    """The noun of quantity an object word is counted by ("large quantities of shells", "a batch of
    missiles"; stance_quantity_nouns.txt) or the sum it is worth ("€400m of arms"), or None."""
    of = tok.head
    quantities = word_set("stance_quantity_nouns")
    if (
        tok.dep_ == "pobj"
        and of.lower_ == "of"
        and (
            of.head.lemma_.lower() in quantities
            or any(t.ent_type_ == "MONEY" for t in (of.head, *of.head.children))  # "another €400m of arms"
        )
    ):
        return of.head
    return None


def _names_level(
    tok: Token, t: Target, lex: StanceLexicon, gaz: Gazetteer, covered: set[int], counted: bool = False
) -> bool:
    """Whether an object word names the target's level: as the object of one of the target's verbs, or, for
    a noun that carries a level ("the 5% figure") or an object word raised by a comparative ("called for a
    higher target"), of any cue. `counted`: `tok` is a noun of quantity of an object word."""
    named = counted or tok.lower_ in t.objects or tok.lemma_.lower() in t.objects
    carrier = tok.lemma_.lower() in word_set("stance_level_carriers")  # "the 5% figure", not "a 60% tariff"
    levelled = (
        carrier and any(c.lower_ in t.objects and c.dep_ in {"compound", "nmod"} for c in tok.children)
    ) or (named and any(c.dep_ == "amod" and c.tag_ == "JJR" for c in tok.children))
    if not (named or levelled):
        return False
    # "16% of the commonly funded budget", "miss target of supplying shells" (the parse may hang that "of" on
    # the verb): a share or target of something else
    after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    of_after = after is not None and after.lower_ == "of" and after.dep_ == "prep"
    if not counted and (of_after or any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)):
        return False
    if (
        named
        and not t.recipients
        and tok.tag_ == "NNS"
        and not any(c.dep_ in {"det", "poss", "nummod", "compound"} for c in tok.children)
    ):
        return False  # "hit targets deep inside Russia": bare plural targets are things to strike
    level_nouns = word_set("stance_level_nouns")
    if (
        named
        and not t.recipients  # "cruise missiles", "battle tanks" are still weapons
        and any(
            c.dep_ == "compound" and c.pos_ == "NOUN" and c.lemma_.lower() not in level_nouns
            for c in tok.children
        )
    ):
        return False  # "capability targets", "emissions target" are targets of something else
    if (
        named
        and not t.recipients  # "air-defence systems for Kyiv": the recipient
        and any(_other_purpose(p) for p in tok.children if p.dep_ == "prep" and p.lower_ in {"for", "on"})
    ):
        return False  # "its target for reducing carbon emissions"
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head  # "reach 2%", "rise to 3%"
    if verb.pos_ in {"ADJ", "ADV"} and verb.lower_ in word_set("stance_comparatives"):
        verb = verb.head  # "spend considerably more than 2%"
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if (
        subj is not None
        and subj.pos_ == "NOUN"
        and subj.i not in covered
        and subj.lemma_.lower() not in word_set("stance_level_subjects")
    ):
        return False  # "inflation would rise to 5%", "growth to hit 20-30%": a level of something else
    holder = verb.head if verb.dep_ == "xcomp" else verb  # "Pension Credit was set to rise by 10.1%"
    owner = next((c for c in holder.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if not t.recipients and owner is not None and owner.i not in covered and _other_name(owner, gaz):
        return False  # "German DAX increased by 2 percent": the level of an index, a benefit, a firm
    if tok.dep_ == "pobj" and any(
        c.dep_ == "dobj"
        and c.lemma_.lower() not in level_nouns
        and c.i not in covered
        and c.lower_ not in t.recipients
        for c in verb.children
    ):
        return False  # "cut overseas aid from 0.5% to 0.3%": the level of the verb's own object ("supplied
        # Ukraine with shells": the object is the recipient)
    if t.recipients and not _has_recipient(verb, t.recipients):
        return False  # "sent weapons" is aid to Ukraine only with Ukraine in the clause
    return verb.pos_ == "VERB" and (
        target_verb(verb, t) is not None or (levelled and stance_cue(verb, lex) is not None)
    )


def _other_name(subj: Token, gaz: Gazetteer) -> bool:
    """Whether a proper noun names neither a country, a person nor a body the gazetteer knows: an index, a
    benefit, a firm ("the DAX", "Pension Credit")."""
    if subj.pos_ != "PROPN" or subj.ent_type_ in {"GPE", "NORP", "PERSON", "LOC"}:
        return False
    name = " ".join(t.text for t in subj.subtree if t.pos_ == "PROPN")
    return gaz.country_code(name) is None and gaz.find_actor(name) is None


def _other_purpose(prep: Token) -> bool:
    """Whether a "for" / "on" phrase on an object word names something other than defence, a date, a figure
    or whose level it is ("its target for reducing carbon emissions", not "a target for 2030", "the target
    for defence spending", "the target for European allies")."""
    words = list(prep.subtree)[1:]
    ours = word_set("defence_cues") | word_set("number_group_nouns")
    if any(c.dep_ == "pcomp" and c.pos_ == "VERB" for c in prep.children):  # "for reducing emissions by 2025"
        return not any(w.lemma_.lower() in ours for w in words)
    return bool(words) and not any(
        w.like_num
        or w.ent_type_ in {"DATE", "PERCENT", "MONEY", "GPE", "NORP", "ORG"}
        or w.pos_ == "PROPN"
        or w.lemma_.lower() in ours
        for w in words
    )


# -- reading rules: how a mention reads, climbing the parse from it ----------------------------------------
def read_mention(mention: Mention, target: Target, lex: StanceLexicon, scope: Scope | None) -> Reading:
    """Climb from a target mention to its clause root, multiplying the cues met on the way: a target's own
    verbs give a direction ("raise", "cut"), the general cues, modals of obligation and evaluations an
    attitude ("urge", "must", "indispensable"); negations reverse, hedges weaken. Without a scope (a plain
    sentence) the highest general cue with a subject gives the actor."""
    root = mention.root
    r = Reading(mention.base, mention.base < 0, [], mention.rule)
    if mention.rule == "relative_act":  # the clause's verb is the act: only it is read
        if _apply(r, root, target, lex, negate=True, rule="relative_act") is None and not r.directed:
            r.score = 0.0  # neither a target verb nor a general cue
        r.actor_verb, r.holder, r.directed = root, "relative_act", True
        return r
    for child in root.children:
        if child.dep_ in {"amod", "advmod"}:
            unfair_share(r, child) or mention_modifier(r, child, target, lex)
        elif child.dep_ == "compound":
            gerund_modifier(r, child, target)
        elif child.dep_ == "relcl" and (scope is None or child in scope):
            relative_clause(r, root, child, target, lex)
    negated_mention(r, root, lex, target)
    amount_judged(r, root, lex)
    pejorative(r, mention)
    anti_prefix(r, root) or against_noun(r, root, lex)
    needed = necessary_condition(r, root, lex)
    membership_verb(r, root, target, lex)
    if addressee(root):
        return r
    demand = demanded_condition(root, lex)
    tok, seen_verb = root, False
    while True:
        head = tok.head
        if head.i == tok.i or (scope is not None and head not in scope):
            break
        if demand is not None and tok.i == demand.i:
            _demanded(r, demand, head)
            break
        if side_clause_stop(tok, scope) or own_subject_clause(tok):
            break
        topic = topic_preposition(tok, head, lex)
        if topic and r.informative:
            break  # "the debate on military support for Ukraine, which the president opposes": said below
        topic = topic or (tok.dep_ == "prep" and head.pos_ == "VERB" and commented_on(head))
        # "any decision to leave NATO should be debated": what is to be debated is no one's act yet
        topic = topic or (
            tok.dep_ == "nsubjpass" and tok.i != root.i and not r.informative and discussed_topic(tok)
        )
        if (
            actor_relative_clause(tok, head, scope)
            or provoked_response(tok, head)
            or topic
            or concession(tok)
            or background_event(tok)
            or otherwise_clause(head)
            or expelled_member(tok, head)
            or second_alternative(head)
        ):
            r.score, r.informative, r.directed = 0.0, False, False  # another's act, or a topic: no one's
            return r
        if coerced_act(r, tok, head, lex):
            return r
        if means_clause(r, tok) or far_from(r, tok, head) or purpose_of_means(r, tok, head, target, lex):
            break
        if misattached_conjunct(tok, head):
            tok = head.head  # "stop worrying ... and focus on investing": focus is stop's conjunct
            continue
        if (change := misattached_change(tok, head, target)) is not None:
            _apply(r, change, target, lex, negate=True)
            tok = change  # "reversed the cuts to defence spending": the cuts are to it, not the reversal
            continue
        if needed is not None and tok.i == needed.i:
            break  # "will not protect Europe unless ...": the negated clause does not reverse what it needs
        if (
            endangered(r, tok, head)
            or office_of_target(r, tok, head)
            or harmed_by_event(r, tok, head)
            or blamed_for(r, tok, head, lex)
            or failed_agreement(r, tok, head)
        ):
            break
        if tok.dep_ in {"nsubj", "nsubjpass", "csubj"}:
            if subject_acts(tok, root, head, target, lex) or (tok.dep_ == "nsubj" and discussed_topic(tok)):
                break  # "the proposal would need to be discussed": a topic, nothing said of it yet
            said_of_subject(r, head, tok, target, lex)
            passive_agent(r, tok, head)
        elif adjunct_of_object(tok, head, target) or (
            adverbial_of_target_verb(tok, head, target) and not negated_act_purpose(tok, head, target, lex)
        ):
            pass
        elif trip_purpose(r, tok, head, root):
            if r.actor_verb is None:
                target_act(r, head, target)
        else:
            directed = r.directed
            # "warned that Spain should pay", "criticised Russia and backed NATO": not this cue's to reverse
            skip = (
                warned_demand(tok, head, lex)
                or conjoined_cue(tok, head, lex, target)
                or phrasal_cue_clause(tok, head, lex)
                or participle_consequence(tok, head, lex)
            )
            negate = not (
                affirmed_after_but(tok, head) or unshared_negation(tok, head) or negated_conjunct(tok, lex)
            )
            key = None if skip else _apply(r, head, target, lex, negate=negate)
            if not skip:
                exempted_mention(r, tok, head)
            if key is None and head.pos_ == "NOUN":
                negated_intention(r, head)
            if key is None and tok.dep_ == "dobj":
                key = object_complement(r, head, target, lex)
                if key is None:
                    lifted_objection(r, head, tok, lex)
            if key is None and tok.dep_ in {"prep", "dative"} and head.pos_ == "VERB":
                key = light_verb(r, head, target, lex)
            if key is None and tok.dep_ in {"xcomp", "ccomp", "advcl"} and head.lemma_ == "be":
                key = extraposed_judgement(r, head, target, lex)
            if key is None and tok.dep_ == "prep" and tok.lower_ == "of" and head.pos_ == "NOUN":
                key = view_noun(r, head, lex)
            if key is None and tok.dep_ in {"attr", "acomp", "xcomp", "dobj", "prep", "dative"}:
                key = pseudo_cleft(r, head, target, lex, scope)
            if key is not None and head.pos_ in {"VERB", "NOUN", "ADJ"}:
                cue_subject(r, head, scope)
            elif r.actor_verb is None and r.directed and (not directed or target_verb(head, target)):
                target_act(r, head, target)  # the first verb of the target's, or one that does it above it
        if tok.dep_ == "ccomp":
            negated_belief(r, head, lex)
        negated_possibility(r, tok, head, lex)
        rejected_alternative(r, tok, head)
        if head.pos_ in {"VERB", "AUX"} and refused_after_but(r, head):
            break
        if head.pos_ in {"VERB", "AUX"} and (not seen_verb or r.cues) and not mention_obligation(tok, root):
            for aux in (c for c in head.children if c.dep_ == "aux"):
                if not obligation_modal(r, head, aux):
                    commitment_modal(r, head, aux)
            seen_verb = True
        tok = head
    if r.actor_verb is not None and r.actor_verb.pos_ not in {"VERB", "AUX"} and not appositive(r.actor_verb):
        r.actor_verb, r.holder = None, None
    if scope is None and r.actor_verb is None:
        verb_mention(r, mention, target, lex)
    return r


@rule(
    "misattached_conjunct",
    "a bare verb the parse joins to a gerund under another verb is that verb's conjunct: 'stop X and focus'",
    fires={
        "Mark Rutte told his European colleagues to stop worrying about the US commitment to the Western "
        "alliance and focus on investing in defence and supporting Ukraine.": [
            "Mark Rutte defence_spending_increase support",
            "Mark Rutte military_aid_to_ukraine support",
        ],
    },
    spares={
        "Mark Rutte told his colleagues to stop cutting defence budgets and reducing their armies.": [
            "Mark Rutte defence_spending_increase support"
        ],
    },
)
def misattached_conjunct(tok: Token, head: Token) -> bool:
    """A base-form verb conjoined to a gerund that is the open complement of a base-form verb ("to stop
    worrying ... and focus on"): the parse slipped, the two base forms are the conjuncts, so what governs
    the gerund ("stop") does not reach it."""
    return (
        tok.dep_ == "conj"
        and tok.tag_ == "VB"
        and head.tag_ == "VBG"
        and head.dep_ == "xcomp"
        and head.head.tag_ == "VB"
    )


@rule(
    "misattached_change",
    "the target's change noun as a verb's object takes the phrase hung on its verb: 'reversed the cuts to'",
    fires={
        "Keir Starmer reversed the cuts to defence spending.": [
            "Keir Starmer defence_spending_increase support"
        ],
        "Labour opposed the cuts to defence spending.": ["Labour Party defence_spending_increase support"],
        "Keir Starmer announced the cuts to defence spending.": [
            "Keir Starmer defence_spending_increase oppose"
        ],
    },
    spares={
        "Germany lifted the cap on defence spending.": ["Germany defence_spending_increase support"],
        "Labour opposed the bill on defence spending.": ["Labour Party defence_spending_increase oppose"],
    },
)
def misattached_change(tok: Token, head: Token, target: Target) -> Token | None:
    """The direct object of `head` when the parse hangs the mention's preposition (`tok`: "to", "in", "on",
    "for") on the verb right after that object, and the object is a noun of the target's own change verbs
    ("cuts", "increase", "rise"): the phrase is the change's ("the cuts to defence spending"). Not under a
    verb that takes an objection away ("lifted the cap on": rule lifted_objection reads the verb alone)."""
    if tok.dep_ != "prep" or tok.lower_ not in {"to", "in", "on", "for"} or head.pos_ != "VERB":
        return None
    if head.lemma_.lower() in word_set("stance_lifting_verbs"):
        return None
    obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < tok.i), None)
    if obj is None or obj.pos_ != "NOUN" or obj.right_edge.i != tok.i - 1:
        return None
    lemma = obj.lemma_.lower()
    return obj if lemma in target.support or lemma in target.oppose else None


@rule(
    "purpose_of_means",
    "a target act as the purpose of another act is wanted whatever is said of it: 'not sell X to fund Y'",
    fires={
        "What Britain will not do is seize the assets to fund the military aid to Ukraine, Rachel Reeves "
        "said.": ["Rachel Reeves military_aid_to_ukraine support"],
    },
    spares={
        "What Britain will not do is send weapons to Ukraine, Rachel Reeves said.": [
            "Rachel Reeves military_aid_to_ukraine oppose"
        ],
    },
)
def purpose_of_means(r: Reading, tok: Token, head: Token, target: Target, lex: StanceLexicon) -> bool:
    """The climb stops at an infinitive of purpose that gave the reading the target's own verb, under a verb
    with an object of its own that is neither a cue nor one of the target's verbs ("seize the assets")."""
    return (
        r.directed
        and tok.dep_ == "advcl"
        and _to_infinitive(tok)
        and head.pos_ == "VERB"
        and _has_object(head)
        and target_verb(head, target) is None
        and stance_cue(head, lex) is None
    )


@rule(
    "means_clause",
    "a cue inside 'by doing X' is said there: the verb the means serves does not judge it",
    fires={
        "Donald Trump sought to ease concerns by reaffirming that he abides by Article 5 of the treaty.": [
            "Donald Trump nato_alliance support"
        ],
    },
    spares={
        "Donald Trump said Germany would reach 2% of GDP by raising defence spending.": [
            "Donald Trump defence_spending_increase support"
        ],
    },
)
def means_clause(r: Reading, tok: Token) -> bool:
    """The climb stops at the "by" of a gerund of means ("by reaffirming that ...") once its clause has
    given the reading a cue: what the means serves ("sought to ease concerns") is no view on it."""
    return (
        r.informative
        and tok.dep_ == "prep"
        and tok.lower_ == "by"
        and any(c.dep_ == "pcomp" for c in tok.children)
    )


@rule(
    "far_from",
    "what an actor is 'far from' doing it does not do, whatever the main clause says",
    fires={
        "Far from backing talks with Russia, Viktor Orban demanded more weapons.": [
            "Viktor Orbán dialogue_with_russia oppose"
        ],
    },
    spares={
        "Apart from backing talks with Russia, Viktor Orban demanded more weapons.": [
            "Viktor Orbán dialogue_with_russia support"
        ],
    },
)
def far_from(r: Reading, tok: Token, head: Token) -> bool:
    """The climb stops at the "from" of "far from doing X", reversing what the clause gave it; the subject
    of the verb "far" hangs on holds it."""
    if tok.dep_ != "prep" or tok.lower_ != "from" or head.lower_ != "far" or head.head.pos_ != "VERB":
        return False
    if not any(c.dep_ == "pcomp" for c in tok.children):
        return False  # "troops stationed far from NATO's border": a place
    r.score, r.informative, r.rule = -(r.score or 1.0), True, "far_from"
    r.actor_verb, r.holder = head.head, "far_from"
    return True


@rule(
    "affirmed_after_but",
    "'not X but Y' affirms Y: the negation on X does not reach the conjunct after 'but'",
    fires={
        "Josep Borrell said the EU does not want to go to war with Russia but only to help Ukraine.": [
            "Josep Borrell military_aid_to_ukraine support"
        ],
    },
    spares={
        "Josep Borrell said the EU does not want to go to war with Russia or to help Ukraine.": [
            "Josep Borrell military_aid_to_ukraine oppose"
        ],
    },
)
def affirmed_after_but(tok: Token, head: Token) -> bool:
    """A conjunct joined to a negated verb by "but" ("does not want war but only to help Ukraine")."""
    return tok.dep_ == "conj" and any(
        c.dep_ == "cc" and c.lower_ == "but" and c.i < tok.i for c in head.children
    )


@rule(
    "unshared_negation",
    "'did not send arms and later halted aid': a negation does not reach an 'and' verb with its own object",
    fires={
        "The US did not send new weapons to Kyiv and later halted its military aid to Ukraine.": [
            "United States military_aid_to_ukraine oppose"
        ],
    },
    spares={
        "The US did not send new weapons to Kyiv.": ["United States military_aid_to_ukraine oppose"],
    },
)
def unshared_negation(tok: Token, head: Token) -> bool:
    """A verb with a direct object joined by "and" to `head`, another verb with one."""
    return (
        _verb_conjunct(tok, head)
        and _has_object(head)
        and any(c.dep_ == "cc" and c.lower_ == "and" and head.i < c.i < tok.i for c in head.children)
    )


@rule(
    "negated_conjunct",
    "a verb negated on its own does not take the negation of the verb it joins: 'has not sent and will not'",
    fires={
        "Hungary has not sent and is not going to send weapons to Ukraine.": [
            "Hungary military_aid_to_ukraine oppose"
        ],
        "Hungary has neither sent nor will send weapons to Ukraine.": [
            "Hungary military_aid_to_ukraine oppose"
        ],
    },
    spares={
        "Hungary has not sent or delivered weapons to Ukraine.": ["Hungary military_aid_to_ukraine oppose"],
    },
)
def negated_conjunct(tok: Token, lex: StanceLexicon) -> bool:
    """`tok`, a verb conjoined to the one above it, with a negation of its own ("nor will send")."""
    return tok.dep_ == "conj" and tok.pos_ in {"VERB", "AUX"} and negation(tok, lex)


def _verb_conjunct(tok: Token, head: Token, objects: Collection[str] = ("dobj",)) -> bool:
    """`tok`, a verb with an object (a direct one, or one of the dependencies `objects`), conjoined to
    `head`, a verb."""
    return (
        tok.dep_ == "conj"
        and tok.pos_ == "VERB"
        and head.pos_ == "VERB"
        and any(c.dep_ in objects for c in tok.children)
    )


def _has_object(verb: Token) -> bool:
    return any(c.dep_ == "dobj" for c in verb.children)


@rule(
    "mention_modifier",
    "an adjective or adverb on a mention weighs on it: 'stronger European defence', 'more spending'",
    fires={
        "Pedro Sánchez called for lower defence spending.": [
            "Pedro Sánchez defence_spending_increase oppose"
        ],
    },
    spares={
        "Pedro Sánchez called for higher defence spending.": [
            "Pedro Sánchez defence_spending_increase support"
        ],
        "The House of Representatives passed a long-delayed military aid package for Ukraine.": [
            "US House of Representatives military_aid_to_ukraine support"
        ],
        "The White House seeks to push through a long-delayed military aid package for Ukraine.": [
            "White House military_aid_to_ukraine support"
        ],
    },
)
def mention_modifier(r: Reading, child: Token, target: Target, lex: StanceLexicon) -> bool:
    """Not a participle on the object of one of the target's own verbs or of a cue: "passed (pushed
    through) a long-delayed aid package" tells what others did to it before, the passing is the act."""
    root = child.head
    verb = root.head
    if (
        child.tag_ == "VBN"
        and root.dep_ == "dobj"
        and (target_verb(verb, target) is not None or stance_cue(verb, lex) is not None)
    ):
        return False
    return _apply(r, child, target, lex, negate=False, rule="mention_modifier") is not None


@rule(
    "unfair_share",
    "an 'unfair' or 'disproportionate' share of the burden is a complaint that others pay too little",
    fires={
        "Donald Trump said the United States carries an unfair share of the burden.": [
            "Donald Trump defence_spending_increase support"
        ],
    },
    spares={
        "Donald Trump said the allies should carry a greater share of the burden.": [
            "Donald Trump defence_spending_increase support"
        ],
    },
)
def unfair_share(r: Reading, child: Token) -> bool:
    """A judgement of how a share is split (stance_unfair_share_words.txt) on a share of the target ("an
    unfair share of the burden") finds the split wrong, not the burden: it asks the others for more."""
    share = child.head.lemma_.lower() in word_set("stance_share_words")
    if not share or child.lemma_.lower() not in word_set("stance_unfair_share_words"):
        return False
    r.score = abs(r.score)
    r.informative, r.rule = True, "unfair_share"
    r.cues.append(child.lower_)
    return True


@rule(
    "gerund_modifier",
    "a target verb's gerund the parse took for a compound noun gives a direction: 'withholding aid'",
    fires={
        "John Rood expressed concern about withholding aid to Ukraine.": [
            "John Rood military_aid_to_ukraine support"
        ],
    },
    spares={
        "John Rood expressed concern about aid to Ukraine.": ["John Rood military_aid_to_ukraine oppose"],
    },
)
def gerund_modifier(r: Reading, child: Token, target: Target) -> bool:
    """A compound "-ing" noun on a mention whose verb (the word less "-ing", or less "-ing" plus "e", or
    with a doubled consonant undone: "cutting") is one of the target's own verbs."""
    word = child.lower_
    if not word.endswith("ing") or len(word) < 6:
        return False
    stem = word[:-3]
    for verb in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem):
        value = 1.0 if verb in target.support else -1.0 if verb in target.oppose else None
        if value is not None:
            r.score *= value
            r.directed, r.rule = True, "gerund_modifier"
            r.cues.append(verb)
            return True
    return False


@rule(
    "relative_clause",
    "a relative clause on a mention is said of it: 'the alliance, which remains indispensable'",
    fires={
        "Macron said that NATO, which remains indispensable, must change.": [
            "Emmanuel Macron nato_alliance support"
        ],
    },
    spares={
        "Spain has asked NATO to exempt it from the defence spending target that allies are due to adopt.": [
            "Spain defence_spending_increase oppose"
        ],
        "Justin Trudeau vowed that higher defence spending, which has not yet been approved, will come.": [
            "Justin Trudeau defence_spending_increase support"
        ],
        "Michael Fallon opposed an EU army, which would undermine NATO.": [  # the cue above decides
            "Michael Fallon european_defence_cooperation oppose"
        ],
    },
)
def relative_clause(r: Reading, root: Token, clause: Token, target: Target, lex: StanceLexicon) -> bool:
    """ "it is NATO ... that is raising tensions"; not "the target that allies are due to adopt" (their act,
    not said of it), nor "spending which has not yet been approved" (what others did to it, with no modal)."""
    which = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), root)
    if which.dep_ == "nsubjpass" and not any(c.tag_ == "MD" for c in clause.children):
        return False
    if which.i == root.i or which.lower_ in word_set("relative_pronouns"):
        return _predicate(r, clause, which, target, lex, "relative_clause")
    return False


@rule(
    "negated_mention",
    "a negated mention is reversed: 'not a ceiling', 'is no longer a ceiling'",
    fires={
        "Macron said Europe can no longer rely on the United States.": [
            "Emmanuel Macron european_defence_cooperation support"
        ],
        "J.D. Vance said Europe should not rely on American protection forever.": [
            "JD Vance european_defence_cooperation support"
        ],
        "Mark Rutte said the plan does not mean an arms race.": [
            "Mark Rutte defence_spending_increase support"
        ],
        '"I will support zero military aid to Ukraine," Robert Fico said.': [
            "Robert Fico military_aid_to_ukraine oppose"
        ],
        '"I would place troops neither under NATO command nor under a European one," Marine Le Pen said.': [
            "Marine Le Pen nato_alliance oppose"
        ],
        '"Not a single cent more will be spent on arms next year," Robert Fico said.': [
            "Robert Fico defence_spending_increase oppose"
        ],
    },
    spares={
        "Macron said Europe can rely on the United States.": [
            "Emmanuel Macron european_defence_cooperation oppose"
        ],
    },
)
def negated_mention(r: Reading, root: Token, lex: StanceLexicon, target: Target) -> bool:
    if conditional(root):  # "if allies do not pay more": what is demanded
        return False
    verb = (
        root.head.head
        if root.dep_ == "pobj" and root.head.dep_ == "prep"
        else root.head
        if root.dep_ == "dobj"
        else None
    )
    plain = (
        r.score < 0
        and verb is not None
        and verb.pos_ == "VERB"
        and stance_cue(verb, lex) is None
        and target_verb(verb, target) is None
        and negation(verb, lex)
    )  # "should not rely on American protection", "does not mean an arms race": the contrary phrase's verb
    if (
        negation(root, lex)
        or (root.dep_ == "attr" and root.head.lemma_ == "be" and negation(root.head, lex))
        or under_negated_prep(root, lex)
        or plain
    ):
        r.score = -r.score
        r.rule = "negated_mention"
        return True
    return False


def _reverse(r: Reading, rule: str, cue: str) -> None:
    """Reverse the reading's score, citing `rule` and the words that reversed it."""
    r.score, r.rule = -r.score, rule
    r.cues.append(cue)


def under_negated_prep(root: Token, lex: StanceLexicon) -> bool:
    """ "neither under NATO command nor ...": the mention, or the noun it names, under a negated
    preposition."""
    noun = root.head if root.dep_ in {"compound", "poss"} else root
    return noun.dep_ == "pobj" and noun.head.dep_ == "prep" and negation(noun.head, lex)


@rule(
    "amount_judged",
    "a mention whose amount is judged short is a call for more, which blame does not reverse: 'too little'",
    fires={
        "Donald Trump criticised Germany for spending too little on defence.": [
            "Donald Trump defence_spending_increase support"
        ],
        "Donald Trump said allies do not spend enough on defence.": [
            "Donald Trump defence_spending_increase support"
        ],
        "Donald Trump said Germany's defence spending is far too low.": [
            "Donald Trump defence_spending_increase support"
        ],
        "Jeremy Corbyn said Britain spends too much on defence.": [
            "Jeremy Corbyn defence_spending_increase oppose"
        ],
    },
    spares={
        "Donald Trump criticised Germany for cutting defence spending.": [
            "Donald Trump defence_spending_increase support"
        ],
        "Donald Trump said allies spend enough on defence.": [
            "Donald Trump defence_spending_increase support"
        ],
    },
)
def amount_judged(r: Reading, root: Token, lex: StanceLexicon) -> bool:
    """An amount word (stance_amount_words.csv) on the mention, or on its "be" as a subject, or a negated
    "enough": the mention reads as a call for more (+1, "low defence spending", "do not spend enough", "is
    not high enough") or for less (-1, "too much"); a negative cue above it then agrees rather than reverses
    ("criticised Germany for spending too little" supports an increase)."""
    if r.score <= 0 and r.rule != "negated_mention":
        return False  # a contrary phrase or a reading already reversed by its own words
    be = root.head if root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_ == "be" else None
    words = [c for c in root.children if c.dep_ in {"amod", "advmod", "dobj", "acomp", "npadvmod"}]
    words += [g for c in root.children if c.dep_ == "compound" for g in c.children if g.dep_ == "compound"]
    words += [c for c in (be.children if be is not None else ()) if c.dep_ in {"acomp", "attr"}]
    for word in words:
        sign = _amount_sign(word, be if be is not None else root, lex)
        if sign is None:
            continue
        r.score, r.informative, r.amount, r.rule = sign * abs(r.score), True, "amount_judged", "amount_judged"
        r.cues.append(word.lower_)
        return True
    return False


@rule(
    "pejorative",
    "a contrary phrase that is a term of blame ('appeasement') is opposed whatever cue governs it",
    fires={
        "Ursula von der Leyen warned against appeasement.": [
            "Ursula von der Leyen dialogue_with_russia oppose"
        ],
    },
    spares={
        "Ursula von der Leyen said talks with Putin were necessary.": [
            "Ursula von der Leyen dialogue_with_russia support"
        ],
    },
)
def pejorative(r: Reading, mention: Mention) -> bool:
    """A contrary phrase of stance_pejoratives.txt ("appeasement"): whoever names it blames it, so a
    negative cue over it ("warned that appeasement will not stop Putin", "warned against appeasement")
    agrees with the opposition rather than reversing it (as for an amount judged short)."""
    if mention.rule != "contrary_phrase" or mention.root.lemma_.lower() not in word_set("stance_pejoratives"):
        return False
    r.amount = "pejorative"
    return True


@rule(
    "anti_prefix",
    "a mention after 'anti-' names what is against it: rejecting an 'anti-NATO referendum' backs NATO",
    fires={
        "Robert Fico rejected the anti-NATO referendum.": ["Robert Fico nato_alliance support"],
    },
    spares={
        "Robert Fico rejected the pro-NATO resolution.": ["Robert Fico nato_alliance oppose"],
    },
)
def anti_prefix(r: Reading, root: Token) -> bool:
    """`root` written after "anti-" (as one token or as "anti" and a hyphen): its score reverses."""
    doc = root.doc
    before = [t.lower_ for t in doc[max(root.i - 2, 0) : root.i]]
    if before[-1:] != ["anti-"] and before != ["anti", "-"] and not root.lower_.startswith("anti-"):
        return False
    r.score = -r.score
    return True


@rule(
    "against_noun",
    "a mention after a noun's 'against' is what it is against: rejecting 'a motion against NATO' backs NATO",
    fires={
        "Pedro Sánchez rejected a motion against NATO and military spending.": [
            "Pedro Sánchez nato_alliance support",
            "Pedro Sánchez defence_spending_increase support",
        ],
    },
    spares={
        "Pedro Sánchez voted against NATO membership.": ["Pedro Sánchez nato_alliance oppose"],
        "Viktor Orbán has led the resistance against more aid for Ukraine.": [
            "Viktor Orbán military_aid_to_ukraine oppose"
        ],
    },
)
def against_noun(r: Reading, root: Token, lex: StanceLexicon) -> bool:
    """`root` (or the first of its conjuncts) the object of "against" on a noun that is no danger ("a threat
    against NATO" is one to it), makes no cue with it ("warnings against", read as a cue) and is no oppose
    cue itself ("the resistance against more aid" already opposes it): its score reverses. Not through a
    country the parse joins it to ("sanctions against Russia and military support for Kyiv")."""
    while root.dep_ == "conj":
        root = root.head
        if root.ent_type_ in {"GPE", "NORP"}:
            return False
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "against" or prep.head.pos_ != "NOUN":
        return False
    noun = prep.head.lemma_.lower()
    if noun in word_set("stance_danger_nouns") or lex.cue(f"{noun} against") is not None:
        return False
    if (lex.cue(noun) or 0.0) < 0:
        return False
    r.score = -r.score
    return True


@rule(
    "necessary_condition",
    "what a negated clause needs 'unless' it happens is called for: 'will not protect Europe unless ...'",
    fires={
        "“We will not protect Europeans unless we decide to have a European army,” Mr Macron said.": [
            "Emmanuel Macron european_defence_cooperation support"
        ],
        "Mr Trump said America would not defend allies unless they raised defence spending.": [
            "Donald Trump defence_spending_increase support"
        ],
    },
    spares={
        "“We will protect Europeans if we decide to have a European army,” Mr Macron said.": [],
    },
)
def necessary_condition(r: Reading, root: Token, lex: StanceLexicon) -> Token | None:
    """A mention in an "unless" clause whose governing clause is negated: the condition is necessary, so the
    mention reads as called for, by its own cues only; the clause's verb, where the reading stops."""
    tok = root
    while tok.head.i != tok.i:
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "unless" for c in tok.children):
            if not negation(tok.head, lex):
                return None
            r.informative, r.rule, r.needed = True, "necessary_condition", True
            r.cues.append("unless")
            return tok
        tok = tok.head
    return None


@rule(
    "membership_verb",
    "a membership verb standing for its target reads its own direction; its subject is the actor",
    fires={
        "Finland joined NATO on Tuesday. Ireland decided to join.": [
            "Finland nato_alliance support",
            "Ireland nato_alliance support",
        ],
    },
    spares={
        "The opt-out meant Denmark could not take part in PESCO.": [],
    },
)
def membership_verb(r: Reading, root: Token, target: Target, lex: StanceLexicon) -> bool:
    """ "Austria joined as well"; "is considering whether to join" is undecided."""
    if not (root.pos_ == "VERB" and root.lemma_ in membership_verbs() and _objectless(root)):
        return False
    _apply(r, root, target, lex, negate=True, rule="membership_verb")
    if r.directed and _acts_on(root):
        r.actor_verb, r.holder = root, "membership_verb"
    return True


@rule(
    "addressee",
    "the one asked to act holds no stance and takes none: 'asked NATO to exempt it', 'urged allies to ...'",
    fires={
        "Spain has asked NATO to exempt it from the defence spending target.": [
            "Spain defence_spending_increase oppose"
        ],
        "Donald Trump has demanded NATO members increase defense spending to 5% of their GDP.": [
            "Donald Trump defence_spending_increase support"
        ],
        "Donald Trump urged members of the North Atlantic Treaty Organisation to raise defence spending.": [
            "Donald Trump defence_spending_increase support"
        ],
    },
    spares={
        "Spain has asked NATO for an exemption from the defence spending target.": [
            "Spain nato_alliance support",
            "Spain defence_spending_increase oppose",
        ],
    },
)
def addressee(tok: Token) -> bool:
    """Whether a noun is the one asked to act: the object of a verb with an infinitive on it, or the
    members named by it who are the subject of the clause a verb of asking (directive_verbs.txt) governs
    ("demanded NATO members increase ...")."""
    if tok.dep_ == "compound" and tok.head.dep_ == "nsubj" and tok.head.head.dep_ == "ccomp":
        return tok.head.head.head.lemma_.lower() in word_set("directive_verbs")
    if tok.dep_ == "appos":
        tok = tok.head  # "members of the North Atlantic Treaty Organisation (NATO)"
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ == "dobj":
        tok = tok.head.head  # "urged members of NATO to raise spending": the members are asked
    return tok.dep_ == "dobj" and any(c.dep_ == "xcomp" for c in tok.head.children)


@rule(
    "side_clause_stop",
    "the climb stops at a relative clause, apposition or parataxis: it speaks about its own noun",
    fires={
        "Germany backed Macron, an old friend of European defence.": [],
    },
    spares={
        "Germany backed the treaty on European defence.": ["Germany european_defence_cooperation support"],
    },
)
def side_clause_stop(tok: Token, scope: Scope | None) -> bool:
    """Inside a statement a relative clause does not stop it (the statement's content is the limit), nor
    does an infinitive with no subject of its own, the content of its noun ("a bill to provide ...")."""
    if tok.dep_ == "relcl" and _infinitive_content(tok):
        return False
    return tok.dep_ in _STOP_DEPS and (scope is None or tok.dep_ != "relcl")


@rule(
    "actor_relative_clause",
    "inside a statement a relative clause on a named actor tells that actor's acts, not the speaker's view",
    fires={
        "Emmanuel Macron said the build-up is crucial to deter Russia, which officials warn could be ready "
        "to attack the alliance.": [],
    },
    spares={
        "Emmanuel Macron said NATO, which remains indispensable, must adapt.": [
            "Emmanuel Macron nato_alliance support"
        ],
    },
)
def actor_relative_clause(tok: Token, head: Token, scope: Scope | None) -> bool:
    """ "... to deter Russia, which could be ready to attack the alliance": the climb stops where a relative
    clause with a subject of its own meets the named country, organisation or person it is on."""
    return (
        scope is not None
        and tok.dep_ == "relcl"
        and head.ent_type_ in {"GPE", "ORG", "PERSON", "NORP"}
        and not _infinitive_content(tok)
    )


def _infinitive_content(clause: Token) -> bool:
    """ "a bill to provide aid": a relative clause that is a bare infinitive (no subject, "to")."""
    return _to_infinitive(clause) and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children)


def _to_infinitive(verb: Token) -> bool:
    """Whether `verb` has "to" before it as its auxiliary: an infinitive ("to send", "to please")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


@rule(
    "own_subject_clause",
    "the climb stops at a coordinated, contrasted or background clause with its own subject",
    fires={
        "France pushed for European defence, while Germany favoured an inclusive club.": [
            "France european_defence_cooperation support",
            "Germany european_defence_cooperation support",
        ],
        "Friedrich Merz won approval for plans to loosen debt rules as doubts mount about the strength "
        "of NATO.": [],
    },
    spares={
        "France pushed for European defence and favoured an inclusive club.": [
            "France european_defence_cooperation support"
        ],
    },
)
def own_subject_clause(tok: Token) -> bool:
    """What is in such a clause is not governed by the clause it hangs on ("France pushed for a small
    group, while Germany favoured an inclusive club")."""
    if tok.dep_ not in {"conj", "advcl"}:
        return False
    contrast, background = word_set("contrast_marks"), word_set("stance_background_marks")
    if tok.dep_ == "advcl" and not any(
        c.dep_ == "mark" and (c.lower_ in contrast or c.lower_ in background) for c in tok.children
    ):
        return False
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children)


@rule(
    "subject_acts",
    "a mention that is the subject of a general cue verb acts; that is its own stance, not one on it",
    fires={
        "Jens Stoltenberg said that the alliance should welcome Finland.": [],
    },
    spares={
        "Jens Stoltenberg said that the alliance should be strong.": [
            "Jens Stoltenberg nato_alliance support"
        ],
    },
)
def subject_acts(tok: Token, root: Token, verb: Token, target: Target, lex: StanceLexicon) -> bool:
    """ "the alliance should not stop at ..."."""
    return (
        tok.i == root.i
        and tok.dep_ != "nsubjpass"
        and verb.pos_ == "VERB"
        and target_verb(verb, target) is None
        and stance_cue(verb, lex) is not None
        and not thing_subject(tok)
    )


@rule(
    "thing_subject",
    "a mention naming a thing, not someone, does not act: a cue it is the subject of judges it",
    fires={
        "Sergei Lavrov said that arms supplies to Ukraine undermine any settlement.": [
            "Sergei Lavrov military_aid_to_ukraine oppose"
        ],
    },
    spares={
        "Jens Stoltenberg said that the alliance should welcome Finland.": [],
    },
)
def thing_subject(tok: Token) -> bool:
    """A common noun with no entity type that names no one who acts (stance_agent_mention_nouns.txt):
    "arms supplies undermine peace" is said of the supplies, as "NATO remained indispensable" is."""
    return (
        tok.pos_ == "NOUN"
        and not tok.ent_type_
        and tok.lemma_.lower() not in word_set("stance_agent_mention_nouns")
    )


@rule(
    "said_of_subject",
    "what is said of a mention (or its clause) as subject: 'NATO remained indispensable'",
    fires={
        "Macron said NATO remained indispensable.": ["Emmanuel Macron nato_alliance support"],
        "Mike Johnson suggested that the package of military aid for Ukraine would go nowhere.": [
            "Mike Johnson military_aid_to_ukraine oppose"
        ],
        "Rex Tillerson said our security commitments to European allies are ironclad.": [
            "Rex Tillerson nato_alliance support"
        ],
        "Dmitry Peskov said Sweden joining NATO would be negative for Russia.": [
            "Dmitry Peskov nato_alliance oppose"
        ],
    },
    spares={
        "Merkel said Germany raised its defence spending.": [
            "Angela Merkel defence_spending_increase support"
        ],
        "Britain raised defence spending. Keir Starmer said the plan amounts to the biggest increase since "
        "the end of the Cold War.": [
            "United Kingdom defence_spending_increase support",
            "Keir Starmer defence_spending_increase support",
        ],
    },
)
def said_of_subject(r: Reading, verb: Token, subject: Token, target: Target, lex: StanceLexicon) -> bool:
    """ "the suggestion ... undermined the security", "membership would be a threat"."""
    return _predicate(r, verb, subject, target, lex, "said_of_subject")


@rule(
    "passive_agent",
    "the agent of a passive holds what is said of its subject: 'its membership was held up by Türkiye'",
    fires={
        "Its membership was held up for months by Türkiye.": ["Türkiye nato_alliance oppose"],
        "The military aid to Ukraine was withheld at the White House's direction.": [
            "White House military_aid_to_ukraine oppose"
        ],
    },
    spares={
        "Its membership was held up for months.": [],
    },
)
def passive_agent(r: Reading, tok: Token, verb: Token) -> bool:
    if tok.dep_ == "nsubjpass" and r.judged and r.actor_verb is None and _agents(verb):
        r.actor_verb, r.holder = verb, "passive_agent"
        return True
    return False


@rule(
    "adjunct_of_object",
    "a verb with an object of its own does not speak of its adjunct: 'ended a meeting with a declaration'",
    fires={
        "NATO leaders ended a meeting near London on Wednesday with a joint declaration reaffirming "
        "their commitment to defend each other.": ["NATO nato_alliance support"],
        "In linking Russia to Berlin's unsatisfactory defence budget, Trump underscored two concerns.": [],
        "The US blocked arms sales to Hungary due to its position on Sweden's accession to NATO.": [],
    },
    spares={
        "In Brussels, Germany underscored its backing for the plan to raise defence spending.": [
            "Germany defence_spending_increase support"
        ],
        "NATO leaders issued a joint declaration reaffirming their commitment to defend each other.": [
            "NATO nato_alliance support"
        ],
        "America provided Ukraine with cluster munitions.": ["United States military_aid_to_ukraine support"],
    },
)
def adjunct_of_object(tok: Token, head: Token, target: Target) -> bool:
    """A "with"/"after"/... adjunct (stance_adjunct_preps.txt), or an "in" + gerund clause
    (stance_gerund_adjunct_preps.txt), of a verb that has a direct object, unless
    the object is the target's recipient ("supplied Ukraine with shells": the shells are given)."""
    gerund = tok.lower_ in word_set("stance_gerund_adjunct_preps") and any(
        c.dep_ == "pcomp" and c.tag_ == "VBG" for c in tok.children
    )
    return (
        tok.dep_ == "prep"
        and (tok.lower_ in word_set("stance_adjunct_preps") or gerund)
        and head.pos_ == "VERB"
        and any(c.dep_ == "dobj" and c.lower_ not in target.recipients for c in head.children)
    )


@rule(
    "adverbial_of_target_verb",
    "a target's own verb does not direct a mention in its adverbial clause",
    fires={
        "Pedro Sánchez said Spain would meet its capability targets while keeping defence spending at "
        "2.1%.": ["Pedro Sánchez defence_spending_increase support"],
        "Donald Trump said he would end the war by negotiating with Vladimir Putin.": [
            "Donald Trump dialogue_with_russia support"
        ],
        "Keir Starmer announced plans to cut the aid budget in order to increase defence spending.": [
            "Keir Starmer defence_spending_increase support"
        ],
        "Keir Starmer slashed the aid budget to increase defence spending.": [
            "Keir Starmer defence_spending_increase support"
        ],
    },
    spares={
        "Pedro Sánchez said Spain would keep defence spending at 2.1% while it met its capability targets.": [
            "Pedro Sánchez defence_spending_increase support"
        ],
    },
)
def adverbial_of_target_verb(tok: Token, head: Token, target: Target) -> bool:
    """ "meet its capability targets while keeping spending at 2.1%", "end the war by negotiating with
    Putin", "cut aid (in order) to increase defence spending": "meet", "end", "cut" direct their own
    arguments, not the clause that says when, how or what for."""
    means = tok.dep_ == "prep" and tok.lower_ == "by" and any(c.dep_ == "pcomp" for c in tok.children)
    in_order = tok.dep_ == "prep" and tok.lower_ == "in" and any(c.lower_ == "order" for c in tok.children)
    purpose = in_order or (  # "slashes the aid budget to increase defence spending"
        tok.dep_ == "xcomp" and _to_infinitive(tok) and _has_object(head)
    )
    if tok.dep_ == "advcl" and blocked_purpose(tok):
        return False  # "blocked a tranche to finance aid": the purpose is the tranche's, which is blocked
    return (tok.dep_ == "advcl" or means or purpose) and target_verb(head, target) is not None


@rule(
    "negated_act_purpose",
    "a negated act of the target's own with the same act as its purpose is refused: 'not send arms to help'",
    fires={
        "Rachel Reeves said Britain would not send weapons to help Ukraine.": [
            "Rachel Reeves military_aid_to_ukraine oppose"
        ],
    },
    spares={
        "Rachel Reeves said Britain would send weapons to help Ukraine.": [
            "Rachel Reeves military_aid_to_ukraine support"
        ],
    },
)
def negated_act_purpose(tok: Token, head: Token, target: Target, lex: StanceLexicon) -> bool:
    """`tok`, an infinitive of purpose, under `head`, a negated support verb of the target's whose object,
    if any, is one of the target's object words ("not send weapons to help", not "not raise taxes to")."""
    return (
        tok.dep_ == "advcl"
        and _to_infinitive(tok)
        and target_verb(head, target) == 1.0
        and all(c.lemma_.lower() in target.objects for c in head.children if c.dep_ == "dobj")
        and negation(head, lex)
    )


@rule(
    "trip_purpose",
    "travelling or coming 'for' a mention is doing it: 'Orbán flew to Moscow for talks with Putin'",
    fires={
        "Viktor Orbán flew to Moscow on Friday for talks with Vladimir Putin.": [
            "Viktor Orbán dialogue_with_russia support"
        ],
    },
    spares={
        "Viktor Orbán flew to Moscow on Friday despite talks with Vladimir Putin.": [],
    },
)
def trip_purpose(r: Reading, tok: Token, verb: Token, root: Token) -> bool:
    """A mention that is the "for" purpose of a travel verb (stance_trip_verbs.txt) is the trip's act."""
    if tok.dep_ != "prep" or tok.lower_ != "for" or verb.pos_ != "VERB" or root.head.i != tok.i:
        return False
    if verb.lemma_.lower() not in word_set("stance_trip_verbs"):
        return False
    r.directed = True
    r.rule = "trip_purpose"
    r.cues.append(verb.lemma_.lower())
    return True


@rule(
    "provoked_response",
    "what an act is 'in response to' provoked it; the act says nothing for or against it",
    fires={
        "Alexander Grushko said Moscow would strengthen its military forces in response to Finland's "
        "accession to NATO.": [],
    },
    spares={
        "Russia said it would respond to Finland joining NATO.": ["Russia nato_alliance support"],
    },
)
def provoked_response(tok: Token, head: Token) -> bool:
    """ "strengthen its forces in response to Finland's accession to NATO": the climb stops at the "to"
    (or "for") of "in response", "in reaction", "in retaliation" (stance_response_nouns.txt), and what the
    mention read below it (Finland's joining) is no one's stance."""
    return (
        tok.dep_ == "prep"
        and tok.lower_ in {"to", "for"}
        and head.lemma_.lower() in word_set("stance_response_nouns")
        and head.head.lower_ == "in"
    )


@rule(
    "negated_intention",
    "'no plans to', 'no intention of': a denied intention reverses what it is an intention of",
    fires={
        "Keir Starmer said he has no plans to talk to Vladimir Putin.": [
            "Keir Starmer dialogue_with_russia oppose"
        ],
        "Antonio Tajani said the government has no plans to send troops to Ukraine.": [
            "Antonio Tajani military_aid_to_ukraine oppose"
        ],
    },
    spares={
        "Keir Starmer said he has plans to talk to Vladimir Putin.": [
            "Keir Starmer dialogue_with_russia support"
        ],
    },
)
def negated_intention(r: Reading, noun: Token) -> bool:
    """A noun of intention (stance_intention_nouns.txt) with "no" on it, on the way up from a mention ("has
    no plans to talk to Putin", "no intention of sending troops"); not others' lack of it that a source
    tells of ("many countries have no appetite for the 2% target, he says": a complaint)."""
    if noun.lemma_.lower() not in word_set("stance_intention_nouns") or not any(
        c.dep_ == "det" and c.lower_ == "no" for c in noun.children
    ):
        return False
    if any(c.dep_ == "nsubj" and c.tag_ == "NNS" for c in noun.head.children):
        return False
    r.score = -r.score
    r.informative, r.rule = True, "negated_intention"
    r.cues.append("no " + noun.lemma_.lower())
    return True


@rule(
    "commented_on",
    "what a source is 'commenting on' is the topic of the words, not what they back",
    fires={
        "Commenting on the phone conversation with Vladimir Putin, Volodymyr Zelensky said that this is "
        "a mistake.": [],
    },
    spares={
        "Volodymyr Zelensky welcomed Olaf Scholz's conversation with Vladimir Putin.": [
            "Volodymyr Zelensky dialogue_with_russia support"
        ],
    },
)
def commented_on(verb: Token) -> bool:
    """ "Commenting on Scholz's call with Putin, Zelensky said ...": a verb of comment or reply
    (stance_comment_verbs.txt). The climb stops at its preposition, what the mention read below it is no
    one's; as a statement's cue, its words are a topic, which a mention alone does not back."""
    return verb.lemma_.lower() in word_set("stance_comment_verbs")


@rule(
    "topic_preposition",
    "a mention that a discussion is 'about' (or a debate 'on') is its topic, not what the cue above it is on",
    fires={
        "Emmanuel Macron wants a real strategy discussion about NATO.": [],
        "Giuseppe Conte wants a debate on sending arms to Ukraine.": [],
        "Olaf Scholz laughed when asked about sending Taurus missiles to Ukraine.": [],
    },
    spares={
        "Emmanuel Macron voiced concerns about NATO enlargement.": ["Emmanuel Macron nato_alliance oppose"],
    },
)
def topic_preposition(tok: Token, head: Token, lex: StanceLexicon) -> bool:
    """The climb stops at "about", "regarding", "concerning" on a noun that is no cue itself ("concerns
    about NATO enlargement" goes on: concern is a cue), and at "on" after a noun of debate ("a parliamentary
    confrontation on sending arms", stance_topic_nouns.txt)."""
    if (
        tok.dep_ == "prep"
        and tok.lower_ == "about"
        and head.lemma_.lower() in word_set("stance_question_verbs")
    ):
        return True  # "when asked about transferring missiles to Ukraine": what the question was on
    topic = tok.lower_ in word_set("stance_topic_preps") or (
        tok.lower_ == "on" and head.lemma_.lower() in word_set("stance_topic_nouns")
    )
    return tok.dep_ == "prep" and topic and head.pos_ == "NOUN" and stance_cue(head, lex) is None


@rule(
    "otherwise_clause",
    "what would follow 'otherwise' is not done: 'we must proceed this way; otherwise, we leave NATO'",
    fires={
        'Nuno Melo said: "We must proceed this way; otherwise, we leave NATO."': [],
    },
    spares={
        'Nuno Melo said: "We must proceed this way; then we leave NATO."': ["Nuno Melo nato_alliance oppose"],
    },
)
def otherwise_clause(verb: Token) -> bool:
    """The climb meets a verb with "otherwise" on it (stance_otherwise_words.txt)."""
    return verb.pos_ in {"VERB", "AUX"} and any(
        c.dep_ == "advmod" and c.lower_ in word_set("stance_otherwise_words") for c in verb.children
    )


@rule(
    "expelled_member",
    "putting a member out of an alliance takes no stance on the alliance: 'expelling Spain from NATO'",
    fires={
        "Donald Trump floated the idea of expelling Spain from NATO.": [],
    },
    spares={
        "Donald Trump floated the idea of leaving NATO.": ["Donald Trump nato_alliance oppose"],
    },
)
def expelled_member(tok: Token, head: Token) -> bool:
    """The climb reaches a verb of expelling (stance_expelling_verbs.txt) with an object of its own through
    its preposition ("expel Spain from NATO", "kick Spain out of NATO"): the stance is on the member."""
    return (
        tok.dep_ == "prep"
        and tok.lower_ in {"from", "out"}
        and head.lemma_.lower() in word_set("stance_expelling_verbs")
        and _has_object(head)
    )


@rule(
    "second_alternative",
    "what follows 'or' after 'either' is an alternative, not what is done: 'either pay more or leave NATO'",
    fires={
        "Donald Trump said allies must either pay more for defence or leave NATO.": [
            "Donald Trump defence_spending_increase support"
        ],
    },
    spares={
        "Donald Trump said allies must pay more for defence and leave NATO.": [
            "Donald Trump defence_spending_increase support",
            "Donald Trump nato_alliance oppose",
        ],
    },
)
def second_alternative(verb: Token) -> bool:
    """A verb joined by "or" to a verb that "either" opens: the choice offered against the first one
    ("either we remain in the alliance and pay, or we leave the alliance")."""
    if verb.dep_ != "conj" or verb.pos_ not in {"VERB", "AUX"}:
        return False
    first = verb.head
    joined = any(c.dep_ == "cc" and c.lower_ == "or" and first.i < c.i < verb.i for c in first.children)
    return joined and any(t.lower_ == "either" for t in first.doc[first.left_edge.i : first.i])


@rule(
    "concession",
    "what something is done 'despite' is not what the doer backs: 'despite NATO commitments, Scholz wants'",
    fires={
        "Despite NATO commitments, Olaf Scholz wants to save on the military budget.": [
            "Olaf Scholz defence_spending_increase oppose"
        ],
    },
    spares={
        "Because of NATO commitments, Olaf Scholz wants to save on the military budget.": [
            "Olaf Scholz defence_spending_increase oppose",
            "Olaf Scholz nato_alliance support",
        ],
    },
)
def concession(tok: Token) -> bool:
    """The climb meets a preposition of concession (stance_concession_preps.txt) over the mention."""
    return tok.dep_ == "prep" and tok.lower_ in word_set("stance_concession_preps")


@rule(
    "background_event",
    "what comes 'amid' an event is set against it: the main clause says nothing for or against it",
    fires={
        "EU leaders pledged more military aid for Ukraine amid Donald Trump's freeze on military aid to "
        "Kyiv.": ["European Union military_aid_to_ukraine support"],
    },
    spares={
        "EU leaders pledged more military aid for Ukraine after talks in Brussels.": [
            "European Union military_aid_to_ukraine support"
        ],
    },
)
def background_event(tok: Token) -> bool:
    """The climb meets a preposition of background (stance_background_preps.txt) over the mention."""
    return tok.dep_ == "prep" and tok.lower_ in word_set("stance_background_preps")


@rule(
    "coerced_act",
    "what someone is forced or compelled to do is not their stance: 'we are being forced to spend 5%'",
    fires={
        'Zoran Milanović said: "We are being forced to spend five percent of GDP on defence."': [],
        "Pedro Sánchez said Spain should not be required to raise defence spending to 5% of GDP.": [
            "Pedro Sánchez defence_spending_increase oppose"
        ],
    },
    spares={
        "Mark Rutte said all allies should be required to spend 3% of GDP on defence.": [
            "Mark Rutte defence_spending_increase support"
        ],
        'Zoran Milanović said: "We have decided to spend five percent of GDP on defence."': [
            "Zoran Milanović defence_spending_increase support"
        ],
    },
)
def coerced_act(r: Reading, tok: Token, head: Token, lex: StanceLexicon) -> bool:
    """A target act that is the open complement of a passive verb of coercion (stance_coercion_verbs.txt:
    "being forced to spend", "could be compelled to divert") holds no stance, unless a cue below decided
    it. Negated, it refuses the act ("should not be required to meet the target": the reading is reversed);
    under an obligation ("should be required to") it asks for it; either way the climb goes on."""
    if r.informative or tok.dep_ != "xcomp" or head.lemma_.lower() not in word_set("stance_coercion_verbs"):
        return False
    if not any(c.dep_ == "auxpass" for c in head.children):
        return False
    if negation(head, lex):  # "should not be required to meet the target", "would not be obliged to"
        r.score, r.rule, r.informative = -r.score, "coerced_act", True
        r.cues.append(head.lemma_.lower())
        return False
    if _obliged(head):  # "should be required to spend 3%" asks for the act
        return False
    r.score, r.directed, r.rule = 0.0, False, "coerced_act"
    return True


@rule(
    "endangered",
    "a mention that a danger is 'to' is what is endangered, not opposed: 'the biggest threat to NATO'",
    fires={
        "The biggest threat to NATO is the war in Ukraine, says Henrik Sorensen.": [],
        "Estonia warned that NATO will face a Russian army within a decade.": [],
        "Kaja Kallas says Russia could become a serious military threat on NATO's eastern flank.": [],
        "Hanno Pevkur said helping Ukraine win is the way to avoid an open clash between NATO and Russia.": [
            "Hanno Pevkur military_aid_to_ukraine support"
        ],
        "Alexander Lukashevich said any decision to supply weapons to Ukraine would inflict damage to "
        "relations with Russia.": ["Alexander Lukashevich military_aid_to_ukraine oppose"],
        "Vladimir Putin said Russia would not be drawn into a missile race with NATO.": [],
    },
    spares={
        "Henrik Sorensen says NATO is a threat to Russia.": ["Henrik Sorensen nato_alliance oppose"],
    },
)
def endangered(r: Reading, tok: Token, head: Token) -> bool:
    """The climb meets "to" (or "for", "on", "against", "with", "between") on a danger noun
    (stance_danger_nouns.txt: "a threat to NATO", "a clash between NATO and Russia"), or the
    mention is the subject of a verb by which a danger meets it (stance_danger_verbs.txt: "NATO will face
    ..."): the reading holds no stance (score 0), whatever the danger is said to be or the cues above it."""
    faces = tok.dep_ == "nsubj" and head.lemma_.lower() in word_set("stance_danger_verbs")
    if not faces and (
        tok.dep_ != "prep"
        or tok.lower_ not in {"to", "for", "on", "against", "with", "between"}
        or head.pos_ != "NOUN"
    ):
        return False
    if not faces and head.lemma_.lower() not in word_set("stance_danger_nouns"):
        return False
    r.score, r.rule = 0.0, "endangered"
    return True


@rule(
    "office_of_target",
    "a target whose office a noun is only names where it is: 'does not plan to become NATO's next chief'",
    fires={
        "Viktor Orbán endorsed Mark Rutte's bid to become the next secretary general of NATO.": [],
    },
    spares={
        "Ben Wallace does not want Britain to leave NATO.": ["Ben Wallace nato_alliance support"],
    },
)
def office_of_target(r: Reading, tok: Token, head: Token) -> bool:
    """The climb meets a noun of an office (stance_office_nouns.txt) that the mention is the possessor of,
    or the "of" or "to" object of: the reading holds no stance (score 0)."""
    if head.pos_ not in {"NOUN", "PROPN"} or head.lemma_.lower() not in word_set("stance_office_nouns"):
        return False
    if tok.dep_ != "poss" and not (tok.dep_ == "prep" and tok.lower_ in {"of", "to"}):
        return False
    r.score, r.rule = 0.0, "office_of_target"
    return True


@rule(
    "harmed_by_event",
    "a mention harmed by an event or act, not an actor, is at stake: 'cutting the budget would weaken NATO'",
    fires={
        "Atanas Zapryanov said that cutting the defence budget would weaken NATO.": [
            "Atanas Zapryanov defence_spending_increase support"
        ],
        "Atanas Zapryanov said the decision would undermine NATO.": [],
    },
    spares={
        "Atanas Zapryanov said Russia wants to weaken NATO.": ["Russia nato_alliance oppose"],
    },
)
def harmed_by_event(r: Reading, tok: Token, head: Token) -> bool:
    """The climb meets the object of a harm verb (stance_harm_verbs.txt) whose subject is an event: the
    reading holds no stance (score 0)."""
    if tok.dep_ != "dobj" or head.lemma_.lower() not in word_set("stance_harm_verbs"):
        return False
    subject = next((c for c in head.children if c.dep_ in {"nsubj", "csubj"}), None)
    if subject is None or not _event_subject(subject):
        return False
    r.score, r.rule = 0.0, "harmed_by_event"
    return True


@rule(
    "harmful_effect",
    "an event or act said to harm something is judged bad: 'cutting the budget would weaken the country'",
    fires={
        "Atanas Zapryanov said that cutting the defence budget would weaken the country.": [
            "Atanas Zapryanov defence_spending_increase support"
        ],
    },
    spares={
        "Atanas Zapryanov said that cutting the defence budget would surprise the allies.": [
            "Atanas Zapryanov defence_spending_increase oppose"
        ],
    },
)
def harmful_effect(verb: Token, subject: Token) -> bool:
    """A harm verb (stance_harm_verbs.txt) said of an event subject."""
    return verb.lemma_.lower() in word_set("stance_harm_verbs") and _event_subject(subject)


def _event_subject(subject: Token) -> bool:
    """A clausal subject, a gerund ("cutting the budget would ...") or an event noun with no name
    (statement_event_subjects.txt: "the decision would ...")."""
    return subject.dep_ in {"nsubj", "csubj"} and (
        subject.dep_ == "csubj" or subject.tag_ == "VBG" or event_noun(subject)
    )


@rule(
    "failed_agreement",
    "a failure to agree is no one's stance on what was not agreed: 'leaders failed to agree on aid'",
    fires={
        "European Union leaders failed to agree on a 50-billion-euro package of military aid to Ukraine.": [],
    },
    spares={
        "The US Congress failed to pass the aid package for Ukraine.": [
            "US Congress military_aid_to_ukraine oppose"
        ],
    },
)
def failed_agreement(r: Reading, tok: Token, head: Token) -> bool:
    """The climb meets a failure verb (stance_failure_verbs.txt) over an agreement verb
    (stance_agreement_verbs.txt) in its "to" clause: a deal that did not come about, not a refusal."""
    if tok.dep_ != "xcomp" or head.lemma_.lower() not in word_set("stance_failure_verbs"):
        return False
    verbs, lemma = word_set("stance_agreement_verbs"), tok.lemma_.lower()
    objects = [c.lemma_.lower() for c in tok.children if c.dep_ == "dobj"]
    if lemma not in verbs and not any(f"{lemma} {o}" in verbs for o in objects):
        return False  # "failed to reach an accord", not "failed to reach the 2% target"
    r.score, r.rule = 0.0, "failed_agreement"
    return True


@rule(
    "blamed_for",
    "who is criticised for an act is not opposed, the act is: 'attacked NATO members for failing to pay'",
    fires={
        "Donald Trump attacked NATO members for failing to meet their defence spending commitments.": [
            "Donald Trump defence_spending_increase support"
        ],
    },
    spares={
        "Donald Trump criticised NATO members.": ["Donald Trump nato_alliance oppose"],
        "The House of Representatives has for months blocked the assistance to Ukraine.": [
            "US House of Representatives military_aid_to_ukraine oppose"
        ],
        "Viktor Orban vowed to veto any new EU money for Ukraine.": [
            "Viktor Orbán military_aid_to_ukraine oppose"
        ],
    },
)
def blamed_for(r: Reading, tok: Token, head: Token, lex: StanceLexicon) -> bool:
    """The mention is the object of an oppose cue ("criticise", "attack for") that gives its reason with
    "for": the reading holds no stance (score 0); the reason is read on its own."""
    times = word_set("number_time_units")
    if tok.dep_ != "dobj" or not any(
        c.dep_ == "prep"
        and c.lower_ == "for"
        and any(
            g.dep_ == "pcomp"
            or (g.dep_ == "pobj" and g.ent_type_ not in {"DATE", "GPE"} and g.lemma_.lower() not in times)
            for g in c.children
        )  # a reason, not a time ("has for months blocked the assistance") nor a place ("money for Ukraine")
        for c in head.children
    ):
        return False
    key = stance_cue(head, lex)
    if key is None or lex.cue(key) >= 0:
        return False
    r.score, r.rule = 0.0, "blamed_for"
    return True


@rule(
    "object_complement",
    "a cue word complementing a verb's object judges it: 'keeps NATO strong', 'rated the alliance important'",
    fires={
        "Germany keeps NATO strong.": ["Germany nato_alliance support"],
        "Donald Trump described NATO as obsolete.": ["Donald Trump nato_alliance oppose"],
        "Vladimir Putin sees NATO as a threat.": ["Vladimir Putin nato_alliance oppose"],
    },
    spares={
        "Germany keeps NATO busy.": [],
    },
)
def object_complement(r: Reading, verb: Token, target: Target, lex: StanceLexicon) -> str | None:
    """The complement an object is given, directly ("keeps NATO strong", "called the target a crass
    metric") or through "as" ("described NATO as obsolete", "sees the alliance as a threat"): an adjective,
    a noun that is a cue, or a noun's judging adjective."""
    complement = next((c for c in verb.children if c.dep_ in {"oprd", "ccomp", "acomp"}), None)
    if complement is None:
        as_ = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
        complement = (
            next((c for c in as_.children if c.dep_ in {"pobj", "acomp", "amod"}), None) if as_ else None
        )
    if complement is None:
        return None
    if complement.pos_ == "NOUN" and stance_cue(complement, lex) is None:
        complement = next((c for c in complement.children if c.dep_ == "amod" and stance_cue(c, lex)), None)
    if complement is not None and complement.pos_ in {"ADJ", "NOUN"}:
        return _apply(r, complement, target, lex, negate=True, rule="object_complement")
    return None


@rule(
    "extraposed_judgement",
    "'it would be premature to ...', 'it is important to ...' judge the infinitive",
    fires={
        "Kyiv said it would be premature to speak with Moscow.": ["Ukraine dialogue_with_russia oppose"],
    },
    spares={
        "Kyiv said it would speak with Moscow.": ["Ukraine dialogue_with_russia support"],
    },
)
def extraposed_judgement(r: Reading, copula: Token, target: Target, lex: StanceLexicon) -> str | None:
    """The cue adjective or noun complementing "be" whose extraposed infinitive holds the mention."""
    judge = next(
        (c for c in copula.children if c.dep_ in {"acomp", "attr"} and stance_cue(c, lex) is not None), None
    )
    if judge is None:
        return None
    key = _apply(r, judge, target, lex, negate=True, rule="extraposed_judgement")
    if key is not None and negation(copula, lex):
        r.score = -r.score
    return key


@rule(
    "pseudo_cleft",
    "'what X does not want is Y': the verb of the 'what' clause governs Y, with its negation",
    fires={
        "What Hungary will never do is send weapons to Ukraine, Viktor Orbán said.": [
            "Viktor Orbán military_aid_to_ukraine oppose"
        ],
        "What Italy opposes is sending troops to Ukraine, Giorgia Meloni said.": [
            "Giorgia Meloni military_aid_to_ukraine oppose"
        ],
    },
    spares={
        "The problem is sending troops to Ukraine, Giorgia Meloni said.": [
            "Giorgia Meloni military_aid_to_ukraine support"
        ],
    },
)
def pseudo_cleft(
    r: Reading, head: Token, target: Target, lex: StanceLexicon, scope: Scope | None
) -> str | None:
    """The verb of a "what" clause that is the subject of `head`, a copula or a verb after "is" ("what Italy
    opposes is sending"), as a cue over what `head` says; negated ("what we will never do is ..."), it
    reverses the reading even when it is no cue."""
    if head.lemma_ != "be" and not any(c.dep_ == "aux" and c.lemma_ == "be" for c in head.children):
        return None
    verb = next(
        (
            c
            for c in head.children
            if c.dep_ == "csubj" and any(g.tag_ == "WP" and g.lower_ == "what" for g in c.subtree)
        ),
        None,
    )
    if verb is None:
        return None
    key = _apply(r, verb, target, lex, negate=True, rule="pseudo_cleft")
    if key is None and negation(verb, lex):
        r.score, r.rule = -r.score, "pseudo_cleft"
        r.cues.append(verb.lemma_.lower())
    if key is not None:
        cue_subject(r, verb, scope)
    return key


@rule(
    "view_noun",
    "an adjective on a view of the target is its holder's attitude: 'takes a dim view of NATO'",
    fires={
        "Donald Trump had a cooler view of the NATO alliance.": ["Donald Trump nato_alliance oppose"],
        "Joe Biden takes a favourable view of the NATO alliance.": ["Joe Biden nato_alliance support"],
    },
    spares={
        "Donald Trump had a clear view of the NATO alliance.": [],
    },
)
def view_noun(r: Reading, noun: Token, lex: StanceLexicon) -> str | None:
    """The mention is "of" a noun of view (stance_view_nouns.txt) whose adjective leans one way
    (stance_view_words.csv, or a general cue: "sceptical"); the verb the noun hangs on gives the holder."""
    if noun.lemma_.lower() not in word_set("stance_view_nouns"):
        return None
    leaning = scores("stance_view_words")
    for adj in (c for c in noun.children if c.dep_ == "amod"):
        value = leaning.get(adj.lower_, leaning.get(adj.lemma_.lower()))
        key = adj.lower_ if value is not None else stance_cue(adj, lex)
        if key is None:
            continue
        r.score *= value if value is not None else lex.cue(key)
        r.informative, r.rule = True, "view_noun"
        r.cues.append(key)
        return key
    return None


@rule(
    "light_verb",
    "a light verb's object holds the cue: 'gave its backing to', 'would not say yes to'",
    fires={
        "Germany has given backing to plans for a European army.": [
            "Germany european_defence_cooperation support"
        ],
    },
    spares={
        "Germany has given money to plans for a European army.": [],
    },
)
def light_verb(r: Reading, verb: Token, target: Target, lex: StanceLexicon) -> str | None:
    light = next((c for c in verb.children if c.dep_ in {"dobj", "intj"} and stance_cue(c, lex)), None)
    if light is not None:
        key = _apply(r, light, target, lex, negate=True, rule="light_verb")
        lifted_objection(r, verb, light, lex)
        return key
    return None


@rule(
    "lifted_objection",
    "a verb that takes away an oppose cue as its object reverses it: 'lifted his objections to'",
    fires={
        "Recep Tayyip Erdogan lifted his objections to Sweden's membership of NATO.": [
            "Recep Tayyip Erdoğan nato_alliance support"
        ],
        "Recep Tayyip Erdogan dropped his opposition to Sweden's membership of NATO.": [
            "Recep Tayyip Erdoğan nato_alliance support"
        ],
    },
    spares={
        "Recep Tayyip Erdogan voiced his objections to Sweden's membership of NATO.": [
            "Recep Tayyip Erdoğan nato_alliance oppose"
        ],
        "Germany lifted the cap on defence spending.": ["Germany defence_spending_increase support"],
    },
)
def lifted_objection(r: Reading, verb: Token, obj: Token, lex: StanceLexicon) -> bool:
    """`verb` (stance_lifting_verbs.txt) takes away `obj`, an oppose cue already read."""
    key = stance_cue(obj, lex)
    if verb.lemma_.lower() not in word_set("stance_lifting_verbs") or key is None or lex.cue(key) >= 0:
        return False
    _reverse(r, "lifted_objection", verb.lemma_.lower())
    return True


@rule(
    "cue_subject",
    "the subject of the highest cue with one holds a plain sentence's stance (in a statement: the first)",
    fires={
        "Spain backed the plan to raise defence spending.": ["Spain defence_spending_increase support"],
    },
    spares={
        "Merkel said Germany must raise its defence spending.": [
            "Angela Merkel defence_spending_increase support"
        ],
    },
)
def cue_subject(r: Reading, cue: Token, scope: Scope | None) -> bool:
    """ "Germany has given only muted backing to ...", "refused to commit": the cue, or the verb a cue noun
    hangs on ("gave backing")."""
    verb = _verb_of(cue)
    if scope is None and verb.i == cue.i and judged_subject(verb):
        return False  # "Trudeau was rebuked for ...": those who rebuke hold it, not he
    if (scope is not None and r.actor_verb is None) or (scope is None and _subject(verb)):
        r.actor_verb, r.holder = verb, None
        return True
    return False


@rule(
    "judged_subject",
    "the subject of a passive cue with no 'by' agent is the one judged, no holder: 'was rebuked for ...'",
    fires={
        "Justin Trudeau arrived and was rebuked for Canada being one of the few allies with no plan to "
        "reach NATO's 2% threshold.": [],
    },
    spares={
        "Justin Trudeau was rebuked by Mike Johnson for failing to reach NATO's 2% threshold.": [
            "Mike Johnson defence_spending_increase support"
        ],
    },
)
def judged_subject(verb: Token) -> bool:
    """A passive cue verb with no "by" agent: its subject is the one judged ("was rebuked", "was urged")."""
    children = list(verb.children)
    return any(c.dep_ == "auxpass" for c in children) and not any(c.dep_ == "agent" for c in children)


@rule(
    "appositive",
    "a cue noun in apposition to a name holds for it: 'Hungary, a critic of aid to Ukraine, ...'",
    fires={
        "Hungary, a vocal critic of military aid to Ukraine, delayed the vote.": [
            "Hungary military_aid_to_ukraine oppose"
        ],
    },
    spares={
        "Viktor Orbán met a critic of military aid to Ukraine.": [],
    },
)
def appositive(cue: Token) -> bool:
    return appositive_noun(cue)


ACT_MENTIONS = frozenset(
    {None, "joint_european_act", "outlay_on_defence", "reciprocal_contact", "own_build"}
)  # mentions that are their verb


@rule(
    "verb_mention",
    "a phrase that holds its own verb ('support Ukraine', 'met Putin') is the act of that verb's subject",
    fires={
        "France will support Ukraine.": ["France military_aid_to_ukraine support"],
        "Viktor Orbán met Putin in Budapest.": ["Viktor Orbán dialogue_with_russia support"],
        "Critics point to Lars Holm, who has courted Moscow for years.": [
            "Lars Holm dialogue_with_russia support"
        ],
        "Donald Trump and Vladimir Putin are set to meet in Helsinki.": [  # "set to": as "will"
            "Donald Trump dialogue_with_russia support",
            "Vladimir Putin dialogue_with_russia support",
        ],
        "Germany played a key role in arming Ukraine with tanks.": [  # lead_role_nouns.txt
            "Germany military_aid_to_ukraine support"
        ],
    },
    spares={
        "Supporting Ukraine is costly.": [],
        "Some leaders showed reluctance to set a timetable for Ukraine to join NATO.": [],
    },
)
def verb_mention(r: Reading, mention: Mention, target: Target, lex: StanceLexicon) -> bool:
    """A phrase of the targets file whose root is its own verb names the act itself: the verb's subject
    does it, when the verb is an act (`_acts_on`; in the simple present too for a general cue such as
    "supports", or where the target's present is an act)."""
    verb = mention.root
    if mention.rule not in ACT_MENTIONS or verb.pos_ != "VERB":
        return False
    # "Macron is set to meet Putin", "are due to meet": the subject of "be" does it (subject_raising_words)
    raised = verb.dep_ == "xcomp" and verb.head.lower_ in word_set("subject_raising_words")
    if not (raised or led_the_way(verb)) and not any(
        c.dep_ == "nsubj" and (c.pos_ != "PRON" or (verb.dep_ == "relcl" and c.lower_ in {"who", "which"}))
        for c in verb.children
    ):
        return False  # "convincing its members to spend more": the members', not the convincer's
    # the present of a cue ("supports") or of an alliance's build-up ("NATO unveils a plan") is an act
    present = present_giving(verb, target) or stance_cue(verb, lex) is not None or mention.rule == "own_build"
    # a relative clause's verb too ("leaders such as Viktor Orbán, who have courted Moscow")
    if not (_done(verb, present, clause=verb.dep_ == "relcl") and _subject(verb) is not None):
        return False
    r.actor_verb, r.holder, r.directed = verb, mention.rule or "verb_mention", True
    return True


@rule(
    "target_act",
    "the subject of a target's own verb or noun does the act: 'Finland joined NATO', 'prepares an increase'",
    fires={
        "Finland formally applied to join NATO on Wednesday.": ["Finland nato_alliance support"],
    },
    spares={
        "Britain already spends more than 2% of GDP on defence.": [],
    },
)
def target_act(r: Reading, word: Token, target: Target) -> bool:
    verb = _verb_above(word)
    if verb is not None and not blocked_purpose(verb) and _acts_on(verb, present_giving(verb, target)):
        r.actor_verb, r.holder = verb, "target_act"
        return True
    return False


@rule(
    "blocked_purpose",
    "an infinitive right after what a blocking verb stops is its purpose: 'blocked a tranche to fund aid'",
    fires={
        "Hungary blocked another EU tranche to finance military aid to Ukraine.": [
            "Hungary military_aid_to_ukraine oppose"
        ],
    },
    spares={
        "Hungary used the money to finance military aid to Ukraine.": [
            "Hungary military_aid_to_ukraine support"
        ],
    },
)
def blocked_purpose(verb: Token) -> bool:
    """A "to" infinitive the parse hangs on a blocking verb (stance_blocking_verbs.txt) that follows the
    verb's object directly: it tells what the object is for, so the subject blocks it rather than does it."""
    head = verb.head
    if verb.dep_ != "advcl" or head.lemma_.lower() not in word_set("stance_blocking_verbs"):
        return False
    if not _to_infinitive(verb):
        return False
    obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < verb.i), None)
    return obj is not None and obj.right_edge.i + 1 == verb.left_edge.i


@rule(
    "present_giving",
    "giving to a recipient is an act in the simple present too: 'America provides most of the military aid'",
    fires={
        "America provides most of the military aid to Ukraine.": [
            "United States military_aid_to_ukraine support"
        ],
        "Emmanuel Macron keeps a line open to Mr Putin.": [  # a target with present_acts
            "Emmanuel Macron dialogue_with_russia support"
        ],
    },
    spares={
        "America provided most of the military aid to Ukraine.": [
            "United States military_aid_to_ukraine support"
        ],
    },
)
def present_giving(verb: Token, target: Target) -> bool:
    """A target with recipients (aid to Ukraine) is given, not held: its own verb in the simple present
    ("provides", "sends") is an act, unlike "Britain spends more than 2% of GDP"; so is one of a target
    whose present is an act (`present_acts`: "keeps a line open to Putin")."""
    return (bool(target.recipients) or target.present_acts) and target_verb(verb, target) is not None


@rule(
    "speculation",
    "an act the writer only guesses at ('perhaps America will pass an aid package') is not done",
    fires={
        "Perhaps America will send more weapons to Ukraine.": [],
    },
    spares={
        "America will send more weapons to Ukraine.": ["United States military_aid_to_ukraine support"],
    },
)
def speculation(verb: Token) -> bool:
    """A target verb with a speculation adverb (stance_speculation_words.txt) on it."""
    return any(c.dep_ == "advmod" and c.lower_ in word_set("stance_speculation_words") for c in verb.children)


@rule(
    "mention_obligation",
    "a modal on the verb a mention is the subject of is its obligation: 'NATO members should spend 5%'",
    fires={
        "NATO members should spend 5% of GDP on defence, Donald Trump said.": [
            "Donald Trump defence_spending_increase support"
        ],
    },
    spares={
        "Donald Trump said Germany should spend 5% of GDP on defence.": [
            "Donald Trump defence_spending_increase support"
        ],
    },
)
def mention_obligation(tok: Token, root: Token) -> bool:
    return tok.dep_ == "nsubj" and tok.i in {root.i, root.head.i}


@rule(
    "obligation_modal",
    "a modal of obligation on the mention's verb or a cue's is an attitude: 'must', 'should', 'need to'",
    fires={
        "Merkel said Germany must raise its defence spending.": [
            "Angela Merkel defence_spending_increase support"
        ],
    },
    spares={
        "Merkel said Germany raised its defence spending.": [
            "Angela Merkel defence_spending_increase support"
        ],
    },
)
def obligation_modal(r: Reading, verb: Token, aux: Token) -> bool:
    low = aux.lower_
    if low in word_set("stance_obligation_modals") or (
        low == "to" and verb.head.lemma_ in word_set("stance_obligation_verbs")
    ):
        _modal_cue(r, low, "obligation_modal")
        return True
    return False


@rule(
    "commitment_modal",
    "'will', 'would' are a commitment when the subject is a country, a government or its plan",
    fires={
        "Merkel said Germany will raise its defence spending.": [
            "Angela Merkel defence_spending_increase support"
        ],
    },
    spares={
        "Merkel said analysts will raise defence spending.": [
            "Angela Merkel defence_spending_increase support"
        ],
    },
)
def commitment_modal(r: Reading, verb: Token, aux: Token) -> bool:
    """A commitment, not a forecast about others (stance_committing_subjects.txt)."""
    if aux.lower_ not in word_set("stance_commitment_modals"):
        return False
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is not None and (
        subj.ent_type_ in {"GPE", "NORP"} or subj.lemma_.lower() in word_set("stance_committing_subjects")
    ):
        _modal_cue(r, aux.lower_, "commitment_modal")
        return True
    return False


def _modal_cue(r: Reading, word: str, rule_id: str) -> None:
    r.informative = True
    r.cues.append(word)
    r.rule = r.rule or rule_id


@rule(
    "target_verb",
    "a target's own verb gives the mention a direction: 'raise defence spending', 'cut the budget'",
    fires={
        "Jens Stoltenberg warned against cutting defence budgets.": [
            "Jens Stoltenberg defence_spending_increase support"
        ],
    },
    spares={
        "Germany backed NATO membership for Ukraine.": ["Germany nato_alliance support"],
    },
)
def target_verb(tok: Token, target: Target) -> float | None:
    """1.0 for one of the target's `support` lemmas, -1.0 for an `oppose` one (data/stance_targets.toml); not
    a word that negates the infinitive under it, which `negation` reads ("declined to commit", not a decline
    in spending; stance_negative_carriers.txt)."""
    if tok.lower_ in word_set("stance_negative_carriers") and any(c.dep_ == "xcomp" for c in tok.children):
        return None
    if message_object(tok):
        return None
    lemma = tok.lemma_.lower()
    if lemma in target.support or tok.lower_ in target.support:
        return 1.0
    if lemma in target.oppose or tok.lower_ in target.oppose:
        return -1.0
    return None


@rule(
    "message_object",
    "a target's verb with a message as its object says something, it does not act: 'send a clear signal'",
    fires={
        "Donald Trump's anti-NATO remarks send a dangerous message, Joe Biden said.": [],
    },
    spares={
        "Joe Biden said the US would send more weapons to Ukraine.": [
            "Joe Biden military_aid_to_ukraine support"
        ],
    },
)
def message_object(verb: Token) -> bool:
    """`verb` with a message noun (stance_message_nouns.txt) as its direct object."""
    return any(
        c.dep_ == "dobj" and c.lemma_.lower() in word_set("stance_message_nouns") for c in verb.children
    )


@rule(
    "drawn_reaction",
    "a reaction an actor draws from others ('drew criticism over', 'provoked grumbling') is not its attitude",
    fires={
        "Olaf Scholz drew criticism over his frequent calls with Vladimir Putin.": [
            "Olaf Scholz dialogue_with_russia support"
        ],
    },
    spares={
        "Olaf Scholz voiced criticism of the talks with Vladimir Putin.": [
            "Olaf Scholz dialogue_with_russia oppose"
        ],
    },
)
def drawn_reaction(tok: Token) -> bool:
    """A reaction noun (stance_drawn_reactions.txt) that is the object of a drawing verb
    (stance_drawing_verbs.txt), or such a verb with one as its object: the reaction is someone else's."""
    reactions, drawing = word_set("stance_drawn_reactions"), word_set("stance_drawing_verbs")
    objects = {"dobj", "xcomp"}  # "provoked grumbling": the parser makes a gerund an open complement
    if tok.dep_ in objects and tok.lemma_.lower() in reactions:
        return tok.head.lemma_.lower() in drawing
    return tok.lemma_.lower() in drawing and any(
        c.dep_ in objects and c.lemma_.lower() in reactions for c in tok.children
    )


def _cue_at_object(obj: Token, lex: StanceLexicon) -> bool:
    """Whether a verb-and-object cue is read at its object: one with a preposition of its own that is a cue
    word itself ("turn its back on NATO": not "back" as in backing). "attacked the idea of a European army"
    is read at the verb, so that the idea is not the attack's ("Macron's idea" stays his)."""
    return any(c.dep_ == "prep" for c in obj.children) and lex.cue(obj.lemma_.lower()) is not None


@rule(
    "stance_cue",
    "a support or oppose cue whose argument holds the mention gives an attitude: 'urged', 'rejected'",
    fires={
        "Russian President Vladimir Putin criticised NATO enlargement.": [
            "Vladimir Putin nato_alliance oppose"
        ],
        "Olaf Scholz called for Europe to raise defence spending.": [  # "for" marking a clause
            "Olaf Scholz defence_spending_increase support"
        ],
        "Robert Fico said Ukraine should forget about joining NATO.": ["Robert Fico nato_alliance oppose"],
        "Germany will live up to its commitment to spend 2% of GDP on defence.": [  # verb, particle, prep
            "Germany defence_spending_increase support"
        ],
        "Spain stood up to the demand to spend 5% of GDP on defence.": [
            "Spain defence_spending_increase oppose"
        ],
        "Donald Trump attacked Emmanuel Macron's idea of a European army.": [  # the attack's, not the idea's
            "Donald Trump european_defence_cooperation oppose",
            "Emmanuel Macron european_defence_cooperation support",
        ],
        "Liz Truss will not back down on her pledge to spend 3% of GDP on defence.": [
            "Liz Truss defence_spending_increase support"
        ],
    },
    spares={
        "Finland formally applied to join NATO on Wednesday.": ["Finland nato_alliance support"],
        "John Healey answered a question on when Britain will reach a defence spending target of 2.5%.": [
            "United Kingdom defence_spending_increase support"
        ],
    },
)
def stance_cue(tok: Token, lex: StanceLexicon) -> str | None:
    """The lexicon entry `tok` is (stance_support.csv, stance_oppose.csv), as a phrasal cue first ("call
    for", "warn against"; a verb and its object noun: "turn its back"; a verb, its preposition and that
    one's noun: "stand in the way", written "stand in way"; a verb, its particle and preposition: "live up
    to"); a preposition is no cue ("a veto over Ukraine's path"; "the war is over" is), nor a word that
    qualifies a number ("well over 300,000")."""
    if tok.pos_ == "ADP" or drawn_reaction(tok) or tok.ent_type_ in {"DATE", "TIME"}:
        return None  # nor a date's word: "will bear fruit by the end of the year"
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if tok.dep_ in {"quantmod", "advmod"} and (tok.head.like_num or (nxt is not None and nxt.like_num)):
        return None
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB" and lemma in word_set("stance_verb_cues"):
        return (
            None  # "an urgent question on when the government will reach the target" asks; "a foot fault for"
        )
    named = [c.i for c in tok.children if c.dep_ == "oprd"]  # "called NATO a machine on the issue"
    for child in tok.children:
        if child.dep_ in {"prep", "prt", "advmod", "intj"} and child.i > tok.i:
            if child.dep_ == "prep" and any(tok.i < o < child.i for o in named):
                continue  # a verb that names its object something is no "call on"
            phrase = f"{lemma} {child.lower_}"
            if lex.cue(phrase) is not None:
                return phrase
            if child.dep_ == "prt" and child.i + 1 < len(tok.doc):  # "live up to", "stand up to"
                after = tok.doc[child.i + 1]
                if (
                    after.dep_ == "prep"
                    and after.head == tok
                    and lex.cue(f"{phrase} {after.lower_}") is not None
                ):
                    return f"{phrase} {after.lower_}"
            objects = [g.lemma_.lower() for g in child.children if g.dep_ == "pobj"]
            if objects and lex.cue(f"{phrase} {objects[0]}") is not None:
                return f"{phrase} {objects[0]}"  # "stand in the way of": "stand in way"
        elif (
            child.dep_ == "dobj"
            and tok.pos_ == "VERB"
            and not _cue_at_object(child, lex)  # "turn its back on": read at "back"
            and lex.cue(f"{lemma} {child.lemma_.lower()}")
        ):
            return f"{lemma} {child.lemma_.lower()}"  # "it does not make sense to meet the target"
        elif child.dep_ == "advcl" and child.i > tok.i and tok.pos_ == "VERB":  # "called for Europe to adopt"
            mark = next((m for m in child.children if m.dep_ == "mark" and m.lower_ == "for"), None)
            if mark is not None and lex.cue(f"{lemma} for") is not None:
                return f"{lemma} for"
        elif (  # "warned allies to pay more", "challenges Putin to prove" (an infinitive with its subject)
            child.dep_ in {"xcomp", "ccomp"}
            and child.i > tok.i
            and tok.pos_ == "VERB"
            and _to_infinitive(child)
            and lex.cue(f"{lemma} to") is not None
        ):
            return f"{lemma} to"
    if (
        tok.dep_ == "dobj"
        and tok.head.pos_ == "VERB"
        and lex.cue(f"{tok.head.lemma_.lower()} {lemma}")
        and (_cue_at_object(tok, lex) or not any(c.dep_ == "prep" for c in tok.children))
    ):
        return f"{tok.head.lemma_.lower()} {lemma}"  # "turn its back on": not "back" as in backing
    if lemma in lex.agents and not (appositive(tok) or said_to_be(tok)):
        return None  # "met a critic of the plan"
    if lex.cue(lemma) is not None:
        return lemma
    if lex.cue(tok.lower_) is not None:
        return tok.lower_
    return None


def said_to_be(tok: Token) -> bool:
    """Whether a noun is what its clause's subject is said to be: "Norway is a major donor", "became its
    fiercest critic", "is among the staunchest supporters", "is one of the biggest donors"."""
    group = _group_of(tok)
    if group is not None:
        return group.dep_ in {"prep", "attr", "oprd"} and group.head.lemma_ in {
            "be",
            "become",
            "remain",
            "stay",
        }
    return tok.dep_ in {"attr", "oprd"} and tok.head.lemma_ in {"be", "become", "remain", "stay"}


def _comparative_complement(verb: Token) -> bool:
    """A copula whose complement is a comparative with no "than": "has never been stronger", "never more
    important"."""
    comp = next((c for c in verb.children if c.dep_ in {"acomp", "attr"}), None)
    return (
        comp is not None
        and (comp.tag_ in {"JJR", "RBR"} or any(c.lower_ == "more" for c in comp.children))
        and not any(t.lower_ == "than" for t in comp.subtree)
    )


def _group_of(noun: Token) -> Token | None:
    """The word a noun is named a member of the group through: "among" ("is among the supporters") or
    "one" ("is one of the donors"); None otherwise."""
    if noun.dep_ != "pobj":
        return None
    if noun.head.lower_ == "among":
        return noun.head
    return noun.head.head if noun.head.lower_ == "of" and noun.head.head.lower_ == "one" else None


@rule(
    "negated_purpose",
    "a negation before a purpose of pleasing someone denies the purpose: 'not invest to please Trump'",
    fires={
        '"Allies should not invest in defence to please President Trump," Jens Stoltenberg said.': [
            "Jens Stoltenberg defence_spending_increase support"
        ],
    },
    spares={
        '"Allies should not invest in defence," Jens Stoltenberg said.': [
            "Jens Stoltenberg defence_spending_increase oppose"
        ],
    },
)
def negated_purpose(verb: Token) -> bool:
    """A verb with an infinitive of purpose whose verb is one of pleasing someone (stance_pleasing_verbs.txt):
    "should not invest to please Trump" denies why, not what, so the verb is not negated."""
    return any(
        c.dep_ in {"advcl", "xcomp"}
        and c.lemma_.lower() in word_set("stance_pleasing_verbs")
        and _to_infinitive(c)
        for c in verb.children
    )


@rule(
    "negation",
    "a negation on a cue, a verb said of a mention or a statement's cue reverses it: 'did not back'",
    fires={
        "Spain did not back the plan to raise defence spending.": ["Spain defence_spending_increase oppose"],
        "Italy will not send tanks to Ukraine, nor will Spain send weapons to Ukraine.": [
            "Italy military_aid_to_ukraine oppose",
            "Spain military_aid_to_ukraine oppose",
        ],
        "Pedro Sánchez said Spain was not able to commit to the spending target.": [
            "Pedro Sánchez defence_spending_increase oppose"
        ],
        "Giorgia Meloni said Italy is not going to send troops to Ukraine.": [
            "Giorgia Meloni military_aid_to_ukraine oppose"
        ],
        "Viktor Orbán said Hungary is unlikely to raise defence spending.": [
            "Viktor Orbán defence_spending_increase oppose"
        ],
        "Dmitry Peskov said it would be difficult for Russia to agree to a ceasefire.": [
            "Dmitry Peskov dialogue_with_russia oppose"
        ],
        '"Any rearmament of NATO countries makes no sense," Vladimir Putin said.': [
            "Vladimir Putin defence_spending_increase oppose"
        ],
    },
    spares={
        "The Kremlin said it is NATO, not Russia, that is raising tensions.": [
            "Kremlin nato_alliance oppose"
        ],
        "Mette Frederiksen said Denmark is not afraid to raise defence spending.": [
            "Mette Frederiksen defence_spending_increase support"
        ],
    },
)
def negation(tok: Token, lex: StanceLexicon) -> bool:
    """A negation word (stance_negations.txt) or "no longer" on `tok`, or a "nor" that opens its clause;
    not "not only ... but also", nor a contrast ("it is NATO, not Russia, that ..." negates Russia), nor an
    elliptical "if not" after the verb; "not going to join" and "unlikely to join" negate "join"
    (stance_negation_carriers.txt, stance_negative_carriers.txt)."""
    doc = tok.doc
    if negated_purpose(tok):
        return False
    carriers = word_set("stance_negation_carriers")
    carried = tok.dep_ == "xcomp" and (tok.head.lower_ in carriers or tok.head.lemma_.lower() in carriers)
    for child in tok.children:
        low = child.lower_
        if child.dep_ == "neg" or (
            low in lex.negations and child.dep_ in {"advmod", "det", "preconj", "nummod"}
        ):
            nxt = doc[child.i + 1] if child.i + 1 < len(doc) else None
            if nxt is not None and nxt.lower_ == "only":
                continue
            if child.i > tok.i and doc[child.i - 1].lower_ in word_set("stance_elliptical_negation_marks"):
                continue  # "meet their pledges, if not, ...": "otherwise", no negation of the verb
            if nxt is not None and nxt.head.i == tok.i and nxt.dep_ in {"appos", "conj"}:
                continue
            if low == "never" and _comparative_complement(tok):
                continue  # "the alliance has never been stronger": stronger than ever
            return not (carried and negation(tok.head, lex))  # "cannot afford not to invest": twice
        if low == "longer" and any(g.lower_ == "no" for g in child.children):
            return True
        if child.dep_ == "prep" and low in _negating_preps() and _negating_phrase(child):
            return True  # "would under no circumstances support", "in no way backs"
        if child.dep_ in {"nsubj", "nsubjpass"} and negative_subject(child, lex):
            return True
        if (
            child.dep_ == "dobj"
            and any(g.dep_ == "det" and g.lower_ in lex.negations for g in child.children)
            and lex.cue(f"{tok.lemma_.lower()} {child.lemma_.lower()}") is not None
        ):
            return True  # "makes no sense": the negated object of a cue made of a verb and its object
        if (
            low == "nor"
            and child.dep_ == "cc"
            and child.i < tok.i
            and (child.is_sent_start or doc[child.i - 1].is_punct)
        ):
            return True  # "Nor is France likely to join ..."
    if (
        tok.pos_ in {"VERB", "AUX"}
        and tok.dep_ == "conj"
        and any(c.dep_ == "cc" and c.lower_ == "nor" and tok.head.i < c.i < tok.i for c in tok.head.children)
    ):
        return True  # "Italy will not send tanks, nor will Spain send weapons"
    if no_reason(tok, lex):
        return True
    if tok.dep_ in {"acomp", "attr"} and tok.head.lemma_ == "be" and tok.head.i != tok.i:
        return negation(tok.head, lex)  # "is not ready to pay": the copula's negation is its complement's
    carrier = tok.head.lower_
    if carried:
        return negation(tok.head, lex)  # "will not be able to commit", "is not going to join", "not plan to"
    if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "for" for c in tok.children):
        carrier = next((c.lower_ for c in tok.head.children if c.dep_ == "acomp"), "")
        return carrier in word_set("stance_negative_carriers")  # "it would be difficult for Putin to agree"
    return tok.dep_ == "xcomp" and carrier in word_set("stance_negative_carriers")  # "unable to commit"


@rule(
    "no_reason",
    "a cue in the 'to' clause of 'no reason', 'no grounds' is negated: 'we see no reason to doubt NATO'",
    fires={
        "Linas Linkevičius said the allies give no grounds to doubt their obligations to NATO.": [
            "Linas Linkevičius nato_alliance support"
        ],
    },
    spares={
        "Linas Linkevičius said the allies give good grounds to doubt their obligations to NATO.": [
            "Linas Linkevičius nato_alliance oppose"
        ],
    },
)
def no_reason(tok: Token, lex: StanceLexicon) -> bool:
    """`tok` an infinitive on a noun of reason (stance_reason_nouns.txt) with "no", or on the verb whose
    object that noun is ("give no grounds to doubt")."""
    if not _to_infinitive(tok):
        return False
    if tok.dep_ in {"acl", "relcl"}:
        nouns = [tok.head]
    elif tok.dep_ in {"advcl", "xcomp"}:
        nouns = [c for c in tok.head.children if c.dep_ == "dobj"]
    else:
        return False
    return any(
        n.lemma_.lower() in word_set("stance_reason_nouns")
        and any(d.dep_ == "det" and d.lower_ in lex.negations for d in n.children)
        for n in nouns
    )


@functools.cache
def _negating_preps() -> frozenset[str]:
    return frozenset(phrase.split()[0] for phrase in word_set("stance_negating_phrases"))


def _negating_phrase(prep: Token) -> bool:
    """ "under no circumstances", "in no way" (stance_negating_phrases.txt)."""
    return any(
        f"{prep.lower_} no {g.lower_}" in word_set("stance_negating_phrases")
        for g in prep.children
        if g.dep_ == "pobj" and any(d.lower_ == "no" for d in g.children)
    )


@rule(
    "negative_subject",
    "a subject that is no one negates its verb: 'no ally wants ...', 'nobody backs ...'",
    fires={
        "Olaf Scholz said nobody wants to cut the aid to Ukraine.": [
            "Olaf Scholz military_aid_to_ukraine support"
        ],
    },
    spares={
        "Olaf Scholz said he wants to cut the aid to Ukraine.": [
            "Olaf Scholz military_aid_to_ukraine oppose"
        ],
        "Olaf Scholz said nobody wants the aid to Ukraine more than Poland.": [
            "Olaf Scholz military_aid_to_ukraine support"
        ],
    },
)
def negative_subject(subj: Token, lex: StanceLexicon) -> bool:
    """A subject that is a negation word ("nobody", "nothing") or is negated ("no ally", "not a cent"), itself
    or in its amount ("no more money", "not a single cent more"); not in a comparison ("nobody needs it more
    than France" says France needs it most), nor "not only"."""
    if any(t.lower_ == "than" for t in subj.head.subtree) or subj.like_num:
        return False  # "No 10 backs ...": Downing Street

    def negated(word: Token) -> bool:
        if any(g.dep_ == "det" and g.lower_ in lex.negations for g in word.children):
            return True  # "no ally", "no more money"
        # "not a cent", "not a single cent more"; not a contrast ("not the French, but ...", "not Germany")
        # nor "not all", "not only"
        dets = {c.lower_ for c in word.children if c.dep_ in {"det", "poss", "predet"}}
        return (
            word.pos_ != "PROPN"
            and dets <= {"a", "an"}
            and any(
                g.dep_ == "neg" and g.doc[g.i + 1 : g.i + 2].text.lower() != "only" for g in word.children
            )
        )

    amounts = (c for c in subj.children if c.dep_ in {"amod", "npadvmod", "nummod"})
    return subj.lower_ in lex.negations or negated(subj) or any(negated(c) for c in amounts)


@rule(
    "laggards",
    "what unnamed others do not do ('countries that do not meet the target') is a complaint, not a refusal",
    fires={
        "Keith Kellogg said countries that do not meet the spending target should lose protection.": [
            "Keith Kellogg defence_spending_increase support"
        ],
        "Keith Kellogg says he will not protect allies (those that do not spend 2% of GDP on defence).": [
            "Keith Kellogg defence_spending_increase support"
        ],
        "Donald Trump said allies have taken advantage of America and not paid their fair share.": [
            "Donald Trump defence_spending_increase support"
        ],
        "Donald Trump has criticised allies that fall short of the spending target.": [
            "Donald Trump defence_spending_increase support"
        ],
    },
    spares={
        "Donald Trump has long complained about European allies not meeting their spending targets.": [
            "Donald Trump defence_spending_increase support"
        ],
        "Keith Kellogg said Spain does not meet the spending target.": [
            "Keith Kellogg defence_spending_increase oppose"
        ],
        "Olaf Scholz said that Western countries will not send any ground troops to Ukraine.": [
            "Olaf Scholz military_aid_to_ukraine oppose"
        ],
    },
)
def laggards(verb: Token) -> bool:
    """A negated target verb whose subject is a group of unnamed others (stance_laggard_subjects.txt: allies,
    countries, members, others), directly or through a relative pronoun; its own verb, not a cue ("these
    countries will never back the plan" is a refusal); a conjoined verb shares its head's subject ("allies
    have taken advantage and not paid their fair share")."""
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None and verb.dep_ == "conj":
        subj = next((c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None:
        return False
    if subj.lower_ in word_set("relative_pronouns") and verb.dep_ == "relcl":
        subj = verb.head
        if subj.dep_ == "appos" and subj.pos_ == "PRON":  # "allies (those that do not spend ...)"
            subj = subj.head
    elif any(
        c.dep_ == "aux" and c.lower_ in word_set("stance_commitment_modals") for c in verb.children
    ) and any(c.dep_ in {"amod", "compound"} and c.ent_type_ in {"NORP", "ORG"} for c in subj.children):
        return False  # "Western countries will not send troops": a bloc's refusal, the speaker's own
    others = word_set("stance_laggard_subjects")
    if subj.lower_ in word_set("speaker_quantifiers"):  # "all but a handful of states", "most of the allies"
        return any(t.tag_ in {"NNS", "NNPS"} and t.lemma_.lower() in others for t in subj.subtree)
    return subj.tag_ in {"NNS", "NNPS"} and subj.lemma_.lower() in others


def laggards_failure(verb: Token, key: str | None) -> bool:
    """A cue of failure (stance_failure_verbs.txt, `key`) said of unnamed others: "allies that fall short
    of the target" is a complaint about them, as their not meeting it is."""
    return key in word_set("stance_failure_verbs") and laggards(verb)


@rule(
    "negated_light_verb",
    "a cue word that is the object of a negated verb with no cue of its own is negated: 'would not say yes'",
    fires={
        "Türkiye would not say yes to their bids for NATO membership.": ["Türkiye nato_alliance oppose"],
    },
    spares={
        "Türkiye said yes to their bids for NATO membership.": ["Türkiye nato_alliance support"],
        "Macron said that whoever sits in the White House shouldn't change the bloc's push for strategic"
        " autonomy.": ["Emmanuel Macron european_defence_cooperation support"],
        "Giorgia Meloni will not find support for her plan to raise defence spending.": [
            "Giorgia Meloni defence_spending_increase support"
        ],
    },
)
def negated_light_verb(tok: Token, target: Target, lex: StanceLexicon) -> bool:
    """ "would not say yes to", "did not give its backing to"; not a verb of change ("shouldn't change the
    push for autonomy" keeps the push; stance_change_verbs.txt), nor one by which others' view is drawn
    ("will not find support for her plan": still hers; stance_drawing_verbs.txt)."""
    if tok.pos_ not in {"NOUN", "ADJ", "INTJ", "ADV"} or tok.dep_ not in {"dobj", "attr", "intj", "oprd"}:
        return False
    verb = tok.head
    if (
        verb.pos_ not in {"VERB", "AUX"}
        or target_verb(verb, target) is not None
        or stance_cue(verb, lex)
        or verb.lemma_.lower() in word_set("stance_change_verbs")
        or verb.lemma_.lower() in word_set("stance_drawing_verbs")
    ):
        return False
    return bool(negation(verb, lex))


@rule(
    "hedge",
    "a hedge next to a cue weakens it: 'only muted backing', 'cautiously welcomed'",
    fires={
        "EU powerhouse Germany has given only muted backing to French President Emmanuel Macron's plans"
        " for a European army.": ["Germany european_defence_cooperation support"],
    },
    spares={
        "Spain strongly backed the plan to raise defence spending.": [
            "Spain defence_spending_increase support"
        ],
    },
)
def hedge(tok: Token, lex: StanceLexicon) -> float | None:
    """The product of the hedges (stance_hedges.csv) on `tok` and their adverbs; None when there is none."""
    factor, found = 1.0, False
    for child in tok.children:
        if child.dep_ in {"amod", "advmod", "aux"}:
            if child.lower_ in lex.hedges:
                factor, found = factor * lex.hedges[child.lower_], True
            for grand in child.children:
                if grand.dep_ == "advmod" and grand.lower_ in lex.hedges:
                    factor, found = factor * lex.hedges[grand.lower_], True
    return factor if found else None


@rule(
    "yet_to",
    "'have yet to ratify', 'is yet to decide': nothing done, nothing refused, no stance",
    fires={
        "Ukraine has yet to join NATO.": [],
    },
    spares={
        "Italy has decided to raise its defence spending.": ["Italy defence_spending_increase support"],
    },
)
def yet_to(tok: Token) -> bool:
    return (
        tok.dep_ == "xcomp"
        and tok.head.lemma_ in word_set("stance_yet_verbs")
        and any(c.lower_ == "yet" for c in tok.head.children)
    )


@rule(
    "contrast_but",
    "a cue followed by 'but' and a cue of the other sign is a mixed, neutral stance",
    fires={
        "Jens Stoltenberg said he welcomed more European effort on defence but warned against duplication.": [
            "Jens Stoltenberg european_defence_cooperation neutral"
        ],
    },
    spares={
        "Jens Stoltenberg said he welcomed more European effort on defence and praised France.": [
            "Jens Stoltenberg european_defence_cooperation support"
        ],
    },
)
def contrast_but(tok: Token, value: float, lex: StanceLexicon) -> bool:
    """ "welcomed more European effort on defence but warned against duplication"."""
    for conj in tok.children:
        if conj.dep_ != "conj" or not any(
            c.dep_ == "cc" and c.lower_ == "but" for c in (*tok.children, *conj.children)
        ):
            continue
        key = stance_cue(conj, lex)
        if key is not None and lex.cue(key) * value < 0:
            return True
    return False


@rule(
    "refused_after_but",
    "a clause with the mention, then 'but' and a refusal to do it, opposes: 'we respect it, but won't do it'",
    fires={
        '"We respect the wish of allies to spend more on defence, but we won\'t do it," Sanchez said.': [
            "Pedro Sánchez defence_spending_increase oppose"
        ],
    },
    spares={
        '"We respect the wish of allies to raise defence spending and we will do it," Pedro Sanchez said.': [
            "Pedro Sánchez defence_spending_increase support"
        ],
    },
)
def refused_after_but(r: Reading, verb: Token) -> bool:
    """ "We fully respect the desire of other countries to increase their defence investment but we won't
    do it": the speaker's own refusal after "but" decides, whatever the first clause granted."""
    for conj in verb.children:
        if conj.dep_ != "conj" or conj.lemma_ != "do" or not any(c.dep_ == "neg" for c in conj.children):
            continue
        if not any(c.dep_ == "cc" and c.lower_ == "but" for c in (*verb.children, *conj.children)):
            continue
        if any(c.dep_ == "dobj" and c.lower_ not in word_set("stance_event_pronouns") for c in conj.children):
            continue  # "but we will not do the same for Ukraine": another act
        r.score = -max(abs(r.score), 0.8)
        r.informative, r.rule = True, "refused_after_but"
        r.cues.append("not do it")
        return True
    return False


@rule(
    "statement_cue",
    "a statement's own cue colours all its content: 'urged', 'warned', 'welcomed', 'called X a step'",
    fires={
        "Jens Stoltenberg warned against cutting defence budgets.": [
            "Jens Stoltenberg defence_spending_increase support"
        ],
        "The Kremlin on Monday warned Germany against supplying Taurus missiles to Ukraine.": [
            "Kremlin military_aid_to_ukraine oppose"
        ],
    },
    spares={
        "Merkel said Germany must raise its defence spending.": [
            "Angela Merkel defence_spending_increase support"
        ],
    },
)
def statement_cue(reading: Reading, cue: Token, root: Token, lex: StanceLexicon, scope: Scope) -> bool:
    """Read from the cue's verb ("has repeatedly pressed"); not when the mention is the one asked to act, nor
    when the cue has an object of its own outside the content ("dismissed such warnings, saying that ..."
    is about the warnings) unless the content is its preposition's ("warned Germany against supplying");
    "called the decision a historic step": the complement judges the object."""
    if addressee(root) or (reading.directed and conditional(root)) or reading.rule == "demanded_condition":
        return False  # a condition read on its own: "warned that ... if Congress did not approve the aid"
    if negated_belief(reading, cue, lex):
        return True
    key = stance_cue(cue, lex)
    if key is None and unasserted_report(reading, cue, lex):
        return True
    if key is None and root.head.i == cue.i and root.dep_ == "dobj":
        cue = next((c for c in cue.children if c.dep_ in {"oprd", "acomp"} and stance_cue(c, lex)), cue)
        key = stance_cue(cue, lex)
    if key is None or key in reading.cues:
        return False
    through_prep = any(c.dep_ == "prep" and any(g in scope for g in c.children) for c in cue.children)
    if not through_prep and any(c.dep_ == "dobj" and c not in scope for c in cue.children):
        return False  # but "warned Germany against supplying ...": the object is the one warned
    if warning_judged(reading, key) or (key == "warn" and warned_demand(root, cue, lex)):
        return False
    if warning_topic(reading, key, root, cue):
        reading.score, reading.rule = 0.0, "warning_topic"
        return True
    value = lex.cue(key) * _weight(cue, lex)
    cited = "statement_cue"
    if contrast_but(cue, value, lex):
        value *= MIXED
        reading.cues.append("but")
        cited = "contrast_but"
    if negation(cue, lex):
        value = -value
        cited = "negation"
    if reading.amount and value < 0:
        value, cited = -value, reading.amount  # "complained that allies spend too little"
    reading.score *= value
    reading.informative = True
    reading.cues.append(key)
    reading.rule = cited
    return True


@rule(
    "unasserted_report",
    "what a speaker did not say is not the speaker's stance: 'did not say he supports sending Taurus'",
    fires={
        "Olaf Scholz did not say he supports sending Taurus missiles to Ukraine.": [],
        "Friedrich Merz never said that he backs Ukraine's NATO membership.": [],
    },
    spares={
        "Olaf Scholz said he supports sending Taurus missiles to Ukraine.": [
            "Olaf Scholz military_aid_to_ukraine support"
        ],
    },
)
def unasserted_report(r: Reading, verb: Token, lex: StanceLexicon) -> bool:
    """A plain reporting verb that is negated ("did not say", "never claimed") asserts nothing: its
    clause, even with a cue of its own, is no stance of the speaker."""
    if not negation(verb, lex):
        return False
    r.score, r.rule = 0.0, "unasserted_report"
    return True


@rule(
    "negated_belief",
    "a negated belief verb denies what its clause says: 'does not believe NATO is obsolete'",
    fires={
        "Donald Trump does not believe NATO is obsolete.": ["Donald Trump nato_alliance support"],
        "Donald Trump said he does not think NATO is obsolete.": ["Donald Trump nato_alliance support"],
        'Robert Fico said: "I cannot say I support sending more weapons to Ukraine."': [
            "Robert Fico military_aid_to_ukraine oppose"
        ],
    },
    spares={
        "Donald Trump believes NATO is obsolete.": ["Donald Trump nato_alliance oppose"],
    },
)
def negated_belief(r: Reading, verb: Token, lex: StanceLexicon) -> bool:
    """A reading its clause decided (a cue or a direction) under a negated belief verb
    (stance_belief_verbs.txt), as the verb above the clause or the statement's own cue, is reversed."""
    if not (r.informative or r.directed):
        return False
    lemma, beliefs = verb.lemma_.lower(), word_set("stance_belief_verbs")
    modals = {c.lemma_.lower() for c in verb.children if c.dep_ == "aux"}
    if lemma not in beliefs and not any(f"{m} {lemma}" in beliefs for m in modals):
        return False
    if not negation(verb, lex):
        return False
    _reverse(r, "negated_belief", f"not {verb.lemma_.lower()}")
    return True


@rule(
    "rejected_alternative",
    "what is done 'instead of' or 'rather than' is rejected: 'focus on China instead of expanding NATO'",
    fires={
        "Josh Hawley said America should focus on containing China instead of expanding NATO.": [
            "Josh Hawley nato_alliance oppose"
        ],
    },
    spares={
        "Josh Hawley said America should focus on expanding NATO.": ["Josh Hawley nato_alliance support"],
    },
)
def rejected_alternative(r: Reading, below: Token, prep: Token) -> bool:
    """The clause or noun under "instead of", "rather than" (stance_rejected_alternatives.txt) is reversed."""
    marker = next((c for c in prep.children if c.dep_ == "advmod" and c.i == prep.i - 1), None)
    if below.dep_ not in {"pcomp", "pobj"} or marker is None:
        return False
    if f"{marker.lower_} {prep.lower_}" not in word_set("stance_rejected_alternatives"):
        return False
    if not (r.informative or r.directed):
        return False
    _reverse(r, "rejected_alternative", f"{marker.lower_} {prep.lower_}")
    return True


@rule(
    "exempted_mention",
    "what is exempted from a limit is favoured: 'exempting defence spending from the debt brake'",
    fires={
        "The CDU proposed exempting defence spending from the debt brake.": [
            "CDU defence_spending_increase support"
        ],
        "Christian Lindner refused to exempt military spending from the debt brake.": [
            "Christian Lindner defence_spending_increase oppose"
        ],
        "Greece asked for an exemption for defence spending from the EU's fiscal rules.": [
            "Greece defence_spending_increase support"
        ],
    },
    spares={
        "Spain has asked NATO to exempt it from the defence spending target.": [
            "Spain defence_spending_increase oppose"
        ],
    },
)
def exempted_mention(r: Reading, below: Token, word: Token) -> bool:
    """An exempting word (stance_exempting_words.txt), an oppose word of the spending target for what it
    exempts one from ("exempt Spain from the target"), is reversed for the mention it exempts: its object,
    its passive subject or the noun after "for"."""
    lemma = word.lemma_.lower()
    if lemma not in word_set("stance_exempting_words") or not r.cues or r.cues[-1] != lemma:
        return False
    if not (below.dep_ in {"dobj", "nsubjpass"} or (below.dep_ == "prep" and below.lower_ == "for")):
        return False
    _reverse(r, "exempted_mention", lemma)
    return True


@rule(
    "negated_possibility",
    "a clause on a denied possibility is denied: 'there is no way Ukraine will join', 'don't see any way'",
    fires={
        "Donald Trump said there is no way Ukraine will join NATO.": ["Donald Trump nato_alliance oppose"],
        'Donald Trump said: "I don\'t see any way that Russia could allow them to join NATO."': [
            "Donald Trump nato_alliance oppose"
        ],
        "The British government said there was no prospect of the UK agreeing to a European army.": [
            "United Kingdom european_defence_cooperation oppose"
        ],
        "Kyriakos Mitsotakis said there must be no sense that some allies are free-riding.": [
            "Kyriakos Mitsotakis defence_spending_increase support"
        ],
    },
    spares={
        "Donald Trump said there is a chance that Ukraine joins NATO soon.": [
            "Donald Trump nato_alliance support"
        ],
    },
)
def negated_possibility(r: Reading, below: Token, noun: Token, lex: StanceLexicon) -> bool:
    """A clause (relative, "that", "to" or "of": "no prospect of the UK agreeing") on a noun of possibility
    (stance_possibility_nouns.txt) that is negated ("no way", "no chance") or the object or complement of a
    negated verb ("don't see any way") is reversed."""
    clause = below.dep_ in {"relcl", "acl", "ccomp"} or (below.dep_ == "prep" and below.lower_ == "of")
    if not clause or noun.lemma_.lower() not in word_set("stance_possibility_nouns"):
        return False
    denied = negation(noun, lex) or (noun.dep_ in {"dobj", "attr"} and negation(noun.head, lex))
    if not denied or not (r.informative or r.directed):
        return False
    _reverse(r, "negated_possibility", f"no {noun.lemma_.lower()}")
    return True


@rule(
    "warning_judged",
    "a warning does not reverse what is said of a subject: 'warned that X would weaken the bond'",
    fires={
        "Jens Stoltenberg warned that any attempt to distance Europe from North America would weaken "
        "the transatlantic bond.": [
            "Jens Stoltenberg european_defence_cooperation oppose",
            "Jens Stoltenberg nato_alliance support",
        ],
    },
    spares={
        "Jens Stoltenberg warned that cuts to defence spending would weaken the alliance.": [
            "Jens Stoltenberg defence_spending_increase support",
            "Jens Stoltenberg nato_alliance support",
        ],
    },
)
def warning_judged(reading: Reading, key: str) -> bool:
    """The warning is the judgement of X, already read from "would weaken"."""
    return reading.judged and key == "warn"


@rule(
    "conjoined_cue",
    "a cue verb with an object does not govern a verb conjoined to it: 'criticised Russia and backed NATO'",
    fires={
        "Angela Merkel rebuked Russia's aggression and has defended institutions like NATO.": [
            "Angela Merkel nato_alliance support"
        ],
        "Jens Stoltenberg said allies had halted and reversed years of defence cuts.": [
            "Jens Stoltenberg defence_spending_increase support"
        ],
        "Viktor Orbán has obstructed and delayed military support for Kyiv.": [
            "Viktor Orbán military_aid_to_ukraine oppose"
        ],
        "Robert Fico criticised the aid to Ukraine and hinted at Slovakia's withdrawal from NATO.": [
            "Robert Fico military_aid_to_ukraine oppose",
            "Robert Fico nato_alliance oppose",
        ],
        "Sweden and Finland decided to renounce their neutrality and applied to join NATO.": [
            "Sweden nato_alliance support",
            "Finland nato_alliance support",
        ],
        "Vladimir Putin said Ukraine must halt its mobilisation and stop accepting military aid.": [
            "Vladimir Putin military_aid_to_ukraine oppose"
        ],
    },
    spares={
        "Angela Merkel refused to meet Vladimir Putin and to send weapons to Ukraine.": [
            "Angela Merkel dialogue_with_russia oppose",
            "Angela Merkel military_aid_to_ukraine oppose",
        ],
    },
)
def conjoined_cue(tok: Token, head: Token, lex: StanceLexicon, target: Target) -> bool:
    """`tok`, a verb with a direct, prepositional or clausal object, conjoined to `head`, a general cue verb
    with a direct one of its own (not one of the target's own verbs, unless that object is a noun: "defend
    itself and carry its weight in NATO", but "halt its mobilization and stop accepting aid"); or a cue
    verb with a direct object that `head`, a cue of the same sign, shares: counted once ("had halted and
    reversed years of cuts")."""
    if not _verb_conjunct(tok, head, {"dobj", "prep", "xcomp"}):
        return False
    head_cue = stance_cue(head, lex)
    if head_cue is None:
        return False
    if target_verb(head, target) is not None and not any(
        c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"} for c in head.children
    ):
        return False
    if _has_object(head):  # "criticised the aid and hinted at leaving NATO": an object of its own as well
        return True
    own = stance_cue(tok, lex)
    value = lex.cue(own) if own is not None else target_verb(tok, target)  # "obstructed and delayed aid"
    return _has_object(tok) and value is not None and value * lex.cue(head_cue) > 0


@rule(
    "participle_consequence",
    "a cue verb with its own object does not govern a participle after it: 'cancelled X, later sending Y'",
    fires={
        "Denmark cancelled the order because of delays, later sending the howitzers to Ukraine.": [
            "Denmark military_aid_to_ukraine support"
        ],
    },
    spares={
        "Viktor Orbán criticised the plan, saying weapons deliveries to Ukraine prolong the war.": [
            "Viktor Orbán military_aid_to_ukraine oppose",
            "Viktor Orbán military_aid_to_ukraine oppose",
        ],
    },
)
def participle_consequence(tok: Token, head: Token, lex: StanceLexicon) -> bool:
    """`tok`, a participle clause after `head` with no conjunction that tells a consequence or a later act
    (stance_consequence_words.txt: "clearing the way", "later supplying"), and `head` a cue verb with a
    direct object. Other participles go on with the cue ("criticised the plan, citing ...")."""
    words = word_set("stance_consequence_words")
    return (
        tok.dep_ == "advcl"
        and tok.tag_ == "VBG"
        and tok.i > head.i
        and not any(c.dep_ == "mark" for c in tok.children)
        and (
            tok.lemma_.lower() in words or any(c.dep_ == "advmod" and c.lower_ in words for c in tok.children)
        )
        and head.pos_ == "VERB"
        and _has_object(head)
        and stance_cue(head, lex) is not None
    )


@rule(
    "phrasal_cue_clause",
    "a cue of a verb and its preposition ('hint at') does not take a clause the parse hangs on the verb",
    fires={
        "Spain joined Poland, Greece and other EU members in stating in early April they did not plan to "
        "deploy troops to Ukraine after the French president, Emmanuel Macron hinted at the option amid "
        "shell shortages.": [],
    },
    spares={
        "Emmanuel Macron hinted at sending troops to Ukraine.": [
            "Emmanuel Macron military_aid_to_ukraine support"
        ],
    },
)
def phrasal_cue_clause(tok: Token, head: Token, lex: StanceLexicon) -> bool:
    """`tok`, a clausal complement of `head`, whose cue is a verb with its preposition ("hint at", "push
    for"): the cue's argument is the preposition's, so the clause is another's words ("..., Macron hinted
    at the possibility" parsed as if Macron said the sentence)."""
    cue = stance_cue(head, lex) if tok.dep_ == "ccomp" else None
    return cue is not None and " " in cue and head.pos_ == "VERB"


@rule(
    "warned_demand",
    "a warning that someone should or must act asks for the act: 'warned that Spain should allocate 3.5%'",
    fires={
        "Mark Rutte warned that Spain should raise defence spending to 3.5% of GDP.": [
            "Mark Rutte defence_spending_increase support"
        ],
        "Mark Rutte said there were no exemptions and warned that Spain must raise defence spending.": [
            "Mark Rutte defence_spending_increase support"
        ],
    },
    spares={
        "Mark Rutte warned that Spain would cut defence spending.": [
            "Mark Rutte defence_spending_increase support"
        ],
    },
)
def warned_demand(below: Token, cue: Token, lex: StanceLexicon) -> bool:
    """The clause the warning `cue` governs, up from `below`, has a modal of obligation
    (stance_obligation_modals.txt)."""
    clause = below
    while clause.head.i not in {clause.i, cue.i}:
        clause = clause.head
    modals = word_set("stance_obligation_modals")
    return (
        clause.head.i == cue.i
        and clause.dep_ == "ccomp"
        and any(c.dep_ == "aux" and c.lower_ in modals for c in clause.children)
        and stance_cue(cue, lex) == "warn"
    )


@rule(
    "warning_topic",
    "a warning about a mention with no direction or cue of its own is no stance on it",
    fires={
        "Ben Wallace warned that the next chief will face a lot of unresolved issues in NATO.": [],
        "Lars Holm warned that Russia will test NATO's solidarity.": [],
    },
    spares={
        "Ben Wallace warned that Russia was trying to weaken NATO.": ["Ben Wallace nato_alliance support"],
    },
)
def warning_topic(reading: Reading, key: str, root: Token, cue: Token) -> bool:
    """ "warned of unresolved issues in NATO" is no opposition to NATO ("warned against ..." is); what the
    warning is about, the subject of the warned clause ("warned that the arrival of troops would ..."), is."""
    commitments = word_set("stance_commitment_modals")  # "warned that Russia will test NATO": a forecast
    if key != "warn" or reading.directed or any(c not in commitments for c in reading.cues):
        return False
    tok = root
    while tok.head.i != tok.i and tok.i != cue.i:
        if tok.dep_ in {"nsubj", "nsubjpass", "csubj"}:
            return False
        tok = tok.head
    return True


def _apply(
    r: Reading, tok: Token, target: Target, lex: StanceLexicon, negate: bool, rule: str | None = None
) -> str | None:
    """Multiply in `tok` when it is a cue: a target verb (direction) or a general cue (attitude). Returns
    the general cue's lexicon key. The reading cites `rule`, or the rule that decided on `tok`."""
    value, key, cue = target_verb(tok, target), None, stance_cue(tok, lex)
    if value is not None and cue is not None and " " in cue:
        value = None  # a phrasal cue over the target's own verb: "stand in the way of", not "stand"
    if value is None:
        key = cue
        if key is None:
            return None
        value = lex.cue(key)
        r.informative = True
        cited = rule or "stance_cue"
        if contrast_but(tok, value, lex):
            value *= MIXED
            r.cues.append("but")
            cited = "contrast_but"
    else:
        r.directed = True
        cited = rule or "target_verb"
    value *= _weight(tok, lex)
    if negate and key is None and negation(tok, lex) and laggards(tok):
        cited = "laggards"  # "countries that do not meet the target": a complaint about them, not a refusal
        r.amount = r.amount or "laggards"  # so "complained about allies not meeting it" does not reverse it
    elif negate and negation(tok, lex) and conditional(tok):
        cited = "conditional"  # "if allies do not pay more, ...": what is demanded, or feared not to happen
    elif negate and negation(tok, lex):
        value, cited = -value, "negation"
    elif negate and negated_light_verb(tok, target, lex):
        value, cited = -value, "negated_light_verb"
    if laggards_failure(tok, key):
        value, cited = -value, "laggards"  # "allies that fall short of the target": a complaint again
        r.amount = r.amount or "laggards"
    elif r.amount and key is not None and value < 0:
        value, cited = -value, r.amount  # "criticised Germany for spending too little": agrees
    if key is not None and r.rule == "relative_clause":
        r.score = abs(r.score)  # "oppose an EU army, which would undermine NATO": the attitude decides
    r.score *= value
    r.rule = cited
    r.cues.append(key or tok.lemma_.lower())
    return key


def _predicate(
    r: Reading, verb: Token, subject: Token, target: Target, lex: StanceLexicon, rule: str
) -> bool:
    """What `verb` says of `subject`: its own direction or cue, or a cue among the words it governs."""
    value, key = target_verb(verb, target), None
    if value is None:
        key = stance_cue(verb, lex)
        candidates = [verb] if key is not None else _predicate_words(verb, subject)
        for tok in candidates:
            key = stance_cue(tok, lex)
            if key is not None:
                value = lex.cue(key) * _weight(tok, lex)
                break
    if value is None and sufficient_amount(verb):
        value, rule = -1.0, "sufficient_amount"
    if value is None and harmful_effect(verb, subject):
        value, rule = -1.0, "harmful_effect"
    if value is None:
        return False
    if key is not None:
        r.informative = True
        done = passive_complement(verb, target)  # "NATO may need to be diminished": the need is a cut
        if done is not None:
            value *= done[0]
            r.directed = True
            r.cues.append(done[1].lemma_.lower())
    else:
        r.directed = True
    cited = rule
    if negation(verb, lex):
        value, cited = -value, "negation"
    r.score *= value
    r.judged = True
    r.rule = cited
    r.cues.append(key or verb.lemma_.lower())
    return True


@rule(
    "sufficient_amount",
    "an amount said to be enough needs no more: '2% of GDP for defence is sufficient'",
    fires={
        '"Two percent of GDP for defence is more or less sufficient," Tomio Okamura said.': [
            "Tomio Okamura defence_spending_increase oppose"
        ],
        "Tomio Okamura said that current defence spending is not sufficient.": [
            "Tomio Okamura defence_spending_increase support"
        ],
    },
    spares={
        "Tomio Okamura said that current defence spending is too low.": [
            "Tomio Okamura defence_spending_increase support"
        ],
    },
)
def sufficient_amount(verb: Token) -> bool:
    """A copula whose complement is a word of sufficiency (stance_sufficiency_words.txt): what its subject
    names is enough as it is; negated, it is too little."""
    return verb.lemma_ == "be" and any(
        c.dep_ in {"acomp", "attr"} and c.lemma_.lower() in word_set("stance_sufficiency_words")
        for c in verb.children
    )


@rule(
    "passive_complement",
    "a cue on a subject whose passive complement is a target verb takes its direction: 'needs to be cut'",
    fires={
        "Donald Trump said U.S. involvement in NATO may need to be significantly diminished.": [
            "Donald Trump nato_alliance oppose"
        ],
    },
    spares={
        "Donald Trump said NATO must be strengthened.": ["Donald Trump nato_alliance support"],
    },
)
def passive_complement(verb: Token, target: Target) -> tuple[float, Token] | None:
    """The direction of a target verb in the passive that completes a cue verb ("may need to be
    diminished", "has to be strengthened"), and the verb: the subject undergoes it."""
    for c in verb.children:
        if c.dep_ == "xcomp" and c.pos_ == "VERB" and any(a.dep_ == "auxpass" for a in c.children):
            value = target_verb(c, target)
            if value is not None:
                return value, c
    return None


def _weight(tok: Token, lex: StanceLexicon) -> float:
    """How much a cue counts: 0 for "have yet to", its hedges' product, else 1."""
    if yet_to(tok):
        return 0.0
    factor = hedge(tok, lex)
    return 1.0 if factor is None else factor


# -- holder rules: who holds the stance --------------------------------------------------------------------
@rule(
    "data_source",
    "a statement that reports data ('according to NATO', 'NATO's figures estimate') holds no stance",
    fires={
        "According to NATO, Germany will raise defence spending.": [],
    },
    spares={
        "Germany said it will raise defence spending.": ["Germany defence_spending_increase support"],
    },
)
def data_source(st: Statement) -> bool:
    if st.cue is not None and st.cue.text.lower().startswith("according"):
        return True
    mention = st.speaker_mention.text.lower() if st.speaker_mention is not None else ""
    documents = word_set("document_nouns")
    return any(w.strip("'’s") in documents or w in documents for w in mention.split())


@rule(
    "bare_mention",
    "a target named in a statement with no cue on its path is mild support, where its targets file says so",
    fires={
        "Jens Stoltenberg said that European defence would complement the alliance.": [
            "Jens Stoltenberg european_defence_cooperation support"
        ],
    },
    spares={
        "Jens Stoltenberg said that about 80% of NATO's defence spending would come from non-EU allies.": [],
        "Josep Borrell said Viktor Orban's visit to Moscow takes place in the framework of bilateral "
        "relations.": [],
    },
)
def bare_mention(root: Token, target: Target, scope: Scope | None = None) -> bool:
    """Not in an adverbial ("at the NATO summit"), not as what a share is taken of ("80% of NATO's defence
    spending would come from ..." is data), nor as the subject of a negated verb ("European defence could not
    replace the alliance" says what it is not), nor owned by a named person ("Orban's visit to Moscow":
    their act, which the speaker describes)."""
    if not (BARE_SCORE and target.bare) or root.dep_ in {"npadvmod", "advmod"}:
        return False
    if state_noun(root) or conditional(root) or discussed_topic(root) or setting_clause(root, scope):
        return False
    if root.dep_ in {"nsubj", "nsubjpass"} and any(c.dep_ == "neg" for c in root.head.children):
        return False
    if any(c.dep_ == "poss" and c.ent_type_ == "PERSON" for c in root.children):
        return False  # "Orban's visit to Moscow takes place ...": another's act the speaker describes
    of = root.head if root.dep_ == "pobj" and root.head.lower_ == "of" else None
    return of is None or of.head.lemma_.lower() not in word_set("stance_share_words")


@rule(
    "setting_clause",
    "a mention with no cue in a 'while', 'although' or 'when' clause of a statement is its setting",
    fires={
        "While there is much talk of European defence, the reality is far more fragmented, says Paul "
        "Martin.": [],
    },
    spares={
        "Paul Martin says there is much talk of European defence, while the reality is far more "
        "fragmented.": ["Paul Martin european_defence_cooperation support"],
    },
)
def setting_clause(root: Token, scope: Scope | None) -> bool:
    """Whether the mention is in an adverbial clause of time or concession (stance_setting_marks.txt) inside
    the statement's content: the scene the speaker sets, or what others did ("When the chancellor called for
    a war economy, the lawmaker retorted ..."), not what the speaker holds. Only a clause before the verb
    it hangs on sets a scene: "..., while the reality is ..." is part of the claim."""
    marks = word_set("stance_setting_marks")
    tok = root
    while tok.head.i != tok.i and (scope is None or tok.head in scope):
        if (
            tok.dep_ == "advcl"
            and tok.i < tok.head.i
            and any(c.dep_ in {"mark", "advmod"} and c.i < tok.i and c.lower_ in marks for c in tok.children)
        ):
            return True
        tok = tok.head
    return False


@rule(
    "discussed_topic",
    "a mention that is only discussed ('spending had been discussed') is no bare stance",
    fires={
        "Donald Trump said that military spending and a pipeline had been discussed.": [],
        "Antonio Tajani said military aid to Ukraine would need to be discussed in depth.": [],
        "Marco Rubio said any decision to leave NATO should be debated by Congress.": [],
    },
    spares={
        "Donald Trump said that military spending and a pipeline had been agreed.": [
            "Donald Trump defence_spending_increase support"
        ],
    },
)
def discussed_topic(root: Token) -> bool:
    """The subject of a passive or the object of a topic verb (stance_topic_verbs.txt), or the subject of a
    passive one in its "to" clause ("needs to be discussed"), itself or through the noun it is conjoined
    with."""
    tok = root
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    verbs = word_set("stance_topic_verbs")
    if tok.dep_ == "nsubj" and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in verbs and any(a.dep_ == "auxpass" for a in c.children)
        for c in tok.head.children
    ):
        return True  # "the proposal would need to be discussed in depth"
    return tok.dep_ in {"nsubjpass", "dobj"} and tok.head.lemma_.lower() in verbs


@rule(
    "state_noun",
    "a state of relations named with no cue ('a low point in relations with Russia') is no stance",
    fires={
        "Ursula von der Leyen said relations with Russia were at a low point.": [],
    },
    spares={
        "Ursula von der Leyen said she wanted better relations with Russia.": [
            "Ursula von der Leyen dialogue_with_russia support"
        ],
    },
)
def state_noun(root: Token) -> bool:
    """A mention whose head is a state noun (stance_state_nouns.txt: relations, ties, relationship)."""
    return root.lemma_.lower() in word_set("stance_state_nouns") or root.lower_ in word_set(
        "stance_state_nouns"
    )


@rule(
    "conditional",
    "a condition is no bare stance nor its subject's act; a negation in it names what is demanded",
    fires={
        "If Japan tried to raise defence spending, it would provoke its neighbours.": [],
    },
    spares={
        "Japan tried to raise defence spending.": ["Japan defence_spending_increase support"],
    },
)
def conditional(tok: Token) -> bool:
    """Whether `tok` is in a clause marked "if" or "unless" (condition_marks.txt), below the
    sentence's root. Such a clause is no act of its subject ("if the United States tried to force a
    settlement"); a negation in it does not reverse the reading: "we will leave if allies do not pay more"
    demands that they pay more."""
    return condition_clause(tok) is not None


def condition_clause(tok: Token) -> Token | None:
    """The verb of the lowest clause marked "if" or "unless" (or inverted: "were it to ...") that holds
    `tok`, or None."""
    marks = word_set("condition_marks")
    while tok.head.i != tok.i:
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in tok.children):
            return tok
        if tok.dep_ in {"advcl", "ccomp"} and _inverted(tok, marks):
            return tok
        tok = tok.head
    return None


def _inverted(verb: Token, marks: Collection[str]) -> bool:
    """A condition by inversion: an auxiliary "should", "were" or "had" (in condition_marks.txt)
    before the clause's subject ("should America end its aid, ..."; the parser may make it a complement)."""
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return subj is not None and any(
        c.dep_ == "aux" and c.lower_ in marks and c.i < subj.i for c in verb.children
    )


@rule(
    "demanded_condition",
    "a target act named in a threat's condition ('if allies do not pay more', 'unless') is demanded",
    fires={
        "Donald Trump said he would leave NATO if allies do not pay more.": [
            "Donald Trump defence_spending_increase support",
            "Donald Trump nato_alliance oppose",
        ],
        "Donald Trump threatened to leave NATO unless allies pay more.": [
            "Donald Trump defence_spending_increase support",
            "Donald Trump nato_alliance oppose",
        ],
        "Donald Trump warned that America would pull its troops out unless Europe spends more on defence.": [
            "Donald Trump defence_spending_increase support"
        ],
    },
    spares={
        "If Japan tried to raise defence spending, it would provoke its neighbours.": [],
        "Ben Wallace said that if Britain wanted to send more weapons to Ukraine, it would need money.": [],
    },
)
def demanded_condition(root: Token, lex: StanceLexicon) -> Token | None:
    """The verb of the condition that holds the mention when the condition is a demand: "if" with the
    verb negated ("if allies do not pay more"), or "unless" with neither it nor the threat negated ("will
    leave unless allies pay more"); the clause must hang on a verb of a main clause before it (the threat)."""
    clause = condition_clause(root)
    if clause is None or clause.dep_ != "advcl" or clause.head.pos_ not in {"VERB", "AUX"}:
        return None
    if clause.i < clause.head.i:
        return None  # "If Japan tried to raise ..., it would provoke": a fronted condition, no threat
    mark = next((c.lower_ for c in clause.children if c.dep_ == "mark"), None)
    negated = negation(clause, lex)
    if mark == "unless":  # (under a negated clause, "will not defend allies unless": necessary_condition)
        return None if negated or negation(clause.head, lex) else clause
    return clause if mark == "if" and negated else None


def _demanded(r: Reading, clause: Token, head: Token) -> None:
    """Read a demanded condition: its act's direction is wanted by the subject of the threat."""
    r.informative, r.rule = True, "demanded_condition"
    r.cues.append(next(c.lower_ for c in clause.children if c.dep_ == "mark"))
    while head.dep_ == "xcomp" and head.head.i != head.i:
        head = head.head  # "threatened to leave NATO unless ...": the one who threatened
    r.actor_verb = head


@rule(
    "reported_condition",
    "what a source says inside a condition ('if you want the aid, ...') is no stance, unless it is a demand",
    fires={
        "Ben Wallace said that if Britain wanted to send more weapons to Ukraine, it would need money.": [],
    },
    spares={
        "Ben Wallace said that Britain would send more weapons to Ukraine.": [
            "Ben Wallace military_aid_to_ukraine support"
        ],
    },
)
def reported_condition(root: Token, reading: Reading, lex: StanceLexicon) -> bool:
    """A mention in a clause marked "if" or "unless" inside a statement, read with no negation nor failure
    in the condition (a negated one, "we will leave if allies do not pay more" or "if they fail to pay",
    names what is demanded)."""
    if not conditional(root) or reading.rule in {"conditional", "demanded_condition"} or reading.needed:
        return False  # (a necessary condition is a demand)
    if any((lex.cue(c) or 0) < 0 for c in reading.cues):
        return False
    tok = root
    while conditional(tok):  # up to the verb of the condition
        if negation(tok, lex):
            return False
        tok = tok.head
    return True


@rule(
    "resignation_threat",
    "who would resign if a target were undone wants it kept: 'would quit if the pledge was ditched'",
    fires={
        "Ben Wallace said he would quit if the government scrapped the pledge to spend 3% of GDP on "
        "defence.": ["Ben Wallace defence_spending_increase support"],
    },
    spares={
        "Ben Wallace said the government scrapped the pledge to spend 3% of GDP on defence.": [
            "Ben Wallace defence_spending_increase oppose"
        ],
    },
)
def resignation_threat(root: Token, reading: Reading) -> bool:
    """A mention read as opposed inside an "if" clause of a verb of quitting (stance_protest_verbs.txt):
    the speaker threatens to quit should the target be undone, so wants it (the reading turns positive)."""
    clause = condition_clause(root) if reading.score < 0 else None
    if clause is None or clause.head.lemma_.lower() not in word_set("stance_protest_verbs"):
        return False
    _reverse(reading, "resignation_threat", clause.head.lemma_.lower())
    return True


@rule(
    "indirect_question",
    "a question put by a source ('asked whether ...', 'wondered if ...') holds no stance",
    fires={
        "John McCain asked whether Trump would have more success in improving relations with Russia.": [],
    },
    spares={
        "John McCain said Trump would have more success in improving relations with Russia.": [
            "John McCain dialogue_with_russia support"
        ],
    },
)
def indirect_question(doc: Doc, st: Statement) -> bool:
    """A statement whose content opens with "whether", "if" or "why" (stance_question_marks.txt) within its
    first three words ("to know why ..."), or whose root is marked by one."""
    content = doc.char_span(st.content.start, st.content.end, alignment_mode="expand")
    if content is None or not len(content):
        return False
    marks = word_set("stance_question_marks")
    opening = [t for t in content if not t.is_punct][:3]  # "whether ...", "to know why ..."
    root = content.root
    return any(t.lower_ in marks for t in opening) or any(
        c.dep_ == "mark" and c.lower_ in marks for c in root.children
    )


@rule(
    "embedded_question",
    "a mention in a 'whether' clause is an open question: no one's stance",
    fires={
        "Pierre Poilievre said the debt made it uncertain whether Canada can commit to the 2 percent of "
        "GDP defence expenditure.": [],
        "It is unclear whether Marjorie Taylor Greene is ready to block aid to Ukraine.": [],
        "NATO allies were eager to hear how much support Washington intends to provide to Ukraine.": [],
    },
    spares={
        "Portugal is still considering whether to join PESCO.": [
            "Portugal european_defence_cooperation neutral"
        ],
        "Pierre Poilievre said the debt made it certain that Canada can commit to the 2 percent of GDP "
        "defence expenditure.": ["Canada defence_spending_increase support"],
    },
)
def embedded_question(root: Token, scope: Scope, own_subject: bool = False) -> bool:
    """ "... made it uncertain whether Canada can commit to 2%": a clause a statement's words (or a plain
    sentence) open with "whether" or "why" (stance_embedded_question_marks.txt), or a "how" on the mention
    itself ("how much support Washington intends to provide"), says what is in doubt, not what anyone
    wants; in a plain sentence (`own_subject`) one with a subject of its own ("Portugal is considering
    whether to join" is its own undecided stance)."""
    marks = word_set("stance_embedded_question_marks")
    if any(t.dep_ == "advmod" and t.lower_ in marks for t in root.subtree if t.i < root.i):
        return True  # "eager to hear how much support Washington intends to provide"
    for a in [root, *root.ancestors]:
        if a not in scope or a.head not in scope or a.head is a:
            return False  # not the question the words are (indirect_question)
        subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in a.children)
        if any(c.dep_ == "mark" and c.lower_ in marks for c in a.children):
            return subject or not own_subject
        if a.pos_ in {"VERB", "AUX"} and subject:
            return False  # the mention's own clause is no question
    return False


@rule(
    "relative_subject",
    "'who' after a name and its apposition is the name: 'Emmanuel Macron, France's president, who ...'",
    fires={
        "Gunnar Lindqvist, a Swedish businessman, who resisted sending weapons to Ukraine, is in Berlin.": [
            "Gunnar Lindqvist military_aid_to_ukraine oppose"
        ],
    },
    spares={
        "Gunnar Lindqvist, who resisted sending weapons to Ukraine, is in Berlin.": [
            "Gunnar Lindqvist military_aid_to_ukraine oppose"
        ],
    },
)
def relative_subject(verb: Token, subj: Span) -> Span | None:
    """The subject of a relative clause on an apposition is the name the apposition describes (the title
    alone may stand for someone else)."""
    which = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if verb.dep_ != "relcl" or which is None or which.lower_ not in word_set("relative_pronouns"):
        return None
    if which.dep_ == "nsubjpass" and any(c.dep_ == "agent" for c in verb.children):
        return None  # "..., which is backed by Germany": the agent acts
    noun = verb.head
    if noun.dep_ != "appos":
        return None
    while noun.dep_ == "appos" and noun.head.i != noun.i:
        noun = noun.head
    if noun.pos_ != "PROPN":
        return None
    before = [c.left_edge.i for c in noun.children if c.i < noun.i and c.dep_ in {"compound", "flat"}]
    return noun.doc[min([noun.i, *before]) : noun.i + 1]


@rule(
    "they_of_subjects",
    "'they' in a clause under a verb whose subject names several stands for them: 'X and Y said they ...'",
    fires={
        "Donald Trump and Vladimir Putin made clear that they are keen to meet in person.": [
            "Donald Trump dialogue_with_russia support",
            "Vladimir Putin dialogue_with_russia support",
        ],
    },
    spares={
        "Donald Trump made clear that they are keen to meet Putin in person.": [],
    },
)
def they_of_subjects(subj: Span) -> Span | None:
    """The subject of the verb above a "they" clause, when it has conjuncts that are names."""
    if subj.root.lower_ != "they" or subj.root.head.dep_ not in {"ccomp", "xcomp"}:
        return None
    above = subj.root.head.head
    names = next((c for c in above.children if c.dep_ == "nsubj" and c.conjuncts), None)
    if names is None or not all(t.ent_type_ for t in (names, *names.conjuncts)):
        return None
    return above.doc[names.left_edge.i : max(t.i for t in names.conjuncts) + 1]


@rule(
    "one_of_group",
    "a clause on the group a subject is 'one of' is that subject's: 'Spain is one of few allies holding out'",
    fires={
        "Spain appears to be one of the few NATO members holding out against a big rise in defence "
        "spending.": ["Spain defence_spending_increase oppose"],
    },
    spares={
        "Spain is holding out against a big rise in defence spending.": [
            "Spain defence_spending_increase oppose"
        ],
    },
)
def one_of_group(subj: Span) -> Span | None:
    """The subject of "be" (or "appear to be") whose complement is "one of" the group `subj` names."""
    root = subj.root
    of = root.head
    one = of.head
    if root.dep_ != "pobj" or of.lower_ != "of" or one.lower_ != "one" or one.dep_ != "attr":
        return None
    verb = one.head
    while verb.dep_ == "xcomp" and verb.head.pos_ in {"VERB", "AUX"}:
        verb = verb.head  # "appears to be one of"
    who = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if who is None or who.pos_ not in {"PROPN", "NOUN"}:
        return None
    return who.doc[who.left_edge.i : who.i + 1]


@rule(
    "relative_before_conjunct",
    "a relative clause on the first of conjoined names is said of that name only: 'Roe, who ..., and Doe'",
    fires={
        "Republicans hold extreme views, including Matt Gaetz, who has opposed sending weapons to Ukraine,"
        " and Marjorie Taylor Greene.": ["Matt Gaetz military_aid_to_ukraine oppose"],
        "Republicans hold extreme views, including Matt Gaetz, who has proposed inviting Russia to join NATO,"
        " and Marjorie Taylor Greene.": ["Matt Gaetz nato_alliance support"],
    },
    spares={
        "Matt Gaetz and Marjorie Taylor Greene, who opposed sending weapons to Ukraine, spoke on Monday.": [
            "Marjorie Taylor Greene military_aid_to_ukraine oppose"
        ],
    },
)
def relative_before_conjunct(verb: Token, subj: Span) -> Span | None:
    """The name a relative clause hangs on, without the names conjoined to it after the clause."""
    clause = verb
    while clause.dep_ in {"xcomp", "conj"} and clause.head.pos_ in {"VERB", "AUX"}:
        clause = clause.head
    root = subj.root
    if clause.dep_ != "relcl" or clause.head != root or not any(c.i > clause.i for c in root.conjuncts):
        return None
    return subj.doc[subj.start : root.i + 1]


@rule(
    "direct_question",
    "a question ('Should Europe spend more?', 'Is NATO still needed?') asks and states no stance",
    fires={
        '"Does anyone really think we should leave NATO?" Ben Wallace said.': [],
    },
    spares={
        '"We will never leave NATO," Ben Wallace said.': ["Ben Wallace nato_alliance support"],
    },
)
def direct_question(sent: Span) -> bool:
    """A sentence that ends with a question mark (before any closing quotation mark or bracket)."""
    last = next((t for t in reversed(sent) if not (t.is_quote or t.is_bracket or t.is_space)), None)
    return last is not None and last.text.endswith("?")


@rule(
    "video_promo",
    "a line ending with a running time ('... to defend Ukraine 03:38') is a promoted video, not the article",
    fires={
        "Finland joined NATO on Tuesday.\n\nMerkel pledged to send tanks to Ukraine 03:38\n\nIt was cold.": [
            "Finland nato_alliance support"
        ],
    },
    spares={
        "Finland joined NATO on Tuesday.\n\nMerkel pledged to send tanks to Ukraine.\n\nIt was cold.": [
            "Finland nato_alliance support",
            "Angela Merkel military_aid_to_ukraine support",
        ],
    },
)
def video_promo(sent: Span) -> bool:
    """A sentence whose last word is a running time ("03:38", "1:05:10") at the end of its line: the title of
    a video the page promotes (a "watched" or "must watch" box), which says nothing the article reports."""
    last = next((t for t in reversed(sent) if not t.is_space), None)
    if last is None or _RUNNING_TIME.fullmatch(last.text) is None:
        return False
    text = doc_text(sent.doc)
    end = last.idx + len(last.text)
    return end == len(text) or text[end : end + 1] in {"\n", "\r"}


@rule(
    "past_background",
    "what a sentence dates 'in' a year a decade or more before the article is background, not a stance",
    fires={
        "In 1992 George Bush said defence spending should be cut.": [],
    },
    spares={
        "In 2023 Joe Biden said defence spending should be raised.": [
            "Joe Biden defence_spending_increase support"
        ],
    },
)
def past_background(sent: Span, when: date | None) -> bool:
    """A sentence with "in <year>" at least PAST_YEARS before the article's date (no date: never)."""
    return when is not None and any(y <= when.year - PAST_YEARS for y in _dated_in(sent))


def _dated_in(sent: Span) -> list[int]:
    """The years a sentence dates "in" ("In 1992 George Bush said ...")."""
    if not re.search(r"\d{4}", doc_text(sent.doc)[sent.start_char : sent.end_char]):
        return []  # no token of four digits: no need to visit every token
    return [
        int(t.text)
        for t in sent
        if t.dep_ == "pobj" and t.head.lower_ == "in" and len(t.text) == 4 and t.text.isdigit()
    ]


@rule(
    "earlier_position",
    "a sentence dated 'in' a year 2-9 years before the article tells an earlier position: a present one wins",
    fires={
        "In 2019 Emmanuel Macron said NATO was obsolete.": ["Emmanuel Macron nato_alliance oppose"],
    },
    spares={
        "In 2023 Emmanuel Macron said NATO was obsolete.": ["Emmanuel Macron nato_alliance oppose"],
    },
)
def earlier_position(sent: Span, when: date | None) -> bool:
    """A sentence with "in <year>" two to PAST_YEARS - 1 years before the article's date: the article's
    position for an actor is the one it holds now ("Mr Macron, who in 2019 said NATO was experiencing
    brain death, has shifted his tone ... He has helped to reinforce NATO's eastern flank")."""
    return when is not None and any(when.year - PAST_YEARS < y <= when.year - 2 for y in _dated_in(sent))


@rule(
    "past_actor",
    "what a leader whose every office ended a decade or more before the article did is background",
    fires={
        "Ronald Reagan sharply raised defence spending.": [],
    },
    spares={
        "Donald Trump sharply raised defence spending.": ["Donald Trump defence_spending_increase support"],
    },
)
def past_actor(actor: Speaker, gaz: Gazetteer, when: date | None) -> bool:
    """A person the gazetteer knows only in offices that all ended PAST_YEARS or more before the article
    ("Reagan's decision to boost defence outlays" in a 2023 article): in a plain sentence that is history
    the article recalls, not a stance it reports (what such a person says now, in a statement, still is)."""
    if when is None or actor.type != "person" or not actor.name:
        return False
    tenures = gaz.tenures(actor.name)
    limit = date(when.year - PAST_YEARS, when.month, min(when.day, 28))
    return bool(tenures) and all(t.end is not None and t.end <= limit for t in tenures)


@rule(
    "reported_prediction",
    "a source's guess that a named person may or might do a target's act is no one's stance",
    fires={
        "John Bolton thinks Donald Trump may leave NATO entirely.": [],
    },
    spares={
        "John Bolton thinks America should leave NATO entirely.": ["John Bolton nato_alliance oppose"],
    },
)
def reported_prediction(root: Token, target: Target) -> bool:
    """The mention's own target verb, up to three steps above it, has a person as subject and a modal of
    possibility (stance_ability_modals.txt): "thinks Mr Trump may leave NATO"."""
    tok = root
    for _ in range(3):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.pos_ == "VERB" and target_verb(tok, target) is not None:
            subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            modal = any(
                c.dep_ == "aux" and c.lower_ in word_set("stance_ability_modals") for c in tok.children
            )
            return modal and subj is not None and subj.ent_type_ == "PERSON"
    return False


@rule(
    "event_in_statement",
    "a cue noun a statement dates itself by is that event, not the speaker's: 'after its refusal to'",
    fires={
        "Donald Trump said Spain faces tariffs after its refusal to meet the defence spending target.": [],
        "Olaf Scholz said Germany would act after calls for more military aid to Ukraine.": [],
    },
    spares={
        "Donald Trump said he agreed with calls for allies to raise defence spending.": [
            "Donald Trump defence_spending_increase support"
        ],
        "Donald Trump criticised Spain over its refusal to meet the defence spending target.": [
            "Donald Trump defence_spending_increase support"
        ],
    },
)
def event_in_statement(root: Token, lex: StanceLexicon, scope: Scope) -> bool:
    """The first cue or act noun above the mention is the object of an event preposition
    (stance_event_preps.txt) inside the statement."""
    noun = _cue_noun_above(root, lex)
    return (
        noun is not None
        and noun.dep_ == "pobj"
        and noun.head.lower_ in word_set("stance_event_preps")
        and noun.head in scope
    )


@rule(
    "forecast",
    "what a source predicts or reckons will happen is no stance unless an attitude cue says what it wants",
    fires={
        "The upward trend of defence spending will last, predicts Anna Berg of a think-tank.": [],
    },
    spares={
        "Raising defence spending will be vital, predicts Anna Berg of a think-tank.": [
            "Anna Berg defence_spending_increase support"
        ],
        "Anna Berg predicts that Europe will have to raise defence spending.": [
            "Anna Berg defence_spending_increase support"
        ],
    },
)
def forecast(cue: Token, reading: Reading, lex: StanceLexicon) -> bool:
    """The statement's verb is one of forecast (stance_forecast_verbs.txt) and no cue met on the way is one
    of attitude: a general cue or a modal of obligation ("will have to"), not one of the target's verbs."""
    if cue.lemma_.lower() not in word_set("stance_forecast_verbs"):
        return False
    modals = word_set("stance_obligation_modals") | {"to"}
    return not any(lex.cue(word) is not None or word in modals for word in reading.cues)


@rule(
    "relayed_report",
    "words an actor said that a report relays are the actor's: 'X said ..., Reuters reported'",
    fires={
        "Robert Fico said Slovakia would no longer send arms to Ukraine, the Guardian reported.": [
            "Robert Fico military_aid_to_ukraine oppose"
        ],
    },
    spares={
        "Angela Merkel said Germany wanted to raise defence spending.": [
            "Angela Merkel defence_spending_increase support"
        ],
    },
)
def relayed_report(art: Article, outer: Statement, inner: Statement) -> bool:
    """A statement nested in the content of another that reports it ("reported", "according to", or
    whose speaker is a journalist): the nested speaker holds its words. Otherwise the outer one does
    ("Merkel said Germany wanted ...": Merkel's, as Discourse Network Analyzer codes it)."""

    cue = outer.cue.text.lower() if outer.cue is not None else ""
    mention = outer.speaker_mention
    by = art.doc.char_span(mention.start, mention.end, alignment_mode="expand") if mention else None
    # "..., reporter Jane Roe informed": a journalist relays it too
    relay = cue.startswith(("report", "according")) or (by is not None and journalist_source(by))
    if inner is outer or not relay or inner.cue is None:
        return False
    if not is_actor(statement_speaker(inner), art.gaz, art.when):
        return False
    said = art.doc.char_span(inner.cue.start, inner.cue.end, alignment_mode="expand")
    return said is not None and not negation(said.root, art.lex)  # "was not questioning NATO": unsaid


@rule(
    "journalist_source",
    "a source presented as a journalist ('the editor of a newsletter', 'CNN's Jane Roe') reports, not acts",
    fires={
        "Anna Berglund, the editor of a defence newsletter, said NATO was stronger than ever.": [],
        "CNN's Anna Berglund in Kyiv said soldiers were sceptical of the ceasefire talks.": [],
        "On the eve of the meeting, Atanas Zapryanov told journalists that Bulgaria would increase defence "
        "spending to 5% of its GDP, reporter Tsvetelina Stoyanova informed.": [
            "Atanas Zapryanov defence_spending_increase support"
        ],
    },
    spares={
        "Anna Berglund, an analyst at a think-tank, said NATO was stronger than ever.": [
            "Anna Berglund nato_alliance support"
        ],
    },
)
def journalist_source(said_by: Span) -> bool:
    """A speaker mention whose own noun or apposition is a journalist's (stance_journalist_nouns.txt): what
    the press says is its report or comment, not an actor's stance."""
    nouns = word_set("stance_journalist_nouns")
    root = said_by.root
    # "the reporter", "Jane Roe, a correspondent", "reporter Jane Roe"
    heads = [root, *(c for c in root.children if c.dep_ in {"appos", "compound"})]
    if any(h.lemma_.lower() in nouns for h in heads):
        return True
    # an outlet's own: "CNN's Jane Roe in Kyiv said"
    owners = [c for c in root.children if c.dep_ == "poss"]
    return any(news_outlet(" ".join(t.text for t in o.subtree if t.dep_ != "case")) for o in owners)


@rule(
    "reported_act",
    "a country whose act a statement tells of holds it too: 'Russia has increased defence spending, he said'",
    fires={
        "Russia has increased its defence spending by 50% in five years, Chuck Hagel said.": [
            "Chuck Hagel defence_spending_increase support",
            "Russia defence_spending_increase support",
        ],
    },
    spares={
        "Russia should increase its defence spending, Chuck Hagel said.": [
            "Chuck Hagel defence_spending_increase support"
        ],
    },
)
def reported_act(art: Article, reading: Reading, subj: Span, speaker: Speaker) -> Speaker | None:
    """The country (GPE) that is the subject of a done target act (a target verb, no cue of attitude) in a
    statement, when it is not the speaker's own: it acts, whoever tells of it."""
    verb = reading.actor_verb
    if verb is None or not reading.directed or reading.informative or subj.root.ent_type_ != "GPE":
        return None
    if verb.tag_ not in {"VBD", "VBN"} or not _done(verb) or any(c.tag_ == "MD" for c in verb.children):
        return None  # a past act, not "could see France breaking off"
    actor = art.speakers.resolve(subj)
    return actor if actor.type == "country" and actor.country not in {None, speaker.country} else None


@rule(
    "reported_build",
    "an organisation whose build-up a statement tells of holds it: 'NATO members agreed to form a force'",
    fires={
        "NATO members agreed on Friday to form a spearhead force of several thousand troops, Anders Fogh "
        "Rasmussen said.": [
            "Anders Fogh Rasmussen nato_alliance support",
            "NATO nato_alliance support",
        ],
    },
    spares={
        "NATO should form a spearhead force of several thousand troops, Donald Trump said.": [],
    },
)
def reported_build(art: Article, mention: Mention, speaker: Speaker) -> Speaker | None:
    """The organisation whose own build-up (an `own_build` mention) a statement tells of, done, when it is
    not the speaker: it acts, whoever tells of it (the teller's own stance is read from the sentence's other
    mentions)."""
    verb = mention.root
    if mention.rule != "own_build" or not _done(verb) or any(c.tag_ == "MD" for c in verb.children):
        return None  # a done act, not what "NATO should form"
    subj = _subject(verb)
    actor = art.speakers.resolve(subj) if subj is not None else None
    if actor is None or actor.type != "organization" or actor.name == speaker.name:
        return None
    return actor


@rule(
    "causative",
    "who gets another to act wants the act: 'tried to get Mr Trump to release the aid' is not Trump's",
    fires={
        "Mark Esper tried to get Donald Trump to release the aid to Ukraine.": [
            "Mark Esper military_aid_to_ukraine support"
        ],
    },
    spares={
        "Mark Esper urged Donald Trump to release the aid to Ukraine.": [
            "Mark Esper military_aid_to_ukraine support"
        ],
    },
)
def causative(r: Reading) -> bool:
    """The reading's actor verb is the "to" clause of a causative verb (stance_causative_verbs.txt) with a
    subject of its own ("get Mr Trump to release"): the causative verb is the actor's, its subject holds."""
    verb = r.actor_verb
    if (
        verb is None
        or verb.dep_ != "ccomp"
        or verb.head.lemma_.lower() not in word_set("stance_causative_verbs")
    ):
        return False
    if not _to_infinitive(verb):
        return False
    if not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return False
    r.actor_verb = verb.head
    r.holder = "causative"
    return True


@rule(
    "named_supporter",
    "a named person who is the subject of a cue inside a statement holds its stance, not the speaker",
    fires={
        "The White House said President Joe Biden strongly supported NATO membership for Finland.": [
            "Joe Biden nato_alliance support"
        ],
        "The White House said Mike Pompeo and Defense Secretary Mark Esper backed NATO membership.": [
            "Mike Pompeo nato_alliance support",
            "Mark Esper nato_alliance support",
        ],
    },
    spares={
        "The White House said the president strongly supported NATO membership for Finland.": [
            "White House nato_alliance support"
        ],
        "Donald Tusk insisted that Vladimir Putin agree to a ceasefire first.": [
            "Donald Tusk dialogue_with_russia support"
        ],
    },
)
def named_supporter(art: Article, subj: Span) -> list[Speaker] | None:
    """ "the White House said Biden strongly supported NATO membership for Finland" is Biden's; each named
    person's of several ("he, Mr Pompeo and Mr Esper tried to ..."); not one asked to act ("insisted that
    Putin agree to a ceasefire", directive_verbs.txt)."""
    verb = subj.root.head
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in word_set("directive_verbs"):
        return None
    found = [
        art.speakers.resolve(part) for part in parts(subj)[0] if any(t.ent_type_ == "PERSON" for t in part)
    ]
    named = [sp for sp in found if sp.type == "person" and sp.name]
    return list(dict.fromkeys(named)) or None


@rule(
    "pronoun_in_content",
    "'he' in a statement, standing for a person the statement names, is that person: not the speaker",
    fires={
        "John Ratcliffe said Donald Trump halted intelligence sharing days after he froze military aid "
        "to Ukraine.": ["Donald Trump military_aid_to_ukraine oppose"],
    },
    spares={
        "John Ratcliffe said he would halt military aid to Ukraine.": [
            "John Ratcliffe military_aid_to_ukraine oppose"
        ],
    },
)
def pronoun_in_content(art: Article, subj: Span, scope: Scope, speaker: Speaker) -> list[Speaker] | None:
    """A subject pronoun ("he", "she") of the cue's verb after a person the same statement names (the last
    one before it, of the pronoun's gender when known), who is not the speaker."""
    root = subj.root
    if root.pos_ != "PRON" or root.lower_ not in subject_pronouns():
        return None
    before = _person_names(art.doc, root.sent.start, root.i)
    if not before or before[-1][0] not in scope:
        return None
    found = art.speakers.resolve(before[-1])
    person = art.speakers.people.get(found.name or "")
    if found.type != "person" or found.name == speaker.name or person is None:
        return None
    return [found] if person.gender in {None, person_pronouns()[root.lower_]} else None


@rule(
    "reported_attitude",
    "an attitude a source reports of a third party is that party's, or no one's, never the source's",
    fires={
        "Paul Garnet said the old defence ministers had scolded the allies for underfunding NATO.": [],
        "Emmanuel Macron said Poland strongly backs NATO membership for Ukraine.": [
            "Poland nato_alliance support"
        ],
        "Paul Garnet argues that most Americans are not ready to pay for higher defence spending.": [],
        "Rishi Sunak said Labour have refused to increase defence spending.": [  # a party of his country
            "Labour Party defence_spending_increase oppose"
        ],
        "Joe Biden met allies. Press Secretary Karine Jean-Pierre said the President wanted allies to share "
        "more of the burden.": [
            "Joe Biden defence_spending_increase support",
            "Karine Jean-Pierre defence_spending_increase support",
        ],
    },
    spares={
        "Emmanuel Macron said France strongly backs NATO membership for Ukraine.": [
            "Emmanuel Macron nato_alliance support"
        ],
        "Paul Garnet said he strongly backs NATO membership for Ukraine.": [
            "Paul Garnet nato_alliance support"
        ],
    },
)
def reported_attitude(art: Article, root: Token, scope: Scope, source: Speaker) -> list[Speaker] | None:
    """ "Garnet said past ministers had scolded the allies": an attitude verb (a general cue) whose own
    subject is a noun phrase other than the source's is what the source reports of that party: the party
    holds it when it is an actor the source does not speak for, no one holds it when it is unnamed others
    (a plural common noun: "past ministers", "critics"). The source keeps it (None) for a pronoun or an
    unresolved subject ("the president" with no date), for itself, for whom it speaks for (its country or
    organisation, "her party", the members of its organisation: stance_member_nouns.txt), and for an
    obligation ("allies would need to spend more"); a spokesperson shares the attitude of a leader of
    their country."""
    verb = _reported_cue(root, scope, art.lex)
    if verb is None or _obliged(verb) or conditional(verb):
        return None
    if laggards_failure(verb, stance_cue(verb, art.lex)):
        return None  # "countries that fall short of the target should lose protection": a complaint
    subj = _subject(verb)
    if subj is None or subj.root.tag_ == "PRP" or any(t.dep_ == "poss" and t.pos_ == "PRON" for t in subj):
        return None
    if negative_subject(subj.root, art.lex):
        return None  # "no ally wants ...": the source's own claim about everyone
    noun = _quantified(subj.root)
    if noun.lemma_.lower() in word_set("stance_member_nouns") and (
        source.org is not None or source.type == "organization"
    ):
        return None
    public = noun.ent_type_ == "NORP" and noun.tag_ in {"NNS", "NNPS"}  # "most Americans": a nation's people
    if (noun.pos_ == "NOUN" and not noun.ent_type_ and noun.tag_ == "NNS") or public:
        found = Speaker(None, "anonymous")  # unnamed others, whoever is named on them ("Obama's ministers")
    else:
        found = art.speakers.resolve(subj)
    if found.name is not None and found.name in {source.name, source.org}:
        return None
    if (
        found.type != "person"
        and found.country is not None
        and found.country == source.country
        and found.name not in art.gaz.party_bodies
    ):
        return None  # "Macron said France backs ...", "American forces would defend ...": he speaks for them
    if not is_actor(found, art.gaz, art.when):
        return [] if found.type == "anonymous" else None
    if "spokes" in (source.role or "").lower() and found.country == source.country:
        return [found, source]  # "Sanders said the president wanted allies to pay more": his, and hers
    return [found]


@rule(
    "existential_attitude",
    "'there is support for NATO', a source says: an attitude found among others, not the source's own",
    fires={
        "Anna Berg says there is broad support for NATO among voters.": [],
    },
    spares={
        "Anna Berg says she has broad support for NATO.": ["Anna Berg nato_alliance support"],
    },
)
def existential_attitude(root: Token, scope: Scope, lex: StanceLexicon) -> bool:
    """The first cue above a mention inside the statement is an attitude noun (stance_attitude_nouns.txt)
    with no possessor that "there is" says exists: the source reports who feels so, it holds no stance."""
    tok = root
    while tok.head.i != tok.i and tok.head in scope:
        tok = tok.head
        if stance_cue(tok, lex) is None:
            continue
        return (
            tok.pos_ == "NOUN"
            and tok.lemma_.lower() in word_set("stance_attitude_nouns")
            and not any(c.dep_ == "poss" for c in tok.children)
            and tok.dep_ in {"attr", "nsubj"}
            and tok.head.lemma_ == "be"
            and any(c.dep_ == "expl" for c in tok.head.children)
        )
    return False


def _quantified(tok: Token) -> Token:
    """The noun a quantifier subject is about ("all of the ministers"), else the subject itself."""
    if tok.tag_ != "DT":
        return tok
    appos = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)  # a misparse
    of = (g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj")
    return appos or next(of, tok)


def _reported_cue(root: Token, scope: Scope, lex: StanceLexicon) -> Token | None:
    """The first word above a mention, inside the statement, that has a subject of its own, when it is a
    general cue or the verb of an attitude adjective ("are not ready to pay"), the mention is not in its
    subject ("NATO would defend them" is said of NATO) and no cue above it judges it."""
    tok = root
    while tok.head.i != tok.i and tok.head in scope:
        if tok.dep_ in {"nsubj", "nsubjpass", "csubj"}:
            return None
        below, tok = tok, tok.head
        if any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children):
            cue = stance_cue(tok, lex) is not None or _attitude_complement(below, lex)
            return tok if cue and not _judged_above(tok, scope, lex) else None
    return None


def _attitude_complement(tok: Token, lex: StanceLexicon) -> bool:
    """A cue adjective with an infinitive of its own, complementing a verb: an attitude of the subject
    ("are not ready to pay", "seemed willing to send"), not a judgement of it ("remained vital to NATO")."""
    return (
        tok.dep_ == "acomp"
        and stance_cue(tok, lex) is not None
        and any(c.dep_ == "xcomp" for c in tok.children)
    )


def _judged_above(tok: Token, scope: Scope, lex: StanceLexicon) -> bool:
    """A cue above `tok` inside the statement: the source judges what it reports ("glad that ...")."""
    while tok.head.i != tok.i and tok.head in scope:
        tok = tok.head
        if stance_cue(tok, lex) is not None:
            return True
    return False


def _obliged(verb: Token) -> bool:
    """An obligation verb ("need", "have" to) or an obligation modal on the verb ("must", "should")."""
    if verb.lemma_.lower() in word_set("stance_obligation_verbs"):
        return True
    modals = word_set("stance_obligation_modals")
    return any(c.dep_ == "aux" and c.lower_ in modals for c in verb.children)


@rule(
    "anonymous_reports",
    "an anonymous source reporting what named countries or organisations did gives their stance",
    fires={
        "Officials said Finland strongly supported NATO membership.": ["Finland nato_alliance support"],
    },
    spares={
        "The White House said the United States strongly supported NATO membership for Finland.": [
            "White House nato_alliance support"
        ],
    },
)
def anonymous_reports(art: Article, subj: Span, source: Speaker) -> list[Speaker] | None:
    """ "Latvia and Lithuania have pledged to reach that level, officials said" is the two countries'."""
    named = []
    for part in parts(subj)[0]:
        found = art.speakers.resolve(part)
        named.append(source_country(found, part, source, art.gaz) or found)
    return [a for a in named if a.type in {"country", "organization"}] or None


@rule(
    "source_country",
    "'the country', 'the government' said by a source of a known country is that country",
    fires={
        "Lithuanian officials said the government would raise defence spending.": [
            "Lithuania defence_spending_increase support"
        ],
    },
    spares={
        "Officials said that Latvia would raise defence spending.": [
            "Latvia defence_spending_increase support"
        ],
    },
)
def source_country(found: Speaker, mention: Span, source: Speaker, gaz: Gazetteer) -> Speaker | None:
    """ "Lithuanian officials said that the country planned to ..."."""
    if found.type in ACTOR_TYPES or source.country is None:
        return None
    if mention.root.lemma_.lower() not in word_set("stance_own_country_nouns") or not _is_definite_np(
        mention.root
    ):
        return None
    return Speaker(gaz.country_name(source.country), "country", source.country)


@rule(
    "act_noun",
    "the possessor of an act noun does the act in its infinitive: 'Germany's decision to send weapons'",
    fires={
        "Germany's refusal to send weapons to Ukraine angered Poland.": [
            "Germany military_aid_to_ukraine oppose"
        ],
    },
    spares={
        "The speech followed a decision to send weapons to Ukraine.": [],
    },
)
def act_noun(art: Article, mention: Mention, target: Target) -> list[tuple[Span, Reading]] | None:
    """(holder mention, reading) for each possessor of an act noun (stance_act_nouns.csv) whose infinitive
    holds the mention, whatever the rest of the sentence says of the act: "Sweden's bid to join NATO",
    "Spain's refusal to raise defence spending", "the decision by the government to send ...". A possessive
    pronoun stands for the subject of the verb the noun is the object of ("Ireland and Portugal notified
    their intention to take part")."""
    act = _possessed_act(mention.root, art.lex)
    if act is None:
        return None
    noun, possessor, verb = act
    own = read_mention(mention, target, art.lex, Scope([(verb.left_edge.idx, _end_char(verb))]))
    if not (own.directed or own.informative):
        return None
    own.score *= art.lex.act_nouns[noun.lemma_.lower()]
    own.cues.append(noun.lemma_.lower())
    own.holder = "act_noun"
    return [(part, own) for part in parts(possessor)[0]]


@rule(
    "possessed_cue",
    "the possessor of a cue noun holds what it is for: 'Macron's call for a European army'",
    fires={
        "Emmanuel Macron's call for a European army angered Washington.": [
            "Emmanuel Macron european_defence_cooperation support"
        ],
        "Pete Hegseth repeated Donald Trump's calls for European allies to raise their defence spending.": [
            "Donald Trump defence_spending_increase support",
            "Pete Hegseth defence_spending_increase support",
        ],
    },
    spares={
        "The call for a European army angered Washington.": [],
        "Germany has become Ukraine's second-biggest supplier of military aid.": [
            "Germany military_aid_to_ukraine support"
        ],
        "Ammunition ran short after America's failure to approve new military aid for Ukraine.": [],
    },
)
def possessed_cue(art: Article, mention: Mention, target: Target) -> list[tuple[Span, Reading]] | None:
    """(holder mention, reading) for each possessor of the first noun above the mention, within its own
    phrase, that is a general cue or an act noun ("Macron's push for strategic autonomy", "Trump's calls
    for allies to raise spending": those asked to act are its addressees, not holders), and for the subject
    of a verb that echoes it (stance_echo_verbs.txt: "Hegseth repeated Trump's calls for ...")."""
    found = _possessed_cue_noun(mention.root, art.lex)
    if found is None:
        return None
    noun, possessor = found
    own = _cue_noun_reading(art, mention, target, noun, "possessed_cue")
    if own is None:
        return None
    holders = parts(possessor)[0]
    verb = noun.head
    if noun.dep_ == "dobj" and verb.lemma_.lower() in word_set("stance_echo_verbs") and _done(verb):
        subj = _subject(verb)  # "Pete Hegseth reiterated Trump's calls for ...": his too
        holders += parts(subj)[0] if subj is not None else []
    return [(part, own) for part in holders]


def _cue_noun_reading(
    art: Article, mention: Mention, target: Target, noun: Token, rule: str
) -> Reading | None:
    """The mention read within the phrase of the cue or act noun above it, the noun's own cue applied."""
    own = read_mention(mention, target, art.lex, Scope([(noun.left_edge.idx, _end_char(noun))]))
    key = stance_cue(noun, art.lex)
    if key is None or key not in own.cues:
        factor = art.lex.cue(key) if key is not None else art.lex.act_nouns.get(noun.lemma_.lower())
        if factor is None:
            return None
        own.score *= factor
        own.cues.append(key or noun.lemma_.lower())
    if own.score == 0:
        return None
    own.informative, own.holder, own.actor_verb = True, rule, None
    return own


@rule(
    "possessed_aid",
    "the named possessor of aid with a recipient gives it: 'Germany's military aid to Ukraine has grown'",
    fires={
        "Germany's military aid to Ukraine has grown this year.": ["Germany military_aid_to_ukraine support"],
    },
    spares={
        "Russia attacked Ukraine's defence lines.": [],
        "The military aid to Ukraine has grown this year.": [],
    },
)
def possessed_aid(art: Article, mention: Mention, target: Target) -> list[tuple[Span, Reading]] | None:
    """(holder mention, reading) for each named possessor of a mention of a target with recipients (aid to
    Ukraine), read within the mention's own phrase; not a recipient's ("Ukraine's defence")."""
    root = mention.root
    if not target.recipients or root.pos_ != "NOUN":
        return None
    owner = _named_possessor(root)
    if owner is None or any(t.lower_ in target.recipients for t in owner.root.subtree):
        return None
    own = _own_phrase_reading(art, mention, target, "possessed_aid")
    return None if own is None else [(part, own) for part in parts(owner)[0]]


@rule(
    "possessed_rise",
    "the named possessor of spending that rose or was cut did it: 'Finland's military budget rose by 36%'",
    fires={
        "Finland's military budget rose by 36% last year.": ["Finland defence_spending_increase support"],
        "Germany's defence spending has been cut twice.": ["Germany defence_spending_increase oppose"],
        "Finland's military budget rose by 36%, Lithuania's by 27%, Sweden's by 12% and Poland's by 11%.": [
            "Finland defence_spending_increase support",
            "Lithuania defence_spending_increase support",
            "Poland defence_spending_increase support",
            "Sweden defence_spending_increase support",
        ],
        "Norway’s defence budget rose by 10%, Denmark’s by 8%, Sweden’s by 12% and Poland’s by 11%.": [
            "Denmark defence_spending_increase support",
            "Norway defence_spending_increase support",
            "Poland defence_spending_increase support",
            "Sweden defence_spending_increase support",
        ],
    },
    spares={
        "Finland's military budget rises every year.": [],
        "Finland's military budget is large.": [],
    },
)
def possessed_rise(art: Article, mention: Mention, target: Target) -> list[tuple[Span, Reading]] | None:
    """(holder mention, reading) for the named possessor of a mention of a target without recipients that
    is the subject of one of the target's own verbs, done (past, perfect or future, not the simple present
    of data): a budget that rose is its owner's act, as "Finland raised its budget" is."""
    root = mention.root
    if target.recipients or root.pos_ != "NOUN" or root.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    owner, verb = _named_possessor(root), root.head
    if owner is None or target_verb(verb, target) is None or _has_object(verb):
        return None
    if not _done(verb):
        return None
    own = Reading(mention.base, False, [], "possessed_rise")
    if _apply(own, verb, target, art.lex, negate=True, rule="possessed_rise") is not None or own.score == 0:
        return None  # a general cue, not a target verb, decided: left to the climb
    own.holder, own.actor_verb = "possessed_rise", None
    # the owners of a gapped list: "Finland's budget rose by 36%, Lithuania's by 27% and Poland's by 11%"
    # (read from the words: the parse of such a list varies)
    doc = art.doc
    gapped = [
        doc[t.i : t.i + 1]
        for t in doc[verb.i + 1 : verb.sent.end - 2]
        if t.pos_ == "PROPN" and doc[t.i + 1].lower_ in {"'s", "’s"} and doc[t.i + 2].lower_ in {"by", "to"}
    ]
    return [(part, own) for part in parts(owner)[0] + gapped]


@rule(
    "possessed_contact",
    "the possessor of a meeting, call or talks with Russia's leadership holds them: 'his calls with Putin'",
    fires={
        "Emmanuel Macron spoke in Kyiv. Critics dislike his frequent phone calls with Vladimir Putin.": [
            "Emmanuel Macron dialogue_with_russia support"
        ],
    },
    spares={
        "Emmanuel Macron spoke in Kyiv. Critics dislike the frequent phone calls with Vladimir Putin.": [],
    },
)
def possessed_contact(art: Article, mention: Mention, target: Target) -> list[tuple[Span, Reading]] | None:
    """(holder mention, reading) for the possessor, named or a pronoun, of a contact noun (stance_contact_
    nouns.txt) that mentions dialogue with Russia, read within the noun's own phrase."""
    contact = mention.root.lemma_.lower() in word_set("stance_contact_nouns")
    owner = _named_possessor(mention.root, pronoun=True) if contact else None
    if mention.target != "dialogue_with_russia" or owner is None:
        return None
    own = _own_phrase_reading(art, mention, target, "possessed_contact")
    return None if own is None else [(part, own) for part in parts(owner)[0]]


def _named_possessor(noun: Token, pronoun: bool = False) -> Span | None:
    """The named possessor of a noun without its determiner ("Germany's", "the EU's"), not a time; with
    `pronoun`, a possessive pronoun too ("his")."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    kinds = {"PROPN", "PRON"} if pronoun else {"PROPN"}
    if owner is None or owner.pos_ not in kinds or owner.ent_type_ in {"DATE", "TIME"}:
        return None
    return _possessor_span(owner)


def _possessor_span(owner: Token) -> Span:
    """A possessor without its determiner ("the EU's" -> "EU")."""
    first = next(t for t in owner.subtree if t.dep_ != "det")
    return owner.doc[first.i : owner.i + 1]


def _own_phrase_reading(art: Article, mention: Mention, target: Target, rule: str) -> Reading | None:
    """The mention read within its own phrase, for a holder outside it (its possessor), or None when that
    reading holds no stance."""
    root = mention.root
    own = read_mention(mention, target, art.lex, Scope([(root.left_edge.idx, _end_char(root.right_edge))]))
    if own.score == 0:
        return None
    own.informative, own.holder, own.actor_verb = True, rule, None
    return own


def _possessed_cue_noun(root: Token, lex: StanceLexicon) -> tuple[Token, Span] | None:
    """(noun, possessor): the first cue or act noun above the mention (`_cue_noun_above`) when it has a
    named possessor (not a time); not an agent noun, whose possessor is the one it is for ("Ukraine's
    biggest supplier of military aid"), nor a failure (stance_failure_verbs.txt)."""
    head = _cue_noun_above(root, lex)
    owner = _noun_owner(head) if head is not None else None
    if head is None or owner is None or owner.pos_ != "PROPN" or head.lemma_.lower() in lex.agents:
        return None
    if head.lemma_.lower() in word_set("stance_failure_verbs"):
        return None  # "America's failure to approve new aid" tells what did not happen, not a stance
    return head, _possessor_span(owner)


def _cue_noun_above(root: Token, lex: StanceLexicon) -> Token | None:
    """The first cue or act noun up to four steps above the mention, through prepositions and a "for ...
    to" clause."""
    tok = root
    for _ in range(4):
        head = tok.head
        if head.i == tok.i or tok.dep_ in {"nsubj", "nsubjpass", "ccomp", "relcl", "conj", "appos"}:
            return None
        if tok.dep_ == "advcl" and not any(c.dep_ == "mark" and c.lower_ == "for" for c in tok.children):
            return None
        if head.pos_ == "NOUN" and (
            stance_cue(head, lex) is not None or head.lemma_.lower() in lex.act_nouns
        ):
            return head
        tok = head
    return None


@rule(
    "national_cue",
    "a nation's adjective on a cue noun names who holds it: 'Russian warnings against NATO membership'",
    fires={
        "Russian warnings against NATO membership for Ukraine grew louder.": ["Russia nato_alliance oppose"],
    },
    spares={
        "The warnings against NATO membership for Ukraine grew louder.": [],
    },
)
def national_cue(art: Article, mention: Mention, target: Target) -> list[tuple[Speaker, Reading]] | None:
    """(country, reading) for a nationality adjective (NORP) on the first cue noun above the mention, when
    it names a country and the noun has no possessor: the country holds the cue's stance."""
    noun = _cue_noun_above(mention.root, art.lex)
    if noun is None or _noun_owner(noun) is not None:
        return None
    adjective = next((c for c in noun.children if c.dep_ == "amod" and c.ent_type_ == "NORP"), None)
    code = art.gaz.country_code(adjective.text) if adjective is not None else None
    name = art.gaz.country_name(code) if code else None
    if name is None:
        return None
    own = _cue_noun_reading(art, mention, target, noun, "national_cue")
    return None if own is None else [(Speaker(name, "country", code), own)]


@rule(
    "shared_owner",
    "a cue noun shares the possessor of the noun it is conjoined to, and 'whose' is the noun before it",
    fires={
        "Leaders shaken by Donald Trump's disparagement of the EU and criticisms of NATO met in Paris.": [
            "Donald Trump nato_alliance oppose"
        ],
        "Donald Trump, whose criticisms of NATO have worried allies, will speak on Monday.": [
            "Donald Trump nato_alliance oppose"
        ],
    },
    spares={
        "Leaders shaken by the disparagement of the EU and criticisms of NATO met in Paris.": [],
    },
)
def shared_owner(noun: Token, own: Token | None) -> Token | None:
    """The first conjunct's possessor ("Trump's disparagement of the EU and criticisms of NATO"), or for
    "whose" the noun its relative clause is on."""
    if own is None and noun.dep_ == "conj" and noun.head.pos_ == "NOUN":
        return _noun_owner(noun.head)
    if own is not None and own.lower_ == "whose":
        clause = next((t for t in own.ancestors if t.dep_ == "relcl"), None)
        return clause.head if clause is not None else None
    return None


def _noun_owner(noun: Token) -> Token | None:
    """The possessor of a noun (not a time), or the one it shares (`shared_owner`)."""
    own = next((c for c in noun.children if c.dep_ == "poss" and c.ent_type_ not in {"DATE", "TIME"}), None)
    if own is None or own.lower_ == "whose":
        return shared_owner(noun, own)
    return own


@rule(
    "named_members",
    "a group's named members are each an actor: 'eight allies, including Estonia', 'notably Germany'",
    fires={
        "Eight eastern allies, including Estonia, Latvia and Poland, requested consultations under "
        "Article 4 of the North Atlantic Treaty.": [
            "Estonia nato_alliance support",
            "Latvia nato_alliance support",
            "Poland nato_alliance support",
        ],
        "Many NATO allies, notably Germany, plan to meet or exceed spending of 2% of GDP on defence.": [
            "NATO defence_spending_increase support",
            "Germany defence_spending_increase support",
        ],
    },
    spares={
        "Estonia requested consultations under Article 4 of the North Atlantic Treaty.": [
            "Estonia nato_alliance support"
        ],
    },
)
def named_members(subj: Span) -> list[Span] | None:
    root = subj.root
    if root.pos_ != "NOUN":
        return None
    including = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "including"), None)
    named = next((c for c in including.children if c.dep_ == "pobj"), None) if including else None
    example = next(  # "many NATO allies, notably Germany, ...": the group acts, and its example with it
        (
            c
            for c in root.children
            if c.dep_ == "appos"
            and any(g.dep_ == "advmod" and g.lower_ in word_set("stance_example_adverbs") for g in c.children)
        ),
        None,
    )
    named = named or example
    if named is None or named.ent_type_ not in {"GPE", "ORG", "PERSON", "NORP"}:
        return None
    doc = subj.doc
    group = [subj] if named is example else []
    return group + [
        doc[t.i : t.i + 1] if t.pos_ == "PROPN" else doc[t.left_edge.i : t.i + 1]
        for t in (named, *named.conjuncts)
    ]


@rule(
    "conjoined_actors",
    "each part of a conjoined subject or speaker is an actor: 'Finland and Sweden applied to join'",
    fires={
        "Finland and Sweden formally applied to join NATO on Wednesday.": [
            "Finland nato_alliance support",
            "Sweden nato_alliance support",
        ],
    },
    spares={
        "Finland formally applied to join NATO on Wednesday.": ["Finland nato_alliance support"],
        "Deputy Prime Minister and Foreign Minister Antonio Tajani criticised NATO.": [
            "Antonio Tajani nato_alliance oppose"
        ],
    },
)
def conjoined_actors(subj: Span) -> list[Span] | None:
    root, doc = subj.root, subj.doc
    parts = [c for c in root.conjuncts if subj.start <= c.i < subj.end]
    if not parts:
        return None
    first_end = min(c.i for c in root.children if c.dep_ in {"cc", "conj", "punct"} and c.i > root.i)
    first = doc[subj.start : first_end]
    titled = (
        first.root.lemma_.lower() in word_set("speaker_role_nouns")
        and not any(t.ent_type_ for t in first)
        and all(t.is_title or not t.is_alpha for t in first[1:])
    )
    if titled and len(_person_names(doc, first_end, subj.end)) == 1:
        return None  # "Deputy Prime Minister and Foreign Minister Antonio Tajani": one person's titles
    out = [first]
    for c in parts:
        if (
            c.pos_ in {"NOUN", "PROPN"}
            and not c.ent_type_
            and doc[c.i + 1 : c.i + 2].root.ent_type_ == "PERSON"
        ):
            continue  # "Mr Pompeo and Defense Secretary Mark Esper": a title the parse cut from its name
        out.append(doc[c.left_edge.i : max(t.i for t in c.subtree if t.dep_ != "conj" or t.i == c.i) + 1])
    return out


def _person_names(doc: Doc, start: int, end: int) -> list[Span]:
    """The PERSON entities beginning in tokens [start, end), each cut at `end`: read from the tokens' entity
    tags, not `doc.ents` (which rebuilds every span of the doc on each access)."""
    names = []
    for i in range(start, end):
        if doc[i].ent_iob_ == "B" and doc[i].ent_type_ == "PERSON":
            j = i + 1
            while j < end and doc[j].ent_iob_ == "I":
                j += 1
            names.append(doc[i:j])
    return names


@rule(
    "listed_people",
    "each person of a list the parse chained by appositions is an actor: 'Sens. A of Utah, B of Ohio and C'",
    fires={
        "Sens. Marsha Blackburn of Tennessee, John Boozman of Arkansas, Mike Lee of Utah and Tommy "
        "Tuberville of Alabama all voted against the aid package for Ukraine.": [
            "John Boozman military_aid_to_ukraine oppose",
            "Marsha Blackburn military_aid_to_ukraine oppose",
            "Mike Lee military_aid_to_ukraine oppose",
            "Tommy Tuberville military_aid_to_ukraine oppose",
        ],
    },
    spares={
        "Marsha Blackburn, a senator from Tennessee, voted against the aid package for Ukraine.": [
            "Marsha Blackburn military_aid_to_ukraine oppose"
        ],
    },
)
def listed_people(subj: Span) -> list[Span] | None:
    """The people a subject lists when the parse chained them by appositions and conjunctions, through
    their "of <place>" phrases ("Sens. Marsha Blackburn of Tennessee, John Boozman of Arkansas and ..."):
    the subject's own person and every other person whose path to it goes only that way."""
    root = subj.root
    if root.ent_type_ != "PERSON":
        return None
    listed = []
    for ent in _person_names(subj.doc, subj.start, subj.end):
        tok = ent.root
        while tok != root and (
            tok.dep_ in {"appos", "conj"}
            or (tok.dep_ == "pobj" and tok.ent_type_ in {"GPE", "LOC"} and tok.head.lower_ == "of")
            or (tok.dep_ == "prep" and tok.lower_ == "of")
        ):
            tok = tok.head
        if tok == root:
            listed.append(ent)
    return listed if len(listed) > 1 else None


@rule(
    "together_with",
    "who acts 'together with' or 'along with' the subject is an actor too",
    fires={
        "Germany formally applied to join NATO, together with Austria.": [
            "Germany nato_alliance support",
            "Austria nato_alliance support",
        ],
    },
    spares={
        "Sweden joined NATO on Thursday, two years after it applied with Finland.": [
            "Sweden nato_alliance support"
        ],
    },
)
def together_with(verb: Token, subject: Token) -> list[Span] | None:
    """ "Sweden applied together with Finland", "Finland, along with Sweden, applied"."""
    doc, out = verb.doc, []
    near = [c for c in (*verb.children, *subject.children) if c.dep_ in {"prep", "advmod"}]
    for prep in [*near, *(g for c in near for g in c.children)]:
        before = doc[prep.i - 1].lower_ if prep.i > 0 else ""
        if prep.lower_ != "with" or prep.i == 0 or before not in word_set("stance_companion_words"):
            continue
        named = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if named is not None and named.ent_type_ in {"GPE", "ORG", "PERSON", "NORP"}:
            out += [doc[t.left_edge.i : t.i + 1] for t in (named, *named.conjuncts)]
    return out or None


@rule(
    "under_leader",
    "the leader a country acts 'under' does the act too: 'Under President Joe Biden, America sent weapons'",
    fires={
        "Under President Joe Biden, the United States has sent Ukraine weapons worth $48bn.": [
            "United States military_aid_to_ukraine support",
            "Joe Biden military_aid_to_ukraine support",
        ],
    },
    spares={
        "Under pressure from Congress, the United States has sent Ukraine weapons worth $48bn.": [
            "United States military_aid_to_ukraine support"
        ],
    },
)
def under_leader(verb: Token) -> list[Span] | None:
    """A named person in an "under" phrase on the act's verb."""
    out = []
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "under"):
        named = next((c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ == "PERSON"), None)
        if named is not None:
            out.append(verb.doc[next(t for t in named.subtree if t.ent_type_ == "PERSON").i : named.i + 1])
    return out or None


@rule(
    "more_agents",
    "each agent of a passive is an actor: 'held up first by Türkiye ... and then by Hungary'",
    fires={
        "Sweden became NATO's 32nd member on Thursday. Its membership was held up for months, first by "
        "Türkiye, whose parliament ratified it in January, and then by Hungary, whose parliament "
        "approved it late last month.": [
            "Sweden nato_alliance support",
            "Türkiye nato_alliance neutral",
            "Hungary nato_alliance neutral",
        ],
    },
    spares={
        "Its membership was held up for months by Türkiye.": ["Türkiye nato_alliance oppose"],
    },
)
def more_agents(verb: Token) -> list[Span] | None:
    """The named agents after the first (the first is the verb's subject)."""
    return [verb.doc[a.left_edge.i : a.i + 1] for a in _agents(verb)[1:]] or None


@rule(
    "org_apposition",
    "a one-word unknown 'person' with an organisation noun in apposition is that organisation",
    fires={
        "Mr Sánchez also faces pressure at home. Sumar, the left-wing junior partner in his coalition, "
        "opposes higher military spending.": ["Sumar defence_spending_increase oppose"],
    },
    spares={
        "Podemos opposes higher military spending.": ["Podemos defence_spending_increase oppose"],
    },
)
def org_apposition(
    found: Speaker, mention: Span, lex: StanceLexicon, gaz: Gazetteer, when: date | None
) -> Speaker | None:
    """ "Sumar, the left-wing junior partner in his coalition": a party the model tagged as a person
    (stance_org_nouns.txt)."""
    if found.type != "person" or not found.name or _plausible(found, gaz, when):
        return None
    if any(c.dep_ == "appos" and c.lemma_.lower() in lex.org_nouns for c in mention.root.children):
        return Speaker(found.name, "organization", found.country)
    return None


@rule(
    "mixed_record",
    "an actor whose relative clause does the opposite with a target verb has a mixed, neutral record",
    fires={
        "Its membership was held up by Hungary, whose parliament approved it last month.": [
            "Hungary nato_alliance neutral"
        ],
    },
    spares={
        "Its membership was held up by Hungary, whose parliament debated it last month.": [
            "Hungary nato_alliance oppose"
        ],
    },
)
def mixed_record(actor: Token, reading: Reading, target: Target) -> bool:
    """ "held up first by Türkiye, whose parliament ratified it in January"."""
    for clause in (c for c in actor.children if c.dep_ == "relcl"):
        value = target_verb(clause, target)
        if value is not None and value * reading.score < 0:
            return True
    return False


@rule(
    "document_issuer",
    "a document's participle is its issuers' stance: 'ended the meeting with a declaration reaffirming ...'",
    fires={
        "NATO leaders issued a joint declaration reaffirming their commitment to defend each other.": [
            "NATO nato_alliance support"
        ],
    },
    spares={
        "NATO leaders reaffirmed their commitment to defend each other.": ["NATO nato_alliance support"],
    },
)
def document_issuer(verb: Token) -> Span | None:
    """Who issued a document whose participle holds the cue ("the ministers issued a statement backing
    ..."): the subject of the verb the document is the object of, directly or through a preposition."""
    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or noun.lemma_.lower() not in word_set("document_nouns"):
        return None
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif noun.dep_ != "dobj":
        return None
    return _subject(head) if head.pos_ == "VERB" else None


# -- parse helpers -----------------------------------------------------------------------------------------
def _mention_root(span: Span) -> Token:
    """The span's root, or its last noun when the parse leaves a determiner as the root ("the alliance"
    in "the alliance defence bill", where "alliance" modifies another noun)."""
    root = span.root
    if root.pos_ == "DET":
        return next((t for t in reversed(span) if t.pos_ in {"NOUN", "PROPN"}), root)
    return root


def parts(subj: Span) -> tuple[list[Span], str | None]:
    """The actors a subject names and the rule that split it: its named members, its conjuncts, or itself."""
    named = named_members(subj)
    if named:
        return named, "named_members"
    conjoined = conjoined_actors(subj)
    if conjoined:
        return conjoined, "conjoined_actors"
    listed = listed_people(subj)
    if listed:
        return listed, "listed_people"
    led = organisation_of_person(subj)
    if led is not None:
        return [led], "organisation_of_person"
    return [subj], None


@rule(
    "organisation_of_person",
    "an organisation named 'of' its leader is the actor, not the leader: 'the Freedom Party of X'",
    fires={
        "The Freedom Party of Geert Wilders opposes sending weapons to Ukraine.": [
            "Freedom Party military_aid_to_ukraine oppose"
        ],
    },
    spares={
        "The Freedom Party opposes sending weapons to Ukraine.": [
            "Freedom Party military_aid_to_ukraine oppose"
        ],
    },
)
def organisation_of_person(subj: Span) -> Span | None:
    """The subject up to its "of" phrase, when its head is an organisation's name and the "of" phrase names a
    person (its leader or founder)."""
    root = subj.root
    if root.ent_type_ != "ORG":
        return None
    of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    person = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if person is None or person.ent_type_ != "PERSON" or not subj.start <= of.i < subj.end:
        return None
    start = next((t.i for t in subj if t.dep_ not in {"det", "amod", "punct"} or t.ent_type_), root.i)
    return subj.doc[start : of.i]


def _agents(verb: Token) -> list[Token]:
    """The named agents of a passive verb: "held up first by Türkiye ... and then by Hungary"."""
    if not any(c.dep_ == "nsubjpass" for c in verb.children):
        return []
    out = []
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        out += [c for c in agent.children if c.dep_ == "pobj" and c.pos_ in {"PROPN", "NOUN"}]
    directed = directed_by(verb)  # "withheld at the White House's direction"
    return out or ([directed] if directed is not None else [])


def _possessed_act(root: Token, lex: StanceLexicon) -> tuple[Token, Span, Token] | None:
    """(noun, possessor, verb) when the mention is in the infinitive of a possessed act noun; up to four
    steps up."""
    tok = root
    for _ in range(4):
        head = tok.head
        if head.i == tok.i or tok.dep_ in {"nsubj", "nsubjpass", "ccomp", "advcl", "relcl"}:
            return None
        if tok.pos_ == "VERB" and tok.dep_ == "acl" and head.lemma_.lower() in lex.act_nouns:
            owner = next(  # not a time: "Saturday's decision by the government"
                (c for c in head.children if c.dep_ == "poss" and c.ent_type_ not in {"DATE", "TIME"}), None
            )
            if owner is not None and owner.pos_ in {"PROPN", "NOUN"}:
                return head, _possessor_span(owner), tok
            if owner is not None and owner.pos_ == "PRON" and head.dep_ == "dobj":
                subj = _subject(head.head)
                return (head, subj, tok) if subj is not None and subj.root.pos_ != "PRON" else None
            by = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "by"), None)
            agent = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
            if owner is None and agent is not None and agent.pos_ in {"PROPN", "NOUN"}:
                return head, agent.doc[agent.left_edge.i : agent.i + 1], tok
            return None
        tok = head
    return None


def _end_char(tok: Token) -> int:
    last = tok.right_edge
    return last.idx + len(last)


def _is_definite_np(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)


def statement_speaker(st: Statement) -> Speaker:
    """The speaker a statement row names, as the resolver gave it."""
    return Speaker(st.speaker, st.speaker_type, st.speaker_country, st.speaker_role, st.speaker_org)


def is_actor(actor: Speaker, gaz: Gazetteer, when: date | None) -> bool:
    """A named person, organisation or country that may hold a stance; not a news outlet that reports
    (news_outlets.txt: "The Hill reported", "reports AP"; news_outlet_words.txt: "Bulgarian News Agency")."""
    if actor.type not in ACTOR_TYPES or not actor.name:
        return False
    if news_outlet(actor.name):
        return False  # "Bulgarian News Agency (BNA) reported"
    return _plausible(actor, gaz, when)


def news_outlet(name: str) -> bool:
    """Whether `name` is a news outlet's (news_outlets.txt, or with a word of news_outlet_words.txt)."""
    name = name.lower().removeprefix("the ")
    return name in word_set("news_outlets") or any(w in name for w in word_set("news_outlet_words"))


def _plausible(actor: Speaker, gaz: Gazetteer, when: date | None) -> bool:
    """A one-word "person" the gazetteer does not know ("Europe", "Europeans", "PESCO") is a parse slip, as is
    one that opens with an article and names no group of members ("The West", "The Arizona Republican": a
    description, not a name; "The Greens" is a party)."""
    if actor.type != "person":
        return True
    words = actor.name.split()
    if len(words) > 1 and (
        words[0].lower() not in word_set("stance_article_words") or words[-1].endswith("s")
    ):
        return True  # a name, or a group named by its members ("The Greens")
    found = gaz.find_actor(actor.name, when)
    return found is not None and found.type == "person"


def _objectless(verb: Token) -> bool:
    """A membership verb (stance_membership_verbs.csv) with nothing it joins or takes part in: "join" with
    no object, "take part" with no "in", "apply" with no "for" or "to"."""
    kind = membership_verbs()[verb.lemma_]
    args = [c for c in verb.children if c.dep_ in {"dobj", "prep", "dative", "xcomp", "ccomp"}]
    if kind.particle is not None:
        part = next((c for c in args if c.dep_ == "dobj" and c.lower_ == kind.particle), None)
        return part is not None and not any(
            c.dep_ == "prep" and c.lower_ in kind.preps for c in (*verb.children, *part.children)
        )
    return not any(c.dep_ != "prep" or c.lower_ in kind.preps for c in args)


def _head_word(tok: Token) -> str:
    """A noun's lemma, with the word it is hyphenated to: "build - up" is "build-up"."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].head.i == tok.i:
        return f"{doc[tok.i - 2].lower_}-{tok.lemma_.lower()}"
    return tok.lemma_.lower()


def _has_recipient(verb: Token, recipients: frozenset[str]) -> bool:
    """Whether one of `recipients` is in the verb's clause, not in a clause of its own below it, nor its
    active subject ("Ukraine buys drones from Turkey": the buyer; "Ukraine was given tanks" is given them)."""
    todo = [c for c in verb.children if c.dep_ not in _CLAUSE_DEPS and c.dep_ != "nsubj"]
    while todo:
        tok = todo.pop()
        if tok.lower_ in recipients:
            return True
        todo += [c for c in tok.children if c.dep_ not in _CLAUSE_DEPS]
    return False


def _has_cue_above(tok: Token, lex: StanceLexicon, steps: int) -> bool:
    for _ in range(steps):
        if tok.head.i == tok.i or tok.dep_ in _STOP_DEPS:
            return False
        tok = tok.head
        if stance_cue(tok, lex) is not None:
            return True
    return False


def _acts_on(verb: Token, present: bool = False) -> bool:
    """Whether a target verb is an act of its subject on the mention: a verb with a subject ("Finland
    joined NATO", "Finland and Sweden applied to join"); not a participle of a noun, not the simple present
    of a state ("Britain spends more than 2% of GDP" is data) unless `present`, not an ability ("Denmark
    could not take part in ..."), not a "for ... to" clause ("a timetable for Ukraine to join")."""
    return _done(verb, present) and _subject(verb) is not None


def _done(verb: Token, present: bool = False, clause: bool = False) -> bool:
    """Whether a verb tells an act, whoever did it: `_acts_on` without the subject; `clause`: a relative
    clause's verb may be one."""
    if verb.pos_ != "VERB" or verb.dep_ in ({"amod", "acl"} if clause else {"amod", "acl", "relcl"}):
        return False
    if verb.tag_ in {"VBZ", "VBP"} and not present:
        return False
    if any(c.dep_ == "aux" and c.lower_ in word_set("stance_ability_modals") for c in verb.children):
        return False
    if any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children):
        return False  # "a timetable for Ukraine to join": no act of Ukraine's
    return not speculation(verb)


def _verb_above(tok: Token) -> Token | None:
    """The verb a target word is done by: the word itself, or the verb a target noun is the object of,
    directly or through a preposition ("announced an increase", "is preparing for the largest increase")."""
    if tok.pos_ == "VERB":
        return tok
    if tok.pos_ != "NOUN":
        return None
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif tok.dep_ not in {"dobj", "attr"}:  # "Sweden became NATO's 32nd member"
        return None
    return head if head.pos_ in {"VERB", "AUX"} else None


def _verb_of(tok: Token) -> Token:
    """The verb whose subject owns a cue: the cue, or the verb a cue noun hangs on ("gave backing"), also
    through "among" ("is among the staunchest supporters of")."""
    group = _group_of(tok) if tok.pos_ == "NOUN" else None  # "is among / one of the backers"
    if group is not None:
        return group.head if group.head.i != group.i and group.head.pos_ in {"VERB", "AUX"} else tok
    if tok.pos_ in {"NOUN", "ADJ"} and tok.head.i != tok.i and tok.head.pos_ in {"VERB", "AUX"}:
        return tok.head
    return tok


def _predicate_words(verb: Token, subject: Token) -> list[Token]:
    out, todo = [], [(c, 1) for c in verb.children if c.i != subject.i]
    while todo:
        tok, depth = todo.pop(0)
        if tok.dep_ in _NOT_PREDICATE or (
            tok.dep_ == "prep" and tok.lower_ in word_set("stance_event_preps")
        ):
            continue  # "amounts to the biggest increase since the end of the Cold War": a date, not a verdict
        if tok.dep_ == "compound" and tok.head.pos_ in {"NOUN", "PROPN"}:
            continue  # "is sharing its damage information": a noun's modifier, not a verdict
        out.append(tok)
        if depth < 4:
            todo += [(c, depth + 1) for c in tok.children]
    return out
