"""Window sizes (issue 16): about WINDOW_SECONDS of work at the speed of every window under way,
a few batches per worker at least, and no lone remainder at the end."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from pipeline.translate import execute
from pipeline.translate.execute import FIRST_WINDOW_SENTENCES, WINDOW_LIMITS, WindowSizer, windows

BATCH, WORKERS = 16, 2  # the Argos engine's default batch and workers on two cores


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(execute.time, "monotonic", clock)
    return clock


def jobs(*counts: int) -> list[SimpleNamespace]:
    return [SimpleNamespace(sentence_count=count) for count in counts]


def sizes(windows_: list[list[int]], counts: list[int]) -> list[int]:
    return [sum(counts[i] for i in window) for window in windows_]


def test_the_speed_counts_sentences_of_windows_still_under_way(clock: Clock) -> None:
    sizer = WindowSizer(None)
    clock.now += 2.0
    sizer.progressed(30)  # the window that finished
    sizer.progressed(10)  # the one still under way, half done
    sizer.resize()
    assert sizer.size == 40 / 2.0 * execute.WINDOW_SECONDS


def test_a_slow_start_still_gives_a_few_batches_per_worker(clock: Clock) -> None:
    sizer = WindowSizer(None)
    clock.now += 30.0
    sizer.progressed(8)
    sizer.resize()
    assert sizer.size == WINDOW_LIMITS[0] >= 2 * BATCH * WORKERS


def test_a_fast_engine_stops_at_the_largest_window(clock: Clock) -> None:
    sizer = WindowSizer(None, largest=500)
    clock.now += 1.0
    sizer.progressed(10_000)
    sizer.resize()
    assert sizer.size == 500


def test_a_remainder_smaller_than_a_window_joins_the_last_one(clock: Clock) -> None:
    counts = [5] * 14  # 65 sentences reach the window's 64, and 5 would be left alone
    sizer = WindowSizer(None)
    sizer.size = WINDOW_LIMITS[0]
    assert sizes(list(windows(jobs(*counts), sizer)), counts) == [70]


def test_a_remainder_of_a_whole_window_is_a_window_of_its_own(clock: Clock) -> None:
    counts = [8] * 16
    sizer = WindowSizer(None)
    sizer.size = WINDOW_LIMITS[0]
    assert sizes(list(windows(jobs(*counts), sizer)), counts) == [64, 64]


def test_the_first_window_is_small_for_a_first_save_and_the_next_the_smallest(
    clock: Clock,
) -> None:
    counts = [4] * 40
    sizer = WindowSizer(None)
    assert sizer.size == FIRST_WINDOW_SENTENCES
    assert sizes(list(windows(jobs(*counts), sizer)), counts) == [8, 64, 88]  # 24 left: joined


def test_fixed_windows_keep_their_size_to_the_end(clock: Clock) -> None:
    counts = [1] * 5
    sizer = WindowSizer(1)
    sizer.progressed(1000)
    sizer.resize()
    assert sizes(list(windows(jobs(*counts), sizer)), counts) == [1, 1, 1, 1, 1]
