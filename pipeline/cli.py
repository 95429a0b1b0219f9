"""The ``pipeline`` command line: each command parses its options, calls :mod:`pipeline.api` and
prints what it returns; the work lives there and in the stage modules.

Heavy libraries (argostranslate, ctranslate2, torch) are imported inside the functions that
translate, never at module level, so ``pipeline --help`` and the catalog commands start fast.
"""

from __future__ import annotations

import errno
import functools
import json
import os
import sys
import textwrap
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pipeline import api
from pipeline.config import Settings, load_settings
from pipeline.errors import PipelineError

if TYPE_CHECKING:
    from pipeline.publish import PublishReport

pass_settings = click.make_pass_decorator(Settings)


class PipelineGroup(click.Group):
    """A click group that turns :class:`PipelineError` into one line on stderr and exit code 1.

    An ``OSError`` that reaches here (a folder that is a file, a read-only folder, a full disk)
    is the user's to fix too: it gets the same one line, naming the file.
    """

    def invoke(self, ctx: click.Context):  # noqa: D102
        try:
            return super().invoke(ctx)
        except PipelineError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
        except OSError as exc:
            click.echo(f"error: {describe_os_error(exc, ctx.find_object(Settings))}", err=True)
            sys.exit(1)


def describe_os_error(exc: OSError, settings: Settings | None) -> str:
    """``file: what went wrong; what to do`` for a failed read or write."""
    # os.replace(tmp, page) names the temporary file first: the page is what the user knows
    filename = exc.filename2 if exc.filename2 is not None else exc.filename
    name = filename if filename is not None else "a file"
    if settings is not None and filename is not None:
        name = settings.relative(Path(os.fsdecode(filename)))
    advice = {
        errno.ENOSPC: "free some disk space and run again",
        errno.EDQUOT: "free some disk space and run again",
        errno.EACCES: "make it (and its folder) writable and run again",
        errno.EPERM: "make it (and its folder) writable and run again",
        errno.EROFS: "the file system is read-only; publish to a writable folder",
        errno.ENOTDIR: "a file stands where a folder should be; move it away and run again",
        errno.EEXIST: "a file stands where a folder should be; move it away and run again",
        errno.EISDIR: "a folder stands where a file should be; move it away and run again",
    }.get(exc.errno, "check the file and its folder, then run again")
    return f"{name}: {exc.strerror or exc}; {advice}"


@click.group(cls=PipelineGroup)
@click.option(
    "--project",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    envvar="PIPELINE_PROJECT",
    show_default=True,
    help="Project folder (holds pyproject.toml, seeds/, locales/, output/).",
)
@click.version_option(package_name="pipeline")
@click.pass_context
def main(ctx: click.Context, project: Path) -> None:
    """Offline translation-and-publishing pipeline: Spanish sources → es/en/ru publications."""
    ctx.obj = load_settings(project)


documents_argument = click.argument("documents", nargs=-1, metavar="[DOC]...")
languages_option = click.option(
    "--lang",
    "langs",
    multiple=True,
    metavar="LANG",
    help="Only this target language (repeat for more); default: all of them.",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON, for scripts.")


def report_errors(messages: Iterable[str]) -> None:
    """Report failed documents and go on; the command exits non-zero at the end."""
    for message in messages:
        click.echo(f"error: {message}", err=True)
        click.get_current_context().meta["pipeline.failed"] = True


def exit_if_any_failed() -> None:
    if click.get_current_context().meta.get("pipeline.failed"):
        sys.exit(1)


def echo_extracted(extracted: api.ExtractResult, *, quiet: bool = False) -> None:
    """Each document's files (with ``quiet``, only those changed) or its error, in order."""
    for result in extracted.results:
        report_errors([result.error] if result.error is not None else [])
        for change in result.changes:
            if not quiet or change.action != "unchanged":
                click.echo(f"{change.action:9} {change.path} ({change.entries} entries)")


def echo_extracted_quietly(extracted: api.ExtractResult) -> None:
    echo_extracted(extracted, quiet=True)


@main.command()
@documents_argument
@pass_settings
def extract(settings: Settings, documents: tuple[str, ...]) -> None:
    """Update templates and catalogs from the sources."""
    echo_extracted(api.extract(settings, documents))
    exit_if_any_failed()


def engine_options(command):
    """The engines' own flags (Argos: CTranslate2's), shared by `translate` and `run`. They reach
    the project's engine, which reads the ones it understands."""
    from pipeline.mt.registry import engine_flags

    options = engine_flags()
    for option in reversed(options):
        command = option(command)
    return command


_EXECUTOR_FLAGS = ("executor", "address", "workers", "worker_cpus")


def executor_options(command):
    """Where the models run (`translate`, `run`): the flags reach the command as one
    ``executor_flags`` mapping, None where not given (the project's setting holds)."""

    @functools.wraps(command)
    def with_executor_flags(*args, **kwargs):
        executor_flags = {name: kwargs.pop(name) for name in _EXECUTOR_FLAGS}
        return command(*args, executor_flags=executor_flags, **kwargs)

    options = [
        click.option("--executor", type=click.Choice(["local", "ray"]), default=None,
                     help="Where the models run: this process, or a Ray cluster's actors "
                     "(needs the ray extra).  [default: the executor setting, local]"),
        click.option("--address", default=None, metavar="ADDRESS",
                     help="The Ray cluster (e.g. 10.0.0.5:6379, or auto); default: RAY_ADDRESS, "
                     "else a local cluster."),
        click.option("--workers", type=click.IntRange(1), default=None,
                     help="Ray actors, one model load each per language pair; default: as many "
                     "as the cluster's CPUs (2 each) or GPUs hold."),
        click.option("--worker-cpus", type=click.IntRange(1), default=None,
                     help="CPUs per Ray actor; default: the cluster's shared among the workers."),
    ]  # fmt: skip
    for option in reversed(options):
        with_executor_flags = option(with_executor_flags)
    return with_executor_flags


def executor_choice(settings: Settings, executor_flags: dict[str, object]):
    from pipeline.translate.executors import ExecutorChoice

    return ExecutorChoice.of(settings, **executor_flags)  # type: ignore[arg-type]


@contextmanager
def sentence_progress(total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar over sentences with rate and ETA on a terminal; silent otherwise."""
    if not sys.stdout.isatty():
        yield lambda _done: None
        return
    bar = click.progressbar(length=total, label="translating", show_pos=True, show_eta=True)
    started = time.monotonic()

    def rate(_item: object) -> str:
        elapsed = time.monotonic() - started
        return f"{bar.pos / elapsed:.1f} sentences/s" if bar.pos and elapsed > 0 else ""

    bar.item_show_func = rate
    with bar:
        yield bar.update


def echo_outcome(outcome) -> None:
    for warning in outcome.warnings:
        click.echo(f"warning: {warning}", err=True)
    for path, count in sorted(outcome.from_memory.items()):
        if count:
            click.echo(f"from memory {path} ({count} entries)")
    if not outcome.drafted:
        if not any(outcome.from_memory.values()):
            click.echo("nothing to translate: every entry has a translation or a current draft")
        return
    for path, count in sorted(outcome.drafted.items()):
        click.echo(f"drafted   {path} ({count} entries)")
    speed = outcome.sentences / outcome.seconds if outcome.seconds else 0.0
    click.echo(
        f"translated {outcome.sentences} sentences in {outcome.seconds:.1f} s "
        f"({speed:.1f} sentences/s)"
    )


@contextmanager
def interruptible() -> Iterator[None]:
    """Ctrl-C while translating: what was drafted is saved, say so and exit 130."""
    try:
        yield
    except KeyboardInterrupt:
        click.echo("interrupted: the drafts made so far are saved; run again to resume", err=True)
        sys.exit(130)


@main.command()
@documents_argument
@languages_option
@engine_options
@executor_options
@pass_settings
def translate(
    settings: Settings,
    documents: tuple[str, ...],
    langs: tuple[str, ...],
    executor_flags: dict[str, object],
    **flags: int | str,
) -> None:
    """Fill catalogs with machine drafts (fuzzy).

    Entries without a translation, and the machine's own unedited drafts whose source changed,
    get a new draft; reviewed and edited translations are never touched. Russian pivots through
    English (reviewed English where there is one).
    """
    with interruptible():
        result = api.translate(
            settings,
            documents,
            langs,
            engine_flags=flags,
            progress=sentence_progress,
            on_extracted=echo_extracted_quietly,
            executor=executor_choice(settings, executor_flags),
        )
    echo_outcome(result.outcome)
    exit_if_any_failed()


@main.command()
@engine_options
@executor_options
@pass_settings
def run(settings: Settings, executor_flags: dict[str, object], **flags: int | str) -> None:
    """The main job: extract, translate, publish.

    Missing models are installed when the package index can be reached. Without them, the
    sources are still extracted and published (translations pending), the languages whose
    models are there (English through Apertium, say) are still translated, the missing models
    are named with both ways to get them, and the exit code is 3.
    """
    with interruptible():
        result = api.run(
            settings,
            engine_flags=flags,
            progress=sentence_progress,
            install=click.echo,
            on_extracted=echo_extracted_quietly,
            executor=executor_choice(settings, executor_flags),
        )
    if result.outcome is not None:
        echo_outcome(result.outcome)
    if result.not_translated is not None:
        click.echo(f"warning: not translated: {result.not_translated}", err=True)
    echo_published(result.published)
    exit_if_any_failed()
    if result.not_translated is not None:
        sys.exit(3)


# --- pipeline models: Argos Translate packages -------------------------------------------------

index_option = click.option(
    "--index",
    "index_location",
    metavar="URL-OR-FILE",
    envvar="PIPELINE_PACKAGE_INDEX",
    help="Argos package index to read [default: Argos Translate's, see ARGOS_PACKAGE_INDEX].",
)


@main.group()
def models() -> None:
    """Find, install, import, list and remove Argos Translate packages (and list other engines)."""


@models.command("list")
@index_option
@pass_settings
def models_list(settings: Settings, index_location: str | None) -> None:
    """Show installed packages and what the index offers.

    The index's offer is shown for the project's languages: the packages they need, and whether
    each is installed. Then every other engine the project may use, with the pairs it offers.
    """
    click.echo("\n".join(api.models_list(settings, index_location).lines()))
    for line in api.other_engines(settings):
        click.echo(line)


@models.command("install")
@click.argument("pairs", nargs=-1, metavar="[PAIR]...")
@index_option
@click.option("--upgrade", is_flag=True, help="Replace packages the index has a newer version of.")
@pass_settings
def models_install(
    settings: Settings, pairs: tuple[str, ...], index_location: str | None, upgrade: bool
) -> None:
    """Download and install the packages the project needs.

    Without PAIRs, installs what the project's languages need (a target without a direct
    package goes through the pivot language); or give pairs, e.g. es-en en-ru.
    """
    for result in api.models_install(settings, pairs, index_location, upgrade):
        click.echo(str(result))


@models.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def models_import(file: Path) -> None:
    """Install a downloaded .argosmodel file.

    For machines without internet: download the package's link from the index elsewhere and
    import the FILE here. Replaces an installed package of the same pair.
    """
    click.echo(str(api.models_import(file)))


@models.command("remove")
@click.argument("name", metavar="PAIR-OR-FOLDER")
def models_remove(name: str) -> None:
    """Remove an installed package, e.g. es-en.

    Name it by its pair (es-en, es→en, translate-es_en) or by its folder name.
    """
    for folder in api.models_remove(name):
        click.echo(f"removed {folder}")


def warn(warnings: Iterable[str]) -> None:
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)


def echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@main.command()
@documents_argument
@languages_option
@json_option
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    metavar="PCT",
    help="Exit 1 when a catalog has less than PCT% of its words reviewed (for CI).",
)
@pass_settings
def status(
    settings: Settings,
    documents: tuple[str, ...],
    langs: tuple[str, ...],
    as_json: bool,
    fail_under: float | None,
) -> None:
    """Entries and words reviewed, drafted and untranslated per document and language."""
    from pipeline.stats import format_table

    result = api.status(settings, langs, documents)
    warn(result.warnings)
    if as_json:
        echo_json([s.as_dict() for s in result.statuses])
    else:
        click.echo(format_table(result.statuses))
    failing = result.below(fail_under) if fail_under is not None else []
    for s in failing:
        click.echo(
            f"{s.file}: {s.stats.percent('reviewed')}% reviewed, under {fail_under}%", err=True
        )
    if failing:
        sys.exit(1)


@main.command()
@documents_argument
@languages_option
@json_option
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too, not only on errors.")
@pass_settings
def check(
    settings: Settings,
    documents: tuple[str, ...],
    langs: tuple[str, ...],
    as_json: bool,
    strict: bool,
) -> None:
    """Quality checks on every translated entry; exit 1 if any finds an error."""
    from pipeline.qa import summary

    result = api.check(settings, langs, documents)
    warn(result.warnings)
    if as_json:
        echo_json([f.as_dict() for f in result.findings])
    else:
        for finding in result.findings:
            click.echo(str(finding))
        click.echo(summary(result.findings), err=True)
    if result.fails(strict):
        sys.exit(1)


@main.command()
@documents_argument
@click.option(
    "--reviewed-only",
    is_flag=True,
    help="Show only translations a person reviewed; drafts read 'translation pending review'.",
)
@click.option(
    "--min-reviewed",
    type=click.FloatRange(0, 100),
    metavar="PCT",
    help="Leave out a language of a document when less than PCT% of its source words are reviewed.",
)
@click.option(
    "--fallback-source",
    is_flag=True,
    help="In each language's own edition, show the source (marked) where a translation is "
    "missing, instead of holding the edition back.",
)
@click.option(
    "--check/--no-check",
    default=None,
    help="Refuse to publish (write nothing, exit 1) if a draft to be shown has an error that "
    "`pipeline check` reports [default: [tool.pipeline] publish_check, else off].",
)
@pass_settings
def publish(
    settings: Settings,
    documents: tuple[str, ...],
    reviewed_only: bool,
    min_reviewed: float | None,
    fallback_source: bool,
    check: bool | None,
) -> None:
    """Render parallel pages (HTML and Markdown) of every document (or DOCs) into output/,
    and each language's own edition (output/DOC/LANG.html, and in the source's format).

    The index lists every document. Publishing all of them removes the pages of a document
    whose source is gone (only the files publish writes).
    """
    report = api.publish(settings, reviewed_only, min_reviewed, documents, fallback_source, check)
    echo_published(report)
    exit_if_any_failed()


def echo_published(report: PublishReport) -> None:
    for result in report.files:
        click.echo(f"{result.action:9} {result.path}")
    for note in report.notes:
        click.echo(f"skipped   {note}")
    report_errors(report.errors)
    if report.refused:
        click.echo(
            "publish refused: nothing written; fix or review those drafts, or publish "
            "--reviewed-only",
            err=True,
        )


@main.command()
@click.option("--lang", required=True, help="Target language whose drafts to review, e.g. ru.")
@click.argument("docs", nargs=-1, metavar="[DOC]...")
@click.option(
    "--reviewer",
    metavar='"NAME <EMAIL>"',
    help="Who reviews, for the Last-Translator header [default: git user.name/user.email].",
)
@click.option(
    "--accept-all-checked",
    is_flag=True,
    help="Do not ask: accept every draft without error or warning findings, and list them.",
)
@pass_settings
def review(
    settings: Settings,
    lang: str,
    docs: tuple[str, ...],
    reviewer: str | None,
    accept_all_checked: bool,
) -> None:
    """Review the machine drafts of one language, draft by draft (all documents, or DOCS).

    Keys: a accept, e edit in $EDITOR, s skip, b back, q quit. Every decision is saved at once.
    """
    from pipeline.review import tui

    try:
        if accept_all_checked:
            echo_accepted(api.accept_checked(settings, lang, docs, reviewer), lang)
        else:
            tui.review(settings, lang, docs, reviewer)
    except KeyboardInterrupt:
        click.echo("interrupted: the decisions made so far are saved; run again to go on", err=True)
        sys.exit(130)


def echo_accepted(result: api.ReviewResult, lang: str) -> None:
    from pipeline.review.tui import nothing_to_review

    if not result.drafts:
        click.echo(nothing_to_review(lang))
        return
    for draft in result.accepted:
        click.echo(f"accepted {draft.catalog.name}: {textwrap.shorten(draft.entry.msgid, 70)}")
    for where in result.changed_on_disk:
        click.echo(f"{where}: changed on disk during the review; their version is kept")
    left = result.drafts - len(result.accepted)
    click.echo(
        f"Accepted {len(result.accepted)} of {result.drafts} drafts; "
        f"{left} with findings left for review."
    )


@main.command("compile")
@languages_option
@pass_settings
def compile_command(settings: Settings, langs: tuple[str, ...]) -> None:
    """Write a .mo file beside each catalog, byte for byte as msgfmt does (drafts left out)."""
    for path, changed in api.compile_catalogs(settings, langs):
        click.echo(f"{'written' if changed else 'unchanged':<9} {path}")


@main.group()
def tm() -> None:
    """Translation memory: the project's reviewed translations, TMX in and out."""


@tm.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_settings
def tm_export(settings: Settings, file: Path) -> None:
    """Write every reviewed translation of the project to FILE (TMX 1.4b)."""
    click.echo(f"exported {api.tm_export(settings, file)} units to {file}")


@tm.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_settings
def tm_import(settings: Settings, file: Path) -> None:
    """Keep FILE's units (TMX) as reference memory; catalogs are not changed.

    translate fills an entry whose source matches one exactly with its translation, as a draft.
    """
    result = api.tm_import(settings, file)
    counts = ", ".join(f"{lang} {count}" for lang, count in result.units.items())
    verb = "replaced" if result.replaced else "stored"
    click.echo(f"{verb} {result.stored}: {counts} units; {result.skipped} skipped")


@main.command("export")
@documents_argument
@languages_option
@click.option("--format", "file_format", type=click.Choice(["xliff"]), default="xliff",
              show_default=True, help="What to write (TMX: pipeline tm export).")  # fmt: skip
@click.option("--to", "folder", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder the files are written to (default: the project's xliff/).")  # fmt: skip
@click.pass_context
def export(
    ctx: click.Context,
    documents: tuple[str, ...],
    langs: tuple[str, ...],
    file_format: str,
    folder: Path | None,
) -> None:
    """Write the catalogs for CAT tools: XLIFF 2.1, as `pipeline xliff export`."""
    ctx.invoke(xliff_export, documents=documents, langs=langs, folder=folder)


@main.command("import")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))  # fmt: skip
@click.option("--overwrite-reviewed", is_flag=True,
              help="Let XLIFF files replace reviewed translations that differ.")  # fmt: skip
@click.pass_context
def import_files(ctx: click.Context, files: tuple[Path, ...], overwrite_reviewed: bool) -> None:
    """Bring in CAT-tool files by their suffix: .xlf/.xliff into the catalogs (as `pipeline
    xliff import`), .tmx as reference memory (as `pipeline tm import`)."""
    by_kind: dict[str, list[Path]] = {"xliff": [], "tmx": []}
    for file in files:
        kind = {".xlf": "xliff", ".xliff": "xliff", ".tmx": "tmx"}.get(file.suffix.lower())
        if kind is None:
            raise PipelineError(
                f"{file}: import reads XLIFF (.xlf, .xliff) and TMX (.tmx) files; rename it if "
                "it is one of those"
            )
        by_kind[kind].append(file)
    if by_kind["xliff"]:
        ctx.invoke(
            xliff_import, files=tuple(by_kind["xliff"]), overwrite_reviewed=overwrite_reviewed
        )
    for file in by_kind["tmx"]:
        ctx.invoke(tm_import, file=file)


@main.group()
def xliff() -> None:
    """XLIFF 2.1 files for CAT tools: one per document and language."""


@xliff.command("export")
@documents_argument
@languages_option
@click.option(
    "--to",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder the files are written to (default: the project's xliff/).",
)
@pass_settings
def xliff_export(
    settings: Settings, documents: tuple[str, ...], langs: tuple[str, ...], folder: Path | None
) -> None:
    """Write <doc>.<lang>.xlf for each catalog (states: initial, translated, final)."""
    folder = folder if folder is not None else settings.root / "xliff"
    for path, changed in api.xliff_export(settings, folder, langs, documents):
        click.echo(f"{'written' if changed else 'unchanged':<9} {path}")


@xliff.command("import")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))  # fmt: skip
@click.option("--overwrite-reviewed", is_flag=True,
              help="Let the files replace reviewed translations that differ.")  # fmt: skip
@pass_settings
def xliff_import(settings: Settings, files: tuple[Path, ...], overwrite_reviewed: bool) -> None:
    """Bring translations from XLIFF files into their catalogs; reviewed ones are kept."""
    for result in api.xliff_import(settings, files, overwrite_reviewed):
        click.echo(f"{result.catalog}: {result.reviewed} reviewed, {result.drafts} drafts")
        for problem in (*result.conflicts, *result.missing, *result.refused):
            click.echo(f"warning: {problem}", err=True)
