"""The ``pipeline`` command line: one thin function per command, the work lives in the modules.

Heavy libraries (argostranslate, ctranslate2, torch) are imported inside the commands that
translate, never at module level, so ``pipeline --help`` and the catalog commands start fast.
"""

from __future__ import annotations

import sys
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
    """Segment the sources and update the .pot template and .po catalogs."""
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
