"""The proposition: what a claim asserts, read once (`profile_claim` -> `ClaimProfile`).

Its figure and the figure's unit, with the unit's family ("chips" and "चिप्स", a
currency, the dead of a death toll); its polarity (a negative claim, what it denies
and what it grants, read with `tracker.engine.denial`); its time (a deadline, the
month or day it dates its event to, the years it names, years inside names); the
value a slot takes ("to Axis Bank"); who alleges it; its agent and act; a cause and
its effect; the side it takes of a contrast. The stance rules
(`tracker.engine.stance`) and their comparison of figures read the profile;
`marks_of_words` gives claim words' marks in every language.

Pure: no I/O besides reading the packaged glossary once (`marks_of_words`).
"""

from __future__ import annotations

import calendar
import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tracker.engine.agents import claim_agency
from tracker.engine.dates import ENGLISH_MONTHS, TimeMention, find_times
from tracker.engine.denial import done_without, live_negations, live_refutes, names_done_act
from tracker.engine.glossary import Glossary
from tracker.engine.glossary import glossary as _shipped_glossary
from tracker.engine.keys import word_skeleton
from tracker.engine.lexicon import Cue, Lexicon
from tracker.engine.numbers import (
    SPEED_UNIT,
    claims_change,
    find_numbers,
    in_common_unit,
    main_quantity,
    sum_of_a_thing,
)
from tracker.engine.sentence import COMMA_BREAKS, PIECE_BREAKS, Sentence, is_month, word_marks
from tracker.engine.text import all_stopwords, fold, is_devanagari, stem, tokenize
from tracker.types import Claim, Quantity, Window

__all__ = ["CURRENCIES", "ClaimProfile", "profile_claim"]


#: Stems of a claim that something was ignored or neglected ("Intelligence alerts ...
#: were ignored", "अनदेखी की", "दुर्लक्ष केले").
NEGLECT_STEMS = (
    "ignor", "neglect", "overlook", "disregard", "अनदेख", "नजरअंदाज", "नज़रअंदाज़", "दुर्लक्ष",
)  # fmt: skip


#: People counted as a crowd, whatever they came as: "8.7 lakh people" measures "12.5
#: lakh spectators", "40 crore devotees" the bathers (not passengers or commuters, who
#: are counted by what carried them).
_CROWD = (
    "people", "persons", "spectators", "devotees", "visitors", "pilgrims", "attendees",
    "लोग", "लोगों", "श्रद्धालु", "श्रद्धालुओं", "दर्शक", "दर्शकों", "लोक", "भाविक", "भाविकांनी",
    "भाविकांची", "प्रेक्षक", "प्रेक्षकांनी",
)  # fmt: skip
#: Units counted as the same thing when a story's figure is compared with a claim's.
UNIT_FAMILIES: tuple[tuple[str, ...], ...] = (
    (
        "chip", "chips", "gpu", "gpus", "processor", "processors", "accelerator",
        "accelerators", "चिप", "चिप्स", "जीपीयू", "प्रोसेसर",
    ),
    ("dollar", "dollars", "usd", "डॉलर", "डॉलर्स", "डॉलरचा"),
    (
        "rupee", "rupees", "inr", "rs", "रुपये", "रुपए", "रुपया", "रुपयांचा", "रुपयांची",
        "रुपयांचे", "रुपयांच्या", "रु",
    ),
    ("euro", "euros", "eur", "यूरो", "युरो"),
    ("yuan", "renminbi", "rmb", "cny", "युआन"),
    ("percent", "pc", "प्रतिशत", "टक्के", "टक्का", "फीसदी", "फ़ीसदी"),
    (
        "job", "jobs", "employee", "employees", "staff", "staffers", "worker", "workers",
        "roles", "positions", "नौकरी", "नौकरियां", "नौकरियों", "कर्मचारी", "कर्मचारियों",
        "कर्मियों", "नोकरी", "नोकऱ्या", "कर्मचाऱ्यांना", "कर्मचाऱ्यांची", "कामगार",
    ),
    _CROWD,
)  # fmt: skip
#: The dead of a disaster, counted: a claim that tells of deaths ("killed nearly 300
#: people", "the death toll is 231") counts them, whatever word the figure stands by
#: ("toll rises to 207", "over 400 killed", "मृतांचा आकडा ३१०").
DEATH_WORDS = (
    "dead", "death", "deaths", "killed", "died", "toll", "fatalities",
    "मृत", "मृतक", "मृतकों", "मौत", "मौतें", "मौतों", "मरे", "मृत्यु", "मृत्यू",
    "मृतांचा", "मृतांची", "बळी", "ठार",
)  # fmt: skip
#: Words counting the dead that make no claim a death toll ("civic body" is no corpse).
_CORPSE_WORDS = ("bodies", "मृतदेह", "शव")

#: The unit of a percentage ("10%", "१० टक्के", "20 फीसदी") as `unit_keys` reads it.
PERCENT = "percent"
#: Units that count anything: money and percentages (the families of UNIT_FAMILIES that
#: hold these words).
#: The currencies money is compared across (`tracker/data/exchange_rates.yaml`).
CURRENCIES = ("dollar", "rupee", "euro", "yuan")
_GENERIC_UNITS = (*CURRENCIES, "percent")


@dataclass(frozen=True)
class ClaimProfile:
    """What the stance rules need to know about a claim, computed once."""

    claim: Claim
    quantity: Quantity | None
    #: The words of the quantity's unit ("chips"), folded; empty when unknown.
    unit_keys: frozenset[str]
    #: The claim itself is negative ("has not spoken to the media since 2024").
    negated: bool
    #: Marks (stems and phonetic keys, see `word_marks`) of the claim's content words.
    key_words: frozenset[str]
    #: The claim's main subject as written, for reasons.
    subject: str | None
    #: Years the claim names (born in 1985, banned in 2022): a sentence naming one agrees.
    years: frozenset[int] = frozenset()
    #: The claim, with no `attributed_to`, shares a stem with a hedge, attribution or
    #: report cue: it may be about a statement ("the priest says he met God"), whose
    #: headline reporting it is not hedging, or hold a cue word that is a noun or a name
    #: ("its report", "pay and postings", "May"; `about_statement` reads a verb of
    #: saying, for the allegation rule).
    reported: bool = False
    #: The claim tells of a statement by a verb of saying (`_says`: "the
    #: priest says he met God", "Jitendra Singh wrote to the UPSC", "the notice cited
    #: 10,644 complaints"): an allegation of it told is the claimed statement, no hearsay.
    about_statement: bool = False
    #: The names of the claim's own source, by which a headline quoting it is read
    #: (`stance._quoted_speaker`): its `attributed_to`, or the source a plain claim says
    #: ("Maharashtra Congress chief Nana Patole alleges ...", `implied_source`) and that
    #: source's last word when a name ("Patole").
    source_names: tuple[str, ...] = ()
    #: The roots of the alleging words the claim itself holds as a label (`ALLEGING_ROOTS`:
    #: "the alleged bomber", "the man accused of running the mine"): a story's
    #: "allegedly" or "accused" is then part of what the claim says, no allegation of it.
    alleging_roots: tuple[str, ...] = ()
    #: The claim is itself about a delay ("the flight was delayed"): delay language in a
    #: story repeats it rather than saying the claimed event has not happened.
    delayed: bool = False
    #: The claim states an estimate ("their estimated lifespan", "अंदाजे"): a story's
    #: estimate cue says what it says, no hedge of it. (Not its other hedges: a story
    #: repeating "reportedly" of a claim that says it still reports it.)
    states_estimate: bool = False
    #: The claim says something was ignored or neglected (`NEGLECT_STEMS`) and is no
    #: denial itself: a story telling that nothing was done agrees with it.
    neglect: bool = False
    #: The face values of the notes or coins the claim names ("₹2,000 notes"): a
    #: sentence naming only another note's speaks of another note.
    denominations: frozenset[float] = frozenset()
    #: Marks of the word the claim measures with its figure, the content word just
    #: before it ("damage of about ₹3,000 crore": damage; "cost about ₹378 crore":
    #: cost): a rival figure's clause saying it measures the claim even where the
    #: stream's subject takes the word in.
    measure_marks: frozenset[str] = frozenset()
    #: Marks of what the claim says goes on, its words after a `continue` cue ("users
    #: can still book movie tickets": book, movie, tickets): a `cease` cue governing one
    #: ("Paytm app stops selling tickets") refutes it. Empty for a negative claim or
    #: one going on in a stopped state ("still shut").
    continued: frozenset[str] = frozenset()
    #: Marks of what a negative claim denies: its content words after the negation, in
    #: its clause ("did not alert people downstream": alert, people, downstream). A
    #: sentence asserts the opposite only when it says one of them without a negation.
    denied: frozenset[str] = frozenset()
    #: Marks of the effect a claim of a cause negates ("showed no alcohol because the
    #: sample was swapped": alcohol): a story's negation of them agrees with the claim.
    effect_negated: frozenset[str] = frozenset()
    #: Marks of what a negative claim grants beside its denial, in other parts of it
    #: ("the leak was systemic, not confined to Hazaribagh": systemic, leak): denying
    #: those refutes it.
    granted: frozenset[str] = frozenset()
    #: `denied` less its first word, the act denied ("has not announced compensation for
    #: flood victims": compensation, flood, victims): what a sentence must name to deny
    #: the same thing, beside the claim's actor, act and negation.
    denied_object: frozenset[str] = frozenset()
    #: The claim's figure is a part of a whole ("6,900 of the 14,000 borewells"): a part
    #: in a story is then its rival, not a part standing apart.
    part: bool = False
    #: The claim's figure is a sum of a thing ("₹42 crore of public money"): the marks
    #: of that thing's first word. A story's sum of the same thing is its rival, though
    #: read as a part ("₹95 crore of public money").
    sum_of: frozenset[str] = frozenset()
    #: The claim's figure is itself a change ("fares were raised by ₹10"): otherwise a
    #: story's shift ("raised by ₹30", "from ₹60 to ₹90", `NumberMention.is_change`) is
    #: no rival of the claim's quantity (it may still agree with it).
    change: bool = False
    #: The deadline of a time-bound claim: its `window` hint, or a date the sentence sets
    #: ("... will wake up by 30 September 2023").
    window: Window | None = None
    #: The claim denies with "without" (`done_without`): a story's "without" whose
    #: object holds what it denies is then a negation too ("acquired without any gram
    #: sabha resolution on record"; `withouts`).
    without: bool = False
    #: The claim states a done fact: no deadline, no plan, forecast or modal in it
    #: ("Maharashtra declared drought in 40 talukas", not "... will declare ...").
    factual: bool = False
    #: When the claim dates what it tells ("on 11 November 2024", "in September 2023"),
    #: when it is not a deadline: another month or year for it contradicts, and a
    #: sentence without its day ("extended the deadline to 15 March") does not assert it.
    when: TimeMention | None = None
    #: The first day of the event a factual claim dates ("held in Dubai on 19 December
    #: 2023", "in September 2023"): a story published before it can only tell of it as
    #: to come. None when the claim's date is a value it gives ("extended the deadline
    #: to 15 March"), has no year, or the claim is no done fact.
    event_day: date | None = None
    #: Marks of who did the claim's act, its agent's own words ("The CBI arrested ...":
    #: CBI; "Chief Minister Devendra Fadnavis inaugurated ...": Devendra, Fadnavis), and
    #: of the act in every language (inaugurated, उद्घाटन, लोकार्पण): another agent of
    #: the act contradicts it (`_rival_agent`). Empty when the claim names no agent.
    agent_marks: frozenset[str] = frozenset()
    act_marks: frozenset[str] = frozenset()
    #: The agent's acronyms and initials, folded ("cbi", "iaf" for the Indian Air Force),
    #: the skeletons of its words (`word_skeleton`: Fadnavis and फडणवीस alike), and the
    #: marks of the words of what the act is done to ("the BKC-Worli stretch").
    agent_short: frozenset[str] = frozenset()
    agent_skeletons: frozenset[str] = frozenset()
    acted_on: tuple[frozenset[str], ...] = ()
    #: Marks of the name the claim ends on, after a preposition ("moved its account to
    #: Axis Bank"): the value it gives a slot; a sentence without it does not assert it.
    slot_marks: frozenset[str] = frozenset()
    #: Marks of that name's common head ("bank" of "Axis Bank"), which its rivals share
    #: ("Yes Bank"); empty for a one-word name.
    slot_head: frozenset[str] = frozenset()
    #: The claim tells of something to come ("will pay", "plans to", "by June 2025"):
    #: calling it off refutes it.
    promised: bool = False
    #: The stems of the acts an English claim promises, its verbs after "will" ("will lift
    #: its ban": lift): a sentence naming one tells of the act, done or not.
    promised_acts: frozenset[str] = frozenset()
    #: The claim tells that something stopped (a `cease` cue: "stopped permitting benefit
    #: shows", "halted", "बंद"): a story's "no more", "no longer", "अब नहीं" says it too.
    ceases: bool = False
    #: The claim itself says something went wrong ("a signalling error caused the
    #: crash"): "wrong signalling" in a story says it too, it refutes nothing.
    faulting: bool = False
    #: The claim tells why something happened ("because", "due to", "के कारण"): an event
    #: of its story called off ("expresses cancelled after the derailment") is no denial.
    causal: bool = False
    #: A claim of a cause: the marks of its effect (its words before the cause cue) and
    #: of its cause (after it): "the basement flooded because an SUV pushed a wave".
    effect_marks: frozenset[str] = frozenset()
    cause_marks: frozenset[str] = frozenset()

    @property
    def counts_deaths(self) -> bool:
        """Is the claim a death toll (its figure counts the dead: `unit_keys` hold the
        words for death)?"""
        return not self.unit_keys.isdisjoint(death_marks())

    #: Per contrast the claim takes a side of (`CONTRASTS`): the marks of its side and
    #: of the other sides, in every language the glossary gives.
    contrasts: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()
    #: The other figures the claim itself states ("₹4,100 crore, four times the ₹990
    #: crore budgeted"): a story repeating one of them gives no rival of the quantity.
    stated_figures: tuple[float, ...] = ()
    #: Marks of what the claim says there was none of ("did not cause a single human
    #: death", "कोई मौत नहीं"): a story counting one or more of them refutes it.
    none_of: frozenset[str] = frozenset()


@functools.cache
def _family_marks() -> tuple[tuple[tuple[str, ...], frozenset[str]], ...]:
    """Each unit family with the marks of its words (computed once)."""
    return tuple(
        (family, frozenset().union(*(word_marks(fold(word)) for word in family)))
        for family in UNIT_FAMILIES
    )


@functools.cache
def _generic_unit_marks() -> frozenset[str]:
    """The marks of the units that count anything: money, percent (`_GENERIC_UNITS`)."""
    return frozenset().union(
        *(marks for family, marks in _family_marks() if set(family) & set(_GENERIC_UNITS))
    )


def counts_a_thing(profile: ClaimProfile) -> bool:
    """Does the claim's hinted quantity have a unit of a thing (km, chips, seats), not
    one that counts anything (rupees, percent)? A figure in such a unit is about what
    the claim counts; a sum of money is not, by its unit alone."""
    return (
        profile.claim.quantity is not None
        and bool(profile.unit_keys)
        and profile.unit_keys.isdisjoint(_generic_unit_marks())
    )


@functools.cache
def death_marks() -> frozenset[str]:
    """The marks of `DEATH_WORDS` and `_CORPSE_WORDS` (`exact_marks`)."""
    return exact_marks((*DEATH_WORDS, *_CORPSE_WORDS))


@functools.cache
def _claimed_death_marks() -> frozenset[str]:
    """The marks of `DEATH_WORDS`: a claim holding one counts the dead."""
    return exact_marks(DEATH_WORDS)


def exact_marks(words: Sequence[str]) -> frozenset[str]:
    """The marks of listed words without their sound keys: the key of "killed" is one of
    "खिलाड़ी" (player), and the Hindi and Marathi words are listed themselves."""
    marks = marks_of(tuple(fold(word) for word in words))
    return frozenset(mark for mark in marks if not mark.startswith("~"))


def is_money(unit: str | None) -> bool:
    """Is a unit money (a currency's word) or a percentage?"""
    return unit == PERCENT or unit_currency(unit) is not None


def unit_currency(unit: str | None) -> str | None:
    """The currency a figure's unit word names ("rupees", "रुपये", "$"), or None."""
    return currency_of(marks_of((unit or "",)))


def _claims_deaths(text: str, figure: tuple[str, int, int] | None) -> bool:
    """Does a claim tell of deaths, so its figure counts the dead? When the figure's place
    in the claim is known (`figure`: the text it was read in, and its character offsets
    there), a death word must stand in the figure's own piece of it: "In the week after
    the deaths, the MCD sealed the basements of about 20 coaching centres" counts
    basements; "Since deaths from the fever climbed above 40, schools were shut" and
    "after the deaths of at least 12 people" count the dead. In Hindi and Marathi the
    piece of deaths that date the claim ends at "के बाद", "के पश्चात" or a word glued
    to "नंतर" ("मौतों के बाद नगर निगम ने 20 ... सील किए"). Without a place (a hinted
    quantity the sentence does not state), any death word in the claim counts."""
    if figure is None:
        return _holds_death_words(text)
    text, start, end = figure
    breaks = [m.end() for m in COMMA_BREAKS.finditer(text)]
    left = max((b for b in breaks if b <= start), default=0)
    right = min((b - 1 for b in breaks if b > end), default=len(text))
    piece = text[left:right]
    for dated in _AFTER_DEATHS_RE.finditer(text[left:start]):
        piece = text[left + dated.end() : right]  # the deaths date what follows them
    return _holds_death_words(piece)


def _holds_death_words(text: str) -> bool:
    """Does the text hold a word for deaths (`DEATH_WORDS`)?"""
    return bool(marks_of(tuple(fold(w) for w in tokenize(text))) & _claimed_death_marks())


#: Where a Hindi or Marathi phrase of deaths that date a claim ends: "के बाद", "के
#: पश्चात", a word glued to "नंतर" ("मृत्यूनंतर", "मृत्यूंनंतर").
_AFTER_DEATHS_RE = re.compile(r"के\s+(?:बाद|पश्चात)|\S+नंतर")


def unit_keys(
    unit: str | None, glossary: Glossary | None = None, crowd: bool = True
) -> frozenset[str]:
    """Marks of the unit's words: "chips" is also found as "चिप्स" or "चिप्सचा", "cars"
    as "गाड्या" (`marks_of_words`, with `glossary`); with its family's words (without
    `crowd`, not the family of people counted as a crowd)."""
    if not unit:
        return frozenset()
    if unit == SPEED_UNIT:
        # A speed is read as one unit ("160 km/h", "100 किमी प्रति घंटा", a hint's "kmph":
        # `in_common_unit`): not its words, a length in km ("the 17-km section") and an hour.
        return marks_of((SPEED_UNIT,))
    keys = marks_of_words(tokenize(unit), glossary)
    for family, marks in _family_marks():
        if keys & marks and (crowd or family is not _CROWD):
            keys |= marks
    return keys


def _head_unit(text: str, end: int, unit: str | None) -> tuple[str | None, str | None]:
    """What a claim's figure counts: the first word after it, or when that is a name
    the plural noun the names qualify ("70 Vistara aircraft", "83 Tejas Mk1A fighters",
    "three AAP councillors"). Counted by the name alone, any figure near the name would
    be comparable ("6,000 former Vistara employees" with 70 aircraft). A name that is
    the thing counted ("10,000 A100s", "7 BJP MLAs", "12 Maoists killed") stays the
    unit, and so does the name when no plural noun follows it ("20 Delhi government
    schools", "50,000 Nvidia H800s smuggled": no verb or modifier is what is counted).
    With it, the lowercase word that qualifies the noun ("coaching" of "20 coaching
    centres"), which counts it too (a story's "३५ कोचिंग संस्था"); a name does not."""
    words = tokenize(text[end:])[:4]
    if unit is None or not words or fold(words[0]) != unit:
        return unit, None
    if not words[0][:1].isupper():
        noun = _modified_noun(words)
        return (noun, unit) if noun else (unit, None)
    for word in words[1:]:
        folded = fold(word)
        if folded in all_stopwords():
            break
        if word[:1].isupper() or any(c.isdigit() for c in word):
            if _PLURAL_NAME_RE.search(word):
                return folded, None  # "MLAs", "H800s", "EVs": the name is what is counted
            continue
        return (folded if is_counted_noun(folded) else unit), None
    return unit, None


def _modified_noun(words: Sequence[str]) -> str | None:
    """The plural noun a figure's first word qualifies ("20 coaching centres", "three
    main parachutes", "3.2 crore concurrent viewers"), folded; None when the first word
    is itself what is counted ("500 jobs", "46 cm") or no such noun follows it."""
    if is_counted_noun(fold(words[0])):
        return None
    for word in words[1:3]:
        folded = fold(word)
        if folded in all_stopwords() or word[:1].isupper() or any(c.isdigit() for c in word):
            return None
        if is_counted_noun(folded):
            return folded
    return None


def _counted_whole(text: str, end: int) -> str | None:
    """What the whole counts after a part whose whole has no figure ("2,000 of BEST's
    buses"): the first lowercase plural noun in the five words after "of", past names and
    their "'s", folded; or None."""
    words = tokenize(text[end:])[:6]
    if not words or fold(words[0]) != "of":
        return None
    for word in words[1:]:
        folded = fold(word)
        if is_counted_noun(folded) and not word[:1].isupper():
            return folded
    return None


#: A name written as a plural ("MLAs", "H800s", "EVs"): what a figure counts.
_PLURAL_NAME_RE = re.compile(r"[A-Z0-9]s$")


#: English nouns counted in the plural without an "s".
_PLURALS_WITHOUT_S = frozenset(
    {"aircraft", "people", "personnel", "staff", "police", "cattle", "livestock",
     "children", "men", "women", "sheep", "deer", "fish", "crew"}
)  # fmt: skip


def is_counted_noun(word: str) -> bool:
    """Can `word` (folded) be what a figure counts: a plural ("councillors",
    "satellites", "aircraft") or a word of a unit family?"""
    if word in _PLURALS_WITHOUT_S or any(word in family for family in UNIT_FAMILIES):
        return True
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def profile_claim(claim: Claim, lexicon: Lexicon, glossary: Glossary | None = None) -> ClaimProfile:
    """Precompute a claim's quantity, unit, polarity and key words for `judge`; the
    sentence's words and the unit with their equivalents in `glossary` (by default the
    shipped one)."""
    quantity = claim.quantity
    if quantity is not None:
        # (A hint of "20 tonnes" is compared in the kilograms stories' figures are read in.)
        value, common = in_common_unit(quantity.value, quantity.unit)
        if common != quantity.unit:
            quantity = Quantity(value, common, quantity.tolerance)
    unit = quantity.unit if quantity is not None else None
    part = False
    name_years = _name_years(claim.text)
    window = claim.window or _deadline_in(claim.text)
    # Where the claim's figure stands when read from its text: (the text it was read in,
    # with names' numbers blanked; its character offsets), for `_claims_deaths`.
    figure: tuple[str, int, int] | None = None
    qualifier: str | None = None
    sum_of: str | None = None
    if quantity is not None:
        # (A hinted quantity: where the claim's sentence states it, if it does.)
        stated = [m for m in find_numbers(claim.text) if math.isclose(m.value, quantity.value)]
        figure = (claim.text, stated[0].start, stated[0].end) if stated else None
        # ("The first phase ... cost about ₹19,650 crore": the hinted figure is a part
        # as the claim writes it, and a stage's figure in a story is its measure.)
        sum_of = sum_of_a_thing(claim.text, stated[0]) if stated else None
        part = bool(stated) and stated[0].is_part and sum_of is None
    if quantity is None:
        # Numbers inside the hinted names are part of them ("Vega 5", "Chandrayaan 3"),
        # and so are years written after a name ("NEET-UG 2024").
        said = claim.text
        for start, end in name_years:
            said = said[:start] + " " * (end - start) + said[end:]
        for name in (n for group in claim.entities for n in group if any(c.isdigit() for c in n)):
            said = said.replace(name, " ")
        mention = main_quantity(said)
        years = [m for m in find_numbers(said) if m.is_year]
        if mention is not None:
            unit, qualifier = (
                (PERCENT, None)
                if mention.is_percent
                else _head_unit(said, mention.end, mention.unit)
            )
            # ("₹2.5 lakh crore of liquidity" is what the sum is, no part of a whole.)
            sum_of = sum_of_a_thing(said, mention)
            part = mention.is_part and sum_of is None
            if part:
                # "6,900 of Bengaluru's 14,000 borewells": the whole's unit counts both.
                # (Not a name's number, and a sum's whole is a sum: "₹42 crore of public
                # money on the Chennai Formula 4 street race", "₹420 crore of its funds
                # on the 2024 expansion" count rupees; "1,800 of its 2010 buses", buses.)
                wholes = [
                    m
                    for m in find_numbers(said)
                    if m.start > mention.end
                    and m.unit
                    and not m.is_code
                    and (is_money(m.unit) or not is_money(mention.unit))
                ]
                unit = (
                    _head_unit(said, wholes[0].end, wholes[0].unit)[0]
                    if wholes
                    else (None if is_money(mention.unit) else _counted_whole(said, mention.end))
                    or unit
                )
                qualifier = None
            quantity = Quantity(mention.value, unit)
            figure = (said, mention.start, mention.end)
        elif (
            len(years) == 1
            and window is None
            # (A year in a date, "since July 2024", "सितंबर 2023": the claim's time.)
            and not any(t.start <= years[0].start < t.end for t in find_times(claim.text))
        ):
            # A claim whose one figure is a year ("banned in 2022", "born in 1985") is
            # about that year: another year for the event contradicts it.
            unit = "year"
            quantity = Quantity(years[0].value, unit, 0.0)
    # The month "May" inside the claim is not the modal "may" (a hedge): blank it for cues.
    read = Sentence.read(claim.text)
    words = ["" if is_month(read, i) else w for i, w in enumerate(read.words)]
    causes = cause_cues(lexicon, words)
    causal = bool(causes or GLUED_CAUSE_RE.search(claim.text))
    delayed = bool(lexicon.find("delay", words) or _LATE_RE.search(claim.text))
    # (A claim about a delay reads a negation beside its delay word as the story does:
    # "did not postpone the polls" is a negative claim; see `_claims_negations`.)
    negations = live_negations(words, lexicon, delays=not delayed)
    without = not negations and bool(done_without(read))
    negations = negations or done_without(read)
    # (A refuting word naming the offence a claim charges, "fined for misleading
    # investors", makes it no denial: `live_refutes`.)
    refutes = live_refutes(read, lexicon)[0]
    at = causes[0][1] if causes else 0
    # A negation right before the cause word denies the cause ("not due to the storm",
    # "did not cause a death"): the claim is a denial.
    negated_cause = any(s == at - 1 for _, s, _ in (*negations, *refutes))
    effect_negated: frozenset[str] = frozenset()
    if causes and not negated_cause and all(s < at for _, s, _ in (*negations, *refutes)):
        # A claim of a cause asserts the cause, whatever the effect before it denies
        # ("the first test showed no alcohol because the sample was swapped": denying
        # the swap refutes it; "sinking because the town has no drainage" stays
        # negative). A story's negation of the same effect agrees with it.
        effect_negated = marks_of_words(
            [fold(w) for w in read.original[negations[0][2] : at]] if negations else [], glossary
        )
        negations, refutes = [], []
    negated = bool(negations or refutes)
    stop = all_stopwords()
    # (Hindi and Marathi put the verb, and the negation, last: what it denies stands
    # before it with the rest of the clause, so no such words are told apart.)
    denied = (
        _rest_of_clause(read, negations[0][2], glossary)
        if negations and not is_devanagari(claim.text)
        else frozenset()
    )
    granted = _granted(read, negations[0][1], glossary) if denied else frozenset()
    denied_object = (
        denied - _first_content_marks(read, negations[0][2], glossary) if denied else denied
    )
    done_act: frozenset[str] = frozenset()
    if without and negations:
        # The act done, and what it is done to, are granted, whatever the glossary
        # files the missing thing with ("tenders" beside "contract": "handed the
        # contract without inviting tenders" grants the contract).
        cut = negations[0][1]
        acts = [w for w in read.original[:cut] if names_done_act(read, w)]
        # (the last done act before "without": "handed", "acquired", "reopened")
        done_act = marks_of_words([fold(acts[-1])], glossary) if acts else frozenset()
        acted = [fold(w) for w in read.original[:cut] if fold(w) not in stop]
        missing = [fold(w) for w in read.original[cut + 1 :] if fold(w) not in stop]
        denied = denied - frozenset().union(*map(word_marks, acted))
        granted = granted | (
            marks_of_words(acted, glossary) - stop - frozenset().union(*map(word_marks, missing))
        )
    continues = lexicon.find("continue", words)
    continued = (
        _rest_of_clause(read, continues[0][2], glossary)
        if continues and not negations and not lexicon.find("cease", words)
        else frozenset()
    )
    names = [name for group in claim.entities for name in group]

    def content(*texts: str) -> list[str]:
        words = (fold(w) for text in texts for w in tokenize(text) if not w.isdigit())
        return [w for w in words if w not in stop]

    sentence_words, hint_words = content(claim.text), content(*names, *claim.keywords)
    subject = claim.entities[0][0] if claim.entities else None
    # A deadline, a plan or "will": the claim tells of something to come.
    to_come = bool(window or lexicon.find("plan", words) or FUTURE_CLAIM_WORDS.intersection(words))
    # (An estimate is no done fact either: "was estimated to cost about ₹13 crore".)
    factual = not (to_come or any(lexicon.find(c, words) for c in ("hedge", "delay", "estimate")))
    when = None if window else _claimed_time(claim.text)
    agency = claim_agency(claim.text)
    source = implied_source(claim.text)
    cause_sides = (
        _cause_sides(read, causes[0][1], causes[0][2], glossary)
        if causes and not negated
        else (frozenset(), frozenset())
    )
    if agency is not None and any(
        lexicon.find(c, (stem(agency.act),))
        for c in ("attribution", "hedge", "report", "charge", "refute", "request", "plan")
    ):
        agency = None  # "Scale AI's chief alleged ...": a statement, told by its own rules
    return ClaimProfile(
        claim=claim,
        quantity=quantity,
        # A death toll counts the dead, not a crowd ("80,000 devotees" gathered where
        # the stampede killed 121 people). (A sum or a share "for each person killed"
        # counts no dead.)
        unit_keys=(
            death_marks() | unit_keys(unit, glossary, crowd=False)
            if _claims_deaths(claim.text, figure) and not is_money(unit)
            else unit_keys(unit, glossary)
        )
        | (unit_keys(qualifier, glossary) if qualifier else frozenset()),
        negated=negated,
        # The sentence's words with their glossary equivalents; hints as written.
        key_words=marks_of_words(sentence_words, glossary)
        | frozenset().union(*map(word_marks, hint_words)),
        subject=subject,
        years=frozenset(
            int(m.value)
            for m in find_numbers(claim.text)
            if m.is_year and (m.start, m.end) not in name_years
        ),
        reported=not claim.attributed_to
        and any(lexicon.find(c, words) for c in ("hedge", "attribution", "report"))
        and source is None,
        about_statement=not claim.attributed_to and source is None and _says(read, lexicon),
        alleging_roots=() if claim.attributed_to or source is not None else _alleging_roots(read),
        source_names=claim.attributed_to or _source_names(source),
        delayed=delayed,
        states_estimate=bool(lexicon.find("estimate", words)),
        neglect=not negated
        and any(fold(w).startswith(NEGLECT_STEMS) for w in tokenize(claim.text)),
        denominations=frozenset(m.value for m in find_numbers(claim.text) if m.is_denomination),
        effect_negated=effect_negated - all_stopwords(),
        denied=denied,
        granted=granted - denied,
        denied_object=denied_object,
        measure_marks=_measure_marks(claim.text, quantity, glossary),
        window=window,
        without=without and negated,
        slot_marks=_slot_marks(claim.text, glossary),
        agent_marks=marks_of_words([fold(w) for w in agency.agent], glossary)
        if agency
        else frozenset(),
        act_marks=marks_of_words([agency.act], glossary) if agency else done_act,
        agent_short=agency.short if agency else frozenset(),
        agent_skeletons=frozenset(
            s for w in (agency.agent if agency else ()) if (s := word_skeleton(fold(w)))
        ),
        acted_on=tuple(marks_of_words([fold(w)], glossary) for w in agency.acted_on)
        if agency
        else (),
        slot_head=_slot_marks(claim.text, glossary, head=True),
        when=when,
        event_day=_event_day(claim.text, when) if factual else None,
        part=part,
        sum_of=word_marks(sum_of) if sum_of else frozenset(),
        change=claims_change(claim.text),
        contrasts=_sides_taken(frozenset().union(*map(word_marks, sentence_words)), glossary),
        faulting=bool(lexicon.find("fault", words)),
        ceases=bool(lexicon.find("cease", words)) and not negated,
        promised_acts=frozenset(
            read.words[i + 1] for i, w in enumerate(read.words[:-1]) if w == "will"
        ),
        continued=continued,
        causal=causal,
        effect_marks=cause_sides[0],
        cause_marks=cause_sides[1],
        promised=to_come,
        factual=factual,
        none_of=frozenset() if quantity else marks_of_words(_none_of(claim.text), glossary),
        stated_figures=tuple(
            m.value
            for m in find_numbers(claim.text)
            if m.comparable and m.value > 0 and (quantity is None or m.value != quantity.value)
        ),
    )


#: The one who alleges, in a plain English claim: "..., the Delhi BJP alleges." or
#: "Cable operators allege that ...".
_ALLEGER_AFTER_RE = re.compile(
    r"[,;]\s*(?:the\s+)?(?P<who>[^,;]{2,60}?)\s+(?:alleges?|alleged|accuses?|accused)\s*\.?\s*$",
    re.IGNORECASE,
)
_ALLEGER_BEFORE_RE = re.compile(
    r"^\s*(?:an?\s+|the\s+)?(?P<who>[^,;]{2,60}?)\s+(?:alleges?|alleged|accuses?|accused)"
    r"\s+that\s+",
    re.IGNORECASE,
)
#: Words no alleger's name holds ("..., whom the ED had accused": a relative clause).
_NOT_ALLEGERS = frozenset(
    {"whom", "who", "which", "that", "had", "has", "have", "was", "were", "is", "are", "been"}
)


#: A claim that something came late ("Fire tenders reached the building late", "उशिरा
#: पोहोचले"): about a delay, as "delayed" is. "late" ends its clause ("late, as ...",
#: "late because ..."; not "the late former chief minister", "late-night", "late May").
_LATE_RE = re.compile(
    r"\b(?:arrived|reached|came|began|started|responded|turned\s+up|opened|finished)\b"
    r"[^.,;]{0,60}?\blate(?=\s*(?:[.,;:]|$)|\s+(?:as|because|due|and|than)\b)"
    r"|उशिरा|देर से",
)


def _says(read: Sentence, lexicon: Lexicon) -> bool:
    """Does the claim hold a verb of saying that opens what is said: a word of an
    attribution cue's stems ("says", "insists", "tweets", "wrote", "alleged"), followed
    by "that", "to", a pronoun or an article or a name, or with "that" close after it
    ("told reporters that"), or a report cue's verb ("citing": "cited", "cites") before
    a figure too ("cited 10,644 complaints")? In Hindi or Marathi, a verb of saying
    ("कहा", "बताया", "म्हणाले", "सांगितले"), not a noun ("दावा", "आरोप"). Not a noun
    ("pay and postings compared with", "crop-damage claims from farmers", "social media
    posts inviting fans"), nor a label ("the alleged bomber", "alleged bomber Ravi Kale",
    "accused of", "accused in the case"), nor "post" ("posted a 5% rise", "will post its
    first profit"), nor "claimed ... lives"."""
    saying = {c.words[0] for c in lexicon.cues.get("attribution", ()) if len(c.words) == 1}
    cited = {c.words[0] for c in lexicon.cues.get("report", ()) if c.text.endswith("ing")}
    original = read.original
    words = [fold(w) for w in original]
    for i, word in enumerate(words):
        stemmed = stem(word)
        stems = {stemmed, stemmed.removesuffix("e")}
        if is_devanagari(word):
            if stems & saying and word not in _SAYING_NOUNS:
                return True
            continue
        reported = bool(stems & cited)
        if not (stems & saying or reported or word in _IRREGULAR_SAYING):
            continue
        if stems & _NOT_SAYING_STEMS or (i and words[i - 1] in _NOT_SAYING_BEFORE):
            continue
        following = words[i + 1 : i + 4]
        if "lives" in following or "life" in following:
            continue  # ("the floods claimed the lives of 40": no statement)
        after = original[i + 1] if i + 1 < len(original) else ""
        if (
            fold(after) in _SAID_OPENERS
            or after[:1].isupper()
            or (reported and after[:1].isdigit())
            or "that" in following
        ):
            return True
    return False


#: Possessives: before a cue word they make it a noun ("his charge that", "its report").
POSSESSIVES = frozenset({"his", "her", "their", "its", "our"})
#: Words before a cue word that make it a noun or a label ("the claims", "its report",
#: "the alleged bomber"), no verb of saying.
_NOT_SAYING_BEFORE = frozenset({"the", "a", "an"}) | POSSESSIVES
#: Stems of attribution cues that are seldom a claim's verb of saying: "posted a 5%
#: rise", "will post its first profit", "personnel posted to Manipur".
_NOT_SAYING_STEMS = frozenset({"post"})
#: Hindi and Marathi attribution cues that are nouns or postpositions, no verb of saying:
#: "दावा", "आरोप", "के अनुसार", "म्हणण्यानुसार".
_SAYING_NOUNS = frozenset(
    {"दावा", "आरोप", "अनुसार", "मुताबिक", "मुताबिक़", "म्हणण्यानुसार", "नुसार", "म्हणणे"}
)
#: Forms of the lexicon's "wrote" and "told" that their stems do not join (a claim's
#: own verb only: as story cues they would make "Byju writes" its own source's repeat).
_IRREGULAR_SAYING = frozenset({"writes", "write", "writing", "tells", "tell", "telling"})
#: Words after a verb of saying that open what is said or whom it is said to.
_SAID_OPENERS = frozenset(
    {"that", "to", "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "his",
     "her", "its", "their", "our", "this", "these", "those", "there", "no", "all"}
)  # fmt: skip


#: How the words that allege begin, whatever their form, by kind: an allegation or an
#: accusation ("alleged", "allegedly", "accused": the claim's "the alleged bomber" and
#: a story's "accused" are one label) and a claim ("claims"). English only: a Hindi or
#: Marathi story's "आरोप" may be another's allegation of an English claim's label.
ALLEGING_ROOTS = (("alleg", "accus"), ("claim",))
#: The words of those roots as a claim writes them ("allegiance", "accustomed" are none).
_ALLEGING_FORMS = re.compile(
    r"(?:alleg(?:e|ed|edly|es|ing|ation|ations)|accus(?:e|ed|es|ing|ation|ations)"
    r"|claim(?:s|ed|ing)?)"
)


def _alleging_roots(read: Sentence) -> tuple[str, ...]:
    """The roots (`ALLEGING_ROOTS`) of the alleging words the claim holds, by kind."""
    alleging = [w for w in map(fold, read.original) if _ALLEGING_FORMS.fullmatch(w)]
    return tuple(
        root
        for roots in ALLEGING_ROOTS
        if any(w.startswith(roots) for w in alleging)
        for root in roots
    )


def implied_source(text: str) -> str | None:
    """Who makes the allegation a plain claim states ("The IPL auction rules favour the
    richest franchises, Punjab Kings co-owner Karan Sethi alleges": "Punjab Kings
    co-owner Karan Sethi"), as `attributed_to` would name it; None when it states none.
    A story repeating the allegation from that source is no independent confirmation."""
    found = _ALLEGER_AFTER_RE.search(text) or _ALLEGER_BEFORE_RE.search(text)
    if found is None:
        return None
    who = found.group("who").strip()
    words = [w.casefold() for w in tokenize(who)]
    if _NOT_ALLEGERS.intersection(words) or not [
        w for w in words if len(w) >= 3 and w not in all_stopwords()
    ]:
        return None  # ("The alleged scam", "A man accused of": no one alleges)
    return who


def _source_names(implied: str | None) -> tuple[str, ...]:
    """The source a plain claim says, and its last word when it reads as a person's
    surname (`source_names`): "Meera Kulkarni" gives "Kulkarni"; "the Maharashtra
    Navnirman Sena" no "Sena", which names other bodies too."""
    if implied is None:
        return ()
    words = tokenize(implied)
    last = words[-1]
    # (A name of two capitalised words or more, ending on a capitalised one.)
    capitals = sum(w[:1].isupper() for w in words)
    person = capitals >= 2 and last[:1].isupper() and len(last) >= 4
    return (implied, last) if person and fold(last) not in _BODY_WORDS else (implied,)


#: Words naming a body rather than a person at the end of a source's name.
_BODY_WORDS = frozenset(
    {
        "party", "sena", "congress", "union", "unions", "association", "committee",
        "samiti", "dal", "morcha", "board", "department", "government", "council",
        "federation", "forum", "sangh", "manch", "front", "league", "commission",
        "authority", "ministry", "group", "trust", "foundation", "society", "club",
        "company", "bank", "court", "police", "bjp", "aap", "ncp",
    }
)  # fmt: skip


def _rest_of_clause(read: Sentence, after: int, glossary: Glossary | None) -> frozenset[str]:
    """Marks of the content words from word `after` to the end of its clause (what a
    claim's negation denies, what its `continue` cue says goes on)."""
    stop = all_stopwords()
    scope = read.original[after : read.clause_of(after)[1]]
    return marks_of_words(
        [w for w in map(fold, scope) if w not in stop and not w.isdigit()], glossary
    )


def _first_content_marks(read: Sentence, after: int, glossary: Glossary | None) -> frozenset[str]:
    """Marks of the first content word from word `after` (the act a negation denies)."""
    stop = all_stopwords()
    for word in map(fold, read.original[after:]):
        if word not in stop and not word.isdigit():
            return marks_of_words([word], glossary)
    return frozenset()


def _granted(read: Sentence, negation: int, glossary: Glossary | None) -> frozenset[str]:
    """Marks of the content words outside the piece of a claim that holds its negation
    (`ClaimProfile.granted`), names aside: "Ola Electric, the largest maker, did not
    hold ..." grants no Ola, which a denial of the claim names too."""
    stop, words = all_stopwords(), []
    for start, end, _ in read.parts(PIECE_BREAKS):
        if not start <= negation < end:
            words += [
                fold(w)
                for w in read.original[start:end]
                if fold(w) not in stop and not w.isdigit() and not w[:1].isupper()
            ]
    return marks_of_words(words, glossary)


def _measure_marks(
    text: str, quantity: Quantity | None, glossary: Glossary | None
) -> frozenset[str]:
    """Marks of the content word just before the claim's figure (`measure_marks`)."""
    if quantity is None:
        return frozenset()
    figures = [m for m in find_numbers(text) if m.value == quantity.value]
    if not figures:
        return frozenset()
    for word in reversed(tokenize(text[: figures[0].start])):
        folded = fold(word)
        if folded in _BEFORE_FIGURE:
            continue
        if folded in all_stopwords() or folded.isdigit():
            return frozenset()  # "DeepSeek has about 50,000 chips": no measure word
        return marks_of_words([folded], glossary)
    return frozenset()


#: Words between a measure word and its figure ("damage of about ₹3,000 crore").
_BEFORE_FIGURE = frozenset(
    {"of", "about", "at", "around", "nearly", "some", "over", "almost", "roughly", "only",
     "approximately", "just", "to", "by", "करीब", "लगभग", "क़रीब", "सुमारे", "जवळपास"}
)  # fmt: skip


def _event_day(text: str, when: TimeMention | None) -> date | None:
    """The first day of the event the claim dates with `when`, when it writes it as the
    time its event happened ("held on 19 December 2023", "in September 2023", "१९
    डिसेंबर रोजी"), not as a value it gives ("extended the deadline to 15 March")."""
    if when is None or when.year is None:
        return None
    before = text[: when.start].casefold().split()
    after = text[when.end :].split()
    dated = (bool(before) and before[-1] in ("on", "in", "during")) or (
        bool(after) and after[0].strip(".,;") in ("को", "रोजी", "ला", "में", "मध्ये")
    )
    return date(when.year, when.month, when.day or 1) if dated else None


#: "not a single human death", "no casualties", "zero deaths", "एक भी मौत नहीं", "एकही
#: मृत्यू नाही": a claim that there was none of something, and the words for it.
_NONE_OF_RE = re.compile(
    r"(?:\b(?:not\s+(?:\w+\s+)?(?:a\s+single|one|any)|no|zero|without\s+(?:a\s+single|any))"
    # "no fewer than", "no longer": a bound or a change, not none.
    r"(?!\s+(?:fewer|less|more|longer|later|sooner|other|doubt)\b)"
    r"|(?<![\w\u0900-\u097f])(?:एक भी|कोई भी|कोई|एकही|एकाही|एकसुद्धा))"
    r"(?P<what>(?:\s+[\w\u0900-\u097f]+){1,3})",
    re.IGNORECASE,
)
#: In Hindi and Marathi "कोई" is also "about" ("कोई 200 लोग"): none needs a negation.
_DEVANAGARI_NEGATION_RE = re.compile(
    r"(?<![\w\u0900-\u097f])(?:नहीं|नाही|नव्हता|नव्हती|नव्हते|न)(?![\w\u0900-\u097f])"
)


def _none_of(text: str) -> list[str]:
    """The content words of what a claim says there was none of, or none."""
    stop = all_stopwords()
    found = _NONE_OF_RE.search(text)
    if found is None:
        return []
    if is_devanagari(found.group(0).split()[0]) and not _DEVANAGARI_NEGATION_RE.search(
        text, found.start()
    ):
        return []
    words = [fold(w) for w in tokenize(found.group("what"))]
    return [w for w in words if w not in stop and not w.isdigit()]


#: A year written straight after a name ("NEET-UG 2024", "Paris 2024", "IPL 2024"): the
#: word before it, capitalised, is no preposition or month.
_NAME_YEAR_RE = re.compile(
    r"(?:\b(\w+)\s+)?(?<![\w.-])([A-Z][\w.&]*(?:-[\w]+)*)[ -]((?:19|20)\d\d)(?![\w-])"
)
#: Words before "<Name> <year>" that make it a time ("by Diwali 2025", "until Budget
#: 2025"); "in NEET-UG 2024" stays a name.
_TIME_BEFORE = frozenset({"by", "till", "until", "before", "after", "since", "around"})
#: Quarters, halves and fiscal years before a year are times, not names.
_PERIOD_RE = re.compile(r"(?:Q[1-4]|H[12]|FY)", re.IGNORECASE)


def _name_years(text: str) -> list[tuple[int, int]]:
    """Where the years inside names are ("NEET-UG 2024" is the exam's name, named by
    every story about it, not the year the claim dates anything to); not a month's,
    a quarter's or one after a word of time ("by Diwali 2025")."""
    return [
        found.span(3)
        for found in _NAME_YEAR_RE.finditer(text)
        if fold(found.group(2)) not in all_stopwords()
        and found.group(2) not in ENGLISH_MONTHS
        and not _PERIOD_RE.fullmatch(found.group(2))
        and fold(found.group(1) or "") not in _TIME_BEFORE
    ]


def _claimed_time(text: str) -> TimeMention | None:
    """The one month (with its year or day) a claim that sets no deadline dates its
    event to, or None (none, or several)."""
    times = find_times(text)
    return times[0] if len(times) == 1 else None


#: A name the claim ends on after one of these is the value it gives a slot ("to Axis
#: Bank", "in Udaipur, Rajasthan": its state after a comma is no other value).
SLOT_RE = re.compile(
    r"\b(?:to|into|from|with|by|at|for|in)\s+((?:[A-Z][\w&'-]*\s+){0,3}[A-Z][\w&'-]*)"
    r"(?:,\s+[A-Z][\w&'-]*)?\s*[.!]?\s*$"
)


#: Heads a slot's name shares with its rivals: "Axis Bank" and "Yes Bank".
_SLOT_HEADS = frozenset(
    {
        "bank", "stadium", "airport", "hospital", "port", "university", "college",
        "school", "court", "station", "ministry", "company", "group", "party", "airlines",
        "airways", "motors", "limited", "ltd", "fund", "capital", "insurance", "finance",
    }
)  # fmt: skip


def _slot_marks(text: str, glossary: Glossary | None, head: bool = False) -> frozenset[str]:
    """Marks of the capitalised name a claim ends on after a preposition, or none
    (`head`: of that name's last word, when it has more than one)."""
    found = SLOT_RE.search(text.strip())
    if found is None:
        return frozenset()
    words = [fold(w) for w in tokenize(found.group(1))]
    if head:
        # Only a common head is shared by rivals ("Bank", "Stadium"); a surname is not
        # ("Chief Minister Fadnavis" and "Devendra Fadnavis" are one man).
        common = len(words) > 1 and words[-1] in _SLOT_HEADS
        return marks_of_words(words[-1:], glossary) if common else frozenset()
    # The name's own words ("axis"), not its common head ("bank"): the head is shared
    # by its rivals (Yes Bank, HDFC Bank).
    named = words[:-1] if len(words) > 1 else words
    return marks_of_words([w for w in named if w not in all_stopwords()], glossary)


#: Words that make a claim a plan or a forecast rather than a done fact.
FUTURE_CLAIM_WORDS = frozenset({"will", "would", "shall", "plan", "going", "expect", "aim"})
#: Marathi glues "because of" to its noun ("पावसामुळे"), and the stemmer strips it: a
#: claim's cause word in that form is read from its text.
GLUED_CAUSE_RE = re.compile(r"[\u0900-\u097f]मुळे(?:च)?(?![\w\u0900-\u097f])")
#: "by 30 September 2023", "before June 4, 2023", "तक", "पर्यंत": a deadline the claim sets.
_DEADLINE_WORDS = ("by", "before", "until", "till", "no later than")
_DEADLINE_AFTER = ("तक", "पर्यंत", "पूर्वी", "पहले")


def _deadline_in(text: str) -> Window | None:
    """The deadline a plain claim sentence writes, with its year, or None: a day ("by
    31 January 2024"), a month ("by June 2025": its last day) or a year ("by the end of
    2025", "2025 तक": 31 December)."""
    for time in find_times(text):
        if time.year is None:
            continue  # without a year the deadline is not known
        if _sets_deadline(text, time.start, time.end):
            day = time.day or calendar.monthrange(time.year, time.month)[1]
            return Window(date(time.year, time.month, day))
    for number in find_numbers(text):
        if number.is_year and _sets_deadline(text, number.start, number.end):
            return Window(date(int(number.value), 12, 31))
    return None


def _sets_deadline(text: str, start: int, end: int) -> bool:
    """Is the time written at text[start:end] the end of a deadline ("by", "तक")?"""
    before = text[max(0, start - 16) : start].casefold().rstrip(" ,")
    # "by the end of 2025", "by the end of March 2024", "before the end of 2025"
    before = re.sub(r"\s*\bthe end of$", "", before)
    after = text[end : end + 12].strip()
    return (
        before.endswith(_DEADLINE_WORDS)
        or after.startswith(_DEADLINE_AFTER)
        or _BEFORE_IT_ENDS_RE.search(text[max(0, start - 64) : start]) is not None
    )


#: "before its presidency ends on 30 November 2023": the end of a term is a deadline.
_BEFORE_IT_ENDS_RE = re.compile(
    r"\bbefore\b[^,;.]{0,48}\b(?:ends?|expires?|closes?|runs out|is over)\s+(?:on|in)\s+$",
    re.IGNORECASE,
)


def marks_of_words(words: Sequence[str], glossary: Glossary | None = None) -> frozenset[str]:
    """The marks (stems and phonetic keys) of some claim words, as the stance rules compare
    them, with those of their equivalents in the other languages (`glossary`, by default
    the shipped one): a cue in a Marathi sentence governs "दुष्काळ" for a claim that says
    "drought"."""
    if not words:
        return frozenset()
    glossary = _shipped_glossary() if glossary is None else glossary
    return frozenset().union(*(_translated_marks(fold(w), glossary) for w in words))


def _translated_marks(folded: str, glossary: Glossary) -> frozenset[str]:
    """A folded word's marks with its equivalents' (remembered by the glossary)."""
    found = glossary.marks_memo.get(folded)
    if found is None:
        marks = set(word_marks(folded))
        for word in glossary.words_for(folded):
            marks |= word_marks(word)
        found = frozenset(marks)
        glossary.remember_marks(folded, found)
    return found


@functools.lru_cache(maxsize=1 << 14)
def marks_of(words: tuple[str, ...]) -> frozenset[str]:
    """The marks of several folded words together (`word_marks`), such as a number's
    following words: one set for every claim to compare its unit with."""
    return frozenset().union(*(word_marks(word) for word in words))


@functools.cache
def _currency_marks() -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple(
        (name, marks) for name in CURRENCIES for family, marks in _family_marks() if name in family
    )


def currency_of(marks: frozenset[str]) -> str | None:
    """The currency (one of CURRENCIES) whose words these marks hold, if one."""
    found = [name for name, family in _currency_marks() if marks & family]
    return found[0] if len(found) == 1 else None


def _cause_sides(
    read: Sentence, start: int, end: int, glossary: Glossary | None
) -> tuple[frozenset[str], frozenset[str]]:
    """The marks of a claim's effect and cause: its content words on either side of the
    cause cue at `start:end` (the cause after "because", before "caused")."""
    stop = all_stopwords()

    def marks(words: Sequence[str]) -> frozenset[str]:
        return marks_of_words([fold(w) for w in words if fold(w) not in stop], glossary)

    before, after = marks(read.original[:start]), marks(read.original[end:])
    first = cause_comes_first(read, start, end)
    return (after, before) if first else (before, after)


#: Cause cues with the cause before them ("a sewage leak caused the cracks").
CAUSING_VERBS = frozenset({"caus", "led"})  # (stems: caused, causes, cause)


def cause_cues(lexicon: Lexicon, words: Sequence[str]) -> list[tuple[Cue, int, int]]:
    """The lexicon's cause cues in `words` (stemmed, as `Sentence.words`), less a "cause"
    that names a notice: "issued a show-cause notice to Evey Trans" tells no cause."""
    return [
        cue
        for cue in lexicon.find("cause", words)
        if not (cue[1] > 0 and words[cue[1] - 1] == "show")
    ]


def cause_comes_first(sentence: Sentence, start: int, end: int) -> bool:
    """Does the cause stand before the cause cue at words `start:end`? It does before
    "caused" and "led to" ("a sewage leak caused the cracks") and a Hindi or Marathi cue
    ("... के कारण", "...मुळे"); it follows "because", "due to" and a passive "caused by"
    ("the landslide was caused by quarrying")."""
    if is_devanagari(sentence.original[start]):
        return True
    passive = end < len(sentence.original) and fold(sentence.original[end]) == "by"
    return sentence.words[start] in CAUSING_VERBS and not passive


#: Values that exclude each other: a sentence about the claim giving another side of
#: the claim's ("bronze" for "silver", "correct" for "wrongly") says it otherwise. In
#: English; the glossary finds them in Hindi and Marathi (कांस्य, सही, चुकीचे).
CONTRASTS: tuple[tuple[tuple[str, ...], ...], ...] = (
    (("gold",), ("silver",), ("bronze",)),
    (
        ("wrong", "wrongly", "incorrect", "incorrectly", "unfair", "unfairly", "mistaken"),
        ("correct", "correctly", "justified", "fair", "proper", "rightly"),
    ),
    (("guilty", "convicted"), ("acquitted", "innocent")),
    (("legal", "lawful"), ("illegal", "unlawful")),
)


def _sides_taken(
    claim_marks: frozenset[str], glossary: Glossary | None
) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """(the claim's side, the other sides) of each contrast the claim takes one side of."""
    out = []
    for scale in CONTRASTS:
        sides = [marks_of_words(side, glossary) for side in scale]
        mine = [side for side in sides if side & claim_marks]
        if len(mine) == 1:
            others = frozenset().union(*(side for side in sides if side is not mine[0]))
            out.append((mine[0], others - mine[0]))
    return tuple(out)
