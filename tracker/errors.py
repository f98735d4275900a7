"""One error tree. Only the CLI turns these into words and exit codes.

Every error carries a message written for the user: what went wrong and where
(file, key, feed URL, line), and where possible how to fix it.
"""

from __future__ import annotations


class TrackerError(Exception):
    """Root of every error a user can act on. Anything else is a bug."""

    #: A short hint shown after the message by the CLI ("run `tracker init`").
    hint: str | None = None

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.__class__.__name__


class ConfigError(TrackerError):
    """config.yaml (or a claims/feeds file) is invalid. Names the file and key path."""


class FetchError(TrackerError):
    """A feed could not be fetched (network, HTTP status, limits)."""

    def __init__(
        self,
        message: str,
        *,
        url: str = "",
        status: int | None = None,
        retry_after: float | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.url = url
        self.status = status
        #: Seconds the server asked us to wait (429/503 Retry-After), if any.
        self.retry_after = retry_after


class ParseError(TrackerError):
    """A response body is not a usable feed."""


class StorageError(TrackerError):
    """The database cannot be used as asked (locked, missing, out of date, refused)."""


class NoDatabaseError(StorageError):
    """A command that reads the database found none: only `tracker init` creates it."""


class SchemaOutOfDateError(StorageError):
    """The database schema is older (or newer) than this code expects."""


class MailError(TrackerError):
    """A digest could not be built or sent (SMTP host, port and server reply in the message)."""


class InputError(TrackerError):
    """An input file given on the command line (claims, stories, OPML) is invalid."""
