"""Is the deployment healthy? A pure decision over what storage reports.

`tracker status` shows the facts and exits 1 when `assess_health` finds a
problem; the web app's `/healthz` only asks whether the database answers (a
load balancer's question), not this one (an operator's).

Unhealthy when any of:

- **no successful poll within three intervals**: the latest successful poll of
  any active feed is older than three times the shortest polling interval of
  the active feeds (a deployment whose feeds have never been polled counts as
  unhealthy once a daemon has run that long, or at once when none runs);
- **all feeds failing**: there are active feeds and each one's last poll failed;
- **a digest overdue**: digests are configured, the latest day whose digest
  time (plus `digest.misfire_grace` and the retries' back-off) has passed has
  no sent digest, the tracker was running then (an earlier digest was
  recorded, or a daemon alive now started before that time), and there was
  something to send (with `digest.send_when_empty` off, an empty digest is not
  sent and not recorded: only new evidence or a failing feed makes one due).

Imports only the standard library and tracker.types/config.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from .config import Config, DigestConfig
from .types import DaemonInfo, DigestRecord, DigestState, FeedState

#: A deployment is stale when no feed succeeded for this many polling intervals.
STALE_INTERVALS = 3


@dataclass(frozen=True)
class Health:
    """The verdict on a deployment: healthy, or the problems found, in words."""

    problems: tuple[str, ...]
    #: The most recent successful poll of any active feed (None: never).
    last_success: datetime | None
    #: Active feeds, and those whose last poll failed.
    feeds: int
    failing: int
    #: The digest day judged (None: digests off, or no day due yet) and whether sent.
    digest_day: date | None
    digest_sent: bool | None

    @property
    def healthy(self) -> bool:
        return not self.problems


def digest_due_time(cfg: DigestConfig, day: date) -> datetime:
    """When `day`'s digest is overdue if not sent: its scheduled time, plus the misfire
    grace and the time the configured retries take (they double from `retry_backoff`)."""
    scheduled = datetime.combine(day, cfg.time, tzinfo=ZoneInfo(cfg.timezone))
    retries = sum(cfg.retry_backoff * 2**i for i in range(max(0, cfg.retry_attempts - 1)))
    return scheduled + timedelta(seconds=cfg.misfire_grace + retries)


def _latest_due_day(cfg: DigestConfig, now: datetime) -> date:
    today = now.astimezone(ZoneInfo(cfg.timezone)).date()
    return today if digest_due_time(cfg, today) <= now else today - timedelta(days=1)


def assess_health(
    config: Config,
    now: datetime,
    *,
    feeds: Sequence[FeedState],
    daemons: Sequence[DaemonInfo],
    digests: Sequence[DigestRecord],
    new_evidence: int,
) -> Health:
    """Judge a deployment from its active feeds, live daemons and recent digests.

    `digests` are the most recent first (as `Storage.list_digests` gives them);
    `new_evidence` counts the verdicts logged since the last sent digest's window.
    """
    problems: list[str] = []
    successes = [f.last_success for f in feeds if f.last_success is not None]
    last_success = max(successes) if successes else None
    failing = sum(1 for f in feeds if f.error_count > 0)
    if feeds:
        interval = min(config.feed_interval(f.interval) for f in feeds)
        window = timedelta(seconds=STALE_INTERVALS * interval)
        if last_success is None:
            oldest_daemon = min((d.started_at for d in daemons), default=None)
            if oldest_daemon is None:
                problems.append("no feed has ever been polled successfully, and no daemon runs")
            elif now - oldest_daemon > window:
                problems.append(
                    f"no feed has been polled successfully since the daemons started "
                    f"({_ago(now - oldest_daemon)} ago)"
                )
        elif now - last_success > window:
            problems.append(
                f"no successful poll for {_ago(now - last_success)} "
                f"(more than {STALE_INTERVALS} intervals of {_ago(timedelta(seconds=interval))})"
            )
        if failing == len(feeds):
            problems.append(f"all {len(feeds)} feeds are failing")
    digest_day: date | None = None
    digest_sent: bool | None = None
    if config.digest.enabled:
        day = _latest_due_day(config.digest, now)
        record = next((d for d in digests if d.day == day), None)
        scheduled = datetime.combine(
            day, config.digest.time, tzinfo=ZoneInfo(config.digest.timezone)
        )
        running_then = any(d.day < day for d in digests) or any(
            d.started_at <= scheduled for d in daemons
        )
        something = config.digest.send_when_empty or new_evidence > 0 or failing > 0
        if record is not None or (running_then and something):
            digest_day = day
            digest_sent = record is not None and record.state is DigestState.SENT
            if not digest_sent:
                state = record.state.value if record is not None else "not attempted"
                problems.append(f"the digest of {day.isoformat()} is overdue ({state})")
    return Health(
        problems=tuple(problems),
        last_success=last_success,
        feeds=len(feeds),
        failing=failing,
        digest_day=digest_day,
        digest_sent=digest_sent,
    )


def _ago(delta: timedelta) -> str:
    """A duration in words: '45s', '12m', '3h 5m', '2d 4h'."""
    seconds = int(delta.total_seconds())
    if seconds < 60:
        return f"{max(seconds, 0)}s"
    minutes, _ = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours}h {minutes}m" if minutes else f"{hours}h"
    days, hours = divmod(hours, 24)
    return f"{days}d {hours}h" if hours else f"{days}d"
