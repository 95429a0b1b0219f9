"""One check context per target language, built once and shared by ``check`` and ``review``.

It holds what the checks need beyond the entry itself (the source language, the glossary, the
current pivot-language text of each document, read once per document) and runs the registered
checks on entries and catalogs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import polib

from pipeline.config import Settings
from pipeline.glossary import Glossary, load_glossary
from pipeline.locales import find_catalogs, pivot_texts, read_catalog, select_languages
from pipeline.qa.registry import CHECKS, Finding, Pair
from pipeline.qa.report import CatalogFinding
from pipeline.units import ignored_checks, is_translated, live_entries, read_provenance

PivotTexts = Mapping[str, str]


def _no_pivots(doc_id: str) -> PivotTexts | None:
    return None


@dataclass
class CheckContext:
    """What the checks of one target language need, each part read once."""

    source_lang: str
    target_lang: str
    glossary: Glossary | None = None
    # A document's current pivot-language texts by msgid (None for a language without a pivot).
    read_pivots: Callable[[str], PivotTexts | None] = _no_pivots
    _pivots: dict[str, PivotTexts | None] = field(default_factory=dict)

    @classmethod
    def for_language(cls, settings: Settings, lang: str) -> CheckContext:
        """The context of a project's target language: its glossary, its documents' pivots."""
        return cls(
            settings.source_language,
            lang,
            load_glossary(settings.glossary, lang),
            lambda doc_id: pivot_texts(settings, doc_id, lang),
        )

    def pivots(self, doc_id: str) -> PivotTexts:
        """The current pivot-language texts of a document, read the first time it is asked for."""
        if doc_id not in self._pivots:
            self._pivots[doc_id] = self.read_pivots(doc_id)
        return self._pivots[doc_id] or {}

    def findings(self, entry: polib.POEntry, doc_id: str) -> list[Finding]:
        """The findings of one entry of document ``doc_id``."""
        pivot = self.pivots(doc_id).get(entry.msgid)
        return findings_for_entry(entry, self.source_lang, self.target_lang, self.glossary, pivot)

    def catalog_findings(self, po: polib.POFile, file: str, doc_id: str) -> list[CatalogFinding]:
        """The findings of every translated, current entry of one catalog, in file order."""
        return [
            CatalogFinding(file, entry.linenum, finding)
            for entry in live_entries(po)
            for finding in self.findings(entry, doc_id)
        ]


def findings_for_entry(
    entry: polib.POEntry,
    source_lang: str,
    target_lang: str,
    glossary: Glossary | None = None,
    pivot_text: str | None = None,
) -> list[Finding]:
    """The findings of every check on one translated entry, less those its comments silence.

    An untranslated entry (:mod:`pipeline.units`: whitespace is no translation) has none.
    ``pivot_text`` is the current pivot-language text of the entry, for the stale-pivot check.
    """
    if not is_translated(entry):
        return []
    record = read_provenance(entry)
    pair = Pair(
        source=entry.msgid,
        target=entry.msgstr,
        source_lang=source_lang,
        target_lang=target_lang,
        glossary=glossary,
        pivot_digest=record.pivot if record else None,
        pivot_text=pivot_text,
        ignored=ignored_checks(entry),
    )
    findings = (c.run(pair) for c in CHECKS.values() if c.name not in pair.ignored)
    return [finding for finding in findings if finding is not None]


def check_catalog(
    po: polib.POFile,
    file: str,
    source_lang: str,
    target_lang: str,
    glossary: Glossary | None = None,
    pivots: PivotTexts | None = None,
) -> list[CatalogFinding]:
    """The findings of every translated, current entry of one catalog, in file order.

    ``file`` names the catalog in the findings; ``pivots`` maps msgid to the current
    pivot-language text, for languages translated through the pivot.
    """
    context = CheckContext(source_lang, target_lang, glossary, lambda doc_id: pivots)
    return context.catalog_findings(po, file, doc_id=file)


def check_project(
    settings: Settings, langs: Iterable[str] | None = None, doc_ids: Iterable[str] = ()
) -> list[CatalogFinding]:
    """The findings of every catalog of the project (or of ``doc_ids``) in ``langs`` (all
    target languages)."""
    languages = select_languages(settings, langs)
    contexts = {lang: CheckContext.for_language(settings, lang) for lang in languages}
    located = []
    for catalog in find_catalogs(settings, languages, doc_ids):
        if not catalog.exists:
            continue
        name = settings.relative(catalog.path)
        po = read_catalog(settings, catalog.path)
        located += contexts[catalog.lang].catalog_findings(po, name, catalog.doc_id)
    return located
