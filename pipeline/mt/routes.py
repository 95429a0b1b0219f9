"""Language pairs, and the one route from the source to each target, fed by what an engine offers.

An engine need not offer every pair (Argos Translate has es→en and en→ru, not es→ru), so a
target without a direct pair is reached through the pivot language: es→en, then en→ru. The
translate stage routes with the pairs the engine has installed, and installing asks for the
pairs the routes need given what can be installed, through the same :func:`route`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from typing import NamedTuple

from pipeline.errors import PipelineError

# "es→en", "es->en", "es_en", "es:en", "es-en", with or without the "translate-" of package codes.
_PAIR_PATTERN = re.compile(r"^(?:translate-)?([a-z]{2,3})\s*(?:→|->|_|:|-)\s*([a-z]{2,3})$")


class Pair(NamedTuple):
    """A translation direction; a tuple, so ``("es", "en")`` is the same pair."""

    from_code: str
    to_code: str

    def __str__(self) -> str:
        return f"{self.from_code}→{self.to_code}"

    @classmethod
    def parse(cls, text: str) -> Pair:
        """Read a pair as users write it: ``es→en``, ``es-en``, ``es_en`` or ``translate-es_en``."""
        match = _PAIR_PATTERN.match(text.strip().lower())
        if match is None:
            raise PipelineError(
                f"{text!r} is not a language pair: write it as source and target codes, "
                "e.g. es-en or es→en"
            )
        return cls(match.group(1), match.group(2))


def route(source: str, target: str, pivot: str, available: Collection[Pair]) -> tuple[Pair, ...]:
    """The pairs that translate ``source`` into ``target``, in the order they are applied.

    A direct pair is preferred whenever one is ``available`` (installed, or offered by a package
    index); otherwise the route goes through ``pivot``. Translating into the source itself needs
    nothing.
    """
    if target == source:
        return ()
    direct = Pair(source, target)
    if direct in available or pivot in (source, target):
        return (direct,)
    return (Pair(source, pivot), Pair(pivot, target))


def required_packages(
    source: str, targets: Iterable[str], pivot: str, available: Collection[Pair] = frozenset()
) -> list[Pair]:
    """Every pair the routes to ``targets`` need, each once, in the order first needed."""
    needed: dict[Pair, None] = {}
    for target in targets:
        needed.update(dict.fromkeys(route(source, target, pivot, available)))
    return list(needed)
