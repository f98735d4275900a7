"""Calendar dates written in a sentence: "on May 10", "10 May 2025", "१० मे", "मई 10".

Pure text reading, no I/O: the stance rules use it to tell whether a story dated
after a claim's deadline reports the event as happening in time. A date written
without its year is the last such day up to the story's ("released on December 30"
in a January story), unless the text tells it as a limit or a start still to come
("till January 15" in a December story: `find_dates`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from tracker.engine.text import DEVANAGARI_DIGITS

__all__ = [
    "ENGLISH_MONTHS",
    "TIME_WORDS",
    "DateMention",
    "TimeMention",
    "day_spans",
    "find_dates",
    "find_months",
    "find_times",
    "find_weekdays",
    "past_weekdays",
]

#: Month names as news writes them: English (full, and abbreviated with or without
#: a full stop), Hindi and Marathi. English ones must be capitalised: "may" is a verb.
_MONTHS: dict[str, int] = {}
for _month_number, _names in enumerate(
    (
        ("January", "Jan", "जनवरी", "जानेवारी"),
        ("February", "Feb", "फ़रवरी", "फरवरी", "फेब्रुवारी"),
        ("March", "Mar", "मार्च"),
        ("April", "Apr", "अप्रैल", "एप्रिल"),
        ("May", "मई", "मे"),
        ("June", "Jun", "जून"),
        ("July", "Jul", "जुलाई", "जुलै"),
        ("August", "Aug", "अगस्त", "ऑगस्ट"),
        ("September", "Sept", "Sep", "सितंबर", "सितम्बर", "सप्टेंबर"),
        ("October", "Oct", "अक्टूबर", "ऑक्टोबर"),
        ("November", "Nov", "नवंबर", "नवम्बर", "नोव्हेंबर"),
        ("December", "Dec", "दिसंबर", "दिसम्बर", "डिसेंबर"),
    ),
    start=1,
):
    for _name in _names:
        _MONTHS[_name] = _month_number

#: English month names as written, abbreviations included ("September", "Sept").
ENGLISH_MONTHS = frozenset(name for name in _MONTHS if name.isascii())
#: English month and weekday names in full, folded: capitalised, yet times, not names
#: when written as times ("The October 2023 flood", "by Friday").
TIME_WORDS = frozenset(
    name.casefold()
    for name in (
        *(n for n in ENGLISH_MONTHS if len(n) > 3 or n == "May"),
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    )
)  # fmt: skip

_DIGIT = f"[0-9{DEVANAGARI_DIGITS}]"
_MONTH = "|".join(sorted((re.escape(name) for name in _MONTHS), key=len, reverse=True))
# Not inside a longer word: Devanagari vowel signs and Latin letters are word characters.
_BEFORE = r"(?<![\w\u0900-\u097f])"
_AFTER = r"(?![\w\u0900-\u097f])"
_DAY = rf"(?P<{{name}}>{_DIGIT}{{{{1,2}}}})(?:st|nd|rd|th)?"
_YEAR = rf"(?:,?\s+(?P<{{name}}>{_DIGIT}{{{{4}}}}))?"
_MONTH_DAY = re.compile(
    rf"{_BEFORE}(?P<m1>{_MONTH})\.?\s+{_DAY.format(name='d1')}{_AFTER}{_YEAR.format(name='y1')}"
)
#: Case endings glued to a Hindi or Marathi month ("११ नोव्हेंबरला", "जुलैमध्ये"), and
#: Marathi's month end ("मार्चअखेर", "जूनअखेरपर्यंत") and "of" ("फेब्रुवारीतील").
_MONTH_ENDING = r"(?:अखेर(?:ीस|पर्यंत|ीपर्यंत|ला)?|ातील|तील|ला|मध्ये|पर्यंत|पासून|च्या|चा|ची|ात|त|में)?"
_DAY_MONTH = re.compile(
    rf"{_BEFORE}{_DAY.format(name='d2')}\s+(?P<m2>{_MONTH})\.?{_MONTH_ENDING}{_AFTER}"
    rf"{_YEAR.format(name='y2')}"
)
#: A month with its year ("September 2023", "सप्टेंबर २०२३", "in Sept. 2024").
_MONTH_YEAR = re.compile(
    rf"{_BEFORE}(?P<m>{_MONTH})\.?{_MONTH_ENDING},?\s+(?P<y>{_DIGIT}{{4}}){_AFTER}"
)
_DIGIT_TABLE = str.maketrans(DEVANAGARI_DIGITS, "0123456789")


@dataclass(frozen=True)
class DateMention:
    """A calendar date found in text, as written and as a date."""

    text: str
    #: The year, when not written, is the story's (or the year before: see find_dates).
    when: date


def _number(text: str) -> int:
    return int(text.translate(_DIGIT_TABLE))


def find_dates(text: str, reference: date, named_days: bool = True) -> list[DateMention]:
    """The calendar dates written in `text`, in order; `reference` is the story's date;
    `named_days`: days named, not dated, count ("on Republic Day", `_named_days`).

    A date without a year is the last such day up to the reference, unless the text
    tells it as a limit or a start still to come (`_to_come`): then the next such day.
    Impossible dates ("May 32") are skipped.
    """
    found: list[DateMention] = []
    named = _named_days(text) if named_days else []
    times = sorted((*_find_times(text), *named), key=lambda t: t.start)
    for time in times:
        if time.day is None:
            continue  # a month and year ("September 2023") is no calendar date
        if time.year is not None:
            when = _day(time.year, time)
        else:
            # The same day a year apart: the last one up to the reference, the next one.
            this = _day(reference.year, time)
            past = (
                this if this is not None and this <= reference else _day(reference.year - 1, time)
            )
            coming = (
                this if this is not None and this > reference else _day(reference.year + 1, time)
            )
            when = past
            if coming is not None and (
                past is None or _to_come(text, time, coming - reference, reference - past)
            ):
                when = coming
        if when is not None:
            found.append(DateMention(text[time.start : time.end].strip(), when))
    return found


#: Days of the year news names instead of dating them ("opened on Republic Day",
#: "गणतंत्र दिवस पर", "स्वातंत्र्यदिनी"): (month, day) by name, in any script.
_NAMED_DAYS = {
    (1, 26): ("Republic Day", "गणतंत्र दिवस", "प्रजासत्ताक दिन"),
    (8, 15): ("Independence Day", "स्वतंत्रता दिवस", "स्वाधीनता दिवस", "स्वातंत्र्य दिन"),
    (10, 2): ("Gandhi Jayanti", "गांधी जयंती"),
    (5, 1): ("Maharashtra Day", "महाराष्ट्र दिवस", "महाराष्ट्र दिन"),
    (12, 25): ("Christmas Day", "Christmas", "क्रिसमस", "ख्रिसमस", "नाताळ"),
}  # fmt: skip
_NAMED_DAY_RE = re.compile(
    rf"{_BEFORE}(?P<n>"
    + "|".join(
        sorted(
            (re.escape(n).replace(r"\ ", r"\s*") for names in _NAMED_DAYS.values() for n in names),
            key=len,
            reverse=True,
        )
    )
    + rf")(?:ी|ाला|ला|ाच्या|च्या)?{_AFTER}(?!\s+Eve)(?:,?\s+(?P<y>{_DIGIT}{{4}}){_AFTER})?",
    re.IGNORECASE,
)
_NAMED_DAY_OF = {
    fold_name: key
    for key, names in _NAMED_DAYS.items()
    for fold_name in (re.sub(r"\s+", "", n).casefold() for n in names)
}


#: Another nation's day before its name ("US Independence Day").
_OTHER_NATION_RE = re.compile(r"\b(?:US|U\.S\.|American|Pakistan\S*|Bangladesh\S*)\s+$")
#: Before a named day told as a time: "on", "since", "by", "till".
_ON_NAMED_DAY_RE = re.compile(r"\b(?:on|since|by|till|until|from)\s+(?:the\s+)?$", re.IGNORECASE)
#: After it, in Hindi and Marathi: a case ending glued ("दिनी", "दिनाला") or a postposition.
_NAMED_DAY_TIME_RE = re.compile(r"(?:ी|ाला|ला|\s+(?:पर|को|के\s+दिन|रोजी|से|पासून)(?![\u0900-\u097f]))")


def _named_days(text: str) -> list[TimeMention]:
    """The named days of `text` as times (a year only when written after the name):
    "on Republic Day" is 26 January (`_NAMED_DAYS`). Only a day told as the time of
    something ("on Christmas", "गणतंत्र दिवस पर", "प्रजासत्ताक दिनी"), not a name of
    something else ("Christmas traffic jams", "Republic Day parade"); "US Independence
    Day" is not India's."""
    found = []
    for match in _NAMED_DAY_RE.finditer(text):
        if _OTHER_NATION_RE.search(text[: match.start()]):
            continue
        if not (
            _ON_NAMED_DAY_RE.search(text[: match.start()])
            or _NAMED_DAY_TIME_RE.match(text, match.end("n"))
        ):
            continue
        month, day = _NAMED_DAY_OF[re.sub(r"\s+", "", match.group("n")).casefold()]
        year = _number(match.group("y")) if match.group("y") else None
        found.append(TimeMention(month, year, day, *match.span()))
    return found


def _day(year: int, time: TimeMention) -> date | None:
    """The time's day in `year`, or None when there is none ("May 32", a 29 February)."""
    try:
        return date(year, time.month, time.day or 1)
    except ValueError:
        return None


def _to_come(text: str, time: TimeMention, ahead: timedelta, gone: timedelta) -> bool:
    """Is a date without a year the next such day after the story (`ahead` of it) rather
    than the last one up to it (`gone`)? A limit nearer to come than gone is ("till
    February 15" in January, "till January 15" in December, "३१ मार्चपर्यंत"); a start
    only within START_AHEAD ("1 अगस्त से" in a July story: "shut from 12 July" in March,
    "१ ऑक्टोबरपासून बंद आहे" in April are last year's). Any other date is the last one
    ("released on December 30" in a January story)."""
    bound = (
        _BOUND_BEFORE_RE.search(text[: time.start])
        or _BOUND_AFTER_RE.match(text, time.end)
        or _GLUED_BOUND_RE.search(text[time.start : time.end])
    )
    if bound is None:
        return False
    if bound.group(1).lower() in _LIMITS:
        return ahead < gone
    return ahead <= START_AHEAD


#: How far ahead of a story a start without a year ("from 1 August") may be to come.
START_AHEAD = timedelta(days=60)
#: A limit or a start written before a date ("till", "until", "from") ...
_BOUND_BEFORE_RE = re.compile(r"\b(till|until|from)\s+$", re.IGNORECASE)
#: ... or after it, as Hindi and Marathi write it ("तक", "पर्यंत"; "से", "पासून") ...
_BOUND_AFTER_RE = re.compile(r"\s*(तक|से|पर्यंत|पासून)(?![\u0900-\u097f])")
#: ... or glued to its month ("मार्चपर्यंत", "ऑगस्टपासून").
_GLUED_BOUND_RE = re.compile(r"(पर्यंत|पासून)$")
#: Which of those are limits (the rest are starts).
_LIMITS = frozenset({"till", "until", "तक", "पर्यंत"})


@dataclass(frozen=True)
class TimeMention:
    """When something happened as a text says it: a month with its year and/or day."""

    month: int
    year: int | None = None
    day: int | None = None
    #: Where the text writes it (character offsets); not part of what it means.
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)

    def agrees(self, other: TimeMention) -> bool:
        """Can both be the same time (what one leaves out, the other may give)?"""
        return (
            self.month == other.month
            and (self.year is None or other.year is None or self.year == other.year)
            and (self.day is None or other.day is None or self.day == other.day)
        )


def find_times(text: str) -> list[TimeMention]:
    """The months a text dates something to: day and month ("11 November", with its
    year when written) and month and year ("September 2023"), in any script."""
    return list(_find_times(text))


@functools.lru_cache(maxsize=1 << 14)
def _find_times(text: str) -> tuple[TimeMention, ...]:
    """The memoised work behind `find_times` (one sentence is read for many claims)."""
    found: list[tuple[int, TimeMention]] = []
    for pattern, (m, d, y) in ((_MONTH_DAY, ("m1", "d1", "y1")), (_DAY_MONTH, ("m2", "d2", "y2"))):
        for match in pattern.finditer(text):
            written = match.group(y)
            year = _number(written) if written else None
            month, day = _MONTHS[match.group(m)], _number(match.group(d))
            found.append((match.start(), TimeMention(month, year, day, *match.span())))
    for match in _numeric_dates(text):
        month, day = _number(match.group("m")), _number(match.group("d"))
        found.append(
            (match.start(), TimeMention(month, _number(match.group("y")), day, *match.span()))
        )
    for match in _MONTH_YEAR.finditer(text):
        # Not a month and year already read inside a date ("11 November 2024"); one
        # after a full date is a time of its own ("after 2 August 2024 ... in September 2024").
        if not any(t.start <= match.start() < t.end for _, t in found):
            month, year = _MONTHS[match.group("m")], _number(match.group("y"))
            found.append((match.start(), TimeMention(month, year, None, *match.span())))
    found.sort(key=lambda item: item[0])
    return tuple(time for _, time in found)


#: A month named alone ("pushed to December", "डिसेंबरपर्यंत"); "May" only after a
#: word that makes it the month ("to May", "in May"), since "may" is a verb too.
_BARE_MONTH = re.compile(rf"{_BEFORE}(?P<m>{_MONTH})\.?{_MONTH_ENDING}{_AFTER}")
_MAY_BEFORE = re.compile(
    r"(?:\b(?:to|in|till|until|by|early|late|mid|next|last|of|its|the|this)\s+|\bmid-)$"
)


def find_months(text: str) -> list[TimeMention]:
    """The months a text names without a day or a year ("put off to December"): the
    month alone, for a caller that knows which year the text means."""
    taken = [(t.start, t.end) for t in _find_times(text)]
    found = []
    for match in _BARE_MONTH.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        name = match.group("m")
        before = text[max(0, match.start() - 7) : match.start()]
        if name == "May" and not _MAY_BEFORE.search(before):
            continue
        found.append(TimeMention(_MONTHS[name], None, None, *match.span()))
    return found


#: Days of the week as news writes them ("on Friday", "शुक्रवार को", "शुक्रवारी"), Monday
#: first. English ones must be capitalised, like months.
_WEEKDAY_RE = re.compile(
    rf"{_BEFORE}(?:(?P<en>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"(?P<in>सोम|मंगल|मंगळ|बुध|गुरु|बृहस्पति|शुक्र|शनि|रवि)वार(?:ी|ला|च्या|पासून)?)"
    rf"{_AFTER}"
)
_WEEKDAY_NUMBERS = {
    **{name: n for n, name in enumerate(
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    )},
    **{"सोम": 0, "मंगल": 1, "मंगळ": 1, "बुध": 2, "गुरु": 3, "बृहस्पति": 3, "शुक्र": 4,
       "शनि": 5, "रवि": 6},
}  # fmt: skip


def find_weekdays(text: str, reference: date) -> list[TimeMention]:
    """The dates a text's days of the week can be, seen from a story of `reference`:
    "on Friday" is the last Friday up to the story's day or the next one after it
    (news tells of the week just past and of the days to come)."""
    found = []
    for match in _WEEKDAY_RE.finditer(text):
        weekday = _WEEKDAY_NUMBERS[match.group("en") or match.group("in")]
        back = (reference.weekday() - weekday) % 7
        for day in (reference - timedelta(days=back), reference + timedelta(days=7 - back)):
            found.append(TimeMention(day.month, day.year, day.day, *match.span()))
    return found


def past_weekdays(text: str, reference: date) -> list[TimeMention]:
    """The days a text's days of the week fall on when it tells of what was done: the
    first of `find_weekdays`' two ("declared it over on Wednesday" in a story of
    Thursday 2 November is Wednesday 1 November; the story's own day when it is that
    day of the week)."""
    return find_weekdays(text, reference)[::2]


def day_spans(text: str) -> list[tuple[int, int]]:
    """Where the day of a written date stands ("31" in "by 31 March 2024", "मे १०"), or
    the day and month of a date written in numbers ("18/01" of "18/01/2024"): a number
    there is a date, not a quantity (its year is still a year)."""
    spans = []
    for pattern, group in ((_MONTH_DAY, "d1"), (_DAY_MONTH, "d2")):
        for match in pattern.finditer(text):
            spans.append(match.span(group))
    spans += [(match.start("d"), match.end("m")) for match in _numeric_dates(text)]
    return spans


#: A date written in numbers, day first as India writes it: "18/01/2024", "18-01-2024",
#: "18.01.2024", "२६/०१/२०२५" (the year in four digits; the separators alike).
_NUMERIC_DATE = re.compile(
    rf"(?<![\w/.-])(?P<d>{_DIGIT}{{1,2}})(?P<sep>[/.-])(?P<m>{_DIGIT}{{1,2}})(?P=sep)"
    rf"(?P<y>{_DIGIT}{{4}})(?![\w/-]|\.\d)"
)


def _numeric_dates(text: str) -> list[re.Match[str]]:
    """The dates written in numbers that are dates (a day of 1-31, a month of 1-12)."""
    return [
        match
        for match in _NUMERIC_DATE.finditer(text)
        if 1 <= _number(match.group("d")) <= 31 and 1 <= _number(match.group("m")) <= 12
    ]
