"""Class 5 of issue 20: provenance rules without holes.

Nothing can be known through, nor quoted from, a document nobody found: a source "known
via" a source marked not located is refused (``via-not-located``), and so is a citation's
quote from one, wherever the citation is (``quote-not-located``). And one id names one
speaker: an id cannot be both a party and an author (``speaker-id-shared``), checked over
every kind the registry marks as naming who says what (``SPEAKER_KINDS``), so a kind of
actor added there is covered by the same rule.
"""

from __future__ import annotations

import pytest
from testdata import DataDir

from briefing.kinds import KINDS, SPEAKER_KINDS

NOT_LOCATED = """\
- id: source-three
  publisher: office-side-b
  title: Statement on the events near Town Why
  url_unknown: The statement is cited by Example News; no copy was found.
  published: 2021-01-06
  language: en
  kind: press-release
  provenance: not-located
  searched: {date: 2021-02-01, where: "the office's site and the Internet Archive, by title"}
"""
READ_THREE = NOT_LOCATED.split("\n", 1)[0]


def lose_source_three(data_dir: DataDir) -> None:
    """source-three becomes a source nobody found; the fixture's quotes from it go."""
    text = data_dir.text("sources")
    start = text.index("- id: source-three")
    data_dir.write("sources", text[:start] + NOT_LOCATED)
    data_dir.edit("authors", '{source: source-three, locator: header, quote: "Office of the Spokesperson"}',
                  "{source: source-three, locator: header}")
    data_dir.edit("regions", '{source: source-three, quote: "near Town Why"}', "{source: source-three}")


def codes(data_dir: DataDir) -> list[tuple[str, str | None]]:
    return [(e.code, e.record_id) for e in data_dir.errors()]


def test_a_source_cannot_be_known_through_a_source_nobody_found(data_dir: DataDir) -> None:
    lose_source_three(data_dir)
    data_dir.edit("sources", "  provenance: read\n  accessed: 2021-01-07\n\n- id: source-three",
                  "  provenance: via\n  via: {source: source-three, locator: paragraph 2, quote: \"forged words\"}\n\n"
                  "- id: source-three")
    data_dir.edit("sources", "  archive_url: https://web.archive.org/web/2021/https://example.com/news/town-y\n", "")

    errors = data_dir.errors()

    assert [(e.code, e.record_id) for e in errors] == [("via-not-located", "source-two")], errors
    assert "'via' names 'source-three', a source nobody located" in errors[0].message


@pytest.mark.parametrize(("kind", "old", "new"), [
    ("authors", "{source: source-three, locator: header}",
     '{source: source-three, locator: header, quote: "Office of the Spokesperson"}'),
    ("regions", "{source: source-three}", '{source: source-three, quote: "near Town Why"}'),
    ("incidents", "        - {source: source-one}\n", "        - {source: source-three, quote: \"we saw it\"}\n"),
])
def test_no_citation_quotes_a_source_nobody_found(data_dir: DataDir, kind: str, old: str, new: str) -> None:
    lose_source_three(data_dir)
    data_dir.edit(kind, old, new)

    found = codes(data_dir)

    assert found and {code for code, _ in found} == {"quote-not-located"}, found


def test_a_citation_of_a_source_nobody_found_without_a_quote_passes(data_dir: DataDir) -> None:
    lose_source_three(data_dir)

    assert data_dir.load().sources["source-three"].provenance == "not-located"


@pytest.mark.parametrize(("kind", "record"), [
    ("authors", "- id: side-a\n  name: Side A the analyst\n  kind: person\n"),
    ("parties", "- id: analyst-z\n  name: Analyst Z\n  role: belligerent\n  description:\n    text: A side.\n"
                "    citations:\n      - {source: source-two}\n"),
])
def test_an_id_names_one_speaker(data_dir: DataDir, kind: str, record: str) -> None:
    data_dir.write(kind, data_dir.text(kind).rstrip("\n") + "\n\n" + record)

    errors = [e for e in data_dir.errors() if e.code == "speaker-id-shared"]

    assert len(errors) == 1, data_dir.errors()
    assert "is both a" in errors[0].message and "one id names one speaker" in errors[0].message


def test_the_speaker_rule_reads_one_list_from_the_registry() -> None:
    # i18-scope's actors that are not parties join by declaring speaker=True: nothing else
    assert tuple(kind.plural for kind in KINDS if kind.speaker) == SPEAKER_KINDS
    assert {"authors", "parties"} <= set(SPEAKER_KINDS)
