"""Golden files: each source format through extract → translate → review → publish, byte for byte.

Each ``tests/golden/<case>/`` is a project's files: ``seeds/`` holds the source, and everything
else is what the pipeline must write from it, at the same paths: the template, the English and
Russian catalogs (copy-model drafts, then reviewed by removing ``fuzzy`` as a person would in an
editor) and each language's edition in the source's own format. The copy model's output is its
input, so the expected files differ from the source only where the pipeline itself acts: numbers
written the target language's way, ``lang``/``dir``, headers and provenance. Pages with the
templates' own strings (parallel pages, standalone HTML editions) are left to the publish tests,
so that a change of wording there is not a change of golden files.

After a deliberate change, regenerate and read the diff before committing:
``UPDATE_GOLDEN=1 pytest tests/test_golden.py``.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.editions import FRAGMENT_SUFFIX

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(path.name for path in GOLDEN.iterdir() if (path / "seeds").is_dir())
LANGUAGES = ("en", "ru")
# 2026-12-01 00:00 UTC: the header dates the catalogs are written with.
SOURCE_DATE_EPOCH = "1796083200"
_FLAGS_LINE = re.compile(r"^#,(.*)\n", re.MULTILINE)


def run(project: Path, *args: str) -> None:
    result = CliRunner().invoke(main, ["--project", str(project), *args])
    assert result.exit_code == 0, f"pipeline {' '.join(args)}:\n{result.output}"


def review_everything(catalog: Path) -> None:
    """Accept every draft as a reviewer editing the file would: the ``fuzzy`` flag deleted."""
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(_FLAGS_LINE.sub(_without_fuzzy, text), encoding="utf-8")


def _without_fuzzy(match: re.Match[str]) -> str:
    flags = [flag.strip() for flag in match.group(1).split(",")]
    kept = [flag for flag in flags if flag and flag != "fuzzy"]
    return f"#, {', '.join(kept)}\n" if kept else ""


def published_project(case: str, tmp_path: Path) -> Path:
    project = tmp_path / case
    shutil.copytree(GOLDEN / case / "seeds", project / "seeds")
    run(project, "extract")
    run(project, "translate")
    for catalog in sorted((project / "locales").glob("*/LC_MESSAGES/*.po")):
        review_everything(catalog)
    run(project, "publish")
    return project


def golden_files(project: Path) -> list[Path]:
    """The files a case compares, relative to its project: catalogs and source-format editions."""
    catalogs = [*project.glob("locales/*.pot"), *project.glob("locales/*/LC_MESSAGES/*.po")]
    editions = [
        _source_format_edition(project / "output" / source.stem, lang, source.suffix)
        for source in (project / "seeds").iterdir()
        for lang in LANGUAGES
    ]
    found = [path for path in [*catalogs, *editions] if path.is_file()]
    return sorted(path.relative_to(project) for path in found)


def _source_format_edition(folder: Path, lang: str, suffix: str) -> Path:
    """An HTML fragment's edition for the CMS is ``<lang>.fragment.html``: its ``<lang>.html``
    is then the standalone page, drawn by the templates."""
    fragment = folder / f"{lang}{FRAGMENT_SUFFIX}"
    return fragment if suffix == ".html" and fragment.is_file() else folder / f"{lang}{suffix}"


def expected_files(case: str) -> list[Path]:
    folder = GOLDEN / case
    files = (path.relative_to(folder) for path in folder.rglob("*") if path.is_file())
    return sorted(path for path in files if path.parts[0] != "seeds")


def difference(expected: str, actual: str, name: str) -> str:
    lines = difflib.unified_diff(
        expected.splitlines(keepends=True),
        actual.splitlines(keepends=True),
        fromfile=f"expected/{name}",
        tofile=f"written/{name}",
    )
    return "".join(lines)


@pytest.fixture
def copy_models(install_argos, monkeypatch: pytest.MonkeyPatch) -> None:
    install_argos("copy-es-en", "copy-en-ru")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)


@pytest.mark.parametrize("case", CASES)
def test_each_format_publishes_its_golden_catalogs_and_editions(
    case: str, tmp_path: Path, copy_models: None
) -> None:
    project = published_project(case, tmp_path)
    written = golden_files(project)
    if os.environ.get("UPDATE_GOLDEN"):
        for stale in expected_files(case):
            (GOLDEN / case / stale).unlink()
        for name in written:
            (GOLDEN / case / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(project / name, GOLDEN / case / name)
    assert written == expected_files(case), "files written differ from the golden files' list"
    diffs = [
        difference(
            (GOLDEN / case / name).read_text(encoding="utf-8"),
            (project / name).read_text(encoding="utf-8"),
            str(name),
        )
        for name in written
        if (GOLDEN / case / name).read_bytes() != (project / name).read_bytes()
    ]
    assert not diffs, "written files differ from tests/golden/" + case + ":\n" + "".join(diffs)
