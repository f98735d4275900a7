"""Matching a batch of stories as one stream: `tracker match`, benchmarks and archives.

A batch of stories is a stream: its profile (tracker.engine.stream) is measured
from the batch itself (up to PROFILE_STORIES of them), then every story is
matched against the claims measured against that profile. Two passes over the
stories: `open_stories` is called twice and must give the same stories.

Pure, given an encoder (or none: the lexical path).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from itertools import islice

from tracker.engine.glossary import GlossaryEntry
from tracker.engine.matcher import Matcher
from tracker.engine.stream import StreamProfile, build_profile, stream_samples
from tracker.engine.vectors import Encoder, StoryVectors, embed_stories
from tracker.types import Claim, Story, Verdict

__all__ = ["PROFILE_STORIES", "batch_matcher", "match_batch"]

#: The profile is measured from this many stories of the batch (the first ones).
PROFILE_STORIES = 5000
#: Stories embedded per call of the encoder.
_EMBED_BATCH = 256


def _embed(encoder: Encoder | None, stories: Sequence[Story]) -> list[StoryVectors | None]:
    if encoder is None:
        return [None] * len(stories)
    out: list[StoryVectors | None] = []
    for start in range(0, len(stories), _EMBED_BATCH):
        chunk = stories[start : start + _EMBED_BATCH]
        out.extend(embed_stories(encoder, [(s.title, s.text) for s in chunk]))
    return out


def batch_matcher(
    claims: Sequence[Claim],
    stories: Sequence[Story],
    *,
    lexicons: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
    glossary: Sequence[GlossaryEntry] = (),
    encoder: Encoder | None = None,
) -> tuple[Matcher, StreamProfile, list[StoryVectors | None]]:
    """A matcher measured against these stories as a stream, and their vectors
    (`lexicons`, `glossary`: the config's, added to the shipped ones)."""
    vectors = _embed(encoder, stories)
    profile = build_profile(
        stream_samples(stories, vectors), encoder.name if encoder is not None else None
    )
    matcher = Matcher(claims, lexicons, glossary=glossary, stream=profile, encoder=encoder)
    return matcher, profile, vectors


def match_batch(
    claims: Sequence[Claim],
    open_stories: Callable[[], Iterable[tuple[str, Story]]],
    *,
    lexicons: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
    glossary: Sequence[GlossaryEntry] = (),
    encoder: Encoder | None = None,
    now: datetime | None = None,
) -> Iterator[tuple[str, Verdict]]:
    """(story id, verdict) for every related pair, story by story in the batch's order.

    `now`: the time the stories are judged at (deadlines); by default each story's
    own publication time.
    """
    sample = list(islice(open_stories(), PROFILE_STORIES))
    matcher, _, vectors = batch_matcher(
        claims,
        [story for _, story in sample],
        lexicons=lexicons,
        glossary=glossary,
        encoder=encoder,
    )
    pending: list[tuple[str, Story]] = []

    def flush() -> Iterator[tuple[str, Verdict]]:
        embedded = _embed(encoder, [story for _, story in pending])
        for (story_id, story), vector in zip(pending, embedded, strict=True):
            for verdict in matcher.match(story, now=now or story.published, vectors=vector):
                yield story_id, verdict
        pending.clear()

    for index, (story_id, story) in enumerate(open_stories()):
        if index < len(sample):
            vector = vectors[index]
            for verdict in matcher.match(story, now=now or story.published, vectors=vector):
                yield story_id, verdict
            continue
        pending.append((story_id, story))
        if len(pending) >= _EMBED_BATCH:
            yield from flush()
    yield from flush()
