"""``check`` reads the site's own texts: none may name a period the data does not cover.

The texts of ``mkdocs.yml`` (the site's name and description, the home page's title and
introduction) are statements like the data's; a title that says "July 2021" over data
that stops on 15 July tells a reader that the counts below it are the month's. Each period
such a text names (:func:`briefing.model.scope.named_periods`) must lie within the data's
coverage (the first and last day of a recorded incident), or ``check`` warns
(``period-outside-coverage``), with where the text is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from briefing.errors import DataError, Severity
from briefing.load.reader import JsonPath, LoadedFile, load_text
from briefing.model.records import Dataset
from briefing.model.scope import coverage, named_periods, period_words

#: The site texts of ``mkdocs.yml`` that are statements to a reader, by their path.
_TEXTS: tuple[JsonPath, ...] = (("site_name",), ("site_description",), ("extra", "briefing", "home_title"))


def _texts(config: LoadedFile) -> Iterator[tuple[JsonPath, str]]:
    data = config.data if isinstance(config.data, dict) else {}
    for path in _TEXTS:
        value: object = data
        for part in path:
            value = value.get(part) if isinstance(value, dict) else None
        if isinstance(value, str):
            yield path, value
    briefing = (data.get("extra") or {}).get("briefing") if isinstance(data.get("extra"), dict) else None
    intro = briefing.get("home_intro") if isinstance(briefing, dict) else None
    for i, paragraph in enumerate(intro if isinstance(intro, list) else []):
        if isinstance(paragraph, dict) and isinstance(paragraph.get("text"), str):
            yield ("extra", "briefing", "home_intro", i, "text"), paragraph["text"]


def _name(path: JsonPath) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(path))


def period_warnings(config: LoadedFile, data: Dataset) -> list[DataError]:
    """A ``period-outside-coverage`` warning for each period a site text names beyond the
    data's coverage (none when the data records no incident: there is nothing to cover)."""
    covered = coverage(data)
    if covered is None:
        return []
    first, last = covered
    found = []
    for path, text in _texts(config):
        for period in named_periods(text):
            if first <= period.start and period.end <= last:
                continue
            found.append(DataError(
                config.location(path),
                f"{_name(path)} names {period.words!r} ({period_words(period.start, period.end)}), but the data "
                f"covers {period_words(first, last)}: a reader takes the counts under it for the whole period",
                hint=f"name the days the data covers ('{period_words(first, last)}'), or curate the rest of the "
                     "period and record what a source reports but is not curated yet in gaps.yaml",
                severity=Severity.WARNING, code="period-outside-coverage"))
    return found


def site_text_warnings(config_file: Path, display: str, data: Dataset) -> list[DataError]:
    """The warnings of :func:`period_warnings` for the ``mkdocs.yml`` at ``config_file``
    (none when there is none, or when it cannot be read as plain YAML)."""
    try:
        text = config_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    loaded, errors = load_text(text, display, "mkdocs", fast=False)
    if loaded is None or errors:
        return []
    return period_warnings(loaded, data)
