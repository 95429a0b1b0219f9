"""PO catalogs written byte for byte as GNU gettext (``msgcat``) writes them.

polib's own writer wraps lines differently from gettext, so a file that a translator's tools
(msgmerge, Poedit, Weblate) rewrote would show diff noise after every pipeline run. ``format_po``
reproduces gettext 0.21's ``write-po.c`` instead: the same entry layout, the same flag
normalisation, and the same line breaking, which is Unicode line breaking (UAX #14) as libunistring
1.0 implements it, measured in columns (wide East Asian characters count two, combining marks
none). ``msgcat FILE`` on its output reproduces FILE exactly.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import polib

from pipeline.atomic import write_text_atomic
from pipeline.gettext import linebreak

PAGE_WIDTH = 79  # msgcat's default --width


# ================================================================ the catalog as gettext prints it


def write_po(po: polib.POFile, path: Path) -> bool:
    """Write the catalog atomically in gettext's layout; False (and no write) if unchanged."""
    return write_text_atomic(path, format_po(po))


def format_po(po: polib.POFile) -> str:
    """The catalog's text exactly as ``msgcat`` (width 79) prints it.

    The header comes first (metadata in the dict's own order), then the entries in the
    catalog's order, then the obsolete ones. As in gettext, obsolete entries without a
    translation are left out, a fuzzy flag on an empty translation is dropped (an untranslated
    entry is simply untranslated), unknown flags are dropped and duplicate references merged.
    """
    blocks = []
    header = _header_entry(po)
    if header is not None:
        blocks.append(_entry_lines(header))
    blocks += [_entry_lines(entry) for entry in po if not entry.obsolete]
    blocks += [_entry_lines(entry) for entry in po if entry.obsolete and _first_msgstr(entry) != ""]
    return "\n".join("".join(line + "\n" for line in block) for block in blocks)


def _header_entry(po: polib.POFile) -> polib.POEntry | None:
    """The header as an entry, or None for a catalog with neither metadata nor header comments."""
    if not (po.metadata or po.header or po.metadata_is_fuzzy):
        return None
    fuzzy = po.metadata_is_fuzzy
    return polib.POEntry(
        msgid="",
        msgstr="".join(f"{key}: {value}\n" for key, value in po.metadata.items()),
        tcomment=po.header,
        flags=list(fuzzy) if isinstance(fuzzy, list) else ["fuzzy"] if fuzzy else [],
    )


def _entry_lines(entry: polib.POEntry) -> list[str]:
    """One message, without the blank line that separates it from the previous one."""
    lines = _comment_lines("#", entry.tcomment)
    lines += _comment_lines("#.", entry.comment)
    lines += _reference_lines(entry.occurrences)
    lines += _flag_lines(entry.flags, _first_msgstr(entry) != "")
    do_wrap = "no-wrap" not in _normalised_flags(entry.flags, True)
    previous_prefix = "#~| " if entry.obsolete else "#| "
    for keyword, value in (
        ("msgctxt", entry.previous_msgctxt),
        ("msgid", entry.previous_msgid),
        ("msgid_plural", entry.previous_msgid_plural),
    ):
        if value is not None:
            lines += _string_lines(previous_prefix, keyword, value, do_wrap)
    prefix = "#~ " if entry.obsolete else ""
    if entry.msgctxt is not None:
        lines += _string_lines(prefix, "msgctxt", entry.msgctxt, do_wrap)
    lines += _string_lines(prefix, "msgid", entry.msgid, do_wrap)
    if entry.msgid_plural:
        lines += _string_lines(prefix, "msgid_plural", entry.msgid_plural, do_wrap)
        for index, msgstr in enumerate(_plural_msgstrs(entry)):
            lines += _string_lines(prefix, f"msgstr[{index}]", msgstr, do_wrap)
    else:
        lines += _string_lines(prefix, "msgstr", entry.msgstr, do_wrap)
    return lines


def _plural_msgstrs(entry: polib.POEntry) -> list[str]:
    """The plural translations in index order; a plural entry always has at least msgstr[0]."""
    forms = entry.msgstr_plural
    return [forms[key] for key in sorted(forms, key=int)] or [""]


def _first_msgstr(entry: polib.POEntry) -> str:
    """The translation gettext tests for emptiness: msgstr, or msgstr[0] of a plural entry."""
    return _plural_msgstrs(entry)[0] if entry.msgid_plural else entry.msgstr


def _comment_lines(marker: str, text: str) -> list[str]:
    """``# `` or ``#.`` comment lines, one per line of ``text``; gettext never wraps them.

    Trailing whitespace goes: polib drops it when reading, so keeping it would change the file
    on the next read and write.
    """
    if not text:
        return []
    lines = (line.rstrip() for line in text.split("\n"))
    return [f"{marker} {line}" if line else marker for line in lines]


def _reference_lines(occurrences: Iterable[tuple[str, str]]) -> list[str]:
    """``#:`` lines filled up to the page width, as gettext does (lengths in bytes)."""
    references = []
    for file_name, line_number in occurrences:
        while file_name.startswith("./"):
            file_name = file_name[2:]
        reference = f"{file_name}:{line_number}" if str(line_number) else file_name
        if reference not in references:
            references.append(reference)
    if not references:
        return []
    lines = ["#:"]
    column = 2
    for reference in references:
        length = len(reference.encode("utf-8")) + 1
        if column > 2 and column + length > PAGE_WIDTH:
            lines.append("#:")
            column = 2
        lines[-1] += " " + reference
        column += length
    return lines


# The format flags gettext 0.21 knows, in the order it prints them.
_FORMAT_LANGUAGES = (
    "c", "objc", "python", "python-brace", "java", "java-printf", "csharp", "javascript",
    "scheme", "lisp", "elisp", "librep", "ruby", "sh", "awk", "lua", "object-pascal", "smalltalk",
    "qt", "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl", "perl-brace", "php",
    "gcc-internal", "gfc-internal", "ycp",
)  # fmt: skip
_FORMAT_FLAG = re.compile(r"(no-|possible-|impossible-)?(.+)-format")
_RANGE_FLAG = re.compile(r"range:\s*(\d+)\.\.(\d+)")


def _flag_lines(flags: Sequence[str], translated: bool) -> list[str]:
    """The ``#,`` line, if any flag survives gettext's normalisation."""
    kept = _normalised_flags(flags, translated)
    kept = [flag for flag in kept if flag != "wrap"]
    return ["#, " + ", ".join(kept)] if kept else []


def _normalised_flags(flags: Sequence[str], translated: bool) -> list[str]:
    """Flags as gettext keeps them: later flags override earlier ones, unknown ones vanish.

    Fuzzy only counts on an entry with a translation; "wrap"/"no-wrap" is returned last.
    """
    fuzzy = False
    formats: dict[str, str] = {}
    value_range = wrap = None
    for flag in (flag.strip() for flag in flags):
        format_match = _FORMAT_FLAG.fullmatch(flag)
        range_match = _RANGE_FLAG.fullmatch(flag)
        if flag == "fuzzy":
            fuzzy = True
        elif flag in ("wrap", "no-wrap"):
            wrap = flag
        elif range_match and int(range_match[1]) <= int(range_match[2]):
            value_range = f"range: {int(range_match[1])}..{int(range_match[2])}"
        elif format_match and format_match[2] in _FORMAT_LANGUAGES:
            formats[format_match[2]] = format_match[1] or ""
    kept = ["fuzzy"] if fuzzy and translated else []
    for language in _FORMAT_LANGUAGES:
        state = formats.get(language)
        if state in ("", "possible-"):
            kept.append(f"{language}-format")
        elif state == "no-":
            kept.append(f"no-{language}-format")
    return kept + [flag for flag in (value_range, wrap) if flag]


# ================================================================ strings, as write-po.c wraps them

# gettext writes these control characters as C escapes; any other character is written as is.
_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v"}
_ESCAPES |= {"\\": "\\", '"': '"'}


def _string_lines(prefix: str, keyword: str, value: str, do_wrap: bool) -> list[str]:
    """``keyword "value"`` with continuation lines, as gettext's ``wrap()`` writes it."""
    return list(_wrapped_string(prefix, keyword, value, do_wrap))


# A pipeline run formats the same paragraphs many times (template, every catalog, every save, the
# comparison that decides whether a template changed), and line breaking is pure but slow Python.
@functools.lru_cache(maxsize=65536)
def _wrapped_string(prefix: str, keyword: str, value: str, do_wrap: bool) -> tuple[str, ...]:
    """The lines of ``_string_lines``, computed once per distinct string.

    Each line of the value (up to and including its ``\\n``) is broken separately at the
    Unicode line break opportunities that keep each printed line within the page width. A value
    that needs more than one line starts with ``keyword ""``.
    """
    lines: list[str] = []
    first_line = True
    portions = _VALUE_LINES.findall(value) or [""]
    # The closing quote and the prefix plus opening quote of continuation lines take room.
    indent = len(prefix) + 1
    width = (PAGE_WIDTH if do_wrap else 2**31 - 1) - 1 - indent
    for number, portion in enumerate(portions):
        text, no_break = _escaped(portion)
        start = len(keyword) + 1 if first_line else 0
        breaks = _wrap_positions(text, no_break, width, start)
        is_last = number == len(portions) - 1
        if first_line and text and (not is_last or start > width or any(breaks)):
            lines.append(f'{prefix}{keyword} ""')
            first_line = False
            breaks = _wrap_positions(text, no_break, width, 0)
        head = f"{prefix}{keyword} " if first_line else prefix
        first_line = False
        pieces = _split_at(text, breaks)
        lines += [f'{head if i == 0 else prefix}"{piece}"' for i, piece in enumerate(pieces)]
    return tuple(lines)


_VALUE_LINES = re.compile(r"[^\n]*\n|[^\n]+")  # only "\n" ends a line, unlike str.splitlines


def _escaped(portion: str) -> tuple[str, list[bool]]:
    """The portion with C escapes, and where a break is forbidden (inside an escape sequence)."""
    chars: list[str] = []
    no_break: list[bool] = []
    for char in portion:
        if char in _ESCAPES:
            chars += ["\\", _ESCAPES[char]]
            no_break += [False, True]
        else:
            chars.append(char)
            no_break.append(False)
    # Don't break immediately before the "\n" that ends a line of the value.
    if portion.endswith("\n"):
        no_break[-2] = True
    return "".join(chars), no_break


def _split_at(text: str, breaks: Sequence[bool]) -> list[str]:
    """``text`` cut before every position where ``breaks`` is true."""
    cuts = [i for i, cut in enumerate(breaks) if cut]
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def _wrap_positions(text: str, no_break: Sequence[bool], width: int, start: int) -> list[bool]:
    """Where to break ``text`` into lines of at most ``width`` columns (libunistring's
    ``u8_width_linebreaks``): a piece between two break opportunities moves to the next line
    when it would end beyond ``width``, trailing spaces included; a piece longer than a line
    stays whole."""
    result = [False] * len(text)
    opportunities = linebreak.break_opportunities(text)
    last = None  # the latest break opportunity, not yet taken
    column = start  # where the piece that starts at `last` starts
    piece = 0  # the width of that piece so far
    for i, char in enumerate(text):
        kind = linebreak.PROHIBITED if no_break[i] else opportunities[i]
        if kind != linebreak.PROHIBITED and last is not None and column + piece > width:
            result[last] = True
            column = 0
        if kind == linebreak.MANDATORY:
            # A line separator inside the text: gettext prints no break but counts from zero.
            last, column, piece = None, 0, 0
            continue
        if kind == linebreak.POSSIBLE:
            last, column, piece = i, column + piece, 0
        piece += linebreak.char_width(char)
    if last is not None and column + piece > width:
        result[last] = True
    return result
