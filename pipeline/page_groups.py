"""A page's rows grouped into the blocks a reader sees: a list of items, a table, or one block.

Rows stay one per source segment (one catalog entry each); pages draw some of them together:
consecutive list items are one list (numbered from the first item's number as in the source;
a code block of the source between two items ends it),
and the cells of a table (rows carrying ``Row.cell``) are one table of table rows, each a cell
per column. A column whose cell is empty in the source has no row, so its place is None.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.document import CodeBlock
from pipeline.parallel import Row


@dataclass(frozen=True)
class Block:
    """One row drawn on its own: a heading, a paragraph, a quote."""

    row: Row
    shape: str = "block"

    @property
    def code_after(self) -> tuple[CodeBlock, ...]:
        return self.row.code_after


@dataclass(frozen=True)
class ItemList:
    """Consecutive list items; ``start`` is the first item's number when the list is numbered."""

    items: tuple[Row, ...]
    start: int | None
    shape: str = "list"

    @property
    def numbered(self) -> bool:
        return self.start is not None

    @property
    def code_after(self) -> tuple[CodeBlock, ...]:
        return self.items[-1].code_after


@dataclass(frozen=True)
class TableRow:
    """One row of a table: a row per cell (its ``cell.columns`` wide), None for a column no
    cell of the source fills."""

    cells: tuple[Row | None, ...]
    header: bool


@dataclass(frozen=True)
class Table:
    """One table of the source, its header row first."""

    rows: tuple[TableRow, ...]
    code_after: tuple[CodeBlock, ...] = ()  # the source's code blocks after its last cell
    shape: str = "table"

    @property
    def header(self) -> TableRow | None:
        return self.rows[0] if self.rows and self.rows[0].header else None

    @property
    def body(self) -> tuple[TableRow, ...]:
        return self.rows[1:] if self.header is not None else self.rows


Group = Block | ItemList | Table


def grouped(rows: Sequence[Row]) -> list[Group]:
    """``rows`` in order, list items gathered into lists and table cells into tables."""
    groups: list[Group] = []
    run: list[Row] = []
    for row in rows:
        if run and not _continues(run, row):
            groups.append(_group(run))
            run = []
        if row.element == "li" or row.cell is not None:
            run.append(row)
        else:
            groups.append(Block(row))
    if run:
        groups.append(_group(run))
    return groups


def _continues(run: list[Row], row: Row) -> bool:
    """Whether ``row`` belongs to the list or table ``run`` holds: a list goes on while its
    items are of one kind (bulleted or numbered); a table while its cells come in reading order
    (a cell before the last one's place starts the next table)."""
    last = run[-1]
    if last.code_after:
        return False  # a code block between items ends the list (a page shows it after)
    if last.cell is not None:
        return row.cell is not None and row.cell > last.cell
    return row.element == "li" and row.label == last.label


def _group(run: list[Row]) -> ItemList | Table:
    if run[0].cell is None:
        return ItemList(tuple(run), run[0].number)
    return _table(run)


def _table(cells: list[Row]) -> Table:
    placed = [(row.cell, row) for row in cells if row.cell is not None]
    width = max(place.column + place.columns for place, _ in placed)
    by_row: dict[int, dict[int, Row]] = {}
    for place, row in placed:
        by_row.setdefault(place.row, {})[place.column] = row
    return Table(
        tuple(TableRow(_columns(by_row[line], width), header=line == 0) for line in sorted(by_row)),
        cells[-1].code_after,
    )


def _columns(by_column: dict[int, Row], width: int) -> tuple[Row | None, ...]:
    """A table row's cells left to right: None for a column no cell has, none for the columns
    a wider cell spans."""
    cells: list[Row | None] = []
    column = 0
    while column < width:
        row = by_column.get(column)
        cells.append(row)
        column += row.cell.columns if row is not None and row.cell is not None else 1
    return tuple(cells)
