"""A sentence as the stance rules read it: its words as written, folded and stemmed,
their marks (stems and sound keys, shared across scripts), its clauses, pieces and
the breaks of reported speech. Pure text work: no claim, no lexicon."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.engine.text import (
    devanagari_stems,
    fold,
    is_devanagari,
    phonetic_key,
    spelled_letters,
    stem,
    tokenize,
)


@dataclass(frozen=True)
class Sentence:
    """A sentence as the rules read it: its words as written and stemmed."""

    text: str
    original: tuple[str, ...]
    words: tuple[str, ...]

    @classmethod
    def read(cls, text: str) -> Sentence:
        """Tokenise and stem a sentence (memoised: one sentence is read for many claims)."""
        return read_sentence(text)

    def said(self, start: int, end: int) -> str:
        """The sentence's own words for a cue span."""
        return " ".join(self.original[start:end])

    @functools.cached_property
    def marks(self) -> tuple[frozenset[str], ...]:
        """Per word as written, its marks (`word_marks`): read once for every claim."""
        return tuple(word_marks(fold(word)) for word in self.original)

    def holds(self, wanted: frozenset[str], start: int = 0, end: int | None = None) -> bool:
        """Does a word of the span (by default the whole sentence) carry one of `wanted`?"""
        return any(marks & wanted for marks in self.marks[start:end])

    def parts(self, pattern: str | re.Pattern[str]) -> tuple[tuple[int, int, str], ...]:
        """The sentence split by `pattern` (a regex of the breaks): each part's (start,
        end) word indices and text."""
        return split_parts(self.text, pattern)

    @functools.cached_property
    def clause_texts(self) -> tuple[str, ...]:
        """The clauses as written: the sentence parted by ";" and by a comma before "but"
        ("ICU report false, but out with dengue"; `CLAUSE_BREAK_RE`)."""
        return tuple(text for _, _, text in self.parts(CLAUSE_BREAK_RE))

    @functools.cached_property
    def clauses(self) -> tuple[int, ...]:
        """Word indices where each clause ends (the last: the sentence's length): a cue in
        one clause says nothing of another's words."""
        ends = [end for _, end, _ in self.parts(CLAUSE_BREAK_RE)]
        ends[-1] = len(self.original)
        return tuple(ends)

    @functools.cached_property
    def speech_breaks(self) -> tuple[int, ...]:
        """Word indices where ", says ..." begins ("Navayuga denies any blasting, says
        fractured rock gave way"): what is said there is no object of a verb before."""
        return tuple(
            word_index(self.text, match.start()) for match in SPEECH_BREAK_RE.finditer(self.text)
        )

    @functools.cached_property
    def object_breaks(self) -> tuple[int, ...]:
        """Word indices where the object of an English verb before ends: a speech break
        or, in a headline's run of statements, a comma before a verb of upholding or
        blaming (`OBJECT_BREAK_RE`: "dismisses Google's appeal, upholds ₹1,337 crore
        penalty")."""
        return tuple(
            word_index(self.text, match.start()) for match in OBJECT_BREAK_RE.finditer(self.text)
        )

    def clause_text(self, index: int) -> str:
        """The text of the clause holding word `index`, as written (figures whole)."""
        for part, end in zip(self.clause_texts, self.clauses, strict=True):
            if index < end:
                return part
        return self.clause_texts[-1]

    def asked_at(self, index: int) -> bool:
        """Is word `index` in a question: the part of the sentence holding it ends with a
        "?" ("क्या रद्द होगी नीट-यूजी? सुनवाई कल": will it be cancelled?)."""
        return any(
            start <= index < end and asks(text) for start, end, text in self.parts(r"(?<=\?)\s+")
        )

    def piece_of(self, index: int, breaks: str | re.Pattern[str] = "") -> tuple[int, int]:
        """The (start, end) word indices of the piece holding word `index`: the sentence
        parted by `breaks` (by default PIECE_BREAKS: commas, semicolons and colons)."""
        for start, end, _ in self.parts(breaks or PIECE_BREAKS):
            if start <= index < end:
                return start, end
        return len(self.original), len(self.original)

    def clause_of(self, index: int) -> tuple[int, int]:
        """The (start, end) word indices of the clause holding word `index`."""
        start = 0
        for end in self.clauses:
            if index < end:
                return start, end
            start = end
        return start, len(self.original)


#: Words for "but" (in Hindi "पर" is also "on": it is one only after a comma).
BUT_WORDS = ("but", "yet", "however", "लेकिन", "परंतु", "किंतु", "मात्र", "पण")
#: A comma before a verb of saying: a headline's second statement.
_SAYING_AFTER_COMMA = r",\s*(?:says|said|adds|added|insists|insisted|cites|citing|calls)\b"
SPEECH_BREAK_RE = re.compile(_SAYING_AFTER_COMMA, re.IGNORECASE)
#: ... and, beside those, where a comma opens a headline's next statement by a verb that
#: says nothing of its own against the object before ("dismisses the appeal, upholds
#: ₹1,337 crore penalty", "rejects collusion charge, blames bot attack"; not a noun in a
#: list, "cuts in subsidy"). Verbs with a stance of their own ("stays", "cuts",
#: "refuses") are left out: "rejects residents' plea, stays demolition" still denies the
#: demolition ordered.
OBJECT_BREAK_RE = re.compile(
    rf"{_SAYING_AFTER_COMMA}|,\s*(?:upholds|blames)\b(?!\s+(?:in|of|to|on|for|and|at|with)\b)",
    re.IGNORECASE,
)
#: What parts a sentence into pieces: commas, semicolons and colons.
PIECE_BREAKS = r"[,;:]"
#: Commas (not inside a figure, "₹2,942 crore") and semicolons: the pieces a request or
#: an agent's act speaks of, a headline's kicker before ":" with them ("Sales gap:
#: ministry seeks Ola's reply").
COMMA_BREAKS = re.compile(r"(?<!\d),|,(?!\d)|;")


@functools.lru_cache(maxsize=1 << 14)
def split_parts(text: str, pattern: str | re.Pattern[str]) -> tuple[tuple[int, int, str], ...]:
    """`text` split by `pattern`: each part's (start, end) word indices and text."""
    out, count = [], 0
    for part in re.split(pattern, text):
        size = len(tokenize(part))
        out.append((count, count + size, part))
        count += size
    return tuple(out)


#: What parts a sentence's clauses: ";" and a comma before a word for "but".
CLAUSE_BREAK_RE = re.compile(rf";|,\s*(?=(?:{'|'.join((*BUT_WORDS, 'पर'))})\s)", re.IGNORECASE)


@functools.lru_cache(maxsize=1 << 14)
def read_sentence(text: str) -> Sentence:
    original = tuple(tokenize(text))
    words = [stem(fold(w)) for w in original]
    for match in _NAMING_NO_RE.finditer(text):
        # "a fire no-objection certificate", "ना-हरकत प्रमाणपत्र", "a no-confidence motion":
        # the "no" names a thing; it denies nothing (its word is kept out of every cue).
        at = word_index(text, match.start())
        if at < len(words):
            words[at] = _NAMING_NO
    return Sentence(text, original, tuple(words))


#: A "no" that makes a name of the word after it ("no-objection certificate", "no
#: objection certificate", "no-confidence motion", "no-frills airline"; not "no-go",
#: "no-entry", which refuse), the Hindi and Marathi "ना हरकत" (no objection) written
#: apart, and the Hindi "बिना शर्त" (unconditional; not "बिना शर्त पूरी किए").
_NAMING_NO_RE = re.compile(
    r"\bno-(?=(?:objection|confidence|frills|fault|claim|dues|trust|ball|cost)\b)"
    r"|\bno(?=\s+objection\s+certificates?\b)"
    r"|(?<!\S)ना[-\s](?=हरकत)"
    r"|(?<!\S)बिना(?=\s+शर्त(?!\s+(?:पूरी|पूरा|पूर्ण)))",
    re.IGNORECASE,
)
#: The word such a "no" is read as: no cue's.
_NAMING_NO = "no-"


#: How many letters a spelt-out acronym needs to carry them as a mark ("एनओसी": NOC);
#: shorter ones are words too often ("जीओ" is Jio, not "go"; "सीटी" a whistle).
_SPELLED_LETTERS = 3


@functools.lru_cache(maxsize=1 << 16)
def word_marks(folded: str) -> frozenset[str]:
    """A word's stem and phonetic keys: "दीपसीकने" and "DeepSeek" share "~dapsak"; a
    Devanagari word spelling Latin letters out carries them too ("एनओसी": "noc", as
    `keys.word_keys` reads it for coverage).

    Short words get no phonetic key: "on" and "Un" would meet.
    """
    devanagari = is_devanagari(folded)
    variants = devanagari_stems(folded) if devanagari else [folded]
    keys = {"~" + phonetic_key(v) for v in variants if len(v) >= 4}
    letters = spelled_letters(folded) if devanagari else None
    if letters is not None and len(letters) >= _SPELLED_LETTERS:
        keys.add(stem(letters))
    return frozenset({stem(folded), *keys})


@functools.lru_cache(maxsize=1 << 16)
def word_index(text: str, at: int) -> int:
    """The index of the word starting at character `at` (as `Sentence` counts words).
    Memoised: a sentence's figures and cues sit at the same offsets for every claim."""
    return len(tokenize(text[:at]))


def asks(text: str) -> bool:
    """A question: the sentence ends with a question mark (quotes and brackets aside)."""
    return text.rstrip("\"'”’) ").endswith("?")


def asks_whether(text: str, marathi: bool = False) -> bool:
    """Does the text ask whether something is so ("Is McDonald's running out of
    tomatoes?", "क्या ३१ जनवरी तक आएगा शेड्यूल?", "निमंत्रणच नव्हते?", "Expelled or
    recalled?"), not for something ("What is Aditya-L1?", "Why did Saturday go dark?",
    "किसने दबाया बटन?", "तलाव कशामुळे फुटला?")? Each question of the text is read from
    the last ":", ";" or sentence end before its "?". A statement of the claim answers a
    question for something; a question whether the claim holds is only repeated by it.
    `marathi`: "का" and "काय" inside the question ask why and what (Hindi's "का" is
    "of"); at its end they only mark a question."""
    if _YES_AFTER_RE.search(text.rpartition("?")[2]):
        return False  # "Is it running full? Railway data says yes": the text answers
    if _NEGATIVE_QUESTION_RE.match(text):
        return False  # "Isn't it obvious the city is running dry?" says it is
    found = False
    for question in re.findall(r"([^:;.!?।]*)\?", text):
        words = [fold(w) for w in tokenize(question)]
        if not words:
            continue
        found = True
        if words[0] in _ASKS_FOR_FIRST or not _ASKS_FOR.isdisjoint(words):
            return False
        if words[0] == "क्या" and words[1:2] and words[1] in _COPULAS:
            return False  # "क्या है आदित्य-एल1?": what is it
        inside = words[1:-1] if words[-1] in ("का", "काय") else words[1:]
        if "क्या" in words[1:] or ("म्हणजे" in words and "काय" in words):
            return False  # "बजट में क्या है?", "लॅटरल एंट्री म्हणजे काय?"
        if marathi and not {"का", "काय"}.isdisjoint(inside):
            return False
    return found


#: A yes after a question ("Railway data says yes", "Jewellers' numbers say it did").
_YES_AFTER_RE = re.compile(
    r"\byes\b|\b(?:says?|shows?|confirms?)\s+(?:it|they)\s+(?:did|does|is|was|were|are|has|have)\b"
    r"(?!\s+not\b|n't)|(?<![\w\u0900-\u097f])(?:हां|हाँ|होय)(?![\w\u0900-\u097f])",
    re.IGNORECASE,
)
#: A question opening with a negative auxiliary asks nothing: it asserts.
_NEGATIVE_QUESTION_RE = re.compile(r"\s*['\"‘“]?\w+n['’]t\b", re.IGNORECASE)
#: What opens an English question for something (English puts its question word first:
#: "Is this why prices rose?" asks whether).
_ASKS_FOR_FIRST = frozenset(
    {"what", "why", "how", "who", "whom", "whose", "which", "where", "when"}
)
#: Hindi and Marathi question words, which stand where the answer would.
_ASKS_FOR = frozenset(
    fold(word)
    for word in (
        "क्यों", "क्यूं", "कैसे", "कैसा", "कैसी", "कौन", "कौनसा", "किस", "किसने", "किसे",
        "किसको", "किसका", "किसकी", "किसके", "कितना", "कितनी", "कितने", "कब", "कहाँ", "कहां",
        "कशामुळे", "कशासाठी", "कसे", "कसा", "कशी", "कसं", "कोण", "कोणी", "कोणाला",
        "कोणाचा", "कोणाची", "कोणाचे", "कोणता", "कोणते", "कोणत्या", "किती", "कधी", "कुठे",
        "कुठून", "केव्हा",
    )
)  # fmt: skip
#: "क्या" opening a question before a copula asks what.
_COPULAS = frozenset(fold(word) for word in ("है", "हैं", "था", "थी", "थे", "होगा", "होगी"))


def stemmed(*words: str) -> frozenset[str]:
    """Words as `Sentence` has them: folded and stemmed."""
    return frozenset(stem(fold(word)) for word in words)


#: Words before "May" that make it the month ("in early May", "by May", "since May").
_MONTH_BEFORE = frozenset(
    {
        "in", "by", "early", "late", "mid", "end", "of", "since", "until", "till", "on",
        "from", "last", "next", "this", "before", "after", "through", "during", "to",
    }
)  # fmt: skip


def is_month(sentence: Sentence, index: int) -> bool:
    """ "May" is the month, not the modal verb: next to a date word ("early May", "May 2025"),
    or written with a capital inside a sentence that is not in Title Case ("as May comes
    to an end"). A Title Case headline writes the modal "May" too ("Apple May Buy Path"),
    and a sentence may open with either.
    """
    if index == 0 or sentence.original[index] != "May":
        return False
    before = fold(sentence.original[index - 1])
    after = sentence.original[index + 1] if index + 1 < len(sentence.original) else ""
    if before in _MONTH_BEFORE or before.isdigit() or after.isdigit():
        return True
    return not title_case(sentence.original)


def title_case(words: Sequence[str]) -> bool:
    """Most longer words capitalised: a Title Case headline, where capitals say nothing."""
    long = [w for w in words if len(w) >= 4 and w.isalpha()]
    return len(long) >= 3 and sum(w[:1].isupper() for w in long) >= 0.7 * len(long)
