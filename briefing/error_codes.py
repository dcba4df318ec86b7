"""The stable code of every problem ``check`` and the build report, in one table.

A code names a rule, not a message: messages may be reworded, codes stay, so a script
reading ``check --format json`` (or a CI annotation filter) matches ``code``, never text.
Each entry says what the rule is about; the stage is where in the data flow it is found
(``load``: reading the files; ``schema``: the JSON Schemas; ``references``: across
records; ``provenance``: the provenance rules of issue 10; ``history``: permanent ids and
public history; ``warning``: publishable, but worth a look).

``docs/errors.md`` shows this table to analysts; a test keeps the two identical, and
another checks that every code here is raised somewhere and tested somewhere.
"""

from __future__ import annotations

from typing import NamedTuple


class Code(NamedTuple):
    stage: str
    meaning: str


CODES: dict[str, Code] = {
    # --- load: the files themselves --------------------------------------------------------
    "data-folder": Code("load", "the data folder is missing, not a folder, a symbolic link or unreadable"),
    "file-missing": Code("load", "a data file that must exist does not"),
    "not-a-regular-file": Code("load", "a data file is a symbolic link, a folder, a pipe or a device"),
    "file-unreadable": Code("load", "a data file cannot be read (permissions, an I/O error)"),
    "file-too-big": Code("load", "a data file is over the size limit of one file"),
    "too-dense": Code("load", "a data file holds more values than its size allows"),
    "not-utf8": Code("load", "a data file is not valid UTF-8 text"),
    "empty-file": Code("load", "a data file that must list records is empty or only comments"),
    "too-many-records": Code("load", "a data file holds more records than the limit"),
    "yaml-syntax": Code("load", "the YAML cannot be parsed (indentation, colons, quotes)"),
    "yaml-tab": Code("load", "a line is indented with a tab (YAML indents with spaces only)"),
    "yaml-indentation": Code("load", "a line's indentation lines up with no field before it"),
    "yaml-colon": Code("load", "an unquoted text holds a colon and a space, read as the start of a field"),
    "control-character": Code("load", "a text or key holds an invisible control character"),
    "duplicate-key": Code("load", "a field is given twice in one record (YAML would drop the first)"),
    "key-not-text": Code("load", "a key is not plain text"),
    "yaml-tag": Code("load", "a YAML tag (!!python/..., !custom) is used"),
    "yaml-alias": Code("load", "a YAML alias (*name) is used"),
    "yaml-merge-key": Code("load", "a YAML merge key (<<) is used"),
    "too-deep": Code("load", "lists and mappings are nested deeper than the limit"),
    "too-many-entries": Code("load", "one list or mapping inside a record holds more entries than the limit"),
    "number-too-long": Code("load", "a number is written with more digits than the limit"),
    "not-finite": Code("load", "a number is infinite or not a number (.inf, .nan)"),
    # --- schema: what each record may hold ------------------------------------------------------
    "not-a-list": Code("schema", "the file does not hold a list of records"),
    "unknown-field": Code("schema", "a field the schema does not know (often a misspelling)"),
    "missing-field": Code("schema", "a required field, or a field another one needs, is missing"),
    "wrong-type": Code("schema", "a value is of the wrong type (text for a number, a list for a mapping...)"),
    "not-an-option": Code("schema", "a value is not one of the allowed values"),
    "too-long": Code("schema", "a text is longer than the limit of its field"),
    "repeated-value": Code("schema", "a list names the same value twice"),
    "out-of-range": Code("schema", "a number is outside its range (a latitude over 90)"),
    "empty": Code("schema", "a text or list that must hold something is empty"),
    "bad-id": Code("schema", "an id is not a lowercase slug"),
    "bad-date": Code("schema", "a date is not written YYYY-MM-DD, is not a real day, or is out of range"),
    "bad-time": Code("schema", "a time is not written HH:MM"),
    "bad-zone": Code("schema", "a time zone is not an IANA name or not-stated"),
    "bad-language": Code("schema", "a language is not a language code"),
    "clause-number": Code("schema", "a clause number is not written like \"4\" or \"2a\""),
    "not-http-url": Code("schema", "a web address is not http(s)"),
    "uncited": Code("schema", "a statement has no citation (no citations field, or an empty list)"),
    "schema": Code("schema", "any other schema rule (the message quotes it)"),
    # --- references: across records -----------------------------------------------------------
    "duplicate-id": Code("references", "two records of one kind share an id"),
    "id-reserved": Code("references", "an id the site needs for itself (index)"),
    "unknown-reference": Code("references", "a reference to a record that does not exist"),
    "date-order": Code("references", "an end date before its start date"),
    "record-date-bounds": Code("references", "a record's publication dates are before what it records, or in the future"),
    "figure-order": Code("references", "a casualty figure's low, best and high are not in order"),
    "clause-count": Code("references", "an agreement's clause count is below a recorded clause number"),
    "unusable-url": Code("references", "a web address has no host or holds characters a link cannot"),
    "internal-url": Code("references", "a web address points inside a private network or spells an IP address "
                                       "unusually"),
    "region-cycle": Code("references", "regions are their own parents, directly or through others"),
    "region-too-deep": Code("references", "a region has more levels of larger regions above it than the limit"),
    "removed-still-exists": Code("references", "a record listed in removed.yaml still exists"),
    "removed-twice": Code("references", "a record is listed twice in removed.yaml"),
    "removed-moved": Code("references", "a record moved to another kind names a record that does not exist"),
    # --- provenance (issue 10) -------------------------------------------------------------------
    "read-without-access": Code("provenance", "a source marked read has no access date"),
    "access-without-read": Code("provenance", "a source not read in the original has an access date"),
    "via-missing": Code("provenance", "a source known through another does not say which, or where in it"),
    "via-on-read": Code("provenance", "a source marked read also names a source it is known through"),
    "via-on-not-located": Code("provenance", "a source not located names a source it is known through"),
    "via-unknown": Code("provenance", "'via' names no other source, or the chain loops"),
    "via-not-located": Code("provenance", "'via' names a source nobody located"),
    "quote-not-located": Code("provenance", "a citation quotes a source nobody located"),
    "not-located-unsearched": Code("provenance", "a source not located does not say when and where it was sought"),
    "searched-on-read": Code("provenance", "a source marked read has a record of a failed search"),
    "published-after-access": Code("provenance", "a source was read before it was published"),
    "url-missing": Code("provenance", "a source gives neither its address nor why it is unknown"),
    "url-and-unknown": Code("provenance", "a source gives both an address and url_unknown"),
    "url-is-index": Code("provenance", "a source's address is its publisher's index page, not the item"),
    "publisher-unknown": Code("provenance", "a source's publisher or author is not in authors.yaml"),
    "claim-by-non-party": Code("provenance", "a claim, silence or casualty report is given to an analyst or publisher"),
    "speaker-id-shared": Code("provenance", "one id names two kinds of speaker (a party and an author)"),
    "assessment-author": Code("provenance", "an assessment's author is not in authors.yaml"),
    "assessment-target": Code("provenance", "an assessment is about nothing, or about a record that does not exist"),
    "used-by-uncited": Code("provenance", "a place name is said to be a party's, with no citation from that party"),
    "coordinate-basis": Code("provenance", "coordinates with no basis, or a region that gives none"),
    "time-without-zone": Code("provenance", "an account's clock times have no time zone"),
    "zone-unattributed": Code("provenance", "a time zone does not say whether the account states it"),
    "inferred-zone-uncited": Code("provenance", "an inferred time zone has no cited basis"),
    "unknown-zone": Code("provenance", "a time zone that does not exist"),
    "time-span-reversed": Code("provenance", "a time span ends before it starts"),
    "copy-missing": Code("provenance", "a source read in a copy does not say which copy"),
    "copy-as-original": Code("provenance", "a copy read is recorded on a source marked read in the original"),
    "copy-unidentified": Code("provenance", "a copy gives no address or identifier of its own, or the original's"),
    "copy-publisher-missing": Code("provenance", "a repost, listing or archived copy does not say who publishes it"),
    "copy-capture-date": Code("provenance", "a copy's capture date contradicts its archive address, access or publication"),
    "copy-archive-kind": Code("provenance", "an archived capture is recorded as another kind of copy"),
    "place-not-in-quote": Code("provenance", "a place's name, description or parent cites a quote that does not name it"),
    "parent-uncited": Code("provenance", "a place's parent region is given without a citation"),
    "possibly-same-place": Code("provenance", "a 'possibly the same place' link names the place itself or is one-way"),
    # --- history: permanent ids (check, and check --base) ------------------------------------------
    "previous-id": Code("history", "a previous id that is the record's own, another record's, or removed"),
    "id-vanished": Code("history", "a published id disappeared without a redirect (check --base)"),
    "redirect-deleted": Code("history", "a previous id was deleted, and with it a redirect (check --base)"),
    "removal-never-published": Code("history", "removed.yaml lists an id that was never published"),
    "removal-deleted": Code("history", "an entry of removed.yaml was deleted (check --base)"),
    "correction-deleted": Code("history", "a published correction was deleted or rewritten (check --base)"),
    "base-unreadable": Code("history", "the base revision's data has problems, so ids were compared in part"),
    # --- warnings: publishable, worth a look -------------------------------------------------------
    "source-uncited": Code("warning", "a source is cited nowhere"),
    "clause-unlinked": Code("warning", "a clause is cited by no incident or milestone"),
    "source-before-event": Code("warning", "an account cites a source published before the incident"),
    "one-sided-grade": Code("warning", "every claim comes from one side but the grade says more"),
    "source-not-read": Code("warning", "source debt: a cited source was not read in the original"),
    "read-without-archive": Code("warning", "source debt: a source read (in the original or a copy) has no archived copy"),
    "source-read-in-copy": Code("warning", "source debt: a cited source was read only in a copy"),
    "via-not-read": Code("warning", "source debt: a source is known through one that was not read either"),
    # --- issue 18: scope, known gaps, actors that are not parties ----------------------------------
    "period-outside-coverage": Code("warning", "a site text or heading names a period beyond the data's coverage"),
    "gap-curated": Code("warning", "a known gap cites the source and day of an incident already curated"),
    "actor-members": Code("references", "a joint body, mission or mediators' institution without its members, "
                                        "or members given to a party or naming a non-party"),
    "silence-misbooked": Code("references", "a silence or account of a joint body is booked to one of its members"),
}


def markdown_table() -> str:
    """The table of ``docs/errors.md``."""
    rows = ["| code | stage | what it means |", "|---|---|---|"]
    rows += [f"| `{code}` | {entry.stage} | {entry.meaning} |" for code, entry in CODES.items()]
    return "\n".join(rows) + "\n"
