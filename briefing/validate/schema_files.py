"""The JSON Schemas shipped in ``briefing/schema/``, read once.

Editors point at these files (each data file names its schema on its first line); the
slow explaining validator (:mod:`.schema`) and the compiled fast one (:mod:`.fast_schema`)
both read them from here.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def schemas() -> dict[str, dict[str, Any]]:
    """The shipped JSON Schemas, by file name stem (``incidents``, ``common`` ...)."""
    folder = resources.files("briefing") / "schema"
    return {
        entry.name.removesuffix(".schema.json"): json.loads(entry.read_text("utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".schema.json")
    }
