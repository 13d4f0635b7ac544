"""Typed records that flow between Whimbrel's stages and out to users.

Two layers:
- *mentions* (ActorMention, EventMention, QuoteMention) live on a spaCy ``Doc``
  through ``Doc._`` extensions and point at tokens;
- *records* (Document, Actor, Event, Quote, Skip) are plain values with character
  offsets, made once per document by ``whimbrel.pipeline.records_from_doc``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

CERTAINTIES: tuple[str, ...] = ("negated", "hypothetical", "intended", "hedged", "asserted")
"""Certainty values, strongest first: when several apply, the earliest wins."""

SECTORS: tuple[str, ...] = (
    "government", "military", "police", "judiciary", "legislature", "opposition",
    "rebels", "insurgents", "terrorists", "militia", "civilians", "protesters", "media",
    "business", "labour", "religious", "education", "health", "refugees", "criminal",
    "ngo", "igo", "party", "intelligence", "other",
)
"""Whimbrel's sector vocabulary (an actor's role in society)."""

HOME_SECTORS: frozenset[str] = frozenset({"police", "judiciary"})
"""Sectors of state bodies that act only at home: the people they act on are their country's."""


# --------------------------------------------------------------------------- input


@dataclass(frozen=True, slots=True)
class Document:
    """One input document, as a reader produced it."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None  # publication date, ISO "YYYY-MM-DD"
    url: str | None = None
    outlet: str | None = None
    path: str | None = None  # where it was read from ("file.jsonl:12" for a line)
    dateline_place: str | None = None  # the place its wire dateline names, as written ("KYIV", "Gaza City")


@dataclass(frozen=True, slots=True)
class Skip:
    """A document that could not be coded, and why. Nothing is silently lost."""

    source: str
    code: str  # catalogue code from whimbrel.errors, e.g. "W101"
    reason: str


# --------------------------------------------------------------------------- on the Doc


@dataclass(slots=True)
class ActorMention:
    """An actor found in a Doc: tokens [start, end) resolved to an entity."""

    start: int  # token index
    end: int  # token index, exclusive
    name: str | None  # resolved display name ("Kim Jong-un", "North Korea")
    id: str | None  # KB id or None for unnamed actors ("unidentified gunmen")
    country: str | None  # ISO alpha-3 or None
    sector: str | None  # from SECTORS or None
    # how it was resolved: "dictionary" | "entity" | "title" | "metonym" | "coref" | "sector" |
    # "compound" | "possessive" | "place" | "document" (the text's one country) | "dateline" (the
    # country the story is filed from) | "spelling" | "user"
    resolved_by: str
    title: str | None = None  # role title when resolved through one ("president-elect")
    members: list["ActorMention"] = field(default_factory=list)  # compound actors ("Armenia and Azerbaijan")


@dataclass(slots=True)
class EventMention:
    """An event found in a Doc. Provenance fields are filled by the provenance stage."""

    type: str  # PLOVER type, upper case
    mode: str | None
    context: str | None
    cameo: str  # CAMEO code as a string ("036")
    intensity: float | None  # PLOVER intensity / conflict-cooperation score
    goldstein: float | None
    trigger: int  # token index of the predicate (verb or event noun)
    start: int  # token span of the evidence [start, end)
    end: int
    source: ActorMention | None
    target: ActorMention | None
    pattern: str | None = None  # which dictionary pattern matched, for explanation
    evidence: list[tuple[int, int]] = field(default_factory=list)  # token spans of every mention, this one first
    # the coder made a negated act its REJECT ("would not step down"): the negation is the event, not a doubt
    negation_coded: bool = False
    # provenance (defaults until the provenance stage runs)
    certainty: str = "asserted"
    flags: list[str] = field(default_factory=list)
    date: str | None = None
    date_basis: str | None = None  # "text" | "publication" | "role" | None
    date_text: str | None = None
    attribution: "AttributionInfo | None" = None
    quote: int | None = None  # index into doc._.quotes when the event is inside a quote
    confidence: float | None = None


@dataclass(slots=True)
class AttributionInfo:
    """Who says so. ``chain`` lists every source from the nearest speaker outwards."""

    text: str  # as written ("Reuters and other sources familiar with the discussions")
    kind: str  # "outlet" | "person" | "office" | "anonymous" | "document"
    actor: ActorMention | None = None
    outlet: str | None = None  # outlet name/domain when kind == "outlet"
    rating: float | None = None  # outlet quality rating 0..1 when known
    chain: list["AttributionInfo"] = field(default_factory=list)


@dataclass(slots=True)
class QuoteMention:
    """A direct or indirect quote: char offsets of the quoted text, its speaker and cue."""

    start_char: int
    end_char: int
    kind: str  # "direct" | "indirect"
    speaker: ActorMention | None
    speaker_text: str | None
    cue: str | None  # cue verb lemma ("say", "tell", "according to")
    date: str | None = None  # when it was said, resolved like an event date ("Earlier this year" -> "2024")


# --------------------------------------------------------------------------- output


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor in an output record."""

    text: str
    name: str | None
    id: str | None
    country: str | None
    sector: str | None
    resolved_by: str
    start: int  # char offsets in the document text
    end: int


@dataclass(frozen=True, slots=True)
class Attribution:
    text: str
    kind: str
    name: str | None = None
    id: str | None = None
    country: str | None = None
    outlet: str | None = None
    rating: float | None = None
    chain: tuple["Attribution", ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    doc_id: str
    text: str
    start: int
    end: int
    kind: str
    speaker: Actor | None
    speaker_text: str | None
    cue: str | None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event: the public, stable record (see README, "Event record")."""

    doc_id: str
    type: str
    mode: str | None
    context: str | None
    cameo: str
    intensity: float | None
    goldstein: float | None
    source: Actor | None
    target: Actor | None
    certainty: str
    flags: tuple[str, ...]
    confidence: float | None
    date: str | None
    date_basis: str | None
    date_text: str | None
    attribution: Attribution | None
    quoted: bool
    sentence: str
    trigger: str
    start: int
    end: int
    pattern: str | None
    event_id: str = ""  # stable hash of doc_id + evidence span + type
    # every place the document mentions this same event (char offsets), the first one included
    evidence: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
