"""The publish stage: parallel pages of every document (HTML and Markdown), each language's own
edition (in the source's format and as an HTML page), and an index page.

A language held back keeps a page at each of its addresses saying it is not yet available. The
pages of a document whose source was removed are removed when every document is published.

Pages are rendered with Jinja2 from templates shipped in ``pipeline/templates``; a project
overrides any of them by putting a file of the same name in its own templates folder. Output is
a pure function of sources, catalogs and options (no dates), so publishing twice changes no byte.
"""

from __future__ import annotations

import functools
import math
import os
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    TemplateError,
)
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from pipeline.atomic import write_files_atomic
from pipeline.bidi import inert
from pipeline.config import Settings
from pipeline.document import Document
from pipeline.editions import (
    FRAGMENT_SUFFIX,
    Edition,
    edition,
    in_source_format,
    own_file_name,
)
from pipeline.errors import PipelineError
from pipeline.extract import each_document
from pipeline.languages import language, text_direction
from pipeline.locales import required_catalog
from pipeline.page_groups import grouped
from pipeline.page_text import install as install_page_text
from pipeline.page_text import percent_in
from pipeline.parallel import Coverage, ParallelText, Status, align, coverage
from pipeline.publish_check import draft_errors
from pipeline.published import PublishedStamps
from pipeline.sources import References, edition_suffixes
from pipeline.sources.html import safe_inline_html

INDEX_TEMPLATE = "index.html"
EDITION_TEMPLATE = "edition.html"  # output/<doc>/<lang>.html: one language's document
UNAVAILABLE_TEMPLATE = "unavailable.html"


@dataclass(frozen=True)
class PageFormat:
    """One kind of page every layout of a document is published as.

    ``markup`` picks how values are escaped: ``"html"`` (autoescaped) or ``"markdown"``
    (Markdown's special characters backslash-escaped). To add an output format, write its
    template in ``pipeline/templates`` (or a project's templates folder) and register it.
    """

    suffix: str  # ".html"
    template: str  # "parallel.html"
    markup: str = "html"
    unavailable: str = ""  # the page a held-back language's layout gets; "" for none


PAGE_FORMATS: list[PageFormat] = []


def register_page_format(page_format: PageFormat) -> None:
    """Publish every layout of every document in ``page_format`` too."""
    PAGE_FORMATS.append(page_format)


register_page_format(PageFormat(".html", "parallel.html", "html", UNAVAILABLE_TEMPLATE))
register_page_format(PageFormat(".md", "parallel.md", "markdown", "unavailable.md"))
ALL_LANGUAGES_PAGE = "index"  # output/<doc>/index.html holds every language side by side

# Characters Markdown could read as markup or raw HTML; escaped so text stays text when pasted.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>&~|#])")


@dataclass(frozen=True)
class PublishOptions:
    """What a reader is allowed to see."""

    reviewed_only: bool = False  # leave machine drafts out ("translation pending review")
    min_reviewed: float | None = None  # percent of source words; below it a language is left out
    # an edition's untranslated blocks show the source (marked); without it the edition waits
    fallback_source: bool = False
    # refuse to publish drafts with error-level findings; None: the project's publish_check
    check: bool | None = None


@dataclass(frozen=True)
class HeldBack:
    """Why a language's pages are not yet available, for each page to say in its language:
    below ``minimum`` (percent of the source words reviewed, ``reviewed`` of them), or
    ``missing`` of ``total`` paragraphs with nothing to show."""

    reviewed: float = 0
    minimum: float | None = None
    missing: int = 0
    total: int = 0
    reviewed_only: bool = False


@dataclass(frozen=True)
class Layout:
    """One page of a document: its file name (without suffix) and its columns."""

    name: str
    languages: tuple[str, ...]


@dataclass(frozen=True)
class DocumentSummary:
    """What the index page says about one document."""

    doc_id: str
    title: str
    layouts: tuple[Layout, ...] = ()
    coverage: tuple[Coverage, ...] = ()
    skipped: tuple[str, ...] = ()  # languages left out by ``min_reviewed``
    # the index says only that it awaits a correction: the error itself names the project's files
    # and the commands to fix them, for the people running publish
    failed: bool = False

    @property
    def distinct_layouts(self) -> tuple[Layout, ...]:
        """Pages to link to: with one translation, the all-languages page is the bilingual one."""
        seen: dict[tuple[str, ...], Layout] = {}
        for layout in self.layouts:
            seen.setdefault(layout.languages, layout)
        return tuple(seen.values())

    def coverage_of(self, lang: str) -> Coverage | None:
        return next((share for share in self.coverage if share.lang == lang), None)

    def to_record(self, notes: list[str]) -> dict:
        """What a publish stamp keeps of the summary (and of the notes publishing it made)."""
        return {
            "title": self.title,
            "layouts": [[layout.name, list(layout.languages)] for layout in self.layouts],
            "coverage": [[c.lang, c.reviewed_words, c.total_words] for c in self.coverage],
            "skipped": list(self.skipped),
            "notes": notes,
        }

    @classmethod
    def from_record(cls, doc_id: str, record: dict) -> tuple[DocumentSummary, list[str]]:
        """The summary and notes :meth:`to_record` kept."""
        summary = cls(
            doc_id,
            record["title"],
            tuple(Layout(name, tuple(languages)) for name, languages in record["layouts"]),
            tuple(Coverage(lang, reviewed, total) for lang, reviewed, total in record["coverage"]),
            tuple(record["skipped"]),
        )
        return summary, list(record["notes"])


@dataclass(frozen=True)
class FileResult:
    """What publishing did to one output file: ``written``, ``unchanged`` or ``removed``."""

    action: str
    path: str


@dataclass
class PublishReport:
    files: list[FileResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # languages skipped, and why
    errors: list[str] = field(default_factory=list)  # documents that could not be published
    refused: bool = False  # --check found drafts with errors (in ``errors``): nothing written


def publish(
    settings: Settings, options: PublishOptions = PublishOptions(), doc_ids: Collection[str] = ()
) -> PublishReport:
    """Publish every source document (or those of ``doc_ids``), then the index of all of them; a
    failing document does not stop the rest.

    Every page is rendered before any is written, then all are written at once (staged, then
    renamed): a template error, a full disk or a read-only folder leaves the site as it was.
    Publishing every document also removes the pages of documents whose source is gone. With
    ``check``, a draft to be shown with an error-level finding refuses the publish: nothing is
    written, each finding is in ``errors``.
    """
    renderer = Renderer(settings)
    stamps = PublishedStamps(settings, options)
    report = PublishReport()
    check = settings.publish_check if options.check is None else options.check
    refusals: list[str] = []
    summaries = []
    pages: dict[Path, str] = {}
    stale: list[Path] = []
    rendered: list[tuple[Document, dict, dict[Path, str], list[Path]]] = []
    for path, document in each_document(settings):
        chosen = not doc_ids or path.stem in doc_ids
        # a document not chosen is only summarised for the index: its pages, notes and errors
        # are those of the run that published it
        own = report if chosen else PublishReport()
        failure = document if isinstance(document, PipelineError) else None
        if failure is None:
            unchanged = stamps.unchanged(document)
            if unchanged is not None:
                summary, notes = DocumentSummary.from_record(document.doc_id, unchanged[0])
                own.notes.extend(notes)
                report.files += [FileResult("unchanged", page) for page in unchanged[1] if chosen]
                summaries.append(summary)
                continue
            try:
                noted = len(own.notes)
                summary, text = summarize(settings, document, options, own)
                if chosen:
                    document_pages = render_pages(
                        settings, renderer, document, summary, text, options, own
                    )
                    record = summary.to_record(own.notes[noted:])
            except PipelineError as exc:
                failure = exc
        if failure is not None:
            own.errors.append(str(failure))
            summaries.append(DocumentSummary(path.stem, path.stem, failed=True))
            continue
        summaries.append(summary)
        if chosen and check and not options.reviewed_only:
            refusals += draft_errors(settings, document, text.languages[1:])
        if chosen:
            folder = settings.output / document.doc_id
            document_stale = [
                path for path in published_files(settings, folder) if path not in document_pages
            ]
            pages |= document_pages
            stale += document_stale
            rendered.append((document, record, document_pages, document_stale))
    if refusals:
        report.errors += refusals
        report.refused = True
        return report
    if not doc_ids:
        stale += orphaned_pages(settings, {summary.doc_id for summary in summaries})
    pages[settings.output / "index.html"] = renderer.html(
        INDEX_TEMPLATE,
        page_lang=settings.source_language,
        documents=summaries,
        source_language=settings.source_language,
        target_languages=settings.target_languages,
        options=options,
    )
    written = write_files_atomic({path: page.encode("utf-8") for path, page in pages.items()})
    report.files += [
        FileResult("written" if changed else "unchanged", settings.relative(path))
        for path, changed in written.items()
    ]
    for path in stale:
        path.unlink()
        report.files.append(FileResult("removed", settings.relative(path)))
    for folder in sorted({path.parent for path in stale}):
        if folder != settings.output and not any(folder.iterdir()):
            folder.rmdir()
    for document, record, document_pages, document_stale in rendered:
        written_pages = {page: text.encode("utf-8") for page, text in document_pages.items()}
        stamps.record(document, record, written_pages, document_stale)
    stamps.save()
    return report


def summarize(
    settings: Settings, document: Document, options: PublishOptions, report: PublishReport
) -> tuple[DocumentSummary, ParallelText]:
    """What the index says of one document, and its text aligned with the languages published."""
    catalogs = {
        lang: required_catalog(settings, document.doc_id, lang)
        for lang in settings.target_languages
    }
    coverages = tuple(coverage(document, lang, catalog) for lang, catalog in catalogs.items())
    skipped = tuple(share.lang for share in coverages if _below_minimum(share, options))
    report.notes.extend(
        _skip_note(document.doc_id, share, options) for share in coverages if share.lang in skipped
    )
    published = {lang: catalog for lang, catalog in catalogs.items() if lang not in skipped}
    text = align(document, settings.source_language, published, reviewed_only=options.reviewed_only)
    summary = DocumentSummary(
        doc_id=document.doc_id,
        title=text.title,
        layouts=layouts(text.languages),
        coverage=coverages,
        skipped=skipped,
    )
    return summary, text


def render_pages(
    settings: Settings,
    renderer: Renderer,
    document: Document,
    summary: DocumentSummary,
    text: ParallelText,
    options: PublishOptions,
    report: PublishReport,
) -> dict[Path, str]:
    """Every page of one document: its layouts, each language's edition, and at the addresses of
    a language held back, a page saying so (a file publish owns and does not write now is
    stale: a language held back must not stay readable from an earlier, laxer run)."""
    folder = settings.output / text.doc_id
    pages: dict[Path, str] = {}
    for layout in summary.layouts:
        context = {
            "text": text.columns(layout.languages),
            "summary": summary,
            "current": layout,
            "options": options,
            "page_lang": page_language(layout),
        }
        for page_format in PAGE_FORMATS:
            page = renderer.render(page_format.markup, page_format.template, context)
            pages[folder / f"{layout.name}{page_format.suffix}"] = page
    for share in summary.coverage:
        if share.lang in summary.skipped:
            name = bilingual_name(settings.source_language, share.lang)
            files = [folder / f"{name}{page.suffix}" for page in PAGE_FORMATS if page.unavailable]
            files.append(folder / f"{share.lang}.html")
            held = HeldBack(reviewed=math.floor(share.percent), minimum=options.min_reviewed)
            pages |= _unavailable(settings, renderer, text, share.lang, held, files)
    for lang in text.languages[1:]:
        pages |= edition_pages(settings, renderer, document, summary, text, lang, options, report)
    return pages


def edition_pages(
    settings: Settings,
    renderer: Renderer,
    document: Document,
    summary: DocumentSummary,
    text: ParallelText,
    lang: str,
    options: PublishOptions,
    report: PublishReport,
) -> dict[Path, str]:
    """``lang``'s edition as ``<lang><source suffix>`` and ``<lang>.html``; an edition with
    blocks to show and no fallback is held back, its page saying why."""
    folder = settings.output / text.doc_id
    own = edition(text, lang, fallback_source=options.fallback_source)
    if not own.complete and not options.fallback_source:
        report.notes.append(
            f"{text.doc_id}: {lang} edition held back: {_incomplete_reason(own, options)}; "
            "publish --fallback-source shows the source text there"
        )
        held = HeldBack(missing=own.missing, total=own.total, reviewed_only=options.reviewed_only)
        return _unavailable(settings, renderer, text, lang, held, [folder / f"{lang}.html"])
    own_file = own_file_name(document, lang)
    pages = {folder / own_file: in_source_format(document, own)}
    if own_file != f"{lang}.html":  # an HTML source's edition is itself the language's page
        pages[folder / f"{lang}.html"] = renderer.html(
            EDITION_TEMPLATE,
            text=own.text,
            summary=summary,
            options=options,
            source_language=settings.source_language,
            page_lang=lang,
            page_dir=text_direction(lang),
            own_format=own_file,
        )
    return pages


def _unavailable(
    settings: Settings,
    renderer: Renderer,
    text: ParallelText,
    lang: str,
    held: HeldBack,
    files: list[Path],
) -> dict[Path, str]:
    """At each of ``files``, the page saying ``lang`` is held back and why, in ``lang`` and in
    the page format of the file's suffix."""
    context = {
        "title": text.title,
        "format": text.format,
        "lang": lang,
        "held": held,
        "source_language": settings.source_language,
        "page_lang": lang,
    }
    formats = {page.suffix: page for page in PAGE_FORMATS if page.unavailable}
    pages = {}
    for path in files:
        page_format = formats[path.suffix]
        pages[path] = renderer.render(page_format.markup, page_format.unavailable, context)
    return pages


def page_names(settings: Settings) -> list[str]:
    """Every file name publish gives a document's pages: layouts in each page format, each
    language's edition page and its file in each source format."""
    layout_names = [ALL_LANGUAGES_PAGE] + [
        bilingual_name(settings.source_language, lang) for lang in settings.target_languages
    ]
    names = [f"{name}{page.suffix}" for name in layout_names for page in PAGE_FORMATS]
    suffixes = sorted({".html", FRAGMENT_SUFFIX, *edition_suffixes()})
    names += [f"{lang}{suffix}" for lang in settings.target_languages for suffix in suffixes]
    return list(dict.fromkeys(names))


def published_files(settings: Settings, folder: Path) -> list[Path]:
    """The files in a document's output folder that publish gives pages (regular files only)."""
    paths = (folder / name for name in page_names(settings))
    return [path for path in paths if path.is_file() and not path.is_symlink()]


def orphaned_pages(settings: Settings, doc_ids: Collection[str]) -> list[Path]:
    """The pages publish wrote for documents whose source is gone.

    Only the file names publish gives pages, in folders of the output it gives documents: a file
    someone else put there stays, and so does its folder.
    """
    if not settings.output.is_dir():
        return []
    orphans = []
    for folder in sorted(settings.output.iterdir()):
        if folder.name in doc_ids or folder.is_symlink() or not folder.is_dir():
            continue
        orphans += published_files(settings, folder)
    return orphans


def layouts(languages: tuple[str, ...]) -> tuple[Layout, ...]:
    """All languages on one page, then the source beside each translation on a page of its own."""
    source, *targets = languages
    return (Layout(ALL_LANGUAGES_PAGE, languages),) + tuple(
        Layout(bilingual_name(source, lang), (source, lang)) for lang in targets
    )


def page_language(layout: Layout) -> str:
    """The language of a layout's own text (navigation, legend): a translation's page speaks
    to that translation's readers; the page of every language speaks the source's, the site's."""
    return layout.languages[1] if len(layout.languages) == 2 else layout.languages[0]


def bilingual_name(source: str, target: str) -> str:
    return f"{source}-{target}"


def _below_minimum(share: Coverage, options: PublishOptions) -> bool:
    return options.min_reviewed is not None and share.percent < options.min_reviewed


def _skip_note(doc_id: str, share: Coverage, options: PublishOptions) -> str:
    return (
        f"{doc_id}: {share.lang} left out: {percent(share)} of the source words reviewed, "
        f"below --min-reviewed {options.min_reviewed:g}%"
    )


def _incomplete_reason(own: Edition, options: PublishOptions) -> str:
    translation = "reviewed translation" if options.reviewed_only else "translation"
    return f"{own.missing} of {own.total} paragraphs have no {translation} yet"


def percent(share: Coverage, lang: str = "en") -> str:
    """Reviewed share as readers of ``lang`` see it, rounded down: 99.6% reviewed is not
    "100%"."""
    return percent_in(math.floor(share.percent), lang)


def language_name(lang: str) -> str:
    """Column headings name each language in itself; an unknown code is shown as it is."""
    return language(lang).name


def inline_html(value: str, source_format: str, references: References | None = None) -> Markup:
    """A text as an HTML page shows it: the inline Markdown of a Markdown source rendered
    (emphasis, links, code; ``[text][label]`` by the document's ``references``), with raw HTML
    escaped and javascript:/data: links refused by markdown-it (a definition with such a target
    is none: :func:`pipeline.sources.markdown.references`); the inline tags of an HTML source
    that the whitelist keeps, with safe attributes only; any other text escaped."""
    if source_format == "html":
        return Markup(safe_inline_html(inert(value)))
    if source_format != "markdown":
        return escape(inert(value))
    # A copy: markdown-it keeps its env, and the document's definitions are not one text's.
    env = {"references": dict(references or {})}
    return Markup(_inline_markdown().renderInline(inert(value), env).strip())


@functools.cache
def _inline_markdown():  # -> markdown_it.MarkdownIt
    from markdown_it import MarkdownIt

    # "html": False makes any tag in a source or a translation text, not markup
    return MarkdownIt("commonmark", {"html": False}).enable("strikethrough")


def markdown_text(value: object) -> str:
    """A value as a Markdown page shows it: bidi overrides and isolates dropped, markup escaped."""
    return escape_markdown(inert(value))


def escape_markdown(value: object) -> str:
    """Backslash-escape Markdown markup, so a ``<script>`` or ``*`` in a text stays literal."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", "" if value is None else str(value))


class ProjectTemplates(FileSystemLoader):
    """A project's own templates: regular files inside its templates folder, and nothing else.

    A symlink out of the folder (or to a device) would let a template read any file on the
    machine; a template that is not UTF-8 is the user's to fix. Both are a PipelineError naming
    the file, never a silent fall-back to the packaged template.
    """

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings.templates)
        self._settings = settings

    def get_source(self, environment: Environment, template: str):  # noqa: D102
        folder = Path(os.path.realpath(self._settings.templates))
        path = self._settings.templates / template
        name = self._settings.relative(path)
        if os.path.lexists(path):
            real = Path(os.path.realpath(path))
            if not real.is_relative_to(folder) or not real.is_file():
                raise PipelineError(
                    f"{name}: not a regular file inside {self._settings.relative(folder)}/ "
                    "(a link out of it, or a folder or device); put the template itself there"
                )
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError as exc:
            raise PipelineError(
                f"{name}: not UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset {exc.start}); "
                "save the template as UTF-8"
            ) from None


class Renderer:
    """The Jinja2 environments: project templates first, then those shipped with the package.

    Templates render in Jinja2's sandbox: a project's template may shape pages, not run code.
    """

    def __init__(self, settings: Settings) -> None:
        loaders: list[BaseLoader] = [
            ProjectTemplates(settings),
            PackageLoader("pipeline", "templates"),
        ]
        loader = ChoiceLoader(loaders)
        self._settings = settings
        # Every {{ value }} drops bidi overrides and isolates: a page shows text as it is stored.
        # Markdown has no autoescape of its own: every {{ value }} goes through escape_markdown.
        self._environments = {
            "html": self._environment(loader, autoescape=True, finalize=inert),
            "markdown": self._environment(loader, autoescape=False, finalize=markdown_text),
        }

    @staticmethod
    def _environment(loader: ChoiceLoader, **options: object) -> Environment:
        env = SandboxedEnvironment(
            loader=loader,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            **options,  # type: ignore[arg-type]
        )
        env.filters["language_name"] = language_name
        env.filters["percent"] = percent
        install_page_text(env)
        env.filters["inline_html"] = inline_html
        env.filters["grouped"] = grouped
        env.globals["Status"] = Status
        return env

    def html(self, template: str, **context: object) -> str:
        return self.render("html", template, context)

    def render(self, markup: str, template: str, context: dict[str, object]) -> str:
        """``template`` rendered with ``context``, values escaped for ``markup``."""
        env = self._environments[markup]
        # A mistake in a project's own template is the user's to fix: name it, no traceback.
        try:
            return env.get_template(template).render(**context)
        except TemplateError as exc:
            filename = getattr(exc, "filename", None)
            if filename is None and (self._settings.templates / template).is_file():
                filename = str(self._settings.templates / template)
            where = self._settings.relative(Path(filename)) if filename else template
            line = getattr(exc, "lineno", None)
            override = self._settings.relative(self._settings.templates)
            raise PipelineError(
                f"{where}{f':{line}' if line else ''}: template error: {exc.message}; fix the "
                f"template (a file in {override}/ replaces the packaged one of that name)"
            ) from exc
