"""How the Argos engine runs its CTranslate2 models: decoding, threads and batches."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

import click


@dataclass(frozen=True)
class EngineOptions:
    """How the engine runs the model; defaults measured by ``benchmarks/translate_speed.py``.

    ``beam_size`` 4 is argostranslate's default (same quality); 1 (greedy) is the fast draft.
    ``max_batch_size`` counts examples or tokens (``batch_type``); 0 means one batch. Batches of
    16 examples were fastest at beam 4 (7.6 sentences/s vs 7.4 at 32, 4.8 at 64) and as fast as
    any greedy, with a third of the decoding memory of 32.
    Threads: on 2 CPUs two workers of one thread each (``inter_threads=2, intra_threads=1``)
    beat one worker of two threads by 20% (beam 4) to 50% (greedy). Each worker holds its own
    decoding buffers (peak ~0.6 GB at beam 4, batch 16, seed ×20), hence at most two workers;
    further cores go to threads inside each worker.
    On a GPU (``device`` ``cuda``, or ``auto`` finding one) one worker runs larger batches: see
    :meth:`on_device`.
    """

    beam_size: int = 4
    compute_type: str = "auto"
    device: str = "cpu"
    inter_threads: int = field(default_factory=lambda: min(2, _cpus()))
    intra_threads: int = field(default_factory=lambda: max(1, _cpus() // min(2, _cpus())))
    max_batch_size: int = 16
    batch_type: Literal["examples", "tokens"] = "examples"

    @classmethod
    def fast(cls) -> EngineOptions:
        """Greedy decoding: several times faster, slightly worse drafts."""
        return cls(beam_size=1)

    @classmethod
    def from_flags(cls, flags: Mapping[str, object]) -> EngineOptions:
        """The options the command line's engine flags give (``--batch-size`` and the rest);
        a flag left out (None) keeps the default for the device."""
        named = {"batch_size": "max_batch_size"}
        given = {named.get(key, key): value for key, value in flags.items() if value is not None}
        options = cls(**given)  # type: ignore[arg-type]
        return options.on_device(batch_size_given="max_batch_size" in given)

    def on_device(self, *, batch_size_given: bool = False) -> EngineOptions:
        """These options with ``auto`` resolved to the device there is (CTranslate2 sees a CUDA
        device or not) and, on a GPU, GPU-sized batches unless a batch size was given.

        A GPU decodes a batch in parallel across its cores: batches of GPU_BATCH_SIZE examples in
        one worker keep it busy where CPU workers want small batches each.
        """
        device = self.device
        if device == "auto":
            device = "cuda" if _cuda_devices() else "cpu"
        if device != "cuda":
            return replace(self, device=device)
        batch = self.max_batch_size if batch_size_given else GPU_BATCH_SIZE
        return replace(self, device=device, inter_threads=1, max_batch_size=batch)


GPU_BATCH_SIZE = 64  # CTranslate2's own examples use 32-64 examples per GPU batch


def _cuda_devices() -> int:
    """CUDA devices CTranslate2 can use here (0 without a GPU or a CUDA build)."""
    import ctranslate2

    return ctranslate2.get_cuda_device_count()


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def cli_flags() -> list:
    """The command line's flags for these options (``translate``, ``run``); defaults measured."""
    defaults = EngineOptions()
    return [
        click.option(
            flag,
            type=kind,
            # a batch size left out (None) is the device's: 16 on a CPU, 64 on a GPU
            default=None if name == "max_batch_size" else getattr(defaults, name),
            show_default=f"{defaults.max_batch_size}" if name == "max_batch_size" else True,
            help=text,
        )
        for flag, kind, name, text in _FLAGS
    ]


_FLAGS = (  # flag, type, EngineOptions field, help
    ("--beam-size", click.IntRange(1, 16), "beam_size", "Beam size; 1 is greedy search, fastest."),
    ("--compute-type", str, "compute_type",
     "CTranslate2 compute type (auto, int8, int8_float32, float32, ...)."),
    ("--inter-threads", click.IntRange(1), "inter_threads", "Batches translated in parallel."),
    ("--intra-threads", click.IntRange(0), "intra_threads",
     "Threads per batch (0: CTranslate2 decides)."),
    ("--batch-size", click.IntRange(1), "max_batch_size",
     f"Sentences per batch (sorted by length); {GPU_BATCH_SIZE} on a GPU."),
    ("--device", click.Choice(["cpu", "cuda", "auto"]), "device",
     "Where the models run: cpu, cuda (CTranslate2 on NVIDIA GPUs), auto (a GPU if there is one)."),
)  # fmt: skip
