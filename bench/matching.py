"""Matching: `tracker match` with N claims x M stories; pairs/s and wall time.

Claims: the 13 shipped claims, then synthetic ones from our own templates
(subject x predicate x figure), as JSON Lines with id and text only (plain
sentences, no hints). Stories: synthetic, from the same templates as the feed
benchmarks (bench/_common.py; English, Hindi, Marathi; 4-9 sentences). Each
cell runs the real CLI (`python -m tracker match --claims F --stories F`) in a
subprocess with its output thrown away; the wall time includes start-up and
reading the files.

    .venv/bin/python bench/matching.py                          # N in 10,100,1000; M in 1k,10k
    .venv/bin/python bench/matching.py --claims 1000 --stories 100000   # one cell
    .venv/bin/python bench/matching.py --claims 10,100,1000 --stories 1000,10000,100000

The lexical path (`--lexical`): the semantic path's cost is the sentence encoder's,
measured by bench/embedding.py and the ingest benchmark.

Lower bound in the same run: the same CLI with zero claims' worth of work is not
possible (it needs claims), so the cell N=1 x M is run as the per-story cost
floor (reading, HTML to text, the story model); the N-dependence is what is
left. Target: >= 50,000 claim x story pairs/s at 1,000 x 10,000.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import feed_lang, machine_line, shipped_claims, story_text

_SUBJECTS = ["DeepSeek", "Nvidia", "OpenAI", "Alibaba", "Baidu", "Tencent", "Moonshot AI",
             "Mistral", "Anthropic", "Meta", "Google", "Microsoft", "ByteDance", "Huawei",
             "Zhipu AI", "Scale AI", "High-Flyer", "SoftBank", "TSMC", "Samsung"]  # fmt: skip
_PREDICATES = [
    "has about {n},000 Nvidia H100 chips",
    "trained its latest model for about ${m} million",
    "will release its next model before the end of {month}",
    "was blocked by Italy's privacy regulator",
    "cut its prices by {p} percent",
    "lost {p} percent of its market value in one day",
    "employs about {n}0 researchers in Hangzhou",
    "topped the App Store charts in {country}",
    "is being investigated over data transfers to {country}",
    "raised ${m} million from investors",
]
_MONTHS = ["January", "March", "May", "July", "September", "November"]
_COUNTRIES = ["the United States", "India", "Italy", "South Korea", "Japan", "Germany"]


def claims_jsonl(n: int, path: Path) -> None:
    rng = random.Random(7)
    rows: list[dict[str, object]] = []
    for c in shipped_claims()[:n]:
        rows.append({"id": c["id"], "text": c["text"]})
    seen = {r["text"] for r in rows}
    while len(rows) < n:
        text = f"{rng.choice(_SUBJECTS)} " + rng.choice(_PREDICATES).format(
            n=rng.randint(1, 90), m=rng.choice([6, 60, 600, 1500]), p=rng.randint(2, 40),
            month=rng.choice(_MONTHS), country=rng.choice(_COUNTRIES),
        ) + "."  # fmt: skip
        if text not in seen:
            seen.add(text)
            rows.append({"id": f"c{len(rows)}", "text": text})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def stories_jsonl(m: int, path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(m):
            rng = random.Random(i)
            lang = feed_lang(i)
            head, sentences = story_text(rng, lang)
            body = "".join(f"<p>{s}</p>" for s in sentences)
            out.write(json.dumps({"id": i, "title": head, "summary": body, "lang": lang,
                                  "published": "2025-02-01T00:00:00Z"},
                                 ensure_ascii=False) + "\n")  # fmt: skip


def run_cell(claims: Path, stories: Path) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "match", "--lexical", "--claims", str(claims),
         "--stories", str(stories)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True,
    )  # fmt: skip
    return time.perf_counter() - start, done.stderr.strip().splitlines()[-1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--claims", default="10,100,1000")
    ap.add_argument("--stories", default="1000,10000")
    args = ap.parse_args()
    ns = [int(x) for x in args.claims.split(",")]
    ms = [int(x) for x in args.stories.split(",")]
    print(f"machine: {machine_line()}")
    with tempfile.TemporaryDirectory(prefix="bench-match-") as tmp_name:
        tmp = Path(tmp_name)
        for m in ms:
            stories_jsonl(m, tmp / f"s{m}.jsonl")
        for n in sorted({1, *ns}):
            claims_jsonl(n, tmp / f"c{n}.jsonl")
        print(f"{'claims':>7} {'stories':>8} {'wall s':>8} {'pairs/s':>10} {'us/story':>9}  output")
        for m in ms:
            for n in sorted({1, *ns}):
                wall, line = run_cell(tmp / f"c{n}.jsonl", tmp / f"s{m}.jsonl")
                print(f"{n:7d} {m:8d} {wall:8.2f} {n * m / wall:10.0f} {wall / m * 1e6:9.0f}  "
                      f"{line}", flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
