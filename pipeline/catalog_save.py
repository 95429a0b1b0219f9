"""Saving into a catalog someone else may have saved meanwhile, without losing their work.

A run (translate, a review session) reads a catalog, decides some entries, and saves. A person
may have saved the same file since (Poedit, another session). Before each save the file's bytes
are compared with those this run last read or wrote; when they differ the catalog is read again
and the run's changes go into what is on disk now, entry by entry, and only into entries still as
the run knew them. Everything else on disk (other entries, comments, header) is kept as saved.
"""

from __future__ import annotations

import stat
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import polib

from pipeline.atomic import write_bytes_atomic
from pipeline.gettext import read_po
from pipeline.gettext.write import format_po_bytes
from pipeline.units import live_entries

EntryKey = tuple[str | None, str]  # (msgctxt, msgid)
Change = Callable[[polib.POEntry], None]


def entry_key(entry: polib.POEntry) -> EntryKey:
    return entry.msgctxt, entry.msgid


def entry_state(entry: polib.POEntry) -> tuple:
    """What a person could change in an entry, to tell whether it is still as a run knew it."""
    plural = tuple(sorted(entry.msgstr_plural.items()))
    return entry.msgstr, plural, tuple(entry.flags), entry.tcomment, entry.previous_msgid


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes; None when there is no regular file to read (nothing yet, or a folder,
    pipe or broken link, which the catalog reader then reports: reading a pipe would block)."""
    try:
        return path.read_bytes() if stat.S_ISREG(path.stat().st_mode) else None
    except OSError:
        return None


@dataclass
class ChangedOnDisk:
    """An entry the run meant to change, which someone changed on disk (``theirs``; None: gone)."""

    key: EntryKey
    theirs: polib.POEntry | None

    def describe(self, display: str) -> str:
        line = self.theirs.linenum if self.theirs is not None else None
        return f"{display}:{line}" if line else display


@dataclass
class TrackedCatalog:
    """A catalog file as this run last read or wrote it, and the entries as the run knows them."""

    path: Path
    display: str  # the path as users see it in messages
    po: polib.POFile
    seen: bytes | None  # the file's bytes when last read or written by this run
    known: dict[EntryKey, tuple] = field(default_factory=dict)
    _by_key: dict[EntryKey, polib.POEntry] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._index()

    @classmethod
    def open(cls, path: Path, display: str) -> TrackedCatalog:
        seen = read_bytes(path)  # before parsing: a save in between then only reads again
        tracked = cls(path, display, read_po(path, display), seen)
        tracked.adopt(list(tracked._by_key))
        return tracked

    def entry(self, key: EntryKey) -> polib.POEntry | None:
        """The live entry with this key in the catalog as last read."""
        return self._by_key.get(key)

    def _index(self) -> None:
        # Changes edit entries in place and never their keys: only a new read re-indexes.
        self._by_key = {entry_key(entry): entry for entry in live_entries(self.po)}

    def adopt(self, keys: Iterable[EntryKey]) -> None:
        """The run now builds on these entries as they are in memory (e.g. shown to a person)."""
        for key in keys:
            entry = self.entry(key)
            if entry is not None:
                self.known[key] = entry_state(entry)

    def _changed_on_disk(self) -> bytes | None:
        """The file's bytes if someone saved it since this run read or wrote it, else None."""
        on_disk = read_bytes(self.path)
        return None if on_disk is None or on_disk == self.seen else on_disk

    def reload_if_changed(self) -> bool:
        """Read the file again if someone saved it since this run did; True if so."""
        on_disk = self._changed_on_disk()
        if on_disk is None:
            return False
        self.po = read_po(self.path, self.display)
        self.seen = on_disk
        self._index()
        return True

    def save(
        self,
        changes: Mapping[EntryKey, Change],
        header: Callable[[polib.POFile], None] | None = None,
    ) -> list[ChangedOnDisk]:
        """Apply ``changes`` to the entries still as known, then ``header``, and write the file.

        Returns the entries left as someone else saved them. Nothing is written (header
        included) when no change could be applied.
        """
        while True:
            self.reload_if_changed()
            conflicts, applied = self._apply(changes)
            if not applied:
                return conflicts
            if header is not None:
                header(self.po)
            data = format_po_bytes(self.po)
            # Formatting a long catalog takes a while: a save that landed meanwhile is read and
            # merged again, which leaves an outside save only the rename's own instant to hit.
            if self._changed_on_disk() is not None:
                continue
            write_bytes_atomic(self.path, data)
            self.seen = data
            self.adopt(applied)
            return conflicts

    def _apply(self, changes: Mapping[EntryKey, Change]) -> tuple[list[ChangedOnDisk], list]:
        """Apply the changes whose entries are still as known; the others are conflicts."""
        conflicts: list[ChangedOnDisk] = []
        applied = []
        for key, change in changes.items():
            entry = self.entry(key)
            if entry is None or entry_state(entry) != self.known.get(key):
                conflicts.append(ChangedOnDisk(key, entry))
                continue
            change(entry)
            applied.append(key)
        return conflicts, applied
