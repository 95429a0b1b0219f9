"""`review` shows other engines' drafts of the entry on [v], and a number key accepts one."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from fake_engine import ShoutingEngine
from test_review import REVIEWER, write_catalog

import pipeline.review.tui
from pipeline.cli import main
from pipeline.config import Settings
from pipeline.mt import registry
from pipeline.mt.routes import Pair
from pipeline.provenance import Provenance
from pipeline.review.alternatives import Alternatives
from pipeline.review.session import load_drafts

PAIRS = [Pair("es", "en"), Pair("es", "ru")]
ROWS = [
    ("Primer párrafo.", "Первый абзац.", True, None),
    ("Visita kremlin.ru hoy.", "x", True, None),
]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setattr(pipeline.review.tui, "stdin_is_terminal", lambda: True)
    root = tmp_path / "project"
    write_catalog(root, "news", ROWS)
    return root


def test_each_other_engine_offering_the_route_drafts_the_entry_once(project: Path) -> None:
    made_it, other, lossy = (
        ShoutingEngine("made-it", PAIRS),
        ShoutingEngine("other", PAIRS),
        ShoutingEngine("lossy", PAIRS, dropping=True),
    )
    drafts = load_drafts(Settings(root=project), "ru")
    record = Provenance("made-it", ("es", "ru"), ("made-it@1",), "s", "o")
    drafts[0].entry.tcomment = record.to_comment()
    alternatives = Alternatives(Settings(root=project), "ru", lambda: [made_it, other, lossy])

    first = alternatives(drafts[0])
    assert [(a.engine, a.text, a.problems) for a in first] == [
        ("other", "PRIMER PÁRRAFO.", ()),
        ("lossy", "SIN NADA.", ()),
    ]
    assert made_it.calls == 0  # the engine that made the draft is not asked again
    assert alternatives(drafts[0]) == first and other.calls == 1  # made once
    second = alternatives(drafts[1])  # no provenance: every engine offers its draft
    assert [a.engine for a in second] == ["made-it", "other", "lossy"]
    assert second[1].text == "VISITA kremlin.ru HOY."  # protected spans kept as written
    assert second[2].problems == ("lost kremlin.ru",)


def test_v_shows_the_other_engines_drafts_and_a_number_accepts_one(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(registry, "_factories", dict(registry._factories))
    registry.register("shouting", lambda settings, flags: ShoutingEngine("shouting", PAIRS))
    (project / "pyproject.toml").write_text('[tool.pipeline]\nengine = "shouting"\n')
    result = CliRunner().invoke(
        main,
        ["--project", str(project), "review", "--lang", "ru", "--reviewer", REVIEWER],
        input="v1q",
    )
    assert result.exit_code == 0, result.output
    assert "[1]:      shouting: PRIMER PÁRRAFO." in result.output
    assert "[1] accept shouting's" in result.output
    po = polib.pofile(str(project / "locales" / "ru" / "LC_MESSAGES" / "news.po"))
    entry = po.find("Primer párrafo.")
    assert entry.msgstr == "PRIMER PÁRRAFO." and "fuzzy" not in entry.flags
    assert po.find("Visita kremlin.ru hoy.").msgstr == "x"  # the next draft untouched


def test_v_without_another_engine_says_so_and_digits_do_nothing(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.pipeline]\nengine = "argos"\n')
    result = CliRunner().invoke(
        main,
        ["--project", str(project), "review", "--lang", "ru", "--reviewer", REVIEWER],
        input="v1q",
    )
    assert "No other engine offers this language on its own." in result.output
    assert "Unknown key '1'" in result.output
    po = polib.pofile(str(project / "locales" / "ru" / "LC_MESSAGES" / "news.po"))
    assert "fuzzy" in po.find("Primer párrafo.").flags
