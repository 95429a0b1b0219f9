"""What a machine may write: which catalog entries need a new draft, and which are people's.

An entry is a person's once it is reviewed (:mod:`pipeline.units`), or once its draft's
text no longer matches what the machine (or the memory) recorded writing: neither is ever replaced
by a machine. The machine redoes only its own unedited drafts and those taken from the memory,
when the text they were made from changed.
"""

from __future__ import annotations

from enum import StrEnum

import polib

from pipeline.provenance import digest, source_digest
from pipeline.tm.record import read_memory_record
from pipeline.units import State, read_provenance, state

__all__ = ["Reason", "draft_reason", "source_digest"]


class Reason(StrEnum):
    """Why an entry gets a new machine draft."""

    UNTRANSLATED = "untranslated"
    SOURCE_CHANGED = "source changed"
    PIVOT_CHANGED = "pivot changed"


def draft_reason(entry: polib.POEntry, pivot_text: str | None = None) -> Reason | None:
    """Why ``entry`` needs a machine draft now, or None when it must be left alone.

    ``pivot_text`` is the reviewed pivot-language text the draft would be made from today (for a
    pivoted language), or None when the pivot would be machine output.
    """
    if entry.obsolete or not entry.msgid:
        return None
    current = state(entry)
    if current is State.UNTRANSLATED:
        return Reason.UNTRANSLATED
    if current is State.REVIEWED:
        return None
    record = read_provenance(entry)
    if record is None:
        return _memory_reason(entry)
    if not record.made(entry.msgstr):
        return None
    if record.src != source_digest(entry.msgid):
        return Reason.SOURCE_CHANGED
    if pivot_text is not None and record.pivot != digest(pivot_text):
        return Reason.PIVOT_CHANGED
    return None


def _memory_reason(entry: polib.POEntry) -> Reason | None:
    """A draft taken from the memory is redone, like a machine's, when its source changed."""
    record = read_memory_record(entry)
    if record is None or not record.made(entry.msgstr):
        return None
    return Reason.SOURCE_CHANGED if record.src != source_digest(entry.msgid) else None
