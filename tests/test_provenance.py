"""The provenance stage end to end: outlets, attribution chains, confidence, the seed article.

The scores on tests/data/ are gated by `python -m evaluation --check` (evaluation/provenance.py)."""

from pathlib import Path

import pytest

from whimbrel.pipeline import make_doc
from whimbrel.provenance.component import confidence
from whimbrel.provenance.outlets import load_outlets
from whimbrel.records import AttributionInfo, Document, EventMention

PUB = "2024-11-10"


@pytest.fixture(scope="module")
def seed_doc(nlp):
    text = (Path(__file__).parents[1] / "examples" / "000_06e9c24ce2b7baa8.txt").read_text()
    return nlp(make_doc(nlp, Document(id="seed", text=text, date=PUB)))


def annotate(nlp, text, trigger, **document):
    """The event on ``trigger`` as the provenance stage annotates it."""
    doc = nlp(make_doc(nlp, Document(id="t", text=text, date=PUB, **document)))
    tok = next(t for t in doc if t.text == trigger)
    event = EventMention("EVENT", None, None, "", None, None, tok.i, tok.i, tok.i + 1, None, None)
    doc._.events = [event]
    nlp.get_pipe("whimbrel_provenance")(doc)
    return doc, event


# --------------------------------------------------------------------------- outlets


def test_outlets_by_name_and_domain():
    table = load_outlets()
    assert table.by_name("Reuters").rating == 1.0
    zh = table.by_name("ZeroHedge")
    assert zh.domain == "zerohedge.com" and zh.rating < 0.3 and "conspiracy" in zh.tags
    assert table.by_name("the Associated Press").domain == "apnews.com"
    assert table.by_domain("https://edition.cnn.com/2024/11/10/x").domain.endswith("cnn.com")
    assert table.by_name("Trump") is None and table.by_name("the White House") is None


# --------------------------------------------------------------------------- attribution


def test_reported_event_is_attributed_to_the_reporter(nlp):
    _, e = annotate(nlp, "Erdogan told reporters that parliament had rejected the proposal.", "rejected")
    assert e.attribution.kind == "person" and "Erdogan" in e.attribution.text
    assert e.certainty == "asserted"


def test_anonymous_sourcing_hedges(nlp):
    _, e = annotate(nlp, "Officials said security forces detained dozens of students.", "detained")
    assert e.attribution.kind == "anonymous" and e.certainty == "hedged"


def test_outlet_chain_ends_with_the_document(nlp):
    _, e = annotate(nlp, "According to Reuters, Ukraine has opened a new front.", "opened", url="https://www.zerohedge.com/a")
    assert (e.attribution.kind, e.attribution.outlet) == ("outlet", "reuters.com")
    assert [a.kind for a in e.attribution.chain] == ["outlet", "document"]
    assert e.attribution.chain[-1].outlet == "zerohedge.com"
    assert e.confidence == confidence("asserted", [], e.attribution) < 0.7  # the weakest link counts


def test_event_inside_a_quote_is_the_speakers_claim(nlp):
    doc, e = annotate(nlp, '“We stopped the missile launches,” Trump told the crowd.', "stopped")
    assert e.quote == 0 and doc._.quotes[0].kind == "direct"
    assert "Trump" in e.attribution.text


def test_statement_clause_and_pronoun_sources(nlp):
    _, e = annotate(nlp, "The foreign ministry said in a statement that two citizens had been detained.", "detained")
    assert "ministry" in e.attribution.text
    text = ('The opposition leader accused the government of fraud. "They raided our offices last night," '
            "she told a rally.")
    _, e = annotate(nlp, text, "raided")
    assert e.attribution.text == "The opposition leader" and e.attribution.kind == "person"


def test_confidence_formula():
    link = AttributionInfo("Reuters", "outlet", None, "reuters.com", 1.0)
    reuters = AttributionInfo("Reuters", "outlet", None, "reuters.com", 1.0, [link])
    assert confidence("asserted", [], reuters) == 1.0
    assert confidence("asserted", [], None) == 0.875
    assert confidence("intended", ["intended", "hedged"], reuters) == 0.45


# --------------------------------------------------------------------------- the seed article


def _event(doc, *words):
    """The coded event whose trigger, or else whose evidence span, is one of ``words``."""
    events = doc._.events
    found = [e for e in events if doc[e.trigger].text in words]
    found += [e for e in events if any(t.text in words for t in doc[e.start : e.end])]
    assert found, [(doc[e.trigger].text, e.type) for e in events]
    return found[0]


def test_seed_quotes(seed_doc):
    rnc = next(q for q in seed_doc._.quotes if "got along very well" in seed_doc.text[q.start_char : q.end_char])
    assert rnc.kind == "direct" and rnc.cue == "tell" and rnc.speaker_text == "Trump"
    assert rnc.speaker is not None and rnc.speaker.name and "Trump" in rnc.speaker.name
    assert rnc.date == "2024"


def test_seed_events(seed_doc):
    talks = _event(seed_doc, "reopening", "negotiations")
    assert talks.certainty == "intended" and "hedged" in talks.flags
    assert talks.attribution.outlet == "reuters.com"
    assert any(a.kind == "anonymous" for a in talks.attribution.chain)
    met = _event(seed_doc, "met")
    assert met.date == "2019" and met.date_basis == "text" and "historical" in met.flags
    assert _event(seed_doc, "criticized", "criticism").certainty == "asserted"
    outlets = {a.outlet: a.rating for e in seed_doc._.events if e.attribution for a in e.attribution.chain}
    assert outlets["reuters.com"] == 1.0 and outlets["zerohedge.com"] < 0.3



def test_role_period_dates_an_event(nlp):
    _, e = annotate(nlp, "Donald Trump met Kim Jong-un three times during his first term.", "met")
    assert (e.date, e.date_basis, e.date_text) == ("2017-01-20/2021-01-20", "role", "his first term")
    assert "historical" in e.flags
    # a text date is preferred; a past role period does not date a modal predicate
    _, e = annotate(nlp, "Donald Trump met Kim Jong-un in Hanoi in 2019, during his first term.", "met")
    assert e.date == "2019"
    _, e = annotate(nlp, "Donald Trump believes talks could succeed, as they did during his first term.", "succeed")
    assert e.date_basis == "publication"


def test_sources_cover_only_their_clause(nlp):
    text = ("Hezbollah fired rockets into Israel on Sunday, the Israeli military said, after jets struck Beirut, "
            "killing at least 29 people, according to Lebanon's health ministry.")
    _, fired = annotate(nlp, text, "fired")
    assert fired.attribution.text == "the Israeli military" and len(fired.attribution.chain) == 1
    assert fired.date == "2024-11-10"  # Sunday: the publication day itself
    _, killing = annotate(nlp, text, "killing")
    assert "health ministry" in killing.attribution.text


def test_user_outlet_files(tmp_path):
    ratings = tmp_path / "ratings.csv"
    ratings.write_text("domain,rating,tags\ndailyplanet.example,0.9,\n")
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("name,domain\nThe Daily Planet,dailyplanet.example\n")
    table = load_outlets((str(ratings), str(aliases)))
    assert table.by_name("Daily Planet").rating == 0.9
    assert load_outlets().by_name("Daily Planet") is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("U.S. officials said Iran sent drones to Russia.", "anonymous"),
        ("People familiar with the matter said Iran sent drones to Russia.", "anonymous"),
        ("The Pentagon said Iran sent drones to Russia.", "office"),
        ("John Kirby said Iran sent drones to Russia.", "person"),
        ("Reuters reported that Iran sent drones to Russia.", "outlet"),
    ],
)
def test_source_kinds(nlp, text, kind):
    _, e = annotate(nlp, text, "sent")
    assert e.attribution.kind == kind
    assert (e.certainty == "hedged") == (kind == "anonymous")


@pytest.mark.parametrize("text,outlet", [
    ("KYIV, Nov 9 (Reuters) - Russian drones struck a power plant in Odesa.", "reuters.com"),
    ("Gaza City, 3 March 2025 (AFP) – Israeli drones struck a power plant in Rafah.", "afp.com"),
    ("MOSCOW (Interfax) - Ukrainian drones struck a power plant in Belgorod.", "interfax.com"),
])
def test_wire_dateline_names_the_document_source(nlp, text, outlet):
    _, e = annotate(nlp, text, "struck")
    assert e.attribution.chain[-1].kind == "document" and e.attribution.chain[-1].outlet == outlet


def test_the_warning_is_asserted_and_the_act_warned_against_is_not(nlp):
    doc = nlp("The United States warned Russia against invading Ukraine.")
    assert [e.certainty for e in doc._.events if doc[e.trigger].text == "warned"] == ["asserted"]
    # whether or not the coder codes the invasion, it must not be coded as having happened
    assert all(e.certainty == "hypothetical" for e in doc._.events if doc[e.trigger].text == "invading")


def test_user_cue_and_outlet_files_are_saved_with_the_pipeline(tmp_path):
    import spacy

    from whimbrel.pipeline import load_nlp
    from whimbrel.provenance.certainty import certainty_of

    cues = tmp_path / "cues.yaml"
    cues.write_text("intended:\n  governors: [contemplate]\n")
    ratings = tmp_path / "ratings.csv"
    ratings.write_text("domain,rating,tags\ndailyplanet.example,0.9,\n")
    load_nlp(cue_files=[cues], outlet_files=[ratings]).to_disk(tmp_path / "pipeline")
    cues.unlink()
    ratings.unlink()
    # the files are gone from their configured paths: the saved copies still apply
    no_paths = {"components": {"whimbrel_provenance": {"cue_files": [], "outlet_files": []}}}
    loaded = spacy.load(tmp_path / "pipeline", config=no_paths)
    prov = loaded.get_pipe("whimbrel_provenance")
    assert prov.outlets.by_domain("dailyplanet.example").rating == 0.9
    tok = next(t for t in loaded("Russia is contemplating invading the region.") if t.text == "invading")
    assert certainty_of(tok, prov.cues)[0] == "intended"


@pytest.mark.parametrize(
    ("text", "trigger", "etype", "certainty"),
    [
        # a threat or promise put on the act is as sure as the statement: it was made
        ("Tehran threatened to strike Tel Aviv.", "strike", "THREATEN", "asserted"),
        ("Tehran reportedly threatened to strike Tel Aviv.", "strike", "THREATEN", "hedged"),
        ("Tehran did not threaten to strike Tel Aviv.", "strike", "THREATEN", "negated"),
        ("Berlin pledged to send tanks to Kyiv.", "send", "AGREE", "asserted"),
        # a plan or a bare future is no statement: still intended
        ("Tehran plans to strike Tel Aviv.", "strike", "THREATEN", "intended"),
        # the same words for an event of another type
        ("Tehran threatened to strike Tel Aviv.", "strike", "EVENT", "intended"),
    ],
)
def test_a_statement_event_is_as_sure_as_its_statement(nlp, text, trigger, etype, certainty):
    doc = nlp(make_doc(nlp, Document(id="t", text=text, date=PUB)))
    tok = next(t for t in doc if t.text == trigger)
    doc._.events = [EventMention(etype, None, None, "", None, None, tok.i, tok.i, tok.i + 1, None, None)]
    nlp.get_pipe("whimbrel_provenance")(doc)
    assert doc._.events[0].certainty == certainty


def test_a_refusal_coded_from_a_negated_act_is_asserted(nlp):
    doc = nlp("The president said she would not step down.")
    (e,) = [e for e in doc._.events if e.type == "REJECT"]
    assert e.certainty == "asserted" and "negated" not in e.flags
