"""Catalogs with nothing to draft, stamped so that an unchanged re-run does not even parse them.

A catalog has nothing to draft when no entry has a draft reason, the pivot checked too whatever
the route is today (a direct route only ignores it): then neither the memory, the glossary nor
the engine's models can give it a job. That depends on the catalog's bytes and on those of its
document's pivot-language catalog (where reviewed pivots come from), under the project's
settings and the pipeline's code, which key the stamps (:mod:`pipeline.stamps`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import polib

from pipeline.config import Settings
from pipeline.drafts import draft_reason
from pipeline.stamps import Stamps, digest
from pipeline.units import is_reviewed, live_entries

if TYPE_CHECKING:
    from pipeline.translate.plan import Plan


def is_settled(
    stamps: Stamps, doc_id: str, lang: str, pivot: str, digests: Mapping[str, str]
) -> bool:
    """The catalog of ``lang`` had nothing to draft with these bytes (``digests`` by language)."""
    return stamps.valid(f"{doc_id}/{lang}", _files(lang, pivot, digests)) is not None


def record(stamps: Stamps, doc_id: str, lang: str, pivot: str, digests: Mapping[str, str]) -> None:
    """The catalog of ``lang`` has nothing to draft while it and the pivot's have these bytes."""
    stamps.record(f"{doc_id}/{lang}", _files(lang, pivot, digests))


def nothing_to_draft(entries: Iterable[polib.POEntry], reviewed_pivot: Mapping[str, str]) -> bool:
    """No entry needs a draft, even from the reviewed pivot texts (msgid → msgstr)."""
    return all(draft_reason(entry, reviewed_pivot.get(entry.msgid)) is None for entry in entries)


def reviewed_texts(catalog: polib.POFile | None) -> dict[str, str]:
    """A pivot catalog's reviewed translations, by msgid."""
    return {e.msgid: e.msgstr for e in live_entries(catalog or []) if is_reviewed(e)}


def record_run(settings: Settings, plan: Plan, stamps: Stamps, extracted: Stamps) -> None:
    """After a finished run: stamp each catalog it left with nothing to draft, and carry the
    extract stamps over to the catalogs as the run wrote them (drafts change no entry's source,
    so what extract found settled stays settled)."""
    pivot = settings.pivot_language
    files = {(target.doc_id, target.lang): target.file for target in plan.targets}
    for (doc_id, lang), file in files.items():
        if file.seen is None:
            continue
        now = digest(file.seen)
        pivot_file = files.get((doc_id, pivot))
        if pivot_file is not None and pivot_file.seen is not None:
            pivot_digest, reviewed = digest(pivot_file.seen), reviewed_texts(pivot_file.po)
        else:
            pivot_digest, reviewed = plan.pivots[doc_id]
        if nothing_to_draft(file.po, reviewed if lang != pivot else {}):
            record(stamps, doc_id, lang, pivot, {lang: now, pivot: pivot_digest})
        extracted.replace(doc_id, settings.relative(file.path), plan.read[doc_id, lang], now)


def _files(lang: str, pivot: str, digests: Mapping[str, str]) -> dict[str, str]:
    return {lang: digests[lang], pivot: digests[pivot]}
