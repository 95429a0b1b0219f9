"""`pipeline models list|install|import|remove`, run through click in a temporary project."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pipeline.cli import main


def run(project: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--project", str(project), "models", *args])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "pyproject.toml").write_text(
        '[tool.pipeline]\nsource_language = "es"\ntarget_languages = ["en", "ru"]\n'
    )
    return folder


def test_each_command_has_one_line_of_help() -> None:
    result = CliRunner().invoke(main, ["models", "--help"])

    commands = result.output.split("Commands:")[1].splitlines()[1:]
    assert result.exit_code == 0
    assert [line.split()[0] for line in commands] == ["import", "install", "list", "remove"]
    assert not any(line.endswith("...") for line in commands)  # no help line was cut short


def test_list_shows_what_the_index_offers_for_the_project(
    project: Path, argos_home: Path, fixture_index: Path
) -> None:
    result = run(project, "list", "--index", str(fixture_index))

    assert result.exit_code == 0, result.output
    assert f"Installed packages in {argos_home / 'packages'}:\n  none\n" in result.output
    assert "Needed for es → en, ru" in result.output
    assert "es→en: not installed; index has 1.9 (translate-es_en-1_9.argosmodel)" in result.output
    assert "en→ru: not installed; index has 1.9 (translate-en_ru-1_9.argosmodel)" in result.output


def test_list_offline_says_the_index_could_not_be_read(
    project: Path, argos_home: Path, unreachable_url: str
) -> None:
    result = run(project, "list", "--index", unreachable_url)

    assert result.exit_code == 0
    assert "Package index: could not be read: could not reach" in result.output
    assert "Traceback" not in result.output


def test_install_offline_fails_with_one_clear_line(
    project: Path, argos_home: Path, unreachable_url: str
) -> None:
    result = run(project, "install", "--index", unreachable_url)

    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("error: could not reach the Argos package index")
    assert "`pipeline models import FILE`" in result.stderr


def test_install_takes_the_index_from_the_environment(
    project: Path, argos_home: Path, make_package, serve_packages
) -> None:
    index_url = serve_packages(make_package("es", "en"), make_package("en", "ru"))

    result = CliRunner(env={"PIPELINE_PACKAGE_INDEX": index_url}).invoke(
        main, ["--project", str(project), "models", "install"]
    )

    assert result.exit_code == 0, result.output
    assert "es→en 1.9: installed in" in result.stdout
    assert "en→ru 1.9: installed in" in result.stdout
    # Not a terminal: one summary line per download instead of a progress bar.
    assert "es→en 1.9: downloaded" in result.stderr
    assert " at " in result.stderr


def test_install_given_pairs_installs_only_those(
    project: Path, argos_home: Path, make_package, serve_packages
) -> None:
    index_url = serve_packages(make_package("es", "en"), make_package("en", "ru"))

    result = run(project, "install", "--index", index_url, "en-ru")

    assert result.exit_code == 0, result.output
    assert [p.name for p in (argos_home / "packages").iterdir()] == ["translate-en_ru-1_9"]


def test_import_list_and_remove(project: Path, argos_home: Path, make_package) -> None:
    imported = run(project, "import", str(make_package("es", "en")))
    listed = run(project, "list", "--index", str(project / "no-index.json"))
    removed = run(project, "remove", "es-en")
    listed_after = run(project, "list", "--index", str(project / "no-index.json"))

    folder = argos_home / "packages" / "translate-es_en-1_9"
    assert imported.exit_code == 0 and f"es→en 1.9: installed in {folder}" in imported.output
    assert f"  es→en 1.9  {folder}" in listed.output
    assert "Package index: could not be read: cannot read the package index" in listed.output
    assert removed.exit_code == 0 and f"removed {folder}" in removed.output
    assert "  none" in listed_after.output


def test_import_of_a_bad_file_is_one_line_naming_it(
    project: Path, argos_home: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "page.argosmodel"
    bad.write_text("<html>404</html>")

    result = run(project, "import", str(bad))

    assert result.exit_code == 1
    assert result.stderr == f"error: {bad} is not an Argos package: it is not a zip archive\n"
