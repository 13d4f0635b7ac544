"""Readers for the gold sets in ``../shared/gold``, each giving small typed records.

Splits follow ``../shared/gold/README.md``: sets shipped with train/test files use train as
development and test as test; the others put ids (or line numbers) ending in an even digit in
development and odd ones in test. Labels are mapped to Whimbrel's: PLOVER 2.0 types, ISO 3166
alpha-3 countries and Whimbrel sectors.

1. ``plover_gsr()``      PLOVER gold-standard records (v0.5 names mapped to 2.0)
2. ``petr2_gsr()``       PETRARCH-2 validation sentences (CAMEO + Phoenix actor codes)
3. ``petrarch_unit()``   PETRARCH-2 unit suite (fictional actors: only event codes are usable)
4. ``cameo_class()``     ConfliBERT 5-way sentence classes
5. ``cameo_ner()``       ConfliBERT token-level source/target/reciprocal roles
6. ``conflibert_rounds()`` CAMEO_ConfliBERT annotation rounds: the annotators' majority 5-way
   class (development only: these 200 sentences are not adjudicated)
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from whimbrel.events.ontology import V05_TO_V2, code_info

GOLD = Path(__file__).resolve().parent.parent.parent / "shared" / "gold"

Split = Literal["dev", "test"]

SECTOR_CODES: dict[str, str] = {
    "GOV": "government", "MIL": "military", "COP": "police", "SPY": "intelligence",
    "JUD": "judiciary", "LEG": "legislature", "OPP": "opposition", "REB": "rebels",
    "INS": "insurgents", "SEP": "rebels", "UAF": "militia", "PTY": "party", "CVL": "civilians",
    "REF": "refugees", "MED": "media", "BUS": "business", "LAB": "labour", "REL": "religious",
    "EDU": "education", "HLH": "health", "HRI": "ngo", "NGO": "ngo", "IGO": "igo", "CRM": "criminal",
    "TER": "terrorists", "ELI": "government", "PRO": "protesters",
}
"""CAMEO/Phoenix/PLOVER-GSR sector codes -> Whimbrel sectors."""

LEGACY_COUNTRIES: dict[str, str] = {"JAP": "JPN", "GER": "DEU", "UKG": "GBR", "ROM": "ROU", "ITL": "ITA", "VTN": "VNM"}
"""Pre-ISO codes that still occur in the gold files."""


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One gold dyad: compound actors are expanded into one dyad per member."""

    source_country: str | None  # ISO alpha-3, "IGO" for international organisations, None if unknown
    source_sector: str | None
    type: str | None  # PLOVER 2.0 type; None when the CAMEO code is not a PLOVER event (01/02)
    target_country: str | None
    target_sector: str | None
    cameo: str | None = None
    source_text: str | None = None
    target_text: str | None = None

    @property
    def triple(self) -> tuple[str | None, str | None, str | None]:
        return (self.source_country, self.type, self.target_country)


@dataclass(frozen=True, slots=True)
class GoldSentence:
    id: str
    text: str
    split: Split
    events: tuple[GoldEvent, ...] = ()
    date: str | None = None


@dataclass(frozen=True, slots=True)
class ClassSentence:
    id: str
    text: str
    split: Split
    label: int  # 0 statement, 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict


@dataclass(frozen=True, slots=True)
class RoleSentence:
    id: str
    tokens: tuple[str, ...]
    tags: tuple[str, ...]  # BIO over S (source), T (target), R (reciprocal)
    split: Split
    text: str = field(default="")


def split_of(key: str) -> Split:
    """Even last digit -> dev, odd -> test (README rule for sets without a split)."""
    digits = re.findall(r"\d", key)
    return "dev" if not digits or int(digits[-1]) % 2 == 0 else "test"


def _country(code: str | None) -> str | None:
    if not code or code.startswith("-") or code == "***":
        return None
    code = code[:3].upper()
    return LEGACY_COUNTRIES.get(code, code)


def _sector(code: str | None) -> str | None:
    if not code:
        return None
    for i in range(0, len(code) - 2, 3):
        s = SECTOR_CODES.get(code[i : i + 3].upper())
        if s:
            return s
    return None


# --------------------------------------------------------------------------- 1. PLOVER GSR


def _plover_actors(value) -> list[tuple[str | None, str | None, str | None]]:
    if not isinstance(value, list) or not value:
        return [(None, None, None)]
    out = []
    for a in value:
        code = a.get("code")
        country = _country(code)
        sector = "igo" if country == "IGO" else _sector(a.get("sector"))
        out.append((country, sector, a.get("actorText")))
    return out


def plover_gsr(path: Path | None = None) -> list[GoldSentence]:
    records = json.loads((path or GOLD / "plover-gsr" / "PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8"))
    out = []
    for r in records:
        if r.get("event") == "DOCUMENT":
            continue
        ptype = V05_TO_V2.get(r["event"], r["event"])
        events = tuple(
            GoldEvent(sc, ss, ptype, tc, ts, None, stx, ttx)
            for sc, ss, stx in _plover_actors(r.get("source"))
            for tc, ts, ttx in _plover_actors(r.get("target"))
        )
        out.append(GoldSentence(r["id"], r["text"], split_of(r["id"]), events))
    return out


# --------------------------------------------------------------------------- 2./3. PETRARCH XML

_SENTENCE = re.compile(r"<Sentence\s([^>]*)>(.*?)</Sentence>", re.S)
_ATTR = re.compile(r"(\w+)\s*=\s*['\"]([^'\"]*)['\"]")


def _petr_sentences(path: Path) -> Iterator[tuple[dict[str, str], list[dict[str, str]], str]]:
    """The records of a PETRARCH validation file (not well-formed XML, so read by pattern)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    for m in _SENTENCE.finditer(text):
        attrs = dict(_ATTR.findall(m.group(1)))
        body = m.group(2)
        codings = [dict(_ATTR.findall(c)) for c in re.findall(r"<EventCoding([^>]*)>", body)]
        t = re.search(r"<Text>(.*?)</Text>", body, re.S)
        yield attrs, codings, " ".join(t.group(1).split()) if t else ""


def _petr_events(codings: list[dict[str, str]]) -> tuple[GoldEvent, ...]:
    events = []
    for c in codings:
        if "eventcode" not in c:
            continue
        cameo = c["eventcode"].strip()
        src, tgt = c.get("sourcecode", ""), c.get("targetcode", "")
        events.append(
            GoldEvent(
                _country(src), "igo" if src.startswith("IGO") else _sector(src[3:]),
                code_info(cameo).type if cameo[:2].isdigit() else None,
                _country(tgt), "igo" if tgt.startswith("IGO") else _sector(tgt[3:]),
                cameo, src or None, tgt or None,
            )
        )
    return tuple(events)


def petr2_gsr(path: Path | None = None) -> list[GoldSentence]:
    path = path or GOLD / "petr2-gsr" / "PETR2_GSR_validation.xml"
    return [
        GoldSentence(a["id"], text, split_of(a["id"]), _petr_events(c), a.get("date"))
        for a, c, text in _petr_sentences(path)
        if a.get("evaluate", "true") == "true" and text
    ]


def petrarch_unit(path: Path | None = None) -> list[GoldSentence]:
    """PETRARCH-2's unit suite; records expecting an error are left out."""
    path = path or GOLD / "petrarch-unit" / "PETR.UnitTest.records.xml"
    return [
        GoldSentence(a["id"], text, split_of(a["id"]), _petr_events(c), a.get("date"))
        for a, c, text in _petr_sentences(path)
        if text and not any("error" in x for x in c)
    ]


def petrarch_unit_actors(out: Path, path: Path | None = None) -> Path:
    """Write the unit suite's fictional actor dictionary as a Whimbrel user actor CSV (so its
    sentences can be coded with actors) and return the file's path."""
    path = path or GOLD / "petrarch-unit" / "PETR.Validate.actors.txt"
    entries: list[dict[str, object]] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#")[0].rstrip()
        if not line.strip() or line.lstrip().startswith("<"):
            continue
        code = re.search(r"\[([A-Za-z-]{3,})", line)
        if line.startswith("+") and entries:
            entries[-1]["aliases"].append(line[1:].strip())
        elif line[0].isspace():
            if code and entries and not entries[-1]["code"]:
                entries[-1]["code"] = code.group(1).upper()
        else:
            name = line.split("[")[0].strip()
            entries.append({"name": name, "aliases": [], "code": code.group(1).upper() if code else ""})
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "kind", "country", "sector", "aliases"])
        for i, e in enumerate(x for x in entries if x["code"] and x["code"][:3].isalpha()):
            code = str(e["code"])
            names = [" ".join(w.capitalize() for w in n.strip("_").replace("_", " ").split()) for n in [e["name"], *e["aliases"]]]
            kind = "country" if len(code) == 3 else "group"
            w.writerow([f"petr{i}", names[0], kind, _country(code), _sector(code[3:]) or "", "|".join(names[1:])])
    return out


# --------------------------------------------------------------------------- 4./5. ConfliBERT


def cameo_class(path: Path | None = None) -> list[ClassSentence]:
    root = path or GOLD / "conflibert-cameo" / "cameo_class"
    out = []
    for split, name in (("dev", "train.tsv"), ("test", "test.tsv")):
        lines = (root / name).read_text(encoding="utf-8", errors="replace").splitlines()
        for i, line in enumerate(lines):
            text, _, label = line.strip("\r").rpartition("\t")
            if text and label.strip().isdigit():
                out.append(ClassSentence(f"{split}-{i}", text, split, int(label)))
    return out


def cameo_ner(path: Path | None = None) -> list[RoleSentence]:
    root = path or GOLD / "conflibert-cameo" / "cameo_ner"
    out = []
    for split, name in (("dev", "train.txt"), ("test", "test.txt")):
        blocks = (root / name).read_text(encoding="utf-8", errors="replace").replace("\r", "").split("\n\n")
        for i, block in enumerate(b for b in blocks if b.strip()):
            pairs = [line.rsplit(" ", 1) for line in block.splitlines() if " " in line.strip()]
            tokens = tuple(p[0] for p in pairs)
            out.append(RoleSentence(f"{split}-{i}", tokens, tuple(p[1] for p in pairs), split, " ".join(tokens)))
    return out


def conflibert_rounds(path: Path | None = None) -> list[ClassSentence]:
    """Sentences of the annotation rounds with the majority 5-way class of their first action
    among the annotators who finished them (not relevant counts as 0, no event); ties are left
    out. All development: the set is several people's unadjudicated work."""
    root = path or GOLD / "cameo-conflibert-rounds"
    out = []
    for f in sorted(root.glob("training_round_*_summary.csv")):
        with f.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                votes = []
                for k, done in row.items():
                    if not k.startswith("anncomplete_") or done != "True":
                        continue
                    n = k.rsplit("_", 1)[1]
                    label = row.get(f"Action1-PentaClass_{n}") or ""
                    relevant = row.get(f"1_Relevant_{n}") == "True"
                    votes.append(int(label[0]) if relevant and label[:1].isdigit() else 0)
                top = Counter(votes).most_common(2)
                if top and (len(top) == 1 or top[0][1] > top[1][1]) and row.get("sentences"):
                    out.append(ClassSentence(f"{f.stem}-{row['ids']}", row["sentences"].strip(), "dev", top[0][0]))
    return out
