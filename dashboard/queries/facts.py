"""Compact in-memory copies of what the dashboard's charts count ("facts"), and the global filters on them.

The charts count statements, numbers and stances by a few short columns (speaker, country, role, kind,
target, polarity, score, date). Read from the store's Parquet files, each count would scan the long rows
and test the country filter by semi-joins on string ids (about 0.5 s each at ten million statements, and
several per page). The fact tables hold those columns only, built once when a `StoreSQL` opens (from the
corrected views, so analysts' corrections are in them):

- `fact_articles`: per article an integer id `aidx` (its place among the articles, newest first), its UTC
  day, outlet, the countries it mentions, and bit masks of the countries it mentions (`mm0`, `mm1`, ...),
  of its speakers' and stance actors' countries (`sm*`), of its numbers' countries (`nm*`) and of its
  topics (`tm*`);
- `fact_statements`, `fact_numbers`, `fact_claims` (the spending claims, with what their charts and table
  show), `fact_stances`: per row its article's `aidx`, day and mention masks, and the columns the charts
  group by; a number and a stance also carry their statement's speaker, speaker's country and
  number-country masks (`s_speaker`, `s_country`, `s_nm*`), which the country and actor filters test
  instead of joining on statement ids. Statements and stances keep their ids (the rows a page shows whole
  are read by id), confidence and whether an analyst has seen them (`reviewed`, for the review queues);
  statements also their start and their row's place in the store (`pos`, which a search's matches are
  joined on);
- `fact_article_topics`: one row per (article, topic) with its sentence rows, the article's `aidx` and
  day; `fact_topics`: the topics table's rows counted per article and topic.

Strings are DuckDB ENUMs (stored as small integers: grouping by them is about 3x faster than by strings)
and a set of countries is one bit per country in 64-bit words, so the country filter is an AND of integers.
`fact_ctes(filters, codes)` gives `f_articles`, `f_statements`, `f_numbers`, `f_claims`, `f_stances`,
`f_topics` and `f_article_topics` over these tables, as `dashboard.queries.apply_filters` filters."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from dashboard.queries import COUNTRY_FIELDS, Filters
from dashboard.queries.frames import CLAIM_UNITS, SPENDING_EVIDENCE, SPENDING_KEYS

_CLAIM_ROW = ("sentence", "article_id", "statement_id", "number_id")  # the claims table's evidence
COMPRESS_FROM = 2_000_000  # statements from which the fact tables are compressed
WORD_BITS = 64  # bits of a mask's word (UBIGINT); a mask has as many words as its codes need
# ENUM type -> per table the column whose values it holds (one scan of each table collects them all)
_ENUMS = {
    "ddd_country": {"statements": "speaker_country", "numbers": "country", "stances": "actor_country"},
    "ddd_person": {"statements": "speaker", "stances": "actor"},
    "ddd_role": {"statements": "speaker_role"},
    "ddd_kind": {"statements": "kind"},
    "ddd_outlet": {"articles": "source"},
    "ddd_unit": {"numbers": "unit"},
    "ddd_target": {"stances": "target"},
    "ddd_polarity": {"stances": "polarity"},
}


@dataclass(frozen=True)
class Codes:
    """Each country's and topic's (word, bit) in the masks, and how many 64-bit words a mask has."""

    countries: dict[str, tuple[int, int]]
    topics: dict[str, tuple[int, int]]

    @property
    def country_words(self) -> int:
        return _words(self.countries)

    @property
    def topic_words(self) -> int:
        return _words(self.topics)


def _words(bits: dict[str, tuple[int, int]]) -> int:
    """How many words a mask of `bits` (code -> (word, bit)) has: at least one."""
    return max((word for word, _ in bits.values()), default=0) + 1


def build(con: duckdb.DuckDBPyConnection) -> Codes:
    """Create the fact tables on `con` (which has the views `articles`, `statements`, `numbers`,
    `stances`, `topics`) and return the codes of their masks."""
    values: dict[str, set[str]] = {name: set() for name in _ENUMS}
    counts: Counter[str] = Counter()  # rows per country, to give the countries filtered most the first word
    for table in ("articles", "statements", "numbers", "stances"):
        columns = [(name, col[table]) for name, col in _ENUMS.items() if table in col]
        found = con.execute(
            f"SELECT {', '.join(f'histogram({c})' for _, c in columns)} FROM {table}"
        ).fetchone()
        for (name, _), histogram in zip(columns, found, strict=True):
            if name == "ddd_country":
                counts.update(histogram or {})
            values[name].update(histogram or {})
    mentioned = con.execute(
        "SELECT c, count(*) FROM (SELECT unnest(countries) AS c FROM articles) GROUP BY c"
    )
    counts.update(dict(mentioned.fetchall()))
    values["ddd_country"] |= set(counts)
    for name, distinct in values.items():
        _enum(con, name, distinct)
    countries = sorted(counts, key=lambda c: (-counts[c], c))
    country_bits = {c: divmod(i, WORD_BITS) for i, c in enumerate(countries)}
    _table(con, "country_bits", country_bits)
    cw = range(_words(country_bits))
    # The build holds at once the facts made so far and a join's hash table: it needs no row order, and
    # in a large store each table is compressed (CHECKPOINT) once made, to about a third of its size
    con.execute("SET preserve_insertion_order = false")
    # DuckDB's estimate of a Parquet view's rows is far too low (it would hash the ten million statements
    # and probe them with the articles): each join below hashes the table on its right, the smaller
    con.execute("SET disabled_optimizers = 'build_side_probe_side'")
    # per article: its id (its place among the articles, newest first, the Statements page's order), day,
    # outlet, distinct mentioned countries and their mask, and its place by article id (`aord`, the
    # missed-stances queue's order)
    con.execute(
        "CREATE TABLE fact_articles0 AS SELECT (row_number() OVER "
        "(ORDER BY published DESC NULLS LAST, article_id))::INTEGER AS aidx, article_id, "
        "CAST(timezone('UTC', published) AS DATE) AS day, source::ddd_outlet AS source, "
        "list_distinct(countries) AS countries, (row_number() OVER (ORDER BY article_id))::INTEGER AS aord "
        "FROM articles"
    )
    # The topics table's rows per article and topic (`fact_topics`, nulls included, for the filtered
    # tables' counts); the topics pages count articles, not sentences: one row per (article, topic) found
    # in an article, with its sentence rows (`fact_article_topics`)
    con.execute(
        "CREATE TABLE topics0 AS SELECT a.aidx, a.day, t.* FROM (SELECT article_id, topic, count(*) AS n, "
        "count(sentence_start) AS sentences FROM topics GROUP BY ALL) t "
        "LEFT JOIN fact_articles0 a USING (article_id)"
    )
    found = "article_id IS NOT NULL AND topic IS NOT NULL"
    topics = con.execute(
        f"SELECT topic FROM topics0 WHERE {found} GROUP BY topic ORDER BY count(*) DESC, topic"
    )
    topic_bits = {t: divmod(i, WORD_BITS) for i, (t,) in enumerate(topics.fetchall())}
    _table(con, "topic_bits", topic_bits)
    named = con.execute("SELECT DISTINCT topic FROM topics0 WHERE topic IS NOT NULL").fetchall()
    _enum(con, "ddd_topic", {t for (t,) in named})
    con.execute(
        "CREATE TABLE fact_article_topics AS SELECT aidx, day, topic::ddd_topic AS topic, sentences "
        f"FROM topics0 WHERE {found}"
    )
    con.execute("CREATE TABLE fact_topics AS SELECT aidx, topic::ddd_topic AS topic, n FROM topics0")
    tw = range(_words(topic_bits))
    con.execute(
        f"CREATE TABLE mentions AS SELECT aidx, {_masks('mm', cw)} FROM "
        "(SELECT aidx, unnest(countries) AS code FROM fact_articles0) JOIN country_bits USING (code) "
        "GROUP BY aidx"
    )
    mm = ", ".join(f"coalesce(m.mm{i}, 0::UBIGINT) AS mm{i}" for i in cw)
    con.execute(
        f"CREATE TABLE fact_articles1 AS SELECT a.*, {mm} FROM fact_articles0 a "
        "LEFT JOIN mentions m USING (aidx)"
    )
    article = f"a.aidx, a.day, {', '.join(f'a.mm{i}' for i in cw)}"
    # per statement: the countries of its numbers
    con.execute(
        f"CREATE TABLE statement_numbers AS SELECT statement_id, {_masks('nm', cw)} FROM numbers "
        "JOIN country_bits ON country = code WHERE statement_id IS NOT NULL GROUP BY statement_id"
    )
    nm = ", ".join(f"coalesce(n.nm{i}, 0::UBIGINT) AS nm{i}" for i in cw)
    statement = (
        "s.kind::ddd_kind AS kind, s.speaker::ddd_person AS speaker, "
        f"s.speaker_country::ddd_country AS speaker_country, s.speaker_role::ddd_role AS speaker_role, {nm}"
    )
    con.execute(
        f"CREATE TABLE fact_statements AS SELECT {article}, {statement}, s.content_start, s.statement_id, "
        f"s._pos AS pos, s.confidence, {_reviewed('statements', 's.statement_id')} "
        "FROM located_statements s "
        "LEFT JOIN fact_articles1 a USING (article_id) LEFT JOIN statement_numbers n USING (statement_id)"
    )
    (statements,) = con.execute("SELECT count(*) FROM fact_statements").fetchone()

    def compress() -> None:  # worth its time (1.4 s at a million statements) on large stores only
        if statements >= COMPRESS_FROM:
            con.execute("CHECKPOINT")

    compress()
    # the statements numbers and stances are part of, by id (the only join on strings, of those only)
    con.execute(
        "CREATE TABLE said AS SELECT statement_id, speaker, speaker_country, "
        f"{', '.join(f'nm{i}' for i in cw)} FROM fact_statements WHERE statement_id IN "
        "(SELECT statement_id FROM numbers UNION SELECT statement_id FROM stances)"
    )
    compress()
    said = "s.speaker AS s_speaker, s.speaker_country AS s_country, " + ", ".join(
        f"coalesce(s.nm{i}, 0::UBIGINT) AS s_nm{i}" for i in cw
    )
    con.execute(
        f"CREATE TABLE fact_numbers AS SELECT {article}, n.country::ddd_country AS country, "
        f"n.unit::ddd_unit AS unit, {said} FROM numbers n LEFT JOIN fact_articles1 a USING (article_id) "
        "LEFT JOIN said s USING (statement_id)"
    )
    compress()
    # the spending claims (percent of GDP, money) with the columns their charts and table show
    claims = ", ".join(f"n.{c}" for c in dict.fromkeys([*SPENDING_KEYS, *SPENDING_EVIDENCE, *_CLAIM_ROW]))
    con.execute(
        f"CREATE TABLE fact_claims AS SELECT {article}, {said}, {claims}, "
        f"{_reviewed('numbers', 'n.number_id')} FROM numbers n "
        "LEFT JOIN fact_articles1 a USING (article_id) LEFT JOIN said s USING (statement_id) "
        "WHERE list_contains($units, n.unit)",
        {"units": list(CLAIM_UNITS)},
    )
    compress()
    con.execute(
        f"CREATE TABLE fact_stances AS SELECT {article}, t.actor::ddd_person AS actor, "
        "t.actor_country::ddd_country AS actor_country, t.target::ddd_target AS target, "
        f"t.polarity::ddd_polarity AS polarity, t.score, t.confidence, {said}, t.stance_id, "
        "t.evidence_start, t.evidence_end, "
        f"{_reviewed('stances', 't.stance_id')} "
        "FROM stances t LEFT JOIN fact_articles1 a USING (article_id) LEFT JOIN said s USING (statement_id)"
    )
    compress()
    # per article: the countries of its speakers and stance actors, of its numbers; its topics
    con.execute(
        f"CREATE TABLE speakers AS SELECT aidx, {_masks('sm', cw)} FROM "
        "(SELECT aidx, speaker_country::VARCHAR AS code FROM fact_statements UNION ALL "
        "SELECT aidx, actor_country::VARCHAR FROM fact_stances) JOIN country_bits USING (code) GROUP BY aidx"
    )
    con.execute(
        f"CREATE TABLE counted AS SELECT aidx, {_masks('nm', cw)} FROM fact_numbers "
        "JOIN country_bits ON country::VARCHAR = code GROUP BY aidx"
    )
    con.execute(
        f"CREATE TABLE topic_masks AS SELECT aidx, {_masks('tm', tw)} FROM fact_article_topics "
        "JOIN topic_bits ON topic::VARCHAR = code GROUP BY aidx"
    )
    per_article = [("speakers", "sm", cw), ("counted", "nm", cw), ("topic_masks", "tm", tw)]
    columns = ", ".join(f"coalesce({t}.{p}{i}, 0::UBIGINT) AS {p}{i}" for t, p, w in per_article for i in w)
    joins = " ".join(f"LEFT JOIN {t} USING (aidx)" for t, _, _ in per_article)
    con.execute(f"CREATE TABLE fact_articles AS SELECT a.*, {columns} FROM fact_articles1 a {joins}")
    for table in (
        "topics0",
        "fact_articles0",
        "fact_articles1",
        "mentions",
        "statement_numbers",
        "said",
        "speakers",
        "counted",
        "topic_masks",
    ):
        con.execute(f"DROP TABLE {table}")
    compress()
    con.execute("RESET preserve_insertion_order")
    con.execute("RESET disabled_optimizers")
    return Codes(country_bits, topic_bits)


def mention_counts(codes: Codes, countries: list[str]) -> str:
    """SQL aggregates: per country of `countries` (all in `codes`), how many rows' mention masks (`mm*`)
    hold its bit."""
    out = []
    for code in countries:
        word, bit = codes.countries[code]
        out.append(f"count(*) FILTER (WHERE (mm{word} & {1 << bit}::UBIGINT) <> 0)")
    return ", ".join(out)


def mention_masks(codes: Codes) -> str:
    """The mention mask columns: `mm0, mm1, ...`."""
    return ", ".join(f"mm{i}" for i in range(codes.country_words))


def _reviewed(table: str, row_id: str) -> str:
    """SQL: the row an analyst has corrected or confirmed (`replaced_<table>`) or added, for the review
    queues."""
    return (
        f"({row_id} IN (SELECT {row_id.split('.')[1]} FROM replaced_{table}) "
        f"OR contains({row_id}, ':analyst')) AS reviewed"
    )


def _masks(prefix: str, words: range) -> str:
    """Aggregates `prefix0, prefix1, ...`: the OR of the bits (`word`, `bit` columns) of each word."""
    return ", ".join(
        f"bit_or(CASE WHEN word = {i} THEN 1::UBIGINT << bit ELSE 0::UBIGINT END) AS {prefix}{i}"
        for i in words
    )


def _enum(con: duckdb.DuckDBPyConnection, name: str, values: set[str]) -> None:
    """An ENUM type of `values`."""
    con.register("_values", pa.table({"x": pa.array(sorted(values), pa.string())}))
    con.execute(f"CREATE TYPE {name} AS ENUM (SELECT x FROM _values)")
    con.unregister("_values")


def _table(con: duckdb.DuckDBPyConnection, name: str, bits: dict[str, tuple[int, int]]) -> None:
    con.execute(f"CREATE TABLE {name} (code VARCHAR, word INTEGER, bit UBIGINT)")
    if bits:
        con.executemany(f"INSERT INTO {name} VALUES (?, ?, ?)", [(c, w, b) for c, (w, b) in bits.items()])


def _any_bit(prefix: str, wanted: dict[int, int], params: dict[str, object], name: str) -> str:
    """SQL: the mask `prefix*` has a bit of `wanted` (word -> bits), or false when it holds none."""
    tests = []
    for word, bits in sorted(wanted.items()):
        params[f"{name}{word}"] = bits
        tests.append(f"({prefix}{word} & ${name}{word}::UBIGINT) <> 0")
    return f"({' OR '.join(tests)})" if tests else "false"


def _bits(codes: dict[str, tuple[int, int]], wanted: list[str]) -> dict[int, int]:
    out: dict[int, int] = {}
    for code in wanted:
        if code in codes:
            word, bit = codes[code]
            out[word] = out.get(word, 0) | (1 << bit)
    return out


def missed_stances(con: duckdb.DuckDBPyConnection, target_topics: dict[str, str]) -> None:
    """The table `fact_missed`: the review queue of missed stances with no filter, the sentences on a
    target's topic (`target_topics`: target -> topic) that no stance on the target covers and that no
    analyst has found to state none (`no_stance`). Per sentence its article's `aidx` and place by id
    (`aord`), start, target, topic and score; joined on integers (the stances' facts)."""
    targets = pa.table({"target": list(target_topics), "topic": list(target_topics.values())})
    con.register("_targets", targets)
    con.execute(
        "CREATE TABLE fact_missed AS SELECT a.aidx, a.aord, t.sentence_start, g.target, t.topic, t.score, "
        "CASE WHEN a.aidx IS NULL THEN t.article_id END AS orphan_id "  # an article the store lacks
        "FROM topics t JOIN _targets g USING (topic) "
        "LEFT JOIN (SELECT aidx, aord, article_id FROM fact_articles) a USING (article_id) "
        "WHERE t.sentence_start IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM fact_stances s WHERE s.aidx = a.aidx AND s.target::VARCHAR = g.target "
        "AND s.evidence_start <= t.sentence_start AND t.sentence_start < s.evidence_end) "
        "AND NOT EXISTS (SELECT 1 FROM no_stance n WHERE n.article_id = t.article_id "
        "AND n.span_start = t.sentence_start AND n.target = g.target)"
    )
    con.unregister("_targets")


def fact_ctes(filters: Filters, codes: Codes, *like_topics: str) -> tuple[str, dict[str, object]]:
    """Common table expressions `f_articles`, `f_statements`, `f_numbers`, `f_claims`, `f_stances`,
    `f_topics` and `f_article_topics` over the fact tables, holding the rows that pass `filters` (as
    `dashboard.queries.apply_filters` and `dashboard.queries.sql.filter_ctes` define them), and their
    named parameters."""
    p: dict[str, object] = {}
    where = []
    if filters.date_from:
        where.append("day >= $date_from")
        p["date_from"] = filters.date_from
    if filters.date_to:
        where.append("day <= $date_to")
        p["date_to"] = filters.date_to
    if filters.date_from or filters.date_to:
        where.insert(0, "day IS NOT NULL")
    if filters.outlets:
        p["outlets"] = list(filters.outlets)
        where.append("list_contains($outlets, source::VARCHAR)")
    if filters.topics:
        where.append(_any_bit("tm", _bits(codes.topics, list(filters.topics)), p, "tw"))
    ctes = [f"base AS (SELECT * FROM fact_articles{_where(where)})"]
    rows: dict[str, list[str]] = {t: [] for t in ("statements", "numbers", "stances")}
    if where:
        for conditions in rows.values():
            conditions.append("aidx IN (SELECT aidx FROM base)")
    wanted = sorted({str(c).upper() for c in filters.countries if c})
    fields = set(filters.country_fields) or set(COUNTRY_FIELDS)
    statement_passes = "true"  # a number's or stance's statement passes the country filter
    if wanted:
        p["countries"] = wanted
        bits = _bits(codes.countries, wanted)
        mention = _any_bit("mm", bits, p, "cw") if "mentioned" in fields else "false"
        in_w = "list_contains($countries, {}::VARCHAR)"

        def any_of(*tests: tuple[str, str]) -> str:
            return "(" + " OR ".join([mention] + [t for field, t in tests if field in fields]) + ")"

        rows["statements"].append(
            any_of(("number", _any_bit("nm", bits, p, "cw")), ("speaker", in_w.format("speaker_country")))
        )
        rows["numbers"].append(
            any_of(("speaker", in_w.format("s_country")), ("number", in_w.format("country")))
        )
        rows["stances"].append(
            any_of(("number", _any_bit("s_nm", bits, p, "cw")), ("speaker", in_w.format("actor_country")))
        )
        statement_passes = any_of(
            ("number", _any_bit("s_nm", bits, p, "cw")), ("speaker", in_w.format("s_country"))
        )
        holding = any_of(
            ("speaker", _any_bit("sm", bits, p, "cw")), ("number", _any_bit("nm", bits, p, "cw"))
        )
    if filters.actors:
        p["actors"] = list(filters.actors)
        said = f"(list_contains($actors, s_speaker::VARCHAR) AND {statement_passes})"
        rows["statements"].append("list_contains($actors, speaker::VARCHAR)")
        rows["numbers"].append(said)
        rows["stances"].append(f"(list_contains($actors, actor::VARCHAR) OR {said})")
    for table, conditions in [*rows.items(), ("claims", rows["numbers"])]:
        ctes.append(f"f_{table} AS (SELECT * FROM fact_{table}{_where(conditions)})")
    if filters.actors:
        union = " UNION ALL ".join(f"SELECT aidx FROM f_{t}" for t in rows)
        ctes.append(f"f_articles AS (SELECT * FROM base WHERE aidx IN ({union}))")
    elif wanted:
        ctes.append(f"f_articles AS (SELECT * FROM base WHERE {holding})")
    else:
        ctes.append("f_articles AS (SELECT * FROM base)")
    topic_where = ["aidx IN (SELECT aidx FROM f_articles)"] if where or wanted or filters.actors else []
    if filters.topics:
        p["topics"] = list(filters.topics)
        topic_where.append("list_contains($topics, topic::VARCHAR)")
    for name in ("article_topics", "topics", *like_topics):
        ctes.append(f"f_{name} AS (SELECT * FROM fact_{name}{_where(topic_where)})")
    sql = ",\n".join(ctes)
    # a test of a field the filter leaves out registered its bits too
    return sql, {k: v for k, v in p.items() if re.search(rf"\${k}\b", sql)}


def _where(conditions: list[str]) -> str:
    return f" WHERE {' AND '.join(conditions)}" if conditions else ""
