"""Rewrite KNOWN_MISSES in tests/test_engine_cases.py from the engine's verdicts today.

Run after an engine change makes cases of tests/data/engine_cases.yaml pass or fail
(strict xfails that pass fail the suite as XPASS): every case the engine gets wrong
is listed with its reason, the engine's last reason cut to 90 characters, "below the
relevance bar", or "related (X) though the story is not about the claim". Then
`ruff format tests/test_engine_cases.py`. Uses the real sentence encoder.

    .venv/bin/python bench/known_misses.py
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests"
sys.path.insert(0, str(TESTS))
import test_engine_cases as cases  # noqa: E402


def misses() -> list[tuple[tuple[str, str, str], str]]:
    """((stream, story, claim), reason) of every case the engine gets wrong."""
    out = []
    for stream in cases._streams():
        verdicts = cases._verdicts(stream["name"])
        for row in stream["stories"]:
            for claim in stream["claims"]:
                expected = (row.get("expect") or {}).get(claim["id"], "unrelated")
                verdict = verdicts.get((row["id"], claim["id"]))
                got = verdict.stance.value if verdict is not None else "unrelated"
                if got == expected:
                    continue
                if verdict is None:
                    reason = "below the relevance bar"
                elif expected == "unrelated":
                    reason = f"related ({got}) though the story is not about the claim"
                else:
                    reason = f"{got}: {verdict.reasons[-1]}"
                    reason = reason[:87] + "..." if len(reason) > 87 else reason
                out.append(((stream["name"], row["id"], claim["id"]), reason))
    return out


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    found = misses()
    table = "\n".join(f"    {key!r}: {reason!r}," for key, reason in found)
    text = f"KNOWN_MISSES: dict[tuple[str, str, str], str] = {{\n{table}\n}}\n"
    path = TESTS / "test_engine_cases.py"
    source = path.read_text(encoding="utf-8")
    pattern = r"KNOWN_MISSES: dict\[tuple\[str, str, str\], str\] = \{\n.*?\n\}\n"
    path.write_text(re.sub(pattern, lambda _: text, source, count=1, flags=re.S), "utf-8")
    print(f"{len(found)} known misses written to {path}")


if __name__ == "__main__":
    main()
