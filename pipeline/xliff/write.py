"""One catalog as an XLIFF 2.1 document.

Each live entry is a ``<unit>`` with one ``<segment>``: the source paragraph, and the translation
if there is one. The segment's state says where the translation stands: ``initial`` (none yet),
``translated`` (a draft, fuzzy in the catalog) or ``final`` (reviewed). Notes carry what a
translator needs and the catalog keeps in comments: people's translator comments
(``category="translator"``), the source's comments (``category="source"``) and the machine's or
memory's provenance (``category="provenance"``). A context (``msgctxt``) is the unit's ``name``.
Plural entries have no XLIFF core equivalent and are left out (paragraphs have none). In a
Markdown or HTML document, inline markup is inline codes (:mod:`.codes`); plain text has none.
"""

from __future__ import annotations

import polib
from lxml import etree

from pipeline.sources.markup import MarkupFinder, no_markup
from pipeline.units import State, live_entries, state
from pipeline.xliff import NS, XML_SPACE
from pipeline.xliff.codes import (
    Codes,
    Item,
    source_items,
    target_items,
    write_content,
    write_original_data,
)

STATES = {State.UNTRANSLATED: "initial", State.DRAFT: "translated", State.REVIEWED: "final"}
_PROVENANCE_PREFIXES = ("mt:", "tm:")


def xliff_bytes(
    po: polib.POFile,
    doc_id: str,
    source_lang: str,
    target_lang: str,
    markup: MarkupFinder = no_markup,
) -> bytes:
    """The XLIFF 2.1 document of one document's catalog in ``target_lang``; ``markup`` finds the
    inline markup of the document's format."""
    root = etree.Element(
        f"{{{NS}}}xliff", nsmap={None: NS}, version="2.1", srcLang=source_lang, trgLang=target_lang
    )
    file = etree.SubElement(root, f"{{{NS}}}file", id="f1", original=doc_id)
    file.set(XML_SPACE, "preserve")  # paragraphs keep their line breaks and spaces
    file.set("canResegment", "no")  # a unit is a catalog entry: one paragraph, one segment
    contents: list[_Content] = []
    number = 0
    for entry in live_entries(po):
        if not entry.msgid or entry.msgid_plural:
            continue
        number += 1
        contents += _unit(file, f"u{number}", entry, markup)
    # Indented before the paragraphs go in: lxml's pretty printing would indent a <source> that
    # starts with a code, and in XLIFF that whitespace is the paragraph's.
    etree.indent(root)
    for element, items, codes in contents:
        write_content(element, items, codes)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


_Content = tuple[etree._Element, list[Item], Codes]
"""A <source> or <target> to fill once the document is indented, with what goes in it."""


def _unit(
    file: etree._Element, unit_id: str, entry: polib.POEntry, markup: MarkupFinder
) -> list[_Content]:
    unit = etree.SubElement(file, f"{{{NS}}}unit", id=unit_id)
    if entry.msgctxt is not None:
        unit.set("name", entry.msgctxt)
    notes = _notes(entry)
    if notes:
        element = etree.SubElement(unit, f"{{{NS}}}notes")
        for category, text in notes:
            etree.SubElement(element, f"{{{NS}}}note", category=category).text = text
    current = state(entry)
    codes = Codes()
    source = source_items(entry.msgid, markup, codes)
    target = None
    if current is not State.UNTRANSLATED:
        target = target_items(entry.msgstr, markup, codes)
    write_original_data(unit, codes)
    segment = etree.SubElement(unit, f"{{{NS}}}segment", state=STATES[current])
    contents = [(etree.SubElement(segment, f"{{{NS}}}source"), source, codes)]
    if target is not None:
        contents.append((etree.SubElement(segment, f"{{{NS}}}target"), target, codes))
    return contents


def _notes(entry: polib.POEntry) -> list[tuple[str, str]]:
    notes = []
    lines = (entry.tcomment or "").splitlines()
    record = [line for line in lines if _is_provenance(line)]
    people = "\n".join(line for line in lines if not _is_provenance(line))
    if people.strip():
        notes.append(("translator", people))
    if entry.comment:
        notes.append(("source", entry.comment))
    if record:
        notes.append(("provenance", "\n".join(record)))
    return notes


def _is_provenance(line: str) -> bool:
    words = line.split()
    return bool(words) and words[0] in _PROVENANCE_PREFIXES
