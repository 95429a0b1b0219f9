from pathlib import Path

import pytest

from pipeline.errors import PipelineError
from pipeline.glossary import Glossary, Term, find_term, leading_word, load_glossary, word_runs


def write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "glossary"


def test_term_keep_when_target_is_source() -> None:
    assert Term("OTSC", "OTSC").keep
    assert not Term("OTSC", "CSTO").keep


def test_no_file_gives_an_empty_glossary(folder: Path) -> None:
    assert load_glossary(folder, "ru") == Glossary()


def test_tsv_pairs_comments_and_blank_lines(folder: Path) -> None:
    write(
        folder,
        "ru.tsv",
        "# Glossary for Russian\n\nKremlin\tКремль\n  # indented comment\nOTSC\tОДКБ\n",
    )
    assert load_glossary(folder, "ru").terms == (Term("Kremlin", "Кремль"), Term("OTSC", "ОДКБ"))


def test_tsv_source_alone_or_repeated_means_never_translate(folder: Path) -> None:
    write(folder, "en.tsv", "Astaná\nBolshói\tBolshói\nTokáev\t\n")
    terms = load_glossary(folder, "en").terms
    assert [t.source for t in terms] == ["Astaná", "Bolshói", "Tokáev"]
    assert all(t.keep for t in terms)


def test_tsv_with_bom_and_crlf(folder: Path) -> None:
    (folder).mkdir()
    (folder / "en.tsv").write_bytes("\ufeffKremlin\tKremlin\r\nONU\tUN\r\n".encode())
    assert load_glossary(folder, "en").terms == (Term("Kremlin", "Kremlin"), Term("ONU", "UN"))


def test_tsv_line_with_three_fields_names_file_and_line(folder: Path) -> None:
    write(folder, "ru.tsv", "# terms\nKremlin\tКремль\nONU\tООН\textra\n")
    with pytest.raises(PipelineError, match=r"^glossary/ru\.tsv:3: expected 'source<TAB>target'"):
        load_glossary(folder, "ru")


def test_tsv_line_without_source_is_an_error(folder: Path) -> None:
    write(folder, "ru.tsv", "\tКремль\n")
    with pytest.raises(PipelineError, match=r"glossary/ru\.tsv:1: expected"):
        load_glossary(folder, "ru")


def test_tsv_source_defined_twice_is_an_error(folder: Path) -> None:
    write(folder, "ru.tsv", "ONU\tООН\nONU\tОрганизация\n")
    message = r"glossary/ru\.tsv:2: 'ONU' is already defined at line 1"
    with pytest.raises(PipelineError, match=message):
        load_glossary(folder, "ru")


def test_tsv_not_utf8_is_an_error(folder: Path) -> None:
    folder.mkdir()
    (folder / "es.tsv").write_bytes("Astaná\n".encode("latin-1"))
    with pytest.raises(PipelineError, match=r"glossary/es\.tsv: not UTF-8"):
        load_glossary(folder, "es")


PO_GLOSSARY = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Kremlin"
msgstr "Кремль"

msgid "Astaná"
msgstr ""

#, fuzzy
msgid "OTSC"
msgstr "ОДКБ"

#~ msgid "ONU"
#~ msgstr "ООН"
"""


def test_po_entries_empty_msgstr_keeps_fuzzy_and_obsolete_ignored(folder: Path) -> None:
    write(folder, "ru.po", PO_GLOSSARY)
    assert load_glossary(folder, "ru").terms == (
        Term("Kremlin", "Кремль"),
        Term("Astaná", "Astaná"),
    )


def test_po_syntax_error_names_the_file(folder: Path) -> None:
    write(folder, "ru.po", 'msgid "Kremlin"\nmsgstr "Кремль"\nnot a keyword\n')
    with pytest.raises(PipelineError, match=r"^glossary/ru\.po:3: syntax error"):
        load_glossary(folder, "ru")


def test_both_tsv_and_po_is_an_error(folder: Path) -> None:
    write(folder, "ru.tsv", "Kremlin\tКремль\n")
    write(folder, "ru.po", PO_GLOSSARY)
    with pytest.raises(PipelineError, match=r"glossary/ru\.tsv and glossary/ru\.po both exist"):
        load_glossary(folder, "ru")


def test_other_language_files_are_not_read(folder: Path) -> None:
    write(folder, "en.tsv", "ONU\tUN\n")
    assert load_glossary(folder, "ru").terms == ()


GLOSSARY = Glossary(
    (
        Term("Unión Económica Euroasiática", "Eurasian Economic Union"),
        Term("Unión", "Union"),
        Term("ONU", "UN"),
        Term("Kremlin", "Kremlin"),
        Term("Carta de las Naciones Unidas", "UN Charter"),
    )
)


def test_find_lists_longest_first() -> None:
    text = "la autoridad de la Unión Económica Euroasiática y del Kremlin"
    assert [t.source for t in GLOSSARY.find(text)] == [
        "Unión Económica Euroasiática",
        "Kremlin",
        "Unión",
    ]


def test_find_matches_whole_words_only() -> None:
    assert GLOSSARY.find("la ONUDI y los kremlinólogos") == []
    assert GLOSSARY.find("la (ONU).") == [Term("ONU", "UN")]


def test_find_is_case_sensitive() -> None:
    assert GLOSSARY.find("el kremlin, la onu") == []


def test_find_term_spaces_match_no_break_spaces_and_back() -> None:
    assert GLOSSARY.find("en\u00a0la\u00a0Carta de\u00a0las Naciones Unidas (ONU)")[0].source == (
        "Carta de las Naciones Unidas"
    )
    nbsp_term = Glossary((Term("Teatro\u00a0Bolshói", "Bolshoi Theatre"),))
    assert nbsp_term.find("al Teatro Bolshói para") == list(nbsp_term.terms)


def test_find_on_empty_glossary() -> None:
    assert Glossary().find("Kremlin") == []


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("EE. UU.", "viajó a EE. UU. ayer"),
        ("Guinea-Bisáu", "la (Guinea-Bisáu) y"),
        ("Teatro\u00a0Bolshói", "al Teatro Bolshói para"),
        ("ONU", "la (ONU)."),
        ("Kremlin", "Kremlin"),
        ("«Pravda»", "leyó «Pravda» hoy"),
        ("3M", "la empresa 3M vende"),
    ],
)
def test_a_found_term_leads_with_a_word_run_of_the_text(source: str, text: str) -> None:
    assert find_term(source, text)
    leading = leading_word(source)
    assert leading is None or leading in word_runs(text)


def test_a_text_without_the_leading_run_does_not_hold_the_term() -> None:
    assert leading_word("Guinea-Bisáu") == "Guinea"
    assert leading_word("«Pravda»") is None
    for text in ("la Guineana", "la GuineaBisáu", "aGuinea-Bisáu", "guinea-bisáu"):
        assert "Guinea" not in word_runs(text)
        assert not find_term("Guinea-Bisáu", text)
