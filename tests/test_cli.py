"""The command line: every command documented and helpful, usage errors exit 2, data round-trips."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from helpers import CLAIMS, write_config

from tracker.cli import main

ROOT = Path(__file__).resolve().parent.parent


def commands(group: click.Group, prefix: str = "tracker") -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        found.append((path, command))
        if isinstance(command, click.Group):
            found.extend(commands(command, path))
    return found


ALL_COMMANDS = commands(main)


def invoke(config: Path | None, *args: str) -> Result:
    prefix = ["--config", str(config)] if config else []
    return CliRunner().invoke(main, [*prefix, *args])


@pytest.mark.parametrize(("path", "command"), ALL_COMMANDS, ids=[p for p, _ in ALL_COMMANDS])
def test_every_command_has_help_and_is_in_the_readme(path: str, command: click.Command) -> None:
    assert command.help, f"{path} has no help text"
    result = CliRunner().invoke(main, [*path.split()[1:], "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
    assert f"`{path}" in (ROOT / "README.md").read_text(encoding="utf-8"), f"README lacks {path}"


def test_config_check_reports_errors_with_exit_2(tmp_path: Path) -> None:
    good = write_config(tmp_path / "good.yaml", "sqlite:///x.sqlite", ["https://a.example/rss"])
    ok = invoke(good, "config", "check")
    assert ok.exit_code == 0 and "1 feed, 2 claims" in ok.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("feeds: [{url: 'gopher://x'}]\n", encoding="utf-8")
    result = invoke(bad, "config", "check")
    assert result.exit_code == 2
    assert "bad.yaml: feeds[0].url: expected an http(s) URL" in result.output


def test_match_writes_one_line_per_related_pair(tmp_path: Path) -> None:
    claims = tmp_path / "claims.yaml"
    claims.write_text(json.dumps(CLAIMS), encoding="utf-8")  # JSON is YAML
    stories = tmp_path / "stories.jsonl"
    stories.write_text(
        "\n".join(
            json.dumps(s, ensure_ascii=False)
            for s in [
                {
                    "id": "s1",
                    "title": "DeepSeek denies owning 50,000 Nvidia chips",
                    "body": "DeepSeek denied it owns 50,000 Nvidia chips; it has about 10,000.",
                    "extra": 1,
                },
                {"id": 2, "title": "Weather", "summary": "Rain in Pune."},
                {
                    "id": "s3",
                    "title": "Italy removes DeepSeek from app stores",
                    "summary": "Italy removed the DeepSeek app from app stores over privacy concerns.",
                    "published": "2025-01-30T10:00:00Z",
                },
            ]
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["match", "--claims", str(claims), "--stories", str(stories)])
    assert result.exit_code == 0, result.output
    pairs = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert {(p["claim_id"], p["story_id"]) for p in pairs} == {
        ("chips-50k", "s1"),
        ("app-store-removals", "s3"),
    }
    assert all({"claim_id", "story_id", "stance", "score", "evidence"} <= set(p) for p in pairs)


def test_match_bad_line_names_file_and_line(tmp_path: Path) -> None:
    claims = tmp_path / "claims.jsonl"
    claims.write_text(
        json.dumps({"id": "a-claim", "text": "DeepSeek exists.", "source": "x"}) + "\n"
    )
    stories = tmp_path / "stories.jsonl"
    stories.write_text('{"id": "1", "title": "ok"}\n{not json}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["match", "--claims", str(claims), "--stories", str(stories)])
    assert result.exit_code == 2
    assert "stories.jsonl: line 2: invalid JSON" in result.output


def test_feeds_add_remove_import_export(tmp_path: Path) -> None:
    config = write_config(
        tmp_path / "c.yaml", f"sqlite:///{tmp_path}/t.sqlite", ["https://config.example/rss"]
    )
    assert invoke(config, "init").exit_code == 0
    assert invoke(config, "feeds", "add", "javascript:alert(1)").exit_code == 2
    assert (
        invoke(config, "feeds", "add", "https://x.example/rss", "--interval", "soon").exit_code == 2
    )
    added = invoke(
        config, "feeds", "add", "https://cli.example/rss", "--name", "CLI", "--interval", "30m"
    )
    assert added.exit_code == 0 and "added" in added.output
    opml = tmp_path / "in.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>'
        '<outline text="Tech"><outline text="Wire" type="rss" xmlUrl="https://wire.example/rss"/></outline>'
        '<outline text="Loose" type="rss" xmlUrl="https://loose.example/feed"/></body></opml>',
        encoding="utf-8",
    )
    assert "imported 2 feeds" in invoke(config, "feeds", "import", str(opml)).output
    listed = {f["url"]: f for f in json.loads(invoke(config, "feeds", "--format", "json").output)}
    assert set(listed) == {
        "https://config.example/rss",
        "https://cli.example/rss",
        "https://wire.example/rss",
        "https://loose.example/feed",
    }
    assert listed["https://wire.example/rss"]["tags"] == ["Tech"]
    assert listed["https://cli.example/rss"]["interval"] == 1800
    exported = invoke(config, "feeds", "export").output
    assert 'xmlUrl="https://wire.example/rss"' in exported and '<outline text="Tech"' in exported
    assert invoke(config, "feeds", "remove", "https://config.example/rss").exit_code == 2, (
        "config owns it"
    )
    assert invoke(config, "feeds", "remove", "https://cli.example/rss").exit_code == 0
    assert invoke(config, "feeds", "remove", "https://cli.example/rss").exit_code == 2
    # A restart (init syncs the config) does not bring removed CLI feeds back or drop imported ones.
    invoke(config, "init")
    urls = {f["url"] for f in json.loads(invoke(config, "feeds", "--format", "json").output)}
    assert "https://cli.example/rss" not in urls and "https://wire.example/rss" in urls


def test_opml_with_entities_is_refused(tmp_path: Path) -> None:
    config = write_config(tmp_path / "c.yaml", f"sqlite:///{tmp_path}/t.sqlite", [])
    invoke(config, "init")
    opml = tmp_path / "evil.opml"
    opml.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><opml><body/></opml>')
    result = invoke(config, "feeds", "import", str(opml))
    assert result.exit_code == 2 and "evil.opml" in result.output


def test_review_set_and_export(tmp_path: Path) -> None:
    from feedserver import FeedServer
    from helpers import DENIAL, rss

    with FeedServer() as server:
        server.add("/f.xml", rss([DENIAL]))
        config = write_config(
            tmp_path / "c.yaml", f"sqlite:///{tmp_path}/t.sqlite", [server.url("/f.xml")]
        )
        invoke(config, "init")
        invoke(config, "poll", "--once")
    [record] = [
        json.loads(x) for x in invoke(config, "export", "--format", "jsonl").output.splitlines()
    ]
    vid = str(record["verdict_id"])
    assert invoke(config, "review", "set", vid).exit_code == 2
    assert invoke(config, "review", "set", vid, "--stance", "discusses", "--confirm").exit_code == 2
    done = invoke(config, "review", "set", vid, "--stance", "discusses", "--note", "only a report")
    assert done.exit_code == 0 and "counts as discusses" in done.output
    assert "nothing to review" in invoke(config, "review", "--list").output
    assert invoke(config, "review", "set", "424242", "--reject").exit_code == 1
    out_file = tmp_path / "all.csv"
    assert invoke(config, "export", "--format", "csv", "-o", str(out_file)).exit_code == 0
    text = out_file.read_text(encoding="utf-8")
    assert text.startswith("verdict_id,claim_id,stance") and "only a report" in text
    claims = json.loads(invoke(config, "claims", "--format", "json").output)
    chips = next(c for c in claims if c["id"] == "chips-50k")
    assert chips["discussing"] == 1 and chips["contradicting"] == 0


def test_rescore_after_claim_change(tmp_path: Path) -> None:
    from feedserver import FeedServer
    from helpers import DENIAL, ITALY, rss

    db = f"sqlite:///{tmp_path}/t.sqlite"
    with FeedServer() as server:
        server.add("/f.xml", rss([DENIAL, ITALY]))
        config = write_config(tmp_path / "c.yaml", db, [server.url("/f.xml")])
        invoke(config, "init")
        invoke(config, "poll", "--once")

    def verdicts() -> set[tuple[object, ...]]:
        records = [
            json.loads(x)
            for x in invoke(config, "evidence", "--format", "jsonl").output.splitlines()
        ]
        return {
            (r["verdict_id"], r["claim_id"], r["story_title"], r["stance"], r["evidence"])
            for r in records
        }

    before = verdicts()
    result = invoke(config, "rescore", "--claim", "chips-50k")
    assert result.exit_code == 0 and "rescored 2 stories against 1 claims" in result.output
    assert verdicts() == before, "same engine, same verdicts (ids kept)"
    assert invoke(config, "rescore", "--claim", "no-such-claim").exit_code == 2


def test_feeds_add_refuses_private_addresses_when_configured(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path}/t.sqlite"
    open_config = write_config(tmp_path / "open.yaml", db, [])
    invoke(open_config, "init")
    assert invoke(open_config, "feeds", "add", "http://127.0.0.1:9/feed").exit_code == 0, (
        "off by default"
    )
    strict = write_config(
        tmp_path / "strict.yaml", db, [], extra={"polling": {"block_private_addresses": True}}
    )
    result = invoke(strict, "feeds", "add", "http://127.0.0.1:9/other")
    assert result.exit_code == 2 and "private or loopback" in result.output


# --- config check: what a new user's first config gets wrong ----------------------------------


def _yaml(tmp_path: Path, text: str, name: str = "config.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        ("database: mysql://root:pw@db/x\n", 2, "database: Claim Tracker runs on SQLite or PostgreSQL, not mysql"),
        ("database: 42\n", 2, "database: expected a database URL such as sqlite:///db/tracker.sqlite"),
        ("", 2, "config.yaml: the file is empty (or only comments)"),
        ("polling: {intervall: 5m}\n", 2, "polling.intervall: unknown key; did you mean `interval`?"),
        ("database: postgresql+psycopg://nobody@127.0.0.1:1/x\nclaims: [{id: a, text: x}]\n", 1,
         "cannot connect to postgresql+psycopg://nobody@127.0.0.1:1/x: "),
    ],
)  # fmt: skip
def test_config_check_refuses_what_would_fail_later(
    tmp_path: Path, text: str, code: int, message: str
) -> None:
    result = invoke(_yaml(tmp_path, text), "config", "check")
    assert result.exit_code == code, result.output
    assert message in result.output
    assert "pw" not in result.output and "Traceback" not in result.output


def test_config_check_gives_up_on_a_silent_database_after_the_timeout(tmp_path: Path) -> None:
    import socket
    import threading

    # A server that accepts connections and never says a word.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    held: list[object] = []
    threading.Thread(
        target=lambda: [held.append(silent.accept()) for _ in range(8)], daemon=True
    ).start()
    port = silent.getsockname()[1]
    config = _yaml(tmp_path, f"database: postgresql+psycopg://u@127.0.0.1:{port}/x\n")
    try:
        result = invoke(config, "config", "check", "--timeout", "1s")
    finally:
        silent.close()
    assert result.exit_code == 1
    assert f"cannot connect to postgresql+psycopg://u@127.0.0.1:{port}/x: no answer within 1 s" in (
        result.output
    )


def test_config_check_warns_on_a_config_that_tracks_nothing(tmp_path: Path) -> None:
    result = invoke(_yaml(tmp_path, "polling: {interval: 5m}\n"), "config", "check")
    assert result.exit_code == 0
    assert "0 feeds, 0 claims, digest disabled: no recipients" in result.output
    assert "warning: no claims: " in result.output and "warning: no feeds: " in result.output


def test_config_check_names_the_database_and_never_creates_it(tmp_path: Path) -> None:
    config = write_config(tmp_path / "c.yaml", "sqlite:///db/t.sqlite", ["https://a.example/rss"])
    result = invoke(config, "config", "check")
    assert result.exit_code == 0, result.output
    assert "1 feed, 2 claims" in result.output
    database = tmp_path / "db" / "t.sqlite"
    assert f"database {database}: not created yet (`tracker init` creates it)" in result.output
    assert not (tmp_path / "db").exists()
    assert invoke(config, "init").exit_code == 0
    result = invoke(config, "config", "check")
    assert f"database {database}: reachable, schema " in result.output
    assert "(up to date)" in result.output


def test_config_check_reaches_postgresql(tmp_path: Path, pg_url: str) -> None:
    config = write_config(tmp_path / "c.yaml", pg_url, [])
    result = invoke(config, "config", "check")
    assert result.exit_code == 0, result.output
    assert "reachable, empty (`tracker init` creates the schema)" in result.output
