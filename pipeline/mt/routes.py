"""Language pairs and the routes of packages that translate from the source to each target.

Argos Translate has no package for every pair (es→en and en→ru exist, es→ru does not), so a
target without a direct package is reached through the pivot language: es→en, then en→ru.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from pipeline.errors import PipelineError

# "es→en", "es->en", "es_en", "es:en", "es-en", with or without the "translate-" of package codes.
_PAIR_PATTERN = re.compile(r"^(?:translate-)?([a-z]{2,3})\s*(?:→|->|_|:|-)\s*([a-z]{2,3})$")


@dataclass(frozen=True, order=True)
class Pair:
    """A translation direction, as one Argos package covers it."""

    from_code: str
    to_code: str

    def __str__(self) -> str:
        return f"{self.from_code}→{self.to_code}"

    @property
    def package_code(self) -> str:
        """The name Argos gives the package of this pair, e.g. ``translate-es_en``."""
        return f"translate-{self.from_code}_{self.to_code}"

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
    """The packages that translate ``source`` into ``target``, in the order they are applied.

    A direct package is preferred whenever one is ``available`` (installed or offered by the
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
    """Every package the routes to ``targets`` need, each once, in the order first needed."""
    needed: dict[Pair, None] = {}
    for target in targets:
        needed.update(dict.fromkeys(route(source, target, pivot, available)))
    return list(needed)
