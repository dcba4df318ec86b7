"""A preview that met a data error carries on as if it had not (issue 21.3).

In ``mkdocs serve`` a data error no longer stops the build: the session keeps the last good
build as its reference, and the build after the fix must be the one a clean build makes,
rewriting only what the net change touched. Builds run in this process, dirty, as
``mkdocs serve --dirty`` runs them (the browser side is in test_browser_preview_errors.py).
"""

from __future__ import annotations

import sys

import pytest
from mkdocs.exceptions import Abort
from sitetools import site_hashes
from test_preview import ALWAYS_WRITTEN, Preview, _mtimes, _rename_incident_title, preview  # noqa: F401


def _break(records: list[dict[str, object]]) -> None:
    records[0]["type"] = "exchange-of-fir"


def test_after_an_error_and_its_fix_the_preview_equals_a_clean_build(preview: Preview) -> None:  # noqa: F811
    before = _mtimes(preview.site)
    preview.edit("incidents", _break)
    preview.build()  # in serve: no exception, the problems are kept for the pages
    session = sys.modules["hooks/briefing_hook.py"]._session
    assert [p.code for p in session.preview.problems] == ["not-an-option"]
    assert {p for p, m in _mtimes(preview.site).items() if before.get(p) != m} <= ALWAYS_WRITTEN

    preview.edit("incidents", lambda records: records[0].update(type="exchange-of-fire"))
    preview.build()

    assert session.preview.problems == ()
    assert site_hashes(preview.site) == site_hashes(preview.clean_build())


def test_an_edit_made_while_broken_is_in_the_build_after_the_fix(preview: Preview) -> None:  # noqa: F811
    preview.edit("incidents", lambda records: (_break(records), _rename_incident_title(records)))
    preview.build()
    preview.edit("incidents", lambda records: records[0].update(type="exchange-of-fire"))
    preview.build()

    site = site_hashes(preview.site)
    assert site == site_hashes(preview.clean_build())
    page = (preview.site / "incidents" / "2021-01-05-town-y.html").read_text("utf-8")
    assert "(title edited)" in page


def test_outside_the_preview_the_error_still_stops_the_build(preview: Preview,  # noqa: F811
                                                              caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    preview.edit("incidents", _break)
    config = load_config(str(preview.project / "mkdocs.yml"), site_dir=str(preview.root / "built"))
    config.plugins.on_startup(command="build", dirty=False)

    with pytest.raises(Abort):
        build(config)
    assert "the briefing data has problems:\ndata/incidents.yaml:13:9: 2021-01-05-town-y: type:" in caplog.text
