"""Store coded documents in one DuckDB file and query their events.

1. ``Store(path)`` opens (or creates) the file and brings its schema up to date through the
   numbered ``MIGRATIONS``; a file from a newer Whimbrel is refused (E006).
2. ``write(coded)`` stores a document with its events, actor mentions and quotes in ONE
   transaction: a crash leaves the document either complete or absent, never half written.
   Writing a document id that is already stored changes nothing, so ingest is idempotent.
3. ``events(...)`` / ``events_df(...)`` / ``events_arrow(...)`` query events by actor, type and
   date. Every SQL value is a bound parameter.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
from dataclasses import asdict
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from .errors import Errors, WhimbrelError
from .pipeline import Coded, event_id
from .records import Actor, Document, Event, Skip

if TYPE_CHECKING:
    import pandas
    import pyarrow

DEFAULT_DB = "whimbrel.duckdb"
DB_ENV = "WHIMBREL_DB"

_ACTOR_FIELDS = ("text", "name", "id", "country", "sector", "resolved_by", "start", "end")
_ATTRIBUTION_FIELDS = ("text", "kind", "name", "id", "country", "outlet", "rating")


def _actor_columns(prefix: str) -> str:
    return f"""
    {prefix}_text VARCHAR, {prefix}_name VARCHAR, {prefix}_id VARCHAR, {prefix}_country VARCHAR,
    {prefix}_sector VARCHAR, {prefix}_resolved_by VARCHAR, {prefix}_start INTEGER, {prefix}_end INTEGER"""


# Each migration takes the schema from version i to i + 1. Append only: never edit a released one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE documents (
            id VARCHAR PRIMARY KEY, title VARCHAR, date VARCHAR, url VARCHAR, outlet VARCHAR,
            path VARCHAR, text VARCHAR NOT NULL, coded_at TIMESTAMP NOT NULL)""",
        f"""CREATE TABLE events (
            event_id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, type VARCHAR NOT NULL, mode VARCHAR,
            context VARCHAR, cameo VARCHAR, intensity DOUBLE, goldstein DOUBLE,
            {_actor_columns("source")}, {_actor_columns("target")},
            certainty VARCHAR, flags VARCHAR[], confidence DOUBLE,
            date VARCHAR, date_basis VARCHAR, date_text VARCHAR,
            attribution_text VARCHAR, attribution_kind VARCHAR, attribution_name VARCHAR,
            attribution_id VARCHAR, attribution_country VARCHAR, attribution_outlet VARCHAR,
            attribution_rating DOUBLE, attribution_chain JSON,
            quoted BOOLEAN, sentence VARCHAR, trigger VARCHAR, start INTEGER, "end" INTEGER,
            pattern VARCHAR, evidence JSON)""",
        "CREATE INDEX events_doc ON events (doc_id)",
        f"""CREATE TABLE mentions (
            doc_id VARCHAR NOT NULL, n INTEGER NOT NULL, {_actor_columns("actor")},
            PRIMARY KEY (doc_id, n))""",
        f"""CREATE TABLE quotes (
            doc_id VARCHAR NOT NULL, n INTEGER NOT NULL, text VARCHAR, start INTEGER, "end" INTEGER,
            kind VARCHAR, speaker_text VARCHAR, cue VARCHAR, date VARCHAR, {_actor_columns("speaker_actor")},
            PRIMARY KEY (doc_id, n))""",
        """CREATE TABLE skips (
            source VARCHAR PRIMARY KEY, code VARCHAR NOT NULL, reason VARCHAR NOT NULL,
            seen_at TIMESTAMP NOT NULL)""",
        "CREATE TABLE settings (key VARCHAR PRIMARY KEY, value JSON)",
        # Actors are derived from mentions, so they can never disagree with them.
        """CREATE VIEW actors AS
            SELECT actor_id AS id, any_value(actor_name) AS name, any_value(actor_country) AS country,
                   any_value(actor_sector) AS sector, count(*) AS mentions,
                   count(DISTINCT doc_id) AS documents
            FROM mentions WHERE actor_id IS NOT NULL GROUP BY actor_id""",
    ),
    # 2: the place a wire dateline names ("KYIV, Nov 14 (Reuters) -")
    ("ALTER TABLE documents ADD COLUMN dateline_place VARCHAR",),
)
SCHEMA_VERSION = len(MIGRATIONS)

_PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def default_path() -> Path:
    """``$WHIMBREL_DB`` if set, else ``whimbrel.duckdb`` in the working directory."""
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def _actor_values(a: Actor | None) -> list[Any]:
    return [getattr(a, f) for f in _ACTOR_FIELDS] if a else [None] * len(_ACTOR_FIELDS)


def _event_row(e: Event) -> list[Any]:
    a = e.attribution
    chain = json.dumps([asdict(c) for c in a.chain], ensure_ascii=False) if a else None
    return [
        e.event_id or event_id(e.doc_id, e.start, e.end, e.type, e.source, e.target),
        e.doc_id, e.type, e.mode, e.context, e.cameo, e.intensity, e.goldstein,
        *_actor_values(e.source), *_actor_values(e.target),
        e.certainty, list(e.flags), e.confidence, e.date, e.date_basis, e.date_text,
        *([getattr(a, f) for f in _ATTRIBUTION_FIELDS] if a else [None] * len(_ATTRIBUTION_FIELDS)), chain,
        e.quoted, e.sentence, e.trigger, e.start, e.end, e.pattern,
        json.dumps([list(span) for span in e.evidence]),
    ]


def _nest_actor(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    if row[f"{prefix}_start"] is None:
        return None
    return {f: row[f"{prefix}_{f}"] for f in _ACTOR_FIELDS}


def _event_dict(row: dict[str, Any]) -> dict[str, Any]:
    """A stored row in the shape of ``Event.to_dict()`` (JSON-ready: lists, not tuples)."""
    attribution = None
    if row["attribution_kind"] is not None:
        attribution = {f: row[f"attribution_{f}"] for f in _ATTRIBUTION_FIELDS}
        attribution["chain"] = json.loads(row["attribution_chain"] or "[]")
    nested = {
        "source": _nest_actor(row, "source"),
        "target": _nest_actor(row, "target"),
        "attribution": attribution,
        "flags": list(row["flags"] or []),
        "evidence": json.loads(row["evidence"] or "[]"),
    }
    return {name: nested[name] if name in nested else row[name] for name in Event.__dataclass_fields__}


def _check_partial_date(value: str) -> str:
    if not _PARTIAL_DATE.fullmatch(value):
        raise WhimbrelError(Errors.E004.format(value=value))
    return value


class Store:
    """One DuckDB file of coded documents. Use as a context manager, or call ``close()``.

    >>> with Store("news.duckdb") as store:
    ...     store.write(coded)
    ...     rows = store.events(actor="PRK", since="2024")
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        try:
            self._con = duckdb.connect(str(self.path))
        except duckdb.Error as e:
            raise WhimbrelError(Errors.E009.format(path=self.path, detail=" ".join(str(e).split()))) from e
        try:
            self._migrate()
        except BaseException:
            self._con.close()
            raise
        self._columns = {
            table: tuple(d[0] for d in self._con.execute(f"SELECT * FROM {table} LIMIT 0").description)  # noqa: S608
            for table in ("events", "mentions", "quotes")
        }

    # ------------------------------------------------------------------ lifecycle

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._con.close()

    def _migrate(self) -> None:
        con = self._con
        con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        found = int(row[0]) if row else 0
        if found > SCHEMA_VERSION:
            raise WhimbrelError(Errors.E006.format(path=self.path, found=found, supported=SCHEMA_VERSION))
        for version in range(found, SCHEMA_VERSION):
            with self._transaction():
                for statement in MIGRATIONS[version]:
                    con.execute(statement)
                con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(version + 1)])

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """COMMIT when the block ends normally (also by ``return``), ROLLBACK on any exception."""
        self._con.begin()
        try:
            yield
        except BaseException:
            self._con.rollback()
            raise
        self._con.commit()

    @property
    def schema_version(self) -> int:
        row = self._con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0])

    # ------------------------------------------------------------------ writing

    def has_document(self, doc_id: str) -> bool:
        return self._con.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone() is not None

    def write(self, coded: Coded) -> bool:
        """Store a coded document, its events, mentions and quotes atomically.

        Returns False (and changes nothing) when the document id is already stored.
        """
        doc = coded.document
        con = self._con
        with self._transaction():
            if self.has_document(doc.id):
                return False
            con.execute(
                """INSERT INTO documents (id, title, date, url, outlet, path, text, coded_at, dateline_place)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [doc.id, doc.title, doc.date, doc.url, doc.outlet, doc.path, doc.text, _now(), doc.dateline_place],
            )
            # A coder may report the same event twice; its id is the same, so keep one.
            self._insert("events", [_event_row(e) for e in coded.events], "ON CONFLICT DO NOTHING")
            self._insert("mentions", [[doc.id, n, *_actor_values(a)] for n, a in enumerate(coded.actors)])
            self._insert(
                "quotes",
                [
                    [doc.id, n, q.text, q.start, q.end, q.kind, q.speaker_text, q.cue, q.date, *_actor_values(q.speaker)]
                    for n, q in enumerate(coded.quotes)
                ],
            )
            if doc.path:  # the source was skipped before and reads fine now
                con.execute("DELETE FROM skips WHERE source = ?", [doc.path])
        return True

    def _insert(self, table: str, rows: list[list[Any]], conflict: str = "") -> None:
        """Insert rows through one Arrow table: executemany and long VALUES lists cost ~ms per row."""
        if not rows:
            return
        import pyarrow

        names = self._columns[table]
        self._con.register("_whimbrel_rows", pyarrow.table({n: [r[i] for r in rows] for i, n in enumerate(names)}))
        try:
            self._con.execute(f"INSERT INTO {table} SELECT * FROM _whimbrel_rows {conflict}")  # noqa: S608
        finally:
            self._con.unregister("_whimbrel_rows")

    def write_skip(self, skip: Skip) -> None:
        """Record why a source was not coded; a later skip of the same source replaces it."""
        self._con.execute(
            "INSERT OR REPLACE INTO skips VALUES (?, ?, ?, ?)", [skip.source, skip.code, skip.reason, _now()]
        )

    def get_setting(self, key: str, default: Any = None) -> Any:
        row = self._con.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return json.loads(row[0]) if row else default

    def set_setting(self, key: str, value: Any) -> None:
        """Remember a JSON-serialisable value (e.g. the user's actor files) in the store."""
        self._con.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", [key, json.dumps(value)])

    # ------------------------------------------------------------------ reading

    def document(self, doc_id: str) -> Document | None:
        row = self._con.execute(
            "SELECT id, text, title, date, url, outlet, path, dateline_place FROM documents WHERE id = ?", [doc_id]
        ).fetchone()
        return Document(*row) if row else None

    def skips(self) -> list[Skip]:
        rows = self._con.execute("SELECT source, code, reason FROM skips ORDER BY source").fetchall()
        return [Skip(*row) for row in rows]

    def counts(self) -> dict[str, int]:
        """Rows per table: documents, events, mentions, quotes, actors, skips."""
        return {
            table: self._con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed names
            for table in ("documents", "events", "mentions", "quotes", "actors", "skips")
        }

    def _events_query(
        self,
        actor: str | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
        doc_id: str | None = None,
        event_id: str | None = None,
    ) -> tuple[str, list[Any]]:
        where, params = [], []
        if actor:
            where.append(
                "(lower(?) IN (lower(e.source_id), lower(e.target_id), lower(e.source_country), lower(e.target_country)))"
            )
            params.append(actor)
        if type:
            where.append("upper(e.type) = upper(?)")
            params.append(type)
        if doc_id:
            where.append("e.doc_id = ?")
            params.append(doc_id)
        if event_id:
            where.append("e.event_id = ?")
            params.append(event_id)
        # A partial date is a period: it matches when it overlaps the bound, so both sides are
        # compared at the precision of the shorter one ("2022-02" is on or after "2022-02-15").
        for bound, op in ((since, ">="), (until, "<=")):
            if bound:
                _check_partial_date(bound)
                n = "least(length(coalesce(e.date, d.date)), length(?))"
                where.append(f"left(coalesce(e.date, d.date), {n}) {op} left(?, {n})")
                params.extend([bound, bound, bound])
        sql = f"""
            SELECT e.*, d.date AS pub_date, d.outlet, d.url, d.title
            FROM events e JOIN documents d ON d.id = e.doc_id
            {"WHERE " + " AND ".join(where) if where else ""}
            ORDER BY coalesce(e.date, d.date) NULLS LAST, e.doc_id, e.start, e.event_id"""
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return sql, params

    def events(
        self,
        actor: str | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
        *,
        doc_id: str | None = None,
        event_id: str | None = None,
    ) -> list[dict[str, Any]]:
        """Stored events, oldest first, each shaped like ``Event.to_dict()``.

        ``actor`` matches the source or target id or ISO country code (any case); ``type`` is a
        PLOVER type; ``since``/``until`` (YYYY, YYYY-MM or YYYY-MM-DD) bound the event date, or
        the publication date when the event has none.
        """
        cursor = self._con.execute(*self._events_query(actor, type, since, until, limit, doc_id, event_id))
        names = [d[0] for d in cursor.description]
        return [_event_dict(dict(zip(names, row))) for row in cursor.fetchall()]

    def events_df(self, **filters: Any) -> pandas.DataFrame:
        """The events ``events(**filters)`` selects, one flat column per field (``source_country``,
        ...), plus the document's ``pub_date``, ``outlet``, ``url`` and ``title``."""
        sql, params = self._events_query(**filters)
        return self._con.sql(sql, params=params).df()

    def events_arrow(self, **filters: Any) -> pyarrow.Table:
        """The same events as ``events_df(**filters)``, as an Arrow table."""
        sql, params = self._events_query(**filters)
        return self._con.sql(sql, params=params).to_arrow_table()

