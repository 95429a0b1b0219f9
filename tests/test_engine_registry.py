"""The engine seam: an engine written and registered in a test runs the real commands.

Nothing of Argos is used here: the project's ``[tool.pipeline] engine`` chooses the engine by
the name it was registered under, routes follow the pairs it offers, and every draft's
provenance names it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner, Result

from pipeline.cli import main
from pipeline.config import Settings, load_settings
from pipeline.errors import PipelineError
from pipeline.mt import registry
from pipeline.mt.engine import ModelsUnavailable
from pipeline.mt.routes import Pair
from pipeline.provenance import read_provenance

SOURCE = "Titular de la nota\n\nEl río crece cada primavera. Y termina aquí.\n"


class UpperEngine:
    """Upper-cases every sentence; offers es→en and es→ru directly."""

    name = "upper"

    def __init__(self, offered: frozenset[Pair] = frozenset({Pair("es", "en"), Pair("es", "ru")})):
        self.offered = offered

    def pairs(self) -> frozenset[Pair]:
        return self.offered

    def ensure(self, pairs: Sequence[Pair]) -> None:
        missing = [str(pair) for pair in pairs if pair not in self.offered]
        if missing:
            raise ModelsUnavailable(f"upper cannot translate {', '.join(missing)}")

    def install(self) -> list[str]:
        return []

    def identity(self, pair: Pair) -> str:
        return f"upper-{pair.from_code}_{pair.to_code}@1"

    def translator(self, pair: Pair) -> UpperEngine:
        return self

    def translate(self, sentences, on_progress=None, finished=None):  # as mt.engine.Translator
        out = [sentence.upper() for sentence in sentences]
        if finished is not None:
            finished.update(zip(sentences, out, strict=True))
        if on_progress is not None:
            on_progress(len(out))
        return out


class InstallingEngine(UpperEngine):
    """Offers nothing until ``install``, which brings es→en and a direct es→ru."""

    name = "installing"

    def __init__(self) -> None:
        super().__init__(frozenset())

    def install(self) -> list[str]:
        self.offered = frozenset({Pair("es", "en"), Pair("es", "ru")})
        return ["es→en 1: installed", "es→ru 1: installed"]


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test engines registered by name, for this test only."""
    monkeypatch.setattr(registry, "_factories", dict(registry._factories))
    registry.register("upper", lambda settings, flags: UpperEngine())
    registry.register("installing", lambda settings, flags: InstallingEngine())


def project(root: Path, engine: str) -> Path:
    (root / "pyproject.toml").write_text(f'[tool.pipeline]\nengine = "{engine}"\n')
    (root / "seeds").mkdir()
    (root / "seeds" / "nota.txt").write_text(SOURCE, encoding="utf-8")
    return root


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--project", str(root), *args])


def catalog(root: Path, lang: str) -> polib.POFile:
    return polib.pofile(str(root / "locales" / lang / "LC_MESSAGES" / "nota.po"))


def succeeds(root: Path, command: str) -> Result:
    result = run(root, command)
    assert result.exit_code == 0, result.output
    return result


def test_a_registered_engine_translates_through_the_cli_and_is_named_in_provenance(
    tmp_path: Path, registered: None
) -> None:
    root = project(tmp_path, "upper")
    succeeds(root, "translate")
    for lang in ("en", "ru"):
        entries = list(catalog(root, lang))
        assert len(entries) == 2
        for entry in entries:
            assert entry.msgstr == entry.msgid.upper()
            assert entry.flags == ["fuzzy"]
            record = read_provenance(entry)
            assert record.engine == "upper"
            # the engine offers es→ru, so Russian goes there directly, not through English
            assert record.route == ("es", lang)
            assert record.packages == (f"upper-es_{lang}@1",)


def test_run_installs_what_the_engine_lacks_then_routes_by_what_it_installed(
    tmp_path: Path, registered: None
) -> None:
    root = project(tmp_path, "installing")
    assert "es→ru 1: installed" in succeeds(root, "run").output
    assert all(read_provenance(e).route == ("es", "ru") for e in catalog(root, "ru"))


def test_translate_stops_when_the_engine_lacks_a_pair(tmp_path: Path, registered: None) -> None:
    root = project(tmp_path, "installing")
    result = run(root, "translate")
    assert result.exit_code == 1
    assert "upper cannot translate es→en, en→ru" in result.stderr
    assert all(not entry.msgstr for entry in catalog(root, "ru"))


def test_an_unknown_engine_setting_names_the_known_engines(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.pipeline]\nengine = "deepl"\n')
    known = "use one of: apertium, argos"
    with pytest.raises(PipelineError, match=f"engine = 'deepl' is not an engine; {known}"):
        load_settings(tmp_path)


def test_argos_is_the_default_engine_and_apertium_its_fallback(tmp_path: Path) -> None:
    assert load_settings(tmp_path).engine_order == ("argos", "apertium")
    assert registry.engine_for(Settings(root=tmp_path)).name == "argos+apertium"


def test_one_engine_named_alone_is_used_alone(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.pipeline]\nengine = "argos"\n')
    assert registry.engine_for(load_settings(tmp_path)).name == "argos"


def test_engine_flags_reach_the_engine_factory(tmp_path: Path, registered: None) -> None:
    seen: list[Mapping[str, object]] = []

    def factory(settings: Settings, flags: Mapping[str, object]) -> UpperEngine:
        seen.append(flags)
        return UpperEngine()

    registry.register("upper", factory)
    result = run(project(tmp_path, "upper"), "translate", "--beam-size", "2")
    assert result.exit_code == 0, result.output
    assert seen[0]["beam_size"] == 2
