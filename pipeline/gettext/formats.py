"""Format strings as GNU gettext 0.21 parses them: ``msgfmt --check-format`` and line breaking.

For an entry flagged e.g. ``c-format``, msgfmt checks that each translation uses the same
directives as the msgid (same arguments, same types), and the PO writer never breaks a line
inside a directive. Both need the same parse, so both use ``parse`` here: the directives of a
string, where each one is, and the first syntax error, as gettext's ``format-*.c`` find them.

Languages covered: c (and objc), python, python-brace, sh. For other languages nothing is
checked and every line break opportunity stays open, as before.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import polib

# How msgfmt names each language in "'msgstr' is not a valid C format string".
_PRETTY_NAMES = {
    "c": "C",
    "objc": "Objective C",
    "python": "Python",
    "python-brace": "Python brace",
    "sh": "Shell",
}


@dataclass(frozen=True)
class Directive:
    """One directive: ``text[start:end]``; ``valid`` is False for the one where parsing failed."""

    start: int
    end: int
    valid: bool = True


@dataclass
class FormatString:
    """A parsed format string.

    ``arguments`` maps each argument (a number from 1, or a name) to its type; ``error`` is
    msgfmt's reason when the string is not a valid format string (then ``arguments`` holds what
    was read before the error).
    """

    directives: list[Directive] = field(default_factory=list)
    arguments: dict[int | str, str] = field(default_factory=dict)
    error: str | None = None
    named: bool = False  # arguments are names (python, python-brace, sh), not positions
    # gettext 0.21 words an argument missing from the msgid without "as in 'msgstr'"
    # (python-brace only)
    brief_messages: bool = False


def languages(flags: Sequence[str]) -> list[str]:
    """The languages a flag list declares possible, in gettext's order (``c-format``,
    ``possible-c-format``; never ``no-c-format``)."""
    declared = {
        match[2] for flag in flags if (match := _FLAG.fullmatch(flag.strip())) and not match[1]
    }
    return [language for language in FORMAT_LANGUAGES if language in declared]


_FLAG = re.compile(r"(no-|impossible-)?(?:possible-)?(.+)-format")

# The format flags gettext 0.21 knows, in the order it prints them.
FORMAT_LANGUAGES = (
    "c", "objc", "python", "python-brace", "java", "java-printf", "csharp", "javascript",
    "scheme", "lisp", "elisp", "librep", "ruby", "sh", "awk", "lua", "object-pascal", "smalltalk",
    "qt", "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl", "perl-brace", "php",
    "gcc-internal", "gfc-internal", "ycp",
)  # fmt: skip


def parse(language: str, text: str, translated: bool = False) -> FormatString | None:
    """``text`` parsed as a ``language`` format string; None for a language not covered.

    ``translated``: text is a msgstr (C allows the ``I`` flag there only).
    """
    parser = _PARSERS.get(language)
    return None if parser is None else parser(text, translated)


def directive_language(flags: Sequence[str]) -> str | None:
    """The language whose directives the PO writer keeps whole: the first possible format
    language of the entry, in gettext's order (write-po.c looks at that one only)."""
    found = languages(flags)
    return found[0] if found else None


def directive_spans(language: str | None, text: str, translated: bool) -> list[Directive]:
    """The directives of ``text`` in ``language`` up to the first syntax error (the one with
    the error marked invalid); none for no language or one not covered."""
    parsed = parse(language, text, translated) if language is not None else None
    return parsed.directives if parsed is not None else []


def format_problems(
    entry: polib.POEntry, name: str, line: int, plural_often: Sequence[bool] | None = None
) -> list[str]:
    """msgfmt --check-format's complaints about ``entry``, as ``name:line: problem``.

    ``line`` is where msgfmt reports them (the entry's first msgstr line); like msgfmt, only
    the first problem of each format language is reported. For a plural entry
    every msgstr[i] is compared with msgid_plural; ``plural_often[i]`` (``plural_often`` of the
    header's Plural-Forms) tells whether form i stands for many numbers: then it must use every
    argument, otherwise it may leave some out, like "one file" for n == 1. Without it, a
    plural entry with two or more forms is checked leniently.
    """
    problems = []
    translations = _translations(entry)
    # msgfmt leaves fuzzy and untranslated (empty msgstr or msgstr[0]) entries unchecked.
    if "fuzzy" in entry.flags or not translations or not translations[0][1]:
        return []
    for language in languages(entry.flags):
        source_name = "msgid_plural" if entry.msgid_plural else "msgid"
        source = parse(language, entry.msgid_plural or entry.msgid)
        if source is None or source.error is not None:
            continue
        for index, (label, text) in enumerate(translations):
            strict = _strict(entry, index, len(translations), plural_often)
            target = parse(language, text, translated=True)
            assert target is not None
            if target.error is not None:
                pretty = _PRETTY_NAMES[language]
                problem = (
                    f"'{label}' is not a valid {pretty} format string, unlike "
                    f"'{source_name}'. Reason: {target.error}"
                )
            else:
                problem = _mismatch(source, target, strict, source_name, label)
            if problem:
                problems.append(f"{name}:{line}: {problem}")
                break
    return problems


def plural_often(plural_forms: str | None) -> list[bool] | None:
    """For each plural form of a ``Plural-Forms`` header value, whether its formula picks the
    form for many numbers (msgfmt: at least 5 of n = 0..1000); the Germanic ``n != 1`` when
    there is no header value; None when the value is not a valid formula."""
    if plural_forms is None:
        return [False, True]
    count = re.search(r"nplurals\s*=\s*(\d+)", plural_forms)
    expression = re.search(r"plural\s*=\s*([^;]*)", plural_forms)
    if count is None or expression is None:
        return None
    try:
        formula = gettext.c2py(expression[1])
        picked = [formula(n) for n in range(1001)]
    except (ValueError, ArithmeticError, RecursionError):
        return None
    return [picked.count(form) >= 5 for form in range(int(count[1]))]


def _strict(entry: polib.POEntry, index: int, forms: int, often: Sequence[bool] | None) -> bool:
    """msgfmt's strict checking: every argument used. For all but plural forms that stand for
    one or a few numbers (or for a ``range:`` flag of fewer than 1000 numbers)."""
    if forms == 1:
        return True
    small_range = any(
        (match := _RANGE.fullmatch(flag.strip())) and int(match[2]) - int(match[1]) < 1000
        for flag in entry.flags
    )
    return often is not None and index < len(often) and often[index] and not small_range


_RANGE = re.compile(r"range:\s*(\d+)\.\.(\d+)")


def _translations(entry: polib.POEntry) -> list[tuple[str, str]]:
    if not entry.msgid_plural:
        return [("msgstr", entry.msgstr)]
    forms = entry.msgstr_plural
    return [(f"msgstr[{key}]", forms[key]) for key in sorted(forms, key=int)]


def _mismatch(
    source: FormatString, target: FormatString, strict: bool, source_name: str, label: str
) -> str | None:
    """What msgfmt's ``format_check`` reports for one msgid/msgstr pair (its first complaint)."""
    if source.arguments and target.arguments and source.named != target.named:
        kinds = ("a mapping", "a tuple") if source.named else ("a tuple", "a mapping")
        return (
            f"format specifications in '{source_name}' expect {kinds[0]}, those in '{label}' "
            f"expect {kinds[1]}"
        )
    if source.named or target.named:
        return _named_mismatch(source, target, strict, source_name, label)
    count, target_count = len(source.arguments), len(target.arguments)
    if (count != target_count) if strict else (count < target_count):
        return f"number of format specifications in '{source_name}' and '{label}' does not match"
    for number in range(1, target_count + 1):
        if source.arguments[number] != target.arguments[number]:
            return (
                f"format specifications in '{source_name}' and '{label}' for argument {number} "
                "are not the same"
            )
    return None


def _named_mismatch(
    source: FormatString, target: FormatString, strict: bool, source_name: str, label: str
) -> str | None:
    """Named arguments: first the names, in name order as msgfmt walks its two sorted lists,
    then the types."""
    for argument in sorted(source.arguments.keys() | target.arguments.keys(), key=str):
        if argument not in source.arguments:
            as_in = "" if source.brief_messages else f", as in '{label}',"
            return (
                f"a format specification for argument '{argument}'{as_in} "
                f"doesn't exist in '{source_name}'"
            )
        if argument not in target.arguments and strict:
            return f"a format specification for argument '{argument}' doesn't exist in '{label}'"
    for argument in sorted(source.arguments.keys() & target.arguments.keys(), key=str):
        ours, theirs = source.arguments[argument], target.arguments[argument]
        if ours != theirs and (strict or "any" not in (ours, theirs)):
            return (
                f"format specifications in '{source_name}' and '{label}' for argument "
                f"'{argument}' are not the same"
            )
    return None


# ================================================================ C (format-c.c, format-c-parse.h)

_C_SIZES = re.compile(r"hh|h|ll|l|L|q|j|z|Z|t")
_C_TYPES = {
    **dict.fromkeys("di", "int"),
    **dict.fromkeys("ouxX", "unsigned"),
    **dict.fromkeys("eEfFgGaA", "double"),
    "c": "char",
    "C": "wchar",
    "s": "string",
    "S": "wstring",
    "p": "pointer",
    "n": "count",
}
_C_WIDE = {"char": "wchar", "string": "wstring"}
_C_POSITION = re.compile(r"(\d+)\$")


def _parse_c(text: str, translated: bool) -> FormatString:
    """format-c.c: ``%[n$][flags][width][.precision][size]conversion``, positions all or none."""
    result = FormatString()
    unnumbered: list[str] = []
    numbered: list[tuple[int, str]] = []
    i = 0
    count = 0  # directives so far, as msgfmt numbers them in its messages
    while (i := text.find("%", i)) >= 0:
        start, i, count = i, i + 1, count + 1
        if text.startswith("%", i):
            result.directives.append(Directive(start, i + 1))
            i += 1
            continue
        try:
            i, position = _c_position(text, i, count)
            while i < len(text) and text[i] in ("-+ #0'I" if translated else "-+ #0'"):
                i += 1
            i, width = _c_star_or_digits(text, i, count)
            precision = None
            if text.startswith(".", i):
                i, precision = _c_star_or_digits(text, i + 1, count)
            i, kind = _c_conversion(text, i, count)
        except _FormatError as error:
            result.directives.append(Directive(start, error.at + 1, valid=False))
            result.error = str(error)
            return result
        result.directives.append(Directive(start, i))
        for star in (width, precision):
            if star is True:
                unnumbered.append("int")
            elif isinstance(star, int):
                numbered.append((star, "int"))
        if kind is not None and position is None:
            unnumbered.append(kind)
        elif kind is not None:
            numbered.append((position, kind))
        if unnumbered and numbered:
            result.error = (
                "The string refers to arguments both through absolute argument numbers "
                "and through unnumbered argument specifications."
            )
            return result
    if numbered:
        _c_numbered(result, numbered)
    else:
        result.arguments = dict(enumerate(unnumbered, 1))
    return result


class _FormatError(ValueError):
    def __init__(self, message: str, at: int):
        super().__init__(message)
        self.at = at


def _c_position(text: str, i: int, number: int) -> tuple[int, int | None]:
    match = _C_POSITION.match(text, i)
    if match is None:
        return i, None
    if int(match[1]) == 0:
        raise _FormatError(
            f"In the directive number {number}, the argument number 0 is not a positive integer.",
            match.end() - 1,
        )
    return match.end(), int(match[1])


def _c_star_or_digits(text: str, i: int, number: int) -> tuple[int, bool | int | None]:
    """Width or precision: True for ``*``, n for ``*n$``, None for digits or nothing."""
    if i < len(text) and text[i] == "*":
        match = _C_POSITION.match(text, i + 1)
        if match is None:
            return i + 1, True
        if int(match[1]) == 0:
            raise _FormatError(
                f"In the directive number {number}, the argument number 0 for the width is not "
                "a positive integer.",
                match.end() - 1,
            )
        return match.end(), int(match[1])
    while i < len(text) and text[i].isdigit() and text[i].isascii():
        i += 1
    return i, None


def _c_conversion(text: str, i: int, number: int) -> tuple[int, str | None]:
    """The size and conversion letter: the argument type, or None for ``%m``."""
    size = ""
    if i < len(text) and text[i] == "<":
        end = text.find(">", i)
        if end < 0 or not text[i + 1 : end].startswith("PRI"):
            raise _FormatError(
                f"In the directive number {number}, the token after '<' is not the name of a "
                "format specifier macro. The valid macro names are listed in ISO C 99 section "
                "7.8.1.",
                max(end, i),
            )
        return end + 1, "macro:" + text[i + 4 : end]
    match = _C_SIZES.match(text, i)
    if match:
        size, i = match[0], match.end()
    if i >= len(text):
        raise _FormatError("The string ends in the middle of a directive.", len(text) - 1)
    letter = text[i]
    if letter in "m%":  # glibc's strerror(errno), and a percent sign after flags or a width
        return i + 1, None
    if letter not in _C_TYPES:
        reason = (
            f"In the directive number {number}, the character '{letter}' is not a valid "
            "conversion specifier."
        )
        raise _FormatError(reason, i)
    kind = _C_TYPES[letter]
    if size.startswith("l") and kind in _C_WIDE:
        kind = _C_WIDE[kind]
    elif size and kind not in ("char", "string", "wchar", "wstring"):
        kind = f"{size} {kind}"
    return i + 1, kind


def _c_numbered(result: FormatString, numbered: list[tuple[int, str]]) -> None:
    """Positional arguments: each one typed once, none left out (format-c-parse.h's checks)."""
    types: dict[int, str] = {}
    for position, kind in numbered:
        if types.setdefault(position, kind) != kind:
            result.error = f"The string refers to argument number {position} in incompatible ways."
            return
    for expected, position in enumerate(sorted(types), 1):
        if position != expected:
            result.error = (
                f"The string refers to argument number {position} but ignores argument number "
                f"{expected}."
            )
            return
    result.arguments = dict(sorted(types.items()))


# ================================================================ Python (format-python.c)

_PYTHON_TYPES = {**dict.fromkeys("cdiouxX", "integer"), **dict.fromkeys("eEfFgG", "float")}
_PYTHON_TYPES |= {"c": "character", **dict.fromkeys("sra", "any")}


def _parse_python(text: str, translated: bool) -> FormatString:
    """``%[(name)][flags][width][.precision][hlL]conversion``: names or positions, not both."""
    result = FormatString()
    names: dict[int | str, str] = {}
    unnamed: list[str] = []
    conflicts: list[str] = []
    i = 0
    count = 0
    while (i := text.find("%", i)) >= 0:
        start, i, count = i, i + 1, count + 1
        try:
            i, name = _python_name(text, i)
            while i < len(text) and text[i] in "-+ #0":
                i += 1
            i = _python_number(text, i, unnamed, name is not None or bool(names))
            if text.startswith(".", i):
                i = _python_number(text, i + 1, unnamed, name is not None or bool(names))
            while i < len(text) and text[i] in "hlL":
                i += 1
            if i >= len(text):
                raise _FormatError("The string ends in the middle of a directive.", len(text) - 1)
            letter = text[i]
            if letter != "%" and letter not in _PYTHON_TYPES:
                raise _FormatError(
                    f"In the directive number {count}, the character '{letter}' is not a valid "
                    "conversion specifier.",
                    i,
                )
            if (names or name is not None) and (unnamed or (name is None and letter != "%")):
                raise _FormatError(_PYTHON_MIXED, i)
        except _FormatError as error:
            result.directives.append(Directive(start, error.at + 1, valid=False))
            result.error = str(error)
            return result
        i += 1
        result.directives.append(Directive(start, i))
        # "%(name)%" is an argument too (of no type), a plain "%%" is none
        kind = _PYTHON_TYPES.get(letter, "none")
        if name is None and letter != "%":
            unnamed.append(kind)
        elif name is not None and names.setdefault(name, kind) != kind:
            conflicts.append(name)
    if conflicts:  # found once the whole string is read, unlike mixed arguments
        name = min(conflicts)
        result.error = f"The string refers to the argument named '{name}' in incompatible ways."
        return result
    result.named = bool(names)
    result.arguments = names or dict(enumerate(unnamed, 1))
    return result


def _python_name(text: str, i: int) -> tuple[int, str | None]:
    """``(name)``, parentheses nesting as in Python's own parser."""
    if not text.startswith("(", i):
        return i, None
    depth, j = 1, i + 1
    while j < len(text) and depth:
        depth += {"(": 1, ")": -1}.get(text[j], 0)
        j += 1
    if depth:
        raise _FormatError("The string ends in the middle of a directive.", len(text) - 1)
    return j, text[i + 1 : j - 1]


def _python_number(text: str, i: int, unnamed: list[str], named: bool) -> int:
    """Width or precision: digits, or ``*`` (an unnamed integer argument, so none in a string
    with named arguments)."""
    if text.startswith("*", i):
        if named:
            raise _FormatError(_PYTHON_MIXED, i)
        unnamed.append("integer")
        return i + 1
    while i < len(text) and text[i].isascii() and text[i].isdigit():
        i += 1
    return i


_PYTHON_MIXED = (
    "The string refers to arguments both through argument names and through unnamed argument "
    "specifications."
)


# ========================================================= Python brace (format-python-brace.c)

_BRACE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|[0-9]+")
_BRACE_SPEC = re.compile(r"(?:.?[<>=^])?[-+ ]?#?0?[0-9]*(?:\.[0-9]+)?[bcdoxXneEfFgG%]?", re.DOTALL)


def _parse_python_brace(text: str, translated: bool) -> FormatString:
    """``{name}``, ``{0}``, with ``.attribute``/``[index]`` and a ``:spec`` that may hold one
    ``{field}``; ``{{`` is a literal brace, and so is any ``}`` outside a field."""
    result = FormatString(named=True, brief_messages=True)
    i = 0
    while (i := text.find("{", i)) >= 0:
        if text.startswith("{{", i):
            i += 2
            continue
        try:
            end, name = _brace_field(text, i, len(result.directives), nested=False)
        except _FormatError as error:
            result.directives.append(Directive(i, error.at + 1, valid=False))
            result.error = str(error)
            return result
        result.directives.append(Directive(i, end))
        result.arguments[name] = "any"
        i = end
    return result


def _brace_field(text: str, i: int, number: int, nested: bool) -> tuple[int, str]:
    """The field whose ``{`` is at ``i``: where it ends (after its ``}``) and its name, which
    in gettext 0.21 is all of its text (``{a:>10}`` is argument ``a:>10``). ``number``: the
    directives before it, which is how 0.21 numbers them in its messages."""
    start = i + 1
    i = _brace_name(text, start, number, "a field name")
    while i < len(text) and text[i] in ".[":
        if text[i] == ".":
            i = _brace_name(text, i + 1, number, "a getattr argument")
            continue
        i = _brace_name(text, i + 1, number, "a getitem argument")
        if not text.startswith("]", i):
            message = (
                f"In the directive number {number}, there is an unterminated getitem argument."
            )
            raise _FormatError(message, i - 1)
        i += 1
    if text.startswith(":", i):
        if nested:
            message = (
                f"In the directive number {number}, no more nesting is allowed in a format "
                "specifier."
            )
            raise _FormatError(message, i)
        if text.startswith("{", i + 1):
            i, _ = _brace_field(text, i + 1, number, nested=True)
        else:
            i = _BRACE_SPEC.match(text, i + 1).end()
    if not text.startswith("}", i):
        message = f"In the directive number {number}, there is an unterminated format directive."
        raise _FormatError(message, max(i - 1, 0))
    return i + 1, text[start:i]


def _brace_name(text: str, i: int, number: int, what: str) -> int:
    """Where the identifier or number at ``i`` ends; msgfmt's complaint if there is none."""
    match = _BRACE_NAME.match(text, i)
    if match is None:
        # 0.21 prints the offending character with %c, so a string's end cuts its message short.
        char = text[i] if i < len(text) else ""
        message = f"In the directive number {number}, '"
        message += f"{char}' cannot start {what}." if char else ""
        raise _FormatError(message, min(i, len(text) - 1))
    return match.end()


# ================================================================ Shell (format-sh.c)

_SH_UNTERMINATED = "The string ends in the middle of a directive."
_SH_CONTEXT = (
    "The string refers to a shell variable whose value may be different inside shell functions."
)
_SH_NON_ASCII = "The string refers to a shell variable with a non-ASCII name."
_SH_COMPLEX = (
    "The string refers to a shell variable with complex shell brace syntax. This syntax is "
    "unsupported here due to security reasons."
)


def _parse_sh(text: str, translated: bool) -> FormatString:
    """``$name`` and ``${name}`` (ASCII names, no ``${x-default}`` syntax); any other ``$`` is
    an error, as in envsubst."""
    result = FormatString(named=True)
    i = 0
    while (i := text.find("$", i)) >= 0:
        start, i = i, i + 1
        try:
            i, name = _sh_name(text, i)
        except _FormatError as error:
            result.directives.append(Directive(start, error.at + 1, valid=False))
            result.error = str(error)
            return result
        result.directives.append(Directive(start, i))
        result.arguments[name] = "any"
    return result


def _sh_name(text: str, i: int) -> tuple[int, str]:
    """The variable named at ``i`` (after the ``$``) and where its directive ends."""
    if text.startswith("{", i):
        end = i + 1
        while end < len(text) and text[end] != "}":
            char = text[end]
            if not char.isascii():
                raise _FormatError(_SH_NON_ASCII, end)
            if end > i + 1 and char in "-=+?:":
                raise _FormatError(_SH_COMPLEX, end)
            if not (char.isalnum() or char == "_") or (end == i + 1 and char.isdigit()):
                raise _FormatError(_SH_CONTEXT, end)
            end += 1
        if end >= len(text):
            raise _FormatError(_SH_UNTERMINATED, end - 1)
        if end == i + 1:
            raise _FormatError("The string refers to a shell variable with an empty name.", end)
        return end + 1, text[i + 1 : end]
    match = _SH_NAME.match(text, i)
    if match:
        return match.end(), match[0]
    if i >= len(text):
        raise _FormatError(_SH_UNTERMINATED, i - 1)
    raise _FormatError(_SH_CONTEXT if text[i].isascii() else _SH_NON_ASCII, i)


_SH_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

_PARSERS = {"c": _parse_c, "objc": _parse_c, "python": _parse_python}
_PARSERS |= {"python-brace": _parse_python_brace, "sh": _parse_sh}
