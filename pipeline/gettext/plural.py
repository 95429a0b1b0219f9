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

_PRECEDENCE = {"||": 1, "&&": 2, "==": 3, "!=": 3, "<": 4, ">": 4, "<=": 4, ">=": 4}
_PRECEDENCE |= {"+": 5, "-": 5, "*": 6, "/": 6, "%": 6}
_STRICT: dict[str, Callable[[int, int], int]] = {  # the operators that evaluate both sides
    "==": lambda a, b: int(a == b),
    "!=": lambda a, b: int(a != b),
    "<": lambda a, b: int(a < b),
    ">": lambda a, b: int(a > b),
    "<=": lambda a, b: int(a <= b),
    ">=": lambda a, b: int(a >= b),
    "+": lambda a, b: (a + b) & _MASK,
    "-": lambda a, b: (a - b) & _MASK,
    "*": lambda a, b: (a * b) & _MASK,
    "/": lambda a, b: a // b,
    "%": lambda a, b: a % b,
}


class PluralError(ValueError):
    """An expression gettext cannot parse."""


# Bison's default YYMAXDEPTH: plural.y's parser gives up ("memory exhausted") on a deeper stack.
_MAX_DEPTH = 10000
_TERNARY = 0  # the precedence of "?:", below the binary operators' 1..6


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
    """plural.y's LALR parser as operator precedence with an explicit stack, so that nesting
    deeper than bison's stack is refused as gettext refuses it (and Python never recurses)."""

    def __init__(self) -> None:
        self._stack: list[object] = []  # operators (str) and parsed operands (callables)

    def parse(self, tokens: list[str | int]) -> Expression:
        expect_operand = True
        for token in tokens:
            if expect_operand:
                if token in ("!", "("):
                    self._push(token)
                elif token == "n" or isinstance(token, int):
                    self._push(_variable if token == "n" else _constant(token))
                    expect_operand = False
                else:
                    raise PluralError(f"unexpected {token!r}")
                continue
            if token == ")":
                self._reduce(_TERNARY)
                if self._stack[-2:-1] != ["("]:
                    raise PluralError("')' without '('")
                self._push(")")  # counts towards the depth before it is reduced
                del self._stack[-1]
                inner = self._stack.pop()
                self._stack[-1] = inner
            elif token == ":":
                self._reduce(_TERNARY)
                if self._stack[-2:-1] != ["?"]:
                    raise PluralError("':' without '?'")
                self._push(":")
                expect_operand = True
            elif token == "?":
                self._reduce(_TERNARY + 1)
                self._push("?")
                expect_operand = True
            elif isinstance(token, str) and token in _PRECEDENCE:
                self._reduce(_PRECEDENCE[token])
                self._push(token)
                expect_operand = True
            else:
                raise PluralError(f"unexpected {token!r}")
        if expect_operand:
            raise PluralError("expression expected")
        self._reduce(_TERNARY)
        if len(self._stack) != 1:
            raise PluralError("unbalanced '(' or '?'")
        return self._stack[0]

    def _push(self, item: object) -> None:
        self._stack.append(item)
        if len(self._stack) + 1 >= _MAX_DEPTH:  # + bison's initial state
            raise PluralError("expression nested too deeply")

    def _reduce(self, lowest: int) -> None:
        """Reduce the operations at the top of the stack that bind at least as tightly as
        ``lowest`` (``?:`` is right-associative; the binary operators are left-associative)."""
        stack = self._stack
        while len(stack) >= 2:
            operator = stack[-2]
            if operator == "!":
                stack[-2:] = [_negation(stack[-1])]
            elif isinstance(operator, str) and operator in _PRECEDENCE and len(stack) >= 3:
                if _PRECEDENCE[operator] < lowest:
                    return
                left, right = stack[-3], stack[-1]
                stack[-3:] = [_binary(operator, left, right)]
            elif operator == ":" and lowest <= _TERNARY and len(stack) >= 5:
                test, then, otherwise = stack[-5], stack[-3], stack[-1]
                stack[-5:] = [_conditional(test, then, otherwise)]
            else:
                return


def _variable(n: int) -> int:
    return n


def _constant(value: int) -> Expression:
    return lambda n: value


def _negation(inner: Expression) -> Expression:
    return lambda n: int(not inner(n))


def _conditional(test: Expression, then: Expression, otherwise: Expression) -> Expression:
    return lambda n: then(n) if test(n) else otherwise(n)


def _binary(operator: str, left: Expression, right: Expression) -> Expression:
    """C's binary operators; || and && leave the right side alone when the left decides."""
    if operator == "||":
        return lambda n: 1 if left(n) or right(n) else 0
    if operator == "&&":
        return lambda n: 1 if left(n) and right(n) else 0
    function = _STRICT[operator]
    return lambda n: function(left(n), right(n))


def parse_plural(text: str) -> Expression:
    """The expression at the start of ``text`` (up to ``;``); PluralError when gettext's parser
    would refuse it."""
    return _Parser().parse(_tokens(text))


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
    except RecursionError:  # thousands of nested operations: gettext can, Python cannot
        return "plural expression nested too deeply to evaluate"
    return None
