"""A translation a person accepted stays a person's, whatever tool touched the catalog since.

The scenario of issue 10: accept a machine draft, edit its source paragraph, update the catalog
with GNU ``msgmerge --previous`` (not ``pipeline extract``), run translate. msgmerge makes the
entry fuzzy and keeps the ``# mt:`` record, whose output digest still matches the text; without
a record of the acceptance, translate took the person's text for an unedited draft.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from fake_engine import MarkingEngines

from pipeline.catalog import build_template
from pipeline.config import load_settings
from pipeline.extract import extract_document, load_documents
from pipeline.gettext import read_po, write_po
from pipeline.translate import plan_translation, run_plan
from pipeline.units import mark_reviewed

pytestmark = pytest.mark.skipif(shutil.which("msgmerge") is None, reason="needs GNU msgmerge")

SOURCE = "Titular de la nota\n\nEl río crece cada primavera.\n"
EDITED = "Titular de la nota\n\nEl río crece cada primavera y verano.\n"
PARAGRAPH = "El río crece cada primavera."


def extract(root: Path) -> None:
    settings = load_settings(root)
    for document in load_documents(settings):
        extract_document(settings, document)


def translate(root: Path) -> None:
    extract(root)
    settings = load_settings(root)
    engine = MarkingEngines()
    run_plan(plan_translation(settings, load_documents(settings), ("en",), engine), engine)


def msgmerge(root: Path) -> None:
    catalog = root / "locales" / "en" / "LC_MESSAGES" / "nota.po"
    subprocess.run(
        ["msgmerge", "--previous", "-q", "-o", str(catalog), str(catalog),
         str(root / "locales" / "nota.pot")],
        check=True, env={**os.environ, "LC_ALL": "C"},
    )  # fmt: skip


def regenerate_template(root: Path) -> None:
    """The template updated by another tool (xgettext-like), as msgmerge users do."""
    settings = load_settings(root)
    for document in load_documents(settings):
        write_po(build_template(document, settings.relative(document.path)),
                 settings.template_path(document.doc_id))  # fmt: skip


@pytest.fixture
def translated(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text('[tool.pipeline]\ntarget_languages = ["en"]\n')
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "nota.txt").write_text(SOURCE, encoding="utf-8")
    translate(tmp_path)
    return tmp_path


def catalog(root: Path):
    return read_po(root / "locales" / "en" / "LC_MESSAGES" / "nota.po")


def accept_in_pipeline(root: Path) -> None:
    path = root / "locales" / "en" / "LC_MESSAGES" / "nota.po"
    po = read_po(path)
    mark_reviewed(po.find(PARAGRAPH))
    write_po(po, path)


def accept_in_poedit(root: Path) -> None:
    """Another editor clears the fuzzy flag and nothing else."""
    path = root / "locales" / "en" / "LC_MESSAGES" / "nota.po"
    text = path.read_text(encoding="utf-8")
    head, tail = text.split(f'msgid "{PARAGRAPH}"')
    head = head[: head.rindex("#, fuzzy\n")] + head[head.rindex("#, fuzzy\n") + 9 :]
    path.write_text(f'{head}msgid "{PARAGRAPH}"{tail}', encoding="utf-8")


def test_accepted_in_review_then_msgmerge_then_translate_keeps_the_persons_text(
    translated: Path,
) -> None:
    accept_in_pipeline(translated)
    accepted = catalog(translated).find(PARAGRAPH).msgstr
    (translated / "seeds" / "nota.txt").write_text(EDITED, encoding="utf-8")
    regenerate_template(translated)
    msgmerge(translated)
    entry = catalog(translated).find(EDITED.split("\n\n")[1].strip())
    assert entry.fuzzy and entry.msgstr == accepted  # msgmerge's doing, as it should be

    translate(translated)

    entry = catalog(translated).find(EDITED.split("\n\n")[1].strip())
    assert entry.msgstr == accepted and entry.fuzzy  # a person's text, for the person to update


def test_accepted_in_another_editor_is_noted_at_the_next_pipeline_run(translated: Path) -> None:
    accept_in_poedit(translated)
    accepted = catalog(translated).find(PARAGRAPH)
    assert not accepted.fuzzy and "mt: accepted" not in accepted.tcomment
    extract(translated)  # any pipeline command reads and merges the catalog
    assert "mt: accepted" in catalog(translated).find(PARAGRAPH).tcomment
    (translated / "seeds" / "nota.txt").write_text(EDITED, encoding="utf-8")
    regenerate_template(translated)
    msgmerge(translated)

    translate(translated)

    entry = catalog(translated).find(EDITED.split("\n\n")[1].strip())
    assert entry.msgstr == accepted.msgstr


def test_an_unaccepted_draft_of_an_edited_paragraph_is_still_redrafted(translated: Path) -> None:
    (translated / "seeds" / "nota.txt").write_text(EDITED, encoding="utf-8")
    regenerate_template(translated)
    msgmerge(translated)

    translate(translated)

    edited = EDITED.split("\n\n")[1].strip()
    assert catalog(translated).find(edited).msgstr == f"[en] {edited}"
