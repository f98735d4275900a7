"""The command line: the only place that prints and chooses exit codes.

Exit codes: 0 ok, 1 failure (a feed, the database, the mail server), 2 usage or
configuration error. TrackerError is turned into one line (and a hint); any
other exception is a bug and keeps its traceback.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .app import Tracker, open_tracker
from .backlog import EmbedReport
from .clock import Clock, system_clock
from .config import Config, load_config, parse_duration
from .errors import ConfigError, InputError, NoDatabaseError, TrackerError
from .logs import FORMATS as LOG_FORMATS
from .logs import setup_logging
from .profiles import StreamStatus, stream_status
from .records import EVIDENCE_KEYS, claim_record, evidence_record, feed_record, story_record
from .storage import Storage
from .types import Evidence, FeedConfig, FeedContents, ReviewDecision, Stance

F = TypeVar("F", bound=Callable[..., Any])


out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


@dataclass
class State:
    config_path: str | None
    verbose: int
    _config: Config | None = None
    #: The clock of every command (tests may stand it still).
    clock: Clock = system_clock

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(self.config_path)
        return self._config

    def tracker(self, *, check: bool = True) -> Tracker:
        """The configured tracker (`app.open_tracker`), to use in a with-block. With
        `check` (every command but `init`) its database must exist already and have this
        version's schema: a read command never creates a database."""
        return open_tracker(self.config, check_schema=check, clock=self.clock)


def handle_errors(func: F) -> F:
    """Turn our errors into a message and exit code; let bugs keep their traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (ConfigError, InputError, NoDatabaseError) as exc:
            _fail(exc, 2)
        except TrackerError as exc:
            _fail(exc, 1)
        except OSError as exc:
            # A file or folder the user named (or one beside the database): say which and
            # why, in one line. An OSError without a file name is not the user's: a bug.
            if not exc.filename:
                raise
            _fail(InputError(_os_error_text(exc), hint=_os_error_hint(exc)), 2)

    return wrapper  # type: ignore[return-value]


def _os_error_text(exc: OSError) -> str:
    reason = {
        FileNotFoundError: "no such file or folder",
        PermissionError: "permission denied",
        IsADirectoryError: "is a folder, not a file",
        NotADirectoryError: "a part of the path is a file, not a folder",
    }.get(type(exc)) or (exc.strerror or str(exc)).lower()
    return f"{exc.filename}: {reason}"


def _os_error_hint(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError | NotADirectoryError):
        return "check the path; folders are not created for you"
    if isinstance(exc, PermissionError):
        return "choose a place this user may write to, or change its permissions"
    return "check the path and the disk"


def _fail(exc: TrackerError, code: int) -> None:
    err.print(f"[bold red]error:[/] {exc.message}", highlight=False, markup=True)
    if exc.hint:
        err.print(f"hint: {exc.hint}", highlight=False)
    sys.exit(code)


def _setup_logging(verbose: int, log_format: str = "text") -> None:
    level = logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING
    setup_logging(level, log_format)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # Alembic says "Context impl SQLiteImpl." at every schema check: noise below -vv.
    logging.getLogger("alembic").setLevel(logging.WARNING if verbose < 2 else logging.INFO)
    logging.getLogger("apscheduler").setLevel(logging.WARNING if verbose < 2 else logging.INFO)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    envvar="TRACKER_CONFIG",
    default=None,
    metavar="PATH",
    help="Configuration file (default ./config.yaml; env TRACKER_CONFIG).",
)
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
@click.option(
    "--log-format",
    type=click.Choice(LOG_FORMATS),
    default="text",
    show_default=True,
    envvar="TRACKER_LOG_FORMAT",
    help="Log lines on stderr as text or as JSON, one object per line (env TRACKER_LOG_FORMAT).",
)
@click.version_option(__version__, prog_name="tracker")
@click.pass_context
def main(ctx: click.Context, config_path: str | None, verbose: int, log_format: str) -> None:
    """Claim Tracker: follow claims through the news, day by day."""
    _setup_logging(verbose, log_format)
    ctx.obj = State(config_path=config_path, verbose=verbose)


pass_state = click.make_pass_decorator(State)


# --- set-up -----------------------------------------------------------------------------------


@main.command()
@pass_state
@handle_errors
def init(state: State) -> None:
    """Create or upgrade the database schema (idempotent), and store claims and feeds."""
    with state.tracker(check=False) as tracker:
        store = tracker.storage
        before, head = store.upgrade()
        store.sync_claims(state.config.claims)
        store.sync_feeds(state.config.feeds)
        if before == head:
            out.print(f"database {store.describe()} is up to date (schema {head})", highlight=False)
        elif before is None:
            out.print(f"created database {store.describe()} (schema {head})", highlight=False)
        else:
            out.print(
                f"database {store.describe()} upgraded from {before} to {head}", highlight=False
            )


@main.group("config")
def config_group() -> None:
    """Inspect the configuration."""


@config_group.command("check")
@click.option("--timeout", default="5s", show_default=True, metavar="DURATION",
              help="How long to wait for the database to answer.")  # fmt: skip
@pass_state
@handle_errors
def config_check(state: State, timeout: str) -> None:
    """Validate the configuration file, then try its database (reading, never creating it).

    Reports the first problem (file, key, what was expected), warns about a
    configuration that would track nothing, and exits 1 when the database
    cannot be reached.
    """
    from .config import config_warnings
    from .storage.probe import probe_database

    try:
        seconds = parse_duration(timeout)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--timeout'") from None
    cfg = state.config
    digest = (
        f"digest to {', '.join(cfg.digest.to)}"
        if cfg.digest.enabled
        else "digest disabled: no recipients"
    )
    out.print(
        f"{cfg.path}: OK: {_count(len(cfg.feeds), 'feed')}, {_count(len(cfg.claims), 'claim')}, "
        f"{digest}",
        highlight=False,
    )
    for warning in config_warnings(cfg):
        err.print(f"[yellow]warning:[/] {_escape(warning)}", highlight=False)
    probe = probe_database(cfg.database_url, timeout=seconds)
    if not probe.exists:
        where = f"database {probe.description}: not created yet (`tracker init` creates it)"
    elif probe.revision is None:
        where = (
            f"database {probe.description}: reachable, empty (`tracker init` creates the schema)"
        )
    elif probe.up_to_date:
        where = f"database {probe.description}: reachable, schema {probe.revision} (up to date)"
    else:
        where = (
            f"database {probe.description}: reachable, schema {probe.revision}; this version "
            f"needs {probe.head} (`tracker init` upgrades it)"
        )
    out.print(where, highlight=False)


def _count(n: int, noun: str, plural: str | None = None) -> str:
    """'1 feed', '2 feeds', '16,512 stories'."""
    from .words import count

    return count(n, noun, plural)


# --- polling ----------------------------------------------------------------------------------


@main.command()
@click.option("--once", is_flag=True, help="Run one cycle over the due feeds (the default).")
@click.option("--all", "all_feeds", is_flag=True, help="Poll every feed, ignoring schedules.")
@pass_state
@handle_errors
def poll(state: State, once: bool, all_feeds: bool) -> None:
    """Poll feeds once: fetch, store new stories, match them against the claims."""
    with state.tracker() as tracker:
        store, now = tracker.storage, tracker.clock()
        # Where the stories go, before anything else: a second database is found at once.
        err.print(f"database: {store.describe()}", highlight=False)
        tracker.sync()
        feeds = store.get_feeds() if all_feeds else store.get_due_feeds(now)
        with _progress(len(feeds), "polling") as advance:
            results = tracker.poller.run_cycle(now, feeds=feeds, on_result=lambda _: advance())
        awaiting = _awaiting_vectors(tracker)
    from .daemon import all_failed_hint

    failed = [r for r in results if not r.ok]
    new = sum(r.new_stories for r in results)
    verdicts = sum(r.verdicts for r in results)
    out.print(
        f"polled {_count(len(results), 'feed')}: {_count(new, 'new story', 'new stories')}, "
        f"{_count(verdicts, 'verdict')}, {len(failed)} failed",
        highlight=False,
    )
    if awaiting:
        # Polls match on the lexical path; the semantic path follows the embedding.
        err.print(
            f"{_count(awaiting, 'story', 'stories')} awaiting vectors (their verdicts are "
            "on the lexical path until then): the daemon embeds them after each cycle, "
            "or run `tracker embed`",
            highlight=False,
        )
    for r in failed:
        err.print(f"feed {r.feed_url}: {r.error}", highlight=False, markup=False)
    hint = all_failed_hint(len(results), len(failed))
    if hint:
        err.print(f"hint: {hint}", highlight=False, markup=False)
    if results and len(failed) == len(results):
        sys.exit(1)


class _ZoneFormatter(logging.Formatter):
    """Log times in the configured time zone, to the second: '2025-05-02 10:00:07 IST'."""

    def __init__(self, timezone: str) -> None:
        super().__init__("%(asctime)s %(levelname)s %(message)s")
        self.timezone = timezone

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        from .words import moment

        return moment(datetime.fromtimestamp(record.created, UTC), self.timezone, seconds=True)


def _log_in_zone(config: Config) -> None:
    for handler in logging.getLogger().handlers:
        handler.setFormatter(_ZoneFormatter(config.digest.timezone))


@main.command()
@click.option("--metrics-port", type=click.IntRange(0, 65535), default=None, metavar="N",
              help="Serve Prometheus metrics on this port at /metrics (default: metrics.port; "
                   "0: any free port).")  # fmt: skip
@click.option("--metrics-host", default=None, metavar="ADDRESS",
              help="Address the metrics listen on (default: metrics.host, 127.0.0.1).")  # fmt: skip
@pass_state
@handle_errors
def run(state: State, metrics_port: int | None, metrics_host: str | None) -> None:
    """Run the daemon: poll on schedule, send the daily digest. SIGTERM/SIGINT stop it."""
    from dataclasses import replace

    from .daemon import Daemon

    if state.verbose == 0:
        logging.getLogger().setLevel(logging.INFO)
    _log_in_zone(state.config)
    config = state.config
    if metrics_port is not None or metrics_host is not None:
        m = config.metrics
        config = replace(
            config,
            metrics=replace(
                m,
                port=m.port if metrics_port is None else metrics_port,
                host=metrics_host or m.host,
            ),
        )
    with open_tracker(config, clock=state.clock) as tracker:
        Daemon(tracker).run()


# --- reading results --------------------------------------------------------------------------

#: A read command's default number of rows (`--limit N` for another, `--all` for every one).
DEFAULT_LIMIT = 50

CLAIM_KEYS = (
    "id", "text", "status", "corroborating", "contradicting", "discussing", "copies",
    "support", "opposition", "standing", "explanation", "removed",
)  # fmt: skip
STORY_KEYS = (
    "id", "title", "url", "feed_url", "feed_name", "published", "first_seen", "lang",
    "cluster_id", "corroborating", "contradicting", "discussing",
)  # fmt: skip
FEED_KEYS = (
    "url", "name", "source", "interval", "tags", "last_polled", "last_success", "next_poll",
    "error_count", "last_error", "failing_since", "problem",
)  # fmt: skip


def _format_option(func: F) -> F:
    """The same --format on every read command (tracker.output.FORMATS)."""
    from .output import FORMATS

    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
        help="table for people; json, jsonl or csv for programs.",
    )(func)  # fmt: skip


def _limit_options(func: F) -> F:
    func = click.option("--all", "show_all_rows", is_flag=True, help="Every row, no limit.")(func)
    return click.option(
        "--limit", type=click.IntRange(min=1), default=None, metavar="N",
        help=f"At most N rows, newest first (default {DEFAULT_LIMIT}).",
    )(func)  # fmt: skip


def _include_removed_option(func: F) -> F:
    return click.option(
        "--include-removed", is_flag=True,
        help="Also claims deleted from the config and feeds removed (their verdicts are kept).",
    )(func)  # fmt: skip


def _row_limit(limit: int | None, show_all_rows: bool) -> int | None:
    if limit is not None and show_all_rows:
        raise InputError("give --limit N or --all, not both")
    return None if show_all_rows else (limit or DEFAULT_LIMIT)


def _emit(
    records: Sequence[dict[str, Any]],
    fmt: str,
    *,
    keys: Sequence[str],
    columns: Sequence[Any],
    table_rows: Callable[[dict[str, Any]], dict[str, object]] | None = None,
    title: str | None = None,
    total: int | None = None,
    plural: str = "rows",
) -> None:
    """Print a read command's records in `fmt`; say on stderr when a limit cut them."""
    import shutil

    from .output import render_table, showing, write_records

    if fmt == "table":
        width = shutil.get_terminal_size((80, 24)).columns
        rows = [table_rows(r) if table_rows else r for r in records]
        click.echo(render_table(rows, columns, width, title=title), nl=False)
    else:
        write_records(records, fmt, sys.stdout, keys=keys)
    note = showing(len(records), total, plural) if total is not None else None
    if note:
        err.print(note, highlight=False)


def _local(value: datetime | None, config: Config) -> str:
    from .words import moment

    return moment(value, config.digest.timezone) if value else "-"


def _resolve_feed(store: Storage, given: str | None) -> str | None:
    """A feed given by URL or by name (case-insensitive) -> its URL."""
    if given is None:
        return None
    known = store.get_feeds(active_only=False)
    if any(f.url == given for f in known):
        return given
    named = [f for f in known if f.name and f.name.casefold() == given.casefold()]
    if len(named) == 1:
        return named[0].url
    if len(named) > 1:
        urls = ", ".join(f.url for f in named)
        raise InputError(f"{len(named)} feeds are named {given!r} ({urls}): give the URL")
    raise InputError(f"no feed named or at {given!r}", hint="`tracker feeds` lists them")


def _claims_to_show(store: Storage, config: Config, include_removed: bool) -> list[Any]:
    configured = list(config.claims)
    if not include_removed:
        return configured
    return configured + store.get_removed_claims()


@main.command()
@_include_removed_option
@_format_option
@pass_state
@handle_errors
def claims(state: State, include_removed: bool, fmt: str) -> None:
    """Each claim with its status and counts of independent sources per stance."""

    with state.tracker() as tracker:
        store = tracker.storage
        chosen = _claims_to_show(store, state.config, include_removed)
        summaries = store.get_claim_summaries(chosen)
    configured = {c.id for c in state.config.claims}
    records = [{**claim_record(s), "removed": s.claim.id not in configured} for s in summaries]
    from .output import Column

    _emit(
        records, fmt, keys=CLAIM_KEYS, title=f"Claims ({len(records)})",
        columns=[
            Column("claim", "claim", min_width=24),
            Column("status", "status", min_width=12, max_width=14),
            Column("corroborating", "for", min_width=3, numeric=True),
            Column("contradicting", "against", min_width=3, numeric=True),
            Column("discussing", "disc.", min_width=3, numeric=True),
            Column("why", "why", min_width=18, max_width=40, drop=1),
        ],
        table_rows=lambda r: {
            **r,
            "claim": f"{r['id']}{' (removed)' if r['removed'] else ''}\n{r['text']}",
            "why": r["standing"] or "no decisive evidence yet",
        },
    )  # fmt: skip


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _short(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "-"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _evidence_columns() -> list[Any]:
    from .output import Column

    return [
        Column("verdict_id", "id", min_width=4, numeric=True),
        Column("claim_id", "claim", min_width=16, max_width=22),
        Column("stance_shown", "stance", min_width=11, max_width=14),
        Column("score", "score", min_width=5, numeric=True, drop=2),
        Column("story", "evidence / story", min_width=28),
        Column("why", "why", min_width=24, drop=1),
    ]


def _evidence_row(config: Config) -> Callable[[dict[str, Any]], dict[str, object]]:
    def row(r: dict[str, Any]) -> dict[str, object]:
        published = datetime.fromisoformat(r["published"]) if r["published"] else None
        source = r["feed_name"] or r["feed_url"]
        copies = f" (+{r['copies'] - 1} syndicated)" if r["copies"] > 1 else ""
        reviewed = f"\n{r['review_decision']}" if r["review_decision"] else ""
        return {
            **r,
            "score": f"{r['score']:.2f}",
            "stance_shown": r["stance"] + reviewed,
            "story": f"{r['evidence']}\n-- {r['story_title']}\n   {source}, "
            f"{_local(published, config)}{copies}",
            "why": "; ".join(r["reasons"]),
        }

    return row


@main.command()
@click.option("--claim", "claim_id", metavar="ID", help="Only this claim.")
@click.option("--stance", type=click.Choice([s.value for s in Stance]), help="Only this stance.")
@click.option("--feed", "feed", metavar="NAME|URL", help="Only stories of this feed.")
@_include_removed_option
@_limit_options
@_format_option
@pass_state
@handle_errors
def evidence(
    state: State, claim_id: str | None, stance: str | None, feed: str | None,
    include_removed: bool, limit: int | None, show_all_rows: bool, fmt: str,
) -> None:  # fmt: skip
    """Each logged verdict: stance, score, evidence sentence, story, source and why."""
    rows = _row_limit(limit, show_all_rows)
    with state.tracker() as tracker:
        store = tracker.storage
        if claim_id is not None and claim_id not in {
            c.id for c in _claims_to_show(store, state.config, include_removed)
        }:
            hint = "" if include_removed else " (--include-removed for claims deleted from it)"
            raise InputError(f"no claim {claim_id!r} in {state.config.path}{hint}")
        filters: dict[str, Any] = dict(
            claim_id=claim_id, stance=Stance(stance) if stance else None,
            feed_url=_resolve_feed(store, feed), include_removed=include_removed,
        )  # fmt: skip
        items = store.get_evidence(**filters, limit=rows)
        total = store.count_evidence(**filters) if rows is not None else len(items)
    _emit(
        [evidence_record(e) for e in items], fmt, keys=EVIDENCE_KEYS,
        columns=_evidence_columns(), table_rows=_evidence_row(state.config),
        title=f"Evidence ({len(items):,} of {total:,})", total=total, plural="verdicts",
    )  # fmt: skip


@main.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "jsonl"]), required=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of stdout.")  # fmt: skip
@_include_removed_option
@pass_state
@handle_errors
def export(state: State, fmt: str, output: Path | None, include_removed: bool) -> None:
    """Export every verdict as CSV, JSON or JSON Lines."""
    from .output import write_records

    with state.tracker() as tracker:
        store = tracker.storage
        records = [evidence_record(e) for e in store.get_evidence(include_removed=include_removed)]
    if output is None:
        write_records(records, fmt, sys.stdout, keys=EVIDENCE_KEYS)
    else:
        try:
            with _open_for_writing(output) as stream:
                write_records(records, fmt, stream, keys=EVIDENCE_KEYS)
        except OSError as exc:  # the disk filled up, a device refused: said, not a traceback
            raise InputError(
                f"cannot write {output}: {_os_error_text(exc).split(': ', 1)[-1]}",
                hint=_os_error_hint(exc),
            ) from None
        err.print(f"wrote {_count(len(records), 'verdict')} to {output}", highlight=False)


def _open_for_writing(path: Path) -> Any:
    """A text file to write, or InputError naming it and what to do (no traceback)."""
    try:
        return path.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise InputError(
            f"cannot write {path}: {_os_error_text(exc).split(': ', 1)[-1]}",
            hint=_os_error_hint(exc),
        ) from None


class _Day(click.ParamType[date]):
    """A date YYYY-MM-DD, checked when the command line is read (click names the option)."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError as exc:
            self.fail(f"expected a date YYYY-MM-DD, got {value!r} ({exc})", param, ctx)


class _Moment(click.ParamType[datetime]):
    """A date or an ISO date-time (UTC unless it says otherwise)."""

    name = "DATE"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> datetime:
        if isinstance(value, datetime):
            return value
        try:
            parsed = datetime.fromisoformat(str(value))
        except ValueError as exc:
            self.fail(
                f"expected a date YYYY-MM-DD or an ISO date-time, got {value!r} ({exc})",
                param,
                ctx,
            )
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


DAY = _Day()
MOMENT = _Moment()


@main.command()
@click.option("--feed", "feed", metavar="NAME|URL", help="Only stories of this feed.")
@click.option("--since", type=MOMENT, help="Only stories published since (YYYY-MM-DD).")
@_limit_options
@_format_option
@pass_state
@handle_errors
def stories(
    state: State, feed: str | None, since: datetime | None, limit: int | None,
    show_all_rows: bool, fmt: str,
) -> None:  # fmt: skip
    """Stored stories with their verdict counts, newest first."""
    from .output import Column

    rows = _row_limit(limit, show_all_rows)
    with state.tracker() as tracker:
        store = tracker.storage
        feed_url = _resolve_feed(store, feed)
        items = store.get_stories(feed_url=feed_url, since=since, limit=rows)
        total = store.count_stories(feed_url=feed_url, since=since) if rows else len(items)
        names = {f.url: f.name for f in store.get_feeds(active_only=False)}
    records = [story_record(s, names.get(s.feed_url)) for s in items]
    _emit(
        records, fmt, keys=STORY_KEYS, title=f"Stories ({len(items):,} of {total:,})",
        total=total, plural="stories",
        columns=[
            Column("id", "id", min_width=4, numeric=True),
            Column("when", "published", min_width=10, max_width=20),
            Column("title", "title", min_width=24),
            Column("feed", "feed", min_width=12, max_width=24, drop=1),
            Column("corroborating", "for", min_width=3, numeric=True),
            Column("contradicting", "against", min_width=3, numeric=True),
            Column("discussing", "disc.", min_width=3, numeric=True),
        ],
        table_rows=lambda r: {
            **r,
            "when": _local(
                datetime.fromisoformat(r["published"]) if r["published"] else None, state.config
            ),
            "feed": r["feed_name"] or r["feed_url"],
        },
    )  # fmt: skip


# --- feeds ------------------------------------------------------------------------------------


@main.group(invoke_without_command=True)
@_format_option
@click.pass_context
@handle_errors
def feeds(ctx: click.Context, fmt: str) -> None:
    """List feeds with their polling state; subcommands add, remove, import, export."""
    from .output import Column

    if ctx.invoked_subcommand is not None:
        return
    state = ctx.find_object(State)
    assert state is not None, "the main group always sets State"
    with state.tracker() as tracker:
        store = tracker.storage
        items = store.get_feeds()
    records = [feed_record(f, state.config.feed_interval(f.interval)) for f in items]
    by_url = {f.url: f for f in items}

    def row(r: dict[str, Any]) -> dict[str, object]:
        f = by_url[r["url"]]
        state_text = "failing" if f.error_count else ("ok" if f.last_success else "new")
        if f.problem and not f.error_count:
            state_text = f"ok, malformed:\n{f.problem}"
        return {
            **r,
            "feed": f"{f.name}\n{f.url}" if f.name else f.url,
            "state": state_text,
            "polled": _local(f.last_polled, state.config),
            "success": _local(f.last_success, state.config),
            "next": _local(f.next_poll, state.config),
            "last_error": f.last_error or "",
        }

    _emit(
        records, fmt, keys=FEED_KEYS, title=f"Feeds ({len(records)})", table_rows=row,
        columns=[
            Column("feed", "feed", min_width=24),
            Column("state", "state", min_width=7, max_width=30),
            Column("polled", "last poll", min_width=10, max_width=20, drop=3),
            Column("success", "last success", min_width=10, max_width=20, drop=4),
            Column("next", "next poll", min_width=10, max_width=20, drop=2),
            Column("error_count", "errors", min_width=6, numeric=True),
            Column("last_error", "last error", min_width=20, drop=1),
        ],
    )  # fmt: skip


@feeds.command("add")
@click.argument("url")
@click.option("--name", help="Display name.")
@click.option("--interval", help="Polling interval such as 30m (default: polling.interval).")
@click.option("--tag", "tags", multiple=True, help="A tag (repeatable).")
@pass_state
@handle_errors
def feeds_add(
    state: State, url: str, name: str | None, interval: str | None, tags: tuple[str, ...]
) -> None:
    """Add a feed to poll (kept in the database; config.yaml feeds are managed there)."""
    feed = _feed_from_cli(url, name, interval, tags, state.config.polling.block_private_addresses)
    with state.tracker() as tracker:
        store = tracker.storage
        added = store.add_feed(feed, source="cli")
    out.print(f"{'added' if added else 'already present'}: {feed.url}", highlight=False)


def _feed_from_cli(
    url: str, name: str | None, interval: str | None, tags: Sequence[str], block_private: bool
) -> FeedConfig:
    from .config import parse_http_url

    try:
        url = parse_http_url(url)
        seconds = parse_duration(interval) if interval else None
    except ValueError as exc:
        raise InputError(str(exc)) from None
    if block_private:
        _refuse_private(url)
    return FeedConfig(url=url, name=name, interval=seconds, tags=tuple(tags))


def _refuse_private(url: str) -> None:
    """With polling.block_private_addresses, refuse feeds on private or loopback hosts."""
    import socket
    from urllib.parse import urlsplit

    from .feeds.fetch import is_public_address

    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        infos = socket.getaddrinfo(host, parts.port or 443, proto=socket.IPPROTO_TCP)
    except OSError as exc:
        raise InputError(f"{url}: cannot resolve {host}: {exc}") from None
    for info in infos:
        address = str(info[4][0])
        if not is_public_address(address):
            raise InputError(
                f"{url}: {host} resolves to {address}, a private or loopback address "
                "(refused because polling.block_private_addresses is on)"
            )


@feeds.command("remove")
@click.argument("feed", metavar="NAME|URL")
@click.option(
    "--purge",
    is_flag=True,
    help="Also delete its stories with their verdicts and reviews (asks first).",
)
@click.option("--yes", is_flag=True, help="Purge without asking.")  # fmt: skip
@pass_state
@handle_errors
def feeds_remove(state: State, feed: str, purge: bool, yes: bool) -> None:
    """Stop polling a feed. Its stories are kept but no longer count in claim statuses;
    --purge deletes them."""
    with state.tracker() as tracker:
        store = tracker.storage
        url = _resolve_feed(store, feed)
        assert url is not None
        if url in {f.url for f in state.config.feeds}:
            raise InputError(
                f"{url} is listed in {state.config.path}: remove it there (the config owns "
                "its feeds), then `tracker feeds remove --purge` it to delete its stories"
            )
        if not purge:
            if not store.remove_feed(url):
                raise InputError(
                    f"{url} is already removed", hint="--purge deletes its stories and verdicts"
                )
            kept = store.feed_contents(url) or FeedContents()
            out.print(
                f"removed: {url} (its {_count(kept.stories, 'story', 'stories')} stay stored but "
                "no longer count in claim statuses; --purge deletes them)",
                highlight=False,
            )
            return
        stored = store.feed_contents(url) or FeedContents()
        what = (
            f"{_count(stored.stories, 'story', 'stories')} and {_count(stored.verdicts, 'verdict')}"
        )
        if not yes:
            click.confirm(f"delete {url} with its {what} (and their reviews)?", abort=True)
        store.purge_feed(url)
    out.print(f"purged: {url}: deleted {what}", highlight=False)


@feeds.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_state
@handle_errors
def feeds_import(state: State, file: Path) -> None:
    """Add the feeds of an OPML file (folders become tags)."""
    from .feeds.opml import read_opml

    items = read_opml(file.read_bytes(), source=str(file))
    with state.tracker() as tracker:
        store = tracker.storage
        added = sum(store.add_feed(f, source="opml") for f in items)
    out.print(f"imported {len(items)} feeds from {file} ({added} new)", highlight=False)


@feeds.command("export")
@pass_state
@handle_errors
def feeds_export(state: State) -> None:
    """Write all active feeds as OPML 2.0 to stdout."""
    from .feeds.opml import write_opml

    with state.tracker() as tracker:
        store = tracker.storage
        items = store.get_feeds()
    configs = [FeedConfig(url=f.url, name=f.name, interval=f.interval, tags=f.tags) for f in items]
    click.echo(write_opml(configs), nl=False)


# --- offline matching -------------------------------------------------------------------------


@main.command()
@click.option("--claims", "claims_file", required=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Claims: YAML (a `claims:` list, or a whole config: its lexicons and "
                   "glossary apply too) or JSON Lines.")  # fmt: skip
@click.option("--stories", "stories_file", required=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Stories: JSON Lines with id, title, summary or body.")  # fmt: skip
@click.option("--now", type=MOMENT, help="Judge time-bound claims as of this date.")
@click.option(
    "--lexical",
    is_flag=True,
    help="Lexical path only: no sentence encoder, even where one is installed.",
)
@handle_errors
def match(claims_file: Path, stories_file: Path, now: datetime | None, lexical: bool) -> None:
    """Match stories against claims offline (no database); one JSON line per related pair.

    The stories are one stream: what they all share (their subject) counts for nothing.
    """
    from .embedding import load_encoder
    from .engine.batch import match_batch
    from .inputs import iter_stories_file, read_match_file

    claims = read_match_file(claims_file)
    claim_list = claims.claims
    choice = load_encoder(enabled=not lexical)
    write = sys.stdout.write
    pairs = 0
    stories_seen: set[str] = set()
    for story_id, v in match_batch(
        claim_list,
        lambda: iter_stories_file(stories_file),
        lexicons=claims.lexicons,
        glossary=claims.glossary,
        encoder=choice.encoder,
        now=now,
    ):
        pairs += 1
        stories_seen.add(story_id)
        write(
            json.dumps(
                {
                    "claim_id": v.claim_id,
                    "story_id": story_id,
                    "stance": v.stance.value,
                    "score": round(v.score, 4),
                    "evidence": v.evidence,
                    "reasons": list(v.reasons),
                },
                ensure_ascii=False,
            )
            + "\n"
        )
    err.print(
        f"matched {stories_file} against {len(claim_list)} claims: {pairs} related pairs"
        f" ({choice.why})",
        highlight=False,
    )


# --- helpers ----------------------------------------------------------------------------------


class _progress:
    """A progress bar on stderr when it is a terminal; silent otherwise."""

    def __init__(self, total: int, label: str) -> None:
        self.total = total
        self.label = label
        self.bar: Progress | None = None

    def __enter__(self) -> Callable[[], None]:
        if not err.is_terminal or self.total < 2:
            return lambda: None
        self.bar = Progress(
            TextColumn(self.label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=err, transient=True,
        )  # fmt: skip
        self.bar.start()
        task = self.bar.add_task(self.label, total=self.total)
        bar = self.bar
        return lambda: bar.advance(task)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


# --- review, rescore, digest, status ----------------------------------------------------------


def _print_verdict(e: Evidence, position: str = "") -> None:
    counter = f"[{position}] " if position else ""
    out.print(
        f"{counter}[bold]#{e.verdict_id}[/] {e.claim_id}: [bold]{e.stance.value}[/] "
        f"({e.score:.2f})",
        highlight=False,
    )
    out.print(f"  {_escape(e.story_title)} - {_escape(e.feed_name or e.feed_url)}", highlight=False)
    out.print(f"  evidence: {_escape(e.evidence)}", highlight=False)
    if e.reasons:
        out.print(f"  why: {_escape('; '.join(e.reasons))}", highlight=False)
    if e.story_url:
        out.print(f"  {_escape(e.story_url)}", highlight=False)


def review_summary(decisions: Sequence[ReviewDecision], total: int) -> str:
    """'reviewed 3 of 11: 2 confirmed, 1 rejected; 8 left' (pure, for the end of a session)."""
    tally = ", ".join(
        f"{n} {d.value}" for d in ReviewDecision if (n := sum(1 for x in decisions if x is d))
    )
    left = total - len(decisions)
    return (
        f"reviewed {len(decisions)} of {total}"
        + (f": {tally}" if tally else "")
        + (f"; {left} left" if left else "")
    )


@main.group(invoke_without_command=True)
@click.option("--claim", "claim_id", metavar="ID", help="Only this claim.")
@click.option("--all", "show_all", is_flag=True, help="Include discussing verdicts.")
@click.option("--list", "list_only", is_flag=True, help="Only list; do not ask.")
@_format_option
@click.pass_context
@handle_errors
def review(
    ctx: click.Context, claim_id: str | None, show_all: bool, list_only: bool, fmt: str
) -> None:
    """Review decisive verdicts not yet reviewed: confirm, reject or relabel each.

    Interactive on a terminal ("3 of 11", each decision echoed, a summary at the end;
    every decision is saved as it is made, so Ctrl-C loses none). `--list` (or not a
    terminal) only lists them, in any --format. `tracker review set` does one without
    asking.
    """
    if ctx.invoked_subcommand is not None:
        return
    state = ctx.find_object(State)
    assert state is not None, "the main group always sets State"
    with state.tracker() as tracker:
        store = tracker.storage
        pending = [
            e
            for e in store.get_evidence(
                claim_id=claim_id, unreviewed_only=True, include_removed=False
            )
            if show_all or e.stance.decisive
        ]
        interactive = sys.stdin.isatty() and not list_only and fmt == "table"
        if not interactive:
            if fmt != "table":
                _emit([evidence_record(e) for e in pending], fmt, keys=EVIDENCE_KEYS, columns=[])
                return
            for n, e in enumerate(pending, 1):
                _print_verdict(e, f"{n} of {len(pending)}")
            out.print(
                f"{_count(len(pending), 'verdict')} to review" if pending else "nothing to review",
                highlight=False,
            )
            return
        if not pending:
            out.print("nothing to review")
            return
        _review_session(store, pending)


def _review_session(store: Storage, pending: Sequence[Evidence]) -> None:
    """Ask about each verdict; every answer is stored at once, so an interruption keeps it."""
    decisions: list[ReviewDecision] = []
    total = len(pending)
    try:
        for n, e in enumerate(pending, 1):
            _print_verdict(e, f"{n} of {total}")
            answer = click.prompt(
                "  [c]onfirm, [r]eject, relabel as c[o]rroborates/con[t]radicts/[d]iscusses, "
                "[s]kip, [q]uit",
                type=click.Choice(["c", "r", "o", "t", "d", "s", "q"]),
                show_choices=False,
            )
            if answer == "q":
                break
            if answer == "s":
                out.print("  skipped", highlight=False)
                continue
            note = click.prompt("  note", default="", show_default=False)
            decision, stance = review_decision(e.engine_stance, answer)
            saved = store.set_review(e.verdict_id, decision, stance=stance, note=note)
            decisions.append(decision)
            out.print(f"  {_review_echo(saved, decision)}", highlight=False)
    except (click.Abort, KeyboardInterrupt, EOFError):
        err.print(
            f"\ninterrupted: {_count(len(decisions), 'decision')} saved "
            f"(each is saved as it is made); {review_summary(decisions, total)}",
            highlight=False,
        )
        sys.exit(130)
    out.print(review_summary(decisions, total), highlight=False)


_STANCE_KEYS = {Stance.CORROBORATES: "o", Stance.CONTRADICTS: "t", Stance.DISCUSSES: "d"}


def review_decision(engine_stance: Stance, answer: str) -> tuple[ReviewDecision, Stance | None]:
    """An analyst's answer (c, r, o, t, d) on a verdict the engine gave `engine_stance`:
    the decision to record and the relabelled stance. Relabelling as the engine's own
    stance is a confirmation (it would otherwise be recorded as a change that is none)."""
    relabel = {key: stance for stance, key in _STANCE_KEYS.items()}
    if answer in relabel and relabel[answer] is not engine_stance:
        return ReviewDecision.RELABELLED, relabel[answer]
    if answer == "r":
        return ReviewDecision.REJECTED, None
    return ReviewDecision.CONFIRMED, None


def _review_echo(e: Evidence, decision: ReviewDecision) -> str:
    """'verdict #12 (chips-50k): relabelled, counts as discusses (the engine said contradicts)'."""
    if decision is ReviewDecision.REJECTED:
        effect = "no longer counts"
    elif decision is ReviewDecision.RELABELLED:
        effect = f"counts as {e.stance.value} (the engine said {e.engine_stance.value})"
    else:
        effect = f"counts as {e.stance.value}"
    return f"verdict #{e.verdict_id} ({e.claim_id}): {decision.value}, {effect}"


@review.command("set")
@click.argument("verdict_id", type=int)
@click.option("--stance", type=click.Choice([s.value for s in Stance]), help="Relabel as this.")
@click.option("--confirm", is_flag=True, help="The verdict is right.")
@click.option("--reject", is_flag=True, help="The verdict is wrong.")
@click.option("--note", default="", help="Why (kept with the decision).")
@pass_state
@handle_errors
def review_set(
    state: State, verdict_id: int, stance: str | None, confirm: bool, reject: bool, note: str
) -> None:
    """Record a decision on one verdict without asking.

    Relabelling a verdict as the stance the engine gave it is a confirmation.
    """
    chosen = [name for name, on in (("--confirm", confirm), ("--reject", reject),
                                    ("--stance", stance is not None)) if on]  # fmt: skip
    if len(chosen) > 1:
        raise InputError(
            f"give one of --confirm, --reject or --stance S, not {' and '.join(chosen)}"
        )
    if not chosen:
        raise InputError("give --confirm, --reject or --stance S")
    with state.tracker() as tracker:
        store = tracker.storage
        found = store.get_evidence(verdict_ids=[verdict_id])
        if not found:
            raise InputError(
                f"no verdict #{verdict_id}", hint="`tracker evidence` lists verdicts with their ids"
            )
        answer = "r" if reject else ("c" if confirm else _STANCE_KEYS[Stance(str(stance))])
        decision, relabel = review_decision(found[0].engine_stance, answer)
        e = store.set_review(verdict_id, decision, stance=relabel, note=note)
    out.print(_review_echo(e, decision), highlight=False)


@main.command()
@click.option("--claim", "claim_ids", multiple=True, metavar="ID", help="Only this claim.")
@click.option("--no-embed", is_flag=True,
              help="Do not embed the stories awaiting vectors first: they are matched on "
                   "the lexical path.")  # fmt: skip
@pass_state
@handle_errors
def rescore(state: State, claim_ids: tuple[str, ...], no_embed: bool) -> None:
    """Bring every stored verdict up to date (all claims, or --claim ID).

    Embeds the stories still awaiting vectors (unless --no-embed), builds the stream
    profile again from the stored stories, then matches every stored story against
    it: on the semantic path with its stored vectors (never embedding a story twice),
    on the lexical path without.
    """
    known = {c.id: c for c in state.config.claims}
    for cid in claim_ids:
        if cid not in known:
            raise InputError(f"no claim {cid!r} in {state.config.path}")
    # Each claim once (`--claim a --claim a` is one claim: its verdicts written twice
    # in one batch would break their unique key).
    chosen = [known[c] for c in dict.fromkeys(claim_ids)] or list(state.config.claims)
    with state.tracker() as tracker:
        store = tracker.storage
        store.sync_claims(state.config.claims)
        report = None if no_embed else _embed_all(tracker, rescore_follows=True)
        if report is not None and report.calibration_left:
            # The profile's first measure: every claim's verdicts are rescored, in one pass.
            chosen = list(state.config.claims)
        with _progress(store.count_stories(), "rescoring") as advance:
            stories_done, written = tracker.rescore(chosen, on_story=advance)
        awaiting = _awaiting_vectors(tracker)
        label = tracker.stream.record.label
    out.print(
        f"rescored {stories_done} stories against {len(chosen)} claims: {written} verdicts changed",
        highlight=False,
    )
    lexical = f"; {_count(awaiting, 'story', 'stories')} awaiting vectors, matched on the " \
        "lexical path (`tracker embed`)" if awaiting else ""  # fmt: skip
    err.print(f"{tracker.encoder_choice.why}; against {label}{lexical}", highlight=False)


def _awaiting_vectors(tracker: Tracker) -> int:
    name = tracker.encoder_name
    return tracker.storage.count_awaiting_vectors(name) if name is not None else 0


def _embed_all(
    tracker: Tracker,
    *,
    limit: int | None = None,
    retry_failed: bool = False,
    rescore_follows: bool = False,
) -> EmbedReport | None:
    """The embedding job to the end (or `limit` stories), with a progress bar; None
    without an encoder. `rescore_follows`: as `Tracker.embed`'s."""
    if tracker.encoder is None:
        return None
    name = tracker.encoder_name
    assert name is not None
    total = tracker.storage.count_awaiting_vectors(name)
    if retry_failed:
        total += tracker.storage.count_failed_vectors(name)
    if limit is not None:
        total = min(total, limit)
    if not total:
        return None
    with _progress(total, "embedding") as advance:

        def stories(n: int) -> None:
            for _ in range(n):
                advance()

        return tracker.embed(
            limit=limit,
            seconds=None,
            retry_failed=retry_failed,
            on_stories=stories,
            rescore_follows=rescore_follows,
        )


@main.command()
@click.option("--limit", type=click.IntRange(min=1), default=None, metavar="N",
              help="Embed at most N stories (the newest).")  # fmt: skip
@click.option("--retry-failed", is_flag=True,
              help="Try again the stories whose embedding failed before.")  # fmt: skip
@pass_state
@handle_errors
def embed(state: State, limit: int | None, retry_failed: bool) -> None:
    """Embed the stories awaiting vectors now (newest first) and rewrite their verdicts
    on the semantic path: what the daemon does after each poll cycle, to the end."""
    with state.tracker() as tracker:
        if tracker.encoder is None:
            err.print(f"nothing to embed: {tracker.encoder_choice.why}", highlight=False)
            return
        tracker.sync()
        report = _embed_all(tracker, limit=limit, retry_failed=retry_failed)
        remaining = _awaiting_vectors(tracker)
    if report is None:
        out.print(f"no stories awaiting vectors ({tracker.encoder_choice.why})", highlight=False)
        return
    failed = f", {report.failed} failed" if report.failed else ""
    out.print(
        f"embedded {_count(report.embedded, 'story', 'stories')}{failed}: "
        f"{_count(report.verdicts, 'verdict')} written on the semantic path; "
        f"{_count(remaining, 'story', 'stories')} still awaiting vectors",
        highlight=False,
    )
    if report.failed:
        err.print(
            "hint: the log says why each failed; `tracker embed --retry-failed` tries them again",
            highlight=False,
        )


@main.command()
@click.option("--preview", "preview_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write digest.html, digest.txt and digest.eml here; send nothing.")  # fmt: skip
@click.option("--send", is_flag=True, help="Send the digest now.")
@click.option("--date", "day", type=DAY, help="The digest's day (default today).")
@click.option("--force", is_flag=True, help="Send even if that day's digest was already sent.")
@pass_state
@handle_errors
def digest(
    state: State, preview_dir: Path | None, send: bool, day: date | None, force: bool
) -> None:
    """Preview or send the daily digest email (of today, or of --date)."""
    from .digest.delivery import deliver_digest, local_day, preview_digest

    if bool(preview_dir) == send:
        raise InputError("give exactly one of --preview DIR or --send")
    now = state.clock()
    if day is not None and day > local_day(state.config.digest, now):
        raise click.BadParameter(
            f"{day} is in the future (today is {local_day(state.config.digest, now)} in "
            f"{state.config.digest.timezone})",
            param_hint="'--date'",
        )
    if preview_dir is not None and force:
        raise InputError("--force is for --send: a preview sends nothing")
    with state.tracker() as tracker:
        store = tracker.storage
        if preview_dir is not None:
            try:
                paths = preview_digest(store, state.config, preview_dir, now, day=day)
            except OSError as exc:
                raise InputError(
                    f"cannot write the preview into {preview_dir}: "
                    f"{_os_error_text(exc).split(': ', 1)[-1]}",
                    hint="give a folder this user may create or write to",
                ) from None
            for path in paths:
                out.print(f"wrote {path}", highlight=False)
            return
        if not state.config.digest.enabled:
            raise ConfigError(f"{state.config.path}: digest.to: no recipients configured")
        result = deliver_digest(store, state.config, now, day=day, force=force)
    out.print(str(result), highlight=False)


@main.command()
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
    help="table for people; json (the same facts) for programs and monitoring.",
)  # fmt: skip
@pass_state
@handle_errors
def status(state: State, fmt: str) -> None:
    """Daemons and the feeds they hold, feed health, recent digests, claims to rescore.

    Exits 1 when the deployment is unhealthy: no successful poll within three
    polling intervals, every feed failing, or a digest overdue.
    """
    from .health import assess_health

    with state.tracker() as tracker:
        store = tracker.storage
        now = tracker.clock()
        daemons = store.get_daemons()
        feed_states = store.get_feeds()
        digests = store.list_digests(limit=7)
        stale = store.stale_claims(state.config.claims)
        last_sent = store.last_sent_digest()
        new_evidence = store.count_evidence(
            logged_since=last_sent.window_end if last_sent else None
        )
        stream = stream_status(store)
    health = assess_health(
        state.config,
        now,
        feeds=feed_states,
        daemons=daemons,
        digests=digests,
        new_evidence=new_evidence,
    )
    failing = [f for f in feed_states if f.error_count]
    if fmt == "json":
        data = {
            "healthy": health.healthy,
            "problems": list(health.problems),
            "checked_at": _iso(now),
            "database": store.describe(),
            "last_success": _iso(health.last_success),
            "daemons": [
                {
                    "id": d.id,
                    "host": d.host,
                    "pid": d.pid,
                    "started_at": _iso(d.started_at),
                    "heartbeat_at": _iso(d.heartbeat_at),
                    "feeds": list(d.feeds),
                }
                for d in daemons
            ],
            "feeds": {
                "active": len(feed_states),
                "failing": [
                    {
                        "url": f.url,
                        "error_count": f.error_count,
                        "last_error": f.last_error,
                        "failing_since": _iso(f.failing_since),
                    }
                    for f in failing
                ],
            },
            "digests": [
                {
                    "day": d.day.isoformat(),
                    "state": d.state.value,
                    "attempts": d.attempts,
                    "last_error": d.last_error,
                    "sent_at": _iso(d.sent_at),
                }
                for d in digests
            ],
            "claims_to_rescore": list(stale),
            "stream": _stream_record(stream),
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        if not health.healthy:
            sys.exit(1)
        return
    out.print(f"database: {store.describe()}", highlight=False)
    table = Table(title=f"Daemons ({len(daemons)})")
    for col in ("daemon", "host", "pid", "started", "last heartbeat", "feeds held"):
        table.add_column(col, overflow="fold")
    for daemon in daemons:
        table.add_row(
            daemon.id,
            daemon.host,
            str(daemon.pid),
            _short(daemon.started_at),
            _short(daemon.heartbeat_at),
            "\n".join(daemon.feeds) or "-",
        )
    out.print(table)
    out.print(
        f"feeds: {len(feed_states)} active, {len(failing)} failing; "
        f"last successful poll: {_short(health.last_success)}",
        highlight=False,
    )
    for f in failing:
        out.print(f"  {f.url}: {f.error_count} errors, last: {f.last_error}", highlight=False)
    if digests:
        out.print("digests:")
        for d in digests:
            extra = f" ({d.attempts} attempts, last error: {d.last_error})" if d.last_error else ""
            out.print(f"  {d.day}: {d.state.value}{extra}", highlight=False)
    if stale:
        out.print(f"claims changed since scored (run `tracker rescore`): {', '.join(stale)}")
    for line in _stream_lines(stream):
        out.print(line, highlight=False)
    if health.healthy:
        out.print("[green]healthy[/]")
        return
    for problem in health.problems:
        err.print(f"[bold red]unhealthy:[/] {_escape(problem)}", highlight=False)
    sys.exit(1)


def _stream_record(stream: StreamStatus) -> dict[str, Any]:
    """`tracker status --format json`'s "stream": the profile in use and the verdicts'
    bases (`profiles.stream_status`)."""
    p = stream.profile
    return {
        "profile": None
        if p is None
        else {
            "label": p.label,
            "digest": p.digest,
            "built_at": _iso(p.built_at),
            "stories": p.stories,
            "stories_with_vectors": p.vectors,
            "newest_story_id": p.newest_story_id,
            "encoder": p.encoder,
            "reason": p.reason,
        },
        "verdicts_current": stream.verdicts.current,
        "verdicts_older_profile": stream.verdicts.older_profile,
        "verdicts_lexical_awaiting_vectors": stream.verdicts.lexical,
        "stories_awaiting_vectors": stream.awaiting_vectors,
        "stories_failed_vectors": stream.failed_vectors,
    }


def _stream_lines(stream: StreamStatus) -> list[str]:
    """What `tracker status` says of the stream profile and of verdicts to bring up to date."""
    p = stream.profile
    if p is None:
        return ["stream profile: none built yet (the daemon or `tracker poll` builds it)"]
    path = f"semantic path with {p.encoder}" if p.encoder else "lexical path only"
    vectors = f", {p.vectors:,} with vectors" if p.encoder else ""
    lines = [f"stream profile: {p.label}{vectors}, built {_short(p.built_at)}; {path}"]
    v = stream.verdicts
    if v.stale:
        parts = []
        if v.older_profile:
            parts.append(f"{_count(v.older_profile, 'verdict')} computed against an older profile")
        if v.lexical:
            parts.append(f"{_count(v.lexical, 'verdict')} on the lexical path awaiting vectors")
        lines.append(
            f"verdicts not up to date: {' and '.join(parts)} (of {v.current + v.stale:,}): "
            "`tracker rescore` brings them up to date"
        )
    if stream.awaiting_vectors:
        lines.append(
            f"{_count(stream.awaiting_vectors, 'story', 'stories')} awaiting vectors: the "
            "daemon embeds them after each poll cycle (`tracker embed` does it now)"
        )
    if stream.failed_vectors:
        lines.append(
            f"{_count(stream.failed_vectors, 'story', 'stories')} could not be embedded: "
            "`tracker embed --retry-failed` tries them again"
        )
    return lines


# --- the web dashboard ------------------------------------------------------------------------


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every interface).")  # fmt: skip
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--review", is_flag=True,
              help="Analysts sign in with $TRACKER_WEB_TOKEN and review verdicts.")  # fmt: skip
@pass_state
@handle_errors
def web(state: State, host: str, port: int, review: bool) -> None:
    """Serve the dashboard: claims, evidence, feeds, story search, and JSON under /api."""
    import os

    from .web.app import create_app, serve
    from .web.auth import review_token_from_env

    token = review_token_from_env(os.environ) if review else None
    with state.tracker() as tracker:
        app = create_app(tracker.config, tracker.storage, review_token=token, clock=tracker.clock)
        logging.getLogger().setLevel(min(logging.getLogger().level, logging.INFO))
        err.print(
            f"serving {tracker.storage.describe()} on http://{host}:{port}/"
            + (" (review enabled)" if token else " (read-only)"),
            highlight=False,
        )
        serve(app, host=host, port=port)
