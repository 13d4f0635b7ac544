"""Wire datelines: found on the first line only, offsets into the text as given, agencies as data."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from whimbrel.datelines import find_dateline, load_datelines


@pytest.mark.parametrize(
    "text, place, date, agency, story",
    [
        ("KYIV, Nov 14 (Reuters) - Russia launched drones.", "KYIV", "Nov 14", "Reuters", "Russia launched"),
        ("WASHINGTON (AP) — The Senate voted.", "WASHINGTON", None, "Associated Press", "The Senate"),
        ("BEIRUT, Lebanon — Israeli jets struck.", "BEIRUT, Lebanon", None, None, "Israeli jets"),
        ("Gaza City, 3 March 2025 (AFP) – Troops moved in.", "Gaza City", "3 March 2025", "Agence France-Presse",
         "Troops moved"),
        ("SAN JUAN, P.R. (AP) -- A storm hit.", "SAN JUAN, P.R.", None, "Associated Press", "A storm"),
        ("Deir al-Balah, Gaza Strip, Nov. 14, 2024 (AP) — Strikes hit.", "Deir al-Balah, Gaza Strip",
         "Nov. 14, 2024", "Associated Press", "Strikes hit"),
        ("Berlin (dpa) - Die Regierung tagte.", "Berlin", None, "dpa", "Die Regierung"),
        ("(Reuters) - The FBI offered a reward.", None, None, "Reuters", "The FBI"),
        ("LONDON (AP/Reuters) — Talks began.", "LONDON", None, "Associated Press", "Talks began"),
        ("LONDON -\nThe Bank of England held rates.", "LONDON", None, None, "The Bank"),
    ],
)
def test_datelines_as_written(text, place, date, agency, story):
    d = find_dateline(text)
    assert (d.place, d.date, d.agency) == (place, date, agency)
    assert text[d.body :].startswith(story)
    assert text[: d.end].rstrip()[-1] in "-–—"


@pytest.mark.parametrize(
    "text",
    [
        "President-elect Donald Trump is allegedly thinking of talks.",
        "Donald Trump — the president-elect — said so.",  # a title-case name needs a date or agency
        "Kyiv — the capital — was hit.",
        "BREAKING — Russia attacks Kyiv.",
        "FILE - In this photo, troops patrol.",
        "KYIV-Moscow talks resumed.",  # a hyphen inside a word is no dash
        "Russia strikes Kyiv\nKYIV (Reuters) - The second line is not a dateline.",
        "KYIV (Reuters) -",  # no story after it
        "",
    ],
)
def test_not_datelines(text):
    assert find_dateline(text) is None


@pytest.mark.parametrize(
    "text, published, day",
    [
        ("KYIV, Nov 14 (Reuters) - x", "2024-11-16", "2024-11-14"),
        ("KYIV, Dec. 31 (Reuters) - x", "2025-01-01", "2024-12-31"),  # filed the day before New Year
        ("KYIV, Nov 14 (Reuters) - x", None, None),  # no year to give it
        ("Gaza City, 3 March 2025 (AFP) – x", None, "2025-03-03"),
        ("SEOUL, Sept. 24, 2023 (Yonhap) -- x", "2030-01-01", "2023-09-24"),
        ("KYIV, Feb 30 (Reuters) - x", "2024-03-01", None),
        ("WASHINGTON (AP) — x", "2024-11-16", None),
    ],
)
def test_the_day_a_dateline_is_dated(text, published, day):
    assert find_dateline(text).day(published) == day


def test_users_add_agencies_in_their_own_file(tmp_path):
    extra = tmp_path / "agencies.yaml"
    extra.write_text("agencies:\n  Harbour Wire: [HW]\nnot_places: [sponsored]\n", encoding="utf-8")
    data = load_datelines((str(extra),))
    assert find_dateline("Valletta (HW) - Malta voted.", data).agency == "Harbour Wire"
    assert find_dateline("SPONSORED — Buy now.", data) is None
    assert find_dateline("Valletta (HW) - Malta voted.") is None  # the packaged data is unchanged


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=120)
       | st.from_regex(r"\A[A-Za-z ,.()/–—-]{0,60}[-–—]\s?[A-Za-z\n ]{0,30}\Z"))
def test_any_text_never_crashes_and_stays_on_the_first_line(text):
    d = find_dateline(text)
    if d is None:
        return
    first_line = text.split("\n", 1)[0]
    assert 0 < d.end <= len(first_line) and d.end <= d.body < len(text)
    assert not text[d.end : d.body].strip() and not text[d.body].isspace()
    assert d.place is None or d.place in first_line


_PLACES = st.sampled_from(["KYIV", "NEW YORK", "BEIRUT, Lebanon", "ST. LOUIS, Mo.", "Gaza City", "São Paulo"])
_DATES = st.sampled_from(["", ", Nov 14", ", 3 March 2025", ", Sept. 24"])
_AGENCIES = st.sampled_from(["", " (Reuters)", " (AP)", " (AFP)", " (Xinhua)"])
_DASHES = st.sampled_from([" - ", " -- ", " — ", " – ", "—", " -\n"])


@given(_PLACES, _DATES, _AGENCIES, _DASHES, st.from_regex(r"\A[A-Z][a-z]{1,10}( [a-z]{1,8}){0,5}\.\Z"))
def test_composed_datelines_are_found_and_the_story_starts_after_the_dash(place, date, agency, dash, story):
    text = f"{place}{date}{agency}{dash}{story}"
    d = find_dateline(text)
    if not place.split(",")[0].isupper() and not (date or agency):
        return  # a title-case place alone is not a dateline (checked above)
    assert d is not None and d.place == place and text[d.body :] == story
    assert d.agency is None if not agency else d.agency in {"Reuters", "Associated Press", "Agence France-Presse", "Xinhua"}
