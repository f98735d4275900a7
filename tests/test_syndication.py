"""Syndication: copies of one wire report share keys and are the same report."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tracker.engine import syndication
from tracker.engine.syndication import same_report, syndication_keys
from tracker.engine.text import fold, tokenize

WIRE = (
    "DeepSeek is speeding up the launch of the successor to its R1 model, three people "
    "familiar with the company said on Tuesday. The Hangzhou firm had planned an early May "
    "release but now wants it out as soon as possible."
)
OTHER = (
    "Nvidia reported record quarterly revenue on Wednesday as demand for data centre chips "
    "stayed strong, though it warned that export rules could weigh on sales to China later."
)


def test_outlet_suffixes_case_and_punctuation_do_not_change_the_title_key() -> None:
    keys = {
        syndication_keys(title, WIRE)[0]
        for title in (
            "DeepSeek rushes to launch new AI model - Reuters",
            "DeepSeek Rushes To Launch New AI Model | Mint",
            "DeepSeek rushes to launch new AI model!  — The Hindu",
        )
    }
    assert len(keys) == 1 and keys != {""}


def test_text_key_ignores_spacing_and_case() -> None:
    a = syndication_keys("t", WIRE)[1]
    b = syndication_keys("t", "  " + WIRE.upper().replace(" ", "   "))[1]
    assert a == b and a


def test_short_parts_give_empty_keys() -> None:
    assert syndication_keys("Markets", "Stocks fell.") == ("", "")


def test_same_report_for_lightly_edited_copy() -> None:
    edited = WIRE.replace("on Tuesday", "on Tuesday,") + " (Editing by Staff)"
    assert same_report(
        "DeepSeek rushes to launch new AI model - Reuters",
        WIRE,
        "DeepSeek rushes to launch new AI model | Mint",
        edited,
    )


def test_identical_text_is_the_same_report_under_different_titles() -> None:
    assert same_report("A headline", WIRE, "Another headline entirely", WIRE)


def test_different_reports_are_not_the_same() -> None:
    assert not same_report(
        "DeepSeek rushes to launch new AI model", WIRE, "Nvidia posts record revenue", OTHER
    )
    # Same title, different body: two outlets' own stories on one event.
    assert not same_report(
        "DeepSeek rushes to launch new AI model",
        WIRE,
        "DeepSeek rushes to launch new AI model",
        OTHER,
    )


def test_devanagari_copies() -> None:
    text = "दीपसीक आपल्या आर 1 मॉडेलच्या उत्तराधिकार्‍याचे प्रक्षेपण वेगाने करत आहे, असे कंपनीशी परिचित तीन लोकांनी सांगितले."
    assert same_report("दीपसीकची घाई - लोकमत", text, "दीपसीकची घाई | मटा", text)
    assert syndication_keys("दीपसीकची घाई आर 2 साठी - लोकमत", text)[0] == "दीपसीकची घाई आर 2 साठी"


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=300))
def test_ascii_text_is_normalised_as_any_text(text: str) -> None:
    # The ASCII shortcut (lower-case, then split) gives what folding word by word gives.
    assert syndication._normalise(text) == " ".join(fold(w) for w in tokenize(text))


def test_prepare_gives_the_syndication_keys() -> None:
    # Storage takes a story's keys from its prepared report (made in the polling workers).
    for title, text in [
        ("DeepSeek rushes to launch new AI model - Reuters", WIRE),
        ("डीपसीक आर2 मॉडेल लवकरच", "मजकूर " * 40),
    ]:
        assert syndication.prepare(title, text).keys == syndication_keys(title, text)
