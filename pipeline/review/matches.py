"""The translation memory's best matches for the entry under review, and taking one as its draft.

Matches are the memory's (:mod:`pipeline.tm`): an exact one first (a paragraph reviewed in
another document after this draft was made, or a reference unit), then fuzzy ones at or above the
project's ``tm_fuzzy_threshold``. The memory is read once per session, on the first draft shown:
what this session accepts is not among its matches until the next one.
"""

from __future__ import annotations

from collections.abc import Callable

import polib

from pipeline.config import Settings
from pipeline.review.session import Draft
from pipeline.tm.index import load_memory
from pipeline.tm.memory import Match, Memory
from pipeline.units import set_memory_draft

LIMIT = 3  # matches shown: a reviewer reads a few, the best first


class MemoryMatches:
    """The memory's matches for each draft of one language, looked up once per source."""

    def __init__(
        self, settings: Settings, lang: str, memory: Callable[[], Memory] | None = None
    ) -> None:
        self._lang = lang
        self._threshold = settings.tm_fuzzy_threshold
        self._memory = memory or (lambda: load_memory(settings))
        self._loaded: Memory | None = None
        self._found: dict[str, list[Match]] = {}

    def __call__(self, draft: Draft) -> list[Match]:
        """The matches, less one the draft already is (taking it would change nothing)."""
        source = draft.entry.msgid
        if source not in self._found:
            self._found[source] = self._lookup(source)
        return [m for m in self._found[source] if m.unit.target != draft.entry.msgstr]

    def _lookup(self, source: str) -> list[Match]:
        if self._loaded is None:
            self._loaded = self._memory()
        exact = self._loaded.exact(self._lang, source)
        found = [Match(exact, 1.0)] if exact is not None else []
        found += self._loaded.fuzzy(self._lang, source, self._threshold, LIMIT)
        return found[:LIMIT]


def taking(match: Match) -> Callable[[polib.POEntry], None]:
    """The change that makes ``match``'s translation the entry's draft, its origin recorded."""
    score = None if match.score == 1.0 else match.score

    def take(entry: polib.POEntry) -> None:
        set_memory_draft(entry, match.unit, score)

    return take
