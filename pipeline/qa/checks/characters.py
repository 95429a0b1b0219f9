"""Characters that change how a text displays without being seen (:mod:`pipeline.bidi`)."""

from __future__ import annotations

import unicodedata

from pipeline.bidi import BIDI_CONTROLS, BIDI_MARKS
from pipeline.qa.registry import ERROR, Pair, check


@check("bidi", ERROR, "characters")
def bidi(pair: Pair) -> str | None:
    """the translation has invisible bidirectional controls that can reorder how it reads"""
    # Marks count only where the source has none of the same: right-to-left text needs them.
    found = [
        char
        for char in dict.fromkeys(pair.target)
        if char in BIDI_CONTROLS or (char in BIDI_MARKS and char not in pair.source)
    ]
    if not found:
        return None
    return ", ".join(f"U+{ord(char):04X} {unicodedata.name(char)}" for char in found)
