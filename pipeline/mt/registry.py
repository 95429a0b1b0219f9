"""Engines by name: the ``[tool.pipeline] engine`` setting chooses the one a project uses.

A factory takes the project's settings and the command line's engine flags (each engine reads
the ones it understands) and returns an :class:`~pipeline.mt.engine.Engine`. Built-in engines
are registered as ``"module:function"`` so that choosing one imports it, and nothing imports
any engine's libraries before it translates.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import TYPE_CHECKING

from pipeline.errors import PipelineError

if TYPE_CHECKING:
    from pipeline.config import Settings
    from pipeline.mt.engine import Engine

EngineFactory = Callable[["Settings", Mapping[str, object]], "Engine"]

_factories: dict[str, EngineFactory | str] = {}
_flag_providers: dict[str, str] = {}


def register(name: str, factory: EngineFactory | str, flags: str | None = None) -> None:
    """Make an engine available by ``name``: a factory, or ``"module:function"`` naming one.

    ``flags`` names (``"module:function"``) a light function returning the engine's command-line
    options (click decorators) for ``translate`` and ``run``; its module must not import the
    engine's libraries, since ``pipeline --help`` loads it.
    """
    _factories[name] = factory
    if flags is not None:
        _flag_providers[name] = flags


def engine_flags() -> list[Callable]:
    """Every registered engine's command-line options, in registration order."""
    options: list[Callable] = []
    for provider in _flag_providers.values():
        options += _imported(provider)()
    return options


def known_engines() -> list[str]:
    """The names the ``engine`` setting accepts."""
    return sorted(_factories)


def engine_for(settings: Settings, flags: Mapping[str, object] | None = None) -> Engine:
    """The engine the settings name, made with the command line's engine ``flags``: with more
    than one (a fallback order, an engine per pair), one that routes each pair to its engine."""
    from pipeline.mt.routed import RoutedEngine
    from pipeline.mt.routes import Pair

    order = settings.engine_order
    if len(order) == 1:
        return made_engine(order[0], settings, flags or {})
    engines = [made_engine(name, settings, flags or {}) for name in order]
    preferred = {Pair.parse(pair): name for pair, name in settings.pair_engines}
    return RoutedEngine(engines, preferred)


def made_engine(name: str, settings: Settings, flags: Mapping[str, object] | None = None) -> Engine:
    """The engine registered as ``name``."""
    factory = _factories.get(name)
    if factory is None:
        raise PipelineError(unknown_engine(name))
    if isinstance(factory, str):
        factory = _imported(factory)
    return factory(settings, flags or {})


def _imported(name: str) -> Callable:
    module, function = name.split(":")
    return getattr(import_module(module), function)


def unknown_engine(name: str) -> str:
    """What to say about an ``engine`` setting that names no engine."""
    return f"engine = {name!r} is not an engine; use one of: {', '.join(known_engines())}"


register("argos", "pipeline.mt.argos.engine:create", flags="pipeline.mt.argos.options:cli_flags")
register("apertium", "pipeline.mt.apertium.engine:create")
