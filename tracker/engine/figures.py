"""Figures: does a sentence's figure agree with the claim's quantity, differ from it,
or count something else?

A figure compares with the claim's when it counts the same thing (the unit's family,
money in another currency at the shipped exchange rates, a count of the dead for a
death toll, a part of a whole) in the same magnitude, and is no shift ("raised by
₹30") beside a claimed level, no count still running, no reference point ("since
2018") and no other figure the claim itself states; the sentence's parts may sum to
the claim's figure. Within the claim's tolerance it corroborates, outside it
contradicts (`figure_stance`, `states_quantity`; the stance rules read the reasons
`compare_numbers` writes). The claim's side, its quantity and unit, is
`tracker.engine.proposition`'s.

Pure: no I/O besides reading the packaged exchange rates once.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Mapping, Sequence

from tracker.engine.lexicon import yaml_mapping
from tracker.engine.linear import DataFileError, read_data_file
from tracker.engine.numbers import (
    COMMON_UNITS,
    SCALE_WORDS,
    NumberMention,
    find_numbers,
    format_number,
    sum_of_a_thing,
)
from tracker.engine.proposition import (
    CURRENCIES,
    PERCENT,
    ClaimProfile,
    currency_of,
    death_marks,
    exact_marks,
    is_counted_noun,
    is_money,
    marks_of,
    marks_of_words,
    unit_currency,
    unit_keys,
)
from tracker.engine.sentence import COMMA_BREAKS, word_marks
from tracker.engine.text import fold, is_devanagari, tokenize
from tracker.types import Quantity, Stance

__all__ = ["figure_stance", "parse_exchange_rates"]


#: What Hindi and Marathi words for the dead and death begin with.
_DEATH_STEMS = ("मृत", "मौत")
#: Deaths told in other words, which a sentence counting the dead may use: "lost their
#: lives", "perished", "succumbed", "मारे गए", "दम तोड़ दिया", "जान गंवाई", "दगावले".
_LIVES_LOST_WORDS = (
    "lives", "perished", "succumbed", "drowned", "जान", "प्राण", "जीव", "मारे", "दम", "दगावले",
    "दगावल्या", "दगावला", "मृत्युमुखी",
)  # fmt: skip

#: A quantity whose unit is one of these is a calendar year (`quantity: {value: 2022,
#: unit: year}`): a sentence naming another year for the claim contradicts it.
YEAR_UNITS = frozenset({"year", "years", "yr", "वर्ष", "साल", "वर्षी"})

_DIGIT_RE = re.compile(r"\d")


def claims_a_year(quantity: Quantity) -> bool:
    """Is the quantity a calendar year ("in 2008", a hint of 2008 in "year")? Not a span
    of years ("a refund for five years", a hint of 5 in "year"), counted like any unit."""
    return (
        quantity.unit is not None
        and fold(quantity.unit) in YEAR_UNITS
        and _EARLIEST_YEAR <= quantity.value <= _LATEST_YEAR
    )


#: The calendar years a quantity in years may be.
_EARLIEST_YEAR, _LATEST_YEAR = 1000, 2999


@functools.cache
def _lives_lost_marks() -> frozenset[str]:
    return exact_marks(_LIVES_LOST_WORDS)


def _unit_compatible(profile: ClaimProfile, mention: NumberMention) -> bool:
    """The mention counts the same thing as the claim (chips, चिप्स).

    A hinted quantity without a unit compares with any number; a quantity read
    from the claim sentence compares only with numbers of the same unit, since
    a sentence holds many numbers of many kinds (ages, dates, distances).
    """
    if not profile.unit_keys:
        return profile.claim.quantity is not None
    if mention.is_percent:
        return not unit_keys(PERCENT).isdisjoint(profile.unit_keys)
    if not marks_of((mention.unit or "",)).isdisjoint(profile.unit_keys):
        return True
    for word in mention.following:
        if not marks_of((word,)).isdisjoint(profile.unit_keys):
            return True
        if is_counted_noun(word) and word.isascii() and not profile.counts_deaths:
            # "13,000 parts for the aircraft" counts parts, not aircraft. (Not in Hindi
            # or Marathi, whose head comes last: "१२० लोगों की मौत", nor for the dead:
            # "120 people were killed".)
            return False
    return False


#: What a figure counts, named before it in its piece: "puts the number of people
#: evacuated ... at about 2,600", "the count of voters ... rose to 64 crore", "लोगों की
#: संख्या 2,600", "भाविकांची संख्या ३१ लाख".
_COUNT_OF_RE = re.compile(
    r"\b(?:number|count|total|tally)\s+of\s+(?:the\s+)?([^\W\d_]+)"
    r"|([\u0900-\u097f]+)(?:\s+(?:की|ची|का|चा))?\s+संख्या",
    re.IGNORECASE,
)


def _unit_named_before(profile: ClaimProfile, sentence: str, mention: NumberMention) -> bool:
    """Does the figure's piece name the claim's unit before it as what is counted ("the
    number of people ... at about 1.2 lakh")? Only for a figure with no counted noun of
    its own after it ("at about 2,600.", "at 1.2 lakh at the peak", not "2,600 tonnes")."""
    if not profile.unit_keys or mention.is_percent or mention.written_unit is not None:
        return False
    if any(is_counted_noun(word) or is_money(word) for word in mention.following[:2]):
        return False
    piece = COMMA_BREAKS.split(sentence[: mention.start])[-1]
    return any(
        not marks_of((fold(found.group(1) or found.group(2)),)).isdisjoint(profile.unit_keys)
        for found in _COUNT_OF_RE.finditer(piece)
    )


def states_quantity(profile: ClaimProfile, sentence: str) -> bool:
    """Does the sentence state a number comparable with the claim's quantity, or a claimed year?"""
    if _DIGIT_RE.search(sentence) is None:
        return False
    if profile.years and _years_named(profile, sentence):
        return True
    return comparison(profile, sentence) is not None


def figure_stance(profile: ClaimProfile, sentence: str) -> Stance | None:
    """Whether the sentence's first figure of the claim's kind agrees with the claim's
    quantity (corroborates) or not (contradicts); None when it states none."""
    if profile.quantity is None or _DIGIT_RE.search(sentence) is None:
        return None
    found = comparison(profile, sentence)
    return found[0] if found is not None else None


def _years_named(profile: ClaimProfile, sentence: str) -> list[str]:
    """The claim's years (1985, २०२२) that the sentence names."""
    return [m.text for m in find_numbers(sentence) if m.is_year and int(m.value) in profile.years]


def compare_numbers(
    profile: ClaimProfile, sentence: str, lenient: bool = False
) -> tuple[Stance | None, str, NumberMention | None]:
    """Corroborates/contradicts when the sentence states a comparable quantity.

    `lenient`: the sentence is about the claim's proposition, so a figure within
    tolerance agrees even when its unit is written otherwise ("500 roles" for "500
    jobs", "12,50,307 दर्शक" for "12.5 lakh spectators"); a differing figure still
    needs the claim's unit to contradict.
    """
    found = comparison(profile, sentence)
    if found is None and lenient:
        found = agreeing_figure(profile, sentence)
    if found is None:
        return None, "", None
    stance, mention = found
    quantity = profile.quantity
    assert quantity is not None  # `comparison` found a figure to compare with it
    if mention.is_year:
        verb = "agrees with" if stance is Stance.CORROBORATES else "differs from"
        return stance, f"year {mention.text} {verb} the claimed year {quantity.value:.0f}", mention
    # (A unit figures are converted to is named: "the claimed 0.1 kg" of "100 grams".)
    common = f" {quantity.unit}" if quantity.unit in COMMON_UNITS else ""
    claimed = (
        f"the claimed {format_number(quantity.value)}{common} (tolerance {quantity.tolerance:.0%})"
    )
    converted = mention.unit in CURRENCIES  # `_converted`: money in the claim's currency
    said = f"{mention.text} (about {format_number(mention.value)} {mention.unit}s)"
    if mention.written_unit is not None:
        # "३७ टन (about 37,000 kg)": a figure read in another unit.
        converted = True
        said = (
            f"{mention.text} {mention.written_unit} "
            f"(about {format_number(mention.value)} {mention.unit})"
        )
    if stance is Stance.CORROBORATES:
        return (
            stance,
            f"number {said if converted else mention.text} agrees with {claimed}",
            mention,
        )
    plain = mention.high is None and not is_devanagari(mention.text)
    written = said if converted else format_number(mention.value) if plain else mention.text
    return stance, f"number {written} differs from {claimed}", mention


def parse_exchange_rates(raw: str, source: str) -> Mapping[str, float]:
    """An exchange-rate file's `{currency: rupees per unit}`; DataFileError naming
    `source` and the key when malformed or when a currency is missing."""
    data = yaml_mapping(raw, source, "currencies to rupees per unit")
    rates: dict[str, float] = {}
    for currency, rate in data.items():
        if currency not in CURRENCIES:
            known = ", ".join(CURRENCIES)
            raise DataFileError(f"{source}: unknown currency {currency!r} (known: {known})")
        if isinstance(rate, bool) or not isinstance(rate, int | float) or not rate > 0:
            raise DataFileError(f"{source}: {currency!r} must be a positive number, not {rate!r}")
        rates[str(currency)] = float(rate)
    missing = [c for c in CURRENCIES if c not in rates]
    if missing:
        raise DataFileError(f"{source}: no rate for {', '.join(missing)}")
    return rates


@functools.cache
def _rupees_per() -> Mapping[str, float]:
    """Rupees to one unit of each currency (`tracker/data/exchange_rates.yaml`)."""
    filename = "exchange_rates.yaml"
    return parse_exchange_rates(read_data_file(filename), f"tracker/data/{filename}")


def _converted(mention: NumberMention, currency: str) -> NumberMention | None:
    """The mention in `currency`, when it is money in another one; else None."""
    own = unit_currency(mention.unit)
    if own is None or own == currency:
        return None
    rate = _rupees_per()[own] / _rupees_per()[currency]
    return dataclasses.replace(
        mention,
        value=mention.value * rate,
        high=None if mention.high is None else mention.high * rate,
        unit=currency,  # a currency's name: `compare_numbers` tells the conversion
    )


def is_death_count(profile: ClaimProfile, sentence: str, mention: NumberMention) -> bool:
    """Is the claim a death toll and the figure a count of the dead ("400 killed", "27
    लोगों की मौत", "121 people were killed", "toll rises to 207")?"""
    if not profile.counts_deaths:
        return False
    return bool(marks_of((*mention.following[:3], mention.unit or "")) & death_marks()) or (
        _death_before(sentence, mention.start)
    )


#: The scale words, folded ("crore", "लाख").
_SCALE_WORD_SET = frozenset(fold(word) for word in SCALE_WORDS)


@functools.cache
def scale_marks() -> frozenset[str]:
    """The marks of the scale words ("crore", "लाख", "billion"): they measure nothing."""
    return marks_of(tuple(_SCALE_WORD_SET))


@functools.lru_cache(maxsize=1 << 14)
def _tells_deaths(sentence: str) -> bool:
    """Does the sentence tell of deaths (a word of `DEATH_WORDS` or "lives", in any form,
    or a Devanagari word built on मृत or मौत: "मृतांपैकी", of the dead)?"""
    words = tuple(map(fold, tokenize(sentence)))
    if any(word.startswith(_DEATH_STEMS) for word in words):
        return True
    return bool(marks_of(words) & (death_marks() | _lives_lost_marks()))


def _death_before(sentence: str, start: int) -> bool:
    """Do the three words before the figure at `start` name the dead ("toll rises to")?"""
    before = tokenize(sentence[max(0, start - 60) : start])[-3:]
    return bool(marks_of(tuple(fold(w) for w in before)) & death_marks())


def _scale_of(mention: NumberMention) -> str | None:
    """The scale word a figure is written with ("crore" of "1,987 crore"), or None."""
    words = tokenize(mention.text)
    last = fold(words[-1]) if len(words) > 1 else ""
    return last if last in _SCALE_WORD_SET else None


def _sum_of_parts(
    figures: Sequence[NumberMention], low: float, high: float
) -> NumberMention | None:
    """The claim's figure as the sum of the sentence's figures of its kind ("24 talukas
    severe and 16 moderate" for a claim of 40), or None."""
    if len(figures) < 2 or any(m.is_percent or m.high is not None for m in figures):
        return None
    total = sum(m.value for m in figures)
    if not low <= total <= high:
        return None
    if any(m.value < total / 1000 for m in figures):
        return None  # "920 metres ... ₹10,000 crore": a part too small to be one
    text = " + ".join(m.text for m in figures)
    return dataclasses.replace(figures[0], value=total, text=text, end=figures[-1].end)


#: Before a whole whose part follows: "of the 3,040 buses", "of its 14,000 borewells".
_WHOLE_BEFORE_RE = re.compile(r"\bof\s+(?:the|its|their|all(?:\s+the)?)\s+$", re.IGNORECASE)


def _is_whole(sentence: str, mention: NumberMention) -> bool:
    """Is the figure a whole its part is taken from: "of the 3,040 buses", or in Hindi and
    Marathi the whole's unit then "में से" or "-पैकी" ("3,000 बसों में से", "१४ हजार
    कूपनलिकांपैकी")?"""
    if _WHOLE_BEFORE_RE.search(sentence[max(0, mention.start - 20) : mention.start]):
        return True
    after = mention.following[:3]
    return any(word.endswith("पैकी") for word in after[:2]) or after[1:3] in (
        ("में", "से"),
        ("मे", "से"),
    )


def _same_sum(profile: ClaimProfile, sentence: str, mention: NumberMention) -> bool:
    """Is the figure a sum of what the claim's sum is of ("₹95 crore of public money" for
    "₹42 crore of public money"; not "of lendable funds" for "of liquidity")?"""
    if not profile.sum_of:
        return False
    thing = sum_of_a_thing(sentence, mention)
    return thing is not None and bool(word_marks(thing) & profile.sum_of)


def _one_part_alone(profile: ClaimProfile, sentence: str, mention: NumberMention) -> bool:
    """Is the figure told of one thing "alone", in its clause, which the claim does not
    name: a part of the claim's whole ("Lift span alone cost ₹95 crore", "₹18 lakh for
    the towers alone", "अकेले स्टील आर्च पर 700 करोड़", "एकट्या बांगलादेशने ३६ लाख टन")?
    Not the claim's own holder ("The BJP alone encashed bonds worth ..." for the BJP's
    haul), nor "only" ("फक्त १०० कोटी"), which gives a rival. In English the word before
    "alone" is the thing; in Hindi and Marathi the words after the cue up to the figure,
    none of which may be the claim's."""
    start = max(0, mention.start - 80)
    before = re.split(COMMA_BREAKS, sentence[start : mention.start])[-1]
    after = re.split(COMMA_BREAKS, sentence[mention.end : mention.end + 60])[0]
    ahead = " ".join(tokenize(after)[:4])
    found = _ALONE_BEFORE_RE.search(before) or _ALONE_AFTER_RE.match(after)
    if found is not None:
        named: Sequence[str] = tokenize(found.group("thing"))[-1:]
    elif (found := _ALONE_CUE_RE.search(before)) is not None:
        named = tokenize(before[found.end() :])[:3]
    elif (found := _ALONE_CUE_RE.search(ahead)) is not None:
        # After the figure: "३६ लाख टन गहू एकट्या बांगलादेशने घेतला".
        named = tokenize(ahead[found.end() :])[:1]
    else:
        return False
    return (
        bool(named)
        and not any(fold(word) in _NO_PART for word in named)
        and not any(marks_of_words([word]) & profile.key_words for word in named)
    )


#: Words before "alone" (or after अकेले) that name no part: who acted alone ("the
#: minister alone cleared"), a pronoun, "stands alone", "अकेले दम पर" (single-handed).
_NO_PART = frozenset(
    {
        "it", "he", "she", "they", "we", "i", "you", "this", "that", "which", "who", "one",
        "stands", "stand", "stood", "left", "not", "company", "firm", "group", "minister",
        "government", "state", "centre", "दम", "हाथों", "जोरावर", "बळावर",
    }
)  # fmt: skip


def told_as_part_alone(profile: ClaimProfile, text: str, value: float) -> bool:
    """Does the text (a story's headline) tell a figure of `value` (within 1%) as one
    part's alone (`_one_part_alone`), under the claim's whole? "Land alone took ₹8,800
    crore" over a body that gives the same ₹8,800 crore as "land acquisition ... cost
    ₹8,800 crore"."""
    quantity = profile.quantity
    if quantity is None or value >= quantity.value * (1 - quantity.tolerance):
        return False
    return any(
        abs(mention.value - value) <= value * 0.01 and _one_part_alone(profile, text, mention)
        for mention in find_numbers(text)
        if mention.comparable
    )


#: "<thing> alone" before the figure, in its clause ("Land alone took ₹8,800 crore")...
_ALONE_BEFORE_RE = re.compile(r"(?P<thing>[\w'-]+)\s+alone\b(?!.*\balone\b)", re.IGNORECASE)
#: ... or after it: "₹18 lakh per km for the towers alone".
_ALONE_AFTER_RE = re.compile(
    r"\s*(?:\S+\s+){0,3}?(?:on|for|in|of|by)\s+(?:the\s+|its\s+)?(?:\S+\s+)?"
    r"(?P<thing>[\w'-]+)\s+alone\b",
    re.IGNORECASE,
)
#: Hindi and Marathi "alone" before the thing: "अकेले स्टील आर्च पर", "एकट्या बांगलादेशने".
_ALONE_CUE_RE = re.compile(r"(?<![\u0900-\u097f])(?:अकेले|अकेली|अकेला|एकट्या|एकट्याने)\s+")


def states_figure(profile: ClaimProfile, value: float) -> bool:
    """Is `value` (within 1%) a figure the claim states beside its quantity?"""
    return any(abs(value - stated) <= stated * 0.01 for stated in profile.stated_figures)


def comparison(profile: ClaimProfile, sentence: str) -> tuple[Stance, NumberMention] | None:
    """The stance of the sentence's first figure comparable with the claim's quantity, and it.

    What `compare_numbers` decides, without writing its reason (many sentences are
    only asked whether they state a figure). The first figure of the claim's kind and
    magnitude decides: "erased about $420 billion, less than half the $1 trillion
    widely quoted" gives the sentence's own figure first.
    """
    quantity = profile.quantity
    if quantity is None:
        return None
    if claims_a_year(quantity):
        years = [m for m in find_numbers(sentence) if m.is_year]
        if not years:
            return None
        agreeing = [m for m in years if abs(m.value - quantity.value) <= quantity.tolerance]
        if agreeing:
            return Stance.CORROBORATES, agreeing[0]
        # "the first below-normal season since 2018", "2005 के बाद सबसे कम": a year
        # things are measured from is not another year for the claimed event.
        rivals = [m for m in years if not reference_point(sentence, m.start, m.end)]
        return (Stance.CONTRADICTS, rivals[0]) if rivals else None
    low = quantity.value * (1 - quantity.tolerance)
    high = quantity.value * (1 + quantity.tolerance)
    found = [m for m in find_numbers(sentence) if m.comparable and m.value > 0]
    compatible = [
        _unit_compatible(profile, m) or _unit_named_before(profile, sentence, m) for m in found
    ]
    if profile.counts_deaths:
        # "toll rises to 207", "मृतांचा आकडा ३१०": the count of the dead says so before it;
        # a count of people in a sentence telling of no death counts someone else
        # ("recorded the statements of about 100 people" for "killed 121 people").
        tells = _tells_deaths(sentence)
        compatible = [
            ((ok and tells) or _death_before(sentence, m.start))
            # ("₹50,000 for the families of those killed": money is no count.)
            and not is_money(m.unit)
            for m, ok in zip(found, compatible, strict=True)
        ]
    if profile.part:
        # "6,900 of the city's 14,000 borewells": a part counts what its whole counts.
        compatible = [
            ok or (m.is_part and any(compatible[i + 1 :]))
            for i, (m, ok) in enumerate(zip(found, compatible, strict=True))
        ]
        # The whole beside a part is no rival of a claimed part, nor is a whole named
        # before its part ("Of the 3,040 buses ..., 2,010 are wet-leased", "3,000 बसों में
        # से दो-तिहाई").
        compatible = [
            ok and not (i > 0 and found[i - 1].is_part) and not _is_whole(sentence, m)
            for i, (m, ok) in enumerate(zip(found, compatible, strict=True))
        ]
    claimed_currency = currency_of(profile.unit_keys)
    if claimed_currency is not None:
        # "$325 million" for a claim in rupees: compared at a rough exchange rate.
        found = [
            m if ok else _converted(m, claimed_currency) or m
            for m, ok in zip(found, compatible, strict=True)
        ]
        compatible = [
            ok or unit_currency(m.unit) == claimed_currency
            for m, ok in zip(found, compatible, strict=True)
        ]
        # "Central Bank 1,987 कोटी, ... आणि IDBI ५८ कोटी रुपये": a list of sums in one
        # scale shares the currency written after its last.
        shared: set[str] = set()  # scales of the sums after, in a known currency
        for i in reversed(range(len(found))):
            scale = _scale_of(found[i])
            if scale is not None and (compatible[i] or scale in shared):
                compatible[i] = True
                shared.add(scale)
    figures = [m for m, ok in zip(found, compatible, strict=True) if ok]
    summed = _sum_of_parts([m for m in figures if not m.is_change], low, high)
    for mention in figures:
        if mention.value <= high and mention.upper >= low:
            return Stance.CORROBORATES, mention
        if mention.is_change and not profile.change:
            # "३० रुपयांची वाढ", "raised from ₹60" beside a claimed level of ₹90: how much
            # it moved, or where it moved from, is no rival of where it is (the level it
            # moved from may still be the claim's: "raised from ₹90 to ₹120" for "was ₹90").
            continue
        if mention.is_part and not profile.part and not _same_sum(profile, sentence, mention):
            continue  # "18,000 of the city's voters": a part differs from the whole
        if mention.upper < low and not profile.part and _one_part_alone(profile, sentence, mention):
            continue  # "Lift span alone cost ₹95 crore": one part's figure, under the whole
        if mention.upper < low and mention.is_interim:
            continue  # "at least 93 dead, toll expected to climb": a count still running
        if states_figure(profile, mention.value):
            continue  # "990 करोड़ के बजट": a figure the claim states beside its quantity
        if summed is not None:
            return Stance.CORROBORATES, summed
        # A number of a wholly different magnitude is about something else.
        if quantity.value / 1000 <= mention.value <= quantity.value * 1000:
            return Stance.CONTRADICTS, mention
    return None


#: A reference point written before a year or a date ("since 2018", "compared with
#: 2019", "after February 29") or after it in Hindi and Marathi ("2005 के बाद", "२०१८
#: नंतर", "मे पासून")...
_REFERENCE_BEFORE = r"since|after|than|compared (?:with|to)|from"
_REFERENCE_AFTER = r"के बाद|से|नंतर|पासून"
#: ... a time something came before ("before 2018", "२०१८ पूर्वी"): a reference point,
#: except for a deadline's rival ("cannot open before March 2026" puts it then)...
_EARLIER_BEFORE = r"before"
_EARLIER_AFTER = r"के पहले|से पहले|पूर्वी"
#: ... and a bound, which is no date of the event ("until October", "३१ मार्चपर्यंत")
#: but may be a claimed year's rival ("approval put off till 2024").
_BOUND_BEFORE = r"until|till|through"
_BOUND_AFTER = r"तक|पर्यंत"


@functools.cache
def _reference_res(bounds: bool, earlier: bool) -> tuple[re.Pattern[str], re.Pattern[str]]:
    before = "|".join(
        (
            _REFERENCE_BEFORE,
            *((_EARLIER_BEFORE,) if earlier else ()),
            *((_BOUND_BEFORE,) if bounds else ()),
        )
    )
    after = "|".join(
        (
            _REFERENCE_AFTER,
            *((_EARLIER_AFTER,) if earlier else ()),
            *((_BOUND_AFTER,) if bounds else ()),
        )
    )
    return (
        re.compile(rf"(?:{before})\s+(?:(?:in|the|on)\s+)*$", re.IGNORECASE),
        re.compile(rf"^\s*(?:{after})(?![\w\u0900-\u097f])"),
    )


def reference_point(
    text: str, start: int, end: int, bounds: bool = False, earlier: bool = True
) -> bool:
    """Is the year or date written at text[start:end] a reference point ("since 2018",
    with `earlier` "before 2018"), or with `bounds` a bound ("until October"), rather
    than the date of what is told?"""
    before, after = _reference_res(bounds, earlier)
    return bool(before.search(text[max(0, start - 30) : start]) or after.match(text[end:]))


def agreeing_figure(profile: ClaimProfile, sentence: str) -> tuple[Stance, NumberMention] | None:
    """A figure within the claim's tolerance, whatever unit follows it (see `compare_numbers`)."""
    quantity = profile.quantity
    if quantity is None or claims_a_year(quantity):
        return None
    if profile.counts_deaths and not _tells_deaths(sentence):
        return None  # a count of people in a sentence telling of no death (`comparison`)
    low = quantity.value * (1 - quantity.tolerance)
    high = quantity.value * (1 + quantity.tolerance)
    percent = quantity.unit == PERCENT
    for mention in find_numbers(sentence):
        same_kind = mention.comparable and mention.is_percent == percent and mention.value > 0
        if same_kind and mention.value <= high and mention.upper >= low:
            return Stance.CORROBORATES, mention
    return None
