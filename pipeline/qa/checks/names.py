"""Names: every name of the source has its counterpart in the translation, and the
translation names no one the source does not (:mod:`pipeline.qa.names`)."""

from __future__ import annotations

from functools import lru_cache

from pipeline.glossary import Glossary, find_term, word_runs
from pipeline.languages import language
from pipeline.qa.names import (
    Word,
    best_match,
    find_spelling,
    folded,
    is_acronym,
    is_name,
    is_territory,
    known_names,
    words,
)
from pipeline.qa.registry import WARNING, Pair, check


@check("names", WARNING, "names")
def names(pair: Pair) -> str | None:
    """a name of the source has no counterpart in the translation"""
    missing, _ = _compare(
        pair.source, pair.target, pair.source_lang, pair.target_lang, pair.glossary
    )
    return ", ".join(missing) if missing else None


@check("added-names", WARNING, "names")
def added_names(pair: Pair) -> str | None:
    """the translation has a name the source does not have"""
    missing, added = _compare(
        pair.source, pair.target, pair.source_lang, pair.target_lang, pair.glossary
    )
    # A swapped name is one finding, of the names check.
    return ", ".join(added) if added and not missing else None


@lru_cache(maxsize=1024)
def _compare(
    source: str, target: str, source_lang: str, target_lang: str, glossary: Glossary | None
) -> tuple[list[str], list[str]]:
    """The source's names without a counterpart, and the translation's names the source lacks."""
    source_words, target_words = words(source), words(target)
    target_folded = folded(target_words)
    explained: set[int] = set()  # words of the translation that are counterparts
    covered: set[int] = set()  # words of the source that known names account for
    missing: list[str] = []
    runs = word_runs(source)  # hundreds of known names, a few in the source: found by a set
    knowns = known_names(source_lang, target_lang, glossary)
    for known in [k for k in knowns if k.leading_word is None or k.leading_word in runs]:
        found = find_term(known.source, source)
        if not found:
            continue
        indices = {i for i, w in enumerate(source_words) if found.start() <= w.start < found.end()}
        if indices & covered:
            continue  # inside a longer known name
        covered |= indices
        spellings = (*known.targets, known.source)
        hits = [find_spelling(t, target_folded, target_lang) for t in spellings]
        hit = next((h for h in hits if h is not None), None)
        if hit is None:
            missing.append(known.source)
        else:
            explained |= set(hit)
    for i, word in enumerate(source_words):
        # Acronyms without a known counterpart are the acronyms check's.
        if i in covered or not is_name(word, source_lang) or is_acronym(word):
            continue
        match = best_match(word.text, target_words)
        if match is None:
            missing.append(word.text)
        else:
            explained.add(match)
    added = [
        word.text
        for j, word in enumerate(target_words)
        if j not in explained
        and _may_be_added_name(word, target_lang)
        and best_match(word.text, source_words) is None  # any word: "francés", "French"
    ]
    return list(dict.fromkeys(missing)), list(dict.fromkeys(added))


def _may_be_added_name(word: Word, lang: str) -> bool:
    # Translations spell out what the source implies: an acronym for words ("GPs"), a country
    # for an adjective ("presidente francés", "Президент Франции"); neither is a new entity.
    if not is_name(word, lang) or is_acronym(word) or is_territory(word.text, lang):
        return False
    if language(lang).lemmatised:
        from pipeline.languages.morphology import may_be_name

        return may_be_name(word.text)
    return True
