"""Reading claims and stories from files for offline batch matching (`tracker match`).

Claims: YAML (the config's `claims:` list, or a whole config file, whose `lexicons`
and `glossary` apply too) or JSON Lines `{"id", "text", ...hints}`. Stories: JSON
Lines `{"id", "title", "summary" or "body", "published"?, "lang"?, "url"?}`; unknown
keys are ignored. Errors name the file and line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .config import load_yaml, read_claims, read_engine_words
from .engine.glossary import GlossaryEntry
from .engine.text import clean_text, html_to_text
from .errors import ConfigError, InputError
from .types import Claim, Story


@dataclass(frozen=True)
class ClaimsFile:
    """What a claims file gives `tracker match`: the claims and, from a whole config
    file, its extra stance cue words and glossary entries."""

    claims: tuple[Claim, ...]
    lexicons: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    glossary: tuple[GlossaryEntry, ...] = ()


def read_claims_file(path: Path) -> tuple[Claim, ...]:
    """Claims from YAML or JSON Lines (chosen by the .jsonl/.ndjson suffix)."""
    return read_match_file(path).claims


def read_match_file(path: Path) -> ClaimsFile:
    """Claims from YAML or JSON Lines (chosen by the .jsonl/.ndjson suffix); from a
    YAML mapping (a whole config file), its `lexicons` and `glossary` too."""
    source = str(path)
    lexicons: Mapping[str, Mapping[str, tuple[str, ...]]] = {}
    glossary: tuple[GlossaryEntry, ...] = ()
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        items = [(f"line {n}", obj) for n, obj in _json_lines(path)]
        # JSON Lines from other tools may carry extra keys: keep what a claim knows.
        known = {"id", "text", "entities", "keywords", "quantity", "attributed_to", "window"}
        items = [(p, {k: v for k, v in o.items() if k in known}) for p, o in items]
    else:
        try:
            data = load_yaml(path)
        except ConfigError as exc:
            raise InputError(exc.message) from None
        if isinstance(data, dict):
            try:
                lexicons, glossary = read_engine_words(source, data)
            except ConfigError as exc:
                raise InputError(exc.message) from None
            data = data.get("claims")
        if not isinstance(data, list):
            raise InputError(f"{source}: expected a list of claims (or a mapping with `claims:`)")
        items = [(f"claims[{i}]", item) for i, item in enumerate(data)]
    try:
        claims = read_claims(source, items)
    except ConfigError as exc:
        raise InputError(exc.message) from None
    if not claims:
        raise InputError(f"{source}: no claims found")
    return ClaimsFile(claims, lexicons, glossary)


def iter_stories_file(path: Path) -> Iterator[tuple[str, Story]]:
    """(story id, Story) per JSON line. The id becomes the entry key."""
    for n, obj in _json_lines(path):
        where = f"{path}: line {n}"
        story_id = obj.get("id")
        if not isinstance(story_id, str | int) or isinstance(story_id, bool) or story_id == "":
            raise InputError(f'{where}: expected a non-empty "id" (text or number)')
        title = _text_field(obj, "title", where)
        body = _text_field(obj, "summary", where) or _text_field(obj, "body", where)
        if not title and not body:
            raise InputError(f'{where}: a story needs a "title", "summary" or "body"')
        url = obj.get("url")
        lang = obj.get("lang")
        yield (
            str(story_id),
            Story(
                feed_url=str(path),
                entry_key=str(story_id),
                title=html_to_text(title),
                text=html_to_text(body),
                link=url
                if isinstance(url, str) and url.startswith(("http://", "https://"))
                else None,
                published=_published(obj.get("published"), where),
                lang=lang if isinstance(lang, str) else None,
            ),
        )


def _text_field(obj: dict[str, object], key: str, where: str) -> str:
    value = obj.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(f'{where}: "{key}" must be text')
    return clean_text(value)


def _published(value: object, where: str) -> datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            pass
        else:
            return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    raise InputError(f'{where}: "published" must be an ISO 8601 date-time, got {value!r}')


def _json_lines(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    with handle:
        try:
            for n, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}: line {n}: invalid JSON: {exc.msg}") from None
                if not isinstance(obj, dict):
                    raise InputError(f"{path}: line {n}: expected a JSON object")
                yield n, obj
        except UnicodeDecodeError:
            raise InputError(f"{path}: not UTF-8 text") from None
