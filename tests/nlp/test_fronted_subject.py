"""ddd_fronted_subject: a named actor the small model reads into an opening phrase written without a comma
becomes the verb's subject again, and the extractors see it. Sentences written for these tests after the
shape of real news sentences."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.nlp.gazetteer import Gazetteer
from dashboard.nlp.pipeline import load_model, statements_for_doc
from dashboard.nlp.repairs import FRONTED_SUBJECT
from dashboard.nlp.stances import extract_stances, stance_matcher

WHEN = date(2024, 1, 1)


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def subjects(doc):
    return [c.text for c in doc[:].root.children if c.dep_ in {"nsubj", "nsubjpass"}]


@pytest.mark.parametrize(
    "text, subject, displaced",
    [
        (
            "In the aftermath of the invasion Germany has promised a huge boost in military spending.",
            "Germany",
            "invasion",
        ),
        ("At the UN Security Council Russia used its veto to block a deal.", "Russia", "Council"),
    ],
)
def test_the_actor_read_into_the_opening_phrase_is_the_subject(nlp, text, subject, displaced):
    with nlp.select_pipes(disable=[FRONTED_SUBJECT]):
        assert subjects(nlp(text)) == []  # the error this mends
    doc = nlp(text)
    assert subjects(doc) == [subject]
    noun = next(t for t in doc if t.text == displaced)
    assert noun.dep_ == "pobj" and noun.head.pos_ == "ADP"  # the phrase keeps its own object


@pytest.mark.parametrize(
    "text, place",
    [
        ("Since the invasion of Ukraine Poland, Estonia and Latvia have sent tanks.", "Ukraine"),
        ("At the summit in Vilnius Germany, Poland and Spain pledged more troops.", "Vilnius"),
    ],
)
def test_a_list_of_states_run_into_a_place_is_split_and_the_subject(nlp, text, place):
    with nlp.select_pipes(disable=[FRONTED_SUBJECT]):
        assert subjects(nlp(text)) == []
        assert f"{place} " in " ".join(e.text for e in nlp(text).ents)  # one entity with the next name
    doc = nlp(text)
    subject = [c for c in doc[:].root.children if c.dep_ == "nsubj"]
    assert len(subject) == 1 and len(subject[0].conjuncts) == 2
    assert place in [e.text for e in doc.ents] and subject[0].text in [e.text for e in doc.ents]
    assert next(t for t in doc if t.text == place).dep_ == "pobj"


def test_a_list_of_states_read_as_an_object_before_the_verb_is_its_subject(nlp):
    text = (
        "The plan covers dedicated partnerships, which essentially means close co-operation between the EU"
        " and NATO, to which end America, Canada, Norway and Britain have all joined PESCO."
    )
    with nlp.select_pipes(disable=[FRONTED_SUBJECT]):
        assert subjects(nlp(text)) == []
    doc = nlp(text)
    assert subjects(doc) == ["America"]
    assert sorted(t.text for t in next(t for t in doc if t.text == "America").conjuncts) == [
        "Britain",
        "Canada",
        "Norway",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "In the aftermath of the invasion, Germany has promised a huge boost in military spending.",
        "Of immediate concern to Britain and the rest of the EU is Trump's suggestion.",
        "In Germany has come a change of heart.",
        "Since Germany has promised more, Poland has too.",
    ],
)
def test_sentences_the_model_reads_right_are_left_alone(nlp, text):
    with nlp.select_pipes(disable=[FRONTED_SUBJECT]):
        before = [(t.head.i, t.dep_) for t in nlp(text)]
    assert [(t.head.i, t.dep_) for t in nlp(text)] == before


def test_the_stance_of_the_mended_subject_is_found(nlp):
    text = "In the aftermath of the invasion Germany has promised a huge boost in military spending."
    gaz = Gazetteer.load()
    doc = nlp(text)
    found = extract_stances(doc, statements_for_doc(doc, WHEN, gaz), WHEN, gaz, stance_matcher(nlp))
    assert [(s.actor, s.target, s.polarity) for s in found] == [
        ("Germany", "defence_spending_increase", "support")
    ]


def test_a_title_read_as_root_before_its_named_appositive_is_the_subject(nlp):
    text = "The Polish president, Andrzej Duda, called on allies to raise spending to 3% of GDP."
    doc = nlp(text)
    assert doc[:].root.text == "called"
    assert subjects(doc) == ["president"]
    gaz = Gazetteer.load()
    found = extract_stances(doc, statements_for_doc(doc, WHEN, gaz), WHEN, gaz, stance_matcher(nlp))
    assert [(s.actor, s.target, s.polarity) for s in found] == [
        ("Andrzej Duda", "defence_spending_increase", "support")
    ]
