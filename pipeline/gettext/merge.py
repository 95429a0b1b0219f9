"""Merging a template into a language's catalog with ``msgmerge``'s semantics.

Merging follows msgmerge, not polib's exact-only ``merge``: unchanged paragraphs keep their
translation; an edited paragraph is matched to its old entry by similarity (position breaks ties),
keeps the old translation as fuzzy and records the old source as previous msgid (``#| msgid``); a
removed paragraph's entry becomes obsolete (``#~``) so its translation returns with the paragraph;
a change to whitespace alone keeps the translation exactly as it was.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

import polib

from pipeline.catalog import catalog_header
from pipeline.provenance import write_provenance

# msgmerge's fuzzy threshold: below this similarity an old translation is more noise than help.
FUZZY_THRESHOLD = 0.6


def merge_catalog(template: polib.POFile, old: polib.POFile | None, lang: str) -> polib.POFile:
    """The catalog of ``lang`` for ``template``, carrying translations over from ``old``."""
    merged = polib.POFile(wrapwidth=79)
    doc_id = template.metadata.get("Project-Id-Version", "")
    merged.header = old.header if old is not None else f"Translation of {doc_id} into {lang}."
    merged.metadata = catalog_header(template, lang, old.metadata if old is not None else None)
    # A POFile lists its obsolete entries too: they take part, so that a paragraph that comes back
    # gets its translation back, but after the active ones, which win a tie.
    old_entries = sorted(old, key=lambda entry: entry.obsolete) if old is not None else []
    carried = _match_entries(list(template), [e for e in old_entries if e.msgid])
    used: set[int] = set()
    for index, new in enumerate(template):
        match = carried.get(index)
        if match is None:
            merged.append(_fresh_entry(new))
            continue
        old_entry, how = match
        used.add(id(old_entry))
        merged.append(_carry_over(new, old_entry, how))
    present = {_key(entry) for entry in merged}
    for entry in old_entries:
        # Each message once: no obsolete copy of an active one, nor of another obsolete one.
        if id(entry) not in used and _translated(entry) and _key(entry) not in present:
            present.add(_key(entry))
            merged.append(_obsolete(entry))
    return merged


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    """What identifies a message in a catalog, as in gettext: its context and its msgid."""
    return entry.msgctxt, entry.msgid


def _translated(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr or any(entry.msgstr_plural.values()))


@dataclass(frozen=True)
class _Match:
    kind: str  # "exact", "whitespace" or "fuzzy"


_EXACT, _WHITESPACE, _FUZZY = _Match("exact"), _Match("whitespace"), _Match("fuzzy")


def _match_entries(
    new_entries: list[polib.POEntry], old_entries: list[polib.POEntry]
) -> dict[int, tuple[polib.POEntry, _Match]]:
    """Pair each new entry with at most one old entry: exact text, then whitespace, then fuzzy."""
    matches: dict[int, tuple[polib.POEntry, _Match]] = {}
    taken: set[int] = set()
    for key, how in ((_identity, _EXACT), (_whitespace_key, _WHITESPACE)):
        # Active entries come before obsolete ones in old_entries, so they win a tie.
        index_by_key: dict[tuple[str | None, str], polib.POEntry] = {}
        for entry in old_entries:
            if id(entry) not in taken:
                index_by_key.setdefault((entry.msgctxt, key(entry.msgid)), entry)
        for index, new in enumerate(new_entries):
            if index in matches:
                continue
            candidate = index_by_key.get((new.msgctxt, key(new.msgid)))
            if candidate is not None and id(candidate) not in taken:
                matches[index] = (candidate, how)
                taken.add(id(candidate))
    pending = [i for i in range(len(new_entries)) if i not in matches]
    spare = [
        (position, entry)
        for position, entry in enumerate(old_entries)
        if id(entry) not in taken and _translated(entry) and not entry.obsolete
    ]
    for index, entry in _best_fuzzy_pairs(new_entries, pending, spare):
        matches[index] = (entry, _FUZZY)
    return matches


def _best_fuzzy_pairs(
    new_entries: list[polib.POEntry],
    pending: list[int],
    spare: list[tuple[int, polib.POEntry]],
) -> Iterable[tuple[int, polib.POEntry]]:
    """Greedy best-first assignment: the most similar pairs first, the nearest position on a tie."""
    scored = []
    for index in pending:
        words = _words(new_entries[index].msgid)
        for position, entry in spare:
            score = _similarity(words, _words(entry.msgid))
            if score >= FUZZY_THRESHOLD:
                scored.append((-round(score, 3), abs(position - index), index, position, entry))
    scored.sort(key=lambda item: item[:4])
    done_new: set[int] = set()
    done_old: set[int] = set()
    for _score, _distance, index, position, entry in scored:
        if index in done_new or position in done_old:
            continue
        done_new.add(index)
        done_old.add(position)
        yield index, entry


def _similarity(a: list[str], b: list[str]) -> float:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < FUZZY_THRESHOLD or matcher.quick_ratio() < FUZZY_THRESHOLD:
        return 0.0
    return matcher.ratio()


def _words(text: str) -> list[str]:
    return text.split()


def _identity(text: str) -> str:
    return text


def _whitespace_key(text: str) -> str:
    # str.split() treats no-break spaces as whitespace too: "de\u00a0la" and "de la" match.
    return " ".join(text.split())


def _fresh_entry(new: polib.POEntry) -> polib.POEntry:
    return polib.POEntry(
        msgctxt=new.msgctxt,
        msgid=new.msgid,
        msgid_plural=new.msgid_plural,
        msgstr="",
        msgstr_plural={0: ""} if new.msgid_plural else {},
        comment=new.comment,
        occurrences=list(new.occurrences),
    )


def _carry_over(new: polib.POEntry, old: polib.POEntry, how: _Match) -> polib.POEntry:
    entry = polib.POEntry(
        msgctxt=new.msgctxt,
        msgid=new.msgid,
        msgid_plural=new.msgid_plural,
        msgstr=old.msgstr or old.msgstr_plural.get(0, ""),
        msgstr_plural=_plural_forms(new, old),
        comment=new.comment,
        tcomment=old.tcomment,
        occurrences=list(new.occurrences),
        flags=[flag for flag in old.flags if flag != "fuzzy"],
    )
    was_fuzzy = "fuzzy" in old.flags
    if how is _FUZZY:
        if not was_fuzzy:
            # A person's translation of the old text: the machine has no claim on it any more.
            write_provenance(entry, None)
        entry.flags.append("fuzzy")
        entry.previous_msgctxt = old.msgctxt
        entry.previous_msgid = old.msgid
        entry.previous_msgid_plural = old.msgid_plural or None
    elif was_fuzzy:
        # Already fuzzy: its own previous msgid still says what the translation was made from.
        entry.flags.append("fuzzy")
        entry.previous_msgctxt = old.previous_msgctxt
        entry.previous_msgid = old.previous_msgid
        entry.previous_msgid_plural = old.previous_msgid_plural
    return entry


def _plural_forms(new: polib.POEntry, old: polib.POEntry) -> dict[int, str]:
    """The translations of a plural entry: the old forms, or the old singular as form 0."""
    if not new.msgid_plural:
        return {}
    return dict(old.msgstr_plural) if old.msgstr_plural else {0: old.msgstr}


def _obsolete(old: polib.POEntry) -> polib.POEntry:
    """The old entry as ``#~``: context, plural forms and previous msgid kept, as msgmerge does."""
    return polib.POEntry(
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
