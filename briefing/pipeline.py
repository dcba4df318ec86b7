"""The data flow end to end, for the CLI, the MkDocs hook and the tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import DataError, DataErrors, Severity
from briefing.gc_pause import collector_paused
from briefing.load.cache import LoadCache
from briefing.load.reader import LoadedFile, load_data_dir
from briefing.model.build import RecordCache, build_dataset
from briefing.model.records import Dataset
from briefing.validate.permanent_ids import check_history
from briefing.validate.references import validate
from briefing.validate.warnings import lint


@dataclass
class Reuse:
    """What one build of ``mkdocs serve`` keeps for the next: parsed files whose bytes did
    not change are not parsed again, and unchanged records stay the same objects."""

    files: LoadCache = field(default_factory=LoadCache)
    records: RecordCache = field(default_factory=RecordCache)


def load_dataset(data_dir: Path, display_root: Path | None = None, reuse: Reuse | None = None) -> Dataset:
    """Load, validate and model the data in ``data_dir``.

    Raises :class:`DataErrors` listing every problem when the data cannot be published.
    ``display_root`` is the folder error paths are shown relative to (the project).
    """
    with collector_paused():
        loaded, errors = load_data_dir(data_dir, display_root, reuse.files.parse if reuse else None)
        errors.extend(validate(loaded))
        errors.extend(check_history(loaded))
        if errors:
            raise DataErrors(errors)
        return build_dataset({kind: file.data or [] for kind, file in loaded.items()},
                             reuse.records if reuse else None)


@dataclass
class CheckResult:
    """What ``python -m briefing check`` reports: errors block publishing, warnings do not."""

    errors: list[DataError] = field(default_factory=list)
    warnings: list[DataError] = field(default_factory=list)
    dataset: Dataset | None = None
    #: With a base revision: what the base's data held, to tell the change's findings apart.
    base: BaseCheck | None = None


@dataclass
class BaseCheck:
    """The base revision of ``check --base``: its files and its own findings."""

    loaded: dict[str, LoadedFile]
    head_loaded: dict[str, LoadedFile]
    findings: list[DataError]


def validated(loaded: dict[str, LoadedFile], errors: list[DataError]) -> CheckResult:
    """Validate loaded files; model them and look for warnings only when they are valid."""
    errors = [*errors, *validate(loaded), *check_history(loaded)]
    if errors:
        return CheckResult(sorted(errors, key=lambda e: e.sort_key))
    return CheckResult([], lint(loaded), build_dataset({kind: file.data or [] for kind, file in loaded.items()}))


def check_data(data_dir: Path, display_root: Path | None = None, base: str | None = None) -> CheckResult:
    """Every error and warning in ``data_dir``; with ``base`` (a git revision), also every
    published id that the working tree dropped without a redirect."""
    with collector_paused():
        return _check_data(data_dir, display_root, base)


def _check_data(data_dir: Path, display_root: Path | None, base: str | None) -> CheckResult:
    loaded, errors = load_data_dir(data_dir, display_root)
    result = validated(loaded, errors)
    if base is None and "removed" in loaded and loaded["removed"].data:
        from briefing.load.git_history import read_history
        from briefing.validate.permanent_ids import removals_unknown_to_history

        history = read_history(data_dir, [kind for kind in loaded if kind != "removed"])
        result.errors.extend(removals_unknown_to_history(loaded, history))
    if base is not None:
        from briefing.load.git_revision import data_folder, load_revision, repo_root, resolve
        from briefing.validate.permanent_ids import lost_history, vanished_ids

        root = repo_root(data_dir.resolve())
        commit = resolve(root, base)
        rel = data_folder(data_dir, root)
        base_loaded, base_errors = load_revision(root, commit, rel)
        if base_errors:
            result.warnings.append(DataError(
                base_errors[0].location, f"the data at {base} has problems, so ids were compared only "
                "in the files that parsed", severity=Severity.WARNING, code="base-unreadable"))
        at_base = validated(base_loaded, base_errors)
        result.base = BaseCheck(base_loaded, loaded, [*at_base.errors, *at_base.warnings])
        result.errors.extend(vanished_ids(base_loaded, loaded, base))
        result.errors.extend(lost_history(base_loaded, loaded, base))
    result.errors.sort(key=lambda e: e.sort_key)
    if result.errors:
        result.dataset = None
    return result
