"""pipeline.gettext: catalogs written exactly as GNU gettext writes them, read with clear errors."""

from __future__ import annotations

import ctypes
import ctypes.util
import itertools
import os
import random
import shutil
import subprocess
import unicodedata
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import PipelineError
from pipeline.gettext import format_po, format_po_bytes, linebreak, parse_po, read_po, write_po

FIXTURES = Path(__file__).parent / "fixtures" / "pofile"
RU_PLURALS = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);"
)
NBSP = "\u00a0"
SPANISH = (
    f"«La traducción automática —dijo el{NBSP}Dr.{NBSP}Pérez— no sustituye al traductor», "
    f"explicó ante 1{NBSP}200 asistentes; después añadió: «¿Quién revisará los 3{NBSP}000 "
    "párrafos que faltan?» y nadie respondió, porque la sala ya estaba medio vacía a esas horas."
)
RUSSIAN = (
    f"«Машинный перевод, — сказал д-р{NBSP}Перес, — не заменяет переводчика», и добавил, "
    f"что в{NBSP}зале было 1{NBSP}200 человек; никто не ответил на вопрос о 3{NBSP}000 абзацев."
)

needs_gettext = pytest.mark.skipif(
    shutil.which("msgcat") is None or shutil.which("msgfmt") is None,
    reason="GNU gettext (msgcat, msgfmt) is not installed",
)


def header(po: polib.POFile, language: str = "ru") -> polib.POFile:
    po.metadata = {
        "Project-Id-Version": "pipeline 0.1",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": RU_PLURALS,
    }
    return po


def catalog(*entries: polib.POEntry) -> polib.POFile:
    po = header(polib.POFile())
    po.extend(entries)
    return po


def msgcat(path: Path) -> str:
    done = subprocess.run(["msgcat", str(path)], capture_output=True, text=True, check=True)
    return done.stdout


def assert_gettext_agrees(po: polib.POFile, tmp_path: Path) -> str:
    """format_po's text is a fixed point of msgcat and passes msgfmt --check; returns the text."""
    text = format_po(po)
    path = tmp_path / "catalog.po"
    path.write_text(text, encoding="utf-8")
    assert msgcat(path) == text
    check = subprocess.run(
        ["msgfmt", "--check", "-o", os.devnull, str(path)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
    return text


# Each case is one kind of entry that gettext lays out in its own way.
CASES = {
    "spanish paragraph with no-break spaces and guillemets": polib.POEntry(
        msgid=SPANISH, msgstr=RUSSIAN
    ),
    "line of 78 columns": polib.POEntry(msgid="a" * 20 + " " + "b" * 49, msgstr="x"),
    "line of 79 columns": polib.POEntry(msgid="a" * 20 + " " + "b" * 50, msgstr="x"),
    "line of 80 columns": polib.POEntry(msgid="a" * 20 + " " + "b" * 51, msgstr="x"),
    "continuation lines at the boundary": polib.POEntry(
        msgid=" ".join(["palabra"] * 9 + ["x" * n for n in (76, 77, 78, 79)]), msgstr="y"
    ),
    "word longer than the page": polib.POEntry(msgid="corto " + "л" * 120 + " fin", msgstr=""),
    "text ending with spaces": polib.POEntry(msgid="Fin de línea   ", msgstr="End of line   "),
    "spaces exactly at the wrap column": polib.POEntry(
        msgid="uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece    catorce",
        msgstr="",
    ),
    "embedded newlines and tabs": polib.POEntry(
        msgid="Primera línea\nSegunda\tcon tabulador\n\nCuarta\n", msgstr="First\nSecond\n"
    ),
    "quotes and backslashes": polib.POEntry(
        msgid='Dijo "hola" y escribió C:\\ruta\\archivo ' * 3, msgstr='He said "hi" \\ ' * 4
    ),
    "many references": polib.POEntry(
        msgid="Título",
        msgstr="Заголовок",
        occurrences=[(f"./seeds/documento-largo-{n}.txt", str(n * 37)) for n in range(1, 15)],
    ),
    "long translator and extracted comments": polib.POEntry(
        msgid="Párrafo",
        msgstr="Абзац",
        tcomment="mt: engine=argos route=es>en>ru packages=translate-es_en@1.9,translate-en_ru@1.9 "
        "src=0123456789ab pivot=ba9876543210 out=abcdefabcdef\nsecond line",
        comment="kind: paragraph " * 10,
    ),
    "fuzzy entry with previous msgid": polib.POEntry(
        msgid=SPANISH,
        msgstr=RUSSIAN,
        flags=["fuzzy"],
        previous_msgid=SPANISH.replace("Pérez", "Gómez") + " Una frase más.",
        previous_msgctxt="título",
        msgctxt="título",
    ),
    "russian plurals": polib.POEntry(
        msgid="%d párrafo",
        msgid_plural="%d párrafos",
        msgstr_plural={0: "%d абзац", 1: "%d абзаца", 2: "%d абзацев"},
        flags=["c-format"],
    ),
    "east asian wide characters": polib.POEntry(
        msgid="翻訳" * 30 + "。" + "한국어 문장입니다 " * 6, msgstr=""
    ),
    "no-wrap flag": polib.POEntry(msgid=RUSSIAN, msgstr="", flags=["no-wrap"]),
    "obsolete entry with translation": polib.POEntry(
        msgid=SPANISH,
        msgstr=RUSSIAN,
        msgctxt="pie de foto",
        obsolete=True,
        flags=["fuzzy"],
        previous_msgid="Antes: " + SPANISH,
    ),
}


@needs_gettext
@pytest.mark.parametrize("case", CASES)
def test_msgcat_reproduces_format_po_byte_for_byte(case: str, tmp_path: Path) -> None:
    assert_gettext_agrees(catalog(CASES[case]), tmp_path)


@needs_gettext
def test_catalog_of_all_cases_is_accepted_by_gettext(tmp_path: Path) -> None:
    po = catalog(*CASES.values())
    po.header = "Russian translation of the seeds.\nCopyright (C) the authors"
    assert_gettext_agrees(po, tmp_path)


PROSE = list("abcdefg ,.;:!?¿¡-—–…()«»\"'\\/%$019жизнь ЖÉñ\n\t\r") + [
    NBSP, "一", "。", "\u0301", "\u2028", "\x85",
]  # fmt: skip
texts = st.lists(st.sampled_from([*PROSE, "palabra ", "слово ", "x" * 30]), max_size=120).map(
    "".join
)


@needs_gettext
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pairs=st.lists(st.tuples(texts, texts), min_size=1, max_size=12, unique_by=lambda p: p[0]))
def test_random_texts_are_laid_out_as_msgcat_lays_them_out(
    pairs: list[tuple[str, str]], tmp_path: Path
) -> None:
    po = catalog(
        *(polib.POEntry(msgid=f"·{source}·", msgstr=f"·{target}·") for source, target in pairs)
    )
    text = assert_gettext_agrees(po, tmp_path)
    assert format_po(parse_po(text)) == text


@needs_gettext
def test_a_polib_written_catalog_reads_back_as_msgcat_normalises_it(tmp_path: Path) -> None:
    messy = tmp_path / "polib.po"
    po = catalog(*CASES.values())
    po.header = "A header comment, which polib writes on its own."
    po.save(str(messy))
    assert format_po(read_po(messy)) == msgcat(messy)


def test_golden_catalog_is_rewritten_unchanged() -> None:
    golden = FIXTURES / "ru.po"
    assert format_po(read_po(golden)) == golden.read_text(encoding="utf-8")


def test_a_string_of_79_columns_stays_on_the_keyword_line() -> None:
    lines = format_po(catalog(CASES["line of 79 columns"])).splitlines()
    assert f'msgid "{"a" * 20} {"b" * 50}"' in lines
    assert max(len(line) for line in lines) == 79


def test_a_string_of_80_columns_moves_to_a_continuation_line() -> None:
    lines = format_po(catalog(CASES["line of 80 columns"])).splitlines()
    assert lines[-3:-1] == ['msgid ""', f'"{"a" * 20} {"b" * 51}"']


def test_a_continuation_line_of_80_columns_breaks_after_its_last_space() -> None:
    lines = format_po(catalog(polib.POEntry(msgid="a" * 20 + " " + "b" * 57))).splitlines()
    assert lines[-4:-1] == ['msgid ""', f'"{"a" * 20} "', f'"{"b" * 57}"']


def test_fuzzy_flag_is_dropped_from_an_untranslated_entry() -> None:
    text = format_po(catalog(polib.POEntry(msgid="Hola", msgstr="", flags=["fuzzy"])))
    assert "fuzzy" not in text


def test_obsolete_entry_without_translation_is_left_out() -> None:
    text = format_po(catalog(polib.POEntry(msgid="Adiós", msgstr="", obsolete=True)))
    assert "Adiós" not in text


def test_flags_are_normalised_as_gettext_does() -> None:
    entry = polib.POEntry(
        msgid="%s", msgstr="%s", flags=["mt-draft", "python-format", "fuzzy", "c-format", "wrap"]
    )
    assert "#, fuzzy, c-format, python-format\n" in format_po(catalog(entry))


def test_header_metadata_keeps_the_order_given() -> None:
    po = polib.POFile()
    po.metadata = {"Plural-Forms": RU_PLURALS, "Content-Type": "text/plain; charset=UTF-8"}
    lines = format_po(po).splitlines()
    assert lines[2].startswith('"Plural-Forms: ') and "Content-Type" in lines[-1]


def test_previous_msgid_of_obsolete_entry_survives_reading(tmp_path: Path) -> None:
    text = format_po(catalog(CASES["obsolete entry with translation"]))
    assert '#~| "Antes: ' in text
    assert format_po(parse_po(text)) == text


def test_comments_are_never_wrapped() -> None:
    comment = ("palabra " * 20).strip()
    assert f"# {comment}\n" in format_po(catalog(polib.POEntry(msgid="a", tcomment=comment)))


def test_empty_catalog_is_empty_text() -> None:
    assert format_po(polib.POFile()) == ""


def test_second_write_of_the_same_catalog_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "locales" / "ru" / "LC_MESSAGES" / "doc.po"
    po = catalog(*CASES.values())
    assert write_po(po, path) is True
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    assert write_po(read_po(path), path) is False
    assert path.stat().st_mtime_ns == 1_000_000_000
    assert path.read_text(encoding="utf-8") == format_po(po)


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "doc.po"
    path.write_text('msgid "a"\nmsgstr "b"\n\nnot a PO line\n', encoding="utf-8")
    with pytest.raises(PipelineError) as error:
        read_po(path, "locales/ru/LC_MESSAGES/doc.po")
    message = str(error.value)
    assert message.startswith("locales/ru/LC_MESSAGES/doc.po:4: syntax error in PO file: ")
    assert "msgfmt --check locales/ru/LC_MESSAGES/doc.po" in message


def test_non_utf8_catalog_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "doc.po"
    header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    path.write_bytes(f'{header}msgid "a"\nmsgstr "año"\n'.encode("latin-1"))
    with pytest.raises(PipelineError, match=r"doc\.po:5: not valid UTF-8, .*; convert"):
        read_po(path)


def test_missing_catalog_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PipelineError, match="no such catalog"):
        read_po(tmp_path / "absent.po", "absent.po")


def _libunistring() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("unistring")
    if name is None:
        return None
    library = ctypes.CDLL(name)
    library.u8_possible_linebreaks.argtypes = [
        ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_char_p,
    ]  # fmt: skip
    library.u8_possible_linebreaks.restype = None
    return library


LIBUNISTRING = _libunistring()
needs_libunistring = pytest.mark.skipif(LIBUNISTRING is None, reason="no libunistring")


def libunistring_breaks(text: str) -> list[int]:
    """libunistring's break opportunity before each character, in pofile's terms."""
    data = text.encode("utf-8")
    out = ctypes.create_string_buffer(len(data))
    LIBUNISTRING.u8_possible_linebreaks(data, len(data), b"UTF-8", out)
    starts = itertools.accumulate((len(c.encode("utf-8")) for c in text[:-1]), initial=0)
    return [{1: 0, 2: 1, 3: 2}[out.raw[i]] for i in starts]


@needs_libunistring
def test_line_breaking_rules_match_libunistring() -> None:
    alphabet = list("ab -\"'\\()[]{}!?,.;:%$/01\n\tжЖ«»—–…‐´") + [
        NBSP, "\u200b", "\u200d", "\u0301", "\u2060", "\u3008", "\u4e00", "\u3005", "\uac00",
        "\u1100", "\u1160", "\u11a8", "\u05d0", "\U0001f1e6", "\u261d", "\U0001f3fb", "\u2028",
    ]  # fmt: skip
    rng = random.Random(14)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 10)))
        assert linebreak.break_opportunities(text) == libunistring_breaks(text), text


@needs_libunistring
def test_line_breaking_classes_match_libunistring_for_european_text_and_punctuation() -> None:
    blocks = [
        *range(0x20, 0x7F),
        *range(0xA0, 0x530),
        *range(0x1E00, 0x2C00),
        *range(0x3000, 0x3040),
    ]
    assigned = [c for c in map(chr, blocks) if unicodedata.category(c) != "Cn"]
    text = "\n".join(f"a{c}a ({c}) 1{c}1 {c}{c}\u05d0{c}-{c} {c}\u4e00" for c in assigned)
    assert linebreak.break_opportunities(text) == libunistring_breaks(text)


# ================================================================ the reader's attributes kept


def as_read(
    po: polib.POFile, header_entry: polib.POEntry | None, **attributes: object
) -> polib.POFile:
    """``po`` with the attributes the reader sets (pipeline/gettext/read.py's contract)."""
    po.header_entry = header_entry
    po.header_position = 0
    if header_entry is not None:
        po.metadata = {}
        for line in header_entry.msgstr.splitlines():
            key, value = line.split(":", 1)
            po.metadata[key] = value.strip()
        po.header = header_entry.tcomment
        po.metadata_is_fuzzy = ["fuzzy"] if "fuzzy" in header_entry.flags else []
    for name, value in attributes.items():
        setattr(po, name, value)
    return po


def with_lines(entry: polib.POEntry, tcomment: list[str], comment: list[str]) -> polib.POEntry:
    """An entry as read: comment lines verbatim, and the text polib would have made of them."""
    entry.tcomment_lines, entry.comment_lines = tcomment, comment
    entry.tcomment = "\n".join(line.removeprefix(" ").rstrip() for line in tcomment)
    entry.comment = "\n".join(line.strip() for line in comment if line.strip())
    return entry


def assert_msgcat_writes(text: str, tmp_path: Path, charset: str = "utf-8") -> None:
    """``text`` is what msgcat itself writes for it (so the expected text is gettext's)."""
    if shutil.which("msgcat") is None:
        return
    path = tmp_path / "expected.po"
    path.write_bytes(text.encode(charset))
    done = subprocess.run(["msgcat", "--force-po", str(path)], capture_output=True, check=True)
    assert done.stdout.decode(charset) == text


HEADER_TEXT = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n'


def header_entry(msgstr: str = "Content-Type: text/plain; charset=UTF-8\n", **kw) -> polib.POEntry:
    return polib.POEntry(msgid="", msgstr=msgstr, **kw)


def test_a_file_without_a_header_is_written_without_one(tmp_path: Path) -> None:
    entry = with_lines(polib.POEntry(msgid="a", msgstr="b"), [" first comment"], [])
    po = as_read(polib.POFile(), None)
    po.header = "first comment"  # polib files a headerless file's first comment here too
    po.append(entry)
    expected = '# first comment\nmsgid "a"\nmsgstr "b"\n'
    assert format_po(po) == expected
    assert_msgcat_writes(expected, tmp_path)


def test_lone_comment_markers_and_trailing_spaces_and_cr_are_kept(tmp_path: Path) -> None:
    entry = with_lines(
        polib.POEntry(msgid="a", msgstr="b"), [" text  ", "", " cr\r"], ["", " x  ", "  "]
    )
    po = as_read(polib.POFile(), header_entry())
    po.append(entry)
    expected = HEADER_TEXT + '\n# text  \n#\n# cr\r\n#.\n#. x  \n#.  \nmsgid "a"\nmsgstr "b"\n'
    assert format_po(po) == expected
    assert_msgcat_writes(expected, tmp_path)


def test_a_comment_changed_in_code_is_written_from_its_text() -> None:
    entry = with_lines(polib.POEntry(msgid="a", msgstr="b"), [" old  "], [])
    entry.tcomment = "new"
    po = as_read(
        polib.POFile(),
        None,
    )
    po.append(entry)
    assert format_po(po) == '# new\nmsgid "a"\nmsgstr "b"\n'


def test_comment_text_after_the_marker_gets_gettexts_single_space(tmp_path: Path) -> None:
    entry = with_lines(polib.POEntry(msgid="a", msgstr="b"), ["x", "  two"], ["y"])
    po = as_read(polib.POFile(), header_entry())
    po.append(entry)
    expected = HEADER_TEXT + '\n# x\n#  two\n#. y\nmsgid "a"\nmsgstr "b"\n'
    assert format_po(po) == expected
    assert_msgcat_writes(expected, tmp_path)


def test_repeated_header_fields_and_header_references_are_kept(tmp_path: Path) -> None:
    msgstr = "Content-Type: text/plain; charset=UTF-8\n" + "".join(
        f"X-POFile-SpellExtra: word{i}\n" for i in range(36)
    )
    read = header_entry(msgstr, occurrences=[("src/a.c", "1")], flags=["fuzzy"])
    read.tcomment = "Header comment"
    po = as_read(polib.POFile(), read)
    expected = (
        '# Header comment\n#: src/a.c:1\n#, fuzzy\nmsgid ""\nmsgstr ""\n'
        + '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        + "".join(f'"X-POFile-SpellExtra: word{i}\\n"\n' for i in range(36))
    )
    assert format_po(po) == expected
    assert_msgcat_writes(expected, tmp_path)


def test_header_changed_in_code_keeps_its_references_and_comment_lines() -> None:
    read = header_entry("Content-Type: text/plain; charset=UTF-8\n", occurrences=[("a.c", "1")])
    with_lines(read, [" Header  "], [])
    po = as_read(polib.POFile(), read)
    po.metadata["Language"] = "ru"
    po.metadata_is_fuzzy = ["fuzzy"]
    assert format_po(po) == (
        '# Header  \n#: a.c:1\n#, fuzzy\nmsgid ""\nmsgstr ""\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ru\\n"\n'
    )


def test_header_changed_in_code_is_written_from_metadata() -> None:
    po = as_read(
        polib.POFile(), header_entry("Content-Type: text/plain; charset=UTF-8\nX-A: 1\nX-A: 2\n")
    )
    po.metadata["Language"] = "ru"
    assert format_po(po) == (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"X-A: 2\\n"\n'
        '"Language: ru\\n"\n'
    )


def test_header_is_written_where_it_was_read(tmp_path: Path) -> None:
    po = as_read(polib.POFile(), header_entry(), header_position=1)
    po.append(polib.POEntry(msgid="foo", msgstr="bar"))
    po.append(polib.POEntry(msgid="baz", msgstr="qux"))
    expected = 'msgid "foo"\nmsgstr "bar"\n\n' + HEADER_TEXT + '\nmsgid "baz"\nmsgstr "qux"\n'
    assert format_po(po) == expected
    assert_msgcat_writes(expected, tmp_path)


def test_an_entry_with_an_empty_msgid_and_a_context_is_kept(tmp_path: Path) -> None:
    po = as_read(polib.POFile(), header_entry())
    po.append(polib.POEntry(msgctxt="c", msgid="", msgstr="d"))
    expected = HEADER_TEXT + '\nmsgctxt "c"\nmsgid ""\nmsgstr "d"\n'
    assert format_po(po) == expected
    assert_msgcat_writes(expected, tmp_path)


def test_bell_and_other_control_characters_are_escaped_once(tmp_path: Path) -> None:
    po = as_read(polib.POFile(), header_entry())
    po.append(polib.POEntry(msgid='bel: \a\b\f\v\r\t\\"\n', msgstr=""))
    expected = HEADER_TEXT + '\nmsgid "bel: \\a\\b\\f\\v\\r\\t\\\\\\"\\n"\nmsgstr ""\n'
    assert format_po(po) == expected
    assert_msgcat_writes(expected, tmp_path)


def test_no_line_break_inside_a_c_format_directive(tmp_path: Path) -> None:
    text = "no está presente el contexto para el argumento plural de la palabra clave '%.*s'"
    entry = polib.POEntry(msgid="x %s", msgstr=text, flags=["c-format"])
    po = as_read(polib.POFile(), header_entry())
    po.append(entry)
    expected = (
        HEADER_TEXT + '\n#, c-format\nmsgid "x %s"\nmsgstr ""\n'
        '"no está presente el contexto para el argumento plural de la palabra clave "\n'
        "\"'%.*s'\"\n"
    )
    assert format_po(po) == expected
    assert_msgcat_writes(expected, tmp_path)
    entry.flags = []  # without the flag, "%." and "*s" are two pieces, as gettext breaks them
    assert "'%.\"\n\"*s'" in format_po(po)


def test_obsolete_entries_keep_fuzzy_format_and_no_wrap_flags_only(tmp_path: Path) -> None:
    po = as_read(polib.POFile(), header_entry())
    flags = ["fuzzy", "c-format", "no-wrap", "range: 1..3"]
    po.append(polib.POEntry(msgid="a %d", msgstr="b %d", flags=flags, obsolete=True))
    expected = HEADER_TEXT + '\n#, fuzzy, c-format, no-wrap\n#~ msgid "a %d"\n#~ msgstr "b %d"\n'
    assert format_po(po) == expected
    assert_msgcat_writes(expected, tmp_path)


def test_a_catalog_is_written_back_in_its_own_charset(tmp_path: Path) -> None:
    read = header_entry("Content-Type: text/plain; charset=ISO-8859-1\n")
    po = as_read(polib.POFile(), read, charset="ISO-8859-1")
    po.append(polib.POEntry(msgid="año", msgstr="year", occurrences=[("ñ.c", "1")]))
    expected = (
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
        '#: ñ.c:1\nmsgid "año"\nmsgstr "year"\n'
    )
    assert format_po_bytes(po) == expected.encode("iso-8859-1")
    assert write_po(po, tmp_path / "latin1.po")
    assert (tmp_path / "latin1.po").read_bytes() == expected.encode("iso-8859-1")
    assert not write_po(po, tmp_path / "latin1.po")
    assert_msgcat_writes(expected, tmp_path, "iso-8859-1")


def test_undecodable_bytes_are_written_back_as_read() -> None:
    po = as_read(polib.POFile(), None, charset="UTF-8")
    po.append(polib.POEntry(msgid="a", msgstr=b"\xff".decode("utf-8", "surrogateescape")))
    assert format_po_bytes(po) == b'msgid "a"\nmsgstr "\xff"\n'


@needs_gettext
@pytest.mark.parametrize(
    ("flag", "directive"),
    [
        ("c-format", "% s"),
        ("c-format", "%.*s"),
        ("c-format", "%-*d"),
        ("python-format", "%(file name)s"),
    ],
)
def test_directives_are_never_broken_wherever_they_fall(
    flag: str, directive: str, tmp_path: Path
) -> None:
    entries = []
    for padding in range(12):
        text = "x" * padding + " word" * 13 + f" {directive}-{directive} end"
        entries.append(polib.POEntry(msgid=text, msgstr=text, flags=[flag]))
    text = assert_gettext_agrees(catalog(*entries), tmp_path)
    inside = [f'{directive[:k]}"\n"{directive[k:]}' for k in range(1, len(directive))]
    assert not any(broken in text for broken in inside)
    # Without the flag the same strings do break there, so the sweep reaches every position.
    plain = format_po(catalog(*(polib.POEntry(msgid=e.msgid, msgstr=e.msgstr) for e in entries)))
    assert any(broken in plain for broken in inside)


def test_domains_are_written_one_after_the_other_as_msgcat_groups_them(tmp_path: Path) -> None:
    po = as_read(polib.POFile(), header_entry(), domain_directives=[(2, "second"), (5, "messages")])
    for msgid, obsolete in (("o", True), ("a", False), ("c", False), ("q", True), ("e", False)):
        po.append(polib.POEntry(msgid=msgid, msgstr=msgid.upper(), obsolete=obsolete))
    po.append(polib.POEntry(msgid="g", msgstr="G"))
    expected = (
        HEADER_TEXT + '\nmsgid "a"\nmsgstr "A"\n\nmsgid "g"\nmsgstr "G"\n\n'
        '#~ msgid "o"\n#~ msgstr "O"\n\ndomain "second"\n\nmsgid "c"\nmsgstr "C"\n\n'
        'msgid "e"\nmsgstr "E"\n\n#~ msgid "q"\n#~ msgstr "Q"\n'
    )
    assert format_po(po) == expected
    assert_msgcat_writes(expected, tmp_path)


def test_a_file_that_starts_with_a_domain_keeps_its_header_there(tmp_path: Path) -> None:
    po = as_read(polib.POFile(), header_entry(), domain_directives=[(0, "foo"), (1, "bar")])
    po.append(polib.POEntry(msgid="a", msgstr="b"))
    po.append(polib.POEntry(msgid="c", msgstr="d"))
    expected = (
        'domain "foo"\n\n' + HEADER_TEXT + '\nmsgid "a"\nmsgstr "b"\n\n'
        'domain "bar"\n\nmsgid "c"\nmsgstr "d"\n'
    )
    assert format_po(po) == expected
    assert_msgcat_writes(expected, tmp_path)


# ================================================================ the fast path of line breaking

_BREAK_ALPHABET = list("ab -\"'\\()[]{}!?,.;:%$/01\n\tжЖ«»—–…‐´々〈") + [
    NBSP, "\u200b", "\u200d", "\u0301", "\u05d0", "\U0001f1e6", "\u4e00", "\u2028", "\x85",
    "palabra ", "word",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_BREAK_ALPHABET), max_size=40).map("".join))
def test_run_by_run_break_candidates_are_the_full_scans_opportunities(text: str) -> None:
    expected = [(i, kind) for i, kind in enumerate(linebreak.break_opportunities(text)) if kind]
    assert linebreak.break_candidates(text) == expected


@given(st.lists(st.sampled_from([*_BREAK_ALPHABET, "\u4e00", "\u0301"]), max_size=40).map("".join))
def test_columns_before_each_position_add_up_the_character_widths(text: str) -> None:
    columns = linebreak.columns_before(text)
    widths = [linebreak.char_width(char) for char in text]
    expected = [sum(widths[:i]) for i in range(len(text) + 1)]
    assert (columns or list(range(len(text) + 1))) == expected
    assert (columns is None) == all(width == 1 for width in widths)
