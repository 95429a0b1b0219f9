"""Stamps: the files a stage last found it had nothing more to do for, by content digest.

A re-run of an unchanged project should cost next to nothing, yet any edit must still be seen:
a person's save of a PO file, a changed source, a catalog restored from git, a new setting, a new
version of the pipeline. So a stage records, per document, the digest of every file it read and
wrote when it knew that running it again would change nothing; the next run digests those files
(bytes only: no parse, no formatting) and skips the document only when every digest is as
recorded. Each stage's records are keyed by the project's settings and the pipeline's own code,
so a configuration change or an upgrade drops them all.

A stamp is a claim about contents (these bytes in, nothing to do), never about a moment, so a
stamp lost to a concurrent run only costs a full run; it can never make a run skip work.
The stamps live in ``locales/.stamps.json`` beside the memory's cache; a missing or unreadable
file is no stamp at all.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path

from pipeline.atomic import write_bytes_atomic
from pipeline.catalog_save import read_bytes
from pipeline.config import Settings
from pipeline.document import Document

STAMPS_NAME = ".stamps.json"
ABSENT = "-"  # the digest of a file that is not there


def digest(data: bytes | None) -> str:
    """The digest a stamp keeps of a file's bytes (None: no file)."""
    return ABSENT if data is None else hashlib.blake2b(data, digest_size=16).hexdigest()


# Libraries whose upgrade could change what a stage writes from the same inputs.
_LIBRARIES = ("polib", "Jinja2", "MarkupSafe", "markdown-it-py", "pysbd")


def document_digest(document: Document) -> str:
    """A source document as a stage sees it once read: format, text and every segment."""
    return digest(repr((document.format, document.source_text, document.segments)).encode())


@functools.cache
def code_digest() -> str:
    """A digest of the pipeline's own files (code and packaged templates) and of the versions
    of the libraries it writes through: stamps made by another version are not trusted."""
    package = Path(__file__).resolve().parent
    hasher = hashlib.blake2b(digest_size=16)
    for library in _LIBRARIES:
        try:
            hasher.update(f"{library}=={metadata.version(library)}\n".encode())
        except metadata.PackageNotFoundError:
            hasher.update(f"{library} absent\n".encode())
    for path in sorted(package.rglob("*")):
        # .po: the page strings (pipeline/templates/locale) are read at run time
        if path.suffix in {".py", ".html", ".md", ".css", ".po"} and path.is_file():
            hasher.update(path.relative_to(package).as_posix().encode())
            hasher.update(path.read_bytes())
    return hasher.hexdigest()


class Stamps:
    """One stage's stamps in a project: ``valid`` to ask, ``record`` to add, ``save`` at the end."""

    def __init__(self, settings: Settings, stage: str) -> None:
        self._path = settings.locales / STAMPS_NAME
        self._stage = stage
        # Not the root: files are named relative to it, so a project moved keeps its stamps.
        where_not = dataclasses.replace(settings, root=Path("."))
        self._key = hashlib.blake2b(
            f"{code_digest()}\n{where_not!r}\n{stage}".encode(), digest_size=16
        ).hexdigest()
        section = _read(self._path).get(stage, {})
        fresh = isinstance(section, dict) and section.get("key") == self._key
        self._records: dict[str, dict] = section.get("records", {}) if fresh else {}
        self._changed = False

    def valid(self, name: str, digests: Mapping[str, str]) -> dict | None:
        """The data recorded with ``name`` if its files' digests are all as recorded, else None.

        ``digests`` maps each file (as the stage names it) to its digest now.
        """
        record = self._records.get(name)
        if not isinstance(record, dict) or record.get("files") != dict(digests):
            return None
        return record.get("data", {})

    def recorded(self, name: str) -> dict | None:
        """The data recorded with ``name``, whether or not its files are still as recorded."""
        record = self._records.get(name)
        return record.get("data", {}) if isinstance(record, dict) else None

    def record(self, name: str, digests: Mapping[str, str], data: dict | None = None) -> None:
        """``name`` has nothing more to do while its files have these digests."""
        record = {"files": dict(digests), "data": data or {}}
        if self._records.get(name) != record:
            self._records[name] = record
            self._changed = True

    def replace(self, name: str, file: str, old: str, new: str) -> None:
        """``file`` of ``name`` now has digest ``new``, if it had ``old`` when recorded: for a
        stage that changed a file in a way this stage's work is known not to depend on."""
        record = self._records.get(name)
        if isinstance(record, dict) and record.get("files", {}).get(file) == old and old != new:
            record["files"][file] = new
            self._changed = True

    def save(self) -> None:
        """Write this stage's records (other stages' as they are on disk now), if any changed.

        A folder that cannot be written (read-only catalogs, a full disk) only means no stamps:
        the stage's own work is done and written.
        """
        if not self._changed or not self._path.parent.is_dir():
            return
        stored = _read(self._path)
        stored[self._stage] = {"key": self._key, "records": self._records}
        try:
            write_bytes_atomic(self._path, json.dumps(stored, sort_keys=True).encode("utf-8"))
        except OSError:
            return
        self._changed = False


def file_digest(path: Path) -> str:
    return digest(read_bytes(path))


def _read(path: Path) -> dict:
    data = read_bytes(path)
    if data is None:
        return {}
    try:
        stored = json.loads(data)
    except ValueError:
        return {}
    return stored if isinstance(stored, dict) else {}
