"""What publish last did for each document, so that an unchanged document is not rendered again.

A document's pages are a pure function of its source, its catalogs, the publish options and the
templates (the project's own and, through the stamps' code key, the packaged ones). When all of
those and the pages themselves are as publish last left them (:mod:`pipeline.stamps`), the
document is skipped and the index takes its summary from the stamp.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from pipeline.config import Settings
from pipeline.document import Document
from pipeline.stamps import ABSENT, Stamps, digest, document_digest, file_digest

STAGE = "publish"


class PublishedStamps:
    """The publish stage's stamps, for one set of options."""

    def __init__(self, settings: Settings, options: object) -> None:
        self._settings = settings
        self._stamps = Stamps(settings, STAGE)
        self._context = digest(f"{options!r}\n{_templates_digest(settings.templates)}".encode())

    def unchanged(self, document: Document) -> tuple[dict, list[str]] | None:
        """The summary (as recorded) and the pages of a document published from these very
        inputs, its pages still as written; None when it must be published again."""
        data = self._stamps.recorded(document.doc_id)
        if not data or "pages" not in data:
            return None
        pages = {page: file_digest(self._settings.root / page) for page in data["pages"]}
        if self._stamps.valid(document.doc_id, self._inputs(document) | pages) is None:
            return None
        return data["summary"], [page for page, now in pages.items() if now != ABSENT]

    def record(
        self,
        document: Document,
        summary: dict,
        pages: Mapping[Path, bytes],
        removed: Sequence[Path],
    ) -> None:
        """The document was published from its inputs as they are now: these pages written (or
        found as they were), these removed."""
        files = {self._settings.relative(path): digest(data) for path, data in pages.items()}
        files |= {self._settings.relative(path): ABSENT for path in removed}
        data = {"summary": summary, "pages": sorted(files)}
        self._stamps.record(document.doc_id, self._inputs(document) | files, data)

    def save(self) -> None:
        self._stamps.save()

    def _inputs(self, document: Document) -> dict[str, str]:
        settings = self._settings
        inputs = {
            "source": document_digest(document),
            "options and templates": self._context,
        }
        for lang in settings.target_languages:
            path = settings.catalog_path(document.doc_id, lang)
            inputs[settings.relative(path)] = file_digest(path)
        return inputs


def _templates_digest(folder: Path) -> str:
    """The project's own templates folder: every file's name and bytes."""
    if not folder.is_dir():
        return ABSENT
    parts = [
        f"{path.relative_to(folder).as_posix()}={file_digest(path)}"
        for path in sorted(folder.rglob("*"))
        if not path.is_dir()
    ]
    return digest("\n".join(parts).encode())
