"""The TIMEX3 rule layer: one time expression's text → its type and value.

This module knows nothing of spaCy.  :func:`normalise` takes the text of a time expression
(already cut to its TimeML extent) and a :class:`TimeContext` (the publication date, the tense
of the governing verb, the narrative anchor, the last quarter, the day named in the same
sentence, the previous dates) and returns a :class:`Timex`, or ``None`` when the text is not a
time expression.  Anchors follow TimeML: "three days ago" counts from the publication date,
"two days later", "the next day", "the week before" from the last day the story named,
"that year" and "a year earlier" from the last date named.  Holidays come from
``resources/time_holidays.tsv`` (fixed days, n-th weekdays, Easter-relative days).

Why our own rules and not dateparser: dateparser resolves to a *datetime*, so it invents a
day for "August", turns "three days" into a date, resolves "Friday" written on a Friday to the
week before, and knows nothing of ISO weeks, quarters, seasons, parts of day or ``PAST_REF``.
TIMEX3 values are granular (``2023-W36``, ``2023-Q3``, ``2023-09-12TAF``), so the value layer
is ours.  dateparser is used only for explicit full dates in formats our patterns do not list
(``languages=["en"]``, all of day, month and year required), where it is exactly right.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from importlib import resources

__all__ = [
    "TimeContext",
    "Timex",
    "holiday_names_re",
    "normalise",
    "normalise_text",
    "shift_months",
]


@dataclass(frozen=True, slots=True)
class TimeContext:
    published: dt.date
    # "past" | "present" | "future" | None: the tense of the verb governing the expression.
    tense: str | None = None
    # The last absolute day mentioned before the expression (TimeML's narrative reference).
    reference: dt.date | None = None
    # The last quarter mentioned in the document, as (year, quarter).
    quarter: tuple[int, int] | None = None
    # A day named elsewhere in the same sentence ("early morning ... today").
    sentence_day: dt.date | None = None
    # The word right after the expression, lower-cased ("the year *ended* Sept. 30").
    following: str | None = None
    # The value of the date named before it in the same sentence ("In February ... a year
    # earlier" is February of the year before).
    previous: str | None = None
    # The value of the last date named anywhere before it ("that year" is that date's year).
    story: str | None = None
    # Whether ``story`` was named after the ``reference`` day (or with no day named before it):
    # then "that day" is a day of that date ("last October ... that same day").
    story_latest: bool = False


@dataclass(frozen=True, slots=True)
class Timex:
    type: str
    value: str
    # What the value was resolved against: a day, or the value of the date the story named
    # before ("that year" after "In 1998" is anchored on "1998").
    anchor: dt.date | str | None = None
    mod: str | None = None
    quant: str | None = None
    freq: str | None = None
    # The day this expression names, when it names one (feeds the narrative reference).
    day: dt.date | None = None
    quarter: tuple[int, int] | None = None


# --- lexicon ------------------------------------------------------------------------------

_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
_FULL_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
# TIMEX3 parts of day.
_PARTS = {
    "morning": "MO", "mornings": "MO", "dawn": "MO", "daybreak": "MO", "sunrise": "MO",
    "afternoon": "AF", "afternoons": "AF", "midday": "MI", "evening": "EV", "evenings": "EV",
    "dusk": "EV", "sunset": "EV", "night": "NI", "nights": "NI", "overnight": "NI",
    "nighttime": "NI", "daytime": "DT", "day time": "DT",
}  # fmt: skip
_PART_RE = "|".join(sorted(_PARTS, key=len, reverse=True))
_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty first": 21, "twenty second": 22, "twenty third": 23, "twenty fourth": 24,
    "twenty fifth": 25, "twenty sixth": 26, "twenty seventh": 27, "twenty eighth": 28,
    "twenty ninth": 29, "thirtieth": 30, "thirty first": 31,
}  # fmt: skip
_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "a": 1, "an": 1, "single": 1,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
# Vague quantities: TIMEX3 writes the number as X.
_VAGUE = ("a few", "few", "several", "some", "many", "a number of", "numerous", "the")
_COUPLE = ("a couple of", "a couple", "couple of", "a pair of")

# unit word -> (TIMEX3 duration letter, is-time-part, multiplier)
_UNITS: dict[str, tuple[str, bool, int]] = {
    "second": ("S", True, 1), "minute": ("M", True, 1), "hour": ("H", True, 1),
    "day": ("D", False, 1), "night": ("D", False, 1), "week": ("W", False, 1),
    "fortnight": ("W", False, 2), "month": ("M", False, 1), "quarter": ("Q", False, 1),
    "year": ("Y", False, 1), "decade": ("Y", False, 10), "century": ("Y", False, 100),
    "millennium": ("Y", False, 1000), "weekend": ("WE", False, 1),
}  # fmt: skip
_UNIT_PLURALS = {
    "seconds": "second", "minutes": "minute", "hours": "hour", "days": "day",
    "nights": "night", "weeks": "week", "fortnights": "fortnight", "months": "month",
    "quarters": "quarter", "years": "year", "decades": "decade", "centuries": "century",
    "millennia": "millennium", "weekends": "weekend", "hrs": "hour", "mins": "minute",
    "secs": "second", "yrs": "year",
}  # fmt: skip
_UNIT_RE = "|".join(sorted([*_UNITS, *_UNIT_PLURALS], key=len, reverse=True))

_PRESENT_REF = frozenset({
    "now", "right now", "just now", "currently", "current", "at present", "presently",
    "the present", "present", "nowadays", "these days", "this time", "at the moment",
    "the moment", "this moment", "today's", "at this point", "this point", "for now",
    "by now", "until now", "so far", "to date", "as of now", "the present time",
    "the current period", "the time being",
})  # fmt: skip
_PAST_REF = frozenset({
    "recently", "recent", "the past", "past", "previously", "formerly", "lately", "earlier",
    "once", "in the past", "the recent past", "the old days", "years past", "some time ago",
    "long ago", "a while ago", "a while back", "recent days", "recent years", "past years",
    "recent times", "the other day", "in recent years", "then current", "more recently",
    "until recently", "most recently", "not long ago", "before",
})  # fmt: skip
_FUTURE_REF = frozenset({
    "soon", "the future", "future", "the near future", "the near term", "the short term",
    "the long term", "the longer term", "the medium term", "near term", "short term",
    "long term", "later", "the coming days", "the days ahead", "the years ahead",
    "some day", "someday", "eventually", "in the future", "shortly",
    "as soon as possible", "the foreseeable future", "down the road", "the future time",
})  # fmt: skip


# --- text clean-up ------------------------------------------------------------------------

_CLEAN_SUBS = (
    (re.compile(r"[’‘`´]"), "'"),
    (re.compile(r"'s\b|s'$"), ""),
    (re.compile(r"(?<=\d),(?=\d{3}\b)"), ""),  # 1,000 -> 1000
    (re.compile(r"\b(a|p)\.\s?m\b\.?"), r"\1m"),
    (re.compile(r"(?<=[a-z])\.(?=\s|$|,)"), ""),  # abbreviations: "Sept." -> "sept"
    (re.compile(r"[\"“”()\[\],;:!?]+(?!\d)"), " "),
    (re.compile(r"(?<=[a-z])-(?=[a-z0-9])|(?<=\d)-(?=[a-z])"), " "),  # third-quarter
    (re.compile(r"\s+"), " "),
    # "2-3 weeks" reads as "2 to 3 weeks" (a count range before a unit, not a date range)
    (
        re.compile(
            r"\b(\d+)\s?[-–]\s?(\d+) (?=(?:second|minute|hour|day|week|month|year|decade)s?\b)"
        ),
        r"\1 to \2 ",
    ),
    (re.compile(r"\bh1 (?=\d{4}\b)"), "the first half of "),  # "H1 2023", as reports write it
    (re.compile(r"\bh2 (?=\d{4}\b)"), "the second half of "),
    # A fortnight is two weeks, and reads as them: "the past fortnight" as "the past two weeks".
    (re.compile(r"\b(?:an?|one) fortnight\b|(?<=\b(?:past|last|next) )fortnight\b"), "two weeks"),
)


def normalise_text(text: str) -> str:
    """Lower-case, abbreviation dots and possessives dropped, hyphens between words spaced."""
    s = text.lower()
    for pattern, repl in _CLEAN_SUBS:
        s = pattern.sub(repl, s)
    return s.strip()


# --- numbers ------------------------------------------------------------------------------

_NUMBER_WORD_RE = (
    r"(?:\d+(?:\.\d+)?|a couple of|a couple|couple of|a pair of|a few|a number of|few|several|"
    r"some|many|numerous|a dozen|dozens of|dozen|half an?|one and a half|"
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?: ?(?:one|two|three|four|five|"
    r"six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred|"
    r"a hundred|one hundred|two hundred|a thousand|one thousand|two thousand|an?|single)"
)


def _number(words: str) -> str | None:
    """A number written in digits or words, as TIMEX3 writes it ("X" when vague)."""
    w = words.strip()
    if re.fullmatch(r"\d+", w):
        return str(int(w))
    if re.fullmatch(r"\d+\.\d+", w):
        return w
    if w in _SMALL:
        return str(_SMALL[w])
    if w in _VAGUE or w in ("dozens of",):
        return "X"
    if w in _COUPLE:
        return "2"
    if w in ("a dozen", "dozen"):
        return "12"
    if w in ("half a", "half an"):
        return "0.5"
    if w == "one and a half":
        return "1.5"
    m = re.fullmatch(r"(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety) ?(\w+)?", w)
    if m:
        tail = _SMALL.get(m.group(2) or "zero", 0) if m.group(2) else 0
        return str(_TENS[m.group(1)] + tail)
    m = re.fullmatch(r"(a|one|two) (hundred|thousand)", w)
    if m:
        base = 1 if m.group(1) in ("a", "one") else 2
        return str(base * (100 if m.group(2) == "hundred" else 1000))
    if w == "hundred":
        return "100"
    return None


# (duration letter, is-time-part) -> the next smaller unit and how many of it make one.
_SMALLER_UNIT = {
    ("Y", False): ("M", 12), ("M", False): ("D", 30), ("D", False): ("H", 24),
    ("H", True): ("M", 60), ("M", True): ("S", 60),
}  # fmt: skip


def _duration_value(number: str, unit: str) -> str | None:
    unit = _UNIT_PLURALS.get(unit, unit)
    if unit not in _UNITS:
        return None
    letter, timepart, mult = _UNITS[unit]
    if letter == "WE":
        return f"P{number}WE" if number != "X" else "PXWE"
    if number != "X" and mult != 1:
        n = float(number) * mult
        number = str(int(n)) if n == int(n) else str(n)
    if number not in ("X",) and "." in number:
        # Fractions of a unit: the whole units, then the rest in the next smaller unit
        # ("2 1/2 years" P2Y6M, "an hour and a half" PT1H30M, "half a day" PT12H).
        n = float(number)
        whole = int(n)
        smaller = _SMALLER_UNIT.get((letter, timepart))
        if smaller is None:
            return None
        rest = (n - whole) * smaller[1]
        if rest != int(rest):
            return None
        small_letter = smaller[0]
        head = f"{whole}{letter}" if whole else ""
        if timepart:
            return f"PT{head}{int(rest)}{small_letter}"
        if small_letter == "H":
            return f"P{head}T{int(rest)}H" if head else f"PT{int(rest)}H"
        return f"P{head}{int(rest)}{small_letter}"
    return f"PT{number}{letter}" if timepart else f"P{number}{letter}"


# --- calendar helpers ---------------------------------------------------------------------


def shift_months(day: dt.date, months: int) -> tuple[int, int]:
    """(year, month) ``months`` months after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _weekday_near(ctx: TimeContext, weekday: int, relation: str | None) -> dt.date:
    """Resolve a weekday: ``last``/``next``/``this`` or, bare, by the tense of its verb."""
    base = ctx.published
    delta = weekday - base.weekday()
    if relation == "last":
        return base - dt.timedelta(days=(-delta) % 7 or 7)
    if relation == "next":
        return base + dt.timedelta(days=delta % 7 or 7)
    if relation == "this":
        # The day of the publication week; a future or past verb moves it off the wrong side.
        day = base + dt.timedelta(days=delta)
        # "this" names the publication week's day; only a verb that looks ahead moves a day
        # already gone to the next week ("will meet this Monday" written on a Friday).
        if ctx.tense == "future" and day < base:
            day += dt.timedelta(days=7)
        # ... and a past verb moves a day still ahead back to the one just gone ("the vote
        # was this Sunday" written on a Tuesday).
        if ctx.tense == "past" and day > base:
            day -= dt.timedelta(days=7)
        return day
    if delta == 0:
        # News writes the publication day's own weekday for that very day, whatever the tense.
        return base
    if ctx.tense == "future":
        return base + dt.timedelta(days=delta % 7)
    return base - dt.timedelta(days=(-delta) % 7)


def _month_year(ctx: TimeContext, month: int, relation: str | None) -> int:
    """The year of a month named without one, by ``last``/``next`` or the verb's tense."""
    year = ctx.published.year
    if relation == "last":
        # The month just gone is "last month"; "last February" written in March is the
        # February of the year before.
        return year if month < ctx.published.month - 1 else year - 1
    if relation == "next":
        return year if month > ctx.published.month else year + 1
    if relation == "this":
        return year
    # News looks back further than it looks ahead: a month up to three ahead of publication
    # is this year's (unless the verb looks ahead, then always), further ahead it is last
    # year's; a month behind is this year's unless it is far behind and the verb looks ahead.
    ahead = month - ctx.published.month
    if ahead > 0:
        return year if ahead <= 3 or ctx.tense == "future" else year - 1
    if ahead < -4 and ctx.tense == "future":
        return year + 1
    return year


def _day_year(ctx: TimeContext, month: int, day: int) -> int:
    """The year of "Sept. 30": the occurrence nearest the publication date."""
    base = ctx.published
    best = base.year
    best_gap: int | None = None
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            gap = (dt.date(year, month, day) - base).days
        except ValueError:
            continue
        if ctx.tense == "past" and gap > 1:
            gap = gap * 4  # a past verb prefers the earlier occurrence
        if ctx.tense == "future" and gap < -1:
            gap = gap * 4

        if best_gap is None or abs(gap) < best_gap:
            best, best_gap = year, abs(gap)
    return best


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year_of(text: str) -> int | None:
    """A year written as digits: 1990, '90, 90 (two digits read in the 20th/21st century)."""
    t = text.lstrip("'")
    if re.fullmatch(r"\d{4}", t):
        return int(t)
    if re.fullmatch(r"\d{2}", t):
        n = int(t)
        return 1900 + n if n > 30 else 2000 + n
    return None


_YEAR_WORDS_RE = re.compile(
    r"(?:(?:the )?year )?(nineteen|twenty)( hundred)?(?: (?:and )?"
    r"((?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?: \w+)?|\w+))?"
)


def _spelled_year(s: str) -> int | None:
    """ "nineteen ninety-six" → 1996; "two thousand" → 2000; "two thousand and three"."""
    m = re.fullmatch(r"(?:(?:the )?year )?two thousand(?: and)?(?: (\w+(?: \w+)?))?", s)
    if m:
        tail = _number(m.group(1)) if m.group(1) else "0"
        return 2000 + int(tail) if tail and tail.isdigit() else None
    m = _YEAR_WORDS_RE.fullmatch(s)
    if m and m.group(3):
        century = 19 if m.group(1) == "nineteen" else 20
        tail = _number(m.group(3))
        if tail and tail.isdigit() and 0 < int(tail) < 100:
            return century * 100 + int(tail)
    return None


# --- the rules ----------------------------------------------------------------------------

_MOD_WORDS = {
    "early": "START", "earlier": None, "the beginning of": "START", "the start of": "START",
    "beginning of": "START", "start of": "START", "late": "END", "later": None,
    "the end of": "END", "end of": "END", "mid": "MID", "the middle of": "MID",
    "middle of": "MID", "the rest of": None, "the remainder of": None, "pre": "BEFORE",
    "post": "AFTER",
}  # fmt: skip
_MOD_PREFIX_RE = re.compile(
    r"^(?P<mod>early|late|mid|earlier|later|pre|post|"
    r"the (?:beginning|start|end|middle|rest|remainder) of|"
    r"(?:beginning|start|end|middle) of)\s"
)
_APPROX_PREFIX_RE = re.compile(
    r"^(?P<mod>about|around|roughly|approximately|some|nearly|almost|more than|over|"
    r"less than|under|at least|at most|no more than|no less than|up to|within|upwards of|"
    r"fewer than|just over|just under|barely|only|just|a little over|a little more than)\s"
)
_APPROX_MODS = {
    "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
    "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "more than": "MORE_THAN",
    "over": "MORE_THAN", "less than": "LESS_THAN", "under": "LESS_THAN",
    "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS", "within": "EQUAL_OR_LESS",
    "upwards of": "MORE_THAN", "fewer than": "LESS_THAN", "just over": "MORE_THAN",
    "just under": "LESS_THAN", "a little over": "MORE_THAN", "a little more than": "MORE_THAN",
}  # fmt: skip

_CLOCK_RE = re.compile(
    r"(?:(?:at|around|about)\s)?(?P<h>\d{1,2})(?:[:.h](?P<m>\d\d))?\s?(?P<ap>am|pm)?"
    r"(?:\s?(?:hours|hrs|h)\b)?"
    r"(?:\s(?:[a-z]{2,4}t|gmt|utc|local time|local|o'clock))?"
    r"|(?P<noon>noon|midday|midnight)"
)
_DAYWORD_RE = re.compile(
    r"\b(?:the day (?P<around>after tomorrow|before yesterday)"
    r"|(today|tonight|yesterday|tomorrow))\b"
)
_WEEKDAY_RE = re.compile(
    r"\b(?:(?P<rel>last|this|next|past|previous|coming|this coming|this past|the previous|"
    r"the following|following|the next|that|the same)\s)?"
    rf"(?P<wd>{_FULL_WEEKDAYS}|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\b"
)
_MONTHDAY_RE = re.compile(
    rf"\b(?P<month>{_MONTH_RE})\s(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s?[-–]\s?\d{{1,2}}\b)?\b(?:\s(?P<year>\d{{4}}|'\d\d))?"
    rf"|\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s(?:of\s)?(?P<month2>{_MONTH_RE})\b(?:\s(?P<year2>\d{{4}}))?"
    rf"|\b(?P<month3>{_MONTH_RE})\s(?:the\s)?(?P<ord>(?:twenty |thirty )?\w+?(?:st|nd|rd|th))\b"
    rf"|\b(?P<iy>\d{{4}})(?P<isep>[-/.])(?P<im>\d\d?)(?P=isep)(?P<id>\d\d?)\b"
    rf"|\b(?P<na>\d{{1,2}})(?P<nsep>[/.-])(?P<nb>\d{{1,2}})(?P=nsep)"
    rf"(?P<ny>\d{{4}}|(?<=/\d/)\d\d|(?<=/\d\d/)\d\d)\b"
)
_PARTWORD_RE = re.compile(
    rf"\b(?:(?P<pmod>early|late|mid|this|last|tomorrow|yesterday)\s)?(?P<part>{_PART_RE})\b"
)


def _numeric_date(
    ctx: TimeContext, year: int | None, first: int, second: int, sep: str
) -> dt.date | None:
    """ "25/08/2023", "8/25/2023", "9.9.2023": which number is the day.  A number above 12
    can only be the day; dots are written day first (European use); when both readings are
    dates, the one nearer the publication date (news dates lie near it), month first on a tie
    as in US wire copy."""
    if year is None:
        return None
    if sep == "." and first <= 31 and second <= 12:
        return _date(year, second, first)
    day_first = _date(year, second, first)
    month_first = _date(year, first, second)
    if day_first is None or month_first is None:
        return day_first or month_first
    base = ctx.published
    if abs((day_first - base).days) < abs((month_first - base).days):
        return day_first
    return month_first


def _point(s: str, ctx: TimeContext) -> Timex | None:
    """A day, possibly with a part of day or a clock time: "Sunday afternoon", "5 pm today"."""
    day: dt.date | None = None
    anchor = ctx.published
    used: list[tuple[int, int]] = []
    granular_day = True
    m = _MONTHDAY_RE.search(s)
    if m:
        used.append(m.span())
        if m.group("iy"):
            day = _date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        elif m.group("na"):
            y = _year_of(m.group("ny"))
            day = _numeric_date(ctx, y, int(m.group("na")), int(m.group("nb")), m.group("nsep"))
        else:
            month = _MONTHS[m.group("month") or m.group("month2") or m.group("month3")]
            if m.group("ord"):
                n = _ORDINALS.get(m.group("ord").replace("-", " "))
                if n is None:
                    digits = re.match(r"\d+", m.group("ord"))
                    n = int(digits.group()) if digits else None
                if n is None:
                    return None
                dnum = n
            else:
                dnum = int(m.group("day") or m.group("day2"))
            ytext = m.group("year") or m.group("year2")
            if ytext is None:
                tail = re.search(r"\b(\d{4})\b", s[m.end() :])
                ytext = tail.group(1) if tail else None
            year = _year_of(ytext) if ytext else _day_year(ctx, month, dnum)
            day = _date(year, month, dnum) if year else None
        if day is None:
            return None
        wd_named = _WEEKDAY_RE.search(s)
        if wd_named:
            used.append(wd_named.span())  # "Saturday, April 25": the date decides
    if day is None:
        w = _DAYWORD_RE.search(s)
        if w:
            used.append(w.span())
            offset = {
                "today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
                "after tomorrow": 2, "before yesterday": -2,
            }[w.group("around") or w.group(2)]  # fmt: skip
            day = ctx.published + dt.timedelta(days=offset)
    if day is None:
        wd = _WEEKDAY_RE.search(s)
        if wd:
            used.append(wd.span())
            rel = wd.group("rel")
            weekday = _WEEKDAYS[wd.group("wd")]
            if (
                rel
                in ("the previous", "the following", "following", "the next", "that", "the same")
                and ctx.reference
            ):
                # Relative to the narrative reference, not the publication date.
                base = ctx.reference
                anchor = base
                delta = weekday - base.weekday()
                if rel in ("the previous",):
                    day = base - dt.timedelta(days=(-delta) % 7 or 7)
                elif rel in ("that", "the same"):
                    day = base + dt.timedelta(days=delta) if abs(delta) < 4 else base
                else:
                    day = base + dt.timedelta(days=delta % 7 or 7)
            else:
                relation = {
                    "past": "last", "previous": "last", "this past": "last",
                    "coming": "next", "this coming": "next",
                }.get(rel or "", rel)  # fmt: skip
                if relation == "next" and rel in ("coming", "this coming"):
                    delta = (weekday - ctx.published.weekday()) % 7
                    day = ctx.published + dt.timedelta(days=delta)
                else:
                    day = _weekday_near(ctx, weekday, relation)
    part: str | None = None
    pm = _PARTWORD_RE.search(s)
    if pm:
        part = _PARTS[pm.group("part")]
        used.append(pm.span())
        if day is None:
            pmod = pm.group("pmod")
            if pm.group("part") == "overnight":
                # The night before the story's day: publication's, or the day the story
                # is on when told in the past.
                story_day = ctx.reference if ctx.tense == "past" and ctx.reference else None
                day = (story_day or ctx.published) - dt.timedelta(days=1)
            elif pmod == "this" or s.startswith("tonight"):
                day = ctx.published
            elif pmod == "last" and part in ("NI", "EV"):
                day = ctx.published - dt.timedelta(days=1)
            elif pmod in ("tomorrow", "yesterday"):
                day = ctx.published + dt.timedelta(days=1 if pmod == "tomorrow" else -1)
            else:
                day = ctx.sentence_day or ctx.reference or ctx.published
                granular_day = day is not None
    clock: str | None = None
    rest = s
    for a, b in sorted(used, reverse=True):
        rest = rest[:a] + " " + rest[b:]
    rest = re.sub(
        r"\b(on|at|in|the|of|early|late|mid|this|last|and|est|edt|gmt|utc|local time|local|"
        r"o'clock|time)\b",
        " ",
        rest,
    ).strip()
    if rest:
        cm = _CLOCK_RE.fullmatch(rest)
        if cm is None:
            return None
        if cm.group("noon"):
            clock = "24:00" if cm.group("noon") == "midnight" else "12:00"
        else:
            hour = int(cm.group("h"))
            minute = int(cm.group("m") or 0)
            ap = cm.group("ap")
            if ap is None and part in ("MO", "AF", "EV", "NI") and 1 <= hour <= 12:
                # "4 in the morning", "8 in the evening": the part of day says am or pm.
                ap = "am" if part == "MO" or (part == "NI" and (hour < 5 or hour == 12)) else "pm"
                part = None
            elif ap is None and cm.group("m") is None:
                return None
            if ap == "pm" and hour < 12:
                hour += 12
            if ap == "am" and hour == 12:
                hour = 0
            if hour > 24 or minute > 59:
                return None
            clock = f"{hour:02d}:{minute:02d}"
        if day is None:
            # A bare clock time belongs to its sentence's day, else to the story's last day
            # when told in the past, else to the publication day.
            story_day = ctx.reference if ctx.tense == "past" else None
            day = ctx.sentence_day or story_day or ctx.published
    if day is None:
        return None
    if clock == "24:00":
        value = f"{day.isoformat()}T24"
    elif clock:
        value = f"{day.isoformat()}T{clock}"
    elif part:
        value = f"{day.isoformat()}T{part}"
    else:
        value = day.isoformat()
    mod = None
    if re.match(r"(early|the beginning of|the start of)\b", s) and not part:
        mod = "START"
    elif re.match(r"(late|the end of)\b", s) and not part:
        mod = "END"
    # Only an expression that names its day feeds the narrative reference ("the morning" does
    # not move it).
    names_day = bool(m or _DAYWORD_RE.search(s) or _WEEKDAY_RE.search(s)) or not part
    return Timex(
        "TIME" if (clock or part) else "DATE",
        value,
        anchor,
        mod=mod,
        day=day if granular_day and names_day else None,
    )


_WEEKDAY_OF_WEEK_RE = re.compile(
    rf"(?:on\s)?(?P<wd>{_FULL_WEEKDAYS})\s(?:of\s)?(?P<week>(?:last|this|next|the following|"
    r"the previous|the same|that) week)"
)


def _weekday_of_week(s: str, ctx: TimeContext) -> Timex | None:
    """ "Tuesday of last week", "Monday last week", "Friday this week": the weekday inside the
    week the rest names."""
    m = _WEEKDAY_OF_WEEK_RE.fullmatch(s)
    if m is None:
        return None
    week = normalise(m.group("week"), ctx)
    if week is None:
        return None
    iso = re.fullmatch(r"(\d{4})-W(\d\d)", week.value)
    if iso is None:
        return None
    day = dt.date.fromisocalendar(
        int(iso.group(1)), int(iso.group(2)), _WEEKDAYS[m.group("wd")] + 1
    )
    return Timex("DATE", day.isoformat(), week.anchor or ctx.published, day=day)


YEAR_SPAN_RE = re.compile(r"(?:the\s)?(?P<first>(?:1[5-9]|20)\d\d)\s?[-–]\s?(?P<last>\d\d)")


def _year_span(s: str) -> Timex | None:
    """ "1950-53", "the 2022-23 season": one DATE whose value is its first year (as TimeML
    gives a range's expression); the stage records the range's two ends."""
    m = YEAR_SPAN_RE.fullmatch(s)
    if m is None or int(m.group("last")) <= int(m.group("first")[2:]):
        return None
    return Timex("DATE", m.group("first"))


_DAY_NUMBER_RE = re.compile(
    rf"(?:on\s)?(?:(?P<wd>{_FULL_WEEKDAYS})\s(?:the\s)?(?P<n>\d{{1,2}})(?:st|nd|rd|th)?"
    r"|the\s(?P<n2>\d{1,2})(?:st|nd|rd|th))"
)


def _day_number(s: str, ctx: TimeContext) -> Timex | None:
    """A day of the month named without its month: "Thursday 14" (the weekday decides the
    month), "on the 10th" (this month's, or by the tense the one before or after)."""
    m = _DAY_NUMBER_RE.fullmatch(s)
    if m is None:
        return None
    number = int(m.group("n") or m.group("n2"))
    base = ctx.published
    candidates: list[dt.date] = []
    for shift in (-1, 0, 1):
        month_index = base.year * 12 + base.month - 1 + shift
        found = _date(month_index // 12, month_index % 12 + 1, number)
        if found is not None:
            candidates.append(found)
    if m.group("wd"):
        weekday = _WEEKDAYS[m.group("wd")]
        # the day number outranks a weekday that no nearby month puts on it
        candidates = [d for d in candidates if d.weekday() == weekday] or candidates
    elif ctx.tense == "past":
        candidates = [d for d in candidates if d <= base] or candidates
    elif ctx.tense == "future":
        candidates = [d for d in candidates if d >= base] or candidates
    if not candidates:
        return None
    day = min(candidates, key=lambda d: abs((d - base).days))
    return Timex("DATE", day.isoformat(), base, day=day)


def _has_point(s: str) -> bool:
    return bool(
        _MONTHDAY_RE.search(s)
        or _DAYWORD_RE.search(s)
        or _WEEKDAY_RE.search(s)
        or _PARTWORD_RE.search(s)
        or re.search(r"\b\d{1,2}(?::\d\d)?\s?[ap]m\b|\b\d{1,2}[:.h]\d\d\b|\bnoon\b|\bmidnight\b", s)
    )


_DECADE_RE = re.compile(r"(?:the\s)?(?:(?P<mod>early|late|mid)\s)?'?(?P<dec>\d{2,3}0)s")
_DECADE_WORD_RE = re.compile(
    r"(?:the\s)?(?:(?P<mod>early|late|mid)\s)?"
    r"(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
)
_CENTURY_RE = re.compile(
    r"(?:the\s)?(?:(?P<mod>early|late|mid)\s)?(?P<ord>\w+?)(?:st|nd|rd|th)?\scentury"
)


_RELATION_ALIASES = {
    "past": "last", "previous": "last", "this past": "last", "coming": "next",
    "this coming": "next", "current": "this",
}  # fmt: skip


def _granular(s: str, ctx: TimeContext) -> Timex | None:
    """Periods with a calendar granularity: years, months, weeks, quarters, seasons, decades."""
    base = ctx.published
    mod: str | None = None
    definite = s.startswith("the ")
    s = re.sub(
        r"^(?:its|their|his|her|our|the company|the)\s"
        r"(?=early|late|mid|fiscal|first|second|third|fourth|latest|current|year)",
        "",
        s,
    )
    mm = _MOD_PREFIX_RE.match(s)
    if mm:
        mod = _MOD_WORDS.get(mm.group("mod"))
        s = s[mm.end() :]
        if re.fullmatch(r"(?:the )?(?:week|month|year|quarter|decade|century)", s):
            # "the end of the month": this month, at its end.
            s = "this " + s.removeprefix("the ")
    if re.fullmatch(r"(?:the )?year end", s):
        return Timex("DATE", str(base.year), mod="END")
    if re.fullmatch(
        r"(?:the )?(?:full|entire|whole|current|present) (?:fiscal |calendar )?year", s
    ):
        return Timex("DATE", str(base.year), mod=mod)
    m = re.fullmatch(r"(?:earlier|later) in the (week|month|year)", s)
    if m:
        s = "this " + m.group(1)
    m = re.fullmatch(
        r"(?:the )?(?:comparable |corresponding |same )?"
        r"(?:year (?:ago|earlier)|(?P<y>\d{4})|last year)"
        r"(?: (?P<ord>first|second|third|fourth))? (?:quarter|period|nine months|six months|half)"
        r"|(?:the )?(?:comparable |corresponding |same )?year (?:ago|earlier)"
        r"|(?:the )?(?:comparable |corresponding |same )?(?:period|quarter) "
        r"(?:a year ago|a year earlier|last year)",
        s,
    )
    if m:
        # "the year-ago quarter", "the 1988 period": the reported quarter, a year before.
        if m.group("ord"):
            q = {"first": 1, "second": 2, "third": 3, "fourth": 4}[m.group("ord")]
            year = (
                int(m.group("y"))
                if m.group("y")
                else (ctx.quarter or _last_full_quarter(base))[0] - 1
            )
            return Timex("DATE", f"{year}-Q{q}", mod=mod)
        quarter = ctx.quarter
        if quarter is not None and quarter > _last_full_quarter(base):
            # An outlook quarter ("through the third quarter of 1990") is not the one reported.
            quarter = _last_full_quarter(base)
        if quarter is None and s.endswith("quarter"):
            quarter = _last_full_quarter(base)  # "the year-ago quarter" names a quarter itself
        if quarter is not None and re.search(r"quarter|period|year (?:ago|earlier)$", s):
            year = int(m.group("y")) if m.group("y") else quarter[0] - 1
            return Timex("DATE", f"{year}-Q{quarter[1]}", mod=mod)
        if m.group("y"):
            return Timex("DATE", m.group("y"), mod=mod)
        return Timex("DATE", str(base.year - 1), mod=mod)
    m = re.fullmatch(
        r"(?:the )?(?P<which>first|last|second|final) (?:two|2) quarters(?: of (?P<y>\d{4}))?"
        r"|(?:the )?(?P<which2>last|latter|final) half(?: of (?P<y2>\d{4}))?",
        s,
    )
    if m:
        half = 1 if m.group("which") == "first" else 2
        y_text = m.group("y") or m.group("y2")
        return Timex("DATE", f"{y_text or base.year}-H{half}", mod=mod)
    m = re.fullmatch(
        rf"(?:the )?(?:coming|next few|upcoming) (?P<u>{_UNIT_RE})"
        rf"|(?:the )?(?P<u2>{_UNIT_RE}) ahead",
        s,
    )
    if m and (m.group("u") or m.group("u2")) in _UNIT_PLURALS:
        value = _duration_value("X", m.group("u") or m.group("u2"))
        return Timex("DURATION", value, mod=mod) if value else None
    m = re.fullmatch(rf"(?:the )?future (?P<u>{_UNIT_RE})", s)
    if m:
        return Timex("DATE", "FUTURE_REF", mod=mod)
    s = re.sub(r"^(fiscal|calendar|the fiscal|the calendar|the)\s", "", s)
    s = re.sub(r"\s(fiscal|calendar)\s", " ", s)
    # Years
    m = re.fullmatch(
        r"(?:fiscal\s|calendar\s|the year\s|year\s)?(\d{4})(?:\s(?:period|year|fiscal year))?", s
    )
    if m and 1000 <= int(m.group(1)) <= 2200:
        return Timex("DATE", m.group(1), mod=mod)
    m = re.fullmatch(r"(?:fiscal\s|fy\s?)'?(\d\d)", s)
    if m:
        return Timex("DATE", str(_year_of(m.group(1))), mod=mod)
    spelled = _spelled_year(s)
    if spelled:
        return Timex("DATE", str(spelled), mod=mod)
    m = _DECADE_RE.fullmatch(s)
    if m:
        dec = m.group("dec")
        if len(dec) == 2:
            dec = ("19" if int(dec) > 20 else "20") + dec
        return Timex(
            "DATE",
            dec[:3],
            mod={"early": "START", "late": "END", "mid": "MID"}.get(m.group("mod") or "", mod),
        )
    m = _DECADE_WORD_RE.fullmatch(s)
    if m:
        # "the nineties": the decade of that name in the publication's century, unless it
        # has not begun yet (then the century before).
        tens = _TENS[m.group("word")[:-3] + "y"] // 10
        start = base.year // 100 * 100 + tens * 10
        if start > base.year:
            start -= 100
        return Timex(
            "DATE",
            str(start)[:3],
            mod={"early": "START", "late": "END", "mid": "MID"}.get(m.group("mod") or "", mod),
        )
    m = _CENTURY_RE.fullmatch(s)
    if m:
        n = _ORDINALS.get(m.group("ord")) or (
            int(m.group("ord")) if m.group("ord").isdigit() else None
        )
        if n:
            return Timex("DATE", f"{n - 1:02d}", mod=mod)
    # Month with or without a year: "August", "last May", "August 1988", "this September".
    m = re.fullmatch(
        r"(?:(?P<rel>last|this|next|past|previous|coming|this past|this coming|current)\s)?"
        rf"(?P<month>{_MONTH_RE})(?:\s(?:of\s)?(?P<year>\d{{4}}|'\d\d|(?:this|last|next) year|"
        r"(?:nineteen|twenty|two thousand).*))?",
        s,
    )
    if m:
        month = _MONTHS[m.group("month")]
        rel = _RELATION_ALIASES.get(m.group("rel") or "", m.group("rel"))
        ytext = m.group("year")
        if ytext is None:
            y = _month_year(ctx, month, rel)
        elif ytext.endswith(" year"):
            y = base.year + {"this": 0, "last": -1, "next": 1}[ytext.split()[0]]
        else:
            found_year = _year_of(ytext) or _spelled_year(ytext)
            if found_year is None:
                return None
            y = found_year
        return Timex("DATE", f"{y}-{month:02d}", mod=mod)
    # Seasons: "this summer", "last fall", "the summer of 1990", "spring 1998".
    m = re.fullmatch(
        r"(?:(?P<rel>last|this|next|past|previous|coming|this past|this coming|current)\s)?"
        r"(?P<season>spring|summer|autumn|fall|winter)(?:\s(?:of\s)?(?P<year>\d{4}|.+))?",
        s,
    )
    if m:
        code = _SEASONS[m.group("season")]
        if m.group("year"):
            named = _year_of(m.group("year")) or _spelled_year(m.group("year"))
            if named is None:
                return None
            y = named
        else:
            rel = m.group("rel")
            season_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
            y = base.year
            if rel in ("last", "past", "previous", "this past"):
                y = base.year if season_month + 2 < base.month else base.year - 1
            elif rel in ("next", "coming", "this coming"):
                y = base.year if season_month > base.month else base.year + 1
            elif rel is None and ctx.tense == "past" and season_month > base.month:
                y = base.year - 1
        return Timex("DATE", f"{y}-{code}", mod=mod)
    # Quarters and halves.
    m = re.fullmatch(
        r"(?:(?P<y1>\d{4})\s"
        r"|(?P<rel>last|this|next|current|previous|latest|same|past|the same)\s(?:year\s)?)?"
        r"(?:(?P<y0>this year|last year|next year)\s)?"
        r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last)\s(?P<unit>quarter|half|quarters)"
        r"(?:\s(?:of\s)?(?:(?P<y2>\d{4})|(?P<y3>this year|last year|next year|the year)))?"
        r"|q(?P<qn>[1-4])(?:\s(?P<y4>\d{4}))?",
        s,
    )
    if m:
        if m.group("qn"):
            n = int(m.group("qn"))
            unit = "quarter"
        else:
            n = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
                 "fourth": 4, "4th": 4, "final": 4, "last": 4}[m.group("ord")]  # fmt: skip
            unit = m.group("unit").rstrip("s")
        if unit == "half" and n > 2:
            return None
        ytext = m.group("y1") or m.group("y2") or m.group("y4")
        rel_year = m.group("y0") or m.group("y3")
        if ytext:
            y = int(ytext)
        elif (
            rel_year in ("last year",)
            or m.group("rel") in ("previous",)
            or s.startswith("last year ")
        ):
            y = base.year - 1
        elif s.startswith("next year "):
            y = base.year + 1
        elif s.startswith("this year "):
            y = base.year
        elif False:
            y = base.year - 1
        elif rel_year == "next year":
            y = base.year + 1
        elif rel_year in ("this year", "the year"):
            y = base.year
        else:
            y = base.year
            # A quarter that has not started by the publication date is last year's, unless
            # the verb looks ahead ("expects fourth-quarter profit").
            start_month = (n - 1) * (3 if unit == "quarter" else 6) + 1
            if start_month > base.month and ctx.tense != "future":
                y -= 1
        if unit == "half":
            return Timex("DATE", f"{y}-H{n}", mod=mod)
        return Timex("DATE", f"{y}-Q{n}", mod=mod, quarter=(y, n))
    # Calendar units relative to now: "last week", "this month", "next year", "the quarter".
    m = re.fullmatch(
        r"(?:(?P<rel>last|this|next|past|previous|coming|current|latest|same|present|the same|"
        r"following|prior|preceding|recent|year ago|year earlier|comparable year ago|"
        r"comparable year earlier|comparable|corresponding)\s)?"
        r"(?P<unit>week|weekend|month|year|quarter|period|decade|century|fiscal year|season|"
        r"fortnight)"
        r"(?P<ago>\sa year ago|\sa year earlier|\slast year|\searlier|\sago)?",
        s,
    )
    if m:
        rel = m.group("rel")
        if (
            rel is None
            and definite
            and m.group("unit") in ("year", "week", "month")
            and ctx.following not in _PERIOD_BOUNDS
        ):
            rel = "this"  # "the year", "the week": the current one, unless "ended Sept. 30"
        return _calendar_unit(rel, m.group("unit"), m.group("ago"), ctx, mod)
    return None


# Words after "the year" that make it a span of a year rather than the calendar year.
_PERIOD_BOUNDS = frozenset({"ended", "ending", "ends", "through", "to", "before", "after", "until"})


def _calendar_unit(
    rel: str | None, unit: str, ago: str | None, ctx: TimeContext, mod: str | None
) -> Timex | None:
    base = ctx.published
    step = 0
    if rel in ("last", "past", "previous", "prior", "preceding"):
        step = -1
    elif rel in ("next", "coming", "following"):
        step = 1
    year_back = rel in (
        "year ago",
        "year earlier",
        "comparable year ago",
        "comparable year earlier",
        "corresponding",
    ) or (ago or "").strip() in ("a year ago", "a year earlier", "last year")
    anchor: dt.date | str | None = None
    if rel in ("following",):
        # "The following month" counts from the story's last date, at the granularity the
        # unit needs ("In March ... The following month" is April, with no day named).
        story_day = _story_day(ctx.story, unit)
        if story_day is not None and (ctx.reference is None or story_day >= ctx.reference):
            base, anchor = story_day, ctx.story
        elif ctx.reference:
            base = anchor = ctx.reference
    if unit in ("year", "fiscal year"):
        if rel is None and not ago:
            return Timex("DURATION", "P1Y", mod=mod)
        return Timex("DATE", str(base.year + step - (1 if year_back else 0)), anchor, mod=mod)
    if unit == "decade":
        if rel is None:
            return Timex("DURATION", "P10Y", mod=mod)
        if step == -1 and rel in ("past", "last"):
            return Timex("DURATION", "P10Y", mod=mod)
        return Timex("DATE", str(base.year // 10 + step)[:3], mod=mod)
    if unit == "century":
        if rel is None:
            return Timex("DURATION", "P100Y", mod=mod)
        return Timex("DATE", f"{base.year // 100 + step:02d}", mod=mod)
    if unit in ("quarter", "period"):
        # "the quarter" is the one being reported: the last one named, if it is over by the
        # publication date, else the last full quarter.
        last_full = _last_full_quarter(base)
        year, q = ctx.quarter if ctx.quarter and ctx.quarter <= last_full else last_full
        if rel in ("this", "current", "present") and unit == "quarter":
            year, q = _quarter_of(base)
        elif rel == "latest":
            year, q = _last_full_quarter(base)
        if year_back:
            return Timex("DATE", f"{year - 1}-Q{q}", mod=mod)
        if step:
            year, q = _last_full_quarter(base) if step == -1 else _quarter_of(base)
            if step == 1:
                index = year * 4 + q
                year, q = index // 4, index % 4 + 1
        if unit == "period" and rel is None:
            return None
        return Timex("DATE", f"{year}-Q{q}", mod=mod, quarter=(year, q))
    if unit == "month":
        if rel is None and not ago:
            return Timex("DURATION", "P1M", mod=mod)
        y, mo = shift_months(base, step - (12 if year_back else 0))
        return Timex("DATE", f"{y}-{mo:02d}", anchor, mod=mod)
    if unit in ("week", "fortnight"):
        if rel is None and not ago:
            return Timex("DURATION", "P1W" if unit == "week" else "P2W", mod=mod)
        return Timex("DATE", _iso_week(base + dt.timedelta(weeks=step)), anchor, mod=mod)
    if unit == "weekend":
        # "this weekend" and a verb that looks ahead name the coming one; otherwise the last.
        ahead = step == 1 or (step == 0 and (rel == "this" or ctx.tense == "future"))
        if step == 0 and base.weekday() >= 5:
            day = base  # written on a weekend day
        elif ahead:
            day = base + dt.timedelta(days=(5 - base.weekday()) % 7 or 7)
        else:
            day = base - dt.timedelta(days=(base.weekday() - 5) % 7 or 7)
        return Timex("DATE", _iso_week(day) + "-WE", mod=mod)
    return None


_STORY_VALUE_RE = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")


def _story_day(story: str | None, unit: str) -> dt.date | None:
    """The story's last date as a day, when it is fine enough for ``unit``."""
    m = _STORY_VALUE_RE.match(story or "")
    if m is None:
        return None
    if unit in ("week", "fortnight", "weekend") and not m.group(3):
        return None
    if unit in ("month", "quarter", "period") and not m.group(2):
        return None
    return _date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))


def _last_full_quarter(day: dt.date) -> tuple[int, int]:
    year, q = _quarter_of(day)
    return (year, q - 1) if q > 1 else (year - 1, 4)


_DURATION_RE = re.compile(
    rf"(?:(?P<rel>the|the past|the last|the next|the first|the final|the coming|the previous|the "
    rf"following|past|last|next|first|another|an additional|the latest|the better part of|the "
    rf"remaining|recent|the recent|the past several|the past few|the next few)\s)?"
    rf"(?:(?P<num>{_NUMBER_WORD_RE})\s(?:or so\s)?(?:(?:to|or|and)\s{_NUMBER_WORD_RE}\s)?"
    r"(?:(?:more|full|straight|consecutive|long|additional|whole|calendar|fiscal|trading|"
    r"business)\s)*)?"
    rf"(?P<unit>{_UNIT_RE})(?:\sor so(?=\sago))?"
    r"(?P<tail>\sor so|\sor more|\sor longer|\sago|\searlier|\slater|\sbefore|\safter|\sback|"
    r"\sfrom now|\shence|\sold|\slong|\sor two)?"
)


_DIGIT_HALF_RE = re.compile(r"\b(\d+)(?:\s?1/2|½)(?=\s)")
_AND_A_HALF_RE = re.compile(
    rf"^(?P<num>{_NUMBER_WORD_RE})\s"
    rf"(?:and a half\s(?P<unit>{_UNIT_RE})|(?P<unit2>{_UNIT_RE})\sand a half)\b"
)


def _halves(s: str) -> str:
    """ "2 1/2 years", "two and a half years", "a minute and a half" → "2.5 years", ..."""
    s = _DIGIT_HALF_RE.sub(lambda m: f"{m.group(1)}.5", s)
    m = _AND_A_HALF_RE.match(s)
    if m:
        number = _number(m.group("num"))
        if number is not None and number.isdigit():
            unit = m.group("unit") or m.group("unit2")
            return f"{number}.5 {unit}{s[m.end() :]}"
    return s


def _duration(s: str, ctx: TimeContext) -> Timex | None:
    """Durations and offsets: "three days", "for two years", "three days ago", "a week later"."""
    mod: str | None = None
    am = _APPROX_PREFIX_RE.match(s)
    if am:
        mod = _APPROX_MODS.get(am.group("mod"))
        s = s[am.end() :]
    s = _halves(s)
    m = _DURATION_RE.fullmatch(s)
    if m is None:
        # "weeks or months", "months and years": the first unit, vague.
        m2 = re.fullmatch(rf"(?P<u1>{_UNIT_RE})\s(?:or|and|to)\s(?P<u2>{_UNIT_RE})", s)
        if m2 and m2.group("u1") in _UNIT_PLURALS:
            value = _duration_value("X", m2.group("u1"))
            return Timex("DURATION", value, mod=mod) if value else None
        return None
    unit = m.group("unit")
    num_text = m.group("num")
    tail = (m.group("tail") or "").strip()
    rel = m.group("rel")
    if tail == "old":
        return None  # an age, not a time
    plural = unit in _UNIT_PLURALS
    if num_text is None:
        if rel in ("the",) and not plural:
            return None  # "the week": a calendar unit, handled elsewhere
        number = "X" if plural else "1"
    else:
        parsed = _number(num_text)
        if parsed is None:
            return None
        number = parsed
        if num_text in ("the",):
            number = "X" if plural else "1"
    # A range ("two to three weeks") keeps its lower bound, as TimeBank does.
    if (
        unit in ("weekend", "weekends")
        and tail not in ("ago", "later", "earlier")
        and (number == "1" and not plural)
    ):
        return None
    if tail in ("ago", "earlier", "later", "before", "after", "back", "from now", "hence"):
        return _offset(number, unit, tail, ctx, mod)
    if rel in ("recent", "the recent") and number == "X" and unit in ("years", "decades"):
        return Timex("DATE", "PAST_REF", mod=mod)
    value = _duration_value(number, unit)
    if value is None:
        return None
    if number == "1" and rel in ("the past", "the last") and unit in ("year", "month", "week"):
        # "the past year": TimeBank reads it as the calendar period before this one.
        return _calendar_unit("last", unit, None, ctx, mod)
    if number == "1" and rel in ("the next", "the coming") and unit in ("year", "month", "week"):
        return _calendar_unit("next", unit, None, ctx, mod)
    return Timex("DURATION", value, mod=mod or ("APPROX" if tail in ("or so",) else None))


def _shift_value(value: str, months: int) -> str | None:
    """A TIMEX3 date value moved by whole months, at its own granularity."""
    m = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?|-Q([1-4]))?", value)
    if m is None:
        return None
    year = int(m.group(1))
    if m.group(4):
        if months % 3:
            return None
        index = year * 4 + int(m.group(4)) - 1 + months // 3
        return f"{index // 4}-Q{index % 4 + 1}"
    if m.group(2) is None:
        return str(year + months // 12) if months % 12 == 0 else None
    y, mo = shift_months(dt.date(year, int(m.group(2)), 1), months)
    if m.group(3) is None:
        return f"{y}-{mo:02d}"
    day = _date(y, mo, int(m.group(3))) or _date(y, mo, 28)
    return day.isoformat() if day else None


def _offset(number: str, unit: str, tail: str, ctx: TimeContext, mod: str | None) -> Timex | None:
    """ "three days ago" (from the publication date), "two days later" (from the reference)."""
    unit = _UNIT_PLURALS.get(unit, unit)
    if tail in ("ago", "back", "from now", "hence"):
        base = ctx.published
    else:
        base = ctx.reference or ctx.published
    sign = 1 if tail in ("later", "after", "from now", "hence") else -1
    if number == "X":
        if unit in ("year", "decade", "century"):
            if sign < 0:
                return Timex("DATE", "PAST_REF", base, mod=mod)
            return Timex("DATE", "FUTURE_REF", base, mod=mod)
        return Timex("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", base, mod=mod)
    n = float(number)
    if n != int(n) and unit not in ("second", "minute", "hour"):
        return None  # "a minute and a half later" is still that day; "2 1/2 years ago" is not
    k = int(n) * sign
    if (
        tail in ("earlier", "later", "before", "after")
        and ctx.previous
        and unit in ("year", "month")
    ):
        shifted = _shift_value(ctx.previous, k * (12 if unit == "year" else 1))
        if shifted is not None:
            return Timex("DATE", shifted, ctx.previous, mod=mod)
    if unit in ("second", "minute", "hour"):
        return Timex(
            "TIME",
            base.isoformat()
            if unit == "hour" and abs(k) >= 12
            else "PRESENT_REF"
            if sign < 0 and tail == "ago"
            else base.isoformat(),
            base,
            mod=mod,
        )
    if unit in ("day", "night"):
        day = base + dt.timedelta(days=k)
        return Timex("DATE", day.isoformat(), base, mod=mod, day=day)
    if unit in ("week", "fortnight"):
        day = base + dt.timedelta(weeks=k * (2 if unit == "fortnight" else 1))
        return Timex("DATE", _iso_week(day), base, mod=mod)
    if unit == "month":
        y, mo = shift_months(base, k)
        return Timex("DATE", f"{y}-{mo:02d}", base, mod=mod)
    if unit == "quarter":
        year, q = _quarter_of(base)
        index = year * 4 + q - 1 + k
        return Timex("DATE", f"{index // 4}-Q{index % 4 + 1}", base, mod=mod)
    if unit == "year":
        if abs(k) == 1 and ctx.quarter is not None and tail in ("ago", "earlier"):
            # In a report about a quarter, "a year ago" is the same quarter a year before.
            year, q = ctx.quarter
            return Timex("DATE", f"{year - 1}-Q{q}", base, mod=mod)
        return Timex("DATE", str(base.year + k), base, mod=mod)
    if unit == "decade":
        return Timex("DATE", str(base.year + 10 * k), base, mod=mod)
    if unit == "century":
        return Timex("DATE", f"{(base.year + 100 * k) // 100:02d}", base, mod=mod)
    return None


_SET_RE = re.compile(
    rf"(?P<q>every|each|per|once a|twice a|once every|every other|once per|twice per|"
    rf"(?P<times>{_NUMBER_WORD_RE}) times (?:a|an|per|every))\s"
    rf"(?:(?P<num>{_NUMBER_WORD_RE})\s)?(?P<what>{_UNIT_RE}|{_FULL_WEEKDAYS}|{_MONTH_RE}|{_PART_RE}|spring|summer|autumn|fall|winter)"
)
_ADVERB_SETS = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
    "quarterly": "P1Q", "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H",
    "semiannually": "P6M", "biannually": "P6M",
}  # fmt: skip


def _set(s: str, ctx: TimeContext) -> Timex | None:
    if s in _ADVERB_SETS:
        return Timex("SET", _ADVERB_SETS[s])
    m = _SET_RE.fullmatch(s)
    if m is None:
        m2 = re.fullmatch(
            rf"(?P<wd>{_FULL_WEEKDAYS})s(?:\s(?P<part>{_PART_RE}))?|(?P<wd2>{_FULL_WEEKDAYS})\s(?P<part2>nights|mornings|afternoons|evenings)",
            s,
        )
        if m2:
            wd = _WEEKDAYS[m2.group("wd") or m2.group("wd2")] + 1
            part = m2.group("part") or m2.group("part2")
            suffix = f"T{_PARTS[part]}" if part else ""
            return Timex("SET", f"XXXX-WXX-{wd}{suffix}")
        return None
    what = m.group("what")
    quant = m.group("q")
    freq = (
        "1X"
        if quant in ("once a", "once every", "once per")
        else "2X"
        if quant in ("twice a", "twice per")
        else f"{_number(m.group('times'))}X"
        if m.group("times") and _number(m.group("times"))
        else None
    )
    quant_attr = quant.upper() if quant in ("every", "each") else None
    if what in _WEEKDAYS:
        return Timex("SET", f"XXXX-WXX-{_WEEKDAYS[what] + 1}", quant=quant_attr, freq=freq)
    if what in _MONTHS:
        return Timex("SET", f"XXXX-{_MONTHS[what]:02d}", quant=quant_attr, freq=freq)
    if what in _SEASONS:
        return Timex("SET", f"XXXX-{_SEASONS[what]}", quant=quant_attr, freq=freq)
    if what in _PARTS:
        return Timex("SET", f"XXXX-XX-XXT{_PARTS[what]}", quant=quant_attr, freq=freq)
    number = _number(m.group("num")) if m.group("num") else "1"
    if number is None:
        return None
    if quant == "every other":
        number = "2"
    value = _duration_value(number, what)
    return Timex("SET", value, quant=quant_attr, freq=freq) if value else None


_REF_PREFIX_RE = re.compile(r"^(?:(?:even|just|only|still|very|as recently as|until|up to)\s)+")


def _reference(s: str) -> Timex | None:
    t = _REF_PREFIX_RE.sub("", s)
    if t in _PRESENT_REF:
        return Timex("DATE", "PRESENT_REF")
    if t in _PAST_REF:
        return Timex("DATE", "PAST_REF")
    if t in _FUTURE_REF:
        return Timex("DATE", "FUTURE_REF")
    if t in _VAGUE_SPANS:
        return Timex("DURATION", "PXX")  # a stretch of no stated unit ("for a while")
    return None


_VAGUE_SPANS = frozenset({"a while", "some time", "a little while", "quite a while"})


@functools.lru_cache(maxsize=2048)
def _dateparser_full_date(text: str) -> dt.date | None:
    """An explicit date with day, month and year in a format our patterns do not list."""
    import dateparser  # imported lazily: it is slow to import and rarely needed

    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True},
    )
    return parsed.date() if parsed else None


_FULL_DATE_HINT_RE = re.compile(rf"\b\d{{4}}\b.*\b({_MONTH_RE})\b|\b({_MONTH_RE})\b.*\b\d{{4}}\b")


@functools.cache
def _holidays() -> dict[str, str]:
    """Holiday name (normalised) → date rule, from ``resources/time_holidays.tsv``."""
    table: dict[str, str] = {}
    raw = resources.files("storyline.resources").joinpath("time_holidays.tsv").read_text("utf-8")
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, rule = line.split("\t")
        table[normalise_text(name)] = rule.strip()
    return table


@functools.cache
def holiday_names_re() -> re.Pattern[str]:
    """The holiday names of the table as a text pattern (for the candidate finder: spaCy's
    small model labels "Thanksgiving Day" an event, or nothing, far more often than DATE)."""
    raw = resources.files("storyline.resources").joinpath("time_holidays.tsv").read_text("utf-8")
    names = [
        line.split("\t")[0]
        for line in raw.splitlines()
        if line.strip() and not line.startswith("#")
    ]
    alternatives = [
        re.escape(name).replace("'", "['’]").replace(r"\ ", r"\s+")
        for name in sorted(names, key=len, reverse=True)
    ]
    # Only a capitalised name (or "last"/"next"/"this" before one) can be a holiday; the
    # lookahead fails fast at every other word of the text.
    return re.compile(
        r"\b(?=[A-Z]|(?i:last|next|this)\s)(?i:(?:(?:last|next|this)\s+)?(?:"
        + "|".join(alternatives)
        + r"))\b"
    )


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month = (h + m - 7 * n + 114) // 31
    day = (h + m - 7 * n + 114) % 31 + 1
    return dt.date(year, month, day)


_DOW = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_NTH_RULE_RE = re.compile(r"(\d\d)/(\w{3})/(-?\d)(?:@(\d+))?")


def _holiday_date(rule: str, year: int) -> dt.date | None:
    """The date a holiday rule gives in ``year``: "12-25", "11/Thu/4", "easter-2"."""
    if rule.startswith("easter"):
        return _easter(year) + dt.timedelta(days=int(rule[len("easter") :]))
    m = _NTH_RULE_RE.fullmatch(rule)
    if m:
        month, weekday, nth = int(m.group(1)), _DOW[m.group(2).lower()], int(m.group(3))
        if nth < 0:
            last = shift_months(dt.date(year, month, 1), 1)
            end = dt.date(last[0], last[1], 1) - dt.timedelta(days=1)
            return end - dt.timedelta(days=(end.weekday() - weekday) % 7)
        first = dt.date(year, month, int(m.group(4) or 1))
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    month_text, _, day_text = rule.partition("-")
    return _date(year, int(month_text), int(day_text))


_HOLIDAY_RE = re.compile(
    r"(?:(?P<rel>last|this|next|this year|last year|next year)\s)?(?:the\s)?(?P<name>.+?)"
    r"(?P<week>\sweek)?(?:\s(?P<year>\d{4})|\s(?P<rel2>this year|last year|next year))?"
)


def _holiday(s: str, ctx: TimeContext) -> Timex | None:
    m = _HOLIDAY_RE.fullmatch(s)
    if m is None or m.group("name") not in _holidays():
        return None
    rule = _holidays()[m.group("name")]
    rel = m.group("rel") or m.group("rel2")
    base = ctx.published
    if m.group("year"):
        date = _holiday_date(rule, int(m.group("year")))
    elif rel in ("last year", "next year", "this year"):
        date = _holiday_date(rule, base.year + {"last": -1, "this": 0, "next": 1}[rel.split()[0]])
    else:
        candidates = [
            d for y in (base.year - 1, base.year, base.year + 1) if (d := _holiday_date(rule, y))
        ]
        if rel == "last":  # the latest one gone by
            date = max((d for d in candidates if d < base), default=None)
        elif rel == "next":
            date = min((d for d in candidates if d > base), default=None)
        elif rel == "this":
            date = _holiday_date(rule, base.year)
        else:
            # The nearest occurrence; a past verb prefers the one gone by, a future verb the next.
            def distance(d: dt.date) -> int:
                gap = (d - base).days
                if (ctx.tense == "past" and gap > 1) or (ctx.tense == "future" and gap < -1):
                    return abs(gap) * 4
                return abs(gap)

            date = min(candidates, key=distance, default=None)
    if date is None:
        return None
    if m.group("week"):
        return Timex("DATE", _iso_week(date))  # "Easter week": the calendar week of the day
    return Timex("DATE", date.isoformat(), day=date)


_NARRATIVE_DAY_RE = re.compile(
    rf"(?:(?:earlier|later|early|late)\s)?(?:"
    rf"(?:the\s|that\s(?=same\s|very\s))?(?P<rel>next|following|previous|preceding|same|very|prior)"
    rf"\s(?P<unit>day|{_PART_RE})"
    rf"|the\s(?P<unit2>day|night|morning|evening)\s(?P<rel2>before|after|earlier|later)"
    rf"|that\s(?P<unit3>day|{_PART_RE})"
    rf"|(?:(?:earlier|later)\sin\s)?(?:the|this)\s(?P<unit4>day)"
    rf")"
)
_NARRATIVE_PERIOD_RE = re.compile(
    r"(?:the\s)?(?P<rel>previous|preceding|prior)\s(?P<unit>week|month|year)"
    r"|the\s(?P<unit2>week|month|year)\s(?P<rel2>before|after|following)"
)


_STORY_PERIOD_RE = re.compile(r"\d{4}(-\d\d)?")
_THAT_RE = re.compile(r"\bthat\s")
_ORDINAL_DAY_RE = re.compile(
    r"(?:the|its|his|her|their|our)\s(?P<ord>[a-z]+(?:\s(?!straight|consecutive|full)[a-z]+)?|\d+(?:st|nd|rd|th))"
    r"\s(?:straight\s|consecutive\s|full\s)?day"
)


def _narrative(s: str, ctx: TimeContext) -> Timex | None:
    """Days and periods told relative to the story's last date: "the next day", "that night",
    "the week before" (TimeML anchors them to that date, not to the publication date)."""
    base = ctx.reference or ctx.published
    m = _ORDINAL_DAY_RE.fullmatch(s)
    if m and (m.group("ord") in _ORDINALS or m.group("ord")[:1].isdigit()):
        # "It is the eighth day of the strike": a day counted in a series is a date, the
        # day of its sentence (today, unless the sentence tells of the past).
        day = ctx.sentence_day or (
            ctx.reference if ctx.tense == "past" and ctx.reference else ctx.published
        )
        return Timex("DATE", day.isoformat(), day)
    m = _NARRATIVE_DAY_RE.fullmatch(s)
    if m:
        rel = m.group("rel") or m.group("rel2") or "same"
        unit = m.group("unit") or m.group("unit2") or m.group("unit3") or m.group("unit4")
        shift = {"next": 1, "following": 1, "after": 1, "later": 1}.get(rel, 0)
        shift = -1 if rel in ("previous", "preceding", "prior", "before", "earlier") else shift
        if m.group("unit4") and s.startswith("the ") and ctx.following in ("after", "before"):
            # "the day after his death": a day from the story's day, as "the day after" is.
            shift = 1 if ctx.following == "after" else -1
        if (
            unit in _PARTS
            and unit in ("night",)
            and rel in ("previous", "preceding", "prior", "before")
        ):
            shift = -1
        period = _STORY_PERIOD_RE.fullmatch(ctx.story or "") if ctx.story_latest else None
        if period is not None and unit == "day" and _THAT_RE.search(s):
            # "that day" points back to the last date the story named: after "last October"
            # it is a day of that month, not one after the last day named before it.
            value = f"{period.group()}-XX" if period.group(1) else f"{period.group()}-XX-XX"
            return Timex("DATE", value, period.group())
        day = base + dt.timedelta(days=shift)
        if unit == "day":
            return Timex("DATE", day.isoformat(), base, day=day)
        return Timex("TIME", f"{day.isoformat()}T{_PARTS[unit]}", base)
    m = _NARRATIVE_PERIOD_RE.fullmatch(s)
    if m:
        rel = m.group("rel") or m.group("rel2")
        unit = m.group("unit") or m.group("unit2")
        step = 1 if rel in ("after", "later", "following") else -1
        if unit == "week":
            return Timex("DATE", _iso_week(base + dt.timedelta(weeks=step)), base)
        if unit == "month":
            y, mo = shift_months(base, step)
            return Timex("DATE", f"{y}-{mo:02d}", base)
        return Timex("DATE", str(base.year + step), base)
    return None


_ANAPHORIC_RE = re.compile(
    r"(?:that|that same|that very|the same|the very same)\s"
    r"(?P<unit>year|month|week|quarter|spring|summer|fall|autumn|winter)"
)


def _anaphoric(s: str, ctx: TimeContext) -> Timex | None:
    """ "that year", "the same month": the period of the last date the story named."""
    m = _ANAPHORIC_RE.fullmatch(s)
    if m is None:
        return None
    unit = m.group("unit")
    parts = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?|-Q([1-4]))?", ctx.story or "")
    if parts is None:
        # Nothing to point back to: the current period is the best guess.
        return _granular(f"this {unit}", ctx)
    year = parts.group(1)
    story = ctx.story
    if unit == "year":
        return Timex("DATE", year, story)
    if unit in _SEASONS:
        return Timex("DATE", f"{year}-{_SEASONS[unit]}", story)
    if unit == "quarter":
        if parts.group(4):
            return Timex("DATE", f"{year}-Q{parts.group(4)}", story)
        if parts.group(2):
            return Timex("DATE", f"{year}-Q{(int(parts.group(2)) - 1) // 3 + 1}", story)
        return None
    if unit == "month" and parts.group(2):
        return Timex("DATE", f"{year}-{parts.group(2)}", story)
    if unit == "week" and parts.group(3):
        day = _date(int(year), int(parts.group(2)), int(parts.group(3)))
        return Timex("DATE", _iso_week(day), story) if day else None
    return None


_PERIOD_OF_RE = re.compile(r"(?:the\s)?(?P<unit>week|weekend|month)\sof\s(?P<rest>.+)")


def _period_of(s: str, ctx: TimeContext) -> Timex | None:
    """ "the week of March 6", "the month of May": the period holding the named point."""
    m = _PERIOD_OF_RE.fullmatch(s)
    if m is None:
        return None
    # "the weekend of 14-15 October": a day range names the period by its first day
    rest = re.sub(r"^(\d{1,2})\s?[-–]\s?\d{1,2}\b", r"\1", m.group("rest"))
    rest = re.sub(r"\b(\d{1,2})\s?[-–]\s?\d{1,2}$", r"\1", rest)
    inner = normalise(rest, ctx)
    if inner is None or inner.type != "DATE":
        return None
    if m.group("unit") == "month":
        return inner if re.fullmatch(r"\d{4}-\d\d", inner.value) else None
    if inner.day is None:
        return None
    week = _iso_week(inner.day)
    value = week + "-WE" if m.group("unit") == "weekend" else week
    return Timex("DATE", value, inner.anchor, day=None)


_DAY_AROUND_RE = re.compile(r"(?:the\s)?day\s(?P<rel>before|after)\s(?P<rest>.+)")


def _day_around(s: str, ctx: TimeContext) -> Timex | None:
    """ "the day before last Tuesday": a day from the named one (as "the day before
    yesterday" is)."""
    m = _DAY_AROUND_RE.fullmatch(s)
    if m is None:
        return None
    inner = normalise(m.group("rest"), ctx)
    if inner is None or inner.day is None or inner.type != "DATE":
        return None
    day = inner.day + dt.timedelta(days=-1 if m.group("rel") == "before" else 1)
    return Timex("DATE", day.isoformat(), inner.day, day=day)


@functools.lru_cache(maxsize=8192)
def normalise(text: str, ctx: TimeContext) -> Timex | None:
    """The TIMEX3 of one time expression, or ``None`` when the rules do not read it.

    Cached: the extent finder asks about the same short strings many times."""
    s = normalise_text(text)
    if not s:
        return None
    found = (
        _reference(s)
        or _narrative(s, ctx)
        or _anaphoric(s, ctx)
        or _holiday(s, ctx)
        or _set(s, ctx)
        or _granular(s, ctx)
        or _period_of(s, ctx)
        or _day_around(s, ctx)
    )
    if found is None:
        found = _day_number(s, ctx) or _weekday_of_week(s, ctx) or _year_span(s)
    if found is None and _has_point(s):
        found = _point(s, ctx)
    if found is None:
        found = _duration(s, ctx)
    if found is None:
        # "early next year", "later this month": the period with a mod.
        mm = _MOD_PREFIX_RE.match(s)
        am = _APPROX_PREFIX_RE.match(s)
        if mm:
            inner = normalise(s[mm.end() :], ctx)
            if inner is not None:
                mod = _MOD_WORDS.get(mm.group("mod"))
                found = Timex(
                    inner.type, inner.value, inner.anchor, mod or inner.mod, day=inner.day
                )
        elif am:
            inner = normalise(s[am.end() :], ctx)
            if inner is not None:
                found = Timex(
                    inner.type,
                    inner.value,
                    inner.anchor,
                    _APPROX_MODS.get(am.group("mod")),
                    day=inner.day,
                )
    if found is None and _FULL_DATE_HINT_RE.search(s):
        day = _dateparser_full_date(text)
        if day is not None:
            found = Timex("DATE", day.isoformat(), day=day)
    if found is None:
        return None
    # Values resolved against the publication date say so; PRESENT_REF/PAST_REF/FUTURE_REF
    # are indexical to it too (TimeML gives them temporalFunction and the DCT as anchor).
    if (
        found.anchor is None
        and found.type in ("DATE", "TIME")
        and (found.value[0].isdigit() or found.value.endswith("_REF"))
    ):
        found = Timex(
            found.type, found.value, ctx.published, found.mod, found.quant, found.freq,
            found.day, found.quarter,
        )  # fmt: skip
    return found
