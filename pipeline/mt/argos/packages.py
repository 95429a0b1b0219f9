"""The Argos Translate packages of a project: which it needs, which are missing, and installing,
importing, listing and removing them.

Packages live where argostranslate keeps them (see :mod:`pipeline.mt.argos.paths`), so packages
installed with Argos's own tools count here, and the ones installed here are what it loads.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.config import Settings
from pipeline.errors import PipelineError
from pipeline.mt.argos import paths as argos_paths
from pipeline.mt.argos.download import DownloadFailed, download_first
from pipeline.mt.argos.package_files import (
    METADATA_FILE,
    PackageArchive,
    expect_package,
    install_archive,
    read_archive,
    read_metadata_file,
    remove_package_folder,
)
from pipeline.mt.argos.package_index import (
    IndexEntry,
    PackageIndex,
    cached_index,
    import_advice,
    load_index,
    package_code,
    version_key,
)
from pipeline.mt.engine import ModelsUnavailable
from pipeline.mt.routes import Pair, required_packages, route

INSTALL_ADVICE = "run `pipeline models install` (needs the internet)"


@dataclass(frozen=True)
class InstalledPackage:
    """A translation package argostranslate will load."""

    pair: Pair
    version: str
    path: Path

    def __str__(self) -> str:
        return f"{self.pair} {self.version}"


@dataclass(frozen=True)
class InstallResult:
    """What ``install`` or ``import`` did for one package."""

    package: InstalledPackage
    replaced: tuple[InstalledPackage, ...] = ()
    already_installed: bool = False

    def __str__(self) -> str:
        if self.already_installed:
            return f"{self.package}: already installed in {self.package.path}"
        replaced = "".join(f" (replaced {old.version})" for old in self.replaced)
        return f"{self.package}: installed in {self.package.path}{replaced}"


def installed_packages() -> list[InstalledPackage]:
    """The translation packages in argostranslate's package folders.

    A folder there that is not a readable package raises PipelineError naming it: argostranslate
    would fail on it at the first translation, without saying which folder is wrong.
    """
    packages: list[InstalledPackage] = []
    for folder in argos_paths.package_dirs():
        if folder.is_dir():
            packages.extend(_packages_in(folder))
    return packages


def installed_pairs() -> frozenset[Pair]:
    return frozenset(package.pair for package in installed_packages())


def installed_routes(settings: Settings) -> dict[str, tuple[Pair, ...]]:
    """For each target language, the packages that translate into it, preferring installed ones."""
    installed = installed_pairs()
    return {
        target: route(settings.source_language, target, settings.pivot_language, installed)
        for target in settings.target_languages
    }


def missing_packages(settings: Settings, pairs: Sequence[Pair] | None = None) -> list[Pair]:
    """The packages that ``pairs`` (default: what the project's languages need) lack installed.

    Uses no network.
    """
    installed = installed_pairs()
    needed = pairs
    if needed is None:
        needed = required_packages(
            settings.source_language, settings.target_languages, settings.pivot_language, installed
        )
    return [pair for pair in needed if pair not in installed]


def ensure_installed(
    settings: Settings, pairs: Sequence[Pair] | None = None
) -> dict[str, tuple[Pair, ...]]:
    """Fail before any work when a package is missing; else return :func:`installed_routes`."""
    missing = missing_packages(settings, pairs)
    if missing:
        raise ModelsUnavailable(_missing_message(settings, missing))
    return installed_routes(settings)


def install_packages(
    settings: Settings,
    pairs: Sequence[Pair] | None = None,
    *,
    index_location: str | None = None,
    upgrade: bool = False,
) -> list[InstallResult]:
    """Download and install ``pairs`` (default: what the project's languages need) from the index.

    Installed packages are kept unless ``upgrade`` and the index has a newer version. Every pair
    is checked against the index before anything is downloaded.
    """
    index = load_index(index_location)
    installed = installed_packages()
    if pairs is None:
        available = index.pairs | {package.pair for package in installed}
        pairs = required_packages(
            settings.source_language, settings.target_languages, settings.pivot_language, available
        )
    plan = [(pair, [p for p in installed if p.pair == pair]) for pair in pairs]
    _check_offered(index, [pair for pair, current in plan if not current])
    results = []
    for pair, current in plan:
        entry = _entry_to_install(index.find(pair), current, upgrade)
        if entry is None:
            results.append(InstallResult(_newest(current), already_installed=True))
        else:
            results.append(_download_and_install(entry, current))
    return results


def import_package(path: Path) -> InstallResult:
    """Install an ``.argosmodel`` file, replacing any installed package of the same pair."""
    archive = read_archive(path)
    current = [package for package in installed_packages() if package.pair == archive.pair]
    return _install(archive, current)


def remove_packages(name: str) -> list[Path]:
    """Remove the installed package(s) named by a pair (``es-en``), code or folder name."""
    packages_dir = argos_paths.packages_dir()
    folder = packages_dir / name
    if Path(name).name == name and name not in (".", "..") and folder.is_dir():
        # By folder name: works even for a broken folder that installed_packages() rejects.
        folders = [folder]
    else:
        folders = [package.path for package in _installed_for(name)]
    for found in folders:
        if found.parent.resolve() != packages_dir.resolve():
            raise PipelineError(
                f"{found} is bundled outside {packages_dir} and cannot be removed from here"
            )
        remove_package_folder(found)
    return folders


@dataclass(frozen=True)
class PackageOverview:
    """What ``pipeline models list`` shows: installed packages, and what the index offers."""

    settings: Settings
    installed: list[InstalledPackage]
    index: PackageIndex | None
    index_problem: str | None

    def lines(self) -> list[str]:
        lines = [f"Installed packages in {argos_paths.packages_dir()}:"]
        lines += [f"  {package}  {package.path}" for package in self.installed] or ["  none"]
        if self.index is None:
            lines.append(f"Package index: could not be read: {self.index_problem}")
            return lines
        lines.append(f"Needed for {self._languages()}, from the index {self.index.location}:")
        if self.index.offline_note:
            lines.append(f"  ({self.index.offline_note})")
        lines += [f"  {self._status(pair)}" for pair in self._needed()]
        return lines

    def _languages(self) -> str:
        targets = ", ".join(self.settings.target_languages)
        return f"{self.settings.source_language} → {targets}"

    def _needed(self) -> list[Pair]:
        assert self.index is not None
        available = self.index.pairs | {package.pair for package in self.installed}
        return required_packages(
            self.settings.source_language,
            self.settings.target_languages,
            self.settings.pivot_language,
            available,
        )

    def _status(self, pair: Pair) -> str:
        assert self.index is not None
        entry = self.index.find(pair)
        versions = [package.version for package in self.installed if package.pair == pair]
        offered = f"index has {entry.version} ({entry.file_name})" if entry else "not in the index"
        state = f"installed {', '.join(versions)}" if versions else "not installed"
        return f"{pair}: {state}; {offered}"


def package_overview(settings: Settings, index_location: str | None = None) -> PackageOverview:
    """Installed packages, and the index's offer for the project's languages when it can be read."""
    installed = installed_packages()
    try:
        return PackageOverview(settings, installed, load_index(index_location), None)
    except PipelineError as exc:
        return PackageOverview(settings, installed, None, str(exc))


def _packages_in(folder: Path) -> list[InstalledPackage]:
    packages = []
    for child in sorted(folder.iterdir()):
        if not child.is_dir():
            continue
        metadata = read_metadata_file(child / METADATA_FILE)
        if metadata is None:
            raise PipelineError(
                f"{child} is not a readable Argos package (no valid {METADATA_FILE}), and "
                "argostranslate cannot load any package while it is there: run "
                f"`pipeline models remove {child.name}` or delete that folder"
            )
        if metadata.get("type", "translate") == "translate":
            pair = Pair(str(metadata["from_code"]), str(metadata["to_code"]))
            packages.append(InstalledPackage(pair, str(metadata.get("package_version", "")), child))
    return packages


def _installed_for(name: str) -> list[InstalledPackage]:
    try:
        pair = Pair.parse(name)
    except PipelineError:
        raise PipelineError(
            f"{name!r} is neither a language pair (e.g. es-en) nor a package folder in "
            f"{argos_paths.packages_dir()}: `pipeline models list` shows what is installed"
        ) from None
    found = [package for package in installed_packages() if package.pair == pair]
    if not found:
        raise PipelineError(
            f"no {pair} package is installed: `pipeline models list` shows what is installed"
        )
    return found


def _check_offered(index: PackageIndex, pairs: Sequence[Pair]) -> None:
    absent = [str(pair) for pair in pairs if index.find(pair) is None]
    if absent:
        raise PipelineError(
            f"the package index {index.location} offers no {', '.join(absent)} package: check the "
            "language codes in [tool.pipeline], or import a package file with "
            "`pipeline models import FILE`"
        )


def _newest(packages: Sequence[InstalledPackage]) -> InstalledPackage:
    return max(packages, key=lambda package: version_key(package.version))


def _entry_to_install(
    entry: IndexEntry | None, current: Sequence[InstalledPackage], upgrade: bool
) -> IndexEntry | None:
    """The index entry to download, or None to keep the installed package."""
    if not current:
        return entry
    if upgrade and entry and version_key(entry.version) > version_key(_newest(current).version):
        return entry
    return None


def _download_and_install(entry: IndexEntry, current: list[InstalledPackage]) -> InstallResult:
    downloads = argos_paths.downloads_dir()
    downloads.mkdir(parents=True, exist_ok=True)
    # A private temporary name: an interrupted download never looks like a finished package.
    handle, name = tempfile.mkstemp(prefix=f".{entry.file_name}.", suffix=".part", dir=downloads)
    os.close(handle)
    partial = Path(name)
    try:
        try:
            got = download_first(entry.download_links, partial, f"{entry.pair} {entry.version}")
        except DownloadFailed as exc:
            raise PipelineError(
                f"could not download the {entry.pair} package "
                f"({exc or 'the index gives no http(s) link'}): connect to the internet and "
                f"retry, or {import_advice(entry.file_name)}"
            ) from exc
        if entry.sha256 and got.sha256 != entry.sha256:
            raise PipelineError(
                f"{got.url} arrived damaged (SHA-256 {got.sha256}, the index says "
                f"{entry.sha256}): run the install again"
            )
        archive = read_archive(partial, name=got.url)
        expect_package(archive, entry.pair, entry.version)
        return _install(archive, current)
    finally:
        partial.unlink(missing_ok=True)


def _install(archive: PackageArchive, current: list[InstalledPackage]) -> InstallResult:
    packages_dir = argos_paths.packages_dir()
    # Older versions elsewhere (bundled, read-only folders) stay; argostranslate loads both.
    replaced = tuple(
        package for package in current if package.path.parent.resolve() == packages_dir.resolve()
    )
    path = install_archive(archive, packages_dir, [package.path for package in replaced])
    package = InstalledPackage(archive.pair, archive.version, path)
    return InstallResult(package, tuple(old for old in replaced if old.path != path))


def _missing_message(settings: Settings, missing: list[Pair]) -> str:
    index = cached_index()  # only to name the files: this check must not need the network
    entries = [index.find(pair) if index else None for pair in missing]
    downloads = [
        entry.download_links[0] if entry and entry.download_links else f"{package_code(pair)}-*"
        for pair, entry in zip(missing, entries, strict=True)
    ]
    where = "" if all(entries) else f" (links are in {argos_paths.remote_index_url()})"
    targets = ", ".join(settings.target_languages)
    return (
        f"missing Argos Translate package(s) {', '.join(map(str, missing))}, needed to translate "
        f"{settings.source_language} into {targets}: {INSTALL_ADVICE}, or on a machine with "
        f"internet download {', '.join(downloads)}{where} and run "
        "`pipeline models import FILE` for each file"
    )
