"""Direct and indirect quotes with their speakers and cues."""

from hypothesis import given
from hypothesis import strategies as st

from whimbrel.provenance.quotes import find_quotes, quote_text, quoted_stretches


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
