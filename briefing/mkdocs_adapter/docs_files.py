"""The site is built only from regular files of the project: no symbolic link, pipe or
device in ``docs/`` or the theme's ``overrides/``.

MkDocs follows links when it collects ``docs/``, and copies every file it finds into the
site: a link in a pull request (``docs/notes.txt -> /home/runner/.ssh/id_rsa``) would copy
a file from outside the repository into the site that is uploaded and published, and a
link in ``overrides/`` would be read as a page template. A named pipe would hang the build.
Checked before anything is built; the message names every such file at once.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from briefing.errors import printable


def irregular_files(folder: Path) -> list[str]:
    """Paths below ``folder`` (relative, sorted) that are not plain files or folders."""
    found: list[str] = []
    for current, folders, files in os.walk(folder, followlinks=False):
        for name in [*folders, *files]:
            path = Path(current, name)
            try:
                mode = os.lstat(path).st_mode
            except OSError:
                continue
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                found.append(path.relative_to(folder).as_posix())
    return sorted(found)


def check_sources(config: Any) -> None:
    """Raise a :class:`PluginError` naming every link or special file in the folders the
    site is built from (``docs_dir`` and the theme's ``custom_dir``)."""
    folders = [config.docs_dir]
    custom = getattr(getattr(config, "theme", None), "custom_dir", None)
    if custom:
        folders.append(custom)
    problems = []
    for folder in folders:
        root = Path(folder)
        if root.is_symlink():
            problems.append(f"{root.name}/ is a symbolic link")
        problems += [f"{root.name}/{path} is a symbolic link or a special file" for path in irregular_files(root)]
    if problems:
        raise PluginError(printable("the site is built only from regular files, so that nothing outside the "
                                    "repository can be published: " + "; ".join(problems)))
