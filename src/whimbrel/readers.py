"""Read news from files, directories, JSONL and stdin: exactly one Document or Skip per input.

1. ``read_paths`` checks its arguments up front (a missing path or a bad ``default_date`` is an
   error before anything is read), then expands directories recursively in sorted order.
2. Each file is read by its extension: plain text, HTML (main text and metadata through
   trafilatura) or JSONL (one document per line). Stdin (``-``) is sniffed for HTML or JSONL.
3. Every document gets normalised text, a stable id (its own, else a hash of its content) and an
   ISO publication date when one is known. Its text is the body: a first line repeating the title
   (trafilatura keeps a page's ``<h1>``) is dropped, the title stays in ``title``. A wire dateline
   ("KYIV, Nov 14 (Reuters) - ...") gives ``dateline_place``, its agency the outlet of a
   document that has no outlet or URL of its own, and its date (with a year) the date of a
   document that has none. Whatever cannot be read becomes a ``Skip`` with a
   coded one-line reason, and the batch goes on. Metadata problems that do not stop a document
   (a bad date, a field of the wrong type) are reported as ``WhimbrelWarning``.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import json
import re
import sys
import unicodedata
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from .datelines import find_dateline
from .errors import Errors, Warnings, WhimbrelError, WhimbrelWarning
from .records import Document, Skip

TEXT_EXTENSIONS: frozenset[str] = frozenset({".txt", ".text", ".md"})
HTML_EXTENSIONS: frozenset[str] = frozenset({".html", ".htm", ".xhtml"})
JSONL_EXTENSIONS: frozenset[str] = frozenset({".jsonl", ".ndjson"})
"""Extensions read inside directories. A file named explicitly is read as text whatever its
extension (unless it is HTML or JSONL); inside a directory other extensions are skipped (W107)."""

UTF8_BOM = b"\xef\xbb\xbf"
STDIN = "-"
STDIN_SOURCE = "<stdin>"

MIN_HTML_WORDS = 5
"""An HTML page whose extracted text is shorter than this is navigation or boilerplate, not an
article (trafilatura returns e.g. "Home" for a page of links)."""

MAX_DATE_CHARS = 64  # longer "dates" are not dates; keeps dateparser off arbitrary prose

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_TITLE_SUFFIXES = (" | ", " - ", " – ", " — ", ": ")  # "Headline | Site", "Headline: two killed"


# --------------------------------------------------------------------------- helpers


def normalise_text(text: str) -> str:
    """Unix newlines, NFC, no control characters or lone surrogates, no outer whitespace."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL_CHARS.sub(" ", text)
    text = _SURROGATES.sub("\ufffd", text)  # JSON can carry lone surrogates, UTF-8 cannot
    return unicodedata.normalize("NFC", text).strip()


def content_id(text: str) -> str:
    """Stable id of a text: the same words give the same id whatever file or layout they came in."""
    canonical = " ".join(normalise_text(text).split())
    return hashlib.sha1(canonical.encode("utf-8")).hexdigest()[:16]


def normalise_date(value: str) -> str | None:
    """An ISO ``YYYY-MM-DD`` day for a date or timestamp as commonly written, else None.

    Accepts ISO 8601 (``2024-11-10``, ``2024-11-10T08:00:00Z``), RFC 2822 (feeds, e-mail) and
    absolute English dates (``10 November 2024``). Relative ("yesterday") and partial dates
    ("2024-11") are not publication days.
    """
    value = value.strip()
    if not value or len(value) > MAX_DATE_CHARS:
        return None
    try:
        return dt.datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser  # slow to import; only needed for the rare non-ISO date

    try:
        parsed = dateparser.parse(
            value,
            languages=["en"],
            settings={"STRICT_PARSING": True, "PARSERS": ["custom-formats", "absolute-time"]},
        )
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd strings
        return None
    return parsed.date().isoformat() if parsed else None


def _headline_key(line: str) -> str:
    return " ".join(line.casefold().split()).rstrip(".!?:")


def drop_headline(text: str, title: str | None) -> str:
    """The body of ``text``: without its first line when that line repeats the title.

    Headlines are telegraphic ("Russia strikes Kyiv") and would be coded as events of their own;
    a title that only extends the line ("Russia strikes Kyiv | Example News") counts as repeating it.
    """
    first, newline, rest = text.partition("\n")
    if not title or not newline or not rest.strip():
        return text
    line, head = _headline_key(first), _headline_key(title)
    if line and (line == head or any(head.startswith(line + s) for s in _TITLE_SUFFIXES)):
        return rest.lstrip()
    return text


def outlet_from_url(url: str) -> str | None:
    """The outlet's registered domain ("edition.cnn.com/..." -> "cnn.com"), as outlet ratings use."""
    from courlan import extract_domain

    try:
        return extract_domain(url) or extract_domain(url, fast=True)
    except Exception:  # noqa: BLE001 - courlan/tld raise on malformed hosts; no outlet then
        return None


def _one_line(detail: object) -> str:
    return " ".join(str(detail).split())


def _warn(source: str, message: str) -> None:
    warnings.warn(f"{source}: {message}", WhimbrelWarning, stacklevel=3)


def _document(
    source: str,
    text: str,
    *,
    id: str | None = None,
    title: str | None = None,
    date: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    default_date: str | None = None,
) -> Document | Skip:
    title = (normalise_text(title) or None) if title else None
    text = drop_headline(normalise_text(text), title)
    if not text:
        return Skip(source, "W108", Warnings.W108)
    if date is not None:
        iso = normalise_date(date)
        if iso is None:
            _warn(source, Warnings.W110.format(value=date))
        date = iso
    if outlet is None and url:
        outlet = outlet_from_url(url)
    dateline = find_dateline(text)
    if dateline is not None:
        if not outlet and not url:
            outlet = dateline.agency  # a wire story of unknown origin is the agency's
        date = date or dateline.day()
    return Document(
        id=id or content_id(text),
        text=text,
        title=title,
        date=date or default_date,
        url=url or None,
        outlet=outlet or None,
        path=source,
        dateline_place=dateline.place if dateline else None,
    )


def _decode(data: bytes, source: str) -> str | Skip:
    if b"\x00" in data:
        return Skip(source, "W103", Warnings.W103)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        return Skip(source, "W102", Warnings.W102.format(position=e.start))


# --------------------------------------------------------------------------- formats


def _extract_html(html: str | bytes, url: str | None) -> dict[str, Any] | None:
    """Main text and metadata of a web page, or None when it has no article."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    except Exception:  # noqa: BLE001 - trafilatura/lxml fail on some malformed markup
        return None
    if result is None or len((result.text or "").split()) < MIN_HTML_WORDS:
        return None
    return {
        "text": result.text,
        "title": result.title,
        "date": result.date,
        "url": url or result.url,
        "outlet": result.sitename or None,
    }


def _read_text(data: bytes, source: str, default_date: str | None) -> Iterator[Document | Skip]:
    text = _decode(data, source)
    yield text if isinstance(text, Skip) else _document(source, text, default_date=default_date)


def _read_html(data: bytes, source: str, default_date: str | None) -> Iterator[Document | Skip]:
    if b"\x00" in data:
        yield Skip(source, "W103", Warnings.W103)
        return
    page = _extract_html(data, None)  # bytes: trafilatura honours the page's own charset
    if page is None:
        yield Skip(source, "W106", Warnings.W106)
        return
    yield _document(source, default_date=default_date, **page)


# JSONL field -> accepted types; id may be a number, the rest are strings.
_JSONL_FIELDS: dict[str, tuple[type, ...]] = {
    "id": (str, int),
    "text": (str,),
    "html": (str,),
    "date": (str,),
    "url": (str,),
    "title": (str,),
    "outlet": (str,),
}
_REQUIRED_TYPES = ("id", "text", "html")  # a wrong type here skips the record; elsewhere it is ignored


def _jsonl_record(line: bytes, source: str, default_date: str | None) -> Document | Skip:
    text = _decode(line, source)
    if isinstance(text, Skip):
        return text
    try:
        record = json.loads(text)
    except (ValueError, RecursionError) as e:
        return Skip(source, "W104", Warnings.W104.format(detail=_one_line(e)))
    if not isinstance(record, dict):
        return Skip(source, "W113", Warnings.W113.format(kind=type(record).__name__))
    fields: dict[str, Any] = {}
    for name, types in _JSONL_FIELDS.items():
        value = record.get(name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, types):
            expected = " or ".join("string" if t is str else "integer" for t in types)
            message = Warnings.W109.format(field=name, expected=expected)
            if name in _REQUIRED_TYPES:
                return Skip(source, "W109", message)
            _warn(source, message)
            continue
        fields[name] = str(value)
    if "date" in fields and normalise_date(fields["date"]) is None:
        _warn(source, Warnings.W110.format(value=fields.pop("date")))  # and the page's own date may apply
    body = fields.pop("text", "")
    html = fields.pop("html", "")
    if not body.strip() and html.strip():
        page = _extract_html(html, fields.get("url"))
        if page is None:
            return Skip(source, "W106", Warnings.W106)
        # The record's own metadata wins over what the page says about itself.
        body = page.pop("text")
        fields = {**{k: v for k, v in page.items() if v}, **fields}
    if not body.strip():
        return Skip(source, "W105", Warnings.W105)
    return _document(source, body, default_date=default_date, **fields)


def _read_jsonl(data: bytes, source: str, default_date: str | None) -> Iterator[Document | Skip]:
    if b"\x00" in data:
        yield Skip(source, "W103", Warnings.W103)
        return
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.strip():  # blank lines are layout, not records
            yield _jsonl_record(line, f"{source}:{number}", default_date)


def _sniff(data: bytes) -> str:
    """Format of text piped to stdin: HTML if it starts with a tag, JSONL if its first line is an object."""
    head = data.lstrip()[:1000]
    if head.startswith(b"<"):
        return "html"
    if head.startswith(b"{"):
        first = data.lstrip().split(b"\n", 1)[0]
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except ValueError:
            pass
    return "text"


_READERS = {"text": _read_text, "html": _read_html, "jsonl": _read_jsonl}


def _kind(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in HTML_EXTENSIONS:
        return "html"
    if suffix in JSONL_EXTENSIONS:
        return "jsonl"
    if suffix in TEXT_EXTENSIONS:
        return "text"
    return None


def _read_bytes(data: bytes, kind: str, source: str, default_date: str | None) -> Iterator[Document | Skip]:
    data = data.removeprefix(UTF8_BOM)
    if not data.strip():
        yield Skip(source, "W101", Warnings.W101)
        return
    yield from _READERS[kind](data, source, default_date)


def _read_file(path: Path, kind: str, default_date: str | None) -> Iterator[Document | Skip]:
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        yield Skip(source, "W111", Warnings.W111.format(detail=_one_line(e.strerror or e)))
        return
    yield from _read_bytes(data, kind, source, default_date)


def _read_stdin(default_date: str | None) -> Iterator[Document | Skip]:
    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read() if stream is not None else sys.stdin.read().encode("utf-8", "surrogatepass")
    yield from _read_bytes(data, _sniff(data), STDIN_SOURCE, default_date)


def _walk(root: Path) -> Iterator[Path]:
    """Files under root, recursively, in sorted order; hidden files and folders are left alone."""
    entries = sorted(root.iterdir(), key=lambda p: p.name)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry)
        else:
            yield entry


def _read_directory(root: Path, default_date: str | None) -> Iterator[Document | Skip]:
    for path in _walk(root):
        kind = _kind(path)
        if not path.is_file():  # broken link, socket, fifo
            yield Skip(str(path), "W111", Warnings.W111.format(detail="not a regular file or a broken link"))
        elif kind is None:
            yield Skip(str(path), "W107", Warnings.W107.format(ext=path.suffix or "(none)"))
        else:
            yield from _read_file(path, kind, default_date)


# --------------------------------------------------------------------------- public


def read_paths(paths: Sequence[str | Path], *, default_date: str | None = None) -> Iterator[Document | Skip]:
    """Read files, directories (recursively) and ``-`` (stdin): one Document or Skip per input.

    ``default_date`` (YYYY-MM-DD) is the publication date of documents that have none.
    Raises WhimbrelError (E003, E004) before reading anything if a path does not exist or
    ``default_date`` is not a date.
    """
    if default_date is not None:
        if not _ISO_DAY.fullmatch(default_date) or normalise_date(default_date) is None:
            raise WhimbrelError(Errors.E004.format(value=default_date))
    resolved: list[Path | None] = []
    for p in paths:
        if str(p) == STDIN:
            resolved.append(None)
        elif Path(p).exists():
            resolved.append(Path(p))
        else:
            raise WhimbrelError(Errors.E003.format(path=p))
    return _read_all(resolved, default_date)


def _read_all(paths: list[Path | None], default_date: str | None) -> Iterator[Document | Skip]:
    for path in paths:
        if path is None:
            yield from _read_stdin(default_date)
        elif path.is_dir():
            yield from _read_directory(path, default_date)
        else:
            yield from _read_file(path, _kind(path) or "text", default_date)


def read_text(
    text: str,
    *,
    id: str | None = None,
    date: str | None = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    path: str | None = None,
) -> Document:
    """A Document from a string, normalised and identified exactly as the file readers do.

    Raises WhimbrelError for an empty text (E008) or a date that is not a date (E004).
    """
    if date is not None and normalise_date(date) is None:
        raise WhimbrelError(Errors.E004.format(value=date))
    document = _document(path or "<text>", text, id=id, title=title, date=date, url=url, outlet=outlet)
    if isinstance(document, Skip):
        raise WhimbrelError(Errors.E008)
    return replace(document, path=path)
