"""The test data, in one place: the fixture datasets' paths, the real data's, a copy of the
minimal dataset that a test can break (:class:`DataDir`), and reading and writing data files.

``fixtures/minimal/data`` holds a small but complete dataset (every record kind, every kind
of link). Its record ids are relied on by several test files and must not change: parties
``side-a``, ``side-b``; regions ``country-x`` and its child ``town-y``; sources
``source-one``, ``source-two``; agreement ``accord-2020`` with clause
``accord-2020-clause-1``; milestone ``2020-12-01-talks``; incident ``2021-01-05-town-y``.

Tests import what they need from here (``from testdata import DataDir``); ``conftest.py``
only wires fixtures, and ``sitetools.py`` builds and reads sites.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefing.errors import DataError, DataErrors, format_errors
from briefing.model.records import Dataset
from briefing.pipeline import load_dataset

PROJECT = Path(__file__).resolve().parent.parent
REAL_DATA = PROJECT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL_ROOT = FIXTURES / "minimal"
MINIMAL_DATA = MINIMAL_ROOT / "data"
INVALID = FIXTURES / "invalid"


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


# --- reading and writing data files ---------------------------------------------------------


def load_yaml(data_dir: Path, kind: str) -> list[dict[str, Any]]:
    """One data file as plain data (dates become ``datetime.date``)."""
    with open(data_dir / f"{kind}.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle) or []


def ids(data_dir: Path, kind: str) -> list[str]:
    return [record["id"] for record in load_yaml(data_dir, kind)]


def clause_records(data_dir: Path) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Every clause with its agreement."""
    return [(agreement, clause) for agreement in load_yaml(data_dir, "agreements")
            for clause in agreement.get("clauses", [])]


class _NoAliasDumper(yaml.SafeDumper):
    """The briefing loader refuses anchors and aliases: always write values out in full."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def write_yaml(path: Path, records: Any) -> None:
    text = yaml.dump(records, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(text, encoding="utf-8")
