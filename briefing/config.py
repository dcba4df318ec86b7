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
    home_title: "..."       # the home page's heading (default: site_name)
    home_intro:             # paragraphs above the key points, each cited like the data
      - text: "..."
        citations: [{source: a-source-id, locator: paragraph 2}]
    home_key_points: 12     # records in each list of the home page's briefing
```

The site texts (``home_title``, ``home_intro``) are options so that a template holds
no sentence of its own; an introduction is cited like every statement of the data, and
a citation of a source that is not in the data stops the build
(:func:`briefing.render.home.intro_paragraphs`).
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


class _Text(c.Type[str]):
    """Text with something in it."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if not text.strip():
            raise base.ValidationError("must not be empty")
        return text


class CitationOption(base.Config):
    """A citation in ``mkdocs.yml``, written like one in the data."""

    source = _Text()
    locator = c.Optional(_Text())
    quote = c.Optional(_Text())


class _Citations(c.ListOfItems[CitationOption]):
    def __init__(self) -> None:
        super().__init__(c.SubConfig(CitationOption))

    def run_validation(self, value: object) -> list[CitationOption]:
        citations = super().run_validation(value)
        if not citations:
            raise base.ValidationError("needs at least one citation: every statement shown on the site "
                                       "must trace back to a source")
        return citations


class CitedParagraph(base.Config):
    """A paragraph of site text, with the sources that support it."""

    text = _Text()
    citations = _Citations()


class BriefingConfig(base.Config):
    """The options under ``extra: briefing:`` in ``mkdocs.yml``."""

    #: The folder of data files, relative to ``mkdocs.yml``.
    data_dir = c.Type(str, default="data")
    #: Rows per page of a long list (the incident index, a country's incidents ...).
    rows_per_part = _Positive(minimum=10, default=250)
    #: The home page's heading; the site's name (``site_name``) when not set.
    home_title = c.Optional(_Text())
    #: Paragraphs of introduction on the home page, each cited.
    home_intro = c.ListOfItems(c.SubConfig(CitedParagraph), default=[])
    #: How many records each list of the home page's briefing shows (key points,
    #: casualty reports, the evidence balance); the rest are a link away.
    home_key_points = _Positive(minimum=1, default=12)


class ConfigError(BriefingError):
    """``extra.briefing`` in ``mkdocs.yml`` has a bad or unknown option."""


def load_options(raw: Mapping[str, Any] | None, config_file: str = "mkdocs.yml") -> BriefingConfig:
    """Validate ``extra.briefing``; raise :class:`ConfigError` naming every bad option."""
    options = BriefingConfig(config_file_path=config_file)
    if raw is not None and not isinstance(raw, Mapping):
        raise ConfigError(f"{config_file}: extra.briefing must be a mapping of options, not {raw!r}")
    options.load_dict(dict(raw or {}))
    _reset_warnings(BriefingConfig)
    failed, warnings = options.validate()
    problems = [f"{config_file}: extra.briefing.{name}: {error}" for name, error in failed]
    known = sorted(name for name, _option in BriefingConfig._schema)
    for name, warning in warnings:
        if name in known:  # an unknown key inside an option (a typo in a citation ...)
            problems.append(f"{config_file}: extra.briefing.{name}: {warning}")
        else:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (options: {', '.join(known)})"
            problems.append(f"{config_file}: extra.briefing.{name}: unknown option{hint}")
    if problems:
        raise ConfigError("\n".join(problems))
    return options


def _reset_warnings(config: type[base.Config]) -> None:
    """Forget warnings an earlier failed validation left on the (shared) option objects."""
    for _name, option in config._schema:
        option.reset_warnings()
        inner = getattr(option, "option_type", option)
        if isinstance(inner, c.SubConfig):
            inner.reset_warnings()
            if isinstance(inner.config_class, type):
                _reset_warnings(inner.config_class)


def data_dir(options: BriefingConfig, project: Path) -> Path:
    """The data folder, resolved against the folder of ``mkdocs.yml``."""
    return project / options.data_dir
