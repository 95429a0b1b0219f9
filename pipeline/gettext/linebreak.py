"""Unicode line breaking (UAX #14) and column widths, as libunistring 1.0 implements them.

gettext 0.21 (``msgcat``) wraps PO strings with libunistring's ``u8_width_linebreaks``; writing
catalogs byte for byte as gettext does means breaking lines at exactly the same places. Ambiguous
characters count as alphabetic, as libunistring does for UTF-8 text. The classes and the pair
table were measured from that library; tests/test_gettext_write.py compares them with it where it is
installed.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections.abc import Callable

PROHIBITED, POSSIBLE, MANDATORY = 0, 1, 2  # before a character: no break, may, must

# Columns and rows of the pair table; OE is an opening punctuation of East Asian width.
_TABLE_CLASSES = (
    "WJ GL B2 BA BB HY CL CP EX IN NS OP QU IS NU PO PR SY AL H2 H3 ID JL JV JT HL RI EB EM OE"
)
# Row = class before, column = class after: D break, I break only across spaces, P no break.
_PAIR_ROWS = (
    "PIIIIIPPPIIIIPIIIPIIIIIIIIIIII",  # WJ
    "PIIIIIPPPIIIIPIIIPIIIIIIIIIIII",  # GL
    "PIPIDIPPPIIDIPDDDPDDDDDDDDDDDD",  # B2
    "PDDIDIPPPIIDIPDDDPDDDDDDDDDDDD",  # BA
    "PIIIIIPPPIIIIPIIIPIIIIIIIIIIII",  # BB
    "PDDIDIPPPIIDIPIDDPDDDDDDDDDDDD",  # HY
    "PIDIDIPPPIPDIPDIIPDDDDDDDDDDDD",  # CL
    "PIDIDIPPPIIDIPIIIPIDDDDDDIDDDD",  # CP
    "PIDIDIPPPIIDIPDDDPDDDDDDDDDDDD",  # EX
    "PIDIDIPPPIIDIPDDDPDDDDDDDDDDDD",  # IN
    "PIDIDIPPPIIDIPDDDPDDDDDDDDDDDD",  # NS
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",  # OP
    "PIIIIIPPPIIPIPIIIPIIIIIIIIIIIP",  # QU
    "PIDIDIPPPIIDIPIDDPDDDDDDDDDDDD",  # IS
    "PIDIDIPPPIIIIPIIIPIDDDDDDIDDDD",  # NU
    "PIDIDIPPPIIIIPIDDPIDDDDDDIDDDI",  # PO
    "PIDIDIPPPIIIIPIDDPIIIIIIIIDIII",  # PR
    "PIDIDIPPPIIDIPIDDPDDDDDDDIDDDD",  # SY
    "PIDIDIPPPIIIIPIIIPIDDDDDDIDDDD",  # AL
    "PIDIDIPPPIIDIPDIDPDDDDDIIDDDDD",  # H2
    "PIDIDIPPPIIDIPDIDPDDDDDDIDDDDD",  # H3
    "PIDIDIPPPIIDIPDIDPDDDDDDDDDDDD",  # ID
    "PIDIDIPPPIIDIPDIDPDIIDIIDDDDDD",  # JL
    "PIDIDIPPPIIDIPDIDPDDDDDIIDDDDD",  # JV
    "PIDIDIPPPIIDIPDIDPDDDDDDIDDDDD",  # JT
    "PIDIDIPPPIIIIPIIIPIDDDDDDIDDDD",  # HL
    "PIDIDIPPPIIDIPDDDPDDDDDDDDIDDD",  # RI
    "PIDIDIPPPIIDIPDIDPDDDDDDDDDDID",  # EB
    "PIDIDIPPPIIDIPDIDPDDDDDDDDDDDD",  # EM
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",  # OE
)
_PAIRS = {
    (before, after): rule
    for before, row in zip(_TABLE_CLASSES.split(), _PAIR_ROWS, strict=True)
    for after, rule in zip(_TABLE_CLASSES.split(), row, strict=True)
}

# Where libunistring's class differs from _class_by_category's guess: "FIRST[-LAST]:CLASS".
_CLASS_EXCEPTIONS = (
    "9:BA A-D:BK 20:SP 21:EX 22:QU 25:PO 27:QU 29:CP 2B:PR 2C:IS 2D:HY 2E:IS 2F:SY 3A-3B:IS 3F:EX "
    "5C:PR 5D:CP 7C:BA 85:BK A0:GL A1:OP A2:PO AD:BA B0:PO B1:PR B4:BB BF:OP 2C8:BB 2CC:BB 2DF:BB "
    "34F:GL 35C-362:GL 37E:IS 589:IS 58A:BA 5BE:BA 5C6:EX 5F3-608:AL 609-60B:PO 60C-60D:IS 61B:EX "
    "61D-61F:EX 66A:PO 66B-66C:NU 6D4:EX 6DD-6DE:AL 6FA-710:AL 7F8:IS 7F9:EX 85E-891:AL 8E2:AL "
    "964-965:BA 9F2-9F3:PO 9F9:PO C77:BB C84:BB D79:PO E5A-E5B:BA F01-F04:BB F06-F07:BB F08:GL "
    "F09-F0A:BB F0B:BA F0C:GL F0D-F11:EX F12:GL F14:EX F34:BA F7F:BA F85:BA FBE-FBF:BA FD0-FD1:BB "
    "FD2:BA FD3:BB FD9-FDA:GL 104A-104B:BA 1361:BA 1400:BA 16EB-16ED:BA 1735-1736:BA 17D4-17D5:BA "
    "17D6:NS 17D8:BA 17DA:BA 1802-1803:EX 1804-1805:BA 1806:BB 1808-1809:EX 180E:GL 1944-1945:EX "
    "1A7F:CM 1B5A-1B5B:BA 1B5D-1B60:BA 1B7D-1B7E:BA 1C3B-1C3F:BA 1C7E-1C7F:BA 1FFD:BB 2007:GL "
    "200B:ZW 200D:ZWJ 2010:BA 2011:GL 2012-2013:BA 2014:B2 2024-2026:IN 2027:BA 2028-2029:BK "
    "202F:GL 2030-2037:PO 203C-203D:NS 2044:IS 2047-2049:NS 2056:BA 2058-205B:BA 205D-205F:BA "
    "2060:WJ 2061-2064:AL 20A7:PO 20B6:PO 20BB:PO 20BE:PO 20C0:PO 2103:PO 2109:PO 2116:PR "
    "2212-2213:PR 22EF:IN 232B-23EF:AL 23F0-23F3:ID 23F4-25FF:AL 2600-2603:ID 2618:ID "
    "261A-261C:ID 261D:EB 261E-261F:ID 2639-263B:ID 263C-2667:AL 2668:ID 2680-26BC:AL "
    "26BD-26C8:ID 26CD:ID 26CE:AL 26CF-26D1:ID 26D3-26D4:ID 26D8-26D9:ID 26DC:ID 26DF-26E1:ID "
    "26F1-26F5:ID 26F7-26F8:ID 26F9:EB 26FD-2704:ID 2705-2707:AL 2708-2709:ID 270A-270D:EB "
    "270E-275A:AL 275B-2760:QU 2762-2763:EX 2764:ID 2776-27C4:AL 29FE-2CEE:AL 2CF9:EX "
    "2CFA-2CFC:BA 2CFE:EX 2CFF:BA 2D70:BA 2E00-2E0D:QU 2E0E-2E15:BA 2E17:BA 2E18:OP 2E19:BA "
    "2E2A-2E2D:BA 2E2E:EX 2E30-2E31:BA 2E33-2E34:BA 2E3A-2E3B:B2 2E3C-2E3E:BA 2E40-2E41:BA "
    "2E43-2E4A:BA 2E4C:BA 2E4E-2E4F:BA 2E53-2E54:EX 2E5D:BA 3001-3002:CL 3005:NS 301C:NS 3035:CM "
    "303B-303C:NS 303D-303F:ID 3041:NS 3043:NS 3045:NS 3047:NS 3049:NS 3063:NS 3083:NS 3085:NS "
    "3087:NS 308E:NS 3095-3096:NS 309B-309E:NS 30A0-30A1:NS 30A3:NS 30A5:NS 30A7:NS 30A9:NS "
    "30C3:NS 30E3:NS 30E5:NS 30E7:NS 30EE:NS 30F5-30F6:NS 30FB-30FE:NS 31F0-31FF:NS A015:NS "
    "A4FE-A4FF:BA A60D:BA A60E:EX A60F:BA A6F3-A6F7:BA A838:PO A874-A875:BB A876-A877:EX "
    "A8CE-A8CF:BA A8FC:BB A92E-A92F:BA A9C7-A9C9:BA AA5D-AA5F:BA AAF0-AAF1:BA ABEB:BA FDFC:PO "
    "FE10:IS FE11-FE12:CL FE13-FE14:IS FE15-FE16:EX FE19:IN FE50:CL FE52:CL FE54-FE55:NS "
    "FE56-FE57:EX FE6A:PO FEFF:WJ FF01:EX FF05:PO FF0C:CL FF0E:CL FF0F-FF19:ID FF1A-FF1B:NS "
    "FF1F:EX FF60-FF61:CL FF62:OE FF63-FF64:CL FF65:NS FF66:ID FF67-FF70:NS FF71-FF9D:ID "
    "FF9E-FF9F:NS FFA0-FFDC:ID FFE0:PO FFFC:ID 10100-10102:BA 1039F:BA 103D0:BA 10857:BA 1091F:BA "
    "10A50-10A57:BA 10AF0-10AF5:BA 10AF6:IN 10B39-10B3F:BA 10EAD:BA 11047-11048:BA 110BB-110BD:AL "
    "110BE-110C1:BA 110CD-110E8:AL 11140-11143:BA 11175:BB 111C5-111C6:BA 111C8:BA 111DB:BB "
    "111DD-111DF:BA 11238-11239:BA 1123B-1123C:BA 112A9:BA 1144B-1144E:BA 1145A-1145B:BA 115C1:BB "
    "115C2-115C3:BA 115C4-115C5:EX 115C9-115D7:BA 11641-11642:BA 11660-1166C:BB 1173C-1173E:BA "
    "11944-11946:BA 119E2:BB 11A3F:BB 11A41-11A44:BA 11A45:BB 11A9A-11A9C:BA 11A9E-11AA0:BB "
    "11AA1-11AA2:BA 11C41-11C45:BA 11C70:BB 11C71:EX 11FDD-11FE0:PO 11FFF:BA 12470-12474:BA "
    "13258-1325A:OP 1325B-1325D:CL 13282:CL 13286:OP 13287:CL 13288:OP 13289:CL 13379:OP "
    "1337A-1337B:CL 13430-13436:GL 13437:OP 13438:CL 145CE:OP 145CF:CL 16A6E-16A6F:BA 16AF5:BA "
    "16B37-16B39:BA 16B44:BA 16E97-16E98:BA 16FE0-16FE3:NS 16FE4:GL 18B00-18CD5:AL 1AFF0-1AFFE:AL "
    "1B150-1B167:NS 1BC9F:BA 1DA87-1DA8A:BA 1E95E-1E95F:OP 1ECAC:PO 1ECB0:PO 1F000-1F0F5:ID "
    "1F10D-1F10F:ID 1F16D-1F16F:ID 1F170-1F1AC:AL 1F1AD:ID 1F1E6-1F1FF:RI 1F200-1F384:ID 1F385:EB "
    "1F386-1F39B:ID 1F39E-1F3B4:ID 1F3B5-1F3B6:AL 1F3BC:AL 1F3C2-1F3C4:EB 1F3C7:EB 1F3CA-1F3CC:EB "
    "1F3CD-1F3FA:ID 1F3FB-1F3FF:EM 1F400-1F441:ID 1F442-1F443:EB 1F446-1F450:EB 1F466-1F478:EB "
    "1F47C:EB 1F481-1F483:EB 1F485-1F487:EB 1F48F:EB 1F491:EB 1F4A0:AL 1F4A2:AL 1F4A4:AL 1F4AA:EB "
    "1F4AF:AL 1F4B1-1F4B2:AL 1F4B3-1F4FF:ID 1F500-1F506:AL 1F517-1F524:AL 1F532-1F549:AL "
    "1F54A-1F573:ID 1F574-1F575:EB 1F576-1F579:ID 1F57A:EB 1F57B-1F58F:ID 1F590:EB 1F591-1F594:ID "
    "1F595-1F596:EB 1F597-1F5D3:ID 1F5DC-1F5F3:ID 1F5FA-1F644:ID 1F645-1F647:EB 1F64B-1F64F:EB "
    "1F676-1F678:QU 1F679-1F67B:NS 1F6A3:EB 1F6B4-1F6B6:EB 1F6C0:EB 1F6C1-1F6CB:ID 1F6CC:EB "
    "1F6CD-1F6FC:ID 1F7D5-1F7F0:ID 1F8B0-1F8B1:ID 1F90C:EB 1F90F:EB 1F918-1F91F:EB 1F926:EB "
    "1F930-1F939:EB 1F93A-1F93B:ID 1F93C-1F93E:EB 1F93F-1F976:ID 1F977:EB 1F9B5-1F9B6:EB "
    "1F9B8-1F9B9:EB 1F9BB:EB 1F9CD-1F9CF:EB 1F9D1-1F9DD:EB 1FA60-1FAC2:ID 1FAC3-1FAC5:EB "
    "1FAF0-1FAF6:EB "
)


def _parse_ranges(spec: str) -> tuple[list[int], list[tuple[int, str]]]:
    """Range starts (for bisect) and (last, class) pairs from ``_CLASS_EXCEPTIONS``."""
    starts, ends = [], []
    for item in spec.split():
        span, line_class = item.split(":")
        first, _, last = span.partition("-")
        starts.append(int(first, 16))
        ends.append((int(last or first, 16), line_class))
    return starts, ends


_EXCEPTION_STARTS, _EXCEPTION_ENDS = _parse_ranges("".join(_CLASS_EXCEPTIONS))

# Thai, Lao, Myanmar, Khmer, Tai scripts: libunistring treats their letters as alphabetic.
_COMPLEX_SCRIPTS = (
    (0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x1950, 0x19DF), (0x1A20, 0x1AAF),
    (0xA9E0, 0xA9FF), (0xAA60, 0xAADF), (0x11700, 0x1174F),
)  # fmt: skip
_CLASS_BY_CATEGORY = {
    "Mn": "CM", "Me": "CM", "Mc": "CM", "Cc": "CM", "Cf": "CM", "Nd": "NU",
    "Pe": "CL", "Pi": "QU", "Pf": "QU", "Zs": "BA", "Sc": "PR",
}  # fmt: skip


@functools.cache
def _line_break_class(char: str) -> str:
    """The character's line breaking class, as libunistring resolves it for UTF-8."""
    code = ord(char)
    index = bisect.bisect_right(_EXCEPTION_STARTS, code) - 1
    if index >= 0 and code <= _EXCEPTION_ENDS[index][0]:
        return _EXCEPTION_ENDS[index][1]
    return _class_by_category(code)


def _class_by_category(code: int) -> str:
    """The class most characters of this kind have; ``_CLASS_EXCEPTIONS`` lists the others."""
    char = chr(code)
    category = unicodedata.category(char)
    wide = unicodedata.east_asian_width(char) in "WF"
    if 0xAC00 <= code <= 0xD7A3:
        return "H2" if (code - 0xAC00) % 28 == 0 else "H3"
    if 0x1100 <= code <= 0x115F or 0xA960 <= code <= 0xA97F:
        return "JL"
    if 0x1160 <= code <= 0x11A7 or 0xD7B0 <= code <= 0xD7C6:
        return "JV"
    if 0x11A8 <= code <= 0x11FF or 0xD7CB <= code <= 0xD7FB:
        return "JT"
    if category == "Cn":
        return "ID" if wide and code >= 0x20000 else "AL"
    if category[0] in "LM" and any(a <= code <= b for a, b in _COMPLEX_SCRIPTS):
        return "AL"
    if category == "Ps":
        return "OE" if wide else "OP"
    if category == "Lo" and unicodedata.name(char, "").startswith("HEBREW"):
        return "HL"
    return _CLASS_BY_CATEGORY.get(category, "ID" if wide else "AL")


def break_opportunities(text: str) -> list[int]:
    """For each character, whether a line may (or must) break before it.

    A port of libunistring 1.0's ``u8_possible_linebreaks``: a pair table of the classes of
    the last non-space character and this one, plus the rules for spaces (LB7, LB18), zero width
    space (LB8), zero width joiner (LB8a), combining marks (LB9, LB10) and flags (LB30a).
    """
    result = []
    last = "BK"  # class of the last character that is not a space or combining mark
    spaces = False  # whether spaces came after it
    after_zwj = False
    after_hebrew_hyphen = False  # LB21a: no break after a Hebrew letter and a hyphen
    flags = 0  # how many regional indicators in a row end at `last`
    for i, char in enumerate(text):
        line_class = _line_break_class(char)
        if line_class == "BK":
            result.append(MANDATORY)
            last, spaces, after_zwj, flags = "BK", False, False, 0
            continue
        if line_class == "SP":
            result.append(PROHIBITED)
            spaces, after_zwj, after_hebrew_hyphen = True, False, False
            continue
        if line_class == "ZW":
            result.append(PROHIBITED)
            last, spaces, after_zwj, after_hebrew_hyphen, flags = "ZW", False, False, False, 0
            continue
        if line_class in ("CM", "ZWJ"):
            if last == "BK" or (last != "ZW" and not spaces):
                result.append(PROHIBITED)
            else:
                result.append(POSSIBLE)
            if last in ("BK", "ZW") or spaces:
                last, spaces = "AL", False
            after_zwj, after_hebrew_hyphen, flags = line_class == "ZWJ", False, 0
            continue
        glued = after_zwj or after_hebrew_hyphen
        result.append(PROHIBITED if glued else _pair_break(last, line_class, spaces, flags))
        flags = flags + 1 if line_class == "RI" else 0
        after_hebrew_hyphen = (
            line_class in ("HY", "BA") and i > 0 and _line_break_class(text[i - 1]) == "HL"
        )
        last, spaces, after_zwj = line_class, False, False
    return result


def break_candidates(text: str) -> list[tuple[int, int]]:
    """Where a line may (POSSIBLE) or must (MANDATORY) break, in order: the same answer as
    :func:`break_opportunities`, without its PROHIBITED positions.

    Text whose characters need no state beyond "the last class and whether spaces followed"
    (no mandatory break, zero width space or joiner, combining mark, flag or Hebrew letter) is
    scanned run by run of one class, which costs a step per word instead of per character.
    """
    codes = text.translate(_CLASS_CODES)
    if _STATEFUL_CODE in codes:
        return [(i, kind) for i, kind in enumerate(break_opportunities(text)) if kind]
    found = []
    last = None  # the code of the last run that is not spaces
    for run in _RUNS.finditer(codes):  # spaces, if any, then characters of one class
        start, end = run.span(1)
        code = codes[start]
        if last is not None and _BREAKS_BETWEEN[last, code, start != run.start()]:
            found.append((start, POSSIBLE))
        if code in _BREAKS_WITHIN and end - start > 1:
            found += [(position, POSSIBLE) for position in range(start + 1, end)]
        last = code
    return found


def columns_before(text: str) -> list[int] | None:
    """For each position 0..len(text), the columns the text before it takes; None when every
    character takes one column (the position is then the column)."""
    widths = text.translate(_WIDTH_CODES)
    if not widths.strip("1"):
        return None
    return [0, *itertools.accumulate(map(int, widths))]


class _Codes(dict[int, str]):
    """A ``str.translate`` table filled on demand: code point → one character standing for
    what ``describe`` says of it."""

    def __init__(self, describe: Callable[[str], str]) -> None:
        super().__init__()
        self._describe = describe

    def __missing__(self, code: int) -> str:
        self[code] = described = self._describe(chr(code))
        return described


_STATEFUL_CLASSES = frozenset({"BK", "ZW", "CM", "ZWJ", "RI", "HL"})
_STATEFUL_CODE, _SPACE_CODE = "!", " "
_CODE_CLASSES = {chr(0x41 + i): name for i, name in enumerate(_TABLE_CLASSES.split())}
_CLASS_CODE = {name: code for code, name in _CODE_CLASSES.items()}


def _class_code(char: str) -> str:
    line_class = _line_break_class(char)
    if line_class in _STATEFUL_CLASSES:
        return _STATEFUL_CODE
    return _SPACE_CODE if line_class == "SP" else _CLASS_CODE[line_class]


_CLASS_CODES = _Codes(_class_code)
_RUNS = re.compile(r" *(([^ ])\2*)", re.DOTALL)
# For codes of the classes before and after and whether spaces came between: may it break there?
_BREAKS_BETWEEN = {
    (before, after, spaced): _PAIRS[name_before, name_after] == "D"
    or (_PAIRS[name_before, name_after] == "I" and spaced)
    for before, name_before in _CODE_CLASSES.items()
    for after, name_after in _CODE_CLASSES.items()
    for spaced in (False, True)
}
_BREAKS_WITHIN = frozenset(
    code for code, name in _CODE_CLASSES.items() if _PAIRS[name, name] == "D"
)


def _pair_break(last: str, line_class: str, spaces: bool, flags: int) -> int:
    """Whether a line may break between a character of class ``last`` and one of ``line_class``."""
    if last == "BK":
        return PROHIBITED
    if last == "ZW":
        return POSSIBLE
    if last == line_class == "RI" and not spaces:
        return PROHIBITED if flags % 2 else POSSIBLE
    rule = _PAIRS[last, line_class]
    return POSSIBLE if rule == "D" or (rule == "I" and spaces) else PROHIBITED


# Characters whose column width libunistring sees differently from the Unicode categories.
_WIDTH_EXCEPTIONS = {0x0CBF: 1, 0x0CC6: 1, 0x11A07: 1, 0x11A08: 1, 0x11C3F: 1}


@functools.cache
def char_width(char: str) -> int:
    """Columns the character takes in a terminal (libunistring's ``uc_width`` for UTF-8)."""
    code = ord(char)
    category = unicodedata.category(char)
    if code in _WIDTH_EXCEPTIONS:
        return _WIDTH_EXCEPTIONS[code]
    if code < 0x20 or 0x7F <= code < 0xA0 or category in ("Mn", "Me", "Cf"):
        return 0
    if 0x1160 <= code <= 0x11FF or 0xD7B0 <= code <= 0xD7FF:
        return 0
    if category == "Cn":
        return 2 if 0x20000 <= code <= 0x3FFFD else 1
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


_WIDTH_CODES = _Codes(lambda char: str(char_width(char)))
