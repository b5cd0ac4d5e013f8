"""Country, year and kind of figures in the prose of outlet articles (sentences written for these tests):
whose figure it is when a country only receives it, when a person or a body is the subject, and so on."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.nlp.numbers import extract_numbers
from dashboard.nlp.pipeline import load_model


@pytest.fixture(scope="module")
def nlp():
    return load_model()


WHEN = date(2023, 6, 1)

# (text, the figure's text, expected (country, year, kind); None in a field: not checked)
CASES = [
    # a person or a body as the subject gives the figure its country
    ("Mr Wallace asked the Treasury for an extra £8bn.", "£8bn", ("GBR", None, None)),
    ("Congress approved $45bn of military assistance.", "$45bn", ("USA", None, None)),
    # addressees that are a group or a pronoun leave the figure without a country
    ("Mr Biden urged the allies to spend 2% of GDP.", "2% of GDP", (None, None, None)),
    # a country that receives the figure is not whose figure it is
    ("The fund announced a new $12 billion loan programme for Moldova.", "$12 billion", (None, None, None)),
    ("Spain has given just €300m in aid to Ukraine.", "€300m", ("ESP", None, None)),
    # ... but a figure "for" a country is that country's
    ("Aid came to 0.2% of GDP, against 0.7% for Norway.", "0.7%", ("NOR", None, None)),
    # money asked for or requested is this year's
    ("The White House asked Congress for another $30bn aid package.", "$30bn", ("USA", 2023, "target")),
    # "it" / "the government" as the subject: the country the sentence before is about
    (
        "Norway is a useful example. It will spend 3% of its GDP on defence.",
        "3% of its GDP",
        ("NOR", None, None),
    ),
    (
        "Portugal is a striking case. It is a model for the south. It has six frigates in service.",
        "six",
        ("PRT", None, None),
    ),
    # ... but not "it" in a sentence about something else, nor a plural "countries"
    (
        "Norway is rich. Polls show that 70% of voters favour aid to countries in need.",
        "70%",
        (None, None, None),
    ),
    # the alliance's goal named with "of" is nobody's own figure
    ("Norway is rich. It spends far more than NATO's target of 2%.", "2%", (None, None, None)),
    # what a figure counts names its country
    ("The exercise involves 400 Polish troops and 250 Danish marines.", "250", ("DNK", None, None)),
    ("Germany says that 3,000 Russian soldiers died there.", "3,000", ("RUS", None, None)),
    ("In the poll, just 30% of Democrats backed the plan.", "30%", ("USA", None, None)),
    # ... and so does where the things counted are ("in" on the counted noun), not where a thing happens
    ("Only three plants in Sweden make such engines.", "three", ("SWE", None, None)),
    ("Ministers met in Brussels and agreed to spend 2% of GDP.", "2% of GDP", (None, None, None)),
    # an international lender's money is no one country's; a country given money only receives it
    ("The IMF lent Egypt a further $3bn.", "$3bn", (None, None, None)),
    ("Germany gave Ukraine €5bn last year.", "€5bn", ("DEU", 2022, None)),
    # money named in a past-tense clause is of the article's year, even when pledged or planned
    ("Only $2bn of the fund was paid out.", "$2bn", (None, 2023, None)),
    ("Spain said the new fund would be worth €9bn.", "€9bn", ("ESP", 2023, None)),
    # proposals and wishes are targets; the level a change starts from is reported
    ("She proposes a flat 15% duty on steel.", "15%", (None, None, "target")),
    ("He wants a 40% levy on cars, up from 10% today.", "10%", (None, 2023, "reported")),
    ("He wants a 40% levy on cars, up from 10% today.", "40%", (None, None, "target")),
    # a year of the first half of the 20th century is a year too
    ("In 1938 Britain spent 7% of its GDP on arms.", "7% of its GDP", ("GBR", 1938, None)),
    # a target takes a year named before it in its own clause
    ("Italy plans to raise its aid next year to €3bn.", "€3bn", ("ITA", 2024, "target")),
    # ... but not one of another clause
    ("The plan was set in 2021, and Italy would aim for 3% of GDP.", "3% of GDP", ("ITA", None, "target")),
    # a count of nations or states counts several countries, no one country's figure
    ("The four Nordic states, Norway, Denmark, Finland and Sweden, met.", "four", (None, None, None)),
    ("The two Baltic nations Latvia and Estonia agreed.", "two", (None, None, None)),
    # a sentence naming no country, inside a paragraph: the country the sentence before is about
    ("Sweden is expanding its navy. The plan calls for 12 new corvettes.", "12", ("SWE", None, None)),
    ("Mr Kristersson wants a bigger navy. The plan calls for 12 new corvettes.", "12", ("SWE", None, None)),
    # ... but not across a paragraph break, nor after several countries, nor in a sentence about the world
    ("Sweden is expanding its navy.\n\nThe plan calls for 12 new corvettes.", "12", (None, None, None)),
    (
        "Sweden and Finland are expanding their navies. The plan calls for 12 new corvettes.",
        "12",
        (None, None, None),
    ),
    ("Sweden is expanding its navy. Output across the world rose by 4% last year.", "4%", (None, None, None)),
    # ... looking back over sentences of the paragraph that name no country
    (
        "Sweden is expanding its navy. The plan is costly. The navy will order 12 new corvettes.",
        "12",
        ("SWE", None, None),
    ),
    (
        "Sweden is expanding its navy.\n\nThe plan is costly. The navy will order 12 new corvettes.",
        "12",
        (None, None, None),
    ),
    # several countries named together as the subject: their figure together, no one country's
    (
        "In May Poland, the Netherlands and Finland joined forces to order 400 rockets.",
        "400",
        (None, None, None),
    ),
    # a year in a clause of its own before the figure is not the figure's; one in its own clause is
    ("Under a pact signed two years ago, Japan pays about 30% of the costs.", "30%", ("JPN", 2023, None)),
    ("Two years ago Japan paid about 30% of the costs.", "30%", ("JPN", 2021, None)),
    # a figure in brackets after one of two conjoined countries is that country's alone
    (
        "France's aid is modest relative to both Britain (€9.1bn) and Germany (a whopping €17.7bn).",
        "€17.7bn",
        ("DEU", 2023, None),
    ),
    # a figure compared with is the place's that follows it, none when that is no country
    (
        "Brazil spends 78% of its budget on people compared with less than 50% in the West.",
        "50%",
        (None, 2023, None),
    ),
    ("Britain spends 2.3% of GDP on defence, compared with 1.5% in Germany.", "1.5%", ("DEU", 2023, None)),
    ("Germany will invest more than 2% of its GDP in defence.", "2% of its GDP", ("DEU", None, None)),
    # a relative clause on a group is the group's, not the speaker's country's
    (
        "Mr Trump says he will not defend allies that do not spend at least 2% of GDP on defence.",
        "2% of GDP",
        (None, None, None),
    ),
    # a "with" phrase shares the opening date of the clause it hangs on; a plain participle does not
    ("This year it will be nearer 2.3%, with military spending hitting £52bn.", "£52bn", (None, 2023, None)),
    (
        "In 2018 the body recommended raising it by 3% to 5% in real terms every year.",
        "3%",
        (None, None, None),
    ),
    # a span of years counts from the year named before it in the sentence, or else the article's
    ("The army may have fewer than 70,000 soldiers within two years.", "70,000", (None, 2025, None)),
    (
        "America spent 6% of its GDP on defence in 1989 and roughly 3% in ten years.",
        "3%",
        ("USA", 1999, None),
    ),
    ("Costs rose by 62% since the previous report a year earlier.", "62%", (None, 2022, None)),
    ("Inflation hit 5%, the highest in 20 years.", "5%", (None, 2023, None)),
    ("The year before that, the navy had $30bn.", "$30bn", (None, 2022, None)),
    # the alliance's goal is the country's that one named subject meets it for, not a group's
    (
        "Mette Frederiksen raised spending sharply to meet NATO's target of 2% of GDP.",
        "2% of GDP",
        ("DNK", None, None),
    ),
    ("Only ten allies will meet NATO's target of 2% of GDP.", "2% of GDP", (None, None, None)),
    # a surname alone is the person the article named in full, unless the gazetteer's is in office then
    (
        "Hunter Biden testified on Monday. On Tuesday Mr Biden approved $60bn for the army.",
        "$60bn",
        ("USA", None, None),
    ),
    # "non-U.S." names every country but that one
    ("This year, eight of the 31 non-U.S. allies are meeting the target.", "eight", (None, 2023, None)),
    ("In 2019 it had $30bn, and the year after, $32bn.", "$32bn", (None, 2020, None)),
    # a sum a total comes to, or one already pledged, is of the article's year even when it is planned
    ("The new plan would bring total spending on the navy to $40bn.", "$40bn", (None, 2023, None)),
    ("Sweden's military budget will reach about $12bn.", "$12bn", ("SWE", 2023, None)),
    ("Norway has committed €2bn in aid, including €500m of weapons.", "€500m", ("NOR", 2023, None)),
    # a year the figure is compared with is not its own
    (
        "Support for the euro rose to 61 percent, up five points from the autumn of 2021.",
        "61 percent",
        (None, 2023, None),
    ),
    ("Spain's defence budget grew to €20bn, compared with 2019.", "€20bn", ("ESP", 2023, None)),
    ("Poland's army is larger than in 2015, with 190,000 soldiers.", "190,000", ("POL", 2023, None)),
    ("Arms sales rose by 9% compared with the same months in 2021.", "9%", (None, 2023, None)),
    # "since last year's summit" starts a period; it is not the figure's year
    (
        "Since last year's summit, the alliance has kept 300,000 troops on high alert.",
        "300,000",
        (None, 2023, None),
    ),
    # ... but a later year a figure starts from is its own
    ("Denmark will spend 3% of GDP on defence from 2026.", "3% of GDP", ("DNK", 2026, None)),
    # a source's "figures" do not make a level a target
    (
        "Poland spends about 4.1% of its GDP on defence, according to NATO figures.",
        "4.1% of its GDP",
        ("POL", 2023, "reported"),
    ),
    # a share of the alliance's whole is the subject country's; a count of allies is no one's
    ("Britain provides 30% of the alliance's ships.", "30%", ("GBR", None, None)),
    (
        "The summit worried diplomats in three close US allies, Japan, Australia and Canada.",
        "three",
        (None, None, None),
    ),
    # a person's name the model left unlabelled still gives the subject's country
    ("Hollande sent 200 soldiers to Mali.", "200", ("FRA", None, None)),
    (
        "Still, Mr Scholz knows that doubts are mushy. "
        "On Monday his government announced another €300m of arms.",
        "€300m",
        ("DEU", None, None),
    ),
    # an international body's money is not the article's home country's
    (
        "Austria is small. Austria is rich. Austria is neutral. "
        "Only $2bn of those funds were paid, bringing the IMF's total to $9bn.",
        "$2bn",
        (None, None, None),
    ),
    # the dead and wounded are the country's where they fell
    ("Two soldiers were killed near Kharkiv, Ukraine.", "Two", ("UKR", None, None)),
    (
        "Rights groups say more than 300 people were killed in the protests in Iran.",
        "300",
        ("IRN", None, None),
    ),
    # what a sum buys names its country; a country named before a verb is not "close" to the figure
    ("Washington imposed tariffs on $5bn worth of Chinese steel.", "$5bn", ("CHN", None, None)),
    ("Norway has given €2bn in aid to Ukraine, including €700m of weapons.", "€700m", ("NOR", None, None)),
    # a deadline opening the sentence holds for the verb its figure's verb depends on
    ("By 2029, annual defense expenditures are expected to reach €153bn.", "€153bn", (None, 2029, None)),
    # a target owned by a group ("allies' target") is no one country's, whoever the subject is
    (
        "Germany's coalition acted ahead of the summit that aims to raise allies' defense spending target "
        "from 2% of GDP to 3.5%.",
        "3.5%",
        (None, None, None),
    ),
    # the alliance's target a country meets is the country's figure
    (
        "Canada has vowed to increase its military expenditure to meet NATO's 2% target.",
        "2%",
        ("CAN", None, None),
    ),
    # a research institute is a source, not a country's body; a member named as such owns no whole's figure
    (
        "The Stockholm International Peace Research Institute (SIPRI) published a summary of global "
        "military spending, which reached $2.718 trillion.",
        "$2.718 trillion",
        (None, None, None),
    ),
    (
        "Military spending in Europe (including Russia) increased by 17% to $693 billion.",
        "$693 billion",
        (None, None, None),
    ),
    # a relative clause on a country tells its figure, even a country named as an example
    (
        "Several countries have failed to meet it including Italy, which reached only 1.49% in 2024.",
        "1.49%",
        ("ITA", 2024, None),
    ),
    # a year the figure is compared with ("double that of 2015") is not its own
    (
        "Russia's military spending in 2022 reached $149 billion, up 38% from 2021 and double that of 2015.",
        "$149 billion",
        ("RUS", 2022, None),
    ),
    # the person who owns the pledge the sum is "of" gives its country
    ("Mr Macron's pledge of €3bn in aid signals a growing European effort.", "€3bn", ("FRA", None, None)),
    # a recipient named in a conjunct the figure hangs on does not own it
    (
        "The package will exempt from the debt rules spending on defense and security, including "
        "intelligence agencies and assistance to Ukraine, worth more than 1% of GDP.",
        "1% of GDP",
        (None, None, None),
    ),
    # the object of "accuse ... of spending" does the spending; a passive agent owns the figure
    (
        "Mr Biden accused Italy of spending a mere 1.5% of its national output on defence.",
        "1.5% of its national output",
        ("ITA", None, None),
    ),
    (
        "The Dutch premier accused Spain of spending only 1.3% of its output on defence compared to the "
        "2.4% spent by Norway.",
        "2.4%",
        ("NOR", None, None),
    ),
    # a year inside brackets opened after the figure is the bracketed figure's
    ("Italy has pledged €900m, against Poland (€3bn, stretching to 2027).", "€900m", ("ITA", 2023, None)),
    ("Italy has pledged €900m, against Poland (€3bn, stretching to 2027).", "€3bn", ("POL", 2027, None)),
    # an average over a group of countries, or a goal some of a country's allies meet, is no one's
    (
        "Poland spends about 4% of its GDP on defence; the European average is 1.9%.",
        "1.9%",
        (None, None, None),
    ),
    (
        "Only nine of America's 31 allies will reach the target of 2% of GDP this year.",
        "2% of GDP",
        (None, None, None),
    ),
    # the sentence before is not about a country it only sends something to, or names in a side clause
    (
        "The navy was short of ships even before donations from its fleet to Ukraine. "
        "Although €1bn was set aside last year, the money may vanish.",
        "€1bn",
        (None, None, None),
    ),
    (
        "Spain has sent few weapons. Its total pledges come to around 0.2% of GDP, against 0.5% for Norway.",
        "0.2% of GDP",
        ("ESP", None, None),
    ),
    (
        "Ever since Russia attacked Ukraine, the firm has been flooded with orders. "
        "On Monday it said that sales rose by 15% last year.",
        "15%",
        (None, None, None),
    ),
    # a share of what a country owns is that country's, not the subject's
    (
        "Analysts think Norway supplies between 30% and 45% of Poland's gas imports.",
        "30%",
        ("POL", None, None),
    ),
    (
        "Analysts think Norway supplies between 30% and 45% of Poland's gas imports.",
        "45%",
        ("POL", None, None),
    ),
    ("Norway's gas makes up 30% of Poland's imports.", "30%", ("POL", None, None)),
    # "now" sets the figure in the article's year, whatever year another phrase names
    (
        "From a high of 4,000 soldiers in Mali in 2019, Spain now keeps only 900.",
        "900",
        ("ESP", 2023, None),
    ),
    (
        "Currently, Poland can make 20,000 rounds a month, while Italy made 50,000 last year.",
        "20,000",
        ("POL", 2023, None),
    ),
    # ... but not over a year the figure's subject names
    (
        "Norway's 2021 figure, estimated at 2.1% a year ago, now stands at 1.9%.",
        "1.9%",
        ("NOR", 2021, None),
    ),
    # "that year" is the last year the article named
    ("Spending rose in 2016. That year only five countries met the goal.", "five", (None, 2016, None)),
    # a fiscal year is a year: "this fiscal year", "next financial year"
    ("Canada, long a laggard, says it will hit 2% this fiscal year.", "2%", ("CAN", 2023, None)),
    ("Sweden will spend 2.6% of GDP in the next financial year.", "2.6% of GDP", ("SWE", 2024, None)),
    # the end of the decade or of the year is a deadline
    (
        "London announced that it would lift defence spending to 2.5% of GDP by the end of the decade.",
        "2.5% of GDP",
        ("GBR", 2030, None),
    ),
    ("Denmark will deliver 19 F-16s by the end of the year.", "19", ("DNK", 2023, None)),
    # the seat of a government is not a venue; a leader's administration is the leader's country
    (
        "The government in Warsaw plans to raise spending to 4.7% of GDP next year.",
        "4.7% of GDP",
        ("POL", 2024, None),
    ),
    (
        "The Trump administration proposed a $54 billion increase in military spending for fiscal 2018.",
        "$54 billion",
        ("USA", 2018, None),
    ),
    # a country a figure is in is whose it is, unless an event only took place there
    ("In Germany, defence spending will rise to 2.1% of GDP this year.", "2.1% of GDP", ("DEU", 2023, None)),
    ("Spending in Italy is still only 1.5% of GDP.", "1.5% of GDP", ("ITA", None, None)),
    ("He said the declaration reaffirmed the goal agreed in Wales of 2% by 2024.", "2%", (None, 2024, None)),
    # a month after the article's, told in the past, is last year's; not a start ("since ... last April")
    (
        "In November, Lithuania approved a budget of 2.5 billion euros for defence.",
        "2.5 billion euros",
        ("LTU", 2022, None),
    ),
    (
        "About 1.2 million Ukrainians have fled their homes since the fighting began last September.",
        "1.2 million",
        ("UKR", 2023, None),
    ),
    # "last summer" before the summer's end is last year's
    ("The Ukrainian army fired 6,000 shells a day last summer.", "6,000", ("UKR", 2022, None)),
    # a figure asked for with no one told is the asker's
    (
        "In his 2019 budget, Mr Trump asked for $716 billion for the military.",
        "$716 billion",
        ("USA", 2019, None),
    ),
    # a figure over a span of years is of its last year
    ("Between 2014 and 2023, European spending rose by 46%.", "46%", (None, 2023, None)),
    # "his country" is the country of the person whose clause it is in, not of one named earlier
    (
        '"Spain is a problem," said the US president, after Pedro Sánchez argued that his country can '
        "achieve the targets by dedicating 2.1% of its GDP.",
        "2.1% of its GDP",
        ("ESP", None, None),
    ),
    # a figure in the act of a noun a body of several countries owns is no one country's
    (
        "Viktor Orbán said he has vetoed the EU's decision to provide Ukraine with 50 billion euros of aid.",
        "50 billion euros",
        (None, None, None),
    ),
    # the country supplied "with" the figure receives it: the supplier's count
    ("Belgium is to supply Ukraine with 30 F-16 fighter jets by 2028.", "30", ("BEL", 2028, None)),
    # "U.S. dollars" is a currency, and the name in it no country the sum is of
    (
        "EU leaders failed to agree on a 50-billion-euro (54.63 billion U.S. dollars) package of aid.",
        "54.63 billion U.S. dollars",
        (None, None, None),
    ),
    # a country in a relative clause on the subject is not whose figure it is
    (
        "Lithuania's foreign minister said Europe faced a new era after the Baltic state, which is next to "
        "Russia, said it would spend between 5 per cent and 6 per cent of its GDP on defence.",
        "6 per cent of its GDP",
        ("LTU", None, None),
    ),
    # the alliance's guideline raised to a figure is no one country's, whoever proposes it
    (
        "Mr Trump suggested that NATO's minimum defence spending guideline should be raised to 5% of GDP.",
        "5% of GDP",
        (None, None, None),
    ),
    # the country a figure is for, before one named earlier in another clause
    (
        "The bill includes $60 billion in aid for Ukraine as it fights Russia's invasion, and $14 billion "
        "for Israel.",
        "$14 billion",
        ("ISR", None, None),
    ),
    # a dateline is where the report was filed; a name before "$" is the currency's
    (
        "LONDON — Worldwide military spending surged by 9 percent in 2023 to hit a record $2.2 trillion, "
        "according to a report by the International Institute for Strategic Studies.",
        "$2.2 trillion",
        (None, None, None),
    ),
    (
        "South Korea plans to spend 346.7 trillion Korean won (U.S. $262.8 billion) on defence.",
        "$262.8 billion",
        ("KOR", None, None),
    ),
    # a ministry every country has, named without a country, is the home country's; lakh and crore scale
    (
        "India raised its defence budget. India will buy jets, and India will build ships. The capital "
        "outlay for the Ministry of Defence has been pegged at ₹8,774 crore.",
        "₹8,774 crore",
        ("IND", None, None),
    ),
    # a research institute that reports a figure is not whose it is; "global" spending is no country's
    (
        "Global military spending soars to $2.7 trillion in 2024, SIPRI says",
        "$2.7 trillion",
        (None, 2024, None),
    ),
    # a country named just after a figure's bracketed conversion is as near as one right after it
    (
        "Russia will spend 13.5 trillion rubles on defence in 2025. The budget envisages spending 2.2 "
        "trillion hryvnias ($53 billion) on Ukraine's defense.",
        "2.2 trillion hryvnias",
        ("UKR", None, None),
    ),
    # figures before "respectively" go in order to the countries conjoined before them
    (
        "Poland and Lithuania lead the pack, allocating 4.5 and 4 per cent of GDP respectively.",
        "4.5",
        ("POL", None, None),
    ),
    (
        "Poland and Lithuania lead the pack, allocating 4.5 and 4 per cent of GDP respectively.",
        "4 per cent of GDP",
        ("LTU", None, None),
    ),
    # "respectively" pairs the countries with the figures of one unit after them, not with counts before
    (
        "Two Asian countries were among the top three, with China and India spending US$261 billion (up 5.1 "
        "per cent) and US$71.1 billion (up 6.8 per cent), respectively.",
        "US$71.1 billion",
        ("IND", None, None),
    ),
    # a recipient on the noun the clause raises is not whose figure it is
    (
        "The Norwegian government proposes to increase funding for the programme for Ukraine to NOK 135 "
        "billion.",
        "NOK 135 billion",
        ("NOR", None, None),
    ),
    # a sum and its conversion are one: the home country of its national currency wins
    (
        "The new commitments take Australia's total contribution to support Ukraine to 790 million "
        "Australian dollars ($529m).",
        "790 million Australian dollars",
        ("AUS", None, None),
    ),
    # a conversion "(about ...)" is the same sum: the sum's country
    (
        "Ukraine will receive aid from Norway totaling NOK 75 billion (about EUR 6.8 billion), Jonas Gahr "
        "Støre said.",
        "EUR 6.8 billion",
        ("NOR", None, None),
    ),
    # ... also when the sum's span leaves out its currency's name; and the conversion takes the sum's year
    (
        "Voters rejected the Gripen in 2014, while the 6 billion Swiss franc ($6.5 billion) funding for the "
        "F-35 was approved in 2020.",
        "$6.5 billion",
        ("CHE", 2020, None),
    ),
    # the Financial Times' crowns, and "it" after a subject that a nationality names
    (
        "The Danish government chose the Franco-Italian SAMP-T system, and said it would buy a medium-range "
        "option for a total of DKr58bn ($9.1 billion).",
        "DKr58bn",
        ("DNK", None, None),
    ),
    # thousands grouped by a space
    ("Approximately 1 000 conscripts will join the Latvian army this year.", "1 000", ("LVA", None, None)),
    # a country that only names what a noun is about is not whose count it is
    ("The Senate approved the Ukraine aid bill by 79 votes to 18.", "79", ("USA", None, None)),
    # a national body is its country's own, also as the one a sum is for
    (
        "The coalition agreed on a 100 billion euro fund for the Bundeswehr.",
        "100 billion euro",
        ("DEU", None, None),
    ),
    # a figure something is compared with is the country it is given for
    (
        "Poland spent $38 billion on its army, compared with $9 billion for Romania.",
        "$9 billion",
        ("ROU", None, None),
    ),
    # a percentage "in" a country named right after it, whatever the parse hangs "in" on
    (
        "Backing for the alliance was highest at 88% in Lithuania, followed by 70% in the Netherlands.",
        "70%",
        ("NLD", None, None),
    ),
    # a list that leaves out its verb: each sum is the country named just before it
    (
        "Finland pledged €2.1 billion, Estonia €400 million and the United Kingdom €900 million.",
        "€400 million",
        ("EST", None, None),
    ),
    (
        "Finland pledged €2.1 billion, Estonia €400 million and the United Kingdom €900 million.",
        "€900 million",
        ("GBR", None, None),
    ),
]


@pytest.mark.parametrize(("text", "figure", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_real_prose_figures(nlp, text, figure, expected):
    found = {c.text: c for c in extract_numbers(nlp(text), WHEN)}
    assert figure in found, list(found)
    claim = found[figure]
    for name, want in zip(("country", "year", "kind"), expected, strict=True):
        if want is not None or name == "country":
            assert getattr(claim, name) == want, (name, getattr(claim, name))


@pytest.mark.parametrize(
    "text",
    [
        "Only five members have met the alliance's goal of spending 2% of GDP on defence.",
        "Britain met the target of 2% of GDP.",
    ],
)
def test_goal_named_with_of_has_no_year(nlp, text):
    """A goal named as "the target of ..." has no year of its own, even when a country has met it."""
    claims = [c for c in extract_numbers(nlp(text), WHEN) if c.unit == "percent_of_gdp"]
    assert [(c.kind, c.year) for c in claims] == [("target", None)]


@pytest.mark.parametrize(
    "text",
    [
        "The finance minister promised to invest an extra €50bn in the army.",
        "Europe would then spend $250bn a year on arms.",
        "Sweden's aid to Kyiv will reach $3bn a year.",
    ],
)
def test_money_over_years_has_no_year(nlp, text):
    """A sum promised with no deadline, or a rate per year, has no one year of its own."""
    claims = [c for c in extract_numbers(nlp(text), WHEN) if c.unit == "money"]
    assert [c.year for c in claims] == [None]


@pytest.mark.parametrize(
    ("text", "figure", "year"),
    [
        (
            "The number of members meeting the 2% guideline grew from four in 2016 to nine in 2023.",
            "2%",
            None,
        ),
        (
            "Twelve of the 30 allies will spend at least 2% of GDP on defence this year, up from three a "
            "decade ago.",
            "Twelve",
            2023,
        ),
    ],
)
def test_year_nearer_another_figure(nlp, text, figure, year):
    """A year after a figure, nearer a number of another unit in another clause, is that number's."""
    found = {c.text: c.year for c in extract_numbers(nlp(text), WHEN)}
    assert found[figure] == year


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("The aim is 3% of GDP over the next decade.", 2033),
        ("In 2014 allies agreed to spend 2% of GDP within a decade.", 2024),
        ("The aim is to reach 3% of GDP in the next decade.", None),
    ],
)
def test_a_decade_ahead_is_a_deadline_not_next_year(nlp, text, year):
    """ "over the next decade" and "within a decade" give a goal the year ten years on (the real gold's
    reading), not the year after the article's; "in the next decade" names no year."""
    claims = extract_numbers(nlp(text), WHEN)
    assert [c.year for c in claims] == [year]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Last year 12 allies did so.", [("12", 2022)]),
        ("The film explains the alliance in 90 seconds.", []),
        ("Two decades ago the army was bigger.", []),
    ],
)
def test_count_swept_into_a_date(nlp, text, expected):
    """A number the model put inside a date still counts the plural noun after it; a span of time does not."""
    assert [(c.text, c.year) for c in extract_numbers(nlp(text), WHEN)] == expected


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("In the 1980s, America spent 6% of GDP on defence.", None),
        ("During the cold war, Germany spent about 3% of GDP on defence.", None),
        ("Spending is at its highest since the cold war, at 2.1% of GDP.", 2023),
        ("The army is now at 73,000 soldiers, fewer than in the 1980s.", 2023),
    ],
)
def test_a_figure_of_an_era_has_no_year(nlp, text, year):
    """A figure told in the past of a decade or an era is of no one year; "since the cold war" is only a
    comparison, and a present figure keeps the article's year."""
    assert [c.year for c in extract_numbers(nlp(text), WHEN)] == [year]


@pytest.mark.parametrize(
    "text",
    [
        "The Netherlands spends 2% of GDP on defence. Under the plan, the new 5% standard is due by 2032.",
        "The Netherlands spends 2% of GDP on defence. The country welcomed the new 5% norm.",
    ],
)
def test_a_figure_named_as_a_norm_or_standard_is_a_share_of_gdp_goal(nlp, text):
    claim = next(c for c in extract_numbers(nlp(text), WHEN) if c.text == "5%")
    assert (claim.unit, claim.kind) == ("percent_of_gdp", "target")


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Russia's military spending reached $149 billion, up 38% from 2021.", "38%"),
        ("Russia: Military spending jumped 38% to $149 billion.", "38%"),
        ("China spent $296 billion on the military, 6% more than in the previous year.", "6%"),
        ("The US alone accounted for more than a third, or 37%, of global military spending.", "37%"),
    ],
)
def test_a_change_in_spending_is_no_share_of_gdp(nlp, text, figure):
    claim = next(c for c in extract_numbers(nlp(text), WHEN) if c.text == figure)
    assert claim.unit == "percent"


def test_a_plural_home_noun_is_no_home_country(nlp):
    # "NATO countries" names many countries, not "the country" the article is about
    text = (
        "Canada has long failed to meet the target. Canada will spend more this year, Canadian officials "
        "said. Defence ministers from NATO countries met in Brussels last week to discuss raising the "
        "member spending target to as much as five per cent of GDP."
    )
    claim = next(c for c in extract_numbers(nlp(text), WHEN) if c.text == "five per cent of GDP")
    assert claim.country is None


def test_a_target_of_a_share_is_of_gdp_and_a_since_clause_gives_no_year(nlp):
    text = "Canada has never met NATO's spending target of two per cent since it was established in 2006."
    claim = next(c for c in extract_numbers(nlp(text), WHEN) if c.text == "two per cent")
    assert (claim.unit, claim.year) == ("percent_of_gdp", None)


def test_a_hundred_percent_commitment_is_no_spending_goal(nlp):
    claim = next(c for c in extract_numbers(nlp("There is 100 percent commitment to Article 5."), WHEN))
    assert claim.unit == "percent"


def test_a_deadline_or_date_of_another_figure_is_not_this_ones(nlp):
    """The level a rise starts from takes no deadline ("from 2% of GDP to 5% of GDP by 2035"), and a year in
    a relative clause on another figure's noun is that figure's ("the 2% target that NATO set in 2014")."""
    rise = {
        c.text: c.year
        for c in extract_numbers(
            nlp("Allies agreed to more than double defence spending from 2% of GDP to 5% of GDP by 2035."),
            WHEN,
        )
    }
    assert rise == {"2% of GDP": None, "5% of GDP": 2035}
    years = {
        c.text: c.year
        for c in extract_numbers(
            nlp("Germany will spend 3.5% of GDP, up from the 2% target that NATO set in 2014."), WHEN
        )
    }
    assert years["2%"] == 2014 and years["3.5% of GDP"] != 2014, years


def test_the_level_a_change_starts_from_takes_no_later_date(nlp):
    """ "rise from its current 2.3% share to 2.5 per cent in 2027": 2027 is the 2.5%'s, the 2.3% is now."""
    years = {
        c.text: c.year
        for c in extract_numbers(
            nlp("Mr Starmer said spending will rise from its current 2.3% share to 2.5 per cent in 2027."),
            WHEN,
        )
    }
    assert years["2.5 per cent"] == 2027 and years["2.3%"] != 2027, years


def test_a_country_a_sum_goes_to_is_not_what_the_next_sentence_is_about(nlp):
    """ "The amount includes €8.5bn of military aid to Ukraine. This would bring core defence spending to
    3.5% of GDP": not Ukraine's 3.5%."""
    text = (
        "The amount includes about €8.5bn of military aid per year to Ukraine until 2029. This would bring "
        "core defence spending to about 3.5 per cent of GDP over the next four years."
    )
    found = {c.text: c.country for c in extract_numbers(nlp(text), WHEN)}
    assert found["3.5 per cent of GDP"] != "UKR", found


def test_a_date_after_a_from_level_is_that_levels(nlp):
    """ "3.5% of GDP over the next four years, from about 2.4% in 2025": 2025 is the 2.4%'s."""
    text = "Spending would reach about 3.5 per cent of GDP in four years, from about 2.4 per cent in 2025."
    found = {c.text: c.year for c in extract_numbers(nlp(text), WHEN)}
    assert found["2.4 per cent"] == 2025 and found["3.5 per cent of GDP"] != 2025, found


@pytest.mark.parametrize(
    ("text", "figure", "unit", "currency"),
    [
        # a percentage that is a change is no share of GDP, even after one in its sentence
        (
            "To achieve the 2 per cent mark, Belgium has increased its defence budget by 57.4 per cent.",
            "57.4 per cent",
            "percent",
            None,
        ),
        (
            "The defence budget for 2025 represents a 165% increase on the year before.",
            "165%",
            "percent",
            None,
        ),
        (
            "Some 1.6 trillion Turkish liras will be allocated for defense.",
            "1.6 trillion Turkish liras",
            "money",
            "TRY",
        ),
        ("The budget was raised to $7.9 billion (28.7 billion TL).", "28.7 billion TL", "money", "TRY"),
        ("The budget envisaged UAH 55 billion for arms production.", "UAH 55 billion", "money", "UAH"),
        # a scaled number right after a sum in its sentence is a sum in the same currency
        (
            "The army budget will rise from the current 2.7 billion euros to 3.38 billion.",
            "3.38 billion",
            "money",
            "EUR",
        ),
        # a share of something else named before makes the bare percentages after it shares of that too
        (
            "As for the goal of having 20% of defence money spent on investment, Slovenia raised the share "
            "from just 5% to 17% last year.",
            "17%",
            "percent",
            None,
        ),
        (
            "South Korea will spend 59.4 trillion won on defence next year.",
            "59.4 trillion won",
            "money",
            "KRW",
        ),
        ("Japan's defense spending will increase more than 16% next year.", "16%", "percent", None),
        (
            "Defence spending rose NT$7.8 billion, or 22.9 percent year-on-year.",
            "22.9 percent",
            "percent",
            None,
        ),
        (
            "Defence spending rose NT$7.8 billion, or 22.9 percent year-on-year.",
            "NT$7.8 billion",
            "money",
            "TWD",
        ),
        (
            "The defence budget is more than 13 per cent over the current year's.",
            "13 per cent",
            "percent",
            None,
        ),
    ],
)
def test_units_of_changes_and_currencies(nlp, text, figure, unit, currency):
    found = {c.text: c for c in extract_numbers(nlp(text), WHEN)}
    assert figure in found, list(found)
    assert (found[figure].unit, found[figure].currency) == (unit, currency)


def test_a_news_agency_reporting_the_sentence_before_is_not_whose_figure(nlp):
    from dashboard.nlp.gazetteer import Gazetteer
    from dashboard.nlp.pipeline import statements_for_doc

    doc = nlp(
        "The Czech Republic's defence spending could reach 2 per cent of GDP by 2024, Prime Minister Petr "
        "Fiala said.\n\nAccording to Fiala, it will not be easy to reach this goal, reports Xinhua news "
        "Agency.\n\nThis year, the Ministry manages a budget of 89 billion Czech crowns."
    )
    gaz = Gazetteer.load()
    said = [s for s in statements_for_doc(doc, WHEN, gaz) if s.speaker_mention]
    claims = extract_numbers(
        doc, WHEN, gaz, said_by={s.speaker_mention.start: s.speaker_country for s in said}
    )
    assert {c.text: c.country for c in claims}["89 billion Czech crowns"] == "CZE"


@pytest.mark.parametrize(
    "text",
    [
        "Finland will replace its fleet of F/A-18 Hornets by 2030.",
        "Spain will send Leopard 2A4 tanks to Ukraine.",
    ],
)
def test_a_letter_glued_to_digits_of_a_model_name_is_no_sum(nlp, text):
    assert not [c.text for c in extract_numbers(nlp(text), WHEN) if c.unit == "money"]


def test_a_dollar_prefix_glued_to_a_scaled_sum_gives_its_currency(nlp):
    found = {
        c.text: c.currency for c in extract_numbers(nlp("Hong Kong paid HK$5bn and Canada C$2bn."), WHEN)
    }
    assert found == {"HK$5bn": "HKD", "C$2bn": "CAD"}


def test_their_gdp_after_a_singular_subject_is_no_ones_country(nlp):
    text = (
        "The mercurial U.S. leader rammed through a commitment from allies to cough up 5 percent of their "
        "GDPs on security-related spending."
    )
    assert {c.text: c.country for c in extract_numbers(nlp(text), WHEN)} == {"5 percent of their GDPs": None}


def test_a_percentage_that_wants_or_favours_is_a_share_of_people(nlp):
    text = (
        "Defence spending is 2.3% of GDP. Just 11% want to see it reduced, while 22% favour keeping it at "
        "current levels."
    )
    units = {c.text: c.unit for c in extract_numbers(nlp(text), WHEN)}
    assert units == {"2.3% of GDP": "percent_of_gdp", "11%": "percent", "22%": "percent"}


def test_a_year_in_a_clause_completing_another_noun_is_not_the_figures(nlp):
    text = (
        "The summit will endorse a goal of 5% of GDP - a response to fears that Russia poses a growing "
        "threat following the 2022 invasion of Ukraine."
    )
    assert {c.text: c.year for c in extract_numbers(nlp(text), date(2025, 6, 24))} == {"5% of GDP": None}


def test_billions_that_count_nothing_take_the_currency_of_the_nearest_sum(nlp):
    text = (
        "In 2019 the ministry is covered by a budget of 43.2 billion. But she had demanded 47.2 billion "
        "euros. India has 1.4 billion people."
    )
    found = {c.text: (c.unit, c.currency) for c in extract_numbers(nlp(text), WHEN)}
    assert found["43.2 billion"] == ("money", "EUR")
    assert found["1.4 billion"] == ("count", None)


def test_the_level_a_change_starts_from_is_of_the_date_that_opens_its_clause(nlp):
    text = (
        "In February last year the government pledged to increase the country's defence expenditure from "
        "around 1.4% of GDP to 2%. Spending fell to 18% this year, down from roughly 22% in 2019."
    )
    years = {c.text: c.year for c in extract_numbers(nlp(text), date(2023, 3, 1))}
    assert years["1.4% of GDP"] == 2022
    assert years["22%"] == 2019


def test_the_lead_sentence_weighs_double_for_the_articles_own_country(nlp):
    text = (
        "Lithuania will spend more on defence, President Gitanas Nauseda said. Lithuania's army is growing. "
        "Russia is the threat, he said, and Russia will not stop.\n\nThe budget will reach 800 million euros."
    )
    found = {c.text: c.country for c in extract_numbers(nlp(text), WHEN)}
    assert found["800 million euros"] == "LTU"


@pytest.mark.parametrize(
    ("text", "figure", "value", "currency", "country"),
    [
        ("Ukraine needs to close a deficit of $65 bln per year.", "$65 bln", 65e9, "USD", "UKR"),
        (
            "The ministry's budget reached 748 million lari last year.",
            "748 million lari",
            748e6,
            "GEL",
            "GEO",
        ),
        (
            "The ministry's budget reached NT$949.5 billion this year.",
            "NT$949.5 billion",
            949.5e9,
            "TWD",
            "TWN",
        ),
    ],
)
def test_scales_and_currencies_of_smaller_states(nlp, text, figure, value, currency, country):
    found = {c.text: (c.value, c.currency, c.country) for c in extract_numbers(nlp(text), WHEN)}
    assert found[figure] == (value, currency, country)


def test_the_country_a_war_is_fought_in_is_not_whose_budget(nlp):
    text = (
        "The first step was taken after the start of the war in Ukraine, with the defense budget being "
        "increased to 0.39% in 2022."
    )
    assert {c.text: c.country for c in extract_numbers(nlp(text), WHEN)}["0.39%"] is None


def test_a_rise_by_an_adjective_and_a_percentage_is_a_change(nlp):
    text = (
        "Germany spends 1.2% of GDP on defence. It increased defence spending by 13.7 percent and will "
        "increase it by a further 7.9 percent. Rutte proposed 3.5% of GDP, supplemented by an additional "
        "1.5% for related areas."
    )
    units = {c.text: c.unit for c in extract_numbers(nlp(text), WHEN)}
    assert units["7.9 percent"] == "percent"
    assert units["1.5%"] == "percent_of_gdp"


def test_a_bare_crown_is_the_home_country_s_crown(nlp):
    text = (
        "Norway will raise its aid. Norway's parliament met on Monday. The Norwegian government agreed to "
        "spend 35 billion crowns on the programme. Denmark pledged 143 billion Danish krone."
    )
    found = {c.text: c for c in extract_numbers(nlp(text), WHEN)}
    assert (found["35 billion crowns"].currency, found["35 billion crowns"].country) == ("NOK", "NOR")
    assert (found["143 billion Danish krone"].unit, found["143 billion Danish krone"].currency) == (
        "money",
        "DKK",
    )


def test_a_participle_after_a_past_verb_reports_in_the_paragraph_s_year(nlp):
    text = (
        "Global military spending topped $2 trillion last year, SIPRI said. China came in second place, "
        "spending $293 billion on defense. In 2021, world military spending exceeded the two trillion "
        "dollar mark, reaching $2,113 billion."
    )
    found = {c.text: c for c in extract_numbers(nlp(text), date(2022, 4, 25))}
    assert found["$293 billion"].year == 2021
    assert (found["$2,113 billion"].year, found["$2,113 billion"].kind) == (2021, "reported")


def test_a_conjoined_participle_the_tagger_took_for_a_past_verb_keeps_the_paragraph_s_year(nlp):
    text = (
        "The United States remained the biggest spender in 2015. Among the others, China's expenditure rose "
        "by 7.4% to $215 billion and Russia's increased by 7.5% to $66.4 billion."
    )
    found = {c.text: c for c in extract_numbers(nlp(text), date(2016, 4, 5))}
    assert (found["$215 billion"].year, found["$66.4 billion"].year) == (2015, 2015)


def test_an_institute_s_report_that_says_a_figure_is_not_whose_figure(nlp):
    from dashboard.nlp.gazetteer import Gazetteer
    from dashboard.nlp.pipeline import statements_for_doc

    doc = nlp('"Global spending was 0.7 percent higher than in 2020", says SIPRI\'s annual report.')
    gaz = Gazetteer.load()
    said = [s for s in statements_for_doc(doc, WHEN, gaz) if s.speaker_mention]
    claims = extract_numbers(
        doc, WHEN, gaz, said_by={s.speaker_mention.start: s.speaker_country for s in said}
    )
    assert [(c.text, c.country) for c in claims] == [("0.7 percent", None)]


@pytest.mark.parametrize(
    ("text", "figure", "country"),
    [
        (  # the owner of the decision, not the subject who judges it
            "Donald Trump lashed out at Madrid, saying that Pedro Sánchez's government's decision not to "
            "raise military spending to 5% of GDP was unfair to NATO.",
            "5% of GDP",
            "ESP",
        ),
        (
            "Donald Trump praised the Polish government's decision to spend 4.7% of GDP on defence.",
            "4.7% of GDP",
            "POL",
        ),
        (  # a demand's clause with a subject of its own is the addressees'
            "Mr Trump's demand that allies lift their defence budgets to 2 percent of GDP by January "
            "stunned the other leaders.",
            "2 percent of GDP",
            None,
        ),
    ],
)
def test_a_figure_in_an_act_noun_s_infinitive_is_its_owner_s(nlp, text, figure, country):
    found = {c.text: c for c in extract_numbers(nlp(text), date(2025, 10, 14))}
    assert found[figure].country == country


def test_days_of_a_month_the_model_left_out_of_its_dates_are_no_figures(nlp):
    text = (
        "It is the second time this month that a member state has asked for Article Four talks, following "
        "the large-scale Russian drone incursion into Polish airspace on the night of September 9-10. "
        "A second attack on 12-13 October involved 19 drones."
    )
    assert [c.text for c in extract_numbers(nlp(text), date(2025, 10, 20))] == ["19"]
