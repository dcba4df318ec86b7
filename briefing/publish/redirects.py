"""Old addresses keep working: one small HTML page per id that is no longer in use.

* an id in a record's ``previous_ids`` (a rename) leads to the record's page;
* an id merged into another (removed.yaml, ``replaced_by``) leads to that record;
* a deleted id (removed.yaml) leads to its row of the removed-records list, which says why.

The pages are static HTML (not Markdown: they must not appear as pages of the site) with
a ``<meta http-equiv="refresh">`` and a visible link, and relative targets, so they work
from a web server and from a folder opened with file:// alike. The layout lives in
``templates/files/redirect.html.j2``; all text in it is HTML-escaped.
"""

from __future__ import annotations

import posixpath

from briefing.kinds import BY_NAME, removed_anchor
from briefing.model.records import Dataset, Record
from briefing.render.environment import site_environment


def _page(record: Record) -> str:
    return BY_NAME[record.kind].page_path(record.id)


def redirect_pages(data: Dataset) -> dict[str, str]:
    """Every redirect page, by its path in the built site, in a stable order."""
    template = site_environment().get_template("files/redirect.html.j2")
    targets: dict[str, tuple[str, str, str]] = {}
    for (kind, old_id), new_id in data.renamed.items():
        record = data.records(BY_NAME[kind].plural)[new_id]
        targets[BY_NAME[kind].page_path(old_id)] = (_page(record), record.title, "This page has moved to")
    for entry in data.removed:
        declared = BY_NAME[entry.record_kind]
        old = declared.page_path(entry.id)
        if entry.replaced_by:
            record = data.records(declared.plural)[entry.replaced_by]
            targets[old] = (_page(record), record.title, "This record was merged into")
        else:
            targets[old] = (f"removed.html#{removed_anchor(entry.record_kind, entry.id)}", "Removed records",
                            f"This {entry.record_kind} was removed; see")
    pages = {}
    for path, (target, title, message) in sorted(targets.items()):
        if path.endswith("/index.html"):
            continue  # the list page of the kind keeps its address (check refuses 'index' in previous_ids)
        relative = posixpath.relpath(target, posixpath.dirname(path))
        pages[path] = template.render(target=relative, title=title, message=message, old_id=posixpath.basename(path))
    return pages
