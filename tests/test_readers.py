"""Readers: every input gives exactly one Document or Skip, with a coded one-line reason."""

import io
import json
import re
import shutil
import sys
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from whimbrel.errors import WhimbrelError, WhimbrelWarning
from whimbrel.readers import content_id, normalise_date, read_paths, read_text
from whimbrel.records import Document, Skip

MIXED = Path(__file__).parent / "data" / "mixed"


def read(*paths, **kwargs):
    return list(read_paths([str(p) for p in paths], **kwargs))


def by_source(items):
    return {(i.path if isinstance(i, Document) else i.source): i for i in items}


def assert_skip(item, code):
    assert isinstance(item, Skip), item
    assert item.code == code
    assert item.reason.startswith(f"[{code}] ") and "\n" not in item.reason


# --------------------------------------------------------------------------- headlines and datelines

STORY = (
    "KYIV, Nov 14 (Reuters) - Russian forces attacked Kharkiv overnight, killing two people, the "
    "regional governor said on Thursday. The strike damaged a power station and several homes."
)


def page(title, headline, body=STORY, extra_head=""):
    return (
        f"<html><head><title>{title}</title>{extra_head}</head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>{headline}</h1><p>{body}</p></article><footer>Example News</footer></body></html>"
    )


def test_an_html_headline_is_the_title_not_the_start_of_the_text(tmp_path):
    path = tmp_path / "story.html"
    path.write_text(page("Russia strikes Kharkiv | Example News", "Russia strikes Kharkiv"), encoding="utf-8")
    (doc,) = read(path)
    assert doc.title == "Russia strikes Kharkiv"
    assert doc.text.startswith("KYIV, Nov 14 (Reuters) - Russian forces") and "strikes Kharkiv" not in doc.text
    assert doc.dateline_place == "KYIV" and doc.outlet == "Reuters"  # the page names no site: the wire's


def test_a_headline_is_not_coded_as_an_event_of_the_body(tmp_path, nlp):
    from whimbrel.pipeline import code_documents

    path = tmp_path / "story.html"
    path.write_text(page("Ukraine shoots down Russian jets", "Ukraine shoots down Russian jets"), encoding="utf-8")
    (coded,) = code_documents(nlp, read(path))
    assert coded.document.title == "Ukraine shoots down Russian jets"
    sources = {(e.type, e.source.country if e.source else None) for e in coded.events}
    assert ("ASSAULT", "RUS") in sources and ("ASSAULT", "UKR") not in sources  # the body's, not the headline's


def test_only_a_first_line_repeating_the_title_is_dropped():
    body = "Two people were killed, the governor said."
    assert read_text(f"Kharkiv under fire\n{body}", title="Kharkiv under fire: two killed").text == body
    kept = f"Russian forces attacked Kharkiv overnight.\n{body}"
    assert read_text(kept, title="Kharkiv under fire").text == kept
    assert read_text("Kharkiv under fire", title="Kharkiv under fire").text == "Kharkiv under fire"  # nothing else


def test_jsonl_text_repeating_its_title_and_datelines_of_documents_with_an_origin(tmp_path):
    path = tmp_path / "feed.jsonl"
    records = [
        {"title": "Talks in Doha", "text": "Talks in Doha\nDOHA (AP) — Negotiators met on Monday."},
        {"text": "DOHA (AP) — Negotiators met on Monday.", "url": "https://www.aljazeera.com/news/x"},
        {"text": "DOHA (AP) — Negotiators met on Monday.", "outlet": "Gulf Wire"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    a, b, c = read(path)
    assert a.text == "DOHA (AP) — Negotiators met on Monday." and a.outlet == "Associated Press"
    assert (b.outlet, c.outlet) == ("aljazeera.com", "Gulf Wire")  # a document's own origin wins
    assert a.dateline_place == b.dateline_place == c.dateline_place == "DOHA"
    assert read_text("Peru recalled its ambassador.").dateline_place is None


def test_a_dated_dateline_dates_a_document_that_has_no_date():
    text = "Gaza City, 3 March 2025 (AFP) – Troops moved in."
    assert read_text(text).date == "2025-03-03"
    assert read_text(text, date="2025-03-04").date == "2025-03-04"  # the document's own date wins
    assert read_text("KYIV, Nov 14 (Reuters) - Troops moved in.").date is None  # no year


# --------------------------------------------------------------------------- a mixed directory


def test_a_mixed_directory_reports_every_files_fate_in_sorted_order():
    items = read(MIXED, default_date="2024-01-01")
    names = [Path((i.path if isinstance(i, Document) else i.source).split(".jsonl:")[0]).name for i in items]
    assert names == sorted(names, key=lambda n: (n == "nested.txt", n))  # sub/ sorts after the files
    fate = {Path(k).name: (v.code if isinstance(v, Skip) else "ok") for k, v in by_source(items).items()}
    assert fate == {
        "article.html": "ok",
        "binary.txt": "W103",
        "empty.txt": "W101",
        "feed.jsonl:1": "ok",
        "feed.jsonl:2": "W104",
        "feed.jsonl:3": "W105",
        "feed.jsonl:5": "ok",  # line 4 is blank: layout, not a record
        "good.txt": "ok",
        "latin1.txt": "W102",
        "nav-only.html": "W106",
        "report.pdf": "W107",
        "nested.txt": "ok",
    }
    assert ".hidden.txt" not in fate
    for item in items:
        if isinstance(item, Skip):
            assert_skip(item, item.code)


def test_reading_is_deterministic():
    assert read(MIXED) == read(MIXED)


# --------------------------------------------------------------------------- each malformed input


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.txt", b"", "W101"),
        ("blank.txt", b"  \n\t\n", "W101"),
        ("latin1.txt", "Café".encode("latin-1"), "W102"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "W103"),
        ("nav.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "W106"),
        ("empty.html", b"", "W101"),
        ("controls.txt", b"\x01\x02\x03\x7f", "W108"),
        ("binary.jsonl", b'{"text": "a"}\n\x00\x01', "W103"),
    ],
)
def test_malformed_files_are_skipped_with_a_clear_reason(tmp_path, name, data, code):
    path = tmp_path / name
    path.write_bytes(data)
    (item,) = read(path)
    assert_skip(item, code)
    assert item.source == str(path)


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("not json", "W104"),
        ('{"id": "x", "text": "unterminated', "W104"),
        ("[1, 2]", "W113"),
        ('"just a string"', "W113"),
        ('{"id": "x"}', "W105"),
        ('{"id": "x", "text": "   "}', "W105"),
        ('{"id": "x", "text": 42}', "W109"),
        ('{"id": ["x"], "text": "Iran protested."}', "W109"),
        ('{"html": "<html><body><nav>Home</nav></body></html>"}', "W106"),
    ],
)
def test_a_bad_jsonl_line_is_skipped_and_the_rest_of_the_file_is_read(tmp_path, line, code):
    path = tmp_path / "batch.jsonl"
    path.write_text(f'{{"id": "a", "text": "Iran protested."}}\n{line}\n{{"id": "c", "text": "Chad voted."}}\n')
    first, bad, last = read(path)
    assert (first.id, last.id) == ("a", "c")
    assert_skip(bad, code)
    assert bad.source == f"{path}:2"


def test_an_unreadable_entry_in_a_directory_is_skipped(tmp_path):
    (tmp_path / "ok.txt").write_text("Chad closed its border with Sudan.")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing-target.txt")
    gone, ok = read(tmp_path)
    assert_skip(gone, "W111")
    assert isinstance(ok, Document)


def test_a_named_file_is_read_as_text_whatever_its_extension(tmp_path):
    path = tmp_path / "wire-story.log"
    path.write_text("Peru recalled its ambassador to Mexico.")
    (doc,) = read(path)
    assert doc.text == "Peru recalled its ambassador to Mexico."


def test_a_missing_path_or_bad_default_date_fails_before_reading(tmp_path):
    with pytest.raises(WhimbrelError, match="E003"):
        read_paths([MIXED / "good.txt", tmp_path / "nope.txt"])
    with pytest.raises(WhimbrelError, match="E004"):
        read_paths([MIXED], default_date="10/11/2024")


# --------------------------------------------------------------------------- formats and metadata


def test_html_gives_main_text_and_metadata():
    (doc,) = read(MIXED / "article.html")
    assert doc.title == "Pyongyang condemns US drills"
    assert doc.date == "2024-08-19"  # local date of the published time
    assert doc.outlet == "Harbour Gazette"
    assert doc.url == "https://www.harbourgazette.example/world/pyongyang-drills"
    assert "condemned joint military exercises" in doc.text
    assert "All rights reserved" not in doc.text and "Sport" not in doc.text


def test_jsonl_fields_and_outlet_from_url(tmp_path):
    path = tmp_path / "feed.jsonl"
    records = [
        {"id": 7, "text": "Iran protested.", "date": "2024-11-10T23:30:00-05:00",
         "url": "https://edition.cnn.com/2024/11/10/world/x", "title": "Protest"},
        {"text": "Chad voted.", "date": "10 November 2024", "outlet": "Le Monde"},
        {"text": "Peru voted."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    a, b, c = read(path, default_date="2024-01-02")
    assert (a.id, a.date, a.outlet, a.title) == ("7", "2024-11-10", "cnn.com", "Protest")
    assert (b.date, b.outlet, b.url) == ("2024-11-10", "Le Monde", None)
    assert c.date == "2024-01-02"  # only documents without a date get the default
    assert c.path == f"{path}:3"


def test_jsonl_html_record_uses_its_own_metadata_over_the_pages():
    items = by_source(read(MIXED / "feed.jsonl"))
    doc = items[f"{MIXED / 'feed.jsonl'}:5"]
    assert doc.id == "feed-5" and doc.outlet == "Gulf Wire" and doc.title == "Talks in Doha"
    assert doc.text.startswith("Hamas and Israeli negotiators")


def test_a_bad_record_date_does_not_hide_the_pages_own_date(tmp_path):
    html = (MIXED / "article.html").read_text()
    path = tmp_path / "pages.jsonl"
    path.write_text(json.dumps({"html": html, "date": "someday"}) + "\n")
    with pytest.warns(WhimbrelWarning, match="W110"):
        (doc,) = read(path, default_date="2024-03-01")
    assert doc.date == "2024-08-19"


def test_a_bad_date_is_a_warning_and_the_default_applies(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "Chad voted.", "date": "yesterday"}\n{"text": "Peru voted.", "title": 3}\n')
    with pytest.warns(WhimbrelWarning) as caught:
        a, b = read(path, default_date="2024-03-01")
    assert a.date == "2024-03-01" and b.title is None
    messages = [str(w.message) for w in caught]
    assert any("W110" in m and f"{path}:1" in m for m in messages)
    assert any("W109" in m and f"{path}:2" in m for m in messages)


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2024-11-10", "2024-11-10"),
        ("2024-11-10T08:00:00Z", "2024-11-10"),
        ("Sun, 10 Nov 2024 08:00:00 GMT", "2024-11-10"),
        ("November 10, 2024", "2024-11-10"),
        ("yesterday", None),
        ("2024-11", None),
        ("2024-02-30", None),
        ("", None),
    ],
)
def test_dates_are_normalised_to_iso_days(value, iso):
    assert normalise_date(value) == iso


# --------------------------------------------------------------------------- stdin


def feed_stdin(monkeypatch, data: bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_text(monkeypatch):
    feed_stdin(monkeypatch, b"Mali expelled the French ambassador.\n")
    (doc,) = read("-", default_date="2024-02-01")
    assert (doc.text, doc.date, doc.path) == ("Mali expelled the French ambassador.", "2024-02-01", "<stdin>")


def test_stdin_jsonl_and_html_are_recognised(monkeypatch):
    feed_stdin(monkeypatch, b'{"id": "s1", "text": "Mali voted."}\n{"id": "s2", "text": "Chad voted."}\n')
    assert [d.id for d in read("-")] == ["s1", "s2"]
    feed_stdin(monkeypatch, (MIXED / "article.html").read_bytes())
    (doc,) = read("-")
    assert doc.title == "Pyongyang condemns US drills"


def test_empty_stdin_is_a_skip(monkeypatch):
    feed_stdin(monkeypatch, b"")
    (item,) = read("-")
    assert_skip(item, "W101")


# --------------------------------------------------------------------------- ids


def test_same_content_gets_the_same_id_wherever_it_came_from(tmp_path):
    text = "Iran accused Israel on Monday of attacking its embassy in Damascus."
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "b.txt").write_bytes(("\ufeff  " + text.replace(" ", "  ") + "\r\n").encode())
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": text}) + "\n")
    (tmp_path / "d.html").write_text(f"<html><body><article><p>{text}</p></article></body></html>")
    ids = {d.id for d in read(tmp_path)} | {read_text(text).id, content_id(text)}
    assert len(ids) == 1
    assert re.fullmatch(r"[0-9a-f]{16}", ids.pop())
    assert read_text(text, id="mine").id == "mine"
    assert read_text(text + " Tehran denied it.").id != content_id(text)


def test_read_text_for_the_api():
    doc = read_text("  Mali voted.\r\n", date="2024-11-10T08:00:00Z", url="https://www.bbc.co.uk/news/1")
    assert (doc.text, doc.date, doc.outlet, doc.path) == ("Mali voted.", "2024-11-10", "bbc.co.uk", None)
    with pytest.raises(WhimbrelError, match="E008"):
        read_text(" \n ")
    with pytest.raises(WhimbrelError, match="E004"):
        read_text("Mali voted.", date="soon")


# --------------------------------------------------------------------------- never crash

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=8,
)
records = st.fixed_dictionaries(
    {},
    optional={k: json_values | st.text() for k in ("id", "text", "html", "date", "url", "title", "outlet")},
)


def assert_well_formed(item):
    assert isinstance(item, Document | Skip)
    if isinstance(item, Skip):
        assert re.fullmatch(r"W1\d\d", item.code) and item.reason.startswith(f"[{item.code}]")
        assert "\n" not in item.reason
    else:
        assert item.text and item.text == item.text.strip() and "\r" not in item.text and "\x00" not in item.text
        assert item.id
        assert item.date is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", item.date)
        item.text.encode("utf-8")  # storable: no lone surrogates


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz")
    yield path
    shutil.rmtree(path)


@FUZZ
@given(data=st.binary(max_size=400), ext=st.sampled_from([".txt", ".html", ".jsonl", ".dat"]))
def test_arbitrary_bytes_never_crash_a_reader(fuzz_dir, data, ext):
    path = fuzz_dir / f"input{ext}"
    path.write_bytes(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", WhimbrelWarning)
        items = read(path)
    lines = [line for line in data.removeprefix(b"\xef\xbb\xbf").split(b"\n") if line.strip()]
    expected = len(lines) if ext == ".jsonl" and b"\x00" not in data and lines else 1
    assert len(items) == expected
    for item in items:
        assert_well_formed(item)


@FUZZ
@given(record=records)
def test_arbitrary_jsonl_records_give_one_document_or_skip_each(fuzz_dir, record):
    path = fuzz_dir / "records.jsonl"
    path.write_text(json.dumps(record) + "\n" + json.dumps({"text": "Chad voted."}) + "\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", WhimbrelWarning)
        first, second = read(path)
    assert_well_formed(first)
    assert second.text == "Chad voted."


@settings(max_examples=100, deadline=None)
@given(text=st.text())
def test_arbitrary_text_is_a_document_or_a_coded_error(text):
    try:
        doc = read_text(text)
    except WhimbrelError as e:
        assert "E008" in str(e)
    else:
        assert_well_formed(doc)
