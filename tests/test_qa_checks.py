"""Each check on real sentences: what it must flag and what it must let pass.

The sources are paragraphs of the seed article; the correct translations are human-quality ones
from tests/fixtures/qa/seed-translations.json, the wrong ones are those with typical machine errors.
"""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from pipeline.glossary import Glossary, Term
from pipeline.provenance import Provenance, digest, write_provenance
from pipeline.qa import CHECKS, ERROR, WARNING, findings_for_entry
from pipeline.qa.checks.fluency import repeated_phrase

SEED = json.loads(
    (Path(__file__).parent / "fixtures" / "qa" / "seed-translations.json").read_text("utf-8")
)
TITLE, CAPTION, SIGNING, GOALS, PARTS, CSTO, SPACE = (SEED[i] for i in range(7))
IMMUNITIES, VISIT = SEED[11], SEED[12]


def flagged(source: str, target: str, lang: str, **options: object) -> set[str]:
    """Names of the checks that flag ``target`` as a translation of ``source`` into ``lang``."""
    entry = polib.POEntry(msgid=source, msgstr=target)
    return {f.check for f in findings_for_entry(entry, "es", lang, **options)}


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("pair", SEED, ids=[p["es"][:20] for p in SEED])
def test_correct_translations_of_the_seed_article_pass(pair: dict[str, str], lang: str) -> None:
    assert flagged(pair["es"], pair[lang], lang) == set()


def test_every_check_has_a_name_a_severity_and_a_message() -> None:
    for name, check in CHECKS.items():
        assert check.name == name
        assert check.severity in (ERROR, WARNING)
        assert check.message and not check.message.endswith(".")


# --- numbers -------------------------------------------------------------------------------------


def test_numbers_flags_a_changed_day() -> None:
    wrong = VISIT["en"].replace("11 and 12 November", "11 and 21 November")
    assert "numbers" in flagged(VISIT["es"], wrong, "en")


def test_numbers_accepts_a_date_range_written_in_russian_style() -> None:
    assert "11–12 ноября" in VISIT["ru"]
    assert "numbers" not in flagged(VISIT["es"], VISIT["ru"], "ru")


def test_numbers_names_the_missing_number_as_the_source_writes_it() -> None:
    entry = polib.POEntry(
        msgid="Asistieron unos 3.500 invitados.", msgstr="Some 3.500 guests came."
    )
    (finding,) = findings_for_entry(entry, "es", "en")
    assert finding.check == "numbers" and finding.severity == ERROR
    assert finding.message.endswith(": 3.500")


EXPORTS = "Las exportaciones subieron un 3,5 % y las importaciones un 20 %."


@pytest.mark.parametrize(
    ("lang", "target"),
    [
        ("en", "Exports rose 3.5% and imports 20%."),
        ("ru", "Экспорт вырос на 3,5\u00a0%, импорт на 20\u00a0%."),
    ],
)
def test_numbers_accepts_percentages_in_the_target_locale_pattern(lang: str, target: str) -> None:
    assert flagged(EXPORTS, target, lang) == set()


@pytest.mark.parametrize(
    ("lang", "target"),
    [
        ("en", "Exports rose 5.3% and imports 20%."),
        ("ru", "Экспорт вырос на 3,5\u00a0%, импорт на 2\u00a0%."),
    ],
)
def test_numbers_flags_a_wrong_figure_in_a_localised_percentage(lang: str, target: str) -> None:
    assert "numbers" in flagged(EXPORTS, target, lang)


# --- glossary and acronyms ---------------------------------------------------------------------

RU_GLOSSARY = Glossary((Term("Kremlin", "Кремль"), Term("kremlin.ru", "kremlin.ru")))


def test_glossary_accepts_an_inflected_russian_target() -> None:
    assert "в Кремле" in SIGNING["ru"]
    assert "glossary" not in flagged(SIGNING["es"], SIGNING["ru"], "ru", glossary=RU_GLOSSARY)


def test_glossary_flags_a_term_translated_otherwise() -> None:
    wrong = SIGNING["ru"].replace("в Кремле", "в Москве")
    assert "glossary" in flagged(SIGNING["es"], wrong, "ru", glossary=RU_GLOSSARY)


def test_glossary_flags_a_never_translated_term_that_was_translated() -> None:
    assert "glossary" not in flagged(CAPTION["es"], CAPTION["ru"], "ru", glossary=RU_GLOSSARY)
    wrong = "Фото с сайта Кремля"
    assert "glossary" in flagged(CAPTION["es"], wrong, "ru", glossary=RU_GLOSSARY)


def test_acronyms_accepts_translated_acronyms() -> None:
    assert "(UN)" in PARTS["en"] and "(ООН)" in PARTS["ru"]
    assert "acronyms" not in flagged(PARTS["es"], PARTS["en"], "en")
    assert "acronyms" not in flagged(PARTS["es"], PARTS["ru"], "ru")


def test_acronyms_flags_a_dropped_acronym() -> None:
    wrong = CSTO["en"].replace(" (CSTO)", "")
    assert "acronyms" in flagged(CSTO["es"], wrong, "en")


def test_acronyms_takes_roman_numerals_for_numbers_not_acronyms() -> None:
    source = "Es el mayor acuerdo del siglo XXI entre los dos países."
    assert "acronyms" not in flagged(
        source, "It is the largest agreement of the 21st century.", "en"
    )


# --- omission and addition -----------------------------------------------------------------------


def test_omission_flags_a_dropped_sentence() -> None:
    first_two = " ".join(VISIT["en"].split(". ")[:2]) + "."
    assert "omission" in flagged(VISIT["es"], first_two, "en")


def test_a_different_sentence_split_of_the_same_text_passes() -> None:
    split = SIGNING["en"].replace(
        "took place in the Kremlin immediately after",
        "took place in the Kremlin. It came right after",
    )
    merged = GOALS["en"].replace("Moscow. In his words,", "Moscow, saying that")
    assert flagged(SIGNING["es"], split, "en") == set()
    assert flagged(GOALS["es"], merged, "en") == set()


def test_addition_flags_an_invented_sentence() -> None:
    padded = (
        IMMUNITIES["en"] + " This is an important step for both countries, which have been close"
        " allies and partners for many years in every field of their relations."
    )
    assert "addition" in flagged(IMMUNITIES["es"], padded, "en")


# --- repetition and untranslated spans -----------------------------------------------------------


@pytest.mark.parametrize(
    "loop",
    [
        "the the the main goals",
        "the main goals of the visit of the visit of the visit",
    ],
)
def test_repetition_flags_a_loop(loop: str) -> None:
    wrong = GOALS["en"].replace("the main goals", loop)
    assert "repetition" in flagged(GOALS["es"], wrong, "en")


@pytest.mark.parametrize(
    ("words", "phrase"),
    [
        ("a b c a b c a b c", "a b c"),  # the loop ends the text exactly
        ("x a b a b a b", "a b"),
        ("a b a b c a b", None),  # twice, then broken: no loop
        ("a a b a a b a a", None),  # the third copy is cut short by the end
        (" ".join(["one two three four five six"] * 3), "one two three four five six"),
        (" ".join(["a b c d e f g"] * 3), None),  # seven words: longer than a loop is looked for
    ],
)
def test_repeated_phrase_finds_three_copies_in_a_row_of_up_to_six_words(
    words: str, phrase: str | None
) -> None:
    assert repeated_phrase(words.split()) == (phrase.split() if phrase else None)


def test_repetition_passes_a_repetition_the_source_has() -> None:
    source = "«¡Nunca, nunca, nunca!», repitió el presidente."
    assert "repetition" not in flagged(
        source, "“Never, never, never!” the president repeated.", "en"
    )


def test_untranslated_flags_copied_spanish() -> None:
    wrong = (
        "The parties also confirmed that las obligaciones internacionales relativas a las "
        "inmunidades of states and their property, including sovereign reserves, must be "
        "strictly observed."
    )
    assert "untranslated" in flagged(IMMUNITIES["es"], wrong, "en")


def test_untranslated_passes_names_kept_as_written() -> None:
    source = "El concierto de gala tuvo lugar en el Teatro Bolshói de Moscú."
    target = "Гала-концерт прошёл в Teatro Bolshói de Moscú, как его называют испанцы."
    assert "untranslated" not in flagged(source, target, "ru")


# --- language and script -------------------------------------------------------------------------


def test_language_flags_cyrillic_in_english() -> None:
    wrong = TITLE["en"].replace("Putin", "Путин")
    assert "language" in flagged(TITLE["es"], wrong, "en")


def test_language_flags_latin_prose_in_russian() -> None:
    wrong = SPACE["ru"].replace(
        "будут продолжать совместные усилия", "continue joint efforts to prevent"
    )
    assert "language" in flagged(SPACE["es"], wrong, "ru")


def test_language_flags_spanish_left_in_english() -> None:
    wrong = "The presidents de Rusia y Kazajistán signed la Declaración en el Kremlin."
    assert "language" in flagged(SIGNING["es"], wrong, "en")


def test_language_passes_latin_names_and_addresses_in_russian() -> None:
    assert "kremlin.ru" in CAPTION["ru"]
    source = "Ambos líderes asistieron al Teatro Bolshói."
    assert "language" not in flagged(source, "Оба лидера посетили Teatro Bolshói.", "ru")


# --- quotes, brackets and punctuation ------------------------------------------------------------


def test_balance_flags_a_lost_closing_quote() -> None:
    wrong = GOALS["en"].rstrip("”")
    assert "balance" in flagged(GOALS["es"], wrong, "en")


def test_balance_passes_a_quotation_left_open_in_the_source() -> None:
    # A quotation running over several paragraphs opens in each and closes only in the last.
    source = "«Continuaremos trabajando juntos en todas las direcciones."
    assert "balance" not in flagged(
        source, "«Мы продолжим работать вместе по всем направлениям.", "ru"
    )


@pytest.mark.parametrize(
    ("lang", "target"),
    [
        ("en", "Both countries will also «continue joint efforts», the text says."),
        ("en", 'Both countries will also "continue joint efforts", the text says.'),
        ("ru", "Обе страны также “продолжат совместные усилия”, говорится в тексте."),
    ],
)
def test_quotes_flags_marks_of_another_style(lang: str, target: str) -> None:
    source = "Ambos países también «continuarán los esfuerzos conjuntos», se indica en el texto."
    assert "quotes" in flagged(source, target, lang)


def test_quotes_passes_russian_inner_quotes() -> None:
    source = "El texto dice: «la “asociación” es estratégica»."
    assert (
        flagged(source, "В тексте сказано: «„партнёрство“ носит стратегический характер».", "ru")
        == set()
    )


def test_punctuation_flags_a_question_turned_statement() -> None:
    assert "punctuation" in flagged(
        "¿Qué dijo Tokáev en Moscú?", "What did Tokayev say in Moscow.", "en"
    )


def test_punctuation_flags_spanish_marks_left_in_the_translation() -> None:
    assert "punctuation" in flagged(
        "¿Qué dijo Tokáev en Moscú?", "¿What did Tokayev say in Moscow?", "en"
    )


def test_punctuation_flags_a_headline_that_gained_a_full_stop() -> None:
    assert "punctuation" in flagged(TITLE["es"], TITLE["en"] + ".", "en")


def test_punctuation_passes_a_full_stop_moved_inside_the_quotes() -> None:
    assert GOALS["es"].endswith("».") and GOALS["en"].endswith(".”")
    assert "punctuation" not in flagged(GOALS["es"], GOALS["en"], "en")


def test_punctuation_passes_an_exclamation_with_inverted_marks_dropped() -> None:
    assert "punctuation" not in flagged("¡Qué visita histórica!", "What a historic visit!", "en")


# --- untranslated and whitespace ----------------------------------------------------------------


@pytest.mark.parametrize("msgstr", ["", " ", "  \n"])
def test_an_untranslated_entry_has_no_findings_whitespace_being_no_translation(msgstr: str) -> None:
    assert findings_for_entry(polib.POEntry(msgid=CAPTION["es"], msgstr=msgstr), "es", "en") == []


def test_whitespace_flags_a_lost_trailing_newline() -> None:
    assert "whitespace" in flagged(CAPTION["es"] + "\n", CAPTION["en"], "en")
    assert "whitespace" not in flagged(CAPTION["es"] + "\n", CAPTION["en"] + "\n", "en")


# --- stale pivot ---------------------------------------------------------------------------------


def russian_draft(drafted_from: str) -> polib.POEntry:
    entry = polib.POEntry(msgid=CAPTION["es"], msgstr=CAPTION["ru"], flags=["fuzzy"])
    record = Provenance(
        engine="argos",
        route=("es", "en", "ru"),
        packages=("translate-es_en@1.9", "translate-en_ru@1.9"),
        src=digest(CAPTION["es"]),
        out=digest(CAPTION["ru"]),
        pivot=digest(drafted_from),
    )
    write_provenance(entry, record)
    return entry


def test_stale_flags_a_draft_whose_english_changed() -> None:
    entry = russian_draft("Photo: kremlin.ru")
    checks = {f.check for f in findings_for_entry(entry, "es", "ru", pivot_text=CAPTION["en"])}
    assert checks == {"stale"}


def test_stale_passes_a_draft_of_the_current_english() -> None:
    entry = russian_draft(CAPTION["en"])
    assert findings_for_entry(entry, "es", "ru", pivot_text=CAPTION["en"]) == []


# --- check-ignore --------------------------------------------------------------------------------


def test_check_ignore_silences_the_checks_it_names() -> None:
    wrong = CSTO["en"].replace(" (CSTO)", "").replace("the key role", "the key “role")
    entry = polib.POEntry(
        msgid=CSTO["es"], msgstr=wrong, tcomment="check-ignore: acronyms, balance"
    )
    assert findings_for_entry(entry, "es", "en") == []


def test_check_ignore_with_an_unknown_name_is_reported() -> None:
    entry = polib.POEntry(
        msgid=CAPTION["es"], msgstr=CAPTION["en"], tcomment="check-ignore: nubmers"
    )
    (finding,) = findings_for_entry(entry, "es", "en")
    assert finding.check == "ignore" and "nubmers" in finding.message


# --- bidi controls -------------------------------------------------------------------------------


def test_bidi_flags_an_override_naming_its_code_point() -> None:
    entry = polib.POEntry(msgid="Precio: 100 euros.", msgstr="Price: \u202e100 euros.")
    (finding,) = findings_for_entry(entry, "es", "en")
    assert finding.check == "bidi" and finding.severity == ERROR
    assert finding.message.endswith(": U+202E RIGHT-TO-LEFT OVERRIDE")


@pytest.mark.parametrize("char", ["\u202a", "\u202c", "\u2066", "\u2069"])
def test_bidi_flags_embeddings_and_isolates_even_when_the_source_has_them(char: str) -> None:
    assert "bidi" in flagged(f"Hola{char} mundo.", f"Hello{char} world.", "en")


def test_bidi_flags_a_direction_mark_only_when_the_source_has_none() -> None:
    assert "bidi" in flagged("Hola mundo.", "Hello\u200f world.", "en")
    assert "bidi" not in flagged("Hola\u200f mundo.", "Hello\u200f world.", "en")


LINKED = 'Según [la agencia](https://aemet.es/avisos "Agencia de meteorología"), escriba a a@b.es.'


def test_addresses_lets_a_link_with_its_title_translated_pass() -> None:
    target = 'According to [the agency](https://aemet.es/avisos "Weather agency"), write to a@b.es.'
    assert "addresses" not in flagged(LINKED, target, "en")


def test_addresses_flags_a_link_whose_destination_changed_or_went_missing() -> None:
    changed = (
        'According to [the agency](https://aemet.es/warnings "Weather agency"), write to a@b.es.'
    )
    dropped = "According to the agency, write to a@b.es."
    assert "addresses" in flagged(LINKED, changed, "en")
    assert "addresses" in flagged(LINKED, dropped, "en")


def test_addresses_names_what_is_missing_as_the_source_writes_it() -> None:
    entry = polib.POEntry(msgid=LINKED, msgstr="According to the agency, write to them.")
    found = [f for f in findings_for_entry(entry, "es", "en") if f.check == "addresses"]
    assert [f.message.rsplit(": ", 1)[-1] for f in found] == ["https://aemet.es/avisos, a@b.es"]
