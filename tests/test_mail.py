"""The digest email (tracker.digest.mail): built purely (golden .eml), sent to a real aiosmtpd server."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default

import pytest
from smtpserver import SmtpServer, free_port, smtp_server
from test_digest import (
    NOW,
    assert_safe_html,
    check_golden,
    hostile_evidence,
    sample_digest,
    sample_summaries,
)

from tracker.config import SmtpConfig
from tracker.digest.mail import SmtpSendError, build_message, message_domain, send_message
from tracker.errors import MailError

__all__ = ["smtp_server"]  # the fixture, imported so pytest finds it

SENDER = "tracker@example.org"
TO = ("analyst@example.org", "desk@example.org")


def parse(data: bytes) -> EmailMessage:
    msg = message_from_bytes(data, policy=default)
    assert isinstance(msg, EmailMessage)
    return msg


def normalise(eml: bytes) -> bytes:
    """Boundaries, Message-ID and Date vary between runs; golden files hold placeholders."""
    text = eml.decode("ascii")
    for i, boundary in enumerate(dict.fromkeys(re.findall(r'boundary="([^"]+)"', text))):
        text = text.replace(boundary, f"BOUNDARY{i}")
    text = re.sub(r"(?m)^Message-ID: .*$", "Message-ID: <MESSAGE-ID>", text)
    text = re.sub(r"(?m)^Date: .*$", "Date: DATE", text)
    return text.encode("ascii")


def parts(msg: EmailMessage) -> tuple[str, str]:
    text = msg.get_body(("plain",))
    html = msg.get_body(("html",))
    assert text is not None and html is not None
    return text.get_content(), html.get_content()


def smtp(server: SmtpServer, **kw: object) -> SmtpConfig:
    return SmtpConfig(host=server.host, port=server.port, timeout=10, **kw)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- building


def test_message_golden() -> None:
    msg = build_message(sample_digest(), sender=SENDER, recipients=TO, now=NOW)
    check_golden("sample.eml", normalise(msg.as_bytes()))


def test_message_structure_and_headers() -> None:
    digest = sample_digest()
    msg = parse(build_message(digest, sender=SENDER, recipients=TO, now=NOW).as_bytes())
    assert msg.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]
    assert all(p.get_content_charset() == "utf-8" for p in msg.iter_parts())
    assert msg["Subject"] == digest.subject
    assert msg["From"] == SENDER
    assert [a.addr_spec for a in msg["To"].addresses] == list(TO)
    assert msg["Date"] == "Sat, 16 Aug 2025 01:30:00 +0000"
    assert msg["Message-ID"].endswith("@example.org>")
    assert msg["Auto-Submitted"] == "auto-generated"
    text, html = parts(msg)
    assert "डीपसीकचे आर२ मॉडेल लांबणीवर" in text and "डीपसीकचे आर२ मॉडेल लांबणीवर" in html


def test_lines_stay_within_smtp_limits() -> None:
    raw = build_message(sample_digest(), sender=SENDER, recipients=TO, now=NOW).as_bytes()
    assert max(len(line) for line in raw.split(b"\r\n")) <= 998
    raw.decode("ascii")  # 7-bit on the wire: any server accepts it


def test_bad_addresses_are_mail_errors() -> None:
    with pytest.raises(MailError, match=r"digest\.to"):
        build_message(sample_digest(), sender=SENDER, recipients=("not-an-address",), now=NOW)
    with pytest.raises(MailError, match="no recipients"):
        build_message(sample_digest(), sender=SENDER, recipients=(), now=NOW)
    with pytest.raises(MailError, match=r"digest\.from"):
        build_message(sample_digest(), sender="Tracker\r\nBcc: x", recipients=TO, now=NOW)


def test_message_domain() -> None:
    assert message_domain("tracker@example.org") == "example.org"
    assert message_domain("nobody") == "claim-tracker.invalid"


# --------------------------------------------------------------------------- sending


def test_one_email_arrives_with_both_parts_and_the_right_recipients(
    smtp_server: SmtpServer,
) -> None:
    digest = sample_digest()
    send_message(build_message(digest, sender=SENDER, recipients=TO, now=NOW), smtp(smtp_server))
    assert len(smtp_server.messages) == 1
    got = smtp_server.messages[0]
    assert got.mail_from == SENDER
    assert got.rcpt_tos == TO
    msg = got.message
    assert msg["Subject"] == digest.subject
    text, html = parts(msg)
    assert text.startswith("Claim Tracker digest, 16 Aug 2025")
    assert "<!DOCTYPE html>" in html
    # Marathi survives the round trip in both parts, byte for byte.
    sentence = "कंपनीतील सूत्रांच्या माहितीनुसार"
    assert sentence in text and sentence in html
    assert "*डीपसीक*ने *आर२* चे *प्रकाशन*" in text


def test_hostile_feed_content_cannot_add_headers_or_script(smtp_server: SmtpServer) -> None:
    digest = sample_digest(
        evidence=hostile_evidence(), subject_prefix="Tracker\r\nBcc: spy@example.com"
    )
    send_message(
        build_message(digest, sender=SENDER, recipients=TO[:1], now=NOW), smtp(smtp_server)
    )
    got = smtp_server.messages[0]
    assert got.rcpt_tos == TO[:1]  # no Bcc smuggled in
    msg = got.message
    assert msg["Bcc"] is None
    assert "\n" not in msg["Subject"] and "\r" not in msg["Subject"]
    headers = {k.lower() for k in msg}
    assert headers == {
        "subject", "from", "to", "date", "message-id", "auto-submitted",
        "x-claim-tracker-digest", "content-type", "mime-version",
    }  # fmt: skip
    text, html = parts(msg)
    assert_safe_html(html)
    assert "<script" not in html and "javascript:alert(document.cookie)" not in text


def test_refusal_names_host_port_and_reply(smtp_server: SmtpServer) -> None:
    smtp_server.refuse(1, "554 5.7.1 Message rejected as spam")
    msg = build_message(sample_digest(), sender=SENDER, recipients=TO, now=NOW)
    with pytest.raises(SmtpSendError) as info:
        send_message(msg, smtp(smtp_server))
    err = info.value
    assert str(err) == (
        f"SMTP 127.0.0.1:{smtp_server.port} refused the message: 554 5.7.1 Message rejected as spam"
    )
    assert err.code == 554 and not err.transient
    assert smtp_server.messages == []
    # The server accepts the next attempt.
    send_message(msg, smtp(smtp_server))
    assert len(smtp_server.messages) == 1


def test_transient_refusal_is_marked_transient(smtp_server: SmtpServer) -> None:
    smtp_server.refuse(1)
    msg = build_message(sample_digest(), sender=SENDER, recipients=TO, now=NOW)
    with pytest.raises(SmtpSendError, match=r"451 4\.3\.0 Try again later") as info:
        send_message(msg, smtp(smtp_server))
    assert info.value.transient


def test_unreachable_server() -> None:
    port = free_port()
    msg = build_message(sample_digest(), sender=SENDER, recipients=TO, now=NOW)
    with pytest.raises(SmtpSendError, match=rf"^SMTP 127\.0\.0\.1:{port} could not be reached"):
        send_message(msg, SmtpConfig(host="127.0.0.1", port=port, timeout=5))


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_login_with_password_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    msg = build_message(sample_digest(), sender=SENDER, recipients=TO, now=NOW)
    with SmtpServer(credentials=("tracker", "s3cret")) as server:
        cfg = smtp(server, username="tracker", password_env="TEST_TRACKER_SMTP_PW")
        monkeypatch.delenv("TEST_TRACKER_SMTP_PW", raising=False)
        with pytest.raises(MailError, match=r"TEST_TRACKER_SMTP_PW .* is not set"):
            send_message(msg, cfg)
        monkeypatch.setenv("TEST_TRACKER_SMTP_PW", "wrong")
        with pytest.raises(SmtpSendError, match=rf"{server.port} refused the login: 535") as info:
            send_message(msg, cfg)
        assert info.value.hint and "password" in info.value.hint
        monkeypatch.setenv("TEST_TRACKER_SMTP_PW", "s3cret")
        send_message(msg, cfg)
        assert len(server.messages) == 1


def test_message_date_uses_the_given_time() -> None:
    later = datetime(2025, 12, 1, 6, 0, tzinfo=UTC)
    msg = build_message(sample_digest(), sender=SENDER, recipients=TO, now=later)
    assert msg["Date"] == "Mon, 01 Dec 2025 06:00:00 +0000"


@pytest.mark.parametrize(
    "prefix", ["Claim Tracker", "दावा ट्रॅकर", "A rather long subject prefix for the desk"]
)
@pytest.mark.parametrize("claim_count", [1, 2])
def test_subject_round_trips_exactly(prefix: str, claim_count: int) -> None:
    """Folding must not add a leading space or lose characters (Marathi included)."""
    digest = sample_digest(subject_prefix=prefix, summaries=sample_summaries()[:claim_count])
    raw = build_message(digest, sender=SENDER, recipients=TO, now=NOW).as_bytes()
    assert parse(raw)["Subject"] == digest.subject
    assert max(len(line) for line in raw.split(b"\r\n")) <= 998
