"""`pipeline extract` through the real command line, on real files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from pipeline.cli import main

DOC = "rusia-kazajistan-alianza"


def run(project: Path, *args: str):
    return CliRunner().invoke(main, ["--project", str(project), *args])


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_extract_writes_template_and_both_catalogs_of_the_seed(project: Path) -> None:
    result = run(project, "extract")
    assert result.exit_code == 0, result.output
    assert f"created   locales/{DOC}.pot (13 entries)" in result.output
    for lang in ("en", "ru"):
        path = project / "locales" / lang / "LC_MESSAGES" / f"{DOC}.po"
        assert f"created   locales/{lang}/LC_MESSAGES/{DOC}.po (13 entries)" in result.output
        catalog = polib.pofile(str(path))
        assert len(catalog) == 13
        assert catalog.metadata["Language"] == lang
        assert catalog[0].occurrences == [(f"seeds/{DOC}.txt", "1")]
        assert catalog[0].comment == "type: title"


def test_second_run_changes_no_byte(project: Path) -> None:
    run(project, "extract")
    before = snapshot(project)
    result = run(project, "extract")
    assert result.exit_code == 0
    assert result.output.count("unchanged") == 3
    assert snapshot(project) == before


@pytest.mark.skipif(not shutil.which("msgcat"), reason="GNU gettext is not installed")
def test_catalogs_are_formatted_exactly_as_gettext_formats_them(project: Path) -> None:
    run(project, "extract")
    for path in sorted((project / "locales").rglob("*.po*")):
        printed = subprocess.run(["msgcat", str(path)], capture_output=True, check=True).stdout
        assert printed == path.read_bytes(), path
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True)


def test_edited_source_updates_the_catalog_and_keeps_the_template_date_otherwise(
    project: Path,
) -> None:
    run(project, "extract")
    pot = project / "locales" / f"{DOC}.pot"
    dated = pot.read_bytes()
    seed = project / "seeds" / f"{DOC}.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\n\nUn párrafo añadido.\n", "utf-8")
    result = run(project, "extract")
    assert "updated   locales/en/LC_MESSAGES" in result.output
    assert pot.read_bytes() != dated
    assert len(polib.pofile(str(project / "locales" / "en" / "LC_MESSAGES" / f"{DOC}.po"))) == 14


def test_unreadable_catalog_is_named_and_other_documents_still_extract(project: Path) -> None:
    (project / "seeds" / "otra.txt").write_text("Otra nota\n\nCuerpo de la nota.\n", "utf-8")
    broken = project / "locales" / "en" / "LC_MESSAGES" / f"{DOC}.po"
    broken.parent.mkdir(parents=True)
    broken.write_text('msgid "a"\nmsgstr "b"\nthis line is not PO\n', encoding="utf-8")
    result = run(project, "extract")
    assert result.exit_code == 1
    assert f"error: locales/en/LC_MESSAGES/{DOC}.po:3: syntax error" in result.stderr
    assert "Traceback" not in result.output
    assert (project / "locales" / "en" / "LC_MESSAGES" / "otra.po").exists()
    assert broken.read_text(encoding="utf-8") == 'msgid "a"\nmsgstr "b"\nthis line is not PO\n'


def test_bad_sources_get_one_line_errors(project: Path) -> None:
    (project / "seeds" / "latin1.txt").write_bytes("Año nuevo".encode("latin-1"))
    (project / "seeds" / "vacia.txt").write_text("\n\n", encoding="utf-8")
    (project / "seeds" / "carpeta.txt").mkdir()
    result = run(project, "extract")
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert "error: seeds/latin1.txt: not UTF-8 (byte 0xf1 at offset 1)" in errors[1]
    assert "error: seeds/vacia.txt: the document is empty" in errors[2]
    assert "error: seeds/carpeta.txt: not a regular file" in errors[0]
    assert (project / "locales" / f"{DOC}.pot").exists()
    assert not (project / "locales" / "latin1.pot").exists()


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from pipeline.cli import main\n"
        "result = CliRunner().invoke(main, ['--help'])\n"
        "assert result.exit_code == 0, result.output\n"
        "heavy = {'argostranslate', 'ctranslate2', 'torch', 'stanza', 'sentencepiece'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
