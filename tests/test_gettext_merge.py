"""Merge regressions: no message doubled or lost; contexts and plural forms kept (msgmerge)."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

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


# --- Against GNU msgmerge --previous: the same outcome for every entry ---------------------------

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
RU_HEADER = HEADER + (
    '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && '
    '(n%100<10 || n%100>=20) ? 1 : 2);\\n"\n'
)


def po(*entries: str, header: str = HEADER) -> str:
    return "\n".join((header, *entries))


def entry(msgid: str, msgstr: str = "", *, before: str = "", msgctxt: str | None = None) -> str:
    context = f"msgctxt {quoted(msgctxt)}\n" if msgctxt is not None else ""
    return f"{before}{context}msgid {quoted(msgid)}\nmsgstr {quoted(msgstr)}\n"


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def msgmerge(old: str, template: str, tmp_path: Path):
    (tmp_path / "old.po").write_text(old, "utf-8")
    (tmp_path / "new.pot").write_text(template, "utf-8")
    subprocess.run(
        ["msgmerge", "--previous", "-q", "-o", str(tmp_path / "out.po"), "old.po", "new.pot"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env={**os.environ, "LC_ALL": "C"},
    )
    return parse_po((tmp_path / "out.po").read_text("utf-8"))


def outcomes(catalog) -> dict:
    """What a merge decided for each message: translation, fuzziness, previous msgid, #~."""
    return {
        (e.msgctxt, e.msgid, e.obsolete): (
            e.msgstr,
            sorted(e.msgstr_plural.items()),
            "fuzzy" in e.flags and bool(e.msgstr or e.msgstr_plural.get(0)),
            e.previous_msgctxt,
            e.previous_msgid,
            e.previous_msgid_plural,
        )
        for e in catalog
    }


def assert_merges_like_msgmerge(old: str, template: str, tmp_path: Path, lang: str = "en"):
    ours = parse_po(format_po(merge(parse_po(template), parse_po(old), lang)))
    assert outcomes(ours) == outcomes(msgmerge(old, template, tmp_path))
    return ours


needs_msgmerge = pytest.mark.skipif(shutil.which("msgmerge") is None, reason="needs GNU gettext")


@needs_msgmerge
def test_similarity_is_by_characters_so_a_one_letter_edit_is_fuzzy(tmp_path: Path) -> None:
    old = po(entry("Open the file", "Abrir el archivo"), entry("Print", "Imprimir"))
    template = po(entry("Open the files"), entry("Printer"))
    merged = assert_merges_like_msgmerge(old, template, tmp_path)
    assert [(e.msgid, e.fuzzy, e.previous_msgid) for e in merged if not e.obsolete] == [
        ("Open the files", True, "Open the file"),
        ("Printer", True, "Print"),
    ]


@needs_msgmerge
def test_one_old_entry_lends_its_translation_to_every_new_entry_it_suits(tmp_path: Path) -> None:
    old = po(entry("Save the document", "Guardar el documento"))
    template = po(entry("Save the documents"), entry("Save the document now"), entry("Unrelated"))
    merged = assert_merges_like_msgmerge(old, template, tmp_path)
    assert [e.msgstr for e in merged] == ["Guardar el documento", "Guardar el documento", ""]


@needs_msgmerge
def test_similarity_threshold_is_msgmerges(tmp_path: Path) -> None:
    # "abcdefghij" against these: 0.70, 0.60 (at the threshold: a match only in the same
    # context), 0.50 and 0.55 (no match).
    old = po(
        entry("abcdefg", "seven"),
        entry("abcdefghij" + "xyz" * 2 + "klmn", "long"),
        entry("ab", "two", msgctxt="x"),
    )
    template = po(entry("abcdefghij"), entry("abcdef"), entry("abcdefgh", msgctxt="y"))
    assert_merges_like_msgmerge(old, template, tmp_path)


@needs_msgmerge
def test_fuzzy_matching_crosses_contexts_and_prefers_the_same_one(tmp_path: Path) -> None:
    old = po(
        entry("Print the page", "Imprimir (menú)", msgctxt="menu"),
        entry("Print the page", "Imprimir", msgctxt="toolbar"),
        entry("Delete the record", "Borrar", msgctxt="menu"),
    )
    template = po(entry("Print the pages", msgctxt="toolbar"), entry("Delete the records"))
    merged = assert_merges_like_msgmerge(old, template, tmp_path)
    assert [(e.msgstr, e.previous_msgctxt) for e in merged if not e.obsolete] == [
        ("Imprimir", "toolbar"),
        ("Borrar", "menu"),
    ]


@needs_msgmerge
def test_fuzzy_sources_include_obsolete_and_fuzzy_entries_but_not_untranslated(
    tmp_path: Path,
) -> None:
    old = po(
        entry("Close the window", "Cerrar la ventana", before="#, fuzzy\n"),
        entry("Save the file", "Guardar", before='#, fuzzy\n#| msgid "Save the files"\n'),
        entry("Quit the program", ""),
        '#~ msgid "Delete the record now"\n#~ msgstr "Borrar el registro"\n',
        '#~ msgid "Gone for good"\n#~ msgstr ""\n',
    )
    template = po(
        entry("Close the windows"),
        entry("Save the file."),
        entry("Quit the programs"),
        entry("Delete the record"),
    )
    merged = assert_merges_like_msgmerge(old, template, tmp_path)
    close, save, quit_, delete = list(merged)
    # From a fuzzy entry the previous msgid is that entry's own, even none at all.
    assert (close.previous_msgid, save.previous_msgid) == (None, "Save the files")
    assert (quit_.msgstr, delete.msgstr) == ("", "Borrar el registro")
    assert obsolete(merged) == []  # untranslated old entries are dropped, as msgmerge does


@needs_msgmerge
def test_plural_entries_get_every_form_of_the_languages_plural_rule(tmp_path: Path) -> None:
    plural = (
        'msgid "one apple"\nmsgid_plural "%d apples"\n'
        'msgstr[0] "яблоко"\nmsgstr[1] "яблока"\nmsgstr[2] "яблок"\n'
    )
    old = po(plural, entry("%d file", "%d файл"), header=RU_HEADER)
    template = po(
        'msgid "one apple"\nmsgid_plural "%d apple(s)"\nmsgstr[0] ""\nmsgstr[1] ""\n',
        'msgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] ""\nmsgstr[1] ""\n',
        'msgid "a kilometre of road"\nmsgid_plural "%d kilometres of road"\n'
        'msgstr[0] ""\nmsgstr[1] ""\n',
    )
    merged = assert_merges_like_msgmerge(old, template, tmp_path, lang="ru")
    apple, files, pear = list(merged)
    assert apple.fuzzy and apple.previous_msgid_plural == "%d apples"  # msgid_plural changed
    assert files.fuzzy and files.msgstr_plural == {0: "%d файл", 1: "%d файл", 2: "%d файл"}
    assert pear.msgstr_plural == {0: "", 1: "", 2: ""}


@needs_msgmerge
def test_an_exact_match_becomes_fuzzy_when_its_range_widens(tmp_path: Path) -> None:
    old = po(
        entry("%d item", "%d elemento", before="#, range: 1..5\n"),
        entry("%d box", "%d caja", before="#, range: 1..5\n"),
    )
    template = po(
        entry("%d item", before="#, range: 1..9\n"), entry("%d box", before="#, range: 2..4\n")
    )
    merged = assert_merges_like_msgmerge(old, template, tmp_path)
    assert [e.fuzzy for e in merged] == [True, False]


@needs_msgmerge
def test_candidates_are_tried_in_msgmerges_order_so_ties_go_the_same_way(tmp_path: Path) -> None:
    # Over two letters many candidates score the same: the first in msgmerge's order (most 4-grams
    # shared, then file order) must win. "ñ" is two bytes, and gettext compares bytes. No spaces:
    # whitespace-only edits differ on purpose.
    rng = random.Random(8)

    def text() -> str:
        return "".join(rng.choice("añ") for _ in range(rng.randint(1, 10)))

    for _round in range(5):
        msgids = list(dict.fromkeys(text() for _ in range(60)))
        old = po(*(entry(m, f"T{i}") for i, m in enumerate(msgids[:30])))
        template = po(*(entry(m) for m in msgids[30:]))
        assert_merges_like_msgmerge(old, template, tmp_path)


def test_whitespace_only_edit_keeps_the_translation_where_msgmerge_would_fuzzy_it() -> None:
    # The pipeline's one deliberate difference from msgmerge (benchmarks count it apart).
    old = po(entry("Primer  párrafo del texto.", "First paragraph of the text."))
    merged = merge(parse_po(po(entry("Primer párrafo\u00a0del texto."))), parse_po(old), "en")
    (kept,) = list(merged)
    assert (kept.msgstr, kept.fuzzy, kept.previous_msgid) == (
        "First paragraph of the text.",
        False,
        None,
    )


@needs_msgmerge
def test_a_newline_added_at_an_end_is_no_whitespace_only_edit(tmp_path: Path) -> None:
    # msgfmt --check wants a msgstr to end with a newline exactly when its msgid does.
    old = po(entry("Usage: prog", "Uso: prog"))
    merged = assert_merges_like_msgmerge(old, po(entry("Usage: prog\n")), tmp_path)
    assert next(iter(merged)).fuzzy


@needs_msgmerge
def test_header_takes_template_date_and_bug_address_and_keeps_translator_fields(
    tmp_path: Path,
) -> None:
    old = po(
        entry("Hello", "Hola"),
        header=HEADER
        + '"POT-Creation-Date: 2020-01-01 00:00+0000\\n"\n"Last-Translator: Ana <a@x.org>\\n"\n'
        + '"X-Generator: Poedit 3.4\\n"\n',
    )
    template = po(
        entry("Hello"),
        header=HEADER
        + '"POT-Creation-Date: 2030-01-01 00:00+0000\\n"\n"Report-Msgid-Bugs-To: bugs@x.org\\n"\n',
    )
    theirs = msgmerge(old, template, tmp_path).metadata
    ours = merge(parse_po(template), parse_po(old), "es").metadata
    for field in ("POT-Creation-Date", "Report-Msgid-Bugs-To", "Last-Translator", "X-Generator"):
        assert ours[field] == theirs[field]


def test_the_readers_exact_comment_lines_travel_with_their_comments() -> None:
    old = parsed(CATALOG)
    for kept in old:
        kept.tcomment = "note  "
        kept.tcomment_lines = [" note  "]
    template = parsed(without_second(TEMPLATE))
    template[0].comment_lines = ["x"]
    merged = merge(template, old, "en")
    first, (gone,) = merged[0], obsolete(merged)
    assert (first.tcomment_lines, first.comment_lines, gone.tcomment_lines) == (
        [" note  "],
        ["x"],
        [" note  "],
    )


def random_entry(rng: random.Random, msgid: str, translation: str, old: bool) -> str:
    """An entry as catalogs hold them: maybe in a context, plural, fuzzy (with or without a
    previous msgid) or, in an old catalog, obsolete."""
    text = f'msgctxt "{rng.choice("ab")}"\n' if rng.random() < 0.3 else ""
    if rng.random() < 0.2:
        forms = range(3 if old else 2)
        text += f'msgid "{msgid}"\nmsgid_plural "{msgid}s"\n'
        text += "".join(f'msgstr[{i}] "{translation and translation + str(i)}"\n' for i in forms)
    else:
        text += f'msgid "{msgid}"\nmsgstr "{translation}"\n'
    if old and rng.random() < 0.3:
        text = "#, fuzzy\n" + (f'#| msgid "{msgid} x"\n' if rng.random() < 0.5 else "") + text
    if old and rng.random() < 0.2:
        text = "".join(
            line if line.startswith("#,") else "#~| " + line[3:] if line.startswith("#|")
            else "#~ " + line
            for line in text.splitlines(keepends=True)
        )  # fmt: skip
    return text


@needs_msgmerge
def test_random_catalogs_merge_entry_for_entry_as_msgmerge_does(tmp_path: Path) -> None:
    words = ("file", "files", "open", "the", "ñandú", "año", "save", "x")
    for seed in range(40):
        rng = random.Random(seed)
        msgids = list(
            dict.fromkeys(" ".join(rng.choices(words, k=rng.randint(1, 5))) for _ in range(30))
        )
        old = po(
            *(
                random_entry(rng, msgid, f"T{i}" if rng.random() < 0.8 else "", old=True)
                for i, msgid in enumerate(msgids[:15])
            ),
            header=RU_HEADER,
        )
        template = po(*(random_entry(rng, msgid, "", old=False) for msgid in msgids[8:]))
        ours = parse_po(format_po(merge(parse_po(template), parse_po(old), "ru")))
        assert outcomes(ours) == outcomes(msgmerge(old, template, tmp_path)), f"seed {seed}"


def test_a_machine_draft_of_an_edited_paragraph_records_the_old_paragraph_as_previous() -> None:
    # msgmerge would record no previous msgid (the draft had none); the pipeline knows its own
    # drafts were made from their msgid, and the reviewer needs to see what changed.
    from pipeline.provenance import Provenance, digest, write_provenance

    old = parsed(CATALOG)
    draft = old[0]
    draft.flags.append("fuzzy")
    write_provenance(draft, Provenance("argos", ("es", "en"), ("p@1",), "s", digest(draft.msgstr)))
    edited = TEMPLATE.replace("Primer párrafo.", "Primer párrafo editado.")
    first = merge(parsed(edited), old, "en")[0]
    assert (first.msgstr, first.fuzzy, first.previous_msgid) == (
        "First paragraph.",
        True,
        "Primer párrafo.",
    )


def test_a_note_on_an_untranslated_removed_paragraph_is_kept_in_the_header_msgcat_keeps(
    tmp_path: Path,
) -> None:
    noted = CATALOG.replace(
        'msgid "Segundo párrafo."\nmsgstr "Second paragraph."',
        '# Ask the author: which year?\n# mt: accepted\nmsgid "Segundo párrafo."\nmsgstr ""',
    )
    merged = format_po(merge(parsed(without_second(TEMPLATE)), parsed(noted), "en"))
    assert '# Note on a removed paragraph, msgid "Segundo párrafo.":\n' in merged
    assert "#   Ask the author: which year?\n" in merged
    assert "mt: accepted" not in merged
    path = tmp_path / "en.po"
    path.write_text(merged, encoding="utf-8")
    catted = subprocess.run(["msgcat", str(path)], capture_output=True, text=True, check=True)
    assert catted.stdout == merged
    again = format_po(merge(parsed(without_second(TEMPLATE)), parsed(merged), "en"))
    assert again == merged
