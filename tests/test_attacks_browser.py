"""Class 9 of issue 11: a link cannot break the page it opens.

A link ending in ``#filter=%`` threw "URI malformed" and the filter boxes disappeared.
Each test opens the built site from disk in Chromium with a hostile address and expects
no script error, the filter boxes in place, the text shown as written, and no dialog.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_browser_offline import browser  # noqa: F401  (the shared fixture)

TABLE = "article table:not(details table)"

HASHES = [
    ("%", "%"),
    ("%E0%A4%A", "%E0%A4%A"),
    ("%E0%A4", "%E0%A4"),
    ("%ZZ", "%ZZ"),
    ("%%%", "%%%"),
    ("Shusha%", "Shusha%"),
    ("100%25", "100%"),
    ("%E0%A4%A%20Shusha", "%E0%A4%A Shusha"),  # what is well formed is still decoded
    ("%D5%87%D5%B8%D6%82%D5%B7%D5%AB", "Շուշի"),
    ("%ED%A0%80", "%ED%A0%80"),  # a lone surrogate
    ("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"),
    ("%3Cscript%3Ealert(1)%3C%2Fscript%3E", "<script>alert(1)</script>"),
    ("a" * 100_000, "a" * 200),  # cut: no link can make filtering slow
]


@pytest.mark.parametrize(("fragment", "shown"), HASHES, ids=[h[0][:20] for h in HASHES])
def test_a_hostile_filter_link_leaves_the_filter_boxes_working(browser: object, real_site: Path,  # noqa: F811
                                                              fragment: str, shown: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    errors: list[str] = []
    dialogs: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto((real_site / "chronology.html").as_uri() + "#filter=" + fragment)
    page.wait_for_load_state("load")
    page.wait_for_timeout(200)

    assert errors == []
    assert dialogs == []
    assert page.query_selector_all(".briefing-filter input"), "the filter boxes disappeared"
    assert page.input_value(".briefing-filter input") == shown
    # and the box still filters
    page.fill(".briefing-filter input", "Shusha")
    visible = page.eval_on_selector(TABLE, "t => [...t.tBodies[0].rows].filter(r => !r.hidden).length")
    assert visible > 0
    page.close()
