"""Several engines as one: each language pair translated by the first engine that offers it.

A project names an order of engines (``engine = ["argos", "apertium"]``) and, per pair, the one
to try first (``engines = {"es-en" = "apertium"}``). Routes are made from every engine's pairs
together, so Russian still pivots through English whichever engine made the English; each leg's
provenance names the engine that translated it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from pipeline.errors import PipelineError
from pipeline.mt.engine import Engine, ModelsUnavailable, Preloading, Translator
from pipeline.mt.routes import Pair


class RoutedEngine:
    """``engines`` in order of preference; ``preferred`` names the first to try for a pair."""

    def __init__(self, engines: Sequence[Engine], preferred: Mapping[Pair, str]) -> None:
        self.engines = list(engines)
        self.preferred = dict(preferred)
        # Each pair's engine, chosen once: asking every engine for its pairs may read the disk
        # (Argos lists its packages), and the driver asks per draft. Installing clears it.
        self._chosen: dict[Pair, Engine] = {}

    @property
    def name(self) -> str:
        return "+".join(engine.name for engine in self.engines)

    def engine_of(self, pair: Pair) -> Engine:
        """The engine that translates ``pair``: the first, in this pair's order, offering it;
        when none does, the first in that order (whose ``ensure`` says how to get it)."""
        if pair not in self._chosen:
            ordered = self._order(pair)
            offering = (engine for engine in ordered if pair in engine.pairs())
            self._chosen[pair] = next(offering, ordered[0])
        return self._chosen[pair]

    def pairs(self) -> frozenset[Pair]:
        return frozenset().union(*(engine.pairs() for engine in self.engines))

    def ensure(self, pairs: Sequence[Pair]) -> None:
        problems: list[str] = []
        for pair in pairs:
            try:
                self.engine_of(pair).ensure([pair])
            except ModelsUnavailable as missing:
                problems.append(str(missing))
        if problems:
            raise ModelsUnavailable("\n".join(dict.fromkeys(problems)))

    def install(self) -> list[str]:
        """What each engine installed; the engines that could not install say why at the end."""
        self._chosen.clear()
        lines: list[str] = []
        problems: list[str] = []
        for engine in self.engines:
            try:
                lines += engine.install()
            except PipelineError as exc:
                problems.append(str(exc))
        if problems and not lines:
            raise PipelineError("\n".join(problems))
        return lines + [f"warning: {problem}" for problem in problems]

    def identity(self, pair: Pair) -> str:
        return self.engine_of(pair).identity(pair)

    def translator(self, pair: Pair) -> Translator:
        return self.engine_of(pair).translator(pair)

    def preload(self, pairs: Iterable[Pair]) -> None:
        for pair in pairs:
            engine = self.engine_of(pair)
            if isinstance(engine, Preloading):
                engine.preload([pair])

    def _order(self, pair: Pair) -> list[Engine]:
        first = self.preferred.get(pair)
        return sorted(self.engines, key=lambda engine: engine.name != first)


def leg_engines(engine: Engine, legs: Sequence[Pair]) -> str:
    """The name of what translated ``legs`` for a provenance record: each leg's engine when
    ``engine`` routes pairs to several (``apertium+argos``), else the engine's own name."""
    if not isinstance(engine, RoutedEngine):
        return engine.name
    return "+".join(dict.fromkeys(engine.engine_of(pair).name for pair in legs))
