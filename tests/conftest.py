"""Shared fixtures: a throw-away project folder with the seed article in it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = REPO / "seeds" / "rusia-kazajistan-alianza.txt"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project (default settings) whose seeds/ holds the seed article."""
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    return tmp_path
