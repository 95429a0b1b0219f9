"""Terms: the glossary's, and acronyms."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from pipeline.languages import language
from pipeline.qa.names import known_names
from pipeline.qa.registry import WARNING, Pair, check
from pipeline.qa.text import CYRILLIC, words


def has_glossary(pair: Pair) -> bool:
    return pair.glossary is not None


@check("glossary", WARNING, "terms", applies=has_glossary)
def glossary(pair: Pair) -> str | None:
    """a glossary term is not in the translation as the glossary requires"""
    assert pair.glossary is not None  # the precondition
    problems = []
    for term in pair.glossary.find(pair.source):
        if term.keep and term.source not in pair.target:
            problems.append(f"{term.source!r} stays as written")
        elif not term.keep and not contains_term(pair.target, term.target, pair.target_lang):
            problems.append(f"{term.source!r} → {term.target!r}")
    return "; ".join(problems) if problems else None


_MIN_STEM = 3


def contains_term(text: str, term: str, lang: str) -> bool:
    """True if ``term`` occurs in ``text`` as whole words, any inflection of them included."""
    # Inflected languages change a name's ending (Россия, России, Россией): compare stems.
    endings = language(lang).inflected_endings
    stems = [_stem(word, endings) for word in words(term)]
    found = words(text)
    return any(
        all(found[i + k].startswith(stem) for k, stem in enumerate(stems))
        for i in range(len(found) - len(stems) + 1)
    )


def _stem(word: str, endings: str) -> str:
    stem = word
    while len(stem) > _MIN_STEM and stem[-1] in endings:
        stem = stem[:-1]
    return stem


_ACRONYM = re.compile(r"(?:[^\W\d_]{1,3}\.){2,}|[^\W_]+(?:-[^\W_]+)*")
_ROMAN = re.compile(r"[IVXLCDM]+")


@check("acronyms", WARNING, "terms")
def acronyms(pair: Pair) -> str | None:
    """an acronym of the source has no counterpart in the translation"""
    # Acronyms are translated (ONU → UN, ООН), so an unmatched source acronym needs an unmatched
    # acronym in the translation, not the same letters; names are left to the glossary, since
    # exonyms and transliteration (Moscú, Moscow, Москва) defeat any spelling comparison.
    source = _acronyms(pair.source)
    if _mostly_capitals(pair.source):
        return None
    covered = pair.glossary.find(pair.source) if pair.glossary else []
    source = [a for a in source if not any(a in term.source for term in covered)]
    target = _acronyms(pair.target)
    unmatched = [a for a in source if a not in target]
    spare = [a for a in target if a not in source]
    # A spare acronym translates an unmatched one if it is in another script (ОДКБ for OTSC) or
    # has the same letters reordered (CSTO for OTSC); "COPE" for "SER" is another entity.
    # Known pairs (ONU → UN, ООН) come from the language data.
    if not unmatched:
        return None
    known = _known_targets(pair.source_lang, pair.target_lang)
    translations = [
        a for a in spare if any(a in known.get(u, ()) or may_translate(u, a) for u in unmatched)
    ]
    return ", ".join(unmatched) if len(unmatched) > len(translations) else None


def may_translate(acronym: str, other: str) -> bool:
    """Whether acronym ``other`` of the translation may be the translation of ``acronym``."""
    if bool(CYRILLIC.search(acronym)) != bool(CYRILLIC.search(other)):
        return True
    return sorted(acronym.upper()) == sorted(other.upper())


@cache
def _known_targets(source_lang: str, target_lang: str) -> dict[str, tuple[str, ...]]:
    return {k.source: k.targets for k in known_names(source_lang, target_lang, None)}


@lru_cache(maxsize=4096)  # a source is checked against each of its translations
def _acronyms(text: str) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for token in _ACRONYM.findall(text):
        letters = sum(c.isalpha() for c in token) if token.isupper() else 0
        if letters >= 2 and not _ROMAN.fullmatch(token):
            found[token] = None
    return tuple(found)


def _mostly_capitals(text: str) -> bool:
    """An all-capitals headline has no telling acronyms apart."""
    letters = "".join(filter(str.isalpha, text))
    return sum(map(str.isupper, letters)) > len(letters) / 2
