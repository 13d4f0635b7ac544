"""Time: find time expressions, resolve them against the publication date, date an event.

Candidates are spaCy DATE entities plus a few patterns spaCy misses (bare years, "earlier this
year"). Each is resolved once per (text, publication date, direction) with Whimbrel's own rules
for what dateparser lacks (this/last/next year|month|week, weekdays relative to the publication
date, decades, "in the following years") and dateparser for the rest.

Values are ISO partial dates keeping the text's granularity ("2019", "2022-02", "2024-07-12") or
ISO 8601 intervals "start/end" ("2020/2024", "2024-11-04/2024-11-10").

An event is *historical* when its date ends more than ``HISTORICAL_DAYS`` (30) days before the
publication date: "in 2019" in an article of 2024-11-10 is historical, "earlier this year" is not.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

HISTORICAL_DAYS = 30

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_FUTURE_AUX = {"will", "shall", "'ll", "wo", "could", "may", "might", "would", "should"}
_FOLLOWING = re.compile(r"^(in )?(the )?(following|subsequent|next few|ensuing) (years|months)$|^in the years (that )?followed$")
_DURATION = re.compile(
    r"^(the )?(past |last |next |first |coming |previous )?(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"several|few|a few|many|some|couple of|a couple of)[ -](full )?(day|week|month|year|decade|hour)s?( long)?$"
)
_TRIM = re.compile(r"^(on|in|during|since|by|from|until|of|at|as of|the|around|about|early|late|mid-?)\s+", re.I)
_ANCHOR_DEPS = {"ccomp", "relcl", "advcl", "acl", "parataxis", "csubj"}
# "by the end of the year", "since 2021": deadlines and bounds, not when the event happened
_BOUND_PREPS = {"by", "before", "until", "till", "after", "since", "within"}


@dataclass(frozen=True, slots=True)
class TimeExpr:
    start: int  # token indices [start, end)
    end: int
    text: str
    value: str  # ISO partial date or "start/end" interval


# --------------------------------------------------------------------------- values


def _iso_month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + delta
    return k // 12, k % 12 + 1


def _week(d: date) -> str:
    monday = d - timedelta(days=d.weekday())
    return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"


def period_end(value: str) -> date | None:
    """The last day a value covers ("2019" -> 2019-12-31; intervals -> their end)."""
    last = value.split("/")[-1]
    try:
        parts = [int(p) for p in last.split("-")]
    except ValueError:
        return None
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(*parts[:3])


def is_historical(value: str | None, pub_date: str | None, days: int = HISTORICAL_DAYS) -> bool:
    if not value or not pub_date:
        return False
    end = period_end(value)
    return end is not None and end < date.fromisoformat(pub_date) - timedelta(days=days)


@lru_cache(maxsize=64)
def _parser(pub_date: str, future: bool):
    from dateparser.date import DateDataParser  # imported lazily: it takes a while to load

    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime.fromisoformat(pub_date),
            "PREFER_DATES_FROM": "future" if future else "past",
            "RETURN_TIME_AS_PERIOD": True,
        },
    )


def _own_rule(text: str, pub: date, future: bool) -> str | None:
    y, m = pub.year, pub.month
    # "the end of the year", "the start of next month": the period itself
    text = re.sub(r"^(the )?(end|start|beginning|middle|rest|remainder) of (the )?", "", text)
    words = text.split()
    if words in (["year"], ["month"]):
        words = ["this", words[0]]
    rel = {"last": -1, "previous": -1, "past": -1, "this": 0, "current": 0, "next": 1, "coming": 1}
    if len(words) >= 2 and words[-1] in {"year", "month", "week"}:
        qualifier = [w for w in words[:-1] if w not in {"earlier", "later", "early", "late", "the"}]
        if len(qualifier) == 1 and qualifier[0] in rel:
            delta = rel[qualifier[0]]
            if words[-1] == "year":
                return str(y + delta)
            if words[-1] == "month":
                return _iso_month(*_shift_month(y, m, delta))
            return _week(pub + timedelta(weeks=delta))
    if text in {"today", "tonight", "this morning", "this afternoon", "this evening"}:
        return pub.isoformat()
    if text in {"yesterday", "last night"}:
        return (pub - timedelta(days=1)).isoformat()
    if text == "tomorrow":
        return (pub + timedelta(days=1)).isoformat()
    if re.fullmatch(r"(19|20)\d\d", text):
        return text
    if m_ := re.fullmatch(r"((?:19|20)\d\d) ?(?:to|until|and|-|–) ?((?:19|20)\d\d)", text):
        return f"{m_.group(1)}/{m_.group(2)}"
    if m_ := re.fullmatch(r"(?:the )?((19|20)\d)0'?s", text):
        return f"{m_.group(1)}0/{m_.group(1)}9"
    if m_ := re.fullmatch(r"(last |this |next |past )?(" + "|".join(WEEKDAYS) + r")( morning| afternoon| evening| night)?", text):
        wd = WEEKDAYS.index(m_.group(2))
        which = (m_.group(1) or "").strip()
        if which == "next" or (future and which != "last"):
            ahead = (wd - pub.weekday()) % 7 or 7
            return (pub + timedelta(days=ahead)).isoformat()
        back = (pub.weekday() - wd) % 7
        if back == 0 and which in {"last", "past"}:
            back = 7
        return (pub - timedelta(days=back)).isoformat()
    return None


_HAS_ANCHOR = re.compile(
    r"\d|ago|yesterday|today|tomorrow|tonight|" + "|".join(WEEKDAYS) + "|"
    + "|".join(m.lower() for m in calendar.month_name[1:]) + "|"
    + "|".join(m.lower() for m in calendar.month_abbr[1:]) + r"\b"
)


@lru_cache(maxsize=4096)
def resolve(text: str, pub_date: str | None, future: bool = False) -> str | None:
    """Resolve one time expression to an ISO value, or None. Cached: news repeats itself."""
    t = text.lower().strip().replace("’", "'")
    while (stripped := _TRIM.sub("", t)) != t:
        t = stripped
    if not t or _DURATION.match(t):
        return None
    has_year = re.search(r"\b(1[89]|20)\d\d\b", t) is not None
    if pub_date is None:  # only absolute expressions can be resolved
        if re.fullmatch(r"(19|20)\d\d", t):
            return t
        if not has_year:
            return None
    pub = date.fromisoformat(pub_date) if pub_date else date(2000, 1, 1)
    if (own := _own_rule(t, pub, future)) is not None:
        return own
    if not _HAS_ANCHOR.search(t):
        return None
    data = _parser(pub_date or "2000-01-01", future).get_date_data(t)
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    if data.period == "year":
        return str(d.year)
    if data.period == "month":
        return _iso_month(d.year, d.month)
    if data.period == "week":
        return _week(d)
    return d.isoformat()


# --------------------------------------------------------------------------- finding


def _extra_patterns(vocab) -> Matcher:
    matcher = Matcher(vocab)
    matcher.add("YEAR", [[{"SHAPE": "dddd", "TEXT": {"REGEX": r"^(1[89]|20)\d\d$"}}]])
    matcher.add(
        "RELATIVE",
        [[{"LOWER": {"IN": ["earlier", "later", "early", "late"]}, "OP": "?"},
          {"LOWER": {"IN": ["this", "last", "next"]}},
          {"LOWER": {"IN": ["year", "month", "week"]}}]],
    )
    year = {"TEXT": {"REGEX": r"^(1[89]|20)\d\d$"}}
    matcher.add("RANGE", [[{"LOWER": "from", "OP": "?"}, year, {"LOWER": {"IN": ["to", "until", "-", "–"]}}, year]])
    matcher.add("TIME", [[{"LOWER": {"IN": ["last", "this"]}}, {"LOWER": {"IN": ["night", "morning", "afternoon", "evening"]}}],
                         [{"LOWER": "tonight"}]])
    matcher.add(
        "FOLLOWING",
        [[{"LOWER": "the"}, {"LOWER": {"IN": ["following", "subsequent", "ensuing"]}}, {"LOWER": {"IN": ["years", "months"]}}]],
    )
    return matcher


@lru_cache(maxsize=4)
def _matcher_for(vocab) -> Matcher:
    return _extra_patterns(vocab)


def _is_future(span: Span) -> bool:
    """Does the clause the expression sits in speak of the future ("will meet on Tuesday")?"""
    if any(t.lower_ in {"next", "coming", "upcoming"} for t in span):
        return True
    verb = span.root
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    aux = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    return (bool(aux & _FUTURE_AUX) and "have" not in aux) or verb.lower_ == "going"  # "could have met": past


def find_times(doc: Doc, pub_date: str | None) -> list[TimeExpr]:
    """Every resolvable time expression in the Doc, in text order."""
    # a year range beats spaCy's two separate years; a bare year only where spaCy found no date
    matches = sorted(_matcher_for(doc.vocab)(doc), key=lambda m: m[1] - m[2])
    year = doc.vocab.strings["YEAR"]
    spans: list[Span] = []
    taken: set[int] = set()
    for span in ([doc[s:e] for k, s, e in matches if k != year] + [e for e in doc.ents if e.label_ == "DATE"]
                 + [doc[s:e] for k, s, e in matches if k == year]):
        if not any(i in taken for i in range(span.start, span.end)):
            spans.append(span)
            taken.update(range(span.start, span.end))
    out: list[TimeExpr] = []
    anchor_year: int | None = None  # latest year mentioned so far, for "in the following years"
    for span in sorted(spans, key=lambda s: s.start):
        if span.root.head.lower_ in _BOUND_PREPS or (span.start > 0 and doc[span.start - 1].lower_ in _BOUND_PREPS):
            continue
        text = span.text
        if _FOLLOWING.match(text.lower()):
            if anchor_year is None or pub_date is None:
                continue
            end_year = max(anchor_year + 1, int(pub_date[:4]))
            value = f"{anchor_year + 1}/{end_year}"
        else:
            value = resolve(text, pub_date, _is_future(span))
        if value is None:
            continue
        year = value.split("/")[-1][:4]
        if year.isdigit() and (pub_date is None or year < pub_date[:4]):
            anchor_year = int(year)
        out.append(TimeExpr(span.start, span.end, text, value))
    return out


# --------------------------------------------------------------------------- dating events


def _clause_verb(tok: Token) -> Token | None:
    """The nearest verb above a token (the clause it modifies)."""
    t = tok
    while t.head.i != t.i:
        t = t.head
        if t.pos_ in {"VERB", "AUX"} and t.dep_ not in {"aux", "auxpass"}:
            return t
    return None


def _governs(pred: Token, expr_root: Token) -> bool:
    """Does the time expression modify this predicate (not another clause)?"""
    if pred.pos_ in {"VERB", "AUX"}:
        return _clause_verb(expr_root) == pred
    # event nouns: the expression in the noun phrase ("the summit in Hanoi in 2019")
    return pred.left_edge.i <= expr_root.i <= pred.right_edge.i and _clause_verb(expr_root) == _clause_verb(pred)


def _direct(pred: Token, times: list[TimeExpr]) -> TimeExpr | None:
    doc = pred.doc
    found = [t for t in times if _governs(pred, doc[t.start : t.end].root)]
    return min(found, key=lambda t: abs(t.start - pred.i)) if found else None


def _nominal_under(head: Token, times: list[TimeExpr]) -> TimeExpr | None:
    """A time expression hanging under a noun phrase without any verb in between."""
    doc = head.doc
    for t in times:
        root = doc[t.start : t.end].root
        if head.left_edge.i <= root.i <= head.right_edge.i:
            x = root
            # "including" is tagged a verb but works as a preposition
            while x.i != head.i and x.head.i != x.i and (x.pos_ not in {"VERB", "AUX"} or x.dep_ == "prep"):
                x = x.head
            if x.i == head.i:
                return t
    return None


def time_for(pred: Token, times: list[TimeExpr]) -> TimeExpr | None:
    """The time expression that dates the event whose predicate is ``pred``, if the text has one.

    1. one that modifies the predicate itself (or sits in its noun phrase);
    2. one on a word the predicate depends on through a non-reporting link (xcomp, conj, an event
       noun's verb: "held talks in 2019"); reported clauses keep their own time;
    3. for a relative clause, one in an elaboration of its antecedent ("Trump, who met Kim ...,
       including the summit in 2019"); for an event noun, one on a conjoined noun.
    """
    if not times:
        return None
    t = pred
    for _ in range(6):
        if (found := _direct(t, times)) is not None:
            return found
        if t.dep_ in {"relcl", "acl"} and (found := _nominal_under(t.head, times)) is not None:
            return found
        if t.pos_ in {"NOUN", "PROPN"}:
            for conj in t.conjuncts:
                if (found := _nominal_under(conj, times)) is not None:
                    return found
        if t.dep_ in _ANCHOR_DEPS or t.head.i == t.i:
            return None
        t = t.head
    return None


_IRREALIS_AUX = {"will", "would", "could", "may", "might", "shall", "should", "can", "'ll", "wo"}


def event_date(pred: Token, times: list[TimeExpr], pub_date: str | None,
               role_times: list[TimeExpr] = ()) -> tuple[str | None, str | None, str | None]:
    """(date, basis, date_text) of the event: from the text, else from a role period ("during his
    first term"), else the publication date. A past role period does not date a modal or future
    predicate ("could lead to a breakthrough, as it did during his first term")."""
    found = time_for(pred, times)
    if found is not None:
        return found.value, "text", found.text
    found = time_for(pred, list(role_times))
    if found is not None:
        irrealis = any(c.dep_ == "aux" and c.lower_ in _IRREALIS_AUX for c in pred.children)
        if not (irrealis and is_historical(found.value, pub_date, 0)):
            return found.value, "role", found.text
    if pub_date:
        return pub_date, "publication", None
    return None, None, None
