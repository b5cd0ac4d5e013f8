"""A doc's named entities, read once, with those inside a token range and the one at a token by bisection:
`Doc.ents` rebuilds every span on each access and `Span.ents` walks all of them. Reads the doc only. Also
the article's own country by its entities (`home_country`), which speakers and numbers both use."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span, Token

from dashboard.nlp.gazetteer import Gazetteer
from dashboard.nlp.lexicons import word_set

_GROUPS = frozenset({"GPE", "ORG", "NORP", "LOC", "FAC"})


class Entities:
    """`doc.ents` as a list (in text order, never overlapping, as spaCy keeps them) with their token
    starts and ends, both ascending."""

    def __init__(self, doc: Doc) -> None:
        self.spans: list[Span] = [_without_date(e) for e in doc.ents]
        self.starts = [e.start for e in self.spans]
        self.ends = [e.end for e in self.spans]

    def __iter__(self):
        return iter(self.spans)

    def within(self, start: int, end: int) -> list[Span]:
        """The entities wholly inside tokens [start, end), in order: what `doc[start:end].ents` gives."""
        i = bisect_left(self.starts, start)
        j = bisect_right(self.ends, end, lo=i)
        return self.spans[i:j]

    def at(self, token_index: int) -> Span | None:
        """The entity holding the token, if any."""
        i = bisect_right(self.starts, token_index) - 1
        return self.spans[i] if i >= 0 and token_index < self.ends[i] else None


def _without_date(ent: Span) -> Span:
    """A place or organisation entity without a month or weekday the model ran into it ("January Germany")."""
    if ent.label_ in _GROUPS and len(ent) > 1 and ent[0].lower_ in word_set("calendar_words"):
        return Span(ent.doc, ent.start + 1, ent.end, label=ent.label_)
    return ent


def receives(tok: Token) -> bool:
    """ "donations to Ukraine", "aid for Kyiv", "includes €8.5bn of aid to Ukraine", "will go to Ukraine": a
    country named as what a noun, a verb with an object or a verb of going goes to."""
    prep = tok.head
    head = prep.head
    given = head.pos_ == "NOUN" or (
        head.pos_ == "VERB"
        and (
            any(c.dep_ in {"dobj", "nsubjpass"} for c in head.children)  # "€2bn was sent to Kyiv"
            or head.lemma_.lower() in word_set("number_motion_verbs")  # "will go to Ukraine"
        )
    )
    return (
        tok.dep_ == "pobj"
        and prep.lower_ in word_set("number_recipient_preps")
        and given
        and head.lemma_.lower() not in word_set("number_comparison_heads")
    )


def home_country(ents: list[Span], gaz: Gazetteer) -> str | None:
    """The article's own country: the one it names at least three times and in at least half of its
    country mentions, or, in a long article (20 country mentions or more), in two fifths of them and twice
    as often as any other; None for an article about several."""
    counts: dict[str, int] = {}
    lead_end = next((s.end for s in ents[0].doc.sents), 0) if ents else 0
    for ent in ents:
        if ent.label_ in {"GPE", "NORP"}:
            code = gaz.country_code(ent.text)
            if code and not receives(ent.root):  # "aid to Ukraine" is not what an article is about
                # the lead sentence says what the article is about: its mentions count twice
                counts[code] = counts.get(code, 0) + (2 if ent.end <= lead_end else 1)
    if not counts:
        return None
    best, *others = sorted(counts, key=counts.__getitem__, reverse=True)
    total = sum(counts.values())
    runner_up = counts[others[0]] if others else 0
    focused = total >= 20 and counts[best] >= 0.4 * total and counts[best] >= 2 * runner_up
    return best if counts[best] >= 3 and (counts[best] >= 0.5 * total or focused) else None
