"""Certainty: how sure the text is that an event happened, from cues that govern its predicate.

A cue counts only when it is in the predicate's scope in the dependency tree. From the predicate
we climb its *governing chain*: through clausal complements (xcomp, ccomp, acomp, pcomp), an
event noun's verb ("considering talks", "the road to talks seems"), prepositions ("thinking of
reopening") and infinitival noun complements ("plans to visit"), stopping at relative and adverbial
clauses and after a reporting verb ("said that ..."). On each word of the chain we look at its
modifiers (neg, modal aux, mark, advmod, amod, det) and, above the predicate, at the word itself as
a governor ("plans to", "is said to", "seems to").

A negative subject ("nobody", "none of the parties", "no country", "neither side", "not one
soldier") negates its clause: the predicate's, or that of a verb the chain climbed to by a clause or
an object. Over a preposition only the agent of a verb that governs the event counts ("no country
has agreed to talks"), not a verb the event merely hangs on ("no one was hurt in the attack", "no
date was set for the withdrawal"); nor does an excepted subject ("no country except Belarus").
Two negations on one word leave the event possible, hedged ("nobody refused to attend", "did not
rule out talks").
Negation above an indirect question leaves its event as given ("nobody knows who ordered the
strike"). Phrases listed as ``not_cues`` ("not only", "nothing but", "no sooner", "No. 10") are no
cues at all. An act warned of or threatened is a future one ("warned of new attacks", "warned that
strikes could follow": intended); an act warned against is hypothetical.

Classes, strongest first: negated > hypothetical > intended > hedged > asserted. The event's
certainty is the strongest class found; ``flags`` keeps every class found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.tokens import Token

from ..records import CERTAINTIES

DATA = Path(__file__).resolve().parents[1] / "data" / "provenance"

_VERB_UP = {"xcomp", "ccomp", "acomp", "pcomp", "csubj", "oprd"}
_NOUN_UP = {"dobj", "pobj", "nsubj", "nsubjpass", "attr", "appos", "conj", "compound", "dative", "oprd", "npadvmod"}
_MODIFIER_DEPS = {"advmod", "amod", "det", "npadvmod", "preconj", "neg"}
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_SUBJECT_MODIFIER_DEPS = {"det", "neg", "preconj", "advmod"}  # "no country", "neither Russia nor", "not a single"
_WH_TAGS = {"WP", "WP$", "WRB", "WDT"}
_RANK = {c: i for i, c in enumerate(CERTAINTIES)}


@dataclass(frozen=True, slots=True)
class Cues:
    """Cue lemmas by position, each mapped to its certainty class."""

    modifiers: dict[str, str]
    modals: dict[str, str]
    marks: dict[str, str]
    governors: dict[str, str]
    passive: dict[str, str]
    subjects: dict[str, str]  # a clause's subject, or its determiner: "nobody", "no (country)"
    forecasts: dict[str, str]  # verbs whose clause with a modal states a future act
    not_cues: re.Pattern[str] | None  # phrases opening with a cue word that are no cue ("not only")
    subject_exceptions: frozenset[str]  # prepositions excepting from a negative subject ("except")
    # verbs whose negative subject says nothing of the act below ("nobody expected the army to seize")
    subject_opaque: frozenset[str]
    statement_words: dict[str, frozenset[str]]  # event type -> words that state it ("threaten")
    reporting: frozenset[str]  # reporting verbs: the chain stops above them


def _merge(target: dict[str, str], words, cls: str) -> None:
    for w in words or ():
        w = str(w).lower()
        if w not in target or _RANK[cls] < _RANK[target[w]]:
            target[w] = cls


def _read_lines(path: Path) -> list[str]:
    return [ln.strip().lower() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=8)
def load_cues(extra_files: tuple[str, ...] = ()) -> Cues:
    """Packaged cues plus user YAML files of the same form as certainty_cues.yaml."""
    keys = ("modifiers", "modals", "marks", "governors", "passive", "subjects", "forecasts")
    tables: dict[str, dict[str, str]] = {k: {} for k in keys}
    not_hedges: set[str] = set()
    not_cues: set[str] = set()
    exceptions: set[str] = set()
    opaque: set[str] = set()
    statements: dict[str, set[str]] = {}
    for path in (DATA / "certainty_cues.yaml", *map(Path, extra_files)):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        not_hedges.update(str(w).lower() for w in data.get("not_hedges", []))
        not_cues.update(str(w).lower() for w in data.get("not_cues", []))
        exceptions.update(str(w).lower() for w in data.get("subject_exceptions", []))
        opaque.update(str(w).lower() for w in data.get("subject_opaque", []))
        for etype, words in (data.get("statement_words") or {}).items():
            statements.setdefault(str(etype).upper(), set()).update(str(w).lower() for w in words)
        for cls in CERTAINTIES:
            for key, table in tables.items():
                _merge(table, (data.get(cls) or {}).get(key), cls)
    # reference hedge words: single words act as modifiers or governors; phrases are skipped
    for w in _read_lines(DATA / "hedges.txt"):
        if w not in not_hedges and " " not in w:
            _merge(tables["modifiers"], [w], "hedged")
            _merge(tables["governors"], [w], "hedged")
    from .quotes import load_quote_cues

    # longest first, so that "no one but" wins over "no one"; a phrase must end at a word boundary
    phrases = "|".join(re.escape(w) for w in sorted(not_cues, key=len, reverse=True))
    pattern = re.compile(rf"(?:{phrases})(?!\w)", re.IGNORECASE) if phrases else None
    return Cues(**tables, not_cues=pattern, subject_exceptions=frozenset(exceptions), subject_opaque=frozenset(opaque),
                statement_words={k: frozenset(v) for k, v in statements.items()},
                reporting=frozenset(load_quote_cues().verbs))


def _opens_not_cue(tok: Token, cues: Cues) -> bool:
    return cues.not_cues is not None and cues.not_cues.match(tok.doc.text, tok.idx) is not None


def _cue(tok: Token, table: dict[str, str], cues: Cues) -> str | None:
    """The class of ``tok`` as a cue word in ``table``, unless it opens one of the ``not_cues``."""
    cls = table.get(tok.lemma_.lower()) or table.get(tok.lower_)
    return None if cls is None or _opens_not_cue(tok, cues) else cls


def subject_class(verb: Token, cues: Cues, deps: frozenset[str] = _SUBJECT_DEPS) -> str | None:
    """The class a verb's subject gives its clause: "nobody", "none of", "no country", "neither
    side", "neither Russia nor Ukraine", "not a single state" are negated."""
    for subj in verb.children:
        if subj.dep_ not in deps or any(c.dep_ in {"prep", "cc"} and c.lemma_.lower() in cues.subject_exceptions
                                        for c in subj.children):
            continue  # "no country except Russia recognised it", "not Russia but Ukraine": someone did
        if (cls := _cue(subj, cues.subjects, cues)) is not None:
            return cls
        # the determiner, or the negation of a number: "not one soldier"
        words = [c for c in subj.children if c.dep_ in _SUBJECT_MODIFIER_DEPS]
        words += [n for c in subj.children if c.dep_ == "nummod" for n in c.children if n.dep_ == "neg"]
        for c in words:
            if (cls := _cue(c, cues.subjects, cues)) is not None:
                return cls
    return None


def governing_chain(pred: Token, cues: Cues) -> list[tuple[Token, str | None]]:
    """The predicate and the words above it in its scope, each with the preposition it was
    reached through ("thinking" via "of"). Stops after a reporting verb."""
    chain: list[tuple[Token, str | None]] = [(pred, None)]
    t, via = pred, None
    for _ in range(8):
        h, rel = t.head, t.dep_
        if h.i == t.i:
            break
        if t.pos_ == "ADP" or rel == "prep":
            via = t.lemma_.lower()
            t = h
            chain.append((t, via))
            continue
        is_verb = t.pos_ in {"VERB", "AUX"}
        if is_verb:
            has_subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in t.children)
            infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
            climb = rel in _VERB_UP or (rel == "conj" and not has_subject) or (rel == "acl" and infinitive)
        else:
            climb = rel in _NOUN_UP or rel in _VERB_UP or (t.pos_ == "ADJ" and rel == "amod")
        if not climb:
            break
        t, via = h, None
        chain.append((t, via))
        if t.lemma_.lower() in cues.reporting and rel in {"ccomp", "xcomp", "dobj"}:
            break
    return chain


def _gov_class(tok: Token, via: str | None, came_by: str, cues: Cues) -> str | None:
    lemma = tok.lemma_.lower()
    prep = via or ("to" if came_by == "xcomp" else None)  # "warned residents to leave" as "warn to"
    if prep and f"{lemma} {prep}" in cues.governors:
        return cues.governors[f"{lemma} {prep}"]
    particle = next((c.lemma_.lower() for c in tok.children if c.dep_ == "prt"), None)
    if particle and f"{lemma} {particle}" in cues.governors:
        return cues.governors[f"{lemma} {particle}"]
    passive = any(c.dep_ == "auxpass" for c in tok.children)
    if passive and came_by == "xcomp" and lemma in cues.passive:
        return cues.passive[lemma]
    for key in (f"{lemma}/{tok.pos_}", lemma, tok.lower_):
        if key in cues.governors and not (via and tok.pos_ in {"VERB", "AUX"} and lemma in cues.reporting):
            return cues.governors[key]
    return None


def _asks(clause: Token) -> bool:
    """Whether a clause is an indirect question: its event is taken as given, only who, what or
    where is in doubt, so a negation above it ("do not know who") does not negate it."""
    return clause.dep_ in {"ccomp", "xcomp"} and any(
        c.tag_ in _WH_TAGS and c.dep_ in {"nsubj", "nsubjpass", "dobj", "advmod", "attr"} for c in clause.children
    )


def _classes_at(tok: Token, via: str | None, came_by: str | None, cues: Cues, reported: bool,
                forecast: str | None) -> set[str]:
    """The classes the cues on one word of the chain give the predicate (``came_by``: the dependency
    the chain reached it through, None for the predicate itself)."""
    found: set[str] = set()
    governs = None
    if came_by is not None:
        governs = _gov_class(tok, via, came_by, cues)
        if tok.lemma_.lower() in cues.reporting:
            return {governs} - {None}  # the reporter's own modifiers are about the report, not the event
    # a subject speaks for the event in its clause; over a preposition only the agent of a verb
    # that governs the event does ("no country agreed to talks", not "no deadline was set for")
    opaque = came_by is not None and tok.lemma_.lower() in cues.subject_opaque
    if via is None and not opaque and (cls := subject_class(tok, cues)) is not None:
        found.add(cls)
    elif governs is not None and not opaque and (cls := subject_class(tok, cues, frozenset({"nsubj"}))) is not None:
        found.add(cls)
    perfect = any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in tok.children)
    for c in tok.children:
        lemma, dep = c.lemma_.lower(), c.dep_
        if dep == "neg":
            if not _opens_not_cue(c, cues):
                found.add("negated")
        elif dep == "aux" and lemma in cues.modals:
            cls = cues.modals[lemma]
            found.add("intended" if cls == "hypothetical" and lemma == "would" and reported else cls)
            if forecast and cls == "hedged" and not perfect:
                found.add(forecast)  # "warned that strikes could follow", not "could have used"
        elif dep == "mark" and lemma in cues.marks:
            found.add(cues.marks[lemma])
        elif dep in _MODIFIER_DEPS and (cls := _cue(c, cues.modifiers, cues)) is not None:
            found.add(cls)
        elif dep == "advcl" and tok.pos_ in {"VERB", "AUX"} and any(
            m.dep_ == "mark" and cues.marks.get(m.lemma_.lower()) == "hypothetical" for m in c.children
        ):
            found.add("hypothetical")  # the consequent of a condition ("if ..., Israel could strike")
    if governs == "negated" and "negated" in found:
        # a negated negation leaves the event possible: "nobody refused to attend", "did not rule out talks"
        found.discard("negated")
        governs = "hedged"
    return found | {governs} - {None}


def stating_word(pred: Token, event_type: str, cues: Cues) -> Token | None:
    """The word above ``pred`` that states an event of ``event_type`` ("threatened" over "to
    strike" for a THREATEN), or None."""
    words = cues.statement_words.get(event_type, frozenset())
    return next((t for t, _ in governing_chain(pred, cues)[1:] if t.lemma_.lower() in words), None)


def certainty_of(pred: Token, cues: Cues | None = None) -> tuple[str, list[str]]:
    """(certainty, flags) of the event whose predicate is ``pred``."""
    cues = cues or load_cues()
    chain = governing_chain(pred, cues)
    above = [t.lemma_.lower() for t, _ in chain[1:]]
    reported = any(w in cues.reporting for w in above)
    forecast = next((cues.forecasts[w] for w in above if w in cues.forecasts), None)
    found: set[str] = set()
    asked = False  # the chain has left an indirect question ("nobody knows who ordered the strike")
    for k, (tok, via) in enumerate(chain):
        asked = asked or (k > 0 and _asks(chain[k - 1][0]))
        here = _classes_at(tok, via, chain[k - 1][0].dep_ if k > 0 else None, cues, reported, forecast)
        found |= here - {"negated"} if asked else here
    flags = [c for c in CERTAINTIES if c in found]
    return (flags[0] if flags else "asserted"), flags
