"""The project's configuration, read once the way the build reads it, for every command.

``mkdocs build`` and ``mkdocs serve`` get ``mkdocs.yml`` parsed by MkDocs; the command
line (``check``, ``diff``, ``links``, and so the pre-commit hook) reads the same file here,
with MkDocs' own YAML loader (``INHERIT:``, ``!ENV``), and both take the generator's
options through :func:`briefing_options`, the one place that turns ``extra: briefing:``
into validated options and a data folder. So a project that sets
``extra.briefing.data_dir`` is checked where it is built.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import yaml_load

from briefing.config import ConfigError, data_dir
from briefing.mkdocs_adapter.options import BriefingConfig, load_options

#: The file MkDocs reads when no ``--config-file`` is given.
DEFAULT_CONFIG = Path("mkdocs.yml")


@dataclass(frozen=True)
class Project:
    """What the commands take from ``mkdocs.yml``."""

    #: ``None`` when there is no configuration file: every option has its default.
    config_file: Path | None
    options: BriefingConfig
    #: The folder of ``mkdocs.yml``, which ``data_dir`` is relative to.
    root: Path
    site_url: str | None = None
    use_directory_urls: bool = True

    @property
    def data_dir(self) -> Path:
        return data_dir(self.options, self.root)


def briefing_options(extra: Mapping[str, Any] | None, config_file: str | Path) -> tuple[BriefingConfig, Path]:
    """The validated ``extra: briefing:`` options of the configuration at ``config_file``
    and its data folder. Raises :class:`ConfigError` naming every bad option."""
    path = Path(config_file)
    raw = extra.get("briefing") if isinstance(extra, Mapping) else None
    options = load_options(raw, path.name)
    return options, data_dir(options, path.parent)


def read_project(config_file: Path | None = None) -> Project:
    """``mkdocs.yml`` (or ``config_file``) read as MkDocs reads it. A missing default file
    means the defaults; a missing file named explicitly, or one that does not parse, is a
    :class:`ConfigError`."""
    path = config_file if config_file is not None else DEFAULT_CONFIG
    if not path.is_file():
        if config_file is not None:
            raise ConfigError(f"{path}: no such configuration file")
        return Project(None, load_options(None), Path())
    try:
        with path.open("rb") as handle:
            settings = yaml_load(handle)
    except (ConfigurationError, OSError, ValueError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    if not isinstance(settings, Mapping):
        raise ConfigError(f"{path}: the configuration is not a mapping of settings")
    options, _folder = briefing_options(settings.get("extra"), path)
    site_url = settings.get("site_url")
    return Project(path, options, path.parent, site_url if isinstance(site_url, str) and site_url else None,
                   settings.get("use_directory_urls") is not False)
