"""pipeline.gettext.formats: format strings checked as ``msgfmt --check`` checks them."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from pipeline.gettext import format_po
from pipeline.gettext.formats import (
    Directive,
    directive_language,
    directive_spans,
    format_problems,
    parse,
    plural_often,
)

needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU msgfmt")

HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
)

# (flag, msgid, msgstr): translations msgfmt accepts and ones it rejects, in each language.
CASES = [
    ("c-format", "%d files in %s", "%d fichiers dans %s"),
    ("c-format", "%d files in %s", "dans %s: %d fichiers"),
    ("c-format", "%d files in %s", "%d fichiers"),
    ("c-format", "%d files", "%d fichiers dans %s"),
    ("c-format", "%1$d files in %2$s", "dans %2$s: %1$d fichiers"),
    ("c-format", "%1$d files in %2$s", "dans %2$d: %1$s fichiers"),
    ("c-format", "%ld of %lu", "%ld de %lu"),
    ("c-format", "%ld of %lu", "%d de %lu"),
    ("c-format", "%.*s and %5.2f%%", "%.*s et %5.2f %%"),
    ("c-format", "%.*s and %5.2f%%", "%s et %5.2f %%"),
    ("c-format", "%d", "%y"),
    ("c-format", "%d", "100%"),
    ("c-format", "%s %<PRId64>", "%s %<PRId64>"),
    ("c-format", "%s %m", "%m: %s"),
    ("c-format", "%d", "%Id"),  # the I flag (locale digits) is for translations only
    ("c-format", "%zu %lld %hhx %Lg %lc", "%zu %lld %hhx %Lg %lc"),
    ("c-format", "%zu %lld", "%u %ld"),
    ("c-format", "%1$d %3$s", "x"),  # not a valid msgid: nothing to compare with
    ("c-format", "%s", "%1$s"),
    ("c-format", "%s", "%2$s %1$s"),
    ("no-c-format", "%d", "%s"),
    ("python-format", "%(count)d in %(dir)s", "%(dir)s: %(count)d"),
    ("python-format", "%(count)d in %(dir)s", "%(dir)s"),
    ("python-format", "%(count)d", "%(count)d %(extra)s"),
    ("python-format", "%(count)d", "%(count)s"),
    ("python-format", "%d of %s", "%d de %s"),
    ("python-format", "%d of %s", "%s de %d"),
    ("python-format", "%d of %s", "%(a)d de %(b)s"),
    ("python-format", "%(a)s", "%s"),
    ("python-format", "%(a)s %d", "x"),
    ("python-format", "%d", "%q"),
    ("python-brace-format", "{count} in {dir}", "{dir}: {count}"),
    ("python-brace-format", "{count} in {dir}", "{dir}"),
    ("python-brace-format", "{0} of {1}", "{1} de {0}"),
    ("python-brace-format", "{count}", "{total}"),
    ("python-brace-format", "{a.b[0]:>{width}} {{x}}", "{{y}} {a.b[0]:>{width}}"),
    ("sh-format", "$count in ${dir}", "${dir}: $count"),
    ("sh-format", "$count in ${dir}", "$count"),
    ("sh-format", "$count", "$count $extra"),
    ("sh-format", "$count", "costs $5"),
    ("sh-format", "$count", "${count:-1}"),
    ("sh-format", "$count", "${}"),
    ("sh-format", "$count", "${count"),
    ("sh-format", "$count", "$"),
]


def entry(flag: str, msgid: str, msgstr: str) -> polib.POEntry:
    return polib.POEntry(msgid=msgid, msgstr=msgstr, flags=[flag])


def msgfmt_problems(tmp_path: Path, text: str, header: str = HEADER) -> list[str]:
    """The errors msgfmt --check prints (C locale); none exactly when it accepts the file."""
    path = tmp_path / "case.po"
    path.write_text(header + text, encoding="utf-8")
    done = subprocess.run(
        ["msgfmt", "--check", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C"},
    )
    lines = [line.replace(str(path), "case.po") for line in done.stderr.splitlines()]
    errors = [line for line in lines if not line.startswith("msgfmt:") and "warning:" not in line]
    assert (done.returncode == 0) == (not errors), done.stderr
    return errors


@needs_msgfmt
@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case[0]}: {case[1]} / {case[2]}")
def test_problems_are_msgfmts_word_for_word(case: tuple[str, str, str], tmp_path: Path) -> None:
    item = entry(*case)
    line = HEADER.count("\n") + 3  # the msgstr line, where msgfmt reports
    assert format_problems(item, "case.po", line) == msgfmt_problems(tmp_path, str(item))


@needs_msgfmt
def test_plural_translations_are_compared_with_msgid_plural(tmp_path: Path) -> None:
    item = polib.POEntry(
        msgid="one file",
        msgid_plural="%d files in %s",
        msgstr_plural={0: "un fichier", 1: "%d fichiers"},
        flags=["c-format"],
    )
    line = HEADER.count("\n") + 4  # msgstr[0]
    expected = msgfmt_problems(tmp_path, str(item))
    assert expected == [
        f"case.po:{line}: number of format specifications in 'msgid_plural' and 'msgstr[1]' "
        "does not match"
    ]
    # Form 0 stands for n == 1 only, so it may leave the number out; form 1 may not.
    assert format_problems(item, "case.po", line, plural_often=[False, True]) == expected


@needs_msgfmt
def test_only_the_first_problem_of_an_entry_is_reported(tmp_path: Path) -> None:
    item = polib.POEntry(
        msgid="one file in %s",
        msgid_plural="%d files in %s",
        msgstr_plural={0: "%s x", 1: "%d fichiers"},
        flags=["c-format"],
    )
    line = HEADER.count("\n") + 4
    expected = msgfmt_problems(tmp_path, str(item))
    assert expected == [
        f"case.po:{line}: format specifications in 'msgid_plural' and 'msgstr[0]' for "
        "argument 1 are not the same"
    ]
    assert format_problems(item, "case.po", line, plural_often=[False, True]) == expected


@needs_msgfmt
@pytest.mark.parametrize("forms", [("un %d", ""), ("", "%d x")])
def test_an_empty_form_is_checked_unless_it_is_the_first(
    forms: tuple[str, str], tmp_path: Path
) -> None:
    item = polib.POEntry(
        msgid="one %d",
        msgid_plural="%d files",
        msgstr_plural=dict(enumerate(forms)),
        flags=["c-format"],
    )
    line = HEADER.count("\n") + 4
    expected = msgfmt_problems(tmp_path, str(item))
    assert format_problems(item, "case.po", line, plural_often=[False, True]) == expected
    assert bool(expected) == bool(forms[0])


def test_without_the_plural_distribution_plural_forms_are_checked_leniently() -> None:
    item = polib.POEntry(
        msgid="one file",
        msgid_plural="%d files",
        msgstr_plural={0: "un fichier", 1: "%d fichiers"},
        flags=["c-format"],
    )
    assert format_problems(item, "x.po", 1) == []


def test_fuzzy_and_untranslated_entries_are_not_checked() -> None:
    fuzzy = polib.POEntry(msgid="%d", msgstr="%s", flags=["fuzzy", "c-format"])
    untranslated = polib.POEntry(msgid="%d", msgstr="", flags=["c-format"])
    no_forms = polib.POEntry(msgid="%d", msgid_plural="%d", msgstr_plural={}, flags=["c-format"])
    for item in (fuzzy, untranslated, no_forms):
        assert format_problems(item, "x.po", 1) == []


def test_c_directive_spans_cover_the_whole_directive() -> None:
    parsed = parse("c", "'%.*s' is 100%% and %1$-5ld")
    assert parsed is not None
    assert [(d.start, d.end) for d in parsed.directives] == [(1, 5), (13, 15), (20, 27)]


def test_spans_stop_at_the_first_syntax_error_which_is_marked_invalid() -> None:
    parsed = parse("c", "%s %y %d")
    assert parsed is not None and parsed.error is not None
    assert parsed.directives == [Directive(0, 2), Directive(3, 5, valid=False)]


def test_spans_come_from_the_first_possible_format_language_only() -> None:
    # gettext's order of languages, not the flags' order: C first, whose parse fails at "(".
    assert directive_language(["python-format", "c-format"]) == "c"
    assert directive_spans("c", "%(x)s", False) == [Directive(0, 2, valid=False)]
    assert directive_spans("python", "%(x)s", False) == [Directive(0, 5)]
    assert directive_language(["no-c-format"]) is None
    assert directive_language(["possible-c-format"]) == "c"
    assert directive_spans(None, "%s", False) == []
    assert directive_spans("lisp", "~a", False) == []  # a language not covered


def test_a_language_not_covered_is_not_checked() -> None:
    assert parse("lisp", "~a") is None
    assert format_problems(entry("lisp-format", "~a", "~a ~a"), "x.po", 1) == []


RUSSIAN = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);"
)


def test_plural_distribution_is_msgfmts() -> None:
    assert plural_often("nplurals=2; plural=(n != 1);") == [False, True]
    assert plural_often(RUSSIAN) == [True, True, True]  # 1, 21, 31, ... are many numbers
    assert plural_often("nplurals=3; plural=n==1 ? 0 : n==2 ? 1 : 2;") == [False, False, True]
    assert plural_often(None) == [False, True]  # no header: the Germanic formula
    assert plural_often("nplurals=2; plural=n/0;") is None


@needs_msgfmt
@pytest.mark.parametrize("flags", [["c-format"], ["c-format", "range: 1..5"]])
def test_russian_forms_must_all_use_the_number_unless_a_small_range(
    flags: list[str], tmp_path: Path
) -> None:
    item = polib.POEntry(
        msgid="%d file",
        msgid_plural="%d files",
        msgstr_plural={0: "один файл", 1: "%d файла", 2: "%d файлов"},
        flags=flags,
    )
    header = HEADER.replace("nplurals=2; plural=(n != 1);", RUSSIAN)
    line = header.count("\n") + 4
    expected = msgfmt_problems(tmp_path, str(item), header)
    assert format_problems(item, "case.po", line, plural_often(RUSSIAN)) == expected
    assert bool(expected) == (len(flags) == 1)


PIECES = {
    "c-format": [
        *("%d", "%s", "%ld", "%5.2f", "%.*s", "%1$d", "%2$s", "%3$s", "%0$d", "%%", "%5%"),
        *("%-5d", "%'d", "%#x", "%lc", "%zu", "%*d", "%*1$d", "%<PRId64>", "%hhd", "%Lf"),
        *("%m", "%y", "%", "text"),
    ],
    "python-format": [
        *("%d", "%s", "%r", "%c", "%(a)s", "%(b)d", "%(a)d", "%(a)%", "%(a)", "%(", "%%"),
        *("%*d", "%(a)*d", "%-5s", "%.2f", "%l", "%q", "text"),
    ],
    "python-brace-format": [
        *("{a}", "{b}", "{0}", "{a.x}", "{a[0]}", "{a:>10}", "{a:{b}}", "{a:x<5d}", "{0:%}"),
        *("{{", "}}", "{", "}", "{a.}", "{a[}", "{a!r}", "{}", "{a:{b:{c}}}", "text"),
    ],
    "sh-format": ["$a", "${b}", "${a_1}", "$_x", "$5", "${1}", "${a-x}", "${a:b}", "$", "text"],
}


@needs_msgfmt
@pytest.mark.parametrize("seed", range(3))
def test_random_translations_are_accepted_and_rejected_as_msgfmt_does(
    seed: int, tmp_path: Path
) -> None:
    chooser = random.Random(seed)
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for number in range(300):
        flag = chooser.choice(list(PIECES))
        msgid, msgstr = (
            " ".join(chooser.choices(PIECES[flag], k=chooser.randint(0, 3))) for _ in range(2)
        )
        po.append(polib.POEntry(msgid=f"{number}: {msgid}", msgstr=msgstr or "-", flags=[flag]))
    text = format_po(po)
    msgstr_lines = [i for i, line in enumerate(text.split("\n"), 1) if line.startswith("msgstr")]
    ours = [
        problem
        for entry, line in zip(po, msgstr_lines[1:], strict=True)
        for problem in format_problems(entry, "case.po", line)
    ]
    theirs = msgfmt_problems(tmp_path, text, header="")
    assert ours == theirs
    assert 30 < len(theirs) < 270  # both accepted and rejected translations were tried
