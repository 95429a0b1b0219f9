"""How far the translation of each document has come: reviewed, drafted, untranslated.

Each live entry counts in its :class:`pipeline.units.State`, with its source paragraph's
words (:func:`pipeline.units.word_count`, once per entry), so percentages compare across
languages and agree with ``publish --min-reviewed``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import polib

from pipeline.config import Settings
from pipeline.locales import find_catalogs, pivot_changed, pivot_texts, read_catalog
from pipeline.units import State, live_entries, percent_of, read_provenance, state, word_count

REVIEWED, DRAFT, UNTRANSLATED = "reviewed", "drafts", "untranslated"
STATES = (REVIEWED, DRAFT, UNTRANSLATED)
_FIELD = {State.REVIEWED: REVIEWED, State.DRAFT: DRAFT, State.UNTRANSLATED: UNTRANSLATED}


@dataclass(frozen=True)
class Tally:
    """A number of entries and of their source words."""

    entries: int = 0
    words: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.entries + other.entries, self.words + other.words)


@dataclass(frozen=True)
class Stats:
    """The entries and words of one catalog in each state.

    ``stale`` counts reviewed entries whose pivot-language text changed since they were drafted;
    None for a language that is not translated through the pivot.
    """

    reviewed: Tally
    drafts: Tally
    untranslated: Tally
    stale: int | None = None

    @property
    def total(self) -> Tally:
        return self.reviewed + self.drafts + self.untranslated

    def share(self, column: str) -> float:
        """The share of source words in ``column`` (a state), 0-100, unrounded."""
        return percent_of(getattr(self, column).words, self.total.words)

    def percent(self, column: str) -> float:
        """:meth:`share` rounded to a tenth, for display."""
        return round(self.share(column), 1)


@dataclass(frozen=True)
class CatalogStatus:
    """The stats of one document in one language; ``file`` is relative to the project."""

    doc_id: str
    lang: str
    file: str
    stats: Stats

    def as_dict(self) -> dict[str, object]:
        counts = {
            column: {
                "entries": getattr(self.stats, column).entries,
                "words": getattr(self.stats, column).words,
                "percent": self.stats.percent(column),
            }
            for column in STATES
        }
        total = {"entries": self.stats.total.entries, "words": self.stats.total.words}
        return {
            "document": self.doc_id,
            "language": self.lang,
            "catalog": self.file,
            **counts,
            "total": total,
            "stale": self.stats.stale,
        }


def catalog_stats(po: polib.POFile, pivots: Mapping[str, str] | None = None) -> Stats:
    """Count one catalog; with ``pivots`` (msgid → current pivot text) count stale entries too."""
    tallies = dict.fromkeys(STATES, Tally())
    stale = 0
    for entry in live_entries(po):
        current = state(entry)
        tallies[_FIELD[current]] += Tally(1, word_count(entry.msgid))
        if current is State.REVIEWED and pivots is not None and _is_stale(entry, pivots):
            stale += 1
    return Stats(**tallies, stale=stale if pivots is not None else None)


def _is_stale(entry: polib.POEntry, pivots: Mapping[str, str]) -> bool:
    record = read_provenance(entry)
    return record is not None and pivot_changed(record.pivot, pivots.get(entry.msgid))


def project_status(
    settings: Settings, langs: Iterable[str] | None = None, doc_ids: Iterable[str] = ()
) -> list[CatalogStatus]:
    """The stats of every document (or of ``doc_ids``) in every target language (or ``langs``).

    A document whose catalog does not exist yet counts from its template: all untranslated.
    """
    statuses = []
    for catalog in find_catalogs(settings, langs, doc_ids):
        path = catalog.path if catalog.exists else settings.template_path(catalog.doc_id)
        name = settings.relative(path)
        po = read_catalog(settings, path)
        pivots = pivot_texts(settings, catalog.doc_id, catalog.lang)
        statuses.append(
            CatalogStatus(catalog.doc_id, catalog.lang, name, catalog_stats(po, pivots))
        )
    return statuses


def below(statuses: Iterable[CatalogStatus], percent: float) -> list[CatalogStatus]:
    """The catalogs with words whose reviewed share is under ``percent``."""
    return [s for s in statuses if s.stats.total.words and s.stats.share(REVIEWED) < percent]


def format_table(statuses: list[CatalogStatus]) -> str:
    """A plain-text table: one row per document and language, entries/words/% of each state."""
    header = ["document", "lang", *STATES, "stale"]
    rows = [header] + [_row(status) for status in statuses]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    return "\n".join(line.rstrip() for line in lines)


def _row(status: CatalogStatus) -> list[str]:
    stats = status.stats
    cells = [status.doc_id, status.lang]
    for column in STATES:
        tally = getattr(stats, column)
        cells.append(f"{tally.entries} ({tally.words} w) {stats.percent(column):.1f}%")
    cells.append("-" if stats.stale is None else str(stats.stale))
    return cells
