"""Translation-memory units and their lookups.

Exact lookups compare whitespace-normalised source text (a dictionary, so constant time). Fuzzy
lookups score candidates with the character similarity msgmerge uses (rapidfuzz's normalised
Indel similarity, as :mod:`pipeline.gettext.fuzzy`); the candidates are the sources that share
the most of the query's rarest character 4-grams, so a lookup never scans the whole memory.

A lookup's cost is the postings it reads, so it reads the rarest grams' first and stops at a
budget: a common gram ("el p", "ión ") is in a large share of an archive's paragraphs and tells
them apart no better than chance, while a source similar enough to match shares most of the
query's grams, its rare ones among them. The cost is then bounded whatever the memory's size.
"""

from __future__ import annotations

import heapq
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter

from rapidfuzz import process
from rapidfuzz.distance import Indel

GRAM = 4
RAREST_GRAMS = 24  # grams of the query whose postings are read, at most
POSTING_BUDGET = 2048  # postings read per lookup, the rarest grams' first...
MIN_GRAMS = 6  # ...but at least this many grams, for a query made of common ones
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


def _grams(text: str) -> set[str]:
    padded = f" {text} "
    return {padded[i : i + GRAM] for i in range(max(1, len(padded) - GRAM + 1))}


_Index = dict[str, dict[str, list[Unit]]]  # language → normalised source → units, best first


def _indexed(units: Iterable[Unit]) -> _Index:
    index: _Index = defaultdict(dict)
    for unit in units:
        index[unit.lang].setdefault(normalise(unit.source), []).append(unit)
    for sources in index.values():
        for found in sources.values():
            # the project's own reviewed work first, then by document, for stable answers
            found.sort(key=lambda u: (not u.reviewed, u.doc, u.origin))
    return index


class Memory:
    """The units of one project, indexed per target language; ``sentences`` are the sentence
    pairs of units whose source and translation align sentence by sentence."""

    def __init__(self, units: Iterable[Unit], sentences: Iterable[Unit] = ()) -> None:
        self._by_source = _indexed(units)
        self._by_sentence = _indexed(sentences)
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

    def sentence(self, lang: str, sentence: str) -> Unit | None:
        """The best translation of one sentence: a whole unit that is that sentence, else a
        sentence of an aligned unit."""
        key = normalise(sentence)
        for index in (self._by_source, self._by_sentence):
            found = index.get(lang, {}).get(key)
            if found:
                return found[0]
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
        candidates = self._fuzzy[lang].candidates(query, threshold)
        # msgmerge's measure, 2·matches / (len a + len b), in rapidfuzz's own loop and cut-off
        scorer, cutoff = Indel.normalized_similarity, threshold
        found = process.extract(query, candidates, scorer=scorer, score_cutoff=cutoff, limit=None)
        scored = [
            Match(sources[candidate][0], score)
            for candidate, score, _number in found
            if candidate != query
        ]
        scored.sort(key=lambda m: (-m.score, m.unit.doc, m.unit.source))
        return scored[:limit]


class _GramIndex:
    """Character 4-grams → the sources containing them, for fuzzy candidates.

    Sources are numbered shortest first, so each posting list is in length order too and the
    lengths a match may have are one slice of it (found by bisection), counted alone.
    """

    def __init__(self, sources: list[str]) -> None:
        self._sources = sorted(sources, key=len)
        self._lengths = [len(text) for text in self._sources]
        postings: dict[str, list[int]] = defaultdict(list)
        for number, text in enumerate(self._sources):
            for gram in _grams(text):
                postings[gram].append(number)
        # machine integers side by side: a bisection touches a few cache lines, not objects
        self._postings = {gram: array("i", found) for gram, found in postings.items()}

    def candidates(self, query: str, threshold: float) -> list[str]:
        """Sources sharing the most of the query's rarest grams, within the length a match at
        ``threshold`` allows (similarity ≤ 2·min/(a+b) bounds the other's length)."""
        first = bisect_left(self._lengths, len(query) * threshold / (2 - threshold))
        end = bisect_right(self._lengths, len(query) * (2 - threshold) / threshold)
        # a gram no source has is often one of the query's new words: it has no candidates
        postings = sorted(filter(None, map(self._postings.get, _grams(query))), key=len)
        counts: Counter[int] = Counter()
        read = grams = 0
        for posting in postings:
            start, stop = bisect_left(posting, first), bisect_left(posting, end)
            if stop == start:
                continue
            if grams >= MIN_GRAMS and read + stop - start > POSTING_BUDGET:
                break
            counts.update(posting[start:stop])
            read, grams = read + stop - start, grams + 1
            if grams == RAREST_GRAMS:
                break
        best = heapq.nlargest(CANDIDATES, counts.items(), key=itemgetter(1))
        return [self._sources[number] for number, _count in best]
