"""pipeline.gettext.check_po: what ``msgfmt --check`` reports beyond syntax, and nothing else."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.errors import PipelineError
from pipeline.gettext import check_po, parse_po
from pipeline.gettext.plural import parse_plural, plural_problem

RU_PLURALS = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);"
)


def catalog(body: str, plural_forms: str | None = "nplurals=2; plural=(n != 1);") -> str:
    fields = "Content-Type: text/plain; charset=UTF-8\\n"
    if plural_forms is not None:
        fields += f"Plural-Forms: {plural_forms}\\n"
    return f'msgid ""\nmsgstr "{fields}"\n\n{body}'


def problems(text: str) -> list[str]:
    return check_po(parse_po(text), "doc.po")


PLURAL = 'msgid "a day"\nmsgid_plural "%d days"\nmsgstr[0] "un día"\nmsgstr[1] "%d días"\n'


# ============================================================================== the header


def test_a_complete_catalog_has_no_problem() -> None:
    assert problems(catalog('msgid "a"\nmsgstr "b"\n\n' + PLURAL)) == []


def test_a_missing_header_is_a_problem() -> None:
    assert problems('msgid "a"\nmsgstr "b"\n') == ["doc.po:1: PO file header missing or invalid"]


def test_an_untranslated_header_counts_as_missing() -> None:
    assert problems('msgid ""\nmsgstr ""\n') == ["doc.po:1: PO file header missing or invalid"]


def test_a_fuzzy_header_is_no_problem() -> None:
    assert problems("#, fuzzy\n" + catalog('msgid "a"\nmsgstr "b"\n')) == []


def test_header_fields_at_their_default_are_only_warnings_in_msgfmt() -> None:
    text = 'msgid ""\nmsgstr "Project-Id-Version: PACKAGE VERSION\\n"\n'
    assert problems(text) == []


def test_a_domain_directive_is_a_problem() -> None:
    found = problems(catalog('domain "other"\nmsgid "a"\nmsgstr "b"\n'))
    assert found == ["doc.po: 'domain other' directive ignored"]


def test_a_catalog_built_in_code_is_checked_by_its_metadata() -> None:
    po = polib.POFile()
    assert check_po(po, "new.po") == ["new.po:1: PO file header missing or invalid"]
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="a", msgstr="b"))
    assert check_po(po, "new.po") == []


# ========================================================================== plural forms


def test_plural_entries_need_plural_forms_in_the_header() -> None:
    found = problems(catalog(PLURAL, plural_forms=None))
    assert len(found) == 2
    assert all("plural form translations" in problem for problem in found)


def test_plural_forms_without_plural_entries_are_checked_too() -> None:
    assert problems(catalog("", "nplurals=x; plural=n != 1;")) == [
        "doc.po:1: invalid nplurals value"
    ]


def test_a_plural_entry_with_fewer_forms_than_nplurals_is_a_problem() -> None:
    found = problems(catalog(PLURAL, RU_PLURALS))
    assert found == ["doc.po:4: 2 plural forms, but the header's nplurals is 3"]


def test_untranslated_and_fuzzy_plural_entries_are_not_counted() -> None:
    untranslated = PLURAL.replace('"un día"', '""')
    assert problems(catalog(untranslated, RU_PLURALS)) == []
    assert problems(catalog("#, fuzzy\n" + PLURAL, RU_PLURALS)) == []


@pytest.mark.parametrize(
    ("expression", "problem"),
    [
        ("n != 1", None),
        ("n != 1 +", "invalid plural expression"),
        ("n-1", "plural expression can produce negative values"),
        ("n", "nplurals = 2 but plural expression can produce values as large as 2"),
        ("1/(n-1)", "plural expression can produce division by zero"),
        ("n % 0", "plural expression can produce division by zero"),
        ("n == 0 || 1/n", None),  # || does not evaluate its right side when the left is true
    ],
)
def test_plural_expressions_are_tried_as_msgfmt_tries_them(
    expression: str, problem: str | None
) -> None:
    assert plural_problem(expression, 2) == problem


def test_plural_expressions_have_c_precedence() -> None:
    russian = parse_plural(RU_PLURALS.split("plural=")[1])
    assert [russian(n) for n in (0, 1, 2, 5, 11, 21, 22, 112)] == [2, 0, 1, 2, 2, 0, 1, 2]
    assert [parse_plural("n ? n == 1 ? 7 : 8 : 9")(n) for n in range(3)] == [9, 7, 8]
    assert [parse_plural("!n + 1")(n) for n in range(2)] == [2, 1]


def test_nesting_deeper_than_gettexts_parser_stack_is_invalid() -> None:
    # Bison's stack holds 10,000 states; plural.y's parser fails when a parenthesis fills it.
    assert plural_problem("(" * 9996 + "n" + ")" * 9996 + " % 2", 2) is None
    assert plural_problem("(" * 9997 + "n" + ")" * 9997 + " % 2", 2) == "invalid plural expression"


# ============================================================================== the entries


def test_msgid_and_msgstr_must_agree_on_a_leading_newline() -> None:
    found = problems(catalog('msgid "\\na"\nmsgstr "b"\n'))
    assert found == ["doc.po:4: 'msgid' and 'msgstr' entries do not both begin with '\\n'"]


def test_every_plural_form_must_agree_on_a_trailing_newline() -> None:
    text = catalog('msgid "a\\n"\nmsgid_plural "as\\n"\nmsgstr[0] "b\\n"\nmsgstr[1] "bs"\n')
    assert problems(text) == [
        "doc.po:4: 'msgid' and 'msgstr[1]' entries do not both end with '\\n'"
    ]


def test_fuzzy_and_untranslated_entries_are_not_checked() -> None:
    body = '#, fuzzy\nmsgid "\\na"\nmsgstr "b"\n\nmsgid "c\\n"\nmsgstr ""\n'
    assert problems(catalog(body)) == []


def test_format_directives_are_checked_on_compiled_entries_only() -> None:
    body = (
        '#, c-format\nmsgid "%d files"\nmsgstr "%s ficheros"\n\n'
        '#, c-format, fuzzy\nmsgid "%x"\nmsgstr "%s"\n'
    )
    found = problems(catalog(body))
    assert len(found) == 1 and found[0].startswith("doc.po:4: ")  # the fuzzy one is not compiled
    assert "format specifications" in found[0]


# ============================================== the same verdict as msgfmt --check on these cases

AGREEMENT_CASES = {
    "complete": catalog('msgid "a"\nmsgstr "b"\n\n' + PLURAL),
    "no header": 'msgid "a"\nmsgstr "b"\n',
    "empty header": 'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\n',
    "header only as obsolete": '#~ msgid ""\n#~ msgstr "Content-Type: text/plain\\n"\n',
    "fuzzy header": "#, fuzzy\n" + catalog('msgid "a"\nmsgstr "b"\n'),
    "no plural forms": catalog(PLURAL, None),
    "too few forms": catalog(PLURAL, RU_PLURALS),
    "too many forms": catalog(PLURAL, "nplurals=1; plural=0;"),
    "plural out of range": catalog(PLURAL, "nplurals=2; plural=n;"),
    "bad nplurals": catalog(PLURAL, "nplurals=; plural=n != 1;"),
    "CR in plural": catalog(PLURAL, "nplurals=2; plural=n != 1\\r\\n"),
    "newline begin": catalog('msgid "\\na"\nmsgstr "b"\n'),
    "newline end plural": catalog(
        'msgid "a\\n"\nmsgid_plural "as\\n"\nmsgstr[0] "b\\n"\nmsgstr[1] "bs"\n'
    ),
    "domain": catalog('domain "d"\nmsgid "a"\nmsgstr "b"\n'),
}


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU msgfmt")
@pytest.mark.parametrize("case", AGREEMENT_CASES)
def test_check_po_finds_a_problem_when_msgfmt_check_fails(case: str, tmp_path: Path) -> None:
    path = tmp_path / "case.po"
    path.write_text(AGREEMENT_CASES[case], encoding="utf-8")
    msgfmt = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)],
        capture_output=True,
        env={**os.environ, "LC_ALL": "C"},
    )
    found = problems(AGREEMENT_CASES[case])
    assert (found == []) == (msgfmt.returncode == 0), (found, msgfmt.stderr.decode())


LINES = (
    'msgid "a"', 'msgid "b"', 'msgid "a\\n"', 'msgctxt "c"', 'msgid_plural "p"', 'msgstr "x"',
    'msgstr ""', 'msgstr "\\nx"', "msgstr[0] \"y\"", 'msgstr[1] "z"', '"more"', '"\\q"',
    '#~ msgid "o"', '#~ msgstr "O"', '#| msgid "old"', '#~| msgid "old"', "# comment", "#, fuzzy",
    "#. extracted", "#: f.c:1", "", 'msgid "unterminated', 'domain "d"', "#", "#~",
)  # fmt: skip


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU msgfmt")
@settings(max_examples=150, derandomize=True, deadline=None)
@given(lines=st.lists(st.sampled_from(LINES), max_size=12))
def test_random_catalogs_pass_read_and_check_exactly_when_msgfmt_check_passes(
    lines: list[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    text = catalog("\n".join(lines) + "\n")
    path = tmp_path_factory.mktemp("random") / "random.po"
    path.write_text(text, encoding="utf-8")
    msgfmt = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)],
        capture_output=True,
        env={**os.environ, "LC_ALL": "C"},
    )
    try:
        found = check_po(parse_po(text), "random.po")
    except PipelineError as error:
        found = [str(error)]
    assert (found == []) == (msgfmt.returncode == 0), (found, msgfmt.stderr.decode())


def test_the_header_is_checked_as_it_will_be_written_after_code_changed_it() -> None:
    po = parse_po(catalog(PLURAL))
    po.metadata["Plural-Forms"] = RU_PLURALS
    assert check_po(po, "doc.po") == ["doc.po:4: 2 plural forms, but the header's nplurals is 3"]
