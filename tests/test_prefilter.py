"""The matcher's pre-filter never drops a story the full engine would match.

`Matcher.match` skips the story model when `_PreFilter.may_match` says no claim
can be related. These tests compare the engine with and without that shortcut
over a varied corpus (our own English, Hindi and Marathi sentences mixed with
the words of the shipped claims) and check the invariant the shortcut rests
on: the keys it finds include every claim key the story model has.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.config import load_config
from tracker.engine.keys import story_model
from tracker.engine.matcher import Matcher
from tracker.engine.text import tokenize
from tracker.types import Claim, Story, Verdict

ROOT = Path(__file__).resolve().parent.parent

PLAIN = [
    Claim(id="openai-chips", text="OpenAI has about 20,000 Nvidia H100 chips in Texas."),
    Claim(id="tesla-recall", text="Tesla recalled 2 million cars over a faulty autopilot."),
    Claim(id="iphone", text="Apple will stop selling the iPhone 12 in India next year."),
    Claim(id="mr-rain", text="पुण्यात पुढील तीन दिवस मुसळधार पावसाचा इशारा देण्यात आला."),
    Claim(id="hi-budget", text="सरकार ने सड़कों की मरम्मत के लिए 600 करोड़ रुपये मंजूर किए।"),
    Claim(
        id="wang-hinted",
        text="Alexandr Wang said DeepSeek has 50,000 H100 chips.",
        entities=(("Alexandr Wang", "अलेक्झांडर वांग"), ("H100", "एच100")),
    ),
    # A name of four words, found only as the four words in a row (`run_keys`).
    Claim(
        id="fund-hinted",
        text="High Flyer Capital Management paid for the Fire-Flyer II cluster.",
        entities=(("High Flyer Capital Management", "हाय फ्लायर कॅपिटल मॅनेजमेंट"),),
    ),
]

SENTENCES = [
    "DeepSeek denied that it holds 50,000 export-restricted Nvidia processors.",
    "Scale AI chief executive Alexandr Wang said DeepSeek has about 50,000 H100 chips.",
    "Deep Seek released its R 1 reasoning model, and Nvidia shares fell 17%.",
    "The U.S. banned exports of Nvidia A100 chips to China in 2022!",
    "High-Flyer spent 1.2 billion yuan on its Fire-Flyer II cluster?",
    "Liang Wenfeng, born in 1985 in Guangdong, rarely gives interviews.",
    "OpenAI and Microsoft are investigating whether DeepSeek used their outputs.",
    "Apple's iPhone sales in India rose again; Tesla recalled cars.",
    "The city council approved a budget of 60 million for road repairs.",
    "Heavy rain is expected across the coast for the next five days.",
    "The home side won by 50 runs after a late collapse by the visitors.",
    "Officials did not respond to a request for comment on Tuesday.",
    "High Flyer Capital Management paid for the cluster, its filings show.",
    "The High Flyer fund's capital management arm declined to comment.",
    "डीपसीक के पास 50,000 एनवीडिया चिप्स होने का दावा किया गया।",
    "डीपसीक ने आर1 मॉडल जारी किया और एनवीडिया के शेयर 17% गिरे।",
    "दीपसीककडे ५०,००० एनव्हीडिया चिप्स असल्याचा दावा फेटाळला.",
    "डीपसीक आर 2 मॉडेल लवकरच बाजारात आणणार.",
    "अलेक्झांडर वांग यांनी दावा केला की डीपसीककडे एच१०० चिप्स आहेत.",
    "लियांग वेनफेंग यांनी मुलाखत दिली नाही।",
    # "Alexandr Wang" spelled so that only the fuzzy (one-edit) skeleton finds it.
    "अलेक्झान्डर वाङ यांनी दावा केला की डीपसीककडे एच100 चिप्स आहेत.",
    "हाय-फ्लायर ने क्लस्टर पर एक अरब युआन खर्च किए॥",
    "पुण्यात पुढील तीन दिवस पावसाची शक्यता.",
    "सरकार ने सड़कों की मरम्मत के लिए 600 करोड़ रुपये मंजूर किए।",
    "महापालिकेने रस्त्यांसाठी 60 कोटी रुपये मंजूर केले.",
    "मुंबई में अगले 3 दिनों तक भारी बारिश की संभावना",
]
# Loose words and joiners, so stories also contain pieces the sentences never put together.
PIECES = ["Deep", "Seek", "R", "2", "आर", "२", "A", "100", "Nvidia's", "chips", "Wang", "\u200c",
          "sell-off", "selloff", "trillion", "ट्रिलियन", "शेअर", "बाजार", "iPhone", "OpenAI",
          "Dr.", "e.g.", "1.5", "\n", "—", "“quoted.”", "Hangzhou", "वांग", "डीपसीकने",
          "High", "Flyer", "Capital", "Management", "Managements"]  # fmt: skip


def _claims() -> list[Claim]:
    return [*load_config(ROOT / "config.yaml").claims, *PLAIN]


def _story(title: str, text: str) -> Story:
    return Story(
        feed_url="https://example.org/feed",
        entry_key=title[:30] or "x",
        title=title,
        text=text,
        published=datetime(2025, 2, 1, tzinfo=UTC),
    )


def _corpus(n: int, seed: int) -> list[Story]:
    rng = random.Random(seed)
    stories = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 7)):
            roll = rng.random()
            if roll < 0.6:
                parts.append(rng.choice(SENTENCES))
            elif roll < 0.8:
                words = tokenize(rng.choice(SENTENCES))
                parts.append(" ".join(rng.sample(words, min(len(words), rng.randint(1, 6)))))
            else:
                parts.append(" ".join(rng.choice(PIECES) for _ in range(rng.randint(1, 5))))
        title = parts[0] if rng.random() < 0.8 else ""
        stories.append(_story(title, rng.choice([" ", "\n", " । "]).join(parts[1:])))
    return stories


class _PassAll:
    """The pre-filter switched off: `match` then builds the model for every story."""

    def may_match(self, story: Story) -> bool:
        return True


def _unfiltered(matcher: Matcher, story: Story) -> list[Verdict]:
    """What `match` returns without the pre-filter (the full engine)."""
    prefilter = matcher._prefilter
    matcher._prefilter = _PassAll()  # type: ignore[assignment]
    try:
        return matcher.match(story)
    finally:
        matcher._prefilter = prefilter


@pytest.fixture(scope="module")
def matchers() -> list[Matcher]:
    claims = _claims()
    # All claims together, and each claim alone (a rescore of one changed claim).
    return [Matcher(claims), *(Matcher([c]) for c in claims)]


def test_prefilter_keeps_every_verdict_of_the_full_engine(matchers: list[Matcher]) -> None:
    corpus = _corpus(400, seed=7)
    skipped = matched = 0
    for matcher in matchers:
        for story in corpus:
            full = _unfiltered(matcher, story)
            assert matcher.match(story) == full, story
            if not matcher._prefilter.may_match(story):
                skipped += 1
                assert full == []
            matched += bool(full)
    # The corpus exercises both sides: stories skipped and stories matched.
    assert skipped > 1000 and matched > 500


def test_prefilter_keys_include_every_claim_key_of_the_story_model(
    matchers: list[Matcher],
) -> None:
    matcher = matchers[0]
    for story in _corpus(300, seed=11):
        model = story_model(story)
        wanted = {key for key in model.keys if key in matcher._index}
        assert wanted <= matcher._prefilter.story_keys(story)


def test_a_story_sharing_no_key_is_skipped_and_a_transliterated_one_is_not() -> None:
    matcher = Matcher(_claims())
    assert not matcher._prefilter.may_match(
        _story("Farmers protested", "The festival opened on Monday.")
    )
    # Marathi spelling of DeepSeek and a spelled model code: found through their keys.
    marathi = _story("दीपसीकने आर 2 मॉडेल लवकरच आणणार", "डीपसीक आर 2 मॉडेल लवकरच बाजारात.")
    assert matcher._prefilter.may_match(marathi)
    assert matcher.match(marathi) == _unfiltered(matcher, marathi)
    # A name found only by its fuzzy spelling (no key of the group in the story).
    wang = Matcher([c for c in _claims() if c.id == "wang-hinted"])
    fuzzy = _story("अलेक्झान्डर वाङ एच100 चिप्स", "")
    assert [v.claim_id for v in wang.match(fuzzy)] == ["wang-hinted"]


_WORDS = st.sampled_from([w for s in SENTENCES for w in tokenize(s)] + PIECES)


@settings(max_examples=300, deadline=None)
@given(
    title=st.lists(_WORDS, max_size=8).map(" ".join),
    body=st.lists(st.one_of(_WORDS, st.sampled_from([".", "।", "\n", "!", " "])), max_size=40),
)
def test_prefilter_is_conservative_on_any_word_sequence(title: str, body: list[str]) -> None:
    matcher = _PROPERTY_MATCHER
    story = _story(title, " ".join(body))
    assert matcher.match(story) == _unfiltered(matcher, story)
    model = story_model(story)
    assert {k for k in model.keys if k in matcher._index} <= matcher._prefilter.story_keys(story)


_PROPERTY_MATCHER = Matcher(_claims())
