"""Source formats: which parser turns a source file into segments, chosen by the file's suffix.

A parser takes the file's text (UTF-8, line endings already ``\\n``) and the project's
``SourceOptions`` and returns its segments in order. A format's rebuilder does the reverse for
single-language editions: the source document with each segment's text replaced by a
translation. To add a format, write ``sources/<format>.py``
with such functions and register its suffixes here (or call ``register`` from anywhere, as a test
does).
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.document import CodeBlock, Document, Segment, SourceOptions
from pipeline.errors import PipelineError
from pipeline.sources import text
from pipeline.sources.markup import MarkupFinder, no_markup
from pipeline.sources.spans import rebuild_by_spans

Parser = Callable[[str, SourceOptions], list[Segment]]
Rebuilder = Callable[[Document, Sequence[str], str], str]
"""(document, one text per segment in order, target language code) → the document's text."""
VerbatimSpans = Callable[[str], list[tuple[int, int]]]
"""A segment's text → the [start, end) spans of markup no model may translate (code)."""
References = Mapping[str, Mapping[str, object]]
"""A document's link reference definitions by normalised label (``{"href": ..., "title": ...}``),
as markdown-it's ``env["references"]`` holds them: what ``[text][label]`` in a segment links to."""


def no_verbatim_spans(text: str) -> list[tuple[int, int]]:
    """Plain text has no markup: nothing in it is kept from translation by its format."""
    return []


def no_references(source_text: str) -> References:
    """A format without reference definitions: a segment's markup means what it says alone."""
    return {}


def no_code_blocks(source_text: str) -> list[CodeBlock]:
    """A format whose every block is a segment: none is kept as written."""
    return []


@dataclass(frozen=True)
class SourceFormat:
    """How files of one suffix are read: the parser, the markup its segments hold, and how a
    translated edition of a document is written back in the same format."""

    parser: Parser
    name: str  # Document.format: "text", "markdown", ...
    rebuild: Rebuilder = rebuild_by_spans
    suffix: str = ""  # the suffix editions in this format are written with, e.g. ".md"
    verbatim: VerbatimSpans = no_verbatim_spans
    markup: MarkupFinder = no_markup  # the inline markup of a segment's text, for XLIFF codes
    references: Callable[[str], References] = no_references  # of a document's source text
    code_blocks: Callable[[str], list[CodeBlock]] = no_code_blocks  # likewise

    def verbatim_in(self, source_text: str) -> VerbatimSpans:
        """The finder of verbatim spans for the segments of a document with ``source_text``:
        where it defines references, ``verbatim`` is given them (``references=``), since
        ``[text][label]`` is a link only where ``label`` is defined."""
        found = self.references(source_text)
        return functools.partial(self.verbatim, references=found) if found else self.verbatim


_FORMATS: dict[str, SourceFormat] = {}


def register(
    suffix: str,
    parser: Parser,
    format: str = "text",
    rebuild: Rebuilder = rebuild_by_spans,
    verbatim: VerbatimSpans = no_verbatim_spans,
    markup: MarkupFinder = no_markup,
    references: Callable[[str], References] = no_references,
    code_blocks: Callable[[str], list[CodeBlock]] = no_code_blocks,
) -> None:
    """Parse files ending in ``suffix`` (e.g. ``".md"``, case-insensitive) with ``parser``.

    ``format`` names the markup the segments' text is in, which editions and checks go by;
    ``rebuild`` writes a translated edition (the first suffix registered for a format names its
    editions' files); ``verbatim`` finds the markup in a segment that translation must keep,
    ``markup`` the pieces of markup with their roles (:mod:`.markup`); ``references`` reads
    a document's link reference definitions, which ``verbatim`` then takes as ``references=``;
    ``code_blocks`` its blocks kept as written, which pages show between the segments.
    """
    known = format_named(format)
    edition_suffix = known.suffix if known is not None else suffix.lower()
    _FORMATS[suffix.lower()] = SourceFormat(
        parser, format, rebuild, edition_suffix, verbatim, markup, references, code_blocks
    )


def format_named(name: str) -> SourceFormat | None:
    """The registered format called ``name`` (a ``Document.format``), if any."""
    return next((found for found in _FORMATS.values() if found.name == name), None)


def edition_suffixes() -> list[str]:
    """Every suffix editions of some registered format are written with."""
    return sorted({found.suffix for found in _FORMATS.values()})


def is_registered(path: Path) -> bool:
    """Whether some source format reads files with ``path``'s suffix."""
    return path.suffix.lower() in _FORMATS


def format_for(path: Path, name: str) -> SourceFormat:
    """The format of ``path``; a PipelineError naming ``name`` when none knows its suffix."""
    found = _FORMATS.get(path.suffix.lower())
    if found is None:
        known = ", ".join(sorted(_FORMATS))
        raise PipelineError(
            f"{name}: no source format reads {path.suffix or 'suffix-less'} files (known: "
            f"{known}); rename it, move it out of the seeds folder, or narrow [tool.pipeline] "
            "source_glob to those"
        )
    return found


def _deferred(module: str, name: str) -> Callable[..., Any]:
    """``module.name``, imported at its first call: a project of plain-text articles never
    loads markdown-it, PyYAML or lxml, a tenth of a second at each command's start (issue 16)."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__qualname__ = call.__name__ = f"{module}.{name}"
    return call


def _register_deferred(suffixes: Sequence[str], format: str, module: str, **roles: str) -> None:
    """Register ``suffixes`` for ``format``, each role (``parser=``, ``rebuild=``...) being the
    function of that name in ``module``, imported only when a file of the format is met."""
    functions = {role: _deferred(module, name) for role, name in roles.items()}
    for suffix in suffixes:
        register(suffix, format=format, **functions)  # type: ignore[arg-type]


register(".txt", text.segment_text)
_register_deferred(
    (".md", ".markdown"),
    "markdown",
    "pipeline.sources.markdown",
    parser="segment_markdown",
    rebuild="rebuild_markdown",
    verbatim="verbatim_spans",
    markup="markup",
    references="references",
    code_blocks="code_blocks",
)
_register_deferred(
    (".html", ".htm"),
    "html",
    "pipeline.sources.html",
    parser="segment_html",
    rebuild="rebuild_html",
    verbatim="verbatim_spans",
    markup="markup",
)
