"""Reading PO files: the text of a catalog on disk into a ``polib.POFile``, with clear errors."""

from __future__ import annotations

import re
from pathlib import Path

import polib

from pipeline.errors import PipelineError
from pipeline.gettext.write import PAGE_WIDTH


def read_po(path: Path, name: str | None = None) -> polib.POFile:
    """Parse the catalog at ``path``; ``name`` is how messages refer to it (default: the path).

    Any problem the user can fix (missing file, not UTF-8, PO syntax error) is a PipelineError
    that names the file, the line where known, and what to do.
    """
    name = name or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise PipelineError(f"{name}: no such catalog; create it or check the path") from None
    except OSError as error:
        raise PipelineError(f"{name}: cannot read the catalog: {error.strerror}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise PipelineError(
            f"{name}:{line}: not valid UTF-8; convert the catalog to UTF-8 "
            f"(e.g. `msgconv -t UTF-8 {name}`) or restore it from version control"
        ) from None
    try:
        return parse_po(text)
    except OSError as error:
        line, detail = _syntax_error_details(str(error))
        raise PipelineError(
            f"{name}:{line}: syntax error in PO file: {detail}; fix it "
            f"(e.g. with `msgfmt --check {name}`) or restore it from version control"
        ) from None


def parse_po(text: str) -> polib.POFile:
    """Parse catalog text; polib's OSError on a syntax error is left to the caller."""
    # polib skips "#~|" lines, which would lose the previous msgid of obsolete entries; read as
    # "#|" they attach to the entry that follows, whose "#~ msgid" still marks it obsolete.
    text = _OBSOLETE_PREVIOUS.sub("#|", text)
    parser = polib._POFileParser(text, encoding="utf-8")
    # polib would split the text with str.splitlines, which also ends lines at characters that
    # PO strings hold unescaped, such as U+2028 LINE SEPARATOR; a PO file's lines end at "\n".
    parser.fhandle = text.split("\n")
    po = parser.parse()
    po.wrapwidth = PAGE_WIDTH
    return po


_OBSOLETE_PREVIOUS = re.compile(r"^[ \t]*#~\|", re.MULTILINE)
_POLIB_SYNTAX_ERROR = re.compile(r"\(line (\d+)\)(?::\s*(.*))?", re.DOTALL)


def _syntax_error_details(message: str) -> tuple[str, str]:
    """Line number and detail from polib's "Syntax error in po file (line N): detail"."""
    match = _POLIB_SYNTAX_ERROR.search(message)
    if match is None:
        return "?", message
    return match.group(1), match.group(2) or "unexpected line"
