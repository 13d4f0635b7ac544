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


@pytest.mark.parametrize(
    ("text", "trigger", "certainty"),
    [
        # a negative subject negates its clause
        ("Neither side has agreed to a ceasefire.", "agreed", "negated"),
        ("No country has recognised the new government in Niamey.", "recognised", "negated"),
        ("None of the parties signed the final communique.", "signed", "negated"),
        ("Nobody attacked the aid convoy on its way to Rafah.", "attacked", "negated"),
        ("Not a single member state voted against the resolution.", "voted", "negated"),
        ("Neither Armenia nor Azerbaijan has withdrawn its troops.", "withdrawn", "negated"),
        ("No country has offered to send peacekeepers.", "send", "negated"),
        ("No civilians were evacuated from the city.", "evacuated", "negated"),
        ("Not one shell was fired at the border post.", "fired", "negated"),
        # ... but not an event the verb only hangs on by a preposition, an excepted subject, or
        # an event an indirect question takes as given
        ("No one was hurt in the missile attack.", "attack", "asserted"),
        ("No date has been set for the withdrawal of the troops.", "withdrawal", "intended"),
        ("No country except Belarus recognised the referendum.", "recognised", "asserted"),
        ("Not the army but the police arrested the protesters.", "arrested", "asserted"),
        ("Nobody knows who ordered the massacre.", "ordered", "asserted"),
        # expecting is no denying: not negated, but what "expected" itself gives (as without "nobody")
        ("Nobody expected the army to seize the capital so quickly.", "seize", "intended"),
        ("No analyst predicted that the rebels would take Damascus.", "take", "intended"),
        ("It is not clear what caused the explosion at the depot.", "explosion", "asserted"),
        # a negative subject of a negating verb: two negations leave the event possible
        ("Nobody refused to attend the summit in Doha.", "attend", "hedged"),
        ("Nothing prevented the militia from shelling the port.", "shelling", "hedged"),
        # phrases that open with a negative word and negate nothing
        ("No sooner had the envoys met than the talks collapsed.", "met", "asserted"),
        ("No sooner had the envoys met than the talks collapsed.", "collapsed", "asserted"),
        ("Russia not only shelled the city but also attacked the port.", "shelled", "asserted"),
        ("Not only Russia but also Iran supplied the rebels.", "supplied", "asserted"),
        ("The minister received nothing but praise for the deal.", "praise", "asserted"),
        ("The prime minister met the envoy at No. 10 Downing Street.", "met", "asserted"),
        ("The army had no choice but to attack the town.", "attack", "asserted"),
        ("Not all members voted for the sanctions.", "voted", "asserted"),
        ("No fewer than 20 soldiers were killed in the ambush.", "killed", "asserted"),
    ],
)
def test_negative_subjects(nlp, text, trigger, certainty):
    assert _certainty(nlp, text, trigger)[0] == certainty


@pytest.mark.parametrize(
    ("text", "trigger", "certainty"),
    [
        # an act warned of or threatened is a future one (PLOVER's future flag)
        ("Hezbollah warned of new rocket attacks on northern Israel.", "attacks", "intended"),
        ("Israeli officials warned that strikes on Beirut could follow.", "strikes", "intended"),
        ("Tehran threatened to retaliate against the sanctions.", "retaliate", "intended"),
        ("Washington threatened Caracas with new sanctions.", "sanctions", "intended"),
        ("The army issued a warning of reprisals against the villages.", "reprisals", "intended"),
        ("The army warned residents to evacuate the border villages.", "evacuate", "intended"),
        # an act warned against is only a possibility
        ("NATO warned Belarus against joining the invasion.", "joining", "hypothetical"),
        # what a warning reports as done stays as sure as the report
        ("The UN warned that the famine has spread to the north.", "spread", "asserted"),
        ("Inspectors warned that Syria could have used chlorine.", "used", "hedged"),
    ],
)
def test_warned_acts_are_not_asserted(nlp, text, trigger, certainty):
    assert _certainty(nlp, text, trigger)[0] == certainty


def test_a_warning_itself_is_asserted(nlp):
    # the warning happened; the attacks it announces did not (yet)
    text = "Hamas warned of new attacks on Israeli towns."
    assert _certainty(nlp, text, "warned") == ("asserted", [])
    assert _certainty(nlp, text, "attacks")[0] == "intended"
