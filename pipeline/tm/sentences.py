"""Sentence-level reuse: a paragraph with no match of its own, each of whose sentences the
memory holds, is drafted from them.

The memory's units are paragraphs. A unit whose source and translation have the same number of
sentences is taken to translate them in order (the usual case for news text; a translator who
merged or split sentences gives other counts, and the unit gives no sentences), and each pair is
a sentence unit. A paragraph is drafted from sentences only when every one of its sentences is
found, and the draft keeps the paragraph's own spacing between them. Such a draft is never
accepted outright (``tm_accept_exact``): the sentences were reviewed in other contexts.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.mt.layout import split_sentences_exactly
from pipeline.tm.memory import PROJECT, Memory, Unit


def aligned_sentences(unit: Unit, source_language: str) -> list[Unit]:
    """``unit``'s sentence pairs, when it has several and its translation as many."""
    sources = split_sentences_exactly(unit.source, source_language).sentences
    if len(sources) < 2:
        return []  # a one-sentence unit is found as a whole
    targets = split_sentences_exactly(unit.target, unit.lang).sentences
    if len(targets) != len(sources):
        return []
    return [
        replace(unit, source=source, target=target)
        for source, target in zip(sources, targets, strict=True)
    ]


def from_sentences(memory: Memory, lang: str, text: str, source_language: str) -> Unit | None:
    """A unit translating ``text`` sentence by sentence from the memory, or None when a sentence
    has no translation there. Its ``doc`` names every document it draws on; its origin is a
    reference memory's when any sentence came from one (so it is never taken as reviewed)."""
    split = split_sentences_exactly(text, source_language)
    if len(split.sentences) < 2:
        return None
    found = [memory.sentence(lang, sentence) for sentence in split.sentences]
    if None in found:
        return None
    units = [unit for unit in found if unit is not None]
    docs = ", ".join(dict.fromkeys(unit.doc for unit in units))
    outside = [unit.origin for unit in units if not unit.reviewed]
    target = split.join([unit.target for unit in units])
    return Unit(text, target, lang, docs, outside[0] if outside else PROJECT)
