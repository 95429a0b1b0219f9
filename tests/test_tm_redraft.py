"""A draft taken from the memory is redone when its source paragraph changes, as a machine's is;
never once a person edited or accepted it. Through the real CLI on real files."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pipeline.cli import main
from pipeline.gettext import read_po, write_po
from pipeline.tm.record import read_memory_record
from pipeline.units import read_provenance

CREDIT = "Foto: kremlin.ru"
ANOTHER_CREDIT = "Foto: kremlin.ru / Reuters"  # near enough for extract to carry a draft over
ARCHIVE = f"Rusia firma el acuerdo\n\n{CREDIT}\n\n{ANOTHER_CREDIT}\n"
NEWS = "Kazajistán responde\n\n{credit}\n"


def invoke(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--project", str(root), *args], catch_exceptions=False)


def catalog(root: Path, doc: str) -> Path:
    return root / "locales" / "en" / "LC_MESSAGES" / f"{doc}.po"


def write_news(root: Path, credit: str) -> None:
    (root / "seeds" / "news.txt").write_text(NEWS.format(credit=credit), encoding="utf-8")


@pytest.fixture
def drafted(tmp_path: Path, install_argos) -> Path:
    """An archive article with its credits reviewed, and a news article whose credit line the
    memory drafted from it."""
    install_argos("copy-es-en")
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "archive.txt").write_text(ARCHIVE, encoding="utf-8")
    assert invoke(root, "extract").exit_code == 0
    po = read_po(catalog(root, "archive"))
    for entry in po:
        entry.msgstr = {
            CREDIT: "Photo: kremlin.ru",
            ANOTHER_CREDIT: "Photo: kremlin.ru / Reuters",
        }.get(entry.msgid, "")
    write_po(po, catalog(root, "archive"))
    write_news(root, CREDIT)
    result = invoke(root, "translate", "--lang", "en")
    assert result.exit_code == 0, result.output
    entry = read_po(catalog(root, "news")).find(CREDIT)
    assert entry.msgstr == "Photo: kremlin.ru" and entry.fuzzy
    assert read_memory_record(entry).doc == "archive"
    return root


def test_a_memory_draft_whose_source_changed_is_drafted_again_by_the_machine(drafted: Path):
    write_news(drafted, "Foto: kremlin.ru y AFP")
    result = invoke(drafted, "translate", "--lang", "en")
    assert result.exit_code == 0, result.output
    entry = read_po(catalog(drafted, "news")).find("Foto: kremlin.ru y AFP")
    assert entry.msgstr == "Foto: kremlin.ru y AFP" and entry.fuzzy  # the copy model's draft
    assert read_provenance(entry) is not None
    assert read_memory_record(entry) is None  # the old record described a text no longer there


def test_a_memory_draft_whose_new_source_is_in_the_memory_is_taken_from_it_again(drafted: Path):
    write_news(drafted, ANOTHER_CREDIT)
    result = invoke(drafted, "translate", "--lang", "en")
    assert result.exit_code == 0, result.output
    entry = read_po(catalog(drafted, "news")).find(ANOTHER_CREDIT)
    assert entry.msgstr == "Photo: kremlin.ru / Reuters" and entry.fuzzy
    assert read_memory_record(entry).doc == "archive" and read_provenance(entry) is None


def test_an_edited_memory_draft_is_a_persons_and_is_kept_when_the_source_changes(drafted: Path):
    po = read_po(catalog(drafted, "news"))
    po.find(CREDIT).msgstr = "Photograph: kremlin.ru"  # edited, still a draft
    write_po(po, catalog(drafted, "news"))
    write_news(drafted, "Foto: kremlin.ru y AFP")
    assert invoke(drafted, "translate", "--lang", "en").exit_code == 0
    entry = read_po(catalog(drafted, "news")).find("Foto: kremlin.ru y AFP")
    assert entry.msgstr == "Photograph: kremlin.ru" and entry.fuzzy
    assert entry.previous_msgid == CREDIT  # the reviewer sees what changed


def test_an_accepted_memory_draft_is_never_redone(drafted: Path):
    po = read_po(catalog(drafted, "news"))
    po.find(CREDIT).flags.remove("fuzzy")  # accepted in a PO editor
    write_po(po, catalog(drafted, "news"))
    write_news(drafted, "Foto: kremlin.ru y AFP")
    assert invoke(drafted, "translate", "--lang", "en").exit_code == 0
    entry = read_po(catalog(drafted, "news")).find("Foto: kremlin.ru y AFP")
    assert entry.msgstr == "Photo: kremlin.ru" and entry.fuzzy  # carried over for review
    assert read_provenance(entry) is None


def test_a_memory_draft_accepted_then_made_fuzzy_by_another_tool_is_not_redone(drafted: Path):
    for fuzzy in (False, True):  # accepted; extract notes it; msgmerge makes it fuzzy again
        po = read_po(catalog(drafted, "news"))
        entry = po.find(CREDIT)
        entry.flags = ["fuzzy"] if fuzzy else []
        write_po(po, catalog(drafted, "news"))
        assert invoke(drafted, "extract").exit_code == 0
    assert read_memory_record(read_po(catalog(drafted, "news")).find(CREDIT)).accepted
    write_news(drafted, "Foto: kremlin.ru y AFP")
    assert invoke(drafted, "translate", "--lang", "en").exit_code == 0
    assert read_po(catalog(drafted, "news")).find("Foto: kremlin.ru y AFP").msgstr == (
        "Photo: kremlin.ru"
    )
