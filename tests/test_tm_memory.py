"""Fuzzy lookups in the memory: bounded work per lookup, and still the best match."""

from __future__ import annotations

import pytest

from pipeline.tm import memory
from pipeline.tm.memory import Memory, Unit

MATCH = "El ministro de Defensa de Kazajistán, Ruslan Zhaksylykov, visitó Pekín el lunes."
QUERY = "El ministro de Defensa de Kazajistán, Ruslan Zhaksylykov, visitó Moscú el martes."


def distractors(count: int) -> list[str]:
    """Paragraphs sharing the query's common grams (and more of them than the match has left
    after its edits), none similar enough to be a match."""
    return [
        f"El ministro de Defensa de Francia visitó Moscú el martes; acuerdo número {n} firmado."
        for n in range(count)
    ]


def lookup(sources: list[str], query: str) -> list[str]:
    found = Memory(Unit(s, s.upper(), "en", "doc") for s in sources).fuzzy("en", query)
    return [match.unit.source for match in found]


def test_the_best_match_is_found_through_the_few_rare_grams_it_shares() -> None:
    count = memory.POSTING_BUDGET * 2  # more sources per common gram than a lookup reads
    assert lookup([*distractors(count), MATCH], QUERY) == [MATCH]


def test_grams_no_source_has_do_not_crowd_out_the_ones_that_find_the_match() -> None:
    novel = " Qxzv wqxrj zzkqv jxwqz vqxw."  # more unknown grams than a lookup reads
    assert len(novel) > memory.RAREST_GRAMS
    assert lookup([*distractors(50), MATCH], MATCH + novel) == [MATCH]


@pytest.mark.parametrize("threshold", [0.75, 0.9])
def test_every_match_at_or_above_the_threshold_and_none_below(threshold: float) -> None:
    near = MATCH.replace("Pekín", "Pekín y Seúl")
    far = "Ruslan Zhaksylykov"
    found = Memory(Unit(s, s, "en", "d") for s in [near, far]).fuzzy("en", MATCH, threshold)
    assert [m.unit.source for m in found] == [near]
    assert found[0].score >= threshold
