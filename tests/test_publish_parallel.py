"""Aligned rows and reviewed shares, from a document and hand-made catalog entries."""

from __future__ import annotations

from pathlib import Path

import polib

from pipeline.document import Document, Kind, Segment
from pipeline.parallel import Coverage, Status, align, coverage
from pipeline.publish import percent


def document(*texts: str) -> Document:
    segments = tuple(Segment(text, Kind.PARAGRAPH, line) for line, text in enumerate(texts, 1))
    return Document("doc", Path("doc.txt"), segments)


def catalog(*entries: polib.POEntry) -> polib.POFile:
    po = polib.POFile()
    po.extend(entries)
    return po


def test_cells_follow_the_catalog_entry_of_each_paragraph() -> None:
    doc = document("Uno dos.", "Tres.", "Cuatro.", "Cinco.")
    en = catalog(
        polib.POEntry(msgid="Uno dos.", msgstr="One two."),
        polib.POEntry(msgid="Tres.", msgstr="Three.", flags=["fuzzy"]),
        polib.POEntry(msgid="Cuatro.", msgstr="Four.", obsolete=True),
    )
    text = align(doc, "es", {"en": en})
    assert [[(c.lang, c.status, c.text) for c in row.cells] for row in text.rows] == [
        [("es", Status.SOURCE, "Uno dos."), ("en", Status.REVIEWED, "One two.")],
        [("es", Status.SOURCE, "Tres."), ("en", Status.DRAFT, "Three.")],
        [("es", Status.SOURCE, "Cuatro."), ("en", Status.UNTRANSLATED, "")],
        [("es", Status.SOURCE, "Cinco."), ("en", Status.UNTRANSLATED, "")],
    ]


def test_columns_selects_and_orders_languages() -> None:
    doc = document("Hola.")
    text = align(doc, "es", {"en": catalog(), "ru": catalog()})
    assert [cell.lang for cell in text.columns(("es", "ru")).rows[0].cells] == ["es", "ru"]


def test_coverage_counts_reviewed_source_words_once_per_distinct_paragraph_without_dashes() -> None:
    doc = document("Uno dos.", "Tres — cuatro.", "Uno dos.")
    en = catalog(
        polib.POEntry(msgid="Uno dos.", msgstr="One two."),
        polib.POEntry(msgid="Tres — cuatro.", msgstr="Three — four.", flags=["fuzzy"]),
    )
    assert coverage(doc, "en", en) == Coverage("en", reviewed_words=2, total_words=4)


def test_a_single_space_translation_is_an_untranslated_cell_not_covered() -> None:
    en = catalog(polib.POEntry(msgid="Uno dos.", msgstr=" "))
    assert (
        align(document("Uno dos."), "es", {"en": en}).rows[0].cells[1].status is Status.UNTRANSLATED
    )
    assert coverage(document("Uno dos."), "en", en).reviewed_words == 0


def test_percent_rounds_down_so_nearly_reviewed_is_not_shown_as_complete() -> None:
    assert percent(Coverage("en", 996, 1000)) == "99%"
    assert percent(Coverage("en", 7, 7)) == "100%"
