"""Where a machine draft came from, kept in translator comments so that it survives msgmerge.

gettext tools keep translator comments (``# ...``) but drop unknown flags and rewrite extracted
comments (``#.``), so provenance lives in translator comment lines that start with ``mt:``::

    # mt: engine=argos route=es>en>ru
    # mt: packages=translate-es_en@1.9,translate-en_ru@1.9
    # mt: src=1f0c2a9b4e7d pivot=8a7e6b5c4d3f out=0b9c8d7e6f5a

The lines stay short because some PO tools (polib among them) wrap long comments, even inside a
word. ``src`` is a digest of the source paragraph the draft was made from, ``pivot`` of the English
text it went through (Russian only), ``out`` of the text the machine produced: a draft whose msgstr
no longer matches ``out`` was edited by a person and is never replaced by a machine.

When a person accepts a draft (in ``pipeline review``, or in another editor, which the pipeline
notices the next time it reads the catalog) the record gains a line ``# mt: accepted``. The text
is then a person's whatever tool touches the file later: ``msgmerge`` may make the entry fuzzy
again when its source changes, and the output digest still matches, but an accepted record is
never taken for an unedited machine draft.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import polib

PREFIX = "mt:"
_ACCEPTED = "accepted"
_DIGEST_CHARS = 12


def digest(text: str) -> str:
    """A short, stable fingerprint of a text (not a security measure)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:_DIGEST_CHARS]


def source_digest(msgid: str) -> str:
    """Fingerprint of a source paragraph; whitespace-only edits do not change it."""
    return digest(" ".join(msgid.split()))


@dataclass(frozen=True)
class Provenance:
    """The record of one machine draft."""

    engine: str
    route: tuple[str, ...]  # language codes, e.g. ("es", "en", "ru")
    packages: tuple[str, ...]  # "code@version" of each package used, in route order
    src: str  # digest of the source paragraph
    out: str  # digest of the machine output
    pivot: str | None = None  # digest of the pivot-language text, when the route pivots
    accepted: bool = False  # a person accepted the text: no machine may replace it

    def to_comment(self) -> str:
        """The comment lines' text (without the leading ``# ``)."""
        digests = [f"src={self.src}"]
        if self.pivot is not None:
            digests.append(f"pivot={self.pivot}")
        digests.append(f"out={self.out}")
        lines = [
            f"{PREFIX} engine={self.engine} route={'>'.join(self.route)}",
            f"{PREFIX} packages={','.join(self.packages)}",
            f"{PREFIX} {' '.join(digests)}",
        ]
        if self.accepted:
            lines.append(f"{PREFIX} {_ACCEPTED}")
        return "\n".join(lines)

    @classmethod
    def from_comment(cls, comment: str) -> Provenance | None:
        """Parse the ``mt:`` lines of a translator comment; None if there is no whole record."""
        fields: dict[str, str] = {}
        accepted = False
        for line in comment.splitlines():
            words = line.split()
            if words and words[0] == PREFIX:
                fields.update(word.split("=", 1) for word in words[1:] if "=" in word)
                accepted = accepted or words[1:] == [_ACCEPTED]
        try:
            return cls(
                engine=fields["engine"],
                route=tuple(fields["route"].split(">")),
                packages=tuple(p for p in fields.get("packages", "").split(",") if p),
                src=fields["src"],
                out=fields["out"],
                pivot=fields.get("pivot"),
                accepted=accepted,
            )
        except KeyError:
            return None

    def made(self, msgstr: str) -> bool:
        """True if ``msgstr`` is still exactly what the machine wrote and nobody accepted it."""
        return not self.accepted and digest(msgstr) == self.out


def record_acceptance(entry: polib.POEntry) -> None:
    """Mark the entry's provenance record (if any) accepted: its text is now a person's."""
    record = read_provenance(entry)
    if record is not None and not record.accepted:
        # appended, not rewritten: the record's own lines stay as the file has them
        entry.tcomment = f"{entry.tcomment}\n{PREFIX} {_ACCEPTED}"


def read_provenance(entry: polib.POEntry) -> Provenance | None:
    """The provenance record in an entry's translator comments, if any."""
    return Provenance.from_comment(entry.tcomment or "")


def people_comment(entry: polib.POEntry) -> str:
    """An entry's translator comments without the provenance record: what people wrote."""
    return "\n".join(
        line for line in (entry.tcomment or "").splitlines() if not _is_record_line(line)
    )


def write_provenance(entry: polib.POEntry, record: Provenance | None) -> None:
    """Replace the entry's provenance record; other translator comments stay as they were."""
    kept = people_comment(entry).splitlines()
    if record is not None:
        kept.append(record.to_comment())
    entry.tcomment = "\n".join(kept)


def _is_record_line(line: str) -> bool:
    words = line.split()
    return bool(words) and words[0] == PREFIX
