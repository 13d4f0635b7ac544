"""Actor resolution on the hand-written test set (tests/data/actor_cases.yaml) and the seed article."""

from pathlib import Path

import pytest
import spacy
import yaml

from whimbrel.pipeline import make_doc, pick_model
from whimbrel.records import SECTORS, Document

CASES = yaml.safe_load((Path(__file__).parent / "data" / "actor_cases.yaml").read_text(encoding="utf-8"))
SEED = Path(__file__).resolve().parents[1] / "examples" / "000_06e9c24ce2b7baa8.txt"


@pytest.fixture(scope="module")
def nlp():
    """spaCy plus the actor stage only: later stages (edited in parallel) cannot mask actor results."""
    import whimbrel.factories  # noqa: F401  (registers the factories)

    pipeline = spacy.load(pick_model())
    pipeline.add_pipe("whimbrel_actors")
    return pipeline


def _run(nlp, text, date):
    return nlp(make_doc(nlp, Document(id="t", text=text, date=str(date) if date else None)))


def _token_at(doc, mention: str):
    text, _, nth = mention.partition("@")
    pos = -1
    for _ in range(int(nth or 1)):
        pos = doc.text.find(text, pos + 1)
    assert pos >= 0, f"{mention!r} not in text"
    return doc.char_span(pos, pos + len(text), alignment_mode="expand")[0]


def _check(doc, mention, eid, country, sector):
    tok = _token_at(doc, mention)
    actor = tok._.actor
    if eid == "NO_ACTOR":
        return [] if actor is None else [f"{mention!r}: expected no actor, got {actor.id}"]
    if eid == "NO_ACTOR_COUNTRY":  # a name that merely contains a country or city name
        return [] if actor is None or actor.country is None else [f"{mention!r}: got country {actor.country}"]
    if actor is None:
        return [f"{mention!r}: no actor"]
    actor = next((m for m in actor.members if m.start <= tok.i < m.end), actor)  # compound: its member
    got = {"id": actor.id, "country": actor.country, "sector": actor.sector}
    want = {"id": eid, "country": country, "sector": sector}
    return [f"{mention!r}: {k} {got[k]!r} != {want[k]!r}" for k in want if want[k] != "*" and got[k] != want[k]]


def test_case_set_is_large_enough():
    assert sum(len(c["expect"]) for c in CASES) >= 200


@pytest.fixture(scope="module")
def results(nlp):
    failures, total = [], 0
    docs = nlp.pipe(make_doc(nlp, Document(id=str(i), text=c["text"], date=str(c["date"]) if c["date"] else None)) for i, c in enumerate(CASES))
    for case, doc in zip(CASES, docs):
        for mention, eid, country, sector, rule in case["expect"]:
            total += 1
            failures += [f"[{rule}] {case['text'][:60]}... {e}" for e in _check(doc, mention, eid, country, sector)]
    return total, failures


def test_actor_cases_accuracy(results):
    total, failures = results
    accuracy = 1 - len(failures) / total
    assert accuracy >= 0.9, "\n".join(failures)


def test_every_rule_has_a_passing_case(results):
    total, failures = results
    rules = {e[4] for c in CASES for e in c["expect"]}
    failed_rules = {f.split("]")[0][1:] for f in failures}
    assert len(rules) >= 20
    assert all(sum(1 for c in CASES for e in c["expect"] if e[4] == r) > 0 for r in rules)
    assert failed_rules != rules


def test_mentions_are_sorted_non_overlapping_and_on_tokens(nlp):
    doc = _run(nlp, SEED.read_text(encoding="utf-8"), "2024-11-10")
    prev_end = 0
    for m in doc._.actors:
        assert m.start >= prev_end and m.end > m.start
        prev_end = m.end
        assert all(t._.actor is m for t in doc[m.start : m.end])
        assert m.sector is None or m.sector in SECTORS
        assert all(mm.sector is None or mm.sector in SECTORS for mm in m.members)


SEED_EXPECT = [
    ("President-elect Donald Trump", "donald_trump"), ("North Korean leader Kim Jong-un", "kim_jong_un"),
    ("the isolated leader", "kim_jong_un"), ("Trump’s administration", "USA"), ("Pyongyang", "PRK"),
    ("Washington", "USA"), ("Moscow", "RUS"), ("U.S.", "USA"), ("he misses", "kim_jong_un"),
    ("Russia", "RUS"), ("Ukraine", "UKR"), ("the North Korean leader", "kim_jong_un"), ("America", "USA"),
    ("Kim on three", "kim_jong_un"), ("his first term", "donald_trump"), ("Russian forces", "RUS"),
]


@pytest.mark.parametrize("mention,eid", SEED_EXPECT)
def test_seed_article(nlp, mention, eid):
    doc = _run(nlp, SEED.read_text(encoding="utf-8"), "2024-11-10")
    tok = _token_at(doc, mention)
    assert tok._.actor is not None and tok._.actor.id == eid


def test_every_trump_and_kim_in_seed_resolves(nlp):
    doc = _run(nlp, SEED.read_text(encoding="utf-8"), "2024-11-10")
    for tok in doc:
        if tok.text in ("Trump", "Kim"):
            assert tok._.actor is not None and tok._.actor.id in ("donald_trump", "kim_jong_un", "USA"), tok.i
        if tok.text == "Korea":
            assert tok._.actor.country == "PRK"
    trump = next(t for t in doc if t.text == "Trump")._.actor
    assert trump.title == "president-elect" and trump.country == "USA"


def test_pairs_resolve_to_the_last_two_actors(nlp):
    doc = _run(nlp, "Trump met Kim Jong-un in Hanoi, and both men left without a deal. "
                    "Russia and Ukraine traded blame, and the two countries stayed at war.", "2019-03-01")
    pairs = [m for m in doc._.actors if m.resolved_by == "coref" and m.members]
    assert [[x.id for x in m.members] for m in pairs] == [["donald_trump", "kim_jong_un"], ["RUS", "UKR"]]


def test_mentions_stay_disjoint_on_the_case_set(nlp):
    for doc in nlp.pipe(make_doc(nlp, Document(id="d", text=c["text"], date=str(c["date"]) if c["date"] else None)) for c in CASES):
        ends = [(m.start, m.end) for m in doc._.actors]
        assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:])) and all(s < e for s, e in ends)


@pytest.mark.parametrize("rule", ["homonym-title-country", "homonym-title-fit", "homonym-prominence",
                                  "homonym-administration", "homonym-office-on-date", "unknown-person-title",
                                  "apposition-title", "title-name-into-surname", "post-of-place",
                                  "sector-word-without-preposition", "owner-visits-forces",
                                  "group-name-with-demonym", "org-chairman", "governing-body-sector",
                                  "elided-country-name", "hyphenated-modifier",
                                  "homonym-recent-office"])
def test_homonym_and_title_rules_hold_on_every_case(results, rule):
    _, failures = results
    assert not [f for f in failures if f.startswith(f"[{rule}]")]
