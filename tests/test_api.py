"""pipeline.api: each command as a function on a real project, returning results, printing nothing.

Translation goes through tests/fake_engine.py's MarkingEngines, handed to the API as an object:
no model, no registration.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import polib
import pytest
from fake_engine import MarkingEngines

from pipeline import api
from pipeline.config import load_settings
from pipeline.errors import PipelineError
from pipeline.mt import registry
from pipeline.mt.engine import ModelsUnavailable
from pipeline.mt.routes import Pair

NOTA = "Titular de la nota\n\nEl río crece cada primavera. Y termina aquí.\n"
CARTA = "Una carta\n\nQuerida Ana: llegamos bien.\n"
REVIEWER = "Ana Revisora <ana@example.org>"


class EngineWithoutModels(MarkingEngines):
    """Offers the pairs but has none of their models, and cannot install them."""

    def ensure(self, pairs: Sequence[Pair]) -> None:
        raise ModelsUnavailable("no model for es→en; run `pipeline models install`")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "nota.txt").write_text(NOTA, encoding="utf-8")
    (tmp_path / "seeds" / "carta.txt").write_text(CARTA, encoding="utf-8")
    return tmp_path


@pytest.fixture(autouse=True)
def prints_nothing(capfd: pytest.CaptureFixture[str]):
    """No API function writes to stdout or stderr: printing is the CLI's."""
    yield
    assert capfd.readouterr() == ("", "")


def catalog(project: Path, lang: str, doc: str = "nota") -> polib.POFile:
    return polib.pofile(str(project / "locales" / lang / "LC_MESSAGES" / f"{doc}.po"))


def test_extract_reports_every_file_it_wrote_then_nothing_changed(project: Path) -> None:
    first = api.extract(project)
    again = api.extract(project)

    assert [(c.path, c.action) for c in first.changes if c.path.startswith("locales/nota")] == [
        ("locales/nota.pot", "created")
    ]
    assert {c.action for c in first.changes} == {"created"}
    assert len(first.changes) == 6  # a template and two catalogs per document
    assert {c.action for c in again.changes} == {"unchanged"}
    assert [d.doc_id for d in again.documents] == ["carta", "nota"]
    assert first.errors == []


def test_extract_of_named_documents_touches_only_those(project: Path) -> None:
    result = api.extract(str(project), ["nota"])

    assert [d.doc_id for d in result.documents] == ["nota"]
    assert not (project / "locales" / "carta.pot").exists()


def test_extract_records_a_bad_document_and_goes_on_with_the_others(project: Path) -> None:
    (project / "seeds" / "carta.txt").write_bytes(b"Una carta\n\n\xff\n")

    result = api.extract(project)

    assert len(result.errors) == 1 and "seeds/carta.txt" in result.errors[0]
    assert [(r.name, r.error is None) for r in result.results] == [
        ("seeds/carta.txt", False),
        ("seeds/nota.txt", True),
    ]
    assert [d.doc_id for d in result.documents] == ["nota"]


def test_extract_of_an_unknown_document_raises_a_pipeline_error(project: Path) -> None:
    with pytest.raises(PipelineError, match="no source document named nada"):
        api.extract(project, ["nada"])


def test_translate_drafts_with_the_given_engine_after_extracting(project: Path) -> None:
    engine = MarkingEngines()
    seen: list[api.ExtractResult] = []

    result = api.translate(load_settings(project), engine=engine, on_extracted=seen.append)

    assert seen == [result.extracted] and len(result.extracted.documents) == 2
    assert dict(result.outcome.drafted) == {
        "locales/en/LC_MESSAGES/carta.po": 2,
        "locales/en/LC_MESSAGES/nota.po": 2,
        "locales/ru/LC_MESSAGES/carta.po": 2,
        "locales/ru/LC_MESSAGES/nota.po": 2,
    }
    entry = catalog(project, "ru").find("Titular de la nota")
    assert entry.msgstr == "[ru] [en] Titular de la nota" and entry.fuzzy


def test_translate_of_one_language_leaves_the_other_empty(project: Path) -> None:
    api.translate(project, ["nota"], ["en"], engine=MarkingEngines())

    assert all(entry.msgstr.startswith("[en] ") for entry in catalog(project, "en"))
    assert all(not entry.msgstr for entry in catalog(project, "ru"))


def test_translate_without_models_raises_after_extracting(project: Path) -> None:
    with pytest.raises(ModelsUnavailable):
        api.translate(project, engine=EngineWithoutModels())

    assert (project / "locales" / "nota.pot").is_file()


def test_run_extracts_translates_and_publishes(project: Path) -> None:
    result = api.run(project, engine=MarkingEngines())

    assert result.not_translated is None and not result.failed
    assert sum(result.outcome.drafted.values()) == 8
    written = {f.path for f in result.published.files if f.action == "written"}
    assert any(path.startswith("output/") and "nota" in path for path in written)


def test_run_without_models_still_publishes_and_says_why(project: Path) -> None:
    result = api.run(project, engine=EngineWithoutModels())

    assert result.outcome is None
    assert result.not_translated == "no model for es→en; run `pipeline models install`"
    assert result.published.files and len(result.extracted.documents) == 2


def test_status_counts_drafts_and_lists_catalogs_under_a_share(project: Path) -> None:
    api.translate(project, engine=MarkingEngines())

    result = api.status(project, ["ru"])

    assert [s.file for s in result.statuses] == [
        "locales/ru/LC_MESSAGES/carta.po",
        "locales/ru/LC_MESSAGES/nota.po",
    ]
    assert all(s.stats.drafts.entries == 2 for s in result.statuses)
    assert result.below(50) == result.statuses and result.warnings == []


def test_status_warns_of_a_catalog_in_a_language_the_project_lacks(project: Path) -> None:
    api.extract(project)
    stray = project / "locales" / "fr" / "LC_MESSAGES"
    stray.mkdir(parents=True)
    (stray / "nota.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")

    assert "language 'fr' is not in" in " ".join(api.status(project).warnings)


def test_check_finds_the_marking_engines_untranslated_drafts(project: Path) -> None:
    api.translate(project, ["nota"], engine=MarkingEngines())

    result = api.check(project, ["en"])

    assert {f.file for f in result.findings} == {"locales/en/LC_MESSAGES/nota.po"}
    assert "untranslated" in {f.finding.check for f in result.findings}
    assert result.fails()


def test_check_of_catalogs_without_translations_finds_nothing(project: Path) -> None:
    api.extract(project)

    result = api.check(project)

    assert result.findings == [] and not result.fails(strict=True)


def test_publish_writes_pages_then_leaves_them(project: Path) -> None:
    api.extract(project)

    first = api.publish(project)
    again = api.publish(project, reviewed_only=True)

    assert first.files and {f.action for f in first.files} == {"written"}
    assert all((project / f.path).is_file() for f in first.files)
    assert first.errors == []
    assert {f.path for f in again.files} == {f.path for f in first.files}


def test_publish_leaves_out_a_language_under_the_minimum(project: Path) -> None:
    api.extract(project)

    report = api.publish(project, min_reviewed=50)

    assert report.notes and all("reviewed" in note for note in report.notes)


def test_accept_checked_accepts_only_the_draft_without_findings(project: Path) -> None:
    api.translate(project, ["nota"], ["en"], engine=MarkingEngines())
    path = project / "locales" / "en" / "LC_MESSAGES" / "nota.po"
    po = polib.pofile(str(path))
    po.find("Titular de la nota").msgstr = "Headline of the note"  # still a fuzzy draft
    po.save(str(path))

    result = api.accept_checked(project, "en", ["nota"], REVIEWER)

    assert result.drafts == 2 and result.changed_on_disk == []
    assert [draft.entry.msgid for draft in result.accepted] == ["Titular de la nota"]
    after = catalog(project, "en")
    assert not after.find("Titular de la nota").fuzzy
    assert after.find("El río crece cada primavera. Y termina aquí.").fuzzy
    assert after.metadata["Last-Translator"] == REVIEWER


def test_accept_checked_with_no_drafts_accepts_nothing(project: Path) -> None:
    api.extract(project)

    assert api.accept_checked(project, "ru", reviewer=REVIEWER) == api.ReviewResult(0)


def test_models_import_list_and_remove(project: Path, argos_home: Path, make_package) -> None:
    installed = api.models_import(make_package("es", "en"))
    listed = api.models_list(project, str(project / "no-index.json")).lines()
    removed = api.models_remove("es-en")

    folder = argos_home / "packages" / "translate-es_en-1_9"
    assert str(installed) == f"es→en 1.9: installed in {folder}"
    assert f"  es→en 1.9  {folder}" in listed
    assert removed == [folder]


def test_models_install_offline_raises_a_pipeline_error(
    project: Path, argos_home: Path, unreachable_url: str
) -> None:
    with pytest.raises(PipelineError, match="could not reach the Argos package index"):
        api.models_install(project, ["es-en"], unreachable_url)


def test_the_example_in_docs_api_runs(
    project: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    text = (Path(__file__).parent.parent / "docs" / "api.md").read_text(encoding="utf-8")
    example = text.split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.setattr(registry, "_factories", dict(registry._factories))
    registry.register("marking", lambda settings, flags: MarkingEngines())
    (project / "pyproject.toml").write_text('[tool.pipeline]\nengine = "marking"\n')
    monkeypatch.chdir(project.parent)
    example = example.replace('"my-project"', repr(project.name))

    exec(compile(example, "docs/api.md", "exec"), {})

    printed = capfd.readouterr().out  # the script's own prints, read before prints_nothing looks
    assert "locales/en/LC_MESSAGES/nota.po: 2 new drafts" in printed
    assert "written output/" in printed
