"""PO catalogs written byte for byte as GNU gettext (``msgcat``) writes them.

polib's own writer wraps lines differently from gettext, so a file that a translator's tools
(msgmerge, Poedit, Weblate) rewrote would show diff noise after every pipeline run. ``format_po``
reproduces gettext 0.21's ``write-po.c`` instead: the same entry layout, the same flag
normalisation, and the same line breaking, which is Unicode line breaking (UAX #14) as libunistring
1.0 implements it, measured in columns (wide East Asian characters count two, combining marks
none). ``msgcat FILE`` on its output reproduces FILE exactly.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import polib

from pipeline.atomic import write_bytes_atomic
from pipeline.gettext import formats, linebreak, parse
from pipeline.gettext.formats import FORMAT_LANGUAGES as _FORMAT_LANGUAGES

PAGE_WIDTH = 79  # msgcat's default --width


# ================================================================ the catalog as gettext prints it


def write_po(po: polib.POFile, path: Path) -> bool:
    """Write the catalog atomically in gettext's layout; False (and no write) if unchanged."""
    return write_bytes_atomic(path, format_po_bytes(po))


def format_po_bytes(po: polib.POFile) -> bytes:
    """``format_po`` in the catalog's own charset (``po.charset``, UTF-8 if unset), as msgcat
    writes a catalog back in the charset it declares; undecodable bytes kept as read."""
    return format_po(po).encode(_charset(po), errors="surrogateescape")


def format_po(po: polib.POFile) -> str:
    """The catalog's text exactly as ``msgcat`` (width 79) prints it.

    The header comes where it was read (``po.header_position``; first for a catalog built in
    code), then the entries in the catalog's order, then the obsolete ones. As in gettext,
    obsolete entries without a translation are left out, a fuzzy flag on an empty translation
    is dropped (an untranslated entry is simply untranslated), unknown flags are dropped and
    duplicate references merged. A catalog read with ``domain`` lines
    (``po.domain_directives``) is written one domain after the other, as msgcat groups them.
    """
    charset = _charset(po)
    header = _header_entry(po)
    blocks: list[list[str]] = []
    for domain, entries, header_at in _domains(po, header is not None):
        if blocks or domain != DEFAULT_DOMAIN:
            blocks.append([f'domain "{domain}"'])
        active = [_entry_lines(entry, charset) for entry in entries if not entry.obsolete]
        if header is not None and header_at is not None:
            active.insert(min(header_at, len(active)), _entry_lines(header, charset))
        blocks += active
        blocks += [
            _entry_lines(entry, charset)
            for entry in entries
            if entry.obsolete and _first_msgstr(entry) != ""
        ]
    return "\n".join("".join(line + "\n" for line in block) for block in blocks)


DEFAULT_DOMAIN = "messages"


def _domains(
    po: polib.POFile, has_header: bool
) -> list[tuple[str, list[polib.POEntry], int | None]]:
    """The entries of each domain, default domain first, then in order of appearance, with
    where the header goes among the domain's active entries (None: not in this domain).

    ``po.domain_directives`` holds (position, name): from the entry ``po[position]`` on,
    entries belong to domain ``name``. A domain without entries or header is not written.
    """
    directives = sorted(getattr(po, "domain_directives", None) or [])
    active_total = sum(not entry.obsolete for entry in po)
    header_position = min(getattr(po, "header_position", None) or 0, active_total)
    groups: dict[str, list[polib.POEntry]] = {DEFAULT_DOMAIN: []}
    header_domain, header_at = DEFAULT_DOMAIN, None
    domain, next_directive, active_before = DEFAULT_DOMAIN, 0, 0
    for index in range(len(po) + 1):  # one step past the end, for a header written last
        while next_directive < len(directives) and directives[next_directive][0] <= index:
            domain = directives[next_directive][1]
            next_directive += 1
        group = groups.setdefault(domain, [])
        entry = po[index] if index < len(po) else None
        at_header = active_before == header_position and (entry is None or not entry.obsolete)
        if header_at is None and at_header:
            header_domain, header_at = domain, sum(not other.obsolete for other in group)
        if entry is not None:
            group.append(entry)
            active_before += not entry.obsolete
    return [
        (name, entries, header_at if name == header_domain else None)
        for name, entries in groups.items()
        if entries or (has_header and name == header_domain)
    ]


def _charset(po: polib.POFile) -> str:
    return getattr(po, "charset", None) or "UTF-8"


_NOT_READ = object()  # a catalog built in code: no header_entry attribute at all


def _header_entry(po: polib.POFile) -> polib.POEntry | None:
    """The header to write: as read, with what code changed since; None for none.

    A file read without a header gets none. polib files a headerless file's leading comments
    under ``po.header`` too, so those alone don't make a header.
    """
    read = getattr(po, "header_entry", _NOT_READ)
    if isinstance(read, polib.POEntry):
        return _updated_header(po, read)
    if read is None and not (po.metadata or po.metadata_is_fuzzy):
        return None
    if not (po.metadata or po.header or po.metadata_is_fuzzy):
        return None
    fuzzy = po.metadata_is_fuzzy
    return polib.POEntry(
        msgid="",
        msgstr=_metadata_text(po.metadata),
        tcomment=po.header,
        flags=list(fuzzy) if isinstance(fuzzy, list) else ["fuzzy"] if fuzzy else [],
    )


def _updated_header(po: polib.POFile, read: polib.POEntry) -> polib.POEntry:
    """The header as read, except what code has changed since in ``po.metadata`` (then the
    fields are written from the dict: a repeated field once), ``po.header`` or
    ``po.metadata_is_fuzzy``; its references and extracted comments are kept either way."""
    header = copy.copy(read)
    if list(po.metadata.items()) != list(parse.header_metadata(read.msgstr).items()):
        header.msgstr = _metadata_text(po.metadata)
    if (po.header or "") != (read.tcomment or ""):
        header.tcomment = po.header or ""
    fuzzy = bool(po.metadata_is_fuzzy)
    if fuzzy != ("fuzzy" in read.flags):
        header.flags = [flag for flag in read.flags if flag != "fuzzy"] + ["fuzzy"] * fuzzy
    return header


def _metadata_text(metadata: dict[str, str]) -> str:
    return "".join(f"{key}: {value}\n" for key, value in metadata.items())


def _entry_lines(entry: polib.POEntry, charset: str = "UTF-8") -> list[str]:
    """One message, without the blank line that separates it from the previous one."""
    lines = _comment_lines("#", entry.tcomment, getattr(entry, "tcomment_lines", None))
    lines += _comment_lines("#.", entry.comment, getattr(entry, "comment_lines", None))
    lines += _reference_lines(entry.occurrences, charset)
    lines += _flag_lines(entry.flags, _first_msgstr(entry) != "", entry.obsolete)
    do_wrap = "no-wrap" not in _normalised_flags(tuple(entry.flags), True)
    language = formats.directive_language(entry.flags)
    previous_prefix = "#~| " if entry.obsolete else "#| "
    for keyword, value in (
        ("msgctxt", entry.previous_msgctxt),
        ("msgid", entry.previous_msgid),
        ("msgid_plural", entry.previous_msgid_plural),
    ):
        if value is not None:
            lines += _wrapped_string(previous_prefix, keyword, value, do_wrap, language)
    prefix = "#~ " if entry.obsolete else ""
    if entry.msgctxt is not None:
        lines += _wrapped_string(prefix, "msgctxt", entry.msgctxt, do_wrap, language)
    lines += _wrapped_string(prefix, "msgid", entry.msgid, do_wrap, language)
    if entry.msgid_plural:
        lines += _wrapped_string(prefix, "msgid_plural", entry.msgid_plural, do_wrap, language)
        for index, msgstr in enumerate(_plural_msgstrs(entry)):
            lines += _wrapped_string(prefix, f"msgstr[{index}]", msgstr, do_wrap, language)
    else:
        lines += _wrapped_string(prefix, "msgstr", entry.msgstr, do_wrap, language)
    return lines


def _plural_msgstrs(entry: polib.POEntry) -> list[str]:
    """The plural translations in index order; a plural entry always has at least msgstr[0]."""
    forms = entry.msgstr_plural
    return [forms[key] for key in sorted(forms, key=int)] or [""]


def _first_msgstr(entry: polib.POEntry) -> str:
    """The translation gettext tests for emptiness: msgstr, or msgstr[0] of a plural entry."""
    return _plural_msgstrs(entry)[0] if entry.msgid_plural else entry.msgstr


def _comment_lines(marker: str, text: str, read_lines: Sequence[str] | None) -> list[str]:
    """``#`` or ``#.`` comment lines; gettext never wraps them.

    Lines as read (``read_lines``: the text after the marker) are written as gettext writes
    them, trailing spaces and CR characters included, unless code has changed the comment
    since. From ``text``, trailing whitespace goes: polib drops it when reading, so keeping it
    would change the file on the next read and write.
    """
    if read_lines is not None and _comment_words(read_lines) == _comment_words(text.split("\n")):
        stored = (line[1:] if line.startswith(" ") else line for line in read_lines)
        return [f"{marker} {line}" if line else marker for line in stored]
    if not text:
        return []
    lines = (line.rstrip() for line in text.split("\n"))
    return [f"{marker} {line}" if line else marker for line in lines]


def _comment_words(lines: Iterable[str]) -> list[str]:
    """A comment's text as any reader keeps it (without blank lines and edge whitespace), to
    tell whether code changed a comment since it was read."""
    return [word for word in (line.lstrip("#").strip() for line in lines) if word]


def _reference_lines(occurrences: Iterable[tuple[str, str]], charset: str) -> list[str]:
    """``#:`` lines filled up to the page width, as gettext does (lengths in the file's bytes)."""
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
        length = len(reference.encode(charset, errors="surrogateescape")) + 1
        if column > 2 and column + length > PAGE_WIDTH:
            lines.append("#:")
            column = 2
        lines[-1] += " " + reference
        column += length
    return lines


_FORMAT_FLAG = re.compile(r"(no-|possible-|impossible-)?(.+)-format")
_RANGE_FLAG = re.compile(r"range:\s*(\d+)\.\.(\d+)")


def _flag_lines(flags: Sequence[str], translated: bool, obsolete: bool = False) -> list[str]:
    """The ``#,`` line, if any flag survives gettext's normalisation (an obsolete entry keeps
    only fuzzy, format and no-wrap flags)."""
    shown = [
        flag
        for flag in _normalised_flags(tuple(flags), translated)
        if flag != "wrap" and not (obsolete and flag.startswith("range:"))
    ]
    return ["#, " + ", ".join(shown)] if shown else []


@functools.lru_cache(maxsize=1024)  # catalogs hold a handful of distinct flag lists
def _normalised_flags(flags: tuple[str, ...], translated: bool) -> tuple[str, ...]:
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
    return (*kept, *(flag for flag in (value_range, wrap) if flag))


# ================================================================ strings, as write-po.c wraps them

# gettext writes these control characters as C escapes; any other character is written as is.
_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v"}
_ESCAPES |= {"\\": "\\", '"': '"'}


# A pipeline run formats the same paragraphs many times (template, every catalog, every save, the
# comparison that decides whether a template changed).
@functools.lru_cache(maxsize=65536)
def _wrapped_string(
    prefix: str, keyword: str, value: str, do_wrap: bool, language: str | None = None
) -> tuple[str, ...]:
    """``keyword "value"`` with continuation lines, as gettext's ``wrap()`` writes it, computed
    once per distinct string.

    Each line of the value (up to and including its ``\\n``) is broken separately at the
    Unicode line break opportunities that keep each printed line within the page width, never
    inside an escape sequence or a ``language`` format directive. A value that needs more than
    one line starts with ``keyword ""``.
    """
    lines: list[str] = []
    first_line = True
    inside = _inside_directives(value, language, keyword.startswith("msgstr"))
    # The closing quote and the prefix plus opening quote of continuation lines take room.
    indent = len(prefix) + 1
    width = (PAGE_WIDTH if do_wrap else 2**31 - 1) - 1 - indent
    portions = _VALUE_LINES.findall(value) or [""]
    offset = 0
    for number, portion in enumerate(portions):
        text, no_break = _escaped(portion, {i - offset for i in inside})
        offset += len(portion)
        candidates = [c for c in linebreak.break_candidates(text) if c[0] not in no_break]
        columns = linebreak.columns_before(text)
        start = len(keyword) + 1 if first_line else 0
        cuts = _wrap_positions(candidates, columns, len(text), width, start)
        is_last = number == len(portions) - 1
        if first_line and text and (not is_last or start > width or cuts):
            lines.append(f'{prefix}{keyword} ""')
            first_line = False
            cuts = _wrap_positions(candidates, columns, len(text), width, 0)
        head = f"{prefix}{keyword} " if first_line else prefix
        first_line = False
        pieces = _split_at(text, cuts)
        lines += [f'{head if i == 0 else prefix}"{piece}"' for i, piece in enumerate(pieces)]
    return tuple(lines)


def _inside_directives(value: str, language: str | None, translated: bool) -> set[int]:
    """The positions in ``value`` inside a valid format directive, after its first character
    (write-po.c forbids a break there)."""
    return {
        position
        for directive in formats.directive_spans(language, value, translated)
        if directive.valid
        for position in range(directive.start + 1, directive.end)
    }


_VALUE_LINES = re.compile(r"[^\n]*\n|[^\n]+")  # only "\n" ends a line, unlike str.splitlines
_NEEDS_ESCAPE = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")


def _escaped(portion: str, inside: set[int]) -> tuple[str, set[int]]:
    """The portion with C escapes, and the positions where a break is forbidden: inside an
    escape sequence, or where ``inside`` says (inside a format directive)."""
    if not _NEEDS_ESCAPE.search(portion):
        return portion, inside
    chars: list[str] = []
    no_break: set[int] = set()
    for position, char in enumerate(portion):
        if position in inside:
            no_break.add(len(chars))
        if char in _ESCAPES:
            no_break.add(len(chars) + 1)
            chars += ["\\", _ESCAPES[char]]
        else:
            chars.append(char)
    # Don't break immediately before the "\n" that ends a line of the value.
    if portion.endswith("\n"):
        no_break.add(len(chars) - 2)
    return "".join(chars), no_break


def _split_at(text: str, cuts: Sequence[int]) -> list[str]:
    """``text`` cut before every position in ``cuts`` (ascending)."""
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def _wrap_positions(
    candidates: Sequence[tuple[int, int]],
    columns: Sequence[int] | None,
    length: int,
    width: int,
    start: int,
) -> list[int]:
    """Where to break a text of ``length`` characters into lines of at most ``width`` columns
    (libunistring's ``u8_width_linebreaks``), given its break ``candidates`` (position, kind)
    and the columns before each position (None: one per character). A piece between two break
    opportunities moves to the next line when it would end beyond ``width``, trailing spaces
    included; a piece longer than a line stays whole."""
    cuts: list[int] = []
    last = None  # the latest break opportunity, not yet taken
    column = start  # where the piece that starts at `last` starts
    mark = 0  # where the piece being measured starts
    for position, kind in candidates:
        piece = position - mark if columns is None else columns[position] - columns[mark]
        if last is not None and column + piece > width:
            if not cuts or cuts[-1] != last:
                cuts.append(last)
            column = 0
        if kind == linebreak.MANDATORY:
            # A line separator inside the text: gettext prints no break but counts from zero.
            last, column, mark = None, 0, position + 1
        else:
            last, column, mark = position, column + piece, position
    piece = length - mark if columns is None else columns[length] - columns[mark]
    if last is not None and column + piece > width and (not cuts or cuts[-1] != last):
        cuts.append(last)
    return cuts
