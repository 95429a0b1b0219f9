"""Web and e-mail addresses, which a translation keeps as the source writes them."""

from __future__ import annotations

from collections import Counter

from pipeline.protect import addresses as written_addresses
from pipeline.qa.registry import ERROR, Pair, check


@check("addresses", ERROR, "links")
def addresses(pair: Pair) -> str | None:
    """a web or e-mail address of the source is missing from the translation or written otherwise"""
    # Counted, so that a paragraph linking one address twice keeps both links.
    missing = Counter(written_addresses(pair.source)) - Counter(written_addresses(pair.target))
    return ", ".join(missing) if missing else None
