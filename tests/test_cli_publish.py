"""`pipeline publish` on small projects: what it prints, and its exit code."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from publish_project import write_document, write_source

from pipeline.cli import main


def invoke(project: Path, *args: str):
    return CliRunner().invoke(main, ["--project", str(project), "publish", *args])


def test_publish_prints_each_file_it_wrote(tmp_path: Path) -> None:
    write_document(tmp_path, "prueba")
    result = invoke(tmp_path)
    assert result.exit_code == 0, result.output
    assert "written   output/prueba/es-ru.md" in result.output.splitlines()
    assert "written   output/index.html" in result.output.splitlines()
    again = invoke(tmp_path)
    assert "unchanged output/index.html" in again.output.splitlines()


def test_min_reviewed_says_which_language_it_left_out(tmp_path: Path) -> None:
    write_document(tmp_path, "prueba")
    result = invoke(tmp_path, "--min-reviewed", "30")
    assert result.exit_code == 0, result.output
    assert (
        "skipped   prueba: ru left out: 0% of the source words reviewed, below --min-reviewed 30%"
        in result.output.splitlines()
    )


def test_min_reviewed_must_be_a_percentage(tmp_path: Path) -> None:
    write_document(tmp_path, "prueba")
    assert invoke(tmp_path, "--min-reviewed", "120").exit_code == 2


def test_reviewed_only_withholds_drafts(tmp_path: Path) -> None:
    write_document(tmp_path, "prueba")
    assert invoke(tmp_path, "--reviewed-only").exit_code == 0
    html = (tmp_path / "output" / "prueba" / "es-ru.html").read_text(encoding="utf-8")
    assert "перевод ждёт проверки" in html and "Тестовый заголовок" not in html


def test_a_document_without_catalogs_fails_at_the_end_after_the_others(tmp_path: Path) -> None:
    write_source(tmp_path, "aaa-sin-catalogos")
    write_document(tmp_path, "prueba")
    result = invoke(tmp_path)
    assert result.exit_code == 1
    assert (
        "error: locales/en/LC_MESSAGES/aaa-sin-catalogos.po: no en catalog for aaa-sin-catalogos; "
        "run `pipeline extract` (then `pipeline translate`) to create it"
    ) in result.output
    assert (tmp_path / "output" / "prueba" / "index.html").exists()


def test_publish_does_not_load_the_translation_engine(tmp_path: Path) -> None:
    write_document(tmp_path, "prueba")
    script = (
        "import sys\n"
        "from pipeline.cli import main\n"
        "try:\n"
        f"    main(['--project', {str(tmp_path)!r}, 'publish'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = {'argostranslate', 'ctranslate2', 'torch'} & set(sys.modules)\n"
        "print(sorted(heavy))\n"
    )
    root = Path(__file__).resolve().parent.parent
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True
    )
    assert run.stdout.strip().splitlines()[-1] == "[]"


def test_a_full_disk_part_way_through_leaves_every_page_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_document(tmp_path, "prueba")
    assert invoke(tmp_path).exit_code == 0
    write_document(tmp_path, "otra")  # a second document: every page and the index change
    before = {path: path.read_bytes() for path in (tmp_path / "output").rglob("*")
              if path.is_file()}  # fmt: skip
    staged = []
    real_fsync = os.fsync

    def disk_fills_at_the_fourth_page(fd: int) -> None:
        staged.append(fd)
        if len(staged) == 4:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", disk_fills_at_the_fourth_page)
    result = invoke(tmp_path)

    assert result.exit_code == 1
    assert "error: output/" in result.output  # the page being written when the disk filled
    assert "No space left on device; free some disk space and run again" in result.output
    after = {path: path.read_bytes() for path in (tmp_path / "output").rglob("*")
             if path.is_file()}  # fmt: skip
    assert after == before  # no page of the new run, no temporary file, the old pages whole


def test_a_removed_source_has_its_pages_removed_and_named(tmp_path: Path) -> None:
    write_document(tmp_path, "prueba")
    write_document(tmp_path, "otra")
    assert invoke(tmp_path).exit_code == 0
    (tmp_path / "seeds" / "otra.txt").unlink()
    result = invoke(tmp_path)
    assert result.exit_code == 0, result.output
    removed = sorted(line for line in result.output.splitlines() if line.startswith("removed"))
    assert removed == [
        f"removed   output/otra/{name}"
        for name in sorted(
            [f"{page}.{ext}" for page in ("index", "es-en", "es-ru") for ext in ("html", "md")]
            + ["en.html", "ru.html"]  # the languages' edition pages (held back: incomplete)
        )
    ]
    assert not (tmp_path / "output" / "otra").exists()
    assert (tmp_path / "output" / "prueba" / "index.html").exists()
    assert "otra/" not in (tmp_path / "output" / "index.html").read_text(encoding="utf-8")


def test_a_removed_markdown_sources_editions_in_its_own_format_are_removed_too(
    tmp_path: Path, install_argos
) -> None:
    install_argos("copy-es-en", "copy-en-ru")
    write_document(tmp_path, "prueba")
    (tmp_path / "seeds" / "nota.md").write_text("# Titular\n\nUn *texto*.\n", encoding="utf-8")
    translated = CliRunner().invoke(main, ["--project", str(tmp_path), "translate", "nota"])
    assert translated.exit_code == 0, translated.output
    assert invoke(tmp_path).exit_code == 0
    assert (tmp_path / "output" / "nota" / "ru.md").is_file()
    (tmp_path / "seeds" / "nota.md").unlink()
    result = invoke(tmp_path)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert {"removed   output/nota/en.md", "removed   output/nota/ru.md"} <= set(lines)
    assert not (tmp_path / "output" / "nota").exists()


def test_removing_a_sources_pages_keeps_files_someone_else_put_there(tmp_path: Path) -> None:
    write_document(tmp_path, "otra")
    write_document(tmp_path, "prueba")
    assert invoke(tmp_path).exit_code == 0
    folder = tmp_path / "output" / "otra"
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    (folder / "es-de.html").write_text("mine too", encoding="utf-8")
    unrelated = tmp_path / "output" / "assets"
    unrelated.mkdir()
    (unrelated / "logo.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "seeds" / "otra.txt").unlink()
    result = invoke(tmp_path)
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in folder.iterdir()) == ["es-de.html", "notes.txt"]
    assert (unrelated / "logo.svg").exists()
    assert "removed   output/otra/index.html" in result.output.splitlines()


def test_publishing_named_documents_removes_no_page_of_a_removed_source(tmp_path: Path) -> None:
    write_document(tmp_path, "prueba")
    write_document(tmp_path, "otra")
    assert invoke(tmp_path).exit_code == 0
    (tmp_path / "seeds" / "otra.txt").unlink()
    result = invoke(tmp_path, "prueba")
    assert result.exit_code == 0, result.output
    assert "removed" not in result.output
    assert (tmp_path / "output" / "otra" / "index.html").exists()
