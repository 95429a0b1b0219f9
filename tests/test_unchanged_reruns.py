"""Unchanged re-runs skip stamped documents unread, and every kind of edit is still picked up."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from fake_engine import MarkingEngines

from pipeline import api, publish, stamps
from pipeline.config import load_settings
from pipeline.gettext import read as gettext_read
from pipeline.tm.index import load_memory

SOURCE = (
    "Un título\n\n"
    "El primer párrafo tiene dos frases. Esta es la segunda.\n\n"
    "El segundo párrafo tiene solo una frase.\n"
)


@pytest.fixture
def translated(tmp_path: Path) -> Path:
    """A project of two documents, extracted and drafted in English and Russian."""
    (tmp_path / "seeds").mkdir()
    for name in ("nota", "otra"):
        (tmp_path / "seeds" / f"{name}.txt").write_text(SOURCE.replace("Un", name), "utf-8")
    api.translate(tmp_path, engine=MarkingEngines())
    load_memory(load_settings(tmp_path))  # its cache up to date: it reads only what changes
    return tmp_path


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The display names of the catalogs parsed from now on."""
    parsed: list[str] = []
    real = gettext_read.parse_po

    def spy(data, name, *args, **kwargs):
        parsed.append(name)
        return real(data, name, *args, **kwargs)

    monkeypatch.setattr(gettext_read, "parse_po", spy)
    return parsed


def catalog_path(project: Path, lang: str, doc: str = "nota") -> Path:
    return project / "locales" / lang / "LC_MESSAGES" / f"{doc}.po"


def test_a_translate_right_after_a_translate_parses_no_catalog_and_writes_nothing(
    translated: Path, parses: list[str]
) -> None:
    before = {p: p.stat().st_mtime_ns for p in (translated / "locales").rglob("*.po*")}
    engines = MarkingEngines()
    result = api.translate(translated, engine=engines)
    assert parses == []
    assert engines.calls == []
    assert {change.action for change in result.extracted.changes} == {"unchanged"}
    assert {p: p.stat().st_mtime_ns for p in (translated / "locales").rglob("*.po*")} == before


def test_extract_in_full_agrees_with_the_stamps_translate_carried_over(translated: Path) -> None:
    # translate moved the extract stamps to the catalogs with drafts: a full extract (no
    # stamps) must find those catalogs exactly as it would write them
    (translated / "locales" / ".stamps.json").unlink()
    result = api.extract(translated)
    assert {change.action for change in result.changes} == {"unchanged"}


def test_an_entry_a_person_emptied_is_drafted_again_and_only_its_catalog_is_read(
    translated: Path, parses: list[str]
) -> None:
    path = catalog_path(translated, "en")
    po = polib.pofile(str(path))
    po[1].msgstr = ""
    po[1].flags = []
    po.save()
    engines = MarkingEngines()
    api.translate(translated, engine=engines)
    assert polib.pofile(str(path))[1].msgstr.startswith("[en] ")
    assert (("es", "en"), ["El primer párrafo tiene dos frases.", "Esta es la segunda."]) in (
        engines.calls
    )
    assert not any("otra" in name for name in parses)


def test_an_entry_a_person_deleted_comes_back_at_the_next_extract(translated: Path) -> None:
    path = catalog_path(translated, "ru")
    po = polib.pofile(str(path))
    po.remove(po[2])
    po.save()
    result = api.extract(translated)
    assert "locales/ru/LC_MESSAGES/nota.po" in {
        change.path for change in result.changes if change.action == "updated"
    }
    assert len(polib.pofile(str(path))) == 3


def test_a_reviewed_english_edit_redrafts_the_russian_it_pivots(translated: Path) -> None:
    path = catalog_path(translated, "en")
    po = polib.pofile(str(path))
    po[2].msgstr = "The second paragraph has one sentence."
    po[2].flags = []  # reviewed
    po.save()
    engines = MarkingEngines()
    api.translate(translated, engine=engines)
    assert polib.pofile(str(catalog_path(translated, "ru")))[2].msgstr == (
        "[ru] The second paragraph has one sentence."
    )


def test_an_edited_source_updates_its_template_and_catalogs(translated: Path) -> None:
    source = translated / "seeds" / "nota.txt"
    source.write_text(SOURCE.replace("Un", "nota").replace("solo una", "una sola"), "utf-8")
    engines = MarkingEngines()
    api.translate(translated, engine=engines)
    assert {s for _pair, sentences in engines.calls for s in sentences} == {
        "El segundo párrafo tiene una sola frase.",
        "[en] El segundo párrafo tiene una sola frase.",
    }
    template = polib.pofile(str(translated / "locales" / "nota.pot"))
    assert "El segundo párrafo tiene una sola frase." in {entry.msgid for entry in template}


def test_a_changed_setting_drops_every_stamp(translated: Path, parses: list[str]) -> None:
    (translated / "pyproject.toml").write_text(
        '[tool.pipeline]\nsource_language = "es"\ntarget_languages = ["en", "ru"]\n'
        'glossary_dir = "terms"\n',
        "utf-8",
    )
    api.translate(translated, engine=MarkingEngines())
    assert "locales/ru/LC_MESSAGES/otra.po" in parses  # read by extract and by the plan


def test_another_version_of_the_pipeline_drops_every_stamp(
    translated: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stamps, "code_digest", lambda: "another version")
    api.translate(translated, engine=MarkingEngines())
    assert "locales/ru/LC_MESSAGES/otra.po" in parses


def test_a_broken_stamps_file_is_no_stamp(translated: Path, parses: list[str]) -> None:
    (translated / "locales" / ".stamps.json").write_text("{not json", "utf-8")
    result = api.extract(translated)
    assert {change.action for change in result.changes} == {"unchanged"}
    assert parses  # read in full, and stamped again
    parses.clear()
    api.extract(translated)
    assert parses == []


def page(project: Path, name: str = "es-en.html") -> Path:
    return project / "output" / "nota" / name


def test_an_unchanged_publish_renders_nothing_and_reports_every_page_unchanged(
    translated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = api.publish(translated)
    monkeypatch.setattr(publish.Renderer, "render", None)  # any page rendered would fail
    monkeypatch.setattr(publish.Renderer, "html", lambda self, template, **context: "index")
    again = api.publish(translated)
    assert {(f.action, f.path) for f in again.files if Path(f.path).name != "index.html"} == {
        ("unchanged", f.path) for f in first.files if Path(f.path).name != "index.html"
    }


def test_a_project_template_change_republishes_the_pages_it_shapes(translated: Path) -> None:
    api.publish(translated)
    (translated / "templates").mkdir()
    shipped = Path(publish.__file__).parent / "templates" / "parallel.html"
    text = shipped.read_text("utf-8").replace("{% block body %}", "{% block body %}Our own")
    (translated / "templates" / "parallel.html").write_text(text, "utf-8")
    api.publish(translated)
    for name in ("es-en.html", "es-ru.html", "index.html"):
        assert "Our own" in page(translated, name).read_text("utf-8")


def test_a_catalog_edit_republishes_its_document(translated: Path) -> None:
    api.publish(translated)
    path = catalog_path(translated, "en")
    po = polib.pofile(str(path))
    po[2].msgstr = "The second paragraph, reviewed."
    po[2].flags = []
    po.save()
    api.publish(translated)
    assert "The second paragraph, reviewed." in page(translated).read_text("utf-8")


def test_a_deleted_or_edited_page_is_written_again(translated: Path) -> None:
    api.publish(translated)
    written = page(translated).read_bytes()
    page(translated).unlink()
    page(translated, "index.md").write_text("edited by hand", "utf-8")
    api.publish(translated)
    assert page(translated).read_bytes() == written
    assert page(translated, "index.md").read_text("utf-8") != "edited by hand"


def test_other_publish_options_render_again(translated: Path) -> None:
    api.publish(translated)
    assert "[en] El segundo" in page(translated).read_text("utf-8")
    api.publish(translated, reviewed_only=True)
    assert "[en] El segundo" not in page(translated).read_text("utf-8")


def test_stamps_that_cannot_be_written_do_not_fail_the_stage(
    translated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # publish writes only output/: catalogs in a read-only folder must not stop it
    def refuse(path: Path, _data: bytes) -> bool:
        raise PermissionError(13, "Permission denied", str(path))

    (translated / "locales" / ".stamps.json").unlink()
    monkeypatch.setattr(stamps, "write_bytes_atomic", refuse)
    report = api.publish(translated)
    assert not report.errors
    assert page(translated).is_file()
    assert not (translated / "locales" / ".stamps.json").exists()


def test_a_moved_project_keeps_its_stamps(
    translated: Path, tmp_path_factory: pytest.TempPathFactory, parses: list[str]
) -> None:
    moved = tmp_path_factory.mktemp("elsewhere") / "project"
    shutil.copytree(translated, moved)
    api.translate(moved, engine=MarkingEngines())
    assert parses == []
