"""One entry as a translation unit: its state, marks, comments and words (pipeline.units)."""

from __future__ import annotations

import polib
import pytest

from pipeline.drafts import Reason, draft_reason
from pipeline.provenance import Provenance, digest
from pipeline.units import (
    State,
    ignored_checks,
    is_draft,
    is_fuzzy,
    is_reviewed,
    is_translated,
    live_entries,
    mark_fuzzy,
    mark_reviewed,
    percent_of,
    previous_source,
    read_provenance,
    set_machine_draft,
    state,
    word_count,
)

RECORD = Provenance(
    engine="argos",
    route=("es", "en"),
    packages=("translate-es_en@1.9",),
    src=digest("Hola."),
    out=digest("Hello."),
)


def entry(msgstr: str = "", fuzzy: bool = False, **kw: object) -> polib.POEntry:
    return polib.POEntry(msgid="Hola.", msgstr=msgstr, flags=["fuzzy"] if fuzzy else [], **kw)


@pytest.mark.parametrize(
    ("msgstr", "fuzzy", "expected"),
    [
        ("", False, State.UNTRANSLATED),
        ("", True, State.UNTRANSLATED),
        ("Hello.", True, State.DRAFT),
        ("Hello.", False, State.REVIEWED),
    ],
)
def test_state_follows_the_translation_and_the_fuzzy_flag(
    msgstr: str, fuzzy: bool, expected: State
) -> None:
    assert state(entry(msgstr, fuzzy)) is expected


@pytest.mark.parametrize("msgstr", [" ", "\u00a0", "\n", " \t\n "])
@pytest.mark.parametrize("fuzzy", [False, True])
def test_a_whitespace_only_translation_is_untranslated(msgstr: str, fuzzy: bool) -> None:
    unit = entry(msgstr, fuzzy)
    assert state(unit) is State.UNTRANSLATED
    assert not is_translated(unit) and not is_draft(unit) and not is_reviewed(unit)


def test_a_single_space_translation_gets_a_machine_draft_like_an_empty_one() -> None:
    assert draft_reason(entry(" ")) is Reason.UNTRANSLATED


def test_predicates_agree_with_the_state() -> None:
    draft, reviewed = entry("Hello.", fuzzy=True), entry("Hello.")
    assert is_draft(draft) and not is_reviewed(draft) and is_translated(draft)
    assert is_reviewed(reviewed) and not is_draft(reviewed) and is_translated(reviewed)


def test_a_plural_entry_is_translated_only_when_every_form_is() -> None:
    unit = polib.POEntry(msgid="un día", msgid_plural="%d días", msgstr_plural={0: "day", 1: " "})
    assert state(unit) is State.UNTRANSLATED
    unit.msgstr_plural[1] = "%d days"
    assert state(unit) is State.REVIEWED


def test_live_entries_leave_obsolete_ones_out() -> None:
    po = polib.POFile()
    po.extend([entry("Hello."), polib.POEntry(msgid="Adiós.", msgstr="Bye.", obsolete=True)])
    assert [e.msgid for e in live_entries(po)] == ["Hola."]


def test_mark_fuzzy_flags_once() -> None:
    unit = entry("Hello.")
    mark_fuzzy(unit)
    mark_fuzzy(unit)
    assert unit.flags == ["fuzzy"] and is_fuzzy(unit) and is_draft(unit)


def test_mark_reviewed_drops_fuzzy_and_previous_source_and_keeps_comments() -> None:
    unit = entry("Helo.", fuzzy=True, previous_msgid="Hola", tcomment="check-ignore: numbers")
    mark_reviewed(unit, "Hello.")
    assert (unit.msgstr, unit.flags, previous_source(unit)) == ("Hello.", [], None)
    assert is_reviewed(unit) and unit.tcomment == "check-ignore: numbers"


def test_mark_reviewed_without_a_translation_keeps_the_draft_text() -> None:
    unit = entry("Hello.", fuzzy=True)
    mark_reviewed(unit)
    assert unit.msgstr == "Hello." and is_reviewed(unit)


def test_previous_source_is_what_msgmerge_kept_or_none() -> None:
    assert previous_source(entry("Hello.", previous_msgid="Hola")) == "Hola"
    assert previous_source(entry("Hello.")) is None


def test_set_machine_draft_writes_a_fuzzy_draft_with_its_record() -> None:
    unit = entry("Old.", previous_msgid="Hola", tcomment="check-ignore: quotes")
    set_machine_draft(unit, "Hello.", RECORD)
    assert is_draft(unit) and previous_source(unit) is None
    assert read_provenance(unit) == RECORD and RECORD.made(unit.msgstr)
    assert ignored_checks(unit) == {"quotes"}


def test_ignored_checks_read_every_check_ignore_line() -> None:
    unit = entry(
        "Hello.", tcomment="a note\ncheck-ignore: numbers, quotes\n check-ignore: glossary"
    )
    assert ignored_checks(unit) == {"numbers", "quotes", "glossary"}
    assert ignored_checks(entry("Hello.")) == frozenset()


def test_word_count_skips_dashes_and_lone_punctuation_and_splits_at_no_break_spaces() -> None:
    assert word_count("Moscú y Astaná continuarán fortaleciendo la asociación.") == 7
    assert word_count("los días 11\u00a0y\u00a012 — «juntos»") == 6
    assert word_count("— ¿Sí? — dijo.") == 2


def test_percent_of_is_unrounded_and_zero_without_words() -> None:
    assert percent_of(5, 11) == pytest.approx(45.4545, abs=1e-3)
    assert percent_of(0, 0) == 0.0
