"""Where a draft from the memory came from: ``# tm:`` translator comment lines.

Like the machine's ``# mt:`` record (:mod:`pipeline.provenance`) it is made of translator
comments, the only kind msgmerge keeps, in short lines because some PO tools wrap long ones::

    # tm: doc=rusia-kazajistan-alianza origin=project
    # tm: src=1f0c2a9b4e7d out=0b9c8d7e6f5a match=82

``doc`` is the document the translation was reviewed in, ``origin`` ``project`` or the reference
memory it was imported into (``tm/newsroom.tmx``), ``src`` a digest of the source it was taken
for, ``out`` of the translation taken, ``match`` the similarity (%) of a fuzzy match (none for an
exact one). As for a machine draft, a text that still matches ``out`` is the memory's, not a
person's, so a changed source has it taken again; once a person accepts it the record gains a
line ``# tm: accepted`` and no stage replaces it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

import polib

from pipeline.provenance import digest, source_digest

if TYPE_CHECKING:
    from pipeline.tm.memory import Unit

PREFIX = "tm:"
_ACCEPTED = "accepted"


@dataclass(frozen=True)
class MemoryRecord:
    """The record of one translation taken from the memory."""

    doc: str
    origin: str
    src: str
    out: str | None = None  # None in records written before the pipeline kept it: never redone
    score: int | None = None  # similarity in percent of a fuzzy match; None for an exact one
    accepted: bool = False

    @classmethod
    def of(cls, unit: Unit, source: str, score: float | None = None) -> MemoryRecord:
        """The record of ``unit``'s translation taken for the entry whose msgid is ``source``."""
        percent = None if score is None else int(score * 100)
        return cls(unit.doc, unit.origin, source_digest(source), digest(unit.target), percent)

    def to_comment(self) -> str:
        digests = [f"src={self.src}"]
        digests += [f"out={self.out}"] if self.out is not None else []
        digests += [f"match={self.score}"] if self.score is not None else []
        lines = [
            f"{PREFIX} doc={quote(self.doc, safe='')} origin={quote(self.origin)}",
            f"{PREFIX} {' '.join(digests)}",
        ]
        if self.accepted:
            lines.append(f"{PREFIX} {_ACCEPTED}")
        return "\n".join(lines)

    @classmethod
    def from_comment(cls, comment: str) -> MemoryRecord | None:
        fields: dict[str, str] = {}
        accepted = False
        for line in comment.splitlines():
            words = line.split()
            if words and words[0] == PREFIX:
                fields.update(word.split("=", 1) for word in words[1:] if "=" in word)
                accepted = accepted or words[1:] == [_ACCEPTED]
        if not {"doc", "origin", "src"} <= fields.keys():
            return None
        score = fields.get("match")
        return cls(
            unquote(fields["doc"]),
            unquote(fields["origin"]),
            fields["src"],
            fields.get("out"),
            int(score) if score is not None and score.isdigit() else None,
            accepted,
        )

    def made(self, msgstr: str) -> bool:
        """True if ``msgstr`` is still the memory's text and nobody accepted it."""
        return not self.accepted and self.out is not None and digest(msgstr) == self.out


def read_memory_record(entry: polib.POEntry) -> MemoryRecord | None:
    """The ``# tm:`` record of an entry, if its translation came from the memory."""
    return MemoryRecord.from_comment(entry.tcomment or "")


def write_memory_record(entry: polib.POEntry, record: MemoryRecord | None) -> None:
    """Replace the entry's ``# tm:`` record; other translator comments stay as they were."""
    kept = [line for line in (entry.tcomment or "").splitlines() if not _is_record(line)]
    if record is not None:
        kept.append(record.to_comment())
    entry.tcomment = "\n".join(kept)


def record_memory_acceptance(entry: polib.POEntry) -> None:
    """Mark the entry's memory record (if any) accepted: its text is now a person's."""
    record = read_memory_record(entry)
    if record is not None and not record.accepted:
        entry.tcomment = f"{entry.tcomment}\n{PREFIX} {_ACCEPTED}"


def _is_record(line: str) -> bool:
    words = line.split()
    return bool(words) and words[0] == PREFIX
