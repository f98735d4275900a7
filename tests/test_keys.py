"""Match keys of runs of words (`tracker.engine.keys`): how a story is read for an
analyst's names of three words or more (engine 3.30)."""

from __future__ import annotations

import pytest
from test_prefilter import _claims, _corpus

from tracker.engine.keys import KeyFilter, name_keys, run_body, run_keys, story_model
from tracker.engine.matcher import Matcher
from tracker.engine.text import fold, tokenize
from tracker.types import Claim, Story


def _runs(title: str, runs: bool = True) -> set[str]:
    model = story_model(Story("https://example.org/feed", "k", title, ""), runs=runs)
    return {key for key in model.keys if key.startswith("r:")}


@pytest.mark.parametrize(
    ("words", "body"),
    [
        (["konkan", "coast", "airways"], "konkancoastairway"),
        (["konkan", "coast", "airlines"], "konkancoastairline"),
        (["varad", "dairy", "cooperatives"], "varaddairycooperative"),
        (["varad", "city", "companies"], "varadcitycompany"),
        # No plural ending: the word stays as written ("expressed" is not "express").
        (["air", "india", "express"], "airindiaexpress"),
        (["air", "india", "expressed"], "airindiaexpressed"),
        (["varad", "bus", "status"], "varadbusstatus"),
        (["varad", "dairy", "analysis"], "varaddairyanalysis"),
    ],
)
def test_a_runs_last_word_loses_a_plural_ending_only(words: list[str], body: str) -> None:
    assert run_body(words) == body


def test_a_name_of_three_words_and_a_story_writing_it_give_the_same_key() -> None:
    assert "r:konkancoastairway" in name_keys("Konkan Coast Airways")
    assert "r:konkancoastairway" in _runs("Konkan Coast Airways' crew report sick")
    assert "r:konkancoastairway" in _runs("Konkan Coast Airway cancels flights")
    # Two words are a pair's key, not a run's; a Devanagari name has none.
    assert not any(key.startswith("r:") for key in name_keys("Konkan Coast"))
    assert not any(key.startswith("r:") for key in name_keys("कोंकण कोस्ट एयरवेज"))


def test_runs_reach_three_to_eight_words_and_stop_at_devanagari() -> None:
    words = [fold(w) for w in tokenize("one two three four five six seven eight nine ten")]
    ends = [end for _, end in run_keys(words, 0)]
    assert ends == [2, 3, 4, 5, 6, 7]  # three to eight words
    mixed = [fold(w) for w in tokenize("Air India एक्सप्रेस crew")]
    assert run_keys(mixed, 0) == []


@pytest.mark.parametrize(
    ("title", "present", "absent"),
    [
        ("Air India Express cancels flights", "r:airindiaexpress", None),
        # Not across punctuation ...
        ("Air India, Express carriers face an audit", None, "r:airindiaexpress"),
        ("Air India (Express) flights", None, "r:airindiaexpress"),
        # ... but across a figure's thousands comma.
        ("97% of ₹2,000 notes are back", "r:2000note", None),
        # Not from inside a longer capitalised name ...
        ("State Bank of India cuts rates", "r:statebankofindia", "r:bankofindia"),
        ("Navi Mumbai International Airport opens", None, "r:mumbaiinternationalairport"),
        # ... but after a capitalised stopword or a lower-case word.
        ("The Bank of India cuts rates", "r:bankofindia", None),
        ("Tata's Air India Express grows", "r:airindiaexpress", None),
    ],
)
def test_runs_stop_at_punctuation_and_inside_longer_names(
    title: str, present: str | None, absent: str | None
) -> None:
    runs = _runs(title)
    assert present is None or present in runs, runs
    assert absent is None or absent not in runs, runs


def test_a_streams_profile_reads_no_runs() -> None:
    # A long name counted in the profile would become the stream's subject, no longer
    # required (docs/verdicts.md, engine 3.30).
    assert _runs("Air India Express cancels 120 flights", runs=False) == set()


def test_the_key_filter_keeps_the_wanted_runs_of_every_story() -> None:
    keep: KeyFilter = Matcher(_claims())._keep
    wanted_runs = {key for key in keep._wanted if key.startswith("r:")}
    assert wanted_runs  # the corpus's claims have a name of four words
    found = 0
    for story in _corpus(200, seed=11):
        for sentence in (story.title, story.text):
            words = [keep.token(t)[0] for t in tokenize(sentence)]
            for start in range(len(words)):
                full = [(k, e) for k, e in run_keys(words, start) if k in wanted_runs]
                assert keep.runs(words, start) == full, (sentence, start)
                found += bool(full)
    assert found > 10


@pytest.mark.parametrize(
    "title",
    ["Monitors show PM2.5 dip in seeded areas", "PM10 and PM2.5 rose", "बुराडीत PM२.५ वाढले"],
)
def test_a_name_with_a_decimal_is_found_as_a_story_writes_it(title: str) -> None:
    # "PM2.5" is read as the tokens "pm2" and "5": the pair gives the name's key, with
    # or without a matcher's key filter (engine 3.56).
    claim = Claim(id="pm", text="PM2.5 levels fell in Rivet.", entities=(("PM2.5", "PM 2.5"),))
    assert "w:pm25" in name_keys("PM2.5")
    story = Story("https://example.org/feed", "k", title, "")
    assert "w:pm25" in story_model(story).keys
    assert "w:pm25" in story_model(story, Matcher([claim])._keep).keys
    # One letter and a digit before a count is no such name ("F1 6 times" is no F-16) ...
    f1 = Story("https://example.org/feed", "k", "Verstappen wins F1 6 times in a row", "")
    assert "w:f16" not in story_model(f1).keys
    # ... and a digit and a decimal alone are none: "2.5" gives no such key.
    plain = Story("https://example.org/feed", "k", "Rates rose 2.5 per cent", "")
    assert not any(key.startswith("w:25") for key in story_model(plain).keys)
