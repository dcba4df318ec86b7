"""The data flow end to end, for the CLI, the MkDocs hook and the tests."""

from __future__ import annotations

from pathlib import Path

from .errors import DataErrors
from .load import load_data_dir
from .model import Dataset, build_dataset
from .validate import validate


def load_dataset(data_dir: Path, display_root: Path | None = None) -> Dataset:
    """Load, validate and model the data in ``data_dir``.

    Raises :class:`DataErrors` listing every problem when the data cannot be published.
    ``display_root`` is the folder error paths are shown relative to (the project).
    """
    loaded, errors = load_data_dir(data_dir, display_root)
    errors.extend(validate(loaded))
    if errors:
        raise DataErrors(errors)
    return build_dataset({kind: file.data or [] for kind, file in loaded.items()})
