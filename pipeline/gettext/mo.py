"""Binary ``.mo`` catalogs, byte for byte as GNU msgfmt 0.21 writes them (without options).

Neither polib nor Babel writes msgfmt's file: both leave out the hash table that gettext's
runtime uses to find a message without a binary search, and order or encode some keys
differently. The layout follows gettext's ``write-mo.c``: a 28-byte little-endian header, the
tables of original and translated strings (length, offset) sorted by original, a hash table of
``next_prime(4n/3)`` slots (at least 3) filled by open addressing with gettext's
``hashpjw``, then the strings themselves, each followed by a NUL, in the catalog's own charset.

The header loses its POT-Creation-Date line, as in msgfmt. msgfmt leaves out obsolete entries,
untranslated ones (an empty first msgstr) and fuzzy ones, except that a fuzzy header is still
written; a key with a context is ``msgctxt\\x04msgid``; a
plural's key is ``msgid\\0msgid_plural`` and its translation the forms joined by NULs.
"""

from __future__ import annotations

import struct

import polib

from pipeline.units import is_fuzzy

MAGIC = 0x950412DE
_HEADER_SIZE = 28
_CREATION_DATE = "POT-Creation-Date:"


def mo_bytes(po: polib.POFile) -> bytes | None:
    """The ``.mo`` file msgfmt makes of ``po``, a catalog read by
    :func:`pipeline.gettext.read_po` (its header as read); None when no message is translated,
    where msgfmt writes no file."""
    charset = getattr(po, "charset", None) or po.encoding or "UTF-8"
    messages = sorted(_messages(po, charset))
    if not messages:
        return None
    count = len(messages)
    hash_size = max(3, _next_prime(count * 4 // 3))
    originals_table = _HEADER_SIZE
    translations_table = originals_table + 8 * count
    hash_table = translations_table + 8 * count
    offset = hash_table + 4 * hash_size
    originals, translations, strings = [], [], []
    for key, _value in messages:
        originals.append((len(key), offset))
        strings.append(key + b"\0")
        offset += len(key) + 1
    for _key, value in messages:
        translations.append((len(value), offset))
        strings.append(value + b"\0")
        offset += len(value) + 1
    header = struct.pack(
        "<7I", MAGIC, 0, count, originals_table, translations_table, hash_size, hash_table
    )
    tables = b"".join(struct.pack("<2I", *pair) for pair in originals + translations)
    slots = _hash_table([key for key, _value in messages], hash_size)
    return header + tables + struct.pack(f"<{hash_size}I", *slots) + b"".join(strings)


def _messages(po: polib.POFile, charset: str) -> list[tuple[bytes, bytes]]:
    header = getattr(po, "header_entry", None)
    messages = []
    if header is not None and header.msgstr:
        messages.append((b"", _encode(_without_creation_date(header.msgstr), charset)))
    for entry in po:
        if entry.obsolete or (is_fuzzy(entry) and entry.msgid):
            continue
        key, value = _key_and_value(entry)
        if value.split("\0", 1)[0] == "":
            continue
        messages.append((_encode(key, charset), _encode(value, charset)))
    return messages


def _encode(text: str, charset: str) -> bytes:
    # bytes the declared charset could not decode were kept as surrogates: written back as read
    return text.encode(charset, "surrogateescape")


def _without_creation_date(header: str) -> str:
    """The header less its POT-Creation-Date line, which msgfmt drops (reproducible builds)."""
    lines = header.splitlines(keepends=True)
    for number, line in enumerate(lines):
        if line.startswith(_CREATION_DATE):
            return "".join(lines[:number] + lines[number + 1 :])
    return header


def _key_and_value(entry: polib.POEntry) -> tuple[str, str]:
    key = entry.msgid
    if entry.msgctxt is not None:
        key = f"{entry.msgctxt}\x04{key}"
    if not entry.msgid_plural:
        return key, entry.msgstr
    forms = [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
    return f"{key}\0{entry.msgid_plural}", "\0".join(forms)


def _hash_table(keys: list[bytes], size: int) -> list[int]:
    """Slot → 1 + index of the key there (0: empty), by gettext's double hashing."""
    slots = [0] * size
    for index, key in enumerate(keys):
        value = hashpjw(key.split(b"\0", 1)[0])
        slot = value % size
        step = 1 + value % (size - 2)
        while slots[slot]:
            slot = slot - (size - step) if slot >= size - step else slot + step
        slots[slot] = index + 1
    return slots


def hashpjw(data: bytes) -> int:
    """gettext's ``hash_string`` (P. J. Weinberger's hash, 32 bits)."""
    value = 0
    for byte in data:
        value = ((value << 4) + byte) & 0xFFFFFFFF
        high = value & 0xF0000000
        if high:
            value ^= high >> 24
            value ^= high
    return value


def _next_prime(seed: int) -> int:
    candidate = seed | 1
    while not _is_prime(candidate):
        candidate += 2
    return candidate


def _is_prime(candidate: int) -> bool:
    """gettext's ``is_prime``, exactly: it is only ever given odd numbers, and takes 1 for a
    prime and 3 for none, which decides the table sizes msgfmt writes."""
    divisor, square = 3, 9
    while square < candidate and candidate % divisor != 0:
        divisor += 1
        square += 4 * divisor
        divisor += 1
    return candidate % divisor != 0
