"""Names of a source and their counterparts in a translation.

A name is a capitalised word that does not open a sentence and is no capitalised common word of
its language (:class:`pipeline.languages.Names`), or an acronym. Its counterpart in the
translation is found, in this order, through:

- the glossary, and the language data's known pairs ("OTAN" → "NATO", "НАТО");
- CLDR territory names from Babel ("Hungría" → "Hungary", "Венгрия");
- the same spelling, accents aside ("Málaga", "Malaga");
- fuzzy matching (rapidfuzz) of the words, through a transliteration for another script
  (cyrtranslit): "Sevilla" ~ "Seville", "Кавасэ" ~ "Kawase", "Севильи" ~ "Sevilla".

Inflected forms pass: a Russian word is compared by its beginning, and fuzzily.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from pipeline.glossary import Glossary, leading_word
from pipeline.languages import language
from pipeline.qa.text import CYRILLIC

_WORD = re.compile(r"[^\W\d_]+(?:[.'’][^\W\d_]+)*\.?|\d+")
_OPENS_SENTENCE = re.compile(r"(?:[.!?¡¿…:«“\"(—–\-]\s*|\n)$")
_POSSESSIVE = re.compile(r"['’]s$")
# A word this similar to a name (0-100), in the same script and with its first letter, or in
# another script through a transliteration, writes the same name.
SAME_SCRIPT_SIMILARITY = 70
OTHER_SCRIPT_SIMILARITY = 70
MIN_PREFIX = 4  # "Madrid" is the beginning of "Мадридом" (madridom)


class Word(NamedTuple):  # a tuple: check makes some 150 of them per paragraph
    """One word of a text: as written, where it starts, and (for a capitalised word, the only
    kind a sentence start can hide a name in) whether it opens a sentence."""

    text: str
    start: int
    opens_sentence: bool

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()


@lru_cache(maxsize=4096)  # a source is compared with each of its translations
def words(text: str) -> tuple[Word, ...]:
    """The words of ``text`` (and its numbers, which names may contain: "A-4", "iPhone 15")."""
    return tuple(_word(text, match) for match in _WORD.finditer(text))


def _word(text: str, match: re.Match[str]) -> Word:
    written, start = match.group(0).rstrip("."), match.start()
    if "'" in written or "’" in written:
        written = _POSSESSIVE.sub("", written)
    return Word(written, start, written[0].isupper() and _opens(text, start))


def _opens(text: str, start: int) -> bool:
    return bool(_OPENS_SENTENCE.search(text[max(0, start - 3) : start])) or start == 0


def is_acronym(word: Word) -> bool:
    return sum(c.isupper() for c in word.text) >= 2


def is_name(word: Word, lang: str) -> bool:
    """Whether ``word`` is a name: capitalised where a sentence does not start, or an acronym."""
    text = word.text
    if not word.capitalised or len(text) < 2 or text.isdigit():
        return False
    if word.opens_sentence and not is_acronym(word):
        return False
    return text not in common_words(lang)


@cache
def common_words(lang: str) -> frozenset[str]:
    """The capitalised words of ``lang`` that are no names: its data's, and CLDR's months,
    days and language names (English writes "Monday", "March", "Spanish")."""
    data = language(lang)
    found = set(data.names.common if data.names else ())
    locale = _locale(lang)
    if locale is not None:
        for table in (locale.months["format"]["wide"], locale.days["format"]["wide"]):
            found |= {name for name in table.values() if name[:1].isupper()}
        found |= {w for name in locale.languages.values() for w in name.split() if w[:1].isupper()}
    return frozenset(found)


@dataclass(frozen=True)
class Known:
    """A name known in both languages: its source spelling and the target's."""

    source: str
    targets: tuple[str, ...]
    # Looked for in every paragraph, among hundreds of names: kept at hand.
    leading_word: str | None = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "leading_word", leading_word(self.source))


@lru_cache(maxsize=64)  # asked for each paragraph checked
def known_names(source_lang: str, target_lang: str, glossary: Glossary | None) -> tuple[Known, ...]:
    """Names with known counterparts, longest source first: glossary, language data, CLDR."""
    found = [Known(t.source, (t.target,)) for t in glossary.terms] if glossary else []
    found += _known_from_data(source_lang, target_lang)
    return tuple(sorted(found, key=lambda k: len(k.source), reverse=True))


@cache
def _known_from_data(source_lang: str, target_lang: str) -> list[Known]:
    data = language(target_lang).names
    pairs = data.counterparts.get(source_lang, {}) if data else {}
    found = [Known(source, tuple(target.split("|"))) for source, target in pairs.items()]
    source_locale, target_locale = _locale(source_lang), _locale(target_lang)
    if source_locale is not None and target_locale is not None:
        for code, name in source_locale.territories.items():
            target = target_locale.territories.get(code)
            if target and code.isalpha():
                found.append(Known(name, (target,)))
    return found


@cache
def _locale(lang: str):  # noqa: ANN202  (a babel.Locale, imported only when needed)
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


def folded(target: Sequence[Word]) -> list[str]:
    """The words of a text as :func:`find_spelling` compares them (folded once per text, not
    once per name looked for)."""
    return [_fold(w.text) for w in target]


def find_spelling(spelling: str, folded: Sequence[str], lang: str) -> list[int] | None:
    """The indices of the words of a text (``folded``, as :func:`folded` gives them) that write
    ``spelling``, any inflection allowed."""
    parts = _stems(spelling, lang)
    if not parts:
        return None
    for i in range(len(folded) - len(parts) + 1):
        if all(folded[i + k].startswith(part) for k, part in enumerate(parts)):
            return list(range(i, i + len(parts)))
    return None


@lru_cache(maxsize=4096)  # the same known names are looked for in every paragraph
def _stems(spelling: str, lang: str) -> tuple[str, ...]:
    return tuple(_stem(w.text, lang) for w in words(spelling))


def _stem(word: str, lang: str) -> str:
    stem, endings = _fold(word), language(lang).inflected_endings
    while len(stem) > 3 and stem[-1] in endings:
        stem = stem[:-1]
    return stem


def similar(name: str, word: str) -> bool:
    """Whether ``word`` (of the other text) writes ``name``, in any script and inflection."""
    a, b = _latin(name), _latin(word)
    if not a or not b:
        return False
    same_script = bool(CYRILLIC.search(name)) == bool(CYRILLIC.search(word))
    if same_script and a[0] != b[0]:
        return False  # neither a shared beginning nor a similar spelling, below
    if _common_prefix(a, b) >= max(MIN_PREFIX, min(len(a), len(b)) // 2 + 1) or a == b:
        return True  # "Madrid" and "Мадридом", "Vilna" and "Vilnius"
    if same_script:
        return fuzz.ratio(a, b) >= SAME_SCRIPT_SIMILARITY
    return max(fuzz.ratio(a, b), fuzz.ratio(_spanish_sounds(a), b)) >= OTHER_SCRIPT_SIMILARITY


def _common_prefix(a: str, b: str) -> int:
    length = 0
    while length < min(len(a), len(b)) and a[length] == b[length]:
        length += 1
    return length


def best_match(name: str, candidates: Iterable[Word]) -> int | None:
    """The index among ``candidates`` of a word that writes ``name``, or None."""
    for index, word in enumerate(candidates):
        if similar(name, word.text):
            return index
    return None


@lru_cache(maxsize=16384)  # the same words recur from paragraph to paragraph
def _fold(text: str) -> str:
    """Lowercase, without accents (ё is е): how two spellings of a name are compared."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("ё", "е"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _latin(word: str) -> str:
    """A word in Latin letters only, folded: Cyrillic transliterated, other marks dropped."""
    if CYRILLIC.search(word):
        import cyrtranslit

        word = cyrtranslit.to_latin(word, "ru")
    return "".join(c for c in _fold(word) if c.isalpha())


# How Russian writes the sounds of Spanish letters (Juan → Хуан, Girona → Жирона, Sevilla →
# Севилья), for comparing a Spanish name with a transliterated Russian one.
_SPANISH_SOUNDS = (
    ("h", ""), ("ll", "ly"), ("ñ", "ny"), ("qu", "k"), ("j", "kh"), ("ge", "khe"),
    ("gi", "khi"), ("ce", "se"), ("ci", "si"), ("z", "s"), ("c", "k"), ("w", "v"),
)  # fmt: skip


def _spanish_sounds(word: str) -> str:
    for letters, sound in _SPANISH_SOUNDS:
        word = word.replace(letters, sound)
    return word


def is_territory(word: str, lang: str) -> bool:
    """Whether ``word`` writes (the beginning of) a CLDR territory name of ``lang``, inflected."""
    return _fold(word).startswith(_territory_stems(lang))


@cache
def _territory_stems(lang: str) -> tuple[str, ...]:
    locale = _locale(lang)
    if locale is None:
        return ()
    stems = {
        _stem(name.split()[0], lang) for code, name in locale.territories.items() if code.isalpha()
    }
    return tuple(sorted(stems))  # str.startswith takes them all at once
