"""Project settings: languages and folders, from ``[tool.pipeline]`` in the project's pyproject.

Every setting has a default, so a folder with only ``seeds/`` in it is a valid project.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.document import FRONT_MATTER_KEYS
from pipeline.errors import PipelineError
from pipeline.mt.registry import known_engines, unknown_engine
from pipeline.mt.routes import Pair

SETTINGS_FILE = "pyproject.toml"


@dataclass(frozen=True)
class Settings:
    """Where a project's files live and which languages it works in."""

    root: Path
    source_language: str = "es"
    target_languages: tuple[str, ...] = ("en", "ru")
    pivot_language: str = "en"
    seeds_dir: Path = field(default=Path("seeds"))
    locales_dir: Path = field(default=Path("locales"))
    output_dir: Path = field(default=Path("output"))
    glossary_dir: Path = field(default=Path("glossary"))
    templates_dir: Path = field(default=Path("templates"))
    tm_dir: Path = field(default=Path("tm"))  # reference memories (TMX) imported by `tm import`
    source_glob: str = "*"  # every format pipeline.sources reads; other files are reported
    # The engines in order of preference: a pair is translated by the first that offers it
    # (`engine = "argos"` or `engine = ["argos", "apertium"]`); `engine` is the first.
    engine: str = "argos"
    fallback_engines: tuple[str, ...] = ("apertium",)
    # `engines = {"es-en" = "apertium"}`: the engine tried first for a pair, as (pair, name)
    pair_engines: tuple[tuple[str, str], ...] = ()
    tm_accept_exact: bool = False  # an exact memory match is accepted as reviewed, not a draft
    tm_fuzzy_threshold: float = 0.75  # least similarity of a fuzzy memory match shown in review
    # Where translate runs the models: "local" (this process) or "ray" (a Ray cluster's actors,
    # at ray_address; "" starts a local one or uses RAY_ADDRESS), ray_workers actors (0: as many
    # as the cluster's CPUs or GPUs hold).
    executor: str = "local"
    ray_address: str = ""
    ray_workers: int = 0
    publish_check: bool = False  # publish refuses drafts with error-level findings (--check)
    # Markdown front matter keys whose values are prose to translate; other keys are kept
    front_matter_keys: tuple[str, ...] = FRONT_MATTER_KEYS

    def path(self, relative: Path) -> Path:
        """Resolve one of the configured folders against the project root."""
        return relative if relative.is_absolute() else self.root / relative

    @property
    def engine_order(self) -> tuple[str, ...]:
        """Every engine the project may use, in order of preference."""
        named = (self.engine, *self.fallback_engines, *(name for _pair, name in self.pair_engines))
        return tuple(dict.fromkeys(named))

    @property
    def seeds(self) -> Path:
        return self.path(self.seeds_dir)

    @property
    def locales(self) -> Path:
        return self.path(self.locales_dir)

    @property
    def output(self) -> Path:
        return self.path(self.output_dir)

    @property
    def glossary(self) -> Path:
        return self.path(self.glossary_dir)

    @property
    def templates(self) -> Path:
        return self.path(self.templates_dir)

    @property
    def tm(self) -> Path:
        return self.path(self.tm_dir)

    def template_path(self, doc_id: str) -> Path:
        """The ``.pot`` template of one document."""
        return self.locales / f"{doc_id}.pot"

    def catalog_path(self, doc_id: str, lang: str) -> Path:
        """The ``.po`` catalog of one document in one target language."""
        return self.locales / lang / "LC_MESSAGES" / f"{doc_id}.po"

    def relative(self, path: Path) -> str:
        """A path as users see it in messages and PO references: relative to the project."""
        # abspath, not resolve: a symlink loop must still get a name in the error it causes
        absolute = Path(os.path.abspath(self.root / path))
        try:
            return absolute.relative_to(os.path.abspath(self.root)).as_posix()
        except ValueError:
            return str(path)


_PATH_KEYS = {
    "seeds_dir": "seeds_dir",
    "locales_dir": "locales_dir",
    "output_dir": "output_dir",
    "glossary_dir": "glossary_dir",
    "templates_dir": "templates_dir",
    "tm_dir": "tm_dir",
}
_LANGUAGE_KEYS = {"source_language", "pivot_language"}
_STRING_KEYS = _LANGUAGE_KEYS | {"source_glob"}
# A well-formed BCP 47 tag of the kinds catalogs use (RFC 5646 section 2.1, without extensions or
# private use): a language of 2-3 letters, then script, region and variants. Catalog and page
# paths are built from these codes, so nothing else (no "/", "..", spaces) may reach them.
_LANGUAGE_TAG = re.compile(
    r"[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:[-_](?:[A-Za-z]{2}|[0-9]{3}))?(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
)


def load_settings(root: Path) -> Settings:
    """Read ``[tool.pipeline]`` from ``root/pyproject.toml``; missing keys take their defaults."""
    root = root.resolve()
    table = _read_tool_table(root / SETTINGS_FILE)
    unknown = (
        set(table)
        - set(_PATH_KEYS)
        - _STRING_KEYS
        - {"target_languages", "engine", "engines", "publish_check", "front_matter_keys"}
        - set(_TM_KEYS)
        - set(_EXECUTOR_KEYS)
    )
    if unknown:
        raise PipelineError(
            f"{SETTINGS_FILE}: unknown setting(s) in [tool.pipeline]: {', '.join(sorted(unknown))}"
        )
    values: dict[str, object] = {"root": root}
    for key in _STRING_KEYS:
        if key in table:
            values[key] = _expect_str(table, key)
    for key in _PATH_KEYS:
        if key in table:
            values[key] = Path(_expect_str(table, key))
    if "target_languages" in table:
        langs = table["target_languages"]
        if not isinstance(langs, list) or not langs or not all(isinstance(x, str) for x in langs):
            raise PipelineError(
                f"{SETTINGS_FILE}: [tool.pipeline] target_languages must be a list of language "
                'codes, e.g. ["en", "ru"]'
            )
        values["target_languages"] = tuple(langs)
    if "front_matter_keys" in table:
        keys = table["front_matter_keys"]
        if not isinstance(keys, list) or not all(isinstance(x, str) for x in keys):
            raise PipelineError(
                f"{SETTINGS_FILE}: [tool.pipeline] front_matter_keys must be a list of the "
                'Markdown front matter keys to translate, e.g. ["title", "description"]'
            )
        values["front_matter_keys"] = tuple(keys)
    values.update(_tm_values(table))
    if "publish_check" in table:
        values["publish_check"] = _expect_bool(table, "publish_check")
    values.update(_engine_values(table))
    values.update(_executor_values(table))
    settings = Settings(**values)  # type: ignore[arg-type]
    _check_languages(settings)
    _check_folders(settings)
    for name in settings.engine_order:
        if name not in known_engines():
            raise PipelineError(f"{SETTINGS_FILE}: [tool.pipeline] {unknown_engine(name)}")
    return settings


def _engine_values(table: dict[str, object]) -> dict[str, object]:
    """``engine`` (a name, or names in order of preference) and ``engines`` (pair → name)."""
    where = f"{SETTINGS_FILE}: [tool.pipeline]"
    values: dict[str, object] = {}
    engine = table.get("engine")
    if isinstance(engine, str):
        values["engine"], values["fallback_engines"] = engine, ()
    elif isinstance(engine, list) and engine and all(isinstance(x, str) for x in engine):
        values["engine"], values["fallback_engines"] = engine[0], tuple(engine[1:])
    elif engine is not None:
        raise PipelineError(
            f'{where} engine must be an engine\'s name or a list of them, e.g. "argos" or '
            '["argos", "apertium"]'
        )
    chosen = table.get("engines", {})
    if not isinstance(chosen, dict) or not all(isinstance(x, str) for x in chosen.values()):
        raise PipelineError(
            f"{where} engines must be a table of language pairs and engine names, e.g. "
            '{"es-en" = "apertium"}'
        )
    pairs = []
    for pair, name in chosen.items():
        try:
            pairs.append((str(Pair.parse(pair)), name))
        except PipelineError as exc:
            raise PipelineError(f"{where} engines: {exc}") from exc
    values["pair_engines"] = tuple(pairs)
    return values


_TM_KEYS = {"tm_accept_exact": bool, "tm_fuzzy_threshold": float}


def _tm_values(table: dict[str, object]) -> dict[str, object]:
    """The translation-memory settings: a true/false switch and a similarity in (0, 1]."""
    values: dict[str, object] = {}
    accept = table.get("tm_accept_exact", False)
    if not isinstance(accept, bool):
        raise PipelineError(
            f"{SETTINGS_FILE}: [tool.pipeline] tm_accept_exact must be true or false"
        )
    values["tm_accept_exact"] = accept
    threshold = table.get("tm_fuzzy_threshold", 0.75)
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, int | float)
        or not 0 < threshold <= 1
    ):
        raise PipelineError(
            f"{SETTINGS_FILE}: [tool.pipeline] tm_fuzzy_threshold must be a similarity between 0 "
            "and 1, e.g. 0.75"
        )
    values["tm_fuzzy_threshold"] = float(threshold)
    return values


_EXECUTOR_KEYS = {"executor", "ray_address", "ray_workers"}
EXECUTORS = ("local", "ray")


def _executor_values(table: dict[str, object]) -> dict[str, object]:
    """Where the models run: ``executor`` one of EXECUTORS, a Ray address, a worker count."""
    where = f"{SETTINGS_FILE}: [tool.pipeline]"
    values: dict[str, object] = {}
    executor = table.get("executor", "local")
    if executor not in EXECUTORS:
        raise PipelineError(f'{where} executor must be "local" or "ray", not {executor!r}')
    values["executor"] = executor
    if "ray_address" in table:
        values["ray_address"] = _expect_str(table, "ray_address")
    workers = table.get("ray_workers", 0)
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 0:
        raise PipelineError(f"{where} ray_workers must be a number of actors (0: as many as fit)")
    values["ray_workers"] = workers
    return values


def _check_languages(settings: Settings) -> None:
    where = f"{SETTINGS_FILE}: [tool.pipeline]"
    named = [
        ("source_language", settings.source_language),
        ("pivot_language", settings.pivot_language),
    ]
    named += [("target_languages", lang) for lang in settings.target_languages]
    for key, lang in named:
        if not _LANGUAGE_TAG.fullmatch(lang):
            raise PipelineError(
                f"{where} {key}: {lang!r} is not a language code; use an ISO 639 code or a "
                'BCP 47 tag such as "en", "ru" or "pt-BR"'
            )
    if settings.source_language in settings.target_languages:
        raise PipelineError(
            f"{where} target_languages: {settings.source_language!r} is the source language; "
            "list only the languages to translate into"
        )
    if len(set(settings.target_languages)) != len(settings.target_languages):
        raise PipelineError(f"{where} target_languages: a language is listed twice")


def _check_folders(settings: Settings) -> None:
    """Every folder the pipeline reads or writes lies inside the project, whatever the settings."""
    root = settings.root.resolve()
    for key in _PATH_KEYS:
        folder = getattr(settings, key)
        if folder.is_absolute() or not Path(os.path.realpath(settings.path(folder))).is_relative_to(
            root
        ):
            raise PipelineError(
                f"{SETTINGS_FILE}: [tool.pipeline] {key} = {str(folder)!r} is outside the project; "
                "give a folder inside it, relative to pyproject.toml"
            )
    glob = settings.source_glob
    if glob.startswith(("/", "\\")) or ".." in Path(glob).parts:
        raise PipelineError(
            f"{SETTINGS_FILE}: [tool.pipeline] source_glob = {glob!r} reaches outside the seeds "
            'folder; give a pattern of file names inside it, e.g. "*.txt" or "**/*.md"'
        )


def _read_tool_table(path: Path) -> dict[str, object]:
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PipelineError(f"{path.name}: cannot read the project settings: {exc}") from exc
    tool = data.get("tool", {})
    table = tool.get("pipeline", {}) if isinstance(tool, dict) else None
    if not isinstance(table, dict):
        raise PipelineError(f"{path.name}: [tool.pipeline] must be a table")
    return table


def _expect_str(table: dict[str, object], key: str) -> str:
    value = table[key]
    if not isinstance(value, str) or not value:
        raise PipelineError(f"{SETTINGS_FILE}: [tool.pipeline] {key} must be a non-empty string")
    return value


def _expect_bool(table: dict[str, object], key: str) -> bool:
    value = table[key]
    if not isinstance(value, bool):
        raise PipelineError(f"{SETTINGS_FILE}: [tool.pipeline] {key} must be true or false")
    return value
