"""The check registry and what it gives checks (pipeline.qa.registry)."""

from __future__ import annotations

import polib
import pytest

from pipeline.qa import CHECKS, findings_for_entry, registry
from pipeline.sentences import split_sentences

LONG_SOURCE = "El primer párrafo del cuerpo es largo. Tiene dos frases bien separadas."
LONG_TARGET = "The first body paragraph is long. It has two clearly separate sentences."


def test_every_check_belongs_to_a_family_module() -> None:
    families = {check.category for check in CHECKS.values()}
    assert {"numbers", "terms", "length", "punctuation", "characters"} <= families


def test_the_sentences_of_an_entry_are_split_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def counting(text: str, lang: str) -> list[str]:
        calls.append(lang)
        return split_sentences(text, lang)

    monkeypatch.setattr(registry, "split_sentences", counting)
    entry = polib.POEntry(msgid=LONG_SOURCE, msgstr=LONG_TARGET)
    assert findings_for_entry(entry, "es", "en") == []
    assert calls == ["es", "en"]  # omission and addition share one split of each side


def test_a_check_is_not_run_on_a_pair_its_precondition_refuses() -> None:
    called = []
    refusing = registry.Check(
        "probe", registry.WARNING, "test", lambda pair: called.append(pair) or "", lambda p: False
    )
    pair = registry.Pair("a", "b", "es", "en")
    assert refusing.run(pair) is None and called == []


def test_checks_report_in_the_order_of_their_families() -> None:
    assert list(CHECKS) == [
        "whitespace",
        "spaces",
        "numbers",
        "added-numbers",
        "negation",
        "glossary",
        "acronyms",
        "names",
        "added-names",
        "addresses",
        "omission",
        "addition",
        "repetition",
        "untranslated",
        "language",
        "balance",
        "quotes",
        "punctuation",
        "bidi",
        "junk",
        "stale",
        "ignore",
    ]
