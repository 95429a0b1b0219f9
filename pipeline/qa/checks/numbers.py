"""Numbers, compared by value (:mod:`pipeline.numbers`)."""

from __future__ import annotations

from pipeline.numbers import missing_numbers
from pipeline.qa.registry import ERROR, Pair, check


@check("numbers", ERROR, "numbers")
def numbers(pair: Pair) -> str | None:
    """a number of the source is missing from the translation (compared by value)"""
    missing = missing_numbers(pair.source, pair.source_lang, pair.target, pair.target_lang)
    return ", ".join(missing) if missing else None
