"""Predicate patterns: a verb or event-noun lemma plus the words that decide its meaning.

A pattern matches a trigger token when every required word occurs in the right slot of
the trigger's dependency neighbourhood (its ``Frame``):

- ``pre``: words left of the trigger (subject, auxiliaries: "will host");
- ``objects``: objects, particles and complements ("send *troops*", "call *off*");
- ``preps``: prepositional phrases, with or without required words ("call *for* talks",
  "meet *with*").

A ``reverse`` pattern is one whose subject receives the act (CAMEO's ``[:code]``: "faced
pressure from Congress", "died in an Israeli raid"): the other party is its source.

A required word is a set of alternatives: ``a|b`` or ``&set`` (a CAMEO synonym set). The most
specific matching pattern wins; among equally specific ones the highest-priority source
(user files, then Whimbrel's curated patterns, then the CAMEO dictionary) and then file order.
A pattern whose CAMEO code is empty (or a statement/appeal code) blocks coding: "send a
message" is not "send troops".
"""

from __future__ import annotations

from collections import defaultdict
from itertools import chain
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from spacy.tokens import Token

from .ontology import _data, read_csv

# Dependency labels whose subtrees fill each slot of a frame.
OBJECT_DEPS = frozenset({"dobj", "obj", "prt", "attr", "oprd", "acomp", "dative", "npadvmod", "advmod", "compound"})
PRE_DEPS = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "advmod", "neg", "amod", "compound", "poss"})
PREP_DEPS = frozenset({"prep", "agent"})
CLAUSE_DEPS = frozenset({"relcl", "acl", "ccomp", "advcl", "conj", "cc", "punct", "appos", "parataxis"})

Requirement = frozenset[str]
ANY_OBJECT = "<obj>"  # pattern word meaning "has a direct object" ("returned <obj> to")


@dataclass(frozen=True, slots=True)
class Pattern:
    lemma: str
    pos: str  # "verb" | "noun"
    pre: tuple[Requirement, ...]
    objects: tuple[Requirement, ...]
    preps: tuple[tuple[str, tuple[Requirement, ...]], ...]
    cameo: str  # "" = no event
    source: str  # "user:<file>", "whimbrel", "cameo"
    priority: int  # lower wins among equally specific patterns
    order: int
    type: str | None = None  # PLOVER type overriding the CAMEO->PLOVER table
    mode: str | None = None
    text: str = ""  # the pattern as written, for explanations
    reverse: bool = False  # the subject receives the act ("faced pressure from Congress", "died in a raid")

    @property
    def specificity(self) -> int:
        return len(self.pre) + len(self.objects) + sum(1 + len(w) for _, w in self.preps)


@dataclass(slots=True)
class Frame:
    """The words around a trigger, by slot (lower-case forms and lemmas)."""

    pre: set[str]
    objects: set[str]
    preps: dict[str, set[str]]
    heads: set[str] = field(default_factory=set)  # the direct objects' own words ("attack", not "missile")


def _words(tokens: Iterable[Token]) -> set[str]:
    out: set[str] = set()
    for t in tokens:
        out.add(t.lower_)
        out.add(t.lemma_.lower())
    return out


def _in_name(t: Token) -> bool:
    """Is ``t`` a word inside a named actor that is not the name's head ("Security" in "the UN
    Security Council", "Defense" in "Israel Defense Forces")? Such words do not decide what a
    predicate means ("demanded a Security Council meeting" demands no security); the head does
    ("sent the People's Liberation Army" sends forces), and so does a title ("called Prime Minister
    Netanyahu"). Only names the actor stage resolved count: spaCy's entities alone also cover
    capitalised common phrases ("lifted the State of Emergency")."""
    a = t._.actor
    if a is None or t.pos_ != "PROPN" or t.head.i == t.i or not a.start <= t.head.i < a.end:
        return False
    return not a.title or t.lower_ not in a.title.lower().split()


def _object_words(tokens: Iterable[Token]) -> set[str]:
    return _words(t for t in tokens if not _in_name(t))


def _phrase_tokens(tok: Token) -> Iterator[Token]:
    """A token and its modifiers, not descending into clauses."""
    yield tok
    for c in tok.children:
        if c.dep_ not in CLAUSE_DEPS:
            yield from _phrase_tokens(c)


def _when(prep: Token) -> bool:
    """A phrase of time ("on Sunday", "in March") is no argument of the act."""
    return any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in prep.children)


def frame(tok: Token) -> Frame:
    pre: set[str] = set()
    objects: set[str] = set()
    preps: dict[str, set[str]] = {}
    head_words: set[str] = set()
    heads = [tok]
    noun = tok.pos_ in ("NOUN", "PROPN")
    for c in tok.children:
        if noun and c.dep_ in ("compound", "amod"):  # "air strike": modifiers decide a noun's meaning
            objects.update(_object_words(_phrase_tokens(c)))
        if c.dep_ in PREP_DEPS or c.dep_ == "dative" and c.pos_ == "ADP":  # "gave a welcome to X": "to" as dative
            if not _when(c):
                preps.setdefault(c.lower_, set()).update(_object_words(t for t in _phrase_tokens(c) if t.i != c.i))
        elif c.i < tok.i and c.dep_ in PRE_DEPS:
            pre.update(_words(_phrase_tokens(c)))
        elif c.i > tok.i and c.dep_ in OBJECT_DEPS:
            if c.dep_ in ("dobj", "obj", "dative"):
                heads.append(c)
                objects.add(ANY_OBJECT)
                head_words.update(_words([c]))
            objects.update(_object_words(t for t in _phrase_tokens(c) if t.dep_ not in PREP_DEPS))
    for h in heads[1:]:  # "send troops to Russia": the prep may hang on the object
        for c in h.children:
            if c.dep_ in PREP_DEPS and not _when(c):
                preps.setdefault(c.lower_, set()).update(_object_words(t for t in _phrase_tokens(c) if t.i != c.i))
    return Frame(pre, objects, preps, head_words)


def _satisfied(reqs: tuple[Requirement, ...], bag: set[str]) -> bool:
    return all(not r.isdisjoint(bag) for r in reqs)


def matches(p: Pattern, f: Frame) -> bool:
    if not _satisfied(p.objects, f.objects) or not _satisfied(p.pre, f.pre):
        return False
    for prep, reqs in p.preps:
        bag = f.preps.get(prep)
        if bag is None or not _satisfied(reqs, bag):
            return False
    return True


# --------------------------------------------------------------------------- loading


def _requirements(text: str | list[str] | None, synsets: dict[str, frozenset[str]]) -> tuple[Requirement, ...]:
    """'a|b &set c' (or a list of such words) -> one requirement per word."""
    words = " ".join(text).split() if isinstance(text, list) else (text or "").split()
    reqs = []
    for word in words:
        alts: set[str] = set()
        for alt in word.split("|"):
            alts |= synsets.get(alt, {alt}) if alt.startswith("&") else {alt.lower()}
        reqs.append(frozenset(alts))
    return tuple(reqs)


def _preps(items: Iterable[str], synsets: dict[str, frozenset[str]]) -> tuple[tuple[str, tuple[Requirement, ...]], ...]:
    out = []
    for item in items:
        prep, _, words = item.partition(":")
        out.append((prep.lower(), _requirements(words, synsets)))
    return tuple(out)


class PatternIndex:
    """Patterns by trigger lemma, each list sorted best-first."""

    def __init__(self) -> None:
        self.verbs: dict[str, list[Pattern]] = defaultdict(list)
        self.nouns: dict[str, list[Pattern]] = defaultdict(list)
        self._count = 0
        self.synsets: dict[str, frozenset[str]] = {}
        groups: dict[str, set[str]] = defaultdict(set)
        for r in read_csv("cameo_synsets.csv"):
            groups[r["synset"]].add(r["word"])
        self.synsets = {k: frozenset(v) for k, v in groups.items()}

    def add(self, entries: Iterable[dict], source: str, priority: int) -> None:
        for e in entries:  # a list of lemmas is one pattern per lemma
            lemmas = e["lemma"] if isinstance(e["lemma"], list) else [e["lemma"]]
            for lemma in lemmas:
                self._add(e, str(lemma).lower(), source, priority)

    def _add(self, e: dict, lemma: str, source: str, priority: int) -> None:
        pos = e.get("pos", "verb")
        preps = e.get("preps") or []
        p = Pattern(
            lemma=lemma,
            pos=pos,
            pre=_requirements(e.get("pre", ""), self.synsets),
            objects=_requirements(e.get("objects"), self.synsets),
            preps=_preps(preps.split() if isinstance(preps, str) else preps, self.synsets),
            cameo=str(e.get("cameo") or ""),
            source=source,
            priority=priority,
            order=self._count,
            type=e.get("type"),
            mode=e.get("mode"),
            text=_describe(lemma, e),
            reverse=bool(e.get("reverse")),
        )
        self._count += 1
        (self.nouns if pos == "noun" else self.verbs)[lemma].append(p)

    def finalize(self) -> None:
        """Sort best-first and index each pattern under one word it requires (its anchor), so
        that a trigger only tries the patterns some word of its frame can satisfy."""
        self._anchors: dict[tuple[str, str], dict[str, list[int]]] = {}
        self._free: dict[tuple[str, str], list[int]] = {}
        for pos, table in (("verb", self.verbs), ("noun", self.nouns)):
            for lemma, pats in table.items():
                pats.sort(key=lambda p: (-p.specificity, p.priority, p.order))
                anchors: dict[str, list[int]] = defaultdict(list)
                free = []
                for i, p in enumerate(pats):
                    words = _anchor(p)
                    for w in words:
                        anchors[w].append(i)
                    if not words:
                        free.append(i)
                self._anchors[(pos, lemma)] = dict(anchors)
                self._free[(pos, lemma)] = free

    def best(self, tok: Token, f: Frame | None = None) -> Pattern | None:
        pos = "noun" if tok.pos_ in ("NOUN", "PROPN") else "verb"
        lemma = tok.lemma_.lower()
        pats = (self.nouns if pos == "noun" else self.verbs).get(lemma)
        if not pats:
            return None
        f = f or frame(tok)
        anchors = self._anchors[(pos, lemma)]
        candidates = set(self._free[(pos, lemma)])
        for w in chain(f.objects, f.pre, (PREP_KEY + k for k in f.preps)):
            candidates.update(anchors.get(w, ()))
        found = [pats[i] for i in sorted(candidates) if matches(pats[i], f)]
        if not found:
            return None
        # equally specific patterns of one source: the one the object's head satisfies wins ("launched a missile
        # attack" is an attack, "launched a missile" a launch)
        top = [p for p in found if (p.specificity, p.priority) == (found[0].specificity, found[0].priority)]
        return next((p for p in top if any(not r.isdisjoint(f.heads) for r in p.objects)), top[0])


PREP_KEY = "prep:"


def _anchor(p: Pattern) -> frozenset[str]:
    """Words any frame matching ``p`` must contain one of (empty: the pattern needs none)."""
    if p.objects:
        return p.objects[0]
    if p.preps:
        return frozenset({PREP_KEY + p.preps[0][0]})
    return p.pre[0] if p.pre else frozenset()


def _describe(lemma: str, e: dict) -> str:
    def text(v) -> str:
        return " ".join(v) if isinstance(v, list) else v or ""

    parts = [text(e.get("pre")), lemma.upper(), text(e.get("objects"))]
    preps = e.get("preps") or []
    parts += [f"({p})" for p in (preps.split() if isinstance(preps, str) else preps)]
    if e.get("reverse"):
        parts.append("<- by")
    return " ".join(x for x in parts if x)


def load_yaml(path: Path | str) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f) or []


def build_index(pattern_files: Iterable[str | Path] = ()) -> PatternIndex:
    """User files first (highest priority), then Whimbrel's curated patterns, then CAMEO's."""
    index = PatternIndex()
    for i, path in enumerate(pattern_files):
        index.add(load_yaml(path), f"user:{Path(path).name}", priority=i)
    with _data("patterns.yaml").open(encoding="utf-8") as f:
        index.add(yaml.safe_load(f), "whimbrel", priority=100)
    # CAMEO's bare-verb defaults ("GIVE" -> cooperate, "BREAK" -> fight) are too coarse to code on
    # their own; only its patterns with deciding words are kept (measured on the dev splits).
    index.add(
        (
            {"lemma": r["lemma"], "pre": r["pre"], "objects": r["objects"], "preps": r["preps"], "cameo": r["cameo"],
             "reverse": r["reverse"] == "1"}
            for r in read_csv("cameo_verbs.csv")
            if r["pre"] or r["objects"] or r["preps"]
        ),
        "cameo",
        priority=200,
    )
    index.finalize()
    return index
