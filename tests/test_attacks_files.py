"""Class 2 of issue 11: only regular files inside the data folder are read.

A data file that was a symbolic link to a file outside the repository was followed, and
the target's content was printed in errors and GitHub annotations (a public PR log); a
link to ``/dev/zero`` or a named pipe exhausted memory or hung. Each test plants such a
file (a pull request can add symbolic links; the rest can be on a runner) and expects a
located error naming what the file is, at once, with nothing of the target shown.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from testdata import DataDir

from briefing import limits
from briefing.cli import main

ROOT = Path(__file__).resolve().parent.parent
SECRET = "RUNNER-SECRET-0f8e"


def check(data_dir: DataDir, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``python -m briefing check`` in its own process, so that a hang is a failure, not a stuck suite."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "briefing", "check", *args], cwd=data_dir.root, env=env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / "credentials"
    secret.parent.mkdir()
    # shaped like a data file, so that a loader that followed the link would quote it
    secret.write_text(f"- id: {SECRET}\n  name: {SECRET}\n")
    return secret


@pytest.mark.parametrize("form", ["text", "github", "json"])
def test_a_data_file_linked_to_a_file_outside_the_repository_is_not_read(
        data_dir: DataDir, secret_file: Path, form: str) -> None:
    data_dir.path("parties").unlink()
    data_dir.path("parties").symlink_to(secret_file)

    result = check(data_dir, "--format", form)

    assert result.returncode == 1
    assert SECRET not in result.stdout + result.stderr
    assert "data/parties.yaml" in result.stdout + result.stderr
    assert "file is a symbolic link: data files must be regular files inside the data folder" in (
        result.stdout + result.stderr)


def test_a_link_to_another_file_of_the_repository_is_refused_too(data_dir: DataDir) -> None:
    (data_dir.root / "README.md").write_text(f"{SECRET}\n")
    data_dir.path("sources").unlink()
    data_dir.path("sources").symlink_to("../README.md")

    error = data_dir.error()

    assert str(error) == ("data/sources.yaml:1:1: file is a symbolic link: data files must be regular files inside "
                          "the data folder (hint: replace the link by the file itself) [not-a-regular-file]")


def test_a_data_folder_that_is_a_link_is_refused(tmp_path: Path, secret_file: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "project"
    project.mkdir()
    for kind in ("parties", "regions", "sources", "agreements", "milestones", "incidents"):
        (secret_file.parent / f"{kind}.yaml").write_text(f"- id: {SECRET}\n")
    (project / "data").symlink_to(secret_file.parent)
    cwd = Path.cwd()
    os.chdir(project)
    try:
        code = main(["check"])
    finally:
        os.chdir(cwd)
    err = capsys.readouterr().err

    assert code == 1
    assert err.splitlines() == [
        "data:1:1: the data folder is a symbolic link: the data must be files inside the repository "
        "(hint: replace the link by the folder itself) [data-folder]",
        "1 problem found in the data; nothing was built."]


def test_a_link_to_dev_zero_is_refused_at_once(data_dir: DataDir) -> None:
    data_dir.path("milestones").unlink()
    data_dir.path("milestones").symlink_to("/dev/zero")

    result = check(data_dir, timeout=30)

    assert result.returncode == 1
    assert "data/milestones.yaml:1:1: file is a symbolic link" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(data_dir: DataDir) -> None:
    data_dir.path("regions").unlink()
    os.mkfifo(data_dir.path("regions"))

    result = check(data_dir, timeout=30)

    assert result.returncode == 1
    assert ("data/regions.yaml:1:1: file is a named pipe: data files must be regular files inside the data folder "
            "(hint: replace it by a YAML file)") in result.stderr


def test_a_device_file_is_refused(data_dir: DataDir) -> None:
    try:
        os.mknod(data_dir.path("agreements"), 0o600 | 0o020000, os.makedev(1, 5))  # /dev/zero's numbers
    except (PermissionError, AttributeError, OSError):
        if data_dir.path("agreements").exists() and data_dir.path("agreements").is_file():
            data_dir.path("agreements").unlink()
            try:
                os.mknod(data_dir.path("agreements"), 0o600 | 0o020000, os.makedev(1, 5))
            except (PermissionError, AttributeError, OSError):
                pytest.skip("cannot make a device file here")
        else:
            pytest.skip("cannot make a device file here")

    result = check(data_dir, timeout=30)

    assert result.returncode == 1
    assert "data/agreements.yaml:1:1: file is a device: data files must be regular files" in result.stderr


def test_a_folder_in_the_place_of_a_file_is_refused(data_dir: DataDir) -> None:
    data_dir.path("incidents").unlink()
    data_dir.path("incidents").mkdir()

    error = data_dir.error()

    assert str(error).startswith("data/incidents.yaml:1:1: ")
    assert "folder" in error.message or "Is a directory" in error.message


def test_a_huge_file_is_refused_from_its_size_before_a_byte_is_read(data_dir: DataDir) -> None:
    # sparse: 1 GB that costs no disk; reading it would cost a gigabyte of memory
    with open(data_dir.path("sources"), "wb") as handle:
        handle.truncate(4 * limits.MAX_FILE_BYTES)

    result = check(data_dir, timeout=30)

    assert result.returncode == 1
    assert "data/sources.yaml:1:1: file is 1,024.0 MB, over the limit of 256.0 MB per data file" in result.stderr
    assert "[file-too-big]" in result.stderr


def test_the_optional_removed_file_as_a_link_is_refused_too(data_dir: DataDir, secret_file: Path) -> None:
    data_dir.path("removed").symlink_to(secret_file)

    error = data_dir.error()

    assert error.location.file == "data/removed.yaml" and "symbolic link" in error.message
    assert SECRET not in str(error)
