"""Options in mkdocs.yml (extra: briefing:) are checked the way MkDocs checks its own."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sitetools import Site, make_project, run_mkdocs

from briefing.config import ConfigError, load_options


def test_defaults_need_no_options() -> None:
    options = load_options(None)
    assert (options.data_dir, options.rows_per_part) == ("data", 250)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"rows_per_part": "many"}, "mkdocs.yml: extra.briefing.rows_per_part: Expected type: <class 'int'> but received: <class 'str'>"),
        ({"rows_per_part": 3}, "mkdocs.yml: extra.briefing.rows_per_part: must be a whole number of at least 10, not 3"),
        ({"rows_per_part": True}, "mkdocs.yml: extra.briefing.rows_per_part: must be a whole number of at least 10, not True"),
        ({"data_dir": 5}, "mkdocs.yml: extra.briefing.data_dir: Expected type: <class 'str'> but received: <class 'int'>"),
        ({"row_per_part": 30}, "mkdocs.yml: extra.briefing.row_per_part: unknown option (did you mean 'rows_per_part'?)"),
        (["data"], "mkdocs.yml: extra.briefing must be a mapping of options, not ['data']"),
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
