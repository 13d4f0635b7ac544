"""The event coder: who did what to whom, from the dependency parse and a pattern dictionary.

For every sentence:
1. find triggers: verbs and event nouns whose lemma has patterns (``patterns.py``), and pick
   the most specific matching pattern; patterns without a PLOVER event (statements, appeals,
   look-alikes such as "send a message") block coding;
2. apply PLOVER's conventions (word lists in ``data/events/cues.yaml``): an intention to
   cooperate ("agreed to send troops", "wants to help Y") or a future cooperative act is AGREE, an intention to harm
   is THREATEN, an announced retreat is CONCEDE, a refused cooperation is REJECT, "X said Y must
   do Z" is X's REQUEST; acts only wished for, asked for, permitted or a right ("the right of
   troops to fire"), demanded ("must be ready to mediate"), provided for by an agreement ("a deal
   to supply arms"), negated or failed, possible ("could strike") or supposed ("if they cut"),
   alleged or claimed as one's own ("claimed that they had attacked") are not coded, nor is the
   act a complaint is about ("complained over Israeli raids");
3. find the arguments on the parse (subject, object, prepositional target, passive agent,
   control, conjuncts, relative clauses, purpose clauses) and take the actors the resolver put
   on them; unnamed actors take the country where they act; a passive participle acts on its
   noun ("fishermen held captive"), and a pattern marked ``reverse`` ("died in Israeli custody",
   "faces pressure from Congress") is received by its subject;
4. drop look-alikes by general rules: sports results, criticism worded as attack ("attacked
   the plan" is ACCUSE), markets, accidents; background acts (describing a noun or setting the
   time: "a helicopter that was captured last week") give way to the sentence's news;
5. keep one event per (type, source, target, predicate) in a document: a repeated mention adds
   evidence to the same event, not a new one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import userfiles
from ..extensions import register_extensions
from ..records import HOME_SECTORS, ActorMention, EventMention
from .ontology import _data, code_info, intensity, quad
from .patterns import Pattern, PatternIndex, build_index

SUBJECT_DEPS = ("nsubj", "csubj", "expl")
OBJECT_DEPS = ("dobj", "obj", "dative")
NP_DEPS = frozenset({"compound", "amod", "poss", "nmod", "appos", "nummod", "det", "npadvmod", "case"})
TARGET_PREPS = ("with", "against", "on", "to", "at", "into", "toward", "towards", "for", "from", "over", "upon")
OWNER_PREPS = ("from", "by")
ACCUSED_PREPS = ("against", "about", "over", "of", "as")  # "denounced as a crime Serbia's suppression"
HARMED_OBJECTS = frozenset({"ASSAULT", "COERCE"})
OWN_FORCES_TYPES = frozenset({"MOBILIZE", "AID"})  # their object is the actor's own forces or goods
FORCES = frozenset({"military", "police"})
NOUN_TARGET_PREPS = ("of", "on", "against", "with", "for", "to", "into", "toward", "towards", "over")
PLACE_PREPS = frozenset({"in", "at", "near", "of", "across", "outside", "inside", "throughout", "around", "off"})
PLACE_HOSTED = frozenset({"042", "043", "054", "073", "074", "081"})  # visits, embassies, humanitarian aid, peacekeepers, eased curfews
NESTED_CLAUSES = frozenset({"relcl", "acl", "ccomp", "parataxis", "csubj"})
PLACE_RESOLUTIONS = frozenset({"place", "metonym"})
SPEAKER_PRONOUNS = frozenset({"it", "they", "he", "she", "we"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
MATERIAL_CONFLICT = frozenset({"ASSAULT", "MOBILIZE", "COERCE", "SANCTION", "PROTEST"})
DOMESTIC = frozenset({"COERCE", "ASSAULT", "PROTEST"})
HOME_TARGETS = frozenset({"protesters", "opposition", "party", "legislature", "judiciary"})
RECIPROCAL = frozenset({"CONSULT", "AGREE", "COOPERATE", "SUPPORT"})
VERBAL_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN", "AGREE", "CONCEDE"})
TOPIC_PREPS = frozenset({"over", "about", "against", "for"})  # what a verbal act is about
# words that set the time of the news by another act ("since last month's invasion", "when the army
# attacked"): the act they introduce is background
TIME_FRAMES = frozenset({"after", "since", "following", "before", "during", "amid", "when"})
TIME_NOUNS = frozenset({"eve", "wake", "aftermath", "run-up", "heels"})  # "on the eve of a visit by X"
DEMANDED_DEPS = frozenset({"xcomp", "acomp", "conj", "attr", "oprd"})  # what a demanded predicate governs
SCORE = re.compile(r"\b\d{1,3}\s?[-–]\s?\d{1,3}\b")


@dataclass(frozen=True, slots=True)
class Cues:
    intent_verbs: frozenset[str]
    desire_verbs: frozenset[str]
    harm_desire_verbs: frozenset[str]
    future_aux: frozenset[str]
    ability_aux: frozenset[str]
    future_modifiers: frozenset[str]
    intent_codes: dict[str, str]
    intent_types: dict[str, str]
    stated_intent_codes: dict[str, str]
    acted_codes: dict[str, str]
    wish_verbs: frozenset[str]
    allegation_verbs: frozenset[str]
    allegation_clause_verbs: frozenset[str]
    claim_verbs: frozenset[str]
    allegation_nouns: frozenset[str]
    agreement_nouns: frozenset[str]
    summon_verbs: frozenset[str]
    possibility_modals: frozenset[str]
    condition_marks: frozenset[str]
    unrealizing_verbs: frozenset[str]
    unrealizing_nouns: frozenset[str]
    refusal_verbs: frozenset[str]
    reject_codes: dict[str, str]
    speech_verbs: frozenset[str]
    stative_passives: frozenset[str]
    demand_modals: frozenset[str]
    physical_types: frozenset[str]
    metaphor_verbs: frozenset[str]
    criticism_verbs: frozenset[str]
    accident_nouns: frozenset[str]
    violence_context: frozenset[str]
    physical_targets: frozenset[str]
    sports_cues: frozenset[str]
    sports_verbs: frozenset[str]
    market_objects: frozenset[str]
    abstract_objects: frozenset[str]


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    with _data("cues.yaml").open(encoding="utf-8") as f:
        raw = yaml.safe_load(f)
    return Cues(**{k: (dict(v) if isinstance(v, dict) else frozenset(str(x).lower() for x in v)) for k, v in raw.items()})


# --------------------------------------------------------------------------- argument helpers


def _is_passive(v: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)


def _shared_passive(v: Token) -> bool:
    """'was arrested by police and charged with fraud': a participle coordinated with a passive,
    with no auxiliary or subject of its own, is passive too."""
    return v.dep_ == "conj" and v.tag_ == "VBN" and _is_passive(v.head) and not any(
        c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in v.children)


def _child(v: Token, deps: Iterable[str]) -> Token | None:
    deps = tuple(deps)
    return next((c for c in v.children if c.dep_ in deps), None)


def _up_to(tok: Token) -> Token | None:
    """ "kidnapped up to 16 Russian advisers": the parser takes "up" for a particle and "to ..." for
    a place; the counted phrase is the object."""
    for prt in tok.children:
        if prt.dep_ == "prt" and prt.lower_ == "up":
            for prep in prt.children:
                if prep.lower_ == "to":
                    return next((o for o in prep.children if o.dep_ == "pobj"
                                 and any(c.dep_ == "nummod" for c in o.children)), None)
    return None


def _named(tok: Token) -> bool:
    """A word of a name the actor stage knows ("Cooperation" in "Asia-Pacific Economic Cooperation",
    "Struggle" in "Palestinian Popular Struggle Front") names, it does not act."""
    a = tok._.actor
    return tok.pos_ == "PROPN" and a is not None and a.id is not None and a.resolved_by in ("dictionary", "user")


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


def actors_of(tok: Token | None) -> list[ActorMention]:
    """The actors a noun phrase headed by ``tok`` names: its own, or its nearest modifier's,
    plus those of coordinated phrases ("Armenia and Azerbaijan")."""
    if tok is None:
        return []
    found: list[ActorMention] = []
    own = tok._.actor or _modifier_actor(tok)
    if own is not None:
        found.append(own)
    for c in tok.children:
        # "The US, Russia, and Switzerland" is often parsed as an apposition holding a list
        if c.dep_ == "conj" or (c.dep_ == "appos" and any(g.dep_ == "conj" for g in c.children)):
            found.extend(a for a in actors_of(c) if all(a is not f for f in found))
    return found


def _partitive(t: Token) -> list[Token]:
    """'thousands of students', 'leaders of the opposition': the actor is in the of-phrase."""
    return [g for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]


def _modifier_actor(tok: Token) -> ActorMention | None:
    queue = [c for c in tok.children if c.dep_ in NP_DEPS] + _partitive(tok)
    while queue:
        t = queue.pop(0)
        if t._.actor is not None:
            return t._.actor
        queue.extend([c for c in t.children if c.dep_ in NP_DEPS] + _partitive(t))
    return None


def _clause_tokens(tok: Token) -> Iterator[Token]:
    """The tokens of a predicate's own clause, not of clauses nested in it."""
    yield tok
    for c in tok.children:
        if c.dep_ not in NESTED_CLAUSES:
            yield from _clause_tokens(c)


def _pronoun(a: ActorMention, doc: Doc) -> bool:
    """'on its labour market': a possessive pronoun points back at the actor, not at a target."""
    return a.end - a.start == 1 and doc[a.start].tag_ in ("PRP$", "WP$")


def _relative_antecedent(tok: Token, v: Token) -> Token:
    """'Trump, who met Kim': the relative pronoun stands for the noun the clause modifies."""
    if tok.lower_ in RELATIVE and v.dep_ == "relcl":
        return v.head
    return tok


def subject_of(v: Token, depth: int = 0) -> Token | None:
    """The agent of a predicate, following control, conjunction and relative clauses."""
    if depth > 4:
        return None
    if v.pos_ in ("NOUN", "PROPN"):
        return None
    agent = _child(v, ("agent",))
    if agent is not None:  # passives, and participles without an auxiliary ("money donated by X")
        return _pobj(agent)
    if _is_passive(v):
        # "it is prepared to impose", "X was forced to withdraw", "Israel is opposed to": the
        # passive subject acts
        acts = _child(v, ("xcomp",)) is not None or v.lemma_.lower() in load_cues().stative_passives
        return _child(v, ("nsubjpass",)) if acts else None
    subj = _child(v, SUBJECT_DEPS)
    if subj is not None:
        return _relative_antecedent(subj, v)
    head = v.head
    if v.dep_ == "relcl":
        return head
    if v.dep_ == "xcomp" and head.lemma_.lower() in load_cues().summon_verbs:
        # "summoned the US ambassador to protest": the summoner's purpose, also in the passive
        return None if _is_passive(head) and _child(head, ("agent",)) is None else subject_of(head, depth + 1)
    if v.dep_ == "xcomp":  # object control ("ordered X to leave") before subject control
        obj = _child(head, OBJECT_DEPS)
        return obj if obj is not None and head.pos_ == "VERB" else subject_of(head, depth + 1)
    if v.dep_ in ("conj", "advcl") and head.pos_ in ("VERB", "AUX"):
        if v.dep_ == "conj" and _is_passive(head) and not _shared_passive(v):
            # "has been indicted by the court and will resign": the indicted one resigns
            return _child(head, ("nsubjpass",))
        return subject_of(head, depth + 1)
    if v.dep_ in ("acomp", "attr", "oprd") and head.pos_ in ("VERB", "AUX"):  # "is about to restore"
        return subject_of(head, depth + 1)
    if v.dep_ == "pcomp" and head.dep_ == "prep":  # "thinking of reopening talks"
        return subject_of(head.head, depth + 1) if head.head.pos_ in ("VERB", "AUX") else _noun_source(head.head)
    if v.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):  # "Kim's decision to send troops"
        # "fishermen held captive in Libya": a passive participle's noun is acted on, by no one named
        # (not so for "rebels opposed to Gaddafi", nor with an object: the parser's "force carried out strikes")
        if v.tag_ == "VBN" and _child(v, OBJECT_DEPS) is None and v.lemma_.lower() not in load_cues().stative_passives:
            return None
        return _noun_source(head) or (subject_of(head.head, depth + 1) if head.dep_ in OBJECT_DEPS else None)
    return None


def _participle_agent(n: Token | None) -> list[ActorMention]:
    """'Missiles fired by the Israeli military struck X', 'in protest against laws imposed by the
    government': the agent of a participle on a noun is who used or made the thing."""
    if n is None:
        return []
    for c in n.children:
        agent = _child(c, ("agent",)) if c.dep_ == "acl" else None
        if agent is not None:
            return actors_of(_pobj(agent))
    return []


def _noun_source(n: Token) -> Token | None:
    # "China's assistance package": the owner of the compound's head owns the event noun too
    owners = [c for c in n.head.children if c.dep_ == "poss"] if n.dep_ == "compound" else []
    for c in [*n.children, *owners]:
        if c.dep_ in ("poss", "compound", "amod") and c.i < n.i and actors_of(c):
            # "the Astana talks", "the Moscow summit": a place before an event noun is where
            if c.dep_ == "compound" and all(a.resolved_by in PLACE_RESOLUTIONS for a in actors_of(c)):
                continue
            return c
    return None


# --------------------------------------------------------------------------- the component


class EventCoder(userfiles.SavesUserFiles):
    """spaCy component writing ``doc._.events`` (list[EventMention])."""

    user_file_kinds = ("pattern_files",)

    def __init__(self, nlp: Language, name: str, *, pattern_files: Iterable[str] = ()) -> None:
        register_extensions()
        self.name = name
        self.load_user_files(pattern_files)
        self.cues = load_cues()

    def load_user_files(self, pattern_files: Iterable[str]) -> None:
        """The built-in patterns with the user's pattern files (theirs win)."""
        self.pattern_files = [str(f) for f in pattern_files]
        self.index: PatternIndex = build_index(self.pattern_files)


    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def set_annotations(self, doc: Doc, events: list[EventMention]) -> None:
        doc._.events = events

    def match(self, doc: Doc) -> list[EventMention]:
        events: list[EventMention] = []
        for sent in doc.sents:
            events.extend(self.code_sentence(sent))
        return deduplicate(events, doc)

    # ----------------------------------------------------------------- one sentence

    def code_sentence(self, sent: Span) -> list[EventMention]:
        words = {t.lower_ for t in sent}
        sports = bool(words & self.cues.sports_cues) or bool(SCORE.search(sent.text))
        found: dict[int, Pattern] = {}
        for tok in sent:
            if tok.pos_ in ("VERB", "NOUN", "PROPN", "ADJ") and not _named(tok):
                p = self.index.best(tok)
                if p is not None and p.cameo:
                    found[tok.i] = p
        demands = self._demands(sent, found)
        events = []
        absorbed: set[int] = set()
        for i, p in found.items():
            tok = sent.doc[i]
            if i in absorbed:
                continue
            head, cameo, ptype, mode = self._compose(tok, p)
            if head.i != tok.i:
                absorbed.add(head.i)
            # "wants to help Y" is an intention (coded by _compose); above "wants", it may be a wish;
            # an event noun is wished with the verb it is the object of ("urged the UN to renew sanctions")
            noun_object = tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in OBJECT_DEPS
            if self._wished(tok.head if noun_object or self._desired(tok, p) else tok) or self._alleged(tok) \
                    or self._conditional(tok) or self._agreed(tok) or _topic(tok, found):
                continue  # "Obama wants Putin to attack X" is a wish, not an event
            if ptype is None:
                continue
            if tok.pos_ in ("NOUN", "PROPN") and self._unrealized_noun(tok, found):
                continue  # "held talks" is the verb's event; "postponed the demonstration" is none
            used: list[int] = []
            sources, targets = self.arguments(tok, head, p, used)
            if p.reverse:  # "Obama faces pressure from Congress": Congress presses Obama
                sources, targets = targets, sources
            absorbed.update(used)  # "sent troops to support Russia" is one event
            ptype, cameo, mode = self._traps(tok, ptype, cameo, mode, words, sports, sources, targets)
            if ptype is None or not sources:
                continue
            coded_negation = ptype == "REJECT" and (p.type or code_info(p.cameo).type) != "REJECT" \
                and any(c.dep_ == "neg" for c in tok.children)
            events.extend(self._events(tok, p, cameo, ptype, mode, sources, targets, coded_negation))
        events = demands + [e for e in events if e.trigger not in absorbed]
        # "opened fire on demonstrators, killing one": a target-less mention of an act already
        # coded with its target in the same sentence adds nothing
        aimed = {(e.type, _actor_key(e.source)) for e in events if e.target is not None}
        events = [e for e in events if e.target is not None or (e.type, _actor_key(e.source)) not in aimed]
        # "will visit Mauritania to mediate": a target-less purpose of an act with a target is
        # that act's purpose, not another event
        aimed_at = {(e.trigger, _actor_key(e.source)) for e in events if e.target is not None}
        events = [e for e in events if e.target is not None or not _purpose(sent.doc[e.trigger])
                  or (sent.doc[e.trigger].head.i, _actor_key(e.source)) not in aimed_at]
        # PLOVER: the demand a protest is about is its topic, not another event
        protesters = {_actor_key(e.source) for e in events if e.type == "PROTEST"}
        events = [e for e in events if not (e.type == "REQUEST" and _actor_key(e.source) in protesters)]
        main = [e for e in events if not _background(sent.doc[e.trigger])]
        return main or events

    def _unrealized_noun(self, n: Token, found: dict[int, Pattern]) -> bool:
        """An event noun that another predicate covers ("held talks") or that does not happen
        ("postponed the demonstration", "the danger of Iranian attacks")."""
        if n.dep_ in OBJECT_DEPS:
            return n.head.i in found or n.head.lemma_.lower() in self.cues.unrealizing_verbs
        if n.dep_ == "pobj" and n.head.lower_ == "of":
            return n.head.head.lemma_.lower() in self.cues.unrealizing_nouns
        if n.dep_ == "pobj" and n.head.lower_ in TOPIC_PREPS and n.head.head.i in found:
            # "complained to the UN over Israeli raids": the act a complaint is about is its topic
            q = found[n.head.head.i]
            return (q.type or code_info(q.cameo).type) in VERBAL_TYPES
        if n.dep_ == "pobj" and n.head.lower_ == "to":  # "is opposed to French mediation"
            lemma = n.head.head.lemma_.lower()
            return n.head.head.i in found and (lemma in self.cues.unrealizing_verbs or lemma.removesuffix("d") in self.cues.unrealizing_verbs)
        return False

    def _conditional(self, tok: Token) -> bool:
        """'if the politicians cut their funding', 'X could attack': an act only supposed or
        possible has not happened ('may have launched attacks' reports a suspected one)."""
        auxes = {c.lower_ for c in tok.children if c.dep_ == "aux"}
        if auxes & self.cues.possibility_modals and "have" not in auxes:
            return True
        while tok.head.i != tok.i:
            if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in self.cues.condition_marks for c in tok.children):
                return True
            tok = tok.head
        return False

    def _wished(self, tok: Token) -> bool:
        """Is the act inside a complement of a wish, appeal or permission, however deeply
        ("hopes Japan will persuade Biden to lift sanctions", "a plea to the Taliban to talk")?"""
        while tok.dep_ == "conj" and tok.head.pos_ == "VERB":  # "to land and evacuate" share it
            tok = tok.head
        while (tok.dep_ in ("xcomp", "ccomp", "advcl") or (tok.dep_ == "acl" and tok.head.pos_ == "NOUN")) and tok.head.i != tok.i:
            if tok.dep_ == "advcl" and not any(c.lower_ == "to" for c in tok.children):
                return False
            tok = tok.head
            if tok.lemma_.lower() in self.cues.wish_verbs:
                return True
            if any(c.dep_ in OBJECT_DEPS and c.lemma_.lower() in self.cues.wish_verbs for c in tok.children):
                return True  # "issued a plea to the Taliban to talk"
        return False

    def _desired(self, tok: Token, p: Pattern) -> bool:
        """'X wants (hopes, plans) to help Y': the subject's own wanted act is its stated intention
        when cooperative, and with want/plan/intend/aim when harmful (PLOVER AGREE, THREATEN)."""
        if tok.dep_ != "xcomp" or tok.head.pos_ != "VERB" or _child(tok.head, OBJECT_DEPS) is not None:
            return False  # "wants Putin to attack": another actor is to act, a wish
        # the lemmatizer reads "hopes" as "hop": accept the bare form too
        lemmas = {tok.head.lemma_.lower(), tok.head.lower_.removesuffix("s")}
        if lemmas.isdisjoint(self.cues.desire_verbs):
            return False
        ptype = p.type or code_info(p.cameo).type
        if quad(ptype) in ("verbal cooperation", "material cooperation"):
            return True
        return ptype in MATERIAL_CONFLICT and not lemmas.isdisjoint(self.cues.harm_desire_verbs)

    def _agreed(self, tok: Token) -> bool:
        """'reached a consensus to exchange information', 'a deal to release prisoners and
        withdraw': what an agreement provides for is its content, not an act that happened."""
        while tok.dep_ == "conj" and tok.head.pos_ == "VERB":
            tok = tok.head
        return tok.dep_ in ("acl", "relcl") and tok.head.lemma_.lower() in self.cues.agreement_nouns and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)

    def _alleged(self, tok: Token) -> bool:
        """'accused the rebels of violating the ceasefire', 'claimed that they had attacked the
        base', 'denied charges that troops had killed': the act is the accusation's or the claim's
        content, not an event the text asserts (an ACCUSE event carries an accusation)."""
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.lemma_.lower() in self.cues.allegation_verbs:
            return True
        while tok.head.i != tok.i:
            lemma = tok.head.lemma_.lower()
            if tok.dep_ in ("ccomp", "xcomp") and (
                    lemma in self.cues.allegation_clause_verbs or lemma in self.cues.claim_verbs and self._own_claim(tok)):
                return True
            if tok.dep_ in ("acl", "ccomp") and tok.head.pos_ == "NOUN" and lemma in self.cues.allegation_nouns:
                return True  # "denied charges that its troops had killed civilians"
            tok = tok.head
        return False

    @staticmethod
    def _own_claim(comp: Token) -> bool:
        """Whether a claimed clause is the claimant's own act: no subject of its own ("claimed to
        have shot down a drone") or a pronoun standing for the claimant ("claimed that they had
        attacked"); a named subject may be another's act the claimant reports ("Trump claimed
        that the U.S. military is hitting ...")."""
        subj = _child(comp, SUBJECT_DEPS)
        return subj is None or subj.pos_ == "PRON"

    def _demands(self, sent: Span, found: dict[int, Pattern]) -> list[EventMention]:
        """"X said Y must (should) do Z" is a demand X makes of Y: REQUEST (PLOVER), and Z is
        not an event that happened."""
        out = []
        for tok in sent:
            if tok.lemma_.lower() not in self.cues.speech_verbs:
                continue
            for comp in tok.children:
                if comp.dep_ != "ccomp" or not any(c.dep_ == "aux" and c.lower_ in self.cues.demand_modals for c in comp.children):
                    continue
                sources = actors_of(subject_of(tok))
                targets = actors_of(_child(comp, SUBJECT_DEPS))
                if sources and targets:
                    p = Pattern(tok.lemma_.lower(), "verb", (), (), (), "100", "whimbrel", 100, 0, text=f"{tok.lemma_.upper()} (that X must)")
                    out.extend(self._events(comp, p, "100", "REQUEST", None, sources, targets))
                    for t in _demanded(comp):
                        found.pop(t.i, None)
        return out

    def _compose(self, tok: Token, p: Pattern) -> tuple[Token, str, str | None, str | None]:
        """Apply PLOVER's intention/future conventions; returns the token the arguments hang on."""
        cameo = p.cameo
        if p.source == "cameo" and tok.lemma_.lower() not in self.cues.intent_verbs:
            # CAMEO files many plain acts under 03 "intent" ("trained pilots", "ratified the
            # treaty"); without an intent word they are the act itself
            cameo = self.cues.acted_codes.get(cameo, cameo)
        info = code_info(cameo)
        ptype = p.type or info.type
        mode = p.mode if p.type else info.mode
        head = tok
        intended = False
        if p.reverse:  # what the subject receives is no intention of its own ("will face charges")
            return (head, cameo, None, mode) if any(c.dep_ == "neg" for c in tok.children) else (head, cameo, ptype, mode)
        # "warned residents to evacuate": with an object before it, the act is the object's, not an
        # intention of the subject
        object_control = any(c.dep_ in ("dobj", "obj") and c.i < tok.i for c in tok.head.children)
        if (tok.dep_ in ("xcomp", "acl") and tok.head.lemma_.lower() in self.cues.intent_verbs
                and not object_control) or self._desired(tok, p):
            head, intended = tok.head, True
            if head.dep_ in ("acomp", "amod") and head.head.pos_ in ("AUX", "VERB"):  # "is ready to"
                head = head.head
        elif any(c.dep_ == "aux" and c.lower_ in self.cues.future_aux for c in tok.children) or (
            tok.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in self.cues.future_modifiers for c in tok.children)
        ):
            intended = ptype in COOPERATIVE or ptype in MATERIAL_CONFLICT or ptype == "RETREAT"
        # A refused or negated future cooperation is a rejection: "will not lift the ban",
        # "refused to meet", "declined to resign".
        refused = tok.dep_ == "xcomp" and tok.head.lemma_.lower() in self.cues.refusal_verbs
        negated = any(c.dep_ == "neg" for c in tok.children) and (intended or any(
            c.dep_ == "aux" and (c.lower_ in self.cues.future_aux or c.lower_ in self.cues.ability_aux) for c in tok.children))
        if (refused or negated) and ptype in self.cues.reject_codes:
            cameo = self.cues.reject_codes[ptype]
            info = code_info(cameo)
            return (tok.head if refused else head), cameo, info.type, info.mode
        if refused or any(c.dep_ == "neg" for c in tok.children):
            return head, cameo, None, mode  # "did not arrest", "failed to arrest": nothing happened
        # A stated intention recodes any action ("agreed to withdraw" is AGREE); a bare future
        # only a material or cooperative one ("would withdraw" is CONCEDE, per PLOVER).
        stated = head.i != tok.i
        if intended and ptype is not None and ptype not in ("AGREE", "THREATEN"):
            if stated or ptype not in VERBAL_TYPES:
                new = self.cues.stated_intent_codes.get(ptype) if stated else None
                new = new or self.cues.intent_codes.get(ptype)
                if new:
                    cameo = new
                    info = code_info(cameo)
                    ptype, mode = self.cues.intent_types.get(cameo, info.type), info.mode
        return head, cameo, ptype, mode

    def arguments(
        self, tok: Token, head: Token, p: Pattern, used: list[int] | None = None
    ) -> tuple[list[ActorMention], list[ActorMention]]:
        """Source and target actors; ``used`` collects clauses consumed as arguments."""
        used = used if used is not None else []
        ptype = p.type or code_info(p.cameo).type
        if tok.pos_ in ("NOUN", "PROPN"):
            return self._noun_arguments(tok)
        src_tok = subject_of(head)
        sources = actors_of(src_tok) or self._speaker(src_tok, head) or _participle_agent(src_tok)
        if tok.lemma_.lower() in self.cues.summon_verbs:  # "summoned the envoy to protest" is one act
            used.extend(c.i for c in tok.children if c.dep_ in ("xcomp", "advcl") and _purpose(c))
        targets: list[ActorMention] = []
        if _is_passive(tok) and tok.lemma_.lower() not in self.cues.stative_passives:
            targets = actors_of(_child(tok, ("nsubjpass",)))
        elif _shared_passive(tok):
            targets = actors_of(_child(tok.head, ("nsubjpass",)))
        elif tok.dep_ == "acl" and tok.tag_ == "VBN" and _child(tok, ("agent",)) is not None:
            targets = actors_of(tok.head)  # "M23 rebels backed by Rwanda": Rwanda backs the rebels
        obj = _child(tok, OBJECT_DEPS) or _up_to(tok)
        theme = obj is not None and p.objects and any(obj.lemma_.lower() in r or obj.lower_ in r for r in p.objects)
        if theme and ptype in HARMED_OBJECTS and obj._.actor is not None:
            theme = False  # "killed Ukrainian civilians": whom an attack names is its target
        if not targets and obj is not None and (src_tok is None or obj.i != src_tok.i):
            # "send troops", "ramp up its military": a theme, not the recipient; look at its preps
            own = theme or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in obj.children)
            targets = actors_of(obj)
            homes = {a.country for a in sources}
            if own:  # keep only an owner named inside the object: "rejected a U.S. request", not "its";
                # the object itself when it is another country's people ("expelled Russian diplomats")
                targets = [a for a in targets if (a.country or a.sector == "igo") and not _pronoun(a, tok.doc)
                           and (not (a.start <= obj.i < a.end) or a.country not in homes and a.sector is not None)]
            targets = targets or self._prep_actors(obj, NOUN_TARGET_PREPS + OWNER_PREPS)
            if ptype in OWN_FORCES_TYPES and targets and all(a.sector in FORCES and a.country in homes for a in targets):
                # "Britain mobilized army reservists for a war against Iraq", "ordered patrols by
                # police": its own forces
                targets = []
        if not targets:
            # "complained to the UN over Israeli raids": whom a complaint is about, not its audience
            # "withdrew from the Syrian to the Israeli sector": a retreat is from the place left
            wanted = tuple(prep for prep, _ in p.preps) + (ACCUSED_PREPS if ptype == "ACCUSE" else ()) + (
                ("from",) if ptype == "RETREAT" else ()) + TARGET_PREPS + (("in",) if ptype == "PROTEST" else ())
            targets = self._prep_actors(tok, wanted)
        if not targets:  # "demanded that the US match": the complement's subject
            comp = _child(tok, ("ccomp",))
            if comp is not None:
                subj = _child(comp, SUBJECT_DEPS)
                targets = actors_of(subj)
                if subj is not None and subj.pos_ == "PRON" and (not targets or targets[0].country in {a.country for a in sources}):
                    # "warned that it could impose sanctions on Iran": the speaker's own act, aimed at Iran
                    targets = actors_of(_child(comp, OBJECT_DEPS)) or self._prep_actors(comp, TARGET_PREPS) or targets
        if not targets and tok.lemma_.lower() not in self.cues.intent_verbs:
            # "sent troops to support Russian forces": the purpose clause's object
            # "signed a deal to supply arms to Syria": what the agreement provides for
            content = [c for c in obj.children if c.dep_ in ("acl", "relcl")] if obj is not None and obj.lemma_.lower() in self.cues.agreement_nouns else []
            purpose = next((c for c in [*tok.children, *content] if c.dep_ in ("advcl", "xcomp", "acl", "relcl") and any(m.lower_ == "to" for m in c.children)), None)
            chain = []
            while purpose is not None and not targets and len(chain) < 3:  # "to help defend X"
                chain.append(purpose.i)
                obj2 = _child(purpose, OBJECT_DEPS)
                # "to show their disapproval for the US": not the protesters' own "their", but whom it is for
                targets = [a for a in actors_of(obj2) or _participle_agent(obj2) if not _pronoun(a, tok.doc)] or (
                    self._prep_actors(obj2, NOUN_TARGET_PREPS) if obj2 is not None else []) or \
                    self._prep_actors(purpose, TARGET_PREPS)
                purpose = _child(purpose, ("xcomp",))
            if targets:
                used.extend(chain)
        if not targets:  # "threatened to cut off electricity to X": the intended act's recipient
            comp = _child(tok, ("xcomp",))
            if comp is not None:
                obj2 = _child(comp, OBJECT_DEPS)
                targets = actors_of(obj2) if obj2 is not None else []
                targets = [a for a in targets if a.country] or self._prep_actors(comp, TARGET_PREPS + ("in",))
        if not targets:  # "threatened a strike unless Israel rescinded...": whom the condition binds
            near = [tok, *(c for c in tok.children if c.dep_ == "xcomp")] + ([tok.head] if tok.dep_ == "xcomp" else [])
            cond = next((c for t in near for c in t.children if c.dep_ == "advcl"
                         and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in c.children)), None)
            targets = [a for a in actors_of(_child(cond, SUBJECT_DEPS)) if a not in sources] if cond is not None else []
        # where a material conflict, a visit or a deployment of aid happens stands for its recipient
        # (not for an act the subject receives: "died in an air strike in Gaza" does not say by whom)
        if not targets and not p.reverse and ((p.type or code_info(p.cameo).type) in MATERIAL_CONFLICT or p.cameo[:3] in PLACE_HOSTED):
            targets = self._place_actors(tok)
        return sources, targets

    def _speaker(self, subj: Token | None, v: Token) -> list[ActorMention]:
        """'Iraq says it has seized X': an unresolved subject pronoun of reported speech is the
        speaker, the reading a reader takes by default."""
        if subj is None or subj.lower_ not in SPEAKER_PRONOUNS:
            return []
        while v.dep_ in ("xcomp", "conj") and v.head.i != v.i:
            v = v.head
        if v.dep_ != "ccomp" or v.head.lemma_.lower() not in self.cues.speech_verbs:
            return []
        return [a for a in actors_of(subject_of(v.head)) if not _pronoun(a, v.doc)]

    @staticmethod
    def _at_home(ptype: str, sources: list[ActorMention], target: ActorMention) -> bool:
        """Whether an unplaced target is the source's own people: arrests and protests are, and so are
        protesters and whom police shoot; "Israeli strikes killed 40 people" does not say whose."""
        return ptype != "ASSAULT" or target.sector in HOME_TARGETS or any(a.sector in HOME_SECTORS for a in sources)

    def _reports(self, span: Span) -> bool:
        """Whether a phrase is the subject of a saying verb ("Ukraine said")."""
        root = span.root
        return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in self.cues.speech_verbs

    def _place_actors(self, tok: Token) -> list[ActorMention]:
        """The named place in the act's own clause ("strike southwest of Baghdad", "arrived in Amman"),
        the one owning it ("positions in Saudi Arabia's Asir region") or naming it ("in the capital Kabul")."""
        for t in _clause_tokens(tok):
            if t.dep_ == "pobj" and t.head.lower_ in PLACE_PREPS:
                # "in the capital Kabul": a common noun of place names the place by apposition
                owners = ("poss", "compound", "appos") if t.pos_ == "NOUN" else ("poss", "compound")
                owner = next((c for c in t.children if c.dep_ in owners and c._.actor is not None), None)
                a = t._.actor or (owner._.actor if owner is not None else None)
                if a is not None and a.country and (a.sector is None or a.resolved_by in PLACE_RESOLUTIONS):
                    return [a]
        return []

    def _prep_actors(self, tok: Token, preps: tuple[str, ...], depth: int = 0) -> list[ActorMention]:
        """Actors in the first of ``preps`` that names one; one level deeper when its object is
        not an actor ("to a demand from the US President", "for a war against Iraq")."""
        options: dict[str, list[Token]] = {}
        for c in tok.children:  # a preposition may recur ("for new EU members for two years")
            if c.dep_ in ("prep", "dative"):
                options.setdefault(c.lower_, []).append(c)
        for prep in preps:
            for option in options.get(prep, ()):
                obj = _pobj(option)
                actors = [a for a in actors_of(obj) or _participle_agent(obj) if not _pronoun(a, tok.doc)]
                if not actors and obj is not None and depth == 0:
                    actors = self._prep_actors(obj, NOUN_TARGET_PREPS + OWNER_PREPS, depth + 1)
                if actors:
                    return actors
        return []

    def _noun_arguments(self, n: Token) -> tuple[list[ActorMention], list[ActorMention]]:
        src = _noun_source(n)
        sources = actors_of(src) if src is not None else []
        if n._.actor is not None and all(a is n._.actor for a in sources):
            return [], []  # the noun is inside an actor's name ("humanitarian aid agencies")
        by = next((c for c in n.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        if not sources and by is not None:
            sources = actors_of(_pobj(by))
        if not sources and n.dep_ in OBJECT_DEPS and n.head.pos_ == "VERB":
            sources = actors_of(subject_of(n.head))
        if not sources and n.dep_ == "pobj" and n.head.lower_ == "for":
            # "X is responsible for the killings" (a claim of responsibility is CAMEO's statement 015)
            if n.head.head.lemma_.lower() == "responsible":
                sources = actors_of(subject_of(n.head.head))
        if not sources and code_info(self.index.best(n).cameo).type in RECIPROCAL and not n.lower_.startswith("mediat"):
            # "cooperation between the Philippines and the US": all parties act (PLOVER); the
            # parties of a mediation are its recipients
            sources = self._prep_actors(n, ("between", "among"))
            if len(sources) > 1:
                return sources, []
            sources = []
        targets = self._prep_actors(n, NOUN_TARGET_PREPS)
        verb = n.head.head
        if not targets and n.dep_ == "pobj" and n.head.lower_ in ("in", "by") and _is_passive(verb):
            # "three Palestinians were killed in an Israeli air strike": whom the act befell
            targets = actors_of(_child(verb, ("nsubjpass",)))
        if not targets and sources and code_info(self.index.best(n).cameo).type in MATERIAL_CONFLICT:
            targets = self._place_actors(n)  # "an Israeli air strike in Gaza", as for verbs
        return sources, targets

    def _traps(self, tok, ptype, cameo, mode, words, sports, sources, targets):
        lemma = tok.lemma_.lower()
        obj = _child(tok, OBJECT_DEPS)
        obj_lemma = obj.lemma_.lower() if obj is not None else None
        obj_words = {obj_lemma, obj.lower_} if obj is not None else set()
        if sports and lemma in self.cues.sports_verbs:
            return None, cameo, mode
        # "killed by the crash", "the earthquake destroyed": accidents and disasters act on no one's behalf
        agent = _child(tok, ("agent",))
        cause = _pobj(agent) if agent is not None else _child(tok, ("nsubj",))
        if cause is not None and cause.lemma_.lower() in self.cues.accident_nouns:
            return None, cameo, mode
        # "Apple beat estimates", "shares hit record highs": conflict verbs about markets
        if quad(ptype) in ("verbal conflict", "material conflict") and (
            obj_words & self.cues.market_objects
            or any(c.dep_ in SUBJECT_DEPS and c.lemma_.lower() in self.cues.market_objects for c in tok.children)
        ):
            return None, cameo, mode
        if ptype.lower() in self.cues.physical_types and lemma in self.cues.metaphor_verbs:
            context = (words - {tok.lower_}) & self.cues.violence_context
            physical = bool(obj_words & self.cues.physical_targets)
            state = all(a.sector in (None, "military") and a.country for a in sources + targets) and targets
            if not context and not physical and not state:  # a state's attack on a state is force
                if lemma in self.cues.criticism_verbs and (obj_words & self.cues.abstract_objects or targets):
                    info = code_info("111")
                    return info.type, "111", info.mode
                return None, cameo, mode
        return ptype, cameo, mode

    def _localize(self, tok: Token, ptype: str, sources: list, targets: list) -> tuple[list, list]:
        """Unnamed actors ("demonstrators", "police") belong to the country where they act; a
        protest with no stated target is aimed at the authorities of the place (PLOVER GSR)."""
        place = next(iter(self._place_actors(tok)), None)
        home = place.country if place is not None else None

        def fill(a: ActorMention, country: str | None) -> ActorMention:
            # unnamed actors only: the ICC investigating crimes in Venezuela stays the ICC
            return replace(a, country=country) if country and not a.country and a.id is None \
                and a.sector not in (None, "igo") else a

        sources = [fill(a, home) for a in sources]
        own = next((a.country for a in sources if a.country), None)
        if ptype in DOMESTIC and home is None and own:
            # an act at home unless the sentence names one other country it happens to: "Russian
            # forces attacked Ukraine's grid, killing seven people" kills Ukrainians
            # (a country named as such, not one that only reports it: "..., U.S. officials said")
            abroad = {a.country for a in tok.doc._.actors or () if tok.sent.start <= a.start < tok.sent.end
                      and a.country and a.country != own and a.sector is None and not self._reports(tok.doc[a.start:a.end])}
            home = abroad.pop() if len(abroad) == 1 else None if abroad else own
        targets = [fill(a, home if home != own or self._at_home(ptype, sources, a) else None) for a in targets]
        if not targets and ptype == "PROTEST" and (home or own):
            targets = [place] if place is not None else [replace(sources[0], country=own, sector="government")]
        return sources, targets

    def _events(self, tok, p, cameo, ptype, mode, sources, targets, negation_coded=False) -> list[EventMention]:
        info = code_info(cameo)
        out = []
        sources, targets = self._localize(tok, ptype, sources, targets)
        members = {m.country for s in sources for m in (s.members or [s]) if m.country}
        if ptype in RECIPROCAL and any(len(s.members) > 1 for s in sources):
            targets = []  # "Israel and Lebanon renewed negotiations": all are actors (PLOVER)
        for s in sources:
            for t in targets or [None]:
                # "the EU warned that it could..." does not act on itself; a town of its own
                # country is another actor ("India relaxed the curfew in Srinagar")
                if t is s or (t is not None and len(members) > 1 and t.country in members) or \
                        (t is not None and t.id is not None and t.resolved_by != "place" and (t.id, t.sector) == (s.id, s.sector)):
                    t = None
                toks = [tok.i, s.start, s.end - 1] + ([t.start, t.end - 1] if t is not None else [])
                out.append(
                    EventMention(
                        type=ptype,
                        mode=mode,
                        context=info.context,
                        cameo=cameo,
                        intensity=info.intensity if info.type == ptype and info.mode == mode else intensity(ptype, mode),
                        goldstein=info.goldstein,
                        trigger=tok.i,
                        start=max(min(toks), tok.sent.start),
                        end=min(max(toks) + 1, tok.sent.end),
                        source=s,
                        target=t,
                        pattern=f"{p.source}: {p.text} [{p.cameo}]",
                        negation_coded=negation_coded,
                    )
                )
        return out


def _topic(tok: Token, found: dict[int, Pattern]) -> bool:
    """'condemned Trump's decision to recognize Jerusalem': an act described by the object of a
    statement (praise, criticism, rejection) is what the statement is about, not news of its own."""
    noun = tok.head
    if tok.dep_ not in ("acl", "relcl") or noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ not in OBJECT_DEPS:
        return False
    q = found.get(noun.head.i)
    return q is not None and (quad(q.type or code_info(q.cameo).type) or "").startswith("verbal")


def _demanded(comp: Token) -> Iterator[Token]:
    """The acts a demand asks for: its clause's predicate and the predicates it governs ("the US
    must be ready to mediate", "must withdraw and apologise"); none of them has happened."""
    yield comp
    for c in comp.children:
        if c.dep_ in DEMANDED_DEPS:
            yield from _demanded(c)


def _purpose(tok: Token) -> bool:
    """Is the predicate a purpose clause ("visited Amman to discuss the crisis")?"""
    return tok.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _background(tok: Token) -> bool:
    """Is the predicate inside a phrase describing a noun ("a helicopter that was captured last
    week", "property seized by the army") or setting the time ("after rebels kidnapped dozens of
    peacekeepers")? Such an act is background to the sentence's news."""
    while tok.head.i != tok.i:
        # a participle on the subject says who acts ("M23 rebels backed by Rwanda captured Goma")
        if tok.dep_ == "relcl" or (tok.dep_ == "acl" and tok.tag_ in ("VBN", "VBG") and tok.head.dep_ not in ("nsubj", "nsubjpass")):
            return True
        # what sets the time ("since last month's invasion", "on the eve of a visit by X", "weeks
        # after rebels kidnapped ...")
        if tok.dep_ == "pobj" and (tok.head.lower_ in TIME_FRAMES or tok.head.lower_ == "of" and tok.head.head.lower_ in TIME_NOUNS):
            return True
        if tok.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in TIME_FRAMES for c in tok.children):
            return True
        tok = tok.head
    return False


def _actor_key(a: ActorMention | None) -> str | None:
    if a is None:
        return None
    return a.id or a.country or a.name or f"{a.start}:{a.end}"


def deduplicate(events: list[EventMention], doc: Doc) -> list[EventMention]:
    """One event per (type, source, target, predicate) in a document: the same predicate said
    twice of the same actors is one event (the first mention is kept, every mention's span goes to
    its ``evidence``); a different predicate
    ("met" in 2019, "reopen negotiations" now) is a different event."""
    kept: dict[tuple, EventMention] = {}
    for e in events:
        key = (e.type, _actor_key(e.source), _actor_key(e.target), doc[e.trigger].lemma_.lower())
        if key in kept:
            kept[key].evidence.append((e.start, e.end))
        else:
            e.evidence.append((e.start, e.end))
            kept[key] = e
    return list(kept.values())
