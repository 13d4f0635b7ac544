"""Acceptance test: the seed article, coded as the README's first command codes it."""

from pathlib import Path

import pytest

from whimbrel.pipeline import code_documents
from whimbrel.readers import read_paths

SEED = Path(__file__).parents[1] / "examples" / "000_06e9c24ce2b7baa8.txt"


@pytest.fixture(scope="module")
def seed(nlp):
    (coded,) = code_documents(nlp, read_paths([str(SEED)], default_date="2024-11-10"))
    return coded


def country(actor):
    return actor.country if actor else None


def find(events, type_=None, source=None, target=None):
    return [
        e
        for e in events
        if (type_ is None or e.type in ((type_,) if isinstance(type_, str) else type_))
        and (source is None or country(e.source) == source)
        and (target is None or country(e.target) == target)
    ]


def test_seed_is_coded_with_its_date(seed):
    assert seed.document.date == "2024-11-10"
    assert seed.events, "the seed article must yield events"


def test_trump_kim_talks(seed):
    talks = find(seed.events, ("AGREE", "CONSULT"), "USA", "PRK")
    assert talks, [(e.type, e.source, e.target) for e in seed.events]
    assert any(e.source.id == "donald_trump" for e in talks)
    assert any(e.target.id == "kim_jong_un" for e in talks if e.target)


def test_north_korea_accuses_the_us(seed):
    accuse = find(seed.events, "ACCUSE", "PRK", "USA")
    assert accuse
    assert any(e.certainty == "asserted" for e in accuse)


def test_troops_sent_to_support_russia(seed):
    assert find(seed.events, None, "PRK", "RUS")


def test_no_assault(seed):
    assert not find(seed.events, "ASSAULT")


def test_every_event_is_explained(seed):
    text = seed.document.text
    for e in seed.events:
        assert e.certainty in {"asserted", "hedged", "intended", "hypothetical", "negated"}
        assert e.trigger in text[e.start : e.end]
        assert text[e.start : e.end] in e.sentence or e.sentence in text
        assert e.source is None or text[e.source.start : e.source.end] == e.source.text
        assert e.date is None or e.date[:4].isdigit()


def test_talks_are_intended_hedged_and_sourced(seed):
    talks = [
        e for e in find(seed.events, ("AGREE", "CONSULT"), "USA", "PRK") if "2019" not in (e.date or "")
    ]
    assert any(e.certainty == "intended" and "hedged" in e.flags for e in talks)
    sourced = [e for e in talks if e.attribution]
    assert any("Reuters" in (e.attribution.text + str(e.attribution.outlet)) for e in sourced)


def test_past_meetings_are_historical(seed):
    meetings = [e for e in find(seed.events, ("CONSULT", "AGREE"), "USA", "PRK") if "historical" in e.flags]
    assert meetings
    assert all(e.date and e.date[:4] in {"2018", "2019"} for e in meetings)


def test_rnc_quote_has_trump_as_speaker(seed):
    rnc = [q for q in seed.quotes if "got along very well" in q.text]
    assert rnc
    assert rnc[0].speaker is not None and rnc[0].speaker.id == "donald_trump"
    assert (rnc[0].date or "").startswith("2024")


def test_zerohedge_is_a_low_rated_outlet(seed):
    outlets = {
        a.outlet: a.rating
        for e in seed.events
        if e.attribution
        for a in (e.attribution, *e.attribution.chain)
        if a.outlet
    }
    zh = [r for o, r in outlets.items() if "zerohedge" in o.lower()]
    assert zh and zh[0] is not None and zh[0] < 0.5
