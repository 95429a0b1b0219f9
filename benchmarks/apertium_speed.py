"""Apertium through the pipeline: paragraphs per second, and what survives of protected spans.

    python benchmarks/apertium_speed.py [--copies 20]

Translates the seed article (13 paragraphs) repeated ``--copies`` times, each copy's sentences
tagged so that none repeats (with a figure ``1.500,75`` and a URL added to each copy's
first paragraph), es→en with the Apertium engine: once as one batched engine call
(the project's batching: one process per 500 sentences) and once one process per sentence (what
a naive integration does), and counts how many placeholders (URLs, numbers with separators)
come back intact. Needs Debian's apertium and apertium-eng-spa; prints and asserts nothing.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from pipeline.mt.apertium.engine import ApertiumEngine
from pipeline.mt.layout import protect_paragraph, split_sentences_exactly
from pipeline.mt.routes import Pair
from pipeline.sources.text import segment_text

SEED = Path(__file__).resolve().parent.parent / "seeds" / "rusia-kazajistan-alianza.txt"


def _tagged(copy: int, index: int, paragraph: str) -> str:
    extra = f" Costó 1.500,75 rublos según www.kremlin.ru/{copy}." if index == 2 else ""
    return f"Copia{copy} {paragraph}{extra}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    args = parser.parse_args()
    paragraphs = [s.text for s in segment_text(SEED.read_text(encoding="utf-8"))]
    protected = [
        protect_paragraph(_tagged(k, i, p), ())
        for k in range(args.copies)
        for i, p in enumerate(paragraphs)
    ]
    sentences = [s for p in protected for s in split_sentences_exactly(p.text, "es").sentences]
    translator = ApertiumEngine().translator(Pair("es", "en"))

    started = time.perf_counter()
    batched = translator.translate(sentences)
    batched_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for sentence in sentences[: len(paragraphs)]:
        translator.translate([sentence])
    single_seconds = (time.perf_counter() - started) / len(paragraphs) * len(sentences)

    # each placeholder must come back exactly once in the translation of its own sentence
    pieces = [(s, t) for s, t in zip(sentences, batched, strict=True)]
    tokens = [(t, token) for s, t in pieces for token in re.findall(r"ZXQ\d+", s)]
    kept = sum(1 for text, token in tokens if len(re.findall(rf"\b{token}\b", text)) == 1)
    rate, single_rate = len(protected) / batched_seconds, len(protected) / single_seconds
    print(f"{len(protected)} paragraphs, {len(sentences)} sentences, es→en through Apertium")
    print(f"batched:      {batched_seconds:6.2f} s  {rate:7.1f} paragraphs/s")
    print(
        f"per sentence: {single_seconds:6.2f} s  {single_rate:7.1f} paragraphs/s (extrapolated"
        f" from {len(paragraphs)} calls); batched is {single_seconds / batched_seconds:.0f}x faster"
    )
    print(f"placeholders kept: {kept} of {len(tokens)}")


if __name__ == "__main__":
    main()
