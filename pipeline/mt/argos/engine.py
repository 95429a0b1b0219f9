"""The Argos engine: the pairs its installed packages offer, and one translator per pair."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Mapping, Sequence

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
        self._making = threading.Lock()  # a preloading thread and the run make translators
        self._preloading: set[Pair] = set()

    def pairs(self) -> frozenset[Pair]:
        return packages.installed_pairs()

    def ensure(self, pairs: Sequence[Pair]) -> None:
        packages.ensure_installed(self.settings, pairs)

    def install(self) -> list[str]:
        return [str(result) for result in packages.install_packages(self.settings)]

    def identity(self, pair: Pair) -> str:
        return str(self.translator(pair).identity)

    def translator(self, pair: Pair) -> ArgosTranslator:
        with self._making:
            if pair not in self._translators:
                from_code, to_code = pair
                self._translators[pair] = ArgosTranslator(from_code, to_code, self.options)
            return self._translators[pair]

    def preload(self, pairs: Iterable[Pair]) -> None:
        """Load the models of ``pairs`` in background threads: importing CTranslate2, reading
        the package and loading the model (a quarter of a second for a small model) then overlap
        the plan's sentence splitting instead of following it (issue 16)."""
        for pair in pairs:
            if pair not in self._preloading:
                self._preloading.add(pair)
                name = f"preload {pair[0]}→{pair[1]}"
                threading.Thread(target=self._load, args=(pair,), name=name, daemon=True).start()

    def _load(self, pair: Pair) -> None:
        # whatever fails here fails again where the run asks for the model, and says so there
        with contextlib.suppress(Exception):
            self.translator(pair).load()


def create(settings: Settings, flags: Mapping[str, object]) -> ArgosEngine:
    """The engine the command line's engine flags (``--beam-size`` ...) describe."""
    return ArgosEngine(settings, EngineOptions.from_flags(flags))
