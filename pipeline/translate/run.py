"""The translate run, in the driver: plan, models checked, windows executed, drafts applied."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager

import pipeline.translate.settled as settled
from pipeline.config import Settings
from pipeline.errors import PipelineError
from pipeline.mt.engine import Engine, ModelsUnavailable, Preloading
from pipeline.mt.routes import route
from pipeline.segment import Document
from pipeline.stamps import Stamps
from pipeline.tm import memory as tm
from pipeline.tm.index import load_memory
from pipeline.translate.apply import Drafts, Outcome
from pipeline.translate.execute import (
    WINDOW_LIMITS,
    Executor,
    LocalExecutor,
    Memory,
    Window,
    WindowSizer,
    windows,
)
from pipeline.translate.executors import ExecutorChoice, opened_executor
from pipeline.translate.in_flight import WindowsInFlight
from pipeline.translate.plan import Job, Plan, plan_translation

SAVE_INTERVAL_SECONDS = 5.0

ProgressFactory = Callable[[int], AbstractContextManager[Callable[[int], None]]]


def translate_documents(
    settings: Settings,
    documents: Sequence[Document],
    langs: Sequence[str],
    engine: Engine,
    progress: ProgressFactory,
    *,
    install: Callable[[str], None] | None = None,
    executor: ExecutorChoice | None = None,
    engine_flags: Mapping[str, object] | None = None,
) -> Outcome:
    """Draft every entry that needs it; models are checked (and loaded) only if any does.

    A missing model raises :class:`ModelsUnavailable` before anything is translated. With
    ``install``, missing models are installed first, each line the engine reports passed to it.
    ``executor`` says where the models run (default: the project's setting); a remote one is
    given ``engine_flags`` to make the engine on its workers.
    """
    memory = functools.cache(functools.partial(load_memory, settings))
    stamps = Stamps(settings, "translate")
    choice = executor or ExecutorChoice.of(settings)
    plan = plan_translation(
        settings, documents, langs, engine, memory, stamps, _preloading(engine, choice)
    )
    if not plan.jobs and not plan.reused:
        stamps.save()
        return Outcome()
    if install is not None and plan.jobs:
        plan = _install_missing(settings, documents, langs, engine, plan, install, memory, stamps)
    if plan.jobs:
        engine.ensure(plan.pairs)
        with (
            opened_executor(choice, engine, settings, engine_flags) as runner,
            progress(plan.sentences) as advance,
        ):
            outcome = run_plan(
                plan,
                engine,
                on_progress=advance,
                executor=runner,
                accept_memory=settings.tm_accept_exact,
            )
    else:  # only memory matches: no model, no executor
        outcome = run_plan(plan, engine, accept_memory=settings.tm_accept_exact)
    extracted = Stamps(settings, "extract")
    settled.record_run(settings, plan, stamps, extracted)
    stamps.save()
    extracted.save()
    return outcome


def _preloading(engine: Engine, choice: ExecutorChoice) -> Callable[[Job], None] | None:
    """What starts loading a job's models while the rest is planned: for models that run in
    this process, and with an engine that can."""
    if choice.kind != "local" or not isinstance(engine, Preloading):
        return None
    return lambda job: engine.preload(job.legs)


def languages_with_models(settings: Settings, engine: Engine) -> list[str]:
    """The target languages whose every pair on the route has a model the engine can use now."""
    offered = engine.pairs()
    source, pivot = settings.source_language, settings.pivot_language
    ready = []
    for lang in settings.target_languages:
        try:
            engine.ensure(route(source, lang, pivot, offered))
        except ModelsUnavailable:
            continue
        ready.append(lang)
    return ready


def _install_missing(
    settings: Settings,
    documents: Sequence[Document],
    langs: Sequence[str],
    engine: Engine,
    plan: Plan,
    report: Callable[[str], None],
    memory: Callable[[], tm.Memory],
    stamps: Stamps,
) -> Plan:
    """The plan once the engine installed what was missing; planned again, as a newly installed
    model may open a direct route."""
    try:
        engine.ensure(plan.pairs)
        return plan
    except ModelsUnavailable:
        pass
    try:
        for line in engine.install():
            report(line)
    except PipelineError as exc:
        try:
            engine.ensure(plan.pairs)
        except ModelsUnavailable as missing:
            raise ModelsUnavailable(f"{exc}\n{missing}") from exc
        return plan
    return plan_translation(settings, documents, langs, engine, memory, stamps)


def run_plan(
    plan: Plan,
    engine: Engine,
    *,
    on_progress: Callable[[int], None] | None = None,
    window_sentences: int | None = None,
    save_interval: float = SAVE_INTERVAL_SECONDS,
    executor: Executor | None = None,
    accept_memory: bool = False,
) -> Outcome:
    """Translate every job of the plan; catalogs are saved as work completes, even on errors.

    ``window_sentences`` fixes the window size; by default it adapts to the speed seen.
    ``executor`` runs the legs (by default the engine's translators, in this process); the
    engine still names what made each draft in its provenance. Entries the plan found in the
    memory are filled first, as drafts (reviewed with ``accept_memory``).
    """
    executor = executor if executor is not None else LocalExecutor(engine)
    outcome = Outcome()
    drafts = Drafts(plan, engine, outcome)
    drafts.add_reused(accept_memory)
    sizer = WindowSizer(window_sentences, getattr(executor, "max_window", WINDOW_LIMITS[1]))
    memory = Memory()
    started = last_save = time.monotonic()

    def progressed(sentences: int) -> None:
        sizer.progressed(sentences)
        if on_progress is not None:
            on_progress(sentences)

    def finished(window: Window) -> None:
        nonlocal last_save
        completed = _apply(window, drafts, outcome)
        sizer.resize()
        # the first window is saved at once, so that a run killed early keeps its first work
        due = last_save == started or time.monotonic() - last_save >= save_interval
        drafts.save(range(len(plan.targets)) if due else completed)
        if due:
            last_save = time.monotonic()

    try:
        with WindowsInFlight(executor, progressed) as flight:
            try:
                for indexes in windows(plan.jobs, sizer):
                    flight.start(Window({i: plan.jobs[i] for i in indexes}, memory))
                    if flight.full():
                        _finish_oldest(flight, finished, drafts, outcome)
                while flight:
                    _finish_oldest(flight, finished, drafts, outcome)
            finally:
                for window in flight.stop():  # interrupted: keep what they finished
                    _apply(window, drafts, outcome)
    finally:
        drafts.close()
        outcome.seconds = time.monotonic() - started
    return outcome


def _finish_oldest(
    flight: WindowsInFlight,
    finished: Callable[[Window], None],
    drafts: Drafts,
    outcome: Outcome,
) -> None:
    """Wait for the oldest window and save it; one that failed or was interrupted still drafts
    what it finished before the error goes on."""
    window = flight.oldest()
    try:
        flight.finish()
    except BaseException:
        _apply(window, drafts, outcome)
        raise
    finished(window)


def _apply(window: Window, drafts: Drafts, outcome: Outcome) -> list[int]:
    """Draft what the window finished; returns the targets it completed."""
    outcome.sentences += window.sentences
    completed: dict[int, None] = {}
    for index, masked, machine_pivot in window.done():
        target = drafts.add(index, masked, machine_pivot)
        if drafts.is_complete(target):
            completed[target] = None
    return list(completed)
