"""Planning a translate run from the catalogs alone: which entries get a draft, by which route.

A plan is values: each job names its entry by document, language and key, and carries the text to
translate (already protected) and the legs to run, so executors need no catalog and no polib. The
catalogs being filled are kept beside the jobs, for the driver's saves (:mod:`.apply`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import polib

import pipeline.translate.settled as settled
from pipeline.catalog_save import EntryKey, TrackedCatalog, entry_key, read_bytes
from pipeline.config import Settings
from pipeline.drafts import Reason, draft_reason
from pipeline.glossary import Glossary, load_glossary
from pipeline.locales import read_if_present
from pipeline.mt import routes
from pipeline.mt.engine import Engine
from pipeline.mt.layout import Sentences, protect_paragraph, split_sentences_exactly
from pipeline.protect import Protected, localise_numbers
from pipeline.segment import Document
from pipeline.sources import VerbatimSpans, format_named, no_verbatim_spans
from pipeline.stamps import Stamps, digest
from pipeline.tm.memory import Memory, Unit
from pipeline.tm.sentences import from_sentences

Pair = routes.Pair


@dataclass(frozen=True)
class Target:
    """One catalog being filled, as the run read it; the known entry states guard its saves."""

    doc_id: str
    lang: str
    file: TrackedCatalog

    @property
    def display(self) -> str:
        return self.file.display


@dataclass(frozen=True)
class Job:
    """One entry to draft: its protected text goes through ``legs`` (language pairs)."""

    target: int  # index in Plan.targets
    doc_id: str
    lang: str
    key: EntryKey  # (msgctxt, msgid)
    line: int | None  # where the entry was read, for messages
    reason: Reason
    languages: tuple[str, ...]  # the whole route, e.g. ("es", "en", "ru")
    legs: tuple[Pair, ...]  # the pairs this job runs: the route, less a reviewed pivot's leg
    protected: Protected
    # The same placeholders with numbers written the pivot language's way, to put the machine
    # pivot text back as its own draft has it (en "3.5%", not ru "3,5 %"); None without one.
    pivot_protected: Protected | None
    reviewed_pivot: str | None  # the reviewed pivot text this draft starts from
    sentences: Sentences  # the protected text cut for the first leg (cut once, in the plan)

    @property
    def msgid(self) -> str:
        return self.key[1]

    @property
    def sentence_count(self) -> int:
        return len(self.sentences.sentences)


@dataclass(frozen=True)
class Reuse:
    """One entry filled from the translation memory instead of a model: an exact match, or
    one put together from its sentences' (``whole`` False; always a draft)."""

    target: int  # index in Plan.targets
    key: EntryKey
    unit: Unit
    whole: bool = True


@dataclass
class Plan:
    """Everything a run would do, computed from the catalogs without loading any model."""

    targets: list[Target] = field(default_factory=list)
    jobs: list[Job] = field(default_factory=list)
    reused: list[Reuse] = field(default_factory=list)
    # each document's pivot catalog as read: its digest and reviewed texts (msgid → msgstr)
    pivots: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)
    read: dict[tuple[str, str], str] = field(default_factory=dict)  # (doc, lang) → digest read

    @property
    def pairs(self) -> list[Pair]:
        """The language pairs the plan needs, in first-use order."""
        seen: dict[Pair, None] = {}
        for job in self.jobs:
            seen.update(dict.fromkeys(job.legs))
        return list(seen)

    @property
    def sentences(self) -> int:
        """Sentences the engines will see, counting each leg (the second leg estimated)."""
        return sum(job.sentence_count * len(job.legs) for job in self.jobs)


class _Routes:
    """Each language's route (:func:`routes.route`, fed by the pairs the engine has installed).

    The engine is asked for its pairs only once an entry needs a route, so that a run with
    nothing to do touches nothing of the engine's.
    """

    def __init__(self, settings: Settings, engine: Engine) -> None:
        self._settings = settings
        self._engine = engine
        self._offered: frozenset[Pair] | None = None
        self._routes: dict[str, tuple[Pair, ...]] = {}

    def __call__(self, lang: str) -> tuple[Pair, ...]:
        if lang not in self._routes:
            if self._offered is None:
                self._offered = self._engine.pairs()
            source, pivot = self._settings.source_language, self._settings.pivot_language
            self._routes[lang] = routes.route(source, lang, pivot, self._offered)
        return self._routes[lang]


def plan_translation(
    settings: Settings,
    documents: Sequence[Document],
    langs: Sequence[str],
    engine: Engine,
    memory: Callable[[], Memory] | None = None,
    stamps: Stamps | None = None,
    on_job: Callable[[Job], None] | None = None,
) -> Plan:
    """Read each catalog and decide which entries get a machine draft, routed by ``engine``.

    With ``memory`` (called only once an entry needs a draft, so that a project with nothing to
    do builds no memory), an exact match fills the entry instead of a model (else translations
    of each of its sentences, :mod:`pipeline.tm.sentences`), and a reviewed
    pivot-language translation found there is the pivot where the document has none. With
    ``stamps``, a catalog that had nothing to draft is recorded, and is not even parsed while
    it and its document's pivot catalog stay as they were (:mod:`.settled`). ``on_job`` sees
    each job as it is planned (the run starts loading models at the first).
    """
    plan = Plan()
    route_to = _Routes(settings, engine)
    glossaries = {lang: load_glossary(settings.glossary, lang) for lang in langs}
    pivot = settings.pivot_language
    for document in documents:
        source_format = format_named(document.format)
        verbatim = (
            source_format.verbatim_in(document.source_text)
            if source_format is not None
            else no_verbatim_spans
        )
        # The bytes first, then the parse (as TrackedCatalog.open): a save in between is then
        # seen as a change at the first save, never taken for what was read.
        paths = {lang: settings.catalog_path(document.doc_id, lang) for lang in [*langs, pivot]}
        seen = {lang: read_bytes(path) for lang, path in paths.items()}
        digests = {lang: digest(data) for lang, data in seen.items()}
        doc_id = document.doc_id
        todo = [
            lang
            for lang in langs
            if stamps is None or not settled.is_settled(stamps, doc_id, lang, pivot, digests)
        ]
        if not todo:
            continue
        catalogs = {lang: read_if_present(settings, paths[lang]) for lang in {*todo, pivot}}
        reviewed_pivot = settled.reviewed_texts(catalogs[pivot])
        plan.pivots[document.doc_id] = (digests[pivot], reviewed_pivot)
        for lang in todo:
            catalog = catalogs[lang]
            if catalog is None:
                continue
            path = paths[lang]
            file = TrackedCatalog(path, settings.relative(path), catalog, seen[lang])
            target = len(plan.targets)
            plan.targets.append(Target(document.doc_id, lang, file))
            plan.read[document.doc_id, lang] = digests[lang]
            nothing_to_do = True
            for entry in catalog:
                strict_pivot = reviewed_pivot.get(entry.msgid) if lang != pivot else None
                pivot_text = strict_pivot
                if pivot_text is not None and len(route_to(lang)) == 1:
                    pivot_text = None  # a direct route does not start from the pivot
                reason = draft_reason(entry, pivot_text)
                if reason is None:
                    # a stamp must hold whatever the route: a pivoted one also checks the pivot
                    if pivot_text is None and strict_pivot is not None:
                        nothing_to_do &= draft_reason(entry, strict_pivot) is None
                    continue
                nothing_to_do = False
                file.adopt([entry_key(entry)])
                reuse = _reuse(memory, (target, entry), lang, settings.source_language)
                if reuse is not None:
                    plan.reused.append(reuse)
                    continue
                legs = route_to(lang)
                if pivot_text is None and memory is not None and lang != pivot and len(legs) > 1:
                    pivoted = memory().exact(pivot, entry.msgid, reviewed_only=True)
                    pivot_text = pivoted.target if pivoted is not None else None
                where = (target, document.doc_id, lang)
                job = _job(where, entry, reason, legs, pivot_text, glossaries[lang], verbatim)
                plan.jobs.append(job)
                if on_job is not None:
                    on_job(job)
            if nothing_to_do and stamps is not None:
                settled.record(stamps, document.doc_id, lang, pivot, digests)
    return plan


def _reuse(
    memory: Callable[[], Memory] | None,
    where: tuple[int, polib.POEntry],
    lang: str,
    source_language: str,
) -> Reuse | None:
    """The memory's translation of the entry: its paragraph's, else its sentences'."""
    if memory is None:
        return None
    target, entry = where
    found = memory().exact(lang, entry.msgid)
    if found is not None:
        return Reuse(target, entry_key(entry), found)
    joined = from_sentences(memory(), lang, entry.msgid, source_language)
    return Reuse(target, entry_key(entry), joined, whole=False) if joined is not None else None


def _job(
    where: tuple[int, str, str],
    entry: polib.POEntry,
    reason: Reason,
    legs: tuple[Pair, ...],
    reviewed_pivot: str | None,
    glossary: Glossary,
    verbatim: VerbatimSpans = no_verbatim_spans,
) -> Job:
    languages = (legs[0][0],) + tuple(to for _from, to in legs)
    if reviewed_pivot is not None:
        # A person's pivot-language text is better input than a fresh machine draft.
        legs = legs[1:]
    text = reviewed_pivot if reviewed_pivot is not None else entry.msgid
    masked = protect_paragraph(text, glossary.find(text), verbatim(text))
    protected = localise_numbers(masked, legs[0][0], languages[-1])
    pivot_protected = localise_numbers(masked, *legs[0]) if len(legs) > 1 else None
    sentences = split_sentences_exactly(protected.text, legs[0][0])
    target, doc_id, lang = where
    return Job(
        target,
        doc_id,
        lang,
        entry_key(entry),
        entry.linenum or None,
        reason,
        languages,
        legs,
        protected,
        pivot_protected,
        reviewed_pivot,
        sentences,
    )
