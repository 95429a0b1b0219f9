"""The ``pipeline`` command line: one thin function per command, the work lives in the modules.

Heavy libraries (argostranslate, ctranslate2, torch) are imported inside the commands that
translate, never at module level, so ``pipeline --help`` and the catalog commands start fast.
"""

from __future__ import annotations

import json
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


languages_option = click.option(
    "--lang",
    "langs",
    multiple=True,
    metavar="LANG",
    help="Only this target language (repeat for more); default: all of them.",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON, for scripts.")


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
