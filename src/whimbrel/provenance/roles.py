"""Role periods as time: "during his first term" dated by the actor's dated roles in the KB.

The possessor ("his", "Trump's") is resolved by the actor resolver (``token._.actor``, with its
coreference); its titled roles come from ``whimbrel.actors.kb``. "first"/"second" pick that titled
role, "previous"/"former"/"last" the latest one ended before publication, none the one held at
publication or else the latest before. Values are ISO intervals ("2017-01-20/2021-01-20").
"""

from __future__ import annotations

from spacy.tokens import Doc

from .timex import TimeExpr

ROLE_NOUNS = {"term", "presidency", "tenure", "premiership", "administration", "mandate", "reign", "rule",
              "chancellorship", "leadership", "government"}
ORDINALS = {"first": 0, "second": 1, "third": 2, "fourth": 3, "fifth": 4}
EARLIER = {"previous", "former", "last", "earlier", "past", "prior"}


def _pick(roles, qualifier: str | None, pub_date: str | None):
    if qualifier in ORDINALS:
        k = ORDINALS[qualifier]
        return roles[k] if k < len(roles) else None
    if qualifier in EARLIER:
        ended = [r for r in roles if r.end and (pub_date is None or r.end < pub_date)]
        return ended[-1] if ended else None
    if pub_date:
        active = [r for r in roles if r.active(pub_date)]
        if active:
            return active[-1]
        before = [r for r in roles if (r.start or "") <= pub_date]
        return before[-1] if before else None
    return None


def find_role_times(doc: Doc, pub_date: str | None, kb) -> list[TimeExpr]:
    """Time expressions given by a possessed role noun ("his first term", "Merkel's chancellorship")."""
    out: list[TimeExpr] = []
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in ROLE_NOUNS:
            continue
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        actor = poss._.actor if poss is not None else None
        if actor is None or not actor.id:
            continue
        # a post is a titled role; "-elect" periods are waits, not terms
        roles = [r for r in kb.roles_of(actor.id) if r.title and "elect" not in r.title and r.start]
        qualifier = next((c.lower_ for c in tok.children if c.dep_ == "amod" and c.lower_ in ORDINALS.keys() | EARLIER), None)
        role = _pick(roles, qualifier, pub_date)
        if role is None:
            continue
        start = min(poss.left_edge.i, tok.i)
        span = doc[start : tok.i + 1]
        out.append(TimeExpr(span.start, span.end, span.text, f"{role.start}/{role.end or pub_date or ''}".rstrip("/")))
    return out
