"""The machine-translation engine interface the translate stage uses.

An engine offers language pairs and translates lists of sentences for one pair; the caller
splits paragraphs into sentences, protects placeholders, and chains pairs for pivot routes
(:mod:`pipeline.mt.routes`). Every machine draft records the engine's name and the identity of
what translated each pair, so that its provenance can be told apart later. Engines are chosen by
name in :mod:`pipeline.mt.registry`; an engine's heavy libraries are imported only when it
translates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, runtime_checkable

from pipeline.errors import PipelineError
from pipeline.mt.routes import Pair

Progress = Callable[[int], None]
"""Called with the number of input sentences translated so far (the last call: all of them)."""


class ModelsUnavailable(PipelineError):
    """What an engine needs for a pair is missing and could not be installed.

    ``translate`` stops on it; ``run`` goes on without translating and exits 3.
    """


class Translator(Protocol):
    """Translates sentences from one language to another."""

    def translate(
        self,
        sentences: Sequence[str],
        on_progress: Progress | None = None,
        finished: dict[str, str] | None = None,
    ) -> list[str]:
        """Translations of ``sentences``, in the same order, one per sentence.

        ``finished``, if given, is filled with sentence → translation as work completes, so that
        an interrupted call still yields what it finished.
        """
        ...


class Engine(Protocol):
    """A machine-translation engine: the pairs it offers and a translator for each."""

    @property
    def name(self) -> str:
        """The engine's name, as the ``engine`` setting and the provenance record give it."""
        ...

    def pairs(self) -> frozenset[Pair]:
        """The pairs it can translate now (installed), without loading any model."""
        ...

    def ensure(self, pairs: Sequence[Pair]) -> None:
        """Raise :class:`ModelsUnavailable`, saying how to get them, when ``pairs`` lack a model."""
        ...

    def install(self) -> list[str]:
        """Install what the project's languages need; one line per model, for the user.

        Raises PipelineError (saying what to do) when it cannot.
        """
        ...

    def identity(self, pair: Pair) -> str:
        """What translates ``pair``, for the provenance record (e.g. ``code@version``)."""
        ...

    def translator(self, pair: Pair) -> Translator:
        """The translator of ``pair``, made (and its model loaded) once per engine."""
        ...


@runtime_checkable
class Preloading(Protocol):
    """An engine that can load models ahead of their first sentence."""

    def preload(self, pairs: Iterable[Pair]) -> None:
        """Start loading what translating ``pairs`` needs, in the background, and return.

        A later ``translator`` call waits for it; a model that cannot load says so there, not
        here.
        """
        ...
