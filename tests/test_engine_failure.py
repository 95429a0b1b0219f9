"""An engine that fails on one sentence: one line naming it and what to do, drafts kept."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.errors import PipelineError
from pipeline.mt.argos.translator import ArgosTranslator
from pipeline.provenance import read_provenance

CULPRIT = "Tratado"  # in one sentence of the seed article's last paragraph but one


@pytest.fixture
def failing_on_culprit(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """CTranslate2 refuses any batch holding the culprit sentence, as it refuses one longer
    than the model's positions; returns the sizes of the batches it was given."""
    decode = ArgosTranslator._decode_batch
    sizes: list[int] = []

    def refuse(self: ArgosTranslator, batch: list) -> list[str]:
        sizes.append(len(batch))
        if any(CULPRIT in sentence for sentence, _tokens in batch):
            raise RuntimeError("Maximum sequence length exceeded\n(details on a second line)")
        return decode(self, batch)

    monkeypatch.setattr(ArgosTranslator, "_decode_batch", refuse)
    return sizes


def test_an_engine_error_is_one_line_naming_the_sentence_after_the_drafts_are_saved(
    project: Path, install_argos, failing_on_culprit: list[int]
) -> None:
    install_argos("copy-es-en", "copy-en-ru")

    result = CliRunner().invoke(main, ["--project", str(project), "translate"])

    assert result.exit_code == 1
    [line] = result.stderr.splitlines()[-1:]
    assert line.startswith(
        "error: document rusia-kazajistan-alianza: translate-es_en@1.0 failed on the sentence "
        "“En la Declaración"
    )
    assert "Maximum sequence length exceeded; split or shorten that sentence" in line
    assert "Traceback" not in result.output
    catalog = project / "locales" / "en" / "LC_MESSAGES" / "rusia-kazajistan-alianza.po"
    drafts = [entry for entry in polib.pofile(str(catalog)) if read_provenance(entry)]
    assert drafts and all(CULPRIT not in entry.msgid for entry in drafts)


def test_the_other_sentences_of_the_failing_batch_are_translated_before_the_error(
    install_argos, failing_on_culprit: list[int]
) -> None:
    install_argos("copy-es-en")
    translator = ArgosTranslator("es", "en")
    finished: dict[str, str] = {}
    sentences = ["Una frase corta.", f"El {CULPRIT} de la OTSC.", "Otra frase."]

    with pytest.raises(PipelineError, match=r"failed on the sentence “El Tratado de la OTSC.”"):
        translator.translate(sentences, finished=finished)

    assert failing_on_culprit[0] == 3
    assert CULPRIT not in " ".join(finished) and finished
