"""Unicode bidirectional controls: invisible characters that change the order text displays in.

Embeddings, overrides and isolates reorder everything up to their end, so a text can read one way
and be another ("Trojan Source", CVE-2021-42574); no text in the pipeline's languages needs them.
Marks only set the direction of the neutral characters beside them, and right-to-left text uses
them, so they are judged against the source.
"""

from __future__ import annotations

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
BIDI_MARKS = frozenset("\u200e\u200f\u061c")
_DROP_CONTROLS = dict.fromkeys(map(ord, BIDI_CONTROLS))


def inert(value: object) -> object:
    """A text without its embeddings, overrides and isolates (marks kept); other values as given.

    A ``markupsafe.Markup`` stays one, so this can finalize an autoescaping Jinja environment.
    """
    return value.translate(_DROP_CONTROLS) if isinstance(value, str) else value
