"""The ``pipeline`` command line: one thin function per command, the work lives in the modules.

Heavy libraries (argostranslate, ctranslate2, torch) are imported inside the commands that
translate, never at module level, so ``pipeline --help`` and the catalog commands start fast.
"""

from __future__ import annotations

import errno
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from pipeline.config import Settings, load_settings
from pipeline.errors import PipelineError

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


def report_error(message: str) -> None:
    """Report one failed document and go on; the command exits non-zero at the end."""
    click.echo(f"error: {message}", err=True)
    click.get_current_context().meta["pipeline.failed"] = True


def exit_if_any_failed() -> None:
    if click.get_current_context().meta.get("pipeline.failed"):
        sys.exit(1)


@main.command()
@documents_argument
@pass_settings
def extract(settings: Settings, documents: tuple[str, ...]) -> None:
    """Update templates and catalogs from the sources."""
    from pipeline.extract import extract_document, load_documents

    for document in load_documents(settings, documents, on_error=report_error):
        try:
            changes = extract_document(settings, document)
        except PipelineError as exc:
            report_error(str(exc))
            continue
        for change in changes:
            click.echo(f"{change.action:9} {change.path} ({change.entries} entries)")
    exit_if_any_failed()


def engine_options(command):
    """The Argos engine's CTranslate2 flags, shared by `translate` and `run`; defaults measured in
    benchmarks/. They reach the project's engine, which reads the ones it understands."""
    from pipeline.mt.argos.options import EngineOptions

    defaults = EngineOptions()
    options = [
        click.option(
            "--beam-size",
            type=click.IntRange(1, 16),
            default=defaults.beam_size,
            show_default=True,
            help="Beam size; 1 is greedy search, fastest.",
        ),
        click.option(
            "--compute-type",
            default=defaults.compute_type,
            show_default=True,
            help="CTranslate2 compute type (auto, int8, int8_float32, float32, ...).",
        ),
        click.option(
            "--inter-threads",
            type=click.IntRange(1),
            default=defaults.inter_threads,
            show_default=True,
            help="Batches translated in parallel.",
        ),
        click.option(
            "--intra-threads",
            type=click.IntRange(0),
            default=defaults.intra_threads,
            show_default=True,
            help="Threads per batch (0: CTranslate2 decides).",
        ),
        click.option(
            "--batch-size",
            type=click.IntRange(1),
            default=defaults.max_batch_size,
            show_default=True,
            help="Sentences per batch (sorted by length).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


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


def extract_quietly(settings: Settings, documents: tuple[str, ...]) -> list:
    """Bring catalogs up to date before translating; prints only what changed."""
    from pipeline.extract import extract_document, load_documents

    loaded = []
    for document in load_documents(settings, documents, on_error=report_error):
        try:
            changes = extract_document(settings, document)
        except PipelineError as exc:
            report_error(str(exc))
            continue
        loaded.append(document)
        for change in changes:
            if change.action != "unchanged":
                click.echo(f"{change.action:9} {change.path} ({change.entries} entries)")
    return loaded


def echo_outcome(outcome) -> None:
    for warning in outcome.warnings:
        click.echo(f"warning: {warning}", err=True)
    if not outcome.drafted:
        click.echo("nothing to translate: every entry has a translation or a current draft")
        return
    for path, count in sorted(outcome.drafted.items()):
        click.echo(f"drafted   {path} ({count} entries)")
    speed = outcome.sentences / outcome.seconds if outcome.seconds else 0.0
    click.echo(
        f"translated {outcome.sentences} sentences in {outcome.seconds:.1f} s "
        f"({speed:.1f} sentences/s)"
    )


@main.command()
@documents_argument
@languages_option
@engine_options
@pass_settings
def translate(
    settings: Settings, documents: tuple[str, ...], langs: tuple[str, ...], **flags: int | str
) -> None:
    """Fill catalogs with machine drafts (fuzzy).

    Entries without a translation, and the machine's own unedited drafts whose source changed,
    get a new draft; reviewed and edited translations are never touched. Russian pivots through
    English (reviewed English where there is one).
    """
    from pipeline.locales import select_languages
    from pipeline.lock import translate_lock

    chosen = select_languages(settings, langs)
    with translate_lock(settings):
        loaded = extract_quietly(settings, documents)
        translate_with_progress(settings, loaded, chosen, flags)
    exit_if_any_failed()


@main.command()
@engine_options
@pass_settings
def run(settings: Settings, **flags: int | str) -> None:
    """The main job: extract, translate, publish.

    Missing models are installed when the package index can be reached. Without them, the
    sources are still extracted and published (translations pending), the missing models are
    named with both ways to get them, and the exit code is 3.
    """
    from pipeline.lock import translate_lock
    from pipeline.mt.engine import ModelsUnavailable

    skipped = False
    try:
        with translate_lock(settings):
            loaded = extract_quietly(settings, ())
            translate_with_progress(
                settings, loaded, settings.target_languages, flags, install=click.echo
            )
    except ModelsUnavailable as exc:
        click.echo(f"warning: not translated: {exc}", err=True)
        skipped = True
    publish_and_report(settings)
    exit_if_any_failed()
    if skipped:
        sys.exit(3)


def translate_with_progress(
    settings: Settings,
    loaded: list,
    langs,
    flags: dict[str, int | str],
    install: Callable[[str], None] | None = None,
) -> None:
    """Translate with the project's engine, made from the command line's engine ``flags``."""
    from pipeline.mt.registry import engine_for
    from pipeline.translate import translate_documents

    engine = engine_for(settings, flags)
    try:
        outcome = translate_documents(
            settings, loaded, langs, engine, sentence_progress, install=install
        )
    except KeyboardInterrupt:
        click.echo("interrupted: the drafts made so far are saved; run again to resume", err=True)
        sys.exit(130)
    echo_outcome(outcome)


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
    """Find, install, import, list and remove Argos Translate packages."""


@models.command("list")
@index_option
@pass_settings
def models_list(settings: Settings, index_location: str | None) -> None:
    """Show installed packages and what the index offers.

    The index's offer is shown for the project's languages: the packages they need, and whether
    each is installed.
    """
    from pipeline.mt.argos.packages import package_overview

    click.echo("\n".join(package_overview(settings, index_location).lines()))


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
    from pipeline.mt.argos.packages import install_packages
    from pipeline.mt.routes import Pair

    chosen = [Pair.parse(pair) for pair in pairs] or None
    for result in install_packages(
        settings, chosen, index_location=index_location, upgrade=upgrade
    ):
        click.echo(str(result))


@models.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def models_import(file: Path) -> None:
    """Install a downloaded .argosmodel file.

    For machines without internet: download the package's link from the index elsewhere and
    import the FILE here. Replaces an installed package of the same pair.
    """
    from pipeline.files import require_regular_file
    from pipeline.mt.argos.packages import import_package

    require_regular_file(file, str(file), "a downloaded .argosmodel file")
    click.echo(str(import_package(file)))


@models.command("remove")
@click.argument("name", metavar="PAIR-OR-FOLDER")
def models_remove(name: str) -> None:
    """Remove an installed package, e.g. es-en.

    Name it by its pair (es-en, es→en, translate-es_en) or by its folder name.
    """
    from pipeline.mt.argos.packages import remove_packages

    for folder in remove_packages(name):
        click.echo(f"removed {folder}")


def warn_unconfigured(settings: Settings) -> None:
    from pipeline.locales import unconfigured_catalogs

    for warning in unconfigured_catalogs(settings):
        click.echo(f"warning: {warning}", err=True)


def echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@main.command()
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
    settings: Settings, langs: tuple[str, ...], as_json: bool, fail_under: float | None
) -> None:
    """Entries and words reviewed, drafted and untranslated per document and language."""
    from pipeline.stats import below, format_table, project_status

    warn_unconfigured(settings)
    statuses = project_status(settings, langs)
    if as_json:
        echo_json([s.as_dict() for s in statuses])
    else:
        click.echo(format_table(statuses))
    failing = below(statuses, fail_under) if fail_under is not None else []
    for s in failing:
        click.echo(
            f"{s.file}: {s.stats.percent('reviewed')}% reviewed, under {fail_under}%", err=True
        )
    if failing:
        sys.exit(1)


@main.command()
@languages_option
@json_option
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too, not only on errors.")
@pass_settings
def check(settings: Settings, langs: tuple[str, ...], as_json: bool, strict: bool) -> None:
    """Quality checks on every translated entry; exit 1 if any finds an error."""
    from pipeline.qa import check_project, fails, summary

    warn_unconfigured(settings)
    findings = check_project(settings, langs)
    if as_json:
        echo_json([f.as_dict() for f in findings])
    else:
        for finding in findings:
            click.echo(str(finding))
        click.echo(summary(findings), err=True)
    if fails(findings, strict):
        sys.exit(1)


@main.command()
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
@pass_settings
def publish(settings: Settings, reviewed_only: bool, min_reviewed: float | None) -> None:
    """Render parallel pages (HTML and Markdown) of every document into output/."""
    publish_and_report(settings, reviewed_only, min_reviewed)
    exit_if_any_failed()


def publish_and_report(
    settings: Settings, reviewed_only: bool = False, min_reviewed: float | None = None
) -> None:
    from pipeline.publish import PublishOptions
    from pipeline.publish import publish as publish_all

    report = publish_all(settings, PublishOptions(reviewed_only, min_reviewed))
    for result in report.files:
        click.echo(f"{result.action:9} {result.path}")
    for note in report.notes:
        click.echo(f"skipped   {note}")
    for error in report.errors:
        report_error(error)


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
    from pipeline.review.tui import review as run_review

    try:
        run_review(settings, lang, docs, reviewer, accept_all_checked)
    except KeyboardInterrupt:
        click.echo("interrupted: the decisions made so far are saved; run again to go on", err=True)
        sys.exit(130)
