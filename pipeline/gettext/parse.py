"""PO syntax exactly as GNU gettext 0.21 reads it: catalog text in, ``polib.POEntry`` objects out.

The lexer mirrors ``po-lex.c`` (tokens, escapes, ``#~`` and ``#|`` markers, backslash-newline),
the grammar ``po-gram.y`` (what may follow what), the comment dispatch
``read-catalog-abstract.c`` (``#.``, ``#:``, ``#,``, Solaris ``# File: f, line: n``) and the
duplicate check ``read-catalog.c``. The first thing gettext would report as an error is raised
as a ``PoSyntaxError`` with its line; everything gettext accepts is read. Decoding the bytes and
picking out the header is ``read.py``'s job.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import polib

# Token kinds (po-gram.y's terminals).
COMMENT, DOMAIN, STRING, PREV_STRING = "comment", "domain", "string", "previous string"
MSGCTXT, MSGID, MSGID_PLURAL, MSGSTR = "msgctxt", "msgid", "msgid_plural", "msgstr"
PREV_MSGCTXT, PREV_MSGID, PREV_MSGID_PLURAL = "#| msgctxt", "#| msgid", "#| msgid_plural"
NUMBER, OPEN, CLOSE, EOF = "number", "[", "]", "end of file"

_KEYWORDS = {k: k for k in (DOMAIN, MSGCTXT, MSGID, MSGID_PLURAL, MSGSTR)}
_BRACKETS = {OPEN: OPEN, CLOSE: CLOSE}
_PREVIOUS_KEYWORDS = {MSGCTXT: PREV_MSGCTXT, MSGID: PREV_MSGID, MSGID_PLURAL: PREV_MSGID_PLURAL}

_TOKEN = re.compile(
    r"""
      [ \t\r\f\v]+
    | (?P<hash>\#)
    | "(?P<string>[^"\\]*(?:\\.[^"\\]*)*)(?P<close>"?)
    | (?P<word>[A-Za-z_$][A-Za-z0-9_$]*)
    | (?P<number>[0-9]+)
    | (?P<bracket>[][])
    | (?P<junk>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_SIMPLE_LINE = re.compile(
    r'[ \t]*(?:(msgctxt|msgid|msgid_plural|msgstr)[ \t]+)?"([^"\\]*)"[ \t\r]*'
)
_ESCAPE = re.compile(r"\\(?:([ntbrfva\\\"])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.))", re.DOTALL)
_SIMPLE_ESCAPES = {
    "n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a",
    "\\": "\\", '"': '"',
}  # fmt: skip
_UNDECODABLE = re.compile("[\udc80-\udcff]")  # bytes that surrogateescape kept


class PoSyntaxError(Exception):
    """The first error gettext would report: its line and what is wrong."""

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(f"line {line}: {problem}")
        self.line = line
        self.problem = problem


class UndecodableBytes(PoSyntaxError):
    """Bytes outside comments that the declared charset cannot decode."""


Token = tuple[str, object, int, bool]  # kind, value, line, obsolete (#~)


# ==================================================================================== the lexer


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Numbered lines; a backslash right before a newline joins two lines, as in po-lex.c."""
    lines = text.split("\n")
    if "\\\n" not in text:
        yield from enumerate(lines, 1)
        return
    number = 0
    while number < len(lines):
        start, line = number + 1, lines[number]
        while line.endswith("\\") and number + 1 < len(lines):
            number += 1
            line = line[:-1] + lines[number]
        yield start, line
        number += 1


def tokens(text: str, codec: str = "utf-8", check_encoding: bool = False) -> Iterator[Token]:
    """po-lex.c's tokens. ``codec`` decodes the bytes that octal and hex escapes denote;
    ``check_encoding``: a byte the charset cannot decode (kept by surrogateescape) is an error
    outside comments, as gettext reports it."""
    previous = False  # inside "#|": keywords and strings are the previous ones
    number = 1
    for number, line in _lines(text):
        if not line:
            previous = False
            continue
        obsolete = False
        if line[:1] == "#" and line[1:2] not in ("~", "|"):  # most lines: a comment, ...
            yield COMMENT, line[1:], number, False
            continue
        simple = None if previous else _SIMPLE_LINE.fullmatch(line)
        if simple:  # ... or a keyword and one string without escapes, or such a string alone
            keyword, value = simple.groups()
            if keyword:
                yield _KEYWORDS[keyword], None, number, False
            if check_encoding and _UNDECODABLE.search(value):
                raise UndecodableBytes(number, "invalid multibyte sequence in a string")
            yield STRING, value.partition("\0")[0], number, False
            continue
        ended_by_comment = False
        position, end = 0, len(line)
        while position < end:
            match = _TOKEN.match(line, position)
            kind = match.lastgroup
            position = match.end()
            if kind is None:
                continue
            if kind == "hash":
                marker = line[position : position + 1]
                if marker == "~":
                    obsolete = True
                    position += 1
                    if line[position : position + 1] == "|":
                        previous = True
                        position += 1
                    continue
                if marker == "|":
                    previous = True
                    position += 1
                    continue
                # A comment runs to the end of the line and swallows its newline, which is why
                # "#|" stays in force on the next line after "#| # ...", as in gettext.
                yield COMMENT, line[position:], number, obsolete
                ended_by_comment = True
                break
            if kind == "close":  # a string (its last group is the closing quote)
                if not match.group("close"):
                    raise PoSyntaxError(number, "end-of-line within string (no closing '\"')")
                raw = match.group("string")
                if check_encoding and _UNDECODABLE.search(raw):
                    raise UndecodableBytes(number, "invalid multibyte sequence in a string")
                value = _unescape(raw, number, codec) if "\\" in raw else raw
                # gettext keeps a string up to its first NUL (po-lex.c's FIXME).
                value = value.partition("\0")[0]
                yield (PREV_STRING if previous else STRING), value, number, obsolete
            elif kind == "word":
                word = match.group("word")
                keyword = (_PREVIOUS_KEYWORDS if previous else _KEYWORDS).get(word)
                if keyword is None:
                    raise PoSyntaxError(number, f'keyword "{word}" unknown')
                yield keyword, None, number, obsolete
            elif kind == "number":
                yield NUMBER, int(match.group("number")), number, obsolete
            elif kind == "bracket":
                yield _BRACKETS[match.group("bracket")], None, number, obsolete
            else:
                junk = match.group("junk")
                if check_encoding and _UNDECODABLE.match(junk):
                    raise UndecodableBytes(number, "invalid multibyte sequence")
                raise PoSyntaxError(number, f"syntax error: unexpected {junk!r}")
        if not ended_by_comment:
            previous = False
    yield EOF, None, number, False


def _unescape(raw: str, line: int, codec: str) -> str:
    """A string's C escapes resolved; octal and hex escapes denote bytes in the file's charset."""
    parts: list[str | int] = []
    start = 0
    for match in _ESCAPE.finditer(raw):
        parts.append(raw[start : match.start()])
        simple, octal, hexadecimal, invalid = match.groups()
        if invalid is not None:
            raise PoSyntaxError(
                line,
                f"invalid control sequence '\\{invalid}' in a string (gettext knows \\n \\t "
                '\\r \\a \\b \\f \\v \\\\ \\" \\NNN and \\xHH; write a backslash as \\\\)',
            )
        if simple is not None:
            parts.append(_SIMPLE_ESCAPES[simple])
        else:
            # C keeps the low byte of the value (char buf[]).
            parts.append(int(octal, 8) & 0xFF if octal else int(hexadecimal, 16) & 0xFF)
        start = match.end()
    parts.append(raw[start:])
    if all(isinstance(part, str) or part < 0x80 for part in parts):
        return "".join(part if isinstance(part, str) else chr(part) for part in parts)
    data = b"".join(
        part.encode(codec, "surrogateescape") if isinstance(part, str) else bytes((part,))
        for part in parts
    )
    return data.decode(codec, "surrogateescape")


# ================================================================================== the grammar


class _Parser:
    """po-gram.y over the lexer's tokens, with one token of lookahead (the current token is
    ``kind, value, line, obsolete``)."""

    def __init__(self, stream: Iterator[Token]) -> None:
        self._next = stream.__next__
        self.kind, self.value, self.line, self.obsolete = self._next()

    def events(self) -> Iterator[tuple[str, object]]:
        """("entry", (POEntry, msgid line, domain)) and ("domain", name), in file order."""
        comments: list[str] = []
        first_line = 0
        domain = "messages"
        while self.kind is not EOF:
            if self.kind is COMMENT:
                comments.append(self.value)
                first_line = first_line or self.line
                self.kind, self.value, self.line, self.obsolete = self._next()
            elif self.kind is DOMAIN:
                self.kind, self.value, self.line, self.obsolete = self._next()
                if self.kind is not STRING:
                    raise self._unexpected("a domain name string after 'domain'")
                yield "domain", self.value
                domain = self.value
                self.kind, self.value, self.line, self.obsolete = self._next()
            elif self.kind in _MESSAGE_STARTS:
                entry, msgid_line = self._message(comments, first_line or self.line)
                yield "entry", (entry, msgid_line, domain)
                comments, first_line = [], 0
            else:
                raise self._unexpected()

    def _message(self, comments: list[str], first_line: int) -> tuple[polib.POEntry, int]:
        obsolete = self.obsolete
        previous_msgctxt = previous_msgid = previous_msgid_plural = msgctxt = None
        if self.kind is PREV_MSGCTXT:
            previous_msgctxt = self._strings(PREV_STRING, obsolete)
            if self.kind is not PREV_MSGID:
                raise self._unexpected("'#| msgid' after '#| msgctxt'")
        if self.kind is PREV_MSGID:
            previous_msgid = self._strings(PREV_STRING, obsolete)
            if self.kind is PREV_MSGID_PLURAL:
                previous_msgid_plural = self._strings(PREV_STRING, obsolete)
        if self.kind is MSGCTXT:
            msgctxt = self._strings(STRING, obsolete)
        if self.kind is not MSGID:
            raise self._unexpected("'msgid'")
        msgid_line = self.line
        msgid = self._strings(STRING, obsolete)
        msgid_plural = msgstr = ""
        forms: dict[int, str] = {}
        if self.kind is MSGSTR:
            if self.obsolete is not obsolete:
                raise self._inconsistent()
            self.kind, self.value, self.line, self.obsolete = self._next()
            if self.kind is OPEN:
                raise PoSyntaxError(msgid_line, "missing 'msgid_plural' section")
            msgstr = self._strings(STRING, obsolete, keyword=False)
        elif self.kind is MSGID_PLURAL:
            msgid_plural = self._strings(STRING, obsolete)
            forms = self._plural_forms(obsolete, msgid_line)
        else:
            raise PoSyntaxError(msgid_line, "missing 'msgstr' section")
        entry = _entry(comments)
        entry.__dict__.update(
            msgctxt=msgctxt,
            msgid=msgid,
            msgid_plural=msgid_plural,
            msgstr=msgstr,
            msgstr_plural=forms,
            obsolete=obsolete,
            previous_msgctxt=previous_msgctxt,
            previous_msgid=previous_msgid,
            previous_msgid_plural=previous_msgid_plural,
            linenum=first_line,
        )
        return entry, msgid_line

    def _plural_forms(self, obsolete: bool, msgid_line: int) -> dict[int, str]:
        forms: dict[int, str] = {}
        if self.kind is not MSGSTR:
            raise PoSyntaxError(msgid_line, "missing 'msgstr[]' section")
        while self.kind is MSGSTR:
            line = self.line
            index = None
            for wanted, what in ((OPEN, "'['"), (NUMBER, "a number"), (CLOSE, "']'")):
                if self.obsolete is not obsolete:
                    raise self._inconsistent()
                self.kind, self.value, self.line, self.obsolete = self._next()
                if self.kind is not wanted:
                    raise self._unexpected(f"{what} in 'msgstr[N]'")
                index = self.value if wanted is NUMBER else index
            if index != len(forms):
                wrong = "first plural form has nonzero index" if not forms else None
                raise PoSyntaxError(line, wrong or "plural form has wrong index")
            forms[index] = self._strings(STRING, obsolete)
        return forms

    def _strings(self, kind: str, obsolete: bool, keyword: bool = True) -> str:
        """A string list: the current keyword (unless ``keyword`` is false) and the one or more
        strings after it, joined."""
        if keyword:
            if self.obsolete is not obsolete:
                raise self._inconsistent()
            self.kind, self.value, self.line, self.obsolete = self._next()
        if self.kind is not kind:
            raise self._unexpected()
        parts = []
        while self.kind is kind:
            if self.obsolete is not obsolete:
                raise self._inconsistent()
            parts.append(self.value)
            self.kind, self.value, self.line, self.obsolete = self._next()
        return parts[0] if len(parts) == 1 else "".join(parts)

    def _inconsistent(self) -> PoSyntaxError:
        return PoSyntaxError(
            self.line, "inconsistent use of #~ (mark every line of the entry, or none)"
        )

    def _unexpected(self, wanted: str | None = None) -> PoSyntaxError:
        found = "end of file" if self.kind is EOF else repr(self.kind)
        if self.kind in (STRING, PREV_STRING):
            found = f"string {self.value!r}"
        detail = f", expected {wanted}" if wanted else ""
        return PoSyntaxError(self.line, f"syntax error: unexpected {found}{detail}")


_MESSAGE_STARTS = frozenset((PREV_MSGCTXT, PREV_MSGID, MSGCTXT, MSGID))


# ================================================================== comments, as gettext sorts them

_FLAG_SEPARATORS = re.compile(r"[\n \t\r\f\v,]+")
_SOLARIS_REFERENCE = re.compile(r" [Ff]ile:[ \t]*(.*?)[ \t]*,[ \t]*line[ \t]*:([0-9]+)[ \t\n]*")
_REFERENCE = re.compile(r"[^ \t\n]+")
_WORD_REFERENCE = re.compile(r"([^ \t\n]+?):([0-9]+)(?![^ \t\n])|([^ \t\n]+)")
_SPACED_COLON = re.compile(r"[ \t\n]:|:[ \t\n]")
_SPACES = " \t\n"


# Every attribute polib's POEntry constructor sets, with its default: an entry starts as a copy
# (the constructor's keyword handling took a quarter of the reading time). The mutable ones
# (lists, dicts) are always replaced, never shared.
_ENTRY_DEFAULTS = polib.POEntry().__dict__


def _entry(comments: list[str]) -> polib.POEntry:
    """An entry with the comments that preceded it, sorted as read-catalog-abstract.c does."""
    translator: list[str] = []
    extracted: list[str] = []
    occurrences: list[tuple[str, str]] = []
    flags: list[str] = []
    for text in comments:
        marker = text[:1]
        if marker == ".":
            extracted.append(text[1:])
        elif marker == ":":
            occurrences += _references(text[1:])
        elif marker in (",", "!"):
            # gettext 0.21 keeps the last flag line only: msgfmt compiles "#, fuzzy" then
            # "#, c-format" as translated, and msgcat writes "#, c-format" alone
            flags = _flags(text[1:])
        else:
            solaris = text[2:6] == "ile:" and _SOLARIS_REFERENCE.fullmatch(text)
            if solaris:
                occurrences.append((solaris[1], str(int(solaris[2]))))
            else:
                translator.append(text)
    entry = polib.POEntry.__new__(polib.POEntry)
    entry.__dict__.update(
        _ENTRY_DEFAULTS,
        tcomment=comment_text(translator) if translator else "",
        comment=comment_text(extracted) if extracted else "",
        occurrences=occurrences,
        flags=flags,
        tcomment_lines=translator,
        comment_lines=extracted,
    )
    return entry


def comment_text(lines: list[str]) -> str:
    """polib's text of ``#``/``#.`` comment lines: one leading space and trailing spaces dropped."""
    return "\n".join(line[1:] if line[:1] == " " else line for line in map(str.rstrip, lines))


def _flags(text: str) -> list[str]:
    """``#,`` flags, split as gettext splits them; "range:" keeps its value ("range: 1..5")."""
    words = [word for word in _FLAG_SEPARATORS.split(text) if word]
    flags: list[str] = []
    for word in words:
        if flags and flags[-1] == "range:":
            flags[-1] = f"range: {word}"
        else:
            flags.append(word)
    return flags


def _references(text: str) -> list[tuple[str, str]]:
    """``#:`` references as po_parse_comment_filepos reads them: "file:line", "file: line",
    "file :line", or a file alone (line "")."""
    if not _SPACED_COLON.search(text):  # each word on its own: "file:12" or "file"
        return [
            (file, line if line[0] != "0" else str(int(line))) if file else (word, "")
            for file, line, word in _WORD_REFERENCE.findall(text)
        ]
    found: list[tuple[str, str]] = []
    position, end = 0, len(text)
    while position < end:
        while position < end and text[position] in _SPACES:
            position += 1
        if position == end:
            break
        word = _REFERENCE.match(text, position)
        start, position = word.start(), word.end()
        after = _skip_spaces(text, position)
        if text.startswith(":", after):
            number_end = _number_end(text, _skip_spaces(text, after + 1))
            if number_end is not None:
                found.append((text[start:position], _line_number(text, after + 1, number_end)))
                position = number_end
                continue
        if text[position - 1] == ":":
            number_end = _number_end(text, after)
            if number_end is not None:
                found.append((text[start : position - 1], _line_number(text, after, number_end)))
                position = number_end
                continue
        digits = position
        while digits > start and text[digits - 1].isdigit() and text[digits - 1].isascii():
            digits -= 1
        if digits < position and digits > start + 1 and text[digits - 1] == ":":
            found.append((text[start : digits - 1], _line_number(text, digits, position)))
        else:
            found.append((text[start:position], ""))
    return found


def _skip_spaces(text: str, position: int) -> int:
    while position < len(text) and text[position] in _SPACES:
        position += 1
    return position


def _number_end(text: str, position: int) -> int | None:
    """The end of the ASCII digits at ``position`` when a space or the end follows them."""
    end = position
    while end < len(text) and "0" <= text[end] <= "9":
        end += 1
    if end == position or (end < len(text) and text[end] not in _SPACES):
        return None
    return end


def _line_number(text: str, start: int, end: int) -> str:
    """The line number as gettext keeps it (a number: "007" is 7)."""
    return str(int(text[start:end].strip(_SPACES)))


# ================================================================================ the catalog


def read_entries(
    text: str, codec: str = "utf-8", check_encoding: bool = False
) -> tuple[list[polib.POEntry], list[tuple[int, str]]]:
    """Every entry in file order (header and obsolete ones included) and the ``domain``
    directives as (number of non-obsolete entries before it, domain).

    A second definition of the same msgctxt and msgid in a domain, obsolete or not, is an error
    (as in msgfmt, msgcat and msgmerge).
    """
    entries: list[polib.POEntry] = []
    directives: list[tuple[int, str]] = []
    seen: dict[tuple[str, str | None, str], int] = {}
    active = 0
    for kind, event in _Parser(tokens(text, codec, check_encoding)).events():
        if kind == "domain":
            directives.append((active, event))
            continue
        entry, msgid_line, domain = event
        key = (domain, entry.msgctxt, entry.msgid)
        if key in seen:
            raise PoSyntaxError(
                msgid_line,
                f"duplicate message definition (the first is at line {seen[key]}; "
                "`msguniq` keeps one of each)",
            )
        seen[key] = msgid_line
        entries.append(entry)
        active += not entry.obsolete
    return entries, directives


def first_header(text: str) -> polib.POEntry | None:
    """The header entry (msgid "" without msgctxt, not obsolete), reading no further than it;
    None when there is none or a syntax error comes first."""
    try:
        for kind, event in _Parser(tokens(text)).events():
            if kind == "entry" and is_header(event[0]):
                return event[0]
    except PoSyntaxError:
        return None
    return None


def is_header(entry: polib.POEntry) -> bool:
    """gettext's header test: an active entry with an empty msgid and no context."""
    return entry.msgid == "" and entry.msgctxt is None and not entry.obsolete


def header_metadata(msgstr: str) -> dict[str, str]:
    """The header's fields as polib reads them: "Key: value" lines (a repeated key keeps its
    last value), a line without a colon continuing the previous value."""
    metadata: dict[str, str] = {}
    key = None
    for line in msgstr.splitlines():
        if ":" in line:
            key, value = line.split(":", 1)
            metadata[key] = value.strip()
        elif key is not None:
            metadata[key] += "\n" + line.strip()
    return metadata
