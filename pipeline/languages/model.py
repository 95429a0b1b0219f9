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
    # --- what the fidelity checks need (numbers, negation, names) ---
    numerals: Numerals | None = None
    negation: Negation | None = None
    names: Names | None = None
    # Words are looked up by their dictionary form (pymorphy3) rather than as written.
    lemmatised: bool = False


@dataclass(frozen=True)
class Numerals:
    """Number words of one language, by value (in their dictionary form when lemmatised)."""

    cardinals: Mapping[str, int]  # units, teens, tens, hundreds: "veinte" 20, "двести" 200
    scales: Mapping[str, int]  # words that multiply what comes before: "mil" 1000, "million"
    ordinals: Mapping[str, int] = field(default_factory=dict)  # "third" 3
    # Words that may mean a number but usually do not ("un", "one", "first", "both"): a
    # translation may use or drop them freely, so they only ever confirm a number.
    weak: frozenset[str] = frozenset()
    # Words that stand for 1 only before a scale word: "a thousand", "un millón".
    articles: frozenset[str] = frozenset()
    # Words that make a following "two" mean "both" ("los dos países", "the two leaders"),
    # which translations often word as "each", "bilateral", "mutual": a weak number then.
    both: frozenset[str] = frozenset()
    # Joins tens and units ("treinta y cinco"), hundreds and the rest ("one hundred and five").
    joiners: frozenset[str] = frozenset()
    # Scale words in the plural without a number before them are vague: "miles de", "thousands".
    vague_scales: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Negation:
    """How one language negates: cue words, and phrases that look negative but are not."""

    cues: frozenset[str]  # "no", "never", "не"; English "n't" is a suffix, see ``suffixes``
    # Cues that agree with another negation in the same clause without adding one: Spanish
    # "no vino nadie", Russian "ни ... не", English "neither ... nor".
    concord: frozenset[str] = frozenset()
    suffixes: tuple[str, ...] = ()  # "n't": "don't", "won't"
    not_negations: tuple[str, ...] = ()  # "sin embargo", "no obstante", "не только"
    # Word beginnings that carry a negative meaning without a cue ("absent", "unable",
    # "отсутств"): a translation that words a negation this way keeps the polarity.
    implicit: tuple[str, ...] = ()


@dataclass(frozen=True)
class Names:
    """What tells names in this language apart, and how other languages' names come out in it."""

    # Capitalised words of the language that are no names (titles, institutions' common nouns,
    # months, demonyms): "Gobierno", "Minister", "Monday".
    common: frozenset[str] = frozenset()
    # Names and acronyms of a source language and their spellings here, "|"-separated:
    # {"es": {"OTAN": "NATO", "Estados Unidos": "US|USA|United States|America"}}.
    counterparts: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


# No-break, narrow no-break and thin space group digits in every language.
DIGIT_SPACES = "\u00a0\u202f\u2009"


def word_values(pairs: str) -> dict[str, int]:
    """A word → value table from "word value word value ..." (a value may be a power: 10**12)."""
    items = pairs.split()
    return {word: _value(value) for word, value in zip(items[::2], items[1::2], strict=True)}


def _value(text: str) -> int:
    base, _, power = text.partition("**")
    return int(base) ** int(power) if power else int(base)
