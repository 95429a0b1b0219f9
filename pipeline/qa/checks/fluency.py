"""Fluency: repetition loops, text left untranslated, text in the wrong language or script."""

from __future__ import annotations

from pipeline.languages import language as language_data
from pipeline.qa.langid import RIVALS, identify
from pipeline.qa.registry import ERROR, Pair, check
from pipeline.qa.text import CYRILLIC, LATIN, LETTER_WORD, WORD, words

MAX_REPEATED_WORDS = 6  # the longest phrase a repetition loop is looked for in
LOOP_COUNT = 3


@check("repetition", ERROR, "fluency")
def repetition(pair: Pair) -> str | None:
    """a word or phrase repeats three or more times in a row"""
    if repeated_phrase(words(pair.source)) is not None:
        return None  # the source repeats itself on purpose; so may the translation
    phrase = repeated_phrase(words(pair.target))
    return repr(" ".join(phrase)) if phrase is not None else None


def repeated_phrase(tokens: list[str]) -> list[str] | None:
    """The first phrase of up to six words that ``tokens`` repeat three times in a row."""
    for start, first in enumerate(tokens):
        for size in range(1, MAX_REPEATED_WORDS + 1):
            if start + size * LOOP_COUNT > len(tokens):
                break
            if tokens[start + size] != first:
                continue  # every copy starts with the phrase's first word: most sizes end here
            phrase = tokens[start : start + size]
            copies = (tokens[start + size * k : start + size * (k + 1)] for k in range(LOOP_COUNT))
            if all(copy == phrase for copy in copies):
                return phrase
    return None


MIN_COPIED_WORDS = 4


@check("untranslated", ERROR, "fluency")
def untranslated(pair: Pair) -> str | None:
    """source words are copied into the translation untranslated"""
    # Capitalised words and numbers are names, acronyms and figures that stay; a run of four
    # ordinary words that is also in the translation was left untranslated.
    tokens = WORD.findall(pair.source)
    ordinary = [t.casefold() if t[0].islower() else None for t in tokens]
    target_runs = set(_ngrams(words(pair.target), MIN_COPIED_WORDS))
    copied = [
        i
        for i, gram in enumerate(_ngrams(ordinary, MIN_COPIED_WORDS))
        if None not in gram and gram in target_runs
    ]
    if not copied:
        return None
    end = copied[0]
    while end + 1 in copied:
        end += 1
    return repr(" ".join(tokens[copied[0] : end + MIN_COPIED_WORDS]))


def _ngrams(tokens: list, size: int) -> list[tuple]:
    return [tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)]


FOREIGN_WORD_SHARE = 0.15
MIN_FOREIGN_WORDS = 3
MIN_LATIN_RUN = 3


@check("language", ERROR, "fluency")
def language(pair: Pair) -> str | None:
    """the translation is not in the target language or script"""
    script = language_data(pair.target_lang).script
    if script == "latin":
        cyrillic = [w for w in LETTER_WORD.findall(pair.target) if CYRILLIC.search(w)]
        stray = [w for w in cyrillic if w not in pair.source]
        if stray:
            return f"Cyrillic words: {', '.join(stray)}"
    if script == "cyrillic":
        run = latin_prose(pair.target)
        if run:
            return f"Latin-script prose: {run!r}"
    return _identified_otherwise(pair) or _source_language_left(pair)


MIN_IDENTIFIED_LETTERS = 25  # shorter texts are mostly names: the model cannot tell
SURE = 0.95


def _identified_otherwise(pair: Pair) -> str | None:
    """The translation, or one of its sentences, reads as another language with certainty."""
    target = pair.target_lang.replace("-", "_").split("_")[0]
    if target not in RIVALS:
        return None
    sentences = pair.sentences[1]
    for text in [pair.target, *(sentences if len(sentences) > 1 else ())]:
        if sum(c.isalpha() for c in text) < MIN_IDENTIFIED_LETTERS:
            continue
        found, probability = identify(text)
        if found != target and probability >= SURE:
            name = language_data(found).name
            return f"reads as {name} ({probability:.0%} sure): {text[:60]!r}"
    return None


def latin_prose(text: str) -> str | None:
    """The first run of three or more Latin-script words with an ordinary (lowercase) one in it.

    Names and addresses (``kremlin.ru``, ``Teatro Bolshói``) may stay in Latin letters in a
    Cyrillic text; sentences may not.
    """
    run: list[str] = []
    for word in [*LETTER_WORD.findall(text), ""]:
        if word and LATIN.match(word) and "." not in word:
            run.append(word)
            continue
        if len(run) >= MIN_LATIN_RUN and any(w[0].islower() for w in run):
            return " ".join(run)
        run = []
    return None


def _source_language_left(pair: Pair) -> str | None:
    function_words = language_data(pair.source_lang).function_words
    if not function_words or pair.target_lang == pair.source_lang:
        return None
    tokens = words(pair.target)
    found = [t for t in tokens if t in function_words]
    if len(found) >= MIN_FOREIGN_WORDS and len(found) >= FOREIGN_WORD_SHARE * len(tokens):
        shown = ", ".join(dict.fromkeys(found))
        return f"{pair.source_lang} words: {shown} ({len(found)} of {len(tokens)} words)"
    return None
