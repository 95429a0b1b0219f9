"""Characters that change how a text displays without being seen."""

from __future__ import annotations

import unicodedata

from pipeline.qa.registry import ERROR, Pair, check

# Embeddings, overrides and isolates reorder everything up to their end: text that reads one way
# and is another ("Trojan Source"). No translation between the pipeline's languages needs them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Marks only set the direction of the neutral characters next to them; right-to-left text uses
# them, so they are flagged only when the source has none of the same.
BIDI_MARKS = frozenset("\u200e\u200f\u061c")


@check("bidi", ERROR, "characters")
def bidi(pair: Pair) -> str | None:
    """the translation has invisible bidirectional controls that can reorder how it reads"""
    found = [
        char
        for char in dict.fromkeys(pair.target)
        if char in BIDI_CONTROLS or (char in BIDI_MARKS and char not in pair.source)
    ]
    if not found:
        return None
    return ", ".join(f"U+{ord(char):04X} {unicodedata.name(char)}" for char in found)
