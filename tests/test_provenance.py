"""Provenance records in translator comments: written, read back, and kept by other tools."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from pipeline.provenance import Provenance, digest, read_provenance, write_provenance

RECORD = Provenance(
    engine="argos",
    route=("es", "en", "ru"),
    packages=("translate-es_en@1.9", "translate-en_ru@1.9"),
    src=digest("Hola."),
    out=digest("Привет."),
    pivot=digest("Hello."),
)


def test_record_round_trips_and_other_comments_stay() -> None:
    entry = polib.POEntry(msgid="Hola.", msgstr="Привет.", tcomment="a reviewer's note")
    write_provenance(entry, RECORD)
    assert read_provenance(entry) == RECORD
    assert entry.tcomment.splitlines()[0] == "a reviewer's note"
    write_provenance(entry, None)
    assert entry.tcomment == "a reviewer's note"
    assert read_provenance(entry) is None


def test_record_lines_are_short_enough_that_no_tool_wraps_them() -> None:
    assert all(len(f"# {line}") <= 79 for line in RECORD.to_comment().splitlines())


def test_made_tells_an_edited_draft_apart() -> None:
    assert RECORD.made("Привет.")
    assert not RECORD.made("Здравствуйте.")


@pytest.mark.skipif(not shutil.which("msgmerge"), reason="GNU gettext is not installed")
def test_record_survives_msgmerge(tmp_path: Path) -> None:
    entry = polib.POEntry(msgid="Hola.", msgstr="Привет.", flags=["fuzzy"])
    write_provenance(entry, RECORD)
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(entry)
    po.save(str(tmp_path / "ru.po"))
    pot = polib.POFile()
    pot.metadata = po.metadata
    pot.append(polib.POEntry(msgid="Hola."))
    pot.save(str(tmp_path / "doc.pot"))
    merged = tmp_path / "merged.po"
    subprocess.run(
        ["msgmerge", "-q", "-o", str(merged), str(tmp_path / "ru.po"), str(tmp_path / "doc.pot")],
        check=True,
    )
    assert read_provenance(polib.pofile(str(merged))[0]) == RECORD
