"""Options in mkdocs.yml (extra: briefing:) are checked the way MkDocs checks its own."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sitetools import Site, make_project, run_mkdocs
from testdata import PROJECT

from briefing.config import ConfigError
from briefing.mkdocs_adapter import options
from briefing.mkdocs_adapter.options import load_options


def test_defaults_need_no_options() -> None:
    options = load_options(None)
    assert (options.data_dir, options.rows_per_part) == ("data", 250)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"rows_per_part": "many"}, "mkdocs.yml: extra.briefing.rows_per_part: Expected type: <class 'int'> but received: <class 'str'>"),
        ({"rows_per_part": 3}, "mkdocs.yml: extra.briefing.rows_per_part: must be a whole number from 10 to 100,000, not 3"),
        ({"rows_per_part": True}, "mkdocs.yml: extra.briefing.rows_per_part: must be a whole number from 10 to 100,000, not True"),
        ({"data_dir": 5}, "mkdocs.yml: extra.briefing.data_dir: Expected type: <class 'str'> but received: <class 'int'>"),
        ({"row_per_part": 30}, "mkdocs.yml: extra.briefing.row_per_part: unknown option (did you mean 'rows_per_part'?)"),
        (["data"], "mkdocs.yml: extra.briefing must be a mapping of options, not ['data']"),
        ({"map": {"extent": [44, 38, 49]}},
         "mkdocs.yml: extra.briefing.map.extent: must be [west, south, east, north] in degrees, not [44, 38, 49]"),
        ({"map": {"extent": [49, 38, 44, 42]}},
         "mkdocs.yml: extra.briefing.map.extent: must be [west, south, east, north] with -180 <= west < east <= 180 "
         "and -85 <= south < north <= 85, not [49, 38, 44, 42]"),
        ({"map": {"locator_km": "wide"}},
         "mkdocs.yml: extra.briefing.map.locator_km: must be a number of kilometres from 5 to 2000, not 'wide'"),
        ({"map": {"extnt": [44, 38, 49, 42]}},
         "mkdocs.yml: extra.briefing.map.extnt: unknown option (options: extent, locator_km)"),
        ({"scope": {"start": "July 2021", "end": "2021-07-31"}},
         "mkdocs.yml: extra.briefing.scope.start: must be a day written YYYY-MM-DD, not 'July 2021'"),
        ({"scope": {"start": "2021-07-31", "end": "2021-07-01"}},
         "mkdocs.yml: extra.briefing.scope.end: 2021-07-01 is before start 2021-07-31"),
        ({"scope": {"start": "2021-07-01"}},
         "mkdocs.yml: extra.briefing.scope: give both start and end of the declared period"),
        ({"scope": {"area": ""}}, "mkdocs.yml: extra.briefing.scope.area: must not be empty"),
        ({"scope": {"period": "July"}},
         "mkdocs.yml: extra.briefing.scope.period: unknown option (options: start, end, area, curated_from)"),
        ({"languages": {"English": "en"}},
         "mkdocs.yml: extra.briefing.languages: 'English' is not a language code such as en, az, hy, ru"),
        ({"languages": []}, "mkdocs.yml: extra.briefing.languages: must map language codes to their names (en: English), not []"),
    ],
)
def test_a_bad_option_is_refused_with_its_name(raw: object, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_options(raw)  # type: ignore[arg-type]
    assert str(caught.value) == message


def _with_options(project: Path, options: dict[str, object]) -> None:
    """Set ``extra.briefing`` of the project's mkdocs.yml to ``options`` (replacing the real site's)."""
    config = project / "mkdocs.yml"
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings.setdefault("extra", {})["briefing"] = options
    config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_the_build_reads_the_data_folder_and_list_size_from_mkdocs_yml(tmp_path: Path, minimal_data: Path) -> None:
    project = make_project(tmp_path / "project", minimal_data)
    (project / "data").rename(project / "briefing-data")
    _with_options(project, {"data_dir": "briefing-data", "rows_per_part": 10})
    result = run_mkdocs(project)
    assert result.returncode == 0, result.stderr
    assert Site(project / "site").exists("incidents/2021-01-05-town-y.html")


def test_a_bad_option_stops_the_build_with_its_name(tmp_path: Path, minimal_data: Path) -> None:
    project = make_project(tmp_path / "project", minimal_data)
    _with_options(project, {"rows_per_page": 10})
    result = run_mkdocs(project)
    assert result.returncode != 0
    assert "extra.briefing.rows_per_page: unknown option (did you mean 'rows_per_part'?)" in result.stderr
    assert "Traceback" not in result.stderr


def test_map_and_language_options_have_documented_defaults() -> None:
    options = load_options(None)
    assert options.map.extent is None and options.map.locator_km == 120.0
    assert options.languages["hy"] == "Armenian"
    assert load_options({"map": {"extent": [-10, 35, 5, 44.5]}}).map.extent == (-10.0, 35.0, 5.0, 44.5)


def test_the_languages_option_says_which_names_are_shown_and_how_a_code_is_written(tmp_path: Path,
                                                                                   minimal_data: Path) -> None:
    project = make_project(tmp_path / "project", minimal_data)
    regions = yaml.safe_load((project / "data" / "regions.yaml").read_text(encoding="utf-8"))
    regions[1]["names"] += [{"name": "Таун-Уай", "lang": "ru", "citations": [{"source": "source-two", "quote": "Таун-Уай"}]},
                            {"name": "Taun Vay", "lang": "tr", "citations": [{"source": "source-two", "quote": "Taun Vay"}]}]
    (project / "data" / "regions.yaml").write_text(yaml.safe_dump(regions, allow_unicode=True), encoding="utf-8")
    _with_options(project, {"languages": {"en": "English", "ru": "русский"}})
    result = run_mkdocs(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "regions" / "town-y.html").read_text(encoding="utf-8")
    assert '<td data-label="Name" lang="ru">Таун-Уай</td> <td data-label="Language">русский</td>' in page
    assert "Taun Vay" not in page  # Turkish is not among the site's languages


# --- the options are declared once (issue 22.4) ----------------------------------------------

def test_the_configuration_page_shows_the_table_generated_from_the_declaration() -> None:
    page = (PROJECT / "docs" / "configuration.md").read_text(encoding="utf-8")

    assert options.options_table() in page, (
        "docs/configuration.md's table of options differs from the declaration: replace it with\n"
        + options.options_table())


def test_every_declared_option_is_described_and_nothing_else() -> None:
    assert set(options.DESCRIBED) == set(options.declared())


def test_the_configuration_page_example_sets_every_option_validly() -> None:
    page = (PROJECT / "docs" / "configuration.md").read_text(encoding="utf-8")
    example = yaml.safe_load(page.split("```yaml\n", 1)[1].split("```", 1)[0])["extra"]["briefing"]

    load_options(example)
    named = {*example, *(f"{section}.{name}" for section in ("map", "scope") for name in example.get(section, {}))}
    assert set(options.declared()) <= named


def test_the_protocols_the_stages_read_are_generated_from_the_declaration() -> None:
    module = (PROJECT / "briefing" / "config.py").read_text(encoding="utf-8")
    generated = module.split("do not edit by hand ---\n\n", 1)[1].split("\n# --- end of the generated", 1)[0]

    assert generated == options.protocols_source(), (
        "briefing/config.py's protocols differ from the options declared: replace them with\n"
        + options.protocols_source())
