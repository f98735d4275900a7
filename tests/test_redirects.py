"""When a permanent redirect is followed (tracker.feeds.redirects): pure."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tracker.feeds.redirects import RedirectState, track_redirect

OLD, NEW, OTHER = "https://a.example/rss", "https://b.example/rss", "https://c.example/rss"


def test_the_same_target_three_polls_in_a_row_moves_the_feed() -> None:
    state = RedirectState()
    moves = []
    for _ in range(3):
        state, move_to = track_redirect(OLD, state, NEW, 3)
        moves.append(move_to)
    assert moves == [None, None, NEW]
    assert state == RedirectState(NEW, 3)


def test_another_target_starts_the_count_again() -> None:
    state, _ = track_redirect(OLD, RedirectState(NEW, 2), OTHER, 3)
    assert state == RedirectState(OTHER, 1)


def test_a_poll_without_redirect_or_to_its_own_url_resets() -> None:
    assert track_redirect(OLD, RedirectState(NEW, 2), None, 3) == (RedirectState(), None)
    assert track_redirect(OLD, RedirectState(NEW, 2), OLD, 3) == (RedirectState(), None)


@given(st.lists(st.sampled_from([None, OLD, NEW, OTHER]), max_size=12), st.integers(1, 4))
def test_a_move_needs_that_many_polls_in_a_row(seen: list[str | None], confirmations: int) -> None:
    state = RedirectState()
    for i, target in enumerate(seen):
        state, move_to = track_redirect(OLD, state, target, confirmations)
        run = 0
        for earlier in reversed(seen[: i + 1]):
            if earlier != target:
                break
            run += 1
        moved = target not in (None, OLD) and run >= confirmations
        assert move_to == (target if moved else None)
