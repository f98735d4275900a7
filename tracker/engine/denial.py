"""Denial: which refuting cues and negations of a sentence deny, and which only seem to.

A refuting cue under a negation ("did not deny", "नाकारले नाही") denies nothing, nor
does one inside a confirming or hedging phrase ("without a doubt") or naming the
offence charged ("fined for misleading investors"). A negation denies unless it is a
cue's own ("no evidence", "not yet"), a condition's ("if no new case"), a description
of a noun ("showrooms that had no trade certificate"), a forced choice ("had no choice
but to sell") or a number sign ("No. 2"). A delay a refuting cue denies ("denies R2
delay") does not stand, and "without" denies in a claim after a verb of a done act
("acquired without the consent of"). Read per sentence with the lexicon, without a
claim: a claim's own denials are read with these too (`profile_claim`), and the
stance rules (`tracker.engine.stance`) decide which claim word a denial governs.

Pure: no I/O besides reading the packaged lexicon once (`denies`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from tracker.engine.agents import is_done_act
from tracker.engine.lexicon import Cue, Lexicon, load_lexicon
from tracker.engine.sentence import Sentence, stemmed, title_case, word_marks
from tracker.engine.text import fold, is_devanagari

_NEGATION_BEFORE = 3

_NEGATION_AFTER = 2
#: "not delayed", "no longer delayed", "has not been postponed": a negation this close
#: before a delay cue takes it back.
_DELAY_NEGATION_BEFORE = 2
#: How many words after a Hindi or Marathi cancellation its negation may stand ("रद्द
#: नहीं", "रद्द झाली नाही", "रद्द केलेली नाही").
_CANCEL_NEGATION_AFTER = 3
#: A refuting cue at most this many words before a delay cue denies the delay, not the
#: claim: "denies R2 delay", "denies reports that R2 has been delayed".
_DENIED_DELAY_AFTER = 8
#: In Hindi and Marathi the verb ends the clause: "विलंबाचे वृत्त फेटाळले".
_DENIED_DELAY_BEFORE = 5


def scoping_negation(negations: Sequence[tuple[Cue, int, int]], start: int, end: int) -> int | None:
    """Index of a negation that scopes over the span: just before (English) or after (hi/mr)."""
    for _, n_start, _ in negations:
        if start <= n_start < end:
            continue
        if start - _NEGATION_BEFORE <= n_start < start or end <= n_start < end + _NEGATION_AFTER:
            return n_start
    return None


#: English words before the offence a claim charges: "fined for", "accused of",
#: "charged with", "probe over".
_OFFENCE_BEFORE = frozenset({"for", "of", "with", "over"})


def _names_offence(read: Sentence, index: int) -> bool:
    """Is the refuting word at `index` of an English sentence part of an offence charged:
    right after "for", "of", "with" or "over" with its object after it ("fined for
    misleading investors"), or after such a word and a verb in "-ing" ("accused of
    filing false returns")? ("calling reports of a clearance incorrect" still denies.)"""
    if is_devanagari(read.text) or index + 1 >= len(read.original):
        return False
    before = [fold(w) for w in read.original[max(0, index - 2) : index]]
    if before and before[-1] in _OFFENCE_BEFORE:
        return True
    return len(before) == 2 and before[0] in _OFFENCE_BEFORE and before[1].endswith("ing")


def live_refutes(
    sentence: Sentence, lexicon: Lexicon
) -> tuple[list[tuple[Cue, int, int]], list[tuple[int, int, int]]]:
    """Refuting cues not under negation; and (start, end, negation index) of the negated ones."""
    words = sentence.words
    negations = lexicon.find("negation", words)
    # A refuting word inside a confirming phrase ("without a doubt", "little doubt")
    # or a hedging one ("declaration in doubt": uncertain, not denied) belongs to it.
    phrases = [
        (s, e)
        for category in ("confirm", "hedge")
        for _, s, e in lexicon.find(category, words)
        if e - s > 1
    ]
    # So does one naming the offence charged ("fined for misleading investors").
    cues = [
        c
        for c in lexicon.find("refute", words)
        if not any(s <= c[1] and c[2] <= e for s, e in phrases)
        and not _names_offence(sentence, c[1])
    ]
    return split_negated(cues, negations)


def split_negated(
    cues: Sequence[tuple[Cue, int, int]], negations: Sequence[tuple[Cue, int, int]]
) -> tuple[list[tuple[Cue, int, int]], list[tuple[int, int, int]]]:
    """The cues not under negation; and (start, end, negation index) of the negated ones."""
    live, negated = [], []
    for cue, start, end in cues:
        negator = scoping_negation(negations, start, end)
        if negator is None:
            live.append((cue, start, end))
        else:
            negated.append((start, end, negator))
    return live, negated


def live_delays(sentence: Sentence, lexicon: Lexicon) -> list[tuple[Cue, int, int]]:
    """Delay cues not negated just before them: "no longer delayed", "never postponed".

    Only a negation before the cue counts: after it, "अद्याप ... नाही" (not yet) is
    the delay itself; but a Hindi or Marathi cancellation negated after it ("एक भी
    उड़ान रद्द नहीं हुई", "रद्द झाली नाही") is no cancellation. A delay a live refuting cue
    denies ("denies R2 delay") does not stand either.
    """
    words = sentence.words
    negations = [n_start for _, n_start, _ in lexicon.find("negation", words)]
    cancels = {c_start for _, c_start, _ in lexicon.find("cancel", words)}
    # A negation that scopes over a refuting cue first ("did not deny delaying") is that cue's.
    refutes = [r_start for _, r_start, _ in lexicon.find("refute", words)]
    denied = {
        (d_start, d_end)
        for _, _, d_start, d_end in denied_delays(
            words, lexicon, live_refutes(sentence, lexicon)[0]
        )
    }
    return [
        (cue, start, end)
        for cue, start, end in lexicon.find("delay", words)
        if (start, end) not in denied
        # ("without delay", "without any delay": none)
        and "without" not in words[max(0, start - 2) : start]
        and not any(
            start - _DELAY_NEGATION_BEFORE <= n < start and not any(n < r < start for r in refutes)
            for n in negations
        )
        and not (start in cancels and _negated_after(sentence, negations, start, end))
    ]


def _negated_after(sentence: Sentence, negations: Sequence[int], start: int, end: int) -> bool:
    """Is the Hindi or Marathi cancellation at words `start`-`end` negated after it, in
    its comma piece ("रद्द नहीं हुई", "रद्द झाली नाही")?"""
    if not is_devanagari(sentence.words[start]):
        return False
    stop = min(end + _CANCEL_NEGATION_AFTER, sentence.piece_of(start)[1])
    return any(end <= n < stop for n in negations)


def denied_delays(
    words: Sequence[str], lexicon: Lexicon, refutes: Sequence[tuple[Cue, int, int]]
) -> list[tuple[int, int, int, int]]:
    """(cue start, cue end, delay start, delay end): the refuting cues whose object is a delay."""
    delays = lexicon.find("delay", words)
    out = []
    for _, start, end in refutes:
        for _, d_start, d_end in delays:
            if is_devanagari(words[start]):
                near = start - _DENIED_DELAY_BEFORE <= d_end - 1 < start
            else:
                near = end <= d_start < end + _DENIED_DELAY_AFTER
            if near:
                out.append((start, end, d_start, d_end))
                break
    return out


def live_negations(
    words: Sequence[str], lexicon: Lexicon, delays: bool = True
) -> list[tuple[Cue, int, int]]:
    """Negations that are not part of a cue ("no evidence", "not yet") nor flip a refuting
    cue. `delays` off (a claim about a delay): only a negation inside a delay cue ("not
    yet") is the cue's; one beside a delay word denies it ("देरी वजह नहीं", the delay
    was not the reason)."""
    # (The hedge "reportedly" is read in the noun "report" too: "did not submit its
    # report" keeps its negation.)
    reports = {(start, end) for _, start, end in lexicon.find("report", words)}
    spans = [
        (start, end)
        for category in ("refute", "delay", "hedge")
        for _, start, end in lexicon.find(category, words)
        # ("could not have been infected", "could not qualify", "माफी नहीं मांगी": they
        # deny; `_negated` reads what "could not" denies after it, so "the foundation
        # could not take the load" denies no foundation)
        if not (category == "hedge" and (tells_fact_at(words, start) or (start, end) in reports))
    ]
    inside = [] if delays else [(s, e) for _, s, e in lexicon.find("delay", words)]
    spans = [span for span in spans if delays or span not in inside]
    out = []
    for cue, start, end in lexicon.find("negation", words):
        if any(near_cue(start, s, e) for s, e in spans):
            continue
        if any(s <= start < e for s, e in inside):
            continue  # "not yet": the delay cue's own negation
        if _CONDITIONALS.intersection(words[max(0, start - _CONDITION_REACH) : start]):
            continue  # "declared over on October 26 if no new case": a condition, no denial
        if cue.text.casefold() == "no" and words[end : end + 1] and words[end].isdigit():
            continue  # "No. 2 in online ticketing": the number sign
        if describes(words, start):
            continue  # "showrooms that had no trade certificate": a description
        if cue.words[0] == "declin" and _declined_otherwise(words, end):
            continue  # "declined to comment", "declined to 12%": no refusal of the act
        if _no_other_way(words, start, end):
            continue  # "left with no option but to sell": it was sold
        out.append((cue, start, end))
    return out


#: "no choice but to sell", "nothing but": the negation says the one thing left.
_BUT = frozenset({"but", "except"})
#: "बेचने के सिवा कोई चारा नहीं", "विकण्याशिवाय पर्याय नव्हता": the one thing left, before
#: the negation in Hindi and Marathi (`_no_other_way`).
_EXCEPT_BEFORE = ("सिवा", "सिवाय", "अलावा", "शिवाय", "व्यतिरिक्त", "खेरीज")
#: How many words the "but" or the "except" may stand from its negation.
_OTHER_WAY_REACH = 3
#: "had no choice after the raids": being forced, said with a negation.
_CHOICES = frozenset({"choic", "option", "alternativ"})


def _no_other_way(words: Sequence[str], start: int, end: int) -> bool:
    """Is the negation at `start:end` one of "no option but to <verb>" ("had no choice
    but to sell", "had no choice after the raids", "बेचने के सिवा कोई चारा नहीं था")? It
    asserts the one way left, or being forced. Not "no option to pay in instalments",
    "no alternative route", "no chargesheet but only an FIR" (which deny)."""
    if words[start] in ("no", "nothing"):
        ahead = words[end : end + _OTHER_WAY_REACH + 1]
        but = [i for i, w in enumerate(ahead[:-1]) if w in _BUT and ahead[i + 1] == "to"]
        # "had no choice" alone, or before "after", "left", "then": being forced.
        forced = bool(ahead) and ahead[0] in _CHOICES and tuple(ahead[1:2]) in _FORCED_AFTER
        return bool(but) or forced
    before = words[max(0, start - _OTHER_WAY_REACH) : start]
    return any(w.endswith(_EXCEPT_BEFORE) for w in before) and any(
        w in _CHOICE_NOUNS for w in before
    )


#: What may follow "no choice" when it says being forced ("had no choice after the raids").
_FORCED_AFTER = frozenset({(), ("after",), ("left",), ("then",), ("now",), ("but",)})
#: Hindi and Marathi words for a way out ("कोई चारा नहीं", "पर्याय नव्हता"): with
#: "सिवा"/"शिवाय" before the negation, the one way left ("परवानगीशिवाय ... नाही",
#: without permission, is none).
_CHOICE_NOUNS = frozenset({"चारा", "रास्ता", "विकल्प", "पर्याय", "उपाय", "मार्ग"})


#: Relative words and the verbs after them that open a description of a noun.
_RELATIVES = frozenset({"that", "which", "who", "whose", "where"})
_HAVING = frozenset({"had", "has", "have", "was", "were", "is", "are"})


#: "without" in a claim: a negation there, not in a story's lexicon (`done_without`).
_WITHOUT = Cue("without", ("without",))
#: Words of a verb's tense before which "without" tells how the act was done.
AUXILIARIES = _HAVING | {"been", "be", "being"}


def done_without(read: Sentence) -> list[tuple[Cue, int, int]]:
    """A claim that an act was done without something ("land was acquired without the
    gram sabhas' consent", "handed the contract to Oreva without inviting tenders") is
    negative: a story saying "no consent was taken" agrees, one saying tenders were
    invited contradicts. Only after a verb of a done act in its piece: not naming its
    subject ("assigning spectrum without an auction gives an edge"), after a comma
    ("plans for voice and SMS only, without data"), describing someone ("who is without
    a party ticket"), or telling the bare manner of an act the claim asserts ("has sacked
    200 workers without notice", "completed without any incident")."""
    words = read.words
    for index, word in enumerate(words):
        if word != "without" or index < 2:
            continue
        if _RELATIVES.intersection(words[:index]):
            continue
        start = read.piece_of(index)[0]
        if not (
            words[index - 2] in AUXILIARIES
            or any(names_done_act(read, w) for w in read.original[start:index])
        ):
            continue
        following = [w for w in words[index + 1 : index + 4] if w not in _BARE_OBJECT_WORDS]
        if following and set(following) <= _MANNER_WORDS:
            continue
        return [(_WITHOUT, index, index + 1)]
    return []


def names_done_act(read: Sentence, word: str) -> bool:
    """Is `word` of the claim a verb of a done act? Not a capitalised name ending in
    "-ed" ("Mohammed", "Ahmed") in a claim that is not written in Title Case."""
    return is_done_act(word) and (word[:1].islower() or title_case(read.original))


#: Words of a "without"'s object that say nothing of it ("without any notice").
_BARE_OBJECT_WORDS = stemmed("a", "an", "any", "the", "prior", "advance", "due", "proper")


#: What "without" tells the manner of, not a denial: "without notice", "without any
#: incident", "without delay".
_MANNER_WORDS = stemmed(
    "notice", "incident", "incidents", "hitch", "hitches", "delay", "problem", "problems",
    "trouble", "fuss", "warning", "interruption", "break",
)  # fmt: skip


def withouts(words: Sequence[str], denied: frozenset[str]) -> list[tuple[Cue, int, int]]:
    """A sentence's "without"s whose object holds what the claim denies (`denied`:
    "without any gram sabha resolution" for a claim of land acquired without consent of
    the gram sabhas; not "without waiting for the survey"), as negations. None in a
    sentence telling the absence was for a time ("once without a lease, got its lease
    in 2016", "lacking Kavach until 2022", "आता ... उभारला")."""
    if not _FOR_A_TIME.isdisjoint(words):
        return []
    out = []
    for i, word in enumerate(words):
        if word in _LACKING and holds_denied(words[i + 1 : i + 1 + WITHOUT_REACH], denied):
            out.append((_WITHOUT, i, i + 1))  # "without a certificate", "lacked one"
        elif word in _LACKING_AFTER and holds_denied(words[max(0, i - WITHOUT_REACH) : i], denied):
            out.append((_WITHOUT, i, i + 1))  # "अनुमति के बिना", "गटार व्यवस्था नसल्याने"
        elif (
            word in _STILL_AWAITED
            and tuple(words[i - 1 : i]) == ("still",)
            and holds_denied(words[max(0, i - 1 - WITHOUT_REACH) : i], denied)
        ):
            out.append((_WITHOUT, i - 1, i + 1))  # "certificate still awaited"
        glued = _GLUED_WITHOUT_RE.match(word)
        if glued and word_marks(glued.group(1)) & denied:
            out.append((_WITHOUT, i, i + 1))  # "प्रमाणपत्राविनाच", "संमतीविना"
    return out


#: Words saying a thing was missing before it, as a story's "without" does (stemmed):
#: "without a lease", "missing Kavach", "the lack of drains".
_LACKING = stemmed("without", "lacked", "lacking", "lacks", "lack", "missing", "absence")
#: ... and after it, in Hindi and Marathi: "अनुमति के बिना", "शौचालय के अभाव में", "गटार
#: व्यवस्था नसल्याने".
_LACKING_AFTER = stemmed(
    "बिना", "बगैर", "बग़ैर", "अभाव", "अभावी", "अभावात", "नदारद", "विना", "नसल्याने",
    "नसलेल्या", "नसलेले", "नसताना", "नसल्याचे",
)  # fmt: skip
#: Words telling that what was missing is there now or was only for a time.
_FOR_A_TIME = stemmed("once", "until", "till", "got", "installed", "आता", "अब", "पूर्वी", "पहले", "तक")
#: ... and after it, with "still": "the fitness certificate is still awaited".
_STILL_AWAITED = stemmed("awaited", "pending")
#: A Marathi "without" glued to its object: "संमतीविना", "प्रमाणपत्राविनाच",
#: "निविदेशिवाय"; as `Sentence` stems them ("संमतीविना" is "संमतीवि": the ending "ना" goes).
_GLUED_WITHOUT_RE = re.compile(r"^([\u0900-\u097f]{2,}?)ा?(?:विना|वि|शिवाय)च?$")


#: How many words after a story's "without" may hold what the claim denies.
WITHOUT_REACH = 4


def describes(words: Sequence[str], index: int) -> bool:
    """Is the negation at word `index` inside a description of a noun ("showrooms that
    had no trade certificate")? It tells which showrooms; it denies nothing."""
    before = words[max(0, index - 2) : index]
    return len(before) == 2 and before[0] in _RELATIVES and before[1] in _HAVING


def _declined_otherwise(words: Sequence[str], after: int) -> bool:
    """Does "declined to" end before a figure ("declined to 12%": fell) or a word of
    knowing or saying ("declined to comment"), so that it refuses no act?"""
    following = words[after] if after < len(words) else ""
    return not following or following[:1].isdigit() or following in _UNKNOWING


#: Words opening a condition, in which a negation denies nothing ("if no new case
#: turns up", "अगर कोई नया मामला नहीं आया", "जर नवा रुग्ण आढळला नाही").
_CONDITIONALS = frozenset({"if", "unless", "अगर", "यदि", "जर"})
#: How many words before a negation its condition word may stand ("If anything, the
#: dam did not breach" is no condition on the denial).
_CONDITION_REACH = 4


def holds_denied(words: Sequence[str], denied: frozenset[str]) -> bool:
    """Does one of `words` (stemmed, as `Sentence.words`) say what a negative claim
    denies? The stem itself is one of its marks; its marks taken again add the sound
    keys (stemming "leas" again gives "lea", which no claim holds)."""
    return any(w in denied or word_marks(w) & denied for w in words)


def near_cue(index: int, start: int, end: int) -> bool:
    """Is the negation at word `index` one of the cue at `start:end` ("did not deny",
    "did not stop")?"""
    return start - _NEGATION_BEFORE <= index < end + _NEGATION_AFTER


def denies(text: str, lexicon: Lexicon | None = None) -> bool:
    """Does the sentence hold a live refuting cue or negation (not "did not deny")?"""
    lexicon = lexicon or _default_lexicon()

    def read() -> bool:
        words = Sentence.read(text)
        return bool(live_refutes(words, lexicon)[0] or live_negations(words.words, lexicon))

    return lexicon.remembered(("denies", text), read)


@functools.cache
def _default_lexicon() -> Lexicon:
    return load_lexicon()


def tells_fact_at(words: Sequence[str], index: int) -> bool:
    """Is the hedge cue at word `index` part of a fact told, no hedge: an impossibility
    ("could not have been"), a past or a Hindi inability ("could not qualify", "नहीं दे
    सकते"), an apology made ("माफी मांगी")?"""
    return (
        impossible_at(words, index)
        or unable_at(words, index)
        or unable_hindi(words, index)
        or apologised_at(words, index)
    )


def impossible_at(words: Sequence[str], index: int) -> bool:
    """Is the modal at word `index` negated into an impossibility ("could not have been
    infected there")? That denies; it does not hedge ("could not confirm" still does)."""
    return words[index] == "could" and tuple(words[index + 1 : index + 3]) in (
        ("not", "have"),
        ("never", "have"),
    )


def unable_at(words: Sequence[str], index: int) -> bool:
    """Is the modal at word `index` a past inability ("the foundation could not take the
    wind load")? A fact told, not a hedge ("could not confirm", "could not be reached"
    still hedge)."""
    if words[index] != "could" or tuple(words[index + 1 : index + 2]) not in (("not",), ("never",)):
        return False
    after = words[index + 2] if index + 2 < len(words) else ""
    return bool(after) and after not in _UNKNOWING


def unable_hindi(words: Sequence[str], index: int) -> bool:
    """Is the Hindi modal at word `index` negated into an inability ("सुरक्षा की गारंटी
    नहीं दे सकते": cannot guarantee)? A fact told, not a hedge; "कह नहीं सकते", "पुष्टि
    नहीं कर सकते", "टिप्पणी नहीं कर सकते" (cannot say, confirm, comment) and "कहा नहीं
    जा सकता" still hedge, as "could not confirm" does, and "मना नहीं कर सकता" (cannot
    refuse) denies nothing."""
    if words[index] not in _HINDI_MODALS:
        return False
    before = words[max(0, index - 3) : index]
    # (A passive, "कहा नहीं जा सकता", cannot be said, leaves it open too.)
    return (
        any(w in _HINDI_NOTS for w in before[-2:])
        and "जा" not in before[-1:]
        and not any(w in _HINDI_UNKNOWING for w in before)
    )


#: The Hindi modal "can" ("सकता है": may), the negations that make it "cannot", and the
#: knowing and saying that a "cannot" leaves open.
_HINDI_MODALS = stemmed("सकता", "सकती", "सकते")
_HINDI_NOTS = stemmed("नहीं", "न")
_HINDI_UNKNOWING = stemmed(
    "कह", "कहा", "पुष्टि", "बता", "पता", "जान", "जानकारी", "दावा", "टिप्पणी", "अनुमान",
    "बयान", "मना",
)  # fmt: skip


def apologised_at(words: Sequence[str], index: int) -> bool:
    """Is the request cue at word `index` the act of apologising ("माफी मांगी", "जाहीर माफी
    मागितली": asked pardon, apologised)? Then it tells what was done; it asks for nothing
    ("माफी की मांग की" still demands one)."""
    if words[index] not in _ASKED_PARDON or (index > 0 and words[index - 1] == "की"):
        return False
    # The pardon before the verb ("माफी मांगी", "माफी नहीं मांगी") or, in a headline's
    # order, after it ("मागितली भाविकांची जाहीर माफी").
    near = (*words[max(0, index - 2) : index], *words[index + 1 : index + 4])
    return any(word in _PARDON for word in near)


_ASKED_PARDON = stemmed("मांगी", "मांगा", "मांग", "मागितली", "मागितला", "मागितल्या")
_PARDON = stemmed("माफी", "माफ़ी", "क्षमा")


#: What a source "could not" or "declined to" do that leaves the claim open: know it,
#: or say it (stemmed as the sentences' words are).
_UNKNOWING = stemmed(
    "confirm", "verify", "say", "be", "ascertain", "establish", "determine", "comment",
    "reach", "immediately", "independently", "tell", "rule", "explain", "find",
    "identify", "trace", "corroborate", "substantiate", "prove", "disclose", "elaborate",
    "specify", "respond", "reply", "answer", "name", "give", "share",
)  # fmt: skip
