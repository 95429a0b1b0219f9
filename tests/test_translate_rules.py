"""The translate stage's rules, with an engine that marks text instead of translating it."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from fake_engine import Interrupted, MarkingEngines

from pipeline.config import load_settings
from pipeline.extract import extract_document, load_documents
from pipeline.provenance import digest, read_provenance
from pipeline.translate import plan_translation, run_plan

SOURCE = (
    "Titular de prueba\n\n"
    "Primera frase del primer párrafo. Segunda frase del primer párrafo.\n\n"
    "El segundo párrafo tiene una sola frase.\n\n"
    "El tercer párrafo habla de otra cosa. Y termina aquí.\n"
)


def make_project(root: Path, text: str = SOURCE) -> None:
    (root / "seeds").mkdir(exist_ok=True)
    (root / "seeds" / "nota.txt").write_text(text, encoding="utf-8")
    extract(root)


def extract(root: Path) -> None:
    settings = load_settings(root)
    for document in load_documents(settings):
        extract_document(settings, document)


def translate(root: Path, engines: MarkingEngines, langs=("en", "ru"), **kwargs) -> None:
    settings = load_settings(root)
    plan = plan_translation(settings, load_documents(settings), langs, engines)
    run_plan(plan, engines, **kwargs)


def catalog(root: Path, lang: str) -> polib.POFile:
    return polib.pofile(str(root / "locales" / lang / "LC_MESSAGES" / "nota.po"))


def entry(root: Path, lang: str, index: int) -> polib.POEntry:
    return list(catalog(root, lang))[index]


def test_fills_every_entry_with_a_fuzzy_draft_and_its_provenance(tmp_path: Path) -> None:
    make_project(tmp_path)
    translate(tmp_path, MarkingEngines())
    first = entry(tmp_path, "en", 1)
    assert (
        first.msgstr
        == "[en] Primera frase del primer párrafo. [en] Segunda frase del primer párrafo."
    )
    assert first.flags == ["fuzzy"]
    record = read_provenance(first)
    assert record.route == ("es", "en")
    assert record.packages == ("fake-es_en@1.0",)
    assert record.pivot is None
    assert all(e.msgstr and "fuzzy" in e.flags for e in catalog(tmp_path, "ru"))


def test_russian_pivots_through_english(tmp_path: Path) -> None:
    make_project(tmp_path)
    engines = MarkingEngines()
    translate(tmp_path, engines)
    ru = entry(tmp_path, "ru", 2)
    assert ru.msgstr == "[ru] [en] El segundo párrafo tiene una sola frase."
    record = read_provenance(ru)
    assert record.route == ("es", "en", "ru")
    assert record.packages == ("fake-es_en@1.0", "fake-en_ru@1.0")
    assert record.pivot == digest("[en] El segundo párrafo tiene una sola frase.")
    assert {pair for pair, _ in engines.calls} == {("es", "en"), ("en", "ru")}


def test_reviewed_translation_is_never_changed(tmp_path: Path) -> None:
    make_project(tmp_path)
    po = catalog(tmp_path, "en")
    po[2].msgstr = "The second paragraph has a single sentence."
    po.save()
    translate(tmp_path, MarkingEngines())
    reviewed = entry(tmp_path, "en", 2)
    assert reviewed.msgstr == "The second paragraph has a single sentence."
    assert reviewed.flags == []
    assert read_provenance(reviewed) is None


def test_a_single_space_translation_is_drafted_and_never_used_as_a_reviewed_pivot(
    tmp_path: Path,
) -> None:
    make_project(tmp_path)
    po = catalog(tmp_path, "en")
    po[2].msgstr = " "  # not fuzzy, yet no translation
    po.save()
    translate(tmp_path, MarkingEngines())
    en, ru = entry(tmp_path, "en", 2), entry(tmp_path, "ru", 2)
    assert en.msgstr == "[en] El segundo párrafo tiene una sola frase." and en.flags == ["fuzzy"]
    assert read_provenance(ru).route == ("es", "en", "ru")
    assert ru.msgstr == "[ru] [en] El segundo párrafo tiene una sola frase."


def test_draft_edited_by_a_person_is_never_replaced(tmp_path: Path) -> None:
    make_project(tmp_path)
    translate(tmp_path, MarkingEngines())
    po = catalog(tmp_path, "en")
    po[3].msgstr = "The third paragraph is about something else. And it ends here."
    po.save()
    engines = MarkingEngines()
    translate(tmp_path, engines)
    assert entry(tmp_path, "en", 3).msgstr.startswith("The third paragraph is about")
    assert "fuzzy" in entry(tmp_path, "en", 3).flags
    assert engines.calls == []


def test_own_unedited_draft_is_redone_when_its_source_changes(tmp_path: Path) -> None:
    make_project(tmp_path)
    translate(tmp_path, MarkingEngines())
    make_project(tmp_path, SOURCE.replace("tiene una sola frase", "tiene solo una frase"))
    engines = MarkingEngines()
    translate(tmp_path, engines, langs=("en",))
    redone = entry(tmp_path, "en", 2)
    assert redone.msgstr == "[en] El segundo párrafo tiene solo una frase."
    assert redone.previous_msgid is None
    assert engines.calls == [(("es", "en"), ["El segundo párrafo tiene solo una frase."])]


def test_russian_pivots_from_reviewed_english_and_is_redone_when_it_is_edited(
    tmp_path: Path,
) -> None:
    make_project(tmp_path)
    po = catalog(tmp_path, "en")
    po[2].msgstr = "The second paragraph has one sentence."
    po.save()
    engines = MarkingEngines()
    translate(tmp_path, engines, langs=("ru",))
    assert entry(tmp_path, "ru", 2).msgstr == "[ru] The second paragraph has one sentence."
    assert (("en", "ru"), ["The second paragraph has one sentence."]) in engines.calls
    assert all("second paragraph" not in " ".join(s) for p, s in engines.calls if p[0] == "es")

    po = catalog(tmp_path, "en")
    po[2].msgstr = "The second paragraph consists of one sentence."
    po.save()
    engines = MarkingEngines()
    translate(tmp_path, engines, langs=("ru",))
    assert entry(tmp_path, "ru", 2).msgstr == "[ru] The second paragraph consists of one sentence."
    assert engines.calls == [(("en", "ru"), ["The second paragraph consists of one sentence."])]


def test_reviewed_russian_stays_when_its_english_pivot_changes(tmp_path: Path) -> None:
    make_project(tmp_path)
    translate(tmp_path, MarkingEngines())
    ru = catalog(tmp_path, "ru")
    ru[2].flags.remove("fuzzy")  # a reviewer accepted the draft
    ru.save()
    en = catalog(tmp_path, "en")
    en[2].msgstr = "A reviewer's English."
    en[2].flags.remove("fuzzy")
    en.save()
    engines = MarkingEngines()
    translate(tmp_path, engines)
    assert entry(tmp_path, "ru", 2).msgstr == "[ru] [en] El segundo párrafo tiene una sola frase."
    assert engines.calls == []


def test_second_run_makes_no_model_call(tmp_path: Path) -> None:
    make_project(tmp_path)
    translate(tmp_path, MarkingEngines())
    before = {p: p.read_bytes() for p in (tmp_path / "locales").rglob("*.po")}
    engines = MarkingEngines()
    translate(tmp_path, engines)
    assert engines.calls == []
    assert {p: p.read_bytes() for p in before} == before


def test_interrupted_run_keeps_finished_paragraphs_and_the_next_run_resumes(
    tmp_path: Path,
) -> None:
    make_project(tmp_path)
    with pytest.raises(Interrupted):
        # Windows of one paragraph, saved at once: the engine stops in the third paragraph.
        translate(
            tmp_path,
            MarkingEngines(fail_after=4),
            langs=("en",),
            window_sentences=1,
            save_interval=0,
        )
    done = [e for e in catalog(tmp_path, "en") if e.msgstr]
    assert [e.msgid for e in done] == [e.msgid for e in list(catalog(tmp_path, "en"))[:3]]
    engines = MarkingEngines()
    translate(tmp_path, engines, langs=("en",))
    assert engines.calls == [
        (("es", "en"), ["El tercer párrafo habla de otra cosa.", "Y termina aquí."])
    ]
    assert all(e.msgstr for e in catalog(tmp_path, "en"))


def test_identical_paragraphs_are_translated_once_across_documents_and_windows(
    tmp_path: Path,
) -> None:
    make_project(tmp_path)
    (tmp_path / "seeds" / "otra.txt").write_text(SOURCE.replace("Titular", "Otro titular"), "utf-8")
    extract(tmp_path)
    engines = MarkingEngines()
    translate(tmp_path, engines, langs=("en",), window_sentences=1)
    sent = [s for _pair, sentences in engines.calls for s in sentences]
    assert sorted(sent) == sorted(set(sent))
    assert catalog(tmp_path, "en")[2].msgstr == "[en] El segundo párrafo tiene una sola frase."


def test_interrupted_engine_call_still_drafts_the_paragraphs_it_finished(tmp_path: Path) -> None:
    make_project(tmp_path)
    with pytest.raises(Interrupted):
        translate(tmp_path, MarkingEngines(fail_after=3), langs=("en",))  # one window, one call
    drafted = [e.msgstr for e in catalog(tmp_path, "en")]
    assert drafted[:2] == [
        "[en] Titular de prueba",
        "[en] Primera frase del primer párrafo. [en] Segunda frase del primer párrafo.",
    ]
    assert drafted[2:] == ["", ""]
