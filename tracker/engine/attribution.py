"""Attribution: whose words a hedge or report cue is, and whether it hedges at all.

A hedge or report cue says the story only passes the claim on, unless it is no hedge
(`hedges_at`): "May" the month; a report someone owns ("its report", "the Hindenburg
report", "the report found", "ने अपनी रिपोर्ट में"), a body's finding rather than news
of a claim (a news agency's or a party's report is none: "a Reuters report", "PTI
report:", "Congress report blames"); what a figure is measured against ("smaller than
claimed", "a fraction of projections"); a modal telling what someone may do ("fixes
what tankers may charge"); a negated "could" that denies or tells an inability, an
apology made (`tracker.engine.denial.tells_fact_at`). Read per sentence, without a
claim: the stance rules (`tracker.engine.stance`) decide whether a hedge in the claim's
clause hedges the claim, and which sources are the claim's own.

Pure: no I/O.
"""

from __future__ import annotations

import re

from tracker.engine.agents import spelled_out
from tracker.engine.denial import AUXILIARIES, tells_fact_at
from tracker.engine.sentence import Sentence, is_month, stemmed, title_case
from tracker.engine.text import fold


def hedges_at(sentence: Sentence, index: int) -> bool:
    """Does the hedge or report cue at word `index` hedge? Not "May" the month, nor a
    report someone owns, nor what a figure is measured against ("smaller than claimed",
    "a fraction of projections"), nor a modal telling what someone may do ("fixes what
    tankers may charge")."""
    return (
        not is_month(sentence, index)
        and not _measured_against(sentence, index)
        and not _asks_what_may(sentence, index)
        and not _owned_report(sentence, index)
        and not _filed_claims(sentence, index)
        and not _reports_in(sentence, index)
        and not tells_fact_at(sentence.words, index)
    )


def _filed_claims(sentence: Sentence, index: int) -> bool:
    """Is the English "claim(s)" at word `index` the noun of claims filed or owed
    ("depositors whose claims are verified", "3.1 lakh claims pending", "the depositors'
    claims were rejected"), not a statement passed on ("its claims EVMs were tampered
    with", "claims that ...")? Said so by a possessive or a count before it and a word
    of claims handled after it (`_HANDLED`)."""
    word = fold(sentence.original[index])
    if word not in ("claim", "claims") or index == 0:
        return False
    following = (fold(w) for w in sentence.original[index + 1 : index + 4])
    after = next((w for w in following if w not in _AUXILIARIES), "")
    if after not in _HANDLED:
        return False  # ("Their claims are that ...", "its claims EVMs were tampered with")
    before = sentence.original[index - 1]
    return (
        fold(before) in _CLAIM_OWNERS
        or before.endswith(("'", "’", "'s", "’s"))
        or any(ch.isdigit() for ch in before)
        or fold(before) in ("lakh", "crore", "million", "thousand", "hundred")
    )


#: Words after claims filed, of their handling ("claims are verified", "claims pending"),
#: past the auxiliaries before them (`_AUXILIARIES`).
_HANDLED = frozenset(
    {"filed", "verified", "pending", "rejected", "settled", "paid", "processed", "worth",
     "lodged", "submitted", "received", "awaiting", "cleared", "approved", "unpaid"}
)  # fmt: skip
_AUXILIARIES = AUXILIARIES | {"not", "yet", "still", "now"}
#: Possessives before a claim filed ("whose claims", "their claims").
_CLAIM_OWNERS = frozenset({"whose", "their", "his", "her", "its", "our", "your", "my"})


def _reports_in(sentence: Sentence, index: int) -> bool:
    """Is the "report" at word `index` someone calling in or turning up ("pilots
    reported sick", "reported for duty", "reports to work"), or one ordered by a date
    ("asked the collector to report within a week")? It tells what they did or must do;
    it passes on nobody's account. Not "reported sick crew were grounded", where
    "sick" describes who was reported on, nor "reported ill-treatment"."""
    words = sentence.words
    if words[index] not in _REPORT_VERBS or index + 1 >= len(words):
        return False
    after = words[index + 1]
    if (
        index
        and words[index - 1] == "to"
        and after in _DUE_WITHIN
        and (index < 2 or words[index - 2] not in _NOT_INFINITIVE)
    ):
        return True  # "asked the collector to report within a week": a report ordered
    if after in ("for", "to"):
        return index + 2 < len(words) and words[index + 2] in _POSTS
    if after not in _CALLED_IN:
        return False
    # What follows "sick" is no noun it describes: the end of its piece, or a word of
    # time, place or joining ("reported sick, says", "reported sick en masse on Monday").
    following = index + 2
    return (
        following >= len(words)
        or following == sentence.piece_of(index)[1]
        or words[following] in _AFTER_CALLING_IN
    )


_REPORT_VERBS = stemmed("report", "reported", "reports", "reporting")
#: What dates a report ordered: "to report within a week", "to report by Friday".
_DUE_WITHIN = stemmed("within", "by", "before")
#: Words making "to" no infinitive's ("according to report by local media").
_NOT_INFINITIVE = stemmed("according", "due", "owing", "thanks", "contrary", "pursuant")
#: How someone reports in: "reported sick", "reported ill".
_CALLED_IN = stemmed("sick", "ill", "unwell")
#: Where someone reports to: "reported for duty", "reports to work".
_POSTS = stemmed("duty", "work")
#: Words that may follow "reported sick" in a clause that still tells of calling in.
_AFTER_CALLING_IN = stemmed(
    "on", "in", "at", "and", "or", "en", "after", "before", "during", "since", "from",
    "this", "that", "today", "yesterday", "again", "too", "as", "with", "together",
    "while", "when", "but", "the", "across", "over", "for", "to", "by",
)  # fmt: skip


def _measured_against(sentence: Sentence, index: int) -> bool:
    """Is the estimate or claim at word `index` what a figure is measured against
    ("smaller than claimed", "a fraction of projections", "short of the forecast")? The
    story compares with it; it does not hedge. ("more than likely" and "a short circuit
    may have" still hedge: "likely" and "may" are no estimates.)"""
    words = sentence.words
    if words[index] not in _ESTIMATE_WORDS:
        return False
    if index > 0 and words[index - 1] == "than":
        return True
    return any(w in _MEASURING_WORDS for w in words[max(0, index - 3) : index])


#: Estimates and claims a figure may be measured against, stemmed as `Sentence.words` are.
_ESTIMATE_WORDS = stemmed(
    "claimed", "claim", "claims", "projection", "projections", "projected", "estimate",
    "estimates", "estimated", "forecast", "forecasts", "expected", "expectations", "reported",
)  # fmt: skip
#: Words before an estimate that measure a figure against it ("a fraction of
#: projections", "short of the forecast"). (Not "beats its estimate": that says the
#: figure's side, which the claim may deny.)
_MEASURING_WORDS = stemmed("fraction", "short", "below", "above")


def _asks_what_may(sentence: Sentence, index: int) -> bool:
    """Is the modal at word `index` in a clause telling what someone may do, after a
    verb that sets it ("fixes what private tankers may charge", "caps how much airlines
    can levy")? It names what was set; it hedges nothing ("what caused the blaze may
    have been", "how the rupee could hit 90" still hedge)."""
    words = sentence.words
    return words[index] in _WHAT_MAY_MODALS and any(
        words[at] in ("what", "how") and words[at - 1] in _SETTING_VERBS
        for at in range(max(1, index - 4), index - 1)
    )


#: The English modals a clause of "what ... may" holds.
_WHAT_MAY_MODALS = frozenset({"may", "might", "can", "could"})
#: Verbs that set what someone may do ("fixes what", "caps how much"), stemmed.
_SETTING_VERBS = stemmed(
    "fix", "fixes", "fixed", "set", "sets", "cap", "caps", "capped", "limit", "limits",
    "limited", "decide", "decides", "decided", "specify", "specifies", "specified",
    "determine", "determines", "determined", "regulate", "regulates", "regulated", "rule",
    "rules", "ruled", "spell", "spells", "notify", "notifies", "notified",
)  # fmt: skip


#: Words that make the report after them someone's own document ("its report", "the
#: panel's report", "समिति की रिपोर्ट"), a source's finding rather than a news report.
_OWNERS = frozenset({"its", "their", "his", "her", "own"})
#: Kinds of report that are a body's own document ("files its final report").
_DOCUMENT_WORDS = frozenset(
    {"final", "interim", "status", "inquiry", "probe", "audit", "annual", "sealed",
     "preliminary", "draft", "committee", "panel", "investigation", "commission", "survey",
     "forensic", "closure", "chargesheet"}
)  # fmt: skip


#: Hindi's "its own" ("ने अपनी रिपोर्ट में कहा"): the report is the speaker's document.
_OWN_WORDS = frozenset({"अपनी", "अपने"})
#: Hindi "of" (समिति की रिपोर्ट).
_OF_WORDS = frozenset({"की", "का", "के"})
#: Bodies whose report is their finding, not news (their Hindi stems): committee,
#: commission, institute, firm, experts, inquiry, research, study, audit, CAG,
#: ministry, department, board, panel.
_REPORTING_BODIES = (
    "समिति", "कमेटी", "आयोग", "संस्था", "संस्थान", "फर्म", "विशेषज्ञ", "जांच", "जाँच",
    "रिसर्च", "शोध", "अध्ययन", "ऑडिट", "कैग", "मंत्रालय", "विभाग", "बोर्ड", "पैनल",
)  # fmt: skip
#: A team that is a body only after "probe" ("विशेष जांच दल"; "दल" alone is also a party).
_PROBE_TEAMS = ("दल", "टीम")
#: Kinds of a body's report in Hindi, between its owner and the word: "दल की प्रारंभिक
#: रिपोर्ट" (preliminary, final, first, latest, probe).
_HINDI_DOCUMENT_WORDS = frozenset(
    {"प्रारंभिक", "प्राथमिक", "अंतिम", "अंतरिम", "वार्षिक", "पहली", "ताजा", "जांच", "जाँच"}
)
#: Owners whose report is news of a claim or a side's charge ("रॉयटर्स की रिपोर्ट", "दैनिक
#: की रिपोर्ट", "कांग्रेस की रिपोर्ट"), as word beginnings.
_HINDI_NEWS_WORDS = (
    "रॉयटर्स", "रायटर्स", "ब्लूमबर्ग", "मीडिया", "अखबार", "अख़बार", "चैनल", "दैनिक", "एजेंसी",
    "समाचार", "पत्रिका", "वेबसाइट", "पोर्टल", "पत्रकार", "संवाददाता", "कांग्रेस", "भाजपा",
    "पार्टी", "विपक्ष", "संघ", "यूनियन",
)  # fmt: skip
#: Hindi's "inquiry" ("जांच रिपोर्ट"): a report of one is a finding.
_PROBE_STEMS = ("जांच", "जाँच", "फॉरेंसिक", "फोरेंसिक")
#: Verbs a source says its own findings with: "the firm said in a report".
_SAYING_VERBS = frozenset({"said", "says", "wrote", "writes", "noted", "notes", "stated"})
#: What a report does with its own findings: "the report confirms", "the report found".
_FINDING_VERBS = frozenset(
    {"confirms", "confirmed", "found", "finds", "shows", "showed", "concluded", "concludes",
     "blames", "blamed", "holds", "held", "faults", "faulted", "recommends", "traces",
     "traced", "tabled", "backs", "backed", "reveals", "revealed", "flags", "flagged"}
)  # fmt: skip
#: A word citing names next when it gives a reason, not a source ("citing its hold").
_CITED_SOURCES = frozenset(
    {"sources", "source", "people", "person", "officials", "official", "report", "reports",
     "unnamed", "anonymous", "media", "executives", "insiders", "documents", "a", "an", "the"}
)  # fmt: skip


#: A headline opening with a named report as its kicker ("CRS report: ...").
_KICKER_REPORT_RE = re.compile(r"^\s*\S+\s+report\s*:", re.IGNORECASE)
#: News agencies and outlets written as acronyms: their report is news of a claim.
_NEWS_AGENCIES = frozenset(
    {"PTI", "ANI", "IANS", "UNI", "AFP", "BBC", "CNN", "NDTV", "TOI", "CNBC", "WSJ", "NYT"}
)
#: Owners whose report is no finding, written as words (folded): news agencies and
#: outlets ("Reuters report" is news of a claim, "the Hindenburg report" a document),
#: parties and the sides of a dispute ("Congress report blames ..." is its charge), a
#: complaint ("FIR").
_NOT_FINDINGS = frozenset(
    {"reuters", "bloomberg", "media", "news", "press", "newspaper", "channel", "mint",
     "guardian", "times", "express", "hindu", "post", "telegraph", "tribune", "agency",
     "congress", "bjp", "aap", "tmc", "party", "opposition", "union", "fir", "abp",
     "ndtv", "pti", "ani", "ians", "uni", "afp", "bbc", "cnn", "toi", "cnbc", "wsj",
     "nyt", "inc", "sp", "bsp", "dmk", "shiv", "ncp", "cpi", "jdu", "rjd"}
)  # fmt: skip


def _owned_report(sentence: Sentence, index: int) -> bool:
    """Is the report cue at word `index` a document someone owns, or no report at all?
    Then it is no hedge. Owned: "Hindenburg's report", "its report", "the Hindenburg
    report", "the firm said in a report", "the report confirms", "ने अपनी रिपोर्ट में";
    news reports are "a report", "reports say", "according to a Reuters report"
    (in Hindi, `_owned_hindi_report` tells "समिति की रिपोर्ट", a body's, from
    "रॉयटर्स की रिपोर्ट", news of it). "citing its hold on the market" gives a reason,
    not a source."""
    word = fold(sentence.original[index])
    following = [fold(w) for w in sentence.original[index + 1 : index + 3]]
    after = following[0] if following else ""
    if after == "also" and len(following) > 1:  # "the report also confirms"
        after = following[1]
    if word == "citing":  # "citing Reuters", "citing sources": a source; "citing its hold"
        named = sentence.original[index + 1][:1].isupper() if after else True
        return not (named or after in _CITED_SOURCES)
    if index == 0:
        return word == "report" and after in _FINDING_VERBS
    before = fold(sentence.original[index - 1])
    if index == 1 and word == "report" and before not in _CITED_SOURCES:
        # "VJTI report finds ...", "CRS report: wrong signalling ...": a body's document
        # and its finding ("Reuters report: ...", "PTI report: ..." are news of it).
        opening = sentence.original[0]
        news = opening in _NEWS_AGENCIES or fold(opening) in _NOT_FINDINGS
        body = opening.isupper() and len(opening) >= 3 and not news
        if (after in _FINDING_VERBS and not news) or (
            body and _KICKER_REPORT_RE.match(sentence.text)
        ):
            return True
    if word == "रिपोर्ट":
        return _owned_hindi_report(sentence, index)
    if word != "report":
        return False
    if before in _OWNERS or before in _DOCUMENT_WORDS or (before == "s" and index > 1):
        return True  # "Hindenburg's" is read as "Hindenburg", "s"
    if before == "the" and after in _FINDING_VERBS:
        return True
    if before == "a" and index > 2 and fold(sentence.original[index - 2]) == "in":
        return fold(sentence.original[index - 3]) in _SAYING_VERBS
    # "the Hindenburg report", "calls Hindenburg report a lie" name a document; "a
    # Reuters report", "Bloomberg report says" are news.
    named = sentence.original[index - 1][:1].isupper() and index > 1
    article = fold(sentence.original[index - 2]) if index > 1 else ""
    if sentence.original[index][:1].isupper() and not title_case(sentence.original):
        return False  # a name: "World News Daily Report says", "National Report"
    return named and article not in ("a", "an") and before not in _NOT_FINDINGS


def _owned_hindi_report(sentence: Sentence, index: int) -> bool:
    """Is "रिपोर्ट" at word `index` (not the first) a body's document? "अपनी रिपोर्ट में";
    "समिति की रिपोर्ट", "विशेष जांच दल की प्रारंभिक रिपोर्ट", "रिसर्च रिपोर्ट"; a kicker
    naming a body by its letters, "एसआईटी रिपोर्ट:" (a news agency's, "रॉयटर्स की
    रिपोर्ट", "पीटीआई रिपोर्ट:", is news of it)."""
    at, probe = index - 1, False
    while at > 0 and fold(sentence.original[at]) in _HINDI_DOCUMENT_WORDS:
        probe = probe or fold(sentence.original[at]).startswith(_PROBE_STEMS)
        at -= 1
    before = fold(sentence.original[at])
    if before in _OWN_WORDS:
        return True
    owner_at = at - 1 if before in _OF_WORDS and at > 0 else at
    owner = fold(sentence.original[owner_at])
    letters = spelled_out(owner)
    if owner.startswith(_HINDI_NEWS_WORDS) or (letters is not None and letters in _NOT_FINDINGS):
        return False  # a news agency's ("रॉयटर्स की जांच रिपोर्ट" is its investigation)
    if probe or owner.startswith((*_REPORTING_BODIES, *_PROBE_STEMS)):
        return True  # "कलेक्टर की जांच रिपोर्ट": an inquiry's report, as "probe report"
    if owner in _PROBE_TEAMS and owner_at > 0:
        # ("विशेष जांच दल", "विशेषज्ञ टीम": a probe's or experts' team)
        return fold(sentence.original[owner_at - 1]).startswith((*_PROBE_STEMS, "विशेषज्ञ"))
    # "आईआईटी रुड़की की अंतरिम रिपोर्ट", "लैब की रिपोर्ट": whoever owns it (not a paper or a
    # side, above), a report of someone's is their document.
    return owner_at < at or letters is not None
