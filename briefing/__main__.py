"""Command line: ``python -m briefing check`` validates the data without building."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import DataErrors
from .pipeline import load_dataset
from .validate import SINGULAR as _SINGULAR


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefing", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the data files and list every problem")
    check.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: data)")
    args = parser.parse_args(argv)

    try:
        dataset = load_dataset(args.data, display_root=Path.cwd())
    except DataErrors as exc:
        print(exc, file=sys.stderr)
        return 1
    counts = {**dataset.counts(), "parties": len(dataset.parties)}
    summary = ", ".join(f"{n} {kind if n != 1 else _SINGULAR[kind]}" for kind, n in counts.items())
    print(f"{args.data.as_posix()}: OK ({summary})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
