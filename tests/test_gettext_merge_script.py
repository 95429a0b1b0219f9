"""benchmarks/gettext_merge.py on a tiny po/ folder written here (never the shared corpus)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "gettext_merge.py"

pytestmark = pytest.mark.skipif(
    shutil.which("msgmerge") is None or shutil.which("msgconv") is None,
    reason="GNU gettext (msgmerge, msgconv) is not installed",
)


def catalog(date: str, *entries: tuple[str, str]) -> str:
    header = (
        'msgid ""\nmsgstr ""\n'
        f'"POT-Creation-Date: {date}\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    )
    return header + "".join(f'\nmsgid "{m}"\nmsgstr "{s}"\n' for m, s in entries)


def run(corpus: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(corpus), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SCRIPT.parent.parent)},
    )


def write_po_folder(root: Path) -> None:
    po = root / "project" / "po"
    po.mkdir(parents=True)
    (po / "fr.po").write_text(
        catalog("2020-01-01 00:00+0000", ("Open the file", "Ouvrir"), ("Gone", "Parti")), "utf-8"
    )
    newer = catalog(
        "2021-01-01 00:00+0000",
        ("Open the files", "Abrir"),
        ("A  second  line", "Segunda"),
        ("New message", ""),
    )
    (po / "es.po").write_text(newer, "utf-8")
    (po / "de.po").write_text(
        catalog("2019-01-01 00:00+0000", ("A second line", "Zweite"), ("Unrelated text", "X")),
        "utf-8",
    )


def test_pairs_each_older_catalog_with_the_newest_template_and_counts_agreement(
    tmp_path: Path,
) -> None:
    write_po_folder(tmp_path)
    done = run(tmp_path, "--min-agreement", "0.97")
    assert done.returncode == 0, done.stdout + done.stderr
    rows = {line.split()[0]: line.split()[-4:] for line in done.stdout.splitlines() if "<-" in line}
    # fr: the fuzzy "Open the files", the two untranslated ones and one obsolete entry.
    assert rows["fr.po"] == ["4", "4", "0", "100.00%"]
    # de: the whitespace-only edit the pipeline keeps on purpose is counted apart.
    assert rows["de.po"] == ["4", "3", "1", "100.00%"]
    assert "2 pairs" in done.stdout


def test_exits_1_below_min_agreement_or_without_pairs(tmp_path: Path) -> None:
    write_po_folder(tmp_path)
    assert run(tmp_path, "--min-agreement", "1.01").returncode == 1
    assert run(tmp_path / "project" / "none").returncode == 1
