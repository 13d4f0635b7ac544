"""Certainty is scope-based: a cue counts only when it governs the event's predicate."""

import pytest

from whimbrel.provenance.certainty import certainty_of


def _certainty(nlp, text, trigger):
    doc = nlp(text)
    return certainty_of(next(t for t in doc if t.text == trigger))


@pytest.mark.parametrize(
    ("text", "trigger", "certainty"),
    [
        ("Turkey has not sent troops to the region.", "sent", "negated"),
        ("China refused to recognise the outcome of the vote.", "recognise", "negated"),
        ("The Kremlin denied that it had supplied weapons to the militia.", "supplied", "negated"),
        ("There were no talks between the warring parties.", "talks", "negated"),
        ("If Iran enriches uranium to weapons grade, Israel could strike its nuclear sites.", "strike", "hypothetical"),
        ("If Iran enriches uranium to weapons grade, Israel could strike its nuclear sites.", "enriches", "hypothetical"),
        ("Without outside help, the ceasefire would collapse within weeks.", "collapse", "hypothetical"),
        ("The Chinese president plans to visit Moscow.", "visit", "intended"),
        ("The European Union is considering new sanctions against Belarus.", "sanctions", "intended"),
        ("Kenya is set to hold talks with the rebels next month.", "hold", "intended"),
        ("The general said the army would invade the province.", "invade", "intended"),
        ("The government announced planned talks with striking doctors.", "talks", "intended"),
        ("Iran has allegedly supplied drones to Russia.", "supplied", "hedged"),
        ("The general is said to have ordered the strike.", "ordered", "hedged"),
        ("The peace process appears to have stalled.", "stalled", "hedged"),
        ("The police are investigating an alleged attack on a synagogue.", "attack", "hedged"),
        ("Troops may have fired on the protesters.", "fired", "hedged"),
        ("Russia annexed Crimea in 2014.", "annexed", "asserted"),
        ("Reuters reported that regulators blocked the merger.", "blocked", "asserted"),
    ],
)
def test_certainty_classes(nlp, text, trigger, certainty):
    assert _certainty(nlp, text, trigger)[0] == certainty


def test_cue_outside_the_scope_does_not_count(nlp):
    # "allegedly" modifies the bribery, not the arrest; "not" negates the denial's own clause only
    text = "Police arrested the mayor, who allegedly took bribes."
    assert _certainty(nlp, text, "arrested") == ("asserted", [])
    assert _certainty(nlp, text, "took")[0] == "hedged"
    text = "The army did not comment after it shelled the village."
    assert _certainty(nlp, text, "shelled")[0] == "asserted"


def test_strongest_class_wins_and_flags_keep_all(nlp):
    certainty, flags = _certainty(nlp, "Trump is allegedly thinking of reopening negotiations with Kim.", "negotiations")
    assert certainty == "intended"
    assert flags == ["intended", "hedged"]



def test_user_cue_file_adds_cues(nlp, tmp_path):
    from whimbrel.provenance.certainty import load_cues

    path = tmp_path / "cues.yaml"
    path.write_text("intended:\n  governors: [contemplate]\n")
    tok = next(t for t in nlp("Russia is contemplating invading the region.") if t.text == "invading")
    assert certainty_of(tok)[0] == "asserted"
    assert certainty_of(tok, load_cues((str(path),)))[0] == "intended"
