import re
from pathlib import Path

import pytest

from pipeline.protect import Placeholder, localise_numbers, protect, restore
from pipeline.segment import load_document
from pipeline.sentences import split_sentences

SEED = Path(__file__).resolve().parent.parent / "seeds" / "rusia-kazajistan-alianza.txt"


def hidden(text: str, terms: list[tuple[str, str]] | None = None) -> list[str]:
    """The source texts that protect masks in ``text``."""
    return [p.source for p in protect(text, terms or []).placeholders]


def test_placeholders_are_numbered_in_order_of_appearance() -> None:
    protected = protect("Escriba a info@kremlin.ru o visite https://kremlin.ru hoy.")
    assert protected.text == "Escriba a ZXQ1 o visite ZXQ2 hoy."
    assert protected.placeholders == (
        Placeholder("ZXQ1", "info@kremlin.ru", "info@kremlin.ru"),
        Placeholder("ZXQ2", "https://kremlin.ru", "https://kremlin.ru"),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Véase https://kremlin.ru/events/president/news/1.html.",
            ["https://kremlin.ru/events/president/news/1.html"],
        ),
        ("(en www.kremlin.ru/acts), dijo", ["www.kremlin.ru/acts"]),
        (
            "Ver https://es.wikipedia.org/wiki/Rusia_(país).",
            ["https://es.wikipedia.org/wiki/Rusia_(país)"],
        ),
        ("Foto del sitio kremlin.ru", ["kremlin.ru"]),
        ("Frutas, p.ej. manzanas, a las 3 a.m. etc.", []),
    ],
)
def test_urls_and_bare_domains_leave_out_the_punctuation_after_them(
    text: str, expected: list[str]
) -> None:
    assert hidden(text) == expected


def test_email_addresses_are_masked_without_the_final_period() -> None:
    assert hidden("Escriba a prensa.kremlin@gov.ru.") == ["prensa.kremlin@gov.ru"]


def test_numbers_with_groups_or_decimals_are_masked_and_plain_integers_are_not() -> None:
    text = "El 3,5 % de 1.500,25 y 10\u00a0000 rublos, el 11.12.2024, los días 11 y 12 de 2024."
    assert hidden(text) == ["3,5 %", "1.500,25", "10\u00a0000", "11.12.2024"]


@pytest.mark.parametrize("percentage", ["3,5 %", "3,5%", "3,5\u00a0%", "20 %", "100%", "1.500 %"])
def test_a_percentage_is_one_unit_with_its_sign_integer_or_not(percentage: str) -> None:
    assert hidden(f"subió un {percentage} en 2024.") == [percentage]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "3.5% and 20%"),
        ("ru", "3,5\u00a0% and 20\u00a0%"),
        ("es", "3,5\u00a0% and 20\u00a0%"),
    ],
)
def test_a_percentage_restores_in_the_target_locale_cldr_pattern(lang: str, expected: str) -> None:
    protected = localise_numbers(protect("un 3,5 % y 20%"), "es", lang)
    assert restore("ZXQ1 and ZXQ2", protected).text == expected


def test_terms_restore_to_their_target() -> None:
    terms = [("Unión Económica Euroasiática", "Eurasian Economic Union"), ("ONU", "UN")]
    protected = protect("la Unión Económica Euroasiática y la ONU", terms)
    assert protected.text == "la ZXQ1 y la ZXQ2"
    translated = "the ZXQ1 and the ZXQ2"
    assert restore(translated, protected).text == "the Eurasian Economic Union and the UN"


def test_term_never_translated_restores_as_written_with_its_no_break_spaces() -> None:
    protected = protect("al Teatro\u00a0Bolshói", [("Teatro Bolshói", "Teatro Bolshói")])
    assert restore("to the ZXQ1", protected).text == "to the Teatro\u00a0Bolshói"


def test_overlapping_occurrences_keep_the_longest() -> None:
    terms = [("Unión", "Union"), ("Unión Económica Euroasiática", "EAEU")]
    assert hidden("la Unión Económica Euroasiática", terms) == ["Unión Económica Euroasiática"]


def test_url_wins_over_a_term_inside_it() -> None:
    assert hidden("en https://kremlin.ru/Kremlin hoy", [("Kremlin", "Кремль")]) == [
        "https://kremlin.ru/Kremlin"
    ]


def test_text_that_already_looks_like_a_placeholder_comes_back_as_written() -> None:
    text = "El código ZXQ1 y kremlin.ru"
    protected = protect(text)
    assert restore(protected.text, protected).text == text


@pytest.mark.parametrize("returned", ["ZXQ1", "ZXQ 1", "Z XQ 1", "zxq1", "Zxq1"])
def test_restore_tolerates_spacing_and_case_changes_inside_a_placeholder(returned: str) -> None:
    protected = protect("sitio kremlin.ru hoy")
    restored = restore(f"site {returned} today", protected)
    assert restored.text == "site kremlin.ru today"
    assert restored.complete


def test_restore_tolerates_spaces_removed_around_a_placeholder() -> None:
    protected = protect("el 3,5 % de 1.500")
    assert restore("theZXQ1 ofZXQ2", protected).text == "the3,5 % of1.500"


def test_lost_placeholder_is_reported_not_appended() -> None:
    protected = protect("Visite kremlin.ru y escriba a info@kremlin.ru.")
    restored = restore("Visit ZXQ1 and write.", protected)
    assert restored.text == "Visit kremlin.ru and write."
    assert restored.lost == (Placeholder("ZXQ2", "info@kremlin.ru", "info@kremlin.ru"),)
    assert not restored.complete


def test_duplicated_placeholder_is_reported_and_each_copy_restored() -> None:
    protected = protect("el sitio kremlin.ru")
    restored = restore("the site ZXQ1 (ZXQ1)", protected)
    assert restored.text == "the site kremlin.ru (kremlin.ru)"
    assert [p.token for p in restored.duplicated] == ["ZXQ1"]
    assert restored.lost == ()


def test_placeholder_never_made_is_reported_and_left_alone() -> None:
    protected = protect("el sitio kremlin.ru")
    restored = restore("the site ZXQ1 ZXQ7", protected)
    assert restored.text == "the site kremlin.ru ZXQ7"
    assert restored.unexpected == ("ZXQ7",)


def test_term_ending_a_sentence_leaves_its_period_to_the_sentence() -> None:
    text = "Llegó a EE. UU. Luego fue a EE. UU. el lunes. Vive en EE. UU."
    protected = protect(text, [("EE. UU.", "US")])
    assert protected.text == "Llegó a ZXQ1. Luego fue a ZXQ2 el lunes. Vive en ZXQ3."
    translated = "He came to ZXQ1. Then he went to ZXQ2 on Monday. He lives in ZXQ3."
    expected = "He came to US. Then he went to US on Monday. He lives in US."
    assert restore(translated, protected).text == expected


def test_target_with_its_own_final_period_gets_one_period_at_a_sentence_end() -> None:
    protected = protect("Llegó a EE. UU. Luego se fue.", [("EE. UU.", "U.S.")])
    assert restore("He came to the ZXQ1. Then he left.", protected).text == (
        "He came to the U.S. Then he left."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Llegó a EE. UU. Luego fue a EE. UU. el lunes.",
        "Escriba a info@kremlin.ru. Bien. Visite kremlin.ru. ¿Y tú?",
        "Cuesta aprox. 1.500 pesos. Vale 2,5. 3,5 más. «Dijo EE. UU.» Luego.",
        "Véase la pág. 12.500 del informe. Fin.",
        "En la ONU. Luego, la ONU habló de la OTSC.",
    ],
)
def test_masking_keeps_the_sentences(text: str) -> None:
    terms = [("EE. UU.", "US"), ("ONU", "UN"), ("OTSC", "CSTO")]
    masked = protect(text, terms).text
    assert len(split_sentences(masked, "es")) == len(split_sentences(text, "es"))


def test_seed_paragraphs_round_trip_and_keep_their_sentences() -> None:
    terms = [
        ("Kremlin", "Kremlin"),
        (
            "Organización del Tratado de Seguridad Colectiva",
            "Collective Security Treaty Organization",
        ),
        ("OTSC", "CSTO"),
        ("kremlin.ru", "kremlin.ru"),
    ]
    for segment in load_document(SEED).segments:
        protected = protect(segment.text, terms)
        sentences = split_sentences(segment.text, "es")
        assert len(split_sentences(protected.text, "es")) == len(sentences)
        restored = restore(protected.text, protected)
        assert restored.complete
        assert (
            restored.text.replace("CSTO", "OTSC").replace(
                "Collective Security Treaty Organization",
                "Organización del Tratado de\u00a0Seguridad Colectiva",
            )
            == segment.text
        )


def test_empty_text() -> None:
    protected = protect("")
    assert protected.text == "" and protected.placeholders == ()
    assert restore("", protected).complete


@pytest.mark.parametrize(
    "text",
    [
        "El **río** crece.",
        "**1.500,75** euros y _3,5_ %.",
        "[el sitio](http://x.org/a)lo dice, <b>aquí</b>.",
    ],
)
def test_markup_against_a_word_is_spaced_off_for_the_model_and_glued_back(text: str) -> None:
    from pipeline.sources.markdown import verbatim_spans

    protected = protect(text, verbatim=verbatim_spans(text))
    # no placeholder touches a letter or digit: the model sees whole words
    assert re.search(r"[^\W_]ZXQ|ZXQ\d+[^\W\d_]", protected.text) is None
    assert restore(protected.text, protected).text == text


def _titled(text: str, translated_title: str, title: str) -> str:
    from pipeline.sources.markdown import verbatim_spans

    protected = protect(text, verbatim=verbatim_spans(text))
    return restore(protected.text.replace(title, translated_title), protected).text


def test_a_quote_mark_the_model_puts_in_a_link_title_is_escaped_so_the_link_stays_one() -> None:
    from markdown_it import MarkdownIt

    text = 'Vea [la agencia](https://aemet.es "Agencia estatal").'
    restored = _titled(text, 'The "AEMET" agency', "Agencia estatal")
    assert restored == 'Vea [la agencia](https://aemet.es "The \\"AEMET\\" agency").'
    link = MarkdownIt("commonmark").parseInline(restored)[0].children[1]
    assert link.type == "link_open" and link.attrs["title"] == 'The "AEMET" agency'


def test_a_title_in_single_quotes_or_parentheses_escapes_its_own_closing_mark() -> None:
    single = _titled("Vea [a](u.html 'Sitio').", "The site's page", "Sitio")
    assert single == "Vea [a](u.html 'The site\\'s page')."
    parenthesised = _titled("Vea [a](u.html (Sitio)).", "Site (old)", "Sitio")
    assert parenthesised == "Vea [a](u.html (Site \\(old\\)))."


def test_a_quote_mark_already_escaped_or_outside_a_title_is_left_as_it_is() -> None:
    restored = _titled('Dijo "sí" en [a](u.html "T").', 'A \\"B\\" C', "T")
    assert restored == 'Dijo "sí" en [a](u.html "A \\"B\\" C").'
