"""Sending the daily digest: pick the window, record it, send it, retry it.

The daemon schedules `deliver_digest` with `digest_trigger` (a cron trigger
at `digest.time` in `digest.timezone`) and calls `retry_failed_digest` every
minute; the CLI calls `preview_digest` and `deliver_digest`. Each function
takes the time as `now`.

Exactly once: a day's digest is a row in the database (`Storage.claim_digest`)
that is claimed before sending and marked sent after. A second send for the
same day does nothing unless forced; two daemons cannot both claim it. A
failed send is recorded with the next attempt's time (backoff doubling from
`digest.retry_backoff`) and its window stays open: the next digest always
starts where the last *sent* one ended.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from tracker.digest.content import Digest, build_digest, format_day, render_html, render_text
from tracker.digest.mail import build_message, send_message
from tracker.digest.rules import digest_window, local_day, next_retry, retry_delay
from tracker.errors import MailError
from tracker.types import DigestRecord, DigestState
from tracker.words import count, moment

if TYPE_CHECKING:
    from tracker.config import Config, DigestConfig
    from tracker.storage import Storage

__all__ = [
    "DeliveryOutcome",
    "DeliveryResult",
    "DigestTrigger",
    "deliver_digest",
    "digest_trigger",
    "digest_window",
    "due_retry",
    "local_day",
    "preview_digest",
    "retry_delay",
    "retry_failed_digest",
]

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- schedule


class DigestTrigger(CronTrigger):  # type: ignore[misc]  # APScheduler 3 is untyped
    """A daily cron trigger that fires once per local day and catches up after a restart.

    Two things APScheduler's plain CronTrigger does not do:

    - catch up: on the first computation (a daemon starting), a fire time that
      passed less than `catch_up` ago is returned, so a daemon restarted at
      07:05 still sends the 07:00 digest (the job's misfire grace lets it run);
    - fire once per local day: when clocks fall back, a wall time such as
      01:30 happens twice; the second one is skipped.
    """

    def __init__(self, *, catch_up: timedelta = timedelta(0), **fields: Any) -> None:
        super().__init__(**fields)
        self.catch_up = catch_up

    def get_next_fire_time(
        self, previous_fire_time: datetime | None, now: datetime
    ) -> datetime | None:
        """The fire time after `previous_fire_time` (None: the job is new), at or after `now`."""
        if previous_fire_time is None and self.catch_up > timedelta(0):
            missed = self._cron_next(None, now - self.catch_up)
            if missed is not None and missed <= now:
                return missed
        nxt = self._cron_next(previous_fire_time, now)
        if previous_fire_time is not None:
            last_day = previous_fire_time.astimezone(self.timezone).date()
            while nxt is not None and nxt.astimezone(self.timezone).date() == last_day:
                nxt = self._cron_next(nxt, nxt)
        return nxt

    def _cron_next(self, previous: datetime | None, now: datetime) -> datetime | None:
        nxt: datetime | None = super().get_next_fire_time(previous, now)
        return nxt

    def __getstate__(self) -> dict[str, Any]:
        state: dict[str, Any] = super().__getstate__()
        state["catch_up"] = self.catch_up
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.catch_up = state.pop("catch_up", timedelta(0))
        super().__setstate__(state)


def digest_trigger(cfg: DigestConfig) -> CronTrigger:
    """The digest's schedule: every day at `cfg.time` in `cfg.timezone`.

    DST-safe: the time is local wall time (07:00 stays 07:00 when clocks
    change; a time skipped by spring-forward fires an hour later, one
    repeated by fall-back fires once). A daemon started up to
    `cfg.misfire_grace` seconds after the time fires at once; add the job
    with `misfire_grace_time=cfg.misfire_grace` so APScheduler runs it.
    """
    return DigestTrigger(
        hour=cfg.time.hour,
        minute=cfg.time.minute,
        second=cfg.time.second,
        timezone=ZoneInfo(cfg.timezone),
        catch_up=timedelta(seconds=cfg.misfire_grace),
    )


# --------------------------------------------------------------------------- window


def _previous_sent(storage: Storage, day: date) -> DigestRecord | None:
    """The latest digest sent for a day before `day`: the baseline for changes and window."""
    last = storage.last_sent_digest()
    if last is None or last.day < day:
        return last
    earlier = [
        d for d in storage.list_digests(limit=400) if d.state is DigestState.SENT and d.day < day
    ]
    return max(earlier, key=lambda d: d.window_end, default=None)


def _build(
    storage: Storage,
    config: Config,
    day: date,
    window: tuple[datetime, datetime],
    previous: DigestRecord | None,
    now: datetime,
) -> Digest:
    cfg = config.digest
    start, end = window
    # Claims deleted from the config and removed feeds are not news (their verdicts stay).
    evidence = storage.get_evidence(logged_since=start, logged_until=end, include_removed=False)
    return build_digest(
        day=day,
        window_start=start,
        window_end=end,
        summaries=storage.get_claim_summaries(config.claims),
        evidence=evidence,
        feeds=storage.get_feeds(),
        previous_statuses=previous.claim_statuses if previous else None,
        now=now,
        timezone=cfg.timezone,
        subject_prefix=cfg.subject_prefix,
        previous_day=previous.day if previous else None,
    )


# --------------------------------------------------------------------------- results


class DeliveryOutcome(StrEnum):
    """What one call to `deliver_digest` did."""

    SENT = "sent"
    ALREADY_SENT = "already-sent"
    BUSY = "busy"
    EMPTY = "empty"


@dataclass(frozen=True)
class DeliveryResult:
    """The outcome of one delivery attempt; `str()` is a sentence for the CLI and logs."""

    outcome: DeliveryOutcome
    day: date
    window_start: datetime | None = None
    window_end: datetime | None = None
    recipients: tuple[str, ...] = ()
    message_id: str | None = None
    subject: str | None = None
    record: DigestRecord | None = field(default=None, repr=False)
    #: The zone times are said in (`digest.timezone`).
    timezone: str = "UTC"

    @property
    def sent(self) -> bool:
        """True when this call sent an email."""
        return self.outcome is DeliveryOutcome.SENT

    def __str__(self) -> str:
        when = format_day(self.day)
        if self.outcome is DeliveryOutcome.SENT:
            return (
                f"sent the digest of {when} to {', '.join(self.recipients)} "
                f"(Message-ID {self.message_id}): {self.subject}"
            )
        if self.outcome is DeliveryOutcome.ALREADY_SENT:
            sent_at = self.record.sent_at if self.record else None
            at = f" at {moment(sent_at, self.timezone)}" if sent_at else ""
            return f"the digest of {when} was already sent{at}; nothing sent (--force resends it)"
        if self.outcome is DeliveryOutcome.BUSY:
            return f"the digest of {when} is being sent by another daemon; nothing sent"
        return f"nothing new for the digest of {when}: not sent (digest.send_when_empty is false)"


# --------------------------------------------------------------------------- actions


def preview_digest(
    storage: Storage, config: Config, out_dir: Path, now: datetime, *, day: date | None = None
) -> list[Path]:
    """Write a day's digest (default: today's) as `digest.html`, `digest.txt` and
    `digest.eml` into `out_dir`.

    Sends nothing and records nothing: the window and content are what
    `deliver_digest` would send at `now` (for a day already sent, what was sent:
    its recorded window). Creates `out_dir` if needed; returns the paths written.
    Raises MailError if the addresses are unusable, OSError if the directory
    cannot be written.
    """
    cfg = config.digest
    day = day or local_day(cfg, now)
    existing = storage.get_digest(day)
    previous = _previous_sent(storage, day)
    window = digest_window(cfg, day, now, previous=previous, existing=existing, force=True)
    digest = _build(storage, config, day, window, previous, now)
    html, text = render_html(digest), render_text(digest)
    msg = build_message(
        digest,
        sender=cfg.sender,
        recipients=cfg.to or ("analyst@example.invalid",),
        now=now,
        html=html,
        text=text,
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / "digest.html", out_dir / "digest.txt", out_dir / "digest.eml"]
    paths[0].write_text(html, encoding="utf-8")
    paths[1].write_text(text, encoding="utf-8")
    paths[2].write_bytes(msg.as_bytes())
    return paths


def deliver_digest(
    storage: Storage,
    config: Config,
    now: datetime,
    *,
    day: date | None = None,
    force: bool = False,
) -> DeliveryResult:
    """Send the digest of `day` (default: today in the digest's zone) once: one attempt.

    Returns ALREADY_SENT when that day was sent (unless `force`), BUSY when
    another daemon holds it, EMPTY when there is nothing to say and
    `send_when_empty` is off (nothing is recorded, so the next digest covers
    the same evidence), SENT after the server accepted it (recorded with its
    Message-ID and the claims' statuses).

    Raises MailError when the digest has no recipients, and after recording
    a failed send (SMTP refused, unreachable, password missing): the message
    names host, port and the server's reply and says when the next attempt
    is due (`retry_failed_digest` makes it). Storage errors propagate.
    """
    cfg = config.digest
    if not cfg.enabled:
        raise MailError("digest.to: no recipients configured", hint="add digest.to to config.yaml")
    day = day or local_day(cfg, now)
    existing = storage.get_digest(day)
    if existing is not None and existing.state is DigestState.SENT and not force:
        return DeliveryResult(
            DeliveryOutcome.ALREADY_SENT, day, record=existing, timezone=cfg.timezone
        )
    previous = _previous_sent(storage, day)
    window = digest_window(cfg, day, now, previous=previous, existing=existing, force=force)
    digest = _build(storage, config, day, window, previous, now)
    if digest.is_empty and not cfg.send_when_empty and not force and existing is None:
        log.info("digest of %s: nothing new, not sent", day)
        return DeliveryResult(DeliveryOutcome.EMPTY, day, window[0], window[1])

    record = storage.claim_digest(day, window[0], window[1], cfg.to, force=force, now=now)
    if record is None:
        current = storage.get_digest(day)
        if current is not None and current.state is DigestState.SENT:
            return DeliveryResult(
                DeliveryOutcome.ALREADY_SENT, day, record=current, timezone=cfg.timezone
            )
        return DeliveryResult(DeliveryOutcome.BUSY, day, record=current)
    if (record.window_start, record.window_end) != window:
        # Storage keeps a retried window's start: render exactly what is recorded.
        digest = _build(
            storage, config, day, (record.window_start, record.window_end), previous, now
        )
    return _send(storage, config, record, digest, now)


def _send(
    storage: Storage, config: Config, record: DigestRecord, digest: Digest, now: datetime
) -> DeliveryResult:
    cfg = config.digest
    recipients = record.recipients or cfg.to
    try:
        msg = build_message(digest, sender=cfg.sender, recipients=recipients, now=now)
        send_message(msg, cfg.smtp)
    except MailError as exc:
        failures = record.attempts + 1
        delay = retry_delay(cfg, failures)
        next_attempt = now + delay if delay is not None else None
        storage.mark_digest_failed(record.id, error=exc.message, next_attempt=next_attempt)
        if next_attempt is None:
            plan = f"giving up after {count(failures, 'attempt')}"
        else:
            plan = (
                f"attempt {failures} of {cfg.retry_attempts}; "
                f"next at {moment(next_attempt, cfg.timezone)}"
            )
        log.error("digest of %s not sent: %s (%s)", record.day, exc.message, plan)
        raise MailError(f"{exc.message} ({plan})", hint=exc.hint) from exc
    message_id = str(msg["Message-ID"])
    statuses = {s.claim.id: s.summary.status for s in digest.sections}
    storage.mark_digest_sent(record.id, message_id=message_id, sent_at=now, claim_statuses=statuses)
    log.info("digest of %s sent to %s (%s)", record.day, ", ".join(recipients), message_id)
    return DeliveryResult(
        DeliveryOutcome.SENT,
        record.day,
        record.window_start,
        record.window_end,
        tuple(recipients),
        message_id,
        digest.subject,
        record,
    )


def due_retry(storage: Storage, now: datetime) -> DigestRecord | None:
    """The digest to retry at `now`, if any (`rules.next_retry` over the recent ones)."""
    return next_retry(storage.list_digests(limit=30), now)


def retry_failed_digest(storage: Storage, config: Config, now: datetime) -> DeliveryResult | None:
    """Re-attempt a failed digest whose backoff has passed; None when none is due.

    Raises MailError (after recording it) when the retry fails too.
    """
    record = due_retry(storage, now)
    if record is None:
        return None
    log.info("retrying the digest of %s (attempt %d)", record.day, record.attempts + 1)
    return deliver_digest(storage, config, now, day=record.day)
