"""Whitespace around the text."""

from __future__ import annotations

from pipeline.qa.registry import WARNING, Pair, check


@check("whitespace", WARNING, "spacing")
def whitespace(pair: Pair) -> str | None:
    """leading or trailing whitespace differs from the source"""
    ends = []
    if _leading(pair.source) != _leading(pair.target):
        ends.append("leading")
    if _trailing(pair.source) != _trailing(pair.target):
        ends.append("trailing")
    return " and ".join(ends) if ends else None


def _leading(text: str) -> str:
    return text[: len(text) - len(text.lstrip())]


def _trailing(text: str) -> str:
    return text[len(text.rstrip()) :]
