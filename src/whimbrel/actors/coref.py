"""Complete actor phrases in reading order: entities, titles, sectors, surnames and pronouns.

Rule-based, no model: each phrase is resolved against the knowledge base on the document's
date and against what the text has already said (``History``). Pronouns and descriptive
phrases ("the isolated leader") go to the nearest compatible antecedent, preferring subjects
and frequently named actors, and never to an actor that the grammar rules out (the subject of
the same clause for "him"/"the leader"; the speaker for "he" inside that speaker's quote).
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.attrs import LOWER, POS
from spacy.parts_of_speech import PRON
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from ..records import HOME_SECTORS, ActorMention
from .kb import NAME_SUFFIXES, AliasRef, KBEntry, KnowledgeBase, Role, plain

if TYPE_CHECKING:
    from .resolver import Atom, Group

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# a capital in these roles stands for its government ("Jakarta expelled", "Washington's plan"), as
# CAMEO codes it; elsewhere ("talks in Kabul") it only locates, and stays the country
GOVERNMENT_DEPS = SUBJECT_DEPS | {"dobj", "obj", "poss"}
FORMER = frozenset({"former", "ex", "ex-", "late", "ousted", "deposed", "exiled", "toppled"})
# "the town of Silopi": whatever label spaCy gives the name, it is a place
PLACE_NOUNS = frozenset({"town", "city", "village", "region", "province", "district", "port", "county", "capital"})
LOCAL_SECTORS = frozenset({"police", "judiciary", "legislature", "opposition"})
PARTY_PREPS = frozenset({"with", "without", "against", "between", "toward", "towards", "versus"})
# verbs whose "to"/"on" phrase is a place gone to, not a party addressed ("flew to Washington" vs
# "appealed to Washington", "called on Moscow")
MOTION_VERBS = frozenset({"go", "travel", "fly", "return", "come", "arrive", "move", "send", "deploy", "head", "flee",
                          "drive", "march", "walk", "relocate", "transfer", "deport", "expel", "evacuate", "ship",
                          "take", "bring", "carry", "extradite", "sail", "ride", "advance", "retreat", "withdraw"})
LOCATION_PREPS = frozenset({"in", "at", "near", "from", "across", "outside", "inside", "around", "of", "throughout"})
SPEECH_VERBS = frozenset({
    "say", "tell", "add", "claim", "describe", "write", "state", "declare", "insist", "warn", "note",
    "explain", "argue", "announce", "ask", "reply", "respond", "remark", "recall", "boast", "quip",
})
PRONOUNS: dict[str, tuple[str, str | None]] = {
    # pronoun -> (what it can refer to, gender)
    "he": ("person", "m"), "him": ("person", "m"), "his": ("person", "m"), "himself": ("person", "m"),
    "she": ("person", "f"), "her": ("person", "f"), "hers": ("person", "f"), "herself": ("person", "f"),
    "it": ("thing", None), "its": ("thing", None), "itself": ("thing", None),
    "they": ("plural", None), "them": ("plural", None), "their": ("plural", None),
}
QUOTES = {"“": "”", '"': '"', "‘": "’", "«": "»"}  # opening mark -> closing mark
THING_KINDS = frozenset({"country", "igo", "group"})
KIND_RANK = {"country": 4, "igo": 3, "group": 2, "person": 1, "place": 0}
# posts and bodies that exist only within a state: unplaced, they belong to the one country a text names
PLACE_PARTS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "centre",
                         "center", "heart", "outskirts", "edge", "suburbs", "border", "interior", "coast", "rest"})
COMMON_SURNAME = 5  # people in the knowledge base who share a surname, for it to be common
OPPOSITION_YEARS = 8  # out of office, a politician who takes power within this many years is the opposition
FOLLOWERS = frozenset({"supporter", "follower", "loyalist"})
PARTITIVES = frozenset({"most", "some", "many", "all", "several", "none", "few", "half", "each", "both", "any",
                        "one", "dozens", "hundreds", "thousands", "majority"})
# the armed bodies a person may command ("forces under General X", "rebels led by X")
COMMANDED = frozenset({"military", "rebels", "insurgents", "militia", "police", "terrorists"})
# bodies without arms whose militias or marchers are coded by what they do ("ZANU-PF militias")
UNARMED = frozenset({"party", "opposition", "religious", "labour", "ngo", "business", "education"})
ARMED_OR_STREET = frozenset({"militia", "rebels", "insurgents", "terrorists", "protesters"})
NON_STATE_ARMED = frozenset({"rebels", "insurgents", "militia", "terrorists"})
# words for armed men that say nothing of their side: the group's own sector stays ("Hamas gunmen")
ANY_ARMED_MEN = frozenset({"fighter", "fighters", "gunman", "gunmen", "militant", "militants", "armed group"})
STATE_SECTORS = frozenset({"government", "opposition", "police", "judiciary", "legislature", "military", "party",
                           "intelligence"})


@dataclass(slots=True)
class Seen:
    """An actor the text has mentioned, as an antecedent for later phrases."""

    mention: ActorMention
    root: Token
    kind: str  # person | country | igo | group | sector
    gender: str | None
    plural: bool
    subject: bool


@dataclass(slots=True)
class History:
    seen: list[Seen] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    countries: frozenset[str] = frozenset()  # every country the text names (countries, demonyms, towns)
    first_named: tuple[str, ...] = ()  # the same, in the order the text first names them

    def add(self, s: Seen) -> None:
        if self.seen and self.seen[-1].mention is s.mention:
            return  # a lone member of a coordination, remembered as it resolved
        self.seen.append(s)
        if s.mention.id:
            self.counts[s.mention.id] += 1

    def ids(self) -> set[str]:
        return set(self.counts)

    def at(self, tok: Token) -> Seen | None:
        return next((s for s in reversed(self.seen) if s.mention.start <= tok.i < s.mention.end), None)


def _subject_like(tok: Token) -> bool:
    """Subjects, their possessors ("Trump's team believes") and relative-clause antecedents."""
    if tok.dep_ in SUBJECT_DEPS:
        return True
    if tok.dep_ in ("poss", "nmod", "appos", "compound") and tok.head.dep_ in SUBJECT_DEPS:
        return True
    return any(c.dep_ == "relcl" and any(g.dep_ in SUBJECT_DEPS for g in c.children) for c in tok.children)


def _quote_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges inside quotation marks; each opening mark waits for its own closing mark."""
    spans, start, close = [], None, None
    for tok in doc:
        if start is None and tok.text in QUOTES:
            start, close = tok.i, QUOTES[tok.text]
        elif start is not None and tok.text == close:
            spans.append((start, tok.i + 1))
            start = None
    if start is not None:
        spans.append((start, len(doc)))
    return spans


class Resolver:
    """Turns grouped atoms into ActorMentions, in reading order."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self._given: dict[str, list[str]] | None = None  # people with posts by given name (see _by_given)
        self._pronoun_keys = frozenset(hash_string(p) for p in PRONOUNS)  # read off the Doc's arrays: fast

    # ------------------------------------------------------------------ driver

    def resolve(self, doc: Doc, groups: list["Group"]) -> list[ActorMention]:
        date = doc._.pub_date
        covered = {i for g in groups for i in range(g.start, g.end)}
        atom_at = {i: a for g in groups for x in (g.members or [g]) for a in x.atoms for i in range(a.start, a.end)}
        pronouns = [doc[i] for i, (low, pos) in enumerate(doc.to_array([LOWER, POS]).tolist())
                    if low in self._pronoun_keys and pos == PRON and i not in covered]
        items: list = sorted([*groups, *pronouns], key=lambda x: x.start if hasattr(x, "atoms") else x.i)
        named = self._text_countries(groups)
        history = History(countries=frozenset(named), first_named=named)
        quotes = _quote_spans(doc)
        out: list[ActorMention] = []
        for item in items:
            if hasattr(item, "atoms"):
                m = self._group(doc, item, date, history, atom_at)
            else:
                m = self._pronoun(doc, item, history, quotes)
            if m is None:
                continue
            if out and m.start < out[-1].end:  # a phrase widened over its neighbour: keep spans disjoint
                m.start = out[-1].end
                if m.start >= m.end:
                    continue
            out.append(m)
            self._remember(doc, m, history)
        self._appositions(doc, out)
        mention_at = {i: m for m in out for i in range(m.start, m.end)}
        self._commanders(doc, out, mention_at)
        self._supporters(doc, out, mention_at)
        self._sole_country(doc, out)
        return out

    def _text_countries(self, groups: list["Group"]) -> tuple[str, ...]:
        found: dict[str, None] = {}
        for g in groups:
            for x in g.members or [g]:
                for a in x.atoms + x.post:
                    if len({r.entity for r in a.refs if r.type == "demonym"}) > 1:
                        continue  # a people of several countries ("Kurds") names none of them
                    for r in a.entity_refs():
                        e = self.kb.get(r.entity)
                        if e is not None and e.kind in ("country", "place") and e.country:
                            found.setdefault(e.country)
        return tuple(found)

    def _evidence(self, head: "Atom", entry: KBEntry, title, hint, date, history: History) -> bool:
        """A one-word name ("Kerry", "Hussein") means a known person only with more to go on: the
        person named before, a title, a country of theirs in the phrase or the text, or a post held
        on the date (in an undated text, any titled post)."""
        if entry.kind != "person" or head.end - head.start > 1 or history.counts[entry.id] or title:
            return True
        homes = {entry.country} | {r.country for r in entry.roles}
        if hint is not None:
            return hint in homes
        if date is None:  # an undated text: a surname means the one who held a titled post ("Obama said")
            return bool(homes & history.countries) or any(r.title for r in entry.roles)
        # a surname many known people share ("Silva", "Khan") needs more than an office on the date,
        # unless the data gives it as the person's own name ("Putin")
        common = not head.refs and len(self.kb.surnames.get(entry.name.lower().replace("-", " ").split()[-1], ())) \
            >= COMMON_SURNAME
        return bool(homes & history.countries) or not common and _in_office(self.kb, entry, date) \
            and self.kb.role_at(entry.id, date).sector not in (None, "other")

    def _appositions(self, doc: Doc, mentions: list[ActorMention]) -> None:
        """ "Mwangi Kiunjuri, a Kenyan opposition leader,": a person in apposition to a title with a
        country holds that post. An unknown person takes its country and sector; a known one of
        that country its sector (the text's title beats the dictionary's role). An unknown
        organisation takes what it is described as ("Argentina's biggest union, the CGT")."""
        # a post with a country, or one in a body ("Jordan Bardella, the president of the National Rally")
        titled = [m for m in mentions if (m.title or m.sector) and m.country and not m.members
                  and ((e := self.kb.get(m.id)) is None or e.kind == "country"
                       or m.title and e.kind in ("group", "igo"))]
        for t in titled:
            t_root = doc[t.start : t.end].root
            for m in mentions:
                if m is t or m.members:
                    continue
                root = doc[m.start : m.end].root
                if not (t_root.dep_ == "appos" and m.start <= t_root.head.i < m.end
                        or root.dep_ == "appos" and t.start <= root.head.i < t.end):
                    continue
                entry = self.kb.get(m.id)
                if not t.title:  # "Argentina's biggest union, the CGT": an unknown body takes what it is described as
                    if entry is None and root.ent_type_ == "ORG" and m.country is None:
                        m.country, m.sector, m.resolved_by = t.country, t.sector, "coref"
                elif entry is None and root.ent_type_ == "PERSON" and m.country is None:
                    m.country, m.sector, m.title, m.resolved_by = t.country, t.sector, t.title, "title"
                elif entry is not None and entry.kind == "person" and m.country == t.country:
                    m.sector, m.title = t.sector, t.title

    def _commanders(self, doc: Doc, mentions: list[ActorMention], at: dict[int, ActorMention]) -> None:
        """ "Bosnian Serb forces under General Ratko Mladic", "rebels led by Laurent Kabila": an
        unplaced person commanding an armed body is of its country and side."""
        for m in mentions:
            root = doc[m.start : m.end].root
            if m.country is not None or m.members or root.ent_type_ != "PERSON" or root.dep_ != "pobj":
                continue
            prep = root.head
            verb = prep.head if prep.lower_ == "by" else None
            force = at.get((verb.head if verb is not None and verb.lower_ == "led" else prep.head).i) \
                if prep.lower_ in ("under", "by") else None
            if force is not None and force is not m and force.country and force.sector in COMMANDED:
                m.country, m.sector = force.country, force.sector

    def _body_of(self, root: Token, atom_at) -> KBEntry | None:
        """The organisation a post is "of" when the phrase's words did not join it ("leader of the
        opposition Pakistan Peoples Party")."""
        for prep in root.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in (o for o in prep.children if o.dep_ == "pobj"):
                    for tok in (obj, *(c for c in obj.children if c.dep_ == "appos")):  # "the opposition, the PPP"
                        atom = atom_at.get(tok.i)
                        entry = next((e for r in (atom.entity_refs() if atom else ()) if (e := self.kb.get(r.entity))), None)
                        if entry is not None and entry.kind in ("igo", "group"):
                            return entry
        return None

    def _plural_sector_word(self, tok: Token) -> bool:
        """A sector word's plural the tagger took for a name ("Janjaweed militiamen" as NNP)."""
        low = tok.lower_
        return low.endswith(("s", "men")) and not low.endswith("ss") and \
            any(r.type == "sector" for r in self.kb.aliases.get((low,), ()))

    def _supporters(self, doc: Doc, mentions: list[ActorMention], at: dict[int, ActorMention]) -> None:
        """ "supporters of former President Ahmed Ben Bella": the followers of someone out of office
        or in opposition are the opposition of his country (for "Imran Khan's supporters", one
        phrase, see ``_phrase``)."""
        for m in mentions:
            root = doc[m.start : m.end].root
            if m.members or m.id or root.lemma_.lower() not in FOLLOWERS:
                continue
            leaders = [at.get(c.i) for c in root.children if c.dep_ == "poss"] + \
                [at.get(o.i) for p in root.children if p.dep_ == "prep" and p.lower_ == "of"
                 for o in p.children if o.dep_ == "pobj"]
            leader = next((x for x in leaders if x is not None and x is not m and x.country), None)
            if leader is None or (e := self.kb.get(leader.id)) is not None and e.kind != "person":
                continue
            m.country = leader.country
            if leader.sector in ("other", "opposition", "party"):
                m.sector = "opposition"

    def _sole_country(self, doc: Doc, mentions: list[ActorMention]) -> None:
        """ "The interior minister ... the Pakistani secretary": an unplaced state post or body in a
        text that names one country only (as a country, or as the home of an unnamed actor - the
        people and organisations the KB knows aside) belongs to that country. A country named later
        as another argument of the body's own clause ("Congress sanctioned Iran") does not place it;
        a bare "Congress" placed by nothing else is the one its name defaults to (``kb.defaults``),
        and a document's country places it only when named before it."""
        flat = [x for m in mentions for x in (m.members or [m])]
        placing = [m for m in flat if m.country and ((e := self.kb.get(m.id)) is None or e.kind == "country")]
        if len({m.country for m in placing}) > 1:
            placing = []
        # a story filed from a place ("TBILISI, Dec 2 (Reuters) -") is about that country's local
        # institutions when it names several countries; ministers and armies are as often the
        # visitors' (a DOHA story about Israel's cabinet)
        filed = self._dateline_country(doc) if not placing else None
        # people and groups outside the state are placed only by where the text already was:
        # "Police in Karachi said gunmen shot dead a doctor" (not by the country of an army or a
        # government that acts on them)
        located = [p for p in placing if p.resolved_by in ("place", "metonym")]
        # ... and only if no known person of another country is in the text ("Maduro broke off
        # relations with Washington. Defence Minister Vladimir Padrino said" - not an American)
        people = [m for m in flat if m.country and (e := self.kb.get(m.id)) is not None and e.kind == "person"]
        abroad = {m.country for m in people}
        # the one country the text is about: by its places, or else by its known people
        about = placing[0].country if placing else next(iter(abroad)) if len(abroad) == 1 else None
        about = None if abroad - {about} else about
        for m in flat:
            if m.country is None and m.id is None and m.resolved_by == "sector" and m.sector \
                    and m.sector not in STATE_SECTORS and m.sector != "igo":  # "the international community"
                before = next((p for p in located if p.end <= m.start), None)
                # police and courts act at home: "Bahraini police fired tear gas at Shiite protesters",
                # "a Vietnamese court jailed a Catholic priest"
                homes = {p.country for p in flat if p.country and p.sector in HOME_SECTORS and p.id and not p.members
                         and doc[p.start].sent.start == doc[m.start].sent.start}
                # else a text about one country, named outside the actor's own clause and not by
                # the forces that act on it ("Nepal's parliament was restored ... Maoist rebels declared")
                elsewhere = [p for p in placing if p.sector not in ("military", "police")
                             and not _same_clause(doc, m, p) and not _same_clause(doc, p, m)]
                if before is not None:
                    m.country, m.resolved_by = before.country, "document"
                elif len(homes) == 1:
                    m.country, m.resolved_by = homes.pop(), "document"
                elif elsewhere and not abroad - {elsewhere[0].country}:
                    m.country, m.resolved_by = elsewhere[0].country, "document"
                continue
            if m.country is None and m.id is None and m.resolved_by == "entity" and about and not _cited(doc, m):
                # a person or body the KB lacks, in a text about one country, is of that country
                m.country, m.resolved_by = about, "document"
                continue
            if m.country is not None or m.id is not None or m.sector not in STATE_SECTORS \
                    or m.resolved_by not in ("title", "sector"):
                continue
            default = self.kb.defaults.get(doc[m.start : m.end].root.text)
            # a text whose known people are all of one country, and that names none, is about it
            # ("Askar Akayev dissolved parliament")
            support = [p for p in placing or (people if len(abroad) == 1 else [])
                       if p.end <= m.start or default is None and not _same_clause(doc, m, p)]
            if support and abroad - {support[0].country}:
                support = []
            if support:
                m.country, m.resolved_by = support[0].country, "document"
            elif default:
                m.country, m.resolved_by = default, "dictionary"
            elif filed and (m.sector in LOCAL_SECTORS or m.sector == "military" and doc[m.start].lower_ == "the"):
                # "the army" no phrase or earlier army places is the army of where the story was filed
                m.country, m.resolved_by = filed, "dateline"

    def _dateline_country(self, doc: Doc) -> str | None:
        document = doc._.document
        place = (document.dateline_place or "").split(",")[0] if document is not None else ""
        refs = self.kb.lookup(tuple(place.lower().replace("-", " - ").split())) if place else []
        return next((e.country for r in refs if (e := self.kb.get(r.entity)) is not None and e.country), None)

    def _remember(self, doc: Doc, m: ActorMention, history: History) -> None:
        root = doc[m.start : m.end].root
        entry = self.kb.get(m.id)
        if m.members:
            kind = "group"
        elif entry and (entry.kind == "person" or m.sector in (None, entry.sector) or m.resolved_by == "metonym"):
            kind = "country" if entry.kind == "place" else entry.kind
        elif root.ent_type_ == "PERSON" or m.title and not m.id:
            kind = "person"
        else:
            kind = "sector"
        plural = bool(m.members) or root.tag_ in ("NNS", "NNPS") or \
            (entry is None or entry.kind == "group") and self._plural_sector_word(root)  # not "the United States"
        gender = entry.gender if entry and entry.kind == "person" else None
        history.add(Seen(m, root, kind, gender, plural, _subject_like(root)))

    # ------------------------------------------------------------------ phrases

    def _group(self, doc: Doc, g: "Group", date, history: History, atom_at) -> ActorMention | None:
        if g.members:
            members = []
            for x in g.members:  # each member is known to the next ("Putin and his soldiers")
                m = self._phrase(doc, x, date, history, atom_at)
                if m is not None:
                    members.append(m)
                    self._remember(doc, m, history)
            if len(members) < 2:
                return members[0] if members else None
            countries = {m.country for m in members}
            sectors = {m.sector for m in members}
            return ActorMention(
                g.start, g.end, " and ".join(m.name or doc[m.start : m.end].text for m in members), None,
                countries.pop() if len(countries) == 1 else None, sectors.pop() if len(sectors) == 1 else None,
                "compound", members=members,
            )
        return self._phrase(doc, g, date, history, atom_at)

    def _phrase(self, doc: Doc, g: "Group", date, history: History, atom_at) -> ActorMention | None:
        head = g.head
        mods = g.atoms[:-1]
        armed = head.type == "sector" and head.refs[0].sector in COMMANDED
        country, modifier, by = self._country_of(doc, mods + g.post, date, history, armed)
        title = next((a.refs[0] for a in reversed(g.atoms) if a.type == "title"), None)
        start, end = g.start, g.end
        ethnic = [a for a in g.atoms if self._ethnic(doc, a)]
        placed = None  # an ethnic group is coded by where it lives ("ethnic Albanians in Serbia"),
        if ethnic:  # or by the nationality the phrase gives it ("Turkish Kurd refugees")
            national = [a for a in mods + g.post if a not in ethnic and a.type in ("demonym", "name")]
            # refugees keep the home they fled ("Rohingya refugees in Cox's Bazar" are Myanmar's), as CAMEO codes them
            fled = head.type == "sector" and head.refs[0].sector == "refugees"
            placed = (self._country_of(doc, national, date, history)[0] if national else None) or \
                (None if fled else self._location(doc, doc[start:end], atom_at))
            homes = list(dict.fromkeys(r.entity for a in ethnic for r in a.refs if r.type == "demonym"))
            if not placed and len(homes) > 1:  # "Kurdish fighters" in a story that names Syria first are Syria's
                placed = next((c for c in history.first_named if c in homes), None)
            country = placed or country
            if head.type == "title":  # "Yoruba leaders" lead the group, not the country
                return ActorMention(start, end, doc[start:end].text, None, country, title.sector, "title",
                                    title=title.title)

        if head.type == "ent" and len(g.atoms) == 1 and start >= 2 and doc[start - 1].lower_ == "of" \
                and doc[start - 2].lower_ in PLACE_NOUNS:
            head.label = "GPE"
        if head.type == "name" and head.entity_refs() or head.type == "ent" and head.label == "PERSON":
            # "General Michel Aoun": a sector word before a name acts as its title
            rank = title or next((a.refs[0] for a in mods if a.type == "sector"), None)
            former = any(t.lower_ in FORMER for t in doc[max(0, start - 2) : head.start])
            m = self._named(doc, head, start, end, country, rank, date, history, former)
            if m is not None and m.sector in ("military", "government"):
                side = next((r.sector for i in range(max(0, start - 2), head.start)
                             for r in self.kb.aliases.get((doc[i].lower_,), ()) if r.type == "sector" and r.sector in ARMED_OR_STREET), None)
                m.sector = side or m.sector  # "the rebel general Laurent Nkunda" leads rebels, not an army
            in_office = m is not None and (e := self.kb.get(m.id)) is not None and _in_office(self.kb, e, date, governing=True)
            if m is not None and modifier is not None and modifier.kind in ("igo", "group") and m.id != modifier.id \
                    and not (modifier.sector == "party" and m.sector == "government" and in_office):
                # "U.N. mediator Diego Cordovez", "Hamas leader Yahya Sinwar": the person acts for the body;
                # a party's leader in office on the date acts for the state ("BJP leader Narendra Modi")
                m.country, m.sector = modifier.country, modifier.sector or m.sector
            return m
        if head.type == "ent" and head.label == "PAIR":
            return self._pair(doc, start, end, history)
        if head.type == "ent":
            if head.label == "GPE":  # a town the KB lacks, placed by the text: "Cizre in Turkey", "Ruhengeri, Rwanda"
                country = self._placed(doc, doc[start:end], atom_at)
                entry = self.kb.get(country)
                return ActorMention(start, end, doc[start:end].text, None, country, None, "place") if entry else None
            if head.label != "ORG":
                return None  # nationalities the KB does not know are not actors
            short = self._short_name(doc[head.start : head.end], history)
            if short is not None:  # "the Tigers" after "the Liberation Tigers of Tamil Eelam"
                home, sector = self._group_role(short, date)
                return ActorMention(start, end, short.name, short.id, home, sector, "coref")
            return ActorMention(start, end, doc[start:end].text, None, None, None, "entity")
        if head.type == "title":
            if any(t.lower_ in FORMER for t in doc[max(0, start - 2) : head.start]):
                # "the former British prime minister": whoever it is, no longer in office
                return ActorMention(start, end, doc[start:end].text, None, country, "other", "title", title=title.title)
            if country and any(a.type == "place" for a in mods) and not any(a.type in ("name", "demonym") for a in mods):
                # a province's post is not the nation's: "Georgia's secretary of state", "the Punjab governor"
                return ActorMention(start, end, doc[start:end].text, None, country, title.sector, "title",
                                    title=title.title)
            org = modifier if modifier is not None and modifier.kind in ("igo", "group") else None
            if org is None and country is None:  # "leader of the opposition Pakistan Peoples Party"
                org = self._body_of(doc[head.start : head.end].root, atom_at)
            return self._title(doc, head, title, start, end, country, by, date, history, org)
        if head.type == "sector":
            ref = head.refs[0]
            sector = ref.sector
            if sector == "civilians":  # "people protesting against prices"
                sector = next((self.kb.participle_sectors[c.lower_] for c in doc[head.start : head.end].root.children
                               if c.dep_ == "acl" and c.lower_ in self.kb.participle_sectors), sector)
            if doc[head.start : head.end].text.lower() in self.kb.group_heads:  # "opposition leaders"
                sector = next((a.refs[0].sector for a in reversed(mods) if a.type == "sector"), sector)
            if modifier is not None and modifier.kind == "person" and head.refs and \
                    doc[head.end - 1].lemma_.lower() in FOLLOWERS and not _in_office(self.kb, modifier, date, governing=True):
                sector = "opposition"  # "Imran Khan's supporters" in 2023
            if modifier is not None and modifier.kind == "person" and sector == "civilians" \
                    and (role := self.kb.role_at(modifier.id, date)) is not None and role.active(date) \
                    and role.sector in COMMANDED and role.sector != "police":
                sector = role.sector  # "Nkunda's men": a commander's men are his fighters
            entity = modifier if modifier and modifier.kind in ("igo", "group") else None
            if entity:  # "Hamas fighters", "UN peacekeepers": the organisation acts
                home, ruling = self._group_role(entity, date)
                # a governing body's police stay police ("Palestinian Authority police"), and a
                # party's militias or a movement's protesters are what the head says ("ZANU-PF militias")
                # an armed group the text calls by a kind of armed men keeps the text's word ("Taliban insurgents")
                said = ruling in NON_STATE_ARMED and sector in NON_STATE_ARMED and \
                    doc[head.start : head.end].text.lower() not in ANY_ARMED_MEN
                if ruling != "government" and not (ruling in UNARMED and sector in ARMED_OR_STREET) and not said:
                    sector = ruling or sector
                return ActorMention(start, end, entity.name, entity.id, home, sector, by or "dictionary")
            if country is None and all(a.type == "sector" for a in mods):  # "university students"
                if ref.combine_only:
                    return None
                owner = self._owner(doc, doc[start:end], history) or self._reporting_official(doc, doc[start:end], sector, history)
                if owner is not None:  # "Kim decided to send troops": Kim's troops
                    return ActorMention(start, end, doc[start:end].text, None, owner.mention.country, sector,
                                        "coref")
                # an international body is nowhere's ("appealed to the international community")
                country = self._location(doc, doc[start:end], atom_at) if sector != "igo" else None
                by = "sector"
                if country is None and any(c.dep_ == "det" and c.lower_ == "the" for c in doc[start:end].root.children):
                    seen = self._definite(sector, history)
                    if seen is not None and sector == "igo":  # "ECOWAS ... the regional bloc": that body
                        m = seen.mention
                        return ActorMention(start, end, m.name, m.id, m.country, m.sector, "coref")
                    if seen is not None:  # "Sudan's army ... the army": the one the text last named
                        return ActorMention(start, end, doc[start:end].text, None, seen.mention.country, sector,
                                            "coref")
            elif country is None and ref.combine_only:
                return None
            if country is not None:  # "US bombers" are aircraft
                sector = self.kb.national_sectors.get(doc[head.start : head.end].text.lower(), sector)
            entry = self.kb.get(country)
            if by == "sector":  # unnamed: located, not named
                return ActorMention(start, end, doc[start:end].text, None, country, sector, by)
            return ActorMention(start, end, entry.name if entry else doc[start:end].text, country, country,
                                sector, by or "sector")
        # a country word on its own: name, demonym, capital or seat of power
        ref = head.refs[0]
        entry = self.kb.get(ref.entity)
        if entry is None:
            return None
        # a town stands for its country as event data codes it ("shelled targets in Jericho")
        resolved = {"metonym": "metonym", "seat": "metonym", "place": "place"}.get(
            ref.type, "user" if ref.user else "dictionary")
        sector = ref.sector or entry.sector
        root = doc[start:end].root
        if ref.type == "demonym" and root.tag_ in ("NNS", "NNPS") and root.dep_ not in ("compound", "amod") \
                and not self._beside_country(root, atom_at) and not _the_nation(root):
            sector = "civilians"  # "Palestinians fled", "dozens of Ukrainians": people, not the state
            entry = self.kb.get(placed) or entry  # "Kurds in Syria" are Syria's people
        elif ref.type == "metonym" and sector is None:
            while root.dep_ == "conj" and root.head != root:  # "Seoul and Tokyo stayed silent"
                root = root.head
            # "talks with Kyiv", "a deal without Kyiv": the other party, not a place
            party = root.dep_ == "pobj" and (root.head.lower_ in PARTY_PREPS or root.head.lower_ in ("to", "on")
                                             and root.head.head.pos_ == "VERB"
                                             and root.head.head.lemma_.lower() not in MOTION_VERBS)
            sector = "government" if root.dep_ in GOVERNMENT_DEPS or party else None
        return ActorMention(start, end, entry.name, entry.id, entry.country, sector, resolved)

    def _beside_country(self, root: Token, atom_at) -> bool:
        """ "Israel and the Palestinians agreed": a people coordinated with a country is a side, not civilians."""
        others = [root.head] if root.dep_ == "conj" else []
        others += [c for c in root.children if c.dep_ == "conj"]
        for tok in others:
            atom = atom_at.get(tok.i)
            refs = [r for r in atom.entity_refs() if r.type in ("name", "metonym", "seat")] if atom else []
            entry = self.kb.get(refs[0].entity) if refs else None
            if entry is not None and entry.kind == "country":
                return True
        return False

    def _ethnic(self, doc: Doc, a: "Atom") -> bool:
        """An ethnic group's name, or a demonym after "ethnic"."""
        return a.type == "demonym" and (doc[a.start : a.end].text.lower() in self.kb.ethnic
                                        or a.start > 0 and doc[a.start - 1].lower_ == "ethnic")

    def _country_of(self, doc: Doc, mods: list["Atom"], date, history: History, armed: bool = False):
        """Country (and the named modifier) from the words before the head: the last one wins. A
        person out of office owns nothing of the state, but may lead an armed body ("Laurent
        Kabila's rebels", with ``armed``)."""
        country, modifier, by = None, None, None
        for a in mods:
            if a.type == "pronoun":
                seen = self._antecedent(doc, doc[a.start], history, [])
                if seen:
                    country, modifier, by = seen.mention.country, self.kb.get(seen.mention.id), "coref"
                continue
            refs = a.entity_refs()
            guess = False
            if not refs and a.label == "PERSON":  # "the Maduro government"
                words = [t.lower_ for t in doc[a.start : a.end] if t.is_alpha]
                known = self._named_before(words, history)
                guess = known is None
                refs = [AliasRef("name", known.name, entity=known.id)] if known else (
                    self._namesakes(words) if words else [])
            if not refs:
                continue
            entry = self._pick(refs, date, history, None)
            # "the Bush administration" in 1998: a leader in office, or lately so
            if entry is None or a.label == "PERSON" and not armed and not _in_office(self.kb, entry, date) \
                    and not _recent_office(entry, date):
                continue
            if guess and (doc[a.start].ent_type_ not in ("", "PERSON")
                          or history.countries and entry.country not in history.countries):
                continue  # "The (UK) Coalition Government": an organisation's word, or no one from elsewhere
            modifier = entry
            if entry.kind == "person":
                role = self.kb.role_at(entry.id, date)
                country = role.country if role else entry.country
                by = "possessive"
            else:
                country = entry.country
                by = "metonym" if refs[0].type in ("metonym", "seat") else None
        return country, modifier, by

    def _named(self, doc: Doc, head: "Atom", start: int, end: int, country, title: AliasRef | None,
               date, history: History, former: bool = False) -> ActorMention | None:
        refs = head.entity_refs()
        entry, by = None, "dictionary"
        words = [t.lower_ for t in doc[head.start : head.end] if t.is_alpha]
        while words and words[-1] in NAME_SUFFIXES:
            words.pop()
        if refs:
            if (title or country) and words and all(r.fallback for r in refs):
                # a title or country tells homonyms apart: weigh everyone of that surname
                # ("King Abdullah" is Jordan's king, not the Saudi "Abdullah")
                refs = refs + self._namesakes(words)
            entry = self._pick(refs, date, history, country, title=title)
            by = "user" if entry and entry.user else "dictionary"
            if entry is not None and not entry.user and not self._evidence(head, entry, title, country, date, history):
                # too little to go on: an unknown person ("Hussein said"), or not a person ("Kerry and Cork")
                if doc[head.start].ent_type_ != "PERSON":
                    return None
                return ActorMention(start, end, doc[head.start : head.end].text, None, country, None, "entity")
        else:  # an unknown PERSON: a surname of someone named earlier, or a known surname
            entry = self._named_before(words, history)
            by = "coref" if entry else "entity"
            if entry is None and title and len(words) == 1 and (info := self.kb.titles.get(title.title or "")) \
                    and info.regnal:  # "King Gyanendra", "Emir Tamim": a monarch named by his given name
                entry = self._regnal(words[0], country, date)
                by = "title" if entry else "entity"
            if entry is None and words:
                entry = self._pick(self._namesakes(words, country), date, history, country, persons_only=True,
                                   require_active=True, title=title)
                if entry is not None and not self._evidence(head, entry, title, country, date, history):
                    entry = None
                by = "dictionary" if entry else "entity"
            if entry is None and title and len(words) >= 2:  # "President Francois Mitterand"
                entry = self._misspelt(words, title)
                by = "spelling" if entry else "entity"
        if entry is None:
            if head.refs:
                return None
            if not title and country is None and (seen := self._unknown_before(doc, words, history)) is not None:
                # "opposition leader Juan Guaido ... Guaido": someone the KB lacks, named again
                return ActorMention(start, end, seen.mention.name, None, seen.mention.country, seen.mention.sector,
                                    "coref", title=seen.mention.title)
            sector = title.sector if title else None
            return ActorMention(start, end, doc[head.start : head.end].text, None, country, sector,
                                "title" if title else "entity", title=title.title if title else None)
        if entry.kind == "person":
            role = self.kb.role_at(entry.id, date)
            sector = (role.sector if role else None) or entry.sector
            if date and (role is None or not role.active(date) or role.sector in (None, "other")):
                # out of office on the date: "Obama said" in 2024 is not the government, but one who
                # takes power within a few years is the opposition until then (Havel in 1989)
                sector = "opposition" if _comes_to_power(entry, date) else \
                    ("other" if role is not None and not role.active(date) else sector)
            if former:
                sector = "other"  # "former President Ahmed Ben Bella": out of office by the text's own word
            elif title and title.sector:
                sector = title.sector  # "Prime Minister X": the text's own title beats the dictionary's role
            return ActorMention(start, end, entry.name, entry.id, (role.country if role else entry.country) or country,
                                sector, by, title=title.title if title else (role.title if role else None))
        home, sector = self._group_role(entry, date)
        if title and title.sector and not former and doc[head.start].ent_type_ == "PERSON":
            sector = title.sector  # "Prime Minister Hashim Thaci": a person the dictionary files as a group
        return ActorMention(start, end, entry.name, entry.id, home, sector, by)

    def _reporting_official(self, doc: Doc, span, sector: str | None, history: History) -> Seen | None:
        """ "Defence Minister Israel Katz said troops would seize more territory": forces an official
        speaks of, unplaced, are that official's country's."""
        root = span.root
        if sector not in ("military", "police") or root.dep_ not in SUBJECT_DEPS or root.head.dep_ != "ccomp":
            return None
        verb = root.head.head
        if verb.lemma_.lower() not in SPEECH_VERBS:
            return None
        speaker = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        seen = history.at(speaker) if speaker is not None else None
        if seen is None or not seen.mention.country or seen.mention.sector not in ("government", "military", "police"):
            return None
        return seen

    @staticmethod
    def _definite(sector: str | None, history: History) -> Seen | None:
        """The last placed body of this sector the text named, for "the army", "the rebels" (an
        international body needs no place: "the bloc")."""
        return next((s for s in reversed(history.seen) if sector and s.kind != "person"
                     and s.mention.sector == sector and (s.mention.country or sector == "igo" and s.mention.id)), None)

    def _group_role(self, entry: KBEntry, date: str | None) -> tuple[str | None, str | None]:
        """A group's country and sector on the date: one that took power governs from that day
        ("the Taliban" in 2023), in the state it then ruled (the SPLM in South Sudan from 2011)."""
        if date is None and entry.roles:  # undated: the side it took longest (UNITA's wars, not its party)
            years: Counter = Counter()
            for r in entry.roles:
                years[(r.country or entry.country, r.sector or entry.sector)] += _years(r)
            return max(years, key=years.__getitem__)
        role = self.kb.role_at(entry.id, date) if entry.roles else None
        if role is None or not role.active(date):
            return entry.country, entry.sector
        return role.country or entry.country, role.sector or entry.sector

    def _namesakes(self, words: list[str], country: str | None = None) -> list[AliasRef]:
        """People of this surname; with a first name, only those who share it ("Tobias Wekesa" is not
        Noah Wekesa); with a country in the phrase, only those who held a post there."""
        ids = self.kb.surnames.get(words[-1], [])
        if len(words) > 1:
            ids = [i for i in ids if self.kb.get(i).name.lower().split()[0] == words[0]]
        if country:
            ids = [i for i in ids if (e := self.kb.get(i)).country == country or any(r.country == country for r in e.roles)]
        return [AliasRef("name", words[-1], entity=i) for i in ids]

    def _short_name(self, span, history: History) -> KBEntry | None:
        """The organisation named earlier whose name holds every word of this unknown one ("the
        Tigers" for the Liberation Tigers of Tamil Eelam, "the Front" for the Polisario Front)."""
        words = {t.lower_ for t in span if t.is_alpha and t.lower_ != "the"}
        if not words:
            return None
        for s in reversed(history.seen):
            entry = self.kb.get(s.mention.id)
            if entry is not None and entry.kind in ("group", "igo") and s.mention.end <= span.start:
                named = span.doc[s.mention.start : s.mention.end]  # as the text wrote it, and as the KB does
                if words <= {t.lower_ for t in named} | set(entry.name.lower().replace("-", " ").split()):
                    return entry
        return None

    def _regnal(self, given: str, country: str | None, date) -> KBEntry | None:
        """The one person of this given name who governed (in ``country``, if the phrase names it)
        on the date."""
        found = {i for i in self._by_given().get(given, ()) if any(
            r.active(date) and r.sector == "government" and country in (None, r.country) for r in self.kb.roles_of(i))}
        return self.kb.get(found.pop()) if len(found) == 1 else None

    def _misspelt(self, words: list[str], title: AliasRef) -> KBEntry | None:
        """The one known person a titled name misspells by a letter in the surname, with the same
        first name and a post of the title's sector ("President Francois Mitterand")."""
        if len(words[-1]) < 7:  # short names are too often one letter from someone else's
            return None
        words = [plain(w) for w in words]
        found = {i for i in self._by_given().get(words[0], ())
                 if (surname := plain((e := self.kb.get(i)).name).replace("-", " ").split()[-1]) != words[-1]
                 and _one_edit(surname, words[-1]) and any(r.sector == title.sector for r in e.roles)}
        return self.kb.get(found.pop()) if len(found) == 1 else None

    def _by_given(self) -> dict[str, list[str]]:
        """People with posts, by given name, built on first use."""
        if self._given is None:
            self._given = defaultdict(list)
            for e in self.kb.entities.values():
                if e.kind == "person" and e.roles:
                    self._given[plain(e.name).split()[0]].append(e.id)
        return self._given

    @staticmethod
    def _unknown_before(doc: Doc, words: list[str], history: History) -> Seen | None:
        """The last person the KB lacks whose name, as the text gave it, holds these words."""
        if not words:
            return None
        for s in reversed(history.seen):
            if s.kind == "person" and not s.mention.id and not s.mention.members and (s.mention.country or s.mention.sector):
                name = {t.lower_ for t in doc[s.mention.start : s.mention.end] if t.ent_type_ == "PERSON"}
                if set(words) <= name:
                    return s
        return None

    def _named_before(self, words: list[str], history: History) -> KBEntry | None:
        if not words:
            return None
        for s in reversed(history.seen):
            if s.kind == "person" and s.mention.id and s.mention.name:
                parts = {p.lower() for p in s.mention.name.replace("-", " ").split()}
                if set(words) <= parts | {"-"}:
                    return self.kb.get(s.mention.id)
        return None

    def _title(self, doc: Doc, head: "Atom", title: AliasRef, start: int, end: int, country, by,
               date, history: History, org: KBEntry | None = None) -> ActorMention:
        info = self.kb.titles.get(title.title or "")
        key = "leader" if info and info.generic else title.title
        sector = title.sector
        if info and info.relation == "predecessor":
            before = self._predecessor(date, history)
            if before is not None:  # "Trump said his predecessor had left the economy in ruins"
                return self._person_mention(start, end, before, date, "coref", title.title)
            return ActorMention(start, end, None, None, country, sector, "title", title=title.title)
        if info and info.relation == "counterpart":
            key = self._last_post(date, history)
            if key is None or not country:
                entry = self.kb.get(country)
                return ActorMention(start, end, entry.name if entry else None, country, country, sector,
                                    "title", title=title.title)
        if doc[start].lower_ in ("a", "an", "another"):  # "a Kenyan opposition leader": one of them, not the holder
            if org is not None:
                return ActorMention(start, end, org.name, org.id, org.country, org.sector, "title", title=title.title)
            entry = self.kb.get(country)
            return ActorMention(start, end, entry.name if entry else None, country, country, sector, by or "title",
                                title=title.title)
        if org is not None:  # "the UN secretary-general", "NATO's chief"
            ids = self.kb.holders(key, org.id, date)
            if ids:
                return self._person_mention(start, end, ids[0], date, "title", title.title)
            return ActorMention(start, end, org.name, org.id, org.country, org.sector, "title", title=title.title)
        if country:
            ids = self.kb.holders(key, country, date)
            if ids:
                pick = next((i for i in ids if i in history.ids()), ids[0])
                return self._person_mention(start, end, pick, date, "title", title.title)
            entry = self.kb.get(country)
            return ActorMention(start, end, entry.name if entry else None, country, country, sector,
                                by or "title", title=title.title)
        seen = self._title_antecedent(doc, doc[head.start : head.end].root, key, date, history)
        if seen:
            return self._person_mention(start, end, seen.mention.id, date, "coref", title.title)
        for c, _ in Counter(s.mention.country for s in history.seen if s.mention.country).most_common(2):
            ids = self.kb.holders(key, c, date)
            if ids:
                return self._person_mention(start, end, ids[0], date, "title", title.title)
        if info and not info.generic and not info.leader:  # "the president-elect", not "the president"
            ids = self.kb.holders(key, None, date)
            if len(ids) == 1:
                return self._person_mention(start, end, ids[0], date, "title", title.title)
        if info and not info.generic:  # "Iraqi troops invaded Kuwait ... the emir": the one named country with emirs
            homes = [c for c in history.first_named if c in self.kb.title_countries(key)]
            if len(homes) == 1:
                entry = self.kb.get(homes[0])
                return ActorMention(start, end, entry.name if entry else None, homes[0], homes[0], sector, "document",
                                    title=title.title)
        return ActorMention(start, end, None, None, None, sector, "title", title=title.title)

    def _predecessor(self, date, history: History) -> str | None:
        """Who held the post of the office holder last named just before he took it."""
        for s in reversed(history.seen):
            role = self.kb.role_at(s.mention.id, date) if s.kind == "person" and s.mention.id else None
            if role is not None and role.title and role.start:
                return self.kb.predecessor(role, s.mention.id)
        return None

    def _last_post(self, date, history: History) -> str | None:
        """The titled post held on the date by the office holder the text last named."""
        for s in reversed(history.seen):
            role = self.kb.role_at(s.mention.id, date) if s.kind == "person" and s.mention.id else None
            if role is not None and role.title and role.active(date):
                return role.title
            if s.mention.title and s.mention.title in self.kb.titles:  # "the Indian defence minister", unnamed
                return s.mention.title
        return None

    def _person_mention(self, start, end, eid, date, by, title) -> ActorMention:
        entry = self.kb.get(eid)
        role = self.kb.role_at(eid, date)
        sector = (role.sector if role else None) or entry.sector
        if role is not None and date and not role.active(date):
            sector = "other"  # out of office on the date ("his predecessor")
        return ActorMention(start, end, entry.name, eid, role.country if role else entry.country, sector, by,
                            title=title)

    def _title_antecedent(self, doc: Doc, root: Token, key: str, date, history: History) -> Seen | None:
        def compatible(s: Seen) -> bool:
            if s.kind != "person" or not s.mention.id or _binds(s.root, root):
                return False
            role = self.kb.role_at(s.mention.id, date)
            if role is None or not role.active(date) or not role.title:
                return False
            if key == "leader":
                info = self.kb.titles.get(role.title)
                return bool(info and info.leader) or role.title.endswith("leader")
            return role.title == key

        return next((s for s in reversed(history.seen) if compatible(s)), None)

    def _pick(self, refs: list[AliasRef], date, history: History, hint: str | None, *,
              persons_only: bool = False, require_active: bool = False,
              title: AliasRef | None = None) -> KBEntry | None:
        """The entity a name most likely means here. Homonyms are told apart by, in order: the
        user's entry, a body of the hinted country, one already in the text, a country before others, a past or present post
        in the hinted country ("Jordan's King Abdullah"), a post fitting the text's title
        ("Defense Secretary Perry"), holding office on the date, then prominence (how many
        names the data knows it by: "Bush" is the US president before a Cayman minister)."""
        best, best_key = None, None
        for r in refs:
            e = self.kb.get(r.entity)
            if e is None or persons_only and e.kind != "person":
                continue
            role = self.kb.role_at(e.id, date) if e.kind == "person" else None
            active = role is not None and role.active(date)
            fit = self._title_fit(e, title, hint)
            if require_active and e.kind == "person" and not active and not fit:
                continue
            home = hint is not None and (e.country == hint or any(x.country == hint for x in e.roles))
            office = active and role.sector not in (None, "other")
            # a bare open-ended Phoenix "elite" role says little: only an office on the date, or one
            # left in the last ten years ("Assad" in 2025), outranks prominence
            # a body of the country the phrase names beats one the text named before ("Chile's Broad
            # Front ... Uruguay's Broad Front")
            key = (e.user, home and e.kind == "group", history.counts[e.id] > 0,
                   e.kind == "group" and e.country in history.countries,  # "the National Liberation Army" near Skopje
                   e.kind == "country", home, fit, office,
                   _recent_office(e, date), KIND_RANK.get(e.kind, 0), e.weight, role.start or "" if role else "")
            if best_key is None or key > best_key:
                best, best_key = e, key
        return best

    @staticmethod
    def _title_fit(e: KBEntry, title: AliasRef | None, hint: str | None) -> int:
        """2: the entity held the very post the text names (in the hinted country, if any);
        1: a post of the title's sector (the Phoenix roles carry sectors, not titles); else 0."""
        if title is None or e.kind != "person":
            return 0
        roles = [r for r in e.roles if hint is None or r.country == hint]
        if any(r.title == title.title for r in roles):
            return 2
        return int(title.sector is not None and any(r.sector == title.sector for r in roles))

    def _owner(self, doc: Doc, span, history: History) -> Seen | None:
        """Whoever sends, deploys or withdraws an unnamed force: the verb's subject, or the
        possessor of the noun it depends on ("Kim Jong-un's decision to send troops")."""
        root = span.root
        verb = root.head
        if root.dep_ not in ("dobj", "obj") or verb.lemma_ not in self.kb.owner_verbs:
            return None
        while verb is not None:
            for c in verb.children:
                if c.dep_ in ("nsubj", "poss"):
                    seen = history.at(c)
                    if seen and seen.mention.country:
                        return seen
            verb = verb.head if verb.dep_ in ("xcomp", "acl", "ccomp", "conj") and verb.head != verb else None
        return None

    def _pair(self, doc: Doc, start: int, end: int, history: History) -> ActorMention | None:
        """ "both men", "the two countries": the last two different actors of that kind."""
        want = self.kb.pair_nouns.get(doc[end - 1].lower_)
        picked: dict[str, ActorMention] = {}
        for s in reversed(history.seen):
            key = s.mention.id or s.mention.name
            if s.kind == want and key and key not in picked and not s.mention.members:
                picked[key] = s.mention
                if len(picked) == 2:
                    break
        if len(picked) < 2:
            return None
        members = [ActorMention(start, end, m.name, m.id, m.country, m.sector, "coref", title=m.title)
                   for m in reversed(picked.values())]
        return ActorMention(start, end, " and ".join(m.name or "" for m in members), None, None, None, "coref",
                            members=members)

    def _placed(self, doc: Doc, span, atom_at) -> str | None:
        """The country a place name is put in: ", Country" right after it, or "in (the south of) Country"."""
        def country_at(i: int) -> str | None:
            atom = atom_at.get(i)
            refs = [r for r in atom.entity_refs() if r.type == "name"] if atom else []
            entry = self.kb.get(refs[0].entity) if refs else None
            return entry.id if entry and entry.kind == "country" else None

        if span.end + 1 < len(doc) and doc[span.end].text == ",":
            found = country_at(span.end + 1)
            if found:
                return found
        if span.end < len(doc) and doc[span.end].lower_ == "in":  # "Cizre in southeastern Turkey", however parsed
            i = span.end + 1
            while i < len(doc) and doc[i].pos_ in ("DET", "ADJ") and i not in atom_at:
                i += 1
            found = country_at(i) if i < len(doc) else None
            if found:
                return found
        for prep in span.root.children:
            if prep.dep_ == "prep" and prep.lower_ == "in":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        found = country_at(obj.i) or next(
                            (c for t in obj.subtree if t.dep_ == "pobj" and (c := country_at(t.i))), None)
                        if found:
                            return found
        return None

    def _location(self, doc: Doc, span, atom_at) -> str | None:
        """Country of the place the text puts an unnamed actor in: "police in Lagos",
        "gunmen attacked a village in Borno"."""
        root = span.root
        heads = [root] + [c for c in root.children if c.dep_ in ("acl", "relcl")]  # "rebels operating in X"
        while root.dep_ == "conj" and root.head.pos_ in ("NOUN", "PROPN"):  # "children and a man were killed in X"
            root = root.head
        while root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ in ("NOUN", "NUM"):
            root = root.head.head  # "hundreds of thousands of people blocked streets in Hong Kong"
            heads.append(root)
        if root.head.pos_ in ("NOUN", "PROPN") and root.dep_ in ("compound", "amod", "nmod"):
            root = root.head  # "opposition groups in Zimbabwe"
            heads.append(root)
        verb = root.head if root.head.pos_ in ("VERB", "AUX") else \
            root.head.head if root.dep_ == "pobj" and root.head.head.pos_ in ("VERB", "AUX") else None
        if verb is not None:  # where the act happens: the verb, its object, its subject ("police in
            # Buenos Aires kept marchers off the avenues", "... used tear gas against protesters")
            heads += [verb] + [c for c in verb.children if c.dep_ in ("dobj", "obj", *SUBJECT_DEPS)]
            # a clause with no subject of its own tells more of the same act ("were killed in tank
            # shelling in the east of the Gaza Strip")
            heads += [c for c in verb.children if c.dep_ == "advcl" and not any(g.dep_ in SUBJECT_DEPS for g in c.children)]
        for h in heads:
            for prep in h.children:
                if prep.dep_ != "prep":
                    continue
                # "fired on a train near Assiut", "held a train for hours in West Bengal": past
                # another preposition, only the place that qualifies its object counts
                direct = prep.lower_ in LOCATION_PREPS
                for obj in prep.children:
                    if obj.dep_ != "pobj":
                        continue
                    # "from a school in Kaduna state": the place may qualify the object; "outside
                    # Georgia's parliament": its owner may name the country
                    nested = [o for p in obj.children if p.dep_ == "prep" and p.lower_ in LOCATION_PREPS
                              for o in p.children if o.dep_ == "pobj"]
                    # "in the east of the Gaza Strip", "on the outskirts of Kabul": a part of a place
                    nested += [o for n in nested if n.lower_ in PLACE_PARTS for p in n.children
                               if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
                    for place in (*((obj, *(c for c in obj.children if c.dep_ in ("poss", "compound"))) if direct else ()),
                                  *nested):
                        atom = atom_at.get(place.i)
                        # "Brussels" also names the EU, which has no country: any meaning with one
                        found = next((e.country for r in (atom.entity_refs() if atom else ())
                                      if (e := self.kb.get(r.entity)) and e.country), None)
                        if found:
                            return found
        return None

    # ------------------------------------------------------------------ pronouns

    def _pronoun(self, doc: Doc, tok: Token, history: History, quotes) -> ActorMention | None:
        seen = self._antecedent(doc, tok, history, quotes)
        if seen is None:
            return None
        m = seen.mention
        return ActorMention(tok.i, tok.i + 1, m.name, m.id, m.country, m.sector, "coref", title=m.title,
                            members=list(m.members))

    def _antecedent(self, doc: Doc, tok: Token, history: History, quotes) -> Seen | None:
        want, gender = PRONOUNS[tok.lower_]
        if tok.lower_ == "it" and tok.dep_ not in SUBJECT_DEPS:
            return None  # object "it" is rarely an actor
        reporter = _reporter(tok, history)
        if reporter is not None:
            return reporter
        sent = tok.sent
        window_start = _sentence_back(doc, sent, 2)
        speaker = _speaker(doc, tok, quotes, history)
        # "killing 71 people, most of them young": a share of the nearest group, not the subject
        partitive = tok.head.lower_ == "of" and (tok.head.head.lower_ in PARTITIVES or tok.head.head.pos_ == "NUM")
        best, best_score = None, None
        for s in reversed(history.seen):
            if s.root.i >= tok.i:
                continue
            if s.root.i < window_start:
                break
            if not _compatible(s, want, gender):
                continue
            same = s.root.sent.start == sent.start
            if want == "thing" and not (same or s.subject):
                continue
            if tok.lower_ == "it" and not (same and s.subject):
                continue
            if tok.dep_ not in SUBJECT_DEPS and tok.tag_ == "PRP" and same and _binds_locally(s.root, tok):
                continue
            if speaker is not None and s.mention.id and s.mention.id == speaker:
                continue
            score = -(tok.i - s.root.i) + (30 if s.subject and not partitive else 0)
            score += min(10, 2 * history.counts[s.mention.id]) if s.mention.id else 0
            if best_score is None or score > best_score:
                best, best_score = s, score
        return best


def _reporter(tok: Token, history: History) -> Seen | None:
    """ "The army says it seized ...", "Hamas say they fired ...": the subject "it"/"they" of what a
    speech verb reports is that verb's own non-person subject, whatever number its name has."""
    if tok.lower_ not in ("it", "they") or tok.dep_ not in SUBJECT_DEPS or tok.head.dep_ != "ccomp" \
            or tok.head.head.lemma_ not in SPEECH_VERBS:
        return None
    subj = next((c for c in tok.head.head.children if c.dep_ in SUBJECT_DEPS), None)
    seen = history.at(subj) if subj is not None else None
    if seen is None or seen.kind == "person" or tok.lower_ == "it" and seen.plural:
        return None
    return seen


def _one_edit(a: str, b: str) -> bool:
    """Whether two different words are one inserted, deleted or replaced letter apart."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _recent_office(entry: KBEntry, date: str | None) -> bool:
    """Whether a person held a post (not a bare "other" role) in the ten years up to ``date``."""
    if not date or entry.kind != "person":
        return False
    since = f"{int(date[:4]) - 10:04d}{date[4:]}"
    return any(r.sector not in (None, "other") and (r.start or "") <= date and (r.end is None or r.end >= since)
               for r in entry.roles)


def _cited(doc: Doc, m: ActorMention) -> bool:
    """A name given as the story's source ("according to X", "per X", "X reported"): an outlet as
    often as not, and no sign of where it is."""
    root = doc[m.start : m.end].root
    while root.dep_ == "conj" and root.head.i != root.i:  # "according to Mehr and sources"
        root = root.head
    head = root.head
    if root.dep_ == "pobj":
        return head.lower_ == "per" or head.lower_ == "to" and head.head.lower_ == "according" \
            or head.lower_ == "by" and head.head.lemma_.lower() in ("report", "publish", "broadcast")
    return root.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in ("report", "publish", "broadcast")


def _the_nation(root: Token) -> bool:
    """ "The Russians have not replied": a bare plural demonym with "the" is the nation's side,
    where "Russians queued at banks" or "the Russians living abroad" are people."""
    return [c.lower_ for c in root.children] == ["the"]


def _years(role: Role) -> int:
    """How many years a role lasted, or has lasted (an undated start counts for nothing)."""
    if not role.start:
        return 0
    return int((role.end or datetime.date.today().isoformat())[:4]) - int(role.start[:4])


def _comes_to_power(entry: KBEntry, date: str) -> bool:
    """Whether a person out of office on ``date`` takes a government post within the next
    ``OPPOSITION_YEARS`` years."""
    until = f"{int(date[:4]) + OPPOSITION_YEARS:04d}{date[4:]}"
    return any(r.sector == "government" and r.start and date < r.start <= until for r in entry.roles)


def _same_clause(doc: Doc, m: ActorMention, other: ActorMention) -> bool:
    """Whether ``other`` comes after ``m`` inside the clause ``m`` is an argument of ("Congress passed
    sanctions against Iran"), not in a clause reported by it or reporting it ("according to")."""
    root = doc[m.start : m.end].root
    while root.dep_ in ("amod", "compound", "poss") and root.head.i != root.i:
        root = root.head  # "Israeli strikes killed": the phrase the name qualifies is the argument
    verb = root.head
    if other.start < m.end or doc[other.start].sent.start != root.sent.start:
        return False
    tok = doc[other.start : other.end].root
    while tok.i != verb.i and tok.head.i != tok.i:
        if tok.dep_ in ("ccomp", "parataxis") or tok.lower_ == "according" or tok.dep_ == "conj" and tok.pos_ == "VERB":
            return False  # a reported, reporting or coordinated clause ("... and rebels declared")
        tok = tok.head
    return tok.i == verb.i


def _in_office(kb: KnowledgeBase, entry: KBEntry, date, governing: bool = False) -> bool:
    """Whether the person holds a role on the date (with ``governing``, a post in government or
    command, not the opposition or Phoenix's open-ended "elite" role)."""
    role = kb.role_at(entry.id, date)
    return role is not None and role.active(date) and not (governing and role.sector not in ("government", "military"))


def _compatible(s: Seen, want: str, gender: str | None) -> bool:
    if want == "person":
        return s.kind == "person" and (s.gender is None or gender is None or s.gender == gender)
    if want == "thing":
        return s.kind in THING_KINDS and not s.plural
    return s.plural or s.kind in ("group", "sector") and s.root.tag_ in ("NNS", "NNPS")


def _binds(candidate: Token, tok: Token) -> bool:
    """True when ``candidate`` is the subject of a clause containing ``tok``: then a pronoun or
    description there is not the same actor ("Trump met him", "Trump ... push with the leader")."""
    if candidate.sent.start != tok.sent.start or not _subject_like(candidate):
        return False
    verb = candidate.head if candidate.dep_ in SUBJECT_DEPS else candidate.head.head
    return verb in tok.ancestors


def _binds_locally(candidate: Token, tok: Token) -> bool:
    """Object pronouns skip the subject of their own clause ("Trump met him", "Blinken, who
    pressed him"): the subject's verb governs the pronoun directly or through a preposition."""
    verbs = [candidate.head] if candidate.dep_ in SUBJECT_DEPS else []
    verbs += [c for c in candidate.children if c.dep_ == "relcl"]
    return any(tok.head == v or tok.head.dep_ in ("prep", "agent", "dative") and tok.head.head == v for v in verbs)


def _sentence_back(doc: Doc, sent, n: int) -> int:
    start = sent.start
    for _ in range(n):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return start


def _speaker(doc: Doc, tok: Token, quotes, history: History) -> str | None:
    """The id of whoever speaks a quote containing ``tok``: the subject of a speech verb
    outside the quote, in the sentence where the quote opens or the one before."""
    for qs, qe in quotes:
        if not qs <= tok.i < qe:
            continue
        first = doc[qs].sent
        scope = doc[_sentence_back(doc, first, 1) : first.end]
        for verb in scope:
            if verb.lemma_ in SPEECH_VERBS and not qs <= verb.i < qe:
                for c in verb.children:
                    seen = history.at(c) if c.dep_ in SUBJECT_DEPS else None
                    if seen and seen.mention.id:
                        return seen.mention.id
        return None
    return None
