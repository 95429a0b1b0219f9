"""Negation: a translation that says the opposite of its source reads just as fluently.

Negated clauses are counted in the source and the translation, sentence by sentence where both
have as many sentences, else over the whole text. Cues that agree with a negation already made
(Spanish "no vino nadie", Russian "ни мэр, ни депутаты не пришли", English "neither ... nor")
add none. A translation with fewer negations that words one as a negative meaning instead
("absent", "unable", "отсутствует") keeps the polarity and passes.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.languages import language
from pipeline.languages.model import Negation
from pipeline.qa.registry import WARNING, Pair, check

# Words and the punctuation that ends a clause.
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|[,;:—–()«»“”\"]")
# A cue this many tokens after another, in the same clause or a concord cue, adds no negation.
_SAME_NEGATION = 8


def knows_negation(pair: Pair) -> bool:
    return None not in (language(pair.source_lang).negation, language(pair.target_lang).negation)


@check("negation", WARNING, "negation", applies=knows_negation)
def negation(pair: Pair) -> str | None:
    """the translation negates more or less than the source: its meaning may be reversed"""
    sources, targets = pair.sentences
    if len(sources) != len(targets):
        sources, targets = [pair.source], [pair.target]
    for number, (source, target) in enumerate(zip(sources, targets, strict=True), start=1):
        expected = negations(source, pair.source_lang)
        found = negations(target, pair.target_lang)
        if found == expected or (found < expected and _implicit(target, pair.target_lang)):
            continue
        where = f" in sentence {number}" if len(sources) > 1 else ""
        return f"{expected} negated clause(s) in the source, {found} in the translation{where}"
    return None


def negations(text: str, lang: str) -> int:
    """How many negated clauses ``text`` has, by the cues of language ``lang``."""
    cues = language(lang).negation
    assert cues is not None  # the precondition
    lowered = _not_negations(cues).sub(" ", text.casefold())
    count, last, clause_ended = 0, None, False
    for index, token in enumerate(_TOKEN.findall(lowered)):
        if not token[0].isalpha():
            clause_ended = True
            continue
        if not (token in cues.cues or token.endswith(cues.suffixes or ("\0",))):
            continue
        near = last is not None and index - last <= _SAME_NEGATION
        if not (near and (token in cues.concord or not clause_ended)):
            count += 1
        last, clause_ended = index, False
    return count


def _implicit(text: str, lang: str) -> bool:
    cues = language(lang).negation
    assert cues is not None
    return bool(cues.implicit) and _implicit_pattern(cues).search(text.casefold()) is not None


@cache
def _not_negations(cues: Negation) -> re.Pattern[str]:
    phrases = "|".join(map(re.escape, cues.not_negations)) or r"(?!)"
    return re.compile(rf"(?<!\w)(?:{phrases})(?!\w)")


@cache
def _implicit_pattern(cues: Negation) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, cues.implicit))})")
