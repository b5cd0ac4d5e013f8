"""Who a speaker mention refers to: canonical name, type, country, role and organisation, with pronouns
and surnames resolved inside the article. Reads the gazetteer; never changes the candidates' spans."""

from __future__ import annotations

import copy
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache

import numpy
from spacy.attrs import DEP, ENT_TYPE, ORTH, POS
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Span, Token

from dashboard.nlp.entities import Entities, home_country
from dashboard.nlp.gazetteer import Actor, Gazetteer
from dashboard.nlp.lexicons import (
    generic_orgs,
    honorifics,
    person_pronouns,
    subject_pronouns,
    table,
    word_set,
)
from dashboard.nlp.quotes import QuoteIndex, find_quotes, merge_continued
from dashboard.nlp.sentences import doc_text, sentence_starts

_POSSESSIVE = re.compile(r"['\u2019]s?$")
_LAST_SPEAKER_BONUS = 1.0  # "he said" after a quote: the one who was speaking goes on
_LAST_SPEAKER_SENTENCES = 2  # ... if they spoke at most this many sentences before
_CENTRE_SENTENCES = 3  # "he said" looks back this many sentences for the person a sentence is about


@dataclass(frozen=True)
class Speaker:
    name: str | None
    type: str  # person | organization | country | anonymous | unknown
    country: str | None = None
    role: str | None = None
    org: str | None = None


UNKNOWN = Speaker(None, "unknown")


@dataclass
class _Person:
    name: str
    country: str | None = None
    role: str | None = None
    org: str | None = None
    gender: str | None = None
    mentions: int = 0
    statements: int = 0
    former: bool = False  # the title was a past one ("former prime minister Paul Keating")


def _clean_name(text: str) -> str:
    words = [w for w in _POSSESSIVE.sub("", text.strip()).split() if w.lower() not in _name_honorifics()]
    return " ".join(words).strip(" ,.;:\"'\u201c\u201d")


@cache
def _name_honorifics() -> frozenset[str]:
    """Titles taken out of a speaker's name wherever they stand ("Mr", "Lord")."""
    return frozenset(form for form, h in honorifics().items() if h.dropped_from_names)


def _honorific_gender(word: str) -> str | None:
    found = honorifics().get(word)
    return found.gender if found is not None else None


class ArticleSpeakers:
    """Speaker resolution for one article: collects the people it names (with titles) once, then resolves
    each mention, remembering who spoke so pronouns go to the salient person."""

    def __init__(self, doc: Doc, when: date | None, gazetteer: Gazetteer) -> None:
        self.doc = doc
        self.entities = Entities(doc)  # Doc.ents and Span.ents rebuild their spans on every access
        self.ents = self.entities.spans
        self.when = when
        self.gaz = gazetteer
        self.people: dict[str, _Person] = {}
        self.surnames: dict[str, str] = {}
        self.person_mentions: list[tuple[int, str, bool]] = []  # (char offset, canonical name, is_subject)
        self.group_mentions: list[tuple[int, Speaker]] = []
        self.described: set[int] = set()  # offsets of the person mentions with an apposition
        self.quotes = QuoteIndex(merge_continued(find_quotes(doc_text(doc))))
        self.spoke: list[tuple[int, str]] = []  # (char offset of the mention, person) of each statement
        self.spoke_groups: list[tuple[int, Speaker]] = []  # the same for organisations and countries
        self.single_sources: list[tuple[int, Speaker]] = []  # and for one unnamed person ("an aide")
        self.sources: list[tuple[int, str, str]] = []  # (char offset, noun, country) of unnamed sources
        self._last_resolved: int | None = None
        self._content = (0, 0)  # the words of the statement whose pronoun speaker is being resolved
        self._spoken = (0, 0)  # the same words, for any pronoun (`_content`: a parenthetical one's only)
        self.contents: list[tuple[int, int]] = []  # the words of the statements resolved so far
        self._attrs = doc.to_array([ORTH, POS, ENT_TYPE, DEP])  # read without making a Token per word
        self.window: tuple[date, date] | None = None
        if when is None:
            self.window = self._infer_window()
            if self.window is not None:
                lo, hi = self.window
                self.when = lo if hi == date.max else lo + (hi - lo) / 2
        self._collect()
        self._collected = frozenset(self.__dict__) | {"_collected"}

    @classmethod
    def for_doc(cls, doc: Doc, when: date | None, gazetteer: Gazetteer) -> ArticleSpeakers:
        """A resolver for `doc` with nothing resolved yet. The people the article names are collected once
        per doc, date and gazetteer (statements and stances both resolve speakers in it)."""
        key = ("ddd_speakers", when, id(gazetteer))
        collected = doc.user_data.get(key)
        if collected is None:
            collected = doc.user_data[key] = cls(doc, when, gazetteer)
        return collected._fresh()

    def _fresh(self) -> ArticleSpeakers:
        """A copy as it was after collection: no statement resolved, no lazily built table kept (people
        resolving adds are the copy's own)."""
        new = object.__new__(ArticleSpeakers)
        new.__dict__.update((k, v) for k, v in self.__dict__.items() if k in self._collected)
        new.people = {name: copy.copy(person) for name, person in self.people.items()}  # counts statements
        new.surnames = dict(self.surnames)
        new.spoke, new.spoke_groups, new.single_sources, new.sources, new.contents = [], [], [], [], []
        return new

    # -- collection -------------------------------------------------------------------------------
    def _infer_window(self) -> tuple[date, date] | None:
        """For an undated article, the period in which every titled office holder it names ("German
        Foreign Minister Heiko Maas", "US President Donald Trump") held that office together; not one in a
        photo caption, which may be older ("Ben Wallace pictured after Prime Minister Liz Truss' first
        cabinet meeting")."""
        lo, hi = date.min, date.max
        found = False
        for ent in self.ents:
            if ent.label_ != "PERSON" or _caption(ent):
                continue
            title = _title_before(ent)
            role = self.gaz.parse_title(title)[0] if title else None
            if not role:
                continue
            tenures = [
                t for t in self.gaz.tenures(_clean_name(ent.text)) if t.role == role and t.start is not None
            ]
            if not tenures:
                actor = self.gaz.find_actor(_clean_name(ent.text))
                tenures = [t for t in self.gaz.tenures(actor.name)] if actor else []
                tenures = [t for t in tenures if t.role == role and t.start is not None]
            if not tenures:
                continue
            # several tenures in one role (Trump 2017 and 2025): keep those overlapping the window so far
            spans = [
                (t.start, t.end or date.max) for t in tenures if t.start <= hi and (t.end or date.max) >= lo
            ]
            if not spans:
                continue
            found = True
            lo = max(lo, min(a for a, _ in spans))
            hi = min(hi, max(b for _, b in spans))
        if not found or lo > hi:
            return None
        return lo, hi

    def _find_actor(self, name: str):
        """The gazetteer actor for `name` at the article's date; for an undated article whose period is
        known, the one person of that name in office at some point of the period."""
        actor = self.gaz.find_actor(name, self.when)
        if actor is not None or self.window is None:
            return actor
        lo, hi = self.window
        hi = min(hi, lo.replace(year=lo.year + 8))
        probes = [lo + (hi - lo) * k / 8 for k in range(9)]
        found = {a.name: a for a in (self.gaz.find_actor(name, d) for d in probes) if a is not None}
        return next(iter(found.values())) if len(found) == 1 else None

    def _collect(self) -> None:
        ents = [e for e in self.ents if e.label_ == "PERSON"]

        # People the gazetteer knows first, then longest forms first, so "Macron" later maps onto "Emmanuel
        # Macron" and "Trump" onto Donald Trump, not onto a run of names the model glued together.
        def order(ent: Span) -> tuple[bool, int]:
            name = _clean_name(ent.text)
            actor = self._find_actor(name) if name else None
            if (
                actor is not None
                and len(name.split()) == 1
                and not (self.when and actor.in_office(self.when))
            ):
                actor = None  # a surname alone counts only for someone in office then: not "Mr Connolly"
            return (actor is None or actor.type != "person", -len(name.split()))

        for ent in sorted(ents, key=order):
            name = _clean_name(ent.text)
            if not name or not any(ch.isupper() for ch in name):
                continue
            if len(name.split()) == 1 and self._find_actor(name) is None:
                name = self._first_name_before(name) or name
            person = self._person_for(name)
            if person is None:
                continue
            self._absorb_title(person, ent)
        # a person's mentions the model labelled otherwise ("Mattis" as ORG) count as well
        # (as a noun phrase of its own: "the Trump administration" names no one)
        mislabelled = [
            e
            for e in self.ents
            if e.label_ != "PERSON"
            and e.root.dep_ not in {"compound", "poss", "amod", "nmod"}
            and self._known_person(e)
        ]
        # and a surname the model left untagged ("Trump met Macron") of someone the article names
        pos, ent_type, dep = self._attrs[:, 1], self._attrs[:, 2], self._attrs[:, 3]
        strings = self.doc.vocab.strings
        candidates = numpy.flatnonzero(
            numpy.isin(pos, [PROPN, NOUN])
            & (ent_type == 0)
            & numpy.isin(dep, [strings[d] for d in ("nsubj", "nsubjpass", "dobj", "pobj")])
        )
        untagged = [
            self.doc[i : i + 1]
            for i in candidates.tolist()
            if self.doc[i].text.istitle() and self._lookup(self.doc[i].text) is not None
        ]
        for ent in ents + mislabelled + untagged:
            name = _clean_name(ent.text)
            person = self._lookup(name)
            if person is not None:
                person.mentions += 1
                if self._quoted(ent.start_char):
                    continue  # a person named inside a quotation is not who the next "he said" is
                is_subj = ent.root.dep_ in {"nsubj", "nsubjpass"}
                self.person_mentions.append((ent.start_char, person.name, is_subj))
                if any(c.dep_ == "appos" for c in ent.root.children):
                    self.described.add(ent.start_char)  # "Jane Roe, a clerk": introduced as a source
        self.person_mentions.sort()
        for ent in self.ents:
            if ent.label_ in {"ORG", "GPE", "NORP"} and ent.root.dep_ in {"nsubj", "nsubjpass"}:
                sp = self._group(ent)
                if sp.type != "unknown" or self._known_person(ent):
                    # a person tagged as an organisation ("Trump") is no group "it" stands for, nor is
                    # an organisation named before them
                    self.group_mentions.append((ent.start_char, sp))
        self.group_offsets = [offset for offset, _ in self.group_mentions]  # ascending, as the entities

    def _first_name_before(self, surname: str) -> str | None:
        """The full name where the model labelled only a later bare surname ("Novak" after "Petr Novak"): a
        capitalised name word fixed to the surname elsewhere in the article (not a title, an honorific, a
        country or part of another entity)."""
        for i in numpy.flatnonzero(self._attrs[:, 0] == self.doc.vocab.strings[surname]).tolist():
            if i == 0:
                continue
            tok, first = self.doc[i], self.doc[i - 1]
            if (
                first.pos_ == "PROPN"
                and first.dep_ == "compound"
                and first.head.i == tok.i
                and first.text.istitle()
                and first.text.isalpha()
                and not first.ent_type_
                and (first.i == 0 or self.doc[first.i - 1].pos_ != "PROPN")
                and _honorific_gender(first.lower_) is None
                and first.lower_ not in _name_honorifics()
                and self.gaz.parse_title(first.text) == (None, None, None)
                and self.gaz.country_code(first.text) is None
            ):
                return f"{first.text} {surname}"
        return None

    def _quoted(self, pos: int) -> bool:
        """Whether `pos` is among the quoted words of a quotation."""
        q = self.quotes.holding(pos)
        return q is not None and q.inner_start <= pos < q.inner_end

    def _is_place(self, ent: Span) -> bool:
        """A country or capital the model labelled a person ("Kyiv", "Budapest")."""
        return self.gaz.country_code(_clean_name(ent.text)) is not None

    def _person_for(self, name: str) -> _Person | None:
        if self.gaz.country_code(name) is not None:
            return None  # "Budapest", "Kyiv": a place, whatever the model says
        existing = self._lookup(name)
        if existing is not None:
            return existing
        actor = self._find_actor(name)
        if actor is not None and actor.type == "person":
            canonical = actor.name
            person = self.people.get(canonical) or _Person(canonical, actor.country, actor.role, actor.org)
        elif (first := self._by_first_name(name)) is not None:
            return first
        else:
            if len(name.split()) == 1 and name.lower() in subject_pronouns():
                return None
            canonical = name
            person = self.people.get(canonical) or _Person(canonical)
        self.people[canonical] = person
        keys = {name, canonical, name.split()[-1], canonical.split()[-1]}
        particles = tuple(word_set("surname_particles"))
        keys |= {k[len(p) :] for k in keys for p in particles if k.lower().startswith(p)}  # "al-Sistani"
        for key in keys:
            self.surnames.setdefault(key.lower(), canonical)
        return person

    def _lookup(self, name: str) -> _Person | None:
        if not name:
            return None
        key = self.surnames.get(name.lower()) or self.surnames.get(name.split()[-1].lower())
        return self.people.get(key) if key else None

    def _by_first_name(self, name: str) -> _Person | None:
        """ "Sir Keir", a knight by his first name: the one person of the article so named."""
        if " " in name:
            return None
        named = {c for c in self.people if " " in c and c.split()[0].lower() == name.lower()}
        return self.people[named.pop()] if len(named) == 1 else None

    def _absorb_title(self, person: _Person, ent: Span) -> None:
        """Role/country/org from the words before the name ("German Foreign Minister Heiko Maas") or an
        apposition ("Heiko Maas, Germany's foreign minister")."""
        title = _title_before(ent)
        appos = next((c for c in ent.root.children if c.dep_ == "appos"), None)
        for phrase in (title, self.doc[appos.left_edge.i : appos.right_edge.i + 1].text if appos else None):
            if not phrase:
                continue
            role, country, org = self.gaz.parse_title(phrase)
            if role and not person.role:
                person.role = role
            person.former = person.former or bool(role and _former(phrase))
            if country and not person.country and not person.org:
                person.country = country
            if org and not person.org:
                person.org = org
                if self.gaz.find_org(org) is not None and self.gaz.find_org(org).country is None:
                    person.country = None
            if not person.country and not person.org:
                person.country = _country_word(phrase)  # "a California Democrat", "Rep."
        first = ent[0].lower_ if ent.start > 0 else ""
        prev = self.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        gender = _honorific_gender(first) or _honorific_gender(prev) or _clause_gender(ent)
        if gender and not person.gender:
            person.gender = gender
        self._absorb_affiliation(person, ent)

    def _absorb_affiliation(self, person: _Person, ent: Span) -> None:
        """Organisation (and its country) from a phrase hung on the name: "Jane Roe of the Brookings
        Institution", "John Doe at Harvard", "Sinn Féin's Matt Carthy". Only an organisation the gazetteer
        knows counts."""
        if person.org:
            return
        for owner in (c for c in ent.root.children if c.dep_ == "poss" and c.i < ent.start):
            found = self.gaz.find_org(self.doc[owner.left_edge.i : owner.i + 1].text)
            if found is not None:  # "Sinn Féin's Matt Carthy"
                person.org, person.country = found.name, person.country or found.country
                return
        for prep in ent.root.children:
            if prep.dep_ != "prep" or prep.lower_ not in {"of", "at", "from"}:
                continue
            _, _, org = self.gaz.parse_title(self.doc[prep.i + 1 : prep.right_edge.i + 1].text)
            found = self.gaz.find_org(org) if org else None
            if found is None:
                continue
            person.org = org
            if not person.country:
                person.country = found.country
            return

    # -- resolution -------------------------------------------------------------------------------
    def resolve(self, mention: Span | None, content: tuple[int, int] | None = None) -> Speaker:
        """The speaker `mention` names; `content` (character offsets) is what they say: a person named in
        it is whom the words are about, not whom a pronoun before or after them stands for ("America wants
        Mr Roe to stay, he says")."""
        if content is not None:
            self.contents.append(content)
        if mention is None:
            return UNKNOWN
        self._last_resolved = mention.start_char
        root = mention.root
        if root.lower_ in person_pronouns() and root.pos_ == "PRON":
            owner = _claim_owner(root) or _fronted_possessor(root)
            if owner is not None:  # "Trump's suggestion that he had a cooler view": Trump
                found = self.resolve(owner)
                person = self.people.get(found.name or "")
                gender = person.gender if person is not None else None
                if found.type == "person" and gender in {None, person_pronouns()[root.lower_]}:
                    return found
            self._content = (content or (0, 0)) if _parenthetical(root) else (0, 0)
            self._spoken = content or (0, 0)
            try:
                return self._resolve_pronoun(mention.start_char, person_pronouns()[root.lower_])
            finally:
                self._content = self._spoken = (0, 0)
        if root.lower_ in word_set("speaker_group_pronouns") and root.pos_ == "PRON":
            group = self._resolve_group_pronoun(mention.start_char)
            if root.morph.get("Number") == ["Plur"] and root.morph.get("Person") == ["3"]:
                # "they say": mostly the unnamed officials or experts just quoted, not a whole country or
                # organisation; keep only the country
                return Speaker(None, "anonymous", group.country)
            return group
        owner = next((c for c in root.children if c.dep_ == "poss" and c.lower_ in person_pronouns()), None)
        if owner is not None and root.lemma_.lower() in word_set("speaker_work_nouns"):
            # "his comments suggested ...": the person "his" stands for
            return self._resolve_pronoun(owner.idx, person_pronouns()[owner.lower_])
        ents = self._ents_in(mention)
        persons = [
            e for e in ents if (e.label_ == "PERSON" and not self._is_place(e)) or self._known_person(e)
        ]
        described = persons
        led = [e for e in persons if e.root.head == root and e.root.dep_ in {"compound", "poss"}]
        if led and root.lemma_.lower() in word_set("speaker_leader_bodies"):
            return self._speaker_from_person(led[0], mention)  # "the Biden administration": Joe Biden
        if persons and root.pos_ == "PROPN" and not any(e.start <= root.i < e.end for e in persons):
            # "The Foreign Secretary, seen as the front-runner to replace Boris Johnson": not Johnson; but
            # "the budget, presented by Finance Minister X": the agent of a passive clause on it
            clauses = [c for c in root.children if c.dep_ in {"acl", "relcl"}]
            persons = [
                e
                for e in persons
                if not any(c.left_edge.i <= e.start < c.right_edge.i for c in clauses)
                or _agent_of(e, clauses)
            ]
        if persons and root.pos_ == "NOUN" and not any(e.start <= root.i < e.end for e in persons):
            # a description ("the senator, a critic of Trump", "sources close to Mr Wallace") is the
            # person only whose name stands beside it ("the host, Prime Minister David Cameron")
            persons = [e for e in persons if self._names_description(e, root)]
        if persons:
            # the person the mention is about, not one named in a clause on it ("Tusk, who met Sunak")
            own = next((e for e in persons if e.start <= root.i < e.end), persons[-1])
            return self._speaker_from_person(own, mention)
        groups = [e for e in ents if e.label_ in {"ORG", "GPE", "NORP", "LOC", "FAC"}]
        # the group the mention is about, not one in a clause on it ("Poland, which asked Berlin ...")
        own_group = next((g for g in reversed(groups) if g.start <= root.i < g.end), None)
        if own_group is None and root.tag_ == "NN":  # "the fourth coalition party, the VVD,": the VVD
            own_group = next((g for g in groups if g.root.dep_ == "appos" and g.root.head.i == root.i), None)
        place = next((e for e in ents if e.label_ == "PERSON" and e.start <= root.i < e.end), None)
        if own_group is None and place is not None:
            # a capital the model took for a person ("Kyiv said"): the country, as _group reads it
            code = self.gaz.country_code(_clean_name(place.text))
            return Speaker(self.gaz.country_name(code), "country", code)
        if own_group is not None:
            sp = self._group(own_group)
            national = self._national_org(root, own_group, sp)
            if national is not None:
                return national
            if sp.type != "unknown":
                return sp
        org = self.gaz.find_org(_clean_name(mention.text))
        if org is not None:
            return Speaker(org.name, "organization", org.country, None, org.org)
        owner = self._document_owner(mention) or self._reaction_source(mention)
        if owner is not None:
            return owner
        if root.lower_ in word_set("speaker_quantifiers"):
            code = self._country_of_members(root)
            if code is not None:
                return Speaker(None, "anonymous", code)  # "some in Congress", "many in Kyiv"
        if (
            root.pos_ == "PROPN"
            and len(mention) == 1
            and (
                root.lower_ in word_set("speaker_quantifiers")
                or root.lemma_.lower() in word_set("anonymous_sources")
            )
        ):
            return Speaker(None, "anonymous")  # "Several said privately", "Ministers also endorsed"
        if root.lower_ in word_set("speaker_party_members") and _is_definite(root):
            # "the New Hampshire Republican said"; else "The Republican has said" after "Trump": the last
            # American named
            legislator = self._last_legislator(mention.start_char)
            if legislator is not None:
                return legislator
            american = self._last_named(("country", "USA"), lambda p: p.country == "USA", mention.start_char)
            if american is not None:
                return self._as_speaker(american)
        member = self._party_member(root, mention.start_char)
        if member is not None:
            return member
        if root.pos_ == "PROPN":
            code = self.gaz.country_code(mention.text)
            if code is not None:
                return Speaker(self.gaz.country_name(code), "country", code)  # "The U.S. has said"
            if (
                (root.is_title or root.is_upper)
                and _is_specific(root, self.gaz)
                and self.gaz.parse_title(mention.text)[0]
            ):
                titled = self._title_holder(mention) or self._resolve_role_noun(mention)
                if titled is not None:  # "The Prime Minister said", capitalised: a title, not a name
                    return titled
            government = root.lower_ in word_set("speaker_government_nouns")  # "the Government said"
            core = _name_core(mention)  # "Merz, who took office on Tuesday": Merz
            name = _looks_like_name(core) and not government
            person = self._person_for(_clean_name(core.text)) if name else None
            if person is not None:
                return self._as_speaker(person)
            institution = self._institution(mention, capitalised=True)  # "the Hungarian Defense Ministry"
            if institution is not None:
                return institution
        if root.pos_ == "NOUN" and root.is_title and len(_name_core(mention)) == 1:
            known = self._find_actor(root.text)  # "Zelenskyy said", the name tagged as a common noun
            known = known if known is not None and known.type == "person" else None
            # opening a sentence, only the surname of one in office then ("Trump calls Spain a problem") or
            # of one the article names, not a capitalised common noun ("Officials said")
            if (
                root.i == root.sent.start
                and known is not None
                and not (self.when and known.in_office(self.when))
            ):
                known = None
            if self._lookup(root.text) is not None or known is not None:
                return self._as_speaker(self._person_for(root.text))
        if root.pos_ in {"NOUN", "PROPN"} and root.lower_ in word_set("speaker_government_nouns"):
            # "Estonia's government", "the Dutch government": the country itself
            owners = (c.text for c in root.children if c.dep_ in {"poss", "compound", "amod"})
            code = next((c for c in map(self.gaz.country_code, owners) if c), None)
            if code is None:
                code = self._pronoun_owner_country(root)  # "his government": the country of the one he is
            if code is None:
                code = self._leader_country(root)  # "the government of Olaf Scholz", "the Scholz government"
            if code is not None:
                return Speaker(self.gaz.country_name(code), "country", code)
            if _is_definite(root) and not any(c.dep_ == "poss" for c in root.children):
                # "the government", "the Liberal government": that of the country of the last person named
                # before it, outside the words of a statement ("... resolved by Mr Zelenskiy, he added"
                # names him in passing), or else of the article's own country
                code = (
                    self._sentence_subject_country(root)
                    or self._last_person_country(mention.start_char, narrated=True)
                    or self._home_country()
                )
                if code is not None:
                    return Speaker(self.gaz.country_name(code), "country", code)
        # a lower-case word the tagger took for a name is a common noun ('..." the prime minister said')
        common = root.pos_ == "NOUN" or (root.pos_ == "PROPN" and root.is_lower)
        if common:
            institution = self._institution(mention)
            if institution is not None:
                return institution
            holder = self._title_holder(mention)
            if holder is not None:
                return holder
        if common and root.lemma_.lower() in word_set("speaker_role_nouns") and _is_definite(root):
            resolved = self._resolve_role_noun(mention)
            if resolved is not None:
                return resolved
        if root.pos_ == "NOUN":
            generic = self._generic_org(root) or self._last_org(root)
            if generic is not None:
                return generic
            if root.lemma_.lower() in word_set("speaker_entourage_nouns") and described:
                code = self._entourage_country(described)  # "sources close to Mr Roe", "Roe's team"
                if code is not None:
                    return Speaker(None, "anonymous", code)
            if root.lemma_.lower() in word_set("anonymous_sources") and root.tag_ == "NNS":
                # "NATO leaders", "EU governments": the organisation speaking through its members
                for child in root.children:
                    if child.dep_ in {"compound", "nmod"} and child.ent_type_ == "ORG":
                        ent = self.entities.at(child.i)  # "European Union leaders": the whole name
                        org = self.gaz.find_org(_clean_name(ent.text) if ent is not None else child.text)
                        if org is None:
                            continue
                        if root.lemma_.lower() not in word_set("speaker_collective_nouns"):
                            return Speaker(None, "anonymous", org.country)  # "NATO officials said"
                        return Speaker(org.name, "organization", org.country, None, org.org)
            own = _without_clause(mention)  # "European leaders, who rushed to Washington": not American
            country = next(
                (c for c in (self.gaz.country_code(t.text) for t in own if t.i != root.i) if c), None
            )
            role, t_country, org = self.gaz.parse_title(own.text)
            if root.lemma_.lower() in word_set("anonymous_sources") or role:
                code = country or t_country or _country_word(own.text)  # "an administration official"
                if code is not None:
                    self.sources.append((mention.start_char, root.lemma_.lower(), code))
                elif _is_definite(root):
                    code = self._earlier_source_country(root.lemma_.lower(), mention.start_char)
                source = Speaker(None, "anonymous", code, role, org)
                indefinite = any(c.dep_ == "det" for c in root.children) and not _is_specific(root)
                if (
                    indefinite
                    and root.tag_ == "NN"
                    and root.lemma_.lower() in word_set("speaker_single_sources")
                ):
                    self.single_sources.append((mention.start_char, source))
                return source
            own = self._nationality(root)
            if own is not None:
                return Speaker(None, "anonymous", own)  # "Ukrainian forces predict", "Republican hawks"
        return UNKNOWN

    def _party_member(self, root: Token, offset: int) -> Speaker | None:
        """A party's member ("the SPD politician", "the Labour MP"): the last person named before, outside
        the words of a statement, of that party, else of its country and no other body."""
        if not _is_definite(root) or root.lemma_.lower() not in word_set("speaker_politician_nouns"):
            return None
        party = next(
            (
                org
                for c in root.children
                if c.dep_ in {"compound", "amod", "nmod"}
                and (org := self.gaz.find_org(c.text)) is not None
                and org.country is not None
            ),
            None,
        )
        if party is None:
            return None
        for test in (lambda p: p.org == party.name, lambda p: p.country == party.country and p.org is None):
            person = self._last_narrated(test, offset)
            if person is not None:
                return self._as_speaker(person)
        return None

    def _pronoun_owner_country(self, root: Token) -> str | None:
        """The country of the person a possessive pronoun before a noun stands for ("his government")."""
        owner = next((c for c in root.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if owner is None or owner.lower_ not in person_pronouns():
            return None
        return self._resolve_pronoun(owner.idx, person_pronouns()[owner.lower_]).country

    def _leader_country(self, root: Token) -> str | None:
        """The country of a person of the article whose name is a noun's modifier or its "of" object ("the
        Scholz government", "the government of Olaf Scholz")."""
        names = [c for c in root.children if c.dep_ == "compound" and c.ent_type_ == "PERSON"]
        names += [
            g
            for c in root.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj" and g.ent_type_ == "PERSON"
        ]
        for name in names:
            person = self._lookup(" ".join(t.text for t in name.subtree if t.ent_type_ == "PERSON"))
            if person is not None and person.country:
                return person.country
        return None

    def _nationality(self, root: Token) -> str | None:
        """The country a nationality word or a party member's word before the noun gives ("Ukrainian
        forces", "Republican fiscal hawks"), read only on the noun's own modifiers."""
        for mod in (c for c in root.children if c.dep_ in {"amod", "compound"} and c.i < root.i):
            code = self.gaz.country_code(mod.text) if mod.ent_type_ in {"NORP", "GPE"} else None
            code = code or _country_word(mod.text)
            if code is not None:
                return code
        return None

    def _owner_country(self, org: Span) -> str | None:
        """The country an organisation is said to belong to by a possessive before it: "Russia's
        Orthodox Church", "Germany's Kiel Institute"."""
        owner = next((c for c in org.root.children if c.dep_ == "poss" and c.i < org.start), None)
        return self.gaz.country_code(_clean_name(owner.text)) if owner is not None else None

    def _entourage_country(self, persons: list[Span]) -> str | None:
        """The country of the one person a source of their circle is hung on ("aides to Ms Roe")."""
        found = {self._speaker_from_person(e, e).country for e in persons}
        return found.pop() if len(found) == 1 else None

    @staticmethod
    def _names_description(ent: Span, noun: Token) -> bool:
        """Whether a person hung on a description noun is the one it describes: a name beside it ("the
        host, Prime Minister David Cameron") or the author of a work ("Bolton's book", "a speech by")."""
        head = ent.root.head
        if ent.root.dep_ == "appos" and head.i == noun.i:
            return True
        if (
            ent.root.dep_ == "appos"
            and head.dep_ == "pobj"
            and head.head.head.i == noun.i
            and head.pos_ == "PROPN"
        ):
            return True  # "the prime minister of the Czech Republic, Andrej Babiš": not the country's name
        if (
            ent.root.dep_ == "pobj"
            and head.head.i == noun.i
            and not any(c.dep_ == "conj" for c in ent.root.children)
        ):
            before = noun.doc[head.i - 1].lower_ if head.i > 0 else ""
            markers = word_set("speaker_example_markers")
            if head.lower_ in markers or f"{before} {head.lower_}" in markers:
                return True  # "others such as Jane Roe think": the one example named speaks
        if noun.lemma_.lower() not in word_set("document_nouns") | word_set("speaker_work_nouns"):
            return False
        by_agent = ent.root.dep_ == "pobj" and head.lower_ == "by" and head.head.i == noun.i
        return (ent.root.dep_ == "poss" and head.i == noun.i) or by_agent  # "a speech by General Roe"

    def _ents_in(self, span: Span) -> list[Span]:
        return self.entities.within(span.start, span.end)

    def _known_person(self, ent: Span) -> bool:
        """An entity the model mislabelled ("Stoltenberg" as ORG) that the gazetteer knows as a person."""
        if ent.label_ not in {"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"}:
            return False
        name = _clean_name(ent.text)
        if self._lookup(name) is not None:
            return True
        if self.gaz.find_org(name) is not None or self.gaz.country_code(name) is not None:
            return False
        actor = self.gaz.find_actor(name, self.when)
        return actor is not None and actor.type == "person"

    def _document_owner(self, mention: Span) -> Speaker | None:
        """ "NATO's latest estimates", "estimates published by the alliance", "the communiqué": a document
        or data set speaks for its owner, or else for the organisation last named before it."""
        root = mention.root
        if root.lemma_.lower() not in word_set("document_nouns"):
            return None
        owners = [c for c in root.children if c.dep_ in {"poss", "compound"}]
        owners += [c for c in root.children if c.dep_ == "amod" and c.ent_type_ == "NORP"]  # "American data"
        for acl in (c for c in root.children if c.dep_ == "acl"):
            for agent in (c for c in acl.children if c.dep_ == "agent"):
                owners += [c for c in agent.children if c.dep_ == "pobj"]
        for prep in (c for c in root.children if c.dep_ == "prep"):
            if prep.lower_ in word_set("speaker_owner_preps"):  # "a paper by ...", "surveys from ..."
                owners += [c for c in prep.children if c.dep_ == "pobj"]
        for owner in owners:
            sp = self._owner(owner)
            if sp is not None and sp.type == "anonymous" and sp.country:
                # a nationality owning data: "American calculations" are the country's
                return Speaker(self.gaz.country_name(sp.country), "country", sp.country)
            if sp is not None:
                return sp
        if any(c.dep_ == "det" and c.lower_ == "the" for c in root.children):
            ends, orgs = self._known_orgs()
            i = bisect_right(ends, mention.start) - 1  # the last one named before the mention
            if i >= 0:
                org = orgs[i]
                return Speaker(org.name, "organization", org.country, None, org.org)
        return None

    def _reaction_source(self, mention: Span) -> Speaker | None:
        """ "initial reaction from the Kremlin", "a response from Kyiv" (speaker_reaction_nouns.txt): whom
        the reaction comes from."""
        root = mention.root
        if root.lemma_.lower() not in word_set("speaker_reaction_nouns"):
            return None
        for prep in (c for c in root.children if c.dep_ == "prep" and c.lower_ == "from"):
            for source in (c for c in prep.children if c.dep_ == "pobj"):
                speaker = self._owner(source)
                if speaker is not None:
                    return speaker
        return None

    def _known_orgs(self) -> tuple[list[int], list[Actor]]:
        """Token ends of the ORG entities the gazetteer knows, in order, and their organisations."""
        if not hasattr(self, "_known_org_index"):
            ends, orgs = [], []
            for ent in self.ents:
                org = self.gaz.find_org(_clean_name(ent.text)) if ent.label_ == "ORG" else None
                if org is not None:
                    ends.append(ent.end)
                    orgs.append(org)
            self._known_org_index = (ends, orgs)
        return self._known_org_index

    def _owner(self, tok: Token) -> Speaker | None:
        """The actor a possessor or agent token names: an entity, or "the alliance" for an organisation
        the article names."""
        institution = self._institution(tok.doc[tok.left_edge.i : tok.i + 1])
        if institution is not None:
            return institution  # "a paper by Estonia's defence ministry"
        ent = self.entities.at(tok.i)
        if ent is not None:
            person = ent.label_ == "PERSON" or self._known_person(ent)
            sp = self._speaker_from_person(ent, ent) if person else self._group(ent)
            return sp if sp.type != "unknown" else None
        return self._generic_org(tok)

    def _generic_org(self, tok: Token) -> Speaker | None:
        """ "the alliance" / "the alliance's" for NATO, "the bloc" for the EU, when the article names it."""
        name = generic_orgs().get(tok.lemma_.lower())
        definite = _is_definite(tok) or any(c.dep_ == "case" for c in tok.children)
        if name is None or not definite or name not in self._orgs_named():
            return None
        org = self.gaz.find_org(name)
        return Speaker(org.name, "organization", org.country, None, org.org) if org else None

    def _last_org(self, tok: Token) -> Speaker | None:
        """ "the firm", "the institute" (speaker_org_nouns.txt): the organisation named last before it, in
        its sentence or the two before, the one whose name holds the noun first ("the institute" after "the
        Kiel Institute"); "the ministry" (speaker_named_org_nouns.txt) only one whose name holds it."""
        noun = tok.lemma_.lower()
        named_only = noun in word_set("speaker_named_org_nouns")
        if not (named_only or noun in word_set("speaker_org_nouns")) or not _is_definite(tok):
            return None
        starts = self._sentence_starts()
        first = starts[max(bisect_right(starts, tok.i) - 3, 0)]  # its sentence's start, two sentences back
        orgs = [
            e
            for e in self.ents
            if e.label_ == "ORG"
            and first <= e.start
            and e.end <= tok.i
            and not self._known_person(e)
            and self.gaz.country_code(_clean_name(e.text)) is None
        ]
        own = [e for e in orgs if noun in e.text.lower()]
        for ent in reversed(own if own or named_only else orgs):
            speaker = self._group(ent)
            if speaker.type == "organization":
                return speaker
        return None

    def _orgs_named(self) -> set[str]:
        if not hasattr(self, "_org_names"):
            found = (self.gaz.find_org(_clean_name(e.text)) for e in self.ents if e.label_ == "ORG")
            self._org_names = {org.name for org in found if org is not None}
        return self._org_names

    def note_statement(self, speaker: Speaker) -> None:
        """Remember that `speaker` spoke: statement speakers are the salient antecedents of pronouns."""
        if speaker.type == "person" and speaker.name in self.people:
            self.people[speaker.name].statements += 1
            if self._last_resolved is not None:
                self.spoke.append((self._last_resolved, speaker.name))
        elif speaker.type in {"organization", "country"} and self._last_resolved is not None:
            self.spoke_groups.append((self._last_resolved, speaker))
        self._last_resolved = None

    def _as_speaker(self, person: _Person) -> Speaker:
        country = person.country or (None if person.former else self._home_of(person.role, person.org))
        return Speaker(person.name, "person", country, person.role, person.org)

    def _home_of(self, role: str | None, org: str | None) -> str | None:
        """For a person whose title names a government office but no country or organisation, the article's
        home country ("Economy Minister Giancarlo Giorgetti" in an article about Italy)."""
        if org is not None or role is None:
            return None
        if not hasattr(self, "_government_roles"):
            levels = ("minister", "head_of_government")
            self._government_roles = frozenset(r for lv in levels for r in self.gaz.roles_at_level(lv))
        if role not in self._government_roles:
            return None
        return self._home_country() or self._colleagues_country()

    def _colleagues_country(self) -> str | None:
        """The country of most of the people the gazetteer knows in the article, when at least two of them
        share it: a minister of an article about British politics that names the UK once ("armed forces
        minister James Heappey" beside Truss, Wallace and Hunt) is British."""
        known = Counter(p.country for p in self.people.values() if p.country)
        if not known:
            return None
        best, n = known.most_common(1)[0]
        return best if n >= 2 and n * 2 > sum(known.values()) else None

    def _speaker_from_person(self, ent: Span, mention: Span) -> Speaker:
        person = self._person_for(_clean_name(ent.text))
        if person is None:
            return UNKNOWN
        rest = mention.text.replace(ent.text, " ")
        if rest.strip():
            role, country, org = self.gaz.parse_title(rest)
            if role or country or org:
                country = person.country or (None if org else country)
                role, org = person.role or role, person.org or org
                if country is None and not (person.former or _former(rest)):
                    country = self._home_of(role, org)  # not "former prime minister Paul Keating"
                return Speaker(person.name, "person", country, role, org)
        return self._as_speaker(person)

    def _resolve_pronoun(self, pos: int, gender: str | None) -> Speaker:
        """The person the text is about at `pos` (`_centre_before`), else the salient person before it:
        recent mentions score highest, subjects and people who have already spoken get a bonus; a known
        gender must agree."""
        centre = self._centre_before(pos, gender)
        if isinstance(centre, Speaker):
            return centre  # an unnamed source who spoke: "a spokesman told CNN ..., he said"
        if centre is not None:
            return self._as_speaker(centre)
        best, best_score = None, float("-inf")
        last_speaker, spoke_at = self._last_speaker(pos)
        lo, hi = self._content
        for name, offsets, subjects in self._mentions_by_name():
            seen = bisect_left(offsets, pos)  # this person's mentions before `pos`
            if not seen:
                break  # nor anyone first named after them
            while seen and lo <= offsets[seen - 1] < hi:
                seen -= 1  # named in the words spoken, not the one speaking
            if not seen:
                continue
            offset, is_subj = offsets[seen - 1], subjects[seen - 1]
            if name == last_speaker and spoke_at > offset:
                offset, is_subj = spoke_at, True  # "Burr said ...": the speaker's mention counts as one
            person = self.people[name]
            if gender and person.gender and person.gender != gender:
                continue
            distance = self._sentence_distance(offset, pos)
            score = (
                -1.0 * distance
                + 0.8 * is_subj
                + 0.6 * min(person.statements, 3)
                + 0.2 * min(person.mentions, 3)
                + _LAST_SPEAKER_BONUS * (name == last_speaker)
            )
            if score > best_score:
                best, best_score = person, score
        if best is None:
            best = self._named_after(pos, gender)
        return self._as_speaker(best) if best is not None else UNKNOWN

    def _named_after(self, pos: int, gender: str | None) -> _Person | None:
        """For a pronoun before anyone is named (an article that opens on '"...," he said.'), the first
        person named after it, outside quotations and the words the pronoun's speaker says, within
        `_CENTRE_SENTENCES` sentences."""
        i = bisect_left(self.person_mentions, (pos, "", False))
        lo, hi = self._spoken
        for offset, name, _ in self.person_mentions[i:]:
            if self._sentence_distance(pos, offset) > _CENTRE_SENTENCES:
                return None
            if lo <= offset < hi:
                continue  # named in the words spoken: "He said he is open to talks with Putin"
            person = self.people[name]
            if not (gender and person.gender and person.gender != gender):
                return person
        return None

    def _centre_before(self, pos: int, gender: str | None) -> _Person | Speaker | None:
        """The person named as the subject of the main clause of the nearest sentence before the pronoun at
        `pos` that has one (or of its own sentence, before it: "Kull points to polls, and he says ..."):
        news prose introduces a new speaker as a subject ("Jane Roe, a senator, toasted the result.") and
        goes on with "he said". Sentences inside quotation marks, sentences whose subject is a pronoun of
        the same gender (the same person again) and at most `_CENTRE_SENTENCES` others are looked through;
        a subject of the other gender ends the search."""
        token = self.doc.char_span(pos, pos + 1, alignment_mode="expand")
        if token is None:
            return None
        starts = self._sentence_starts()
        index = bisect_right(starts, token.start) - 1
        counted = 0
        for i in range(index, max(index - 12, -1), -1):
            centre = self._spoke_in(i, pos) or self._centre(i)
            if i == index and centre is not None and self._content[0] <= centre[0] < self._content[1]:
                centre = None  # "Putin, he said, had wanted ...": whom the words are about, not the speaker
            if i == index and self._named_between(starts[i], token.start, skip=self._content):
                return None  # "While Mattis is a hawk, he said ...": the nearest mention decides
            source = self._source_in(i, pos) if centre is None or centre[1] is None else None
            if source is not None and i != index:
                return source  # the unnamed speaker of a sentence about no named person
            if centre is None or (i == index and centre[0] >= pos):
                if i != index and self._named_between(starts[i], self._sentence_end(i)):
                    newcomer = self._introduced_in(i)
                    other_gender = newcomer is not None and gender and newcomer.gender not in {None, gender}
                    if newcomer is not None and not other_gender:
                        return newcomer  # "It applies to people such as Jane Roe, a clerk. She says ..."
                    return None  # "That did not satisfy Trump.": a person named otherwise may be meant
                if i != index and not self._quoted_sentence(i):
                    counted += 1
                if counted > _CENTRE_SENTENCES:
                    return None
                continue
            _, name, pronoun = centre
            if pronoun is not None:
                if gender is not None and pronoun != gender:
                    return None
                continue  # "He had hoped ...": the same person goes on
            person = self.people[name]
            if gender and person.gender and person.gender != gender:
                return None
            return person
        return None

    def _spoke_in(self, i: int, pos: int) -> tuple[int, str | None, str | None] | None:
        """The first person who spoke in sentence `i` before `pos`, as a centre: the attribution of a
        sentence says whom it is about even where the parse makes a quoted clause its main one (the first:
        "Jane Roe said the data showed ..." is about her)."""
        starts = self._sentence_starts()
        lo = self.doc[starts[i]].idx
        hi = self.doc[starts[i + 1]].idx if i + 1 < len(starts) else len(doc_text(self.doc))
        spoke = [(offset, name) for offset, name in self.spoke[-8:] if lo <= offset < min(hi, pos)]
        return (spoke[0][0], spoke[0][1], None) if spoke else None

    def _source_in(self, i: int, pos: int) -> Speaker | None:
        """The first unnamed source named by an indefinite singular noun ("a spokesman", "one official") who
        spoke in sentence `i` before `pos` ("the former minister" is someone the article named before)."""
        starts = self._sentence_starts()
        lo = self.doc[starts[i]].idx
        hi = self.doc[starts[i + 1]].idx if i + 1 < len(starts) else len(doc_text(self.doc))
        found = [sp for offset, sp in self.single_sources[-8:] if lo <= offset < min(hi, pos)]
        return found[0] if found else None

    def _sentence_end(self, i: int) -> int:
        starts = self._sentence_starts()
        return starts[i + 1] if i + 1 < len(starts) else len(self.doc)

    def _named_between(self, start: int, end: int, skip: tuple[int, int] = (0, 0)) -> bool:
        """Whether a person is named (outside quotations and the characters `skip`) in tokens [start, end)."""
        lo, hi = self.doc[start].idx, self.doc[end].idx if end < len(self.doc) else len(doc_text(self.doc))
        i = bisect_left(self.person_mentions, (lo, "", False))
        for offset, _, _ in self.person_mentions[i:]:
            if offset >= hi:
                return False
            if not skip[0] <= offset < skip[1]:
                return True
        return False

    def _centre(self, i: int) -> tuple[int, str | None, str | None] | None:
        """The subject of sentence `i`'s main clause when it names a person or is a person pronoun: (char
        offset, person's name, None) or (char offset, None, pronoun's gender); None for any other subject
        and for a subject inside a quotation."""
        if not hasattr(self, "_centres"):
            self._centres: dict[int, tuple[int, str | None, str | None] | None] = {}
            self._named_at = {offset: name for offset, name, _ in self.person_mentions}
        if i not in self._centres:
            self._centres[i] = self._find_centre(i)
        return self._centres[i]

    def _find_centre(self, i: int) -> tuple[int, str | None, str | None] | None:
        start, end = self._sentence_starts()[i], self._sentence_end(i)
        for root in (t for t in self.doc[start:end] if t.dep_ == "ROOT"):
            subj = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is None or self._quoted(subj.idx):
                continue
            if subj.pos_ == "PRON" and subj.lower_ in person_pronouns():
                return subj.idx, None, person_pronouns()[subj.lower_] or "?"
            ent = self.entities.at(subj.i)
            name = self._named_at.get(ent.start_char) if ent is not None else None
            if name is not None:
                return subj.idx, name, None
            return None
        return None

    def _quoted_sentence(self, i: int) -> bool:
        """Whether sentence `i` starts inside the quoted words of a quotation."""
        token = self.doc[self._sentence_starts()[i]]
        return self._quoted(token.idx) or self._quoted(token.idx + len(token.text))

    def _last_speaker(self, pos: int) -> tuple[str | None, int]:
        """The person who spoke last before `pos`, in the same or one of the last two sentences
        (statements are resolved in text order)."""
        before = [(offset, name) for offset, name in self.spoke if offset < pos]
        if not before or self._sentence_distance(before[-1][0], pos) > _LAST_SPEAKER_SENTENCES:
            return None, -1
        offset, name = before[-1]
        i = bisect_right(self.person_mentions, (offset, "\uffff", True))
        for later, other, is_subj in self.person_mentions[i:]:
            if later >= pos:
                break
            if is_subj and other != name:
                return None, -1  # another person became the subject since: "Mr Macron did not back down."
            new = other != name and self._first_mention(other) == later
            if new and self._sentence_distance(offset, later):
                return None, -1  # someone new came in since: "That applies to people such as Jane Roe."
        return name, offset

    def _introduced_in(self, i: int) -> _Person | None:
        """The one person sentence `i` names (outside quotations), when it introduces them: a first mention
        with an apposition ("such as Jane Roe, a clerk"), not a name in passing ("the Charles de Gaulle")."""
        starts = self._sentence_starts()
        lo = self.doc[starts[i]].idx
        end = self._sentence_end(i)
        hi = self.doc[end].idx if end < len(self.doc) else len(doc_text(self.doc))
        k = bisect_left(self.person_mentions, (lo, "", False))
        named = set()
        for offset, name, _ in self.person_mentions[k:]:
            if offset >= hi:
                break
            named.add((name, offset == self._first_mention(name) and offset in self.described))
        if len(named) != 1:
            return None
        name, first = named.pop()
        return self.people[name] if first else None

    def _first_mention(self, name: str) -> int:
        """The offset of the first mention of `name` (outside quotations)."""
        if not hasattr(self, "_firsts"):
            self._firsts: dict[str, int] = {}
            for offset, other, _ in self.person_mentions:
                self._firsts.setdefault(other, offset)
        return self._firsts.get(name, -1)

    def _mentions_by_name(self) -> list[tuple[str, list[int], list[bool]]]:
        """For each person mentioned, in order of first mention: the offsets of their mentions and, at each,
        whether one of them so far was a subject."""
        if not hasattr(self, "_by_name"):
            by_name: dict[str, tuple[list[int], list[bool]]] = {}
            for offset, name, is_subj in self.person_mentions:
                offsets, subjects = by_name.setdefault(name, ([], []))
                offsets.append(offset)
                subjects.append(is_subj or bool(subjects and subjects[-1]))
            self._by_name = [(name, *lists) for name, lists in by_name.items()]
        return self._by_name

    def _resolve_group_pronoun(self, pos: int) -> Speaker:
        """The organisation or country last named as a subject before `pos`, or the one that spoke last
        in the same or the sentence before when it spoke later ("The Turkish military says it shot the
        jet down, contending it ...": no entity, but the speaker of the statement)."""
        i = bisect_left(self.group_offsets, pos) - 1
        named = self.group_mentions[i] if i >= 0 else (-1, UNKNOWN)
        spoke = next(((o, sp) for o, sp in reversed(self.spoke_groups[-4:]) if o < pos), None)
        if spoke is not None and spoke[0] > named[0] and self._sentence_distance(spoke[0], pos) <= 1:
            return spoke[1]
        return named[1]

    def _national_org(self, root: Token, group: Span, found: Speaker) -> Speaker | None:
        """An organisation name one country uses, or no country, that a country's name owns ("Ukraine's
        Ministry of Defence" is Ukraine's, not the UK's; "Romania's Defence Ministry"): the owner's
        institution."""
        if found.type != "organization":
            return None
        name = _clean_name(group.text)
        listed = found.country is not None and found.name != name
        # an unlisted name only with a possessive owner: "Poland's Defense Ministry", not "German Smetanin"
        deps = {"poss", "amod", "compound"} if listed else {"poss"}
        owners = [c for c in root.children if c.dep_ in deps and c.i < group.start]
        code = next((c for c in map(self.gaz.country_code, (o.text for o in owners)) if c), None)
        if code is None or (code == found.country and listed):
            return None
        country = self.gaz.countries.get(code)
        adjective = country.adjectives[0] if country and country.adjectives else self.gaz.country_name(code)
        entry = self.gaz.find_org(f"{adjective} {name}")  # "Poland's Defence Ministry": the Polish ministry
        return Speaker(entry.name if entry else f"{adjective} {name}", "organization", code)

    def _institution(self, mention: Span, capitalised: bool = False) -> Speaker | None:
        """A country's institution speaking: "the Turkish military", "Estonia's defence ministry" ->
        ("Turkish military", "Estonian defence ministry") with the country; `capitalised`: also a name the
        model did not take for an organisation ("the Hungarian Defense Ministry")."""
        root = mention.root
        common = root.tag_ == "NN" or (root.tag_ == "NNP" and (capitalised or root.text.islower()))
        if root.lemma_.lower() not in word_set("speaker_institution_nouns") or not common:
            return None
        mods = [c for c in root.children if c.dep_ in {"amod", "compound", "poss"} and c.i < root.i]
        found = next(
            ((c, self.gaz.country_code(c.text)) for c in mods if self.gaz.country_code(c.text)), None
        )
        if found is None:
            return None
        tok, code = found
        country = self.gaz.countries.get(code)
        adjective = country.adjectives[0] if country and country.adjectives else tok.text
        rest = [t.text for t in mention.doc[tok.i + 1 : root.i + 1] if not t.is_punct and t.dep_ != "case"]
        return Speaker(" ".join([adjective, *rest]), "organization", code)

    def _title_holder(self, mention: Span) -> Speaker | None:
        """A title standing for its holder at the article's date: "Denmark's defence minister", "the
        French leader", "the Kremlin spokesman". With a country or organisation, the one holder (or the one
        of several the article names); a bare title ("the chancellor") only when the article names exactly
        one person holding it then (undated: one the article names who ever held it)."""
        root = mention.root
        owner = self._group_owner(root)
        if root.tag_ not in {"NN", "NNP"} or not (_is_specific(root, self.gaz) or owner is not None):
            return None
        title = mention.doc[mention.start : root.i + 1]
        of = next((c for c in root.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None and (
            of.right_edge.ent_type_ == "ORG" or self.gaz.parse_title(title.text)[0] is None
        ):  # "the head of NATO", "the head of state"
            title = mention.doc[mention.start : of.right_edge.i + 1]
        if _former(title.text):
            return None  # "the former Dutch prime minister" held the office before the article's date
        role, country, org = self.gaz.parse_title(title.text)
        if owner is not None and country is None and org is None:
            country, org = owner.country, owner.org  # "Poland aims ..., its defence minister said"
            if owner.type == "organization":
                role, country, org = self.gaz.parse_title(f"{owner.name} {title.text}")
        if role is None:
            return None
        roles = [role]
        if root.lemma_.lower() in word_set("speaker_leader_nouns") and org is None:
            if country is None:
                return None
            roles = self.gaz.roles_at_level("head_of_state", "head_of_government")  # "the French leader"
        found = self.gaz.holders(roles, self.when, country, org)
        # several holders named ("the president" with Trump and Putin named): the one named most often
        named = self._most_named([a for a in found if self._lookup(a.name) is not None])
        if self.when is None and of is None:  # undated: whoever the article names that ever held it
            held = (self.gaz.ever_held(name, roles, country, org) for name in self.people)
            named = self._most_named([t for t in held if t is not None])
        if (country is None and org is None) or not all(self.gaz.is_single(r) for r in roles):
            found = []  # a bare title, or one several hold at once: only a holder the article names
        pick = named if len(named) == 1 else found if len(found) == 1 else []
        if not pick and country is None and org is None:
            pick = self._home_holder(roles)
        if not pick:
            return None
        person = self._lookup(pick[0].name)
        if person is not None:
            return self._as_speaker(person)
        actor = pick[0]
        return Speaker(actor.name, "person", actor.country, actor.role, actor.org)

    def _most_named(self, actors: list[Actor]) -> list[Actor]:
        """The one of `actors` the article mentions more often than each other one (all when none does)."""
        if len(actors) < 2:
            return actors
        counts = Counter(name for _, name, _ in self.person_mentions)
        ranked = sorted(actors, key=lambda a: counts[a.name], reverse=True)
        return ranked[:1] if counts[ranked[0].name] > counts[ranked[1].name] else actors

    def _group_owner(self, root: Token) -> Speaker | None:
        """The country or organisation "its" or "their" before a title stands for ("its defence minister":
        that of the country last named as a subject), or the organisation "the bloc's" stands for."""
        possessor = next((c for c in root.children if c.dep_ == "poss"), None)
        if possessor is None:
            return None
        if possessor.lower_ not in {"its", "their"}:
            return self._generic_org(possessor)
        owner = self._resolve_group_pronoun(possessor.idx)
        return owner if owner.type in {"country", "organization"} else None

    def _home_country(self) -> str | None:
        if not hasattr(self, "_home"):
            self._home = home_country(self.ents, self.gaz)
        return self._home

    def _home_holder(self, roles: list[str]) -> list[Actor]:
        """A bare title of government ("the prime minister", not "the president", whom an article about
        one country as often means of another) in an article mostly about one country: its holder."""
        if not all(self.gaz.is_single(r) for r in roles) or any(
            r in self.gaz.roles_at_level("head_of_state") for r in roles
        ):
            return []
        home = self._home_country()
        found = self.gaz.holders(roles, self.when, home) if home else []
        return found if len(found) == 1 else []

    def _resolve_role_noun(self, mention: Span) -> Speaker | None:
        """The last person named before the mention whose role holds its noun and the words on it ("the
        prime minister" is not the defence minister)."""
        root = mention.root
        word = root.lemma_.lower()
        modifiers = [c for c in root.lefts if c.dep_ in {"compound", "amod"}]
        # the role words on it, not "new" in "the new minister"
        words = (word, *(c.lower_ for c in modifiers if c.lower_ in self.gaz.role_words))
        # "the SPD minister": one of that party (as far as the gazetteer knows), not any minister
        parties = tuple(c.lower_ for c in modifiers if c.ent_type_ == "ORG")
        # "the former US president" is not the one in office at the article's date, and "the president" is
        # not "former president Bill Clinton"
        former = _former(self.doc[mention.start : root.i].text)
        person = self._last_named(
            ("role", *words, *parties, former),
            lambda p: (
                all(w in (p.role or "").lower() for w in words)
                and all(o in (p.org or "").lower() for o in parties)
                and (p.former or not self._in_office(p.name) if former else not p.former)
            ),
            mention.start_char,
        )
        return self._as_speaker(person) if person is not None else None

    def _in_office(self, name: str) -> bool:
        """Whether the gazetteer has the person in office at the article's date (unknown: yes)."""
        actor = self.gaz.find_actor(name, self.when)
        return actor is None or self.when is None or actor.in_office(self.when)

    def _country_of_members(self, root: Token) -> str | None:
        """The country of the organisation or place a quantifier picks its members from ("some in Congress",
        "many of the Bundestag's members")."""
        for prep in root.children:
            if prep.dep_ != "prep" or prep.lower_ not in {"in", "of", "at", "within"}:
                continue
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                name = _clean_name(self.doc[obj.left_edge.i : obj.i + 1].text)
                code = self.gaz.country_code(name)
                org = self.gaz.find_org(name) if code is None else None
                if code is not None or (org is not None and org.country):
                    return code or org.country
        return None

    def _earlier_source_country(self, noun: str, offset: int) -> str | None:
        """The country of the last unnamed source with that noun before `offset`: "the official said" after
        "a senior American official"."""
        earlier = [code for pos, word, code in self.sources if word == noun and pos < offset]
        return earlier[-1] if earlier else None

    def _last_legislator(self, offset: int) -> Speaker | None:
        """The last person named before `offset` whose role is a legislator's or governor's."""
        roles = word_set("speaker_legislator_roles")
        person = self._last_named(
            ("legislator",), lambda p: any(w in (p.role or "").lower() for w in roles), offset
        )
        return self._as_speaker(person) if person is not None else None

    def _sentence_subject_country(self, tok: Token) -> str | None:
        """The country (or capital) that is the subject of the sentence's main verb before `tok`: "Berlin
        dodged the decision, despite the government having promised ...": Germany's."""
        root = tok.sent.root
        for subj in (c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < tok.i):
            if subj.ent_type_ == "GPE" and self._lookup(subj.text) is None:  # not "Montenegro said" (Luís)
                return self.gaz.country_code(subj.text) or self.gaz.place_country(subj.text)
        return None

    def _last_person_country(self, offset: int, narrated: bool = False) -> str | None:
        """The country of the last person named before `offset`; `narrated`: not in the words of a statement
        resolved before."""
        if narrated:
            person = self._last_narrated(lambda p: bool(p.country), offset)
            return person.country if person is not None else None
        person = self._last_named(("country",), lambda p: bool(p.country), offset)
        return person.country if person is not None else None

    def _last_narrated(self, test, offset: int) -> _Person | None:
        """The last person named before `offset`, not in the words of a statement resolved before, who passes
        `test`."""
        for at, name, _ in reversed(self.person_mentions):
            said = any(a <= at < b for a, b in self.contents)
            if at < offset and not said and test(self.people[name]):
                return self.people[name]
        return None

    def _last_named(self, key: tuple, test, offset: int) -> _Person | None:
        """The last person named before `offset` who passes `test` (`key` names the test)."""
        offsets, names = self._mentions_where(key, test)
        i = bisect_left(offsets, offset) - 1
        return self.people[names[i]] if i >= 0 else None

    def _mentions_where(self, key: tuple, test) -> tuple[list[int], list[str]]:
        """Offsets and names of the person mentions whose person passes `test`, built once per `key` (titles
        are read in `_collect` only, so a person's role and country no longer change)."""
        if not hasattr(self, "_filtered"):
            self._filtered: dict[tuple, tuple[list[int], list[str]]] = {}
        if key not in self._filtered:
            kept = [(offset, name) for offset, name, _ in self.person_mentions if test(self.people[name])]
            self._filtered[key] = ([o for o, _ in kept], [n for _, n in kept])
        return self._filtered[key]

    def _sentence_distance(self, a: int, b: int) -> int:
        sa = self.doc.char_span(a, a + 1, alignment_mode="expand")
        sb = self.doc.char_span(max(b - 1, 0), b, alignment_mode="expand")
        if sa is None or sb is None:
            return 5
        starts = self._sentence_starts()
        ia = bisect_right(starts, sa.start) - 1
        ib = bisect_right(starts, sb.start) - 1
        return max(ib - ia, 0)

    def _sentence_starts(self) -> list[int]:
        if not hasattr(self, "_starts"):
            self._starts = sentence_starts(self.doc)
        return self._starts

    def _group(self, ent: Span) -> Speaker:
        if self._known_person(ent):
            return UNKNOWN  # "Trump" tagged as an organisation is a person, not a group "it" can stand for
        name = _clean_name(re.sub(r"^(?i:the)\s+", "", ent.text))
        if name.lower() in word_set("speaker_party_members"):
            return UNKNOWN  # "The Republican has said" tagged as an organisation: a party member, read later
        org = (
            self.gaz.home_org(ent, self._home_country()) or self.gaz.find_org(name) or self._earlier_org(name)
        )
        if org is not None:
            country = org.country or (self._owner_country(ent) if org.org is None else None)
            return Speaker(org.name, "organization", country, None, org.org)
        code = self.gaz.country_code(name)
        named = ent.label_ in {"GPE", "LOC", "ORG", "FAC"} or self.gaz.is_country_name(name)  # "U.S." as NORP
        if code is not None and named and not ent.text.islower():
            # a country, or its capital standing for its government ("Madrid said", "Copenhagen expects")
            return Speaker(self.gaz.country_name(code), "country", code)
        if ent.label_ == "NORP":
            return Speaker(None, "anonymous", code) if code else UNKNOWN
        if ent[0].like_num:  # "Eleven Republican Senators": a count of unnamed members
            return Speaker(None, "anonymous", _country_word(ent.text))
        if ent.label_ == "ORG" and name.lower() not in word_set("speaker_government_nouns"):
            return Speaker(name, "organization", self._owner_country(ent))
        return UNKNOWN  # "the Government" as an organisation's name: read as a government noun

    def _earlier_org(self, name: str):
        """ "the Commission" after "the European Commission": a short form of an organisation named
        earlier in the article."""
        if " " in name or not name[:1].isupper():
            return None
        if not hasattr(self, "_orgs_by_last_word"):
            # ent.text ends with " " + name (a name without spaces) when name is what follows its last space
            self._orgs_by_last_word: dict[str, Actor] = {}
            for ent in self.ents:
                last = ent.text.rpartition(" ")[2] if ent.label_ == "ORG" and " " in ent.text else None
                if last is not None and last not in self._orgs_by_last_word:
                    org = self.gaz.find_org(_clean_name(ent.text))
                    if org is not None:
                        self._orgs_by_last_word[last] = org
        return self._orgs_by_last_word.get(name)


def _agent_of(ent: Span, clauses: list[Token]) -> bool:
    """Whether `ent` is the "by" agent of one of the passive `clauses` ("led by Prime Minister Orbán")."""
    head = ent.root.head
    return ent.root.dep_ == "pobj" and head.dep_ == "agent" and any(head.head == c for c in clauses)


def _caption(ent: Span) -> bool:
    """Whether `ent` is in a photo caption: a line with "pictured" or "photographed" (captions often have no
    full stop, so the parse may join them to the sentences around)."""
    text = doc_text(ent.doc)
    start = text.rfind("\n", 0, ent.start_char) + 1
    end = text.find("\n", ent.end_char)
    return _CAPTION.search(text, start, end if end >= 0 else len(text)) is not None


_CAPTION = re.compile(r"\b(?:pictured|photographed)\b", re.IGNORECASE)


def _former(title: str) -> bool:
    """A title of the past: "former prime minister", "ex-minister"."""
    return any(w in word_set("speaker_former_words") for w in re.split(r"[\s-]+", title.lower()))


def _claim_owner(pronoun: Token) -> Span | None:
    """The named owner of a claim whose clause a subject pronoun opens: "Trump's suggestion that he had a
    cooler view of NATO", "Macron's insistence that he ...": the possessor (a proper name) of the noun the
    clause completes."""
    clause = pronoun.head
    if pronoun.dep_ not in {"nsubj", "nsubjpass"} or clause.dep_ not in {"acl", "ccomp"}:
        return None
    noun = clause.head
    if noun.pos_ != "NOUN" or not any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    if owner is None:
        return None
    return pronoun.doc[owner.left_edge.i : owner.i + 1]


def _without_clause(mention: Span) -> Span:
    """A mention up to a relative clause on its head ("European leaders who rushed to Washington")."""
    clause = next((c for c in mention.root.children if c.dep_ == "relcl" and c.i > mention.root.i), None)
    if clause is None:
        return mention
    end = clause.left_edge.i
    while end > mention.root.i + 1 and mention.doc[end - 1].is_punct:
        end -= 1
    return mention.doc[mention.start : end]


def _fronted_possessor(pronoun: Token) -> Span | None:
    """The named subject a possessive pronoun in an opening phrase stands for: "In his call with Putin,
    Erdogan welcomed the proposal": Erdogan, who comes after it."""
    if pronoun.dep_ != "poss":
        return None
    tok = pronoun.head
    while tok.dep_ in {"pobj", "prep", "compound", "amod"} and tok.head.i != tok.i:
        tok = tok.head
        if tok.dep_ == "prep" and tok.head.pos_ in {"VERB", "AUX"}:
            verb = tok.head
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is None or subject.i < tok.i or subject.ent_type_ != "PERSON" or tok.i > verb.i:
                return None
            return pronoun.doc[subject.left_edge.i : subject.i + 1]
    return None


@cache
def _country_words() -> tuple[re.Pattern[str], dict[str, str]]:
    words = {row["word"]: row["country"] for row in table("speaker_country_words")}
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternation})(?![\w])"), words


def _country_word(phrase: str) -> str | None:
    """The country a description's words give when it names none: a party ("a Democrat"), a US state
    ("of Ohio"), a legislator's title ("Rep.")."""
    pattern, words = _country_words()
    m = pattern.search(phrase)
    return words[m.group(0)] if m else None


def _clause_gender(ent: Span) -> str | None:
    """The gender of the pronoun that takes up a subject in its own reported clause: "Jane Doe said she
    disagreed" (the subject of "said" is the subject of "disagreed")."""
    root = ent.root
    if root.dep_ != "nsubj" or any(c.dep_ in {"dobj", "dative"} for c in root.head.children):
        return None  # "Anna told Tom that he ...": the pronoun may be the listener
    for clause in (c for c in root.head.children if c.dep_ == "ccomp"):
        subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.pos_ == "PRON" and subj.lower_ in person_pronouns():
            return person_pronouns()[subj.lower_]
    return None


def _parenthetical(pronoun: Token) -> bool:
    """Whether a pronoun and its verb stand as an attribution set off from the words ("..., he says,
    visibly tired", "..., she said."), where a person named in those words is whom they are about."""
    verb = pronoun.head
    doc = pronoun.doc
    between = doc[pronoun.i + 1 : verb.i]
    after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    return (
        pronoun.i > 0
        and doc[pronoun.i - 1].is_punct
        and verb.i > pronoun.i
        and all(t.dep_ in {"aux", "advmod"} for t in between)
        and (after is None or after.is_punct)
    )


def _name_core(mention: Span) -> Span:
    """The name a mention opens with, without the clause or apposition after it ("Merz, who took office on
    Tuesday" -> "Merz"); the whole mention when nothing follows its root."""
    root = mention.root
    if not any(c.i > root.i and c.dep_ in {"relcl", "appos", "acl", "punct"} for c in root.children):
        return mention
    return mention.doc[mention.start : root.i + 1]


def _looks_like_name(mention: Span) -> bool:
    """A run of capitalised words ("Ruud van Dijk"), not a phrase with common words in it ("Many fellow
    Europeans", "The US president-elect")."""
    words = [t for t in mention if not t.is_punct and t.lower_ != "the"]
    if words and words[0].like_num:
        return False  # "Eleven Republican Senators": a count of people, no one's name
    if words and words[-1].lower_ in word_set("speaker_institution_nouns"):
        return False  # "the Hungarian Defense Ministry": an institution, no one's name
    return bool(words) and not any(t.text[:1].islower() and len(t.text) > 3 for t in words)


def _is_specific(tok: Token, gaz: Gazetteer | None = None) -> bool:
    """A noun that names one particular holder: "the minister", "Denmark's minister", with `gaz` a bare
    country adjective too ("Polish PM"), not "a minister"."""
    if any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in tok.children):
        return False
    if gaz is not None and tok.is_upper and len(tok) > 1 and not any(tok.children):
        return True  # "..., says PM": a headline's bare abbreviated title
    if (
        gaz is not None
        and tok.dep_ == "nsubj"
        and tok.head.tag_ == "VBZ"
        and not any(c.dep_ in {"det", "poss"} for c in tok.children)
    ):
        return True  # "Norway to meet 5% NATO goal, prime minister says": a headline's bare title
    return any(
        (c.dep_ == "det" and c.lower_ == "the")
        or (c.dep_ == "poss" and c.pos_ != "PRON")
        or (
            gaz is not None
            and c.dep_ in {"amod", "compound"}
            and (gaz.country_code(c.text) is not None or (c.is_upper and gaz.find_org(c.text) is not None))
        )  # "Polish PM", "NATO chief"
        for c in tok.children
    )


def _is_definite(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)


def _title_before(ent: Span) -> str | None:
    """The title words directly before a name inside its noun phrase: "German Foreign Minister"."""
    doc = ent.doc
    i = ent.start
    while i > 0:
        tok = doc[i - 1]
        if tok.dep_ in {"compound", "amod", "poss", "case", "det", "nmod", "punct"} and tok.head.i >= i - 1:
            if tok.is_punct and tok.text != "'s" and tok.text not in {"\u2019s", "'"}:
                break
            i -= 1
            continue
        break
    words = doc[i : ent.start].text.strip()
    return words or None
