"""Inline markup in a segment's text, each piece with its role: what XLIFF inline codes are made of.

A format's markup finder (``markdown.markup``, ``html.markup``) says where each piece of markup is
and whether it opens an element (``**``, ``[``, ``<a href="…">``), closes one (``**``,
``](url)``, ``</a>``) or stands alone (a code span, ``<br>``, an entity, a stretch that both closes
and opens). ``names`` say which elements a piece opens or closes, in the order written, so that an
opening and its closing can be paired (:func:`paired`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum


class Role(StrEnum):
    OPEN = "open"
    CLOSE = "close"
    STANDALONE = "standalone"


@dataclass(frozen=True)
class Markup:
    """``text[start:end]`` is markup with ``role``; ``names`` the elements it opens or closes."""

    start: int
    end: int
    role: Role
    names: tuple[str, ...] = ()


MarkupFinder = Callable[[str], list[Markup]]
"""A segment's text → its pieces of markup in order, none overlapping."""


def no_markup(text: str) -> list[Markup]:
    """Plain text has no markup."""
    return []


def paired(pieces: Sequence[Markup]) -> list[tuple[Markup, int | None]]:
    """Each piece with the index of its partner (an opening's closing and the reverse), or None.

    A closing pairs with the latest opening still open of the same elements (in the reverse
    order), which need not be the innermost: a translation may have moved tags across each
    other. A piece left without a partner stands alone, so that a code never claims an element
    it does not hold.
    """
    partner: dict[int, int] = {}
    open_at: list[int] = []
    for index, piece in enumerate(pieces):
        if piece.role is Role.OPEN:
            open_at.append(index)
        elif piece.role is Role.CLOSE:
            wanted = tuple(reversed(piece.names))
            opening = next((at for at in reversed(open_at) if pieces[at].names == wanted), None)
            if opening is not None:
                open_at.remove(opening)
                partner[opening], partner[index] = index, opening
    return [
        (piece if index in partner else replace(piece, role=Role.STANDALONE), partner.get(index))
        for index, piece in enumerate(pieces)
    ]
