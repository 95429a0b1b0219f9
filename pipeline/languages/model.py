"""The shape of one language's data (see :mod:`pipeline.languages`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class NumberFormat:
    """How one language groups thousands and marks decimals."""

    group: str  # characters between groups of three digits
    decimal: str  # characters between the integer and the fraction


@dataclass(frozen=True)
class Abbreviations:
    """Abbreviations of one language that pySBD mishandles (matched ignoring case)."""

    # Stand before what they qualify (a title, "page", "that is"), so they never end a sentence.
    never_final: tuple[str, ...]
    # Written in several dotted parts; they may end a sentence, but never between their parts.
    multi_part: tuple[str, ...]
    # Real words that pySBD lists as abbreviations, so that it never ends a sentence after them
    # ("Todo salió bien. Después…" stays one sentence in pySBD's Spanish).
    not_abbreviations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Language:
    """Everything the pipeline knows about one language; empty fields mean "nothing known"."""

    code: str
    name: str  # in the language itself, as column headings show it
    plural_forms: str | None = None  # the catalog header's Plural-Forms value
    number_format: NumberFormat | None = None
    # Scale words after a number (regular expressions), with the power of ten they stand for.
    scale_words: tuple[tuple[str, int], ...] = ()
    # Small numbers a translation may write as words: value → space-separated spellings.
    number_words: Mapping[int, str] = field(default_factory=dict)
    abbreviations: Abbreviations | None = None
    # --- what the quality checks need ---
    script: str | None = None  # "latin" or "cyrillic"
    inflected_endings: str = ""  # letters an inflection changes at a word's end
    # Words of this language that are not words of its translations' languages.
    function_words: frozenset[str] = frozenset()
    foreign_quotes: str = ""  # quotation marks the language does not use
    quote_style: str = ""  # the marks it uses, as the quotes check names them
    inner_quotes: str = ""  # opener and closer of an inner quotation whose closer never opens
    inverted_marks: bool = False  # opens questions and exclamations with ¿ and ¡
    # Normal range of a translation's length over its source's, by source language.
    length_ratios: Mapping[str, tuple[float, float]] = field(default_factory=dict)


# No-break, narrow no-break and thin space group digits in every language.
DIGIT_SPACES = "\u00a0\u202f\u2009"
