"""Class 7 of issue 11: a review cannot be fooled.

``diff`` cut text at 160 characters, so an edit after that point showed old and new as
identical; deleting a ``previous_ids`` entry, a correction or a removed-record entry
passed ``check --base``, and ``diff`` said nothing changed, while redirect pages silently
disappeared. Each test is one such pull request against a real repository.
"""

from __future__ import annotations

import json
import re

import pytest
from test_diff import Repo, shown

from briefing.review.diff import diff_revisions, show_change

LONG = ("Azerbaijan's Ministry of Defence reported a clash in the Agdam district on 6 July 2021 in which an "
        "Azerbaijani serviceman was wounded; the Jamestown article describes it as the first of a wave. ")

RENAMED = """\
- id: 2021-01-05-town-y-clash
  previous_ids: [2021-01-05-town-y]
"""


@pytest.fixture
def repo(tmp_path):  # type: ignore[no-untyped-def]
    import shutil

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    return Repo(tmp_path / "project")


def _changed_lines(report: str) -> list[str]:
    return [line for line in shown(report) if line.startswith("  ")]


@pytest.mark.parametrize(("before", "after"), [
    (LONG + "One soldier was wounded.", LONG + "Two soldiers were wounded."),
    (LONG + "One soldier was wounded.", LONG + "One soldier was  wounded."),  # a doubled space
    (LONG + "One soldier was wounded.", LONG + "One soldier was wounded.\u200b"),  # invisible
    (LONG + "Reported by Azerbaijan.", LONG + "Reported by Аzerbaijan."),  # Cyrillic А
    ("Reported by Azerbaijan.", "Reported by Аzerbaijan."),  # short, and a look-alike letter
    ("Side B opened fire.", "Side B  opened fire."),  # short, white space only
])
def test_an_edit_anywhere_in_a_text_shows_old_and_new_as_different(repo: Repo, before: str, after: str) -> None:
    repo.edit("incidents", "text: Side A opened fire first.", f"text: {json.dumps(before)}")
    base = repo.commit("base text")
    repo.edit("incidents", f"text: {json.dumps(before)}", f"text: {json.dumps(after)}")
    head = repo.commit("an edit")

    report = diff_revisions(repo.data, base, head).markdown
    (line,) = [line for line in _changed_lines(report) if "claims[1].text" in line]

    old, new = line.split(": ", 1)[1].split(" → ")
    # as a reader sees them: white space runs collapsed, invisible characters gone
    assert re.sub(r"\s+", " ", old.replace("\u200b", "")) != re.sub(r"\s+", " ", new.replace("\u200b", "")), line
    if "А" in after:  # a look-alike letter is named
        assert "(U+0410)" in new and "(U+0041)" in old, line


def test_the_differing_part_of_a_long_text_is_shown_with_where_it_starts() -> None:
    old, new, at = show_change(LONG + "One soldier was wounded.", LONG + "Two soldiers were wounded.")

    assert at == len(LONG)
    assert old.endswith("«One soldier was» wounded.") and new.endswith("«Two soldiers were» wounded.")
    assert old.startswith("…") and len(old) < len(LONG)


def test_a_short_change_is_shown_whole_as_before() -> None:
    assert show_change("contested", "fair") == ("contested", "fair", None)
    assert show_change(1, 2) == ("1", "2", None)
    assert show_change(1, "1") == ("1", '"1"', None)


def test_deleting_a_previous_id_fails_check_base_and_shows_in_diff(
        repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.edit("incidents", "- id: 2021-01-05-town-y\n", RENAMED).edit(
        "assessments", "incidents: [2021-01-05-town-y]", "incidents: [2021-01-05-town-y-clash]")
    base = repo.commit("renamed, old address redirects")
    repo.edit("incidents", "  previous_ids: [2021-01-05-town-y]\n", "")
    repo.commit("drop the redirect")

    code, _out, err = repo.cli("check", "--base", base, capsys=capsys)
    report = diff_revisions(repo.data, base).markdown

    assert code == 1
    assert ("data/incidents.yaml:1:3: 2021-01-05-town-y-clash: previous_ids: '2021-01-05-town-y' of incident "
            f"'2021-01-05-town-y-clash' (line 2 at {base}) was deleted: the redirect from its old address would "
            "disappear and links to it would break (hint: keep it in previous_ids (redirects are permanent); if the "
            "record was deleted, list the old id in data/removed.yaml too) [redirect-deleted]") in err
    assert "  history previous_ids: [\"2021-01-05-town-y\"] → []" in _changed_lines(report)


def test_deleting_a_correction_fails_check_base_and_shows_in_diff(
        repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.edit("incidents", "  grade: contested\n", "  grade: contested\n  corrections:\n"
              "    - {date: 2021-02-01, kind: correction, note: The wounded figure was 2; it is 1.}\n")
    base = repo.commit("a correction")
    repo.edit("incidents", "  corrections:\n    - {date: 2021-02-01, kind: correction, note: The wounded figure "
              "was 2; it is 1.}\n", "")
    repo.commit("hide the correction")

    code, _out, err = repo.cli("check", "--base", base, capsys=capsys)
    report = diff_revisions(repo.data, base).markdown

    assert code == 1
    assert ("2021-01-05-town-y: the correction of 2021-02-01 on incident '2021-01-05-town-y' (line 52 at "
            f"{base}: 'The wounded figure was 2; it is 1.') was deleted or rewritten: the corrections log is "
            "public and append-only") in err and "[correction-deleted]" in err
    assert "  history corrections (2021-02-01): correction: The wounded figure was 2; it is 1. → (deleted)" in (
        _changed_lines(report))


def test_rewriting_a_correction_fails_check_base(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.edit("incidents", "  grade: contested\n", "  grade: contested\n  corrections:\n"
              "    - {date: 2021-02-01, kind: correction, note: The wounded figure was 2; it is 1.}\n")
    base = repo.commit("a correction")
    repo.edit("incidents", "note: The wounded figure was 2; it is 1.", "note: A typo was fixed.")
    repo.commit("soften the correction")

    code, _out, err = repo.cli("check", "--base", base, capsys=capsys)

    assert code == 1 and "was deleted or rewritten" in err


def test_deleting_a_removed_record_entry_fails_check_base_and_shows_in_diff(
        repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.write("removed", """\
        - id: 2021-01-04-x
          kind: incident
          removed: 2021-02-01
          action: deleted
          reason: Duplicate of another incident.
    """)
    base = repo.commit("a deletion, listed publicly")
    repo.write("removed", "[]\n")
    repo.commit("quietly unlist it")

    code, _out, err = repo.cli("check", "--base", base, capsys=capsys)
    report = diff_revisions(repo.data, base).markdown

    assert code == 1
    assert (f"data/removed.yaml:1:1: 2021-01-04-x: the removed.yaml entry of incident '2021-01-04-x' (line 1 at "
            f"{base}, deleted on 2021-02-01) was deleted: the public list of removed records is append-only") in err
    assert "[removal-deleted]" in err
    assert "removed.yaml entry of incident 2021-01-04-x" in shown(report)
    assert "  history entry: deleted on 2021-02-01: Duplicate of another incident. → (deleted)" in (
        _changed_lines(report))


def test_a_renamed_record_keeps_its_corrections_and_passes(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.edit("incidents", "  grade: contested\n", "  grade: contested\n  corrections:\n"
              "    - {date: 2021-02-01, kind: update, note: A second account was added.}\n")
    base = repo.commit("an update")
    repo.edit("incidents", "- id: 2021-01-05-town-y\n", RENAMED).edit(
        "assessments", "incidents: [2021-01-05-town-y]", "incidents: [2021-01-05-town-y-clash]")
    repo.commit("rename")

    code, _out, err = repo.cli("check", "--base", base, capsys=capsys)

    assert (code, err) == (0, "")


def test_adding_history_passes_check_base(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    base = repo.commit("base")
    repo.edit("incidents", "  grade: contested\n", "  grade: contested\n  corrections:\n"
              "    - {date: 2021-02-01, kind: update, note: A second account was added.}\n")
    repo.commit("an update")

    code, _out, err = repo.cli("check", "--base", base, capsys=capsys)

    assert (code, err) == (0, "")


# --- issue 20, class 4: a removal notice for an id that never existed ------------------------------

NEVER = """\
    - id: {id}
      kind: {kind}
      removed: 2021-02-01
      action: deleted
      reason: Duplicate of another incident.
"""


@pytest.mark.parametrize(("kind", "removed_id"), [
    ("incident", "2021-01-09-never-was"),  # an id nobody published
    ("source", "2021-01-05-town-y"),  # a published id, listed under another kind
    ("clause", "town-y"),
])
def test_a_removal_notice_for_an_id_never_published_fails_check_base_and_shows_in_diff(
        repo: Repo, capsys: pytest.CaptureFixture[str], kind: str, removed_id: str) -> None:
    base = repo.commit("base")
    repo.write("removed", NEVER.format(id=removed_id, kind=kind))
    repo.commit("announce a removal")

    code, _out, err = repo.cli("check", "--base", base, capsys=capsys)
    report = diff_revisions(repo.data, base).markdown

    assert code == 1, err
    assert (f"data/removed.yaml:1:7: {removed_id}: {kind} '{removed_id}' is listed as removed but was never published "
            f"(not at {base})") in err
    assert "[removal-never-published]" in err
    assert f"removed.yaml entry of {kind} {removed_id}" in shown(report)
    assert "never published at the base: there is no page to remove" in report


def test_a_real_removal_passes_and_diff_shows_the_notice(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    base = repo.commit("base")
    text = (repo.data / "milestones.yaml").read_text(encoding="utf-8")
    first = text.index("- id: ")
    milestone_id = text[first + 6:text.index("\n", first)].strip()
    repo.write("removed", NEVER.format(id=milestone_id, kind="milestone").replace("incident", "milestone"))
    rest = text[text.index("\n- id: ", first) + 1:] if "\n- id: " in text[first:] else "[]\n"
    (repo.data / "milestones.yaml").write_text(text[:first] + rest, encoding="utf-8")
    repo.commit("remove a milestone, announced")

    _code, _out, err = repo.cli("check", "--base", base, capsys=capsys)
    report = diff_revisions(repo.data, base).markdown

    assert "removal-never-published" not in err
    assert f"removed.yaml entry of milestone {milestone_id}" in shown(report)
    assert "never published" not in report


def test_without_a_base_check_asks_the_history_whether_the_id_was_ever_published(
        repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    text = (repo.data / "milestones.yaml").read_text(encoding="utf-8")
    first = text.index("- id: ")
    milestone_id = text[first + 6:text.index("\n", first)].strip()
    rest = text[text.index("\n- id: ", first) + 1:] if "\n- id: " in text[first:] else "[]\n"
    (repo.data / "milestones.yaml").write_text(text[:first] + rest, encoding="utf-8")
    repo.write("removed", NEVER.format(id=milestone_id, kind="milestone") + NEVER.format(id="2021-01-09-never-was",
                                                                                         kind="incident"))
    repo.commit("one real removal, one invented")

    code, _out, err = repo.cli("check", capsys=capsys)

    assert code == 1
    assert "[removal-never-published]" in err and "'2021-01-09-never-was' is listed as removed but was never " \
        "published (in no commit of the data)" in err
    assert f"'{milestone_id}' is listed as removed but" not in err, "a record once committed may be removed"
