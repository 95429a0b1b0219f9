"""Markdown sources (CommonMark with tables and strikethrough), parsed by markdown-it-py.

YAML front matter at the top gives the values of its prose keys (``pipeline.sources.front_matter``).
Each translatable block is one segment: headings, paragraphs, the paragraphs of list items and
block quotes, table cells. Code, HTML blocks and link reference definitions are not text to
translate. A segment's text is its inline content as written (``**b**``, ``[t](url)`` kept), so a
translator sees and keeps the markup; its span covers that content in the source, so an edition in
Markdown is the source with each span replaced.
"""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from pipeline.document import DEFAULT_OPTIONS, Document, Kind, Segment, SourceOptions
from pipeline.sources.front_matter import LABEL as FRONT_MATTER
from pipeline.sources.front_matter import blanked, front_matter_segments, yaml_scalar
from pipeline.sources.spans import rebuild_by_spans
from pipeline.sources.text import line_offsets

_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# The innermost container names a paragraph's label; a bare paragraph is a "paragraph".
_CONTAINER_LABELS = {"list_item_open": "list item", "blockquote_open": "blockquote"}
_CELL_OPENERS = ("th_open", "td_open")


def segment_markdown(text: str, options: SourceOptions = DEFAULT_OPTIONS) -> list[Segment]:
    """The translatable blocks of a Markdown text, in order, after the values of its front
    matter's ``options.front_matter_keys``."""
    segments = front_matter_segments(text, options.front_matter_keys)
    text = blanked(text)
    tokens = _PARSER.parse(text)
    lines = text.split("\n")
    starts = line_offsets(text)
    containers: list[str] = []
    cursor = 0
    for index, token in enumerate(tokens):
        if token.type in _CONTAINER_LABELS:
            containers.append(_CONTAINER_LABELS[token.type])
        elif token.type in ("list_item_close", "blockquote_close"):
            containers.pop()
        elif token.type == "inline" and token.content.strip() and token.map:
            opener = tokens[index - 1]
            span = _span(text, lines, starts, token, cursor, cell=opener.type in _CELL_OPENERS)
            cursor = span[1]
            kind, label = _kind_and_label(opener, containers, has_title=_has_title(segments))
            # A cell's own text, not markdown-it's, which has unescaped its ``\|``s.
            written = text[span[0] : span[1]] if label == "table cell" else None
            segments.append(
                Segment(
                    text=written or _join_soft_breaks(token.content),
                    kind=kind,
                    line=token.map[0] + 1,
                    label=label,
                    span=span,
                )
            )
    return segments


def rebuild_markdown(document: Document, texts: Sequence[str], lang: str) -> str:
    """The source with each segment's span replaced by its text; a front matter value written as
    a YAML scalar, quoted where the translation needs it."""
    source = document.source_text
    written = [
        yaml_scalar(text, source[segment.span[0] : segment.span[1]])
        if segment.label.startswith(FRONT_MATTER) and segment.span is not None
        else text
        for segment, text in zip(document.segments, texts, strict=True)
    ]
    return rebuild_by_spans(document, written, lang)


def verbatim_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` (one segment's inline Markdown) has markup no model may translate: code
    spans (backticks included), and every stretch between the words markdown-it reads as text:
    emphasis delimiters (``**``, ``_``), a link's brackets and destination (``](url "title")``),
    an image's ``![`` and ``](src)``, inline HTML, autolinks, escapes.

    The model then carries each piece of markup as a placeholder, and one it loses is reported
    on the entry (:mod:`pipeline.protect`). Places are found by searching each text token in
    order from where the last one ended (markdown-it gives tokens, not offsets); where a token
    cannot be found, the rest of the text is left as it is.
    """
    spans: list[tuple[int, int]] = []
    cursor = 0
    for block in _PARSER.parseInline(text):
        cursor = _markup_between_text(text, block.children or [], cursor, spans)
    if cursor >= 0 and text[cursor:].strip():
        spans.append(_stripped(text, cursor, len(text)))
    return spans


def _markup_between_text(
    text: str, tokens: list[Token], cursor: int, spans: list[tuple[int, int]]
) -> int:
    """Add the markup before each text token of ``tokens`` to ``spans``; the cursor after the
    last one found (-1 once a token cannot be found)."""
    for token in tokens:
        if cursor < 0:
            return cursor
        if token.type == "code_inline":
            opening = _backtick_run(text, token.markup, cursor)
            closing = _backtick_run(text, token.markup, opening + len(token.markup))
            if opening < 0 or closing < 0:
                return -1
            _markup(text, cursor, opening, spans)
            cursor = closing + len(token.markup)
            spans.append((opening, cursor))
        elif token.type == "image":  # its alt text is prose, its brackets and source are not
            cursor = _markup_between_text(text, token.children or [], cursor, spans)
        elif token.type == "text" and token.content.strip():
            found = text.find(token.content, cursor)
            if found < 0:
                return -1
            _markup(text, cursor, found, spans)
            cursor = found + len(token.content)
    return cursor


def _markup(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """The markup in ``text[start:end]``, without the whitespace around it, if there is any."""
    if text[start:end].strip():
        spans.append(_stripped(text, start, end))


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    return start + lead, start + lead + len(piece.strip())


def _backtick_run(text: str, run: str, start: int) -> int:
    """Where a run of exactly ``run``'s backticks starts in ``text`` from ``start``; -1 if none."""
    found = text.find(run, start)
    while found >= 0:
        before = text[found - 1] if found > 0 else ""
        after_end = found + len(run)
        if before != "`" and text[after_end : after_end + 1] != "`":
            return found
        while after_end < len(text) and text[after_end] == "`":
            after_end += 1
        found = text.find(run, after_end)
    return -1


def _has_title(segments: list[Segment]) -> bool:
    return any(segment.kind is Kind.TITLE for segment in segments)


def _kind_and_label(opener: Token, containers: list[str], *, has_title: bool) -> tuple[Kind, str]:
    if opener.type == "heading_open":
        level = int(opener.tag[1:])
        kind = Kind.TITLE if level == 1 and not has_title else Kind.PARAGRAPH
        return kind, f"heading {level}"
    if opener.type in _CELL_OPENERS:
        return Kind.PARAGRAPH, "table cell"
    return Kind.PARAGRAPH, containers[-1] if containers else "paragraph"


def _join_soft_breaks(content: str) -> str:
    return " ".join(line.strip(" \t") for line in content.split("\n"))


def _span(
    text: str, lines: list[str], starts: list[int], inline: Token, cursor: int, *, cell: bool
) -> tuple[int, int]:
    """[start, end) of the inline content in ``text``: from its first line's content to its last's.

    markdown-it gives line ranges only, so each end is found in its line: a content line is its
    source line less the block markers before it (and the closing ``#``s of a heading); a table
    cell is searched from ``cursor`` (the end of the previous segment), as cells share a line.
    """
    content_lines = [line.strip(" \t") for line in inline.content.split("\n")]
    first, last = inline.map[0], inline.map[0] + len(content_lines) - 1
    line = lines[first].rstrip(" \t")
    if not cell and line.endswith(content_lines[0]):
        end = starts[first] + len(line)
        start = end - len(content_lines[0])
    else:
        start, end = _locate(
            text, content_lines[0], max(cursor, starts[first]), starts[first] + len(line)
        )
    if last == first:
        return start, end
    return start, starts[last] + len(lines[last].rstrip(" \t"))


def _locate(text: str, content: str, begin: int, line_end: int) -> tuple[int, int]:
    """Where ``content`` lies in ``text[begin:line_end]`` as written: markdown-it unescapes a
    table cell's ``\\|``s, so the content with its pipes escaped again is looked for too."""
    for written in (content, content.replace("|", "\\|")):
        found = text.find(written, begin, line_end)
        if found >= 0:
            return found, found + len(written)
    # Not reached for any content markdown-it takes from a line; the whole rest of it then.
    return begin, line_end
