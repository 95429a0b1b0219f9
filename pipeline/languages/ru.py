"""Russian, translated from Spanish through English."""

from pipeline.languages.model import DIGIT_SPACES, Abbreviations, Language, NumberFormat

# fmt: off
LANGUAGE = Language(
    code="ru",
    name="Русский",
    plural_forms=(
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);"
    ),
    # Russian texts also use a decimal point now and then.
    number_format=NumberFormat(group=DIGIT_SPACES + " ", decimal=",."),
    scale_words=(
        (r"тыс\w*", 3), (r"млн|миллион\w*", 6), (r"млрд|миллиард\w*", 9), (r"трлн|триллион\w*", 12),
    ),
    # In all their cases.
    number_words={
        1: "один одна одно одного одной одному одним одну одном",
        2: "два две двух двум двумя оба обе обоих",
        3: "три трёх трех трём трем тремя",
        4: "четыре четырёх четырех четырём четырем четырьмя",
        5: "пять пяти пятью",
        6: "шесть шести шестью",
        7: "семь семи семью",
        8: "восемь восьми восемью восьмью",
        9: "девять девяти девятью",
        10: "десять десяти десятью",
    },
    abbreviations=Abbreviations(
        never_final=(
            "т. е.", "т. к.", "т. н.", "т. ч.", "им.", "ул.", "просп.", "пл.", "пер.", "проф.",
            "акад.", "доц.", "рис.", "см.", "ср.", "напр.", "стр.", "ст.", "гл.", "тел.",
        ),
        multi_part=("т. д.", "т. п.", "н. э.", "до н. э."),
    ),
    script="cyrillic",
    # A name's ending changes with its case (Россия, России, Россией): glossary terms match stems.
    inflected_endings="аеёиоуыэюяйь",
    foreign_quotes='”"',
    quote_style="«…» and „…“",
    inner_quotes="„“",  # “ only closes an inner „…“ quotation
    # Correct translations of the seed article's paragraphs measure ru/es 0.83-0.99.
    length_ratios={"es": (0.65, 1.3)},
)
# fmt: on
