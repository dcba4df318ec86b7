"""The code keeps the shape a newcomer is promised (issue 14): short functions, no import
cycles, data flowing one way through the stages, MkDocs touched only by its adapter, a
README layout that lists every module, and no two paths that differ only by case.

Everything here reads the source with :mod:`ast` (nothing is imported), so a failure names
the file, the function or the import to change.
"""

from __future__ import annotations

import ast
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "briefing"
MAX_LINES = 60

#: Functions still over MAX_LINES, each owned by another piece of work that splits it
#: (preview speed: exports; error codes: schema._explain, which grew past the limit when
#: the messages got their codes). The test fails when an entry is short or gone, so this
#: list only shrinks: delete the entry with the split.
KNOWN_LONG = {
    "briefing/publish/exports.py:build_exports",
    "briefing/publish/exports.py:_claim_columns",
}

#: Import cycles still there, as the set of modules in each (none: keep it so). Delete an
#: entry when its cycle is gone (the test fails until you do).
KNOWN_CYCLES: set[frozenset[str]] = set()

#: The parts of the package in the order data flows. A part may import the parts before it
#: and itself, never one after it; ``ground`` is what every stage shares (the registry,
#: errors, limits, the options' shape) and imports no stage. A new top-level module or
#: subpackage must be placed here (a test fails until it is).
ORDER: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ground", ("briefing", "briefing.kinds", "briefing.errors", "briefing.error_codes", "briefing.limits",
                "briefing.config", "briefing.locators", "briefing.gc_pause", "briefing.addresses")),
    ("load", ("briefing.load",)),
    ("validate", ("briefing.validate",)),
    ("model", ("briefing.model",)),
    ("pipeline", ("briefing.pipeline",)),
    ("render", ("briefing.render",)),
    ("publish", ("briefing.publish",)),
    ("generate", ("briefing.generate",)),
    ("review", ("briefing.review", "briefing.gazetteer")),
    ("mkdocs_adapter", ("briefing.mkdocs_adapter",)),
    ("cli", ("briefing.cli", "briefing.__main__")),
)


def _sources(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py") if "__pycache__" not in p.parts)


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


# --- no function over MAX_LINES ---------------------------------------------------------

def _functions(tree: ast.AST, prefix: str = "") -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Every function and method, nested ones too, by qualified name (``Links.__init__``)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield prefix + node.name, node
            yield from _functions(node, f"{prefix}{node.name}.")
        elif isinstance(node, ast.ClassDef):
            yield from _functions(node, f"{prefix}{node.name}.")
        else:
            yield from _functions(node, prefix)


def _lengths() -> dict[str, int]:
    lengths = {}
    for path in _sources("briefing", "hooks"):
        for name, node in _functions(ast.parse(path.read_text(encoding="utf-8"))):
            lengths[f"{_relative(path)}:{name}"] = (node.end_lineno or node.lineno) - node.lineno + 1
    return lengths


def test_no_function_is_over_60_lines() -> None:
    long = {name: n for name, n in _lengths().items() if n > MAX_LINES and name not in KNOWN_LONG}

    assert not long, (f"functions over {MAX_LINES} lines (split each into helpers that own one step): "
                      + ", ".join(f"{name} ({n} lines)" for name, n in sorted(long.items())))


def test_the_list_of_long_functions_is_still_accurate() -> None:
    lengths = _lengths()
    stale = sorted(name for name in KNOWN_LONG if lengths.get(name, 0) <= MAX_LINES)

    assert not stale, f"split or gone: delete from KNOWN_LONG in {_relative(Path(__file__))}: {', '.join(stale)}"


# --- the import graph ---------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Import:
    module: str  # the importing module
    target: str  # the imported module (a module of the package, or the top name outside it)
    line: int


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in _sources("briefing")}


def _imports(path: Path, text: str | None = None) -> Iterator[Import]:
    """Every import in the file (or in ``text`` read as that file), at module level or inside a
    function; relative ones resolved; ``from package import module`` counted as an import of
    the module."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8") if text is None else text)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(module, alias.name if alias.name in MODULES else alias.name.split(".")[0], node.lineno)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                source = ".".join([*base, node.module] if node.module else base)
            else:
                source = node.module or ""
            if source not in MODULES:
                yield Import(module, source.split(".")[0], node.lineno)
                continue
            for alias in node.names:
                name = f"{source}.{alias.name}"
                yield Import(module, name if name in MODULES else source, node.lineno)


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        graph[name] |= {i.target for i in _imports(path) if i.target in MODULES and i.target != name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _path(graph: dict[str, set[str]], start: str, goal: str, within: set[str] | None = None) -> list[str]:
    """A shortest chain of imports from ``start`` to ``goal`` (breadth first)."""
    came: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for nxt in sorted(graph[node]):
                if (within is None or nxt in within) and nxt not in came:
                    came[nxt] = node
                    following.append(nxt)
        if goal in came:
            chain = [goal]
            while chain[-1] != start or len(chain) == 1:
                chain.append(came[chain[-1]])
            return chain[::-1]
        frontier = following
    return []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}

    assert _cycles(graph) == [{"a", "b", "c"}]
    assert _path(graph, "a", "a") == ["a", "b", "c", "a"]


def test_imports_inside_functions_and_relative_imports_count() -> None:
    text = ("from __future__ import annotations\n"
            "def draw():\n    from . import maps\n    from ...model import links\n"
            "    import briefing.kinds\n    from ..text import date_text\n    import mkdocs.config\n")
    found = {i.target for i in _imports(PACKAGE / "render" / "drawings" / "visuals.py", text)}

    assert found == {"__future__", "briefing.render.drawings.maps", "briefing.model.links", "briefing.kinds",
                     "briefing.render.text", "mkdocs"}


def test_no_import_cycles() -> None:
    graph = _graph()
    cycles = [c for c in _cycles(graph) if frozenset(c) not in KNOWN_CYCLES]

    assert not cycles, "import cycles (move the shared piece to the module that owns it): " + "; ".join(
        " → ".join(_path(graph, min(c), min(c), within=c)) for c in cycles)


def test_the_list_of_known_cycles_is_still_accurate() -> None:
    present = {frozenset(c) for c in _cycles(_graph())}
    stale = [sorted(c) for c in KNOWN_CYCLES if c not in present]

    assert not stale, f"no longer a cycle: delete from KNOWN_CYCLES: {stale}"


# --- data flows one way -------------------------------------------------------------------

RANK = {part: rank for rank, (part, _) in enumerate(ORDER)}


def _part(module: str) -> str | None:
    """The part of :data:`ORDER` a module belongs to (the longest prefix that names it)."""
    best: tuple[int, str] | None = None
    for part, prefixes in ORDER:
        for prefix in prefixes:
            if (module == prefix or (prefix != "briefing" and module.startswith(prefix + "."))) and \
                    (best is None or len(prefix) > best[0]):
                best = (len(prefix), part)
    return best[1] if best else None


def _part_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The import graph between parts (one node per part, imports within a part left out)."""
    parts: dict[str, set[str]] = {part: set() for part, _ in ORDER}
    for module, targets in graph.items():
        for target in targets:
            mine, theirs = _part(module), _part(target)
            if mine and theirs and mine != theirs:
                parts[mine].add(theirs)
    return parts


def _against_the_flow(graph: dict[str, set[str]]) -> list[str]:
    """Every import of a later part, as ``importer (part) → imported (part)``."""
    return [f"{module} ({_part(module)}) → {target} ({_part(target)})"
            for module in sorted(graph) for target in sorted(graph[module])
            if RANK[_part(target) or ""] > RANK[_part(module) or ""]]


def test_every_module_belongs_to_a_part_of_the_flow() -> None:
    lost = sorted(module for module in MODULES if _part(module) is None)

    assert not lost, f"place these in ORDER (tests/test_code_structure.py): {lost}"


def test_no_import_cycle_between_parts() -> None:
    parts = _part_graph(_graph())
    cycles = _cycles(parts)

    assert not cycles, "parts that import each other (move the shared piece to the earlier part): " + \
        "; ".join(" → ".join(_path(parts, min(c), min(c), within=c)) for c in cycles)


def test_no_part_imports_a_later_one() -> None:
    wrong = _against_the_flow(_graph())

    assert not wrong, "imports against the data flow (" + " → ".join(p for p, _ in ORDER) + "): " + \
        "; ".join(wrong)


def test_the_flow_checks_find_a_cycle_between_parts_and_an_import_against_the_order() -> None:
    graph = {"briefing.render.accounts": {"briefing.model.records"},
             "briefing.publish.exports": {"briefing.render.accounts"},
             "briefing.render.plan": {"briefing.publish.record_dates"},
             "briefing.publish.record_dates": set(), "briefing.model.records": set()}

    assert _cycles(_part_graph(graph)) == [{"render", "publish"}]
    assert _against_the_flow(graph) == [
        "briefing.render.plan (render) → briefing.publish.record_dates (publish)"]


def test_only_the_adapter_and_the_hook_import_mkdocs() -> None:
    allowed = ("briefing/mkdocs_adapter/", "hooks/")
    importing = sorted(
        f"{_relative(path)}:{found.line}"
        for path in _sources("briefing", "hooks")
        for found in _imports(path)
        if found.target == "mkdocs" and not _relative(path).startswith(allowed))

    assert not importing, f"MkDocs imported outside briefing/mkdocs_adapter/ and hooks/: {', '.join(importing)}"


def test_the_adapter_and_the_hook_do_import_mkdocs() -> None:
    # the rule above would pass vacuously if imports were not recognised
    assert any(found.target == "mkdocs" for found in _imports(ROOT / "hooks" / "briefing_hook.py"))
    assert any(found.target == "mkdocs" for path in _sources("briefing/mkdocs_adapter") for found in _imports(path))


# --- the README's layout lists every module -----------------------------------------------

def _layout_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```text\n(.*?)\n```", section, re.S)
    assert block, "README.md's Layout section has no ```text block"
    return block.group(1)


def _listed_paths(layout: str) -> list[str]:
    """The paths the layout lists: one per line, indented two spaces under its folder."""
    folders: list[tuple[int, str]] = []
    listed = []
    for line in layout.splitlines():
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip(" "))
        name = line.split()[0]
        while folders and folders[-1][0] >= indent:
            folders.pop()
        path = (folders[-1][1] if folders else "") + name
        listed.append(path)
        if name.endswith("/"):
            folders.append((indent, path))
    return listed


def _package_parts() -> set[str]:
    parts = {_relative(path) for path in _sources("briefing")}
    parts |= {_relative(path.parent) + "/" for path in _sources("briefing") if path.name == "__init__.py"}
    return parts


def test_the_readme_layout_lists_every_module_and_subpackage() -> None:
    listed = set(_listed_paths(_layout_section()))
    missing = sorted(_package_parts() - listed)

    assert not missing, f"README.md's Layout does not list (one line each: what it owns): {', '.join(missing)}"


def test_everything_the_readme_layout_lists_exists() -> None:
    gone = sorted(path for path in _listed_paths(_layout_section()) if not (ROOT / path).exists())

    assert not gone, f"README.md's Layout lists what does not exist: {', '.join(gone)}"


def test_the_layout_parser_reads_nested_folders() -> None:
    layout = "briefing/   the package\n  load/     stage 1\n    reader.py  YAML\n  cli.py    commands\nhooks/x.py  glue\n"

    assert _listed_paths(layout) == ["briefing/", "briefing/load/", "briefing/load/reader.py", "briefing/cli.py",
                                     "hooks/x.py"]


# --- no two paths differ only by case -------------------------------------------------------

def _repository_paths() -> list[str]:
    result = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, timeout=60)
    if result.returncode == 0 and result.stdout:
        return [p for p in result.stdout.decode("utf-8").split("\0") if p]
    skip = {".git", ".venv", "site", "__pycache__", "node_modules"}  # not a git checkout (a tarball)
    return [_relative(p) for p in ROOT.rglob("*") if p.is_file() and not skip & set(p.relative_to(ROOT).parts)]


def _case_clashes(paths: list[str]) -> list[list[str]]:
    every = set(paths)
    for path in paths:  # folders clash too (Docs/a and docs/b)
        parts = path.split("/")
        every |= {"/".join(parts[:n]) for n in range(1, len(parts))}
    by_fold: dict[str, list[str]] = {}
    for path in every:
        by_fold.setdefault(path.casefold(), []).append(path)
    return sorted(sorted(group) for group in by_fold.values() if len(group) > 1)


def test_no_two_paths_differ_only_by_case() -> None:
    # one overwrites the other on a case-insensitive file system (macOS, Windows)
    assert not _case_clashes(_repository_paths())


def test_the_case_check_finds_a_clash() -> None:
    assert _case_clashes(["benchmarks/RESULTS.md", "benchmarks/results.md", "a/B/c", "a/b/d"]) == [
        ["a/B", "a/b"], ["benchmarks/RESULTS.md", "benchmarks/results.md"]]


# --- ruff and mypy run in CI and before a commit --------------------------------------------

def test_ci_runs_ruff_and_mypy_before_the_tests() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.strip() for line in script.splitlines() if not line.lstrip().startswith("#")]
    text = "\n".join(commands)

    assert "ruff check ." in text and "mypy briefing hooks" in text
    assert text.index("ruff check .") < text.index("-m pytest")
    assert text.index("mypy briefing hooks") < text.index("-m pytest")
    assert "set -euo pipefail" in text  # a finding fails the run


def test_pre_commit_runs_ruff_and_mypy() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entries = {hook["id"]: hook["entry"] for repo in config["repos"] for hook in repo["hooks"]}

    assert "ruff check" in entries.get("ruff", "")
    assert "mypy briefing hooks" in entries.get("mypy", "")


# --- the tests' own shape ----------------------------------------------------------------

def test_tests_import_test_data_from_testdata_not_conftest() -> None:
    importing = sorted(
        f"{_relative(path)}:{node.lineno}"
        for path in _sources("tests") if path.name != "conftest.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[-1] == "conftest"
    )

    assert not importing, f"import test data from testdata.py (conftest.py only wires fixtures): {importing}"
