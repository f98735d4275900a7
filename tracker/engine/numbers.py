"""Quantities in English, Hindi and Marathi text: digits in either script, Western and
Indian digit grouping, scale words (thousand, lakh, crore, अब्ज ...), number words,
percentages, ranges and years.

Pure functions, no I/O. Offsets refer to the text as given.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.engine.dates import ENGLISH_MONTHS, day_spans
from tracker.engine.text import (
    all_stopwords,
    ascii_digits,
    fold,
    is_devanagari,
    spelled_letters,
    token_spans,
    tokenize,
)

__all__ = [
    "COMMON_UNITS",
    "SCALE_WORDS",
    "NumberMention",
    "find_numbers",
    "format_number",
    "in_common_unit",
    "main_quantity",
    "sum_of_a_thing",
]


@dataclass(frozen=True)
class NumberMention:
    """One quantity found in a text."""

    #: The value, scale words applied: "1.2 billion" is 1.2e9; the low end of a range.
    value: float
    #: The text as written ("५०,०००", "50 हजार", "20 to 40").
    text: str
    start: int
    end: int
    #: The folded word following the quantity ("chips", "चिप्स"), if any.
    unit: str | None = None
    #: Up to four folded words after the quantity: context for comparing units.
    following: tuple[str, ...] = ()
    #: High end of a range ("20 to 40" -> 40.0).
    high: float | None = None
    is_year: bool = False
    is_percent: bool = False
    #: Part of a model or product code (ए 100 = A100, आर 1 = R1), not a quantity.
    is_code: bool = False
    #: Written as a part of a whole: "18,000 of the city's voters", "18 out of 20",
    #: "लागत में से 1,150 करोड़", "स्मार्टफोनपैकी १८ लाख".
    is_part: bool = False
    #: A count still running, which a final count may exceed: "at least 93", "74,000 so
    #: far", "अब तक 40", or in a text saying the count is expected to climb.
    is_interim: bool = False
    #: Not a level but a shift: how much something changed ("raised by ₹30", "a ₹30
    #: hike", "३० रुपयांची वाढ", "30 रुपये की बढ़ोतरी") or the level it changed from
    #: ("from ₹60 to ₹90", "६० रुपयांवरून", "60 रुपये से बढ़ाकर"). Never a percentage.
    is_change: bool = False

    #: A note's or coin's face value ("the ₹1,000 note", "2000 के नोट"): it tells which
    #: note, as a model number tells which model, and is no quantity.
    is_denomination: bool = False
    #: The unit as written when the value was converted to `unit` ("टन" of "३७ टन", read
    #: as 37,000 kg; `_CONVERSIONS`), and the factor it was multiplied by.
    written_unit: str | None = None
    factor: float = 1.0

    @property
    def comparable(self) -> bool:
        """Whether this mention is a quantity worth comparing with a claimed quantity."""
        return not (self.is_year or self.is_code or self.is_denomination)

    @property
    def upper(self) -> float:
        """The high end of a range, or the value itself."""
        return self.high if self.high is not None else self.value


_SCALES: dict[str, float] = {
    # "27 सौ करोड़" is 2,700 crore: after digits, a hundred word scales them.
    "hundred": 1e2, "सौ": 1e2, "शंभर": 1e2,
    # "two dozen" is 24 ("dozens of" alone, a bare scale word, is no quantity).
    "dozen": 12, "दर्जन": 12, "डझन": 12,
    "thousand": 1e3, "thousands": 1e3, "k": 1e3, "हजार": 1e3, "हज़ार": 1e3,
    "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "लाख": 1e5,
    "million": 1e6, "millions": 1e6, "mn": 1e6, "m": 1e6, "मिलियन": 1e6, "दशलक्ष": 1e6,
    "crore": 1e7, "crores": 1e7, "cr": 1e7, "करोड़": 1e7, "करोड": 1e7, "कोटी": 1e7, "कोटि": 1e7,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "b": 1e9, "बिलियन": 1e9, "अब्ज": 1e9, "अरब": 1e9,
    "trillion": 1e12, "trillions": 1e12, "tn": 1e12, "ट्रिलियन": 1e12,
}  # fmt: skip
# Single letters are scales only when glued to the digits ("50k", "$1.2bn").
_GLUED_ONLY = frozenset({"k", "m", "b", "mn", "bn", "tn", "cr"})
#: The scale words ("crore", "billion", "लाख"), for callers telling them from units.
SCALE_WORDS: tuple[str, ...] = tuple(word for word in _SCALES if word not in _GLUED_ONLY)
# Longest first, so "thousands" is read before "thousand".
_LATIN_SCALE_WORDS = sorted(
    (w for w in _SCALES if w.isascii() and w not in _GLUED_ONLY), key=len, reverse=True
)
_LATIN_SCALE_PREFIXES = tuple(_LATIN_SCALE_WORDS)
_NOT_AN_ENDING = frozenset("िीुू्")
# Scale words as `fold` writes them (no nukta): हज़ार and हजार are one word.
_SCALE_BY_FOLD = {fold(word): factor for word, factor in _SCALES.items()}
_DEVANAGARI_SCALES = sorted((w for w in _SCALE_BY_FOLD if not w.isascii()), key=len, reverse=True)
_DEVANAGARI_SCALE_PREFIXES = tuple(_DEVANAGARI_SCALES)

#: Hindi and Marathi 21 to 99 in order, "_" in the place of each ten (written apart).
_HINDI_21_TO_99 = (
    "इक्कीस बाईस तेईस चौबीस पच्चीस छब्बीस सत्ताईस अट्ठाईस उनतीस _ इकतीस बत्तीस तैंतीस "
    "चौंतीस पैंतीस छत्तीस सैंतीस अड़तीस उनतालीस _ इकतालीस बयालीस तैंतालीस चवालीस "
    "पैंतालीस छियालीस सैंतालीस अड़तालीस उनचास _ इक्यावन बावन तिरपन चौवन पचपन छप्पन "
    "सत्तावन अट्ठावन उनसठ _ इकसठ बासठ तिरसठ चौंसठ पैंसठ छियासठ सड़सठ अड़सठ उनहत्तर _ "
    "इकहत्तर बहत्तर तिहत्तर चौहत्तर पचहत्तर छिहत्तर सतहत्तर अठहत्तर उन्यासी _ इक्यासी "
    "बयासी तिरासी चौरासी पचासी छियासी सत्तासी अट्ठासी नवासी _ इक्यानवे बानवे तिरानवे "
    "चौरानवे पचानवे छियानवे सत्तानवे अट्ठानवे निन्यानवे"
)
_MARATHI_21_TO_99 = (
    "एकवीस बावीस तेवीस चोवीस पंचवीस सव्वीस सत्तावीस अठ्ठावीस एकोणतीस _ एकतीस बत्तीस "
    "तेहतीस चौतीस पस्तीस छत्तीस सदतीस अडतीस एकोणचाळीस _ एकेचाळीस बेचाळीस त्रेचाळीस "
    "चव्वेचाळीस पंचेचाळीस सेहेचाळीस सत्तेचाळीस अठ्ठेचाळीस एकोणपन्नास _ एक्कावन्न बावन्न "
    "त्रेपन्न चोपन्न पंचावन्न छप्पन्न सत्तावन्न अठ्ठावन्न एकोणसाठ _ एकसष्ट बासष्ट त्रेसष्ट "
    "चौसष्ट पासष्ट सहासष्ट सदुसष्ट अडुसष्ट एकोणसत्तर _ एकाहत्तर बाहत्तर त्र्याहत्तर "
    "चौऱ्याहत्तर पंचाहत्तर शहात्तर सत्त्याहत्तर अठ्ठ्याहत्तर एकोणऐंशी _ एक्याऐंशी ब्याऐंशी "
    "त्र्याऐंशी चौऱ्याऐंशी पंच्याऐंशी शहाऐंशी सत्त्याऐंशी अठ्ठ्याऐंशी एकोणनव्वद _ "
    "एक्याण्णव ब्याण्णव त्र्याण्णव चौऱ्याण्णव पंच्याण्णव शहाण्णव सत्त्याण्णव अठ्ठ्याण्णव "
    "नव्याण्णव"
)


def _from_21(words: str) -> dict[str, float]:
    """Number words from 21 on, in order, less the tens' places ("_")."""
    return {w: n for w, n in zip(words.split(), range(21, 100), strict=True) if w != "_"}


_WORD_NUMBERS: dict[str, float] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
    "एक": 1, "दो": 2, "दोन": 2, "तीन": 3, "चार": 4, "पांच": 5, "पाच": 5, "पाँच": 5, "छह": 6,
    "सहा": 6, "सात": 7, "आठ": 8, "नौ": 9, "नऊ": 9, "दस": 10, "दहा": 10, "बीस": 20, "वीस": 20,
    "तीस": 30, "चालीस": 40, "चाळीस": 40, "पचास": 50, "पन्नास": 50, "सौ": 100, "शंभर": 100,
    # Hindi and Marathi 11-19 and the other tens, each a word of its own (Hindi तेरा,
    # "your", is left out: 13 is written in digits in the news anyway).
    "ग्यारह": 11, "बारह": 12, "तेरह": 13, "चौदह": 14, "पंद्रह": 15, "सोलह": 16, "सत्रह": 17,
    "अठारह": 18, "उन्नीस": 19, "अकरा": 11, "बारा": 12, "चौदा": 14, "पंधरा": 15, "सोळा": 16,
    "सतरा": 17, "अठरा": 18, "एकोणीस": 19, "पच्चीस": 25, "पंचवीस": 25, "साठ": 60,
    "सत्तर": 70, "अस्सी": 80, "ऐंशी": 80, "नब्बे": 90, "नव्वद": 90,
    # One and a half, two and a half.
    "डेढ़": 1.5, "दीड": 1.5, "ढाई": 2.5, "अडीच": 2.5,
    # Hindi and Marathi 21-99, each a word of its own ("चौबीस घंटे", "चोवीस तासांत").
    **_from_21(_HINDI_21_TO_99),
    **_from_21(_MARATHI_21_TO_99),
    "half": 0.5, "आधा": 0.5, "आधे": 0.5, "अर्धा": 0.5, "अर्धे": 0.5,
}  # fmt: skip
#: Words that add to the number they precede, written apart or joined to it: साडे बारा
#: or साडेबारा (12.5), साढ़े तीन (3.5), सव्वा लाख (1.25 lakh), पावणे दोन (1.75).
_FRACTIONS = {
    fold(word): delta
    for word, delta in {
        "साडे": 0.5, "साढ़े": 0.5, "सव्वा": 0.25, "सवा": 0.25, "पावणे": -0.25, "पौने": -0.25,
    }.items()
}  # fmt: skip
_HUNDREDS = frozenset(word for word, factor in _SCALES.items() if factor == 1e2)
_HALVES = frozenset(fold(word) for word, value in _WORD_NUMBERS.items() if value == 0.5)
_PERCENT_WORDS = ("percent", "per cent", "pc", "प्रतिशत", "टक्के", "टक्का", "फीसदी", "फ़ीसदी")
#: Marathi's percent word with a case ending glued on: "३ टक्क्यांनी घटला" (by 3%),
#: "७५ टक्क्यांपेक्षा कमी" (under 75%), "टक्क्यांवर", "टक्क्यांची".
_PERCENT_INFLECTED = "टक्क्यां"
_RANGE_JOINERS = frozenset({"-", "–", "—", "to", "ते", "से"})

#: Marathi case endings and postpositions glued to digits ("२०२४मध्ये", "२०१९च्या",
#: "५००हून अधिक", "१२०पेक्षा जास्त"): the digits are still a number.
_GLUED_AFTER_DIGITS = (
    r"(?:मध्ये|च्या|चा|ची|चे|हून|पेक्षा|पर्यंत|पासून|नंतर|पूर्वी|साली|ला|ने|त|वर|च)"
    r"(?![\u0900-\u097f])"
)
_GLUED_SUFFIX_RE = re.compile(_GLUED_AFTER_DIGITS)
# A digit run: Indian grouping (8,72,000), Western grouping (50,000) or plain, with decimals.
_DIGITS = r"(?:\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
#: Digits start a number after no letter, or glued to a currency written before them
#: ("Rs1,200 crore", "Rs.50 lakh", "INR1200cr", "USD2.5 billion").
_NUMBER_RE = re.compile(
    r"(?:(?<![\w.,])|(?<=(?<![A-Za-z])Rs)|(?<=(?<![A-Za-z])Rs\.)|(?<=(?<![A-Za-z])INR)"
    r"|(?<=(?<![A-Za-z])USD))" + _DIGITS + r"(?![,.]?\d)"
    r"(?P<glued>k|K|mn|bn|tn|cr|m|b)?(?:(?![^\W\d_])|(?=" + _GLUED_AFTER_DIGITS + r"))"
)
_SPACE_RE = re.compile(r"[\s\u00a0-]*")
_HYPHENATED_RE = re.compile(r"-[^\W\d_]")
#: A number written after a name and a hyphen is part of the name: Chandrayaan-3, Covid-19.
_NAME_HYPHEN_RE = re.compile(r"[^\W\d_]-$")
#: (Beside `text.spelled_letters`' own words that are no letters alone, "आई" and "वाई":
#: these two stay letters for match keys, "ई 20" being E20, but not before a figure here.)
_LETTER_NAME_EXCLUDED = frozenset({"के", "ई"})


def _scale_at(text: str, pos: int) -> tuple[float, int]:
    """A scale word starting at `pos` (after optional spaces): its factor and end offset."""
    spaced = _SPACE_RE.match(text, pos)
    start = spaced.end() if spaced else pos
    rest = text[start : start + 12]
    low = rest.casefold()
    # (Most numbers have no scale word: one `startswith` over all of them says so.)
    for word in _LATIN_SCALE_WORDS if low.startswith(_LATIN_SCALE_PREFIXES) else ():
        if low.startswith(word) and not low[len(word) : len(word) + 1].isalpha():
            return _SCALES[word], start + len(word)
    if rest.isascii():
        return 1.0, pos  # folded, it stays ASCII: no Devanagari scale word
    factor = _scale_factor(fold(rest))  # हज़ार with a precomposed or a combining nukta
    if factor is None:
        return 1.0, pos
    # Marathi/Hindi glue case endings on: कोटींचा, हजारांहून.
    end = start
    while end < len(text) and "\u0900" <= text[end] <= "\u097f":
        end += 1
    return factor, end


def _scale_factor(folded: str) -> float | None:
    """The factor of the scale word `folded` starts with, a case ending glued on or not
    (कोटींचा, हजारांहून, करोड़ों, हजारांच्या); None if it is none ("अरबी" is another word)."""
    if folded in _SCALE_BY_FOLD:
        return _SCALE_BY_FOLD[folded]
    if folded.isascii() or not folded.startswith(_DEVANAGARI_SCALE_PREFIXES):
        return None
    for word in _DEVANAGARI_SCALES:
        if folded.startswith(word) and folded[len(word) : len(word) + 1] not in _NOT_AN_ENDING:
            return _SCALE_BY_FOLD[word]
    return None


def _percent_at(text: str, pos: int) -> int | None:
    """End offset of a percent sign or word starting at `pos`, or None."""
    spaced = _SPACE_RE.match(text, pos)
    start = spaced.end() if spaced else pos
    if text.startswith("%", start) or text.startswith("%", pos):
        return (start if text.startswith("%", start) else pos) + 1
    low = text[start : start + 12].casefold()
    if low.startswith(_PERCENT_INFLECTED):
        # (The whole inflected word is the sign: "७५ टक्क्यांपेक्षा".)
        end = start + len(_PERCENT_INFLECTED)
        while end < len(text) and (text[end].isalpha() or "\u0900" <= text[end] <= "\u097f"):
            end += 1
        return end
    for word in _PERCENT_WORDS if low.startswith(_PERCENT_WORDS) else ():
        if low.startswith(word) and not low[len(word) : len(word) + 1].isalpha():
            return start + len(word)
    return None


class _Words:
    """The words of one text (`token_spans`), found once for every slice of it that is read.

    A word is a run of word characters, so the words of a slice are the text's
    words cut to the slice (`within`).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = token_spans(text)
        self._ends = [end for _, _, end in self.spans]

    def within(self, start: int, end: int) -> list[tuple[str, int, int]]:
        """`token_spans(text[start:end])`, offsets counted in the whole text."""
        out: list[tuple[str, int, int]] = []
        spans = self.spans
        first_word = bisect.bisect_right(self._ends, start) if start < end else len(spans)
        for index in range(first_word, len(spans)):
            word, first, last = spans[index]
            if first >= end:
                break
            if first < start or last > end:
                first, last = max(first, start), min(last, end)
                word = self.text[first:last]
            out.append((word, first, last))
        return out


def _digit_mentions(words: _Words) -> list[NumberMention]:
    """Mentions written with digits (either script), with scale, percent and unit."""
    text = words.text
    digits = ascii_digits(text)
    found: list[NumberMention] = []
    for match in _NUMBER_RE.finditer(digits):
        raw = match.group()
        glued = match.group("glued")
        number_part = raw[: len(raw) - len(glued)] if glued else raw
        value = float(number_part.replace(",", ""))
        end = match.end()
        scale = _SCALES[glued.lower()] if glued else 1.0
        for _ in range(2):  # "1 lakh crore", "1.2 लाख कोटी"
            factor, scale_end = _scale_at(digits, end)
            if factor == 1.0:
                break
            scale *= factor
            end = scale_end
        percent_end = _percent_at(digits, end) if scale == 1.0 else None
        is_percent = percent_end is not None
        if percent_end is not None:
            end = percent_end
        plain = "," not in number_part and "." not in number_part
        is_year = plain and scale == 1.0 and not is_percent and 1800 <= value <= 2100
        is_year = is_year and len(number_part) == 4
        found.append(
            NumberMention(
                value=value * scale,
                text=text[match.start() : end],
                start=match.start(),
                end=end,
                is_year=is_year,
                is_percent=is_percent,
                is_code=_follows_letter_name(words, match.start())
                or _NAME_HYPHEN_RE.search(text, max(0, match.start() - 2), match.start())
                is not None,
            )
        )
    return found


def _follows_letter_name(words: _Words, start: int) -> bool:
    """ "ए 100", "आर 1": a number after a spelled-out Latin letter is a model code."""
    # The word before the spaces and hyphens before the number, as read in the 12
    # characters before them.
    before = start
    while before > 0 and words.text[before - 1] in " -":
        before -= 1
    if before == start:
        return False
    spans = words.within(max(0, before - 12), before)
    if not spans or spans[-1][2] != before:
        return False
    word = spans[-1][0]
    if word in _LETTER_NAME_EXCLUDED:
        return False
    if _is_model_name(word, words.text[start : start + 3]):
        return True
    if _MODEL_NUMBER_RE.match(words.text, start) and _is_name(word):
        return True  # "Boeing 737 MAX": a model's number
    letters = spelled_letters(word)
    return letters is not None and len(letters) <= 2


#: Three digits and an all-capitals word after a name: a model ("737 MAX", "320 NEO");
#: not a Title-case headline's next word ("Tata Steel Cuts 800 Jobs").
_MODEL_NUMBER_RE = re.compile(r"\d{3}\s+[A-Z]{2,}\b")


#: Words before a number that qualify it (when capitalised, they open a sentence);
#: those that are stopwords ("About", "Over", "Only") are left out by `all_stopwords`.
_APPROXIMATORS = frozenset(
    {"around", "roughly", "nearly", "almost", "approximately", "barely", "exactly", "less",
     "fewer", "least", "top", "another"}
)  # fmt: skip


def _is_model_name(word: str, digits: str) -> bool:
    """ "Vega 5", "Windows 11", "Galaxy S24": a small number after a capitalised name is
    the product's number, not a quantity (a month name before a day is a date)."""
    number = "".join(ch for ch in digits if ch.isdigit())
    return (
        _is_name(word)
        and 0 < len(number) <= 2
        and not digits[len(number) : len(number) + 1].isdigit()
    )


def _is_name(word: str) -> bool:
    """A capitalised Latin word that names something: not a month, nor a word such as
    "About" or "Over" capitalised for opening a sentence."""
    return (
        word[:1].isupper()
        and word.isascii()
        and word.isalpha()
        and word not in ENGLISH_MONTHS
        and fold(word) not in _APPROXIMATORS
        and fold(word) not in all_stopwords()
    )


def _word_mentions(words: _Words) -> list[NumberMention]:
    """Mentions written in words: "fifty thousand", "two hundred", "दोन लाख", "पचास हज़ार"."""
    text = words.text
    found: list[NumberMention] = []
    spans = words.spans
    index = 0
    while index < len(spans):
        run_end = index
        while run_end < len(spans) and (
            is_number_word(spans[run_end][0])
            or _joins_tens(spans, index, run_end)
            or _joins_half(spans, index, run_end)
        ):
            run_end += 1
        if run_end == index:
            index += 1
            continue
        # ("two hundred and forty": the "and" joins, it counts nothing.)
        run = [s for s in spans[index:run_end] if fold(s[0]) != "and"]
        # ("पांच-पांच लाख", "दोन-दोन लाख": a number written twice with a hyphen is "each",
        # five lakh each, not ten.)
        run = [s for i, s in enumerate(run) if not (i and _written_twice(text, run[i - 1], s))]
        mention = _word_run(text, run)
        if mention is not None:
            found.append(mention)
        index = run_end
    return found


def _written_twice(text: str, before: tuple[str, int, int], word: tuple[str, int, int]) -> bool:
    """Is `word` the number word `before` written again after a hyphen ("पांच-पांच")?"""
    return fold(word[0]) == fold(before[0]) and text[before[2] : word[1]] == "-"


def _joins_tens(spans: Sequence[tuple[str, int, int]], start: int, at: int) -> bool:
    """Is the word at `at` the "and" of "two hundred and forty", "three thousand and
    five": after "hundred" or "thousand" in a run begun at `start`, before a number word
    below a hundred?"""
    if at == start or at + 1 >= len(spans) or fold(spans[at][0]) != "and":
        return False
    after = _word_value(fold(spans[at + 1][0]))
    return fold(spans[at - 1][0]) in {"hundred", "thousand"} and after is not None and after < 100


def _joins_half(spans: Sequence[tuple[str, int, int]], start: int, at: int) -> bool:
    """Is the word at `at` the "and" of "two and a half lakh", "one-and-a-half years",
    in a run begun at `start`?"""
    if at == start or at + 2 >= len(spans) or fold(spans[at][0]) != "and":
        return False
    if _scale_factor(fold(spans[at - 1][0])) is not None:
        return False  # ("two lakh and a half": not a half of the lakhs' count)
    return fold(spans[at + 1][0]) in {"a", "an"} and fold(spans[at + 2][0]) in _HALVES


def is_number_word(word: str) -> bool:
    """A number word ("Eighteen", "thirty", "लाख", "अठरा"), as written."""
    folded = fold(word)
    return (
        _word_value(folded) is not None
        or folded in _FRACTIONS
        or (_scale_factor(folded) is not None and folded not in _GLUED_ONLY)
    )


#: Marathi hundreds, one word each: "पाचशे" (500), "दोनशे चाळीस" (240), "अडीचशे" (250),
#: the number of hundreds before "शे"; a fraction word joined to one adds to that
#: number ("साडेतीनशे": 350).
_MARATHI_HUNDREDS: dict[str, float] = {
    "दोनशे": 2, "तीनशे": 3, "चारशे": 4, "पाचशे": 5, "सहाशे": 6, "सातशे": 7, "आठशे": 8,
    "नऊशे": 9, "दीडशे": 1.5, "अडीचशे": 2.5,
}  # fmt: skip
#: Every number word, and each with a fraction word joined to it (साडेबारा: 12.5).
#: Keys folded as the words they are looked up by are (डेढ़ is spelt with a nukta).
_WORD_VALUES: dict[str, float] = {
    **{prefix + fold(word): value + delta for prefix, delta in _FRACTIONS.items()
       for word, value in _WORD_NUMBERS.items() if is_devanagari(word)},
    **{fold(word): value for word, value in _WORD_NUMBERS.items()},
    **{prefix + fold(word): (hundreds + delta) * 100 for prefix, delta in _FRACTIONS.items()
       for word, hundreds in _MARATHI_HUNDREDS.items()},
    **{fold(word): hundreds * 100 for word, hundreds in _MARATHI_HUNDREDS.items()},
}  # fmt: skip


def _word_value(folded: str) -> float | None:
    """The value of one number word, a fraction word joined to it included (साडेबारा),
    or Marathi's "only" glued to it ("दोनच कंपन्या": only two companies; not "एकच",
    "the same"), or its "over" ("दोनशेहून अधिक")."""
    value = _WORD_VALUES.get(folded)
    if value is None and folded.endswith("च") and folded != "एकच":
        value = _WORD_VALUES.get(folded[:-1])
    if value is None and folded.endswith("हून"):
        value = _WORD_VALUES.get(folded[: -len("हून")])  # "दोनशेहून अधिक": over 200
    return value


def _word_run(text: str, run: list[tuple[str, int, int]]) -> NumberMention | None:
    """Value of a run of number words, or None when it is a lone "a"/"one" or has no number."""
    words = [fold(word) for word, _, _ in run]
    if not any(_word_value(word) is not None or word in _FRACTIONS for word in words):
        return None  # a bare scale word ("thousands of people") is not a quantity
    if len(words) == 1 and words[0] in {"a", "an", "one", "एक", "एकहून"}:
        return None
    while words and words[0] in {"a", "an"} and len(words) > 1 and words[1] in _WORD_NUMBERS:
        words, run = words[1:], run[1:]
    if words[0] in _HALVES and (
        len(words) == 1
        or _scale_factor(words[-1]) is None
        or re.search(r"\band[\s-]+(?:an?[\s-]+)?$", text[max(0, run[0][1] - 7) : run[0][1]])
    ):
        return None  # "half the players", "one and a half lakh", "two-and-a-half": none
    # "half a billion", "आधा अरब": a half of the scale that follows ("a" is no 1 there),
    # and "two and a half lakh": the half of a number before ("a" is none there either).
    words = [
        w
        for i, w in enumerate(words)
        if not (
            w in {"a", "an"}
            and i
            and (words[i - 1] in _HALVES or (i + 1 < len(words) and words[i + 1] in _HALVES))
        )
    ]
    total = 0.0
    current = 0.0
    fraction = 0.0
    for word in words:
        value = _word_value(word)
        if word in _HUNDREDS:
            # ("सवा सौ": a quarter more than one hundred, 125.)
            current = (current or 1.0 + fraction) * 100
            fraction = 0.0
        elif word in _FRACTIONS:
            fraction = _FRACTIONS[word]  # साडे बारा: added to the number that follows
        elif value is not None:
            current += value + fraction
            fraction = 0.0
        else:  # a scale word: सवा लाख is 1.25 lakh
            total += (current or 1.0 + fraction) * (_scale_factor(word) or 1.0)
            current = fraction = 0.0
    if fraction and not total and not current:
        return None  # सवा, साडे alone: no number
    start, end = run[0][1], run[-1][2]
    if _HYPHENATED_RE.match(text, end):
        return None  # "two-wheelers", "one-day match": part of a word, not a quantity
    percent_end = _percent_at(text, end)
    return NumberMention(
        value=total + current,
        text=text[start : percent_end or end],
        start=start,
        end=percent_end or end,
        is_percent=percent_end is not None,
    )


def _merge_ranges(text: str, mentions: list[NumberMention]) -> list[NumberMention]:
    """Join "20 to 40", "20-40", "20 ते 40" into one mention with a high end."""
    merged: list[NumberMention] = []
    for mention in mentions:
        if (
            merged
            and not merged[-1].is_year
            and not mention.is_year
            # (Not the day and month of "18-01-2024"; "9-18 November" is a range of days.)
            and not (merged[-1].is_code and mention.is_code)
        ):
            previous = merged[-1]
            gap = text[previous.end : mention.start].strip().casefold()
            if gap in _RANGE_JOINERS and previous.high is None:
                low = previous.value
                # "20 to 40 million": the scale written once applies to both ends.
                if low < mention.value and previous.text.strip().replace(",", "").isdigit():
                    scale = _scale_of(mention)
                    if low * scale <= mention.value:
                        low *= scale
                merged[-1] = NumberMention(
                    value=low,
                    text=text[previous.start : mention.end],
                    start=previous.start,
                    end=mention.end,
                    high=mention.value,
                    is_percent=mention.is_percent or previous.is_percent,
                )
                continue
        merged.append(mention)
    return merged


def _scale_of(mention: NumberMention) -> float:
    """The scale word's factor applied in a mention (1.0 when none)."""
    digits = ascii_digits(mention.text)
    match = _NUMBER_RE.match(digits)
    if match is None or match.group("glued"):
        return 1.0 if match is None else _SCALES[match.group("glued").lower()]
    factor, _ = _scale_at(digits, match.end())
    second, _ = _scale_at(digits, _scale_at(digits, match.end())[1])
    return factor * second


#: A currency sign written before a number is its unit: "$1 trillion sell-off" counts
#: dollars, not sell-offs.
_CURRENCY_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(?:US|A|C|HK)?(\$|(?<![A-Za-z])USD)|(₹|(?<![A-Za-z])(?:Rs\.?|INR)|(?<![\u0900-\u097f])रु\.?)"
    r"|(€)|(£))\s?$"
)
_CURRENCY_UNITS = ("dollars", "rupees", "euros", "pounds")
#: Currency words after a number, folded: the number is an amount of money ("9,999
#: रुपये का फोन" prices a phone; it does not count phones).
_CURRENCY_WORDS = frozenset(
    fold(word)
    for word in (
        "dollar", "dollars", "rupee", "rupees", "euro", "euros", "pound", "pounds", "yuan",
        "yen", "रुपये", "रुपए", "रुपया", "रुपयांचा", "रुपयांची", "रुपयांचे", "रुपयांच्या",
        "रुपयांना", "रुपयांत", "रुपयात", "डॉलर", "डॉलरचा", "डॉलरची", "डॉलरचे", "डॉलर्स",
        "यूरो", "युरो", "युआन", "पाउंड", "पौंड",
    )
)  # fmt: skip


def _currency_before(text: str, start: int) -> str | None:
    """The currency whose sign stands just before `start` ("$", "US$", "₹", "Rs."), if any."""
    found = _CURRENCY_BEFORE.search(text[max(0, start - 8) : start])
    if found is None:
        return None
    return next(unit for unit, sign in zip(_CURRENCY_UNITS, found.groups(), strict=True) if sign)


def _with_units(words: _Words, mentions: list[NumberMention]) -> list[NumberMention]:
    """Attach the following words (the unit and a little context) to each mention.

    A currency sign before the number ("$1 trillion", "₹50 crore") is the unit.
    """
    stop = all_stopwords()
    # A text saying its count will rise makes every count in it one still running.
    rising = _RISING_RE.search(words.text) is not None
    out: list[NumberMention] = []
    for index, mention in enumerate(mentions):
        # A figure's words end where the next figure begins: in "10 teams bought 52
        # players", "players" is what 52 counts, not 10.
        limit = mentions[index + 1].start if index + 1 < len(mentions) else None
        following = after = _words_after(words, mention.end, limit)
        if (
            following
            and _GLUED_SUFFIX_RE.fullmatch(following[0])
            and is_devanagari(words.text[mention.end : mention.end + 1])
        ):
            following = after = following[1:]  # "५००हून अधिक": the ending counts nothing
        unit = next((word for word in following if word not in stop), None)
        currency = _currency_before(words.text, mention.start)
        value, high = mention.value, mention.high
        written_unit, factor = None, 1.0
        if currency is not None:
            unit, following = currency, (currency,)
        elif unit in _CURRENCY_WORDS:
            following = (unit,)  # a price: what follows it is what costs that much
        elif following[:2] == ("कि", "मी"):
            unit, following = "km", ("km", *following[2:])  # "७०० कि.मी.": kilometres
        elif unit is not None and unit in _CONVERSIONS:
            # "a 200-foot pipe" measures what "57 metres" does: compared in metres.
            written_unit = unit
            unit, factor = _CONVERSIONS[unit]
            value, high = value * factor, None if high is None else high * factor
            following = (unit, *following[1:])
        if unit == "km" and _PER_HOUR_BEFORE_RE.search(words.text[: mention.start]):
            # "ताशी २०० कि.मी.", "प्रति घंटा 100 किमी": the hour written first.
            unit, following = SPEED_UNIT, (SPEED_UNIT, *following[1:])
        elif (unit == "km" and following[1:2] in _PER_HOUR) or unit in SPEED_UNITS:
            # A speed, not a length: "40 km/h", "120 कि.मी. प्रति तास", "100 kilometres per
            # hour", "100 kmph", "१०० किमी प्रतितास".
            unit, following = (
                SPEED_UNIT,
                (SPEED_UNIT, *following[1 if unit in SPEED_UNITS else 2 :]),
            )
        out.append(
            NumberMention(
                value=value,
                text=mention.text,
                start=mention.start,
                end=mention.end,
                unit=unit,
                following=following,
                high=high,
                is_year=mention.is_year,
                is_percent=mention.is_percent,
                # "Rs 2 crore" is a sum, not a model's number ("Vega 5").
                is_code=mention.is_code and currency is None,
                # "49% of the merged airline" is a share, not a part standing apart
                # from its whole: percentages of one whole compare.
                is_part=not mention.is_percent and _is_part(words.text, mention.start, after),
                is_interim=rising or _is_interim(words.text, mention.start, mention.end),
                is_change=not mention.is_percent
                and high is None
                and _is_change(words.text, mention.start, mention.end, unit),
                written_unit=written_unit if unit != written_unit else None,
                factor=factor,
            )
        )
    return out


#: What follows "km" in a speed ("km/h", "km per hour", "किमी प्रति घंटा").
_PER_HOUR = (("h",), ("hr",), ("per",), ("प्रति",), ("प्रतितास",), ("प्रतिघंटा",))
#: "Per hour" written before a speed's figure ("ताशी २०० कि.मी.", "प्रति घंटा 100 किमी").
_PER_HOUR_BEFORE_RE = re.compile(
    r"(?:ताशी|प्रतितास|प्रति\s+तास|प्रति\s+घंटा|प्रति\s+घंटे)\s*(?:सुमारे\s+|करीब\s+)?$"
)
#: A speed's unit written as one word.
SPEED_UNITS = frozenset({"kmph", "kph", "km/h", "kmh"})
#: A claim's speed unit's words, as a story's speed is read ("km/h", `find_numbers`).
SPEED_UNIT = "km/h"
#: Units of length written in feet, miles or other words for them, as metres and
#: kilometres (folded words).
_CONVERSIONS: dict[str, tuple[str, float]] = {
    **dict.fromkeys(("feet", "foot", "ft", "फीट", "फुट", "फूट"), ("metres", 0.3048)),
    **dict.fromkeys(("yards", "yard"), ("metres", 0.9144)),
    **dict.fromkeys(("miles", "mile", "मील", "मैल"), ("km", 1.609344)),
    # The same units in other words: "1,400 किलोमीटर" measures "1,000 km".
    **dict.fromkeys(
        ("kilometres", "kilometre", "kilometers", "kilometer", "kms", "किलोमीटर", "किमी"),
        ("km", 1.0),
    ),
    **dict.fromkeys(("meters", "meter", "metre", "मीटर"), ("metres", 1.0)),
    # Weights in kilograms: "३७ टन स्फोटके" is 37,000 kg, ten times a claimed "3,700 kg
    # of explosives"; "दो क्विंटल" is 200 kg; "100 grams" 0.1 kg.
    **dict.fromkeys(("tonnes", "tonne", "tons", "ton", "टन", "टनांचा", "टनांची"), ("kg", 1000.0)),
    **dict.fromkeys(("quintals", "quintal", "क्विंटल"), ("kg", 100.0)),
    **dict.fromkeys(
        ("kilograms", "kilogram", "kilos", "kilo", "kgs", "किलो", "किलोग्राम", "किलोने", "किलोंनी"),
        ("kg", 1.0),
    ),
    **dict.fromkeys(("grams", "gram", "gm", "gms", "g", "ग्राम", "ग्रॅम"), ("kg", 0.001)),
    # Water supply in millions a day: "1,500 MLD" is 1,500 million litres (a day).
    **dict.fromkeys(("mld", "एमएलडी"), ("litres", 1e6)),
    **dict.fromkeys(("mgd", "एमजीडी", "एमजीडीचा"), ("gallons", 1e6)),
}


#: The units figures are converted to (`_CONVERSIONS`).
COMMON_UNITS = frozenset(unit for unit, _ in _CONVERSIONS.values())


def in_common_unit(value: float, unit: str | None) -> tuple[float, str | None]:
    """A quantity in the unit stories' figures are compared in (`_CONVERSIONS`): an
    analyst's hint of "20 tonnes" or "200 ft" is 20,000 kg or 60.96 metres, and one written
    short the unit stories spell out (`_HINT_UNITS`: "57 m" is 57 metres, "9 t" 9,000 kg,
    "160 kmph" 160 km/h)."""
    if unit is None:
        return value, unit
    unit = _HINT_UNITS.get(fold(unit), unit)
    common, factor = _CONVERSIONS.get(fold(unit), (unit, 1.0))
    return value * factor, common


#: Units an analyst may write short in a hint, as stories spell them. (Not read in
#: stories: a story's "5 m" is as often five million as five metres.)
_HINT_UNITS = {
    "m": "metres",
    "t": "tonnes",
    "ha": "hectares",
    **dict.fromkeys(SPEED_UNITS, SPEED_UNIT),
}


#: Before a number, what makes it a part of a whole ("of which 18,000", Hindi "में से").
#: ... or an increment of a running total ("another 231 Indians", "a further 500", "आणखी
#: २३१ नागरिक").
_PART_BEFORE_RE = re.compile(
    r"(?:\bof which|\bout of which|मे(?:ं)? से|पैकी|\banother|\ba further|आणखी)\s*$",
    re.IGNORECASE,
)
#: A stage of a whole told right after its figure and unit: "४३० कि.मी.चा पहिला टप्पा",
#: "430 km, the first leg", "430 किमी का पहला चरण" (the figure, its unit, at most a
#: genitive particle, then the stage; not "520 km expressway's first phase", nor "the
#: first phase of which": the figure is the whole's).
_STAGE_AFTER_RE = re.compile(
    r"\S+\s*\S*(?:\s+(?:का|की|के|चा|ची|चे|च्या))?\s*,?\s+(?:the\s+)?"
    r"(?:first|second|third|opening|initial|पहिला|पहिल्या|दुसरा|दुसऱ्या|पहला|पहले|दूसरा|दूसरे)"
    r"\s+(?:leg|stage|phase|stretch|टप्पा|टप्प्या|चरण)(?![\w\u0900-\u097f])(?!\s+of\b)",
    re.IGNORECASE,
)
#: The first days of a whole: "in the first eleven days", "पहिल्या अकरा दिवसांत".
_FIRST_DAYS_RE = re.compile(
    r"\bfirst\s+\S+\s+(?:days|weeks|months)\b"
    r"|पहिल्या\s+\S+\s+(?:दिवसांत|आठवड्यांत|महिन्यांत)|पहले\s+\S+\s+(?:दिनों|हफ्तों|महीनों)\s+में",
    re.IGNORECASE,
)
#: A stage of a whole told before its figure: "first phase ... to cost about ₹6 crore",
#: "पहले चरण में", "पहिल्या टप्प्यात".
_STAGE_BEFORE_RE = re.compile(
    r"\b(?:first|second|third|initial|opening)\s+(?:phase|stage|tranche|instalment|installment)\b"
    r"|\bphase\s+(?:one|1|i)\b|पहले चरण|पहला चरण|पहिल्या टप्प्या",
    re.IGNORECASE,
)


#: Before or after a number, or anywhere in its text, what makes it a count still
#: running: "at least 93", "74,000 so far", "अब तक 40", "toll expected to climb".
_INTERIM_BEFORE_RE = re.compile(
    r"(?:at least|so far|till now|until now|कम से कम|अब तक|किमान|आतापर्यंत)\s*$", re.IGNORECASE
)
_INTERIM_AFTER_RE = re.compile(
    r"^(?:\W*[\w\u0900-\u097f]+){0,3}?\W*(?:so far|and counting|अब तक|आतापर्यंत)", re.IGNORECASE
)
_RISING_RE = re.compile(
    r"(?:expected|likely|feared|set) to (?:rise|climb|go up|mount)|बढ़ने की आशंका|वाढण्याची शक्यता"
    # "the number would rise as tracing continued": the count itself said to grow.
    r"|\b(?:number|count|toll|tally|figure)\s+(?:would|will|could|may|might)\s+(?:rise|climb"
    r"|go up|grow|increase)",
    re.IGNORECASE,
)


def _is_interim(text: str, start: int, end: int) -> bool:
    """Is the number at text[start:end] told as a count still running ("at least 93",
    "74,000 so far")?"""
    return bool(
        _INTERIM_BEFORE_RE.search(text[max(0, start - 16) : start])
        or _INTERIM_AFTER_RE.search(text[end : end + 24])
    )


#: The end of a word, before a space, a mark or the danda ("10 रुपये बढ़ा।").
_WORD_END = r"(?=[\s,.;:!?'\"”’)\]।॥]|$)"
#: A currency sign or abbreviation written before a figure ("₹", "Rs.", "INR", "US$").
_CURRENCY_SIGN = r"(?:₹|\brs\.?|\binr|us\$|\$)"
#: Before a figure, what makes it the amount of a change: a verb of change then "by"
#: ("fares were raised by ₹30", "went up by 30"; not "set up by 3,000 workers"), or a
#: noun of change then "of" ("a hike of ₹30"). A currency sign may stand between.
_CHANGE_BEFORE_RE = re.compile(
    r"(?:\b(?:rose|rise|rises|risen|raised|raise|raises|increased|increase|increases|hiked"
    r"|hike|hikes|jumped|climbed|grew|went up|gone up|goes up|fell|fallen|falls|came down"
    r"|dropped|declined|cut|cuts|reduced|reduce|lowered|slashed|revised)"
    r"(?:\s+[\w'’-]+){0,6}?\s+(?P<by>by)"
    r"|\b(?:hike|increase|rise|jump|cut|reduction|drop|fall|decline|increment)\s+of"
    r")\s+(?:(?:about|around|nearly|almost|over|some|roughly|a further|another|an extra)\s+)?"
    rf"{_CURRENCY_SIGN}?\s*$",
    re.IGNORECASE,
)
#: After a figure, at most its unit and a genitive, then a noun of change: "a ₹30 hike",
#: "३० रुपयांची वाढ", "30 रुपये की बढ़ोतरी"; or, without the genitive, a Hindi verb of
#: change ("30 रुपये बढ़ा", not the participle "150 रुपये का बढ़ा हुआ टोल", a level), or
#: Marathi's instrumental of a sum then one ("३० रुपयांनी वाढले"; not the ergative
#: "२०० जवानांनी घटनास्थळी"). Not a level reached ("९० रुपयांपर्यंत वाढ", "90 रुपये
#: तक बढ़ा") nor one compared ("₹90 is higher than").
_CHANGE_AFTER_RE = re.compile(
    r"^\s*(?:(?!(?:तक|से|पर्यंत|पेक्षा|to|than|is|was|or)" + _WORD_END + r")"
    r"(?![\w\u0900-\u097f]*(?:पर्यंत|पेक्षा)" + _WORD_END + r")[\w\u0900-\u097f.]+\s+)?"
    r"(?:(?:(?:की|का|के)\s+)?"
    r"(?:hike|hikes|increase|rise|jump|cut|reduction|drop|fall|decline|increment"
    r"|बढ़ोतरी|बढ़ोत्तरी|वृद्धि|इजाफा|इज़ाफ़ा|कटौती|गिरावट|वाढ|कपात|घट)"
    r"|(?:बढ़ा|बढ़ी|बढ़े|घटा|घटी|घटे)(?!\s+(?:हुआ|हुई|हुए))"
    r")" + _WORD_END + r"|^\s*(?:रुपयांनी|रुपयेनी|कोटींनी|लाखांनी|हजारांनी|पैशांनी|डॉलरनी)\s+"
    r"(?:वाढ(?:ले|ली|ला|वले|वली|वला|ून)?|घट(?:ले|ली|ला|ून)|कमी|महाग|स्वस्त)" + _WORD_END,
    re.IGNORECASE,
)
#: Units a noun of change may be no change of: "a 6 km hike" (a walk), "a jump of 8.41
#: metres", "a drop of 40 metres" (a height). (A verb's "by" still is: "rose by 2 metres".)
_LENGTH_UNITS = frozenset({"metres", "km", "m"})
#: The level a change starts from: "from ₹60 to ₹90" (a verb of change, "from" before,
#: "to" and a figure after), "६० रुपयांवरून ९० रुपये", "60 रुपये से बढ़ाकर 90".
_FROM_BEFORE_RE = re.compile(
    r"\b(?:rose|raised|increased|hiked|jumped|climbed|went up|gone up|fell|dropped"
    r"|declined|cut|reduced|lowered|slashed|revised|changed|hike|increase|rise|reduction)"
    r"(?:\s+[\w'’-]+){0,6}?\s+from\s+(?:(?:about|around|nearly|roughly)\s+)?"
    rf"{_CURRENCY_SIGN}?\s*$",
    re.IGNORECASE,
)
_TO_AFTER_RE = re.compile(
    r"^(?:\s*[\w.]+){0,2}?\s+to\s+(?:(?:about|around|nearly)\s+)?"
    rf"{_CURRENCY_SIGN}?\s*[\d०-९]",
    re.IGNORECASE,
)
#: (Marathi "-वरून" is "from" only before the figure moved to: "६० रुपयांवरून ९०
#: रुपये"; "ॲपवरून विकली" is "through the app".)
_FROM_AFTER_RE = re.compile(
    r"^(?:\s*[\w\u0900-\u097f.]+)?\s*(?:से\s+(?:बढ़ाकर|बढ़कर|घटाकर|घटकर)"
    r"|[\u0900-\u097f]*वरून\s+(?:\S+\s+)?[\d०-९₹])"
)


#: A word of change in a claim: "cut 2,000 jobs", "fares went up ₹10", "will hire 5,000",
#: "किराया 10 रुपये बढ़ गया", "२०० कर्मचाऱ्यांची कपात".
_CHANGE_WORD_RE = re.compile(
    r"\b(?:rose|rise|rises|risen|raise|raised|raises|increase|increased|increases|hike|hiked"
    r"|hikes|jump\w*|climb\w*|grew|grow\w*|went up|gone up|goes up|fell|fall|falls|fallen"
    r"|drop\w*|declin\w*|cut|cuts|reduc\w*|lower\w*|slash\w*|add|adds|added|adding|hire"
    r"|hires|hired|hiring|layoffs?|lay off|laid off|sack\w*|shed|sheds|axe\w*|trim\w*"
    r"|create\w*|up|down|more|fewer|extra|additional)\b"
    r"|(?<![\u0900-\u097f])(?:बढ़|घट(?!ना)|कटौती|छंटनी|वृद्धि|इजाफा|वाढ(?!दिवस)|कपात|काढ"
    r"|निकाल|भर्ती|भरती|अतिरिक्त)",
    re.IGNORECASE,
)
#: Around the claim's figure, what makes it the level reached: "raised the fare to ₹90",
#: "at ₹90", "बढ़कर 90", "९० रुपयांवर", "९० रुपयांपर्यंत", "90 रुपये तक".
_LEVEL_BEFORE_RE = re.compile(
    r"(?:\b(?:to|at|is|are|was|were|be|than)\s+(?:(?:about|around|nearly|roughly|only)\s+)?"
    r"|बढ़कर\s+|घटकर\s+|बढ़ाकर\s+|घटाकर\s+|वाढवून\s+|कमी करून\s+)"
    rf"{_CURRENCY_SIGN}?\s*$",
    re.IGNORECASE,
)
_LEVEL_AFTER_RE = re.compile(
    r"^\s*(?:[\u0900-\u097f]*(?:वर|पर्यंत)|\S+\s+(?:तक|है|हैं|था|थे|आहे|आहेत|होता|होते|होती))" + _WORD_END
)


def claims_change(text: str) -> bool:
    """Does a claim sentence state a change rather than a level: its figure a shift
    ("fares were raised by ₹10"), or a word of change beside a figure not told as the
    level reached ("will cut 2,000 jobs", "fares went up ₹10"; not "raised the fare to
    ₹90")? A story's shifts (`NumberMention.is_change`) may contradict only such a
    claim."""
    mentions = find_numbers(text)
    if any(m.is_change for m in mentions):
        return True
    main = main_quantity(text)
    if main is None or main.is_percent or not _CHANGE_WORD_RE.search(text):
        return False
    return not (
        _LEVEL_BEFORE_RE.search(text[max(0, main.start - 30) : main.start])
        or _LEVEL_AFTER_RE.match(text[main.end : main.end + 30])
    )


def _is_change(text: str, start: int, end: int, unit: str | None = None) -> bool:
    """Is the figure at text[start:end] a shift (how much something changed, or the level
    it changed from) rather than a level? See `NumberMention.is_change`."""
    before, after = text[max(0, start - 60) : start], text[end : end + 40]
    said = _CHANGE_BEFORE_RE.search(before)
    if said and (said.group("by") or unit not in _LENGTH_UNITS):
        return True
    if unit not in _LENGTH_UNITS and _CHANGE_AFTER_RE.match(after):
        return True
    if _FROM_BEFORE_RE.search(before) and _TO_AFTER_RE.match(after):
        return True
    return _FROM_AFTER_RE.match(after) is not None


def _is_part(text: str, start: int, after: tuple[str, ...]) -> bool:
    """Is the number written as a part of a whole? "18,000 of the voters", "18 out of
    20", "of which 18,000", "लागत में से 1,150 करोड़", "स्मार्टफोनपैकी १८ लाख", "the
    first phase ... about ₹6 crore"."""
    if after[:1] == ("of",) or after[:2] == ("out", "of"):
        return True
    before = text[max(0, start - 120) : start]
    if _STAGE_BEFORE_RE.search(before) or _STAGE_AFTER_RE.match(text[start : start + 60]):
        return True
    # The first days of the whole, in the figure's own piece ("in the first ten days
    # the marchers covered 430 km"; not "which drew 16 crore in the first ten days,
    # ended with 66 crore").
    if _FIRST_DAYS_RE.search(re.split(r"[,;:]", before)[-1]):
        return True
    return _PART_BEFORE_RE.search(text[max(0, start - 16) : start]) is not None


#: The units of a sum of money: a currency written or signed.
_MONEY_UNITS = _CURRENCY_WORDS | frozenset(_CURRENCY_UNITS)


def sum_of_a_thing(text: str, mention: NumberMention) -> str | None:
    """What a sum read as a part "of" a thing is of, when it is no part of a whole:
    "liquidity" of "₹2.5 lakh crore of liquidity", "public" of "₹42 crore of public money"
    (money, then "of" and a bare noun; not "of the bar's bill", "of what they spent", "of
    Tembhurni's cost", nor "₹1,150 crore of the ₹4,000 crore cost"): its first word,
    folded; or None. Read in a story, such a sum stays a part ("₹42 crore of public
    money" may be a share of a race's whole cost) unless the claim is a sum of the same
    thing."""
    if mention.unit not in _MONEY_UNITS or not mention.is_part:
        return None
    after = tokenize(text[mention.end : mention.end + 60])[:2]
    if len(after) < 2 or fold(after[0]) != "of" or not after[1].islower():
        return None
    if fold(after[1]) in _WHOLE_DETERMINERS:
        return None
    if any(0 < m.start - mention.end < 40 for m in find_numbers(text)):
        return None
    return fold(after[1])


#: Words after "of" that make what follows a whole the sum is part of.
_WHOLE_DETERMINERS = frozenset(
    {"the", "its", "their", "his", "her", "our", "this", "that", "these", "those", "what",
     "each", "a", "an", "all", "every"}
)  # fmt: skip


def _words_after(words: _Words, end: int, limit: int | None = None) -> tuple[str, ...]:
    """The first four words (folded, numbers skipped) in the 80 characters after `end`,
    and before `limit` when given."""
    found: list[str] = []
    stop = end + 80 if limit is None else min(end + 80, limit)
    for word, _, _ in words.within(end, stop):
        folded = fold(word)
        if not folded.isdigit():
            found.append(folded)
            if len(found) == 4:
                break
    return tuple(found)


def find_numbers(text: str) -> list[NumberMention]:
    """Every quantity in `text`, in order of appearance.

    Handles digits in Latin or Devanagari script with Western (50,000) or Indian
    (8,72,000) grouping; glued scales (50k, $1.2bn); scale words (thousand,
    lakh, crore, million, billion, trillion, हजार, लाख, करोड़/कोटी, दशलक्ष,
    अब्ज/अरब, ट्रिलियन); number words ("fifty thousand", "दोन लाख");
    percentages (value kept as written: 70% is 70.0); ranges (20 to 40, 20-40,
    20 ते 40); years (1800-2100 written plainly are flagged `is_year`); and model
    codes written as a spelled letter and a number (ए 100) are flagged `is_code`.
    Numbers glued to letters (A100, R1, 3rd) are not quantities and are skipped.
    """
    return list(_find_numbers(text))


@functools.lru_cache(maxsize=1 << 14)
def _find_numbers(text: str) -> tuple[NumberMention, ...]:
    """The memoised work behind `find_numbers` (one text is read for many claims)."""
    words = _Words(text)
    mentions = _digit_mentions(words) + _word_mentions(words)
    days = day_spans(text) if any(ch.isdigit() for ch in text) else []
    if days:
        # The day of a written date ("by 31 March") is not a quantity: marked as a code.
        mentions = [
            dataclasses.replace(m, is_code=True)
            if any(start <= m.start and m.end <= end for start, end in days)
            else m
            for m in mentions
        ]
    mentions = [_second_year(text, m) for m in mentions]
    taken: list[NumberMention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if not math.isfinite(mention.value) or not math.isfinite(mention.upper):
            continue  # 400 digits in a row: beyond a float, not a quantity to compare
        if taken and mention.start < taken[-1].end:
            continue
        taken.append(mention)
    merged = _with_units(words, _merge_ranges(text, _merge_compounds(text, taken)))
    return tuple(
        dataclasses.replace(m, is_denomination=True) if _is_denomination(text, m) else m
        for m in merged
    )


#: A currency word or a genitive after a face value ("2,000-rupee", "2000 रुपये के", "2000
#: के"; glued on in "दोन हजारांच्या"), and the note or coin itself ("notes", "नोटों", "नाणी").
_FACE_CURRENCY = r"rupees?|rs\.?|रुपये|रुपए|रुपयों|रुपया|रुपयां?च[\u0900-\u097f]*|रुपयाच[\u0900-\u097f]*"
_FACE_GENITIVE = r"के|का|की|ची|चा|चे|च्या"
_NOTE_OR_COIN = (
    r"(?:bank\s*)?(?:notes?|coins?|नोट(?:ें|ों|ा|ां[\u0900-\u097f]*|े)?"
    r"|सिक्क(?:ा|े|ों|्या|्यां[\u0900-\u097f]*)|नाण(?:े|ी|्या[\u0900-\u097f]*|्यां[\u0900-\u097f]*))"
)
#: What follows a denomination: a currency word and a genitive at most, then the note
#: or coin ("₹2,000 notes", "2,000-rupee note", "2000 रुपये के नोट", "दोन हजारांच्या नोटा").
_DENOMINATION_RE = re.compile(
    rf"\s*-?\s*(?:(?:{_FACE_CURRENCY})\s+)?(?:(?:{_FACE_GENITIVE})\s+)?{_NOTE_OR_COIN}"
    r"(?![\w\u0900-\u097f])",
    re.IGNORECASE,
)
#: The face values of notes and coins ("₹8,000 के नोट" or "₹3.48 lakh crore of notes"
#: are sums held in them).
_FACE_VALUES = frozenset({1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000})
_CURRENCY_BEFORE_RE = re.compile(rf"{_CURRENCY_SIGN}\s*$", re.IGNORECASE)
_CURRENCY_OR_GENITIVE_AFTER_RE = re.compile(
    rf"\s*-?\s*(?:{_FACE_CURRENCY}|{_FACE_GENITIVE})", re.IGNORECASE
)


def _is_denomination(text: str, mention: NumberMention) -> bool:
    """Does the figure name a banknote or a coin ("the ₹2,000 note", "2000 के नोट")? It
    tells which note, as a model number tells which model: no quantity ("₹1,000 note" is
    no rival of a claim about the ₹2,000 note). A count of notes is a quantity ("370
    crore notes"): a denomination is money, or has a currency word or a genitive after."""
    if mention.value not in _FACE_VALUES or _DENOMINATION_RE.match(text, mention.end) is None:
        return False  # ("३.४८ लाख कोटी रुपयांच्या नोटा": a sum in notes, not a note)
    return (
        _CURRENCY_BEFORE_RE.search(text[max(0, mention.start - 5) : mention.start]) is not None
        or _CURRENCY_OR_GENITIVE_AFTER_RE.match(text, mention.end) is not None
        or mention.text.endswith(("च्या", "ची", "चा", "चे"))  # ("दोन हजारांच्या नोटा")
    )


_SPAN_START_RE = re.compile(r"(?P<year>\d{4})[-–]$")


def _second_year(text: str, mention: NumberMention) -> NumberMention:
    """The "22" of "2021-22" (a fiscal year, a season) is the year 2022, no quantity."""
    if len(mention.text) != 2 or not mention.text.isdigit():
        return mention
    found = _SPAN_START_RE.search(ascii_digits(text[max(0, mention.start - 5) : mention.start]))
    if found is None or (int(found.group("year")) + 1) % 100 != int(mention.text):
        return mention
    year = int(found.group("year")) + 1
    return dataclasses.replace(mention, value=float(year), is_year=True)


def _merge_compounds(text: str, mentions: list[NumberMention]) -> list[NumberMention]:
    """Join "64 crore 20 lakh", "६४ कोटी २० लाख", "1 lakh 20 thousand" into one figure:
    a scaled number followed at once by a smaller one, smaller than its scale; after
    thousands, a plain count of hundreds too ("२७ हजार ५००", "27 हज़ार 500": 27,500)."""
    merged: list[NumberMention] = []
    for mention in mentions:
        if merged:
            previous = merged[-1]
            scale = _scale_of(previous)
            hundreds = (
                scale == 1000
                and _scale_of(mention) == 1
                and 100 <= mention.value < 1000
                and mention.value == int(mention.value)
            )
            if (
                scale > 1
                and (_scale_of(mention) > 1 or hundreds)
                and not text[previous.end : mention.start].strip()
                and mention.value < scale
                and not (previous.is_year or mention.is_year)
                and not (previous.is_percent or mention.is_percent)
                and previous.high is None
                and mention.high is None
            ):
                merged[-1] = dataclasses.replace(
                    previous,
                    value=previous.value + mention.value,
                    text=text[previous.start : mention.end],
                    end=mention.end,
                )
                continue
        merged.append(mention)
    return merged


def main_quantity(text: str) -> NumberMention | None:
    """The quantity a claim sentence asserts: its largest comparable, non-percent-free number.

    Years and model codes are skipped; when only percentages are present the
    first percentage is returned.
    """
    # "declared all 41 rescued workers fit": the figure names a group; the claim is what
    # was done to it, and a story counting 41 workers says nothing of that.
    # "NHPC's 510 MW Teesta-V station will resume ...": a plant's capacity before its
    # name tells which plant, as a model number does; the claim is what it does.
    mentions = [
        m
        for m in find_numbers(text)
        if m.comparable
        and not _GROUP_SIZE_RE.search(text[max(0, m.start - 12) : m.start])
        and not _CAPACITY_NAME_RE.match(text, m.end)
    ]
    # A rate's base ("₹600 for 5,000 litres", "per 1,000 people") is not what it asserts,
    # nor is a span of time beside another figure ("sank 5.4 cm in 12 days", "१२ दिवसांत").
    mentions = [
        m
        for m in mentions
        if not _RATE_BASE_RE.search(text[max(0, m.start - 8) : m.start])
        and not (m.unit and (m.unit in _DURATION_UNITS or m.unit.startswith(_DURATION_SUFFIXED)))
    ] or mentions
    # "a perfect score of 720 out of 720": a full mark tells what was scored, as a group's
    # size tells which group; the claim counts who scored it (if it counts anything else:
    # "won 29 out of 29 seats with 59% of the vote" claims the sweep).
    full_marks = {
        id(x)
        for m, n in itertools.pairwise(mentions)
        if m.is_part and n.value == m.value
        for x in (m, n)
    }
    others = [m for m in mentions if id(m) not in full_marks]
    mentions = others if any(not m.is_percent for m in others) else mentions
    if not mentions:
        return None
    plain = [m for m in mentions if not m.is_percent]
    # "About 6,900 of the city's 14,000 borewells": the claim is about the part.
    parts = [m for m in plain if m.is_part]
    if parts:
        return max(parts, key=lambda m: m.upper / m.factor)
    # (The largest as written: "the 50 kg final ... about 100 grams over" claims the
    # grams, whatever they weigh in kilograms.)
    return max(plain, key=lambda m: m.upper / m.factor) if plain else mentions[0]


_DURATION_UNITS = frozenset(
    {"seconds", "minutes", "hours", "days", "weeks", "months", "years", "दिन", "दिनों",
     "घंटे", "घंटों", "हफ्ते", "महीने", "महीनों", "दिवस", "तास", "आठवडे", "महिने"}
)  # fmt: skip
#: Marathi durations with the locative glued on ("दिवसांत", "महिन्यांत": in ... days).
_DURATION_SUFFIXED = ("दिवसांत", "दिवसात", "महिन्यांत", "आठवड्यांत", "तासांत")
#: "all 41 workers", "सभी 41 मजदूर", "सर्व ४१ कामगार": a figure giving a group's size.
_GROUP_SIZE_RE = re.compile(r"(?:\ball(?:\s+the)?|सभी|सारे|सर्व|सर्वच|सगळ्या|सगळे)\s+$", re.IGNORECASE)
#: A power capacity before a plant's hyphenated name: "510 MW Teesta-V", "1,200-MW
#: Teesta-III" (not "660 MW Unit 2": which unit, of what size, may be the claim).
_CAPACITY_NAME_RE = re.compile(r"[\s-]*(?:MW|GW|kW|megawatts?|gigawatts?)\s+[A-Z]\w*-\w")
_RATE_BASE_RE = re.compile(r"\b(?:for|per|every|each)\s+$", re.IGNORECASE)


def format_number(value: float) -> str:
    """Write a value for a reason: 50000.0 -> "50,000", 1.2e9 -> "1,200,000,000", 0.5 -> "0.5"."""
    if not math.isfinite(value):
        return str(value)
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
