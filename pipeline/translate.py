"""The translate stage: machine drafts into the catalogs, in batches, never over people's work.

Work is planned first from the catalogs alone (no model is loaded, and ctranslate2 is not even
imported, when there is nothing to do), then streamed through the engine window by window: each
window holds whole paragraphs of ~``window_sentences`` sentences, every leg of every route is one
batched engine call per window, and finished drafts are written into the catalogs, which are saved
atomically when a document is done and every few seconds, so an interruption loses little.
"""

from __future__ import annotations

import functools
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

import polib

from pipeline.catalog_save import EntryKey, TrackedCatalog, entry_key, read_bytes
from pipeline.config import Settings
from pipeline.drafts import Reason, draft_reason, source_digest
from pipeline.errors import PipelineError
from pipeline.glossary import Glossary, load_glossary
from pipeline.locales import read_if_present
from pipeline.mt import routes
from pipeline.mt.engine import Engine, ModelsUnavailable
from pipeline.mt.layout import protect_paragraph, restore_paragraph, split_sentences_exactly
from pipeline.protect import Protected
from pipeline.provenance import Provenance, digest
from pipeline.segment import Document
from pipeline.units import is_reviewed, live_entries, set_machine_draft

SAVE_INTERVAL_SECONDS = 5.0
# A window is the work lost to an interruption, and the pool one length-sorted batching draws
# from: sized to take about WINDOW_SECONDS at the measured speed, within these bounds.
WINDOW_SECONDS = 10.0
FIRST_WINDOW_SENTENCES = 8  # small, so that a first save comes seconds after the start
WINDOW_LIMITS = (16, 1024)

Pair = routes.Pair
ProgressFactory = Callable[[int], AbstractContextManager[Callable[[int], None]]]


@dataclass
class Target:
    """One catalog being filled: saved when its last job is done, or on the periodic save.

    Drafts wait in ``pending`` until a save, which goes through :mod:`pipeline.catalog_save`:
    if someone saved the file since the run read it (a reviewer in Poedit, ``pipeline review``),
    the drafts go into what is on disk now, and only into entries still as they were planned;
    everything else a person changed, header and comments included, is kept as they saved it.
    """

    file: TrackedCatalog
    lang: str
    remaining: int = 0
    pending: dict[EntryKey, tuple[str, Provenance]] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)  # entries a person changed meanwhile

    @property
    def display(self) -> str:
        return self.file.display

    def plan(self, entry: polib.POEntry) -> None:
        self.file.adopt([entry_key(entry)])

    def draft(self, entry: polib.POEntry, text: str, record: Provenance) -> None:
        self.pending[entry_key(entry)] = (text, record)

    def save(self) -> None:
        if not self.pending:
            return
        changes = {
            key: functools.partial(set_machine_draft, translation=text, record=record)
            for key, (text, record) in self.pending.items()
        }
        self.pending = {}
        self.conflicts += [
            f"{changed.describe(self.display)}: changed by someone else during the run; "
            "their version is kept and no draft was written there"
            for changed in self.file.save(changes)
        ]


@dataclass
class Job:
    """One entry to draft: its text goes through ``route`` (a list of language pairs)."""

    target: Target
    entry: polib.POEntry
    reason: Reason
    languages: tuple[str, ...]  # the whole route, e.g. ("es", "en", "ru")
    legs: tuple[Pair, ...]  # the pairs this job runs: the route, less a reviewed pivot's leg
    protected: Protected
    reviewed_pivot: str | None = None  # the reviewed pivot text this draft starts from
    sentence_count: int = 0


@dataclass
class Plan:
    """Everything a run would do, computed from the catalogs without loading any model."""

    targets: list[Target] = field(default_factory=list)
    jobs: list[Job] = field(default_factory=list)

    @property
    def pairs(self) -> list[Pair]:
        """The language pairs the plan needs, in first-use order."""
        seen: dict[Pair, None] = {}
        for job in self.jobs:
            seen.update(dict.fromkeys(job.legs))
        return list(seen)

    @property
    def sentences(self) -> int:
        """Sentences the engines will see, counting each leg (the second leg estimated)."""
        return sum(job.sentence_count * len(job.legs) for job in self.jobs)


@dataclass
class Outcome:
    """What a run did, for the summary line and warnings."""

    drafted: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    warnings: list[str] = field(default_factory=list)
    sentences: int = 0
    seconds: float = 0.0


class _Routes:
    """Each language's route (:func:`routes.route`, fed by the pairs the engine has installed).

    The engine is asked for its pairs only once an entry needs a route, so that a run with
    nothing to do touches nothing of the engine's.
    """

    def __init__(self, settings: Settings, engine: Engine) -> None:
        self._settings = settings
        self._engine = engine
        self._offered: frozenset[Pair] | None = None
        self._routes: dict[str, tuple[Pair, ...]] = {}

    def __call__(self, lang: str) -> tuple[Pair, ...]:
        if lang not in self._routes:
            if self._offered is None:
                self._offered = self._engine.pairs()
            source, pivot = self._settings.source_language, self._settings.pivot_language
            self._routes[lang] = routes.route(source, lang, pivot, self._offered)
        return self._routes[lang]


def plan_translation(
    settings: Settings, documents: Sequence[Document], langs: Sequence[str], engine: Engine
) -> Plan:
    """Read each catalog and decide which entries get a machine draft, routed by ``engine``."""
    plan = Plan()
    route_to = _Routes(settings, engine)
    glossaries = {lang: load_glossary(settings.glossary, lang) for lang in langs}
    pivot = settings.pivot_language
    for document in documents:
        catalogs = {
            lang: read_if_present(settings, settings.catalog_path(document.doc_id, lang))
            for lang in dict.fromkeys([*langs, pivot])
        }
        reviewed_pivot = {
            e.msgid: e.msgstr for e in live_entries(catalogs[pivot] or []) if is_reviewed(e)
        }
        for lang in langs:
            catalog = catalogs[lang]
            if catalog is None:
                continue
            path = settings.catalog_path(document.doc_id, lang)
            seen = read_bytes(path)  # read again, beside the parse: the base for later saves
            target = Target(TrackedCatalog(path, settings.relative(path), catalog, seen), lang)
            for entry in catalog:
                pivot_text = reviewed_pivot.get(entry.msgid) if lang != pivot else None
                if pivot_text is not None and len(route_to(lang)) == 1:
                    pivot_text = None  # a direct route does not start from the pivot
                reason = draft_reason(entry, pivot_text)
                if reason is None:
                    continue
                legs = route_to(lang)
                plan.jobs.append(_job(target, entry, reason, legs, pivot_text, glossaries[lang]))
                target.plan(entry)
                target.remaining += 1
            plan.targets.append(target)
    return plan


def _job(
    target: Target,
    entry: polib.POEntry,
    reason: Reason,
    legs: tuple[Pair, ...],
    reviewed_pivot: str | None,
    glossary: Glossary,
) -> Job:
    languages = (legs[0][0],) + tuple(to for _from, to in legs)
    if reviewed_pivot is not None:
        # A person's pivot-language text is better input than a fresh machine draft.
        legs = legs[1:]
    text = reviewed_pivot if reviewed_pivot is not None else entry.msgid
    protected = protect_paragraph(text, glossary.find(text))
    count = len(split_sentences_exactly(protected.text, legs[0][0]).sentences)
    return Job(target, entry, reason, languages, legs, protected, reviewed_pivot, count)


def translate_documents(
    settings: Settings,
    documents: Sequence[Document],
    langs: Sequence[str],
    engine: Engine,
    progress: ProgressFactory,
    *,
    install: Callable[[str], None] | None = None,
) -> Outcome:
    """Draft every entry that needs it; models are checked (and loaded) only if any does.

    A missing model raises :class:`ModelsUnavailable` before anything is translated. With
    ``install``, missing models are installed first, each line the engine reports passed to it.
    """
    plan = plan_translation(settings, documents, langs, engine)
    if not plan.jobs:
        return Outcome()
    if install is not None:
        plan = _install_missing(settings, documents, langs, engine, plan, install)
    engine.ensure(plan.pairs)
    with progress(plan.sentences) as advance:
        return run_plan(plan, engine, on_progress=advance)


def _install_missing(
    settings: Settings,
    documents: Sequence[Document],
    langs: Sequence[str],
    engine: Engine,
    plan: Plan,
    report: Callable[[str], None],
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
    return plan_translation(settings, documents, langs, engine)


def run_plan(
    plan: Plan,
    engine: Engine,
    *,
    on_progress: Callable[[int], None] | None = None,
    window_sentences: int | None = None,
    save_interval: float = SAVE_INTERVAL_SECONDS,
) -> Outcome:
    """Translate every job of the plan; catalogs are saved as work completes, even on errors.

    ``window_sentences`` fixes the window size; by default it adapts to the engine's speed.
    """
    outcome = Outcome()
    sizer = _WindowSizer(window_sentences)
    memory = _Memory()
    started = last_save = time.monotonic()
    try:
        for window in _windows(plan.jobs, sizer):
            window_started = time.monotonic()
            _translate_window(window, engine, outcome, on_progress, memory)
            sizer.measured(sum(job.sentence_count for job in window), window_started)
            finished = {id(job.target): job.target for job in window if job.target.remaining == 0}
            # the first window is saved at once, so that a run killed early keeps its first work
            due = last_save == started or time.monotonic() - last_save >= save_interval
            for target in plan.targets if due else finished.values():
                target.save()
            if due:
                last_save = time.monotonic()
    finally:
        for target in plan.targets:
            target.save()
            if target.conflicts:
                outcome.warnings += target.conflicts
                outcome.drafted[target.display] -= len(target.conflicts)
        outcome.seconds = time.monotonic() - started
    return outcome


class _WindowSizer:
    """The next window's size: fixed, or about WINDOW_SECONDS of work at the speed seen so far."""

    def __init__(self, fixed: int | None) -> None:
        self.fixed = fixed
        self.size = fixed or FIRST_WINDOW_SENTENCES

    def measured(self, sentences: int, started: float) -> None:
        elapsed = time.monotonic() - started
        if self.fixed is None and sentences and elapsed > 0:
            low, high = WINDOW_LIMITS
            self.size = int(min(high, max(low, sentences / elapsed * WINDOW_SECONDS)))


def _windows(jobs: Sequence[Job], sizer: _WindowSizer) -> Iterator[list[Job]]:
    """Consecutive runs of whole jobs holding about ``sizer.size`` sentences each."""
    window: list[Job] = []
    count = 0
    for job in jobs:
        window.append(job)
        count += job.sentence_count
        if count >= sizer.size:
            yield window
            window, count = [], 0
    if window:
        yield window


def _translate_window(
    window: list[Job],
    engine: Engine,
    outcome: Outcome,
    on_progress: Callable[[int], None] | None,
    memory: _Memory,
) -> None:
    """Run every leg of the window's jobs, one batched engine call per language pair and leg.

    If an engine call is interrupted, the paragraphs it had finished are still drafted.
    """
    texts = {id(job): job.protected.text for job in window}
    legs_done = dict.fromkeys(texts, 0)
    pivots: dict[int, str] = {}
    try:
        for leg in range(max(len(job.legs) for job in window)):
            by_pair: dict[Pair, list[Job]] = defaultdict(list)
            for job in window:
                if leg < len(job.legs) and legs_done[id(job)] == leg:
                    by_pair[job.legs[leg]].append(job)

            def leg_done(job: Job, leg: int = leg) -> None:
                legs_done[id(job)] += 1
                if leg == 0 and len(job.legs) > 1:
                    pivots[id(job)] = restore_paragraph(texts[id(job)], job.protected)[0]

            for pair, jobs in by_pair.items():
                _translate_texts(pair, jobs, texts, engine, outcome, on_progress, memory, leg_done)
    finally:
        for job in window:
            if legs_done[id(job)] == len(job.legs):
                _apply_draft(job, texts[id(job)], pivots.get(id(job)), engine, outcome)


def _translate_texts(
    pair: Pair,
    jobs: list[Job],
    texts: dict[int, str],
    engine: Engine,
    outcome: Outcome,
    on_progress: Callable[[int], None] | None,
    memory: _Memory,
    on_done: Callable[[Job], None],
) -> None:
    """Replace each job's text by its translation, calling ``on_done`` for each job done.

    A text seen earlier in the run is reused. The engine reports each sentence as it finishes, so
    when it is interrupted the paragraphs it had finished are kept (and the error goes on).
    """
    fresh = [job for job in jobs if memory.get(pair, texts[id(job)]) is None]
    split = {id(job): split_sentences_exactly(texts[id(job)], pair[0]) for job in fresh}
    sentences = [s for job in fresh for s in split[id(job)].sentences]
    finished: dict[str, str] = {}
    try:
        if sentences:
            engine.translator(pair).translate(sentences, _deltas(on_progress), finished)
            outcome.sentences += len(sentences)
    finally:
        for job in fresh:
            parts = split[id(job)].sentences
            if all(part in finished for part in parts):
                memory.put(pair, texts[id(job)], split[id(job)].join([finished[p] for p in parts]))
        for job in jobs:
            translation = memory.get(pair, texts[id(job)])
            if translation is not None:
                texts[id(job)] = translation
                on_done(job)
    fresh_ids = {id(job) for job in fresh}
    reused = sum(job.sentence_count for job in jobs if id(job) not in fresh_ids)
    if on_progress is not None and reused:
        on_progress(reused)  # the plan counted these sentences too


class _Memory:
    """Translations of whole (protected) paragraphs made in this run, so repeats cost nothing.

    Bounded, so that memory stays flat however many documents a run goes through.
    """

    LIMIT = 10_000

    def __init__(self) -> None:
        self._texts: dict[tuple[Pair, str], str] = {}

    def get(self, pair: Pair, text: str) -> str | None:
        return self._texts.get((pair, text))

    def put(self, pair: Pair, text: str, translation: str) -> None:
        if len(self._texts) >= self.LIMIT:
            self._texts.clear()
        self._texts[(pair, text)] = translation


def _deltas(on_progress: Callable[[int], None] | None) -> Callable[[int], None] | None:
    """Engines report sentences done so far in a call; the caller wants increments."""
    if on_progress is None:
        return None
    reported = 0

    def report(done: int) -> None:
        nonlocal reported
        if done > reported:
            on_progress(done - reported)
            reported = done

    return report


def _apply_draft(
    job: Job,
    masked: str,
    machine_pivot: str | None,
    engine: Engine,
    outcome: Outcome,
) -> None:
    text, lost = restore_paragraph(masked, job.protected)
    entry = job.entry
    for span in lost:
        line = f":{entry.linenum}" if entry.linenum else ""
        outcome.warnings.append(
            f"{job.target.display}{line}: the model lost the protected span «{span}»; "
            "the draft needs a person's attention"
        )
    pivot_text = job.reviewed_pivot if job.reviewed_pivot is not None else machine_pivot
    record = Provenance(
        engine=engine.name,
        route=job.languages,
        packages=tuple(engine.identity(pair) for pair in job.legs),
        src=source_digest(entry.msgid),
        out=digest(text),
        pivot=digest(pivot_text) if pivot_text is not None else None,
    )
    job.target.draft(entry, text, record)
    job.target.remaining -= 1
    outcome.drafted[job.target.display] += 1
