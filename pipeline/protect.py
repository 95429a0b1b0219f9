"""Spans that must not be translated, masked with placeholders before translation, restored after.

Masked automatically: URLs (also bare domains such as ``kremlin.ru``), e-mail addresses, and numbers
whose written form a model would re-punctuate; and the glossary terms given. Each becomes a
placeholder that stands for the text it restores to: the term's target, or the text as written.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pipeline.glossary import term_pattern
from pipeline.numbers import PERCENT_SIGN, localised
from pipeline.sentences import opens_sentence

# A placeholder is ZXQ and a number: a short all-capitals token that no prose contains and that a
# SentencePiece/BPE model splits into a few Latin pieces and copies like the acronyms and codes
# it has seen copied. Brackets, braces and symbols are avoided: Argos models do not reliably keep
# formatting characters (they have turned ">" into a word), and symbols outside a model's
# vocabulary come out as <unk>.
PLACEHOLDER_STEM = "ZXQ"
# On the way back, the model may have changed the case or spaced the token out: "Zxq 3".
_PLACEHOLDER_BACK = re.compile(r"Z\s*X\s*Q\s*(\d+)", re.IGNORECASE)

_URL = re.compile(
    r"""
      (?:\bhttps?://|\bwww\.)[^\s<>«»"“”]+                 # with a scheme or www.
    | (?<![\w@.-])(?:[a-z0-9-]{2,}\.)+[a-z]{2,}            # a bare domain, lowercase: kremlin.ru
      (?:/[^\s<>«»"“”]*)?(?![\w@-])
    """,
    re.VERBOSE,
)
# Characters that end a sentence or a clause around a URL rather than belong to it.
_URL_TRAILING = ".,;:!?'’)"
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Numbers with digit groups or a decimal part: 1.500, 10 000, 1,234.5, 3,5, 11.12.2024. A model
# re-punctuates these by guesswork (1.500 → 1.5 or 1,500) and the project keeps numbers as written.
# Plain integers (years, days, counts) are left to the model: it copies them reliably, and the
# words around them agree with them ("2 страны", "5 стран"), so it has to see them. A percentage
# (3,5 %, 20 %) is one unit, integer or not: each language spaces its sign its own way (en 3.5%).
_NUMBER = re.compile(
    rf"""
    (?<![\w.,])
    (?: (?: \d{{1,3}}(?:[.,\u00a0\u202f\ ]\d{{3}})+(?:[.,]\d+)?  # digit groups, maybe decimals
          | \d+(?:[.,]\d+)+                                      # decimals and dotted dates
        ) (?:{PERCENT_SIGN})?                                    # maybe a percentage
      | \d+{PERCENT_SIGN}                                        # a whole percentage
    )
    (?![\w]|[.,]\d)
    """,
    re.VERBOSE,
)
_CLOSERS = "»”’\"')]"
# Where a placeholder opens what may be a new sentence, its case decides, as the text's would.
_AFTER_SENTENCE_END = re.compile(r"[.!?…][»”’\"')\]]*\s+\Z")


@dataclass(frozen=True)
class Placeholder:
    """One masked span: ``token`` in the masked text, ``source`` as written, ``target`` after."""

    token: str
    source: str
    target: str
    # Markup written against a word (``**río``, ``</b>.``): the masked text has a space there, so
    # that the model sees the word, and the space goes again on the way back.
    glued_before: bool = False
    glued_after: bool = False
    # Markup that opens a quoted text the next placeholder closes (a Markdown link's ``](url "``
    # before its title, ``")`` after): the marks escaped in the translation between them.
    quotes: str = ""


@dataclass(frozen=True)
class Protected:
    """Text with its untranslatable spans masked, and the placeholders in order of appearance."""

    text: str
    placeholders: tuple[Placeholder, ...]


@dataclass(frozen=True)
class Restored:
    """A translation with its placeholders put back, and what went wrong with them."""

    text: str
    lost: tuple[Placeholder, ...]  # missing from the translation: their text is not in it
    duplicated: tuple[Placeholder, ...]  # in the translation more than once (each one restored)
    unexpected: tuple[str, ...]  # placeholder-like tokens protect never made, left as they are

    @property
    def complete(self) -> bool:
        """Every placeholder came back exactly once and nothing else looks like one."""
        return not (self.lost or self.duplicated or self.unexpected)


def protect(
    text: str,
    terms: Sequence[tuple[str, str]] = (),
    verbatim: Sequence[tuple[int, int]] = (),
) -> Protected:
    """Mask URLs, e-mail addresses, re-punctuable numbers, the glossary ``terms`` and the
    ``verbatim`` spans (markup such as Markdown code, kept as written).

    ``terms`` are (source term, target replacement) pairs; a pair whose target is its source keeps
    the term as written. Where occurrences overlap, the leftmost and then the longest wins.
    """
    kept = [(start, end, text[start:end]) for start, end in verbatim]
    spans = _without_overlaps(kept + _term_spans(text, terms) + _automatic_spans(text))
    pieces: list[str] = []
    placeholders: list[Placeholder] = []
    position = 0
    markup = {start for start, _end in verbatim}
    for index, (start, end, target) in enumerate(spans):
        end, target = _leave_out_final_period(text, end, target)
        token = _token(len(placeholders) + 1, text, start)
        before = start in markup and start > 0 and text[start - 1].isalnum()
        after = start in markup and end < len(text) and text[end].isalnum()
        pieces += [text[position:start], " " * before, token, " " * after]
        following = spans[index + 1] if index + 1 < len(spans) else None
        quotes = ""
        if start in markup and following is not None:
            quotes = quoted_marks(text[start:end], following[2])
        placeholders.append(Placeholder(token, text[start:end], target, before, after, quotes))
        position = end
    pieces.append(text[position:])
    return Protected("".join(pieces), tuple(placeholders))


def localise_numbers(protected: Protected, from_lang: str, to_lang: str) -> Protected:
    """``protected`` with each masked number restoring to ``to_lang``'s way of writing it.

    Numbers are masked so that no model re-punctuates them by guesswork; put back as written,
    an English draft would keep the Spanish ``1.500,75`` (1.5 in English). A glossary term's
    target, and anything that is not exactly one number, is left as it is.
    """
    placeholders = []
    for placeholder in protected.placeholders:
        written = None
        if placeholder.target == placeholder.source:
            written = localised(placeholder.source, from_lang, to_lang)
        placeholders.append(replace(placeholder, target=written or placeholder.target))
    return replace(protected, placeholders=tuple(placeholders))


def restore(translated: str, protected: Protected) -> Restored:
    """Put each placeholder's target text back into ``translated``.

    A lost placeholder is reported, never appended somewhere: where its text belongs is for a
    person to decide.
    """
    by_number = {number: p for number, p in enumerate(protected.placeholders, start=1)}
    seen: Counter[int] = Counter()
    unexpected: list[str] = []

    pieces: list[str] = []
    position = 0
    for match in _PLACEHOLDER_BACK.finditer(translated):
        pieces.append(translated[position : match.start()])
        position = match.end()
        number = int(match.group(1))
        if number not in by_number:
            unexpected.append(match.group())
            pieces.append(match.group())
            continue
        seen[number] += 1
        placeholder = by_number[number]
        opener = by_number.get(number - 1)
        if opener is not None and opener.quotes and pieces[-2:-1] == [opener.target]:
            pieces[-1] = escaped(pieces[-1], opener.quotes)
        if placeholder.glued_before and pieces[-1].endswith(" "):
            pieces[-1] = pieces[-1][:-1]
        pieces.append(placeholder.target)
        if placeholder.glued_after and translated.startswith(" ", position):
            position += 1
    pieces.append(translated[position:])
    text = "".join(pieces)
    return Restored(
        text=text,
        lost=tuple(p for number, p in by_number.items() if not seen[number]),
        duplicated=tuple(p for number, p in by_number.items() if seen[number] > 1),
        unexpected=tuple(unexpected),
    )


# An opening quote mark → its closing one, and the marks a text between them has escaped
# (CommonMark: a title in parentheses may hold neither parenthesis unescaped).
_QUOTED = {'"': ('"', '"'), "'": ("'", "'"), "(": (")", "()")}


def quoted_marks(opening: str, closing: str) -> str:
    """The marks to escape in a text between two pieces of markup, when the first opens a
    quotation (``](url "``) and the second closes it (``")``); else none."""
    ending, marks = _QUOTED.get(opening[-1:], ("", ""))
    return marks if ending and closing.startswith(ending) else ""


def escaped(text: str, marks: str) -> str:
    """``text`` with each of ``marks`` not escaped yet escaped with a backslash."""
    if not marks:
        return text
    return re.sub(rf"(?<!\\)([{re.escape(marks)}])", r"\\\1", text)


def _term_spans(text: str, terms: Sequence[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """Occurrences of the terms; a term kept untranslated restores to the text as written there
    (its spaces may be no-break ones where the glossary has plain ones)."""
    return [
        (match.start(), match.end(), match.group() if target == source else target)
        for source, target in terms
        for match in term_pattern(source).finditer(text)
    ]


def addresses(text: str) -> list[str]:
    """The URLs and e-mail addresses in ``text`` as written, the punctuation after them left out:
    what protection keeps from a model, and so what a translation should have unchanged."""
    urls = [text[start : _url_end(text, start, end)] for start, end in _spans(_URL, text)]
    return urls + [text[start:end] for start, end in _spans(_EMAIL, text)]


def _automatic_spans(text: str) -> list[tuple[int, int, str]]:
    """URLs, e-mail addresses and numbers, each restoring to itself; and anything that looks like
    a placeholder already, which would otherwise be taken for one on the way back."""
    spans = [(start, _url_end(text, start, end)) for start, end in _spans(_URL, text)]
    spans += _spans(_EMAIL, text) + _spans(_NUMBER, text) + _spans(_PLACEHOLDER_BACK, text)
    return [(start, end, text[start:end]) for start, end in spans]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


def _url_end(text: str, start: int, end: int) -> int:
    """Leave out of a URL the punctuation after it, keeping a closing bracket that it opened."""
    while end > start and text[end - 1] in _URL_TRAILING:
        url = text[start:end]
        if text[end - 1] == ")" and url.count("(") >= url.count(")"):
            break
        end -= 1
    return end


def _without_overlaps(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Leftmost first, the longest of those starting together; later overlapping ones dropped."""
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda span: (span[0], -span[1])):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def _leave_out_final_period(text: str, end: int, target: str) -> tuple[int, str]:
    """A term ending in a period at the end of a sentence ("… en EE. UU. Luego") leaves that
    period in the text: it also ends the sentence, which a placeholder must not hide. The target
    then drops its own final period, which the one left in the text stands for."""
    if not text.endswith(".", 0, end) or not _sentence_ends_at(text, end):
        return end, target
    return end - 1, target.removesuffix(".")


def _sentence_ends_at(text: str, end: int) -> bool:
    after = end + len(text[end:]) - len(text[end:].lstrip(_CLOSERS))
    rest = text[after:]
    return not rest.strip() or (rest[:1].isspace() and opens_sentence(text, after))


def _token(number: int, text: str, start: int) -> str:
    """The placeholder for the ``number``-th span; lowercase where it opens what could be a new
    sentence and the text it hides starts with a lowercase letter or a digit, so that the
    sentence splitter, which decides there by case, sees the same sentences as in the text."""
    token = f"{PLACEHOLDER_STEM}{number}"
    first = text[start]
    if (first.islower() or first.isdigit()) and _AFTER_SENTENCE_END.search(text, 0, start):
        return token.lower()
    return token
