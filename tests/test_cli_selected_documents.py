"""`pipeline status`, `check` and `publish` with document names, as `extract` takes them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from publish_project import write_document

from pipeline.cli import main


def invoke(project: Path, *args: str):
    return CliRunner().invoke(main, ["--project", str(project), *args])


def two_documents(root: Path) -> Path:
    write_document(root, "alfa")
    write_document(root, "beta")
    return root


def test_status_reports_only_the_documents_named(tmp_path: Path) -> None:
    result = invoke(two_documents(tmp_path), "status", "--json", "beta")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {row["document"] for row in rows} == {"beta"}
    assert {row["language"] for row in rows} == {"en", "ru"}


def test_check_reports_only_the_documents_named(tmp_path: Path) -> None:
    project = two_documents(tmp_path)
    everything = json.loads(invoke(project, "check", "--json").stdout)
    assert {finding["file"].split("/")[-1] for finding in everything} == {"alfa.po", "beta.po"}
    result = invoke(project, "check", "--json", "alfa")
    files = {finding["file"].split("/")[-1] for finding in json.loads(result.stdout)}
    assert files == {"alfa.po"}


def test_an_unknown_document_is_the_same_error_as_for_extract(tmp_path: Path) -> None:
    project = two_documents(tmp_path)
    expected = "error: no source document named gamma in seeds (documents: alfa, beta)\n"
    for command in ("extract", "status", "check", "publish"):
        result = invoke(project, command, "gamma")
        assert result.exit_code == 1, command
        assert result.stderr == expected, command


def test_a_named_document_without_catalogs_says_to_extract_it(tmp_path: Path) -> None:
    project = two_documents(tmp_path)
    (project / "seeds" / "gamma.txt").write_text("Titular nuevo\n", encoding="utf-8")
    result = invoke(project, "status", "gamma")
    assert result.exit_code == 1
    assert (
        result.stderr
        == "error: locales: no catalogs for gamma; run `pipeline extract gamma` first\n"
    )


def test_publish_writes_only_the_named_documents_pages_and_the_whole_index(tmp_path: Path) -> None:
    project = two_documents(tmp_path)
    result = invoke(project, "publish", "beta")
    assert result.exit_code == 0, result.output
    written = {line.split()[-1] for line in result.output.splitlines()}
    assert "output/beta/es-en.html" in written and "output/index.html" in written
    assert not (project / "output" / "alfa").exists()
    index = (project / "output" / "index.html").read_text(encoding="utf-8")
    assert 'href="alfa/index.html"' in index and 'href="beta/index.html"' in index


def test_publishing_one_document_leaves_the_others_pages_and_notes_alone(tmp_path: Path) -> None:
    project = two_documents(tmp_path)
    assert invoke(project, "publish").exit_code == 0
    alfa = project / "output" / "alfa" / "es-ru.html"
    before = alfa.read_bytes()
    result = invoke(project, "publish", "--min-reviewed", "30", "beta")
    assert result.exit_code == 0, result.output
    assert alfa.read_bytes() == before
    assert "skipped   beta: ru left out" in result.output
    assert "alfa" not in result.output
    assert "пока недоступен" in (project / "output" / "beta" / "es-ru.html").read_text("utf-8")
