"""Provenance evaluation: certainty, date and source accuracy on the provenance test sentences,
quote precision/recall/F1 and speaker accuracy on the quote passages (both written for Whimbrel,
in tests/data/).

Method. Sentences: each case names its event's trigger word; the sentence runs through the full
pipeline, an event is placed on the trigger, and the provenance stage annotates it as it would a
coded event. Scored on the held-out half (ids ending in an odd digit); the dev half is reported
apart. A date is right when it equals the expected ISO value; a source when the expected word is in
the nearest source's text or resolved actor name (or both are none). Passages: a predicted quote
matches a gold quote of the passage when their texts overlap by at least half of the shorter one
(one-to-one); its speaker is right when the gold speaker's last word is in the predicted speaker's
name or text. The blind sentences (ids "b...") and passages ("qb...") were written after the rules
were frozen and are never tuned on: the honest estimate for new text.

Usage: ``python -m evaluation.provenance`` prints a markdown table.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language

from whimbrel.records import Document, EventMention

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"


def load_cases() -> tuple[str, list[dict[str, Any]]]:
    data = yaml.safe_load((DATA / "provenance_cases.yaml").read_text(encoding="utf-8"))
    return data["default_pub"], data["cases"]


def load_passages() -> list[dict[str, Any]]:
    return yaml.safe_load((DATA / "quote_passages.yaml").read_text(encoding="utf-8"))["passages"]


def split_of(case_id: str) -> str:
    """"blind" (written after the rules were frozen), else "heldout" (odd last digit) or "dev"."""
    if case_id.startswith("b"):
        return "blind"
    return "heldout" if int(case_id[-1]) % 2 == 1 else "dev"


def _doc(nlp: Language, text: str, pub: str | None):
    from whimbrel.pipeline import make_doc

    return nlp(make_doc(nlp, Document(id="eval", text=text, date=pub)))


def annotate_case(nlp: Language, case: dict[str, Any], default_pub: str) -> EventMention:
    """Run one case: its event on the trigger, annotated by the provenance stage."""
    pub = case.get("pub", default_pub)
    doc = _doc(nlp, case["text"], pub)
    trigger = next(t for t in doc if t.text == case["trigger"])
    event = EventMention("EVENT", None, None, "", None, None, trigger.i, trigger.i, trigger.i + 1, None, None)
    doc._.events = [event]
    prov = nlp.get_pipe("whimbrel_provenance")
    quotes, cue_tokens, times = prov.match(doc)
    prov.annotate_event(doc, event, quotes, cue_tokens, times, [])
    return event


def source_ok(expected: str | None, event: EventMention) -> bool:
    a = event.attribution
    got = " ".join(filter(None, [a.text, a.actor.name if a.actor else None])) if a is not None and a.kind != "document" else None
    if expected is None:
        return got is None
    return got is not None and expected.lower() in got.lower()


def score_cases(nlp: Language) -> dict[str, Any]:
    default_pub, cases = load_cases()
    out: dict[str, Any] = {}
    rows = []
    for case in cases:
        e = annotate_case(nlp, case, default_pub)
        rows.append({
            "id": case["id"], "split": split_of(case["id"]),
            "certainty": e.certainty == case["certainty"], "date": e.date == str(case["date"]),
            "source": source_ok(case.get("source"), e),
            "got": (e.certainty, e.date, e.attribution.text if e.attribution else None),
        })
    for split in ("heldout", "dev", "blind"):
        sel = [r for r in rows if r["split"] == split]
        out[split] = {k: round(sum(r[k] for r in sel) / len(sel), 3) for k in ("certainty", "date", "source")}
        out[split]["n"] = len(sel)
    out["errors"] = [(r["id"], r["got"]) for r in rows if not (r["certainty"] and r["date"] and r["source"])]
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return max(0, inter) / max(1, min(a[1] - a[0], b[1] - b[0]))


def score_passages(nlp: Language, blind: bool = False) -> dict[str, Any]:
    """Quote scores on the passages, or on the blind ones (ids "qb...") only."""
    tp = fp = fn = speaker_right = 0
    errors = []
    for p in load_passages():
        if p["id"].startswith("qb") != blind:
            continue
        text = p["text"]
        doc = _doc(nlp, text, p.get("pub", "2024-11-10"))
        pred = [(q.start_char, q.end_char, q) for q in doc._.quotes or []]
        gold = []
        for g in p["quotes"]:
            start = text.find(g["text"])
            assert start >= 0, (p["id"], g["text"])
            gold.append((start, start + len(g["text"]), g["speaker"]))
        used: set[int] = set()
        for gs, ge, speaker in gold:
            match = next((i for i, (ps, pe, _) in enumerate(pred) if i not in used and _overlap((gs, ge), (ps, pe)) >= 0.5), None)
            if match is None:
                fn += 1
                errors.append((p["id"], "missed", text[gs:ge][:50]))
                continue
            used.add(match)
            tp += 1
            q = pred[match][2]
            said = " ".join(filter(None, [q.speaker.name if q.speaker else None, q.speaker_text])).lower()
            if speaker.split()[-1].lower() in said:
                speaker_right += 1
            else:
                errors.append((p["id"], "speaker", speaker, said))
        for i, (ps, pe, _) in enumerate(pred):
            if i not in used:
                fp += 1
                errors.append((p["id"], "extra", text[ps:pe][:50]))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "speaker_accuracy": round(speaker_right / tp, 3) if tp else 0.0, "gold": tp + fn, "errors": errors}


def run(nlp: Language) -> dict[str, Any]:
    """All provenance scores (see the module docstring)."""
    return {"cases": score_cases(nlp), "quotes": score_passages(nlp), "quotes_blind": score_passages(nlp, blind=True)}


def markdown(result: dict[str, Any]) -> str:
    """A markdown table of the scores."""
    c, q, qb = result["cases"], result["quotes"], result["quotes_blind"]
    h, d, b = c["heldout"], c["dev"], c["blind"]
    lines = [
        "Provenance on sets written for Whimbrel (tests/data/provenance_cases.yaml, quote_passages.yaml): "
        "they cover each construction the rules handle, so held-out and dev scores are optimistic; the "
        "blind columns, written after the rules were frozen and never tuned on, are the honest estimate "
        "for new text. Events are placed on each sentence's trigger word, so the event coder's own "
        "errors are not counted here. The blind quote passages are less blind since this round: the "
        "helper who improved speaker attribution (from 40 new development passages, "
        "tests/data/quote_passages_dev.yaml) read their texts, though not their errors, so their "
        "speaker accuracy (0.846 before, 1.000 after) is an optimistic estimate.",
        "",
        "| provenance sentences | held-out | blind | dev | target |",
        "|---|---|---|---|---|",
        f"| certainty accuracy | {h['certainty']:.3f} | {b['certainty']:.3f} | {d['certainty']:.3f} | 0.85 |",
        f"| event date accuracy | {h['date']:.3f} | {b['date']:.3f} | {d['date']:.3f} | 0.85 |",
        f"| source accuracy | {h['source']:.3f} | {b['source']:.3f} | {d['source']:.3f} | |",
        f"| sentences | {h['n']} | {b['n']} | {d['n']} | |",
        "",
        "| quote passages | passages | blind | target |",
        "|---|---|---|---|",
        f"| precision | {q['precision']:.3f} | {qb['precision']:.3f} | |",
        f"| recall | {q['recall']:.3f} | {qb['recall']:.3f} | |",
        f"| F1 | {q['f1']:.3f} | {qb['f1']:.3f} | 0.85 |",
        f"| speaker accuracy | {q['speaker_accuracy']:.3f} | {qb['speaker_accuracy']:.3f} | 0.85 |",
        f"| gold quotes | {q['gold']} | {qb['gold']} | |",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    from whimbrel.pipeline import load_nlp

    res = run(load_nlp())
    print(markdown(res))
    if "-v" in sys.argv:
        for e in res["cases"]["errors"] + res["quotes"]["errors"] + res["quotes_blind"]["errors"]:
            print(e)
