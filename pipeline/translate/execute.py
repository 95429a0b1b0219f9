"""Executing a plan's legs: windows of whole paragraphs, each leg one call to an executor.

An :class:`Executor` maps a language pair and sentences to their translations, telling a
:class:`Report` of its progress and of each finished sentence, so that an interrupted call still
yields what it finished. It is the one seam a distributed executor plugs into;
:class:`LocalExecutor` runs the engine's translators in this process. Windows (sized to the speed
seen so far) and the run's memory of paragraphs already translated sit above it, so every
executor gets them.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from pipeline.errors import PipelineError
from pipeline.mt.engine import Engine, Progress
from pipeline.mt.layout import Sentences, restore_paragraph, split_sentences_exactly
from pipeline.translate.plan import Job, Pair

# A window is the work lost to an interruption, and the pool one length-sorted batching draws
# from: sized to take about WINDOW_SECONDS at the measured speed, within these bounds. The floor
# is a few model batches (16 sentences) for each of two workers: a window of one batch each
# leaves a worker idle whenever one batch of long sentences outlasts the other (issue 16).
WINDOW_SECONDS = 10.0
FIRST_WINDOW_SENTENCES = 8  # small, so that a first save comes seconds after the start
WINDOW_LIMITS = (64, 1024)


@dataclass(frozen=True)
class Report:
    """Where an executor reports on a call, both optional: ``progress`` with the number of
    sentences done so far, ``finished`` with (sentence, translation) for each sentence done, by
    the time the call returns or fails, so that an interrupted call still yields what it did."""

    progress: Progress | None = None
    finished: Callable[[str, str], None] | None = None


class Executor(Protocol):
    """Translates sentences for a language pair, wherever the models run.

    An executor may say how many sentences a window may hold (``max_window``, default
    WINDOW_LIMITS' upper bound): one with many workers needs larger windows to keep them busy;
    and how many windows it may translate at once, from as many threads (``windows_at_once``,
    default :data:`pipeline.translate.in_flight.WINDOWS_AT_ONCE`).
    """

    def translate(self, pair: Pair, sentences: Sequence[str], report: Report) -> list[str]:
        """Translations of ``sentences`` from ``pair[0]`` to ``pair[1]``, in order."""
        ...


class LocalExecutor:
    """The engine's translators, in this process (each model loaded once, by the engine)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        # windows call from several threads: an engine makes each pair's translator once
        self._making = threading.Lock()

    def translate(self, pair: Pair, sentences: Sequence[str], report: Report) -> list[str]:
        finished: dict[str, str] = {}
        with self._making:
            translator = self._engine.translator(pair)
        try:
            return translator.translate(sentences, report.progress, finished)
        finally:
            if report.finished is not None:
                for sentence, translation in finished.items():
                    report.finished(sentence, translation)


class WindowSizer:
    """The next window's size: fixed, or about WINDOW_SECONDS of work at the speed seen so far
    (at most ``largest`` sentences).

    The speed is every sentence done since the start, in finished windows and in those still under
    way: counting finished windows alone, while the next one is half done, would halve it. Until
    it is first measured, the window after the small first one is the smallest: a second window
    of one batch, of sentences in document order (unsorted), would be padded to its longest.
    """

    def __init__(self, fixed: int | None, largest: int = WINDOW_LIMITS[1]) -> None:
        self.fixed = fixed
        self.size = fixed or FIRST_WINDOW_SENTENCES
        self.largest = largest
        self.started = time.monotonic()
        self._done = 0
        self._counting = threading.Lock()  # windows report from their threads

    def progressed(self, sentences: int) -> None:
        """``sentences`` more are done (from any window's thread)."""
        with self._counting:
            self._done += sentences

    def opened(self) -> None:
        """A window was made: the next is at least the smallest, until the speed is measured."""
        if self.fixed is None and self.size < WINDOW_LIMITS[0]:
            self.size = min(self.largest, WINDOW_LIMITS[0])

    def too_little_after(self, left: int) -> bool:
        """Whether ``left`` sentences, once sizes adapt, are too few for a window of their own."""
        floor = WINDOW_LIMITS[0]
        return self.fixed is None and self.size >= floor and 0 < left < floor

    def resize(self) -> None:
        """Size the next windows to the speed seen so far."""
        elapsed = time.monotonic() - self.started
        if self.fixed is None and self._done and elapsed > 0:
            speed = self._done / elapsed
            self.size = int(min(self.largest, max(WINDOW_LIMITS[0], speed * WINDOW_SECONDS)))


def windows(jobs: Sequence[Job], sizer: WindowSizer) -> Iterator[list[int]]:
    """Consecutive runs of whole jobs (their indexes) holding about ``sizer.size`` sentences.

    Once sizes adapt past the first windows, what would be left after a window, if less than
    the smallest window, joins it: alone at the end it would keep one worker busy and the other
    idle (issue 16).
    """
    left = sum(job.sentence_count for job in jobs)
    window: list[int] = []
    count = 0
    for index, job in enumerate(jobs):
        window.append(index)
        count += job.sentence_count
        left -= job.sentence_count
        if count >= sizer.size and not sizer.too_little_after(left):
            yield window
            sizer.opened()
            window, count = [], 0
    if window:
        yield window


class Memory:
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


class Window:
    """One window's jobs through all their legs: each leg one executor call per language pair.

    What the jobs' texts became is kept here, so that after an interruption :meth:`done` still
    gives every job whose legs all finished.
    """

    def __init__(self, jobs: Mapping[int, Job], memory: Memory) -> None:
        self._jobs = dict(jobs)
        self._memory = memory
        self._texts = {index: job.protected.text for index, job in self._jobs.items()}
        self._legs_done = dict.fromkeys(self._jobs, 0)
        self._pivots: dict[int, str] = {}
        self.sentences = 0  # sentences the executor translated

    def run(self, executor: Executor, on_progress: Callable[[int], None] | None) -> None:
        for leg in range(max(len(job.legs) for job in self._jobs.values())):
            by_pair: dict[Pair, list[int]] = defaultdict(list)
            for index, job in self._jobs.items():
                if leg < len(job.legs) and self._legs_done[index] == leg:
                    by_pair[job.legs[leg]].append(index)
            for pair, indexes in by_pair.items():
                self._translate(pair, leg, indexes, executor, on_progress)

    def done(self) -> Iterator[tuple[int, str, str | None]]:
        """(job index, translated protected text, machine pivot text) of each finished job."""
        for index, job in self._jobs.items():
            if self._legs_done[index] == len(job.legs):
                yield index, self._texts[index], self._pivots.get(index)

    def _sentences(self, index: int) -> Sentences:
        """The job's text cut into sentences for its next leg: the plan cut the first leg's."""
        job = self._jobs[index]
        if self._legs_done[index] == 0:
            return job.sentences
        return split_sentences_exactly(self._texts[index], job.legs[self._legs_done[index]][0])

    def _finish_leg(self, index: int, leg: int, text: str) -> None:
        self._texts[index] = text
        self._legs_done[index] += 1
        job = self._jobs[index]
        if leg == 0 and job.pivot_protected is not None:
            self._pivots[index] = restore_paragraph(text, job.pivot_protected).text

    def _translate(
        self,
        pair: Pair,
        leg: int,
        indexes: list[int],
        executor: Executor,
        on_progress: Callable[[int], None] | None,
    ) -> None:
        """Run ``leg`` of these jobs; each job whose text is translated by the end, even in
        error, has that leg done.

        A text seen earlier in the run is reused; the executor reports each sentence as it
        finishes, so when it is interrupted the paragraphs it had finished are kept (and the error
        goes on).
        """
        texts = self._texts
        # Looked up once, before this call's translations go in: memory may drop old ones then.
        remembered = {i: self._memory.get(pair, texts[i]) for i in indexes}
        fresh = [i for i in indexes if remembered[i] is None]
        split = {i: self._sentences(i) for i in fresh}
        sentences = [s for i in fresh for s in split[i].sentences]
        finished: dict[str, str] = {}
        try:
            if sentences:
                report = Report(_deltas(on_progress), finished.__setitem__)
                out = executor.translate(pair, sentences, report)
                finished.update(zip(sentences, out, strict=True))
                self.sentences += len(sentences)
        except PipelineError as error:
            # the engine names the sentence; the document it is in is the run's to name
            failed = next(i for i in fresh if not all(p in finished for p in split[i].sentences))
            raise PipelineError(f"document {self._jobs[failed].doc_id}: {error}") from None
        finally:
            made = {
                texts[i]: split[i].join([finished[part] for part in split[i].sentences])
                for i in fresh
                if all(part in finished for part in split[i].sentences)
            }
            for text, translation in made.items():
                self._memory.put(pair, text, translation)
            for i in indexes:
                translation = remembered[i] if remembered[i] is not None else made.get(texts[i])
                if translation is not None:
                    self._finish_leg(i, leg, translation)
        reused = sum(self._jobs[i].sentence_count for i in indexes if remembered[i] is not None)
        if on_progress is not None and reused:
            on_progress(reused)  # the plan counted these sentences too


def _deltas(on_progress: Callable[[int], None] | None) -> Progress | None:
    """Executors report sentences done so far in a call; the caller wants increments."""
    if on_progress is None:
        return None
    reported = 0

    def report(done: int) -> None:
        nonlocal reported
        if done > reported:
            on_progress(done - reported)
            reported = done

    return report
