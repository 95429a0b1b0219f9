"""The pieces of `pipeline review` that need no session: the source diff, dates, who reviews."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import click
import pytest

from pipeline.catalog import gettext_date
from pipeline.errors import PipelineError
from pipeline.review.session import resolve_reviewer
from pipeline.review.tui import word_diff


def test_word_diff_marks_whole_words_removed_and_added() -> None:
    diff = word_diff("El viejo texto del párrafo.", "El nuevo texto del párrafo, ampliado.")

    assert click.unstyle(diff) == "El [-viejo-]{+nuevo+} texto del párrafo{+, ampliado+}."


def test_word_diff_keeps_non_breaking_spaces_and_colours_changes() -> None:
    diff = word_diff("10\u00a0km", "12\u00a0km")

    assert click.unstyle(diff) == "[-10-]{+12+}\u00a0km"
    assert diff != click.unstyle(diff)  # red and green on a terminal


def test_header_dates_are_local_time_in_gettext_header_format() -> None:
    moment = datetime(2024, 3, 9, 7, 5, tzinfo=timezone(timedelta(hours=3)))

    assert gettext_date(moment).endswith(moment.astimezone().strftime("%H:%M%z"))
    assert gettext_date(moment)[:10] == moment.astimezone().strftime("%Y-%m-%d")


def test_reviewer_option_is_trimmed_and_wins_over_git(tmp_path: Path) -> None:
    assert resolve_reviewer("  Ana Pérez <ana@example.org> ", tmp_path) == (
        "Ana Pérez <ana@example.org>"
    )


@pytest.mark.parametrize("given", ["Ana", "<ana@example.org>", "Ana <ana>", "Ana ana@example.org"])
def test_reviewer_without_name_and_email_is_refused(given: str, tmp_path: Path) -> None:
    with pytest.raises(PipelineError, match='write it as "Name <email>"'):
        resolve_reviewer(given, tmp_path)


def test_header_dates_follow_source_date_epoch_when_it_is_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796300000")
    assert gettext_date() == "2026-12-03 12:13+0000"
