"""The ``# tm:`` record: written in short lines, read back whole, and what it lets a stage redo."""

from __future__ import annotations

import polib

from pipeline.drafts import Reason, draft_reason
from pipeline.tm.memory import Unit
from pipeline.tm.record import MemoryRecord, read_memory_record
from pipeline.units import mark_reviewed, set_memory_draft

UNIT = Unit("Foto: kremlin.ru", "Photo: kremlin.ru", "en", "rusia kazajistán", "tm/news room.tmx")


def drafted(source: str = "Foto: kremlin.ru", score: float | None = None) -> polib.POEntry:
    entry = polib.POEntry(msgid=source, msgstr="", tcomment="a note of the reviewer")
    set_memory_draft(entry, UNIT, score)
    return entry


def test_the_record_round_trips_in_lines_no_tool_wraps() -> None:
    entry = drafted("Foto: kremlin.ru.", score=0.914)
    assert entry.tcomment.splitlines()[0] == "a note of the reviewer"
    assert all(len(line) + 2 <= 78 for line in entry.tcomment.splitlines())
    record = read_memory_record(entry)
    assert record == MemoryRecord.from_comment(record.to_comment())
    assert (record.doc, record.origin, record.score, record.accepted) == (
        "rusia kazajistán",
        "tm/news room.tmx",
        91,
        False,
    )


def test_a_memory_draft_is_redone_only_while_it_is_the_memorys_text() -> None:
    entry = drafted()
    assert draft_reason(entry) is None  # made for this very source
    entry.msgid = "Foto: kremlin.ru y AFP"
    assert draft_reason(entry) is Reason.SOURCE_CHANGED
    entry.msgstr = "Photograph: kremlin.ru"  # a person's edit
    assert draft_reason(entry) is None


def test_an_accepted_memory_draft_stays_a_persons_when_made_fuzzy_again() -> None:
    entry = drafted()
    mark_reviewed(entry)
    assert read_memory_record(entry).accepted
    entry.flags.append("fuzzy")
    entry.msgid = "Foto: kremlin.ru y AFP"
    assert draft_reason(entry) is None


def test_a_record_without_the_output_digest_is_never_taken_for_the_memorys_text() -> None:
    entry = polib.POEntry(
        msgid="Foto: kremlin.ru y AFP",
        msgstr="Photo: kremlin.ru",
        flags=["fuzzy"],
        tcomment="tm: doc=archive origin=project src=0123456789ab",  # as first written
    )
    assert read_memory_record(entry).out is None
    assert draft_reason(entry) is None
