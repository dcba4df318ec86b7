"""The generator's options, set in ``mkdocs.yml`` under ``extra: briefing:``: declared once,
here, and validated for MkDocs.

Declared the way MkDocs declares its own options (``mkdocs.config.config_options``), and
validated the same way: a bad value stops the build with the option's name and what is
wrong, and an unknown option name is refused (a typo must not silently fall back to a
default). :data:`DESCRIBED` says what each option does, in the words of the table in
``docs/configuration.md``, which is generated from it (:func:`options_table`), and the
protocols through which the stages read the options, in :mod:`briefing.config` (no MkDocs
there), are generated from the declaration (:func:`protocols_source`); tests keep both
generated texts equal to what the page and the module hold.

The site texts (``home_title``, ``home_intro``) are options so that a template holds
no sentence of its own; an introduction is cited like every statement of the data, and
a citation of a source that is not in the data stops the build
(:func:`briefing.render.home.home_settings`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Mapping
from typing import Any, TypeVar

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

    extent = c.Optional(_Extent())
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


class _Day(c.BaseConfigOption[dt.date]):
    """A day, written ``2021-07-01`` (ISO 8601)."""

    def run_validation(self, value: object) -> dt.date:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise base.ValidationError(f"must be a day written YYYY-MM-DD, not {value!r}") from None


class ScopeConfig(base.Config):
    """``extra: briefing: scope:``: what the briefing declares it covers."""

    #: The first and last day of the declared period.
    start = c.Optional(_Day())
    end = c.Optional(_Day())
    #: The area, in words ("the Armenia–Azerbaijan border and Karabakh").
    area = c.Optional(_Text())
    #: What the data is curated from, in words.
    curated_from = c.Optional(_Text())


class BriefingConfig(base.Config):
    """The options under ``extra: briefing:`` in ``mkdocs.yml``, validated."""

    data_dir = _Text(default="data")
    rows_per_part = _Positive(minimum=10, maximum=100_000, default=250)
    map = c.SubConfig(MapConfig)
    languages = _Languages(default=LANGUAGES)
    home_title = c.Optional(_Text())
    home_intro = c.ListOfItems(c.SubConfig(CitedParagraph), default=[])
    home_key_points = _Positive(minimum=1, maximum=1_000, default=12)
    #: The declared scope (see :class:`ScopeConfig`); the coverage is computed from the data.
    scope = c.SubConfig(ScopeConfig)


#: What each option does, by its name under ``extra.briefing`` (``map.extent`` for an option
#: of ``map:``): its default in words and its description, as ``docs/configuration.md``
#: shows them (:func:`options_table`).
DESCRIBED: dict[str, tuple[str, str]] = {
    "data_dir": ("`data`", "The folder of YAML data files, relative to `mkdocs.yml`. `check`, `diff`, `links` "
                 "and the pre-commit hook read it too (an explicit `--data` overrides it, and says so; "
                 "`--config-file` names another configuration)."),
    "rows_per_part": ("`250`", "Long lists (the incident index, a region's incidents ...) are split into pages "
                      "of this many rows (from 10 to 100,000)."),
    "home_title": ("`site_name`", "The home page's heading."),
    "home_intro": ("none", "Paragraphs shown under the home page's heading. Each is `text` with `citations`, "
                   "written like a citation in the data (`source`, and optionally `locator` and `quote`); a "
                   "citation of a source that is not in `sources.yaml` stops the build. The site states "
                   "nothing uncited, so an introduction without citations is refused."),
    "map.extent": ("from the data", "`[west, south, east, north]` in degrees: the area of the home page's map "
                   "(the overview), at least 5 km across and high. Unset, it is every mapped incident and place, "
                   "with a margin. Country "
                   "outlines for any area come from the Natural Earth world file shipped with the generator, "
                   "clipped at build time."),
    "map.locator_km": ("`120`", "How many kilometres across an incident's locator map shows (its "
                       "neighbourhood), from 5 to 2000."),
    "languages": ("`en az hy ru tr ka fa fr de` with their English names", "The languages whose place names "
                  "the site shows (on region pages) and searches, each with the name a page writes for its "
                  "code (`ru: Russian`). A name in a language not listed is left out."),
    "home_key_points": ("`12`", "How many records each list of the home page's briefing shows: the key points "
                        "of the latest month, the casualty reports and the rows of the evidence balance. The "
                        "counts of the evidence balance always cover every incident. From 1 to 1,000."),
    "scope.start": ("none", "The first day of the declared period (`YYYY-MM-DD`; give `end` too). The "
                    "*coverage* (the first and last day of a recorded incident) is computed from the data; the "
                    "home page's first screen, the about page (where it writes `<!-- briefing:scope -->`), the "
                    "feed's subtitle and the exports' metadata (`datapackage.json`, `briefing.json`, "
                    "`incidents.geojson`: `scope`) say both, and say so when the data covers less than the "
                    "declared period. Headings and totals name the days the records span. `check` warns "
                    "(`period-outside-coverage`) when `site_name`, `site_description`, `home_title` or a "
                    "paragraph of `home_intro` names a period beyond the coverage."),
    "scope.end": ("none", "The last day of the declared period (`YYYY-MM-DD`, not before `start`)."),
    "scope.area": ("none", "The area the briefing covers, in words."),
    "scope.curated_from": ("none", "What the data is curated from, in words (\"the sources curated so far\" "
                           "are these)."),
}


def declared(config: type[base.Config] = BriefingConfig, prefix: str = "") -> dict[str, c.BaseConfigOption[Any]]:
    """Every declared option by its dotted name; an option of a sub-configuration (``map:``)
    by ``map.<name>``, a list of sub-configurations (``home_intro``) by its own name."""
    found: dict[str, c.BaseConfigOption[Any]] = {}
    for name, option in config._schema:
        if isinstance(option, c.SubConfig) and isinstance(option.config_class, type):
            found.update(declared(option.config_class, f"{prefix}{name}."))
        else:
            found[prefix + name] = option
    return found


def options_table() -> str:
    """The table of options of ``docs/configuration.md``, in the order they are declared."""
    rows = ["| Option | Default | What it does |", "| --- | --- | --- |"]
    rows += [f"| `{name}` | {DESCRIBED[name][0]} | {DESCRIBED[name][1]} |" for name in declared()]
    return "\n".join(rows) + "\n"


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
        sub = re.match(r"Sub-option '([^']+)': (.*)", str(error), re.S) if name in _NESTED else None
        where, what = (f"{name}.{sub.group(1)}", sub.group(2)) if sub else (name, str(error))
        problems.append(f"{config_file}: extra.briefing.{where}: {what}")
    known = sorted(name for name, _option in BriefingConfig._schema)
    for name, warning in warnings:
        if name in known:  # an unknown key inside an option (a typo in map: or a citation ...)
            sub = re.search(r"Sub-option '([^']+)': Unrecognised configuration name", str(warning))
            if sub and name in _NESTED:
                problems.append(f"{config_file}: extra.briefing.{name}.{sub.group(1)}: unknown option "
                                f"(options: {', '.join(n for n, _ in _NESTED[name]._schema)})")
            else:
                problems.append(f"{config_file}: extra.briefing.{name}: {warning}")
        else:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (options: {', '.join(known)})"
            problems.append(f"{config_file}: extra.briefing.{name}: unknown option{hint}")
    scope = options.scope
    if not failed and scope.start and scope.end and scope.start > scope.end:
        problems.append(f"{config_file}: extra.briefing.scope.end: {scope.end} is before start {scope.start}")
    if not failed and bool(scope.start) != bool(scope.end):
        problems.append(f"{config_file}: extra.briefing.scope: give both start and end of the declared period")
    if problems:
        raise ConfigError("\n".join(problems))
    return options


#: The options that are sections of their own, for messages naming their sub-options.
_NESTED: dict[str, type[base.Config]] = {"map": MapConfig, "scope": ScopeConfig}


def _reset_warnings(config: type[base.Config]) -> None:
    """Forget warnings an earlier failed validation left on the (shared) option objects."""
    for _name, option in config._schema:
        option.reset_warnings()
        inner = getattr(option, "option_type", option)
        if isinstance(inner, c.SubConfig):
            inner.reset_warnings()
            if isinstance(inner.config_class, type):
                _reset_warnings(inner.config_class)


# --- the shape the stages read, generated from the declaration ------------------------------

#: The protocol of :mod:`briefing.config` that each declared configuration becomes.
PROTOCOLS: dict[type[base.Config], str] = {
    CitationOption: "CitationOptions", CitedParagraph: "CitedParagraphOptions", MapConfig: "MapOptions",
    ScopeConfig: "ScopeOptions", BriefingConfig: "Options",
}


def _annotation(option: c.BaseConfigOption[Any]) -> str:
    """The type a validated option's value has, as :mod:`briefing.config` writes it."""
    if isinstance(option, c.Optional):
        return f"{_annotation(option.option)} | None"
    if isinstance(option, c.SubConfig) and isinstance(option.config_class, type):
        return PROTOCOLS[option.config_class]
    if isinstance(option, c.ListOfItems):
        return f"Sequence[{_annotation(option.option_type)}]"
    for base_class in type(option).__mro__:
        for generic in getattr(base_class, "__orig_bases__", ()):
            args = getattr(generic, "__args__", ())
            if args and not isinstance(args[0], TypeVar):
                return _written(args[0])
    if isinstance(option, c.Type):
        return option._type.__name__
    raise TypeError(f"no type known for the option {option!r}")


def _written(annotation: Any) -> str:
    return annotation.__name__ if isinstance(annotation, type) and not getattr(annotation, "__args__", None) \
        else str(annotation).replace("typing.", "")


def protocols_source() -> str:
    """The protocols of :mod:`briefing.config`, one per declared configuration, as code."""
    blocks = []
    for config, name in PROTOCOLS.items():
        lines = [f"class {name}(Protocol):", f'    """{(config.__doc__ or "").strip()}"""', ""]
        for option_name, option in config._schema:
            lines += ["    @property", f"    def {option_name}(self) -> {_annotation(option)}: ..."]
        blocks.append("\n".join(lines) + "\n")
    return "\n\n".join(blocks)
