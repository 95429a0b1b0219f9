"""Checking whole catalogs and projects (pipeline.qa.check_catalog / check_project)."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from pipeline.config import load_settings
from pipeline.errors import PipelineError
from pipeline.qa import CatalogFinding, Finding, check_catalog, check_project, fails

FIXTURES = Path(__file__).parent / "fixtures" / "qa"


def test_check_catalog_locates_findings_and_skips_obsolete_and_untranslated(tmp_path) -> None:
    path = tmp_path / "doc.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Duró 3 horas."\nmsgstr "It lasted 4 hours."\n\n'
        'msgid "Sin traducir."\nmsgstr ""\n\n'
        '#~ msgid "Duró 5 horas."\n#~ msgstr "It lasted 6 hours."\n',
        "utf-8",
    )
    (located,) = check_catalog(polib.pofile(str(path)), "doc.po", "es", "en")
    assert str(located) == (
        "doc.po:5: error: numbers: a number of the source is missing from the translation "
        "(compared by value): 3"
    )


def test_check_project_compares_russian_drafts_with_the_current_english(tmp_path) -> None:
    shutil.copytree(FIXTURES / "project", tmp_path / "p")
    settings = load_settings(tmp_path / "p")
    stale = [f for f in check_project(settings, ["ru"]) if f.finding.check == "stale"]
    assert [f.line for f in stale] == [16]


def test_check_project_refuses_a_language_that_is_not_configured(tmp_path) -> None:
    shutil.copytree(FIXTURES / "project", tmp_path / "p")
    with pytest.raises(PipelineError, match="language\\(s\\) de not in"):
        check_project(load_settings(tmp_path / "p"), ["de"])


def test_warnings_fail_only_when_strict() -> None:
    warning = CatalogFinding("a.po", 1, Finding("quotes", "warning", "…"))
    error = CatalogFinding("a.po", 2, Finding("numbers", "error", "…"))
    assert not fails([warning])
    assert fails([warning], strict=True)
    assert fails([warning, error])
