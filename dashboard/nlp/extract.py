"""The parse-and-extract step: texts in, rows out. One article's statements, numbers, topics and stances
as rows of the store's tables, and the pipeline version that names the extraction. This is all that a
process which parses needs (a `--cluster` worker imports this, not the loader with its store and sources).
"""

from __future__ import annotations

import hashlib
import logging
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from dashboard.nlp.gazetteer import Gazetteer
from dashboard.nlp.numbers import NumberClaim, extract_numbers, is_source_name
from dashboard.nlp.parse import parse_stream
from dashboard.nlp.pipeline import load_model, model_version, statements_for_doc
from dashboard.nlp.stances import Stance, extract_stances, stance_matcher
from dashboard.nlp.topics import topic_matcher, topic_rows

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from dashboard.records import Statement

log = logging.getLogger(__name__)

EXTRACTOR_VERSION = "9"
DATA_DIR = Path(__file__).resolve().parents[2] / "data"
NLP_DIR = Path(__file__).resolve().parent  # the extractors' code, part of the pipeline version
Extracted = tuple[dict, dict[str, list[dict]], str | None]  # article row, rows per table, processing note


def pipeline_version(model_name: str | None) -> str:
    """Identifies the extraction: model, extractor version, the extractors' code and the rule data files. A
    change in any of them makes the store process articles again."""
    digest = hashlib.sha256(EXTRACTOR_VERSION.encode())
    rule_files = [*sorted((DATA_DIR / "lexicons").glob("*")), *sorted((DATA_DIR / "gazetteer").glob("*"))]
    for path in [
        *sorted(NLP_DIR.glob("*.py")),
        *rule_files,
        DATA_DIR / "topics.toml",
        DATA_DIR / "stance_targets.toml",
        DATA_DIR / "reference" / "nato_defence_expenditure.csv",
    ]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return f"{model_version(load_model(model_name))}+x{EXTRACTOR_VERSION}+{digest.hexdigest()[:10]}"


def extract_here(
    nlp: Language,
    items: Iterator[tuple[str, dict]],
    *,
    n_process: int,
    chunk_articles: int,
    disabled_rules: frozenset[str],
) -> Iterator[Extracted]:
    """Parse and extract in this process (spaCy's own `n_process` workers parse)."""
    docs = parse_stream(nlp, items, n_process=n_process, chunk_articles=chunk_articles)
    for doc, row, failure in docs:
        rows, note = extract_article(nlp, doc, row, failure, disabled_rules)
        yield row, rows, note


def extract_texts(
    items: list[tuple[str, dict]], model: str | None, disabled_rules: frozenset[str]
) -> tuple[str, list[tuple[dict[str, list[dict]], str | None]]]:
    """One cluster task: parse and extract `(text, article)` pairs (`article` needs `article_id`, `published`
    and `origin`) in this process, with the model loaded once per process. Returns this process's pipeline
    version (the client checks it is its own) and, per article in input order, its rows and note."""
    extracted = extract_here(
        load_model(model),
        iter(items),
        n_process=1,
        chunk_articles=max(1, len(items)),
        disabled_rules=disabled_rules,
    )
    return worker_version(model), [(rows, note) for _, rows, note in extracted]


@cache
def worker_version(model: str | None) -> str:
    """`pipeline_version` once per process (a cluster worker's data files do not change under it); loads
    the model, so a worker that runs it is ready to parse."""
    return pipeline_version(model)


def extract_article(
    nlp: Language, doc: Doc | None, article: dict, parse_failure: str | None, disabled_rules: frozenset[str]
) -> tuple[dict[str, list[dict]], str | None]:
    """The statements, numbers, topics and stances rows of one parsed article, and its processing note
    (None when all went well; the reason when it could not be parsed or an extractor failed: then no
    rows, and the article is kept without them)."""
    if doc is None:
        log.error("parsing failed for %s: %s", article["origin"], parse_failure)
        return {}, parse_failure
    gaz = Gazetteer.load()
    aid = article["article_id"]
    try:
        when = article["published"].date() if article["published"] is not None else None
        statements = statements_for_doc(doc, when, gaz)
        voices = [(s.content.start, s.content.end, s.speaker_country) for s in statements]
        said_by = {
            s.speaker_mention.start: s.speaker_country
            for s in statements
            if s.speaker_mention and not is_source_name(s.speaker or "")
        }
        numbers = extract_numbers(doc, when, gaz, voices, said_by)
        said = statement_rows(aid, statements)
        spans = [(s["statement_id"], s["content_start"], s["content_end"]) for s in said]
        return {
            "statements": said,
            "numbers": number_rows(aid, numbers, said),
            "topics": topic_rows(doc, aid, spans, matcher=topic_matcher(nlp)),
            "stances": stance_rows(
                aid,
                extract_stances(doc, statements, when, gaz, stance_matcher(nlp), disabled_rules),
                said,
            ),
        }, None
    except Exception as exc:  # one article's failure must not lose the others
        log.exception("extraction failed for %s", article["origin"])
        return {}, f"extraction failed: {type(exc).__name__}: {exc}"[:300]


def statement_rows(article_id: str, statements: list[Statement]) -> list[dict]:
    rows = []
    for n, s in enumerate(statements, 1):
        rows.append(
            {
                "statement_id": f"{article_id}:s{n}",
                "article_id": article_id,
                "kind": s.kind,
                "speaker": s.speaker,
                "speaker_type": s.speaker_type,
                "speaker_country": s.speaker_country,
                "speaker_role": s.speaker_role,
                "speaker_org": s.speaker_org,
                "speaker_mention": s.speaker_mention.text if s.speaker_mention else None,
                "cue": s.cue.text if s.cue else None,
                "content": s.content.text,
                "sentence": s.sentence.text if s.sentence else None,
                "content_start": s.content.start,
                "content_end": s.content.end,
                "content_fragments": ";".join(f"{f.start}-{f.end}" for f in s.fragments) or None,
                "speaker_start": s.speaker_mention.start if s.speaker_mention else None,
                "speaker_end": s.speaker_mention.end if s.speaker_mention else None,
                "cue_start": s.cue.start if s.cue else None,
                "cue_end": s.cue.end if s.cue else None,
                "sentence_start": s.sentence.start if s.sentence else None,
                "confidence": s.confidence,
            }
        )
    return rows


def number_rows(article_id: str, numbers: list[NumberClaim], statements: list[dict]) -> list[dict]:
    by_start = sorted((s["content_start"], i) for i, s in enumerate(statements))
    starts = [start for start, _ in by_start]
    longest = max((s["content_end"] - s["content_start"] for s in statements), default=0)
    rows = []
    for n, c in enumerate(numbers, 1):
        # the first statement (in extraction order) whose content holds the number; only those starting
        # at most the longest content's length before it can
        lo, hi = bisect_left(starts, c.start - longest), bisect_right(starts, c.start)
        holders = [i for _, i in by_start[lo:hi] if c.end <= statements[i]["content_end"]]
        inside = statements[min(holders)]["statement_id"] if holders else None
        rows.append(
            {
                "number_id": f"{article_id}:n{n}",
                "article_id": article_id,
                "statement_id": inside,
                "value": c.value,
                "unit": c.unit,
                "currency": c.currency,
                "total": c.total,
                "qualifier": c.qualifier,
                "country": c.country,
                "year": c.year,
                "kind": c.kind,
                "is_defence_spending": c.is_defence_spending,
                "text": c.text,
                "sentence": c.sentence.text,
                "start": c.start,
                "end": c.end,
            }
        )
    return rows


def _stance_id(article_id: str, s: Stance) -> str:
    """Stable across extractor versions while the same actor, target and sentence are found, so an
    analyst's correction (dashboard.corrections) stays on its row after a re-ingest."""
    key = f"{s.actor}|{s.actor_type}|{s.target}|{s.evidence_start}|{s.statement}"
    return f"{article_id}:p{hashlib.sha256(key.encode('utf-8')).hexdigest()[:10]}"


def stance_rows(article_id: str, stances: list[Stance], statements: list[dict]) -> list[dict]:
    return [
        {
            "stance_id": _stance_id(article_id, s),
            "article_id": article_id,
            "statement_id": None if s.statement is None else statements[s.statement]["statement_id"],
            "actor": s.actor,
            "actor_type": s.actor_type,
            "actor_country": s.actor_country,
            "target": s.target,
            "polarity": s.polarity,
            "score": s.score,
            "evidence": s.evidence,
            "evidence_start": s.evidence_start,
            "evidence_end": s.evidence_end,
            "confidence": s.confidence,
            "method": f"rule:{s.rule}",
        }
        for s in stances
    ]
