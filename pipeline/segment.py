"""Source documents → ordered segments (title, captions, body paragraphs) with stable identity.

A segment's identity is its text: the same paragraph is the same gettext entry wherever it moves,
so editing one paragraph of a source touches exactly one catalog entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.files import read_regular_file

# Short lines without final punctuation are headlines (first) or captions/credits (elsewhere).
HEADLINE_MAX_CHARS = 200
CAPTION_MAX_CHARS = 120
_FINAL_PUNCTUATION = tuple('.!?…:;»"”)')
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


class Kind(StrEnum):
    """What a segment is in its document; templates and checks treat each kind its own way."""

    TITLE = "title"
    CAPTION = "caption"
    PARAGRAPH = "paragraph"


@dataclass(frozen=True)
class Segment:
    """One paragraph of a source document, exactly as written (soft wraps joined)."""

    text: str
    kind: Kind
    line: int  # 1-based line where the paragraph starts in the source file


@dataclass(frozen=True)
class Document:
    """A source document: its id (the file name's stem, a slug) and its segments in order."""

    doc_id: str
    path: Path
    segments: tuple[Segment, ...]


def load_document(path: Path, display_name: str | None = None) -> Document:
    """Read and segment one source file; errors name the file as ``display_name`` (or its path)."""
    name = display_name or str(path)
    if _UNSAFE_NAME.search(path.name):
        raise PipelineError(
            f"{name!r}: the file name holds a line break or another control character, which "
            "catalogs and pages named after it cannot hold; rename the file"
        )
    text = read_source(path, name)
    segments = segment_text(text)
    if not segments:
        raise PipelineError(
            f"{name}: the document is empty; write at least a headline, or remove the file"
        )
    return Document(doc_id=path.stem, path=path, segments=tuple(segments))


def read_source(path: Path, name: str | None = None) -> str:
    """The text of a source file: UTF-8 (a BOM is dropped), line endings normalised to ``\\n``."""
    name = name or str(path)
    try:
        data = read_regular_file(path, name, "a UTF-8 text file")
    except OSError as exc:
        raise PipelineError(f"{name}: cannot read the source document: {exc.strerror}") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PipelineError(
            f"{name}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8 and run again"
        ) from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in text:
        line = text.count("\n", 0, text.index("\0")) + 1
        raise PipelineError(
            f"{name}:{line}: a NUL byte, which no text or catalog may hold; "
            "remove it (the file may not be text) and run again"
        )
    return text


_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f]")


def segment_text(text: str) -> list[Segment]:
    """Split text into paragraphs and classify them.

    Paragraphs are separated by blank lines and a single line break inside one is a soft wrap.
    A text with no blank line at all but several lines uses one line per paragraph.
    """
    blocks = _paragraph_blocks(text)
    segments: list[Segment] = []
    for line, block in blocks:
        paragraph = _join_soft_wraps(block)
        kind = _classify(paragraph, is_first=not segments)
        segments.append(Segment(text=paragraph, kind=kind, line=line))
    return segments


def _paragraph_blocks(text: str) -> list[tuple[int, list[str]]]:
    """(first line number, lines) of each paragraph, skipping blank lines."""
    lines = text.split("\n")
    one_per_line = not _BLANK_LINE.search(text.strip("\n"))
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            if current:
                blocks.append((start, current))
                current = []
            continue
        if one_per_line:
            blocks.append((number, [line]))
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        blocks.append((start, current))
    return blocks


def _join_soft_wraps(lines: list[str]) -> str:
    """Join a paragraph's lines with one space; the text inside each line stays as written."""
    if len(lines) == 1:
        return lines[0].strip(" \t")
    return " ".join(part.strip(" \t") for part in lines)


def _classify(paragraph: str, *, is_first: bool) -> Kind:
    ends_open = not paragraph.rstrip().endswith(_FINAL_PUNCTUATION)
    if is_first and ends_open and len(paragraph) <= HEADLINE_MAX_CHARS:
        return Kind.TITLE
    if ends_open and len(paragraph) <= CAPTION_MAX_CHARS:
        return Kind.CAPTION
    return Kind.PARAGRAPH


def discover_sources(seeds: Path, pattern: str = "*.txt") -> list[Path]:
    """Source documents in ``seeds`` in a stable order (by name)."""
    if not seeds.is_dir():
        raise PipelineError(
            f"{seeds}: no seeds folder; create it and put the Spanish source documents in it"
        )
    return sorted(p for p in seeds.glob(pattern) if not p.name.startswith("."))
