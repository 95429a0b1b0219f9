"""The Argos engine: the pairs its installed packages offer, and one translator per pair."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pipeline.config import Settings
from pipeline.mt.argos import packages
from pipeline.mt.argos.options import EngineOptions
from pipeline.mt.argos.translator import ArgosTranslator
from pipeline.mt.routes import Pair


class ArgosEngine:
    """Argos Translate packages, each model loaded once and only when first needed."""

    name = "argos"

    def __init__(self, settings: Settings, options: EngineOptions | None = None) -> None:
        self.settings = settings
        self.options = options or EngineOptions()
        self._translators: dict[Pair, ArgosTranslator] = {}

    def pairs(self) -> frozenset[Pair]:
        return packages.installed_pairs()

    def ensure(self, pairs: Sequence[Pair]) -> None:
        packages.ensure_installed(self.settings, pairs)

    def install(self) -> list[str]:
        return [str(result) for result in packages.install_packages(self.settings)]

    def identity(self, pair: Pair) -> str:
        return str(self.translator(pair).identity)

    def translator(self, pair: Pair) -> ArgosTranslator:
        if pair not in self._translators:
            from_code, to_code = pair
            self._translators[pair] = ArgosTranslator(from_code, to_code, self.options)
        return self._translators[pair]


def create(settings: Settings, flags: Mapping[str, object]) -> ArgosEngine:
    """The engine the command line's engine flags (``--beam-size`` ...) describe."""
    return ArgosEngine(settings, EngineOptions.from_flags(flags))
