"""Time loading the actor knowledge base: cold (compile from the data files) and cached.

Run:  /work/venv/bin/python benchmarks/bench_kb_load.py
Prints the cold time, the cached time (a fresh process reading the pickled compiled form) and
their ratio. Target: cached load under 1 s.
"""

import os
import subprocess
import sys
import tempfile

CHILD = "import time; t=time.perf_counter(); from whimbrel.actors.kb import load_kb; kb=load_kb(); " \
        "print(time.perf_counter()-t, len(kb.entities), len(kb.aliases))"


def timed(env) -> tuple[float, str]:
    out = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=True).stdout
    seconds, entities, aliases = out.split()
    return float(seconds), f"{entities} entities, {aliases} aliases"


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "WHIMBREL_CACHE": cache}
        cold, size = timed(env)
        warm = min(timed(env)[0] for _ in range(3))
    print(f"knowledge base: {size}")
    print(f"cold load (compile + write cache): {cold:.2f} s")
    print(f"cached load (best of 3 processes): {warm:.2f} s")
    print(f"ratio cold/cached: {cold / warm:.1f}x")
