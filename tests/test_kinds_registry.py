"""The registry is the one list of kinds (issue 22.1, issue 20 class 4).

A newcomer adds a trial kind, ``bulletin`` (a dated bulletin about incidents), to a copy of
the project by making exactly the changes the registry's docstring lists, and nothing
else. Every guarantee then holds for it as for the kinds we ship: its records are checked
(references by convention), it gets pages, a place in the open data and the feed, its old
addresses redirect, and deleting one of its published ids fails ``check --base`` while
``diff`` names the deletion. A further test keeps the docstring's list and the trial's
changes the same, so the docstring cannot drift from what a kind really touches.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sitetools import build_env
from testdata import MINIMAL_DATA, PROJECT, write_yaml

from briefing import kinds

NAME, PLURAL = "bulletin", "bulletins"

_RECORD_CLASS = '''

class Bulletin(Struct, frozen=True, kw_only=True):
    """A monitoring body's dated bulletin about incidents (the registry's trial kind)."""

    kind: ClassVar[str] = "bulletin"

    id: str
    date: dt.date
    title: str
    summary: CitedText
    incident_ids: tuple[str, ...] = field(name="incidents", default=())
    previous_ids: tuple[str, ...] = ()
    corrections: tuple[CorrectionEntry, ...] = ()
    record_dates: PublicationDates | None = None

    def citations(self) -> Iterator[Citation]:
        yield from self.summary.citations

    @staticmethod
    def order(record: Bulletin) -> tuple[dt.date, str]:
        return (record.date, record.id)

'''

_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Bulletins (data/bulletins.yaml)",
    "description": "Dated bulletins about incidents.",
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "id": {"$ref": "common.schema.json#/$defs/id"},
            "previous_ids": {"$ref": "common.schema.json#/$defs/previous_ids"},
            "corrections": {"$ref": "common.schema.json#/$defs/corrections"},
            "record_dates": {"$ref": "common.schema.json#/$defs/record_dates"},
            "date": {"$ref": "common.schema.json#/$defs/date"},
            "title": {"$ref": "common.schema.json#/$defs/title"},
            "summary": {"$ref": "common.schema.json#/$defs/cited_text"},
            "incidents": {"$ref": "common.schema.json#/$defs/refs"},
        },
        "required": ["id", "date", "title", "summary"],
        "additionalProperties": False,
    },
}

_CONTEXTS = '''

@dataclass(frozen=True, slots=True, kw_only=True)
class BulletinPage(PageContext):
    template: ClassVar[str] = "pages/bulletin.html.j2"

    bulletin: Any
    incidents: tuple[Incident, ...]
    corrections: tuple[Correction, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class BulletinsIndexPage(PageContext):
    template: ClassVar[str] = "pages/bulletins_index.html.j2"

    rows: tuple[Any, ...]
'''

_BUILDER = '''"""Bulletin pages (the registry's trial kind)."""

from briefing.kinds import BY_NAME
from briefing.render.contexts import BulletinPage, BulletinsIndexPage
from briefing.render.page import record_path


def page(plan, bulletin):
    return BulletinPage(path=record_path(bulletin), title=bulletin.title, **plan.cited(bulletin.citations()),
                        bulletin=bulletin, incidents=tuple(plan.data.incidents[i] for i in bulletin.incident_ids),
                        corrections=plan.corrections(bulletin))


def index(plan):
    return BulletinsIndexPage(path=BY_NAME["bulletin"].index_path, title="Bulletins",
                              rows=tuple(plan.data.bulletins.values()))
'''

_PAGE = '''{#- A bulletin's page. Context: briefing.render.contexts.BulletinPage. -#}
<h1>{{ title }}</h1>
{% include "partials/record_dates.html.j2" %}
<p>{{ bulletin.summary.text }}{{ page.cite(bulletin.summary.citations) }}</p>
<ul>{% for incident in incidents %}<li>{{ page.link(incident) }}</li>{% endfor %}</ul>
{% include "partials/corrections.html.j2" %}
{% include "partials/cite.html.j2" %}
{% include "partials/sources.html.j2" %}
'''

_INDEX = '''{#- The list of bulletins. Context: briefing.render.contexts.BulletinsIndexPage. -#}
<h1>Bulletins</h1>
<ul>{% for bulletin in rows %}<li>{{ page.link(bulletin) }}</li>{% endfor %}</ul>
'''

_GUIDE = '''
### `pages/bulletin.html.j2`: a bulletin
- `bulletin`, the `incidents` it is about, `corrections`.

### `pages/bulletins_index.html.j2`: the list of bulletins
- `rows`, each a bulletin.
'''


def _bulletin(record_id: str, day: str, **extra: object) -> dict[str, object]:
    return {"id": record_id, "date": day, "title": f"Bulletin of {day}",
            "summary": {"text": "The monitors reported an exchange of fire.", "citations": [{"source": "source-one"}]},
            "incidents": ["2021-01-05-town-y"], **extra}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: the trial kind's edit no longer applies: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_trial_kind(project: Path) -> set[str]:
    """Add the trial kind to a copy of the project, following the registry's docstring;
    returns the paths it touched (placeholders for the kind's names)."""
    package = project / "briefing"
    _edit(package / "kinds.py", "\n)\n\nBY_NAME", f'\n    RecordKind("{NAME}", "{PLURAL}", "Bulletins", in_feed=True),\n)\n\nBY_NAME')
    records = package / "model" / "records.py"
    _edit(records, "\nRecord = ", _RECORD_CLASS + "\nRecord = ")
    union = re.search(r"(?m)^Record = .*$", records.read_text(encoding="utf-8"))
    assert union, "records.py: no Record union"
    _edit(records, union.group(0) + "\n", union.group(0) + " | Bulletin\n")
    _edit(records, "    assessments: Mapping[str, Assessment]\n",
          "    assessments: Mapping[str, Assessment]\n    bulletins: Mapping[str, Bulletin]\n")
    (package / "schema" / f"{PLURAL}.schema.json").write_text(json.dumps(_SCHEMA, indent=2), encoding="utf-8")
    removed = package / "schema" / "removed.schema.json"
    schema = json.loads(removed.read_text(encoding="utf-8"))
    for field in ("kind", "replaced_by_kind"):
        schema["items"]["properties"][field]["enum"].append(NAME)
    removed.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    contexts = package / "render" / "contexts.py"
    contexts.write_text(contexts.read_text(encoding="utf-8") + _CONTEXTS, encoding="utf-8")
    (package / "render" / "builders" / f"{NAME}.py").write_text(_BUILDER, encoding="utf-8")
    (package / "templates" / "pages" / f"{NAME}.html.j2").write_text(_PAGE, encoding="utf-8")
    (package / "templates" / "pages" / f"{PLURAL}_index.html.j2").write_text(_INDEX, encoding="utf-8")
    guide = package / "templates" / "README.md"
    guide.write_text(guide.read_text(encoding="utf-8") + _GUIDE, encoding="utf-8")
    write_yaml(project / "data" / f"{PLURAL}.yaml",
               [_bulletin("2021-07-07-bulletin", "2021-07-07"), _bulletin("2021-07-08-bulletin", "2021-07-08")])
    return {"briefing/kinds.py", "briefing/model/records.py", "briefing/schema/<plural>.schema.json",
            "briefing/schema/removed.schema.json", "briefing/render/contexts.py",
            "briefing/render/builders/<name>.py", "briefing/templates/pages/<name>.html.j2",
            "briefing/templates/pages/<plural>_index.html.j2", "briefing/templates/README.md",
            "data/<plural>.yaml"}


def _copy(dest: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("briefing", "hooks", "docs", "overrides"):
        shutil.copytree(PROJECT / folder, dest / folder, ignore=ignore)
    shutil.copytree(MINIMAL_DATA, dest / "data", ignore=ignore)
    config = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    (dest / "mkdocs.yml").write_text(re.sub(r"(?m)^    home_intro:.*\n(?:      .*\n)*", "", config),
                                     encoding="utf-8")
    return dest


def _run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = build_env({"PYTHONPATH": str(project)})
    env.pop("PYTHONSAFEPATH", None)
    return subprocess.run([sys.executable, *args], cwd=project, env=env, capture_output=True, text=True,
                          timeout=300, check=False)


def _git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=project,
                   check=True, capture_output=True)


# --- the registry's own promises ------------------------------------------------------------

def test_the_removed_schema_names_every_registered_kind() -> None:
    schema = json.loads((PROJECT / "briefing" / "schema" / "removed.schema.json").read_text(encoding="utf-8"))
    names = {kind.name for kind in kinds.KINDS}
    for field in ("kind", "replaced_by_kind"):
        assert set(schema["items"]["properties"][field]["enum"]) == names, field


def _docstring_places() -> set[str]:
    doc = ast.get_docstring(ast.parse((PROJECT / "briefing" / "kinds.py").read_text(encoding="utf-8"))) or ""
    steps = re.findall(r"(?m)^\d+\. (.*(?:\n   .*)*)", doc)
    return {path for step in steps for path in re.findall(r"``([\w<>./-]+\.(?:py|json|j2|md|yaml))``", step)}


def test_the_docstring_lists_exactly_what_the_trial_kind_touches(tmp_path: Path) -> None:
    touched = add_trial_kind(_copy(tmp_path))
    listed = _docstring_places()
    # the docstring writes the templates as one step: ``pages/<name>.html.j2`` and ``<plural>_index.html.j2``
    listed = {p if "/" in p else f"briefing/templates/pages/{p}" for p in listed}

    assert listed == touched


def _kind_lists(path: Path, root: Path = PROJECT) -> list[str]:
    """Literal collections in a module that list three kinds or more by name or plural."""
    words = {kind.name for kind in kinds.KINDS} | {kind.plural for kind in kinds.KINDS}
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        items = node.keys if isinstance(node, ast.Dict) else \
            node.elts if isinstance(node, ast.Tuple | ast.List | ast.Set) else []
        named = [i.value for i in items if isinstance(i, ast.Constant) and i.value in words]
        if len(named) >= 3 and len(named) == len(items):
            found.append(f"{path.relative_to(root).as_posix()}:{node.lineno}: {named}")
    return found


#: Lists of kinds that are rules about those kinds, not the list of kinds, with why.
KIND_SPECIFIC = {
    "briefing/validate/references.py": "each kind's own reference checks (a kind without any: by convention)",
    "briefing/validate/provenance.py": "the fields an assessment names what it is about by (rule R11)",
}


def test_no_module_but_the_registry_lists_the_kinds() -> None:
    modules = sorted((PROJECT / "briefing").rglob("*.py"))
    lists = [found for path in modules if path.name != "kinds.py"
             and path.relative_to(PROJECT).as_posix() not in KIND_SPECIFIC for found in _kind_lists(path)]

    assert not lists, "derive these from briefing.kinds.KINDS: " + "; ".join(lists)


def test_the_list_finder_finds_a_list_of_kinds(tmp_path: Path) -> None:
    module = tmp_path / "probe.py"
    module.write_text('NOUNS = {"parties": "party", "authors": "author", "regions": "region"}\n'
                      'FILES = ("incidents", "milestones", "sources")\nOTHER = ("incidents", "x", "y")\n',
                      encoding="utf-8")

    assert [line.split(": ", 1)[0] for line in _kind_lists(module, tmp_path)] == ["probe.py:1", "probe.py:2"]


# --- the trial kind, end to end ---------------------------------------------------------------

@pytest.fixture(scope="module")
def trial(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = _copy(tmp_path_factory.mktemp("trial-kind"))
    add_trial_kind(project)
    bulletins = project / "data" / f"{PLURAL}.yaml"
    write_yaml(bulletins, [_bulletin("2021-07-01-bulletin", "2021-07-01"), _bulletin("2021-07-07-old", "2021-07-07"),
                           _bulletin("2021-07-08-bulletin", "2021-07-08")])
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "data with bulletins")
    # one bulletin deleted (with its removal notice), one renamed (with its old id kept)
    write_yaml(project / "data" / "removed.yaml", [{"id": "2021-07-01-bulletin", "kind": NAME, "removed": "2021-07-09",
                                                   "action": "deleted", "reason": "A duplicate."}])
    write_yaml(bulletins, [_bulletin("2021-07-07-bulletin", "2021-07-07", previous_ids=["2021-07-07-old"]),
                           _bulletin("2021-07-08-bulletin", "2021-07-08")])
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "a bulletin deleted, one renamed")
    return project


def test_the_trial_kind_uses_the_copy_of_the_package(trial: Path) -> None:
    result = _run(trial, "-c", "import briefing; print(briefing.__file__)")
    assert result.stdout.strip() == str(trial / "briefing" / "__init__.py")


def test_the_trial_kind_is_checked_and_counted(trial: Path) -> None:
    result = _run(trial, "-m", "briefing", "check")
    assert result.returncode == 0, result.stderr
    assert "2 bulletins" in result.stdout


def test_a_trial_record_referring_to_an_unknown_incident_is_an_error(trial: Path, tmp_path: Path) -> None:
    project = _copy(tmp_path)
    add_trial_kind(project)
    write_yaml(project / "data" / f"{PLURAL}.yaml", [_bulletin("2021-07-07-bulletin", "2021-07-07",
                                                               incidents=["2021-01-05-twon-y"])])
    result = _run(project, "-m", "briefing", "check")
    assert result.returncode == 1
    assert re.search(r"data/bulletins\.yaml:\d+:\d+: 2021-07-07-bulletin: incidents\[0\]: unknown incident "
                     r"'2021-01-05-twon-y' \(hint: did you mean '2021-01-05-town-y'\?\) \[unknown-reference\]",
                     result.stderr), result.stderr


def test_the_trial_kind_gets_pages_exports_feed_and_redirects(trial: Path) -> None:
    result = _run(trial, "-m", "mkdocs", "build", "--strict")
    assert result.returncode == 0, result.stderr
    site = trial / "site"
    page = (site / PLURAL / "2021-07-07-bulletin.html").read_text(encoding="utf-8")
    assert "Bulletin of 2021-07-07" in page and "The monitors reported an exchange of fire." in page
    assert "Cite this record" in page
    assert "2021-07-08-bulletin.html" in (site / PLURAL / "index.html").read_text(encoding="utf-8")
    exported = json.loads((site / "data" / "briefing.json").read_text(encoding="utf-8"))
    assert [b["id"] for b in exported[PLURAL]] == ["2021-07-07-bulletin", "2021-07-08-bulletin"]
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert "Bulletin: Bulletin of 2021-07-08" in feed and f'href="{PLURAL}/2021-07-08-bulletin.html"' in feed
    renamed = (site / PLURAL / "2021-07-07-old.html").read_text(encoding="utf-8")
    assert "2021-07-07-bulletin.html" in renamed
    deleted = (site / PLURAL / "2021-07-01-bulletin.html").read_text(encoding="utf-8")
    assert "removed.html#removed-bulletin-2021-07-01-bulletin" in deleted
    nav = (site / "index.html").read_text(encoding="utf-8")
    assert "2021-07-07-bulletin" not in nav, "record pages stay out of the navigation"


def test_deleting_a_published_trial_id_fails_check_base_and_diff_names_it(trial: Path) -> None:
    bulletins = trial / "data" / f"{PLURAL}.yaml"
    kept = bulletins.read_text(encoding="utf-8")
    write_yaml(bulletins, [_bulletin("2021-07-07-bulletin", "2021-07-07", previous_ids=["2021-07-07-old"])])
    try:
        check = _run(trial, "-m", "briefing", "check", "--base", "HEAD")
        diff = _run(trial, "-m", "briefing", "diff", "HEAD")
    finally:
        bulletins.write_text(kept, encoding="utf-8")

    assert check.returncode == 1
    assert "bulletin '2021-07-08-bulletin' (line" in check.stderr and "[id-vanished]" in check.stderr
    assert diff.returncode == 0, diff.stderr
    assert "1 removed." in diff.stdout, diff.stdout
    assert "- bulletin **2021\\-07\\-08\\-bulletin**: no redirect: its published page will break" in diff.stdout
