"""The PLOVER event ontology and its CAMEO bridge, loaded once from ``whimbrel/data/events``.

``code_info("0332")`` gives everything an event record carries for a CAMEO code: the PLOVER
type, mode and context (CAMEO2PLOVER table), the PLOVER conflict-cooperation score of the
type/mode, and the CAMEO Goldstein score. CAMEO 01 (statements) and 02 (appeals) have no
PLOVER type: they are not events.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

V05_TO_V2: dict[str, str] = {
    "DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT",
}
"""PLOVER v0.5 names (used by the PLOVER gold-standard records) -> draft 2.0 names."""

@dataclass(frozen=True, slots=True)
class CodeInfo:
    cameo: str
    type: str | None  # None: CAMEO 01/02 or unknown, i.e. not a PLOVER event
    mode: str | None
    context: str | None
    intensity: float | None  # PLOVER conflict-cooperation score
    goldstein: float | None
    label: str


def _data(name: str):
    return resources.files("whimbrel.data.events").joinpath(name)


def read_csv(name: str) -> list[dict[str, str]]:
    """Rows of a packaged CSV data file, skipping its '#' comment header."""
    with _data(name).open(encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


@lru_cache(maxsize=1)
def plover() -> dict:
    with _data("plover.yaml").open(encoding="utf-8") as f:
        return yaml.safe_load(f)


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    mapping = {r["cameo"]: r for r in read_csv("cameo_plover.csv")}
    codes = {r["cameo"]: r for r in read_csv("cameo_codes.csv")}
    return mapping, codes


def quad(ptype: str) -> str | None:
    t = plover()["types"].get(ptype)
    return t["quad"] if t else None


def intensity(ptype: str, mode: str | None = None) -> float | None:
    t = plover()["types"].get(ptype)
    if not t:
        return None
    return t["modes"].get(mode, t["score"]) if mode else t["score"]


@lru_cache(maxsize=4096)
def code_info(cameo: str) -> CodeInfo:
    """Look a CAMEO code up, falling back to its 3-digit parent and 2-digit root."""
    mapping, codes = _tables()
    row = next((mapping[c] for c in (cameo, cameo[:3], cameo[:2] + "0") if c in mapping), None)
    meta = next((codes[c] for c in (cameo, cameo[:3], cameo[:2]) if c in codes), None)
    goldstein = float(meta["goldstein"]) if meta and meta["goldstein"] else None
    label = meta["label"] if meta else ""
    if row is None:
        return CodeInfo(cameo, None, None, None, None, goldstein, label)
    ptype, mode = row["plover"], row["mode"] or None
    if mode and mode not in plover()["types"][ptype]["modes"]:
        mode_score = None
    else:
        mode_score = intensity(ptype, mode)
    return CodeInfo(
        cameo=cameo,
        type=ptype,
        mode=mode,
        context=row["context"] or None,
        intensity=mode_score if mode_score is not None else intensity(ptype),
        goldstein=goldstein,
        label=label or row["label"],
    )


def cameo_class(cameo: str) -> int:
    """The 5-way class of a CAMEO code, by root: 01-02 statement (0), 03-05 verbal cooperation (1),
    06-08 material cooperation (2), 09-13 verbal conflict (3), 14-20 material conflict (4), except
    16 (reduce relations), which the PLOVER quads (README) and the ConfliBERT labels put under
    verbal conflict."""
    root = int(cameo[:2])
    if root == 16:
        return 3
    return 0 if root <= 2 else 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
