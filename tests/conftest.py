"""Shared helpers: a minimal valid dataset in a temporary folder that a test can break.

``tests/fixtures/minimal/data`` holds a small but complete dataset (every record kind,
every kind of link). Its record ids are relied on by several test files and must not
change: parties ``side-a``, ``side-b``; regions ``country-x`` and its child ``town-y``;
sources ``source-one``, ``source-two``; agreement ``accord-2020`` with clause
``accord-2020-clause-1``; milestone ``2020-12-01-talks``; incident ``2021-01-05-town-y``.

A test copies it with the ``data_dir`` fixture, replaces one file's text (or overlays a
folder from ``tests/fixtures/invalid``) and looks at the errors the pipeline reports.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from briefing.errors import DataError, DataErrors, format_errors
from briefing.model.records import Dataset
from briefing.pipeline import load_dataset

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL_ROOT = FIXTURES / "minimal"
MINIMAL_DATA = MINIMAL_ROOT / "data"
INVALID = FIXTURES / "invalid"

# The assertions of the table-driven tests' shared helpers show their differences too.
pytest.register_assert_rewrite("validation_cases")


class DataDir:
    """A project folder ``root`` with a ``data/`` folder, initially the minimal dataset."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"
        shutil.copytree(MINIMAL_DATA, self.data)

    def path(self, kind: str) -> Path:
        return self.data / f"{kind}.yaml"

    def text(self, kind: str) -> str:
        return self.path(kind).read_text(encoding="utf-8")

    def write(self, kind: str, text: str) -> DataDir:
        """Replace one data file; the text is dedented, so it can be indented in the test."""
        self.path(kind).write_text(textwrap.dedent(text), encoding="utf-8")
        return self

    def write_bytes(self, kind: str, raw: bytes) -> DataDir:
        self.path(kind).write_bytes(raw)
        return self

    def edit(self, kind: str, old: str, new: str) -> DataDir:
        """Replace the one occurrence of ``old`` in a data file."""
        text = self.text(kind)
        assert text.count(old) == 1, f"{old!r} should occur exactly once in {kind}.yaml"
        self.path(kind).write_text(text.replace(old, new), encoding="utf-8")
        return self

    def remove(self, kind: str) -> DataDir:
        self.path(kind).unlink()
        return self

    def overlay(self, name: str) -> DataDir:
        """Copy the files of ``tests/fixtures/invalid/<name>/`` over the data folder."""
        folder = INVALID / name
        assert folder.is_dir(), f"no fixture folder {folder}"
        for file in folder.iterdir():
            shutil.copyfile(file, self.data / file.name)
        return self

    def load(self) -> Dataset:
        return load_dataset(self.data, display_root=self.root)

    def errors(self) -> list[DataError]:
        """Every error the pipeline reports; fails the test if the data loads."""
        with pytest.raises(DataErrors) as caught:
            self.load()
        return caught.value.errors

    def error(self) -> DataError:
        """The single error the pipeline reports; fails the test if there are more."""
        errors = self.errors()
        assert len(errors) == 1, "expected exactly one error, got:\n" + format_errors(errors)
        return errors[0]


@pytest.fixture
def data_dir(tmp_path: Path) -> DataDir:
    """A fresh copy of the minimal valid dataset under ``tmp_path / "data"``."""
    return DataDir(tmp_path)


@pytest.fixture
def minimal_data(tmp_path: Path) -> Path:
    """The path of a fresh copy of the minimal dataset's ``data`` folder (for site tests)."""
    return DataDir(tmp_path).data



# --- story tests: real MkDocs builds (helpers in tests/sitetools.py) ---------------------

from sitetools import Site, build_site  # noqa: E402


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``site/`` folder of the real data, built once per test session with
    ``mkdocs build --strict`` in a scratch copy of the project."""
    return build_site(tmp_path_factory.mktemp("real-project"))


@pytest.fixture(scope="session")
def real_pages(real_site: Path) -> Site:
    """The real site's pages, parsed on demand with BeautifulSoup."""
    return Site(real_site)
