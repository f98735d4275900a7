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


def test_match_applies_the_glossary_and_lexicons_of_a_config_file(tmp_path: Path) -> None:
    """A claims file that is a whole config brings its `glossary`: the claim's word the
    shipped glossary lacks ("zorbing") finds the Marathi story only with the entry. And
    its `lexicons`, as the daemon reads them."""
    import yaml
    from helpers import ZORBING_CLAIM, ZORBING_GLOSSARY, ZORBING_STORY

    from tracker.engine.glossary import glossary

    assert glossary().keys_for("zorbing") == frozenset()
    stories = tmp_path / "stories.jsonl"
    rows = [
        {"id": "mr-1", "title": ZORBING_STORY.title, "body": ZORBING_STORY.description},
        {"id": "mr-2", "title": "मनालीत पर्यटकांची गर्दी", "body": "हिवाळ्यात मनालीत मोठी गर्दी झाली."},
        {
            "id": "en-3",
            "title": "Manali traffic jam",
            "body": "Snow caused a traffic jam near Manali.",
        },
    ]
    stories.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")

    def matched(config: dict[str, object]) -> list[dict[str, str]]:
        claims = tmp_path / "config.yaml"
        claims.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        args = ["match", "--claims", str(claims), "--stories", str(stories), "--lexical"]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]

    def pairs(config: dict[str, object]) -> set[tuple[str, str]]:
        return {(p["claim_id"], p["story_id"]) for p in matched(config)}

    def stances(config: dict[str, object]) -> dict[str, str]:
        return {p["story_id"]: p["stance"] for p in matched(config)}

    assert pairs({"claims": [ZORBING_CLAIM]}) == set()
    assert pairs({"claims": [ZORBING_CLAIM], "glossary": ZORBING_GLOSSARY}) == {
        ("manali-zorbing", "mr-1")
    }
    # Its `lexicons` too: an English story "pooh-poohing" the claim contradicts it.
    denial = {
        "id": "en-4",
        "title": "Manali pooh-poohs zorbing ban",
        "body": "Manali officials pooh-poohed talk that zorbing was banned after a death.",
    }
    with stories.open("a", encoding="utf-8") as handle:
        handle.write("\n" + json.dumps(denial))
    lexicons = {"en": {"refute": ["pooh-poohed", "pooh-poohs"]}}
    # (Without the entry "pooh-poohed" is no cue: the story does not contradict.)
    assert stances({"claims": [ZORBING_CLAIM]})["en-4"] != "contradicts"
    assert stances({"claims": [ZORBING_CLAIM], "lexicons": lexicons})["en-4"] == "contradicts"
    # A bad entry is named with the file and its place, as in the config.
    bad = tmp_path / "bad.yaml"
    bad.write_text("claims: [{id: a, text: x}]\nglossary: [{en: [zorbing], mr: [zorb]}]\n")
    result = CliRunner().invoke(main, ["match", "--claims", str(bad), "--stories", str(stories)])
    assert result.exit_code == 2
    assert "bad.yaml: glossary[0]: 'zorb' under mr is not in Devanagari" in result.output


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
    assert invoke(config, "review", "set", "424242", "--reject").exit_code == 2
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
    # Without embedding the stories awaiting vectors: the same lexical path.
    result = invoke(config, "rescore", "--claim", "chips-50k", "--no-embed")
    assert result.exit_code == 0 and "rescored 2 stories against 1 claims" in result.output
    assert verdicts() == before, "same engine, same verdicts (ids kept)"
    assert invoke(config, "rescore", "--claim", "no-such-claim").exit_code == 2
    # With it (the default), every verdict is brought onto the semantic path.
    assert invoke(config, "rescore").exit_code == 0
    bases = {
        json.loads(x)["basis"]
        for x in invoke(config, "evidence", "--format", "jsonl").output.splitlines()
    }
    assert bases and all(b.startswith("semantic (hash-64); stream ") for b in bases), bases


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


# --- the first hour: traps a new user meets ---------------------------------------------------


def _polled(tmp_path: Path, items: list[object] | None = None) -> Path:
    """A config with a relative SQLite path, initialised and polled once from a real server."""
    from feedserver import FeedServer
    from helpers import ALLEGATION, DENIAL, ITALY, rss

    with FeedServer() as server:
        server.add("/f.xml", rss(items or [DENIAL, ALLEGATION, ITALY]))  # type: ignore[arg-type]
        config = write_config(tmp_path / "c.yaml", "sqlite:///db/t.sqlite", [server.url("/f.xml")])
        assert invoke(config, "init").exit_code == 0
        polled = invoke(config, "poll", "--once")
    assert polled.exit_code == 0
    # Where the stories went, said first: a second database would be seen at once.
    assert polled.stderr.startswith(f"database: {tmp_path / 'db' / 't.sqlite'}\n")
    return config


def test_one_database_whatever_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "srv").mkdir()
    config = write_config(tmp_path / "srv" / "config.yaml", "sqlite:///db/t.sqlite", [])
    (tmp_path / "home").mkdir()
    monkeypatch.chdir(tmp_path / "home")
    made = invoke(Path("../srv/config.yaml"), "init")
    database = tmp_path / "srv" / "db" / "t.sqlite"
    assert made.exit_code == 0 and f"created database {database} (schema " in made.output
    monkeypatch.chdir(tmp_path)
    assert invoke(config, "claims").exit_code == 0
    assert invoke(Path("srv/config.yaml"), "feeds").exit_code == 0
    assert [p.name for p in tmp_path.rglob("*.sqlite")] == ["t.sqlite"]


READ_COMMANDS = [
    ["claims"], ["evidence"], ["stories"], ["feeds"], ["export", "--format", "jsonl"],
    ["review", "--list"], ["status"], ["poll", "--once"], ["rescore"], ["run"],
    ["digest", "--preview", "preview"], ["feeds", "add", "https://x.example/rss"],
    ["feeds", "export"], ["review", "set", "1", "--confirm"],
]  # fmt: skip


@pytest.mark.parametrize("args", READ_COMMANDS, ids=[" ".join(a) for a in READ_COMMANDS])
def test_commands_never_create_a_database(tmp_path: Path, args: list[str]) -> None:
    config = write_config(tmp_path / "c.yaml", "sqlite:///db/t.sqlite", [])
    result = invoke(config, *args)
    assert result.exit_code == 2, result.output
    assert f"error: no database at {tmp_path / 'db' / 't.sqlite'}" in result.output
    assert f"hint: run `tracker --config {config} init` to create it" in result.output
    assert not (tmp_path / "db").exists()


def test_file_and_folder_errors_are_one_line_and_exit_2(tmp_path: Path) -> None:
    config = _polled(tmp_path)
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    cases = [
        (["export", "--format", "jsonl", "-o", str(tmp_path / "missing" / "dir" / "x.jsonl")],
         f"error: cannot write {tmp_path / 'missing' / 'dir' / 'x.jsonl'}: no such file or folder"),
        (["export", "--format", "csv", "-o", str(tmp_path)],
         f"Invalid value for '--output' / '-o': File '{tmp_path}' is a directory"),
        (["digest", "--preview", str(a_file / "sub")],
         f"error: cannot write the preview into {a_file / 'sub'}: "),
        (["feeds", "import", str(tmp_path / "none.opml")], "does not exist"),
    ]  # fmt: skip
    for args, message in cases:
        result = invoke(config, *args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output, (args, result.output)
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
    folder = invoke(tmp_path, "claims")
    assert folder.exit_code == 2 and f"error: {tmp_path}: is a folder, not a file" in folder.output


def test_digest_preview_renders_the_day_asked_for(tmp_path: Path) -> None:
    config = _polled(tmp_path)
    preview = tmp_path / "preview"
    result = invoke(config, "digest", "--preview", str(preview), "--date", "2025-05-02")
    assert result.exit_code == 0, result.output
    text = (preview / "digest.txt").read_text(encoding="utf-8")
    assert text.startswith("Claim Tracker digest, 2 May 2025\n")
    assert "Evidence logged 1 May 2025 07:00 to 2 May 2025 07:00 (UTC, UTC)" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["digest", "--preview", "p", "--date", "2025-13-01"],
         "Invalid value for '--date': expected a date YYYY-MM-DD, got '2025-13-01' "
         "(month must be in 1..12)"),
        (["digest", "--send", "--date", "2999-01-01"], "Invalid value for '--date': 2999-01-01 is in the future"),
        (["stories", "--since", "yesterday"],
         "Invalid value for '--since': expected a date YYYY-MM-DD or an ISO date-time, got 'yesterday'"),
        (["digest", "--preview", "p", "--force"], "error: --force is for --send"),
    ],
)  # fmt: skip
def test_dates_are_checked_and_the_error_names_the_option(
    tmp_path: Path, args: list[str], message: str
) -> None:
    config = _polled(tmp_path)
    result = invoke(config, *args)
    assert result.exit_code == 2 and message in " ".join(result.output.split()), result.output


def test_match_now_is_checked_naming_the_option(tmp_path: Path) -> None:
    files = tmp_path / "claims.jsonl", tmp_path / "stories.jsonl"
    for f in files:
        f.write_text("", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["match", "--claims", str(files[0]), "--stories", str(files[1]), "--now", "13/5"]
    )
    assert result.exit_code == 2 and "Invalid value for '--now'" in result.output


def test_review_set_takes_one_decision_and_same_stance_is_a_confirmation(tmp_path: Path) -> None:
    config = _polled(tmp_path)
    records = [
        json.loads(x) for x in invoke(config, "export", "--format", "jsonl").output.split("\n") if x
    ]
    record = next(r for r in records if r["stance"] != "discusses")
    vid = str(record["verdict_id"])
    both = invoke(config, "review", "set", vid, "--confirm", "--reject")
    assert both.exit_code == 2
    assert (
        "give one of --confirm, --reject or --stance S, not --confirm and --reject" in both.output
    )
    assert invoke(config, "review", "set", vid, "--reject", "--stance", "discusses").exit_code == 2
    same = invoke(config, "review", "set", vid, "--stance", record["stance"], "--note", "right")
    assert same.exit_code == 0, same.output
    assert f"verdict #{vid} ({record['claim_id']}): confirmed, counts as {record['stance']}" in (
        same.output
    )
    [after] = [json.loads(x) for x in invoke(config, "export", "--format", "jsonl").output.split("\n")
               if x and json.loads(x)["verdict_id"] == record["verdict_id"]]  # fmt: skip
    assert after["review_decision"] == "confirmed" and after["stance"] == record["stance"]
    missing = invoke(config, "review", "set", "424242", "--reject")
    assert missing.exit_code == 2 and "error: no verdict #424242" in missing.output


# --- read commands: limits, formats, feeds by name, 80 columns --------------------------------


def _many(n: int) -> list[object]:
    from helpers import Item

    return [
        Item(f"it-{i}", f"Italy orders DeepSeek app blocked ({i})",
             f"Italy's privacy regulator ordered the DeepSeek app removed from app stores ({i}).")
        for i in range(n)
    ]  # fmt: skip


def test_long_lists_default_to_50_rows_and_say_how_to_see_the_rest(tmp_path: Path) -> None:
    config = _polled(tmp_path, _many(60))
    for command, noun in (("stories", "stories"), ("evidence", "verdicts")):
        result = invoke(config, command, "--format", "jsonl")
        assert result.exit_code == 0, result.output
        assert len(result.stdout.splitlines()) == 50
        assert f"showing 50 of 60 {noun}; --limit N or --all for more" in result.stderr
        every = invoke(config, command, "--all", "--format", "jsonl")
        assert len(every.stdout.splitlines()) == 60 and "showing" not in every.stderr
        assert len(invoke(config, command, "--limit", "5", "--format", "json").stdout) > 0
        assert (
            len(json.loads(invoke(config, command, "--limit", "5", "--format", "json").stdout)) == 5
        )
        assert invoke(config, command, "--limit", "5", "--all").exit_code == 2


READ_FORMATS = [["claims"], ["evidence"], ["stories"], ["feeds"], ["review", "--list"]]


@pytest.mark.parametrize("args", READ_FORMATS, ids=[" ".join(a) for a in READ_FORMATS])
def test_every_read_command_takes_the_same_formats(tmp_path: Path, args: list[str]) -> None:
    import csv
    import io

    config = _polled(tmp_path)
    results = {
        fmt: invoke(config, *args, "--format", fmt) for fmt in ("table", "json", "jsonl", "csv")
    }
    assert all(r.exit_code == 0 for r in results.values()), {
        f: r.output for f, r in results.items()
    }
    as_json = json.loads(results["json"].stdout)
    as_jsonl = [json.loads(line) for line in results["jsonl"].stdout.splitlines()]
    as_csv = list(csv.DictReader(io.StringIO(results["csv"].stdout)))
    assert as_json == as_jsonl and len(as_csv) == len(as_json) > 0


def test_feed_is_chosen_by_name_or_url(tmp_path: Path) -> None:
    from feedserver import FeedServer
    from helpers import DENIAL, ITALY, rss

    with FeedServer() as server:
        server.add("/a.xml", rss([DENIAL]))
        server.add("/b.xml", rss([ITALY]))
        config = write_config(tmp_path / "c.yaml", "sqlite:///t.sqlite",
                              [server.url("/a.xml"), server.url("/b.xml")])  # fmt: skip
        invoke(config, "init")
        invoke(config, "poll", "--once")
        url_b = server.url("/b.xml")
    for given in ("Feed 1", "feed 1", url_b):
        titles = [json.loads(x)["title"] for x in
                  invoke(config, "stories", "--feed", given, "--format", "jsonl").stdout.splitlines()]  # fmt: skip
        assert titles == [ITALY.title], given
        claims = {json.loads(x)["claim_id"] for x in
                  invoke(config, "evidence", "--feed", given, "--format", "jsonl").stdout.splitlines()}  # fmt: skip
        assert claims == {"app-store-removals"}, given
    missing = invoke(config, "stories", "--feed", "Feed 9")
    assert missing.exit_code == 2 and "error: no feed named or at 'Feed 9'" in missing.output


def test_tables_stay_within_80_columns_with_devanagari(tmp_path: Path) -> None:
    import wcwidth
    from helpers import Item

    marathi = [
        Item("mr-1", "दक्षिण कोरियाने डीपसीकचे ॲप ॲप स्टोअरमधून हटवले, गोपनीयतेच्या चिंतेमुळे निर्णय",
             "गोपनीयतेच्या चिंतेमुळे दक्षिण कोरियाच्या नियामकांनी डीपसीकचे ॲप डाउनलोडसाठी बंद केले."),
        Item("mr-2", "डीपसीककडे ५०,००० एनव्हीडिया चिप्स असल्याचा दावा कंपनीने फेटाळला",
             "डीपसीकने ५०,००० एनव्हीडिया चिप्स असल्याचा दावा फेटाळला."),
    ]  # fmt: skip
    config = _polled(tmp_path, marathi)
    for args in (["claims"], ["evidence"], ["stories"], ["feeds"]):
        result = CliRunner(env={"COLUMNS": "80"}).invoke(main, ["--config", str(config), *args])
        assert result.exit_code == 0, result.output
        for line in result.stdout.splitlines():
            assert wcwidth.width(line) <= 80, (args, line)
        assert "डीपसीक" in result.stdout or args in (["claims"], ["feeds"])


# --- removed feeds and claims -----------------------------------------------------------------


def test_removed_feed_stops_counting_and_purge_deletes_it(tmp_path: Path) -> None:
    from feedserver import FeedServer
    from helpers import DENIAL, rss

    config = write_config(tmp_path / "c.yaml", "sqlite:///t.sqlite", [])
    invoke(config, "init")
    with FeedServer() as server:
        server.add("/cli.xml", rss([DENIAL]))
        url = server.url("/cli.xml")
        assert invoke(config, "feeds", "add", url, "--name", "Desk").exit_code == 0
        assert invoke(config, "poll", "--all").exit_code == 0

    def chips() -> dict[str, object]:
        data = json.loads(invoke(config, "claims", "--format", "json").stdout)
        return next(c for c in data if c["id"] == "chips-50k")

    def verdicts(*extra: str) -> int:
        return len(invoke(config, "evidence", "--format", "jsonl", *extra).stdout.splitlines())

    assert chips()["contradicting"] == 1 and verdicts() == 1
    removed = invoke(config, "feeds", "remove", "Desk")
    assert removed.exit_code == 0
    assert "its 1 story stay stored but no longer count in claim statuses" in removed.output
    assert chips()["contradicting"] == 0 and chips()["status"] == "unverified"
    assert verdicts() == 0 and verdicts("--include-removed") == 1
    declined = invoke_with_input(config, "n\n", "feeds", "remove", url, "--purge")
    assert declined.exit_code == 1 and "delete " in declined.output
    assert verdicts("--include-removed") == 1, "declining deletes nothing"
    purged = invoke_with_input(config, "y\n", "feeds", "remove", url, "--purge")
    assert (
        purged.exit_code == 0 and f"purged: {url}: deleted 1 story and 1 verdict" in purged.output
    )
    assert verdicts("--include-removed") == 0
    assert json.loads(invoke(config, "stories", "--format", "json").stdout) == []


def invoke_with_input(config: Path, text: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["--config", str(config), *args], input=text)


def test_config_feeds_are_removed_in_the_config(tmp_path: Path) -> None:
    config = _polled(tmp_path)
    url = json.loads(invoke(config, "feeds", "--format", "json").stdout)[0]["url"]
    refused = invoke(config, "feeds", "remove", "--purge", "--yes", url)
    assert (
        refused.exit_code == 2 and "remove it there (the config owns its feeds)" in refused.output
    )


def test_claims_deleted_from_the_config_are_hidden_unless_asked_for(tmp_path: Path) -> None:
    import yaml

    config = _polled(tmp_path)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["claims"] = [c for c in data["claims"] if c["id"] != "chips-50k"]
    config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert invoke(config, "init").exit_code == 0
    shown = [c["id"] for c in json.loads(invoke(config, "claims", "--format", "json").stdout)]
    assert shown == ["app-store-removals"]
    every = json.loads(invoke(config, "claims", "--include-removed", "--format", "json").stdout)
    assert [(c["id"], c["removed"]) for c in every] == [
        ("app-store-removals", False),
        ("chips-50k", True),
    ]
    assert every[1]["contradicting"] == 1, "its verdicts are kept"

    def claim_ids(*extra: str) -> set[str]:
        lines = invoke(config, "evidence", "--format", "jsonl", *extra).stdout.splitlines()
        return {json.loads(x)["claim_id"] for x in lines}

    assert claim_ids() == {"app-store-removals"}
    assert claim_ids("--include-removed") == {"app-store-removals", "chips-50k"}
    assert invoke(config, "evidence", "--claim", "chips-50k").exit_code == 2
    assert invoke(config, "evidence", "--claim", "chips-50k", "--include-removed").exit_code == 0
    preview = tmp_path / "p"
    assert invoke(config, "digest", "--preview", str(preview)).exit_code == 0
    assert "chips-50k" not in (preview / "digest.txt").read_text(encoding="utf-8")


# --- review on a terminal ---------------------------------------------------------------------


def _as_on_a_terminal() -> None:
    """In the child: SIGINT as a shell's foreground job has it (neither ignored, as a job
    started in the background inherits it, nor blocked, as a thread of the test may)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _review_on_a_terminal(config: Path, keys: list[bytes]) -> str:
    """Run `tracker review` on a pseudo-terminal, typing `keys` one prompt at a time."""
    import os
    import pty
    import re
    import select
    import signal
    import subprocess
    import sys
    import time

    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tracker", "--config", str(config), "review"],
        stdin=follower, stdout=follower, stderr=follower, close_fds=True,
        env={**os.environ, "COLUMNS": "100"},
        # A job started in the background inherits SIGINT ignored; a terminal's is not.
        preexec_fn=_as_on_a_terminal,
    )  # fmt: skip
    os.close(follower)
    seen = b""
    answered = 0  # where the screen stood when the last key was typed
    pending = list(keys)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if pending and seen[answered:].rstrip().endswith((b"[q]uit:", b"note:")):
                key = pending.pop(0)
                answered = len(seen)
                if key == b"\x03":  # Ctrl-C, as the terminal sends it to the foreground job
                    time.sleep(0.5)  # let it sit in the prompt, as a person would
                    proc.send_signal(signal.SIGINT)
                else:
                    os.write(leader, key)
        elif proc.poll() is not None:
            break
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        seen += b"\n[still running after 30 s: killed]"
    os.close(leader)
    screen = seen.decode("utf-8", "replace").replace("\r\n", "\n")
    return re.sub(r"\x1b\[[0-9;]*m", "", screen)  # colours and bold


def test_review_counts_echoes_and_sums_up(tmp_path: Path) -> None:
    from helpers import ALLEGATION, DENIAL, ITALY

    config = _polled(tmp_path, [DENIAL, ALLEGATION, ITALY])
    pending = len(invoke(config, "review", "--list", "--format", "jsonl").stdout.splitlines())
    assert pending >= 2
    screen = _review_on_a_terminal(config, [b"c\n", b"ok\n", b"q\n"])
    assert f"[1 of {pending}] #" in screen
    assert ": confirmed, counts as " in screen
    assert f"reviewed 1 of {pending}: 1 confirmed; {pending - 1} left" in screen


def test_review_interrupted_says_what_was_kept(tmp_path: Path) -> None:
    from helpers import ALLEGATION, DENIAL, ITALY

    config = _polled(tmp_path, [DENIAL, ALLEGATION, ITALY])
    pending = len(invoke(config, "review", "--list", "--format", "jsonl").stdout.splitlines())
    screen = _review_on_a_terminal(config, [b"r\n", b"\n", b"\x03"])
    assert (
        f"interrupted: 1 decision saved (each is saved as it is made); reviewed 1 of {pending}: 1 rejected"
        in " ".join(screen.split())
    )
    assert "Traceback" not in screen
    assert (
        len(invoke(config, "review", "--list", "--format", "jsonl").stdout.splitlines())
        == pending - 1
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_a_full_disk_is_said_in_one_line(tmp_path: Path) -> None:
    config = _polled(tmp_path)
    result = invoke(config, "export", "--format", "csv", "-o", "/dev/full")
    assert result.exit_code == 2, result.output
    assert "error: cannot write /dev/full: no space left on device" in result.output


def test_init_names_the_folder_it_cannot_create(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    config = write_config(tmp_path / "c.yaml", "sqlite:///a-file/db/t.sqlite", [])
    result = invoke(config, "init")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"error: cannot create {tmp_path / 'a-file' / 'db'}, the folder of the database" in (
        result.output
    )


def test_digest_preview_reads_as_an_analyst_needs(tmp_path: Path) -> None:
    """Through the CLI on a real database: the summary first, the first digest not called a
    change, stories published long before the window marked old news, no clutter."""
    config = _polled(tmp_path)  # stories published in February 2025: long before today
    preview = tmp_path / "preview"
    assert invoke(config, "digest", "--preview", str(preview)).exit_code == 0
    text = (preview / "digest.txt").read_text(encoding="utf-8")
    html = (preview / "digest.html").read_text(encoding="utf-8")
    assert text.index("SUMMARY (first digest: the last 24 hours)") < text.index("CLAIMS WITH NEWS")
    assert "first digest; +" in text and "->" not in text and "new claim" not in text
    assert "(OLD NEWS): " in text and ">old news</span>" in html
    assert "no syndicated copies" not in text
    assert len(html.encode()) < 100 * 1024
