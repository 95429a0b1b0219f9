"""Finding the old message most similar to a new one, exactly as ``msgmerge`` chooses it.

msgmerge (gettext's msgl-fsearch.c and fstrcmp) scores a pair by the share of characters the two
msgids have in common, ``2 * LCS / (len1 + len2)`` over their UTF-8 bytes: rapidfuzz's Indel
distance gives the same number. An old message qualifies only if it is translated (its first
form), obsolete or not, fuzzy or not, in any context; one with no context or the same context gets
a tiny bonus. Only old messages sharing a 4-gram of characters with the new msgid are scored
(msgids under 4 characters are compared with every short message of a suitable length instead),
in order of how many 4-grams they share, then file order; the first best score wins. An old
message may be the best match of many new ones.
"""

from __future__ import annotations

import math
from collections import Counter

import polib
from rapidfuzz.distance import Indel

# msgmerge's FUZZY_THRESHOLD: a match must score above it.
FUZZY_THRESHOLD = 0.6
# What msgmerge adds to the score of a message with no context or the context looked up.
_CONTEXT_BONUS = 0.00001
_GRAM = 4
# Byte lengths of msgids that can match a msgid of under 4 characters (of at most 4 bytes each).
_LENGTH_FACTOR = 2 / FUZZY_THRESHOLD - 1
_SHORT_MAX_BYTES = int((_GRAM - 1) * 4 * _LENGTH_FACTOR)


class FuzzyIndex:
    """The translated messages of an old catalog, ready for :meth:`best_match` lookups."""

    def __init__(self, entries: list[polib.POEntry]) -> None:
        self._entries = [
            entry for entry in entries if is_translated(entry) and not is_header(entry)
        ]
        self._bytes = [_encoded(entry.msgid) for entry in self._entries]
        self._by_gram: dict[str, list[int]] = {}
        self._by_length: dict[int, list[int]] = {}
        for position, entry in enumerate(self._entries):
            for gram in dict.fromkeys(_grams(entry.msgid)):
                self._by_gram.setdefault(gram, []).append(position)
            if len(self._bytes[position]) <= _SHORT_MAX_BYTES:
                self._by_length.setdefault(len(self._bytes[position]), []).append(position)

    def best_match(self, msgctxt: str | None, msgid: str) -> polib.POEntry | None:
        """The old message msgmerge would take as the fuzzy translation of ``msgid``, or None."""
        query = _encoded(msgid)
        best, best_weight = None, FUZZY_THRESHOLD
        for position in self._candidates(msgid, query):
            entry = self._entries[position]
            bonus = _CONTEXT_BONUS if entry.msgctxt is None or entry.msgctxt == msgctxt else 0.0
            weight = _similarity(query, self._bytes[position], best_weight - bonus) + bonus
            if weight > best_weight:
                best, best_weight = entry, weight
        return best

    def _candidates(self, msgid: str, query: bytes) -> list[int]:
        if len(msgid) < _GRAM:
            low = math.ceil(len(query) / _LENGTH_FACTOR)
            high = int(len(query) * _LENGTH_FACTOR)
            return [p for size in range(low, high + 1) for p in self._by_length.get(size, [])]
        if not self._by_gram:
            return []
        shared: Counter[int] = Counter()
        by_gram = self._by_gram
        for gram in _grams(msgid):  # a 4-gram repeated in msgid counts each time, as in gettext
            positions = by_gram.get(gram)
            if positions:
                shared.update(positions)
        return sorted(shared, key=lambda position: (-shared[position], position))


def is_translated(entry: polib.POEntry) -> bool:
    """Translated as gettext tests it: the first (or only) form of the msgstr is not empty."""
    if entry.msgid_plural:
        return bool(entry.msgstr_plural.get(0))
    return bool(entry.msgstr)


def is_header(entry: polib.POEntry) -> bool:
    """The header entry: an empty msgid outside any context."""
    return entry.msgid == "" and entry.msgctxt is None


def _encoded(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def _grams(text: str) -> list[str]:
    return [text[i : i + _GRAM] for i in range(len(text) - _GRAM + 1)]


def _similarity(a: bytes, b: bytes, lower_bound: float) -> float:
    """gettext's fstrcmp: the same double, computed as it does; 0.0 once below ``lower_bound``."""
    total = len(a) + len(b)
    if total == 0:
        return 1.0
    # Whatever exceeds this many insertions and deletions scores below the bound.
    most = max(0, math.floor(total * (1 - lower_bound)) + 1)
    distance = Indel.distance(a, b, score_cutoff=most)
    if distance > most:
        return 0.0
    return (total - distance) / total
