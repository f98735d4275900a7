"""Signing in to review, and CSRF tokens: signed cookies, no server-side state.

With `tracker web --review`, an analyst signs in with the secret in
`TRACKER_WEB_TOKEN`. A session is a cookie holding a random id, an expiry and
whether it is signed in, with an HMAC over them keyed from the secret (changing
the secret signs everyone out). Every form carries a CSRF token, an HMAC of the
session id: a page of another site can neither read it nor forge it, and the
cookie is SameSite=Strict besides. Signing in starts a new session id, so a
session planted before sign-in is worth nothing after it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import ConfigError

TOKEN_ENV = "TRACKER_WEB_TOKEN"
#: A shorter secret is refused: it would fall to guessing.
MIN_TOKEN_CHARS = 16
COOKIE = "tracker_session"
#: How long a session lasts, signed in or not.
SESSION_SECONDS = 12 * 3600


def review_token_from_env(env: Mapping[str, str]) -> str:
    """The review secret from the environment; ConfigError when missing or too short."""
    token = env.get(TOKEN_ENV, "")
    if not token:
        raise ConfigError(
            f"--review needs a secret in the environment variable {TOKEN_ENV}",
            hint=f"e.g. export {TOKEN_ENV}="
            "$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')",
        )
    if len(token) < MIN_TOKEN_CHARS:
        raise ConfigError(
            f"{TOKEN_ENV} is {len(token)} characters long; use at least {MIN_TOKEN_CHARS}"
        )
    return token


@dataclass(frozen=True)
class Session:
    id: str
    expires: int
    signed_in: bool


class Sessions:
    """Makes and checks session cookies and CSRF tokens with a key derived from the secret."""

    def __init__(self, token: str) -> None:
        self._token_digest = hashlib.sha256(token.encode("utf-8")).digest()
        self._key = hmac.new(b"claim-tracker web session", token.encode("utf-8"), "sha256").digest()

    def _sign(self, text: str) -> str:
        return hmac.new(self._key, text.encode("ascii"), "sha256").hexdigest()

    def new(self, now: float, *, signed_in: bool = False) -> Session:
        return Session(secrets.token_urlsafe(18), int(now) + SESSION_SECONDS, signed_in)

    def dump(self, session: Session) -> str:
        payload = f"{session.id}.{session.expires}.{int(session.signed_in)}"
        return f"{payload}.{self._sign(payload)}"

    def load(self, value: str | None, now: float) -> Session | None:
        """The session a cookie holds, or None (absent, forged, malformed or expired)."""
        if not value or len(value) > 200:
            return None
        parts = value.split(".")
        if len(parts) != 4:
            return None
        sid, expires, signed_in, signature = parts
        if not hmac.compare_digest(signature, self._sign(f"{sid}.{expires}.{signed_in}")):
            return None
        if not expires.isdigit() or int(expires) <= now or signed_in not in ("0", "1"):
            return None
        return Session(sid, int(expires), signed_in == "1")

    def csrf(self, session: Session) -> str:
        return self._sign(f"csrf.{session.id}")

    def check_csrf(self, session: Session, value: str | None) -> bool:
        return bool(value) and hmac.compare_digest(str(value), self.csrf(session))

    def check_token(self, given: str | None) -> bool:
        """Is `given` the secret? (Compared as digests, in constant time.)"""
        digest = hashlib.sha256((given or "").encode("utf-8")).digest()
        return hmac.compare_digest(digest, self._token_digest)
