"""The dashboard's filters as SQL: DuckDB over the store's Parquet files at one snapshot.

`StoreSQL(store)` opens an in-memory DuckDB connection whose views are the store's tables at its committed
snapshot (the Delta tables' data files at the snapshot's versions, so DuckDB sees only committed rows),
with the corpus-wide speaker and actor names applied (`dashboard.corpus`). `filtered(filters)` gives the
same rows as `dashboard.queries.apply_filters` on the pandas tables, computed in DuckDB: the filter
becomes predicates and semi-joins, and only the rows that pass come back into pandas. The pages' counts,
charts and row lists are computed over the fact tables `dashboard.queries.facts` builds when it opens.

No Streamlit import, no spaCy; DuckDB extensions are never loaded (Parquet is built in)."""

from __future__ import annotations

import itertools
import os
import tempfile
import threading
import time
from collections import deque
from collections.abc import Iterable, Mapping
from datetime import date
from os import PathLike
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from dashboard import corrections, exports, taxonomy, word_index
from dashboard.corpus import _surname_mapping
from dashboard.queries import (
    ARTICLE_COLUMNS,
    COUNTRY_FIELDS,
    FREQUENCIES,
    KINDS,
    TABLE_NAMES,
    Filters,
    _search_terms,
    facts,
    stance_frames,
)
from dashboard.queries.frames import (
    CLAIM_UNITS,
    CLAIMS_TABLE_COLUMNS,
    SPENDING_EVIDENCE,
    SPENDING_KEYS,
    _names_of,
    _typed,
)
from dashboard.schema import KEYS, TABLES, arrow_schema, conform
from dashboard.store import Snapshot, Store

# The column a view renames to the corpus-wide name of a person.
_CANONICAL = {"statements": "speaker", "stances": "actor"}
_FACT_SHOWN = ("kind", "speaker", "speaker_country", "speaker_role")  # ENUMs of fact_statements
# what a search keeps of each matching fact row `f`: its sort key, its id and the columns the page shows
_MATCHED = ", ".join(
    ["f.aidx", "f.content_start", "f.pos", "f.statement_id", *(f"f.{c}" for c in _FACT_SHOWN)]
)
# the statements page's own columns (its article's follow)
PAGE_COLUMNS = ["statement_id", "article_id", *_FACT_SHOWN, "content"]


class StoreSQL:
    """DuckDB views `articles`, `statements`, `numbers`, `topics`, `stances`, `rejected` over one snapshot
    of a store, with the analysts' corrections in force when it was opened. Queries run on cursors of
    their own, so one object serves many threads."""

    def __init__(self, store: str | PathLike, snapshot: Snapshot | None = None) -> None:
        self.store = Store(store)
        self.snapshot = snapshot if snapshot is not None else self.store.snapshot()
        self.con = duckdb.connect(
            config={
                "autoload_known_extensions": False,
                "autoinstall_known_extensions": False,
                # DuckDB's own default is 80% of the machine's memory, most of it cached file pages
                "memory_limit": os.environ.get(MEMORY_ENV, MEMORY_LIMIT),
            }
        )
        self.con.execute("SET enable_progress_bar = false")  # (DuckDB would draw it on stdout)
        # the files never change (a commit adds new ones): their metadata is read once, not per query
        self.con.execute("LOAD parquet")
        self.con.execute("SET GLOBAL parquet_metadata_cache = true")
        sources, file_lists = {}, {}
        self._files: dict[str, list[str]] = {}  # table -> its data files, in the order `_pos` numbers them
        for table in TABLE_NAMES:
            files = self.store.file_uris(table, self.snapshot) if self.snapshot is not None else []
            self._files[table] = files
            if files:
                file_lists[table] = f"[{', '.join(_literal(f) for f in files)}]"
                sources[table] = f"read_parquet({file_lists[table]})"
            else:
                self._create(f"raw_{table}", arrow_schema(table).empty_table())
        # A small store is copied into memory (each query then skips opening the files: ~3x faster on the
        # sample corpus); a large one stays on disk and is read column by column as queries need it.
        statements = sources.get("statements")
        n = self.con.execute(f"SELECT count(*) FROM {statements}").fetchone()[0] if statements else 0
        small = n <= IN_MEMORY_STATEMENTS
        for table, source in sources.items():
            self.con.execute(f"CREATE {'TABLE' if small else 'VIEW'} raw_{table} AS SELECT * FROM {source}")
        # each stored row's position (`_pos`), for the corrected views to leave out the rows corrections
        # replace by an integer anti-join (half the cost of one on string ids): the row id of a table held
        # in memory, else the file's index and the row's number in it
        self._positioned = {t: f"(SELECT *, rowid AS _pos FROM raw_{t})" for t in TABLE_NAMES}
        self._in_files = not small  # whether `_pos` is a place in the files (else a row of a table in memory)
        if not small:
            position = "(file_index::BIGINT << 32) + file_row_number"
            for table, files in file_lists.items():
                self._positioned[table] = (
                    f"(SELECT * EXCLUDE (file_row_number), {position} AS _pos "
                    f"FROM read_parquet({files}, file_row_number = true))"
                )
        self._corrected()
        self._word_files()
        self._canonical_views()
        self.codes = facts.build(self.con)
        self._lock = threading.Lock()
        self._selections: dict[Filters, str] = {}  # filter set -> its table of article ids, oldest first
        self._retired: deque[tuple[str, float]] = deque()  # (table, when it left the selections)
        self._results: dict[tuple[str, Filters], object] = {}  # `_once`: (kind, filters) -> result
        self._names = itertools.count()
        self._missed = False  # whether the missed stances' table is made (`missed_stances`)

    def _word_files(self) -> None:
        """`word_files` (index part -> its data file's index) and `scanned_files` (data files without a
        part): a large store's statements are searched through the word index where it has parts
        (`dashboard.word_index`)."""
        self._words, self._postings, self._scanned = "", "", ""
        indexed, scanned = [], []  # (the file DuckDB reads, the data file's index)
        for i, data_file in enumerate(self._files["statements"] if self._in_files else []):
            if word_index.indexed(self.store.root, data_file):
                indexed.append((str(word_index.part_path(self.store.root, data_file, word_index.ROWS)), i))
            else:
                scanned.append((data_file, i))
        if not indexed:
            return
        for name, rows in (("word_files", indexed), ("scanned_files", scanned)):
            names, index = zip(*rows, strict=True) if rows else ((), ())
            self._create(
                name,
                pa.table({"filename": pa.array(names, pa.string()), "fidx": pa.array(index, pa.int64())}),
            )
        words = [word_index.part_path(self.store.root, self._files["statements"][i]) for _, i in indexed]
        self._words = f"[{', '.join(_literal(str(f)) for f in words)}]"
        self._postings = f"[{', '.join(_literal(f) for f, _ in indexed)}]"
        self._scanned = f"[{', '.join(_literal(f) for f, _ in scanned)}]" if scanned else ""

    def _canonical_views(self) -> None:
        """`statements` and `stances` (corrected) name a person by the full name used elsewhere in the
        corpus."""
        persons = self.con.execute(
            "SELECT DISTINCT speaker FROM corrected_statements "
            "WHERE speaker_type = 'person' AND speaker IS NOT NULL"
        ).fetchall()
        speakers = _surname_mapping([p for (p,) in persons])
        persons += self.con.execute(
            "SELECT DISTINCT actor FROM corrected_stances WHERE actor_type = 'person' AND actor IS NOT NULL"
        ).fetchall()
        actors = _surname_mapping(sorted({p for (p,) in persons}))
        self.con.execute("CREATE VIEW articles AS SELECT * FROM raw_articles")
        for source, view, mapping in (("statements", "statements", speakers), ("stances", "stances", actors)):
            name = _CANONICAL[source]
            self._create(
                f"{source}_names",
                pa.table({"short": list(mapping), "full": list(mapping.values())}, schema=_NAMES),
            )
            columns = ", ".join(
                f"coalesce(m.full, t.{name}) AS {name}" if col == name else f"t.{col}"
                for col in arrow_schema(source).names
            )
            self.con.execute(
                f"CREATE VIEW {view} AS SELECT {columns} FROM corrected_{source} t "
                f"LEFT JOIN {source}_names m ON t.{name} = m.short"
            )
            if source == "statements":  # with their place in the store, which the facts keep
                self.con.execute(
                    f"CREATE VIEW located_{view} AS SELECT {columns}, t._pos FROM corrected_pos_{source} t "
                    f"LEFT JOIN {source}_names m ON t.{name} = m.short"
                )
        self.con.execute("CREATE VIEW numbers AS SELECT * FROM corrected_numbers")
        for table in ("topics", "rejected"):
            self.con.execute(f"CREATE VIEW {table} AS SELECT * FROM raw_{table}")

    def _corrected(self) -> None:
        """Views `corrected_statements`, `corrected_numbers`, `corrected_stances`: the stored rows with the
        analysts' corrections in force applied, by `dashboard.corrections.apply_corrections` itself. The
        rows the corrections are about are found by their article and span, corrected in pandas (a few
        thousand rows even with many corrections) and put in place of the stored ones; rows analysts added
        are appended, rejected ones left out. `corrected_pos_*` are the same rows with their place in the
        store (`_pos`; negative for the corrected rows), which a search finds them by."""
        found = corrections.active(corrections.read_corrections(self.store.root))
        matched: dict[str, pd.DataFrame] = {}
        self._fixed: set[str] = set()  # the tables with a `fixed_{table}` of corrected rows
        for table in corrections.TABLES_CORRECTED:
            mine = found[found["table"] == table] if not found.empty else found
            row_id = KEYS[table][0]
            if mine.empty:
                self.con.execute(f"CREATE VIEW corrected_{table} AS SELECT * FROM raw_{table}")
                self.con.execute(
                    f"CREATE VIEW corrected_pos_{table} AS SELECT * FROM {self._positioned[table]}"
                )
                self._create(f"replaced_{table}", pa.table({row_id: pa.array([], pa.string())}))
                continue
            key_columns = corrections.KEY_COLUMNS
            keys = mine.loc[mine["action"] == "set", key_columns].drop_duplicates()
            self._create(
                f"keys_{table}",
                pa.Table.from_pandas(
                    keys.astype({"span_start": "int64", "span_end": "int64"}), preserve_index=False
                )
                if len(keys)
                else pa.table(
                    {
                        c: pa.array([], pa.int64() if c.startswith("span") else pa.string())
                        for c in key_columns
                    }
                ),
            )
            start, end = corrections.SPAN[table]
            on = ["r.article_id = k.article_id", f"r.{start} = k.span_start", f"r.{end} = k.span_end"]
            on += [f"r.{c} = k.{c}" for c in corrections.EXTRA_KEY[table]]
            found_rows = self._frame(
                f"SELECT r.* FROM {self._positioned[table]} r SEMI JOIN keys_{table} k ON {' AND '.join(on)}"
            )
            self._create(
                f"replaced_pos_{table}", pa.table({"_pos": pa.array(found_rows.pop("_pos"), pa.int64())})
            )
            rows = conform(found_rows, table)
            matched[table] = rows
            fixed = corrections.apply_corrections(rows, found, table)
            self._create(
                f"fixed_{table}",
                pa.Table.from_pandas(fixed, schema=arrow_schema(table), preserve_index=False),
            )
            self._fixed.add(table)
            self._create(
                f"replaced_{table}",
                pa.table({row_id: pa.array(rows[row_id].astype(str).tolist(), pa.string())}),
            )
            # a corrected row's position is negative: -1 - its row in the table of corrected rows
            self.con.execute(
                f"CREATE VIEW corrected_pos_{table} AS SELECT * FROM {self._positioned[table]} "
                f"WHERE _pos NOT IN (SELECT _pos FROM replaced_pos_{table}) "
                f"UNION ALL BY NAME SELECT *, -1 - rowid AS _pos FROM fixed_{table}"
            )
            self.con.execute(
                f"CREATE VIEW corrected_{table} AS SELECT * EXCLUDE (_pos) FROM corrected_pos_{table}"
            )
        # corrections whose row this snapshot no longer holds (kept in the database, listed)
        self.orphans = corrections.unmatched(found, matched) if matched else found.iloc[0:0]
        checked = corrections.read_no_stance(self.store.root)[["article_id", "span_start", "target"]]
        self._create("no_stance", pa.Table.from_pandas(checked, preserve_index=False))

    def _create(self, name: str, data: pa.Table) -> None:
        """A table in the database from Arrow data (registered data would be seen by this connection only,
        not by its cursors)."""
        self.con.register("_arrow", data)
        self.con.execute(f"CREATE TABLE {name} AS SELECT * FROM _arrow")
        self.con.unregister("_arrow")

    def _query(self, sql: str, params: dict[str, object] | None = None) -> duckdb.DuckDBPyConnection:
        """Run `sql` on a cursor of its own, so that threads (Streamlit sessions) can share this object."""
        return self.con.cursor().execute(sql, params or {})

    def _frame(self, sql: str, params: dict[str, object] | None = None) -> pd.DataFrame:
        """`sql`'s result as a DataFrame, through Arrow: strings stay Arrow strings (DuckDB's own `df()`
        makes a Python object of each, three times slower on 100,000 rows of sentences)."""
        table = self.con.cursor().sql(sql, params=params or {}).to_arrow_table()
        for i, field in enumerate(table.schema):  # the fact tables' ENUM columns arrive as dictionaries
            if pa.types.is_dictionary(field.type):
                table = table.set_column(i, field.name, table.column(i).cast(field.type.value_type))
        return table.to_pandas()

    def _ctes(self, filters: Filters) -> tuple[str, dict[str, object]]:
        """`filter_ctes(filters)`, with the articles that pass a country or actor filter (the costly part:
        a union over three tables) computed once per filter set into a table of article ids, which every
        query of a page rerun then joins. The last `SELECTIONS` filter sets keep their table; an older one is
        dropped `RETIRED_SECONDS` after it left them, so that a query another session started on it ends
        first."""
        if not (filters.countries or filters.actors):
            return filter_ctes(filters)
        with self._lock:
            now = time.monotonic()
            while self._retired and self._retired[0][1] <= now - RETIRED_SECONDS:
                self._query(f"DROP TABLE {self._retired.popleft()[0]}")
            name = self._selections.pop(filters, None)
            if name is None:
                name = f"selected_{next(self._names)}"
                ctes, params = filter_ctes(filters)
                self._query(f"CREATE TABLE {name} AS WITH {ctes} SELECT article_id FROM f_articles", params)
            self._selections[filters] = name  # now the newest
            while len(self._selections) > SELECTIONS:
                self._retired.append((self._selections.pop(next(iter(self._selections))), now))
        return filter_ctes(filters, selected=name)

    def _filtered_query(self, filters: Filters, select: str) -> pd.DataFrame:
        """`select` after the filter's common table expressions (`f_articles`, `f_statements`, ...)."""
        ctes, params = self._ctes(filters)
        return self._frame(f"WITH {ctes} {select}", params)

    def _fact_ctes(self, filters: Filters, *like_topics: str) -> tuple[str, dict[str, object]]:
        """`facts.fact_ctes(filters, ...)`: `f_articles`, `f_statements`, ... over the fact tables."""
        return facts.fact_ctes(filters, self.codes, *like_topics)

    def _fact_query(
        self, filters: Filters, select: str, params: dict[str, object] | None = None
    ) -> pd.DataFrame:
        """`select` after `_fact_ctes(filters)`, with `params` besides the filters' own."""
        ctes, filter_params = self._fact_ctes(filters)
        return self._frame(f"WITH {ctes} {select}", filter_params | (params or {}))

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> StoreSQL:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def filtered(self, filters: Filters) -> dict[str, pd.DataFrame]:
        """The six tables with `filters` applied, as `apply_filters` defines them, ordered by their keys."""
        return {table: self.table(table, filters) for table in TABLE_NAMES}

    def count(self, filters: Filters, tables: Iterable[str] = TABLE_NAMES) -> dict[str, int]:
        """Rows per table (all six, or `tables`) after `filters`, counted in DuckDB from the fact tables
        (rejected records are never filtered)."""
        tables = [_table(t) for t in tables]
        ctes, params = self._fact_ctes(filters)
        counts = [
            f"SELECT '{t}', {'sum(n)' if t == 'topics' else 'count(*)'} "
            f"FROM {'rejected' if t == 'rejected' else 'f_' + t}"
            for t in tables
        ]
        found = dict(self._query(f"WITH {ctes} {' UNION ALL '.join(counts)}", params).fetchall())
        return {t: int(found[t] or 0) for t in tables}

    def statements_page(
        self, filters: Filters, search: str | None = None, *, limit: int = 500, offset: int = 0
    ) -> tuple[pd.DataFrame, dict[str, int]]:
        """One page of the filtered statements whose content or speaker holds every word of `search`
        (`dashboard.queries.search_statements`: "quoted phrases" as one, case-insensitive, literal), newest
        article first, with the columns the page shows (PAGE_COLUMNS, then the article's title, source,
        published and url; `row` reads a whole statement); and how many statements match, and in how many
        articles (every filtered article when there is no search)."""
        ctes, params = self._fact_ctes(filters)
        patterns = _search_patterns(search)
        window = {"limit": int(limit), "offset": int(offset)}
        # `aidx`: the article's place, newest first; `pos`: the row's place in the store, so that ties keep
        # the store's order (and the sort is on integers only)
        order = "aidx NULLS LAST, content_start, pos"
        # the page's rows with what it shows: from the fact tables, and the content when the search read it
        fields = ", ".join(
            f"'{c}': {c}::VARCHAR" for c in ("statement_id", "article_id", *_FACT_SHOWN, "content")
        )
        top = (
            f"(SELECT list({{'pos': pos, {fields}}} ORDER BY {order}) FROM "
            f"(SELECT * FROM matched ORDER BY {order} LIMIT $limit OFFSET $offset) "
            "LEFT JOIN (SELECT aidx, article_id FROM fact_articles) USING (aidx) "
            "LEFT JOIN texts USING (pos))"
        )
        terms = _search_terms(search or "")
        if patterns and self._words and all(map(word_index.phrase, terms)):
            total, n_articles, rows = self._indexed_page(ctes, params, terms, patterns, top, window)
        elif patterns:
            # One scan of the texts gives the places in the store (not the ids) of the statements holding
            # the longest term, or said by a speaker whose name holds it, with their content (a page's rows
            # are spread over every file: reading them again would cost a second scan); the other terms are
            # then looked for in those. Speakers' names are matched among the fact tables' names, and
            # statements joined on integers, not on strings.
            params |= {f"re{n}": p for n, p in enumerate(patterns)}
            first = max(range(len(patterns)), key=lambda n: len(patterns[n]))  # the longest term
            speakers = {}  # term -> the test of a statement's speaker, when some speaker's name holds it
            for n, pattern in enumerate(patterns):
                names = self._speaker_names(pattern)
                if names:
                    params[f"names{n}"] = names
                    speakers[n] = f"f.speaker IN (SELECT unnest($names{n})::ddd_person)"
            said = (
                f"OR _pos IN (SELECT pos FROM fact_statements f WHERE {speakers[first]})"
                if first in speakers
                else ""
            )
            scan = (
                "SELECT _pos, content FROM corrected_pos_statements "
                f"WHERE regexp_matches(content, $re{first}) {said}"
            )
            holds = " AND ".join(
                f"(regexp_matches(h.content, $re{n}){' OR ' + speakers[n] if n in speakers else ''})"
                for n in range(len(patterns))
                if n != first
            )
            query = (
                f"WITH {ctes}, hits AS MATERIALIZED ({scan}), matched AS MATERIALIZED (SELECT {_MATCHED} "
                f"FROM f_statements f JOIN hits h ON h._pos = f.pos WHERE {holds or 'true'}), "
                "texts AS (SELECT _pos AS pos, content FROM hits) "
                f"SELECT count(*), count(DISTINCT aidx), {top} FROM matched"
            )
            total, n_articles, rows = self._query(query, params | window).fetchone()
        else:  # counted apart from the page's top-N, which then need not hold every row
            counted = "SELECT (SELECT count(*) FROM f_statements), (SELECT count(*) FROM f_articles)"
            total, n_articles = self._query(f"WITH {ctes} {counted}", params).fetchone()
            query = f"WITH {ctes}, matched AS (SELECT * FROM f_statements), {_NO_TEXTS} SELECT {top}"
            rows = self._query(query, params | window).fetchone()[0]
        counts = {"statements": int(total), "articles": int(n_articles)}
        page = pd.DataFrame(rows or [], columns=["pos", *PAGE_COLUMNS])
        unread = page.loc[page["content"].isna(), "pos"].tolist()
        if unread:  # of the long rows, the content alone (the rest is in the facts)
            page["content"] = page["content"].fillna(page["pos"].map(self._contents(unread)))
        page = conform(page, "statements")[PAGE_COLUMNS]
        articles = page[["article_id"]].merge(self._articles(page["article_id"]), how="left")
        return pd.concat([page, articles[ARTICLE_COLUMNS[1:]]], axis=1), counts

    def _indexed_page(
        self,
        ctes: str,
        params: dict[str, object],
        terms: list[str],
        patterns: list[str],
        top: str,
        window: dict[str, int],
    ) -> tuple[int, int, list]:
        """`statements_page`'s count and rows for a search the word index answers (`word_index.phrase`),
        found through it: per term the indexed rows that hold it, the rows of data files without an index
        part and the corrected rows whose content holds it (by a scan of those only), and the rows of
        speakers whose name holds it; the statements found for every term are then joined to the facts."""
        branches = []
        for n, term in enumerate(terms):
            found = self._postings_holding(n, term, params)
            scans = []  # texts not in the index: of files without a whole part, and corrected rows
            if self._scanned:
                scans.append(
                    f"SELECT (f.fidx << 32) + s.file_row_number AS pos FROM read_parquet({self._scanned}, "
                    "file_row_number = true, filename = true) s JOIN scanned_files f USING (filename) "
                    f"WHERE regexp_matches(s.content, $re{n})"
                )
            if "statements" in self._fixed:
                scans.append(
                    f"SELECT -1 - rowid AS pos FROM fixed_statements WHERE regexp_matches(content, $re{n})"
                )
            if scans:
                params[f"re{n}"] = patterns[n]
                found += scans
            names = self._speaker_names(patterns[n])
            if names:
                params[f"names{n}"] = names
                found.append(
                    f"SELECT pos FROM fact_statements WHERE speaker IN (SELECT unnest($names{n})::ddd_person)"
                )
            branches.append(" UNION ALL ".join(found) or "SELECT NULL::BIGINT AS pos WHERE false")
        hits = " INTERSECT ".join(f"SELECT pos FROM ({b})" for b in branches)
        query = (
            f"WITH {ctes}, hits AS MATERIALIZED ({hits}), matched AS MATERIALIZED (SELECT {_MATCHED} "
            f"FROM f_statements f SEMI JOIN hits h ON h.pos = f.pos), {_NO_TEXTS} "
            f"SELECT count(*), count(DISTINCT aidx), {top} FROM matched"
        )
        return self._query(query, params | window).fetchone()

    def _postings_holding(self, n: int, term: str, params: dict[str, object]) -> list[str]:
        """The query (none or one) of the places of the indexed rows that hold the `n`th search term: for
        one word, the rows of the words holding it; for several, the rows where they follow each other, the
        first the end of a word, the last the start of one, and what lies between them as in the term
        (`dashboard.word_index`; that text is bound in `params`)."""
        words, between = word_index.phrase(term)
        tests = ["contains(w, $w)"] if len(words) == 1 else ["suffix(w, $w)"]
        tests += ["w = $w"] * (len(words) - 2) + ["starts_with(w, $w)"] * (len(words) > 1)
        postings = []
        for i, (word, test) in enumerate(zip(words, tests, strict=True)):
            (held,) = self._query(
                f"SELECT list(DISTINCT w) FROM read_parquet({self._words}) WHERE {test}", {"w": word}
            ).fetchone()
            if not held:
                return []
            # the words inline (they are runs of letters and digits), so that only the row groups of the
            # postings that hold them are read
            sep = ""
            if i:
                params[f"sep{n}_{i}"] = between[i - 1]
                sep = f" AND sep = $sep{n}_{i}"
            postings.append(
                f"(SELECT (f.fidx << 32) + p.row AS pos, place FROM read_parquet({self._postings}, "
                "filename = true) p JOIN word_files f USING (filename) "
                f"WHERE w IN ({', '.join(map(_literal, held))}){sep}) p{i}"
            )
        return [
            f"SELECT p0.pos FROM {postings[0]}"
            + "".join(
                f" JOIN {p} ON p{i}.pos = p0.pos AND p{i}.place = p0.place + {i}"
                for i, p in enumerate(postings[1:], 1)
            )
        ]

    def _speaker_names(self, pattern: str) -> list[str]:
        """The speakers' names (of the fact tables) that hold a search pattern."""
        (names,) = self._query(
            "SELECT list(p) FROM (SELECT unnest(enum_range(NULL::ddd_person))::VARCHAR AS p) "
            "WHERE regexp_matches(p, $pattern)",
            {"pattern": pattern},
        ).fetchone()
        return names or []

    def _contents(self, positions: list[int]) -> dict[int, str]:
        """The content of the statements at these places (`_pos`): of the stored rows read file by file by
        their row numbers, so that only the row groups that hold them are read; of corrected rows, from
        memory."""
        if not self._in_files:
            query, params = (
                "SELECT _pos, content FROM corrected_pos_statements WHERE list_contains($p, _pos)",
                {"p": positions},
            )
        else:
            by_file: dict[int, list[int]] = {}
            for p in positions:
                if p >= 0:
                    by_file.setdefault(p >> 32, []).append(p & 0xFFFFFFFF)
            parts = [
                f"SELECT ({i}::BIGINT << 32) + file_row_number AS _pos, content FROM read_parquet("
                f"{_literal(self._files['statements'][i])}, file_row_number = true) "
                f"WHERE file_row_number IN (SELECT unnest($rows{i}))"
                for i in by_file
            ]
            params = {f"rows{i}": rows for i, rows in by_file.items()}
            if any(p < 0 for p in positions):  # corrected rows: there are corrections
                parts.append("SELECT -1 - rowid AS _pos, content FROM fixed_statements")
            query = " UNION ALL ".join(parts)
        return dict(self._query(query, params).fetchall())

    def statements_csv(self, filters: Filters, search: str | None, names: Mapping[str, str]) -> bytes:
        """Every statement `statements_page` finds, as `dashboard.queries.statement_rows` shows them (country
        names from `names`), in its order: a CSV file written by DuckDB, no pandas frame on the way."""
        ctes, params = self._ctes(filters)
        where = _search_where(search, params)
        params |= _names_params(names)
        columns = {
            "date": "CAST(timezone('UTC', a.published) AS DATE)",
            "speaker": "s.speaker",
            "country": "coalesce(names.name, s.speaker_country)",
            "role": "s.speaker_role",
            "kind": "s.kind",
            "content": "s.content",
            "outlet": "a.source",
            "statement_id": "s.statement_id",
            "article_id": "s.article_id",
        }
        rows = (
            f"WITH {ctes}, {_NAMES_CTE} SELECT {', '.join(f'{v} AS {k}' for k, v in columns.items())} "
            "FROM f_statements s LEFT JOIN (SELECT article_id, published, source FROM f_articles) a "
            "USING (article_id) LEFT JOIN names ON names.code = s.speaker_country"
            f"{' WHERE ' + ' AND '.join(where) if where else ''} "
            "ORDER BY a.published DESC NULLS LAST, s.article_id, s.content_start, s.statement_id"
        )
        written = ", ".join(_file_column(c, pa.date32() if c == "date" else pa.string()) for c in columns)
        return self._copy(f"SELECT {written} FROM ({rows})", params, "csv")

    def options(self) -> dict[str, object]:
        """What the sidebar filters offer, as `dashboard.queries` computes it from the tables: countries
        (ISO3 codes of mentioned countries, speakers and numbers), outlets, actors (speakers by statements,
        most first, then other stance actors), topics, and the first and last publication day (UTC)."""
        countries = self._query(
            "SELECT DISTINCT c FROM (SELECT unnest(countries) AS c FROM articles) WHERE c <> '' "
            "UNION SELECT speaker_country FROM statements WHERE speaker_country IS NOT NULL "
            "UNION SELECT country FROM numbers WHERE country IS NOT NULL"
        ).fetchall()
        outlets = self._query("SELECT DISTINCT source FROM articles WHERE source IS NOT NULL").fetchall()
        speakers = self._query(
            "SELECT speaker FROM statements WHERE speaker IS NOT NULL GROUP BY speaker "
            "ORDER BY count(*) DESC, speaker"
        ).fetchall()
        others = self._query(
            "SELECT DISTINCT actor FROM stances WHERE actor IS NOT NULL "
            "AND actor NOT IN (SELECT speaker FROM statements WHERE speaker IS NOT NULL) ORDER BY actor"
        ).fetchall()
        topics = self._query(
            "SELECT DISTINCT topic FROM topics WHERE topic IS NOT NULL ORDER BY topic"
        ).fetchall()
        first, last = self._query("SELECT min(published), max(published) FROM articles").fetchone()
        return {
            "countries": sorted(c for (c,) in countries),
            "outlets": sorted((o for (o,) in outlets), key=str.casefold),
            "actors": [a for (a,) in speakers + others],
            "topics": [t for (t,) in topics],
            "dates": None if first is None else (_utc_day(first), _utc_day(last)),
        }

    def corpus_stats(self) -> dict[str, object]:
        """`dashboard.queries.corpus_stats` in SQL: articles, statements, numbers, words, outlets, undated and
        non-English articles, rejected records, first and last publication days (None when undated)."""
        row = self._query(
            "SELECT count(*), coalesce(sum(n_words), 0), count(DISTINCT source), "
            "count(*) - count(published), count(*) FILTER (WHERE coalesce(language, 'en') <> 'en'), "
            "min(published), max(published), (SELECT count(*) FROM statements), "
            "(SELECT count(*) FROM numbers), (SELECT count(*) FROM rejected) FROM articles"
        ).fetchone()
        articles, words, outlets, undated, not_english, first, last, statements, numbers, rejected = row
        return {
            "articles": int(articles),
            "statements": int(statements),
            "numbers": int(numbers),
            "words": int(words),
            "outlets": int(outlets),
            "undated": int(undated),
            "not_english": int(not_english),
            "rejected": int(rejected),
            "first": None if first is None else _utc_day(first),
            "last": None if last is None else _utc_day(last),
        }

    def table_counts(self, filters: Filters) -> pd.DataFrame:
        """Rows per table in the store and after `filters`: columns table, rows, filtered."""
        everything, filtered = self.count(Filters()), self.count(filters)
        return pd.DataFrame(
            {
                "table": list(TABLE_NAMES),
                "rows": [everything[t] for t in TABLE_NAMES],
                "filtered": [filtered[t] for t in TABLE_NAMES],
            }
        )

    def articles_per_outlet(self) -> pd.DataFrame:
        """Articles per outlet ("(no outlet)" for unknown ones), most first: columns outlet, articles."""
        frame = self._frame(
            "SELECT coalesce(source, '(no outlet)') AS outlet, count(*) AS articles FROM articles "
            "GROUP BY outlet ORDER BY articles DESC, outlet"
        )
        return frame.astype({"outlet": "string", "articles": "int64[pyarrow]"})

    def table(self, table: str, filters: Filters | None = None, *, limit: int | None = None) -> pd.DataFrame:
        """One table, filtered when `filters` are given, ordered by its key (at most `limit` rows)."""
        last = "" if limit is None else f" LIMIT {int(limit)}"
        select = f"SELECT * FROM f_{_table(table)} ORDER BY {', '.join(KEYS[table])}{last}"
        return conform(self._filtered_query(filters or Filters(), select), table)

    def export(self, table: str, fmt: str, filters: Filters | None = None) -> bytes:
        """One table (filtered when `filters` are given) as CSV, Parquet or Excel bytes, as
        `dashboard.exports.table_bytes` writes them. CSV and Parquet are written by DuckDB straight from the
        store, without a pandas frame; Excel holds at most EXCEL_ROWS rows (ValueError past that)."""
        if fmt == "xlsx":
            rows = self.count(filters or Filters())[_table(table)]
            if rows > EXCEL_ROWS:
                raise ValueError(
                    f"{rows:,} rows do not fit in an Excel sheet (at most {EXCEL_ROWS:,}); choose CSV or "
                    "Parquet, or narrow the filters"
                )
            return exports.table_bytes(self.table(table, filters), fmt)
        if fmt not in ("csv", "parquet"):
            raise ValueError(f"unknown format {fmt!r}; supported: {', '.join(exports.FORMATS)}")
        ctes, params = self._ctes(filters or Filters())
        columns = "*" if fmt == "parquet" else ", ".join(_file_column(c, t) for c, t in _schema(table))
        order = ", ".join(KEYS[table])
        return self._copy(
            f"WITH {ctes} SELECT {columns} FROM f_{_table(table)} ORDER BY {order}", params, fmt
        )

    def _copy(self, query: str, params: dict[str, object], fmt: str) -> bytes:
        """`query`'s rows as a CSV (with header) or Parquet file's bytes, written by DuckDB."""
        with tempfile.TemporaryDirectory(prefix="ddd-export-") as tmp:
            out = Path(tmp) / f"export.{fmt}"
            options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER true"
            self._query(f"COPY ({query}) TO {_literal(str(out))} ({options})", params)
            return out.read_bytes()

    # -- Overview ---------------------------------------------------------------------------------------

    def _speakers(self, filters: Filters) -> tuple[pd.DataFrame, int]:
        """The filtered statements counted per (speaker, speaker_country, speaker_role), NULLs included
        (a few thousand rows at a million statements, from which the headline counts, the top speakers and
        the statements per country are taken), and the filtered articles' count. One scan per filter set:
        the last `SELECTIONS` are kept."""

        def scan() -> tuple[pd.DataFrame, int]:
            counts = self._fact_query(
                filters,
                "SELECT speaker, speaker_country, speaker_role, count(*) AS n FROM f_statements "
                "GROUP BY speaker, speaker_country, speaker_role",
            )
            return counts, self.count(filters, ("articles",))["articles"]

        return self._once("speakers", filters, scan)

    def _once(self, kind: str, filters: Filters, compute):
        """`compute()`, kept for the last `SELECTIONS` filter sets of each `kind`: what several frames of a
        page share is computed once per filter set."""
        key = (kind, filters)
        with self._lock:
            if key in self._results:
                return self._results[key]
        result = compute()
        with self._lock:
            self._results[key] = result
            kept = [k for k in self._results if k[0] == kind]
            for old in kept[: max(0, len(kept) - SELECTIONS)]:
                del self._results[old]
        return result

    def headline_counts(self, filters: Filters) -> dict[str, int]:
        """`dashboard.queries.headline_counts` of the filtered tables: articles, statements, distinct named
        speakers and distinct speaker countries."""
        counts, articles = self._speakers(filters)
        return {
            "articles": articles,
            "statements": int(counts["n"].sum()),
            "speakers": int(counts["speaker"].dropna().nunique()),
            "countries": int(counts["speaker_country"].dropna().nunique()),
        }

    def statements_over_time(self, filters: Filters, freq: str = "M") -> pd.DataFrame:
        """`dashboard.queries.statements_over_time` in SQL: statements per period of their article's date
        and per kind (period, kind, statements), verbatim kinds first."""
        order = " ".join(f"WHEN '{k}' THEN {i}" for i, k in enumerate(KINDS))
        counts = self._fact_query(
            filters,
            f"SELECT * FROM (SELECT {_day_period(freq)} AS period, "
            "coalesce(kind::VARCHAR, 'unknown') AS kind, count(*) AS statements FROM f_statements "
            "WHERE day IS NOT NULL GROUP BY ALL) "
            f"ORDER BY period, CASE kind {order} ELSE {len(KINDS)} END",
        )
        return _typed(counts, {"period": "datetime64[ns]", "kind": "string", "statements": "int64"})

    def articles_over_time(self, filters: Filters, freq: str = "M") -> pd.DataFrame:
        """`frames.articles_over_time` in SQL: dated articles per period (period, articles)."""
        counts = self._fact_query(
            filters,
            f"SELECT {_day_period(freq)} AS period, count(*) AS articles FROM f_articles "
            "WHERE day IS NOT NULL GROUP BY period ORDER BY period",
        )
        return _typed(counts, {"period": "datetime64[ns]", "articles": "int64"})

    def top_speakers(self, filters: Filters, n: int = 10) -> pd.DataFrame:
        """`dashboard.queries.top_speakers` in SQL: the `n` named speakers with most statements, with their
        most frequent country and role (ties: the smallest), most statements first, ties by name."""
        counts, _ = self._speakers(filters)
        named = counts[counts["speaker"].notna()]
        totals = named.groupby("speaker", as_index=False)["n"].sum().rename(columns={"n": "statements"})
        top = totals.sort_values(["statements", "speaker"], ascending=[False, True]).head(int(n))
        for col in ("speaker_country", "speaker_role"):
            per = named[named[col].notna()].groupby(["speaker", col], as_index=False)["n"].sum()
            first = per.sort_values(["n", col], ascending=[False, True]).drop_duplicates("speaker")
            top = top.merge(first[["speaker", col]], on="speaker", how="left")
        dtypes = {"speaker": "string", "speaker_country": "string", "speaker_role": "string"}
        return _typed(top, dtypes | {"statements": "int64"})

    def top_topics(self, filters: Filters, labels: Mapping[str, str], n: int = 10) -> pd.DataFrame:
        """`frames.top_topics` in SQL: the `n` topics found in most articles, with their
        sentence rows; most articles first, ties by label."""
        counts = self._fact_query(
            filters,
            "SELECT topic, count(*) AS articles, sum(sentences) AS sentences FROM f_article_topics "
            "GROUP BY topic",
        )
        counts["label"] = _names_of(counts["topic"], labels)
        counts = counts.sort_values(["articles", "label"], ascending=[False, True]).head(n)
        return _typed(
            counts, {"topic": "string", "label": "string", "articles": "int64", "sentences": "int64"}
        )

    def country_counts(
        self, filters: Filters, measure: str = "statements", names: Mapping[str, str] | None = None
    ) -> pd.DataFrame:
        """`frames.country_counts` in SQL: statements by speakers from each country, or
        spending claims (percent of GDP or money) about it: iso3, country, count; most first."""
        if measure == "statements":
            speakers, _ = self._speakers(filters)
            speakers = speakers[speakers["speaker_country"].notna()]
            counts = speakers.groupby("speaker_country", as_index=False)["n"].sum()
            counts = counts.rename(columns={"speaker_country": "iso3", "n": "count"})
        elif measure == "claims":
            select = "SELECT country AS iso3, count(*) AS count FROM f_numbers WHERE country IS NOT NULL "
            select += f"AND unit IN ({', '.join(_literal(u) for u in CLAIM_UNITS)}) GROUP BY iso3"
            counts = self._fact_query(filters, select)
        else:
            raise ValueError(f"unknown measure {measure!r}; supported: statements, claims")
        counts["country"] = _names_of(counts["iso3"], names)
        counts = counts.sort_values(["count", "country"], ascending=[False, True])
        return _typed(counts, {"iso3": "string", "country": "string", "count": "int64"})

    # -- Spending claims --------------------------------------------------------------------------------

    def spending_points(self, filters: Filters) -> pd.DataFrame:
        """`frames.spending_points` of the filtered numbers, grouped in DuckDB: what the
        Spending claims page's charts and counts draw, one row per distinct charted values with `n`."""
        keys = ", ".join(SPENDING_KEYS)
        evidence = ", ".join(f"arg_min({c}, number_id) AS {c}" for c in SPENDING_EVIDENCE)
        frame = self._fact_query(
            filters,
            f"SELECT {keys}, {evidence}, count(*) AS n FROM f_claims GROUP BY {keys} ORDER BY number_id",
        )
        return _typed(
            frame, {c: TABLES["numbers"][c] for c in (*SPENDING_KEYS, *SPENDING_EVIDENCE)} | {"n": "int64"}
        )

    def _claims(self, filters: Filters, names: Mapping[str, str]) -> tuple[str, dict[str, object]]:
        """The claims table's query (`frames.claims_table`) and its parameters."""
        ctes, params = self._fact_ctes(filters)
        params |= _names_params(names)
        return (
            f"WITH {ctes}, {_NAMES_CTE} "
            "SELECT coalesce(names.name, n.country) AS country, year, value AS claimed, qualifier, kind, "
            "official_value AS official, edition, difference, verdict, sentence, article_id, statement_id, "
            "number_id "
            "FROM f_claims n LEFT JOIN names ON names.code = n.country WHERE unit = 'percent_of_gdp' "
            "ORDER BY verdict IS NULL, coalesce(names.name, n.country), year, value, number_id",
            params,
        )

    def claims_table(
        self, filters: Filters, names: Mapping[str, str], limit: int | None = None
    ) -> pd.DataFrame:
        """`frames.claims_table` of the filtered numbers (its first `limit` rows; how many it
        has in all is `verdict_counts(spending_points(filters))["claims"]`)."""
        query, params = self._claims(filters, names)
        last = "" if limit is None else f" LIMIT {int(limit)}"
        return _typed(self._frame(query + last, params), CLAIMS_TABLE_COLUMNS)

    def claims_csv(self, filters: Filters, names: Mapping[str, str]) -> bytes:
        """The whole claims table as CSV, written by DuckDB (as `export` writes a table)."""
        query, params = self._claims(filters, names)
        columns = ", ".join(
            _file_column(c, pa.string() if t == "string" else pa.float64())
            for c, t in CLAIMS_TABLE_COLUMNS.items()
        )
        return self._copy(f"SELECT {columns} FROM ({query})", params, "csv")

    # -- Actor stances ----------------------------------------------------------------------------------

    def stance_matrix(self, filters: Filters, row: str = "actor") -> pd.DataFrame:
        """`stance_frames.actor_target_matrix` (`row` "actor") or `country_target_matrix`
        ("actor_country") in SQL: per (row, target), the mean score weighted by confidence, the count and
        the shares supporting and opposing."""
        if row not in {"actor", "actor_country"}:
            raise ValueError(f"row must be 'actor' or 'actor_country', not {row!r}")
        if row == "actor":  # from the counts the networks are drawn from: one scan for both
            out = self._actor_targets(filters).rename(columns={"weight": "count"})
            out = _strings(out, ["actor", "target"]).astype({"count": "int64"})
            out["share_support"] = out["n_support"] / out["count"]
            out["share_oppose"] = out["n_oppose"] / out["count"]
            out = out[["actor", "target", "mean_score", "count", "share_support", "share_oppose"]]
            return out.reset_index(drop=True)
        out = self._fact_query(
            filters,
            f"SELECT {row}, target, sum(score * w) / sum(w) AS mean_score, count(*) AS count, "
            "avg(CASE WHEN polarity = 'support' THEN 1.0 ELSE 0.0 END) AS share_support, "
            "avg(CASE WHEN polarity = 'oppose' THEN 1.0 ELSE 0.0 END) AS share_oppose "
            f"FROM ({_VALID_STANCES.format(keys=row)}) GROUP BY {row}, target ORDER BY {row}, target",
        )
        return _strings(out, [row, "target"]).astype({"count": "int64"})

    def stance_over_time(self, filters: Filters, freq: str = "M") -> pd.DataFrame:
        """`stance_frames.stance_over_time` in SQL: mean score (weighted by confidence) and count per
        period of the article's date and target; stances of undated articles are left out."""
        if freq not in {"M", "Q"}:
            raise ValueError(f"freq must be 'M' or 'Q', not {freq!r}")
        out = self._fact_query(
            filters,
            f"SELECT {_day_period(freq)} AS period, target, sum(score * w) / sum(w) AS mean_score, "
            f"count(*) AS count FROM ({_VALID_STANCES.format(keys='aidx')}) WHERE day IS NOT NULL "
            "GROUP BY period, target ORDER BY period, target",
        )
        out = _strings(out, ["target"])
        return out.astype({"period": "datetime64[ns]", "count": "int64"})

    def actor_target_pairs(self, filters: Filters) -> pd.DataFrame:
        """`stance_frames.actor_target_pairs` in SQL: per (actor, target), its rows, mean score and
        majority polarity, from which the networks are drawn."""
        out = self._actor_targets(filters)
        return stance_frames.with_majority(
            out, out[[f"n_{p}" for p in stance_frames.POLARITIES]].to_numpy(float)
        )

    def _actor_targets(self, filters: Filters) -> pd.DataFrame:
        """Per (actor, target) of the valid filtered stance rows: weight (rows), mean score weighted by
        confidence, and rows per polarity (n_support, ...): the actor heatmap and the networks from one
        scan per filter set."""
        polarities = ", ".join(
            f"count(*) FILTER (WHERE polarity = '{p}') AS n_{p}" for p in stance_frames.POLARITIES
        )
        select = (
            f"SELECT actor, target, count(*) AS weight, sum(score * w) / sum(w) AS mean_score, {polarities} "
            f"FROM ({_VALID_STANCES.format(keys='actor')}) GROUP BY actor, target ORDER BY actor, target"
        )
        return self._once("actor_targets", filters, lambda: self._fact_query(filters, select)).copy()

    def stance_cell(
        self, filters: Filters, actor: str | None = None, target: str | None = None
    ) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The stance rows of one heatmap row, column or cell (None = any; both None: every filtered row),
        and the id, title, outlet, date and url of their articles (no article text), for
        `frames.stances_behind` and `positions_behind`."""
        where, params = [], {}
        for column, value in (("actor", actor), ("target", target)):
            if value is not None:
                where.append(f"{column} = ${column}")
                params[column] = value
        # the cell's rows found in the facts, then read whole by id
        ids = f"SELECT stance_id FROM f_stances{' WHERE ' + ' AND '.join(where) if where else ''}"
        ctes, filter_params = self._fact_ctes(filters)
        stances = self._frame(
            f"WITH {ctes} SELECT * FROM stances WHERE stance_id IN ({ids}) ORDER BY stance_id",
            filter_params | params,
        )
        return conform(stances, "stances"), self._articles(stances["article_id"])

    # -- Topics -----------------------------------------------------------------------------------------

    def topic_prevalence_by_period(
        self, filters: Filters, labels: Mapping[str, str], freq: str = "M"
    ) -> pd.DataFrame:
        """`frames.topic_prevalence_by_period` in SQL: per period, the share of its dated
        articles that carry each topic (period, topic, label, articles, period_articles, share)."""
        period = _day_period(freq)
        out = self._fact_query(
            filters,
            f"SELECT period, topic, count(*) AS articles, any_value(period_articles) AS period_articles FROM "
            f"(SELECT {period} AS period, topic FROM f_article_topics WHERE day IS NOT NULL) JOIN "
            f"(SELECT {period} AS period, count(*) AS period_articles FROM f_articles "
            "WHERE day IS NOT NULL GROUP BY period) USING (period) GROUP BY period, topic",
        )
        out["share"] = out["articles"] / out["period_articles"]
        out["label"] = _names_of(out["topic"], labels)
        out = out.sort_values(["period", "label"])
        dtypes = {"period": "datetime64[ns]", "topic": "string", "label": "string", "articles": "int64"}
        return _typed(out, dtypes | {"period_articles": "int64", "share": "float64"})

    def topic_prevalence_by_country(
        self,
        filters: Filters,
        labels: Mapping[str, str],
        names: Mapping[str, str] | None = None,
        countries: Iterable[str] | None = None,
        n_countries: int = 15,
    ) -> pd.DataFrame:
        """`frames.topic_prevalence_by_country` in SQL: per country mentioned (`countries`, or
        the `n_countries` mentioned in most articles), the share of its articles that carry each topic."""
        # counted by the bits of the articles' country masks, one column per country (no list unnested)
        codes = list(self.codes.countries)
        counts = self._fact_query(
            filters, f"SELECT {facts.mention_counts(self.codes, codes)} FROM f_articles"
        )
        totals = pd.DataFrame({"iso3": codes, "country_articles": counts.iloc[0].to_numpy()})
        totals = totals[totals["country_articles"] > 0]
        wanted = {str(c).upper() for c in countries or () if c}
        if wanted:
            keep = [c for c in totals["iso3"] if c in wanted]
        else:
            ranked = totals.sort_values(["country_articles", "iso3"], ascending=[False, True])
            keep = ranked["iso3"].head(n_countries).tolist()
        counted = ["topic", facts.mention_counts(self.codes, keep)] if keep else ["topic"]
        per_topic = self._fact_query(
            filters,
            f"SELECT {', '.join(counted)} FROM f_article_topics JOIN "
            f"(SELECT aidx, {facts.mention_masks(self.codes)} FROM f_articles) USING (aidx) GROUP BY topic",
        )
        per_topic.columns = ["topic", *keep]
        out = per_topic.melt(id_vars="topic", var_name="iso3", value_name="articles")
        out = out[out["articles"] > 0]
        out = out.merge(totals, on="iso3", how="left")
        out["share"] = out["articles"] / out["country_articles"]
        out["country"] = _names_of(out["iso3"], names)
        out["label"] = _names_of(out["topic"], labels)
        out = out.sort_values(["country_articles", "country", "label"], ascending=[False, True, True])
        dtypes = {"iso3": "string", "country": "string", "topic": "string", "label": "string"}
        return _typed(out, dtypes | {"articles": "int64", "country_articles": "int64", "share": "float64"})

    def review_queue(
        self, filters: Filters, table: str, position: int = 0
    ) -> tuple[dict[str, object] | None, int]:
        """The row at `position` of the review queue of `table` (statements, numbers, stances) among the
        filtered rows no analyst has corrected or confirmed yet: least confident first (figures: those
        without a country or a year first, spending claims only), and how many rows the queue holds."""
        id_column = KEYS[_table(table)][0]
        order = {
            "statements": "confidence ASC NULLS FIRST",
            "numbers": "(country IS NULL OR year IS NULL) DESC",
            "stances": "confidence ASC NULLS FIRST",
        }[table]
        ctes, params = self._fact_ctes(filters)
        rows = "f_claims" if table == "numbers" else f"f_{table}"  # figures: the spending claims
        queue = f"WITH {ctes}, queue AS (SELECT * FROM {rows} WHERE NOT reviewed)"
        frame, total = self._queue_row(queue, params, id_column, f"{order}, {id_column}", position)
        return (None if frame.empty else self.row(table, frame.iloc[0, 0])), total

    def missed_stances(self, filters: Filters, position: int = 0) -> tuple[dict[str, object] | None, int]:
        """The sentence at `position` of the queue of missed stances, and how many it holds: sentences of
        the filtered articles on a stance target's topic (`taxonomy.target_topics`) that carry no stance on
        that target and that no analyst has found to state none; most topic words first. A row holds
        article_id, sentence_start, target and topic."""
        pairs = taxonomy.target_topics()
        if not pairs:
            return None, 0
        with self._lock:  # made at the queue's first use
            if not self._missed:
                facts.missed_stances(self.con.cursor(), pairs)
                self._missed = True
        ctes, params = self._fact_ctes(filters, "missed")  # filtered as the topics are
        queue = f"WITH {ctes}, queue AS (SELECT * FROM f_missed)"
        frame, total = self._queue_row(
            queue,
            params,
            "aidx, orphan_id, sentence_start, target, topic",
            "score DESC, aord NULLS LAST, sentence_start, target",
            position,
        )
        if frame.empty:
            return None, total
        row = frame.iloc[0].to_dict()
        aidx, article_id = row.pop("aidx"), row.pop("orphan_id")
        if not pd.isna(aidx):
            found = self._query("SELECT article_id FROM fact_articles WHERE aidx = $a", {"a": int(aidx)})
            article_id = found.fetchone()[0]
        return {"article_id": article_id} | row, total

    def _queue_row(
        self, queue: str, params: dict[str, object], columns: str, order: str, position: int
    ) -> tuple[pd.DataFrame, int]:
        """The row at `position` (`columns`, in `order`) of the CTE `queue` that `queue` (a WITH clause)
        defines, as a frame of at most one row, and how many rows the queue holds."""
        total = self._query(f"{queue} SELECT count(*) FROM queue", params).fetchone()[0]
        frame = self._frame(
            f"{queue} SELECT {columns} FROM queue ORDER BY {order} LIMIT 1 OFFSET $position",
            params | {"position": max(0, int(position))},
        )
        return frame, int(total)

    def _articles(self, ids: pd.Series) -> pd.DataFrame:
        """The ARTICLE_COLUMNS (no text) of the articles `ids` name, ordered by id."""
        frame = self._frame(
            f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE list_contains($ids, article_id) "
            "ORDER BY article_id",
            {"ids": ids.dropna().unique().tolist()},
        )
        return conform(frame, "articles")[ARTICLE_COLUMNS]

    def row(self, table: str, row_id: str) -> dict[str, object]:
        """One row of `table` (statements, numbers, stances: as the pages read it, corrected) by its id;
        KeyError when there is none."""
        id_column = KEYS[_table(table)][0]
        frame = self._frame(f"SELECT * FROM {table} WHERE {id_column} = $id", {"id": row_id})
        if frame.empty:
            raise KeyError(f"no {table} row {row_id!r} in the store")
        return conform(frame, table).iloc[0].to_dict()

    def article(self, article_id: str) -> dict[str, object]:
        """One article's row as a dict; KeyError when the store has no such article."""
        frame = self._frame("SELECT * FROM articles WHERE article_id = $id", {"id": article_id})
        if frame.empty:
            raise KeyError(f"no article {article_id!r} in the store")
        return conform(frame, "articles").iloc[0].to_dict()


_NAMES = pa.schema([("short", pa.string()), ("full", pa.string())])


EXCEL_ROWS = 1_048_575  # an Excel sheet's rows, less the header


def _table(name: str) -> str:
    if name not in TABLE_NAMES:
        raise KeyError(f"no table {name!r}; tables: {', '.join(TABLE_NAMES)}")
    return name


def _schema(table: str) -> list[tuple[str, pa.DataType]]:
    return [(field.name, field.type) for field in arrow_schema(_table(table))]


def _file_column(column: str, kind: pa.DataType) -> str:
    """A column as `dashboard.exports` writes it to a file: lists joined with ';', times in UTC without a
    zone, and text a spreadsheet would run as a formula prefixed with an apostrophe."""
    column = f'"{column}"'
    if pa.types.is_list(kind):
        value = f"array_to_string({column}, ';')"
    elif pa.types.is_timestamp(kind):
        return f"timezone('UTC', {column}) AS {column}"
    elif pa.types.is_string(kind):
        value = column
    else:
        return column
    starts = ", ".join(_literal(c) for c in exports.FORMULA_START)
    return (
        f"CASE WHEN left({value}, 1) IN ({starts}) THEN concat(chr(39), {value}) ELSE {value} END AS {column}"
    )


_TRUNC = {"M": "month", "Q": "quarter", "Y": "year"}
MEMORY_ENV = "DDD_DUCKDB_MEMORY"  # DuckDB's memory limit for the app, e.g. "4GB"
MEMORY_LIMIT = "2GB"
IN_MEMORY_STATEMENTS = 100_000  # a store up to this size is held in memory by DuckDB
RETIRED_SECONDS = 120.0  # a query still running on a table of article ids this long after it was replaced
SELECTIONS = 16  # filter sets whose passing article ids a StoreSQL keeps (a few MB each at 1M statements)
# Stance rows that count in the stance aggregates (`stance_frames._valid`): keys and score present;
# `w` is the row's weight in a mean, its confidence (1 where it has none).
_VALID_STANCES = (
    "SELECT *, coalesce(confidence, 1.0) AS w FROM f_stances "
    "WHERE {keys} IS NOT NULL AND target IS NOT NULL AND score IS NOT NULL"
)


# Country names passed as parameters $codes and $labels (`_names_params`), to join
_NAMES_CTE = "names AS (SELECT unnest($codes::VARCHAR[]) AS code, unnest($labels::VARCHAR[]) AS name)"


def _names_params(names: Mapping[str, str]) -> dict[str, object]:
    """The parameters of `_NAMES_CTE` for ISO3 -> name `names`."""
    return {"codes": list(names), "labels": list(names.values())}


# `statements_page`'s texts when the query read none: the page's contents are then read by their place
_NO_TEXTS = "texts AS (SELECT NULL::BIGINT AS pos, NULL AS content)"


def _search_patterns(search: str | None) -> list[str]:
    """A regular expression (RE2) per word or "quoted phrase" of `search`, matching it literally and in
    either case: an ASCII letter as a class of its two cases ("[nN]"), another letter case-insensitively,
    anything else by its code point. Not lower() and contains(), nor the (?i) flag: on a corpus of distinct
    texts DuckDB scans a column with such classes in 0.6x the time of the first, and (?i) makes a k or an s
    2.5x slower (it also matches the Kelvin sign and the long s; bench/search_speed.py)."""
    return ["".join(map(_either_case, term)) for term in _search_terms(search or "")]


def _either_case(c: str) -> str:
    """One character of a search as a pattern matching it literally, in either case."""
    if c.isalpha():
        return f"[{c.lower()}{c.upper()}]" if c.isascii() else f"(?i:{c})"
    return c if c.isalnum() else f"\\x{{{ord(c):x}}}"


def _search_where(search: str | None, params: dict[str, object]) -> list[str]:
    """Conditions on a statement for every word or "quoted phrase" of `search`, case-insensitive and
    literal: in its content or its speaker's name (their patterns added to `params`)."""
    where = []
    for n, pattern in enumerate(_search_patterns(search)):
        params[f"re{n}"] = pattern
        where.append(f"(regexp_matches(content, $re{n}) OR regexp_matches(speaker, $re{n}))")
    return where


def _strings(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """`frame` with `columns` as pandas strings, the key dtype of the pandas aggregates."""
    return frame.astype({c: "str" for c in columns})


def _day_period(freq: str) -> str:
    """The first day of the period of a fact table's UTC `day`: the one period bucketing of every time
    chart."""
    if freq not in _TRUNC:
        raise ValueError(f"unknown frequency {freq!r}; supported: {', '.join(FREQUENCIES)}")
    return f"date_trunc('{_TRUNC[freq]}', day)"


def _utc_day(moment: object) -> date:
    return pd.Timestamp(moment).tz_convert("UTC").date()


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _in(column: str, name: str) -> str:
    """`column` is one of the list parameter `$name` (nulls never match)."""
    return f"list_contains(${name}, {column})"


def filter_ctes(filters: Filters, selected: str | None = None) -> tuple[str, dict[str, object]]:
    """Common table expressions `f_articles`, `f_statements`, ... holding the rows that pass `filters`
    (the semantics of `dashboard.queries.apply_filters`), and their named parameters. `selected` names a
    table that holds the ids of the articles that pass (computed before from these CTEs)."""
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
    if not wanted or filters.actors:
        holding = [f"SELECT article_id FROM {last[t]}" for t in ("statements", "numbers", "stances")]
    else:
        # The articles of the filtered rows, without the row filters' joins on statement ids: a statement
        # kept for its number is in an article whose number is about the country, a number kept for its
        # speaker in an article whose statement is by one, so the union is of four plain scans.
        holding = ["SELECT article_id FROM mentioning"]
        if "speaker" in fields:
            holding.append(f"SELECT article_id FROM statements0 WHERE {_in('speaker_country', 'countries')}")
            holding.append(f"SELECT article_id FROM stances0 WHERE {_in('actor_country', 'countries')}")
        if "number" in fields:
            holding.append(f"SELECT article_id FROM numbers0 WHERE {_in('country', 'countries')}")
    if selected:
        ctes.append(
            f"f_articles AS (SELECT * FROM articles WHERE article_id IN (SELECT article_id FROM {selected}))"
        )
    elif wanted or filters.actors:
        ctes.append(f"f_articles AS (SELECT * FROM base WHERE article_id IN ({' UNION ALL '.join(holding)}))")
    else:
        ctes.append("f_articles AS (SELECT * FROM base)")
    narrowed = where or selected or wanted or filters.actors
    topic_where = ["article_id IN (SELECT article_id FROM f_articles)"] if narrowed else []
    if filters.topics:
        topic_where.append(_in("topic", "topics"))
    ctes.append(
        f"f_topics AS (SELECT * FROM topics{' WHERE ' + ' AND '.join(topic_where) if topic_where else ''})"
    )
    ctes += [f"f_{t} AS (SELECT * FROM {last[t]})" for t in ("statements", "numbers", "stances")]
    ctes.append("f_rejected AS (SELECT * FROM rejected)")
    return ",\n".join(ctes), p
