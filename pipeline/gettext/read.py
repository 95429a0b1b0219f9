"""Reading PO files: a catalog's bytes into a ``polib.POFile``, exactly as GNU gettext reads them.

The syntax is ``parse.py``'s (gettext's own lexer and grammar, not polib's lenient parser). Here:
the charset the header declares decodes the text, the header entry is set apart, and the extra
attributes the writer uses to reproduce the file are set (see ``docs/api.md``):

* ``po.header_entry`` (the header as read, or None), ``po.header_position`` (its index among the
  active entries), ``po.charset`` (normalised name), ``po.domain_directives`` ((number of active
  entries before it, the header included, domain) per ``domain "x"`` line);
* ``entry.tcomment_lines`` / ``entry.comment_lines``: each ``#`` / ``#.`` line's text as written.
"""

from __future__ import annotations

import codecs
import functools
import re
from pathlib import Path

import polib

from pipeline.errors import PipelineError
from pipeline.files import read_regular_file
from pipeline.gettext import parse
from pipeline.gettext.write import PAGE_WIDTH

# po-charset.c's portable charset names; gettext converts from these (and reports bytes they
# cannot decode), while it reads a file declaring any other name as bytes, unconverted.
_GETTEXT_CHARSETS = (
    "ASCII", "ISO-8859-1", "ISO-8859-2", "ISO-8859-3", "ISO-8859-4", "ISO-8859-5", "ISO-8859-6",
    "ISO-8859-7", "ISO-8859-8", "ISO-8859-9", "ISO-8859-13", "ISO-8859-14", "ISO-8859-15",
    "KOI8-R", "KOI8-U", "KOI8-T", "CP850", "CP866", "CP874", "CP932", "CP949", "CP950", "CP1250",
    "CP1251", "CP1252", "CP1253", "CP1254", "CP1255", "CP1256", "CP1257", "GB2312", "EUC-JP",
    "EUC-KR", "EUC-TW", "BIG5", "BIG5-HKSCS", "GBK", "GB18030", "SHIFT_JIS", "JOHAB", "TIS-620",
    "VISCII", "GEORGIAN-PS", "UTF-8",
)  # fmt: skip
_GETTEXT_ALIASES = {"ANSI_X3.4-1968": "ASCII", "US-ASCII": "ASCII"} | {
    name.replace("ISO-", "ISO_"): name for name in _GETTEXT_CHARSETS if name.startswith("ISO-")
}
_CHARSET = re.compile(r"charset=([^ \t\n]*)")


def read_po(path: Path, name: str | None = None) -> polib.POFile:
    """Parse the catalog at ``path``; ``name`` is how messages refer to it (default: the path).

    Any problem the user can fix (missing file, undecodable text, PO syntax error, duplicate
    message) is a PipelineError that names the file, the line where known, and what to do.
    """
    name = name or str(path)
    try:
        data = read_regular_file(path, name, "a PO catalog")
    except FileNotFoundError:
        raise PipelineError(f"{name}: no such catalog; create it or check the path") from None
    except OSError as error:
        raise PipelineError(f"{name}: cannot read the catalog: {error.strerror}") from None
    po = parse_po(data, name)
    po.fpath = str(path)
    return po


def parse_po(data: bytes | str, name: str = "<string>") -> polib.POFile:
    """Parse a catalog's bytes (decoded by the charset its header declares) or text.

    Syntax errors and undecodable bytes are PipelineErrors; what ``msgfmt --check`` reports
    beyond syntax (header, plural forms, newlines, formats) is ``check_po``'s.
    """
    if isinstance(data, str):
        text, check_encoding = data, False
        charset, codec = _charset(_declared_charset(data), name)
    else:
        text, charset, codec, check_encoding = _decode(data, name)
    try:
        entries, directives = parse.read_entries(text, codec, check_encoding)
    except parse.UndecodableBytes as error:
        raise PipelineError(
            f"{name}:{error.line}: not valid {charset}, the charset its header declares; "
            f"convert the catalog (e.g. `msgconv -t UTF-8 {name}`) or correct the header"
        ) from None
    except parse.PoSyntaxError as error:
        raise PipelineError(
            f"{name}:{error.line}: syntax error in PO file: {error.problem}; fix it "
            f"(e.g. with `msgfmt --check {name}`) or restore it from version control"
        ) from None
    return _catalog(entries, directives, charset, codec)


# ================================================================================== the charset


def _decode(data: bytes, name: str) -> tuple[str, str, str, bool]:
    """The text, its charset and codec, and whether undecodable bytes in strings are errors."""
    try:
        utf8: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    declared = _declared_charset(utf8 if utf8 is not None else data.decode("latin-1"))
    charset, codec = _charset(declared, name)
    # gettext reports undecodable bytes only for the charsets it converts from.
    checked = _gettext_name(declared) is not None
    if utf8 is not None and (codec == "utf-8" or utf8.isascii()):
        return utf8, charset, codec, False
    if utf8 is not None and _single_byte(codec):
        line = data.count(b"\n", 0, next(i for i, b in enumerate(data) if b >= 0x80)) + 1
        raise PipelineError(
            f"{name}:{line}: the header declares charset={declared}, but the text is UTF-8; "
            f"correct the header to charset=UTF-8 (or, if the file really is {charset}, convert "
            f"it with `msgconv -t UTF-8 {name}`)"
        )
    try:
        return data.decode(codec), charset, codec, False
    except UnicodeDecodeError:
        return data.decode(codec, "surrogateescape"), charset, codec, checked


def _declared_charset(text: str) -> str | None:
    """The charset= value of the header's Content-Type, as po_lex_charset_set finds it."""
    header = parse.first_header(text)
    match = _CHARSET.search(header.msgstr) if header is not None else None
    return match[1] if match else None


def _charset(declared: str | None, name: str) -> tuple[str, str]:
    """The normalised charset name and Python codec for a declared charset.

    No charset, ``CHARSET`` or a name no one knows: UTF-8 (with undecodable bytes kept as
    they are). A charset gettext knows but Python cannot decode: an error.
    """
    codec = _codec(declared) if declared else None
    gettext_name = _gettext_name(declared) if declared else None
    if codec is None:
        if gettext_name is not None:
            raise PipelineError(
                f"{name}: charset {gettext_name} is not supported here; convert the catalog "
                f"(e.g. `msgconv -t UTF-8 {name}`)"
            )
        return "UTF-8", "utf-8"
    return _CODEC_NAMES.get(codec, codec.upper()), codec


def _gettext_name(declared: str | None) -> str | None:
    if declared is None:
        return None
    upper = declared.upper()
    return upper if upper in _GETTEXT_CHARSETS else _GETTEXT_ALIASES.get(upper)


@functools.lru_cache(maxsize=64)
def _codec(declared: str) -> str | None:
    try:
        return codecs.lookup(declared).name
    except LookupError:
        return None


def _python_codec_names() -> dict[str, str]:
    names = {}
    for charset in _GETTEXT_CHARSETS:
        codec = _codec(charset)
        if codec is not None:
            names.setdefault(codec, charset)
    return names


_CODEC_NAMES = _python_codec_names()  # Python codec -> gettext's name for it


@functools.lru_cache(maxsize=64)
def _single_byte(codec: str) -> bool:
    """Whether every byte is a character of its own (Latin-1, KOI8-R, CP1251, ...)."""
    if codec.startswith("utf"):
        return False
    return len(bytes(range(256)).decode(codec, "replace")) == 256


# ================================================================================ the catalog


def _catalog(
    entries: list[polib.POEntry], directives: list[tuple[int, str]], charset: str, codec: str
) -> polib.POFile:
    po = polib.POFile(wrapwidth=PAGE_WIDTH, encoding=codec)
    po.charset = charset
    po.domain_directives = directives
    po.header_entry = None
    po.header_position = 0
    active = 0
    for entry in entries:
        if po.header_entry is None and parse.is_header(entry):
            po.header_entry = entry
            po.header_position = active
        else:
            list.append(po, entry)
        active += not entry.obsolete
    header = po.header_entry
    if header is not None:
        po.header = header.tcomment
        po.metadata = parse.header_metadata(header.msgstr)
        po.metadata_is_fuzzy = header.flags
    return po
