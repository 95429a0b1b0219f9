"""`compile`, `tm export/import` and `xliff export/import` through the real CLI on real files."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pipeline.cli import main
from pipeline.gettext import read_po, write_po
from pipeline.xliff import NS

ARTICLE = (
    "El tiempo de la semana\n\n"
    "Mañana lloverá en el norte del país.\n\n"
    "El domingo saldrá el sol en todas partes.\n\n"
    "Foto: archivo\n"
)


def invoke(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--project", str(root), *args], catch_exceptions=False)


@pytest.fixture
def extracted(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "tiempo.txt").write_text(ARTICLE, encoding="utf-8")
    assert invoke(root, "extract").exit_code == 0
    return root


def catalog(root: Path, lang: str = "en") -> Path:
    return root / "locales" / lang / "LC_MESSAGES" / "tiempo.po"


def set_translations(path: Path, translations: dict[str, tuple[str, bool]]) -> None:
    """msgid → (translation, reviewed?); written as the pipeline writes catalogs."""
    po = read_po(path)
    for entry in po:
        if entry.msgid in translations:
            text, reviewed = translations[entry.msgid]
            entry.msgstr = text
            if not reviewed:
                entry.flags.append("fuzzy")
    write_po(po, path)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext not installed")
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_compile_writes_the_mo_file_msgfmt_writes(extracted: Path, lang: str) -> None:
    set_translations(catalog(extracted, lang), {
        "El tiempo de la semana": ("Weather this week" if lang == "en" else "Погода", True),
        "Foto: archivo": ("Photo: file" if lang == "en" else "Фото: архив", True),
        "Mañana lloverá en el norte del país.": ("Rain tomorrow.", False),  # a draft: left out
    })  # fmt: skip
    result = invoke(extracted, "compile", "--lang", lang)
    assert result.exit_code == 0, result.output
    assert f"written   locales/{lang}/LC_MESSAGES/tiempo.mo" in result.output
    expected = subprocess.run(
        ["msgfmt", "-o", "-", str(catalog(extracted, lang))], capture_output=True, check=True
    ).stdout
    assert catalog(extracted, lang).with_suffix(".mo").read_bytes() == expected
    assert "unchanged" in invoke(extracted, "compile", "--lang", lang).output


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext not installed")
def test_compile_of_a_catalog_with_nothing_reviewed_is_msgfmts_header_only_file(
    extracted: Path,
) -> None:
    assert invoke(extracted, "compile", "--lang", "en").exit_code == 0
    expected = subprocess.run(
        ["msgfmt", "-o", "-", str(catalog(extracted))], capture_output=True, check=True
    ).stdout
    assert catalog(extracted).with_suffix(".mo").read_bytes() == expected


def xliff_targets(path: Path, targets: dict[str, tuple[str, str]]) -> None:
    """Play a CAT tool: give units (by source) a target and a state."""
    from lxml import etree

    tree = etree.parse(str(path))
    for segment in tree.iter(f"{{{NS}}}segment"):
        source = segment.find(f"{{{NS}}}source").text
        if source in targets:
            text, state = targets[source]
            target = segment.find(f"{{{NS}}}target")
            if target is None:
                target = etree.SubElement(segment, f"{{{NS}}}target")
            target.text = text
            segment.set("state", state)
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def test_xliff_round_trip_brings_reviewed_and_draft_translations_and_keeps_a_reviewed_one(
    extracted: Path,
) -> None:
    set_translations(catalog(extracted), {"Foto: archivo": ("Photo: archive", True)})
    assert invoke(extracted, "xliff", "export", "--lang", "en").exit_code == 0
    exported = extracted / "xliff" / "tiempo.en.xlf"
    xliff_targets(exported, {
        "El tiempo de la semana": ("The week's weather", "final"),
        "Mañana lloverá en el norte del país.": ("It will rain in the north tomorrow.",
                                                 "translated"),
        "Foto: archivo": ("Picture: archive", "final"),  # differs from the reviewed one
    })  # fmt: skip

    result = CliRunner().invoke(main, ["--project", str(extracted), "xliff", "import",
                                       str(exported)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "locales/en/LC_MESSAGES/tiempo.po: 1 reviewed, 1 drafts" in result.output
    assert "--overwrite-reviewed" in result.output  # the kept reviewed translation is reported
    po = {entry.msgid: entry for entry in read_po(catalog(extracted))}
    assert po["El tiempo de la semana"].msgstr == "The week's weather"
    assert not po["El tiempo de la semana"].fuzzy
    assert po["Mañana lloverá en el norte del país."].fuzzy
    assert po["Foto: archivo"].msgstr == "Photo: archive"

    result = invoke(extracted, "xliff", "import", "--overwrite-reviewed", str(exported))
    assert result.exit_code == 0
    assert read_po(catalog(extracted)).find("Foto: archivo").msgstr == "Picture: archive"


def test_an_xliff_file_the_schema_rejects_is_named_and_changes_nothing(extracted: Path) -> None:
    bad = extracted / "bad.xlf"
    bad.write_text(f'<xliff xmlns="{NS}" version="2.1"><file id="f1"/></xliff>\n', "utf-8")
    before = catalog(extracted).read_bytes()
    result = CliRunner().invoke(main, ["--project", str(extracted), "xliff", "import", str(bad)])
    assert result.exit_code == 1
    assert "bad.xlf" in result.output and "Traceback" not in result.output
    assert catalog(extracted).read_bytes() == before


def test_tmx_exported_from_one_project_fills_exact_matches_in_another_as_drafts(
    extracted: Path, tmp_path: Path, install_argos
) -> None:
    set_translations(catalog(extracted), {
        "El tiempo de la semana": ("The week's weather", True),
        "Foto: archivo": ("Photo: archive", True),
    })  # fmt: skip
    memory = tmp_path / "weather.tmx"
    result = invoke(extracted, "tm", "export", str(memory))
    assert result.exit_code == 0 and "exported 2 units" in result.output

    other = tmp_path / "other"
    (other / "seeds").mkdir(parents=True)
    (other / "seeds" / "otra.txt").write_text("El tiempo de la semana\n\nFoto: archivo\n", "utf-8")
    result = invoke(other, "tm", "import", str(memory))
    assert result.exit_code == 0, result.output
    assert "stored tm/weather.tmx: en 2, ru 0 units" in result.output
    install_argos("copy-es-en", "copy-en-ru")
    result = invoke(other, "translate", "--lang", "en")
    assert result.exit_code == 0, result.output
    po = read_po(other / "locales" / "en" / "LC_MESSAGES" / "otra.po")
    headline = po.find("El tiempo de la semana")
    assert headline.msgstr == "The week's weather" and headline.fuzzy
    assert "tm:" in headline.tcomment


def test_export_and_import_by_format_do_what_xliff_and_tm_do(extracted: Path, tmp_path) -> None:
    set_translations(catalog(extracted), {"Foto: archivo": ("Photo: archive", True)})
    result = invoke(extracted, "export", "--format", "xliff", "--lang", "en")
    assert result.exit_code == 0 and "xliff/tiempo.en.xlf" in result.output
    exported = extracted / "xliff" / "tiempo.en.xlf"
    xliff_targets(exported, {"El tiempo de la semana": ("The week's weather", "final")})
    memory = tmp_path / "weather.tmx"
    assert invoke(extracted, "tm", "export", str(memory)).exit_code == 0

    result = invoke(extracted, "import", str(exported), str(memory))
    assert result.exit_code == 0, result.output
    assert "locales/en/LC_MESSAGES/tiempo.po: 1 reviewed" in result.output
    assert "stored tm/weather.tmx" in result.output
    assert read_po(catalog(extracted)).find("El tiempo de la semana").msgstr == "The week's weather"


def test_import_of_a_file_it_cannot_read_names_it_and_changes_nothing(extracted: Path) -> None:
    other = extracted / "notes.csv"
    other.write_text("a,b\n", "utf-8")
    before = catalog(extracted).read_bytes()
    result = CliRunner().invoke(main, ["--project", str(extracted), "import", str(other)])
    assert result.exit_code == 1
    assert "notes.csv: import reads XLIFF (.xlf, .xliff) and TMX (.tmx) files" in result.output
    assert catalog(extracted).read_bytes() == before
