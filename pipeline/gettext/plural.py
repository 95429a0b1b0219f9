"""Plural-Forms expressions (``plural=n%10==1 ? 0 : 1``) as GNU gettext parses and evaluates them.

The grammar is gettext's ``plural.y`` (C operators with C precedence, ``n`` and unsigned
numbers), the arithmetic C's ``unsigned long`` (64 bits, wrapping); ``msgfmt --check`` tries
n = 0..1000 and rejects an expression that can be negative, reach ``nplurals`` or divide by zero.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

_MASK = 2**64 - 1
_TOKEN = re.compile(r"[ \t]*(?:([0-9]+)|(==|!=|<=|>=|&&|\|\||[-+*/%<>!?:()n])|([;\n]|$)|(.))")

Expression = Callable[[int], int]

_BINARY: dict[str, tuple[int, Callable[[int, int], int]]] = {  # operator: precedence, function
    "||": (1, lambda a, b: int(bool(a) or bool(b))),
    "&&": (2, lambda a, b: int(bool(a) and bool(b))),
    "==": (3, lambda a, b: int(a == b)),
    "!=": (3, lambda a, b: int(a != b)),
    "<": (4, lambda a, b: int(a < b)),
    ">": (4, lambda a, b: int(a > b)),
    "<=": (4, lambda a, b: int(a <= b)),
    ">=": (4, lambda a, b: int(a >= b)),
    "+": (5, lambda a, b: (a + b) & _MASK),
    "-": (5, lambda a, b: (a - b) & _MASK),
    "*": (6, lambda a, b: (a * b) & _MASK),
    "/": (6, lambda a, b: a // b),
    "%": (6, lambda a, b: a % b),
}


class PluralError(ValueError):
    """An expression gettext cannot parse."""


def _tokens(text: str) -> list[str | int]:
    """The expression's tokens up to ``;``, a newline or the end, as plural.y's lexer reads."""
    found: list[str | int] = []
    position = 0
    while True:
        match = _TOKEN.match(text, position)
        number, operator, end, junk = match.groups()
        if end is not None:
            return found
        if junk is not None:
            raise PluralError(f"unexpected {junk!r}")
        found.append(int(number) & _MASK if number is not None else operator)
        position = match.end()


class _Parser:
    def __init__(self, tokens: list[str | int]) -> None:
        self._tokens = tokens
        self._position = 0

    def _peek(self) -> str | int | None:
        return self._tokens[self._position] if self._position < len(self._tokens) else None

    def _take(self) -> str | int | None:
        token = self._peek()
        self._position += 1
        return token

    def parse(self) -> Expression:
        expression = self._expression(0)
        if self._peek() is not None:
            raise PluralError(f"unexpected {self._peek()!r}")
        return expression

    def _expression(self, lowest: int) -> Expression:
        left = self._operand()
        while True:
            token = self._peek()
            if token == "?" and lowest == 0:
                self._take()
                then = self._expression(0)
                if self._take() != ":":
                    raise PluralError("'?' without ':'")
                otherwise = self._expression(0)
                left = _conditional(left, then, otherwise)
                continue
            if not isinstance(token, str) or token not in _BINARY:
                return left
            precedence, function = _BINARY[token]
            if precedence < max(lowest, 1):
                return left
            self._take()
            right = self._expression(precedence + 1)
            left = _binary(function, left, right)

    def _operand(self) -> Expression:
        token = self._take()
        if token == "!":
            inner = self._operand()
            return lambda n: int(not inner(n))
        if token == "n":
            return lambda n: n
        if isinstance(token, int):
            return lambda n: token
        if token == "(":
            inner = self._expression(0)
            if self._take() != ")":
                raise PluralError("'(' without ')'")
            return inner
        raise PluralError("expression expected" if token is None else f"unexpected {token!r}")


def _conditional(test: Expression, then: Expression, otherwise: Expression) -> Expression:
    return lambda n: then(n) if test(n) else otherwise(n)


def _binary(function: Callable[[int, int], int], left: Expression, right: Expression) -> Expression:
    return lambda n: function(left(n), right(n))


def parse_plural(text: str) -> Expression:
    """The expression at the start of ``text`` (up to ``;``); PluralError when gettext's parser
    would refuse it."""
    return _Parser(_tokens(text)).parse()


@functools.lru_cache(maxsize=256)
def plural_problem(text: str, nplurals: int) -> str | None:
    """What msgfmt --check reports about ``plural=text`` with ``nplurals``, or None."""
    try:
        expression = parse_plural(text)
    except PluralError:
        return "invalid plural expression"
    try:
        for n in range(1001):
            value = expression(n)
            if value >= 2**63:
                return "plural expression can produce negative values"
            if value >= nplurals:
                return (
                    f"nplurals = {nplurals} but plural expression can produce values as large "
                    f"as {value}"
                )
    except ZeroDivisionError:
        return "plural expression can produce division by zero"
    return None
