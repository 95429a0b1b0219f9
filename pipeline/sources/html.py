"""HTML sources (a fragment or a whole page, as a CMS exports them), parsed by lxml's HTML parser.

The text of an element that is not inline (``p``, ``h2``, ``li``, ``figcaption``, ``td``, ``div``,
...) is one segment per run of inline content, labelled by the innermost element that names a
block (a paragraph of a ``blockquote`` is a "blockquote", as in Markdown). A segment's text is that
run serialised, inline tags kept as tags (as po4a shows them), whitespace collapsed. ``alt`` and
``title`` attributes outside such a run are segments of their own (and a page's
``<meta name="description">``); inside one they are part of
its text. Not translated, as the HTML standard says: ``script``, ``style``, ``pre``, ``code`` and
the like, comments, an element with ``translate="no"`` and one whose ``lang`` is not the source
language (inline, such elements stay in the text, kept from the model by ``verbatim_spans``).

lxml gives no character offsets, so an edition is not the source with spans replaced: the source
is parsed again, walked as the parser walked it, each run and attribute replaced, and serialised
by lxml (well-formed), with ``lang``/``dir`` of the target language on ``<html>``.
"""

from __future__ import annotations

import html as html_text
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from urllib.parse import urlsplit

import lxml.html
from babel import Locale, UnknownLocaleError
from lxml import etree

from pipeline.document import (
    DEFAULT_OPTIONS,
    NUMBERED_ITEM,
    Document,
    Kind,
    Segment,
    SourceOptions,
    SourceSyntaxError,
)
from pipeline.sources.html_places import list_number, table_cell
from pipeline.sources.markup import Markup, Role
from pipeline.sources.text import line_offsets

# Phrasing content: it sits inside a block's text rather than making a block of its own.
INLINE_TAGS = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "font"}
    | {"i", "img", "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strong"}
    | {"sub", "sup", "time", "u", "var", "wbr", "script", "style"}
)
# Code and machinery: never translated, never searched for text.
_NOT_TEXT = frozenset(
    {"script", "style", "pre", "code", "kbd", "samp", "template", "noscript", "textarea"}
    | {"select", "svg", "math", "iframe", "object"}
)
_TRANSLATABLE_ATTRIBUTES = ("alt", "title")
_LABELS = {
    **{f"h{level}": f"heading {level}" for level in range(1, 7)},
    "title": "page title",
    "li": "list item",
    "blockquote": "blockquote",
    "figcaption": "caption",
    "caption": "caption",
    "td": "table cell",
    "th": "table cell",
    "dt": "term",
    "dd": "definition",
}
_CAPTIONS = ("caption",)
# HTML's whitespace (not NBSP, which a msgid keeps as written).
_SPACES = re.compile(r"[ \t\n\r\f]+")
_PARSER = lxml.html.HTMLParser(encoding="utf-8")
# What a page shows of a text as markup (any other tag is dropped, its text kept).
SAFE_TAGS = frozenset({"a", "em", "strong", "b", "i", "code", "span", "br", "sub", "sup"})
SAFE_ATTRIBUTES = frozenset({"href", "title", "lang", "dir"})
_SAFE_SCHEMES = ("", "http", "https", "mailto")
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]")  # browsers drop these from a URL before reading it


@dataclass
class _Run:
    """The inline content of ``parent`` after ``lead`` (its ``text`` when None, else the child's
    ``tail``) through ``nodes``: what one segment's text is and what an edition replaces."""

    parent: lxml.html.HtmlElement
    lead: lxml.html.HtmlElement | None
    label: str
    nodes: list[lxml.html.HtmlElement] = field(default_factory=list)

    @property
    def written(self) -> str:
        lead = self.parent.text if self.lead is None else self.lead.tail
        pieces = [html_text.escape(lead or "", quote=False)]
        pieces += [etree.tostring(node, method="html", encoding="unicode") for node in self.nodes]
        return "".join(pieces)


@dataclass(frozen=True)
class _Attribute:
    element: lxml.html.HtmlElement
    name: str

    @property
    def label(self) -> str:
        return f"{self.name} attribute of {self.element.tag}"


_Slot = _Run | _Attribute


def segment_html(text: str, options: SourceOptions = DEFAULT_OPTIONS) -> list[Segment]:
    """The translatable runs and attributes of an HTML text, in document order."""
    root = _parse(text)
    if root is None:
        return []
    segments: list[Segment] = []
    for slot in _slots(root, options.language):
        if isinstance(slot, _Attribute):
            value = _collapse(slot.element.get(slot.name, ""))
            line = slot.element.sourceline or 1
            segments.append(Segment(value, Kind.PARAGRAPH, line, label=slot.label))
            continue
        kind = Kind.CAPTION if slot.label in _CAPTIONS else Kind.PARAGRAPH
        if slot.label in ("page title", "heading 1") and not _has_title(segments):
            kind = Kind.TITLE
        line = (slot.parent if slot.lead is None else slot.lead).sourceline or 1
        segments.append(_placed(Segment(_collapse(slot.written), kind, line, slot.label), slot))
    page_lang = root.get("lang")
    if not segments and page_lang is not None and not _same_language(page_lang, options.language):
        raise SourceSyntaxError(
            root.sourceline or 1,
            f'the page is marked lang="{page_lang}", not the source language '
            f"{options.language}, so nothing in it is translated; correct its lang, or the "
            "project's source_language",
        )
    return segments


def _placed(segment: Segment, run: _Run) -> Segment:
    """A list item's or table cell's segment with its place (``html_places``): a numbered
    item's label and number, a cell's row and column."""
    if segment.label == "list item":
        number = list_number(run.parent)
        if number is not None:
            return replace(segment, label=NUMBERED_ITEM, number=number)
    elif segment.label == "table cell":
        return replace(segment, cell=table_cell(run.parent))
    return segment


def rebuild_html(document: Document, texts: Sequence[str], lang: str) -> str:
    """The source page with each segment's text replaced by ``texts`` (inline HTML each), written
    by lxml, with ``lang`` and its direction on ``<html>``."""
    source = document.source_text
    root = _parse(source)
    if root is None:
        return source
    slots = list(_slots(root, document.options.language))
    if len(slots) != len(texts):
        raise ValueError(f"{document.doc_id}: {len(texts)} texts for {len(slots)} segments")
    for slot, replacement in zip(slots, texts, strict=True):
        if isinstance(slot, _Attribute):
            slot.element.set(slot.name, replacement)
        else:
            _replace_run(slot, replacement)
    return _serialise(root, source, lang)


def verbatim_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` (one segment's inline HTML) has markup no model may translate: every tag,
    entity and comment, and the whole of each inline element that is code or not to translate
    (``code``, ``translate="no"``, an element with its own ``lang``). Touching spans are one."""
    finder = _found(text)
    merged: list[tuple[int, int]] = []
    for start, end in sorted([(p.start, p.end) for p in finder.pieces] + finder.whole):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def markup(text: str) -> list[Markup]:
    """The tags, entities and comments of ``text`` with their roles (:mod:`.markup`): a start tag
    opens its element, an end tag closes it, and a void element, an entity, a comment or the
    whole of an element kept as written (as in :func:`verbatim_spans`) stands alone."""
    finder = _found(text)
    kept = [Markup(start, end, Role.STANDALONE) for start, end in finder.whole]
    outside = [
        piece
        for piece in finder.pieces
        if not any(start <= piece.start < end for start, end in finder.whole)
    ]
    return sorted(outside + kept, key=lambda piece: piece.start)


def _found(text: str) -> _MarkupFinder:
    finder = _MarkupFinder(text)
    finder.feed(text)
    finder.close()
    return finder


def safe_inline_html(text: str) -> str:
    """``text`` as a page may show it: only the whitelisted inline tags stay markup, with only
    their safe attributes (``href`` to http, https, mailto or a relative address); code elements
    and comments are dropped with their content, other tags dropped and their text kept."""
    fragment = lxml.html.fragment_fromstring(text or "", create_parent="div", parser=_PARSER)
    _clean(fragment, _Trusted())
    return _inner(fragment)


@dataclass(frozen=True)
class _Trusted:
    """Markup a source run has: in an edition, what a translation keeps of it stays as it is."""

    whole: frozenset[str] = frozenset()  # elements as written, content and all
    opening: frozenset[tuple[str, tuple[tuple[str, str], ...]]] = frozenset()  # tag, attributes

    @classmethod
    def of(cls, nodes: Sequence[lxml.html.HtmlElement]) -> _Trusted:
        inside = [element for node in nodes for element in node.iter()]
        return cls(frozenset(_written(element) for element in inside), frozenset(map(_key, inside)))

    def keeps_whole(self, node: lxml.html.HtmlElement) -> bool:
        return _written(node) in self.whole

    def keeps_opening(self, node: lxml.html.HtmlElement) -> bool:
        return (
            isinstance(node.tag, str) and node.tag not in _NOT_TEXT and _key(node) in self.opening
        )


def _written(node: lxml.html.HtmlElement) -> str:
    return etree.tostring(node, method="html", encoding="unicode", with_tail=False)


def _key(node: lxml.html.HtmlElement) -> tuple[str, tuple[tuple[str, str], ...]]:
    return str(node.tag), tuple(sorted(node.attrib.items()))


def _clean(parent: lxml.html.HtmlElement, trusted: _Trusted) -> None:
    """Make ``parent``'s content safe: markup ``trusted`` kept, the whitelist for the rest."""
    for node in list(parent):
        if trusted.keeps_whole(node):
            continue
        if trusted.keeps_opening(node):
            _clean(node, trusted)
        elif not isinstance(node.tag, str) or node.tag in _NOT_TEXT - {"code", "kbd", "samp"}:
            node.drop_tree()
        else:
            _clean(node, trusted)
            if node.tag not in SAFE_TAGS:
                node.drop_tag()
                continue
            for name, value in list(node.attrib.items()):
                if name not in SAFE_ATTRIBUTES or (name == "href" and not _safe_href(value)):
                    del node.attrib[name]


def _safe_href(value: str) -> bool:
    """An address with a safe scheme, or relative; a colon before any ``/?#`` that no scheme
    explains (``java%09script:``) is refused rather than guessed at."""
    address = _URL_IGNORED.sub("", value)
    try:
        scheme = urlsplit(address).scheme.lower()
    except ValueError:
        return False
    if scheme:
        return scheme in _SAFE_SCHEMES
    return ":" not in re.split(r"[/?#]", address, maxsplit=1)[0]


def _parse(text: str) -> lxml.html.HtmlElement | None:
    """The page's ``<html>`` element (a fragment is put in one); None for a text with no nodes.
    Parsed from UTF-8 bytes, so an XML declaration or ``<meta charset>`` cannot contradict it."""
    try:
        return lxml.html.document_fromstring(text.encode("utf-8"), parser=_PARSER)
    except etree.ParserError:
        return None


def _slots(root: lxml.html.HtmlElement, language: str) -> Iterator[_Slot]:
    yield from _walk(root, "paragraph", language, translating=True)


def _walk(
    element: lxml.html.HtmlElement, label: str, language: str, *, translating: bool
) -> Iterator[_Slot]:
    """The slots of ``element``'s subtree; ``translating`` is whether its language is the
    source's (an element's ``lang`` decides for its subtree, as the HTML standard says)."""
    if _kept_as_is(element):
        return
    if element.get("lang") is not None:
        translating = _same_language(element.get("lang", ""), language)
    label = _LABELS.get(element.tag, label)
    if translating:
        yield from _attributes(element)
    run = _Run(element, None, label)
    for child in element:
        if _is_inline(child):
            run.nodes.append(child)
            continue
        if translating:
            yield from _run_slots(run)
        yield from _walk(child, label, language, translating=translating)
        run = _Run(element, child, label)
    if translating:
        yield from _run_slots(run)


def _run_slots(run: _Run) -> Iterator[_Slot]:
    """The run itself when it holds prose; otherwise the attributes of what it holds (an image's
    ``alt`` in a paragraph of its own)."""
    lead = run.parent.text if run.lead is None else run.lead.tail
    if _SPACES.sub("", lead or "") or any(_has_prose(node) for node in run.nodes):
        yield run
        return
    for node in run.nodes:
        if not _kept_as_is(node):
            for element in node.iter():
                if not _kept_as_is(element):
                    yield from _attributes(element)


def _attributes(element: lxml.html.HtmlElement) -> Iterator[_Attribute]:
    names = list(_TRANSLATABLE_ATTRIBUTES)
    if element.tag == "meta" and element.get("name", "").strip().lower() == "description":
        names.append("content")  # the summary search engines and link previews show
    for name in names:
        if _SPACES.sub("", element.get(name, "")):
            yield _Attribute(element, name)


def _kept_as_is(element: lxml.html.HtmlElement) -> bool:
    """Comments, code and ``translate="no"`` elements: nothing in them is text to translate."""
    return (
        not isinstance(element.tag, str)
        or element.tag in _NOT_TEXT
        or element.get("translate", "").strip().lower() == "no"
    )


def _is_inline(node: lxml.html.HtmlElement) -> bool:
    """Comments and phrasing elements with only phrasing inside (a link around a block is not)."""
    if not isinstance(node.tag, str):
        return True
    return node.tag in INLINE_TAGS and all(
        not isinstance(inner.tag, str) or inner.tag in INLINE_TAGS
        for inner in node.iterdescendants()
    )


def _has_prose(node: lxml.html.HtmlElement) -> bool:
    """Whether an inline node holds text to translate (its own, or its tail's)."""
    if _SPACES.sub("", node.tail or ""):
        return True
    if _kept_as_is(node) or node.get("lang") is not None:
        return False
    return bool(_SPACES.sub("", node.text or "")) or any(_has_prose(inner) for inner in node)


def _same_language(tag: str, language: str) -> bool:
    """Whether BCP 47 ``tag`` is ``language`` (``es-MX`` is ``es``); an empty one is unknown."""
    return tag.strip().replace("_", "-").split("-")[0].lower() == language.split("-")[0].lower()


def _has_title(segments: list[Segment]) -> bool:
    return any(segment.kind is Kind.TITLE for segment in segments)


def _collapse(text: str) -> str:
    return _SPACES.sub(" ", text).strip(" ")


def _replace_run(run: _Run, replacement: str) -> None:
    """Put ``replacement`` (inline HTML) where the run was, keeping the run's outer whitespace
    (the source's indentation and line breaks around a block's text). Markup the source run has
    stays as it is; any other the translation brings must pass the page whitelist."""
    written = run.written
    before = written[: len(written) - len(written.lstrip(" \t\n\r\f"))]
    after = written[len(written.rstrip(" \t\n\r\f")) :]
    fragment = lxml.html.fragment_fromstring(
        before + replacement + after, create_parent="div", parser=_PARSER
    )
    _clean(fragment, _Trusted.of(run.nodes))
    position = 0 if run.lead is None else run.parent.index(run.lead) + 1
    for node in run.nodes:
        run.parent.remove(node)
    if run.lead is None:
        run.parent.text = fragment.text
    else:
        run.lead.tail = fragment.text
    for offset, node in enumerate(list(fragment)):
        run.parent.insert(position + offset, node)


def is_whole_page(source: str) -> bool:
    """Whether an HTML source is a whole page (a doctype or ``<html>`` first), not a fragment."""
    return source.lstrip().lower().startswith(("<!doctype", "<html", "<?xml"))


def _serialise(root: lxml.html.HtmlElement, source: str, lang: str) -> str:
    """A whole page as a page (its doctype kept, ``lang``/``dir`` set); a fragment as a fragment."""
    opening = source.lstrip().lower()
    if is_whole_page(source):
        root.set("lang", lang)
        root.set("dir", _direction(lang))
        doctype = root.getroottree().docinfo.doctype if opening.startswith("<!doctype") else None
        written = lxml.html.tostring(root, encoding="unicode", doctype=doctype)
    else:
        body = root.find("body")
        written = _inner(body) if body is not None else ""
    return written + "\n" if source.endswith("\n") and not written.endswith("\n") else written


def _inner(element: lxml.html.HtmlElement) -> str:
    """An element's content as HTML, without its own tags."""
    pieces = [html_text.escape(element.text or "", quote=False)]
    pieces += [etree.tostring(node, method="html", encoding="unicode") for node in element]
    return "".join(pieces)


def _direction(lang: str) -> str:
    try:
        order = Locale.parse(lang.replace("-", "_")).character_order
    except (UnknownLocaleError, ValueError):
        return "ltr"
    return "rtl" if order == "right-to-left" else "ltr"


class _MarkupFinder(HTMLParser):
    """Finds where tags, entities and comments are in a segment's text, and the extent of each
    element whose content is kept as written: the standard library's tokenizer gives positions,
    which lxml does not."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self._text = text
        self._starts = line_offsets(text)
        self.pieces: list[Markup] = []
        self.whole: list[tuple[int, int]] = []  # the elements kept as written, content and all
        # (tag, start) of the kept elements open, outermost first
        self._kept: list[tuple[str, int]] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._starts[line - 1] + column

    def _ends_at(self, marker: str) -> int:
        found = self._text.find(marker, self._offset())
        return len(self._text) if found < 0 else found + len(marker)

    def _add(self, end: int, role: Role = Role.STANDALONE, tag: str | None = None) -> None:
        names = (tag,) if tag is not None else ()
        self.pieces.append(Markup(self._offset(), end, role, names))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        void = tag in lxml.html.defs.empty_tags
        role = Role.STANDALONE if void else Role.OPEN
        self._add(start + len(self.get_starttag_text() or ""), role, tag)
        values = dict(attrs)
        if (
            self._kept
            or tag in _NOT_TEXT
            or "lang" in values
            or (values.get("translate") or "").strip().lower() == "no"
        ) and not void:
            self._kept.append((tag, start))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add(self._offset() + len(self.get_starttag_text() or ""), tag=tag)

    def handle_endtag(self, tag: str) -> None:
        end = self._ends_at(">")
        self._add(end, Role.CLOSE, tag)
        if self._kept and self._kept[-1][0] == tag:
            _tag, start = self._kept.pop()
            if not self._kept:
                self.whole.append((start, end))

    def handle_entityref(self, name: str) -> None:
        self._add(self._ends_at(";"))

    def handle_charref(self, name: str) -> None:
        self._add(self._ends_at(";"))

    def handle_comment(self, data: str) -> None:
        self._add(self._ends_at("-->"))
