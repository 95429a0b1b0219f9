"""Argos package files on disk: check an ``.argosmodel`` archive, unpack it safely, and move
package folders into or out of the packages folder atomically.

An ``.argosmodel`` is a zip of one folder holding ``metadata.json``, a CTranslate2 model in
``model/`` and a tokenizer. argostranslate loads every folder inside its packages folder and
fails on the first one it cannot read, so a half-unpacked or half-deleted package in there would
break every translation: folders are built and torn down in a work folder *beside* the packages
folder (same file system) and only renamed in or out.

A work folder is locked (``flock``) for as long as its process uses it; one a killed process left
behind is unlocked, and the next install, import or removal deletes it.

The sizes an archive declares are binding (``zipfile`` stops a member at its declared size and
fails its checksum), so an archive declaring more than ``MAX_RATIO`` times its own size, or more
than ``MAX_UNPACKED`` in all, is refused before anything is written: model weights barely
compress, and no Argos package comes near 4 GiB.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import stat
import tempfile
import time
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.mt.routes import Pair

METADATA_FILE = "metadata.json"
MODEL_FILE = "model/model.bin"
TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")
_WORK_PREFIX = ".pipeline-work-"
_WORK_LOCK = ".lock"
_STARTED = time.time()  # about when this process started: work folders older are not its own
MAX_RATIO = 20
MAX_UNPACKED = 4 << 30


@dataclass(frozen=True)
class PackageArchive:
    """An ``.argosmodel`` file that passed every check and can be installed."""

    path: Path
    name: str  # how messages name it: the file, or where it was downloaded from
    folder: str  # the one folder at the top of the archive, the package's folder name
    pair: Pair
    version: str
    unpacked_size: int


def read_archive(path: Path, name: str | None = None) -> PackageArchive:
    """Check that ``path`` is a complete, safe Argos package; raise PipelineError saying why not."""
    name = name or str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            for member in members:
                _check_member_safe(member, name)
            folder = _top_folder(members, name)
            metadata = _read_metadata(archive, folder, name)
    except zipfile.BadZipFile as exc:
        raise PipelineError(f"{name} is not an Argos package: it is not a zip archive") from exc
    except OSError as exc:
        raise PipelineError(f"cannot read {name}: {exc.strerror or exc}") from exc
    files = {_parts_of(member) for member in members if not member.is_dir()}
    _check_contents(files, folder, name)
    unpacked_size = sum(member.file_size for member in members)
    _check_declared_size(unpacked_size, path.stat().st_size, name)
    return PackageArchive(
        path=path,
        name=name,
        folder=folder,
        pair=Pair(metadata["from_code"], metadata["to_code"]),
        version=str(metadata.get("package_version", "")),
        unpacked_size=unpacked_size,
    )


def _check_declared_size(unpacked: int, packed: int, name: str) -> None:
    if unpacked > MAX_UNPACKED or unpacked > MAX_RATIO * max(packed, 1):
        raise PipelineError(
            f"{name} declares {unpacked // 10**6} MB unpacked from {packed // 10**6} MB "
            f"(at most {MAX_RATIO} times its size and {MAX_UNPACKED >> 30} GiB are accepted): "
            "it is not a model package; nothing was installed"
        )


def expect_package(archive: PackageArchive, pair: Pair, version: str) -> None:
    """Refuse an archive that is not the package the index promised."""
    if archive.pair != pair:
        raise PipelineError(f"{archive.name} holds the {archive.pair} package, not {pair}")
    if archive.version != version:
        raise PipelineError(
            f"{archive.name} holds {pair} version {archive.version or '(none)'}, "
            f"but the index offers version {version}"
        )


def install_archive(
    archive: PackageArchive, packages_dir: Path, replaces: Sequence[Path] = ()
) -> Path:
    """Unpack ``archive`` into ``packages_dir`` and return the package folder.

    The package appears complete or not at all; the folders in ``replaces`` (older versions of
    the same pair), and a folder of the same name, are removed only once the new one is in place.
    """
    packages_dir.mkdir(parents=True, exist_ok=True)
    target = packages_dir / archive.folder
    with _work_folder(packages_dir) as work:
        _check_free_space(archive, work)
        try:
            _unpack(archive, work)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise PipelineError(
                f"{archive.name} is damaged ({exc}): download it again; nothing was installed"
            ) from exc
        except OSError as exc:
            raise PipelineError(
                f"cannot unpack {archive.name} beside {packages_dir}: {exc.strerror or exc}"
            ) from exc
        _swap_in(work / archive.folder, target, work / "replaced")
        for number, old in enumerate(replaces):
            if old != target and old.exists():
                os.replace(old, work / f"old-{number}")
    return target


def remove_package_folder(folder: Path) -> None:
    """Take a package folder out of its packages folder in one rename, then delete it."""
    with _work_folder(folder.parent) as work:
        os.replace(folder, work / folder.name)


def _parts_of(member: zipfile.ZipInfo) -> tuple[str, ...]:
    # Zips written on Windows may use backslashes; treat them as separators so that a
    # "..\\" cannot slip past the checks.
    return tuple(part for part in member.filename.replace("\\", "/").split("/") if part)


def _check_member_safe(member: zipfile.ZipInfo, name: str) -> None:
    path = member.filename.replace("\\", "/")
    kind = stat.S_IFMT(member.external_attr >> 16)
    problem = None
    if path.startswith("/") or re.match(r"[A-Za-z]:", path):
        problem = "has an absolute path"
    elif ".." in _parts_of(member):
        problem = "points outside the package folder (..)"
    elif kind == stat.S_IFLNK:
        problem = "is a symbolic link"
    elif kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        problem = "is a special file"
    if problem:
        raise PipelineError(
            f"{name} is unsafe to unpack: member {member.filename!r} {problem}; "
            "nothing was installed"
        )


def _top_folder(members: list[zipfile.ZipInfo], name: str) -> str:
    tops = {
        parts[0] if len(parts) > 1 or member.is_dir() else ""
        for member in members
        if (parts := _parts_of(member))
    }
    if len(tops) != 1 or "" in tops or "." in tops:
        raise PipelineError(
            f"{name} is not an Argos package: it must hold exactly one folder with the package "
            "files in it"
        )
    return tops.pop()


def read_metadata_file(path: Path) -> dict[str, object] | None:
    """The metadata of an installed package folder; None when it is missing or unusable."""
    try:
        return parse_metadata(path.read_bytes())
    except (OSError, ValueError):
        return None


def parse_metadata(data: bytes) -> dict[str, object]:
    """Package metadata, which must name ``from_code`` and ``to_code``; ValueError says why not."""
    try:
        metadata = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"{METADATA_FILE} is not valid JSON ({exc})") from exc
    if not isinstance(metadata, dict) or not all(
        isinstance(metadata.get(key), str) and metadata[key] for key in ("from_code", "to_code")
    ):
        raise ValueError(f"{METADATA_FILE} does not give from_code and to_code")
    return metadata


def _read_metadata(archive: zipfile.ZipFile, folder: str, name: str) -> dict[str, object]:
    try:
        return parse_metadata(archive.read(f"{folder}/{METADATA_FILE}"))
    except KeyError as exc:
        raise PipelineError(f"{name} is not an Argos package: it has no {METADATA_FILE}") from exc
    except ValueError as exc:
        raise PipelineError(f"{name}: {exc}") from exc


def _check_contents(files: set[tuple[str, ...]], folder: str, name: str) -> None:
    if (folder, *MODEL_FILE.split("/")) not in files:
        raise PipelineError(f"{name} is not an Argos package: it has no model ({MODEL_FILE})")
    if not any((folder, tokenizer) in files for tokenizer in TOKENIZER_FILES):
        raise PipelineError(
            f"{name} is not an Argos package: it has no tokenizer ({' or '.join(TOKENIZER_FILES)})"
        )


@contextmanager
def _work_folder(packages_dir: Path) -> Iterator[Path]:
    """A private folder beside ``packages_dir``, locked while in use and removed with whatever
    is left in it; work folders that killed processes left behind are removed first."""
    _remove_abandoned_work(packages_dir.parent)
    try:
        work = Path(tempfile.mkdtemp(prefix=_WORK_PREFIX, dir=packages_dir.parent))
        lock = (work / _WORK_LOCK).open("w")
    except OSError as exc:
        raise PipelineError(
            f"cannot create a work folder beside {packages_dir}: {exc.strerror or exc}"
        ) from exc
    try:
        with lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _remove_abandoned_work(parent: Path) -> None:
    for work in parent.glob(f"{_WORK_PREFIX}*"):
        if work.is_dir() and not work.is_symlink() and _abandoned(work):
            shutil.rmtree(work, ignore_errors=True)


def _abandoned(work: Path) -> bool:
    """Made before this process started and not locked by a live process. (A folder made since
    may belong to a process that has not locked it yet.)"""
    try:
        if work.stat().st_mtime >= _STARTED:
            return False
        with (work / _WORK_LOCK).open("r") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except FileNotFoundError:
        pass  # killed between making the folder and locking it
    return True


def _check_free_space(archive: PackageArchive, work: Path) -> None:
    # The sizes come from the archive itself: this also stops a zip bomb before it fills the disk.
    free = shutil.disk_usage(work).free
    if archive.unpacked_size > free:
        raise PipelineError(
            f"not enough disk space to install {archive.name}: it needs "
            f"{archive.unpacked_size // 10**6} MB, {work.parent} has {free // 10**6} MB free"
        )


def _unpack(archive: PackageArchive, work: Path) -> None:
    with zipfile.ZipFile(archive.path) as opened:
        for member in opened.infolist():
            _unpack_member(opened, member, work)


def _unpack_member(opened: zipfile.ZipFile, member: zipfile.ZipInfo, work: Path) -> None:
    # Only regular files and folders, at the paths already checked; the archive's permission
    # bits are ignored on purpose (no set-uid or world-writable files).
    target = work.joinpath(*_parts_of(member))
    if member.is_dir():
        target.mkdir(parents=True, exist_ok=True)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    with opened.open(member) as source, target.open("wb") as out:
        shutil.copyfileobj(source, out, 1 << 20)


def _swap_in(new: Path, target: Path, aside: Path) -> None:
    """Rename ``new`` to ``target``, moving an existing ``target`` to ``aside`` first."""
    replacing = target.exists()
    if replacing:
        os.replace(target, aside)
    try:
        os.replace(new, target)
    except OSError:
        if replacing:
            os.replace(aside, target)
        raise
