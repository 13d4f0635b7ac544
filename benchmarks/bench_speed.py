"""How much do Whimbrel's stages add to spaCy's own parse? (target: at most 30 %)

Times, in one run and on the same documents (the gold sentences plus the seed article),
spaCy's pipeline alone and the full Whimbrel pipeline, each the best of ``--repeat`` passes, and
prints the ratio and each Whimbrel stage's share::

    /work/venv/bin/python benchmarks/bench_speed.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evaluation import gold  # noqa: E402
from whimbrel.pipeline import WHIMBREL_PIPES, load_nlp, make_doc  # noqa: E402
from whimbrel.records import Document  # noqa: E402


def corpus() -> list[Document]:
    texts = [s.text for s in gold.plover_gsr()] + [s.text for s in gold.petr2_gsr()]
    texts += [s.text for s in gold.cameo_class()]
    seed = (ROOT / "examples" / "000_06e9c24ce2b7baa8.txt").read_text(encoding="utf-8")
    docs = [Document(id=str(i), text=t) for i, t in enumerate(texts)]
    return docs + [Document(id="seed", text=seed, date="2024-11-10")]


def best_time(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    nlp = load_nlp()
    documents = corpus()
    spacy_only = [n for n in nlp.pipe_names if n not in WHIMBREL_PIPES]

    def run(disable: list[str]) -> None:
        with nlp.select_pipes(disable=disable):
            for _ in nlp.pipe((make_doc(nlp, d) for d in documents), batch_size=64):
                pass

    run([])  # warm up: caches, lazily loaded data
    base = best_time(lambda: run(list(WHIMBREL_PIPES)), args.repeat)
    full = best_time(lambda: run([]), args.repeat)
    words = sum(len(d.text.split()) for d in documents)
    print(f"documents: {len(documents)}, words: {words}, spaCy pipes: {', '.join(spacy_only)}")
    print(f"spaCy alone:       {base:7.2f} s")
    print(f"spaCy + Whimbrel:  {full:7.2f} s")
    # each stage's own cost, timed on already parsed documents
    parsed = [doc for doc in nlp.pipe((make_doc(nlp, d) for d in documents), batch_size=64, disable=list(WHIMBREL_PIPES))]
    for name in WHIMBREL_PIPES:
        pipe = nlp.get_pipe(name)
        t0 = time.perf_counter()
        for doc in parsed:
            pipe(doc)
        print(f"  {name:20s} {time.perf_counter() - t0:7.2f} s")
    print(f"ratio: {full / base:.2f} (target <= 1.30)")


if __name__ == "__main__":
    main()
