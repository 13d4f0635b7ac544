"""Accuracy gate: the published scores may not fall below the floors in evaluation/floors.json.

It runs the same evaluation code as ``python -m evaluation`` (so the gate and the README table
cannot drift) on the gold data in ``../shared/gold``, and checks the gold data is the data the
floors were measured on.
"""

import hashlib
import json
from importlib import import_module
from pathlib import Path

import pytest

from evaluation.__main__ import AREAS, check_floors

ROOT = Path(__file__).parents[1]
FLOORS = json.loads((ROOT / "evaluation" / "floors.json").read_text(encoding="utf-8"))
GOLD = ROOT.parent / "shared" / "gold"


def gold_checksum() -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in GOLD.rglob("*") if p.is_file()):
        digest.update(path.relative_to(GOLD).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


pytestmark = pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/gold is not beside this checkout")


def test_gold_data_is_what_the_floors_were_measured_on():
    assert gold_checksum() == FLOORS["gold_sha256"]


@pytest.mark.parametrize("area", AREAS)
def test_scores_stay_above_their_floors(nlp, area):
    results = {area: import_module(f"evaluation.{area}").run(nlp)}
    floors = {k: v for k, v in FLOORS["floors"].items() if k.startswith(area + ".")}
    assert floors, f"no floors for {area}"
    assert check_floors(results, floors, FLOORS["tolerance"]) == []
