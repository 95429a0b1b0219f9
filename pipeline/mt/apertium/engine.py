"""The Apertium engine: the pairs whose modes are installed, one translator per pair.

Apertium names languages with ISO 639-3 codes (``spa-eng``); Babel's locale data maps them to the
project's codes. Modes with a variant (``spa-eng_US``) are left out: the plain pair is the one
the project's language codes name.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from pipeline.config import Settings
from pipeline.errors import PipelineError
from pipeline.mt.apertium.translator import ApertiumTranslator, run_apertium
from pipeline.mt.engine import ModelsUnavailable
from pipeline.mt.routes import Pair

COMMAND = "apertium"
MODES_DIR = Path("/usr/share/apertium/modes")
INSTALL_ADVICE = (
    "Apertium's pairs are system packages: install them with "
    "`sudo apt-get install apertium apertium-eng-spa` (Debian/Ubuntu; other pairs: "
    "`apt-cache search apertium-`)"
)


class ApertiumEngine:
    """Apertium's installed modes, through the ``apertium`` command (one process per batch)."""

    name = "apertium"

    def __init__(self, command: str = COMMAND) -> None:
        self.command = command
        self._translators: dict[Pair, ApertiumTranslator] = {}

    def pairs(self) -> frozenset[Pair]:
        return frozenset(self._modes)

    def ensure(self, pairs: Sequence[Pair]) -> None:
        missing = [pair for pair in pairs if pair not in self._modes]
        if not missing:
            return
        if shutil.which(self.command) is None:
            raise ModelsUnavailable(f"Apertium is not installed. {INSTALL_ADVICE}")
        names = ", ".join(str(pair) for pair in missing)
        raise ModelsUnavailable(f"Apertium has no mode for {names}. {INSTALL_ADVICE}")

    def install(self) -> list[str]:
        """Nothing to do when the command is there: its pairs come with the system's packages."""
        if shutil.which(self.command) is None:
            raise PipelineError(f"Apertium is not installed. {INSTALL_ADVICE}")
        return []

    def identity(self, pair: Pair) -> str:
        mode = self._modes[pair]
        return f"apertium-{mode}@{_mode_version(mode)}"

    def translator(self, pair: Pair) -> ApertiumTranslator:
        if pair not in self._translators:
            self._translators[pair] = ApertiumTranslator(self.command, self._modes[pair])
        return self._translators[pair]

    @functools.cached_property
    def _modes(self) -> dict[Pair, str]:
        if shutil.which(self.command) is None:
            return {}
        listed = run_apertium([self.command, "-l"], "")
        modes: dict[Pair, str] = {}
        for mode in listed.split():
            pair = _pair_of_mode(mode)
            if pair is not None:
                modes.setdefault(pair, mode)
        return modes


def _pair_of_mode(mode: str) -> Pair | None:
    """``spa-eng`` → es→en; None for variants (``spa-eng_US``) and codes Babel does not know."""
    parts = mode.split("-")
    if len(parts) != 2 or not all(part.isalpha() for part in parts):
        return None
    codes = [_iso_639_1(part) for part in parts]
    if None in codes:
        return None
    return Pair(codes[0], codes[1])


@functools.cache
def _iso_639_1(code: str) -> str | None:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code).language
    except (UnknownLocaleError, ValueError):
        return None


@functools.cache
def _mode_version(mode: str) -> str:
    """The version of the Debian package holding the mode (``0.8.1-2``), else ``unknown``."""
    mode_file = MODES_DIR / f"{mode}.mode"
    try:
        owner = subprocess.run(
            ["dpkg-query", "-S", str(mode_file)], capture_output=True, text=True, check=True
        ).stdout.split(":")[0]
        return subprocess.run(
            ["dpkg-query", "-W", "-f", "${Version}", owner],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def create(settings: Settings, flags: Mapping[str, object]) -> ApertiumEngine:
    """The engine; it takes no settings or flags of its own."""
    return ApertiumEngine()
