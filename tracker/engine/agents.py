"""Who did a claim's act: the claim's agent and verb ("Chief Minister Devendra Fadnavis
inaugurated ..."), and the agents a story's sentence gives an act ("inaugurated by
Prime Minister Narendra Modi", "एकनाथ शिंदे यांच्या हस्ते", "ईओयू ने गिरफ्तार किया").

Pure text work: the stance rules decide what a rival agent means for a claim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.engine.dates import TIME_WORDS
from tracker.engine.keys import word_skeleton
from tracker.engine.sentence import Sentence
from tracker.engine.text import all_stopwords, fold, is_devanagari, spelled_letters, tokenize


@dataclass(frozen=True)
class Agency:
    """A claim's agent and act, as written: ("Devendra", "Fadnavis") and "inaugurated".

    `agent` holds the agent's own words, without the titles and heads every agent of
    its kind has ("Chief Minister", "High Court" keeps "High", drops "Court").
    """

    agent: tuple[str, ...]
    act: str
    #: The agent's short names, folded: its acronyms ("cbi") and the initials of its
    #: full name ("Indian Air Force": "iaf").
    short: frozenset[str] = frozenset()
    #: The content words the act is done to, as written ("the BKC-Worli stretch").
    acted_on: tuple[str, ...] = ()


#: Past forms that do not end in "-ed".
_IRREGULAR_PAST = frozenset(
    {
        "made", "took", "sent", "rode", "dug", "laid", "led", "won", "gave", "held", "rang",
        "paid", "set", "began", "flew", "cut", "shut", "struck", "wrote", "sold", "bought",
        "built", "broke", "caught", "chose", "drew", "drove", "fought", "found", "froze",
        "hid", "hit", "kept", "lost", "met", "put", "quit", "ran", "saw", "sought", "spent",
        "stole", "swore", "told", "threw", "withdrew",
    }
)  # fmt: skip
#: "-ed" words that are no verb of an act ("based", "red", "need").
_NOT_PAST = frozenset({"based", "red", "need", "seed", "speed", "bed", "hundred", "shed", "united"})
#: Titles and heads every agent of a kind has: no part of who the agent is.
GENERIC_AGENT_WORDS = frozenset(
    {
        "chief", "minister", "prime", "deputy", "president", "vice", "governor", "general",
        "manager", "director", "chairman", "chairperson", "secretary", "commissioner",
        "court", "police", "department", "ministry", "government", "board", "authority",
        "commission", "committee", "executive", "officer", "official", "officials", "union",
        "state", "central", "national", "indian", "india", "the", "of", "and", "co",
        "founder", "cofounder", "ceo", "mr", "mrs", "ms", "dr", "shri", "smt", "justice",
        "bench", "company", "group", "agency", "team", "leader", "member", "mp", "mla",
        "cm", "pm", "dcm", "dcp", "acp", "sp", "dm", "ips", "ias", "inspector", "sub",
        "collector", "superintendent", "investigators", "officers", "sources", "experts",
    }
)  # fmt: skip
#: Auxiliaries between an agent and its act ("has ordered"), and adverbs ("formally").
_BETWEEN = frozenset(
    {"has", "had", "have", "formally", "virtually", "also", "today", "finally", "personally"}
)
#: Words after which a claim's "-ed" word is no act of its subject ("was arrested").
_PASSIVE = frozenset({"was", "were", "is", "are", "been", "be", "being"})


def is_done_act(word: str) -> bool:
    """Is the English word a past verb, the act done ("arrested", "took")?"""
    folded = fold(word)
    return folded in _IRREGULAR_PAST or (
        folded.endswith("ed") and len(folded) > 4 and folded not in _NOT_PAST
    )


def claim_agency(text: str) -> Agency | None:
    """The claim's agent and act, when it tells who did what in the active voice with a
    named agent ("The CBI arrested ...", "Mumbai Police arrested ..."); else None."""
    words = tokenize(text)
    stop = all_stopwords()
    for index, word in enumerate(words[:12]):
        if index == 0 or not is_done_act(word):
            continue
        before = [fold(w) for w in words[:index]]
        if any(w in _PASSIVE or w in ("will", "would", "to") for w in before):
            return None
        while before and before[-1] in _BETWEEN:
            before.pop()
        phrase = words[: len(before)]
        # (The first word is capitalised anyway: "Water leaked" names no one; "MSCI cut",
        # "Neeraj Chopra won" and "Police officer Ravi Rao arrested" do.)
        opens_name = len(phrase) > 1 and phrase[1][:1].isupper()
        whole = phrase  # (the body's short name stands for its officer's act too)
        titled = [i for i, f in enumerate(before) if f in _TITLES]
        if titled and 0 < titled[-1] < len(before) - 1:
            # "Hyundai Motor Group chairman Euisun Chung": the one who acted is the title's
            # holder; the body before the title is where he works, which others share.
            cut = titled[-1] + 1
            phrase, before, opens_name = phrase[cut:], before[cut:], True
        named = [
            w
            for i, (w, f) in enumerate(zip(phrase, before, strict=True))
            if f not in stop
            and f not in GENERIC_AGENT_WORDS
            and ((w[:1].isupper() and (i > 0 or opens_name)) or (len(w) > 1 and w.isupper()))
        ]
        if not named:
            return None
        acted_on: list[str] = []
        for w in words[index + 1 :]:
            if fold(w) in _OBJECT_ENDS and acted_on:
                break
            if fold(w) not in stop:
                acted_on.append(w)
        # (A title's acronym, "CM", is every chief minister's.)
        short = (short_names(phrase) | short_names(whole)) - GENERIC_AGENT_WORDS
        return Agency(tuple(named), fold(word), short, tuple(acted_on[:4]))
    return None


#: Titles between a body and the person holding them ("Oreva group managing director
#: Jaysukh Patel").
_TITLES = frozenset(
    {"chairman", "chairperson", "chair", "director", "minister", "president", "ceo",
     "founder", "cofounder", "secretary", "governor", "commissioner", "officer", "manager",
     "partner", "head", "chief", "md", "cmd", "spokesperson", "cfo", "coo"}
)  # fmt: skip
#: Words that end what an act is done to ("inaugurated the stretch on 9 May").
_OBJECT_ENDS = frozenset(
    {"on", "in", "at", "after", "before", "with", "for", "by", "over", "during"}
)


def short_names(words: list[str] | tuple[str, ...]) -> frozenset[str]:
    """The short names of a name as written, folded: its acronyms ("CBI") and the
    initials of its capitalised words ("Food and Drug Administration": "fda")."""
    capitalised = [w for w in words if w[:1].isupper() and fold(w) not in _JOINING]
    acronyms = {fold(w) for w in words if len(w) > 1 and w.isupper()}
    acronyms |= {spelled for w in words if (spelled := spelled_out(w))}
    initials = "".join(fold(w)[0] for w in capitalised if not w.isupper())
    # ("Maharashtra's Food and Drug Administration" is the FDA too.)
    tails = {initials[i:] for i in range(len(initials) - 1)}
    return frozenset(acronyms | tails)


def spelled_out(word: str) -> str | None:
    """The Latin acronym a Devanagari word spells letter by letter ("सीबीआई": "cbi"), or
    None when it is no such word (`text.spelled_letters`, of two letters at least)."""
    if not is_devanagari(word):
        return None
    letters = spelled_letters(word)
    return letters if letters is not None and len(letters) > 1 else None


#: Words inside a name ("Indian Council of Medical Research").
_JOINING = frozenset({"the", "of", "and", "for"})


#: Hindi and Marathi markers of an agent after its name: "ने", "यांनी", "यांच्या हस्ते",
#: "के हाथों", "द्वारा".
_MARKERS = (("यांच्या", "हस्ते"), ("च्या", "हस्ते"), ("के", "हाथों"), ("ने",), ("यांनी",), ("द्वारा",))
#: A Marathi agent glued to its marker: "पोलिसांनी", "जवानांनी" (not "कंपनी").
_GLUED_RE = re.compile(r"^[\u0900-\u097f]{2,}?(?:ांनी|ंनी)$")
#: Words standing for an agent already named: no rival of the claim's.
_PRONOUNS = frozenset(
    {
        "he", "she", "it", "they", "we", "i", "who", "which", "उन्होंने", "इन्होंने", "जिन्होंने",
        "हमने", "मैंने", "आपने", "त्यांनी", "त्याने", "तिने", "ज्यांनी", "आम्ही", "आपण",
        "किसने", "कोणी", "सरकार", "सरकारने", "पुलिस", "पोलिसांनी", "प्रशासन",
    }
)  # fmt: skip


def story_agents(sentence: Sentence, act: frozenset[str]) -> list[tuple[int, int]]:
    """The (start, end) word spans the sentence names as the agent of an act whose marks
    are `act`: "<Name> inaugurated", "inaugurated by <Name>", "<नाव> यांच्या हस्ते ...
    लोकार्पण", "<नाम> ने ... गिरफ्तार किया". Pronouns and bare common words are none."""
    original, marks = sentence.original, sentence.marks
    spans: list[tuple[int, int]] = []
    for index, word in enumerate(original):
        if not marks[index] & act:
            continue
        if is_devanagari(word):
            continue
        # "<Name> (has) inaugurated", not "The Atal Setu, inaugurated by ..." (the act's
        # object) nor "a team led by <Name> arrested" (one of the agent's people).
        end = index
        while end > 0 and fold(original[end - 1]) in _BETWEEN:
            end -= 1
        end = _before_time(original, end)  # "The NIA on Friday arrested"
        start = _name_start(original, end)
        passive = index + 1 < len(original) and fold(original[index + 1]) == "by"
        within = start > 0 and fold(original[start - 1]) in ("by", "of", "with")
        if start < end and not passive and not within:
            spans.append((start, end))
        # "inaugurated by (the) <Name>"
        after = index + 1
        if after < len(original) and fold(original[after]) == "by":
            start = after + 1
            if start < len(original) and fold(original[start]) == "the":
                start += 1
            end = start
            while end < len(original) and (
                _capitalised(original[end])
                or (
                    fold(original[end]) in _JOINING
                    and end + 1 < len(original)
                    and _capitalised(original[end + 1])
                )
            ):
                end += 1
            if start < end:
                spans.append((start, end))
    if is_devanagari(sentence.text) and sentence.holds(act):
        spans += _devanagari_agents(sentence)
    return [span for span in spans if _names_someone(original[span[0] : span[1]])]


def sounds_like(sentence: Sentence, start: int, end: int, skeletons: frozenset[str]) -> bool:
    """Does a word of the span have one of `skeletons` (`word_skeleton`, the consonants
    relevance finds names by across scripts: Fadnavis and फडणवीस are both "fdnvs")?
    Exact skeletons only: a fuzzy one over a whole clause meets common words
    ("लोकार्पण" is within an edit of "Kulkarni")."""
    return any(word_skeleton(fold(w)) in skeletons for w in sentence.original[start:end])


def _devanagari_agents(sentence: Sentence) -> list[tuple[int, int]]:
    """Spans of up to three words before a Hindi or Marathi agent marker, or a Marathi
    word glued to one ("जवानांनी"), within its comma-parted piece."""
    original = sentence.original
    stop = all_stopwords()
    spans = []
    for index in range(len(original)):
        ahead = tuple(original[index : index + 2])
        marker = next((m for m in _MARKERS if ahead[: len(m)] == m), None)
        glued = _GLUED_RE.match(original[index]) if marker is None else None
        if marker is None and glued is None:
            continue
        end = index if marker is not None else index + 1
        start = end
        piece_start, _ = sentence.piece_of(max(0, end - 1))
        while start > max(piece_start, end - 3) and fold(original[start - 1]) not in stop:
            start -= 1
        if start < end:
            spans.append((start, end))
    return spans


def _name_start(original: tuple[str, ...], end: int) -> int:
    """Where the capitalised name ending before word `end` starts ("Indian Council of
    Medical Research")."""
    start = end
    while start > 0 and (
        _capitalised(original[start - 1])
        or (
            fold(original[start - 1]) in _JOINING
            and start - 1 > 0
            and _capitalised(original[start - 2])
            and start < end
        )
    ):
        start -= 1
    return start


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and fold(word) not in all_stopwords()


def _names_someone(words: tuple[str, ...]) -> bool:
    """Do the words name an agent: a word that is no pronoun, stopword or title?"""
    stop = all_stopwords()
    return any(
        fold(w) not in stop
        and fold(w) not in _PRONOUNS
        and fold(w) not in GENERIC_AGENT_WORDS
        and fold(w) not in TIME_WORDS  # ("Friday arrested": a day is no one)
        for w in words
    )


#: Parts of a day after its name ("on Sunday evening") and words leading a time phrase.
_DAY_PARTS = frozenset({"morning", "afternoon", "evening", "night"})
_TIME_LEADS = frozenset({"on", "last", "this", "in", "late", "early"})


def _before_time(original: Sequence[str], end: int) -> int:
    """Where the words before `end` stop when a time phrase stands between an agent and
    its act ("on Friday", "last Thursday", "on Sunday evening", "on 9 May", "in May", "late
    on Friday"): only a phrase holding a day's or a month's name, led by one of
    `_TIME_LEADS`; else `end`."""
    at = end
    if at and fold(original[at - 1]) in _DAY_PARTS:
        at -= 1
    while at and original[at - 1].isdigit():
        at -= 1
    if not (at and fold(original[at - 1]) in TIME_WORDS):
        return end
    at -= 1
    while at and original[at - 1].isdigit():
        at -= 1
    if not (at and fold(original[at - 1]) in _TIME_LEADS):
        return end
    at -= 1
    if at and fold(original[at - 1]) in ("late", "early"):
        at -= 1
    return at
