"""Translation-memory lookups at archive scale: exact and fuzzy, per paragraph.

    python benchmarks/tm_lookup.py [--documents 1000 10000] [--queries 2000]

Builds a memory of reviewed units as a project of N documents would have (13 paragraphs each,
English), with paragraphs made by recombining the seed article's sentences and words with a fixed
random seed, so that they are distinct but share vocabulary as an archive's articles do. Then
times, per lookup: exact matches (a paragraph of the memory, whitespace changed), fuzzy matches
(a paragraph with two words replaced, so ~90% similar) and misses (a paragraph of new words), each
over ``--queries`` queries; and the memory's build and the fuzzy index's first build. This times
`pipeline.tm.memory.Memory` itself; reading the catalogs into it (`tm/index.py`, cached in
`locales/.tm-cache.json`) is not included. Prints; asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from pathlib import Path

from pipeline.tm.memory import Memory, Unit

SEED = Path(__file__).resolve().parent.parent / "seeds" / "rusia-kazajistan-alianza.txt"
PARAGRAPHS_PER_DOCUMENT = 13


def _paragraphs(count: int, rng: random.Random) -> list[str]:
    words = re.findall(r"\w+", SEED.read_text(encoding="utf-8"))
    made = []
    for _ in range(count):
        length = rng.randint(12, 60)
        made.append(" ".join(rng.choice(words) for _ in range(length)).capitalize() + ".")
    return made


def _timed(lookups: list, call) -> tuple[float, int]:
    started = time.perf_counter()
    found = sum(1 for query in lookups if call(query))
    return (time.perf_counter() - started) / len(lookups) * 1e6, found


def measure(documents: int, queries: int) -> None:
    rng = random.Random(documents)
    sources = _paragraphs(documents * PARAGRAPHS_PER_DOCUMENT, rng)
    units = [
        Unit(text, text.upper(), "en", f"doc{n // PARAGRAPHS_PER_DOCUMENT}")
        for n, text in enumerate(sources)
    ]
    started = time.perf_counter()
    memory = Memory(units)
    build = time.perf_counter() - started
    started = time.perf_counter()
    memory.fuzzy("en", sources[0])  # the first fuzzy lookup builds the 4-gram index
    index = time.perf_counter() - started

    picked = rng.sample(sources, queries)
    exact = [text.replace(" ", "  ", 1) for text in picked]
    fuzzy = [_two_words_changed(text, rng) for text in picked]
    misses = _paragraphs(queries, random.Random(-documents))
    exact_us, exact_found = _timed(exact, lambda q: memory.exact("en", q))
    fuzzy_us, fuzzy_found = _timed(fuzzy, lambda q: memory.fuzzy("en", q))
    miss_us, miss_found = _timed(misses, lambda q: memory.fuzzy("en", q))
    print(
        f"{documents:>6} documents, {len(units):>7} units: build {build:.2f} s, "
        f"fuzzy index {index:.2f} s"
    )
    print(f"    exact  {exact_us:8.1f} µs/lookup  ({exact_found}/{queries} found)")
    print(f"    fuzzy  {fuzzy_us:8.1f} µs/lookup  ({fuzzy_found}/{queries} found ≥ 75%)")
    print(f"    miss   {miss_us:8.1f} µs/lookup  ({miss_found}/{queries} wrongly found)")


def _two_words_changed(text: str, rng: random.Random) -> str:
    words = text.split()
    for _ in range(2):
        words[rng.randrange(len(words))] = "cambiado"
    return " ".join(words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--queries", type=int, default=2000)
    args = parser.parse_args()
    for documents in args.documents:
        measure(documents, args.queries)


if __name__ == "__main__":
    main()
