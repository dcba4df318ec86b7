"""Step 1 of the data flow: the data files, opened safely and read.

Only regular files inside the data folder are read (no symbolic links, pipes or
devices), and a file's size is checked before a byte of it is read. A file's text is read
by :mod:`briefing.load.fast_reader` when it has nothing to report, else by
:mod:`briefing.load.yaml_text`, which explains every problem with its place (the rules
of the strict YAML reading are written there).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

from briefing import limits
from briefing.errors import DataError, Location
from briefing.kinds import DATA_FILES, OPTIONAL_FILES
from briefing.load import fast_reader
from briefing.load.yaml_text import (
    SCALE_HINT,
    JsonPath,
    LoadedFile,
    density_error,
    parse_text,
)

__all__ = ["JsonPath", "LoadedFile", "load_bytes", "load_data_dir", "load_file",
           "load_text", "read_regular_file"]


def load_text(text: str, path: str, kind: str, fast: bool = True) -> tuple[LoadedFile | None, list[DataError]]:
    """Parse one file's text. Never raises for bad input: problems come back as errors.

    A file with nothing to report is read by :mod:`briefing.load.fast_reader` when it
    can (``fast``); anything else by :func:`briefing.load.yaml_text.parse_text`.
    """
    if fast and density_error(text, path) is None:  # a dense file goes to the reader, which refuses it
        quick = fast_reader.load(text, path, kind)
        if quick is not None:
            return quick, []
    return parse_text(text, path, kind)


ParseBytes = Callable[[bytes, str, str], tuple["LoadedFile | None", list[DataError]]]


#: How data files are opened: never through a symbolic link (a link to a file outside the
#: repository would be read and quoted in error messages), never waiting (a named pipe
#: would hang the check), never becoming the terminal of the process.
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0))
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_LINK_ERRORS = {errno.ELOOP, getattr(errno, "EMLINK", errno.ELOOP)}  # FreeBSD says EMLINK for O_NOFOLLOW


def _file_type(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISLNK, "a symbolic link")):
        if test(mode):
            return name
    return "not a regular file"


def _too_big(display_path: str, size: int) -> DataError:
    return DataError(Location(display_path), f"file is {size / 1024**2:,.1f} MB, over the limit of "
                     f"{limits.MAX_FILE_BYTES / 1024**2:,.1f} MB per data file", hint=SCALE_HINT, code="file-too-big")


def read_regular_file(name: str | Path, display_path: str, dir_fd: int | None = None) -> tuple[bytes | None, DataError | None]:
    """The bytes of a data file, only if it is a regular file within the size limit.

    ``name`` is opened relative to ``dir_fd`` (the data folder) when given, without
    following a symbolic link and without blocking; its type and size are checked on the
    open file (no race between a check and the read), before anything is read. Raises
    :class:`FileNotFoundError` for a missing file; every other problem is returned."""
    try:
        fd = os.open(name, _OPEN_FLAGS, dir_fd=dir_fd) if dir_fd is not None else os.open(name, _OPEN_FLAGS)
    except FileNotFoundError:
        raise
    except OSError as exc:
        if exc.errno in _LINK_ERRORS:
            return None, DataError(Location(display_path), "file is a symbolic link: data files must be regular "
                                   "files inside the data folder", hint="replace the link by the file itself",
                                   code="not-a-regular-file")
        return None, DataError(Location(display_path), f"cannot read file: {exc.strerror or exc}",
                               code="file-unreadable")
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, DataError(Location(display_path), f"file is {_file_type(info.st_mode)}: data files must "
                                   "be regular files inside the data folder", hint="replace it by a YAML file",
                                   code="not-a-regular-file")
        if info.st_size > limits.MAX_FILE_BYTES:
            return None, _too_big(display_path, info.st_size)
        with open(fd, "rb", closefd=False) as handle:
            raw = handle.read(limits.MAX_FILE_BYTES + 1)  # the file may grow while it is read
    except OSError as exc:
        return None, DataError(Location(display_path), f"cannot read file: {exc.strerror or exc}",
                               code="file-unreadable")
    finally:
        os.close(fd)
    return raw, None


def load_file(file: Path, display_path: str, kind: str, dir_fd: int | None = None,
              parse: ParseBytes | None = None) -> tuple[LoadedFile | None, list[DataError]]:
    """Read and parse one data file; a missing, unreadable or irregular file is a reported problem.
    ``parse`` replaces :func:`load_bytes` (``mkdocs serve`` reuses files that did not change)."""
    try:
        raw, problem = read_regular_file(file.name if dir_fd is not None else file, display_path, dir_fd)
    except FileNotFoundError:
        if kind in OPTIONAL_FILES:
            return LoadedFile(kind, display_path, []), []
        return None, [DataError(Location(display_path), "file is missing",
                                hint=f"create it with a list of {kind} (it may be an empty list: [])", code="file-missing")]
    if raw is None:
        assert problem is not None
        return None, [problem]
    return (parse or load_bytes)(raw, display_path, kind)


def load_bytes(raw: bytes, display_path: str, kind: str) -> tuple[LoadedFile | None, list[DataError]]:
    """Parse one file's bytes (from disk or from a git revision): size limit, UTF-8, YAML."""
    if len(raw) > limits.MAX_FILE_BYTES:
        return None, [_too_big(display_path, len(raw))]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [DataError(Location(display_path, line), "file is not valid UTF-8",
                                hint="save the file with UTF-8 encoding", code="not-utf8")]
    return load_text(text, display_path, kind)


def load_data_dir(data_dir: Path, display_root: Path | None = None,
                  parse: ParseBytes | None = None) -> tuple[dict[str, LoadedFile], list[DataError]]:
    """Load every data file in ``data_dir``; returns what parsed and every problem found.
    ``parse`` replaces :func:`load_bytes` (``mkdocs serve`` reuses files that did not change).

    The folder is opened once (not through a symbolic link) and each file is opened
    relative to it, so every file read is a regular file directly inside it."""
    loaded: dict[str, LoadedFile] = {}
    errors: list[DataError] = []
    dir_fd: int | None = None
    try:
        dir_fd = os.open(data_dir, _DIR_FLAGS)
    except FileNotFoundError:
        pass  # each file is reported missing, with how to create it
    except OSError as exc:
        display = _display_path(data_dir, display_root)
        if exc.errno in _LINK_ERRORS or os.path.islink(data_dir):  # (O_DIRECTORY makes a link ENOTDIR)
            message, hint = ("the data folder is a symbolic link: the data must be files inside the repository",
                             "replace the link by the folder itself")
        elif exc.errno == errno.ENOTDIR:
            message, hint = "the data folder is not a folder", "give the folder that holds incidents.yaml"
        else:
            message, hint = f"cannot read the data folder: {exc.strerror or exc}", "check its permissions"
        return {}, [DataError(Location(display), message, hint=hint, code="data-folder")]
    try:
        for kind in DATA_FILES:
            file = data_dir / f"{kind}.yaml"
            result, problems = load_file(file, _display_path(file, display_root), kind,
                                         dir_fd if os.open in os.supports_dir_fd else None, parse)
            errors.extend(problems)
            if result is not None:
                loaded[kind] = result
    finally:
        if dir_fd is not None:
            os.close(dir_fd)
    return loaded, errors


def _display_path(file: Path, root: Path | None) -> str:
    """``file`` relative to ``root`` for messages. The file itself is not resolved: were it
    a symbolic link, its target's name would be shown (and the link is refused anyway)."""
    if root is not None:
        try:
            return (file.parent.resolve() / file.name).relative_to(root.resolve()).as_posix()
        except (ValueError, OSError):  # outside the root; or a link loop
            pass
    return file.as_posix()
