"""Where a draft from the memory came from: a ``# tm:`` translator comment line.

Like the machine's ``# mt:`` record (:mod:`pipeline.provenance`) it is a translator comment, the
only kind msgmerge keeps::

    # tm: doc=rusia-kazajistan-alianza origin=project src=1f0c2a9b4e7d

``doc`` is the document the translation was reviewed in, ``origin`` ``project`` or the reference
memory it was imported into (``tm/newsroom.tmx``), ``src`` a digest of the source it matched.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, unquote

import polib

from pipeline.drafts import source_digest
from pipeline.tm.memory import Unit
from pipeline.units import mark_fuzzy, mark_reviewed, write_provenance

PREFIX = "tm:"


@dataclass(frozen=True)
class MemoryRecord:
    """The record of one translation taken from the memory."""

    doc: str
    origin: str
    src: str

    def to_comment(self) -> str:
        return f"{PREFIX} doc={quote(self.doc, safe='')} origin={quote(self.origin)} src={self.src}"

    @classmethod
    def from_comment(cls, comment: str) -> MemoryRecord | None:
        for line in comment.splitlines():
            words = line.split()
            if words and words[0] == PREFIX:
                fields = dict(word.split("=", 1) for word in words[1:] if "=" in word)
                if {"doc", "origin", "src"} <= fields.keys():
                    return cls(unquote(fields["doc"]), unquote(fields["origin"]), fields["src"])
        return None


def read_memory_record(entry: polib.POEntry) -> MemoryRecord | None:
    """The ``# tm:`` record of an entry, if its translation came from the memory."""
    return MemoryRecord.from_comment(entry.tcomment or "")


def set_memory_draft(entry: polib.POEntry, unit: Unit, accept: bool) -> None:
    """Write ``unit``'s translation into ``entry`` with its record: a fuzzy draft, or reviewed
    when ``accept`` (the project's ``tm_accept_exact``) says exact matches need no review and
    the unit is this project's reviewed work (a reference unit is always a draft)."""
    kept = [line for line in (entry.tcomment or "").splitlines() if not _is_record(line)]
    entry.tcomment = "\n".join(kept)
    write_provenance(entry, None)  # a machine's record would describe a text no longer there
    record = MemoryRecord(unit.doc, unit.origin, source_digest(entry.msgid))
    entry.tcomment = "\n".join([*entry.tcomment.splitlines(), record.to_comment()])
    entry.msgstr = unit.target
    entry.previous_msgid = None
    if accept and unit.reviewed:
        mark_reviewed(entry)
    else:
        mark_fuzzy(entry)


def _is_record(line: str) -> bool:
    words = line.split()
    return bool(words) and words[0] == PREFIX
