"""What a machine never overwrites, through the real CLI with the copy models.

The copy packages return their input, so a draft equals the (tokenizer-normalised) text it was
made from: a Russian draft made from reviewed English reads as that English.
"""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from test_argos_engine import normalised

from pipeline.cli import main
from pipeline.provenance import digest, read_provenance

DOC = "rusia-kazajistan-alianza"


def run(project: Path, *args: str):
    result = CliRunner().invoke(main, ["--project", str(project), *args])
    assert result.exit_code == 0, result.output
    return result


def catalog_path(project: Path, lang: str) -> Path:
    return project / "locales" / lang / "LC_MESSAGES" / f"{DOC}.po"


def edit(project: Path, lang: str, index: int, msgstr: str, *, reviewed: bool) -> None:
    po = polib.pofile(str(catalog_path(project, lang)))
    po[index].msgstr = msgstr
    if reviewed and "fuzzy" in po[index].flags:
        po[index].flags.remove("fuzzy")
    po.save()


def entry(project: Path, lang: str, index: int) -> polib.POEntry:
    return polib.pofile(str(catalog_path(project, lang)))[index]


@pytest.fixture
def drafted(project: Path, install_argos) -> Path:
    install_argos("copy-es-en", "copy-en-ru")
    run(project, "translate")
    return project


def test_reviewed_and_edited_translations_survive_every_later_run(drafted: Path) -> None:
    edit(drafted, "en", 0, "Putin and Tokayev seal an alliance", reviewed=True)
    edit(drafted, "en", 1, "Photo: kremlin.ru", reviewed=False)  # a person's edit, not accepted
    run(drafted, "translate")
    assert entry(drafted, "en", 0).msgstr == "Putin and Tokayev seal an alliance"
    assert entry(drafted, "en", 0).flags == []
    assert entry(drafted, "en", 1).msgstr == "Photo: kremlin.ru"
    assert "fuzzy" in entry(drafted, "en", 1).flags


def test_own_draft_is_redone_when_the_source_paragraph_changes(
    drafted: Path, install_argos
) -> None:
    seed = drafted / "seeds" / f"{DOC}.txt"
    seed.write_text(seed.read_text("utf-8").replace("Foto del sitio", "Imagen del sitio"), "utf-8")
    run(drafted, "translate")
    caption = entry(drafted, "en", 1)
    assert caption.msgstr == "Imagen del sitio kremlin.ru"
    assert caption.previous_msgid is None
    assert read_provenance(caption).src == digest("Imagen del sitio kremlin.ru")


def test_person_edited_draft_of_a_changed_paragraph_is_kept_for_review(drafted: Path) -> None:
    edit(drafted, "en", 1, "Photo: kremlin.ru", reviewed=False)
    seed = drafted / "seeds" / f"{DOC}.txt"
    seed.write_text(seed.read_text("utf-8").replace("Foto del sitio", "Imagen del sitio"), "utf-8")
    run(drafted, "translate")
    caption = entry(drafted, "en", 1)
    assert caption.msgstr == "Photo: kremlin.ru"
    assert caption.previous_msgid == "Foto del sitio kremlin.ru"
    assert "fuzzy" in caption.flags


def test_russian_follows_reviewed_english_and_is_redone_when_it_changes(
    drafted: Path, install_argos
) -> None:
    packages = install_argos("copy-es-en", "copy-en-ru")
    edit(drafted, "en", 1, "Photo from the kremlin.ru website", reviewed=True)
    run(drafted, "translate")
    assert entry(drafted, "ru", 1).msgstr == "Photo from the kremlin.ru website"
    assert read_provenance(entry(drafted, "ru", 1)).pivot == digest(
        "Photo from the kremlin.ru website"
    )
    edit(drafted, "en", 1, "Photo: the kremlin.ru website", reviewed=True)
    run(drafted, "translate")
    assert entry(drafted, "ru", 1).msgstr == normalised(packages, "Photo: the kremlin.ru website")

    # A reviewed Russian translation stays, even when its English changes again.
    edit(drafted, "ru", 1, "Фото с сайта kremlin.ru", reviewed=True)
    edit(drafted, "en", 1, "Picture from kremlin.ru", reviewed=True)
    run(drafted, "translate")
    assert entry(drafted, "ru", 1).msgstr == "Фото с сайта kremlin.ru"
    [status] = json.loads(run(drafted, "status", "--lang", "ru", "--json").stdout)
    assert status["stale"] == 1


def test_glossary_terms_reach_the_translation_as_the_glossary_says(
    project: Path, install_argos
) -> None:
    install_argos("copy-es-en", "copy-en-ru")
    (project / "glossary").mkdir()
    (project / "glossary" / "en.tsv").write_text("Kremlin\tthe Kremlin\nOTSC\tCSTO\n", "utf-8")
    (project / "glossary" / "ru.tsv").write_text("Kremlin\tКремль\nkremlin.ru\n", "utf-8")
    run(project, "translate")
    english = polib.pofile(str(catalog_path(project, "en")))
    russian = polib.pofile(str(catalog_path(project, "ru")))
    with_kremlin = [i for i, e in enumerate(english) if "el Kremlin" in e.msgid]
    assert with_kremlin
    for index in with_kremlin:
        assert "the Kremlin" in english[index].msgstr
        assert "Кремль" in russian[index].msgstr
    assert "CSTO" in next(e.msgstr for e in english if "OTSC" in e.msgid)
    assert russian[1].msgstr.endswith("kremlin.ru")
