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
    from pipeline.publish import PublishOptions
    from pipeline.publish import publish as publish_all

    report = publish_all(settings, PublishOptions(reviewed_only, min_reviewed))
    for result in report.files:
        click.echo(f"{result.action:9} {result.path}")
    for note in report.notes:
        click.echo(f"skipped   {note}")
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    if report.errors:
        sys.exit(1)
