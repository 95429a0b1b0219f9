"""Helpers for the XLIFF tests: a project whose catalogs have translations, exported as XLIFF."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from pipeline.cli import main
from pipeline.gettext import read_po, write_po


def invoke(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--project", str(root), *args], catch_exceptions=False)


def catalog(root: Path, doc: str) -> Path:
    return root / "locales" / "en" / "LC_MESSAGES" / f"{doc}.po"


def exported_project(
    root: Path, seeds: dict[str, str], translations: dict[str, tuple[str, bool]]
) -> Path:
    """``root`` with the ``seeds`` (file name → text) extracted, the English entries given
    ``translations`` (msgid → (translation, reviewed?)), and every catalog exported as XLIFF."""
    (root / "seeds").mkdir(parents=True)
    for name, text in seeds.items():
        (root / "seeds" / name).write_text(text, encoding="utf-8")
    assert invoke(root, "extract").exit_code == 0
    for name in seeds:
        path = catalog(root, Path(name).stem)
        po = read_po(path)
        for entry in po:
            if entry.msgid in translations:
                entry.msgstr, reviewed = translations[entry.msgid]
                if not reviewed:
                    entry.flags.append("fuzzy")
        write_po(po, path)
    assert invoke(root, "xliff", "export", "--lang", "en").exit_code == 0
    return root
