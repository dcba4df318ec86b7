"""Party pages: a party's claims, the sources tied to it, its silences; the list."""

from __future__ import annotations

from briefing.kinds import BY_NAME
from briefing.model.records import Party
from briefing.render.contexts import PartiesIndexPage, PartyPage, PartyRow
from briefing.render.page import record_path
from briefing.render.planning import Planning, hrefs


def page(plan: Planning, party: Party) -> PartyPage:
    path = record_path(party)
    links = plan.links
    claimed = links.incidents_claimed_by.get(party.id, [])
    published = [plan.source_row(s) for s in links.sources_published_by.get(party.id, [])]
    affiliated = tuple(plan.author_row(a) for a in plan.data.authors.values() if a.affiliation.party_id == party.id)
    return PartyPage(
        path=path, title=party.name, **plan.cited(party.citations(), also=[r.author for r in affiliated]),
        party=party,
        claimed=plan.listing((plan.incident_row(i) for i in claimed), path, "incident",
                             f"Incidents with a claim by {party.name}", "claims") if claimed else None,
        published=plan.listing(published, path, "source", f"Sources whose publisher is tied to {party.name}",
                               "sources") if published else None,
        corrections=plan.corrections(party),
        silent_on=tuple(links.silent_on.get(party.id, [])), affiliated=affiliated,
        members=tuple((plan.data.parties[m.party_id], m.citations) for m in party.members),
        member_of=tuple(p for p in plan.data.parties.values() if any(m.party_id == party.id for m in p.members)),
        map=plan.visuals.party_map(party, claimed, hrefs(path)) if claimed else None,
    )


def index(plan: Planning) -> PartiesIndexPage:
    links = plan.links
    rows = tuple(PartyRow(p, len(links.incidents_claimed_by.get(p.id, [])),
                          len(links.sources_published_by.get(p.id, [])))
                 for p in plan.data.parties.values())
    return PartiesIndexPage(path=BY_NAME["party"].index_path, title=BY_NAME["party"].label, rows=rows)
