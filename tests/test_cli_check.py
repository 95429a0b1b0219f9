"""`pipeline check` through click on a copy of the qa fixture project."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from pipeline.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "qa"
REPO = Path(__file__).resolve().parent.parent


def run(project: Path, *args: str):
    return CliRunner().invoke(main, ["--project", str(project), "check", *args])


def test_check_json_matches_the_golden_file(qa_project: Path) -> None:
    result = run(qa_project, "--json")
    assert result.exit_code == 1  # the fixture has errors
    assert json.loads(result.stdout) == json.loads((FIXTURES / "check.json").read_text("utf-8"))


def test_check_prints_file_line_severity_check_message(qa_project: Path) -> None:
    result = run(qa_project)
    assert result.stdout == (FIXTURES / "check.txt").read_text("utf-8")
    assert result.stderr == "3 error(s), 2 warning(s) in 2 catalog(s)\n"


def test_the_line_is_where_the_entry_starts_in_the_catalog(qa_project: Path) -> None:
    (first, *_) = json.loads(run(qa_project, "--json").stdout)
    lines = (qa_project / first["file"]).read_text("utf-8").splitlines()
    assert lines[first["line"] - 1] == "#. paragraph"
    assert lines[first["line"] + 1].startswith('msgid "Kasim-Yomart Tokáev estuvo')


def test_warnings_alone_exit_0_unless_strict(qa_project: Path) -> None:
    result = run(qa_project, "--lang", "en", "--json")
    en_errors = [f for f in json.loads(result.stdout) if f["severity"] == "error"]
    assert len(en_errors) == 1
    catalog = qa_project / "locales" / "en" / "LC_MESSAGES" / "visita.po"
    catalog.write_text(
        catalog.read_text("utf-8").replace("11 and 21 November", "11 and 12 November"), "utf-8"
    )
    assert run(qa_project, "--lang", "en").exit_code == 0
    assert run(qa_project, "--lang", "en", "--strict").exit_code == 1


def test_check_ignore_in_a_translator_comment_silences_a_finding(qa_project: Path) -> None:
    catalog = qa_project / "locales" / "en" / "LC_MESSAGES" / "visita.po"
    text = catalog.read_text("utf-8")
    assert "check-ignore: acronyms" in text
    catalog.write_text(text.replace("# check-ignore: acronyms\n", ""), "utf-8")
    checks = [f["check"] for f in json.loads(run(qa_project, "--json", "--lang", "en").stdout)]
    assert "acronyms" in checks


def test_a_catalog_with_a_syntax_error_is_named_with_its_line(qa_project: Path) -> None:
    catalog = qa_project / "locales" / "en" / "LC_MESSAGES" / "visita.po"
    catalog.write_text("this is not PO syntax\n" + catalog.read_text("utf-8"), "utf-8")
    result = run(qa_project)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: locales/en/LC_MESSAGES/visita.po:1: syntax error")


def test_a_catalog_in_an_unconfigured_language_is_named_in_a_warning(qa_project: Path) -> None:
    (qa_project / "pyproject.toml").write_text('[tool.pipeline]\ntarget_languages = ["en"]\n')
    result = run(qa_project, "--json")
    assert "warning: locales/ru/LC_MESSAGES/visita.po: language 'ru' is not in" in result.stderr
    assert {f["file"] for f in json.loads(result.stdout)} == {"locales/en/LC_MESSAGES/visita.po"}


def test_check_and_status_do_not_import_the_translation_engine(qa_project: Path) -> None:
    code = (
        "import sys; from click.testing import CliRunner; from pipeline.cli import main; "
        f"codes = [CliRunner().invoke(main, ['--project', {str(qa_project)!r}, command]).exit_code"
        " for command in ('check', 'status')]; "
        "heavy = ('argostranslate', 'ctranslate2', 'torch'); "
        "print(codes, sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[1, 0] []"
