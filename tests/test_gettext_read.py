"""pipeline.gettext.read_po: PO syntax exactly as GNU gettext reads it, with file:line errors."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.errors import PipelineError
from pipeline.gettext import parse_po, read_po

HEADER = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'

needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU msgfmt")


def syntax_error(text: str | bytes, name: str = "doc.po") -> str:
    with pytest.raises(PipelineError) as error:
        parse_po(text, name)
    return str(error.value)


def only_entry(text: str):
    (entry,) = parse_po(HEADER + text)
    return entry


# ============================================================ the malformed files: rejected


def test_an_unterminated_string_is_an_error_at_its_line() -> None:
    message = syntax_error(HEADER + 'msgid "Foto"\nmsgstr "Photo: kremlin.ru\n')
    assert message.startswith("doc.po:5: syntax error in PO file: end-of-line within string")


def test_an_unterminated_msgid_is_an_error_not_a_truncated_string() -> None:
    assert syntax_error(HEADER + 'msgid "A/\nmsgstr "B"\n').startswith("doc.po:4: ")


def test_an_invalid_escape_is_an_error_naming_the_escape() -> None:
    message = syntax_error(HEADER + 'msgid "a"\nmsgstr "b\\q"\n')
    assert message.startswith("doc.po:5: syntax error in PO file: invalid control sequence '\\q'")


def test_a_duplicate_definition_is_an_error_pointing_at_the_first() -> None:
    message = syntax_error(HEADER + 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n')
    assert message.startswith("doc.po:7: syntax error in PO file: duplicate message definition")
    assert "line 4" in message


def test_an_obsolete_copy_of_an_active_message_is_a_duplicate() -> None:
    text = HEADER + 'msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "b"\n'
    assert "duplicate message definition" in syntax_error(text)


def test_a_second_header_is_a_duplicate() -> None:
    assert "duplicate message definition" in syntax_error(HEADER + HEADER)


def test_the_same_msgid_in_another_context_is_no_duplicate() -> None:
    po = parse_po(HEADER + 'msgid "a"\nmsgstr "b"\n\nmsgctxt "c"\nmsgid "a"\nmsgstr "d"\n')
    assert [(e.msgctxt, e.msgstr) for e in po] == [(None, "b"), ("c", "d")]


def test_an_entry_without_msgstr_is_an_error() -> None:
    assert "missing 'msgstr' section" in syntax_error(HEADER + 'msgid "a"\n\nmsgid "b"\n')


def test_a_comment_inside_an_entry_is_an_error() -> None:
    assert syntax_error(HEADER + 'msgid "a"\n# note\nmsgstr "b"\n').startswith("doc.po:")


def test_an_unknown_keyword_is_an_error() -> None:
    assert 'keyword "msgstring" unknown' in syntax_error(HEADER + 'msgid "a"\nmsgstring "b"\n')


def test_an_entry_obsolete_in_some_lines_only_is_an_error() -> None:
    message = syntax_error(HEADER + '#~ msgid "a"\nmsgstr "b"\n')
    assert message.startswith("doc.po:5: syntax error in PO file: inconsistent use of #~")


def test_plural_forms_out_of_order_are_an_error() -> None:
    text = HEADER + 'msgid "a"\nmsgid_plural "as"\nmsgstr[1] "b"\nmsgstr[0] "c"\n'
    assert "first plural form has nonzero index" in syntax_error(text)


def test_a_byte_order_mark_is_an_error_as_in_gettext() -> None:
    assert syntax_error(("\ufeff" + HEADER).encode()).startswith("doc.po:1: ")


# ================================================================ the valid files: accepted


def test_flags_without_a_space_after_the_marker() -> None:
    assert only_entry('#,fuzzy\nmsgid "a"\nmsgstr "b"\n').flags == ["fuzzy"]


def test_a_reference_without_a_space_after_the_marker() -> None:
    assert only_entry('#:file.c:29\nmsgid "a"\nmsgstr "b"\n').occurrences == [("file.c", "29")]


def test_an_extracted_comment_without_a_space_after_the_marker() -> None:
    entry = only_entry('#.x\nmsgid "a"\nmsgstr "b"\n')
    assert (entry.comment, entry.comment_lines) == ("x", ["x"])


def test_a_keyword_directly_followed_by_its_string() -> None:
    assert only_entry('msgid "a"\nmsgstr""\n').msgstr == ""


def test_a_whole_entry_on_one_line() -> None:
    entry = only_entry('msgid "a" msgstr "b"\n')
    assert (entry.msgid, entry.msgstr) == ("a", "b")


def test_a_comment_that_starts_like_a_keyword_is_a_translator_comment() -> None:
    entry = only_entry('#default domain\nmsgid "a"\nmsgstr "b"\n')
    assert (entry.tcomment, entry.tcomment_lines) == ("default domain", ["default domain"])


def test_domain_directives_are_kept_with_their_position() -> None:
    po = parse_po(HEADER + 'msgid "a"\nmsgstr "b"\n\ndomain "other"\n\nmsgid "a"\nmsgstr "c"\n')
    assert po.domain_directives == [(2, "other")]
    assert [e.msgstr for e in po] == ["b", "c"]  # a msgid once per domain


def test_obsolete_entries_keep_their_previous_strings() -> None:
    entry = only_entry('#~| msgctxt "old"\n#~| msgid "z"\n#~ msgid "a"\n#~ msgstr "b"\n')
    assert entry.obsolete
    assert (entry.previous_msgctxt, entry.previous_msgid, entry.msgstr) == ("old", "z", "b")


def test_previous_context_msgid_and_plural() -> None:
    entry = only_entry(
        '#, fuzzy\n#| msgctxt "c"\n#| msgid "one"\n#| msgid_plural "many"\n'
        'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[1] "bs"\n'
    )
    assert (entry.previous_msgctxt, entry.previous_msgid, entry.previous_msgid_plural) == (
        "c",
        "one",
        "many",
    )
    assert entry.msgstr_plural == {0: "b", 1: "bs"}


def test_strings_continue_over_lines() -> None:
    entry = only_entry('msgid ""\n"first "\n  "second"\nmsgstr "x"\n"y"\n')
    assert (entry.msgid, entry.msgstr) == ("first second", "xy")


def test_every_escape_gettext_knows() -> None:
    entry = only_entry('msgid "e"\nmsgstr "\\n\\t\\r\\a\\b\\f\\v\\\\\\"\\101\\x42\\303\\251"\n')
    assert entry.msgstr == '\n\t\r\a\b\f\v\\"ABé'


def test_a_backslash_before_the_newline_joins_two_lines() -> None:
    assert only_entry('msg\\\nid "a"\nmsgstr "b\\\nc"\n').msgstr == "bc"


def test_entries_keep_the_line_they_start_on() -> None:
    po = parse_po(HEADER + '# note\nmsgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "d"\n')
    assert [e.linenum for e in po] == [4, 8]


# ==================================================================== what the writer is given


def test_header_entry_keeps_every_field_line_and_its_place() -> None:
    text = (
        'msgid "a"\nmsgstr "b"\n\n# header note\nmsgid ""\nmsgstr ""\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n"X-Spell: one\\n"\n"X-Spell: two\\n"\n'
    )
    po = parse_po(text)
    assert po.header_entry.msgstr.count("X-Spell:") == 2
    assert po.metadata["X-Spell"] == "two"  # polib's view: the last one
    assert (po.header_position, po.header, [e.msgid for e in po]) == (1, "header note", ["a"])


def test_a_file_without_header_has_none() -> None:
    po = parse_po('# a comment\nmsgid "a"\nmsgstr "b"\n')
    assert (po.header_entry, po.header, po.metadata) == (None, "", {})
    assert po[0].tcomment == "a comment"


def test_comment_lines_are_kept_byte_for_byte() -> None:
    entry = only_entry('#  two spaces  \n#\n# with CR\r\n#.\n#. x \nmsgid "a"\nmsgstr "b"\n')
    assert entry.tcomment_lines == ["  two spaces  ", "", " with CR\r"]
    assert entry.comment_lines == ["", " x "]
    assert (entry.tcomment, entry.comment) == (" two spaces\n\nwith CR", "\nx")


def test_a_fuzzy_header_is_metadata_is_fuzzy() -> None:
    po = parse_po("#, fuzzy\n" + HEADER)
    assert po.metadata_is_fuzzy == ["fuzzy"] and po.header_entry.flags == ["fuzzy"]


# ======================================================================================= charsets


def latin1_catalog(charset: str, text: str = "año") -> bytes:
    header = f'msgid ""\nmsgstr "Content-Type: text/plain; charset={charset}\\n"\n\n'
    return header.encode() + f'msgid "a"\nmsgstr "{text}"\n'.encode("latin-1")


def test_a_declared_single_byte_charset_decodes_the_text() -> None:
    po = parse_po(latin1_catalog("iso-8859-1"))
    assert (po.charset, po[0].msgstr) == ("ISO-8859-1", "año")


def test_a_utf8_file_declaring_latin1_is_a_clear_error() -> None:
    data = latin1_catalog("ISO-8859-1", "").replace(b'msgstr ""', 'msgstr "año"'.encode())
    message = syntax_error(data, "locales/ru/doc.po")
    assert message.startswith("locales/ru/doc.po:5: the header declares charset=ISO-8859-1")
    assert "UTF-8" in message and "msgconv" in message


def test_bytes_invalid_in_the_declared_charset_are_an_error() -> None:
    message = syntax_error(latin1_catalog("UTF-8"))
    assert message.startswith("doc.po:5: not valid UTF-8") and "msgconv" in message


def test_a_file_declaring_no_charset_keeps_undecodable_bytes() -> None:
    for data in (latin1_catalog("CHARSET"), b'msgid "a"\nmsgstr "a\xf1o"\n'):
        po = parse_po(data)
        assert po.charset == "UTF-8"
        assert po[-1].msgstr.encode("utf-8", "surrogateescape") == b"a\xf1o"


def test_read_po_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "doc.po"
    path.write_bytes(HEADER.encode() + b'msgid "a"\nmsgstr "b\n')
    with pytest.raises(PipelineError, match=r"^locales/doc\.po:5: syntax error"):
        read_po(path, "locales/doc.po")


# ================================================== acceptance as msgfmt's, on the cases above

AGREEMENT_CASES = {
    "unterminated": 'msgid "a"\nmsgstr "b\n',
    "invalid escape": 'msgid "a\\q"\nmsgstr "b"\n',
    "hex escape without digits": 'msgid "a\\x"\nmsgstr "b"\n',
    "long hex escape": 'msgid "a"\nmsgstr "b\\x4243"\n',
    "nul escape": 'msgid "a\\0b"\nmsgstr "c"\n',
    "EOT": 'msgid "a\\x04b"\nmsgstr "b"\n',
    "one line": 'msgid "a" msgstr "b" msgid "c" msgstr "d"\n',
    "continued keyword": 'msg\\\nid "a"\nmsgstr "b"\n',
    "comment inside": 'msgid "a"\n# c\nmsgstr "b"\n',
    "flags between previous and msgid": '#| msgid "z"\n#, fuzzy\nmsgid "a"\nmsgstr "b"\n',
    "previous msgstr": '#| msgstr "z"\nmsgid "a"\nmsgstr "b"\n',
    "previous after comment": '#| # c\nmsgid "a"\nmsgstr "b"\n',
    "obsolete previous": '#~| msgid "z"\n#~ msgid "a"\n#~ msgstr "b"\n',
    "obsolete duplicate": 'msgid "a"\nmsgstr "b"\n#~ msgid "a"\n#~ msgstr "c"\n',
    "obsolete header": '#~ msgid ""\n#~ msgstr "x"\n',
    "empty msgid with context": 'msgctxt "c"\nmsgid ""\nmsgstr "x"\n',
    "domain without name": 'domain\nmsgid "a"\nmsgstr "b"\n',
    "plural index gap": 'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[2] "y"\n',
    "plural without msgstr[]": 'msgid "a"\nmsgid_plural "b"\nmsgstr "x"\n',
    "msgstr[] without plural": 'msgid "a"\nmsgstr[0] "x"\n',
    "lone hash at the end": 'msgid "a"\nmsgstr "b"\n#',
    "junk": 'msgid "a"\nmsgstr "b"\n@\n',
    "number": 'msgid "a"\nmsgstr "b"\n12\n',
    "solaris reference": '# File: a.c, line: 3\nmsgid "a"\nmsgstr "b"\n',
    "tabs and CR": '\tmsgid\t"a"\r\nmsgstr "b"\r\n',
}


@needs_msgfmt
@pytest.mark.parametrize("case", AGREEMENT_CASES)
def test_the_reader_accepts_what_msgfmt_accepts(case: str, tmp_path: Path) -> None:
    path = tmp_path / "case.po"
    path.write_text(HEADER + AGREEMENT_CASES[case], encoding="utf-8")
    msgfmt = subprocess.run(
        ["msgfmt", "--check-format", "-o", "/dev/null", str(path)], capture_output=True
    )
    try:
        read_po(path)
        accepted = True
    except PipelineError:
        accepted = False
    assert accepted == (msgfmt.returncode == 0), msgfmt.stderr.decode()


def test_only_the_last_flag_line_counts_as_in_gettext() -> None:
    po = parse_po(
        '#, fuzzy\n#, c-format\nmsgid "a %d"\nmsgstr "b %d"\n\n'
        '#, c-format\n#,\nmsgid "x"\nmsgstr "y"\n'
    )
    assert [entry.flags for entry in po] == [["c-format"], []]
