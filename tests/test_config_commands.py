"""One configuration (issue 21.5): every command reads ``mkdocs.yml`` as the build does.

A project whose ``mkdocs.yml`` sets ``extra.briefing.data_dir: briefing-data`` (and has no
``data/`` at all) is checked, diffed, link-checked and pre-commit-checked in that folder;
an explicit ``--data`` still wins and says so; ``--config-file`` names another file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from sitetools import cli_in
from test_diff import SECOND_INCIDENT, Repo
from test_review_workflow import run_hook
from testdata import MINIMAL_DATA

CONFIG = "site_name: Test\nextra:\n  briefing:\n    data_dir: briefing-data\n"


@pytest.fixture
def project(tmp_path: Path) -> Repo:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = Repo(tmp_path / "project")
    (repo.root / "data").rename(repo.root / "briefing-data")
    repo.data = repo.root / "briefing-data"
    (repo.root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    repo.commit("data in briefing-data")
    return repo


def break_data(repo: Repo) -> None:
    repo.edit("incidents", "type: exchange-of-fire", "type: exchange-of-fir")


def test_check_reads_the_data_folder_mkdocs_yml_names(project: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = project.cli("check", capsys=capsys)
    assert (code, err) == (0, "")
    assert out.startswith("briefing-data: OK (1 incident,")

    break_data(project)
    code, _out, err = project.cli("check", capsys=capsys)
    assert code == 1 and err.startswith("briefing-data/incidents.yaml:8:9: 2021-01-05-town-y: type:")


def test_an_explicit_data_folder_wins_and_says_so(project: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(MINIMAL_DATA, project.root / "other")

    code, out, err = project.cli("check", "--data", "other", capsys=capsys)

    assert code == 0 and out.startswith("other: OK")
    assert err == ("note: checking other as --data says, not briefing-data (extra.briefing.data_dir in "
                   "mkdocs.yml)\n")


@pytest.mark.parametrize("command", [("check",), ("diff", "HEAD"), ("links", "--out", "report", "--retries", "0")],
                         ids=lambda c: c[0])
def test_every_command_lets_an_explicit_data_folder_win_and_says_so(
        project: Repo, capsys: pytest.CaptureFixture[str], command: tuple[str, ...]) -> None:
    shutil.copytree(project.data, project.root / "other")
    (project.root / "other" / "sources.yaml").write_text("[]\n", encoding="utf-8")  # links: nothing to fetch
    project.commit("another data folder")
    project.edit("incidents", "type: exchange-of-fire", "type: exchange-of-fir")  # only briefing-data is broken

    _code, _out, err = project.cli(*command, "--data", "other", capsys=capsys)

    assert err.startswith("note: checking other as --data says, not briefing-data (extra.briefing.data_dir in "
                          "mkdocs.yml)\n")
    assert "briefing-data/incidents.yaml" not in err and "exchange-of-fir" not in err


def test_the_same_folder_given_with_data_needs_no_note(project: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = project.cli("check", "--data", "briefing-data", capsys=capsys)
    assert (code, err) == (0, "")


def test_another_configuration_file_is_read_with_config_file(
        project: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    (project.root / "briefing-data").rename(project.root / "elsewhere")
    (project.root / "other.yml").write_text(CONFIG.replace("briefing-data", "elsewhere"), encoding="utf-8")

    code, out, _err = project.cli("check", "-f", "other.yml", capsys=capsys)
    assert code == 0 and out.startswith("elsewhere: OK")
    code, _out, err = project.cli("check", "--config-file", "missing.yml", capsys=capsys)
    assert (code, err) == (2, "error: missing.yml: no such configuration file\n")


def test_a_bad_option_stops_check_as_it_stops_the_build(project: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    (project.root / "mkdocs.yml").write_text(CONFIG + "    rows_per_page: 10\n", encoding="utf-8")

    code, _out, err = project.cli("check", capsys=capsys)

    assert (code, err) == (2, "error: mkdocs.yml: extra.briefing.rows_per_page: unknown option (did you mean "
                              "'rows_per_part'?)\n")


def test_an_introduction_citing_an_unknown_source_fails_check_as_it_fails_the_build(
        project: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    settings = yaml.safe_load(CONFIG)
    settings["extra"]["briefing"]["home_intro"] = [{"text": "Words.", "citations": [{"source": "nowhere"}]}]
    (project.root / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")

    code, out, err = project.cli("check", capsys=capsys)

    assert code == 1 and out.startswith("briefing-data: OK")
    assert err == ("error: mkdocs.yml: extra.briefing.home_intro[0].citations[0].source: unknown source "
                   "'nowhere' (cite a source of the data's sources.yaml)\n")


def test_the_inherited_and_environment_settings_are_read_as_mkdocs_reads_them(
        project: Repo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (project.root / "briefing-data").rename(project.root / "from-env")
    (project.root / "base.yml").write_text(CONFIG, encoding="utf-8")
    (project.root / "mkdocs.yml").write_text(
        "INHERIT: base.yml\nextra:\n  briefing:\n    data_dir: !ENV [BRIEFING_DATA, briefing-data]\n", encoding="utf-8")
    monkeypatch.setenv("BRIEFING_DATA", "from-env")

    code, out, _err = project.cli("check", capsys=capsys)

    assert code == 0 and out.startswith("from-env: OK")


def test_diff_reads_the_data_folder_mkdocs_yml_names(project: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    base = project.git("rev-parse", "HEAD")
    project.append("incidents", "\n" + SECOND_INCIDENT)

    code, out, _err = project.cli("diff", base, capsys=capsys)

    assert code == 0 and "2021\\-01\\-09\\-town\\-y" in out


def test_links_reads_the_data_folder_mkdocs_yml_names(project: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    break_data(project)

    code, out, err = project.cli("links", "--out", "report", capsys=capsys)

    assert code == 1 and out == "" and "briefing-data/incidents.yaml:8:9:" in err
    assert not (project.root / "report").exists()  # nothing was checked


def test_the_pre_commit_hook_checks_the_data_folder_mkdocs_yml_names(project: Repo) -> None:
    assert run_hook(project.root).returncode == 0
    break_data(project)
    result = run_hook(project.root)
    assert result.returncode == 1 and "briefing-data/incidents.yaml:8:9:" in result.stderr


def test_the_build_and_the_command_line_share_one_reading_of_the_options() -> None:
    """No second parser: the session and the command line both go through briefing_options."""
    root = Path(__file__).resolve().parent.parent
    for module in ("briefing/mkdocs_adapter/session.py", "briefing/mkdocs_adapter/project.py"):
        text = (root / module).read_text("utf-8")
        assert "briefing_options(" in text and "load_options(config.extra" not in text


def test_check_without_any_configuration_reads_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(MINIMAL_DATA, tmp_path / "data")
    code, out, err = cli_in(tmp_path, capsys, "check")
    assert (code, err) == (0, "") and out.startswith("data: OK")
