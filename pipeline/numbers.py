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

from pipeline.languages import NumberFormat, language

# A language whose number format is unknown is read as English.
DEFAULT_FORMAT = language("en").number_format

# A percent sign after a number, as languages write it: against it (en "3.5%") or after a space,
# a no-break one in CLDR's data (es, ru "3,5 %").
PERCENT_SIGN = r"[\ \u00a0\u202f]?%"
_PERCENTAGE = re.compile(rf"(?P<figure>.+?){PERCENT_SIGN}")


@dataclass(frozen=True)
class Number:
    """One number as written: its value, and its value times a following scale word."""

    text: str
    value: Decimal
    scaled: Decimal | None = None
    places: int = 0  # digits after the decimal separator, as written

    @property
    def values(self) -> set[Decimal]:
        return {self.value} if self.scaled is None else {self.value, self.scaled}


def find_numbers(text: str, lang: str) -> list[Number]:
    """The numbers written in digits in ``text``, read in the format of ``lang``."""
    fmt = language(lang).number_format or DEFAULT_FORMAT
    scale_after = _scale_pattern(lang)
    numbers = []
    for match in _number_pattern(fmt).finditer(text):
        integer = re.sub(r"\D", "", match["int"])
        value = Decimal(f"{integer}.{match['frac']}" if match["frac"] else integer).normalize()
        scaled = None
        scale = scale_after.match(text, match.end()) if scale_after else None
        if scale and scale.lastgroup:
            scaled = (value.scaleb(int(scale.lastgroup[1:]))).normalize()
        numbers.append(Number(match.group(0), value, scaled, len(match["frac"] or "")))
    return numbers


def localised(text: str, from_lang: str, to_lang: str) -> str | None:
    """``text``, one number in ``from_lang``'s format, maybe a percentage, written in ``to_lang``'s
    with Babel's CLDR data (es ``1.500,75`` → en ``1,500.75``, ru ``1 500,75`` with a no-break
    space; es ``3,5 %`` → en ``3.5%``, ru ``3,5 %`` with a no-break space), its decimals as
    written; None when ``text`` is not exactly one number (a date such as ``11.12.2024``) or a
    language's format is unknown."""
    from babel import Locale, UnknownLocaleError
    from babel.numbers import format_decimal, format_percent

    if language(from_lang).number_format is None or language(to_lang).number_format is None:
        return None
    percentage = _PERCENTAGE.fullmatch(text)
    figure = percentage["figure"] if percentage else text
    numbers = find_numbers(figure, from_lang)
    if len(numbers) != 1 or numbers[0].text != figure:
        return None
    number = numbers[0]
    try:
        locale = Locale.parse(to_lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None
    if percentage:
        pattern = _with_decimals(locale.percent_formats[None].pattern, number.places)
        return format_percent(number.value.scaleb(-2), format=pattern, locale=locale)
    pattern = _with_decimals(locale.decimal_formats[None].pattern, number.places)
    return format_decimal(number.value, format=pattern, locale=locale)


def _with_decimals(pattern: str, places: int) -> str:
    """The locale's CLDR ``pattern`` (its positive part: symbols, spacing, grouping) with exactly
    ``places`` decimals: the source's "1,50" keeps its two, "3,5" its one."""
    positive = pattern.split(";")[0]
    decimals = "." + "0" * places if places else ""
    return re.sub(r"([#,0]*0)(?:\.[#0]*)?", lambda m: m[1] + decimals, positive, count=1)


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
    number_words = language(lang).number_words
    spellings = number_words.get(int(value)) if value == value.to_integral() else None
    return bool(spellings) and not words.isdisjoint(spellings.split())


def _number_pattern(fmt: NumberFormat) -> re.Pattern[str]:
    group, decimal = re.escape(fmt.group), re.escape(fmt.decimal)
    return re.compile(
        rf"(?<!\d)(?P<int>\d{{1,3}}(?:[{group}]\d{{3}})+(?!\d)|\d+)(?:[{decimal}](?P<frac>\d+))?"
    )


def _scale_pattern(lang: str) -> re.Pattern[str] | None:
    scales = language(lang).scale_words
    if not scales:
        return None
    alternatives = "|".join(f"(?P<e{exp}>{words})" for words, exp in scales)
    return re.compile(rf"\s*(?:{alternatives})\b", re.IGNORECASE)
