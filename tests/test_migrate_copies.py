"""tools/migrate_copies.py: sources read in a copy, recorded the old way (``read`` with
``read_url`` / ``read_copy``), move to the copy rung and pass ``check``, except for what
only a person can say (who publishes a repost)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from testdata import DataDir

from briefing.pipeline import check_data

TOOL = Path(__file__).resolve().parent.parent / "tools" / "migrate_copies.py"
_spec = importlib.util.spec_from_file_location("migrate_copies", TOOL)
assert _spec is not None and _spec.loader is not None
migrate_copies = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(migrate_copies)

OLD_READ = "  provenance: read\n  accessed: 2021-01-06\n"


def test_old_copies_move_to_the_copy_rung_and_only_the_repost_publisher_is_left(data_dir: DataDir) -> None:
    data_dir.edit("sources", OLD_READ, OLD_READ + "  read_copy: Stored copy of the page.\n")
    data_dir.edit("sources", "  provenance: read\n  accessed: 2021-01-07\n\n",
                  "  provenance: read\n  accessed: 2021-01-07\n  read_url: https://example.net/reposts/town-y\n"
                  "  read_copy: Repost on a listing page of example.net.\n\n")
    assert [e.code for e in check_data(data_dir.data).errors] == ["copy-as-original"] * 3

    text, left = migrate_copies.migrate(data_dir.text("sources"))
    data_dir.write("sources", text)

    assert sorted(left) == ["source-one", "source-two"]
    assert "add copy.publisher (who publishes the listing at https://example.net/reposts/town-y)" in left["source-two"]
    assert "  provenance: copy\n  accessed: 2021-01-06\n  copy:\n    kind: capture\n" \
           '    note: "Stored copy of the page."\n' in text
    errors = check_data(data_dir.data).errors
    assert [(e.code, e.record_id) for e in errors] == [("copy-publisher-missing", "source-two")]


def test_a_file_without_old_copies_is_left_as_it_is(data_dir: DataDir) -> None:
    before = data_dir.text("sources")

    assert migrate_copies.migrate(before) == (before, {})
