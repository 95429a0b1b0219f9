"""Editions of formats whose segments carry spans: the source with each span replaced."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.document import Document


def rebuild_by_spans(document: Document, texts: Sequence[str], lang: str) -> str:
    """``document.source_text`` with each segment's span replaced by its text, in order.

    Formats whose segments carry spans (text, Markdown) are rebuilt this way: everything between
    segments (markup, code, blank lines) stays byte for byte as the source has it.
    """
    pieces: list[str] = []
    cursor = 0
    for segment, replacement in zip(document.segments, texts, strict=True):
        if segment.span is None:
            raise ValueError(f"{document.doc_id}: segment at line {segment.line} has no span")
        start, end = segment.span
        pieces += [document.source_text[cursor:start], replacement]
        cursor = end
    pieces.append(document.source_text[cursor:])
    return "".join(pieces)
