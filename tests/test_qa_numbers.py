"""Numbers by value in each language's own format (pipeline.numbers)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.numbers import find_numbers, localised, missing_numbers


@pytest.mark.parametrize(
    ("text", "lang", "values"),
    [
        ("unos 3.500 soldados y un 3,5 %", "es", ["3500", "3.5"]),
        ("1.000.000 de personas", "es", ["1000000"]),
        ("una subida de 2.5 puntos", "es", ["2.5"]),
        ("some 3,500 soldiers and 3.5%", "en", ["3500", "3.5"]),
        ("около 3 500 солдат и 3,5 %", "ru", ["3500", "3.5"]),
        ("около 3\u00a0500 и 12\u202f000", "ru", ["3500", "12000"]),
        ("11–12 ноября 2024 года", "ru", ["11", "12", "2024"]),
    ],
)
def test_numbers_are_read_in_the_language_format(text: str, lang: str, values: list[str]) -> None:
    assert [n.value for n in find_numbers(text, lang)] == [Decimal(v) for v in values]


def test_a_scale_word_gives_the_full_value() -> None:
    (number,) = find_numbers("3.500 millones de dólares", "es")
    assert number.scaled == Decimal("3.5e9")


def test_localised_numbers_are_not_missing() -> None:
    source = "los días 11 y 12 de noviembre, unos 3.500 invitados y un 2,5 % más"
    assert not missing_numbers(source, "es", "on 11 and 12 November, 3,500 guests, 2.5% more", "en")
    assert not missing_numbers(
        source, "es", "11 и 12 ноября, около 3 500 гостей, на 2,5 % больше", "ru"
    )


def test_a_number_copied_in_the_source_format_changes_value() -> None:
    assert missing_numbers("unos 3.500 invitados", "es", "some 3.500 guests", "en") == ["3.500"]


def test_millions_may_become_billions() -> None:
    assert not missing_numbers("3.500 millones de euros", "es", "3.5 billion euros", "en")
    assert not missing_numbers("3.500 millones de euros", "es", "3,5 млрд евро", "ru")


def test_small_numbers_may_be_spelled_out() -> None:
    assert not missing_numbers("duró 3 horas", "es", "it lasted three hours", "en")
    assert not missing_numbers("duró 3 horas", "es", "длилась около трёх часов", "ru")
    assert missing_numbers("duró 30 horas", "es", "it lasted three hours", "en") == ["30"]


def test_a_changed_day_is_missing() -> None:
    assert missing_numbers("los días 11 y 12", "es", "on 11 and 21 November", "en") == ["12"]


@pytest.mark.parametrize(
    ("text", "from_lang", "to_lang", "expected"),
    [
        ("3,5 %", "es", "en", "3.5%"),
        ("3,5%", "es", "ru", "3,5\u00a0%"),
        ("3,50 %", "es", "en", "3.50%"),
        ("1.500 %", "es", "ru", "1\u00a0500\u00a0%"),
        ("3.5%", "en", "ru", "3,5\u00a0%"),
        ("20 %", "es", "es", "20\u00a0%"),
        ("11.12.2024 %", "es", "en", None),
    ],
)
def test_a_percentage_is_written_in_the_target_cldr_pattern_keeping_its_decimals(
    text: str, from_lang: str, to_lang: str, expected: str | None
) -> None:
    assert localised(text, from_lang, to_lang) == expected
