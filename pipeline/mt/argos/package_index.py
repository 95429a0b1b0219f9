"""The Argos package index: which packages exist, in which version, and where to download them.

The index is argostranslate's JSON list of package metadata. It is read from the URL in
argostranslate's settings, or from a URL or file the user names; a downloaded index is kept in
argostranslate's own local copy (as ``argospm update`` does), and that copy is used when the
network cannot be reached.
"""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from pipeline.atomic import write_bytes_atomic
from pipeline.errors import PipelineError
from pipeline.mt.argos import paths as argos_paths
from pipeline.mt.argos.download import NETWORK_ERRORS, error_reason, fetch
from pipeline.mt.routes import Pair


def package_code(pair: Pair) -> str:
    """The name Argos gives the package of a pair, e.g. ``translate-es_en``."""
    return f"translate-{pair.from_code}_{pair.to_code}"


def import_advice(file_name: str = "the .argosmodel file") -> str:
    """How to install a package without internet here; the end of offline error messages."""
    return (
        f"download {file_name} on a machine with internet and install it here with "
        "`pipeline models import FILE`"
    )


@dataclass(frozen=True)
class IndexEntry:
    """One package the index offers."""

    pair: Pair
    version: str
    code: str
    links: tuple[str, ...]
    sha256: str | None = None

    @property
    def download_links(self) -> tuple[str, ...]:
        """The links we can download from (Argos also lists ipfs:// ones)."""
        return tuple(link for link in self.links if is_http_url(link))

    @property
    def file_name(self) -> str:
        """The package's file name, e.g. ``translate-es_en-1_9.argosmodel``."""
        for link in self.download_links:
            name = PurePosixPath(urlsplit(link).path).name
            if name:
                return name
        return f"{self.code}-{self.version.replace('.', '_')}.argosmodel"


@dataclass(frozen=True)
class PackageIndex:
    """The translation packages of an index, the newest one per pair."""

    location: str
    entries: Mapping[Pair, IndexEntry]
    # Set when ``location`` could not be reached and argostranslate's cached copy was read.
    offline_note: str | None = None

    def find(self, pair: Pair) -> IndexEntry | None:
        return self.entries.get(pair)

    @property
    def pairs(self) -> frozenset[Pair]:
        return frozenset(self.entries)


def is_http_url(text: str) -> bool:
    return urlsplit(text).scheme in ("http", "https")


def version_key(version: str) -> tuple[int, ...]:
    """Order package versions numerically: 1.10 is newer than 1.9."""
    return tuple(int(number) for number in re.findall(r"\d+", version))


def load_index(location: str | None = None) -> PackageIndex:
    """Read the index at ``location`` (a URL or a file; by default argostranslate's index URL).

    A downloaded index refreshes argostranslate's cached copy; when the URL cannot be reached,
    the cached copy is used if there is one, else a :class:`PipelineError` says what to do.
    """
    location = location or argos_paths.remote_index_url()
    if not is_http_url(location):
        return _read_index_file(_local_path(location))
    try:
        data = fetch(location)
    except NETWORK_ERRORS as exc:
        cached = cached_index()
        if cached is None:
            raise PipelineError(
                f"could not reach the Argos package index {location} ({error_reason(exc)}): "
                f"connect to the internet and retry, or {import_advice()}"
            ) from exc
        return replace(cached, offline_note=f"could not reach {location} ({error_reason(exc)})")
    index = parse_index(data, location)
    write_bytes_atomic(argos_paths.index_cache(), data)
    return index


def cached_index() -> PackageIndex | None:
    """argostranslate's local copy of the index, without touching the network; None if unusable."""
    path = argos_paths.index_cache()
    try:
        return parse_index(path.read_bytes(), f"{path} (cached copy)")
    except (OSError, PipelineError):
        return None


def parse_index(data: bytes, location: str) -> PackageIndex:
    """The translation packages listed in index JSON (other kinds of packages are left out)."""
    try:
        items = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise PipelineError(f"the package index {location} is not valid JSON: {exc}") from exc
    if not isinstance(items, list):
        raise PipelineError(f"the package index {location} is not a list of packages")
    entries: dict[Pair, IndexEntry] = {}
    for item in items:
        entry = _entry(item) if isinstance(item, dict) else None
        if entry is None:
            continue
        known = entries.get(entry.pair)
        if known is None or version_key(entry.version) > version_key(known.version):
            entries[entry.pair] = entry
    return PackageIndex(location, entries)


def _entry(item: dict[str, object]) -> IndexEntry | None:
    from_code, to_code = item.get("from_code"), item.get("to_code")
    if not (isinstance(from_code, str) and isinstance(to_code, str)):
        return None
    if item.get("type", "translate") != "translate":
        return None
    pair = Pair(from_code, to_code)
    links = item.get("links")
    links = links if isinstance(links, list) else []
    checksum = item.get("sha256") or item.get("checksum")
    return IndexEntry(
        pair=pair,
        version=str(item.get("package_version", "")),
        code=str(item.get("code") or package_code(pair)),
        links=tuple(link for link in links if isinstance(link, str)),
        sha256=checksum.removeprefix("sha256:").lower() if isinstance(checksum, str) else None,
    )


def _local_path(location: str) -> Path:
    if urlsplit(location).scheme == "file":
        return Path(urllib.request.url2pathname(urlsplit(location).path))
    return Path(location).expanduser()


def _read_index_file(path: Path) -> PackageIndex:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PipelineError(
            f"cannot read the package index {path} ({error_reason(exc)}): give an index file that "
            "exists, or leave out --index to use Argos's online index"
        ) from exc
    return parse_index(data, str(path))
