"""Run every evaluation in one command and publish the results.

    python -m evaluation            # scores, writes evaluation/results.json + RESULTS.md, updates README
    python -m evaluation --check    # also fails when a score drops below evaluation/floors.json

Each area module (coder, actors, provenance) exposes ``run(nlp) -> dict`` and
``markdown(results) -> str``; they share one loaded pipeline and one set of gold readers, so the
CI gate and the published table cannot drift.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import sys
import time
from importlib import import_module
from pathlib import Path

import spacy

from whimbrel.pipeline import load_nlp

HERE = Path(__file__).parent
ROOT = HERE.parent
AREAS = ("coder", "actors", "provenance")


def flatten(results: dict, prefix: str = "") -> dict[str, float]:
    flat: dict[str, float] = {}
    for key, value in results.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, name + "."))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            flat[name] = float(value)
    return flat


def check_floors(results: dict, floors: dict[str, float], tolerance: float) -> list[str]:
    flat = flatten(results)
    return [
        f"{name}: {flat.get(name)} < floor {floor}"
        for name, floor in floors.items()
        if flat.get(name) is None or flat[name] < floor - tolerance
    ]


def replace_block(text: str, marker: str, body: str) -> str:
    pattern = re.compile(rf"(<!-- {marker}:start -->\n).*?(<!-- {marker}:end -->)", re.S)
    return pattern.sub(lambda m: m.group(1) + body.rstrip() + "\n" + m.group(2), text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a score is below its floor")
    parser.add_argument("--no-readme", action="store_true", help="do not update README.md")
    parser.add_argument("--model", default=None, help="spaCy pipeline to use")
    args = parser.parse_args(argv)

    nlp = load_nlp(args.model)
    results: dict[str, dict] = {}
    sections: list[str] = []
    for area in AREAS:
        module = import_module(f"evaluation.{area}")
        started = time.perf_counter()
        results[area] = module.run(nlp)
        results[area]["seconds"] = round(time.perf_counter() - started, 1)
        sections.append(module.markdown(results[area]))
    model = nlp.meta.get("name", "?")
    header = (
        f"Measured by `python -m evaluation` with spaCy {spacy.__version__} (`{nlp.meta.get('lang')}_{model}` "
        f"{nlp.meta.get('version')}), Python {platform.python_version()}. Tuning used only the development "
        "splits; the figures below are on the test splits unless marked `dev`.\n"
    )
    markdown = header + "\n" + "\n\n".join(sections) + "\n"
    (HERE / "results.json").write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    (HERE / "RESULTS.md").write_text("# Evaluation results\n\n" + markdown, encoding="utf-8")
    if not args.no_readme:
        readme = ROOT / "README.md"
        readme.write_text(replace_block(readme.read_text(encoding="utf-8"), "results", markdown), encoding="utf-8")
    print(markdown)

    if args.check:
        floors = json.loads((HERE / "floors.json").read_text(encoding="utf-8"))
        failures = check_floors(results, floors["floors"], floors.get("tolerance", 0.0))
        for failure in failures:
            print("BELOW FLOOR:", failure, file=sys.stderr)
        return 1 if failures else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
