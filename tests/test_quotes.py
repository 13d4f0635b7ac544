"""Direct and indirect quotes with their speakers and cues."""

from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st

from whimbrel.provenance.quotes import find_quotes, quote_text, quoted_stretches

DEV_PASSAGES = Path(__file__).parent / "data" / "quote_passages_dev.yaml"


def _quotes(nlp, text):
    doc = nlp(text)
    quotes, _ = find_quotes(doc)
    return doc, quotes


def _speaker(q):
    return q.speaker.name if q.speaker else q.speaker_text


def test_quoted_stretches_pair_straight_and_curly_marks():
    text = 'He said "one two" and “three four” but it’s fine.'
    assert [text[s:e] for s, e in quoted_stretches(text)] == ["one two", "three four"]


def test_unclosed_quote_ends_with_its_paragraph():
    text = '“First paragraph of a long quote\n“Second paragraph.” he said.'
    assert [text[s:e] for s, e in quoted_stretches(text)] == ["First paragraph of a long quote", "Second paragraph."]


def test_split_quote_has_one_speaker(nlp):
    text = '“We have done everything we could,” Foreign Minister Pavel Novak said, “and now it is up to them.”'
    doc, quotes = _quotes(nlp, text)
    assert [quote_text(doc, q) for q in quotes] == ["We have done everything we could,", "and now it is up to them."]
    assert all("Novak" in _speaker(q) and q.cue == "say" and q.kind == "direct" for q in quotes)


def test_quote_after_colon_and_across_sentences(nlp):
    doc, quotes = _quotes(nlp, 'Prime Minister Sarah Lind told parliament: "The country is ready. But not at any price."')
    assert len(quotes) == 1
    assert quote_text(doc, quotes[0]) == "The country is ready. But not at any price."
    assert "Lind" in _speaker(quotes[0]) and quotes[0].cue == "tell"


def test_scare_quotes_are_not_quotes(nlp):
    _, quotes = _quotes(nlp, 'The letters were what Trump described as “beautiful” in the past.')
    assert quotes == []


def test_indirect_speech_and_according_to(nlp):
    doc, quotes = _quotes(nlp, "Kenyan President William Ruto said that the peace deal would be signed within a month.")
    assert [(q.kind, quote_text(doc, q), q.cue) for q in quotes] == [
        ("indirect", "the peace deal would be signed within a month", "say")
    ]
    assert "Ruto" in _speaker(quotes[0])
    doc, quotes = _quotes(nlp, "According to the Foreign Ministry, the ambassador was recalled for consultations.")
    assert quote_text(doc, quotes[0]) == "the ambassador was recalled for consultations"
    assert quotes[0].cue == "according to" and "Foreign Ministry" in quotes[0].speaker_text


def test_pronoun_speaker_falls_back_to_the_person_named_before(nlp):
    text = 'Indian Foreign Minister S. Jaishankar rejected the criticism. "India will make its own decisions," he said.'
    _, quotes = _quotes(nlp, text)
    assert quotes[0].speaker is not None and "Jaishankar" in quotes[0].speaker.name


def test_appositive_name_beats_the_title(nlp):
    _, quotes = _quotes(nlp, "Japan's foreign minister, Yoko Kamikawa, said Tokyo was deeply concerned about the launch.")
    assert "Kamikawa" in quotes[0].speaker.name


@given(st.text(alphabet='ab "“”«»\n.,', max_size=60))
def test_quoted_stretches_are_ordered_spans_inside_the_text(text):
    spans = quoted_stretches(text)
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False))


def test_trailing_reporter_and_clause_scoped_according_to(nlp):
    text = ("Hezbollah fired rockets into Israel on Sunday, the Israeli military said, after jets struck Beirut, "
            "killing at least 29 people, according to Lebanon's health ministry.")
    doc, quotes = _quotes(nlp, text)
    said = {q.cue: quote_text(doc, q) for q in quotes}
    assert said["say"] == "Hezbollah fired rockets into Israel on Sunday"
    assert said["according to"] == "killing at least 29 people"


def test_misparsed_relative_and_asked_speakers(nlp):
    _, quotes = _quotes(nlp, '"We will rebuild every house," vowed the mayor of Kharkiv, Ihor Terekhov, on Sunday.')
    assert "Terekhov" in quotes[0].speaker_text and quotes[0].cue == "vow"
    doc, quotes = _quotes(nlp, "Syrian state news agency SANA, quoting a military source, said Israeli jets had struck.")
    assert [(quote_text(doc, q), q.speaker_text) for q in quotes] == [("Israeli jets had struck", "Syrian state news agency SANA")]
    doc, quotes = _quotes(nlp, "The minister told reporters he had spoken to his counterpart, who had assured him that "
                               "Beijing wanted calm.")
    assert any(quote_text(doc, q) == "Beijing wanted calm" and "counterpart" in q.speaker_text for q in quotes)
    _, quotes = _quotes(nlp, 'Asked whether he would run again, the president said: "That is for the people to decide."')
    assert [q.cue for q in quotes] == ["say"]


def test_statement_clause_and_partial_quote_are_one_indirect_quote(nlp):
    doc, quotes = _quotes(nlp, "The foreign ministry said in a statement that two citizens had been detained.")
    assert [(quote_text(doc, q), q.kind) for q in quotes] == [("two citizens had been detained", "indirect")]
    doc, quotes = _quotes(nlp, 'Putin said the West was "playing with fire" by supplying missiles to Kyiv.')
    assert [quote_text(doc, q) for q in quotes] == ['the West was "playing with fire" by supplying missiles to Kyiv']


def test_that_taken_for_an_object_and_citing_inside_reported_speech(nlp):
    doc, quotes = _quotes(nlp, "Sources close to the investigation told Le Monde that the suspect had travelled to Syria.")
    assert [quote_text(doc, q) for q in quotes] == ["the suspect had travelled to Syria"]
    _, quotes = _quotes(nlp, "The opposition said its candidate had won by a landslide, citing tallies from polling stations.")
    assert [q.cue for q in quotes] == ["say"]


def test_pronoun_speaker_names_its_unnamed_antecedent(nlp):
    text = ('The opposition leader accused the government of rigging the vote. "This was theft in broad daylight," '
            "she told a rally in the capital.")
    _, quotes = _quotes(nlp, text)
    assert quotes[0].speaker_text == "The opposition leader"


def test_dev_passages_speakers(nlp):
    """The development passages (tests/data/quote_passages_dev.yaml) under the evaluation's matching rule
    (a quote matches when the texts overlap by half the shorter, its speaker is right when the gold
    speaker's last word is in the speaker's name or text). Measured: F1 1.000, speaker accuracy 1.000
    over 51 quotes; the floors leave room for one or two parse changes of a new spaCy model."""
    from evaluation.provenance import _overlap

    passages = yaml.safe_load(DEV_PASSAGES.read_text(encoding="utf-8"))["passages"]
    gold_n = found = matched = speaker_right = 0
    errors = []
    for p in passages:
        doc, quotes = _quotes(nlp, p["text"])
        found += len(quotes)
        free = list(quotes)
        for g in p["quotes"]:
            gold_n += 1
            start = p["text"].index(g["text"])
            span = (start, start + len(g["text"]))
            q = next((q for q in free if _overlap(span, (q.start_char, q.end_char)) >= 0.5), None)
            if q is None:
                errors.append((p["id"], "missed", g["text"]))
                continue
            free.remove(q)
            matched += 1
            said = " ".join(filter(None, [q.speaker.name if q.speaker else None, q.speaker_text])).lower()
            if g["speaker"].split()[-1].lower() in said:
                speaker_right += 1
            else:
                errors.append((p["id"], g["speaker"], said))
    f1 = 2 * matched / (gold_n + found)
    assert len(passages) >= 25 and f1 >= 0.95, errors
    assert speaker_right / matched >= 0.95, errors
