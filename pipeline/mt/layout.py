"""A paragraph as the model sees it: protected sentences, and how to put the paragraph back.

The model only ever sees sentences with protected spans replaced by placeholders. Everything else
(leading and trailing spaces, the whitespace between sentences, line breaks inside a paragraph) is
kept aside and put back exactly.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.glossary import Term
from pipeline.protect import Protected, Restored, protect, restore
from pipeline.sentences import sentence_spans

if TYPE_CHECKING:
    from pipeline.mt.engine import Engine
    from pipeline.mt.routes import Pair


@dataclass(frozen=True)
class Sentences:
    """A (protected) text cut into sentences, with the exact whitespace around them."""

    gaps: tuple[str, ...]  # gaps[i] comes before sentences[i]; gaps[-1] after the last one
    sentences: tuple[str, ...]

    def join(self, translations: Sequence[str]) -> str:
        """The text with each sentence replaced by its translation, the gaps as they were."""
        if len(translations) != len(self.sentences):
            raise ValueError("one translation per sentence is needed")
        parts = [self.gaps[0]]
        for translation, gap in zip(translations, self.gaps[1:], strict=True):
            # Models add or drop edge spaces; the source's own spacing is what goes back.
            parts.extend((translation.strip(), gap))
        return "".join(parts)


def protect_paragraph(
    text: str, terms: Sequence[Term] = (), verbatim: Sequence[tuple[int, int]] = ()
) -> Protected:
    """Hide glossary terms and spans that must not be translated behind placeholders;
    ``verbatim`` spans (the source format's code) are kept as written."""
    return protect(text, [(term.source, term.target) for term in terms], verbatim)


def restore_paragraph(masked: str, protected: Protected) -> Restored:
    """Put the protected spans back; the result says which the model lost or repeated."""
    return restore(masked, protected)


@functools.lru_cache(maxsize=4096)
def split_sentences_exactly(text: str, lang: str) -> Sentences:
    """Cut ``text`` into sentences; a line break inside a paragraph always ends a sentence.

    Remembered for the last few thousand texts: the plan cuts each source paragraph once per
    target language, and cutting (pySBD) is most of what the driver does per sentence.
    """
    gaps: list[str] = []
    sentences: list[str] = []
    cursor = 0
    offset = 0
    for line in text.split("\n"):
        for start, end in sentence_spans(line, lang):
            gaps.append(text[cursor : offset + start])
            sentences.append(line[start:end])
            cursor = offset + end
        offset += len(line) + 1
    gaps.append(text[cursor:])
    return Sentences(tuple(gaps), tuple(sentences))


def translate_paragraph(
    engine: Engine, legs: Sequence[Pair], text: str, terms: Sequence[Term] = ()
) -> Restored:
    """One paragraph through ``engine`` along ``legs``, as the translate stage does it: protected,
    cut into sentences for each leg, put back together, placeholders restored."""
    protected = protect_paragraph(text, terms)
    masked = protected.text
    for pair in legs:
        sentences = split_sentences_exactly(masked, pair.from_code)
        masked = sentences.join(engine.translator(pair).translate(sentences.sentences))
    return restore_paragraph(masked, protected)
