"""Quality checks on translated entries: each check a small function, registered in one place.

A check receives a :class:`Pair` (one entry's source and translation and what is known about
them) and returns ``None`` when the pair passes, or the specifics of the problem ("3.500", "ONU"),
possibly empty. Its docstring is the message users see. False alarms cost reviewers' trust, so a
check flags only what is wrong in every correct translation's eyes: reordered clauses, localised
numbers and a different sentence split all pass. A reviewer silences a check on one entry with a
translator comment, which msgmerge keeps::

    # check-ignore: numbers, quotes
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import polib

from pipeline.config import Settings
from pipeline.gettext import read_po
from pipeline.glossary import Glossary, load_glossary
from pipeline.locales import (
    find_catalogs,
    pivot_changed,
    pivot_texts,
    select_languages,
)
from pipeline.numbers import missing_numbers
from pipeline.sentences import split_sentences
from pipeline.units import ignored_checks, is_translated, live_entries, read_provenance

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem of one entry: which check found it, how bad it is, what to tell the user."""

    check: str
    severity: str
    message: str


@dataclass(frozen=True)
class Pair:
    """One entry's source and translation, with what the checks need to judge them."""

    source: str
    target: str
    source_lang: str
    target_lang: str
    glossary: Glossary | None = None
    pivot_digest: str | None = None  # the provenance's digest of the text the draft came from
    pivot_text: str | None = None  # the current pivot-language (English) text of the entry
    ignored: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Check:
    """A registered check: its name (for check-ignore), severity and function."""

    name: str
    severity: str
    function: Callable[[Pair], str | None]

    @property
    def message(self) -> str:
        return (self.function.__doc__ or self.name).strip().splitlines()[0]

    def run(self, pair: Pair) -> Finding | None:
        detail = self.function(pair)
        if detail is None:
            return None
        message = f"{self.message}: {detail}" if detail else self.message
        return Finding(self.name, self.severity, message)


CHECKS: dict[str, Check] = {}


def check(name: str, severity: str):
    """Register a check under ``name``; checks run (and report) in registration order."""

    def register(function: Callable[[Pair], str | None]) -> Callable[[Pair], str | None]:
        CHECKS[name] = Check(name, severity, function)
        return function

    return register


@dataclass(frozen=True)
class CatalogFinding:
    """A finding at its place: the catalog (relative to the project) and the entry's PO line."""

    file: str
    line: int
    finding: Finding

    def __str__(self) -> str:
        f = self.finding
        return f"{self.file}:{self.line}: {f.severity}: {f.check}: {f.message}"

    def as_dict(self) -> dict[str, object]:
        f = self.finding
        return {
            "file": self.file,
            "line": self.line,
            "severity": f.severity,
            "check": f.check,
            "message": f.message,
        }


def findings_for_entry(
    entry: polib.POEntry,
    source_lang: str,
    target_lang: str,
    glossary: Glossary | None = None,
    pivot_text: str | None = None,
) -> list[Finding]:
    """The findings of every check on one translated entry, less those its comments silence.

    An untranslated entry (:mod:`pipeline.units`: whitespace is no translation) has none.
    ``pivot_text`` is the current pivot-language text of the entry, for the stale-pivot check.
    """
    if not is_translated(entry):
        return []
    record = read_provenance(entry)
    pair = Pair(
        source=entry.msgid,
        target=entry.msgstr,
        source_lang=source_lang,
        target_lang=target_lang,
        glossary=glossary,
        pivot_digest=record.pivot if record else None,
        pivot_text=pivot_text,
        ignored=ignored_checks(entry),
    )
    findings = (c.run(pair) for c in CHECKS.values() if c.name not in pair.ignored)
    return [finding for finding in findings if finding is not None]


def check_catalog(
    po: polib.POFile,
    file: str,
    source_lang: str,
    target_lang: str,
    glossary: Glossary | None = None,
    pivots: Mapping[str, str] | None = None,
) -> list[CatalogFinding]:
    """The findings of every translated, current entry of one catalog, in file order.

    ``file`` names the catalog in the findings; ``pivots`` maps msgid to the current
    pivot-language text, for languages translated through the pivot.
    """
    pivots = pivots or {}
    located = []
    for entry in live_entries(po):
        pivot = pivots.get(entry.msgid)
        for finding in findings_for_entry(entry, source_lang, target_lang, glossary, pivot):
            located.append(CatalogFinding(file, entry.linenum, finding))
    return located


def check_project(settings: Settings, langs: Iterable[str] | None = None) -> list[CatalogFinding]:
    """The findings of every catalog of the project in ``langs`` (all target languages)."""
    languages = select_languages(settings, langs)
    glossaries = {lang: load_glossary(settings.glossary, lang) for lang in languages}
    located = []
    for catalog in find_catalogs(settings, languages):
        if not catalog.exists:
            continue
        name = settings.relative(catalog.path)
        po = read_po(catalog.path, name)
        pivots = pivot_texts(settings, catalog.doc_id, catalog.lang)
        located += check_catalog(
            po, name, settings.source_language, catalog.lang, glossaries[catalog.lang], pivots
        )
    return located


# --- text helpers ------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_LETTER_WORD = re.compile(r"[^\W\d_]+(?:[-'’.][^\W\d_]+)*")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def words(text: str) -> list[str]:
    """The words of a text, casefolded (numbers included, punctuation left out)."""
    return [w.casefold() for w in _WORD.findall(text)]


# --- the checks, in the order they report --------------------------------------------------------


@check("whitespace", WARNING)
def whitespace(pair: Pair) -> str | None:
    """leading or trailing whitespace differs from the source"""
    ends = []
    if _leading(pair.source) != _leading(pair.target):
        ends.append("leading")
    if _trailing(pair.source) != _trailing(pair.target):
        ends.append("trailing")
    return " and ".join(ends) if ends else None


def _leading(text: str) -> str:
    return text[: len(text) - len(text.lstrip())]


def _trailing(text: str) -> str:
    return text[len(text.rstrip()) :]


@check("numbers", ERROR)
def numbers(pair: Pair) -> str | None:
    """a number of the source is missing from the translation (compared by value)"""
    missing = missing_numbers(pair.source, pair.source_lang, pair.target, pair.target_lang)
    return ", ".join(missing) if missing else None


@check("glossary", WARNING)
def glossary(pair: Pair) -> str | None:
    """a glossary term is not in the translation as the glossary requires"""
    if pair.glossary is None:
        return None
    problems = []
    for term in pair.glossary.find(pair.source):
        if term.keep and term.source not in pair.target:
            problems.append(f"{term.source!r} stays as written")
        elif not term.keep and not contains_term(pair.target, term.target, pair.target_lang):
            problems.append(f"{term.source!r} → {term.target!r}")
    return "; ".join(problems) if problems else None


# Inflected languages change a name's ending (Россия, России, Россией): compare stems.
_INFLECTED_ENDINGS = {"ru": "аеёиоуыэюяйь"}
_MIN_STEM = 3


def contains_term(text: str, term: str, lang: str) -> bool:
    """True if ``term`` occurs in ``text`` as whole words, any inflection of them included."""
    stems = [_stem(word, lang) for word in words(term)]
    found = words(text)
    return any(
        all(found[i + k].startswith(stem) for k, stem in enumerate(stems))
        for i in range(len(found) - len(stems) + 1)
    )


def _stem(word: str, lang: str) -> str:
    endings = _INFLECTED_ENDINGS.get(lang, "")
    stem = word
    while len(stem) > _MIN_STEM and stem[-1] in endings:
        stem = stem[:-1]
    return stem


_ACRONYM = re.compile(r"(?:[^\W\d_]{1,3}\.){2,}|[^\W_]+(?:-[^\W_]+)*")
_ROMAN = re.compile(r"[IVXLCDM]+")


@check("acronyms", WARNING)
def acronyms(pair: Pair) -> str | None:
    """an acronym of the source has no counterpart in the translation"""
    # Acronyms are translated (ONU → UN, ООН), so an unmatched source acronym needs an unmatched
    # acronym in the translation, not the same letters; names are left to the glossary, since
    # exonyms and transliteration (Moscú, Moscow, Москва) defeat any spelling comparison.
    source = _acronyms(pair.source)
    if _mostly_capitals(pair.source):
        return None
    covered = pair.glossary.find(pair.source) if pair.glossary else []
    source = [a for a in source if not any(a in term.source for term in covered)]
    target = _acronyms(pair.target)
    unmatched = [a for a in source if a not in target]
    spare = [a for a in target if a not in source]
    return ", ".join(unmatched) if len(unmatched) > len(spare) else None


def _acronyms(text: str) -> list[str]:
    found = []
    for token in _ACRONYM.findall(text):
        letters = [c for c in token if c.isalpha()]
        is_acronym = len(letters) >= 2 and token.isupper() and not _ROMAN.fullmatch(token)
        if is_acronym and token not in found:
            found.append(token)
    return found


def _mostly_capitals(text: str) -> bool:
    """An all-capitals headline has no telling acronyms apart."""
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) > len(letters) / 2


# Ratio of the translation's length to the source's in characters. Correct translations of the
# seed article's paragraphs measure en/es 0.81-1.10 and ru/es 0.83-0.99; the normal range is
# wider, for freer translations and shorter paragraphs.
LENGTH_RATIOS = {("es", "en"): (0.65, 1.25), ("es", "ru"): (0.65, 1.3)}
DEFAULT_LENGTH_RATIO = (0.6, 1.5)
# Beyond the normal range by this factor, the length alone is suspicious; within it, only
# together with a different sentence count (a legitimately different split keeps the length).
LENGTH_SLACK = 0.75
MIN_LENGTH_CHARS = 40  # titles and captions are too short for a ratio to mean anything


@dataclass(frozen=True)
class Length:
    """How a translation's length compares with its source's, against the pair's normal range."""

    ratio: float
    low: float
    high: float
    sentences: tuple[int, int]  # (source, translation)

    def too_short(self) -> bool:
        fewer = self.sentences[1] < self.sentences[0]
        return self.ratio < self.low * LENGTH_SLACK or (fewer and self.ratio < self.low)

    def too_long(self) -> bool:
        more = self.sentences[1] > self.sentences[0]
        return self.ratio > self.high / LENGTH_SLACK or (more and self.ratio > self.high)

    def __str__(self) -> str:
        source, target = self.sentences
        return f"{self.ratio:.0%} of the source's length, {target} sentence(s) for {source}"


def measure_length(pair: Pair) -> Length | None:
    """The length comparison of a pair, or None when the source is too short to judge."""
    source, target = pair.source.strip(), pair.target.strip()
    if len(source) < MIN_LENGTH_CHARS:
        return None
    low, high = LENGTH_RATIOS.get((pair.source_lang, pair.target_lang), DEFAULT_LENGTH_RATIO)
    sentences = (
        len(split_sentences(source, pair.source_lang)),
        len(split_sentences(target, pair.target_lang)),
    )
    return Length(len(target) / len(source), low, high, sentences)


@check("omission", WARNING)
def omission(pair: Pair) -> str | None:
    """the translation is much shorter than the source: part of it may be missing"""
    length = measure_length(pair)
    return str(length) if length is not None and length.too_short() else None


@check("addition", WARNING)
def addition(pair: Pair) -> str | None:
    """the translation is much longer than the source: it may add text"""
    length = measure_length(pair)
    return str(length) if length is not None and length.too_long() else None


MAX_REPEATED_WORDS = 6  # the longest phrase a repetition loop is looked for in
LOOP_COUNT = 3


@check("repetition", ERROR)
def repetition(pair: Pair) -> str | None:
    """a word or phrase repeats three or more times in a row"""
    if repeated_phrase(words(pair.source)) is not None:
        return None  # the source repeats itself on purpose; so may the translation
    phrase = repeated_phrase(words(pair.target))
    return repr(" ".join(phrase)) if phrase is not None else None


def repeated_phrase(tokens: list[str]) -> list[str] | None:
    """The first phrase of up to six words that ``tokens`` repeat three times in a row."""
    for start in range(len(tokens)):
        for size in range(1, MAX_REPEATED_WORDS + 1):
            phrase = tokens[start : start + size]
            copies = [tokens[start + size * k : start + size * (k + 1)] for k in range(LOOP_COUNT)]
            if len(phrase) == size and all(copy == phrase for copy in copies):
                return phrase
    return None


MIN_COPIED_WORDS = 4


@check("untranslated", ERROR)
def untranslated(pair: Pair) -> str | None:
    """source words are copied into the translation untranslated"""
    # Capitalised words and numbers are names, acronyms and figures that stay; a run of four
    # ordinary words that is also in the translation was left untranslated.
    tokens = _WORD.findall(pair.source)
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


# Spanish words that are not also English words: their share tells Spanish left in English.
FUNCTION_WORDS = {
    "es": frozenset(
        re.findall(
            r"\w+",
            "el la los las del de que y en por para con una unos unas se su sus al es lo como "
            "más pero este esta estos estas sobre entre según también muy ya han fue ser",
        )
    )
}
FOREIGN_WORD_SHARE = 0.15
MIN_FOREIGN_WORDS = 3
MIN_LATIN_RUN = 3
SCRIPTS = {"en": "latin", "es": "latin", "ru": "cyrillic"}


@check("language", ERROR)
def language(pair: Pair) -> str | None:
    """the translation is not in the target language or script"""
    script = SCRIPTS.get(pair.target_lang)
    if script == "latin":
        cyrillic = [w for w in _LETTER_WORD.findall(pair.target) if _CYRILLIC.search(w)]
        stray = [w for w in cyrillic if w not in pair.source]
        if stray:
            return f"Cyrillic words: {', '.join(stray)}"
    if script == "cyrillic":
        run = latin_prose(pair.target)
        if run:
            return f"Latin-script prose: {run!r}"
    return _source_language_left(pair)


def latin_prose(text: str) -> str | None:
    """The first run of three or more Latin-script words with an ordinary (lowercase) one in it.

    Names and addresses (``kremlin.ru``, ``Teatro Bolshói``) may stay in Latin letters in a
    Cyrillic text; sentences may not.
    """
    run: list[str] = []
    for word in [*_LETTER_WORD.findall(text), ""]:
        if word and _LATIN.match(word) and "." not in word:
            run.append(word)
            continue
        if len(run) >= MIN_LATIN_RUN and any(w[0].islower() for w in run):
            return " ".join(run)
        run = []
    return None


def _source_language_left(pair: Pair) -> str | None:
    function_words = FUNCTION_WORDS.get(pair.source_lang)
    if function_words is None or pair.target_lang == pair.source_lang:
        return None
    tokens = words(pair.target)
    found = [t for t in tokens if t in function_words]
    if len(found) >= MIN_FOREIGN_WORDS and len(found) >= FOREIGN_WORD_SHARE * len(tokens):
        shown = ", ".join(dict.fromkeys(found))
        return f"{pair.source_lang} words: {shown} ({len(found)} of {len(tokens)} words)"
    return None


# Opening and closing marks; “ closes „ (Russian, German) and opens “ (English).
BRACKETS = ("«»", "„“", "“”", "()", "[]", "{}")
_OPENERS = {pair[0]: pair[1] for pair in BRACKETS}
_CLOSERS = {pair[1] for pair in BRACKETS}


@check("balance", WARNING)
def balance(pair: Pair) -> str | None:
    """quotes or brackets are not balanced"""
    # A quotation running over several paragraphs leaves its source paragraphs open: only a
    # balanced source asks for a balanced translation.
    if unbalanced_mark(pair.source) is not None:
        return None
    mark = unbalanced_mark(pair.target)
    return repr(mark) if mark is not None else None


def unbalanced_mark(text: str) -> str | None:
    """The first quote or bracket without its partner, or None when all are paired."""
    stack: list[str] = []
    for char in text:
        if char == '"':
            if stack and stack[-1] == '"':
                stack.pop()
            else:
                stack.append(char)
        elif stack and _OPENERS.get(stack[-1]) == char:
            stack.pop()
        elif char in _OPENERS:
            stack.append(char)
        elif char in _CLOSERS:
            return char
    return stack[0] if stack else None


# Quotation marks each language does not use; ’ is also the apostrophe, so never flagged.
FOREIGN_QUOTES = {"en": '«»„"', "ru": '”"'}
QUOTE_STYLE = {"en": "“…” and ‘…’", "ru": "«…» and „…“"}


@check("quotes", WARNING)
def quotes(pair: Pair) -> str | None:
    """quotation marks are not in the style of the target language"""
    foreign = FOREIGN_QUOTES.get(pair.target_lang, "")
    wrong = [c for c in dict.fromkeys(pair.target) if c in foreign]
    # In Russian “ only closes an inner „…“ quotation.
    if pair.target_lang == "ru" and pair.target.count("“") > pair.target.count("„"):
        wrong.append("“")
    if not wrong:
        return None
    return f"{' '.join(wrong)} instead of {QUOTE_STYLE[pair.target_lang]}"


_FINAL_MARKS = {".": ".", "…": ".", "?": "?", "!": "!", ":": ":", ";": ";"}
_TRAILING_CLOSERS = "»”“’\"')]} \u00a0\n\t"


@check("punctuation", WARNING)
def punctuation(pair: Pair) -> str | None:
    """the final punctuation differs from the source"""
    if pair.target_lang != "es" and re.search("[¿¡]", pair.target):
        return "Spanish ¿ or ¡ left in the translation"
    source, target = final_mark(pair.source), final_mark(pair.target)
    if source == target:
        return None
    return f"the source ends with {source or 'none'!r}, the translation with {target or 'none'!r}"


def final_mark(text: str) -> str:
    """The sentence mark a text ends with (closing quotes and brackets aside), "" if none."""
    text = text.rstrip(_TRAILING_CLOSERS).replace("...", "…")
    return _FINAL_MARKS.get(text[-1:], "")


@check("stale", WARNING)
def stale(pair: Pair) -> str | None:
    """the pivot (English) text this was drafted from has changed; compare with the current one"""
    return "" if pivot_changed(pair.pivot_digest, pair.pivot_text) else None


@check("ignore", WARNING)
def unknown_ignores(pair: Pair) -> str | None:
    """check-ignore names a check that does not exist"""
    unknown = sorted(pair.ignored - set(CHECKS))
    if not unknown:
        return None
    return f"{', '.join(unknown)} (checks: {', '.join(CHECKS)})"


def fails(findings: Iterable[CatalogFinding], strict: bool = False) -> bool:
    """True if the findings should fail a run: any error, or with ``strict`` any finding."""
    return any(strict or f.finding.severity == ERROR for f in findings)


def summary(findings: list[CatalogFinding]) -> str:
    """One line for people: how many errors and warnings in how many catalogs."""
    errors = sum(f.finding.severity == ERROR for f in findings)
    files = len({f.file for f in findings})
    return f"{errors} error(s), {len(findings) - errors} warning(s) in {files} catalog(s)"
