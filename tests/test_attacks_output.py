"""Class 6 of issue 11: nothing from the data is acted on by the terminal or the CI log
that shows it.

Escape sequences and newlines in an invalid id reached the terminal raw: they could print
a fake "OK" line or forge a workflow command such as ``::error::``. Control characters
in a title passed ``check`` and then crashed the Atom feed. Each test feeds such text in
through a data file (or a revision name) and reads every output format.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sitetools import build_env
from testdata import DataDir

from briefing.errors import printable
from briefing.review.report import escape_data, escape_property

ROOT = Path(__file__).resolve().parent.parent

#: What a terminal or a log viewer would act on, or that would reorder or split a line.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
FAKE_OK = "data: OK (99 incidents, 1 region)"


def check(data_dir: DataDir, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefing", "check", *args], cwd=data_dir.root,
                          env={**build_env(), "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                          encoding="utf-8", errors="surrogateescape", timeout=60)


HOSTILE_IDS = [
    # as YAML double-quoted escapes: ESC, CR, LF, a C1 CSI, DEL
    '"\\e[2K\\r' + FAKE_OK + '\\n::error file=x::forged\\x9b31m\\x7f"',
    # written raw: a right-to-left override and a line separator (YAML allows both)
    '"town\u202eY-\u2028::warning::forged"',
    # percent-encoded newlines, which the GitHub runner would decode
    '"x%0A::error::forged%0D%0A::add-mask::secret"',
]


@pytest.mark.parametrize("hostile", HOSTILE_IDS)
def test_an_invalid_id_cannot_forge_a_line_in_the_terminal(data_dir: DataDir, hostile: str) -> None:
    data_dir.edit("regions", "- id: town-y", f"- id: {hostile}")

    result = check(data_dir)

    assert result.returncode == 1
    assert not RAW.search(result.stdout + result.stderr), repr(result.stderr)
    assert FAKE_OK not in result.stdout and not any(line.startswith(("data: OK", "::")) for line in
                                                    (result.stdout + result.stderr).splitlines())
    *problems, summary = result.stderr.splitlines()
    assert all(line.startswith("data/") for line in problems), result.stderr
    assert summary.endswith("problems found in the data; nothing was built.") or summary.endswith(
        "problem found in the data; nothing was built.")


@pytest.mark.parametrize("hostile", HOSTILE_IDS)
def test_an_invalid_id_cannot_forge_a_workflow_command(data_dir: DataDir, hostile: str) -> None:
    data_dir.edit("regions", "- id: town-y", f"- id: {hostile}")

    result = check(data_dir, "--format", "github")

    assert result.returncode == 1
    *annotations, summary = result.stdout.splitlines()
    assert annotations and all(re.match(r"::(error|warning) file=[^:]*,line=\d+,col=\d+,title=[^:]*::", line)
                               for line in annotations), result.stdout
    for line in annotations:
        # the properties end at the first '::'; nothing after it may read as another command
        message = line.split("::", 2)[2]
        assert "::" not in message and "\r" not in message and "\n" not in message
        assert not RAW.search(line)
    assert "%0A" not in result.stdout.replace("%250A", "")  # a literal %0A in the data stays literal
    assert not summary.startswith("::")


@pytest.mark.parametrize("hostile", HOSTILE_IDS)
def test_json_output_escapes_what_a_terminal_would_act_on(data_dir: DataDir, hostile: str) -> None:
    data_dir.edit("regions", "- id: town-y", f"- id: {hostile}")

    result = check(data_dir, "--format", "json")

    assert result.returncode == 1
    assert not RAW.search(result.stdout)
    report = json.loads(result.stdout)
    assert report["ok"] is False and report["errors"]


def test_a_revision_name_cannot_forge_a_line(data_dir: DataDir) -> None:
    result = check(data_dir, "--format", "github", f"--base=x\n::error::forged\x1b[2K{FAKE_OK}")

    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert not RAW.search(result.stderr)


@pytest.mark.parametrize(("escape", "character"), [
    ("\\x01", "U+0001"), ("\\e", "U+001B"), ("\\r", "U+000D"), ("\\x85", "U+0085"), ("\\x9b", "U+009B"),
    ("\\uFFFE", "U+FFFE"), ("\\uFFFF", "U+FFFF"), ("\\x1f", "U+001F"), ("\\0", "U+0000"),
])
def test_a_control_character_in_a_title_is_refused_where_it_is(data_dir: DataDir, escape: str, character: str) -> None:
    # the Atom feed (XML) cannot carry these; check used to pass them and the build crashed
    data_dir.edit("incidents", "title: Exchange of fire reported near Town Y",
                  f'title: "Exchange of fire{escape} reported near Town Y"')

    error = data_dir.error()

    assert str(error) == (f"data/incidents.yaml:2:10: the text contains the control character {character} at "
                          "character 17 (hint: delete it: text may hold tabs and line breaks, but no other "
                          "control character) [control-character]")


def test_tabs_and_line_breaks_in_text_are_fine(data_dir: DataDir) -> None:
    data_dir.edit("incidents", "text: Side A opened fire first.", 'text: "Side A\\topened fire\\nfirst."')

    assert data_dir.load()


def test_a_control_character_in_a_key_is_refused_too(data_dir: DataDir) -> None:
    data_dir.edit("incidents", "  grade: contested", '  grade: contested\n  "grade\\e[8m": hidden')

    messages = [e.message for e in data_dir.errors()]

    assert "the key contains the control character U+001B at character 6" in messages


def test_escaping_for_terminals_and_for_workflow_commands() -> None:
    assert printable("a\x1b[2Kb\r\nc\u202e\x9b") == "a\\x1b[2Kb\\r\\nc\\u202e\\x9b"
    assert printable("Շուշի / Şuşa — ok") == "Շուշի / Şuşa — ok"
    assert escape_data("100%\r\n::x") == "100%25\\r\\n%3A%3Ax"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
