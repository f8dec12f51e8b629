"""The times stage: time expressions with TimeML extents and TIMEX3 values.

Candidates are spaCy's DATE/TIME entities plus a lexical pattern for what the small model
misses ("now", "recently", "Sept. 30", "5 p.m.", weekdays).  Adjacent candidates merge
("Sunday" + "afternoon"), ranges split ("Aug. 26 to Oct. 20"), and extents are cut as TimeML
cuts them: no leading preposition, no quotes, no trailing parenthesis or possessive.  Each
expression is then normalised by the rule layer in :mod:`._timex` against the publication
date, with the tense of its governing verb and the document's narrative reference (the last
day named before it).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from collections.abc import Iterable

import numpy
from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token

from ..doc import TimeRecord, published_of, text_of
from ._timex import YEAR_SPAN_RE, TimeContext, Timex, holiday_names_re, normalise

__all__ = ["TimesStage", "find_times"]

# Words spaCy's small model rarely labels DATE/TIME but TimeML annotates.  Matched
# case-insensitively except months and weekdays, which must be capitalised (the verb "may").
_LEXICAL_RE = re.compile(
    # The leading \b fails fast inside words (the scan runs over every article's text).
    r"\b(?:"
    r"(?i:\b(?<!as )soon\b(?! as\b| after\b| afterwards\b))|"
    r"(?i:\b(?:right now|just now|now|currently|at present|presently|nowadays|these days|"
    r"recently|lately|the near future|the near term|the short term|"
    r"the long term|the future|the past|the (?:latest|comparable|corresponding) period|"
    r"today|tonight|yesterday|tomorrow|overnight|"
    r"(?:(?:later|earlier) )?that (?:day|morning|afternoon|evening|night)|"
    r"(?:the|that) (?:following|previous|preceding|same|very) "
    r"(?:day|week|month|year|morning|evening|night)|"
    r"the weekend|(?:every|each) (?:day|week|month|year|quarter|morning|night|evening|"
    r"spring|summer|fall|winter|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day))\b)"
    r"|(?i:(?<=\bfor )(?:a while|a little while|quite a while|some time)\b)"
    r"|(?i:\b(?:hours?|days?|weeks?|months?|years?|decades?|century|centuries)-long\b)"
    r"|(?i:\b(?:pre|post)-(?:1[5-9]|20)\d\ds?\b)"
    r"|(?i:\b(?:dawn|daybreak|dusk|(?:early|late) (?:morning|afternoon|evening|night))\b)"
    r"|\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
    r"|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.? \d{1,2}(?:st|nd|rd|th)?\b(?:, \d{4})?"
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December) \d{1,2}(?:st|nd|rd|th)?\b(?:, \d{4})?"
    r"|\b\d{1,2}(?::\d\d)? ?[ap]\.m\.(?: [A-Z]{2,3}T\b)?"
    r")"
)
_HOUR_OF_PART_RE = re.compile(
    r"\b(?:[1-9]|1[0-2])(?::[0-5]\d)?(?: o'clock)? "
    r"(?:in the (?:morning|afternoon|evening)|at night)\b"
)
# Fortnights and frequencies ("a fortnight ago", "three times a week"), scanned only in texts
# that have the words (a separate pattern keeps _LEXICAL_RE's scan short).
_RARE_LEXICAL_RE = re.compile(
    r"(?i)\b(?:(?:a|the past|the last|the next|one|two|three|four) fortnights?"
    r"(?: ago| from now)?"
    r"|(?:once|twice|(?:two|three|four|five|six|seven|eight|nine|ten|\d+) times) "
    r"(?:a|an|per|every) (?:day|week|month|year|quarter|decade|hour))\b"
)
_RARE_WORDS_RE = re.compile(r"(?i)fortnight|times|once|twice")
_SMALL_HOURS_OF_RE = re.compile(r"(?i)\b((?:the\s+)?(?:early|small|wee)\s+hours)\s+of\b")
_CLOCK_24_RE = re.compile(
    r"\b(?:at|from|until|till|by|before|after|since|between|and|to) "
    r"(?P<t>(?:[01]?\d|2[0-3])[:.h][0-5]\d(?:\s?(?:hours|hrs)\b|h\b)?)"
    # not a decimal: "rose to 12.30 percent", "at 16.30 euros"
    r"(?![\d.,:]\d|\s?(?:%|per\s?cent|points?\b|[a-z]*illion|bn\b|m\b|[A-Z]{3}\b|"
    r"dollars|euros|pounds|yuan|rubles|roubles|yen|rupees|kilo|km\b|met|tonnes|degrees))"
)
_ORDINAL_DAY_RE = re.compile(
    r"\b(?:on|since|until|till|by|from|between|and|or|to) "
    r"(?P<t>the (?:[12]?\d|3[01])(?:st|nd|rd|th))\b(?=\s*(?:[,.;:)]|$|(?:and|or|to|when|as)\b))"
)
_MONTH_NAME_RE = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_DAY_BEFORE_MONTH_RE = re.compile(
    r"(?<![\d.,])\b(?:[12]?\d|3[01])(?:st|nd|rd|th)?(?:\s?[-–]\s?(?:[12]?\d|3[01])(?:st|nd|rd|th)?)?"
    r"\s+(?:of\s+)?$"
)
_YEAR_SPAN_CANDIDATE_RE = re.compile(
    r"\b(?<![\d./-])(?P<t>(?:1[5-9]|20)\d\d\s?[-–]\s?\d\d)(?![\d./-])"
)
_HALF_YEAR_RE = re.compile(r"(?P<t>\b[HQ][1-4] (?:19|20)\d\d)\b")  # "H1 2023", "Q3 2024"
_NUMERIC_DATE_RE = re.compile(
    r"\b(?<![\d./-])"
    r"(?P<t>\d{4}(?P<a>[-/.])\d{1,2}(?P=a)\d{1,2}|\d{1,2}(?P<b>[/.-])\d{1,2}(?P=b)\d{4}"
    r"|\d{1,2}/\d{1,2}/\d\d)"
    r"(?![\d/-]|\.\d)"
)
# Counted units are found from the unit word back (a scan for the unit is much cheaper than
# one trying every number at every position).
_UNIT_WORD_RE = re.compile(
    r"(?i)\b(?:seconds|minutes|hours|days|weeks|months|years|decades|centuries)\b(?! old\b)"
    r"(?: ago\b| from now\b| hence\b)?"
)
_COUNT_BEFORE_RE = re.compile(
    r"(?i)\b(?:\d+\s?[-–]\s?\d+|\d+(?:\.\d+)?(?: 1/2)?|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|fifteen|twenty|thirty|forty|fifty|sixty|a few|several|a couple of)"
    r" (?:more |full |straight |consecutive |additional )?$"
)
# Adjectives that sound like times but TimeBank does not annotate ("current account" aside).
_RELATION_PREFIX_RE = re.compile(r"^(?:last|next|this)\s+", re.I)
_LEXICAL_ADJECTIVES = frozenset({"current", "recent"})
_SET_ADVERBS = frozenset({"daily", "weekly", "monthly", "yearly", "hourly", "nightly"})
_WORD_CUES_RE = re.compile(r"(?i)\b(?:daily|weekly|monthly|yearly|hourly|nightly|current|recent)\b")

# Leading words that are not part of a TimeML extent.
_LEADING_RE = re.compile(
    r"^(?:(?:on|in|at(?! least| most)|by|since|until|till|from|for|during|between|through|"
    r"throughout|to|before|after|of|into|as of|as early as|as late as|as soon as|as recently as|"
    r"sometime|some time|just|only|barely|both|even|also|and|or|but|with|when|than|while|its|their|"
    r"starting|beginning|ending|ended|late in|early in|within the|over the|as long as|"
    r"(?:the\s+)?(?:early|small|wee)\s+hours\s+of)\s+)+",
    re.I,
)
_ARTICLE_BEFORE_POINT_RE = re.compile(
    r"^an?\s+(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\b(?<!decade)|\d{4}\b|"
    r"\d+(?:st|nd|rd|th)\b|(?:first|second|third|fourth)[- ]quarter|year-(?:earlier|ago))",
    re.I,
)
_TRAILING_RE = re.compile(
    r"(?:[\s,;:!?\"'“”‘’()\[\]\-–—]|(?<![ap]\.m)\.|(?<=\w)['’]s|\s(?:and|or|but|to|of|the|a|an|in|on|at))+$",
    re.I,
)
_LEADING_PUNCT_RE = re.compile(r"^[\s\"'“”‘’(\[\-–—,;:.]+")
_RANGE_SPLIT_RE = re.compile(
    r"\s+(?:to|through|thru|until|till|and|or|-|–|—)\s+|(?<=\d)\s?[-–]\s?(?=[A-Z])"
    r"|(?<=\b\d{4})[-–/](?=\d{4}\b)"
    r"|\s+(?:ended|ending|ends)\s+"
)
_DURATION_OF_RE = re.compile(
    r"^(?P<left>.*\b(?:days|weeks|months|years|quarters|half))\s+of\s+(?P<right>.+)$", re.I
)
_AGE_RE = re.compile(r"\b(?:years?|months?|weeks?|days?)[- ]old\b|^\d{1,3}$|^\d{5,}$", re.I)
_TIME_WORD_RE = re.compile(
    r"(?i)\b(?:day|days|week|weeks|month|months|year|years|quarter|quarters|decade|decades|"
    r"century|hour|hours|minute|minutes|season|spring|summer|fall|autumn|winter|morning|"
    r"afternoon|evening|night|weekend|period|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|today|yesterday|tomorrow|tonight)\b"
    r"|\b\d{4}s?\b"
)
_PART_ONLY_RE = re.compile(
    r"(?i)^(?:(?:the|this|early|late|mid|in the)\s+)?(?:morning|afternoon|evening|night|"
    r"midday|noon|dawn|daybreak)$"
)
# A clock time with no day of its own ("at 10:30 local time on Sunday", "midnight on
# Saturday"): like a bare part of day, it is on the day its sentence names.
_CLOCK_ONLY_RE = re.compile(
    r"(?i)(?:about |around )?"
    r"(?:\d{1,2}[:.h]\d\d(?: ?[ap]\.?m\.?| ?hours| ?hrs)?|\d{1,2} ?[ap]\.?m\.?|noon|midnight)"
    r"(?: [A-Z]{2,4}| local time)?"
)
_LEFT_EXTENDERS = frozenset({
    "this", "last", "next", "that", "each", "every", "early", "late", "mid", "these", "those",
})  # fmt: skip
_UNIT_WORDS = frozenset({
    "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years",
    "decade", "decades", "century", "centuries",
})  # fmt: skip
_NARRATIVE_ADJECTIVES = frozenset({"following", "previous", "preceding", "prior", "same"})
_SINGULAR_UNITS = frozenset({
    "second", "minute", "hour", "day", "week", "fortnight", "month", "quarter", "year",
    "decade", "century",
})  # fmt: skip
_STATIVE = frozenset({
    "be", "have", "say", "tell", "report", "know", "think", "believe", "remain", "seem",
    "show", "estimate", "contain", "own", "hold", "include", "mean", "continue", "need",
})  # fmt: skip
# Verbs whose object is an appointment: the time they carry is the appointment's.
_SCHEDULING = frozenset({
    "schedule", "reschedule", "postpone", "delay", "adjourn", "defer", "slate", "plan",
})  # fmt: skip
# Verbs whose past looks like their present; the tagger often calls the past VBP.
_SAME_PAST_FORMS = frozenset({
    "hurt", "cut", "set", "put", "hit", "let", "cost", "quit", "shut", "spread", "split",
    "bet", "cast", "burst", "read", "beat", "bid", "slit", "thrust", "upset",
})  # fmt: skip
_MODALS = frozenset({"may", "might", "should"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would", "going", "gon"})
_FUTURE_HEADS = frozenset({
    "plan", "expect", "schedule", "set", "due", "intend", "hope", "aim", "want", "agree",
    "prepare", "propose", "seek", "try", "promise", "vow", "threaten", "like", "wish",
    "going", "likely", "able", "ready", "poised", "slate", "anticipate", "await",
})  # fmt: skip


class TimesStage:
    def __init__(self, verbs: frozenset[str] = frozenset()) -> None:
        self.verbs = verbs

    def __call__(self, doc: Doc) -> Doc:
        doc._.sl_times.extend(find_times(doc, self.verbs))
        return doc


def find_times(doc: Doc, verbs: frozenset[str] = frozenset()) -> list[TimeRecord]:
    """The time expressions of ``doc`` with TIMEX3 type and value.

    ``verbs`` are the base forms that can be verbs (the lemmatizer's index): with them a
    verbless sentence whose root noun is such a word ("The fair runs in October") is read
    as the present tense the tagger missed."""
    published = published_of(doc)
    text = text_of(doc)
    index = _TokenIndex(doc)
    spans = _candidates(doc, text, index)
    records: list[TimeRecord] = []
    reference: dt.date | None = None
    past_reference: dt.date | None = None  # the last day named that is not after publication
    quarter: tuple[int, int] | None = None
    pending: list[tuple[int, TimeRecord, int, int]] = []  # part-of-day waiting for its day
    sentence_days: dict[int, list[tuple[int, dt.date]]] = {}
    previous: str | None = None  # the last date value, and its sentence
    previous_sentence = -2
    previous_at = reference_at = -1  # where the last date and the last day were named
    event_days: dict[str, dt.date] = {}  # event verb (lemma) → the day a date gave it
    for start, end in spans:
        surface = text[start:end]
        if _DISCOURSE_NOW_RE.match(text, start) and index.opens_sentence(start):
            continue  # "Now, he says, ...": a discourse marker, not the present time
        if _QUOTE_BEFORE_RE.search(text, max(0, start - 2), start) and _TITLED_UNIT_RE.search(
            surface
        ):
            continue  # a quoted title ("This Week", "60 Minutes") names a show, not a time
        if _NAMED_TODAY_RE.fullmatch(surface) and _MID_SENTENCE_RE.search(
            text, max(0, start - 4), start
        ):
            continue  # "USA Today", "This is VOA Today": a title mid-sentence, not the day
        if _GREETING_RE.search(text, max(0, start - 6), start) or (
            _BARE_PART_RE.fullmatch(surface) and index.modifies_noun(start)
        ):
            continue  # "Good evening", "a morning talk show": no time is told
        if _BARE_UNIT_RE.fullmatch(surface) and (
            _POSSESSOR_BEFORE_RE.search(text, max(0, start - 12), start)
            or _POSSESSOR_BEFORE_RE.match(surface)
        ):
            continue  # "the company's year", "his day in court": someone's, not the calendar's
        if _GENERIC_NOW_RE.fullmatch(surface) and (
            _GENERIC_AFTER_RE.match(text, end)
            or (
                _OF_BEFORE_RE.search(text, max(0, start - 4), start)
                and not _POSSESSIVE_AFTER_RE.match(text, end)
            )
        ):
            continue  # "today's youth", "the cars of tomorrow", "the future of the town": an era
        if (
            surface == "March"
            and _NAMED_MARCH_RE.match(text, end)
            and _MARCH_DETERMINER_RE.search(text, max(0, start - 8), start)
        ):
            continue  # "the annual March for Life": a protest march's name, not the month
        token = index.root(start, end)
        sentence = index.sentence(token.i) if token is not None else -1
        tense = _tense_at(text, start, token, verbs)
        if _THAT_DAY_RE.search(surface) and (
            tense == "present" or (reference is None and previous is None)
        ):
            # "when news hits, you get redemptions that day": a day in a generic present
            # (or with no date named before) points back to nothing the story dated.
            continue
        if tense == "past" and _SOON_RE.fullmatch(surface):
            continue  # "the trickle soon became a flood": soon after the story's event, not now
        ctx = TimeContext(
            published=published,
            tense=tense,
            # What a past verb tells happened by publication: it hangs from the last day
            # named up to then, not from a later one ("the meeting is expected on Friday.
            # ... the convoy left at dawn").
            reference=past_reference
            if tense == "past" and reference is not None and reference > published
            else reference,
            quarter=quarter,
            following=_following_word(text, end, records, start),
            previous=previous if previous_sentence == sentence else None,
            story=previous,
            story_latest=previous_at > reference_at,
        )
        timex = normalise(surface, ctx)
        verb = _governing_verb(token) if token is not None else None
        if (
            timex is not None
            and verb is not None
            and tense == "past"
            and _CLOCK_ONLY_RE.fullmatch(surface)
            and verb in event_days
        ):
            # "He was shot to death last Oct. 23 ... was shot to death at 10 p.m.": a clock
            # time told of an event the story already dated is on that event's day.
            timex = normalise(surface, dataclasses.replace(ctx, reference=event_days[verb]))
        if timex is None and records:
            timex = _day_of_listed_month(text, records[-1], start, surface)
        if timex is None:
            continue  # what the rules cannot read would only cost precision
        if (
            quarter is not None
            and _LAST_YEAR_RE.fullmatch(surface)
            and _COMPARED_BEFORE_RE.search(text, max(0, start - 60), start)
        ):
            # "earned $3 million, compared with $2 million last year": in a quarterly report
            # the figure compared is the same quarter a year before.
            timex = Timex("DATE", f"{quarter[0] - 1}-Q{quarter[1]}", timex.anchor)
        record = _record(start, end, timex)
        if timex.type == "DURATION" and reference is not None and _LATER_AFTER_RE.match(text, end):
            # "two days later": the stretch runs from the last day the story named.
            record.anchor = reference.isoformat()
        if timex.type == "DATE" and timex.value[:1].isdigit():
            previous, previous_sentence, previous_at = timex.value, sentence, start
        waits = bool(_PART_ONLY_RE.match(surface) or _CLOCK_ONLY_RE.fullmatch(surface))
        if waits:
            pending.append((len(records), record, sentence, start))
        records.append(record)
        if timex.day is not None:
            reference, reference_at = timex.day, start
            if timex.day <= published:
                past_reference = timex.day
            if verb is not None and timex.type == "DATE" and _NAMED_DAY_RE.search(surface):
                event_days[verb] = timex.day
            if sentence >= 0 and not waits:
                sentence_days.setdefault(sentence, []).append((start, timex.day))
        if timex.quarter is not None:
            quarter = timex.quarter
        elif _YEAR_LEVEL_PERIOD_RE.fullmatch(timex.value):
            # "the first nine months", "the year": what follows compares years, not quarters.
            quarter = None
    _link_ranges(text, records)
    _day_ranges(text, records)
    _year_spans(text, records)
    # "early morning ... today": a bare part of day (or clock time) takes the nearest day its
    # sentence names.
    for position, record, sentence, start in pending:
        days = sentence_days.get(sentence)
        if not days:
            continue
        day = min(days, key=lambda item: abs(item[0] - start))[1]
        timex = normalise(text[start : record.end], TimeContext(published, sentence_day=day))
        if timex is not None:
            records[position] = _record(start, record.end, timex)
    return records


# What joins the two ends of a range: "Monday to Wednesday", "2019-2021", "March through May";
# "and" only after "between" ("Monday and Wednesday" are two days, not a stretch).
_RANGE_GAP_RE = re.compile(r"\s*(?:to|through|thru|until|till|-|–|—)\s*|\s+(?P<and>and)\s+", re.I)
_RANGE_OPENER_RE = re.compile(r"(?i)\b(?P<word>from|between)\s+(?:the\s+)?$")
_RANGE_TYPES = frozenset({"DATE", "TIME"})


def _link_ranges(text: str, records: list[TimeRecord]) -> None:
    """Both ends of a range learn its begin and end.  TimeML keeps the ends two TIMEX3s (as
    the evaluation expects); the range is told on each of them."""
    for first, second in itertools.pairwise(records):
        if first.type not in _RANGE_TYPES or second.type not in _RANGE_TYPES:
            continue
        gap = _RANGE_GAP_RE.fullmatch(text, first.end, second.start)
        if gap is None:
            continue
        opener = _RANGE_OPENER_RE.search(text, max(0, first.start - 16), first.start)
        if gap.group("and") and (opener is None or opener.group("word").lower() != "between"):
            continue
        if first.range_begin is not None:
            continue  # already the end of a range ("Monday to Wednesday to Friday")
        _order_ends(text, first, second)
        for record in (first, second):
            record.range_begin, record.range_end = first.value, second.value


# A run of days in one month written as one expression: "July 18-19", "18-19 July",
# "3-5 March" (the candidate finder takes only "March" there).
_MONTH_DAYS_RE = re.compile(r"(?i)^[A-Z][a-z]+\.?\s+(\d{1,2})\s*[-–]\s*(\d{1,2})\b")
_DAYS_MONTH_RE = re.compile(r"(?i)^(\d{1,2})\s*[-–]\s*(\d{1,2})\s+[A-Z][a-z]+")
_DAYS_BEFORE_RE = re.compile(r"\b(\d{1,2})\s*[-–]\s*(\d{1,2})\s+$")
_MONTH_VALUE_RE = re.compile(r"^(\d{4})-(\d\d)(?:-(\d\d))?$")


def _year_spans(text: str, records: list[TimeRecord]) -> None:
    """ "the 1950-53 war": one expression from the first year to the second."""
    for record in records:
        span = YEAR_SPAN_RE.fullmatch(text, record.start, record.end)
        if record.type != "DATE" or span is None:
            continue
        first = span.group("first")
        record.range_begin, record.range_end = first, first[:2] + span.group("last")


def _day_ranges(text: str, records: list[TimeRecord]) -> None:
    """ "July 18-19" is the range from the 18th to the 19th: the expression's value is its
    first day (as TimeML gives it) and the range is told on it."""
    for record in records:
        if record.type != "DATE" or record.range_begin is not None:
            continue
        value = _MONTH_VALUE_RE.match(record.value)
        if value is None:
            continue
        year, month = value.group(1), value.group(2)
        written = text[record.start : record.end]
        days = _MONTH_DAYS_RE.match(written) or _DAYS_MONTH_RE.match(written)
        if days is None and value.group(3) is None:
            before = _DAYS_BEFORE_RE.search(text, max(0, record.start - 12), record.start)
            if before is not None:
                days = before
                record.start = before.start()
        if days is None:
            continue
        first, last = int(days.group(1)), int(days.group(2))
        if not 1 <= first < last <= 31:
            continue
        try:
            begin = dt.date(int(year), int(month), first)
            end = dt.date(int(year), int(month), last)
        except ValueError:
            continue
        record.value = begin.isoformat()
        record.range_begin, record.range_end = begin.isoformat(), end.isoformat()


_EXPLICIT_YEAR_RE = re.compile(r"\b\d{4}\b|'\d\d\b")
_DAY_VALUE_RE = re.compile(r"(\d{4})-(\d\d)-(\d\d)(T.*)?")
_WEEKDAY_ONLY_RE = re.compile(
    r"(?i)^(?:(?:next|this|last|the)\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b[^\d]*$"
)


def _order_ends(text: str, first: TimeRecord, second: TimeRecord) -> None:
    """The ends of one range are read together: a year written only on the end belongs to
    the begin too ("Aug. 26 to Oct. 20, 2022"), and an end resolved before its begin moves
    forward ("from Friday to Monday" is the Monday after that Friday)."""
    first_text, second_text = text[first.start : first.end], text[second.start : second.end]
    same_shape = re.sub(r"\d", "9", first.value) == re.sub(r"\d", "9", second.value)
    if not same_shape or not first.value[:4].isdigit():
        return
    if _EXPLICIT_YEAR_RE.search(second_text) and not _EXPLICIT_YEAR_RE.search(first_text):
        begin = second.value[:4] + first.value[4:]
        if begin > second.value:
            begin = f"{int(second.value[:4]) - 1:04d}" + first.value[4:]
        first.value = begin
        return
    if first.value <= second.value:
        return
    day = _DAY_VALUE_RE.fullmatch(second.value)
    if day and _WEEKDAY_ONLY_RE.match(second_text):
        end = dt.date(int(day.group(1)), int(day.group(2)), int(day.group(3)))
        begin_day = _DAY_VALUE_RE.fullmatch(first.value)
        if begin_day is None:
            return
        start = dt.date(int(begin_day.group(1)), int(begin_day.group(2)), int(begin_day.group(3)))
        while end < start:
            end += dt.timedelta(days=7)
        second.value = end.isoformat() + (day.group(4) or "")
    elif not _EXPLICIT_YEAR_RE.search(second_text):
        second.value = f"{int(second.value[:4]) + 1:04d}" + second.value[4:]


_QUOTE_BEFORE_RE = re.compile(r"(?:[\"“‘]|''|``|(?<!\w)')$")
_TITLED_UNIT_RE = re.compile(
    r"(?<=\S)\s+(?:Seconds?|Minutes?|Hours?|Days?|Nights?|Weeks?|Months?|Years?|Decades?)\b"
)
_NAMED_TODAY_RE = re.compile(r"Today|Tonight|Tomorrow")
_MID_SENTENCE_RE = re.compile(r"\w[ \t]+$")
_GREETING_RE = re.compile(r"(?i)\bgood\s+$")
_BARE_PART_RE = re.compile(r"(?i)morning|afternoon|evening|night|dawn|dusk|daybreak")
_BARE_UNIT_RE = re.compile(r"(?i)(?:(?:his|her|their|our|my|your)\s+)?(?:day|week|month|year)")
_POSSESSOR_BEFORE_RE = re.compile(
    r"(?i)(?:[\w.]['’]s|\b(?:his|her|their|its|our|my|your))\s+$|^(?:his|her|their|our|my|your)\s"
)
_DISCOURSE_NOW_RE = re.compile(r"Now\s*,")
_LISTED_DAY_RE = re.compile(r"\d{1,2}")
_MONTH_DAY_BEFORE_RE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s\d{1,2}(?:st|nd|rd|th)?"
    r"\s*(?:and|or|to|through|-|–|,)\s*$"
)
_LIST_GAP_RE = re.compile(r"\s*(?:and|or|to|through|-|–|,)\s*")


def _day_of_listed_month(text: str, before: TimeRecord, start: int, surface: str) -> Timex | None:
    """ "April 24 and 25", "May 3-4": a bare day number takes the month of the date before."""
    if not _LISTED_DAY_RE.fullmatch(surface) or not _LIST_GAP_RE.fullmatch(text, before.end, start):
        return None
    day = _DAY_VALUE_RE.fullmatch(before.value)
    if day is None or day.group(4):
        return None
    try:
        date = dt.date(int(day.group(1)), int(day.group(2)), int(surface))
    except ValueError:
        return None
    return Timex("DATE", date.isoformat(), before.anchor, day=date)


_YEAR_LEVEL_PERIOD_RE = re.compile(r"P(?:[6-9]|1[0-2])M|P1Y")
_WORD_AFTER_RE = re.compile(r"\s*([A-Za-z]+)")


def _following_word(text: str, end: int, records: list[TimeRecord], start: int) -> str | None:
    if (
        records
        and text.startswith(("the day", "The day"), start)
        and _APPOSITION_RE.fullmatch(text, records[-1].end, start)
    ):
        # "Oct. 12, the day before the crash" renames that date: nothing to count from it.
        return None
    match = _WORD_AFTER_RE.match(text, end, end + 40)
    return match.group(1).lower() if match else None


_APPOSITION_RE = re.compile(r",\s*")


def _record(start: int, end: int, timex: Timex) -> TimeRecord:
    return TimeRecord(
        start=start,
        end=end,
        type=timex.type,
        value=timex.value,
        anchor=timex.anchor.isoformat() if isinstance(timex.anchor, dt.date) else timex.anchor,
        mod=timex.mod,
        quant=timex.quant,
        freq=timex.freq,
    )


# --- candidates and extents -----------------------------------------------------------------


class _TokenIndex:
    """Character offset → token, and token → sentence, without iterating the Doc in Python
    (iterating a spaCy Doc token by token costs more than this whole stage)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        columns = doc.to_array([IDX, SENT_START, ENT_IOB, ENT_TYPE])
        self.starts = columns[:, 0]
        self.sentences = numpy.cumsum(columns[:, 1] == 1)
        self._iob = columns[:, 2]
        self._types = columns[:, 3]

    def time_entities(self) -> list[tuple[int, int]]:
        """Token ranges of spaCy's DATE and TIME entities (``doc.ents`` is slow to build)."""
        strings = self.doc.vocab.strings
        wanted = numpy.isin(self._types, [strings["DATE"], strings["TIME"]])
        out: list[tuple[int, int]] = []
        for i in numpy.flatnonzero(wanted).tolist():
            # IOB 3 opens an entity; 1 continues the previous one of the same type.
            if (
                out
                and self._iob[i] == 1
                and out[-1][1] == i
                and self._types[i] == self._types[i - 1]
            ):
                out[-1] = (out[-1][0], i + 1)
            else:
                out.append((i, i + 1))
        return out

    def token_at(self, char: int) -> int:
        return int(numpy.searchsorted(self.starts, char, side="right")) - 1

    def root(self, start: int, end: int) -> Token | None:
        i = self.token_at(start)
        j = self.token_at(max(start, end - 1)) + 1
        if i < 0 or j <= i:
            return None
        return self.doc[i:j].root

    def sentence(self, token: int) -> int:
        return int(self.sentences[token])

    def modifies_noun(self, char: int) -> bool:
        """Whether the token at ``char`` is a noun's modifier ("a morning show")."""
        token = self.doc[self.token_at(char)]
        return token.dep_ in ("compound", "amod") and token.head.pos_ in ("NOUN", "PROPN")

    def opens_sentence(self, char: int) -> bool:
        i = self.token_at(char)
        return i == 0 or (i > 0 and self.sentences[i] != self.sentences[i - 1])


def _candidates(doc: Doc, text: str, index: _TokenIndex) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for ent_start, ent_end in index.time_entities():
        first = doc[ent_start]
        if ent_end - ent_start == 1 and first.lower_ in _LEXICAL_ADJECTIVES | {
            "quarterly",
            "annual",
        }:
            continue
        if (
            ent_end - ent_start == 1
            and first.lower_ in _SET_ADVERBS
            and first.pos_ not in ("ADV", "ADJ")
        ):
            continue
        start = ent_start
        if start > 0:
            before = doc[start - 1].lower_
            # spaCy leaves out the determiner of "this year's", "each July", "a decade".
            # spaCy leaves out the determiner of "this year's", "each July", "a decade",
            # "the week's".
            if (before in _LEFT_EXTENDERS and first.lower_ not in _LEFT_EXTENDERS) or (
                before in ("a", "an", "the") and first.lower_ in _SINGULAR_UNITS
            ):
                start -= 1
            elif (
                before in _NARRATIVE_ADJECTIVES
                and first.lower_ in _SINGULAR_UNITS
                and start > 1
                and doc[start - 2].lower_ == "the"
            ):
                start -= 2  # "the following week": spaCy often labels only "week"
        end = ent_end
        if (
            end < len(doc)
            and doc[end].lower_ in ("period", "quarter")
            and re.search(r"(?:\d{4}|ago|earlier)$", doc[end - 1].lower_)
        ):
            end += 1  # "the 1988 period", "the year-ago quarter"
            if start > 0 and doc[start - 1].lower_ == "the" and doc[start].lower_ != "the":
                start -= 1
        if (
            end + 1 < len(doc)
            and doc[end].lower_ in ("following", "before", "after")
            and doc[end - 1].lower_ in _SINGULAR_UNITS
            and doc[end + 1].is_punct
        ):
            end += 1  # "the week following.", "the day before,": nothing follows the word
        if (
            end + 1 < len(doc)
            and doc[end].text == "-"
            and doc[end + 1].lower_ == "long"
            and doc[end - 1].lower_ in _UNIT_WORDS
        ):
            end += 2  # "a decades-long feud": the stretch is "decades-long", as TimeML marks it
        if (
            end + 1 < len(doc)
            and doc[end].lower_ == "from"
            and doc[end + 1].lower_ == "now"
            and doc[end - 1].lower_ in _UNIT_WORDS
        ):
            end += 2  # "two weeks from now" is one date, as "two weeks ago" is
        if (
            start > 0
            and doc[start].lower_ == "every"
            and doc[start - 1].lower_ in ("once", "twice")
        ):
            start -= 1  # "once every four years": the frequency belongs to the set
        last = doc[end - 1]
        begin = doc[start].idx
        if _MONTH_NAME_RE.fullmatch(doc[start].text):
            day_before = _DAY_BEFORE_MONTH_RE.search(text, max(0, begin - 16), begin)
            if day_before is not None:
                begin = day_before.start()  # "9 October", "14-15 October": NER took the month
        spans.append((begin, last.idx + len(last)))
    taken = _coverage(spans, len(text))
    for match in _LEXICAL_RE.finditer(text):
        s, e = match.span()
        if any(taken[s:e]):
            continue
        if match.group().lower() == "overnight" and doc[index.token_at(s)].pos_ != "ADV":
            continue  # "an overnight flight" is not a time
        spans.append((s, e))
    # Numeric dates spaCy often leaves out ("25/08/2023", "9.9.2023", "2023/09/09"), and
    # 24-hour clocks and bare days of the month after a preposition ("at 14.30 hours",
    # "on the 10th").
    for match in itertools.chain(
        _NUMERIC_DATE_RE.finditer(text),
        _CLOCK_24_RE.finditer(text),
        _ORDINAL_DAY_RE.finditer(text),
        _HALF_YEAR_RE.finditer(text),
        _YEAR_SPAN_CANDIDATE_RE.finditer(text),
    ):
        s, e = match.span("t")
        if not any(taken[s:e]):
            spans.append((s, e))
    if _RARE_WORDS_RE.search(text):
        for match in _RARE_LEXICAL_RE.finditer(text):
            s, e = match.span()
            if not any(taken[s:e]):
                spans.append((s, e))
    # "4 in the morning": spaCy takes "the morning" alone; the hour belongs to it.
    spans.extend(m.span() for m in _HOUR_OF_PART_RE.finditer(text))
    # Counted units spaCy calls CARDINAL or QUANTITY ("at least two more weeks", "about
    # 5 1/2 hours", "four decades ago").
    for match in _UNIT_WORD_RE.finditer(text):
        count = _COUNT_BEFORE_RE.search(text, max(0, match.start() - 28), match.start())
        if count is not None and not any(taken[count.start() : match.end()]):
            spans.append((count.start(), match.end()))
    for match in holiday_names_re().finditer(text):
        s, e = match.span()
        name = _RELATION_PREFIX_RE.sub("", match.group())
        # A holiday is a proper name: "may day" or "easter" in lower case are not holidays.
        if name[:1].isupper() and not any(taken[s:e]):
            spans.append((s, e))
    for match in _WORD_CUES_RE.finditer(text):
        s, e = match.span()
        if taken[s]:
            continue
        i = index.token_at(s)
        token = doc[i]
        if token.idx != s:
            continue
        word = token.lower_
        if word in _SET_ADVERBS and token.pos_ in ("ADV", "ADJ"):
            spans.append((s, e))
        elif (
            word in _LEXICAL_ADJECTIVES
            and token.dep_ == "amod"
            and token.head.i == i + 1
            and not _TIME_WORD_RE.search(token.head.text)
            and not _before_name(doc, i)
        ):
            # "recent weeks" is caught by NER; a lone "recent" before a non-time noun
            # ("recent talks") is PAST_REF in TimeBank, "current" PRESENT_REF.
            spans.append((s, e))
    spans = _merge(sorted(spans), text)
    small_hours = [m.span(1) for m in _SMALL_HOURS_OF_RE.finditer(text)]
    out: list[tuple[int, int]] = []
    for s, e in spans:
        for piece in _split(text, s, e):
            trimmed = _trim(text, *piece)
            # "the early hours of Monday": the day is the expression (TimeML leaves the
            # hours out as leading words); the hours alone are no stretch of time.
            if trimmed is not None and not any(
                a <= trimmed[0] and trimmed[1] <= b for a, b in small_hours
            ):
                out.append(trimmed)
    return sorted(set(out))


def _before_name(doc: Doc, i: int) -> bool:
    """An adjective right before a proper name is part of a title, not a time: "the recent
    Clean Air Act" names a law (TimeML marks "recent" before a common noun only)."""
    return i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN" and doc[i + 1].is_title


def _coverage(spans: Iterable[tuple[int, int]], length: int) -> bytearray:
    covered = bytearray(length + 1)
    for s, e in spans:
        covered[s:e] = b"\x01" * (e - s)
    return covered


# "The day" + " before " + "last Tuesday": one expression, as "the day before yesterday".
_AROUND_GAP_RE = re.compile(r"\s+(?:before|after)\s+")
_THE_DAY_RE = re.compile(r"(?i)(?:the\s+)?day")
_DATE_PART_AFTER_COMMA_RE = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d|\d"
)
_PERIOD_WORD_RE = re.compile(r"(?i)the\s+(?:week|weekend)")  # "the weekend of 14-15 October"
_OF_GAP_RE = re.compile(r"\s+of\s+")  # "the afternoon of Sunday" is one expression
_BARE_WEEKDAY_RE = re.compile(
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
)  # "Tuesday of last week"
_VAGUE_PAIR_GAP_RE = re.compile(r"\s+(?:or|and|to)\s+")
_BARE_UNITS_RE = re.compile(
    r"(?i)(?:(?:recent|the past|the last|the coming|the next)\s+)?"
    r"(?:minutes|hours|days|weeks|months|years|decades)"
)


def _merge(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Overlapping spans join; so do neighbours separated by a space when together they read
    as one expression ("Sunday" + "afternoon"), but not "four hours" + "Friday"."""
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged:
            ps, pe = merged[-1]
            gap = text[pe:s]
            if s <= pe:
                merged[-1] = (ps, max(pe, e))
                continue
            if (
                (
                    len(gap) <= 2
                    and (
                        gap.strip() == ""
                        # a comma joins only the parts of a date: "Sunday, Sept. 10", "Oct. 23,
                        # 1999" (not "a day later, two days earlier")
                        or (gap.strip() == "," and _DATE_PART_AFTER_COMMA_RE.match(text, s))
                    )
                    and "\n" not in gap
                    and normalise(text[ps:e], _PROBE) is not None
                )
                or (
                    _AROUND_GAP_RE.fullmatch(gap)
                    and _THE_DAY_RE.fullmatch(text, ps, pe)
                    and normalise(text[ps:e], _PROBE) is not None
                )
                or (
                    _OF_GAP_RE.fullmatch(gap)
                    and (
                        _PART_ONLY_RE.fullmatch(text[ps:pe])
                        or _BARE_WEEKDAY_RE.fullmatch(text[ps:pe])
                        or _PERIOD_WORD_RE.fullmatch(text[ps:pe])
                    )
                    and normalise(text[ps:e], _PROBE) is not None
                )
                or (
                    _VAGUE_PAIR_GAP_RE.fullmatch(gap)
                    and _BARE_UNITS_RE.fullmatch(text, ps, pe)
                    and _BARE_UNITS_RE.fullmatch(text, s, e)
                )
            ):
                # One expression: "Sunday afternoon", "the day before last Tuesday", "the
                # morning of 3 September", and
                # "weeks or months" (one vague duration, as TimeML marks it).
                merged[-1] = (ps, e)
                continue
        merged.append((s, e))
    return merged


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Ranges and "the quarter ended Sept. 30" become two expressions, as in TimeML."""
    surface = text[start:end]
    match = _DURATION_OF_RE.match(surface)
    if match and re.search(r"\d{4}|year", match.group("right")):
        left_end = start + match.end("left")
        right_start = start + match.start("right")
        if normalise(match.group("left"), _PROBE) is not None and not re.search(
            r"(?i)quarter|half", match.group("left")
        ):
            return [(start, left_end), (right_start, end)]
    for sep in _RANGE_SPLIT_RE.finditer(surface):
        left = surface[: sep.start()]
        right = surface[sep.end() :]
        if not left.strip() or not right.strip():
            continue
        lt = normalise(_LEADING_RE.sub("", left), _PROBE)
        rt = normalise(right, _PROBE)
        if rt is None and lt is not None and lt.day is not None and _LISTED_DAY_RE.fullmatch(right):
            rt = lt  # "April 24 and 25": the second day takes the first's month
        if lt is None or rt is None:
            continue
        if lt.type == "DURATION" and rt.type == "DURATION":
            continue  # "weeks or months", "two to three years": one vague duration
        return [(start, start + sep.start()), *_split(text, start + sep.end(), end)]
    return [(start, end)]


_PROBE = TimeContext(published=dt.date(2000, 6, 15))
# What "today's"/"tomorrow's"/"the future" name when they stand for an era, not a day: the
# people and world of a time (a closed class of nouns for a society and its generations).
_GENERIC_NOW_RE = re.compile(r"(?i)today|tomorrow|the future")
_GENERIC_AFTER_RE = re.compile(
    r"(?i)['’]s\s+(?:\w+\s+)?(?:world|society|youth|young|generations?|children|kids|teenagers|"
    r"culture|era|age|consumers?|families|parents|workers|students|women|men)\b|\s+of\s"
)
_OF_BEFORE_RE = re.compile(r"(?i)\bof\s+$")
_POSSESSIVE_AFTER_RE = re.compile(r"['’]s\b")
_SOON_RE = re.compile(r"(?i)soon")
# "the March on Washington", "an annual March for Peace": the noun march in an event's name.
_NAMED_MARCH_RE = re.compile(
    r" (?:for|on|against|to) (?:the )?(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)[A-Z]"
)
_MARCH_DETERMINER_RE = re.compile(r"\b(?:the|a|an|annual|[Tt]his year's)\s+$")
_THAT_DAY_RE = re.compile(r"(?i)\bthat\s(?:(?:same|very)\s)?(?:day|night|morning|evening)\b")
# A date that names its day outright (a month and day, or a weekday), not "the next day".
_NAMED_DAY_RE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}\b"
    r"|\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
)


def _governing_verb(token: Token) -> str | None:
    """The lemma of the event verb a time expression dates, None for reporting and stative
    verbs ("said Friday" dates the saying, which no later clock time is told of)."""
    verb = token
    for _ in range(8):
        if verb.pos_ in ("VERB", "AUX") or verb.dep_ == "ROOT":
            break
        verb = verb.head
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma in _STATIVE:
        return None
    return lemma


_LAST_YEAR_RE = re.compile(r"(?i)last year")
_COMPARED_BEFORE_RE = re.compile(r"(?i)\b(?:compared (?:with|to)|versus|vs\.)\s[^.;:!?]*$")
_LATER_AFTER_RE = re.compile(r"\s+later\b", re.I)
# TimeML marks the counted stretch of "three days later" as a DURATION and leaves "later" to
# a SIGNAL (TimeBank and AQUAINT alike); "a year earlier" stays a date, as both annotate it.
_COUNTED_LATER_RE = re.compile(
    r"(?i)(?P<span>.*\b(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|"
    r"decades?|centur(?:y|ies)|(?:and )?a half))\s+later"
)


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while True:
        surface = text[start:end]
        m = (
            _LEADING_PUNCT_RE.match(surface)
            or _LEADING_RE.match(surface)
            or _ARTICLE_BEFORE_POINT_RE.match(surface)
        )
        if m and m.end() > 0:
            start += m.end()
            continue
        t = _TRAILING_RE.search(surface)
        if t and t.start() < len(surface):
            end = start + t.start()
            continue
        break
    # A parenthesis inside the extent ends it: "Sunday afternoon (local time)".
    paren = text.find("(", start, end)
    if paren > start:
        end = paren
        while end > start and text[end - 1].isspace():
            end -= 1
    if end <= start:
        return None
    later = _COUNTED_LATER_RE.fullmatch(text, start, end)
    if later is not None:
        counted = normalise(later.group("span"), _PROBE)
        if counted is not None and counted.type == "DURATION":
            end = later.end("span")  # "three days later": the duration, "later" its signal
    surface = text[start:end]
    if normalise(surface, _PROBE) is None:
        # spaCy sometimes takes a word or two of the context ("an interview several months"):
        # drop leading words while that makes the rest readable.
        words = list(re.finditer(r"\S+", surface))
        for word in words[1:3]:
            if normalise(surface[word.start() :], _PROBE) is not None:
                start += word.start()
                surface = text[start:end]
                break
        else:
            # ... or a noun a year span dates ("the 2022-23 season"): drop that noun.
            head = surface[: words[-1].start()].rstrip() if len(words) > 1 else ""
            if YEAR_SPAN_RE.fullmatch(head):
                end = start + len(head)
                surface = text[start:end]
    if (
        _AGE_RE.search(surface)
        and not re.fullmatch(r"\d{4}", surface)
        and not (
            _LISTED_DAY_RE.fullmatch(surface)
            and _MONTH_DAY_BEFORE_RE.search(text, max(0, start - 24), start)
        )
    ):
        return None
    return start, end


# --- tense of the governing verb ------------------------------------------------------------


_LOOKS_AHEAD_RE = re.compile(
    r"(?i)\b(?:as (?:early|soon) as|no later than|not until|starting|beginning|scheduled for|"
    r"due|set for|slated for|effective|to take effect|takes effect|take effect)\s+"
    r"(?:on\s+|in\s+|by\s+|next\s+)?$"
)


def _tense_at(
    text: str, start: int, token: Token | None, verbs: frozenset[str] = frozenset()
) -> str | None:
    """The tense for the expression at ``start``: words right before it first ("as early as
    Tuesday" looks ahead), then the verb it hangs from."""
    if _LOOKS_AHEAD_RE.search(text, max(0, start - 30), start):
        return "future"
    if _LOOKS_BACK_RE.search(text, max(0, start - 30), start):
        return "past"  # "since the Oct. 23 shooting" counts from a point already gone
    if token is None:
        return None
    if (
        _FOR_BEFORE_RE.search(text, max(0, start - 5), start)
        and _BARE_WEEKDAY_RE.match(text, start)
        and token.dep_ != "poss"
        and not _told_in_simple_past(token.sent.root)
    ):
        # "have called a strike for Thursday": an appointment lies ahead (not the owner in
        # "for Thursday's attack", nor "a service planned for Saturday was cancelled").
        return "future"
    deadline = _UNTIL_RE.search(text, max(0, start - 12), start) is not None
    return _tense(token, deadline=deadline, verbs=verbs)


_LOOKS_BACK_RE = re.compile(r"(?i)\bsince\b[^.,;:!?\"“”]{0,24}$")
_UNTIL_RE = re.compile(r"(?i)\b(?:until|till|through)\s+$")
_FOR_BEFORE_RE = re.compile(r"(?i)\bfor\s+$")


def _told_in_simple_past(root: Token) -> bool:
    return root.tag_ == "VBD" or any(
        c.tag_ == "VBD" for c in root.children if c.dep_ in ("aux", "auxpass")
    )


# Verbs that set a deadline: what they run "until" is the new end, ahead of the granting
# ("extended its deadline until Tuesday", "has given them until 9 a.m. Tuesday").
_DEADLINE_VERBS = frozenset({"extend", "give", "grant", "allow"})


def _tense(token: Token, deadline: bool = False, verbs: frozenset[str] = frozenset()) -> str | None:
    """past | present | future of the verb a time expression hangs from, None if unknown."""
    if token.dep_ == "poss":
        return "past"  # "Wednesday's ruling": a day named as the owner of what happened
    verb = token
    via_noun = False  # the expression modifies a noun on its way up ("a meeting on Friday")
    for _ in range(8):
        if verb.pos_ in ("VERB", "AUX") or verb.dep_ == "ROOT":
            break
        verb = verb.head
        via_noun = via_noun or verb.pos_ in ("NOUN", "PROPN")
    if (
        verb.tag_ == "VBN"
        and verb.dep_ == "acl"
        and verb.head.i != verb.i
        and verb.lemma_.lower() in _SCHEDULING
    ):
        # A planning participle modifying a noun ("a service planned for Saturday was
        # cancelled") has no tense of its own: the clause's verb tells it.  (Other such
        # participles, "the injunction issued Thursday", tell a past event: VBN below.)
        clause = verb.head
        for _ in range(8):
            if clause.pos_ in ("VERB", "AUX") or clause.dep_ == "ROOT":
                break
            clause = clause.head
        if clause.pos_ in ("VERB", "AUX"):
            verb = clause
    if verb.pos_ not in ("VERB", "AUX"):
        verb = token.sent.root
        if verb.pos_ not in ("VERB", "AUX"):
            return _misread_present(verb, verbs)
    verb = _finite_governor(verb)
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    aux_lemmas = {c.lower_ for c in auxes}
    if deadline and verb.lemma_.lower() in _DEADLINE_VERBS and not aux_lemmas & {"had"}:
        return "future"
    if aux_lemmas & _FUTURE_AUX:
        return "future"
    # What is planned, scheduled or expected lies ahead, whatever the tense of the planning;
    # so does what "could" or "might" happen.
    # A time fronted before the planning verb dates the planning itself ("On Friday, the
    # government planned ..."); only one after it can be the appointment.
    after_verb = token.i > verb.i
    if (
        via_noun
        and after_verb
        and verb.lemma_.lower() in _FUTURE_HEADS
        and not aux_lemmas & {"had"}
    ):
        return "future"
    if verb.lemma_.lower() in _SCHEDULING and after_verb and not aux_lemmas & {"had"}:
        return "future"  # "scheduled a news conference Thursday", "postponed until Tuesday"
    if aux_lemmas & _MODALS:
        # "may meet Friday" looks ahead; "may have met Friday" looks back.
        return "past" if aux_lemmas & {"have", "'ve"} else "future"
    if verb.tag_ == "VB" and any(c.lower_ == "to" for c in auxes):
        # An infinitive looks ahead from its governor: "plans to meet Friday" is future,
        # "had been due to expire Friday" is a future seen from the past, so past.
        head = verb.head
        governors = [head, head.head] if head.pos_ == "ADJ" else [head]
        head_aux = {c.lower_ for g in governors for c in g.children if c.dep_ in ("aux", "auxpass")}
        if head_aux & {"had"}:
            return "past"
        if head.lemma_.lower() in _FUTURE_HEADS:
            return "future"
        if head.tag_ == "VBD" or head_aux & {"was", "were", "did"}:
            return "past"
        return "future"
    if (
        verb.tag_ == "VB"
        and not auxes
        and verb.dep_ == "conj"
        and verb.head.pos_ in ("VERB", "AUX")
    ):
        # "ended late Monday and resume early Thursday": a bare form joined to another verb
        # shares that verb's auxiliaries; with none to share it is a present the tagger missed.
        head_aux = {c.lower_ for c in verb.head.children if c.dep_ in ("aux", "auxpass")}
        if head_aux:
            return _tense(verb.head, verbs=verbs)
        if verb.lemma_.lower() not in _STATIVE:
            return "future"
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxes):
        return "past"
    if verb.tag_ == "VBN" and aux_lemmas & {"has", "have", "'ve"}:
        return "past"
    if verb.tag_ == "VBG" and aux_lemmas & {"is", "are", "'re", "'s", "am"}:
        return "future"
    if verb.lemma_.lower() in _FUTURE_HEADS and verb.tag_ in ("VBZ", "VBP"):
        return "future"
    if (
        verb.tag_ == "VBN"
        and (verb.lemma_.lower() in _FUTURE_HEADS or verb.lemma_.lower() in _SCHEDULING)
        and aux_lemmas & {"is", "are", "am", "'s", "'re"}
    ):
        return "future"  # "a statement is expected on Thursday", "talks are set for Monday"
    if (
        verb.tag_ in ("VBZ", "VBP")
        and verb.pos_ == "VERB"
        and verb.lemma_.lower() not in _STATIVE
        and verb.lower_ not in _SAME_PAST_FORMS
    ):
        return "future"  # news's present of schedules: "the leaders meet Monday"
    if (
        verb.lemma_ == "be"
        and verb.tag_ in ("VBZ", "VBP")
        and not auxes
        and token.head.dep_ == "prep"
        and token.head.head.i == verb.i
        and any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") for c in verb.children)
    ):
        return "future"  # "the election is in October": a date that a noun is at lies ahead
    if verb.tag_ in ("VBZ", "VBP", "VBG"):
        return "present"
    if verb.tag_ == "VBN":
        if aux_lemmas & {"is", "are", "am", "be", "been"}:
            return "present"
        return "past" if aux_lemmas & {"was", "were", "had"} or not aux_lemmas else "present"
    return None


def _finite_governor(verb: Token) -> Token:
    """A gerund with no auxiliary of its own ("sign an accord on sharing the waters on
    Wednesday") has no tense: the verb it hangs from tells it."""
    for _ in range(4):
        if not (
            verb.tag_ == "VBG"
            and verb.dep_ in ("pcomp", "acl", "xcomp", "pobj")
            # a gerund of planning keeps its own reading ("planning for the summit in April")
            and verb.lemma_.lower() not in _FUTURE_HEADS
            and verb.lemma_.lower() not in _SCHEDULING
            and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
        ):
            break
        head = verb.head
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        if head.pos_ not in ("VERB", "AUX") or head.i == verb.i:
            break
        verb = head
    return verb


def _misread_present(root: Token, verbs: frozenset[str]) -> str | None:
    """A sentence with no verb whose root is a plural noun after its subject ("The fair runs
    in October", "Trade talks resume Monday"): the tagger read a present-tense verb as a noun,
    and news's present of schedules looks ahead."""
    if (
        root.tag_ == "NNS"
        and root.lemma_.lower() in verbs
        and root.i > root.sent.start
        and root.lemma_.lower() not in _STATIVE
        and not any(t.pos_ in ("VERB", "AUX") for t in root.sent)
        and any(c.dep_ in ("prep", "npadvmod") for c in root.rights)
    ):
        return "future"
    return None


@Language.factory(
    "storyline_times",
    requires=["doc.ents", "token.dep", "token.tag"],
    assigns=["doc._.sl_times"],
)
def make_times(nlp: Language, name: str) -> TimesStage:
    return TimesStage(_verb_lemmas(nlp))


def _verb_lemmas(nlp: Language) -> frozenset[str]:
    """The lemmatizer's index of verb base forms (WordNet's, shipped with the model)."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(lookups.get_table("lemma_index").get("verb", ()))
