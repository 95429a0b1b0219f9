"""Markdown sources (CommonMark with tables and strikethrough), parsed by markdown-it-py.

YAML front matter at the top gives the values of its prose keys (``pipeline.sources.front_matter``).
Each translatable block is one segment: headings, paragraphs, the paragraphs of list items and
block quotes, table cells. Code, HTML blocks and link reference definitions are not text to
translate. A segment's text is its inline content as written (``**b**``, ``[t](url)`` kept), so a
translator sees and keeps the markup; its span covers that content in the source, so an edition in
Markdown is the source with each span replaced.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination, parseLinkTitle
from markdown_it.token import Token

from pipeline.document import (
    DEFAULT_OPTIONS,
    NUMBERED_ITEM,
    CellPlace,
    CodeBlock,
    Document,
    Kind,
    Segment,
    SourceOptions,
)
from pipeline.sources import html
from pipeline.sources.front_matter import LABEL as FRONT_MATTER
from pipeline.sources.front_matter import blanked, front_matter_segments, yaml_scalar
from pipeline.sources.markup import Markup, Role
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
    containers: list[tuple[str, int | None]] = []  # each open container's label and number
    cursor = 0
    place = _TablePlace()
    for index, token in enumerate(tokens):
        place.follow(token)
        if token.type in _CONTAINER_LABELS:
            containers.append(_container(token))
        elif token.type in ("list_item_close", "blockquote_close"):
            containers.pop()
        elif token.type == "inline" and token.content.strip() and token.map:
            opener = tokens[index - 1]
            in_cell = opener.type in _CELL_OPENERS
            span = _span(text, lines, starts, token, cursor, cell=in_cell)
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
                    number=containers[-1][1] if containers and not in_cell else None,
                    cell=place.cell if in_cell else None,
                )
            )
    return segments


def _container(opener: Token) -> tuple[str, int | None]:
    """A list item's or block quote's label, and a numbered item's number (markdown-it gives it
    as the item's ``info``, the digits before its ``.`` or ``)``)."""
    if opener.type == "list_item_open" and opener.info.isdigit():
        return NUMBERED_ITEM, int(opener.info)
    return _CONTAINER_LABELS[opener.type], None


class _TablePlace:
    """The place of the table cell the token walk is in: row 0 is the header row."""

    def __init__(self) -> None:
        self.cell = CellPlace(-1, -1)

    def follow(self, token: Token) -> None:
        row, column, _ = self.cell
        if token.type == "table_open":
            self.cell = CellPlace(-1, -1)
        elif token.type == "tr_open":
            self.cell = CellPlace(row + 1, -1)
        elif token.type in _CELL_OPENERS:
            self.cell = CellPlace(row, column + 1)


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


def references(source_text: str) -> dict[str, dict[str, object]]:
    """The link reference definitions of a Markdown document (``[label]: url "title"``), by
    normalised label, as markdown-it reads them (a ``javascript:`` target is no definition)."""
    env: dict[str, dict[str, dict[str, object]]] = {}
    _PARSER.parse(blanked(source_text), env)
    return env.get("references", {})


def code_blocks(source_text: str) -> list[CodeBlock]:
    """The code blocks of a Markdown document (fenced and indented), in order: no segment holds
    them, and a page of any language shows them as written."""
    return [
        CodeBlock(token.map[0] + 1, token.content, token.info.split()[0] if token.info else "")
        for token in _PARSER.parse(blanked(source_text))
        if token.type in ("fence", "code_block") and token.map
    ]


def verbatim_spans(
    text: str, references: Mapping[str, object] | None = None
) -> list[tuple[int, int]]:
    """Where ``text`` (one segment's inline Markdown) has markup no model may translate: code
    spans (backticks included), and every stretch between the words markdown-it reads as text:
    emphasis delimiters (``**``, ``_``), a link's brackets and destination (``](url "``),
    or label (``][label]``) where ``references`` (the document's, :func:`references`) defines
    it (a ``[label]`` or ``[label][]`` whole: its words are the label), an image's ``![`` and
    ``](src)``, inline HTML, autolinks, escapes. The title of a link or an image is prose: only
    its delimiters are kept (``](url "`` and ``")`` are two spans).

    The model then carries each piece of markup as a placeholder, and one it loses is reported
    on the entry (:mod:`pipeline.protect`). Where a text token cannot be found (see
    :func:`markup`), the rest of the text is left as it is.
    """
    return _Walk(text, references).spans


def markup(text: str) -> list[Markup]:
    """The pieces of markup in ``text`` with their roles (:mod:`.markup`): each code span, and
    each stretch between the words markdown-it reads as text, which opens elements (``**``,
    ``[``), closes them (``](url)``) or, doing both or neither, stands alone.

    Places are found by searching each text token in order from where the last one ended
    (markdown-it gives tokens, not offsets); from a token that cannot be found (an escape
    changes its text), the rest is left as text.
    """
    return _Walk(text).pieces


@dataclass(frozen=True)
class _Event:
    """An element opened or closed (or a token standing alone) between two texts, and how it is
    written where the token says (``**``, ``[``), else None (a link's ``](url)``)."""

    role: Role
    name: str
    written: str | None


_SPACE = None  # a text token of whitespace only: the markup around it is two pieces
_OPENED_AS = {"link": "[", "image": "!["}


class _Walk:
    """markdown-it's inline tokens of ``text`` walked in order: the markup found between them
    (``pieces``) and where the walk stopped (``cursor``, -1 once a token could not be found)."""

    def __init__(self, text: str, references: Mapping[str, object] | None = None) -> None:
        self.text = text
        self.pieces: list[Markup] = []
        self.spans: list[tuple[int, int]] = []  # each stretch of markup whole, and code spans
        self.cursor = 0
        # Where the next text may start: after a link's destination, which may hold its words.
        self._floor = 0
        self._events: list[_Event | None] = []  # since the last text
        # A copy: markdown-it keeps its env, and the document's definitions are not the walk's.
        for block in _PARSER.parseInline(text, {"references": dict(references or {})}):
            self._tokens(block.children or [])
        if self.cursor >= 0:
            self._markup_until(len(text))

    def _tokens(self, tokens: list[Token]) -> None:
        remaining = iter(tokens)
        for token in remaining:
            if self.cursor < 0:
                return
            if token.type == "code_inline":
                self._code(token.markup)
            elif token.type == "image":  # its alt text is prose, its brackets and source are not
                self._events.append(_Event(Role.OPEN, "image", "!["))
                self._tokens(token.children or [])
                self._events.append(_Event(Role.CLOSE, "image", None))
                self._close_link()
            elif token.type == "text" and token.content.strip():
                found = self.text.find(token.content, max(self.cursor, self._floor))
                if found < 0:
                    self.cursor = -1
                    return
                self._markup_until(found)
                self.cursor = found + len(token.content)
            elif token.type == "text":
                self._events.append(_SPACE)
            elif token.type == "link_open" and self._label_link():
                # its words are inside it; links do not nest, so the next close is its own
                next(inner for inner in remaining if inner.type == "link_close")
            else:
                self._events += _events(token)
                if token.type == "link_close" and token.markup != "autolink":
                    self._close_link()

    def _close_link(self) -> None:
        """After a link's or image's closing: its title, if any, is text like the words."""
        self._floor, title = _after_link(self.text, self.cursor)
        if title is not None and self.text[title[0] : title[1]].strip():
            self._markup_until(title[0])
            self.cursor = title[1]

    def _label_link(self) -> bool:
        """Whether the link opening here is ``[label]`` or ``[label][]``, whose text is the
        label it links by: kept whole as written (a translated label links nowhere)."""
        opening = self.text.find("[", max(self.cursor, self._floor))
        closing = _after_link(self.text, opening + 1)[0] if opening >= 0 else -1
        bracket = self.text.find("]", opening)
        if closing < 0 or self.text[bracket + 1 : closing] not in ("", "[]"):
            return False
        self._verbatim(opening, closing)
        return True

    def _code(self, run: str) -> None:
        opening = _backtick_run(self.text, run, self.cursor)
        closing = _backtick_run(self.text, run, opening + len(run))
        if opening < 0 or closing < 0:
            self.cursor = -1
            return
        self._verbatim(opening, closing + len(run))

    def _verbatim(self, start: int, end: int) -> None:
        """``text[start:end]`` kept as written, standing alone."""
        self._markup_until(start)
        self.cursor = end
        self.pieces.append(Markup(start, end, Role.STANDALONE))
        self.spans.append((start, end))

    def _markup_until(self, end: int) -> None:
        """The markup in ``text[cursor:end]``, without the whitespace around it, if any: one
        piece, or more where whitespace parts pieces whose written form is known (``](u) **``
        is a link's closing and an opening of strong emphasis)."""
        groups: list[list[_Event]] = [[]]
        for event in self._events:
            if event is _SPACE:
                groups.append([])
            else:
                groups[-1].append(event)
        self._events = []
        if not self.text[self.cursor : end].strip():
            return
        self.spans.append(_stripped(self.text, self.cursor, end))
        groups = [group for group in groups if group]
        pieces: list[Markup] = []
        while len(groups) > 1:
            if any(event.written is None for event in groups[-1]):
                break
            written = "".join(event.written or "" for event in groups[-1])
            region = self.text[self.cursor : end].rstrip()
            start = self.cursor + len(region) - len(written)
            if not region.endswith(written) or not region[: start - self.cursor].endswith(
                (" ", "\t")
            ):
                break
            pieces.insert(0, _piece(start, start + len(written), groups.pop()))
            end = start
        if self.text[self.cursor : end].strip():
            start, stop = _stripped(self.text, self.cursor, end)
            pieces.insert(0, _piece(start, stop, [e for group in groups for e in group]))
        self.pieces += pieces


def _after_link(text: str, start: int) -> tuple[int, tuple[int, int] | None]:
    """Where the closing of a link or image whose text ends at ``start`` ends: its ``]`` and
    then ``(destination "title")``, ``[label]`` or nothing, read with markdown-it's own helpers;
    and where the title's text lies, inside its delimiters, if it has one."""
    bracket = text.find("]", start)
    if bracket < 0:
        return start, None
    at = bracket + 1
    if text.startswith("[", at):
        label_end = text.find("]", at)
        return (label_end + 1 if label_end >= 0 else at), None
    if not text.startswith("(", at):
        return at, None
    at = _after_spaces(text, at + 1)
    destination = parseLinkDestination(text, at, len(text))
    if destination.ok:
        at = _after_spaces(text, destination.pos)
    title = parseLinkTitle(text, at, len(text))
    words = None
    if title.ok and at > 0 and text[at - 1] in " \t\n":  # a title is parted from its destination
        words = (at + 1, title.pos - 1)
        at = _after_spaces(text, title.pos)
    if not text.startswith(")", at):
        return at, None
    return at + 1, words


def _after_spaces(text: str, at: int) -> int:
    return len(text) - len(text[at:].lstrip(" \t\n")) if at < len(text) else at


def _events(token: Token) -> list[_Event]:
    """What a token other than text, code and image opens, closes or is."""
    if token.type == "html_inline":
        return [
            _Event(piece.role, piece.names[0] if piece.names else "html", token.content)
            for piece in html.markup(token.content)
        ]
    name = token.type.rsplit("_", 1)[0]
    if token.nesting > 0:
        written = "<" if token.markup == "autolink" else _OPENED_AS.get(name, token.markup)
        return [_Event(Role.OPEN, name, written or None)]
    if token.nesting < 0:
        written = ">" if token.markup == "autolink" else token.markup
        return [
            _Event(Role.CLOSE, name, None if name == "link" and written != ">" else written or None)
        ]
    return [_Event(Role.STANDALONE, token.type, None)]


def _piece(start: int, end: int, events: list[_Event]) -> Markup:
    """The markup ``[start, end)`` written by ``events``: an opening or a closing when that is
    all they do, else standing alone."""
    roles = {event.role for event in events}
    if len(roles) == 1 and Role.STANDALONE not in roles:
        return Markup(start, end, roles.pop(), tuple(event.name for event in events))
    return Markup(start, end, Role.STANDALONE)


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


def _kind_and_label(
    opener: Token, containers: list[tuple[str, int | None]], *, has_title: bool
) -> tuple[Kind, str]:
    if opener.type == "heading_open":
        level = int(opener.tag[1:])
        kind = Kind.TITLE if level == 1 and not has_title else Kind.PARAGRAPH
        return kind, f"heading {level}"
    if opener.type in _CELL_OPENERS:
        return Kind.PARAGRAPH, "table cell"
    return Kind.PARAGRAPH, containers[-1][0] if containers else "paragraph"


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
