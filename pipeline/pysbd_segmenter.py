"""pySBD segmenters whose abbreviation and list passes skip the rules that cannot apply.

pySBD 0.3.4 spends most of its time in ``search_for_abbreviations_in_string``: for every known
abbreviation that occurs anywhere in a line (Spanish's list has "a", "de", "en", "con"...), it
collects every word starting with it and runs one regular-expression substitution per word, each
looked up in ``re``'s cache, which the hundreds of patterns keep thrashing. Every substitution
replaces the period right after the abbreviation, preceded by whitespace or the line's start; so
an abbreviation of letters and digits applies only where a whole word before a period matches it,
and the pass runs pySBD's own loop body for those abbreviations alone, in pySBD's order (plus every
abbreviation with a dot or another mark, always). ``tests/test_pysbd_segmenter.py`` compares the
result with pySBD's.

The list pass looks for list items ("a.", "b)", "1.", "2)") with one lookbehind-laden regex each,
six times per text; each of those finds nothing without a letter before a period, a closing
parenthesis, or a digit before a period: a cheap search for that comes first.

The skips are installed only on the pySBD version they were checked against; any other version is
used as it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import pysbd
from pysbd.abbreviation_replacer import AbbreviationReplacer
from pysbd.languages import LANGUAGE_CODES
from pysbd.lists_item_replacer import ListItemReplacer
from pysbd.processor import Processor
from pysbd.utils import Text, TextSpan

CHECKED_VERSION = "0.3.4"

# A word before a period, preceded by whitespace or the line's start: where an abbreviation of
# letters and digits can stand (its substitutions only ever turn such a period into "∯").
_WORD_BEFORE_PERIOD = re.compile(r"(?<!\S)[^\s.]+(?=\.)")
_LETTERS_AND_DIGITS = re.compile(r"[^\W_]+")
# What each of pySBD's list-item regexes needs to find anything (each of their alternatives asks
# for it): "a." after whitespace or the start, ")" (after a letter or a digit), "1." before a
# space or ")".
_LETTER_ITEM = re.compile(r"(?<!\S)[a-z]\.")
_NUMBER_ITEM = re.compile(r"\d\.[\s)]")


@cache
def segmenter(code: str) -> pysbd.Segmenter:
    """pySBD's segmenter for language ``code`` (offsets kept, text not cleaned)."""
    if pysbd.__version__ != CHECKED_VERSION:
        return pysbd.Segmenter(language=code, clean=False, char_span=True)
    segmenter = _FastSpansSegmenter(language=code, clean=False, char_span=True)
    segmenter.language_module = _with_fast_abbreviations(LANGUAGE_CODES[code])
    return segmenter


class _FastSpansSegmenter(pysbd.Segmenter):
    r"""pySBD's segmenter, finding each sentence in the text without a regex of its own.

    pySBD locates each sentence with ``re.finditer(re.escape(sentence) + r"\s*", text)``: a
    pattern compiled for every new sentence. ``str.find`` and a whitespace run (``\s`` is
    ``str.isspace``) give the same matches, in the same order.
    """

    def sentences_with_char_spans(self, sentences: list[str]) -> list[TextSpan]:
        spans = []
        prior_end = 0
        for sentence in sentences:
            # an empty sentence (its pattern matches everywhere) is found pySBD's own way
            find = _span_after if sentence else _regex_span
            found = find(self.original_text, sentence, prior_end)
            if found is not None:
                start, end = found
                spans.append(TextSpan(self.original_text[start:end], start, end))
                prior_end = end
        return spans


def _span_after(text: str, sentence: str, prior_end: int) -> tuple[int, int] | None:
    """The first match of ``sentence`` and the whitespace after it, in ``re.finditer``'s order,
    that ends after ``prior_end``."""
    position = 0
    while (start := text.find(sentence, position)) >= 0:
        end = start + len(sentence)
        while end < len(text) and text[end].isspace():
            end += 1
        if end > prior_end:
            return start, end
        position = end
    return None


def _regex_span(text: str, sentence: str, prior_end: int) -> tuple[int, int] | None:
    for match in re.finditer(re.escape(sentence) + r"\s*", text):
        if match.end() > prior_end:
            return match.span()
    return None


def _with_fast_abbreviations(language: type) -> type:
    """``language``'s rules, with abbreviation and list passes that skip what cannot apply."""
    replacer = getattr(language, "AbbreviationReplacer", AbbreviationReplacer)
    fast_replacer = type(
        replacer.__name__,
        (replacer,),
        {
            "search_for_abbreviations_in_string": _search_for_abbreviations_in_string,
            "plan": _Plan.of(language.Abbreviation.ABBREVIATIONS),
        },
    )
    rules: dict[str, type] = {"AbbreviationReplacer": fast_replacer}
    if not hasattr(language, "Processor"):  # German's, Slovak's... do their own processing
        rules["Processor"] = _FastListsProcessor
    return type(language.__name__, (language,), rules)


@dataclass(frozen=True)
class _Plan:
    """A language's abbreviations, stripped, sorted for the skip.

    ``always`` are the indices of those that could apply anywhere (a dot or a mark in them);
    the others are grouped in ``classes`` of abbreviations ``re`` takes for the same word when case
    is ignored, and ``word`` matches a whole word with one group per class.
    """

    stripped: tuple[str, ...]
    always: tuple[int, ...]
    classes: tuple[tuple[int, ...], ...]
    word: re.Pattern[str]

    @classmethod
    def of(cls, abbreviations: list[str]) -> _Plan:
        stripped = tuple(abbr.strip() for abbr in abbreviations)
        plain = [i for i, s in enumerate(stripped) if _LETTERS_AND_DIGITS.fullmatch(s)]
        # ASCII words are the same for re, case ignored, when their lowercase is; any other is
        # compared with each class of its length (only words of one length can be the same).
        ascii_classes: dict[str, list[int]] = {}
        for i in (i for i in plain if stripped[i].isascii()):
            ascii_classes.setdefault(stripped[i].lower(), []).append(i)
        classes = list(ascii_classes.values())
        for i in (i for i in plain if not stripped[i].isascii()):
            same = next((c for c in classes if _same_word(stripped[c[0]], stripped[i])), None)
            if same is None:
                classes.append([i])
            else:
                same.append(i)
        word = "|".join("(" + "|".join(re.escape(stripped[i]) for i in c) + ")" for c in classes)
        return cls(
            stripped,
            tuple(sorted(set(range(len(stripped))).difference(plain))),
            tuple(tuple(c) for c in classes),
            re.compile(word, re.IGNORECASE),
        )

    def candidates(self, line: str) -> Sequence[int]:
        """The indices, in order, of the abbreviations that may change ``line``."""
        found: set[int] = set()
        for word in _WORD_BEFORE_PERIOD.findall(line):
            match = self.word.fullmatch(word)
            if match is not None:
                found.update(self.classes[match.lastindex - 1])
        return sorted(found.union(self.always)) if found else self.always


def _same_word(a: str, b: str) -> bool:
    # re compares a literal letter by letter, case ignored: one cached test per pair of letters
    # instead of a pattern compiled per word (a process splitting a few paragraphs pays for these)
    return len(a) == len(b) and all(_same_letter(x, y) for x, y in zip(a, b, strict=True))


@cache
def _same_letter(x: str, y: str) -> bool:
    return x == y or re.fullmatch(re.escape(x), y, re.IGNORECASE) is not None


def _search_for_abbreviations_in_string(self: AbbreviationReplacer, text: str) -> str:
    """pySBD's loop over the language's abbreviations, less those that cannot change ``text``."""
    lowered = text.lower()
    for index in self.plan.candidates(text):
        stripped = self.plan.stripped[index]
        # From here on, pySBD 0.3.4's own loop body.
        if stripped not in lowered:
            continue
        abbrev_match = re.findall(rf"(?:^|\s|\r|\n){stripped}", text, flags=re.IGNORECASE)
        if not abbrev_match:
            continue
        char_array = re.findall(r"(?<={" + re.escape(stripped) + "} ).{1}", text)
        for ind, match in enumerate(abbrev_match):
            text = self.scan_for_replacements(text, match, ind, char_array)
    return text


class _FastListItemReplacer(ListItemReplacer):
    """pySBD's list pass, each regex skipped where the text lacks what it needs."""

    def iterate_alphabet_array(self, regex: str, parens: bool = False, roman_numeral: bool = False):
        if regex == self.ALPHABETICAL_LIST_WITH_PARENS and ")" not in self.text:
            return self.text
        if regex == self.ALPHABETICAL_LIST_WITH_PERIODS and not _LETTER_ITEM.search(self.text):
            return self.text
        return super().iterate_alphabet_array(regex, parens, roman_numeral)

    def scan_lists(self, regex1: str, regex2: str, replacement: str, strip: bool = False) -> None:
        if regex1 == self.NUMBERED_LIST_PARENS_REGEX and ")" not in self.text:
            return
        if regex1 == self.NUMBERED_LIST_REGEX_1 and not _NUMBER_ITEM.search(self.text):
            return
        super().scan_lists(regex1, regex2, replacement, strip)


class _FastListsProcessor(Processor):
    def process(self):  # noqa: ANN201  (pySBD 0.3.4's, with the list pass above)
        if not self.text:
            return self.text
        self.text = self.text.replace("\n", "\r")
        self.text = _FastListItemReplacer(self.text).add_line_break()
        self.replace_abbreviations()
        self.replace_numbers()
        self.replace_continuous_punctuation()
        self.replace_periods_before_numeric_references()
        self.text = Text(self.text).apply(
            self.lang.Abbreviation.WithMultiplePeriodsAndEmailRule,
            self.lang.GeoLocationRule,
            self.lang.FileFormatRule,
        )
        return self.split_into_segments()
