"""The ``whimbrel_actors`` component: find every actor mention and resolve it on the document's date.

1. ``match(doc)`` finds *atoms*: knowledge-base aliases (one pass over the tokens with dict
   lookups of lower-cased token tuples - no loop over patterns, and no matcher to build from
   40,000 aliases at load time - then case-checked) and spaCy entities the KB does not know.
2. Adjacent atoms in one noun phrase combine into mentions: "North Korean leader Kim Jong-un"
   (a person), "Russian forces" (RUS + military), "Trump's administration" (USA + government),
   "Egyptian and Qatari mediators" (a compound with two members).
3. Mentions are completed in reading order (``coref.Resolver``): titles resolve to the holder on
   ``doc._.pub_date`` or to the person the text last spoke of, surnames and pronouns to their
   antecedents, unnamed actors ("police in Lagos") get their country from where the text places them.
4. ``set_annotations`` writes ``doc._.actors`` (sorted, non-overlapping) and ``token._.actor``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import userfiles
from ..datelines import dateline_of
from ..extensions import register_extensions
from ..records import ActorMention
from .coref import LOCATION_PREPS, PLACE_NOUNS, Resolver
from .kb import AliasRef, KnowledgeBase, load_kb, skeleton

ENT_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# tokens that may sit between the parts of one actor phrase ("Russian special forces",
# "Trump's administration", "the U.S.-backed government")
BRIDGE_POS = frozenset({"ADJ", "NUM"})
BRIDGE_TEXT = frozenset({"-", "'s", "’s", "'", "’"})
# words that qualify a post or body without changing it ("Ukraine's acting president", "Sudan's ruling council")
TITLE_QUALIFIERS = frozenset({"acting", "interim", "caretaker", "outgoing", "incoming", "transitional", "ruling",
                              "governing"})
POSSESSIVE_PRONOUNS = frozenset({"its", "his", "her", "their"})
COUNTRYISH = frozenset({"demonym", "metonym", "seat", "place"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
STANCE_PREFIXES = frozenset({"anti", "pro"})
PLACE_PREPS_STRONG = frozenset({"in", "near", "outside", "inside", "around", "across", "throughout"})
# words after a name that make it a place whatever spaCy says: "Sindh province", "Donetsk oblast"
PLACE_AFTER = PLACE_NOUNS | {"state", "governorate", "oblast", "prefecture", "municipality", "area", "valley"}
# verbs whose object is a place: a gazetteer name there is one, whatever spaCy tags it
PLACE_VERBS = frozenset({"hit", "strike", "shell", "bomb", "bombard", "pound", "capture", "recapture", "seize",
                         "retake", "storm", "besiege", "encircle", "enter", "overrun", "liberate", "evacuate",
                         "flee", "visit", "tour", "reach", "leave"})
# words after a country's name that make it a province abroad of the same name ("Georgia Governor
# Brian Kemp", "Niger State"), directly or after "'s" ("Georgia's governor")
HOMONYM_AFTER = frozenset({"state", "governor", "gov.", "legislature", "lawmakers", "senator", "senators",
                           "county", "counties", "republicans", "democrats", "voters", "primary"})
HOMONYM_OWNED = frozenset({"governor", "legislature", "secretary", "attorney"})


@dataclass(slots=True)
class Atom:
    """A span known to name something: an alias (refs) or an unknown spaCy entity (label)."""

    start: int
    end: int
    refs: list[AliasRef] = field(default_factory=list)
    label: str | None = None  # spaCy entity label for unknown entities
    pronoun: bool = False  # a possessive pronoun standing before a sector word ("its military")

    @property
    def type(self) -> str:
        if self.pronoun:
            return "pronoun"
        return self.refs[0].type if self.refs else "ent"

    def entity_refs(self) -> list[AliasRef]:
        return [r for r in self.refs if r.entity]


@dataclass(slots=True)
class Group:
    """Atoms that form one actor phrase; ``members`` for coordinated phrases."""

    atoms: list[Atom]
    start: int
    end: int
    members: list["Group"] = field(default_factory=list)
    post: list[Atom] = field(default_factory=list)  # "the president of Armenia": country after the head

    @property
    def head(self) -> Atom:
        return self.atoms[-1]


class ActorResolver(userfiles.SavesUserFiles):
    """spaCy component ``whimbrel_actors``: sets ``doc._.actors`` and ``token._.actor``."""

    user_file_kinds = ("actor_files",)

    def __init__(self, nlp: Language, name: str = "whimbrel_actors", *, actor_files: Sequence[str] = ()):
        register_extensions()
        self.name = name
        self.load_user_files(actor_files)

    def load_user_files(self, actor_files: Sequence[str]) -> None:
        """The built-in knowledge base with the user's actor files on top (their entries win)."""
        self.actor_files = [str(f) for f in actor_files]
        self.kb: KnowledgeBase = load_kb(tuple(self.actor_files))
        self.first_words = frozenset(k[0] for k in self.kb.aliases)
        self.max_len = max((len(k) for k in self.kb.aliases), default=1)
        self.resolver = Resolver(self.kb)


    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)

    # ------------------------------------------------------------------ finding

    def match(self, doc: Doc) -> list[ActorMention]:
        """Pure: the actor mentions of ``doc`` (does not write to it)."""
        atoms = self.find_atoms(doc)
        groups = group_atoms(doc, atoms, self.kb.voices)
        return self.resolver.resolve(doc, groups)

    def find_atoms(self, doc: Doc) -> list[Atom]:
        found: list[Atom] = []
        strings = doc.vocab.strings  # read off the Doc's arrays: much cheaper than a Token per word
        texts, lower = [], []
        for orth, low in doc.to_array([ORTH, LOWER]).tolist():
            texts.append(strings[orth])
            lower.append(strings[low])
        aliases = self.kb.aliases
        for start, word in enumerate(lower):
            if word not in self.first_words or _stance(doc, start):  # "anti-Syria", "pro-Russian": a stance, not a home
                continue
            for end in range(start + 1, min(len(doc), start + self.max_len) + 1):
                refs = aliases.get(tuple(lower[start:end]))
                if not refs:
                    continue
                refs = [r for r in refs if r.fits(texts[start:end])]
                if refs and all(r.gazetteer for r in refs) and not _used_as_place(doc[start:end]):
                    continue
                if refs and all(r.type == "place" for r in refs) and start >= 2 and lower[start - 1] == "-" \
                        and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_:
                    continue  # the end of a hyphenated name ("Sheikh Jaber al-Sabah"), not the town
                if refs and _plausible(doc[start:end], refs):
                    found.append(Atom(start, end, refs))
        found += self._elided(doc, lower, found)
        self._homonyms(doc, lower, found)
        found = self._shared_places(found)
        self._namesakes(lower, found)
        titled = {a.end for a in found if a.type == "title"}  # "Defense Secretary William Perry"
        # a name right after a title is that person's ("Defense Secretary William Perry"), but a town
        # there is the start of an unknown name ("Defence Minister Vladimir Padrino")
        found = [a for a in found if a.start in titled and not all(r.type == "place" for r in a.refs)
                 or not self._partial_name(doc, a)]
        spelt = self._respelt(doc, found)
        for ent in doc.ents:
            if ent.label_ in ENT_LABELS and not _stance(doc, ent.start):
                found.append(spelt.get((ent.start, ent.end)) or Atom(ent.start, ent.end, label=ent.label_))
        atoms = _province(doc, _longest_first(doc, found))
        starts = {a.start for a in atoms}
        for a in atoms:  # a name the recogniser cut short: "Maria Corina [Machado]"
            if a.label == "PERSON":
                while a.end < len(doc) and a.end not in starts and doc[a.end].pos_ == "PROPN" \
                        and doc[a.end].ent_type_ == "" and doc[a.end].text[:1].isupper():
                    a.end += 1
        taken = {i for a in atoms for i in range(a.start, a.end)}
        for a in list(atoms):  # "the Maduro government": a surname before a sector word
            if a.type == "sector" and a.start > 0 and a.start - 1 not in taken:
                prev = doc[a.start - 1]
                if prev.pos_ == "PROPN" and prev.text[:1].isupper() and prev.ent_type_ in ("", "PERSON", "ORG", "NORP"):
                    atoms.append(Atom(a.start - 1, a.start, label="PERSON"))
                    taken.add(a.start - 1)
        for a in list(atoms):  # "President Juvenal Habyarimana": a title names the person after it
            if a.type in ("title", "sector") and doc[a.end - 1].tag_ in ("NN", "NNP"):
                end = a.end
                while end < len(doc) and end - a.end < 5 and end not in taken and (
                        doc[end].pos_ == "PROPN" and doc[end].ent_type_ in ("", "PERSON") or doc[end].text == "-"):
                    end += 1
                if end > a.end and doc[a.end].text[:1].isupper() and doc[end - 1].text != "-":
                    known = next((b for b in atoms if b.start == end and b.refs and self._person_atom(b)), None)
                    if known is not None:  # "President Abdel Fattah al-Sisi": the given names join the surname
                        known.start = a.end
                        if not self._first_name_fits(doc[a.end], known):  # "Hafez al-Assad" is not Bashar
                            known.refs, known.label = [], "PERSON"
                    else:
                        atoms.append(Atom(a.end, end, label="PERSON"))
                    taken.update(range(a.end, end))
        sector_words = {a.start for a in atoms if a.type == "sector" and a.end - a.start == 1}
        for i, word in enumerate(lower):
            if not (word in POSSESSIVE_PRONOUNS or word in self.kb.pair_nouns):
                continue
            if i in taken and not (word in self.kb.pair_nouns and i in sector_words):  # "both men" is a pair
                continue
            tok = doc[i]
            if word in POSSESSIVE_PRONOUNS and tok.tag_ == "PRP$":
                atoms.append(Atom(tok.i, tok.i + 1, pronoun=True))
            elif word in self.kb.pair_nouns and tok.i > 0:
                before = [t.lower_ for t in doc[max(0, tok.i - 2) : tok.i]]
                width = 1 if before[-1:] == ["both"] else 2 if before == ["the", "two"] else 0
                if width:  # "both men", "the two countries"
                    atoms = [a for a in atoms if not a.start <= tok.i < a.end]
                    atoms.append(Atom(tok.i - width, tok.i + 1, label="PAIR"))
        if (dateline := dateline_of(doc)) is not None:  # "NEW DELHI (PTI) -" is where and who filed
            atoms = [a for a in atoms if doc[a.start].idx >= dateline.body]
        return sorted(atoms, key=lambda a: a.start)

    def _elided(self, doc: Doc, lower: list[str], found: list[Atom]) -> list[Atom]:
        """ "North and South Korea", "East and West Germany": the first word, with the name's
        shared rest, names a country of its own."""
        out = []
        for a in found:
            if a.end - a.start < 2 or a.start < 2 or lower[a.start - 1] not in ("and", "&", "or") or \
                    not any(r.type == "name" and (e := self.kb.get(r.entity)) and e.kind == "country" for r in a.refs):
                continue
            first = doc[a.start - 2]
            key = (first.lower_, *lower[a.start + 1 : a.end])
            words = [first.text, *(t.text for t in doc[a.start + 1 : a.end])]
            refs = [r for r in self.kb.aliases.get(key, ()) if r.type == "name" and r.fits(words)]
            if refs:
                out.append(Atom(a.start - 2, a.start - 1, refs))
        return out

    def _countries(self, atoms) -> set[str]:
        """The countries (or bodies) the atoms name."""
        return {e.country or e.id for a in atoms for r in a.refs if r.entity and (e := self.kb.get(r.entity)) is not None}

    def _shared_places(self, found: list[Atom]) -> list[Atom]:
        """A town or province of several countries ("Punjab", "Hyderabad") is the one of those the
        text names otherwise; if it names none or several, it places nothing."""
        shared = [a for a in found if len({r.entity for r in a.refs}) > 1 and all(r.gazetteer for r in a.refs)]
        if not shared:
            return found
        named = self._countries(a for a in found if a not in shared)
        for a in shared:
            a.refs = [r for r in a.refs if r.entity in named]
            if len({r.entity for r in a.refs}) != 1:
                a.refs = []
        return [a for a in found if a.refs]

    def _namesakes(self, lower: list[str], found: list[Atom]) -> None:
        """A big place's name that a big town abroad also has is that town in a text that names
        the town's country and not the big place's ("Lebanese troops deployed in Tripoli")."""
        hits = [(a, rivals) for a in found if (rivals := self.kb.namesakes.get(tuple(lower[a.start:a.end])))
                and all(r.type in ("place", "metonym") for r in a.refs)]
        if not hits:
            return
        named = self._countries(a for a in found if all(a is not h for h, _ in hits))
        for a, rivals in hits:
            home = {(e.country or e.id) for r in a.refs if (e := self.kb.get(r.entity)) is not None}
            town = rivals & named
            if len(town) == 1 and not home & named:
                a.refs = [AliasRef("place", " ".join(lower[a.start:a.end]), entity=next(iter(town)))]

    def _respelt(self, doc: Doc, found: list[Atom]) -> dict[tuple[int, int], Atom]:
        """Towns the text spells otherwise than the gazetteer ("Khan Younis" for Khan Yunis), where
        the text treats them as places and names their country elsewhere ("Misurata" is not
        Benin's Misserete in a story about Libya)."""
        out: dict[tuple[int, int], Atom] = {}
        named: set[str] | None = None
        for ent in doc.ents:
            if ent.label_ not in ("GPE", "LOC", "FAC", "PERSON", "ORG") or self.kb.lookup(t.lower_ for t in ent):
                continue
            country = self.kb.spellings.get(skeleton(ent.text))
            if country is None or not _used_as_place(ent):
                continue
            if named is None:  # once per document
                named = self._countries(found)
            if country in named:
                out[(ent.start, ent.end)] = Atom(ent.start, ent.end, [AliasRef("place", ent.text, entity=country)])
        return out

    def _homonyms(self, doc: Doc, lower: list[str], found: list[Atom]) -> None:
        """A country's name that also names a place abroad is that place where the text says so:
        "Atlanta, Georgia", "Georgia Governor Brian Kemp", "the state of Georgia", "Niger State".
        One such cue decides every use of the name in the document."""
        candidates = [(a, key, self.kb.homonyms[key]) for a in found
                      if (key := tuple(lower[a.start:a.end])) in self.kb.homonyms]
        if not candidates:
            return
        places = {(a.start, a.end): {r.entity for r in a.refs if r.type in ("place", "metonym")} for a in found}

        def near(a: Atom, country: str) -> bool:  # "Atlanta, Georgia", "Lebanon, Pennsylvania"
            return any(country in p and (end == a.start - 1 and lower[end] == "," or start == a.end + 1 and lower[a.end] == ",")
                       for (start, end), p in places.items())

        def cued(a: Atom, country: str) -> bool:
            after = lower[a.end] if a.end < len(doc) else ""
            owned = lower[a.end + 1] if after in ("'s", "’s") and a.end + 1 < len(doc) else ""
            return near(a, country) or after in HOMONYM_AFTER or owned in HOMONYM_OWNED \
                or lower[max(0, a.start - 2):a.start] == ["state", "of"]

        abroad = {key for a, key, country in candidates if cued(a, country)}
        for a, key, country in candidates:
            if key in abroad:
                a.refs = [AliasRef("place", doc[a.start:a.end].text, entity=country)]

    def _first_name_fits(self, first, atom: Atom) -> bool:
        return any(self.kb.get(r.entity).name.lower().split()[0] == first.lower_ for r in atom.refs)

    def _person_atom(self, atom: Atom) -> bool:
        return all((e := self.kb.get(r.entity)) is not None and e.kind == "person" for r in atom.refs)

    def _partial_name(self, doc: Doc, atom: Atom) -> bool:
        """A person's or town's name that is only part of a longer proper name ("Hassan" in "Omar
        Hassan al-Bashir", "Paris" in "Paris Hilton") is something else: leave it to the entity
        recogniser."""
        if not atom.refs:
            return False
        kinds = {"place" if r.type in ("place", "metonym") else (e.kind if (e := self.kb.get(r.entity)) else None)
                 for r in atom.refs}
        before = doc[atom.start - 1] if atom.start > 0 else None
        after = doc[atom.end] if atom.end < len(doc) else None
        neighbours = [t for t in (before, after) if t is not None and t.pos_ == "PROPN" and t.text[:1].isupper()
                      and not self.kb.aliases.get((t.lower_,))]
        if kinds == {"person"} and atom.end - atom.start >= 3:
            return False  # a full three-part name is that person, whatever the words around it
        if kinds <= {"place", "person"}:  # "Paris Hilton", "the Washington Post"
            return any(t.ent_type_ in ("", "PERSON", "ORG") for t in neighbours)
        if kinds <= {"country", "place"}:  # a country inside a person's name ("Jordan Peterson", "Chad Smith")
            return doc[atom.start].ent_type_ == "PERSON" and any(t.ent_type_ == "PERSON" for t in neighbours)
        return False

    # ------------------------------------------------------------------ writing

    def set_annotations(self, doc: Doc, mentions: list[ActorMention]) -> None:
        for old in doc._.actors or ():  # a Doc coded again: clear what the last run wrote
            for i in range(old.start, old.end):
                doc[i]._.actor = None
        for m in mentions:
            for i in range(m.start, m.end):
                doc[i]._.actor = m
        doc._.actors = mentions


# --------------------------------------------------------------------------- helpers


def _plausible(span: Span, refs: list[AliasRef]) -> bool:
    """A one-word sector word or title must be a noun ("military aid" is not the military), not the
    first half of a hyphenated word ("hostage-takers", "rebel-held", "government-backed"), and not
    a word inside an organisation's name ("National" in "the National Rally")."""
    if any(r.type not in ("sector", "title") for r in refs):
        return True
    doc = span.doc
    if len(span) == 1 and span[0].ent_type_ == "ORG" and span[0].text[:1].isupper() and span.end < len(doc) \
            and doc[span.end].ent_iob_ == "I" and doc[span.end].text[:1].isupper():
        return False  # "the National Rally": a word inside an organisation's name, not its last

    if span.end + 1 < len(doc) and doc[span.end].text == "-" and not span[-1].whitespace_ \
            and not doc[span.end].whitespace_:
        return False
    return len(span) > 1 or span[0].pos_ in ("NOUN", "PROPN")


def _stance(doc: Doc, start: int) -> bool:
    """Whether the name at ``start`` follows "anti-" or "pro-", written as one word."""
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in STANCE_PREFIXES \
        and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_


def _province(doc: Doc, atoms: list[Atom]) -> list[Atom]:
    """ "Kaduna state", "Borno State": a place word after a town or province is part of its name,
    not the government that the word "state" names elsewhere."""
    out: list[Atom] = []
    for a in sorted(atoms, key=lambda a: a.start):
        prev = out[-1] if out else None
        if prev is not None and prev.end == a.start and a.end - a.start == 1 and a.type == "sector" \
                and doc[a.start].lower_ in PLACE_AFTER and prev.refs and all(r.type == "place" for r in prev.refs):
            prev.end = a.end
            continue
        out.append(a)
    return out


def _used_as_place(span: Span) -> bool:
    """Whether the text treats a gazetteer name as a place: spaCy tags it as one, or a place word
    or preposition frames it ("in Jericho", "the town of Cizre", "Sindh province"). "Nice weather",
    "Split the bill" and "Jackson said" are not."""
    doc = span.doc
    if span[0].ent_iob_ == "I" or span.end < len(doc) and doc[span.end].ent_iob_ == "I":
        return False  # a word of a longer name: "Delta" in "the Niger Delta", "Victoria" in "Lake Victoria"
    labels = {t.ent_type_ for t in span}
    if labels & PLACE_LABELS:
        return True
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if _struck_or_taken(span):
        return True
    if "PERSON" in labels:  # the small model takes many towns for people; "in Kherson" is still a place
        return before in PLACE_PREPS_STRONG
    if before == "of":
        return span.start > 1 and doc[span.start - 2].lower_ in PLACE_NOUNS
    return before in LOCATION_PREPS or after in PLACE_AFTER


def _struck_or_taken(span: Span) -> bool:
    """The object of a verb that only places take: "strikes hit Khan Yunis", "troops captured
    Bakhmut" (the small model often parses a town there as an adverb, or tags it PERSON)."""
    root = span.root
    while root.dep_ == "conj" and root.head is not root:  # "hit Rafah and Khan Yunis"
        root = root.head
    verb = root.head
    if root.dep_ == "advmod" and span.start != verb.i + 1:
        return False  # a misparsed object sits right after its verb
    return root.dep_ in ("dobj", "advmod") and verb.pos_ == "VERB" and verb.lemma_.lower() in PLACE_VERBS


def _longest_first(doc: Doc, atoms: list[Atom]) -> list[Atom]:
    """Non-overlapping atoms; knowledge-base atoms beat spaCy entities, actors beat places,
    longer beats shorter.

    A spaCy entity that merely extends an alias ("Kim Jong-un" inside the PERSON "Kim Jong-un's")
    does not hide it.
    """
    taken = [False] * len(doc)
    kept: list[Atom] = []
    curated = [a for a in atoms if a.refs and not all(r.fallback for r in a.refs)]

    def rank(a: Atom):
        # places only locate: a name inside "the US" (a place alias) wins; a Phoenix-only name
        # yields to curated words it spans ("German chancellor") unless it names the same entity
        fallback = bool(a.refs) and all(r.fallback for r in a.refs) and not _same_entity(a, curated) \
            and not _named_after_people(a, curated)
        # a curated region beats the country inside its name ("Northern Ireland", "New Mexico")
        town = all(r.type == "place" and (r.gazetteer or r.fallback) for r in a.refs)
        # a leading "the" adds no length: "UN refugee" beats "The UN" in "The UN refugee chief"
        length = a.end - a.start - (doc[a.start].lower_ == "the" and a.end - a.start > 1)
        return (a.label is not None, town, fallback, -length, a.start)

    for a in sorted(atoms, key=rank):
        if any(taken[a.start : a.end]):
            continue
        for i in range(a.start, a.end):
            taken[i] = True
        kept.append(a)
    return kept


def _named_after_people(a: Atom, curated: list[Atom]) -> bool:
    """A Phoenix name whose curated words are only a people's name ("Tamil Tigers", "Karen
    National Union") is one name: the demonym does not break it up."""
    inner = [c for c in curated if a.start <= c.start and c.end <= a.end]
    return a.end - a.start > 1 and bool(inner) and all(r.type == "demonym" for c in inner for r in c.refs) \
        and all(r.type == "name" for r in a.refs)


def _same_entity(a: Atom, curated: list[Atom]) -> bool:
    """A longer Phoenix name ("Vladimir Vladimirovich Putin") may span a curated one of the same person."""
    inner = [c for c in curated if a.start <= c.start and c.end <= a.end]
    ids = {r.entity for r in a.refs}
    return bool(inner) and all(any(r.entity in ids for r in c.refs) for c in inner)


def _bridge(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens [start, end) may sit inside one actor phrase."""
    if end - start > 3:
        return False
    # "Vietnamese-led forces", "Saudi-led coalition forces": the leader's country codes the force
    # ("Iranian-backed militias" are not Iran's: backing is not command)
    if doc[start].text == "-" and end - start >= 2 and doc[start + 1].lower_ == "led":
        start += 2
    # noun modifiers count too: "NATO peacekeeping troops", "Ankara's Cankaya district administration"
    return all(t.pos_ in BRIDGE_POS or t.text in BRIDGE_TEXT or t.lower_ in TITLE_QUALIFIERS or t.dep_ in ("compound", "amod") and t.pos_ in ("NOUN", "PROPN")
               for t in doc[start:end])


def _of_country(doc: Doc, start: int, atom: Atom, voices: frozenset[str] = frozenset()) -> bool:
    """ "the president of Armenia", "the army of Sudan": a country after "of (the)"; after "for
    (the)" too when the head speaks for it ("a spokesman for the Israeli military")."""
    gap = [t.lower_ for t in doc[start : atom.start]]
    preps = ("of", "for") if start > 0 and doc[start - 1].lower_ in voices else ("of",)
    # a province or town counts too: "the government of Sindh province" is Pakistan's
    return bool(gap) and gap[0] in preps and gap[1:] in ([], ["the"]) and any(r.entity for r in atom.refs) and \
        not any(r.type in ("sector", "title") for r in atom.refs)


def _titled_name(g: Group) -> bool:
    """ "King Abdullah of Jordan", "President Museveni of Uganda": the country places the titled person."""
    return any(a.type == "title" for a in g.atoms) and (g.head.label == "PERSON" or g.head.type == "name")


def _combinable(left: Atom, right: Atom) -> bool:
    """Can ``left`` modify ``right`` in one phrase? Names, demonyms and possessors modify
    sector words, titles and person names; titles modify the person names they precede."""
    if right.type in ("sector", "title"):
        return left.type in ("name", "demonym", "metonym", "seat", "place", "title", "pronoun", "ent", "sector")
    if right.type == "demonym":  # "Turkish Kurd refugees", "Iraqi Kurds"
        return left.type == "demonym"
    if right.type == "name" and any(r.entity for r in right.refs):
        return left.type in ("title", "demonym", "sector") or (left.type == "name" and _is_place(left))
    if right.type == "ent" and right.label == "PERSON":
        return left.type in ("title", "demonym", "sector")
    return False


def _is_place(atom: Atom) -> bool:
    return any(r.type in COUNTRYISH for r in atom.refs)


def group_atoms(doc: Doc, atoms: list[Atom], voices: frozenset[str] = frozenset()) -> list[Group]:
    """Join adjacent atoms into actor phrases, then coordinated phrases into compounds."""
    groups: list[Group] = []
    for i, atom in enumerate(atoms):
        if _unknown_modifier(doc, atoms, i):
            continue
        prev = groups[-1] if groups else None
        if prev and _of_country(doc, prev.end, atom, voices) and (prev.head.type in ("sector", "title") or _titled_name(prev)):
            prev.post.append(atom)
            prev.end = atom.end
            continue
        if prev and _bridge(doc, prev.end, atom.start) and _combinable(prev.head, atom):
            prev.atoms.append(atom)
            prev.end = atom.end
            continue
        groups.append(Group([atom], atom.start, atom.end))
    for g in groups:
        if g.head.type in ("sector", "title"):
            g.start = _phrase_start(doc, g.start)
    return _coordinate(doc, [g for g in groups if not (len(g.atoms) == 1 and g.head.pronoun)])


def _unknown_modifier(doc: Doc, atoms: list[Atom], i: int) -> bool:
    """An unknown NORP ("Nicaragua's Sandinista government") between a country word and the
    sector word it modifies describes that actor: it neither starts a phrase nor ends one."""
    atom = atoms[i]
    if atom.label != "NORP" or i == 0 or i + 1 == len(atoms):
        return False
    prev, nxt = atoms[i - 1], atoms[i + 1]
    return bool(prev.entity_refs()) and nxt.type in ("sector", "title") and _bridge(doc, prev.end, nxt.start)


def _phrase_start(doc: Doc, start: int) -> int:
    """Take in the determiner and adjectives before a common-noun actor ("the isolated leader")."""
    while start > 0 and doc[start - 1].pos_ in ("DET", "ADJ") and doc[start - 1].dep_ in ("det", "amod"):
        start -= 1
    return start


def _coordinate(doc: Doc, groups: list[Group]) -> list[Group]:
    """ "Armenia and Azerbaijan", "Egyptian and Qatari mediators": one compound with members."""
    out: list[Group] = []
    i = 0
    while i < len(groups):
        run = [groups[i]]
        while i + 1 < len(groups) and _coordinated(doc, run[-1], groups[i + 1]):
            run.append(groups[i + 1])
            i += 1
        i += 1
        if len(run) == 1 or not any(t.lower_ in ("and", "&") for g in run[1:] for t in doc[g.start - 2 : g.start]):
            out.extend(run)  # a list without "and" is not a coordination ("Paris, Texas")
            continue
        head = run[-1].head
        shared = head.type in ("sector", "title") and len(run[-1].atoms) > 1 and all(
            len(g.atoms) == 1 and (g.head.type == "demonym" or g.head.type == "name" and bool(g.head.entity_refs()))
            for g in run[:-1]) and not any(a.pronoun for a in run[-1].atoms) and not _new_clause(doc, run)
        # "Egyptian and Qatari mediators", "US and British forces"; not "Putin and his men"
        if not shared and doc[run[0].start : run[0].end].root.dep_ not in ("nsubj", "nsubjpass"):
            out.extend(run)  # "talks between Pyongyang and Moscow": each stays its own actor
            continue
        if shared:
            # "Hungarian and Romanian officials": the shared head word applies to every member
            for g in run[:-1]:
                g.atoms.append(head)
        out.append(Group(run[-1].atoms, run[0].start, run[-1].end, members=run))
    return out


def _new_clause(doc: Doc, run: list[Group]) -> bool:
    """ "a settlement in Yugoslavia, and Israeli settlements expanded": after a comma, a phrase the
    parse does not join to the one before begins a clause of its own."""
    last, before = run[-1], run[-2]
    if "," not in (t.text for t in doc[before.end : last.start]):
        return False
    return not any(t.dep_ == "conj" and before.start <= t.head.i < before.end for t in doc[last.start : last.end])


def _coordinated(doc: Doc, left: Group, right: Group) -> bool:
    """Joined by "and", "&" or a comma ("Britain, France and Germany")."""
    gap = doc[left.end : right.start]
    if len(gap) == 1 and gap[0].text == "," and left.head.label == "GPE":
        return False  # "Ruhengeri, Rwanda": the country places the town
    return 0 < len(gap) <= 2 and all(t.lower_ in ("and", "&", ",") for t in gap)
