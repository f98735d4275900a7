"""bench/verdict_diff.py: comparing two dumps of every verdict on the tuning streams."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tracker.engine.matcher import READER_KEEPS

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


ROWS = [
    ("s", "plain", "en", "a1", "c1", "corroborates", "corroborates", "states it"),
    ("s", "plain", "hi", "a2", "c1", "corroborates", "discusses", "no sentence states it"),
    ("s", "plain", "mr", "a3", "c2", "contradicts", "corroborates", "states it"),
    ("s", "plain", "en", "a4", "c2", "unrelated", "unrelated", ""),
    ("s", "hinted", "en", "a1", "c1", "corroborates", "discusses", "no sentence states it"),
    ("fnc1-train", "plain", "en", "f1", "h1", "corroborates", "discusses", "hedge"),
]


@pytest.fixture
def dumped(tmp_path: Path) -> verdict_diff.Verdicts:
    return verdict_diff.load(_write(tmp_path / "dump.tsv", ROWS))


def test_confusion_counts_labels_against_verdicts_of_one_form_language_and_kind(
    dumped: verdict_diff.Verdicts, capsys: pytest.CaptureFixture[str]
) -> None:
    verdicts = dumped
    keys = verdict_diff.selected(verdicts, "plain")
    assert len(keys) == 4  # the hinted form and the proxy left out
    table = verdict_diff.confusion(verdicts, keys)
    assert table[("corroborates", "corroborates")] == 1
    assert table[("corroborates", "discusses")] == 1
    assert table[("contradicts", "corroborates")] == 1
    assert verdict_diff.selected(verdicts, "plain", lang="mr") == [("s", "plain", "a3", "c2")]
    kinds = {("s", "c1"): "attributed", ("s", "c2"): "number"}
    by_kind = verdict_diff.selected(verdicts, "plain", kind="number", kinds=kinds)
    assert sorted(key[2] for key in by_kind) == ["a3", "a4"]
    verdict_diff.print_confusion(verdicts, keys)
    out = capsys.readouterr().out
    # One corroboration right (a1); a3 said wrongly and its contradiction missed, a2
    # missed: F1 2*1 / (2 + 1 + 2), precision 1 of 2 said, recall 1 of 3 labelled.
    assert "decisive F1 0.400 (precision 0.500, recall 0.333; 4 pairs)" in out


def test_sample_draws_the_pairs_of_a_cell_whose_reason_matches(
    dumped: verdict_diff.Verdicts,
) -> None:
    verdicts = dumped
    keys = verdict_diff.selected(verdicts, "plain")
    picked = verdict_diff.sample(verdicts, keys, "corroborates", "discusses", "^no sentence", 5, 0)
    assert picked == [("s", "plain", "a2", "c1")]
    assert verdict_diff.sample(verdicts, keys, None, "corroborates", "", 5, 0) == [
        ("s", "plain", "a1", "c1"),
        ("s", "plain", "a3", "c2"),
    ]
    assert len(verdict_diff.sample(verdicts, keys, None, None, "", 2, 1)) == 2


def _tiny_stream(folder: Path) -> Path:
    """A stream of four stories about an invented ropeway, in the shared format."""
    folder.mkdir()
    claim = {
        "id": "shut",
        "text": "The Velgiri ropeway was shut after cracks appeared in its towers.",
    }
    (folder / "claims.jsonl").write_text(json.dumps(claim) + "\n", encoding="utf-8")
    (folder / "claims-hinted.yaml").write_text(
        'claims:\n  - id: shut\n    text: "' + claim["text"] + '"\n    keywords: [shut, cracks]\n',
        encoding="utf-8",
    )
    stories = [
        ("r1", "Velgiri ropeway shut after cracks found in its towers",
         "Officials shut the Velgiri ropeway on Monday after engineers found cracks in two"
         " of its towers.", {"shut": "corroborates"}),
        ("r2", "Velgiri ropeway ticket prices revised",
         "The Velgiri ropeway revised its ticket prices for the winter season.", {}),
        ("r3", "Velgiri tourism up this winter",
         "Hotels in Velgiri report more tourists than last winter.", {}),
        ("r4", "Snowfall brings tourists to Velgiri",
         "Fresh snowfall drew crowds to Velgiri's slopes.", {"shut": "discusses"}),
    ]  # fmt: skip
    with (folder / "stories.jsonl").open("w", encoding="utf-8") as file:
        for key, title, text, labels in stories:
            row = {"id": key, "feed": "Velgiri Times", "lang": "en", "title": title,
                   "summary": text, "published": "2026-01-05T06:00:00Z", "labels": labels}  # fmt: skip
            file.write(json.dumps(row) + "\n")
    return folder


def test_pairs_writes_each_related_pair_with_its_evidence(tmp_path: Path) -> None:
    from _streams import load_stream

    stream = load_stream(_tiny_stream(tmp_path / "velgiri-dev"))
    out = tmp_path / "pairs.jsonl"
    written = verdict_diff.pairs(out, lexical=True, streams=[stream])
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert written == len(rows)
    by_key = {(row["form"], row["story"]): row for row in rows}
    for form in ("plain", "hinted"):
        stated = by_key[(form, "r1")]
        assert stated["label"] == "corroborates"
        assert stated["verdict"] == "corroborates", stated["reason"]
        assert "cracks" in stated["evidence"] and stated["claim_text"].startswith("The Velgiri")
        # A labelled pair the engine leaves unrelated is written with the evidence
        # `Matcher.judge` finds, so a learned step sees every labelled pair.
        missed = by_key[(form, "r4")]
        assert (missed["label"], missed["verdict"]) == ("discusses", "unrelated")
        assert missed["evidence"]
    # Pairs neither the labels nor the engine relate are left out.
    assert not {story for _, story in by_key} & {"r3"}


def test_pairs_near_adds_the_unrelated_pairs_near_the_bar(tmp_path: Path) -> None:
    """Each row gives its relevance as a share of the bar and the stance step's own
    stance; `near` adds the pairs neither relates whose share reaches it, and only those."""
    from _streams import load_stream

    stream = load_stream(_tiny_stream(tmp_path / "velgiri-dev"))
    plain, near = tmp_path / "plain.jsonl", tmp_path / "near.jsonl"
    verdict_diff.pairs(plain, lexical=True, streams=[stream])
    verdict_diff.pairs(near, lexical=True, streams=[stream], near=0.0)
    rows = {
        name: [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        for name, path in (("plain", plain), ("near", near))
    }
    for row in rows["plain"]:
        assert row["share"] >= 0 and row["rules"] in ("corroborates", "contradicts", "discusses")
        assert (row["share"] >= 1) == (row["verdict"] != "unrelated") or row["share"] == 0
        # The stance rule, and whether the reader may overrule it: never an exact check.
        assert isinstance(row["rule"], str) and isinstance(row["reads"], bool)
        assert not (row["reads"] and row["rule"] in READER_KEEPS)
    added = [row for row in rows["near"] if row not in rows["plain"]]
    assert added, "at share 0 every unrelated pair is near"
    assert all((r["label"], r["verdict"]) == ("unrelated", "unrelated") for r in added)
    assert len(rows["near"]) == 2 * 4, "both forms, every story"
    highest = max(r["share"] for r in added)
    verdict_diff.pairs(near, lexical=True, streams=[stream], near=highest + 1e-3)
    assert len(near.read_text(encoding="utf-8").splitlines()) == len(rows["plain"])
