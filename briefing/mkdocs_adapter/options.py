"""The generator's options, set in ``mkdocs.yml`` under ``extra: briefing:``, declared and
validated for MkDocs.

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
    map:
      extent: [43.3, 38.6, 49.0, 41.9]  # west, south, east, north (degrees); default:
                                        # every mapped point of the data, with a margin
      locator_km: 120       # how many km across an incident's locator map shows
    languages:              # the languages whose place names the site shows and
      en: English           # searches, and how each code is written on the pages;
      az: Azerbaijani       # default: en az hy ru tr ka fa fr de. A name in a language
      hy: Armenian          # not listed is left out (a code listed with no name: shown
      ru: Russian           # as the code)
```

The site texts (``home_title``, ``home_intro``) are options so that a template holds
no sentence of its own; an introduction is cited like every statement of the data, and
a citation of a source that is not in the data stops the build
(:func:`briefing.render.home.intro_paragraphs`).

The basemap needs no option: every map's country outlines are clipped at build time
from the Natural Earth world file shipped with the package (``briefing/render/drawings/outlines.py``).
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Mapping
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from briefing.config import ConfigError
from briefing.render.drawings.maps import MIN_MAP_KM
from briefing.render.drawings.outlines import KM_PER_DEGREE
from briefing.render.text import LANGUAGES

#: Characters no option's text may hold: controls (tabs and line breaks aside), as in the data.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


class _Positive(c.Type[int]):
    """A whole number from ``minimum`` to ``maximum``."""

    def __init__(self, minimum: int, maximum: int, default: int) -> None:
        super().__init__(int, default=default)
        self.minimum, self.maximum = minimum, maximum

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if isinstance(number, bool) or not self.minimum <= number <= self.maximum:
            raise base.ValidationError(f"must be a whole number from {self.minimum:,} to {self.maximum:,}, "
                                       f"not {_shown(value)}")
        return number


def _shown(value: object) -> str:
    """A refused value as the message shows it: at most 60 characters of its repr."""
    try:
        text = repr(value)
    except ValueError:  # an integer too long to write out
        text = "a number too long to show"
    return text if len(text) <= 60 else text[:57] + "..."


class _Extent(c.BaseConfigOption[tuple[float, float, float, float]]):
    """``[west, south, east, north]`` in degrees of longitude and latitude."""

    def run_validation(self, value: object) -> tuple[float, float, float, float]:
        numbers = value if isinstance(value, list | tuple) else None
        if numbers is None or len(numbers) != 4 or not all(
                isinstance(v, int | float) and not isinstance(v, bool) for v in numbers):
            raise base.ValidationError(f"must be [west, south, east, north] in degrees, not {_shown(value)}")
        try:
            west, south, east, north = (float(v) for v in numbers)
        except OverflowError:
            west = south = east = north = math.nan
        if not (-180 <= west < east <= 180 and -85 <= south < north <= 85):
            raise base.ValidationError(
                f"must be [west, south, east, north] with -180 <= west < east <= 180 and "
                f"-85 <= south < north <= 85, not {_shown(value)}")
        across = (east - west) * math.cos(math.radians((south + north) / 2)) * KM_PER_DEGREE
        high = (north - south) * KM_PER_DEGREE
        if min(across, high) < MIN_MAP_KM:
            raise base.ValidationError(f"must be at least {MIN_MAP_KM:g} km across and high (this one is "
                                       f"{across:.3g} × {high:.3g} km), not {_shown(value)}")
        return west, south, east, north


class _Kilometres(c.BaseConfigOption[float]):
    def __init__(self, minimum: float, maximum: float, default: float) -> None:
        super().__init__()
        self.default = default
        self.minimum, self.maximum = minimum, maximum

    def run_validation(self, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or not self.minimum <= value <= self.maximum:
            raise base.ValidationError(f"must be a number of kilometres from {self.minimum:g} to {self.maximum:g}, "
                                       f"not {_shown(value)}")
        return float(value)


class _Languages(c.BaseConfigOption[dict[str, str]]):
    """A mapping of language codes (BCP 47, as in the data) to the name shown for each."""

    def __init__(self, default: dict[str, str]) -> None:
        super().__init__()
        self.default = dict(default)

    def run_validation(self, value: object) -> dict[str, str]:
        if not isinstance(value, dict) or not value:
            raise base.ValidationError(f"must map language codes to their names (en: English), not {_shown(value)}")
        result = {}
        for code, name in value.items():
            if not isinstance(code, str) or not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", code):
                raise base.ValidationError(f"{_shown(code)} is not a language code such as en, az, hy, ru")
            if name is not None and (not isinstance(name, str) or _CONTROL.search(name) or len(name) > 100):
                raise base.ValidationError(f"the name of {code!r} must be text of at most 100 characters without "
                                           f"control characters, not {_shown(name)}")
            result[code] = name or code
        return result


class MapConfig(base.Config):
    """``extra: briefing: map:``."""

    #: ``[west, south, east, north]``: the area of the overview map; computed from the data when not set.
    extent = c.Optional(_Extent())
    #: How many kilometres across an incident's locator map shows (its neighbourhood).
    locator_km = _Kilometres(MIN_MAP_KM, 2000, default=120.0)


class _Text(c.Type[str]):
    """Text with something in it, and no control characters (tabs and line breaks aside)."""

    def __init__(self, default: str | None = None) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if not text.strip():
            raise base.ValidationError("must not be empty")
        if _CONTROL.search(text):
            raise base.ValidationError(f"holds a control character: {_shown(text)}")
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
    data_dir = _Text(default="data")
    #: Rows per page of a long list (the incident index, a country's incidents ...).
    rows_per_part = _Positive(minimum=10, maximum=100_000, default=250)
    #: The maps (see :class:`MapConfig`).
    map = c.SubConfig(MapConfig)
    #: Languages whose place names the site shows and searches, with the name shown for each code.
    languages = _Languages(default=LANGUAGES)
    #: The home page's heading; the site's name (``site_name``) when not set.
    home_title = c.Optional(_Text())
    #: Paragraphs of introduction on the home page, each cited.
    home_intro = c.ListOfItems(c.SubConfig(CitedParagraph), default=[])
    #: How many records each list of the home page's briefing shows (key points,
    #: casualty reports, the evidence balance); the rest are a link away.
    home_key_points = _Positive(minimum=1, maximum=1_000, default=12)


def load_options(raw: Mapping[str, Any] | None, config_file: str = "mkdocs.yml") -> BriefingConfig:
    """Validate ``extra.briefing``; raise :class:`ConfigError` naming every bad option."""
    options = BriefingConfig(config_file_path=config_file)
    if raw is not None and not isinstance(raw, Mapping):
        raise ConfigError(f"{config_file}: extra.briefing must be a mapping of options, not {raw!r}")
    options.load_dict(dict(raw or {}))
    _reset_warnings(BriefingConfig)
    failed, warnings = options.validate()
    problems = []
    for name, error in failed:
        sub = re.match(r"Sub-option '([^']+)': (.*)", str(error), re.S) if name == "map" else None
        where, what = (f"{name}.{sub.group(1)}", sub.group(2)) if sub else (name, str(error))
        problems.append(f"{config_file}: extra.briefing.{where}: {what}")
    known = sorted(name for name, _option in BriefingConfig._schema)
    for name, warning in warnings:
        if name in known:  # an unknown key inside an option (a typo in map: or a citation ...)
            sub = re.search(r"Sub-option '([^']+)': Unrecognised configuration name", str(warning))
            if sub and name == "map":
                problems.append(f"{config_file}: extra.briefing.{name}.{sub.group(1)}: unknown option "
                                f"(options: {', '.join(n for n, _ in MapConfig._schema)})")
            else:
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
