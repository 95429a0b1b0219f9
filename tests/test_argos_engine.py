"""The Argos engine on small real packages: a copy model (output = normalised input) and a
random-weight model (garbage of bounded length)."""

from __future__ import annotations

import json
import math
import shutil
import threading
import time
from pathlib import Path

import pytest

from pipeline.config import load_settings
from pipeline.errors import PipelineError
from pipeline.mt.argos.engine import ArgosEngine
from pipeline.mt.argos.options import EngineOptions
from pipeline.mt.argos.translator import (
    CONCURRENT_CALLS,
    MAX_LENGTH_RATIO,
    MAX_LENGTH_SLACK,
    ArgosTranslator,
    PackageIdentity,
)
from pipeline.mt.routes import Pair

SENTENCES = [
    "Los presidentes de Rusia y Kazajistán firmaron la Declaración.",
    "¿Dónde está la estación? ¡Está a 300\u00a0metros!",
    "Según sus palabras, este documento «abrirá una nueva era».",
    "Президенты России и Казахстана подписали Декларацию.",
    "Marcadores: __PH0__ {0} ⟦1⟧ %s y 1.234,56 €.",
    "Sí.",
]


def normalised(packages_dir: Path, text: str) -> str:
    """What SentencePiece makes of ``text`` (no-break spaces become spaces, and so on)."""
    import sentencepiece as spm

    model = next(packages_dir.glob("*/sentencepiece.model"))  # all fixtures share one tokenizer
    processor = spm.SentencePieceProcessor(model_file=str(model))
    return processor.decode(processor.encode(text))


class RecordingTranslator:
    """Wraps ``ctranslate2.Translator`` and records every ``translate_batch`` call."""

    real: type
    calls: list[dict] = []
    loads = 0

    def __init__(self, *args, **kwargs) -> None:
        type(self).loads += 1
        self._real = self.real(*args, **kwargs)

    def translate_batch(self, tokens, **options):
        results = self._real.translate_batch(tokens, **options)
        type(self).calls.append({"tokens": tokens, "options": options, "results": results})
        return results


@pytest.fixture
def recording(monkeypatch: pytest.MonkeyPatch) -> type[RecordingTranslator]:
    import ctranslate2

    monkeypatch.setattr(RecordingTranslator, "real", ctranslate2.Translator, raising=False)
    monkeypatch.setattr(RecordingTranslator, "calls", [])
    monkeypatch.setattr(RecordingTranslator, "loads", 0)
    monkeypatch.setattr(ctranslate2, "Translator", RecordingTranslator)
    return RecordingTranslator


@pytest.mark.parametrize("beam_size", [1, 4])
def test_copy_package_returns_the_tokenizer_normalised_input(install_argos, beam_size):
    folder = install_argos("copy-es-en")
    translator = ArgosTranslator("es", "en", EngineOptions(beam_size=beam_size))

    assert translator.translate(SENTENCES) == [normalised(folder, s) for s in SENTENCES]


def test_underscores_in_placeholders_survive_detokenization(install_argos):
    install_argos("copy-es-en")

    assert ArgosTranslator("es", "en").translate(["Hola __PH_0__ snake_case"]) == [
        "Hola __PH_0__ snake_case"
    ]


def test_outputs_keep_input_order_across_length_sorted_batches(install_argos):
    folder = install_argos("copy-es-en")
    sentences = [f"Frase {'muy ' * (n * 7 % 11)}larga número {n}." for n in range(23)]
    translator = ArgosTranslator("es", "en", EngineOptions(max_batch_size=4))

    assert translator.translate(sentences) == [normalised(folder, s) for s in sentences]


def test_token_batches_respect_the_token_budget(install_argos, recording):
    install_argos("copy-es-en")
    sentences = [f"Una frase {'más ' * n}corta." for n in range(10)]
    options = EngineOptions(max_batch_size=40, batch_type="tokens", inter_threads=1)
    ArgosTranslator("es", "en", options).translate(sentences)

    batches = [call["tokens"] for call in recording.calls]
    assert len(batches) > 1
    assert all(sum(map(len, batch)) <= 40 or len(batch) == 1 for batch in batches)


def test_each_model_call_carries_one_batch_per_worker(install_argos, recording):
    install_argos("copy-es-en")
    sentences = [f"Frase número {n}." for n in range(10)]

    ArgosTranslator("es", "en", EngineOptions(max_batch_size=2, inter_threads=2)).translate(
        sentences
    )

    # two calls are under way at once, so they may be recorded in either order
    assert sorted(len(call["tokens"]) for call in recording.calls) == [2, 4, 4]
    assert all(call["options"]["max_batch_size"] == 2 for call in recording.calls)


def test_identical_sentences_are_translated_once(install_argos, recording):
    folder = install_argos("copy-es-en")
    sentences = ["Hola.", "Adiós.", "Hola.", "Hola.", "Adiós."]

    out = ArgosTranslator("es", "en").translate(sentences)

    assert out == [normalised(folder, s) for s in sentences]
    assert sum(len(call["tokens"]) for call in recording.calls) == 2


def test_model_loads_once_across_calls(install_argos, recording):
    install_argos("copy-es-en")
    translator = ArgosTranslator("es", "en")

    translator.translate(["Uno."])
    translator.translate(["Dos."])

    assert recording.loads == 1


def test_empty_input_neither_loads_nor_calls_the_model(install_argos, recording):
    install_argos("copy-es-en")

    assert ArgosTranslator("es", "en").translate([]) == []
    assert recording.loads == 0
    assert recording.calls == []


def test_blank_sentences_come_back_unchanged_without_a_model_call(install_argos, recording):
    install_argos("copy-es-en")

    assert ArgosTranslator("es", "en").translate(["", "  "]) == ["", "  "]
    assert recording.calls == []


def test_progress_counts_input_sentences_after_each_batch(install_argos):
    install_argos("copy-es-en")
    sentences = ["Uno.", "Dos dos.", "Tres tres tres.", "Uno.", "Cuatro.", "Cinco cinco."]
    reports: list[int] = []

    options = EngineOptions(max_batch_size=2, inter_threads=1)
    ArgosTranslator("es", "en", options).translate(sentences, on_progress=reports.append)

    assert len(reports) == 3  # five distinct sentences in batches of two
    assert reports == sorted(reports)
    assert reports[-1] == len(sentences)


def test_random_package_output_is_bounded_by_input_length(install_argos, recording):
    install_argos("random-es-en")
    sentences = ["Hola.", "Los presidentes firmaron la Declaración en el Kremlin ayer."]

    out = ArgosTranslator("es", "en", EngineOptions(beam_size=1)).translate(sentences)

    assert len(out) == 2 and all(isinstance(text, str) for text in out)
    for call in recording.calls:
        bound = math.ceil(max(map(len, call["tokens"])) * MAX_LENGTH_RATIO) + MAX_LENGTH_SLACK
        assert call["options"]["max_decoding_length"] == bound
        assert all(len(r.hypotheses[0]) <= bound for r in call["results"])


def test_missing_package_error_names_the_pair(install_argos):
    install_argos("copy-es-en")

    with pytest.raises(PipelineError, match="es→ru"):
        ArgosTranslator("es", "ru")


def test_identity_names_the_package_code_and_version(install_argos):
    install_argos("copy-es-en")

    identity = ArgosTranslator("es", "en").identity

    assert identity == PackageIdentity("translate-es_en", "1.0")
    assert str(identity) == "translate-es_en@1.0"


def test_newest_installed_version_is_used(install_argos):
    folder = install_argos("copy-es-en")
    (installed,) = [p for p in folder.iterdir() if p.is_dir()]
    newer = shutil.copytree(installed, folder / "translate-es_en-1_10")
    metadata = json.loads((newer / "metadata.json").read_text())
    (newer / "metadata.json").write_text(json.dumps({**metadata, "package_version": "1.10"}))

    translator = ArgosTranslator("es", "en")

    assert translator.identity.version == "1.10"
    assert translator.package_path == newer


def test_the_next_model_call_is_under_way_while_one_decodes(install_argos, monkeypatch) -> None:
    install_argos("copy-es-en")
    translator = ArgosTranslator("es", "en", EngineOptions(max_batch_size=1, inter_threads=1))
    lock = threading.Lock()
    active, most = 0, 0

    def slow_decode(batch):
        nonlocal active, most
        with lock:
            active += 1
            most = max(most, active)
        time.sleep(0.05)  # long enough for the next call to be submitted meanwhile
        with lock:
            active -= 1
        return [sentence.upper() for sentence, _tokens in batch]

    monkeypatch.setattr(translator, "_decode_batch", slow_decode)
    sentences = [f"Frase número {n}." for n in range(6)]
    assert translator.translate(sentences) == [s.upper() for s in sentences]
    assert most == CONCURRENT_CALLS


def _wait_for_preloading() -> None:
    for thread in threading.enumerate():
        if thread.name.startswith("preload"):
            thread.join(timeout=30)


def test_argos_preload_loads_each_model_once_in_the_background(install_argos, tmp_path, recording):
    install_argos("copy-es-en")
    engine = ArgosEngine(load_settings(tmp_path))

    engine.preload([Pair("es", "en")])
    engine.preload([Pair("es", "en")])
    _wait_for_preloading()

    assert recording.loads == 1
    assert engine.translator(Pair("es", "en")).translate(["Uno."]) == ["Uno."]
    assert recording.loads == 1


def test_preloading_a_missing_model_is_silent_and_the_run_still_names_it(
    install_argos, tmp_path, capsys: pytest.CaptureFixture[str]
):
    install_argos("copy-es-en")
    engine = ArgosEngine(load_settings(tmp_path))

    engine.preload([Pair("es", "ru")])
    _wait_for_preloading()

    assert capsys.readouterr().err == ""
    with pytest.raises(PipelineError, match="es→ru"):
        engine.translator(Pair("es", "ru"))
