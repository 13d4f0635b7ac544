"""Time expressions resolved against the publication date, and events dated from them."""

import pytest

from whimbrel.provenance.timex import event_date, find_times, is_historical, period_end, resolve

PUB = "2024-11-10"  # a Sunday


@pytest.mark.parametrize(
    ("text", "future", "value"),
    [
        ("in February 2022", False, "2022-02"),
        ("on 12 June", False, "2024-06-12"),
        ("last Friday", False, "2024-11-08"),
        ("on Tuesday", False, "2024-11-05"),
        ("on Tuesday", True, "2024-11-12"),
        ("earlier this year", False, "2024"),
        ("last month", False, "2024-10"),
        ("next month", True, "2024-12"),
        ("last year", False, "2023"),
        ("2019", False, "2019"),
        ("the 1990s", False, "1990/1999"),
        ("two years ago", False, "2022"),
        ("yesterday", False, "2024-11-09"),
        ("in December", False, "2023-12"),
        ("March 3, 2021", False, "2021-03-03"),
        ("1950 to 1953", False, "1950/1953"),
        ("the end of the year", True, "2024"),
        ("the start of next month", True, "2024-12"),
    ],
)
def test_resolve(text, future, value):
    assert resolve(text, PUB, future) == value


@pytest.mark.parametrize("text", ["three days", "the past two weeks", "several years", "recently"])
def test_durations_and_vague_words_are_not_dates(text):
    assert resolve(text, PUB) is None


def test_relative_needs_a_publication_date():
    assert resolve("last Friday", None) is None
    assert resolve("in February 2022", None) == "2022-02"


def test_historical_is_over_thirty_days_before_publication():
    assert is_historical("2019", PUB)
    assert is_historical("2024-09", PUB)
    assert not is_historical("2024", PUB)  # the year is not over
    assert not is_historical("2024-10-20", PUB)
    assert not is_historical("2020/2024", PUB)
    assert period_end("2024-02").isoformat() == "2024-02-29"


def _date(nlp, text, trigger, pub=PUB):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    return event_date(tok, find_times(doc, pub), pub)


def test_event_takes_the_time_of_its_own_clause(nlp):
    text = "The minister, who visited Tehran in 2017, praised the deal on Tuesday."
    assert _date(nlp, text, "visited")[:2] == ("2017", "text")
    assert _date(nlp, text, "praised")[:2] == ("2024-11-05", "text")


def test_event_without_a_time_is_dated_by_publication(nlp):
    assert _date(nlp, "Protesters blocked the main highway.", "blocked") == (PUB, "publication", None)


def test_future_clause_resolves_weekdays_forward(nlp):
    assert _date(nlp, "The two ministers will meet in Geneva on Tuesday.", "meet")[0] == "2024-11-12"


def test_following_years_are_anchored_on_the_last_year_mentioned(nlp):
    text = "The two leaders met in Hanoi in 2019. However, the talks seem to have stalled in the following years."
    assert _date(nlp, text, "stalled")[0] == "2020/2024"



def test_deadlines_do_not_date_events(nlp):
    assert _date(nlp, "The peacekeepers must leave the country by the end of the year.", "leave")[1] == "publication"
    assert _date(nlp, "Syria has refused to cooperate with the inspectors since 2021.", "refused")[1] == "publication"
