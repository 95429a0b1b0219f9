"""English, the first target language and the pivot to the others."""

from pipeline.languages.model import DIGIT_SPACES, Abbreviations, Language, NumberFormat

# fmt: off
LANGUAGE = Language(
    code="en",
    name="English",
    plural_forms="nplurals=2; plural=(n != 1);",
    number_format=NumberFormat(group="," + DIGIT_SPACES, decimal="."),
    scale_words=((r"thousand", 3), (r"million", 6), (r"billion", 9), (r"trillion", 12)),
    number_words={
        1: "one", 2: "two both", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven",
        8: "eight", 9: "nine", 10: "ten",
    },
    abbreviations=Abbreviations(
        never_final=(
            "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Sen.", "Rep.", "Gov.", "Gen.", "Col.", "Lt.",
            "Sgt.", "Capt.", "Rev.", "Hon.", "Messrs.", "e.g.", "i.e.", "cf.", "viz.", "Fig.",
        ),
        multi_part=("U.S.", "U.K.", "U.N.", "a.m.", "p.m.", "B.C.", "A.D."),
    ),
    script="latin",
    # ’ is also the apostrophe, so never flagged.
    foreign_quotes='«»„"',
    quote_style="“…” and ‘…’",
    # Correct translations of the seed article's paragraphs measure en/es 0.81-1.10; the normal
    # range is wider, for freer translations and shorter paragraphs.
    length_ratios={"es": (0.65, 1.25)},
)
# fmt: on
