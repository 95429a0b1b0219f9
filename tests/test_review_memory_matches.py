"""`review` shows the memory's best matches for each draft, and [m] then a number takes one."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from test_review import REVIEWER, catalog_path, write_catalog

import pipeline.review.tui
from pipeline.cli import main
from pipeline.config import Settings
from pipeline.review.matches import MemoryMatches, taking
from pipeline.review.session import Session, load_drafts
from pipeline.tm.record import read_memory_record

REVIEWED = "Foto: kremlin.ru. Texto de la agencia estatal."
DRAFTED = "Foto: kremlin.ru. Texto de una agencia estatal."


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setattr(pipeline.review.tui, "stdin_is_terminal", lambda: True)
    root = tmp_path / "project"
    write_catalog(
        root, "archive", [(REVIEWED, "Фото: kremlin.ru. Текст госагентства.", False, None)]
    )
    write_catalog(
        root, "news", [(DRAFTED, "машинный черновик", True, None), ("Otro.", "x", True, None)]
    )
    return root


def review(project: Path, keys: str):
    return CliRunner().invoke(
        main,
        ["--project", str(project), "review", "--lang", "ru", "--reviewer", REVIEWER],
        input=keys,
    )


def test_a_draft_is_shown_its_fuzzy_match_from_another_document(project: Path) -> None:
    drafts = load_drafts(Settings(root=project), "ru")
    matches = MemoryMatches(Settings(root=project), "ru")
    found = matches(drafts[0])
    assert [(m.unit.doc, m.unit.source) for m in found] == [("archive", REVIEWED)]
    assert 0.9 < found[0].score < 1.0
    assert matches(drafts[1]) == []  # nothing in the memory resembles "Otro."


def test_taking_a_match_makes_it_the_draft_with_its_origin_and_leaves_it_undecided(
    project: Path,
) -> None:
    settings = Settings(root=project)
    session = Session(load_drafts(settings, "ru"), REVIEWER)
    draft = session.current()
    match = MemoryMatches(settings, "ru")(draft)[0]
    assert session.redraft(taking(match)) is None
    assert session.position == 0 and session.decision() is None
    entry = polib.pofile(str(catalog_path(project))).find(DRAFTED)
    assert entry.msgstr == "Фото: kremlin.ru. Текст госагентства." and "fuzzy" in entry.flags
    record = read_memory_record(entry)
    assert (record.doc, record.origin, record.score) == (
        "archive",
        "project",
        int(match.score * 100),
    )
    assert "mt:" not in entry.tcomment  # the machine's record described the text replaced


def test_m_then_a_number_takes_the_match_and_a_accepts_it(project: Path) -> None:
    result = review(project, "m1q")
    assert result.exit_code == 0, result.output
    assert "[m1] 97% match, from archive" in result.output
    # the match's source beside the current one: what differs is marked word by word
    assert "Match:    Foto: kremlin.ru. Texto de [-la-]{+una+} agencia estatal." in result.output
    assert "Target:   Фото: kremlin.ru. Текст госагентства." in result.output
    assert "Took memory match 1 as the draft" in result.output
    entry = polib.pofile(str(catalog_path(project))).find(DRAFTED)
    assert entry.msgstr == "Фото: kremlin.ru. Текст госагентства." and "fuzzy" in entry.flags

    assert review(project, "aq").exit_code == 0
    entry = polib.pofile(str(catalog_path(project))).find(DRAFTED)
    assert "fuzzy" not in entry.flags
    assert read_memory_record(entry).accepted  # a person's now: no stage may redo it


def test_m_without_a_match_or_with_a_wrong_number_changes_nothing(project: Path) -> None:
    before = catalog_path(project).read_bytes()
    result = review(project, "m7sm1q")  # draft 1: no match 7; draft 2: no match at all
    assert result.exit_code == 0, result.output
    assert "No memory match '7'; nothing changed." in result.output
    assert "The memory has no match for this paragraph." in result.output
    assert catalog_path(project).read_bytes() == before


def test_a_reviewed_entry_is_never_redrafted_from_the_memory(project: Path) -> None:
    settings = Settings(root=project)
    session = Session(load_drafts(settings, "ru"), REVIEWER)
    match = MemoryMatches(settings, "ru")(session.current())[0]
    session.decide()
    session.back()
    with pytest.raises(ValueError, match="reviewed"):
        session.redraft(taking(match))
    assert re.search(r'msgstr "машинный черновик"', catalog_path(project).read_text())


def test_a_match_the_draft_already_is_not_offered_again(project: Path) -> None:
    settings = Settings(root=project)
    session = Session(load_drafts(settings, "ru"), REVIEWER)
    matches = MemoryMatches(settings, "ru")
    session.redraft(taking(matches(session.current())[0]))
    assert matches(session.current()) == []
