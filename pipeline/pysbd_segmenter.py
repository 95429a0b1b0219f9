"""pySBD segmenters whose abbreviation pass skips the abbreviations that cannot apply.

pySBD 0.3.4 spends most of its time in ``search_for_abbreviations_in_string``: for every known
abbreviation that occurs anywhere in a line (Spanish's list has "a", "de", "en", "con"...), it
collects every word starting with it and runs one regular-expression substitution per word, each
looked up in ``re``'s cache, which the hundreds of patterns keep thrashing. Every substitution
replaces the period right after the abbreviation, preceded by whitespace or the line's start;
so an abbreviation with no such "<abbreviation>." in the line cannot change it, and skipping it
gives pySBD's result exactly (``tests/test_pysbd_segmenter.py`` compares both). The rest of the
pass is pySBD's own code, run as before.

The skip is installed only on the pySBD version it was checked against; any other version is used
as it is.
"""

from __future__ import annotations

import re
from functools import cache

import pysbd
from pysbd.abbreviation_replacer import AbbreviationReplacer
from pysbd.languages import LANGUAGE_CODES

CHECKED_VERSION = "0.3.4"


@cache
def segmenter(code: str) -> pysbd.Segmenter:
    """pySBD's segmenter for language ``code`` (offsets kept, text not cleaned)."""
    segmenter = pysbd.Segmenter(language=code, clean=False, char_span=True)
    if pysbd.__version__ == CHECKED_VERSION:
        segmenter.language_module = _with_fast_abbreviations(LANGUAGE_CODES[code])
    return segmenter


def _with_fast_abbreviations(language: type) -> type:
    """``language``'s rules, with an abbreviation replacer that skips what cannot apply."""
    replacer = getattr(language, "AbbreviationReplacer", AbbreviationReplacer)
    fast_replacer = type(
        replacer.__name__,
        (replacer,),
        {"search_for_abbreviations_in_string": _search_for_abbreviations_in_string},
    )
    return type(language.__name__, (language,), {"AbbreviationReplacer": fast_replacer})


def _search_for_abbreviations_in_string(self: AbbreviationReplacer, text: str) -> str:
    """pySBD's loop over the language's abbreviations, less those that cannot change ``text``."""
    lowered = text.lower()
    for abbr in self.lang.Abbreviation.ABBREVIATIONS:
        stripped = abbr.strip()
        if stripped not in lowered:
            continue
        if "." not in stripped and not _period_after(stripped).search(text):
            continue
        # From here on, pySBD 0.3.4's own loop body.
        abbrev_match = re.findall(rf"(?:^|\s|\r|\n){stripped}", text, flags=re.IGNORECASE)
        if not abbrev_match:
            continue
        char_array = re.findall(r"(?<={" + re.escape(stripped) + "} ).{1}", text)
        for ind, match in enumerate(abbrev_match):
            text = self.scan_for_replacements(text, match, ind, char_array)
    return text


@cache
def _period_after(abbreviation: str) -> re.Pattern[str]:
    """Where every substitution of pySBD's for ``abbreviation`` applies, and more.

    Each one replaces the period right after a word that matches the abbreviation, preceded by
    whitespace or the start. A dotted abbreviation is left out: pySBD reads its dots as "any
    character", so the words it matches, and their own patterns, could be anything.
    """
    return re.compile(rf"(?<!\S){re.escape(abbreviation)}\.", re.IGNORECASE)
