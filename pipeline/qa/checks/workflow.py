"""The workflow around an entry: a changed pivot, check-ignore comments."""

from __future__ import annotations

from pipeline.locales import pivot_changed
from pipeline.qa.registry import CHECKS, WARNING, Pair, check


def drafted_from_pivot(pair: Pair) -> bool:
    return pair.pivot_digest is not None


@check("stale", WARNING, "workflow", applies=drafted_from_pivot)
def stale(pair: Pair) -> str | None:
    """the pivot (English) text this was drafted from has changed; compare with the current one"""
    return "" if pivot_changed(pair.pivot_digest, pair.pivot_text) else None


@check("ignore", WARNING, "workflow")
def unknown_ignores(pair: Pair) -> str | None:
    """check-ignore names a check that does not exist"""
    unknown = sorted(pair.ignored - set(CHECKS))
    if not unknown:
        return None
    return f"{', '.join(unknown)} (checks: {', '.join(CHECKS)})"
