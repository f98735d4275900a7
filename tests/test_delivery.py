"""Delivering the digest (tracker.digest.delivery) with real SQLite storage and a real SMTP server.

Time is always passed in; nothing sleeps. The cron schedule is checked by
asking the trigger for its fire times at injected clock readings.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from itertools import count, pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from helpers import write_config
from smtpserver import SmtpServer, free_port, smtp_server
from test_digest import APPS, CHIPS, CLAIMS, R2, assert_safe_html

from tracker.cli import main
from tracker.config import Config, DigestConfig, SmtpConfig
from tracker.digest.delivery import (
    DeliveryOutcome,
    deliver_digest,
    digest_trigger,
    digest_window,
    due_retry,
    preview_digest,
    retry_delay,
    retry_failed_digest,
)
from tracker.errors import MailError
from tracker.storage import Storage, open_storage
from tracker.types import (
    Claim,
    ClaimStatus,
    DigestRecord,
    DigestState,
    FeedConfig,
    FeedPollUpdate,
    Stance,
    Story,
    StoryWithVerdicts,
    Verdict,
)

__all__ = ["smtp_server"]  # the fixture, imported so pytest finds it

IST = ZoneInfo("Asia/Kolkata")
# 07:00 in Asia/Kolkata on 16 Aug 2025.
SEND = datetime(2025, 8, 16, 1, 30, tzinfo=UTC)
WIRE = "https://wire.example.com/feed.xml"
MARATHI = "https://marathi.example.in/feed"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Storage]:
    storage = open_storage(f"sqlite:///{tmp_path}/t.sqlite")
    storage.upgrade()
    storage.sync_claims(CLAIMS, SEND - timedelta(days=10))
    for url, name in ((WIRE, "Example Wire"), (MARATHI, "मुंबई टेक वार्ता")):
        storage.add_feed(FeedConfig(url=url, name=name), now=SEND - timedelta(days=10))
    try:
        yield storage
    finally:
        storage.close()


def make_config(server_port: int, **digest: object) -> Config:
    cfg = DigestConfig(
        to=("analyst@example.org", "desk@example.org"),
        sender="tracker@example.org",
        time=time(7, 0),
        timezone="Asia/Kolkata",
        smtp=SmtpConfig(host="127.0.0.1", port=server_port, timeout=10),
    )
    return Config(
        path=None,
        database_url="sqlite://",
        feeds=(),
        claims=CLAIMS,
        digest=replace(cfg, **digest),  # type: ignore[arg-type]
    )


@pytest.fixture
def config(smtp_server: SmtpServer) -> Config:
    return make_config(smtp_server.port)


_keys = count(1)


def log_story(
    storage: Storage,
    at: datetime,
    title: str,
    verdicts: list[tuple[Claim, Stance, str]],
    *,
    feed: str = WIRE,
    link: str | None = None,
) -> None:
    """Store a story and the engine's verdicts on it, as a poll at `at` would."""
    key = next(_keys)
    feed_state = storage.get_feed(feed)
    assert feed_state is not None
    story = Story(
        feed_url=feed,
        entry_key=f"entry-{key}",
        title=title,
        text=" ".join(sentence for _, _, sentence in verdicts),
        link=link or f"{feed.rsplit('/', 1)[0]}/story/{key}",
        published=at - timedelta(hours=1),
    )
    storage.record_poll(
        FeedPollUpdate(
            feed_id=feed_state.id,
            polled_at=at,
            next_poll=at + timedelta(minutes=15),
            stories=[
                StoryWithVerdicts(
                    story=story,
                    verdicts=[
                        Verdict(
                            c.id, stance, 0.8, sentence, (f"mentions '{c.entities[0][0]}'",), "t"
                        )
                        for c, stance, sentence in verdicts
                    ],
                    claim_hashes={c.id: c.definition_hash for c, _, _ in verdicts},
                )
            ],
        )
    )


def digest_of(day: date, storage: Storage) -> DigestRecord:
    record = storage.get_digest(day)
    assert record is not None
    return record


def body(msg: EmailMessage, kind: str) -> str:
    part = msg.get_body((kind,))
    assert part is not None
    content = part.get_content()
    assert isinstance(content, str)
    return content


# --------------------------------------------------------------------------- exactly once


def test_sends_one_email_and_records_it(
    store: Storage, config: Config, smtp_server: SmtpServer
) -> None:
    log_story(
        store,
        SEND - timedelta(hours=3),
        "DeepSeek pushes R2 back",
        [(R2, Stance.CONTRADICTS, "DeepSeek's R2 release has been pushed back to the autumn.")],
    )
    log_story(store, SEND - timedelta(hours=30), "Old news", [(R2, Stance.DISCUSSES, "R2.")])

    result = deliver_digest(store, config, SEND)

    assert result.outcome is DeliveryOutcome.SENT and result.day == date(2025, 8, 16)
    assert len(smtp_server.messages) == 1
    got = smtp_server.messages[0]
    assert got.rcpt_tos == ("analyst@example.org", "desk@example.org")
    msg = got.message
    text, html = body(msg, "plain"), body(msg, "html")
    assert "DeepSeek pushes R2 back" in text and "DeepSeek pushes R2 back" in html
    assert "Old news" not in text  # logged before the first digest's 24 hours
    assert msg["Subject"].startswith("Claim Tracker, 16 Aug 2025: ")
    assert msg["Subject"].endswith("1 new piece of evidence")

    record = digest_of(date(2025, 8, 16), store)
    assert record.state is DigestState.SENT
    assert record.message_id == msg["Message-ID"] == result.message_id
    assert (record.window_start, record.window_end) == (SEND - timedelta(hours=24), SEND)
    assert record.recipients == ("analyst@example.org", "desk@example.org")
    assert record.sent_at == SEND
    summaries = {s.claim.id: s.status for s in store.get_claim_summaries(CLAIMS)}
    assert dict(record.claim_statuses) == summaries
    assert "sent the digest of 16 Aug 2025 to analyst@example.org" in str(result)


def test_second_send_for_the_same_day_sends_nothing_even_after_restart(
    tmp_path: Path, store: Storage, config: Config, smtp_server: SmtpServer
) -> None:
    log_story(store, SEND - timedelta(hours=1), "R2 news", [(R2, Stance.CONTRADICTS, "R2 late.")])
    assert deliver_digest(store, config, SEND).sent
    again = deliver_digest(store, config, SEND + timedelta(minutes=5))
    assert again.outcome is DeliveryOutcome.ALREADY_SENT
    # When, in the digest's zone (01:30 UTC is 07:00 IST), to the minute.
    assert "was already sent at 2025-08-16 07:00 IST; nothing sent" in str(again)
    # A restarted daemon (a new connection to the same database) agrees.
    reopened = open_storage(f"sqlite:///{tmp_path}/t.sqlite")
    try:
        later = deliver_digest(reopened, config, SEND + timedelta(hours=2))
    finally:
        reopened.close()
    assert later.outcome is DeliveryOutcome.ALREADY_SENT
    assert len(smtp_server.messages) == 1


def test_force_resends_the_same_day_with_the_same_window(
    store: Storage, config: Config, smtp_server: SmtpServer
) -> None:
    log_story(store, SEND - timedelta(hours=1), "R2 news", [(R2, Stance.CONTRADICTS, "R2 late.")])
    first = deliver_digest(store, config, SEND)
    log_story(store, SEND + timedelta(hours=1), "Later", [(R2, Stance.CORROBORATES, "R2 soon.")])
    second = deliver_digest(store, config, SEND + timedelta(hours=2), force=True)
    assert second.sent and second.message_id != first.message_id
    assert len(smtp_server.messages) == 2
    assert "Later" not in body(smtp_server.messages[1].message, "plain")
    assert digest_of(SEND.date(), store).message_id == second.message_id


def test_another_daemon_holding_the_day_means_busy(
    store: Storage, config: Config, smtp_server: SmtpServer
) -> None:
    log_story(store, SEND - timedelta(hours=1), "R2 news", [(R2, Stance.CONTRADICTS, "R2 late.")])
    held = store.claim_digest(
        SEND.date(), SEND - timedelta(days=1), SEND, ["x@example.org"], owner="other", now=SEND
    )
    assert held is not None
    result = deliver_digest(store, config, SEND + timedelta(seconds=30))
    assert result.outcome is DeliveryOutcome.BUSY
    assert smtp_server.messages == []


def test_digest_interrupted_mid_send_is_retried_after_the_hold_expires(
    store: Storage, config: Config, smtp_server: SmtpServer
) -> None:
    log_story(store, SEND - timedelta(hours=1), "R2 news", [(R2, Stance.CONTRADICTS, "R2 late.")])
    # A daemon took the day and died before recording the outcome.
    crashed = store.claim_digest(
        SEND.date(), SEND - timedelta(days=1), SEND, ["x@example.org"], owner="dead", now=SEND,
        hold_seconds=600,
    )  # fmt: skip
    assert crashed is not None
    assert retry_failed_digest(store, config, SEND + timedelta(minutes=5)) is None, "still held"
    result = retry_failed_digest(store, config, SEND + timedelta(minutes=11))
    assert result is not None and result.outcome is DeliveryOutcome.SENT
    assert len(smtp_server.messages) == 1


# --------------------------------------------------------------------------- retries


def test_refused_first_attempt_is_retried_with_backoff(
    store: Storage, config: Config, smtp_server: SmtpServer
) -> None:
    log_story(store, SEND - timedelta(hours=1), "R2 news", [(R2, Stance.CONTRADICTS, "R2 late.")])
    smtp_server.refuse(1, "451 4.3.0 Mailbox busy, try later")

    with pytest.raises(MailError) as info:
        deliver_digest(store, config, SEND)
    message = info.value.message
    assert f"SMTP 127.0.0.1:{smtp_server.port} refused the message: 451 4.3.0 Mailbox busy" in (
        message
    )
    # In the digest's zone, to the minute (01:35 UTC).
    assert "attempt 1 of 5; next at 2025-08-16 07:05 IST" in message
    record = digest_of(SEND.date(), store)
    assert record.state is DigestState.FAILED and record.attempts == 1
    assert record.next_attempt == SEND + timedelta(seconds=300)
    assert record.last_error is not None and "451 4.3.0" in record.last_error
    assert smtp_server.messages == []

    # Not yet due: nothing happens.
    assert due_retry(store, SEND + timedelta(seconds=299)) is None
    assert retry_failed_digest(store, config, SEND + timedelta(seconds=299)) is None
    # Story logged while waiting: a retry covers it too (the window only grows).
    log_story(store, SEND + timedelta(minutes=2), "Late story", [(R2, Stance.CONTRADICTS, "R2.")])

    result = retry_failed_digest(store, config, SEND + timedelta(seconds=300))
    assert result is not None and result.sent
    assert len(smtp_server.messages) == 1
    assert smtp_server.attempts == 2
    text = body(smtp_server.messages[0].message, "plain")
    assert "R2 news" in text and "Late story" in text
    record = digest_of(SEND.date(), store)
    assert record.state is DigestState.SENT and record.attempts == 2
    assert record.window_start == SEND - timedelta(days=1)
    # Nothing left to retry, and the day is not sent again.
    assert due_retry(store, SEND + timedelta(hours=5)) is None
    assert deliver_digest(store, config, SEND + timedelta(hours=5)).outcome is (
        DeliveryOutcome.ALREADY_SENT
    )


def test_backoff_doubles_and_gives_up(store: Storage, smtp_server: SmtpServer) -> None:
    config = make_config(smtp_server.port, retry_attempts=3, retry_backoff=60)
    log_story(store, SEND - timedelta(hours=1), "R2 news", [(R2, Stance.CONTRADICTS, "R2 late.")])
    smtp_server.refuse(10, "554 5.7.1 Rejected")
    now = SEND
    expected = [timedelta(seconds=60), timedelta(seconds=120), None]
    for attempt, delay in enumerate(expected, start=1):
        with pytest.raises(MailError, match=r"554 5\.7\.1 Rejected"):
            if attempt == 1:
                deliver_digest(store, config, now)
            else:
                retry_failed_digest(store, config, now)
        record = digest_of(SEND.date(), store)
        assert record.attempts == attempt
        assert record.next_attempt == (now + delay if delay else None)
        if delay:
            now += delay
    assert due_retry(store, now + timedelta(days=1)) is None
    assert smtp_server.attempts == 3


def test_unreachable_server_is_recorded_with_host_and_port(store: Storage) -> None:
    port = free_port()
    config = make_config(port)
    log_story(store, SEND - timedelta(hours=1), "R2 news", [(R2, Stance.CONTRADICTS, "R2 late.")])
    with pytest.raises(MailError, match=rf"SMTP 127\.0\.0\.1:{port} could not be reached"):
        deliver_digest(store, config, SEND)
    record = digest_of(SEND.date(), store)
    assert record.state is DigestState.FAILED
    assert record.last_error is not None and f"127.0.0.1:{port}" in record.last_error


def test_failed_days_window_is_not_lost(store: Storage, smtp_server: SmtpServer) -> None:
    config = make_config(smtp_server.port, retry_attempts=1)
    day1, day2, day3 = SEND, SEND + timedelta(days=1), SEND + timedelta(days=2)
    log_story(store, day1 - timedelta(hours=2), "Story one", [(R2, Stance.CONTRADICTS, "R2 a.")])
    assert deliver_digest(store, config, day1).sent

    log_story(store, day2 - timedelta(hours=2), "Story two", [(R2, Stance.CONTRADICTS, "R2 b.")])
    smtp_server.refuse(1, "554 5.0.0 Down for maintenance")
    with pytest.raises(MailError, match="giving up after 1 attempt\\)"):
        deliver_digest(store, config, day2)

    log_story(store, day3 - timedelta(hours=2), "Story three", [(R2, Stance.CONTRADICTS, "R2.")])
    assert deliver_digest(store, config, day3).sent
    texts = [body(m.message, "plain") for m in smtp_server.messages]
    assert len(texts) == 2
    assert "Story one" in texts[0] and "Story two" not in texts[0]
    # The third digest covers everything since the first one, including the failed day.
    assert "Story two" in texts[1] and "Story three" in texts[1] and "Story one" not in texts[1]
    record = digest_of(day3.date(), store)
    assert record.window_start == day1 and record.window_end == day3
    assert "since the digest of 16 Aug 2025" in texts[1]


# --------------------------------------------------------------------------- content over time


def test_status_change_since_previous_digest_leads_the_subject(
    store: Storage, config: Config, smtp_server: SmtpServer
) -> None:
    log_story(store, SEND - timedelta(hours=2), "Chips", [(CHIPS, Stance.DISCUSSES, "Chips.")])
    assert deliver_digest(store, config, SEND).sent
    before = digest_of(SEND.date(), store).claim_statuses
    assert before["r2-timeline"] is ClaimStatus.UNVERIFIED

    next_day = SEND + timedelta(days=1)
    for i, feed in enumerate((WIRE, MARATHI)):
        log_story(
            store,
            next_day - timedelta(hours=3 + i),
            f"R2 delayed {i}",
            [(R2, Stance.CONTRADICTS, f"Source {i}: DeepSeek's R2 release has slipped.")],
            feed=feed,
        )
    new_status = {s.claim.id: s.status for s in store.get_claim_summaries(CLAIMS)}["r2-timeline"]
    assert new_status is not ClaimStatus.UNVERIFIED
    result = deliver_digest(store, config, next_day)
    assert result.subject == (
        f"Claim Tracker, 17 Aug 2025: r2-timeline {new_status.value}; 2 new pieces of evidence"
    )
    text = body(smtp_server.messages[1].message, "plain")
    status = new_status.value.upper()
    assert f"  {status:<12}  r2-timeline  was unverified; +2 contradicting" in text


def test_empty_digest_is_skipped_unless_configured(store: Storage, smtp_server: SmtpServer) -> None:
    quiet = make_config(smtp_server.port)
    result = deliver_digest(store, quiet, SEND)
    assert result.outcome is DeliveryOutcome.EMPTY
    assert store.get_digest(SEND.date()) is None and smtp_server.messages == []
    assert "send_when_empty" in str(result)

    chatty = make_config(smtp_server.port, send_when_empty=True)
    assert deliver_digest(store, chatty, SEND).sent
    assert "no new evidence" in smtp_server.messages[0].message["Subject"]


def test_failing_feed_is_reported(store: Storage, config: Config, smtp_server: SmtpServer) -> None:
    feed = store.get_feed(MARATHI)
    assert feed is not None
    store.record_poll_failure(
        feed.id,
        polled_at=SEND - timedelta(days=3),
        error="HTTP 503 from https://marathi.example.in/feed",
        next_poll=SEND,
    )
    assert deliver_digest(store, config, SEND).sent  # a failing feed is worth an email
    text = body(smtp_server.messages[0].message, "plain")
    assert "* मुंबई टेक वार्ता <https://marathi.example.in/feed>" in text
    assert "last error: HTTP 503" in text


def test_hostile_stories_and_marathi_round_trip_through_storage_and_smtp(
    store: Storage, config: Config, smtp_server: SmtpServer
) -> None:
    log_story(
        store,
        SEND - timedelta(hours=2),
        "<script>alert(1)</script>R2 late\r\nBcc: spy@example.com",
        [(R2, Stance.CONTRADICTS, '<img src=x onerror="alert(1)"> DeepSeek R2 slips.')],
        link="javascript:alert(document.domain)",
    )
    log_story(
        store,
        SEND - timedelta(hours=1),
        "डीपसीक ॲप पुन्हा उपलब्ध",
        [(APPS, Stance.CONTRADICTS, "गोपनीयता धोरण बदलल्यानंतर डीपसीक ॲप पुन्हा उपलब्ध झाले.")],
        feed=MARATHI,
    )
    assert deliver_digest(store, config, SEND).sent
    got = smtp_server.messages[0]
    assert got.rcpt_tos == config.digest.to
    msg = got.message
    assert msg["Bcc"] is None
    html, text = body(msg, "html"), body(msg, "plain")
    assert_safe_html(html)
    assert "<script" not in html and "javascript:" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;R2 late Bcc: spy@example.com" in html
    assert "javascript:" not in text
    assert "*गोपनीयता* धोरण बदलल्यानंतर *डीपसीक* ॲप पुन्हा उपलब्ध झाले." in text
    assert "डीपसीक ॲप पुन्हा उपलब्ध" in html


# --------------------------------------------------------------------------- preview


def test_preview_writes_three_files_and_sends_nothing(
    tmp_path: Path, store: Storage, config: Config, smtp_server: SmtpServer
) -> None:
    log_story(store, SEND - timedelta(hours=1), "R2 news", [(R2, Stance.CONTRADICTS, "R2 late.")])
    out = tmp_path / "preview" / "nested"
    paths = preview_digest(store, config, out, SEND)
    assert [p.name for p in paths] == ["digest.html", "digest.txt", "digest.eml"]
    html, text, eml = (p.read_bytes() for p in paths)
    assert b"R2 news" in html and b"R2 news" in text
    msg = message_from_bytes(eml, policy=default)
    assert isinstance(msg, EmailMessage)
    # On the wire text is canonical (CRLF line ends); the .txt file has the platform's.
    assert body(msg, "plain").replace("\r\n", "\n") == text.decode("utf-8")
    assert smtp_server.attempts == 0
    assert store.get_digest(SEND.date()) is None


def test_no_recipients_is_a_clear_error(store: Storage) -> None:
    config = make_config(free_port(), to=())
    with pytest.raises(MailError, match=r"digest\.to"):
        deliver_digest(store, config, SEND)


# --------------------------------------------------------------------------- window


def _record(day: date, start: datetime, end: datetime, state: DigestState) -> DigestRecord:
    return DigestRecord(1, day, start, end, ("a@example.org",), state)


def test_digest_window_rules() -> None:
    cfg = make_config(25).digest
    today = date(2025, 8, 16)
    prev = _record(
        date(2025, 8, 14), SEND - timedelta(days=2), SEND - timedelta(days=2), DigestState.SENT
    )
    # First digest: the last 24 hours.
    assert digest_window(cfg, today, SEND, previous=None) == (SEND - timedelta(days=1), SEND)
    # Otherwise: since the previous sent digest, however long ago.
    assert digest_window(cfg, today, SEND, previous=prev) == (prev.window_end, SEND)
    # A retry keeps its start and grows to now.
    failed = _record(today, SEND - timedelta(hours=30), SEND, DigestState.FAILED)
    later = SEND + timedelta(minutes=10)
    assert digest_window(cfg, today, later, previous=prev, existing=failed) == (
        failed.window_start,
        later,
    )
    # A forced resend of a sent day repeats its window.
    sent = replace(failed, state=DigestState.SENT)
    assert digest_window(cfg, today, later, previous=prev, existing=sent, force=True) == (
        sent.window_start,
        sent.window_end,
    )
    # A past day ends at its scheduled time (07:00 IST that day).
    past = digest_window(cfg, date(2025, 8, 15), SEND, previous=None)
    assert past[1] == SEND - timedelta(days=1)


@pytest.mark.parametrize(
    ("failures", "delay"),
    [(1, 300), (2, 600), (3, 1200), (4, 2400), (5, None), (9, None)],
)
def test_retry_delay(failures: int, delay: int | None) -> None:
    expected = timedelta(seconds=delay) if delay is not None else None
    assert retry_delay(make_config(25).digest, failures) == expected


# --------------------------------------------------------------------------- schedule


def _trigger(hhmm: str, tz: str, grace: int = 3600) -> object:
    h, m = map(int, hhmm.split(":"))
    return digest_trigger(
        replace(make_config(25).digest, time=time(h, m), timezone=tz, misfire_grace=grace)
    )


@pytest.mark.parametrize(
    ("hhmm", "tz", "now_utc", "expected_utc"),
    [
        # 07:00 in India is 01:30 UTC.
        ("07:00", "Asia/Kolkata", "2025-08-15T20:00", "2025-08-16T01:30"),
        ("07:00", "Asia/Kolkata", "2025-08-16T03:00", "2025-08-17T01:30"),
        # London: 07:00 is 06:00 UTC in summer and 07:00 UTC in winter (DST-safe).
        ("07:00", "Europe/London", "2025-03-29T12:00", "2025-03-30T06:00"),
        ("07:00", "Europe/London", "2025-10-25T12:00", "2025-10-26T07:00"),
        ("07:00", "UTC", "2025-12-31T08:00", "2026-01-01T07:00"),
    ],
)
def test_cron_fires_at_the_configured_local_time(
    hhmm: str, tz: str, now_utc: str, expected_utc: str
) -> None:
    trigger = _trigger(hhmm, tz, grace=0)
    now = datetime.fromisoformat(now_utc).replace(tzinfo=UTC)
    fire = trigger.get_next_fire_time(None, now)  # type: ignore[attr-defined]
    assert fire == datetime.fromisoformat(expected_utc).replace(tzinfo=UTC)
    local = fire.astimezone(ZoneInfo(tz))
    assert (local.hour, local.minute) == tuple(map(int, hhmm.split(":")))


def test_daemon_restarted_within_grace_still_fires_todays_digest() -> None:
    trigger = _trigger("07:00", "Asia/Kolkata", grace=3600)
    seven = SEND  # 07:00 IST
    # Restarted at 07:05: the 07:00 run is returned (APScheduler runs it within the grace).
    assert trigger.get_next_fire_time(None, seven + timedelta(minutes=5)) == seven  # type: ignore[attr-defined]
    # Restarted at 08:30: too late, tomorrow 07:00.
    assert trigger.get_next_fire_time(None, seven + timedelta(minutes=90)) == (  # type: ignore[attr-defined]
        seven + timedelta(days=1)
    )
    # After it fired, the next run is tomorrow.
    assert trigger.get_next_fire_time(seven, seven + timedelta(seconds=1)) == (  # type: ignore[attr-defined]
        seven + timedelta(days=1)
    )


def test_cron_fires_once_a_day_across_dst_changes() -> None:
    tz = ZoneInfo("America/New_York")
    for hhmm, start in (
        ("01:30", datetime(2025, 10, 31, tzinfo=tz)),
        ("02:30", datetime(2025, 3, 7, tzinfo=tz)),
    ):
        trigger = _trigger(hhmm, "America/New_York", grace=0)
        fires: list[datetime] = []
        prev = None
        now = start.astimezone(UTC)
        for _ in range(5):
            nxt = trigger.get_next_fire_time(prev, now)  # type: ignore[attr-defined]
            fires.append(nxt)
            prev = now = nxt
        days = [f.astimezone(tz).date() for f in fires]
        assert len(set(days)) == 5, fires  # the repeated 01:30 of 2 Nov fires once
        assert all(b - a <= timedelta(hours=25) for a, b in pairwise(fires))


# --------------------------------------------------------------------------- command line


def _cli_config(tmp_path: Path, port: int) -> Path:
    smtp = {"host": "127.0.0.1", "port": port, "timeout": 5}
    digest = {"to": ["analyst@example.org"], "from": "tracker@example.org", "smtp": smtp}
    digest["send_when_empty"] = True
    return write_config(
        tmp_path / "config.yaml", f"sqlite:///{tmp_path}/cli.sqlite", [], extra={"digest": digest}
    )


def test_cli_preview_and_send_exactly_once(tmp_path: Path, smtp_server: SmtpServer) -> None:
    cfg = _cli_config(tmp_path, smtp_server.port)
    runner = CliRunner()
    assert runner.invoke(main, ["--config", str(cfg), "init"]).exit_code == 0
    preview = runner.invoke(
        main, ["--config", str(cfg), "digest", "--preview", str(tmp_path / "p")]
    )
    assert preview.exit_code == 0, preview.output
    assert sorted(p.name for p in (tmp_path / "p").iterdir()) == [
        "digest.eml", "digest.html", "digest.txt",
    ]  # fmt: skip
    assert smtp_server.attempts == 0

    sent = runner.invoke(main, ["--config", str(cfg), "digest", "--send"])
    assert sent.exit_code == 0, sent.output
    assert "sent the digest of" in sent.output
    again = runner.invoke(main, ["--config", str(cfg), "digest", "--send"])
    assert again.exit_code == 0 and "already sent" in again.output
    assert len(smtp_server.messages) == 1
    forced = runner.invoke(main, ["--config", str(cfg), "digest", "--send", "--force"])
    assert forced.exit_code == 0, forced.output
    assert len(smtp_server.messages) == 2


def test_cli_smtp_error_is_clear_and_exits_1(tmp_path: Path) -> None:
    port = free_port()
    cfg = _cli_config(tmp_path, port)
    runner = CliRunner()
    assert runner.invoke(main, ["--config", str(cfg), "init"]).exit_code == 0
    result = runner.invoke(main, ["--config", str(cfg), "digest", "--send"])
    assert result.exit_code == 1
    assert f"SMTP 127.0.0.1:{port} could not be reached" in result.output


def test_a_removed_feeds_stories_are_not_news(
    tmp_path: Path, store: Storage, config: Config
) -> None:
    log_story(
        store, SEND - timedelta(hours=2), "Wire: R2 late", [(R2, Stance.CONTRADICTS, "R2 late.")]
    )
    log_story(store, SEND - timedelta(hours=1), "मराठी: आर२ लांबणीवर",
              [(R2, Stance.CONTRADICTS, "R2 late.")], feed=MARATHI)  # fmt: skip
    assert store.remove_feed(WIRE)
    text = preview_digest(store, config, tmp_path / "p", SEND)[1].read_text(encoding="utf-8")
    assert "मराठी: आर२ लांबणीवर" in text and "Wire: R2 late" not in text
    # Nor does it count in the claim's status: one contradicting source is left.
    assert "0 corroborating, 1 contradicting" in text
