"""Attribution: who says so. Builds the chain of sources for an event, nearest speaker first.

Sources, nearest first:
1. the speaker of the direct quote the event is in;
2. the subject of a reporting verb that governs the event's clause ("Kim said that ..."), else the
   speaker of the indirect quote the event is in ("said in a statement that ...");
3. an "according to X" / "per X" phrase in the event's sentence;
4. for an event hedged as reported ("allegedly", "is said to") with no source of its own, the
   "according to" source of the next, else the previous sentence (news leads name their source
   one sentence later);
then the source of the reporting clause itself, if it is reported in turn, and last the document's
own outlet, or the outlets an article of unknown origin cites (kind "document"). Each source
phrase is split on its conjuncts ("Reuters and other sources familiar with the discussions") and
each part typed as outlet, person, office or anonymous; a pronoun is named by the phrase it stands for.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.tokens import Doc, Span, Token

from ..datelines import dateline_of
from ..records import AttributionInfo, QuoteMention
from .certainty import Cues, governing_chain
from .outlets import OutletTable
from .quotes import CARRIER_NOUNS, QuoteCues, according_to, antecedent_phrase, clause_of, speaker_mention, subject_of

DATA = Path(__file__).resolve().parents[1] / "data" / "provenance"

_REPORTIVE = {"allegedly", "reportedly", "purportedly", "supposedly", "reported", "alleged", "rumoured", "rumored"}
_PERSON_PRONOUNS = {"he", "she", "i", "we", "they"}
_NAME_LABELS = {"ORG", "PERSON", "GPE", "NORP", "WORK_OF_ART"}


@dataclass(frozen=True, slots=True)
class Anonymous:
    nouns: frozenset[str]
    phrases: tuple[str, ...]


@lru_cache(maxsize=1)
def load_anonymous() -> Anonymous:
    data = yaml.safe_load((DATA / "anonymous_sources.yaml").read_text(encoding="utf-8"))
    return Anonymous(frozenset(data.get("nouns", [])), tuple(p.lower() for p in data.get("phrases", [])))


def _parts(head: Token) -> list[Token]:
    """The heads a source phrase names: through a carrier noun ("a report from Reuters") and conjuncts."""
    if head.lemma_.lower() in CARRIER_NOUNS:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in {"from", "by", "of", "in"}:
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    head = obj
                    break
    return [head, *head.conjuncts]


def _part_span(tok: Token) -> Span:
    keep = [tok] + [t for c in tok.children if c.dep_ not in {"conj", "cc", "punct", "appos", "relcl"} for t in c.subtree]
    return tok.doc[min(t.i for t in keep) : max(t.i for t in keep) + 1]


def describe(head: Token, outlets: OutletTable, anon: Anonymous) -> list[AttributionInfo]:
    """One AttributionInfo per source the phrase headed by ``head`` names."""
    out = []
    for part in _parts(head):
        span = antecedent_phrase(part) or _part_span(part)
        text = span.text
        actor = speaker_mention(part)
        names = [e for e in part.doc.ents if span.start <= e.start and e.end <= span.end and e.label_ in _NAME_LABELS]
        outlet = None
        if part.ent_type_ != "PERSON":
            for cand in [*(e.text for e in names), text]:
                outlet = outlets.by_name(cand)
                if outlet is not None:
                    break
        low = text.lower()
        if outlet is not None:
            out.append(AttributionInfo(text, "outlet", actor, outlet.domain or outlet.name, outlet.rating))
        # "U.S. officials" names a country, not a person: still anonymous
        elif (part.lemma_.lower() in anon.nouns and not any(e.label_ == "PERSON" for e in names)
              and not (actor and actor.id and actor.id.islower())) or any(p in low for p in anon.phrases):
            out.append(AttributionInfo(text, "anonymous", actor))
        elif (part.ent_type_ == "PERSON" or part.lower_ in _PERSON_PRONOUNS or any(e.label_ == "PERSON" for e in names)
              or (actor is not None and actor.id is not None and actor.id.islower())):  # person ids are lower case
            out.append(AttributionInfo(text, "person", actor))
        else:
            out.append(AttributionInfo(text, "office", actor))
    return out


def _sentence_source(sent: Span, qcues: QuoteCues, quotes: list[QuoteMention],
                     scope: set[int] | None = None) -> Token | None:
    """The object of the sentence's "according to" / "per" phrase, if it covers the event: the phrase
    attaches to the main clause or to a clause in ``scope`` (the event's governing words)."""
    acc = according_to(sent, qcues)
    if acc is None or any(q.kind == "direct" and q.start_char <= acc[0].idx < q.end_char for q in quotes):
        return None
    clause = clause_of(acc[0])
    if scope is not None and clause.i != sent.root.i and clause.i not in scope:
        return None
    return acc[1]


def speaker_head(cue: Token) -> Token | None:
    """The speaker of a cue: a reporting verb's subject, or the object of "according to" / "per"."""
    if cue.pos_ in {"VERB", "AUX"} and cue.dep_ != "prep":
        return subject_of(cue)
    holders = [cue, cue.nbor(1)] if cue.i + 1 < len(cue.doc) else [cue]
    return next((c for h in holders for c in h.children if c.dep_ in {"pobj", "dobj"}), None)


def source_heads(pred: Token, cues: Cues, qcues: QuoteCues, quotes: list[QuoteMention], quote_verbs: list[Token | None],
                 quote_i: int | None, reportive: bool) -> list[Token]:
    """Head tokens of the sources of an event, nearest first (see the module docstring)."""
    heads: list[Token] = []
    anchor = pred
    scope: set[int] = {pred.i}
    if quote_i is not None and quotes[quote_i].kind == "direct" and quote_verbs[quote_i] is not None:
        anchor = quote_verbs[quote_i]
        if (subj := speaker_head(anchor)) is not None:
            heads.append(subj)
    for _ in range(3):  # reporting verbs above the anchor, outwards
        chain = governing_chain(anchor, cues)
        scope.update(t.i for t, _ in chain)
        top = chain[-1][0]
        # "..., the military said" hanging on the clause (parataxis) reports it too
        aside = next((c for t, _ in chain for c in t.children if c.dep_ == "parataxis"
                      and c.lemma_.lower() in cues.reporting and subject_of(c) is not None), None)
        # "X said that ..." reports; "is said to" (passive) and "X's report" (a noun's verb) do not
        if (len(chain) > 1 and top.lemma_.lower() in cues.reporting and chain[-2][0].dep_ in {"ccomp", "parataxis"}
                and not any(c.dep_ == "auxpass" for c in top.children) and (subj := subject_of(top)) is not None):
            heads.append(subj)
            anchor = top
        elif aside is not None:
            heads.append(subject_of(aside))
            anchor = aside
        else:
            break
    # reported speech the parse does not chain to its verb ("said in a statement that ..."): the quote's speaker
    if (not heads and quote_i is not None and quotes[quote_i].kind == "indirect" and quote_verbs[quote_i] is not None
            and (subj := speaker_head(quote_verbs[quote_i])) is not None):
        heads.append(subj)
    sent_src = _sentence_source(pred.sent, qcues, quotes, scope)
    if sent_src is not None and all(h.i != sent_src.i for h in heads):
        heads.append(sent_src)
    if not heads and reportive:
        doc, s = pred.doc, pred.sent
        neighbours = []
        if s.end < len(doc):
            neighbours.append(doc[s.end].sent)
        if s.start > 0:
            neighbours.append(doc[s.start - 1].sent)
        for n in neighbours:
            if (src := _sentence_source(n, qcues, quotes)) is not None:
                heads.append(src)
                break
    return heads


def is_reportive(pred: Token, cues: Cues) -> bool:
    """Is the event hedged as hearsay ("allegedly", "reportedly", "is said to")?"""
    for tok, _ in governing_chain(pred, cues):
        if any(c.lower_ in _REPORTIVE for c in tok.children):
            return True
        if tok.i != pred.i and tok.lemma_.lower() in cues.passive and any(c.dep_ == "auxpass" for c in tok.children):
            return True
    return False


def attribution_for(pred: Token, cues: Cues, qcues: QuoteCues, quotes: list[QuoteMention], quote_verbs: list[Token | None],
                    quote_i: int | None, outlets: OutletTable, anon: Anonymous,
                    documents: list[AttributionInfo]) -> AttributionInfo | None:
    """The event's attribution: its nearest source, with the whole chain outwards."""
    heads = source_heads(pred, cues, qcues, quotes, quote_verbs, quote_i, is_reportive(pred, cues))
    groups = [describe(h, outlets, anon) for h in heads]
    chain: list[AttributionInfo] = [a for g in groups for a in g]
    cited = {a.outlet for a in chain if a.outlet}
    chain.extend(d for d in documents if d.outlet not in cited)
    if not chain:
        return None
    # the nearest source phrase names the attribution; a named part beats an anonymous one
    nearest = groups[0] if groups else chain
    top = next((a for a in nearest if a.kind != "anonymous"), nearest[0])
    return AttributionInfo(top.text, top.kind, top.actor, top.outlet, top.rating, chain)


def document_sources(doc: Doc, outlets: OutletTable, qcues: QuoteCues, quotes: list[QuoteMention],
                     anon: Anonymous) -> list[AttributionInfo]:
    """The last links of every chain: the document's own outlet (from its outlet field or URL) or,
    when its origin is unknown, the agency of its wire dateline and the outlets it cites in its own
    voice ("..., per ZeroHedge"; "according to a report from Reuters"): an article of unknown
    origin is only as good as the outlets it relays."""
    document = doc._.document
    if document is not None and (document.url or document.outlet):
        found = outlets.for_document(document.url, document.outlet)
        text = document.outlet or document.url or ""
        if found is None:
            return [AttributionInfo(text, "document", None, document.outlet, None)]
        return [AttributionInfo(text, "document", None, found.domain or found.name, found.rating)]
    cited: dict[str, AttributionInfo] = {}
    # a wire dateline names the agency: "KYIV, Nov 14 (Reuters) - ..."
    if (d := dateline_of(doc)) and d.agency and (found := outlets.by_name(d.agency)) is not None:
        key = found.domain or found.name
        cited[key] = AttributionInfo(d.agency, "document", None, key, found.rating)
    for sent in doc.sents:
        heads = [h for h in (_sentence_source(sent, qcues, quotes),) if h is not None]
        root = sent.root
        if root.lemma_.lower() in qcues.verbs and (subj := subject_of(root)) is not None:
            heads.append(subj)
        for h in heads:
            for a in describe(h, outlets, anon):
                if a.kind == "outlet" and a.outlet not in cited:
                    cited[a.outlet] = AttributionInfo(a.text, "document", None, a.outlet, a.rating)
    return list(cited.values())
