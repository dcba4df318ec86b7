"""Where ``python -m briefing check`` spends its time, step by step, in cold processes.

    python benchmarks/check_profile.py --data /tmp/synth-10k/data [--data ...] [--baseline DIR] [--runs 5]

Each run is a fresh process (started cold, as a pull request's check is) that imports what
the CLI imports and then runs the steps of ``check`` one after the other, timing each:
reading the incidents file, reading the other files, compiling the schemas, checking them,
the cross-record checks, the id checks, the warnings and the model. ``--baseline DIR`` (a
folder holding another version's ``briefing/`` package, e.g. ``git archive REV briefing |
tar -x -C DIR``) is profiled in the same run, interleaved. Prints a Markdown table of the
medians: wall seconds, and CPU seconds of this process in brackets (the second process of
a file read in two halves is counted in neither: see ``run.py`` for whole-process CPU).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

STEPS = ["imports", "read incidents", "read the other files", "compile schemas", "schemas", "cross-references",
         "ids", "warnings", "model", "total"]


def child(data: Path) -> None:
    """One cold run: the steps of ``check`` timed one by one; prints JSON."""
    wall0, cpu0 = time.perf_counter(), time.process_time()
    import briefing.cli  # noqa: F401  (what `python -m briefing` imports)
    from briefing import kinds
    from briefing.gc_pause import collector_paused
    from briefing.load import reader
    from briefing.model.build import build_dataset
    from briefing.validate import fast_schema, permanent_ids, references, schema, warnings

    times: dict[str, list[float]] = {"imports": [time.perf_counter() - wall0, time.process_time() - cpu0]}

    class step:
        def __init__(self, name: str) -> None:
            self.name = name

        def __enter__(self) -> None:
            self.wall, self.cpu = time.perf_counter(), time.process_time()

        def __exit__(self, *_: object) -> None:
            spent = times.setdefault(self.name, [0.0, 0.0])
            spent[0] += time.perf_counter() - self.wall
            spent[1] += time.process_time() - self.cpu

    with collector_paused():
        loaded = {}
        for kind in kinds.DATA_FILES:
            file = data / f"{kind}.yaml"
            with step("read incidents" if kind == "incidents" else "read the other files"):
                if kind in kinds.OPTIONAL_FILES and not file.exists():
                    loaded[kind] = reader.LoadedFile(kind, str(file), [])
                    continue
                result, problems = reader.load_file(file, str(file), kind)
            assert result is not None and not problems, problems
            loaded[kind] = result
        with step("compile schemas"):
            for kind in kinds.DATA_FILES:
                fast_schema.compiled(kind)
        with step("schemas"):
            errors = [error for kind in kinds.DATA_FILES for error in schema.schema_errors(loaded[kind])]
        with step("cross-references"):
            errors += references._Checker(loaded).run()
        with step("ids"):
            errors += permanent_ids.check_history(loaded)
        with step("warnings"):
            warnings.lint(loaded)
        with step("model"):
            build_dataset({kind: file.data or [] for kind, file in loaded.items()})
    assert not errors, errors[:3]
    times["total"] = [time.perf_counter() - wall0, time.process_time() - cpu0]
    print(json.dumps(times))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, action="append", required=True, help="a data folder (repeatable)")
    parser.add_argument("--baseline", type=Path, default=None, metavar="DIR")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.data[0])
        return
    project = Path(__file__).resolve().parents[1]
    versions = {"this": str(project)}
    if args.baseline is not None:
        versions["baseline"] = str(args.baseline.resolve())
    results: dict[tuple[str, Path], list[dict[str, list[float]]]] = {}
    for _ in range(args.runs):
        for version, root in versions.items():
            for data in args.data:
                env = dict(os.environ, PYTHONPATH=root, PYTHONSAFEPATH="1")
                out = subprocess.run([sys.executable, __file__, "--child", "--data", str(data.resolve())],
                                     env=env, cwd="/", capture_output=True, text=True, check=True)
                results.setdefault((version, data), []).append(json.loads(out.stdout))
    columns = list(results)
    print("| step | " + " | ".join(f"{version} `{data}`" for version, data in columns) + " |")
    print("|---|" + "---:|" * len(columns))
    for name in STEPS:
        cells = []
        for key in columns:
            runs = [run[name] for run in results[key] if name in run]
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            cells.append(f"{wall:.2f} ({cpu:.2f})")
        print(f"| {name} | " + " | ".join(cells) + " |")
    print(f"\nmedians of {args.runs} cold processes each; load average at the end: "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
