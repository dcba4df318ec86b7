"""What the generator reads from its options, with no MkDocs in it.

The options are set in ``mkdocs.yml`` under ``extra: briefing:`` and declared and
validated for MkDocs in :mod:`briefing.mkdocs_adapter.options` (every option is
documented in ``docs/configuration.md``). The stages take them through the protocols
below, so the home page (:mod:`briefing.render.home`) and the site
(:mod:`briefing.generate`) depend on the options' shape, not on MkDocs.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from pathlib import Path
from typing import Protocol

from briefing.errors import BriefingError


class ConfigError(BriefingError):
    """``extra.briefing`` in ``mkdocs.yml`` has a bad or unknown option."""


class CitationOptions(Protocol):
    """A citation written in ``mkdocs.yml`` like one in the data."""

    @property
    def source(self) -> str: ...
    @property
    def locator(self) -> str | None: ...
    @property
    def quote(self) -> str | None: ...


class CitedParagraphOptions(Protocol):
    """A paragraph of site text with the sources that support it."""

    @property
    def text(self) -> str: ...
    @property
    def citations(self) -> Sequence[CitationOptions]: ...


class MapOptions(Protocol):
    """``extra: briefing: map:``."""

    @property
    def extent(self) -> tuple[float, float, float, float] | None: ...
    @property
    def locator_km(self) -> float: ...


class Options(Protocol):
    """The options under ``extra: briefing:``, validated."""

    @property
    def data_dir(self) -> str: ...
    @property
    def rows_per_part(self) -> int: ...
    @property
    def map(self) -> MapOptions: ...
    @property
    def languages(self) -> dict[str, str]: ...
    @property
    def home_title(self) -> str | None: ...
    @property
    def home_intro(self) -> Sequence[CitedParagraphOptions]: ...
    @property
    def home_key_points(self) -> int: ...


def data_dir(options: Options, project: Path) -> Path:
    """The data folder, resolved against the folder of ``mkdocs.yml``."""
    return project / options.data_dir


def intro_citation_problems(options: Options, sources: Container[str], config_file: str = "mkdocs.yml") -> list[str]:
    """One line for each citation of ``home_intro`` that names a source the data does not have."""
    return [f"{config_file}: extra.briefing.home_intro[{i}].citations[{j}].source: unknown source "
            f"{citation.source!r} (cite a source of the data's sources.yaml)"
            for i, paragraph in enumerate(options.home_intro)
            for j, citation in enumerate(paragraph.citations) if citation.source not in sources]
