"""The extract stage: bring every document's template and catalogs up to date with its source."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import polib

from pipeline.atomic import write_bytes_atomic
from pipeline.catalog import TEMPLATE_DATE, build_template, gettext_date
from pipeline.config import Settings
from pipeline.document import Document, SourceOptions
from pipeline.errors import PipelineError
from pipeline.gettext import format_po, merge
from pipeline.gettext.write import format_po_bytes
from pipeline.locales import read_if_present
from pipeline.segment import discover_sources, load_document
from pipeline.stamps import Stamps, digest, document_digest, file_digest
from pipeline.units import live_entries


@dataclass(frozen=True)
class FileChange:
    """What a stage did to one file: ``created``, ``updated`` or ``unchanged``."""

    path: str
    action: str
    entries: int


def load_documents(
    settings: Settings,
    names: tuple[str, ...] = (),
    on_error: Callable[[str, str], None] | None = None,
) -> list[Document]:
    """The project's source documents (or those named by id), segmented.

    A bad document is reported through ``on_error(name, message)`` (its path as users see it) and
    skipped, so the others still go through; without ``on_error`` the first one stops everything.
    """
    paths = source_paths(settings, names)
    if not paths:
        raise PipelineError(
            f"{settings.relative(settings.seeds)}: no source documents ({settings.source_glob}); "
            "put the Spanish articles there as UTF-8 text (.txt), Markdown (.md) or HTML (.html) "
            "files"
        )
    documents = []
    for path, loaded in each_document(settings, paths):
        if isinstance(loaded, Document):
            documents.append(loaded)
        elif on_error is None:
            raise loaded
        else:
            on_error(settings.relative(path), str(loaded))
    return documents


def source_paths(settings: Settings, names: Iterable[str] = ()) -> list[Path]:
    """The project's source files, or those of the documents named by id (in the order given).

    A name without a source is a PipelineError listing the documents there are.
    """
    paths = discover_sources(settings.seeds, settings.source_glob)
    wanted = tuple(names)
    if not wanted:
        return paths
    by_id = {path.stem: path for path in paths}
    unknown = [name for name in wanted if name not in by_id]
    if unknown:
        known = ", ".join(sorted(by_id)) or "none"
        raise PipelineError(
            f"no source document named {', '.join(unknown)} in "
            f"{settings.relative(settings.seeds)} (documents: {known})"
        )
    return [by_id[name] for name in dict.fromkeys(wanted)]


def each_document(
    settings: Settings, paths: list[Path] | None = None
) -> Iterator[tuple[Path, Document | PipelineError]]:
    """Each source (``paths``, or all the project's) with its document, or what is wrong with it."""
    if paths is None:
        paths = discover_sources(settings.seeds, settings.source_glob)
    for path in paths:
        try:
            yield path, load_document(path, settings.relative(path), source_options(settings))
        except PipelineError as exc:
            yield path, exc


def source_options(settings: Settings) -> SourceOptions:
    """What the project's parsers read sources with."""
    return SourceOptions(settings.source_language, settings.front_matter_keys)


def extract_document(
    settings: Settings, document: Document, stamps: Stamps | None = None
) -> list[FileChange]:
    """Write the document's template, then merge it into the catalog of every target language.

    With ``stamps``, a document whose source, template and catalogs are all as when it was last
    extracted is left unread (every file ``unchanged``), and what this run wrote is recorded.
    """
    paths = [settings.template_path(document.doc_id)]
    paths += [settings.catalog_path(document.doc_id, lang) for lang in settings.target_languages]
    source = settings.relative(document.path)
    read = {source: document_digest(document)}
    if stamps is not None:
        files = {settings.relative(path): file_digest(path) for path in paths}
        recorded = stamps.valid(document.doc_id, read | files)
        if recorded is not None and len(recorded.get("entries", ())) == len(paths):
            return [
                FileChange(name, "unchanged", entries)
                for name, entries in zip(files, recorded["entries"], strict=True)
            ]
    template = build_template(document, source)
    saved = [_save_template(settings, template, paths[0])]
    for lang, path in zip(settings.target_languages, paths[1:], strict=True):
        old = read_if_present(settings, path)
        catalog = merge(template, old, lang)
        saved.append(_save(settings, catalog, path, existed=old is not None))
    if stamps is not None:
        written = {change.path: digest(data) for change, data in saved}
        entries = [change.entries for change, _data in saved]
        stamps.record(document.doc_id, read | written, {"entries": entries})
    return [change for change, _data in saved]


def _save_template(
    settings: Settings, template: polib.POFile, path: Path
) -> tuple[FileChange, bytes]:
    """Save a template, keeping its creation date unless its content really changed."""
    old = read_if_present(settings, path)
    if old is not None and TEMPLATE_DATE in old.metadata:
        template.metadata[TEMPLATE_DATE] = old.metadata[TEMPLATE_DATE]
        if format_po(template) != format_po(old):
            template.metadata[TEMPLATE_DATE] = gettext_date()
    return _save(settings, template, path, existed=old is not None)


def _save(
    settings: Settings, catalog: polib.POFile, path: Path, *, existed: bool
) -> tuple[FileChange, bytes]:
    """Write the catalog if its bytes changed; the change and the bytes now in the file."""
    data = format_po_bytes(catalog)
    written = write_bytes_atomic(path, data)
    action = "unchanged" if not written else ("updated" if existed else "created")
    entries = sum(1 for _ in live_entries(catalog))
    return FileChange(settings.relative(path), action, entries), data
