"""Every wrong verdict on the single-topic streams, with the engine's reasons: the
starting point of an error analysis (bench/stance_eval.py gives the figures).

For each stream (plain claims unless --hinted) and each (story, claim) pair whose
verdict differs from its label: the language, gold -> predicted, the claim, the
story's title and, for a verdict, its evidence and reasons; for a related pair the
engine left out, also the stance `Matcher.judge` gives with the claim given (is
it relevance or stance that fails?). A summary counts the errors by kind.

    .venv/bin/python bench/stream_errors.py                    # all streams
    .venv/bin/python bench/stream_errors.py --stream chandrayaan-dev --lang mr
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _embedcache import cached_encoder
from _streams import all_streams

from tracker.engine.batch import batch_matcher


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stream", help="only this stream (folder name)")
    parser.add_argument("--lang", choices=("en", "hi", "mr"), help="only this language")
    parser.add_argument("--hinted", action="store_true", help="the claims with hints")
    parser.add_argument("--lexical", action="store_true", help="no sentence encoder")
    args = parser.parse_args()
    encoder = cached_encoder(args.lexical)
    kinds: Counter[str] = Counter()
    for stream in all_streams("all"):
        if args.stream and stream.name != args.stream:
            continue
        claims = stream.claims(args.hinted)
        texts = {c.id: c.text for c in claims}
        matcher, _, vectors = batch_matcher(claims, stream.stories, encoder=encoder)
        print(f"== {stream.name} ({'hinted' if args.hinted else 'plain'})")
        for index, (story, vector) in enumerate(zip(stream.stories, vectors, strict=True)):
            lang = stream.langs[index]
            if args.lang and lang != args.lang:
                continue
            found = {
                v.claim_id: v for v in matcher.match(story, now=story.published, vectors=vector)
            }
            for claim in claims:
                gold = stream.gold(index, claim.id)
                verdict = found.get(claim.id)
                predicted = verdict.stance.value if verdict else "unrelated"
                if predicted == gold:
                    continue
                kind = f"{gold}->{predicted}"
                kinds[f"{lang} {kind}"] += 1
                print(f"\n[{lang}] {story.entry_key} {claim.id}: {kind}")
                print(f"  claim: {texts[claim.id]}")
                print(f"  title: {story.title}")
                print(f"  text:  {story.text}")
                if verdict is not None:
                    print(f"  evidence: {verdict.evidence}")
                    for reason in verdict.reasons:
                        print(f"    - {reason}")
                else:
                    given = matcher.judge(claim.id, story, now=story.published, vectors=vector)
                    print(f"  with the claim given: {given.stance.value}")
                    for reason in given.reasons:
                        print(f"    - {reason}")
    print("\nerrors by language and kind:")
    for kind, count in sorted(kinds.items()):
        print(f"  {kind:32} {count}")


if __name__ == "__main__":
    main()
