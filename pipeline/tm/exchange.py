"""``pipeline tm import`` and ``tm export``: the memory in and out as TMX 1.4b.

Export writes the project's reviewed work, one unit per document and source paragraph with a
variant per language. Import copies an outside memory's units in the project's languages into
``tm/<name>.tmx``: reference units, offered as drafts and never taken for this project's review;
no catalog is touched, so nothing reviewed can be overwritten.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from pipeline.atomic import write_bytes_atomic
from pipeline.config import Settings
from pipeline.errors import PipelineError
from pipeline.locales import read_catalog
from pipeline.tm.index import catalog_units
from pipeline.tm.memory import Unit
from pipeline.tm.tmx import TranslationUnit, Variant, read_tmx, write_tmx

_PO_DATE = "%Y-%m-%d %H:%M%z"
_TMX_DATE = "%Y%m%dT%H%M%SZ"


@dataclass(frozen=True)
class TmxImport:
    """What an import kept: units per language, and where the reference copy lives."""

    stored: str  # the reference file, relative to the project
    units: dict[str, int]
    skipped: int  # units with no source-language text or none in the project's languages
    replaced: bool  # a reference file of that name existed and was replaced


def export_tmx(settings: Settings, destination: Path) -> int:
    """Write every reviewed translation of the project to ``destination``; returns the units."""
    grouped: dict[tuple[str, str], list[Unit]] = defaultdict(list)
    for lang in settings.target_languages:
        for path in sorted((settings.locales / lang / "LC_MESSAGES").glob("*.po")):
            po = read_catalog(settings, path)
            for unit in catalog_units(settings, path.stem, lang, po):
                grouped[unit.doc, unit.source].append(unit)
    tmx_units = [
        TranslationUnit(
            (Variant(settings.source_language, source),)
            + tuple(Variant(u.lang, u.target, _tmx_date(u.date), u.reviewer) for u in units),
            doc,
        )
        for (doc, source), units in sorted(grouped.items())
    ]
    write_bytes_atomic(destination, write_tmx(settings.source_language, tmx_units, _version()))
    return len(tmx_units)


def import_tmx(settings: Settings, file: Path) -> TmxImport:
    """Keep ``file``'s units in the project's languages as the reference memory tm/<stem>.tmx."""
    display = str(file)
    srclang, tmx_units = read_tmx(file, display)
    source = settings.source_language
    kept, counts, skipped = [], dict.fromkeys(settings.target_languages, 0), 0
    for tu in tmx_units:
        original = tu.variant(source)
        found = ((lang, tu.variant(lang)) for lang in settings.target_languages)
        present = [(lang, variant) for lang, variant in found if variant is not None]
        if original is None or not present:
            skipped += 1
            continue
        for lang, _variant in present:
            counts[lang] += 1
        ours = [Variant(source, original.text, original.date, original.author)]
        ours += [Variant(lang, v.text, v.date, v.author) for lang, v in present]
        kept.append(TranslationUnit(tuple(ours), tu.doc))
    if not kept:
        raise PipelineError(
            f"{display}: no unit has both a {source} text and one in "
            f"{', '.join(settings.target_languages)} (the file's source language is "
            f"{srclang or 'not given'}); give a memory from {source}"
        )
    stored = settings.tm / f"{file.stem}.tmx"
    replaced = stored.exists()
    write_bytes_atomic(stored, write_tmx(source, kept, _version()))
    return TmxImport(settings.relative(stored), counts, skipped, replaced)


def _tmx_date(po_date: str | None) -> str | None:
    """A PO header date (``2026-12-03 07:10+0100``) as TMX writes dates, in UTC."""
    if po_date is None:
        return None
    try:
        return datetime.strptime(po_date, _PO_DATE).astimezone(UTC).strftime(_TMX_DATE)
    except ValueError:
        return None  # a hand-edited header: the unit is still worth exporting, undated


def _version() -> str:
    try:
        return version("pipeline")
    except PackageNotFoundError:
        return "0"
