"""Class 8 of issue 11: faults of the environment give one clear line and a non-zero exit.

A read-only ``site/``, a full disk and an unreadable ``data/`` folder used to end in
Python tracebacks; a 0-byte ``incidents.yaml`` was accepted as zero incidents. Each test
below creates the fault for real where the system allows it (a read-only bind mount and a
tiny tmpfs inside a user namespace, another user for permissions) and, so that they also
run where it does not (a CI container), once more in-process by making the system calls
fail the way the fault would.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import mkdocs.utils
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from sitetools import SOURCE_DATE_EPOCH, build_env, make_project, run_mkdocs
from testdata import MINIMAL_DATA, DataDir

from briefing.cli import main

ROOT = Path(__file__).resolve().parent.parent


def manifest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def _can_unshare() -> bool:
    if shutil.which("unshare") is None or not sys.platform.startswith("linux"):
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
                           capture_output=True, timeout=30)
    return probe.returncode == 0


needs_unshare = pytest.mark.skipif(not _can_unshare(), reason="no user namespaces here (e.g. a CI container)")


def _one_clear_line(stderr: str) -> None:
    assert "Traceback" not in stderr, stderr
    errors = [line for line in stderr.splitlines() if line.startswith(("ERROR", "Error", "error"))]
    assert errors, stderr
    assert all(len(line) < 400 for line in errors)


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    project = make_project(tmp_path / "project", MINIMAL_DATA)
    assert run_mkdocs(project, {"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}).returncode == 0
    return project, manifest(project / "site")


def _in_namespace(script: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = build_env({"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH})
    return subprocess.run(["unshare", "-rm", "sh", "-ec", script], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=300)


MANIFEST = ("import hashlib, json, pathlib, sys; s = pathlib.Path(sys.argv[1]); "
            "print(json.dumps({p.relative_to(s).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() "
            "for p in sorted(s.rglob('*')) if p.is_file()}))")


@needs_unshare
def test_a_read_only_site_folder_is_one_line_and_the_site_stays(tmp_path: Path,
                                                               built: tuple[Path, dict[str, str]]) -> None:
    project, before = built
    (project / "data" / "incidents.yaml").write_text(
        (project / "data" / "incidents.yaml").read_text().replace("near Town Y", "near Town Y (updated)", 1))
    site = shlex.quote(str(project / "site"))
    result = _in_namespace(f"mount --bind {site} {site}; mount -o remount,ro,bind {site}; "
                           f"cd {shlex.quote(str(project))}; "
                           f"{shlex.quote(sys.executable)} -m mkdocs build --strict || echo EXIT=$?", tmp_path)

    assert "EXIT=1" in result.stdout, result.stdout + result.stderr
    _one_clear_line(result.stderr)
    assert "the site folder is read-only" in result.stderr
    assert manifest(project / "site") == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site.")]


@needs_unshare
def test_a_full_disk_is_one_line_and_the_previous_site_stays(tmp_path: Path,
                                                             built: tuple[Path, dict[str, str]]) -> None:
    project, before = built
    used = sum(p.stat().st_size for p in project.rglob("*") if p.is_file())
    disk = tmp_path / "disk"
    disk.mkdir()
    out = tmp_path / "manifest.json"
    copy = disk / "project"
    # room for the project, its site and half another site: the new build runs out midway
    size_kb = int(used * 1.5 / 1024) + 256
    script = (f"mount -t tmpfs -o size={size_kb}k tmpfs {shlex.quote(str(disk))}; "
              f"cp -a {shlex.quote(str(project))} {shlex.quote(str(copy))}; cd {shlex.quote(str(copy))}; "
              f"sed -i 's/near Town Y/near Town Y (updated)/' data/incidents.yaml; "
              f"{shlex.quote(sys.executable)} -m mkdocs build --strict || echo EXIT=$?; "
              f"ls -a; {shlex.quote(sys.executable)} -c {shlex.quote(MANIFEST)} site > {shlex.quote(str(out))}")
    result = _in_namespace(script, tmp_path)

    assert "EXIT=1" in result.stdout, result.stdout + result.stderr
    _one_clear_line(result.stderr)
    assert "No space left on device" in result.stderr
    assert json.loads(out.read_text()) == before
    assert ".site.building" not in result.stdout  # the partial build was removed


def _build_in_process(project: Path, monkeypatch: pytest.MonkeyPatch) -> MkDocsException:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    monkeypatch.chdir(project)
    config = load_config(config_file=str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    with pytest.raises(MkDocsException) as caught:
        build(config)
    return caught.value


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EIO])
def test_a_write_that_fails_midway_is_one_line_and_the_previous_site_stays(
        built: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    project, before = built
    writes = []
    real = mkdocs.utils.write_file

    def failing(content: bytes, output_path: str) -> None:
        writes.append(output_path)
        if len(writes) > 10:
            raise OSError(code, os.strerror(code), output_path)
        real(content, output_path)

    monkeypatch.setattr(mkdocs.utils, "write_file", failing)
    (project / "data" / "incidents.yaml").write_text(
        (project / "data" / "incidents.yaml").read_text().replace("near Town Y", "near Town Y (updated)", 1))

    error = _build_in_process(project, monkeypatch)

    message = error.format_message()
    assert message.startswith("the build failed: ") and os.strerror(code) in message and "\n" not in message
    assert "the previous site was left as it was" in message
    assert manifest(project / "site") == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site.")]


def test_a_folder_where_the_new_site_cannot_be_made_is_one_line(
        built: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    project, before = built
    real_mkdir = Path.mkdir

    def read_only(self: Path, *args: object, **kwargs: object) -> None:
        if self.name.startswith(".site.building-"):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))
        real_mkdir(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "mkdir", read_only)

    error = _build_in_process(project, monkeypatch)

    assert "Read-only file system" in str(error) or "BuildError" in str(error)
    assert manifest(project / "site") == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site.")]


# --- an unreadable data folder -------------------------------------------------------------


def _nobody_can_run_python() -> bool:
    if shutil.which("setpriv") is None or os.geteuid() != 0:
        return False
    probe = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-c",
                            "import briefing, mkdocs"], capture_output=True, cwd="/", timeout=60)
    return probe.returncode == 0


@pytest.mark.skipif(not _nobody_can_run_python(), reason="cannot run as another user here")
def test_an_unreadable_data_folder_is_one_located_line_for_check_and_build() -> None:
    scratch = Path(tempfile.mkdtemp(prefix="briefing-perm-"))
    try:
        scratch.chmod(0o755)
        project = make_project(scratch / "project", MINIMAL_DATA)
        subprocess.run(["chown", "-R", "65534:65534", str(project)], check=True)
        (project / "data").chmod(0)
        as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]

        check = subprocess.run([*as_nobody, sys.executable, "-m", "briefing", "check"], cwd=project,
                               env=build_env(), capture_output=True, text=True, timeout=60)
        built = subprocess.run([*as_nobody, sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                               env=build_env(), capture_output=True, text=True, timeout=120)

        line = "data:1:1: cannot read the data folder: Permission denied (hint: check its permissions) [data-folder]"
        assert check.returncode == 1 and check.stderr.splitlines()[0] == line, check.stderr
        assert built.returncode == 1 and line in built.stderr
        assert "Traceback" not in check.stderr + built.stderr
    finally:
        (scratch / "project" / "data").chmod(0o755)
        shutil.rmtree(scratch, ignore_errors=True)


def test_an_unreadable_data_folder_is_reported_in_process(data_dir: DataDir, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from briefing.load import reader

    real_open = os.open

    def denied(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if Path(str(path)).resolve() == data_dir.data.resolve():
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reader.os, "open", denied)
    monkeypatch.chdir(data_dir.root)

    assert main(["check"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "data:1:1: cannot read the data folder: Permission denied (hint: check its permissions) [data-folder]",
        "1 problem found in the data; nothing was built."]


def test_an_unreadable_data_file_is_reported_with_its_place(data_dir: DataDir, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    from briefing.load import reader

    real_open = os.open

    def denied(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if Path(str(path)).name == "sources.yaml":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reader.os, "open", denied)
    monkeypatch.chdir(data_dir.root)

    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert "data/sources.yaml:1:1: cannot read file: Permission denied" in err and "[file-unreadable]" in err


# --- files that say nothing ----------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"# every incident was moved out\n", b"\n\n   \n"])
def test_a_0_byte_or_comment_only_incidents_file_is_refused_with_what_is_expected(
        data_dir: DataDir, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        content: bytes) -> None:
    data_dir.write_bytes("incidents", content)
    monkeypatch.chdir(data_dir.root)

    assert main(["check"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "data/incidents.yaml:1:1: the file holds no incidents: it is empty or only comments; expected a list of "
        "incidents, each starting with '- id:' (hint: if there are really none yet, write an empty list: []) [empty-file]")


def test_an_empty_removed_file_is_fine(data_dir: DataDir, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir.write_bytes("removed", b"")
    monkeypatch.chdir(data_dir.root)

    assert main(["check"]) == 0


# --- where the output goes -----------------------------------------------------------------


def test_a_reader_that_goes_away_is_no_traceback(data_dir: DataDir) -> None:
    data_dir.write("incidents", "".join(f"- {{id: x-{i}, regions: [nowhere-{i}]}}\n" for i in range(3000)))
    process = subprocess.Popen([sys.executable, "-m", "briefing", "check", "--format", "github"],
                               cwd=data_dir.root, env={**build_env(), "PYTHONPATH": str(ROOT)},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()  # `check | head -1`
    stderr = process.stderr.read().decode()
    process.wait(timeout=60)

    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr


def test_a_terminal_that_cannot_show_the_text_still_gets_every_line(data_dir: DataDir) -> None:
    data_dir.edit("incidents", "regions: [town-y]", "regions: [Шуша-town]")
    result = subprocess.run([sys.executable, "-m", "briefing", "check", "--format", "github"], cwd=data_dir.root,
                            env={**build_env(), "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "ascii"},
                            capture_output=True, timeout=60)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr.decode("ascii")
    assert "unknown region '\\u0428\\u0443\\u0448\\u0430-town'" in result.stdout.decode("ascii")
