"""When a feed's permanent redirect is followed: pure, from the feed's redirect state.

A feed answering with a permanent redirect (301, 308) moves to the new URL only
after `confirmations` polls in a row showed the same target, so a misconfigured
server for an hour does not lose the feed its URL. Any other poll resets the count.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RedirectState:
    """A permanent redirect seen on a feed's last polls in a row, not yet followed."""

    target: str | None = None
    count: int = 0


def track_redirect(
    url: str, state: RedirectState, seen: str | None, confirmations: int
) -> tuple[RedirectState, str | None]:
    """After a successful poll of the feed at `url` that showed the permanent redirect
    `seen` (None: none): the feed's redirect state, and the URL to move it to now
    (None: stay).

    Moving is up to the caller (another feed may have that URL already); once it
    moves, its state is `RedirectState()` again.
    """
    if seen is None or seen == url:
        return RedirectState(), None
    count = state.count + 1 if state.target == seen else 1
    new = RedirectState(seen, count)
    return new, (seen if count >= confirmations else None)
