"""Stance: does a story's sentence corroborate, contradict or only discuss a claim, and why.

The decision reads cue words (`tracker.engine.lexicon`: `tracker/data/lexicon_*.yaml`,
extendable from the config), numbers, dates and attribution. Per sentence, the
first rule that fires wins (docs/verdicts.md says it at length):

1. A refuting cue near a claim word, not under negation ("did not deny",
   "नाकारले नाही" are not denials) -> contradicts.
2. A figure of the claim's kind outside tolerance, in a sentence naming the
   claim's entities -> contradicts.
3. A delay cue -> contradicts a claim whose deadline has passed; without a
   deadline -> discusses.
4. Attribution to the claim's own source, a hedge, a question -> discusses.
5. A negation of the claim's words in a headline or short story -> contradicts.
6. A figure within tolerance -> corroborates.
7. In a headline or short story: a claimed year, a confirming cue or a plain
   assertion -> corroborates.
8. Otherwise -> discusses.

A headline-only story (a title with no text: Emergent's stories, title-only feed
items) about an affirmative claim without a `quantity` hint is decided by the
stance model instead of rules 1, 4, 5 and 7: a small logistic model per stance
over readable cue features (`stance_cues`: a governing refuting cue, a debunk
word, a hedge, an attribution, a question, ...), trained by
`bench/train_engine.py` and shipped as `tracker/data/stance_model.json`. The
hard rules (`HARD_RULES`: figures, delays and deadlines, the claim's own source,
a claimed year, negative claims) still decide where they fire; the reasons name
the cues that decided.

The rules read the claim as `tracker.engine.proposition` profiles it (`profile_claim`:
its figure, unit, time, polarity, slots, source), compare figures through
`tracker.engine.figures` (rules 2 and 6), tell live denials from negated or
borrowed ones through `tracker.engine.denial` (rules 1 and 5) and tell which hedge and
report cues hedge (not a report someone owns, what a figure is measured against, the
month "May") through `tracker.engine.attribution` (rule 4). This module holds the
per-sentence rules (`judge`) and the stance models for headlines and articles.

Pure: no I/O besides reading the packaged lexicon and model files once.
"""

from __future__ import annotations

import calendar
import dataclasses
import functools
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol, TypeVar

from tracker.engine.agents import (
    GENERIC_AGENT_WORDS,
    is_done_act,
    short_names,
    sounds_like,
    story_agents,
)
from tracker.engine.attribution import hedges_at
from tracker.engine.dates import (
    TIME_WORDS,
    DateMention,
    TimeMention,
    find_dates,
    find_months,
    find_times,
    find_weekdays,
    past_weekdays,
)
from tracker.engine.denial import (
    AUXILIARIES,
    WITHOUT_REACH,
    denied_delays,
    describes,
    holds_denied,
    live_delays,
    live_negations,
    live_refutes,
    near_cue,
    scoping_negation,
    split_negated,
    withouts,
)
from tracker.engine.figures import (
    agreeing_figure,
    claims_a_year,
    compare_numbers,
    comparison,
    is_death_count,
    reference_point,
    scale_marks,
    states_figure,
    told_as_part_alone,
)
from tracker.engine.lexicon import Cue, Lexicon, load_lexicon
from tracker.engine.linear import load_models
from tracker.engine.numbers import NumberMention, find_numbers
from tracker.engine.proposition import (
    FUTURE_CLAIM_WORDS,
    GLUED_CAUSE_RE,
    NEGLECT_STEMS,
    POSSESSIVES,
    SLOT_RE,
    ClaimProfile,
    cause_comes_first,
    cause_cues,
    counts_a_thing,
    marks_of,
    marks_of_words,
    unit_currency,
)
from tracker.engine.sentence import (
    BUT_WORDS,
    COMMA_BREAKS,
    PIECE_BREAKS,
    Sentence,
    asks,
    asks_whether,
    is_month,
    stemmed,
    word_index,
    word_marks,
)
from tracker.engine.text import (
    all_stopwords,
    fold,
    guess_language,
    is_devanagari,
    stem,
    tokenize,
)
from tracker.types import Stance

__all__ = [
    "Judgement",
    "about_proposition",
    "headline_future",
    "judge",
    "tells_deadline_missed",
]

#: A sentence holding this share of what the claim says beyond its subject (its key
#: terms weighted by rarity in the stream) states the claim's proposition...
ASSERTION_COVERAGE = 0.5
#: ... or this share, for a plain claim (no `keywords` or `entities` hint) where
#: `_plain_in_fewer_words` allows: its terms are the analyst's own wording, every word of
#: it, and a story that states it in other words (or in Hindi or Marathi, through the
#: glossary alone) holds fewer of them (chosen leaving one tuning stream out:
#: docs/benchmarks.md, engine 3.12).
PLAIN_ASSERTION_COVERAGE = 0.35
#: ... as does one whose similarity to the claim is this many spreads above the
#: claim's usual similarity to stories of the stream (the semantic path).
ASSERTION_LEVEL = 2.5
#: ... as does one holding this share of it and reading this many spreads above the
#: claim's usual: part of its words and close in meaning together (engine 3.35: a
#: grid of 0.25-0.4 by 1.6-2.2 on the tuning streams was flat within 0.005; 0.3 by 2.0
#: made fewer unrelated pairs decisive than the lower levels: docs/benchmarks.md).
CLOSE_COVERAGE = 0.3
CLOSE_LEVEL = 2.0
#: A rival figure contradicts only in a sentence this much about the proposition.
ABOUT_COVERAGE = 0.2
ABOUT_LEVEL = 1.2
#: A refuting cue is about the claim when a claim word is this close (in words).
_GOVERN_WINDOW = 6
_HEADLINE_WINDOW = 8
#: Stories longer than this many sentences are articles: one sentence of the body
#: that merely asserts or confirms is context, not the article's stance.
LONG_STORY_SENTENCES = 5


# --- judgement -----------------------------------------------------------------


@dataclass(frozen=True)
class Judgement:
    """The stance of a story towards a claim, with the sentence and the reasons."""

    stance: Stance
    #: How sure the rule that fired is, in [0, 1].
    confidence: float
    evidence: str
    reasons: tuple[str, ...] = field(default_factory=tuple)
    #: The rule that decided (see `HARD_RULES`); "model" when the stance model did.
    rule: str = ""


def _describes_denied(ctx: _Context, sentence: Sentence) -> bool:
    """Does a negation describing a noun hold what a negative claim denies ("corroded
    cables that were not replaced" for "its cables were not replaced"), which the rest
    of the sentence does not say was done ("pays the workers who had not been paid")?
    Then the description says the claim; it is no assertion of what the claim denies."""
    denied = ctx.profile.denied
    return bool(denied) and any(
        describes(sentence.words, start)
        and sentence.holds(denied, end, end + WITHOUT_REACH)
        and not sentence.holds(denied, 0, start - 2)
        for _, start, end in ctx.lexicon.find("negation", sentence.words)
    )


def _claims_negations(
    profile: ClaimProfile, words: Sequence[str], lexicon: Lexicon
) -> list[tuple[Cue, int, int]]:
    """`live_negations`, less those of a stopping for a claim that something goes on:
    "the app did not stop selling tickets" says it still does."""
    found = live_negations(words, lexicon, delays=not profile.delayed)
    if profile.without:
        # Only a denial of what the claim says was missing agrees ("did not sack any
        # workers" denies the act itself: `_act_denied`).
        found = [cue for cue in found if _near_denied(profile, words, cue[1], cue[2])]
        found = sorted([*found, *withouts(words, profile.denied)], key=lambda cue: cue[1])
    if not profile.continued:
        return found
    stops = [(start, end) for _, start, end in lexicon.find("cease", words)]
    return [cue for cue in found if not any(near_cue(cue[1], s, e) for s, e in stops)]


def _near_denied(profile: ClaimProfile, words: Sequence[str], start: int, end: int) -> bool:
    """Is what a negative claim denies (`ClaimProfile.denied`) within WITHOUT_REACH
    words of the negation at `start:end`?"""
    return holds_denied(words[max(0, start - WITHOUT_REACH) : end + WITHOUT_REACH], profile.denied)


#: Refuting cues that are English verbs (stemmed as `Sentence` has them): their object
#: follows them.
_FORWARD_CUES = stemmed(
    "deny", "denies", "denied", "denying", "reject", "rejects", "rejected", "refute",
    "refutes", "refuted", "rebut", "rebuts", "dismiss", "dismisses", "dismissed",
    "debunk", "debunks", "debunked", "retract", "retracted", "rebuff", "rebuffs",
    "rebuffed", "disproved", "discredited",
)  # fmt: skip


def _governed(
    profile: ClaimProfile,
    sentence: Sentence,
    start: int,
    end: int,
    window: int,
    marks: frozenset[str] | None = None,
    forward: bool = False,
) -> str | None:
    """The claim word a cue is about: the nearest one within `window` words, as written
    (`forward`: after the cue only, as for an English denial verb).

    `marks`: the words that count (by default all the claim's key words; the matcher
    passes what the claim says beyond the stream's subject, so that "DeepSeek denies
    copying" is not about a claim on DeepSeek's chips). None when no such word is near
    the cue: the cue is about something else.
    """
    wanted = profile.key_words if marks is None else marks
    # An English denial verb governs its object, after it: "DeepSeek says R1 cost
    # $294,000, denies copying OpenAI" denies the copying, not R1's cost. (Hindi and
    # Marathi put the verb last: the object is before it.)
    forward = forward or sentence.words[start] in _FORWARD_CUES
    best: tuple[int, str] | None = None
    # A cue governs words of its own clause only ("आरोप फेटाळला; ... ११ तालुके यादीत नाहीत").
    low, high = sentence.clause_of(start)
    if forward:
        # "denies any blasting, says fractured rock gave way": the denial's object ends
        # where another statement begins.
        high = min((b for b in sentence.object_breaks if b > start), default=high)
    # "dismissed its rival's claim that JioCinema's viewership figures were inflated":
    # a denial of a claim, a charge or a report denies what its "that" clause says.
    told = _told_after(sentence, end) if forward else None
    for index, original in enumerate(sentence.original):
        distance = start - index if index < start else index - end + 1
        if told is not None and index > told:
            distance = min(distance, index - told)
        if distance > window or index in range(start, end) or (forward and index < start):
            continue
        if not low <= index < high:
            continue
        closer = best is None or distance < best[0]
        if closer and sentence.marks[index] & wanted:
            best = (distance, original)
    if best is None:
        return None
    return best[1] if marks is not None else profile.subject or best[1]


def _told_after(sentence: Sentence, end: int) -> int | None:
    """The "that" opening what a denied claim, charge or report says, a few words after
    an English denial verb ending at `end` ("rejected *the charge that*", "dismissed its
    rival's *claim that*"), or None."""
    for index in range(end, min(end + _TOLD_REACH, len(sentence.words) - 1)):
        word = sentence.original[index].casefold()
        if word in _TOLD_BREAKS or word.endswith("ing"):
            return None  # "rejected the offer amid reports that", "denied making the claim"
        if sentence.words[index] in _TOLD_NOUNS and sentence.words[index + 1] == "that":
            return index + 1
    return None


#: How far after a denial verb its noun of what was said may stand.
_TOLD_REACH = 7
#: Words after which the denial's object is over (its "that" is another clause's).
_TOLD_BREAKS = frozenset(
    {"amid", "after", "following", "despite", "over", "before", "and", "but", "while", "as",
     "citing", "since", "because"}
)  # fmt: skip
#: Nouns of what was said: a denial of one denies what its "that" clause says
#: (`_TOLD_NOUNS`), and one withheld withholds a denial of it (`_SAID_WORDS`).
_SAID_NOUNS = (
    "claim", "claims", "charge", "charges", "allegation", "allegations", "accusation",
    "accusations", "report", "reports", "suggestion", "suggestions", "rumour", "rumours",
    "rumor", "rumors", "contention", "assertion", "assertions", "speculation", "figure",
    "figures",
)  # fmt: skip
_TOLD_NOUNS = stemmed(*_SAID_NOUNS)


def _measures_the_claim(ctx: _Context, sentence: str, mention: NumberMention) -> bool:
    """Does the clause of a rival figure say what the claim measures, beyond the unit?

    "the space department gets ₹13,042 crore" is no cost of the mission, "5.9 crore
    viewers streamed the final" no count of spectators at the grounds: the figure's
    clause must hold one of the claim's distinctive words (`ctx.marks`) other than its
    unit ("record 1.25 crore spectators", "a 20% water cut"). Without marks, it does.
    """
    if ctx.marks is None:
        return True
    # Scale words ("crore", "billion", a hint's keywords often) measure nothing.
    wanted = (ctx.marks | ctx.profile.measure_marks) - ctx.profile.unit_keys - scale_marks()
    read = Sentence.read(sentence)
    first = word_index(sentence, mention.start)
    figure = range(first, first + len(tokenize(mention.text)))
    start, end = read.clause_of(first)
    # The figure's own words ("13,042 करोड़") are no sign of what it measures.
    return any(read.marks[i] & wanted for i in range(start, end) if i not in figure)


def _after_deadline(
    profile: ClaimProfile, published: datetime | None, now: datetime | None
) -> date | None:
    """The story's date when the claim has a deadline and the story is dated after it."""
    window = profile.window
    when = published or now
    if window is None or when is None or when.date() <= window.by:
        return None
    return when.date()


@dataclass(frozen=True)
class _Context:
    profile: ClaimProfile
    lexicon: Lexicon
    published: datetime | None
    now: datetime | None
    source_named: str | None
    #: The story's title, whose stance is the story's own.
    headline: str | None = None
    long_story: bool = False
    #: The story is its title alone: the stance model reads it (see `_model_applies`).
    headline_only: bool = False
    #: What a cue must govern to be about the claim: the marks of what the claim says
    #: beyond the stream's subject (None: all the claim's key words).
    marks: frozenset[str] | None = None
    #: The claim names something beyond the stream's subject (`Evidence.names_beyond_subject`).
    names_beyond: bool = True
    #: Every sentence of the story, beside the evidence sentences the rules judge.
    told: tuple[str, ...] = ()

    @property
    def wanted(self) -> frozenset[str]:
        """The words a sentence must hold to speak of the claim: `marks`, or all the
        claim's key words when there are none."""
        return self.profile.key_words if self.marks is None else self.marks

    @functools.cached_property
    def headline_speaker(self) -> str | None:
        """The claim's own source quoted as the headline's speaker (`_quoted_speaker`):
        read once per (story, claim)."""
        return None if self.headline is None else _quoted_speaker(self, self.headline)

    @functools.cached_property
    def debunking(self) -> bool:
        """The headline asks about something else and denies it (`_debunks_its_question`):
        read once per (story, claim)."""
        return self.headline is not None and _debunks_its_question(self, self.headline)


def _speaks_for_story(ctx: _Context, sentence: Sentence) -> bool:
    """A headline, or any sentence of a short story, carries the story's own stance."""
    return not ctx.long_story or sentence.text == ctx.headline


def _window(ctx: _Context, sentence: Sentence) -> int:
    """How near a cue must be to a claim word: a little further in a headline or short story."""
    return _HEADLINE_WINDOW if _speaks_for_story(ctx, sentence) else _GOVERN_WINDOW


def _claims_refutes(
    profile: ClaimProfile, sentence: Sentence, lexicon: Lexicon
) -> tuple[list[tuple[Cue, int, int]], list[tuple[int, int, int]]]:
    """`live_refutes` of the sentence, less the cues that cannot refute this claim: for a
    claim saying something went wrong, a cue that is a `fault` word too ("wrong
    signalling", "गलत सिग्नल") says the claimed fault. Every reader of refutations
    (sentences, question headlines and their answers, the stance model) goes by it."""
    live, negated = live_refutes(sentence, lexicon)
    opposite: list[tuple[Cue, int, int]] = []
    if profile.continued:
        # "Paytm app stops selling tickets" against "users can still book tickets on
        # it", a stopping of what the claim says goes on; "did not stop" is no
        # refutation. (A known misfire: "search for the climbers halted" against
        # "climbers still missing".)
        opposite = [
            c
            for c in lexicon.find("cease", sentence.words)
            if _governed(profile, sentence, c[1], c[2], _HEADLINE_WINDOW, profile.continued)
            is not None
        ]
    elif profile.ceases and not lexicon.find("cease", sentence.words):
        # The mirror: "प्लॅटफॉर्म तिकीट विक्री सुरूच" (ticket sales go on), "continues to
        # sell" against "the railways stopped selling platform tickets". (Not "still":
        # "still shut", "अजूनही बंद" say the stop goes on; nor in a sentence telling a
        # stop too, "stops selling them at CSMT, continues at Dadar".)
        opposite = [
            c
            for c in lexicon.find("continue", sentence.words)
            if c[0].text not in _STILL_CUES
            and _governed(profile, sentence, c[1], c[2], _HEADLINE_WINDOW) is not None
        ]
    if opposite:
        more_live, more_negated = split_negated(opposite, lexicon.find("negation", sentence.words))
        live, negated = [*live, *more_live], [*negated, *more_negated]
    if not profile.faulting:
        return live, negated
    faults = [(start, end) for _, start, end in lexicon.find("fault", sentence.words)]
    return [c for c in live if not any(s < c[2] and c[1] < e for s, e in faults)], negated


#: `continue` cues that say only that a state goes on, whatever state it is (after a
#: deadline `_STILL_RE` reads them, with the state they are of).
_STILL_CUES = frozenset({"still", "अब भी", "अभी भी", "अजूनही", "अद्यापही", "कायम"})


def _target(
    ctx: _Context, sentence: Sentence, cue: Cue, start: int, end: int, window: int
) -> str | None:
    """The word of the claim a refuting cue governs (`_governed`); a sign looked for and
    not found governs its object only (`_sign_target`)."""
    if cue.text in _SIGN_CUES:
        return _sign_target(ctx, sentence, start, end)
    governed = _governed(ctx.profile, sentence, start, end, window, ctx.marks)
    return governed or _named_claim(ctx, sentence, start)


#: Words before a claim noun pointing back to what was said ("हा दावा", "यह दावा") or
#: saying whose it is, written apart ("रविंद्रन यांचा दावा", "कंपनी का दावा").
_POINTED = frozenset(
    {"हा", "ही", "हे", "यह", "ये", "इस", "वह", "यांचा", "यांची", "यांचे", "यांच्या", "का",
     "की", "के"}
)  # fmt: skip


#: Participles of saying: the piece they stand in tells what its speaker says, so a claim
#: it rejects is another's ("असे सांगत", "यह दोहराते हुए").
_SAYING = frozenset({"सांगत", "म्हणत", "सांगून", "म्हणून", "दोहराते", "कहते", "बताते"})
#: Marathi "that it was ...", glued: a claim's content named before the noun.
_THAT_IT_WAS = ("ल्याचा", "ल्याची", "ल्याचे", "ल्याच्या")


def _named_claim(ctx: _Context, sentence: Sentence, start: int) -> str | None:
    """A claim noun in the refuting cue's piece that stands for what a piece before it
    says, when that piece holds the claim's words: "तेजसचे सांगाडे तयार असून केवळ
    इंजिनांमुळे ते अडकले आहेत, हा एचएएलचा दावा हवाई दलाने फेटाळला" (the claim, rejected;
    not "उपासमारीचा दावा फेटाळला", a claim of starvation). The noun, or None."""
    low, high = sentence.piece_of(start, COMMA_BREAKS)
    if low == 0 or not sentence.holds(ctx.wanted, 0, low):
        return None
    said = [fold(w) for w in sentence.original[low:high]]
    if _SAYING.intersection(said):
        return None  # "X, असे सांगत पक्षाने प्रशासनाचा दावा फेटाळला": X is the speaker's own
    for i in range(low, high):
        if sentence.words[i] not in _CLAIM_NOUNS:
            continue
        before, after = said[max(0, i - low - 3) : i - low], said[i - low + 1 :]
        # Pointed back to ("हा दावा") or said whose ("रविंद्रन यांचा दावा"); not a claim
        # of something named before it ("उपासमारीचा दावा": of starvation, "उजळल्याचा
        # ... दावा") or after it ("का यह दावा गलत निकला कि हर वार्ड रोशन है").
        if (
            _POINTED.intersection(before)
            and not any(w.endswith(_THAT_IT_WAS) for w in before)
            and "कि" not in after
        ):
            return sentence.original[i]
    return None


#: A sign looked for and not found ("little sign of hoarding", "जमाखोरी के संकेत नहीं").
_SIGN_CUES = frozenset(
    {"no sign of", "no signs of", "little sign of", "little evidence", "no indication of",
     "संकेत नहीं", "कोई संकेत नहीं", "संकेत नाही", "संकेत नाहीत"}
)  # fmt: skip
#: Where the object of an English sign cue ends ("no sign of forced entry at the flat").
_OBJECT_ENDS = frozenset(
    {"at", "in", "on", "under", "as", "for", "from", "after", "with", "while", "despite",
     "but", "since", "near", "amid", "so", "and"}
)  # fmt: skip
#: A sign of a change not found says what goes on goes on ("no sign of easing",
#: "थमने के संकेत नहीं", "तोडगा निघण्याचे संकेत नाहीत"): stems of such changes.
_CHANGES = (
    "eas", "slow", "let", "stop", "abat", "reced", "end", "relent", "cool", "halt",
    "subsid", "improv", "recover", "settl", "thaw",
    "थम", "रुक", "घट", "कम", "सुधार", "सुलझ", "थांब", "ओसर", "मंदाव", "तोडगा", "निघ",
)  # fmt: skip
#: "Not just signs" ("सिर्फ संकेत नहीं, पुख्ता सबूत"): more than a sign was found.
_MORE_THAN = frozenset({"just", "only", "mere", "सिर्फ", "केवल", "महज", "फक्त", "केवळ", "नुसते"})
_ANY = frozenset({"कोई", "कोणतेही", "कोणताही", "कोणतीही", "कसलेही", "any"})
_GENITIVES = frozenset({"के", "का", "की", "चे", "ची", "चा", "च्या"})


def _sign_target(ctx: _Context, sentence: Sentence, start: int, end: int) -> str | None:
    """The claim's word that a sign cue's object holds: in English the words after it
    ("no sign of hoarding"), up to a preposition or its clause's end, at most four; in
    Hindi and Marathi the one or two words before its genitive ("जमाखोरी के संकेत नहीं").
    None for a change not seen ("shows no sign of easing": what goes on goes on), for
    "not just signs" and for an object that holds none of the claim's words ("no sign of
    foul play" for a claim of suicide)."""
    original = sentence.original
    if is_devanagari(original[start]):
        at = start - 1
        while at >= 0 and fold(original[at]) in _ANY:
            at -= 1
        if at >= 0 and fold(original[at]) in _MORE_THAN:
            return None
        while at >= 0 and fold(original[at]) in _GENITIVES:
            at -= 1
        slot = range(max(0, at - 1), at + 1)
    else:
        if start and fold(original[start - 1]) in _MORE_THAN:
            return None
        at = end
        while at < len(original) and fold(original[at]) in ("the", "a", "an", "any"):
            at += 1
        stop = at
        close = min(sentence.clause_of(start)[1], at + 4)
        while stop < close and fold(original[stop]) not in _OBJECT_ENDS:
            stop += 1
        slot = range(at, stop)
    if any(fold(original[i]).startswith(_CHANGES) for i in slot if i >= 0):
        return None
    held = [original[i] for i in slot if i >= 0 and sentence.marks[i] & ctx.wanted]
    return held[0] if held else None


def _refuted(ctx: _Context, sentence: Sentence) -> Judgement | None:
    live, negated = _claims_refutes(ctx.profile, sentence, ctx.lexicon)
    notes = tuple(
        f'refuting cue "{sentence.said(start, end)}" is negated by '
        f'"{sentence.original[negator]}": not a denial'
        for start, end, negator in negated
    )
    if live and not ctx.profile.delayed:
        # "DeepSeek denies R2 delay": the denial is of the delay, which does not refute
        # a claim that the event comes on time (for a claim of a delay it does, below).
        denied = denied_delays(sentence.words, ctx.lexicon, live)
        if denied:
            spans = {(start, end) for start, end, _, _ in denied}
            live = [cue for cue in live if (cue[1], cue[2]) not in spans]
            notes = (
                *notes,
                *(
                    f'refuting cue "{sentence.said(start, end)}" denies the delay '
                    f'"{sentence.said(d_start, d_end)}", not the claim'
                    for start, end, d_start, d_end in denied
                ),
            )
            if not live:
                return Judgement(Stance.DISCUSSES, 0.5, sentence.text, notes, "denied_delay")
    if not live:
        return Judgement(Stance.DISCUSSES, 0.0, sentence.text, notes) if notes else None
    window = _window(ctx, sentence)
    governed = [(s, e, _target(ctx, sentence, cue, s, e, window)) for cue, s, e in live]
    targeted = [(s, e, target) for s, e, target in governed if target is not None]
    others = [
        (s, e)
        for s, e, _ in targeted
        if _denies_other_thing(ctx, sentence, s, e) and not _claims_refusal(ctx, sentence, s, e)
    ]
    if others:
        # "UPPCB denied that it had withheld water-quality data": one word of the claim
        # ("water") in a denial of something else.
        targeted = [t for t in targeted if (t[0], t[1]) not in others]
        notes = (
            *notes,
            *(
                f'refuting cue "{sentence.said(start, end)}" denies something else'
                for start, end in others
            ),
        )
    # A cue aimed at another figure: one that governs the claim's words, or one whose
    # clause calls that figure a figure ("4,100 करोड़ रुपये के आंकड़े को भ्रामक बताया").
    aimed = [(s, e) for s, e, _ in targeted] + [
        (s, e) for s, e, target in governed if target is None and _calls_it_a_figure(sentence, s)
    ]
    rivals = [(s, e) for s, e in aimed if _aims_at_rival_figure(ctx.profile, sentence, s)]
    if rivals:
        # "PIB calls the ₹4,100-crore figure misleading; the ₹2,700-crore Bharat
        # Mandapam ...": a figure other than the claim's is what is denied.
        targeted = [t for t in targeted if (t[0], t[1]) not in rivals]
        notes = (
            *notes,
            *(
                f'refuting cue "{sentence.said(start, end)}" is aimed at another figure'
                for start, end in rivals
            ),
        )
    if not targeted:
        return Judgement(Stance.DISCUSSES, 0.0, sentence.text, notes) if notes else None
    start, end, target = targeted[0]
    reasons = [*notes, f'refuting cue "{sentence.said(start, end)}" governs "{target}"']
    if ctx.profile.negated and _cue_in_clause(ctx.lexicon, sentence, start, ("charge",)):
        # "NHIDCL rejects escape-tunnel charge" for "the escape tunnel was never built":
        # the charge denied is the claim, negative as it is.
        reasons.append("the charge denied is the claim's")
    elif ctx.profile.without and not word_marks(fold(target)) & (
        ctx.profile.denied | ctx.profile.act_marks
    ):
        # A claim of an act done "without" something is refuted by denying the act or
        # what it says was missing ("denies handing the contract without tenders"), not
        # by a denial near one of its names ("denies forced evictions in Palghar").
        reasons.append("it denies neither the act nor what the claim says was missing")
        return Judgement(Stance.DISCUSSES, 0.0, sentence.text, tuple(reasons))
    elif (
        ctx.profile.negated
        and not ctx.profile.without
        and not _refutes_what_claim_grants(ctx, target)
        and stem(fold(target)) not in _CLAIM_NOUNS  # the claim named is refuted
    ):
        reasons.append("the claim is itself a denial, so refuting language agrees with it")
        return Judgement(Stance.CORROBORATES, 0.7, sentence.text, tuple(reasons), "negative_claim")
    return Judgement(Stance.CONTRADICTS, 0.8, sentence.text, tuple(reasons), "refute")


def _claims_refusal(ctx: _Context, sentence: Sentence, start: int, end: int) -> bool:
    """Is the refuting verb at `start:end` the claim's own refusal of a plea ("dismisses
    Vodafone Idea, Airtel pleas for AGR waiver" of a claim that the court dismissed the
    plea): the claim's refuting verb, with the claim's own noun of what was refused (a
    plea, not "petitions of liquor traders" for a bail plea; `_REFUSED`) in its object?
    Then it is the claim's act, whatever else its object names."""
    read = Sentence.read(ctx.profile.claim.text)
    verbs = {read.words[s] for _, s, _ in live_refutes(read, ctx.lexicon)[0]}
    if sentence.words[start] not in verbs:
        return False
    # (Stemmed, as `Sentence.words` are: "pleas" is "plea".)
    refused = _REFUSED_STEMS.intersection(read.words)
    reach = min(len(sentence.words), end + _OBJECT_REACH)
    return any(sentence.words[i] in refused for i in range(end, reach))


#: Content words of its own an English denial's object must have, beside a single word
#: of the claim, to be a denial of something else (`_denies_other_thing`): with three,
#: "rebuffs rumors that he died of a drug overdose" denied something else.
_OTHER_THING_WORDS = 4
#: How far an English denial's object reaches.
_OBJECT_REACH = 12


def _denies_other_thing(ctx: _Context, sentence: Sentence, start: int, end: int) -> bool:
    """Does the English denial verb at `start:end` deny something else, its object holding
    one word of what the claim says among several of its own ("denied that it had
    withheld water-quality data from the tribunal", for a claim about the water)?"""
    if sentence.words[start] not in _FORWARD_CUES:
        return False
    high = sentence.clause_of(start)[1]
    breaks = (b for b in sentence.object_breaks if b > start)
    high = min(min(breaks, default=high), end + _OBJECT_REACH)
    if any(end <= s < high for _, s, _ in ctx.lexicon.find("charge", sentence.words)):
        return False  # "rejected the archdiocese's charge that ...": the charge is the claim
    # Words telling a claim are none of the object's own: "denied social media reports
    # claiming he had resigned" denies the resignation.
    telling = {
        i
        for category in ("report", "hedge", "attribution", "plan")
        for _, s, e in ctx.lexicon.find(category, sentence.words)
        for i in range(s, e)
    }
    stop = all_stopwords()
    claims, own = set(), 0
    for index in range(end, high):
        word = sentence.words[index]
        if word in stop or word.isdigit() or len(word) < 3:
            continue
        if index in telling or word in _TELLING_WORDS:
            continue
        found = sentence.marks[index] & ctx.wanted
        if found:
            claims.add(min(found))
        else:
            own += 1
    return len(claims) == 1 and own >= _OTHER_THING_WORDS


#: Things that tell a claim (`_denies_other_thing` counts them as none of a denial's
#: own words: "rejected social media posts blaming blasting").
_TELLING_WORDS = stemmed(
    "video", "videos", "post", "posts", "message", "messages", "rumour", "rumours",
    "rumor", "rumors", "news", "claim", "claims", "claiming", "story", "stories",
    "plea", "pleas", "petition", "petitions", "complaint", "complaints",
)  # fmt: skip


def _refutes_what_claim_grants(ctx: _Context, target: str) -> bool:
    """Is a refuting cue's word one the negative claim grants (`ClaimProfile.granted`),
    not one it denies? "No evidence of a paper leak" for "the leak was systemic, not
    confined to Hazaribagh": the claim grants the leak, so denying it refutes the claim."""
    marks = word_marks(fold(target))
    return bool(marks & ctx.profile.granted) and not marks & ctx.profile.denied


def _cue_in_clause(
    lexicon: Lexicon, sentence: Sentence, index: int, categories: Sequence[str]
) -> bool:
    """Does the clause of word `index` hold a cue of one of `categories`?"""
    return _cue_in_span(lexicon, sentence, sentence.clause_of(index), categories)


def _cue_in_span(
    lexicon: Lexicon, sentence: Sentence, span: tuple[int, int], categories: Sequence[str]
) -> bool:
    """Does the word span `span` (start, end) hold a cue of one of `categories`?"""
    start, end = span
    return any(
        start <= cue_start < end
        for category in categories
        for _, cue_start, _ in lexicon.find(category, sentence.words)
    )


def _calls_it_a_figure(sentence: Sentence, index: int) -> bool:
    """Does the clause of word `index` call a number a figure ("the ₹4,100-crore
    figure", "4,100 करोड़ के आंकड़े", "४,१०० कोटींचा आकडा")?"""
    start, end = sentence.clause_of(index)
    return any(sentence.words[i] in _FIGURE_NOUNS for i in range(start, end))


#: Nouns that call a number a figure, stemmed as `Sentence.words` are.
_FIGURE_NOUNS = stemmed(
    "figure", "figures", "number", "numbers", "आंकड़ा", "आंकड़े", "आंकड़ों", "आकडा", "आकडे",
    "आकड्या",
)  # fmt: skip


def _aims_at_rival_figure(profile: ClaimProfile, sentence: Sentence, index: int) -> bool:
    """Does the clause of the cue at word `index` give, first, a figure other than the
    claim's (the denial is of that figure, not of the claim)?"""
    if profile.quantity is None:
        return False
    found = comparison(profile, sentence.clause_text(index))
    return found is not None and found[0] is Stance.CONTRADICTS


#: Words naming a stage of a project, and the words telling which one.
_PHASE_WORDS = frozenset({"phase", "phases", "stage", "stages", "stretch", "leg", "चरण", "फेज",
                          "टप्पा", "टप्प्यात", "टप्प्याचा", "टप्प्याचे", "टप्प्यातील"})  # fmt: skip
#: (9: the last stage, "the final stretch"; 0: some other stage.)
_PHASE_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "final": 9, "last": 9, "next": 0,
    "later": 0, "remaining": 0,
    "पहला": 1, "पहले": 1, "पहिला": 1, "पहिल्या": 1, "दूसरा": 2, "दूसरे": 2, "दुसरा": 2,
    "दुसऱ्या": 2, "तीसरा": 3, "तीसरे": 3, "तिसरा": 3, "तिसऱ्या": 3,
}  # fmt: skip


@functools.lru_cache(maxsize=1 << 14)
def _phases(text: str) -> frozenset[int]:
    """The stages a text names by an ordinal before a stage word ("the first phase": 1;
    "its next phases": 0, some other stage)."""
    words = [fold(w) for w in tokenize(text)]
    return frozenset(
        _PHASE_ORDINALS[before]
        for before, word in itertools.pairwise(words)
        if word in _PHASE_WORDS and before in _PHASE_ORDINALS
    )


def _other_phase(claim: str, sentence: Sentence) -> bool:
    """Does the sentence name only other stages than the one the claim's figure is of?"""
    claimed = _phases(claim)
    if len(claimed) != 1:
        return False
    named = _phases(sentence.text)
    return bool(named) and not named & claimed


#: Delay cues that say the event itself came late (not that something was put off).
_LATENESS_RE = re.compile(
    r"late|deadline|उशी|उशि|देर|विलंब|मुदत|समयसीमा|समय सीमा|डेडलाइन|मियाद", re.IGNORECASE
)


def _delayed(
    ctx: _Context, sentence: Sentence, coverage: float, level: float | None
) -> Judgement | None:
    """Rule 3 (`_delay_cue`); a delay that decides nothing yields to a denial beside it
    ("CM Patel, not Shah, toured Kutch; Shah's visit put off")."""
    found = _delay_cue(ctx, sentence, coverage, level)
    if found is not None and not found.stance.decisive:
        return _negated(ctx, sentence, coverage, level) or found
    return found


def _delay_cue(
    ctx: _Context, sentence: Sentence, coverage: float, level: float | None
) -> Judgement | None:
    """Rule 3: a delay cue governing the proposition ("has yet to release R2"), or any
    live delay in a sentence that states it (`_asserts`: the sentence says what the
    claim says, and that it has not happened yet; a delay that governs none of the
    claim's own words, as a paraphrase's, is still its delay)."""
    if ctx.profile.delayed:
        return None
    delays = live_delays(sentence, ctx.lexicon)
    if ctx.profile.causal:
        # The effect a cause claim explains is no delay of it: "mass cancellations were
        # caused by the new rules" and "नियमों के कारण उड़ानें रद्द हुईं".
        delays = [c for c in delays if not sentence.marks[c[1]] & ctx.profile.key_words]
    if not delays:
        return None
    # A delay in another clause is of something else ("...; cricket match cancelled"),
    # unless it says the event came late (below).
    every_delay, delays = delays, [c for c in delays if _in_claims_clause(ctx, sentence, c[1])]
    near = _window(ctx, sentence)
    governed = [
        (s, e) for _, s, e in delays if _governed(ctx.profile, sentence, s, e, near, ctx.marks)
    ]
    window = ctx.profile.window
    late = _after_deadline(ctx.profile, ctx.published, ctx.now)
    headline = ctx.headline is not None and sentence.text == ctx.headline
    # A delay of the claim's own words, said outright: no question, no denial not made.
    own_delay = bool(governed) and "?" not in sentence.text
    if not governed and _asserts(ctx, sentence, coverage, level):
        governed = [(s, e) for _, s, e in delays]
    if not governed and late is not None and headline and about_proposition(coverage, level):
        # After the deadline, a headline about the claim's proposition that says it
        # came late ("Monsoon reaches Kerala; a week late") says it missed it; not one
        # that says something else was put off ("...; match cancelled").
        governed = [(s, e) for cue, s, e in every_delay if _LATENESS_RE.search(cue.text)]
    if not governed:
        return None
    start, end = governed[0]
    cancelled = any(
        c_start == start for _, c_start, _ in ctx.lexicon.find("cancel", sentence.words)
    )
    # (Not for a claim of a figure: "the FPO was to raise ₹20,000 crore" keeps its size
    # when the FPO is called off.)
    done_act = ctx.profile.factual and not ctx.profile.causal and ctx.profile.quantity is None
    # (Asked, it is no news: "क्या रद्द होगी नीट-यूजी? ...", will it be cancelled?)
    asked = sentence.asked_at(start)
    # What is called off is in the cue's own comma-parted piece: "Board cancels teen's
    # bail, sends him to the observation home" cancels the bail, not the claim's order.
    # (A cue naming the pledge, "drops pledge to educate orphans", is of a promise claim.)
    own_piece = (ctx.profile.promised and end - start > 1) or _piece_holds(
        sentence, start, ctx.wanted, after=_active_verb(sentence, start)
    )
    if (
        cancelled
        and (ctx.profile.promised or done_act)
        and late is None
        and not asked
        and own_piece
    ):
        # A promise or plan called off will not come at all ("Adani Group drops pledge
        # to educate Balasore orphans"), nor has a done act the claim tells of when it
        # was called off ("Shah's Kutch tour cancelled"): unlike a delay, that refutes it.
        what = "promised event" if ctx.profile.promised else "event"
        why = f'"{sentence.said(start, end)}": the {what} is called off'
        return Judgement(Stance.CONTRADICTS, 0.65, sentence.text, (why,), "delay")
    if (
        window is None
        and ctx.profile.negated
        and not cancelled
        and own_delay
        and not _claims_refutes(ctx.profile, sentence, ctx.lexicon)[1]
        # ("the car, reportedly yet to be registered": told as hearsay)
        and not _hedge_cues(ctx, sentence)
    ):
        # "₹38 crore ... had not yet been disbursed" for "has not paid the compensation":
        # the delay says what the negative claim says.
        why = (
            f'delay cue "{sentence.said(start, end)}" agrees with a claim that it has not happened'
        )
        return Judgement(Stance.CORROBORATES, 0.6, sentence.text, (why,), "delay")
    if window is None:
        # Without a deadline a delay does not refute: the event may still come.
        why = f'delay cue "{sentence.said(start, end)}", but the claim names no deadline'
        return Judgement(Stance.DISCUSSES, 0.55, sentence.text, (why,), "delay")
    if late is not None:
        why = (
            f"story of {late.isoformat()}, after the claimed deadline {window.by.isoformat()},"
            f' says "{sentence.said(start, end)}"'
        )
    else:
        past = _past_deadline(ctx, sentence)
        if past is not None:
            # Put off to a time after the deadline ("pushed to December").
            why = f'"{sentence.said(start, end)}" {past}'
            return Judgement(Stance.CONTRADICTS, 0.7, sentence.text, (why,), "delay")
        # A delay reported before the deadline does not decide it yet, nor is the
        # event it puts off asserted ("SEBI seeks an extension to complete its probe").
        why = f'delay cue "{sentence.said(start, end)}" before the deadline {window.by.isoformat()}'
        return Judgement(Stance.DISCUSSES, 0.5, sentence.text, (why,), "delay")
    return Judgement(Stance.CONTRADICTS, 0.7, sentence.text, (why,), "delay")


def _repeated(ctx: _Context, sentence: Sentence) -> Judgement | None:
    attributions = ctx.lexicon.find("attribution", sentence.words)
    independent = _other_sources(ctx, sentence)
    if ctx.source_named and not independent:
        if attributions:
            _, start, end = attributions[0]
            cue: str | None = sentence.said(start, end)
        else:
            cue = _speaker_quoted(ctx, sentence)
        if cue is not None:
            why = (
                f'repeats the claim from its own source "{ctx.source_named}"'
                f' ("{cue}"): not independent'
            )
            return Judgement(Stance.DISCUSSES, 0.7, sentence.text, (why,), "own_source")
    # A hedge in another clause hedges something else ("ICU report false, but out with
    # dengue": the report is denied, the dengue is told).
    hedges = _claims_hedges(ctx, sentence)
    headline = ctx.headline is not None and sentence.text == ctx.headline
    if (not headline and asks(sentence.text)) or (
        headline and _asks_about_claim(ctx, sentence.text)
    ):
        why = "asks a question: reports the claim without asserting it"
        return Judgement(Stance.DISCUSSES, 0.6, sentence.text, (why,), "question")
    # A claim about a statement ("the priest says ...") is asserted by a headline
    # reporting that statement; deep in an article a hedge is still a hedge, and so is
    # hearsay of the statement itself anywhere ("has reportedly written to the UPSC",
    # "बताया जा रहा है कि").
    if hedges and not (
        ctx.profile.reported
        and _speaks_for_story(ctx, sentence)
        and not any(_hearsay(sentence, start, end) for _, start, end in hedges)
    ):
        _, start, end = min(hedges, key=lambda h: h[1])
        why = f'hedging cue "{sentence.said(start, end)}": reports the claim without asserting it'
        return Judgement(Stance.DISCUSSES, 0.6, sentence.text, (why,), "hedge")
    alleged = _alleged(ctx, sentence)
    if alleged is not None:
        why = f'allegation "{alleged}" repeated without an independent source: not asserted'
        return Judgement(Stance.DISCUSSES, 0.6, sentence.text, (why,), "hedge")
    planned = _planned(ctx, sentence)
    if planned is not None:
        why = f'"{planned}" tells of a plan or a forecast: not the done fact the claim states'
        return Judgement(Stance.DISCUSSES, 0.6, sentence.text, (why,), "hedge")
    return None


#: Stems of the words that allege: "alleged", "claims", "allegations", "accusation",
#: "accuses", "आरोप" (not "charges", which are also fees, court charges and "took
#: charge", but "charged that", "his charge that").
_ALLEGING = frozenset({"alleg", "allegation", "claim", "accusation", "accus", "आरोप"})


def _accuses(ctx: _Context, sentence: Sentence, start: int, end: int, before: str) -> bool:
    """Is an English "accuses" or "charge that" at words `start`-`end` someone's accusation
    of the claim? "X accused Y of ..." and "his charge that ..." are; "two key accused",
    "Co-accused X", "arrested ..., accused of ..." and "raised the charges that customers
    pay" are not (who is accused, or fees; a charge after a possessive, "the opposition's
    charge that", or a past verb, "villagers charged that", is one); nor is one beside the
    claim's act told outside it ("SEBI fined Sahara, accusing it of insider trading" for a
    claim that SEBI fined it: the fine is told, the accusation is its reason)."""
    piece_start, piece_end = sentence.piece_of(start, COMMA_BREAKS)
    if fold(sentence.original[start]).startswith("accus"):
        following = [fold(w) for w in sentence.original[end:piece_end]]
        if "of" not in following and "that" not in following:
            return False  # ("two key accused", "Accused Akshay Shinde was remanded")
        if start == piece_start and piece_start > 0:
            return False  # (", accused of money laundering, was arrested")
    elif not (
        before in POSSESSIVES
        or before == "s"  # ("opposition's" is read as "opposition", "s")
        or is_done_act(sentence.original[start])
    ):
        return False  # ("on charges that", "withdrawal charges that"), not "his charge that"
    acts = ctx.profile.act_marks
    outside = [i for i in range(len(sentence.original)) if not start <= i < piece_end]
    return not (acts and any(sentence.marks[i] & acts for i in outside))


def _hearsay(sentence: Sentence, start: int, end: int) -> bool:
    """Is the hedge at words `start`-`end` hearsay of what the sentence tells (`_HEARSAY`,
    as written: the cue "reportedly" also finds "report")? Not of something else in a
    relative clause or an aside ("Musk, who reportedly met Modi, tweeted that ..."), and
    "said to" only before "be" or "have" ("said to have signed", not "said to reporters")."""
    said = fold(" ".join(sentence.original[start:end]))
    if said not in _HEARSAY:
        return False
    if said == "said to" and (
        end >= len(sentence.original) or fold(sentence.original[end]) not in ("be", "have")
    ):
        return False
    if any(fold(w) in _RELATIVES for w in sentence.original[max(0, start - 2) : start]):
        return False
    # (A piece set off by commas on both sides is an aside: "Pawar, reportedly unhappy
    # with the talks, said ...".)
    low, high = sentence.piece_of(start, COMMA_BREAKS)
    return not (low > 0 and high < len(sentence.original))


#: Words opening a relative clause, whose hearsay is of its own content.
_RELATIVES = frozenset({"who", "which", "whose", "जो", "जिसे", "जिन्हें", "जिसके", "ज्यांनी"})
#: Hearsay of a statement itself: it hedges even a claim that is about a statement (not
#: "rumours", which may be denied).
_HEARSAY = frozenset(
    {"reportedly", "allegedly", "purportedly", "said to", "कथित तौर", "बताया जा रहा",
     "बताया जाता", "कहा जा रहा", "कहा जाता", "सांगितले जाते", "असल्याचे समजते", "कथितपणे",
     "कथितरित्या", "कथितरीत्या"}
)  # fmt: skip
#: Words before an English allegation that make it a reason, a label or a measure, not
#: the story's source: "arrested over allegations of ...", "amid allegations", "the
#: alleged scam", "smaller than claimed".
_NOT_ALLEGING_BEFORE = frozenset(
    {"over", "on", "amid", "following", "after", "despite", "against", "of", "for", "in",
     "the", "a", "an", "its", "his", "her", "their", "to", "with", "than"}
)  # fmt: skip


def _alleged(ctx: _Context, sentence: Sentence) -> str | None:
    """An allegation of the claim's proposition ("the opposition alleged that ...",
    "राहुल गांधी का आरोप: ...", "..., असा विरोधकांचा आरोप") with no independent source in
    the sentence and no denial (which the refuting rules read): its words, or None.

    Whoever alleges it, an allegation repeated is no assertion; a claim that is itself
    about a statement ("the priest says ...", `ClaimProfile.about_statement`) is
    asserted by reporting it, and the claim's own label ("the alleged bomber") is no
    allegation of it. Not an allegation: "arrested over allegations of ...", "the
    alleged scam", "आरोपी" (the accused), "आरोप पत्र" (a charge sheet, an official's)."""
    if ctx.profile.about_statement:
        return None
    cues = [
        c
        for category in ("charge", "attribution")
        for c in ctx.lexicon.find(category, sentence.words)
        if c[0].words[0] in _ALLEGING or c[0].words[-1:] == ("that",)
    ]
    if not cues or live_refutes(sentence, ctx.lexicon)[0]:
        return None  # (a denial, "Vaishnaw rejects Congress's 70% allegation", speaks)
    # A body the claim itself names ("its dredging unit" as "ड्रेजिंग विभाग", the
    # cooperative as "तुळजा सहकारी संस्था": the word before the cue) is no independent source.
    if any(
        not sentence.holds(ctx.profile.key_words, max(0, c[1] - 1), c[2])
        for c in _other_sources(ctx, sentence)
    ):
        return None
    negations = ctx.lexicon.find("negation", sentence.words)
    for _, start, end in sorted(cues, key=lambda cue: cue[1]):
        word, after = sentence.original[start], sentence.original[start + 1 : start + 2]
        if word.startswith(("आरोपी", "आरोपि", "आरोपपत्र")) or after == ("पत्र",):
            continue
        roots = ctx.profile.alleging_roots
        if roots and (
            fold(word).startswith(roots)
            or ("alleg" in roots and is_devanagari(word) and _labels_someone(sentence, end))
        ):
            continue  # (the claim's own label: "the alleged bomber", "accused of running")
        if not is_devanagari(word):
            before = fold(sentence.original[start - 1]) if start else ""
            if before in _NOT_ALLEGING_BEFORE and sentence.words[end - 1] != "that":
                continue  # (not "his charge that ...", which is one)
            if (
                fold(word).startswith("accus") or sentence.words[end - 1] == "that"
            ) and not _accuses(ctx, sentence, start, end, before):
                continue
            # In English the allegation's own piece says what is alleged.
            if not sentence.holds(ctx.wanted, *sentence.piece_of(start)):
                continue
        if _in_claims_clause(ctx, sentence, start) and not scoping_negation(negations, start, end):
            return sentence.said(start, end)
    return None


def _labels_someone(sentence: Sentence, end: int) -> bool:
    """Is a Hindi or Marathi allegation ending at word `end` a label of whom the sentence
    tells, in a relative clause: "सूत्रधार असल्याचा आरोप असलेल्या दीपक मोरेला अटक" (More,
    who is alleged to be the mastermind, arrested), "जिन पर धमकी देने का आरोप है",
    "ज्याच्यावर फसवणुकीचा आरोप आहे"? Not the relative who alleges ("जिन यात्रियों ने आरोप
    लगाया")."""
    if end < len(sentence.original) and sentence.original[end].startswith(_LABEL_PARTICIPLES):
        return True
    start, _ = sentence.piece_of(end - 1, COMMA_BREAKS)
    piece = sentence.original[start:end]
    return any(
        word in _LABEL_RELATIVES
        or word.startswith(_MARATHI_LABEL_RELATIVES)
        or (word in ("जिन", "जिस") and piece[i + 1 : i + 2] == ("पर",))
        for i, word in enumerate(piece)
    )


#: Marathi participles making an allegation a label: "आरोप असलेल्या", "आरोप असणारा",
#: "आरोप असणाऱ्या" (written with "ऱ" too).
_LABEL_PARTICIPLES = ("असलेल", "असणार", "असणाऱ")
#: Hindi relatives on whom an allegation lies: "जिनपर", "जिसपर" (and "जिन पर", "जिस पर").
_LABEL_RELATIVES = frozenset({"जिनपर", "जिसपर"})
#: Marathi relatives on whom it lies: "ज्याच्यावर", "ज्यांच्यावर", "जिच्यावर".
_MARATHI_LABEL_RELATIVES = ("ज्याच्यावर", "ज्यांच्यावर", "जिच्यावर")


def _planned(ctx: _Context, sentence: Sentence) -> str | None:
    """The words of a plan or forecast in the sentence, for a claim that states a done
    fact ("Maharashtra declared drought in 40 talukas": "plans to declare" is not it);
    None for a claim that is itself a plan, forecast or deadline (`ClaimProfile.factual`)."""
    if not ctx.profile.factual:
        return None
    future = _headline_future_span(sentence.text) if ctx.headline == sentence.text else None
    if future is not None:
        # "Amit Shah to visit cyclone-hit Kutch": what is to come must be the claim's
        # ("Chandrayaan-3 to launch on July 14" plans no cost).
        words, start, end = future
        first, last = word_index(sentence.text, start), word_index(sentence.text, end)
        # ... unless the claim says it too: "Zomato agreed to buy ..." is stated by
        # "Zomato to buy ..." (the deal is the done fact).
        own = re.search(rf"(?<!\w){re.escape(fold(words))}(?!\w)", fold(ctx.profile.claim.text))
        if sentence.holds(ctx.wanted, first, last) and own is None:
            return words
    window = _window(ctx, sentence)
    for _, start, end in ctx.lexicon.find("plan", sentence.words):
        # The plan must be of the claim's proposition, in its clause: "Maharashtra
        # declares drought; Centre expects rain next week" declares it.
        if _in_claims_clause(ctx, sentence, start) and _governed(
            ctx.profile, sentence, start, end, window, ctx.marks
        ):
            return sentence.said(start, end)
    return None


def _refuted_answer(ctx: _Context, sentence: Sentence) -> Judgement | None:
    """A headline that asks about the claim and answers with a refutation after the "?"
    ("Was Kerala warned? Shah's claim is misleading", "४९ टक्के हिस्सा? व्हायरल दावा
    चुकीचा"): the answer denies what was asked. A plain "no" is not enough ("Will the
    Centre declare it? No decision yet" answers nothing). A bare yes told by whoever
    found it ("Were there fewer police? Duty rosters say yes", "... का? अहवाल म्हणतो
    'हो'") asserts what was asked."""
    head, mark, answer = sentence.text.rpartition("?")
    if not mark or not tokenize(head):
        return None
    said = Sentence.read(answer)
    # The question is the headline's last piece before its "?" ("X resigns; will shares
    # fall? No" asks about the shares).
    asked = Sentence.read(_QUESTION_START_RE.split(head)[-1])
    if _YES_ANSWER_RE.search(answer):
        # A question asked in the negative ("let out without warning?", "not paid?")
        # says yes to the negative: what a negative claim says, and for another claim
        # an answer whose way is unclear.
        negative = bool(
            live_negations(asked.words, ctx.lexicon) or withouts(asked.words, ctx.profile.denied)
        )
        if (
            not asked.holds(ctx.wanted)
            or _asks_another_figure(ctx.profile, head)
            or (negative and not ctx.profile.negated)
            or _hedge_cues(ctx, said)
            or not _asks_what_happened(ctx.profile, asked)
        ):
            return None
        why = f'the headline asks and answers "{answer.strip()}"'
        if ctx.profile.negated and not negative:
            why += ": it asserts what the claim denies"
            return Judgement(Stance.CONTRADICTS, 0.6, sentence.text, (why,), "answered")
        return Judgement(Stance.CORROBORATES, 0.6, sentence.text, (f"{why}: yes",), "answered")
    if _answers_no(ctx, said):
        # "Resigned as chairman? No", "आग सेलमधील दोषामुळे? कंपनी म्हणते, नाही": the
        # answer is a bare no (its teller at most). The question must ask what the claim
        # says, of no other figure, and not in the negative ("Didn't it open? No": which
        # way the no goes is unclear). For a negative claim asked the other way ("Toll on
        # the coastal road? The civic body says no") the no agrees.
        if (
            not asked.holds(ctx.wanted)
            or _asks_another_figure(ctx.profile, head)
            or live_negations(asked.words, ctx.lexicon)
        ):
            return None
        why = f'the headline asks and answers "{answer.strip()}"'
        if ctx.profile.negated:
            why += ": no, as the claim says"
            return Judgement(Stance.CORROBORATES, 0.6, sentence.text, (why,), "answered")
        return Judgement(
            Stance.CONTRADICTS, 0.6, sentence.text, (f"{why}: it denies what it asks",), "answered"
        )
    if len(tokenize(answer)) < 2:
        return None
    live, _ = _claims_refutes(ctx.profile, said, ctx.lexicon)
    if not live or ctx.profile.negated:
        return None
    if compare_numbers(ctx.profile, head, lenient=True)[0] is Stance.CONTRADICTS:
        return None  # "49% stake? Viral claim false": it denies a rival figure, not the claim
    cue = said.said(live[0][1], live[0][2])
    why = f'the headline asks and answers "{cue}": it denies what it asks'
    return Judgement(Stance.CONTRADICTS, 0.6, sentence.text, (why,), "answered")


def _asks_another_figure(profile: ClaimProfile, head: str) -> bool:
    """Does a question ask about a figure other than the claim's ("Did 100 people die
    in the collapse? No" for a toll of 17), or another year than the claim's ("Did it
    cut 500 jobs in 2019?" for March 2024)? A yes or a no then answers that one."""
    quantity = profile.quantity
    figures = find_numbers(head)
    years = {int(m.value) for m in figures if m.is_year}
    if profile.years and years - profile.years:
        return True
    if quantity is None:
        return False
    return any(
        abs(m.value - quantity.value) > quantity.tolerance * quantity.value
        for m in figures
        if not m.is_year and m.value > 0
    )


#: A headline's answer after its "?" that is a bare yes, its teller at most before it
#: ("Yes", "Duty rosters say yes", "Jewellers' numbers say it did", "अहवाल म्हणतो 'हो'",
#: "आंकड़े कहते हैं- हां"): the whole answer, to its end.
_YES_ANSWER_RE = re.compile(
    r"^\W*(?:(?:[\w'’&.-]+\s+){0,5}(?:says?|said|shows?|showed|finds?|found|confirms?)"
    r"\s+)?(?:yes|it\s+(?:did|does|is|was|has|had)|they\s+(?:did|were|are|have))\W*$"
    r"|^\W*(?:(?:[\u0900-\u097f.]+\s+){0,5}(?:म्हणतो|म्हणते|म्हणतात|कहता\s+है|कहती\s+है"
    r"|कहते\s+हैं|बताते\s+हैं))?\W*(?:हो|होय|हां|हाँ|जी\s+हां)\W*$",
    re.IGNORECASE,
)


def _asks_what_happened(profile: ClaimProfile, asked: Sentence) -> bool:
    """Does a question a yes answers ask whether the claim's event happened, as the claim
    tells it? Not what should or could be done or what is to come ("Should Velpur ban
    plastic bags? Residents say yes", "बंदी घालावी का?", "Will it cut more jobs?"), nor
    whether it happened again ("in 2019 too?"; another year: `_asks_another_figure`)."""
    own = {fold(w) for w in tokenize(profile.claim.text)}
    if any(fold(m.group()) not in own for m in _ASKED_OTHERWISE_RE.finditer(asked.text)):
        return False  # (not a word the claim says too: "more than 1,000 customers")
    return _tells_future(asked.text) is None


#: A question of what should, could or must be, or of more, again or too: "should",
#: "can", "चाहिए", "सकता", Marathi's "-ावी", "शकते", "more", "again", "भी", "आणखी",
#: "पुन्हा".
_ASKED_OTHERWISE_RE = re.compile(
    r"\b(?:should|can|could|would|must|shall|ought|more|again|too|also)\b"
    r"|(?<![\u0900-\u097f])(?:चाहिए|चाहिये|सकता|सकती|सकते|शकते|शकतो|शकतात|शकेल|भी|फिर"
    r"|आणखी|आणखीही|पुन्हा)(?![\u0900-\u097f])"
    r"|[\u0900-\u097f]+(?:ावी|ावे|ावा|ायला हवे|ायला हवी)(?![\u0900-\u097f])",
    re.IGNORECASE,
)


#: Where a headline's question begins: after its last stop, semicolon, colon or "but"
#: ("X resigns; will shares fall?", "X resigned, but did he leave the board?"; not a
#: comma: "Who signed first, Airtel or Jio?").
_QUESTION_START_RE = re.compile(r"[.;:|]|\bbut\b|\bपर\b|\bपण\b", re.IGNORECASE)
#: How many words a bare "no" answer may have beside its negation: its teller ("the
#: company says", "पालिका म्हणते").
_TELLER_WORDS = 3


def _answers_no(ctx: _Context, answer: Sentence) -> bool:
    """Is a headline's answer after its "?" a bare no ("No", "नाही", "कंपनी म्हणते,
    नाही"): a negation ending it, at most a teller and a saying verb before it, and none
    of the claim's words? ("No decision yet" answers nothing.)"""
    words = answer.words
    if not words or _YET_RE.search(answer.text):
        return False
    negations = ctx.lexicon.find("negation", words)
    if len(negations) != 1 or negations[0][2] != len(words):
        return False  # (and "ISRO won't say no": a refusal, not an answer)
    if any(ctx.lexicon.find(c, words) for c in ("refute", "hedge", "report")):
        return False  # "शक्यता नाकारता येत नाही" (cannot be ruled out), "did not deny"
    start = negations[0][1]
    # Before the negation: nothing, or a teller and the verb it says with (the verb
    # counted with the teller's words: "the civic body says").
    saying = [e for _, _, e in ctx.lexicon.find("attribution", words)]
    told = max((e for e in saying if e <= start), default=0)
    rest = [i for i in range(start) if i >= told and words[i] not in all_stopwords()]
    teller = [i for i in range(told) if words[i] not in all_stopwords()]
    return (
        not rest
        and len(teller) <= _TELLER_WORDS + 1
        and not any(answer.marks[i] & ctx.wanted for i in teller)
    )


def _hedge_cues(ctx: _Context, sentence: Sentence) -> list[tuple[Cue, int, int]]:
    """The sentence's hedges, report cues and unsourced estimates; "May" the month is none,
    nor is an estimate the claim itself states ("their estimated life-span" of a claim
    that the notes reached "the end of their estimated four-to-five-year lifespan"), nor
    the sign inside a sign not found ("no sign of displacement", "संकेत नहीं": a
    negation, which the refutation rules read, not a hedge)."""
    found = [
        h
        for h in ctx.lexicon.find("hedge", sentence.words)
        + ctx.lexicon.find("report", sentence.words)
        + ([] if ctx.profile.states_estimate else _unsourced_estimates(ctx, sentence))
        if hedges_at(sentence, h[1])
    ]
    if not found:
        return found
    not_found = [
        range(start, end)
        for cue, start, end in ctx.lexicon.find("refute", sentence.words)
        if cue.text in _SIGN_CUES
    ]
    return [h for h in found if not any(h[1] in span for span in not_found)]


def _claims_hedges(ctx: _Context, sentence: Sentence) -> list[tuple[Cue, int, int]]:
    """The sentence's hedges that hedge the claim: in its clause (`_in_claims_clause`) and
    of it (`_hedges_claim`)."""
    return [
        h
        for h in _hedge_cues(ctx, sentence)
        if _in_claims_clause(ctx, sentence, h[1]) and _hedges_claim(ctx, sentence, h[1], h[2])
    ]


def _hedges_claim(ctx: _Context, sentence: Sentence, start: int, end: int) -> bool:
    """Does the hedge at words `start`-`end`, in a clause of the claim's words, hedge the
    claim? Not a request for something else: what is asked holds none of the claim's
    words (in English what follows the verb to the end of its clause, or in the passive
    what stands before it in its comma piece; in Hindi and Marathi its comma piece):
    "HC takes suo motu cognisance, seeks report from the state", "Patel seeks
    anticipatory bail". Not a report denied by a verb of denial ("denied a social-media
    report that", "कंपनी ने खबरों का किया खंडन") or asked for ("सरकार से मांगी रिपोर्ट")."""
    piece_start, piece_end = sentence.piece_of(start, COMMA_BREAKS)
    requests = [r[1] for r in ctx.lexicon.find("request", sentence.words)]
    if start in requests:
        if is_devanagari(sentence.original[start]):
            return sentence.holds(ctx.wanted, piece_start, piece_end)
        following = fold(sentence.original[end]) if end < piece_end else ""
        if following in _OBJECT_PRONOUNS:
            return True  # "demands special status, wants it by year-end"
        # What is asked follows the verb, to the end of its clause ("seek
        # compensation, CBI probe"), or, in the passive, stands before it ("CBI probe
        # sought", "... sought by the families").
        passive = not following or following == "by"
        return sentence.holds(ctx.wanted, end, sentence.clause_of(start)[1]) or (
            passive and sentence.holds(ctx.wanted, piece_start, start)
        )
    if sentence.words[start] in _CLAIM_NOUNS or any(
        r[1] == start for r in ctx.lexicon.find("report", sentence.words)
    ):
        # A report or a claim denied or asked for ("कंपनी ने खबरों का किया खंडन", "सरकार से मांगी
        # रिपोर्ट") is no hearsay: what it says is refuted, or not yet said.
        # (An English denial verb before the report, "denied a social-media report";
        # a Hindi or Marathi one beside it, "खबरों का किया खंडन". "The bogus report
        # says" debunks what it says, which a hedge leaves to the refutation rules.)
        if is_devanagari(sentence.original[start]):
            # (The verb ends its clause: "हा एचएएलचा दावा हवाई दल मुख्यालयाने संसदीय
            # समितीसमोर फेटाळला".)
            near = range(max(piece_start, start - 4), piece_end)
            verbs = [r[1] for r in live_refutes(sentence, ctx.lexicon)[0]]
        else:
            near = range(max(piece_start, start - 4), start)
            verbs = [
                r[1]
                for r in live_refutes(sentence, ctx.lexicon)[0]
                if sentence.words[r[1]] in _FORWARD_CUES
            ]
        return not any(at in near for at in (*verbs, *requests))
    return True


#: Hedge cues that name a claim someone made ("हा दावा हवाई दलाने फेटाळला": the claim is
#: rejected, not hedged), stemmed as `Sentence.words` are.
_CLAIM_NOUNS = stemmed("दावा", "दावे", "दाव्या", "दाव्याला", "दावों")
#: ... and in English, where a sentence naming the claim to refute it answers a
#: headline's question ("The claim that ... is false"; `_answer`).
_NAMED_CLAIMS = _CLAIM_NOUNS | stemmed("claim", "claims")

#: A request whose object is one of these asks for what was named before it.
_OBJECT_PRONOUNS = frozenset({"it", "them", "this", "that", "these", "those", "so"})


def _asks_about_claim(ctx: _Context, headline: str) -> bool:
    """Does a headline ask a question about the claim? One with a "?" whose parts (by
    ":" or ";") put it in a part holding none of the claim's words asks about
    something else ("BJP wins 240 on its own: where did it lose 63 seats?")."""
    if "?" not in headline:
        return False
    parts = [Sentence.read(part) for part in re.split(r"[:;]", headline)]
    if len(parts) == 1:
        return True
    wanted = ctx.wanted
    if any("?" in part.text and part.holds(wanted) for part in parts):
        return True
    return not any(part.holds(wanted) for part in parts)


def _debunks_its_question(ctx: _Context, headline: str) -> bool:
    """Does a headline ask about something else and deny it, to tell the claim after
    ("विनेश उत्तेजक चाचणीत दोषी? नाही; 100 ग्रॅम जादा वजनामुळे अपात्र", "49% stake?
    Viral claim false" for a claim of 25%)? The answer denies, and the question
    carries a rival figure or none of the claim, or the answer tells some of the
    claim the question did not: the story's other sentences decide."""
    head, mark, answer = headline.partition("?")
    if not mark or not tokenize(answer) or not tokenize(head):
        return False
    said = Sentence.read(answer)
    opening = said.words[:4]
    if not (
        _claims_refutes(ctx.profile, said, ctx.lexicon)[0]
        or ctx.lexicon.find("negation", opening)
        or _NO_OPENING_RE.match(answer)
    ):
        return False
    if compare_numbers(ctx.profile, head, lenient=True)[0] is Stance.CONTRADICTS:
        return True  # it denies a rival figure
    wanted = ctx.wanted
    question = Sentence.read(head)
    # (Names asked about, "was Kaur caught doping?", carry none of the proposition.)
    asked = frozenset().union(
        *(
            m & wanted
            for w, m in zip(question.original, question.marks, strict=True)
            if not w[:1].isupper()
        )
    )
    told = frozenset().union(*(m & wanted for m in said.marks))
    # The question holds none of the claim ("Deloitte quit over fraud? No"), or the
    # answer tells more of it than the question asked ("Doping? No; 100 g overweight").
    return not asked or bool(told - asked)


#: The denial opening a headline's answer ("No;", "नाही,"), taken off to read the rest.
_NO_OPENING_RE = re.compile(
    r"^\W*(?:no|nope|नहीं|नाही|नव्हे)(?![\w\u0900-\u097f])[^\w\u0900-\u097f]*", re.IGNORECASE
)


def _unsourced_estimates(ctx: _Context, sentence: Sentence) -> list[tuple[Cue, int, int]]:
    """Estimate cues that hedge: those in a sentence naming no independent source.

    "A research firm estimates ...", "analysts estimate ...", "अधिकाऱ्यांच्या
    अंदाजानुसार ..." are that source's own assertion; "it is estimated ..." is not.
    """
    estimates = ctx.lexicon.find("estimate", sentence.words)
    if not estimates or _independent_source(ctx, sentence):
        return []
    return estimates


def _source_speaks(ctx: _Context, sentence: Sentence) -> bool:
    """Is the claim's own source (its `attributed_to`, or its name as the story writes it)
    named before the sentence's first attribution cue, as who says it ("The petitioners
    told the bench that his complaint was never acted on", "operators, who say they will
    not pay", "छात्रों ने कहा")? Then its negations may be its claim in other words
    ("never acted on" for "ignored"). A headline quoting it is its words too
    (`_quoted_speaker`: "Kulkarni: no road charges a higher toll")."""
    cues = ctx.lexicon.find("attribution", sentence.words)
    if not cues:
        return _speaker_quoted(ctx, sentence) is not None
    first = min(start for _, start, _ in cues)
    # (The hint's whole names, or else the source as the story names it: a hinted source
    # is found in a story by any of its words, "Tavri" of "Tavri fishermen's union".)
    names = ctx.profile.claim.attributed_to or ((ctx.source_named,) if ctx.source_named else ())
    return any(end <= first for _, end in _name_spans(sentence, names))


def _other_sources(ctx: _Context, sentence: Sentence) -> list[tuple[Cue, int, int]]:
    """The sentence's `source` cues, less those inside the name of the claim's own source
    as the sentence writes it whole ("Central Consumer Protection Authority" holds
    "authority"; "the state's Human Rights Commission" beside "the Election
    Commission" is another source)."""
    found = ctx.lexicon.find("source", sentence.words)
    if not found or not ctx.profile.claim.attributed_to:
        return found
    spans = _name_spans(sentence, ctx.profile.claim.attributed_to)
    return [cue for cue in found if not any(s <= cue[1] and cue[2] <= e for s, e in spans)]


def _source_charge_denied(ctx: _Context, sentence: Sentence) -> str | None:
    """A denial of the charge of the claim's own source ("KMRL rejects fishermen's
    charge", "Haryana rejects Delhi's charge", "विपक्ष के आरोपों को खारिज किया"): the
    charge is the claim. Its words, or None."""
    names = (*ctx.profile.claim.attributed_to, *((ctx.source_named,) if ctx.source_named else ()))
    if not names:
        return None
    live = live_refutes(sentence, ctx.lexicon)[0]
    if not live:
        return None
    charges = [(start, end) for _, start, end in ctx.lexicon.find("charge", sentence.words)] + [
        (i, i + 1) for i, word in enumerate(sentence.words) if word in _CHARGE_NOUNS
    ]
    spans = _name_spans(sentence, names)
    for _, start, end in live:
        piece = sentence.piece_of(start, COMMA_BREAKS)
        for c_start, c_end in charges:
            if not piece[0] <= c_start < piece[1]:
                continue
            if any(0 <= c_start - s_end <= 2 and piece[0] <= s_start for s_start, s_end in spans):
                return (
                    f'"{sentence.said(start, end)}" denies the charge of the claim\'s own '
                    f'source ("{sentence.said(min(start, c_start), max(end, c_end))}")'
                )
    return None


#: Nouns naming what someone claims, beside the `charge` cues ("Delhi's claim").
_CHARGE_NOUNS = _CLAIM_NOUNS | stemmed("claim", "claims")


#: A headline quoting its speaker without a verb of saying: the speaker before a colon
#: or a dash ("Satheesan: fewer police at Sabarimala", "सोमनाथ बोले: ...", "... बोलीं-
#: ...") or after one at its end ("... a loot of motorists: Nana Patole", "'देशात
#: सर्वाधिक टोल' — नाना पटोले", "...- कुलकर्णी").
_SPEAKER_FIRST_RE = re.compile(r"(?:^|;\s*)(?P<who>[^:;—–'‘’\"“”-]{2,60}?)\s*(?::|[-–—]\s)")
_SPEAKER_LAST_RE = re.compile(r"(?::|\s[-–—]|[-–—]\s|[—–])\s*(?P<who>[^:;—–'‘’\"“”]{2,60})$")
#: The most words a quoted speaker's part holds ("Maharashtra Congress chief Nana Patole").
_SPEAKER_WORDS = 5
#: Words a quoted speaker's part may hold beside the source's name and capitalised
#: words ("Opposition leader", "Ex-minister"): titles, and verbs and nouns of saying
#: ("बोलीं", "म्हणाले", "कुलकर्णी का आरोप"). Any other ("Police book Kulkarni", "Kulkarni
#: proved right", "कुलकर्णी को नोटिस", "कुलकर्णी सही") tells something of the source.
_SPEAKER_PART_WORDS = frozenset(
    {
        "leader", "chief", "minister", "mp", "mla", "president", "spokesperson",
        "spokesman", "secretary", "head", "founder", "chairman", "chairperson", "former",
        "ex", "says", "said", "नेता", "नेत्या", "नेते", "अध्यक्ष", "अध्यक्षा", "मंत्री",
        "प्रमुख", "विरोधी", "पक्षनेते", "पक्षनेत्या", "सांसद", "खासदार", "आमदार", "विधायक",
        "पूर्व", "माजी", "प्रवक्ता", "बोले", "बोलीं", "बोला", "म्हणाले", "म्हणाल्या",
        "म्हणाला", "का", "की", "यांचा", "यांची", "यांचे", "आरोप", "दावा",
    }
)  # fmt: skip


def _speaker_quoted(ctx: _Context, sentence: Sentence) -> str | None:
    """The claim's own source as the speaker the sentence quotes: only a headline does
    (`_Context.headline_speaker`)."""
    return ctx.headline_speaker if sentence.text == ctx.headline else None


def _quoted_speaker(ctx: _Context, headline: str) -> str | None:
    """The claim's own source as the speaker of a headline quoting it without a verb of
    saying (`_SPEAKER_FIRST_RE`, `_SPEAKER_LAST_RE`): the speaker's part, or None. The
    part holds one of the source's names (`ClaimProfile.source_names`, or the name as
    the story writes it) and besides it only capitalised words and `_SPEAKER_PART_WORDS`:
    a kicker ("Analysis:", "RTI reply to Kulkarni:") or a part telling something of the
    source ("Kulkarni vindicated:", "NHAI rebuts Congress:") is no speaker."""
    names = ctx.profile.source_names
    named = ctx.source_named
    if named and is_devanagari(named) and not any(map(is_devanagari, names)):
        names = (*names, named)  # (a plain English claim's source in a Hindi headline)
    if not names:
        return None
    stop = all_stopwords()
    text = headline.strip()
    for found in (*_SPEAKER_FIRST_RE.finditer(text), *_SPEAKER_LAST_RE.finditer(text)):
        who = found.group("who").strip()
        read = Sentence.read(who)
        spans = _name_spans(read, names)
        if not spans or not 0 < len(read.words) <= _SPEAKER_WORDS:
            continue
        inside = {i for start, end in spans for i in range(start, end)}
        # (A Devanagari given name just before the surname: "मीरा कुलकर्णी".)
        given = {
            start - 1 for start, _ in spans if start and is_devanagari(read.original[start - 1])
        }
        if all(
            i in inside
            or fold(word) in _SPEAKER_PART_WORDS
            or ((word[:1].isupper() or i in given) and fold(word) not in stop)
            for i, word in enumerate(read.original)
        ):
            return who
    return None


def _name_spans(sentence: Sentence, names: Sequence[str]) -> list[tuple[int, int]]:
    """Where the sentence writes any of `names` whole (word spans, as `Sentence` stems)."""
    spans = []
    for name in names:
        words = _name_words(name)
        spans += [
            (i, i + len(words))
            for i in range(len(sentence.words) - len(words) + 1)
            if words and sentence.words[i : i + len(words)] == words
        ]
    return spans


@functools.lru_cache(maxsize=1 << 10)
def _name_words(name: str) -> tuple[str, ...]:
    """A name's words as `Sentence` stems them."""
    return Sentence.read(name).words


def _independent_source(ctx: _Context, sentence: Sentence) -> str | None:
    """A source other than the claim's own (a research firm, an official) the sentence names."""
    estimates = ctx.lexicon.find("estimate", sentence.words)
    if not estimates:
        return None
    sources = _other_sources(ctx, sentence)
    if sources:
        _, start, end = sources[0]
        return sentence.said(start, end)
    # A name just before the cue: "SemiAnalysis estimates", not the claim's own source.
    _, start, _ = estimates[0]
    if start == 0:
        return None
    name = sentence.original[start - 1]
    own = {fold(w) for source in ctx.profile.claim.attributed_to for w in tokenize(source)}
    folded = fold(name)
    ordinary = folded in own or folded in all_stopwords()
    about_claim = bool(word_marks(folded) & ctx.profile.key_words)
    return name if name[:1].isupper() and not ordinary and not about_claim else None


def about_proposition(coverage: float, level: float | None) -> bool:
    """Is the sentence about what the claim says (not only its subject)? A lower bar than
    `_asserts`: enough for a rival figure in it to measure the claim's quantity."""
    return coverage >= ABOUT_COVERAGE or (level is not None and level >= ABOUT_LEVEL)


def _not_happened(
    ctx: _Context, sentence: Sentence, coverage: float, level: float | None
) -> Judgement | None:
    """After a time-bound claim's deadline, a sentence stating its proposition negated.

    "No signal from Vikram" on 2 October, for a claim that it wakes by 30 September:
    the event has not happened in time (before the deadline, "not yet" only discusses).
    """
    window = ctx.profile.window
    late = _after_deadline(ctx.profile, ctx.published, ctx.now)
    if window is None or late is None or not _asserts(ctx, sentence, coverage, level):
        return None
    negations = [
        (start, end)
        for _, start, end in _claims_negations(ctx.profile, sentence.words, ctx.lexicon)
    ]
    # "India and Canada ended 2023 without signing the trade agreement": after the
    # deadline, "without" the claim's own act or thing says it did not come (not in a
    # sentence dating the act in time: "opened on September 29 without heavy traffic").
    withouts_of_it = [
        (i, i + 1)
        for i, word in enumerate(sentence.words)
        if word == "without" and sentence.holds(ctx.wanted, i + 1, i + 4)
    ]
    if withouts_of_it and not _dated_in_time(sentence.text, late, window.by):
        negations += withouts_of_it
    # "धारावी सर्वे अब भी अधूरा", "सफाई अधूरी", "स्वच्छता अपूर्ण", "the clean-up is
    # incomplete": the claim's event said unfinished, after its deadline.
    negations += [
        (i, i + 1) for i, word in enumerate(sentence.original) if fold(word) in _UNFINISHED
    ]
    if not negations:
        return None
    start, end = min(negations)
    why = (
        f"story of {late.isoformat()}, after the claimed deadline {window.by.isoformat()},"
        f' says "{sentence.said(start, end)}" of it: it has not happened in time'
    )
    return Judgement(Stance.CONTRADICTS, 0.65, sentence.text, (why,), "deadline")


#: Words saying a thing is unfinished: after a deadline, the event has not come in time.
_UNFINISHED = frozenset(
    {
        "incomplete", "unfinished", "अधूरा", "अधूरी", "अधूरे", "अपूर्ण", "अपूर्णच", "अर्धवट",
        "अर्धवटच",
    }
)  # fmt: skip


def _dated_in_time(text: str, published: date, deadline: date) -> bool:
    """Does the text give a date, or a day of the week, by the deadline?"""
    return any(d.when <= deadline for d in find_dates(text, published)) or any(
        date(t.year or published.year, t.month, t.day or 1) <= deadline
        for t in past_weekdays(text, published)
    )


def _asserts(ctx: _Context, sentence: Sentence, coverage: float, level: float | None) -> bool:
    """Does the sentence state the claim's proposition, not only name its subject?

    It must hold ASSERTION_COVERAGE of what the claim says beyond its subject
    (stream-weighted key terms; PLAIN_ASSERTION_COVERAGE where `_plain_in_fewer_words`
    allows and it gives the claim's effect no other cause), or give the claim's cause
    of its effect, or say it in other words: its similarity to the claim
    ASSERTION_LEVEL spreads above the claim's usual (semantic path), or some of both:
    CLOSE_COVERAGE of its words at CLOSE_LEVEL spreads. A sentence deep in a long
    article is context, not the article's stance.
    """
    if not _speaks_for_story(ctx, sentence) or _other_phase(ctx.profile.claim.text, sentence):
        return False  # (a sentence about another stage states nothing of the claim's)
    if _tells_the_effect_alone(ctx, sentence):
        return False
    if coverage >= ASSERTION_COVERAGE:
        return True
    cause = _cause_given(ctx, sentence)
    if cause:
        return True
    if (
        coverage >= PLAIN_ASSERTION_COVERAGE
        and cause is None
        and _plain_in_fewer_words(ctx, sentence)
    ):
        return True
    if (
        level is not None
        and coverage >= CLOSE_COVERAGE
        and level >= CLOSE_LEVEL
        and _holds_what_is_denied(ctx, sentence)
    ):
        return True  # (a Marathi sentence holding half the claim's words at +2.4 spreads)
    return _in_other_words(ctx, coverage, level)


def _holds_what_is_denied(ctx: _Context, sentence: Sentence) -> bool:
    """Does a negated sentence name what a negative claim denies, beyond the act denied
    (`denied_object`), if it denies something? Any negated sentence reads close to a
    negative claim, and its actor, act and negation make up a third of its words: "the
    state has not announced the by-election's date" names nothing of "has not announced
    compensation for flood victims". (A sentence without a negation is read for what
    it asserts against the claim, its object often in other words: "registered at a
    Bengaluru RTO" of "not registered with the transport department".)"""
    what = ctx.profile.denied_object
    if not (ctx.profile.negated and what) or not ctx.lexicon.find("negation", sentence.words):
        return True
    return sentence.holds(what & ctx.wanted or what)


def _denial_withheld(ctx: _Context, sentences: Sequence[str]) -> tuple[str, tuple[str]] | None:
    """A sentence telling that the claim was not denied ("Air India Express did not deny
    it", "CPCL did not deny that pockets of oil remained", "आरोप से इनकार नहीं किया",
    "आरोप फेटाळला नाही"): a denial verb (`_DENIAL_STEMS`) under a negation, whose object
    is the claim (`_withholds_denial`). A denial withheld is no assertion: the story
    reports the claim and its subject's silence, and discusses it, unless another of its
    sentences names a source ("the labour department's inquiry found ..."; "जांच समिति ने
    पाया"). The sentence and the reason, or None. (A negated refuting cue in the very
    sentence that states the claim, "cannot be ruled out" too, is `_judge_sentence`'s
    "denial not made": that rule reads one sentence, this one the story.)"""
    read = [Sentence.read(text) for text in sentences]
    for sentence in read:
        negations = ctx.lexicon.find("negation", sentence.words)
        for start, word in enumerate(sentence.words):
            if not word.startswith(_DENIAL_STEMS):
                continue
            negator = scoping_negation(negations, start, start + 1)
            if negator is None or not _withholds_denial(ctx, sentence, start, negator):
                continue
            if any(
                other is not sentence and ctx.lexicon.find("source", other.words) for other in read
            ):
                return None  # ("district officials said"; "जांच समिति ने पाया")
            said = sentence.said(min(start, negator), max(start, negator) + 1)
            why = f'denial "{said}" is negated: a denial withheld reports the claim, not asserts it'
            return sentence.text, (why,)
    return None


def _withholds_denial(ctx: _Context, sentence: Sentence, start: int, negator: int) -> bool:
    """Does the negation at `negator` withhold the denial at `start` of the claim? The
    denial's object is the claim's words (`_target`) or a word standing for what was said
    (`_SAID_WORDS`: "did not deny it", "did not dispute the figure", "इससे इनकार नहीं
    किया", "त्याचा इन्कार केला नाही"; in English right after the verb, in Hindi and Marathi
    just before it). Not a refusal withheld ("did not reject his nomination", "अनुमति देने
    से इनकार नहीं किया", "परवानगी नाकारली नाही": granted), a denial that cannot be made ("it
    cannot be denied", "इनकार नहीं किया जा सकता", "नाकारता येत नाही", which other rules
    read), nor "not only denied" ("केवळ आरोप फेटाळले नाहीत तर"). English negates before
    the verb."""
    words = [fold(w) for w in sentence.original]
    devanagari = is_devanagari(words[start])
    if negator > start and not devanagari:
        return False  # "rejections not ..."
    around = words[max(0, min(start, negator) - 4) : max(start, negator) + 4]
    if not _NOT_DENIABLE.isdisjoint(around):
        return False
    if devanagari:
        before = words[max(0, start - 3) : start]
        if not _REFUSED.isdisjoint(before):
            return False
        named = not _SAID_WORDS.isdisjoint(before)
    else:
        after = words[start + 1 : start + 6]
        if not _REFUSED.isdisjoint(after):
            return False
        first = after[1:2] if after[:1] in (["the"], ["this"], ["that"]) else after[:1]
        named = not _SAID_WORDS.isdisjoint(first)
    if named:
        return True
    window = _window(ctx, sentence)
    held = sum(bool(marks & ctx.wanted) for marks in sentence.marks)
    return held >= 2 and _target(ctx, sentence, _NO_CUE, start, start + 1, window) is not None


#: Words standing for what was said, as a denial's object (folded).
_SAID_WORDS = frozenset(
    fold(word)
    for word in (
        "it", "this", "them", "these", "number", "numbers", *_SAID_NOUNS,
        "इससे", "इसका", "इसे", "उससे", "आंकड़े", "आकड़े", "आंकड़ों", "आरोप", "आरोपों", "दावे",
        "खबर", "खबरों", "तो", "ते", "त्याचा", "त्याची", "त्यांचा", "याचा", "याची", "आकड्याचा",
        "आकड्यांचा", "आरोपाचा", "आरोपांचा", "दाव्याचा", "वृत्ताचा", "बातमीचा", "ती", "ही", "उसे",
    )
)  # fmt: skip
#: What a refusal is of: withheld, it grants ("did not reject the nomination").
_REFUSED = frozenset(
    fold(word)
    for word in (
        "nomination", "plea", "petition", "application", "demand", "proposal", "request",
        "bail", "appeal", "possibility", "offer", "permission", "case", "bid",
        "अनुमति", "अनुमती", "परवानगी", "मंजूरी", "मंजुरी", "अर्ज", "याचिका", "मागणी", "मांग",
        "जमानत", "जामीन", "प्रस्ताव", "विनंती", "देने", "करने", "देण्यास", "करण्यास",
    )
)  # fmt: skip
#: ... stemmed as `Sentence.words` are.
_REFUSED_STEMS = frozenset(stem(word) for word in _REFUSED)
#: Words of a denial that cannot be made or is not all ("cannot be denied", "not only").
_NOT_DENIABLE = frozenset(
    fold(word)
    for word in (
        "cannot", "can", "could", "only", "undeniable", "सकता", "सकती", "सकते", "येत", "शकत",
        "केवळ", "फक्त", "केवल", "सिर्फ",
    )
)  # fmt: skip
#: Rules reading a time-bound claim's timing ("did not deny it delayed R2", after the
#: deadline, still tells that it came late): a denial withheld leaves them be.
_TIMING_RULES = frozenset({"delay", "deadline", "own_deadline", "denied_delay", "past_deadline"})
#: Verbs of denial (stems as `Sentence.words` has them): a negated one withholds a
#: denial ("did not deny"); other refuting words negated ("not false", "no doubt") do not.
_DENIAL_STEMS = (
    "deni", "deny", "reject", "dismiss", "refut", "rebut", "disput",
    "इनकार", "इंकार", "इन्कार", "खंडन", "नकार", "खारिज", "ख़ारिज", "फेटाळ", "नाकार",
)  # fmt: skip
_NO_CUE = Cue("", ())


def _other_note(profile: ClaimProfile, text: str) -> bool:
    """Does the sentence name only notes or coins of another face value than the claim's
    (`NumberMention.is_denomination`)? It speaks of another note: it states, denies and
    measures nothing of the claim ("RBI to withdraw ₹500 notes" for a claim about ₹2,000
    notes)."""
    if not profile.denominations:
        return False
    named = {m.value for m in find_numbers(text) if m.is_denomination}
    return bool(named) and not named & profile.denominations


def _states_outright(coverage: float, level: float | None) -> bool:
    """Does a sentence hold ASSERTION_COVERAGE of what the claim says, or read
    ASSERTION_LEVEL spreads closer to it than the claim's usual?"""
    return coverage >= ASSERTION_COVERAGE or (level is not None and level >= ASSERTION_LEVEL)


def _in_other_words(ctx: _Context, coverage: float, level: float | None) -> bool:
    """Does a sentence say the claim in other words: its similarity ASSERTION_LEVEL
    spreads above the claim's usual (semantic path)?"""
    # Any negated sentence reads close to a negative claim ("motorists pay no toll"
    # and "the catch did not fall because of the road"): in other words, a negative
    # claim needs some of its own words too.
    words = not ctx.profile.negated or coverage >= ABOUT_COVERAGE
    return level is not None and level >= ASSERTION_LEVEL and words


def _plain_in_fewer_words(ctx: _Context, sentence: Sentence) -> bool:
    """May the sentence state the claim with PLAIN_ASSERTION_COVERAGE of its words?

    Only a plain claim (no `keywords` or `entities` hint: its terms are every word the
    analyst typed), in a sentence of the text (a headline names its story's topic in
    few words: "Rajkot fire", "Ulwe floods: what the inquiry found"), holding the
    claim's act when the claim has one ("laid off" of "Torvik Steel laid off workers
    at its Halden plant": the workers, the plant and the month are as much in a story
    of the plant hiring them), and not for a negative claim (whose opposite is read
    from its words without a negation: fewer of them state nothing)."""
    profile = ctx.profile
    claim = profile.claim
    return (
        not (claim.keywords or claim.entities)
        and sentence.text != ctx.headline
        and not profile.negated
        and (not profile.act_marks or sentence.holds(profile.act_marks))
    )


def _tells_the_effect_alone(ctx: _Context, sentence: Sentence) -> bool:
    """For a claim of a cause, does the sentence hold none of the cause's words? It tells
    the effect ("Boulder and mud crash into houses at the foot of Tiruvannamalai hill"
    for "the landslide was caused by construction on the slopes"), which the claim
    takes as given: it states no cause, however much of the claim's wording it holds."""
    profile = ctx.profile
    if not profile.cause_marks or not profile.effect_marks:
        return False
    # (Any word of the cause, the stream's common words too: "cut trips because of the
    # new fares" gives a fare hike in a stream about fares.)
    cause = profile.cause_marks - profile.effect_marks
    if not cause or sentence.holds(cause):
        return False
    return not (_cause_cue_spans(ctx, sentence) or _CAUSE_TALK_RE.search(sentence.text))


def _cause_cue_spans(ctx: _Context, sentence: Sentence) -> list[tuple[int, int]]:
    """Where the sentence's cause cues stand (word spans): the lexicon's ("because",
    "due to", "caused") and a Hindi or Marathi cue glued to its word ("बिघाडामुळे")."""
    spans = [(start, end) for _, start, end in cause_cues(ctx.lexicon, sentence.words)]
    glued = enumerate(sentence.original)
    return spans + [(i, i + 1) for i, word in glued if GLUED_CAUSE_RE.search(word + " ")]


#: Words that tell a cause beside the lexicon's cause cues, which keep a sentence from
#: telling the effect alone: the cause may be in other words ("a glitch in signalling
#: was behind the derailment", "inspectors blamed corroded cables", "traced to").
_CAUSE_TALK_RE = re.compile(
    r"\b(?:behind|blam(?:e|es|ed|ing)|trac(?:e|es|ed) (?:back )?to|attribut\w*|why)\b"
    r"|वजह|कारण|ज़िम्मेदार|जिम्मेदार|जबाबदार",
    re.IGNORECASE,
)


def _cause_given(ctx: _Context, sentence: Sentence) -> bool | None:
    """Which cause does the sentence give the claim's effect, for a claim of a cause?

    True: the claim's own: a cause cue with a word of the cause on its cause side, in
    its piece, and a word of the effect ("the tunnel leaked because of gaps in its
    joints", "a sewage leak caused the cracks", "इंजिन बिघाडामुळे गो फर्स्ट
    दिवाळखोरीत"); then it states the claim though it says less of its words than a
    plain assertion must. False: another ("Go First went bankrupt due to
    mismanagement, Pratt & Whitney said"): such a sentence holds the claim's effect and
    some of its wording, and does not state it at PLAIN_ASSERTION_COVERAGE (at
    ASSERTION_COVERAGE it does, as before engine 3.12). None: no cause cue of the
    claim's effect, or no claim of a cause."""
    profile = ctx.profile
    if not profile.cause_marks or not profile.effect_marks:
        return None
    effect = profile.effect_marks & ctx.wanted or profile.effect_marks
    cause = (profile.cause_marks & ctx.wanted or profile.cause_marks) - effect
    another = None
    for cue_start, cue_end in _cause_cue_spans(ctx, sentence):
        piece_start, piece_end = sentence.piece_of(cue_start)
        # (A glued Hindi or Marathi cue is the word itself: "इंजिन बिघाडामुळे".)
        before = cause_comes_first(sentence, cue_start, cue_end)
        side = (piece_start, cue_end) if before else (cue_end, piece_end)
        outside = [m for i, m in enumerate(sentence.marks) if not side[0] <= i < side[1]]
        if not any(m & (effect - cause) for m in outside):
            continue
        if sentence.holds(cause, *side):
            return True
        another = False
    return another


#: A failure to do something, a negation in other words: "fail to open", "failed to
#: pay" (the word after it is what was not done), "खुलने में विफल", "उघडण्यात अपयशी" (the
#: word before it).
_FAILS_TO_RE = re.compile(
    r"\bfail(?:s|ed|ing)? to (?P<after>\w+)"
    r"|(?P<before>\S+) (?:में (?:विफल|नाकाम|असफल)|अपयशी|अयशस्वी)",
    re.IGNORECASE,
)


def _fails_to_do_denied(ctx: _Context, sentence: Sentence) -> bool:
    """Does the sentence tell a failure to do what a negative claim says was not done
    ("valves fail to open" of "the valves did not open"), in a clause holding the
    claim's words? Then it says the claim's "did not" in other words. ("The valves
    opened, but the engine failed to fire" fails at something else.)"""
    denied = ctx.profile.denied
    if not denied:
        return False
    for found in _FAILS_TO_RE.finditer(sentence.text):
        group = "after" if found.group("after") else "before"
        at = word_index(sentence.text, found.start(group))
        held = at < len(sentence.marks) and sentence.marks[at] & denied
        if held and _in_claims_clause(ctx, sentence, at):
            return True
    return False


def _assertion_words(coverage: float, level: float | None) -> str:
    said = f"{coverage:.0%} of what the claim says beyond its subject"
    if level is not None:
        said += f", similarity {level:+.1f} spreads from the claim's usual"
    return said


#: "yet" in a negated sentence: "no breakthrough yet", "अभी तक नहीं", "अद्याप नाही".
_YET_RE = re.compile(r"(?<!,)(?<!, )\byet\b|अभी तक|अब तक|अद्याप|अजून", re.IGNORECASE)
#: A firm no to what is to come: "will not", "won't", "never", "refuses to".
_FIRM_NO_RE = re.compile(
    r"\bwill\s+not\b|\bwon['’]t\b|\bnever\b|\brefus(?:e|es|ed)\b|\brule[sd]?\s+out\b",
    re.IGNORECASE,
)
#: Words before a negation making it the present perfect ("has not blocked").
_PERFECT = frozenset({"has", "have"})


def _not_yet(sentence: Sentence, negations: Sequence[tuple[Cue, int, int]]) -> str | None:
    """Before a deadline, what says "not yet": "yet", "अद्याप", "अभी तक" (`_YET_RE`), or
    one of the claim's negations in the present perfect ("a court has not blocked the
    fee", "hasn't filed"), when the sentence holds no firm no ("has not built it and
    won't release it", "never will"). The words, or None."""
    found = _YET_RE.search(sentence.text)
    if found:
        return found.group(0)
    if _FIRM_NO_RE.search(sentence.text):
        return None
    for _, start, end in negations:
        word = fold(sentence.original[start])
        if word.startswith(("hasn", "haven")):
            return sentence.said(start, end)
        if start and word == "not" and fold(sentence.original[start - 1]) in _PERFECT:
            return sentence.said(start - 1, end)  # (not "has no surplus water": it has none)
    return None


def _negated(
    ctx: _Context, sentence: Sentence, coverage: float, level: float | None
) -> Judgement | None:
    """A plain negation of the claim's proposition ("Chandrayaan-3 did not land at the pole").

    The negation must govern what the claim says beyond its subject; in a headline
    that says the claim in other words (its similarity ASSERTION_LEVEL spreads above
    the claim's usual: a paraphrase, another language), any live negation does
    ("सस्ते हार्डवेयर पर नहीं बना आर1").
    """
    headline = ctx.headline is not None and sentence.text == ctx.headline
    if ctx.profile.negated or not _speaks_for_story(ctx, sentence):
        return None
    claimed = _claims_negations(ctx.profile, sentence.words, ctx.lexicon)
    not_yet = (
        _not_yet(sentence, claimed)
        if ctx.profile.window is not None
        and claimed
        and _after_deadline(ctx.profile, ctx.published, ctx.now) is None
        else None
    )
    if not_yet:
        # "No breakthrough yet" before the deadline: not yet, which decides nothing (and
        # asserts nothing either).
        why = f'a negation with "{not_yet}" before the deadline: not yet'
        return Judgement(Stance.DISCUSSES, 0.5, sentence.text, (why,), "delay")
    window = _window(ctx, sentence)
    # Not a negation from another clause ("Pandya did not play again; Shami took most
    # wickets"): it must stand in a clause that says something of the claim.
    negations = [
        cue
        for cue in _claims_negations(ctx.profile, sentence.words, ctx.lexicon)
        if _in_claims_clause(ctx, sentence, cue[1])
        and not _negates_claimed_effect(ctx, sentence, cue[1], cue[2])
        and not _no_more(ctx, sentence, cue[1], cue[2])
        and not _in_reason(ctx, sentence, cue[1])
        and not _not_only(sentence, cue[1])
        # nor from a second statement after ", says" that holds nothing of the claim
        # ("Wangchuk calls off border march, says Ladakh 'will not give anyone an excuse'")
        and not _said_apart(ctx, sentence, cue[1])
        # nor one of another figure ("No, 1,000 people did not die" for a toll of 231)
        and not _aims_at_rival_figure(ctx.profile, sentence, cue[1])
        # nor one in a piece of its own that holds none of the claim ("उम्र नहीं,
        # जमाखोरी थी ... असली वजह": not age, hoarding was the reason)
        and not _negation_apart(ctx, sentence, cue[1], cue[2])
        # (In an English headline a short statement is one too: "..., no feeding on
        # streets"; in Hindi and Marathi, "हावडा नव्हे, ..." and "बॉट्समुळे नव्हे, ..." set a
        # rival against the claim's own word, which may go unrecognised.)
        and not (
            headline
            and not is_devanagari(sentence.original[cue[1]])
            and _negation_apart(ctx, sentence, cue[1], cue[2], short=True)
        )
        # nor one telling that nothing was done, of a claim that something was ignored
        # ("the alert was not acted upon", "कोई कार्रवाई नहीं की गई": it agrees)
        and not _tells_inaction(ctx, sentence, cue[1], cue[2])
    ]
    if _asserts(ctx, sentence, coverage, level):
        for _, start, end in negations:
            # "could not <verb>" denies what follows it ("India could not qualify"; "the
            # foundation could not take the load" denies no foundation).
            ahead = _after_could(sentence, start)
            if _governed(ctx.profile, sentence, start, end, window, ctx.marks, forward=ahead):
                why = f'negation "{sentence.said(start, end)}" denies the claim\'s own words'
                return Judgement(Stance.CONTRADICTS, 0.55, sentence.text, (why,), "negation")
    # A headline stating the claim's proposition with a negation in it denies it,
    # whatever the negation is next to: "TVS, not Ola Electric, led 2023",
    # "सस्ते हार्डवेयर पर नहीं बना आर1" (the claim in other words or another language).
    # ("could not <verb>" denies only what follows it, here too.)
    negations = [
        n
        for n in negations
        if not _after_could(sentence, n[1]) or _piece_holds(sentence, n[1], ctx.wanted, after=True)
    ]
    if negations and headline and about_proposition(coverage, level):
        _, start, end = negations[0]
        why = (
            f'negation "{sentence.said(start, end)}" in a headline that states the claim'
            f" ({_assertion_words(coverage, level)})"
        )
        return Judgement(Stance.CONTRADICTS, 0.5, sentence.text, (why,), "negation")
    return None


#: Words of acting on something, which a negation beside them says was not done ("not
#: acted upon", "no action", "went unheeded"; "कोई कार्रवाई नहीं", "कारवाई झाली नाही").
_ACTION_WORDS = frozenset(
    fold(word)
    for word in (
        "act", "acted", "action", "actions", "actioned", "heed", "heeded", "respond",
        "responded", "response", "कार्रवाई", "कार्यवाही", "कारवाई", "दखल", "ध्यान", "लक्ष",
    )
)  # fmt: skip
#: How far from its negation an action word may stand (words).
_ACTION_REACH = 3


def _tells_inaction(ctx: _Context, sentence: Sentence, start: int, end: int) -> bool:
    """For a claim that something was ignored (`ClaimProfile.neglect`), does the negation at
    words `start`-`end` say it was not acted on: an action word (`_ACTION_WORDS`) within
    `_ACTION_REACH` words after it, or before it ("no action was taken", "the alert was
    not acted upon", "उस अलर्ट पर कोई कार्रवाई नहीं की गई")? Then it agrees with the
    claim, as the claim's word "ignored" would. Not a negation of the neglect word
    itself ("were not ignored; action taken", "दुर्लक्ष केले नाही, लगेच कारवाई केली")."""
    if not ctx.profile.neglect:
        return False
    near = [fold(w) for w in sentence.original[max(0, start - _ACTION_REACH) : end + _ACTION_REACH]]
    if any(word.startswith(NEGLECT_STEMS) for word in near):
        return False  # "were not ignored", "अनदेखी नहीं की": the neglect itself denied
    return not _ACTION_WORDS.isdisjoint(near)


#: What parts a sentence into statements a negation may stand apart in: commas (not in
#: a figure), semicolons, colons, bars and dashes ("स्कूल बोला- पेपर हमारे यहां नहीं खुला").
_STATEMENT_BREAKS = re.compile(r"(?<!\d),|,(?!\d)|[;:|]|\s[-–—]\s|(?<=\S)[-–—]\s|—")


#: Words opening a contrast with what the piece before says ("..., not from the taps").
_CONTRASTS = frozenset({"not", "no", "never", "nor", "rather"})
#: Words besides the negation a piece needs to be a statement of its own.
_STATEMENT_WORDS = 3


def _negation_apart(
    ctx: _Context, sentence: Sentence, start: int, end: int, short: bool = False
) -> bool:
    """Is the negation at words `start`-`end` in a piece of the sentence (`_STATEMENT_BREAKS`)
    that holds none of the claim's words but a statement of its own, while another piece
    holds the claim's ("TTD blacklists AR Dairy, laddu prices will not rise")? A bare
    "No," stands for the whole sentence and a contrast ("..., not human fans") sets a
    rival against the claim: neither is apart. (A short second statement after ",
    says" is `_said_apart`'s.) `short`: a statement of one or two words is one too ("...,
    no feeding on streets", "'not about polls', says Uddhav"), and "no" opens no
    contrast: for an English headline, whose pieces are short, when it is read for any
    negation in it."""
    parts = sentence.parts(_STATEMENT_BREAKS)
    if len(parts) < 2:
        return False
    wanted = ctx.wanted
    stop = all_stopwords()
    inside = False
    for first, last, text in parts:
        if first <= start < last:
            if sentence.holds(wanted, first, last):
                return False
            if ctx.profile.quantity is not None and find_numbers(text):
                return False  # a figure against the claim's ("ढाई लाख नहीं, चार लाख")
            others = [
                i
                for i in range(first, last)
                if not start <= i < end and fold(sentence.original[i]) not in stop
            ]
            least, contrasts = (1, _CONTRASTS - {"no"}) if short else (_STATEMENT_WORDS, _CONTRASTS)
            if (
                short
                and (
                    not _follows_a_statement(ctx, sentence, parts, first)
                    # ("..., says it will not happen": "it" stands for the claim)
                    or any(w in _BACK_REFERENCES for w in sentence.words[first:last])
                )
            ):
                return False
            if len(others) < least or fold(sentence.original[first]) in contrasts:
                # "No," or a contrast ("not human fans", "not from anything flowing
                # through municipal taps"): not a statement of its own
                return False
            inside = True
    if not inside:
        return False
    return any(
        sentence.holds(wanted, first, last) for first, last, _ in parts if not first <= start < last
    )


def _follows_a_statement(
    ctx: _Context, sentence: Sentence, parts: Sequence[tuple[int, int, str]], first: int
) -> bool:
    """Does the piece starting at word `first` follow, after a comma or a semicolon, a
    piece holding the claim's words ("dogs to return to their areas, no feeding on
    streets")? Not after a colon or a dash, where a headline's "no" answers its
    subject ("Rivet Metro 2026 fares: no change", "fares - no hike"), nor after a
    piece of a list holding none of it ("new lines, new coaches, no costlier
    tickets"). `parts` is the sentence split by `_STATEMENT_BREAKS`, whose k-th match
    stands between parts k and k + 1."""
    at = next((k for k, part in enumerate(parts) if part[0] == first), 0)
    if at == 0:
        return False
    breaks = _STATEMENT_BREAKS.findall(sentence.text)
    start, end, _ = parts[at - 1]
    return breaks[at - 1].strip() in (",", ";") and sentence.holds(ctx.wanted, start, end)


def _said_apart(ctx: _Context, sentence: Sentence, index: int) -> bool:
    """Is word `index` in a sentence's second statement (after ", says"), a piece holding
    none of the claim's words, nor a pronoun standing for them ("says it will not
    happen"), while the statement before holds some?"""
    breaks = [b for b in sentence.speech_breaks if b <= index]
    if not breaks:
        return False
    start, end = sentence.piece_of(index, COMMA_BREAKS)
    start = max(start, breaks[-1])
    if any(w in _BACK_REFERENCES for w in sentence.words[start:end]):
        return False
    return not sentence.holds(ctx.wanted, start, end) and sentence.holds(ctx.wanted, 0, breaks[-1])


#: Pronouns by which a second statement speaks of what the first said.
_BACK_REFERENCES = frozenset({"it", "this", "these", "those", "they"})


def _act_denied(
    ctx: _Context, sentence: Sentence, coverage: float, level: float | None
) -> Judgement | None:
    """For a claim that an act was done "without" something, a negation of the act
    itself ("never handed the contract to Ravi Infra", "was not reopened"): not near
    what the claim says was missing, in a sentence stating the claim's act."""
    profile = ctx.profile
    if not profile.without or not _asserts(ctx, sentence, coverage, level):
        return None
    for _, start, end in live_negations(sentence.words, ctx.lexicon):
        if _near_denied(profile, sentence.words, start, end) or not _in_claims_clause(
            ctx, sentence, start
        ):
            continue
        negated = _first_content_word(sentence, end)
        if negated is not None and sentence.marks[negated] & profile.granted:
            why = f'negation "{sentence.said(start, end)}" denies the act the claim says was done'
            return Judgement(Stance.CONTRADICTS, 0.55, sentence.text, (why,), "negation")
    return None


def _first_content_word(sentence: Sentence, start: int) -> int | None:
    """The index of the first word from `start` that is no stopword, auxiliary or -ly
    adverb: what a negation before it denies ("was never formally handed": handed)."""
    stop = all_stopwords()
    for index in range(start, min(start + 6, len(sentence.original))):
        word = fold(sentence.original[index])
        if word in stop or word in AUXILIARIES or word.endswith("ly"):
            continue
        return index
    return None


def _after_could(sentence: Sentence, index: int) -> bool:
    """Is the negation at word `index` a "could not", denying what follows it?"""
    return index > 0 and sentence.words[index - 1] == "could"


def _negates_claimed_effect(ctx: _Context, sentence: Sentence, start: int, end: int) -> bool:
    """Does the negation at words `start`-`end` negate the effect a cause claim itself
    negates ("the first test showed no alcohol", for "showed no alcohol because the
    sample was swapped"; in Hindi and Marathi the object before it, "मद्य आढळले
    नाही")? Then it agrees with the claim."""
    negated = ctx.profile.effect_negated
    if not negated:
        return False
    if is_devanagari(sentence.original[start]):
        return sentence.holds(negated, max(0, start - 3), start)
    return sentence.holds(negated, end, end + 3)


#: Words after a negation that make it say something stopped: "no more benefit shows",
#: "no longer", "not anymore" (not "no more than two trains", a bound); and before a
#: Hindi or Marathi one: "अब नहीं", "यापुढे ... नाही" (not "अब तक", "अब भी": not yet,
#: still not).
_NO_MORE_AFTER = frozenset({"more", "longer", "anymore"})
_NO_MORE_BEFORE = frozenset({"अब", "यापुढे"})
_NOT_NO_MORE_AFTER = frozenset({"तक", "भी", "than"})
#: ... or a time from which on it is not done, a few words from the negation in its
#: comma piece: "would not allow benefit shows from now on", "henceforth", "अब से",
#: "आगे से", "इथून पुढे".
_FROM_NOW_ON_RE = re.compile(r"\bfrom now on\b|\bhenceforth\b|अब से|आगे से|इथून पुढे", re.IGNORECASE)
_FROM_NOW_ON_REACH = 14


def _no_more(ctx: _Context, sentence: Sentence, start: int, end: int) -> bool:
    """For a claim that something stopped (`ClaimProfile.ceases`), is the negation at
    words `start`-`end` a "no more" ("No more benefit shows in Telangana, says Revanth"),
    or one a few words from a time from which on ("would not allow benefit shows from
    now on")? It says the claim's stop, no denial of it."""
    if not ctx.profile.ceases:
        return False
    words = sentence.words
    after = words[end : end + 2]
    if after and after[0] in _NO_MORE_AFTER and after[1:] != ("than",):
        return True
    for index in range(max(0, start - 3), start):
        following = words[index + 1] if index + 1 < len(words) else ""
        if sentence.original[index] in _NO_MORE_BEFORE and following not in _NOT_NO_MORE_AFTER:
            return True
    low, high = sentence.piece_of(start)
    near = sentence.original[
        max(low, start - _FROM_NOW_ON_REACH) : min(high, end + _FROM_NOW_ON_REACH)
    ]
    return bool(_FROM_NOW_ON_RE.search(" ".join(near)))


#: Words opening a reason, and how far before a negation they may stand: "took him to
#: hospital because no car was ready".
_REASON_OPENERS = stemmed("because")
_REASON_REACH = 3


def _in_reason(ctx: _Context, sentence: Sentence, index: int) -> bool:
    """Is the negation at word `index` in a reason the sentence gives for the claim's
    act, a reason holding none of the claim's words ("Rana took him to Lilavati
    Hospital because no car was ready")? It tells why, and denies nothing of the act
    ("... stinks because no garbage was cleared" is the act denied); not for a claim of
    a cause, whose reason it may deny."""
    if ctx.profile.causal:
        return False
    words = sentence.words
    for opener in range(max(0, index - _REASON_REACH), index):
        if words[opener] in _REASON_OPENERS:
            _, piece_end = sentence.piece_of(index)
            return not sentence.holds(ctx.wanted, opener + 1, piece_end)
    return False


def _in_claims_clause(ctx: _Context, sentence: Sentence, index: int) -> bool:
    """Is word `index` in a clause holding a word of what the claim says (`ctx.marks`)?
    True in a sentence of one clause."""
    if len(sentence.clauses) == 1:
        return True
    start, end = sentence.clause_of(index)
    wanted = ctx.wanted
    return sentence.holds(wanted, start, end)


def _figure_missing(profile: ClaimProfile, sentence: Sentence) -> bool:
    """The claim's figure has a unit (not a bare number, not a year) and the sentence
    holds no figure of the claim's kind and magnitude within tolerance."""
    quantity = profile.quantity
    if quantity is None or not profile.unit_keys or claims_a_year(quantity):
        return False
    return agreeing_figure(profile, sentence.text) is None


def _rival_value(ctx: _Context, sentence: Sentence) -> str | None:
    """Another side of a contrast the claim takes ("won bronze" for "won silver"), in a
    clause that says something of the claim, in a sentence speaking for the story
    where neither it nor the headline holds the claim's side; its reason, or None."""
    if not ctx.profile.contrasts or not _speaks_for_story(ctx, sentence):
        return None
    held = sentence.marks
    title = Sentence.read(ctx.headline).marks if ctx.headline else ()
    every = frozenset().union(*held, *title)
    for mine, others in ctx.profile.contrasts:
        if every & mine:
            # The claim's side named too, here or in the headline ("silver for X; gold
            # for Y", "the Tokyo gold medallist took silver"): a tally, not a rival.
            continue
        for index, marks in enumerate(held):
            if marks & others and _in_claims_clause(ctx, sentence, index):
                return f'says "{sentence.original[index]}", where the claim says otherwise'
    return None


def _rival_time(ctx: _Context, sentence: Sentence) -> str | None:
    """Another month or year for the claim's dated event ("its last flight in
    September 2024" for "on 11 November 2024"), in a clause that says what the claim
    says, when the sentence gives no time agreeing with the claim's; its reason."""
    claimed = ctx.profile.when
    if claimed is None or ctx.marks is None:
        return None
    times = find_times(sentence.text)
    if live_delays(sentence, ctx.lexicon):
        # Put off to a month ("defers the call to its May review"): a time for it too.
        times += find_months(sentence.text)
    if not times or any(claimed.agrees(t) for t in times):
        return None
    for time in times:
        if time.month != claimed.month or (
            time.year and claimed.year and time.year != claimed.year
        ):
            if reference_point(sentence.text, time.start, time.end, bounds=True):
                continue  # "barred from deposits after February 29": a bound, not the date
            index = word_index(sentence.text, time.start)
            if _in_claims_clause(ctx, sentence, index) and _clause_holds(
                sentence, time.start, ctx.marks
            ):
                return f"dates it to {_time_words(time)}, not {_time_words(claimed)}"
    return None


def _past_deadline(ctx: _Context, sentence: Sentence) -> str | None:
    """A time-bound claim's event put after its deadline ("now due in 2026", "cannot
    open before March 2026" for "by June 2025", "put off to December" in a story of
    November), in a clause saying what the claim says; its reason, or None. A
    reference point ("since 2018") is no such time."""
    window = ctx.profile.window
    if window is None:
        return None
    text = sentence.text
    found = [
        (time.start, time.end, date(time.year, time.month, time.day or 1))
        for time in find_times(text)
        if time.year
    ]
    found += [(m.start, m.end, date(int(m.value), 1, 1)) for m in find_numbers(text) if m.is_year]
    told = ctx.published or ctx.now
    if told is not None:
        # Put off to a month without its year ("pushed to December", "डिसेंबरपर्यंत
        # लांबणीवर"), or a start of the claim's event still to come ("flights from
        # December"): the next such month from the story's day.
        delayed = bool(live_delays(sentence, ctx.lexicon))
        found += _times_to_come(sentence, told.date(), delayed, ctx.wanted, ctx.lexicon)
    for start, end, earliest in found:
        if earliest <= window.by or reference_point(text, start, end, earlier=False):
            continue
        if _clause_holds(sentence, start, ctx.wanted):
            return f"puts it in {earliest:%B %Y}, after the deadline {window.by.isoformat()}"
    return None


#: Words a start is told with, before its time ("from December") or after it ("25
#: दिसंबर से", "डिसेंबरपासून").
_START_BEFORE = frozenset({"from", "starting", "beginning"})
_START_AFTER = ("से", "पासून")


def _times_to_come(
    sentence: Sentence,
    told: date,
    delayed: bool = False,
    event: frozenset[str] = frozenset(),
    lexicon: Lexicon | None = None,
) -> list[tuple[int, int, date]]:
    """Months and dates without a year that the sentence tells as to come: after a delay
    (`delayed`: "pushed to December"), or as the start of the claim's event ("flights
    from December", "25 दिसंबर से उड़ानें": a word of `event` beside the time, and no
    stopping in its clause: "closed to traffic from December" tells a past closure;
    "tolls charged from November" another start); each as the next such day from `told`
    (the story's), with where the text writes it. (Not any month of a sentence with a
    word of the future: "it was first due in early September" is a past September.)"""
    text = sentence.text
    out = []
    for time in (*find_times(text), *find_months(text)):
        if time.year is not None:
            continue
        if not (
            (delayed and time.day is None)  # (a day put off to, "time until October 21", is a date)
            or (event and _starts_event(sentence, time, event, lexicon))
        ):
            continue
        day = time.day or 1
        # (A month alone is to come in the story's own month too: "from October".)
        earliest = told if time.day is not None else told.replace(day=1)
        try:
            when = date(told.year, time.month, day)
            if when < earliest:
                if not delayed:
                    continue  # "18 जून से" in a July story: since then, not to come
                when = date(told.year + 1, time.month, day)
            elif not delayed and told - when.replace(year=when.year - 1) < when - told:
                continue  # "open from December 28" in a January story: since then
        except ValueError:
            continue  # (29 February in a year without one)
        out.append((time.start, time.end, when))
    return out


def _starts_event(
    sentence: Sentence, time: TimeMention, event: frozenset[str], lexicon: Lexicon | None
) -> bool:
    """Is the yearless time at `time` the start of the claim's event ("flights from
    December", "25 दिसंबर से उड़ानें", "डिसेंबरपासून उड्डाणे"): a start word by it, a
    word of `event` within two words of it, and no stopping in its clause?"""
    text = sentence.text
    before = [w.strip("(\"'") for w in text[: time.start].split()[-1:]]
    after = text[time.end :].split()[:1]
    glued = text[time.start :].split()[0] if time.end < len(text) else ""
    if not (
        (before and fold(before[0]) in _START_BEFORE)
        or (after and fold(after[0]) in _START_AFTER)
        or glued.endswith("पासून")
    ):
        return False
    first = word_index(text, time.start)
    last = word_index(text, max(time.start, time.end - 1))
    near = range(max(0, first - _START_REACH), min(len(sentence.marks), last + _START_REACH + 1))
    if not any(sentence.marks[i] & event for i in near if not first <= i <= last):
        return False
    low, high = sentence.clause_of(first)
    stops = lexicon.find("cease", sentence.words) if lexicon is not None else []
    return not any(low <= s < high for _, s, _ in stops) and not any(
        w in _CLOSED for w in sentence.words[low:high]
    )


#: How many words from a start's time the claim's event word may stand.
_START_REACH = 2
#: Words of a thing closed, beside a start that is then its closure's ("बंद").
_CLOSED = stemmed("closed", "shut", "suspended", "बंद")


def _piece_holds(
    sentence: Sentence, index: int, marks: frozenset[str], after: bool = False
) -> bool:
    """Does the comma-parted piece of word `index` hold one of `marks` besides it (only
    after it, with `after`)?"""
    first, last = sentence.piece_of(index)
    first = index + 1 if after else first
    return any(
        sentence.marks[i] & marks
        for i in range(first, min(last, len(sentence.marks)))
        if i != index
    )


def _active_verb(sentence: Sentence, index: int) -> bool:
    """Is word `index` an English verb in the present with its object after it
    ("Board cancels teen's bail"), not a participle after what it tells of ("Shah's
    tour cancelled")?"""
    word = sentence.original[index]
    return word.isascii() and word.endswith("s") and not word.endswith("ss")


def _clause_holds(sentence: Sentence, at: int, marks: frozenset[str]) -> bool:
    """Does the clause of the text at character `at` hold one of `marks` (a time given
    in a clause that says what the claim says)?"""
    first, last = sentence.clause_of(word_index(sentence.text, at))
    return sentence.holds(marks, first, last)


def _counts_what_none(ctx: _Context, sentence: Sentence) -> str | None:
    """A count of one or more of what the claim says there was none of ("two human
    deaths", "मौतों की संख्या 2" for "not a single death"), in a sentence speaking for
    the story; its reason, or None."""
    wanted = ctx.profile.none_of
    if not wanted or "?" in sentence.text or not _speaks_for_story(ctx, sentence):
        return None  # "no deaths? two in Bhavnagar raise questions" asks
    money = bool(wanted & _money_marks())
    for mention in find_numbers(sentence.text):
        if not mention.comparable or mention.is_percent or mention.value < 1:
            continue
        if money and unit_currency(mention.unit) is not None:
            # "has not released any money": "released ₹285 crore" counts some.
            return f"counts {mention.text} where the claim says there was none"
        first = word_index(sentence.text, mention.start)
        last = first + len(tokenize(mention.text))
        start, end = sentence.clause_of(first)
        near = range(max(start, first - 3), min(end, last + 3))
        if any(sentence.marks[i] & wanted for i in near if not first <= i < last):
            return f"counts {mention.text} where the claim says there was none"
    return None


#: Words for money in general, which a sum in any currency is some of.
_MONEY_WORDS = ("money", "funds", "fund", "cash", "amount", "पैसा", "पैसे", "राशि", "रक्कम", "निधी")


@functools.cache
def _money_marks() -> frozenset[str]:
    return marks_of(tuple(fold(word) for word in _MONEY_WORDS))


def _time_words(time: TimeMention) -> str:
    parts = [str(time.day)] if time.day else []
    parts.append(calendar.month_name[time.month])
    if time.year:
        parts.append(str(time.year))
    return " ".join(parts)


def _slot_missing(ctx: _Context, sentence: Sentence) -> bool:
    """The claim gives a slot a value the sentence does not hold: a date it states ("to
    15 March") or the name it ends on ("to Axis Bank"), when that name is part of what
    the claim says beyond the stream's subject. "Paytm moves nodal account to Yes Bank"
    says the rest of the claim with another value: it does not assert it."""
    profile = ctx.profile
    claimed = profile.when
    if claimed is not None and claimed.day is not None:
        times = find_times(sentence.text)
        if ctx.published is not None:
            # "inaugurated on Friday" in a story of Saturday 13 January gives the 12th.
            times += find_weekdays(sentence.text, ctx.published.date())
        if not any(claimed.agrees(time) for time in times):
            return True
    slot = profile.slot_marks if ctx.marks is None else profile.slot_marks & ctx.marks
    if slot:
        if _in_the_country(profile, sentence):
            return False
        return not sentence.holds(slot) and not _inflected_name(sentence, slot)
    return False


@functools.lru_cache(maxsize=1 << 10)
def _slot_preposition(claim: str) -> str:
    """The preposition before the name a claim ends on ("to Axis Bank": "to"), or ""."""
    found = SLOT_RE.search(claim.strip())
    return found.group(0).split()[0].casefold() if found else ""


def _in_the_country(profile: ClaimProfile, sentence: Sentence) -> bool:
    """Does the sentence say of the whole country what a claim ending "in India" says
    ("the costliest metro in the country", "देशातील सर्वात महागडी")? Only for India:
    "in Kerala", "in Asia" or "in Axis Bank" is no country (a second reader's cases),
    not outside it ("its biggest investment outside the country", "देश के बाहर"), nor
    in a sentence ranking it lower or setting another subject against it (`_RANKED_RE`).
    ("The country" of another nation named in the sentence is still read as India's.)"""
    return (
        not profile.slot_marks.isdisjoint(_INDIA_MARKS)
        and _slot_preposition(profile.claim.text) == "in"
        and sentence.holds(_COUNTRY_MARKS)
        and not _OUTSIDE_RE.search(sentence.text)
        and not _RANKED_RE.search(sentence.text)
    )


#: Words for the whole country a claim's "in India" may be told as.
_COUNTRY_MARKS = frozenset(
    stem(word) for word in ("country", "nationwide", "देश", "देशात", "देशातील", "देशभर", "देशभरात")
)
#: A rank below the first ("the third most expensive metro in the country"), or the
#: country's first told of another subject in a clause set against the claim's ("...,
#: while Mizoram has the highest literacy rate in the country").
_RANKED_RE = re.compile(
    r"\b(?:second|third|fourth|fifth|2nd|3rd|4th|5th|while|whereas)\b"
    r"|दूसर|तीसर|चौथ|जबकि|दुसऱ्या|तिसऱ्या|चौथ्या|दुसरा|तिसरा",
    re.IGNORECASE,
)
_INDIA_MARKS = frozenset(stem(word) for word in ("india", "bharat", "भारत"))
_OUTSIDE_RE = re.compile(
    r"\b(?:outside|beyond)\s+(?:the\s+)?country|\babroad\b|देश\s*(?:के|से)\s*बाहर|देशाबाहेर|देशाच्या\s*बाहेर",
    re.IGNORECASE,
)


def _rival_slot(ctx: _Context, sentence: Sentence) -> str | None:
    """Another name with the head of the claim's slot in the slot's place ("moves nodal
    account to Yes Bank" for "to Axis Bank"; "यस बैंक में"), in a clause saying what the
    claim says, where the sentence does not hold the claim's; its reason, or None. A name
    the claim itself holds ("from Paytm Payments Bank"), a bank left ("out of Kotak
    Bank"), a regulator ("Reserve Bank") or a common word ("another bank", "दूसरे
    बैंक") is none."""
    profile = ctx.profile
    slot = profile.slot_marks if ctx.marks is None else profile.slot_marks & ctx.marks
    if not slot or not profile.slot_head or not _slot_missing(ctx, sentence):
        return None
    preposition = _slot_preposition(profile.claim.text)
    stop = all_stopwords()
    for index in range(1, len(sentence.words)):
        if not sentence.marks[index] & profile.slot_head:
            continue
        before = sentence.original[index - 1]
        if (
            fold(before) in stop
            or fold(before) in _NOT_RIVAL_NAMES
            or sentence.marks[index - 1] & profile.key_words
        ):
            continue
        if is_devanagari(before):
            # In the slot's place: "यस बैंक में", "एचडीएफसी बँकेत" (in, into).
            after = sentence.original[index + 1] if index + 1 < len(sentence.original) else ""
            placed = after in _INTO_AFTER or sentence.original[index].endswith(_INTO_ENDINGS)
        else:
            # After the claim's own preposition: "to Yes Bank", "to the Yes Bank".
            ahead = [fold(w) for w in sentence.original[max(0, index - 4) : index - 1]]
            placed = before[:1].isupper() and preposition in ahead
        if placed and _in_claims_clause(ctx, sentence, index):
            return f'names "{before} {sentence.original[index]}" where the claim names another'
    return None


def _set_aside(ctx: _Context, sentence: Sentence) -> str | None:
    """What the claim says, set aside for something else ("ESOP costs, not new stores,
    drove the loss", "refurbished rather than pulled down", "पराली नव्हे, वाहनेच", "X
    नहीं, बल्कि Y"): its reason, or None.

    The words set aside must hold a word of the claim that the rest of the sentence
    does not say ("kept the repo rate at 6.5%, rather than cutting the repo rate" sets
    aside the cut, not the rate), the rest of the sentence another of its words, and
    the sentence what the claim says beyond the stream's subject. A claim that itself
    sets something aside or denies ("..., not as a library", "without permission") is
    read by its own rules, a figure the claim names too is no part of it set aside,
    and a question, a hedge or an allegation ("police suspect a short circuit, not
    arson") sets nothing aside.
    """
    profile = ctx.profile
    contrasts = _contrasts(sentence.text)
    if not contrasts or profile.negated or _sets_aside_itself(profile.claim.text):
        return None
    if "?" in sentence.text or _hedge_cues(ctx, sentence) or _alleged(ctx, sentence):
        return None
    for cue, start, end in contrasts:
        if not sentence.holds(ctx.wanted) or any(
            states_figure(profile, m.value) for m in find_numbers(cue)
        ):
            continue  # "spent ₹1,200 crore instead of the ₹300 crore budgeted": the claim's
        rest = [m for i, m in enumerate(sentence.marks) if not start <= i < end]
        aside = [
            m & profile.key_words
            for m in sentence.marks[start:end]
            if m & profile.key_words and not any(m & r for r in rest)
        ]
        if aside and any(marks & profile.key_words for marks in rest):
            return f'sets aside what the claim says: "{cue}"'
    return None


@functools.lru_cache(maxsize=1 << 10)
def _sets_aside_itself(claim: str) -> bool:
    """Does the claim set something aside or deny with "without" ("..., not as a
    library", "put up without permission")?"""
    return bool(_CONTRAST_RE.search(claim)) or "without" in claim.casefold()


@functools.lru_cache(maxsize=1 << 14)
def _contrasts(text: str) -> tuple[tuple[str, int, int], ...]:
    """The sentence's contrasts (`_CONTRAST_RE`): each one's words as written and the
    (start, end) word indices of what it sets aside."""
    out = []
    for found in _CONTRAST_RE.finditer(text):
        group = next(name for name in ("set", "before", "after") if found.group(name))
        if group == "before" and found.group(group).split()[-1] in ("ही", "च"):
            continue  # "मुंबई ही नहीं, बल्कि ठाणे भी": not only Mumbai
        start = word_index(text, found.start(group))
        out.append((" ".join(found.group(0).split()), start, word_index(text, found.end(group))))
    return tuple(out)


def _not_only(sentence: Sentence, index: int) -> bool:
    """Is the negation at word `index` a "not only" ("not just", "not merely", "ही
    नहीं") or a bound ("no more than ₹600"): no denial?

    (A contrast setting aside other words, "a short circuit, not arson", is still read
    as a negation: what it sets aside is often the claim's in other words, "routine,
    not a fix", "BMC, not FDA", a pronoun for it, "not because of it", or a qualifier
    of it, "a proposal, not a decision". Reading it as no negation when the set-aside
    words hold none of the claim's was tried twice and withdrawn, docs/benchmarks.md,
    engines 3.9 and 3.16.)"""
    if index > 0 and sentence.original[index - 1] in ("ही", "च"):
        return True  # "मुंबई ही नहीं, बल्कि ठाणे भी": not only Mumbai
    return bool(_NOT_ONLY_RE.match(" ".join(sentence.original[index : index + 4])))


#: "not only", and a bound told with a negation before a figure: "no more than ₹600" is
#: at most ₹600 ("spent no more than the budget" still denies).
_NOT_ONLY_RE = re.compile(
    r"not\s+(?:only|just|merely)\b|(?:no|not)\s+(?:more|less|fewer)\s+than\s+[\d०-९]",
    re.IGNORECASE,
)


#: "..., not new stores, ...", "not because of ...", "rather than ...", "instead of ...";
#: "... नव्हे", "... नहीं, बल्कि", "... नाही, तर", "न कि ...": the words set aside
#: (group "set", "before" or "after"). Not "not only", "not yet", "not a single".
_CONTRAST_RE = re.compile(
    r"(?:(?:^|[,;:(—–]\s*)not|\bnot\s+(?:because\s+of|due\s+to|owing\s+to)"
    r"|\brather\s+than|\binstead\s+of)\s+"
    r"(?!(?:only|just|merely|least|yet|even|always|all|necessarily|exactly|quite|much"
    r"|long|enough|sure|far|so|to|until|a\s+single|for\s+long|the\s+first\s+time)\b)"
    r"(?P<set>[^\s,;:.()?!]+(?:[^\S\n]+[^\s,;:.()?!]+){0,7})"
    r"|(?P<before>(?:[\u0900-\u097f]+\s+)?[\u0900-\u097f]+)\s+"
    r"(?:नव्हे|नहीं\s*,?\s*बल्कि|नाही\s*,\s*तर)(?![\u0900-\u097f])"
    r"|(?<![\u0900-\u097f])न\s+कि\s+(?P<after>[\u0900-\u097f]+(?:\s+[\u0900-\u097f]+)?)",
    re.IGNORECASE,
)


def _rival_agent(ctx: _Context, sentence: Sentence) -> str | None:
    """Another agent of the claim's act on what the claim acts on ("Prime Minister
    Narendra Modi inaugurated the BKC-Worli section" for "Chief Minister Devendra
    Fadnavis inaugurated the BKC-Worli stretch"; "एकनाथ शिंदे यांच्या हस्ते ...
    लोकार्पण"): its reason, or None.

    What the act is done to must stand in the agent's clause, two of its words if it
    has two, and not as another stage ("the first phase" for "the final stretch"). Not
    the claim's agent under another name ("IAF" for "the Indian Air Force"), a name the
    claim holds ("a day after rival Airtel" for "Airtel signed before Jio"), a sentence
    naming the claim's agent too ("along with", "while Neeraj Chopra won silver"), an
    agent under a negation, asking for the act or telling of it to come, and none in a
    question or for a claim of a cause."""
    profile = ctx.profile
    if not profile.agent_marks or profile.negated or profile.causal or "?" in sentence.text:
        return None
    spans = story_agents(sentence, profile.act_marks)
    if not spans or _other_phase(profile.claim.text, sentence):
        return None
    negations = [start for _, start, _ in live_negations(sentence.words, ctx.lexicon)]
    for start, end in spans:
        clause = sentence.clause_of(start)
        if sentence.holds(profile.agent_marks, *clause) or sounds_like(
            sentence, *clause, profile.agent_skeletons
        ):
            return None  # the claim's agent did it, alone or with others
        words = sentence.original[start:end]
        if profile.agent_short & (short_names(words) | {fold(w) for w in words}):
            return None  # under its short name ("IAF", "सीबीआई")
        own = [i for i in range(start, end) if not sentence.marks[i] & _generic_agent_marks()]
        if any(sentence.marks[i] & profile.key_words for i in own):
            continue  # a name the claim holds
        if is_devanagari(sentence.original[start]):
            # (Hindi and Marathi put the act and what it is done to in the agent's piece;
            # English may open with it: "Inaugurated by Modi on March 11, the first phase".)
            clause = sentence.piece_of(start)
        held = sum(1 for marks in profile.acted_on if sentence.holds(marks, *clause))
        if held < min(2, len(profile.acted_on)):
            continue  # ("inaugurated a bus depot at Uran": not the Panvel-Uran stretch)
        piece = sentence.piece_of(start, COMMA_BREAKS)
        if _tells_future(sentence.said(*piece)):
            continue  # (in its own piece: "..., seeks a report in four weeks" is another act)
        if any(clause[0] <= at < clause[1] for at in negations) or _cue_in_span(
            ctx.lexicon, sentence, piece, ("request", "plan")
        ):
            continue  # "did not inaugurate", "asked the Centre to declare" (not "...
            # takes suo motu cognisance, seeks a report": the request is another act)
        return f'names "{sentence.said(start, end)}" as the one who did what the claim says'
    return None


@functools.cache
def _generic_agent_marks() -> frozenset[str]:
    """The marks of the titles and heads of agents in every language (minister, मंत्री,
    प्रधानमंत्री, न्यायालय): no part of who an agent is."""
    return marks_of_words(sorted(GENERIC_AGENT_WORDS)) - all_stopwords()


#: Words before a slot's head that name no rival: a regulator, "another", "new".
_NOT_RIVAL_NAMES = frozenset(
    {
        "reserve", "state", "world", "central", "another", "new", "other", "its", "their",
        "रिज़र्व", "रिजर्व", "रिझर्व्ह", "दूसरे", "दूसरी", "दूसरा", "अन्य", "किसी", "नए", "नई",
        "नवीन", "इतर", "दुसऱ्या", "दुसरी", "दुसरे", "केंद्रीय", "स्टेट",
    }
)  # fmt: skip
#: A Hindi or Marathi slot's place after its head: "बैंक में", "बँकेत", "बँकेकडे".
_INTO_AFTER = frozenset({"में", "मे", "को", "कडे", "ला"})
_INTO_ENDINGS = ("त", "ला", "कडे")


def _inflected_name(sentence: Sentence, slot: frozenset[str]) -> bool:
    """Does a Devanagari word of the sentence sound like the slot's name with an ending
    ("मुंबईत", in Mumbai; "पुण्यात")? By sound keys of four letters or more."""
    keys = [mark for mark in slot if mark.startswith("~") and len(mark) > 4]
    return any(
        mark.startswith(key)
        for word, marks in zip(sentence.original, sentence.marks, strict=True)
        if is_devanagari(word)
        for mark in marks
        for key in keys
    )


def _asserted(
    ctx: _Context, sentence: Sentence, coverage: float, level: float | None
) -> Judgement | None:
    """A sentence that states the claim's proposition without hedging, or one naming its year.

    No cue and no agreeing figure is not enough: the sentence must say what the
    claim says (`_asserts`). A confirming cue ("confirmed", "पुष्टी") counts only in
    such a sentence.
    """
    # After a deadline the claim's own verb dates the act best ("launched on Friday,
    # 14 February" for "will launch ... by 31 December 2024"): every confirming cue.
    acts = ctx.lexicon.find("confirm", sentence.words)
    confirms = _claims_confirms(ctx.profile, sentence, ctx.lexicon)
    window = ctx.profile.window
    late = _after_deadline(ctx.profile, ctx.published, ctx.now)
    if late is not None and window is not None and acts and _speaks_for_story(ctx, sentence):
        # After a time-bound claim's deadline, a report of the event with its date
        # ("released R2 on May 10") decides, in a story about the claim.
        _, at, end = acts[0]
        dated = _dated(sentence, sentence.said(at, end), late, window.by, at, ctx=ctx)
        if dated.stance.decisive:
            return dated
    governing = _governing_confirmation(ctx, sentence, coverage, level)
    if governing is not None and not _asserts(ctx, sentence, coverage, level):
        return Judgement(Stance.CORROBORATES, 0.6, sentence.text, (governing,), "confirm")
    if not _asserts(ctx, sentence, coverage, level):
        return None
    if (
        ctx.profile.negated
        and not _claims_negations(ctx.profile, sentence.words, ctx.lexicon)
        and not _describes_denied(ctx, sentence)
        # (a failure to do what it denies says its "did not": "valves fail to open")
        and not _fails_to_do_denied(ctx, sentence)
    ):
        # A negative claim's words without a negation: the opposite when they say what
        # it denies (its words beyond the stream's subject: "toll", not "coastal
        # road"), and no statement of it in any case.
        if _tells_future(sentence.text) is not None:
            return None  # "will pay compensation": a promise, not the denied act done
        denied = ctx.profile.denied
        if denied and not sentence.holds(denied & ctx.wanted or denied):
            return None
        if _ONLY_SOME_RE.search(sentence.text):
            # "just 38 per cent of the families had been paid", "केवळ २८६ जणांनाच नोकरी": a
            # few done, the rest not, which says the claim's "most have not", not its opposite.
            return None
        if withouts(sentence.words, denied):
            # "Missing Kavach turned a signal error into a catastrophe", "गटार व्यवस्था
            # नसल्याने": an absence of what the claim denies, told without a negation word,
            # is no opposite of the claim's denial (nor, "the year ended without the fresh
            # advertisement", a statement of it: only a claim of an act done without
            # something reads it as one, `_claims_negations`).
            return None
        why = "asserts what the claim denies"
        return Judgement(Stance.CONTRADICTS, 0.55, sentence.text, (why,), "negative_claim")
    if (
        ctx.profile.claim.quantity is not None
        or _figure_missing(ctx.profile, sentence)
        or _slot_missing(ctx, sentence)
    ):
        # The figure is the point of a claim with a `quantity` hint, or one whose figure
        # has a unit ("₹470 crore", "100 grams", "15 March"): a sentence that does not
        # state it (rule 6 would have) neither confirms nor asserts it.
        return None
    said = _assertion_words(coverage, level)
    if late is not None and window is not None:
        cue = sentence.said(acts[0][1], acts[0][2]) if acts else "states it"
        cue_at = acts[0][1] if acts else None
        return _dated(sentence, cue, late, window.by, cue_at, asserted=True, ctx=ctx)
    if confirms:
        _, start, end = confirms[0]
        cue = sentence.said(start, end)
        why = f'confirming cue "{cue}" in a sentence stating the claim ({said})'
        return Judgement(Stance.CORROBORATES, 0.7, sentence.text, (why,), "confirm")
    if _two_accounts(ctx, sentence):
        # "Residents say the landfill flooded them, while CIDCO says ...": one account set
        # against another states neither.
        why = f"weighs one account against another ({said}): reports the claim, asserts neither"
        return Judgement(Stance.DISCUSSES, 0.55, sentence.text, (why,), "hedge")
    if ctx.headline is not None and sentence.text == ctx.headline:
        why = f"the headline states it without hedging ({said})"
    else:
        why = f"states it without hedging ({said})"
    return Judgement(Stance.CORROBORATES, 0.55, sentence.text, (why,), "assert")


#: The nouns of a deadline or target, per language.
_EN_DEADLINES, _HI_DEADLINES, _MR_DEADLINES = (
    "deadline|target",
    "समय-?सीमा|डेडलाइन|लक्ष्य",
    "मुदत|डेडलाइन|उद्दिष्ट",
)
#: A deadline said to be met or beaten ("ahead of the November deadline", "meets
#: September deadline", "मार्च २०२४ च्या मुदतीआधीच", "समय-सीमा से पहले"), or the event
#: told as in time.
_DEADLINE_MET_RE = re.compile(
    rf"\b(?:ahead\s+of|before|meets?|met|beat(?:s|ing)?)\s+(?:\S+\s+){{0,4}}?"
    rf"(?:{_EN_DEADLINES}|schedule)\b|\b(?:on|in)\s+time\b|\bahead\s+of\s+schedule\b"
    rf"|(?:{_HI_DEADLINES}|{_MR_DEADLINES}|वेळे|समय)\S*\s*(?:से\s+पहले|आधी|पूर्वी)",
    re.IGNORECASE,
)
#: Once the deadline has passed, also a deadline kept ("done by March deadline",
#: "within the deadline", "मुदतीत पूर्ण", "समय-सीमा में"; not "मुदतीत वाढ", more time
#: within it): before it passes, these put the plan by its deadline.
_DEADLINE_KEPT_RE = re.compile(
    rf"\b(?:within|by(?!\s+the\s+time))\s+(?:\S+\s+){{0,4}}?(?:{_EN_DEADLINES})\b"
    r"|मुदतीत(?!\s*(?:वाढ|मुदतवाढ))|(?:समय-?सीमा|डेडलाइन)\s+(?:में|के\s+भीतर)(?!\S)",
    re.IGNORECASE,
)
#: Near a deadline said met, a negation: it was not ("not completed by the deadline",
#: "didn't finish before the deadline", "मुदतीत पूर्ण झाले नाही").
_NOT_MET_RE = re.compile(
    r"\b(?:not|never|fail(?:s|ed)?)\b|n['’]t\b|नहीं|नाही|नव्हत|(?<!\S)न(?!\S)", re.IGNORECASE
)
#: How far around a deadline said met a negation is read (characters).
_NOT_MET_REACH = 30
#: Near a deadline's extension, a negation or refusal: none was given ("without any
#: extension", "no extension was sought", "समय-सीमा नहीं बढ़ेगी", "मुदतवाढ नाकारली").
_NO_EXTENSION_RE = re.compile(
    rf"{_NOT_MET_RE.pattern}|\b(?:without|no|denie[sd]|refuse[sd]|reject(?:s|ed))\b"
    r"|बिना|नाकार|फेटाळ|ठुकरा",
    re.IGNORECASE,
)
#: Before a deadline said met, words of an aim, not a deed ("would beat the deadline",
#: "hopes to finish on time"); "to" is one only right before the verb ("to meet its June
#: target", "to finish on time", "to be completed ahead of schedule"), not in "opened to
#: the public ahead of the deadline".
_AIMED = frozenset(
    {
        "will", "would", "could", "can", "should", "must", "may", "might", "shall",
        "aims", "aim", "hopes", "hope", "expects", "expected", "confident", "likely",
    }
)  # fmt: skip
#: After a Hindi or Marathi deadline said met, a future ("समय-सीमा से पहले पूरा होगा",
#: "मुदतीआधी पूर्ण होईल", "पूर्ण करणार").
_FUTURE_AFTER_RE = re.compile(r"\s*(?:\S+\s+){0,2}?\S*(?:गा|गी|गे|ईल|तील|णार)(?:\s|$|[,.।])")


def _deadline_met(text: str, passed: bool = False) -> re.Match[str] | None:
    """Where the text says a deadline was met or beaten (`_DEADLINE_MET_RE`), not only
    aimed at ("to meet its June target", "समय-सीमा से पहले पूरा होगा") nor said not met
    ("was not completed by the deadline", "मुदतीत पूर्ण झाले नाही"), or None. Once the
    deadline has `passed`, a deadline kept counts too (`_DEADLINE_KEPT_RE`), and only a
    deadline named: "on time" may be anything's ("the contractor was paid on time")."""
    kept = _DEADLINE_KEPT_RE.finditer(text) if passed else ()
    for found in itertools.chain(_DEADLINE_MET_RE.finditer(text), kept):
        if passed and not _DEADLINE_NOUN_RE.search(found.group(0)):
            continue
        before = [fold(word) for word in tokenize(text[: found.start()])[-4:]]
        aimed = any(word in _AIMED for word in before) or any(
            word == "to" and (i >= len(before) - 2 or before[i + 1] == "be")
            for i, word in enumerate(before)
        )
        if aimed or _FUTURE_AFTER_RE.match(text, found.end()):
            continue
        near = text[max(0, found.start() - _NOT_MET_REACH) : found.end() + _NOT_MET_REACH]
        if _NOT_MET_RE.search(near):
            continue
        return found
    return None


#: Words putting an event by a time, before it ("by December", "until February 28",
#: "before the end of March", "from August 1", "for an October cut") ...
_BY_TIME_BEFORE_RE = re.compile(
    r"\b(?:by|until|till|before|from|for)\s+(?:the\s+)?(?:end\s+of\s+|mid-?\s*|early\s+|"
    r"late\s+|an?\s+)?$",
    re.IGNORECASE,
)
#: ... or after it, in Hindi and Marathi ("31 मई तक", "मार्च के अंत तक", "मार्च से पहले",
#: "जूनपर्यंत", "डिसेंबरअखेर", "जूनच्या अखेरीस", "१ ऑगस्टपासून").
_BY_TIME_AFTER_RE = re.compile(
    r"\s*(?:के\s+(?:अंत|आखिर)\s+)?(?:तक|से\s+पहले)\b"
    r"|\s*(?:च्या|चे|ची)?\s*(?:अखेर|अखेरीस|पर्यंत|पासून|आधी)"
)
#: Glued to the month ("डिसेंबरअखेर", "जूनपर्यंत", "ऑगस्टपासून").
_BY_TIME_GLUED = ("अखेर", "पर्यंत", "पासून")
#: Words telling the act done: today, this week, and the past auxiliaries of Hindi
#: ("किया", "गया", "हुआ"; not "की", also "of", nor "कल", also "tomorrow") and Marathi
#: ("केले", "झाले", "गेले").
_DONE_WORDS = frozenset(
    {
        "today", "yesterday", "आज", "आजपासून", "काल",
        "किया", "किए", "गया", "गई", "गए", "गयी", "हुआ", "हुई", "हुए", "दिया", "दिए",
        "केले", "केला", "केली", "झाले", "झाला", "झाली", "गेले", "गेला", "गेली", "दिले", "दिला",
        "दिली",
    }
)  # fmt: skip
#: A done act's forms beyond its words: Marathi's passive ("बंद करण्यात आले", "पूर्ण
#: करण्यात आली"), Hindi's perfect ("पहुंच चुका है", "हो चुकी थी") and an act begun
#: ("पानी मिलने लगा है").
_DONE_FORM_RE = re.compile(
    r"(?:ण्यात\s+(?:आले|आली|आला|आल्या)"
    r"|(?<!\S)(?:चुक|लग)(?:ा|ी|े)\s+(?:है|हैं|था|थी|थे))(?![^\s,.;।])"
)
_THIS_WEEK_RE = re.compile(
    r"\bthis\s+week\b|\bfirst\s+day\b|\bas\s+promised\b|इस\s+(?:हफ्ते|सप्ताह)|"
    r"या\s+आठवड्यात|पहले\s+दिन|पहिल्या\s+दिवशी",
    re.IGNORECASE,
)


def _before_deadline_day(ctx: _Context) -> date | None:
    """The story's day when the claim has a deadline and the story is dated before its
    day (on the day itself, the event may be told done that day)."""
    window, published = ctx.profile.window, ctx.published
    if window is None or published is None or published.date() >= window.by:
        return None
    return published.date()


def _plan_restated(ctx: _Context, sentence: Sentence) -> str | None:
    """Before a time-bound claim's deadline, a sentence putting the claim's event by the
    deadline's own time ("Fort Kochi water metro service by December, says KMRL",
    "डिसेंबरअखेर निर्णय", "31 मई तक नल से पानी") without a word of it done restates the
    plan: its reason, or None. Not where the time is no "by" ("opens as March works
    wrap up", "जून में ही नहर पूरी की"), the deadline is said met or beaten ("ahead of
    the November deadline", "मुदतीआधीच पूर्ण"), the claim's act is told done
    ("completed", "किया", "केले", "today", "this week"), or a past date or day of the
    week dates it ("flew out of the Maldives on Friday")."""
    window, day = ctx.profile.window, _before_deadline_day(ctx)
    if window is None or day is None:
        return None
    text = sentence.text
    deadline = TimeMention(window.by.month, window.by.year, window.by.day)
    named = next(
        (
            t
            for t in (*find_times(text), *find_months(text))
            if t.agrees(deadline) and _by_the_time(text, t)
        ),
        None,
    )
    if named is None:
        return None
    acts = _promised_acts(ctx.profile.claim.text)
    if any(fold(word) in acts for word in sentence.original):
        return None  # the claim's act told in the headline's present: "opens ... by May 31"
    written = text[named.start : named.end]
    if any(d.when <= day and d.text not in written for d in find_dates(text, day)):
        return None  # a past date of its own, not the deadline's: the act dated
    if _told_done(ctx, text, day):
        return None
    return (
        f"a story of {day.isoformat()}, before the deadline {window.by.isoformat()}, puts"
        f' the event by "{written}" and tells nothing of it done: restates the plan, discusses'
    )


def _told_done(ctx: _Context, text: str, day: date) -> bool:
    """Does the sentence, or any sentence of the story saying what the claim says, tell
    the claim's act done ("The first patients were treated on Wednesday", "produced its
    first packs", "ahead of the deadline", "किया", "this week", a past day of the week)?
    Not one on something else ("the minister said on Tuesday"). A part telling a
    deadline extended tells that deed done, not the claim's ("extended the deadline on
    Tuesday", "आणखी मुदत दिली"): only a deadline met counts in it."""
    return any(
        _tells_done(ctx, told, day)
        for told in {*ctx.told, text}
        if told == text or any(marks & ctx.wanted for marks in _owner_marks(told))
    )


def _tells_done(ctx: _Context, told: str, day: date) -> bool:
    """Does one sentence tell the claim's act done (`_told_done`)?"""
    if _deadline_met(told):
        return True
    if _EXTENDED_RE.search(told):
        told = " ; ".join(
            piece for piece in re.split(_PART_BREAKS, told) if not _EXTENDED_RE.search(piece)
        )
    read = Sentence.read(told)
    written_in_claim = _claim_words(ctx.profile.claim.text)
    return bool(
        _THIS_WEEK_RE.search(told)
        or _DONE_FORM_RE.search(told)
        or past_weekdays(told, day)
        or any(
            fold(word) in _DONE_WORDS and not _FUTURE_AFTER_RE.match(next_word)
            for word, next_word in itertools.pairwise([*read.original, ""])
        )  # (not "दिए जाएंगे", a future passive)
        or any(
            is_done_act(word)
            and marks & ctx.profile.key_words
            and fold(word) not in written_in_claim
            for word, marks in zip(read.original, read.marks, strict=True)
        )  # (not "piped" of a claim of piped water: its own word)
    )


@functools.lru_cache(maxsize=1 << 10)
def _claim_words(claim: str) -> frozenset[str]:
    """The folded words a claim is written in."""
    return frozenset(fold(word) for word in tokenize(claim))


#: A deadline or target talked of as such ("confident of meeting the September 30
#: deadline", "extended the deadline", "June target looks out of reach", "आणखी मुदत
#: दिली", "समय-सीमा बढ़ाई"): before it passes, a plan's progress, not the event.
#: More time given, without a deadline's noun: in English ("an extension", "more time"),
#: and in Hindi and Marathi ("मोहलत", "अगस्त तक का समय", "ऑगस्टपर्यंत वेळ").
_BARE_EXTENSION = r"extension|more\s+time"
_MORE_TIME = r"मोहलत|तक\s+का\s+(?:और\s+)?समय|पर्यंत(?:चा)?\s+वेळ"
_DEADLINE_TALK_RE = re.compile(
    rf"\b(?:{_EN_DEADLINES}|timeline)s?\b|\b(?:{_BARE_EXTENSION})\b"
    rf"|{_HI_DEADLINES}|{_MR_DEADLINES}|{_MORE_TIME}",
    re.IGNORECASE,
)


#: Where a sentence's parts meet ("...; the deadline for tenders was extended", "...
#: on Monday, and the deadline for applications was extended"): not a bare comma, which
#: sets off who said it ("extended the deadline, the IOA said on Tuesday").
_PART_BREAKS = r";|\s[-–—]\s|,\s*(?:and|but|while|और|लेकिन|आणि|तर|पण)\s"
#: Words qualifying a deadline that name no other thing ("its one-month deadline", "the
#: revised target", "आणखी मुदत").
_DEADLINE_QUALIFIERS = frozenset(
    {
        "new", "revised", "original", "final", "official", "extended", "fresh", "initial",
        "earlier", "tight", "ambitious", "own", "same", "आणखी", "नई", "नयी", "नवी", "नवीन",
        "अंतिम", "सुधारित",
    }
)  # fmt: skip
#: Spans of time qualifying a deadline ("one-month", "90-day": read as "month", "day").
_SPANS = frozenset({"day", "days", "week", "weeks", "month", "months", "year", "years"})


def _qualified_by_another(ctx: _Context, text: str, at: int) -> bool:
    """Is the deadline or target written at `at` another thing's, by the word right
    before it: a content word none of the claim's ("the council's sales target",
    "tender deadline", "अर्जाची मुदत")? Not a month, figure, span of time, word like
    "revised" or stopword ("meeting its September 30 deadline", "आणखी मुदत")."""
    read = Sentence.read(re.split(_SMALL_PIECE_BREAKS, text[:at])[-1])
    if not read.original:
        return False
    i = len(read.original) - 1
    word = fold(read.original[i])
    if (
        _month_of(read, i) is not None
        or word in _DEADLINE_QUALIFIERS
        or word in _SPANS
        or _names_nothing(read, i)
    ):
        return False
    return read.marks[i].isdisjoint(ctx.profile.key_words)


#: A deadline extended or more time given ("extended the deadline", "the deadline for
#: applications was extended", "an extension", "more time", "मुदतवाढ", "आणखी मुदत",
#: "समय-सीमा बढ़ाई", "मोहलत", "अगस्त तक का समय दिया", "ऑगस्टपर्यंत वेळ"; not "the line
#: extends to the airport").
_EXTENDABLE = rf"(?:{_EN_DEADLINES}|timeline|date)s?"
#: An extension or more time without a deadline's noun: of a deadline only with a new
#: time after it ("an extension to July 31", "more time till March").
_BARE_EXTENSION_RE = re.compile(_BARE_EXTENSION, re.IGNORECASE)
_EXTENDED_RE = re.compile(
    rf"\bextend(?:s|ed|ing)?\s+(?:\S+\s+){{0,3}}?{_EXTENDABLE}\b"
    rf"|\b{_EXTENDABLE}\s+(?:\S+\s+){{0,6}}?extended\b|\b(?:{_BARE_EXTENSION})\b"
    r"|मुदतवाढ|(?:आणखी|अधिक|वाढीव)\s+मुदत|(?:समय-?सीमा|डेडलाइन)\S*\s+(?:\S+\s+)?बढ़"
    rf"|{_MORE_TIME}",
    re.IGNORECASE,
)


def _deadline_talked(ctx: _Context, sentence: Sentence) -> str | None:
    """Before a time-bound claim's deadline, a sentence stating the claim that talks of a
    deadline or target as such, with nothing of the event told done (`_told_done`),
    tells how the plan stands: its reason, or None."""
    window, day = ctx.profile.window, _before_deadline_day(ctx)
    if window is None or day is None:
        return None
    found = _DEADLINE_TALK_RE.search(sentence.text)
    if found is None or _qualified_by_another(ctx, sentence.text, found.start()):
        return None
    if _told_done(ctx, sentence.text, day):
        return None
    return (
        f"a story of {day.isoformat()}, before the deadline"
        f' {window.by.isoformat()}, speaks of "{found.group(0)}" and tells nothing of the'
        " event done: how the plan stands, discusses"
    )


@functools.lru_cache(maxsize=1 << 10)
def _promised_acts(claim: str) -> frozenset[str]:
    """The present forms of the verb a time-bound claim promises ("will open": opens;
    "will begin": begins; "will launch": launches), folded; not "will be ..."."""
    words = [fold(word) for word in tokenize(claim)]
    return frozenset(
        form
        for before, verb in itertools.pairwise(words)
        if before == "will" and verb not in ("be", "have", "not")
        for form in (verb + "s", verb + "es")
    )


def _by_the_time(text: str, time: TimeMention) -> bool:
    """Is the time written as the one an event is due by ("by December", "31 मई तक",
    "डिसेंबरअखेर", "before the end of March")?"""
    written = text[time.start : time.end]
    return (
        any(written.endswith(glued) for glued in _BY_TIME_GLUED)
        or bool(_BY_TIME_BEFORE_RE.search(text[: time.start]))
        or bool(_BY_TIME_AFTER_RE.match(text, time.end))
    )


def _two_accounts(ctx: _Context, sentence: Sentence) -> bool:
    """Does a sentence telling who says what (an attribution cue) weigh one account
    against another (`_weighs_two_sides`: "residents say A, while officials blame B")?"""
    return _weighs_two_sides(sentence.text) and bool(
        ctx.lexicon.find("attribution", sentence.words)
    )


def _weighs_two_sides(text: str) -> bool:
    """Does the text set a second side against a first: ", while", "whereas", "जबकि" or
    a Marathi ", तर", followed by a word of someone's account ("while officials blame
    the rain", "जबकि सरकार इसे ... बता रही है")? Not a time ("collapsed while hundreds
    were on it") nor a list of figures ("121 की मौत जबकि 30 घायल")."""
    found = _TWO_SIDES_RE.search(text)
    if found is None:
        return False
    # (In the second side's own piece: "..., while hundreds were on it, police said" is
    # the sentence's teller, no second account.)
    side = re.split(PIECE_BREAKS, text[found.end() :])[0]
    return _OTHER_SIDE_RE.search(side) is not None


#: "Only" before a figure or a few: some done, the rest not ("only 38% of the families",
#: "just a few", "केवल 12", "केवळ २८६", "फक्त काही").
_ONLY_SOME_RE = re.compile(
    r"(?<!\bthe\s)\b(?:only|just|merely)\s+(?:about\s+|around\s+)?(?:[0-9][0-9,.]*|a\s+few|a\s+fraction|a\s+handful|some|one|two|three)\b"
    r"|(?:केवल|सिर्फ़?|मात्र|केवळ|फक्त)\s+(?:[0-9०-९][0-9०-९,.]*|कुछ|काही|एक|दो|दोन)",
    re.IGNORECASE,
)


def _accounts_either_side(text: str) -> bool:
    """Does an account stand on each side of a semicolon, the second another speaker's
    ("Canada says it expelled Verma; New Delhi insists it had withdrawn him", "Some
    glaciologists think ...; others point to ...")? Such a sentence answers no question
    a headline asks; a second statement of the first speaker ("MMRCL said ...; it denied
    ...") is no other account."""
    first, semicolon, second = text.partition(";")
    opening = second.split()[:1]
    return bool(
        semicolon
        and opening
        and fold(opening[0]) not in _SAME_SPEAKER
        and (_OTHER_SIDE_RE.search(first) or _MARATHI_SAID_RE.search(first))
        and _OTHER_SIDE_RE.search(second)
    )


#: Marathi "said" ("... केल्याचे सांगितले", "... असे म्हटले"): the first account's verb.
_MARATHI_SAID_RE = re.compile("सांगितले|म्हटले")


#: Pronouns opening a second statement by the first one's speaker.
_SAME_SPEAKER = frozenset(
    {"it", "he", "she", "they", "its", "his", "her", "their",
     "उसने", "उन्होंने", "उनका", "त्यांनी", "त्याने", "तिने", "त्यांचे"}
)  # fmt: skip
#: What sets a second side against a first.
_TWO_SIDES_RE = re.compile(r",\s*while\b|\bwhereas\b|जबकि|,\s*तर\s", re.IGNORECASE)
#: Words of an account on the second side: saying, blaming, crediting, disputing.
_OTHER_SIDE_RE = re.compile(
    r"\b(?:says?|said|claims?|claimed|blames?|blamed|credits?|credited|points?\s+to|"
    r"pointed\s+to|argues?|argued|insists?|insisted|maintains?|maintained|believes?|"
    r"disputes?|disputed|counters?|countered|denies|denied|rejects?|rejected|calls?|"
    r"called|attributes?|attributed|contends?|contended|repl(?:y|ies|ied)|responds?|"
    r"responded|notes?|noted|feels?|thinks?|warns?|warned|objects?|objected|according)\b"
    r"|कहना|कहते|कहती|कहा|मानना|मानते|मानती|लगता|बताते|बताती|बता\s+रह|दावा|आरोप|इनकार|खारिज|"
    r"जिम्मेदार|ज़िम्मेदार|मुताबिक|अनुसार|म्हणणे|म्हणतात|म्हणते|म्हणाले|मानतात|मते|वाटते|नुसार|"
    r"फेटाळ|जबाबदार|धरतात|सांगतात|नाकार|कोणी",
    re.IGNORECASE,
)


def _claims_confirms(
    profile: ClaimProfile, sentence: Sentence, lexicon: Lexicon
) -> list[tuple[Cue, int, int]]:
    """The sentence's confirming cues, less those that are the claim's own words: in
    "surplus water released from the reservoir", "released" is what the claim says,
    not a word confirming it ("Palaniswami blames the release" confirms nothing)."""
    own = _own_words(profile.claim.text)
    return [c for c in lexicon.find("confirm", sentence.words) if not own.issuperset(c[0].words)]


def _unnegated_confirms(ctx: _Context, sentence: Sentence) -> list[tuple[Cue, int, int]]:
    """`_claims_confirms` less those under a negation ("विनंती मान्य केलेली नाही", "इस
    आंकड़े की पुष्टि नहीं की": nothing granted or confirmed)."""
    negations = ctx.lexicon.find("negation", sentence.words)
    return [
        cue
        for cue in _claims_confirms(ctx.profile, sentence, ctx.lexicon)
        if scoping_negation(negations, cue[1], cue[2]) is None
    ]


@functools.lru_cache(maxsize=1 << 12)
def _own_words(text: str) -> frozenset[str]:
    """A claim's words as `Sentence` stems them."""
    return frozenset(Sentence.read(text).words)


def _governing_confirmation(
    ctx: _Context, sentence: Sentence, coverage: float, level: float | None
) -> str | None:
    """A confirming cue governing what the claim says, in a sentence about it that speaks
    for the story: "दीपसेकने आर 2 मॉडेल प्रसिद्ध केले" (released the R2 model). Its reason."""
    if ctx.profile.negated or ctx.profile.claim.quantity is not None:
        return None
    if not (_speaks_for_story(ctx, sentence) and about_proposition(coverage, level)):
        return None
    if _figure_missing(ctx.profile, sentence):
        return None  # a claim whose figure has a unit is confirmed with its figure only
    for _, start, end in _unnegated_confirms(ctx, sentence):
        target = _governed(ctx.profile, sentence, start, end, _window(ctx, sentence), ctx.marks)
        if target is not None:
            return f'confirming cue "{sentence.said(start, end)}" governs "{target}"'
    return None


#: How near the act a day of the week must stand in a sentence that also names a month
#: ("on Friday formally commissioned the port, five months after the December 2024
#: deadline").
_WEEKDAY_REACH = 3


#: How late a done act came, said outright: "two months after its March target", "a
#: week behind schedule", "three weeks late".
_LATE_BY_RE = re.compile(
    r"\b(?:(?:\w+|\d+)\s+)?(?:days?|weeks?|months?|years?)\s+"
    r"(?:late|behind schedule|after\s+(?:its|the|their|a)\b[^.;]{0,30}?\b"
    r"(?:deadline|target|timeline|due date))",
    re.IGNORECASE,
)


#: A deadline or target said to be missed or passed ("misses June deadline", "the June
#: 2025 target ... has passed", "समय-सीमा बीत गई", "मुदत हुकली"); "almost missed" met it.
_MISSED_DEADLINE_RE = re.compile(
    rf"(?<!almost )(?<!nearly )\bmiss(?:es|ed|ing)?\s+(?:\w+\s+){{0,3}}?(?:{_EN_DEADLINES})\b"
    rf"|\b(?:{_EN_DEADLINES})\b[^.;]{{0,80}}?\b(?:has|had|have)\s+(?:passed|lapsed|expired|gone by)"
    rf"|(?:{_HI_DEADLINES})[^।;]{{0,40}}?(?:बीत|गुज़र|गुजर|निकल गई|चूक)"
    rf"|(?:{_MR_DEADLINES})[^।;]{{0,40}}?(?:संपल|उलटल|ओलांडल|हुकल|चुकल)",
    re.IGNORECASE,
)


#: Before a deadline missed, words saying it was not ("did not miss", "never missed",
#: "feared missing", "before the deadline had passed"); after, "... से पहले", "... पूर्वी".
_NOT_MISSED_BEFORE_RE = re.compile(
    r"\b(?:not|never|n't|without|avoid\w*|fear\w*|risk\w*|before)\s+(?:\S+\s+){0,2}$",
    re.IGNORECASE,
)
_NOT_MISSED_AFTER_RE = re.compile(r"[\w\u0900-\u097f]*\s*(?:से\s+पहले|पूर्वी)")
#: The deadline's noun in a match, and what may qualify it after ("the deadline for the
#: parking lot", "पार्किंगची मुदत").
_DEADLINE_NOUN_RE = re.compile(f"{_EN_DEADLINES}|{_HI_DEADLINES}|{_MR_DEADLINES}", re.I)
_DEADLINE_FOR_RE = re.compile(r"\s+(?:for|to|of)\s+((?:[^\s,;:.।]+\s*){1,6})", re.I)


def tells_deadline_missed(*texts: str) -> bool:
    """Does any of the texts say some deadline or target was missed or passed
    (`_MISSED_DEADLINE_RE`)? A cheap look, before the rules decide whose."""
    return any(_MISSED_DEADLINE_RE.search(text) for text in texts)


def _claims_deadline_missed(sentence: Sentence, ctx: _Context | None) -> str | None:
    """The words saying the claim's own deadline was missed or has passed, or None
    (`_deadlines_missed`)."""
    found = next(_deadlines_missed(sentence, ctx), None)
    return None if found is None else found.group(0)


def _deadlines_missed(sentence: Sentence, ctx: _Context | None) -> Iterator[re.Match[str]]:
    """The places a sentence says a deadline of the claim was missed or has passed
    (`_MISSED_DEADLINE_RE`): not one said not to be missed ("did not miss the
    deadline", "feared missing the target", "before the deadline had passed", "मुदत
    संपल्यापूर्वीच"), nor another thing's, whose words qualifying it hold none of the
    claim's ("missed the deadline for the parking lot", "its ridership target",
    "सुशोभीकरणाची मुदत")."""
    text = sentence.text
    for match in _MISSED_DEADLINE_RE.finditer(text):
        if _NOT_MISSED_BEFORE_RE.search(text[max(0, match.start() - 40) : match.start()]):
            continue
        if _NOT_MISSED_AFTER_RE.match(text, match.end()):
            continue
        noun = _DEADLINE_NOUN_RE.search(match.group(0))
        if ctx is None or noun is None:
            yield match
            continue
        at = match.start() + noun.start()
        # What qualifies the deadline: the words between "missed" and it, or the one
        # (English) or two (Hindi, Marathi) words before it in its piece, and what
        # follows "for", "to" or "of" after it.
        if match.group(0).casefold().startswith("miss"):
            qualifiers = match.group(0)[: noun.start()].split()[1:]
        else:
            before = re.split(r"[;,:।]", text[max(0, at - 40) : at])[-1].split()
            qualifiers = before[-2:] if is_devanagari(noun.group(0)) else before[-1:]
        after = _DEADLINE_FOR_RE.match(text, at + len(noun.group(0)))
        own, content = _qualifying(ctx, qualifiers)
        if after is not None:
            # What the deadline is for must be the claim's, whatever its month ("missed
            # the March 31 deadline for the parking lot", "... to file its accounts").
            _, named = _qualifying(ctx, after.group(1).split())
            if named and not any(marks & ctx.profile.key_words for marks in named):
                continue
            content += named
        if not own and content and not any(marks & ctx.wanted for marks in content):
            continue  # another thing's deadline or target
        yield match


def _qualifying(ctx: _Context, words: list[str]) -> tuple[bool, list[frozenset[str]]]:
    """Whether words qualifying a deadline name the month of the claim's own ("जूनची
    मुदत", "its May 31 deadline"), and the marks of their other content words (another
    month is another thing's, and counts as content)."""
    read = Sentence.read(" ".join(words))
    window = ctx.profile.window
    content = []
    own = False
    for i, marks in enumerate(read.marks):
        if _names_nothing(read, i):
            continue
        if window is not None and _month_of(read, i) == window.by.month:
            own = True
            continue
        content.append(marks)
    return own, content


def _names_nothing(read: Sentence, i: int) -> bool:
    """Is the word no content word of a deadline's qualifiers: a stopword ("its",
    "की") or a figure in digits ("31")?"""
    word = read.original[i]
    return not read.marks[i] or fold(word) in all_stopwords() or any(c.isdigit() for c in word)


def _month_of(read: Sentence, i: int) -> int | None:
    """The month the word names ("जूनची", "मे", "May" by a date word), or None."""
    months = find_months(read.original[i])
    if months:
        return months[0].month
    return 5 if is_month(read, i) else None


#: Where a small piece of a sentence ends (a comma, ";", ":", "।", a dash): the words
#: telling whose a deadline is stop there, and a future's piece ("पानी मिलने लगा है, अब
#: ... मिलेगी").
_SMALL_PIECE_BREAKS = r"[,;:।]|\s[-–—]\s"
#: How many content words next to a missed deadline tell whose deadline it is.
_OWNER_WORDS = 3
#: "And" between the things a deadline is for.
_AND_RE = re.compile(r"\s+(?:and|और|आणि|व)\s+", re.IGNORECASE)
#: A piece opening on a relative word tells of the piece before it ("The Ganeshghat
#: bridge, which missed its March 31 deadline").
_RELATIVE_OPENING_RE = re.compile(r"\s*(?:which|that|who|जो|जिस|जिसने|जे|ज्या|ज्याने|ज्यांनी)\b")
#: "Missed" as a word qualifying what follows, the owner after it: a Marathi participle
#: ("जूनची मुदत हुकलेल्या वडगाव कालव्याचे काम") or a Hindi "on missing" ("जून का लक्ष्य
#: चूकने पर ... नहर के ठेकेदार पर जुर्माना").
_PARTICIPLE_ENDINGS = ("लेल्या", "लेला", "लेली", "लेले")
_ON_MISSING_RE = re.compile(r"\s+पर\s")


def _deadline_owner(ctx: _Context, text: str, match: re.Match[str]) -> str:
    """Whose deadline a sentence says was missed, from the content words next to it in
    its piece (the last few before it; after it too where "missed" qualifies what
    follows): "other" when one is not among the claim's words ("Sonpur drain desilting
    misses its March 31 deadline", "नालों की सफाई की 31 मार्च की समय-सीमा बीती"),
    "claim" when one says what the claim says beyond the stream's subject, "subject"
    when they name the stream's subject alone ("रविपूरची ३१ मार्चची मुदत उलटली"), "none"
    when there are none ("31 अक्टूबर की समय-सीमा बीती").
    Stopwords, months and figures, in digits or words, name no owner."""
    noun = _DEADLINE_NOUN_RE.search(match.group(0))
    at = match.start() + (noun.end() if noun else len(match.group(0)))
    named = _DEADLINE_FOR_RE.match(text, at)
    if named is not None:
        # What the deadline is for, by the first content word of each thing named:
        # "the March 31 deadline for Line 2" (or "for both Line 2 and the bridge"), not
        # "for the parking lot near the Ganeshghat bridge".
        heads = [
            marks[0] for part in _AND_RE.split(named.group(1)) if (marks := _owner_marks(part))
        ]
        if any(head & ctx.profile.key_words for head in heads):
            return "claim"
        if heads:
            return "other"
    pieces = re.split(_SMALL_PIECE_BREAKS, text[: match.start()])
    before = pieces[-1]
    if len(pieces) > 1 and _RELATIVE_OPENING_RE.match(before):
        before = pieces[-2] + " " + before
    owners = _owner_marks(before)[-_OWNER_WORDS:]
    end = _word_end(text, match.end())
    missed = match.group(0).split()[-1] + text[match.end() : end]
    if missed.endswith(_PARTICIPLE_ENDINGS) or _ON_MISSING_RE.match(text, end):
        # (The thing qualified: "हुकलेल्या वडगाव कालव्याचे काम".)
        after = re.split(_SMALL_PIECE_BREAKS, text[end:])[0]
        owners += _owner_marks(after)[:_OWNER_WORDS]
    if any(marks.isdisjoint(ctx.profile.key_words) for marks in owners):
        return "other"
    if any(marks & ctx.wanted for marks in owners):
        return "claim"
    return "subject" if owners else "none"


def _owner_marks(piece: str) -> list[frozenset[str]]:
    """The marks of a piece's words that may name an owner: not a stopword, a month, or
    a figure in digits or in words ("एक लाख टॉवरची जूनची मुदत": towers)."""
    figures = " ".join(mention.text for mention in find_numbers(piece))
    read = Sentence.read(piece)
    in_figures = set(Sentence.read(figures).original)
    return [
        marks
        for i, marks in enumerate(read.marks)
        if not _names_nothing(read, i)
        and _month_of(read, i) is None
        and read.original[i] not in in_figures
        and not _RELATIVE_OPENING_RE.fullmatch(read.original[i])
    ]


_WORD_RUN_RE = re.compile(r"[\w\u0900-\u097f]*")


def _word_end(text: str, at: int) -> int:
    """Where the word running through `at` ends (Devanagari signs included)."""
    found = _WORD_RUN_RE.match(text, at)
    return found.end() if found else at


#: How far before a deadline's noun its date may be written ("31 अक्टूबर की समय-सीमा
#: बीती", "मार्च का लक्ष्य चूकने"), in characters.
_DEADLINE_DATE_REACH = 30


def _own_deadline_missed(ctx: _Context, sentence: Sentence) -> Judgement | None:
    """After a time-bound claim's deadline, a deadline or target said to be missed or
    passed whose date is the claim's own ("31 अक्टूबर की समय-सीमा बीती", "मार्च का
    लक्ष्य चूकने के बाद", "misses its March 31 deadline"): the event has not come in
    time. The date ties the sentence to the claim where it says little else of it; the
    date nearest the deadline's noun must agree with the claim's deadline (its month,
    and its day and year where written)."""
    window = ctx.profile.window
    late = _after_deadline(ctx.profile, ctx.published, ctx.now)
    if window is None or late is None:
        return None
    text = sentence.text
    for match in _deadlines_missed(sentence, ctx):
        noun = _DEADLINE_NOUN_RE.search(match.group(0))
        if noun is None:
            continue
        at = match.start() + noun.start()
        start = max(0, match.start() - _DEADLINE_DATE_REACH)
        span = text[start : match.end()]
        times = [*find_times(span), *find_months(span)]
        if not times:
            continue
        nearest = min(times, key=lambda t: abs(start + t.start - at))
        deadline = TimeMention(window.by.month, window.by.year, window.by.day)
        if not nearest.agrees(deadline):
            continue
        owner = _deadline_owner(ctx, text, match)
        if owner == "other":
            continue
        # (Quoted to the end of the word "missed" ends in: "समय-सीमा बीती".)
        said = text[start + nearest.start : _word_end(text, match.end())]
        why = (
            f"story of {late.isoformat()}, after the claimed deadline {window.by.isoformat()},"
            f' says "{said}": the claim\'s own deadline, not met'
        )
        # Decides (and is reported at any relevance) when the claim's own words tell
        # whose deadline it is; nothing, or the stream's subject alone, may be any of
        # its claims' ("रविपूरची ३१ मार्चची मुदत उलटली", "Sahyadri Motors misses December
        # 31 deadline" over a story on its showrooms): then only where the sentence says
        # what the claim says beyond the subject ("..., सोनपुर के गांवों में अब भी टैंकर");
        # else the story's other sentences decide ("Line 2 has not opened").
        if owner != "claim" and not any(marks & ctx.wanted for marks in _owner_marks(text)):
            continue  # (the deadline's month, a claim word too, says nothing of whose)
        return Judgement(Stance.CONTRADICTS, 0.65, text, (why,), "own_deadline")
    return None


def _names_deadline(text: str, written: str) -> bool:
    """Is the date written in `text` only a deadline's, said to be missed or passed, not
    the day of the event ("15 मार्च की समय-सीमा बीती, ... अब भी मौजूद", "misses its December
    31 deadline", "did not submit it by its December 31 deadline")? A deadline met ("met
    the March 15 deadline", "१५ मार्चच्या मुदतीपूर्वीच") still dates the event in time.
    Every place the date is written must be a deadline's ("the March 15 deadline was met:
    they left on March 15" dates the leaving)."""
    if not (_MISSED_RE.search(text) or _LATE_BY_RE.search(text)):
        return False  # (nor "weeks after the October 31 target": `_LATE_BY_RE`)
    places = [m.start() for m in re.finditer(re.escape(written) + r"(?![0-9०-९])", text)]
    return bool(places) and all(
        _DEADLINE_AFTER_RE.match(text, at + len(written)) or _DEADLINE_BEFORE_RE.search(text[:at])
        for at in places
    )


#: A deadline's noun right after its date ("March 15 deadline", "Independence Day target",
#: "की समय-सीमा", "ची मुदत"), maybe as the first one ("March 15 original deadline", "१५
#: मार्चची मूळ मुदत").
_DEADLINE_AFTER_RE = re.compile(
    r"\s*(?:'s\s+|की\s+|का\s+|ची\s+|चा\s+|चे\s+|च्या\s+)?"
    r"(?:(?:original|initial|first|earlier|मूळ|मूल|पहली|पहिली|सुरुवातीची|शुरुआती)\s+)?"
    r"(?:deadline|target(?:\s+date)?|cut-?off|समय-?सीमा|डेडलाइन|मुदत)"
    # or the day itself gone by ("Independence Day passes without a sleeper train")
    r"|\s*(?:pass(?:es|ed)\s+without|came\s+and\s+went)",
    re.IGNORECASE,
)
#: ... or right before it ("deadline of March 15", "the deadline, 15 March,").
_DEADLINE_BEFORE_RE = re.compile(
    r"(?:deadline|cut-?off)\s*(?:of|on|was|is|,|:)?\s*$", re.IGNORECASE
)
#: Words saying a deadline was missed or has passed, or that the event did not come.
_MISSED_RE = re.compile(
    r"\b(?:miss(?:es|ed|ing)?|pass(?:es|ed)|lapsed|expired|not|no|yet)\b"
    r"|बीत|गुज़र|गुजर|निकल गई|नहीं|संपल|उलट|ओलांड|हुकल|चुकल|नाही|नव्हत",
    re.IGNORECASE,
)


#: Words telling that a state goes on ("the ban is still in force", "remains in jail",
#: "सर्वे अब भी अधूरा", "चार महीने बाद भी जेल में", "बंदी अजूनही कायम", "बंदी कायम आहे"):
#: English "still" and "remains" only before a word of a state ("in force", "under
#: construction", "shut", "at large", "to be", "not"), not before a verb ("still draws
#: crowds", "still has teething problems") nor as "Still,".
_STILL_RE = re.compile(
    r"\bstill (?=(?:in|under|shut|closed|pending|incomplete|unfinished|awaited|awaiting|unpaid"
    r"|unresolved|absconding"
    r"|missing|at|on|to|not|stuck|stalled|suspended|without|far|short|only|waiting)\b)"
    r"|\bremain(?:s|ed)? (?=(?:in|under|shut|closed|pending|incomplete|unfinished|stuck"
    r"|stalled|suspended|absconding|missing)\b)"
    r"|अब भी|अभी भी|अजूनही|अद्यापही|कायम (?=आहे|असून|राहील|राहणार)|बाद भी|नंतरही",
    re.IGNORECASE,
)


#: What `_STILL_RE` says is still owed, of the thing just before "still" ("claims still
#: unpaid", "payments still awaiting"), not of another ("contractors still unpaid").
_OWED_RE = re.compile(r"awaiting|unpaid|unresolved")


def _state_goes_on(ctx: _Context | None, sentence: Sentence, published: date) -> str | None:
    """After a time-bound claim's deadline, does the sentence say that what was to end
    goes on (`_STILL_RE`, in a clause and comma piece holding the claim's words), while
    telling nothing of the claim's act done ("lifted the ban, but miners are still
    waiting" is done)? Its words, or None. Not for a claim that itself says something
    goes on, nor a negative one."""
    if ctx is None or ctx.profile.continued or ctx.profile.negated:
        return None
    if _tells_done(ctx, sentence.text, published) or not ctx.profile.promised_acts.isdisjoint(
        sentence.words
    ):
        return None  # (the act told: "lifted its ban, but miners are still waiting")
    for found in _STILL_RE.finditer(sentence.text):
        at = word_index(sentence.text, found.start())
        if _OWED_RE.match(sentence.text, found.end()) and not (
            at and sentence.marks[at - 1] & ctx.wanted
        ):
            continue  # ("contractors still unpaid": only the claim's own thing owed)
        if _in_claims_clause(ctx, sentence, at) and _piece_holds(sentence, at, ctx.wanted):
            return found.group(0).strip()
    return None


def _dated(
    sentence: Sentence,
    cue: str,
    published: date,
    deadline: date,
    at: int | None = None,
    asserted: bool = False,
    ctx: _Context | None = None,
) -> Judgement:
    """Rule 6 after a deadline: the date the sentence gives the event decides, if it gives one.

    "DeepSeek released R2 on May 10" in a June story corroborates a claim due by
    May 15, and "on May 20" contradicts it; a date after the story's own (a plan,
    not an event) or no date at all cannot tell. `at`: the confirming cue's word,
    whose clause a day of the week must stand in; `asserted`: the sentence states
    the claim, so its telling of the event as to come says it is late.
    """
    # (By its words of the future only: a Hindi or Marathi future ending may be of any
    # verb of the sentence, "व्यवहार सुरू राहतील" beside the claim's done act.)
    future = _tells_future(sentence.text, endings=False)
    if future is not None and asserted:
        # After the deadline, a sentence stating the claim tells it as still to come
        # ("Modi will commission the port on May 2", whose date is then no past one):
        # it did not happen in time.
        why = (
            f'"{future}" in a story of {published.isoformat()}, after the deadline'
            f" {deadline.isoformat()}: still to come, so not in time"
        )
        return Judgement(Stance.CONTRADICTS, 0.6, sentence.text, (why,), "deadline")
    # (A start in the cue's own clause: "reopened on 15 September; tolls are charged
    # from November" starts no reopening.)
    low, high = sentence.clause_of(at) if at is not None else (0, len(sentence.original))
    ahead = [
        when
        for start, _, when in (
            _times_to_come(sentence, published, event=ctx.wanted, lexicon=ctx.lexicon)
            if ctx is not None
            else []
        )
        if when > deadline and low <= word_index(sentence.text, start) < high
    ]
    if ahead:
        # "flights from 25 December" in a story after the deadline: still to come.
        why = (
            f'confirming cue "{cue}" in a story of {published.isoformat()} puts it on'
            f" {ahead[0].isoformat()}, after the deadline {deadline.isoformat()}: not in time"
        )
        return Judgement(Stance.CONTRADICTS, 0.6, sentence.text, (why,), "deadline")
    extended = _claims_deadline_told(sentence, ctx, deadline, met=False)
    if extended is not None:
        # "धारावी सर्वेक्षणाला ३१ मार्चपर्यंत मुदतवाढ" after a December deadline: more time
        # given once the deadline passed says the event did not come by it (and the date
        # in the sentence is the new deadline's, no day of the event).
        why = (
            f'confirming cue "{cue}" in a story of {published.isoformat()}, after the deadline'
            f' {deadline.isoformat()}, says "{extended}": the deadline extended, not in time'
        )
        return Judgement(Stance.CONTRADICTS, 0.6, sentence.text, (why,), "deadline")
    # A named day ("on Republic Day") dates the event only in a sentence telling it as
    # done and naming no month besides ("will start on Republic Day" is the next one;
    # "jams on Christmas, three months after it opened in September" date no opening).
    named = _tells_future(sentence.text) is None and not find_months(sentence.text)
    dates = [
        d
        for d in find_dates(sentence.text, published, named_days=named)
        if d.when <= published and not _names_deadline(sentence.text, d.text)
    ]
    if not dates:
        # "declared the outbreak over on Wednesday": a done act's day of the week is the
        # last such day up to the story's, in the act's clause, next to the act or in
        # a sentence naming no month ("opened in May; ridership peaked on Monday" dates
        # no opening).
        start, end = sentence.clause_of(at) if at is not None else (0, len(sentence.original))
        months = bool(find_months(sentence.text))
        dates = [
            DateMention(
                sentence.text[t.start : t.end],
                date(t.year or published.year, t.month, t.day or published.day),
            )
            for t in past_weekdays(sentence.text, published)
            if start <= (i := word_index(sentence.text, t.start)) < end
            and (not months or (at is not None and abs(i - at) <= _WEEKDAY_REACH))
        ][:1]
    late = _LATE_BY_RE.search(sentence.text)
    if late is not None and any(m.month != deadline.month for m in find_months(late.group(0))):
        late = None  # "two months after its March target" for a June deadline: in time
    if not dates and late is not None:
        # "starts deliveries, two months after its March target": it came late.
        why = (
            f'confirming cue "{cue}" in a story of {published.isoformat()}, after the deadline'
            f' {deadline.isoformat()}, says "{late.group(0)}": not in time'
        )
        return Judgement(Stance.CONTRADICTS, 0.6, sentence.text, (why,), "deadline")
    missed = _claims_deadline_missed(sentence, ctx)
    if not dates and missed is not None:
        # "misses June deadline for the full run", "the June 2025 target ... has passed
        # with the terminal still closed": the sentence says it did not come in time.
        why = (
            f'confirming cue "{cue}" in a story of {published.isoformat()}, after the deadline'
            f' {deadline.isoformat()}, says "{missed}": not in time'
        )
        return Judgement(Stance.CONTRADICTS, 0.6, sentence.text, (why,), "deadline")
    ending = _claims_future(sentence, ctx, published) if asserted and not dates else None
    if ending is not None:
        # A Hindi or Marathi future ending by the claim's words in a sentence telling
        # nothing done ("डेटा दिसंबर तक होगा सार्वजनिक", "नई सरकार लाएगी कोचिंग कानून"):
        # still to come.
        why = (
            f'"{ending}" in a story of {published.isoformat()}, after the deadline'
            f" {deadline.isoformat()}, tells nothing done: still to come, so not in time"
        )
        return Judgement(Stance.CONTRADICTS, 0.6, sentence.text, (why,), "deadline")
    met = _claims_deadline_told(sentence, ctx, deadline, met=True) if not dates else None
    if met is not None:
        # "Kavach work on both corridors done by March deadline", "सर्वेक्षण मुदतीत पूर्ण":
        # the sentence says it came in time.
        why = (
            f'confirming cue "{cue}" in a story of {published.isoformat()}, after the deadline'
            f' {deadline.isoformat()}, says "{met}": in time'
        )
        return Judgement(Stance.CORROBORATES, 0.6, sentence.text, (why,), "deadline")
    still = _state_goes_on(ctx, sentence, published) if not dates else None
    if still is not None:
        # "ban still in force a year on", "धारावी सर्वे अब भी अधूरा", "Chandrakar still in
        # Dubai" after the deadline: what was due has not come.
        why = (
            f'"{still}" in a story of {published.isoformat()}, after the deadline'
            f" {deadline.isoformat()}: not done in time"
        )
        return Judgement(Stance.CONTRADICTS, 0.55, sentence.text, (why,), "deadline")
    if not dates:
        why = (
            f'confirming cue "{cue}" in a story of {published.isoformat()}, after the deadline'
            f" {deadline.isoformat()}: cannot tell whether it happened in time"
        )
        return Judgement(Stance.DISCUSSES, 0.5, sentence.text, (why,), "deadline")
    first = dates[0]
    on_time = first.when <= deadline
    why = (
        f'confirming cue "{cue}" dated "{first.text}" ({first.when.isoformat()}), '
        f"{'by' if on_time else 'after'} the deadline {deadline.isoformat()}"
    )
    stance = Stance.CORROBORATES if on_time else Stance.CONTRADICTS
    return Judgement(stance, 0.7, sentence.text, (why,), "deadline")


def _claims_future(sentence: Sentence, ctx: _Context | None, day: date) -> str | None:
    """A Hindi or Marathi future ending (`_tells_future`) in a piece of the sentence (up
    to a comma, `_SMALL_PIECE_BREAKS`) holding two words of what the claim says beyond
    its subject besides futures, in a sentence telling nothing done (`_tells_done`): the
    word, or None. Not a future of another act ("कावेरी के खर्च की समीक्षा करेगी समिति" of
    a claim on the evacuation; "पानी मिलने लगा है, अब किसानों को बिजली भी मिलेगी")."""
    if ctx is None:
        return None
    ending = _tells_future(sentence.text)
    pieces = (Sentence.read(p) for p in re.split(_SMALL_PIECE_BREAKS, sentence.text))
    piece = next((p for p in pieces if ending in p.original), None)
    if ending is None or piece is None:
        return None
    claims = [
        word
        for word, marks in zip(piece.original, piece.marks, strict=True)
        if marks & ctx.wanted and _tells_future(word) is None
    ]  # (not the claim's own future verb: "मिलेगा" of a claim "... को पानी मिलेगा")
    if len(claims) < 2:
        return None  # ("स्लीपर के यात्रियों को मिलेगा बीमा": insurance, no service)
    return None if _tells_done(ctx, sentence.text, day) else ending


def _claims_deadline_told(
    sentence: Sentence, ctx: _Context | None, deadline: date, met: bool
) -> str | None:
    """The words saying the claim's own deadline was met (`met`: "done by March
    deadline", "सर्वेक्षण मुदतीत पूर्ण", `_deadline_met` once it has passed) or extended
    ("३१ मार्चपर्यंत मुदतवाढ", `_EXTENDED_RE`), or None. A deadline met is read in a part
    of the sentence that speaks of the claim ("The bridge is open, and its contractor
    finished the approach road within the deadline" does not). Not another thing's
    deadline: by the word right before it (`_qualified_by_another`), what it is for
    ("the deadline for e-bus bids": its last word none of the claim's), another month
    before it ("मेच्या मुदतीत" for a June deadline). A deadline extended is not one
    denied near it ("without any extension"), names no time with its year before the
    claim's, and a bare "extension" or "more time" is a deadline's only with a new time
    after it ("an extension to July 31", not "the Kesari line extension")."""
    text = sentence.text
    found = _deadline_met(text, passed=True) if met else _EXTENDED_RE.search(text)
    if found is None or ctx is None:
        return None
    noun = _DEADLINE_NOUN_RE.search(found.group(0))
    at = found.start() + (noun.start() if noun else 0)
    if _qualified_by_another(ctx, text, at):
        return None
    after = _DEADLINE_FOR_RE.match(text, at + len(noun.group(0))) if noun else None
    if after is not None:
        # (what it is for ends at its verb: "the deadline for e-bus bids was extended")
        _, named = _qualifying(ctx, _FOR_ENDS_RE.sub("", " " + after.group(1)).split())
        if named and not named[-1] & ctx.profile.key_words:
            return None
    if met:
        months = find_months(text[max(0, at - _DEADLINE_MONTH_REACH) : found.end()])
        if any(m.month != deadline.month for m in months):
            return None  # "met the June deadline" for a claim due in March: another's
        piece = (
            re.split(_PART_BREAKS, text[: found.start()])[-1]
            + re.split(_PART_BREAKS, text[found.start() :])[0]
        )
        if not any(marks & ctx.wanted for marks in Sentence.read(piece).marks):
            return None
        return found.group(0)
    piece = text[max(0, found.start() - _DEADLINE_DATE_REACH) : found.end() + _DEADLINE_DATE_REACH]
    if _NO_EXTENSION_RE.search(piece):
        return None  # "without any extension", "समय-सीमा नहीं बढ़ेगी", "मुदतवाढ नाकारली"
    if any(
        t.year is not None and date(t.year, t.month, t.day or 1) <= deadline
        for t in (*find_times(piece), *find_months(piece))
    ):
        return None  # extended to a day before the claim's: not the claim's deadline
    if _BARE_EXTENSION_RE.fullmatch(found.group(0)):
        until = text[found.end() : found.end() + _DEADLINE_DATE_REACH]
        if not (find_times(until) or find_months(until)):
            return None  # "the Kesari line extension", "more time for talks": no new date
    return found.group(0)


#: Where what a deadline is for ends: at its verb ("for e-bus bids was extended").
_FOR_ENDS_RE = re.compile(
    r"\s(?:was|were|is|are|has|have|had|extend\w*|met|missed|passed|expired)\b.*", re.I
)
#: How far before a deadline's noun its month is read ("मेच्या मुदतीत", "the May 31
#: deadline"), in characters.
_DEADLINE_MONTH_REACH = 16


def _judge_sentence(
    ctx: _Context,
    text: str,
    coverage: float,
    names_subject: bool = True,
    level: float | None = None,
) -> Judgement | None:
    """A judgement from one sentence, or None when it says nothing decisive (rules 1-7).

    `names_subject`: the sentence names the claim's subject (its entity groups), so a
    differing number in it is about the claim. `level`: the sentence's similarity to
    the claim in spreads from the claim's usual (semantic path), or None.
    """
    if _other_note(ctx.profile, text):
        return None
    sentence = Sentence.read(text)
    notes: tuple[str, ...] = ()
    if ctx.headline == text and ctx.debunking:
        # "Doping? No; disqualified for 100 g overweight": what follows the denial is
        # the headline's own statement; without one, the story's sentences decide.
        told = _NO_OPENING_RE.sub("", text.partition("?")[2]).strip()
        if not told:
            return None
        judged = _judge_sentence(ctx, told, coverage, names_subject, level)
        return judged if judged is not None and judged.stance.decisive else None
    if ctx.headline == text and "?" in text and about_proposition(coverage, level):
        answered = _refuted_answer(ctx, sentence)
        if answered is not None:
            return answered
    refuted = _refuted(ctx, sentence)
    if refuted is not None and refuted.confidence > 0:
        return refuted
    if refuted is not None:
        notes = refuted.reasons
    about = about_proposition(coverage, level)
    charge = _source_charge_denied(ctx, sentence) if about else None
    if charge is not None:
        return Judgement(Stance.CONTRADICTS, 0.75, text, (*notes, charge), "refute")
    number_stance, number_reason, mention = compare_numbers(ctx.profile, text, lenient=about)
    if number_stance is Stance.CONTRADICTS and mention is not None and refuted is not None:
        # The rival figure is the one denied ("the ₹4,100-crore figure is misleading ...
        # chiefly the ₹2,700-crore Bharat Mandapam", "4,100 करोड़ के आंकड़े को भ्रामक
        # बताया"): the figures after it speak.
        number_stance, number_reason, mention = compare_numbers(
            ctx.profile, text[mention.end :], lenient=about
        )
    # A rival figure measures the claim in a sentence about its proposition. With an
    # analyst's quantity hint and a unit of its own (km, not rupees), the unit ties the
    # figure to the claim in a sentence naming what the claim names beyond the stream's
    # subject ("DeepSeek has 10,000 Nvidia GPUs"); naming the subject alone does not: in
    # a stream on the Atal Setu, "noise barriers along 4 km" is no rival to its length.
    # A unit that counts anything (rupees, percent) ties nothing by itself: the
    # figure's clause must also say what the claim measures.
    specific = counts_a_thing(ctx.profile)
    # A count of the dead for a claim of a death toll says what the claim measures.
    dead = bool(mention and is_death_count(ctx.profile, text, mention))
    measures = bool(mention and _measures_the_claim(ctx, text, mention))
    # A sentence saying the claim's proposition outright ties its figure to the claim
    # even when it leaves one of the claim's names out ("injuring four people" of the
    # blast at the Rameshwaram Cafe, in a sentence that names Brookefield, not Bengaluru).
    tied = names_subject or (measures and _states_outright(coverage, level))
    if number_stance is Stance.CONTRADICTS and not (
        tied and (dead or (specific and ctx.names_beyond) or (about and measures))
    ):
        # A rival figure about something else (another firm's chips, Nvidia's own
        # loss in a story about the whole market, the department's budget for a
        # claim on the mission's cost) says nothing.
        number_stance = None
    if number_stance is Stance.CORROBORATES and not (
        about or dead or measures or (specific and ctx.names_beyond)
    ):
        # An agreeing figure needs the tie a rival needs (engine 3.9): "retail inflation
        # 5.1%" agrees with no repo rate of 5.25%.
        number_stance = None
    if number_stance is Stance.CORROBORATES and ctx.profile.window is not None:
        # A time-bound claim's figure is of the event to come ("110 villages by May"):
        # the figure agreeing tells nothing of whether it came in time ("misses May
        # deadline; 110 villages still on tankers"). The deadline's rules decide.
        number_stance = None
    if number_stance is not None and _other_phase(ctx.profile.claim.text, sentence):
        # "the port's second phase ... under the ₹10,000-crore investment" measures no
        # first phase, for or against.
        number_stance = None
    if number_stance is Stance.CONTRADICTS and mention is not None:
        # A rival figure asked for or planned in its own piece ("Uttarakhand seeks
        # ₹2,942 crore", "plans to spend ₹900 crore") is no fact against the claim's (a
        # hedged one, "reportedly 12,000 chips", still is a rival); a plan in another
        # piece is not the figure's ("Cars pay ₹500 ..., and the association says that
        # is why traffic stayed below forecasts").
        piece = sentence.piece_of(word_index(text, mention.start), COMMA_BREAKS)
        if _cue_in_span(ctx.lexicon, sentence, piece, ("request", "plan")):
            number_stance = None
    if (
        number_stance is Stance.CONTRADICTS
        and mention is not None
        and ctx.headline not in (None, text)
        and told_as_part_alone(ctx.profile, ctx.headline, mention.value)
    ):
        # The headline tells the same figure as one part's alone ("Land alone took ₹8,800
        # crore"): the body's "land acquisition ... cost ₹8,800 crore" is that part.
        number_stance = None
    if number_stance is Stance.CONTRADICTS:
        return Judgement(Stance.CONTRADICTS, 0.8, text, (*notes, number_reason), "number")
    rival = None
    if names_subject and about:
        rival = _rival_value(ctx, sentence) or _rival_time(ctx, sentence)
        rival = rival or _rival_slot(ctx, sentence)
        past = None if rival else _past_deadline(ctx, sentence)
        if past is not None:
            # (A date for the event: it decides a headline that cannot tell "in time".)
            return Judgement(Stance.CONTRADICTS, 0.7, text, (*notes, past), "past_deadline")
        rival = rival or _counts_what_none(ctx, sentence)
    rival = rival or _set_aside(ctx, sentence) or _rival_agent(ctx, sentence)
    if rival is not None:
        return Judgement(Stance.CONTRADICTS, 0.7, text, (*notes, rival), "rival")
    decided = (
        _delayed(ctx, sentence, coverage, level)
        or _not_happened(ctx, sentence, coverage, level)
        or _own_deadline_missed(ctx, sentence)
    )
    if decided is not None and not decided.stance.decisive and number_stance is not None:
        # Without a deadline a delay decides nothing ("231 dead, 42 not yet
        # identified"): the claim's figure in the sentence does.
        decided = None
    if decided is None:
        decided = _repeated(ctx, sentence)
        if (
            decided is not None
            and decided.rule == "own_source"
            and not ctx.profile.negated
            and not _source_speaks(ctx, sentence)
        ):
            # Words of the claim negated by another speaker ("Vistara said no pilot will
            # earn less", "the BMC said the road has not hurt the catch") deny it: the
            # claim's own source named in the story ("rejects the union's charge") does
            # not make the denial its repetition.
            decided = _negated(ctx, sentence, coverage, level) or decided
    decided = decided or _negated(ctx, sentence, coverage, level)
    decided = decided or _act_denied(ctx, sentence, coverage, level)
    if decided is None and number_stance is Stance.CORROBORATES:
        source = _independent_source(ctx, sentence)
        why: tuple[str, ...] = (number_reason,)
        if source is not None:
            why = (f'an estimate by an independent source ("{source}") asserts it', *why)
        decided = Judgement(Stance.CORROBORATES, 0.8, text, why, "number")
    decided = decided or _asserted(ctx, sentence, coverage, level)
    if decided is not None and decided.rule in ("assert", "confirm"):
        negated_denials = [
            (start, end, negator)
            for start, end, negator in live_refutes(sentence, ctx.lexicon)[1]
            if _in_claims_clause(ctx, sentence, start)
            and _governed(ctx.profile, sentence, start, end, _window(ctx, sentence), ctx.marks)
        ]
        if negated_denials and (ctx.profile.without or not ctx.profile.negated):
            # "The company did not deny the complaints figure": the story reports the
            # claim as not denied, which does not assert it.
            start, end, negator = negated_denials[0]
            not_made = (
                f'"{sentence.original[negator]} {sentence.said(start, end)}": a denial not '
                "made reports the claim without asserting it"
            )
            decided = Judgement(Stance.DISCUSSES, 0.6, text, (not_made,), "hedge")
    if decided is None:
        return None
    return Judgement(
        decided.stance, decided.confidence, text, (*notes, *decided.reasons), decided.rule
    )


# --- the stance model for headlines -----------------------------------------------

#: Rules that decide a headline whatever the stance model would say: a figure against
#: the claim's quantity (an independent source's estimate included), a delay, a denied
#: delay, a deadline, the claim's own source, a claimed year, a claim that is itself a denial.
HARD_RULES = frozenset(
    {
        "number", "rival", "delay", "denied_delay", "deadline", "own_deadline", "past_deadline",
        "own_source", "year", "negative_claim", "answered",
    }
)  # fmt: skip
#: The cue features the stance model weighs, in the order of its weights file.
STANCE_FEATURES = (
    "refute",
    "debunk",
    "refute_elsewhere",
    "negated_refute",
    "negation",
    "hedge",
    "report",
    "attribution",
    "question",
    "doubt",
    "modal",
    "kicker",
    "confirm",
    "coverage",
)
_STANCE_LISTED = 3
#: The models `tracker/data/stance_model.json` must hold: one per stance.
_STANCE_MODELS = tuple(stance.value for stance in Stance)
#: Modal hedges ("may", "could"): a possibility, weighed apart from rumour words.
_MODALS = frozenset(
    {"could", "may", "might", "possibly", "possibl", "perhap", "likely", "probably"}
)
#: "US Intel: ...", "Parent: ...": a short source kicker before the headline's claim.
_KICKER_RE = re.compile(r"^\s*(?:\S+\s+){0,3}\S+:\s")


def stance_cues(
    profile: ClaimProfile,
    headline: str,
    coverage: float,
    lexicon: Lexicon | None = None,
    marks: frozenset[str] | None = None,
) -> dict[str, tuple[float, str]]:
    """The stance model's features for a headline: name -> (value, the cue in words).

    Every feature is a cue a person can check in the headline: a refuting cue
    governing a claim word (with negation scope), a debunk word, a hedge, an
    attribution, a question, a modal verb, a source kicker ("Parent: ..."), a
    confirming cue, and how much of the claim's key terms the headline says.
    """
    ctx = _Context(
        profile, lexicon or load_lexicon(), None, None, None, headline=headline, marks=marks
    )
    sentence = Sentence.read(headline)
    words = sentence.words
    window = _HEADLINE_WINDOW
    out: dict[str, tuple[float, str]] = {}
    live, negated = _claims_refutes(profile, sentence, ctx.lexicon)
    for refuting, start, end in live:
        target = _target(ctx, sentence, refuting, start, end, window)
        if target is not None and _denies_other_thing(ctx, sentence, start, end):
            target = None
        cue = sentence.said(start, end)
        if target is not None and "refute" not in out:
            out["refute"] = (1.0, f'refuting cue "{cue}" governs "{target}"')
        elif target is None and "refute_elsewhere" not in out:
            out["refute_elsewhere"] = (1.0, f'refuting cue "{cue}" about other words')
    negations = ctx.lexicon.find("negation", words)
    for _, start, end in ctx.lexicon.find("debunk", words):
        if scoping_negation(negations, start, end) is None:
            out["debunk"] = (1.0, f'debunk cue "{sentence.said(start, end)}"')
            break
    for start, end, negator in negated[:1]:
        out["negated_refute"] = (
            1.0,
            f'refuting cue "{sentence.said(start, end)}" is negated by '
            f'"{sentence.original[negator]}": not a denial',
        )
    for _, start, end in _claims_negations(profile, words, ctx.lexicon):
        # (Not the claim's own negated effect: "first test showed no alcohol".)
        if (
            _in_claims_clause(ctx, sentence, start)
            and not _negates_claimed_effect(ctx, sentence, start, end)
            and not _tells_inaction(ctx, sentence, start, end)
            and _governed(profile, sentence, start, end, window, marks)
        ):
            out["negation"] = (1.0, f'negation "{sentence.said(start, end)}" of the claim\'s words')
            break
    for category, label in (
        ("hedge", "hedging cue"),
        ("report", "report cue"),
        ("attribution", "attribution cue"),
        ("confirm", "confirming cue"),
    ):
        cues = (
            _claims_confirms(profile, sentence, ctx.lexicon)
            if category == "confirm"
            else ctx.lexicon.find(category, words)
        )
        found = [
            f
            for f in cues
            if (
                hedges_at(sentence, f[1])
                if category in ("hedge", "report")
                else not is_month(sentence, f[1])
            )
        ]
        if found:
            _, start, end = found[0]
            out[category] = (1.0, f'{label} "{sentence.said(start, end)}"')
    if "?" in headline:
        out["question"] = (1.0, 'asks a question ("?")')
        if "refute" in out or "debunk" in out:
            out["doubt"] = (1.0, "asks whether it is a hoax or false")
    modal = [i for i, w in enumerate(words) if w in _MODALS and not is_month(sentence, i)]
    if modal:
        out["modal"] = (1.0, f'modal "{sentence.original[modal[0]]}"')
    kicker = _KICKER_RE.match(headline)
    if kicker:
        out["kicker"] = (1.0, f'kicker "{kicker.group(0).strip()}"')
    if coverage > 0:
        out["coverage"] = (coverage, f"says {coverage:.0%} of the claim's key terms")
    return out


def _model_applies(ctx: _Context, sentence: str) -> bool:
    return (
        ctx.headline_only
        and sentence == ctx.headline
        and model_reads(ctx.profile, 1, ctx.published, ctx.now)
        and not _other_note(ctx.profile, sentence)
    )


def model_reads(
    profile: ClaimProfile,
    story_sentences: int,
    published: datetime | None = None,
    now: datetime | None = None,
) -> bool:
    """Does the stance model read a story's title (where no hard rule fires)?

    Only a headline-only story about an affirmative claim: a claim with a
    `quantity` hint is decided by its figure, one that is itself a denial by the
    polarity rules, one with a deadline after the deadline by the time rules,
    and one about a statement ("the priest says he met God") by the rule that
    reporting the statement asserts it (its hedge cues mean the opposite there).
    """
    return (
        story_sentences == 1
        and not profile.negated
        and not profile.reported
        and profile.claim.quantity is None
        and _after_deadline(profile, published, now) is None
    )


def _modelled(ctx: _Context, sentence: str, coverage: float, level: float | None) -> Judgement:
    """The stance model's decision for a headline, with the cues that decided it.

    Its decisive answers need their evidence: "corroborates" a headline that states
    the claim (`_asserts`), "contradicts" a refuting, debunking or negating cue in
    it. Otherwise it discusses: a related headline without a cue takes no side.
    """
    cues = stance_cues(ctx.profile, sentence, coverage, ctx.lexicon, ctx.marks)
    values = {name: value for name, (value, _) in cues.items()}
    models = load_models("stance_model", _STANCE_MODELS)
    probabilities = {Stance(name): model.probability(values) for name, model in models.items()}
    total = sum(probabilities.values()) or 1.0
    stance = max(probabilities, key=lambda s: (probabilities[s], s is Stance.DISCUSSES))
    share = probabilities[stance] / total
    parts = [
        f"{cues[name][1]} ({part:+.2f})"
        for name, part in models[stance.value].contributions(values)
        if part > 0
    ][:_STANCE_LISTED]
    why = f"stance model -> {stance.value} {share:.2f}: " + (
        ", ".join(parts) if parts else "no refuting, hedging or questioning cue"
    )
    facts = [text for name, (_, text) in cues.items() if name != "coverage"]
    reasons = dict.fromkeys([*facts, why])
    read = Sentence.read(sentence)
    if (
        stance is Stance.CORROBORATES
        and not _asserts(ctx, read, coverage, level)
        and _governing_confirmation(ctx, read, coverage, level) is None
    ):
        limit = (
            "but the headline does not state the claim"
            f" ({_assertion_words(coverage, level)}): discusses"
        )
        return Judgement(Stance.DISCUSSES, 0.5, sentence, (*reasons, limit), "model")
    if stance is Stance.CONTRADICTS and not {"refute", "debunk", "negation"} & set(cues):
        limit = "but no refuting cue governs what the claim says: discusses"
        return Judgement(Stance.DISCUSSES, 0.5, sentence, (*reasons, limit), "model")
    return Judgement(stance, round(share, 3), sentence, tuple(reasons), "model")


#: The article stance model's features (`article_cues`), in the order of its weights file.
ARTICLE_FEATURES = (
    "rules_corroborate",
    "rules_contradict",
    "refuting",
    "negating",
    "hedging",
    "confirming",
    "debunking",
    "debunk_anywhere",
    "independent_source",
    "coverage",
)
#: The models `tracker/data/article_stance_model.json` must hold: one per stance.
_ARTICLE_SENTENCES = 40


def article_cues(
    lexicon: Lexicon, sentences: Sequence[str], rules: Judgement, coverage: float
) -> dict[str, tuple[float, str]]:
    """The article stance model's features: name -> (value, in words).

    A long article's stance shows in how it is written throughout: the share of its
    sentences that refute, negate, hedge, confirm or call something a hoax, whether an
    independent source speaks, what the rules found in its best sentences, and how
    much of the claim its best sentence holds.
    """
    text = tuple(sentences[:_ARTICLE_SENTENCES])
    values = dict(
        lexicon.remembered(("article shares", text), lambda: _article_shares(lexicon, text))
    )
    values["rules_corroborate"] = 1.0 if rules.stance is Stance.CORROBORATES else 0.0
    values["rules_contradict"] = 1.0 if rules.stance is Stance.CONTRADICTS else 0.0
    values["coverage"] = coverage
    values["debunk_anywhere"] = 1.0 if values["debunking"] > 0 else 0.0
    words = {
        "rules_corroborate": "the rules found it asserted",
        "rules_contradict": "the rules found it denied",
        "refuting": f"{values['refuting']:.0%} of its sentences refute something",
        "negating": f"{values['negating']:.0%} of its sentences negate something",
        "hedging": f"{values['hedging']:.0%} of its sentences hedge or cite reports",
        "confirming": f"{values['confirming']:.0%} of its sentences confirm something",
        "debunking": f"{values['debunking']:.0%} of its sentences call something false or a hoax",
        "debunk_anywhere": "it calls something false or a hoax",
        "independent_source": "an independent source speaks",
        "coverage": f"its best sentence holds {coverage:.0%} of what the claim says",
    }
    return {name: (values[name], words[name]) for name in ARTICLE_FEATURES}


def _article_shares(lexicon: Lexicon, sentences: Sequence[str]) -> dict[str, float]:
    """The article cues that are the story's alone, whatever the claim: the share of its
    sentences that refute, negate, hedge, confirm or debunk, and whether an independent
    source speaks (`article_cues`; remembered per story, which many claims may read)."""
    sentences_read = [Sentence.read(text) for text in sentences]
    read = [sentence.words for sentence in sentences_read]
    count = max(1, len(read))

    def share(test: Callable[[Sequence[str]], bool]) -> float:
        return sum(1 for words in read if test(words)) / count

    return {
        "refuting": sum(bool(live_refutes(r, lexicon)[0]) for r in sentences_read) / count,
        "negating": share(lambda w: bool(live_negations(w, lexicon))),
        "hedging": share(lambda w: bool(lexicon.find("hedge", w) or lexicon.find("report", w))),
        "confirming": share(lambda w: bool(lexicon.find("confirm", w))),
        "debunking": share(lambda w: bool(lexicon.find("debunk", w))),
        "independent_source": 1.0 if any(lexicon.find("source", w) for w in read) else 0.0,
    }


def _article_modelled(
    ctx: _Context, evidence: Evidence, rules: Judgement, coverage: float
) -> Judgement:
    """The article stance model's decision for a long article, with the cues that decided.

    Where no hard rule (a figure, a deadline, the claim's own source, ...) decides, a
    long article's stance is weighed from its cues throughout (`article_cues`) by a model
    trained on long news articles (FNC-1 `tune` bodies, bench/train_engine.py).
    """
    cues = article_cues(ctx.lexicon, evidence.all_sentences, rules, coverage)
    values = {name: value for name, (value, _) in cues.items()}
    models = load_models("article_stance_model", _STANCE_MODELS)
    probabilities = {Stance(name): model.probability(values) for name, model in models.items()}
    total = sum(probabilities.values()) or 1.0
    stance = max(probabilities, key=lambda s: (probabilities[s], s is Stance.DISCUSSES))
    parts = [
        f"{cues[name][1]} ({part:+.2f})"
        for name, part in models[stance.value].contributions(values)
        if part > 0
    ][:_STANCE_LISTED]
    evidence_sentence = rules.evidence or (evidence.sentences[0] if evidence.sentences else "")
    if stance.decisive and not parts:
        # No cue of the article pushed it: the base rate of news articles is no evidence.
        why = f"article stance model: no cue for {stance.value}: discusses"
        return Judgement(Stance.DISCUSSES, 0.5, evidence_sentence, (*rules.reasons, why), "article")
    why = f"article stance model -> {stance.value} {probabilities[stance] / total:.2f}: " + (
        ", ".join(parts) if parts else "no cue weighed for it"
    )
    reasons = (*rules.reasons, why)
    return Judgement(
        stance, round(probabilities[stance] / total, 3), evidence_sentence, reasons, "article"
    )


_T = TypeVar("_T")


def _at(values: Sequence[_T], index: int, default: _T) -> _T:
    return values[index] if index < len(values) else default


class Evidence(Protocol):
    """What the stance step reads of a related pair (tracker.engine.relevance.Relevance)."""

    @property
    def sentences(self) -> tuple[str, ...]:
        """The story's sentences best first."""
        ...

    @property
    def sentence_coverages(self) -> tuple[float, ...]:
        """Share of what the claim says beyond its subject in each sentence."""
        ...

    @property
    def sentence_levels(self) -> tuple[float, ...]:
        """Each sentence's similarity to the claim in spreads from its usual (or empty)."""
        ...

    @property
    def names_subject(self) -> tuple[bool, ...]:
        """Whether each sentence names the claim's subject."""
        ...

    @property
    def names_beyond_subject(self) -> bool:
        """Does the claim name something beyond the stream's subject (a required entity
        group that is not it), so that a sentence naming its groups names more than the
        subject every story shares?"""
        ...

    @property
    def source_named(self) -> str | None:
        """The claim's own source (attributed_to) as the story names it."""
        ...

    @property
    def story_sentences(self) -> int:
        """How many sentences the story has (title included)."""
        ...

    @property
    def distinctive_marks(self) -> frozenset[str]:
        """What a cue must govern to be about the claim (empty: all its key words)."""
        ...

    @property
    def all_sentences(self) -> tuple[str, ...]:
        """The story's sentences in order (title first), for the article stance model."""
        ...


@dataclass(frozen=True)
class Sentences:
    """Evidence given directly (tests, and callers without a matcher)."""

    sentences: tuple[str, ...]
    sentence_coverages: tuple[float, ...] = ()
    sentence_levels: tuple[float, ...] = ()
    names_subject: tuple[bool, ...] = ()
    source_named: str | None = None
    story_sentences: int = 1
    distinctive_marks: frozenset[str] = frozenset()
    all_sentences: tuple[str, ...] = ()
    names_beyond_subject: bool = True


def judge(
    profile: ClaimProfile,
    evidence: Evidence,
    *,
    published: datetime | None = None,
    now: datetime | None = None,
    lexicon: Lexicon | None = None,
    headline: str | None = None,
    model: bool = True,
) -> Judgement:
    """Decide the stance of a story from its evidence sentences (best first).

    `headline` is the story's title; `model`: let the stance model decide a
    headline-only story where no hard rule fires (False gives the rules alone).

    What the best sentence says wins; a lesser sentence decides only when it
    corroborates or contradicts. A story whose sentences say nothing decisive
    discusses the claim, with the best sentence as evidence.
    """
    order = list(range(len(evidence.sentences)))
    if headline is not None:
        # The headline speaks for the story: read first when it is among the evidence.
        title = " ".join(headline.split())
        first = [i for i in order if evidence.sentences[i] == title]
        order = first + [i for i in order if i not in first]
    sentences = [evidence.sentences[i] for i in order]
    coverages = [_at(evidence.sentence_coverages, i, 0.0) for i in order]
    levels = [_at(evidence.sentence_levels, i, None) for i in order]
    subjects = [_at(evidence.names_subject, i, True) for i in order]
    ctx = _Context(
        profile,
        lexicon or load_lexicon(),
        published,
        now,
        evidence.source_named,
        headline=" ".join(headline.split()) if headline else None,
        long_story=evidence.story_sentences > LONG_STORY_SENTENCES,
        headline_only=evidence.story_sentences == 1 and headline is not None and model,
        marks=evidence.distinctive_marks or None,
        names_beyond=evidence.names_beyond_subject,
        told=tuple(evidence.all_sentences),
    )
    judged = _by_rules(ctx, sentences, coverages, subjects, levels)
    timed = judged.rule in _TIMING_RULES
    told = evidence.all_sentences or sentences
    withheld = _denial_withheld(ctx, told) if judged.stance.decisive and not timed else None
    if withheld is not None:
        judged = Judgement(Stance.DISCUSSES, 0.6, *withheld, "withheld")
    if (
        model
        and evidence.story_sentences > LONG_STORY_SENTENCES
        and judged.rule not in HARD_RULES
        and evidence.all_sentences
    ):
        judged = _article_modelled(ctx, evidence, judged, max(coverages, default=0.0))
    return _before_the_event(profile, published, _promise_repeated(ctx, judged))


#: A verb of the future in Hindi ("खुलेगा", "करेंगे") and Marathi ("होणार", "होईल").
_FUTURE_ENDINGS = ("ेगा", "ेगी", "ेंगे", "एगा", "एगी", "एंगे", "णार", "ईल", "तील")
#: English words telling of what is to come (beside `FUTURE_CLAIM_WORDS`).
_FUTURE_WORDS = FUTURE_CLAIM_WORDS | frozenset(
    {
        "due", "expected", "set", "sets", "promised", "promises", "pledge", "pledges",
        "aims", "plans", "likely", "योजना", "वादा", "आश्वासन",
        # A proposal is of something to come: "proposed that leaders meet again".
        "propose", "proposed", "proposes", "proposal", "प्रस्ताव", "प्रस्तावित",
        # A hope, an expectation or a request is of something to come too: "IMD expects
        # monsoon over Kerala on June 4", "SEBI seeks six more months" ("asks" is
        # too often another clause's verb: "the opposition asks why").
        "expects", "hopes", "hoped", "hoping", "seeks", "sought",
        # So is a target being set: "is targeting December", "उड़ानों का लक्ष्य" (not
        # the English noun, "ahead of the March 31 target", "missed several targets").
        "targeting", "लक्ष्य", "उद्दिष्ट",
    }
)  # fmt: skip


#: What follows "asks" in a request ("asks ... for", "asks ... to"), not a question
#: ("the opposition asks why").
_ASKED_FOR = frozenset({"for", "to"})


def _tells_future(
    sentence: str, endings: bool = True, own: frozenset[str] = frozenset()
) -> str | None:
    """The word by which a sentence tells of something to come, or None. `endings`:
    Hindi and Marathi future endings count too ("खुलेगा", "होईल", "मिळतील"). `own`: the
    claim's marks, whose words are the claim's thing, no plan ("सम-विषम योजना लागू
    झाली" for a claim on the odd-even scheme)."""
    read = Sentence.read(sentence)
    words = read.original
    for index, word in enumerate(words):
        folded = fold(word)
        following = fold(words[index + 1]) if index + 1 < len(words) else ""
        if (
            folded in _FUTURE_WORDS
            and not (folded in _PLAN_OR_THING and read.marks[index] & own)
            and not (folded in _SET and _set_done(words, index))
            and not (folded in _KEPT and "as" in map(fold, words[max(0, index - 3) : index]))
        ):
            # (not "the monsoon sets in", "the team set off"; "as it had promised", "as
            # planned" tell of the promise kept, "as it plans to" does not)
            return word
        if folded == "asks" and _ASKED_FOR.intersection(map(fold, words[index + 1 : index + 4])):
            return word  # a request: "asks the court for six more months", "asks NPCI to"
        if (
            endings
            and folded in _HINDI_WILL_BE
            and not (index and _HINDI_MUST_RE.search(words[index - 1]))
        ):
            return word  # (not "देने होंगे": must pay, an obligation now)
        if endings and is_devanagari(folded) and folded.endswith(_FUTURE_ENDINGS):
            if folded.endswith("तील") and not (following == "" or following in _AFTER_VERB):
                # Marathi "-तील" is also "in" before a noun ("बँकेतील नवे व्यवहार",
                # the bank's new transactions); the verb ("मिळतील") ends its clause.
                continue
            return word
    return headline_future(sentence)


#: Hindi "will be" ("शुरू होगी"), whose ending is no other future's ("-ोगी" is also
#: "योगी", "सहयोगी").
_HINDI_WILL_BE = frozenset({"होगा", "होगी", "होंगे", "होंगी"})
#: An infinitive before it ("देने", "करनी"): "must", not "will".
_HINDI_MUST_RE = re.compile(r"(?:ने|नी)$")
#: Words of a plan that also name a thing the claim may be about: "योजना" is a plan and
#: a scheme, "प्रस्ताव" a proposal to come and the one tabled.
_PLAN_OR_THING = frozenset({"योजना", "proposal", "प्रस्ताव"})
_SET = frozenset({"set", "sets"})
#: Words of a promise or plan that "as" before them tells kept: "as it had promised".
_KEPT = frozenset({"promised", "pledged", "planned", "scheduled", "expected", "announced"})
#: "sets in", "set off", "set out": a done act, not "set to" (what is to come).
_SET_PARTICLES = frozenset({"in", "off", "out", "up"})
#: After "set by", who set it ("the deadline set by the chief minister"), not a date.
_AGENT_OPENERS = frozenset({"the", "a", "an", "its", "his", "her", "their"})


def _set_done(words: Sequence[str], index: int) -> bool:
    """Is the "set" at `index` a done act ("the monsoon sets in", "set off"), or a
    participle naming who set it ("the deadline set by the chief minister"), not what is
    set to come ("set to open", "set by December", "set by the end of the week", "set by
    the monsoon", "set by the collector for December 14")?"""
    folded = [fold(w) for w in words[index + 1 : index + 1 + _SET_AGENT_REACH]]
    if not folded:
        return False
    if folded[0] in _SET_PARTICLES:
        return True
    if folded[0] != "by" or len(folded) < 3 or folded[1] not in _AGENT_OPENERS:
        return False
    # Who set it, not when: no time after "by the", nor a "for" giving the date.
    return folded[2] not in _SET_TIMES and folded[2] not in TIME_WORDS and "for" not in folded


#: How many words after "set" `_set_done` reads.
_SET_AGENT_REACH = 8
#: Times "set by the ..." may name: "the end of March", "the weekend", "the monsoon".
_SET_TIMES = frozenset(
    {"end", "weekend", "time", "week", "month", "year", "monsoon", "first", "last", "middle",
     "close", "start", "beginning", "next", "following", "deadline", "festival"}
)  # fmt: skip


#: Words after a Marathi verb ending its clause ("मिळतील, असे कंपनीने सांगितले").
_AFTER_VERB = frozenset(
    {"असे", "अशी", "असा", "अशा", "असेही", "अशीही", "आणि", "तर", "म्हणून", "पण", "मात्र",
     "परंतु", "तसेच", "व", "की"}
)  # fmt: skip


#: A headline's clause opening on a name and "to" + a verb: English headlines' future
#: ("Amit Shah to visit Kutch", "Biparjoy to cross coast near Jakhau", "Air India to
#: hire 1,000 pilots"). The clause starts the headline or follows ":", ";" or ",".
_HEADLINE_TO_RE = re.compile(
    r"(?:^|[:;,]\s*)(?P<who>[A-Z][\w'’.+&-]*(?:\s+[\w'’.+&-]+){0,4}?)\s+(?P<to>to)\s+(?P<verb>[a-z]+)\b"
)
#: Words before "to" that show the clause already has its verb ("asks X to", "forms a
#: panel to") or that "to" is no infinitive ("due to", "close to", "up to").
_NOT_HEADLINE_FUTURE = frozenset(
    {
        "asks", "asked", "gives", "forms", "invites", "offers", "orders", "tells", "rushes",
        "tries", "heads", "becomes", "crosses", "calls", "signs", "says", "urges", "seeks",
        "wants", "plans", "aims", "hopes", "vows", "prepare", "prepares", "struggle",
        "struggles", "starts", "extends", "targets", "clears", "points", "returns",
        "misses", "writes", "denies", "takes", "joins", "switch", "shifts", "moves", "goes",
        "comes", "is", "are", "was", "were", "has", "have", "had", "set", "due", "close",
        "up", "back", "next", "according", "compared", "ahead", "way", "ready", "able",
        "unable", "likely", "unlikely", "poised", "expected", "talks", "left", "fit",
        "nation", "first", "last", "vote", "votes", "meeting", "pact", "deal", "bid",
        "return", "from", "days", "weeks", "months", "years", "hours",
    }
)  # fmt: skip


#: Words after "to" that start a noun phrase, not a verb ("to the coast", "to its fans").
_NOT_A_VERB = frozenset(
    {"the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "these",
     "those", "all", "any", "some", "each", "every", "more", "over", "about", "one",
     "two", "three", "new", "date", "blame"}
)  # fmt: skip


def headline_future(text: str) -> str | None:
    """ "X to <verb>" opening a headline's clause ("Amit Shah to visit"): its words, or
    None. Not after a verb of the clause's own ("asks NPCI to examine") or in a fixed
    phrase ("due to", "up to"), nor before a name, a number or a verb's -ing form."""
    found = _headline_future_span(text)
    return found[0] if found else None


@functools.lru_cache(maxsize=1 << 14)
def _headline_future_span(text: str) -> tuple[str, int, int] | None:
    """`headline_future`'s words, and where what is to come is told: from "to" to the
    end of its clause (the next ":", ";" or ",")."""
    for match in _HEADLINE_TO_RE.finditer(text):
        words = match.group("who").split()
        verb = match.group("verb")
        # A lowercase -ed or -s word is the clause's own verb ("Panvel flyover opens to
        # traffic", "74k moved to shelters"); a name may end so ("Ahmed to visit").
        if any(w.casefold() in _NOT_HEADLINE_FUTURE for w in words) or any(
            w.islower() and (w.endswith("ed") or (w.endswith("s") and not w.endswith("ss")))
            for w in words[1:]
        ):
            continue  # "Panvel flyover opens to traffic": the clause has its verb
        if (
            verb in _NOT_A_VERB
            or verb.endswith("ing")
            or (verb.endswith("s") and not verb.endswith("ss"))
        ):
            continue  # "to hospitals": a place, not a verb
        told = match.start("to")
        stop = re.search(r"[:;,]", text[told:])
        return f"to {verb}", told, told + stop.start() if stop else len(text)
    return None


def _promise_repeated(ctx: _Context, judged: Judgement) -> Judgement:
    """Before a time-bound claim's deadline, a sentence saying the event will come by
    then ("will open to traffic by June 2025, the commissioner said", "जून तक खुलेगा")
    repeats the promise, and so does one stating it at the deadline's time with nothing
    of it done (`_plan_restated`) or talking of a deadline or target as such
    (`_deadline_talked`); only a report that it has happened corroborates."""
    profile, published = ctx.profile, ctx.published
    window = profile.window
    if (
        window is None
        or judged.stance is not Stance.CORROBORATES
        or _after_deadline(profile, published, None) is not None
    ):
        return judged
    future = _tells_future(judged.evidence, own=profile.key_words)
    if future is not None and not _future_elsewhere(ctx, judged.evidence, future):
        why = (
            f'"{future}": tells of it as to come before the deadline {window.by.isoformat()}:'
            " discusses"
        )
        return Judgement(Stance.DISCUSSES, 0.5, judged.evidence, (*judged.reasons, why), "planned")
    sentence = Sentence.read(judged.evidence)
    if judged.rule != "assert" or ctx.lexicon.find("confirm", sentence.words):
        return judged  # (a confirming cue, a figure: its own rules decide)
    planned = _plan_restated(ctx, sentence) or _deadline_talked(ctx, sentence)
    if planned is None:
        return judged
    return Judgement(Stance.DISCUSSES, 0.5, judged.evidence, (*judged.reasons, planned), "planned")


#: Words of the rest of the claim's thing ("the remaining four will come in May", "बाकी
#: काम जूनमध्ये"): a part holding one speaks of it.
_THE_REST = frozenset(
    {
        "remaining", "rest", "other", "others", "balance", "बाकी", "शेष", "उर्वरित", "उरलेले",
        "उरलेल्या", "उरलेली",
    }
)  # fmt: skip


def _future_elsewhere(ctx: _Context, text: str, future: str) -> bool:
    """Is the word telling of something to come in another part of the sentence than the
    claim's ("The Centre has lifted the ban on onion exports, and 3 lakh tonnes will be
    allowed to be shipped in the coming weeks"): its part holds none of what the claim
    says beyond its subject nor a word of the rest of it ("the remaining four"), another
    does?"""
    parts = [Sentence.read(part) for part in re.split(_PART_BREAKS, text)]
    if len(parts) < 2:
        return False
    claims = [
        part.holds(ctx.wanted) or not _THE_REST.isdisjoint(map(fold, part.original))
        for part in parts
    ]
    futures = [said for part, said in zip(parts, claims, strict=True) if future in part.original]
    return bool(futures) and not any(futures) and any(claims)


#: Rules whose contradiction, in a story written before the claimed event, is only
#: another plan: a figure or a date it is expected with ("to be held on December 18").
_PLANNED_RIVALS = frozenset({"number", "rival", "past_deadline"})


def _before_the_event(
    profile: ClaimProfile, published: datetime | None, judged: Judgement
) -> Judgement:
    """A story written before the day a factual claim dates its event to ("opened the
    bridge on 12 January 2024") can tell of it only as to come: it discusses the claim,
    whatever tense it is written in ("12 जनवरी को करेंगे लोकार्पण", "to be held in Dubai
    on December 19"). A denial that it has happened yet ("DoT says no licence yet") says
    nothing of it either; a denial of it to come ("will not open on 12 January") and a
    refutation of the plan keep their stance."""
    event, when = profile.event_day, profile.when
    if (
        event is None
        or when is None
        or published is None
        or published.date() >= event
        or not judged.stance.decisive
    ):
        return judged
    if judged.stance is Stance.CONTRADICTS and judged.rule in _DENIALS - {"answered"}:
        # (A denial of the event to come, or of its month, stands: "will not open",
        # "rules out a June opening", "cannot open in June".)
        said = judged.evidence
        month = any(m.month == when.month for m in (*find_times(said), *find_months(said)))
        if _tells_future(judged.evidence) is not None or profile.negated or month:
            return judged
        why = (
            f"a story of {published.date().isoformat()}, before the claimed"
            f" {_time_words(when)}, denies only that it has happened yet: discusses"
        )
        return Judgement(Stance.DISCUSSES, 0.5, judged.evidence, (*judged.reasons, why), "planned")
    if judged.stance is Stance.CONTRADICTS and judged.rule not in _PLANNED_RIVALS:
        return judged
    why = (
        f"a story of {published.date().isoformat()}, before the claimed"
        f" {_time_words(when)}, tells of it as to come: discusses"
    )
    return Judgement(Stance.DISCUSSES, 0.5, judged.evidence, (*judged.reasons, why), "planned")


#: Rules whose verdict from a story's sentence answers its headline's question: what
#: the story asserts, confirms, refutes or measures (not a plain "no", which may only
#: negate the question: "Did X? No, ...").
_ANSWERS = frozenset({"assert", "confirm", "refute", "number", "rival", "past_deadline"})


#: "Shami leads with 23 wickets, but Zampa is one behind": an answer weighing two sides
#: is no plain answer (stemmed as `Sentence.words` are).
_BUT_STEMS = frozenset(stem(fold(w)) for w in BUT_WORDS)


def _answer(
    ctx: _Context,
    sentences: Sequence[str],
    coverages: Sequence[float],
    subjects: Sequence[bool],
    levels: Sequence[float | None],
    offset: int,
) -> Judgement | None:
    """The answer the story's other sentences give to its headline's question, or None.

    Only a plain answer counts: the sentences that decide agree (a corroboration and a
    contradiction are a fact check weighing both), every one is an assertion, a
    confirmation, a refutation or a figure (`_ANSWERS`), and no sentence hedges, cites
    a report, asks, tells of a delay or weighs "but" ("Did X? Experts are divided"
    answers nothing). A headline asking *whether* the claim holds (`_asks_whether_claim`:
    "Is McDonald's running out of tomatoes?") is not answered by a sentence that only
    states it again, which tells what is asked about: one telling more (`_tells_more`),
    a confirmation, a refutation or a figure answers it. One asking *for* something
    ("What is Aditya-L1?") is answered by a statement.
    """
    whether = _asks_whether_claim(ctx, guess_language(" ".join(sentences[:2])) == "mr")
    found = []
    for index, sentence in enumerate(sentences, start=offset):
        read = Sentence.read(sentence)
        if (
            asks(sentence)
            or _hedges_answer(ctx, read)
            or ctx.lexicon.find("delay", read.words)
            or not _BUT_STEMS.isdisjoint(read.words)
            or _weighs_two_sides(sentence)
            or _accounts_either_side(sentence)
        ):
            return None
        judged = _judge_sentence(ctx, sentence, coverages[index], subjects[index], levels[index])
        if judged is None:
            continue
        if not (judged.stance.decisive and judged.rule in _ANSWERS):
            return None
        if whether and judged.rule == "assert" and not _tells_more(ctx, read):
            return None  # (it repeats the question's premise)
        found.append(judged)
    if not found or len({j.stance for j in found}) > 1:
        return None
    first = found[0]
    why = f"the headline asks; the story answers: {first.reasons[-1]}"
    return dataclasses.replace(first, reasons=(*first.reasons[:-1], why))


def _hedges_answer(ctx: _Context, sentence: Sentence) -> bool:
    """Does a hedge keep the sentence from answering a headline's question? Any hedge
    does, except the claim named to be refuted ("The claim that the rally ended a
    two-decade gap is therefore false"): a refutation of it, unless another hedge holds
    it ("Users alleged that the claim ... is false")."""
    hedges = _hedge_cues(ctx, sentence)
    if not hedges:
        return False
    if any(sentence.words[start] not in _NAMED_CLAIMS for _, start, _ in hedges):
        return True
    return not _claims_refutes(ctx.profile, sentence, ctx.lexicon)[0]


def _asks_whether_claim(ctx: _Context, marathi: bool) -> bool:
    """Does the headline ask whether the claim holds (`asks_whether`), its question
    holding two of the claim's words? "Worn tyres? You'll be turned back as checks
    begin" and "Can Mumbai take the heat?" ask about something else, which the story's
    statement answers."""
    headline = ctx.headline
    if headline is None or not asks_whether(headline, marathi):
        return False
    asked = Sentence.read(headline.rpartition("?")[0])
    return len(frozenset().union(*asked.marks) & ctx.wanted) >= 2


def _tells_more(ctx: _Context, sentence: Sentence) -> bool:
    """Does a sentence stating the claim tell more than a question whether it holds
    asked: a figure ("by four wickets", "1,100 points"), a source ("a survey by the
    transport department found") or who told it ("police said", "according to IMF
    data")? Then it answers the question."""
    if (
        find_numbers(sentence.text)
        or ctx.lexicon.find("source", sentence.words)
        or ctx.lexicon.find("attribution", sentence.words)
    ):
        return True
    # Or what else it tells: words of neither the claim nor the headline ("after a
    # marathon debate late on Thursday night", "with Rohit Sharma named player of the match").
    asked = frozenset().union(*Sentence.read(ctx.headline or "").marks) | ctx.profile.key_words
    stop = all_stopwords()
    new = {
        word
        for word, original, marks in zip(
            sentence.words, sentence.original, sentence.marks, strict=True
        )
        if fold(original) not in stop and len(original) > 2 and not marks & asked
    }
    return len(new) >= _MORE_WORDS


#: How many words of its own make a statement of the claim an answer to a question.
_MORE_WORDS = 4


def _dates_the_headline(ctx: _Context, sentence: str, judged: Judgement) -> bool:
    """After a headline telling of the claim's event without a date, does a later
    sentence's judgement date it or tell it came late? A deadline's or a delay's does; a
    date after the deadline (`_past_deadline`) does when the sentence tells of the event
    done ("को ... छोड़ा गया" on 20 April 2025), not of something still to come or not
    done ("the extension to Wagholi will not open before 2026": another thing)."""
    if judged.rule in ("deadline", "own_deadline", "delay"):
        return True
    if judged.rule == "past_deadline" and ctx.lexicon.find("delay", Sentence.read(sentence).words):
        return True  # put off to a later date: "सुनवाई सितंबर तक टाल दी ... और देरी होगी"
    if judged.rule != "past_deadline" or _tells_future(sentence) is not None:
        return False
    return not ctx.lexicon.find("negation", Sentence.read(sentence).words)


#: Rules that deny: in a story denying the premise of its headline's question, they
#: deny that premise, not the claim.
_DENIALS = frozenset({"refute", "negation", "answered"})


def _told_as_allegation(
    ctx: _Context,
    sentences: Sequence[str],
    coverages: Sequence[float],
    levels: Sequence[float | None],
    skip: int,
) -> str | None:
    """The words by which another evidence sentence (not `skip`, the one that decided)
    tells the claim's proposition as an allegation or hearsay, when the story states it
    nowhere else: its words, or None.

    A story is no assertion of what it tells only as someone's allegation: "Tulja
    society diverted ration wheat" over "the MLA alleged that the society diverted ...",
    "..., असा आरोप आमदारांनी केला", "कथित तौर पर", "सांगितले जाते". Not when a sentence of
    the body states as much of the claim (its coverage) in its own voice or an
    independent source's (`_own_voice`: "the court convicted Mehta of fraud; Mehta
    reportedly plans to appeal" tells another thing as hearsay), nor when the story
    confirms an allegation or refutes anything (the allegation it tells is then the one
    found true or false: "the probe confirmed the opposition's allegation", "posts
    claimed ...; that is false"), nor when the allegation is what the claim itself
    speaks of ("lost because of the allegations against its leader")."""
    if ctx.debunking:
        return None
    told, alleged, own = None, 0.0, 0.0
    for index, text in enumerate(sentences):
        coverage, level = coverages[index], levels[index]
        if not about_proposition(coverage, level):
            continue
        sentence = Sentence.read(text)
        said = _allegation_of_claim(ctx, sentence)
        if said is not None and index != skip:
            told, alleged = told or said, max(alleged, coverage)
        elif (
            said is None
            and text != ctx.headline
            and _asserts(ctx, sentence, coverage, level)
            and _own_voice(ctx, sentence)
        ):
            own = max(own, coverage)
    # (The body states as much of it in its own voice: "the court convicted him ...;
    # he allegedly ran a racket" tells another thing as an allegation.)
    if told is None or own >= alleged:
        return None
    # Only then the whole story, once: a refutation or a confirmed allegation anywhere.
    for text in ctx.told or sentences:
        sentence = Sentence.read(text)
        if live_refutes(sentence, ctx.lexicon)[0] or _live_confirms(ctx, sentence):
            return None
    return told


def _live_confirms(ctx: _Context, sentence: Sentence) -> bool:
    """Does the sentence confirm an allegation ("the probe confirmed the opposition's
    allegation", "इस आरोप की पुष्टि की"), its confirming cue not negated ("इस आंकड़े की पुष्टि
    नहीं की" confirms nothing; "मौतों की पुष्टि" confirms no allegation)?"""
    return bool(ctx.lexicon.find("charge", sentence.words) and _unnegated_confirms(ctx, sentence))


def _own_voice(ctx: _Context, sentence: Sentence) -> bool:
    """Does the sentence tell what it tells in the story's own voice, or an independent
    source's ("the court convicted him", "officials said")? Not someone's words ("Ramesh
    said ..."), nor anything negated ("the state has not announced a date")."""
    if ctx.lexicon.find("negation", sentence.words):
        return False
    return not ctx.lexicon.find("attribution", sentence.words) or bool(
        _other_sources(ctx, sentence)
    )


def _allegation_of_claim(ctx: _Context, sentence: Sentence) -> str | None:
    """The words by which a sentence tells the claim as an allegation or hearsay, or None
    (`_told_as_allegation`)."""
    alleged = _alleged(ctx, sentence)
    if alleged is not None and not marks_of_words(tokenize(alleged)) & ctx.profile.key_words:
        return alleged
    for _, start, end in _claims_hedges(ctx, sentence):
        if _hearsay(sentence, start, end):
            return sentence.said(start, end)
    return None


def _by_rules(
    ctx: _Context,
    sentences: Sequence[str],
    coverages: Sequence[float],
    subjects: Sequence[bool],
    levels: Sequence[float | None],
) -> Judgement:
    """The rules' judgement: the headline first, then the other evidence sentences."""
    discussed: Judgement | None = None
    undated: Judgement | None = None
    # A headline asking whether the claim is true leaves the story undecided, unless
    # a figure or a deadline decides the headline itself, or the story answers it
    # plainly (`_answer`).
    debunking = ctx.debunking
    asks = ctx.headline is not None and _asks_about_claim(ctx, ctx.headline) and not debunking
    for index, sentence in enumerate(sentences):
        judged = _judge_sentence(ctx, sentence, coverages[index], subjects[index], levels[index])
        if debunking and index > 0 and judged is not None and judged.rule in _DENIALS:
            # The headline denies something else it asked: so do the story's denials.
            continue
        hard = judged is not None and judged.rule in HARD_RULES
        if (
            index == 0
            and not hard
            and not debunking  # its "No" answers the other question, not the claim
            and _model_applies(ctx, " ".join(sentence.split()))
        ):
            return _modelled(ctx, " ".join(sentence.split()), coverages[index], levels[index])
        if judged is None:
            continue
        if judged.rule == "question" and sentence == ctx.headline and asks:
            # "How much did Chandrayaan-3 cost?": the story's sentences may answer it.
            answer = _answer(ctx, sentences[index + 1 :], coverages, subjects, levels, index + 1)
            return answer or judged
        if judged.stance.decisive and judged.rule not in HARD_RULES and asks:
            why = f"the headline asks a question: {judged.reasons[-1]} is not asserted"
            return Judgement(Stance.DISCUSSES, 0.6, judged.evidence, (why,), "question")
        if index == 0 and judged.rule == "deadline" and not judged.stance.decisive:
            # "JioHotstar goes live" after the deadline: the lead may date it ("on
            # Friday, 14 February, launched"); if no sentence does, the headline's reason.
            undated = judged
            continue
        if undated is not None and not _dates_the_headline(ctx, sentence, judged):
            continue  # only a date for the headline's event, or its lateness, decides
        if judged.stance is Stance.CORROBORATES and judged.rule not in _TIMING_RULES:
            alleged = _told_as_allegation(ctx, sentences, coverages, levels, index)
            if alleged is not None:
                why = f'the story tells it as an allegation or hearsay ("{alleged}"): not asserted'
                return Judgement(Stance.DISCUSSES, 0.6, judged.evidence, (why,), "hedge")
        if judged.stance.decisive or index == 0:
            return judged
        if discussed is None:
            # A hedge in a lesser sentence does not make it the evidence.
            why = f"{judged.reasons[-1]} (in another sentence)"
            discussed = Judgement(judged.stance, judged.confidence, "", (why,))
    best = sentences[0] if sentences else ""
    if undated is not None:
        return undated
    if discussed is not None:
        return Judgement(Stance.DISCUSSES, discussed.confidence, best, discussed.reasons)
    return Judgement(
        Stance.DISCUSSES,
        0.5,
        best,
        ("no sentence states, denies or measures the claim's proposition: discusses",),
    )
