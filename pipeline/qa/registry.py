"""The check registry: what a check is, what it is given, and the table of them all.

A check receives a :class:`Pair` (one entry's source and translation and what is known about
them) and returns ``None`` when the pair passes, or the specifics of the problem ("3.500", "ONU"),
possibly empty. Its docstring is the message users see. Each check belongs to a family (its
category, the module of :mod:`pipeline.qa.checks` it lives in) and may have a precondition: a
pair it does not apply to is not given to it at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from pipeline.glossary import Glossary
from pipeline.sentences import split_sentences

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem of one entry: which check found it, how bad it is, what to tell the user."""

    check: str
    severity: str
    message: str


@dataclass(frozen=True)
class Pair:
    """One entry's source and translation, with what the checks need to judge them."""

    source: str
    target: str
    source_lang: str
    target_lang: str
    glossary: Glossary | None = None
    pivot_digest: str | None = None  # the provenance's digest of the text the draft came from
    pivot_text: str | None = None  # the current pivot-language (English) text of the entry
    ignored: frozenset[str] = frozenset()

    @cached_property
    def sentences(self) -> tuple[list[str], list[str]]:
        """The sentences of the source and of the translation (split once per pair)."""
        return (
            split_sentences(self.source.strip(), self.source_lang),
            split_sentences(self.target.strip(), self.target_lang),
        )

    @property
    def sentence_counts(self) -> tuple[int, int]:
        """How many sentences the source and the translation have."""
        source, target = self.sentences
        return len(source), len(target)


CheckFunction = Callable[[Pair], str | None]
Precondition = Callable[[Pair], bool]


def always(pair: Pair) -> bool:
    """The precondition of a check that applies to every translated pair."""
    return True


@dataclass(frozen=True)
class Check:
    """A registered check: its name (for check-ignore), severity, family and function."""

    name: str
    severity: str
    category: str
    function: CheckFunction
    applies: Precondition = always

    @property
    def message(self) -> str:
        return (self.function.__doc__ or self.name).strip().splitlines()[0]

    def run(self, pair: Pair) -> Finding | None:
        if not self.applies(pair):
            return None
        detail = self.function(pair)
        if detail is None:
            return None
        message = f"{self.message}: {detail}" if detail else self.message
        return Finding(self.name, self.severity, message)


# Checks run and report in registration order: pipeline.qa.checks imports the families in order.
CHECKS: dict[str, Check] = {}


def check(
    name: str, severity: str, category: str, applies: Precondition = always
) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check under ``name`` in family ``category``, run on pairs ``applies`` accepts."""

    def register(function: CheckFunction) -> CheckFunction:
        CHECKS[name] = Check(name, severity, category, function, applies)
        return function

    return register
