"""Our XLIFF 2.1 and PO catalogs through Translate Toolkit, the library Weblate and Pootle use."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from xliff_project import catalog, exported_project, invoke

from pipeline.cli import main
from pipeline.gettext import read_po
from pipeline.xliff import NS

xliff2 = pytest.importorskip("translate.storage.xliff2")
placeables = pytest.importorskip("translate.storage.placeables")

PLAIN = "El tiempo\n\nMañana lloverá en el norte.\n\nEl domingo saldrá el sol.\n"
MARKDOWN = (
    "La [foto](https://x.es) es de *ayer*, dice `aemet`.\n\nFin del texto.\n\nUn **aviso** final.\n"
)
TRANSLATIONS = {  # msgid → (translation, reviewed?)
    "El tiempo": ("The weather", True),
    "Mañana lloverá en el norte.": ("It will rain in the north tomorrow.", False),
    "La [foto](https://x.es) es de *ayer*, dice `aemet`.": (
        "The [photo](https://x.es) is from *yesterday*, says `aemet`.",
        False,
    ),
}
STATES = {"final": (True, True), "translated": (True, False), "initial": (False, False)}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A plain-text and a Markdown document with reviewed and draft translations, exported."""
    seeds = {"tiempo.txt": PLAIN, "foto.md": MARKDOWN}
    return exported_project(tmp_path / "project", seeds, TRANSLATIONS)


def exported(root: Path, doc: str) -> Path:
    return root / "xliff" / f"{doc}.en.xlf"


def tt_store(path: Path):
    return xliff2.Xliff2File.parsefile(str(path))


def tt_unit(store, source: str):
    return next(unit for unit in store.units if unit.source == source)


@pytest.mark.parametrize("doc", ["tiempo", "foto"])
def test_translate_toolkit_reads_our_export_with_its_sources_targets_states_and_codes(
    project: Path, doc: str
) -> None:
    ours = etree.parse(str(exported(project, doc)))
    store = tt_store(exported(project, doc))
    assert (store.sourcelanguage, store.targetlanguage) == ("es", "en")
    units = list(ours.iter(f"{{{NS}}}unit"))
    assert [unit.getid() for unit in store.units] == [unit.get("id") for unit in units]
    for unit, read in zip(units, store.units, strict=True):
        segment = unit.find(f"{{{NS}}}segment")
        source, target = segment.find(f"{{{NS}}}source"), segment.find(f"{{{NS}}}target")
        # Translate Toolkit's plain text of a unit is its text with the codes left out.
        assert read.source == "".join(source.itertext())
        assert read.target == ("".join(target.itertext()) if target is not None else None)
        assert (read.istranslated(), read.isapproved()) == STATES[segment.get("state")]
        codes = [code.get("id") for code in source.iter(f"{{{NS}}}pc", f"{{{NS}}}ph")]
        held = [elem.id for elem in read.rich_source[0].sub if getattr(elem, "id", None)]
        assert held == codes


def test_targets_translate_toolkit_writes_and_saves_are_imported_with_their_markup(
    project: Path,
) -> None:
    store = tt_store(exported(project, "foto"))
    coded = tt_unit(store, "La foto es de ayer, dice .")
    rich = copy.deepcopy(coded.rich_source)  # a CAT tool's "copy the source, then translate"
    text, link, _, emphasis, said, code, end = rich[0].sub
    text.sub, link.sub, emphasis.sub, said.sub = ["This "], ["photo"], ["yesterday"], [" is "]
    rich[0].sub = [text, link, said, emphasis, placeables.StringElem(", says "), code, end]
    coded.rich_target = rich
    coded.markapproved()
    plain = tt_unit(store, "Fin del texto.")
    plain.target = "End of the text."
    plain.marktranslated()
    path = exported(project, "foto")
    path.write_bytes(bytes(store))

    result = invoke(project, "xliff", "import", str(path))
    assert result.exit_code == 0, result.output
    assert "1 reviewed, 1 drafts" in result.output and "warning" not in result.output
    po = read_po(catalog(project, "foto"))
    entry = po.find("La [foto](https://x.es) es de *ayer*, dice `aemet`.")
    assert entry.msgstr == "This [photo](https://x.es) is *yesterday*, says `aemet`."
    assert "fuzzy" not in entry.flags
    assert po.find("Fin del texto.").msgstr == "End of the text."
    assert "fuzzy" in po.find("Fin del texto.").flags


def test_a_target_set_through_translate_toolkit_as_plain_text_loses_its_codes_and_is_refused(
    project: Path,
) -> None:
    store = tt_store(exported(project, "foto"))
    coded = tt_unit(store, "Un aviso final.")  # untranslated: TT writes a target of text only
    coded.target = "A final warning."
    coded.markapproved()
    path = exported(project, "foto")
    path.write_bytes(bytes(store))
    before = catalog(project, "foto").read_bytes()
    result = CliRunner().invoke(main, ["--project", str(project), "xliff", "import", str(path)])
    assert result.exit_code == 0
    assert "not imported: inline code 1 (**) of the source is missing from the target" in (
        result.output
    )
    assert catalog(project, "foto").read_bytes() == before


def _tool(name: str) -> str:
    tool = Path(sys.executable).with_name(name)
    if not tool.exists():
        pytest.skip(f"Translate Toolkit's {name} is not installed next to {sys.executable}")
    return str(tool)


def test_po2xliff_and_xliff2po_keep_our_catalogs_entries_and_the_xliff_1_file_is_refused(
    project: Path, tmp_path: Path
) -> None:
    po_path, xlf, back = catalog(project, "foto"), tmp_path / "foto.xlf", tmp_path / "back.po"
    subprocess.run([_tool("po2xliff"), str(po_path), str(xlf)], check=True, capture_output=True)
    subprocess.run([_tool("xliff2po"), str(xlf), str(back)], check=True, capture_output=True)
    ours, theirs = read_po(po_path), read_po(back)

    def entries(po) -> list[tuple[str, str, bool]]:
        return [(e.msgid, e.msgstr, "fuzzy" in e.flags) for e in po if not e.obsolete]

    assert entries(theirs) == entries(ours)
    result = CliRunner().invoke(main, ["--project", str(project), "xliff", "import", str(xlf)])
    assert result.exit_code != 0
    assert f"{xlf}:2: not an XLIFF 2 file" in result.output
