"""The ``pipeline`` command line: one thin function per command, the work lives in the modules.

Heavy libraries (argostranslate, ctranslate2, torch) are imported inside the commands that
translate, never at module level, so ``pipeline --help`` and the catalog commands start fast.
"""

from __future__ import annotations

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
    """A click group that turns :class:`PipelineError` into one line on stderr and exit code 1."""

    def invoke(self, ctx: click.Context):  # noqa: D102
        try:
            return super().invoke(ctx)
        except PipelineError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)


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


def language_option(settings_help: str = "Target language (repeatable); default: all configured."):
    return click.option("--lang", "langs", multiple=True, metavar="LANG", help=settings_help)


def selected_languages(settings: Settings, langs: tuple[str, ...]) -> tuple[str, ...]:
    """The languages a command works on; a language that is not configured is an error."""
    unknown = [lang for lang in langs if lang not in settings.target_languages]
    if unknown:
        raise PipelineError(
            f"language {', '.join(unknown)} is not configured; target_languages in "
            f"pyproject.toml [tool.pipeline] are: {', '.join(settings.target_languages)}"
        )
    return langs or settings.target_languages


def engine_options(command):
    """CTranslate2 settings shared by `translate` and `run`; defaults were measured (benchmarks/)."""
    from pipeline.mt.engine import EngineOptions

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


def options_from(
    beam_size: int, compute_type: str, inter_threads: int, intra_threads: int, batch_size: int
):
    from pipeline.mt.engine import EngineOptions

    return EngineOptions(
        beam_size=beam_size,
        compute_type=compute_type,
        inter_threads=inter_threads,
        intra_threads=intra_threads,
        max_batch_size=batch_size,
    )


@contextmanager
def sentence_progress(total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar over sentences with rate and ETA on a terminal; silent otherwise."""
    if not sys.stdout.isatty():
        yield lambda _done: None
        return
    started = time.monotonic()

    def rate(_item: object) -> str:
        elapsed = time.monotonic() - started
        return f"{bar.pos / elapsed:.1f} sentences/s" if elapsed > 0 and bar.pos else ""

    with click.progressbar(
        length=total, label="translating", show_pos=True, item_show_func=rate
    ) as bar:
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
@language_option()
@engine_options
@pass_settings
def translate(
    settings: Settings, documents: tuple[str, ...], langs: tuple[str, ...], **engine: int | str
) -> None:
    """Fill catalogs with machine drafts (fuzzy).

    Entries without a translation, and the machine's own unedited drafts whose source changed,
    get a new draft; reviewed and edited translations are never touched. Russian pivots through
    English (reviewed English where there is one).
    """
    from pipeline.mt.packages import ensure_installed
    from pipeline.translate import argos_engines, translate_documents

    chosen = selected_languages(settings, langs)
    loaded = extract_quietly(settings, documents)

    def make_engines():
        ensure_installed(settings)
        return argos_engines(options_from(**engine))

    try:
        outcome = translate_documents(settings, loaded, chosen, make_engines, sentence_progress)
    except KeyboardInterrupt:
        click.echo("interrupted: the drafts made so far are saved; run again to resume", err=True)
        sys.exit(130)
    echo_outcome(outcome)
    exit_if_any_failed()
