"""Length: a translation much shorter or longer than its source."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.languages import language
from pipeline.qa.registry import WARNING, Pair, check

# Ratio of the translation's length to the source's in characters, for a pair the target
# language gives no range for (see its ``length_ratios``).
DEFAULT_LENGTH_RATIO = (0.6, 1.5)
# Beyond the normal range by this factor, the length alone is suspicious; within it, only
# together with a different sentence count (a legitimately different split keeps the length).
LENGTH_SLACK = 0.75
MIN_LENGTH_CHARS = 40  # titles and captions are too short for a ratio to mean anything


@dataclass(frozen=True)
class Length:
    """How a translation's length compares with its source's, against the pair's normal range."""

    ratio: float
    low: float
    high: float
    sentences: tuple[int, int]  # (source, translation)
    clauses: tuple[int, int] = (1, 1)

    def too_short(self) -> bool:
        # A dropped sentence or clause shortens the text; a shorter wording alone does not.
        fewer = self.sentences[1] < self.sentences[0] or self.clauses[1] < self.clauses[0]
        return self.ratio < self.low * LENGTH_SLACK or (fewer and self.ratio < self.low)

    def too_long(self) -> bool:
        more = self.sentences[1] > self.sentences[0]
        return self.ratio > self.high / LENGTH_SLACK or (more and self.ratio > self.high)

    def __str__(self) -> str:
        source, target = self.sentences
        return f"{self.ratio:.0%} of the source's length, {target} sentence(s) for {source}"


def long_enough(pair: Pair) -> bool:
    """Whether the source is long enough for its length to be compared."""
    return len(pair.source.strip()) >= MIN_LENGTH_CHARS


def measure_length(pair: Pair) -> Length:
    """The length comparison of a pair (whose source is :func:`long_enough`)."""
    source, target = pair.source.strip(), pair.target.strip()
    ratios = language(pair.target_lang).length_ratios
    low, high = ratios.get(pair.source_lang, DEFAULT_LENGTH_RATIO)
    counts = (clauses(source), clauses(target))
    return Length(len(target) / len(source), low, high, pair.sentence_counts, counts)


# Marks that end a clause: commas and the like, not a decimal comma ("1,5").
_CLAUSE_MARK = re.compile(r"[,;:—–()](?!\d)")


def clauses(text: str) -> int:
    """How many clauses a text has, by the marks between them."""
    return 1 + len(_CLAUSE_MARK.findall(text.rstrip('.!?…»”" ')))


@check("omission", WARNING, "length", applies=long_enough)
def omission(pair: Pair) -> str | None:
    """the translation is much shorter than the source: part of it may be missing"""
    length = measure_length(pair)
    return str(length) if length.too_short() else None


@check("addition", WARNING, "length", applies=long_enough)
def addition(pair: Pair) -> str | None:
    """the translation is much longer than the source: it may add text"""
    length = measure_length(pair)
    return str(length) if length.too_long() else None
