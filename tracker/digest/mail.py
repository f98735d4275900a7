"""The digest as an email: `build_message` assembles it (pure), `send_message` sends it (SMTP).

Building is a function of the digest, the addresses and the time, so the
message can be previewed (`tracker digest --preview`) and pinned by golden
files; only `send_message` touches the network.
"""

from __future__ import annotations

import logging
import os
import smtplib
import ssl
from collections.abc import Sequence
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from typing import TYPE_CHECKING

from tracker.digest.content import Digest, render_html, render_text, safe_header_text
from tracker.errors import MailError

if TYPE_CHECKING:
    from tracker.config import SmtpConfig

__all__ = ["SmtpSendError", "build_message", "message_domain", "new_message_id", "send_message"]

log = logging.getLogger(__name__)

_WIRE_POLICY = SMTP.clone(max_line_length=998)


class SmtpSendError(MailError):
    """The SMTP server could not be reached or refused the message.

    The message names the host and port and quotes what the server said.
    `code` is the SMTP reply code when the server gave one (4xx transient,
    5xx permanent), None for network errors.
    """

    def __init__(
        self,
        message: str,
        *,
        host: str,
        port: int,
        code: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.host = host
        self.port = port
        self.code = code

    @property
    def transient(self) -> bool:
        """Worth retrying as is: a 4xx reply or a network error."""
        return self.code is None or 400 <= self.code < 500


def message_domain(sender: str) -> str:
    """The domain to put in Message-IDs: the sender's, else a reserved placeholder."""
    _, at, domain = sender.rpartition("@")
    domain = safe_header_text(domain).strip("<> ") if at else ""
    return domain or "claim-tracker.invalid"


def new_message_id(sender: str, idstring: str | None = None) -> str:
    """A fresh, globally unique Message-ID in the sender's domain."""
    return make_msgid(idstring=idstring, domain=message_domain(sender))


def _address(value: str, what: str) -> Address:
    text = safe_header_text(value)
    if not text or "@" not in text:
        raise MailError(f"digest: {what} address {value!r} is not an email address")
    try:
        return Address(addr_spec=text)
    except (ValueError, IndexError) as exc:
        raise MailError(f"digest: {what} address {value!r} is not valid: {exc}") from exc


def build_message(
    digest: Digest,
    *,
    sender: str,
    recipients: Sequence[str],
    now: datetime,
    message_id: str | None = None,
    html: str | None = None,
    text: str | None = None,
) -> EmailMessage:
    """The digest as a multipart/alternative message: plain text first, then HTML.

    Both parts are UTF-8. The subject comes from `digest.subject` (one line,
    no control characters), so nothing from a feed can add a header. `now`
    becomes the Date header. `message_id` defaults to a fresh one; `html` and
    `text` default to rendering the digest (pass them to reuse a rendering).

    Raises MailError when the sender or a recipient is not an address.
    """
    if not recipients:
        raise MailError("digest: no recipients (set digest.to in config.yaml)")
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    msg = EmailMessage(policy=SMTP)
    msg["Subject"] = digest.subject
    msg["From"] = _address(sender, "digest.from")
    msg["To"] = [_address(r, "digest.to") for r in recipients]
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = safe_header_text(message_id) if message_id else new_message_id(sender)
    # RFC 3834: tells vacation responders and ticket systems not to answer.
    msg["Auto-Submitted"] = "auto-generated"
    msg["X-Claim-Tracker-Digest"] = digest.day.isoformat()
    msg.set_content(text if text is not None else render_text(digest), charset="utf-8")
    msg.add_alternative(
        html if html is not None else render_html(digest), subtype="html", charset="utf-8"
    )
    # Bodies are already encoded in 76-character lines. Serialise ASCII headers
    # without folding at 78: CPython folds some subjects right after "Subject:", and
    # parsers then read a leading space into the subject. (Non-ASCII subjects need
    # the folding to keep RFC 2047 encoded words short.)
    if digest.subject.isascii():
        msg.policy = _WIRE_POLICY
    return msg


def _password(cfg: SmtpConfig) -> str | None:
    if not cfg.password_env:
        return None
    value = os.environ.get(cfg.password_env)
    if value is None:
        raise MailError(
            f"SMTP {cfg.host}:{cfg.port}: environment variable {cfg.password_env} "
            "(digest.smtp.password_env) is not set",
            hint=f"export {cfg.password_env}=... before starting the tracker",
        )
    return value


def _reply(code: int, text: bytes | str) -> str:
    said = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {safe_header_text(said)}".strip()


def send_message(msg: EmailMessage, smtp_cfg: SmtpConfig) -> None:
    """Send `msg` to its To recipients over SMTP as configured (SSL, STARTTLS, login).

    Returns when the server accepted the message for at least one recipient
    (recipients it refused are logged). Raises SmtpSendError (a MailError)
    naming host, port and the server's reply when the connection, TLS, login
    or the transaction fails, or when every recipient is refused; MailError
    when the password variable is missing.
    """
    host, port = smtp_cfg.host, smtp_cfg.port
    where = f"SMTP {host}:{port}"
    password = _password(smtp_cfg)
    context = ssl.create_default_context()
    client: smtplib.SMTP
    try:
        if smtp_cfg.ssl:
            client = smtplib.SMTP_SSL(host, port, timeout=smtp_cfg.timeout, context=context)
        else:
            client = smtplib.SMTP(host, port, timeout=smtp_cfg.timeout)
    except smtplib.SMTPConnectError as exc:
        raise SmtpSendError(
            f"{where} refused the connection: {_reply(exc.smtp_code, exc.smtp_error)}",
            host=host,
            port=port,
            code=exc.smtp_code,
        ) from exc
    except (OSError, smtplib.SMTPException) as exc:
        raise SmtpSendError(
            f"{where} could not be reached: {_describe(exc)}",
            host=host,
            port=port,
            hint="check digest.smtp.host, port and ssl/starttls in config.yaml",
        ) from exc
    try:
        with client:
            step = "greeting"
            client.ehlo_or_helo_if_needed()
            if smtp_cfg.starttls and not smtp_cfg.ssl:
                step = "STARTTLS"
                client.starttls(context=context)
                client.ehlo()
            if smtp_cfg.username:
                step = "login"
                client.login(smtp_cfg.username, password or "")
            step = "message"
            refused = client.send_message(msg)
    except smtplib.SMTPRecipientsRefused as exc:
        said = "; ".join(f"{rcpt}: {_reply(c, t)}" for rcpt, (c, t) in exc.recipients.items())
        codes = [c for c, _ in exc.recipients.values()]
        raise SmtpSendError(
            f"{where} refused every recipient: {said}",
            host=host,
            port=port,
            code=max(codes) if codes else None,
        ) from exc
    except smtplib.SMTPResponseException as exc:
        raise SmtpSendError(
            f"{where} refused the {step}: {_reply(exc.smtp_code, exc.smtp_error)}",
            host=host,
            port=port,
            code=exc.smtp_code,
            hint="check digest.smtp.username and the password variable"
            if step == "login"
            else None,
        ) from exc
    except (OSError, smtplib.SMTPException) as exc:
        raise SmtpSendError(
            f"{where} failed during the {step}: {_describe(exc)}", host=host, port=port
        ) from exc
    for rcpt, (code, text) in refused.items():
        log.warning("%s refused recipient %s: %s", where, rcpt, _reply(code, text))


def _describe(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError):
        return "timed out"
    text = str(exc) or exc.__class__.__name__
    return safe_header_text(text)
