"""The matcher's shortcuts for speed give the verdicts of the full story model.

`Matcher` builds each story model with only the keys its claims can read
(`KeyFilter`), caching the kept keys per word up to a bound. These tests compare
every verdict, and every pair's relevance below the bar (`judge`), with those of
the full story model, over the pre-filter tests' English, Hindi and Marathi
corpus, and check that the per-word cache stays within its bound and stays right
after it is emptied.
"""

from __future__ import annotations

import itertools

import pytest
from test_prefilter import _claims, _corpus, _story

from tracker.engine.keys import KeyFilter, pair_keys, story_model, word_keys
from tracker.engine.matcher import Matcher
from tracker.engine.text import tokenize
from tracker.types import Story


def _full_model(matcher: Matcher) -> Matcher:
    """The same claims, every story model holding all of its keys."""
    full = Matcher(matcher.claims)
    full._story = story_model  # type: ignore[method-assign]
    return full


@pytest.fixture(scope="module")
def matchers() -> list[Matcher]:
    claims = _claims()
    return [Matcher(claims), *(Matcher([c]) for c in claims)]


def test_filtered_story_model_gives_the_same_verdicts_and_relevance(
    matchers: list[Matcher],
) -> None:
    stories = _corpus(400, seed=23)
    for matcher in matchers:
        full = _full_model(matcher)
        for story in stories:
            assert matcher.match(story) == full.match(story), story
        for story in stories[:60]:
            for claim in matcher.claims:
                assert matcher.judge(claim.id, story) == full.judge(claim.id, story)


def test_a_fuzzy_name_and_a_claim_source_are_kept() -> None:
    # Alexandr Wang found only by a one-edit Devanagari spelling (a phonetic key no
    # claim indexes), and a source named by a claim's attributed_to.
    matcher = Matcher(_claims())
    full = _full_model(matcher)
    story = _story("अलेक्झान्डर वाङ एच100 चिप्स", "डीपसीककडे 50,000 चिप्स आहेत.")
    assert "wang-hinted" in [v.claim_id for v in matcher.match(story)]
    assert matcher.match(story) == full.match(story)


def test_key_filter_token_cache_stays_within_its_bound() -> None:
    keep = KeyFilter({"w:chip", "w:deepseek"})
    keep._tokens.bound = 8
    tokens = [f"Word{i}" for i in range(50)] + ["Chips", "DeepSeek"]
    for token in tokens:
        word, kept, _, _ = keep.token(token)
        assert len(keep._tokens) <= 8
        # Right after the cache was emptied as well as before.
        assert kept == tuple(k for k in word_keys(word) if keep.wants(k))
    assert keep.token("Chips")[:2] == ("chips", ("w:chip",))


def test_key_filter_pair_cache_stays_within_its_bound() -> None:
    keep = KeyFilter({"w:deepseek"})
    keep._pairs.bound = 8
    pairs = [(f"deep{i}", "seek") for i in range(30)] + [("deep", "seek"), ("r", "1")]
    for first, second in pairs:
        kept = keep.pair(first, second)
        assert len(keep._pairs) <= 8
        assert kept == tuple(k for k in pair_keys(first, second) if keep.wants(k))
    assert keep.pair("deep", "seek") == ("w:deepseek",)
    assert keep.pair("r", "1") == ()


def test_story_model_keeps_the_order_and_surfaces_of_the_keys_it_keeps() -> None:
    matcher = Matcher(_claims())
    story: Story = _story(
        "Deep Seek denies holding 50,000 Nvidia chips",
        "डीपसीक के पास 50,000 एनवीडिया चिप्स होने का दावा किया गया। DeepSeek said nothing.",
    )
    full = story_model(story)
    kept = matcher._story(story)
    assert list(kept.keys.items()) == [(k, v) for k, v in full.keys.items() if k in kept.keys]
    assert kept.where == {k: full.where[k] for k in kept.keys}
    assert kept.lead == full.lead & kept.keys.keys()
    assert (kept.sentences, kept.focus, kept.with_digits) == (
        full.sentences,
        full.focus,
        full.with_digits,
    )


def test_token_caches_stay_within_their_bounds_and_stay_right() -> None:
    matcher = Matcher(_claims())
    matcher._keep._tokens.bound = 8
    matcher._keep._pairs.bound = 8
    reference = Matcher(_claims())
    for story in _corpus(80, seed=5):
        assert matcher.match(story) == reference.match(story)
        assert len(matcher._keep._tokens) <= 8 and len(matcher._keep._pairs) <= 8


def test_every_word_pair_with_a_kept_key_is_looked_up() -> None:
    # The story model looks a pair up only when its first word may begin a kept key
    # (`KeyFilter._may_begin_pair`): try every split of every kept word key, with
    # the endings `stem` strips, and the corpus's own adjacent words.
    keep = Matcher(_claims())._keep
    bodies = sorted({key[2:] for key in keep._wanted if key.startswith("w:")})
    endings = ["", "s", "es", "ies", "ied", "ing", "ings", "ed", "edly", "e", "y", "x"]
    pairs = {
        (stem_[:i], stem_[i:] + ending)
        for body in bodies
        for stem_ in (body, body[:-1])
        for i in range(1, len(stem_))
        for ending in endings
    }
    for story in _corpus(200, seed=3):
        words = [keep.token(t)[0] for t in tokenize(f"{story.title} {story.text}")]
        pairs.update(itertools.pairwise(words))
    looked_up = 0
    for first, second in sorted(pairs):
        if keep.pair(first, second):
            looked_up += 1
            assert keep.token(first)[3], (first, second)
    assert looked_up > 100
