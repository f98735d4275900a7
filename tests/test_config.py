"""Configuration validation: errors name the file, the key path and what was expected."""

from __future__ import annotations

import re
from datetime import date, time
from pathlib import Path

import pytest
import yaml

from tracker.config import (
    DEFAULT_DATABASE_URL,
    KNOWN_KEYS,
    load_config,
    parse_config,
    parse_duration,
    parse_size,
)
from tracker.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path, text), env={})
    return info.value.message


def test_shipped_config_is_valid_and_tracks_all_thirteen_claims() -> None:
    config = load_config(ROOT / "config.yaml", env={})
    assert len(config.claims) == 13
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", c.id) for c in config.claims)
    assert len(config.feeds) >= 5
    languages = {tag for f in config.feeds for tag in f.tags}
    assert {"hi", "mr"} & languages, "at least one Hindi or Marathi outlet"


def test_minimal_config_gets_documented_defaults(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, "claims: [{id: a, text: Some claim.}]\n"), env={})
    # The default's relative path is the config file's neighbour.
    assert DEFAULT_DATABASE_URL == "sqlite:///db/tracker.sqlite"
    assert config.database_url == f"sqlite:///{tmp_path}/db/tracker.sqlite"
    assert config.polling.interval == 900
    assert config.feeds == ()
    assert config.digest.enabled is False
    assert config.digest.time == time(7, 0)
    assert config.polling.workers == "auto"


@pytest.mark.parametrize(("text", "workers"), [("auto", "auto"), ("0", 0), ("3", 3)])
def test_polling_workers_is_auto_or_a_count(tmp_path: Path, text: str, workers: object) -> None:
    config = load_config(write(tmp_path, f"polling: {{workers: {text}}}\n"), env={})
    assert config.polling.workers == workers


def test_polling_workers_rejects_anything_else(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r'polling\.workers: expected "auto" or a whole number'):
        load_config(write(tmp_path, "polling: {workers: many}\n"), env={})


def test_env_overrides_database(tmp_path: Path) -> None:
    path = write(tmp_path, "database: sqlite:///a.sqlite\n")
    config = load_config(path, env={"TRACKER_DATABASE_URL": "sqlite:////data/b.sqlite"})
    assert config.database_url == "sqlite:////data/b.sqlite"


def test_relative_sqlite_path_is_the_config_files_neighbour(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "conf").mkdir()
    path = tmp_path / "conf" / "config.yaml"
    path.write_text("database: sqlite:///../data/t.sqlite?timeout=5\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    config = load_config(Path("../conf/config.yaml"), env={})
    assert config.database_url == f"sqlite:///{tmp_path}/data/t.sqlite?timeout=5"
    # From the environment, a relative path is the current directory's (a shell user's view).
    config = load_config(path, env={"TRACKER_DATABASE_URL": "sqlite:///b.sqlite"})
    assert config.database_url == f"sqlite:///{elsewhere}/b.sqlite"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("mysql://root:secret@db/x", r"database: Claim Tracker runs on SQLite or PostgreSQL, not mysql"),
        ("42", r"database: expected a database URL such as sqlite:///db/tracker.sqlite .*, got 42"),
        ("postgresql://me:secret@db:5432/x",
         r"database: PostgreSQL is used through psycopg 3 .*write 'postgresql\+psycopg://me:\*\*\*@db:5432/x'"),
        ("postgresql+psycopg2://db/x", r"driver psycopg2 is not installed"),
        ("sqlite://", r"in-memory SQLite database is gone when the command ends"),
        ("sqlite:tracker.db", r"expected a database URL"),
    ],
)  # fmt: skip
def test_database_url_dialect_and_driver_are_checked(
    tmp_path: Path, url: str, expected: str
) -> None:
    message = error_of(tmp_path, f"database: {url}\n")
    assert re.search(expected, message), message
    assert "secret" not in message


def test_database_url_from_the_environment_is_checked_too(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"^TRACKER_DATABASE_URL: Claim Tracker runs on"):
        load_config(write(tmp_path, "{}\n"), env={"TRACKER_DATABASE_URL": "oracle://x/y"})


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n"])
def test_empty_file_is_refused(tmp_path: Path, text: str) -> None:
    assert error_of(tmp_path, text).endswith("config.yaml: the file is empty (or only comments)")


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("polling: {intervall: 5m}\n", "polling.intervall: unknown key; did you mean `interval`?"),
        ("feed: []\n", "feed: unknown key; did you mean `feeds`?"),
        ("digest: {timezome: UTC}\n", "digest.timezome: unknown key; did you mean `timezone`?"),
        ("claims: [{id: a, text: x, keyword: [y]}]\n", "did you mean `keywords`?"),
    ],
)
def test_typo_suggests_the_nearest_key(tmp_path: Path, text: str, suggestion: str) -> None:
    assert suggestion in error_of(tmp_path, text)


def test_unrelated_unknown_key_suggests_nothing(tmp_path: Path) -> None:
    message = error_of(tmp_path, "colour: red\n")
    assert "did you mean" not in message and "expected one of: claims, daemon" in message


def test_config_that_tracks_nothing_is_warned_about(tmp_path: Path) -> None:
    from tracker.config import config_warnings

    empty = load_config(write(tmp_path, "polling: {interval: 5m}\n"), env={})
    assert [w.split(":")[0] for w in config_warnings(empty)] == ["no claims", "no feeds"]
    full = load_config(
        write(tmp_path, "feeds: [https://a.example/f]\nclaims: [{id: a, text: x}]\n"), env={}
    )
    assert config_warnings(full) == []


def test_config_path_that_is_a_folder_or_unreadable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is a folder, not a file"):
        load_config(tmp_path, env={})
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"feeds: [\xff]\n")
    with pytest.raises(ConfigError, match=r"bin\.yaml: not UTF-8 text \(byte 9\)"):
        load_config(binary, env={})


def test_config_path_from_env(tmp_path: Path) -> None:
    path = write(tmp_path, "feeds: [https://example.org/feed.xml]\n")
    config = load_config(None, env={"TRACKER_CONFIG": str(path)})
    assert config.feeds[0].url == "https://example.org/feed.xml"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("feedz: []\n", r"config\.yaml: feedz: unknown key"),
        ("feeds: [{url: ftp://x.org/f}]\n", r"feeds\[0\]\.url: expected an http\(s\) URL"),
        ("feeds: [{url: 'https://a.org/f', interval: soon}]\n", r"feeds\[0\]\.interval: expected a duration"),
        ("feeds: [{url: 'https://a.org/f', colour: red}]\n", r"feeds\[0\]\.colour: unknown key"),
        ("feeds: [https://a.org/f, https://a.org/f]\n", r"feeds\[1\]\.url: duplicate feed URL"),
        ("claims: [{id: a, text: x}, {id: a, text: y}]\n", r"claims\[1\]\.id: duplicate claim id 'a'"),
        ("claims: [{id: Not Kebab, text: x}]\n", r"claims\[0\]\.id: .*kebab-case"),
        ("claims: [{id: a}]\n", r"claims\[0\]\.text: required key is missing"),
        ("claims: [{id: a, text: x, quantity: {value: -3}}]\n", r"claims\[0\]\.quantity\.value: expected a positive number"),
        ("claims: [{id: a, text: x, window: {by: someday}}]\n", r"claims\[0\]\.window\.by: expected a date"),
        ("polling: {interval: 0}\n", r"polling\.interval: expected a positive duration"),
        ("polling: {timeout: {total: never}}\n", r"polling\.timeout\.total: expected a duration"),
        ("polling: {max_body: lots}\n", r"polling\.max_body: expected a size"),
        ("digest: {to: [not-an-address]}\n", r"digest\.to: expected an email address"),
        ("digest: {timezone: Mars/Olympus}\n", r"digest\.timezone: unknown time zone"),
        ("digest: {time: '25:00'}\n", r"digest\.time: expected a time of day"),
        ("digest: {smtp: {ssl: true, starttls: true}}\n", r"digest\.smtp: ssl and starttls exclude"),
        ("digest: {smtp: {port: 70000}}\n", r"digest\.smtp\.port: expected a port"),
        ("feeds: {url: x}\n", r"feeds: expected a list"),
        ("- just a list\n", r"top level: expected a mapping"),
    ],
)  # fmt: skip
def test_invalid_config_names_file_key_and_expectation(
    tmp_path: Path, text: str, expected: str
) -> None:
    assert re.search(expected, error_of(tmp_path, text)), error_of(tmp_path, text)


def test_yaml_syntax_error_names_line(tmp_path: Path) -> None:
    message = error_of(tmp_path, "feeds:\n  - url: [unclosed\n")
    assert "config.yaml" in message and "line 3" in message


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "absent.yaml", env={})


def test_claim_hints_are_read(tmp_path: Path) -> None:
    config = load_config(
        write(
            tmp_path,
            """
claims:
  - id: chips-50k
    text: A firm holds about 50,000 chips.
    entities: [[DeepSeek, दीपसीक], Nvidia]
    quantity: {value: 50000, unit: chips, tolerance: 0.1}
    attributed_to: [Alexandr Wang]
    window: {by: 2025-05-15}
""",
        ),
        env={},
    )
    claim = config.claims[0]
    assert claim.entities == (("DeepSeek", "दीपसीक"), ("Nvidia",))
    assert claim.quantity is not None and claim.quantity.value == 50000
    assert claim.quantity.tolerance == pytest.approx(0.1)
    assert claim.window is not None and claim.window.by == date(2025, 5, 15)


def test_definition_hash_changes_with_hints(tmp_path: Path) -> None:
    base = "claims: [{id: a, text: Same text.%s}]\n"
    plain = load_config(write(tmp_path, base % ""), env={}).claims[0]
    hinted = load_config(write(tmp_path, base % ", keywords: [x]"), env={}).claims[0]
    again = load_config(write(tmp_path, base % ""), env={}).claims[0]
    assert plain.definition_hash == again.definition_hash
    assert plain.definition_hash != hinted.definition_hash


def test_x_keys_hold_anchors_only_at_top_level(tmp_path: Path) -> None:
    ok = "x-names: &n [A, B]\nclaims: [{id: a, text: t, entities: [*n]}]\n"
    assert load_config(write(tmp_path, ok), env={}).claims[0].entities == (("A", "B"),)
    assert "x-thing: unknown key" in error_of(tmp_path, "polling: {x-thing: 1}\n")


@pytest.mark.parametrize(
    ("value", "seconds"), [(90, 90), ("90s", 90), ("15m", 900), ("1h30m", 5400), ("2d", 172800)]
)
def test_parse_duration(value: object, seconds: int) -> None:
    assert parse_duration(value) == seconds


@pytest.mark.parametrize("value", ["", "fast", "-5m", 0, True, "1x"])
def test_parse_duration_rejects(value: object) -> None:
    with pytest.raises(ValueError):
        parse_duration(value)


def test_parse_size() -> None:
    assert parse_size("10MB") == 10_000_000
    assert parse_size("1MiB") == 1_048_576
    assert parse_size(512) == 512
    with pytest.raises(ValueError):
        parse_size("huge")


def test_readme_documents_every_configuration_key() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [key for key in KNOWN_KEYS if f"`{key}`" not in readme]
    assert not missing, f"README.md lacks configuration keys: {missing}"


def test_unquoted_time_read_as_sexagesimal_still_works() -> None:
    config = parse_config({"digest": {"time": 420}}, env={})
    assert config.digest.time == time(7, 0)


def test_lexicon_category_must_be_known(tmp_path: Path) -> None:
    message = error_of(tmp_path, "lexicons: {mr: {refutes: [खोडले]}}\n")
    assert "lexicons.mr.refutes: unknown key" in message
    assert "refute" in message and "hedge" in message


def test_lexicon_categories_extend_the_shipped_cues(tmp_path: Path) -> None:
    text = "lexicons: {en: {refute: [debunks], estimate: [ballparks], source: [think tank]}}\n"
    config = load_config(write(tmp_path, text), env={})
    assert config.lexicons["en"]["source"] == ("think tank",)


def test_glossary_entries_are_read_folded_and_typed(tmp_path: Path) -> None:
    from tracker.engine.glossary import GlossaryEntry

    assert parse_config({}, env={}).glossary == ()
    text = "glossary:\n  - {en: [Zorbing, zorbs], mr: [गोलफिरकी]}\n  - {hi: [सूखा], mr: [दुष्काळ]}\n"
    config = load_config(write(tmp_path, text), env={})
    assert config.glossary == (
        GlossaryEntry(en=("zorbing", "zorbs"), mr=("गोलफिरकी",)),
        GlossaryEntry(hi=("सूखा",), mr=("दुष्काळ",)),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("glossary: {en: [drought]}\n", r"glossary: expected a list, got a mapping"),
        ("glossary: [drought]\n", r"glossary\[0\]: an entry maps en, hi and mr to lists"),
        ("glossary:\n  - {en: [rain], mr: [पाऊस]}\n  - {en: [drought], fr: [sécheresse]}\n",
         r"glossary\[1\]: an entry maps en, hi and mr to lists of words"),
        ("glossary: [{en: [drought], hi: सूखा}]\n", r"glossary\[0\]: hi must be a list of words"),
        ("glossary: [{en: [rain], mr: [पाऊस]}, {en: [rain], mr: [पाऊस]}, {en: [a], mr: [ब]},"
         " {en: [drought], hi: [sukha]}]\n",
         r"glossary\[3\]: 'sukha' under hi is not in Devanagari"),
        ("glossary: [{en: [सूखा], hi: [सूखा]}]\n", r"glossary\[0\]: 'सूखा' under en is not in Latin"),
        ("glossary: [{en: [dry spell], hi: [सूखा]}]\n", r"glossary\[0\]: 'dry spell' is not one word"),
        ("glossary: [{en: [drought]}]\n", r"glossary\[0\]: needs words in at least two languages"),
    ],
)  # fmt: skip
def test_a_bad_glossary_entry_names_the_config_file_and_the_entry(
    tmp_path: Path, text: str, expected: str
) -> None:
    message = error_of(tmp_path, text)
    assert re.fullmatch(r".*config\.yaml: " + expected + r".*", message), message


def test_engine_embeddings_is_on_by_default_and_must_be_a_boolean(tmp_path: Path) -> None:
    from tracker.config import parse_config

    assert parse_config({}, env={}).engine.embeddings is True
    assert (
        parse_config(yaml.safe_load("engine: {embeddings: off}"), env={}).engine.embeddings is False
    )
    with pytest.raises(ConfigError, match=r"config: engine.embeddings: expected true or false"):
        parse_config({"engine": {"embeddings": "sometimes"}}, env={})
    with pytest.raises(
        ConfigError, match=r"engine.embedings: unknown key; did you mean `embeddings`"
    ):
        parse_config({"engine": {"embedings": True}}, env={})
