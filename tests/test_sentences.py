import random
from pathlib import Path

import pytest

from pipeline.segment import load_document
from pipeline.sentences import sentence_spans, split_sentences

SEED = Path(__file__).resolve().parent.parent / "seeds" / "rusia-kazajistan-alianza.txt"


def rebuild(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[str]]:
    """The text put back together from its spans and the gaps between them, and those gaps."""
    edges = [0, *(offset for span in spans for offset in span), len(text)]
    gaps = [text[edges[i] : edges[i + 1]] for i in range(0, len(edges), 2)]
    parts = [gaps[0]]
    for (start, end), gap in zip(spans, gaps[1:], strict=True):
        parts += [text[start:end], gap]
    return "".join(parts), gaps


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "El Sr. Pérez llegó a las 3 p. m. a EE. UU. Luego se fue.",
            ["El Sr. Pérez llegó a las 3 p. m. a EE. UU.", "Luego se fue."],
        ),
        (
            "El Dr. García y la Dra. López vinieron con la Sra. Ruiz. Ud. sabe.",
            ["El Dr. García y la Dra. López vinieron con la Sra. Ruiz.", "Ud. sabe."],
        ),
        (
            "Véase la pág. 12 y el núm. 3. Fue en 1990.",
            ["Véase la pág. 12 y el núm. 3.", "Fue en 1990."],
        ),
        (
            "Se reunieron a las 10 a. m. El lunes siguiente continuaron.",
            ["Se reunieron a las 10 a. m.", "El lunes siguiente continuaron."],
        ),
        ("Compró pan, leche, etc. Luego volvió.", ["Compró pan, leche, etc.", "Luego volvió."]),
        ("Todo salió bien. Después fuimos.", ["Todo salió bien.", "Después fuimos."]),
        ("Llegó Vladímir V. Putin. Habló.", ["Llegó Vladímir V. Putin.", "Habló."]),
        (
            "El PIB creció un 3,5 % y luego 2.7 puntos. Bien.",
            ["El PIB creció un 3,5 % y luego 2.7 puntos.", "Bien."],
        ),
        (
            "Esperó... y luego habló. Fin… Otra cosa.",
            ["Esperó... y luego habló.", "Fin…", "Otra cosa."],
        ),
        ("Trabaja en Telefónica S. A. desde 2001.", ["Trabaja en Telefónica S. A. desde 2001."]),
    ],
)
def test_spanish_abbreviations_initials_numbers_and_ellipsis(
    text: str, expected: list[str]
) -> None:
    assert split_sentences(text, "es") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bien. ¿Y tú? ¡Claro! Nos vemos.", ["Bien.", "¿Y tú?", "¡Claro!", "Nos vemos."]),
        ("Hola.¿Y tú?", ["Hola.", "¿Y tú?"]),
        ("¿Vienes? ¿No? Vale.", ["¿Vienes?", "¿No?", "Vale."]),
        # A lowercase word after ? or ! continues the sentence, as Spanish punctuation has it.
        (
            "¿Cuándo vuelves?, preguntó. ¡Ay! dijo ella.",
            ["¿Cuándo vuelves?, preguntó.", "¡Ay! dijo ella."],
        ),
        ("«¿Vienes?», preguntó. Sí.", ["«¿Vienes?», preguntó.", "Sí."]),
    ],
)
def test_spanish_questions_and_exclamations_are_sentences_of_their_own(
    text: str, expected: list[str]
) -> None:
    assert split_sentences(text, "es") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A quote that the sentence goes on after stays inside it, whatever ends the quote.
        ("Dijo «Hola.» y se fue. Después volvió.", ["Dijo «Hola.» y se fue.", "Después volvió."]),
        ("Gritó «¡Fuego!» y corrió.", ["Gritó «¡Fuego!» y corrió."]),
        # A quote of several sentences is one sentence; the next capital after it starts another.
        ("Dijo: «Hola. Adiós.» Luego se fue.", ["Dijo: «Hola. Adiós.»", "Luego se fue."]),
        ("Según él, «es una nueva era».  Bien.", ["Según él, «es una nueva era».", "Bien."]),
    ],
)
def test_spanish_quotes(text: str, expected: list[str]) -> None:
    assert split_sentences(text, "es") == expected


def test_no_break_spaces_count_as_spaces() -> None:
    text = "Llegó el Sr.\u00a0Pérez a\u00a0las 10\u00a0a.\u00a0m.\u00a0Luego.\u00a0Otra cosa."
    assert split_sentences(text, "es") == [
        "Llegó el Sr.\u00a0Pérez a\u00a0las 10\u00a0a.\u00a0m.",
        "Luego.",
        "Otra cosa.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Smith went to the U.S. on Monday. He met Dr. Jones, e.g. at 3 p.m. Then he left.",
            [
                "Mr. Smith went to the U.S. on Monday.",
                "He met Dr. Jones, e.g. at 3 p.m.",
                "Then he left.",
            ],
        ),
        (
            "John F. Kennedy spoke. It cost 3.5 dollars... Really? Yes!",
            ["John F. Kennedy spoke.", "It cost 3.5 dollars...", "Really?", "Yes!"],
        ),
        ('He said "Hi. Bye." Then he left.', ['He said "Hi. Bye."', "Then he left."]),
    ],
)
def test_english(text: str, expected: list[str]) -> None:
    assert split_sentences(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Т. е. всё хорошо. Это было в 2020 г. в Москве.",
            ["Т. е. всё хорошо.", "Это было в 2020 г. в Москве."],
        ),
        (
            "Он живёт на ул. Ленина. В. В. Путин прибыл в Астану.",
            ["Он живёт на ул. Ленина.", "В. В. Путин прибыл в Астану."],
        ),
        (
            "Доход 5 млн руб. в год. Итого 3,5 млрд. Конец.",
            ["Доход 5 млн руб. в год.", "Итого 3,5 млрд.", "Конец."],
        ),
        ("См. рис. 5. Да.", ["См. рис. 5.", "Да."]),
        ("Он сказал: «Привет. Пока.» И ушёл.", ["Он сказал: «Привет. Пока.»", "И ушёл."]),
        (
            "Владимир В. Путин прибыл. Он сказал… Нет.",
            ["Владимир В. Путин прибыл.", "Он сказал…", "Нет."],
        ),
    ],
)
def test_russian(text: str, expected: list[str]) -> None:
    assert split_sentences(text, "ru") == expected


def test_unknown_language_falls_back_to_english() -> None:
    text = "Mr. Smith left. Bye."
    assert split_sentences(text, "xx") == split_sentences(text, "en") == ["Mr. Smith left.", "Bye."]


def test_regional_language_code_uses_its_base_language() -> None:
    assert split_sentences("Llegó el Sr. Pérez. Bien.", "es_ES") == ["Llegó el Sr. Pérez.", "Bien."]


@pytest.mark.parametrize("text", ["", "   ", "\n\u00a0\n"])
def test_empty_or_blank_text_has_no_sentences(text: str) -> None:
    assert sentence_spans(text, "es") == []


def test_spans_leave_out_surrounding_whitespace() -> None:
    text = "  Hola.\u00a0 Adiós. \n"
    assert sentence_spans(text, "es") == [(2, 7), (9, 15)]


def test_seed_article_has_22_sentences_matching_their_spans() -> None:
    paragraphs = [segment.text for segment in load_document(SEED).segments]
    per_paragraph = [sentence_spans(text, "es") for text in paragraphs]
    assert [len(spans) for spans in per_paragraph] == [1, 1, 2, 2, 2, 1, 2, 2, 1, 2, 2, 1, 3]
    sentences = [
        text[start:end]
        for text, spans in zip(paragraphs, per_paragraph, strict=True)
        for start, end in spans
    ]
    assert sentences == [
        sentence for text in paragraphs for sentence in split_sentences(text, "es")
    ]
    assert sentences[3] == (
        "La\u00a0ceremonia de\u00a0firma tuvo lugar en\u00a0el\u00a0Kremlin inmediatamente "
        "después de\u00a0las negociaciones de\u00a0los dos líderes."
    )
    assert sentences[5].startswith("Según sus palabras, este documento «abrirá")
    assert sentences[5].endswith("en\u00a0todas las direcciones».")
    assert sentences[-2].startswith("El\u00a0primer día")
    for text, spans in zip(paragraphs, per_paragraph, strict=True):
        assert rebuild(text, spans)[0] == text


FRAGMENTS = [
    "El Sr. Pérez llegó.", "¿Vienes?", "¡Claro!", "Dijo «Hola.» y se fue.", "Fin…", "a las 3 p. m.",
    "EE. UU.", "Т. е. всё хорошо.", "Mr. Smith left.", "3,5 %", "kremlin.ru", "«Adiós.»", "—dijo.",
    "Vladímir V. Putin", "1.500,25", "...", "(ONU).", "etc.", "¿", "»", ".",
]  # fmt: skip
WHITESPACE = [" ", "  ", "\u00a0", "\n", " \u00a0", "\t", ""]


@pytest.mark.parametrize("lang", ["es", "en", "ru"])
def test_spans_and_gaps_rebuild_any_text_exactly(lang: str) -> None:
    generator = random.Random(lang)
    for _ in range(150):
        pieces = generator.choices(FRAGMENTS, k=generator.randint(1, 8))
        text = "".join(piece + generator.choice(WHITESPACE) for piece in pieces)
        text = generator.choice(WHITESPACE) + text
        spans = sentence_spans(text, lang)
        rebuilt, gaps = rebuild(text, spans)
        assert rebuilt == text
        assert all(gap.isspace() or not gap for gap in gaps), (text, spans)
        assert all(start < end for start, end in spans), (text, spans)
        assert all(text[start:end] == text[start:end].strip() for start, end in spans)
