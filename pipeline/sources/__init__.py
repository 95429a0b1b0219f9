"""Source formats: which parser turns a source file into segments, chosen by the file's suffix.

A parser takes the file's text (UTF-8, line endings already ``\\n``) and returns its segments in
order. To add a format, write ``sources/<format>.py`` with such a function and register its
suffixes here (or call ``register`` from anywhere, as a test does).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pipeline.document import Segment
from pipeline.errors import PipelineError
from pipeline.sources import text

Parser = Callable[[str], list[Segment]]

_PARSERS: dict[str, Parser] = {}


def register(suffix: str, parser: Parser) -> None:
    """Parse files ending in ``suffix`` (e.g. ``".md"``, case-insensitive) with ``parser``."""
    _PARSERS[suffix.lower()] = parser


def parser_for(path: Path, name: str) -> Parser:
    """The parser for ``path``; a PipelineError naming ``name`` when no format knows its suffix."""
    parser = _PARSERS.get(path.suffix.lower())
    if parser is None:
        known = ", ".join(sorted(_PARSERS))
        raise PipelineError(
            f"{name}: no source format reads {path.suffix or 'suffix-less'} files (known: "
            f"{known}); rename it, or narrow [tool.pipeline] source_glob to those"
        )
    return parser


register(".txt", text.segment_text)
