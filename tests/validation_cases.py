"""Table-driven validation tests: one row per edit of the minimal dataset, with every error it gives.

A ``Case`` names one data file, optionally a text that replaces it first (``start``, so that
the expected line numbers can be read off a small text written out in the test file), and
one edit of it: ``old`` replaced by ``new`` (``old`` must occur exactly once), or, when
``old`` is empty, the whole file replaced by ``new``. ``errors`` lists each error the
pipeline must report, in the order it reports them (by file, then line), as
``(file:line:column, record id, code, message, hint)``; no errors means the edit is valid.

Used by ``test_validate.py`` and ``test_validate_provenance.py``::

    TABLE = [Case("a date that does not exist", "incidents", "2021-01-05", "2021-02-30", [...])]

    @pytest.mark.parametrize("case", TABLE, ids=ids(TABLE))
    def test_dates(data_dir: DataDir, case: Case) -> None:
        run(data_dir, case)
"""

from __future__ import annotations

from dataclasses import dataclass

from testdata import DataDir

from briefing.errors import DataError

#: What a test sees of one error: (file:line:column, record id, code, message, hint).
Shown = tuple[str, str | None, str, str, str | None]


@dataclass(frozen=True)
class Case:
    """An edit of one data file and every error it must produce."""

    name: str
    file: str
    old: str
    new: str
    #: (location, record id, code, message, hint) of each error, in the order reported.
    errors: list[Shown]
    #: A text that replaces the file before the edit (None: the minimal dataset's file).
    start: str | None = None


def shown(error: DataError) -> Shown:
    return (str(error.location), error.record_id, error.code, error.message, error.hint)


def apply(data_dir: DataDir, case: Case) -> DataDir:
    """Make the case's edit in ``data_dir``."""
    if case.start is not None:
        data_dir.write(case.file, case.start)
    if case.old:
        return data_dir.edit(case.file, case.old, case.new)
    return data_dir.write(case.file, case.new) if case.new else data_dir


def run(data_dir: DataDir, case: Case) -> None:
    """Make the edit and check that exactly the case's errors are reported (or none)."""
    apply(data_dir, case)
    if case.errors:
        assert [shown(e) for e in data_dir.errors()] == case.errors
    else:
        data_dir.load()  # valid: no error at all


def ids(cases: list[Case]) -> list[str]:
    names = [case.name for case in cases]
    assert len(set(names)) == len(names), "two cases of one table have the same name"
    return names
