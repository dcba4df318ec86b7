"""The whole dataset as one SQLite database, ready for Datasette (``datasette briefing.sqlite``).

The tables are the CSV exports' (same columns, same descriptions) plus ``parties``,
``regions`` and two link tables (``incident_sources``, ``incident_regions``), each with its
primary key and its foreign keys, so ``PRAGMA foreign_key_check`` holds and Datasette
links rows to the rows they name. Every column is documented twice: in the table
``_columns`` (table, column, type, description) inside the file, and in
``datasette-metadata.json`` beside it (``datasette briefing.sqlite -m
datasette-metadata.json`` shows the descriptions). Text is stored as it is (SQLite is not
a spreadsheet: no formula guard); lists are JSON text.

The file is deterministic: tables, rows and columns always in the same order, written by
the same statements, so the same data gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "date": "TEXT", "boolean": "INTEGER",
          "array": "TEXT"}


class ColumnLike(Protocol):
    """A column of the exports (:class:`briefing.publish.exports.Column`)."""

    @property
    def name(self) -> str: ...

    @property
    def type(self) -> str: ...

    @property
    def description(self) -> str: ...

    @property
    def value(self) -> Callable[[Any], Any]: ...


@dataclass(frozen=True)
class Table:
    """One table: its columns, rows, primary key and foreign keys (column → (table, column))."""

    name: str
    description: str
    columns: Sequence[ColumnLike]
    rows: Iterable[Any]
    key: tuple[str, ...] = ()
    foreign: dict[str, tuple[str, str]] = field(default_factory=dict)


def _value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if value == "":
        return None
    return value


def _create(table: Table) -> str:
    lines = [f'"{c.name}" {_TYPES.get(c.type, "TEXT")}' for c in table.columns]
    if table.key:
        lines.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in table.key) + ")")
    lines += [f'FOREIGN KEY ("{column}") REFERENCES "{target}" ("{target_column}")'
              for column, (target, target_column) in table.foreign.items()]
    return f'CREATE TABLE "{table.name}" (\n  ' + ",\n  ".join(lines) + "\n)"


def sqlite_bytes(tables: Sequence[Table]) -> bytes:
    """The database file of ``tables``, as bytes."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "briefing.sqlite"
        connection = sqlite3.connect(path)
        try:
            connection.execute("PRAGMA page_size = 4096")
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute('CREATE TABLE "_columns" ("table_name" TEXT, "column_name" TEXT, "type" TEXT, '
                               '"description" TEXT, PRIMARY KEY ("table_name", "column_name"))')
            for table in tables:
                connection.execute(_create(table))
                marks = ", ".join("?" for _ in table.columns)
                connection.executemany(f'INSERT INTO "{table.name}" VALUES ({marks})',
                                       ([_value(c.value(row)) for c in table.columns] for row in table.rows))
                connection.executemany('INSERT INTO "_columns" VALUES (?, ?, ?, ?)',
                                       [(table.name, c.name, c.type, c.description) for c in table.columns])
            connection.commit()
        finally:
            connection.close()
        return path.read_bytes()


def datasette_metadata(title: str, tables: Sequence[Table], database: str = "briefing") -> dict[str, Any]:
    """Datasette's metadata: the title, licence, and every table's and column's description."""
    return {
        "title": title, "license": "CC BY 4.0", "license_url": "https://creativecommons.org/licenses/by/4.0/",
        "databases": {database: {"tables": {
            "_columns": {"description": "Every column of every table, with its type and meaning."},
            **{t.name: {"description": t.description, "columns": {c.name: c.description for c in t.columns}}
               for t in tables},
        }}},
    }
