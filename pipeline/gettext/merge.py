"""Merging a template into a language's catalog with ``msgmerge --previous``'s semantics.

For each template entry, in template order: the old entry with the same context and msgid keeps
its translation (and its fuzzy flag and previous msgid, if it had them); failing that, the old
translated entry most similar to it (``pipeline.gettext.fuzzy``, as msgmerge chooses it: in any
context, obsolete ones too, one old entry for as many new ones as it suits best) lends its
translation as fuzzy, its msgid recorded as previous msgid (``#| msgid``), or its own previous
msgid when it was fuzzy already; otherwise the entry is untranslated. Translated old entries
nobody used become obsolete (``#~``), so a paragraph that comes back gets its translation back.

Untranslated old entries nobody used are dropped, as msgmerge drops them, except for what a
person wrote in their translator comments: that goes into the header's comments, under a line
naming the removed paragraph (``_kept_notes``). An obsolete entry would not do: gettext writes
no obsolete entry with an empty translation, so ``msgcat`` (and this writer) would drop it, and
a made-up translation would be offered back as one if the paragraph came back.

Deliberate differences: where msgmerge would fuzzy-match an edit that changed whitespace alone,
the pipeline keeps the translation exactly as it was (reviewed stays reviewed): spacing no reader
of the publication sees is no reason to review a translation again. And a machine draft (fuzzy,
with a provenance record and no previous msgid) whose paragraph changed gets the old paragraph as
previous msgid, where msgmerge would record none (see ``_made_from``).

Not done: msgmerge also marks an exact match fuzzy when the template gained a format flag
(``c-format``, ...) that the old entry lacked and the translation fails ``msgfmt --check``'s format
test; the pipeline's templates carry no format flags.
"""

from __future__ import annotations

import re

import polib

from pipeline.catalog import catalog_header
from pipeline.gettext.fuzzy import FuzzyIndex, is_header, is_translated
from pipeline.provenance import (
    people_comment,
    read_provenance,
    record_acceptance,
    write_provenance,
)
from pipeline.tm.record import read_memory_record, record_memory_acceptance, write_memory_record

# What gettext assumes when a catalog's header declares no plural forms.
_DEFAULT_NPLURALS = 2
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")
_RANGE = re.compile(r"^range:\s*(-?\d+)\s*\.\.\s*(-?\d+)$")


def merge_catalog(template: polib.POFile, old: polib.POFile | None, lang: str) -> polib.POFile:
    """The catalog of ``lang`` for ``template``, carrying translations over from ``old``."""
    merged = polib.POFile(wrapwidth=79)
    doc_id = template.metadata.get("Project-Id-Version", "")
    merged.header = old.header if old is not None else f"Translation of {doc_id} into {lang}."
    merged.metadata = catalog_header(template, lang, old.metadata if old is not None else None)
    nplurals = _nplurals(merged.metadata.get("Plural-Forms", ""))
    old_entries = [entry for entry in old if not is_header(entry)] if old is not None else []
    finder = _Finder(old_entries)
    used: set[int] = set()
    for new in template:
        if is_header(new):
            continue
        match = finder.find(new)
        if match is None:
            merged.append(_fresh_entry(new, nplurals))
            continue
        old_entry, fuzzy = match
        used.add(id(old_entry))
        merged.append(_carry_over(new, old_entry, fuzzy, nplurals))
    present = {_key(entry) for entry in merged}
    unused = [entry for entry in old_entries if id(entry) not in used]
    for entry in unused:
        # Each message once: no obsolete copy of an active one, nor of another obsolete one.
        if is_translated(entry) and _key(entry) not in present:
            present.add(_key(entry))
            merged.append(_obsolete(entry))
    dropped = [entry for entry in unused if not is_translated(entry) and _key(entry) not in present]
    merged.header = "\n".join(filter(None, [merged.header, *_kept_notes(dropped)]))
    return merged


def _kept_notes(dropped: list[polib.POEntry]) -> list[str]:
    """Header comment lines keeping what people wrote on untranslated entries being dropped."""
    lines: list[str] = []
    for entry in dropped:
        note = people_comment(entry)
        if note.strip():
            context = f'msgctxt "{polib.escape(entry.msgctxt)}" ' if entry.msgctxt else ""
            msgid = f'msgid "{polib.escape(entry.msgid)}"'
            lines.append(f"Note on a removed paragraph, {context}{msgid}:")
            lines += [f"  {line}" for line in note.splitlines()]
    return lines


class _Finder:
    """Which old entry a new one takes its translation from: exact, whitespace, then fuzzy."""

    def __init__(self, old_entries: list[polib.POEntry]) -> None:
        # Active entries before obsolete ones, so that they win when a message is in both.
        by_activity = sorted(old_entries, key=lambda entry: entry.obsolete)
        self._exact: dict[tuple[str | None, str], polib.POEntry] = {}
        self._spacing: dict[tuple[str | None, tuple[bool, bool, str]], polib.POEntry] = {}
        for entry in by_activity:
            self._exact.setdefault(_key(entry), entry)
            if is_translated(entry):
                self._spacing.setdefault((entry.msgctxt, _whitespace_key(entry.msgid)), entry)
        self._fuzzy = FuzzyIndex(old_entries)

    def find(self, new: polib.POEntry) -> tuple[polib.POEntry, bool] | None:
        """The old entry for ``new`` and whether it is a fuzzy match, or None."""
        for index, key in (
            (self._exact, _key(new)),
            (self._spacing, (new.msgctxt, _whitespace_key(new.msgid))),
        ):
            if key in index:
                return index[key], False
        similar = self._fuzzy.best_match(new.msgctxt, new.msgid)
        return (similar, True) if similar is not None else None


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    """What identifies a message in a catalog, as in gettext: its context and its msgid."""
    return entry.msgctxt, entry.msgid


def _whitespace_key(text: str) -> tuple[bool, bool, str]:
    # str.split() treats no-break spaces as whitespace too: "de\u00a0la" and "de la" match. A
    # newline added or removed at either end is no match: msgfmt --check requires the msgstr to
    # begin and end with a newline exactly when the msgid does.
    return text.startswith("\n"), text.endswith("\n"), " ".join(text.split())


def _nplurals(plural_forms: str) -> int:
    found = _NPLURALS.search(plural_forms)
    return int(found.group(1)) if found and int(found.group(1)) > 0 else _DEFAULT_NPLURALS


def _fresh_entry(new: polib.POEntry, nplurals: int) -> polib.POEntry:
    entry = polib.POEntry(
        msgctxt=new.msgctxt,
        msgid=new.msgid,
        msgid_plural=new.msgid_plural,
        msgstr="",
        msgstr_plural=dict.fromkeys(range(nplurals), "") if new.msgid_plural else {},
        comment=new.comment,
        occurrences=list(new.occurrences),
        flags=[flag for flag in new.flags if flag != "fuzzy"],
    )
    _keep_comment_lines(entry, extracted_from=new, translator_from=None)
    return entry


def _keep_comment_lines(
    entry: polib.POEntry,
    extracted_from: polib.POEntry | None,
    translator_from: polib.POEntry | None,
) -> None:
    """Carry the reader's exact comment lines along with the comments they spell (the writer
    uses them only while they still spell the entry's comment), so merging changes no byte."""
    for source, attribute in (
        (extracted_from, "comment_lines"),
        (translator_from, "tcomment_lines"),
    ):
        if source is not None and hasattr(source, attribute):
            setattr(entry, attribute, list(getattr(source, attribute)))


def _carry_over(
    new: polib.POEntry, old: polib.POEntry, fuzzy: bool, nplurals: int
) -> polib.POEntry:
    """``new`` with ``old``'s translation and translator comments, as msgmerge's message_merge."""
    entry = polib.POEntry(
        msgctxt=new.msgctxt,
        msgid=new.msgid,
        msgid_plural=new.msgid_plural,
        msgstr="" if new.msgid_plural else _first_form(old),
        msgstr_plural=_plural_forms(old, nplurals) if new.msgid_plural else {},
        comment=new.comment,
        tcomment=old.tcomment,
        occurrences=list(new.occurrences),
        # Format and wrapping flags describe the source text, so they come from the template.
        flags=[flag for flag in new.flags if flag != "fuzzy"],
    )
    _keep_comment_lines(entry, extracted_from=new, translator_from=old)
    was_fuzzy = "fuzzy" in old.flags
    if fuzzy and not was_fuzzy:
        # A person's translation of the old text: the machine has no claim on it any more.
        write_provenance(entry, None)
        write_memory_record(entry, None)
    elif not was_fuzzy and is_translated(old):
        # Accepted outside the pipeline (Poedit clears the flag only): note it while we can see
        # it, before another tool (msgmerge) makes the entry fuzzy again.
        record_acceptance(entry)
        record_memory_acceptance(entry)
    if (fuzzy or was_fuzzy or _needs_review(new, old)) and is_translated(entry):
        entry.flags.append("fuzzy")
        previous = _made_from(old, fuzzy) if was_fuzzy else _identity(old)
        entry.previous_msgctxt, entry.previous_msgid, entry.previous_msgid_plural = previous
    return entry


_Previous = tuple[str | None, str | None, str | None]


def _made_from(old: polib.POEntry, msgid_changed: bool) -> _Previous:
    """What a fuzzy old translation was made from, for the previous msgid (``#|``).

    As msgmerge: the old entry's own previous msgid, possibly none. Except for the pipeline's own
    drafts (a provenance or memory record, no previous msgid): they were made from the old msgid
    itself, so when that changed it is recorded (msgmerge records none), to show the reviewer
    what changed.
    """
    made_by_pipeline = read_provenance(old) is not None or read_memory_record(old) is not None
    if msgid_changed and old.previous_msgid is None and made_by_pipeline:
        return _identity(old)
    return old.previous_msgctxt, old.previous_msgid, old.previous_msgid_plural


def _identity(old: polib.POEntry) -> _Previous:
    return old.msgctxt, old.msgid, old.msgid_plural or None


def _needs_review(new: polib.POEntry, old: polib.POEntry) -> bool:
    """msgmerge's reasons to mark even an exact match fuzzy: plural and range changes."""
    if (new.msgid_plural or None) != (old.msgid_plural or None):
        return True
    old_range = _range(old)
    if old_range is None:
        return False
    new_range = _range(new)
    return new_range is None or not (old_range[0] <= new_range[0] and new_range[1] <= old_range[1])


def _range(entry: polib.POEntry) -> tuple[int, int] | None:
    for flag in entry.flags:
        found = _RANGE.match(flag.strip())
        if found:
            return int(found.group(1)), int(found.group(2))
    return None


def _first_form(entry: polib.POEntry) -> str:
    return entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr


def _plural_forms(old: polib.POEntry, nplurals: int) -> dict[int, str]:
    """The forms of a plural entry: the old ones, or the old singular copied into each form."""
    if old.msgid_plural:
        return dict(old.msgstr_plural)
    return dict.fromkeys(range(nplurals), old.msgstr)


def _obsolete(old: polib.POEntry) -> polib.POEntry:
    """The old entry as ``#~``: context, plural forms and previous msgid kept, as msgmerge does."""
    entry = polib.POEntry(
        msgctxt=old.msgctxt,
        msgid=old.msgid,
        msgid_plural=old.msgid_plural,
        msgstr=old.msgstr,
        msgstr_plural=dict(old.msgstr_plural),
        tcomment=old.tcomment,
        flags=list(old.flags),
        previous_msgctxt=old.previous_msgctxt,
        previous_msgid=old.previous_msgid,
        previous_msgid_plural=old.previous_msgid_plural,
        obsolete=True,
    )
    _keep_comment_lines(entry, extracted_from=None, translator_from=old)
    return entry
