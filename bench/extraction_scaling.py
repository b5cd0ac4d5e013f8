"""How extraction time grows with an article's length: long, quote-dense news-like articles written here
(`long_article`) at 25k to 400k characters, parsed once, then timed through the loader's extraction step.

Prints characters, statements, parse seconds, extraction seconds (best of --repeat) with their ratio per
doubling of the length (about 2 is linear, 4 quadratic), and the seconds the loader then spends turning the
numbers and stances into rows (`dashboard.nlp.extract`). --profile runs cProfile."""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZES = (25_000, 50_000, 100_000, 200_000, 400_000)

# (title, full name, pronoun, country adjective, capital); names the gazetteer knows and some it does not
PEOPLE = (
    ("German Chancellor", "Olaf Scholz", "he", "German", "Berlin"),
    ("French President", "Emmanuel Macron", "he", "French", "Paris"),
    ("NATO Secretary General", "Jens Stoltenberg", "he", "Norwegian", "Brussels"),
    ("Estonian Prime Minister", "Kaja Kallas", "she", "Estonian", "Tallinn"),
    ("European Commission President", "Ursula von der Leyen", "she", "German", "Brussels"),
    ("Polish Defence Minister", "Mariusz Blaszczak", "he", "Polish", "Warsaw"),
    ("Italian Prime Minister", "Giorgia Meloni", "she", "Italian", "Rome"),
    ("Hungarian Prime Minister", "Viktor Orbán", "he", "Hungarian", "Budapest"),
    ("German Defence Minister", "Boris Pistorius", "he", "German", "Berlin"),
    ("Danish Prime Minister", "Mette Frederiksen", "she", "Danish", "Copenhagen"),
    ("Spanish Prime Minister", "Pedro Sánchez", "he", "Spanish", "Madrid"),
    ("British Prime Minister", "Keir Starmer", "he", "British", "London"),
    ("Lithuanian Defence Minister", "Dovile Sakaliene", "she", "Lithuanian", "Vilnius"),
    ("Dutch Foreign Minister", "Hanna Verbeek", "she", "Dutch", "The Hague"),
    ("Finnish Defence Minister", "Antti Häkkänen", "he", "Finnish", "Helsinki"),
    ("Latvian President", "Edgars Rinkevics", "he", "Latvian", "Riga"),
)
COUNTRIES = ("Germany", "France", "Poland", "Estonia", "Italy", "Spain", "Denmark", "Lithuania", "Norway")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CUES = ("said", "told reporters", "said on {day}", "told parliament on {day}", "said in {capital}")

# One paragraph each; every one but the narrations holds a quotation. {name} is the full name, {surname}
# the last word of it, {Pron}/{pron} the pronoun, {title} the title before the name.
PARAGRAPHS = (
    '"We will raise defence spending to {pct}% of GDP by {year}," {title} {name} {cue}.',
    '"Europe must take far more responsibility for its own security," {surname} {cue}. "We cannot keep '
    'asking the Americans to pay for it."',
    "{title} {name} said {country} would increase its defence budget to {bn} billion euros next year, up "
    "from {bn2} billion, and called for a European defence union.",
    "According to NATO estimates, {country} spent {pct}% of its GDP on defence in {past}, compared with "
    '{pct2}% a decade ago. "That is not enough," {surname} said.',
    "{surname} warned against any pause in military aid to Ukraine, saying that \"a ceasefire on Moscow's "
    'terms would only reward the invasion."',
    '"The alliance is stronger than it has ever been," said {name}, adding that {count} of the 32 allies '
    "now meet the 2% guideline.",
    "Officials in {capital}, who spoke on condition of anonymity, said the government was preparing a "
    'package of {bn} billion euros for air defence. "We are buying what we need," one of them said.',
    '{Pron} rejected dialogue with Russia "as long as a single Russian soldier stands on Ukrainian soil," '
    "and urged allies to send more ammunition to Kyiv.",
    '"We have learned a hard lesson," {surname} {cue}. "Deterrence costs money.\n\n'
    '"And we will pay it, because peace is worth more than any budget line," {pron} added.',
    '"Strong allies make a strong alliance." \u2015 {name}',
    "The summit in {capital} ended with a joint declaration reaffirming the commitment to spend at least "
    "2% of GDP on defence and to deepen military cooperation with the European Union.",
    '{Pron} added that {country} had sent {count} tanks and {count2} howitzers to Ukraine since {past}. "We '
    'will not stop now," {pron} said.',
    'In a statement, the {adjective} government said it "strongly supports" the proposal for a joint '
    "European fund for defence, which the European Commission estimates at {bn} billion euros.",
    '{name}: "European defence cooperation is no longer optional, it is a matter of survival."',
    "Analysts at the International Institute for Strategic Studies said European members of NATO spent "
    '{bn} billion dollars on defence in {past}. "The trend is clear," said one of the authors, Maria Keller.',
    '"Nobody should be in any doubt," {title} {name} {cue}, "that we stand with Ukraine for as long as it '
    'takes."',
    '{surname} said that {country} opposed a NATO exemption for countries that "refuse to pull their '
    'weight", and pledged to reach 3.5% by 2035.',
    "The debate in {capital} has been bitter. Opposition leaders accused the government of planning defence "
    "cuts to pay for tax relief, a charge it denied.",
)


def long_article(chars: int, seed: int = 0) -> str:
    """A news-like article of about `chars` characters (whole paragraphs, blank lines between them): a
    headline, then paragraphs drawn from PARAGRAPHS with varied speakers, numbers and places, nearly every
    one with a quotation. The same `chars` and `seed` give the same text."""
    rng = random.Random(seed)
    parts = ["Europe's allies argue over how fast to rearm"]
    size = len(parts[0])
    while size < chars:
        title, name, pron, adjective, capital = rng.choice(PEOPLE)
        values = {
            "title": title,
            "name": name,
            "surname": name.split()[-1],
            "pron": pron,
            "Pron": pron.capitalize(),
            "adjective": adjective,
            "capital": capital,
            "country": rng.choice(COUNTRIES),
            "pct": f"{rng.choice((2, 2.5, 3, 3.5, 5))}",
            "pct2": f"{rng.randint(9, 19) / 10:.1f}",
            "year": rng.choice((2026, 2028, 2030, 2032, 2035)),
            "past": rng.choice((2019, 2021, 2022, 2023, 2024)),
            "bn": rng.randint(5, 120),
            "bn2": rng.randint(2, 60),
            "count": rng.randint(3, 30),
            "count2": rng.randint(4, 60),
        }
        values["cue"] = rng.choice(CUES).format(day=rng.choice(DAYS), capital=capital)
        paragraph = rng.choice(PARAGRAPHS).format(**values)
        parts.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(parts) + "\n"


def extract(doc, gaz, topics, targets) -> tuple:
    """The extraction step of `dashboard.nlp.extract` on one parsed article: statement rows, numbers,
    topic rows and stances."""
    from dashboard.nlp.extract import statement_rows
    from dashboard.nlp.numbers import extract_numbers
    from dashboard.nlp.pipeline import statements_for_doc
    from dashboard.nlp.stances import extract_stances
    from dashboard.nlp.topics import topic_rows

    statements = statements_for_doc(doc, None, gaz)
    numbers = extract_numbers(doc, None, gaz)
    rows = statement_rows("a", statements)
    spans = [(s["statement_id"], s["content_start"], s["content_end"]) for s in rows]
    topic = topic_rows(doc, "a", spans, matcher=topics)
    stances = extract_stances(doc, statements, None, gaz, matcher=targets)
    return rows, numbers, topic, stances


def loader_rows(rows, numbers, stances) -> None:
    """What the loader does next with them: number and stance rows linked to their statements."""
    from dashboard.nlp.extract import number_rows, stance_rows

    number_rows("a", numbers, rows)
    stance_rows("a", stances, rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="article lengths in characters")
    ap.add_argument("--repeat", type=int, default=1, help="timed runs per size; the best is shown")
    ap.add_argument("--profile", type=int, help="instead, cProfile the extraction of one article this long")
    args = ap.parse_args()

    from dashboard.nlp.gazetteer import Gazetteer
    from dashboard.nlp.parse import parse_text
    from dashboard.nlp.pipeline import load_model
    from dashboard.nlp.stances import stance_matcher
    from dashboard.nlp.topics import topic_matcher

    nlp = load_model()
    gaz = Gazetteer.load()
    topics, targets = topic_matcher(nlp), stance_matcher(nlp)
    if args.profile:
        import cProfile
        import pstats

        doc = parse_text(nlp, long_article(args.profile))
        profiler = cProfile.Profile()
        profiler.runcall(extract, doc, gaz, topics, targets)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
        return 0

    extract(parse_text(nlp, long_article(5_000, seed=1)), gaz, topics, targets)  # fills lookup caches
    print(
        f"{'chars':>9} {'statements':>10} {'parse s':>8} {'extract s':>9} {'ratio':>6} {'loader rows s':>13}"
    )
    previous = None
    for chars in sorted(args.sizes):
        text = long_article(chars)
        t0 = time.perf_counter()
        doc = parse_text(nlp, text)
        parse_s = time.perf_counter() - t0
        best, best_rows = float("inf"), float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            rows, numbers, _, stances = extract(doc, gaz, topics, targets)
            t1 = time.perf_counter()
            loader_rows(rows, numbers, stances)
            best, best_rows = min(best, t1 - t0), min(best_rows, time.perf_counter() - t1)
        ratio = (
            "" if previous is None else f"{(best / previous[1]) ** (1 / math.log2(chars / previous[0])):.2f}"
        )
        print(
            f"{len(text):>9,} {len(rows):>10} {parse_s:>8.1f} {best:>9.2f} {ratio:>6} {best_rows:>13.2f}",
            flush=True,
        )
        previous = (chars, best)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
