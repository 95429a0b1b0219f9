"""Merge regressions: no message doubled or lost; contexts and plural forms kept (msgmerge)."""

from __future__ import annotations

from pathlib import Path

import polib

from pipeline.gettext import format_po, merge, parse_po

TEMPLATE = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#: seeds/nota.txt:1
msgid "Primer párrafo."
msgstr ""

#: seeds/nota.txt:3
msgid "Segundo párrafo."
msgstr ""
"""

CATALOG = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Primer párrafo."
msgstr "First paragraph."

msgid "Segundo párrafo."
msgstr "Second paragraph."
"""


def parsed(text: str):
    return parse_po(text)


def without_second(template: str) -> str:
    return template.split("\n#: seeds/nota.txt:3")[0] + "\n"


def obsolete(catalog) -> list:
    return [entry for entry in catalog if entry.obsolete]


def test_removed_paragraph_stays_one_obsolete_entry_however_often_extract_runs() -> None:
    catalog = parsed(CATALOG)
    for _run in range(4):
        catalog = parsed(format_po(merge(parsed(without_second(TEMPLATE)), catalog, "en")))
    assert [(e.msgid, e.msgstr) for e in obsolete(catalog)] == [
        ("Segundo párrafo.", "Second paragraph.")
    ]


def test_restored_paragraph_gets_its_translation_back_and_no_obsolete_copy_remains() -> None:
    removed = parsed(format_po(merge(parsed(without_second(TEMPLATE)), parsed(CATALOG), "en")))
    back = parsed(format_po(merge(parsed(TEMPLATE), removed, "en")))
    assert obsolete(back) == []
    second = next(e for e in back if e.msgid == "Segundo párrafo.")
    assert (second.msgstr, second.fuzzy) == ("Second paragraph.", False)


def test_an_obsolete_copy_of_an_active_message_left_by_an_older_run_is_dropped() -> None:
    # The reader rejects such a file (as msgfmt does), so the older run's catalog is built here.
    doubled = parsed(CATALOG)
    doubled.append(
        polib.POEntry(msgid="Segundo párrafo.", msgstr="Second paragraph.", obsolete=True)
    )
    merged = merge(parsed(TEMPLATE), doubled, "en")
    assert obsolete(merged) == []


def test_entries_differing_only_by_context_are_never_merged_into_one() -> None:
    with_contexts = CATALOG + (
        '\nmsgctxt "pie de foto"\nmsgid "Primer párrafo."\nmsgstr "Caption one."\n'
    )
    merged = merge(parsed(TEMPLATE), parsed(with_contexts), "en")
    first = next(e for e in merged if e.msgid == "Primer párrafo." and not e.obsolete)
    assert (first.msgctxt, first.msgstr) == (None, "First paragraph.")
    (kept,) = obsolete(merged)
    assert (kept.msgctxt, kept.msgid, kept.msgstr) == (
        "pie de foto",
        "Primer párrafo.",
        "Caption one.",
    )


def test_translated_plural_entry_not_in_the_template_goes_to_obsolete_with_every_form() -> None:
    plural = CATALOG + (
        '\nmsgid "un día"\nmsgid_plural "%d días"\nmsgstr[0] "один день"\n'
        'msgstr[1] "%d дня"\nmsgstr[2] "%d дней"\n'
    )
    merged = merge(parsed(TEMPLATE), parsed(plural), "ru")
    (kept,) = obsolete(merged)
    assert kept.msgid_plural == "%d días"
    assert kept.msgstr_plural == {0: "один день", 1: "%d дня", 2: "%d дней"}
    assert '#~ msgstr[2] "%d дней"' in format_po(merged)


def test_an_already_fuzzy_entry_keeps_its_own_previous_msgid() -> None:
    fuzzy = CATALOG.replace(
        'msgid "Primer párrafo."\nmsgstr "First',
        '#, fuzzy\n#| msgid "Primer parrafo"\nmsgid "Primer párrafo."\nmsgstr "First',
    )
    merged = merge(parsed(TEMPLATE), parsed(fuzzy), "en")
    first = next(e for e in merged if e.msgid == "Primer párrafo.")
    assert first.fuzzy and first.previous_msgid == "Primer parrafo"


def test_extract_four_times_after_a_deletion_keeps_one_obsolete_entry(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from pipeline.cli import main

    (tmp_path / "seeds").mkdir()
    source = tmp_path / "seeds" / "nota.txt"
    source.write_text("Titular\n\nPrimer párrafo largo.\n\nSegundo párrafo largo.\n", "utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["--project", str(tmp_path), "extract"]).exit_code == 0
    catalog = tmp_path / "locales" / "en" / "LC_MESSAGES" / "nota.po"
    catalog.write_text(
        catalog.read_text("utf-8").replace(
            'msgid "Segundo párrafo largo."\nmsgstr ""',
            'msgid "Segundo párrafo largo."\nmsgstr "Second."',
        ),
        "utf-8",
    )
    source.write_text("Titular\n\nPrimer párrafo largo.\n", "utf-8")
    for _run in range(4):
        assert runner.invoke(main, ["--project", str(tmp_path), "extract"]).exit_code == 0
    assert catalog.read_text("utf-8").count('#~ msgid "Segundo párrafo largo."') == 1
