"""The project's catalogs on disk: which exist, reading them, and their pivot-language texts."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import polib

from pipeline.config import Settings
from pipeline.errors import PipelineError
from pipeline.gettext import read_po
from pipeline.provenance import digest
from pipeline.units import is_translated, live_entries

CATALOG_GLOB = "*/LC_MESSAGES/*.po"


@dataclass(frozen=True)
class CatalogFile:
    """Where the catalog of one document in one language lives, and whether it exists yet."""

    doc_id: str
    lang: str
    path: Path
    exists: bool


def select_languages(settings: Settings, langs: Iterable[str] | None = None) -> tuple[str, ...]:
    """The target languages asked for (all by default), refusing one the project does not have."""
    if langs is None:
        return settings.target_languages
    chosen = tuple(dict.fromkeys(langs)) or settings.target_languages
    unknown = [lang for lang in chosen if lang not in settings.target_languages]
    if unknown:
        raise PipelineError(
            f"pyproject.toml: language(s) {', '.join(unknown)} not in [tool.pipeline] "
            f"target_languages ({', '.join(settings.target_languages)}); add them there or "
            "choose one of those"
        )
    return chosen


def find_catalogs(
    settings: Settings, langs: Iterable[str] | None = None, doc_ids: Iterable[str] = ()
) -> list[CatalogFile]:
    """The catalog of every document (with a template or a catalog; or of ``doc_ids`` only) in
    each language, by doc."""
    languages = select_languages(settings, langs)
    docs = {path.stem for path in settings.locales.glob("*.pot")}
    docs |= {path.stem for lang in languages for path in _catalogs_of(settings, lang)}
    wanted = set(doc_ids)
    if wanted:
        missing = sorted(wanted - docs)
        if missing:
            raise PipelineError(
                f"{settings.relative(settings.locales)}: no catalogs for {', '.join(missing)}; "
                f"run `pipeline extract {' '.join(missing)}` first"
            )
        docs = wanted
    if not docs:
        raise PipelineError(
            f"{settings.relative(settings.locales)}: no catalogs; run `pipeline extract` first"
        )
    found = []
    for doc_id in sorted(docs):
        for lang in languages:
            path = settings.catalog_path(doc_id, lang)
            found.append(CatalogFile(doc_id, lang, path, _present(path)))
    return found


def unconfigured_catalogs(settings: Settings) -> list[str]:
    """A warning for each catalog in a language the project does not translate into."""
    configured = settings.target_languages
    return [
        f"{settings.relative(path)}: language {path.parent.parent.name!r} is not in "
        f"[tool.pipeline] target_languages ({', '.join(configured)}), so it is left out; "
        "add the language there or remove the catalog"
        for path in sorted(settings.locales.glob(CATALOG_GLOB))
        if path.parent.parent.name not in configured
    ]


def _present(path: Path) -> bool:
    """Anything at the path (a folder, pipe or broken link too) is there, so that reading it
    reports what is wrong instead of the catalog being taken for one not made yet."""
    return os.path.lexists(path)


def _catalogs_of(settings: Settings, lang: str) -> list[Path]:
    return sorted((settings.locales / lang / "LC_MESSAGES").glob("*.po"))


def read_catalog(settings: Settings, path: Path) -> polib.POFile:
    """A catalog or template of the project; errors name it relative to the project."""
    return read_po(path, settings.relative(path))


def read_if_present(settings: Settings, path: Path) -> polib.POFile | None:
    """A catalog or template, or None when there is none yet."""
    return read_catalog(settings, path) if _present(path) else None


def required_catalog(settings: Settings, doc_id: str, lang: str) -> polib.POFile:
    """The catalog of one document in one language; its absence is an error naming the file."""
    path = settings.catalog_path(doc_id, lang)
    if not path.is_file():
        raise PipelineError(
            f"{settings.relative(path)}: no {lang} catalog for {doc_id}; run `pipeline extract` "
            "(then `pipeline translate`) to create it"
        )
    return read_catalog(settings, path)


def pivot_texts(settings: Settings, doc_id: str, lang: str) -> dict[str, str] | None:
    """msgid → current pivot-language text of a document; None if ``lang`` is not pivoted."""
    pivot = settings.pivot_language
    if lang in (pivot, settings.source_language):
        return None
    po = read_if_present(settings, settings.catalog_path(doc_id, pivot)) or []
    return {entry.msgid: entry.msgstr for entry in live_entries(po) if is_translated(entry)}


def pivot_changed(recorded: str | None, current: str | None) -> bool:
    """True if a draft's recorded pivot digest no longer matches the current pivot text."""
    return recorded is not None and current is not None and recorded != digest(current)
