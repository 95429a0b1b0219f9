"""benchmarks/gettext_conformance.py on a tiny corpus written here (never the shared corpus)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "gettext_conformance.py"

pytestmark = pytest.mark.skipif(
    shutil.which("msgcat") is None or shutil.which("msgfmt") is None,
    reason="GNU gettext (msgcat, msgfmt) is not installed",
)

GOOD = """\
msgid ""
msgstr ""
"Project-Id-Version: t 1\\n"
"PO-Revision-Date: 2024-01-01 00:00+0000\\n"
"Last-Translator: A <a@example.org>\\n"
"Language-Team: Spanish <es@example.org>\\n"
"Language: es\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"

#: a.c:1
msgid "Hello"
msgstr "Hola"
"""
BROKEN = 'msgid "a"\nmsgstr "b"\nnonsense here\n'  # msgfmt and the reader both reject it


def run(corpus: Path, *args: str, path: str | None = None) -> tuple[int, dict[str, list[str]]]:
    """Exit code and the table's rows (group -> cells) of one run of the script."""
    env = dict(os.environ)
    if path is not None:
        env["PATH"] = path + os.pathsep + env["PATH"]
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(corpus), "--jobs", "1", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    lines = done.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("group "))
    rows = {}
    for line in lines[header + 1 :]:
        if not line.strip():
            break
        group, *cells = line.split()
        rows[group] = cells
    return done.returncode, rows


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "one").mkdir(parents=True)
    (root / "two" / "deeper").mkdir(parents=True)
    (root / "README.md").write_text("not part of any group\n")
    (root / "one" / "good.po").write_text(GOOD)
    (root / "one" / "broken.po").write_text(BROKEN)
    (root / "two" / "deeper" / "good.po").write_text(GOOD.replace("Hola", "Buenas"))
    return root


def fake_tool(folder: Path, name: str, script: str) -> str:
    folder.mkdir()
    tool = folder / name
    tool.write_text("#!/bin/sh\n" + script + "\n")
    tool.chmod(0o755)
    return str(folder)


# columns: tried both no-msgcat identical ident% msgfmt-only pipeline-only crashed agree%


def test_counts_per_group_and_in_total(corpus: Path) -> None:
    status, rows = run(corpus, "--min-identical", "1.0", "--min-agreement", "1.0")
    assert status == 0
    assert rows["one"] == ["2", "1", "0", "1", "100.0%", "0", "0", "0", "100.0%"]
    assert rows["two"] == ["1", "1", "0", "1", "100.0%", "0", "0", "0", "100.0%"]
    assert rows["total"] == ["3", "2", "0", "2", "100.0%", "0", "0", "0", "100.0%"]


def test_thresholds_fail_the_run(corpus: Path, tmp_path: Path) -> None:
    # A msgcat that writes nothing useful: no file is identical any more.
    bin_dir = fake_tool(tmp_path / "fake-msgcat", "msgcat", "echo other")
    status, rows = run(corpus, "--min-identical", "1.0", path=bin_dir)
    assert rows["total"][:5] == ["3", "2", "0", "0", "0.0%"]
    assert status == 1
    assert run(corpus, "--min-identical", "0.0", path=bin_dir)[0] == 0
    # A msgfmt that accepts everything: the broken file is rejected by the pipeline only.
    bin_dir = fake_tool(tmp_path / "fake-msgfmt", "msgfmt", "exit 0")
    status, rows = run(corpus, "--min-agreement", "0.99", path=bin_dir)
    assert rows["total"] == ["3", "2", "0", "2", "100.0%", "0", "1", "0", "66.7%"]
    assert status == 1


def test_a_regression_from_the_baseline_fails_the_run(corpus: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    assert run(corpus, "--write-baseline", str(baseline))[0] == 0
    files = json.loads(baseline.read_text())["files"]
    assert set(files) == {"one/good.po", "one/broken.po", "two/deeper/good.po"}
    assert files["one/good.po"]["identical"] is True
    assert files["one/broken.po"]["msgfmt"] is False
    assert files["one/broken.po"]["pipeline"] == "rejected"
    assert run(corpus, "--baseline", str(baseline))[0] == 0

    bin_dir = fake_tool(tmp_path / "bin", "msgfmt", "exit 0")  # broken.po now disagrees
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(corpus), "--baseline", str(baseline)],
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": bin_dir + os.pathsep + os.environ["PATH"]},
        check=False,
    )
    assert done.returncode == 1
    assert "regression" in done.stdout and "one/broken.po" in done.stdout
    assert "good.po" not in done.stdout.split("FAILED:")[1]
