"""Plain text sources: paragraphs separated by blank lines, a single line break a soft wrap."""

from __future__ import annotations

import re

from pipeline.document import DEFAULT_OPTIONS, Kind, Segment, SourceOptions

# Short lines without final punctuation are headlines (first) or captions/credits (elsewhere).
HEADLINE_MAX_CHARS = 200
CAPTION_MAX_CHARS = 120
_FINAL_PUNCTUATION = tuple('.!?…:;»"”)')
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def segment_text(text: str, options: SourceOptions = DEFAULT_OPTIONS) -> list[Segment]:
    """Split text into paragraphs and classify them.

    Paragraphs are separated by blank lines and a single line break inside one is a soft wrap.
    A text with no blank line at all but several lines uses one line per paragraph.
    """
    blocks = _paragraph_blocks(text)
    line_starts = line_offsets(text)
    segments: list[Segment] = []
    for line, block in blocks:
        paragraph = _join_soft_wraps(block)
        kind = _classify(paragraph, is_first=not segments)
        start = line_starts[line - 1]
        span = (start, line_starts[line - 1 + len(block) - 1] + len(block[-1]))
        segments.append(Segment(text=paragraph, kind=kind, line=line, span=span))
    return segments


def line_offsets(text: str) -> list[int]:
    """The offset in ``text`` at which each line starts."""
    offsets = [0]
    offsets.extend(match.end() for match in re.finditer("\n", text))
    return offsets


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
