"""Numbers in text by value, each language read in its own format.

Spanish writes ``3.500`` and ``3,5``, English ``3,500`` and ``3.5``, Russian ``3 500`` and ``3,5``:
a translation that localises a number keeps its value, one that copies ``3.500`` into English
(3.5) does not. A scale word after a number gives a second value (``3.500 millones`` and
``3.5 billion`` are both 3.5e9), and small numbers may be spelled out in the translation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_SPACES = "\u00a0\u202f\u2009"  # no-break, narrow no-break and thin space group digits everywhere


@dataclass(frozen=True)
class NumberFormat:
    """How one language groups thousands and marks decimals."""

    group: str  # characters between groups of three digits
    decimal: str  # characters between the integer and the fraction


# Spanish and Russian texts also use a decimal point now and then; "3.500" stays 3500 in
# Spanish because a group of exactly three digits is read as thousands first.
FORMATS = {
    "es": NumberFormat(group="." + _SPACES + " ", decimal=",."),
    "en": NumberFormat(group="," + _SPACES, decimal="."),
    "ru": NumberFormat(group=_SPACES + " ", decimal=",."),
}
DEFAULT_FORMAT = FORMATS["en"]

# Scale words after a number, with the power of ten they stand for; longer words first.
SCALES = {
    "es": [(r"mil\s+millones", 9), (r"millón|millones", 6), (r"billón|billones", 12), (r"mil", 3)],
    "en": [(r"thousand", 3), (r"million", 6), (r"billion", 9), (r"trillion", 12)],
    "ru": [
        (r"тыс\w*", 3),
        (r"млн|миллион\w*", 6),
        (r"млрд|миллиард\w*", 9),
        (r"трлн|триллион\w*", 12),
    ],
}

# Small numbers a translation may write as words (Russian in all its cases).
NUMBER_WORDS = {
    "es": {
        1: "uno una un",
        2: "dos",
        3: "tres",
        4: "cuatro",
        5: "cinco",
        6: "seis",
        7: "siete",
        8: "ocho",
        9: "nueve",
        10: "diez",
    },
    "en": {
        1: "one",
        2: "two both",
        3: "three",
        4: "four",
        5: "five",
        6: "six",
        7: "seven",
        8: "eight",
        9: "nine",
        10: "ten",
    },
    "ru": {
        1: "один одна одно одного одной одному одним одну одном",
        2: "два две двух двум двумя оба обе обоих",
        3: "три трёх трех трём трем тремя",
        4: "четыре четырёх четырех четырём четырем четырьмя",
        5: "пять пяти пятью",
        6: "шесть шести шестью",
        7: "семь семи семью",
        8: "восемь восьми восемью восьмью",
        9: "девять девяти девятью",
        10: "десять десяти десятью",
    },
}


@dataclass(frozen=True)
class Number:
    """One number as written: its value, and its value times a following scale word."""

    text: str
    value: Decimal
    scaled: Decimal | None = None

    @property
    def values(self) -> set[Decimal]:
        return {self.value} if self.scaled is None else {self.value, self.scaled}


def find_numbers(text: str, lang: str) -> list[Number]:
    """The numbers written in digits in ``text``, read in the format of ``lang``."""
    fmt = FORMATS.get(lang, DEFAULT_FORMAT)
    scale_after = _scale_pattern(lang)
    numbers = []
    for match in _number_pattern(fmt).finditer(text):
        integer = re.sub(r"\D", "", match["int"])
        value = Decimal(f"{integer}.{match['frac']}" if match["frac"] else integer).normalize()
        scaled = None
        scale = scale_after.match(text, match.end()) if scale_after else None
        if scale and scale.lastgroup:
            scaled = (value.scaleb(int(scale.lastgroup[1:]))).normalize()
        numbers.append(Number(match.group(0), value, scaled))
    return numbers


def missing_numbers(source: str, source_lang: str, target: str, target_lang: str) -> list[str]:
    """Numbers of ``source`` (as written there) whose value the translation does not contain."""
    found: set[Decimal] = set()
    for number in find_numbers(target, target_lang):
        found |= number.values
    words = set(re.findall(r"\w+", target.casefold()))
    missing = []
    for number in find_numbers(source, source_lang):
        if number.values & found or _spelled_out(number.value, target_lang, words):
            continue
        if number.text not in missing:
            missing.append(number.text)
    return missing


def _spelled_out(value: Decimal, lang: str, words: set[str]) -> bool:
    spellings = NUMBER_WORDS.get(lang, {}).get(int(value)) if value == value.to_integral() else None
    return bool(spellings) and not words.isdisjoint(spellings.split())


def _number_pattern(fmt: NumberFormat) -> re.Pattern[str]:
    group, decimal = re.escape(fmt.group), re.escape(fmt.decimal)
    return re.compile(
        rf"(?<!\d)(?P<int>\d{{1,3}}(?:[{group}]\d{{3}})+(?!\d)|\d+)(?:[{decimal}](?P<frac>\d+))?"
    )


def _scale_pattern(lang: str) -> re.Pattern[str] | None:
    if lang not in SCALES:
        return None
    alternatives = "|".join(f"(?P<e{exp}>{words})" for words, exp in SCALES[lang])
    return re.compile(rf"\s*(?:{alternatives})\b", re.IGNORECASE)
