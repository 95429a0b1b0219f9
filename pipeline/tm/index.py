"""The project's memory: its catalogs' reviewed entries and its reference TMX files, cached.

Each file's units are kept with their aligned sentences (:mod:`pipeline.tm.sentences`), since
cutting paragraphs into sentences costs more than reading them.

The catalogs are the only source of truth: the memory is rebuilt from them, never edited. A
cache (``locales/.tm-cache.json``) keeps each file's units with the file's size and modification
time, so a lookup in an unchanged project reads no catalog again and a changed catalog is the
only one read. The cache is a convenience: a missing or unreadable one is simply rebuilt.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import polib

from pipeline.atomic import write_bytes_atomic
from pipeline.config import Settings
from pipeline.locales import read_catalog
from pipeline.tm.memory import PROJECT, Memory, Unit
from pipeline.tm.sentences import aligned_sentences
from pipeline.units import is_reviewed, live_entries

CACHE_NAME = ".tm-cache.json"
_CACHE_VERSION = 2  # 2: each file's aligned sentences beside its units
_UNSET_HEADER = {"", "YEAR-MO-DA HO:MI+ZONE", "FULL NAME <EMAIL@ADDRESS>"}


def load_memory(settings: Settings) -> Memory:
    """Every reviewed translation of the project and every reference unit, indexed."""
    cache_path = settings.locales / CACHE_NAME
    cached = _read_cache(cache_path)
    files: dict[str, dict] = {}
    for path in _memory_files(settings):
        name = settings.relative(path)
        signature = _signature(path)
        entry = cached.get(name)
        if entry is None or entry.get("signature") != signature:
            units = _units_of(settings, path)
            sentences = [s for u in units for s in aligned_sentences(u, settings.source_language)]
            entry = {
                "signature": signature,
                "units": [_row(u) for u in units],
                "sentences": [_row(s) for s in sentences],
            }
        files[name] = entry
    if files != cached and settings.locales.is_dir():
        data = {"version": _CACHE_VERSION, "files": files}
        write_bytes_atomic(cache_path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    return Memory(
        (Unit(*row) for entry in files.values() for row in entry["units"]),
        (Unit(*row) for entry in files.values() for row in entry["sentences"]),
    )


def catalog_units(settings: Settings, doc_id: str, lang: str, po: polib.POFile) -> list[Unit]:
    """The reviewed entries of one catalog as units, dated and signed as its header says."""
    date = _header(po, "PO-Revision-Date")
    reviewer = _header(po, "Last-Translator")
    return [
        Unit(entry.msgid, entry.msgstr, lang, doc_id, PROJECT, date, reviewer)
        for entry in live_entries(po)
        if is_reviewed(entry) and entry.msgid and not entry.msgid_plural
    ]


def _memory_files(settings: Settings) -> Iterator[Path]:
    for lang in settings.target_languages:
        yield from sorted((settings.locales / lang / "LC_MESSAGES").glob("*.po"))
    yield from sorted(settings.tm.glob("*.tmx"))


def _units_of(settings: Settings, path: Path) -> list[Unit]:
    if path.suffix == ".tmx":
        return _reference_units(settings, path)
    lang = path.parent.parent.name
    return catalog_units(settings, path.stem, lang, read_catalog(settings, path))


def _reference_units(settings: Settings, path: Path) -> list[Unit]:
    """A reference memory's units: suggestions only, never counted as this project's review."""
    from pipeline.tm.tmx import read_tmx  # lxml, only for a project with reference memories

    _srclang, tmx_units = read_tmx(path, settings.relative(path))
    origin = settings.relative(path)
    units = []
    for lang in settings.target_languages:
        for tu in tmx_units:
            source, target = tu.variant(settings.source_language), tu.variant(lang)
            if source is not None and target is not None:
                units.append(
                    Unit(source.text, target.text, lang, tu.doc, origin, target.date, target.author)
                )
    return units


def _header(po: polib.POFile, key: str) -> str | None:
    value = po.metadata.get(key, "").strip()
    return None if value in _UNSET_HEADER else value


def _signature(path: Path) -> list[int]:
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]


def _row(unit: Unit) -> list[str | None]:
    return [unit.source, unit.target, unit.lang, unit.doc, unit.origin, unit.date, unit.reviewer]


def _read_cache(path: Path) -> dict[str, dict]:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != _CACHE_VERSION:
        return {}
    files = data.get("files")
    return files if isinstance(files, dict) else {}
