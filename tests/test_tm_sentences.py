"""A paragraph with no match of its own is drafted from the memory's translations of each of its
sentences, and only when the memory has every one of them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pipeline.cli import main
from pipeline.gettext import read_po, write_po
from pipeline.tm.memory import Memory, Unit
from pipeline.tm.record import read_memory_record
from pipeline.tm.sentences import aligned_sentences, from_sentences
from pipeline.units import read_provenance

TWO = "La reunión terminó tarde. Mañana habrá otra."
ONE = "El ministro no habló."
REVIEWED = {
    TWO: "The meeting ended late. There will be another tomorrow.",
    ONE: "The minister did not speak.",
}


def invoke(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--project", str(root), *args], catch_exceptions=False)


def test_a_unit_gives_its_sentence_pairs_only_when_both_sides_have_as_many() -> None:
    unit = Unit(TWO, REVIEWED[TWO], "en", "archive")
    assert [(u.source, u.target) for u in aligned_sentences(unit, "es")] == [
        ("La reunión terminó tarde.", "The meeting ended late."),
        ("Mañana habrá otra.", "There will be another tomorrow."),
    ]
    merged = Unit(TWO, "The meeting ended late, and another comes tomorrow.", "en", "archive")
    assert aligned_sentences(merged, "es") == []
    assert aligned_sentences(Unit(ONE, REVIEWED[ONE], "en", "archive"), "es") == []


def test_a_paragraph_is_put_together_with_its_own_spacing_and_every_source_named() -> None:
    units = [Unit(source, target, "en", "archive") for source, target in REVIEWED.items()]
    other = Unit("Hoy llueve. Mañana habrá otra.", "It rains. Another tomorrow.", "en", "other")
    sentences = [s for u in [*units, other] for s in aligned_sentences(u, "es")]
    memory = Memory([*units, other], sentences)
    joined = from_sentences(memory, "en", "El ministro no habló.\u00a0 Hoy llueve.", "es")
    assert joined.target == "The minister did not speak.\u00a0 It rains."
    assert (joined.doc, joined.reviewed) == ("archive, other", True)
    assert from_sentences(memory, "en", "El ministro no habló. Nadie sabe más.", "es") is None
    assert from_sentences(memory, "en", ONE, "es") is None  # a whole match is exact()'s


@pytest.fixture
def project(tmp_path: Path, install_argos) -> Path:
    install_argos("copy-es-en")
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "archive.txt").write_text(f"{TWO}\n\n{ONE}\n", encoding="utf-8")
    (root / "pyproject.toml").write_text("[tool.pipeline]\ntm_accept_exact = true\n")
    assert invoke(root, "extract").exit_code == 0
    path = root / "locales" / "en" / "LC_MESSAGES" / "archive.po"
    po = read_po(path)
    for entry in po:
        entry.msgstr = REVIEWED.get(entry.msgid, "")
    write_po(po, path)
    return root


def test_translate_drafts_a_paragraph_from_its_sentences_in_the_memory(project: Path) -> None:
    news = "Mañana habrá otra.  El ministro no habló."
    missing = "Mañana habrá otra. Nadie sabe más."
    (project / "seeds" / "news.txt").write_text(f"{news}\n\n{missing}\n", encoding="utf-8")
    result = invoke(project, "translate", "--lang", "en")
    assert result.exit_code == 0, result.output
    po = read_po(project / "locales" / "en" / "LC_MESSAGES" / "news.po")
    joined = po.find(news)
    assert joined.msgstr == "There will be another tomorrow.  The minister did not speak."
    assert joined.fuzzy  # never accepted outright, tm_accept_exact or not
    assert read_memory_record(joined).doc == "archive"
    drafted = po.find(missing)  # one sentence the memory lacks: the machine drafts it all
    assert drafted.msgstr == missing and read_provenance(drafted) is not None
