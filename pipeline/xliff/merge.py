"""Bringing an XLIFF file's translations into its catalog, never over a person's review.

A unit is matched to its entry by source paragraph (and context). What the file says goes in
when the catalog's entry is a draft or untranslated: a ``reviewed``/``final`` segment as
reviewed, a ``translated`` one as a draft. A reviewed entry keeps its text unless the file has it
reviewed too, differently, and the import is told to overwrite reviewed work; every other
difference is reported as a conflict. Units whose source is no longer in the catalog (the
paragraph changed since the export) are reported, and so are units whose target's inline codes
are not the source's (left as they are, unless the catalog already has that translation). The
catalog is saved as :mod:`pipeline.catalog_save` saves: someone else's save meanwhile is kept.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import polib

from pipeline.catalog_save import Change, EntryKey, TrackedCatalog
from pipeline.config import Settings
from pipeline.errors import PipelineError
from pipeline.tm.tmx import same_language
from pipeline.units import State, is_blank, mark_fuzzy, mark_reviewed, state
from pipeline.xliff.read import Segment, XliffFile, read_xliff


@dataclass
class XliffImport:
    """What one file changed in its catalog, and what it could not."""

    catalog: str
    reviewed: int = 0  # entries now reviewed with the file's text
    drafts: int = 0  # entries now drafts with the file's text
    conflicts: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # targets whose inline codes are wrong


def import_xliff(settings: Settings, file: Path, overwrite_reviewed: bool = False) -> XliffImport:
    """Merge ``file`` into the catalog of its document and language."""
    display = str(file)
    document = read_xliff(file, display)
    lang = _language(settings, document, display)
    path = settings.catalog_path(_doc_id(document, display), lang)
    if not path.is_file():
        raise PipelineError(
            f"{display}: the project has no {lang} catalog of {document.doc_id!r} "
            f"({settings.relative(path)}); import it into the project it was exported from"
        )
    tracked = TrackedCatalog.open(path, settings.relative(path))
    result = XliffImport(tracked.display)
    changes: dict[EntryKey, Change] = {}
    reviewed: set[EntryKey] = set()
    for segment in document.segments:
        where = f"{display}:{segment.line}"
        entry = tracked.entry((segment.context, segment.source))
        if entry is None:
            result.missing.append(
                f"{where}: its source paragraph is no longer in {tracked.display} (changed since "
                "the export); translate the new paragraph there"
            )
            continue
        if segment.refused is not None:
            # Said only of a translation the file offers and the catalog does not have already
            # (a mismatch of the catalog's own, exported and coming back, is not an edit).
            if _offered(segment) and segment.target != entry.msgstr:
                result.refused.append(
                    f"{where}: unit {segment.unit_id} not imported: {segment.refused}; put the "
                    "source's inline codes in the target, each once, and export it again"
                )
            continue
        decided = _decide(entry, segment, overwrite_reviewed)
        if isinstance(decided, str):
            result.conflicts.append(f"{where}: {decided}")
        elif decided is not None:
            key = (segment.context, segment.source)
            changes[key] = decided
            if segment.reviewed:
                reviewed.add(key)
    kept = tracked.save(changes)
    result.conflicts += [
        f"{changed.describe(tracked.display)}: changed by someone else during the import; "
        "their version is kept"
        for changed in kept
    ]
    applied = set(changes) - {changed.key for changed in kept}
    result.reviewed, result.drafts = len(applied & reviewed), len(applied - reviewed)
    return result


def _decide(entry: polib.POEntry, segment: Segment, overwrite: bool) -> Change | str | None:
    """The change the segment makes to the entry, a conflict's description, or None."""
    text = segment.target
    if text is None or not _offered(segment):
        return None
    current = state(entry)
    if current is State.REVIEWED:
        if text == entry.msgstr:
            return None
        if not segment.reviewed:
            return (
                "reviewed in the catalog, and the file's translation is not; the catalog's is "
                "kept (review it in the CAT tool to propose it)"
            )
        if not overwrite:
            return (
                "reviewed in the catalog and differently in the file; the catalog's is kept "
                "(import with --overwrite-reviewed to take the file's)"
            )
        return functools.partial(mark_reviewed, translation=text)
    if segment.reviewed:
        return functools.partial(mark_reviewed, translation=text)
    if current is State.DRAFT and text == entry.msgstr:
        return None
    return functools.partial(_set_draft, translation=text)


def _offered(segment: Segment) -> bool:
    """Whether the segment offers a translation: a target, not blank, past ``initial``."""
    return (
        segment.target is not None and not is_blank(segment.target) and segment.state != "initial"
    )


def _set_draft(entry: polib.POEntry, translation: str) -> None:
    entry.msgstr = translation
    mark_fuzzy(entry)


def _language(settings: Settings, document: XliffFile, display: str) -> str:
    if not same_language(document.source_lang, settings.source_language):
        raise PipelineError(
            f"{display}: its source language is {document.source_lang}, the project's is "
            f"{settings.source_language}; import it into the project it was exported from"
        )
    for lang in settings.target_languages:
        if same_language(document.target_lang, lang):
            return lang
    raise PipelineError(
        f"{display}: its target language {document.target_lang} is not in [tool.pipeline] "
        f"target_languages ({', '.join(settings.target_languages)}); add it there first"
    )


def _doc_id(document: XliffFile, display: str) -> str:
    doc_id = document.doc_id
    if Path(doc_id).name != doc_id or doc_id in {".", ".."}:
        raise PipelineError(
            f"{display}: its <file original={doc_id!r}> is not a document name of this project; "
            "give a file from `pipeline xliff export`"
        )
    return doc_id
