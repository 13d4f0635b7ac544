"""Score the event coder on the gold sets, for the development and test splits separately.

Run with the other areas from the repo root (``python -m evaluation``), which writes the results
and the README table; ``run(nlp)`` and ``markdown(results)`` are this module's part.

Metrics (see issue 4):
1. PLOVER GSR and PETR2 GSR: exact (source country, PLOVER type, target country) triple
   precision / recall / F1 over dyads (compound actors expanded), type accuracy on the gold
   dyads whose two actors we found, per-type F1; for PETR2 also the share of no-event sentences
   we leave uncoded.
2. ConfliBERT ``cameo_class``: 5-way accuracy, a sentence taking the class of its main event
   (the trigger nearest the root) by its CAMEO root (16, reduce relations, under verbal conflict
   as in the PLOVER README's quads and these labels), "statement" when nothing is coded.
   The CAMEO_ConfliBERT annotation rounds (the annotators' majority class) are scored the same
   way, as development data only.
3. ConfliBERT ``cameo_ner``: exact span F1 of source (S) and target (T) spans, an actor taken
   with the noun phrase it heads, as the gold marks roles.
4. PETRARCH-2 unit suite: its fictional actors (Arnor, Gondor...) are loaded from the suite's own
   actor dictionary as a user actor file; triple F1 and event-type F1 per sentence.
Published reference points are listed with the table (``../shared/gold/README.md``).
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from whimbrel.events.coder import RECIPROCAL
from whimbrel.events.ontology import PLOVER_TYPES, cameo_class
from whimbrel.pipeline import make_doc
from whimbrel.records import ActorMention, Document, EventMention

from . import gold

SPLITS = ("dev", "test")
Triple = tuple[str | None, str | None, str | None]

REFERENCE_POINTS = [
    ("ConfliBERT (fine-tuned BERT)", "cameo_class accuracy/F1 ~0.90; cameo_ner span F1 ~0.74"),
    ("ModernBERT-base", "cameo_class ~0.87; cameo_ner ~0.73"),
    ("GDELT audit (50 Sudan events)", "source 79 %, target 78.5 %, event code 81 % correct"),
    ("PETRARCH-1 vs PETRARCH-2", "agree on ~40 % of stories"),
]


GAPS = [
    "Actors: a triple needs both countries right; missed or misresolved actors (people, offices "
    "and agencies the knowledge base lacks, unnamed groups, pronouns) cost more than event types "
    "do — compare '(source, type) F1' and 'type accuracy when actors match' with triple F1.",
    "Named actors only: PLOVER codes no event without a named actor, so passives without an agent "
    "('two soldiers were killed', 'X was arrested') are not coded; with missing actors they are "
    "a large share of the cameo_class development errors, which are mostly sentences with an "
    "event that we leave uncoded (scored as a statement).",
    "Gold conventions: the PLOVER records (v0.5) infer actors and targets from places and context "
    "(a protest's target is the local government; an attack's target the country where it "
    "happened) and code one event per sentence, while Whimbrel codes every event it finds. "
    "PETR2 codes allegations as the accuser's ACCUSE where PLOVER codes the reported act with its "
    "attribution, and announced acts ('will supply arms') as the act where PLOVER says AGREE.",
    "Coverage: predicates come from a dictionary (curated patterns plus CAMEO's verb patterns); "
    "verbs and phrasings it lacks, and parser errors ('hand over' read as a noun), go uncoded. "
    "A learned clause classifier for the event type, trained on data we may use, is the next "
    "step for recall and for cameo_class.",
    "Background and claims: an act inside a phrase describing a noun ('a helicopter captured last "
    "week') or setting the time of the news ('since last month's invasion') is coded only when "
    "the sentence has no other news, and the content of a claim, an allegation or a charge is "
    "not asserted, as all three gold sets code them; a future concession ('will allow') is "
    "CONCEDE by the PLOVER 2.0 manual where the v0.5 gold says AGREE.",
    "Small splits: PLOVER GSR has about 160 sentences a split and PETR2 about 40 (5 no-event "
    "sentences in test), so one sentence moves a score by 0.5 to 3 points. Development gains "
    "carry over only in part (PLOVER dev 0.63, test 0.46): rules are kept only when they help "
    "on several development sets (PLOVER and PETR2 dev, cameo_class and cameo_ner train, the "
    "annotation rounds) or are plainly right.",
]
"""Why targets are not met yet, shown under the table."""


def actor_key(a: ActorMention | None) -> str | None:
    """Country for the triple: ISO alpha-3, 'IGO' for international organisations, else None."""
    if a is None:
        return None
    if a.country:
        return a.country
    return "IGO" if a.sector == "igo" else None


def _members(a: ActorMention | None) -> list[ActorMention | None]:
    return list(a.members) if a is not None and a.members else [a]


def predicted_triples(events: Iterable[EventMention], pairwise: bool = False) -> set[Triple]:
    """Our events as dyads. ``pairwise``: PETRARCH codes a joint act of several actors ("the US,
    Russia and Switzerland met") as every ordered pair of them, where PLOVER (and Whimbrel) name
    them all as actors with no target; for PETRARCH gold, such events are expanded to its pairs."""
    out: set[Triple] = set()
    for e in events:
        members = _members(e.source)
        countries = {actor_key(m) for m in members} - {None}
        if pairwise and e.target is None and e.type in RECIPROCAL and len(countries) > 1:
            out.update((a, e.type, b) for a in countries for b in countries if a != b)
            continue
        out.update((actor_key(s), e.type, actor_key(t)) for s in members for t in _members(e.target))
    return out


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0, "tp": tp, "fp": fp, "fn": fn}


def _docs(nlp: Language, items: list[tuple[str, str]]) -> list[Doc]:
    docs = [make_doc(nlp, Document(id=i, text=t)) for i, t in items]
    return list(nlp.pipe(docs, batch_size=64))


# --------------------------------------------------------------------------- triple sets


def score_triples(nlp: Language, sentences: list[gold.GoldSentence], pairwise: bool = False) -> dict:
    out = {}
    docs = dict(zip((s.id for s in sentences), _docs(nlp, [(s.id, s.text) for s in sentences])))
    for split in SPLITS:
        subset = [s for s in sentences if s.split == split]
        tp = fp = fn = 0
        loose = Counter()  # (source, type) pairs: how much is lost on targets alone
        per_type: Counter = Counter()
        typed = typed_ok = 0
        empty = empty_ok = 0
        for s in subset:
            events = docs[s.id]._.events or []
            pred = predicted_triples(events, pairwise)
            gold_triples = {e.triple for e in s.events if e.type}
            if not gold_triples:
                empty += 1
                empty_ok += not pred
            tp += len(pred & gold_triples)
            fp += len(pred - gold_triples)
            fn += len(gold_triples - pred)
            gp, pp = {x[:2] for x in gold_triples}, {x[:2] for x in pred}
            loose["tp"] += len(gp & pp)
            loose["fp"] += len(pp - gp)
            loose["fn"] += len(gp - pp)
            for t in PLOVER_TYPES:
                g = {x for x in gold_triples if x[1] == t}
                p = {x for x in pred if x[1] == t}
                per_type[(t, "tp")] += len(g & p)
                per_type[(t, "fp")] += len(p - g)
                per_type[(t, "fn")] += len(g - p)
            # a pair may have several coded events in one sentence ("met and signed"): the type
            # is right when it is among them (a dict of one type per pair made this depend on
            # set order, i.e. on the process's hash seed)
            pairs: dict[tuple, set[str]] = {}
            for x in pred:
                pairs.setdefault((x[0], x[2]), set()).add(x[1])
            for g in gold_triples:
                if (g[0], g[2]) in pairs:
                    typed += 1
                    typed_ok += g[1] in pairs[(g[0], g[2])]
        out[split] = {
            "sentences": len(subset),
            **_prf(tp, fp, fn),
            "source_type_f1": _prf(loose["tp"], loose["fp"], loose["fn"])["f1"],
            "type_accuracy_when_actors_match": round(typed_ok / typed, 3) if typed else None,
            "actor_pairs_matched": typed,
            "no_event_sentences": empty,
            "no_event_left_uncoded": round(empty_ok / empty, 3) if empty else None,
            "per_type_f1": {
                t: _prf(per_type[(t, "tp")], per_type[(t, "fp")], per_type[(t, "fn")])["f1"]
                for t in PLOVER_TYPES
                if per_type[(t, "tp")] + per_type[(t, "fn")] + per_type[(t, "fp")]
            },
        }
    return out


# --------------------------------------------------------------------------- ConfliBERT


def main_event(doc: Doc) -> EventMention | None:
    events = doc._.events or []
    if not events:
        return None

    def depth(e: EventMention) -> int:
        t, d = doc[e.trigger], 0
        while t.head.i != t.i:
            t, d = t.head, d + 1
        return d

    return min(events, key=depth)


def score_class(nlp: Language, sentences: list[gold.ClassSentence]) -> dict:
    docs = _docs(nlp, [(s.id, s.text) for s in sentences])
    out = {}
    for split in SPLITS:
        pairs = [(s, d) for s, d in zip(sentences, docs) if s.split == split]
        correct = 0
        confusion: Counter = Counter()
        for s, d in pairs:
            e = main_event(d)
            pred = cameo_class(e.cameo) if e is not None else 0
            correct += pred == s.label
            confusion[(s.label, pred)] += 1
        out[split] = {
            "sentences": len(pairs),
            "accuracy": round(correct / len(pairs), 3) if pairs else None,
            "confusion": {f"{g}->{p}": n for (g, p), n in sorted(confusion.items())},
        }
    return out


def _gold_spans(tags: tuple[str, ...]) -> set[tuple[str, int, int]]:
    spans, start, label = set(), None, None
    for i, tag in enumerate(tags + ("O",)):
        if start is not None and not tag.startswith("I-"):
            spans.add((label, start, i))
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, label = i, tag[2:]
    return spans


def _phrase_span(doc: Doc, a: ActorMention) -> tuple[int, int]:
    """The role span is the noun phrase the actor heads ("U.S. military chief General Colin
    Powell"), as the gold marks it, not only the words that name the actor."""
    for chunk in doc.noun_chunks:
        if chunk.start <= a.start < chunk.end or a.start <= chunk.root.i < a.end:
            return min(chunk.start, a.start), max(chunk.end, a.end)
    return a.start, a.end


def score_ner(nlp: Language, sentences: list[gold.RoleSentence]) -> dict:
    out = {}
    docs = []
    for s in sentences:
        doc = Doc(nlp.vocab, words=list(s.tokens))
        doc._.document = Document(id=s.id, text=doc.text)
        docs.append(doc)
    docs = list(nlp.pipe(docs, batch_size=64))
    for split in SPLITS:
        tp = fp = fn = 0
        for s, d in zip(sentences, docs):
            if s.split != split:
                continue
            g = {x for x in _gold_spans(s.tags) if x[0] in ("S", "T")}
            p = set()
            for e in d._.events or []:
                for role, a in (("S", e.source), ("T", e.target)):
                    if a is not None:
                        p.add((role, *_phrase_span(d, a)))
            tp, fp, fn = tp + len(p & g), fp + len(p - g), fn + len(g - p)
        out[split] = {"sentences": sum(s.split == split for s in sentences), **_prf(tp, fp, fn)}
    return out


def score_unit(nlp: Language, sentences: list[gold.GoldSentence]) -> dict:
    docs = _docs(nlp, [(s.id, s.text) for s in sentences])
    out = {}
    for split in SPLITS:
        tp = fp = fn = 0
        for s, d in zip(sentences, docs):
            if s.split != split:
                continue
            g = {e.type for e in s.events if e.type}
            p = {e.type for e in d._.events or []}
            tp, fp, fn = tp + len(p & g), fp + len(p - g), fn + len(g - p)
        out[split] = {"sentences": sum(s.split == split for s in sentences), **_prf(tp, fp, fn)}
    return out


# --------------------------------------------------------------------------- run + report


def score_unit_suite(nlp: Language) -> dict:
    """The unit suite coded with its own fictional actor dictionary loaded as a user actor file."""
    original = list(nlp.config["components"]["whimbrel_actors"].get("actor_files", []))
    with tempfile.TemporaryDirectory() as tmp:
        actors = gold.petrarch_unit_actors(Path(tmp) / "petrarch_unit_actors.csv")
        nlp.replace_pipe("whimbrel_actors", "whimbrel_actors", config={"actor_files": [*original, str(actors)]})
        try:
            sentences = gold.petrarch_unit()
            triples, types = score_triples(nlp, sentences, pairwise=True), score_unit(nlp, sentences)
        finally:
            nlp.replace_pipe("whimbrel_actors", "whimbrel_actors", config={"actor_files": original})
    for split in SPLITS:
        triples[split]["type_f1"] = types[split]["f1"]
    return triples


def run(nlp: Language) -> dict:
    t0 = time.perf_counter()
    metrics = {
        "plover_gsr": score_triples(nlp, gold.plover_gsr()),
        "petr2_gsr": score_triples(nlp, gold.petr2_gsr(), pairwise=True),
        "cameo_class": score_class(nlp, gold.cameo_class()),
        "cameo_ner": score_ner(nlp, gold.cameo_ner()),
        "conflibert_rounds": score_class(nlp, gold.conflibert_rounds()),
        "petrarch_unit": score_unit_suite(nlp),
    }
    metrics["seconds"] = round(time.perf_counter() - t0, 1)
    metrics["run"] = f"{time.strftime('%Y-%m-%d')}, spaCy pipeline {nlp.meta.get('name')} {nlp.meta.get('version')}, {metrics['seconds']} s"
    return metrics


def markdown(metrics: dict) -> str:
    def v(x):
        return "–" if x is None else f"{x:.2f}" if isinstance(x, float) else str(x)

    rows = [
        f"Event coder on the gold sets ({metrics.get('run', '')}). Rules were tuned on dev only; "
        "triples are exact (source country, PLOVER type, target country) over dyads, compound "
        "actors expanded; IGOs count as 'IGO'. The PETRARCH-2 unit suite is coded with its own "
        "fictional actor dictionary loaded as a user actor file.",
        "",
        "| gold set | metric | dev | test | target (test) |",
        "|---|---|---|---|---|",
    ]
    spec = [
        ("PLOVER GSR", "plover_gsr", "f1", "triple F1", "≥ 0.65"),
        ("PLOVER GSR", "plover_gsr", "precision", "triple precision", ""),
        ("PLOVER GSR", "plover_gsr", "recall", "triple recall", ""),
        ("PLOVER GSR", "plover_gsr", "source_type_f1", "(source, type) F1, targets ignored", ""),
        ("PLOVER GSR", "plover_gsr", "type_accuracy_when_actors_match", "type accuracy when actors match", "≥ 0.80"),
        ("PETR2 GSR", "petr2_gsr", "f1", "triple F1", "≥ 0.60"),
        ("PETR2 GSR", "petr2_gsr", "precision", "triple precision", ""),
        ("PETR2 GSR", "petr2_gsr", "recall", "triple recall", ""),
        ("PETR2 GSR", "petr2_gsr", "source_type_f1", "(source, type) F1, targets ignored", ""),
        ("PETR2 GSR", "petr2_gsr", "type_accuracy_when_actors_match", "type accuracy when actors match", ""),
        ("PETR2 GSR", "petr2_gsr", "no_event_left_uncoded", "no-event sentences left uncoded", ""),
        ("ConfliBERT cameo_class", "cameo_class", "accuracy", "5-way accuracy", "≥ 0.70 (BERT ~0.90)"),
        ("ConfliBERT cameo_ner", "cameo_ner", "f1", "source/target span F1", "(BERT ~0.74)"),
        ("CAMEO_ConfliBERT annotation rounds", "conflibert_rounds", "accuracy", "5-way accuracy, annotators' majority (dev only)", ""),
        ("PETRARCH-2 unit suite", "petrarch_unit", "f1", "triple F1 (the suite's actor dictionary)", ""),
        ("PETRARCH-2 unit suite", "petrarch_unit", "type_f1", "event-type F1 per sentence", ""),
    ]
    for name, key, metric, label, target in spec:
        m = metrics[key]
        rows.append(f"| {name} | {label} | {v(m['dev'].get(metric))} | {v(m['test'].get(metric))} | {target} |")
    per_type = ["", "Per-type triple F1 (PLOVER GSR, test):", "", "| type | F1 |", "|---|---|"]
    per_type += [f"| {t} | {f:.2f} |" for t, f in metrics["plover_gsr"]["test"]["per_type_f1"].items()]
    refs = ["", "Published reference points:", ""] + [f"- {n}: {d}" for n, d in REFERENCE_POINTS]
    notes = ["", "What stands between these numbers and the targets:", ""] + [f"- {n}" for n in GAPS]
    return "\n".join(rows + per_type + refs + notes) + "\n"
