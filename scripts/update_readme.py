"""Regenerate the README's CLI tour from real runs on the bundled example, so it cannot drift.

    python scripts/update_readme.py

(The accuracy table is written by ``python -m evaluation``.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evaluation.__main__ import replace_block  # noqa: E402

SEED = "examples/000_06e9c24ce2b7baa8.txt"


def run(*args: str) -> str:
    env = {**os.environ, "COLUMNS": "150", "NO_COLOR": "1", "TERM": "dumb"}
    whimbrel = str(Path(sys.executable).parent / "whimbrel")
    done = subprocess.run([whimbrel, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return done.stdout.rstrip()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "news.duckdb")
        steps = [
            ("Code the example article (nothing is stored):", ["code", SEED, "--date", "2024-11-10"]),
            ("Store it, then ask what North Korea is accused of or accuses others of:",
             ["ingest", SEED, "--date", "2024-11-10", "--db", db]),
            (None, ["events", "--db", db, "--actor", "PRK", "--type", "ACCUSE"]),
        ]
        parts = []
        for title, args in steps:
            output = run(*args).replace(db, "news.duckdb")
            shown = " ".join(a if a != db else "news.duckdb" for a in args)
            if title:
                parts.append(title + "\n")
            parts.append(f"```console\n$ whimbrel {shown}\n{output}\n```\n")
        first = json.loads(run("events", "--db", db, "--actor", "PRK", "--format", "jsonl").splitlines()[0])
        parts.append("Every stored event can be explained:\n")
        parts.append(
            f"```console\n$ whimbrel explain {first['event_id']} --db news.duckdb\n"
            f"{run('explain', first['event_id'], '--db', db)}\n```\n"
        )
        parts.append("One event as `--format jsonl` prints it (pretty-printed here):\n")
        parts.append(f"```json\n{json.dumps(first, indent=2, ensure_ascii=False)}\n```\n")
        text, when = "The German chancellor phoned Wang Yi, who later met his Russian counterpart.", "2025-12-10"
        parts.append("Check who a name or a title is on a date (and whether your own actor file is used) "
                     "before coding a corpus:\n")
        parts.append(f'```console\n$ whimbrel actors "{text}" --date {when}\n{run("actors", text, "--date", when)}\n```\n')
    readme = ROOT / "README.md"
    readme.write_text(replace_block(readme.read_text(encoding="utf-8"), "tour", "\n".join(parts)), encoding="utf-8")


if __name__ == "__main__":
    main()
