"""Move sources read in a copy to the copy rung (issue 18.5), keeping the file's comments and layout.

    python tools/migrate_copies.py data/sources.yaml

A source marked ``provenance: read`` with ``read_url`` or ``read_copy`` was read in a copy;
``check`` refuses that (``copy-as-original``). This rewrites each such record in place:
``provenance: copy`` and a ``copy:`` block after ``accessed``: with ``read_url``, a ``repost``
(or a ``listing`` when ``read_copy`` says so) at that address; without it, a ``capture`` (a
stored copy of the page at its own address: check it, since a copy on another site whose
address was not recorded looks the same). ``read_copy`` becomes the copy's ``note``.
What the old fields cannot say is left for a person: a repost's or listing's ``publisher``
(``check`` asks for it, ``copy-publisher-missing``) and ``captured`` when the copy shows a
date. The records it changed are listed, with what is left to do.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import yaml

_RECORD = re.compile(r"(?m)^(?=- id: )")


def _span(lines: list[str], key: str) -> tuple[int, int] | None:
    """The lines of the top-level field ``key`` of a record, with its continuation lines."""
    for i, line in enumerate(lines):
        if line.startswith(f"  {key}:"):
            end = i + 1
            while end < len(lines) and lines[end].startswith("    "):
                end += 1
            return i, end
    return None


def _scalar(value: str) -> str:
    """``value`` as one YAML scalar on one line (JSON strings are valid YAML)."""
    return json.dumps(" ".join(value.split()), ensure_ascii=False)


def migrate_record(block: str) -> tuple[str, list[str]]:
    """One record's text, migrated if it was read in a copy, and what is left to do."""
    parsed = yaml.safe_load(block)
    record = parsed[0] if isinstance(parsed, list) and parsed and isinstance(parsed[0], dict) else {}
    if record.get("provenance") != "read" or not ({"read_url", "read_copy"} & record.keys()):
        return block, []
    read_url, read_copy = record.get("read_url"), record.get("read_copy")
    lines = block.split("\n")
    for key in ("read_url", "read_copy"):
        found = _span(lines, key)
        if found:
            del lines[found[0]:found[1]]
    todo: list[str] = []
    if isinstance(read_url, str):
        kind = "listing" if isinstance(read_copy, str) and "listing" in read_copy.casefold() else "repost"
        copy = [f"    kind: {kind}", f"    url: {_scalar(read_url)}"]
        todo.append(f"add copy.publisher (who publishes the {kind} at {read_url})")
    else:
        copy = ["    kind: capture"]
        todo.append("check that it is a stored copy of the page at its own address (a copy on another site "
                    "is kind: repost or listing, with identifier and publisher)")
    if isinstance(read_copy, str):
        copy.append(f"    note: {_scalar(read_copy)}")
    todo.append("add copy.captured if the copy shows when it was made")
    lines = ["  provenance: copy" if line.startswith("  provenance:") else line for line in lines]
    accessed = _span(lines, "accessed")
    at = accessed[1] if accessed else next(i for i, line in enumerate(lines) if line.startswith("  provenance:")) + 1
    lines[at:at] = ["  copy:", *copy]
    return "\n".join(lines), todo


def migrate(text: str) -> tuple[str, dict[str, list[str]]]:
    """A whole sources file migrated, and what is left to do, by record id."""
    out, left = [], {}
    for block in _RECORD.split(text):
        new, todo = migrate_record(block) if block.startswith("- id: ") else (block, [])
        if todo:
            left[block.split("\n", 1)[0].removeprefix("- id: ").strip()] = todo
        out.append(new)
    return "".join(out), left


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", type=Path, help="the sources file, e.g. data/sources.yaml")
    args = parser.parse_args()
    text, left = migrate(args.sources.read_text(encoding="utf-8"))
    args.sources.write_text(text, encoding="utf-8")
    for source_id, todo in left.items():
        print(f"{source_id}: moved to the copy rung; " + "; ".join(todo))
    print(f"{len(left)} source{'s' if len(left) != 1 else ''} moved to the copy rung", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
