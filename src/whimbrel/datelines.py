"""Wire datelines: the place, date and agency that open a news story ("KYIV, Nov 14 (Reuters) - ...").

A dateline lies on the first line of a text: a place in capitals ("BEIRUT, Lebanon") or in title
case ("Gaza City"), an optional date ("Nov 14", "3 March 2025"), optional parentheses naming the
agency ("(AP)", "(AFP)"), then a dash. A title-case place counts only with a date or a known
agency ("Donald Trump — the president-elect — said ..." opens a sentence, not a story), and words
such as "BREAKING" are not places. Agencies and non-places are data:
``data/readers/datelines.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .provenance.outlets import name_key

DATA = Path(__file__).resolve().parent / "data" / "readers" / "datelines.yaml"

_UP, _LO = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
_CAPS_WORD = rf"[{_UP}][{_UP}'’.\-]+"  # "KYIV", "U.N.", "ST.", "D.C."
_CAPS = rf"{_CAPS_WORD}(?:[ /]{_CAPS_WORD}){{0,3}}"  # "NEW YORK", "KYIV/MOSCOW"
_PARTICLE = r"(?:al|el|as|ash|ad|at|de|da|do|dos|del|di|du|la|le|van|von|au|es|ul|ur|an|am|on|upon|sur)"
_TITLE_WORD = rf"[{_UP}][{_LO}'’\-]+\.?"  # "Kyiv", "Calif.", "St."
_TITLE = rf"{_TITLE_WORD}(?:[ \-](?:{_PARTICLE}[ \-])?{_TITLE_WORD}){{0,3}}"  # "Deir al-Balah", "Port-au-Prince"
_MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = rf"(?:{_MONTH}[ ]\d{{1,2}}(?:,?[ ]\d{{4}})?|\d{{1,2}}[ ]{_MONTH}(?:[ ]\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}})(?!\w)"
# Verbose, so literal spaces are written [ ]. The dateline stays on the first line ([ \t], never \s);
# only the space before the story may cross it. A bare hyphen needs a space after it, so that
# "KYIV-Moscow talks resumed" is not a dateline.
_DATELINE = re.compile(
    rf"""[ \t]*
    (?P<place>(?:(?P<caps>{_CAPS})|(?P<title>{_TITLE}))
      (?:,[ \t]*(?:{_CAPS}|{_TITLE}))?)?                   # region: ", Lebanon", ", Pa."
    (?:,?[ \t]*(?P<date>{_DATE}))?
    (?P<parens>(?:[ \t]*\([^()\n]{{1,40}}\)){{0,2}})      # "(AP)", "(Palestinian Territories) (AFP)"
    [ \t]*(?:--|[–—―]|-(?=[ \t\n]))
    (?P<space>\s*)(?=\S)""",
    re.VERBOSE,
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DATE_PARTS = re.compile(r"(?P<year>\d{4})|(?P<month>[A-Za-z]{3})[A-Za-z]*\.?|(?P<day>\d{1,2})")
_PAREN = re.compile(r"\(([^()\n]+)\)")
_AGENCY_SPLIT = re.compile(r"\s*(?:/|,|&|\band\b)\s*")


@dataclass(frozen=True, slots=True)
class Dateline:
    """What a dateline says, as written, and where the story after it starts (char offsets)."""

    place: str | None  # "BEIRUT, Lebanon", "Gaza City"; None for a bare "(Reuters) -"
    date: str | None  # "Nov 14"
    agency: str | None  # the agency's name from the data ("Associated Press"); None if unknown
    end: int  # just after the dash
    body: int  # first character of the story

    def day(self, reference: str | None = None) -> str | None:
        """The ISO day the dateline is dated, or None.

        A date without a year ("Nov 14") takes the year of ``reference`` (the publication day,
        ISO), or the year before when it would otherwise fall after it (a story dated Dec 31
        published on Jan 1).
        """
        if self.date is None:
            return None
        if "-" in self.date:
            return _iso_day(self.date)
        parts = {k: v for m in _DATE_PARTS.finditer(self.date) for k, v in m.groupdict().items() if v}
        ref = _iso_day(reference) if reference else None
        month = _MONTHS.index(parts["month"].lower()) + 1
        if "year" in parts:
            return _iso_day(f"{parts['year']}-{month:02d}-{int(parts['day']):02d}")
        if ref is None:
            return None
        year = int(ref[:4])
        day = _iso_day(f"{year}-{month:02d}-{int(parts['day']):02d}")
        if day is not None and day > ref:
            day = _iso_day(f"{year - 1}-{month:02d}-{int(parts['day']):02d}")
        return day


@dataclass(frozen=True, slots=True)
class DatelineData:
    agencies: dict[str, str]  # name_key of a written form -> agency name
    not_places: frozenset[str]  # lower case


@lru_cache(maxsize=8)
def load_datelines(extra_files: tuple[str, ...] = ()) -> DatelineData:
    """The packaged agencies and non-places plus the user's files of the same form."""
    agencies: dict[str, str] = {}
    not_places: set[str] = set()
    for path in (DATA, *map(Path, extra_files)):
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        for name, forms in (data.get("agencies") or {}).items():
            for form in (name, *(forms or ())):
                if key := name_key(str(form)):
                    agencies[key] = str(name)
        not_places.update(str(w).lower() for w in data.get("not_places") or ())
    return DatelineData(agencies, frozenset(not_places))


def _iso_day(text: str) -> str | None:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def _agency(parens: str, data: DatelineData) -> str | None:
    """The first known agency in the dateline's parentheses ("(AP/Reuters)" -> Associated Press)."""
    for inside in _PAREN.findall(parens):
        for part in _AGENCY_SPLIT.split(inside):
            if (name := data.agencies.get(name_key(part))) is not None:
                return name
    return None


def find_dateline(text: str, data: DatelineData | None = None) -> Dateline | None:
    """The dateline that opens ``text``, or None. Pure: the text is only read."""
    m = _DATELINE.match(text)
    if m is None:
        return None
    data = data or load_datelines()
    agency = _agency(m.group("parens"), data)
    place = m.group("place")
    if place is None and agency is None:
        return None  # without a place only an agency ("(Reuters) - ...") makes a dateline
    if m.group("title") and not (m.group("date") or agency):
        return None
    if place is not None and (place.lower() in data.not_places or place.split()[0].lower() in data.not_places):
        return None
    return Dateline(place=place, date=m.group("date"), agency=agency, end=m.start("space"), body=m.end())


_DOC_KEY = "whimbrel.dateline"


def dateline_of(doc) -> Dateline | None:
    """The dateline of a spaCy Doc's text, found once per Doc (kept in ``doc.user_data``) for the
    stages that read it: the pipeline's sentence split, the actors and the attribution."""
    if _DOC_KEY not in doc.user_data:
        doc.user_data[_DOC_KEY] = find_dateline(doc.text)
    return doc.user_data[_DOC_KEY]
