"""A document and its catalogs → aligned rows: one per source paragraph, a cell per language.

This is the data every published layout is drawn from; it knows nothing about HTML or Markdown.
The alignment is by construction: a row is made from one source segment, so no translation can
drift into a neighbouring paragraph however long or short it is.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

import polib

from pipeline.document import CellPlace, CodeBlock, Document, Kind
from pipeline.sources import References, format_named
from pipeline.units import is_reviewed, is_translated, live_entries, percent_of, word_count


class Status(StrEnum):
    """What a reader is shown in one cell, and why."""

    SOURCE = "source"
    REVIEWED = "reviewed"  # the entry's state (pipeline.units) is reviewed
    DRAFT = "draft"  # a machine draft or a carried-over translation, not yet reviewed
    UNTRANSLATED = "untranslated"  # no entry, or no translation (whitespace is none)
    WITHHELD = "withheld"  # a draft left out because only reviewed text is published


@dataclass(frozen=True)
class Cell:
    """One language's text of one paragraph; ``text`` is empty when there is nothing to show."""

    lang: str
    status: Status
    text: str = ""


@dataclass(frozen=True)
class Row:
    """One source paragraph and its translations, in the page's column order."""

    kind: Kind
    cells: tuple[Cell, ...]
    label: str = ""  # the segment's block ("heading 2", "list item", "blockquote"); "" in text
    # the body's heading 1 saying what the title row above it (a front matter title, an HTML
    # <title>) says: a page shows that text once; an edition in the source's format keeps both
    repeats_title: bool = False
    code_after: tuple[CodeBlock, ...] = ()  # the source's code blocks between it and the next row
    number: int | None = None  # a numbered list item's number in the source (Segment.number)
    cell: CellPlace | None = None  # a table cell's place (Segment.cell), row 0 the header

    @property
    def element(self) -> str:
        """The HTML block its text is shown in: the heading of its level, a list item, a quote."""
        if self.kind is Kind.TITLE:
            return "h1"
        if self.label.startswith("heading "):
            return f"h{min(6, max(2, int(self.label.split()[1])))}"
        if self.label.endswith("list item"):
            return "li"
        return "blockquote" if self.label == "blockquote" else "p"


@dataclass(frozen=True)
class Coverage:
    """How much of a document's source text is reviewed in one language, counted in words."""

    lang: str
    reviewed_words: int
    total_words: int

    @property
    def percent(self) -> float:
        return percent_of(self.reviewed_words, self.total_words)


@dataclass(frozen=True)
class ParallelText:
    """A document's aligned rows; ``languages`` are the columns, the source language first."""

    doc_id: str
    title: str
    languages: tuple[str, ...]
    rows: tuple[Row, ...]
    format: str = "text"  # the source's format: the inline markup its texts hold
    # the document's link reference definitions, which its texts' ``[text][label]``s link by
    references: References = field(default_factory=dict)
    code_before: tuple[CodeBlock, ...] = ()  # code blocks before the first row shown

    def columns(self, languages: tuple[str, ...]) -> ParallelText:
        """The same text with only the given columns, in the given order."""
        index = [self.languages.index(lang) for lang in languages]
        rows = tuple(replace(row, cells=tuple(row.cells[i] for i in index)) for row in self.rows)
        return replace(self, languages=languages, rows=rows)

    @property
    def page_rows(self) -> tuple[Row, ...]:
        """The rows a page shows: each but a heading that repeats the title."""
        return tuple(row for row in self.rows if not row.repeats_title)

    def has(self, status: Status) -> bool:
        return any(cell.status is status for row in self.page_rows for cell in row.cells)


def align(
    document: Document,
    source_language: str,
    catalogs: Mapping[str, polib.POFile],
    *,
    reviewed_only: bool = False,
) -> ParallelText:
    """Rows for every segment of ``document``, a column per catalog in the mapping's order."""
    lookups = {lang: translations(catalog) for lang, catalog in catalogs.items()}
    repeat = title_repeat(document)
    rows = tuple(
        Row(
            kind=segment.kind,
            label=segment.label,
            repeats_title=index == repeat,
            number=segment.number,
            cell=segment.cell,
            cells=(Cell(source_language, Status.SOURCE, segment.text),)
            + tuple(
                translated_cell(lang, lookup.get(segment.text), reviewed_only=reviewed_only)
                for lang, lookup in lookups.items()
            ),
        )
        for index, segment in enumerate(document.segments)
    )
    found = format_named(document.format)  # None for a Document made by hand, as tests do
    blocks = found.code_blocks(document.source_text) if found is not None else []
    code_before, rows = _with_code_blocks(document, rows, blocks)
    return ParallelText(
        doc_id=document.doc_id,
        title=headline(document),
        languages=(source_language, *catalogs),
        rows=rows,
        format=document.format,
        references=found.references(document.source_text) if found is not None else {},
        code_before=code_before,
    )


def _with_code_blocks(
    document: Document, rows: tuple[Row, ...], blocks: list[CodeBlock]
) -> tuple[tuple[CodeBlock, ...], tuple[Row, ...]]:
    """The document's code blocks placed where the source has them: each after the last row a
    page shows whose segment starts above it (a hidden repeat of the title is no place), those
    above every such row first."""
    shown = [
        (segment.line, index)
        for index, segment in enumerate(document.segments)
        if not rows[index].repeats_title
    ]
    before: list[CodeBlock] = []
    after: dict[int, list[CodeBlock]] = {}
    for block in blocks:
        place = bisect.bisect_left(shown, (block.line, -1)) - 1
        (after.setdefault(shown[place][1], []) if place >= 0 else before).append(block)
    placed = tuple(replace(row, code_after=tuple(after.get(i, ()))) for i, row in enumerate(rows))
    return tuple(before), placed


def translations(catalog: polib.POFile) -> dict[str, polib.POEntry]:
    """The catalog's live entries by msgid (the source paragraph exactly as written)."""
    return {entry.msgid: entry for entry in live_entries(catalog) if not entry.msgctxt}


def translated_cell(lang: str, entry: polib.POEntry | None, *, reviewed_only: bool) -> Cell:
    """A translation cell; the source text is never put in it as a stand-in."""
    if entry is None or not is_translated(entry):
        return Cell(lang, Status.UNTRANSLATED)
    if is_reviewed(entry):
        return Cell(lang, Status.REVIEWED, entry.msgstr)
    return Cell(lang, Status.WITHHELD) if reviewed_only else Cell(lang, Status.DRAFT, entry.msgstr)


def coverage(document: Document, lang: str, catalog: polib.POFile) -> Coverage:
    """Share of the document's source words whose translation is reviewed.

    Each distinct paragraph counts once, as its catalog entry does in ``status``
    (:func:`pipeline.units.word_count`), so ``--min-reviewed`` and ``--fail-under`` agree.
    """
    lookup = translations(catalog)
    reviewed = total = 0
    for text in dict.fromkeys(segment.text for segment in document.segments):
        words = word_count(text)
        total += words
        entry = lookup.get(text)
        if entry is not None and is_reviewed(entry):
            reviewed += words
    return Coverage(lang, reviewed, total)


def title_repeat(document: Document) -> int | None:
    """The index of the first heading 1 that says what the document's title (a front matter
    title, an HTML page's <title>, read first) says; None when there is none."""
    segments = document.segments
    if not segments or segments[0].kind is not Kind.TITLE:
        return None
    return next(
        (
            index
            for index, segment in enumerate(segments[1:], start=1)
            if segment.label == "heading 1" and segment.text == segments[0].text
        ),
        None,
    )


def headline(document: Document) -> str:
    """The document's headline, or its id when it starts with something else."""
    first = document.segments[0]
    return first.text if first.kind is Kind.TITLE else document.doc_id
