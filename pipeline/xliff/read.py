"""Reading an XLIFF 2.x file that a CAT tool gives back, validated against the core schema.

Anything wrong with the file is a :class:`PipelineError` naming the file and line: XML that is not
well formed, a document the schema rejects, a second ``<file>``. Inline codes are put back as the
markup they stand for (:mod:`.codes`); a unit whose target drops, repeats or invents codes is
refused on its own, with what is wrong, and the others still go in.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from pipeline.errors import PipelineError
from pipeline.xliff import NS, SCHEMA, XML_SPACE
from pipeline.xliff.codes import Read, problem, read_content, read_original_data
from pipeline.xml_files import parse_xml

REVIEWED_STATES = frozenset({"reviewed", "final"})
STATE_ORDER = ("initial", "translated", "reviewed", "final")


@dataclass(frozen=True)
class Segment:
    """One unit: the paragraph and its translation as the file has them."""

    line: int
    context: str | None  # the unit's name: the entry's msgctxt
    source: str
    target: str | None  # None: no <target>
    state: str  # initial, translated, reviewed or final
    refused: str | None = None  # what is wrong with the target's inline codes
    unit_id: str = ""

    @property
    def reviewed(self) -> bool:
        return self.state in REVIEWED_STATES


@dataclass(frozen=True)
class XliffFile:
    """A document's translation into one language, as an XLIFF file brings it."""

    doc_id: str  # the <file>'s original
    source_lang: str
    target_lang: str
    segments: tuple[Segment, ...]


@functools.cache
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def read_xliff(path: Path, display: str) -> XliffFile:
    """The file's one document and its segments, or a :class:`PipelineError` saying what is
    wrong with it."""
    tree = parse_xml(path, display, "export it from the CAT tool again")
    root = tree.getroot()
    if root.tag != f"{{{NS}}}xliff":
        raise PipelineError(
            f"{display}:{root.sourceline}: not an XLIFF 2 file (the root is <{root.tag}>, "
            f'not <xliff xmlns="{NS}">); give a file from `pipeline xliff export`'
        )
    # Translate Toolkit (3.20) puts xml:space on each <segment> it writes a target into, which
    # the core schema does not allow there; the reader takes text as written whatever it says.
    for segment in root.iter(f"{{{NS}}}segment"):
        segment.attrib.pop(XML_SPACE, None)
    schema = _schema()
    if not schema.validate(tree):
        error = schema.error_log.last_error
        raise PipelineError(
            f"{display}:{error.line}: not valid XLIFF 2.1: {error.message}; fix it or export it "
            "from the CAT tool again"
        )
    return _document(root, display)


def _document(root: etree._Element, display: str) -> XliffFile:
    files = root.findall(f"{{{NS}}}file")
    if len(files) != 1 or not files[0].get("original"):
        raise PipelineError(
            f'{display}:{root.sourceline}: one <file> naming its document (original="…") is '
            "expected; import the files `pipeline xliff export` wrote, one at a time"
        )
    target_lang = root.get("trgLang")
    if not target_lang:
        raise PipelineError(
            f"{display}:{root.sourceline}: the <xliff> element has no trgLang; say which "
            "language the translations are in"
        )
    segments = tuple(_unit(unit, display) for unit in files[0].iter(f"{{{NS}}}unit"))
    return XliffFile(files[0].get("original"), root.get("srcLang"), target_lang, segments)


def _unit(unit: etree._Element, display: str) -> Segment:
    """A unit's paragraph: its segments and ignorables joined again (a tool may have split the
    paragraph into sentences), at the least advanced state of its segments, inline codes put
    back as the markup they stand for."""
    data = read_original_data(unit)
    sources, targets, states = [], [], []
    for part in unit.iterchildren(f"{{{NS}}}segment", f"{{{NS}}}ignorable"):
        source, target = part.find(f"{{{NS}}}source"), part.find(f"{{{NS}}}target")
        sources.append(read_content(source))
        targets.append(read_content(target) if target is not None else None)
        if part.tag == f"{{{NS}}}segment":
            states.append(part.get("state", "initial"))
    source = Read(tuple(item for read in sources for item in read.items))
    has_target = any(target is not None for target in targets)
    joined = Read(
        tuple(
            item
            for read, target in zip(sources, targets, strict=True)
            for item in (target if target is not None else read).items
        )
    )
    source_text = source.text(data)
    if source_text is None:
        raise PipelineError(
            f"{display}:{unit.sourceline}: a source inline code stands for no <data> of the unit's "
            "<originalData>; export the file again"
        )
    target_text, refused = None, None
    if has_target:
        refused = problem(source, joined, data)
        target_text = joined.text(data)
        if target_text is None:
            refused, target_text = refused or "an inline code stands for no <data>", ""
    return Segment(
        unit.sourceline or 0,
        unit.get("name"),
        source_text,
        target_text,
        min(states, key=STATE_ORDER.index) if states else "initial",
        refused,
        unit.get("id", ""),
    )
