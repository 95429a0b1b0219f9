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
    from pipeline.mt.packages import package_overview

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
    from pipeline.mt.packages import install_packages
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
    from pipeline.mt.packages import import_package

    click.echo(str(import_package(file)))


@models.command("remove")
@click.argument("name", metavar="PAIR-OR-FOLDER")
def models_remove(name: str) -> None:
    """Remove an installed package, e.g. es-en.

    Name it by its pair (es-en, es→en, translate-es_en) or by its folder name.
    """
    from pipeline.mt.packages import remove_packages

    for folder in remove_packages(name):
        click.echo(f"removed {folder}")
