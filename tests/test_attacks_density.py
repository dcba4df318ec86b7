"""Class 9 of issue 20: memory per byte.

A 2 MB file holding one list of a million one-letter items cost 326 MB before it was
refused (for its length, once composed): at the 256 MB file limit the same shape would
need tens of gigabytes. Now no file holds more values than its size allows
(``limits.MIN_BYTES_PER_VALUE``): the value marks of the text are counted first, at C
speed, before a node is made; and the composer counts the nodes it makes and stops at the
same limit, for a shape whose marks undercount. Each case runs in a fresh process and
reports its peak memory.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from briefing import limits
from briefing.load.reader import load_text

N = 1_000_000

#: Each a data file of one value per 2 to 4 characters (the real data: one per 15 to 36).
SHAPES = {
    "top-level items": "- a\n" * (N // 2),
    "a flow list in a record": "- id: x\n  items: [" + ",".join("a" * N) + "]\n",
    "null items": "-\n" * N,
    "a block list in a record": "- id: x\n  items:\n" + "  - a\n" * (N // 4),  # stopped at entry 1,001
    "lists of lists": "- id: x\n  m: [" + ",".join(["[a]"] * 300_000) + "]\n",
}

_PEAK = """
import json, resource, sys
from briefing.load.reader import load_text
text = sys.stdin.read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
data, errors = load_text(text, "data/incidents.yaml", "incidents")
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"codes": [e.code for e in errors], "kb": after - before, "size": len(text)}))
"""


def peak(text: str) -> dict[str, object]:
    """Load ``text`` in a fresh process: its error codes and the peak memory it added (KB)."""
    done = subprocess.run([sys.executable, "-c", _PEAK], input=text, capture_output=True, text=True, check=True,
                          timeout=300)
    return dict(json.loads(done.stdout))


@pytest.mark.parametrize("shape", list(SHAPES))
def test_a_dense_file_is_refused_before_it_costs_memory(shape: str) -> None:
    text = SHAPES[shape]
    assert len(text) > 1_000_000

    found = peak(text)

    assert found["codes"] in (["too-dense"], ["too-many-entries"]), found
    assert int(found["kb"]) < 20 * 1024, f"{shape}: {found['kb']} KB added to refuse {len(text):,} bytes"


@pytest.mark.parametrize("text", [
    "- id: r\n" + "  k: v\n" * 300_000,  # one mark, two values, in 7 characters
    "- id: x\n  m: {" + ",".join(f"k{i}" for i in range(300_000)) + "}\n",  # keys without values
], ids=["short pairs", "a flow mapping of bare keys"])
def test_a_shape_whose_marks_undercount_is_stopped_by_the_composers_count(text: str) -> None:
    """The marks pass, the composer stops at the limit: memory stays within ~80 bytes
    per byte of text (a node costs about 330 bytes, one per 4 characters at most)."""
    found = peak(text)

    assert found["codes"] == ["too-dense"], found
    assert int(found["kb"]) * 1024 < 90 * len(text), found


def test_the_message_says_what_and_why() -> None:
    _data, errors = load_text(SHAPES["top-level items"], "data/incidents.yaml", "incidents")

    (error,) = errors
    assert str(error.location) == "data/incidents.yaml:1:1"
    assert error.message == (f"the file holds more than 500,000 values in 2,000,000 characters (at most one per "
                             f"{limits.MIN_BYTES_PER_VALUE} characters beyond 50,000): it was refused before it was "
                             "read in full")


def test_the_real_data_is_far_from_the_limit() -> None:
    from pathlib import Path

    import yaml

    for path in sorted((Path(__file__).resolve().parent.parent / "data").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        values = sum(1 for event in yaml.parse(text, Loader=yaml.CSafeLoader)
                     if isinstance(event, yaml.ScalarEvent | yaml.SequenceStartEvent | yaml.MappingStartEvent))
        assert len(text) / values > 3.5 * limits.MIN_BYTES_PER_VALUE, path.name
