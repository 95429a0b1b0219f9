"""A stand-in engine for testing the orchestration rules without a model.

It marks each sentence with the target language, so a test can see exactly which text went
through which leg: es "Hola." → en "[en] Hola." → ru "[ru] [en] Hola.".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pipeline.mt.routes import Pair
from pipeline.translate import LocalExecutor


class Interrupted(Exception):
    """Raised by the engine to simulate a crash or Ctrl-C in the middle of a run."""


class MarkingEngines:
    """An engine offering es→en and en→ru: one marking translator per pair, a log of every call.

    With ``fail_after``, the engine raises when it has translated that many sentences in all.
    """

    name = "marking"

    def __init__(self, fail_after: int | None = None):
        self.calls: list[tuple[tuple[str, str], list[str]]] = []
        self.fail_after = fail_after
        self._engines: dict[tuple[str, str], MarkingTranslator] = {}

    def pairs(self) -> frozenset[Pair]:
        return frozenset({Pair("es", "en"), Pair("en", "ru")})

    def ensure(self, pairs: Sequence[Pair]) -> None:
        pass

    def install(self) -> list[str]:
        return []

    def identity(self, pair: tuple[str, str]) -> str:
        return f"fake-{pair[0]}_{pair[1]}@1.0"

    def translator(self, pair: tuple[str, str]) -> MarkingTranslator:
        return self._engines.setdefault(pair, MarkingTranslator(pair, self))

    @property
    def sentences(self) -> int:
        return sum(len(sentences) for _pair, sentences in self.calls)


class MarkingTranslator:
    """Prefixes every sentence with ``[to]``."""

    def __init__(self, pair: tuple[str, str], log: MarkingEngines):
        self.pair = pair
        self._log = log

    def translate(
        self,
        sentences: Sequence[str],
        on_progress: Callable[[int], None] | None = None,
        finished: dict[str, str] | None = None,
    ) -> list[str]:
        """Marks sentence by sentence; past ``fail_after`` in all, raises mid-call."""
        limit = self._log.fail_after
        outputs: list[str] = []
        done: list[str] = []
        self._log.calls.append((self.pair, done))
        for sentence in sentences:
            if limit is not None and self._log.sentences >= limit:
                raise Interrupted(f"engine stopped after {self._log.sentences} sentences")
            done.append(sentence)
            outputs.append(f"[{self.pair[1]}] {sentence}")
            if finished is not None:
                finished[sentence] = outputs[-1]
            if on_progress is not None:
                on_progress(len(outputs))
        return outputs


class WatchingEngines(MarkingEngines):
    """Marking engines that call ``watch`` with the sentences as each engine call starts."""

    def __init__(self, watch: Callable[[Sequence[str]], None]) -> None:
        super().__init__()
        self._watch = watch

    def translator(self, pair):
        translator = super().translator(pair)
        watch = self._watch

        class Watched:
            def translate(self, sentences, *args):
                watch(sentences)
                return translator.translate(sentences, *args)

        return Watched()


class EditingEngines(WatchingEngines):
    """Marking engines that call ``edit`` once, just before their second engine call: a person
    saving a catalog while a run is under way (run them with :class:`OneWindowAtATime`)."""

    def __init__(self, edit: Callable[[], None]) -> None:
        super().__init__(self._edit_before_the_second_call)
        self._edit: Callable[[], None] | None = edit

    def _edit_before_the_second_call(self, _sentences: Sequence[str]) -> None:
        if len(self.calls) == 1 and self._edit is not None:
            self._edit()
            self._edit = None


class ShoutingEngine:
    """An engine offering ``pairs`` whose drafts are each sentence in capitals (so what it saw is
    plain to see, logged in ``seen``); ``dropping``: every sentence "SIN NADA." instead."""

    def __init__(self, name: str, pairs: Sequence[Pair], dropping: bool = False) -> None:
        self.name = name
        self._pairs = frozenset(pairs)
        self.dropping = dropping
        self.calls = 0
        self.seen: list[str] = []

    def pairs(self) -> frozenset[Pair]:
        return self._pairs

    def ensure(self, pairs: Sequence[Pair]) -> None:
        pass

    def install(self) -> list[str]:
        return []

    def identity(self, pair: Pair) -> str:
        return f"{self.name}@1"

    def translator(self, pair: Pair) -> ShoutingEngine:
        return self

    def translate(self, sentences, on_progress=None, finished=None) -> list[str]:
        self.calls += 1
        self.seen += sentences
        if self.dropping:
            return ["SIN NADA." for _ in sentences]
        return [sentence.upper() for sentence in sentences]


def registered_shouting(monkeypatch, name: str = "shouting", *, dropping: bool = False):  # noqa: ANN001
    """A :class:`ShoutingEngine` (es→en, en→ru) registered as ``name`` for this test only."""
    from pipeline.mt import registry

    monkeypatch.setattr(registry, "_factories", dict(registry._factories))
    engine = ShoutingEngine(name, [Pair("es", "en"), Pair("en", "ru")], dropping=dropping)
    registry.register(name, lambda settings, flags: engine)
    return engine


class OneWindowAtATime(LocalExecutor):
    """The local executor, its windows one after the other: the engines' edits land between two
    of the run's saves, not at the same moment as one (as a person's editor saving in the very
    millisecond of a save would, which no check-then-rename can tell)."""

    windows_at_once = 1
