"""Whitespace: around the text, doubled, before punctuation."""

from __future__ import annotations

import re

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


# Two spaces in a row, or a plain space before a mark that follows its word (French puts a
# no-break space there, which this leaves alone): what a dropped word or a bad join leaves.
_BAD_SPACE = re.compile(r"(?<=\S)  +(?=\S)|(?<=\w) +[,.;:!?](?=\s|$)")


@check("spaces", WARNING, "spacing")
def spaces(pair: Pair) -> str | None:
    """the translation has doubled spaces or a space before punctuation"""
    if _BAD_SPACE.search(pair.source):
        return None
    found = _BAD_SPACE.search(pair.target)
    return repr(pair.target[max(0, found.start() - 10) : found.end() + 1]) if found else None
