"""Read commands' output (tracker.output): four formats, tables that fit by display width."""

from __future__ import annotations

import csv
import io
import json

import pytest
import wcwidth
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.output import Column, display_width, render_table, showing, write_records

COLUMNS = [
    Column("id", "id", min_width=3, numeric=True),
    Column("title", "title", min_width=12),
    Column("feed", "feed", min_width=10, max_width=20, drop=1),
    Column("why", "why", min_width=16, drop=2),
]
ROWS = [
    {"id": 1, "title": "दक्षिण कोरियाने डीपसीकचे अॅप अॅप स्टोअरमधून हटवले", "feed": "उदाहरण बातमीपत्र",
     "why": "entity 'DeepSeek' matched as 'डीपसीकचे'; 4 of 20 key terms found"},
    {"id": 22, "title": "DeepSeek rejects report it holds banned Nvidia processors",
     "feed": "Example Wire", "why": "refuting cue 'rejected' governs 'DeepSeek'"},
    {"id": 333, "title": "日本語の見出し: DeepSeek", "feed": "東京", "why": "—"},
]  # fmt: skip


def test_devanagari_is_measured_by_display_width() -> None:
    # Each vowel sign takes a cell beside its consonant; len() and rich count otherwise.
    assert display_width("डीपसीक") == 6 and len("डीपसीक") == 6
    assert display_width("क्षि") == 2
    assert display_width("日本") == 4
    assert display_width("a\x1bb") == 3  # a control character shows as a space


@pytest.mark.parametrize("width", [26, 40, 60, 80, 120])
def test_tables_fit_the_width_in_display_cells(width: int) -> None:
    table = render_table(ROWS, COLUMNS, width, title="Stories")
    for line in table.splitlines():
        assert wcwidth.width(line) <= width, (width, line)
    # Every word of every title is still there, wrapped.
    words = " ".join(table.split())
    for row in ROWS:
        for word in str(row["title"]).split():
            assert word in words or any(part in words for part in wcwidth.wrap(word, 8)), word


def test_columns_are_aligned_by_display_width() -> None:
    table = render_table(ROWS, COLUMNS[:3], 200)
    lines = table.splitlines()
    # The feed column starts at the same display column on every row.
    starts = {wcwidth.width(line[: line.index(feed)]) for line in lines
              for feed in ("उदाहरण", "Example Wire", "東京") if feed in line}  # fmt: skip
    assert len(starts) == 1, lines


def test_least_needed_columns_are_dropped_and_said() -> None:
    narrow = render_table(ROWS, COLUMNS, 26)
    assert "why" not in narrow.splitlines()[0] and "feed" not in narrow.splitlines()[0]
    assert "(why, feed left out to fit 26 columns" in " ".join(narrow.split())
    wide = render_table(ROWS, COLUMNS, 160)
    assert "left out" not in wide and wide.splitlines()[0].split() == ["id", "title", "feed", "why"]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.text(alphabet=st.sampled_from("ab कडीप्षि日本 -\n"), max_size=60), min_size=1, max_size=5),
    st.integers(min_value=45, max_value=120),
)  # fmt: skip
def test_any_text_fits(titles: list[str], width: int) -> None:
    rows = [{"id": i, "title": t, "feed": t[:10], "why": t} for i, t in enumerate(titles)]
    for line in render_table(rows, COLUMNS, width).splitlines():
        assert wcwidth.width(line) <= width


def test_records_in_json_jsonl_and_csv() -> None:
    records = [{"id": 1, "reasons": ["a", "b"], "copies": {"x": 1}, "title": 'डीपसीक, "q"'}]
    keys = ["id", "title", "reasons", "copies"]
    out = io.StringIO()
    write_records(records, "json", out, keys=keys)
    assert json.loads(out.getvalue()) == records
    out = io.StringIO()
    write_records(records, "jsonl", out, keys=keys)
    assert [json.loads(x) for x in out.getvalue().splitlines()] == records
    out = io.StringIO()
    write_records(records, "csv", out, keys=keys)
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row == {"id": "1", "title": 'डीपसीक, "q"', "reasons": "a; b", "copies": '{"x": 1}'}


def test_showing_says_how_to_see_the_rest() -> None:
    assert showing(50, 16512, "stories") == (
        "showing 50 of 16,512 stories; --limit N or --all for more"
    )
    assert showing(12, 12, "stories") is None
