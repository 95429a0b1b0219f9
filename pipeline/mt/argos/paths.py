"""Where argostranslate keeps its packages, its index and its downloads, read from its own settings.

argostranslate computes these once, when ``argostranslate.settings`` is first imported (from
``ARGOS_PACKAGES_DIR``, ``ARGOS_PACKAGE_INDEX``, ``XDG_DATA_HOME``, its ``settings.json``, ...).
We read the attributes at each call rather than copying them at import, so that packages
installed with Argos's own tools are found here and the other way round, and so that tests can
point the imported settings at temporary folders.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType


def _settings() -> ModuleType:
    # Imported on demand: importing it creates argostranslate's folders in the user's home.
    from argostranslate import settings

    return settings


def packages_dir() -> Path:
    """The folder new packages are installed into."""
    return Path(_settings().package_data_dir)


def package_dirs() -> list[Path]:
    """Every folder argostranslate loads packages from (``packages_dir`` first)."""
    return [Path(folder) for folder in _settings().package_dirs]


def remote_index_url() -> str:
    """The package index argostranslate would download (``ARGOS_PACKAGE_INDEX`` + index.json)."""
    return str(_settings().remote_package_index)


def index_cache() -> Path:
    """argostranslate's local copy of the package index."""
    return Path(_settings().local_package_index)


def downloads_dir() -> Path:
    """argostranslate's download cache: packages are downloaded here before installing."""
    return Path(_settings().downloads_dir)
