"""What the pipeline knows about each language, one module per language.

Each module of this package (``es.py``, ``en.py``, ``ru.py``, ...) defines ``LANGUAGE``, a
:class:`Language` holding everything language-specific: plural forms, number formats and words,
abbreviations, its name, and what the quality checks need (script, quote style, ...). Modules are
found by listing the package, so adding a language is adding one file. A code without a module
gets :func:`language`'s defaults: its code as its name and no data, which every user of a field
reads as "nothing known" (and falls back as it documents).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from pipeline.languages.model import Abbreviations, Language, NumberFormat

__all__ = [
    "Abbreviations",
    "Language",
    "NumberFormat",
    "known_languages",
    "language",
    "text_direction",
]


# Modules of this package that hold no language: the data's shape, and the morphology helpers.
_NOT_LANGUAGES = frozenset({"model", "morphology"})


@cache
def known_languages() -> dict[str, Language]:
    """Every language with a module in this package, by code (read once)."""
    found = {}
    for module in pkgutil.iter_modules(__path__):
        if module.name in _NOT_LANGUAGES:
            continue
        data: Language = importlib.import_module(f"{__name__}.{module.name}").LANGUAGE
        found[data.code] = data
    return found


def language(code: str) -> Language:
    """The language ``code`` (exactly as written), or an empty one named by its code."""
    return known_languages().get(code) or Language(code=code, name=code)


@cache
def text_direction(code: str) -> str:
    """``"ltr"`` or ``"rtl"``, the direction CLDR (through Babel) gives the language's script;
    ``"ltr"`` for a code CLDR does not know."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code, sep="-").text_direction
    except (UnknownLocaleError, ValueError):
        return "ltr"
