"""Punctuation: paired marks, the target language's quotation marks, the final mark."""

from __future__ import annotations

import re

from pipeline.languages import language
from pipeline.qa.registry import WARNING, Pair, check

# Opening and closing marks; “ closes „ (Russian, German) and opens “ (English).
BRACKETS = ("«»", "„“", "“”", "()", "[]", "{}")
_OPENERS = {pair[0]: pair[1] for pair in BRACKETS}
_CLOSERS = {pair[1] for pair in BRACKETS}
_MARK = re.compile(f'[{re.escape("".join(BRACKETS))}"]')  # the only characters looked at


@check("balance", WARNING, "punctuation")
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
    for char in _MARK.findall(text):
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


def has_quote_style(pair: Pair) -> bool:
    return bool(language(pair.target_lang).quote_style)


@check("quotes", WARNING, "punctuation", applies=has_quote_style)
def quotes(pair: Pair) -> str | None:
    """quotation marks are not in the style of the target language"""
    target = language(pair.target_lang)
    wrong = [c for c in dict.fromkeys(pair.target) if c in target.foreign_quotes]
    if target.inner_quotes:
        opener, closer = target.inner_quotes
        if pair.target.count(closer) > pair.target.count(opener):
            wrong.append(closer)
    if not wrong:
        return None
    return f"{' '.join(wrong)} instead of {target.quote_style}"


_FINAL_MARKS = {".": ".", "…": ".", "?": "?", "!": "!", ":": ":", ";": ";"}
_TRAILING_CLOSERS = "»”“’\"')]} \u00a0\n\t"


@check("punctuation", WARNING, "punctuation")
def punctuation(pair: Pair) -> str | None:
    """the final punctuation differs from the source"""
    if not language(pair.target_lang).inverted_marks and re.search("[¿¡]", pair.target):
        return "Spanish ¿ or ¡ left in the translation"
    source, target = final_mark(pair.source), final_mark(pair.target)
    if source == target:
        return None
    return f"the source ends with {source or 'none'!r}, the translation with {target or 'none'!r}"


def final_mark(text: str) -> str:
    """The sentence mark a text ends with (closing quotes and brackets aside), "" if none."""
    text = text.rstrip(_TRAILING_CLOSERS).replace("...", "…")
    return _FINAL_MARKS.get(text[-1:], "")
