"""bench/verdict_diff.py: comparing two dumps of every verdict on the tuning streams."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import verdict_diff


def _write(path: Path, rows: list[tuple[str, ...]]) -> Path:
    path.write_text("".join("\t".join(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_diff_marks_each_moved_verdict_and_scores_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        ("s", "plain", "en", "a1", "c", "contradicts", "discusses"),
        ("s", "plain", "hi", "a2", "c", "corroborates", "corroborates"),
        ("s", "plain", "mr", "a3", "c", "unrelated", "discusses"),
        ("s", "plain", "en", "a4", "c", "unrelated", "unrelated"),
    ]
    before = verdict_diff.load(_write(tmp_path / "before.tsv", rows))
    changed = [
        ("s", "plain", "en", "a1", "c", "contradicts", "contradicts"),  # fixed
        ("s", "plain", "hi", "a2", "c", "corroborates", "discusses"),  # broke
        ("s", "plain", "mr", "a3", "c", "unrelated", "corroborates"),  # wrong both times
        ("s", "plain", "en", "a4", "c", "unrelated", "unrelated"),
    ]
    after = verdict_diff.load(_write(tmp_path / "after.tsv", changed))
    verdict_diff.diff(before, after)
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out[:3]] == ["FIXED", "BROKE", "MOVED"]
    assert "a4" not in "\n".join(out)
    # Before: one corroboration right, one contradiction missed -> 2*1 / (2 + 0 + 1).
    # After: one contradiction right, one corroboration missed, one wrongly given.
    assert out[3:] == ["plain  decisive F1 0.667 -> 0.500 (4 pairs)"]


def test_a_malformed_dump_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("s\tplain\ten\ta1\tc\tcontradicts\tdiscusses\nonly\tfour\tfields\there\n")
    with pytest.raises(SystemExit, match=r"bad.tsv:2: expected 8"):
        verdict_diff.load(path)


def test_diff_counts_the_proxy_pairs_apart_from_the_streams(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `dump --proxies` rows stand under the data set's name: they are counted on their
    # own line (how many moved), not in the streams' decisive F1.
    rows = [
        ("s", "plain", "en", "a1", "c", "contradicts", "contradicts"),
        ("fnc1-train", "plain", "en", "9", "f", "contradicts", "contradicts"),
        ("fnc1-train", "plain", "en", "8", "f", "discusses", "discusses"),
    ]
    changed = [*rows[:2], ("fnc1-train", "plain", "en", "8", "f", "discusses", "corroborates")]
    before = verdict_diff.load(_write(tmp_path / "before.tsv", rows))
    after = verdict_diff.load(_write(tmp_path / "after.tsv", changed))
    verdict_diff.diff(before, after)
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("BROKE fnc1-train plain en 8 f")
    assert out[1] == "plain  decisive F1 1.000 -> 1.000 (1 pairs)"
    assert out[2] == "fnc1-train decisive F1 1.000 -> 0.667 (1 of 2 moved)"


def test_diff_prints_the_reason_that_decided_a_moved_verdict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Dumps carry each verdict's deciding reason; dumps written before it (7 fields)
    # still load.
    before = verdict_diff.load(
        _write(
            tmp_path / "before.tsv", [("s", "plain", "en", "a1", "c", "discusses", "corroborates")]
        )
    )
    rows = [("s", "plain", "en", "a1", "c", "discusses", "discusses", "asks a question")]
    after = verdict_diff.load(_write(tmp_path / "after.tsv", rows))
    verdict_diff.diff(before, after)
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == [
        "FIXED s plain en a1 c label=discusses corroborates->discusses",
        "    now: asks a question",
    ]


def test_census_groups_verdicts_by_rule_with_quotes_and_figures_masked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        ("s", "plain", "en", "a1", "c", "contradicts", "contradicts", 'negation "not" (40% of it)'),
        ("s", "plain", "hi", "a2", "c", "corroborates", "contradicts", 'negation "नहीं" (35% of it)'),
        ("s", "plain", "en", "a3", "c", "discusses", "contradicts", 'negation "no" (51% of it)'),
        ("s", "plain", "en", "a4", "c", "corroborates", "corroborates", "states it (60% of it)"),
        ("s", "plain", "en", "a5", "c", "corroborates", "discusses", "asks a question"),
        ("s", "hinted", "en", "a1", "c", "contradicts", "corroborates", "states it (70% of it)"),
        ("fnc1-train", "plain", "en", "9", "f", "discusses", "contradicts", ""),
    ]  # fmt: skip
    verdicts = verdict_diff.load(_write(tmp_path / "dump.tsv", rows))
    verdict_diff.census(verdicts, "plain", decisive=True, least=1)
    out = capsys.readouterr().out.splitlines()
    # One rule for the three negations (the quoted word and the figure masked), right
    # once in three; the proxy pair, the hinted pair and the "discusses" left out.
    assert len(out) == 2
    assert out[0].split()[:3] == ["3", "33%", "contradicts"]
    assert 'negation "…" (N% of it)' in out[0]
    assert "contradicts 1" in out[0] and "corroborates 1" in out[0] and "discusses 1" in out[0]
    assert out[1].split()[:3] == ["1", "100%", "corroborates"]
    verdict_diff.census(verdicts, "plain", decisive=False, least=1)
    assert capsys.readouterr().out.split()[:3] == ["1", "0%", "discusses"]
