"""Characters: invisible ones that change how a text displays (:mod:`pipeline.bidi`), and
garbled ones (mojibake, unknown-word marks, runs of symbols)."""

from __future__ import annotations

import re
import unicodedata

from ftfy.badness import is_bad

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


# Marks of broken output: the model's unknown-word token, undecodable bytes, control characters.
_BROKEN = re.compile(r"<unk>|\ufffd|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Four or more of one symbol in a row ("####", "??????", "~~~~"), or a run of mixed symbols.
_SYMBOL_RUN = re.compile(r"([^\w\s.…\-–—])\1{3,}|[^\w\s\"'«»“”„’‘().,:;!?%€$£…\-–—/]{4,}")


@check("junk", ERROR, "characters")
def junk(pair: Pair) -> str | None:
    """the translation has garbled characters: mojibake, unknown-word marks or symbol runs"""
    for pattern in (_BROKEN, _SYMBOL_RUN):
        found = pattern.search(pair.target)
        if found and not pattern.search(pair.source):
            return repr(found.group(0))
    # ftfy's measure of text that was decoded in the wrong encoding ("aprobÃ³", "Ð¾Ð´").
    if is_bad(pair.target) and not is_bad(pair.source):
        word = next((w for w in pair.target.split() if is_bad(w)), "")
        return f"mojibake {word!r}" if word else "mojibake"
    return None
