"""Where an HTML block sits in its list or table, as pages need it to draw them whole: a numbered
list item's number and a table cell's (row, column), with the contract of ``Segment``: row 0 is
the header row, so a table whose first row is not all ``<th>`` counts its rows from 1."""

from __future__ import annotations

import lxml.html

from pipeline.document import CellPlace

_CELLS = ("td", "th")


def list_number(element: lxml.html.HtmlElement) -> int | None:
    """The number the ``<li>`` holding ``element`` is shown with in its ``<ol>`` (its ``start``,
    then each ``value`` resetting the count, as the HTML standard numbers them); None for an
    item of any other list, or outside one."""
    item = _nearest(element, ("li",))
    if item is None or item.getparent() is None or item.getparent().tag != "ol":
        return None
    number = _integer(item.getparent().get("start"), 1)
    for sibling in item.getparent().iterchildren("li"):
        number = _integer(sibling.get("value"), number)
        if sibling is item:
            return number
        number += 1
    return None  # not reached: the item is one of its parent's children


def table_cell(element: lxml.html.HtmlElement) -> CellPlace | None:
    """The place of the ``<td>``/``<th>`` holding ``element``: a column counts the ``colspan``
    of the cells before it in its row (``rowspan`` is not followed). None outside a cell."""
    cell = _nearest(element, _CELLS)
    row = cell.getparent() if cell is not None else None
    table = _nearest(row, ("table",)) if row is not None else None
    if cell is None or row is None or table is None:
        return None
    rows = [tr for tr in table.iter("tr") if _nearest(tr, ("table",)) is table]
    first = [child.tag for child in rows[0] if child.tag in _CELLS]
    offset = 0 if first and all(tag == "th" for tag in first) else 1
    column = 0
    for sibling in row.iterchildren(*_CELLS):
        if sibling is cell:
            break
        column += _integer(sibling.get("colspan"), 1)
    return CellPlace(rows.index(row) + offset, column, _integer(cell.get("colspan"), 1))


def _nearest(element: lxml.html.HtmlElement, tags: tuple[str, ...]) -> lxml.html.HtmlElement | None:
    """``element`` or its nearest ancestor with one of ``tags``."""
    if element.tag in tags:
        return element
    return next(element.iterancestors(*tags), None)


def _integer(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
