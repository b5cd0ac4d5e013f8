"""Actor stances towards policy targets: actor -> cue -> target mention, inside statements (the speaker is
the actor) and in plain sentences (the cue verb's subject is). The targets file, the target matcher, and the
extractor that runs the rule table (stance_rules.py) over a parsed article and sums its readings into rows.

Reads a parsed doc and its resolved statements; never changes the doc, the statements or the shared `nlp`."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from dashboard.nlp import stance_rules as rules
from dashboard.nlp.gazetteer import Gazetteer
from dashboard.nlp.intervals import longest_holding
from dashboard.nlp.lexicons import stance_lexicon, word_list
from dashboard.nlp.sentences import doc_text, sentence_starts
from dashboard.nlp.speakers import Speaker
from dashboard.nlp.stance_rules import BARE_SCORE, CONTRARY, MIXED, REACTION, Article, Mention, Reading, Scope
from dashboard.nlp.statements import _subject
from dashboard.nlp.topics import Topic, TopicMatcher
from dashboard.records import Statement
from dashboard.taxonomy import TARGETS_PATH, read_labelled_tables

NEUTRAL_BAND = 0.05  # |score| at or below this is neutral


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
    present_acts: bool = False  # its own verbs in the simple present are acts ("keeps a line open to Putin")


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
    rule: str  # the id of the rule that decided it (stance_rules.py): its holder, else its polarity
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
            bool(table.get("present_acts", False)),
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
            taxonomy[t.name + CONTRARY] = Topic(t.name + CONTRARY, t.label, t.description, t.contrary)
    reactions = word_list("stance_reactions")
    taxonomy[REACTION] = Topic(
        REACTION, "reaction", "a counter-move against what the article reports", reactions
    )
    return TopicMatcher(nlp, taxonomy)


def extract_stances(
    doc: Doc,
    statements: Sequence[Statement] = (),
    when: date | None = None,
    gazetteer: Gazetteer | None = None,
    matcher: TopicMatcher | None = None,
    disabled: Collection[str] = frozenset(),
) -> list[Stance]:
    """Stances in one parsed article: one per (statement or plain sentence, actor, target), in text order,
    each citing the rule that decided it; the rules whose ids are in `disabled` are switched off.

    Inside a statement's content the actor is the speaker (or a named subject of a cue verb on the way, as
    in "the White House said Biden strongly supported the bids"); in a plain sentence it is the subject of a
    stance cue ("Germany has given only muted backing to ..."). Mentions with no actor are dropped."""
    if matcher is None:
        from dashboard.nlp.pipeline import load_model

        matcher = stance_matcher(load_model())
    with rules.switched_off(disabled):
        return _extract(doc, statements, when, gazetteer or Gazetteer.load(), matcher)


def _extract(
    doc: Doc, statements: Sequence[Statement], when: date | None, gaz: Gazetteer, matcher: TopicMatcher
) -> list[Stance]:
    art = Article(doc, when, gaz, load_targets(), stance_lexicon())
    hits = [(h.topic, h.start, h.end) for h in matcher.hits(doc)]
    sent_starts = sentence_starts(doc)
    sent_ends = [*sent_starts[1:], len(doc)]
    pieces = [_pieces(s) for s in statements]
    mentions = rules.find_mentions(art, hits, sent_starts, pieces)
    if not mentions:
        return []
    # the statement whose content holds each mention, the longest one when statements nest: in "Merkel said
    # Germany wanted ..." the stance is Merkel's, as Discourse Network Analyzer codes it
    positions = [m.root.idx for m in mentions]
    owners = longest_holding(pieces, positions)
    innermost = longest_holding(pieces, positions, shortest=True)
    found: dict[tuple, list[tuple[Reading, Span]]] = {}
    for mention, owner, inner in zip(mentions, owners, innermost, strict=True):
        if owner is not None and rules.relayed_report(art, statements[owner], statements[inner]):
            owner = inner
        target = art.targets[mention.target]
        i = bisect_right(sent_starts, mention.root.i) - 1
        sent = doc[sent_starts[i] : sent_ends[i]]
        if rules.past_background(sent, when) or rules.direct_question(sent) or rules.video_promo(sent):
            continue
        if owner is None:
            held = _plain_holders(art, mention, target)
        else:
            held = _statement_holders(art, mention, target, statements[owner], pieces[owner])
            held += _named_acts(art, mention, target, statements[owner])
        for actor, reading in held:
            if owner is None and rules.past_actor(actor, gaz, when):
                continue
            if rules.is_actor(actor, gaz, when) and actor.name not in target.holders_excluded:
                key = (owner, actor.name, actor.type, actor.country, target.name, sent.start)
                found.setdefault(key, []).append((reading, sent))
    text = doc_text(doc)
    return [_stance(key, readings, text, when) for key, readings in found.items()]


def _statement_holders(
    art: Article, mention: Mention, target: Target, st: Statement, pieces: list[tuple[int, int]]
) -> list[tuple[Speaker, Reading]]:
    """Who holds a mention inside a statement, with its reading: the speaker, each of several speakers, a
    named person who is the subject of a cue on the way, or the countries an anonymous source reports on."""
    if rules.data_source(st) or rules.indirect_question(art.doc, st):
        return []
    if rules.reported_prediction(mention.root, target):
        return []
    scope = Scope(pieces)
    if (
        rules.existential_attitude(mention.root, scope, art.lex)
        or rules.embedded_question(mention.root, scope)
        or rules.event_in_statement(mention.root, art.lex, scope)
    ):
        return []
    reading = rules.read_mention(mention, target, art.lex, scope)
    rules.causative(reading)
    cue_span = _span_of(art.doc, st.cue)  # "has repeatedly pressed": its verb
    if cue_span is not None and len(cue_span):
        if rules.forecast(cue_span.root, reading, art.lex):
            return []
        rules.statement_cue(reading, cue_span.root, mention.root, art.lex, scope)
        if rules.commented_on(cue_span.root) and not reading.informative:
            return []  # "Commenting on Scholz's call with Putin, ...": the topic, not backed
    speaker = rules.statement_speaker(st)
    actors, how = [speaker], None
    said_by = _span_of(art.doc, st.speaker_mention)
    if said_by is not None and rules.journalist_source(said_by):
        return []
    if said_by is not None:
        if cue_span is not None and len(cue_span):  # "Roe, who has proposed ..., and Doe": Roe's alone
            said_by = rules.relative_before_conjunct(cue_span.root, said_by) or said_by
        parts, split = rules.parts(said_by)
        if len(parts) > 1:  # "Latvia and Estonia have announced plans to ...": each country holds it
            actors, how = [art.speakers.resolve(part) for part in parts], split
        if cue_span is not None and len(cue_span):  # "the Netherlands together with Germany announced"
            along = rules.together_with(cue_span.root, said_by.root) or []
            if along:
                actors, how = [*actors, *(art.speakers.resolve(part) for part in along)], "together_with"
    subj = _subject(reading.actor_verb) if reading.actor_verb is not None else None
    if subj is not None and subj.root.ent_type_ == "PERSON" and not rules.conditional(reading.actor_verb):
        named = rules.named_supporter(art, rules.relative_before_conjunct(reading.actor_verb, subj) or subj)
        if named:
            actors, how = named, "named_supporter"
    elif (
        subj is not None
        and not rules.conditional(reading.actor_verb)
        and (named := rules.pronoun_in_content(art, subj, scope, speaker))
    ):
        actors, how = named, "pronoun_in_content"
    elif subj is not None and (done := rules.reported_act(art, reading, subj, speaker)) is not None:
        actors, how = [*actors, done], "reported_act"
    elif (built := rules.reported_build(art, mention, speaker)) is not None:
        actors, how = [built], "reported_build"  # not the teller's: "Putin said NATO deployed forces"
        reading.directed = True  # its verb is the act
    elif (
        rules.is_actor(speaker, art.gaz, art.when)
        and (reported := rules.reported_attitude(art, mention.root, scope, speaker)) is not None
    ):
        actors, how = reported, "reported_attitude"
    elif (
        subj is not None
        and not rules.is_actor(speaker, art.gaz, art.when)
        and not rules.conditional(reading.actor_verb)  # "should America end its aid": no one's act
        and reading.rule != "demanded_condition"  # a threat the teller reports is the teller's, if anyone's
    ):
        reported = rules.anonymous_reports(art, subj, speaker)
        if reported:
            actors, how = reported, "anonymous_reports"
    met = [art.speakers.resolve(part) for part in rules.contact_parties(mention)]
    met = [party for party in met if party.name != speaker.name]  # "he" in a quote is not the speaker
    if met:  # "Trump and Putin met in Helsinki, McCain said": theirs, not the speaker's
        actors, how = met, "reciprocal_contact"
    if not (reading.informative or reading.directed or rules.bare_mention(mention.root, target, scope)):
        return []
    if rules.reported_condition(mention.root, reading, art.lex):
        return []
    rules.resignation_threat(mention.root, reading)
    if reading.score == 0 or not actors:
        return []
    reading.holder = how  # a verb the climb found does not hold a statement's stance: its speaker does
    return [(actor, reading) for actor in actors]


def _named_acts(
    art: Article, mention: Mention, target: Target, st: Statement
) -> list[tuple[Speaker, Reading]]:
    """The named possessor of an act noun in a statement, whoever tells of it ("Erdogan said he would
    support Sweden's bid to join NATO": Sweden's too); not a pronoun, not the speaker's own country."""
    out = []
    for part, own in rules.act_noun(art, mention, target) or []:
        actor = art.speakers.resolve(part)
        if part.root.pos_ == "PROPN" and actor.country not in {None, st.speaker_country}:
            out.append((actor, own))
    return out


def _plain_holders(art: Article, mention: Mention, target: Target) -> list[tuple[Speaker, Reading]]:
    """Who holds a mention in a plain sentence, with their readings: the possessor of an act noun whose
    infinitive holds it, and the subject of the verb the reading found (each part of it, those acting
    together with it, every agent of a passive), or the issuers of a document that holds the cue."""
    sent = mention.root.sent
    demand = rules.demanded_condition(mention.root, art.lex) is not None
    if (rules.conditional(mention.root) and not demand) or rules.embedded_question(
        mention.root, Scope([(sent.start_char, sent.end_char)]), own_subject=True
    ):
        return []
    out = [(art.speakers.resolve(part), own) for part, own in rules.act_noun(art, mention, target) or []]
    cue = None if out else rules.possessed_cue(art, mention, target)
    out += [(art.speakers.resolve(part), own) for part, own in cue or []]
    if not out:
        out = list(rules.national_cue(art, mention, target) or [])
    if not out:
        owned = (
            rules.possessed_aid(art, mention, target)
            or rules.possessed_rise(art, mention, target)
            or rules.possessed_contact(art, mention, target)
        )
        out = [(art.speakers.resolve(part), own) for part, own in owned or []]
    reading = rules.read_mention(mention, target, art.lex, None)
    rules.causative(reading)
    verb = reading.actor_verb
    subj = _subject(verb) if verb is not None else None
    if subj is None:
        return out
    if cue and any(t.i == verb.i for t in cue[0][0].root.head.subtree):
        return out  # a verb inside the possessed cue's phrase: its subject is the one asked, not a holder
    subj = (
        rules.relative_subject(verb, subj)
        or rules.relative_before_conjunct(verb, subj)
        or rules.they_of_subjects(subj)
        or rules.one_of_group(subj)
        or subj
    )
    parts, split = rules.parts(subj)
    holders = [(part, split) for part in parts]
    holders += [(part, "together_with") for part in rules.together_with(verb, subj.root) or []]
    holders += [(part, "more_agents") for part in rules.more_agents(verb) or []]
    holders += [(part, "under_leader") for part in rules.under_leader(verb) or []]
    actors = []
    for part, how in holders:
        found = art.speakers.resolve(part)
        org = rules.org_apposition(found, part, art.lex, art.gaz, art.when)
        actors.append((org or found, "org_apposition" if org else how))
    # actors with a mixed record on the target ("held up by Türkiye, whose parliament ratified it")
    turned = {
        a.name
        for (a, _), (p, _) in zip(actors, holders, strict=True)
        if rules.mixed_record(p.root, reading, target)
    }
    if not any(rules.is_actor(a, art.gaz, art.when) for a, _ in actors):
        issuer = rules.document_issuer(verb)
        if issuer is not None:
            actors = [(art.speakers.resolve(part), "document_issuer") for part in rules.parts(issuer)[0]]
    if reading.score == 0:
        return out
    for actor, how in actors:
        if actor.name in turned:
            out.append((actor, replace(reading, score=reading.score * MIXED, holder="mixed_record")))
        else:
            out.append((actor, replace(reading, holder=how or reading.holder)))
    return out


def _stance(key: tuple, readings: list[tuple[Reading, Span]], text: str, when: date | None) -> Stance:
    """One row from the readings of one actor on one target in one sentence: the mean of the cue-decided
    readings (of all, at half weight, when none is), citing the rule of the first reading that counts; an
    earlier position (`earlier_position`) has a fifth of the confidence."""
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
    if rules.earlier_position(sent, when):
        confidence *= rules.EARLIER_WEIGHT
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
        rule=used[0].cite(),
        cue=", ".join(cues) or None,
    )


def _pieces(st: Statement) -> list[tuple[int, int]]:
    return [(f.start, f.end) for f in st.fragments] or [(st.content.start, st.content.end)]


def _span_of(doc: Doc, span) -> Span | None:
    return None if span is None else doc.char_span(span.start, span.end, alignment_mode="expand")
