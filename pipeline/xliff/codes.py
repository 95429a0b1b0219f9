"""A paragraph's inline markup as XLIFF 2.1 inline codes, and the codes back as the markup.

The source format's markup finder (:mod:`pipeline.sources.markup`) says where the markup is and
what each piece does. An opening and its closing are one code: a ``<pc>`` around the text they
enclose, or ``<sc/>`` … ``<ec/>`` where codes cross; markup that stands alone (a code span, an
image's source with no alt text, ``<br>``, an entity) is a ``<ph/>``. What each code stands for
is in the unit's ``<originalData>``, so the markup comes back byte for byte. A translation's
markup takes the ids of the source's codes it repeats; markup the source does not have gets
codes of its own, which an import then refuses, as it refuses a target that drops, repeats or
invents codes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from lxml import etree

from pipeline.protect import escaped, quoted_marks
from pipeline.sources.markup import MarkupFinder, Role, paired
from pipeline.xliff import NS

Item = str | tuple[Role, str]
"""Content in order: text, or a code's opening, closing or standalone by the code's id."""


@dataclass
class Codes:
    """The inline codes of one unit: what each id's opening (or standalone) and closing stand
    for."""

    starts: dict[str, str] = field(default_factory=dict)
    ends: dict[str, str] = field(default_factory=dict)  # paired codes only

    def add(self, start: str, end: str | None = None, stem: str = "") -> str:
        code_id = f"{stem}{len(self.starts) + 1}"
        self.starts[code_id] = start
        if end is not None:
            self.ends[code_id] = end
        return code_id

    def data_ids(self) -> dict[tuple[str, Role], str]:
        """(code id, OPEN or STANDALONE for its start, CLOSE for its end) → its data id."""
        ids: dict[tuple[str, Role], str] = {}
        for code_id in self.starts:
            ids[(code_id, Role.OPEN)] = f"d{len(ids) + 1}"
            if code_id in self.ends:
                ids[(code_id, Role.CLOSE)] = f"d{len(ids) + 1}"
        return ids


def source_items(text: str, finder: MarkupFinder, codes: Codes) -> list[Item]:
    """``text`` with its markup as codes, each added to ``codes``."""
    return list(_items(text, finder, lambda start, end: codes.add(start, end)))


def target_items(text: str, finder: MarkupFinder, codes: Codes) -> list[Item]:
    """``text`` (a translation) with its markup as the source's codes where it is the same
    markup, else as codes of its own (ids ``t…``) added to ``codes``."""
    free: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    for code_id, start in codes.starts.items():
        free[(start, codes.ends.get(code_id))].append(code_id)

    def code_of(start: str, end: str | None) -> str:
        same = free[(start, end)]
        return same.pop(0) if same else codes.add(start, end, stem="t")

    return list(_items(text, finder, code_of))


def _items(
    text: str, finder: MarkupFinder, code_of: Callable[[str, str | None], str]
) -> Iterator[Item]:
    """``text`` as text and codes; ``code_of(opening or standalone, closing)`` names each."""
    pieces = paired(finder(text))
    ids: dict[int, str] = {}
    position = 0
    for index, (piece, partner) in enumerate(pieces):
        if piece.start > position:
            yield text[position : piece.start]
        if piece.role is Role.CLOSE:
            yield (Role.CLOSE, ids[partner])
        else:
            end = None
            if partner is not None:
                closing = pieces[partner][0]
                end = text[closing.start : closing.end]
            ids[index] = code_of(text[piece.start : piece.end], end)
            yield (piece.role, ids[index])
        position = piece.end
    if position < len(text):
        yield text[position:]


def write_original_data(unit: etree._Element, codes: Codes) -> None:
    """The unit's ``<originalData>``: what each code stands for (none without codes)."""
    if not codes.starts:
        return
    original = etree.SubElement(unit, f"{{{NS}}}originalData")
    for (code_id, role), data_id in codes.data_ids().items():
        written = codes.starts[code_id] if role is Role.OPEN else codes.ends[code_id]
        etree.SubElement(original, f"{{{NS}}}data", id=data_id).text = written


def write_content(element: etree._Element, items: list[Item], codes: Codes) -> None:
    """``items`` as the content of ``element`` (a ``<source>`` or ``<target>``)."""
    data = codes.data_ids()
    crossing = _crossing(items)
    open_elements = [element]
    for item in items:
        current = open_elements[-1]
        if isinstance(item, str):
            _append_text(current, item)
            continue
        role, code_id = item
        if role is Role.STANDALONE:
            etree.SubElement(current, f"{{{NS}}}ph", id=code_id, dataRef=data[(code_id, Role.OPEN)])
        elif code_id in crossing:
            if role is Role.OPEN:
                etree.SubElement(
                    current, f"{{{NS}}}sc", id=code_id, dataRef=data[(code_id, Role.OPEN)]
                )
            else:
                etree.SubElement(
                    current, f"{{{NS}}}ec", startRef=code_id, dataRef=data[(code_id, Role.CLOSE)]
                )
        elif role is Role.OPEN:
            pc = etree.SubElement(current, f"{{{NS}}}pc", id=code_id)
            pc.set("dataRefStart", data[(code_id, Role.OPEN)])
            pc.set("dataRefEnd", data[(code_id, Role.CLOSE)])
            open_elements.append(pc)
        else:
            open_elements.pop()


def _crossing(items: list[Item]) -> set[str]:
    """The paired codes that cannot be a ``<pc>``: their opening and closing are not at one
    level (a CAT tool moved one across another's)."""
    crossing: set[str] = set()
    open_ids: list[str] = []
    for item in items:
        if isinstance(item, str) or item[0] is Role.STANDALONE:
            continue
        role, code_id = item
        if role is Role.OPEN:
            open_ids.append(code_id)
        elif open_ids and open_ids[-1] == code_id:
            open_ids.pop()
        else:
            crossing.add(code_id)
            if code_id in open_ids:
                open_ids.remove(code_id)
    return crossing | set(open_ids)


def _append_text(element: etree._Element, text: str) -> None:
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


@dataclass(frozen=True)
class Read:
    """A ``<source>``'s or ``<target>``'s content as the file has it: text, and each code by
    (role, id, data id)."""

    items: tuple[str | tuple[Role, str, str | None], ...]

    def codes(self) -> Counter[tuple[Role, str]]:
        return Counter((item[0], item[1]) for item in self.items if not isinstance(item, str))

    def text(self, data: dict[str, str]) -> str | None:
        """The markup back, or None where a code stands for no data the unit has. A text
        between markup opening a quotation and markup closing it (a Markdown link's title) has
        the quote marks a translator typed escaped, so that the link stays one."""
        pieces = []
        for index, item in enumerate(self.items):
            if isinstance(item, str):
                pieces.append(item)
                continue
            if item[2] not in data:
                return None
            written = data[item[2]]
            between_codes = index >= 2 and not isinstance(self.items[index - 2], str)
            if between_codes and isinstance(self.items[index - 1], str):
                pieces[-1] = escaped(pieces[-1], quoted_marks(pieces[-2], written))
            pieces.append(written)
        return "".join(pieces)


def read_content(element: etree._Element) -> Read:
    """The text and codes of ``element`` in order: a ``<pc>``'s opening, content and closing;
    ``<sc/>``, ``<ec/>`` and ``<ph/>``; an annotation's (``<mrk>``) content as text of its own;
    ``<cp/>`` as its character."""
    return Read(tuple(_read(element, top=True)))


def _read(
    element: etree._Element, top: bool = False
) -> Iterator[str | tuple[Role, str, str | None]]:
    name = etree.QName(element).localname
    if name == "pc":
        yield (Role.OPEN, element.get("id", ""), element.get("dataRefStart"))
    elif name == "sc":
        yield (Role.OPEN, element.get("id", ""), element.get("dataRef"))
    elif name == "ec":
        yield (Role.CLOSE, element.get("startRef") or element.get("id", ""), element.get("dataRef"))
    elif name == "ph":
        yield (Role.STANDALONE, element.get("id", ""), element.get("dataRef"))
    elif name == "cp":
        yield chr(int(element.get("hex", "0"), 16))
    if name in ("pc", "mrk") or top:
        if element.text:
            yield element.text
        for child in element:
            yield from _read(child)
            if child.tail:
                yield child.tail
    if name == "pc":
        yield (Role.CLOSE, element.get("id", ""), element.get("dataRefEnd"))


def read_original_data(unit: etree._Element) -> dict[str, str]:
    """The unit's ``<originalData>``: data id → the markup it stands for."""
    return {
        data.get("id"): read_content(data).text({}) or ""
        for data in unit.iterfind(f"{{{NS}}}originalData/{{{NS}}}data")
    }


def problem(source: Read, target: Read, data: dict[str, str]) -> str | None:
    """What is wrong with the target's codes against the source's, if anything: one missing,
    repeated or not the source's, standing for other markup than in the source, or closed
    before it is opened. Their order is free (``canReorder`` is yes)."""
    have, want = target.codes(), source.codes()
    refs = {item[:2]: item[2] for item in source.items if not isinstance(item, str)}

    def code(role: Role, code_id: str, data_id: str | None = None) -> str:
        written = data.get(data_id or refs.get((role, code_id)) or "")
        return f"inline code {code_id}" + (f" ({written})" if written else "")

    for role, code_id in want:
        if not have[(role, code_id)]:
            return f"{code(role, code_id)} of the source is missing from the target"
    opened: set[str] = set()
    for item in target.items:
        if isinstance(item, str):
            continue
        role, code_id, data_id = item
        if (role, code_id) not in want:
            return f"{code(role, code_id, data_id)} is not one of the source's"
        if have[(role, code_id)] > want[(role, code_id)]:
            return f"{code(role, code_id)} is in the target more than once"
        if data_id != refs[(role, code_id)]:
            return f"{code(role, code_id, data_id)} stands for other markup than in the source"
        if role is Role.OPEN:
            opened.add(code_id)
        elif role is Role.CLOSE and code_id not in opened:
            return f"{code(role, code_id)} is closed before it is opened"
    return None
