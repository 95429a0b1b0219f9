"""``publish --check``: the drafts a publish would show that the project's checks call errors.

A newsroom that publishes machine drafts still wants none that ``pipeline check`` fails: a
changed number, a bidi control, a lost placeholder. Each such draft is one line naming its
document, catalog entry and finding; any line refuses the whole publish, so no page is written
half-checked. Reviewed translations are a person's call and are not gated here.
"""

from __future__ import annotations

from collections.abc import Iterable

import polib

from pipeline.config import Settings
from pipeline.document import Document
from pipeline.locales import read_catalog
from pipeline.qa import ERROR, CatalogFinding, CheckContext
from pipeline.units import is_draft, live_entries

_EXCERPT = 40  # characters of the source paragraph that name the entry


def draft_errors(settings: Settings, document: Document, langs: Iterable[str]) -> list[str]:
    """One line per error-level finding on a draft of ``document`` shown in ``langs``."""
    lines = []
    for lang in langs:
        path = settings.catalog_path(document.doc_id, lang)
        context = CheckContext.for_language(settings, lang)
        po = read_catalog(settings, path)
        lines += _catalog_errors(settings.relative(path), po, document, context)
    return lines


def _catalog_errors(
    name: str, po: polib.POFile, document: Document, context: CheckContext
) -> list[str]:
    shown = {segment.text for segment in document.segments}
    lines = []
    for entry in live_entries(po):
        if not is_draft(entry) or entry.msgid not in shown:
            continue
        for finding in context.findings(entry, document.doc_id):
            if finding.severity == ERROR:
                located = CatalogFinding(name, entry.linenum, finding)
                lines.append(f"{document.doc_id}: {located} (draft of “{_excerpt(entry.msgid)}”)")
    return lines


def _excerpt(text: str) -> str:
    return text if len(text) <= _EXCERPT else text[: _EXCERPT - 1] + "…"
