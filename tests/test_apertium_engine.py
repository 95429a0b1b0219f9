"""Apertium as an engine, engines chosen per pair with a fallback order, and `run` drafting the
languages whose models are there.

The tests that translate for real need the `apertium` and `apertium-eng-spa` Debian packages
(`.ci/run` installs them); they are skipped with that reason elsewhere.
"""

from __future__ import annotations

import shutil
import stat
import sys
from collections.abc import Sequence
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.config import load_settings
from pipeline.errors import PipelineError
from pipeline.mt import registry
from pipeline.mt.apertium.engine import ApertiumEngine
from pipeline.mt.apertium.translator import ApertiumTranslator, StandIns
from pipeline.mt.engine import ModelsUnavailable
from pipeline.mt.routed import RoutedEngine, leg_engines
from pipeline.mt.routes import Pair
from pipeline.provenance import read_provenance

HAS_APERTIUM = shutil.which("apertium") is not None and "spa-eng" in (
    ApertiumEngine()._modes.values() if shutil.which("apertium") else ()
)
needs_apertium = pytest.mark.skipif(
    not HAS_APERTIUM, reason="needs Debian's apertium and apertium-eng-spa packages"
)
DOC = "rusia-kazajistan-alianza"


class Offering:
    """An engine offering ``pairs``, whose drafts say which engine made them."""

    def __init__(self, name: str, pairs: Sequence[Pair]) -> None:
        self.name = name
        self._pairs = frozenset(pairs)

    def pairs(self) -> frozenset[Pair]:
        return self._pairs

    def ensure(self, pairs: Sequence[Pair]) -> None:
        missing = [pair for pair in pairs if pair not in self._pairs]
        if missing:
            raise ModelsUnavailable(f"{self.name} lacks {missing[0]}")

    def install(self) -> list[str]:
        raise PipelineError(f"{self.name} cannot install offline")

    def identity(self, pair: Pair) -> str:
        return f"{self.name}-{pair.from_code}{pair.to_code}@1"

    def translator(self, pair: Pair):
        return self


ES_EN, EN_RU = Pair("es", "en"), Pair("en", "ru")


def test_each_pair_goes_to_the_first_engine_offering_it():
    routed = RoutedEngine([Offering("a", [EN_RU]), Offering("b", [ES_EN, EN_RU])], {})
    assert routed.engine_of(ES_EN).name == "b"
    assert routed.engine_of(EN_RU).name == "a"
    assert routed.pairs() == {ES_EN, EN_RU}
    assert leg_engines(routed, [ES_EN, EN_RU]) == "b+a"
    assert routed.identity(EN_RU) == "a-enru@1"


def test_an_engine_chosen_for_a_pair_is_tried_first_and_the_order_is_the_fallback():
    engines = [Offering("a", [ES_EN, EN_RU]), Offering("b", [ES_EN])]
    assert RoutedEngine(engines, {ES_EN: "b"}).engine_of(ES_EN).name == "b"
    assert RoutedEngine(engines, {EN_RU: "b"}).engine_of(EN_RU).name == "a"  # b lacks it


def test_a_pair_no_engine_offers_is_reported_by_the_engine_it_would_go_to():
    routed = RoutedEngine([Offering("a", []), Offering("b", [ES_EN])], {})
    routed.ensure([ES_EN])
    with pytest.raises(ModelsUnavailable, match="a lacks en→ru"):
        routed.ensure([ES_EN, EN_RU])
    with pytest.raises(PipelineError, match="a cannot install offline\nb cannot install offline"):
        routed.install()


def test_engine_settings_take_a_name_an_order_and_an_engine_per_pair(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pipeline]\nengine = ["apertium", "argos"]\nengines = {"en-ru" = "argos"}\n'
    )
    settings = load_settings(tmp_path)
    assert settings.engine_order == ("apertium", "argos")
    engine = registry.engine_for(settings)
    assert isinstance(engine, RoutedEngine)
    assert engine.preferred == {EN_RU: "argos"}


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("engine = 3", "engine must be an engine's name or a list of them"),
        ('engine = ["argos", "deepl"]', "engine = 'deepl' is not an engine"),
        ('engines = {"es-en" = "deepl"}', "engine = 'deepl' is not an engine"),
        ('engines = {"spanish" = "argos"}', "engines: 'spanish' is not a language pair"),
        ('engines = ["argos"]', "engines must be a table of language pairs and engine names"),
    ],
)
def test_bad_engine_settings_are_named(tmp_path: Path, setting: str, message: str):
    (tmp_path / "pyproject.toml").write_text(f"[tool.pipeline]\n{setting}\n")
    with pytest.raises(PipelineError, match=message):
        load_settings(tmp_path)


def test_placeholders_become_numbers_no_sentence_holds_and_come_back():
    stand_ins = StandIns("Hay 99 casas y ZXQ1.")
    masked = stand_ins.mask("Hay 99 casas y ZXQ1 y ZXQ12.")
    assert masked == "Hay 99 casas y 99991 y 999912."
    assert stand_ins.unmask("There are 99 houses and 99991 and 999912.") == (
        "There are 99 houses and ZXQ1 and ZXQ12."
    )


def _fake_apertium(tmp_path: Path, script: str) -> str:
    command = tmp_path / "fake-apertium"
    command.write_text(f"#!{sys.executable}\nimport sys\ntext = sys.stdin.read()\n{script}\n")
    command.chmod(command.stat().st_mode | stat.S_IEXEC)
    return str(command)


def test_a_batch_whose_blocks_come_back_miscounted_is_halved_until_they_match(tmp_path: Path):
    # merges the first two blocks whenever it gets more than two: the batch must be split
    command = _fake_apertium(
        tmp_path,
        "blocks = text.strip().split('\\n\\n')\n"
        "if len(blocks) > 2: blocks[:2] = [blocks[0] + ' ' + blocks[1]]\n"
        "print('\\n\\n'.join(b.upper() for b in blocks))",
    )
    sentences = ["uno.", "dos.", "tres.", "cuatro.", "uno."]
    done: dict[str, str] = {}
    seen: list[int] = []
    out = ApertiumTranslator(command, "spa-eng").translate(sentences, seen.append, done)
    assert out == ["UNO.", "DOS.", "TRES.", "CUATRO.", "UNO."]
    assert done == {"uno.": "UNO.", "dos.": "DOS.", "tres.": "TRES.", "cuatro.": "CUATRO."}
    assert seen[-1] == 5


def test_a_failing_apertium_is_one_clear_error(tmp_path: Path):
    command = _fake_apertium(tmp_path, "sys.stderr.write('Error: mode not found\\n'); sys.exit(1)")
    with pytest.raises(PipelineError, match="spa-eng: failed \\(exit 1\\): Error: mode not found"):
        ApertiumTranslator(command, "spa-eng").translate(["hola."])


def test_without_apertium_the_engine_offers_nothing_and_says_how_to_get_it():
    engine = ApertiumEngine(command="/nonexistent/apertium")
    assert engine.pairs() == frozenset()
    with pytest.raises(ModelsUnavailable, match="apt-get install apertium apertium-eng-spa"):
        engine.ensure([ES_EN])


@needs_apertium
def test_apertium_offers_spanish_english_from_its_installed_modes():
    engine = ApertiumEngine()
    assert ES_EN in engine.pairs()
    assert engine.identity(ES_EN).startswith("apertium-spa-eng@")
    assert engine.translator(ES_EN).translate(["El gobierno ruso firmó un acuerdo."]) == [
        "The Russian government signed an agreement."
    ]


@needs_apertium
def test_run_with_apertium_and_no_argos_models_publishes_english_and_leaves_russian_pending(
    project: Path, argos_home
) -> None:
    result = CliRunner().invoke(main, ["--project", str(project), "run"])
    assert result.exit_code == 3, result.output
    assert "en→ru" in result.stderr and "pipeline models import FILE" in result.stderr
    english = polib.pofile(str(project / "locales" / "en" / "LC_MESSAGES" / f"{DOC}.po"))
    russian = polib.pofile(str(project / "locales" / "ru" / "LC_MESSAGES" / f"{DOC}.po"))
    assert all(e.msgstr and e.msgstr != e.msgid and "fuzzy" in e.flags for e in english)
    assert all(not e.msgstr for e in russian)
    for entry in english:
        record = read_provenance(entry)
        assert record.engine == "apertium" and record.packages[0].startswith("apertium-spa-eng@")
    # protected spans come back as written: the seed's credit line and its figures
    sources = " ".join(e.msgid for e in english)
    drafts = " ".join(e.msgstr for e in english)
    assert "kremlin.ru" in sources and "kremlin.ru" in drafts
    assert "ZXQ" not in drafts
    page = (project / "output" / DOC / "index.html").read_text(encoding="utf-8")
    assert english[1].msgstr.split()[0] in page


@needs_apertium
def test_apertium_drafts_write_a_percentage_the_english_way_and_check_agrees(
    tmp_path: Path, argos_home
) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "cifras.txt").write_text(
        "Cifras\n\nEl índice subió un 3,5 % en 2024.\n", encoding="utf-8"
    )
    translated = CliRunner().invoke(main, ["--project", str(tmp_path), "translate", "--lang", "en"])
    assert translated.exit_code == 0, translated.output
    english = polib.pofile(str(tmp_path / "locales" / "en" / "LC_MESSAGES" / "cifras.po"))
    draft = english[1].msgstr
    assert "3.5% in 2024" in draft and "3,5" not in draft and "ZXQ" not in draft
    checked = CliRunner().invoke(main, ["--project", str(tmp_path), "check", "--json", "cifras"])
    assert '"numbers"' not in checked.output


@needs_apertium
def test_models_list_shows_every_engines_pairs(project: Path, argos_home) -> None:
    result = CliRunner().invoke(main, ["--project", str(project), "models", "list"])
    assert result.exit_code == 0, result.output
    listed = next(line for line in result.output.splitlines() if line.startswith("apertium: "))
    assert "es→en (apertium-spa-eng@" in listed


def test_models_list_says_how_to_get_an_engine_that_offers_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline import api
    from pipeline.config import Settings

    monkeypatch.setattr(registry, "_factories", dict(registry._factories))
    registry.register("apertium", lambda settings, flags: ApertiumEngine("/nonexistent/apertium"))
    (line,) = api.other_engines(Settings(root=tmp_path))
    assert line.startswith("apertium: no pairs (Apertium is not installed.")
    assert "apt-get install apertium apertium-eng-spa" in line


def test_each_pairs_engine_is_chosen_once_until_an_install(tmp_path: Path) -> None:
    class Counting(Offering):
        asked = 0

        def pairs(self) -> frozenset[Pair]:
            Counting.asked += 1
            return super().pairs()

        def install(self) -> list[str]:
            return []

    routed = RoutedEngine([Counting("a", [ES_EN])], {})
    for _ in range(5):
        routed.identity(ES_EN)
    assert Counting.asked == 1
    routed.install()
    routed.identity(ES_EN)
    assert Counting.asked == 2
