"""Text normalisation: folding, digits, sentences, tokens, stems, transliteration."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.engine.text import (
    _BMP_WORD_RE,
    _SENTENCE_END_RE,
    _WORD_RE,
    ascii_digits,
    clean_text,
    devanagari_stems,
    fold,
    guess_language,
    html_to_text,
    nfkc,
    normalize_space,
    phonetic_key,
    romanize,
    spelled_letters,
    split_sentences,
    stem,
    stopwords,
    token_spans,
    tokenize,
)


def test_existing_helpers_keep_their_behaviour() -> None:
    assert clean_text("a\x00b\x07c") == "abc"
    assert normalize_space("  a \t b \n\n\n c ") == "a b\nc"
    assert (
        html_to_text("<p>One</p><script>x()</script><p>Two &amp; three</p>") == "One\nTwo & three"
    )


def test_devanagari_digits_become_ascii_without_changing_length() -> None:
    text = "किंमत ५०,००० रुपये, १.२ अब्ज"
    converted = ascii_digits(text)
    assert converted == "किंमत 50,000 रुपये, 1.2 अब्ज"
    assert len(converted) == len(text)


def test_fold_merges_case_width_nukta_and_joiners() -> None:
    assert fold("ＤｅｅｐＳｅｅｋ") == fold("deepseek")
    assert fold("हज़ार") == fold("हजार")
    assert fold("कर्\u200dमचारी") == fold("कर्मचारी")
    assert nfkc("ﬁve") == "five"


def test_tokens_keep_vowel_signs_and_virama_inside_words() -> None:
    words = tokenize("दीपसेकने मॉडेल प्रसिद्ध केले, आणि कंपनीच्या योजना")
    assert words == ["दीपसेकने", "मॉडेल", "प्रसिद्ध", "केले", "आणि", "कंपनीच्या", "योजना"]


def test_tokens_split_latin_punctuation() -> None:
    assert tokenize("DeepSeek's R1 (Jan.) cost $5.6m") == [
        "DeepSeek", "s", "R1", "Jan", "cost", "5", "6m",
    ]  # fmt: skip


def test_sentences_split_at_danda_and_full_stop() -> None:
    text = "दीपसीकने दावा फेटाळला। कंपनी काही बोलली नाही॥ The firm declined to comment. Next one?"
    assert split_sentences(text) == [
        "दीपसीकने दावा फेटाळला।",
        "कंपनी काही बोलली नाही॥",
        "The firm declined to comment.",
        "Next one?",
    ]


def test_sentences_do_not_split_decimals_or_abbreviations() -> None:
    text = "The U.S. fund spent 1.2 billion yuan. Dr. Wang disagreed with Mr. Li on it."
    assert split_sentences(text) == [
        "The U.S. fund spent 1.2 billion yuan.",
        "Dr. Wang disagreed with Mr. Li on it.",
    ]


def test_devanagari_abbreviations_do_not_end_a_sentence() -> None:
    text = "डॉ. पाटील यांनी सुमारे ४३० कि.मी. अंतर पायी कापले. पुढचा टप्पा दिल्लीपर्यंत आहे."
    assert split_sentences(text) == [
        "डॉ. पाटील यांनी सुमारे ४३० कि.मी. अंतर पायी कापले.",
        "पुढचा टप्पा दिल्लीपर्यंत आहे.",
    ]


@pytest.mark.parametrize(
    "first",
    # A Marathi or Hindi word ending in a consonant after a vowel sign ("नाहीत", "राहतील"):
    # the regex's word stops at the sign, which once left a one-letter "initial" ("त").
    ["पैसे जमा करता येणार नाहीत.", "व्यवहार सुरू राहतील.", "सेवा बंद राहील."],
)
def test_devanagari_sentences_split_at_a_full_stop(first: str) -> None:
    assert split_sentences(f"{first} दरम्यान, नवे नियम लागू झाले.") == [
        first,
        "दरम्यान, नवे नियम लागू झाले.",
    ]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # A name's initials as Hindi and Marathi write English letters: no sentence end.
        ("मुख्यमंत्री एम.के. स्टालिन ने दौरे की समीक्षा की। बाद में वे लौटे।",
         "मुख्यमंत्री एम.के. स्टालिन ने दौरे की समीक्षा की।"),
        ("महाप्रबंधक पी. उदय कुमार रेड्डी ने सफ़र किया. इसे ऐतिहासिक दिन बताया.",
         "महाप्रबंधक पी. उदय कुमार रेड्डी ने सफ़र किया."),
        ("कामगारमंत्री सी.व्ही. गणेशन यांनी आरोप फेटाळले. चर्चा सुरू राहील.",
         "कामगारमंत्री सी.व्ही. गणेशन यांनी आरोप फेटाळले."),
        # "आई" (came) is a verb, not the letter I: the sentence ends there.
        ("शाम को तेज़ बारिश आई. लोग घरों को लौटे.", "शाम को तेज़ बारिश आई."),
        # A lone letter before a word opening a sentence ends one ("vitamin D. However").
        ("बच्चों को गोलियां बांटी गईं, जिनमें था विटामिन डी. हालांकि निजी स्कूलों में नहीं.",
         "बच्चों को गोलियां बांटी गईं, जिनमें था विटामिन डी."),
    ],
)  # fmt: skip
def test_devanagari_initials_do_not_end_a_sentence(text: str, first: str) -> None:
    assert split_sentences(text)[0] == first
    assert len(split_sentences(text)) == 2


def test_a_latin_initial_still_does_not_end_a_sentence() -> None:
    assert split_sentences("J. Smith left. Then we met.") == ["J. Smith left.", "Then we met."]


def test_sentences_split_at_line_breaks() -> None:
    assert split_sentences("Headline without stop\nBody text here.") == [
        "Headline without stop",
        "Body text here.",
    ]


def test_stopwords_per_language() -> None:
    assert "the" in stopwords("en")
    assert "और" in stopwords("hi")
    assert "आणि" in stopwords("mr")
    assert "deepseek" not in stopwords("en")
    assert stopwords("fr") == frozenset()


def test_language_guess() -> None:
    assert guess_language("DeepSeek plans a model") == "en"
    assert guess_language("कंपनी ने कहा कि यह मॉडल जल्द आएगा और यह सस्ता है") == "hi"
    assert guess_language("कंपनीने सांगितले की हे मॉडेल लवकरच येईल आणि ते स्वस्त आहे") == "mr"


def test_stems_meet_across_inflections() -> None:
    assert stem("chips") == stem("chip")
    assert stem("released") == stem("release") == stem("releases")
    assert stem("denies") == stem("denied") == stem("deny")
    assert stem("दीपसीकने") == "दीपसीक"
    assert stem("डीपसीकच्या") == "डीपसीक"
    # Marathi plural locative: "२४ तालुक्यांत" is found where "तालुक्यात" is.
    assert stem("तालुक्यांत") == stem("तालुक्यात") == "तालुक्य"


def test_marathi_wrong_is_not_cut_down_to_hindis_already() -> None:
    """Marathi "चुकीचा" (wrong, a refuting cue) stripped of "-चा" was Hindi's "चुकी"
    ("हो चुकी हैं": already done), which then read as a refutation (engine 3.39)."""
    assert stem("चुकीचा") == stem("चुकीची") == stem("चुकीच्या") != stem("चुकी")


@pytest.mark.parametrize("word", ["नाना", "नाला", "नानी", "नाने"])
def test_no_word_is_cut_down_to_the_negations_stem(word: str) -> None:
    """ "नाही" stems to "ना" (its "-ही" read as an ending), so a name or a noun cut down to
    "ना" read as a negation: "नाना पटोले" (Nana Patole), "नाला" (a drain)."""
    assert stem(word) == word
    assert "ना" not in devanagari_stems(word)
    assert stem("नाही") == "ना"


@pytest.mark.parametrize("word", ["noted", "noting", "notes", "note"])
def test_no_english_word_is_cut_down_to_the_negation(word: str) -> None:
    """ "noted" and "noting" without their endings were "not", the negation: "the court
    allowed it, noting that he had joined the inquiry" read as a denial (engine 3.48)."""
    assert stem(word) == "note"
    assert stem("not") == "not"


@pytest.mark.parametrize(
    ("word", "base"),
    [("डीपसीकमुळे", "डीपसीक"), ("निर्यातबंदीपूर्वी", "निर्यातबंदी"), ("दीपसीकबाबत", "दीपसीक")],
)
def test_joined_marathi_postpositions_are_stripped(word: str, base: str) -> None:
    assert stem(word) == base
    assert base in devanagari_stems(word)


def test_romanisation_deletes_the_medial_schwa() -> None:
    assert romanize("दीपसीक") == "dipsik"
    assert romanize("सरकार") == "sarkar"
    assert romanize("लेनोवो") == "lenovo"


def test_spelled_out_letters_are_read_as_latin() -> None:
    assert spelled_letters("आर") == "r"
    assert spelled_letters("एआय") == "ai"
    assert spelled_letters("डीईपीसीईईके") == "depceek"
    assert spelled_letters("दीपसीक") is None
    # Hindi spells I and Y "आई" and "वाई", Marathi "आय" and "वाय" (engine 3.53: one table
    # for coverage and for the agents' acronyms).
    assert spelled_letters("सीबीआई") == spelled_letters("सीबीआय") == "cbi"
    assert spelled_letters("वाईएसआर") == "ysr"
    # Alone, "आई" (came) and "वाई" (the town Wai) are words, not letters (3.55).
    assert spelled_letters("आई") is None
    assert spelled_letters("वाई") is None


def test_phonetic_key_joins_spellings_of_one_name() -> None:
    spellings = ["DeepSeek", "Deep Seek", "दीपसीक", "डीपसीक", "दीपसेक"]
    assert {phonetic_key(s) for s in spellings} == {phonetic_key("DeepSeek")}
    assert phonetic_key("Deepak") != phonetic_key("DeepSeek")
    assert phonetic_key("दीपक") != phonetic_key("DeepSeek")


def test_an_anusvara_before_a_labial_is_read_as_m() -> None:
    assert phonetic_key("मुंबई") == phonetic_key("Mumbai")
    assert phonetic_key("अंबानी") == phonetic_key("Ambani")
    assert phonetic_key("पंजाब") == phonetic_key("Punjab")  # before j it stays n


@given(st.text())
def test_ascii_digits_preserves_length(text: str) -> None:
    assert len(ascii_digits(text)) == len(text)


def test_one_class_reads_every_character_of_the_bmp_as_the_word_pattern_does() -> None:
    # `tokenize` and `token_spans` read text of the BMP alone with `_BMP_WORD_RE`.
    for code in range(0x10000):
        char = chr(code)
        assert bool(_BMP_WORD_RE.fullmatch(char)) == bool(_WORD_RE.fullmatch(char)), hex(code)


_ENDS_AS_WRITTEN = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)|[।॥]+[\"'”’)\]]*|\n+")


@given(st.text(alphabet=st.sampled_from(".!?।॥\n \t\"'”’)]ab1.")))
def test_sentence_ends_are_found_as_the_plain_pattern_finds_them(text: str) -> None:
    # `_SENTENCE_END_RE` is the plain pattern rewritten to scan faster.
    found = [m.span() for m in _SENTENCE_END_RE.finditer(text)]
    assert found == [m.span() for m in _ENDS_AS_WRITTEN.finditer(text)]


_MIXED = st.sampled_from("\u0901\u093c\u094d\u200d\u0915\U0001d400\ufa6c²")


@given(st.text(alphabet=st.one_of(st.characters(max_codepoint=127), _MIXED)))
def test_every_text_gets_the_tokens_of_the_word_pattern(text: str) -> None:
    # `tokenize` and `token_spans` read ASCII text, and text of the BMP alone, with
    # faster patterns (NFKC can move a character beyond the BMP: U+FA6C).
    assert tokenize(text) == _WORD_RE.findall(nfkc(text))
    assert token_spans(text) == [(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(text)]


@given(st.text())
def test_sentences_lose_no_words(text: str) -> None:
    joined = " ".join(split_sentences(text))
    assert tokenize(joined) == tokenize(text)


def test_data_files_hold_only_strings() -> None:
    # YAML 1.1 reads a bare no/on/off/false as a boolean: every entry must stay a word.
    from importlib import resources

    import yaml

    for entry in resources.files("tracker.data").iterdir():
        if not entry.name.endswith(".yaml") or entry.name == "exchange_rates.yaml":
            continue  # (the rates are numbers: parse_exchange_rates checks them)
        data = yaml.safe_load(entry.read_text("utf-8"))
        groups = data if isinstance(data, list) else [data]
        # A glossary is a list of entries {en: [...], hi: [...]}; a lexicon a mapping of
        # lists; a stopword list a list.
        items = [
            w for g in groups for ws in (g.values() if isinstance(g, dict) else [[g]]) for w in ws
        ]
        assert items and all(isinstance(item, str) for item in items), entry.name


def test_initials_after_another_always_hold_together() -> None:
    """After "डी.के." even a common word ("के") is the name's, not a new sentence."""
    assert split_sentences("डी.के. के बयान पर विवाद हुआ. अगला दिन शांत रहा.") == [
        "डी.के. के बयान पर विवाद हुआ.",
        "अगला दिन शांत रहा.",
    ]
