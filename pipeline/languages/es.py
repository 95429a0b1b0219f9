"""Spanish, the source language."""

import re

from pipeline.languages.model import DIGIT_SPACES, Abbreviations, Language, NumberFormat

# fmt: off
LANGUAGE = Language(
    code="es",
    name="Español",
    plural_forms="nplurals=2; plural=(n != 1);",
    # Spanish texts also use a decimal point now and then; "3.500" stays 3500 because a group of
    # exactly three digits is read as thousands first.
    number_format=NumberFormat(group="." + DIGIT_SPACES + " ", decimal=",."),
    # Longer words first.
    scale_words=(
        (r"mil\s+millones", 9), (r"millón|millones", 6), (r"billón|billones", 12), (r"mil", 3),
    ),
    number_words={
        1: "uno una un", 2: "dos", 3: "tres", 4: "cuatro", 5: "cinco", 6: "seis", 7: "siete",
        8: "ocho", 9: "nueve", 10: "diez",
    },
    # "Ud." and "etc." and the like are left out on purpose: they end sentences as often as not,
    # and where they do not, the next word is lowercase, which the sentence splitter's general
    # rule already merges.
    abbreviations=Abbreviations(
        never_final=(
            "Sr.", "Sra.", "Srta.", "Dr.", "Dra.", "Lic.", "Ing.", "Prof.", "Excmo.", "Excma.",
            "Ilmo.", "Ilma.", "Sto.", "Sta.", "pág.", "págs.", "núm.", "art.", "cap.", "vol.",
            "fig.", "tel.", "av.", "avda.", "p. ej.",
        ),
        multi_part=("EE. UU.", "a. m.", "p. m.", "S. A.", "S. L.", "a. C.", "d. C.", "FF. AA."),
        not_abbreviations=(
            "a", "bien", "bis", "con", "contra", "de", "en", "entre", "ex", "para", "pro", "sobre",
            "super", "tras", "un",
        ),
    ),
    script="latin",
    # Spanish words that are not also English words: their share tells Spanish left in English.
    function_words=frozenset(
        re.findall(
            r"\w+",
            "el la los las del de que y en por para con una unos unas se su sus al es lo como "
            "más pero este esta estos estas sobre entre según también muy ya han fue ser",
        )
    ),
    inverted_marks=True,
)
# fmt: on
