import random
import re
from pathlib import Path

import pysbd
import pytest
from pysbd.languages import LANGUAGE_CODES

from pipeline import pysbd_segmenter
from pipeline.segment import load_document

SEED = Path(__file__).resolve().parent.parent / "seeds" / "rusia-kazajistan-alianza.txt"

SENTENCES = {
    "es": [
        "El Sr. Pérez llegó a las 3 p. m. a EE. UU. y luego se fue.",
        "La Dra. López, p. ej., citó el art. 5 de la Const. en la pág. 12.",
        "Compró pan, leche, etc. Después volvió a casa...",
        "El PIB creció un 2.5 % en 2023; la Sra. Ruiz dijo: «No es poco.»",
        "Ud. sabe que el núm. 7 de la avda. Libertad está cerrado.",
        "¿Vino el Lic. Gómez? ¡No! Vino el Ing. Díaz a las 10 a. m.",
    ],
    "en": [
        "Mr. Smith went to Washington, D.C. on Jan. 5 at 10 a.m. and left.",
        "The U.S. economy grew 2.5 percent, said Dr. Jones, a Ph.D. in economics.",
        "See No. 5 and fig. 3, e.g. the table on p. 12... Then stop.",
        'He said, "It is done." She didn\'t answer. Inc. and Co. were there.',
        "The ph.d student met Prof. Brown vs. the rest at St. Paul's.",
    ],
    "ru": [
        "В 2023 г. он переехал в г. Москву, т. е. в столицу.",
        "Проф. Иванов и др. учёные, напр., акад. Петров, выступили.",
        "Цена выросла на 2.5 % за 1 кв. Это много... Так сказал т. Сидоров.",
        "«Всё кончено», — сказал он. Она не ответила. См. с. 12 и рис. 3.",
    ],
}

WORDS = {
    "es": [
        "de",
        "la",
        "en",
        "con",
        "a",
        "Sr.",
        "p.",
        "m.",
        "EE.",
        "UU.",
        "etc.",
        "Dra.",
        "núm.",
        "casa",
        "2.5",
        "3",
        "«No»",
        "art.",
        "vol.",
        "...",
        "¿Qué?",
        "Ud.",
        "sig.",
        "Av.",
    ],
    "en": [
        "the",
        "a",
        "of",
        "in",
        "Mr.",
        "U.S.",
        "No.",
        "5",
        "a.m.",
        "p.m.",
        "e.g.",
        "i.e.",
        "ph.d",
        "Inc.",
        "Dr.",
        '"Yes."',
        "St.",
        "vs.",
        "fig.",
        "2.5",
        "...",
        "(a)",
        "Jan.",
    ],
    "ru": [
        "в",
        "и",
        "на",
        "г.",
        "т.",
        "е.",
        "др.",
        "напр.",
        "акад.",
        "см.",
        "с.",
        "2.5",
        "рис.",
        "«Да.»",
        "...",
        "кв.",
        "—",
        "Москва",
        "проф.",
        "ул.",
        "д.",
    ],
}


# List items, as pySBD's list pass looks for them, in any language's text.
LIST_ITEMS = ["a.", "b.", "c.", "a)", "b)", "(c)", "1.", "2.", "3.", "1)", "2)", "i.", "ii.", "iv)"]

LISTS = [
    "Tres pasos: a. leer b. escribir c. publicar.",
    "1. Uno 2. Dos 3. Tres",
    "1) uno 2) dos 3) tres y 9) nueve",
    "(a) primero (b) segundo (c) tercero",
    "i. uno ii. dos iii. tres",
    "Véanse a) y b) más arriba. Luego c).",
    "El punto 5. Luego el 6. Y el 7. al final.",
    "Lista:\n1. pan\n2. leche\n3. huevos",
]

SEPARATORS = [" ", " ", " ", "\n", ". ", "  "]


def unpatched(code: str, text: str) -> list[tuple[str, int, int]]:
    spans = pysbd.Segmenter(language=code, clean=False, char_span=True).segment(text)
    return [(span.sent, span.start, span.end) for span in spans]


def patched(code: str, text: str) -> list[tuple[str, int, int]]:
    spans = pysbd_segmenter.segmenter(code).segment(text)
    return [(span.sent, span.start, span.end) for span in spans]


def random_texts(code: str, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    words = WORDS[code] + LIST_ITEMS
    texts = []
    for _ in range(count):
        tokens = [rng.choice(words) for _ in range(rng.randint(3, 25))]
        texts.append("".join(token + rng.choice(SEPARATORS) for token in tokens).strip())
    return texts


def test_the_fast_abbreviation_pass_is_installed_on_the_checked_version() -> None:
    if pysbd.__version__ != pysbd_segmenter.CHECKED_VERSION:
        pytest.skip(f"pySBD {pysbd.__version__} is used as it is")
    module = pysbd_segmenter.segmenter("es").language_module
    assert module is not LANGUAGE_CODES["es"]
    assert issubclass(module, LANGUAGE_CODES["es"])


def test_another_pysbd_version_is_used_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pysbd, "__version__", "0.0.0")
    pysbd_segmenter.segmenter.cache_clear()
    try:
        assert pysbd_segmenter.segmenter("es").language_module is LANGUAGE_CODES["es"]
    finally:
        pysbd_segmenter.segmenter.cache_clear()


@pytest.mark.parametrize("code", sorted(SENTENCES))
def test_sentences_with_abbreviations_split_as_pysbd_splits_them(code: str) -> None:
    sentences = SENTENCES[code]
    texts = [*sentences, " ".join(sentences), "\n".join(sentences)]
    for text in texts:
        assert patched(code, text) == unpatched(code, text), text


def test_the_seed_paragraphs_split_as_pysbd_splits_them() -> None:
    paragraphs = [segment.text for segment in load_document(SEED).segments]
    assert paragraphs
    for text in paragraphs:
        assert patched("es", text) == unpatched("es", text), text


@pytest.mark.parametrize("code", sorted(WORDS))
def test_random_texts_of_abbreviations_split_as_pysbd_splits_them(code: str) -> None:
    for text in random_texts(code, 150, seed=16):
        assert patched(code, text) == unpatched(code, text), text


@pytest.mark.parametrize("code", sorted(WORDS))
def test_lists_split_as_pysbd_splits_them(code: str) -> None:
    for text in LISTS:
        assert patched(code, text) == unpatched(code, text), text


def test_a_language_with_its_own_processing_keeps_it() -> None:
    german = LANGUAGE_CODES["de"]
    assert pysbd_segmenter.segmenter("de").language_module.Processor is german.Processor
    text = "Am 3. Oktober kam Dr. Müller. Er blieb."
    assert patched("de", text) == unpatched("de", text)


REPEATS = [
    "Hola. Hola. Hola.",
    "Sí.  Sí.\tSí.\n\nSí.",
    "Vino.\u00a0Se fue.\u2003Vino. Se fue.",
    "¿Qué? ¿Qué?   ¿Qué?\r\n",
    "No. No.No. No.",
]


@pytest.mark.parametrize("code", ["es", "en"])
def test_repeated_sentences_and_odd_spaces_get_pysbd_offsets(code: str) -> None:
    for text in REPEATS:
        assert patched(code, text) == unpatched(code, text), text


@pytest.mark.parametrize("code", ["es", "en", "ru", "de", "el"])
def test_abbreviations_are_grouped_as_re_matches_them_case_ignored(code: str) -> None:
    abbreviations = LANGUAGE_CODES[code].Abbreviation.ABBREVIATIONS
    plan = pysbd_segmenter._Plan.of(abbreviations)
    stripped = [a.strip() for a in abbreviations]

    def same(a: str, b: str) -> bool:
        return re.fullmatch(re.escape(a), b, re.IGNORECASE) is not None

    for group in plan.classes:
        assert all(same(stripped[group[0]], stripped[i]) for i in group)
    firsts = [stripped[group[0]] for group in plan.classes]
    assert not any(same(a, b) for k, a in enumerate(firsts) for b in firsts[k + 1 :])
    grouped = sorted(i for group in plan.classes for i in group)
    assert sorted([*grouped, *plan.always]) == list(range(len(abbreviations)))
