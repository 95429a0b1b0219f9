"""`pipeline status` through click on a copy of the qa fixture project."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from pipeline.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "qa"


def run(project: Path, *args: str):
    return CliRunner().invoke(main, ["--project", str(project), "status", *args])


def test_status_json_matches_the_golden_file(qa_project: Path) -> None:
    result = run(qa_project, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads((FIXTURES / "status.json").read_text("utf-8"))


def test_status_table_matches_the_golden_file(qa_project: Path) -> None:
    result = run(qa_project)
    assert result.exit_code == 0, result.output
    assert result.stdout == (FIXTURES / "status.txt").read_text("utf-8")


def test_fail_under_exits_1_naming_the_catalog_below(qa_project: Path) -> None:
    result = run(qa_project, "--fail-under", "50")
    assert result.exit_code == 1
    assert "locales/ru/LC_MESSAGES/visita.po: 28.7% reviewed" in result.stderr
    assert "locales/en" not in result.stderr


def test_fail_under_passes_when_every_catalog_is_above(qa_project: Path) -> None:
    assert run(qa_project, "--fail-under", "25").exit_code == 0


def test_lang_limits_the_table(qa_project: Path) -> None:
    rows = json.loads(run(qa_project, "--json", "--lang", "ru").stdout)
    assert [row["language"] for row in rows] == ["ru"]


def test_a_catalog_in_an_unconfigured_language_is_named_in_a_warning(qa_project: Path) -> None:
    french = qa_project / "locales" / "fr" / "LC_MESSAGES"
    french.mkdir(parents=True)
    shutil.copy(qa_project / "locales" / "en" / "LC_MESSAGES" / "visita.po", french)
    result = run(qa_project)
    assert result.exit_code == 0
    assert "warning: locales/fr/LC_MESSAGES/visita.po: language 'fr' is not in" in result.stderr
    assert " fr " not in result.stdout


def test_an_unconfigured_language_asked_for_is_an_error(qa_project: Path) -> None:
    result = run(qa_project, "--lang", "fr")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: pyproject.toml: language(s) fr not in")


def test_a_catalog_with_a_syntax_error_is_named_with_its_line(qa_project: Path) -> None:
    catalog = qa_project / "locales" / "ru" / "LC_MESSAGES" / "visita.po"
    catalog.write_text(catalog.read_text("utf-8") + "\nthis is not PO syntax\n", "utf-8")
    result = run(qa_project)
    assert result.exit_code == 1
    line = len(catalog.read_text("utf-8").splitlines())
    assert result.stderr == (
        f"error: locales/ru/LC_MESSAGES/visita.po:{line}: syntax error in PO file: keyword "
        '"this" unknown; fix it (e.g. with `msgfmt --check locales/ru/LC_MESSAGES/visita.po`) '
        "or restore it from version control\n"
    )


def test_a_missing_catalog_counts_from_the_template(qa_project: Path) -> None:
    (qa_project / "locales" / "ru" / "LC_MESSAGES" / "visita.po").unlink()
    (ru,) = json.loads(run(qa_project, "--json", "--lang", "ru").stdout)
    assert ru["catalog"] == "locales/visita.pot"
    assert ru["untranslated"]["entries"] == ru["total"]["entries"] == 6


def test_status_without_catalogs_says_what_to_run(tmp_path: Path) -> None:
    result = run(tmp_path)
    assert result.exit_code == 1
    assert "no catalogs; run `pipeline extract` first" in result.stderr
