"""What an engine change does to every verdict on the tuning streams, pair by pair.

`dump` writes one line per (stream, plain/hinted, story, claim) with the language,
the label and the verdict (tab-separated) for the engine importable now; `diff`
compares two such files: every pair whose verdict moved, marked FIXED (now right),
BROKE (was right) or MOVED (wrong both times), then decisive F1 (corroborates +
contradicts, micro, over the pairs both files hold) per claim form. Run `dump` before
and after a change (or with `PYTHONPATH` set to a git worktree of the base commit,
the script run from inside it): a change that fixes the streams' errors and breaks
nothing shows here before it is worth a test. The held-out streams (bench/heldout)
are left out, as everywhere else that reads errors.

    .venv/bin/python bench/verdict_diff.py dump /tmp/before.tsv
    .venv/bin/python bench/verdict_diff.py dump /tmp/after.tsv
    .venv/bin/python bench/verdict_diff.py diff /tmp/before.tsv /tmp/after.tsv

`dump --proxies` adds the FNC-1 and Emergent test pairs (their "stream" named after
the data set, a few minutes more): a rule for the single-topic streams that moves
verdicts there shows up item by item. Each stream verdict carries the reason that
decided it (its last), which `diff` prints after a moved pair: which rule moved it.

`census` reads one dump and tells how often each rule is right: the stream verdicts
grouped by their reason (quoted words and figures masked, so "negation \"not\" in a
headline ..." is one rule), with the gold labels each group holds. A rule right on
fewer than half its decisive verdicts is where to read the pairs (engines 3.28 and 3.29
were found so):

    .venv/bin/python bench/verdict_diff.py census /tmp/after.tsv --form plain
    .venv/bin/python bench/verdict_diff.py census /tmp/after.tsv --verdicts discusses
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import TextIO

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _embedcache import cached_encoder
from _streams import all_streams

from tracker.engine.batch import batch_matcher
from tracker.engine.vectors import Encoder

#: (stream, form, story, claim) -> (language, label, verdict, the deciding reason or "")
Verdicts = dict[tuple[str, str, str, str], tuple[str, str, str, str]]
DECISIVE = ("corroborates", "contradicts")
#: The proxy data sets `dump --proxies` adds, by the name they stand under.
PROXIES = ("fnc1-train", "emergent-train")


def dump(out: Path, lexical: bool, proxies: bool = False) -> None:
    encoder = cached_encoder(lexical)
    with out.open("w", encoding="utf-8") as file:
        if proxies:
            _dump_proxies(file, encoder)
        for stream in all_streams("all"):
            for hinted in (False, True):
                claims = stream.claims(hinted)
                matcher, _, vectors = batch_matcher(claims, stream.stories, encoder=encoder)
                form = "hinted" if hinted else "plain"
                for index, (story, vector) in enumerate(zip(stream.stories, vectors, strict=True)):
                    found = {
                        v.claim_id: (v.stance.value, _one_line(v.reasons[-1] if v.reasons else ""))
                        for v in matcher.match(story, now=story.published, vectors=vector)
                    }
                    for claim in claims:
                        verdict, why = found.get(claim.id, ("unrelated", ""))
                        row = (
                            stream.name, form, stream.langs[index], story.entry_key, claim.id,
                            stream.gold(index, claim.id), verdict, why,
                        )  # fmt: skip
                        file.write("\t".join(row) + "\n")


def _one_line(text: str) -> str:
    """A reason as one field of a dump line."""
    return " ".join(text.split())


def _dump_proxies(file: TextIO, encoder: Encoder | None) -> None:
    """The FNC-1 and Emergent test pairs, as `bench/stance_eval.py` judges them (its
    "stream" is the data set): an engine change that moves none of them keeps the
    proxies' figures."""
    import stance_eval

    stance_eval.ENCODER = encoder
    for folder, by in zip(PROXIES, ("story", "claim"), strict=True):
        result = stance_eval.run(folder, "test", by, None)
        for (claim, story), gold, verdict in zip(
            result.labelled, result.gold, result.predicted, strict=True
        ):
            file.write("\t".join((folder, "plain", "en", story, claim, gold, verdict, "")) + "\n")


def load(path: Path) -> Verdicts:
    verdicts: Verdicts = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        fields = line.split("\t")
        if len(fields) not in (7, 8):  # (dumps written before the reason was added: 7)
            raise SystemExit(f"{path}:{number}: expected 8 tab-separated fields, got {len(fields)}")
        stream, form, lang, story, claim, label, verdict = fields[:7]
        why = fields[7] if len(fields) == 8 else ""
        verdicts[(stream, form, story, claim)] = (lang, label, verdict, why)
    return verdicts


def decisive_f1(verdicts: Verdicts, keys: set[tuple[str, str, str, str]], form: str) -> float:
    hits = wrong = missed = 0
    for key in keys:
        if key[1] != form:
            continue
        _, label, verdict, _ = verdicts[key]
        for stance in DECISIVE:
            hits += label == stance and verdict == stance
            wrong += verdict == stance and label != stance
            missed += label == stance and verdict != stance
    return 2 * hits / (2 * hits + wrong + missed) if hits else 0.0


def diff(before: Verdicts, after: Verdicts) -> None:
    common = set(before) & set(after)
    for key in sorted(common):
        lang, label, old, _ = before[key]
        new, why = after[key][2], after[key][3]
        if old == new:
            continue
        kind = "FIXED" if new == label else "BROKE" if old == label else "MOVED"
        print(kind, *key[:2], lang, *key[2:], f"label={label} {old}->{new}")
        if why:
            print(f"    now: {why}")
    streams = {key for key in common if key[0] not in PROXIES}
    for form in ("plain", "hinted"):
        pairs = sum(1 for key in streams if key[1] == form)
        if pairs:
            was, now = decisive_f1(before, streams, form), decisive_f1(after, streams, form)
            print(f"{form:6} decisive F1 {was:.3f} -> {now:.3f} ({pairs} pairs)")
    for proxy in PROXIES:
        keys = {key for key in common if key[0] == proxy}
        if keys:
            moved = sum(1 for key in keys if before[key][2] != after[key][2])
            was, now = decisive_f1(before, keys, "plain"), decisive_f1(after, keys, "plain")
            print(f"{proxy} decisive F1 {was:.3f} -> {now:.3f} ({moved} of {len(keys)} moved)")


#: What a reason's wording varies in, masked so that one rule's verdicts group together:
#: quoted words ("not", "नहीं") and figures (percentages, similarities, numbers).
_QUOTED_RE = re.compile(r'"[^"]*"')
_FIGURE_RE = re.compile(r"\d+(?:[.,]\d+)*")


def rule_of(reason: str) -> str:
    """A verdict's reason with its quoted words and figures masked: its rule."""
    return _FIGURE_RE.sub("N", _QUOTED_RE.sub('"…"', reason))


def census(verdicts: Verdicts, form: str, decisive: bool, least: int) -> None:
    """Per rule (`rule_of` the deciding reason) of the stream verdicts of `form` that are
    decisive (or, with `decisive` False, "discusses"): how many, the share whose label is
    the verdict, and the labels they hold; rules with fewer than `least` left out."""
    groups: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for (stream, claim_form, _, _), (_, label, verdict, why) in verdicts.items():
        if stream in PROXIES or claim_form != form:
            continue
        if (verdict in DECISIVE) != decisive or (not decisive and verdict != "discusses"):
            continue
        groups[(verdict, rule_of(why))][label] += 1
    ranked = sorted(groups.items(), key=lambda item: -sum(item[1].values()))
    for (verdict, rule), labels in ranked:
        total = sum(labels.values())
        if total < least:
            continue
        held = ", ".join(f"{label} {n}" for label, n in labels.most_common())
        print(f"{total:5d} {labels[verdict] / total:4.0%} {verdict:12} {rule}  [{held}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    write = commands.add_parser("dump", help="write every verdict to a file")
    write.add_argument("out", type=Path)
    write.add_argument("--lexical", action="store_true", help="no sentence encoder")
    write.add_argument(
        "--proxies", action="store_true", help="the FNC-1 and Emergent test pairs too"
    )
    compare = commands.add_parser("diff", help="compare two dumps")
    compare.add_argument("before", type=Path)
    compare.add_argument("after", type=Path)
    count = commands.add_parser("census", help="how often each rule is right, from one dump")
    count.add_argument("dump", type=Path)
    count.add_argument("--form", choices=("plain", "hinted"), default="plain")
    count.add_argument(
        "--verdicts", choices=("decisive", "discusses"), default="decisive",
        help="which verdicts to group (default: corroborates and contradicts)",
    )  # fmt: skip
    count.add_argument("--min", type=int, default=8, help="leave out rules with fewer verdicts")
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out, args.lexical, args.proxies)
    elif args.command == "census":
        census(load(args.dump), args.form, args.verdicts == "decisive", args.min)
    else:
        diff(load(args.before), load(args.after))


if __name__ == "__main__":
    main()
