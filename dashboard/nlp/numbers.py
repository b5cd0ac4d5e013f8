"""Numeric claims in a spaCy Doc: percentages (of GDP or plain), money with its currency, counts ("23 of
28"), each with qualifier, country, year and kind. Reads the parse; never changes the text or the Doc."""

from __future__ import annotations

import calendar
import itertools
import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from itertools import pairwise
from types import MappingProxyType

import numpy
from spacy.attrs import IDX, LIKE_NUM, LOWER
from spacy.tokens import Doc, Span, Token
from text_to_num import text2num

from dashboard.nlp.entities import Entities, home_country, receives
from dashboard.nlp.gazetteer import Actor, Gazetteer
from dashboard.nlp.lexicons import (
    currencies,
    glued_forms,
    honorifics,
    nato_guidelines,
    number_cues,
    number_qualifiers,
    number_scales,
    period_years,
    person_pronouns,
    relative_years,
    reporting_verbs,
    scores,
    subject_pronouns,
    table,
    table_words,
    word_list,
    word_set,
)
from dashboard.nlp.sentences import Sentences, doc_text


@dataclass(frozen=True)
class NumberClaim:
    start: int
    end: int
    text: str
    value: float
    unit: str  # percent_of_gdp | percent | money | count
    currency: str | None
    total: float | None
    qualifier: str | None
    country: str | None
    year: int | None
    kind: str  # reported | target | other
    is_defence_spending: bool
    sentence: Span


@cache
def _num_token() -> re.Pattern[str]:
    """One token holding a number: "1,200", "4.12", ".001", "+0.2", "13.4bn", "5pc", "PS2.7", "RM23.50",
    "Y=28,030", "NT$161.6" (the scale and percent forms that may be glued to digits come from the
    lexicons)."""
    scales = "|".join(map(re.escape, glued_forms("number_scales")))
    percent = "|".join(map(re.escape, glued_forms("number_percent_words")))
    return re.compile(
        r"^(?P<cur>[A-Z]{1,3}[=$]?|[€$£¥])?[+-]?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d*\.\d+|\d+)"
        rf"(?P<scale>{scales})?(?P<pct>{percent})?$",
        re.IGNORECASE,
    )


def _number_token(text: str) -> re.Match[str] | None:
    m = _num_token().match(text)
    if m is None or (m.group("cur") and m.group("cur") not in currencies()["prefix"]):
        return None
    cur = m.group("cur")
    if cur and text[m.end("cur") : m.end("cur") + 1] in {"-", "+"}:
        return None  # "A-18" in "F/A-18": a name, not 18 Australian dollars
    plain = not (m.group("scale") or set(m.group("num")) & {".", ","})
    if cur and len(cur) == 1 and cur.isalpha() and plain:
        return (
            None  # "Leopard 2A4", "C4": a model's name; one glued letter marks a sum in "A2.5m", "$A82,615"
        )
    return m


@cache
def _guideline_values() -> frozenset[str]:
    """NATO's guidelines as an article writes them ("2", "3.5", "five")."""
    return frozenset(w for g in nato_guidelines() for w in g.written)


@cache
def _two_word_percent() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(p.split()) for p in word_set("number_two_word_percent"))


def _is_core(tok: Token) -> bool:
    return (
        bool(_number_token(tok.text))
        or (tok.like_num and tok.lower_ != "one")
        or (
            tok.lower_ in word_set("number_words_before_scale")
            and tok.i + 1 < len(tok.doc)
            and tok.doc[tok.i + 1].lower_ in number_scales()
        )
    )


def _digit_group(before: str, group: str) -> bool:
    """Whether `group` goes on the digits `before` it as the next group of three ("1 000", "12 500 000")."""
    return before.isdigit() and len(before) <= 3 and group.isdigit() and len(group) == 3


def parse_value(words: list[str]) -> float | None:
    """The value of a number written in digits and/or words: "1,200", "4.12", "13.4bn", "Twenty-three",
    "100 billion", "one hundred and twenty", "2.5 million". None when it is not a number."""
    words = [w for w in words if w != "-"]  # "100-billion", "Twenty-three"
    if not words:
        return None
    scale = 1.0
    while words and words[-1].lower() in number_scales() and len(words) > 1:
        scale *= number_scales()[words[-1].lower()]
        words = words[:-1]
    if len(words) > 1 and all(_digit_group(a, b) for a, b in itertools.pairwise(words)):
        words = ["".join(words)]  # "1 000", "12 500": thousands grouped by a space
    if len(words) == 1:
        m = _number_token(words[0])
        if m:
            number = float(m.group("num").replace(",", ""))
            if m.group("scale"):
                scale *= number_scales()[m.group("scale").lower()]
            return float(f"{number * scale:.12g}")  # 64.6 billion, not 64599999999.99999
    phrase = " ".join(w for w in words if w != "-").lower().replace("-", " ")
    if phrase == "half":
        return 0.5 * scale
    try:
        return float(text2num(phrase, "en")) * scale
    except (ValueError, TypeError, KeyError, IndexError):
        return None


def extract_numbers(
    doc: Doc,
    when: date | None = None,
    gazetteer: Gazetteer | None = None,
    voices: Sequence[tuple[int, int, str | None]] = (),
    said_by: Mapping[int, str] = MappingProxyType({}),
) -> list[NumberClaim]:
    """Every numeric claim in `doc`, in order. `voices`: the statements' contents as (start, end, speaker
    country) character spans, for figures a speaker tells of their own country ("We just approved $716
    billion"); `said_by`: the country of each speaker, by the character offset of the words naming them
    ("The Prime Minister said ...", "Sir Keir said ..."), as the statements resolved them."""
    gaz = gazetteer or Gazetteer.load()
    ents = Entities(doc)  # Doc.ents and Span.ents rebuild their spans on every access: read them once
    when = when or estimated_date(doc, ents, gaz)
    home = home_country(ents.spans, gaz)
    text = doc_text(doc)
    gdp_doc = _doc_has_gdp_share(text)
    sents = Sentences(doc)
    skip_ents = {i for e in ents if e.label_ in {"DATE", "TIME", "ORDINAL"} for i in range(e.start, e.end)}
    skip_ents |= _month_days(doc, text)
    out: list[NumberClaim] = []

    def claim_at(i: int, j: int, value: float | None = None) -> NumberClaim | None:
        return _claim(
            doc, text, sents, ents, i, j, when, gaz, skip_ents, home, gdp_doc, said_by, value, voices
        )

    starts = _possible_starts(doc, text)
    possible = set(starts)
    i, n = 0, len(doc)
    while i < n:
        if i not in possible:  # skip ahead to the next token a figure can start at
            k = bisect_left(starts, i)
            if k == len(starts):
                break
            i = starts[k]
        tok = doc[i]
        glued = _glued_range(doc, i)
        if glued is not None:  # "1m-2m shells", which the tokenizer cuts as "1m-2" + "m"
            low, low_value, high_value = glued
            claim = claim_at(i, i + 2, high_value)
            if claim is not None:
                cut = tok.idx + len(low)
                out.append(replace(claim, start=tok.idx, end=cut, text=text[tok.idx : cut], value=low_value))
                out.append(replace(claim, start=cut + 1, text=text[cut + 1 : claim.end]))
            i += 2
            continue
        if not _is_core(tok):
            i += 1
            continue
        j = i + 1
        while j < n and (
            (_is_core(doc[j]) and not (_number_token(doc[j - 1].text) and _number_token(doc[j].text)))
            or doc[j].lower_ in number_scales()
            or (doc[j].text == "-" and j + 1 < n and doc[j + 1].like_num and doc[j - 1].is_alpha)
            or (
                doc[j].text == "-"
                and j + 1 < n
                and doc[j + 1].lower_ in number_scales()
                and doc[j - 1].like_num
            )
            or (
                doc[j].lower_ == "and"
                and j + 1 < n
                and doc[j + 1].like_num
                and doc[j - 1].lower_ == "hundred"
            )
            or (  # "1 000 people", as many European outlets write thousands
                doc[j - 1].whitespace_ == " "
                and _digit_group(doc[j - 1].text, doc[j].text)
                and (j - 1 == i or _digit_group(doc[j - 2].text, doc[j - 1].text))
            )
        ):
            j += 1
        claim = claim_at(i, j)
        if claim is not None:
            out.extend(_per_conjoined_country(claim, doc, ents, gaz))
            i = max(j, doc.char_span(claim.start, claim.end, alignment_mode="expand").end)
            if claim.total is not None:  # "23 of the EU's 28": the 28 is the total, not a claim of its own
                i = next((t.i + 1 for t in doc[i : i + 8] if _is_core(t)), i)
        else:
            i = j
    rates = [m.span() for m in _EXCHANGE_RATE.finditer(text)]  # "($1 = 0.8801 euros)": no claim
    out = [c for c in out if not any(a <= c.start < b for a, b in rates)]
    out = _converted_sums(_bare_billions(_sums_in_a_row(_respective(out, ents, gaz), text), doc), text)
    out = _carry_target_years(_with_gdp_lists(out, text))
    return [_voiced_country(doc, c, voices) for c in out] if voices else out


def _possible_starts(doc: Doc, text: str) -> list[int]:
    """The tokens, in order, that `_is_core` or `_glued_range` can hold for, found without visiting every
    token: those like a number, with a digit in them, or a number word that a scale may follow."""
    if not len(doc):
        return []
    like_num, lower = doc.to_array([LIKE_NUM, LOWER]).T
    words = [doc.vocab.strings[w] for w in word_set("number_words_before_scale")]
    found = set(numpy.flatnonzero((like_num != 0) | numpy.isin(lower, words)).tolist())
    if digits := [m.start() for m in re.finditer(r"\d", text)]:
        found.update((numpy.searchsorted(doc.to_array(IDX), digits, side="right") - 1).tolist())
    return sorted(found)


def _voiced_country(
    doc: Doc, claim: NumberClaim, voices: Sequence[tuple[int, int, str | None]]
) -> NumberClaim:
    """A figure with no country inside a speaker's words, done by "we", "I", "he" or "she" (the subject
    of its clause): the speaker's country ("We just had approved $716 billion," Trump said)."""
    if claim.country is not None:
        return claim
    country = next((c for a, b, c in voices if a <= claim.start and claim.end <= b and c), None)
    span = doc.char_span(claim.start, claim.end, alignment_mode="expand") if country else None
    if span is None:
        return claim
    verb = next((a for a in span.root.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    while verb is not None and verb.dep_ in {"xcomp", "conj"} and not _subjects(verb):
        if verb.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in verb.head.children):
            return claim  # "he would push NATO allies to increase their spending to 5%": the allies do it
        verb = verb.head  # "we had wanted to spend", "we approved and spent"
    if verb is not None and any(t.lower_ in word_set("number_voice_pronouns") for t in _subjects(verb)):
        return replace(claim, country=country)
    return claim


def _subjects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]


def _for_subject(verb: Token) -> list[Token]:
    """ "NATO's push for member states to allocate 5%": the for-phrase right before an infinitive names who
    is to do it."""
    doc = verb.doc
    to = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is None or to.i == 0:
        return []
    noun = doc[to.i - 1]
    return [noun] if noun.dep_ == "pobj" and noun.head.lower_ == "for" else []


# An exchange-rate note, as news agencies add after a converted sum: "($1 = 0.8801 euros)", "(£1 = $1.27)"
_EXCHANGE_RATE = re.compile(r"\(\s*(?:[A-Z]{0,3}[$£€¥₹]|[A-Z]{3}\s?)1\s*=\s*[^()\n]{1,40}\)")

# A bare percentage is read as a share of GDP from its context only up to this value: no country's defence
# budget is a larger share of its economy unless the text says so ("34% of GDP"); "support for NATO is
# highest in Poland (84 percent)" and "14.9 to 18.6 percent" of budgets on equipment are other shares.
MAX_IMPLIED_GDP_SHARE = 12.0

# An undated article's date is estimated only from a window of at most this many months in which at least
# TITLED_HOLDERS office holders it names under their titles held office together.
WINDOW_MONTHS = 36
TITLED_HOLDERS = 2


def estimated_date(doc: Doc, ents: Entities, gaz: Gazetteer, today: date | None = None) -> date | None:
    """The date of an undated article, estimated from the office holders it names under a title ("US
    President Donald Trump", "Nato chief Jens Stoltenberg"; not "former President Obama"): the middle of the
    one period in which most of them held the titled office, when that period is short and unique. Whoever
    is named without a title (a candidate, a past leader recalled) is left out. None when nothing tells."""
    today = today or date.today()
    held: dict[str, set[int]] = {}
    for ent in ents:
        if ent.label_ != "PERSON":
            continue
        role = _title_before(doc, ent, gaz)
        actor = gaz.find_actor(ent.text) if role else None
        if actor is None or actor.type != "person":
            continue
        for t in gaz.tenures(actor.name):
            if t.start is not None and _same_role(gaz, t.role, role):
                end = t.end or today
                months = range(t.start.year * 12 + t.start.month - 1, end.year * 12 + end.month)
                held.setdefault(actor.name, set()).update(months)
    held.update(_nato_size_months(doc, ents, gaz, today))
    counts: dict[int, int] = {}
    for months in held.values():
        for m in months:
            counts[m] = counts.get(m, 0) + 1
    most = max(counts.values(), default=0)
    if most < TITLED_HOLDERS:
        return None
    best = sorted(m for m, c in counts.items() if c == most)
    if best[-1] - best[0] != len(best) - 1 or best[-1] - best[0] > WINDOW_MONTHS:
        return None  # two periods, or one too long to tell
    middle = (best[0] + best[-1]) // 2
    return date(middle // 12, middle % 12 + 1, 1)


def _nato_size_months(doc: Doc, ents: Entities, gaz: Gazetteer, today: date) -> dict[str, set[int]]:
    """The months of the years in which NATO had as many members as the article gives it ("all 29 Nato
    members", "Nato's 29 allies"), one entry for each number of members named."""
    nato = {
        e.sent.start for e in ents if e.label_ == "ORG" and (gaz.find_org(e.text) or _NO_ORG).name == "NATO"
    }
    if not nato:
        return {}
    joined = [c.nato_member_since for c in gaz.countries.values() if c.nato_member_since]
    sents = Sentences(doc)
    out: dict[str, set[int]] = {}
    for i in numpy.flatnonzero(doc.to_array(LIKE_NUM)).tolist():
        tok = doc[i]
        if sents.of(i).start not in nato or tok.i + 1 >= len(doc):
            continue
        nouns = [t for t in doc[tok.i + 1 : tok.i + 4] if t.pos_ in {"NOUN", "PROPN"}]
        if not nouns or (nouns[0].i > tok.i + 1 and nouns[0].pos_ != "PROPN"):
            continue
        if not any(t.lemma_.lower() in word_set("number_member_nouns") for t in nouns[:2]):
            continue
        size = parse_value([tok.text])
        years = [y for y in range(min(joined), today.year + 1) if sum(s <= y for s in joined) == size]
        if years:
            out[f"NATO of {size:g}"] = set(range(years[0] * 12, years[-1] * 12 + 12))
    return out


_NO_ORG = Actor("", "organization", None, None, None, None, None)


def _title_before(doc: Doc, ent: Span, gaz: Gazetteer) -> str | None:
    """The office a title right before a person's name gives ("German Chancellor Angela Merkel"), or None;
    a past holder's title ("former President") gives none."""
    k = ent.start
    sent_start = doc[ent.start].sent.start
    while k > max(sent_start, ent.start - 4) and doc[k - 1].pos_ in {"PROPN", "NOUN", "ADJ"}:
        k -= 1
    title = doc[k : ent.start]
    if not len(title) or any(
        t.lower_ in word_set("speaker_former_words") for t in doc[max(0, k - 1) : ent.start]
    ):
        return None
    return gaz.parse_title(title.text)[0]


def _same_role(gaz: Gazetteer, held: str | None, titled: str) -> bool:
    role = gaz.roles.get(held or "")
    return held == titled or bool(role and role.equivalent == titled)


def _glued_range(doc: Doc, i: int) -> tuple[str, float, float] | None:
    """A range of two scaled numbers the tokenizer cut after the second number ("1m-2" + "m"): the first
    number's text and both values."""
    m = _GLUED_RANGE.match(doc[i].text)
    if m is None or i + 1 >= len(doc) or doc[i + 1].lower_ not in glued_forms("number_scales"):
        return None
    low = _number_token(m.group("low"))
    if low is None or not low.group("scale") or doc[i].whitespace_:
        return None
    high = parse_value([m.group("high"), doc[i + 1].text])
    return (m.group("low"), parse_value([m.group("low")]), high) if high is not None else None


_GLUED_RANGE = re.compile(r"^(?P<low>\d+(?:\.\d+)?[a-z]+)[-–](?P<high>\d+(?:\.\d+)?)$", re.IGNORECASE)


def _claim(
    doc,
    text,
    sents,
    ents: Entities,
    i,
    j,
    when,
    gaz,
    skip_ents,
    home,
    gdp_doc,
    said_by,
    value=None,
    voices=(),
) -> NumberClaim | None:
    words = [t.text for t in doc[i:j]]
    value = parse_value(words) if value is None else value
    if value is None or _bare_scale(doc, i, j):
        return None
    start_tok, end_tok = i, j  # the claim's text: currency + number + unit
    unit, currency = _unit_at(doc, i, j)
    if unit is not None:
        start_tok = i - 1 if unit == "money" and i > 0 and doc[i - 1].text in currencies()["before"] else i
        start_tok = (
            start_tok - 1
            if start_tok > 0 and doc[start_tok - 1].text in currencies()["prefix"]
            else start_tok
        )
        end_tok = _unit_end(doc, j)
        if unit == "money" and not any(t.lower_ in number_scales() for t in doc[i:j]):
            value *= _shared_scale(doc, j, value)  # "€16 to €19 billion": the first sum is in billions too
    else:
        # "from 5 to 7 per cent", "33-35 billion euros": the first number of a range shares the second's unit
        k = j
        dated = any(t in skip_ents for t in range(i, j))  # "1.5% by 2024 and 2% by 2031": 2024 is a year
        if (
            not dated
            and k + 1 < len(doc)
            and doc[k].lower_ in word_set("number_range_words")
            and _is_core(doc[k + 1])
        ):
            m = k + 1
            while m < len(doc) and (_is_core(doc[m]) or doc[m].lower_ in number_scales()):
                m += 1
            unit, currency = _unit_at(doc, k + 1, m)
            scales = [t.lower_ for t in doc[k + 1 : m] if t.lower_ in number_scales()]
            if unit is not None and scales and not any(t.lower_ in number_scales() for t in doc[i:j]):
                value *= number_scales()[scales[-1]]
    if unit is None:
        currency = _opening_currency(doc, i)
        unit = "money" if currency else None  # "$5-6bn": the second sum is in dollars too
    if unit == "money" and doc[end_tok - 2].ent_type_ != "NORP":  # not "Danish krone"
        currency = _home_crown(doc[end_tok - 1].lower_, currency, home)
    if unit is None:
        if any(k in skip_ents for k in range(i, j)) and not _count_in_date(doc, j):
            return None
        if not _is_count(doc, i, j, value):
            return None
        unit = "count"
    if unit == "percent":
        gdp_end = _gdp_phrase(doc, end_tok)
        if gdp_end:
            unit, end_tok = "percent_of_gdp", gdp_end
        elif value <= MAX_IMPLIED_GDP_SHARE and _percent_of_gdp_context(
            doc, sents.of(i), i, end_tok, gdp_doc
        ):
            unit = "percent_of_gdp"
    start = doc[start_tok].idx
    end = doc[end_tok - 1].idx + len(doc[end_tok - 1].text)
    sent = sents.of(i)
    sent_ents = ents.within(sent.start, sent.end)
    total = _total(doc, end_tok) if unit == "count" else None
    kind = _kind(doc, i, end_tok, unit, sent)
    return NumberClaim(
        start=start,
        end=end,
        text=text[start:end],
        value=value,
        unit=unit,
        currency=currency,
        total=total,
        qualifier=_qualifier(doc, start_tok),
        country=_country(
            doc,
            i,
            end_tok,
            sent,
            sent_ents,
            gaz,
            home,
            when,
            _previous_country(sents, ents, sent, gaz, when),
            said_by,
            voices,
        )
        or _home_currency_country(currency),
        year=_year(i, end_tok, sent, sent_ents, when, kind, unit)
        or _target_year(sent, i, end_tok, kind)
        or _narrative_year(doc, i, sent, sents, ents, when, kind)
        or _default_year(doc, i, unit, kind, when),
        kind=kind,
        is_defence_spending=unit in {"percent_of_gdp", "money"} and _defence_context(sent, unit),
        sentence=sent,
    )


def _per_conjoined_country(claim: NumberClaim, doc: Doc, ents: Entities, gaz: Gazetteer) -> list[NumberClaim]:
    """ "Spain and Belgium are estimated at 2.00%": one claim for each of the conjoined countries."""
    sent = claim.sentence
    if claim.country is None or _respectively_at(sent) is not None:
        return [claim]
    named = {}
    for ent in ents.within(sent.start, sent.end):
        if ent.start_char < claim.start:
            code = gaz.country_code(ent.text) if ent.label_ in {"GPE", "NORP"} else None
            if code:
                named[ent.root.i] = code
    heads = [t for t, code in named.items() if code == claim.country]
    if not heads:
        return [claim]
    root = doc[max(heads)]
    bracket = root.i + 1 < len(doc) and doc[root.i + 1].text == "("
    if bracket and ")" not in doc_text(doc)[root.idx : claim.start]:
        return [claim]  # "Britain (€9.1bn) and Germany (€17.7bn)": each its own
    group = sorted({root.i, *(c.i for c in root.conjuncts)})
    codes = list(dict.fromkeys(named.get(t) for t in group))
    if len(codes) < 2 or None in codes:
        return [claim]
    return [replace(claim, country=code) for code in codes]


def _respectively_at(sent: Span) -> int | None:
    return next((t.idx for t in sent if t.lower_ in word_set("number_respectively_words")), None)


def _respective(claims: list[NumberClaim], ents: Entities, gaz: Gazetteer) -> list[NumberClaim]:
    """ "Poland and Lithuania lead, allocating 4.5 and 4 per cent of GDP respectively": the figures before
    "respectively" go in order to the conjoined countries named before the first of them, when there are as
    many countries as figures of the first one's unit after them ("two Asian countries ..., with China and
    India spending US$261 billion (up 5.1%) and US$71.1 billion (up 6.8%), respectively")."""
    out = list(claims)
    by_sentence: dict[int, list[int]] = {}
    for k, c in enumerate(out):
        by_sentence.setdefault(c.sentence.start, []).append(k)
    for places in by_sentence.values():
        sent = out[places[0]].sentence
        mark = _respectively_at(sent)
        listed = [k for k in places if mark is not None and out[k].end <= mark]
        if len(listed) < 2:
            continue
        # "in 2023 and 2024 this will rise to 1.4% and 1.5%, respectively": the years in the same order
        years = [t for t in sent if _YEAR.fullmatch(t.text) and t.idx < out[listed[-1]].start]
        for first in years:
            group = [first]
            for t in years:  # "2026 and 2027", "2025, 2026 and 2027"
                if t.i > group[-1].i and all(
                    x.lower_ in {"and", ","} for x in sent.doc[group[-1].i + 1 : t.i]
                ):
                    group.append(t)
            after = [k for k in listed if out[k].start > group[-1].idx]
            if len(group) >= 2 and len(group) == len(after):
                for k, tok in zip(after, group, strict=True):
                    out[k] = replace(out[k], year=int(tok.text))
                break
        named = {
            ent.root.i: code
            for ent in ents.within(sent.start, sent.end)
            if ent.start_char < out[listed[-1]].start
            and ent.label_ in {"GPE", "NORP"}
            and (code := gaz.country_code(ent.text))
        }
        for root in named:
            group = sorted({root, *(t.i for t in sent.doc[root].conjuncts if t.i in named)})
            codes = list(dict.fromkeys(named[t] for t in group))
            after = [k for k in listed if out[k].start > sent.doc[group[-1]].idx]
            after = [k for k in after if out[k].unit == out[after[0]].unit] if after else []
            if len(group) == len(after) == len(codes):
                for k, code in zip(after, codes, strict=True):
                    out[k] = replace(out[k], country=code)
                break
    return out


def _unit_at(doc: Doc, i: int, j: int) -> tuple[str | None, str | None]:
    """Unit and currency of the number in tokens i..j: a currency before it ("€", "US $", "PLN") or glued
    to it ("PS2.7m", "$US55,931"), a percent sign or word after it, or a currency word after it."""
    forms = currencies()
    core = _number_token(doc[i].text)
    prev = doc[i - 1] if i > 0 else None
    if core and core.group("pct"):
        return "percent", None
    if prev is not None and prev.text in forms["before"]:
        code = forms["before"][prev.text]
        if prev.text == "$":
            before = doc[i - 2].text if i > 1 else ""
            glued = core.group("cur") if core else None
            code = (
                forms["prefix"].get(before, forms["prefix"].get(glued or "", code))
                if before or glued
                else code
            )
        return "money", code
    if core and core.group("cur"):
        return "money", forms["prefix"][core.group("cur")]
    if _hyphen_unit(doc, j):  # "an 800 billion-euro plan"
        j += 1
    nxt = doc[j] if j < len(doc) else None
    if nxt is None:
        return None, None
    two = f"{nxt.text} {doc[j + 1].text}" if j + 1 < len(doc) else ""
    if (
        nxt.lower_ in table_words("number_percent_words")
        or (nxt.lower_, doc[j + 1].lemma_.lower() if j + 1 < len(doc) else "") in _two_word_percent()
    ):
        return "percent", None
    if two in forms["after"]:
        return "money", forms["after"][two]
    if nxt.text in forms["after"] or nxt.lower_ in forms["after"]:
        if (
            nxt.lower_ in word_set("number_weight_units")
            and j + 1 < len(doc)
            and doc[j + 1].text in {"-", "of"}
        ):
            return None, None  # "275 pound-feet", "208 pounds of"
        return "money", forms["after"].get(nxt.text, forms["after"].get(nxt.lower_))
    return None, None


def _hyphen_unit(doc: Doc, j: int) -> bool:
    """A currency word joined to the number by a hyphen: "800 billion-euro", "a 95-million-dollar deal"."""
    if j + 1 >= len(doc) or doc[j].text != "-" or doc[j].whitespace_ or doc[j - 1].whitespace_:
        return False
    after = currencies()["after"]
    return doc[j + 1].text in after or doc[j + 1].lower_ in after


def _unit_end(doc: Doc, j: int) -> int:
    """End token of the unit written after a number (percent words, one- or two-word currency)."""
    forms = currencies()
    if _hyphen_unit(doc, j):
        j += 1
    if j >= len(doc):
        return j
    if j + 1 < len(doc) and (
        (doc[j].lower_, doc[j + 1].lemma_.lower()) in _two_word_percent()
        or (f"{doc[j].text} {doc[j + 1].text}" in forms["after"])
    ):
        return j + 2
    if (
        doc[j].lower_ in table_words("number_percent_words")
        or doc[j].text in forms["after"]
        or doc[j].lower_ in forms["after"]
    ):
        return j + 1
    return j


def _is_count(doc: Doc, i: int, j: int, value: float) -> bool:
    """A bare number is a claim only when it counts something ("23 of 28 members", "11 allies")."""
    text = doc[i].text
    if re.fullmatch(r"(1[89]|20|21)\d\d", text) and j == i + 1:
        return False  # a year
    if _code_part(doc, i):
        return False  # "2024-07-22", "010-85061466": a date or a phone number
    prev = doc[i - 1].lower_ if i > 0 else ""
    second = _range_end(doc, j, value)
    if second is not None:  # "220,000-240,000 shells", "from 70,000 to 450,000 shells": as the second
        return _is_count(doc, j + 1, second, parse_value([t.text for t in doc[j + 1 : second]]) or 0.0)
    if i > 1 and prev in {"-", "–"} and _range_end(doc, i - 1, parse_value([doc[i - 2].text]) or 0.0) == j:
        prev = ""  # the second of "220,000-240,000"
    if i > 1 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].is_title and doc[i - 1].ent_type_ != "DATE":
        return False  # "three Arrow 3 systems", "Leopard 2 tanks": a number in a name
    if (
        doc[i].is_alpha
        and doc[i].is_title
        and i > doc[i].sent.start
        and not doc[i - 1].is_title  # not a headline's capitals
        and j < len(doc)
        and doc[j].is_title
        and doc[j].pos_ == "PROPN"
    ):
        return False  # "the Three Seas Summit", "the One Million Shells initiative": a name
    if (
        prev in word_set("number_not_counts")
        or prev in {"-", "/", ":"}
        or (j < len(doc) and doc[j].text in {"-", "/", ":"})
    ):
        return False
    if (
        j < len(doc)
        and doc[j].lower_ in word_set("number_year_units")
        and prev in word_set("number_age_cues")
    ):
        return False
    follow = doc[j : j + 4]
    if any(t.lower_ in word_set("number_age_suffixes") or t.text == "-year" for t in follow[:2]):
        return False
    if follow and follow[0].lower_ in word_set("number_measure_units"):
        return False  # "155 mm shells": a calibre
    if follow and (follow[0].lower_ == "of" or follow[0].lower_ in word_set("number_casualty_words")):
        return True  # "23 of 28", "two dead and 15 wounded"
    if value >= 1e6 and not (
        follow
        and (
            follow[0].lemma_ in word_set("number_time_units")
            or follow[0].lower_ in word_set("number_distance_words")
        )
    ):
        return True  # "Russia will produce 1.2m next year": millions with no unit count something
    if prev in word_set("number_count_preps") and i > 1:
        # "188 votes to 8", "the number of allies to 31", "up from three in 2014": the same count again
        back = doc[max(0, i - 4) : i - 1]
        if any(t.tag_ in {"NNS", "NNPS"} or t.lower_ == "up" for t in back):
            return True
        # "from 168,000 shells in the spring to 336,000 today"
        sent_start = doc[i].sent.start
        earlier = doc[max(sent_start, i - 12) : i - 1]
        if any(
            _is_core(t)
            and t.nbor().tag_ in {"NNS", "NNPS"}
            and t.nbor().lemma_ not in word_set("number_time_units")
            for t in earlier
        ):
            return True
    # "six additional F-15 fighters", "12 F-16s", "500 Stinger missiles", "four opt-outs"
    for t in doc[j : j + 6]:
        if t.tag_ in {"NNS", "NNPS"} or (t.pos_ == "NOUN" and t.lemma_ in word_set("number_member_nouns")):
            return t.lemma_ not in word_set("number_time_units")
        if t.pos_ not in {"ADJ", "NOUN", "PROPN", "ADV", "NUM"} and t.text != "-":
            break
    return _elliptical(doc, i, j)


def _code_part(doc: Doc, i: int) -> bool:
    """Whether the number at token i is part of a code: written with a leading zero ("010-85061466", "07"),
    or joined by a dash or slash to a number that is ("010-85061466"), or the third of three so joined
    ("2024-07-22")."""

    def leading_zero(at: int) -> bool:
        return at >= 0 and re.fullmatch(r"0\d+", doc[at].text) is not None

    joined = i > 1 and doc[i - 1].text in {"-", "/"}
    return leading_zero(i) or (joined and (leading_zero(i - 2) or (i > 3 and doc[i - 3].text in {"-", "/"})))


def _elliptical(doc: Doc, i: int, j: int) -> bool:
    """A bare number that stands for a count named just before it, in its sentence or the one before ("It
    makes 200 tanks a year; the true figure is probably 500 to 800", "20 fighter jets versus seven"): no
    noun follows it and it names nothing ("Mirage 2000", "Nord Stream 2")."""
    tok = doc[i]
    if tok.ent_type_ not in {"", "CARDINAL"} or (tok.dep_ in {"nummod", "compound"} and tok.head.i < i):
        return False
    if j < len(doc) and doc[j].pos_ in {"NOUN", "PROPN", "ADJ", "NUM"}:
        return False
    sent = doc[i].sent
    start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    for t in doc[start:i]:
        if not _is_core(t) or _YEAR.fullmatch(t.text) or t.i + 1 >= i:
            continue
        for u in doc[t.i + 1 : min(i, t.i + 4)]:
            if u.tag_ in {"NNS", "NNPS"}:
                if u.lemma_.lower() not in word_set("number_time_units") and not _number_token(u.text):
                    return True
                break
            if u.pos_ not in {"ADJ", "NOUN", "PROPN", "NUM"} and u.text != "-":
                break
    return False


def _count_in_date(doc: Doc, j: int) -> bool:
    """A number the model swept into a date that counts a plural noun right after it ("Last year 11
    countries did"), not a span of time ("two decades", "30 days")."""
    if j >= len(doc) or doc[j].tag_ not in {"NNS", "NNPS"}:
        return False
    lemma = doc[j].lemma_.lower()
    return lemma not in word_set("number_time_units") and lemma not in period_years()


def _bare_scale(doc: Doc, i: int, j: int) -> bool:
    """A scale word with no number ("the billion-euro fund", "multi-billion"), unless "a" or "one" says
    how many ("a billion euros")."""
    if not all(t.lower_ in number_scales() for t in doc[i:j]):
        return False
    return not (i > 0 and doc[i - 1].lower_ in word_set("number_one_words"))


def _shared_scale(doc: Doc, j: int, low: float) -> float:
    """The scale a sum's range ends with when its first number is the smaller ("€16 to €19 billion" after
    "€16"; not "$200 to $4 million"), else 1."""
    if j + 2 >= len(doc) or doc[j].lower_ not in word_set("number_range_words"):
        return 1.0
    m = j + 2 if doc[j + 1].text in currencies()["before"] else j + 1
    glued = _number_token(doc[m].text)
    bare = parse_value([glued.group("num")] if glued else [doc[m].text])
    if not _is_core(doc[m]) or (bare or 0.0) <= low:
        return 1.0
    if glued is not None and glued.group("scale"):  # "$5-6bn"
        return number_scales().get(glued.group("scale").lower(), 1.0)
    return number_scales().get(doc[m + 1].lower_, 1.0) if m + 1 < len(doc) else 1.0


def _opening_currency(doc: Doc, i: int) -> str | None:
    """The currency of the sum that opens a range the number at `i` closes ("$5-6bn", "£2 to 3 billion")."""
    if i < 2 or doc[i - 1].lower_ not in word_set("number_range_words") or not _is_core(doc[i - 2]):
        return None
    unit, currency = _unit_at(doc, i - 2, i - 1)
    return currency if unit == "money" else None


def _range_end(doc: Doc, j: int, low: float) -> int | None:
    """End token of the second number of a range that starts with a number of value `low` ending at token
    j ("220,000-240,000", "70,000 to 450,000", "five and ten"): a larger number right after a range word."""
    if j + 1 >= len(doc) or doc[j].lower_ not in word_set("number_range_words") or not _is_core(doc[j + 1]):
        return None
    m = j + 1
    while m < len(doc) and (_is_core(doc[m]) or doc[m].lower_ in number_scales()):
        m += 1
    high = parse_value([t.text for t in doc[j + 1 : m]])
    if high is None or high <= low or _YEAR.fullmatch(doc[j + 1].text):
        return None
    return m


def _gdp_phrase(doc: Doc, k: int) -> int | None:
    """End token of "of (its|their|Germany's|the country's|national) GDP / gross domestic product /
    economic output / national income" right after a percentage."""
    if k >= len(doc) or doc[k].lower_ != "of":
        return None
    for m in range(k + 1, min(k + 8, len(doc))):
        t = doc[m]
        owner = m + 1 < len(doc) and doc[m + 1].tag_ == "POS"  # "of the final product's cost": its cost
        if not owner and (
            t.lower_ in word_set("number_gdp_heads") or t.lemma_.lower() in word_set("number_gdp_heads")
        ):
            return m + 1  # "of GDP", "of their GDPs"
        if t.pos_ not in {"DET", "PRON", "ADJ", "PROPN", "PART", "NOUN"} or t.lower_ in word_set(
            "number_other_shares"
        ):
            return None
    return None


def _percent_of_gdp_context(doc: Doc, sent: Span, i: int, k: int, gdp_doc: bool) -> bool:
    """A bare percentage that means a share of GDP: "the 2% target", "NATO's 2% guideline", and in a
    sentence about defence spending "France is estimated at 2.06%" or "reaching 2.5%" — unless it says what
    else it is a share of ("16% of the budget") or counts votes, rates or growth."""
    nxt = doc[k] if k < len(doc) else None
    if nxt is not None and nxt.lemma_.lower() in word_set("number_target_nouns"):
        return True
    if nxt is not None and (
        nxt.lower_ == "of" or (nxt.text == "," and k + 1 < len(doc) and doc[k + 1].lower_ == "of")
    ):
        return False  # "16% of the budget", "a third, or 37%, of global spending"
    first = _qualifier_start(doc, i)
    if (
        first > 1
        and doc[first - 1].lower_ == "of"
        and doc[first - 2].lemma_.lower() in word_set("number_target_nouns")
    ):
        return True  # "NATO's spending target of two per cent"
    if _is_change(doc, i, k):
        return False
    root = doc[i:k].root
    if root.dep_ == "nsubj" and root.head.lemma_.lower() in word_set("number_opinion_verbs"):
        return False  # "Just 11% want to see it reduced": a share of people polled
    lemmas = {t.lemma_.lower() for t in sent}
    if lemmas & word_set("number_not_gdp_context") or _other_share_before(sent, i):
        return False
    return bool(lemmas & word_set("number_gdp_context")) or (
        bool(lemmas & word_set("number_gdp_list_context")) and gdp_doc
    )


def _other_share_before(sent: Span, i: int) -> bool:
    """Whether the sentence states a percentage of something else than GDP before token `i` ("20% of
    defence money spent on investment ... from just 5% to 17%"): the bare percentages after it are shares
    of that too."""
    doc = sent.doc
    words = table_words("number_percent_words") | {"cent"}  # "per cent"
    return any(
        (t.lower_ in words or t.text.endswith("%"))
        and doc[t.i + 1].lower_ == "of"
        and not _gdp_phrase(doc, t.i + 1)
        for t in doc[sent.start : min(i, sent.end - 1)]
    )


def _is_change(doc: Doc, i: int, k: int) -> bool:
    """Whether the percentage at tokens i..k is a change, not a share: "rose by (nearly) 18%", "an increase
    of 18%", "4% in real terms", "a 165% increase", "will increase more than 16%"."""
    first = _qualifier_start(doc, i)
    start = first
    while start > 1 and first - start < 2 and doc[start - 1].pos_ in {"DET", "ADJ"}:
        start -= 1
    by = doc[start - 1]
    if start < first and by.lower_ == "by" and by.head.lemma_.lower() in word_set("number_change_words"):
        first = start  # "rose by an underlying 7.9%", not "supplemented by an additional 1.5%"
    prep = doc[first - 1].lower_ if first > 0 else ""
    if prep in word_set("number_change_preps") and (
        prep != "of" or (first > 1 and doc[first - 2].lemma_.lower() in word_set("number_change_words"))
    ):
        return True  # not "a NATO quota of 3.5%"
    if first > 0 and doc[first - 1].lemma_.lower() in word_set("number_change_words"):
        return True  # "will increase more than 16%"
    if k < len(doc) and doc[k].lemma_.lower() in word_set("number_change_words"):
        return True
    after = doc[k : k + 5].text.lower()
    return any(after.startswith(phrase) for phrase in word_list("number_change_after"))


def _doc_has_gdp_share(text: str) -> bool:
    """Whether the article states a share of GDP anywhere (then "Italy at 1.49%" lists more of them)."""
    return any(phrase in text for phrase in word_list("number_gdp_share_phrases"))


def _with_gdp_lists(claims: list[NumberClaim], text: str) -> list[NumberClaim]:
    """ "4.12% of GDP, followed by Estonia at 3.43%": percentages listed after a share of GDP in the same
    sentence are shares of GDP too, unless they say what else they are a share of ("20% of budgets") or are
    a change ("increased its budget by 57.4 per cent")."""
    out = []
    first_end: dict[int, int] = {}  # sentence start -> the earliest end of a share of GDP in it so far
    for c in claims:
        earliest = first_end.get(c.sentence.start)
        if (
            c.unit == "percent"
            and c.value <= MAX_IMPLIED_GDP_SHARE
            and not text[c.end : c.end + 4].startswith(" of ")
            and earliest is not None
            and earliest <= c.start
            and not _change_claim(c)
        ):
            c = replace(c, unit="percent_of_gdp", is_defence_spending=True)
        if c.unit == "percent_of_gdp":
            first_end[c.sentence.start] = min(c.end, first_end.get(c.sentence.start, c.end))
        out.append(c)
    return out


def _change_claim(c: NumberClaim) -> bool:
    span = c.sentence.doc.char_span(c.start, c.end, alignment_mode="expand")
    return span is not None and _is_change(span.doc, span.start, span.end)


def _qualifier_words(doc: Doc, start_tok: int) -> tuple[tuple[str, ...], str] | None:
    """The qualifier phrase right before the number at token `start_tok` and its label (("nearly",),
    "about"), or None."""
    before = tuple(doc[k].lower_ for k in range(max(0, start_tok - 3), start_tok))  # read the words once
    for words, label in number_qualifiers():
        if len(words) <= len(before) and before[len(before) - len(words) :] == words:
            return words, label
    return None


def _qualifier(doc: Doc, start_tok: int) -> str | None:
    found = _qualifier_words(doc, start_tok)
    return found[1] if found else None


def _qualifier_start(doc: Doc, i: int) -> int:
    """The first token of the qualifier right before the number at token `i` ("nearly" in "by nearly 4%"),
    or `i` when it has none."""
    found = _qualifier_words(doc, i)
    return i - len(found[0]) if found else i


def _total(doc: Doc, k: int) -> float | None:
    """28 in "23 of the EU's 28 member states"."""
    if k >= len(doc) or doc[k].lower_ != "of":
        return None
    for m in range(k + 1, min(k + 6, len(doc))):
        t = doc[m]
        if _is_core(t):
            words = [t.text]
            while m + 1 < len(doc) and (doc[m + 1].like_num or doc[m + 1].text == "-"):
                m += 1
                words.append(doc[m].text)
            return parse_value(words)
        if t.pos_ not in {"DET", "PROPN", "PART", "ADJ", "PRON"}:
            return None
    return None


def _country(
    doc: Doc,
    i: int,
    k: int,
    sent: Span,
    sent_ents: list[Span],
    gaz: Gazetteer,
    home: str | None,
    when: date | None = None,
    previous: str | None = None,
    said_by: Mapping[int, str] = MappingProxyType({}),
    voices: Sequence[tuple[int, int, str | None]] = (),
) -> str | None:
    """The country a figure is about, in order: one named inside it ("Germany's GDP"); one the figure hangs
    on ("Estonia at 3.43%"); the buyer a deal's sum supplies ("a £1.9bn contract to supply missiles to
    Poland"); the subject of its clause (a country, or a person's country: "Mr Starmer said
    ... £13.4bn"); the one the figure is for ("$14 billion for Israel"); the nearest one named before it in
    the sentence; one named just after it; and for "the government" / "the country" / "its", the article's
    home country; in a sentence naming no country, the home country, else the one the sentence before in the
    same paragraph is about."""
    mentions, recipients = [], []
    casualties = any(t.lower_ in word_set("number_casualty_words") for t in sent)
    vetoes = {ent: verb for ent in sent_ents if (verb := _veto(ent, doc[i], gaz)) is not None}
    for ent in sent_ents:
        if _negated_name(ent, doc[i]) or _cited_source(ent) or _currency_name(ent, i, k) or _dateline(ent):
            continue  # "the 28 non-U.S. members": every country but that one; "according to SIPRI"
        if not casualties and _attacker(ent):
            continue  # "3.5 billion euros following Russia's aggression": not Russia's figure
        if ent in vetoes:
            continue  # "Hungary is blocking the allocation of €6 billion": not Hungary's figure
        # a place is whose figure it is only for the dead and wounded there ("200 were killed in Iran")
        if ent.label_ in {"GPE", "NORP", "ORG", "LOC"} and (casualties or not _is_venue(ent, gaz)):
            code = (
                gaz.country_code(ent.text)
                or (gaz.place_country(ent.text) if ent.label_ != "NORP" else None)
                or _national_body(ent, gaz, sent_ents, home)
            )
            if code:  # a national body is its country's own, even as a recipient ("fund for the Bundeswehr")
                own = (  # a body, not a country the tagger took for one ("for Moldova")
                    ent.label_ == "ORG"
                    and not gaz.is_generic_org(ent.text)
                    and not gaz.country_code(ent.text)
                )
                received = not own and _is_recipient(ent, i, k)
                (recipients if received else mentions).append((ent.start, ent.end, code))
    code_at = {t: c for s, e, c in mentions for t in range(s, e)}
    inside = [c for s, e, c in [*mentions, *recipients] if i <= s < k]
    if inside:
        return inside[0]
    gapped = _gapped_country(doc, i, gaz)
    if gapped:  # "Sweden allocated €1.1 billion, Denmark €690 million"
        return gapped
    buyers = _buyers(doc, k, code_at)
    if buyers:  # "a £1.9bn contract to supply air-defence systems to Poland"; "... the Germans and Dutch"
        return buyers[0] if len(set(buyers)) == 1 else None
    if _compared_elsewhere(doc, i, k, code_at):
        return None  # "Brazil spends 78% ... compared with less than 50% in the West"
    # "Russia spent $186 billion, compared with $44.4 billion for Ukraine"; "75% in the Netherlands"
    compared = _compared_country(doc, i, k, code_at) or _share_in(doc, k, code_at)
    if compared:
        return compared
    if _counts_members(doc, i, k):
        return None  # "30 allies", "23 of the 28 member nations", "the number of allies to 31"
    if any(_group_aggregate(t) for t in list(doc[i].ancestors)[:3]):
        return None  # "higher than the EU average of 6.3%"
    if _owned_by_body(doc, k, sent_ents, gaz):
        return None  # "Orbán blocked a €50bn EU aid package": the Union's, not Hungary's
    if _alliance_target_of(doc, i):
        # "far above NATO's target of 20%"; but "Mr Macron has raised spending to meet NATO's target of 2%"
        return _met_by(doc, i, code_at, sent_ents, gaz, when)
    pledger = _possessor_country(doc[i:k].root, sent_ents, gaz, when) or _act_owner_country(
        doc[i:k].root, sent_ents, gaz, when
    )
    if pledger:  # "Starmer's pledge of £1.6 billion in aid", "Sánchez's decision not to spend 5%"
        return pledger
    counted = _counted_country(doc, k, code_at, sent_ents, gaz, when) or _located_count(
        doc, i, sent_ents, gaz
    )
    if counted:
        # "900 Ukrainian soldiers", "300 members of the American brigade", "20% of Republicans", "only two
        # firms in America"
        return counted
    # (not across a verb used as a preposition: "aid to Ukraine, including €640m of arms")
    # nor a country that only modifies a noun: "passed the Ukraine aid bill by 311 votes"
    close = [
        (s, c)
        for s, e, c in mentions
        if e <= i
        and i - e <= 3
        and not any(t.pos_ == "VERB" and t.dep_ == "prep" for t in doc[e:i])
        and not _partner(doc[s:e])
        and not (
            doc[e - 1].dep_ == "compound" and doc[e - 1].head.pos_ == "NOUN" and e <= doc[e - 1].head.i < i
        )
    ]
    if close:  # "Estonia at 3.43%, ahead of the United States at 3.38%"
        return max(close)[1]
    tok = doc[i]
    for _ in range(5):  # "Estonia at 3.43%", "Poland, with spending equivalent to 4.12%": the head chain
        tok = tok.head
        if tok.i in code_at:
            return code_at[tok.i]
        if tok.pos_ in {"VERB", "AUX"} or tok.head.i == tok.i:
            break
    their = any(t.lower_ == "their" and t.dep_ == "poss" for t in doc[i:k])  # "5% of their GDP"
    they = False  # a clause on the way up has "they" for its subject
    demanded = _demanded_of(doc[k - 1], code_at)
    if demanded is not None:
        return demanded or None  # "the five percent being demanded of NATO members by Trump": theirs
    verbs = [t for t in [doc[i], *doc[i].ancestors] if t.pos_ in {"VERB", "AUX"}][:4]
    own = [c for c in doc[i].head.children if c.dep_ == "acl" and c.i == k] + verbs[
        :1
    ]  # not "..., followed by"
    agents = [
        t
        for v in own
        if v.lemma_.lower() not in word_set("directive_verbs")  # "the 5% demanded by Trump" is not his
        for c in v.children
        if c.dep_ == "agent"
        for t in c.subtree
        if t.i in code_at
    ]
    if agents:  # "the 4.2% spent by the US", "€2bn was pledged by Norway"
        return None if _several(agents[0], code_at) else code_at[agents[0].i]
    if _set_by_group(doc[i:k].root):
        return None  # "far below the 2% that NATO leaders agreed on in Wales": the alliance's
    goal = _on_goal_noun(doc[i], 4)  # "reaffirmed the goal agreed in Wales of 2%"
    for n, verb in enumerate(verbs):
        if any(verb in {ent.root.head, veto} for ent, veto in vetoes.items()):
            return None  # "when Hungary blocked 18 billion euros": withheld, neither its subject's nor ours
        if n == 0 and any(
            _is_group(p) and p.tag_ in {"NNS", "NNPS"}  # "allies'", not "NATO's target", which one meets
            for c in verb.children
            if c.dep_ == "dobj"
            for p in c.children
            if p.dep_ == "poss"
        ):
            return None  # "raise allies' defense spending target from 2% of GDP to 3.5%": theirs
        if verb.lemma_.lower() in word_set("directive_verbs"):
            # "Trump called on European countries to ... 2%": the addressees' figure, not the speaker's;
            # when they name no country ("asked the Treasury for £10bn"), the speaker's own
            # when no one is told ("Mr Trump asked for $716bn"), the subject's, as for any verb
            told = [c for c in verb.children if c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ == "on")]
            if not told and not any(c.dep_ == "nsubj" for c in verb.children):
                break  # "one of 23 allies expected to meet the 2% guideline"
            if told:
                if any(_is_group(t) for c in told for t in c.subtree):
                    return None
                found = [code_at[t.i] for c in told for t in c.subtree if t.i in code_at]
                if found:
                    return found[0]
                speakers = [c for c in verb.children if c.dep_ == "nsubj"]
                own = [_actor_country(c, sent_ents, gaz, when) for c in speakers]
                return next((c for c in own if c), None)
        if verb.dep_ == "relcl":
            if verb.head.i in code_at and not _several(verb.head, code_at):
                return code_at[verb.head.i]  # "including Italy, which reached only 1.49% in 2024"
            example = _named_example(verb.head, code_at)
            if example is not None:  # "countries like Germany that are only spending 1%"
                return example
            if _is_group(verb.head) or (verb.head.dep_ == "appos" and _is_group(verb.head.head)):
                return None  # "allies (those that do not spend at least 2% of GDP)": no one country's
            # "the summit, where the alliance is to agree to 5%", "expectations that member states will
            # commit to 5%"
            where = any(c.dep_ == "advmod" and c.lower_ in {"where", "when"} for c in verb.children)
            if any(_is_group(s) and (where or s.tag_ in {"NNS", "NNPS"}) for s in _subjects(verb)):
                return None
            continue  # "the targets that NATO has set for it while spending 2.1%": NATO describes the targets
        if n > 0 and verbs[n - 1].dep_ == "pcomp" and verbs[n - 1].head.head == verb:
            # "accused Germany of spending 1%", "praised Poland for spending 4%": the object does it
            objects = [t for c in verb.children if c.dep_ == "dobj" for t in c.subtree if t.i in code_at]
            if objects:
                return None if _several(objects[0], code_at) else code_at[objects[0].i]
        subjects = _subjects(verb) or _for_subject(verb)
        if not subjects and verb.dep_ == "conj":  # "Scholz told ... and announced a fund of €100bn"
            subjects = _subjects(verb.head)
        if they and verb.lemma_.lower() in reporting_verbs():
            break  # '"They're going to be lifting it to 5%," Trump said': theirs, not the speaker's
        they = they or any(s.lower_ == "they" for s in subjects)
        for subj in subjects:
            if _group_aggregate(subj) or (subj.like_num and _counts_members(doc, subj.i, subj.i + 1)):
                return None  # "the European average is 1.6%", "only ten of America's 30 allies will meet 2%"
            if any(c.lemma_.lower() in word_set("number_world_words") for c in subj.children):
                return None  # "Total global military expenditure rose by 3.7%": the world's
            if any(_is_group(t) for t in [subj, *subj.conjuncts]):
                return (
                    None  # "allies agreed to spend 5%", "European allies and Canada would add": alliance-wide
                )
            if their and subj.tag_ in {"NN", "NNP"} and not subj.conjuncts:
                # "The U.S. leader rammed through a commitment to spend 5% of their GDPs": others' figure
                return None
            found = [t for t in subj.subtree if t.i in code_at]
            if found:
                return None if _several(found[0], code_at) else code_at[found[0].i]
            actor = _actor(subj, sent_ents, gaz, when)
            if (
                actor is not None
                and actor.type != "person"
                and (_source_org(subj, sent_ents) or _source_name(actor))
            ):
                return None  # "SIPRI published a summary of global spending, which reached $2.7 trillion"
            if actor is not None and actor.type == "person" and their:
                return None  # "Trump rammed through the commitment to spend 5% of their GDPs": the allies'
            if actor is not None and (actor.country or n == 0):
                # "Mr Wallace asked for £10bn", "Congress approved $40bn"; "the IMF approved $17.5bn" is no
                # one country's (but "6,400 were killed in Ukraine, the UN says" is still Ukraine's)
                return actor.country
            if (
                actor is None
                # "He said he wanted that figure to reach 3%"; not "They said", "He reckons that Ukraine
                # was firing 80,000 shells", "He said the declaration reaffirmed the goal of 2%"
                and (subj.pos_ != "PRON" or (subj.lower_ in subject_pronouns() and not mentions and not goal))
                and said_by.get(subj.left_edge.idx)
                # not a source's: "..., says SIPRI's report"
                and not _source_speaker(doc, subj.left_edge.idx, sent_ents, gaz, when)
            ):
                return said_by[subj.left_edge.idx]  # "The Prime Minister said ... 2.5%", "Sir Keir said"
            if subj.lemma_.lower() in word_set("number_home_nouns") and subj.tag_ in {"NNS", "NNPS"}:
                return None  # "European governments spend an average of 0.1% of their GDP": many countries
            if subj.lemma_.lower() in word_set("number_home_nouns"):
                owner = _owner_country(subj, verbs[n + 1 :], sent_ents, gaz, when)
                if owner is not None:  # "Sánchez argued that his country can ... 2.1% of its GDP"
                    return owner
                # "Lithuanian officials said that the country planned ...": the country named before it
                named = [
                    doc[s:e].root
                    for s, e, c in mentions
                    if e <= subj.i and not _in_other_relative(doc[s], subj)
                ]
                # "Britain is ahead of France and Germany, and unlike them it has ...": the subject before
                # "The Danish government chose ... and said it would ...": Denmark
                modifiers = {"amod", "compound", "poss"}
                subjects = [
                    t for t in named if "nsubj" in {t.dep_, t.head.dep_ if t.dep_ in modifiers else ""}
                ]
                named = subjects[-1:] if subj.lower_ == "it" and subjects else named
                if named and _several(named[-1], code_at):
                    return None  # "Involving 90,000 personnel of 31 NATO allies plus Sweden, it ..."
                speaker = next(
                    (
                        c
                        for at, c in said_by.items()
                        if sent.start_char <= at < sent.end_char
                        and not _source_speaker(doc, at, sent_ents, gaz, when)
                    ),
                    None,
                )
                if named or speaker or previous or home:  # "Sir Keir announced the government would cut"
                    return code_at[named[-1].i] if named else speaker or previous or home
    if k < len(doc) and doc[k].lemma_.lower() in word_set("number_target_nouns"):
        return None  # "the 2% guideline" names the alliance's goal, unless a country's clause claims it
    hung = [
        c
        for s, e, c in mentions
        if doc[s:e].root.dep_ == "pobj"
        and doc[s:e].root.head.lower_ in word_set("number_recipient_preps")
        and i <= doc[s:e].root.head.head.i < k
    ]
    if hung:
        return hung[0]  # "$60 billion for Ukraine as it fights Russia's invasion, $14 billion for Israel"
    before = [
        (s, e, c)
        for s, e, c in mentions
        if e <= i
        and not _in_condition(doc[s], doc[i])
        and not _in_other_relative(doc[s], doc[i])
        and not _demander(doc[s:e])
        and not _excepted(doc[s:e])
        and not _partner(doc[s:e])
    ]
    if before:
        last = max(before)  # "Germany, the Netherlands and Spain teamed up to order ...": several
        return None if _several(doc[last[1] - 1], code_at) else last[2]
    gap = _bracket_after(doc, k)  # "2.2 trillion hryvnias ($53 billion) on Ukraine's defense"
    after = [(s, c) for s, e, c in mentions if s >= k + gap and s - k - gap <= 4]
    if after:
        return min(after)[1]
    verb = _clause_verb(doc[i])
    places = [(s, c) for s, e, c in mentions if s >= k and verb is not None and _clause_verb(doc[s]) == verb]
    if casualties and places:
        return min(places)[1]  # "Four soldiers were killed near Avdiivka, Ukraine"
    later = {c for s, e, c in mentions if s >= k}
    if casualties and len(later) == 1:
        return later.pop()  # "Three were killed when a shell hit a hospital in Donetsk": the one place named
    if their:
        return None  # "18 countries are expected to invest 2% of their GDP": no one country's
    at = doc[i].idx
    voiced = next((c for a, b, c in voices if a <= at < b and c), None)
    # "we" or "our" in a statement: the speaker's country, not the article's ('"We are at 1.38%," said the
    # Italian minister', "That would mean £7 billion slashed off our defence spending")
    if voiced and (
        any(s.morph.get("Person") == ["1"] for s in _nearest_subjects(verbs))
        or any(t.dep_ == "poss" and t.morph.get("Person") == ["1"] for v in verbs[:1] for t in v.subtree)
    ):
        return voiced
    if previous and any(
        _stands_for_country(t)
        for t in sent
        if t.dep_ in {"nsubj", "nsubjpass"}
        or (t.dep_ == "poss" and not i <= t.i < k)  # not "2% of the nation's GDP"
    ):
        return previous  # "It will spend 4% of its GDP", "the government's pledge": the sentence before's
    if not mentions and any(t.lower_ in word_set("number_world_words") for t in sent):
        return None  # "If the world doubled its military spending, ... cut by about 5%": not the article's
    if home and any(
        (t.lemma_.lower() in word_set("number_home_nouns") and t.tag_ not in {"NNS", "NNPS"})
        or t.lower_ == "its"
        for t in sent
    ):
        return home  # "the government", "the country", "its"; not "NATO countries"
    alliance = any(t.lemma_.lower() in _alliance_words() for t in sent) or _names_body(sent_ents, gaz, when)
    if home and not mentions and not recipients and not alliance:
        return home  # a sentence of an article about one country ("Turnout was 65.77%.")
    if previous and not mentions and not recipients and not alliance and not _opens_paragraph(sent):
        return previous  # "Sweden is expanding its navy. The plan calls for 12 corvettes.": same paragraph
    return None


def _attacker(ent: Span) -> bool:
    """ "Russia's aggression", "a Russian attack": a country named as the one attacking (not "the Ukraine
    war", where it is fought)."""
    root = ent.root
    return root.dep_ in {"poss", "amod"} and root.head.lemma_.lower() in word_set("number_hostility_nouns")


def _on_goal_noun(tok: Token, steps: int) -> bool:
    """Whether a goal noun (number_target_nouns.txt) is among the first `steps` heads above `tok`."""
    return any(
        a.pos_ == "NOUN" and a.lemma_.lower() in word_set("number_target_nouns")
        for a in list(tok.ancestors)[:steps]
    )


def _nearest_subjects(verbs: list[Token]) -> list[Token]:
    """The subjects of the first of `verbs` that has one, up through infinitives and participles only ("We
    have a plan to start allocating 2%": "We"; not across "will generate" to "We estimate that ...")."""
    for verb in verbs:
        found = _subjects(verb)
        if found:
            return found
        if verb.tag_ in {"VBD", "VBZ", "VBP", "MD"} or any(
            c.dep_ in {"aux", "auxpass"} and c.tag_ != "TO" for c in verb.children
        ):
            return []
    return []


def _set_by_group(root: Token) -> bool:
    """Whether the figure, or the noun it modifies, has a relative clause whose subject is many countries
    ("the 2% that NATO leaders agreed on", "the 2% target allies set in 2014")."""
    nouns = [root, root.head] if root.dep_ in {"compound", "nummod", "amod"} else [root]
    return any(
        c.dep_ == "relcl" and any(_is_group(s) for s in _subjects(c)) for noun in nouns for c in noun.children
    )


def _veto(ent: Span, figure: Token, gaz: Gazetteer) -> Token | None:
    """The veto verb (number_veto_verbs.txt) by which a country, named or by its capital, stops the act the
    figure is in ("Hungary is blocking the allocation of over €6 billion", "Hungary continues to block
    ...", "accused Hungary of blocking ..."): it withholds a union's sum, not its own."""
    head = ent.root.head
    if ent.root.dep_ == "nsubj":
        verb = next((c for c in head.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), head)
    elif ent.root.dep_ == "dobj":  # "accused Hungary of blocking €5 billion"
        verb = next(
            (g for c in head.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pcomp"), None
        )
    else:
        verb = None
    objects = [c for c in verb.children if c.dep_ in {"dobj", "prep"}] if verb is not None else []
    vetoes = (
        verb is not None
        and verb.lemma_.lower() in word_set("number_veto_verbs")
        and any(figure in c.subtree for c in objects)  # "block the allocation", "in the amount of"
        and bool(gaz.country_code(ent.text) or gaz.place_country(ent.text))
    )
    return verb if vetoes else None


def _partner(mention: Span) -> bool:
    """ "signed a contract with South Korea to purchase 180", "catch up with Russia, producing 2.5 million":
    the other side of a deal or a race."""
    root = mention.root
    prep = root.head
    return (
        root.dep_ == "pobj"
        and prep.lower_ == "with"
        and prep.head.lemma_.lower() != "compare"  # "compared with America's 5,000"
        and not (prep.i > 0 and prep.nbor(-1).lower_ in {"along", "together"})  # "along with Latvia at 3%"
    )


def _excepted(mention: Span) -> bool:
    """A country set apart from the rest (number_exception_words.txt: "all member countries, with the
    exception of Spain, are expected to agree to the 5% plan"): the figure is the others'."""
    words = word_set("number_exception_words")
    root = mention.root
    while root.dep_ == "conj":  # "with the exception of Spain and maybe Slovakia"
        root = root.head
    prep = root.head
    if prep.lower_ == "of" and prep.dep_ == "prep":
        prep = prep.head  # "with the exception of Spain"; not "exceptions granted to Denmark"
    return root.dep_ == "pobj" and (prep.lemma_.lower() in words or prep.lower_ in words)


def _demander(mention: Span) -> bool:
    """A country that modifies a directive noun ("U.S. demands to invest 5% of GDP", "America's call for
    ..."): it asks others for the figures that follow, which are theirs (directive_verbs.txt)."""
    root = mention.root
    return (
        root.dep_ in {"compound", "poss", "amod"}
        and root.head.pos_ == "NOUN"
        and root.head.lemma_.lower() in word_set("directive_verbs")
    )


def _gapped_country(doc: Doc, i: int, gaz: Gazetteer) -> str | None:
    """The country named just before a figure, after a comma or a conjunction of a list whose verb is left
    out ("Sweden allocated €1.1 billion, Denmark €690 million and the United Kingdom €360 million")."""
    while i > 0 and doc[i - 1].is_currency:
        i -= 1
    for j in range(max(i - 3, 0), i):  # the longest name first; the tagger may take one for a verb
        if not all(t.is_title for t in doc[j:i]):
            continue
        code = gaz.country_code(doc[j:i].text)
        if code is None:
            continue
        if j > 0 and doc[j - 1].lower_ == "the":
            j -= 1
        return code if j > 0 and doc[j - 1].lower_ in {",", ";", "and", "or"} else None
    return None


def _owner_country(
    noun: Token, verbs: list[Token], sent_ents: list[Span], gaz: Gazetteer, when: date | None
) -> str | None:
    """For "his country" / "her government": the country of the person who is the subject of the nearest
    verb above ("after Pedro Sánchez argued that his country can ..."), else None."""
    if not any(c.dep_ == "poss" and c.lower_ in person_pronouns() for c in noun.children):
        return None
    for verb in verbs:
        for subj in _subjects(verb):
            actor = _actor(subj, sent_ents, gaz, when)
            if actor is not None and actor.type == "person":
                return actor.country
    return None


def _demanded_of(figure: Token, code_at: dict[int, str]) -> str | None:
    """For a figure a directive participle is on ("the 5% demanded of allies", "2% asked of Germany"): the
    country it is asked of, or "" when it is asked of a group or of no one named."""
    demand = _directive_on(figure)
    if demand is None:
        return None
    told = [t for c in demand.children if c.dep_ == "prep" and c.lower_ in {"of", "from"} for t in c.subtree]
    if any(_is_group(t) for t in told):
        return ""
    return next((code_at[t.i] for t in told if t.i in code_at), "")


def _directive_on(figure: Token) -> Token | None:
    """A directive participle on a figure ("the 5% demanded of allies"): directive_verbs.txt."""
    return next(
        (c for c in figure.children if c.dep_ == "acl" and c.lemma_.lower() in word_set("directive_verbs")),
        None,
    )


def _home_crown(word: str, currency: str | None, home: str | None) -> str | None:
    """A bare crown ("35 billion crowns") in an article about a crown country is that country's crown
    (number_crowns.csv); otherwise the currency as read."""
    own = next((row["code"] for row in table("number_home_currencies") if row["country"] == home), None)
    return own if own is not None and (word, own) in _crowns() else currency


@cache
def _crowns() -> frozenset[tuple[str, str]]:
    """(word, code) of number_crowns.csv: which crown a bare crown word may be."""
    return frozenset((row["word"], row["code"]) for row in table("number_crowns"))


def _home_currency_country(currency: str | None) -> str | None:
    """The country whose own currency a sum is in, for currencies no one else reports in ("200 billion
    zlotys": Poland; not dollars, euros or pounds): number_home_currencies.csv."""
    return next((row["country"] for row in table("number_home_currencies") if row["code"] == currency), None)


def _in_condition(tok: Token, figure: Token) -> bool:
    """Whether `tok` is in an "if"/"unless" clause (condition_marks.txt) the figure is not in: "if NATO
    wants to deter Russia in the future, 2% is not enough" says nothing of Russia's spending."""
    for verb in (a for a in tok.ancestors if a.dep_ == "advcl"):
        if any(c.dep_ == "mark" and c.lower_ in word_set("condition_marks") for c in verb.children):
            return not any(a.i == verb.i for a in figure.ancestors) and figure.i != verb.i
    return False


def _currency_name(ent: Span, i: int, k: int) -> bool:
    """Whether a name inside the figure or right before it is part of its currency ("54.63 billion U.S.
    dollars", "U.S. $262.8 billion")."""
    doc = ent.doc
    if ent.end >= len(doc):
        return False
    if ent.end in (i - 1, i) and doc[ent.end].text in currencies()["before"]:
        return True
    return i <= ent.start < k and f"{ent.text} {doc[ent.end].text}" in currencies()["after"]


def _in_other_relative(tok: Token, figure: Token) -> bool:
    """Whether `tok` is in a relative clause the figure is not in: "the Baltic state, which is next to
    Russia, said it would spend 5%" says nothing of Russia's spending."""
    clause = next((a for a in tok.ancestors if a.dep_ == "relcl"), None)
    return clause is not None and clause.i != figure.i and clause not in figure.ancestors


def _dateline(ent: Span) -> bool:
    """A capitalised place opening its sentence before a dash or bracket ("LONDON — Worldwide military
    spending surged", "BERLIN (AP) —"): where the report was filed, not whose figure it is."""
    doc = ent.doc
    return (
        ent.start == ent.sent.start
        and ent.text.isupper()
        and ent.end < len(doc)
        and doc[ent.end].text in {"—", "–", "--", "-", "("}
    )


def _cited_source(ent: Span) -> bool:
    """A name the figure is cited from ("..., according to the Stockholm International Peace Research
    Institute"), not whose figure it is."""
    head = ent.root.head
    return head.lower_ == "to" and head.head.lower_ == "according"


def _ent_at(tok: Token, sent_ents: list[Span]) -> Span | None:
    """The entity of the sentence `tok` is in, if any (entities do not overlap)."""
    return next((e for e in sent_ents if e.start <= tok.i < e.end), None)


def _source_org(tok: Token, sent_ents: list[Span]) -> bool:
    """Whether `tok` is in the name of a research institute, university or foundation
    (number_source_org_words.txt)."""
    ent = _ent_at(tok, sent_ents)
    return ent is not None and any(t.lower_ in word_set("number_source_org_words") for t in ent)


def _bracket_after(doc: Doc, k: int) -> int:
    """The length of a bracket right after token `k` ("($53 billion)"), or 0."""
    if k >= len(doc) or doc[k].text not in {"(", "["}:
        return 0
    close = next((t.i for t in doc[k : k + 12] if t.text in {")", "]"}), None)
    return close - k + 1 if close is not None else 0


def _source_speaker(doc: Doc, at: int, sent_ents: list[Span], gaz: Gazetteer, when: date | None) -> bool:
    """Whether the speaker named at character `at` is a research institute or news agency ("..., SIPRI
    says"): its country is not whose figure it reports."""
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None:
        return False
    actor = _actor(span[0], sent_ents, gaz, when)
    return _source_org(span[0], sent_ents) or (actor is not None and _source_name(actor))


def _source_name(actor: Actor) -> bool:
    """Whether the gazetteer's name of a body is a source's ("SIPRI": the Stockholm International Peace
    Research Institute), or a news outlet's ("reports Xinhua": not China's figure)."""
    return is_source_name(actor.name)


def is_source_name(name: str) -> bool:
    """Whether a speaker's name is a research source's or a news outlet's: its country is not whose figure
    it reports ("The report says that, around the world, $1.73 trillion was invested": SIPRI's report)."""
    name = name.lower()
    return name in word_set("news_outlets") or any(
        w in word_set("number_source_org_words") for w in name.split()
    )


def _national_body(ent: Span, gaz: Gazetteer, sent_ents: list[Span], home: str | None) -> str | None:
    """The country of an organisation that is one country's own body ("10 other Senate Republicans", "the
    Bundestag approved"), as the gazetteer knows it, or the home country's for a body every country has
    ("the Ministry of Defence", Gazetteer.home_org); not a research institute (number_source_org_words)."""
    if ent.label_ != "ORG":
        return None
    code = _place_owner(ent, gaz)
    if code:
        return code  # "Bucharest's Ministry of Defence": the owner's, not the gazetteer's namesake
    own = gaz.home_org(ent, home)
    if own is not None:
        return own.country
    named = ent.root.head if ent.root.dep_ == "appos" else ent.root  # "the ... Institute (SIPRI)"
    if _source_org(ent.root, sent_ents) or (named is not ent.root and _source_org(named, sent_ents)):
        return None  # not "the Stockholm International Peace Research Institute": a source
    org = gaz.find_org(ent.text)  # (which drops a leading "the")
    return org.country if org is not None and not _source_name(org) else None  # not "SIPRI"


def _place_owner(ent: Span, gaz: Gazetteer) -> str | None:
    """The country of a place that owns an organisation by a possessive ("Bucharest's Ministry of
    Defence", "Poland's Defence Ministry")."""
    doc = ent.doc
    possessive = "'s" in ent.text or "’s" in ent.text
    if not possessive and not (ent.start and doc[ent.start - 1].lower_ in {"'s", "’s"}):
        return None  # no possessive in or right before it (a cheap test: this runs for every organisation)
    for owner in (c for c in ent.root.children if c.dep_ == "poss" and c.pos_ == "PROPN"):
        code = gaz.country_code(owner.text) or gaz.place_country(owner.text)
        if code:
            return code
    return None


def _owned_by_body(doc: Doc, k: int, sent_ents: list[Span], gaz: Gazetteer) -> bool:
    """A figure on a noun that a body of several countries owns by name (number_body_owned_nouns.txt: "a
    €50bn EU aid package", "a $15bn World Bank loan"), or in the act of a noun such a body owns ("the EU's
    decision to provide Ukraine with €50bn"): no one country's, whoever acts on it."""
    noun = doc[k - 1]
    while noun.dep_ in {"compound", "nummod", "quantmod", "amod", "nmod"} and noun.head.i > noun.i:
        noun = noun.head
    # "the EU's decision to provide Ukraine with €50bn": the act of a noun the body owns
    act = next((a for a in list(doc[k - 1].ancestors)[:4] if a.dep_ == "acl" and a.pos_ == "VERB"), None)
    owners: list[Token] = []
    if noun.lemma_.lower() in word_set("number_body_owned_nouns"):
        owners = [c for c in noun.children if c.dep_ in {"compound", "poss"} and k <= c.i < noun.i]
    if act is not None:
        owners += [c for c in act.head.children if c.dep_ in {"poss", "nmod"}]
    for child in owners:
        ent = _ent_at(child, sent_ents)
        org = gaz.find_org(ent.text) if ent is not None and ent.label_ == "ORG" else None
        if org is not None and org.country is None:
            return True
    return False


def _met_by(
    doc: Doc, i: int, code_at: dict[int, str], sent_ents: list[Span], gaz: Gazetteer, when: date | None
) -> str | None:
    """The one country, or the country of the one person, that the subject of a verb meeting a goal names
    ("Mr Macron has raised spending to meet NATO's target of 2%"), directly or through the verb it is the
    purpose of."""
    done = word_set("number_done_verbs")
    verb = next(
        (a for a in list(doc[i].ancestors)[:5] if a.pos_ == "VERB" and a.lemma_.lower() in done), None
    )
    if verb is None:
        return None
    subjects = _subjects(verb) or (_subjects(verb.head) if verb.dep_ in {"xcomp", "advcl"} else [])
    if len(subjects) != 1 or subjects[0].pos_ != "PROPN" or subjects[0].conjuncts:
        return None
    subj = subjects[0]
    return code_at.get(subj.i) or _actor_country(subj, sent_ents, gaz, when)


def _negated_name(ent: Span, figure: Token) -> bool:
    """ "non-U.S.", "non-EU": a name with "non" before it; or one member of a larger whole named as such
    ("Europe (including Russia)", "all countries except Malta": number_member_example_words.txt), unless
    the figure is in its own phrase ("including Italy, which reached only 1.49%")."""
    doc = ent.doc
    if (
        ent.start >= 1
        and doc[ent.start - 1].lower_ in word_set("number_member_example_words")
        and figure not in ent.root.subtree
    ):
        return True
    return ent[0].lower_ == "non" or (
        ent.start >= 2 and doc[ent.start - 2].lower_ == "non" and doc[ent.start - 1].text == "-"
    )


def _buyers(doc: Doc, k: int, code_at: dict[int, str]) -> list[str]:
    """The countries a deal's sum buys for, when "to" and a verb of supplying follow the sum's phrase: the
    country supplied "to" or "for" ("a £1.9bn contract to supply air-defence systems to Poland"), or the
    ones supplied "with" something ("a deal worth A$90bn ($60bn) to supply Australia with submarines")."""
    bracket = False  # the same sum in another currency: "A$90bn ($60bn) to supply ..."
    for t in doc[k : k + 10]:
        bracket = (bracket or t.text == "(") and t.text != ")"
        if bracket or t.text == ")":
            continue
        if t.is_sent_start or _is_core(t) or (t.pos_ == "VERB" and doc[t.i - 1].lower_ != "to"):
            return []  # another figure's phrase ("worth up to €4bn and a €1.9bn contract to ..."), a clause
        if t.pos_ == "VERB" and t.lemma_.lower() in word_set("number_supply_verbs"):
            to = [g for c in t.children if c.dep_ == "prep" and c.lower_ in {"to", "for"} for g in c.children]
            objects = [c for c in t.children if c.dep_ in {"dobj", "dative", "conj"}]
            if any(c.dep_ == "prep" and c.lower_ == "with" for c in t.subtree):
                to += objects
            return [code_at[g.i] for g in to for g in [g, *g.conjuncts] if g.i in code_at]
    return []


def _names_body(sent_ents: list[Span], gaz: Gazetteer, when: date | None) -> bool:
    """Whether a sentence names an international body ("the IMF", "the World Bank") or one of its officers
    ("Von der Leyen", "Mark Rutte"): its figures are no one country's."""
    for ent in sent_ents:
        if ent.label_ in {"ORG", "PERSON"}:
            actor = gaz.find_actor(ent.text, when)
            if actor is not None and actor.country is None and (ent.label_ == "ORG" or actor.org):
                return True
    return False


def _named_example(noun: Token, code_at: dict[int, str]) -> str | None:
    """The one country a group noun gives as its example ("countries like Germany", "allies such as
    Spain"), or None."""
    for prep in (c for c in noun.children if c.dep_ == "prep"):
        if prep.lower_ == "like" or (
            prep.lower_ == "as" and prep.i > 0 and prep.doc[prep.i - 1].lower_ == "such"
        ):
            named = next((c for c in prep.children if c.dep_ == "pobj" and c.i in code_at), None)
            if named is not None and not _several(named, code_at):
                return code_at[named.i]
    return None


def _several(tok: Token, code_at: dict[int, str]) -> bool:
    """A country named in a list of countries or places ("Germany, the Netherlands and Spain ordered ...",
    "America and Europe should produce 2m shells"): the figure is theirs together, no one country's."""
    root = tok
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    listed = {
        code_at.get(t.i, t.lower_)
        for t in [root, *root.conjuncts]
        if t.i in code_at or t.ent_type_ in {"GPE", "LOC", "NORP"} or _is_group(t)
    }
    return len(listed) > 1


def _opens_paragraph(sent: Span) -> bool:
    """Whether a sentence starts a paragraph (a line break between it and the sentence before)."""
    doc = sent.doc
    if sent.start == 0:
        return True
    return "\n" in doc[sent.start - 1].whitespace_ or doc[sent.start - 1].is_space or doc[sent.start].is_space


def _actor(tok: Token, sent_ents: list[Span], gaz: Gazetteer, when: date | None) -> Actor | None:
    """The person or body a token names, in the gazetteer at the article's date; a surname alone is the
    person the article named in full before ("Richard Connolly, an expert ... Mr Connolly says"), not
    another the gazetteer knows by it, unless that one is in office at the date."""
    ent = _ent_at(tok, sent_ents)
    if ent is not None and ent.label_ in {"PERSON", "ORG"}:
        known, name = gaz.find_actor(ent.text, when), _full_name(ent)
        owner = _place_owner(ent, gaz) if ent.label_ == "ORG" and known is not None else None
        if owner is not None and owner != known.country:
            return replace(known, name=ent.text, country=owner)  # not the gazetteer's namesake elsewhere
        if name == ent.text or (known is not None and when is not None and known.in_office(when)):
            return known  # "Hunter Biden ... Mr Biden": the president
        return gaz.find_actor(name, when)
    if tok.pos_ == "PROPN" and ent is None:
        return _unlabelled_actor(tok, gaz, when)
    # "the Trump administration", "Orban's government": the leader's, as for speakers
    if tok.lemma_.lower() in word_set("speaker_leader_bodies"):
        leader = next(
            (c for c in tok.children if c.dep_ in {"compound", "poss"} and c.ent_type_ == "PERSON"), None
        )
        return _actor(leader, sent_ents, gaz, when) if leader is not None else None
    return None


def _possessor_country(root: Token, sent_ents: list[Span], gaz: Gazetteer, when: date | None) -> str | None:
    """The country of a person who owns the noun a figure is "of" ("Starmer's pledge of £1.6 billion")."""
    if root.dep_ != "pobj" or root.head.lower_ != "of" or root.head.head.pos_ != "NOUN":
        return None
    owner = next((c for c in root.head.head.children if c.dep_ == "poss"), None)
    actor = _actor(owner, sent_ents, gaz, when) if owner is not None else None
    return actor.country if actor is not None and actor.type == "person" else None


def _act_owner_country(root: Token, sent_ents: list[Span], gaz: Gazetteer, when: date | None) -> str | None:
    """The country of the owner of a noun whose infinitive clause holds the figure ("Pedro Sánchez's
    government's decision not to increase defence spending to 5% of GDP", "Italy's plan to reach 2%", "the
    Polish government's decision"), whoever else the sentence is about; not a directive noun's, nor a
    clause's with its own subject ("Trump's demand that allies raise budgets to 2%", "his call to ...")."""
    clause = root
    for _ in range(6):
        if clause.dep_ in {"nsubj", "nsubjpass", "ccomp", "conj"} or clause.head.i == clause.i:
            return None
        if clause.dep_ == "acl" and clause.head.pos_ == "NOUN":
            break
        clause = clause.head
    else:
        return None
    noun = clause.head
    if noun.lemma_.lower() in word_set("directive_verbs") or any(
        c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children
    ):
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    while owner is not None:  # "Pedro Sánchez's government's": the government's owner too
        actor = _actor(owner, sent_ents, gaz, when)
        code = actor.country if actor is not None else gaz.country_code(owner.text)
        if code is None:  # "the Polish government's"
            nations = [c for c in owner.children if c.dep_ in {"amod", "compound"}]
            code = next((gaz.country_code(c.text) for c in nations if c.ent_type_ in {"NORP", "GPE"}), None)
        if code:
            return code
        owner = next((c for c in owner.children if c.dep_ == "poss"), None)
    return None


def _full_name(ent: Span) -> str:
    """A person's name as the article first gave it in full, for a surname alone ("Connolly", "Mr
    Connolly")."""
    if ent.label_ != "PERSON" or any(t.lower_ not in honorifics() for t in ent[:-1]):
        return ent.text
    doc = ent.doc
    if "ddd_full_names" not in doc.user_data:  # surname -> (start, full name), one pass per article
        full: dict[str, list[tuple[int, str]]] = {}
        for e in doc.ents:
            if e.label_ == "PERSON" and len(e) > 1 and e[0].lower_ not in honorifics():
                full.setdefault(e[-1].text, []).append((e.start, e.text))
        doc.user_data["ddd_full_names"] = full
    before = [
        name for start, name in doc.user_data["ddd_full_names"].get(ent[-1].text, []) if start < ent.start
    ]
    return before[0] if before else ent.text


def _unlabelled_actor(tok: Token, gaz: Gazetteer, when: date | None) -> Actor | None:
    """The person or body a proper noun the model left out of its entities names ("Hollande lost ...",
    "Mr Scholz has ..."): the noun with the names compounded before it, looked up in the gazetteer."""
    left = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    name = " ".join(t.text for t in [*left, tok])
    return gaz.find_actor(name, when)


def _unlabelled_actor_country(tok: Token, gaz: Gazetteer, when: date | None) -> str | None:
    actor = _unlabelled_actor(tok, gaz, when)
    return actor.country if actor is not None else None


def _actor_country(tok: Token, sent_ents: list[Span], gaz: Gazetteer, when: date | None) -> str | None:
    """The country of the person or body a token names ("Mr Wallace" in 2023: GBR; "Congress": USA)."""
    actor = _actor(tok, sent_ents, gaz, when)
    return actor.country if actor is not None else None


@cache
def _alliance_words() -> frozenset[str]:
    """Lemmas that make a sentence about the alliance or the EU as a whole."""
    return word_set("number_group_nouns") | word_set("number_alliance_words")


def _is_group(tok: Token) -> bool:
    """ "allies", "NATO leaders", "member states", "the alliance", "each nation", "any NATO nation": many
    countries at once."""
    lemma = tok.lemma_.lower()
    return lemma in word_set("number_group_names") or (
        lemma in word_set("number_group_nouns")
        and (
            tok.tag_ in {"NNS", "NNPS"}
            or any(c.dep_ == "det" and c.lower_ in {"each", "every", "any"} for c in tok.children)
        )
    )


def _counts_members(doc: Doc, i: int, k: int) -> bool:
    """A count of allies or member states: "30 allies", "Nine countries", "23 of the EU's 28 member
    nations", "the number of allies to 31", "two close US allies"."""
    if not (doc[i].like_num or doc[i].pos_ == "NUM") or _unit_at(doc, i, i + 1)[0] is not None:
        return False  # not "70 percent of its budget on NATO": a share, not a count of members
    after = doc[k : k + 6] if k < len(doc) and doc[k].lower_ == "of" else doc[k : k + 2]
    before = doc[max(0, i - 3) : i] if i > 0 and doc[i - 1].lower_ == "to" else []
    if doc[i].dep_ == "nummod" and doc[i].head.lemma_.lower() in word_set("number_member_nouns"):
        # "two key US allies"; not "300 members of the American 173rd Airborne", of a unit
        of = next((c for c in doc[i].head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        named = _alliance_words() | word_set("number_group_names")
        return of is None or any(t.lemma_.lower() in named or t.lower_ in named for t in of.subtree)
    return any(t.lemma_.lower() in word_set("number_group_nouns") for t in [*after, *before])


def _is_recipient(ent: Span, i: int, k: int) -> bool:
    """ "aid to Ukraine", "gave Ukraine $5bn", "packages for Ukraine have shrunk to $1bn": the
    country receives the figure it is tied to, unless the preposition hangs on the figure itself ("0.5% for
    Britain") or compares ("compared to France")."""
    if ent.root.dep_ == "dative":
        return True  # "gave Ukraine $5bn", "lent Egypt a further $3bn"
    verb = ent.root.head
    if ent.root.dep_ == "dobj" and verb.lemma_.lower() in word_set("number_supply_verbs"):
        with_ = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"]
        if any(w.left_edge.i <= i and k - 1 <= w.right_edge.i for w in with_):
            return True  # "supply Ukraine with 30 F-16 jets"
    prep = ent.root.head
    if not (
        ent.root.dep_ == "pobj"
        and prep.lower_ in word_set("number_recipient_preps")
        and not i <= prep.head.i < k
        and prep.head.lemma_.lower() not in word_set("number_comparison_heads")
    ):
        return False
    ancestors = []  # the figure's heads up to its clause's verb
    for a in ent.doc[i].ancestors:
        ancestors.append(a)
        if a.pos_ in {"VERB", "AUX"}:
            break
    # the noun it hangs on is the clause's own, through nouns and prepositions: "increase funding for the
    # programme for Ukraine to NOK 135 billion"
    clause = next((a for a in prep.head.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    return (
        prep.head in ancestors
        or any(
            prep.head.head == a and prep.head.dep_ in {"nsubj", "nsubjpass", "dobj", "conj"}
            for a in ancestors
        )  # a conjunct too: "intelligence agencies and assistance to Ukraine, worth more than 1% of GDP"
        or (
            ent.label_ == "GPE"  # not "the fund for the Bundeswehr", the country's own
            and prep.head.pos_ in {"NOUN", "PROPN"}
            and bool(ancestors)
            and clause == ancestors[-1]
        )
    )


def _is_venue(ent: Span, gaz: Gazetteer) -> bool:
    """ "in Brussels", "near London", "in The Hague", "Meloni, in Washington": a place where something
    happened or someone is, not whose figure; but not the seat of a government ("the government in
    Warsaw"), nor a country where a figure is ("In Germany, spending will rise to 2.1%", "spending in
    Italy"), unless an event took place there ("leaders met in Germany")."""
    if ent.root.dep_ == "appos":  # "in The Hague, Netherlands": the country of a venue is a venue too
        place = next((e for e in ent.doc.ents if e.start <= ent.root.head.i < e.end), None)
        if place is not None and place.label_ in {"GPE", "LOC", "FAC"} and _is_venue(place, gaz):
            return True
    head = ent.root.head
    if not (
        ent.root.dep_ == "pobj"
        and head.lower_ in word_set("number_venue_preps")
        and head.head.pos_ in {"VERB", "NOUN", "PROPN"}
        and head.head.lemma_.lower() not in word_set("number_seat_nouns")
    ):
        return False
    return not gaz.is_country_name(ent.text) or head.head.lemma_.lower() in word_set("number_venue_events")


def _counted_country(
    doc: Doc, k: int, code_at: dict[int, str], sent_ents: list[Span], gaz: Gazetteer, when: date | None
) -> str | None:
    """The country of what a figure counts, named as an adjective of the counted noun right after it
    ("900 Ukrainian soldiers", "60 Russian aircraft") or in an of-phrase ("300 members of the American
    brigade", "20% of Republicans", "$2bn worth of French goods"), or as the owner of what it is a part
    of ("between 50% and 75% of Germany's gas imports")."""
    m = k
    if m + 1 < len(doc) and doc[m].lower_ in word_set("number_range_words") and _is_core(doc[m + 1]):
        m += 1  # the first figure of a range: "50% and 75% of ..."
        while m < len(doc) and (_is_core(doc[m]) or doc[m].lower_ in number_scales() or doc[m].text == "%"):
            m += 1
    if m + 1 < len(doc) and doc[m].lower_ in word_set("number_worth_words") and doc[m + 1].lower_ == "of":
        m += 1
    if m < len(doc) and doc[m].lower_ == "of":
        m += 1
    for t in doc[m : m + 4]:
        if t.i in code_at and t.dep_ in {"amod", "compound", "pobj", "nmod"} and t.ent_type_ == "NORP":
            return code_at[t.i]
        if t.i in code_at and t.dep_ == "poss" and m > k and doc[m - 1].lower_ == "of" and t.i == m:
            return code_at[t.i]
        if t.dep_ == "poss" and t.ent_type_ == "PERSON" and m > k and doc[m - 1].lower_ == "of":
            # "two of Mr. Obama's defense chiefs": the person's country
            return _actor_country(t, sent_ents, gaz, when)
        if t.i in code_at or t.pos_ not in {"DET", "ADJ", "NOUN", "PROPN", "NUM", "ADV"}:
            break
        if t.dep_ == "pobj" and t.head.i == k and t.ent_type_ in {"NORP", "ORG"}:
            return _actor_country(t, sent_ents, gaz, when)
    return None


def _located_count(doc: Doc, i: int, sent_ents: list[Span], gaz: Gazetteer) -> str | None:
    """The country a count of things is in, named by "in" on the counted noun ("only two firms in America
    make engines"): where a place is otherwise a venue ("met in Brussels"), here it is what is counted."""
    if doc[i].dep_ != "nummod" or doc[i].head.pos_ != "NOUN":
        return None
    for ent in sent_ents:
        prep = ent.root.head
        if (
            ent.label_ == "GPE"
            and ent.root.dep_ == "pobj"
            and prep.lower_ == "in"
            and prep.head == doc[i].head
        ):
            return gaz.country_code(ent.text)
    return None


def _alliance_target_of(doc: Doc, i: int) -> bool:
    """ "NATO's target of 20%", "the alliance's guideline of 2%", "NATO's guideline should be raised to 5%":
    the figure is the alliance's goal."""
    heads = list(doc[i].ancestors)[:4]  # "NATO's target of 20%", "the NATO target of spending 2% of GDP"
    for prep, noun in pairwise(heads):
        if prep.lower_ == "of" and noun.lemma_.lower() in word_set("number_target_nouns"):
            return any(c.dep_ in {"poss", "compound"} and _is_group(c) for c in noun.children)
    # "the NATO guideline is 2%", "NATO's guideline should be raised to 5%"
    verb = next((a for a in heads[:3] if a.pos_ in {"VERB", "AUX"}), None)
    if verb is not None and (verb.lemma_ == "be" or (heads[2:3] == [verb] and heads[1].lower_ == "to")):
        for subj in (c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}):
            if subj.lemma_.lower() in word_set("number_target_nouns") and any(
                c.dep_ in {"poss", "compound"} and (_is_group(c) or c.lemma_.lower() in _alliance_words())
                for c in subj.children
            ):
                return True
    return False


def _group_aggregate(tok: Token) -> bool:
    """ "the European average", "the EU average", "the alliance's total": a figure over many countries."""
    return tok.lemma_.lower() in word_set("number_aggregate_nouns") and any(
        c.dep_ in {"amod", "compound", "poss"} and (c.lemma_.lower() in _alliance_words() or _is_group(c))
        for c in tok.children
    )


def _stands_for_country(subj: Token) -> bool:
    """A subject that stands for a country named before: "it", "the government", "its army", "its
    pledges"."""
    if any(c.lower_ == "its" for c in subj.children):
        return True
    return subj.tag_ not in {"NNS", "NNPS"} and subj.lemma_.lower() in word_set("number_home_nouns")


def _previous_country(
    sents: Sentences, ents: Entities, sent: Span, gaz: Gazetteer, when: date | None
) -> str | None:
    """The country the sentences before are about, for "it", "its" and "the government" in this one: the
    country their subject names or belongs to ("Poland ...", "Poland's army ...", "Mr Scholz ..."), else
    the only country they name; back over up to two sentences whose subject is a pronoun ("It is ...")."""
    start = sent.start
    for _ in range(3):
        if start == 0:
            return None
        before = sents.of(start - 1)
        codes, subjects = [], []
        for ent in ents.within(before.start, before.end):
            root = ent.root
            is_subject = (
                root.dep_ in {"nsubj", "nsubjpass"}
                or (root.dep_ == "poss" and root.head.dep_ == "nsubj")
                or (root.dep_ == "conj" and root.head.dep_ in {"nsubj", "nsubjpass"})
            ) and not _in_subclause(root)  # not "Ever since Russia invaded Ukraine, the firm has ..."
            if ent.label_ in {"GPE", "NORP"} and receives(root):
                continue  # "donations from its stocks to Ukraine": not what the sentence is about
            if ent.label_ in {"GPE", "NORP"} and not _is_venue(ent, gaz):
                code = gaz.country_code(ent.text)
            elif ent.label_ == "PERSON" and is_subject:
                code = _actor_country(root, [ent], gaz, when)
            else:
                code = None
            if code and (is_subject or not _under_advcl(root)):
                # not a country named down an adverbial clause ("This move came after Trump said Europe
                # must stop relying on the US")
                codes.append(code)
                if is_subject:
                    subjects.append(code)
        in_ents = {t for e in ents.within(before.start, before.end) for t in range(e.start, e.end)}
        for tok in before:
            if tok.dep_ != "nsubj" or tok.pos_ != "PROPN" or tok.i in in_ents:
                continue
            name = [tok, *(c for c in tok.children if c.dep_ == "compound")]
            if any(t.lower_ in word_set("number_source_org_words") for t in name):
                continue  # "..., reports Xinhua News Agency": a source, not what the sentence is about
            code = _unlabelled_actor_country(tok, gaz, when)  # "Mr Scholz" the model left unlabelled
            if code:
                codes.append(code)
                subjects.append(code)
        if subjects:
            return subjects[0] if len(set(subjects)) == 1 else None  # "Sweden and Finland ...": several
        if codes:
            return codes[0] if len(set(codes)) == 1 else None
        if not codes and not _opens_paragraph(before):
            start = before.start  # a sentence naming no country, inside the paragraph: look further back
            continue
        if not any(t.dep_ == "nsubj" and t.lower_ == "it" for t in before):
            return None
        start = before.start
    return None


def _in_subclause(tok: Token) -> bool:
    """Whether a token's clause is an adverbial clause ("Ever since Russia invaded ...")."""
    verb = _clause_verb(tok)
    return verb is not None and verb.dep_ == "advcl"


def _under_advcl(tok: Token) -> bool:
    """Whether a token is anywhere inside an adverbial clause."""
    return any(a.dep_ == "advcl" for a in tok.ancestors)


_YEAR = re.compile(r"\b(19\d\d|20\d\d|21\d\d)\b")


def _year(
    i: int, k: int, sent: Span, sent_ents: list[Span], when: date | None, kind: str, unit: str = "count"
) -> int | None:
    """The year a figure refers to: a year or relative year ("last year", "a decade ago") next to it in the
    sentence, preferring the one after it ("4.12% in 2024", "5% by 2035"); a target only looks after it
    ("... set for 2030, and would aim for 3%" has no year); a start year ("since 2016") is not its own."""
    doc = sent.doc
    dates = _dates(sent, sent_ents, when, range(i, k))
    # a deadline with another figure between it and this one is that figure's ("$130bn ..., a figure
    # expected to rise to $400bn by the end of 2024"); so is one nearer a figure of another unit ("the
    # 2% target rose from three in 2014"); a
    # year after a list is the list's ("Spain at 1.28% and Belgium at 1.30% for 2024")
    after = [
        (s, y)
        for s, y in dates
        if s >= k
        and not (doc[s - 1].lower_ == "by" and any(_is_core(t) for t in doc[k:s]))
        and not _other_unit_between(doc, k, s, unit)
        and not _compared_figure_between(doc, k, s)
        and not _other_brackets(doc, k, s)
        and not _other_clause(doc[i], doc[s])
        and not _other_figure_clause(doc[i], doc[s])
        and not _other_noun_clause(doc[i], doc[s])
        and not _history_of_other_noun(doc[i], doc[s])
        and not _other_change_base(doc[i], doc[s])
        and not _opens_next_clause(doc, s)
        and not _start_level(doc, i, k, s)
        and not _from_level_between(doc, k, s)
        and not _semicolon_between(doc, k, s)
    ]
    # a year in a clause of its own ("Under a deal reached two years ago, Seoul pays 40%") is not the
    # figure's: only one whose clause verb is the figure's or one the figure's clause hangs on
    heads = {a.i for a in doc[i].ancestors}
    before = [
        (s, y)
        for s, y in dates
        if s < i and _year_reaches(doc[s], heads) and not _semicolon_between(doc, s, i)
    ]
    verb = _clause_verb(doc[i])
    if (then := _when_clause_year(verb)) is not None:
        return then  # "Spending has risen since 2014, when it stood at 1.1% of GDP": 2014's, though a start
    if when is not None and _current(doc, i, k):
        return when.year  # "raise its current 2% of GDP allocation to 5% by 2032": 2032 is the 5%'s
    if (
        _now(doc, i, verb)
        and when is not None
        and kind != "target"
        and not _own_year(doc, verb, after, dates)
    ):
        # "From a peak of 5,000 in 2020, France now maintains only 1,500": the present, not 2020
        return when.year
    if after:
        return min(after)[1]
    window = doc[max(0, i - 3) : i]
    frm = next((t for t in window if t.lower_ == "from"), None)
    if before and kind != "target" and frm is None:
        return max(before)[1]
    if before and frm is not None and not {"down", "up"} & {t.lower_ for t in window} and _changed_from(frm):
        # "In February last year the government pledged to increase spending from around 1.4% to 2%": the
        # level when the change was set out; not "down from roughly 22%", an earlier level
        verb = _clause_verb(doc[i])
        governing = (
            [verb, *(a for a in verb.ancestors if a.pos_ in {"VERB", "AUX"})] if verb is not None else []
        )
        opening = [(s, y) for s, y in before if _opening_date(doc[s], governing)]
        if opening:
            return max(opening)[1]
    # the figure's clause, or one its past verb is conjoined to ("In February last year the government
    # pledged ... and announced a €100bn fund": the opening date is both verbs')
    shared = _conjoined_heads(verb)
    own = [
        (s, y)
        for s, y in before
        if verb is not None
        and (
            _clause_verb(doc[s]) == verb
            or (verb.tag_ == "VBD" and _opening_date(doc[s], shared[1:]))
            or _opening_date(doc[s], [_finite_above(verb)])
            or (_deadline(doc, s) and verb.dep_ == "xcomp" and _opening_date(doc[s], [verb.head]))
        )
    ]  # "By 2029, expenditures are expected to reach €153bn": a deadline opening the verb it depends on
    named_goal = _on_goal_noun(doc[i], 3)  # a noun ("the target of 20%"), not the verb "pledged"
    if own and kind == "target" and not named_goal:
        return max(own)[1]  # "plans to double its aid next year to $8.5bn" (not "the target of 20%")
    return None


def _changed_from(frm: Token) -> bool:
    """Whether "from" gives the level a change starts at ("increase spending from 1.4% to 2%")."""
    return frm.head.pos_ in {"VERB", "NOUN"} and frm.head.lemma_.lower() in word_set("number_change_words")


def _semicolon_between(doc: Doc, start: int, end: int) -> bool:
    """Whether a semicolon parts two positions of a sentence: the clauses it joins each have their own
    time ("In 2014 only three allies met the target; this year 23 will")."""
    return any(t.text == ";" for t in doc[start:end])


def _other_clause(figure: Token, date_tok: Token) -> bool:
    """Whether a date is in a clause conjoined after the figure's, or contrasted with it ("while ..."), with
    a subject of its own ("Estonia has reached 2%, and its neighbours are on track to hit it in 2018": 2018
    is theirs; "Latvia has not said when it will hit 3%, while Lithuania could reach it next year")."""
    return any(
        (
            verb.dep_ == "conj"
            or (
                verb.dep_ == "advcl"
                and any(c.dep_ == "mark" and c.lower_ in word_set("contrast_marks") for c in verb.children)
            )
        )
        and verb.pos_ in {"VERB", "AUX"}
        and figure not in verb.subtree
        and _subjects(verb)
        for verb in date_tok.ancestors
    )


def _other_figure_clause(figure: Token, date_tok: Token) -> bool:
    """Whether a date is in a relative clause on a noun another figure names, not this one ("5%, a big
    jump from the current 2% target the alliance set in 2014": 2014 is the 2%'s)."""
    clause = next((a for a in date_tok.ancestors if a.dep_ in {"relcl", "acl"}), None)
    if clause is None or figure in clause.head.subtree:
        return False
    return any(_is_core(t) for t in clause.head.subtree if t.i < clause.i)


def _other_noun_clause(figure: Token, date_tok: Token) -> bool:
    """Whether a date is in a clause with a subject of its own that completes a noun outside the figure's
    phrase ("5%, a response to fears that Russia poses a threat following the 2022 invasion": 2022 is the
    invasion's); not a relative clause ("from the EU budget, which will begin in 2028"), nor a clause on an
    apposition to the figure ("2%, a level it reached in 2024")."""
    return any(
        verb.dep_ == "acl"
        and verb.pos_ in {"VERB", "AUX"}
        and verb.head.dep_ != "appos"
        and figure not in verb.head.subtree
        and _subjects(verb)
        for verb in date_tok.ancestors
    )


def _other_change_base(figure: Token, date_tok: Token) -> bool:
    """Whether a date is the base of a change the figure is not part of ("allocates 66.3 trillion won, an
    8.2 percent increase from this year": this year is the base of the increase, not the sum's year)."""
    obj = date_tok if date_tok.dep_ == "pobj" else date_tok.head  # "this year": "year" is the object
    frm = obj.head
    return (
        obj.dep_ == "pobj" and frm.lower_ == "from" and _changed_from(frm) and figure not in frm.head.subtree
    )


def _opens_next_clause(doc: Doc, s: int) -> bool:
    """Whether the date at `s` follows "and" or "but" and opens the part of the sentence with the next figure
    ("will allocate 1.3% this year and in 2023 this will rise to 1.4%", "to 22% and next year to 23%")."""
    start = s - 1 if s > 0 and doc[s].dep_ == "pobj" and doc[s - 1] == doc[s].head else doc[s].left_edge.i
    if start == 0 or doc[start - 1].lower_ not in {"and", "but"}:
        return False
    return any(
        _is_core(t) and not _YEAR.fullmatch(t.text) and t.ent_type_ != "DATE"
        for t in doc[s + 1 : doc[s].sent.end]
    )


def _history_of_other_noun(figure: Token, date_tok: Token) -> bool:
    """Whether a date tells, in a past relative clause, the history of a noun outside the figure's phrase
    while the figure's own clause is in the present or future ("spending above 1% of GDP would be exempt
    from the debt brake, which was written into the constitution in 2009": 2009 is the brake's)."""
    verb = _clause_verb(date_tok)
    own = _clause_verb(figure)
    while own is not None and own.tag_ == "VBG" and own.head.pos_ in {"VERB", "AUX"} and own.head != own:
        if any(c.dep_ == "aux" for c in own.children):
            break
        own = own.head  # "Spending above 1% would be exempt": the tense is "would be"'s
    return (
        verb is not None
        and own is not None
        and verb.dep_ == "relcl"
        and figure not in verb.head.subtree
        and _past_verb(verb)
        and (
            own.tag_ in {"VBZ", "VBP"}
            or any(c.dep_ in {"aux", "auxpass"} and c.tag_ in {"MD", "VBZ", "VBP"} for c in own.children)
        )
    )


def _dates(
    sent: Span, sent_ents: list[Span], when: date | None, figure: range = range(0)
) -> list[tuple[int, int]]:
    """The years a sentence names, as (token, year): a year ("in 2024") or a relative year ("last year", "a
    decade ago", "three years ago"), not a start year ("since 2016") nor one a figure is compared with (the
    figure at tokens `figure` aside)."""
    doc = sent.doc
    dates = []
    for ent in sent_ents:
        if ent.label_ != "DATE":
            continue
        years = [int(y) for y in _YEAR.findall(ent.text)]
        if not years:
            month = _past_month_year(ent, when)
            if month is not None:
                dates.append((ent.start, month))
            continue
        # a span ("between 2014 and 2023", "2014-2023"): a figure over it is of its last year
        year = years[-1] if len(years) > 1 and ent[0].lower_ in {"between", "from"} else years[0]
        if (
            not (figure and _start_clause(ent.root, figure.start))
            and not any(
                t.lower_ in word_set("number_not_own_year")
                for t in doc[max(sent.start, ent.start - 3) : ent.start]
            )
            and not _compared_year(doc, sent, ent.start, year, when, figure)
        ):
            dates.append((ent.start, year))
    if when is not None:
        for t in sent:
            if t.lower_ in period_years() and t.i > sent.start:
                at = t.i - 1
                if doc[at].lower_ in word_set("number_year_kinds") and at > sent.start:
                    at -= 1  # "this fiscal year", "next financial year"
                prev = doc[at].lower_
                if prev in {"the", "this"} and _end_of(doc, at, sent):
                    # "by the end of the decade" (2024: 2030), "by the end of the year"
                    span = period_years()[t.lower_]
                    dates.append((at, when.year if span == 1 else (when.year // span + 1) * span))
                    continue
                ago = t.i + 1 < sent.end and doc[t.i + 1].lower_ == "ago"
                if prev in relative_years() and not ago:
                    # "next year", not "over the next decade" (a span); not "since last year's summit"
                    since = any(
                        w.lower_ in word_set("number_not_own_year")
                        for w in doc[max(sent.start, t.i - 4) : t.i - 1]
                    )
                    if period_years()[t.lower_] == 1 and not since:
                        dates.append((at, when.year + relative_years()[prev]))
                elif prev in word_set("number_same_year_words") and t.lower_ == "year":
                    named = _last_year_before(doc, sent.start)  # "That year just three allies ..."
                    if named is not None:
                        dates.append((t.i - 1, named))
                elif ago and prev in word_set("number_one_words"):
                    dates.append((t.i - 1, when.year - period_years()[t.lower_]))
            elif t.lower_ in scores("number_seasons") and t.i > sent.start and doc[t.i - 1].lower_ == "last":
                ended = when.month > scores("number_seasons")[t.lower_]
                dates.append((t.i - 1, when.year if ended else when.year - 1))  # "last summer"
            elif t.lower_ == "years" and t.i + 1 < sent.end and doc[t.i + 1].lower_ == "ago":
                n = parse_value([doc[t.i - 1].text])
                if n is not None and 1 <= n <= 50:
                    dates.append((t.i - 1, when.year - int(n)))
        dates += _years_on(sent, dates, when)
    return dates


def _start_clause(tok: Token, figure: int) -> bool:
    """Whether `tok` is in a clause marked as a start (number_not_own_year.txt) that the figure at token
    `figure` is not in: "since it was established in 2006" is the start of something else."""
    verb = _clause_verb(tok)
    return (
        verb is not None
        and any(c.dep_ == "mark" and c.lower_ in word_set("number_not_own_year") for c in verb.children)
        and not verb.left_edge.i <= figure <= verb.right_edge.i
    )


def _past_month_year(ent: Span, when: date | None) -> int | None:
    """The year before the article's for a month named without a year, in a clause told in the past, that
    comes after the article's month ("In November, Lithuania approved ..." in February 2024: 2023; "last
    March" in March); None otherwise (the article's own year is the default already)."""
    month = next((_MONTHS[t.lower_] for t in ent if t.lower_ in _MONTHS), None)
    verb = _clause_verb(ent.root)
    if month is None or when is None or verb is None or not _past_verb(verb):
        return None
    start_words = word_set("number_not_own_year")
    before = ent.doc[ent.start - 1].lower_ if ent.start else ""
    if before in start_words or any(c.dep_ == "mark" and c.lower_ in start_words for c in verb.children):
        return None  # "since last April", "since the conflict began last April": a start, not the figure's
    last = any(t.lower_ == "last" for t in ent)
    return when.year - 1 if month > when.month or (last and month >= when.month) else None


_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTH_NAMES = "|".join(name for name in calendar.month_name if name)
_DAYS = r"\d{1,2}(?:\s*[-–]\s*\d{1,2})?"
_MONTH_DAYS = re.compile(rf"\b(?:(?:{_MONTH_NAMES})\s+{_DAYS}|{_DAYS}\s+(?:{_MONTH_NAMES}))\b")


def _month_days(doc: Doc, text: str) -> set[int]:
    """Days of the month the model left out of its dates: "on the night of September 9-10", "9-10
    September" (`text` is the doc's)."""
    out: set[int] = set()
    for m in _MONTH_DAYS.finditer(text):
        for day in re.finditer(r"\d+", m.group()):
            span = doc.char_span(m.start() + day.start(), m.start() + day.end())
            if span is not None and 1 <= int(day.group()) <= 31:
                out.add(span.start)
    return out


def _end_of(doc: Doc, at: int, sent: Span) -> bool:
    """Whether "end of" comes right before the token at `at` ("the end of the decade")."""
    return at - 2 >= sent.start and doc[at - 2].lower_ == "end" and doc[at - 1].lower_ == "of"


def _years_on(sent: Span, dates: list[tuple[int, int]], when: date) -> list[tuple[int, int]]:
    """Years a span of time away from the year named before it in the sentence, or else the article's:
    "within two years", "in 1989 ... in ten years", "a year earlier", "the year before that"."""
    doc, out = sent.doc, []
    for t in sent:
        if t.lower_ == "decade" and t.i - 3 >= sent.start:
            # "in 2014 ... within a decade": 2024; "over the next decade": ten years on
            one = doc[t.i - 2].lower_ == "within" and doc[t.i - 1].lower_ in word_set("number_one_words")
            next_one = doc[t.i - 1].lower_ == "next" and doc[t.i - 3].lower_ in {"over", "within"}
            if one or next_one:
                named = next((y for i, y in reversed(dates) if i < t.i), None)
                out.append((t.i - 2, (when.year if named is None else named) + period_years()["decade"]))
            continue
        if t.lower_ not in {"year", "years"}:
            continue
        named = next((y for i, y in reversed(dates) if i < t.i), None)
        base = when.year if named is None else named
        if t.lower_ == "year" and t.i > sent.start and doc[t.i - 1].lower_ == "the" and t.i + 2 < sent.end:
            step = {"before": -1, "after": 1}.get(doc[t.i + 1].lower_)
            if step and (doc[t.i + 2].is_punct or doc[t.i + 2].lower_ == "that"):  # "The year before that,"
                out.append((t.i - 1, base + step))
                continue
        if t.i - 2 < sent.start:
            continue
        n = 1.0 if doc[t.i - 1].lower_ in word_set("number_one_words") else parse_value([doc[t.i - 1].text])
        if n is None or not 1 <= n <= 50 or n != int(n):
            continue
        ahead = doc[t.i - 2].lower_ == "within" or (doc[t.i - 2].lower_ == "in" and named is not None)
        if ahead and t.lower_ == "years" and not _then_ago(doc, t):
            # "within two years"; "in 1989 ... to 3% in ten years" (not "the highest in 20 years")
            out.append((t.i - 2, base + int(n)))
        elif t.i + 1 < sent.end and doc[t.i + 1].lower_ == "earlier":
            out.append((t.i - 1, base - int(n)))  # "the previous report, a year earlier"
    return out


def _then_ago(doc: Doc, t: Token) -> bool:
    return t.i + 1 < len(doc) and doc[t.i + 1].lower_ in {"ago", "old", "later", "earlier"}


def _narrative_year(
    doc: Doc, i: int, sent: Span, sents: Sentences, ents: Entities, when: date | None, kind: str
) -> int | None:
    """The year a paragraph told in the past carries to a figure of a later sentence that names none: "Last
    year military budgets rose by 3.7%. In Europe they increased by 13%." The one year of the nearest
    sentence before it in its paragraph that names any, when every sentence from there on is in the past
    tense and the figure's clause too, or the sentence right before names one year only of a past act ("a
    pact unveiled in 2021. This sank a French deal worth A$90bn"); not for a target, nor a sentence with a
    date of its own, nor after a sentence naming several years."""
    verb = _clause_verb(doc[i])
    verb = _tensed(verb) if verb is not None else None
    if kind == "target" or when is None or verb is None or not _past_verb(verb) or not _in_past(sent):
        return None
    if any(e.label_ == "DATE" for e in ents.within(sent.start, sent.end)):
        return None  # a time of its own ("In January, the army released five ..."), with a year or not
    after = sent
    for _ in range(3):
        if after.start == 0:
            return None
        before = sents.of(after.start - 1)
        if "\n" in doc_text(doc)[before[-1].idx : after.start_char]:
            return None  # another paragraph
        before_ents = ents.within(before.start, before.end)
        dates = _dates(before, before_ents, when)
        if not _in_past(before):
            # the story moved to the present, unless its year is of a past act ("AUKUS, a pact unveiled in
            # 2021. This sank a French deal worth A$90bn")
            years = {
                y for s, y in dates if (v := _clause_verb(doc[s])) is not None and v.tag_ in {"VBD", "VBN"}
            }
            return years.pop() if len(years) == 1 and after is sent else None
        years = {y for _, y in dates}
        if years:
            return years.pop() if len(years) == 1 else None
        if any(e.label_ == "DATE" for e in before_ents):
            return None  # "In January, ...": the story's time is that date's, whatever year it is
        after = before
    return None


def _past_verb(verb: Token) -> bool:
    """A verb in the past tense: "rose", "was cut", "had risen", and a bare participle the tagger took for
    one, conjoined to a past verb ("China's rose by 7.4% ... and Russia's increased by 7.5%")."""
    if verb.tag_ != "VBN":
        return verb.tag_ == "VBD"
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if auxiliaries:
        return any(c.tag_ == "VBD" for c in auxiliaries)
    return verb.dep_ == "conj" and verb.head.tag_ == "VBD"


def _tensed(verb: Token) -> Token:
    """The verb whose tense a clause has: for an adverbial participle, the verb it hangs on ("China came
    second, spending $293 billion"; "exceeded the mark, reaching $2,113 billion"), and so for an
    infinitive of a past change ("grew 9.4% to reach $2.7 trillion")."""
    if verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.head.pos_ in {"VERB", "AUX"}:
        return verb.head
    if (
        verb.tag_ == "VB"
        and verb.dep_ in {"advcl", "xcomp"}
        and verb.head.tag_ == "VBD"
        and verb.head.lemma_.lower() in word_set("number_change_words")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    ):
        return verb.head  # "spending grew 9.4% to reach $2.7 trillion": the rise has happened
    return verb


def _in_past(sent: Span) -> bool:
    """Whether a sentence's main verb is in the past tense ("rose", "was", "had risen")."""
    root = sent.root
    return root.tag_ == "VBD" or any(c.dep_ in {"aux", "auxpass"} and c.tag_ == "VBD" for c in root.children)


def _current(doc: Doc, i: int, k: int) -> bool:
    """Whether the figure at token i, or a noun it hangs on, is called current ("its current 2% of GDP
    allocation", "current spending at around 1.37 per cent"); not a goal in force ("the current 2% target",
    "NATO's current target of 2 percent")."""
    goals = word_set("number_target_nouns")
    if any(t.lemma_.lower() in goals for t in doc[k : k + 3]):
        return False  # "the current 2% Nato target"
    for tok in [doc[i], *list(doc[i].ancestors)[:3]]:
        if tok.pos_ in {"VERB", "AUX"} or (tok.i < i and (tok.like_num or tok.lower_ in number_scales())):
            return False  # not "from the current €16 billion to €36 billion": the €16 billion is current
        if any(
            c.dep_ == "amod"
            and c.lower_ in word_set("number_current_words")
            and not any(t.like_num for t in doc[c.i + 1 : i])  # "the current €16 billion to €36 billion"
            for c in tok.children
        ):
            lemma = tok.lemma_.lower()
            # "its current level of 0.5%" is today's
            return lemma not in goals or lemma in word_set("number_level_nouns")
    return False


def _now(doc: Doc, i: int, verb: Token | None) -> bool:
    """Whether the figure at token i comes after an adverb that sets its clause in the present ("France now
    maintains only 1,500", "Currently, America can make 180,000 shells a year")."""
    return verb is not None and any(
        c.dep_ == "advmod" and c.i < i and c.lower_ in word_set("number_now_words") for c in verb.children
    )


def _own_year(
    doc: Doc, verb: Token | None, after: list[tuple[int, int]], dates: list[tuple[int, int]]
) -> bool:
    """Whether the figure's clause names a year of its own: after the figure in the same clause, or in
    the clause's subject ("Poland's 2024 figure now stands at 3.79%")."""
    if verb is None:
        return False
    subject = {t.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree}
    return any(_clause_verb(doc[s]) == verb for s, _ in after) or any(s in subject for s, _ in dates)


def _other_unit_between(doc: Doc, k: int, s: int, unit: str) -> bool:
    """Whether a number of another unit (money, percentage or count) in another clause stands between the
    figure (ending at token k) and a year (at token s), nearer to the year than to the figure: the year
    is that number's."""
    own = "percent" if unit == "percent_of_gdp" else unit
    verb = _clause_verb(doc[k - 1])
    m = k
    while m < s:
        if not _is_core(doc[m]) or _YEAR.fullmatch(doc[m].text):
            m += 1
            continue
        end = m + 1
        while end < s and (_is_core(doc[end]) or doc[end].lower_ in number_scales()):
            end += 1
        if (
            (_unit_at(doc, m, end)[0] or "count") != own
            and s - end < m - k
            and _clause_verb(doc[m]) != verb  # not "23 of the members will spend 2% ... this year"
        ):
            return True
        m = end
    return False


def _other_brackets(doc: Doc, k: int, s: int) -> bool:
    """Whether token s is inside brackets opened after token k ("€6.8bn ... Germany (€17.7bn, stretching to
    2027)": a year there is the bracketed figure's), or after brackets the figure is in have closed ("(data
    for 2024 show spending of 1.3%), announced it will reach 2% by the end of the year": not the
    bracketed figure's); not when the brackets convert the sum before them ("RUB4.6 trillion ($75.6 billion)
    in 2024": the year is the sum's and its conversion's)."""
    depth = 0
    for t in doc[k:s]:
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            if depth == 0:
                return not _converts(doc, k)
            depth -= 1
    return depth > 0


def _converts(doc: Doc, k: int) -> bool:
    """Whether the brackets the figure ending at token k is in open right after a sum ("2 billion zlotys (",
    "RUB4.5 trillion (")."""
    start = next((t.i for t in reversed(doc[max(0, k - 8) : k]) if t.text == "("), None)
    before = doc[start - 1] if start else None
    return before is not None and (
        before.ent_type_ == "MONEY"
        or before.lower_ in number_scales()
        or before.lower_ in currencies()["after"]
    )


def _compared_year(
    doc: Doc, sent: Span, start: int, year: int, when: date | None, figure: range = range(0)
) -> bool:
    """A year the figure (its tokens: `figure`) is compared with: "€413bn, compared with 2019-25", "higher
    than in 2022", and a past year a change starts from ("up 8 points from the spring of 2014"; not "£2bn a
    year from 2027", nor the year of a thing that is from it: "data from 2022 show ..."); not the year of a
    figure that is itself the one compared ("compared with 2% in 2022")."""
    words = [t.lower_ for t in doc[max(sent.start, start - 3) : start]]
    at = start - 1
    if words and words[-1] == "in":
        words.pop()
        at -= 1
    if words and words[-1] in word_set("number_start_year_words"):
        head = doc[at].head
        if head.pos_ in {"NOUN", "PROPN"} and head.lemma_.lower() not in word_set("number_change_words"):
            return False  # where a thing comes from, no change: "tax returns from 1995", "data from 2022"
        return when is not None and year < when.year
    if any(tuple(words[-len(p) :]) == p for p in _compared_phrases()):
        return True
    for head in doc[start].ancestors:  # "rose by 12% compared with the same period in 2022"
        if head.i in figure:
            return False
        if head.lemma_.lower() in word_set("number_comparison_heads"):
            return True
        if head.pos_ in {"VERB", "AUX"}:
            return False
    return False


def _compared_with(doc: Doc, i: int) -> bool:
    """Whether a figure is what something is compared with ("compared with", "versus":
    number_compared_year_phrases.txt; not "than", which "more than 2%" qualifies)."""
    words = [t.lower_ for t in doc[max(0, i - 4) : i]]
    phrases = [p for p in _compared_phrases() if p != ("than",)]
    return any(words[n : n + len(p)] == list(p) for p in phrases for n in range(len(words) - len(p) + 1))


def _compared_country(doc: Doc, i: int, k: int, code_at: dict[int, str]) -> str | None:
    """The country "for" or "in" which a figure something is compared with is given ("compared with
    $44.4 billion for Ukraine")."""
    if k >= len(doc) or doc[k].lower_ not in {"for", "in"} or not _compared_with(doc, i):
        return None
    place = next((c for c in doc[k].children if c.dep_ == "pobj"), None)
    return code_at.get(place.i) if place is not None else None


def _share_in(doc: Doc, k: int, code_at: dict[int, str]) -> str | None:
    """The country a percentage is "in", named right after it ("followed by 75% in the Netherlands")."""
    if k + 1 >= len(doc) or doc[k - 1].lower_ not in {"%", "percent", "cent"} or doc[k].lower_ != "in":
        return None
    at = k + 2 if doc[k + 1].lower_ == "the" else k + 1
    return code_at.get(at) if at < len(doc) else None


def _compared_elsewhere(doc: Doc, i: int, k: int, code_at: dict[int, str]) -> bool:
    """A figure something is compared with that a place which is no country follows ("compared with less
    than 50% in the West")."""
    if not _compared_with(doc, i):
        return False
    if k >= len(doc) or doc[k].lower_ not in {"in", "among", "across"}:
        return False
    place = next((c for c in doc[k].children if c.dep_ == "pobj"), None)
    return (
        place is not None
        and place.i not in code_at
        and place.ent_type_ not in {"DATE", "GPE"}
        and not place.like_num
    )


@cache
def _compared_phrases() -> tuple[tuple[str, ...], ...]:
    """The words of each phrase that marks what a figure is compared with ("compared with", "than")."""
    return tuple(tuple(p.split()) for p in word_list("number_compared_year_phrases"))


def _compared_figure_between(doc: Doc, k: int, s: int) -> bool:
    """Whether a figure it is compared with stands between a figure (ending at token k) and a year (at token
    s): "4% of GDP, compared with 2% last year" (the year is the 2%'s)."""
    words = [t.lower_ for t in doc[k:s]]
    for m in range(len(words)):
        for p in _compared_phrases():
            if tuple(words[m : m + len(p)]) == p and any(_is_core(t) for t in doc[k + m + len(p) : s]):
                return True
    return False


def _year_reaches(tok: Token, heads: set[int]) -> bool:
    """Whether a date before a figure is in the figure's clause: its clause verb (if any) is one of the
    figure's heads."""
    verb = _clause_verb(tok)
    return verb is None or verb.i in heads


def _opening_date(tok: Token, heads: list[Token]) -> bool:
    """Whether a date opens the clause of one of `heads`, before its verb ("In February last year the
    government pledged ..."), and so holds for the verbs conjoined to it that tell of the past ("... and
    announced a €100bn fund", not "... and would aim for 3% later")."""
    verb = _clause_verb(tok)
    return verb is not None and verb in heads and tok.i < verb.i


def _deadline(doc: Doc, at: int) -> bool:
    """Whether the date at `at` is a deadline: "by 2029" (number_deadline_words.txt)."""
    return at > 0 and doc[at - 1].lower_ in word_set("number_deadline_words")


def _finite_above(verb: Token) -> Token:
    """The verb itself, or for a participle in a "with" phrase the verb the phrase hangs on ("This year it
    will be nearer 2.3%, with military spending hitting £52bn": "be", whose opening date it shares)."""
    if verb.tag_ != "VBG":
        return verb
    for above in verb.ancestors:
        if above.lower_ == "with" and above.dep_ == "prep":
            return above.head if above.head.pos_ in {"VERB", "AUX"} else verb
        if above.pos_ in {"VERB", "AUX"}:
            break
    return verb


def _conjoined_heads(verb: Token | None) -> list[Token]:
    """A verb and the verbs it is conjoined after (for "pledged ... and announced": both)."""
    out = [verb] if verb is not None else []
    while out and out[-1].dep_ == "conj" and out[-1].head.pos_ in {"VERB", "AUX"}:
        out.append(out[-1].head)
    return out


def _when_clause_year(verb: Token | None) -> int | None:
    """The year a "when" clause of the figure's hangs on ("since 2014, when it stood at 1.1%")."""
    if verb is None or verb.dep_ != "relcl" or not any(c.lower_ == "when" for c in verb.children):
        return None
    return int(verb.head.text) if _YEAR.fullmatch(verb.head.text) else None


def _clause_verb(tok: Token) -> Token | None:
    """The verb of the clause a token is in (not "won" tagged a verb in "66.3 trillion won")."""
    return next((a for a in tok.ancestors if a.pos_ in {"VERB", "AUX"} and a.ent_type_ != "MONEY"), None)


def _last_year_before(doc: Doc, end: int) -> int | None:
    """The last year written before token `end` ("... in 2014, ... That year")."""
    for t in reversed(doc[max(0, end - 200) : end]):
        if _YEAR.fullmatch(t.text):
            return int(t.text)
    return None


def _target_year(sent: Span, i: int, k: int, kind: str) -> int | None:
    """A target's deadline later in its sentence: "... 3.5% on core defence ... by 2035"; not that of the
    level a rise starts from ("double spending from 2% of GDP to 5% of GDP by 2035": the 5%'s)."""
    if kind != "target":
        return None
    doc = sent.doc
    for t in sent[k - sent.start : -1] if k < sent.end else []:
        if t.lower_ == "by" and _YEAR.fullmatch(t.nbor().text) and doc[t.i - 2].lower_ != "instead":
            return None if _start_level(doc, i, k, t.i) else int(t.nbor().text)
    return None


def _from_level_between(doc: Doc, k: int, end: int) -> bool:
    """Whether a "from" level stands between a figure and a later date ("3.5% over four years, from about
    2.4% in 2025": 2025 is the 2.4%'s)."""
    return any(
        t.lower_ == "from" and any(_is_core(u) for u in doc[t.i + 1 : min(t.i + 4, end)]) for t in doc[k:end]
    )


def _start_level(doc: Doc, i: int, k: int, end: int) -> bool:
    """Whether the figure at tokens i..k is the level a change starts from, with the level it goes to named
    before token `end` ("rise from its current 2.3% share to 2.5% in 2027": the date is the 2.5%'s)."""
    start = any(a.dep_ == "pobj" and a.head.lower_ == "from" for a in [doc[i], *list(doc[i].ancestors)[:3]])
    return start and any(t.lower_ == "to" and t.i + 1 < end and _is_core(t.nbor()) for t in doc[k:end])


def _default_year(doc: Doc, i: int, unit: str, kind: str, when: date | None) -> int | None:
    """A level or count with no year of its own is the article's year, and so is a guideline a country
    has met ("Britain already met the 2% guideline") or a sum a total comes to ("aid will reach $60bn");
    another target, or a hypothesis, has none."""
    if when is None or _in_an_era(doc, i):
        return None
    if unit == "money" and kind != "reported" and _sum_now(doc, i):
        return when.year
    if kind == "other" and unit in {"percent_of_gdp", "money"}:
        return None
    if kind == "target":
        if _goal_of(doc, i):
            return None  # "met the alliance's target of spending 2% of GDP": the goal has no year of its own
        verbs = [a for a in doc[i].ancestors if a.pos_ == "VERB"][:3]
        if any(_done(v) for v in verbs) or (
            unit == "money" and verbs and _past(verbs[0]) and not _fund(doc, i)
        ):
            return when.year  # "met the 2% guideline", "promised an extra £500m", "has committed €2bn"
        return None  # "set up a €100bn fund": spent over years
    return when.year


_DECADE = re.compile(r"\b(1[89]|20)\d0s\b")


def _in_an_era(doc: Doc, i: int) -> bool:
    """Whether a figure's clause, told in the past, sets it in a decade or an era rather than a year ("In the
    1980s, America spent 6%", "During the cold war, Germany spent 3%"); not "the highest since the 1980s"."""
    verb = _clause_verb(doc[i])
    if verb is None or not _past_verb(verb):
        return False
    clause = [t for t in verb.subtree if _clause_verb(t) == verb]
    for t in clause:
        words = [w.lower_ for w in doc[t.i : t.i + 3]]
        era = _DECADE.fullmatch(t.lower_) or any(
            tuple(words[: len(p)]) == p for p in _era_phrases() if p[0] == t.lower_
        )
        if era and not any(w.lower_ in word_set("number_not_own_year") for w in doc[max(0, t.i - 3) : t.i]):
            return True
    return False


@cache
def _era_phrases() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p.split()) for p in word_set("number_era_phrases"))


def _sum_now(doc: Doc, i: int) -> bool:
    """ "would bring total aid to $135bn", "will reach $380bn", "the cost would be €20bn", "with £6bn
    pledged", "has committed €2bn, including €600m of arms": a sum a total comes to, or one already
    pledged, is of the article's year; not one set aside to be spent over years, a rate ("$700bn a
    year") or a promise to spend ("pledged to spend €100bn")."""
    if _fund(doc, i) or _rate(doc, i) or _promised(doc, i):
        return False
    verbs = [a for a in doc[i].ancestors if a.pos_ in {"VERB", "AUX"} and a.dep_ != "prep"][:1]
    if not verbs:
        return False
    verb = verbs[0]
    bare_participle = verb.tag_ == "VBN" and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
    return _past(verb) or bare_participle or verb.lemma_.lower() in word_set("number_level_verbs")


def _rate(doc: Doc, i: int) -> bool:
    """ "$700bn a year", "1m shells each year", "€3bn annually": the figure is a rate, not one year's."""
    sent_end = doc[i].sent.end
    for t in doc[i + 1 : min(sent_end, i + 9)]:
        if t.lower_ in word_set("number_rate_adverbs"):
            return True
        if (
            t.lower_ in word_set("number_rate_words")
            and t.i + 1 < sent_end
            and t.nbor().lemma_.lower() in word_set("number_time_units")
            and t.nbor(-1).lower_ != "for"
        ):
            return True
        if t.pos_ in {"VERB", "AUX", "PUNCT", "SCONJ", "CCONJ"}:
            return False
    return False


def _goal_of(doc: Doc, i: int) -> bool:
    """ "the target of 2%", "the alliance's target of spending 2% of GDP": the figure names what a goal is."""
    heads = [a for a in doc[i].ancestors if a.pos_ != "VERB" or a.dep_ == "pcomp"][:4]
    return any(
        prep.lower_ == "of" and noun.lemma_.lower() in word_set("number_target_nouns")
        for prep, noun in pairwise(heads)
    )


def _fund(doc: Doc, i: int) -> bool:
    """ "a €100bn fund", "€100bn, a defence fund": money set aside to be spent over years (not "$2bn of
    the fund")."""
    named = [c for c in doc[i].children if c.dep_ == "appos"]
    for head in doc[i].ancestors:
        if head.pos_ not in {"NOUN", "PROPN", "NUM", "SYM"}:
            break
        named.append(head)
    return any(t.lemma_.lower() in word_set("number_fund_nouns") for t in named)


def _promised(doc: Doc, i: int) -> bool:
    """ "pledged to spend an extra €100bn", "promising to invest $5bn": a sum promised with no deadline."""
    verb = _clause_verb(doc[i])
    return (
        verb is not None
        and verb.dep_ == "xcomp"
        and verb.head.lemma_.lower() in word_set("number_pledge_verbs")
    )


def _past(verb: Token) -> bool:
    """ "promised £500m", "has requested $60bn", "were distributed", "said the fund would be worth": money
    named in a past-tense clause is of the article's year."""
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and any(
        c.dep_ in {"aux", "auxpass"} and c.lemma_ in {"have", "be"} and c.tag_ != "MD" for c in verb.children
    )


def _sums_in_a_row(claims: list[NumberClaim], text: str) -> list[NumberClaim]:
    """A scaled number with no unit right after a sum in the same sentence ("from the current 2.7 billion
    euros to 3.38 billion", "€1bn, and then 1.5 billion") is a sum in the same currency."""
    out = list(claims)
    for k in range(1, len(out)):
        a, b = out[k - 1], out[k]
        between = text[a.end : b.start]
        if (
            a.unit == "money"
            and b.unit == "count"
            and b.sentence.start == a.sentence.start
            and any(w.lower() in number_scales() for w in b.text.split()[1:])
            and len(between) <= 30
            and not any(ch.isdigit() for ch in between)
        ):
            out[k] = replace(b, unit="money", currency=a.currency, is_defence_spending=a.is_defence_spending)
    return out


def _bare_billions(claims: list[NumberClaim], doc: Doc) -> list[NumberClaim]:
    """Billions that count nothing ("the budget 43.2 billion. But she had demanded 47.2 billion euros") are
    a sum in the currency of the nearest sum with one, within a few sentences (not "1.4 billion people")."""
    sums = [c for c in claims if c.unit == "money" and c.currency]
    out = list(claims)
    for k, c in enumerate(claims):
        if c.unit != "count" or c.value < 1e9 or not sums:
            continue
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        if span is None or span[-1].lower_ not in number_scales():
            continue
        after = doc[span.end] if span.end < len(doc) else None
        if after is not None and (after.pos_ in {"NOUN", "PROPN"} or after.text in {"(", "["}):
            continue  # "1.4 billion people"; "1.356 billion ($1.762bn)" is in a currency the text lost
        near = min(sums, key=lambda m: abs(m.start - c.start))
        if abs(near.start - c.start) <= 400:
            out[k] = replace(
                c,
                unit="money",
                currency=near.currency,
                is_defence_spending=_defence_context(c.sentence, "money"),
            )
    return out


def _converted_sums(claims: list[NumberClaim], text: str) -> list[NumberClaim]:
    """A sum and its conversion in brackets right after it ("200 billion zlotys ($55 billion)", "NOK 75
    billion (about EUR 6.8 billion)") are one sum: both take one country (the home country of a national
    currency if either was given it, else the sum's, else the conversion's), and the conversion takes the
    sum's year."""
    out = list(claims)
    for k in range(1, len(out)):
        a, b = out[k - 1], out[k]
        if a.unit != "money" or b.unit != "money" or not _conversion_gap().fullmatch(text[a.end : b.start]):
            continue
        homes = {_home_currency_country(a.currency), _home_currency_country(b.currency)} - {None}
        country = next((c for c in (a.country, b.country) if c in homes), a.country or b.country)
        out[k - 1] = replace(a, country=country)
        out[k] = replace(b, country=country, year=a.year)
    return out


@cache
def _conversion_gap() -> re.Pattern[str]:
    """The words between a sum and its bracketed conversion: "(", "(about ", "(or around ", and a currency's
    name the sum's span left out ("6 billion Swiss franc ($6.5 billion) funding")."""
    words = "|".join(re.escape(" ".join(w)) for w, _ in number_qualifiers())
    return re.compile(rf"(?:\s+[A-Za-z]+){{0,2}}\s*[(\[]\s*(?:or\s+)?(?:(?:{words})\s+)?", re.I)


def _carry_target_years(claims: list[NumberClaim]) -> list[NumberClaim]:
    """A target with no year of its own takes the deadline of the same figure named earlier ("5% of GDP
    by 2035" ... "the 5% figure") or of a target in the sentence before ("5% by 2035. Under the
    declaration, allies will spend at least 3.5%")."""
    out: list[NumberClaim] = []
    # of the dated targets so far: the latest with each value, and the latest ending each sentence (by its
    # token end) with its place in `out`
    by_value: dict[float, NumberClaim] = {}
    by_sentence_end: dict[int, tuple[int, NumberClaim]] = {}
    for c in claims:
        if c.kind == "target" and c.year is None and c.unit == "percent_of_gdp":
            start = c.sentence.start
            adjacent = [by_sentence_end[end] for end in (start - 1, start) if end in by_sentence_end]
            source = by_value.get(c.value) or (max(adjacent, key=lambda a: a[0])[1] if adjacent else None)
            if source is not None:
                c = replace(c, year=source.year)
        if c.kind == "target" and c.year is not None and c.unit == "percent_of_gdp":
            by_value[c.value] = c
            by_sentence_end[c.sentence.end] = (len(out), c)
        out.append(c)
    return out


def _kind(doc: Doc, i: int, k: int, unit: str, sent: Span) -> str:
    """`target` for goals, guidelines, pledges and demands ("the 2% target", "raise it to 4%", "5% by 2035"),
    `reported` for levels spent or estimated, `other` for counts and anything else."""
    if unit == "count":
        allies = doc[k : k + 3]
        spending = any(t.lemma_.lower() in word_set("number_allies_level_words") for t in sent)
        if spending and any(t.lemma_.lower() in word_set("number_member_nouns") for t in allies):
            return "reported"  # "11 allies will meet the guideline", "Eight allies remain below"
        return "other"
    if _current(doc, i, k):
        return "reported"  # "raise its current 2% of GDP allocation to 5%": the level it starts from
    cues = number_cues()
    if (
        unit == "money"
        and not any(c.lemma_ == "have" for a in doc[i].ancestors for c in a.children)
        and any(t.lemma_.lower() in word_set("number_planned_money_words") for t in sent)
    ):
        return "target"  # money planned, promised or put in a fund
    nxt = doc[k] if k < len(doc) else None
    if nxt is not None and nxt.lemma_.lower() in word_set("number_target_nouns"):
        return "target"
    if _directive_on(doc[k - 1]) is not None:
        return "target"  # "the five percent being demanded of NATO members"
    for m in range(k, min(k + 8, sent.end - 1)):
        if doc[m].lower_ == "by" and _YEAR.fullmatch(doc[m + 1].text):
            return "target"  # "5% of GDP by 2035", "3.5% on core defence by 2035"
    before = doc[max(sent.start, i - 3) : i]
    if "from" in {t.lower_ for t in before} and not any(
        t.lemma_.lower() in word_set("number_target_nouns") for t in before
    ):
        return "reported"  # "up from 19% now": the level it starts from (not "the guideline from 2%")
    window = doc[max(sent.start, i - 8) : i]
    if any(cues.get(t.lemma_.lower()) == "target" and not _done(t) for t in window):
        return "target"
    after = doc[k : min(sent.end, k + 8)]
    for m, t in enumerate(after):
        lemma = t.lemma_.lower()
        if (
            (lemma in word_set("number_target_nouns") or lemma in word_set("number_recommend_verbs"))
            and not any(x.lower_ in word_set("number_comparison_words") for x in after[:m])
            and not any(a.lower_ in word_set("number_source_words") for a in t.ancestors)
            and not _side_clause(t, doc[i])
            and not any(c.tag_ == "JJS" for c in t.children)  # "8.5%, its lowest level in 10 years"
        ):
            return "target"  # "the 2% of GDP that NATO recommends as a guideline"
    verbs = [a for a in doc[i].ancestors if a.pos_ in {"VERB", "AUX"} and sent.start <= a.i < sent.end][:3]
    relative = next((n for n, v in enumerate(verbs) if v.dep_ == "relcl"), None)
    if relative is not None:  # "wouldn't tolerate countries that are only spending 1%": the clause's own
        verbs = verbs[: relative + 1]
    if any(c.lower_ in word_set("number_hypothesis_words") for v in verbs for c in v.children):
        return "other"  # "if member states raised spending by 1.5% of GDP": a hypothesis
    if unit == "percent_of_gdp" and _qualifier(doc, i) == "at least" and doc[i].text in _guideline_values():
        return "target"  # "will spend at least 2% of GDP": measured against the guideline
    if (
        unit == "percent_of_gdp"
        and any(c.lower_ in word_set("number_commitment_modals") for v in verbs for c in v.children)
        and not {t.lemma_.lower() for t in sent} & word_set("number_estimate_words")
    ):
        return "target"  # "Germany would from now on invest more than 2%": a commitment, not a level
    head = doc[i]
    for anc in [head, *head.ancestors]:
        kind = "reported" if _done(anc) else cues.get(anc.lemma_.lower())
        if kind:
            return kind
        if anc.i < sent.start or anc.i >= sent.end:
            break
    return "reported" if unit in {"percent_of_gdp", "money"} else "other"


def _side_clause(tok: Token, figure: Token) -> bool:
    """Whether `tok` is in an adverbial clause the figure is not in ("Germany spends 1.36% of GDP when
    the guideline is 2%": the guideline is not what the 1.36% is)."""
    clause = next((a for a in [tok, *tok.ancestors] if a.dep_ == "advcl"), None)
    return clause is not None and figure not in clause.subtree


def _done(tok: Token) -> bool:
    """ "spending reached 2.11%", "raised it to 2%", "exceeded the mark, reaching $2,113 billion": a movement
    that has happened reports a level."""
    return _tensed(tok).tag_ in {"VBD", "VBN"} and tok.lemma_.lower() in word_set("number_done_verbs")


def _defence_context(sent: Span, unit: str) -> bool:
    cues = word_set("defence_cues")
    return any(t.lemma_.lower() in cues for t in sent) or unit == "percent_of_gdp"
