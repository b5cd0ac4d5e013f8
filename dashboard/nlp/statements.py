"""Statement candidates from a spaCy Doc: reporting cue + speaker mention + content, direct, partial or
indirect. Syntax only: who the speaker *is* (names, countries, roles) is decided in `speakers`."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy
from spacy.attrs import LEMMA, POS
from spacy.parts_of_speech import AUX, VERB
from spacy.tokens import Doc, Span, Token

from dashboard.nlp.entities import Entities
from dashboard.nlp.intervals import Cover
from dashboard.nlp.lexicons import ReportingVerb, reporting_verbs, word_set
from dashboard.nlp.quotes import Quote, QuoteIndex, find_quotes, merge_continued, paragraphs
from dashboard.nlp.sentences import Sentences, doc_text

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
CLAUSE_CUT_DEPS = {"relcl", "acl", "advcl", "punct", "cc", "conj", "prep"}
QUOTE_MARKS = '"\u201c\u201d\u201e\u00ab\u00bb'
# never across a paragraph break; used as `match(text, pos, endpos)`, where its `$` (at `endpos` or before a
# final newline) reads as on the slice `text[pos:endpos]`
_GAP_BEFORE = re.compile(r"[ \t\u00a0,;:\u2014\u2013-]*$")
_GAP_AFTER = re.compile(
    r"[ \t\u00a0,;\u2014\u2013-]*(?:that\s+|:\s*)?", re.IGNORECASE
)  # "said:\n\n" may break
_GAP_AFTER_CONTINUED = re.compile(r"[ ,;:.!?\u2014\u2013-]*")  # '"Q1," he said. "Q2."' in one paragraph
_MIN_QUOTE_WORDS = 3


@dataclass
class Candidate:
    """A statement before speaker resolution. Offsets are characters into the doc text."""

    kind: str
    content_start: int
    content_end: int
    cue_start: int | None
    cue_end: int | None
    speaker: Span | None  # the mention that names the speaker (a pronoun for "he said")
    sentence: Span
    confidence: float
    verb: str | None = None
    inherited_from: Candidate | None = None  # for orphan quotes given the previous speaker
    fragments: list[tuple[int, int]] = field(default_factory=list)  # quoted pieces, when several

    def spans(self) -> list[tuple[int, int]]:
        """The content's pieces: several quotes around one attribution, or the one content span."""
        return self.fragments or [(self.content_start, self.content_end)]


def extract_candidates(doc: Doc) -> list[Candidate]:
    """All statement candidates in document order."""
    text = doc_text(doc)
    quotes = QuoteIndex(merge_continued(find_quotes(text)))
    verbs = reporting_verbs()
    out: list[Candidate] = []
    used_quotes: set[Quote] = set()
    sents = Sentences(doc)
    ents = Entities(doc)
    cues = _reporting_verb_tokens(doc)
    for k, sent in enumerate(sents.spans):
        in_sentence = len(out)
        for i in cues[bisect_left(cues, sent.start) : bisect_left(cues, sent.end)]:
            tok = doc[i]
            verb = verbs[tok.lemma_.lower()]
            if _is_negated_question(tok):
                continue
            if _inside_closed_quote(quotes, tok.idx):
                continue  # speech reported inside a quotation belongs to the quoted speaker's words
            if occasion_of_report(tok):
                continue  # "said when asked about the plans": the question put, not a second report
            speaker = (
                _inverted_speaker(tok, verb)
                or _reporter_of_clause(tok, verb)
                or _subject(tok)
                or _stranded_subject(tok)
            )
            if (
                speaker is None
                or (verb.cls == "evidence" and not _can_show(speaker))
                or _event_subject(tok, speaker)
            ):
                continue
            cand = None
            if k and verb.cls == "speech" and "ccomp" in verb.content:  # "This was stated by Roe."
                cand = _restated(text, sents.spans[k - 1], sent, tok, speaker, quotes, used_quotes, out)
            cand = cand or _from_cue(text, sent, tok, verb, speaker, quotes, used_quotes)
            if cand is not None:
                out.append(cand)
        out.extend(_according_to(text, sent, out[in_sentence:]))
        out.extend(_possessed_view(text, sent, out[in_sentence:]))
    out.extend(_headline_colon(doc, text, sents, ents))
    out.extend(_dash_signed_quotes(doc, text, sents, quotes, used_quotes, ents))
    out.extend(_orphan_quotes(doc, text, sents, quotes, used_quotes, out))
    out.sort(key=lambda c: c.content_start)
    return _dedupe(out)


def _reporting_verb_tokens(doc: Doc) -> list[int]:
    """The verbs, in order, whose lemma is a reporting verb's, found without visiting every token."""
    if not len(doc):
        return []
    lemmas, pos = doc.to_array([LEMMA, POS]).T
    kinds, where = numpy.unique(lemmas, return_inverse=True)
    verbs = reporting_verbs()
    reporting = numpy.array([doc.vocab.strings[int(h)].lower() in verbs for h in kinds])[where]
    return numpy.flatnonzero(reporting & numpy.isin(pos, [VERB, AUX])).tolist()


def _inside_closed_quote(quotes: QuoteIndex, pos: int) -> bool:
    """Whether `pos` is in the quoted words of a closed quote."""
    q = quotes.holding(pos)
    return q is not None and q.closed and q.inner_start <= pos < q.inner_end


def _can_show(subject: Span) -> bool:
    """ "NATO's figures show", "the poll shows": only data, documents and actors show; "the crisis
    showed" is narration."""
    root = subject.root
    return bool(root.ent_type_) or root.pos_ == "PROPN" or root.lemma_.lower() in word_set("document_nouns")


def _event_subject(verb: Token, subject: Span) -> bool:
    """ "Bulgaria's increased spending confirms that ...", "the decision signals ...": an event or act as the
    subject of a verb that things do as well as people (statement_evidential_verbs.txt,
    statement_event_subjects.txt) reports no one's words."""
    return verb.lemma_.lower() in word_set("statement_evidential_verbs") and event_noun(subject.root)


def event_noun(tok: Token) -> bool:
    """A common noun with no name that names an event or act (statement_event_subjects.txt: "decision",
    "increase", "move")."""
    return (
        tok.pos_ == "NOUN"
        and not tok.ent_type_
        and tok.lemma_.lower() in word_set("statement_event_subjects")
    )


def _is_negated_question(tok: Token) -> bool:
    return tok.lemma_ == "ask" and any(c.dep_ == "dobj" and c.lemma_ == "question" for c in tok.children)


def _edge_punct(tok: Token) -> bool:
    """Punctuation a content is trimmed of at its end; not the "%" of a figure ("above 3%")."""
    return (tok.is_punct or tok.is_space) and tok.text != "%"


def appositive_noun(tok: Token) -> bool:
    """Whether a common noun is in apposition to a name or noun ("Hungary, a critic of the plan")."""
    return tok.dep_ == "appos" and tok.pos_ == "NOUN" and tok.head.pos_ in {"PROPN", "NOUN"}


def _subject(verb: Token) -> Span | None:
    """The speaker mention: the verb's subject, its head verb's subject for conjoined or xcomp verbs,
    or the noun a relative clause hangs on ("Maas, who has said ...")."""
    tok, raised, shared = verb, False, False
    active = not any(c.dep_ == "auxpass" for c in verb.children)
    for _ in range(3):
        # two subjects are a parse slip; the one nearest before the verb is it, not a dateline or a fronted
        # phrase ("ATHENS, Greece (AP) — President Roe opened ..., saying"), unless it comes after "and": a
        # conjunct the parse cut off ("a paper by Roe and colleagues finds")
        doc = tok.doc
        subjects = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
        before = [c for c in subjects if c.i < tok.i and doc[max(c.left_edge.i - 1, 0)].dep_ != "cc"]
        subj = before[-1] if len(subjects) > 1 and before else next(iter(subjects), None)
        after = [c for c in subjects if c.i > tok.i]
        if before and after and tok.dep_ == "parataxis" and doc[tok.i - 1].text == ",":
            subj = after[0]  # "Putin, says the secretary general, 'is preparing for war'": the one who says
        if subj is not None and subj.dep_ == "nsubjpass" and not (shared and active):
            # (an active verb conjoined to a passive shares its subject: "Roe, who was accused of ... and
            # has denigrated NATO", "Roe was asked about it and said ...")
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            # "by X", or "at X's direction" (directed_by)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else directed_by(tok)
            # "Macron is scheduled to meet": Macron meets
            subj = pobj if agent or pobj is not None or not raised else subj
        if subj is not None:
            if subj.lower_ in word_set("relative_pronouns") and tok.dep_ == "relcl":
                return _noun_phrase(tok.head)
            if subj.pos_ in {"PRON", "PROPN", "NOUN", "NUM", "X"} or subj.ent_type_:
                return _noun_phrase(subj)
            return None
        raised = tok.dep_ == "xcomp" and tok.head.lower_ in word_set("subject_raising_words")
        if raised and tok.head.dep_ == "acomp":
            tok = tok.head.head  # "Trump is due to hold a summit": the subject of "is"
            continue
        if tok.dep_ in {"conj", "xcomp", "advcl"} and tok.head.pos_ in {"VERB", "AUX"}:
            shared = tok.dep_ == "conj"
            tok = tok.head
            continue
        if (
            tok.dep_ == "pcomp"
            and tok.tag_ == "VBG"
            and tok.head.dep_ == "prep"
            and tok.head.head.pos_ in {"VERB", "AUX"}
        ):
            # "dithered for months before agreeing to send tanks": who dithered agreed; but after an object,
            # "cited Roe as saying": the object does it, and "accused Roe of failing to ...": no one's own act
            verb_above = tok.head.head
            obj = next((c for c in verb_above.children if c.dep_ == "dobj"), None)
            if obj is not None and tok.head.lower_ == "as":
                return _noun_phrase(obj) if obj.pos_ in {"PROPN", "NOUN", "PRON"} or obj.ent_type_ else None
            if obj is not None and tok.head.lower_ in {"of", "for", "from"}:
                return None
            tok = verb_above
            continue
        if led_the_way(tok):
            tok = tok.head.head.head  # "Britain led the way in supplying Ukraine": Britain supplies
            continue
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ in {"PROPN", "NOUN", "PRON"}:
            return _noun_phrase(tok.head)
        if appositive_noun(tok):
            return _noun_phrase(tok.head)  # "Hungary, a critic of the plan, ...": what the noun says it is
        return None
    return None


def led_the_way(tok: Token) -> bool:
    """A gerund after the "in" of a verb's object that names one's part in it (lead_role_nouns.txt: "led the
    way in supplying", "played a key role in arming")."""
    if tok.dep_ != "pcomp" or tok.tag_ != "VBG" or tok.head.lower_ != "in":
        return False
    noun = tok.head.head
    return (
        noun.dep_ == "dobj"
        and noun.lemma_.lower() in word_set("lead_role_nouns")
        and noun.head.pos_ in {"VERB", "AUX"}
    )


def occasion_of_report(tok: Token) -> bool:
    """A participle with no subject in an adverbial clause of another reporting verb ("said when asked about
    the plans", "told reporters, asked whether ..."): the question put to the speaker, not a report."""
    verbs = reporting_verbs()
    return (
        tok.tag_ == "VBN"
        and tok.dep_ == "advcl"
        and tok.lemma_.lower() in verbs
        and tok.head.lemma_.lower() in verbs
        and not any(c.dep_ in SUBJECT_DEPS for c in tok.children)
    )


def directed_by(verb: Token) -> Token | None:
    """Who ordered or asked for a passive act: the owner in "at the White House's direction", the object in
    "at the request of Congress" (direction_nouns.txt)."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "at"):
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            if noun.lemma_.lower() not in word_set("direction_nouns"):
                continue
            owner = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
            of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            named = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if owner is not None or (named is not None and named.pos_ in {"PROPN", "NOUN"}):
                return owner if owner is not None else named
    return None


_CLOSING_QUOTES = {'"', "\u201d", "''", "\u00bb"}
_AFTER_INVERTED = {",", ".", "!", "?", ";", ":", ")", "\u2014", "\u2013", "-"}
_INVERTED_HEAD_DEPS = {"nsubj", "dobj", "attr", "npadvmod", "appos", "oprd"}


def _inverted_speaker(verb: Token, lexeme: ReportingVerb) -> Span | None:
    """The speaker of an inverted attribution, whatever the parse made of it: a finite reporting verb right
    after a comma, a closing quote or the start of its sentence, followed at once by a name or a noun
    phrase ("..., says Jane Roe, an analyst, is ...", '"...," pronounced John Doe', '"...," warned the
    ministry's report'). The parse often takes a quoted or fronted phrase for the subject and the name for
    an object. A verb that may have the one spoken to as its object ("warned", "told") counts only after a
    closing quote: in "Roe, who met Doe, warned Smith" Smith is the one warned."""
    doc = verb.doc
    if verb.tag_ not in {"VBD", "VBZ", "VBP"} or verb.i + 1 >= len(doc):
        return None
    prev = doc[verb.i - 1] if verb.i > 0 else None
    after_quote = prev is not None and (
        prev.text in _CLOSING_QUOTES
        or (prev.text == "," and verb.i > 1 and doc[verb.i - 2].text in _CLOSING_QUOTES)
    )
    takes_listener = (
        lexeme.lemma in word_set("statement_addressee_verbs")
        or bool({"xcomp_obj", "dobj", "oprd"} & set(lexeme.content))
        or lexeme.cls == "evidence"
    )
    opens = prev is None or prev.is_sent_end or verb.is_sent_start
    if not (after_quote or (not takes_listener and (opens or prev.text == ","))):
        return None
    nxt = doc[verb.i + 1]
    found = None
    if nxt.ent_type_ == "PERSON" and nxt.ent_iob_ == "B":
        end = nxt.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        found = _noun_phrase(doc[nxt.i : end].root)
    elif after_quote or (verb.i == verb.sent.start and verb.is_title):
        # a description or a document: only where the quote leaves no doubt, or where the verb opens the
        # sentence ("Said one young man in Kiev: ...")
        found = next(
            (
                _noun_phrase(c)
                for c in verb.children
                if c.i > verb.i
                and c.dep_ in _INVERTED_HEAD_DEPS
                and c.left_edge.i == verb.i + 1
                and c.pos_ in {"NOUN", "PROPN"}
            ),
            None,
        )
    if found is None or found.end >= len(doc) or doc[found.end].is_sent_start:
        return found
    # the name ends the attribution ("..., said Doe, adding", "says Doe."); a name followed by more words is
    # the subject of the reported clause: "Roe, who served under Doe, said Smith failed"
    return found if doc[found.end].text in _AFTER_INVERTED else None


def _reporter_of_clause(verb: Token, lexeme: ReportingVerb) -> Span | None:
    """The speaker of a speech verb the parse joined to the reported clause of another: in "Roe said Doe had
    a right to act and added that ...", "added" hangs on "had", but Roe adds, not Doe."""
    head = verb.head
    if verb.dep_ != "conj" or lexeme.cls != "speech" or head.dep_ != "ccomp" or head.head.i == head.i:
        return None
    if any(c.dep_ in SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children):
        return None  # "... and was asked": the one asked does not speak
    if head.lemma_.lower() in reporting_verbs():
        return None
    outer = reporting_verbs().get(head.head.lemma_.lower())
    return _subject(head.head) if outer is not None and outer.cls == "speech" else None


def _stranded_subject(verb: Token) -> Span | None:
    """The subject the parse hung elsewhere: a finite main verb with no subject right after a named person
    and their apposition ("In Prague, party member Jane Roe, a lawyer, stated that ...", where the name
    became an apposition of "Prague")."""
    if verb.dep_ != "ROOT" or verb.tag_ not in {"VBD", "VBZ", "VBP"}:
        return None
    if any(c.dep_ in SUBJECT_DEPS or c.dep_ == "expl" for c in verb.children):
        return None
    doc, i = verb.doc, verb.i - 1
    while i >= verb.sent.start and doc[i].dep_ in {"advmod", "neg", "aux"} and doc[i].head.i == verb.i:
        i -= 1
    if i < verb.sent.start or verb.doc[i].text != ",":
        return None
    tok = verb.doc[i - 1] if i > verb.sent.start else None
    while tok is not None and tok.ent_type_ != "PERSON" and tok.dep_ == "appos" and tok.head.i < tok.i:
        tok = tok.head  # "Jane Roe, a lawyer,": the name the apposition describes
    if tok is None or tok.ent_type_ != "PERSON" or tok.dep_ not in {"appos", "conj"}:
        return None
    return _noun_phrase(tok)


_NAMED = {"PERSON", "GPE"}


def coordinated_speakers(mention: Span | None, cue: int | None = None) -> list[Span]:
    """The further speakers of a mention that joins several named ones ("Donald Trump and France's
    Emmanuel Macron", "The Netherlands, Finland and Lithuania", "Obama and his guest, President Hollande"):
    each speaks the words, as annotators count them. Empty unless every member is a name (or a noun with a
    name in apposition): "Ms Roe and European officials" stays one statement, and so does a relative clause
    on the last of them ("Roe and Doe, who has said ..." is Doe's)."""
    if mention is None or (cue is not None and mention.start_char <= cue < mention.end_char):
        return []
    root = mention.root
    conjs = [c for c in root.conjuncts if c.i > root.i and mention.start <= c.i < mention.end]
    if not conjs or root.ent_type_ not in _NAMED or not all(map(_named, conjs)):
        return []
    doc = mention.doc
    out = []
    for c in conjs:
        own = {t.i for t in c.subtree} - {
            t.i for k in c.children if k.dep_ in {"conj", "cc"} and k.i > c.i for t in k.subtree
        }
        left, right = min(own), max(own)
        while right > c.i and (doc[right].is_punct or doc[right].dep_ == "cc"):
            right -= 1
        out.append(doc[left : right + 1])
    return out


def _named(tok: Token) -> bool:
    return tok.ent_type_ in _NAMED or any(c.dep_ == "appos" and c.ent_type_ in _NAMED for c in tok.children)


def _noun_phrase(head: Token) -> Span:
    """The whole noun phrase headed by `head` (appositions and relative clauses included, as annotators
    mark sources), trimmed of edge punctuation and cut at a paragraph break."""
    doc = head.doc
    left, right = head.left_edge.i, head.right_edge.i
    for i in range(head.i - 1, left - 1, -1):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            left = i + 1
            break
    for i in range(head.i, right + 1):
        if "\n" in doc[i].whitespace_ or (i > head.i and "\n" in doc[i].text):
            right = i
            break
    while left < head.i and (doc[left].is_punct or doc[left].is_space or doc[left].lower_ in {"and"}):
        left += 1
    while right > head.i and (_edge_punct(doc[right]) or doc[right].dep_ == "cc"):
        if doc[right].text == ")" and any(doc[k].text == "(" for k in range(left, right)):
            break
        right -= 1
    return doc[left : right + 1]


def _from_cue(
    text: str,
    sent: Span,
    cue: Token,
    verb: ReportingVerb,
    speaker: Span,
    quotes: QuoteIndex,
    used: set[Quote],
) -> Candidate | None:
    cue_start, cue_end = _cue_span(cue)
    frame_start = min(speaker.start_char, cue_start)
    frame_end = max(speaker.end_char, cue_end)
    if cue.i < speaker.start:  # inverted: "..., said Macron" / "said Mr Macron, adding"
        frame_end = max(frame_end, speaker.end_char)
    content = None
    kind = "indirect"
    if "quote" in verb.content or verb.cls == "speech":
        adjacent = _adjacent_quotes(text, quotes, frame_start, _frame_end(cue, speaker, frame_end))
        if adjacent and not used.intersection(adjacent):  # not the quote of a clause before
            used.update(adjacent)
            pieces = [_trim_quote(text, q) for q in adjacent]
            return Candidate(
                "direct",
                pieces[0][0],
                pieces[-1][1],
                cue_start,
                cue_end,
                speaker,
                sent,
                0.9,
                cue.lemma_,
                fragments=pieces if len(pieces) > 1 else [],
            )
    span = _framed_clause(text, sent, frame_start, _frame_end(cue, speaker, frame_end)) or _content_span(
        text, cue, verb
    )
    if span is None:
        return None
    start, end = span
    if end - start < 2:
        return None
    after = quotes.first_starting_from(end)
    if (
        after is not None
        and after.closed
        and not text[end : after.start].strip()
        and text[start:end].rstrip()[-1:].isalnum()
    ):
        # 'said Russia should be able to do "whatever the hell they want"': the parse left the quote out
        end = _trim_quote(text, after)[1]
        while end > start and text[end - 1] in ".;:":
            end -= 1
    holding = quotes.holding(start)  # quotes do not overlap: only this one can hold start..end
    if holding is not None and end <= holding.end:
        used.add(holding)
        kind = "direct"
    elif any(ch in QUOTE_MARKS for ch in text[start:end]):
        kind = "partial"
        used.update(quotes.within(start, end + 1))
        last = quotes.holding(end - 1)
        if last is not None and last.start >= start and end >= last.inner_end - 1:
            used.add(last)  # 'said her government's decision "was not a NATO issue."': closed after the end
    confidence = 0.8 if verb.cls == "speech" else 0.6
    content = Candidate(kind, start, end, cue_start, cue_end, speaker, sent, confidence, cue.lemma_)
    return content


def _restated(
    text: str,
    prev: Span,
    sent: Span,
    cue: Token,
    speaker: Span,
    quotes: QuoteIndex,
    used: set[Quote],
    found: list[Candidate],
) -> Candidate | None:
    """ "... This was stated by Defence Minister Roe", "Roe said this at ...": the sentence or quotation
    just before is the speaker's, unless a statement there has its speaker already ("Roe said that ...
    This was reported by Reuters")."""
    this = next((c for c in cue.children if c.dep_ in {"nsubjpass", "dobj"} and c.lower_ == "this"), None)
    if this is None or (this.dep_ == "nsubjpass") != any(c.dep_ == "agent" for c in cue.children):
        return None
    after = sent.doc[this.i + 1].text if this.i + 1 < len(sent.doc) else ""
    if after == ":" or any(c.dep_ == "neg" for c in cue.children):
        return None  # "asked himself this: ...", "did not say this"
    if speaker.root.morph.get("Person") == ["1"]:
        return None  # "I write this because ...": the writer's own text
    if any(prev.start_char <= c.content_start < prev.end_char for c in found):
        return None
    before = text[prev.start_char : sent.start_char].rstrip()
    q = quotes.holding(prev.start_char + len(before.rstrip(".")) - 1)
    if q is not None and q.closed and q not in used and q.end > prev.start_char:
        used.add(q)
        start, end = _trim_quote(text, q)
        kind = "direct"
    else:
        start, end, kind = prev.start_char, prev.start_char + len(before.rstrip(".")), "indirect"
        if any(ch in QUOTE_MARKS for ch in text[start:end]):
            return None
    cue_start, cue_end = _cue_span(cue)
    return Candidate(kind, start, end, cue_start, cue_end, speaker, sent, 0.7, cue.lemma_)


def _trim_quote(text: str, q: Quote) -> tuple[int, int]:
    """The quoted words without the comma that ends a quote before its attribution."""
    end = q.inner_end
    while end > q.inner_start and text[end - 1] in ", ":
        end -= 1
    return q.inner_start, end


def _framed_clause(text: str, sent: Span, frame_start: int, frame_end: int) -> tuple[int, int] | None:
    """Content around an attribution set off by commas: "The plan is dead, officials said." or
    "The plan, officials said, is dead." The parse often gets these wrong; the commas do not."""
    before = text[sent.start_char : frame_start]
    after = text[frame_end : sent.end_char]
    if not re.search(r",\s*$", before) or len(before.split()) < 2:
        return None
    start = sent.start_char + len(before) - len(before.lstrip())
    if not after.strip(" .!?;\n\"'\u201d\u2019"):
        if len(before.split()) < 4:
            return None
        end = sent.start_char + len(before.rstrip().rstrip(","))
        return start, end
    if re.match(r"\s*,", after) and len(after.split()) >= 3:
        end = sent.end_char - (len(after) - len(after.rstrip(" .!?;\n")))
        return start, end
    return None


def _cue_span(cue: Token) -> tuple[int, int]:
    """The reporting verb with its auxiliaries and particle ("has said", "pointed out", "called for")."""
    toks = [cue] + [c for c in cue.children if c.dep_ in {"aux", "auxpass", "neg", "prt"}]
    start = min(t.idx for t in toks)
    end = max(t.idx + len(t.text) for t in toks)
    return start, end


def _frame_end(cue: Token, speaker: Span, frame_end: int) -> int:
    """Extend the attribution frame over short adjuncts ("said on Tuesday", "told reporters in Paris")."""
    doc = cue.doc
    end_tok = doc[max(cue.i, speaker.end - 1)]
    i = end_tok.i + 1
    while i < len(doc) and i <= end_tok.i + 8:
        t = doc[i]
        if t.text in QUOTE_MARKS or t.text in {":", ",", "."}:
            break
        if t.head.i != cue.i and not any(a.i == cue.i for a in t.ancestors):
            break
        if t.dep_ in {"ccomp", "xcomp", "mark", "oprd"}:
            break
        if t.head.i > t.i and any(doc[j].text in QUOTE_MARKS for j in range(t.i + 1, t.head.i)):
            break  # 'said the "key deliverable" will be ...': the words open a subject that a quote goes on
        if t.dep_ == "dobj" and t.head.i == cue.i:
            colon = next((j for j in range(t.i + 1, min(t.i + 4, len(doc))) if doc[j].text == ":"), None)
            if colon is not None:  # 'said the following (sentence): "..."': the quote is the object
                return doc[colon - 1].idx + len(doc[colon - 1].text)
            if cue.lemma_ not in word_set("statement_addressee_verbs"):
                break  # 'called the plan "a historic moment"': the quote describes the object, no utterance
        frame_end = t.idx + len(t.text)
        i += 1
    return frame_end


def _adjacent_quotes(text: str, quotes: QuoteIndex, frame_start: int, frame_end: int) -> list[Quote]:
    """Quotes right before and/or right after an attribution frame, with only punctuation between. Only
    the nearest quote on each side can be: the gap to any farther one holds the nearer one's opening mark,
    which no gap pattern allows."""
    last = quotes.last_ending_by(frame_start)
    before = [last] if last is not None and _GAP_BEFORE.match(text, last.end, frame_start) else []
    gap_after = _GAP_AFTER_CONTINUED if before else _GAP_AFTER
    first = quotes.first_starting_from(frame_end)
    after = [first] if first is not None and gap_after.fullmatch(text, frame_end, first.start) else []
    if before and after and not _ends_sentence(text, after[0]):
        after = []  # '"Q1," she said. "Q2" to do X, ...': the second quote belongs to another clause
    return before + after


def _ends_sentence(text: str, q: Quote) -> bool:
    rest = text[q.end : q.end + 3]
    return not rest.strip() or rest.lstrip()[:1] in {"\n", ".", "!", "?"} or text[q.inner_end - 1] in ".!?"


def _content_span(text: str, cue: Token, verb: ReportingVerb) -> tuple[int, int] | None:
    """Characters of the reported content for indirect speech, from the dependency parse."""
    children = list(cue.children)
    modes = verb.content

    def span_of(tokens: Iterable[Token]) -> tuple[int, int] | None:
        toks = sorted({t for tok in tokens for t in tok.subtree}, key=lambda t: t.i)
        toks = [
            t for t in toks if not (t.dep_ == "mark" and t.lower_ in word_set("statement_complementizers"))
        ]
        while toks and (toks[0].is_punct or toks[0].is_space) and toks[0].text not in QUOTE_MARKS:
            toks.pop(0)
        while toks and _edge_punct(toks[-1]) and toks[-1].text not in QUOTE_MARKS:
            toks.pop()
        if not toks:
            return None
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        if text[start] in QUOTE_MARKS and text[end - 1] not in QUOTE_MARKS:
            start += 1
        if (
            text[end - 1] in QUOTE_MARKS
            and text[start] not in QUOTE_MARKS
            and text[start - 1] not in QUOTE_MARKS
        ):
            end -= 1
        return start, end

    ccomp = [c for c in children if c.dep_ in {"ccomp", "csubj"} and c.i != cue.i]
    if ccomp and ("ccomp" in modes or "quote" in modes):
        return span_of(ccomp + _stranded_that_clauses(cue, ccomp[-1]))
    dobj = [c for c in children if c.dep_ in {"dobj", "dative"}]
    xcomp = [c for c in children if c.dep_ == "xcomp"]
    if xcomp and ("xcomp_obj" in modes or "xcomp" in modes):
        return span_of(dobj + xcomp)
    if "oprd" in modes and dobj and any(c.dep_ in {"oprd", "xcomp", "acomp"} for c in children):
        return span_of(dobj + [c for c in children if c.dep_ in {"oprd", "xcomp", "acomp"}])
    if "oprd" in modes and dobj and any(t.text in QUOTE_MARKS for t in dobj[0].subtree):
        return span_of(dobj)
    for child in children:
        if child.dep_ == "prep" and f"prep_{child.lower_}" in modes:
            pobj = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            extra = [c for c in children if c.dep_ == "xcomp"]
            if pobj:
                return span_of(pobj + extra)
    if "dobj" in modes and dobj:
        return span_of(dobj)
    if "speech_noun" in modes and dobj and dobj[0].lemma_.lower() in word_set("speech_nouns"):
        return span_of(dobj)
    return None


def _stranded_that_clauses(cue: Token, content: Token) -> list[Token]:
    """A "that" clause after the content that the parse conjoins to a verb above the cue: the cue's second
    content ("saying Kyiv remains open to dialogue, but that Moscow must first agree to a ceasefire")."""
    return [
        c
        for head in (cue, *cue.ancestors)
        for c in head.children
        if c.dep_ == "conj"
        and c.i > content.i
        and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
    ][:1]


def _according_to(text: str, sent: Span, found: list[Candidate]) -> list[Candidate]:
    """ "..., according to X": X is the speaker of the rest of the sentence, unless a cue already took it."""
    out = []
    if "according" not in text[sent.start_char : sent.end_char].lower():
        return out
    for tok in sent:
        if tok.lower_ != "according":
            continue
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        if pobj is None:
            continue
        if any(c.sentence.start == sent.start and c.cue_start is not None for c in found):
            continue
        phrase_start, phrase_end = tok.idx, pobj.right_edge.idx + len(pobj.right_edge.text)
        before = text[sent.start_char : phrase_start].strip(" ,;\u2014-")
        after = text[phrase_end : sent.end_char].strip(" ,;.\u2014-")
        if len(before) >= len(after):
            start = sent.start_char + (
                len(text[sent.start_char : phrase_start])
                - len(text[sent.start_char : phrase_start].lstrip(" ,;\u2014-"))
            )
            end = start + len(before)
        else:
            start = text.index(after, phrase_end) if after else phrase_end
            end = start + len(after)
        if end - start < 10:
            continue
        kind = "partial" if any(ch in QUOTE_MARKS for ch in text[start:end]) else "indirect"
        out.append(
            Candidate(
                kind,
                start,
                end,
                tok.idx,
                to.idx + len(to.text),
                _noun_phrase(pobj),
                sent,
                0.7,
                "according to",
            )
        )
    return out


_BE_THAT = re.compile(r"\b(?:is|was|are|were)\s+that\b", re.IGNORECASE)  # a cheap test before the parse walk


def _possessed_view(text: str, sent: Span, found: list[Candidate]) -> list[Candidate]:
    """ "X's view is that ...": the "that" clause of a copula whose subject is a view noun
    (statement_view_nouns.txt) with a possessor is the possessor's statement, unless a cue took the
    sentence."""
    if any(c.cue_start is not None for c in found) or not _BE_THAT.search(
        text, sent.start_char, sent.end_char
    ):
        return []
    nouns = word_set("statement_view_nouns")
    for tok in sent:
        if tok.dep_ != "nsubj" or tok.lemma_.lower() not in nouns or tok.head.lemma_ != "be":
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        clause = next(
            (
                c
                for c in tok.head.children
                if c.dep_ == "ccomp" and c.i > tok.head.i and c.left_edge.lower_ == "that"
            ),
            None,
        )
        if owner is None or clause is None:
            continue
        start = clause.left_edge.nbor(1).idx  # after "that"
        last = clause.right_edge
        while last.i > clause.i and last.is_punct:
            last = last.nbor(-1)
        end = last.idx + len(last.text)
        if end - start < 10:
            continue
        cue_end = tok.head.idx + len(tok.head.text)
        return [
            Candidate(
                "indirect", start, end, tok.idx, cue_end, _noun_phrase(owner), sent, 0.7, tok.lemma_.lower()
            )
        ]
    return []


_SIGNATURE = re.compile(r"\s*[\u2015\u2014\u2013-]{1,2}\s*")
_HEAD_COLON = re.compile(r"([^\n:]{2,60}?):\s+(\S)")


def _dash_signed_quotes(
    doc: Doc, text: str, sents: Sentences, quotes: QuoteIndex, used: set[Quote], ents: Entities
) -> list[Candidate]:
    """ "quote" ― Name: a quotation signed with a dash (tweets, epigraphs, blockquotes)."""
    out = []
    for q in quotes.quotes:
        if q in used:
            continue
        m = _SIGNATURE.match(text, q.end)
        if not m:
            continue
        name = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if name is None or name[0].ent_type_ not in {"PERSON", "ORG"}:
            continue
        ent = ents.at(name[0].i)
        used.add(q)
        out.append(
            Candidate(
                "direct",
                q.inner_start,
                q.inner_end,
                m.start(),
                m.end(),
                ent,
                sents.of(ent.start),
                0.7,
                "signature",
            )
        )
    return out


def _headline_colon(doc: Doc, text: str, sents: Sentences, ents: Entities) -> list[Candidate]:
    """ "Name: words" opening a paragraph, the headline form of attribution ("Macron: Europe must ...")."""
    out = []
    for p_start, p_end in paragraphs(text):
        m = _HEAD_COLON.match(text, p_start, p_end)
        if not m:
            continue
        head = doc.char_span(m.start(1), m.end(1), alignment_mode="contract")
        if head is None or len(head) > 7 or any(t.pos_ in {"VERB", "AUX"} for t in head):
            continue
        names = [e for e in ents.within(head.start, head.end) if e.label_ in {"PERSON", "ORG"}]
        if not names or names[-1].end != head.end:
            continue
        start, end = m.start(2), p_end
        while end > start and text[end - 1] in " .\n":
            end -= 1
        if len(text[start:end].split()) < 3:
            continue
        colon = m.end(1)
        out.append(
            Candidate("indirect", start, end, colon, colon + 1, names[-1], sents.of(head.start), 0.6, ":")
        )
    return out


def _orphan_quotes(
    doc: Doc, text: str, sents: Sentences, quotes: QuoteIndex, used: set[Quote], found: list[Candidate]
) -> list[Candidate]:
    """Quotes with no cue of their own: a sentence ending "he said:" before them, or the speaker of the
    statement just before in the same or previous paragraph (the quote continues that speaker)."""
    paras = paragraphs(text)
    para_starts = [s for s, _ in paras]
    covered = Cover((c.content_start, c.content_end) for c in found)
    latest = _LatestEnding(found)
    out = []
    for q in quotes.quotes:
        # a content grows below only over the quote that extends it, where no later quote's words are:
        # `covered` may read the contents as they were found
        if q in used or covered.holds(q.inner_start):
            continue
        words = len(text[q.inner_start : q.inner_end].split())
        if words < _MIN_QUOTE_WORDS:
            continue
        para = _paragraph_of(paras, para_starts, q.start, 0)
        prev = latest.by(q.start)
        if prev is None:
            continue
        if prev.verb == "report":  # '"Q1," Trump said at a rally, CNN reported. "Q2"': Trump goes on
            relayed = [c for c in found if c is not prev and c.kind == "direct" and _within(c, prev)]
            prev = relayed[-1] if relayed else prev
        prev_para = _paragraph_of(paras, para_starts, prev.content_start, -9)
        if para - prev_para > 1:
            continue
        between = text[prev.content_end : q.start]
        span = doc.char_span(q.inner_start, q.inner_end, alignment_mode="expand")
        sent = sents.of(span.start) if span is not None else prev.sentence
        own = _quoting_subject(sent, q)
        if (
            own is None
            and para == prev_para
            and prev.kind == "direct"
            and prev.cue_start is not None
            and prev.cue_start < q.start
            and not any(ch in QUOTE_MARKS for ch in between.strip(QUOTE_MARKS + " ,.;:"))
            and len(between.split()) <= 40
        ):
            # '"Q1," Mr Obama said on Saturday at the gala. "Q2."': the same utterance goes on
            prev.fragments = [*prev.spans(), _trim_quote(text, q)]
            prev.content_end = prev.fragments[-1][1]
            used.add(q)
            continue
        orphan = Candidate(
            "direct",
            q.inner_start,
            q.inner_end,
            None,
            None,
            own or prev.speaker,
            sent,
            0.5,
            None,
            inherited_from=None if own is not None else prev,
        )
        out.append(orphan)
        latest.add(orphan)
    return out


def _within(inner: Candidate, outer: Candidate) -> bool:
    return outer.content_start <= inner.content_start and inner.content_end <= outer.content_end


def _quoting_subject(sent: Span, q: Quote) -> Span | None:
    """The person a sentence of narration is about, named before a quote inside it: 'Macron pushed for a
    "true, European army"' quotes Macron, whoever spoke before."""
    root = sent.root
    if q.start <= sent.start_char or root.pos_ != "VERB" or root.lemma_.lower() in reporting_verbs():
        return None  # "Roe said, "...": the cue's own quote; 'Roe was "cautious"': someone's word for him
    if not any(w[:1].islower() for w in doc_text(sent.doc)[q.inner_start : q.inner_end].split()):
        return None  # 'helped launch a "European Political Community"': a name
    subj = _subject(root)
    person = subj is not None and (
        subj.root.ent_type_ == "PERSON" or (subj.root.pos_ == "PROPN" and not subj.root.ent_type_)
    )
    if not person or subj.end_char > q.start:
        return None
    return subj


def _paragraph_of(paras: list[tuple[int, int]], starts: list[int], pos: int, default: int) -> int:
    """Index of the paragraph holding `pos` (paragraphs are in order and apart), else `default`."""
    i = bisect_right(starts, pos) - 1
    return i if i >= 0 and pos < paras[i][1] else default


class _LatestEnding:
    """Of `found` and the candidates added later, the one with a speaker whose content ends last by a
    position (the earliest of them on a tie), as `max([c for c in found + added if c.speaker is not None and
    c.content_end <= pos], key=lambda c: c.content_end)` gives. Positions are asked in ascending order; a
    content may grow only while it is the answer, and a candidate is added only if it ends by every
    position asked after."""

    def __init__(self, found: list[Candidate]) -> None:
        self.pending = sorted(
            ((c.content_end, i, c) for i, c in enumerate(found) if c.speaker is not None),
            key=lambda t: t[:2],
        )
        self.next = 0
        self.order = len(found)  # the place of the next candidate added
        self.best: tuple[int, Candidate] | None = None

    def by(self, pos: int) -> Candidate | None:
        while self.next < len(self.pending) and self.pending[self.next][0] <= pos:
            _, order, cand = self.pending[self.next]
            self.next += 1
            self._offer(order, cand)
        return self.best[1] if self.best is not None else None

    def add(self, cand: Candidate) -> None:
        if cand.speaker is not None:
            self._offer(self.order, cand)
        self.order += 1

    def _offer(self, order: int, cand: Candidate) -> None:
        best = self.best
        if (
            best is None
            or cand.content_end > best[1].content_end
            or (cand.content_end == best[1].content_end and order < best[0])
        ):
            self.best = (order, cand)


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per content span: the most confident (nested statements with their own cue stay)."""
    best: dict[tuple[int, int], Candidate] = {}
    for c in cands:
        key = (c.content_start, c.content_end)
        if key not in best or c.confidence > best[key].confidence:
            best[key] = c
    return sorted(best.values(), key=lambda c: c.content_start)
