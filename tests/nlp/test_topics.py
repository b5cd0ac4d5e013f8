"""Topic tagging: (sentence, expected topics) over the real pipeline, taxonomy checks, topics-table rows."""

from __future__ import annotations

import pandas as pd
import pytest
import spacy

from dashboard.nlp.pipeline import load_model
from dashboard.nlp.topics import TaxonomyError, Topic, TopicMatcher, load_taxonomy, topic_matcher, topic_rows
from dashboard.schema import conform

REQUIRED_TOPICS = {
    "defence_spending",
    "nato",
    "eu_defence",
    "cybersecurity",
    "chemical_weapons",
    "conventional_weapons",
    "nuclear_weapons",
    "territorial_conflicts",
    "space_security",
    "arctic_and_polar",
    "trade_and_sanctions",
    "russia",
    "ukraine",
    "transatlantic_relations",
    "defence_industry",
}


@pytest.fixture(scope="module")
def nlp():
    return load_model()


@pytest.fixture(scope="module")
def matcher(nlp):
    return topic_matcher(nlp)


# (sentence, the exact set of topics it must get)
CASES = [
    ("Several allies raised their defence budgets this year.", {"defence_spending"}),
    ("The government spent more on defence than ever before.", {"defence_spending"}),
    ("Military expenditure rose sharply across the region.", {"defence_spending"}),
    ("Spain is spending 1.3% of GDP, far below the target.", {"defence_spending"}),
    ("Estonia will spend two per cent of its economic output.", {"defence_spending"}),
    ("Defense spending must go up, the senator argued.", {"defence_spending"}),
    ("NATO leaders met in Vilnius on Tuesday.", {"nato"}),
    ("He questioned whether Article 5 still held.", {"nato"}),
    ("Twenty-three states joined PESCO in Brussels.", {"eu_defence"}),
    ("Macron called for a true European army.", {"eu_defence"}),
    ("Cyber-attacks on hospitals have doubled.", {"cybersecurity"}),
    ("Hackers broke into the ministry's network.", {"cybersecurity"}),
    ("Investigators found traces of a nerve agent.", {"chemical_weapons"}),
    ("Chemical weapons were used in the attack.", {"chemical_weapons"}),
    ("The army ordered new tanks and artillery shells.", {"conventional_weapons"}),
    ("Germany will deliver more ammunition.", {"conventional_weapons"}),
    ("Nuclear warheads remain on high alert.", {"nuclear_weapons"}),
    ("France offered to discuss its nuclear deterrent.", {"nuclear_weapons"}),
    ("The annexation was condemned as illegal.", {"territorial_conflicts"}),
    ("A border dispute flared up again in the south.", {"territorial_conflicts"}),
    ("Jamming threatens satellites used by the military.", {"space_security"}),
    ("The Arctic is warming faster than the rest of the planet.", {"arctic_and_polar"}),
    ("He again offered to buy Greenland.", {"arctic_and_polar"}),
    ("New sanctions were imposed on the banks.", {"trade_and_sanctions"}),
    ("Tariffs on steel were raised to 25 per cent.", {"trade_and_sanctions"}),
    ("The Kremlin rejected the proposal.", {"russia"}),
    ("Moscow recalled its ambassador.", {"russia"}),
    ("Zelensky thanked the donors in Kyiv.", {"ukraine"}),
    ("The transatlantic bond has weakened.", {"transatlantic_relations"}),
    ("'America First' was a wake-up call.", {"transatlantic_relations"}),
    ("Burden-sharing dominated the talks.", {"transatlantic_relations"}),
    ("Rheinmetall is building a new shell factory.", {"defence_industry"}),
    ("The defence industry cannot keep up with orders.", {"defence_industry"}),
    ("Joint procurement would cut costs.", {"defence_industry"}),
    ("Putin ordered troops into Ukraine.", {"russia", "ukraine"}),
    ("Crimea was annexed by Russia in 2014.", {"territorial_conflicts", "ukraine", "russia"}),
    # negatives: nothing about defence or security
    ("The football club won the league on Sunday.", set()),
    ("Heavy rain flooded the town centre overnight.", set()),
    ("She bought a new car and painted the kitchen.", set()),
    ("The company shaped its strategy around space for families.", set()),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_sentence_topics(nlp, matcher, sentence, expected):
    assert matcher.topics_in(nlp(sentence)) == expected


def test_taxonomy_has_the_required_topics_with_label_description_and_patterns():
    taxonomy = load_taxonomy()
    assert set(taxonomy) >= REQUIRED_TOPICS
    for name, topic in taxonomy.items():
        assert topic.name == name
        assert topic.label.strip() and topic.description.strip(), name
        assert len(topic.patterns) >= 5, name
        assert all(p == p.lower() and p.strip() for p in topic.patterns), name


@pytest.mark.parametrize("topic", sorted(load_taxonomy()))
def test_every_pattern_matches_itself_through_the_pipeline(nlp, matcher, topic):
    patterns = load_taxonomy()[topic].patterns
    for pattern, doc in zip(patterns, nlp.pipe(patterns), strict=True):
        found = {(h.topic, h.pattern) for h in matcher.hits(doc)}
        assert (topic, pattern) in found, f"{topic}: {pattern!r} does not match its own doc"


def test_load_taxonomy_is_cached_but_returns_a_fresh_dict():
    first = load_taxonomy()
    first.pop("nato")
    assert "nato" in load_taxonomy()


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[a]\nlabel = "A"\npatterns = ["x"]\n', "description"),
        ('[a]\nlabel = "A"\ndescription = "d"\npatterns = []\n', "patterns"),
        ('[a]\nlabel = "A"\ndescription = "d"\npatterns = ["NATO"]\n', "lower-case"),
        ('a = "not a table"\n', "table"),
    ],
)
def test_malformed_taxonomy_is_rejected_with_a_reason(tmp_path, toml, message):
    path = tmp_path / "topics.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(TaxonomyError, match=message):
        load_taxonomy(path)


ARTICLE = (
    "NATO allies agreed to raise defence spending.\n\n"
    "The football season starts next week.\n\n"
    "Several allies increased their defence budgets while the Kremlin protested.\n\n"
    "Russia said the move was hostile."
)


def test_sentence_rows_give_sentence_start_and_distinct_hit_count(nlp, matcher):
    doc = nlp(ARTICLE)
    rows = [r for r in topic_rows(doc, "a1", matcher=matcher) if r["sentence_start"] is not None]
    third = ARTICLE.index("Several")
    got = {(r["topic"], r["sentence_start"]): r["score"] for r in rows}
    assert got == {
        ("defence_spending", 0): 1.0,
        ("nato", 0): 2.0,  # "NATO" and "NATO allies" (pattern "nato ally", matched on lemmas)
        ("defence_spending", third): 1.0,
        ("russia", third): 1.0,
        ("russia", ARTICLE.index("Russia said")): 1.0,
    }
    assert all(r["article_id"] == "a1" and r["statement_id"] is None for r in rows)


def test_score_counts_each_distinct_pattern_hit(nlp, matcher):
    rows = topic_rows(nlp("Putin and the Kremlin warned Moscow's neighbours."), "a", matcher=matcher)
    assert [(r["topic"], r["score"]) for r in rows if r["sentence_start"] == 0] == [("russia", 3.0)]


def test_article_rows_give_share_of_sentences(nlp, matcher):
    rows = topic_rows(nlp(ARTICLE), "a1", matcher=matcher)
    article = {r["topic"]: r["score"] for r in rows if r["sentence_start"] is None}
    assert article == {"defence_spending": 0.5, "nato": 0.25, "russia": 0.5}
    assert all(r["statement_id"] is None for r in rows if r["sentence_start"] is None)
    assert all(0 < score <= 1 for score in article.values())


def test_statement_overlapping_a_sentence_is_assigned(nlp, matcher):
    doc = nlp(ARTICLE)
    start = ARTICLE.index("the Kremlin")
    statements = [("s-1", 0, 10), ("s-2", start, start + len("the Kremlin protested"))]
    rows = topic_rows(doc, "a1", statements, matcher=matcher)
    by_sentence = {(r["topic"], r["sentence_start"]): r["statement_id"] for r in rows}
    third = ARTICLE.index("Several")
    assert by_sentence[("defence_spending", 0)] == "s-1"
    assert by_sentence[("nato", 0)] == "s-1"
    assert by_sentence[("russia", third)] == "s-2"
    assert by_sentence[("russia", ARTICLE.index("Russia said"))] is None
    assert by_sentence[("russia", None)] is None


def test_statement_with_the_largest_overlap_wins(nlp, matcher):
    text = "Sanctions were imposed on Moscow after a long debate in the chamber."
    rows = topic_rows(nlp(text), "a", [("small", 0, 9), ("large", 10, 60)], matcher=matcher)
    assert {r["statement_id"] for r in rows if r["sentence_start"] == 0} == {"large"}


def test_rows_conform_to_the_topics_table_and_are_repeatable(nlp, matcher):
    doc = nlp(ARTICLE)
    rows = topic_rows(doc, "a1", [("s-1", 0, 10)], matcher=matcher)
    assert rows == topic_rows(doc, "a1", [("s-1", 0, 10)], matcher=matcher)
    frame = conform(pd.DataFrame(rows), "topics")
    assert len(frame) == len(rows)


def test_empty_doc_gives_no_rows(nlp, matcher):
    assert topic_rows(nlp(""), "a", matcher=matcher) == []
    assert topic_rows(nlp("Nothing to see here."), "a", matcher=matcher) == []


def test_default_matcher_is_the_one_for_load_model(nlp):
    assert topic_matcher(nlp) is topic_matcher(nlp)
    rows = topic_rows(nlp("NATO met."), "a")
    assert {r["topic"] for r in rows} == {"nato"}


def test_doc_of_another_pipeline_is_refused(matcher):
    other = spacy.blank("en")
    with pytest.raises(ValueError, match="another pipeline"):
        matcher.hits(other("NATO met."))
    other_matcher = TopicMatcher(other)  # no lemmatizer, no sentences: words only, the doc is one sentence
    assert other_matcher.topics_in(other("NATO met in Brussels.")) == {"nato"}
    rows = topic_rows(other("NATO met. Russia too."), "a", matcher=other_matcher)
    assert {(r["topic"], r["sentence_start"], r["score"]) for r in rows} == {
        ("nato", 0, 1.0),
        ("russia", 0, 1.0),
        ("nato", None, 1.0),
        ("russia", None, 1.0),
    }


def test_covers_knows_pattern_words_and_flags_new_ones(matcher):
    assert matcher.covers("sanctions")
    assert matcher.covers("budget")  # a word of "defence budget"
    assert not matcher.covers("mindset")


def test_a_pattern_with_a_proper_noun_matches_an_inflected_verb(nlp):
    taxonomy = {"aid": Topic("aid", "Aid", "Help for Ukraine.", ("supply kyiv", "join nato"))}
    matcher = TopicMatcher(nlp, taxonomy)
    doc = nlp("Germany would go on supplying Kyiv with weapons. Sweden joined NATO in March.")
    assert [doc[h.start : h.end].text for h in matcher.hits(doc)] == ["supplying Kyiv", "joined NATO"]


def test_a_pattern_matches_through_quotation_marks_inside_it(nlp):
    taxonomy = {"ties": Topic("ties", "Ties", "Relations.", ("partnership with moscow", "european army"))}
    matcher = TopicMatcher(nlp, taxonomy)
    doc = nlp('He wants a "great partnership" with Moscow and a “European army”. A partnership, with Moscow.')
    hits = [doc[h.start : h.end].text for h in matcher.hits(doc)]
    assert hits == ['partnership" with Moscow', "European army"]  # not across the comma


def test_a_pattern_matches_through_an_adverb_inside_it_but_not_a_negation(nlp):
    patterns = ("negotiate with russia", "rely on the united states")
    taxonomy = {"talks": Topic("talks", "Talks", "Talks.", patterns)}
    matcher = TopicMatcher(nlp, taxonomy)
    text = (
        "He dismissed the idea of negotiating directly with Russia. Europe cannot rely solely on the United "
        "States. They will negotiate, not with Russia, but with Kyiv. The army, with Russia far away, waits."
    )
    doc = nlp(text)
    hits = [doc[h.start : h.end].text for h in matcher.hits(doc)]
    assert hits == ["negotiating directly with Russia", "rely solely on the United States"]
