"""`status` and `publish` through click agree on what is reviewed and on the reviewed share."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from publish_project import Entries, write_document

from pipeline.cli import main

# Words (pipeline.units.word_count) once per distinct paragraph: 3 + 4 + 2 + 2 = 11; a dash is no
# word and the repeated chorus counts once. Counting every token of every occurrence would give 15.
SOURCE = """Titular de prueba

Uno dos tres — cuatro.

Estribillo repetido.

Cinco — seis.

Estribillo repetido.
"""
HEADLINE, LONG, CHORUS, SHORT = (
    "Titular de prueba",
    "Uno dos tres — cuatro.",
    "Estribillo repetido.",
    "Cinco — seis.",
)
# Reviewed: the headline and the chorus, 5 of 11 words (45.45%); every token of every occurrence
# would make it 7 of 15 (46.67%), on the other side of 46.
ENGLISH: Entries = {
    HEADLINE: ("Test headline", False),
    LONG: ("One two three — four.", True),
    CHORUS: ("Repeated chorus.", False),
    SHORT: ("Five — six.", True),
}
RUSSIAN: Entries = {}


def invoke(project: Path, *args: str):
    return CliRunner().invoke(main, ["--project", str(project), *args])


def status_fails_under(project: Path, percent: str) -> bool:
    result = invoke(project, "status", "--lang", "en", "--fail-under", percent)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code == 1


def publish_leaves_english_out(project: Path, percent: str) -> bool:
    result = invoke(project, "publish", "--min-reviewed", percent)
    assert result.exit_code == 0, result.output
    return "skipped   doc: en left out" in result.output


@pytest.mark.parametrize("percent", ["45", "45.4", "45.5", "46", "47"])
def test_fail_under_and_min_reviewed_agree_with_repeated_paragraphs_and_dashes(
    tmp_path: Path, percent: str
) -> None:
    write_document(tmp_path, "doc", SOURCE, en=ENGLISH, ru=RUSSIAN)
    below = float(percent) > 100 * 5 / 11
    assert status_fails_under(tmp_path, percent) is below
    assert publish_leaves_english_out(tmp_path, percent) is below


def test_status_and_publish_agree_that_a_single_space_is_untranslated(tmp_path: Path) -> None:
    english = {**ENGLISH, LONG: (" ", False), SHORT: ("Five — six.", False)}
    write_document(tmp_path, "doc", SOURCE, en=english, ru=RUSSIAN)

    status = invoke(tmp_path, "status", "--json", "--lang", "en")
    assert status.exit_code == 0, status.output
    (row,) = json.loads(status.stdout)
    assert row["untranslated"] == {"entries": 1, "words": 4, "percent": 36.4}
    assert row["reviewed"]["words"] == 7

    published = invoke(tmp_path, "publish")
    assert published.exit_code == 0, published.output
    page = (tmp_path / "output" / "doc" / "es-en.md").read_text(encoding="utf-8")
    assert page.count("*translation pending*") == 1
    # 7 of 11 words reviewed (63.6%): both commands put the threshold at the same place.
    assert not status_fails_under(tmp_path, "63.6") and not publish_leaves_english_out(
        tmp_path, "63.6"
    )
    assert status_fails_under(tmp_path, "63.7") and publish_leaves_english_out(tmp_path, "63.7")
