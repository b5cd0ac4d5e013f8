"""Statement extraction rules: (text, expected) tables over the real spaCy pipeline and gazetteer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dashboard.nlp.pipeline import load_model, statements_for_doc
from dashboard.nlp.quotes import find_quotes, merge_continued
from dashboard.sources import iter_records

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_ee8831fa031bc108.txt"


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def extract(nlp, text: str, when: date | None = None):
    return statements_for_doc(nlp(text), when)


# (text, article date, expected fields of the one statement whose content contains `content`)
CASES = [
    (
        '"Europe must act," Macron said.',
        date(2018, 8, 27),
        {
            "kind": "direct",
            "speaker": "Emmanuel Macron",
            "speaker_country": "FRA",
            "content": "Europe must act",
        },
    ),
    (
        'Macron said: "Europe must act now."',
        date(2018, 8, 27),
        {"kind": "direct", "speaker": "Emmanuel Macron", "cue": "said", "content": "Europe must act now."},
    ),
    (  # the object announces the quote: it is what was said
        'Paul Becker spoke first. Later, Olaf Scholz said the following sentence: "We will invest more."',
        date(2022, 3, 1),
        {"kind": "direct", "speaker": "Olaf Scholz", "content": "We will invest more."},
    ),
    (  # a quote inside narration about a person is that person's, not the last speaker's
        '"The talks were hard," Paul Becker said. Macron then pushed for a "true, European army" in Paris.',
        date(2018, 11, 9),
        {"kind": "direct", "speaker": "Emmanuel Macron", "content": "true, European army"},
    ),
    (
        '"Europe must act," said French President Emmanuel Macron.',
        None,
        {
            "kind": "direct",
            "speaker": "Emmanuel Macron",
            "speaker_role": "President",
            "speaker_country": "FRA",
        },
    ),
    (
        "Mr Macron said that Europe must build its own defence.",
        date(2019, 1, 1),
        {"kind": "indirect", "speaker": "Emmanuel Macron", "content": "Europe must build its own defence"},
    ),
    (
        'She called the plan "a historic moment" for the alliance.',
        None,
        {"kind": "partial", "speaker_type": "unknown"},
    ),
    (
        "According to NATO, Germany spent about 1.5% of GDP on defence last year.",
        date(2022, 3, 1),
        {"speaker": "NATO", "speaker_type": "organization", "speaker_country": None, "cue": "According to"},
    ),
    (
        'The White House called the remarks "deeply unhelpful".',
        date(2019, 11, 8),
        {
            "speaker": "White House",
            "speaker_type": "organization",
            "speaker_country": "USA",
            "kind": "partial",
        },
    ),
    (
        "One diplomat said the talks had failed.",
        None,
        {"speaker": None, "speaker_type": "anonymous", "content": "the talks had failed"},
    ),
    (
        "A German official said the talks had failed.",
        None,
        {"speaker": None, "speaker_type": "anonymous", "speaker_country": "DEU"},
    ),
    (
        "German Foreign Minister Heiko Maas spoke in Berlin on Monday. "
        "He said Europe should form a counterweight.",
        date(2018, 8, 22),
        {
            "speaker": "Heiko Maas",
            "speaker_country": "DEU",
            "speaker_role": "Foreign Minister",
            "cue": "said",
        },
    ),
    (
        '"We are ready. We will act," Stoltenberg said on Tuesday.',
        date(2017, 5, 25),
        {"kind": "direct", "speaker": "Jens Stoltenberg", "speaker_org": "NATO", "speaker_country": None},
    ),
    (
        "The plan is dead, officials said on Tuesday.",
        None,
        {"kind": "indirect", "speaker_type": "anonymous", "content": "The plan is dead"},
    ),
    (
        "The decision, two diplomats said, was taken late on Monday.",
        None,
        {"kind": "indirect", "speaker_type": "anonymous"},
    ),
    (
        "Rasmussen said Denmark wanted to cooperate within the limits of its opt-out.",
        date(2018, 8, 28),
        {
            "speaker": "Lars Løkke Rasmussen",
            "speaker_country": "DNK",
            "content": "Denmark wanted to cooperate",
        },
    ),
    (
        "Rasmussen said the allies would not recognise the annexation.",
        date(2014, 3, 18),
        {"speaker": "Anders Fogh Rasmussen", "speaker_org": "NATO", "speaker_country": None},
    ),
    (
        "NATO said the exercise was purely defensive.",
        None,
        {"speaker": "NATO", "speaker_type": "organization", "speaker_country": None},
    ),
    (
        "Spain said it could meet its capability targets while spending less.",
        date(2025, 6, 20),
        {"speaker": "Spain", "speaker_type": "country", "speaker_country": "ESP"},
    ),
    (
        "Madrid insisted it would meet its commitments.",
        date(2025, 6, 20),
        {"speaker": "Spain", "speaker_type": "country", "speaker_country": "ESP", "cue": "insisted"},
    ),
    (
        "The Kremlin warned that the deployment would be met with a response.",
        date(2016, 7, 8),
        {"speaker": "Kremlin", "speaker_country": "RUS", "cue": "warned"},
    ),
    (
        "Trump wrote on Twitter that allies must pay their fair share.",
        date(2018, 7, 10),
        {"speaker": "Donald Trump", "speaker_country": "USA", "cue": "wrote", "kind": "indirect"},
    ),
    (
        "Mr Trump called on European countries to increase their defence spending.",
        date(2018, 7, 12),
        {"speaker": "Donald Trump", "content": "European countries to increase their defence spending"},
    ),
    (
        "He urged Europe to exert itself as a trade power.",
        None,
        {"speaker_type": "unknown", "cue": "urged", "content": "Europe to exert itself as a trade power"},
    ),
    (
        "EU powerhouse Germany has given only muted backing to the plans.",
        None,
        {"speaker": "Germany", "speaker_type": "country", "content": "only muted backing to the plans"},
    ),
    (
        "Macron: Europe cannot depend on the US for its security\n\nThe president spoke in Paris.",
        None,
        {
            "speaker": "Emmanuel Macron",
            "cue": ":",
            "content": "Europe cannot depend on the US for its security",
        },
    ),
    (
        "NATO's latest estimates show that Poland will spend 4.12% of GDP this year.",
        date(2024, 6, 17),
        {"speaker": "NATO", "speaker_type": "organization"},
    ),
    (
        "NATO met in Brussels. The alliance's latest estimates show that Poland will spend 4.12% of GDP.",
        date(2024, 6, 17),
        {"speaker": "NATO", "speaker_type": "organization", "cue": "show"},
    ),
    (
        "NATO leaders met in Vilnius. The communiqué said that Ukraine's future is in NATO.",
        date(2023, 7, 11),
        {"speaker": "NATO", "content": "Ukraine's future is in NATO"},
    ),
    (
        "NATO leaders declared that Ukraine's path to membership was irreversible.",
        date(2024, 7, 10),
        {"speaker": "NATO", "speaker_type": "organization"},
    ),
    (
        '"We need to take new initiatives," Kallas told reporters. "And we need them now."',
        date(2025, 3, 1),
        {"kind": "direct", "speaker": "Kaja Kallas", "content": "initiatives … And we need them now."},
    ),
]


CASES += [
    (  # the person the subject names, not one in a relative clause on it
        "Polish Prime Minister Donald Tusk, who met Mr Sunak later in the day, said Poland would spend more.",
        date(2024, 4, 23),
        {"speaker": "Donald Tusk", "speaker_country": "POL", "content": "Poland would spend more"},
    ),
    (  # "<country>'s government" is the country
        "Estonia's government has said it intends to raise spending to well above 3%.",
        date(2025, 1, 8),
        {"speaker": "Estonia", "speaker_type": "country", "content": "well above 3%"},
    ),
    (  # "the government" alone is that of the country of the last person named
        "Olaf Scholz spoke in the Bundestag. The government said it would send more weapons to Ukraine.",
        date(2022, 2, 27),
        {"speaker": "Germany", "speaker_type": "country", "content": "more weapons"},
    ),
    (  # a capitalised quantifier or group noun at the start of a sentence names no one
        "Several said privately that a target of 3.5% was more realistic.",
        None,
        {"speaker": None, "speaker_type": "anonymous"},
    ),
    (  # a capitalised institution the model did not tag is its country's, and no person's name
        "Spending will reach 2% of GDP in 2023, the Hungarian Defense Ministry said. The Polish Foreign "
        "Ministry said it would send more aid.",
        date(2023, 5, 1),
        {"speaker": "Polish Foreign Ministry", "speaker_country": "POL", "content": "more aid"},
    ),
    (
        "Spending will reach 2% of GDP in 2023, the Hungarian Defense Ministry said.",
        date(2023, 5, 1),
        {"speaker_type": "organization", "speaker_country": "HUN", "content": "2% of GDP"},
    ),
    (  # a government title with no country, in an article about one country: its official
        "Italy will meet the 2% target this year, Economy Minister Giancarlo Giorgetti said. Italy's debt is "
        "high and Italy's growth is slow.",
        date(2025, 4, 1),
        {"speaker": "Giancarlo Giorgetti", "speaker_country": "ITA", "content": "2% target"},
    ),
    (  # ... or, in an article naming its country once, the country of the people the gazetteer knows in it
        "Liz Truss met Ben Wallace and Jeremy Hunt on the UK budget. Armed forces minister James Heappey "
        "said he would resign if the 3% pledge was dropped.",
        date(2022, 10, 1),
        {"speaker": "James Heappey", "speaker_country": "GBR", "content": "3% pledge"},
    ),
    (  # ... but not a former one
        "China is near, China is big and China is rising, former prime minister Paul Keating said.",
        date(2024, 3, 1),
        {"speaker": "Paul Keating", "speaker_country": None, "content": "China is near"},
    ),
    (  # a lower-case title the tagger took for a name after a quotation is still the title
        "Prime Minister Mark Carney said Canada would invest five per cent of GDP by 2035. \u201cWe are "
        "already doing a third of it,\u201d the prime minister said.",
        date(2025, 6, 24),
        {"speaker": "Mark Carney", "speaker_country": "CAN", "content": "a third of it"},
    ),
    (  # a party's minister is not another party's
        "Defence Minister Boris Pistorius wants more money in talks with Finance Minister Christian Lindner "
        "of the FDP. The SPD minister said the budget was not enough.",
        date(2024, 6, 1),
        {"speaker": "Boris Pistorius", "content": "the budget was not enough"},
    ),
    (  # "The Republican" after an American named is that American, even tagged as an organisation
        "Viktor Orbán wants the sanctions ended once Donald Trump takes office. The Republican has "
        "repeatedly stated that he could end the Russian war against Ukraine in a short space of time.",
        date(2025, 1, 10),
        {"speaker": "Donald Trump", "speaker_country": "USA", "content": "end the Russian war"},
    ),
    (  # a party owns its member
        "CD&V party leader Sammy Mahdi said it was not the government's position.",
        date(2025, 6, 1),
        {"speaker": "Sammy Mahdi", "speaker_country": "BEL", "content": "government's position"},
    ),
    (  # ... but not of a leader named in passing in someone's words
        "Andrej Babiš said the Czech Republic would not raise spending further. The war must be ended by "
        "Donald Trump and Volodymyr Zelenskiy, he added. The government has proposed to spend CZK 155 "
        "billion on defence this year.",
        date(2026, 1, 20),
        {"speaker": "Czechia", "speaker_type": "country", "content": "CZK 155"},
    ),
    (  # a bare title of government in an article about one country: its holder, not the minister before it
        "Britain's army is shrinking. Britain's navy is too small. In 2021 the then defence secretary, Ben "
        "Wallace, cut the British army to 72,500. The prime minister has said that defence spending will "
        "rise to 2.5% of GDP.",
        date(2024, 1, 29),
        {"speaker": "Rishi Sunak", "speaker_country": "GBR", "content": "defence spending will rise"},
    ),
    (  # a quote opening the reported clause's subject is part of the clause, not the whole utterance
        'Mark Rutte said the "key deliverable" of the summit will be a plan to spend 5% of GDP on defence.',
        date(2025, 6, 23),
        {"kind": "partial", "speaker": "Mark Rutte", "content": "will be a plan to spend 5%"},
    ),
    (  # "This was stated by X": the sentence before is X's
        "Sweden will send a further 300 million kronor to Ukraine. This was stated by Prime Minister Ulf "
        "Kristersson on Monday.",
        date(2024, 5, 6),
        {"kind": "indirect", "speaker": "Ulf Kristersson", "content": "Sweden will send a further 300"},
    ),
    (  # ... and a closed quotation before it is X's words
        '"We are well short of the target and must catch up." This was said by Defence Minister Guido '
        "Crosetto at a hearing.",
        date(2023, 2, 1),
        {"kind": "direct", "speaker": "Guido Crosetto", "speaker_country": "ITA", "content": "well short"},
    ),
    (  # "X announced this"
        "The EU will double its shell output by next year. Thierry Breton announced this in Brussels.",
        date(2024, 3, 1),
        {"speaker": "Thierry Breton", "content": "The EU will double its shell output by next year"},
    ),
    (  # what already has a speaker keeps it: "This was reported by" names the outlet that carried it
        "Jens Stoltenberg said any attack on an ally would meet a united response. This was reported by "
        "Reuters.",
        date(2024, 2, 11),
        {"speaker": "Jens Stoltenberg", "content": "any attack on an ally"},
    ),
    (  # an active verb conjoined to a passive one shares its subject
        "Mark Rutte was asked about the summit and said that allies would agree on 5%.",
        date(2025, 6, 20),
        {"speaker": "Mark Rutte", "content": "allies would agree on 5%"},
    ),
]


@pytest.mark.parametrize(("text", "when", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_statement_rules(nlp, text, when, expected):
    found = extract(nlp, text, when)
    assert found, "no statement found"
    wanted = expected.get("content")
    matches = [s for s in found if wanted is None or wanted in s.content.text]
    assert matches, [s.content.text for s in found]
    s = matches[0]
    actual = {
        "kind": s.kind,
        "speaker": s.speaker,
        "speaker_type": s.speaker_type,
        "speaker_country": s.speaker_country,
        "speaker_role": s.speaker_role,
        "speaker_org": s.speaker_org,
        "cue": s.cue.text if s.cue else None,
        "content": s.content.text,
    }
    for key, value in expected.items():
        if key == "content":
            continue
        assert actual[key] == value, (key, actual)


NEGATIVES = [
    "The summit ended on Tuesday with a joint declaration.",
    "Twenty-three of the EU's 28 member nations signed up to the process.",
    "Defence budgets rose across Europe in 2023.",
    "The crisis showed that Europe had to cut its dependence on Russian energy.",
    "",
    '"',
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_no_statement_in_plain_narration(nlp, text):
    assert extract(nlp, text) == []


def test_speech_inside_a_quote_is_not_a_new_statement(nlp):
    text = '"My colleagues said we were wrong, and they told me so," the minister said.'
    found = extract(nlp, text)
    assert len(found) == 1
    assert found[0].kind == "direct"


@pytest.mark.parametrize(
    "text",
    [
        'NATO "is a threat", Dmitry Peskov told reporters when asked about the plans.',
        "Asked about the plans, Dmitry Peskov said NATO was a threat.",
    ],
)
def test_the_question_put_to_a_speaker_is_no_second_statement(nlp, text):
    found = extract(nlp, text)
    assert [(f.cue.text, f.speaker) for f in found] == [
        ("told" if "told" in text else "said", "Dmitry Peskov")
    ]


def test_quote_running_over_paragraphs_is_one_statement(nlp):
    text = 'Stoltenberg said:\n\n"We will defend every inch.\n\n"And we will do it together."\n\nThe end.'
    quotes = merge_continued(find_quotes(text))
    assert len(quotes) == 1
    found = extract(nlp, text, date(2018, 1, 1))
    assert len(found) == 1
    assert "every inch" in found[0].content.text and "together" in found[0].content.text
    assert found[0].speaker == "Jens Stoltenberg"


def test_every_offset_slices_the_text(nlp):
    text = (
        'German Foreign Minister Heiko Maas, who has said Europe should "take an equal share of the '
        'responsibility", spoke on Monday. "We need new alliances," he said, according to a newspaper. '
        "Officials said the talks would go on."
    )
    found = extract(nlp, text)
    assert len(found) >= 3
    for s in found:
        pieces = s.fragments or (s.content,)
        assert " … ".join(text[p.start : p.end] for p in pieces) == s.content.text
        if s.speaker_mention:
            assert text[s.speaker_mention.start : s.speaker_mention.end] == s.speaker_mention.text
        if s.cue:
            assert text[s.cue.start : s.cue.end] == s.cue.text
        assert text[s.sentence.start : s.sentence.end] == s.sentence.text


@pytest.mark.skipif(not SEED.exists(), reason="the seed article lives in ../shared/seed")
def test_seed_article(nlp):
    article = next(iter_records([SEED]))
    found = extract(nlp, article.text)
    by_content = {s.content.text: s for s in found}
    rely = next(s for c, s in by_content.items() if c.startswith("Europe can not rely on the United States"))
    assert (rely.kind, rely.speaker, rely.speaker_country) == ("direct", "Emmanuel Macron", "FRA")
    denmark = next(s for c, s in by_content.items() if c.startswith("Denmark wanted to cooperate"))
    # the article is undated: its office holders (Trump as President, Maas as Foreign Minister) date it
    assert (denmark.speaker, denmark.speaker_country) == ("Lars Løkke Rasmussen", "DNK")
    maas = next(s for c, s in by_content.items() if "counterweight" in c)
    assert (maas.kind, maas.speaker, maas.speaker_role) == ("partial", "Heiko Maas", "Foreign Minister")
    trump = [s for s in found if s.speaker == "Donald Trump"]
    assert any("two per cent" in s.content.text for s in trump)
    germany = next(s for s in found if s.speaker == "Germany")
    assert germany.speaker_type == "country" and "muted backing" in germany.content.text


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Dutch officials retort that the fund would only help French firms.", "the fund would only help"),
        ("The institute reckons that European allies spent far more last year.", "European allies spent"),
        ("The Estonian defence minister lamented that a decade had been wasted.", "a decade had been wasted"),
        ('The statement reads, "The accession of Finland will make NATO stronger."', "accession of Finland"),
    ],
)
def test_less_common_reporting_verbs_attribute_statements(nlp, text, content):
    assert any(content in s.content.text for s in extract(nlp, text))


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (  # the parse takes the quoted words for the subject and the name for a second one
            "\u201cOur soldiers\u201d, insisted Mr Becker, \u201cwill not be sent abroad.\u201d",
            "Becker",
        ),
        (  # ... or the name for an object
            "\u201cThere will be a common army only when the threat is shared,\u201d pronounced "
            "Paul Becker, a former minister, in 1994.",
            "Paul Becker",
        ),
        (  # a fronted phrase is no speaker: the name after the verb is
            "The biggest danger to the alliance, says Tom Fischer, head of a research centre in Bonn, is "
            "\u201cthe mood in the capitals.\u201d",
            "Tom Fischer",
        ),
        (  # a document after a closing quote
            "\u201cThe army will double within a decade,\u201d warned the ministry\u2019s annual report.",
            "the ministry\u2019s annual report",
        ),
        (  # the name hung on the place before it: "Bonn, party member Tom Fischer"
            "As the meeting ended in Bonn, party member Tom Fischer, a lawyer, stated plainly that the "
            "budget was too small.",
            "Tom Fischer",
        ),
        (  # a verb opening its sentence: the noun phrase after it speaks, not the last speaker
            'Said one young man in Kiev: "I do not believe in the deal at all."',
            "one young man",
        ),
    ],
)
def test_inverted_and_stranded_attributions_find_the_speaker(nlp, text, speaker):
    found = extract(nlp, text)
    assert found, "no statement found"
    assert speaker in found[0].speaker_mention.text, [s.speaker_mention.text for s in found]


@pytest.mark.parametrize(
    "text",
    [
        # the name after the verb is the subject of what was said
        "Tom Fischer, who served under Mr Becker, said Lind \u201cfailed the party in every way.\u201d",
        # the one warned is no speaker
        "Tom Fischer, who met Mr Becker, warned Paul Lind against a vote.",
    ],
)
def test_a_name_after_the_verb_is_no_inverted_speaker(nlp, text):
    assert all("Tom Fischer" in s.speaker_mention.text for s in extract(nlp, text))


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        (
            "Donald Trump and France's Emmanuel Macron have both said Europe should pay more for defence.",
            {"Donald Trump", "Emmanuel Macron"},
        ),
        ("Estonia, Latvia and Lithuania all announced new aid packages.", {"Estonia", "Latvia", "Lithuania"}),
        # a description among the names, or a clause on the last name alone, is one speaker
        ("Ms Kallas and European officials said the plan was dead.", None),
        ("Matt Gaetz, who has proposed inviting Russia into NATO, and Jim Jordan met on Monday.", None),
    ],
)
def test_coordinated_named_speakers_each_say_it(nlp, text, speakers):
    found = extract(nlp, text, date(2018, 11, 10))
    assert found
    content = found[0].content.text
    said = [s for s in found if s.content.text == content]
    if speakers is None:
        assert len(said) == 1
    else:
        assert {s.speaker for s in said} == speakers


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        (  # the dateline is no subject
            "BONN, Germany (AP) \u2014 Chancellor Olaf Scholz opened his trip on Tuesday with warm words, "
            "saying that Europe must do more for its own defence.",
            "Chancellor Olaf Scholz",
        ),
        (  # a fronted time phrase the parse took for a second subject
            "Three days into the war the chancellor, Olaf Scholz, declared a turning point in policy.",
            "the chancellor, Olaf Scholz",
        ),
        (  # a conjunct cut off after "and" is no subject of its own
            "A recent paper by Paul Becker of the University of Bonn, and colleagues finds that research "
            "spending pays off.",
            "paper",
        ),
    ],
)
def test_of_two_subjects_the_nearest_speaks(nlp, text, mention):
    found = extract(nlp, text, date(2023, 1, 10))
    assert found, "no statement found"
    assert mention in found[0].speaker_mention.text, found[0].speaker_mention.text


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Emmanuel Macron responded on Tuesday by saying that Europe must defend itself.", "Emmanuel Macron"),
        (
            "After weeks of silence, Olaf Scholz ended the debate by announcing that Germany would send"
            " tanks.",
            "Olaf Scholz",
        ),
    ],
)
def test_a_gerund_under_a_preposition_speaks_for_the_clause_subject(nlp, text, speaker):
    found = extract(nlp, text, date(2023, 1, 10))
    assert [s.speaker for s in found] == [speaker]


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Interfax cited Sergei Ryabkov as saying that there were contacts.", ["Sergei Ryabkov"]),
        ("Reuters quoted Olaf Scholz as saying that Germany would send tanks.", ["Olaf Scholz"]),
        ("Donald Trump accused Emmanuel Macron of saying that NATO was brain dead.", []),  # an accusation
    ],
)
def test_a_gerund_after_an_object_is_the_object_s_act(nlp, text, speaker):
    said = [s for s in extract(nlp, text, date(2019, 12, 3)) if s.cue is not None and s.cue.text == "saying"]
    assert [s.speaker for s in said] == speaker


def test_a_speech_verb_joined_to_the_reported_clause_is_the_reporters(nlp):
    text = (
        "Chancellor Olaf Scholz said Poland had a right to protect its border and added that he would "
        "call Warsaw in the coming days."
    )
    found = extract(nlp, text, date(2023, 1, 10))
    added = next(s for s in found if "call Warsaw" in s.content.text)
    assert added.speaker == "Olaf Scholz"


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "Sen. Kelly Ayotte questioned the nominee on Wednesday. “Make a commitment to this committee,”"
            " the New Hampshire Republican said.",
            "Kelly Ayotte",
        ),
        (
            "Sen. John McCain spoke after Ashton Carter. “We need arms for Ukraine,” the Arizona Republican"
            " said.",
            "John McCain",
        ),
    ],
)
def test_a_party_member_description_is_the_last_legislator_named(nlp, text, speaker):
    found = [s for s in extract(nlp, text, date(2015, 2, 4)) if s.content.text.startswith(("Make", "We"))]
    assert [s.speaker for s in found] == [speaker]


def test_a_party_member_description_is_no_one_named_without_a_legislator_s_title(nlp):
    text = "Ashton Carter spoke on Wednesday. “We need arms for Ukraine,” the Arizona Republican said."
    assert "Ashton Carter" not in [s.speaker for s in extract(nlp, text, date(2015, 2, 4))]


def test_a_that_clause_the_parse_joins_above_the_cue_is_its_second_content(nlp):
    text = (
        "Zelensky responded by saying Kyiv remains open to dialogue, but that Moscow must first agree to a "
        "ceasefire."
    )
    (s,) = extract(nlp, text)
    assert s.speaker == "Volodymyr Zelensky"
    assert s.content.text.startswith("Kyiv remains open") and s.content.text.endswith("agree to a ceasefire")


def test_a_quote_used_by_one_clause_is_not_the_next_speaker_s(nlp):
    text = 'Ana Silva said the plan was "not a matter for the alliance." Marc Roe has expressed displeasure.'
    assert [s.speaker for s in extract(nlp, text)] == ["Ana Silva"]


def test_a_quote_the_parse_left_out_of_the_reported_clause_is_in_it(nlp):
    text = (
        "The alliance's chief warned that Donald Trump was putting allies at risk after the Republican "
        "front-runner said Russia should be able to do “whatever the hell they want” to members who do not "
        "pay."
    )
    contents = [s.content.text for s in extract(nlp, text)]
    assert any(c.startswith("Russia should") and "whatever the hell they want" in c for c in contents), (
        contents
    )
    assert "whatever the hell they want" not in contents  # no quote of its own


def test_a_quote_after_a_relayed_one_goes_on_with_the_relayed_speaker(nlp):
    text = (
        '"NATO was busted until I came along," Donald Trump said at a rally, CNN reported. "I said, '
        'everybody is going to pay."'
    )
    found = extract(nlp, text)
    assert [s.speaker for s in found if "everybody is going to pay" in s.content.text] == ["Donald Trump"]


def test_low_opening_quotes_close_with_a_high_mark(nlp):
    """ "\u201e...\u201c" (German and Baltic style): the high mark closes the quote, and one that reads as
    closing where no quote is open opens nothing (the words after it are no quotation)."""
    one = "\u201eThe day is historic,\u201c Kubilius said."
    assert [one[q.inner_start : q.inner_end] for q in find_quotes(one)] == ["The day is historic,"]
    two = "\u201eThe day is historic.\n\nThe road is long,\u201c Kubilius said from a distance."
    assert [two[q.inner_start : q.inner_end] for q in find_quotes(two)] == ["The day is historic."]


@pytest.mark.parametrize(
    ("text", "event"),
    [  # an event or an amount that confirms or signals something is no speaker
        (
            "Jens Stoltenberg said Bulgaria's increased defence spending confirms that it is an ally.",
            "spending",
        ),
        (
            "The decision to raise defence spending signals that Europe is serious about its security.",
            "decision",
        ),
    ],
)
def test_an_event_that_confirms_or_signals_makes_no_statement(nlp, text, event):
    said = [s for s in statements_for_doc(nlp(text), date(2024, 5, 1)) if s.speaker_mention is not None]
    assert not any(event in s.speaker_mention.text for s in said)


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "Emmanuel Macron's view is that Europe must build its own army.",
            "Emmanuel Macron",
            "Europe must build",
        ),
        (
            "Olaf Scholz spoke in Berlin. His argument was that Germany needs a bigger army.",
            "Olaf Scholz",
            "Germany",
        ),
    ],
)
def test_a_possessed_view_noun_before_be_that_is_its_possessor_s_statement(nlp, speaker, text, content):
    found = [s for s in extract(nlp, text, date(2024, 2, 1)) if content in s.content.text]
    assert [s.speaker for s in found] == [speaker]
    assert not found[0].content.text.startswith("that")


def test_a_view_noun_with_no_possessor_is_no_statement(nlp):
    assert extract(nlp, "The view in Paris is that Europe must build its own army.") == []


def test_a_pronoun_speaker_is_never_someone_named_only_in_the_words_it_says(nlp):
    found = extract(nlp, "He said he was open to talks with Vladimir Putin.", date(2025, 3, 1))
    assert [s.speaker for s in found] == [None]


def test_his_comments_speak_for_the_person_his_stands_for(nlp):
    text = "Donald Trump spoke in Ohio. His comments suggested that America might leave the alliance."
    found = extract(nlp, text, date(2016, 11, 10))
    assert [s.speaker for s in found] == ["Donald Trump"]
