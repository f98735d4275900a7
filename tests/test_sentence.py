"""A sentence as the stance rules read it (tracker.engine.sentence)."""

from __future__ import annotations

import pytest

from tracker.engine.sentence import Sentence, asks, word_index, word_marks


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


def test_word_index_counts_words_as_the_sentence_does() -> None:
    text = "The ₹1,200-crore summit, held in Nashik"
    assert word_index(text, text.index("held")) == Sentence.read(text).original.index("held")
