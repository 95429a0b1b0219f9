"""Findings at their place in a catalog, and the exit policy of ``pipeline check``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.qa.registry import ERROR, Finding


@dataclass(frozen=True)
class CatalogFinding:
    """A finding at its place: the catalog (relative to the project) and the entry's PO line."""

    file: str
    line: int
    finding: Finding

    def __str__(self) -> str:
        f = self.finding
        return f"{self.file}:{self.line}: {f.severity}: {f.check}: {f.message}"

    def as_dict(self) -> dict[str, object]:
        f = self.finding
        return {
            "file": self.file,
            "line": self.line,
            "severity": f.severity,
            "check": f.check,
            "message": f.message,
        }


def fails(findings: Iterable[CatalogFinding], strict: bool = False) -> bool:
    """True if the findings should fail a run: any error, or with ``strict`` any finding."""
    return any(strict or f.finding.severity == ERROR for f in findings)


def summary(findings: list[CatalogFinding]) -> str:
    """One line for people: how many errors and warnings in how many catalogs."""
    errors = sum(f.finding.severity == ERROR for f in findings)
    files = len({f.file for f in findings})
    return f"{errors} error(s), {len(findings) - errors} warning(s) in {files} catalog(s)"
