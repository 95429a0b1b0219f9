"""Applying finished translations to the catalogs, in the driver only.

Each paragraph gets its placeholders back and a provenance record, and waits until a save, which
goes through :mod:`pipeline.catalog_save`: if someone saved the file since the run read it (a
reviewer in Poedit, ``pipeline review``), the drafts go into what is on disk now, and only into
entries still as the plan knew them; everything else a person changed, header and comments
included, is kept as they saved it.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import polib

from pipeline.catalog_save import Change, EntryKey
from pipeline.mt.engine import Engine
from pipeline.mt.layout import restore_paragraph
from pipeline.mt.routed import leg_engines
from pipeline.provenance import Provenance, digest, source_digest
from pipeline.tm.memory import Unit
from pipeline.translate.plan import Job, Plan, Target
from pipeline.units import mark_reviewed, set_machine_draft, set_memory_draft


@dataclass
class Outcome:
    """What a run did, for the summary line and warnings."""

    drafted: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    from_memory: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    warnings: list[str] = field(default_factory=list)
    sentences: int = 0
    seconds: float = 0.0


class Drafts:
    """The drafts a run has made and not yet saved, per target of the plan."""

    def __init__(self, plan: Plan, engine: Engine, outcome: Outcome) -> None:
        self._plan = plan
        self._engine = engine
        self._outcome = outcome
        self._pending: dict[int, dict[EntryKey, Change]] = defaultdict(dict)
        self._remaining: dict[int, int] = defaultdict(int)
        # the entries a person changed during the run, with the warning for each
        self._conflicts: dict[int, list[tuple[EntryKey, str]]] = defaultdict(list)
        self._reused: set[tuple[int, EntryKey]] = set()
        for job in plan.jobs:
            self._remaining[job.target] += 1

    def add_reused(self, accept: bool) -> None:
        """Fill every entry the plan found in the memory (whole matches reviewed when
        ``accept``)."""
        for reuse in self._plan.reused:
            change = functools.partial(_reuse, unit=reuse.unit, accept=accept and reuse.whole)
            self._pending[reuse.target][reuse.key] = change
            self._reused.add((reuse.target, reuse.key))
            self._outcome.from_memory[self._plan.targets[reuse.target].display] += 1

    def add(self, index: int, masked: str, machine_pivot: str | None) -> int:
        """Draft job ``index`` from its translated text; returns its target's index."""
        job = self._plan.jobs[index]
        target = self._plan.targets[job.target]
        restored = restore_paragraph(masked, job.protected)
        text = restored.text
        where = f"{target.display}:{job.line}" if job.line else target.display
        problems = [f"lost the protected span «{span.source}»" for span in restored.lost]
        problems += [f"repeated the protected span «{span.source}»" for span in restored.duplicated]
        problems += [
            f"wrote «{token}», which looks like a placeholder" for token in restored.unexpected
        ]
        self._outcome.warnings += [
            f"{where}: the model {problem}; the draft needs a person's attention"
            for problem in problems
        ]
        record = self._record(job, text, machine_pivot)
        change = functools.partial(set_machine_draft, translation=text, record=record)
        self._pending[job.target][job.key] = change
        self._remaining[job.target] -= 1
        self._outcome.drafted[target.display] += 1
        return job.target

    def is_complete(self, target: int) -> bool:
        return self._remaining[target] == 0

    def save(self, targets: Iterable[int]) -> None:
        """Write these targets' pending drafts into entries still as planned."""
        for index in targets:
            self._save(index, self._plan.targets[index])

    def close(self) -> None:
        """Save every target, and report the drafts not written as a person changed the entry."""
        self.save(range(len(self._plan.targets)))
        for index, target in enumerate(self._plan.targets):
            for key, message in self._conflicts.get(index, []):
                self._outcome.warnings.append(message)
                reused = (index, key) in self._reused
                counts = self._outcome.from_memory if reused else self._outcome.drafted
                counts[target.display] -= 1

    def _record(self, job: Job, text: str, machine_pivot: str | None) -> Provenance:
        pivot_text = job.reviewed_pivot if job.reviewed_pivot is not None else machine_pivot
        return Provenance(
            engine=leg_engines(self._engine, job.legs),
            route=job.languages,
            packages=tuple(self._engine.identity(pair) for pair in job.legs),
            src=source_digest(job.msgid),
            out=digest(text),
            pivot=digest(pivot_text) if pivot_text is not None else None,
        )

    def _save(self, index: int, target: Target) -> None:
        pending = self._pending.pop(index, None)
        if not pending:
            return
        self._conflicts[index] += [
            (
                changed.key,
                f"{changed.describe(target.display)}: changed by someone else during the run; "
                "their version is kept and no draft was written there",
            )
            for changed in target.file.save(pending)
        ]


def _reuse(entry: polib.POEntry, unit: Unit, accept: bool) -> None:
    """Fill ``entry`` from the memory: a draft, or reviewed when ``accept`` (the project's
    ``tm_accept_exact``) says exact matches need no review and the unit is this project's
    reviewed work (a reference unit is always a draft)."""
    set_memory_draft(entry, unit)
    if accept and unit.reviewed:
        mark_reviewed(entry)
