"""Spanish, the source language."""

import re

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
    numerals=Numerals(
        cardinals=word_values(
            "cero 0 uno 1 una 1 un 1 dos 2 tres 3 cuatro 4 cinco 5 seis 6 siete 7 ocho 8 nueve 9 "
            "diez 10 once 11 doce 12 trece 13 catorce 14 quince 15 dieciséis 16 diecisiete 17 "
            "dieciocho 18 diecinueve 19 veinte 20 veintiuno 21 veintiuna 21 veintiún 21 "
            "veintidós 22 veintitrés 23 veinticuatro 24 veinticinco 25 veintiséis 26 "
            "veintisiete 27 veintiocho 28 veintinueve 29 treinta 30 cuarenta 40 cincuenta 50 "
            "sesenta 60 setenta 70 ochenta 80 noventa 90 cien 100 ciento 100 doscientos 200 "
            "doscientas 200 trescientos 300 trescientas 300 cuatrocientos 400 cuatrocientas 400 "
            "quinientos 500 quinientas 500 seiscientos 600 seiscientas 600 setecientos 700 "
            "setecientas 700 ochocientos 800 ochocientas 800 novecientos 900 novecientas 900 "
            "ambos 2 ambas 2 docena 12"
        ),
        scales=word_values(
            "mil 1000 millón 1000000 millones 1000000 billón 10**12 billones 10**12"
        ),
        ordinals=word_values(
            "primero 1 primera 1 primer 1 segundo 2 segunda 2 tercero 3 tercera 3 tercer 3 "
            "cuarto 4 cuarta 4 quinto 5 quinta 5 sexto 6 sexta 6 séptimo 7 séptima 7 octavo 8 "
            "octava 8 noveno 9 novena 9 décimo 10 décima 10"
        ),
        weak=frozenset(
            [
                "uno", "una", "un", "primero", "primera", "primer", "segundo", "segunda", "ambos",
                "ambas",
            ]
        ),
        articles=frozenset(["un", "una"]),
        both=frozenset(["los", "las"]),
        joiners=frozenset(["y"]),
        vague_scales=frozenset(["miles", "millones", "billones"]),
    ),
    negation=Negation(
        cues=frozenset(
            [
                "no", "nunca", "jamás", "sin", "ni", "ningún", "ninguna", "ninguno", "nadie",
                "nada", "tampoco",
            ]
        ),
        concord=frozenset(
            [
                "ni", "nunca", "jamás", "ningún", "ninguna", "ninguno", "nadie", "nada",
            ]
        ),
        not_negations=("sin embargo", "no obstante", "no solo", "no sólo", "ni siquiera"),
    ),
    names=Names(
        # Spanish capitalises the common nouns of institutions' names, which translations
        # translate: "el Ministerio de Sanidad", "the Ministry of Health", "Минздрав".
        common=frozenset(
            re.findall(
                r"\w+",
                "Gobierno Congreso Senado Parlamento Ministerio Ministra Ministro Sanidad Salud "
                "Hacienda Interior Exteriores Defensa Justicia Educación Economía Trabajo "
                "Cultura Igualdad Transportes Agricultura Industria Ayuntamiento Comunidad "
                "Diputación Estado Policía Guardia Civil Nacional Nacionales Tribunal Supremo "
                "Constitucional Audiencia Junta Fiscalía Instituto Estadística Agencia "
                "Espacial Europea Europeo Europeas Europeos Comisión Consejo Banco Central "
                "Museo Liga Real Selección Universidad Hospital Ejército Presidente Presidenta "
                "Rey Reina Príncipe Papa Unión Organización Mundial Internacional Fondo "
                "Monetario Naciones Unidas Administración Departamento Oficina Cámara Corte "
                "Asamblea Sala Provincia Provincial Regional Autonómica Federación Asociación "
                "Partido Cadena Plaza Calle Avenida Norte Sur Este Oeste Declaración Carta Tratado "
                "Acuerdo Seguridad Colectiva Teatro Federación República Cumbre Conferencia Foro "
                "Premio Copa Juegos Olímpicos Estados Independientes Económica Euroasiática Rusa "
                "Ruso Soviética Popular Democrática Socialista Obrero Español Española Francesa "
                "Alemana Constitución Ley Código Día Año Iglesia Catedral Palacio Aeropuerto "
                "Estación Puerto Parque Isla Islas Mar Océano Río Monte Sierra Golfo",
            )
        ),
    ),
)
# fmt: on
