"""The pipeline as a library: each command is a function that returns what it did, printing nothing.

Each function takes the project (its :class:`~pipeline.config.Settings`, or the path of its folder)
and the command's options, and returns a result object; ``pipeline.cli`` only parses options, calls
these and prints the results. Errors the user can fix raise :class:`~pipeline.errors.PipelineError`.

The stage modules are imported inside the functions, so importing this module (as
``pipeline --help`` does) loads no MT library and no template engine.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.config import Settings, load_settings

if TYPE_CHECKING:
    from pipeline.extract import FileChange
    from pipeline.mt.argos.packages import InstallResult, PackageOverview
    from pipeline.mt.engine import Engine
    from pipeline.publish import PublishReport
    from pipeline.qa import CatalogFinding
    from pipeline.review.session import Draft
    from pipeline.segment import Document
    from pipeline.stats import CatalogStatus
    from pipeline.tm.exchange import TmxImport
    from pipeline.translate import Outcome
    from pipeline.translate.executors import ExecutorChoice
    from pipeline.xliff.merge import XliffImport

Project = Settings | str | os.PathLike[str]
ProgressFactory = Callable[[int], AbstractContextManager[Callable[[int], None]]]


def settings_of(project: Project) -> Settings:
    """The settings themselves, or those read from the project folder's pyproject.toml."""
    return project if isinstance(project, Settings) else load_settings(Path(project))


def no_progress(_total: int) -> AbstractContextManager[Callable[[int], None]]:
    """The default progress: none."""
    return nullcontext(lambda _done: None)


def _ignore(_line: str) -> None:
    pass


# --- extract --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentResult:
    """One source document's extraction: the files it changed, or why it failed."""

    name: str  # the source file, as users see it
    changes: tuple[FileChange, ...] = ()
    error: str | None = None


@dataclass(frozen=True)
class ExtractResult:
    """Every document's extraction, in the order they were done (load failures first)."""

    results: tuple[DocumentResult, ...]
    documents: tuple[Document, ...]  # those extracted, ready to translate

    @property
    def changes(self) -> list[FileChange]:
        return [change for result in self.results for change in result.changes]

    @property
    def errors(self) -> list[str]:
        return [result.error for result in self.results if result.error is not None]


def extract(project: Project, documents: Sequence[str] = ()) -> ExtractResult:
    """Update the templates and catalogs of every document (or those named by id) from the sources.

    A document that cannot be read or merged is recorded in the result and the others go on.
    """
    from pipeline.errors import PipelineError
    from pipeline.extract import extract_document, load_documents
    from pipeline.stamps import Stamps

    settings = settings_of(project)
    stamps = Stamps(settings, "extract")
    results: list[DocumentResult] = []
    loaded = load_documents(
        settings,
        tuple(documents),
        on_error=lambda name, message: results.append(DocumentResult(name, error=message)),
    )
    extracted = []
    for document in loaded:
        name = settings.relative(document.path)
        try:
            changes = extract_document(settings, document, stamps)
        except PipelineError as exc:
            results.append(DocumentResult(name, error=str(exc)))
            continue
        results.append(DocumentResult(name, tuple(changes)))
        extracted.append(document)
    stamps.save()
    return ExtractResult(tuple(results), tuple(extracted))


# --- translate and run ----------------------------------------------------------------------


@dataclass(frozen=True)
class TranslateResult:
    """The extraction that came first, then what translating did (drafts, warnings, speed)."""

    extracted: ExtractResult
    outcome: Outcome


def translate(
    project: Project,
    documents: Sequence[str] = (),
    langs: Sequence[str] = (),
    *,
    engine: Engine | None = None,
    engine_flags: Mapping[str, object] | None = None,
    progress: ProgressFactory = no_progress,
    install: Callable[[str], None] | None = None,
    on_extracted: Callable[[ExtractResult], None] | None = None,
    executor: ExecutorChoice | None = None,
) -> TranslateResult:
    """Extract, then fill the catalogs with machine drafts (fuzzy), under the project's lock.

    ``engine`` defaults to the project's (``[tool.pipeline] engine``, made with ``engine_flags``).
    ``progress(total)`` gives a context yielding a callback of sentences done. With ``install``,
    missing models are installed first and each line the engine reports is passed to it; without,
    a missing model raises :class:`~pipeline.mt.engine.ModelsUnavailable`. ``on_extracted`` sees
    the extraction before translating starts (the CLI prints it then). ``executor`` says where
    the models run (default: the project's ``executor`` setting, local).
    """
    from pipeline.locales import select_languages
    from pipeline.lock import translate_lock
    from pipeline.mt.registry import engine_for
    from pipeline.translate import translate_documents

    settings = settings_of(project)
    chosen = select_languages(settings, langs)
    with translate_lock(settings):
        extracted = extract(settings, documents)
        if on_extracted is not None:
            on_extracted(extracted)
        chosen_engine = engine if engine is not None else engine_for(settings, engine_flags)
        outcome = translate_documents(
            settings,
            list(extracted.documents),
            chosen,
            chosen_engine,
            progress,
            install=install,
            executor=executor,
            engine_flags=engine_flags,
        )
    return TranslateResult(extracted, outcome)


@dataclass(frozen=True)
class RunResult:
    """What ``run`` did: extraction, translation (None when no language had its models),
    publication."""

    extracted: ExtractResult
    outcome: Outcome | None
    not_translated: str | None  # why nothing was translated: the missing models and how to get them
    published: PublishReport

    @property
    def failed(self) -> bool:
        """A document could not be extracted or published."""
        return bool(self.extracted.errors or self.published.errors)


def run(
    project: Project,
    *,
    engine: Engine | None = None,
    engine_flags: Mapping[str, object] | None = None,
    progress: ProgressFactory = no_progress,
    install: Callable[[str], None] = _ignore,
    on_extracted: Callable[[ExtractResult], None] | None = None,
    executor: ExecutorChoice | None = None,
) -> RunResult:
    """The main job: extract, translate (installing missing models when it can), publish.

    Without the models, the sources are still extracted and published (translations pending).
    """
    from pipeline.mt.engine import ModelsUnavailable

    settings = settings_of(project)
    seen: list[ExtractResult] = []

    def extracted(result: ExtractResult) -> None:
        seen.append(result)
        if on_extracted is not None:
            on_extracted(result)

    from pipeline.mt.registry import engine_for
    from pipeline.translate import languages_with_models

    chosen_engine = engine if engine is not None else engine_for(settings, engine_flags)
    outcome, missing = None, None
    try:
        outcome = translate(
            settings,
            engine=chosen_engine,
            engine_flags=engine_flags,
            progress=progress,
            install=install,
            on_extracted=extracted,
            executor=executor,
        ).outcome
    except ModelsUnavailable as exc:
        missing = str(exc)
        # The languages whose every pair has a model are still drafted (English through
        # Apertium while the Russian model is missing); the rest wait for their models.
        ready = languages_with_models(settings, chosen_engine)
        if ready:
            outcome = translate(
                settings,
                langs=ready,
                engine=chosen_engine,
                engine_flags=engine_flags,
                progress=progress,
                executor=executor,
            ).outcome
    return RunResult(seen[0], outcome, missing, publish(settings))


# --- status, check, publish -----------------------------------------------------------------


@dataclass(frozen=True)
class StatusResult:
    """Counts per catalog, and catalogs of languages the project does not list."""

    statuses: list[CatalogStatus]
    warnings: list[str]

    def below(self, percent: float) -> list[CatalogStatus]:
        """The catalogs with less than ``percent``% of their words reviewed."""
        from pipeline.stats import below

        return below(self.statuses, percent)


def chosen_documents(settings: Settings, documents: Sequence[str]) -> tuple[str, ...]:
    """The ids of the documents named (each must have a source, as for extract); () for all."""
    from pipeline.extract import source_paths

    return tuple(path.stem for path in source_paths(settings, documents)) if documents else ()


def status(
    project: Project, langs: Iterable[str] = (), documents: Sequence[str] = ()
) -> StatusResult:
    """Entries and words reviewed, drafted and untranslated per document (all, or those named
    by id) and language."""
    from pipeline.locales import unconfigured_catalogs
    from pipeline.stats import project_status

    settings = settings_of(project)
    doc_ids = chosen_documents(settings, documents)
    warnings = unconfigured_catalogs(settings)
    return StatusResult(project_status(settings, tuple(langs), doc_ids), warnings)


@dataclass(frozen=True)
class CheckResult:
    """The quality checks' findings, and catalogs of languages the project does not list."""

    findings: list[CatalogFinding]
    warnings: list[str]

    def fails(self, strict: bool = False) -> bool:
        """An error was found (with ``strict``, a warning too)."""
        from pipeline.qa import fails

        return fails(self.findings, strict)


def check(
    project: Project, langs: Iterable[str] = (), documents: Sequence[str] = ()
) -> CheckResult:
    """Quality checks on every translated entry (of every document, or of those named by id)."""
    from pipeline.locales import unconfigured_catalogs
    from pipeline.qa import check_project

    settings = settings_of(project)
    doc_ids = chosen_documents(settings, documents)
    warnings = unconfigured_catalogs(settings)
    return CheckResult(check_project(settings, tuple(langs), doc_ids), warnings)


def publish(
    project: Project,
    reviewed_only: bool = False,
    min_reviewed: float | None = None,
    documents: Sequence[str] = (),
    fallback_source: bool = False,
    check: bool | None = None,
) -> PublishReport:
    """Render parallel pages (HTML and Markdown) and each language's edition of every document
    (or of those named by id) into the output folder, and the index of every document;
    ``fallback_source`` fills an edition's untranslated blocks with the source, marked;
    ``check`` (None: the project's ``publish_check``) refuses drafts with error findings."""
    from pipeline.publish import PublishOptions
    from pipeline.publish import publish as publish_all

    settings = settings_of(project)
    doc_ids = chosen_documents(settings, documents)
    options = PublishOptions(reviewed_only, min_reviewed, fallback_source, check)
    return publish_all(settings, options, doc_ids)


# --- review ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewResult:
    """What accepting every checked draft did."""

    drafts: int  # drafts there were
    accepted: list[Draft] = field(default_factory=list)
    changed_on_disk: list[str] = field(default_factory=list)  # ``file:line``, their version kept


def accept_checked(
    project: Project, lang: str, documents: Iterable[str] = (), reviewer: str | None = None
) -> ReviewResult:
    """Accept every draft of ``lang`` without error or warning findings (``review
    --accept-all-checked``); ``reviewer`` defaults to git's user.name and user.email.

    The interactive review is a terminal session: :mod:`pipeline.review.tui`.
    """
    from pipeline.review.session import (
        accept_all_checked,
        load_drafts,
        make_checker,
        resolve_reviewer,
    )

    settings = settings_of(project)
    drafts = load_drafts(settings, lang, documents)
    if not drafts:
        return ReviewResult(0)
    who = resolve_reviewer(reviewer, settings.root)
    done = accept_all_checked(drafts, who, make_checker(settings, lang))
    return ReviewResult(len(drafts), done.accepted, done.changed_on_disk)


# --- models ---------------------------------------------------------------------------------


def models_list(project: Project, index: str | None = None) -> PackageOverview:
    """Installed packages, and what the package index offers for the project's languages."""
    from pipeline.mt.argos.packages import package_overview

    return package_overview(settings_of(project), index)


def other_engines(project: Project) -> list[str]:
    """One line per engine besides Argos that the project may use: the pairs it offers now,
    each with what translates it (``apertium: es→en (apertium-spa-eng@0.8.1-2)``)."""
    from pipeline.mt.engine import ModelsUnavailable
    from pipeline.mt.registry import made_engine
    from pipeline.mt.routes import required_packages

    settings = settings_of(project)
    lines = []
    for name in settings.engine_order:
        if name == "argos":
            continue
        engine = made_engine(name, settings)
        offered = sorted(engine.pairs())
        if offered:
            pairs = ", ".join(f"{pair} ({engine.identity(pair)})" for pair in offered)
            lines.append(f"{name}: {pairs}")
            continue
        needed = required_packages(
            settings.source_language, settings.target_languages, settings.pivot_language
        )
        try:
            engine.ensure(needed)
            lines.append(f"{name}: no pairs")
        except ModelsUnavailable as missing:
            lines.append(f"{name}: no pairs ({missing})")
    return lines


def models_install(
    project: Project,
    pairs: Sequence[str] = (),
    index: str | None = None,
    upgrade: bool = False,
) -> list[InstallResult]:
    """Download and install the packages of ``pairs`` (``"es-en"``), or those the project needs."""
    from pipeline.mt.argos.packages import install_packages
    from pipeline.mt.routes import Pair

    chosen = [Pair.parse(pair) for pair in pairs] or None
    return install_packages(settings_of(project), chosen, index_location=index, upgrade=upgrade)


def models_import(file: Path) -> InstallResult:
    """Install a downloaded ``.argosmodel`` file, replacing an installed package of its pair."""
    from pipeline.files import require_regular_file
    from pipeline.mt.argos.packages import import_package

    require_regular_file(file, str(file), "a downloaded .argosmodel file")
    return import_package(file)


def models_remove(name: str) -> list[Path]:
    """Remove the installed package named by its pair (``es-en``) or folder; the folders removed."""
    from pipeline.mt.argos.packages import remove_packages

    return remove_packages(name)


# --- compile, translation memory, XLIFF -----------------------------------------------------


def compile_catalogs(project: Project, langs: Iterable[str] = ()) -> list[tuple[str, bool]]:
    """Write ``<doc>.mo`` beside each catalog, as ``msgfmt`` makes it (fuzzy entries left out).

    Returns each ``.mo`` file (relative to the project) and whether it changed; a catalog with
    nothing reviewed gets none, as msgfmt writes none.
    """
    from pipeline.atomic import write_bytes_atomic
    from pipeline.gettext.mo import mo_bytes
    from pipeline.locales import find_catalogs, read_catalog

    settings = settings_of(project)
    written = []
    for found in find_catalogs(settings, tuple(langs)):
        if not found.exists:
            continue
        data = mo_bytes(read_catalog(settings, found.path))
        if data is not None:
            mo = found.path.with_suffix(".mo")
            written.append((settings.relative(mo), write_bytes_atomic(mo, data)))
    return written


def tm_export(project: Project, destination: Path) -> int:
    """Every reviewed translation of the project as a TMX 1.4b file; returns the units."""
    from pipeline.tm.exchange import export_tmx

    return export_tmx(settings_of(project), destination)


def tm_import(project: Project, file: Path) -> TmxImport:
    """Keep a TMX file's units in the project's languages as reference memory (``tm/``)."""
    from pipeline.tm.exchange import import_tmx

    return import_tmx(settings_of(project), file)


def xliff_export(
    project: Project, folder: Path, langs: Iterable[str] = (), documents: Sequence[str] = ()
) -> list[tuple[str, bool]]:
    """One XLIFF 2.1 file per document and language, ``<folder>/<doc>.<lang>.xlf``."""
    from pipeline.atomic import write_bytes_atomic
    from pipeline.extract import source_paths
    from pipeline.locales import find_catalogs, read_catalog
    from pipeline.sources import format_for, is_registered
    from pipeline.sources.markup import no_markup
    from pipeline.xliff.write import xliff_bytes

    settings = settings_of(project)
    chosen = set(documents)
    # Each document's inline markup is found as its source's format finds it; a catalog whose
    # source is gone is exported as plain text.
    sources = source_paths(settings) if settings.seeds.is_dir() else []
    markup = {
        path.stem: format_for(path, settings.relative(path)).markup
        for path in sources
        if is_registered(path)
    }
    written = []
    for found in find_catalogs(settings, tuple(langs)):
        if not found.exists or (chosen and found.doc_id not in chosen):
            continue
        po = read_catalog(settings, found.path)
        data = xliff_bytes(
            po,
            found.doc_id,
            settings.source_language,
            found.lang,
            markup.get(found.doc_id, no_markup),
        )
        path = folder / f"{found.doc_id}.{found.lang}.xlf"
        written.append((settings.relative(path), write_bytes_atomic(path, data)))
    return written


def xliff_import(
    project: Project, files: Sequence[Path], overwrite_reviewed: bool = False
) -> list[XliffImport]:
    """Merge XLIFF files into their catalogs; a reviewed translation only with the flag."""
    from pipeline.xliff.merge import import_xliff

    settings = settings_of(project)
    return [import_xliff(settings, file, overwrite_reviewed) for file in files]
