"""Which language a text is in: py3langid's character n-gram model, restricted to rivals.

Restricting the model to the languages a translation could be confused with (the source,
the targets and their close relatives in the same script) makes it sharper on short texts:
Ukrainian and Bulgarian against Russian, Portuguese, Italian, Catalan and Galician against
Spanish. The model (about 1 s to load) is loaded the first time a text is identified.
"""

from __future__ import annotations

from functools import cache
from typing import Any

RIVALS = (
    "es", "en", "ru", "uk", "be", "bg", "sr", "mk", "kk", "pt", "it", "fr", "ca", "gl", "de",
)  # fmt: skip


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(RIVALS))
    return identifier


def identify(text: str) -> tuple[str, float]:
    """The most likely language of ``text`` among :data:`RIVALS`, and its probability."""
    language, probability = _identifier().classify(text)
    return language, float(probability)
