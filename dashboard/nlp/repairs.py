"""Mends for parse errors of the small model that real news text provokes, as pipeline components that run
after the entity recogniser. Each changes heads, labels or entities only where its pattern holds."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dashboard.nlp.gazetteer import Gazetteer
from dashboard.nlp.lexicons import word_set

FRONTED_SUBJECT = "ddd_fronted_subject"
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})
_ACTORS = frozenset({"GPE", "PERSON", "ORG", "NORP"})


@Language.component(FRONTED_SUBJECT)
def fronted_subject(doc: Doc) -> Doc:
    """With no comma after an opening phrase, the small model reads the actor that follows into the phrase
    and leaves the verb without a subject ("In the aftermath of the invasion Germany has promised ...", "At
    the UN Security Council Russia used its veto"), sometimes in one entity with the place before it ("Since
    the invasion of Ukraine Poland, Estonia and Latvia have sent tanks"); so with a phrase it misreads ("...,
    to which end America, Canada, Norway and Britain have all joined PESCO"). When a sentence's verb has no
    subject and a named actor (or a list of them) that the parse hung on a word before it ends just before
    the verb, the actor becomes the subject and the noun before it takes its place in the phrase. A title
    the model made the root, before a named appositive and a verb, becomes the verb's subject again
    (`_appositive_subject`)."""
    if not doc.has_annotation("DEP"):
        return doc
    for sent in doc.sents:
        _appositive_subject(sent.root)
        verb = sent.root
        if (
            verb.pos_ != "VERB"
            or any(c.dep_ in _SUBJECTS for c in verb.children)
            or (
                verb.tag_ in {"VB", "VBG", "VBN"}
                and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
            )
        ):
            continue
        start = min(
            [verb.i] + [c.i for c in verb.children if c.dep_ in {"aux", "auxpass", "neg"} and c.i < verb.i]
        )
        last = doc[start - 1]
        if last.ent_type_ not in _ACTORS or last.i <= sent.start:
            continue
        actor = last
        while actor.head.i > actor.i and actor.head.i < start and actor.head.ent_iob_ == "I":
            actor = actor.head  # the head of a multi-word name
        while actor.dep_ == "conj" and actor.head.ent_type_ in _ACTORS:  # "Germany, Romania and Spain"
            actor = actor.head
        if actor.head.i >= actor.i or actor.head.i < sent.start:
            continue  # not read into a phrase before it
        name = _name_start(doc, actor)
        if name <= sent.start + 1:  # "In Germany has ...": nothing of the phrase would be left
            continue
        _move_subject(actor, name, verb)
    return doc


def _appositive_subject(noun: Token) -> None:
    """ "The Polish president, Andrzej Duda, called on allies to ...": the small model makes the title the
    sentence's root and the verb a clause on it. A noun root with a named appositive set off by commas and,
    right after the second comma, a finite verb on it with no subject of its own: the verb becomes the
    root and the noun its subject."""
    if noun.pos_ not in {"NOUN", "PROPN"} or noun.dep_ != "ROOT":
        return
    appos = next((c for c in noun.children if c.dep_ == "appos" and c.ent_type_ in _ACTORS), None)
    if appos is None:
        return
    comma = appos.right_edge.i + 1
    doc = noun.doc
    if comma + 1 >= len(doc) or doc[comma].text != ",":
        return
    verb = doc[comma + 1]
    if (
        verb.head.i != noun.i
        or verb.dep_ != "acl"
        or verb.tag_ not in {"VBD", "VBZ", "VBP"}
        or any(c.dep_ in _SUBJECTS for c in verb.children)
    ):
        return
    verb.head, verb.dep_ = verb, "ROOT"
    noun.head, noun.dep_ = verb, "nsubj"


def _name_start(doc: Doc, actor: Token) -> int:
    """Where the actor's name starts: its entity's first token, without a month or weekday run into it
    ("January Germany"); when the entity is two places run together ("Ukraine Poland", "Vilnius Germany"),
    the entity is split and the name is the country's alone."""
    start = actor.i
    while doc[start].ent_iob_ == "I":
        start -= 1
    calendar = word_set("calendar_words")
    while start < actor.i and doc[start].lower_ in calendar:
        start += 1
    if start == actor.i:
        return start
    gaz = Gazetteer.load()
    before = doc[start : actor.i].text
    if gaz.is_country_name(actor.text) and (gaz.country_code(before) or gaz.place_country(before)):
        ent = next(e for e in doc.ents if e.start <= actor.i < e.end)
        doc.ents = [
            *(e for e in doc.ents if e != ent),
            Span(doc, ent.start, actor.i, label=ent.label_),
            Span(doc, actor.i, ent.end, label=ent.label_),
        ]
        return actor.i
    return start


def _move_subject(actor: Token, name: int, verb: Token) -> None:
    before = [c for c in actor.lefts if c.i < name]
    place = next((c for c in reversed(before) if c.pos_ in {"NOUN", "PROPN", "NUM"}), None)
    if place is not None:  # "of the invasion": the noun takes the actor's place in the phrase
        place.head, place.dep_ = actor.head, actor.dep_
        for c in before:
            if c is not place:
                c.head = place
    actor.head = verb
    actor.dep_ = "nsubjpass" if any(c.dep_ == "auxpass" for c in verb.children) else "nsubj"
