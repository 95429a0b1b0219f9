"""Inline markup of Markdown and HTML documents as XLIFF 2.1 inline codes, through the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from xliff_project import catalog, exported_project, invoke

from pipeline.cli import main
from pipeline.gettext import read_po
from pipeline.xliff import NS, SCHEMA

MARKDOWN = (
    "# El **tiempo** de hoy\n\n"
    'Mañana [lloverá](https://x.es/a "Aviso") en el *norte*, dice `aemet`.\n\n'
    "La [foto](https://x.es). Y ![un río](rio.png) al final.\n\n"
    "Texto llano.\n"
)
HTML = '<p>Un <a href="https://x.es">río</a> y <b>mucha</b> agua &amp; <code>x</code>.</p>\n'
DRAFTS = {
    "El **tiempo** de hoy": "Today's **weather**",
    'Mañana [lloverá](https://x.es/a "Aviso") en el *norte*, dice `aemet`.': (
        'Tomorrow it will [rain](https://x.es/a "Aviso") in the *north*, says `aemet`.'
    ),
    "La [foto](https://x.es). Y ![un río](rio.png) al final.": (
        "The [photo](https://x.es). And ![a river](rio.png) at the end."
    ),
    'Un <a href="https://x.es">río</a> y <b>mucha</b> agua &amp; <code>x</code>.': (
        'A <a href="https://x.es">river</a> and <b>a lot of</b> water &amp; <code>x</code>.'
    ),
}
TRANSLATIONS = {msgid: (text, False) for msgid, text in DRAFTS.items()}
X = f"{{{NS}}}"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Markdown and HTML documents with English drafts, exported as XLIFF."""
    seeds = {"nota.md": MARKDOWN, "pagina.html": HTML}
    return exported_project(tmp_path / "project", seeds, TRANSLATIONS)


def exported(root: Path, doc: str) -> etree._ElementTree:
    return etree.parse(str(root / "xliff" / f"{doc}.en.xlf"))


def unit_of(tree: etree._ElementTree, source_start: str) -> etree._Element:
    return next(
        unit
        for unit in tree.iter(f"{X}unit")
        if "".join(unit.find(f"{X}segment/{X}source").itertext()).startswith(source_start)
    )


def set_target(tree: etree._ElementTree, unit: etree._Element, xml: str, state: str) -> None:
    """Play a CAT tool: the unit's target content given as XLIFF, and its state."""
    segment = unit.find(f"{X}segment")
    segment.remove(segment.find(f"{X}target"))
    segment.append(etree.fromstring(f'<target xmlns="{NS}">{xml}</target>'))
    segment.set("state", state)


def pc(code: etree._Element, text: str) -> str:
    """A source's ``<pc>`` around other text, as a CAT tool copies it into a target."""
    refs = f'dataRefStart="{code.get("dataRefStart")}" dataRefEnd="{code.get("dataRefEnd")}"'
    return f'<pc id="{code.get("id")}" {refs}>{text}</pc>'


def sc(code: etree._Element) -> str:
    return f'<sc id="{code.get("id")}" dataRef="{code.get("dataRefStart")}"/>'


def ec(code: etree._Element) -> str:
    return f'<ec startRef="{code.get("id")}" dataRef="{code.get("dataRefEnd")}"/>'


def ph(code: etree._Element) -> str:
    return f'<ph id="{code.get("id")}" dataRef="{code.get("dataRef")}"/>'


def save(tree: etree._ElementTree, root: Path, doc: str) -> Path:
    path = root / "xliff" / f"{doc}.en.xlf"
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    return path


def translation(root: Path, doc: str, msgid: str) -> tuple[str, bool]:
    entry = read_po(catalog(root, doc)).find(msgid)
    return entry.msgstr, "fuzzy" not in entry.flags


def test_markdown_markup_is_paired_and_standalone_codes_with_its_original_data(
    project: Path,
) -> None:
    unit = unit_of(exported(project, "nota"), "Mañana")
    data = {d.get("id"): d.text for d in unit.iter(f"{X}data")}
    source = unit.find(f"{X}segment/{X}source")
    link, emphasis = source.findall(f"{X}pc")
    assert (link.text, data[link.get("dataRefStart")], data[link.get("dataRefEnd")]) == (
        "lloverá",
        "[",
        '](https://x.es/a "',
    )
    assert link.tail == "Aviso"  # the link's title is text to translate
    assert (emphasis.text, data[emphasis.get("dataRefStart")]) == ("norte", "*")
    assert [data[ph.get("dataRef")] for ph in source.iter(f"{X}ph")] == ['")', "`aemet`"]
    target = unit.find(f"{X}segment/{X}target")
    assert [pc.get("id") for pc in target.iter(f"{X}pc")] == [link.get("id"), emphasis.get("id")]


def test_a_link_before_a_period_ends_at_its_destination_not_at_a_period_in_it(
    project: Path,
) -> None:
    unit = unit_of(exported(project, "nota"), "La ")
    source = unit.find(f"{X}segment/{X}source")
    assert [pc.text for pc in source.iter(f"{X}pc")] == ["foto", "un río"]
    assert "".join(source.itertext()) == "La foto. Y un río al final."


def test_html_tags_are_codes_and_an_entity_and_a_code_element_stand_alone(project: Path) -> None:
    unit = unit_of(exported(project, "pagina"), "Un ")
    data = {d.get("id"): d.text for d in unit.iter(f"{X}data")}
    source = unit.find(f"{X}segment/{X}source")
    pairs = [(data[pc.get("dataRefStart")], pc.text, data[pc.get("dataRefEnd")]) for pc in
             source.iter(f"{X}pc")]  # fmt: skip
    assert pairs == [('<a href="https://x.es">', "río", "</a>"), ("<b>", "mucha", "</b>")]
    assert [data[ph.get("dataRef")] for ph in source.iter(f"{X}ph")] == ["&amp;", "<code>x</code>"]


@pytest.mark.parametrize("doc", ["nota", "pagina"])
def test_the_export_is_valid_against_the_schema(project: Path, doc: str) -> None:
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    assert schema.validate(exported(project, doc)), schema.error_log


def test_plain_text_paragraphs_have_no_codes(project: Path) -> None:
    unit = unit_of(exported(project, "nota"), "Texto llano.")
    assert unit.find(f"{X}originalData") is None
    assert len(unit.find(f"{X}segment/{X}source")) == 0


@pytest.mark.parametrize("doc", ["nota", "pagina"])
def test_importing_the_export_unchanged_leaves_the_catalog_byte_for_byte(
    project: Path, doc: str
) -> None:
    before = catalog(project, doc).read_bytes()
    result = invoke(project, "xliff", "import", str(project / "xliff" / f"{doc}.en.xlf"))
    assert result.exit_code == 0, result.output
    assert "0 reviewed, 0 drafts" in result.output and "warning" not in result.output
    assert catalog(project, doc).read_bytes() == before


def _rain_imported(project: Path, title: str, sentence: str) -> tuple[str, bool]:
    """The rain paragraph's translation after a CAT tool's final target: ``sentence`` with
    ``{rain}`` (the link, then ``title``), ``{north}`` and ``{code}`` in it, imported."""
    tree = exported(project, "nota")
    unit = unit_of(tree, "Mañana")
    link, emphasis = unit.find(f"{X}segment/{X}source").findall(f"{X}pc")
    quote, code = unit.find(f"{X}segment/{X}source").findall(f"{X}ph")
    rain = f"{pc(link, 'rain')}{title}{ph(quote)}"
    target = sentence.format(rain=rain, north=pc(emphasis, "north"), code=ph(code))
    set_target(tree, unit, target, "final")
    result = invoke(project, "xliff", "import", str(save(tree, project, "nota")))
    assert result.exit_code == 0 and "1 reviewed" in result.output, result.output
    msgid = 'Mañana [lloverá](https://x.es/a "Aviso") en el *norte*, dice `aemet`.'
    return translation(project, "nota", msgid)


def test_a_cat_tools_target_with_reordered_codes_comes_back_as_the_markup(project: Path) -> None:
    sentence = "In the {north} it will {rain} tomorrow, {code} says."
    assert _rain_imported(project, "Warning", sentence) == (
        'In the *north* it will [rain](https://x.es/a "Warning") tomorrow, `aemet` says.',
        True,
    )


def test_codes_crossing_as_start_and_end_codes_are_put_back_in_their_order(project: Path) -> None:
    tree = exported(project, "pagina")
    unit = unit_of(tree, "Un ")
    link, bold = unit.find(f"{X}segment/{X}source").findall(f"{X}pc")
    amp, code = unit.find(f"{X}segment/{X}source").findall(f"{X}ph")
    target = f"A {sc(link)}river and {sc(bold)}much{ec(link)} water{ec(bold)} {ph(amp)} {ph(code)}."
    set_target(tree, unit, target, "translated")
    result = invoke(project, "xliff", "import", str(save(tree, project, "pagina")))
    assert result.exit_code == 0 and "1 drafts" in result.output, result.output
    msgid = 'Un <a href="https://x.es">río</a> y <b>mucha</b> agua &amp; <code>x</code>.'
    assert translation(project, "pagina", msgid)[0] == (
        'A <a href="https://x.es">river and <b>much</a> water</b> &amp; <code>x</code>.'
    )
    assert invoke(project, "xliff", "export", "--lang", "en").exit_code == 0
    again = exported(project, "pagina")
    target = unit_of(again, "Un ").find(f"{X}segment/{X}target")
    assert [etree.QName(code).localname for code in target] == ["sc", "pc", "ph", "ph"]
    assert target.find(f"{X}pc/{X}ec").get("startRef") == target.find(f"{X}sc").get("id")
    assert etree.XMLSchema(etree.parse(str(SCHEMA))).validate(again)


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        ("drop", "of the source is missing from the target"),
        ("repeat", "is in the target more than once"),
        ("invent", "is not one of the source's"),
    ],
)
def test_a_target_whose_codes_are_wrong_is_refused_for_that_unit_and_the_others_go_in(
    project: Path, edit: str, problem: str
) -> None:
    tree = exported(project, "nota")
    heading = unit_of(tree, "El ")
    bold = heading.find(f"{X}segment/{X}source/{X}pc")
    code = pc(bold, "weather")
    wrong = {
        "drop": "The weather today",
        "repeat": f"The {code} and {code} today",
        "invent": f'The {code} <ph id="9" dataRef="{bold.get("dataRefStart")}"/> today',
    }[edit]
    set_target(tree, heading, wrong, "final")
    other = unit_of(tree, "La ")
    target = other.find(f"{X}segment/{X}target")
    target.text = "That "  # an edit of the text only: its codes are as they were
    other.find(f"{X}segment").set("state", "final")
    path = save(tree, project, "nota")
    before = translation(project, "nota", "El **tiempo** de hoy")
    result = CliRunner().invoke(main, ["--project", str(project), "xliff", "import", str(path)])
    assert result.exit_code == 0
    assert f"{path}:{heading.sourceline}: unit {heading.get('id')} not imported: inline code" in (
        result.output
    )
    assert problem in result.output
    assert translation(project, "nota", "El **tiempo** de hoy") == before
    msgid = "La [foto](https://x.es). Y ![un río](rio.png) al final."
    assert translation(project, "nota", msgid)[0].startswith("That [photo](https://x.es).")


def test_a_translation_without_the_sources_markup_goes_out_and_back_without_complaint(
    tmp_path: Path,
) -> None:
    """The catalog's own translation, codes missing or added, is not a CAT tool's edit: importing
    it as exported changes nothing and says nothing; edited, it is refused."""
    drafts = {
        "El **tiempo** de hoy": ("Today's weather", False),  # the emphasis dropped
        "Texto llano.": ("Plain *text*.", False),  # emphasis the source does not have
    }
    root = exported_project(tmp_path / "project", {"nota.md": MARKDOWN}, drafts)
    tree = exported(root, "nota")
    assert etree.XMLSchema(etree.parse(str(SCHEMA))).validate(tree)
    plain = unit_of(tree, "Texto llano.").find(f"{X}segment/{X}target")
    assert [pc.get("id") for pc in plain.iter(f"{X}pc")] == ["t1"]
    before = catalog(root, "nota").read_bytes()
    result = invoke(root, "xliff", "import", str(root / "xliff" / "nota.en.xlf"))
    assert "warning" not in result.output and catalog(root, "nota").read_bytes() == before

    unit_of(tree, "El ").find(f"{X}segment/{X}target").text = "The weather of today"
    result = invoke(root, "xliff", "import", str(save(tree, root, "nota")))
    assert "not imported: inline code 1 (**) of the source is missing" in result.output
    assert catalog(root, "nota").read_bytes() == before


def test_a_paragraph_that_opens_with_a_code_has_no_layout_spaces_in_its_source(
    tmp_path: Path,
) -> None:
    drafts = {"**Todo en negrita**": ("**All in bold**", False)}
    root = exported_project(tmp_path / "project", {"nota.md": "**Todo en negrita**\n"}, drafts)
    segment = unit_of(exported(root, "nota"), "Todo").find(f"{X}segment")
    assert ["".join(part.itertext()) for part in segment] == ["Todo en negrita", "All in bold"]
    assert [part.text for part in segment] == [None, None]
    before = catalog(root, "nota").read_bytes()
    result = invoke(root, "xliff", "import", str(root / "xliff" / "nota.en.xlf"))
    assert "warning" not in result.output and catalog(root, "nota").read_bytes() == before


def test_a_target_left_initial_is_not_offered_so_its_codes_are_not_checked(project: Path) -> None:
    tree = exported(project, "nota")
    set_target(tree, unit_of(tree, "El "), "The weather today", "initial")
    before = catalog(project, "nota").read_bytes()
    result = invoke(project, "xliff", "import", str(save(tree, project, "nota")))
    assert "warning" not in result.output and catalog(project, "nota").read_bytes() == before


def test_a_quote_mark_a_translator_types_in_a_link_title_comes_back_escaped(project: Path) -> None:
    sentence = "Tomorrow it will {rain} in the {north}, says {code}."
    assert _rain_imported(project, 'A "red" warning', sentence) == (
        'Tomorrow it will [rain](https://x.es/a "A \\"red\\" warning") in the *north*, '
        "says `aemet`.",
        True,
    )
