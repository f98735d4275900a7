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

`confusion` prints one dump's labels against its verdicts (4 x 4) with decisive F1,
precision and recall, for a form, a language (`--lang`) or a kind of claim (`--kind`,
read off the streams' hints): where the errors lie. `sample` then shows some pairs of a
cell, the claim, the evidence sentence and the reason, judged again by the engine
importable now (engine 3.35 was found so: "no sentence states ..." on pairs labelled
corroborates):

    .venv/bin/python bench/verdict_diff.py confusion /tmp/after.tsv --kind attributed
    .venv/bin/python bench/verdict_diff.py sample /tmp/after.tsv --label corroborates \
        --verdict discusses --reason "^no sentence states" --lang mr -n 12

`pairs` writes, as JSON Lines, every tuning pair the engine or the labels relate with
what a learned stance step would read: the claim's text, the story's title and text,
the evidence sentence (the verdict's, or for a pair the engine leaves unrelated the one
`Matcher.judge` finds), the label, the verdict and its reason, the stance step's own
stance ("rules") and the pair's relevance as a share of the bar ("share"; 0 when a name
the claim requires is missing). `--near 0.5` adds the pairs neither relates that reach
half the bar (what the stance reader would say below it; engine 3.58). Extract with
`TRACKER_STANCE_READER=off` for training the reader (`bench/train_reader.py`):

    TRACKER_STANCE_READER=off .venv/bin/python bench/verdict_diff.py pairs /tmp/pairs.jsonl
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _embedcache import cached_encoder
from _streams import KINDS, Stream, all_streams

from tracker.engine import matcher as matcher_mod
from tracker.engine.batch import batch_matcher
from tracker.engine.matcher import Matcher
from tracker.engine.relevance import Proposition, Relevance, share_of_bar
from tracker.engine.vectors import Encoder
from tracker.types import Claim, Story, Verdict

#: (stream, form, story, claim) -> (language, label, verdict, the deciding reason or "")
Verdicts = dict[tuple[str, str, str, str], tuple[str, str, str, str]]
DECISIVE = ("corroborates", "contradicts")
#: The proxy data sets `dump --proxies` adds, by the name they stand under.
PROXIES = ("fnc1-train", "emergent-train")


@dataclass(frozen=True)
class Judged:
    """One (story, claim) pair of a stream as the engine importable now matched it."""

    stream: Stream
    form: str
    index: int
    claim: Claim
    #: The engine's verdict, or None when it leaves the pair unrelated.
    verdict: Verdict | None
    #: Judges the pair even short of the relevance bar (`Matcher.judge`).
    judge: Callable[[], Verdict]
    #: The pair's relevance probability as a share of the bar (1.0 and over: related).
    share: Callable[[], float]
    #: The stance rule the stance step decided the pair with, and whether the reader may
    #: overrule it (a news item, no exact check: `matcher._reads`).
    rule: Callable[[], tuple[str, bool]]

    @property
    def label(self) -> str:
        return self.stream.gold(self.index, self.claim.id)


def judged_pairs(encoder: Encoder | None, streams: list[Stream] | None = None) -> Iterator[Judged]:
    """Every (story, claim) pair of `streams` (default: the tuning streams), both claim
    forms, with the engine's verdict: what `dump` and `pairs` write."""
    for stream in all_streams("all") if streams is None else streams:
        for hinted in (False, True):
            claims = stream.claims(hinted)
            matcher, _, vectors = batch_matcher(claims, stream.stories, encoder=encoder)
            form = "hinted" if hinted else "plain"
            for index, (story, vector) in enumerate(zip(stream.stories, vectors, strict=True)):
                now = story.published
                found = {v.claim_id: v for v in matcher.match(story, now=now, vectors=vector)}
                for claim in claims:
                    judge = functools.partial(matcher.judge, claim.id, story, now, vector)
                    # (measured once a pair, for its share and its rule alike)
                    measured = functools.cache(
                        functools.partial(matcher.measured, claim.id, story, vector)
                    )
                    share = functools.partial(_share, measured)
                    rule = functools.partial(_rule, matcher, measured, story)
                    yield Judged(
                        stream, form, index, claim, found.get(claim.id), judge, share, rule
                    )


_Measured = Callable[[], tuple[Proposition, Relevance]]


def _share(measured: _Measured) -> float:
    """A pair's relevance probability as a share of its path's bar (0 when the story
    lacks a name the claim requires: no probability makes that pair related)."""
    _, related = measured()
    return 0.0 if related.features.get("subject_unnamed") else share_of_bar(related)


def _rule(matcher: Matcher, measured: _Measured, story: Story) -> tuple[str, bool]:
    """The stance rule of a pair (its sentences measured as `judge` does) and whether the
    stance reader may overrule it."""
    prop, related = measured()
    judged = matcher._judge(prop.model, related, story, story.published)
    return judged.rule, matcher_mod._reads(related, judged)


def dump(out: Path, lexical: bool, proxies: bool = False) -> None:
    encoder = cached_encoder(lexical)
    with out.open("w", encoding="utf-8") as file:
        if proxies:
            _dump_proxies(file, encoder)
        for pair in judged_pairs(encoder):
            verdict = pair.verdict
            stream, story = pair.stream, pair.stream.stories[pair.index]
            row = (
                stream.name, pair.form, stream.langs[pair.index], story.entry_key, pair.claim.id,
                pair.label, verdict.stance.value if verdict else "unrelated",
                _one_line(verdict.reasons[-1] if verdict and verdict.reasons else ""),
            )  # fmt: skip
            file.write("\t".join(row) + "\n")


def pairs(
    out: Path, lexical: bool, streams: list[Stream] | None = None, near: float | None = None
) -> int:
    """Every pair of `streams` (default: the tuning streams) that the engine or the
    labels relate, both claim forms, as JSON Lines: how many were written. With `near`,
    also the pairs neither relates whose relevance reaches that share of the bar."""
    written = 0
    with out.open("w", encoding="utf-8") as file:
        for pair in judged_pairs(cached_encoder(lexical), streams):
            verdict = pair.verdict
            if (
                verdict is None
                and pair.label == "unrelated"
                and (near is None or pair.share() < near)
            ):
                continue
            judged = verdict or pair.judge()
            rule, reads = pair.rule()
            stream, story = pair.stream, pair.stream.stories[pair.index]
            row = {
                "stream": stream.name, "form": pair.form, "lang": stream.langs[pair.index],
                "story": story.entry_key, "claim": pair.claim.id, "claim_text": pair.claim.text,
                "title": story.title, "text": story.text, "evidence": judged.evidence,
                "label": pair.label, "verdict": verdict.stance.value if verdict else "unrelated",
                "reason": _one_line(judged.reasons[-1] if judged.reasons else ""),
                "rules": judged.stance.value, "share": round(pair.share(), 4),
                "rule": rule, "reads": reads,
            }  # fmt: skip
            file.write(json.dumps(row, ensure_ascii=False) + "\n")
            written += 1
    return written


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


#: The four labels, in the order a confusion table lists them.
LABELS = ("corroborates", "contradicts", "discusses", "unrelated")


def claim_kinds() -> dict[tuple[str, str], str]:
    """(stream, claim id) -> the claim's kind (`_streams.claim_kind`) for every tuning
    stream: dumps hold no kinds, the streams' hints do."""
    return {
        (stream.name, claim): kind
        for stream in all_streams("all")
        for claim, kind in stream.kinds().items()
    }


def selected(
    verdicts: Verdicts,
    form: str,
    lang: str | None = None,
    kind: str | None = None,
    kinds: dict[tuple[str, str], str] | None = None,
) -> list[tuple[str, str, str, str]]:
    """The stream keys of `form` (the proxies left out), of one language and one claim
    kind when given, in the dump's order."""
    out = []
    for key, (key_lang, _, _, _) in verdicts.items():
        if key[0] in PROXIES or key[1] != form or (lang and key_lang != lang):
            continue
        if kind and (kinds or {}).get((key[0], key[3])) != kind:
            continue
        out.append(key)
    return out


def confusion(
    verdicts: Verdicts, keys: list[tuple[str, str, str, str]]
) -> Counter[tuple[str, str]]:
    """(label, verdict) -> how many of `keys`."""
    return Counter((verdicts[key][1], verdicts[key][2]) for key in keys)


def print_confusion(verdicts: Verdicts, keys: list[tuple[str, str, str, str]]) -> None:
    """The 4 x 4 table of labels (rows) against verdicts (columns), and decisive F1 with
    its precision and recall: where the errors of a form, language or kind lie."""
    table = confusion(verdicts, keys)
    print("label \\ verdict", *(label[:6] for label in LABELS), sep="\t")
    for label in LABELS:
        print(f"{label[:12]:12}", *(table[(label, verdict)] for verdict in LABELS), sep="\t")
    hits = sum(table[(stance, stance)] for stance in DECISIVE)
    said = sum(table[(label, stance)] for label in LABELS for stance in DECISIVE)
    meant = sum(table[(stance, verdict)] for stance in DECISIVE for verdict in LABELS)
    # (decisive_f1's 2h / (2h + wrong + missed), with wrong = said - h, missed = meant - h)
    f1 = 2 * hits / max(said + meant, 1)
    precision, recall = hits / max(said, 1), hits / max(meant, 1)
    print(
        f"decisive F1 {f1:.3f} (precision {precision:.3f}, recall {recall:.3f}; {len(keys)} pairs)"
    )


def sample(
    verdicts: Verdicts,
    keys: list[tuple[str, str, str, str]],
    label: str | None,
    verdict: str | None,
    reason: str,
    count: int,
    seed: int,
) -> list[tuple[str, str, str, str]]:
    """Up to `count` of `keys` with this label and verdict (None: any) whose deciding
    reason matches the regular expression `reason`, drawn with `seed`."""
    rule = re.compile(reason)
    found = [
        key
        for key in keys
        if (label is None or verdicts[key][1] == label)
        and (verdict is None or verdicts[key][2] == verdict)
        and rule.search(verdicts[key][3])
    ]
    random.Random(seed).shuffle(found)
    return sorted(found[:count])


def show(keys: list[tuple[str, str, str, str]], lexical: bool) -> None:
    """Each pair's claim, its verdict's evidence sentence and its last reason, judged
    again by the engine importable now (the relevance bar off, as `trace_pair.py`)."""
    encoder = cached_encoder(lexical)
    streams = {stream.name: stream for stream in all_streams("all")}
    for name in sorted({key[0] for key in keys}):
        stream = streams[name]
        for form in sorted({key[1] for key in keys if key[0] == name}):
            claims = stream.claims(form == "hinted")
            texts = {claim.id: claim.text for claim in claims}
            matcher, _, vectors = batch_matcher(claims, stream.stories, encoder=encoder)
            index = {story.entry_key: i for i, story in enumerate(stream.stories)}
            for key in (k for k in keys if k[0] == name and k[1] == form):
                at = index[key[2]]
                story = stream.stories[at]
                judged = matcher.judge(key[3], story, now=story.published, vectors=vectors[at])
                print(
                    f"{name} {form} {key[2]} {key[3]}: label {stream.gold(at, key[3])}, now {judged.stance.value}"
                )
                print(f"  claim:    {texts[key[3]]}")
                print(f"  evidence: {_one_line(judged.evidence)[:300]}")
                print(f"  why:      {judged.reasons[-1] if judged.reasons else ''}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    write = commands.add_parser("dump", help="write every verdict to a file")
    write.add_argument("out", type=Path)
    write.add_argument("--lexical", action="store_true", help="no sentence encoder")
    write.add_argument(
        "--proxies", action="store_true", help="the FNC-1 and Emergent test pairs too"
    )
    extract = commands.add_parser(
        "pairs", help="every related pair with claim, story and evidence, as JSON Lines"
    )
    extract.add_argument("out", type=Path)
    extract.add_argument("--lexical", action="store_true", help="no sentence encoder")
    extract.add_argument(
        "--near", type=float, metavar="SHARE",
        help="also the unrelated pairs whose relevance reaches this share of the bar",
    )  # fmt: skip
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
    table = commands.add_parser("confusion", help="labels against verdicts, from one dump")
    pick = commands.add_parser("sample", help="some pairs' claim, evidence and reason")
    for command in (table, pick):
        command.add_argument("dump", type=Path)
        command.add_argument("--form", choices=("plain", "hinted"), default="plain")
        command.add_argument("--lang", choices=("en", "hi", "mr"), help="one language only")
        command.add_argument("--kind", choices=KINDS, help="one kind of claim only")
    pick.add_argument("--label", choices=LABELS, help="the pairs' label (default: any)")
    pick.add_argument("--verdict", choices=LABELS, help="the verdict they got (default: any)")
    pick.add_argument("--reason", default="", help="a regular expression its reason matches")
    pick.add_argument("-n", type=int, default=10, help="how many pairs (default: 10)")
    pick.add_argument("--seed", type=int, default=0)
    pick.add_argument("--lexical", action="store_true", help="no sentence encoder")
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out, args.lexical, args.proxies)
    elif args.command == "pairs":
        written = pairs(args.out, args.lexical, near=args.near)
        print(f"{written} pairs written to {args.out}")
    elif args.command == "census":
        census(load(args.dump), args.form, args.verdicts == "decisive", args.min)
    elif args.command in ("confusion", "sample"):
        verdicts = load(args.dump)
        kinds = claim_kinds() if args.kind else None
        keys = selected(verdicts, args.form, args.lang, args.kind, kinds)
        if args.command == "confusion":
            print_confusion(verdicts, keys)
        else:
            picked = sample(
                verdicts, keys, args.label, args.verdict, args.reason, args.n, args.seed
            )
            show(picked, args.lexical)
    else:
        diff(load(args.before), load(args.after))


if __name__ == "__main__":
    main()
