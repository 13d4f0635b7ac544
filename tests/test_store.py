"""The DuckDB store: versioned schema, atomic idempotent writes, event queries, crash safety."""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from whimbrel.errors import WhimbrelError
from whimbrel.pipeline import Coded, code_documents
from whimbrel.readers import read_paths, read_text
from whimbrel.records import Actor, Attribution, Document, Event, Quote, Skip
from whimbrel.store import SCHEMA_VERSION, Store

MIXED = Path(__file__).parent / "data" / "mixed"
HERE = Path(__file__).parent


# --------------------------------------------------------------------------- hand-built records


def actor(text, id_, country, start, sector=None):
    return Actor(text=text, name=text, id=id_, country=country, sector=sector, resolved_by="dictionary",
                 start=start, end=start + len(text))


def event(doc_id, type_, source, target, *, date=None, start=0, attribution=None, flags=()):
    return Event(
        doc_id=doc_id, type=type_, mode=None, context=None, cameo="112", intensity=-2.0, goldstein=-2.0,
        source=source, target=target, certainty="asserted", flags=tuple(flags), confidence=0.8,
        date=date, date_basis="text" if date else None, date_text=None, attribution=attribution,
        quoted=False, sentence="A sentence.", trigger="accused", start=start, end=start + 8, pattern="accuse",
        event_id=f"{doc_id}-{type_}-{start}",
    )


def coded_doc(doc_id, *, n_events=2, date="2024-11-10", event_date=None):
    """A document with ``n_events`` events between Iran and Israel, two mentions and one quote."""
    iran, israel = actor("Iran", "IRN", "IRN", 0, "government"), actor("Israel", "ISR", "ISR", 13)
    return Coded(
        document=Document(id=doc_id, text=f"Iran accused Israel. ({doc_id})", date=date, path=f"{doc_id}.txt"),
        events=[event(doc_id, "ACCUSE", iran, israel, date=event_date, start=i) for i in range(n_events)],
        quotes=[Quote(doc_id=doc_id, text="accused", start=5, end=12, kind="indirect", speaker=iran,
                      speaker_text="Iran", cue="say")],
        actors=[iran, israel],
    )


def json_ready(value):
    return json.loads(json.dumps(value))


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "test.duckdb") as s:
        yield s


# --------------------------------------------------------------------------- schema


def test_a_new_store_has_the_current_schema_and_keeps_data_across_opens(tmp_path):
    path = tmp_path / "w.duckdb"
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.write(coded_doc("d1"))
    with Store(path) as store:
        assert store.counts() == {"documents": 1, "events": 2, "mentions": 2, "quotes": 1, "actors": 2, "skips": 0}


def test_a_store_from_an_older_whimbrel_is_migrated_and_keeps_its_data(tmp_path):
    from whimbrel.store import MIGRATIONS

    path = tmp_path / "v1.duckdb"
    with duckdb.connect(str(path)) as con:  # a version-1 file, as the first release wrote it
        con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        for statement in MIGRATIONS[0]:
            con.execute(statement)
        con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
        con.execute("INSERT INTO documents VALUES ('old', NULL, '2024-01-01', NULL, NULL, NULL, 'Old text.', now())")
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.document("old").text == "Old text."
        assert store.write(coded_doc("new"))
    doc = Document(id="wire", text="KYIV, Nov 14 (Reuters) - Text.", dateline_place="KYIV")
    with Store(path) as store:
        store.write(Coded(document=doc, events=[], quotes=[], actors=[]))
        assert store.document("wire").dateline_place == "KYIV"


def test_a_store_from_a_newer_whimbrel_is_refused(tmp_path):
    path = tmp_path / "w.duckdb"
    Store(path).close()
    with duckdb.connect(str(path)) as con:
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    with pytest.raises(WhimbrelError, match="E006"):
        Store(path)


def test_a_file_that_is_not_a_store_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("these are my notes, not a database")
    with pytest.raises(WhimbrelError, match="E009"):
        Store(path)


def test_default_path_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with Store() as store:
        assert store.path == Path("whimbrel.duckdb")
    monkeypatch.setenv("WHIMBREL_DB", str(tmp_path / "env.duckdb"))
    with Store() as store:
        assert store.path == tmp_path / "env.duckdb"
    assert (tmp_path / "env.duckdb").exists()


# --------------------------------------------------------------------------- writing


def test_events_round_trip_in_the_shape_of_event_to_dict(store):
    coded = coded_doc("d1")
    chain = (Attribution(text="Reuters", kind="outlet", outlet="reuters.com", rating=1.0),)
    said = Attribution(text="officials told Reuters", kind="person", name="officials", chain=chain)
    extra = event("d1", "THREATEN", coded.actors[0], None, start=30, attribution=said, flags=("quoted", "future"))
    coded = Coded(coded.document, [*coded.events, extra], coded.quotes, coded.actors)
    assert store.write(coded)
    stored = {e["event_id"]: e for e in store.events()}
    assert stored == {e.event_id: json_ready(e.to_dict()) for e in coded.events}
    assert stored[extra.event_id]["target"] is None
    assert stored[extra.event_id]["attribution"]["chain"][0]["outlet"] == "reuters.com"
    assert store.document("d1") == coded.document


def test_writing_the_same_document_twice_stores_it_once(store):
    assert store.write(coded_doc("d1")) is True
    before = store.counts()
    assert store.write(coded_doc("d1", n_events=5)) is False
    assert store.counts() == before
    assert store.has_document("d1") and not store.has_document("d2")


def test_a_coder_reporting_the_same_event_twice_stores_it_once(store):
    coded = coded_doc("d1", n_events=1)
    coded = Coded(coded.document, coded.events * 2, coded.quotes, coded.actors)
    store.write(coded)
    assert store.counts()["events"] == 1


def test_a_failed_write_leaves_no_part_of_the_document(store):
    coded = coded_doc("d1", n_events=3)
    too_far = event("d1", "ACCUSE", None, None, start=2**40)  # does not fit the INTEGER column
    with pytest.raises(duckdb.Error):
        store.write(Coded(coded.document, [*coded.events, too_far], coded.quotes, coded.actors))
    assert store.counts() == {"documents": 0, "events": 0, "mentions": 0, "quotes": 0, "actors": 0, "skips": 0}
    assert store.write(coded) is True  # and the store is still usable


def test_skips_are_recorded_once_per_source_and_cleared_when_it_reads(store):
    store.write_skip(Skip("d1.txt", "W101", "[W101] File is empty."))
    store.write_skip(Skip("d1.txt", "W102", "[W102] File is not valid UTF-8 text (byte 3)."))
    store.write_skip(Skip("other.txt", "W101", "[W101] File is empty."))
    assert [(s.source, s.code) for s in store.skips()] == [("d1.txt", "W102"), ("other.txt", "W101")]
    store.write(coded_doc("d1"))  # d1.txt has been fixed
    assert [s.source for s in store.skips()] == ["other.txt"]


def test_settings_hold_json_values(store):
    assert store.get_setting("actor_files") is None
    assert store.get_setting("actor_files", []) == []
    store.set_setting("actor_files", ["mine.yaml", "theirs.csv"])
    store.set_setting("actor_files", ["mine.yaml"])
    assert store.get_setting("actor_files") == ["mine.yaml"]


def test_values_are_bound_not_spliced(store):
    hostile = "x'); DROP TABLE documents; --"
    coded = coded_doc(hostile)
    store.write(coded)
    assert store.has_document(hostile)
    assert store.events(actor=hostile) == []
    store.set_setting(hostile, hostile)
    assert store.get_setting(hostile) == hostile


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1), title=st.none() | st.text(), actor_id=st.text(min_size=1))
def test_any_text_round_trips(store, text, title, actor_id):
    doc_id = f"h{store.counts()['documents']}"
    a = Actor(text=text, name=title, id=actor_id, country=None, sector=None, resolved_by="user", start=0, end=1)
    e = event(doc_id, "ACCUSE", a, None, attribution=Attribution(text=text, kind="person"))
    coded = Coded(Document(id=doc_id, text=text, title=title), [e], [], [a])
    assert store.write(coded)
    assert store.document(doc_id) == coded.document
    assert store.events(doc_id=doc_id) == [json_ready(e.to_dict())]
    assert [r["doc_id"] for r in store.events(actor=actor_id) if r["doc_id"] == doc_id] == [doc_id]


# --------------------------------------------------------------------------- querying


@pytest.fixture
def filled(store):
    rus, ukr = actor("Russia", "RUS", "RUS", 0), actor("Ukraine", "UKR", "UKR", 10)
    putin = actor("Putin", "vladimir_putin", "RUS", 20, "government")
    docs = [
        ("a", "2022-02-24", [event("a", "ASSAULT", rus, ukr, date="2022-02-24"),
                             event("a", "ACCUSE", ukr, rus, date="2022-02", start=9)]),
        ("b", "2023-06-01", [event("b", "THREATEN", putin, None, date="2023")]),
        ("c", "2024-01-15", [event("c", "CONSULT", ukr, putin)]),  # no event date: publication date
        ("d", None, [event("d", "ASSAULT", rus, ukr)]),  # no date at all
    ]
    for doc_id, date, events in docs:
        store.write(Coded(Document(id=doc_id, text="...", date=date), events, [], []))
    return store


def ids(rows):
    return [(r["doc_id"], r["type"]) for r in rows]


def test_events_filter_by_actor_id_or_country_as_source_or_target(filled):
    assert ids(filled.events(actor="rus")) == [("a", "ACCUSE"), ("a", "ASSAULT"), ("b", "THREATEN"),
                                              ("c", "CONSULT"), ("d", "ASSAULT")]
    assert ids(filled.events(actor="Vladimir_Putin")) == [("b", "THREATEN"), ("c", "CONSULT")]
    assert ids(filled.events(actor="UKR", type="assault")) == [("a", "ASSAULT"), ("d", "ASSAULT")]
    assert filled.events(actor="FRA") == []


def test_events_filter_by_date_treats_partial_dates_as_periods(filled):
    assert ids(filled.events(since="2022-02-25")) == [("a", "ACCUSE"), ("b", "THREATEN"), ("c", "CONSULT")]
    assert ids(filled.events(until="2022-02-01")) == [("a", "ACCUSE")]
    assert ids(filled.events(since="2023-07", until="2023-12-31")) == [("b", "THREATEN")]
    assert ids(filled.events(since="2024")) == [("c", "CONSULT")]  # dated by its publication
    assert ids(filled.events(until="2022")) == [("a", "ACCUSE"), ("a", "ASSAULT")]
    with pytest.raises(WhimbrelError, match="E004"):
        filled.events(since="last week")


def test_events_are_ordered_and_limited(filled):
    rows = filled.events()
    # Oldest first, a period ("2022-02") before the days in it, undated last.
    assert ids(rows) == [("a", "ACCUSE"), ("a", "ASSAULT"), ("b", "THREATEN"), ("c", "CONSULT"), ("d", "ASSAULT")]
    assert rows[:2] == filled.events(limit=2)
    assert ids(filled.events(doc_id="b")) == [("b", "THREATEN")]


def test_events_as_dataframe_and_arrow(filled):
    df = filled.events_df(actor="RUS")
    assert len(df) == 5
    assert {"event_id", "doc_id", "type", "source_country", "target_id", "attribution_chain", "flags",
            "pub_date", "outlet"} <= set(df.columns)
    assert list(df["source_country"][:2]) == ["UKR", "RUS"]
    table = filled.events_arrow(type="ASSAULT")
    assert table.num_rows == 2 and table.column("doc_id").to_pylist() == ["a", "d"]


# --------------------------------------------------------------------------- ingest, real pipeline


def ingest(nlp, path, paths):
    with Store(path) as store:
        for item in code_documents(nlp, read_paths(paths, default_date="2024-01-01")):
            if isinstance(item, Skip):
                store.write_skip(item)
            else:
                store.write(item)
        return store.counts()


def test_ingesting_twice_stores_every_document_once(nlp, tmp_path):
    db = tmp_path / "w.duckdb"
    first = ingest(nlp, db, [MIXED])
    second = ingest(nlp, db, [MIXED, MIXED / "good.txt"])
    assert first == second
    assert first["documents"] == 5 and first["skips"] == 7
    with duckdb.connect(str(db)) as con:
        assert con.execute("SELECT count(*) = count(DISTINCT event_id) FROM events").fetchone()[0]


EVENTS_PER_DOC = 100  # big transactions, so a kill is likely to land inside one

CHILD = """
import sys
sys.path.insert(0, {tests!r})
from whimbrel.store import Store

db, mode, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
if mode == "pipeline":
    from whimbrel.pipeline import code_documents, load_nlp
    from test_store import many_documents
    items = code_documents(load_nlp(), many_documents(n), batch_size=8)
else:
    from test_store import EVENTS_PER_DOC, coded_doc
    items = (coded_doc(f"doc{{i:04d}}", n_events=EVENTS_PER_DOC) for i in range(n))
with Store(db) as store:
    for coded in items:
        store.write(coded)
        print(coded.document.id, flush=True)
"""


def many_documents(n):
    """Distinct short news documents (the real pipeline's work per document is small)."""
    countries = ["Iran", "Israel", "Russia", "Ukraine", "China", "Japan", "Chad", "Sudan", "Peru", "Chile"]
    for i in range(n):
        a, b = countries[i % 10], countries[(i // 10 + i + 1) % 10]
        yield read_text(f"{a} accused {b} of violating the ceasefire on day {i}. {b} denied the claim.",
                        date="2024-05-01")


def kill_after(db, mode, n, writes):
    """Run an ingest in a subprocess and SIGKILL it once it has stored ``writes`` documents."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD.format(tests=str(HERE)), str(db), mode, str(n)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    for _ in range(writes):
        assert child.stdout.readline(), child.stderr.read()
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()
    child.stderr.close()
    assert child.returncode == -signal.SIGKILL


def rows_per_document(coded):
    return {c.document.id: {"events": len(c.events), "mentions": len(c.actors), "quotes": len(c.quotes)}
            for c in coded}


def assert_consistent(db, expected):
    """Every document exactly once, each complete, and nothing that belongs to no document."""
    with duckdb.connect(str(db)) as con:
        stored = dict(con.execute("SELECT id, count(*) FROM documents GROUP BY id").fetchall())
        assert stored == {doc_id: 1 for doc_id in expected}
        for table in ("events", "mentions", "quotes"):
            orphans = f"SELECT count(*) FROM {table} WHERE doc_id NOT IN (SELECT id FROM documents)"
            assert con.execute(orphans).fetchone()[0] == 0
            per_doc = dict(con.execute(f"SELECT doc_id, count(*) FROM {table} GROUP BY doc_id").fetchall())
            assert {d: per_doc.get(d, 0) for d in expected} == {d: rows[table] for d, rows in expected.items()}


def test_killed_mid_ingest_then_ingested_again_every_document_once(nlp, tmp_path):
    db, n = tmp_path / "w.duckdb", 150
    kill_after(db, "pipeline", n, writes=10)
    with Store(db) as store:
        survived = store.counts()["documents"]
        assert 10 <= survived < n
        fresh = [d for d in many_documents(n) if not store.has_document(d.id)]
        assert len(fresh) == n - survived
        for coded in code_documents(nlp, fresh):
            assert store.write(coded)
    assert_consistent(db, rows_per_document(code_documents(nlp, many_documents(n))))


def test_killed_during_large_transactions_no_document_is_half_written(tmp_path):
    db, n = tmp_path / "w.duckdb", 100
    kill_after(db, "synthetic", n, writes=3)
    with Store(db) as store:
        survived = store.counts()["documents"]
        assert 3 <= survived < n
        written = sum(store.write(coded_doc(f"doc{i:04d}", n_events=EVENTS_PER_DOC)) for i in range(n))
        assert written == n - survived
    assert_consistent(db, rows_per_document(coded_doc(f"doc{i:04d}", n_events=EVENTS_PER_DOC) for i in range(n)))
