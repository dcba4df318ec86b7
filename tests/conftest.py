"""Fixtures only: a copy of the minimal dataset to break (``data_dir``, ``minimal_data``), the
real site built once per session (``real_site``, ``real_pages``), and the fast lane's marks.

Test data and its helpers live in ``testdata.py``, site building and reading in
``sitetools.py``: tests import from those, never from here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

# The assertions of the shared helpers show their differences too (registered before import).
pytest.register_assert_rewrite("validation_cases", "testdata", "sitetools")

from lanes import mark_slow  # noqa: E402
from sitetools import Site, build_site  # noqa: E402
from testdata import DataDir  # noqa: E402


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The fast lane: tests that build in a subprocess, drive a browser or kill a process
    are marked ``slow`` by what they use (``tests/lanes.py``)."""
    mark_slow(items)


@pytest.fixture
def data_dir(tmp_path: Path) -> DataDir:
    """A fresh copy of the minimal valid dataset under ``tmp_path / "data"``."""
    return DataDir(tmp_path)


@pytest.fixture
def minimal_data(tmp_path: Path) -> Path:
    """The path of a fresh copy of the minimal dataset's ``data`` folder (for site tests)."""
    return DataDir(tmp_path).data


# --- story tests: real MkDocs builds (helpers in tests/sitetools.py) ---------------------

@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``site/`` folder of the real data, built once per test session with
    ``mkdocs build --strict`` in a scratch copy of the project."""
    return build_site(tmp_path_factory.mktemp("real-project"))


@pytest.fixture(scope="session")
def real_pages(real_site: Path) -> Site:
    """The real site's pages, parsed on demand with BeautifulSoup."""
    return Site(real_site)
