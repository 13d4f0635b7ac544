"""Actor knowledge base: entities with date-bounded roles, and every name that points at them.

1. ``load_kb(extra_files)`` reads the built-in data files under ``whimbrel/data/actors/``, merges
   entries by id, and compiles an alias table keyed by lower-cased token tuples. Curated files win
   over the large Phoenix files (``FALLBACK_FILES``) where both name something.
2. The compiled built-in KB is pickled in the user cache directory (``$WHIMBREL_CACHE`` or
   ``~/.cache/whimbrel``), keyed by a hash of its files, so later loads skip YAML parsing and
   tokenisation; within a process it is memoised.
3. The user's files (YAML or CSV, format in ``user_actors.example.yaml``) are compiled on top of
   it; their entries win.
4. ``KnowledgeBase`` answers: which entries does this alias name, what roles does an entity hold
   (``roles_of``, ``role_at``), and who held a title in a country on a date (``holders``).
"""

from __future__ import annotations

import csv
import gc
import hashlib
import os
import pickle
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import yaml

from ..errors import Errors, WhimbrelError
from ..records import SECTORS

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"
BUILTIN_FILES: tuple[str, ...] = (
    "countries.yaml",
    "country_extras.yaml",
    "phoenix_actors.yaml",
    "organisations.yaml",
    "parties.yaml",
    "armed_groups.yaml",
    "companies.yaml",
    "past_leaders_americas_europe.yaml",  # before the files of later years, whose people they date back
    "past_leaders_africa_asia.yaml",
    "nonstate_leaders.yaml",
    "people.yaml",
    "igo_leaders.yaml",
    "world_leaders.yaml",
    "ethnic_groups.yaml",
    "places.yaml",
    "regions.yaml",
    "sectors_phoenix.yaml",
    "sectors.yaml",
    "titles.yaml",
)
"""Loaded in this order; later files extend or override earlier ones (user files come last)."""
FALLBACK_FILES = frozenset({"phoenix_actors.yaml", "sectors_phoenix.yaml"})
"""Names from these files only count where curated files (and user files) say nothing."""

FORMAT_VERSION = 32  # bump when the compiled form changes
KINDS = ("country", "igo", "group", "person", "place")
# alias types, in the order a resolver prefers them when one alias names several things
ALIAS_TYPES = ("seat", "name", "metonym", "demonym", "title", "sector", "place")
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xvi"})

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Role(NamedTuple):
    """A post held between two dates (ISO strings, inclusive; None = open)."""

    country: str | None
    sector: str | None
    title: str | None = None
    start: str | None = None
    end: str | None = None
    org: str | None = None  # the organisation a post belongs to ("UN" for its secretary-general)

    def active(self, date: str | None) -> bool:
        """Held on ``date``; an undated text can say of no post that it is over."""
        if date is None:
            return True
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)


@dataclass
class KBEntry:
    """A country, organisation, group, person or place, with its roles."""

    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    gender: str | None = None
    roles: list[Role] = field(default_factory=list)
    user: bool = False
    weight: int = 0  # how many names the data gives it: famous people have many spellings (a prominence prior)


class AliasRef(NamedTuple):
    """One thing an alias can mean (a tuple: the compiled KB pickles and loads fast)."""

    type: str  # one of ALIAS_TYPES
    form: str  # the alias as written in the data (its capitals are required in text)
    entity: str | None = None  # KB id (name/seat/metonym/demonym/place)
    sector: str | None = None  # sector words, seats
    title: str | None = None  # title key
    combine_only: bool = False  # sector words that are actors only with a country/possessor
    user: bool = False
    caps: tuple[str, ...] = ()  # per token: "" any case, "^" capital initial, else the exact text
    fallback: bool = False  # from the large, older Phoenix files: yields to curated data
    # a gazetteer town or province ("Jericho", "Sindh"): a place only where the text treats it as
    # one, and never where any other data file gives the name a meaning
    gazetteer: bool = False

    def fits(self, words: Sequence[str]) -> bool:
        """Whether text tokens carry the capitals this alias requires ("US" is not "us")."""
        for rule, w in zip(self.caps, words):
            if rule == "^" and not w[:1].isupper():
                return False
            if rule not in ("", "^") and w != rule:
                return False
        return True


@dataclass(frozen=True, slots=True)
class TitleInfo:
    """A post from titles.yaml; ``leader`` posts answer "the leader", ``generic`` is "leader" itself,
    ``relation`` makes it a post relative to the office holder last named: "counterpart" (the same
    post in another country), "predecessor" (the one who held his post before him)."""

    key: str
    sector: str | None
    leader: bool = False
    generic: bool = False
    relation: str | None = None  # "counterpart" | "predecessor" (see above)
    regnal: bool = False  # a monarch's title, used with a given name alone ("King Gyanendra")


@dataclass(slots=True)
class KnowledgeBase:
    """The compiled knowledge base (see the module docstring)."""

    entities: dict[str, KBEntry]
    aliases: dict[tuple[str, ...], list[AliasRef]]
    titles: dict[str, TitleInfo]
    files: tuple[str, ...] = ()
    owner_verbs: frozenset[str] = frozenset()
    pair_nouns: dict[str, str] = field(default_factory=dict)  # "men" -> "person" ("both men")
    _holders: dict[tuple[str | None, str], list[tuple[Role, str]]] = field(default_factory=dict)
    surnames: dict[str, list[str]] = field(default_factory=dict)  # "putin" -> person ids
    ethnic: frozenset[str] = frozenset()  # lower-cased ethnic group names: coded by where they live
    group_heads: frozenset[str] = frozenset()  # "leaders": take the sector of the word before them
    voices: frozenset[str] = frozenset()  # "spokesman": "for X" places it as "of X" does
    national_sectors: dict[str, str] = field(default_factory=dict)  # "bombers" a country owns are military
    participle_sectors: dict[str, str] = field(default_factory=dict)  # "people protesting" are protesters
    # institution names one country's press uses bare ("Congress" -> USA): the country they take
    # when neither their phrase nor the document places them
    defaults: dict[str, str] = field(default_factory=dict)
    # a country's name that the gazetteer also gives a place abroad ("Georgia", the US state; the
    # Nigerian state of Niger): lower-cased words -> that place's country
    homonyms: dict[tuple[str, ...], str] = field(default_factory=dict)
    # gazetteer names by their spelling skeleton (``skeleton``), where only one country has it:
    # "Khan Younis" is the gazetteer's Khan Yunis
    spellings: dict[str, str] = field(default_factory=dict)
    # a big place's name that a big town abroad also has ("Tripoli" in Lebanon): lower-cased words
    # -> the namesakes' countries
    namesakes: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        by_surname: dict[str, list[str]] = defaultdict(list)
        for e in self.entities.values():
            if e.kind == "person":
                words = e.name.replace("-", " ").lower().split()
                while len(words) > 1 and words[-1].strip(".") in NAME_SUFFIXES:  # "King Abdullah II"
                    words.pop()
                by_surname[words[-1]].append(e.id)
        self.surnames = dict(by_surname)
        index: dict[tuple[str | None, str], list[tuple[Role, str]]] = defaultdict(list)
        for e in self.entities.values():
            for r in e.roles:
                if not r.title:
                    continue
                for where in {r.country, r.org, None}:
                    index[(where, r.title)].append((r, e.id))
                info = self.titles.get(r.title)
                if info and info.leader:
                    # a country's leader governs it ("Sudan's leader" is not the rebels'); a body's leads it
                    for where in {r.org} | ({r.country, None} if r.sector in (None, "government") else set()):
                        index[(where, "leader")].append((r, e.id))
        self._holders = dict(index)

    def get(self, entity_id: str | None) -> KBEntry | None:
        return self.entities.get(entity_id) if entity_id else None

    def roles_of(self, entity_id: str) -> list[Role]:
        """Every role of an entity, oldest first (empty for unknown ids)."""
        e = self.entities.get(entity_id)
        return sorted(e.roles, key=lambda r: r.start or "") if e else []

    def role_at(self, entity_id: str, date: str | None) -> Role | None:
        """The role held on ``date``; else the latest role begun before it; else the first."""
        roles = self.roles_of(entity_id)
        if not roles:
            return None
        # undated, every role counts: a person is named for the post he is known by, not for
        # Phoenix's open-ended "elite" role after it ("Ousted President Askar Akayev")
        active = [r for r in roles if r.active(date) and (date or r.sector not in (None, "other"))] \
            or [r for r in roles if r.active(date)]
        if active:
            # the most specific post: titled roles beat bare country codes, a head of state or government
            # beats the ministry he also runs (Netanyahu as foreign minister), then the latest start
            return max(active, key=lambda r: (r.title is not None, self._leads(r), r.start or ""))
        if date:
            before = [r for r in roles if (r.start or "") <= date]
            if before:
                return before[-1]
        return roles[0]

    def _leads(self, role: Role) -> bool:
        info = self.titles.get(role.title or "")
        return bool(info and info.leader)

    def holders(self, title: str, country: str | None, date: str | None) -> list[str]:
        """Ids of entities holding ``title`` (or any leader post for "leader") in ``country`` - or in
        an organisation, by its id ("UN", "NATO") - on ``date``, latest appointed first."""
        found = [(r.start or "", eid) for r, eid in self._holders.get((country, title), ()) if r.active(date)]
        return list(dict.fromkeys(eid for _, eid in sorted(found, reverse=True)))

    def title_countries(self, title: str) -> set[str]:
        """The countries where anyone the data knows held ``title`` ("emir": Kuwait, Qatar, ...)."""
        return {where for where, key in self._holders if key == title and where and where in self.entities
                and self.entities[where].kind == "country"}

    def predecessor(self, role: Role, holder: str) -> str | None:
        """Who last held ``role``'s title in its country before ``holder`` took it."""
        before = [(r.end, eid) for r, eid in self._holders.get((role.country, role.title), ())
                  if eid != holder and r.end and role.start and r.end <= role.start]
        return max(before)[1] if before else None

    def lookup(self, key: Sequence[str]) -> list[AliasRef]:
        return self.aliases.get(tuple(key), [])


def plain(name: str) -> str:
    """Lower case without accents: "François" -> "francois"."""
    return "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c))


def skeleton(name: str) -> str:
    """A place name with its transliteration choices levelled: case, accents, hyphens, doubled
    letters and which vowels ("Khan Younis" and "Khan Yunis", "Deir el-Balah" and "Deir al-Balah")."""
    letters = "".join(c if c.isalpha() else " " for c in plain(name))
    words = [re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiou]+", "v", w)) for w in letters.split()]
    return " ".join(words)


# --------------------------------------------------------------------------- reading files


def _norm_date(value: object, end: bool = False) -> str | None:
    if value in (None, ""):
        return None
    s = str(value)
    if len(s) == 4:
        return s + ("-12-31" if end else "-01-01")
    if len(s) == 7:
        return s + ("-31" if end else "-01")
    return s[:10]


def _read_file(path: Path) -> dict:
    """Return {"actors": [...], "sectors": {...}, "titles": {...}, "combine_only": [...]}."""
    try:
        if path.suffix.lower() == ".csv":
            with path.open(encoding="utf-8", newline="") as f:
                rows = [r for r in csv.DictReader(row for row in f if not row.lstrip().startswith("#"))]
            return {"actors": [_csv_entry(r) for r in rows if (r.get("id") or "").strip()]}
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError, csv.Error, UnicodeDecodeError) as e:
        raise WhimbrelError(Errors.E005.format(path=path, detail=e)) from e
    if data is None:
        return {}
    if isinstance(data, list):
        return {"actors": data}
    if not isinstance(data, dict):
        raise WhimbrelError(Errors.E005.format(path=path, detail="expected a list of actors or a mapping"))
    return data


def _csv_entry(row: dict[str, str]) -> dict:
    """CSV columns: id,name,kind,country,sector,aliases (separated by |),title,start,end."""
    get = lambda k: (row.get(k) or "").strip() or None  # noqa: E731
    entry: dict = {k: get(k) for k in ("id", "name", "kind", "country", "sector")}
    entry["aliases"] = [a.strip() for a in (get("aliases") or "").split("|") if a.strip()]
    if get("title") or get("start") or get("end"):
        entry["roles"] = [
            {"country": get("country"), "sector": get("sector"), "title": get("title"),
             "start": get("start"), "end": get("end")}
        ]
    return entry


def _caps(word: str) -> str:
    """Short all-capital tokens ("US", "UN", "IS") must match exactly; capitalised ones need a capital."""
    letters = [c for c in word if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) <= 4:
        return word
    return "^" if word[:1].isupper() else ""


def _hyphen_variant(name: str) -> str | None:
    """A double given name the press writes both ways: "Jean Bertrand Aristide" and
    "Jean-Bertrand Aristide"."""
    words = name.split()
    if len(words) >= 2 and "-" in words[0]:
        return " ".join([*words[0].split("-"), *words[1:]])
    if len(words) < 3 or not all(w[:1].isupper() for w in words[:2]):
        return None
    return f"{words[0]}-{words[1]} " + " ".join(words[2:])


def _plural(word: str) -> str:
    last = word.split()[-1]
    if last.endswith(("man", "woman")):
        return word[: -3] + "men" if last.endswith("man") else word
    if last.endswith(("s", "x", "ch", "sh")):
        return word + "es" if not last.endswith(("ss", "s")) else word
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


# --------------------------------------------------------------------------- compiling


def _compile(files: Sequence[tuple[Path, bool]], base: KnowledgeBase | None = None) -> KnowledgeBase:
    """Compile data files, on top of an already compiled ``base`` (the built-ins) if given."""
    import spacy  # only needed on a cache miss or for user files

    tokenizer = spacy.blank("en").tokenizer
    entities: dict[str, KBEntry] = dict(base.entities) if base else {}
    raw_aliases: list[AliasRef] = []
    titles: dict[str, TitleInfo] = dict(base.titles) if base else {}
    sector_words: dict[str, tuple[str, bool, bool]] = {}
    combine_only: set[str] = set()
    owner_verbs: set[str] = set(base.owner_verbs) if base else set()
    pair_nouns: dict[str, str] = dict(base.pair_nouns) if base else {}
    entity_aliases: dict[str, list[AliasRef]] = defaultdict(list)
    ethnic: set[str] = set(base.ethnic) if base else set()
    group_heads: set[str] = set(base.group_heads) if base else set()
    voices: set[str] = set(base.voices) if base else set()
    national_sectors: dict[str, str] = dict(base.national_sectors) if base else {}
    participle_sectors: dict[str, str] = dict(base.participle_sectors) if base else {}
    defaults: dict[str, str] = dict(base.defaults) if base else {}
    curated: dict[str, list[Role]] = {}  # each entity's roles from curated files, across files
    namesakes: dict[tuple[str, ...], frozenset[str]] = dict(base.namesakes) if base else {}

    for path, user in files:
        data = _read_file(path)
        for key, info in (data.get("titles") or {}).items():
            titles[key] = TitleInfo(key, info.get("sector"), bool(info.get("leader")), bool(info.get("generic")),
                                    info.get("relation"), bool(info.get("regnal")))
            for w in info.get("words", []):
                raw_aliases.append(AliasRef("title", w, title=key, sector=info.get("sector"), user=user))
        combine_only.update(w.lower() for w in data.get("combine_only") or ())
        owner_verbs.update(data.get("owner_verbs") or ())
        pair_nouns.update(data.get("pair_nouns") or {})
        group_heads.update(w.lower() for w in data.get("group_heads") or ())
        voices.update(w.lower() for w in data.get("voices") or ())
        national_sectors.update((w.lower(), v) for w, v in (data.get("national_sectors") or {}).items())
        participle_sectors.update((w.lower(), v) for w, v in (data.get("participle_sectors") or {}).items())
        defaults.update(data.get("unplaced_defaults") or {})
        namesakes.update((tuple(n.lower().split()), frozenset(cs)) for n, cs in (data.get("namesakes") or {}).items())
        for country, names in (data.get("gazetteer") or {}).items():
            raw_aliases.extend(AliasRef("place", n, entity=country, user=user, fallback=not user, gazetteer=True)
                               for n in names)
        for name, countries in (data.get("shared_places") or {}).items():  # the text decides ("Punjab")
            raw_aliases.extend(AliasRef("place", name, entity=c, user=user, fallback=not user, gazetteer=True)
                               for c in countries)
        for country, names in (data.get("ethnic_groups") or {}).items():  # demonyms of where they live
            ethnic.update(n.lower() for n in names)
            raw_aliases.extend(AliasRef("demonym", n, entity=country, user=user) for n in names)
        for sector, words in (data.get("sectors") or {}).items():
            if sector not in SECTORS:
                raise WhimbrelError(Errors.E005.format(path=path, detail=f"unknown sector {sector!r}"))
            for w in words:
                sector_words[w] = (sector, user, path.name in FALLBACK_FILES and not user)
        fallback = path.name in FALLBACK_FILES and not user
        for raw in data.get("actors") or ():
            _merge_entry(entities, entity_aliases, raw, user, path, fallback, curated)

    for w, (sector, user, fallback) in sector_words.items():
        forms = {w, _plural(w)} if w.islower() else {w}
        for f in forms:
            raw_aliases.append(AliasRef("sector", f, sector=sector, combine_only=w.lower() in combine_only,
                                        user=user, fallback=fallback))

    aliases: dict[tuple[str, ...], list[AliasRef]] = defaultdict(list)
    if base:
        aliases.update((k, list(v)) for k, v in base.aliases.items())
    seen: set[tuple] = set()
    for eid, refs in entity_aliases.items():
        raw_aliases.extend(refs)
        if (e := entities.get(eid)) is not None and e.kind == "person":
            raw_aliases.extend(r._replace(form=f) for r in refs if r.type == "name" and (f := _hyphen_variant(r.form)))
    texts = list(dict.fromkeys(r.form for r in raw_aliases))
    tokens = {t: tuple(tok.text for tok in doc) for t, doc in zip(texts, tokenizer.pipe(texts))}
    for ref in sorted(raw_aliases, key=lambda r: r.gazetteer):  # a town another file names keeps that entry
        words = tokens[ref.form]
        key = tuple(w.lower() for w in words)
        ident = (key, ref.type, ref.entity, ref.sector, ref.title)
        if not key or ident in seen:
            continue
        seen.add(ident)
        aliases[key].append(ref._replace(caps=tuple(_caps(w) for w in words)))
    # user entries win: an alias a user file defines means only what the user says;
    # curated entries win over Phoenix ones ("the EU" is EU, not Phoenix's THE_EUROPEAN_UNION)
    homonyms: dict[tuple[str, ...], str] = dict(base.homonyms) if base else {}
    for key, refs in aliases.items():
        if not all(r.gazetteer for r in refs):
            abroad = {r.entity for r in refs if r.gazetteer}
            named = {r.entity for r in refs if r.type == "name" and (e := entities.get(r.entity)) and e.kind == "country"}
            if len(abroad) == 1 and named and not abroad & named:
                homonyms[key] = next(iter(abroad))
            refs[:] = [r for r in refs if not r.gazetteer]
        countries = {r.entity for r in refs if r.type == "name" and (e := entities.get(r.entity)) and e.kind == "country"}
        if countries:  # a country's own name is no province of another ("Eritrea" in Phoenix's Ethiopia)
            refs[:] = [r for r in refs if r.type != "place" or r.entity in countries]
        if any(r.user for r in refs):
            refs[:] = [r for r in refs if r.user]
        elif any(not r.fallback for r in refs):
            # a Phoenix place survives curated data only in a country that data agrees on ("Juba" is
            # South Sudan's now, "Asmara" Eritrea's, not the Sudan and Ethiopia of the 1990s lists)
            homes = {(e.country or e.id) for r in refs if not r.fallback and (e := entities.get(r.entity))}
            refs[:] = [r for r in refs if not r.fallback or r.type == "place" and (not homes or r.entity in homes)]
        refs.sort(key=lambda r: ALIAS_TYPES.index(r.type))
    spelt: dict[str, set[tuple[bool, str]]] = defaultdict(set)  # skeleton -> (a name?, what it means)
    for key, refs in aliases.items():
        for r in refs:
            if r.type in ("name", "place", "metonym") and r.entity:
                spelt[skeleton(r.form)].add((r.type == "name", r.entity))
    spellings = dict(base.spellings) if base else {}
    for skel, meanings in spelt.items():  # only a place of one country, and no other name, sounds so
        if len(meanings) == 1 and len(skel.replace(" ", "")) >= 5:
            ((is_name, country),) = meanings
            if not is_name:
                spellings[skel] = country
    names: dict[str, set[str]] = defaultdict(set)
    for key, refs in aliases.items():
        for r in refs:
            if r.entity and r.type == "name":
                names[r.entity].add(" ".join(key))
    for eid, e in entities.items():
        e.weight = len(names.get(eid, ()))
    return KnowledgeBase(entities=entities, aliases=dict(aliases), titles=titles,
                         files=tuple(str(p) for p, _ in files), owner_verbs=frozenset(owner_verbs),
                         pair_nouns=pair_nouns, ethnic=frozenset(ethnic), group_heads=frozenset(group_heads),
                         voices=frozenset(voices), national_sectors=national_sectors,
                         participle_sectors=participle_sectors,
                         defaults=defaults, homonyms=homonyms, spellings=spellings,
                         namesakes=namesakes)


def _merge_entry(
    entities: dict[str, KBEntry], entity_aliases: dict[str, list[AliasRef]], raw: dict, user: bool, path: Path,
    fallback: bool = False, curated: dict[str, list[Role]] | None = None,
) -> None:
    """Add one entry. Roles from curated files add up across files (a head of government's term in
    one, his later opposition years in another); they replace the Phoenix roles from their first
    start on (``curated``: each entity's curated roles so far)."""
    curated = {} if curated is None else curated
    if not isinstance(raw, dict) or not raw.get("id"):
        raise WhimbrelError(Errors.E005.format(path=path, detail=f"actor entry without an id: {raw!r}"))
    eid = str(raw["id"])
    e = entities.get(eid)
    if e is None or (user and not e.user):
        kind = raw.get("kind") or (e.kind if e else "group")
        if kind not in KINDS:
            raise WhimbrelError(Errors.E005.format(path=path, detail=f"unknown kind {kind!r} for {eid}"))
        new = KBEntry(eid, raw.get("name") or (e.name if e else eid), kind, user=user)
        if e is not None:  # a user entry replaces the built-in one but keeps its names (and roles unless given)
            new.country, new.sector, new.gender = e.country, e.sector, e.gender
            new.roles = [] if raw.get("roles") else list(e.roles)
            entity_aliases[eid] = [AliasRef(r.type, r.form, r.entity, r.sector, r.title, r.combine_only, True)
                                   for r in entity_aliases[eid]]
        entities[eid] = e = new
    for attr in ("name", "country", "sector", "gender"):
        if raw.get(attr):
            setattr(e, attr, raw[attr])
    if e.sector and e.sector not in SECTORS:
        raise WhimbrelError(Errors.E005.format(path=path, detail=f"unknown sector {e.sector!r} for {eid}"))
    if e.kind == "country" and not e.country:
        e.country = eid
    for twin in raw.get("same_as") or ():  # the same person under another id (a Phoenix spelling)
        old = entities.pop(str(twin), None)
        if old is not None:
            e.roles = old.roles + e.roles
            curated.setdefault(eid, []).extend(curated.pop(str(twin), []))
            entity_aliases[eid].extend(r._replace(entity=eid) for r in entity_aliases.pop(str(twin), []))
    new_roles = []
    for r in raw.get("roles") or ():
        country = r["country"] if "country" in r else e.country  # null: an international post
        new_roles.append(Role(country, r.get("sector") or e.sector, r.get("title"), _norm_date(r.get("start")),
                              _norm_date(r.get("end"), end=True), r.get("org")))
    if new_roles and not fallback:
        mine = curated.setdefault(eid, [])
        mine.extend(new_roles)
        e.roles = _before([r for r in e.roles if r not in mine], min(r.start or "0000" for r in mine)) + mine
    else:
        e.roles.extend(new_roles)
    if not e.country and e.roles:
        e.country = max(e.roles, key=lambda r: r.start or "").country
    refs = entity_aliases[eid]
    names = [raw.get("name")] if raw.get("name") else []
    for t, items in (("name", names + list(raw.get("aliases") or ())), ("demonym", raw.get("demonyms")),
                     ("metonym", raw.get("metonyms")), ("seat", raw.get("seats")), ("place", raw.get("places"))):
        for form in items or ():
            sector = "government" if t == "seat" else None
            refs.append(AliasRef(t, str(form), entity=eid, sector=sector, user=user, fallback=fallback))


def _before(roles: list[Role], start: str) -> list[Role]:
    """Older (Phoenix) roles of someone the curated data covers from ``start``: open-ended ones are
    closed there, so "Obama: USAGOV since 2009" does not make him government in 2024."""
    if start == "0000":
        return [r for r in roles if r.end is not None]
    out = []
    for r in roles:
        if r.end is not None and r.end < start:
            out.append(r)
        elif r.start is not None and r.start < start:
            out.append(r._replace(end=min(r.end or start, start)))
    return out


# --------------------------------------------------------------------------- caching


def _cache_dir() -> Path | None:
    base = os.environ.get("WHIMBREL_CACHE") or os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    path = Path(base) / "whimbrel"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path if os.access(path, os.W_OK) else None


def _fingerprint(files: Iterable[tuple[Path, bool]]) -> str:
    h = hashlib.sha1(f"v{FORMAT_VERSION}".encode())
    for path, user in files:
        h.update(f"{path}|{user}|".encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:20]


def _input_files(extra_files: Sequence[str | os.PathLike]) -> list[tuple[Path, bool]]:
    files = []
    for f in extra_files:
        p = Path(f)
        if not p.is_file():
            raise WhimbrelError(Errors.E005.format(path=p, detail="no such file"))
        files.append((p.resolve(), True))
    return files


def load_kb(extra_files: Sequence[str | os.PathLike] = ()) -> KnowledgeBase:
    """The knowledge base with the user's actor files (YAML or CSV) on top of the built-in data.

    The built-in part loads from its cached compiled form; user files are compiled on top of it
    (fast: they are small), so a new user file never costs a full rebuild.
    """
    return _load_kb(tuple(str(f) for f in extra_files))


@lru_cache(maxsize=8)
def _load_kb(extra_files: tuple[str, ...]) -> KnowledgeBase:
    base = _builtin_kb()
    return _compile(_input_files(extra_files), base) if extra_files else base


@contextmanager
def _no_gc(freeze: bool = False):
    """Building or unpickling the KB makes millions of small objects that all live on; the cyclic
    collector would walk the growing heap again and again (4/5 of the cached load time). With
    ``freeze``, what was loaded is moved out of the collector's sight for good."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()


@lru_cache(maxsize=1)
def _builtin_kb() -> KnowledgeBase:
    files = [(DATA_DIR / f, False) for f in BUILTIN_FILES if (DATA_DIR / f).exists()]
    key = _fingerprint(files)
    cache = _cache_dir()
    target = cache / f"actors-{key}.pickle" if cache else None
    if target and target.exists():
        try:
            with target.open("rb") as f, _no_gc(freeze=True):
                return pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
            pass  # a stale or broken cache is rebuilt below
    with _no_gc():
        kb = _compile(files)
    if target:
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        try:
            with tmp.open("wb") as f:
                pickle.dump(kb, f, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(target)
        except OSError:
            tmp.unlink(missing_ok=True)
    return kb
