"""Load and validate config.yaml once, at start, into frozen dataclasses.

Every key, its default and its meaning live here (and in the README's
configuration reference, which a test keeps in step with `KNOWN_KEYS`). Errors
name the file, the key path and what was expected, before anything starts.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any, Literal, TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from .engine.glossary import GlossaryEntry, read_entry
from .engine.lexicon import CATEGORIES
from .errors import ConfigError
from .types import Claim, FeedConfig, Quantity, Window

DEFAULT_CONFIG_PATH = "config.yaml"
DEFAULT_DATABASE_URL = "sqlite:///db/tracker.sqlite"
DATABASE_URL_ENV = "TRACKER_DATABASE_URL"
CONFIG_PATH_ENV = "TRACKER_CONFIG"

_CLAIM_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DURATION_RE = re.compile(
    r"^\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?\s*(?:(\d+)\s*s)?\s*$"
)
_SIZE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib)?\s*$", re.IGNORECASE)
_SIZE_UNITS = {
    None: 1, "b": 1, "kb": 1000, "kib": 1024, "mb": 1000**2, "mib": 1024**2,
    "gb": 1000**3, "gib": 1024**3,
}  # fmt: skip
_EMAIL_RE = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+$")
# scheme[+driver]://rest: the parts of a SQLAlchemy URL this file checks.
_DB_URL_RE = re.compile(
    r"^(?P<dialect>[A-Za-z][\w-]*)(?:\+(?P<driver>[\w-]+))?://(?P<rest>.*)$", re.S
)
#: The databases Claim Tracker runs on, with the driver SQLAlchemy is given.
SUPPORTED_DATABASES = {"sqlite": "pysqlite", "postgresql": "psycopg"}
_DATABASE_EXAMPLES = "sqlite:///db/tracker.sqlite or postgresql+psycopg://USER@HOST:5432/DB"

T = TypeVar("T")


@dataclass(frozen=True)
class PollingConfig:
    """How feeds are polled (defaults suit a few hundred feeds on one machine)."""

    interval: int = 15 * 60
    #: Upper bound of the per-feed error backoff.
    max_backoff: int = 24 * 3600
    #: Upper bound on a server-requested minimum interval (Cache-Control max-age, RSS <ttl>).
    max_server_interval: int = 6 * 3600
    concurrency: int = 8
    per_host: int = 2
    host_delay: float = 0.0
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 60.0
    max_body_bytes: int = 10 * 1000**2
    max_decompressed_bytes: int = 50 * 1000**2
    max_redirects: int = 5
    #: Consecutive polls that must see the same permanent redirect before the URL is updated.
    redirect_confirmations: int = 3
    contact_url: str | None = None
    block_private_addresses: bool = False
    #: Longest stored title/text field, in characters.
    max_field_chars: int = 100_000
    #: Processes that parse and match fetched feeds beside the polling one (0: none, all
    #: in the polling process; "auto": by the machine's cores, `pipeline.polling_workers`).
    #: Each is a Python process of its own (~100 MB).
    workers: int | Literal["auto"] = "auto"


@dataclass(frozen=True)
class SmtpConfig:
    """The SMTP server that sends the digest. The password comes from an env variable."""

    host: str = "localhost"
    port: int = 25
    starttls: bool = False
    ssl: bool = False
    username: str | None = None
    password_env: str | None = None
    timeout: float = 30.0


@dataclass(frozen=True)
class DigestConfig:
    """The daily digest email."""

    to: tuple[str, ...] = ()
    sender: str = "claim-tracker@localhost"
    time: time = time(7, 0)
    timezone: str = "UTC"
    send_when_empty: bool = False
    smtp: SmtpConfig = field(default_factory=SmtpConfig)
    subject_prefix: str = "Claim Tracker"
    retry_attempts: int = 5
    retry_backoff: int = 300
    misfire_grace: int = 3600

    @property
    def enabled(self) -> bool:
        """A digest is sent only when it has recipients."""
        return bool(self.to)


@dataclass(frozen=True)
class DaemonConfig:
    """The daemon's own settings (several daemons on PostgreSQL share feeds by lease)."""

    #: How long a daemon's claim on a feed lasts without a heartbeat.
    lease: int = 300
    heartbeat: int = 30
    #: How often the scheduler looks for due feeds.
    tick: int = 30
    pool_size: int = 5


@dataclass(frozen=True)
class MetricsConfig:
    """The daemon's Prometheus endpoint (`/metrics`); off unless a port is given."""

    port: int | None = None
    #: The address to listen on: loopback unless told otherwise (e.g. 0.0.0.0 in a container).
    host: str = "127.0.0.1"


@dataclass(frozen=True)
class EngineConfig:
    """The matching engine's settings."""

    #: The semantic path (a sentence encoder, where this machine can run one): stories
    #: are embedded after they are stored and their verdicts rewritten. Off: the
    #: lexical path only (`tracker.embedding.load_encoder`).
    embeddings: bool = True


@dataclass(frozen=True)
class Config:
    """The whole validated configuration."""

    path: Path | None
    database_url: str
    feeds: tuple[FeedConfig, ...]
    claims: tuple[Claim, ...]
    polling: PollingConfig = field(default_factory=PollingConfig)
    digest: DigestConfig = field(default_factory=DigestConfig)
    daemon: DaemonConfig = field(default_factory=DaemonConfig)
    metrics: MetricsConfig = field(default_factory=MetricsConfig)
    engine: EngineConfig = field(default_factory=EngineConfig)
    #: Extra stance cue words: {language: {category: [words]}}.
    lexicons: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    #: Extra glossary entries, added to the shipped glossary (`tracker.engine.glossary`).
    glossary: tuple[GlossaryEntry, ...] = ()

    def feed_interval(self, feed_interval: int | None) -> int:
        """A feed's own interval, else the global one."""
        return feed_interval if feed_interval is not None else self.polling.interval


def config_warnings(config: Config) -> list[str]:
    """What a valid configuration will not do that its author probably wants done."""
    warnings: list[str] = []
    if not config.claims:
        warnings.append("no claims: stories are stored, but nothing is matched or tracked")
    if not config.feeds:
        warnings.append(
            "no feeds: nothing is polled unless feeds are added with `tracker feeds add URL`"
        )
    return warnings


# --- small parsers, each raising ValueError with what was expected ---------------------------


def parse_duration(value: object) -> int:
    """Seconds from `90`, `"90s"`, `"15m"`, `"1h30m"`, `"2d"`."""
    if isinstance(value, bool):
        raise ValueError("expected a duration such as 30s, 15m, 1h or 2d")
    if isinstance(value, int):
        if value <= 0:
            raise ValueError("expected a positive duration")
        return value
    if isinstance(value, str):
        match = _DURATION_RE.match(value)
        if match and any(match.groups()):
            d, h, m, s = (int(g) if g else 0 for g in match.groups())
            seconds = d * 86400 + h * 3600 + m * 60 + s
            if seconds > 0:
                return seconds
    raise ValueError(f"expected a duration such as 30s, 15m, 1h or 2d, got {value!r}")


def parse_size(value: object) -> int:
    """Bytes from `1048576`, `"10MB"`, `"512KiB"`."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if isinstance(value, str):
        match = _SIZE_RE.match(value)
        if match:
            unit = match.group(2).lower() if match.group(2) else None
            size = int(float(match.group(1)) * _SIZE_UNITS[unit])
            if size > 0:
                return size
    raise ValueError(f"expected a size such as 10MB or 512KiB, got {value!r}")


def parse_http_url(value: object) -> str:
    """An absolute http(s) URL with a host."""
    if not isinstance(value, str):
        raise ValueError(f"expected an http(s) URL, got {type(value).__name__}")
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValueError(f"expected an http(s) URL, got {value!r}")
    return value.strip()


def resolve_database_url(value: object, base: Path) -> str:
    """A database URL Claim Tracker can use, with a relative SQLite path made absolute
    against `base` (the config file's folder), so that a command run from another
    directory finds the same database instead of creating a second, empty one.

    Only SQLite (`sqlite:///PATH`, `sqlite+pysqlite:///PATH`) and PostgreSQL through
    psycopg 3 (`postgresql+psycopg://...`) are accepted; anything else is a
    ValueError saying what to write instead. Passwords are never repeated in it.
    """
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"expected a database URL such as {_DATABASE_EXAMPLES}, got {value!r}")
    url = value.strip()
    match = _DB_URL_RE.match(url)
    if match is None:
        raise ValueError(
            f"expected a database URL such as {_DATABASE_EXAMPLES}, got {_hide_password(url)!r}"
        )
    dialect, driver, rest = match["dialect"].lower(), match["driver"], match["rest"]
    if dialect == "postgres":
        dialect = "postgresql"
    if dialect not in SUPPORTED_DATABASES:
        raise ValueError(
            f"Claim Tracker runs on SQLite or PostgreSQL, not {match['dialect']} "
            f"(expected e.g. {_DATABASE_EXAMPLES})"
        )
    wanted = SUPPORTED_DATABASES[dialect]
    if dialect == "postgresql" and driver != wanted:
        fixed = f"postgresql+psycopg://{_hide_password(rest)}"
        said = (
            f"driver {driver} is not installed"
            if driver
            else "a URL without a driver would need psycopg2, which is not installed"
        )
        raise ValueError(f"PostgreSQL is used through psycopg 3 ({said}): write {fixed!r}")
    if dialect == "sqlite":
        if driver not in (None, wanted):
            raise ValueError(f"SQLite is used through its built-in driver: write sqlite:///{rest}")
        return _absolute_sqlite(url, rest, base)
    return url


def _absolute_sqlite(url: str, rest: str, base: Path) -> str:
    if rest in ("", "/:memory:") or rest.startswith(("?", "/:memory:?")):
        raise ValueError(
            "an in-memory SQLite database is gone when the command ends: give a file, "
            "e.g. sqlite:///db/tracker.sqlite"
        )
    if not rest.startswith("/"):
        raise ValueError(
            f"a SQLite URL has three slashes before a relative path: sqlite:///{rest} "
            "(four before an absolute one)"
        )
    path, sep, query = rest[1:].partition("?")
    if path.startswith("/"):
        return url
    absolute = os.path.normpath(base / Path(path).expanduser())
    head = url[: url.index("://") + 3]
    return f"{head}/{absolute}{sep}{query}"


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for another database or an in-memory one)."""
    match = _DB_URL_RE.match(url)
    if match is None or match["dialect"].lower() != "sqlite":
        return None
    path = match["rest"][1:].partition("?")[0]
    if not path or path == ":memory:":
        return None
    return Path(path).expanduser()


def _hide_password(url: str) -> str:
    # user:secret@host -> user:***@host
    return re.sub(r"(^|//)([^:/@]*):[^@/]*@", r"\1\2:***@", url)


def _parse_time(value: object) -> time:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        # YAML 1.1 reads 07:00 unquoted as sexagesimal minutes (420).
        return time(value // 60, value % 60)
    if isinstance(value, str):
        match = re.fullmatch(r"(\d{1,2}):(\d{2})", value.strip())
        if match and int(match.group(1)) < 24 and int(match.group(2)) < 60:
            return time(int(match.group(1)), int(match.group(2)))
    raise ValueError(f'expected a time of day such as "07:00", got {value!r}')


def _parse_timezone(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("expected an IANA time zone such as Asia/Kolkata")
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {value!r} (expected e.g. Asia/Kolkata, UTC)") from None
    return value


def _parse_email(value: object) -> str:
    if not isinstance(value, str) or not _EMAIL_RE.match(value.strip()):
        raise ValueError(f"expected an email address, got {value!r}")
    return value.strip()


def _parse_date(value: object) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"expected a date YYYY-MM-DD, got {value!r}")


# --- a tiny schema walker that knows where it is ----------------------------------------------


class _Reader:
    """Reads one mapping of the YAML document, reporting errors with file and key path."""

    def __init__(self, source: str, path: str, data: object) -> None:
        self.source = source
        self.path = path
        if not isinstance(data, Mapping):
            raise self.error(f"expected a mapping, got {_kind(data)}")
        self.data: Mapping[str, Any] = data

    def error(self, message: str, key: str | None = None) -> ConfigError:
        where = self.key_path(key) if key else (self.path or "top level")
        return ConfigError(f"{self.source}: {where}: {message}")

    def key_path(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def check_keys(self, allowed: Sequence[str]) -> None:
        for key in self.data:
            # `x-` keys at the top level hold YAML anchors to reuse (as in docker-compose).
            if not self.path and str(key).startswith("x-"):
                continue
            if key not in allowed:
                raise self.error(_unknown_key(str(key), allowed), str(key))

    def get(self, key: str, convert: Callable[[object], T], default: T) -> T:
        if key not in self.data or self.data[key] is None:
            return default
        return self.convert(key, convert)

    def require(self, key: str, convert: Callable[[object], T]) -> T:
        if key not in self.data or self.data[key] is None:
            raise self.error("required key is missing", key)
        return self.convert(key, convert)

    def convert(self, key: str, convert: Callable[[object], T]) -> T:
        try:
            return convert(self.data[key])
        except ConfigError:
            raise
        except (ValueError, TypeError) as exc:
            raise self.error(str(exc), key) from None

    def child(self, key: str) -> _Reader:
        return _Reader(self.source, self.key_path(key), self.data.get(key) or {})

    def items(self, key: str) -> list[tuple[str, object]]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.error(f"expected a list, got {_kind(value)}", key)
        return [(f"{self.key_path(key)}[{i}]", item) for i, item in enumerate(value)]


def _unknown_key(key: str, allowed: Sequence[str]) -> str:
    """'unknown key; did you mean `interval`? (expected one of: ...)'."""
    near = difflib.get_close_matches(key.lower(), list(allowed), n=1, cutoff=0.6)
    guess = f"; did you mean `{near[0]}`?" if near else ""
    return f"unknown key{guess} (expected one of: {', '.join(sorted(allowed))})"


def _kind(value: object) -> str:
    return {dict: "a mapping", list: "a list", str: "a string", type(None): "nothing"}.get(
        type(value), type(value).__name__
    )


def _string(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(f"expected text, got {_kind(value)}")
    text = str(value).strip()
    if not text:
        raise ValueError("expected non-empty text")
    return text


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return value


def _positive_int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"expected a positive whole number, got {value!r}")
    return value


def _non_negative_int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"expected a whole number >= 0, got {value!r}")
    return value


def _workers(value: object) -> int | Literal["auto"]:
    if value == "auto":
        return "auto"
    try:
        return _non_negative_int(value)
    except ValueError:
        raise ValueError(f'expected "auto" or a whole number >= 0, got {value!r}') from None


def _non_negative_float(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ValueError(f"expected a number >= 0, got {value!r}")
    return float(value)


def _seconds(value: object) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return float(value)
    return float(parse_duration(value))


def _string_list(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (_string(value),)
    if not isinstance(value, list):
        raise ValueError(f"expected a list of text, got {_kind(value)}")
    return tuple(_string(v) for v in value)


def _email_list(value: object) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise ValueError(f"expected a list of email addresses, got {_kind(value)}")
    return tuple(_parse_email(v) for v in items)


# --- sections ---------------------------------------------------------------------------------

TOP_KEYS = (
    "database", "polling", "feeds", "claims", "digest", "daemon", "metrics", "engine",
    "lexicons", "glossary",
)  # fmt: skip
POLLING_KEYS = (
    "interval", "max_backoff", "max_server_interval", "concurrency", "per_host", "host_delay",
    "timeout", "max_body", "max_decompressed", "max_redirects", "redirect_confirmations",
    "contact_url", "block_private_addresses", "max_field_chars", "workers",
)  # fmt: skip
TIMEOUT_KEYS = ("connect", "read", "total")
FEED_KEYS = ("url", "name", "interval", "tags")
CLAIM_KEYS = ("id", "text", "entities", "keywords", "quantity", "attributed_to", "window")
QUANTITY_KEYS = ("value", "unit", "tolerance")
WINDOW_KEYS = ("by",)
DIGEST_KEYS = (
    "to", "from", "time", "timezone", "send_when_empty", "smtp", "subject_prefix",
    "retry_attempts", "retry_backoff", "misfire_grace",
)  # fmt: skip
SMTP_KEYS = ("host", "port", "starttls", "ssl", "username", "password_env", "timeout")
DAEMON_KEYS = ("lease", "heartbeat", "tick", "pool_size")
METRICS_KEYS = ("port", "host")
ENGINE_KEYS = ("embeddings",)

#: Every key path the configuration accepts (the README documents each).
KNOWN_KEYS: tuple[str, ...] = (
    *TOP_KEYS,
    *(f"polling.{k}" for k in POLLING_KEYS),
    *(f"polling.timeout.{k}" for k in TIMEOUT_KEYS),
    *(f"feeds[].{k}" for k in FEED_KEYS),
    *(f"claims[].{k}" for k in CLAIM_KEYS),
    *(f"claims[].quantity.{k}" for k in QUANTITY_KEYS),
    *(f"claims[].window.{k}" for k in WINDOW_KEYS),
    *(f"digest.{k}" for k in DIGEST_KEYS),
    *(f"digest.smtp.{k}" for k in SMTP_KEYS),
    *(f"daemon.{k}" for k in DAEMON_KEYS),
    *(f"metrics.{k}" for k in METRICS_KEYS),
    *(f"engine.{k}" for k in ENGINE_KEYS),
)


def _read_polling(r: _Reader) -> PollingConfig:
    r.check_keys(POLLING_KEYS)
    d = PollingConfig()
    t = r.child("timeout")
    t.check_keys(TIMEOUT_KEYS)
    return PollingConfig(
        interval=r.get("interval", parse_duration, d.interval),
        max_backoff=r.get("max_backoff", parse_duration, d.max_backoff),
        max_server_interval=r.get("max_server_interval", parse_duration, d.max_server_interval),
        concurrency=r.get("concurrency", _positive_int, d.concurrency),
        per_host=r.get("per_host", _positive_int, d.per_host),
        host_delay=r.get("host_delay", _seconds_or_zero, d.host_delay),
        connect_timeout=t.get("connect", _seconds, d.connect_timeout),
        read_timeout=t.get("read", _seconds, d.read_timeout),
        total_timeout=t.get("total", _seconds, d.total_timeout),
        max_body_bytes=r.get("max_body", parse_size, d.max_body_bytes),
        max_decompressed_bytes=r.get("max_decompressed", parse_size, d.max_decompressed_bytes),
        max_redirects=r.get("max_redirects", _positive_int, d.max_redirects),
        redirect_confirmations=r.get(
            "redirect_confirmations", _positive_int, d.redirect_confirmations
        ),
        contact_url=r.get("contact_url", parse_http_url, None),
        block_private_addresses=r.get("block_private_addresses", _bool, False),
        max_field_chars=r.get("max_field_chars", _positive_int, d.max_field_chars),
        workers=r.get("workers", _workers, d.workers),
    )


def _seconds_or_zero(value: object) -> float:
    if value == 0 or value == "0":
        return 0.0
    return _seconds(value)


def _read_feeds(source: str, root: _Reader) -> tuple[FeedConfig, ...]:
    feeds: list[FeedConfig] = []
    seen: dict[str, str] = {}
    for path, item in root.items("feeds"):
        if isinstance(item, str):
            item = {"url": item}
        r = _Reader(source, path, item)
        r.check_keys(FEED_KEYS)
        url = r.require("url", parse_http_url)
        if url in seen:
            raise r.error(f"duplicate feed URL (also at {seen[url]})", "url")
        seen[url] = path
        feeds.append(
            FeedConfig(
                url=url,
                name=r.get("name", _string, None),
                interval=r.get("interval", parse_duration, None),
                tags=r.get("tags", _string_list, ()),
            )
        )
    return tuple(feeds)


def _entity_groups(value: object) -> tuple[tuple[str, ...], ...]:
    if not isinstance(value, list):
        raise ValueError("expected a list of names or of lists of spellings")
    return tuple(_string_list(group) for group in value)


def read_claim(source: str, path: str, item: object) -> Claim:
    """Validate one claim mapping (used for config.yaml and for `tracker match --claims`)."""
    r = _Reader(source, path, item)
    r.check_keys(CLAIM_KEYS)
    claim_id = r.require("id", _string)
    if not _CLAIM_ID_RE.match(claim_id):
        raise r.error(f"claim id {claim_id!r} must be kebab-case (a-z, 0-9 and '-')", "id")
    quantity = None
    if r.data.get("quantity") is not None:
        q = r.child("quantity")
        q.check_keys(QUANTITY_KEYS)
        tolerance = q.get("tolerance", _non_negative_float, 0.2)
        if tolerance >= 1:
            raise q.error("expected a fraction below 1, e.g. 0.2 for 20%", "tolerance")
        quantity = Quantity(
            value=q.require("value", _positive_number),
            unit=q.get("unit", _string, None),
            tolerance=tolerance,
        )
    window = None
    if r.data.get("window") is not None:
        w = r.child("window")
        w.check_keys(WINDOW_KEYS)
        window = Window(by=w.require("by", _parse_date))
    return Claim(
        id=claim_id,
        text=r.require("text", _string),
        entities=r.get("entities", _entity_groups, ()),
        keywords=r.get("keywords", _string_list, ()),
        quantity=quantity,
        attributed_to=r.get("attributed_to", _string_list, ()),
        window=window,
    )


def _positive_number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ValueError(f"expected a positive number, got {value!r}")
    return float(value)


def read_claims(source: str, items: Sequence[tuple[str, object]]) -> tuple[Claim, ...]:
    """Validate a list of claims; ids must be unique."""
    claims: list[Claim] = []
    seen: dict[str, str] = {}
    for path, item in items:
        claim = read_claim(source, path, item)
        if claim.id in seen:
            raise ConfigError(
                f"{source}: {path}.id: duplicate claim id {claim.id!r} (also at {seen[claim.id]})"
            )
        seen[claim.id] = path
        claims.append(claim)
    return tuple(claims)


def _read_digest(r: _Reader) -> DigestConfig:
    r.check_keys(DIGEST_KEYS)
    d = DigestConfig()
    s = r.child("smtp")
    s.check_keys(SMTP_KEYS)
    ssl = s.get("ssl", _bool, False)
    starttls = s.get("starttls", _bool, False)
    if ssl and starttls:
        raise s.error("ssl and starttls exclude each other (ssl: port 465, starttls: port 587)")
    smtp = SmtpConfig(
        host=s.get("host", _string, "localhost"),
        port=s.get("port", _port, 465 if ssl else (587 if starttls else 25)),
        starttls=starttls,
        ssl=ssl,
        username=s.get("username", _string, None),
        password_env=s.get("password_env", _string, None),
        timeout=s.get("timeout", _seconds, 30.0),
    )
    return DigestConfig(
        to=r.get("to", _email_list, ()),
        sender=r.get("from", _parse_email, d.sender),
        time=r.get("time", _parse_time, d.time),
        timezone=r.get("timezone", _parse_timezone, d.timezone),
        send_when_empty=r.get("send_when_empty", _bool, d.send_when_empty),
        smtp=smtp,
        subject_prefix=r.get("subject_prefix", _string, d.subject_prefix),
        retry_attempts=r.get("retry_attempts", _positive_int, d.retry_attempts),
        retry_backoff=r.get("retry_backoff", parse_duration, d.retry_backoff),
        misfire_grace=r.get("misfire_grace", parse_duration, d.misfire_grace),
    )


def _port(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 65536:
        raise ValueError(f"expected a port number 1-65535, got {value!r}")
    return value


def _read_daemon(r: _Reader) -> DaemonConfig:
    r.check_keys(DAEMON_KEYS)
    d = DaemonConfig()
    return DaemonConfig(
        lease=r.get("lease", parse_duration, d.lease),
        heartbeat=r.get("heartbeat", parse_duration, d.heartbeat),
        tick=r.get("tick", parse_duration, d.tick),
        pool_size=r.get("pool_size", _positive_int, d.pool_size),
    )


def _read_metrics(r: _Reader) -> MetricsConfig:
    r.check_keys(METRICS_KEYS)
    return MetricsConfig(
        port=r.get("port", _port, None), host=r.get("host", _string, MetricsConfig.host)
    )


def _read_engine(r: _Reader) -> EngineConfig:
    r.check_keys(ENGINE_KEYS)
    return EngineConfig(embeddings=r.get("embeddings", _bool, EngineConfig.embeddings))


def _read_lexicons(r: _Reader) -> dict[str, dict[str, tuple[str, ...]]]:
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for lang in r.data:
        lr = r.child(str(lang))
        # A misspelt category ("refutes") would silently add words nobody reads.
        lr.check_keys(CATEGORIES)
        out[str(lang)] = {str(cat): lr.convert(str(cat), _string_list) for cat in lr.data}
    return out


def read_glossary(source: str, items: Sequence[tuple[str, object]]) -> tuple[GlossaryEntry, ...]:
    """Validate glossary entries (`{en: [...], hi: [...], mr: [...]}`, as in the shipped
    `tracker/data/glossary_*.yaml`), each error naming the file and the entry's path."""
    entries = []
    for path, item in items:
        try:
            entries.append(read_entry(item))
        except ValueError as exc:
            raise ConfigError(f"{source}: {path}: {exc}") from None
    return tuple(entries)


def read_engine_words(
    source: str, data: object
) -> tuple[dict[str, dict[str, tuple[str, ...]]], tuple[GlossaryEntry, ...]]:
    """The `lexicons` and `glossary` of a config-shaped mapping (`tracker match` reads
    them from a claims file that is a whole config); errors name `source` and the key."""
    root = _Reader(source, "", data)
    return _read_lexicons(root.child("lexicons")), read_glossary(source, root.items("glossary"))


def parse_config(data: object, *, source: str = "config", path: Path | None = None,
                 env: Mapping[str, str] | None = None) -> Config:  # fmt: skip
    """Validate a parsed YAML document into a Config."""
    env = os.environ if env is None else env
    root = _Reader(source, "", data if data is not None else {})
    root.check_keys(TOP_KEYS)
    # A relative SQLite path is the config file's neighbour, wherever the command runs
    # (from the environment: the current directory's, as a shell user expects).
    base = path.parent.absolute() if path is not None else Path.cwd()
    if env.get(DATABASE_URL_ENV):
        try:
            database_url = resolve_database_url(env[DATABASE_URL_ENV], Path.cwd())
        except ValueError as exc:
            raise ConfigError(f"{DATABASE_URL_ENV}: {exc}") from None
    else:
        database_url = root.get(
            "database",
            lambda v: resolve_database_url(v, base),
            resolve_database_url(DEFAULT_DATABASE_URL, base),
        )
    lexicons, glossary = read_engine_words(source, data)
    return Config(
        path=path,
        database_url=database_url,
        feeds=_read_feeds(source, root),
        claims=read_claims(source, root.items("claims")),
        polling=_read_polling(root.child("polling")),
        digest=_read_digest(root.child("digest")),
        daemon=_read_daemon(root.child("daemon")),
        metrics=_read_metrics(root.child("metrics")),
        engine=_read_engine(root.child("engine")),
        lexicons=lexicons,
        glossary=glossary,
    )


def load_yaml(path: Path) -> object:
    """Read a YAML file, turning I/O and syntax errors into ConfigError with the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: file not found", hint="pass --config PATH or set TRACKER_CONFIG"
        ) from None
    except IsADirectoryError:
        raise ConfigError(
            f"{path}: is a folder, not a file", hint="pass --config PATH/config.yaml"
        ) from None
    except PermissionError:
        raise ConfigError(
            f"{path}: permission denied", hint="make the file readable by this user"
        ) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start + 1})") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{path}:{where}: invalid YAML: {problem}") from None
    if data is None:
        raise ConfigError(
            f"{path}: the file is empty (or only comments)",
            hint="start from the shipped config.yaml; the README's configuration reference "
            "lists every key",
        )
    return data


def load_config(path: str | Path | None = None, *, env: Mapping[str, str] | None = None) -> Config:
    """Load config.yaml (or `path`, or $TRACKER_CONFIG) and validate it."""
    env = os.environ if env is None else env
    chosen = Path(path or env.get(CONFIG_PATH_ENV) or DEFAULT_CONFIG_PATH)
    return parse_config(load_yaml(chosen), source=str(chosen), path=chosen, env=env)
