"""Translation-memory units and their lookups.

Exact lookups compare whitespace-normalised source text (a dictionary, so constant time). Fuzzy
lookups score candidates with the character similarity msgmerge uses (rapidfuzz's normalised
Indel similarity, as :mod:`pipeline.gettext.fuzzy`); the candidates are the sources that share
the query's rarest character 4-grams, so a lookup never scans the whole memory.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import Indel

GRAM = 4
RAREST_GRAMS = 24  # grams of the query whose postings are read
CANDIDATES = 64  # sources scored per fuzzy lookup, those sharing most rare grams
DEFAULT_THRESHOLD = 0.75

PROJECT = "project"  # a unit reviewed in this project's catalogs; others name their TMX file


@dataclass(frozen=True)
class Unit:
    """One translation: a source paragraph and its translation into ``lang``."""

    source: str
    target: str
    lang: str
    doc: str  # the document it was reviewed in (for a reference unit: as the TMX says, or "")
    origin: str = PROJECT  # PROJECT, or the reference file it was imported into
    date: str | None = None  # when it was reviewed (the catalog's PO-Revision-Date), if known
    reviewer: str | None = None  # the catalog's Last-Translator, if known

    @property
    def reviewed(self) -> bool:
        """Reviewed work of this project (reference units are only ever suggestions)."""
        return self.origin == PROJECT


@dataclass(frozen=True)
class Match:
    """A unit found for a query, with its similarity (1.0 for an exact match)."""

    unit: Unit
    score: float


def normalise(text: str) -> str:
    """The text as lookups compare it: runs of whitespace (no-break spaces too) as one space."""
    return " ".join(text.split())


def similarity(a: str, b: str) -> float:
    """Character similarity in [0, 1], msgmerge's measure: 2·matches / (len a + len b)."""
    return Indel.normalized_similarity(a, b)


def _grams(text: str) -> set[str]:
    padded = f" {text} "
    return {padded[i : i + GRAM] for i in range(max(1, len(padded) - GRAM + 1))}


class Memory:
    """The units of one project, indexed per target language."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self._by_source: dict[str, dict[str, list[Unit]]] = defaultdict(dict)
        for unit in units:
            self._by_source[unit.lang].setdefault(normalise(unit.source), []).append(unit)
        for sources in self._by_source.values():
            for found in sources.values():
                # the project's own reviewed work first, then by document, for stable answers
                found.sort(key=lambda u: (not u.reviewed, u.doc, u.origin))
        self._fuzzy: dict[str, _GramIndex] = {}

    def __len__(self) -> int:
        return sum(len(found) for s in self._by_source.values() for found in s.values())

    def exact(
        self, lang: str, source: str, *, reviewed_only: bool = False, not_doc: str | None = None
    ) -> Unit | None:
        """The best unit whose normalised source equals ``source``'s, or None.

        ``not_doc`` leaves out units of that document (an entry is no match for itself).
        """
        for unit in self._by_source.get(lang, {}).get(normalise(source), ()):
            if (unit.reviewed or not reviewed_only) and unit.doc != not_doc:
                return unit
        return None

    def fuzzy(
        self, lang: str, source: str, threshold: float = DEFAULT_THRESHOLD, limit: int = 3
    ) -> list[Match]:
        """Units whose source is at least ``threshold`` similar to ``source``, best first.

        Exact matches are left to :meth:`exact`: every match here differs from the query.
        """
        sources = self._by_source.get(lang)
        if not sources:
            return []
        if lang not in self._fuzzy:
            self._fuzzy[lang] = _GramIndex(list(sources))
        query = normalise(source)
        scored = []
        for candidate in self._fuzzy[lang].candidates(query, threshold):
            score = similarity(query, candidate)
            if score >= threshold and candidate != query:
                scored.append(Match(sources[candidate][0], score))
        scored.sort(key=lambda m: (-m.score, m.unit.doc, m.unit.source))
        return scored[:limit]


class _GramIndex:
    """Character 4-grams → the sources containing them, for fuzzy candidates."""

    def __init__(self, sources: list[str]) -> None:
        self._sources = sources
        self._postings: dict[str, list[int]] = defaultdict(list)
        for number, text in enumerate(sources):
            for gram in _grams(text):
                self._postings[gram].append(number)

    def candidates(self, query: str, threshold: float) -> list[str]:
        """Sources sharing the most of the query's rarest grams, within the length a match at
        ``threshold`` allows (similarity ≤ 2·min/(a+b) bounds the other's length)."""
        grams = sorted(_grams(query), key=lambda g: len(self._postings.get(g, ())))
        counts: Counter[int] = Counter()
        for gram in grams[:RAREST_GRAMS]:
            counts.update(self._postings.get(gram, ()))
        shortest = len(query) * threshold / (2 - threshold)
        longest = len(query) * (2 - threshold) / threshold
        found = []
        for number, _count in counts.most_common():
            text = self._sources[number]
            if shortest <= len(text) <= longest:
                found.append(text)
                if len(found) == CANDIDATES:
                    break
        return found
