"""One catalog entry as a translation unit: its state, provenance, check-ignores and words.

Every stage asks this module, never the entry's fields, whether an entry is translated, a draft
or reviewed, in the spirit of Translate Toolkit's ``TranslationUnit`` (``istranslated``,
``isfuzzy``, ``markfuzzy``):

- **untranslated**: no translation, or one of whitespace only. A msgstr of a single space is
  untranslated everywhere (``status``, ``check``, ``translate``, ``review``, ``publish``): no
  reader could be shown it, so the machine drafts it like an empty one.
- **draft**: translated and fuzzy, whether a machine made it (it has a provenance record) or
  msgmerge carried an old translation over to a changed source.
- **reviewed**: translated and not fuzzy: a person accepted it.

The state is the translation's alone; whether an entry still belongs to its document is
:func:`live_entries`'s question (obsolete entries count nowhere).

Three conventions live in translator comments (``# ...``), the only comments msgmerge keeps: the
machine's provenance record (``# mt: ...``), which :mod:`pipeline.provenance` owns and this module
passes on (``read_provenance``, ``write_provenance``) so that stages ask one module about an
entry; the memory's record (``# tm: ...``, :mod:`pipeline.tm.record`), written here with the draft
it describes, the machine's going (an entry's draft comes from one of them); and a reviewer's
``# check-ignore: numbers, quotes``, which silences checks on one entry.

Words: the words of a source paragraph are its whitespace-separated tokens with a letter or digit
in them (a dash or a lone «» is no word; a no-break space separates words), and every
"reviewed %" counts them once per distinct source paragraph, i.e. once per catalog entry, as
``pocount`` does: ``status --fail-under`` and ``publish --min-reviewed`` then measure the same
share of the same document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import TYPE_CHECKING

import polib

from pipeline.provenance import Provenance, read_provenance, record_acceptance, write_provenance
from pipeline.tm.record import MemoryRecord, record_memory_acceptance, write_memory_record

if TYPE_CHECKING:
    from pipeline.tm.memory import Unit

__all__ = [
    "State",
    "ignored_checks",
    "is_blank",
    "is_draft",
    "is_fuzzy",
    "is_reviewed",
    "is_translated",
    "live_entries",
    "mark_fuzzy",
    "mark_reviewed",
    "percent_of",
    "previous_source",
    "read_provenance",
    "set_machine_draft",
    "set_memory_draft",
    "state",
    "word_count",
    "write_provenance",
]

FUZZY = "fuzzy"
IGNORE_PREFIX = "check-ignore:"
_IGNORE_SEPARATOR = re.compile(r"[,\s]+")


class State(StrEnum):
    """Where one entry's translation stands."""

    UNTRANSLATED = "untranslated"
    DRAFT = "draft"
    REVIEWED = "reviewed"


# --- state ---------------------------------------------------------------------------------


def live_entries(po: Iterable[polib.POEntry]) -> Iterator[polib.POEntry]:
    """The entries that belong to the document: not obsolete."""
    return (entry for entry in po if not entry.obsolete)


def is_blank(text: str) -> bool:
    """True for a text that is no translation: empty or whitespace only."""
    return not text.strip()


def is_translated(entry: polib.POEntry) -> bool:
    """True if the entry has a translation that is not blank (every plural form, if any)."""
    forms = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
    return bool(forms) and not any(is_blank(form) for form in forms)


def is_fuzzy(entry: polib.POEntry) -> bool:
    """True if the entry carries the fuzzy flag, translated or not."""
    return FUZZY in entry.flags


def state(entry: polib.POEntry) -> State:
    """untranslated, draft or reviewed (see the module's docstring)."""
    if not is_translated(entry):
        return State.UNTRANSLATED
    return State.DRAFT if is_fuzzy(entry) else State.REVIEWED


def is_draft(entry: polib.POEntry) -> bool:
    """Translated and fuzzy: waiting for a person."""
    return state(entry) is State.DRAFT


def is_reviewed(entry: polib.POEntry) -> bool:
    """Translated and not fuzzy: a person accepted it."""
    return state(entry) is State.REVIEWED


def mark_fuzzy(entry: polib.POEntry) -> None:
    """Flag the entry fuzzy (once)."""
    if not is_fuzzy(entry):
        entry.flags.append(FUZZY)


def mark_reviewed(entry: polib.POEntry, translation: str | None = None) -> None:
    """Accept the entry's translation (or ``translation``): not fuzzy, no previous source.

    Translator comments, provenance included, stay: they say how the accepted text was made, and
    the record notes the acceptance, so no later tool run can pass the text off as a machine's.
    """
    if translation is not None:
        entry.msgstr = translation
    entry.flags = [flag for flag in entry.flags if flag != FUZZY]
    _forget_previous_source(entry)
    record_acceptance(entry)
    record_memory_acceptance(entry)


def set_machine_draft(entry: polib.POEntry, translation: str, record: Provenance) -> None:
    """Write a machine draft: the translation, fuzzy, with its provenance record.

    The previous source goes: the draft was made from the current source, so a diff against an
    older one would send a reviewer looking for a change the draft already reflects.
    """
    entry.msgstr = translation
    _forget_previous_source(entry)
    mark_fuzzy(entry)
    write_memory_record(entry, None)  # a memory's record would describe a text no longer there
    write_provenance(entry, record)


def set_memory_draft(entry: polib.POEntry, unit: Unit, score: float | None = None) -> None:
    """Write ``unit``'s translation as a draft (fuzzy) with the ``# tm:`` record of where it came
    from; ``score`` is a fuzzy match's similarity (None: an exact match)."""
    entry.msgstr = unit.target
    _forget_previous_source(entry)
    mark_fuzzy(entry)
    write_provenance(entry, None)  # a machine's record would describe a text no longer there
    write_memory_record(entry, MemoryRecord.of(unit, entry.msgid, score))


def previous_source(entry: polib.POEntry) -> str | None:
    """The source the translation was made for, when msgmerge kept it (``#| msgid``)."""
    return entry.previous_msgid or None


def _forget_previous_source(entry: polib.POEntry) -> None:
    entry.previous_msgid = None
    entry.previous_msgid_plural = None
    entry.previous_msgctxt = None


# --- translator comments -------------------------------------------------------------------


def ignored_checks(entry: polib.POEntry) -> frozenset[str]:
    """Names listed in the entry's ``# check-ignore: a, b`` translator comments."""
    names: set[str] = set()
    for line in (entry.tcomment or "").splitlines():
        line = line.strip()
        if line.startswith(IGNORE_PREFIX):
            names.update(n for n in _IGNORE_SEPARATOR.split(line[len(IGNORE_PREFIX) :]) if n)
    return frozenset(names)


# --- words ---------------------------------------------------------------------------------


def word_count(text: str) -> int:
    """Words of a source paragraph: whitespace-separated tokens with a letter or digit in them."""
    return sum(1 for token in text.split() if any(c.isalnum() for c in token))


def percent_of(words: int, total: int) -> float:
    """``words`` as a percentage of ``total`` (0 when there are none), unrounded.

    Thresholds (``--fail-under``, ``--min-reviewed``) compare this value; only displays round it,
    so a rounded figure never passes one threshold and fails the other.
    """
    return 100 * words / total if total else 0.0
