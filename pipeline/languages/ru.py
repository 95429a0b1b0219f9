"""Russian, translated from Spanish through English."""

from pipeline.languages.model import (
    DIGIT_SPACES,
    Abbreviations,
    Language,
    Names,
    Negation,
    NumberFormat,
    Numerals,
    word_values,
)

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
    # Number words in their dictionary form: every case of each is found through pymorphy3.
    lemmatised=True,
    numerals=Numerals(
        cardinals=word_values(
            "ноль 0 один 1 два 2 три 3 четыре 4 пять 5 шесть 6 семь 7 восемь 8 девять 9 "
            "десять 10 одиннадцать 11 двенадцать 12 тринадцать 13 четырнадцать 14 "
            "пятнадцать 15 шестнадцать 16 семнадцать 17 восемнадцать 18 девятнадцать 19 "
            "двадцать 20 тридцать 30 сорок 40 пятьдесят 50 шестьдесят 60 семьдесят 70 "
            "восемьдесят 80 девяносто 90 сто 100 двести 200 триста 300 четыреста 400 "
            "пятьсот 500 шестьсот 600 семьсот 700 восемьсот 800 девятьсот 900 оба 2 "
            "двое 2 трое 3 четверо 4 пятеро 5 шестеро 6 семеро 7 полтора 1 дюжина 12"
        ),
        scales=word_values("тысяча 1000 миллион 1000000 миллиард 10**9 триллион 10**12"),
        ordinals=word_values(
            "первый 1 второй 2 третий 3 четвёртый 4 четвертый 4 пятый 5 шестой 6 седьмой 7 "
            "восьмой 8 девятый 9 десятый 10"
        ),
        weak=frozenset(["один", "первый", "второй", "оба", "полтора"]),
        vague_scales=frozenset(["тысячи", "миллионы", "миллиарды"]),
    ),
    negation=Negation(
        cues=frozenset(
            [
                "не", "нет", "ни", "без", "никогда", "никто", "ничто", "ничего", "никакой",
                "никакая", "никакие", "нигде", "нельзя", "ниоткуда", "никуда",
            ]
        ),
        concord=frozenset(
            [
                "ни", "никогда", "никто", "ничто", "ничего", "никакой", "никакая", "никакие",
                "нигде",
            ]
        ),
        not_negations=("не только", "не раз", "не менее", "не более", "тем не менее"),
        implicit=(
            "отсутств", "отказ", "лишь", "только", "прежн", "вынужден", "допуска", "беспрецедент",
            "бесплатн", "бессрочн", "безработ", "безнаказ", "неизвестн", "невозможн",
        ),
    ),
    names=Names(
        counterparts={"es": {
            "OTAN": "НАТО", "ONU": "ООН", "UE": "ЕС|Евросоюз", "EE. UU.": "США|Соединённые Штаты",
            "EEUU": "США", "Estados Unidos": "США|Соединённые Штаты|Соединенные Штаты|Америк",
            "Reino Unido": "Великобритан|Британи|Соединённое Королевство", "FMI": "МВФ",
            "OMS": "ВОЗ", "BCE": "ЕЦБ", "OCDE": "ОЭСР", "OSCE": "ОБСЕ", "PIB": "ВВП",
            "IPC": "ИПЦ", "IVA": "НДС", "Unión Europea": "ЕС|Евросоюз|Европейский союз",
            "Naciones Unidas": "ООН|Организация Объединённых Наций",
            "Banco Central Europeo": "ЕЦБ|Европейский центральный банк",
            "Comisión Europea": "Еврокомисси|Европейская комиссия",
        }},
    ),
)
# fmt: on
