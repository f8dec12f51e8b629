"""The times stage: TimeML extents and TIMEX3 values resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline import Pipeline
from storyline.export_timeml import to_timeml
from storyline.model import Time
from storyline.stages._timex import TimeContext, Timex, normalise
from tests.conftest import read_article


def _times(pipeline: Pipeline, text: str, published: str) -> dict[str, Time]:
    account = pipeline.extract(text, published, language="en")
    return {t.text: t for t in account.times}


def _value(pipeline: Pipeline, text: str, published: str, phrase: str) -> tuple[str, str]:
    times = _times(pipeline, text, published)
    assert phrase in times, f"{phrase!r} not found among {sorted(times)}"
    return times[phrase].type, times[phrase].value


# --- articles we wrote ------------------------------------------------------------------


def test_ferry_article_durations_dates_and_reported_speech(pipeline: Pipeline) -> None:
    # Published on a Friday.
    times = _times(pipeline, read_article("time_river_ferry.txt"), "2024-03-15")
    # A weekday on the publication day is that day, even with a past verb.
    assert (times["Friday"].type, times["Friday"].value) == ("DATE", "2024-03-15")
    # "for three days" is a duration; "three days ago" a date.
    assert (times["three days"].type, times["three days"].value) == ("DURATION", "P3D")
    assert (times["Three days ago"].type, times["Three days ago"].value) == ("DATE", "2024-03-12")
    # "next week" inside a quote is still the week after publication.
    assert times["next week"].value == "2024-W12"
    assert (times["this morning"].type, times["this morning"].value) == ("TIME", "2024-03-15TMO")
    assert times["2019"].value == "2019"
    assert times["Friday"].anchor == "2024-03-15"


def test_market_article_last_sunday_written_on_a_sunday(pipeline: Pipeline) -> None:
    # Published on Sunday 2024-06-09.
    times = _times(pipeline, read_article("time_sunday_market.txt"), "2024-06-09")
    assert times["last Sunday"].value == "2024-06-02"
    assert times["today"].value == "2024-06-09"
    assert (times["Saturday afternoon"].type, times["Saturday afternoon"].value) == (
        "TIME",
        "2024-06-08TAF",
    )
    assert (times["two hours"].type, times["two hours"].value) == ("DURATION", "PT2H")
    assert (times["a decade"].type, times["a decade"].value) == ("DURATION", "P10Y")
    # A future verb sends a bare weekday and a month forward.
    assert times["Wednesday"].value == "2024-06-12"
    assert times["August"].value == "2024-08"


def test_new_year_article_crosses_the_year_boundary(pipeline: Pipeline) -> None:
    # Published on Tuesday 2024-01-02, in ISO week 2024-W01.
    times = _times(pipeline, read_article("time_new_year.txt"), "2024-01-02")
    assert times["last week"].value == "2023-W52"
    assert times["last December"].value == "2023-12"
    assert times["Monday"].value == "2024-01-01"
    assert times["next month"].value == "2024-02"
    assert times["the first quarter"].value == "2024-Q1"
    assert (times["every day"].type, times["every day"].value) == ("SET", "P1D")
    assert times["now"].value == "PRESENT_REF"


def test_talks_article_narrative_anchor_and_parts_of_day(pipeline: Pipeline) -> None:
    # Published on Wednesday 2024-05-08.
    times = _times(pipeline, read_article("time_summit_talks.txt"), "2024-05-08")
    assert (times["Tuesday evening"].type, times["Tuesday evening"].value) == (
        "TIME",
        "2024-05-07TEV",
    )
    assert times["May 6, 2024"].value == "2024-05-06"
    # "two days later": TimeML's DURATION is "two days" ("later" is its signal), counted
    # from the last date the text named, not from publication.
    assert (times["two days"].type, times["two days"].value) == ("DURATION", "P2D")
    assert times["two days"].anchor == "2024-05-06"
    assert times["Monday"].value == "2024-05-06"
    assert times["next week"].value == "2024-W20"
    assert times["Recently"].value == "PAST_REF"
    assert times["the third quarter"].value == "2024-Q3"


# --- sentences ------------------------------------------------------------------------------


def test_last_week_at_the_iso_year_boundary(pipeline: Pipeline) -> None:
    # 2021-01-05 is in 2021-W01; the week before is 2020-W53 (2020 has 53 ISO weeks).
    text = "The harbour board approved the new tariffs last week."
    assert _value(pipeline, text, "2021-01-05", "last week") == ("DATE", "2020-W53")


def test_part_of_day_in_quotes_takes_the_day_of_its_sentence(pipeline: Pipeline) -> None:
    text = "The convoy left the depot “late evening” (local time) yesterday, officials said."
    times = _times(pipeline, text, "2022-11-03")
    assert "late evening" in times, sorted(times)
    assert times["late evening"].value == "2022-11-02TEV"
    assert times["yesterday"].value == "2022-11-02"


def test_weekday_with_part_of_day_is_one_expression(pipeline: Pipeline) -> None:
    text = "The climbers reached the summit on Saturday night and returned safely."
    assert _value(pipeline, text, "2023-02-14", "Saturday night") == ("TIME", "2023-02-11TNI")


def test_future_weekday_resolves_forward(pipeline: Pipeline) -> None:
    text = "The governor will sign the budget on Monday, her office said."
    assert _value(pipeline, text, "2023-06-21", "Monday") == ("DATE", "2023-06-26")


def test_extent_drops_preposition_and_parenthesis(pipeline: Pipeline) -> None:
    text = "The museum reopened on Thursday morning (local time) after repairs."
    times = _times(pipeline, text, "2023-03-10")
    assert "Thursday morning" in times, sorted(times)
    assert times["Thursday morning"].value == "2023-03-09TMO"


# --- the rule layer on its own --------------------------------------------------------------


PUBLISHED = dt.date(2023, 9, 12)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("this Tuesday", None, ("DATE", "2023-09-12")),
        ("this Wednesday", None, ("DATE", "2023-09-13")),
        ("Sunday afternoon", "past", ("TIME", "2023-09-10TAF")),
        ("Last week", None, ("DATE", "2023-W36")),
        ("Friday", "past", ("DATE", "2023-09-08")),
        ("Friday", "future", ("DATE", "2023-09-15")),
        ("Tuesday", "past", ("DATE", "2023-09-12")),
        ("next Tuesday", None, ("DATE", "2023-09-19")),
        ("tomorrow night", None, ("TIME", "2023-09-13TNI")),
        ("5 p.m.", None, ("TIME", "2023-09-12T17:00")),
        ("Sept. 30, 2021", None, ("DATE", "2021-09-30")),
        ("June", "past", ("DATE", "2023-06")),
        ("November", "past", ("DATE", "2023-11")),
        ("January", "future", ("DATE", "2024-01")),
        ("October", "future", ("DATE", "2023-10")),
        ("this summer", None, ("DATE", "2023-SU")),
        ("the 1980s", None, ("DATE", "198")),
        ("the third quarter", None, ("DATE", "2023-Q3")),
        ("next year", None, ("DATE", "2024")),
        ("two years ago", None, ("DATE", "2021")),
        ("six months", None, ("DURATION", "P6M")),
        ("the past three weeks", None, ("DURATION", "P3W")),
        ("several years", None, ("DURATION", "PXY")),
        ("every week", None, ("SET", "P1W")),
        ("currently", None, ("DATE", "PRESENT_REF")),
        ("the future", None, ("DATE", "FUTURE_REF")),
    ],
)
def test_normalise(text: str, tense: str | None, expected: tuple[str, str]) -> None:
    timex = normalise(text, TimeContext(published=PUBLISHED, tense=tense))
    assert timex is not None, text
    assert (timex.type, timex.value) == expected


def test_normalise_rejects_ages_and_plain_numbers() -> None:
    ctx = TimeContext(published=PUBLISHED)
    assert normalise("52 years old", ctx) is None
    assert normalise("the meeting", ctx) is None


def test_narrative_expressions_anchor_on_the_story_date(pipeline: Pipeline) -> None:
    text = (
        "The cargo ship Aurora ran aground on March 3, 2022. The next day, divers reached the "
        "hull. The week before, the ship had failed an inspection in Gdansk."
    )
    times = _times(pipeline, text, "2022-03-20")
    assert times["March 3, 2022"].value == "2022-03-03"
    next_day = times.get("The next day") or times["next day"]
    assert (next_day.value, next_day.anchor) == ("2022-03-04", "2022-03-03")
    week_before = times.get("The week before") or times["week before"]
    assert week_before.value == "2022-W08"


def test_fixed_holiday_and_this_weekend(pipeline: Pipeline) -> None:
    text = "The market opens this weekend and will close on Christmas Eve."
    times = _times(pipeline, text, "2023-12-06")  # a Wednesday
    assert times["this weekend"].value == "2023-W49-WE"
    assert times["Christmas Eve"].value == "2023-12-24"


def test_year_range_splits_and_comparison_keeps_the_month(pipeline: Pipeline) -> None:
    text = (
        "In February, wool exports fell 9% from a year earlier. The cooperative's plan covers "
        "2025-2027, and the day after tomorrow its board meets."
    )
    times = _times(pipeline, text, "2024-03-04")
    assert times["February"].value == "2024-02"
    assert times["a year earlier"].value == "2023-02"
    assert times["2025"].value == "2025" and times["2027"].value == "2027"
    assert times["the day after tomorrow"].value == "2024-03-06"


def test_bare_part_of_day_takes_the_nearest_day_of_its_sentence(pipeline: Pipeline) -> None:
    text = "Patrols went out overnight Tuesday, and the fire reached the ridge at dawn on Thursday."
    times = _times(pipeline, text, "2021-08-13")  # a Friday
    assert times["dawn"].value == "2021-08-12TMO"


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Thanksgiving", "2024-01-10", "2023-11-23"),  # fourth Thursday of November
        ("Easter", "2025-05-02", "2025-04-20"),  # Gregorian computus
        ("Good Friday", "2025-05-02", "2025-04-18"),
        ("Memorial Day", "2024-05-08", "2024-05-27"),  # last Monday of May
        ("Election Day", "2024-05-08", "2024-11-05"),  # Tuesday after the first Monday
        ("Christmas last year", "2024-05-08", "2023-12-25"),
        ("last Christmas", "2024-12-28", "2024-12-25"),
    ],
)
def test_holidays_resolve_by_their_rule(text: str, published: str, expected: str) -> None:
    timex = normalise(text, TimeContext(published=dt.date.fromisoformat(published)))
    assert timex is not None and (timex.type, timex.value) == ("DATE", expected)


def test_rail_article_this_weekdays_and_quoted_part_of_day(pipeline: Pipeline) -> None:
    # Published on Tuesday 2025-02-04, in ISO week 2025-W06.
    times = _times(pipeline, read_article("time_rail_strike.txt"), "2025-02-04")
    assert times["this Monday"].value == "2025-02-03"  # earlier in the publication week
    assert times["this Thursday"].value == "2025-02-06"
    # “before dawn” (local time) today: no preposition, no quotes, no parenthesis.
    assert (times["dawn"].type, times["dawn"].value) == ("TIME", "2025-02-04TMO")
    assert times["Last week"].value == "2025-W05"
    assert times["Friday evening"].value == "2025-01-31TEV"


def test_orchard_article_ranges_carry_begin_and_end(pipeline: Pipeline) -> None:
    # Published on Tuesday 2023-09-12.
    account = pipeline.extract(read_article("time_orchard_ranges.txt"), "2023-09-12", language="en")
    times: dict[str, Time] = {}
    for time in account.times:
        times.setdefault(time.text, time)  # the first mention of each text
    # "from Monday to Wednesday" in a future frame: the coming Monday, and the Wednesday after
    # it (not the day after publication).
    monday, wednesday = times["Monday"], times["Wednesday"]
    assert (monday.value, wednesday.value) == ("2023-09-18", "2023-09-20")
    for end in (monday, wednesday):
        assert (end.range_begin, end.range_end) == ("2023-09-18", "2023-09-20")
    assert (times["March"].range_begin, times["May"].range_end) == ("2023-03", "2023-05")
    assert (times["2019"].range_begin, times["2021"].range_end) == ("2019", "2021")
    # A year written only on the end belongs to the begin too.
    assert times["Aug. 26"].value == "2022-08-26"
    assert (times["Aug. 26"].range_begin, times["Aug. 26"].range_end) == (
        "2022-08-26",
        "2022-10-20",
    )
    # An end before its begin moves on a year: December to the February after it.
    assert (times["December"].range_begin, times["February"].range_end) == ("2023-12", "2024-02")
    # "Monday and Friday" are two days, not a stretch.
    fridays = [t for t in account.times if t.text == "Friday"]
    assert fridays and all(t.range_begin is None for t in fridays)


def test_canal_article_narrative_anchors_are_the_story_dates(pipeline: Pipeline) -> None:
    times = _times(pipeline, read_article("time_canal_history.txt"), "2023-09-12")
    assert (times["That year"].value, times["That year"].anchor) == ("1998", "1998")
    # "The following month" counts from the month the story named, not from publication.
    following = times["The following month"]
    assert (following.value, following.anchor) == ("2004-04", "2004-03")
    # "a year earlier" in the sentence of "February 2005" is February 2004, anchored on it.
    earlier = times["a year earlier"]
    assert (earlier.value, earlier.anchor) == ("2004-02", "2005-02")
    assert (times["2 1/2 years"].type, times["2 1/2 years"].value) == ("DURATION", "P2Y6M")
    # "later in the day" is the day the story is on (TimeML's extent is "the day").
    assert (times["the day"].type, times["the day"].value) == ("DATE", "2010-06-03")
    assert (times["The next day"].value, times["The next day"].anchor) == (
        "2010-06-04",
        "2010-06-03",
    )
    # spaCy labels only "week" here; the extent takes "The following" and the value the
    # week after the story's day.
    assert (times["The following week"].value, times["The following week"].anchor) == (
        "2010-W23",
        "2010-06-04",
    )


def test_harvest_article_holidays_effective_dates_and_last_month_names(
    pipeline: Pipeline,
) -> None:
    # Published on Wednesday 2024-03-06.
    times = _times(pipeline, read_article("time_harvest_notes.txt"), "2024-03-06")
    # Holiday names are found even when spaCy does not label them DATE.
    assert times["Thanksgiving Day"].value == "2023-11-23"
    assert times["last Thanksgiving"].value == "2023-11-23"
    # "take effect June 1" looks ahead.
    assert times["June 1"].value == "2024-06-01"
    # Written in March, "last February" is not the month just gone but the year before's.
    assert times["last February"].value == "2023-02"
    assert (times["an hour and a half"].type, times["an hour and a half"].value) == (
        "DURATION",
        "PT1H30M",
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("two and a half years", "P2Y6M"),
        ("5 1/2 hours", "PT5H30M"),
        ("a minute and a half", "PT1M30S"),
        ("a day and a half", "P1DT12H"),
        ("half a year", "P6M"),
    ],
)
def test_fractional_durations_take_the_next_smaller_unit(text: str, value: str) -> None:
    timex = normalise(text, TimeContext(published=dt.date(2023, 9, 12)))
    assert timex is not None and (timex.type, timex.value) == ("DURATION", value)


def test_year_ago_period_compares_with_the_reported_quarter_not_an_outlook() -> None:
    # The last quarter named was an outlook (Q3 1990); the reported quarter is 1989-Q3.
    ctx = TimeContext(published=dt.date(1989, 10, 26), quarter=(1990, 3))
    timex = normalise("the year-ago period", ctx)
    assert timex is not None and timex.value == "1988-Q3"


def test_ferry_strike_article_listed_days_and_trimmed_extents(pipeline: Pipeline) -> None:
    # Published on Friday 2024-02-09.
    times = _times(pipeline, read_article("time_ferry_strike.txt"), "2024-02-09")
    # "April 24 and 25": the bare day number takes the month (and year) of the date before.
    assert times["April 24"].value == "2024-04-24"
    assert (times["25"].type, times["25"].value) == ("DATE", "2024-04-25")
    # "the early hours of" and "as long as" stay outside TimeML's extent.
    assert (times["Thursday morning"].type, times["Thursday morning"].value) == (
        "TIME",
        "2024-02-08TMO",
    )
    assert (times["a month"].type, times["a month"].value) == ("DURATION", "P1M")
    assert (times["soon"].type, times["soon"].value) == ("DATE", "FUTURE_REF")
    assert times["soon"].anchor == "2024-02-09"  # indexical: resolved against publication
    # "the week following" the story's last day (Thursday 2024-02-08, ISO week 6).
    assert times["the week following"].value == "2024-W07"
    # Nothing the rules cannot read is reported (no XXXX-XX-XX placeholders).
    assert all(not t.value.startswith("XXXX-XX-XX") for t in times.values())


def test_december_article_year_boundaries_going_forward(pipeline: Pipeline) -> None:
    # Published on Friday 2024-12-27, in ISO week 2024-W52; the next Monday opens 2025-W01.
    times = _times(pipeline, read_article("time_december_rink.txt"), "2024-12-27")
    # The publication day's own weekday, told with a past verb, is that day.
    assert (times["Friday"].type, times["Friday"].value) == ("DATE", "2024-12-27")
    assert (times["two weeks"].type, times["two weeks"].value) == ("DURATION", "P2W")
    # "next month" written in December is January of the next year.
    assert (times["next month"].value, times["next month"].anchor) == ("2025-01", "2024-12-27")
    # "next week" inside reported speech: still the week after publication, in the next ISO year.
    assert times["next week"].value == "2025-W01"
    # A plan for "January" written in December looks ahead into the next year.
    assert times["January"].value == "2025-01"
    assert times["next year"].value == "2025"
    assert (times["hours"].type, times["hours"].value) == ("DURATION", "PTXH")
    assert times["Christmas Eve"].value == "2024-12-24"
    assert (times["three days ago"].type, times["three days ago"].value) == ("DATE", "2024-12-24")


def test_dock_article_series_days_deadlines_and_days_around_events(pipeline: Pipeline) -> None:
    # Published on Friday 2025-03-14.
    account = pipeline.extract(read_article("time_dock_strike.txt"), "2025-03-14", language="en")
    found = [(t.text, t.type, t.value) for t in account.times]
    # A day counted in a series is a date: today.
    assert ("the eighth day", "DATE", "2025-03-14") in found
    # The part of day tells am from pm; the day is the story's (today).
    assert ("4 in the morning", "TIME", "2025-03-14T04:00") in found
    # A deadline extended "until Tuesday" lies ahead, though the extending is done.
    assert ("Tuesday", "DATE", "2025-03-18") in found
    # "weeks or months": one vague duration.
    assert ("weeks or months", "DURATION", "PXW") in found
    # A time fronted before "planned" dates the planning: the Monday gone by.
    assert ("Monday", "DATE", "2025-03-10") in found
    # "since" looks back: the September before, though the next one is nearer.
    assert ("Sept. 1", "DATE", "2024-09-01") in found
    # "March 6, the day before the strike" renames March 6; "the day after the stoppage"
    # is the day after the story's day, March 7.
    days = [(t.value, t.anchor) for t in account.times if t.text == "the day"]
    assert days == [("2025-03-06", "2025-03-06"), ("2025-03-08", "2025-03-07")]


def test_discourse_now_quoted_titles_and_someones_year_are_not_times(pipeline: Pipeline) -> None:
    text = (
        'Now, the minister says, the plan is settled. She spoke on the radio show "This Week" '
        "and said it had not been the party's year. The bridge is now open."
    )
    found = [(t.text, t.value) for t in pipeline.extract(text, "2023-05-10", language="en").times]
    assert found == [("now", "PRESENT_REF")]


def test_greetings_modifiers_and_titles_named_today_are_not_times(pipeline: Pipeline) -> None:
    text = (
        "Good evening from the harbour. The mayor spoke on a morning radio show and told "
        "Coastline Today that the pier reopens tomorrow."
    )
    found = [(t.text, t.value) for t in pipeline.extract(text, "2023-05-10", language="en").times]
    assert found == [("tomorrow", "2023-05-11")]


def test_overnight_told_in_the_past_is_the_night_before_the_storys_day(pipeline: Pipeline) -> None:
    text = "On Thursday, shares in Oslo fell after overnight losses in Tokyo."
    times = _times(pipeline, text, "2023-05-15")  # a Monday; that Thursday was 2023-05-11
    assert (times["overnight"].type, times["overnight"].value) == ("TIME", "2023-05-10TNI")


def test_planning_participle_takes_the_tense_of_its_clause(pipeline: Pipeline) -> None:
    published = "2024-06-10"  # a Monday
    held = "The vote planned for Friday was held in the town hall, the clerk said."
    assert _value(pipeline, held, published, "Friday") == ("DATE", "2024-06-07")
    coming = "The vote planned for Friday will be held in the town hall, the clerk said."
    assert _value(pipeline, coming, published, "Friday") == ("DATE", "2024-06-14")


def test_the_week_of_a_day_is_that_days_iso_week(pipeline: Pipeline) -> None:
    text = "The appeal may be heard the week of March 6, a court clerk said."
    # Published 2023-02-20; 2023-03-06 is the Monday of ISO week 10.
    assert _value(pipeline, text, "2023-02-20", "the week of March 6") == ("DATE", "2023-W10")


def test_the_day_before_a_named_day_is_one_expression(pipeline: Pipeline) -> None:
    text = "The day before last Tuesday's hearing, the two lawyers met for lunch."
    times = _times(pipeline, text, "2024-02-29")  # a Thursday; last Tuesday was 2024-02-27
    day = times["The day before last Tuesday"]
    assert (day.type, day.value, day.anchor) == ("DATE", "2024-02-26", "2024-02-27")


def test_for_a_while_is_a_duration_of_no_stated_unit(pipeline: Pipeline) -> None:
    text = "Residents will have to live without the bridge for a while, the engineer said."
    assert _value(pipeline, text, "2023-05-10", "a while") == ("DURATION", "PXX")


def test_a_stretch_later_is_a_duration_without_the_word_later(pipeline: Pipeline) -> None:
    text = (
        "The ferry Marisol left Tarvik harbour on June 3, 2022. Three days later it docked in "
        "Brest, and a minute and a half later the crew were ashore."
    )
    times = _times(pipeline, text, "2022-06-10")
    assert (times["Three days"].type, times["Three days"].value) == ("DURATION", "P3D")
    assert times["Three days"].anchor == "2022-06-03"
    assert _value(pipeline, text, "2022-06-10", "a minute and a half") == ("DURATION", "PT1M30S")
    # "a year earlier" is still the date a year before (TimeBank's financial comparisons).
    text = "Sales at Orvane rose to $4 million in the quarter, from $3 million a year earlier."
    assert _value(pipeline, text, "2022-10-20", "a year earlier")[0] == "DATE"


def test_recent_before_a_proper_name_is_part_of_the_name(pipeline: Pipeline) -> None:
    text = "He could be charged under the recent Clean Harbours Act, officials said."
    assert "recent" not in _times(pipeline, text, "2023-05-10")
    text = "He was charged after recent talks failed, officials said."
    assert _value(pipeline, text, "2023-05-10", "recent") == ("DATE", "PAST_REF")


def test_a_holiday_week_is_the_calendar_week_of_the_holiday(pipeline: Pipeline) -> None:
    # Easter Sunday 2023 was April 9, in ISO week 14.
    text = "Pilgrims crowded the old town of Varel as Easter week began, the mayor said."
    assert _value(pipeline, text, "2023-04-03", "Easter week") == ("DATE", "2023-W14")


def test_last_year_compared_in_a_quarterly_report_is_that_quarter(pipeline: Pipeline) -> None:
    text = (
        "Orvane Mills earned $5 million in the third quarter, compared with $4 million last "
        "year. Last year the mill also closed a plant."
    )
    times = [(t.text, t.value) for t in pipeline.extract(text, "2023-10-20", language="en").times]
    assert ("last year", "2022-Q3") in times
    assert ("Last year", "2022") in times  # no comparison: the calendar year


def test_an_era_named_by_today_or_tomorrow_is_not_a_day(pipeline: Pipeline) -> None:
    text = (
        "The mayor of Tarvik said today's youth read less. He wants to build the schools of "
        "tomorrow and said the future of the harbour was bright. Today's vote was close."
    )
    found = [(t.text, t.value) for t in pipeline.extract(text, "2023-05-10", language="en").times]
    # Only "Today's vote" is the day's.
    assert found == [("Today", "2023-05-10")]


def test_soon_told_in_the_past_is_not_the_future(pipeline: Pipeline) -> None:
    past = "The money from Varel was a trickle that soon became a flood."
    assert "soon" not in _times(pipeline, past, "2023-05-10")
    ahead = "The harbour board will soon vote on the new tariffs."
    assert _value(pipeline, ahead, "2023-05-10", "soon") == ("DATE", "FUTURE_REF")


def test_timeml_export_gives_a_stretch_later_its_begin_point(pipeline: Pipeline) -> None:
    text = "The Marisol left Tarvik on June 3, 2022. Three days later it docked in Brest."
    account = pipeline.extract(text, "2022-06-10", language="en")
    timeml = to_timeml(account, text)
    assert '<TIMEX3 tid="t1" type="DATE" value="2022-06-03"' in timeml
    assert 'type="DURATION" value="P3D" temporalFunction="false"' in timeml
    assert 'beginPoint="t1">Three days</TIMEX3> later' in timeml


def test_that_same_day_is_the_story_day(pipeline: Pipeline) -> None:
    text = (
        "The Tarvik dam failed on Oct. 23, 2021. The mayor resigned that same day, and the "
        "council met that same week."
    )
    times = _times(pipeline, text, "2022-03-01")
    assert (times["that same day"].type, times["that same day"].value) == ("DATE", "2021-10-23")
    assert times["that same week"].value == "2021-W42"


def test_that_day_after_a_month_is_a_day_of_that_month(pipeline: Pipeline) -> None:
    # The last date named ("last March") is a month, named after the last day (Tuesday).
    text = (
        "The Varel council met Tuesday. Two mayors resigned, most recently last March when "
        "Ilse Moran was voted out. Her portrait was taken down that same day."
    )
    assert _value(pipeline, text, "2023-10-12", "that same day") == ("DATE", "2023-03-XX")
    # After a day, "that day" is still that day.
    text = "The Tarvik dam failed on Oct. 23, 2021. The mayor resigned that day."
    assert _value(pipeline, text, "2022-03-01", "that day") == ("DATE", "2021-10-23")


def test_that_day_in_a_generic_present_is_no_date(pipeline: Pipeline) -> None:
    text = (
        "Traders at the Orvane exchange said sales rose in September. When a rumour spreads, "
        "you have heavy selling that day and for two days after."
    )
    assert "that day" not in _times(pipeline, text, "2023-10-12")


def test_a_clock_time_of_an_event_already_dated_is_on_that_day(pipeline: Pipeline) -> None:
    text = (
        "Dr. Ansel Brode was shot last Oct. 12 at his farm near Tarvik. A rifle was found "
        "on March 3 in the woods behind the barn, police said on Monday. Brode was shot at "
        "9 p.m. as he fed his horses."
    )
    assert _value(pipeline, text, "2023-03-09", "9 p.m.") == ("TIME", "2022-10-12T21:00")
    # A clock time of another event keeps the story's last day.
    text = (
        "Dr. Ansel Brode was shot last Oct. 12 at his farm near Tarvik. A rifle was found "
        "on March 3 at 9 a.m. in the woods behind the barn."
    )
    assert _value(pipeline, text, "2023-03-09", "9 a.m.") == ("TIME", "2023-03-03T09:00")


def test_a_unit_long_compound_is_a_duration(pipeline: Pipeline) -> None:
    text = (
        "Lawyers for the Moran family left their third day-long meeting with Varel officials, "
        "the latest round of a decades-long feud over the mill."
    )
    assert _value(pipeline, text, "2023-05-10", "day-long") == ("DURATION", "P1D")
    assert _value(pipeline, text, "2023-05-10", "decades-long") == ("DURATION", "PXY")


def test_a_march_named_as_an_event_is_not_the_month(pipeline: Pipeline) -> None:
    text = "Police watched the crowd at the annual March for Peace in Varel on Saturday."
    assert "March" not in _times(pipeline, text, "2023-01-23")
    text = "The council of Varel met in March to discuss the bridge."
    assert _value(pipeline, text, "2023-05-10", "March") == ("DATE", "2023-03")


def test_dawn_modifying_a_noun_is_no_time(pipeline: Pipeline) -> None:
    text = "Agents seized the boy in a pre-dawn raid on the house in Varel."
    assert "dawn" not in _times(pipeline, text, "2023-04-23")
    text = "Agents raided the house in Varel at dawn on Saturday."
    assert "dawn" in _times(pipeline, text, "2023-04-23")


def test_a_year_with_pre_or_post_is_that_year_before_or_after(pipeline: Pipeline) -> None:
    text = "The post-1962 politics of Varel split many families, the mayor said."
    times = _times(pipeline, text, "2023-05-10")
    assert (times["post-1962"].type, times["post-1962"].value) == ("DATE", "1962")
    assert times["post-1962"].mod == "AFTER"
    assert normalise("pre-1990s", TimeContext(published=dt.date(2023, 5, 10))) == Timex(
        "DATE", "199", dt.date(2023, 5, 10), mod="BEFORE"
    )


@pytest.mark.parametrize(
    ("text", "extent", "begin", "end"),
    [
        (
            "The next council meeting is set for July 18-19.",
            "July 18-19",
            "2024-07-18",
            "2024-07-19",
        ),
        ("The fair will run 3-5 October in Tartu.", "3-5 October", "2024-10-03", "2024-10-05"),
        (
            "Talks were held on 12-14 May 2023 in Oslo.",
            "12-14 May 2023",
            "2023-05-12",
            "2023-05-14",
        ),
    ],
)
def test_a_run_of_days_in_one_month_is_a_range(
    pipeline: Pipeline, text: str, extent: str, begin: str, end: str
) -> None:
    times = _times(pipeline, text, "2024-06-07")
    found = times[extent]
    assert (found.value, found.range_begin, found.range_end) == (begin, begin, end)


def test_numbers_before_a_month_that_are_no_days_stay_out(pipeline: Pipeline) -> None:
    times = _times(pipeline, "Prices rose 3-5 percent in March.", "2024-06-07")
    assert list(times) == ["March"] and times["March"].range_begin is None


@pytest.mark.parametrize(
    ("sentence", "month", "expected"),
    [
        # A scheduled month after a copula or "due in" lies ahead ...
        ("The regional election is in October, the commission said.", "October", "2023-10"),
        ("The vote, due in November, could be delayed again.", "November", "2023-11"),
        # ... as does one the tagger read as a noun phrase ("runs" as a plural noun) ...
        ("The book fair runs in October.", "October", "2023-10"),
        # ... and a month well behind publication with a verb that looks ahead is next year's.
        ("Construction of the bridge starts in January.", "January", "2024-01"),
        ("The new law will come into force in January.", "January", "2024-01"),
        # A noun that is no verb keeps its verbless line in the past.
        ("Record sales in October.", "October", "2022-10"),
        # Past verbs and past participles keep last year's month.
        ("The talks took place in October.", "October", "2022-10"),
    ],
)
def test_bare_month_takes_its_year_from_the_clause(
    pipeline: Pipeline, sentence: str, month: str, expected: str
) -> None:
    # Published on Wednesday 14 June 2023.
    assert _value(pipeline, sentence, "2023-06-14", month) == ("DATE", expected)


def test_clock_times_frequencies_and_fortnights(pipeline: Pipeline) -> None:
    # Published on Tuesday 12 September 2023.
    text = (
        "The convoy reached the border at 10:30 local time on Sunday. The truce took effect "
        "at midnight on Saturday. Ferries now sail three times a week and twice a day in "
        "summer; elections are held once every four years. The inquiry lasted a fortnight "
        "and a verdict is due two weeks from now. The talks ended late Monday and resume "
        "early Thursday."
    )
    times = _times(pipeline, text, "2023-09-12")
    # A clock time takes the day its sentence names, wherever that day stands.
    assert (times["10:30"].type, times["10:30"].value) == ("TIME", "2023-09-10T10:30")
    assert times["midnight"].value == "2023-09-09T24"
    # Frequencies are SETs with TimeML's freq.
    week = times["three times a week"]
    assert (week.type, week.value, week.freq) == ("SET", "P1W", "3X")
    assert (times["twice a day"].value, times["twice a day"].freq) == ("P1D", "2X")
    assert (times["once every four years"].value, times["once every four years"].freq) == (
        "P4Y",
        "1X",
    )
    # A fortnight is two weeks; "from now" counts forward as "ago" counts back.
    assert (times["a fortnight"].type, times["a fortnight"].value) == ("DURATION", "P2W")
    assert (times["two weeks from now"].type, times["two weeks from now"].value) == (
        "DATE",
        "2023-W39",
    )
    # A bare verb form joined to a past one ("ended ... and resume") is a present: ahead.
    assert times["early Thursday"].value == "2023-09-14"


@pytest.mark.parametrize(
    ("sentence", "phrase", "expected"),
    [
        # A number above 12 can only be the day; dots are written day first.
        ("The accord was signed on 25/08/2023 in Skopje.", "25/08/2023", "2023-08-25"),
        ("The accord was signed on 8/25/2023 in Skopje.", "8/25/2023", "2023-08-25"),
        ("The accord was signed on 9.9.2023 in Skopje.", "9.9.2023", "2023-09-09"),
        ("The accord was signed on 2023/09/09 in Skopje.", "2023/09/09", "2023-09-09"),
        # Both readings are dates: the one nearer publication (3 September, not 9 March).
        ("The accord was signed on 03/09/2023 in Skopje.", "03/09/2023", "2023-09-03"),
    ],
)
def test_numeric_dates_in_either_order(
    pipeline: Pipeline, sentence: str, phrase: str, expected: str
) -> None:
    assert _value(pipeline, sentence, "2023-09-12", phrase) == ("DATE", expected)


def test_the_early_hours_of_a_day_are_that_day(pipeline: Pipeline) -> None:
    times = _times(
        pipeline, "The train crossed the border in the early hours of Monday.", "2023-09-12"
    )
    assert [(t.text, t.value) for t in times.values()] == [("Monday", "2023-09-11")]


def test_wire_clock_and_day_forms(pipeline: Pipeline) -> None:
    # Published on Tuesday 12 September 2023; the forms translated wire copy uses.
    text = (
        "The talks began on the 10th at 14:00 hours and ended at 16.30 on the 11th. "
        "The envoy left at 09h15 on Sunday. The cabinet will meet on Thursday 14. "
        "Inflation rose to 12.30 percent and the shares closed at 16.30 euros on the 11th floor."
    )
    times = _times(pipeline, text, "2023-09-12")
    assert times["the 10th"].value == "2023-09-10"
    assert times["the 11th"].value == "2023-09-11"
    assert (times["14:00 hours"].type, times["14:00 hours"].value) == ("TIME", "2023-09-10T14:00")
    assert times["09h15"].value == "2023-09-10T09:15"
    assert times["Thursday 14"].value == "2023-09-14"
    # Decimals and floors are no times.
    assert "12.30" not in times and "16.30 euros" not in times
    assert times["16.30"].value == "2023-09-11T16:30"  # the clock, on its nearest named day
    assert not [t for t in times if "floor" in t]


def test_part_of_day_of_a_named_day_is_one_expression(pipeline: Pipeline) -> None:
    text = (
        "The ministers met on the afternoon of Sunday; the convoy left in the morning of "
        "3 September."
    )
    times = _times(pipeline, text, "2023-09-12")
    assert times["the afternoon of Sunday"].value == "2023-09-10TAF"
    assert times["the morning of 3 September"].value == "2023-09-03TMO"
    assert len(times) == 2


def test_weekday_inside_a_named_week_and_that_day(pipeline: Pipeline) -> None:
    # Published on Tuesday 12 September 2023.
    text = (
        "The minister arrived on Tuesday of last week and leaves on Friday this week; the vote "
        "is on Wednesday next week. On 3 September the convoy left Kyiv. Later that day it "
        "reached Lviv. A day later, two days earlier, nothing moved."
    )
    times = _times(pipeline, text, "2023-09-12")
    assert times["Tuesday of last week"].value == "2023-09-05"
    assert times["Friday this week"].value == "2023-09-15"
    assert times["Wednesday next week"].value == "2023-09-20"
    assert times["Later that day"].value == "2023-09-03"
    # A comma joins the parts of one date only, not two narrative expressions.
    assert times["two days earlier"].value == "2023-09-01"
    assert not [t for t in times if "," in t]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # An appointment "for" a weekday lies ahead, and so does what "is expected" on it ...
        ("Union leaders have called a general strike for Thursday.", "2025-03-06"),
        ("A joint statement is expected on Thursday.", "2025-03-06"),
        # ... but not a past expectation, an owner, or a plan told in the simple past.
        ("A joint statement was expected on Thursday.", "2025-02-27"),
        ("Police blamed the group for Thursday's attack.", "2025-02-27"),
        ("A vigil planned for Thursday was cancelled.", "2025-02-27"),
    ],
)
def test_appointments_for_a_weekday(pipeline: Pipeline, sentence: str, expected: str) -> None:
    # Published on Tuesday 4 March 2025.
    assert _value(pipeline, sentence, "2025-03-04", "Thursday") == ("DATE", expected)


def test_a_gerund_takes_the_tense_of_the_verb_it_hangs_from(pipeline: Pipeline) -> None:
    # Published on Tuesday 14 October 2025.
    sentence = (
        "The two leaders are expected to sign an accord on sharing the waters of the river "
        "on Wednesday, according to a draft."
    )
    assert _value(pipeline, sentence, "2025-10-14", "Wednesday") == ("DATE", "2025-10-15")
    past = "He was arrested after leading a march on Sunday."
    assert _value(pipeline, past, "2025-10-14", "Sunday") == ("DATE", "2025-10-12")


def test_a_past_verb_does_not_hang_from_a_later_day(pipeline: Pipeline) -> None:
    # Published on Wednesday 9 October 2024.
    text = (
        "The convoy crossed the border on Wednesday. The ministers are expected to meet on "
        "Friday. According to local media, the convoy left the port city at dawn."
    )
    times = _times(pipeline, text, "2024-10-09")
    assert times["Friday"].value == "2024-10-11"
    assert times["dawn"].value == "2024-10-09TMO"


def test_period_of_a_day_range_counts_and_halves(pipeline: Pipeline) -> None:
    # Published on Tuesday 12 September 2023.
    text = (
        "The fair is on the weekend of 14-15 October and the vote in the week of 9 October. "
        "Repairs will take 2-3 weeks. Sales fell in H1 2023 and rose in Q4 2022."
    )
    times = _times(pipeline, text, "2023-09-12")
    assert times["the weekend of 14-15 October"].value == "2023-W41-WE"
    assert times["the week of 9 October"].value == "2023-W41"
    assert (times["2-3 weeks"].type, times["2-3 weeks"].value) == ("DURATION", "P2W")
    assert times["H1 2023"].value == "2023-H1"
    assert times["Q4 2022"].value == "2022-Q4"


def test_weekday_with_its_ordinal_day(pipeline: Pipeline) -> None:
    text = "The president had met the foreign minister on Monday the 11th."
    assert _value(pipeline, text, "2024-03-14", "Monday the 11th") == ("DATE", "2024-03-11")


def test_this_weekday_moves_with_the_tense(pipeline: Pipeline) -> None:
    # Published on Tuesday 12 September 2023.
    assert _value(pipeline, "The vote was this Sunday.", "2023-09-12", "this Sunday")[1] == (
        "2023-09-10"
    )
    assert _value(pipeline, "The vote is this Sunday.", "2023-09-12", "this Sunday")[1] == (
        "2023-09-17"
    )


def test_year_spans_are_one_date_with_both_ends(pipeline: Pipeline) -> None:
    text = "Veterans of the 1950-53 war met; the club won the 2022-23 season. He is 52 years old."
    account = pipeline.extract(text, "2023-09-12", language="en")
    spans = [(t.text, t.value, t.range_begin, t.range_end) for t in account.times]
    assert spans == [("1950-53", "1950", "1950", "1953"), ("2022-23", "2022", "2022", "2023")]
