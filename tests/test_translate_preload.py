"""Models start loading while the rest of the run is planned, and only when there is work."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from fake_engine import MarkingEngines

from pipeline import api
from pipeline.mt.routes import Pair
from pipeline.translate.executors import ExecutorChoice
from pipeline.translate.run import _preloading

ES_EN, EN_RU = Pair("es", "en"), Pair("en", "ru")


class PreloadingEngines(MarkingEngines):
    """Records each ``preload`` call with how many sentences had been translated by then."""

    def __init__(self) -> None:
        super().__init__()
        self.preloaded: list[tuple[Pair, int]] = []

    def preload(self, pairs: Iterable[Pair]) -> None:
        self.preloaded += [(pair, self.sentences) for pair in pairs]


def test_every_pair_on_the_routes_is_preloaded_before_a_sentence_is_translated(project: Path):
    engine = PreloadingEngines()

    api.translate(project, engine=engine)

    assert {pair for pair, _done in engine.preloaded} == {ES_EN, EN_RU}  # Russian pivots
    assert all(done == 0 for _pair, done in engine.preloaded)
    assert engine.sentences > 0


def test_an_unchanged_project_preloads_nothing(project: Path):
    api.translate(project, engine=PreloadingEngines())
    engine = PreloadingEngines()

    api.translate(project, engine=engine)

    assert engine.preloaded == []
    assert engine.sentences == 0


def test_models_running_elsewhere_are_not_preloaded_in_the_driver():
    engine = PreloadingEngines()

    assert _preloading(engine, ExecutorChoice(kind="ray")) is None
    assert _preloading(MarkingEngines(), ExecutorChoice()) is None  # an engine that cannot
    assert _preloading(engine, ExecutorChoice()) is not None
