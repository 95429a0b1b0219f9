"""A stand-in engine for testing the orchestration rules without a model.

It marks each sentence with the target language, so a test can see exactly which text went
through which leg: es "Hola." → en "[en] Hola." → ru "[ru] [en] Hola.".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence


class Interrupted(Exception):
    """Raised by the engine to simulate a crash or Ctrl-C in the middle of a run."""


class MarkingEngines:
    """An engine provider: one marking translator per pair, and a log of every call.

    With ``fail_after``, the call that would take the total past that many sentences raises.
    """

    def __init__(self, fail_after: int | None = None):
        self.calls: list[tuple[tuple[str, str], list[str]]] = []
        self.fail_after = fail_after
        self._engines: dict[tuple[str, str], MarkingTranslator] = {}

    def __call__(self, pair: tuple[str, str]) -> MarkingTranslator:
        return self._engines.setdefault(pair, MarkingTranslator(pair, self))

    @property
    def sentences(self) -> int:
        return sum(len(sentences) for _pair, sentences in self.calls)


class MarkingTranslator:
    """Prefixes every sentence with ``[to]``."""

    def __init__(self, pair: tuple[str, str], log: MarkingEngines):
        self.pair = pair
        self.from_code, self.to_code = pair
        self.identity = f"fake-{pair[0]}_{pair[1]}@1.0"
        self._log = log

    def translate(
        self, sentences: Sequence[str], on_progress: Callable[[int], None] | None = None
    ) -> list[str]:
        limit = self._log.fail_after
        if limit is not None and self._log.sentences + len(sentences) > limit:
            raise Interrupted(f"engine stopped after {self._log.sentences} sentences")
        self._log.calls.append((self.pair, list(sentences)))
        if on_progress is not None and sentences:
            on_progress(len(sentences))
        return [f"[{self.pair[1]}] {sentence}" for sentence in sentences]
