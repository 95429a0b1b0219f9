"""``kill -9`` at random moments of ``pipeline translate``: nothing a person wrote is lost.

The real CLI runs in a subprocess with the copy models and is killed (SIGKILL: no handler, no
clean-up) at seeded random moments; after each kill every catalog must read and pass
``msgfmt --check`` and every reviewed translation must be intact; then a run that is left alone
finishes the work without redoing what the killed runs saved. The figures are printed (``-s``).
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.gettext import read_po
from pipeline.provenance import read_provenance

DOCUMENTS = 3
KILLS = 6
SEED = 20261202
REVIEWED_PER_CATALOG = 2
RUN_TIMEOUT = 60


@pytest.fixture
def killable_project(project: Path, install_argos) -> tuple[Path, dict[str, str]]:
    """A project of three documents, extracted, with two reviewed entries in each catalog."""
    seed = next((project / "seeds").iterdir())
    for number in range(1, DOCUMENTS):
        shutil.copy(seed, project / "seeds" / f"copia-{number}.txt")
    result = CliRunner().invoke(main, ["--project", str(project), "extract"])
    assert result.exit_code == 0, result.output
    packages = install_argos("copy-es-en", "copy-en-ru")
    for path in catalogs(project):
        po = polib.pofile(str(path))
        for entry in po[:REVIEWED_PER_CATALOG]:
            entry.msgstr = f"Reviewed by a person: {entry.msgid}"
        po.save()
    return project, {
        **os.environ,
        "PIPELINE_PROJECT": str(project),
        "ARGOS_PACKAGES_DIR": str(packages),
    }


def catalogs(project: Path) -> list[Path]:
    return sorted((project / "locales").glob("*/LC_MESSAGES/*.po"))


def translate(project: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", "translate"],
        env=env,
        cwd=project,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def broken_catalogs(project: Path) -> list[str]:
    broken = []
    for path in catalogs(project):
        check = subprocess.run(
            ["msgfmt", "--check", "-o", os.devnull, str(path)], capture_output=True, text=True
        )
        try:
            read_po(path)
        except Exception as exc:  # noqa: BLE001 - any failure to read is what is counted
            broken.append(f"{path.name}: {exc}")
            continue
        if check.returncode != 0:
            broken.append(f"{path.name}: {check.stderr.strip()}")
    return broken


def reviewed_lost(project: Path) -> int:
    lost = 0
    for path in catalogs(project):
        kept = [e for e in read_po(path) if e.msgstr == f"Reviewed by a person: {e.msgid}"]
        lost += REVIEWED_PER_CATALOG - sum(not e.fuzzy for e in kept)
    return lost


def drafted(project: Path) -> int:
    return sum(
        read_provenance(entry) is not None for path in catalogs(project) for entry in read_po(path)
    )


def test_kill_9_at_random_moments_breaks_no_catalog_and_loses_no_reviewed_translation(
    killable_project: tuple[Path, dict[str, str]],
) -> None:
    project, env = killable_project
    rng = random.Random(SEED)
    needed = sum(len(read_po(path)) for path in catalogs(project)) - REVIEWED_PER_CATALOG * len(
        catalogs(project)
    )
    kills = broken = lost = 0
    progress = []
    for _kill in range(KILLS):
        before = drafted(project)
        run = translate(project, env)
        time.sleep(rng.uniform(0.3, 3.0))
        if run.poll() is None:
            run.send_signal(signal.SIGKILL)
            kills += 1
        run.communicate(timeout=RUN_TIMEOUT)
        broken += len(broken_catalogs(project))
        lost += reviewed_lost(project)
        progress.append(drafted(project) - before)
    missing = needed - drafted(project)
    final = subprocess.run(
        [sys.executable, "-m", "pipeline", "translate"],
        env=env,
        cwd=project,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
    )
    assert final.returncode == 0, final.stderr
    redone = sum(map(int, re.findall(r"^drafted .*\((\d+) entries\)$", final.stdout, re.M)))
    redone -= missing
    print(
        f"\nkills {kills} / catalogs broken {broken} / reviewed lost {lost} / "
        f"work redone {redone} entries; saved per killed run {progress}; {needed} needed"
    )
    assert kills >= KILLS // 2
    assert (broken, lost, redone) == (0, 0, 0)
    assert drafted(project) == needed
    assert broken_catalogs(project) == []
