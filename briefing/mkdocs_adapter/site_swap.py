"""A failed or killed build leaves the previous site whole: the site is built into a fresh
folder beside ``site/`` and swapped in, in one step, only once it is complete.

MkDocs empties ``site/`` at the start of a build and writes it page by page, so a crash
half-way (data that passes ``check`` but breaks a later step, a full disk) or a kill (a CI
timeout, the OOM killer) used to leave an empty or partial site that looked complete.
Here, as MkDocs events (``hooks/briefing_hook.py`` wires them):

* ``on_config``: the build is redirected to a new sibling folder ``.site.building-<token>``
  (same file system, so the swap is a rename), locked for the lifetime of the process;
  leftovers of killed builds (their lock is free) are removed first;
* after every ``on_post_build`` of every plugin (the search index and the offline plugin
  write there; ``on_config`` adds this step at the end of the event's list): the new
  folder and ``site/`` are exchanged atomically (Linux ``renameat2(RENAME_EXCHANGE)``,
  macOS ``renamex_np(RENAME_SWAP)``), then the previous site is deleted. Where neither
  exists, ``site/`` is renamed aside first and put back by the next build if the process
  died in between. A strict build whose warnings MkDocs is about to turn into a failure
  is not swapped in;
* ``on_build_error``: the new folder is deleted; a fault of the environment (a read-only
  folder, a full disk) becomes one clear line instead of a traceback.

When ``site/`` is a symbolic link (to the folder a web server serves), the link is kept:
the build goes beside the link's target and the target is swapped, so the served folder
gets the new site. A link whose target holds the project (or its docs) is refused.

Only the build's own folders are ever deleted: each is marked by its lock file beside it
(``.site.building-<token>.lock``, a regular file holding :data:`_SIGNATURE`, made before
the folder). A folder that merely looks like one (a user's ``.site.building-mine``, a
link) has no such mark and is left alone.

``mkdocs serve`` builds into a temporary folder of its own that its server reads: that is
left alone, as is a ``site/`` that is a mount point (it cannot be swapped; it is built in
place, as before). ``mkdocs build --dirty`` starts from a copy of the current site.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import logging
import os
import platform
import secrets
import shutil
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from briefing.errors import BriefingError, printable
from briefing.mkdocs_adapter.docs_files import check_sources
from briefing.publish.download import make_download

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no locks; leftovers are then kept
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger("mkdocs.plugins.briefing")

_BUILDING = ".building-"
_ASIDE = ".previous"
_LOCK = ".lock"
#: What a build's lock file holds: the mark of a folder this module made (and may delete).
_SIGNATURE = b"briefing site build: this folder and the one named like it are the build's own\n"


@dataclass
class _Build:
    target: Path
    staging: Path
    lock: Path
    lock_fd: int
    #: ``site_dir`` as configured (a link stays a link: gh-deploy reads it after the build).
    site_dir: str = ""


_state: dict[str, Any] = {"dirty": False, "serve": False}


def _prefix(target: Path) -> str:
    return f".{target.name}{_BUILDING}"


def startup(command: str, dirty: bool) -> None:
    """From the hook's ``on_startup``: ``serve`` builds in place for its server; a dirty
    build starts from a copy of the current site."""
    _state["dirty"], _state["serve"] = dirty, command == "serve"


@event_priority(100)  # before any plugin reads site_dir
def on_config(config: Any) -> Any:
    _discard(_state.pop("build", None))  # an earlier build of this process that did not finish
    check_sources(config)
    target = _served_folder(config)
    if _state.get("serve") or _is_serve_folder(target) or (target.exists() and os.path.ismount(target)):
        return config
    try:
        _recover(target)
        _remove_leftovers(target)
        if target.exists() and not os.access(target, os.W_OK):
            raise OSError(errno.EROFS if _read_only_fs(target) else errno.EACCES,
                          "the site folder is read-only", str(target))
        build = _start(target)
        build.site_dir = config.site_dir
        if _state.get("dirty") and target.is_dir():
            shutil.copytree(target, build.staging, symlinks=True, dirs_exist_ok=True)
    except OSError as exc:
        raise PluginError(environment_message(exc, "cannot prepare the site")) from None
    _state["build"] = build
    config.site_dir = str(build.staging)
    finishing = config.plugins.events["post_build"]
    if _finish not in finishing:
        finishing.append(_finish)  # after every plugin's on_post_build, whatever its priority
    return config


def _finish(config: Any) -> None:
    """The last step of ``post_build``: swap the complete new site in."""
    build: _Build | None = _state.get("build")
    if build is None:
        return
    if getattr(config, "strict", False) and _warnings_counted():
        return  # MkDocs aborts the build right after this event: on_build_error discards it
    try:
        make_download(build.staging)  # the finished site, zipped for offline reading
        _swap_in(build.staging, build.target)
    except OSError as exc:
        raise PluginError(environment_message(exc, "cannot publish the new site")) from None
    _state.pop("build", None)
    config.site_dir = build.site_dir or str(build.target)  # e.g. gh-deploy reads it after the build
    _discard(build)  # the previous site, now where the new one was built


@event_priority(-100)
def on_build_error(error: Exception) -> None:
    _discard(_state.pop("build", None))
    if isinstance(error, OSError):
        raise PluginError(environment_message(error, "the build failed")) from None
    if isinstance(error, BriefingError) and not isinstance(error, PluginError):
        raise PluginError(printable(str(error))) from None


def environment_message(error: OSError, what: str) -> str:
    """One line for a fault of the environment: what failed, why, where; the site is intact."""
    where = f" ({error.filename})" if error.filename else ""
    return printable(f"{what}: {error.strerror or error}{where}; the previous site was left as it was")


# --- the folder dance ----------------------------------------------------------------------


def _served_folder(config: Any) -> Path:
    """The folder the site goes to: ``site_dir``, or the target of the link it is (kept as
    a link). A target that holds the project or its docs is refused: the swap would
    delete them."""
    given = Path(config.site_dir)
    if not given.is_symlink():
        return given
    target = Path(os.path.realpath(given))
    project = Path(os.path.realpath(getattr(config, "config_file_path", None) or ".")).parent
    docs = Path(os.path.realpath(getattr(config, "docs_dir", None) or project))
    if any(place == target or target in place.parents for place in (project, docs)):
        raise PluginError(printable(f"site_dir {given} is a link to {target}, which holds the project or its docs: "
                                    "point it at a folder of its own"))
    return target


def _is_serve_folder(target: Path) -> bool:
    """``mkdocs serve`` builds into ``tempfile.mkdtemp(prefix="mkdocs_")`` and serves it
    (ProperDocs: ``properdocs_``)."""
    try:
        return target.name.startswith(("mkdocs_", "properdocs_")) and \
            target.parent.resolve() == Path(tempfile.gettempdir()).resolve()
    except OSError:
        return False


def _read_only_fs(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def _start(target: Path) -> _Build:
    """A new, empty, locked folder beside ``target``: the lock is created (and held)
    first, so that a folder without a lock, or with a free one, is always a leftover."""
    token = secrets.token_hex(6)
    staging = target.parent / f"{_prefix(target)}{token}"
    lock = Path(f"{staging}{_LOCK}")
    fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_RDWR | getattr(os, "O_CLOEXEC", 0) | os.O_NOFOLLOW, 0o600)
    try:
        os.write(fd, _SIGNATURE)  # the mark, before the folder exists
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        staging.mkdir()
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            lock.unlink()
        raise
    return _Build(target, staging, lock, fd)


def _lock_is_free(lock: Path) -> bool:
    """Whether no living process holds ``lock`` (its builder was killed or is done)."""
    if fcntl is None:
        return False
    try:
        fd = os.open(lock, os.O_RDWR | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    finally:
        os.close(fd)
    return True


def _marked(lock: Path) -> bool:
    """Whether ``lock`` is a build's lock file: a regular file (not a link) holding the mark."""
    try:
        fd = os.open(lock, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False
    try:
        return stat.S_ISREG(os.fstat(fd).st_mode) and os.read(fd, len(_SIGNATURE) + 1) == _SIGNATURE
    except OSError:
        return False
    finally:
        os.close(fd)


def _ours(folder: Path) -> bool:
    """Whether ``folder`` is a build's own: a real folder (not a link) beside its marked lock."""
    try:
        is_folder = stat.S_ISDIR(os.lstat(folder).st_mode)
    except OSError:
        return False
    return is_folder and _marked(Path(f"{str(folder).removesuffix(_ASIDE)}{_LOCK}"))


def _leftovers(target: Path) -> list[Path]:
    """The build folders beside ``target`` (marked as the build's own; nothing else)."""
    prefix = _prefix(target)
    try:
        names = sorted(entry.name for entry in os.scandir(target.parent) if entry.name.startswith(prefix))
    except FileNotFoundError:
        return []
    return [target.parent / name for name in names if not name.endswith(_LOCK) and _ours(target.parent / name)]


def _recover(target: Path) -> None:
    """Where no atomic exchange exists, a build killed between its two renames left no
    ``site/`` and the previous site aside: put it back."""
    if os.path.lexists(target):
        return
    for folder in _leftovers(target):
        if folder.name.endswith(_ASIDE) and _lock_is_free(Path(f"{str(folder).removesuffix(_ASIDE)}{_LOCK}")):
            os.rename(folder, target)
            return


def _remove_leftovers(target: Path) -> None:
    """Delete what killed builds left beside ``target`` (their lock is free)."""
    for folder in _leftovers(target):
        base = str(folder).removesuffix(_ASIDE)
        if _lock_is_free(Path(f"{base}{_LOCK}")):
            _remove(folder)
    prefix = _prefix(target)
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            lock = target.parent / entry.name
            if entry.name.startswith(prefix) and entry.name.endswith(_LOCK) and not os.path.lexists(
                    target.parent / entry.name.removesuffix(_LOCK)) and _marked(lock) and _lock_is_free(lock):
                with contextlib.suppress(OSError):
                    lock.unlink()


def _remove(path: Path) -> None:
    try:
        if not os.path.lexists(path):
            return
        if path.is_symlink() or not path.is_dir():
            path.unlink()
        else:
            shutil.rmtree(path)
    except OSError as exc:  # never a warning: in strict mode it would fail a finished build
        log.info(printable(f"could not remove {path}: {exc.strerror or exc} (the next build tries again)"))


def _discard(build: _Build | None) -> None:
    """Delete a build's folder (the new site of a failed build, or the previous site once
    swapped out) and release its lock."""
    if build is None:
        return
    _remove(build.staging)
    with contextlib.suppress(OSError):
        os.close(build.lock_fd)
    if not os.path.lexists(build.staging):  # the mark goes last: a folder left behind stays marked
        with contextlib.suppress(OSError):
            build.lock.unlink()


def _swap_in(staging: Path, target: Path) -> None:
    """Put the complete ``staging`` in the place of ``target``; the previous site ends up
    at ``staging``. Atomic where the system can exchange two names."""
    if not os.path.lexists(target):
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        return
    aside = Path(f"{staging}{_ASIDE}")
    os.rename(target, aside)  # a kill here leaves no site/ for a moment: _recover puts it back
    os.rename(staging, target)
    os.rename(aside, staging)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # linux/fs.h
_RENAME_SWAP = 2  # macOS stdio.h
_SYS_RENAMEAT2 = {"x86_64": 316, "aarch64": 276, "arm64": 276}


def _libc() -> Any:
    return ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths; False where the system or file system cannot."""
    fa, fb = os.fsencode(a), os.fsencode(b)
    try:
        libc = _libc()
        if sys.platform.startswith("linux"):
            if hasattr(libc, "renameat2"):
                result = libc.renameat2(_AT_FDCWD, fa, _AT_FDCWD, fb, _RENAME_EXCHANGE)
            elif platform.machine() in _SYS_RENAMEAT2:
                result = libc.syscall(_SYS_RENAMEAT2[platform.machine()], _AT_FDCWD, fa, _AT_FDCWD, fb,
                                      _RENAME_EXCHANGE)
            else:
                return False
        elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
            result = libc.renamex_np(fa, fb, _RENAME_SWAP)
        else:
            return False
    except (OSError, AttributeError):
        return False
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, getattr(errno, "EOPNOTSUPP", errno.ENOTSUP)):
        return False  # not supported here: the two-rename way
    raise OSError(code, os.strerror(code), str(b))


def _warnings_counted() -> bool:
    """Whether MkDocs (or ProperDocs, its fork) counted warnings that, in strict mode, it
    turns into a failure right after ``on_post_build``."""
    counts = (getattr(handler, "get_counts", None) for name in ("mkdocs", "properdocs")
              for handler in logging.getLogger(name).handlers)
    return any(callable(count) and count() for count in counts)


#: The MkDocs events, for the hook: ``on_config, on_build_error`` (and :func:`startup`
#: from its ``on_startup``).
EVENTS = (on_config, on_build_error)
