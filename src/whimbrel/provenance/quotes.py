"""Quotes: direct quotes (straight and curly marks, across sentences, split by "he said") and
indirect speech ("Kim said that ...", "according to ..."), each with its speaker and cue.

1. ``quoted_stretches`` pairs quotation marks in the text;
2. each stretch long enough to be speech (not a scare quote like "beautiful" letters) gets the
   reporting verb tied to it in the parse, else the nearest one in its sentences, else the one
   that introduces it with a colon, else the previous quote's speaker (a continued quote);
3. reporting verbs with a clausal complement outside direct quotes make indirect quotes ("Kim said
   that ...", "..., officials said", "Hezbollah fired rockets, the army said, after ...", "said in a
   statement that ..."), and so do "according to X" / "per X" phrases, over the clause they attach
   to (the whole sentence when that is its main clause; none for "X said ..., citing Y", which X's
   verb quotes already); a partial quote inside reported speech ('said the West was "playing with
   fire"') is part of that one indirect quote;
4. the speaker is the reporting verb's subject (inherited through "..., claiming that", not through
   "Asked whether ..."; a relative pronoun's noun; the noun the parse took for the object in
   '"...," vowed the mayor' or for a clause in "Agency SANA, quoting ..., said"), resolved through ``token._.actor`` (the actor resolver, with its
   coreference); a pronoun stands for its antecedent, whose phrase names it in ``speaker_text``
   ("the opposition leader", not "she"): the resolver's, unless an unnamed person-like subject
   comes after it, else the nearest person named before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.tokens import Doc, Span, Token

from ..records import ActorMention, QuoteMention

DATA = Path(__file__).resolve().parents[1] / "data" / "provenance"

_OPEN = {"“": "”", "«": "»", '"': '"', "„": "“"}
_PRONOUNS = {"he", "she", "they", "i", "we", "it"}
_LOOKBACK = 150  # tokens searched back for a pronoun's person-like antecedent (a few sentences)
_TRIM_DEPS = {"relcl", "appos", "acl", "punct", "advcl", "cc"}
CARRIER_NOUNS = {"report", "statement", "story", "article", "interview", "dispatch", "broadcast", "document",
             "letter", "post", "tweet", "release", "communique", "message", "briefing", "analysis", "survey"}


@dataclass(frozen=True, slots=True)
class QuoteCues:
    verbs: frozenset[str]
    prepositions: tuple[str, ...]
    min_direct_words: int
    person_nouns: frozenset[str]


@lru_cache(maxsize=1)
def load_quote_cues() -> QuoteCues:
    verbs = {ln.strip() for ln in (DATA / "quote_verbs.txt").read_text().splitlines() if ln.strip() and not ln.startswith("#")}
    extra = yaml.safe_load((DATA / "quote_cues.yaml").read_text(encoding="utf-8"))
    verbs.update(extra.get("verbs", []))
    return QuoteCues(frozenset(verbs), tuple(extra.get("prepositions", [])), int(extra.get("min_direct_words", 4)),
                     frozenset(extra.get("person_nouns", [])))


# --------------------------------------------------------------------------- direct quotes


def quoted_stretches(text: str) -> list[tuple[int, int]]:
    """(start, end) char offsets of the text inside each pair of quotation marks.

    An unclosed quote ends at the end of its paragraph (news style opens every paragraph of a
    long quote again without closing the one before).
    """
    out: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _OPEN and (ch != '"' or i == 0 or not text[i - 1].isalnum()):
            close = _OPEN[ch]
            para_end = text.find("\n", i + 1)
            para_end = n if para_end < 0 else para_end
            j = text.find(close, i + 1, para_end)
            end = j if j >= 0 else para_end
            s, e = i + 1, end
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append((s, e))
            i = end + 1
        else:
            i += 1
    return out


def _is_speech(span: Span, min_words: int) -> bool:
    words = [t for t in span if not t.is_punct and not t.is_space]
    return len(words) >= min_words or any(t.pos_ in {"VERB", "AUX"} and t.dep_ != "aux" for t in span)


def _inside(tok: Token, start: int, end: int) -> bool:
    return start <= tok.idx < end


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, inherited from the verb it hangs on ("..., claiming that"); a relative
    pronoun stands for the noun its clause modifies ("his counterpart, who assured him that")."""
    v = verb
    for _ in range(4):
        for c in v.children:
            if c.dep_ in {"nsubj", "nsubjpass"}:
                return v.head if c.tag_ in {"WP", "WDT"} and v.dep_ == "relcl" else c
        agent = next((c for c in v.children if c.dep_ == "agent"), None)
        if agent is not None:
            return next((c for c in agent.children if c.dep_ == "pobj"), None)
        if v.i == verb.i and (stray := _misparsed_subject(v)) is not None:
            return stray
        # "Asked whether he would run, Trump said": a passive participle's subject is not its agent
        if v.dep_ == "advcl" and v.tag_ == "VBN" and not any(c.dep_ in {"aux", "auxpass"} for c in v.children):
            return None
        if v.dep_ in {"advcl", "conj", "xcomp"} and v.head.i != v.i:
            v = v.head
        else:
            return None
    return None


def _misparsed_subject(verb: Token) -> Token | None:
    """A speaker the parse did not make the subject: after a quote, the noun it took for the object
    ('"We will rebuild," vowed the mayor'); before the verb, a name it took for a clause ("State news
    agency SANA, quoting a military source, said ...")."""
    before = next((c for c in verb.lefts if c.dep_ == "ccomp" and c.pos_ in {"NOUN", "PROPN"}), None)
    if before is not None or verb.i == 0 or not verb.nbor(-1).is_punct:
        return before
    return next((c for c in verb.rights if c.dep_ in {"dobj", "attr", "npadvmod", "oprd"}
                 and c.pos_ in {"NOUN", "PROPN"}), None)


def phrase(head: Token) -> Span:
    """The noun phrase of a head without its relative clauses, appositions and trailing commas."""
    keep = [head] + [t for c in head.children if c.dep_ not in _TRIM_DEPS for t in c.subtree]
    return head.doc[min(t.i for t in keep) : max(t.i for t in keep) + 1]


def _tied_cue(qspan: Span, sents: list[Span], cues: QuoteCues) -> Token | None:
    """The reporting verb outside the quote that the parse ties to it, else the nearest one."""
    start, end = qspan.start_char, qspan.end_char
    candidates = [t for s in sents for t in s if t.lemma_.lower() in cues.verbs and t.pos_ in {"VERB", "AUX"}
                  and not _inside(t, start, end) and subject_of(t) is not None]
    for v in candidates:
        if any(t.head.i == v.i for t in qspan) or _inside(v.head, start, end):
            return v
    if candidates:
        return min(candidates, key=lambda v: min(abs(v.idx - start), abs(v.idx - end)))
    return None


def _carried_clause(verb: Token) -> Token | None:
    """The that-clause the parse hangs on a carrier noun or time phrase of a reporting verb ("said
    in a statement that ...", "said on Sunday that ...")."""
    for c in verb.children:
        if c.dep_ in {"prep", "npadvmod"} and c.i > verb.i:
            for t in c.subtree:
                if t.dep_ in {"acl", "ccomp"} and any(m.dep_ == "mark" and m.lower_ == "that" for m in t.children):
                    return t
    return None


def clause_of(tok: Token) -> Token:
    """The verb heading the clause a word belongs to (the word itself if it is that verb)."""
    t = tok
    while t.head.i != t.i and not (t.pos_ in {"VERB", "AUX"} and t.dep_ not in {"aux", "auxpass", "prep", "amod"}):
        t = t.head
    return t


def according_to(sent: Span, cues: QuoteCues, outside: tuple[int, int] | None = None) -> tuple[Token, Token, str] | None:
    """(preposition, object head, cue) of an "according to X" / "per X" phrase in a sentence."""
    for t in sent:
        if outside and _inside(t, *outside):
            continue
        low = t.lower_
        for cue in cues.prepositions:
            first, *rest = cue.split()
            if low != first:
                continue
            nxt = t.nbor(1) if rest and t.i + 1 < len(t.doc) else None
            if rest and (nxt is None or nxt.lower_ != rest[0]):
                continue
            holder = nxt if rest else t
            obj = next((c for c in holder.children if c.dep_ in {"pobj", "dobj"}), None)
            if obj is None:
                obj = next((c for c in t.children if c.dep_ in {"pobj", "dobj"}), None)
            if obj is not None:
                return t, obj, cue
    return None


# --------------------------------------------------------------------------- speakers


def _same_actor(a: ActorMention, b: ActorMention) -> bool:
    if a.id or b.id:
        return a.id == b.id
    return (a.name, a.title, a.sector, a.country) == (b.name, b.title, b.sector, b.country)


def _person_like(tok: Token, nouns: frozenset[str]) -> bool:
    return tok.lemma_.lower() in nouns or (tok._.actor is not None and tok._.actor.title is not None)


def _person_antecedent(tok: Token, nouns: frozenset[str], named: bool) -> Token | None:
    """The nearest sentence before a "he"/"she" with a person in it, and its subject if it has one:
    a named person (when ``named``) or a person-like noun ("the opposition leader")."""
    cands = [e.root for e in tok.doc.ents if named and e.end <= tok.i and e.label_ == "PERSON"]
    cands += [t for t in tok.doc[max(0, tok.i - _LOOKBACK) : tok.i] if t.dep_ in {"nsubj", "nsubjpass"}
              and t.pos_ == "NOUN" and t.tag_ != "NNS" and _person_like(t, nouns)]
    if not cands:
        return None
    last = max(t.sent.start for t in cands)
    return max((t for t in cands if t.sent.start == last), key=lambda t: (t.dep_.startswith("nsubj"), t.i))


def _antecedent(tok: Token) -> Token | None:
    """The head of the phrase a pronoun speaker stands for: the last earlier mention of the actor the
    resolver gave it, unless a person-like subject the resolver passed over comes after it ("A senior
    police commander ... said ... "...," he said"); else for "he"/"she" the person named or the
    person-like subject in the nearest sentence before, a subject first; for "it"/"they" the subject
    of an earlier sentence."""
    doc = tok.doc
    own = tok._.actor
    person = tok.lower_ in {"he", "she", "i"}
    nouns = load_quote_cues().person_nouns
    if own is not None and (own.id or own.name or own.title or own.sector):
        earlier = [m for m in doc._.actors or [] if m.end <= tok.i and _same_actor(m, own)
                   and doc[m.start : m.end].root.pos_ != "PRON"]
        if earlier:
            found = doc[earlier[-1].start : earlier[-1].end].root
            closer = _person_antecedent(tok, nouns, named=False) if person else None
            return closer if closer is not None and closer.sent.start > found.sent.start else found
    if person:
        return _person_antecedent(tok, nouns, named=True)
    for sent in reversed([s for s in doc.sents if s.end <= tok.sent.start][-3:]):
        subj = next((c for c in sent.root.children if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ != "PRON"), None)
        if subj is not None:
            return subj
    return None


def _mention(span: Span, resolved_by: str, like: ActorMention | None = None) -> ActorMention:
    if like is None:
        return ActorMention(span.start, span.end, span.text, None, None, None, resolved_by)
    return ActorMention(span.start, span.end, span.text, None, like.country, like.sector, resolved_by, like.title)


def speaker_mention(head: Token) -> ActorMention | None:
    """The actor who speaks: a pronoun's antecedent (the resolver's actor named by the phrase it
    stands for when it has no name: "the opposition leader ... she"); else from the actor resolver,
    else a named person in the phrase or its apposition ("Japan's foreign minister, Yoko Kamikawa")."""
    doc = head.doc
    own = head._.actor
    if head.lower_ in _PRONOUNS:
        ante = _antecedent(head)
        if ante is None:
            return own
        if ante._.actor is not None and ante._.actor.name is not None:
            return ante._.actor
        ent = next((e for e in doc.ents if e.start <= ante.i < e.end), None)
        return _mention(ent if ent is not None else phrase(ante), "coref", ante._.actor or own)
    span = phrase(head)
    appos = [c for c in head.children if c.dep_ == "appos"]
    # a named person in apposition is more specific than the title it explains
    for part in (*(phrase(a) for a in appos), None, span):
        if part is None:
            if own is not None:
                return own
            continue
        person = next((e for e in doc.ents if e.label_ == "PERSON" and part.start <= e.start < part.end), None)
        if person is not None:
            return person.root._.actor or _mention(person, "entity")
    for t in span:  # "a spokesman for the Kremlin": the office named in the phrase
        if t._.actor is not None:
            return t._.actor
    return None


def antecedent_phrase(head: Token) -> Span | None:
    """The phrase a pronoun speaker stands for, to name it by ("she" tells a reader nothing; "the
    opposition leader" does); None for a noun or a pronoun with no antecedent."""
    if head.lower_ in _PRONOUNS and (ante := _antecedent(head)) is not None:
        return phrase(ante)
    return None


def _quote(doc: Doc, start: int, end: int, kind: str, speaker: Token | None, cue: str | None) -> QuoteMention:
    return QuoteMention(
        start_char=start,
        end_char=end,
        kind=kind,
        speaker=speaker_mention(speaker) if speaker is not None else None,
        speaker_text=(antecedent_phrase(speaker) or phrase(speaker)).text if speaker is not None else None,
        cue=cue,
    )


# --------------------------------------------------------------------------- finding


def find_quotes(doc: Doc, cues: QuoteCues | None = None) -> tuple[list[QuoteMention], list[Token | None]]:
    """All quotes in the Doc in text order, and the reporting-verb token of each (None if none)."""
    cues = cues or load_quote_cues()
    found: list[tuple[QuoteMention, Token | None]] = []
    direct_ranges: list[tuple[int, int]] = []
    last: tuple[QuoteMention, Token | None] | None = None
    for start, end in quoted_stretches(doc.text):
        qspan = doc.char_span(start, end, alignment_mode="expand")
        if qspan is None or not _is_speech(qspan, cues.min_direct_words):
            continue
        direct_ranges.append((start, end))
        sents = list({s.start: s for s in (doc[qspan.start].sent, doc[qspan.end - 1].sent)}.values())
        first = sents[0]
        prev_end = first.start - 1
        if prev_end >= 0 and doc[prev_end].sent.text.rstrip().endswith(":"):
            sents.insert(0, doc[prev_end].sent)
        verb = _tied_cue(qspan, sents, cues)
        if verb is not None:
            q = _quote(doc, start, end, "direct", subject_of(verb), verb.lemma_.lower())
        elif (acc := next(filter(None, (according_to(s, cues, (start, end)) for s in sents)), None)) is not None:
            verb = acc[0]
            q = _quote(doc, start, end, "direct", acc[1], acc[2])
        elif last is not None and doc.text.count("\n", last[0].end_char, start) <= 2:
            q = QuoteMention(start, end, "direct", last[0].speaker, last[0].speaker_text, None)
            verb = last[1]
        else:
            q = QuoteMention(start, end, "direct", None, None, None)
        found.append((q, verb))
        last = (q, verb)

    def in_direct(tok: Token) -> bool:
        return any(s <= tok.idx < e for s, e in direct_ranges)

    for sent in doc.sents:
        for v in sent:
            if v.lemma_.lower() not in cues.verbs or v.pos_ not in {"VERB", "AUX"} or in_direct(v):
                continue
            subj = subject_of(v)
            if subj is None:
                continue
            comp = next((c for c in v.children if c.dep_ == "ccomp" and c.i != subj.i), None) or _carried_clause(v)
            if comp is not None:  # "X said (that) ...", "..., X said", "X said in a statement that ..."
                # without its "that", however the parse took it ("told Le Monde that ...": an object)
                toks = [t for t in comp.subtree if not (t.dep_ == "mark" and t.head.i == comp.i) and not (
                    t.i == comp.left_edge.i and t.lower_ == "that" and t.i > v.i and t.dep_ not in {"nsubj", "nsubjpass"})]
            elif v.dep_ == "parataxis" and v.head.i < v.i:  # "Hezbollah fired rockets, the military said, after ..."
                comp = v.head
                toks = list(doc[comp.left_edge.i : v.left_edge.i])
            else:
                continue
            toks = [t for t in toks if not t.is_punct and not t.is_space]
            # a clause that starts in a direct quote is that quote; one that only holds a partial
            # quote is indirect speech ('Putin said the West was "playing with fire"'), one quote
            if toks and not in_direct(toks[0]):
                start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
                partial = [(s, e) for s, e in direct_ranges if start <= s and e <= end + 1]
                found = [(q, c) for q, c in found if (q.start_char, q.end_char) not in partial]
                found.append((_quote(doc, start, end, "indirect", subj, v.lemma_.lower()), v))
        acc = according_to(sent, cues)
        if acc is not None and not in_direct(acc[0]) and not any(in_direct(t) for t in sent if not t.is_punct):
            prep, obj, cue = acc
            ph = prep.doc[prep.i : obj.right_edge.i + 1]
            # the clause the phrase is attached to; the whole sentence when that is its main clause
            clause = clause_of(prep)
            reported = False
            if clause.i == prep.i and prep.head.i != prep.i:  # a participle ("..., citing X") modifies its head's clause
                ph = doc[prep.left_edge.i : prep.right_edge.i + 1]
                clause = clause_of(prep.head)
                # "X said ..., citing Y": X's words, which the reporting verb quotes already (Y is X's source)
                reported = any(a.lemma_.lower() in cues.verbs for a in (clause, *clause.ancestors))
            scope = sent if clause.i == sent.root.i else doc[clause.left_edge.i : clause.right_edge.i + 1]
            body = [t for t in scope if not (ph.start <= t.i < ph.end) and not t.is_punct and not t.is_space]
            if body and not reported:
                found.append((_quote(doc, body[0].idx, body[-1].idx + len(body[-1].text), "indirect", obj, cue), prep))
    found.sort(key=lambda x: x[0].start_char)
    return [q for q, _ in found], [v for _, v in found]


def quote_index(tok: Token, quotes: list[QuoteMention]) -> int | None:
    """Index of the innermost direct quote containing the token, else of an indirect one."""
    best: int | None = None
    for i, q in enumerate(quotes):
        if q.start_char <= tok.idx < q.end_char:
            if best is None or (q.kind == "direct" and quotes[best].kind != "direct"):
                best = i
    return best


_SPACE = re.compile(r"\s+")


def quote_text(doc: Doc, q: QuoteMention) -> str:
    return _SPACE.sub(" ", doc.text[q.start_char : q.end_char])
