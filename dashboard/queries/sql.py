"""The dashboard's filters as SQL: DuckDB over the store's Parquet files at one snapshot.

`StoreSQL(store)` opens an in-memory DuckDB connection whose views are the store's tables at its committed
snapshot (the Delta tables' data files at the snapshot's versions, so DuckDB sees only committed rows),
with the corpus-wide speaker and actor names applied (`dashboard.corpus`). `filtered(filters)` gives the
same rows as `dashboard.queries.apply_filters` on the pandas tables, computed in DuckDB: the filter
becomes predicates and semi-joins, and only the rows that pass come back into pandas.

No Streamlit import, no spaCy; DuckDB extensions are never loaded (Parquet is built in)."""

from __future__ import annotations

from os import PathLike

import duckdb
import pandas as pd
import pyarrow as pa

from dashboard.corpus import _surname_mapping
from dashboard.queries import COUNTRY_FIELDS, TABLE_NAMES, Filters
from dashboard.schema import KEYS, arrow_schema, conform
from dashboard.store import Snapshot, Store

# Columns a view renames through the name mapping (table -> (name column, type column, type value)).
_CANONICAL = {"statements": ("speaker", "speaker_type"), "stances": ("actor", "actor_type")}


class StoreSQL:
    """DuckDB views `articles`, `statements`, `numbers`, `topics`, `stances`, `rejected` over one snapshot
    of a store. Not thread-safe: give each thread its own (`cursor()` is cheap)."""

    def __init__(self, store: str | PathLike, snapshot: Snapshot | None = None) -> None:
        self.store = Store(store)
        self.snapshot = snapshot if snapshot is not None else self.store.snapshot()
        self.con = duckdb.connect(
            config={"autoload_known_extensions": False, "autoinstall_known_extensions": False}
        )
        for table in TABLE_NAMES:
            files = self.store.file_uris(table, self.snapshot) if self.snapshot is not None else []
            if files:
                listed = ", ".join(_literal(f) for f in files)
                self.con.execute(f"CREATE VIEW raw_{table} AS SELECT * FROM read_parquet([{listed}])")
            else:
                self.con.register(f"raw_{table}", arrow_schema(table).empty_table())
        self._canonical_views()

    def _canonical_views(self) -> None:
        """`statements` and `stances` name a person by the full name used elsewhere in the corpus."""
        persons = self.con.execute(
            "SELECT DISTINCT speaker FROM raw_statements "
            "WHERE speaker_type = 'person' AND speaker IS NOT NULL"
        ).fetchall()
        speakers = _surname_mapping([p for (p,) in persons])
        persons += self.con.execute(
            "SELECT DISTINCT actor FROM raw_stances WHERE actor_type = 'person' AND actor IS NOT NULL"
        ).fetchall()
        actors = _surname_mapping(sorted({p for (p,) in persons}))
        self.con.execute("CREATE VIEW articles AS SELECT * FROM raw_articles")
        for table, mapping in (("statements", speakers), ("stances", actors)):
            name, _ = _CANONICAL[table]
            self.con.register(
                f"{table}_names",
                pa.table({"short": list(mapping), "full": list(mapping.values())}, schema=_NAMES),
            )
            columns = ", ".join(
                f"coalesce(m.full, t.{name}) AS {name}" if col == name else f"t.{col}"
                for col in arrow_schema(table).names
            )
            self.con.execute(
                f"CREATE VIEW {table} AS SELECT {columns} FROM raw_{table} t "
                f"LEFT JOIN {table}_names m ON t.{name} = m.short"
            )
        for table in ("numbers", "topics", "rejected"):
            self.con.execute(f"CREATE VIEW {table} AS SELECT * FROM raw_{table}")

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> StoreSQL:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def filtered(self, filters: Filters) -> dict[str, pd.DataFrame]:
        """The six tables with `filters` applied, as `apply_filters` defines them, ordered by their keys."""
        ctes, params = filter_ctes(filters)
        out = {}
        for table in TABLE_NAMES:
            order = ", ".join(KEYS[table])
            sql = f"WITH {ctes} SELECT * FROM f_{table} ORDER BY {order}"
            out[table] = conform(self.con.execute(sql, params).df(), table)
        return out

    def count(self, filters: Filters) -> dict[str, int]:
        """Rows per table after `filters`, counted in DuckDB."""
        ctes, params = filter_ctes(filters)
        union = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM f_{t}" for t in TABLE_NAMES)
        return {t: int(n) for t, n in self.con.execute(f"WITH {ctes} {union}", params).fetchall()}


_NAMES = pa.schema([("short", pa.string()), ("full", pa.string())])


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _in(column: str, name: str) -> str:
    """`column` is one of the list parameter `$name` (nulls never match)."""
    return f"list_contains(${name}, {column})"


def filter_ctes(filters: Filters) -> tuple[str, dict[str, object]]:
    """Common table expressions `f_articles`, `f_statements`, ... holding the rows that pass `filters`
    (the semantics of `dashboard.queries.apply_filters`), and their named parameters."""
    p: dict[str, object] = {}
    where = []
    if filters.date_from or filters.date_to:
        where.append("published IS NOT NULL")
        if filters.date_from:
            where.append("published >= $date_from")
            p["date_from"] = pd.Timestamp(filters.date_from, tz="UTC").to_pydatetime()
        if filters.date_to:
            where.append("published < $date_to")
            p["date_to"] = (pd.Timestamp(filters.date_to, tz="UTC") + pd.Timedelta(days=1)).to_pydatetime()
    if filters.outlets:
        p["outlets"] = list(filters.outlets)
        where.append(_in("source", "outlets"))
    if filters.topics:
        p["topics"] = list(filters.topics)
        where.append(f"article_id IN (SELECT article_id FROM topics WHERE {_in('topic', 'topics')})")
    ctes = [f"base AS (SELECT * FROM articles{' WHERE ' + ' AND '.join(where) if where else ''})"]
    for table in ("statements", "numbers", "stances"):
        scope = " WHERE article_id IN (SELECT article_id FROM base)" if where else ""
        ctes.append(f"{table}0 AS (SELECT * FROM {table}{scope})")
    wanted = sorted({str(c).upper() for c in filters.countries if c})
    fields = set(filters.country_fields) or set(COUNTRY_FIELDS)
    last = {"statements": "statements0", "numbers": "numbers0", "stances": "stances0"}
    if wanted:
        p["countries"] = wanted
        mentioned = (
            f"SELECT DISTINCT article_id FROM (SELECT article_id, unnest(countries) AS c FROM base) "
            f"WHERE {_in('c', 'countries')}"
            if "mentioned" in fields
            else "SELECT NULL::VARCHAR AS article_id WHERE false"
        )
        ctes.append(f"mentioning AS ({mentioned})")
        by_number = "statement_id IN (SELECT statement_id FROM numbers0 WHERE {})".format(
            _in("country", "countries")
        )
        by_speaker = "statement_id IN (SELECT statement_id FROM statements0 WHERE {})".format(
            _in("speaker_country", "countries")
        )
        mention = "article_id IN (SELECT article_id FROM mentioning)"
        keep = {
            "statements": [mention] + ([by_number] if "number" in fields else []),
            "numbers": [mention] + ([by_speaker] if "speaker" in fields else []),
            "stances": [mention] + ([by_number] if "number" in fields else []),
        }
        if "speaker" in fields:
            keep["statements"].append(_in("speaker_country", "countries"))
        if "number" in fields:
            keep["numbers"].append(_in("country", "countries"))
        if "speaker" in fields:
            keep["stances"].append(_in("actor_country", "countries"))
        for table in ("statements", "numbers", "stances"):
            ctes.append(f"{table}1 AS (SELECT * FROM {last[table]} WHERE {' OR '.join(keep[table])})")
            last[table] = f"{table}1"
    if filters.actors:
        p["actors"] = list(filters.actors)
        ctes.append(f"statements2 AS (SELECT * FROM {last['statements']} WHERE {_in('speaker', 'actors')})")
        said = "statement_id IN (SELECT statement_id FROM statements2)"
        ctes.append(f"numbers2 AS (SELECT * FROM {last['numbers']} WHERE {said})")
        ctes.append(f"stances2 AS (SELECT * FROM {last['stances']} WHERE {_in('actor', 'actors')} OR {said})")
        last = {t: f"{t}2" for t in last}
    holding = [f"SELECT article_id FROM {last[t]}" for t in ("statements", "numbers", "stances")]
    if wanted and not filters.actors:
        holding.append("SELECT article_id FROM mentioning")
    if wanted or filters.actors:
        ctes.append(f"f_articles AS (SELECT * FROM base WHERE article_id IN ({' UNION ALL '.join(holding)}))")
    else:
        ctes.append("f_articles AS (SELECT * FROM base)")
    topic_where = "article_id IN (SELECT article_id FROM f_articles)"
    if filters.topics:
        topic_where += " AND " + _in("topic", "topics")
    ctes.append(f"f_topics AS (SELECT * FROM topics WHERE {topic_where})")
    ctes += [f"f_{t} AS (SELECT * FROM {last[t]})" for t in ("statements", "numbers", "stances")]
    ctes.append("f_rejected AS (SELECT * FROM rejected)")
    return ",\n".join(ctes), p
