"""Sentence boundaries for Spanish, English and Russian, offline: pySBD plus a few fixing rules.

pySBD proposes the boundaries; small rules then add the ends it misses and merge the splits it gets
wrong, each rule motivated by a real failure noted beside it. Spans leave out the whitespace around
sentences, so the gaps between them are exactly the input's whitespace: a caller can translate
the spans and put the gaps back byte for byte.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from pysbd.languages import LANGUAGE_CODES

from pipeline.languages import Abbreviations, language
from pipeline.pysbd_segmenter import segmenter

Span = tuple[int, int]

# Characters that may stand before a sentence's first letter: quotes, brackets, dialogue dashes.
_OPENERS = "«“‘\"'([—–-"
_LEADING = re.compile(rf"[\s{re.escape(_OPENERS)}]*")
# Spanish opening marks: a sentence of its own starts with them.
_INVERTED = frozenset("¿¡")


_FALLBACK_LANGUAGE = "en"

# Sentence ends that pySBD keeps inside one sentence; each counts only where a sentence opens next.
_MISSED_END = re.compile(
    r"""
      [.!?…][»”’"')\]]+\s+   # a quote or bracket ending the sentence: Dijo: «Hola. Adiós.» Luego
    | …\s+                   # an ellipsis: Fin… Otra cosa
    | [.!?…]\s*(?=[¿¡])      # any end before an opening mark: Bien. ¿Y tú?
    """,
    re.VERBOSE,
)


def split_sentences(text: str, lang: str) -> list[str]:
    """The sentences of ``text`` in language ``lang``, without surrounding whitespace."""
    return [text[start:end] for start, end in sentence_spans(text, lang)]


def sentence_spans(text: str, lang: str) -> list[Span]:
    """(start, end) offsets of the sentences of ``text``, in order, whitespace left out.

    Only whitespace lies between and around the spans. Languages other than ``es``, ``en`` and
    ``ru`` use pySBD's rules for them when it has some, else English ones, and the English list
    of abbreviations.
    """
    return list(_spans(text, lang))


# pySBD costs about a millisecond a paragraph: a source paragraph is split once, not once for
# each target language's catalog and each check (issue 16).
@lru_cache(maxsize=4096)
def _spans(text: str, lang: str) -> tuple[Span, ...]:
    code = _base_language(lang)
    rules = _abbreviations(code)
    cuts = _pysbd_cuts(text, code) | _missed_cuts(text, rules)
    return tuple(_merge_false_splits(text, _pieces(text, sorted(cuts)), rules))


def opens_sentence(text: str, position: int) -> bool:
    """Whether a sentence may start at ``position``: after any whitespace and opening quotes,
    an opening ¿ or ¡ or a capital comes first."""
    first = _first_significant(text, position)
    return first in _INVERTED or first.isupper()


def _abbreviations(code: str) -> Abbreviations:
    """The language's abbreviations; a language without a list of its own uses English's."""
    rules = language(code).abbreviations or language(_FALLBACK_LANGUAGE).abbreviations
    assert rules is not None  # English has its list
    return rules


def _base_language(lang: str) -> str:
    """``es_ES`` or ``pt-BR`` → the pySBD language to use: its base code, or English."""
    code = lang.replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGE_CODES else _FALLBACK_LANGUAGE


def _pysbd_cuts(text: str, code: str) -> set[int]:
    """Where pySBD starts or ends a sentence.

    pySBD finds its spans by searching the sentences back in the text and silently skips one it
    cannot find; taking both ends of every span as cuts keeps all of the text covered anyway.
    """
    spans = segmenter(code).segment(text)
    return {offset for span in spans for offset in (span.start, span.end)}


def _missed_cuts(text: str, rules: Abbreviations) -> set[int]:
    cuts = {match.end() for match in _MISSED_END.finditer(text)}
    if rules.not_abbreviations:
        cuts |= {match.end() for match in _word_then_period(rules.not_abbreviations).finditer(text)}
    return {cut for cut in cuts if opens_sentence(text, cut)}


def _pieces(text: str, cuts: list[int]) -> list[Span]:
    """The text between consecutive cuts, each without its surrounding whitespace."""
    edges = [0, *cuts, len(text)]
    pieces = []
    for start, end in zip(edges, edges[1:], strict=False):
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            pieces.append((start + lead, start + lead + len(stripped)))
    return pieces


def _merge_false_splits(text: str, pieces: list[Span], rules: Abbreviations) -> list[Span]:
    """Join each piece to the one before it when it continues that sentence."""
    inside_abbreviations = [m.span() for m in _abbreviation_regex(rules.multi_part).finditer(text)]
    sentences: list[Span] = []
    for start, end in pieces:
        if sentences and _continues(text, sentences[-1], start, rules, inside_abbreviations):
            sentences[-1] = (sentences[-1][0], end)
        else:
            sentences.append((start, end))
    return sentences


def _continues(
    text: str,
    previous: Span,
    start: int,
    rules: Abbreviations,
    multi_part_spans: list[Span],
) -> bool:
    """Whether the piece starting at ``start`` belongs to the sentence ``previous``."""
    first = _first_significant(text, start)
    if first in _INVERTED:
        return False
    # A sentence starts with a capital: after "Т. е. всё", "3 p. m. a EE. UU." or "¿Vienes?,
    # preguntó" the same sentence goes on (a digit or a comma cannot open one either).
    if first.islower() or not first.isalpha():
        return True
    if _abbreviation_regex(rules.never_final, at_end=True).search(text, previous[0], previous[1]):
        return True
    return any(a_start < previous[1] and a_end > start for a_start, a_end in multi_part_spans)


def _first_significant(text: str, position: int) -> str:
    """The first character at or after ``position`` that is not whitespace or an opening quote."""
    start = _LEADING.match(text, position).end()
    return text[start : start + 1]


@cache
def _abbreviation_regex(abbreviations: tuple[str, ...], at_end: bool = False) -> re.Pattern[str]:
    """Any of ``abbreviations`` as a whole word, with any spacing (or none) between its parts."""
    alternatives = "|".join(
        r"\s*".join(re.escape(part) for part in re.split(r"(?<=\.)\s*", abbreviation) if part)
        for abbreviation in abbreviations
    )
    return re.compile(rf"(?<!\w)(?:{alternatives})" + (r"\Z" if at_end else ""), re.IGNORECASE)


@cache
def _word_then_period(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, words))})\.\s+", re.IGNORECASE)
