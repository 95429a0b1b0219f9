"""Source documents found, read and segmented (by the parser ``pipeline.sources`` has for them)."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.document import DEFAULT_OPTIONS, Document, SourceOptions, SourceSyntaxError
from pipeline.errors import PipelineError
from pipeline.files import read_regular_file
from pipeline.sources import format_for, is_registered

_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f]")


def load_document(
    path: Path, display_name: str | None = None, options: SourceOptions = DEFAULT_OPTIONS
) -> Document:
    """Read and segment one source file with the project's ``options``; errors name the file as
    ``display_name`` (or its path)."""
    name = display_name or str(path)
    if _UNSAFE_NAME.search(path.name):
        raise PipelineError(
            f"{name!r}: the file name holds a line break or another control character, which "
            "catalogs and pages named after it cannot hold; rename the file"
        )
    source_format = format_for(path, name)
    source_text = read_source(path, name)
    try:
        segments = source_format.parser(source_text, options)
    except SourceSyntaxError as exc:
        raise PipelineError(f"{name}:{exc.line}: {exc}") from exc
    if not segments:
        raise PipelineError(
            f"{name}: the document is empty; write at least a headline, or remove the file"
        )
    return Document(
        doc_id=path.stem,
        path=path,
        segments=tuple(segments),
        format=source_format.name,
        source_text=source_text,
        options=options,
    )


def read_source(path: Path, name: str | None = None) -> str:
    """The text of a source file: UTF-8 (a BOM is dropped), line endings normalised to ``\\n``."""
    name = name or str(path)
    try:
        data = read_regular_file(path, name, "a UTF-8 text file")
    except OSError as exc:
        raise PipelineError(f"{name}: cannot read the source document: {exc.strerror}") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PipelineError(
            f"{name}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8 and run again"
        ) from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in text:
        line = text.count("\n", 0, text.index("\0")) + 1
        raise PipelineError(
            f"{name}:{line}: a NUL byte, which no text or catalog may hold; "
            "remove it (the file may not be text) and run again"
        )
    return text


def discover_sources(seeds: Path, pattern: str = "*") -> list[Path]:
    """Source documents in ``seeds`` in a stable order (by name).

    Hidden files and plain subfolders are not documents; any other file is, so one whose suffix
    no format reads is reported when it is loaded rather than silently left out.
    """
    if not seeds.is_dir():
        raise PipelineError(
            f"{seeds}: no seeds folder; create it and put the Spanish source documents in it"
        )
    paths = sorted(
        p
        for p in seeds.glob(pattern)
        if not p.name.startswith(".") and (is_registered(p) or not p.is_dir())
    )
    _refuse_shared_ids(seeds, paths)
    return paths


def _refuse_shared_ids(seeds: Path, paths: list[Path]) -> None:
    """Two sources with one stem would write the same catalogs and pages."""
    by_id: dict[str, Path] = {}
    for path in paths:
        other = by_id.setdefault(path.stem, path)
        if other is not path:
            first, second = (p.relative_to(seeds.parent) for p in (other, path))
            raise PipelineError(
                f"{first} and {second}: two sources of the document {path.stem!r}, whose catalogs "
                "and pages would be one; rename or remove one of them"
            )
