"""Every limit the generator enforces on what a data file or a pull request may cost, in one place.

Data comes from outsiders through pull requests, so no file may cost more than its size
warrants: each limit below is checked *before* the cost it guards against is paid, and
going over it is a located :class:`~briefing.errors.DataError`, never a traceback or a
hang. ``SECURITY.md`` and the README ("Scale and limits") state each one with its number;
``tests/test_attacks_limits.py`` checks that the JSON Schemas carry the same numbers.

The real data stays far below every limit (longest text 700 characters, deepest nesting 8
levels, longest list 9 entries, regions 3 levels deep); the synthetic data of the scale
benchmark does too, at every size it is measured at.
"""

from __future__ import annotations

import datetime as dt

#: Bytes in one data file, checked from the file's size before a byte is read. The site
#: is measured up to 50,000 incidents (~150 MB of YAML; benchmarks/NOTES.md).
MAX_FILE_BYTES = 256 * 1024 * 1024

#: Records in one data file (checked once the YAML is parsed, before anything is built).
MAX_RECORDS = 100_000

#: Levels of lists and mappings inside one another, the file's own list being level 1
#: and a record level 2 (the real data goes 8 deep). Beyond it, every recursive step
#: (the loader's walk, the schema check, the diff) would risk Python's recursion limit.
MAX_NESTING = 32

#: Values (scalars, lists, mappings) one data file may hold for its size: at most one per
#: MIN_BYTES_PER_VALUE characters, beyond VALUES_ALLOWANCE. The text's value marks (``- ``,
#: ``: ``, ``,``, brackets) are counted first, before a node is made; the composer counts
#: its nodes and stops at the same number (a node costs about 330 bytes: at most ~80 bytes
#: of memory per byte of text). The real data has one value per 15 to 36 characters, JSON
#: lines of short values one per 5; a list of one-letter items one per 2 to 4 (a 2 MB file
#: of them cost 326 MB before it was refused for its length).
MIN_BYTES_PER_VALUE = 4
VALUES_ALLOWANCE = 50_000

#: Entries in one list or mapping inside a record (names, claims, citations, fields...).
#: The real data has at most 9; the file's own list of records is bounded by MAX_RECORDS.
MAX_ENTRIES = 1_000

#: Characters in a number written in the data (figures are counts such as 12; Python
#: would refuse to read an integer of more than 4,300 digits).
MAX_NUMBER_CHARS = 100

#: Characters in one text field (summaries, claims, quotes, notes, clause texts).
#: JSON Schema ``maxLength`` of ``text`` in briefing/schema/common.schema.json.
MAX_TEXT_CHARS = 20_000

#: Characters in a title or name: the labels repeated in every list, link and footnote
#: that points at a record. JSON Schema ``maxLength`` of ``title`` in common.schema.json.
MAX_TITLE_CHARS = 500

#: Characters in an id (it becomes a file name and an address), a URL, a language code:
#: ``maxLength`` of ``id``, ``url`` and ``language`` in common.schema.json.
MAX_ID_CHARS = 100
MAX_URL_CHARS = 2_000
MAX_LANGUAGE_CHARS = 35

#: Levels of larger regions above a region (``parent`` chains; the real data has 3).
#: Every region page lists its chain, so a deeper chain would cost its square.
MAX_REGION_DEPTH = 16

#: Every date in the data lies in this range. The build stamps the site with the latest
#: date in the data (reproducible builds), which gzip can only hold up to 2106, and the
#: timeline reaches 30 days around each record.
EARLIEST_DATE = dt.date(1000, 1, 1)
LATEST_DATE = dt.date(2099, 12, 31)

#: Unknown ids for which a "did you mean ...?" hint is looked for in one check: each
#: look-up compares the value with every id of its kind, so thousands of them would cost
#: the square of the data. Later ones get the plain hint.
MAX_SUGGESTIONS = 100

#: Seconds one git command may take (``check --base`` and ``diff`` read revisions).
GIT_TIMEOUT_SECONDS = 120
