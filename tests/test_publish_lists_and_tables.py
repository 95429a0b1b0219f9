"""Numbered lists and tables of a Markdown source: labelled for translators, drawn as lists and
tables on the pages (the standalone edition a real <ol>/<table>, the parallel page a page row per
table row)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from publish_project import Node, cells, content_rows, copy_drafted, parse_html

from pipeline.cli import main
from pipeline.document import CellPlace, Kind
from pipeline.page_groups import ItemList, Table, grouped
from pipeline.parallel import Cell, Row, Status
from pipeline.sources.html import segment_html
from pipeline.sources.markdown import segment_markdown

ARTICLE = """\
# Los pasos del puerto

- Un punto.

3. Abrir la terminal.
4. Contratar a *más* gente.

| Año | Barcos |
| --- | --- |
| 2025 | 1.500 |
|  | 2.250 |

Fin.
"""


def run(project: Path, *args: str) -> None:
    result = CliRunner().invoke(main, ["--project", str(project), *args])
    assert result.exit_code == 0, result.output


@pytest.fixture
def published(tmp_path: Path, install_argos) -> Path:
    """The article translated by the copy models (drafts in English and Russian), published."""
    run(copy_drafted(tmp_path, install_argos, "pasos.md", ARTICLE), "publish")
    return tmp_path / "output" / "pasos"


def test_numbered_items_have_their_own_label_and_their_number_as_written() -> None:
    segments = segment_markdown(ARTICLE)
    items = [(s.text, s.type_label, s.number) for s in segments if "list item" in s.type_label]
    assert items == [
        ("Un punto.", "list item", None),
        ("Abrir la terminal.", "numbered list item", 3),
        ("Contratar a *más* gente.", "numbered list item", 4),
    ]


def test_a_table_cell_knows_its_row_and_column_even_after_an_empty_cell() -> None:
    segments = segment_markdown(ARTICLE)
    placed = [(s.text, s.cell) for s in segments if s.type_label == "table cell"]
    assert placed == [
        ("Año", CellPlace(0, 0)),
        ("Barcos", CellPlace(0, 1)),
        ("2025", CellPlace(1, 0)),
        ("1.500", CellPlace(1, 1)),
        ("2.250", CellPlace(2, 1)),
    ]


def test_the_catalog_tells_translators_an_item_is_numbered(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "pasos.md").write_text(ARTICLE, encoding="utf-8")
    run(tmp_path, "extract")
    template = (tmp_path / "locales" / "pasos.pot").read_text(encoding="utf-8")
    numbered = '#. type: numbered list item\n#: seeds/pasos.md:5\nmsgid "Abrir la terminal."'
    assert numbered in template
    assert '#. type: list item\n#: seeds/pasos.md:3\nmsgid "Un punto."' in template


def row(
    text: str,
    label: str = "paragraph",
    number: int | None = None,
    cell: CellPlace | None = None,
) -> Row:
    source = (Cell("es", Status.SOURCE, text),)
    return Row(Kind.PARAGRAPH, source, label=label, number=number, cell=cell)


def test_a_bulleted_and_a_numbered_list_side_by_side_are_two_lists() -> None:
    groups = grouped(
        [
            row("a", "list item"),
            row("b", "numbered list item", number=7),
            row("c", "numbered list item", number=8),
            row("d"),
        ]
    )
    assert [group.shape for group in groups] == ["list", "list", "block"]
    bullets, numbered = groups[0], groups[1]
    assert isinstance(bullets, ItemList) and not bullets.numbered
    assert isinstance(numbered, ItemList) and numbered.start == 7 and len(numbered.items) == 2


def test_two_tables_in_a_row_stay_two_and_an_empty_cell_keeps_its_column() -> None:
    first = [
        row("A", "table cell", cell=CellPlace(0, 0)),
        row("x", "table cell", cell=CellPlace(1, 1)),
    ]
    second = [row("B", "table cell", cell=CellPlace(0, 0))]
    tables = grouped(first + second)
    assert [group.shape for group in tables] == ["table", "table"]
    table = tables[0]
    assert isinstance(table, Table) and table.header is not None
    assert [cell.cells[0].text if cell else None for cell in table.header.cells] == ["A", None]
    assert [cell.cells[0].text if cell else None for cell in table.body[0].cells] == [None, "x"]


def texts(nodes: list[Node]) -> list[str]:
    return [node.visible_text for node in nodes]


def test_the_edition_page_has_a_numbered_list_from_its_number_and_a_real_table(
    published: Path,
) -> None:
    main_ = parse_html(published / "en.html").find("main")
    assert [node.tag for node in main_.children] == ["h1", "ul", "ol", "table", "p"]
    numbered = main_.find("ol")
    assert numbered.attrs["start"] == "3"
    assert texts(numbered.find_all("li")) == ["Abrir la terminal.", "Contratar a más gente."]
    table = main_.find("table")
    assert texts(table.find("thead").find_all("th")) == ["Año", "Barcos"]
    body = [texts(line.find_all("td")) for line in table.find("tbody").find_all("tr")]
    assert body == [["2025", "1,500"], ["", "2,250"]]  # the empty cell keeps its column
    assert all("draft" in cell.classes for cell in table.find_all("td") if cell.text)


def test_the_parallel_page_numbers_each_item_and_gives_each_table_row_a_row(
    published: Path,
) -> None:
    page = parse_html(published / "index.html")
    numbered = page.find("main").find_all("ol")
    assert {item.attrs["start"] for item in numbered} == {"3", "4"}
    table_rows = [line for line in content_rows(page) if "table-row" in line.classes]
    assert len(table_rows) == 3  # the header and two rows, each a row of the page
    header = [texts(cell.find_all("th")) for cell in cells(table_rows[0])]
    assert header == [["Año", "Barcos"], ["Año", "Barcos"], ["Año", "Barcos"]]
    last = [texts(cell.find_all("td")) for cell in cells(table_rows[2])]
    assert last == [["", "2.250"], ["", "2,250"], ["", "2\u00a0250"]]
    assert [cell.attrs["lang"] for cell in cells(table_rows[2])] == ["es", "en", "ru"]


FRAGMENT = """\
<h1>Los pasos del puerto</h1>
<ol start="3"><li>Abrir la terminal.</li><li value="9"><p>Contratar gente.</p></li></ol>
<table>
<tr><td>2025</td><td colspan="2">1.500</td><td>Norte</td></tr>
<tr><td></td><td>2.250</td></tr>
</table>
"""


def test_an_html_ol_numbers_its_items_as_browsers_do_and_cells_know_their_place() -> None:
    segments = segment_html(FRAGMENT)
    assert [(s.type_label, s.number) for s in segments if "list" in s.type_label] == [
        ("numbered list item", 3),
        ("numbered list item", 9),
    ]
    # no header row (not all <th>): rows count from 1; a colspan moves the columns after it
    placed = [(s.text, s.cell) for s in segments if s.type_label == "table cell"]
    assert placed == [
        ("2025", CellPlace(1, 0)),
        ("1.500", CellPlace(1, 1, columns=2)),
        ("Norte", CellPlace(1, 3)),
        ("2.250", CellPlace(2, 1)),
    ]


def test_an_html_fragments_edition_page_has_its_ol_and_a_table_without_a_header(
    tmp_path: Path, install_argos
) -> None:
    run(copy_drafted(tmp_path, install_argos, "pasos.html", FRAGMENT), "publish")
    main_ = parse_html(tmp_path / "output" / "pasos" / "en.html").find("main")
    numbered = main_.find("ol")
    assert numbered.attrs["start"] == "3"
    assert [item.attrs["value"] for item in numbered.find_all("li")] == ["3", "9"]
    table = main_.find("table")
    assert not table.find_all("thead") and not table.find_all("th")
    body = [texts(line.find_all("td")) for line in table.find_all("tr")]
    assert body == [["2025", "1,500", "Norte"], ["", "2,250", "", ""]]
    assert table.find_all("td")[1].attrs["colspan"] == "2"
