"""Counting reviewed, drafted and untranslated entries and words (pipeline.stats)."""

from __future__ import annotations

import polib

from pipeline.provenance import Provenance, digest, write_provenance
from pipeline.stats import CatalogStatus, Tally, below, catalog_stats

SOURCE = "Moscú y Astaná continuarán fortaleciendo la asociación."  # 7 words


def catalog(*entries: polib.POEntry) -> polib.POFile:
    po = polib.POFile()
    po.extend(entries)
    return po


def entry(msgid: str = SOURCE, msgstr: str = "", fuzzy: bool = False, **kw) -> polib.POEntry:
    return polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if fuzzy else [], **kw)


def test_entries_are_reviewed_drafts_or_untranslated_by_flag_and_msgstr() -> None:
    stats = catalog_stats(
        catalog(
            entry(msgstr="Moscow and Astana will keep strengthening the partnership."),
            entry("Un borrador.", msgstr="A draft.", fuzzy=True),
            entry("Sin traducir.", msgstr=""),
            entry("Borrador vacío.", msgstr="", fuzzy=True),
            entry("Solo espacios.", msgstr="  "),
        )
    )
    assert stats.reviewed == Tally(1, 7)
    assert stats.drafts == Tally(1, 2)
    assert stats.untranslated == Tally(3, 6)
    assert stats.percent("reviewed") == 46.7
    assert stats.stale is None


def test_obsolete_entries_are_not_counted() -> None:
    stats = catalog_stats(catalog(entry(msgstr="Moscow.", obsolete=True), entry()))
    assert stats.total == Tally(1, 7)


def reviewed_russian(drafted_from: str) -> polib.POEntry:
    russian = "Москва и Астана продолжат укреплять партнёрство."
    ru = entry(msgstr=russian)
    route = ("es", "en", "ru")
    write_provenance(
        ru, Provenance("argos", route, (), digest(SOURCE), digest(russian), digest(drafted_from))
    )
    return ru


def test_reviewed_russian_entries_whose_english_changed_are_stale() -> None:
    english = {SOURCE: "Moscow and Astana will keep strengthening the partnership."}
    assert catalog_stats(catalog(reviewed_russian(english[SOURCE])), english).stale == 0
    assert catalog_stats(catalog(reviewed_russian("Moscow and Astana.")), english).stale == 1


def test_an_entry_without_english_is_not_stale() -> None:
    assert catalog_stats(catalog(reviewed_russian("Moscow and Astana.")), {}).stale == 0


def test_below_ignores_catalogs_without_words() -> None:
    empty = CatalogStatus("doc", "en", "locales/en/LC_MESSAGES/doc.po", catalog_stats(catalog()))
    drafted = CatalogStatus(
        "doc", "ru", "locales/ru/LC_MESSAGES/doc.po", catalog_stats(catalog(entry()))
    )
    assert below([empty, drafted], 50) == [drafted]
