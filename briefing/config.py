"""The generator's options, set in ``mkdocs.yml`` under ``extra: briefing:``.

Declared the way MkDocs declares its own options (``mkdocs.config.config_options``), and
validated the same way: a bad value stops the build with the option's name and what is
wrong, and an unknown option name is refused (a typo must not silently fall back to a
default). Every option is documented in ``docs/configuration.md``.

```yaml
extra:
  briefing:
    data_dir: data          # the folder of YAML files, relative to mkdocs.yml
    rows_per_part: 250      # long lists are split into pages of this many rows
```
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from briefing.errors import BriefingError


class _Positive(c.Type[int]):
    """A whole number of at least ``minimum``."""

    def __init__(self, minimum: int, default: int) -> None:
        super().__init__(int, default=default)
        self.minimum = minimum

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if isinstance(number, bool) or number < self.minimum:
            raise base.ValidationError(f"must be a whole number of at least {self.minimum}, not {value!r}")
        return number


class BriefingConfig(base.Config):
    """The options under ``extra: briefing:`` in ``mkdocs.yml``."""

    #: The folder of data files, relative to ``mkdocs.yml``.
    data_dir = c.Type(str, default="data")
    #: Rows per page of a long list (the incident index, a country's incidents ...).
    rows_per_part = _Positive(minimum=10, default=250)


class ConfigError(BriefingError):
    """``extra.briefing`` in ``mkdocs.yml`` has a bad or unknown option."""


def load_options(raw: Mapping[str, Any] | None, config_file: str = "mkdocs.yml") -> BriefingConfig:
    """Validate ``extra.briefing``; raise :class:`ConfigError` naming every bad option."""
    options = BriefingConfig(config_file_path=config_file)
    if raw is not None and not isinstance(raw, Mapping):
        raise ConfigError(f"{config_file}: extra.briefing must be a mapping of options, not {raw!r}")
    options.load_dict(dict(raw or {}))
    failed, warnings = options.validate()
    problems = [f"{config_file}: extra.briefing.{name}: {error}" for name, error in failed]
    known = sorted(name for name, _option in BriefingConfig._schema)
    for name, _warning in warnings:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (options: {', '.join(known)})"
            problems.append(f"{config_file}: extra.briefing.{name}: unknown option{hint}")
    if problems:
        raise ConfigError("\n".join(problems))
    return options


def data_dir(options: BriefingConfig, project: Path) -> Path:
    """The data folder, resolved against the folder of ``mkdocs.yml``."""
    return project / options.data_dir
