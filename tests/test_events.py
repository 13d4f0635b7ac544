"""The event coder on the real pipeline: arguments from the parse, PLOVER conventions, traps."""

import pytest

from whimbrel.events.coder import EventCoder


@pytest.fixture(scope="module")
def code(nlp):
    def run(text):
        doc = nlp(text)
        return [(e.type, e.source and e.source.country, e.target and e.target.country) for e in doc._.events]

    return run


def test_subject_verb_object(code):
    assert ("ACCUSE", "PRK", "USA") in code("The North Korean leader criticized the U.S. for its policies.")


def test_passive_agent_is_the_source(code):
    assert ("ASSAULT", "RUS", "UKR") in code("Ukraine was hit by Russian missiles on Tuesday.")


def test_relative_clause_subject(code):
    assert ("CONSULT", "RUS", "CHN") in code("Putin, who met Xi in Beijing, returned to Moscow.")


def test_coordinated_verbs_share_their_subject(code):
    events = code("Putin criticized NATO and rejected talks with Ukraine.")
    assert ("REJECT", "RUS", "UKR") in events


def test_intention_to_cooperate_is_agree(code):
    assert code("Russia agreed to send troops to Syria.") == [("AGREE", "RUS", "SYR")]


def test_intention_to_harm_is_threaten(code):
    assert code("Iran threatened to attack Israel.") == [("THREATEN", "IRN", "ISR")]


def test_troops_sent_in_support_are_aid(code):
    assert ("AID", "PRK", "RUS") in code("North Korea sent 10,000 troops to support Russian forces.")


def test_reported_speech_codes_the_reported_event_not_the_saying(code):
    events = code("Ukraine said Russian troops attacked Kharkiv.")
    assert ("ASSAULT", "RUS", "UKR") in events
    assert all(e[1] != "UKR" for e in events)


def test_statements_and_appeals_are_not_events(code):
    assert code("France called for calm and said the situation was worrying.") == []


def test_nominal_event(code):
    assert ("ASSAULT", "PRK", "KOR") in code("North Korea's invasion of South Korea began in June 1950.")


def test_sports_results_are_not_assaults(code):
    for text in ("Brazil beat Argentina 2-0.", "Brazil beat Argentina in the World Cup final."):
        assert not [e for e in code(text) if e[0] == "ASSAULT"], text


def test_metaphor_is_criticism_not_assault(code):
    events = code("The senator attacked the budget plan.")
    assert not [e for e in events if e[0] == "ASSAULT"]
    assert [e for e in events if e[0] == "ACCUSE"]


def test_markets_are_not_events(code):
    assert code("Apple beat market estimates as shares attacked record highs.") == []


def test_same_event_mentioned_twice_is_one_event(nlp):
    doc = nlp("Russia attacked Ukraine on Monday. Officials confirmed that Russia attacked Ukraine.")
    (attack,) = [e for e in doc._.events if e.type == "ASSAULT"]
    assert len(attack.evidence) == 2 and attack.evidence[0] == (attack.start, attack.end)


def test_event_carries_cameo_and_scores(nlp):
    (e,) = nlp("Iran threatened to attack Israel.")._.events
    assert e.cameo == "138" and e.goldstein == -7.0 and e.intensity is not None
    assert e.pattern and e.start <= e.trigger < e.end


def test_user_pattern_files_take_priority(nlp, tmp_path):
    patterns = tmp_path / "mine.yaml"
    patterns.write_text('- {lemma: snub, cameo: "125"}\n', encoding="utf-8")
    coder = EventCoder(nlp, "events", pattern_files=[str(patterns)])
    doc = nlp("Russia snubbed Ukraine.")
    coder(doc)
    assert [(e.type, e.pattern.split(":")[0]) for e in doc._.events] == [("REJECT", "user")]


def test_said_must_is_a_demand_not_the_demanded_act(code):
    assert code("Russia said on Tuesday that Sudan must return the helicopter.") == [("REQUEST", "RUS", "SDN")]


def test_refused_or_negated_future_cooperation_is_reject(code):
    assert code("Israel will not release the prisoners.") == [("REJECT", "ISR", None)]
    assert [e[0] for e in code("Russia refused to meet Ukraine.")] == ["REJECT"]


def test_events_that_do_not_happen_are_not_coded(code):
    assert all(e[0] != "ASSAULT" for e in code("The US warned of the danger of Iranian attacks."))
    assert not [e for e in code("Serbia postponed its invasion of Bosnia.") if e[0] == "ASSAULT"]
    assert code("China and Russia call on the US to lift sanctions against Iran.") == []


def test_accidents_are_no_ones_attack(code):
    assert code("Ten Nepalese soldiers were killed by the crash of their plane.") == []


def test_a_protest_targets_the_place_and_its_demand_is_its_topic(code):
    events = code("Thousands of students demonstrated in Jakarta to demand reforms.")
    assert ("PROTEST", "IDN", "IDN") in events
    assert not [e for e in events if e[0] == "REQUEST"]


def test_subject_pronoun_of_reported_speech_is_the_speaker(code):
    assert ("COERCE", "IRQ", "SYR") in code("The Iraqi army says it has seized two towns from Syrian forces.")


def test_participle_agent_and_weapon_user_are_sources(code):
    assert code("Money donated by Ireland helped Haitian families.")[0][:2] == ("AID", "IRL")
    assert code("Rockets fired by Hamas hit southern Israel.") == [("ASSAULT", "PSE", "ISR")]


def test_owner_of_a_compound_event_noun_is_its_source(code):
    assert ("AID", "JPN", None) in code("Japan's assistance package arrived yesterday.")


def test_requests_keep_cameos_appeal_code(nlp):
    doc = nlp("Greece has asked Germany to patrol its airspace.")
    assert [(e.type, e.cameo) for e in doc._.events] == [("REQUEST", "020")]


def test_halting_mediation_aid_supplies_and_cutting_tariffs(code):
    assert ("SANCTION", "USA", "SOM") in code("The US has suspended food supplies to Somalia.")
    assert code("Norway ended its mediation between Colombia and the rebels.")[0][0] == "SANCTION"
    assert code("Japan cut tariffs on American farm goods.")[0][:2] == ("RETREAT", "JPN")


def test_attending_a_ceremony_is_not_a_consultation(code):
    assert code("The Serbian president attended a ceremony in Belgrade.") == []


def test_a_pattern_may_list_several_lemmas(nlp, tmp_path):
    patterns = tmp_path / "mine.yaml"
    patterns.write_text('- {lemma: [snub, cold-shoulder], cameo: "125"}\n', encoding="utf-8")
    coder = EventCoder(nlp, "events", pattern_files=[str(patterns)])
    doc = nlp("Russia snubbed Ukraine.")
    coder(doc)
    assert [e.type for e in doc._.events] == ["REJECT"]


def test_own_forces_and_own_possessions_are_not_targets(code):
    assert code("Britain mobilized army reservists for a war against Iraq.") == [("MOBILIZE", "GBR", "IRQ")]
    assert ("ASSAULT", "ISR", "LBN") in code("Israel mounted its long-threatened invasion of Lebanon.")


def test_a_complaint_targets_whom_it_is_about_not_its_audience(code):
    assert ("ACCUSE", "LBN", "ISR") in code("Lebanon complained to the United Nations over Israeli air raids.")


def test_parties_between_which_a_joint_act_happens_are_its_actors(code):
    assert sorted(code("Talks between Israel and Syria resumed in Washington.")) == [("CONSULT", "ISR", None), ("CONSULT", "SYR", None)]
    assert ("CONSULT", "NOR", None) in code("Norway's mediation between Colombia and Venezuela failed.")


def test_a_future_retreat_is_concede_with_cameos_intent_to_yield(nlp):
    doc = nlp("The rebels said they will release the hostages held in Colombia.")
    assert [(e.type, e.cameo) for e in doc._.events if e.type != "ASSAULT"] == [("CONCEDE", "035")]


def test_being_opposed_to_an_act_is_rejection_not_the_act(code):
    assert code("Turkey is opposed to Russian mediation in the conflict.") == [("REJECT", "TUR", "RUS")]


def test_who_is_responsible_for_an_act_did_it(code):
    assert code("The rebel group is responsible for mass killings in Uganda.")[0][:2] == ("ASSAULT", "UGA")


def test_reinforcing_forces_and_declaring_emergencies(code):
    assert code("Russia has strengthened its forces in Crimea.")[0][:2] == ("MOBILIZE", "RUS")
    assert code("Thailand declared a state of emergency in Bangkok.")[0][:2] == ("COERCE", "THA")
    assert all(e[0] != "MOBILIZE" for e in code("Germany strengthened military cooperation with France."))


def test_acts_asked_for_in_a_plea_or_demand_are_not_coded(code):
    assert code("The president issued a plea to the rebels to talk to his government.") == []
    assert all(e[0] != "RETREAT" for e in code("Iran rejected the US demand to halt enrichment."))


def test_demanding_anything_is_a_request(code):
    assert code("Egypt demanded support from Sudan.") == [("REQUEST", "EGY", "SDN")]


def test_alleged_acts_are_the_accusations_content_not_events(code):
    assert code("The Sudanese government has accused Darfur rebels of violating the ceasefire.") == [("ACCUSE", "SDN", "SDN")]


def test_conjoined_acts_share_the_wish_or_permission(code):
    events = code("The rebels refused to allow Indian planes to land and evacuate the wounded.")
    assert [e[0] for e in events] == ["REJECT"]


def test_the_people_an_attack_names_are_its_target(code):
    assert ("ASSAULT", "RUS", "UKR") in code("Russian troops killed ten Ukrainian civilians.")


def test_words_inside_a_named_actor_do_not_decide_the_pattern(code):
    # "Security" in "Security Council" is part of a name, not security measures
    assert not [e for e in code("France tightened Security Council sanctions on Iran.") if e[0] == "MOBILIZE"]
    assert ("MOBILIZE", "JPN", None) in code("Japan tightened security at the border.")
    assert not [e for e in code("Japan advised the Ukrainian Defense Ministry.") if e[0] == "AID"]
    # a title inside the name still decides: calling a prime minister is a consultation
    assert [e for e in code("Macron called Prime Minister Netanyahu to discuss the war.") if e[0] == "CONSULT"]


def test_wanting_or_planning_ones_own_act_is_an_intention(code):
    # PLOVER: an intention to cooperate is AGREE, an intention to harm THREATEN
    assert code("China wants to help Russia.") == [("AGREE", "CHN", "RUS")]
    assert code("Japan hopes to sign a trade agreement with India.") == [("AGREE", "JPN", "IND")]
    assert code("Iran wants to attack Israel.") == [("THREATEN", "IRN", "ISR")]
    # another actor to act, or only a hope to harm, stays a wish
    assert code("Obama wants Putin to attack the rebels.") == []
    assert code("Russia hopes to defeat Ukraine.") == []
    assert code("Obama is being pressured by Congress to help Iran.") == []


def test_a_build_up_is_mobilization_only_when_armed_force_grows(code):
    assert [e[0] for e in code("China stepped up its military presence near Taiwan.")] == ["MOBILIZE"]
    assert [e[0] for e in code("Russia built up troops near the border.")] == ["MOBILIZE"]
    assert "MOBILIZE" not in [e[0] for e in code("Germany ramped up steel production.")]


@pytest.mark.parametrize("text,target", [
    # the one other country the sentence names is where the victims are
    ("Russian forces attacked Ukraine's power grid overnight, killing seven people.", "UKR"),
    # arrests, protesters and police shootings stay at home
    ("Syrian troops killed 20 protesters in a crackdown, the United States said.", "SYR"),
    ("Police arrested 30 people after the rally.", None),
    # a military strike does not say whose people it killed: no country is better than a wrong one
    ("Israeli strikes killed 40 people, the health ministry said.", None),
])
def test_unplaced_victims_get_a_country_only_when_the_text_gives_one(code, text, target):
    events = [e for e in code(text) if e[0] in ("ASSAULT", "COERCE")]
    assert events and all(e[2] == target for e in events)


@pytest.mark.parametrize("text,expected", [
    ("North Korea launched a ballistic missile on Sunday.", "MOBILIZE"),  # a test: a show of force
    ("Iran launched missiles at Israel overnight.", "ASSAULT"),  # fired at someone: an attack
    ("Russia launched a massive missile and drone attack on Ukraine's energy grid.", "ASSAULT"),
])
def test_a_launch_is_an_attack_only_when_aimed_at_someone(code, text, expected):
    assert [e[0] for e in code(text)][:1] == [expected]


def test_a_warning_to_someone_else_is_not_the_warners_intention(code):
    events = code("Israel warned residents of Gaza City to evacuate.")
    assert ("THREATEN", "ISR", "PSE") in events
    assert all(e[0] != "AGREE" for e in events)  # neither Israel's promise nor the residents' aid


def test_a_word_inside_a_known_name_is_no_event(code):
    assert all(e[0] != "COOPERATE" for e in code("The Asia-Pacific Economic Cooperation forum opened its summit in Lima."))


def test_up_to_a_number_is_the_object_not_a_destination(code):
    assert code("Afghan rebels have kidnapped up to 16 Russian civilian advisers.") == [("ASSAULT", "AFG", "RUS")]


def test_a_protests_own_pronoun_is_not_its_target(code):
    text = "Demonstrators in Baghdad blocked a road to show their disapproval of the United States' policies."
    assert code(text) == [("PROTEST", "IRQ", "USA")]


def test_an_actor_does_not_act_on_itself_through_a_pronoun(code):
    events = code("The European Union warned that it could impose sanctions on officials.")
    assert all(e[2] != e[1] or e[1] is None for e in events if e[0] == "THREATEN")


def test_breaking_with_someone_is_a_rupture_not_a_threat(code):
    assert [e[0] for e in code("The opposition broke with the government over the budget.")] == ["SANCTION"]


def test_suspending_a_partnership_reduces_relations(code):
    assert code("The United States suspended its strategic partnership with Georgia.") == [("SANCTION", "USA", "GEO")]


@pytest.mark.parametrize("text,expected", [
    ("Poland expelled three Russian diplomats.", ("SANCTION", "POL", "RUS")),
    ("Israel released 90 Palestinian prisoners.", ("RETREAT", "ISR", "PSE")),
    ("North Korea fired a ballistic missile into the sea.", ("MOBILIZE", "PRK", None)),
    ("Hezbollah fired rockets at Israel.", ("ASSAULT", "LBN", "ISR")),
])
def test_another_countrys_people_as_the_object_are_the_target(code, text, expected):
    assert expected in code(text)


def test_a_group_backed_by_a_state_is_the_target_of_its_support(code):
    assert ("SUPPORT", "RWA", "COD") in code("M23 rebels backed by Rwanda captured Goma, the largest city in eastern Congo.")


def test_fighting_alongside_is_cooperation(code):
    assert [e[0] for e in code("Congolese troops are fighting alongside Burundian soldiers.")] == ["COOPERATE"]


@pytest.mark.parametrize("text,expected", [
    ("China's military launched large-scale drills around Taiwan.", "MOBILIZE"),  # alone: a show of force
    ("India conducted naval exercises with France.", "COOPERATE"),  # with a partner
    ("The commerce ministry of China vowed to retaliate.", "THREATEN"),  # an intention to harm
])
def test_exercises_and_retaliation(code, text, expected):
    assert [e[0] for e in code(text)][:1] == [expected]


def test_drills_around_a_place_are_aimed_at_it(code):
    assert code("China's military launched large-scale drills around Taiwan.") == [("MOBILIZE", "CHN", "TWN")]


def test_the_subject_of_a_stative_passive_acts(code):
    assert code("Israel is opposed to French mediation in the talks.") == [("REJECT", "ISR", "FRA")]


def test_opening_an_inquiry_is_investigating_and_a_named_body_keeps_its_home(code):
    events = code("The ICC opened an inquiry into crimes in Venezuela.")
    assert events and all(e[0] == "ACCUSE" and e[1] is None for e in events)  # the ICC is no Venezuelan actor


@pytest.mark.parametrize("text,expected", [
    ("Kenyan riot police used tear gas to disperse protesters in Nairobi.", ("ASSAULT", "KEN", "KEN")),
    ("President Macron gave a warm welcome to Prime Minister Modi.", ("CONSULT", "FRA", "IND")),
    ("She used natural gas to heat the house.", None),
])
def test_crowd_control_and_welcomes(code, text, expected):
    events = code(text)
    assert (expected in events) if expected else not events


def test_a_condition_names_whom_a_threat_binds(code):
    assert ("THREATEN", "IRN", "USA") in code("Iran threatened to close the Strait of Hormuz if the United States attacked.")


def test_an_international_official_in_the_object_is_a_target(code):
    events = code("The US on Thursday rejected calls by UN Secretary-General Antonio Guterres for a ceasefire.")
    assert any(e[0] == "REJECT" and e[1] == "USA" for e in events)


@pytest.mark.parametrize("text,expected", [
    # a claim of one's own act is a statement (CAMEO 015), not the act
    ("The rebels claimed that they had shelled an army base near Goma.", None),
    ("The Taliban claimed to have killed ten Afghan soldiers in Kandahar.", None),
    # an allegation's content is not asserted: the ACCUSE is the allegation's own
    ("Rwanda alleged that Ugandan troops had attacked its border posts.", ("ACCUSE", "RWA", "UGA")),
    # trap: a claim about another's act reports it
    ("Russia claimed that Ukrainian forces had shelled the city of Donetsk.", ("ASSAULT", "UKR", "UKR")),
])
def test_claimed_and_alleged_acts(code, text, expected):
    events = code(text)
    if expected is None:
        assert not events
    else:
        assert expected in events and all(e[0] != "ASSAULT" or expected[0] == "ASSAULT" for e in events)



@pytest.mark.parametrize("text,expected", [
    # the content of a charge or an accusation is not asserted
    ("Kenya denied charges that its police had shot protesters in Kisumu.", None),
    ("Ethiopia rejected accusations that its troops had attacked Sudanese farmers.", None),
    # an event noun asked for is not an event
    ("Zelensky urged the EU to renew sanctions on Russia.", None),
    # trap: the same act asserted is coded
    ("Kenyan police shot protesters in Kisumu.", ("ASSAULT", "KEN", "KEN")),
])
def test_charged_and_requested_acts_are_not_events(code, text, expected):
    events = code(text)
    if expected is None:
        assert all(e[0] not in ("ASSAULT", "SANCTION") for e in events)
    else:
        assert expected in events


def test_a_verb_coordinated_with_a_passive_is_done_by_its_subject(code):
    # "and will resign": the one indicted resigns, not the court
    events = code("Serbia's president has been indicted by the war crimes court and will resign.")
    assert [e for e in events if e[0] != "ACCUSE"] == [("CONCEDE", "SRB", None)]  # a future retreat
    # trap: a participle sharing the passive is passive too: the police charge the minister
    assert ("ACCUSE", "KEN", "KEN") in code("The Kenyan minister was arrested by Kenyan police and charged with fraud.")


@pytest.mark.parametrize("text,expected", [
    ("Sudan's government lifted the state of emergency in North Kordofan.", ("CONCEDE", "SDN", "SDN")),
    ("India relaxed the curfew in Srinagar on Sunday.", ("CONCEDE", "IND", "IND")),
    # trap: a place named as where the one who eases stands is no recipient of a lifted sanction
    ("Meeting in Brussels, the EU lifted sanctions on Belarus.", ("RETREAT", None, "BLR")),
])
def test_eased_curfews_and_emergencies_are_for_the_place(code, text, expected):
    assert expected in code(text)


def test_returned_arms_are_a_return_of_property(code):
    assert code("The militia returned 200 seized weapons to the Iraqi army.")[:1] == [("RETREAT", None, "IRQ")]
    # trap: returning home is no return of property
    assert code("The Iraqi delegation returned home on Monday.") == []


@pytest.mark.parametrize("text,expected", [
    # an act describing a noun is background when the sentence has news of its own
    ("Egypt demanded that Ethiopia free the fishermen who were detained by the Ethiopian navy.", {("REQUEST", "EGY", "ETH")}),
    ("Kenyan police arrested 40 students who had blocked roads in Nairobi.", {"COERCE"}),
    # traps: coordinated acts are both news; a lone background act is still coded
    ("Turkish troops shelled Kurdish positions in Syria and arrested 12 activists.", {"ASSAULT", "COERCE"}),
    ("Putin, who met Xi in Beijing, returned to Moscow.", {("CONSULT", "RUS", "CHN")}),
])
def test_background_acts_give_way_to_the_news(code, text, expected):
    events = code(text)
    assert ({e[0] for e in events} if isinstance(next(iter(expected)), str) else set(events)) == expected


@pytest.mark.parametrize("text,expected", [
    # an act setting the time of the news is background to it
    ("Georgian police arrested two men after protesters stormed the parliament in Tbilisi.", {"COERCE"}),
    ("Peru granted asylum to three Bolivian officers since last week's Bolivian coup.", {"AID"}),
    # trap: with no other news, the time-setting act is kept
    ("Markets fell in Tel Aviv after Israeli jets bombed Hezbollah positions in Lebanon.", {"ASSAULT"}),
])
def test_time_setting_acts_give_way_to_the_news(code, text, expected):
    assert {e[0] for e in code(text)} == expected


@pytest.mark.parametrize("text,expected", [
    ("Israel met the demands of the Egyptian mediators.", [("CONCEDE", "ISR", "EGY")]),
    ("Ghana will meet its deficit targets this year.", []),
    # trap: meeting a person is still a meeting
    ("Putin met Erdogan in Ankara.", [("CONSULT", "RUS", "TUR")]),
])
def test_meeting_demands_is_yielding_and_meeting_targets_no_event(code, text, expected):
    assert code(text) == expected


def test_own_forces_ordered_out_are_not_a_target(code):
    assert code("The Kenyan government has ordered patrols by police and soldiers.") == [("MOBILIZE", "KEN", None)]
    # trap: another country's forces named after the object are still its target
    assert ("MOBILIZE", "GBR", "IRQ") in code("Britain mobilized army reservists for a war against Iraq.")


@pytest.mark.parametrize("text,expected", [
    ("Russia launched cyber warfare against Estonia.", ("ASSAULT", "RUS", "EST")),
    ("Hamas militants used Palestinian civilians as human shields in Rafah.", ("ASSAULT", "PSE", "PSE")),
    ("The Afghan army pounded Taliban hideouts with heavy artillery.", ("ASSAULT", "AFG", "AFG")),
    ("Boko Haram fighters overran a Nigerian army base.", ("COERCE", "NGA", "NGA")),
])
def test_attacks_by_less_common_words(code, text, expected):
    assert expected in code(text)


@pytest.mark.parametrize("text", [
    # traps: a launched campaign, a shield used as a metaphor, a pounding heart
    "Macron launched a campaign for re-election in Paris.",
    "The minister used the report as a shield against criticism.",
])
def test_attack_words_in_peaceful_use(code, text):
    assert not [e for e in code(text) if e[0] == "ASSAULT"]


@pytest.mark.parametrize("text,expected", [
    # an act only possible or supposed has not happened
    ("Analysts said Israel could strike Iranian nuclear sites.", set()),
    ("Ottawa will cut funding to Quebec police if the province bans the protest.", {"THREATEN"}),
    # traps: a suspected past act is reported, and the act a condition is attached to stays coded
    ("Russian troops may have shelled the Ukrainian town of Kupiansk.", {"ASSAULT"}),
    ("Iran threatened to close the Strait of Hormuz if the United States attacked.", {"THREATEN"}),
])
def test_possible_and_supposed_acts_are_not_events(code, text, expected):
    assert {e[0] for e in code(text)} == expected


@pytest.mark.parametrize("text,expected", [
    # a negated or failed act did not happen
    ("Kenyan police did not arrest the protesters in Nairobi.", []),
    ("Kenyan police failed to arrest the suspect.", []),
    ("Israel will not attack Iran, Netanyahu said.", []),
    # trap: a refused cooperation is still a rejection
    ("Russia will not withdraw its troops from Syria.", [("REJECT", "RUS", "SYR")]),
])
def test_negated_and_failed_acts(code, text, expected):
    assert code(text) == expected


def test_coming_to_power_is_no_visit(code):
    assert all(e[0] != "CONSULT" for e in code("Since coming to power in 2016, Duterte has clashed with the Catholic Church."))
    # trap: coming to a capital for talks is still a meeting
    assert ("CONSULT", "RUS", "CHN") in code("Putin came to Beijing for talks with Xi.")


@pytest.mark.parametrize("text,expected", [
    ("Sudan expelled thirteen humanitarian aid agencies from Darfur.", [("SANCTION", "SDN", "SDN")]),
    ("Iraq expelled the UN weapons inspectors.", [("SANCTION", "IRQ", None)]),  # the UN has no country
    # trap: expelling people is still coercion
    ("Russia expelled two Estonian citizens.", [("COERCE", "RUS", "EST")]),
])
def test_expelling_peacekeepers_inspectors_and_aid_agencies(code, text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text,expected", [
    # deploying troops is a mobilization (CAMEO's merged verb class filed it as cooperation)
    ("Russia deployed troops to the Ukrainian border.", ("MOBILIZE", "RUS", "UKR")),
    ("Kenya deployed 400 police officers on a peacekeeping mission to Haiti.", ("AID", "KEN", None)),
    # trap: deploying peacekeepers stays aid, whoever sends them
    ("The UN deployed peacekeepers in South Sudan.", ("AID", None, "SSD")),
])
def test_deployments(code, text, expected):
    assert code(text)[:1] == [expected]


def test_what_an_ultimatum_demands_is_not_an_event(code):
    assert code("Colombia issued an ultimatum to the rebels to release the hostages.") == [("THREATEN", "COL", None)]
    # trap: a release that happened is coded
    assert code("Colombian rebels released the hostages.")[:1] == [("RETREAT", "COL", None)]


def test_a_targetless_purpose_belongs_to_the_act(code):
    assert code("The Jordanian king visited Washington to discuss the crisis.") == [("CONSULT", "JOR", "USA")]
    # trap: a purpose with a target of its own is an event of its own
    assert ("ASSAULT", "ISR", "PSE") in code("Israel sent troops to Gaza to fight Hamas.")


def test_a_place_owned_by_a_named_place_is_where_the_act_happens(code):
    assert ("ASSAULT", "YEM", "SAU") in code("Yemen's Houthis shelled military positions in Saudi Arabia's Jizan region.")
    # trap: an adjective of nationality on the place is no owner ("in Israeli custody")
    assert ("ASSAULT", "ISR", "ISR") not in code("Israeli guards beat a prisoner in Israeli custody.")


@pytest.mark.parametrize("text,expected", [
    ("Turkey can't accept more Syrian refugees.", [("REJECT", "TUR", "SYR")]),
    ("Kenyan police pressured the striking workers to call off the strike.", [("REQUEST", "KEN", "KEN")]),
    # trap: an ability stated is no event of refusal
    ("Turkey can accept more Syrian refugees.", []),
])
def test_refused_ability_and_pressure(code, text, expected):
    assert [e for e in code(text) if e[0] != "AID"] == expected


def test_a_warning_of_ones_own_act_is_aimed_at_its_object(code):
    assert code("The EU warned that it could impose sanctions on Iran.") == [("THREATEN", None, "IRN")]
    # trap: a warning about another's act still targets that other
    assert ("THREATEN", "USA", "PRK") in code("The United States warned that North Korea would face consequences.")


def test_forcing_people_out_is_expulsion(code):
    assert code("The Myanmar army forced out Rohingya villagers from Rakhine.") == [("COERCE", "MMR", "MMR")]
    # trap: forcing a decision is no expulsion
    assert all(e[0] != "COERCE" for e in code("Protests forced the Serbian government to resign."))


@pytest.mark.parametrize("text,expected", [
    ("Germany said that Turkey must be ready to negotiate with Greece.", [("REQUEST", "DEU", "TUR")]),
    ("France said Russia must withdraw its troops and release the Georgian prisoners.", [("REQUEST", "FRA", "RUS")]),
    # trap: an act the speaker reports, not demands, is coded
    ("France said Russia had withdrawn its troops from Georgia.", [("RETREAT", "RUS", "GEO")]),
])
def test_nothing_a_demand_asks_for_has_happened(code, text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Taliban fighters exploded two bombs in the capital Kabul.", [("ASSAULT", "AFG", "AFG")]),
    ("Basque separatists detonated a car bomb in the city of Madrid.", [("ASSAULT", "ESP", "ESP")]),
    # trap: a nuclear device set off is a weapons test, no bombing
    ("North Korea detonated a nuclear device.", []),
])
def test_setting_off_bombs_is_a_bombing_of_the_place_named(code, text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Pakistan threatened to cut ties with Israel on the eve of a visit by the Israeli president.", [("THREATEN", "PAK", "ISR")]),
    ("Iran detained two British sailors in the wake of an invasion of Iraq by the United States.", [("COERCE", "IRN", "GBR")]),
    # trap: a lone act on the eve of something is the news itself
    ("The Israeli president visited Pakistan on the eve of the election.", [("CONSULT", "ISR", "PAK")]),
])
def test_the_eve_or_wake_of_an_act_sets_the_time(code, text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Sri Lanka opened an embassy in Tehran.", [("SUPPORT", "LKA", "IRN")]),
    ("South Korea established diplomatic relations with and opened an embassy in Hanoi.", [("SUPPORT", "KOR", "VNM")] * 2),
    # trap: where the parties of a joint act meet is no party
    ("Israel and Morocco established diplomatic ties at a ceremony in Washington.", [("SUPPORT", None, None)]),
])
def test_an_embassy_is_opened_for_the_place_it_is_in(code, text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("India and Pakistan reached an agreement to exchange lists of prisoners.", [("AGREE", None, None)]),
    ("Russia signed a deal to supply arms to Syria.", [("SUPPORT", "RUS", "SYR")]),
    # trap: what a decision provides for is announced, and coded
    ("North Korea's decision to send troops to Russia alarmed Seoul.", [("AID", "PRK", "RUS")]),
])
def test_what_an_agreement_provides_for_is_its_content(code, text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Russian soldiers captured in Ukraine were shown on television.", []),
    ("The Palestinian prisoners detained in Israel began a hunger strike.", [("PROTEST", "PSE", "PSE")]),
    # traps: a participle with its agent, or a stative one, still says who acts
    ("Palestinian prisoners detained by Israel began a hunger strike.", [("COERCE", "ISR", "PSE"), ("PROTEST", "PSE", "PSE")]),
    ("Libyan rebels opposed to Gaddafi attacked Tripoli.", [("REJECT", "LBY", "LBY"), ("ASSAULT", "LBY", "LBY")]),
])
def test_a_passive_participle_acts_on_its_noun(code, text, expected):
    assert sorted(code(text)) == sorted(expected)


@pytest.mark.parametrize("text,expected", [
    ("Japan provided support to flood victims in Pakistan.", [("AID", "JPN", "PAK")]),
    ("The EU provides support for farmers in Kenya.", [("AID", None, "KEN")]),
    # trap: political support provided is an endorsement
    ("Russia provided diplomatic support to Iran.", [("SUPPORT", "RUS", "IRN")]),
])
def test_support_provided_is_aid(code, text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("The United States defended the right of Russian troops to fire on militants in Azerbaijan.", [("SUPPORT", "USA", "RUS")]),
    ("The UN gave NATO a mandate to attack Libyan forces.", []),
    # trap: an act done while citing one's right is done
    ("Turkish troops struck Kurdish militants in Syria, citing the right to self-defence.", [("ASSAULT", "TUR", "SYR")]),
])
def test_an_act_one_has_the_right_to_do_is_not_done(code, text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("A Lebanese newspaper described his rival Elias Hrawi as president.", []),
    ("The Kenyan president told his opponents in parliament to wait.", []),
    # trap: opposition voiced is disapproval
    ("Turkey voiced its opposition to the plan.", [("ACCUSE", "TUR", None)]),
])
def test_naming_a_rival_voices_no_opposition(code, text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("A Palestinian prisoner died in Israeli police custody.", [("ASSAULT", "ISR", "PSE")]),
    ("Ukraine received fighter jets and tanks from Germany.", [("AID", "DEU", "UKR")]),
    ("The Kenyan president faces pressure from the United States.", [("REQUEST", "USA", "KEN")]),
    ("Two Palestinians died in clashes with Israeli troops.", [("ASSAULT", "ISR", "PSE")]),
    # traps: no one named gives what the subject receives; and the subject's own act is its own
    ("Three Palestinians died in an air strike in Gaza.", []),
    ("Germany sent weapons to Ukraine.", [("AID", "DEU", "UKR")]),
])
def test_an_act_the_subject_receives_comes_from_the_other_party(code, text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Lebanon complained to the United Nations over two Israeli air raids.", [("ACCUSE", "LBN", "ISR")]),
    ("Pakistan accused India over the shelling of its border villages.", [("ACCUSE", "PAK", "IND")]),
    # trap: an act that a material act answers is an event of its own
    ("Israeli troops shelled Lebanon in retaliation for a Hezbollah attack.", [("ASSAULT", "ISR", "LBN"), ("ASSAULT", "LBN", None)]),
])
def test_what_a_complaint_is_about_is_its_topic(code, text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Three Palestinians were killed in an Israeli air strike.", [("ASSAULT", "ISR", "PSE")]),
    ("An Israeli air strike in Gaza killed three people.", [("ASSAULT", "ISR", "PSE")]),
    # trap: a named target is kept, whatever the place
    ("A Russian missile strike on Ukrainian troops in Belarus was reported.", [("ASSAULT", "RUS", "UKR")]),
])
def test_whom_and_where_an_attack_noun_strikes(code, text, expected):
    assert sorted(set(code(text))) == expected


@pytest.mark.parametrize("text,expected", [
    ("Hundreds of Indian troops withdrew from the Chinese to the Indian side of the border.", [("RETREAT", "IND", "CHN")]),
    ("Russia withdrew its troops from Georgia to Russia.", [("RETREAT", "RUS", "GEO")]),
    # trap: a retreat with nothing left behind keeps its other target
    ("Russian troops withdrew to the border with Ukraine.", [("RETREAT", "RUS", "UKR")]),
])
def test_a_retreat_is_from_the_place_left(code, text, expected):
    assert code(text)[:1] == expected


@pytest.mark.parametrize("text,expected", [
    ("Greece plans to impose restrictions on its labour market for new Bulgarian members for at least two years from May.",
     [("THREATEN", "GRC", "BGR")]),
    ("Germany imposed restrictions for Russian banks for two years.", [("COERCE", "DEU", "RUS")]),
    # trap: the first phrase naming an actor still wins
    ("France imposed sanctions on Iran for two years for its nuclear programme.", [("SANCTION", "FRA", "IRN")]),
])
def test_a_preposition_may_recur(code, text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Albania denounced as an ugly crime Serbia's suppression of the protests.", [("ACCUSE", "ALB", "SRB")]),
    ("Japan denounced as reckless North Korea's missile launch.", [("ACCUSE", "JPN", "PRK")]),
    # trap: a named object is the one criticised, not who the "as" phrase names
    ("China criticised Japan as a puppet of the United States.", [("ACCUSE", "CHN", "JPN")]),
])
def test_what_is_denounced_as_a_crime(code, text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("India summoned the US ambassador to protest the spying.", [("ACCUSE", "IND", "USA")]),
    ("German officials summoned the Egyptian ambassador to complain about a raid on a German charity.", [("ACCUSE", "DEU", "EGY")]),
    # trap: one invited to act is the one who would act
    ("Israel invited the Egyptian president to visit Jerusalem.", [("AGREE", "ISR", "EGY")]),
])
def test_a_summons_and_its_purpose_are_one_act(code, text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("American activists launched a hunger strike to protest the policy imposed by the Mexican government.", [("PROTEST", "USA", "MEX")]),
    ("Serbian police launched an investigation into crimes committed by Croat forces.", [("ACCUSE", "SRB", "HRV")]),
    ("Hundreds of thousands of people blocked streets in Hong Kong in defiance of Chinese authorities.", [("PROTEST", "HKG", "CHN")]),
    # trap: a protest at home with no one named is aimed at the place's authorities
    ("Thousands of Kenyans marched in Nairobi.", [("PROTEST", "KEN", "KEN")]),
])
def test_who_made_what_a_protest_or_an_inquiry_is_about(code, text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Palestinian leaders rejected the US decision to recognise Jerusalem as Israel's capital.", [("REJECT", "PSE", "USA")]),
    ("Israel welcomed the Russian decision to send troops to Syria.", [("SUPPORT", "ISR", "RUS")]),
    # trap: what a material act's object does is news of its own
    ("Russia sent troops to Syria that attacked rebels in Idlib.", [("AID", "RUS", "SYR")]),
])
def test_an_act_a_statement_is_about_is_its_topic(code, text, expected):
    assert code(text) == expected
