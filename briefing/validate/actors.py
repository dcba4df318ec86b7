"""Actors that are not parties (issue 18.4): joint bodies, monitoring missions and
mediators' institutions are actors of their own, with their members.

They are records of ``parties.yaml`` (the one list of who says what, beside the authors),
with a role of :data:`ACTOR_ROLES` and ``members``, each cited. Two rules keep them apart
from the states that make them up (``actor-members``): such a body names its members, and
only such a body has members, which are parties, not other bodies. And a silence or an
account whose body is such an actor is booked to the actor, never to one of its members
(``silence-misbooked``): "the Joint Russian-Turkish monitoring centre has yet to comment"
is one silence of the centre, not a silence of Russia and another of Turkey.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from briefing.errors import DataError
from briefing.errors import shorten as _shorten
from briefing.load.reader import JsonPath, LoadedFile

#: Roles of actors that are not parties (:data:`briefing.model.records.ACTOR_ROLES`).
ACTOR_ROLES = frozenset({"joint-body", "monitoring-mission", "mediator-institution"})
#: Where records name the body that spoke or stayed silent: (list field, text field).
_BODIES = (("silent", "actor"), ("claims", "claimant"))


def _records(value: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    for index, item in enumerate(value if isinstance(value, list) else []):
        if isinstance(item, dict):
            yield index, item


def error(file: LoadedFile, path: JsonPath, message: str, hint: str, code: str) -> DataError:
    return DataError(file.location(path), message, file.record_id(path), hint, code=code)


def _member_errors(parties: LoadedFile, roles: dict[str, str]) -> Iterator[DataError]:
    for i, party in _records(parties.data):
        role, members = party.get("role"), party.get("members")
        if role in ACTOR_ROLES and not members:
            yield error(parties, (i, "role"), f"a {str(role).replace('-', ' ')} is an actor of its own: name its "
                         "members", "add members: [{party: <id>, citations: [...]}], one entry per member state "
                         "or authority, each cited", "actor-members")
        elif members and role not in ACTOR_ROLES:
            yield error(parties, (i, "members"), f"only a joint body, monitoring mission or mediators' institution "
                         f"has members, not a party whose role is {role}",
                         "give the body a record of its own (role: joint-body, monitoring-mission or "
                         "mediator-institution) with these members", "actor-members")
        for j, member in _records(members):
            member_id = str(member.get("party"))
            if roles.get(member_id) in ACTOR_ROLES:
                yield error(parties, (i, "members", j, "party"), f"member {_shorten(member_id)!r} is itself a "
                             f"{roles[member_id].replace('-', ' ')}: members are states or authorities",
                             f"name the parties that make up {_shorten(str(member_id))!r} instead", "actor-members")


def _booking_errors(file: LoadedFile, actors: dict[str, str]) -> Iterator[DataError]:
    for i, record in _records(file.data):
        for field, text_field in _BODIES:
            for j, entry in _records(record.get(field)):
                text, party = entry.get(text_field), entry.get("party")
                if not isinstance(text, str):
                    continue
                said = " ".join(text.split()).casefold()
                for actor_id, name in actors.items():
                    if party != actor_id and name in said:
                        yield error(file, (i, field, j, "party"),
                                     f"{field}[{j}] is booked to {_shorten(str(party))!r}, but its {text_field} is "
                                     f"the {_shorten(name)}, an actor of its own in parties.yaml ({actor_id!r})",
                                     f"book it to party: {actor_id}, once for the body (not once per member)",
                                     "silence-misbooked")


def actor_errors(loaded: dict[str, LoadedFile]) -> list[DataError]:
    """The problems of joint bodies, missions and institutions and of what is booked to them."""
    parties = loaded.get("parties")
    if parties is None:
        return []
    roles = {p["id"]: str(p.get("role")) for _i, p in _records(parties.data) if isinstance(p.get("id"), str)}
    actors = {p["id"]: " ".join(p["name"].split()).casefold() for _i, p in _records(parties.data)
              if p.get("role") in ACTOR_ROLES and isinstance(p.get("id"), str) and isinstance(p.get("name"), str)}
    errors = list(_member_errors(parties, roles))
    for kind in ("incidents", "milestones"):
        if kind in loaded:
            errors.extend(_booking_errors(loaded[kind], actors))
    return errors
