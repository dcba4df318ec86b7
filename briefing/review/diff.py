"""``python -m briefing diff BASE [HEAD]``: what a pull request changes in the data, in words.

Both sides go through the same loading and validation as a build (files read with ``git
show``, the working tree when HEAD is left out), then records are matched by kind and id
(a record whose ``previous_ids`` names a vanished id counts as renamed) and compared
field by field. The Markdown (for the PR description or the job summary) comes from the
``cli/diff.md.j2`` template; data text in it is escaped, since contributors write it.

A side whose data does not load is reported with its errors, and the other side is
still summarised.

A review must not be fooled: a long text is never cut so that its old and new values
look the same (the part that differs is shown, with where it starts, and characters that
do not show, such as a doubled space or a zero-width space, are made visible), and what
the published history loses (an old id in ``previous_ids``, a ``corrections`` entry, an
entry of removed.yaml) is listed and marked **history**.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.errors import DataError
from briefing.kinds import BY_NAME
from briefing.load.git_revision import data_folder, load_revision, repo_root, resolve
from briefing.load.reader import LoadedFile, load_data_dir
from briefing.pipeline import validated
from briefing.review.markdown import markdown_environment
from briefing.validate.permanent_ids import ever_published, records

#: Fields a reviewer must not miss, by the word that marks them in the summary.
_HIGHLIGHT = {
    "casualties": {"casualties", "killed", "wounded", "low", "best", "high", "casualty_rule"},
    "date": {"date", "date_end", "date_precision", "published", "accessed"},
    "grade": {"grade", "grade_note"},
    "attribution": {"party", "parties", "blames", "claimant", "quoted", "used_by"},
}
_LONG = 160  # characters of a value shown in full; a longer one is shown around what changed
_CONTEXT = 40  # characters shown on each side of a change in a long value


@dataclass
class Side:
    """One revision's data: its label, the loaded files, and its problems (if any)."""

    label: str
    loaded: dict[str, LoadedFile]
    errors: list[DataError]

    @property
    def ok(self) -> bool:
        return not self.errors

    def records(self) -> dict[tuple[str, str], dict[str, Any]]:
        found: dict[tuple[str, str], dict[str, Any]] = {}
        for noun, _file, _path, record in records(self.loaded):
            if isinstance(record.get("id"), str):
                found.setdefault((noun, record["id"]), record)
        return found

    def counts(self) -> list[str]:
        """``["1 agreement", "2 parties", ...]``: what this side holds."""
        totals: dict[str, int] = {}
        for noun, _ in self.records():
            totals[noun] = totals.get(noun, 0) + 1
        return [f"{n} {noun if n == 1 else BY_NAME[noun].plural}" for noun, n in sorted(totals.items())]


@dataclass
class FieldChange:
    field: str
    old: str
    new: str
    flag: str | None


@dataclass
class Change:
    noun: str
    id: str
    old_id: str | None = None
    fields: list[FieldChange] = field(default_factory=list)
    cited: list[str] = field(default_factory=list)
    uncited: list[str] = field(default_factory=list)
    corrections: list[dict[str, Any]] = field(default_factory=list)  # added in this change
    fate: str | None = None  # for removed records: how its old address is kept

    @property
    def unexplained(self) -> bool:
        """Marked fields changed, but no new ``corrections`` entry tells readers why."""
        return self.fate == "changed" and any(f.flag not in (None, "history") for f in self.fields) \
            and not self.corrections


@dataclass
class DiffReport:
    markdown: str
    ok: bool


def flatten(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """``{"claims": [{"text": "x"}]}`` → ``("claims[0].text", "x")``: one entry per leaf."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from flatten(item, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value):
        for index, item in enumerate(value):
            yield from flatten(item, f"{prefix}[{index}]")
    else:
        yield prefix, value


def _fields(noun: str, record: dict[str, Any]) -> dict[str, Any]:
    # an agreement's clauses are records of their own; corrections and previous ids are
    # listed in words rather than as fields
    own = {k: v for k, v in record.items()
           if not (noun == "agreement" and k == "clauses") and k not in ("corrections", "previous_ids")}
    return dict(flatten(own))


def _text(value: Any) -> str:
    if value is None:
        return "(none)"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _plain(text: str) -> str:
    """Text as the Markdown summary renders it: runs of white space as one space, and
    characters that show nothing left out."""
    text = "".join(c for c in text if unicodedata.category(c) not in ("Cf", "Cc", "Mn") or c in "\t\n")
    return re.sub(r"\s+", " ", text).strip()


def _visible(text: str) -> str:
    """The changed part of a text with every character that would not show once rendered
    made visible: line breaks, tabs, invisible and combining characters, and the spaces
    that Markdown would swallow (at the edges, and doubled)."""
    names = {"\n": "⏎", "\t": "⇥", " ": " "}
    shown = "".join(names.get(c) or (f"<U+{ord(c):04X}>" if unicodedata.category(c)[0] in "CZM" else c)
                    for c in text)
    return re.sub(r"^ +| +$| {2,}", lambda m: "␠" * len(m.group()), shown)


def show_change(old: Any, new: Any) -> tuple[str, str, int | None]:
    """How a changed value is shown: (old, new, where the change starts or None).

    A short value that renders differently is shown whole, as before. A long one, or one
    whose change would not show once rendered (white space, an invisible character, a
    letter that looks like another), is shown around the change: ``…context«changed
    part»context…``, the changed part with invisible characters spelled out, and the two
    sides always differ as they read."""
    a, b = _text(old), _text(new)
    if a == b:  # e.g. the number 1 and the text "1"
        a, b = json.dumps(old, ensure_ascii=False), json.dumps(new, ensure_ascii=False)
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    mid_a, mid_b = a[start:len(a) - end], b[start:len(b) - end]
    subtle = _plain(a) == _plain(b) or (0 < len(mid_a) <= 2 and 0 < len(mid_b) <= 2 and not (mid_a + mid_b).isascii())
    if max(len(a), len(b)) <= _LONG and not subtle:
        return a, b, None

    def side(text: str, mid: str) -> str:
        first = max(0, start - _CONTEXT)
        shown = _visible(mid[:_LONG]) + ("…" if len(mid) > _LONG else "")
        if subtle and 0 < len(mid) <= 2 and _visible(mid) == mid:  # a look-alike letter: say which it is
            shown += " (" + ", ".join(f"U+{ord(c):04X}" for c in mid) + ")"
        after = len(text) - end
        return ("…" if first else "") + text[first:start] + "«" + shown + "»" + text[after:after + _CONTEXT] + (
            "…" if after + _CONTEXT < len(text) else "")

    return side(a, mid_a), side(b, mid_b), start


def _flag(path: str) -> str | None:
    parts = {p.split("[")[0] for p in path.split(".")}
    for word, names in _HIGHLIGHT.items():
        if parts & names:
            return word
    return None


def _cited(noun: str, record: dict[str, Any]) -> set[str]:
    """The sources a record cites (an agreement's clauses count for the clauses)."""
    return {str(value) for path, value in _fields(noun, record).items()
            if path.endswith(".source") and ".citations[" in f".{path}"}


def compare(base: Side, head: Side) -> list[Change]:
    """Every record added, removed, renamed or changed, in kind and id order."""
    old, new = base.records(), head.records()
    renamed = {(noun, prev): rid for (noun, rid), rec in new.items()
               for prev in (rec.get("previous_ids") or []) if (noun, prev) in old and (noun, prev) not in new}
    removed_notes = {(str(e.get("kind")), str(e.get("id"))): e
                     for e in (head.loaded["removed"].data if "removed" in head.loaded else []) or []
                     if isinstance(e, dict)}
    changes: list[Change] = []
    for key in sorted(set(old) | set(new)):
        noun, rid = key
        if key in new and key not in old:
            previous = next((p for (n, p), r in renamed.items() if n == noun and r == rid), None)
            change = Change(noun, rid, old_id=previous, fate="added" if previous is None else "renamed")
            before = old.get((noun, previous)) if previous else None
            _fill(change, before or {}, new[key], compare_fields=before is not None)
            changes.append(change)
        elif key in old and key not in new:
            if key in renamed:
                continue  # shown with the record it became
            entry = removed_notes.get(key)
            if entry is None:
                fate = "no redirect: its published page will break"
            elif entry.get("replaced_by"):
                fate = f"merged into {entry['replaced_by']} (listed in removed.yaml; the old page redirects)"
            else:
                fate = "deleted (listed in removed.yaml; the old page points to the removed-records list)"
            change = Change(noun, rid, fate="removed: " + fate)
            _fill(change, old[key], {}, compare_fields=False)
            changes.append(change)
        else:
            change = Change(noun, rid, fate="changed")
            _fill(change, old[key], new[key], compare_fields=True)
            if change.fields or change.cited or change.uncited or change.corrections:
                changes.append(change)
    return changes + _removed_changes(base, head)


def _fill(change: Change, before: dict[str, Any], after: dict[str, Any], compare_fields: bool) -> None:
    if compare_fields:
        a, b = _fields(change.noun, before), _fields(change.noun, after)
        for path in [*a, *(p for p in b if p not in a)]:
            if path == "id" or (a.get(path) == b.get(path) and type(a.get(path)) is type(b.get(path))):
                continue
            old, new, at = show_change(a.get(path), b.get(path))
            name = path if not at else f"{path} (from character {at + 1})"
            change.fields.append(FieldChange(name, old, new, _flag(path)))
        _history(change, before, after)
    earlier, later = (record.get("corrections") for record in (before, after))
    earlier = earlier if isinstance(earlier, list) else []
    change.corrections = [c for c in (later if isinstance(later, list) else []) if isinstance(c, dict)
                          and c not in earlier]
    old_cites, new_cites = _cited(change.noun, before), _cited(change.noun, after)
    change.cited = sorted(new_cites - old_cites) if compare_fields or not before else []
    change.uncited = sorted(old_cites - new_cites) if compare_fields else []


def _history(change: Change, before: dict[str, Any], after: dict[str, Any]) -> None:
    """Old ids and corrections the record dropped: the published history is append-only."""
    old_ids, new_ids = (_list(record.get("previous_ids")) for record in (before, after))
    if any(i not in new_ids for i in old_ids):
        change.fields.append(FieldChange("previous_ids", _text(old_ids), _text(new_ids), "history"))
    later = _list(after.get("corrections"))
    for correction in _list(before.get("corrections")):
        if isinstance(correction, dict) and correction not in later:
            shown = f"{correction.get('kind')}: {correction.get('note')}"
            change.fields.append(FieldChange(f"corrections ({correction.get('date')})",
                                             show_change(shown, "(deleted)")[0], "(deleted)", "history"))


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _removed_entries(side: Side) -> dict[tuple[str, str], dict[str, Any]]:
    file = side.loaded.get("removed")
    entries = file.data if file is not None and isinstance(file.data, list) else []
    return {(str(e.get("kind")), str(e.get("id"))): e for e in entries if isinstance(e, dict)}


def _removed_changes(base: Side, head: Side) -> list[Change]:
    """Entries of removed.yaml deleted or changed: the public list of removed records."""
    old, new = _removed_entries(base), _removed_entries(head)
    changes = []
    for key in sorted(old):
        change = Change("removed.yaml entry of", f"{key[0]} {key[1]}", fate="changed")
        if key not in new:
            shown = f"{old[key].get('action')} on {old[key].get('removed')}: {old[key].get('reason')}"
            change.fields.append(FieldChange("entry", show_change(shown, "(deleted)")[0], "(deleted)", "history"))
        else:
            for name in sorted(set(old[key]) | set(new[key])):
                if old[key].get(name) != new[key].get(name):
                    before, after, _at = show_change(old[key].get(name), new[key].get(name))
                    change.fields.append(FieldChange(name, before, after, "history"))
        if change.fields:
            changes.append(change)
    published = ever_published(base.loaded)
    for key in sorted(set(new) - set(old)):
        entry = new[key]
        shown = f"{entry.get('action')} on {entry.get('removed')}: {entry.get('reason')}"
        if key not in published:
            shown += " (never published at the base: there is no page to remove)"
        change = Change("removed.yaml entry of", f"{key[0]} {key[1]}", fate="added")
        change.fields.append(FieldChange("entry", "(none)", show_change("(none)", shown)[1], "history"))
        changes.append(change)
    return changes


def _side(data_dir: Path, root: Path, revision: str | None) -> Side:
    rel = data_folder(data_dir, root)
    if revision is None:
        loaded, errors = load_data_dir(data_dir, root)
        label = "working tree"
    else:
        commit = resolve(root, revision)
        loaded, errors = load_revision(root, commit, rel)
        label = f"{revision} ({commit[:12]})" if not commit.startswith(revision) else commit[:12]
    return Side(label, loaded, validated(loaded, errors).errors)


def render_diff(base: Side, head: Side) -> str:
    changes = compare(base, head) if base.ok and head.ok else []
    markdown = markdown_environment().get_template("cli/diff.md.j2").render(
        base=base, head=head, changes=changes, broken=not base.ok or not head.ok,
        grouped={fate: [c for c in changes if (c.fate or "").split(":")[0] == fate]
                 for fate in ("added", "renamed", "changed", "removed")},
    )
    return markdown.strip() + "\n"


def diff_revisions(data_dir: Path, base: str, head: str | None = None) -> DiffReport:
    """The Markdown summary of the data changes from ``base`` to ``head`` (default: the working tree)."""
    root = repo_root(data_dir.resolve())
    sides = (_side(data_dir, root, base), _side(data_dir, root, head))
    return DiffReport(render_diff(*sides), all(side.ok for side in sides))

