"""Dictionary forms of words, for the languages whose data is kept in them (Russian).

pymorphy3 with its Russian dictionary is loaded the first time a word is asked for (about 0.1 s)
and every word's analysis is kept, since news repeats its words.
"""

from __future__ import annotations

from functools import cache
from typing import Any

# pymorphy3's grammemes for proper names: first names, surnames, patronymics, places,
# organisations, trademarks.
NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})


@cache
def _analyser() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@cache
def lemma(word: str) -> str:
    """The dictionary form of a Russian word, lowercase (its most likely analysis)."""
    return _analyser().parse(word.lower())[0].normal_form


@cache
def lemmas(word: str) -> frozenset[str]:
    """Every dictionary form a Russian word may have (``стали`` is both сталь and стать)."""
    return frozenset(parse.normal_form for parse in _analyser().parse(word.lower()))


@cache
def may_be_name(word: str) -> bool:
    """Whether a Russian word is a proper name, or a word the dictionary does not know."""
    analyser = _analyser()
    if not analyser.word_is_known(word.lower()):
        return True
    return any(NAME_GRAMMEMES & set(parse.tag.grammemes) for parse in analyser.parse(word))


def paradigm(word: str) -> set[str]:
    """Every form of a Russian word in its dictionary paradigm (all cases, genders, numbers)."""
    forms = set()
    for parse in _analyser().parse(word):
        if parse.normal_form == word:
            forms |= {form.word.replace("ё", "е") for form in parse.lexeme}
            forms |= {form.word for form in parse.lexeme}
    return forms
