"""The command line: the only place that prints and chooses exit codes.

Exit codes: 0 ok, 1 failure (a feed, the database, the mail server), 2 usage or
configuration error. TrackerError is turned into one line (and a hint); any
other exception is a bug and keeps its traceback.
"""

from __future__ import annotations

import csv
import json
import logging
import sys
from collections.abc import Callable, Iterable, Sequence
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
from .config import Config, load_config, parse_duration
from .errors import ConfigError, InputError, TrackerError
from .storage import Storage, open_storage
from .types import Evidence, FeedConfig, ReviewDecision, Stance

F = TypeVar("F", bound=Callable[..., Any])

EVIDENCE_KEYS = (
    "verdict_id", "claim_id", "stance", "engine_stance", "score", "evidence", "reasons",
    "story_title", "story_url", "feed_url", "feed_name", "published", "logged_at", "copies",
    "engine_version", "review_decision", "review_note",
)  # fmt: skip

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


@dataclass
class State:
    config_path: str | None
    verbose: int
    _config: Config | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(self.config_path)
        return self._config

    def storage(self, *, check: bool = True) -> Storage:
        store = open_storage(self.config.database_url, pool_size=self.config.daemon.pool_size)
        if check:
            store.check_schema()
        return store


def handle_errors(func: F) -> F:
    """Turn our errors into a message and exit code; let bugs keep their traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (ConfigError, InputError) as exc:
            _fail(exc, 2)
        except TrackerError as exc:
            _fail(exc, 1)

    return wrapper  # type: ignore[return-value]


def _fail(exc: TrackerError, code: int) -> None:
    err.print(f"[bold red]error:[/] {exc.message}", highlight=False, markup=True)
    if exc.hint:
        err.print(f"hint: {exc.hint}", highlight=False)
    sys.exit(code)


def _setup_logging(verbose: int) -> None:
    level = logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING
    logging.basicConfig(
        level=level,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)
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
@click.version_option(__version__, prog_name="tracker")
@click.pass_context
def main(ctx: click.Context, config_path: str | None, verbose: int) -> None:
    """Claim Tracker: follow claims through the news, day by day."""
    _setup_logging(verbose)
    ctx.obj = State(config_path=config_path, verbose=verbose)


pass_state = click.make_pass_decorator(State)


# --- set-up -----------------------------------------------------------------------------------


@main.command()
@pass_state
@handle_errors
def init(state: State) -> None:
    """Create or upgrade the database schema (idempotent), and store claims and feeds."""
    store = state.storage(check=False)
    try:
        before, head = store.upgrade()
        store.sync_claims(state.config.claims)
        store.sync_feeds(state.config.feeds)
        if before == head:
            out.print(f"database {store.describe()} is up to date (schema {head})")
        else:
            out.print(f"database {store.describe()} upgraded from {before or 'empty'} to {head}")
    finally:
        store.close()


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
    return f"{n:,} {noun if n == 1 else (plural or noun + 's')}"


# --- polling ----------------------------------------------------------------------------------


@main.command()
@click.option("--once", is_flag=True, help="Run one cycle over the due feeds (the default).")
@click.option("--all", "all_feeds", is_flag=True, help="Poll every feed, ignoring schedules.")
@pass_state
@handle_errors
def poll(state: State, once: bool, all_feeds: bool) -> None:
    """Poll feeds once: fetch, store new stories, match them against the claims."""
    from .pipeline import Poller, rescore_changed_claims

    store = state.storage()
    try:
        rescore_changed_claims(store, state.config)
        store.sync_feeds(state.config.feeds)
        poller = Poller.create(state.config, store)
        try:
            feeds = store.get_feeds() if all_feeds else store.get_due_feeds(datetime.now(UTC))
            with _progress(len(feeds), "polling") as advance:
                results = poller.run_cycle(feeds=feeds, on_result=lambda _: advance())
        finally:
            poller.close()
    finally:
        store.close()
    failed = [r for r in results if not r.ok]
    new = sum(r.new_stories for r in results)
    verdicts = sum(r.verdicts for r in results)
    out.print(
        f"polled {len(results)} feeds: {new} new stories, {verdicts} verdicts, "
        f"{len(failed)} failed",
        highlight=False,
    )
    for r in failed:
        err.print(f"feed {r.feed_url}: {r.error}", highlight=False, markup=False)
    if results and len(failed) == len(results):
        sys.exit(1)


@main.command()
@pass_state
@handle_errors
def run(state: State) -> None:
    """Run the daemon: poll on schedule, send the daily digest. SIGTERM/SIGINT stop it."""
    from .app import open_tracker
    from .daemon import Daemon

    if state.verbose == 0:
        logging.getLogger().setLevel(logging.INFO)
    with open_tracker(state.config) as tracker:
        Daemon(tracker).run()


# --- reading results --------------------------------------------------------------------------


def _format_option(*choices: str) -> Callable[[F], F]:
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default=choices[0], show_default=True,
        help="Output format.",
    )  # fmt: skip


@main.command()
@_format_option("table", "json")
@pass_state
@handle_errors
def claims(state: State, fmt: str) -> None:
    """Each claim with its status and counts of independent sources per stance."""
    store = state.storage()
    try:
        summaries = store.get_claim_summaries(state.config.claims)
    finally:
        store.close()
    if fmt == "json":
        data = [
            {
                "id": s.claim.id,
                "text": s.claim.text,
                "status": s.status.value,
                "corroborating": s.counts.get(Stance.CORROBORATES, 0),
                "contradicting": s.counts.get(Stance.CONTRADICTS, 0),
                "discussing": s.counts.get(Stance.DISCUSSES, 0),
                "copies": {k.value: v for k, v in s.copies.items()},
                "explanation": s.explanation,
            }
            for s in summaries
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    table = Table(title="Claims", show_lines=False)
    for col in ("claim", "status", "corr.", "contr.", "disc.", "why"):
        table.add_column(col, overflow="fold")
    styles = {"corroborated": "green", "contradicted": "red", "disputed": "yellow"}
    for s in summaries:
        table.add_row(
            f"[bold]{s.claim.id}[/]\n{_escape(s.claim.text)}",
            f"[{styles.get(s.status.value, 'dim')}]{s.status.value}[/]",
            str(s.counts.get(Stance.CORROBORATES, 0)),
            str(s.counts.get(Stance.CONTRADICTS, 0)),
            str(s.counts.get(Stance.DISCUSSES, 0)),
            _escape(s.explanation),
        )
    out.print(table)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def evidence_record(e: Evidence) -> dict[str, Any]:
    """One verdict as a flat record (jsonl, csv, export)."""
    return {
        "verdict_id": e.verdict_id,
        "claim_id": e.claim_id,
        "stance": e.stance.value,
        "engine_stance": e.engine_stance.value,
        "score": round(e.score, 4),
        "evidence": e.evidence,
        "reasons": list(e.reasons),
        "story_title": e.story_title,
        "story_url": e.story_url,
        "feed_url": e.feed_url,
        "feed_name": e.feed_name,
        "published": _iso(e.published),
        "logged_at": _iso(e.logged_at),
        "copies": e.copies,
        "engine_version": e.engine_version,
        "review_decision": e.review.decision.value if e.review else None,
        "review_note": e.review.note if e.review else None,
    }


def _write_records(records: Iterable[dict[str, Any]], fmt: str, stream: Any) -> None:
    if fmt == "jsonl":
        for r in records:
            stream.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    writer = csv.DictWriter(stream, fieldnames=list(EVIDENCE_KEYS))
    writer.writeheader()
    for r in records:
        writer.writerow({**r, "reasons": "; ".join(r["reasons"])})


@main.command()
@click.option("--claim", "claim_id", metavar="ID", help="Only this claim.")
@click.option("--stance", type=click.Choice([s.value for s in Stance]), help="Only this stance.")
@click.option("--limit", type=int, default=None, help="At most this many, newest first.")
@_format_option("table", "jsonl", "csv")
@pass_state
@handle_errors
def evidence(
    state: State, claim_id: str | None, stance: str | None, limit: int | None, fmt: str
) -> None:
    """Each logged verdict: stance, score, evidence sentence, story, source and why."""
    if claim_id is not None and claim_id not in {c.id for c in state.config.claims}:
        raise InputError(f"no claim {claim_id!r} in {state.config.path}")
    store = state.storage()
    try:
        items = store.get_evidence(
            claim_id=claim_id, stance=Stance(stance) if stance else None, limit=limit
        )
    finally:
        store.close()
    if fmt != "table":
        _write_records((evidence_record(e) for e in items), fmt, sys.stdout)
        return
    table = Table(title=f"Evidence ({len(items)})", show_lines=True)
    for col in ("id", "claim", "stance", "score", "evidence / story", "why"):
        table.add_column(col, overflow="fold")
    for e in items:
        story = f"[bold]{_escape(e.story_title)}[/]\n{_escape(e.feed_name or e.feed_url)}"
        if e.copies > 1:
            story += f" (+{e.copies - 1} syndicated copies)"
        reviewed = f"\nreviewed: {e.review.decision.value}" if e.review else ""
        table.add_row(
            str(e.verdict_id),
            e.claim_id,
            e.stance.value + reviewed,
            f"{e.score:.2f}",
            f"{_escape(e.evidence)}\n{story}",
            _escape("; ".join(e.reasons)),
        )
    out.print(table)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), required=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of stdout.")  # fmt: skip
@pass_state
@handle_errors
def export(state: State, fmt: str, output: Path | None) -> None:
    """Export every verdict as CSV or JSON Lines."""
    store = state.storage()
    try:
        records = [evidence_record(e) for e in store.get_evidence()]
    finally:
        store.close()
    if output is None:
        _write_records(records, fmt, sys.stdout)
    else:
        with output.open("w", encoding="utf-8", newline="") as stream:
            _write_records(records, fmt, stream)
        err.print(f"wrote {len(records)} verdicts to {output}", highlight=False)


def _parse_since(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("expected a date YYYY-MM-DD or an ISO date-time") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@main.command()
@click.option("--feed", "feed_url", metavar="URL", help="Only stories of this feed.")
@click.option("--since", metavar="DATE", help="Only stories published since (YYYY-MM-DD).")
@click.option("--limit", type=int, default=None, help="At most this many, newest first.")
@_format_option("table", "jsonl")
@pass_state
@handle_errors
def stories(
    state: State, feed_url: str | None, since: str | None, limit: int | None, fmt: str
) -> None:
    """Stored stories with their verdict counts."""
    store = state.storage()
    try:
        items = store.get_stories(feed_url=feed_url, since=_parse_since(since), limit=limit)
    finally:
        store.close()
    if fmt == "jsonl":
        for s in items:
            record = {
                "id": s.id,
                "title": s.story.title,
                "url": s.story.link,
                "feed_url": s.feed_url,
                "published": _iso(s.story.published),
                "first_seen": _iso(s.first_seen),
                "lang": s.story.lang,
                "cluster_id": s.cluster_id,
                "corroborating": s.verdicts.get(Stance.CORROBORATES, 0),
                "contradicting": s.verdicts.get(Stance.CONTRADICTS, 0),
                "discussing": s.verdicts.get(Stance.DISCUSSES, 0),
            }
            click.echo(json.dumps(record, ensure_ascii=False))
        return
    table = Table(title=f"Stories ({len(items)})")
    for col in ("id", "published", "title", "feed", "corr.", "contr.", "disc."):
        table.add_column(col, overflow="fold")
    for s in items:
        table.add_row(
            str(s.id),
            s.story.published.strftime("%Y-%m-%d %H:%M") if s.story.published else "",
            _escape(s.story.title),
            _escape(s.feed_url),
            str(s.verdicts.get(Stance.CORROBORATES, 0)),
            str(s.verdicts.get(Stance.CONTRADICTS, 0)),
            str(s.verdicts.get(Stance.DISCUSSES, 0)),
        )
    out.print(table)


# --- feeds ------------------------------------------------------------------------------------


@main.group(invoke_without_command=True)
@_format_option("table", "json")
@click.pass_context
@handle_errors
def feeds(ctx: click.Context, fmt: str) -> None:
    """List feeds with their polling state; subcommands add, remove, import, export."""
    if ctx.invoked_subcommand is not None:
        return
    state = ctx.find_object(State)
    assert state is not None, "the main group always sets State"
    store = state.storage()
    try:
        items = store.get_feeds()
    finally:
        store.close()
    if fmt == "json":
        data = [
            {
                "url": f.url,
                "name": f.name,
                "source": f.source,
                "interval": state.config.feed_interval(f.interval),
                "tags": list(f.tags),
                "last_polled": _iso(f.last_polled),
                "last_success": _iso(f.last_success),
                "next_poll": _iso(f.next_poll),
                "error_count": f.error_count,
                "last_error": f.last_error,
                "failing_since": _iso(f.failing_since),
                "problem": f.problem,
            }
            for f in items
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"Feeds ({len(items)})")
    for col in ("feed", "state", "last poll", "last success", "next poll", "errors", "last error"):
        table.add_column(col, overflow="fold")
    for f in items:
        status = "[red]failing[/]" if f.error_count else ("ok" if f.last_success else "new")
        if f.problem and not f.error_count:
            status = f"[yellow]ok, malformed[/]\n{_escape(f.problem)}"
        table.add_row(
            f"{_escape(f.name or '')}\n{_escape(f.url)}",
            status,
            _short(f.last_polled),
            _short(f.last_success),
            _short(f.next_poll),
            str(f.error_count),
            _escape(f.last_error or ""),
        )
    out.print(table)


def _short(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "-"


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
    store = state.storage()
    try:
        added = store.add_feed(feed, source="cli")
    finally:
        store.close()
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
@click.argument("url")
@pass_state
@handle_errors
def feeds_remove(state: State, url: str) -> None:
    """Stop polling a feed (its stories and verdicts are kept)."""
    if url in {f.url for f in state.config.feeds}:
        raise InputError(
            f"{url} is listed in {state.config.path}: remove it there (the config owns its feeds)"
        )
    store = state.storage()
    try:
        removed = store.remove_feed(url)
    finally:
        store.close()
    if not removed:
        raise InputError(f"no active feed {url}")
    out.print(f"removed: {url}", highlight=False)


@feeds.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_state
@handle_errors
def feeds_import(state: State, file: Path) -> None:
    """Add the feeds of an OPML file (folders become tags)."""
    from .feeds.opml import read_opml

    items = read_opml(file.read_bytes(), source=str(file))
    store = state.storage()
    try:
        added = sum(store.add_feed(f, source="opml") for f in items)
    finally:
        store.close()
    out.print(f"imported {len(items)} feeds from {file} ({added} new)", highlight=False)


@feeds.command("export")
@pass_state
@handle_errors
def feeds_export(state: State) -> None:
    """Write all active feeds as OPML 2.0 to stdout."""
    from .feeds.opml import write_opml

    store = state.storage()
    try:
        items = store.get_feeds()
    finally:
        store.close()
    configs = [FeedConfig(url=f.url, name=f.name, interval=f.interval, tags=f.tags) for f in items]
    click.echo(write_opml(configs), nl=False)


# --- offline matching -------------------------------------------------------------------------


@main.command()
@click.option("--claims", "claims_file", required=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Claims: YAML (a `claims:` list) or JSON Lines.")  # fmt: skip
@click.option("--stories", "stories_file", required=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Stories: JSON Lines with id, title, summary or body.")  # fmt: skip
@click.option("--now", "now_text", metavar="DATE", help="Judge time-bound claims as of this date.")
@click.option(
    "--lexical",
    is_flag=True,
    help="Lexical path only: no sentence encoder, even where one is installed.",
)
@handle_errors
def match(claims_file: Path, stories_file: Path, now_text: str | None, lexical: bool) -> None:
    """Match stories against claims offline (no database); one JSON line per related pair.

    The stories are one stream: what they all share (their subject) counts for nothing.
    """
    from .embedding import load_encoder
    from .engine.batch import match_batch
    from .inputs import iter_stories_file, read_claims_file

    claim_list = read_claims_file(claims_file)
    choice = load_encoder(enabled=not lexical)
    now = _parse_since(now_text)
    write = sys.stdout.write
    pairs = 0
    stories_seen: set[str] = set()
    for story_id, v in match_batch(
        claim_list, lambda: iter_stories_file(stories_file), encoder=choice.encoder, now=now
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


def _parse_day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from None


# --- review, rescore, digest, status ----------------------------------------------------------


def _print_verdict(e: Evidence) -> None:
    out.print(
        f"[bold]#{e.verdict_id}[/] {e.claim_id}: [bold]{e.stance.value}[/] ({e.score:.2f})",
        highlight=False,
    )
    out.print(f"  {_escape(e.story_title)} - {_escape(e.feed_name or e.feed_url)}", highlight=False)
    out.print(f"  evidence: {_escape(e.evidence)}", highlight=False)
    if e.reasons:
        out.print(f"  why: {_escape('; '.join(e.reasons))}", highlight=False)
    if e.story_url:
        out.print(f"  {_escape(e.story_url)}", highlight=False)


@main.group(invoke_without_command=True)
@click.option("--claim", "claim_id", metavar="ID", help="Only this claim.")
@click.option("--all", "show_all", is_flag=True, help="Include discussing verdicts.")
@click.option("--list", "list_only", is_flag=True, help="Only list; do not ask.")
@click.pass_context
@handle_errors
def review(ctx: click.Context, claim_id: str | None, show_all: bool, list_only: bool) -> None:
    """Review decisive verdicts not yet reviewed: confirm, reject or relabel each.

    Interactive on a terminal; `tracker review set` does one without asking.
    """
    if ctx.invoked_subcommand is not None:
        return
    state = ctx.find_object(State)
    assert state is not None, "the main group always sets State"
    store = state.storage()
    try:
        pending = [
            e
            for e in store.get_evidence(claim_id=claim_id, unreviewed_only=True)
            if show_all or e.stance.decisive
        ]
        if not pending:
            out.print("nothing to review")
            return
        interactive = sys.stdin.isatty() and not list_only
        for e in pending:
            _print_verdict(e)
            if not interactive:
                continue
            answer = click.prompt(
                "  [c]onfirm, [r]eject, relabel as c[o]rroborates/con[t]radicts/[d]iscusses, "
                "[s]kip, [q]uit",
                type=click.Choice(["c", "r", "o", "t", "d", "s", "q"]),
                show_choices=False,
            )
            if answer == "q":
                break
            if answer == "s":
                continue
            note = click.prompt("  note", default="", show_default=False)
            decision, stance = _decision_from_answer(answer)
            store.set_review(e.verdict_id, decision, stance=stance, note=note)
        if not interactive:
            out.print(f"{len(pending)} verdicts to review", highlight=False)
    finally:
        store.close()


def _decision_from_answer(answer: str) -> tuple[ReviewDecision, Stance | None]:
    relabel = {"o": Stance.CORROBORATES, "t": Stance.CONTRADICTS, "d": Stance.DISCUSSES}
    if answer in relabel:
        return ReviewDecision.RELABELLED, relabel[answer]
    return (ReviewDecision.CONFIRMED if answer == "c" else ReviewDecision.REJECTED), None


@review.command("set")
@click.argument("verdict_id", type=int)
@click.option("--stance", type=click.Choice([s.value for s in Stance]), help="Relabel as this.")
@click.option("--confirm", "decision", flag_value="confirmed", help="The verdict is right.")
@click.option("--reject", "decision", flag_value="rejected", help="The verdict is wrong.")
@click.option("--note", default="", help="Why (kept with the decision).")
@pass_state
@handle_errors
def review_set(
    state: State, verdict_id: int, stance: str | None, decision: str | None, note: str
) -> None:
    """Record a decision on one verdict without asking."""
    if stance is not None and decision is not None:
        raise InputError("give either --stance (relabel) or --confirm/--reject, not both")
    if stance is None and decision is None:
        raise InputError("give --confirm, --reject or --stance S")
    chosen = ReviewDecision.RELABELLED if stance else ReviewDecision(str(decision))
    store = state.storage()
    try:
        e = store.set_review(
            verdict_id, chosen, stance=Stance(stance) if stance else None, note=note
        )
    finally:
        store.close()
    out.print(f"verdict #{e.verdict_id} ({e.claim_id}): {chosen.value}, counts as {e.stance.value}")


@main.command()
@click.option("--claim", "claim_ids", multiple=True, metavar="ID", help="Only this claim.")
@pass_state
@handle_errors
def rescore(state: State, claim_ids: tuple[str, ...]) -> None:
    """Match every stored story again against the claims (all, or --claim ID)."""
    from .pipeline import rescore_stories

    known = {c.id: c for c in state.config.claims}
    for cid in claim_ids:
        if cid not in known:
            raise InputError(f"no claim {cid!r} in {state.config.path}")
    chosen = [known[c] for c in claim_ids] if claim_ids else list(state.config.claims)
    store = state.storage()
    try:
        store.sync_claims(state.config.claims)
        with _progress(store.count_stories(), "rescoring") as advance:
            stories_done, written = rescore_stories(
                store, chosen, lexicons=state.config.lexicons, on_story=advance
            )
    finally:
        store.close()
    out.print(
        f"rescored {stories_done} stories against {len(chosen)} claims: {written} verdicts changed",
        highlight=False,
    )


@main.command()
@click.option("--preview", "preview_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write digest.html, digest.txt and digest.eml here; send nothing.")  # fmt: skip
@click.option("--send", is_flag=True, help="Send the digest now.")
@click.option("--date", "day_text", metavar="YYYY-MM-DD", help="The digest's day (default today).")
@click.option("--force", is_flag=True, help="Send even if that day's digest was already sent.")
@pass_state
@handle_errors
def digest(
    state: State, preview_dir: Path | None, send: bool, day_text: str | None, force: bool
) -> None:
    """Preview or send the daily digest email."""
    from .digest.delivery import deliver_digest, preview_digest

    if bool(preview_dir) == send:
        raise InputError("give exactly one of --preview DIR or --send")
    now = datetime.now(UTC)
    store = state.storage()
    try:
        if preview_dir is not None:
            paths = preview_digest(store, state.config, preview_dir, now)
            for path in paths:
                out.print(f"wrote {path}", highlight=False)
            return
        if not state.config.digest.enabled:
            raise ConfigError(f"{state.config.path}: digest.to: no recipients configured")
        result = deliver_digest(store, state.config, now, day=_parse_day(day_text), force=force)
    finally:
        store.close()
    out.print(str(result), highlight=False)


@main.command()
@pass_state
@handle_errors
def status(state: State) -> None:
    """Daemons and the feeds they hold, feed health, recent digests, claims to rescore."""
    store = state.storage()
    try:
        daemons = store.get_daemons()
        feed_states = store.get_feeds()
        digests = store.list_digests(limit=7)
        stale = store.stale_claims(state.config.claims)
    finally:
        store.close()
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
    failing = [f for f in feed_states if f.error_count]
    out.print(f"feeds: {len(feed_states)} active, {len(failing)} failing", highlight=False)
    for f in failing:
        out.print(f"  {f.url}: {f.error_count} errors, last: {f.last_error}", highlight=False)
    if digests:
        out.print("digests:")
        for d in digests:
            extra = f" ({d.attempts} attempts, last error: {d.last_error})" if d.last_error else ""
            out.print(f"  {d.day}: {d.state.value}{extra}", highlight=False)
    if stale:
        out.print(f"claims changed since scored (run `tracker rescore`): {', '.join(stale)}")
