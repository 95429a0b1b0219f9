"""A person who saves a catalog while ``translate`` runs loses nothing (issue 10, lost updates).

The engine below plays the reviewer: part-way through the run, it saves the catalog on disk as
an editor would (a header field, a comment on an entry the run planned to draft, a translation
typed into another planned entry). The run's later saves must keep all of it, and draft only
the entries still as planned.
"""

from __future__ import annotations

import os
from pathlib import Path

from fake_engine import EditingEngines, MarkingEngines, OneWindowAtATime, WatchingEngines

from pipeline.config import load_settings
from pipeline.errors import PipelineError
from pipeline.extract import extract_document, load_documents
from pipeline.gettext import read_po, write_po
from pipeline.lock import translate_lock
from pipeline.translate import plan_translation, run_plan

PARAGRAPHS = [f"Párrafo número {n} de la nota." for n in range(1, 7)]
SOURCE = "Titular de la nota\n\n" + "\n\n".join(PARAGRAPHS) + "\n"


def project(root: Path) -> Path:
    (root / "pyproject.toml").write_text('[tool.pipeline]\ntarget_languages = ["en"]\n')
    (root / "seeds").mkdir()
    (root / "seeds" / "nota.txt").write_text(SOURCE, encoding="utf-8")
    settings = load_settings(root)
    for document in load_documents(settings):
        extract_document(settings, document)
    return root / "locales" / "en" / "LC_MESSAGES" / "nota.po"


def run(root: Path, engines: MarkingEngines):
    settings = load_settings(root)
    plan = plan_translation(settings, load_documents(settings), ("en",), engines)
    executor = OneWindowAtATime(engines)
    return run_plan(plan, engines, window_sentences=1, save_interval=0, executor=executor)


def test_edits_saved_during_a_run_are_kept_and_only_untouched_entries_drafted(
    tmp_path: Path,
) -> None:
    path = project(tmp_path)

    def reviewer_saves() -> None:
        po = read_po(path)
        po.metadata["Last-Translator"] = "Ana <ana@example.org>"
        po.find(PARAGRAPHS[3]).tcomment = "ojo: cifra por confirmar"
        po.find(PARAGRAPHS[4]).msgstr = "Paragraph five, as Ana wrote it."
        write_po(po, path)

    outcome = run(tmp_path, EditingEngines(reviewer_saves))

    po = read_po(path)
    assert po.metadata["Last-Translator"] == "Ana <ana@example.org>"
    commented, typed = po.find(PARAGRAPHS[3]), po.find(PARAGRAPHS[4])
    assert commented.tcomment == "ojo: cifra por confirmar" and commented.msgstr == ""
    assert typed.msgstr == "Paragraph five, as Ana wrote it." and not typed.fuzzy
    for paragraph in (PARAGRAPHS[0], PARAGRAPHS[5]):
        assert po.find(paragraph).msgstr == f"[en] {paragraph}"  # before and after the edit
    assert sum("changed by someone else during the run" in w for w in outcome.warnings) == 2
    assert outcome.drafted["locales/en/LC_MESSAGES/nota.po"] == len(PARAGRAPHS) + 1 - 2


def test_the_first_window_is_on_disk_before_the_third_is_translated(tmp_path: Path) -> None:
    path = project(tmp_path)
    settings = load_settings(tmp_path)
    drafts_seen: dict[str, int] = {}  # by each call's first sentence, as it starts

    def count_drafts_on_disk(sentences) -> None:
        drafts_seen[sentences[0]] = sum(1 for entry in read_po(path) if entry.msgstr)

    engine = WatchingEngines(count_drafts_on_disk)
    plan = plan_translation(settings, load_documents(settings), ("en",), engine)
    run_plan(plan, engine, window_sentences=1)  # default interval: only the first window is saved

    # the second window is under way while the first is saved; the third starts after the save
    assert drafts_seen[PARAGRAPHS[1]] == 1


def test_a_second_translate_run_on_the_same_project_is_refused(tmp_path: Path) -> None:
    project(tmp_path)
    settings = load_settings(tmp_path)
    with translate_lock(settings):
        try:
            with translate_lock(settings):
                raise AssertionError("a second run got the lock")
        except PipelineError as error:
            assert "a translate run is already working on this project" in str(error)
            assert f"pid {os.getpid()}" in str(error)
    with translate_lock(settings):  # released when the first run ends
        pass


def test_a_save_landing_while_the_run_formats_its_catalog_is_merged_not_overwritten(
    tmp_path: Path, monkeypatch
) -> None:
    import pipeline.catalog_save

    path = project(tmp_path)
    real_format = pipeline.catalog_save.format_po_bytes
    saved = []

    def reviewer_saves_during_the_first_format(po):
        data = real_format(po)
        if not saved:  # between the run's re-read and its rename, as a slow format allows
            theirs = read_po(path)
            theirs.metadata["Last-Translator"] = "Ana <ana@example.org>"
            write_po(theirs, path)
            saved.append(True)
        return data

    monkeypatch.setattr(
        pipeline.catalog_save, "format_po_bytes", reviewer_saves_during_the_first_format
    )
    run(tmp_path, MarkingEngines())

    po = read_po(path)
    assert saved and po.metadata["Last-Translator"] == "Ana <ana@example.org>"
    assert po.find(PARAGRAPHS[0]).msgstr == f"[en] {PARAGRAPHS[0]}"
