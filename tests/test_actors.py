"""Actors that are not parties (issue 18.4): a joint body, monitoring mission or mediators'
institution is an actor of its own, with its members, cited; its statements and silences
are its own, and the home page shows it apart from the parties' columns."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sitetools import Site, section, squash
from testdata import REAL_DATA, DataDir, load_yaml
from validation_cases import Shown, shown

SIDE_A = "- id: side-a\n  name: Side A\n  role: belligerent\n"
SIDE_B = "- id: side-b\n  name: Side B\n  role: belligerent\n"
# lines 7-14 after SIDE_A and SIDE_B: role on line 9, the first member's party on line 11
JOINT = ("- id: joint-commission\n  name: Joint Commission\n  role: joint-body\n  members:\n"
         "    - party: side-a\n      citations: [{source: source-two}]\n"
         "    - party: side-b\n      citations: [{source: source-two}]\n")
SILENCE = "      actor: Ministry of Defence of Side B\n"
CENTRE = "joint-russian-turkish-monitoring-centre"

#: (name, parties.yaml, an edit of incidents.yaml or None, every error expected)
TABLE: list[tuple[str, str, tuple[str, str] | None, list[Shown]]] = [
    ("a joint body with its members, cited, is valid", SIDE_A + SIDE_B + JOINT, None, []),
    ("a joint body names its members", SIDE_A + SIDE_B + JOINT.split("  members:")[0], None, [
        ("data/parties.yaml:9:9", "joint-commission", "actor-members",
         "a joint body is an actor of its own: name its members",
         "add members: [{party: <id>, citations: [...]}], one entry per member state or authority, each cited"),
    ]),
    ("only a joint body has members", SIDE_A + "  members:\n    - party: side-b\n      citations: [{source: "
     "source-two}]\n" + SIDE_B, None, [
        ("data/parties.yaml:4:3", "side-a", "actor-members",
         "only a joint body, monitoring mission or mediators' institution has members, not a party whose role is "
         "belligerent", "give the body a record of its own (role: joint-body, monitoring-mission or "
         "mediator-institution) with these members"),
    ]),
    ("a member is a party, not another body", SIDE_A + SIDE_B + JOINT + "- id: mission\n  name: Mission\n"
     "  role: monitoring-mission\n  members:\n    - party: joint-commission\n      citations: [{source: "
     "source-two}]\n", None, [
        ("data/parties.yaml:19:14", "mission", "actor-members",
         "member 'joint-commission' is itself a joint body: members are states or authorities",
         "name the parties that make up 'joint-commission' instead"),
    ]),
    ("a member must be a known party", SIDE_A + SIDE_B + JOINT.replace("party: side-a", "party: side-c"), None, [
        ("data/parties.yaml:11:14", "joint-commission", "unknown-reference",
         "members[0].party: unknown party 'side-c'", "did you mean 'side-b'?"),
    ]),
    ("a joint body's silence booked to one of its members", SIDE_A + SIDE_B + JOINT,
     (SILENCE, "      actor: Joint Commission (Side B's delegation)\n"), [
         ("data/incidents.yaml:41:14", "2021-01-05-town-y", "silence-misbooked",
          "silent[0] is booked to 'side-b', but its actor is the joint commission, an actor of its own in "
          "parties.yaml ('joint-commission')",
          "book it to party: joint-commission, once for the body (not once per member)"),
     ]),
    ("a joint body's silence booked to it is valid", SIDE_A + SIDE_B + JOINT,
     ("    - party: side-b\n" + SILENCE, "    - party: joint-commission\n      actor: Joint Commission\n"), []),
    ("a joint body's account booked to one of its members", SIDE_A + SIDE_B + JOINT,
     ("      claimant: Spokesperson of Side B\n", "      claimant: The Joint Commission\n"), [
         ("data/incidents.yaml:28:14", "2021-01-05-town-y", "silence-misbooked",
          "claims[1] is booked to 'side-b', but its claimant is the joint commission, an actor of its own in "
          "parties.yaml ('joint-commission')",
          "book it to party: joint-commission, once for the body (not once per member)"),
     ]),
]


@pytest.mark.parametrize(("name", "parties", "edit", "errors"), TABLE, ids=[row[0] for row in TABLE])
def test_actor_rules(data_dir: DataDir, name: str, parties: str, edit: tuple[str, str] | None,
                     errors: list[Shown]) -> None:
    data_dir.write("parties", parties)
    if edit:
        data_dir.edit("incidents", *edit)

    if errors:
        assert [shown(e) for e in data_dir.errors()] == errors
    else:
        data_dir.load()  # valid: no error raised


# --- the real data and site --------------------------------------------------------------------


def test_the_monitoring_centre_is_an_actor_of_its_own_and_no_silence_is_booked_to_its_members() -> None:
    parties = {p["id"]: p for p in load_yaml(REAL_DATA, "parties")}
    centre = parties[CENTRE]
    booked = [(r["id"], s["party"]) for kind in ("incidents", "milestones") for r in load_yaml(REAL_DATA, kind)
              for s in r.get("silent", []) if "Monitoring the Ceasefire" in s["actor"]]

    assert centre["role"] == "joint-body"
    assert [m["party"] for m in centre["members"]] == ["russia", "turkey"]
    assert all(m["citations"] for m in centre["members"])
    assert booked and {party for _record, party in booked} == {CENTRE}
    assert len(booked) == len({record for record, _party in booked})  # one silence per record, not one per member


def test_the_home_table_shows_the_centre_apart_and_no_turkey_silent(real_pages: Site) -> None:
    table = real_pages.article("index.html").select_one("table.briefing-evidence-table")
    groups = [squash(th.get_text()) for th in table.select("thead th[scope=colgroup]")]
    columns = [squash(th.get_text()) for th in table.select("thead th[scope=col]")]
    actor_columns = [squash(th.get_text()) for th in table.select("thead th.briefing-evidence-actor")]
    quiet = {" ".join(i["title"].split()) for i in load_yaml(REAL_DATA, "incidents")
             if any(s["party"] == CENTRE for s in i.get("silent", []))}
    assert quiet
    listed = {squash(row.find("th").find("a").get_text()) for row in table.select("tbody tr")}
    assert "Turkey" not in columns
    if not quiet & listed:  # the centre is said to be silent about none of the incidents listed here
        assert actor_columns == [] and "Not parties" not in groups
        return

    assert groups == ["Parties", "Not parties"]
    assert actor_columns == ["Joint Russian-Turkish Center for Monitoring the Ceasefire in Karabakh"]
    assert columns[-1] == actor_columns[0]  # after every party's column
    for cell in table.select("tbody td"):
        assert not (cell["data-party"] == "Turkey" and "silent" in cell.get_text())
    for row in table.select("tbody tr"):
        title = squash(row.find("th").find("a").get_text())
        cell = row.select_one("td.briefing-evidence-actor")
        assert ("briefing-evidence-silent" in cell["class"]) == (title in quiet), title


def test_the_centres_page_lists_its_members_cited_and_theirs_say_they_are_members(real_pages: Site) -> None:
    centre = real_pages.article(f"parties/{CENTRE}.html")
    turkey = squash(real_pages.article_text("parties/turkey.html"))

    members = section(centre, "Members").find("ul").find_all("li")
    assert [squash(li.find("a").get_text()) for li in members] == ["Russia", "Turkey"]
    assert all(li.select_one("a.footnote-ref") for li in members)
    assert "Not a party to the conflict: an actor of its own" in squash(centre.get_text())
    assert "Member of Joint Russian-Turkish Center for Monitoring the Ceasefire in Karabakh" in turkey
    assert "Where it did not comment" not in turkey


def test_the_silences_export_books_the_centres_silence_to_it(real_site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((real_site / "data" / "silences.csv").read_text(encoding="utf-8"))))
    parties = {row.get("party") or row.get("party_id") for row in rows}

    assert CENTRE in parties and "turkey" not in parties
