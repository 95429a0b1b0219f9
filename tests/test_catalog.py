"""Merging a document's template into a language catalog, with msgmerge's semantics."""

from __future__ import annotations

from pathlib import Path

import polib

from pipeline.catalog import build_template
from pipeline.document import Document
from pipeline.gettext.merge import merge_catalog
from pipeline.languages import language
from pipeline.provenance import Provenance, digest, read_provenance, write_provenance
from pipeline.sources.text import segment_text

ORIGINAL = """Titular de la noticia

Primer párrafo: el gobierno anunció nuevas medidas económicas para el año próximo.

Segundo párrafo: los mercados reaccionaron con calma ante la noticia del día.

Tercer párrafo: la oposición pidió más detalles sobre el presupuesto nacional.
"""


def template_of(text: str, name: str = "nota") -> polib.POFile:
    document = Document(name, Path(f"seeds/{name}.txt"), tuple(segment_text(text)))
    return build_template(document, f"seeds/{name}.txt", created="2000-01-01 00:00+0000")


def translated(text: str, lang: str = "en") -> polib.POFile:
    """A catalog of ``text`` in which every entry is reviewed, translated as 'EN: <msgid>'."""
    catalog = merge_catalog(template_of(text), None, lang)
    for entry in catalog:
        entry.msgstr = f"EN: {entry.msgid}"
    return catalog


def by_msgid(catalog: polib.POFile) -> dict[str, polib.POEntry]:
    return {entry.msgid: entry for entry in catalog}


def test_unchanged_paragraphs_keep_translation_flags_and_comments() -> None:
    old = translated(ORIGINAL)
    old[1].flags.append("fuzzy")
    old[2].tcomment = "checked against the original press release"
    merged = merge_catalog(template_of(ORIGINAL), old, "en")
    assert [(e.msgid, e.msgstr, e.flags, e.tcomment) for e in merged] == [
        (e.msgid, e.msgstr, e.flags, e.tcomment) for e in old
    ]


def test_new_paragraph_gets_an_empty_entry_in_document_order() -> None:
    old = translated(ORIGINAL)
    new_text = ORIGINAL.replace(
        "Tercer párrafo",
        "Párrafo nuevo sobre otro asunto completamente distinto.\n\nTercer párrafo",
    )
    merged = merge_catalog(template_of(new_text), old, "en")
    assert merged[3].msgid == "Párrafo nuevo sobre otro asunto completamente distinto."
    assert merged[3].msgstr == ""
    assert merged[3].flags == []
    assert merged[4].msgstr.startswith("EN: Tercer párrafo")


def test_removed_paragraph_becomes_obsolete_and_comes_back_with_its_translation() -> None:
    old = translated(ORIGINAL)
    old[2].tcomment = "a translator's note"
    removed = ORIGINAL.replace(
        "Segundo párrafo: los mercados reaccionaron con calma ante la noticia del día.\n\n", ""
    )
    without = merge_catalog(template_of(removed), old, "en")
    [obsolete] = without.obsolete_entries()
    assert obsolete.msgid.startswith("Segundo párrafo")
    assert obsolete.msgstr.startswith("EN: Segundo párrafo")
    assert len([e for e in without if not e.obsolete]) == 3

    back = merge_catalog(template_of(ORIGINAL), without, "en")
    assert back.obsolete_entries() == []
    restored = by_msgid(back)[obsolete.msgid]
    assert restored.msgstr == obsolete.msgstr
    assert restored.flags == []
    assert restored.tcomment == "a translator's note"


def test_edited_paragraph_keeps_old_translation_as_fuzzy_with_previous_msgid() -> None:
    old = translated(ORIGINAL)
    old[1].tcomment = "keep: the minister's wording"
    edited = ORIGINAL.replace("nuevas medidas económicas", "nuevas medidas fiscales")
    merged = merge_catalog(template_of(edited), old, "en")
    entry = merged[1]
    assert entry.msgid.startswith("Primer párrafo: el gobierno anunció nuevas medidas fiscales")
    assert entry.msgstr == old[1].msgstr
    assert "fuzzy" in entry.flags
    assert entry.previous_msgid == old[1].msgid
    assert entry.tcomment == "keep: the minister's wording"
    assert merged.obsolete_entries() == []


def test_edited_twin_paragraphs_are_matched_by_position() -> None:
    text = "Titular\n\n" + "".join(
        f"La reunión número {n} terminó sin acuerdo entre las partes negociadoras.\n\n"
        for n in ("uno", "dos", "tres")
    )
    old = translated(text)
    edited = text.replace("terminó sin acuerdo", "acabó sin acuerdo")
    merged = merge_catalog(template_of(edited), old, "en")
    for new_entry, old_entry in zip(list(merged)[1:], list(old)[1:], strict=True):
        assert new_entry.previous_msgid == old_entry.msgid
        assert new_entry.msgstr == old_entry.msgstr


def test_rewritten_paragraph_is_not_matched_to_an_unrelated_one() -> None:
    old = translated(ORIGINAL)
    rewritten = ORIGINAL.replace(
        "Tercer párrafo: la oposición pidió más detalles sobre el presupuesto nacional.",
        "Un texto del todo diferente, sin ninguna palabra compartida con el resto.",
    )
    merged = merge_catalog(template_of(rewritten), old, "en")
    assert merged[3].msgstr == ""
    assert [e.msgid for e in merged.obsolete_entries()] == [old[3].msgid]


def test_whitespace_only_change_keeps_translation_as_it_was() -> None:
    old = translated(ORIGINAL)
    spaced = ORIGINAL.replace("el gobierno anunció", "el\u00a0gobierno  anunció")
    merged = merge_catalog(template_of(spaced), old, "en")
    assert merged[1].msgid.startswith("Primer párrafo: el\u00a0gobierno  anunció")
    assert merged[1].msgstr == old[1].msgstr
    assert merged[1].flags == []
    assert merged[1].previous_msgid is None


def test_reviewed_translation_of_edited_paragraph_loses_machine_claim() -> None:
    old = translated(ORIGINAL)
    record = Provenance("argos", ("es", "en"), ("translate-es_en@1.9",), "s", digest(old[1].msgstr))
    write_provenance(old[1], record)  # a machine draft a person accepted as it was
    write_provenance(old[2], record)
    old[2].flags.append("fuzzy")  # a draft nobody reviewed yet
    edited = ORIGINAL.replace("medidas económicas", "medidas fiscales").replace(
        "con calma", "con mucha calma"
    )
    merged = merge_catalog(template_of(edited), old, "en")
    assert read_provenance(merged[1]) is None
    assert read_provenance(merged[2]) == record


def test_repeated_paragraphs_share_one_entry_per_document() -> None:
    text = "Titular\n\nEl mismo párrafo.\n\nOtro párrafo.\n\nEl mismo párrafo.\n"
    first = template_of(text, "uno")
    second = template_of(text.replace("Otro", "Un tercer"), "dos")
    assert [e.msgid for e in first] == ["Titular", "El mismo párrafo.", "Otro párrafo."]
    assert first[1].occurrences == [("seeds/uno.txt", "3"), ("seeds/uno.txt", "7")]
    assert second[1].occurrences == [("seeds/dos.txt", "3"), ("seeds/dos.txt", "7")]
    old = translated(text)
    merged = merge_catalog(template_of(text.replace("Otro", "Un tercer")), old, "en")
    assert by_msgid(merged)["El mismo párrafo."].msgstr == "EN: El mismo párrafo."


def test_header_is_complete_for_each_language_and_keeps_translator_fields() -> None:
    ru = merge_catalog(template_of(ORIGINAL), None, "ru")
    assert ru.metadata["Language"] == "ru"
    assert ru.metadata["Plural-Forms"] == language("ru").plural_forms
    assert ru.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert ru.metadata["Project-Id-Version"] == "nota"
    ru.metadata["Last-Translator"] = "Ana Pérez <ana@example.org>"
    ru.metadata["X-Generator"] = "Poedit 3.4"
    again = merge_catalog(template_of(ORIGINAL), ru, "ru")
    assert again.metadata["Last-Translator"] == "Ana Pérez <ana@example.org>"
    assert again.metadata["X-Generator"] == "Poedit 3.4"
    en = merge_catalog(template_of(ORIGINAL), None, "en")
    assert en.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
