"""``python -m briefing check``: a summary and exit 0 on good data; every problem and exit 1 on bad."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from testdata import DataDir

from briefing.cli import main

ROOT = Path(__file__).resolve().parent.parent
ERROR_LINE = re.compile(r"^data/[a-z]+\.yaml:\d+:\d+: (?:[^ ]+: )?.+$")
SUMMARY = re.compile(
    r"^data: OK \(\d+ incidents?, \d+ milestones?, \d+ assessments?, \d+ gaps?, \d+ agreements?, \d+ clauses?, "
    r"\d+ regions?, \d+ sources?, \d+ authors?, \d+ part(y|ies)\)(; \d+ warnings?)?\n"
    r"source debt: \d+ read only in a copy, \d+ via, \d+ not located, \d+ read without archived copy, of \d+ sources; "
    r"\d+ of \d+ citations rest on sources not read, \d+ on sources read only in a copy$"
)
WARNING_LINE = re.compile(r"^data/[a-z]+\.yaml:\d+:\d+: warning: [^ ]+: .+$")


def check(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path}
    return subprocess.run(
        [sys.executable, "-m", "briefing", "check", *args],
        cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=60,
    )


def test_check_on_the_real_data_exits_0_and_prints_a_summary() -> None:
    result = check(ROOT)

    assert result.returncode == 0, result.stderr
    assert SUMMARY.match(result.stdout.strip()), result.stdout
    # the real data's only warnings are its source debt (sources not read, read only in a copy, no archived copy)
    assert all(WARNING_LINE.match(line) and ("not read in the original" in line or "no archived copy" in line
                                             or "read only in a copy" in line)
               for line in result.stderr.splitlines()), result.stderr


def test_check_on_the_minimal_data_counts_its_records() -> None:
    result = check(ROOT, "--data", "tests/fixtures/minimal/data")

    assert result.returncode == 0, result.stderr
    assert result.stdout == ("tests/fixtures/minimal/data: OK (1 incident, 1 milestone, 1 assessment, "
                             "0 gaps, 1 agreement, 1 clause, 2 regions, 3 sources, 4 authors, 2 parties)\n"
                             "source debt: 0 read only in a copy, 0 via, 0 not located, 0 read without archived "
                             "copy, of 3 sources; 0 of 22 citations rest on sources not read, 0 on sources read "
                             "only in a copy\n")


def test_check_on_bad_data_exits_1_and_prints_every_problem_to_stderr(data_dir: DataDir) -> None:
    data_dir.edit("incidents", "type: exchange-of-fire", "type: exchange-of-fir")
    data_dir.edit("regions", "parent: country-x", "parent: country-z")
    data_dir.overlay("not-utf-8")

    result = check(data_dir.root)

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "data/incidents.yaml:8:9: 2021-01-05-town-y: type: 'exchange-of-fir' is not one of: "
        "exchange-of-fire, shelling, sniper-fire, attack, drone-strike, other "
        "(hint: did you mean 'exchange-of-fire'?) [not-an-option]",
        "data/parties.yaml:6:1: file is not valid UTF-8 (hint: save the file with UTF-8 encoding) [not-utf8]",
        "data/regions.yaml:19:11: town-y: parent: unknown region 'country-z' "
        "(hint: did you mean 'country-x'?) [unknown-reference]",
        "3 problems found in the data; nothing was built.",
    ]
    assert "Traceback" not in result.stdout + result.stderr


def test_check_error_lines_have_the_file_line_column_form(data_dir: DataDir) -> None:
    data_dir.overlay("duplicate-key")
    data_dir.overlay("unsupported-tag")

    result = check(data_dir.root)

    assert result.returncode == 1
    *problems, last = result.stderr.splitlines()
    assert problems and all(ERROR_LINE.match(line) for line in problems), result.stderr
    assert last == f"{len(problems)} problems found in the data; nothing was built."
    assert "Traceback" not in result.stderr


def test_check_with_a_syntax_error_prints_no_traceback(data_dir: DataDir) -> None:
    data_dir.overlay("yaml-syntax-error")

    result = check(data_dir.root)

    assert result.returncode == 1
    assert result.stderr == (
        "data/regions.yaml:10:9: YAML syntax error: did not find expected ',' or '}' "
        "(hint: check indentation, colons and quotes on this line or the one before) [yaml-syntax]\n"
        "1 problem found in the data; nothing was built.\n"
    )


def test_check_of_a_folder_without_data_reports_every_missing_file(tmp_path: Path) -> None:
    result = check(tmp_path, "--data", "nowhere")

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        *(f"nowhere/{kind}.yaml:1:1: file is missing (hint: create it with a list of {kind} "
          "(it may be an empty list: [])) [file-missing]"
          for kind in sorted(["parties", "authors", "regions", "sources", "agreements", "milestones", "incidents"])),
        "7 problems found in the data; nothing was built.",
    ]
    assert "Traceback" not in result.stderr


def test_check_without_a_command_prints_usage_and_exits_2(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "briefing"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)

    assert result.returncode == 2
    assert "usage: python -m briefing" in result.stderr
    assert "Traceback" not in result.stderr


def test_main_returns_0_and_prints_the_summary(data_dir: DataDir, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(data_dir.root)

    assert main(["check"]) == 0

    out, err = capsys.readouterr()
    assert out == ("data: OK (1 incident, 1 milestone, 1 assessment, 0 gaps, 1 agreement, 1 clause, 2 regions, 3 sources, "
                   "4 authors, 2 parties)\nsource debt: 0 read only in a copy, 0 via, 0 not located, 0 read "
                   "without archived copy, of 3 sources; 0 of 22 citations rest on sources not read, 0 on sources "
                   "read only in a copy\n")
    assert err == ""


def test_main_returns_1_and_prints_the_errors(data_dir: DataDir, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    data_dir.overlay("duplicate-key")
    monkeypatch.chdir(data_dir.root)

    assert main(["check"]) == 1

    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "data/incidents.yaml:15:3: duplicate key 'date' (first given on line 3) "
        "(hint: keep one of the two values; YAML would silently drop the first) [duplicate-key]\n"
        "1 problem found in the data; nothing was built.\n"
    )


@pytest.mark.parametrize(
    ("kind", "old", "new"),
    [
        ("sources", "url: https://example.com/news/town-y", 'url: "https://[example.com/news"'),
        ("incidents", "\n  date: 2021-01-05\n", '\n  date: "2021-01-05\\n"\n'),
    ],
    ids=["url-with-unmatched-bracket", "date-with-trailing-newline"],
)
def test_check_never_prints_a_traceback(data_dir: DataDir, kind: str, old: str, new: str) -> None:
    data_dir.edit(kind, old, new)

    result = check(data_dir.root)

    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1
    assert all(ERROR_LINE.match(line) for line in result.stderr.splitlines()[:-1]), result.stderr


def test_version_is_the_package_s(capsys: pytest.CaptureFixture[str]) -> None:
    from briefing import __version__

    with pytest.raises(SystemExit) as done:
        main(["--version"])

    assert done.value.code == 0
    assert capsys.readouterr().out == f"briefing {__version__}\n"
    result = subprocess.run([sys.executable, "-m", "briefing", "--version"], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout) == (0, f"briefing {__version__}\n")
