"""Numbers in text by value, whether written in digits or in words, in each language's way.

Digits are read by :mod:`pipeline.numbers` in the language's own format; number words come from
the language's data (:class:`pipeline.languages.Numerals`): *veinticinco*, *twenty-five* and
*двадцати пяти* are all 25, *dos mil* and *two thousand* 2000, *tercera* and *third* 3.
A Russian word is found in any of its cases, through the forms pymorphy3 gives each number word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from pipeline.languages import language
from pipeline.languages.model import Numerals
from pipeline.numbers import find_numbers

_TOKEN = re.compile(r"\d+|[^\W\d_]+")
_JOINING = re.compile(r"[\s\u00a0-]*")  # what may stand between the words of one number


@dataclass(frozen=True)
class Quantity:
    """One number of a text: as written, its values, and whether it is a weak one.

    A weak number ("one", "both", "first") confirms a number of the other text but is never
    missed or added on its own: it is as often no number at all.
    """

    text: str
    value: Decimal
    scaled: Decimal | None = None  # times a scale word after it: "12 millones" → 1.2e7
    weak: bool = False

    @property
    def values(self) -> frozenset[Decimal]:
        return frozenset({self.value} if self.scaled is None else {self.value, self.scaled})

    def matches(self, other: Quantity) -> bool:
        """Whether ``other`` (in the other text) writes this number.

        "12 millones" is "€12 million" and "12-million", but not "€12 billion": two scaled
        numbers on the same figure must agree on the scale.
        """
        if self.scaled is not None and self.scaled in other.values:
            return True
        if self.value not in other.values:
            return False
        same_figure = other.value == self.value and None not in (self.scaled, other.scaled)
        return not same_figure or other.scaled == self.scaled


def quantities(text: str, lang: str) -> list[Quantity]:
    """The numbers of ``text`` in language ``lang``: in digits first, then in words."""
    found = [Quantity(n.text, n.value, n.scaled) for n in find_numbers(text, lang)]
    numerals = language(lang).numerals
    if numerals is not None:
        found += list(_spelled(text, lang, numerals))
    return found


@dataclass
class _Group:
    """Number words read so far as one number: 'dos mil quinientos' → 2500."""

    words: list[str] = field(default_factory=list)
    total: int = 0
    current: int = 0
    last: int = 0  # the value of the last word, to tell "twenty five" from "two three"
    weak: bool = True

    def fits(self, value: int) -> bool:
        # "twenty five", "ciento veinte", "mil quinientos"; not "dos tres" nor "veinte treinta".
        smaller = value < self.last and (value < 100 or self.last >= 1000)
        return not self.words or (self.last % 10 == 0 and smaller)

    def add(self, word: str, value: int, weak: bool) -> None:
        self.words.append(word)
        self.current += value
        self.last = value
        self.weak = self.weak and weak

    def scale(self, word: str, value: int) -> None:
        self.words.append(word)
        if value == 100:
            self.current = (self.current or 1) * 100
        else:
            self.total += (self.current or 1) * value
            self.current = 0
        self.last = value
        self.weak = False

    def quantity(self) -> Quantity:
        value = Decimal(self.total + self.current)
        return Quantity(" ".join(self.words), value, weak=self.weak)


def _spelled(text: str, lang: str, numerals: Numerals) -> Iterator[Quantity]:
    matches = list(_TOKEN.finditer(text))
    tokens = [m.group(0) for m in matches]
    forms = _dictionary_forms(tokens, lang)
    if _number_words(lang).isdisjoint(forms):
        return  # most paragraphs: no word below could start a number
    group = _Group()
    for i, token in enumerate(tokens):
        if group.words and not _JOINING.fullmatch(text, matches[i - 1].end(), matches[i].start()):
            yield group.quantity()  # "un millón, mil euros" are two numbers
            group = _Group()
        word = forms[i]
        after = forms[i + 1] if i + 1 < len(tokens) else ""
        previous = tokens[i - 1] if i else ""
        if word in numerals.scales and token.casefold() not in numerals.vague_scales:
            if group.words or not previous.isdigit():  # "12 millones": digits read it already
                group.scale(token, numerals.scales[word])
            continue
        if word in numerals.articles and after in numerals.scales and not group.words:
            group.add(token, 1, weak=False)
            continue
        if word in numerals.cardinals and group.fits(numerals.cardinals[word]):
            group.add(token, numerals.cardinals[word], _weak(word, previous, numerals))
            continue
        if word in numerals.joiners and group.words and after in numerals.cardinals:
            continue
        if group.words:
            yield group.quantity()
            group = _Group()
        if word in numerals.cardinals:
            group.add(token, numerals.cardinals[word], _weak(word, previous, numerals))
        elif word in numerals.ordinals:
            value = Decimal(numerals.ordinals[word])
            yield Quantity(token, value, weak=word in numerals.weak)
    if group.words:
        yield group.quantity()


def _weak(word: str, previous: str, numerals: Numerals) -> bool:
    both = numerals.cardinals[word] == 2 and previous.casefold() in numerals.both
    return both or word in numerals.weak


def _dictionary_forms(tokens: list[str], lang: str) -> list[str]:
    folded = [token.casefold() for token in tokens]
    if not language(lang).lemmatised:
        return folded
    forms = _number_word_forms(lang)
    return [forms.get(word, word) for word in folded]


@cache
def _number_words(lang: str) -> frozenset[str]:
    """The words a number can start with or be (an article or a joiner alone is none)."""
    numerals = language(lang).numerals
    assert numerals is not None  # only languages with number words are read for them
    return frozenset(numerals.cardinals) | frozenset(numerals.scales) | frozenset(numerals.ordinals)


@cache
def _number_word_forms(lang: str) -> dict[str, str]:
    """Every inflected form of the language's number words → its dictionary form.

    Built once from pymorphy3's paradigms; a form that is more likely another word ("семью",
    a family) is left out, so that only number words are ever read as numbers.
    """
    from pipeline.languages.morphology import lemma, paradigm

    numerals = language(lang).numerals
    assert numerals is not None
    forms: dict[str, str] = {}
    for word in [*numerals.cardinals, *numerals.scales, *numerals.ordinals]:
        for form in paradigm(word):
            if lemma(form) == word or form == word:
                forms.setdefault(form, word)
    return forms
