"""Single-language editions: each target language's own document, block by block.

An edition shows in each source block what the parallel pages show in that language's column
(reviewed translations, and drafts unless only reviewed text is published). A block with nothing
to show holds the whole edition back, unless the user asked for the source text in its place
(``fallback_source``): a document pasted into a CMS must never miss a paragraph unseen. Where the
source stands in, its cell is the source's own (``Status.SOURCE``, the source's language), so the
HTML page can mark it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from pipeline.document import Document, Kind
from pipeline.parallel import ParallelText
from pipeline.sources import SourceFormat, format_named
from pipeline.sources.html import is_whole_page


@dataclass(frozen=True)
class Edition:
    """One language's document: ``text`` has a single column, one row per source block."""

    lang: str
    text: ParallelText
    missing: int  # blocks with nothing to show in this language (the source stands in, or none)
    total: int

    @property
    def complete(self) -> bool:
        return self.missing == 0


def edition(text: ParallelText, lang: str, *, fallback_source: bool) -> Edition:
    """``lang``'s edition of an aligned text (which must have a column for ``lang``)."""
    column = text.languages.index(lang)
    rows, missing = [], 0
    for row in text.rows:
        cell = row.cells[column]
        if not cell.text:
            # a heading repeating the title is shown once, in the title row
            missing += 0 if row.repeats_title else 1
            if fallback_source:
                cell = row.cells[0]
        rows.append(replace(row, cells=(cell,)))
    head = rows[0].cells[0] if rows and rows[0].kind is Kind.TITLE else None
    title = head.text if head is not None and head.text else text.doc_id
    own = replace(text, languages=(lang,), rows=tuple(rows), title=title)
    return Edition(lang, own, missing, len(own.page_rows))


def source_format(document: Document) -> SourceFormat:
    """The registered format the document was read in, which writes its editions back."""
    found = format_named(document.format)
    if found is None:  # a Document is only made by a registered parser
        raise ValueError(f"{document.doc_id}: no source format is registered as {document.format}")
    return found


FRAGMENT_SUFFIX = ".fragment.html"


def own_file_name(document: Document, lang: str) -> str:
    """The name of ``lang``'s edition in the source's format: ``en.md``, ``en.txt``; an HTML
    page's is ``en.html`` (the language's page itself), an HTML fragment's ``en.fragment.html``
    (for pasting into a CMS; not a page, so the language's page is made beside it)."""
    suffix = source_format(document).suffix
    if suffix == ".html" and not is_whole_page(document.source_text):
        suffix = FRAGMENT_SUFFIX
    return f"{lang}{suffix}"


def in_source_format(document: Document, complete: Edition) -> str:
    """The edition as a file of the source's own format: the source with each block's text
    replaced, everything between blocks (markup, links' targets, code, blank lines) kept."""
    texts = [row.cells[0].text for row in complete.text.rows]
    return source_format(document).rebuild(document, texts, complete.lang)
