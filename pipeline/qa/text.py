"""Words and scripts of a text, as several check families see them."""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
LETTER_WORD = re.compile(r"[^\W\d_]+(?:[-'’.][^\W\d_]+)*")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def words(text: str) -> list[str]:
    """The words of a text, casefolded (numbers included, punctuation left out)."""
    return [w.casefold() for w in WORD.findall(text)]
