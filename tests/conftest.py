"""Shared fixtures: argostranslate pointed at temporary folders, package zips, a local web server.

argostranslate reads its settings once, when ``argostranslate.settings`` is first imported: the
packages folder, and ``settings.json`` under ``XDG_CONFIG_HOME``; importing it also creates
folders under ``XDG_DATA_HOME`` and ``XDG_CACHE_HOME``. A session fixture points all of those at a
throwaway folder before the first test; per test, ``argos_home`` then repoints the imported
settings at the test's own folder.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import socket
import threading
import zipfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest


@pytest.fixture(scope="session", autouse=True)
def _argos_settings_for_the_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """argostranslate's folders and index URL, pointed at a throwaway folder for the session.

    Set before the first test runs, so before anything imports ``argostranslate.settings`` (no
    test module imports it at collection time): a developer's own packages and settings never
    leak into the tests, and the tests write nothing into their home. Subprocesses inherit it.
    """
    home = tmp_path_factory.mktemp("argos-home")
    with pytest.MonkeyPatch.context() as patch:
        for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            patch.setenv(variable, str(home / variable.lower()))
        patch.setenv("ARGOS_PACKAGES_DIR", str(home / "packages"))
        # The index URL argostranslate would use: nothing listens there, so no test reaches
        # the internet.
        patch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/")
        yield


@pytest.fixture
def fixture_index() -> Path:
    """A copy of the real Argos package index (96 packages, es→en and en→ru 1.9, no es→ru)."""
    return Path(__file__).parent / "fixtures" / "argos" / "index.json"


@pytest.fixture
def argos_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """argostranslate's packages folder, index copy and downloads, all under a fresh folder.

    Returns that folder; packages go to ``<folder>/packages``.
    """
    from argostranslate import settings

    home = tmp_path / "argos"
    for name in ("packages", "downloads"):
        (home / name).mkdir(parents=True)
    monkeypatch.setattr(settings, "package_data_dir", home / "packages")
    monkeypatch.setattr(settings, "package_dirs", [home / "packages"])
    monkeypatch.setattr(settings, "downloads_dir", home / "downloads")
    monkeypatch.setattr(settings, "local_package_index", home / "index.json")
    monkeypatch.setattr(settings, "remote_package_index", _unreachable_url() + "index.json")
    return home


@pytest.fixture
def unreachable_url() -> str:
    """A 127.0.0.1 URL on a port nothing listens on: connecting is refused at once."""
    return _unreachable_url()


def _unreachable_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def _package_members(
    from_code: str = "es", to_code: str = "en", version: str = "1.9"
) -> dict[str, bytes]:
    folder = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    metadata = {
        "package_version": version,
        "argos_version": "1.9.0",
        "from_code": from_code,
        "from_name": from_code,
        "to_code": to_code,
        "to_name": to_code,
    }
    return {
        f"{folder}/metadata.json": json.dumps(metadata).encode(),
        f"{folder}/model/model.bin": bytes(range(256)) * 4,
        f"{folder}/model/config.json": b"{}",
        f"{folder}/sentencepiece.model": b"not really a sentencepiece model",
        f"{folder}/README.md": b"Test package.\n",
    }


@pytest.fixture
def package_members() -> Callable[..., dict[str, bytes]]:
    """``package_members("es", "en", "1.9")``: the members of a structurally valid package zip,
    by name (the model bytes are not a real model: these tests are about packaging)."""
    return _package_members


MakePackage = Callable[..., Path]


@pytest.fixture
def make_package(tmp_path: Path) -> MakePackage:
    """``make_package("es", "en", "1.9", members=None)``: a package zip, named as Argos names it.

    ``members`` replaces the zip's contents (name → bytes) to build broken packages.
    """
    folder = tmp_path / "built"
    folder.mkdir()

    def make(
        from_code: str = "es",
        to_code: str = "en",
        version: str = "1.9",
        members: dict[str, bytes] | None = None,
    ) -> Path:
        path = folder / f"translate-{from_code}_{to_code}-{version.replace('.', '_')}.argosmodel"
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in (members or _package_members(from_code, to_code, version)).items():
                archive.writestr(name, data)
        return path

    return make


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        pass


@pytest.fixture
def web_server(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A web server on 127.0.0.1 serving a fresh folder: yields (folder, base URL)."""
    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


ServePackages = Callable[..., str]


@pytest.fixture
def serve_packages(web_server: tuple[Path, str]) -> ServePackages:
    """``serve_packages(zip, ..., overrides={})``: serve package zips and an index of them.

    Returns the index URL. Each entry links an ipfs:// address (to be skipped) and the zip;
    ``overrides`` maps a zip to fields that replace its index entry's (e.g. ``links``).
    """
    root, base = web_server

    def serve(*packages: Path, overrides: dict[Path, dict[str, object]] | None = None) -> str:
        entries = []
        for package in packages:
            shutil.copy(package, root / package.name)
            links = ["ipfs://QmNotDownloadable", base + package.name]
            entry = {**_metadata_of(package), "links": links, **(overrides or {}).get(package, {})}
            entries.append(entry)
        (root / "index.json").write_text(json.dumps(entries), encoding="utf-8")
        return base + "index.json"

    return serve


def _metadata_of(package: Path) -> dict[str, object]:
    with zipfile.ZipFile(package) as archive:
        name = next(n for n in archive.namelist() if n.endswith("/metadata.json"))
        metadata = json.loads(archive.read(name))
    return {**metadata, "code": f"translate-{metadata['from_code']}_{metadata['to_code']}"}


REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "rusia-kazajistan-alianza.txt"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project (default settings) whose seeds/ holds the seed article."""
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    return tmp_path


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


@pytest.fixture
def qa_project(tmp_path: Path) -> Path:
    """A copy of the qa fixture project: one document, English and Russian catalogs."""
    shutil.copytree(Path(__file__).parent / "fixtures" / "qa" / "project", tmp_path / "project")
    return tmp_path / "project"
