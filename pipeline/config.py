"""Project settings: languages and folders, from ``[tool.pipeline]`` in the project's pyproject.

Every setting has a default, so a folder with only ``seeds/`` in it is a valid project.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import PipelineError

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
    source_glob: str = "*.txt"

    def path(self, relative: Path) -> Path:
        """Resolve one of the configured folders against the project root."""
        return relative if relative.is_absolute() else self.root / relative

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

    def template_path(self, doc_id: str) -> Path:
        """The ``.pot`` template of one document."""
        return self.locales / f"{doc_id}.pot"

    def catalog_path(self, doc_id: str, lang: str) -> Path:
        """The ``.po`` catalog of one document in one target language."""
        return self.locales / lang / "LC_MESSAGES" / f"{doc_id}.po"

    def relative(self, path: Path) -> str:
        """A path as users see it in messages and PO references: relative to the project."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


_PATH_KEYS = {
    "seeds_dir": "seeds_dir",
    "locales_dir": "locales_dir",
    "output_dir": "output_dir",
    "glossary_dir": "glossary_dir",
    "templates_dir": "templates_dir",
}
_LANGUAGE_KEYS = {"source_language", "pivot_language"}


def load_settings(root: Path) -> Settings:
    """Read ``[tool.pipeline]`` from ``root/pyproject.toml``; missing keys take their defaults."""
    root = root.resolve()
    table = _read_tool_table(root / SETTINGS_FILE)
    unknown = set(table) - set(_PATH_KEYS) - _LANGUAGE_KEYS - {"target_languages", "source_glob"}
    if unknown:
        raise PipelineError(
            f"{SETTINGS_FILE}: unknown setting(s) in [tool.pipeline]: {', '.join(sorted(unknown))}"
        )
    values: dict[str, object] = {"root": root}
    for key in _LANGUAGE_KEYS | {"source_glob"}:
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
    return Settings(**values)  # type: ignore[arg-type]


def _read_tool_table(path: Path) -> dict[str, object]:
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PipelineError(f"{path.name}: cannot read the project settings: {exc}") from exc
    table = data.get("tool", {}).get("pipeline", {})
    if not isinstance(table, dict):
        raise PipelineError(f"{path.name}: [tool.pipeline] must be a table")
    return table


def _expect_str(table: dict[str, object], key: str) -> str:
    value = table[key]
    if not isinstance(value, str) or not value:
        raise PipelineError(f"{SETTINGS_FILE}: [tool.pipeline] {key} must be a non-empty string")
    return value
