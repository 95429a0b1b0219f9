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
@click.option("--lang", required=True, help="Target language whose drafts to review, e.g. ru.")
@click.argument("docs", nargs=-1)
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
    from pipeline.review import review as run_review

    run_review(settings, lang, docs, reviewer, accept_all_checked)
