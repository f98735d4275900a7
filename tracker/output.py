"""What read commands print: records in one of four formats, tables that fit the terminal.

Every read command (`claims`, `evidence`, `stories`, `feeds`, `review --list`,
`export`) builds a list of flat records and hands them here:

- `write_records` writes them as `json` (one array), `jsonl` (one object a line) or
  `csv` (lists joined with "; ", mappings as JSON);
- `render_table` lays them out in columns that fit `width` display cells: text
  wraps inside its column, and when even the narrowest columns do not fit, the
  least needed ones (highest `Column.drop`) are left out, saying so under the table.

Widths are display widths (`wcwidth`), not character counts: a Devanagari vowel
sign takes a cell beside its consonant (डीपसीक is six cells wide, though rich and
`len` disagree), a CJK character two, a combining mark none.

Pure: strings in, a string out (the CLI decides where it goes). The same helper is
for any command that adds a `--format`.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

import wcwidth

__all__ = ["FORMATS", "Column", "display_width", "render_table", "showing", "write_records"]

#: The formats of every read command; `table` is for people, the others for programs.
FORMATS = ("table", "json", "jsonl", "csv")
#: Cells between two columns.
GAP = 2
# Control characters would move the cursor: a cell shows them as spaces.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Column:
    """One column of a table: the record key it shows and how it may be squeezed."""

    key: str
    header: str
    #: Narrowest it may become (display cells); text wraps to fit.
    min_width: int = 6
    #: Widest it needs to be; None: as wide as its longest line.
    max_width: int | None = None
    #: 0: always shown; otherwise dropped, highest first, when the table cannot fit.
    drop: int = 0
    #: Numbers are right-aligned.
    numeric: bool = False


def display_width(text: str) -> int:
    """Cells `text` takes in a terminal (one line, control characters as spaces)."""
    return max(0, wcwidth.width(_printable(text)))


def _lines(value: object) -> list[str]:
    text = "" if value is None else str(value)
    return [_printable(line) for line in text.splitlines()] or [""]


def _printable(line: str) -> str:
    """Control characters as spaces; a combining mark with no letter to sit on (broken
    text, or a cut) dropped: terminals disagree on its width, so no table could fit it."""
    line = _CONTROL_RE.sub(" ", line)
    if not any(unicodedata.category(ch).startswith("M") for ch in line):
        return line
    return "".join(
        g for g in wcwidth.iter_graphemes(line) if not unicodedata.category(g[0]).startswith("M")
    )


def _wrap(value: object, width: int) -> list[str]:
    out: list[str] = []
    for line in _lines(value):
        if display_width(line) <= width:
            out.append(line)
            continue
        for piece in wcwidth.wrap(line, width) or [""]:
            # wrap() and width() can disagree on odd text (a mark after a space): cut again.
            out.extend([piece] if display_width(piece) <= width else _cut(piece, width))
    return out


def _cut(text: str, width: int) -> list[str]:
    """`text` in pieces of at most `width` cells, cut between graphemes."""
    pieces, current = [], ""
    for grapheme in wcwidth.iter_graphemes(text):
        if current and display_width(current + grapheme) > width:
            pieces.append(current)
            current = grapheme.lstrip()
        else:
            current += grapheme
    return [*pieces, current] if current else pieces


def _min_width(column: Column) -> int:
    # A number's header is never cut ("against" stays whole over its digits).
    return (
        max(column.min_width, display_width(column.header)) if column.numeric else column.min_width
    )


def _natural(column: Column, rows: Sequence[Mapping[str, object]]) -> int:
    widest = max(
        [display_width(column.header)]
        + [display_width(line) for row in rows for line in _lines(row.get(column.key))]
    )
    return min(widest, column.max_width) if column.max_width else widest


def _fit(columns: list[Column], naturals: list[int], width: int) -> list[int]:
    """Each column's width: its natural width if all fit, else shares of what is left."""
    room = width - GAP * (len(columns) - 1)
    widths = [min(n, _min_width(c)) for c, n in zip(columns, naturals, strict=True)]
    if sum(naturals) <= room:
        return list(naturals)
    # Share the rest in proportion to what each column still lacks, then cell by cell.
    spare = room - sum(widths)
    lacking = [n - w for n, w in zip(naturals, widths, strict=True)]
    total = sum(lacking)
    if spare > 0 and total > 0:
        for i, lack in enumerate(lacking):
            widths[i] += min(lack, spare * lack // total)
    spare = room - sum(widths)
    while spare > 0:
        k = max(range(len(columns)), key=lambda i: naturals[i] - widths[i])
        if naturals[k] <= widths[k]:
            break
        widths[k] += 1
        spare -= 1
    return widths


def render_table(
    rows: Sequence[Mapping[str, object]],
    columns: Sequence[Column],
    width: int,
    *,
    title: str | None = None,
) -> str:
    """The rows as a table at most `width` cells wide (as long as the columns that are
    never dropped fit at their minimum), with a line saying which columns were left out."""
    shown = list(columns)
    dropped: list[Column] = []
    naturals = {c.key: _natural(c, rows) for c in shown}

    def needed(cols: Sequence[Column]) -> int:
        return sum(min(naturals[c.key], _min_width(c)) for c in cols) + GAP * (len(cols) - 1)

    while needed(shown) > width:
        candidates = [c for c in shown if c.drop]
        if not candidates:
            break
        gone = max(candidates, key=lambda c: c.drop)
        shown.remove(gone)
        dropped.append(gone)
    widths = _fit(shown, [naturals[c.key] for c in shown], width)
    out: list[str] = []
    if title:
        out.append(title)
    header = [c.header for c in shown]
    out.append(_row_lines([[h] for h in header], shown, widths)[0])
    out.append((" " * GAP).join("-" * w for w in widths).rstrip())
    wrapped_rows = [[_wrap(row.get(c.key), w) for c, w in zip(shown, widths, strict=True)]
                    for row in rows]  # fmt: skip
    spaced = any(len(cell) > 1 for cells in wrapped_rows for cell in cells)
    for i, cells in enumerate(wrapped_rows):
        if spaced and i:
            out.append("")
        out.extend(_row_lines(cells, shown, widths))
    if dropped:
        names = ", ".join(c.header for c in dropped)
        note = (
            f"({names} left out to fit {width} columns: a wider terminal or --format json "
            "shows them)"
        )
        out.extend(wcwidth.wrap(note, max(width, 20)))
    return "\n".join(out) + "\n"


def _pad(text: str, width: int, numeric: bool) -> str:
    fill = " " * max(0, width - display_width(text))
    return fill + text if numeric else text + fill


def _row_lines(
    cells: list[list[str]], columns: Sequence[Column], widths: Sequence[int]
) -> list[str]:
    height = max(len(cell) for cell in cells)
    lines = []
    for n in range(height):
        parts = [
            _pad(cell[n] if n < len(cell) else "", w, c.numeric)
            for cell, c, w in zip(cells, columns, widths, strict=True)
        ]
        lines.append((" " * GAP).join(parts).rstrip())
    return lines


def _csv_value(value: object) -> object:
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def write_records(
    records: Iterable[Mapping[str, Any]], fmt: str, stream: TextIO, *, keys: Sequence[str]
) -> None:
    """Write records as `json`, `jsonl` or `csv` (with `keys` as the header, in order)."""
    if fmt == "json":
        stream.write(json.dumps(list(records), ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(keys), extrasaction="ignore")
        writer.writeheader()
        for record in records:
            writer.writerow({k: _csv_value(record.get(k)) for k in keys})
        stream.write(buffer.getvalue())
    else:
        raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")


def showing(shown: int, total: int, plural: str) -> str | None:
    """'showing 50 of 16,512 stories; --limit N or --all for more', or None when all shown."""
    if shown >= total:
        return None
    return f"showing {shown:,} of {total:,} {plural}; --limit N or --all for more"
