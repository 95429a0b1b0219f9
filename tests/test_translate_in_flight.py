"""Two windows under way at once (issue 16): the next window is translated while the current one
finishes, and an interruption still keeps what both finished."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from fake_engine import MarkingEngines
from test_translate_rules import catalog, make_project

from pipeline.config import load_settings
from pipeline.extract import load_documents
from pipeline.mt.routes import Pair
from pipeline.translate import plan_translation, run_plan
from pipeline.translate.execute import Report

PARAGRAPHS = [f"Párrafo número {n} de la nota." for n in range(1, 9)]
SOURCE = "\n\n".join(PARAGRAPHS) + "\n"


class OverlapExecutor:
    """Marks sentences; the first window's call waits (up to ``patience`` seconds) until the
    second window's call has started, and then does what ``first_then`` says."""

    def __init__(self, first_then: str = "returns", patience: float = 5.0) -> None:
        self.second_started = threading.Event()
        self.second_finished_one = threading.Event()
        self.calls = 0
        self.active = self.most_active = 0  # calls under way now, and at most
        self._first_then = first_then
        self._patience = patience
        self._lock = threading.Lock()

    def translate(self, pair: Pair, sentences: Sequence[str], report: Report) -> list[str]:
        with self._lock:
            self.calls += 1
            self.active += 1
            self.most_active = max(self.most_active, self.active)
            call = self.calls
        try:
            return self._translate(call, pair, sentences, report)
        finally:
            with self._lock:
                self.active -= 1

    def _translate(self, call: int, pair: Pair, sentences: Sequence[str], report: Report):
        if call == 2:
            self.second_started.set()
        elif call == 1:
            self.second_started.wait(self._patience)
            if self._first_then == "interrupts":
                self.second_finished_one.wait(self._patience)
                raise KeyboardInterrupt
        out = []
        for sentence in sentences:
            out.append(f"[{pair[1]}] {sentence}")
            if report.finished is not None:
                report.finished(sentence, out[-1])
            if call == 2:
                self.second_finished_one.set()
                time.sleep(0.1)
            if report.progress is not None:
                report.progress(len(out))
        return out


def run(root: Path, executor: OverlapExecutor, window: int):
    settings = load_settings(root)
    engine = MarkingEngines()
    plan = plan_translation(settings, load_documents(settings), ("en",), engine)
    return run_plan(plan, engine, executor=executor, window_sentences=window)


def test_the_second_window_is_translated_while_the_first_is_still_under_way(
    tmp_path: Path,
) -> None:
    make_project(tmp_path, SOURCE)
    executor = OverlapExecutor()
    run(tmp_path, executor, window=1)
    assert executor.most_active == 2
    assert [e.msgstr for e in catalog(tmp_path, "en")] == [f"[en] {p}" for p in PARAGRAPHS]


def test_an_interrupt_stops_the_other_window_after_its_sentence_and_keeps_what_it_finished(
    tmp_path: Path,
) -> None:
    make_project(tmp_path, SOURCE)
    executor = OverlapExecutor(first_then="interrupts")
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        run(tmp_path, executor, window=4)  # two windows of four paragraphs
    assert time.monotonic() - started < 2.0
    drafted = {e.msgid: e.msgstr for e in catalog(tmp_path, "en") if e.msgstr}
    assert not drafted.keys() & set(PARAGRAPHS[:4])  # the interrupted first window
    assert 0 < len(drafted) < 4  # the second stopped part-way, its finished paragraphs kept
    assert all(drafted[p] == f"[en] {p}" for p in drafted)
    assert executor.calls == 2  # no third window started


def test_one_window_at_a_time_for_an_executor_that_asks_for_it(tmp_path: Path) -> None:
    make_project(tmp_path, SOURCE)
    executor = OverlapExecutor(patience=0.2)
    executor.windows_at_once = 1
    run(tmp_path, executor, window=1)
    assert executor.most_active == 1 and executor.calls == len(PARAGRAPHS)
    assert [e.msgstr for e in catalog(tmp_path, "en")] == [f"[en] {p}" for p in PARAGRAPHS]
