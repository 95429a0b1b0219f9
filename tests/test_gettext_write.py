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
from pipeline.gettext import format_po, linebreak, parse_po, read_po, write_po

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
