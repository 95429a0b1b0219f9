"""Per-target-language glossaries: source terms and how they must appear in the translation.

A glossary lives in the project's glossary folder as ``<lang>.tsv`` (``source<TAB>target`` lines)
or ``<lang>.po`` (msgid = source term, msgstr = target). A term whose target is its own source
(a TSV line with only the source, or an untranslated msgstr) is never translated.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.files import read_regular_file
from pipeline.gettext import read_po
from pipeline.units import is_fuzzy, is_translated, live_entries

# Sources are typed with no-break spaces (U+00A0) or plain ones at random; a term matches either.
_SPACES = "[ \u00a0]"


@dataclass(frozen=True)
class Term:
    """One glossary entry: ``source`` in the source text becomes ``target`` in the translation."""

    source: str
    target: str

    @property
    def keep(self) -> bool:
        """The term is never translated: it stands in the translation as written in the source."""
        return self.target == self.source


@dataclass(frozen=True)
class Glossary:
    """The terms of one target language, in file order."""

    terms: tuple[Term, ...] = ()

    def find(self, text: str) -> list[Term]:
        """Terms occurring in ``text`` as whole words, longest source first (case-sensitive).

        A short term found only inside a longer one is still listed: choosing between overlapping
        occurrences is the caller's business (``pipeline.protect`` takes the longest).
        """
        found = [term for term in self.terms if find_term(term.source, text)]
        return sorted(found, key=lambda term: len(term.source), reverse=True)


def find_term(source: str, text: str) -> re.Match[str] | None:
    """Where ``source`` first stands in ``text`` as a whole word (see :func:`term_pattern`)."""
    # Most terms are absent from most texts: a plain substring test on the term's first word
    # rules them out far faster than the regex (which could only match where that word is).
    if _first_word(source) not in text:
        return None
    return term_pattern(source).search(text)


@cache
def _first_word(source: str) -> str:
    return re.split(_SPACES + "+", source.strip(" \u00a0"))[0]


_WORD_RUN = re.compile(r"\w+")


@cache
def leading_word(source: str) -> str | None:
    """The run of word characters ``source`` starts with (None if it starts with a mark).

    Wherever :func:`find_term` finds the term, this run stands in the text as a whole run of word
    characters (the term is matched whole-word, and a mark, a space or the end follows the run):
    a text's :func:`word_runs` without it cannot hold the term.
    """
    found = _WORD_RUN.match(_first_word(source))
    return found.group() if found else None


def word_runs(text: str) -> frozenset[str]:
    """The runs of word characters of ``text`` (see :func:`leading_word`)."""
    return frozenset(_WORD_RUN.findall(text))


@cache
def term_pattern(source: str) -> re.Pattern[str]:
    """A regex for ``source`` as a whole word, any space in it matching a plain or no-break one."""
    words = re.split(_SPACES + "+", source.strip(" \u00a0"))
    body = (_SPACES + "+").join(re.escape(word) for word in words)
    return re.compile(rf"(?<!\w){body}(?!\w)")


def load_glossary(directory: Path, lang: str) -> Glossary:
    """The glossary for ``lang`` from ``directory``; an empty one when there is no file for it."""
    if os.path.lexists(directory) and not directory.is_dir():
        raise PipelineError(
            f"{directory.name}: not a folder; the glossary folder holds <lang>.tsv or <lang>.po "
            "files: move the file away"
        )
    tsv, po = directory / f"{lang}.tsv", directory / f"{lang}.po"
    # anything at the path counts (a folder, a pipe), so that reading it says what is wrong
    if os.path.lexists(tsv) and os.path.lexists(po):
        raise PipelineError(
            f"{_display(tsv)} and {_display(po)} both exist; keep one glossary file per language"
        )
    if os.path.lexists(tsv):
        return Glossary(_unique(_read_tsv(tsv), tsv))
    if os.path.lexists(po):
        return Glossary(_unique(_read_po(po), po))
    return Glossary()


def _display(path: Path) -> str:
    """A glossary file as users know it: ``glossary/ru.tsv``."""
    return f"{path.parent.name}/{path.name}"


def _read_tsv(path: Path) -> list[tuple[int, Term]]:
    """(line number, term) for each entry; ``#`` comments and blank lines are skipped."""
    try:
        text = read_regular_file(path, _display(path), "a glossary file").decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PipelineError(f"{_display(path)}: not UTF-8; save the file as UTF-8") from exc
    except OSError as exc:
        raise PipelineError(f"{_display(path)}: cannot read the glossary: {exc.strerror}") from exc
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        entries.append((number, _parse_tsv_line(line, f"{_display(path)}:{number}")))
    return entries


def _parse_tsv_line(line: str, where: str) -> Term:
    fields = [field.strip(" ") for field in line.split("\t")]
    if len(fields) > 2 or not fields[0]:
        raise PipelineError(
            f"{where}: expected 'source<TAB>target' (or only 'source' for a term never "
            f"translated), found {len(fields)} tab-separated field(s): {line!r}"
        )
    source = fields[0]
    target = fields[1] if len(fields) == 2 and fields[1] else source
    return Term(source, target)


def _read_po(path: Path) -> list[tuple[int, Term]]:
    """(line number, term) for each live entry that is not fuzzy (the header is none)."""
    catalog = read_po(path, _display(path))
    for entry in catalog:
        if _UNDECODED.search(entry.msgid + entry.msgstr):
            raise PipelineError(
                f"{_display(path)}:{entry.linenum}: not UTF-8 and no charset declared; convert "
                "the glossary to UTF-8 or give it a header with its charset"
            )
    return [
        (entry.linenum, Term(entry.msgid, entry.msgstr if is_translated(entry) else entry.msgid))
        for entry in live_entries(catalog)
        if entry.msgid and not is_fuzzy(entry)
    ]


_UNDECODED = re.compile("[\udc80-\udcff]")  # bytes the reader kept undecoded (surrogateescape)


def _unique(entries: list[tuple[int, Term]], path: Path) -> tuple[Term, ...]:
    """The terms, refusing a source defined twice: which target wins would be a guess."""
    first_line: dict[str, int] = {}
    for number, term in entries:
        if term.source in first_line:
            raise PipelineError(
                f"{_display(path)}:{number}: {term.source!r} is already defined at line "
                f"{first_line[term.source]}; keep one entry"
            )
        first_line[term.source] = number
    return tuple(term for _, term in entries)
