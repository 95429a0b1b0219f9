"""Numbers, compared by value both ways, in digits and in words (:mod:`pipeline.qa.numerals`)."""

from __future__ import annotations

from functools import lru_cache

from pipeline.qa.numerals import Quantity, quantities
from pipeline.qa.registry import ERROR, Pair, check


@check("numbers", ERROR, "numbers")
def numbers(pair: Pair) -> str | None:
    """a number of the source is missing from the translation (compared by value)"""
    return _unmatched(
        _numbers(pair.source, pair.source_lang), _numbers(pair.target, pair.target_lang)
    )


@check("added-numbers", ERROR, "numbers")
def added_numbers(pair: Pair) -> str | None:
    """the translation has a number the source does not have (compared by value)"""
    source = _numbers(pair.source, pair.source_lang)
    target = _numbers(pair.target, pair.target_lang)
    # A changed number is one finding, of the numbers check: only a number added to all the
    # source's is reported here.
    if _unmatched(source, target) is not None:
        return None
    return _unmatched(target, source)


def _unmatched(numbers: tuple[Quantity, ...], others: tuple[Quantity, ...]) -> str | None:
    """The numbers (as written) none of whose values ``others`` have; weak ones never count."""
    unmatched = [
        n.text for n in numbers if not n.weak and not any(n.matches(other) for other in others)
    ]
    return ", ".join(dict.fromkeys(unmatched)) if unmatched else None


@lru_cache(maxsize=4096)
def _numbers(text: str, lang: str) -> tuple[Quantity, ...]:
    # Each text is read once for both checks.
    return tuple(quantities(text, lang))
