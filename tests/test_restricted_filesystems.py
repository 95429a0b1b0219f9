"""Read-only folders and a full disk, for real: one clear line, a non-zero exit, nothing harmed.

The tests run as root on CI, and root writes through any permission; so the commands run with
the capabilities that let root bypass file permissions dropped (``setpriv``), which makes a
read-only folder read-only for them as for anyone. A full disk is a small tmpfs mounted over
``output/`` or ``locales/`` and filled; where mounting is not permitted the test is skipped.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

TIMEOUT = 120
ARTICLE = "Titular de la nota\n\nEl río crece cada primavera.\n\nFoto: archivo\n"
SECOND = "Otra nota\n\nLa lluvia llega tarde este año.\n"
KEEP_PERMISSIONS = ["--inh-caps=-dac_override,-dac_read_search",
                    "--bounding-set=-dac_override,-dac_read_search"]  # fmt: skip


def command_prefix() -> list[str]:
    """What runs a command so that file permissions apply to it, as they do to a user."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions would not apply")
    return [setpriv, *KEEP_PERMISSIONS]


def run(root: Path, *args: str, restricted: bool = False) -> subprocess.CompletedProcess[str]:
    prefix = command_prefix() if restricted else []
    return subprocess.run(
        [*prefix, sys.executable, "-m", "pipeline", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PIPELINE_PROJECT": str(root)},
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
        cwd=root,
    )


def snapshot(root: Path) -> dict[str, bytes | str]:
    return {
        path.relative_to(root).as_posix(): "dir" if path.is_dir() else path.read_bytes()
        for path in sorted(root.rglob("*"))
    }


def read_only(folder: Path) -> None:
    """Take the write bit off ``folder`` and everything under it."""
    for path in [folder, *folder.rglob("*")]:
        path.chmod(stat.S_IMODE(path.stat().st_mode) & ~0o222)


def writable(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        path.chmod(stat.S_IMODE(path.stat().st_mode) | 0o200)


def run_with_read_only(root: Path, folder: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a command while ``folder`` (under ``root``) is read-only; writable again after."""
    read_only(root / folder)
    try:
        return run(root, *args, restricted=True)
    finally:
        writable(root / folder)


def assert_clean_failure(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], result.stderr


@pytest.fixture
def published(tmp_path: Path) -> Path:
    """A project whose article is extracted and published (no models: pages show the source)."""
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "nota.txt").write_text(ARTICLE, encoding="utf-8")
    assert run(root, "extract").returncode == 0
    assert run(root, "publish").returncode == 0
    return root


@pytest.fixture
def translated(published: Path, install_argos) -> Path:
    install_argos("copy-es-en", "copy-en-ru")
    (published / "seeds" / "nota.txt").write_text(ARTICLE + "\nUn párrafo más.\n", "utf-8")
    assert run(published, "extract").returncode == 0
    return published


def test_extract_into_read_only_locales_names_the_catalog_and_changes_nothing(
    published: Path,
) -> None:
    (published / "seeds" / "otra.txt").write_text(SECOND, encoding="utf-8")
    before = snapshot(published)
    result = run_with_read_only(published, "locales", "extract")
    assert_clean_failure(result, "locales/", "Permission denied", "writable")
    assert snapshot(published) == before


def test_translate_into_read_only_catalogs_names_the_catalog_and_changes_nothing(
    translated: Path,
) -> None:
    before = snapshot(translated)
    result = run_with_read_only(translated, "locales", "translate")
    assert_clean_failure(result, "locales/", "Permission denied", "writable")
    after = snapshot(translated)
    assert after == before
    result = run(translated, "translate")  # made writable again, the same run succeeds
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("folder", ["output", "output/nota"])
def test_publish_into_a_read_only_folder_leaves_every_page_as_it_was(
    published: Path, folder: str
) -> None:
    (published / "seeds" / "nota.txt").write_text(ARTICLE + "\nUn párrafo más.\n", "utf-8")
    assert run(published, "extract").returncode == 0
    before = snapshot(published / "output")
    result = run_with_read_only(published, folder, "publish")
    assert_clean_failure(result, "output/", "Permission denied", "writable")
    after = snapshot(published / "output")
    if folder != "output":  # the index may name the document that failed
        before.pop("index.html"), after.pop("index.html")
    assert after == before


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Callable[[Path], Path]]:
    """``full_disk(folder)``: ``folder`` moved onto a small tmpfs, filled but for a few bytes."""
    mounts: list[Path] = []

    def fill(folder: Path) -> Path:
        held = tmp_path / f"held-{len(mounts)}"
        shutil.copytree(folder, held)
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)],
                                capture_output=True, text=True)  # fmt: skip
        if result.returncode != 0:
            pytest.skip(f"cannot mount a small file system here: {result.stderr.strip()}")
        mounts.append(folder)
        shutil.copytree(held, folder, dirs_exist_ok=True)
        filler = folder / ".filler"
        with filler.open("wb", buffering=0) as handle:  # unbuffered: close has nothing to write
            try:
                while True:
                    handle.write(b"\0" * 4096)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
        return filler

    yield fill
    for folder in reversed(mounts):
        subprocess.run(["umount", "-l", str(folder)], check=True)


def test_publish_onto_a_full_disk_leaves_every_page_as_it_was(published: Path, full_disk) -> None:
    (published / "seeds" / "nota.txt").write_text(ARTICLE + "\nUn párrafo más.\n", "utf-8")
    assert run(published, "extract").returncode == 0
    full_disk(published / "output")
    before = snapshot(published / "output")
    result = run(published, "publish")
    assert_clean_failure(result, "output/", "No space left on device", "free some disk space")
    assert snapshot(published / "output") == before


def test_extract_onto_a_full_disk_leaves_every_catalog_as_it_was(
    published: Path, full_disk
) -> None:
    (published / "seeds" / "otra.txt").write_text(SECOND, encoding="utf-8")
    full_disk(published / "locales")
    before = snapshot(published / "locales")
    result = run(published, "extract")
    assert_clean_failure(result, "locales/", "No space left on device", "free some disk space")
    assert snapshot(published / "locales") == before


def test_translate_onto_a_full_disk_keeps_every_catalog_whole(translated: Path, full_disk) -> None:
    full_disk(translated / "locales")
    before = snapshot(translated / "locales")
    result = run(translated, "translate")
    assert_clean_failure(result, "locales/", "No space left on device", "free some disk space")
    after = snapshot(translated / "locales")
    after.pop(".translate.lock", None), before.pop(".translate.lock", None)
    assert after == before
