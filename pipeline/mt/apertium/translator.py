"""One Apertium mode as a translator: sentences in batches, one ``apertium`` process per batch.

Apertium translates each blank-line-separated block of plain text on its own and keeps the
blocks in order, so a batch of sentences is one process reading them separated by blank lines.
The project's placeholders (``ZXQ3``) are not words Apertium knows: it capitalises the word
after them and may move them. Numbers pass through its rules untouched, in place, so each
placeholder is swapped for a number no sentence of the batch contains and swapped back after.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Sequence

from pipeline.errors import PipelineError
from pipeline.mt.engine import Progress
from pipeline.protect import PLACEHOLDER_STEM

# Sentences per process: the start-up (loading the pair's transducers, ~0.2 s) is paid per batch.
BATCH_SENTENCES = 500
_PLACEHOLDER = re.compile(rf"{PLACEHOLDER_STEM}(\d+)")
_BLOCK_SEPARATOR = "\n\n"


class ApertiumTranslator:
    """Translates sentences with one Apertium mode (``spa-eng``), unknown words unmarked (-u)."""

    def __init__(self, command: str, mode: str) -> None:
        self.command = command
        self.mode = mode

    def translate(
        self,
        sentences: Sequence[str],
        on_progress: Progress | None = None,
        finished: dict[str, str] | None = None,
    ) -> list[str]:
        done: dict[str, str] = {}
        distinct = [s for s in dict.fromkeys(sentences) if s.strip()]
        for start in range(0, len(distinct), BATCH_SENTENCES):
            translated = self._batch(distinct[start : start + BATCH_SENTENCES])
            done.update(translated)
            if finished is not None:
                finished.update(translated)
            if on_progress is not None:
                on_progress(sum(1 for s in sentences if s in done or not s.strip()))
        if on_progress is not None and not distinct:
            on_progress(len(sentences))
        return [done.get(sentence, sentence) for sentence in sentences]

    def _batch(self, sentences: list[str]) -> dict[str, str]:
        """Each sentence's translation; a batch whose blocks come back miscounted is halved."""
        stand_ins = StandIns(" ".join(sentences))
        blocks = [stand_ins.mask(sentence.replace("\n", " ")) for sentence in sentences]
        output = run_apertium([self.command, "-u", self.mode], _BLOCK_SEPARATOR.join(blocks) + "\n")
        pieces = [piece.strip() for piece in output.strip("\n").split(_BLOCK_SEPARATOR)]
        if len(pieces) != len(sentences):
            if len(sentences) == 1:
                pieces = [" ".join(output.split())]
            else:
                half = len(sentences) // 2
                return self._batch(sentences[:half]) | self._batch(sentences[half:])
        return {s: stand_ins.unmask(piece) for s, piece in zip(sentences, pieces, strict=True)}


class StandIns:
    """Placeholders ↔ numbers (``ZXQ3`` ↔ ``9993``): a run of nines longer than any in ``text``."""

    def __init__(self, text: str) -> None:
        longest = max((len(run) for run in re.findall(r"9+", text)), default=0)
        self._nines = "9" * (longest + 2)
        self._back = re.compile(rf"(?<!\d){self._nines}(\d+)(?!\d)")

    def mask(self, sentence: str) -> str:
        return _PLACEHOLDER.sub(lambda m: f"{self._nines}{m.group(1)}", sentence)

    def unmask(self, translation: str) -> str:
        return self._back.sub(lambda m: f"{PLACEHOLDER_STEM}{m.group(1)}", translation)


def run_apertium(command: list[str], text: str) -> str:
    """The command's output for ``text`` on its input; a PipelineError saying what failed."""
    try:
        done = subprocess.run(command, input=text, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise PipelineError(f"{command[0]}: could not be run ({exc.strerror})") from exc
    if done.returncode != 0:
        problem = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise PipelineError(f"{' '.join(command)}: failed (exit {done.returncode}): {problem}")
    return done.stdout
