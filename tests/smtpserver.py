"""A real SMTP server for tests: aiosmtpd on 127.0.0.1, on a free port, in a thread.

    from smtpserver import SmtpServer, smtp_server  # smtp_server is a pytest fixture

    def test_x(smtp_server: SmtpServer) -> None:
        smtp_server.refuse(1, "451 4.3.0 Try again later")   # first DATA refused
        ...send to smtp_server.host, smtp_server.port...
        assert len(smtp_server.messages) == 1

It speaks real SMTP (no mocks): what the client sends is parsed back into
`email.message.EmailMessage` objects, and refusals are real 4xx/5xx replies.
With `credentials=(user, password)` it requires AUTH LOGIN/PLAIN (allowed
without TLS, for tests only).
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


@dataclass(frozen=True)
class Received:
    """One message the server accepted."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        """The message parsed with the modern email API."""
        msg = message_from_bytes(self.data, policy=default)
        assert isinstance(msg, EmailMessage)
        return msg


class _Handler:
    def __init__(self, server: SmtpServer) -> None:
        self.server = server

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.server.lock:
            self.server.attempts += 1
            if self.server.refusals_left > 0:
                self.server.refusals_left -= 1
                return self.server.refusal_reply
            self.server.messages.append(
                Received(envelope.mail_from, tuple(envelope.rcpt_tos), bytes(envelope.content))
            )
        return "250 2.0.0 OK: queued"


def free_port() -> int:
    """A TCP port nothing listens on right now (for servers and 'connection refused' tests)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class SmtpServer:
    """An aiosmtpd server on 127.0.0.1 that records what it accepts."""

    host = "127.0.0.1"

    def __init__(self, credentials: tuple[str, str] | None = None) -> None:
        self.port = free_port()
        self.messages: list[Received] = []
        #: DATA commands received, accepted or refused.
        self.attempts = 0
        self.refusals_left = 0
        self.refusal_reply = "451 4.3.0 Try again later"
        self.lock = threading.Lock()
        kwargs: dict[str, Any] = {"enable_SMTPUTF8": True}
        if credentials is not None:
            kwargs.update(
                auth_required=True,
                auth_require_tls=False,
                authenticator=_authenticator(credentials),
            )
        self._controller = Controller(
            _Handler(self), hostname=self.host, port=self.port, ready_timeout=10, **kwargs
        )

    def refuse(self, count: int, reply: str = "451 4.3.0 Try again later") -> None:
        """Refuse the next `count` messages at DATA with `reply` (a 4xx or 5xx line)."""
        with self.lock:
            self.refusals_left = count
            self.refusal_reply = reply

    def start(self) -> SmtpServer:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def __enter__(self) -> SmtpServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _authenticator(credentials: tuple[str, str]) -> Any:
    user, password = credentials

    def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
        ok = (
            isinstance(data, LoginPassword)
            and data.login.decode() == user
            and data.password.decode() == password
        )
        return AuthResult(success=ok, handled=False)

    return authenticate


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """A running SmtpServer, stopped after the test."""
    with SmtpServer() as server:
        yield server
