"""`pipeline translate` and `pipeline run` end to end, with small real Argos packages.

The copy packages output their (tokenizer-normalised) input, so every assertion is exact:
what comes out of the pipeline is the source, sentence by sentence, through es→en and en→ru.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from test_argos_engine import normalised

from pipeline.cli import main
from pipeline.provenance import read_provenance

DOC = "rusia-kazajistan-alianza"


def run(project: Path, *args: str):
    return CliRunner().invoke(main, ["--project", str(project), *args])


def catalog(project: Path, lang: str, doc: str = DOC) -> polib.POFile:
    return polib.pofile(str(project / "locales" / lang / "LC_MESSAGES" / f"{doc}.po"))


@pytest.fixture
def copy_models(install_argos) -> Path:
    return install_argos("copy-es-en", "copy-en-ru")


def test_translate_fills_both_catalogs_of_the_seed_with_drafts(
    project: Path, copy_models: Path
) -> None:
    result = run(project, "translate")
    assert result.exit_code == 0, result.output
    assert f"drafted   locales/en/LC_MESSAGES/{DOC}.po (13 entries)" in result.output
    assert f"drafted   locales/ru/LC_MESSAGES/{DOC}.po (13 entries)" in result.output
    for lang, route in (("en", ("es", "en")), ("ru", ("es", "en", "ru"))):
        entries = list(catalog(project, lang))
        assert len(entries) == 13
        for entry in entries:
            assert entry.msgstr == normalised(copy_models, entry.msgid)
            assert entry.flags == ["fuzzy"]
            record = read_provenance(entry)
            assert record.route == route
            assert record.engine == "argos"
    ru = read_provenance(catalog(project, "ru")[0])
    assert ru.packages == ("translate-es_en@1.0", "translate-en_ru@1.0")


def test_second_translate_makes_no_model_call_and_never_imports_ctranslate2(
    project: Path, copy_models: Path
) -> None:
    assert run(project, "translate").exit_code == 0
    before = {p: p.read_bytes() for p in (project / "locales").rglob("*.po*")}
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from pipeline.cli import main\n"
        f"result = CliRunner().invoke(main, ['--project', {str(project)!r}, 'translate'])\n"
        "print(result.output)\n"
        "print('ctranslate2' in sys.modules, 'argostranslate' in sys.modules)\n"
    )
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(copy_models)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout.splitlines()
    assert "nothing to translate" in out[0]
    assert out[-1] == "False False"
    assert {p: p.read_bytes() for p in before} == before


def test_protected_spans_come_back_exactly(project: Path, copy_models: Path) -> None:
    text = (
        "Nota con enlaces\n\n"
        "Escriba a prensa@kremlin.ru o visite https://kremlin.ru/events/president/news. "
        "El acuerdo cuesta 1.500,75 millones.\n"
    )
    (project / "seeds" / "enlaces.txt").write_text(text, encoding="utf-8")
    assert run(project, "translate", "enlaces").exit_code == 0
    body = catalog(project, "en", "enlaces")[1]
    assert "prensa@kremlin.ru" in body.msgstr
    assert "https://kremlin.ru/events/president/news." in body.msgstr
    # the figure is written as each language writes it, not copied from the Spanish
    assert "1,500.75 millones" in body.msgstr
    localised = body.msgid.replace("1.500,75", "1,500.75")
    assert body.msgstr == normalised(copy_models, localised)
    russian = catalog(project, "ru", "enlaces")[1].msgstr
    assert "1\u00a0500,75 millones" in russian and "1,500.75" not in russian
    checked = run(project, "check", "enlaces", "--json")
    assert "numbers" not in checked.stdout


def test_figures_localised_in_drafts_by_value_dates_kept_as_written(
    project: Path, copy_models: Path
) -> None:
    text = "Cifras\n\nEl 11.12.2024 creció un 3,5 % hasta 10 000 y 1,50 euros.\n"
    (project / "seeds" / "cifras.txt").write_text(text, encoding="utf-8")
    assert run(project, "translate", "cifras").exit_code == 0
    english = catalog(project, "en", "cifras")[1].msgstr
    russian = catalog(project, "ru", "cifras")[1].msgstr
    assert "11.12.2024" in english and "3.5%" in english and "10,000" in english
    assert "1.50 euros" in english
    assert "11.12.2024" in russian and "3,5\u00a0%" in russian and "10\u00a0000" in russian


def test_a_russian_draft_of_localised_figures_is_not_stale_against_its_english_pivot(
    project: Path, copy_models: Path
) -> None:
    (project / "seeds" / "cifras.txt").write_text(
        "Cifras\n\nEl índice subió un 3,5 % y llegó a 1.500,75 puntos.\n", encoding="utf-8"
    )
    assert run(project, "translate", "cifras").exit_code == 0
    assert "3.5%" in catalog(project, "en", "cifras")[1].msgstr
    checked = run(project, "check", "cifras", "--lang", "ru", "--json")
    assert '"stale"' not in checked.stdout


def test_missing_model_stops_before_any_draft_naming_the_pair_and_both_remedies(
    project: Path, install_argos
) -> None:
    install_argos("copy-es-en")  # en→ru is missing
    result = run(project, "translate")
    assert result.exit_code == 1
    assert "en→ru" in result.stderr
    assert "pipeline models install" in result.stderr
    assert "pipeline models import FILE" in result.stderr
    assert "Traceback" not in result.output
    assert all(not e.msgstr for e in catalog(project, "en"))


def test_garbage_from_a_random_weight_model_ends_and_check_flags_every_draft(
    project: Path, install_argos
) -> None:
    # The engine bounds output length in tokens (tests/test_argos_engine.py); here: the run ends,
    # every entry gets a draft, and a reviewer is warned about each one.
    install_argos("random-es-en")
    result = run(project, "translate", "--lang", "en", "--beam-size", "1")
    assert result.exit_code == 0, result.output
    entries = list(catalog(project, "en"))
    assert all(entry.msgstr and "fuzzy" in entry.flags for entry in entries)
    checked = run(project, "check", "--lang", "en", "--json")
    assert checked.exit_code == 1
    assert len(json.loads(checked.stdout)) >= len(entries)


def test_run_extracts_translates_and_publishes(project: Path, copy_models: Path) -> None:
    result = run(project, "run")
    assert result.exit_code == 0, result.output
    assert all(e.msgstr for e in catalog(project, "ru"))
    page = (project / "output" / DOC / "index.html").read_text(encoding="utf-8")
    assert normalised(copy_models, catalog(project, "ru")[2].msgid)[:40] in page


def test_run_without_models_or_internet_publishes_and_exits_3(project: Path, argos_home) -> None:
    (project / "pyproject.toml").write_text('[tool.pipeline]\nengine = "argos"\n')
    result = run(project, "run")
    assert result.exit_code == 3, result.output
    assert "could not reach the Argos package index" in result.stderr
    assert "es→en" in result.stderr and "pipeline models import FILE" in result.stderr
    assert (project / "output" / DOC / "index.html").exists()
    assert all(not e.msgstr for e in catalog(project, "ru"))


def test_ctrl_c_mid_batch_keeps_the_paragraphs_already_finished(
    project: Path, copy_models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.mt.argos.translator import ArgosTranslator

    real = ArgosTranslator._decode_batch
    batches = []

    def interrupted_in_third_batch(self, batch):
        batches.append(batch)
        if len(batches) == 3:
            raise KeyboardInterrupt
        return real(self, batch)

    monkeypatch.setattr(ArgosTranslator, "_decode_batch", interrupted_in_third_batch)
    args = ("translate", "--lang", "en", "--batch-size", "2", "--inter-threads", "1")
    result = run(project, *args)
    assert result.exit_code == 130
    assert "interrupted: the drafts made so far are saved; run again to resume" in result.stderr
    drafted = [e for e in catalog(project, "en") if e.msgstr]
    assert 0 < len(drafted) < 13  # one window, four sentences done: what they finish is kept
    assert all(e.msgstr == normalised(copy_models, e.msgid) for e in drafted)

    monkeypatch.setattr(ArgosTranslator, "_decode_batch", real)
    result = run(project, "translate", "--lang", "en")
    assert result.exit_code == 0
    assert (
        f"drafted   locales/en/LC_MESSAGES/{DOC}.po ({13 - len(drafted)} entries)" in result.output
    )
    assert all(e.msgstr == normalised(copy_models, e.msgid) for e in catalog(project, "en"))


def test_progress_bar_shows_sentences_rate_and_eta_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pipeline.cli import sentence_progress

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    with sentence_progress(10) as advance:
        for _ in range(10):
            advance(1)
    shown = capsys.readouterr().out
    assert "translating" in shown
    assert "10/10" in shown
    assert "sentences/s" in shown
