"""Source formats: which parser turns a source file into segments, chosen by the file's suffix.

A parser takes the file's text (UTF-8, line endings already ``\\n``) and returns its segments in
order. To add a format, write ``sources/<format>.py`` with such a function and register its
suffixes here (or call ``register`` from anywhere, as a test does).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline.document import Segment
from pipeline.errors import PipelineError
from pipeline.sources import markdown, text

Parser = Callable[[str], list[Segment]]


@dataclass(frozen=True)
class SourceFormat:
    """How files of one suffix are read: the parser, and the markup its segments hold."""

    parser: Parser
    name: str  # Document.format: "text", "markdown", ...


_FORMATS: dict[str, SourceFormat] = {}


def register(suffix: str, parser: Parser, format: str = "text") -> None:
    """Parse files ending in ``suffix`` (e.g. ``".md"``, case-insensitive) with ``parser``.

    ``format`` names the markup the segments' text is in, which editions and checks go by.
    """
    _FORMATS[suffix.lower()] = SourceFormat(parser, format)


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


register(".txt", text.segment_text)
register(".md", markdown.segment_markdown, format="markdown")
register(".markdown", markdown.segment_markdown, format="markdown")
