"""Actor stances towards policy targets: actor -> cue -> target mention, inside statements (the speaker is
the actor) and in plain sentences (the cue verb's subject is). Rules only; targets and cues are data files.

Reads a parsed doc and its resolved statements; never changes the doc, the statements or the shared `nlp`."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

import numpy
from spacy.attrs import LEMMA, LOWER, POS
from spacy.language import Language
from spacy.parts_of_speech import NOUN
from spacy.tokens import Doc, Span, Token

from dashboard.nlp.gazetteer import Gazetteer
from dashboard.nlp.intervals import Cover, longest_holding
from dashboard.nlp.lexicons import (
    DATA_DIR,
    StanceLexicon,
    membership_verbs,
    stance_lexicon,
    word_list,
    word_set,
)
from dashboard.nlp.sentences import sentence_starts
from dashboard.nlp.speakers import ArticleSpeakers, Speaker
from dashboard.nlp.statements import _subject
from dashboard.nlp.topics import Topic, TopicMatcher, read_labelled_tables
from dashboard.records import Statement

TARGETS_PATH = DATA_DIR / "stance_targets.toml"
ACTOR_TYPES = {"person", "organization", "country"}
BARE_SCORE = 0.5  # a target named in a statement with no cue on its path: mild support
NEUTRAL_BAND = 0.05  # |score| at or below this is neutral
MIXED = 0.05  # a cue contrasted by one of the other sign ("welcomed ... but warned against ..."): neutral
_CONTRARY = "~"  # suffix of the matcher key for a target's contrary phrases
_REACTION = "~reaction"  # matcher key of the counter-move phrases
_MODIFIER_DEPS = {"poss", "compound", "nmod"}
_STOP_DEPS = {"relcl", "appos", "parataxis"}  # a relative clause or apposition speaks about its noun


class TargetsError(ValueError):
    """The stance targets file is malformed."""


@dataclass(frozen=True)
class Target:
    name: str
    label: str
    description: str
    patterns: tuple[str, ...]  # phrases that mention the target
    contrary: tuple[str, ...] = ()  # phrases that mention its opposite (polarity reversed)
    support: frozenset[str] = frozenset()  # lemmas that move the target forward when it is their argument
    oppose: frozenset[str] = frozenset()  # lemmas that move it back
    bare: bool = True  # whether a mention with no cue in a statement counts as mild support
    holders_excluded: frozenset[str] = frozenset()  # actors not coded on this target (NATO on NATO)
    objects: frozenset[str] = frozenset()  # words that mention it as the object of its own verbs ("reach 2%")
    recipients: frozenset[str] = frozenset()  # words one of which must be in such a verb's clause ("to Kyiv")


@dataclass(frozen=True)
class Stance:
    """One actor's stance on one target, from one sentence; offsets are characters into the doc text."""

    actor: str
    actor_type: str
    actor_country: str | None
    target: str
    polarity: str  # support | oppose | neutral
    score: float  # -1..1
    evidence: str  # the sentence that holds the mention
    evidence_start: int
    evidence_end: int
    confidence: float
    statement: int | None  # index of the statement it comes from, None for a plain sentence
    cue: str | None = None  # the cue words that decided the polarity, for the analyst


def load_targets(path: str | Path | None = None) -> dict[str, Target]:
    """Targets by name, in file order, from `path` (default `data/stance_targets.toml`)."""
    return dict(_load_targets(str(Path(path or TARGETS_PATH).resolve())))


@cache
def _load_targets(path: str) -> tuple[tuple[str, Target], ...]:
    lists = ("contrary", "support", "oppose", "objects", "recipients")
    out = []
    for name, table, phrases in read_labelled_tables(path, TargetsError, "target", lists):
        target = Target(
            name,
            table["label"],
            table["description"],
            phrases["patterns"],
            phrases["contrary"],
            frozenset(phrases["support"]),
            frozenset(phrases["oppose"]),
            bool(table.get("bare", True)),
            frozenset(table.get("holders_excluded", [])),
            frozenset(phrases["objects"]),
            frozenset(phrases["recipients"]),
        )
        out.append((name, target))
    return tuple(out)


@lru_cache(maxsize=4)
def stance_matcher(nlp: Language) -> TopicMatcher:
    """Target mentions for docs of `nlp`: one matcher key per target, and `name~` for its contrary phrases."""
    taxonomy = {}
    for t in load_targets().values():
        taxonomy[t.name] = Topic(t.name, t.label, t.description, t.patterns)
        if t.contrary:
            taxonomy[t.name + _CONTRARY] = Topic(t.name + _CONTRARY, t.label, t.description, t.contrary)
    reactions = word_list("stance_reactions")
    taxonomy[_REACTION] = Topic(
        _REACTION, "reaction", "a counter-move against what the article reports", reactions
    )
    return TopicMatcher(nlp, taxonomy)


@dataclass
class _Reading:
    """How one target mention reads: signed score, whether a cue decided it, the cue words, the token
    where a plain-sentence cue sits (its subject is the actor)."""

    score: float
    informative: bool
    cues: list[str]
    actor_verb: Token | None = None
    directed: bool = False  # a target's own verb gave the mention a direction ("replace the alliance")
    judged: bool = False  # what is said of the mention as a subject decided it ("X would weaken the bond")


class _Scope:
    """Character pieces a climb from a mention may not leave (a statement's content)."""

    def __init__(self, pieces: Sequence[tuple[int, int]]) -> None:
        self.pieces = list(pieces)

    def __contains__(self, tok: Token) -> bool:
        return any(a <= tok.idx < b for a, b in self.pieces)


def extract_stances(
    doc: Doc,
    statements: Sequence[Statement] = (),
    when: date | None = None,
    gazetteer: Gazetteer | None = None,
    matcher: TopicMatcher | None = None,
) -> list[Stance]:
    """Stances in one parsed article: one per (statement or plain sentence, actor, target), in text order.

    Inside a statement's content the actor is the speaker (or a named subject of a cue verb on the way, as
    in "the White House said Biden strongly supported the bids"); in a plain sentence it is the subject of a
    stance cue ("Germany has given only muted backing to ..."). Mentions with no actor are dropped."""
    if matcher is None:
        from dashboard.nlp.pipeline import load_model

        matcher = stance_matcher(load_model())
    targets = load_targets()
    lex = stance_lexicon()
    gaz = gazetteer or Gazetteer.load()
    hits = [(h.topic, h.start, h.end) for h in matcher.hits(doc)]
    sent_starts = sentence_starts(doc)
    sent_ends = [*sent_starts[1:], len(doc)]
    pieces = [_pieces(s) for s in statements]
    mentions = _mentions(doc, targets, hits, lex, sent_starts, pieces) + _object_mentions(
        doc, targets, hits, lex
    )
    if not mentions:
        return []
    # the statement whose content holds each mention, the longest one when statements nest: in "Merkel said
    # Germany wanted ..." the stance is Merkel's, as Discourse Network Analyzer codes it
    owners = longest_holding(pieces, [root.idx for _, _, root in mentions])
    speakers: ArticleSpeakers | None = None
    found: dict[tuple, list[tuple[_Reading, Span]]] = {}
    for (target_name, base, root), owner in zip(mentions, owners, strict=True):
        target = targets[target_name]
        # actors with a mixed record on the target ("held up by Türkiye, whose parliament ratified it")
        turned: set[str] = set()
        i = bisect_right(sent_starts, root.i) - 1
        sent = doc[sent_starts[i] : sent_ends[i]]
        if owner is not None and _is_source(statements[owner]):
            continue
        if owner is not None:
            st = statements[owner]
            reading = _read(root, base, target, lex, _Scope(pieces[owner]))
            cue_span = _span_of(doc, st.cue)  # "has repeatedly pressed": its verb
            cue_tok = cue_span.root if cue_span is not None and len(cue_span) else None
            if cue_tok is not None:
                _apply_statement_cue(reading, cue_tok, root, lex, _Scope(pieces[owner]))
            actor = Speaker(st.speaker, st.speaker_type, st.speaker_country, st.speaker_role, st.speaker_org)
            actors = [actor]
            mention = _span_of(doc, st.speaker_mention)
            if mention is not None and len(parts := _conjoined(mention)) > 1:
                # "Latvia and Estonia have announced plans to ...": each country holds the stance
                speakers = speakers or ArticleSpeakers(doc, when, gaz)
                actors = [speakers.resolve(part) for part in parts]
            subj = _subject(reading.actor_verb) if reading.actor_verb is not None else None
            if subj is not None and subj.root.ent_type_ == "PERSON":
                speakers = speakers or ArticleSpeakers(doc, when, gaz)
                named = speakers.resolve(subj)
                if named.type == "person" and named.name:
                    actors = [named]
            elif subj is not None and not _is_actor(actor, gaz, when):
                # an anonymous source reports what countries or organisations did: "Latvia and Lithuania
                # have pledged to reach that level, officials said" is the two countries' stance
                speakers = speakers or ArticleSpeakers(doc, when, gaz)
                named = [_own_country(speakers.resolve(part), part, actor, gaz) for part in _conjoined(subj)]
                actors = [a for a in named if a.type in {"country", "organization"}] or actors
            if not (reading.informative or reading.directed or _bare_counts(root, target)):
                continue
        else:
            reading = _read(root, base, target, lex, None)
            act = _possessed_act(root, lex)
            if act is not None:
                # "Germany's decision to send weapons to Ukraine": the possessor does the act, whatever the
                # rest of the sentence says of the decision
                noun, possessor, verb = act
                own = _read(root, base, target, lex, _Scope([(verb.left_edge.idx, _end_char(verb))]))
                if own.directed or own.informative:
                    own.score *= lex.act_nouns[noun.lemma_.lower()]
                    own.cues.append(noun.lemma_.lower())
                    speakers = speakers or ArticleSpeakers(doc, when, gaz)
                    for part in _conjoined(possessor):
                        holder = speakers.resolve(part)
                        if _is_actor(holder, gaz, when) and holder.name not in target.holders_excluded:
                            key = (None, holder.name, holder.type, holder.country, target_name, sent.start)
                            found.setdefault(key, []).append((own, sent))
            if reading.actor_verb is None:
                continue
            subj = _subject(reading.actor_verb)
            if subj is None:
                continue
            speakers = speakers or ArticleSpeakers(doc, when, gaz)
            # each part of a conjoined subject is an actor: "Finland and Sweden applied to join"
            parts = _conjoined(subj) + _companions(reading.actor_verb, subj.root)
            parts += [doc[a.left_edge.i : a.i + 1] for a in _agents(reading.actor_verb)[1:]]
            actors = [_as_org(speakers.resolve(part), part, lex, gaz, when) for part in parts]
            turned = {a.name for a, p in zip(actors, parts, strict=True) if _turned(p.root, reading, target)}
            issuer = _issuer(reading.actor_verb) if not any(_is_actor(a, gaz, when) for a in actors) else None
            if issuer is not None:
                actors = [speakers.resolve(part) for part in _conjoined(issuer)]
        if reading.score == 0:
            continue
        for actor in actors:
            if not _is_actor(actor, gaz, when):
                continue
            if actor.name in target.holders_excluded:
                continue
            key = (owner, actor.name, actor.type, actor.country, target_name, sent.start)
            if actor.name in turned:
                found.setdefault(key, []).append((replace(reading, score=reading.score * MIXED), sent))
            else:
                found.setdefault(key, []).append((reading, sent))
    text = doc.text  # built from the tokens on every access
    return [_stance(key, readings, text) for key, readings in found.items()]


def _possessed_act(root: Token, lex: StanceLexicon) -> tuple[Token, Span, Token] | None:
    """(noun, possessor, verb) when the mention is in the infinitive of a possessed act noun ("Sweden's
    bid to join NATO", "Germany's decision to send weapons to Ukraine"); up to four steps up. A possessive
    pronoun stands for the subject of the verb the noun is the object of ("Ireland and Portugal notified
    their intention to take part")."""
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
                first = next(t for t in owner.subtree if t.dep_ != "det")
                return head, owner.doc[first.i : owner.i + 1], tok
            if owner is not None and owner.pos_ == "PRON" and head.dep_ == "dobj":
                subj = _subject(head.head)
                return (head, subj, tok) if subj is not None and subj.root.pos_ != "PRON" else None
            by = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "by"), None)
            agent = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
            if owner is None and agent is not None and agent.pos_ in {"PROPN", "NOUN"}:
                # "the decision by the government to send ..."
                return head, agent.doc[agent.left_edge.i : agent.i + 1], tok
            return None
        tok = head
    return None


def _end_char(tok: Token) -> int:
    last = tok.right_edge
    return last.idx + len(last)


def _as_org(found: Speaker, mention: Span, lex: StanceLexicon, gaz: Gazetteer, when: date | None) -> Speaker:
    """A one-word "person" the gazetteer does not know whose apposition is an organisation noun ("Sumar,
    the left-wing junior partner in his coalition") is that organisation: a party tagged as a person."""
    if found.type != "person" or not found.name or _plausible(found, gaz, when):
        return found
    if any(c.dep_ == "appos" and c.lemma_.lower() in lex.org_nouns for c in mention.root.children):
        return Speaker(found.name, "organization", found.country)
    return found


def _issuer(verb: Token) -> Span | None:
    """Who issued a document whose participle holds the cue: "NATO leaders ended the meeting with a joint
    declaration reaffirming ...", "the ministers issued a statement backing ..." are the leaders' and the
    ministers'. The document is the object of their verb, directly or through a preposition."""
    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or noun.lemma_.lower() not in word_set("document_nouns"):
        return None
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif noun.dep_ != "dobj":
        return None
    return _subject(head) if head.pos_ == "VERB" else None


def _own_country(found: Speaker, mention: Span, source: Speaker, gaz: Gazetteer) -> Speaker:
    """ "the country", "the government" said by a source of a known country ("Lithuanian officials said
    that the country planned to ...") is that country."""
    if found.type in ACTOR_TYPES or source.country is None:
        return found
    if mention.root.lemma_.lower() not in word_set("stance_own_country_nouns") or not _is_definite_np(
        mention.root
    ):
        return found
    return Speaker(gaz.country_name(source.country), "country", source.country)


def _is_definite_np(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)


def _is_actor(actor: Speaker, gaz: Gazetteer, when: date | None) -> bool:
    """A named person, organisation or country that may hold a stance."""
    return actor.type in ACTOR_TYPES and bool(actor.name) and _plausible(actor, gaz, when)


def _plausible(actor: Speaker, gaz: Gazetteer, when: date | None) -> bool:
    """A one-word "person" the gazetteer does not know ("Europe", "Europeans", "PESCO") is a parse slip."""
    if actor.type != "person" or " " in actor.name.strip():
        return True
    found = gaz.find_actor(actor.name, when)
    return found is not None and found.type == "person"


def _bare_counts(root: Token, target: Target) -> bool:
    """Whether a mention with no cue still says something: only for targets whose file says so (`bare`),
    not in an adverbial ("at the NATO summit") and not as what a share is taken of ("80% of NATO's defence
    spending would come from ..." is data), nor as the subject of a negated verb ("European defence could not
    replace the alliance" says what it is not)."""
    if not (BARE_SCORE and target.bare) or root.dep_ in {"npadvmod", "advmod"}:
        return False
    if root.dep_ in {"nsubj", "nsubjpass"} and any(c.dep_ == "neg" for c in root.head.children):
        return False
    of = root.head if root.dep_ == "pobj" and root.head.lower_ == "of" else None
    return of is None or of.head.lemma_.lower() not in word_set("stance_share_words")


def _is_source(st: Statement) -> bool:
    """A statement that reports data ("according to NATO", "NATO's figures estimate") holds no stance."""
    if st.cue is not None and st.cue.text.lower().startswith("according"):
        return True
    mention = st.speaker_mention.text.lower() if st.speaker_mention is not None else ""
    documents = word_set("document_nouns")
    return any(w.strip("'’s") in documents or w in documents for w in mention.split())


def _stance(key: tuple, readings: list[tuple[_Reading, Span]], text: str) -> Stance:
    owner, name, kind, country, target, _ = key
    informative = [r for r, _ in readings if r.informative]
    used = informative or [r for r, _ in readings]
    weight = 1.0 if informative else BARE_SCORE
    score = max(-1.0, min(1.0, weight * sum(r.score for r in used) / len(used)))
    polarity = "support" if score > NEUTRAL_BAND else "oppose" if score < -NEUTRAL_BAND else "neutral"
    sent = readings[0][1]
    start, end = sent.start_char, sent.end_char
    while end > start and text[end - 1].isspace():
        end -= 1
    cues = sorted({c for r in used for c in r.cues})
    confidence = (0.8 if informative else 0.4) * (0.9 if owner is not None else 0.8)
    return Stance(
        actor=name,
        actor_type=kind,
        actor_country=country,
        target=target,
        polarity=polarity,
        score=round(score, 3),
        evidence=text[start:end],
        evidence_start=start,
        evidence_end=end,
        confidence=round(confidence, 2),
        statement=owner,
        cue=", ".join(cues) or None,
    )


def _mentions(
    doc: Doc,
    targets: dict[str, Target],
    hits: list[tuple[str, int, int]],
    lex: StanceLexicon,
    starts: list[int],
    pieces: Sequence[Sequence[tuple[int, int]]] = (),
) -> list[tuple[str, float, Token]]:
    """(target, base score, root token) for every target mention, contrary ones with base -1, plus proposal
    nouns ("the plan", "the idea") under a cue or judged as subjects, which take the target the article
    names most."""
    out: list[tuple[str, float, Token]] = []
    covered: set[int] = set()
    by_sent: dict[int, list[str]] = {}
    reactions = []
    for key, start, end in hits:
        if key == _REACTION:
            reactions.append(doc[start:end].root)
            continue
        name, contrary = key.removesuffix(_CONTRARY), key.endswith(_CONTRARY)
        span = doc[start:end]
        root = span.root
        if root.dep_ in _MODIFIER_DEPS and _head_word(root.head) not in lex.heads:
            continue  # "NATO's guideline", "a NATO summit" are about the head noun; "NATO membership" is not
        out.append((name, -1.0 if contrary else 1.0, span.root))
        covered.update(range(start, end))
        by_sent.setdefault(bisect_right(starts, start) - 1, []).append(name)
    if not by_sent:
        return out
    everywhere = [name for names in by_sent.values() for name in names]
    main = max(dict.fromkeys(everywhere), key=everywhere.count)  # the target the article names most
    # a counter-move ("would take counter-measures to ensure its security") opposes the one target its
    # sentence names, or else what the article is about
    for tok in reactions:
        named = set(by_sent.get(bisect_right(starts, tok.i) - 1, ()))
        out.append((named.pop() if len(named) == 1 else main, -1.0, tok))
    in_statement = Cover(piece for p in pieces for piece in p)
    strings = doc.vocab.strings
    wanted = numpy.array([strings[w] for w in lex.anaphora], dtype="uint64")
    lemmas = doc.to_array([LEMMA, POS])
    found = numpy.flatnonzero(numpy.isin(lemmas[:, 0], wanted) & (lemmas[:, 1] == NOUN))
    for i in found.tolist():
        tok = doc[i]
        if tok.i in covered or any(t.i in covered for t in tok.subtree):
            continue  # "the proposal for a three-way meeting" is about what it names
        judged = tok.dep_ in {"nsubj", "nsubjpass"} and any(
            _cue_key(w, lex) for w in _predicate_words(tok.head, tok)
        )  # "the idea was very insulting"
        said = _is_definite_np(tok) and in_statement.holds(tok.idx)
        if not (judged or said or _has_cue_above(tok, lex, steps=3)):
            continue
        out.append((main, 1.0, tok))
    # "voted against", "voted for", "voted no" with nothing after: the measure the article is about
    for i in numpy.flatnonzero(lemmas[:, 0] == strings["vote"]).tolist():
        tok = doc[i]
        for word in tok.children:
            against = (
                word.dep_ == "prep"
                and word.lower_ in word_set("stance_vote_preps")
                and not any(word.children)
            )
            no = (
                word.dep_ in {"intj", "advmod"}
                and word.lower_ in word_set("stance_vote_answers")
                and word.i == tok.i + 1
            )
            if against or no:
                out.append((main, 1.0, word))
    # "join", "take part", "apply" with no object: membership of what the article is about ("Ireland is
    # still considering whether to join", "notified their intention to take part")
    joinable = "join" in targets[main].support  # an alliance or a club, not a spending level
    membership = numpy.array([strings[w] for w in membership_verbs()], dtype="uint64")  # as `wanted` above
    for i in numpy.flatnonzero(numpy.isin(lemmas[:, 0], membership)).tolist():
        tok = doc[i]
        if joinable and tok.pos_ == "VERB" and tok.i not in covered and _objectless(tok):
            out.append((main, 1.0, tok))
    # "This is a historic moment", "it was a historic day": a pronoun judged by an evaluative attribute is
    # the event the article reports, so it takes the main target too
    pronouns = numpy.array([strings[w] for w in word_list("stance_event_pronouns")], dtype="uint64")
    for i in numpy.flatnonzero(numpy.isin(doc.to_array([LOWER]), pronouns)).tolist():
        tok = doc[i]
        if tok.dep_ != "nsubj" or tok.head.lemma_ != "be" or tok.i in covered:
            continue
        attr = next((c for c in tok.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
        if attr is not None and (
            _cue_key(attr, lex) or any(c.dep_ == "amod" and _cue_key(c, lex) for c in attr.children)
        ):
            out.append((main, 1.0, tok))
    return out


def _objectless(verb: Token) -> bool:
    """A membership verb with nothing it joins or takes part in: "join" with no object, "take part" with
    no "in", "apply" with no "for" or "to"."""
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


def _object_mentions(
    doc: Doc, targets: dict[str, Target], hits: list[tuple[str, int, int]], lex: StanceLexicon
) -> list[tuple[str, float, Token]]:
    """(target, 1.0, token) for a target's `objects` words ("%", "level") that are the object of one of
    the target's own verbs, outside its pattern hits: "pledged to reach that level", "reaching 2% by 2029"."""
    covered = {i for _, start, end in hits for i in range(start, end)}
    out = []
    strings = doc.vocab.strings
    words = doc.to_array([LOWER, LEMMA]) if len(doc) else None
    for t in targets.values():
        if not t.objects or words is None:
            continue
        wanted = numpy.array([strings[w] for w in t.objects], dtype="uint64")
        found = numpy.flatnonzero(numpy.isin(words, wanted).any(axis=1)).tolist()
        candidates = sorted({i for j in found for i in (j, doc[j].head.i)})  # the word or the noun it levels
        for tok in (doc[i] for i in candidates):
            if tok.i in covered or tok.dep_ not in {"dobj", "pobj"}:
                continue
            # a noun that carries a level ("the 5% figure") names it too, and then any cue takes it, as it
            # does an object word raised by a comparative ("called for a higher target")
            named = tok.lower_ in t.objects or tok.lemma_.lower() in t.objects
            levelled = any(
                c.lower_ in t.objects and c.dep_ in {"compound", "nmod"} for c in tok.children
            ) or (named and any(c.dep_ == "amod" and c.tag_ == "JJR" for c in tok.children))
            if not (named or levelled):
                continue
            if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
                continue  # "16% of the commonly funded budget" is a share of something else
            if named and any(
                c.dep_ == "compound"
                and c.pos_ == "NOUN"
                and c.lemma_.lower() not in word_set("stance_level_nouns")
                for c in tok.children
            ):
                continue  # "capability targets", "emissions target" are targets of something else
            verb = tok.head.head if tok.dep_ == "pobj" else tok.head  # "reach 2%", "rise to 3%"
            if verb.pos_ in {"ADJ", "ADV"} and verb.lower_ in word_set("stance_comparatives"):
                verb = verb.head  # "spend considerably more than 2%"
            if tok.dep_ == "pobj" and any(
                c.dep_ == "dobj"
                and c.lemma_.lower() not in word_set("stance_level_nouns")
                and c.i not in covered
                for c in verb.children
            ):
                continue  # "cut overseas aid from 0.5% to 0.3%": the level of the verb's own object
            if t.recipients and not _has_recipient(verb, t.recipients):
                continue  # "sent weapons" is aid to Ukraine only with Ukraine in the clause
            if verb.pos_ == "VERB" and (
                _target_cue(verb, t) is not None or (levelled and _cue_key(verb, lex) is not None)
            ):
                out.append((t.name, 1.0, tok))
    return out


def _has_recipient(verb: Token, recipients: frozenset[str]) -> bool:
    """Whether one of `recipients` is in the verb's clause, not in a clause of its own below it."""
    todo = [c for c in verb.children if c.dep_ not in _CLAUSE_DEPS]
    while todo:
        tok = todo.pop()
        if tok.lower_ in recipients:
            return True
        todo += [c for c in tok.children if c.dep_ not in _CLAUSE_DEPS]
    return False


_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "csubj", "parataxis"}


def _has_cue_above(tok: Token, lex: StanceLexicon, steps: int) -> bool:
    for _ in range(steps):
        if tok.head.i == tok.i or tok.dep_ in _STOP_DEPS:
            return False
        tok = tok.head
        if _cue_key(tok, lex) is not None:
            return True
    return False


def _cue_key(tok: Token, lex: StanceLexicon) -> str | None:
    """The lexicon entry `tok` is, as a phrasal cue first ("call for", "warn against")."""
    if tok.pos_ == "ADP":
        return None  # a preposition is no cue: "a veto over Ukraine's path" (but "the war is over" is)
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ in {"prep", "prt", "advmod", "intj"} and child.i > tok.i:
            phrase = f"{lemma} {child.lower_}"
            if lex.cue(phrase) is not None:
                return phrase
    if lex.cue(lemma) is not None:
        return lemma
    if lex.cue(tok.lower_) is not None:
        return tok.lower_
    return None


def _negated(tok: Token, lex: StanceLexicon) -> bool:
    doc = tok.doc
    for child in tok.children:
        low = child.lower_
        if child.dep_ == "neg" or (low in lex.negations and child.dep_ in {"advmod", "det", "preconj"}):
            nxt = doc[child.i + 1] if child.i + 1 < len(doc) else None
            if nxt is not None and nxt.lower_ == "only":  # "not only ... but also"
                continue
            if nxt is not None and nxt.head.i == tok.i and nxt.dep_ in {"appos", "conj"}:
                continue  # a contrast: "it is NATO, not Russia, that ..." negates Russia
            return True
        if low == "longer" and any(g.lower_ == "no" for g in child.children):  # "no longer"
            return True
    return False


def _hedge(tok: Token, lex: StanceLexicon) -> float:
    if (
        tok.dep_ == "xcomp"
        and tok.head.lemma_ in word_set("stance_yet_verbs")
        and any(c.lower_ == "yet" for c in tok.head.children)
    ):
        return 0.0  # "have yet to ratify": nothing done, nothing refused
    factor = 1.0
    for child in tok.children:
        if child.dep_ in {"amod", "advmod", "aux"}:
            factor *= lex.hedges.get(child.lower_, 1.0)
            for grand in child.children:
                if grand.dep_ == "advmod":
                    factor *= lex.hedges.get(grand.lower_, 1.0)
    return factor


def _target_cue(tok: Token, target: Target) -> float | None:
    lemma = tok.lemma_.lower()
    if lemma in target.support or tok.lower_ in target.support:
        return 1.0
    if lemma in target.oppose or tok.lower_ in target.oppose:
        return -1.0
    return None


def _read(root: Token, base: float, target: Target, lex: StanceLexicon, scope: _Scope | None) -> _Reading:
    """Climb from a target mention to its clause root, multiplying the cues met on the way: a target's own
    verbs give a direction ("raise", "cut"), the general cues, modals of obligation and evaluations an
    attitude ("urge", "must", "indispensable"); negations reverse, hedges weaken. Without a scope (a plain
    sentence) the highest general cue with a subject gives the actor."""
    r = _Reading(base, base < 0, [])
    for child in root.children:  # "stronger European defence", "more spending"
        if child.dep_ in {"amod", "advmod"}:
            _apply(r, child, target, lex, negate=False)
        elif child.dep_ == "relcl" and (scope is None or child in scope):
            # a relative clause on the mention is what is said of it: "it is NATO ... that is raising
            # tensions", "the alliance, which remains indispensable"
            which = next((c for c in child.children if c.dep_ in {"nsubj", "nsubjpass"}), root)
            if which.i == root.i or which.lower_ in word_set(
                "relative_pronouns"
            ):  # not "the target that allies
                _predicate(r, child, which, target, lex)  # are due to adopt": their act, not said of it
    if _negated(root, lex) or (root.dep_ == "attr" and root.head.lemma_ == "be" and _negated(root.head, lex)):
        r.score = -r.score  # "not a ceiling", "is no longer a ceiling"
    if root.pos_ == "VERB" and root.lemma_ in membership_verbs() and _objectless(root):
        # a membership verb standing for its target ("is considering whether to join"): its own direction
        _apply(r, root, target, lex, negate=True)
        if r.directed and _acts_on(root):
            r.actor_verb = root
    if _addressee(root):
        return r  # "asked NATO to exempt it", "urged allies to ...": asked to act, not a stance's object
    tok, seen_verb = root, False
    while True:
        head = tok.head
        if head.i == tok.i or (scope is not None and head not in scope):
            break
        if tok.dep_ in _STOP_DEPS and (scope is None or tok.dep_ != "relcl"):
            break
        if _own_clause(tok):
            break  # a clause with its own subject: "Sweden was leaving one era, and the decision had been"
        if tok.dep_ in {"nsubj", "nsubjpass", "csubj"}:
            if tok.i == root.i and tok.dep_ != "nsubjpass" and _acts(head, target, lex):
                break  # "the alliance should not stop at ...": the mention's own stance, not one on it
            _predicate(r, head, tok, target, lex)  # what is said of the mention or of its clause
            if tok.dep_ == "nsubjpass" and r.judged and r.actor_verb is None and _agents(head):
                r.actor_verb = head  # "its membership was held up by Türkiye": the agent's act
        elif _adjunct_of_other_object(tok, head):
            pass  # "ended a meeting with a declaration reaffirming ...": the verb speaks of its own object
        elif tok.dep_ == "advcl" and _target_cue(head, target) is not None:
            pass  # "meet its capability targets while keeping spending at 2.1%": a target verb directs its
            # own arguments, not an adverbial clause
        else:
            directed = r.directed
            key = _apply(r, head, target, lex, negate=True)
            if key is None and tok.dep_ == "dobj":  # "called the relativisation ... irresponsible"
                complement = next((c for c in head.children if c.dep_ in {"oprd", "ccomp", "acomp"}), None)
                if complement is not None and complement.pos_ == "ADJ":
                    key = _apply(r, complement, target, lex, negate=True)
            if key is None and tok.dep_ in {"prep", "dative"} and head.pos_ == "VERB":
                # a light verb's object holds the cue: "gave its backing to ...", "would not say yes to ..."
                light = next(
                    (c for c in head.children if c.dep_ in {"dobj", "intj"} and _cue_key(c, lex)), None
                )
                if light is not None:
                    key = _apply(r, light, target, lex, negate=True)
            if key is not None and head.pos_ in {"VERB", "NOUN", "ADJ"}:
                verb = _verb_of(head)  # the highest cue with a subject holds the stance ("refused to commit")
                if (scope is not None and r.actor_verb is None) or (scope is None and _subject(verb)):
                    r.actor_verb = verb
            elif r.actor_verb is None and r.directed and not directed:
                verb = _verb_above(head)  # a target's own verb (or noun) done by its subject: "Finland
                if verb is not None and _acts_on(verb):  # joined NATO", "Norway is preparing an increase"
                    r.actor_verb = verb
        doer = tok.dep_ == "nsubj" and tok.i in {root.i, root.head.i}  # "NATO members should spend": theirs
        if head.pos_ in {"VERB", "AUX"} and (not seen_verb or r.cues) and not doer:
            _modal(r, head, lex)  # the mention's own verb, or a cue's: not any verb up the sentence
            seen_verb = True
        tok = head
    if r.actor_verb is not None and r.actor_verb.pos_ not in {"VERB", "AUX"}:
        r.actor_verb = None
    return r


def _own_clause(tok: Token) -> bool:
    """A coordinated or contrasted clause with its own subject: what is in it is not governed by the clause
    it hangs on ("France pushed for a small group, while Germany favoured an inclusive club")."""
    if tok.dep_ == "advcl" and not any(
        c.dep_ == "mark" and c.lower_ in word_set("stance_contrast_marks") for c in tok.children
    ):
        return False
    return tok.dep_ in {"conj", "advcl"} and any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children)


def _addressee(tok: Token) -> bool:
    """Whether a noun is the one asked to act: the object of a verb with an infinitive on it."""
    return tok.dep_ == "dobj" and any(c.dep_ == "xcomp" for c in tok.head.children)


def _acts_on(verb: Token) -> bool:
    """Whether a target verb is an act of its subject on the mention: a verb with a subject ("Finland
    joined NATO", "Finland and Sweden applied to join"); not a participle of a noun, not the simple present
    of a state ("Britain spends more than 2% of GDP" is data) and not an ability ("Denmark could not take
    part in ...")."""
    if verb.pos_ != "VERB" or verb.dep_ in {"amod", "acl", "relcl"} or verb.tag_ in {"VBZ", "VBP"}:
        return False
    if any(c.dep_ == "aux" and c.lower_ in word_set("stance_ability_modals") for c in verb.children):
        return False
    return _subject(verb) is not None


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


def _conjoined(subj: Span) -> list[Span]:
    """The parts of a conjoined subject, each its own actor: "Latvia and Lithuania" -> Latvia, Lithuania;
    the named members of a common noun ("Eight eastern allies, including Estonia and Latvia" -> Estonia,
    Latvia). A subject with no conjunct is returned whole."""
    root = subj.root
    doc = subj.doc
    if root.pos_ == "NOUN":
        including = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "including"), None)
        named = next((c for c in including.children if c.dep_ == "pobj"), None) if including else None
        if named is not None and named.ent_type_ in {"GPE", "ORG", "PERSON", "NORP"}:
            return [
                doc[t.i : t.i + 1] if t.pos_ == "PROPN" else doc[t.left_edge.i : t.i + 1]
                for t in (named, *named.conjuncts)
            ]
    parts = [c for c in root.conjuncts if subj.start <= c.i < subj.end]
    if not parts:
        return [subj]
    first_end = min(c.i for c in root.children if c.dep_ in {"cc", "conj", "punct"} and c.i > root.i)
    out = [doc[subj.start : first_end]]
    for c in parts:
        out.append(doc[c.left_edge.i : max(t.i for t in c.subtree if t.dep_ != "conj" or t.i == c.i) + 1])
    return out


def _agents(verb: Token) -> list[Token]:
    """The named agents of a passive verb: "held up first by Türkiye ... and then by Hungary"."""
    if not any(c.dep_ == "nsubjpass" for c in verb.children):
        return []
    out = []
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        out += [c for c in agent.children if c.dep_ == "pobj" and c.pos_ in {"PROPN", "NOUN"}]
    return out


def _turned(actor: Token, reading: _Reading, target: Target) -> bool:
    """Whether a relative clause on the actor does the opposite with one of the target's own verbs: "held
    up first by Türkiye, whose parliament ratified it in January" is a mixed record."""
    for clause in (c for c in actor.children if c.dep_ == "relcl"):
        value = _target_cue(clause, target)
        if value is not None and value * reading.score < 0:
            return True
    return False


def _companions(verb: Token, subject: Token) -> list[Span]:
    """Those who do the act together with the subject: "Sweden applied together with Finland", "Finland,
    along with Sweden, applied"."""
    doc, out = verb.doc, []
    near = [c for c in (*verb.children, *subject.children) if c.dep_ in {"prep", "advmod"}]
    for prep in [*near, *(g for c in near for g in c.children)]:
        if (
            prep.lower_ != "with"
            or prep.i == 0
            or doc[prep.i - 1].lower_ not in word_set("stance_companion_words")
        ):
            continue
        named = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if named is not None and named.ent_type_ in {"GPE", "ORG", "PERSON", "NORP"}:
            out += [doc[t.left_edge.i : t.i + 1] for t in (named, *named.conjuncts)]
    return out


def _adjunct_of_other_object(tok: Token, head: Token) -> bool:
    """Whether `tok` is a "with"/"after"/... adjunct of a verb that has a direct object of its own: the
    verb's cue is about that object, not about the adjunct ("ended a meeting with a declaration ...")."""
    return (
        tok.dep_ == "prep"
        and tok.lower_ in word_set("stance_adjunct_preps")
        and head.pos_ == "VERB"
        and any(c.dep_ == "dobj" for c in head.children)
    )


def _apply(r: _Reading, tok: Token, target: Target, lex: StanceLexicon, negate: bool) -> str | None:
    """Multiply in `tok` when it is a cue: a target verb (direction) or a general cue (attitude). Returns
    the general cue's lexicon key."""
    value, key = _target_cue(tok, target), None
    if value is None:
        key = _cue_key(tok, lex)
        if key is None:
            return None
        value = lex.cue(key)
        r.informative = True
        if _contrasted(tok, value, lex):
            value *= MIXED
            r.cues.append("but")
    else:
        r.directed = True
    value *= _hedge(tok, lex)
    if negate and (_negated(tok, lex) or _negated_light_verb(tok, target, lex)):
        value = -value
    r.score *= value
    r.cues.append(key or tok.lemma_.lower())
    return key


def _contrasted(tok: Token, value: float, lex: StanceLexicon) -> bool:
    """Whether a cue is followed by "but" and a cue of the other sign: "welcomed more European effort on
    defence but warned against duplication" is a mixed stance."""
    for conj in tok.children:
        if conj.dep_ != "conj" or not any(
            c.dep_ == "cc" and c.lower_ == "but" for c in (*tok.children, *conj.children)
        ):
            continue
        key = _cue_key(conj, lex)
        if key is not None and lex.cue(key) * value < 0:
            return True
    return False


def _negated_light_verb(tok: Token, target: Target, lex: StanceLexicon) -> bool:
    """A cue word that is the object of a negated verb with no cue of its own: "would not say yes to",
    "did not give its backing to"."""
    if tok.pos_ not in {"NOUN", "ADJ", "INTJ", "ADV"} or tok.dep_ not in {"dobj", "attr", "intj", "oprd"}:
        return False
    verb = tok.head
    if verb.pos_ not in {"VERB", "AUX"} or _target_cue(verb, target) is not None or _cue_key(verb, lex):
        return False
    return _negated(verb, lex)


def _modal(r: _Reading, verb: Token, lex: StanceLexicon) -> None:
    """Modals of obligation ("must", "should", "need to") make an attitude; "will"/"would" do when the
    subject is a country, a government or its plan (a commitment, not a forecast about others)."""
    for child in verb.children:
        if child.dep_ != "aux":
            continue
        low = child.lower_
        if low in word_set("stance_obligation_modals") or (
            low == "to" and verb.head.lemma_ in word_set("stance_obligation_verbs")
        ):
            r.informative = True
            r.cues.append(low)
        elif low in word_set("stance_commitment_modals"):
            subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is not None and (
                subj.ent_type_ in {"GPE", "NORP"}
                or subj.lemma_.lower() in word_set("stance_committing_subjects")
            ):
                r.informative = True
                r.cues.append(low)


def _acts(verb: Token, target: Target, lex: StanceLexicon) -> bool:
    """Whether a subject mention does something with a general cue verb rather than being judged."""
    return verb.pos_ == "VERB" and _target_cue(verb, target) is None and _cue_key(verb, lex) is not None


def _verb_of(tok: Token) -> Token:
    """The verb whose subject owns a cue: the cue, or the verb a cue noun hangs on ("gave backing")."""
    if tok.pos_ in {"NOUN", "ADJ"} and tok.head.i != tok.i and tok.head.pos_ in {"VERB", "AUX"}:
        return tok.head
    return tok


def _predicate(r: _Reading, verb: Token, subject: Token, target: Target, lex: StanceLexicon) -> None:
    """A mention (or its clause) as subject: what is said of it ("NATO remained indispensable", "the
    suggestion ... undermined the security", "membership would be a threat")."""
    value, key = _target_cue(verb, target), None
    if value is None:
        key = _cue_key(verb, lex)
        candidates = [verb] if key is not None else _predicate_words(verb, subject)
        for tok in candidates:
            key = _cue_key(tok, lex)
            if key is not None:
                value = lex.cue(key) * _hedge(tok, lex)
                break
    if value is None:
        return
    if key is not None:
        r.informative = True
    else:
        r.directed = True
    if _negated(verb, lex):
        value = -value
    r.score *= value
    r.judged = True
    r.cues.append(key or verb.lemma_.lower())


# what is not said of a subject: other clauses, and modals ("NATO members should spend" is their obligation)
_NOT_PREDICATE = {"nsubj", "nsubjpass", "ccomp", "advcl", "conj", "relcl", "mark", "punct", "cc", "aux"}


def _predicate_words(verb: Token, subject: Token) -> list[Token]:
    out, todo = [], [(c, 1) for c in verb.children if c.i != subject.i]
    while todo:
        tok, depth = todo.pop(0)
        if tok.dep_ in _NOT_PREDICATE:
            continue
        out.append(tok)
        if depth < 4:
            todo += [(c, depth + 1) for c in tok.children]
    return out


def _apply_statement_cue(
    reading: _Reading, cue: Token, root: Token, lex: StanceLexicon, scope: _Scope
) -> None:
    """The statement's own cue ("urged", "warned", "welcomed") colours all of its content, unless the cue
    has an object of its own outside it ("dismissed such warnings, saying that ..." is about the warnings)."""
    if _addressee(root):
        return
    key = _cue_key(cue, lex)
    if key is None and root.head.i == cue.i and root.dep_ == "dobj":
        # "called the decision a historic step": the complement judges the object
        cue = next((c for c in cue.children if c.dep_ in {"oprd", "acomp"} and _cue_key(c, lex)), cue)
        key = _cue_key(cue, lex)
    if key is None or key in reading.cues:
        return
    if any(c.dep_ == "dobj" and c not in scope for c in cue.children):
        return
    if reading.judged and key == "warn":
        return  # "warned that any attempt to X would weaken the bond": the warning is the judgement of X
    value = lex.cue(key) * _hedge(cue, lex)
    if _contrasted(cue, value, lex):
        value *= MIXED
        reading.cues.append("but")
    if _negated(cue, lex):
        value = -value
    reading.score *= value
    reading.informative = True
    reading.cues.append(key)


def _pieces(st: Statement) -> list[tuple[int, int]]:
    return [(f.start, f.end) for f in st.fragments] or [(st.content.start, st.content.end)]


def _span_of(doc: Doc, span) -> Span | None:
    return None if span is None else doc.char_span(span.start, span.end, alignment_mode="expand")
