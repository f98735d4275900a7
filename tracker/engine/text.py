"""Text normalisation: Unicode, HTML to plain text, and cleaning for storage.

Pure functions, no I/O. The engine's tokenisation and number reading build on these.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Callable
from html.parser import HTMLParser
from importlib import resources

import yaml

# Content of these elements is never text a reader sees.
_SKIP_ELEMENTS = frozenset({"script", "style", "template", "noscript", "iframe", "object", "svg"})
# Elements that end a line of text (so sentences do not run together).
_BLOCK_ELEMENTS = frozenset(
    {
        "p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3",
        "h4", "h5", "h6", "blockquote", "pre", "section", "article", "header", "footer",
        "figure", "figcaption", "hr", "dd", "dt",
    }
)  # fmt: skip

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")
_SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANK_LINES_RE = re.compile(r"\n\s*\n+")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_ELEMENTS:
            self._skip_depth += 1
        elif tag in _BLOCK_ELEMENTS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_ELEMENTS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_ELEMENTS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCK_ELEMENTS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)


def clean_text(text: str) -> str:
    """Drop what storage and readers cannot take: NUL and control bytes, lone surrogates.

    Also applies NFC normalisation so that visually equal strings compare equal.
    """
    text = _SURROGATE_RE.sub("", text)
    text = _CONTROL_RE.sub("", text)
    return unicodedata.normalize("NFC", text)


def normalize_space(text: str) -> str:
    """Fold runs of spaces, keep single line breaks, trim."""
    lines = [_SPACES_RE.sub(" ", line).strip() for line in text.replace("\r", "\n").split("\n")]
    joined = "\n".join(lines)
    return _BLANK_LINES_RE.sub("\n", joined).strip()


# A plain start, end or empty tag: name, attributes (quoted, unquoted or bare), no comment.
_SIMPLE_TAG_RE = re.compile(
    r"<(/?)([A-Za-z][A-Za-z0-9]*)"
    r"((?:[ \t\n\r\f]+[A-Za-z_:][-A-Za-z0-9_:.]*"
    r"(?:[ \t\n\r\f]*=[ \t\n\r\f]*(?:\"[^\"<>]*\"|'[^'<>]*'|[^ \t\n\r\f\"'=<>`/]+))?)*)"
    r"[ \t\n\r\f]*/?>"
)
# Elements whose content HTMLParser reads as raw text in some Python version: HTMLParser's.
_RAW_TEXT_ELEMENTS = frozenset(
    {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
     "plaintext"}
)  # fmt: skip


def _simple_markup_text(markup: str) -> str | None:
    """What _TextExtractor gives for markup made only of plain tags and text, without
    running HTMLParser; None for anything else (comments, declarations, a stray '<',
    script/style and the other skipped elements), which HTMLParser then reads.

    Only the tags' names matter to the text (a block element is a line break, start,
    end or empty alike), so attributes need only be recognised, not read.
    """
    parts: list[str] = []
    pos = 0
    for match in _SIMPLE_TAG_RE.finditer(markup):
        data = markup[pos : match.start()]
        if "<" in data:
            return None
        if data:
            parts.append(html.unescape(data) if "&" in data else data)
        name = match.group(2).lower()
        if (
            name in _SKIP_ELEMENTS
            or name in _RAW_TEXT_ELEMENTS
            or (match.group(1) and match.group(3))
        ):
            return None
        if name in _BLOCK_ELEMENTS:
            parts.append("\n")
        pos = match.end()
    data = markup[pos:]
    if "<" in data:
        return None
    if data:
        parts.append(html.unescape(data) if "&" in data else data)
    return "".join(parts)


def html_to_text(markup: str) -> str:
    """Turn an HTML fragment (a feed summary) into plain text.

    Script, style and similar content is dropped, block elements become line
    breaks, entities are decoded. Plain text passes through unchanged apart
    from whitespace folding.
    """
    markup = clean_text(markup)
    if "<" not in markup and "&" not in markup:
        return normalize_space(markup)
    simple = _simple_markup_text(markup)
    if simple is not None:
        return normalize_space(clean_text(simple))
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    return normalize_space(clean_text("".join(parser.parts)))


# ---------------------------------------------------------------------------
# Engine-side normalisation: folding, digits, sentences, tokens, stems.
# ---------------------------------------------------------------------------

DEVANAGARI_DIGITS = "०१२३४५६७८९"
_DIGIT_TABLE = str.maketrans(DEVANAGARI_DIGITS, "0123456789")
_NUKTA = "\u093c"
_JOINERS_RE = re.compile("[\u200c\u200d\u00ad" + _NUKTA + "]")


def _bmp_class(first: int, member: Callable[[str], bool]) -> str:
    """Regex class body for the characters of the BMP from `first` on that are members."""
    ranges: list[tuple[int, int]] = []
    for cp in range(first, 0x10000):
        if member(chr(cp)):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in ranges)


def _is_mark(char: str) -> bool:
    return unicodedata.category(char).startswith("M")


def _is_word_char(char: str) -> bool:
    """A character of a word (`_WORD_RE`): a letter or number (`\\w` but "_"), a mark, a joiner."""
    return char.isalnum() or _is_mark(char) or char in "\u200c\u200d"


# A word is a run of letters (L), marks (M) and numbers (N); joiners stay inside
# Devanagari conjuncts. Python's \w alone would cut words at every vowel sign.
_WORD_RE = re.compile(r"(?:[^\W_]|[" + _bmp_class(0x300, _is_mark) + "\u200c\u200d])+")
# The same words in text of the BMP alone (nearly all text), as runs of one character
# class, which the regex engine matches several times faster than the alternation;
# and in ASCII text (no marks or joiners there).
_BMP_WORD_RE = re.compile("[" + _bmp_class(0, _is_word_char) + "]+")
_ASCII_WORD_RE = re.compile(r"[A-Za-z0-9]+")
_BEYOND_BMP_RE = re.compile("[\U00010000-\U0010ffff]")
_DEVANAGARI_RE = re.compile("[\u0900-\u097f]")
_LATIN_RE = re.compile("[A-Za-z]")


def ascii_digits(text: str) -> str:
    """Map Devanagari digits to ASCII digits; every other character is kept (same length)."""
    return text.translate(_DIGIT_TABLE)


def nfkc(text: str) -> str:
    """NFKC-normalise: full-width forms, ligatures and compatibility digits become plain."""
    return unicodedata.normalize("NFKC", text)


@functools.lru_cache(maxsize=1 << 17)
def fold(text: str) -> str:
    """Fold text for comparison: NFKC, case-fold, ASCII digits, no nukta or joiners.

    Nukta and zero-width joiners are dropped because Hindi and Marathi spell the
    same word with and without them (हज़ार / हजार).
    """
    return _JOINERS_RE.sub("", ascii_digits(nfkc(text).casefold()))


def is_devanagari(text: str) -> bool:
    """True when the text contains at least one Devanagari character."""
    return _DEVANAGARI_RE.search(text) is not None


def tokenize(text: str) -> list[str]:
    """Split text into word tokens, keeping Devanagari vowel signs and virama inside words.

    Tokens keep their case and script; use `fold` to compare them.
    """
    if text.isascii():  # NFKC leaves ASCII as it is
        return _ASCII_WORD_RE.findall(text)
    text = nfkc(text)
    return _word_pattern(text).findall(text)


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """Word tokens of `text` (not normalised) with their start and end offsets."""
    return [(m.group(), m.start(), m.end()) for m in _word_pattern(text).finditer(text)]


def _word_pattern(text: str) -> re.Pattern[str]:
    """The fastest pattern that finds the words of `text` as `_WORD_RE` does."""
    if text.isascii():
        return _ASCII_WORD_RE
    return _WORD_RE if _BEYOND_BMP_RE.search(text) else _BMP_WORD_RE


# --- sentences ---------------------------------------------------------------

_ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "inc", "ltd", "co", "corp",
        "gen", "gov", "sen", "rep", "lt", "col", "capt", "sgt", "no", "fig", "approx", "est",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "u.s", "u.k", "u.n", "e.g", "i.e", "etc", "rs", "mt", "dept", "univ", "ave",
    }
)  # fmt: skip
# A sentence end: terminal punctuation, optional closing quotes, then space or end;
# a danda; or line breaks. That is `[.!?]+["'”’)\]]*(?=\s|$)|[।॥]+["'”’)\]]*|\n+`,
# written to begin with one character class, which the regex engine finds by a fast
# scan instead of trying every branch at every character (tests/test_text.py checks
# that the two agree).
_SENTENCE_END_RE = re.compile(
    r"[.!?।॥\n](?:(?<=[.!?])[.!?]*[\"'”’)\]]*(?=\s|$)|(?<=[।॥])[।॥]*[\"'”’)\]]*|(?<=\n)\n*)"
)
_LAST_WORD_RE = re.compile(r"([\w.]+)\.*$")
_ABBREVIATION_TAIL = 24
#: No abbreviation, initial or dotted acronym (`_is_abbreviation`) is longer than this.
_LONGEST_ABBREVIATION = max(5, *map(len, _ABBREVIATIONS))


#: Devanagari abbreviations before a full stop: "कि.मी." (km), "मि.मी.", "से.मी.",
#: "कि.ग्रा." (kg), "डॉ." (Dr.), "प्रा." (Prof.), "श्री." (Mr.), "रु." (rupees), "लि." (Ltd.).
_DEVANAGARI_ABBREVIATION_RE = re.compile(
    r"(?<![\u0900-\u097f])(?:कि\.मी|मि\.मी|से\.मी|कि\.ग्रा|डॉ|प्रा|श्री|रु|लि)$"
)
#: An English letter as Hindi and Marathi write it, before a full stop: a name's initial
#: ("एम.के. स्टालिन", "पी. उदय कुमार रेड्डी", "सी.व्ही. गणेशन"). Not "आई" (I), a common verb
#: ("बारिश आई."), nor "ओ" and "यू", which no initial of the streams' names used.
_DEVANAGARI_LETTERS = "ए|बी|सी|डी|ई|एफ|जी|एच|जे|के|एल|एम|एन|पी|क्यू|आर|एस|टी|वी|व्ही|डब्ल्यू|एक्स|वाई|जेड|ज़ेड"
_DEVANAGARI_INITIAL_RE = re.compile(
    rf"(?:(?<![\u0900-\u097f])(?P<dotted>(?:{_DEVANAGARI_LETTERS})\.))?"
    rf"(?<![\u0900-\u097f])(?:{_DEVANAGARI_LETTERS})$"
)
_NEXT_WORD_RE = re.compile(r"\s*([\w\u0900-\u097f]+)")


def _devanagari_initial(before: str, after: str) -> bool:
    """Is the full stop between `before` and `after` a name's initial's ("एम.के.
    स्टालिन", "पी. उदय कुमार")? An initial after another ("एम.के.") always is; a lone one
    only when the next word is no common word opening a sentence ("विटामिन डी. हालांकि
    ...", "ज़ोन ए. लेकिन ..." end there)."""
    found = _DEVANAGARI_INITIAL_RE.search(before[-10:])
    if found is None:
        return False
    if found.group("dotted"):
        return True
    following = _NEXT_WORD_RE.match(after)
    if following is None:
        return True
    word = fold(following.group(1))
    return word not in _SENTENCE_OPENERS and word not in all_stopwords()


#: Words that open a Hindi or Marathi sentence (but, however, meanwhile, so, besides).
_SENTENCE_OPENERS = frozenset(
    {
        "हालांकि", "हालाँकि", "लेकिन", "मगर", "परंतु", "किंतु", "वहीं", "इसके", "इससे", "इसलिए",
        "साथ", "दरअसल", "फिलहाल", "मात्र", "पण", "त्यामुळे", "तसेच", "याशिवाय",
        "दरम्यान", "यामुळे", "म्हणून", "शिवाय",
    }
)  # fmt: skip


def _is_abbreviation(before: str) -> bool:
    """Does the text before a full stop end in an abbreviation (U.S., Dr., कि.मी., a single
    initial)?"""
    longer = _LONGEST_ABBREVIATION + 1
    if len(before) >= longer and before[-longer:].isalnum():
        return False  # a longer last word, as most sentences end: decided without searching
    if _DEVANAGARI_ABBREVIATION_RE.search(before[-8:]):
        return True  # (each holds a dot or follows a space: none passes the test above)
    # The last word is a run at the end: searching the tail finds it without scanning
    # every word of a long sentence, unless the run fills the tail (then search it all).
    tail = before[-_ABBREVIATION_TAIL:]
    match = _LAST_WORD_RE.search(tail)
    if match is not None and match.start() == 0 and len(tail) < len(before):
        match = _LAST_WORD_RE.search(before)
    if match is None:
        return False
    word = match.group(1).rstrip(".").lower()
    if word in _ABBREVIATIONS:
        return True
    # Single initials ("J. Smith") and dotted acronyms ("U.S") are not sentence ends. A
    # Latin initial only: `\w` stops at a Devanagari vowel sign, so "नाहीत." would end
    # in the "initial" "त".
    return (len(word) == 1 and word.isascii() and word.isalpha()) or (
        "." in word and len(word) <= 5
    )


def split_sentences(text: str) -> list[str]:
    """Split text into sentences at . ! ? and the Devanagari danda (। ॥) and at line breaks.

    Decimals ("1.2") and abbreviations ("U.S.", "Dr.") do not end a sentence.
    Empty pieces are dropped; each sentence is whitespace-trimmed.
    """
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END_RE.finditer(text):
        mark = match.group()
        single_stop = mark.startswith(".") and len(mark.rstrip("\"'”’)]")) == 1
        if single_stop and (
            _is_abbreviation(text[start : match.start()])
            or _devanagari_initial(text[start : match.start()], text[match.end() :])
        ):
            continue
        piece = text[start : match.end()].strip()
        if piece:
            sentences.append(piece)
        start = match.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


# --- stopwords and stems -----------------------------------------------------


@functools.cache
def stopwords(lang: str) -> frozenset[str]:
    """The stopword list for `lang` ("en", "hi", "mr"), folded; empty for other languages."""
    if lang not in {"en", "hi", "mr"}:
        return frozenset()
    raw = resources.files("tracker.data").joinpath(f"stopwords_{lang}.yaml").read_text("utf-8")
    words = yaml.safe_load(raw) or []
    return frozenset(fold(str(word)) for word in words)


@functools.cache
def all_stopwords() -> frozenset[str]:
    """The union of the English, Hindi and Marathi stopword lists."""
    return stopwords("en") | stopwords("hi") | stopwords("mr")


_MARATHI_MARKERS = frozenset(
    {"आहे", "आणि", "आहेत", "केले", "होते", "म्हणाले", "नाही", "मध्ये", "सांगितले", "झाले", "या"}
)
_HINDI_MARKERS = frozenset(
    {"है", "और", "हैं", "में", "था", "थे", "कहा", "नहीं", "की", "का", "को", "से", "यह"}
)


def guess_language(text: str) -> str:
    """Guess "en", "hi" or "mr" from the script and a few frequent function words."""
    if not is_devanagari(text):
        return "en"
    words = tokenize(text)
    marathi = sum(word in _MARATHI_MARKERS for word in words)
    hindi = sum(word in _HINDI_MARKERS for word in words)
    return "hi" if hindi > marathi else "mr"


# Case endings and postpositions glued to Hindi/Marathi words, longest first.
_DEVANAGARI_SUFFIXES = tuple(
    sorted(
        {
            "च्या", "च्यां", "ांच्या", "ाच्या", "ाचे", "ाची", "ाचा", "चे", "ची", "चा", "चं",
            "ने", "नी", "ला", "ना", "ंना", "ंनी", "ांना", "ाला", "कडे", "कडून", "मध्ये", "मधील",
            "मधून", "साठी", "पासून", "वर", "वरील", "ही", "शी", "ात", "ांत", "ाने", "ाशी", "तील",
            "ांनी", "ानी", "ों", "ें", "ाएं", "ियों", "ियां", "ीय", "कडील", "कडच्या", "पर्यंत",
            "बद्दल", "विषयी", "सह", "ांकडून", "ांमध्ये", "ांसाठी", "ांवर", "वाले", "वाली",
            # Marathi postpositions written joined: "डीपसीकमुळे" (because of DeepSeek).
            "मुळे", "बाबत", "विरुद्ध", "विरोधात", "पूर्वी", "नंतर", "प्रमाणे", "करिता",
        },
        key=len,
        reverse=True,
    )
)  # fmt: skip
_ENGLISH_SUFFIXES = ("ings", "ing", "edly", "ies", "ied", "ed", "es", "s")
#: Stems a suffix would leave as another, shorter word, and the word's own stem:
#: "noted" and "noting" would read as the negation "not".
_KEPT_BASES = {"not": "note"}


#: Words whose case ending, stripped, would leave another word: Marathi "चुकीचा" (wrong)
#: would be Hindi's "चुकी" (already: "हो चुकी हैं", a done act, no denial).
_DEVANAGARI_KEPT = {word: "चुकीच" for word in ("चुकीचा", "चुकीची", "चुकीचे", "चुकीच्या", "चुकीचं")}


@functools.lru_cache(maxsize=1 << 17)
def stem(word: str) -> str:
    """A light stem of a folded word: strip one English suffix or one Hindi/Marathi case ending.

    Deliberately conservative: it only needs to make "chips"/"chip" and
    "दीपसीकने"/"दीपसीक" meet, not to be linguistically right.
    """
    if is_devanagari(word):
        kept = _DEVANAGARI_KEPT.get(word)
        if kept is not None:
            return kept
        for suffix in _DEVANAGARI_SUFFIXES:
            if _strips(word, suffix):
                return word[: -len(suffix)]
        return word
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in _ENGLISH_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if base in _KEPT_BASES:
                return _KEPT_BASES[base]  # ("noted", "noting": note, not the negation "not")
            if suffix in {"ies", "ied"}:
                return base + "y"
            if suffix == "es" and not base.endswith(("s", "x", "z", "ch", "sh")):
                return _drop_final_e(base + "e")
            if suffix == "s" and base.endswith(("s", "u", "i")):
                return word
            return _drop_final_e(base)
    return _drop_final_e(word)


def _drop_final_e(word: str) -> str:
    """ "release" and "released" both stem to "releas"."""
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def devanagari_stems(word: str) -> list[str]:
    """The word itself and every stem left by stripping one known case ending."""
    stems = [word]
    for suffix in _DEVANAGARI_SUFFIXES:
        if _strips(word, suffix):
            stems.append(word[: -len(suffix)])
    return stems


#: The stem of the Marathi negation "नाही" (its "-ही" read as an ending): no other word
#: may be cut down to it ("नाना पटोले", "नाला सफाई", "नानी" are no negations).
_NEGATION_STEM = "ना"
_NEGATION = "नाही"


def _strips(word: str, suffix: str) -> bool:
    """May `suffix` be stripped from the Devanagari `word`? It must end the word and
    leave two letters, and not leave the negation's stem of another word."""
    if not word.endswith(suffix) or len(word) - len(suffix) < 2:
        return False
    return word[: -len(suffix)] != _NEGATION_STEM or word == _NEGATION


# --- transliteration ---------------------------------------------------------

_CONSONANTS = {
    "क": "k", "ख": "kh", "ग": "g", "घ": "gh", "ङ": "n", "च": "ch", "छ": "chh", "ज": "j",
    "झ": "jh", "ञ": "n", "ट": "t", "ठ": "th", "ड": "d", "ढ": "dh", "ण": "n", "त": "t",
    "थ": "th", "द": "d", "ध": "dh", "न": "n", "प": "p", "फ": "ph", "ब": "b", "भ": "bh",
    "म": "m", "य": "y", "र": "r", "ल": "l", "ळ": "l", "व": "v", "श": "sh", "ष": "sh",
    "स": "s", "ह": "h",
}  # fmt: skip
# Consonant + nukta: the sounds Hindi borrows (z, f, q) and the flapped r.
_NUKTA_CONSONANTS = {"ज": "z", "फ": "f", "क": "q", "ख": "kh", "ग": "g", "ड": "r", "ढ": "rh"}
_VOWELS = {
    "अ": "a", "आ": "a", "इ": "i", "ई": "i", "उ": "u", "ऊ": "u", "ऋ": "ri", "ए": "e",
    "ऐ": "ai", "ओ": "o", "औ": "au", "ऑ": "o", "ऍ": "e", "ऎ": "e", "ऒ": "o",
}  # fmt: skip
_VOWEL_SIGNS = {
    "ा": "a", "ि": "i", "ी": "i", "ु": "u", "ू": "u", "ृ": "ri", "े": "e", "ै": "ai",
    "ो": "o", "ौ": "au", "ॉ": "o", "ॅ": "e", "ॆ": "e", "ॊ": "o",
}  # fmt: skip
_VIRAMA = "\u094d"
_NASALS = {"ं": "n", "ँ": "n", "ः": "h"}

# Latin letters as Hindi/Marathi spell them out (acronyms, model codes: आर 1 = R1;
# "सीबीआई", "सीबीआय": CBI; "डीजीसीए": DGCA).
_LETTER_NAMES = {
    "ए": "a", "बी": "b", "सी": "c", "डी": "d", "ई": "e", "एफ": "f", "जी": "g", "एच": "h",
    "आय": "i", "आई": "i", "जे": "j", "के": "k", "एल": "l", "एम": "m", "एन": "n", "ओ": "o",
    "पी": "p", "क्यू": "q", "आर": "r", "एस": "s", "टी": "t", "यू": "u", "व्ही": "v",
    "वी": "v", "डब्ल्यू": "w", "डबल्यू": "w", "एक्स": "x", "वाय": "y", "वाई": "y",
    "झेड": "z", "जेड": "z",
}  # fmt: skip
#: Hindi letter names that are words on their own ("आई", came; "वाई", the town Wai): alone,
#: no letter (inside an acronym, "सीबीआई", they are).
_WORD_LETTER_NAMES = frozenset({"आई", "वाई"})
_LETTER_NAMES_BY_LENGTH = sorted(_LETTER_NAMES, key=len, reverse=True)
_LETTER_NAME_PREFIXES = tuple(_LETTER_NAMES_BY_LENGTH)


def _schwa_deleted(chars: list[str], index: int) -> bool:
    """Hindi/Marathi drop the inherent vowel in V C _ C V (दीपसीक is "dipsik", not "dipasik")."""
    before = chars[index - 1] if index > 0 else ""
    after_next = chars[index + 2] if index + 2 < len(chars) else ""
    vowel_before = before in _VOWEL_SIGNS or before in _VOWELS or before in _CONSONANTS
    return vowel_before and after_next in _VOWEL_SIGNS


def romanize(word: str) -> str:
    """Romanise a Devanagari word with a simple phonetic scheme (दीपसीक -> "dipsik").

    Inherent vowels are written as "a" except before a vowel sign or virama, at
    the end of the word and in the V C _ C V position (schwa deletion).
    Non-Devanagari characters pass through folded. The result is for matching,
    not for display.
    """
    word = fold(word) if not is_devanagari(word) else unicodedata.normalize("NFD", word)
    out: list[str] = []
    chars = list(word)
    for index, char in enumerate(chars):
        following = chars[index + 1] if index + 1 < len(chars) else ""
        if char in _CONSONANTS:
            if following == _NUKTA:
                out.append(_NUKTA_CONSONANTS.get(char, _CONSONANTS[char]))
                following = chars[index + 2] if index + 2 < len(chars) else ""
            else:
                out.append(_CONSONANTS[char])
            if following and (following in _VOWEL_SIGNS or following == _VIRAMA):
                continue
            if following in _NASALS or (
                following in _CONSONANTS and not _schwa_deleted(chars, index)
            ):
                out.append("a")
        elif char in _VOWELS:
            out.append(_VOWELS[char])
        elif char in _VOWEL_SIGNS:
            out.append(_VOWEL_SIGNS[char])
        elif char in _NASALS:
            out.append(_NASALS[char])
        elif char in (_VIRAMA, _NUKTA, "\u200c", "\u200d"):
            continue
        else:
            out.append(ascii_digits(char).casefold())
    return "".join(out)


def spelled_letters(word: str) -> str | None:
    """Read a Devanagari word that spells out Latin letters (आर -> "r", डीईपीसीईईके -> "depceek").

    Returns None when the word is not entirely made of letter names.
    """
    letters: list[str] = []
    rest = unicodedata.normalize("NFC", word)
    if rest in _WORD_LETTER_NAMES:
        return None
    while rest:
        if not rest.startswith(_LETTER_NAME_PREFIXES):
            return None  # (one call for what the loop below would find)
        for name in _LETTER_NAMES_BY_LENGTH:
            if rest.startswith(name):
                letters.append(_LETTER_NAMES[name])
                rest = rest[len(name) :]
                break
        else:
            return None
    return "".join(letters)


_KEY_RULES = (
    (re.compile(r"[^a-z0-9]"), ""),
    (re.compile(r"igh"), "i"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"sch"), "sh"),
    (re.compile(r"tch"), "ch"),
    (re.compile(r"ch"), "C"),
    (re.compile(r"c(?=[eiy])"), "s"),
    (re.compile(r"c"), "k"),
    (re.compile(r"C"), "c"),
    (re.compile(r"q"), "k"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"w"), "v"),
    (re.compile(r"z"), "j"),
    (re.compile(r"(?<=[kgcjtdpbsv])h"), ""),
    # An anusvara before a labial is said "m" (मुंबई is "mumbai", अंबानी "ambani").
    (re.compile(r"n(?=[pbm])"), "m"),
    (re.compile(r"(.)\1+"), r"\1"),
)
_VOWEL_RUN_RE = re.compile(r"[aeiouy]+")


def phonetic_key(word: str) -> str:
    """A spelling-tolerant key shared by Latin and Devanagari spellings of one name.

    Devanagari is romanised first; then aspiration, doubled letters, c/k/s,
    w/v, z/j are merged and every vowel run becomes one "a". DeepSeek,
    दीपसीक, डीपसीक and दीपसेक all give "dapsak"; Deepak gives "dapak".
    """
    return _VOWEL_RUN_RE.sub("a", _key_letters(word))


def _key_letters(word: str) -> str:
    """A word romanised and put through `_KEY_RULES`, its vowels as written."""
    latin = romanize(word) if is_devanagari(word) else fold(word)
    for pattern, replacement in _KEY_RULES:
        latin = pattern.sub(replacement, latin)
    return latin


#: Vowel classes for `vowel_classed_key`: a run of vowels is read by its first letter.
_VOWEL_CLASS = {"a": "a", "e": "e", "i": "i", "y": "i", "o": "o", "u": "o"}


def vowel_classed_key(word: str) -> str:
    """`phonetic_key` with each vowel run kept as its class (a; e, ai; i, ee; o, u, au)
    instead of "a": Pune and पुणे give "pone", पानी (water) "pani"."""
    return _VOWEL_RUN_RE.sub(lambda run: _VOWEL_CLASS[run.group(0)[0]], _key_letters(word))


def consonant_skeleton(key: str) -> str:
    """The consonants of a phonetic key (vowels dropped): a coarser key for fuzzy comparison."""
    return key.replace("a", "")
