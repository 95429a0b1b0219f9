"""Shared fixtures: small real Argos packages, installed into a fresh packages folder per test.

argostranslate reads its settings once, when ``argostranslate.settings`` is first imported: the
packages folder, and ``settings.json`` under ``XDG_CONFIG_HOME``; importing it also creates
folders under ``XDG_DATA_HOME`` and ``XDG_CACHE_HOME``. So, before anything imports it, this
file points all of those at a throwaway folder: a developer's own packages and settings never
leak into the tests, and the tests write nothing into their home. Per test,
``use_packages_dir`` then repoints the imported settings and clears argostranslate's caches.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

_ARGOS_HOME = Path(tempfile.mkdtemp(prefix="pipeline-tests-argos-"))
for _variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
    os.environ[_variable] = str(_ARGOS_HOME / _variable.lower())
os.environ["ARGOS_PACKAGES_DIR"] = str(_ARGOS_HOME / "packages")


@pytest.fixture(scope="session", autouse=True)
def _remove_argos_home() -> Iterator[None]:
    yield
    shutil.rmtree(_ARGOS_HOME, ignore_errors=True)


@pytest.fixture(scope="session")
def argos_archives(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """``.argosmodel`` files built once per session: copy es→en, copy en→ru, random es→en."""
    from pipeline.testing.argos_packages import cached_package, copy_package, random_package

    cache = tmp_path_factory.mktemp("argos-archives")
    specs = {
        "copy-es-en": copy_package("es", "en"),
        "copy-en-ru": copy_package("en", "ru"),
        "random-es-en": random_package("es", "en"),
    }
    return {name: cached_package(spec, cache) for name, spec in specs.items()}


InstallArgos = Callable[..., Path]


@pytest.fixture
def install_argos(argos_archives: dict[str, Path], tmp_path: Path) -> Iterator[InstallArgos]:
    """``install_argos("copy-es-en", ...)``: a fresh packages folder holding those packages.

    Installs through argostranslate's own installer; argostranslate looks only there until the
    test ends.
    """
    from pipeline.testing.argos_packages import install_packages, use_packages_dir

    with ExitStack() as stack:

        def install(*names: str) -> Path:
            folder = stack.enter_context(use_packages_dir(tmp_path / "argos-packages"))
            install_packages([argos_archives[name] for name in names], folder)
            return folder

        yield install
