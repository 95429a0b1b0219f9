"""``publish --check`` (or ``publish_check = true``) refuses drafts that ``check`` fails."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result
from publish_project import write_catalog, write_source

from pipeline.cli import main

SOURCE = "Titular de la nota\n\nSe vendieron 1.500 coches en marzo.\n\nEl mercado sigue estable.\n"
SOLD = "Se vendieron 1.500 coches en marzo."


def project(tmp_path: Path, sold_reviewed: bool = False, settings: str = "") -> Path:
    """One document, English only: the sales paragraph's translation changes the number."""
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.pipeline]\ntarget_languages = ["en"]\n{settings}', encoding="utf-8"
    )
    write_source(tmp_path, "nota", SOURCE)
    write_catalog(
        tmp_path,
        "nota",
        "en",
        {
            "Titular de la nota": ("Headline of the story", False),
            SOLD: ("2,700 cars were sold in March.", not sold_reviewed),
            "El mercado sigue estable.": ("The market remains stable.", True),
        },
    )
    return tmp_path


def publish(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--project", str(root), "publish", *args])


def test_check_refuses_a_draft_with_an_error_naming_document_and_entry(tmp_path: Path) -> None:
    result = publish(project(tmp_path), "--check")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1
    assert errors[0].startswith("error: nota: locales/en/LC_MESSAGES/nota.po:")
    assert ": error: numbers: " in errors[0] and f"(draft of “{SOLD}”)" in errors[0]
    assert "publish refused: nothing written" in result.stderr
    assert not (tmp_path / "output").exists()


def test_without_check_the_same_drafts_are_published(tmp_path: Path) -> None:
    result = publish(project(tmp_path))
    assert result.exit_code == 0, result.output
    assert "2,700 cars" in (tmp_path / "output" / "nota" / "index.html").read_text("utf-8")


def test_a_reviewed_translation_and_reviewed_only_pages_pass_the_check(tmp_path: Path) -> None:
    assert publish(project(tmp_path, sold_reviewed=True), "--check").exit_code == 0
    drafted = project(tmp_path / "drafted")
    result = publish(drafted, "--check", "--reviewed-only")
    assert result.exit_code == 0, result.output


def test_the_publish_check_setting_refuses_and_no_check_overrides_it(tmp_path: Path) -> None:
    root = project(tmp_path, settings="publish_check = true\n")
    assert publish(root).exit_code == 1
    assert publish(root, "--no-check").exit_code == 0


def test_a_publish_check_setting_that_is_not_a_boolean_is_named(tmp_path: Path) -> None:
    result = publish(project(tmp_path, settings='publish_check = "yes"\n'))
    assert result.exit_code == 1
    assert "publish_check must be true or false" in result.output
