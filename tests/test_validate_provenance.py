"""Validation of honest provenance (issue 10; rules R1-R17 of ``audit/design.md`` §8): one
table per family of rules, each case an edit of the minimal dataset and the exact errors
it must give (``file:line:column``, record id, rule code, message and hint).

Line numbers are those of ``tests/fixtures/minimal/data`` after the edit: ``sources.yaml``
has source-one on lines 1-10 (``provenance: read`` on line 8, ``accessed`` on 9,
``archive_url`` on 10) and source-two from line 12; ``incidents.yaml`` has the Side A claim
from line 14 (times on 18, zone on 19, blames on 24), the Side B claim from line 28 and
the silence from line 40.
"""

from __future__ import annotations

import pytest
from testdata import DataDir
from validation_cases import Case, ids, run, shown

from briefing.pipeline import check_data

R1_HINT = ("remove {!r}, or set provenance: read if a team member read the original "
           "(provenance: copy, with copy: {{...}}, if what was read was a copy)")
VIA = '  provenance: via\n  via: {source: source-two, locator: paragraph 1, quote: "Side A said"}\n'
ONE_READ = "  provenance: read\n  accessed: 2021-01-06\n"
READ_LINES = "  provenance: read\n  accessed: 2021-01-06\n  archive_url: https://web.archive.org/web/2021/https://example.org/side-a/press-release\n"

#: The minimal data quotes source-one twice: once it is not located, nobody can (issue 20.5).
QUOTES_FROM_ONE = [
    (f"data/{where}", record, "quote-not-located", "a quote from source 'source-one', which nobody located: its "
     "words cannot be known", "remove the quote, or cite the source that gives these words (with provenance: via)")
    for where, record in (("authors.yaml:9:54", "mod-side-a"), ("regions.yaml:17:91", "town-y"))
]

# --- the ladder: which fields go with which rung (R1-R4, R6, R17) ---------------------------

LADDER = [
    Case("R1 access date and archived copy on a source not read", "sources", ONE_READ, VIA + ONE_READ.split("\n", 1)[1], [
        ("data/sources.yaml:10:13", "source-one", "access-without-read",
         "an access date on a source that was not read: provenance is 'via'", R1_HINT.format("accessed")),
        ("data/sources.yaml:11:16", "source-one", "access-without-read",
         "an archived copy on a source that was not read: provenance is 'via'", R1_HINT.format("archive_url")),
    ]),
    Case("R1 a copy read on a source not located", "sources", READ_LINES,
         "  provenance: not-located\n  searched: {date: 2021-02-01, where: Example News' archive}\n"
         "  read_copy: a stored copy\n", [
             *QUOTES_FROM_ONE,
             ("data/sources.yaml:10:14", "source-one", "access-without-read",
              "a copy read on a source that was not read: provenance is 'not-located'", R1_HINT.format("read_copy")),
         ]),
    Case("R2 read without an access date", "sources", "  accessed: 2021-01-06\n", "", [
        ("data/sources.yaml:8:15", "source-one", "read-without-access", "a source marked read has no access date",
         "add accessed: YYYY-MM-DD (the day a team member read it)"),
    ]),
    Case("R3 via without saying through which source", "sources", READ_LINES, "  provenance: via\n", [
        ("data/sources.yaml:8:15", "source-one", "via-missing",
         "a source known through another source must say which: 'via' is missing",
         "add via: {source: <id>, locator: 'paragraph N', quote: '<its words>'}"),
    ]),
    Case("R4 via names a source that does not exist", "sources", READ_LINES,
         VIA.replace("source-two", "source-nine"), [
             ("data/sources.yaml:9:17", "source-one", "via-unknown", "'via' names 'source-nine', which is not another source",
              "use the id of the source that cites this one"),
         ]),
    Case("R4 via names the source itself", "sources", READ_LINES, VIA.replace("source-two", "source-one"), [
        ("data/sources.yaml:9:17", "source-one", "via-unknown", "'via' names 'source-one', which is not another source",
         "use the id of the source that cites this one"),
    ]),
    Case("R6 not located without saying where it was searched", "sources", READ_LINES,
         "  provenance: not-located\n", [
             *QUOTES_FROM_ONE,
             ("data/sources.yaml:8:15", "source-one", "not-located-unsearched",
              "a source not located must say when and where it was looked for",
              "add searched: {date: YYYY-MM-DD, where: '<collections and queries, in words>'}"),
         ]),
    Case("via on a source marked read", "sources", ONE_READ,
         '  provenance: read\n  via: {source: source-two, locator: paragraph 1, quote: "Side A said"}\n'
         "  accessed: 2021-01-06\n", [
             ("data/sources.yaml:9:8", "source-one", "via-on-read",
              "a source marked read is said to be known through another source ('via')",
              "remove 'via', or set provenance: via if the original was not read"),
         ]),
    Case("a failed search on a source marked read", "sources", ONE_READ,
         "  provenance: read\n  searched: {date: 2021-02-01, where: Example News' archive}\n  accessed: 2021-01-06\n", [
             ("data/sources.yaml:9:13", "source-one", "searched-on-read",
              "a source marked read has a record of a failed search ('searched')",
              "remove 'searched', or set provenance: via or not-located"),
         ]),
    Case("via on a source not located", "sources", READ_LINES,
         "  provenance: not-located\n  searched: {date: 2021-02-01, where: Example News' archive}\n"
         '  via: {source: source-two, locator: paragraph 1, quote: "Side A said"}\n', [
             *QUOTES_FROM_ONE,
             ("data/sources.yaml:10:8", "source-one", "via-on-not-located",
              "a source not located is said to be known through another source ('via')",
              "set provenance: via, or remove 'via'"),
         ]),
    Case("R17 read before it was published (a partial date counts from its first day)", "sources",
         "  published: 2021-01-05\n", "  published: 2021-02\n", [
             ("data/sources.yaml:9:13", "source-one", "published-after-access",
              "the source was read before it was published",
              "accessed 2021-01-06 is before published 2021-02: check both dates"),
         ]),
]


@pytest.mark.parametrize("case", LADDER, ids=ids(LADDER))
def test_the_ladder(data_dir: DataDir, case: Case) -> None:
    run(data_dir, case)


def test_r4_two_sources_known_only_through_each_other_are_both_refused(data_dir: DataDir) -> None:
    data_dir.edit("sources", READ_LINES, VIA)
    data_dir.edit("sources", "  provenance: read\n  accessed: 2021-01-07\n\n", VIA.replace("source-two", "source-one") + "\n")
    data_dir.edit("sources", "  archive_url: https://web.archive.org/web/2021/https://example.com/news/town-y\n", "")

    assert [shown(e) for e in data_dir.errors()] == [
        ("data/sources.yaml:9:17", "source-one", "via-unknown",
         "'via' names 'source-two', which is not another source", "use the id of the source that cites this one"),
        ("data/sources.yaml:20:17", "source-two", "via-unknown",
         "'via' names 'source-one', which is not another source", "use the id of the source that cites this one"),
    ]


def test_an_access_date_on_a_source_not_read_is_refused_by_check_with_its_line(data_dir: DataDir) -> None:
    """The issue's own example: an 'accessed' date copied from the article that cites the release."""
    data_dir.edit("sources", ONE_READ, VIA + ONE_READ.split("\n", 1)[1])
    data_dir.edit("sources", "  archive_url: https://web.archive.org/web/2021/https://example.org/side-a/press-release\n", "")

    result = check_data(data_dir.data, display_root=data_dir.root)

    assert [str(e) for e in result.errors] == [
        "data/sources.yaml:10:13: source-one: an access date on a source that was not read: provenance is 'via' "
        f"(hint: {R1_HINT.format('accessed')}) [access-without-read]"]


# --- addresses (R7 and the url / url_unknown pair) ----------------------------------------

INDEX_HINT = "move it to publisher_site and give url_unknown, or give the item's exact address"
ADDRESSES = [
    Case("R7 the site's home page", "sources", "  url: https://example.org/side-a/press-release\n",
         "  url: https://example.org/\n", [
             ("data/sources.yaml:4:8", "source-one", "url-is-index",
              "the address of this source looks like the publisher's index page, not the item", INDEX_HINT),
         ]),
    Case("R7 a news index", "sources", "  url: https://example.org/side-a/press-release\n",
         "  url: https://www.example.org/en/news/\n", [
             ("data/sources.yaml:4:8", "source-one", "url-is-index",
              "the address of this source looks like the publisher's index page, not the item", INDEX_HINT),
         ]),
    Case("R7 another source's publisher_site", "sources", "  url: https://example.com/news/town-y\n",
         "  url: https://example.com/news/town-y\n  publisher_site: https://example.org/side-a/press-release/\n", [
             ("data/sources.yaml:4:8", "source-one", "url-is-index",
              "the address of this source looks like the publisher's index page, not the item", INDEX_HINT),
         ]),
    Case("an item named by its query is not an index", "sources", "  url: https://example.org/side-a/press-release\n",
         "  url: https://example.org/?p=1124\n", []),
    Case("both url and url_unknown", "sources", "  url: https://example.org/side-a/press-release\n",
         "  url: https://example.org/side-a/press-release\n  url_unknown: not found\n", [
             ("data/sources.yaml:5:16", "source-one", "url-and-unknown", "a source has both url and url_unknown",
              "keep url if it is the item's exact address, else remove it and keep url_unknown"),
         ]),
    Case("neither url nor url_unknown", "sources", "  url: https://example.org/side-a/press-release\n", "", [
        ("data/sources.yaml:1:3", "source-one", "url-missing",
         "a source needs url (the item's exact address) or url_unknown (why it is not known)",
         "add one of them; a publisher's home or index page goes in publisher_site"),
    ]),
]


@pytest.mark.parametrize("case", ADDRESSES, ids=ids(ADDRESSES))
def test_addresses(data_dir: DataDir, case: Case) -> None:
    run(data_dir, case)


# --- analysis apart from accounts (R8, R10, R11), publishers (R12) --------------------------

NOT_A_PARTY = ("'analyst-z' is not a party to the conflict: analysts and publishers give assessments, not claims",
               "move the statement to assessments.yaml with author: analyst-z")
ACCOUNTS = [
    Case("R8 an analyst as a claimant", "incidents", "    - party: side-b\n      claimant", "    - party: analyst-z\n      claimant", [
        ("data/incidents.yaml:28:14", "2021-01-05-town-y", "claim-by-non-party", *NOT_A_PARTY),
    ]),
    Case("R8 an analyst blamed", "incidents", "      blames: [side-b]\n", "      blames: [analyst-z]\n", [
        ("data/incidents.yaml:24:16", "2021-01-05-town-y", "claim-by-non-party", *NOT_A_PARTY),
    ]),
    Case("R8 an analyst's silence", "incidents", "  silent:\n    - party: side-b\n",
         "  silent:\n    - party: analyst-z\n", [
             ("data/incidents.yaml:41:14", "2021-01-05-town-y", "claim-by-non-party", *NOT_A_PARTY),
         ]),
    Case("R8 an analyst as a party to a milestone", "milestones", "  parties: [side-a, side-b]\n",
         "  parties: [side-a, analyst-z]\n", [
             ("data/milestones.yaml:6:21", "2020-12-01-talks", "claim-by-non-party", *NOT_A_PARTY),
         ]),
    Case("an unknown claimant is not an author either", "incidents", "    - party: side-b\n      claimant",
         "    - party: side-c\n      claimant", [
             ("data/incidents.yaml:28:14", "2021-01-05-town-y", "unknown-reference", "claims[1].party: unknown party 'side-c'",
              "did you mean 'side-b'?"),
         ]),
    Case("R10 an assessment by an author not in authors.yaml", "assessments", "  author: analyst-z\n",
         "  author: analyst-q\n", [
             ("data/assessments.yaml:2:11", "analyst-z-2021-01-06-escalation", "assessment-author",
              "the author 'analyst-q' of this assessment is not in authors.yaml",
              "add the author with a cited affiliation"),
         ]),
    Case("R11 an assessment about an incident that does not exist", "assessments",
         "  incidents: [2021-01-05-town-y]\n", "  incidents: [2021-01-05-town-z]\n", [
             ("data/assessments.yaml:5:15", "analyst-z-2021-01-06-escalation", "assessment-target",
              "this assessment is about '2021-01-05-town-z', which does not exist", "did you mean '2021-01-05-town-y'?"),
         ]),
    Case("R11 an assessment about a clause that does not exist", "assessments",
         "  clauses: [accord-2020-clause-1]\n", "  clauses: [accord-2020-clause-9]\n", [
             ("data/assessments.yaml:6:13", "analyst-z-2021-01-06-escalation", "assessment-target",
              "this assessment is about 'accord-2020-clause-9', which does not exist",
              "did you mean 'accord-2020-clause-1'?"),
         ]),
    Case("an assessment about nothing", "assessments",
         "  incidents: [2021-01-05-town-y]\n  clauses: [accord-2020-clause-1]\n", "", [
             ("data/assessments.yaml:1:3", "analyst-z-2021-01-06-escalation", "assessment-target",
              "this assessment is about nothing: it must name the incidents, milestones or clauses it is about",
              "add incidents: [...], milestones: [...] or clauses: [...]"),
         ]),
    Case("R12 a publisher not in authors.yaml (so nothing shows its party using a name)", "sources",
         "  publisher: mod-side-a\n", "  publisher: mod-side-q\n", [
        ("data/regions.yaml:17:42", "town-y", "used-by-uncited",
         "the name 'Town Y' is said to be used by 'side-a', but no citation shows 'side-a' using it",
         "cite a text published by a body of 'side-a' that uses the name, or drop used_by"),
        ("data/sources.yaml:2:14", "source-one", "publisher-unknown", "the publisher 'mod-side-q' is not in authors.yaml",
         "add it with its affiliation (kind: unknown with searched if none is found)"),
    ]),
]


@pytest.mark.parametrize("case", ACCOUNTS, ids=ids(ACCOUNTS))
def test_analysis_apart_from_accounts(data_dir: DataDir, case: Case) -> None:
    run(data_dir, case)


# --- times and zones (R13, R14) ------------------------------------------------------------

TIMES = [
    Case("R13 times without a zone", "incidents", "      time_zone: {zone: Asia/Baku, stated: true}\n", "", [
        ("data/incidents.yaml:18:14", "2021-01-05-town-y", "time-without-zone",
         "times are given without a time zone: write time_zone: {zone: not-stated} if the account does not say",
         None),
    ]),
    Case("R14 an inferred zone without its basis", "incidents", "{zone: Asia/Baku, stated: true}",
         "{zone: Asia/Baku, stated: false}", [
             ("data/incidents.yaml:19:44", "2021-01-05-town-y", "inferred-zone-uncited",
              "an inferred time zone needs its basis, cited",
              "add basis: {text: ..., citations: [...]} saying why the zone is this one"),
         ]),
    Case("a zone without saying whether the account states it", "incidents", "{zone: Asia/Baku, stated: true}",
         "{zone: Asia/Baku}", [
             ("data/incidents.yaml:19:18", "2021-01-05-town-y", "zone-unattributed",
              "the time zone 'Asia/Baku' is given without saying whether the account states it",
              "add stated: true if the account names the zone, or stated: false with basis: {text: ..., citations: [...]} "
              "if the zone is inferred"),
         ]),
    Case("a zone that does not exist", "incidents", "{zone: Asia/Baku, stated: true}",
         "{zone: Asia/Bakuu, stated: true}", [
             ("data/incidents.yaml:19:25", "2021-01-05-town-y", "unknown-zone", "'Asia/Bakuu' is not a known time zone",
              "use an IANA name such as Asia/Baku, Asia/Yerevan or Europe/Moscow, or not-stated"),
         ]),
    Case("a span that ends before it starts", "incidents", '[{start: "21:30"}]', '[{start: "21:30", end: "21:00"}]', [
        ("data/incidents.yaml:18:37", "2021-01-05-town-y", "time-span-reversed",
         "the time span ends (21:00) before it starts (21:30)", "a span past midnight is two entries; check the times"),
    ]),
    Case("a zone not stated needs no basis", "incidents", "{zone: Asia/Baku, stated: true}", "{zone: not-stated}", []),
]


@pytest.mark.parametrize("case", TIMES, ids=ids(TIMES))
def test_times_and_zones(data_dir: DataDir, case: Case) -> None:
    run(data_dir, case)


# --- every statement cited: names (R9), coordinates (R15), descriptions ---------------------

CITED = [
    Case("R9 a name said to be used by a party, cited to a source not published by it", "regions",
         'used_by: [side-a], citations: [{source: source-one, quote: "near Town Y"}]',
         'used_by: [side-a], citations: [{source: source-two, quote: "near Town Y"}]', [
             ("data/regions.yaml:17:42", "town-y", "used-by-uncited",
              "the name 'Town Y' is said to be used by 'side-a', but no citation shows 'side-a' using it",
              "cite a text published by a body of 'side-a' that uses the name, or drop used_by"),
         ]),
    Case("a name without a citation", "regions",
         '    - {name: Town Y, lang: en, used_by: [side-a], citations: [{source: source-one, quote: "near Town Y"}]}\n',
         "    - {name: Town Y, lang: en}\n", [
             ("data/regions.yaml:17:7", "town-y", "uncited", "names[0]: missing required field 'citations'", None),
         ]),
    Case("a description without a citation", "parties", "  description:\n    text: The first side of the minimal "
         "test conflict.\n    citations:\n      - {source: source-two, quote: \"Side A\"}\n",
         "  description: The first side of the minimal test conflict.\n", [
             ("data/parties.yaml:4:16", "side-a", "wrong-type",
              "description must be a mapping of fields, not the text 'The first side of the minimal test conflict.'",
              None),
         ]),
    Case("R15 coordinates said to be a region's that has none", "regions",
         "  coordinates:\n    lat: 40.1\n    lon: 45.2\n    basis:\n      text: Example News gives these coordinates "
         "for Town Y.\n      citations: [{source: source-two, quote: \"Town Y (40.1, 45.2)\"}]\n", "", [
             ("data/incidents.yaml:7:64", "2021-01-05-town-y", "coordinate-basis",
              "the coordinates are said to be those of 'town-y', which has none",
              "give 'town-y' coordinates with a cited basis, or give this incident a basis of its own"),
         ]),
    Case("R15 coordinates of a region the incident is not in", "incidents", "region: town-y}", "region: country-x}", [
        ("data/incidents.yaml:7:64", "2021-01-05-town-y", "coordinate-basis",
         "the coordinates are said to be those of 'country-x', which is not one of this incident's regions",
         "add 'country-x' to regions, or name one of them"),
    ]),
    Case("R15 coordinates that are not the region's", "incidents", "{lat: 40.1, lon: 45.2, precision: near",
         "{lat: 40.2, lon: 45.2, precision: near", [
             ("data/incidents.yaml:7:16", "2021-01-05-town-y", "coordinate-basis",
              "the coordinates are said to be those of 'town-y', which are 40.1, 45.2",
              "copy 'town-y''s coordinates, or give a basis of their own instead of region"),
         ]),
    Case("coordinates with no basis at all", "incidents", ", region: town-y}", "}", [
        ("data/incidents.yaml:7:16", "2021-01-05-town-y", "coordinate-basis",
         "the coordinates have no basis: say whose they are (region) or where they come from (basis)",
         "add region: <id of a listed region with cited coordinates>, or basis: {text: ..., citations: [...]}; "
         "remove coordinates that no source supports"),
    ]),
]


@pytest.mark.parametrize("case", CITED, ids=ids(CITED))
def test_every_statement_cited(data_dir: DataDir, case: Case) -> None:
    run(data_dir, case)


# --- removed records moved to another kind (R16) ---------------------------------------------

MOVED = """\
- id: analyst-z
  kind: party
  removed: 2021-02-01
  action: moved
  replaced_by: analyst-z
  replaced_by_kind: author
  reason: An analyst is not a party to the conflict.
"""


def test_r16_a_moved_record_leads_to_a_record_of_its_new_kind(data_dir: DataDir) -> None:
    data_dir.write("removed", MOVED)
    assert data_dir.load().removed[0].replaced_by_kind == "author"

    data_dir.write("removed", MOVED.replace("replaced_by: analyst-z", "replaced_by: analyst-q"))
    assert [shown(e) for e in data_dir.errors()] == [
        ("data/removed.yaml:5:16", "analyst-z", "removed-moved",
         "'analyst-z' was moved to author 'analyst-q', which does not exist", "did you mean 'analyst-z'?"),
    ]


# --- source debt: warnings, and errors with --strict-sources ---------------------------------

def test_source_debt_is_reported_as_warnings_with_their_lines(data_dir: DataDir) -> None:
    data_dir.edit("sources", READ_LINES, VIA)  # source-one known only through source-two
    data_dir.edit("sources", "  archive_url: https://web.archive.org/web/2021/https://example.com/news/town-y\n", "")

    result = check_data(data_dir.data, display_root=data_dir.root)

    assert result.errors == []
    assert [shown(w) for w in result.warnings] == [
        ("data/sources.yaml:8:15", "source-one", "source-not-read",
         "source 'source-one' is cited 3 times but was not read in the original (via, via source-two ¶1)",
         "read the original and set provenance: read with accessed, or keep it and say so"),
        ("data/sources.yaml:19:15", "source-two", "read-without-archive",
         "source 'source-two' was read but no archived copy is recorded",
         "add archive_url when an archived copy (e.g. web.archive.org) is found; never construct one"),
    ]


def test_r5_a_chain_of_sources_not_read_is_a_warning(data_dir: DataDir) -> None:
    data_dir.edit("sources", READ_LINES, VIA)
    data_dir.edit("sources", "  provenance: read\n  accessed: 2021-01-07\n\n",
                  '  provenance: via\n  via: {source: source-three, locator: paragraph 1, quote: "Side A said"}\n\n')
    data_dir.edit("sources", "  archive_url: https://web.archive.org/web/2021/https://example.com/news/town-y\n", "")

    warnings = [shown(w) for w in check_data(data_dir.data, display_root=data_dir.root).warnings]

    assert ("data/sources.yaml:9:17", "source-one", "via-not-read", "known only through 'source-two', which was "
            "not read either", "read the intermediate source, or record the chain's first read link") in warnings


# --- the copy rung (issue 18.5): which copy, who publishes it, when it was captured -----------

COPY_HINT = ("set provenance: copy and describe the copy: copy: {kind: repost | listing | archive | capture, "
             "url: <the copy's address> or identifier: <what identifies it>, publisher: <author id>, "
             "captured: YYYY-MM-DD if known}")
COPIES = [
    Case('copy-missing', 'sources', READ_LINES,
         '  provenance: copy\n  accessed: 2021-01-06\n', [
             ('data/sources.yaml:8:15', 'source-one', 'copy-missing', "a source read in a copy must say which copy: 'copy' is missing", COPY_HINT),
         ]),
    Case('read_copy on read', 'sources', READ_LINES,
         '  provenance: read\n  accessed: 2021-01-06\n  read_copy: a repost on another site\n', [
             ('data/sources.yaml:10:14', 'source-one', 'copy-as-original', "read_copy says a copy was read, but a copy read is its own rung: provenance is 'read'", COPY_HINT),
         ]),
    Case('copy on read', 'sources', READ_LINES,
         '  provenance: read\n  accessed: 2021-01-06\n  copy: {kind: repost, url: https://example.net/repost, publisher: example-news}\n', [
             ('data/sources.yaml:10:9', 'source-one', 'copy-as-original', 'a copy is described on a source marked read in the original', "set provenance: copy, or remove 'copy' if the original itself was read"),
         ]),
    Case('copy on via', 'sources', READ_LINES,
         '  provenance: via\n  via: {source: source-two, locator: paragraph 1, quote: "Side A said"}\n  copy: {kind: repost, url: https://example.net/repost, publisher: example-news}\n', [
             ('data/sources.yaml:10:9', 'source-one', 'access-without-read', "a copy read on a source that was not read: provenance is 'via'", R1_HINT.format("copy")),
         ]),
    Case('unidentified', 'sources', READ_LINES,
         '  provenance: copy\n  accessed: 2021-01-06\n  copy: {kind: repost, publisher: example-news}\n', [
             ('data/sources.yaml:10:9', 'source-one', 'copy-unidentified', 'a copy must say where it is: it has neither url nor identifier', "add copy.url (the copy's own address) or copy.identifier (what identifies it)"),
         ]),
    Case('capture with url', 'sources', READ_LINES,
         '  provenance: copy\n  accessed: 2021-01-06\n  copy: {kind: capture, url: https://example.net/stored}\n', [
             ('data/sources.yaml:10:30', 'source-one', 'copy-unidentified', "a stored capture is of the page at the source's own address, so it has no address of its own", "remove copy.url (the source's url is the page captured), or choose kind repost, listing or archive"),
         ]),
    Case('copy at original', 'sources', READ_LINES,
         '  provenance: copy\n  accessed: 2021-01-06\n  copy: {kind: repost, url: https://www.example.org/side-a/press-release/, publisher: example-news}\n', [
             ('data/sources.yaml:10:29', 'source-one', 'copy-unidentified', "the copy's address is the original's: a page read at its own address is the original", "set provenance: read and remove 'copy', or give the copy's own address"),
         ]),
    Case('no publisher', 'sources', READ_LINES,
         '  provenance: copy\n  accessed: 2021-01-06\n  copy: {kind: listing, url: https://example.net/list}\n', [
             ('data/sources.yaml:10:9', 'source-one', 'copy-publisher-missing', "a copy of kind 'listing' must say who publishes it", 'add copy.publisher: the id in authors.yaml of the site that publishes the copy'),
         ]),
    Case('archive as repost', 'sources', READ_LINES,
         "  provenance: copy\n  accessed: 2021-01-06\n  copy: {kind: repost, url: 'https://web.archive.org/web/20210106120000/https://example.org/side-a/press-release', publisher: example-news}\n", [
             ('data/sources.yaml:10:16', 'source-one', 'copy-archive-kind', "the copy's address is a web archive's (web.archive.org), but the copy is recorded as 'repost'", 'set kind: archive: an archived capture is recorded as such'),
         ]),
    Case('archive date wrong', 'sources', READ_LINES,
         "  provenance: copy\n  accessed: 2021-01-06\n  copy: {kind: archive, url: 'https://web.archive.org/web/20210106120000/https://example.org/side-a/press-release', publisher: example-news, captured: 2021-01-05}\n", [
             ('data/sources.yaml:10:152', 'source-one', 'copy-capture-date', "captured 2021-01-05 is not the date in the archived capture's address (2021-01-06)", 'write captured: 2021-01-06'),
         ]),
    Case('archive date missing', 'sources', READ_LINES,
         "  provenance: copy\n  accessed: 2021-01-06\n  copy: {kind: archive, url: 'https://web.archive.org/web/20210106120000/https://example.org/side-a/press-release', publisher: example-news}\n", [
             ('data/sources.yaml:10:9', 'source-one', 'copy-capture-date', "the archived capture's address gives its date (2021-01-06), but captured is missing", 'add captured: 2021-01-06'),
         ]),
    Case('captured after access', 'sources', READ_LINES,
         '  provenance: copy\n  accessed: 2021-01-06\n  copy: {kind: repost, url: https://example.net/repost, publisher: example-news, captured: 2021-01-09}\n', [
             ('data/sources.yaml:10:92', 'source-one', 'copy-capture-date', 'the copy was captured (2021-01-09) after the team read it (2021-01-06)', 'check captured and accessed'),
         ]),
    Case('captured before published', 'sources', READ_LINES,
         '  provenance: copy\n  accessed: 2021-01-06\n  copy: {kind: repost, url: https://example.net/repost, publisher: example-news, captured: 2020-12}\n', [
             ('data/sources.yaml:10:92', 'source-one', 'copy-capture-date', 'the copy was captured (2020-12) before the source was published (2021-01-05)', 'check captured and published'),
         ]),
    Case('copy publisher unknown', 'sources', READ_LINES,
         '  provenance: copy\n  accessed: 2021-01-06\n  copy: {kind: repost, url: https://example.net/repost, publisher: example-newz}\n', [
             ('data/sources.yaml:10:68', 'source-one', 'publisher-unknown', "the copy's publisher 'example-newz' is not in authors.yaml", 'add it with its affiliation (kind: unknown with searched if none is found)'),
         ]),
    Case('valid copy', 'sources', READ_LINES,
         "  provenance: copy\n  accessed: 2021-01-06\n  copy: {kind: archive, url: 'https://web.archive.org/web/20210106120000/https://example.org/side-a/press-release', publisher: example-news, captured: 2021-01-06}\n", [
         ]),
    Case('valid capture', 'sources', READ_LINES,
         '  provenance: copy\n  accessed: 2021-01-06\n  copy: {kind: capture, note: a stored copy}\n', [
         ]),
]



@pytest.mark.parametrize("case", COPIES, ids=ids(COPIES))
def test_the_copy_rung(data_dir: DataDir, case: Case) -> None:
    run(data_dir, case)


# --- places say no more than their sources (issue 18.6) ------------------------------------------

PARENT = '  parent_citations: [{source: source-two, quote: "the town of Town Y"}]\n'
PLACES = [
    Case('parent uncited', 'regions', PARENT,
         '', [
             ('data/regions.yaml:19:11', 'town-y', 'parent-uncited', "'Town Y' is placed in 'country-x' without a citation", "add parent_citations: [{source: <id>, quote: '<words that name the place and where it lies>'}], or remove parent"),
         ]),
    Case('parent quote', 'regions', PARENT,
         '  parent_citations: [{source: source-two, quote: "a town of Country X"}]\n', [
             ('data/regions.yaml:29:50', 'town-y', 'place-not-in-quote', "the quote cited for the parent of 'Town Y' names none of its names (Town Y, Town Why): it may be about another place", "quote the source's words that name the place, or cite a source that does"),
         ]),
    Case('description quote', 'regions', '    citations: [{source: source-two, quote: "the town of Town Y"}]\n  parent_c',
         '    citations: [{source: source-two, quote: "the town near which both sides report fire"}]\n  parent_c', [
             ('data/regions.yaml:28:45', 'town-y', 'place-not-in-quote', "the quote cited for the description of 'Town Y' names none of its names (Town Y, Town Why): it may be about another place", "quote the source's words that name the place, or cite a source that does"),
         ]),
    Case('name quote', 'regions', 'quote: "near Town Why"',
         'quote: "near the town"', [
             ('data/regions.yaml:18:95', 'town-y', 'place-not-in-quote', "the quote cited for the name 'Town Why' does not contain it", "quote the source's words that give the name"),
         ]),
    Case('possibly same one-way', 'regions', PARENT,
         '  parent_citations: [{source: source-two, quote: "the town of Town Y"}]\n  possibly_same: [{region: country-x, text: Maybe., citations: [{source: source-two}]}]\n', [
             ('data/regions.yaml:30:28', 'town-y', 'possibly-same-place', "'town-y' is linked as possibly the same place as 'country-x', but 'country-x' does not link back", "add possibly_same: [{region: town-y, text: ..., citations: [...]}] to 'country-x'"),
         ]),
    Case('possibly same itself', 'regions', PARENT,
         '  parent_citations: [{source: source-two, quote: "the town of Town Y"}]\n  possibly_same: [{region: town-y, text: Maybe., citations: [{source: source-two}]}]\n', [
             ('data/regions.yaml:30:28', 'town-y', 'possibly-same-place', 'a place is linked as possibly the same as itself', 'name another place'),
         ]),
    Case('possibly same unknown', 'regions', PARENT,
         '  parent_citations: [{source: source-two, quote: "the town of Town Y"}]\n  possibly_same: [{region: town-q, text: Maybe., citations: [{source: source-two}]}]\n', [
             ('data/regions.yaml:30:28', 'town-y', 'unknown-reference', "possibly_same[0].region: unknown region 'town-q'", "did you mean 'town-y'?"),
         ]),
]


@pytest.mark.parametrize("case", PLACES, ids=ids(PLACES))
def test_places_say_no_more_than_their_sources(data_dir: DataDir, case: Case) -> None:
    run(data_dir, case)
