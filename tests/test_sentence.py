"""A sentence as the stance rules read it (tracker.engine.sentence)."""

from __future__ import annotations

import pytest

from tracker.engine.sentence import Sentence, asks, asks_whether, word_index, word_marks


def test_words_are_kept_as_written_and_stemmed() -> None:
    sentence = Sentence.read("DeepSeek denies owning chips")
    assert sentence.original == ("DeepSeek", "denies", "owning", "chips")
    assert sentence.words[1] != "denies" and sentence.said(1, 3) == "denies owning"


def test_a_name_in_two_scripts_shares_a_mark() -> None:
    assert word_marks("deepseek") & word_marks("दीपसीकने")
    assert not word_marks("deepseek") & word_marks("deepak")


@pytest.mark.parametrize(
    ("text", "index", "clause"),
    [
        # A clause ends at ";" and at a comma before a word for "but" ...
        ("ICU report false, but out with dengue", 4, (3, 7)),
        ("आरोप फेटाळला; ११ तालुके यादीत नाहीत", 0, (0, 2)),
        # ... not at any comma.
        ("Modi, Shah and Nadda met on Friday", 5, (0, 7)),
    ],
)
def test_clauses(text: str, index: int, clause: tuple[int, int]) -> None:
    assert Sentence.read(text).clause_of(index) == clause


def test_reported_speech_starts_after_a_comma_and_a_verb_of_saying() -> None:
    sentence = Sentence.read("Navayuga denies any blasting, says fractured rock gave way")
    assert sentence.speech_breaks == (4,)


def test_pieces_part_at_commas_colons_and_semicolons() -> None:
    sentence = Sentence.read("CRS report: signal error, not sabotage")
    assert sentence.piece_of(3) == (2, 4) and sentence.piece_of(5) == (4, 6)


def test_questions() -> None:
    assert asks("Did DeepSeek copy OpenAI?") and asks('"Did it?"')
    assert not asks("DeepSeek did not copy OpenAI")
    sentence = Sentence.read("क्या रद्द होगी नीट? सुनवाई कल")
    assert sentence.asked_at(1) and not sentence.asked_at(5)


@pytest.mark.parametrize(
    ("text", "marathi", "whether"),
    [
        ("Are Harbour Metro trains really running full?", False, True),
        ("Expelled or recalled? Two capitals tell different stories", False, True),
        ("Is this why prices rose?", False, True),
        ("What is the Harbour Metro?", False, False),
        ("Harbour Metro at six months: why are trains so full?", False, False),
        ("Are trains running full? Ticket data says yes", False, False),
        ("Did the ban spark a rush? Jewellers' numbers say it did", False, False),
        ("Did the ban spark a rush? Jewellers' numbers show it did not", False, True),
        ("क्या हार्बर मेट्रो की ट्रेनें भरी चल रही हैं?", False, True),
        ("बासमती के नाम पर सफेद चावल का निर्यात?", False, True),
        ("क्या है हार्बर मेट्रो?", False, False),
        ("किसने दबाया बटन?", False, False),
        ("बजट में क्या है?", False, False),
        ("हार्बर मेट्रो खरंच भरून धावते आहे का?", True, True),
        ("ममता बॅनर्जींना निमंत्रणच नव्हते?", True, True),
        ("हार्बर मेट्रोला इतकी गर्दी का होते आहे?", True, False),
        ("तलाव कशामुळे फुटला?", True, False),
        ("लॅटरल एंट्री म्हणजे काय?", True, False),
        ("Harbour Metro opens", False, False),
    ],
)
def test_a_question_whether_or_a_question_for_something(
    text: str, marathi: bool, whether: bool
) -> None:
    assert asks_whether(text, marathi) is whether


def test_word_index_counts_words_as_the_sentence_does() -> None:
    text = "The ₹1,200-crore summit, held in Nashik"
    assert word_index(text, text.index("held")) == Sentence.read(text).original.index("held")


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        # A "no" that names a thing denies nothing (engine 3.50) ...
        ("The mall was issued a fire no-objection certificate in 2021.", False),
        ("The house rejected the no-confidence motion.", False),
        ("The mall had a valid fire no objection certificate.", False),
        ("इमारतीला २०२१ मध्येच अग्निशमन ना-हरकत प्रमाणपत्र मिळाले.", False),
        ("अग्निशमन विभागाने ना हरकत प्रमाणपत्र दिले.", False),
        ("मसीह ने सुप्रीम कोर्ट से बिना शर्त माफी मांगी।", False),
        # ... but a "no" of its own, "no-one" and "बिना" before anything else still do.
        ("The mall had no fire certificate.", True),
        ("No-one was hurt in the fire.", True),
        ("Supreme Court says no-go to sale of green firecrackers", True),
        ("Police declare no-entry for heavy vehicles during the day", True),
        ("बैंक ने बिना शर्त पूरी किए ऋण बांटे", True),
        ("बिना सुनवाई गिराया घर", True),
        ("इमारतीला अग्निशमन प्रमाणपत्र ना मिळाले", True),
    ],
)
def test_a_no_that_names_a_thing_is_no_negation(text: str, negated: bool) -> None:
    from tracker.engine.lexicon import load_lexicon

    found = load_lexicon().find("negation", Sentence.read(text).words)
    assert bool(found) is negated, found


@pytest.mark.parametrize(
    ("word", "mark"),
    [("एनओसी", "noc"), ("सीबीआय", "cbi"), ("एसएमएस", "sms"), ("डीजीसीए", "dgca")],
)
def test_a_word_spelling_latin_letters_carries_them(word: str, mark: str) -> None:
    assert mark in word_marks(word)


def test_a_word_that_is_no_letters_carries_none() -> None:
    assert all(m.startswith("~") or not m.isascii() for m in word_marks("एकदा"))


@pytest.mark.parametrize("word", ["जीओ", "सीटी", "पीएम", "बीबी"])
def test_two_letters_spelt_out_carry_none(word: str) -> None:
    # ("जीओ" is Jio, not "go"; "सीटी" a whistle: a second reader's cases.)
    assert not any(m.isascii() and not m.startswith("~") for m in word_marks(word))


@pytest.mark.parametrize(
    ("text", "breaks"),
    [
        # A headline's next statement by upholding or blaming ends a denial's object ...
        ("SC dismisses Orvel appeal, upholds ₹1,337 crore penalty", (4,)),
        ("Orvel rejects collusion charge, blames bot attack", (4,)),
        # ... a verb of saying does, whatever follows it ...
        ("Orvel denies the fine, said in a statement it will appeal", (4,)),
        # ... a noun in a list does not, nor a verb with a stance of its own.
        ("Centre rejects charges of apathy, upholds in part the order", ()),
        ("High Court rejects residents' plea, stays demolition", ()),
    ],
)
def test_object_breaks_hold_the_speech_breaks_and_a_headlines_next_statement(
    text: str, breaks: tuple[int, ...]
) -> None:
    sentence = Sentence.read(text)
    assert sentence.object_breaks == breaks
    assert set(sentence.speech_breaks) <= set(sentence.object_breaks)
