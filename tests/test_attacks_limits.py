"""Class 4 of issue 11: small files cannot cost huge amounts of time or memory.

A 700-byte file of nested aliases grew ``check``'s memory without end; 600 levels of
brackets gave a ``RecursionError`` traceback; a 2 MB title multiplied the build's time and
memory tenfold; a 2 MB list cost 350 MB; a 3,000-deep chain of parent regions took minutes
(the cube of the depth); 20,000 refused values took two minutes (their square). Each test
is that file. ``check`` runs in its own process under a memory cap, so a blow-up fails
the test instead of the machine, and answers with located errors within seconds.

Every limit is a named constant of :mod:`briefing.limits`, stated with its number in
SECURITY.md and the README; the last tests keep those and the JSON Schemas in step.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from testdata import MINIMAL_DATA, DataDir

from briefing import limits
from briefing.load.reader import LoadedFile, load_data_dir, load_text
from briefing.pipeline import validated

ROOT = Path(__file__).resolve().parent.parent
MEMORY_CAP = 1536 * 1024 * 1024


def _cap_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def check(data_dir: DataDir, timeout: float = 60) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "briefing", "check"], cwd=data_dir.root,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True,
                            timeout=timeout, preexec_fn=_cap_memory if sys.platform.startswith("linux") else None)
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr, result.stderr[-2000:]
    return result, time.monotonic() - started


def test_nested_aliases_in_700_bytes_cost_nothing(data_dir: DataDir) -> None:
    lines = ["- &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"- &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    text = "\n".join(lines) + "\n"
    assert len(text) < 800
    data_dir.write("incidents", text)

    result, seconds = check(data_dir)

    assert result.returncode == 1 and seconds < 30
    aliases = [line for line in result.stderr.splitlines() if "aliases (*a" in line]
    assert len(aliases) == 11 * 9  # each written alias reported where it is, none expanded


@pytest.mark.parametrize("depth", [40, 600, 5_000, 100_000])
def test_deep_brackets_are_a_located_error_not_a_recursion_error(data_dir: DataDir, depth: int) -> None:
    data_dir.write("regions", "[" * depth + "]" * depth + "\n")

    result, _seconds = check(data_dir)

    assert result.returncode == 1
    problems = [line for line in result.stderr.splitlines() if line.startswith("data/regions.yaml:1:")]
    assert any(f"nested more than {limits.MAX_NESTING} levels deep" in problem
               or "exceeded maximum nesting depth" in problem
               or "[too-dense]" in problem for problem in problems), result.stderr  # 100,000 brackets: both


def test_deep_block_nesting_is_a_located_error(data_dir: DataDir) -> None:
    data_dir.write("regions", "- " * 700 + "x\n")

    result, _seconds = check(data_dir)

    assert result.returncode == 1 and "nested more than 32 levels deep" in result.stderr


def test_a_2_mb_title_is_refused_before_anything_is_built(data_dir: DataDir) -> None:
    data_dir.edit("incidents", "title: Exchange of fire reported near Town Y", "title: " + "x" * 2_000_000)

    result, seconds = check(data_dir)

    assert result.returncode == 1 and seconds < 30
    assert result.stderr.splitlines()[0] == (
        "data/incidents.yaml:2:10: 2021-01-05-town-y: title is 2,000,000 characters long, over the limit of 500 "
        "(hint: shorten it; the full text belongs in the cited source) [too-long]")
    assert len(result.stderr) < 1000  # the value is not printed again


def test_a_2_mb_text_is_refused(data_dir: DataDir) -> None:
    data_dir.edit("incidents", "text: Side A opened fire first.", "text: " + "y " * 1_000_000)

    result, _seconds = check(data_dir)

    assert "text is 1,999,999 characters long, over the limit of 20,000" in result.stderr


def test_a_2_mb_list_is_refused_in_the_loader(data_dir: DataDir) -> None:
    data_dir.edit("incidents", "  regions: [town-y]\n", "  regions: [" + ", ".join(["town-y"] * 250_000) + "]\n")

    result, seconds = check(data_dir)

    assert result.returncode == 1 and seconds < 60
    assert result.stderr.splitlines() == [
        "data/incidents.yaml:5:12: this list holds more than 1,000 entries, over the limit of 1,000 per list or mapping "
        "inside a record (it was not read further) (hint: a record lists a few regions, claims or citations; split the "
        "content into records) [too-many-entries]",
        "1 problem found in the data; nothing was built."]


def test_a_mapping_of_many_duplicate_keys_costs_its_size(data_dir: DataDir) -> None:
    data_dir.edit("incidents", "  grade: contested\n", "  grade: contested\n" + "  grade: fair\n" * 900)

    result, seconds = check(data_dir)

    assert result.returncode == 1 and seconds < 30
    assert result.stderr.count("duplicate key 'grade' (first given on line 51)") == 900


def test_a_3000_deep_chain_of_parent_regions_is_one_error_in_linear_time(data_dir: DataDir) -> None:
    chain = "".join(f"- {{id: r{i}, kind: district, names: [{{name: R{i}, lang: en, citations: [{{source: source-one}}]}}], "
                    f"parent: {f'r{i - 1}' if i else 'country-x'}, parent_citations: [{{source: source-one}}]}}\n"
                    for i in range(3000))
    data_dir.write("regions", data_dir.text("regions") + chain)

    result, seconds = check(data_dir)

    assert result.returncode == 1 and seconds < 30
    assert result.stderr.splitlines() == [
        f"data/regions.yaml:46:104: r16: region 'r16' has more than {limits.MAX_REGION_DEPTH} levels of larger "
        "regions above it (hint: attach it to a larger area higher up the chain) [region-too-deep]",
        "1 problem found in the data; nothing was built."]


def test_a_long_parent_cycle_is_found_once_in_linear_time(data_dir: DataDir) -> None:
    cycle = "".join(f"- {{id: c{i}, kind: district, names: [{{name: C{i}, lang: en}}], parent: c{(i + 1) % 3000}}}\n"
                    for i in range(3000))
    data_dir.write("regions", data_dir.text("regions") + cycle)

    result, seconds = check(data_dir)

    assert result.returncode == 1 and seconds < 30
    (problem,) = [line for line in result.stderr.splitlines() if "form a cycle" in line]
    assert problem.count("→") == 3000


def _refused(count: int) -> str:
    return "".join(f"- {{id: x{i}, title: !!binary aGk=, place: .nan}}\n" for i in range(count // 2))


def _time_check(text: str) -> float:
    base, errors = load_data_dir(MINIMAL_DATA)
    assert errors == []
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        loaded: dict[str, LoadedFile] = dict(base)
        replaced, problems = load_text(text, "data/incidents.yaml", "incidents")
        assert replaced is not None
        loaded["incidents"] = replaced
        assert validated(loaded, problems).errors
        best = min(best, time.perf_counter() - started)
    return best


def test_refused_values_cost_their_number_not_its_square() -> None:
    small, large = _time_check(_refused(1_000)), _time_check(_refused(4_000))

    # four times the values: about four times the time (it was sixteen)
    assert large / small < 8, (small, large)


def test_20000_unknown_references_are_listed_quickly(data_dir: DataDir) -> None:
    data_dir.write("incidents", data_dir.text("incidents") + "".join(
        f"- {{id: x{i}, title: T, date: 2021-01-05, regions: [nowhere-{i}], type: other, grade: fair, "
        f"summary: {{text: S, citations: [{{source: source-one}}]}}, "
        f"claims: [{{party: side-a, claimant: C, text: T, citations: [{{source: source-one}}]}}]}}\n"
        for i in range(20_000)))

    result, seconds = check(data_dir, timeout=120)

    assert result.returncode == 1 and seconds < 60
    assert result.stderr.count("unknown region 'nowhere-") == 20_000
    assert result.stderr.count("did you mean") <= limits.MAX_SUGGESTIONS


def test_a_number_of_5000_digits_is_a_located_error(data_dir: DataDir) -> None:
    data_dir.edit("incidents", "wounded: {low: 1, best: 1, high: 1}", "wounded: {low: 1, best: " + "9" * 5000 + ", high: 1}")

    result, _seconds = check(data_dir)

    assert result.returncode == 1
    assert "data/incidents.yaml:49:31: this number is 5,000 characters long, over the limit of 100" in result.stderr


# --- the limits are stated where they are enforced and where they are documented ----------


def _defs() -> dict[str, dict[str, object]]:
    return json.loads((ROOT / "briefing" / "schema" / "common.schema.json").read_text())["$defs"]


def test_the_schemas_carry_the_limits_of_briefing_limits() -> None:
    defs = _defs()
    assert defs["text"]["maxLength"] == limits.MAX_TEXT_CHARS
    assert defs["title"]["maxLength"] == limits.MAX_TITLE_CHARS
    assert defs["id"]["maxLength"] == limits.MAX_ID_CHARS
    assert defs["url"]["maxLength"] == limits.MAX_URL_CHARS
    assert defs["language"]["maxLength"] == limits.MAX_LANGUAGE_CHARS


def _limits() -> dict[str, object]:
    return {name: value for name, value in vars(limits).items() if name.isupper()}


def _numbers(value: object) -> list[str]:
    if isinstance(value, int):
        shown = [f"{value:,}"]
        if value >= 1024 * 1024 and value % (1024 * 1024) == 0:
            shown = [f"{value // (1024 * 1024):,} MB"]
        return shown
    return [str(value)]


@pytest.mark.parametrize("name", sorted(_limits()))
def test_every_limit_is_stated_with_its_number_in_security_md_and_the_readme(name: str) -> None:
    security = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Scale and limits"):]
    section = section[: section.find("\n## ", 4) if "\n## " in section[4:] else len(section)]
    value = _limits()[name]

    assert f"`{name}`" in security, f"SECURITY.md does not name {name}"
    row = next(line for line in security.splitlines() if f"`{name}`" in line)
    assert any(number in row for number in _numbers(value)), (row, _numbers(value))
    assert any(number in section for number in _numbers(value)), f"the README's limits do not state {name}"


def test_the_readme_table_and_the_module_list_the_same_limits() -> None:
    security = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([A-Z_]+)`", security))
    assert set(_limits()) <= named


# --- the quick reading of JSON lines refuses nothing less than the reader -------------------

_JSON_ATTACKS = {
    "an escaped control character": ('{"id": "x", "title": "a\\u001b[2Kb"}', "the control character U+001B"),
    "a C1 control": ('{"id": "x", "title": "a\\u009bb"}', "the control character U+009B"),
    "a backspace": ('{"id": "x", "title": "a\\bb"}', "the control character U+0008"),
    "a long number": ('{"id": "x", "n": ' + "7" * 150 + "}", "this number is 150 characters long"),
    "deep nesting": ('{"id": "x", "n": ' + "[" * 40 + "]" * 40 + "}", "nested more than 32 levels deep"),
    "a long list": ('{"id": "x", "n": [' + ", ".join(["1"] * 1001) + "]}", "holds more than 1,000 entries"),
    "a wide mapping": ('{"id": "x", "n": {' + ", ".join(f'"k{i}": 1' for i in range(1001)) + "}}", "holds 1,001 entries"),
}


@pytest.mark.parametrize("attack", sorted(_JSON_ATTACKS))
def test_a_file_of_json_lines_is_refused_the_same_as_block_yaml(attack: str) -> None:
    line, message = _JSON_ATTACKS[attack]
    text = "- " + line + "\n"

    _loaded, errors = load_text(text, "data/incidents.yaml", "incidents")

    assert any(message in error.message for error in errors), (attack, [str(e) for e in errors])
