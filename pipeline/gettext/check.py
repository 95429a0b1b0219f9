"""What ``msgfmt --check`` reports beyond syntax, for a catalog that ``read_po`` accepted.

GNU gettext 0.21's checks (``msgfmt.c``, ``msgl-check.c``), errors only (msgfmt's warnings,
such as a header field still at its default value, do not make it fail):

* the header: present and translated (a fuzzy header still counts);
* ``domain`` directives: msgfmt writing one output file ignores them, which is an error;
* Plural-Forms: present when a translated entry has plural forms; ``nplurals`` a number;
  ``plural`` an expression that stays in 0..nplurals-1 without dividing by zero; every plural
  entry with exactly nplurals forms;
* each translated, non-fuzzy entry: msgid, msgid_plural and every msgstr all begin with
  ``\\n`` or none does, and the same for the end;
* format strings (``pipeline.gettext.formats``): the directives of each msgstr match the msgid's.

Untranslated and fuzzy entries are not checked, as msgfmt does not compile them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import polib

from pipeline.gettext.formats import format_problems, plural_often
from pipeline.gettext.parse import header_metadata
from pipeline.gettext.plural import plural_problem

_NPLURALS = re.compile(r"nplurals=[ \t\n\v\f\r]*([0-9]*)")


def check_po(po: polib.POFile, name: str) -> list[str]:
    """The problems ``msgfmt --check`` would report, each as ``name:line: problem``."""
    header = _header(po)
    checked = [entry for entry in po if _compiled(entry)]
    problems = []
    if header is None or header.msgstr == "":
        line = header.linenum if header is not None else 1
        problems.append(f"{name}:{line}: PO file header missing or invalid")
    for _position, domain in getattr(po, "domain_directives", []):
        problems.append(f"{name}: 'domain {domain}' directive ignored")
    problems += _plural_problems(header, checked, name)
    often = plural_often(header_metadata(header.msgstr).get("Plural-Forms") if header else None)
    for entry in checked:
        if entry.msgid:
            problems += _newline_problems(entry, name)
            problems += format_problems(entry, name, entry.linenum, often)
    return problems


def _header(po: polib.POFile) -> polib.POEntry | None:
    """The header the catalog will be written with: as read, unless code changed its metadata
    since (or built the catalog), in which case the one its metadata makes."""
    read = getattr(po, "header_entry", None)
    if read is not None and header_metadata(read.msgstr) == po.metadata:
        return read
    if not po.metadata:
        return None
    msgstr = "".join(f"{key}: {value}\n" for key, value in po.metadata.items())
    return polib.POEntry(msgid="", msgstr=msgstr, linenum=read.linenum if read else 1)


def _compiled(entry: polib.POEntry) -> bool:
    """Whether msgfmt compiles (and so checks) the entry: active, translated, not fuzzy."""
    return not entry.obsolete and _forms(entry)[0] != "" and "fuzzy" not in entry.flags


def _forms(entry: polib.POEntry) -> list[str]:
    if not entry.msgid_plural:
        return [entry.msgstr]
    forms = entry.msgstr_plural
    return [forms[key] for key in sorted(forms, key=int)] or [""]


def _plural_problems(
    header: polib.POEntry | None, checked: list[polib.POEntry], name: str
) -> list[str]:
    """msgl-check.c's check_plural: the header's Plural-Forms against the plural entries."""
    plural_entries = [entry for entry in checked if entry.msgid_plural]
    if header is None or header.msgstr == "":
        if not plural_entries:
            return []
        return [
            f"{name}:{plural_entries[0].linenum}: message catalog has plural form translations, "
            'but lacks a header entry with "Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;"'
        ]
    where = f"{name}:{header.linenum}"
    text = header.msgstr
    plural_at, nplurals_at = text.find("plural="), text.find("nplurals=")
    problems = []
    for position, attribute in (
        (plural_at, "plural=EXPRESSION"),
        (nplurals_at, "nplurals=INTEGER"),
    ):
        if position < 0 and plural_entries:
            problems.append(
                f"{where}: message catalog has plural form translations, but the header "
                f'lacks a "{attribute}" attribute in its Plural-Forms'
            )
    if plural_at < 0 or nplurals_at < 0:
        return problems
    digits = _NPLURALS.match(text, nplurals_at)[1]
    if not digits:
        return [f"{where}: invalid nplurals value"]
    nplurals = int(digits)
    problem = plural_problem(text[plural_at + len("plural=") :], nplurals)
    if problem is not None:
        return [f"{where}: {problem}"]
    for entry in plural_entries:
        count = len(_forms(entry))
        if count != nplurals:
            return [
                f"{name}:{entry.linenum}: {count} plural forms, but the header's nplurals is "
                f"{nplurals}"
            ]
    return []


def _newline_problems(entry: polib.POEntry, name: str) -> Iterator[str]:
    """msgl-check.c's check_pair tests 1 and 2: a leading or trailing \\n on all or none."""
    strings = [("msgid_plural", entry.msgid_plural)] if entry.msgid_plural else []
    forms = _forms(entry)
    if entry.msgid_plural:
        strings += [(f"msgstr[{index}]", form) for index, form in enumerate(forms)]
    else:
        strings.append(("msgstr", forms[0]))
    for where, test in (("begin", _begins), ("end", _ends)):
        expected = test(entry.msgid)
        for keyword, value in strings:
            if test(value) != expected:
                yield (
                    f"{name}:{entry.linenum}: 'msgid' and '{keyword}' entries do not both "
                    f"{where} with '\\n'"
                )


def _begins(text: str) -> bool:
    return text.startswith("\n")


def _ends(text: str) -> bool:
    return text.endswith("\n")
