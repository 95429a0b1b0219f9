"""What a source document is once read: its id and its segments (paragraphs) in order.

A segment's identity is its text: the same paragraph is the same gettext entry wherever it moves,
so editing one paragraph of a source touches exactly one catalog entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

# Front matter keys of a Markdown source that are prose to translate (``front_matter_keys``).
FRONT_MATTER_KEYS = ("title", "subtitle", "description", "summary")


@dataclass(frozen=True)
class SourceOptions:
    """What a parser needs from the project: the source language (an element of an HTML source in
    another ``lang`` is not translated) and the front matter keys that are prose."""

    language: str = "es"
    front_matter_keys: tuple[str, ...] = FRONT_MATTER_KEYS


DEFAULT_OPTIONS = SourceOptions()


class SourceSyntaxError(ValueError):
    """A source its parser cannot read, at ``line``; loading names the file and says it."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


class Kind(StrEnum):
    """What a segment is in its document; templates and checks treat each kind its own way."""

    TITLE = "title"
    CAPTION = "caption"
    PARAGRAPH = "paragraph"


# The label of an item of a numbered list (a bulleted one's is "list item"), in every format.
NUMBERED_ITEM = "numbered list item"


class CellPlace(NamedTuple):
    """Where a table cell is: its row and column from 0 (row 0 the header row) and how many
    columns it spans. Cells compare in reading order."""

    row: int
    column: int
    columns: int = 1


@dataclass(frozen=True)
class Segment:
    """One paragraph of a source document, exactly as written (soft wraps joined)."""

    text: str
    kind: Kind
    line: int  # 1-based line where the paragraph starts in the source file
    # The extracted comment ``#. type: <label>`` (po4a's convention), e.g. "heading 2", "list item";
    # empty means the kind's own name.
    label: str = ""
    # Where the paragraph lies in Document.source_text, [start, end): single-language editions in
    # the source's own format are that text with each span replaced by its translation.
    span: tuple[int, int] | None = None
    # A numbered list item's number as written (``3.`` is 3), so a page's list counts as the
    # source's does.
    number: int | None = None
    # A table cell's place: pages rebuild the table from them, and a cell left empty in the
    # source (no segment) keeps the columns after it in place.
    cell: CellPlace | None = None

    @property
    def type_label(self) -> str:
        return self.label or self.kind.value


@dataclass(frozen=True)
class CodeBlock:
    """A block of a source kept as written in every language (a Markdown code block)."""

    line: int  # 1-based line where the block starts in the source file
    text: str  # its content, without the fences or the indentation that make it code
    language: str = ""  # the info string's first word (```json), if any


@dataclass(frozen=True)
class Document:
    """A source document: its id (the file name's stem, a slug) and its segments in order."""

    doc_id: str
    path: Path
    segments: tuple[Segment, ...]
    # The source's format ("text", "markdown", "html"): the markup its segments' text holds.
    format: str = "text"
    source_text: str = ""  # the normalised text the segments' spans point into
    # What the document was read with: a rebuilder walks the source as its parser did.
    options: SourceOptions = DEFAULT_OPTIONS
